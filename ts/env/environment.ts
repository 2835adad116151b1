/**
 * Sessions: create, fork, call, state, close — with leases, limits and a journal.
 *
 * A session mounts one or more domains on one seed and holds their state (see state/engine.ts).
 * Everything a caller can get wrong comes back as a clear error: an unknown session or tool, bad
 * arguments, an oversized payload, too many sessions. A tool's own failure is a call outcome the
 * model reads, never an exception, and leaves the state as it was.
 */
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { CallEnv, Domain, Tool } from "../servers/framework/domain.ts";
import { ToolError } from "../servers/framework/errors.ts";
import { editDistance } from "../servers/framework/text.ts";
import { MINUTE } from "../servers/framework/time.ts";
import { worldFor } from "../servers/framework/world.ts";
import { EnvError } from "./errors.ts";
import { parseAssistant, renderToolTurn, toolMessages, type ChatMessage, type FormatError, type ParsedToolCall, type ToolCallFormat, type ToolReply } from "./formats/index.ts";
import { Journal, type CallOutcome, type CallRecord, type ReplyRecord } from "./journal.ts";
import { canonicalJson } from "./state/canonical.ts";
import { SeedCache } from "./state/base.ts";
import { SessionState, type StateSnapshot } from "./state/engine.ts";

export interface EnvLimits {
  /** Open sessions at most; past it, create and fork answer resource_exhausted. */
  maxSessions: number;
  /** A session nobody touched for this long is closed. */
  idleTtlMs: number;
  /** Serialised arguments of one call, at most. */
  maxArgsBytes: number;
  /** Serialised result of one call, at most (lists are paginated well below it). */
  maxResultBytes: number;
  /** Calls one session may make. */
  maxCallsPerSession: number;
  /** Copies one fork request may ask for. */
  maxForks: number;
}

export const DEFAULT_LIMITS: EnvLimits = {
  maxSessions: 20_000,
  idleTtlMs: 30 * MINUTE,
  maxArgsBytes: 64 * 1024,
  maxResultBytes: 1024 * 1024,
  maxCallsPerSession: 1_000,
  maxForks: 1_024,
};

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

class Session {
  lastUsed: number;
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
}

