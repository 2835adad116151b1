/**
 * Sessions: create, fork, call, state, close — with leases, limits and a journal.
 *
 * A session mounts one or more domains on one seed and holds their state (see state/engine.ts).
 * Everything a caller can get wrong comes back as a clear error: an unknown session or tool, bad
 * arguments, an oversized payload, too many sessions. A tool's own failure is a call outcome the
 * model reads, never an exception, and leaves the state as it was.
 */
import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import type { CallEnv, Domain, Tool } from "../servers/framework/domain.ts";
import { ToolError } from "../servers/framework/errors.ts";
import { editDistance } from "../servers/framework/text.ts";
import { portableArgs } from "../servers/framework/portable.ts";
import { MINUTE } from "../servers/framework/time.ts";
import { worldFor } from "../servers/framework/world.ts";
import { EnvError } from "./errors.ts";
import {
  parseAssistant,
  renderToolTurn,
  toolMessages,
  type ChatMessage,
  type FormatError,
  type ParsedToolCall,
  type ToolCallFormat,
  type ToolReply,
} from "./formats/index.ts";
import { byteSize, cut, digestOf, jsonProblem, jsonText, MAX_JSON_DEPTH, wellFormed } from "./input.ts";
import { Journal, RECORD_BYTES, type CallOutcome, type CallRecord, type ReplyRecord } from "./journal.ts";
import { canonicalJson } from "./state/canonical.ts";
import { SeedCache } from "./state/base.ts";
import { SessionState, type StateSnapshot } from "./state/engine.ts";

export interface EnvLimits {
  /** Open sessions at most; past it, create and fork answer resource_exhausted. */
  maxSessions: number;
  /** A session nobody touched for this long is closed. */
  idleTtlMs: number;
  /** Serialised arguments of one call, at most; larger ones are refused and journaled as a digest. */
  maxArgsBytes: number;
  /** Serialised result of one call, at most (lists are paginated well below it). */
  maxResultBytes: number;
  /** Calls one session may make (parse errors count as calls). Past it: failed_precondition, not retryable. */
  maxCallsPerSession: number;
  /** Bytes one session's journal may hold (arguments, results, replies); past it: failed_precondition. */
  maxJournalBytes: number;
  /** Copies one fork request may ask for. */
  maxForks: number;
  /** How deeply a call's JSON arguments may nest. */
  maxJsonDepth: number;
  /** Raw model output one Step may carry. */
  maxAssistantBytes: number;
}

export const DEFAULT_LIMITS: EnvLimits = {
  maxSessions: 20_000,
  idleTtlMs: 30 * MINUTE,
  maxArgsBytes: 64 * 1024,
  maxResultBytes: 256 * 1024,
  maxCallsPerSession: 1_000,
  maxJournalBytes: 16 * 1024 * 1024,
  maxForks: 1_024,
  maxJsonDepth: MAX_JSON_DEPTH,
  maxAssistantBytes: 256 * 1024,
};

/** Idempotency keys a session remembers (the most recent ones): enough for any retry of a batch in flight. */
export const IDEMPOTENCY_KEYS = 256;
/** Characters an idempotency key may have. */
export const MAX_KEY_LENGTH = 128;

/** Logical time that passes with each successful writing call. */
export const WRITE_TICK_MS = MINUTE;

export interface SessionInfo {
  id: string;
  domains: string[];
  seed: string;
  /** Tools this session offers (all tools of its domains unless restricted at creation). */
  tools: string[];
  parent?: string;
  calls: number;
  /** The task the session was created from (inherited by its forks), when it was. */
  task?: string;
}

export interface StepOutcome {
  calls: Array<ParsedToolCall & { record: CallRecord }>;
  formatErrors: FormatError[];
  /** The assistant's prose outside its calls. */
  reply: string;
  toolMessages: ChatMessage[];
  rendered: string;
  /** ok, or the first failure (a parse error takes precedence). */
  outcome: CallOutcome;
  hash: string;
}

export interface CreateOptions {
  domains: readonly string[];
  seed: number | string;
  /** Offer only these tools (a task's tool list); default: every tool of the domains. */
  tools?: readonly string[];
  /** The task this session plays (its id): the reward refuses to score it as another task. */
  task?: string;
}

/** Text one recorded reply may hold. */
export const MAX_REPLY_BYTES = 256 * 1024;