export interface EnvironmentOptions {
  limits?: Partial<EnvLimits>;
  /** Names this process's shard; session ids start with it so clients can route by id. */
  shard?: string;
  /** Host clock for leases only (tests pass a fake); tools never see it. */
  clock?: () => number;
  /** Seeded base tables to share with other environments of this process (tests); default: its own. */
  seeds?: SeedCache;
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
    this.seeds = opts.seeds ?? new SeedCache();
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
    const parent = this.get(id);
    if (!Number.isInteger(n) || n < 1 || n > this.limits.maxForks) {
      throw new EnvError("invalid_argument", `fork count must be an integer from 1 to ${this.limits.maxForks}, got ${n}`);
    }
    this.reserve(n);
    const now = this.clock();
    const out: SessionInfo[] = [];
    for (let i = 0; i < n; i++) {
      const child = new Session(this.newId(), parent.state.fork(), parent.tools, parent.journal.fork(), now, parent.id, parent.task);
      this.sessions.set(child.id, child);
      out.push(child.info());
    }
    return out;
  }

  /** Runs one tool call; a tool's failure is an outcome in the record, never an exception. */
  call(id: string, tool: string, args: unknown, turn?: number): CallRecord {
    if (turn !== undefined) checkTurn(turn);
    return this.run(this.get(id), tool, args, turn);
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
    session.journal.reply(turn, text);
    return session.journal.replyEntries().length;
  }

  /**
   * Parses a model's raw output in `format`, runs its calls in order and returns the results as
   * the format's tool messages. Malformed calls become parse_error records; nothing throws.
   */
  step(id: string, text: string, format: ToolCallFormat, turn?: number): StepOutcome {
    if (turn !== undefined) checkTurn(turn);
    const session = this.get(id);
    const parsed = parseAssistant(format, text);
    const calls: StepOutcome["calls"] = [];
    const formatErrors: FormatError[] = [];
    const replies: ToolReply[] = [];
    let outcome: CallOutcome = "ok";
    const worse = (o: CallOutcome) => {
      if (outcome === "ok" || (o === "parse_error" && outcome !== "parse_error")) outcome = o;
    };
    parsed.items.forEach((item, n) => {
      if ("error" in item) {
        formatErrors.push(item.error);
        worse("parse_error");
        session.journal.append({ tool: "", args: item.error.fragment, outcome: "parse_error", error: { code: "parse_error", message: item.error.message }, changes: [], at: session.state.now, ...(turn === undefined ? {} : { turn }) });
        replies.push({ callId: `call_${n}`, name: "", content: JSON.stringify({ error: { code: "parse_error", message: `could not parse this tool call: ${item.error.message}` } }) });
        return;
      }
      const record = this.run(session, item.call.name, item.call.arguments, turn);
      if (record.outcome !== "ok") worse(record.outcome);
      calls.push({ ...item.call, record });
      replies.push({ callId: item.call.id, name: item.call.name, content: JSON.stringify(record.outcome === "ok" ? record.result : { error: record.error }) });
    });
    if (turn !== undefined && parsed.reply) session.journal.reply(turn, parsed.reply);
    return {
      calls,
      formatErrors,
      reply: parsed.reply,
      toolMessages: toolMessages(format, replies),
      rendered: renderToolTurn(format, replies),
      outcome,
      hash: session.state.hash(),
    };
  }

  private run(session: Session, tool: string, args: unknown, turn?: number): CallRecord {
    const id = session.id;
    const at = session.state.now;
    const record = (r: Omit<CallRecord, "index" | "tool" | "args" | "at" | "changes"> & { changes?: CallRecord["changes"] }) =>
      session.journal.append({ tool, args, at, changes: [], ...(turn === undefined ? {} : { turn }), ...r });

    if (session.journal.length >= this.limits.maxCallsPerSession) {
      throw new EnvError("resource_exhausted", `session ${id} has made ${session.journal.length} calls, the limit per session`);
    }
    const t = typeof tool === "string" ? session.tools.get(tool) : undefined;
    if (!t) return record({ outcome: "unknown_tool", error: { code: "unknown_tool", message: unknownToolMessage(String(tool), session.tools) } });

    const size = byteSize(args);
    if (size > this.limits.maxArgsBytes) {
      return record({
        outcome: "invalid_arguments",
        error: { code: "payload_too_large", message: `arguments are ${size} bytes; the limit is ${this.limits.maxArgsBytes} bytes` },
      });
    }
    if (args === null || typeof args !== "object" || Array.isArray(args)) {
      return record({ outcome: "invalid_arguments", error: { code: "invalid_arguments", message: `arguments of ${tool} must be a JSON object` } });
    }
    const parsed = t.input.safeParse(args);
    if (!parsed.success) {
      return record({ outcome: "invalid_arguments", error: { code: "invalid_arguments", message: formatIssues(t, parsed.error, args as Record<string, unknown>) } });
    }

    const domain = this.domain(t.domain);
    const tx = session.state.begin();
    const env: CallEnv = { now: at, today: at.slice(0, 10), world: worldFor(session.state.seed) };
    let result: unknown;
    try {
      result = t.run(tx.db(domain), parsed.data, env) ?? {};
    } catch (err) {
      if (err instanceof ToolError) return record({ outcome: "tool_error", error: { code: err.code, message: err.message } });
      return record({ outcome: "env_error", error: { code: "internal", message: `internal error in ${tool}: ${(err as Error).message ?? String(err)}` } });
    }
    const resultSize = byteSize(result);
    if (resultSize > this.limits.maxResultBytes) {
      return record({ outcome: "env_error", error: { code: "result_too_large", message: `${tool} produced ${resultSize} bytes, over the ${this.limits.maxResultBytes}-byte limit` } });
    }
    const changes = tx.commit();
    if (!t.readOnly) session.state.advance(WRITE_TICK_MS);
    return record({ outcome: "ok", result, changes });
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
    if (!s) throw new EnvError("not_found", `unknown session "${String(id).slice(0, 80)}" (closed, expired after ${this.limits.idleTtlMs / MINUTE} idle minutes, or never created)`);
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
  if (!Number.isInteger(turn) || turn < 0 || turn > MAX_TURN) throw new EnvError("invalid_argument", `turn must be an integer from 0 to ${MAX_TURN}, got ${String(turn)}`);
}

function byteSize(v: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(v) ?? "");
  } catch {
    return Number.POSITIVE_INFINITY;
  }
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

function unknownToolMessage(name: string, tools: ReadonlyMap<string, Tool>): string {
  const names = [...tools.keys()];
  const close = names
    .map((n) => [n, editDistance(n, name, 8)] as const)
    .filter(([, d]) => d <= Math.max(2, Math.floor(name.length / 4)))
    .sort((a, b) => a[1] - b[1])
    .slice(0, 3)
    .map(([n]) => n);
  const hint = close.length ? ` Did you mean ${close.join(" or ")}?` : ` Available tools: ${names.slice(0, 40).join(", ")}${names.length > 40 ? ", …" : ""}.`;
  return `unknown tool "${name.slice(0, 64)}".${hint}`;
}

export type { CallOutcome, CallRecord, ReplyRecord };