/** What a Step did, kept under its idempotency key; its tool messages are rebuilt from it when asked again. */
interface StepDone {
  items: StepItem[];
  reply: string;
  format: ToolCallFormat;
  hash: string;
}
type StepItem = { call: ParsedToolCall; record: CallRecord } | { error: FormatError; record: CallRecord };

/** A request done under an idempotency key: a fingerprint of the request and what it returned. */
interface Done {
  fingerprint: string;
  result: CallRecord | StepDone;
}

class Session {
  lastUsed: number;
  /** Requests done under idempotency keys, oldest first (a Map keeps insertion order). */
  readonly done = new Map<string, Done>();
  constructor(
    readonly id: string,
    readonly state: SessionState,
    readonly tools: ReadonlyMap<string, Tool>,
    readonly journal: Journal,
    now: number,
    readonly parent?: string,
    readonly task?: string,
  ) {
    this.lastUsed = now;
  }

  info(): SessionInfo {
    return {
      id: this.id,
      domains: this.state.domains.map((d) => d.name),
      seed: this.state.seed,
      tools: [...this.tools.keys()],
      ...(this.parent ? { parent: this.parent } : {}),
      calls: this.journal.length,
      ...(this.task !== undefined ? { task: this.task } : {}),
    };
  }

  /** What a key was used for, or undefined for a new key; a key reused for another request is an error. */
  recall(key: string | undefined, fingerprint: string): Done["result"] | undefined {
    if (key === undefined) return undefined;
    if (typeof key !== "string" || key.length === 0 || key.length > MAX_KEY_LENGTH || !key.isWellFormed()) {
      throw new EnvError("invalid_argument", `an idempotency key is 1-${MAX_KEY_LENGTH} characters of text`);
    }
    const done = this.done.get(key);
    if (done && done.fingerprint !== fingerprint)
      throw new EnvError("invalid_argument", `idempotency key "${key}" was already used for a different request in session ${this.id}`);
    return done?.result;
  }

  remember(key: string | undefined, fingerprint: string, result: Done["result"]): void {
    if (key === undefined) return;
    this.done.set(key, { fingerprint, result });
    if (this.done.size > IDEMPOTENCY_KEYS) this.done.delete(this.done.keys().next().value as string);
  }
}

export interface EnvironmentOptions {
  limits?: Partial<EnvLimits>;
  /** Names this process's shard; session ids start with it so clients can route by id. */
  shard?: string;
  /** Host clock for leases only (tests pass a fake); tools never see it. */
  clock?: () => number;
  /** Seeded base tables to share with other environments of this process (tests); default: its own. */
  seeds?: SeedCache;
  /** The seeds' size knob (SeedContext.scale) for an environment of its own seeds; 1 by default. */
  seedScale?: number;
}

export class Environment {
  readonly limits: EnvLimits;
  readonly shard: string;
  private readonly domains: ReadonlyMap<string, Domain>;
  private readonly sessions = new Map<string, Session>();
  /** The seeded base tables this environment's sessions share. */
  private readonly seeds: SeedCache;
  private readonly clock: () => number;
  private lastSweep = 0;

  constructor(domains: readonly Domain[], opts: EnvironmentOptions = {}) {
    this.domains = new Map(domains.map((d) => [d.name, d]));
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.shard = opts.shard ?? "s0";
    this.clock = opts.clock ?? Date.now;
    this.seeds = opts.seeds ?? new SeedCache(opts.seedScale);
  }

  servers(): Domain[] {
    return [...this.domains.values()];
  }

  domain(name: string): Domain {
    const d = this.domains.get(name);
    if (!d) throw new EnvError("not_found", `unknown server "${name}"; available: ${[...this.domains.keys()].join(", ")}`);
    return d;
  }

  get size(): number {
    return this.sessions.size;
  }

  create(opts: CreateOptions): SessionInfo {
    if (opts.domains.length === 0) throw new EnvError("invalid_argument", "a session needs at least one server (domain)");
    const domains = [...new Set(opts.domains)].map((n) => this.domain(n));
    const all = new Map<string, Tool>();
    for (const d of domains) for (const t of d.tools) all.set(t.name, t);
    let tools: ReadonlyMap<string, Tool> = all;
    if (opts.tools) {
      const unknown = opts.tools.filter((t) => !all.has(t));
      if (unknown.length) throw new EnvError("invalid_argument", `tools not in the mounted servers: ${unknown.join(", ")}`);
      tools = new Map(opts.tools.map((t) => [t, all.get(t) as Tool]));
    }
    const seed = String(opts.seed);
    if (seed.length === 0 || seed.length > 128) throw new EnvError("invalid_argument", "seed must be 1-128 characters");
    this.reserve(1);
    const session = new Session(this.newId(), SessionState.create(domains, seed, this.seeds), tools, Journal.empty(), this.clock(), undefined, opts.task);
    this.sessions.set(session.id, session);
    return session.info();
  }

  /** n sessions that start exactly where `id` is now; O(1) each, nothing is copied. */
  fork(id: string, n = 1): SessionInfo[] {
    return this.forkIds(id, n).map((child) => this.info(child));
  }

  /** `fork` naming the copies by id only: a group's copies share everything else with their parent. */
  forkIds(id: string, n = 1): string[] {
    const parent = this.get(id);
    if (!Number.isInteger(n) || n < 1 || n > this.limits.maxForks) {
      throw new EnvError("invalid_argument", `fork count must be an integer from 1 to ${this.limits.maxForks}, got ${n}`);
    }
    this.reserve(n);
    const now = this.clock();
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const child = new Session(this.newId(), parent.state.fork(), parent.tools, parent.journal.fork(), now, parent.id, parent.task);
      this.sessions.set(child.id, child);
      out.push(child.id);
    }
    return out;
  }

  /**
   * Runs one tool call; a tool's failure is an outcome in the record, never an exception. With an
   * idempotency key, asking again returns the first record without running the call twice.
   */
  call(id: string, tool: string, args: unknown, turn?: number, key?: string): CallRecord {
    if (turn !== undefined) checkTurn(turn);
    const session = this.get(id);
    const fingerprint = key === undefined ? "" : digest(["call", tool, jsonText(args), turn]);
    const again = session.recall(key, fingerprint);
    if (again) return again as CallRecord;
    this.admit(session, 1, 0);
    const record = this.run(session, tool, args, turn);
    session.remember(key, fingerprint, record);
    return record;
  }

  /**
   * `call` with the arguments as JSON text (what RPC clients send): text over the size limit is
   * journaled as a digest without being parsed; text that is not JSON is the caller's error.
   */
  callJson(id: string, tool: string, json: string, turn?: number, key?: string): CallRecord {
    if (typeof json !== "string") throw new EnvError("invalid_argument", "arguments must be JSON text");
    const size = Buffer.byteLength(json);
    if (size > this.limits.maxArgsBytes) {
      if (turn !== undefined) checkTurn(turn);
      const session = this.get(id);
      const fingerprint = key === undefined ? "" : digest(["call", tool, json, turn]);
      const again = session.recall(key, fingerprint);
      if (again) return again as CallRecord;
      this.admit(session, 1, 0);
      const record = this.append(session, wellFormed(String(tool)), digestOf(json, "too large"), turn, {
        outcome: "invalid_arguments",
        error: tooLarge(size, this.limits.maxArgsBytes),
      });
      session.remember(key, fingerprint, record);
      return record;
    }
    let args: unknown = {};
    if (json.trim() !== "") {
      try {
        args = JSON.parse(json);
      } catch (err) {
        throw new EnvError("invalid_argument", `arguments are not valid JSON: ${(err as Error).message}`);
      }
    }
    return this.call(id, tool, args, turn, key);
  }

  /**
   * Records what the assistant said to the user in a turn, for sessions driven by `call` (Step
   * records the prose of the output it parses itself); the reward reads it like Step's.
   */
  recordReply(id: string, turn: number, text: string): number {
    checkTurn(turn);
    if (typeof text !== "string") throw new EnvError("invalid_argument", "a reply is text");
    const size = Buffer.byteLength(text);
    if (size > MAX_REPLY_BYTES) throw new EnvError("invalid_argument", `the reply is ${size} bytes; at most ${MAX_REPLY_BYTES}`);
    const session = this.get(id);
    this.admit(session, 0, size);
    session.journal.reply(turn, wellFormed(text));
    return session.journal.replyEntries().length;
  }

  /**
   * Parses a model's raw output in `format`, runs its calls in order and returns the results as
   * the format's tool messages. Malformed calls become parse_error records; nothing the model
   * wrote makes it throw. Everything a Step can be refused for (its session, turn, size, the
   * session's call and journal budgets) is checked before its first call runs, so a refused Step
   * changed nothing. With an idempotency key, asking again returns the first outcome. With
   * `hash: false` the outcome's hash is empty (the state's is still exact when asked).
   */
  step(id: string, text: string, format: ToolCallFormat, turn?: number, key?: string, opts: { hash?: boolean } = {}): StepOutcome {
    if (turn !== undefined) checkTurn(turn);
    const session = this.get(id);
    if (typeof text !== "string") throw new EnvError("invalid_argument", "the assistant output must be text");
    const hash = opts.hash ?? true;
    const fingerprint = key === undefined ? "" : digest(["step", text, format, turn, hash]);
    const again = session.recall(key, fingerprint);
    if (again) return outcomeOf(again as StepDone);
    const size = Buffer.byteLength(text);
    if (size > this.limits.maxAssistantBytes)
      throw new EnvError("invalid_argument", `the assistant output is ${size} bytes; at most ${this.limits.maxAssistantBytes}`);
    const parsed = parseAssistant(format, text, this.limits.maxJsonDepth);
    const reply = turn !== undefined && parsed.reply ? parsed.reply : "";
    this.admit(session, parsed.items.length, reply ? Buffer.byteLength(reply) : 0);

    const items: StepItem[] = parsed.items.map((item) => {
      if ("error" in item) {
        const record = this.append(session, "", item.error.fragment, turn, {
          outcome: "parse_error",
          error: { code: "parse_error", message: item.error.message },
        });
        return { error: item.error, record };
      }
      return { call: item.call, record: this.run(session, item.call.name, item.call.arguments, turn) };
    });
    if (reply) session.journal.reply(turn as number, reply);
    // Hashing is what a step's writes cost most after the calls: done only when the caller reads it.
    const done: StepDone = { items, reply: parsed.reply, format, hash: hash ? session.state.hash() : "" };
    session.remember(key, fingerprint, done);
    return outcomeOf(done);
  }

  /** Refuses, before anything runs, work that would take a session past its call or journal budget. */
  private admit(session: Session, calls: number, replyBytes: number): void {
    const { maxCallsPerSession, maxJournalBytes } = this.limits;
    if (session.journal.length + calls > maxCallsPerSession) {
      throw new EnvError(
        "failed_precondition",
        `session ${session.id} has made ${session.journal.length} of its ${maxCallsPerSession} calls and ${calls} more do not fit: the limit per session (start a new session, or fork one from where this one started)`,
      );
    }
    const used = session.journal.bytes;
    if (used >= maxJournalBytes || used + replyBytes + (replyBytes ? RECORD_BYTES : 0) > maxJournalBytes) {
      throw new EnvError(
        "failed_precondition",
        `session ${session.id}'s journal holds ${used} of its ${maxJournalBytes} bytes and this does not fit (start a new session)`,
      );
    }
  }

  /** Appends a record; `argBytes` and `resultBytes` are what its arguments and result take serialised (measured when not given). */
  private append(
    session: Session,
    tool: string,
    args: unknown,
    turn: number | undefined,
    r: Outcome,
    argBytes = byteSize(args),
    resultBytes?: number,
  ): CallRecord {
    const record = { tool, args, at: session.state.now, changes: [], ...(turn === undefined ? {} : { turn }), ...r };
    return session.journal.append(record, argBytes + (r.result === undefined ? 0 : (resultBytes ?? byteSize(r.result))));
  }

  private run(session: Session, tool: string, args: unknown, turn?: number): CallRecord {
    const name = typeof tool === "string" ? wellFormed(tool) : String(tool);
    // Arguments the journal will not hold verbatim (too deep, not Unicode, too large) are kept as a digest.
    const problem = jsonProblem(args, this.limits.maxJsonDepth);
    const size = problem ? Number.POSITIVE_INFINITY : byteSize(args);
    const verbatim = !problem && size <= this.limits.maxArgsBytes;
    const kept = verbatim ? args : digestOf(jsonText(args), problem ? "not acceptable JSON" : "too large");
    const record = (r: Outcome, resultBytes?: number) => this.append(session, name, kept, turn, r, verbatim ? size : undefined, resultBytes);

    const t = typeof tool === "string" ? session.tools.get(tool) : undefined;
    if (!t) return record({ outcome: "unknown_tool", error: { code: "unknown_tool", message: unknownToolMessage(name, [...session.tools.keys()]) } });
    if (problem)
      return record({ outcome: "invalid_arguments", error: { code: "invalid_arguments", message: `arguments of ${name} are not acceptable: ${problem}` } });
    if (!verbatim) return record({ outcome: "invalid_arguments", error: tooLarge(size, this.limits.maxArgsBytes) });
    if (args === null || typeof args !== "object" || Array.isArray(args)) {
      return record({ outcome: "invalid_arguments", error: { code: "invalid_arguments", message: `arguments of ${name} must be a JSON object` } });
    }
    // A model that answers the portable schema writes null for what it leaves out: null and absent alike.
    const parsed = t.input.safeParse(portableArgs(t, args));
    if (!parsed.success) {
      return record({
        outcome: "invalid_arguments",
        error: { code: "invalid_arguments", message: formatIssues(t, parsed.error, args as Record<string, unknown>) },
      });
    }

    const domain = this.domain(t.domain);
    const at = session.state.now;
    const tx = session.state.begin();
    const env: CallEnv = { now: at, today: at.slice(0, 10), world: worldFor(session.state.seed) };
    let result: unknown;
    try {
      result = t.run(tx.db(domain), parsed.data, env) ?? {};
    } catch (err) {
      if (err instanceof ToolError) return record({ outcome: "tool_error", error: { code: err.code, message: wellFormed(err.message) } });
      return record({
        outcome: "env_error",
        error: { code: "internal", message: wellFormed(`internal error in ${name}: ${(err as Error).message ?? String(err)}`) },
      });
    }
    const resultSize = byteSize(result);
    if (resultSize > this.limits.maxResultBytes) {
      return record({
        outcome: "env_error",
        error: { code: "result_too_large", message: `${name} produced ${resultSize} bytes, over the ${this.limits.maxResultBytes}-byte limit` },
      });
    }
    const changes = tx.commit();
    if (!t.readOnly) session.state.advance(WRITE_TICK_MS);
    return record({ outcome: "ok", result, changes }, resultSize);
  }

  info(id: string): SessionInfo {
    return this.get(id).info();
  }

  hash(id: string): string {
    return this.get(id).state.hash();
  }

  /** The whole state as canonical JSON plus its hash. */
  state(id: string): { json: string; hash: string; snapshot: StateSnapshot } {
    const s = this.get(id).state;
    const snapshot = s.snapshot();
    return { json: canonicalJson(snapshot), hash: s.hash(), snapshot };
  }

  /** The live state object, for in-process readers (the reward's state term). */
  sessionState(id: string): SessionState {
    return this.get(id).state;
  }

  journal(id: string, from = 0): CallRecord[] {
    return this.get(id).journal.entries(from);
  }

  /** The assistant replies Step recorded, by user turn. */
  replies(id: string): ReplyRecord[] {
    return this.get(id).journal.replyEntries();
  }

  /** Skips logical time (e.g. between user turns, so deliveries progress). */
  advance(id: string, ms: number): string {
    const s = this.get(id);
    if (!Number.isFinite(ms) || ms < 0 || ms > 365 * 24 * 60 * MINUTE) throw new EnvError("invalid_argument", "advance takes 0 ms to one year");
    s.state.advance(ms);
    return s.state.now;
  }

  /** Whether a session is open (and not past its TTL), without renewing its lease. */
  has(id: string): boolean {
    const s = this.sessions.get(id);
    return s !== undefined && this.clock() - s.lastUsed <= this.limits.idleTtlMs;
  }

  /** Renews a session's lease. */
  touch(id: string): void {
    this.get(id);
  }

  close(id: string): boolean {
    return this.sessions.delete(id);
  }

  /** Closes sessions idle past the TTL; returns how many. */
  sweep(): number {
    const cutoff = this.clock() - this.limits.idleTtlMs;
    let n = 0;
    for (const [id, s] of this.sessions) {
      if (s.lastUsed < cutoff) {
        this.sessions.delete(id);
        n++;
      }
    }
    this.lastSweep = this.clock();
    return n;
  }

  private get(id: string): Session {
    const s = typeof id === "string" ? this.sessions.get(id) : undefined;
    if (!s)
      throw new EnvError(
        "not_found",
        `unknown session "${wellFormed(cut(String(id), 80))}" (closed, expired after ${this.limits.idleTtlMs / MINUTE} idle minutes, or never created)`,
      );
    const now = this.clock();
    if (now - s.lastUsed > this.limits.idleTtlMs) {
      this.sessions.delete(id);
      throw new EnvError("not_found", `session "${id}" expired after ${this.limits.idleTtlMs / MINUTE} idle minutes`);
    }
    s.lastUsed = now;
    return s;
  }

  private reserve(n: number): void {
    if (this.sessions.size + n > this.limits.maxSessions && this.clock() - this.lastSweep > 1000) this.sweep();
    if (this.sessions.size + n > this.limits.maxSessions) {
      throw new EnvError(
        "resource_exhausted",
        `session limit reached: ${this.sessions.size} open, ${n} more asked, at most ${this.limits.maxSessions}; close finished sessions`,
        1000,
      );
    }
  }

  private newId(): string {
    return `${this.shard}-${randomId()}`;
  }
}

// Unguessable session ids without a system call per id: random bytes are drawn 4 KiB at a time.
let pool = Buffer.alloc(0);
let poolAt = 0;
function randomId(): string {
  if (poolAt + 9 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += 9;
  return pool.subarray(poolAt - 9, poolAt).toString("base64url");
}

/** User turns are numbered from 0; a conversation has far fewer than this many. */
const MAX_TURN = 10_000;

function checkTurn(turn: number): void {
  if (!Number.isInteger(turn) || turn < 0 || turn > MAX_TURN)
    throw new EnvError("invalid_argument", `turn must be an integer from 0 to ${MAX_TURN}, got ${String(turn)}`);
}

type Outcome = Pick<CallRecord, "outcome" | "error" | "result"> & { changes?: CallRecord["changes"] };

function tooLarge(size: number, limit: number) {
  return { code: "payload_too_large", message: `arguments are ${size} bytes; the limit is ${limit} bytes` };
}

/** A short fingerprint of a request, to tell a retry from another request under the same key. */
function digest(parts: unknown[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(`${typeof p === "string" ? p : String(p)}\u0000`);
  return h.digest("base64url");
}

/** A Step's outcome from what it did: the calls, format errors, replies to the model and the worst outcome. */
function outcomeOf(done: StepDone): StepOutcome {
  const calls: StepOutcome["calls"] = [];
  const formatErrors: FormatError[] = [];
  const replies: ToolReply[] = [];
  let outcome: CallOutcome = "ok";
  done.items.forEach((item, n) => {
    const o = item.record.outcome;
    if (o !== "ok" && (outcome === "ok" || (o === "parse_error" && outcome !== "parse_error"))) outcome = o;
    if ("error" in item) {
      formatErrors.push(item.error);
      replies.push({
        callId: `call_${n}`,
        name: "",
        content: JSON.stringify({ error: { code: "parse_error", message: `could not parse this tool call: ${item.error.message}` } }),
      });
      return;
    }
    calls.push({ ...item.call, record: item.record });
    replies.push({ callId: item.call.id, name: item.call.name, content: JSON.stringify(o === "ok" ? item.record.result : { error: item.record.error }) });
  });
  return {
    calls,
    formatErrors,
    reply: done.reply,
    toolMessages: toolMessages(done.format, replies),
    rendered: renderToolTurn(done.format, replies),
    outcome,
    hash: done.hash,
  };
}

function formatIssues(tool: Tool, error: z.ZodError, args: Record<string, unknown>): string {
  const parts = error.issues.slice(0, 8).map((i) => {
    const where = i.path.length ? i.path.join(".") : "arguments";
    if (i.code === "unrecognized_keys") {
      return `unknown parameter${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")} (valid: ${tool.params.map((p) => p.name).join(", ")})`;
    }
    if (i.code === "invalid_type" && i.path.length === 1 && !(String(i.path[0]) in args)) return `${where}: required`;
    return `${where}: ${i.message.replace(/^Invalid input: /, "")}`;
  });
  return `invalid arguments for ${tool.name}: ${parts.join("; ")}`;
}

/** What a model reads when it names a tool the session does not offer: the near misses, or what there is. */
export function unknownToolMessage(name: string, names: readonly string[]): string {
  const close = names
    .map((n) => [n, editDistance(n, name, 8)] as const)
    .filter(([, d]) => d <= Math.max(2, Math.floor(name.length / 4)))
    .sort((a, b) => a[1] - b[1])
    .slice(0, 3)
    .map(([n]) => n);
  const hint = close.length ? ` Did you mean ${close.join(" or ")}?` : ` Available tools: ${names.slice(0, 40).join(", ")}${names.length > 40 ? ", …" : ""}.`;
  return `unknown tool "${cut(name, 64)}".${hint}`;
}

export type { CallOutcome, CallRecord, ReplyRecord };
