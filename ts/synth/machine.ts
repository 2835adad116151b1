/**
 * The state machine that turns a user goal into a grounded conversation, against a live session:
 *
 *   QUERY ──▶ TOOL_EXECUTION ──▶ TURN ──▶ RESPONSE ──▶ CONTINUATION ──▶ QUERY … | DONE
 *               │  SUCCESS: keep the step; the goal may go on along the graph
 *               │  PARTIAL: the call worked but found nothing → other arguments
 *               │  FAILURE: a rule refused it (or it changed nothing, or undid an earlier
 *               ▼           step) → corrected or other arguments, a prerequisite first, another tool
 *
 * QUERY picks the turn's goal — a *move*: act on something the conversation made or found
 * earlier ("now cancel that order"), feed a value one tool returns into another ("pay the amount
 * due on that invoice", across domains too), create something and use it, or act on the user's
 * own data — and binds each argument to a sampled entity, an earlier output or a generated value.
 * TOOL_EXECUTION runs each call live, so every kept step is known to succeed in that state. TURN
 * renders the request at the task's information level (`phrase.ts`, `language.ts`); RESPONSE
 * writes the reply and the facts it must state; CONTINUATION moves to the next user turn.
 */
import type { Environment } from "../env/environment.ts";
import type { CallRecord } from "../env/journal.ts";
import { canonicalJson } from "../env/state/canonical.ts";
import type { Domain, Entity, ParamInfo, Tool, World } from "../servers/framework/index.ts";
import type { Rng } from "../servers/framework/rng.ts";
import { stateKey } from "../reward/normalize.ts";
import type { Step, Turn } from "../tasks/schema.ts";
import { paramClass } from "./classes.ts";
import { isReferenceId } from "./figures.ts";
import type { Bridge, Bridges } from "./bridges.ts";
import type { DependencyGraph } from "./graph.ts";
import { grammarProblems } from "./grammar.ts";
import { askable, askFor, DECLINE, request, supply, type Persona } from "./language.ts";
import { describeEntity, kindNoun, locate, madeMention, nounOf, valueAtPath, withId, withoutIds } from "./mention.ts";
import { clause, frameOf, primaryOf, spoken, type EntityMention, type ValueMention } from "./phrase.ts";
import { correctFromError, type Correction } from "./recovery.ts";
import { isEntity, listOf, type Sampled, type SamplingContext } from "./sampling.ts";
import { valueFor } from "./values.ts";
import { formatValue, humanize } from "./words.ts";

export type MachineState = "QUERY" | "TURN" | "TOOL_EXECUTION" | "RESPONSE" | "CONTINUATION" | "DONE";
export type Transition = "SUCCESS" | "PARTIAL" | "FAILURE";
export type InfoLevel = "complete" | "missing_required" | "minimal";
export type Move = "follow_up" | "bridge" | "create_use" | "find" | "act";

/** One executed ground-truth call with what the request says about it. */
export interface Executed {
  step: Step;
  tool: Tool;
  domain: Domain;
  record: CallRecord;
  refs: EntityMention[];
  values: ValueMention[];
  /** A call the user does not ask for in words: a lookup, or a read whose output feeds a later call. */
  lookup: boolean;
  /** Asked for as a check after a change ("and then show me its details"). */
  verify?: boolean;
  /** The clause checked before the call ran (well formed, meaning this tool only). */
  clause?: string;
}

export interface BuiltTurn {
  turn: Turn;
  executed: Executed[];
  /** Assistant reply closing the turn. */
  reply: string;
  /** The goal this turn was built from. */
  move?: Move;
}

export interface MachineStats {
  transitions: Record<Transition, number>;
  states: Partial<Record<MachineState, number>>;
  recoveries: Record<string, number>;
  moves: Partial<Record<Move, number>>;
  /** Calls and turns refused: writes that changed nothing or undid an earlier step, requests that failed the grammar or could mean another tool. */
  refused: Record<string, number>;
}

export interface MachineContext {
  env: Environment;
  graph: DependencyGraph;
  bridges: Bridges;
  world: World;
  sampling: (domain: Domain) => SamplingContext;
  domainOf: (name: string) => Domain | undefined;
  usage: Map<string, number>;
  /** Per tool in the current world: tries and successes, so a tool the state never allows is given up on. */
  outcomes: Map<string, { tries: number; ok: number }>;
  /** Per tool in the current world: entities its rules refused. */
  refusedKeys: Map<string, Set<string>>;
  /** Per tool: groups of optional parameters an error message once asked for; one group is given from then on. */
  needs: Map<string, string[][]>;
  stats: MachineStats;
}

/** An entity the conversation made or found, and where its key sits in that step's result. */
interface Known {
  domain: string;
  kind: string;
  key: string;
  item: Entity;
  step: number;
  path: string;
  how: "made" | "found";
  verb: string;
  turn: number;
  /** Its description without ids, for a found entity the user refers to by what it is. */
  plain?: string;
  /** What it is, in a word or two ("debit card", "directory"), for references back to it. */
  noun: string;
}

/** An argument fixed in advance: its value, how the user says it, and where it came from. */
interface Pin {
  value: unknown;
  binding?: { step: number; path: string };
  /** The entity as the user names it (ref parameters). */
  ref?: string;
  /** Words for the value instead of the value (a bridged value). */
  said?: string;
}
type Fixed = Record<string, Pin>;

interface Checkpoint {
  fork: string;
  steps: number;
  known: number;
  executed: number;
}

interface Bound {
  args: Record<string, unknown>;
  refs: EntityMention[];
  values: ValueMention[];
  bindings: NonNullable<Step["bindings"]>;
}

export interface TurnOptions {
  writeBias?: number;
  exclude?: ReadonlySet<string>;
  /** Only tools with a required value a user states in words (one they can leave out). */
  needsValue?: boolean;
  /** Moves to try, in order (default: drawn by turn position). */
  moves?: readonly Move[];
  /** Domains a bridged value may come from (the task's). */
  from?: readonly Domain[];
  /** Prefer bridges from these domains (a two-domain task's other domain). */
  preferFrom?: readonly string[];
  /** No verification read at the end. */
  noVerify?: boolean;
  /** Bridges out of this domain a later turn will use: a "find" move looks up what feeds them. */
  feeds?: readonly Bridge[];
  /** Chance of one more goal in the turn while calls are left. */
  more?: number;
}

const MAX_TOOL_TRIES = 4;
const MAX_ATTEMPTS = 4;
/** Fields a write may touch without changing anything a user would call a change. */
const VOLATILE = /^(updated_at|modified_at|last_changed|last_seen|last_modified|changed_at|accessed_at|version|etag)$/;

export class TaskMachine {
  state: MachineState = "QUERY";
  readonly steps: Step[] = [];
  /** The live call record of each step. */
  private readonly records: CallRecord[] = [];
  /** Each step's tool and canonical arguments, to find a repeated call quickly. */
  private readonly signatures: string[] = [];
  private readonly known: Known[] = [];
  private session: string;
  /** Per step, the entities it changed: their content before and after (to recognise a write that undoes an earlier one). */
  private readonly history: Array<Array<{ path: string; before: string; after: string }>> = [];
  private turnIndex = 0;

  constructor(
    private readonly ctx: MachineContext,
    mount: readonly string[],
    readonly seed: string,
    private readonly rng: Rng,
    private readonly persona: Persona,
    /** Tools a request must not be mistaken for (the task's offered tools). */
    private readonly rivals: () => readonly Tool[],
  ) {
    this.session = ctx.env.create({ domains: mount, seed }).id;
  }

  close(): void {
    this.enter("DONE");
    this.ctx.env.close(this.session);
  }

  get hash(): string {
    return this.ctx.env.hash(this.session);
  }

  private enter(s: MachineState): void {
    this.state = s;
    this.ctx.stats.states[s] = (this.ctx.stats.states[s] ?? 0) + 1;
  }

  private transition(t: Transition): void {
    this.ctx.stats.transitions[t]++;
  }

  private recovered(how: string): void {
    this.ctx.stats.recoveries[how] = (this.ctx.stats.recoveries[how] ?? 0) + 1;
  }

  private refuse(why: string): void {
    this.ctx.stats.refused[why] = (this.ctx.stats.refused[why] ?? 0) + 1;
  }

  /**
   * One user turn of up to `maxCalls` calls in `domain`, or undefined when no feasible, well
   * phrased request was found (the turn leaves no trace; the caller drops the task).
   */
  turn(domain: Domain, level: InfoLevel, maxCalls: number, options: TurnOptions = {}): BuiltTurn | undefined {
    this.enter("QUERY");
    const executed: Executed[] = [];
    const start = this.checkpoint(executed);
    const moves = options.moves ?? this.movesFor(options);
    let move: Move | undefined;
    for (const m of moves) {
      const done = this.runMove(m, domain, level, executed, Math.max(1, maxCalls), options);
      if (done) {
        move = m;
        break;
      }
    }
    if (!move) {
      this.rollback(start, executed);
      this.release(start);
      return undefined;
    }
    this.ctx.stats.moves[move] = (this.ctx.stats.moves[move] ?? 0) + 1;
    // The goal goes on: use what was just made, or check the result.
    let budget = maxCalls - executed.length;
    while (budget > 0 && this.rng.bool(0.5)) {
      const last = executed.filter((e) => !e.lookup).at(-1);
      if (!last || !this.extend(domain, last, level, executed, budget)) break;
      budget = maxCalls - executed.length;
    }
    if (!options.noVerify && maxCalls - executed.length >= 1 && this.rng.bool(0.5)) this.verify(domain, executed);
    // A request often asks for more than one thing: another goal in the same turn while calls are left.
    if (!options.moves && maxCalls - executed.length >= 2 && this.rng.bool(options.more ?? 0.4)) {
      const more = this.known.some((k) => k.domain === domain.name) && this.rng.bool(0.6) ? "follow_up" : "act";
      const cp = this.checkpoint(executed);
      const ok =
        more === "follow_up"
          ? this.followUp(domain, level, executed, maxCalls, undefined, true)
          : !!this.tryTargets(domain, level, maxCalls, options, executed);
      if (!ok) this.rollback(cp, executed);
      this.release(cp);
    }

    this.enter("TURN");
    const user = this.render(executed);
    if (!user) {
      this.rollback(start, executed);
      this.release(start);
      return undefined;
    }
    this.release(start);
    this.enter("RESPONSE");
    const { reply, facts } = this.respond(executed);
    this.enter("CONTINUATION");
    this.turnIndex++;
    return { turn: { user, expect: "call", steps: executed.map((e) => e.step), answer_facts: facts }, executed, reply, move };
  }

  /** The request for a turn's calls, or undefined when a clause is ill-formed or could mean another tool. */
  private render(executed: readonly Executed[], omit?: ValueMention): string | undefined {
    const clauses: string[] = [];
    for (const e of executed.filter((x) => !x.lookup)) {
      const values = omit ? e.values.map((v) => (v === omit ? { ...v, value: undefined } : v)) : e.values;
      const reuse = !omit || !e.values.includes(omit) ? e.clause : undefined;
      if (reuse) {
        clauses.push(reuse);
        continue;
      }
      const text = e.verify ? this.verifyClause(e) : clause(e.tool, { refs: e.refs, values }, this.rng);
      if (grammarProblems(text.charAt(0).toUpperCase() + text.slice(1) + ".").length) {
        this.refuse("garbled clause");
        return undefined;
      }
      if (!e.verify && !unambiguous(e.tool, text, this.rivals())) {
        this.refuse("ambiguous request");
        return undefined;
      }
      clauses.push(text);
    }
    if (clauses.length === 0) return undefined;
    const user = request(clauses, this.persona, this.rng);
    return grammarProblems(user).length ? undefined : user;
  }

  /** The clause for a call, if it is well formed and means this tool only. */
  private speakable(tool: Tool, bound: Bound): string | undefined {
    const text = clause(tool, { refs: bound.refs, values: bound.values }, this.rng);
    if (grammarProblems(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`).length) {
      this.refuse("garbled clause");
      return undefined;
    }
    if (!unambiguous(tool, text, this.rivals())) {
      this.refuse("ambiguous request");
      return undefined;
    }
    return text;
  }

  private verifyClause(e: Executed): string {
    const f = frameOf(e.tool);
    const kind = e.tool.params.find((p) => p.ref && p.required)?.ref ?? "";
    const what = f.object.filter((w) => !kind.split("_").includes(w.toLowerCase()) && !/^[A-Z]{2,}s?$/.test(w)).join(" ");
    return f.kind === "list" ? `list its ${f.object.join(" ")}` : `show me its ${what || "details"}`;
  }

  /** The order moves are tried in: later turns build on earlier ones. */
  private movesFor(options: TurnOptions): Move[] {
    if (options.preferFrom?.length) return ["bridge", "follow_up", "act"];
    if (options.feeds?.length) return ["find", "create_use", "act"];
    const later = this.turnIndex > 0 && this.known.length > 0;
    const weights: ReadonlyArray<readonly [Move, number]> = later
      ? [
          ["follow_up", 0.8],
          ["bridge", 0.12],
          ["create_use", 0.04],
          ["act", 0.04],
        ]
      : [
          ["create_use", 0.25],
          ["find", 0.25],
          ["bridge", 0.2],
          ["act", 0.3],
        ];
    const first = this.rng.weighted(weights);
    const rest = weights.map(([m]) => m).filter((m) => m !== first && m !== "act");
    const order: Move[] = [first, ...this.rng.shuffle(rest), "act"];
    return order.filter((m, i) => order.indexOf(m) === i);
  }

  private runMove(move: Move, domain: Domain, level: InfoLevel, executed: Executed[], maxCalls: number, options: TurnOptions): boolean {
    switch (move) {
      case "follow_up":
        return this.followUp(domain, level, executed, maxCalls);
      case "bridge":
        return this.bridge(domain, level, executed, maxCalls, options);
      case "create_use":
        return maxCalls >= 2 && this.createUse(domain, level, executed, maxCalls);
      case "find":
        return this.find(domain, level, executed, maxCalls, options.feeds);
      default:
        return !!this.tryTargets(domain, level, maxCalls, options, executed);
    }
  }

  /**
   * The user asks what they have ("list my upcoming flights", "find the invoices of Acme"): a
   * discovery read whose items a later turn acts on, or whose fields feed another domain's tools.
   */
  private find(domain: Domain, level: InfoLevel, executed: Executed[], maxCalls: number, feeds?: readonly Bridge[]): boolean {
    const kinds = new Set(feeds?.map((b) => b.from.kind));
    const finders = domain.tools.filter((t) => t.readOnly && t.discovers.length > 0 && (!feeds?.length || t.discovers.some((k) => kinds.has(k))));
    for (const tool of this.rng.sample(finders, 3)) {
      const cp = this.checkpoint(executed);
      this.count(tool);
      const e = this.execute(domain, tool, level, executed, maxCalls);
      // Feeding a later turn: the listed items must carry a field a bridge takes.
      const fed =
        !feeds?.length ||
        (e &&
          feeds.some(
            (b) =>
              tool.discovers.includes(b.from.kind) &&
              listOf(e.record.result, domain.kinds.get(b.from.kind) ?? "", b.from.kind).items.some((it) => fits(it[b.from.field])),
          ));
      if (e && fed && this.known.some((k) => k.step === e.step.id)) {
        this.release(cp);
        // Look up, then act on what was found (or look closer at it), in the same turn.
        if (maxCalls - executed.length >= 1) {
          if (this.rng.bool(0.5)) this.followUp(domain, level, executed, maxCalls, e.step.id);
          else if (this.rng.bool(0.6)) this.detail(domain, e, executed);
        }
        return true;
      }
      this.rollback(cp, executed);
      this.release(cp);
    }
    return false;
  }

  /** "…and show me the details of the one from Acme": a get on an item the find just listed. */
  private detail(domain: Domain, found: Executed, executed: Executed[]): void {
    const items = this.known.filter((k) => k.step === found.step.id && k.plain);
    for (const k of this.rng.sample(items, 2)) {
      const getters = domain.tools.filter(
        (t) =>
          t.readOnly &&
          frameOf(t).kind === "read" &&
          t.params.filter((p) => p.required).length === 1 &&
          t.params.some((p) => p.required && p.ref === k.kind && p.type === "string" && !p.field),
      );
      const getter = getters.length ? this.rng.pick(getters) : undefined;
      if (!getter) return;
      const p = getter.params.find((x) => x.required) as ParamInfo;
      if (
        this.run(
          domain,
          getter,
          { [p.name]: k.key },
          [{ param: p, text: k.plain as string }],
          [],
          { [p.name]: { value: k.key, binding: { step: k.step, path: k.path } } },
          executed,
          false,
        )
      )
        return;
    }
  }

  /** A later turn acts on what an earlier turn made or found: "now cancel that order". */
  private followUp(domain: Domain, level: InfoLevel, executed: Executed[], maxCalls: number, fromStep?: number, anyTurn = false): boolean {
    const earlier = this.rng.shuffle(
      this.known.filter((k) => k.domain === domain.name && (fromStep !== undefined ? k.step === fromStep : anyTurn || k.turn < this.turnIndex)),
    );
    for (const k of earlier.slice(0, 3)) {
      const consumers = domain.tools.filter(
        (t) =>
          t.params.some((p) => p.ref === k.kind && (p.type === "string" || p.type === "array")) &&
          !this.steps.some((s) => s.tool === t.name && Object.values(s.args).flat().includes(k.key)),
      );
      const writes = consumers.filter((t) => !t.readOnly);
      const pool = writes.length && this.rng.bool(0.75) ? writes : consumers;
      for (const tool of this.rng.shuffle(pool).slice(0, 3)) {
        const p = tool.params.find((x) => x.ref === k.kind && (x.type === "string" || x.type === "array")) as ParamInfo;
        this.count(tool);
        if (this.execute(domain, tool, level, executed, maxCalls, { [p.name]: this.pinKnown(k, p, false) })) return true;
      }
    }
    return false;
  }

  /** A value one tool returns feeds another's parameter: "pay the amount due on that invoice". */
  private bridge(domain: Domain, level: InfoLevel, executed: Executed[], maxCalls: number, options: TurnOptions): boolean {
    if (maxCalls < 2) return false;
    const from = new Set((options.from ?? [domain]).map((d) => d.name));
    const candidates = (this.ctx.bridges.into.get(domain.name) ?? []).filter((b) => from.has(b.from.domain));
    const preferred = options.preferFrom?.length ? candidates.filter((b) => options.preferFrom?.includes(b.from.domain)) : [];
    const pool = preferred.length ? preferred : candidates;
    const weighted = pool.map((b) => [b, 1 / (1 + (this.ctx.usage.get(b.to.tool) ?? 0))] as const);
    for (let i = 0; i < 6 && weighted.length; i++) {
      const b = this.rng.weighted(weighted);
      weighted.splice(
        weighted.findIndex(([x]) => x === b),
        1,
      );
      const tool = domain.tool(b.to.tool);
      const source = this.ctx.domainOf(b.from.domain);
      if (!tool || !source) continue;
      const cp = this.checkpoint(executed);
      const value = this.bridgedValue(b, source, level, executed, maxCalls - 1);
      if (!value) {
        this.rollback(cp, executed);
        this.release(cp);
        continue;
      }
      this.count(tool);
      const p = tool.params.find((x) => x.name === b.to.param) as ParamInfo;
      const pinned = p.type === "array" ? { ...value, value: [value.value] } : value;
      if (this.execute(domain, tool, level, executed, maxCalls, { [p.name]: pinned })) {
        this.release(cp);
        this.recovered(`bridge ${b.from.domain === domain.name ? "within a domain" : "across domains"}`);
        return true;
      }
      this.rollback(cp, executed);
      this.release(cp);
    }
    return false;
  }

  /** The bridged value pinned to where it comes from: an earlier step's result, or a read made now. */
  private bridgedValue(b: Bridge, source: Domain, level: InfoLevel, executed: Executed[], budget: number): Pin | undefined {
    const keyField = keyOf(source, b.from.kind);
    // Something the conversation already made or found.
    for (const k of this.rng.shuffle(this.known.filter((x) => x.domain === source.name && x.kind === b.from.kind))) {
      const record = this.recordOf(k.step);
      const path = record && locate(record.result, keyField, k.key, b.from.field);
      const value = path ? valueAtPath(record.result, path) : undefined;
      if (!path || !fits(value)) continue;
      const entity = madeOrThat(k, this.turnIndex, (xs) => this.rng.pick(xs));
      return { value, binding: { step: k.step, path }, said: bridgedText(b, entity) };
    }
    // One of the user's own entities, read now.
    if (budget < 1) return undefined;
    const pool = (this.ctx.sampling(source).byKind.get(b.from.kind) ?? []).filter((s) => fits((s.entity ?? s.item)[b.from.field]));
    for (const s of this.rng.sample(pool, 5)) {
      const value = (s.entity ?? s.item)[b.from.field];
      const name = level === "minimal" ? s.plain : withId(s.text, s.key);
      // The words for the entity must not give the value away; with ids allowed, "the invoice in_10011" says enough.
      const short = level === "minimal" ? undefined : `the ${nounOf(s.text) ?? kindNoun(s.kind)} ${s.key}`;
      const entity = [name, level === "minimal" ? undefined : s.plain, short].find((x) => x && !states(x, value));
      if (!entity) continue;
      const read = this.readField(source, s, b.from.field, level, executed, budget);
      if (read) return { value: read.value, binding: { step: read.step, path: read.path }, said: bridgedText(b, entity) };
    }
    return undefined;
  }

  /** A read that returns the entity's field: a get by id (complete), or the discovery that lists it (then a get if needed). */
  private readField(
    domain: Domain,
    s: Sampled,
    field: string,
    level: InfoLevel,
    executed: Executed[],
    budget: number,
  ): { step: number; path: string; value: unknown } | undefined {
    const keyField = keyOf(domain, s.kind);
    const getters = domain.tools.filter(
      (t) =>
        t.readOnly &&
        t.params.filter((p) => p.required).length === 1 &&
        t.params.some((p) => p.required && p.ref === s.kind && p.type === "string" && !p.field),
    );
    const found = (e: Executed | undefined) => {
      const path = e && (locate(e.record.result, keyField, s.key, field) ?? (fits((e.record.result as Entity | undefined)?.[field]) ? field : undefined));
      const value = path && e ? valueAtPath(e.record.result, path) : undefined;
      return e && path && fits(value) ? { step: e.step.id, path, value } : undefined;
    };
    const cp = this.checkpoint(executed);
    const viaGet = (binding?: { step: number; path: string }) => {
      for (const getter of getters.slice(0, 4)) {
        const p = getter.params.find((x) => x.required) as ParamInfo;
        const earlier = this.sameAs(getter.name, { [p.name]: s.key });
        if (earlier >= 0) {
          const path =
            locate(this.records[earlier]?.result, keyField, s.key, field) ??
            (fits((this.records[earlier]?.result as Entity | undefined)?.[field]) ? field : undefined);
          if (path) return { step: earlier, path, value: valueAtPath(this.records[earlier]?.result, path) };
          continue;
        }
        const at = this.checkpoint(executed);
        const out = found(
          this.run(
            domain,
            getter,
            { [p.name]: s.key },
            [{ param: p, text: binding ? "it" : withId(s.text, s.key) }],
            [],
            binding ? { [p.name]: { value: s.key, binding } } : {},
            executed,
            true,
          ),
        );
        if (!out) this.rollback(at, executed);
        this.release(at);
        if (out) return out;
      }
      return undefined;
    };
    let out = level !== "minimal" || saysKey(domain, s) ? viaGet() : undefined;
    if (!out && findable(domain, s)) {
      this.rollback(cp, executed);
      const listed = this.lookup(domain, s, executed);
      const step = listed ? executed.find((e) => e.step.id === listed.step) : undefined;
      out = found(step);
      if (!out && listed && budget >= 2) out = viaGet(listed);
    }
    if (!out) this.rollback(cp, executed);
    this.release(cp);
    return out;
  }

  /** Create something, then use it: "add a label … and put it on the email …". */
  private createUse(domain: Domain, level: InfoLevel, executed: Executed[], maxCalls: number): boolean {
    const producers = domain.tools.filter(
      (t) => !t.readOnly && t.produces && (this.ctx.graph.out.get(t.name) ?? []).some((e) => e.kind === "explicit" && domain.tool(e.to)),
    );
    for (const tool of this.rng.sample(producers, 3)) {
      const cp = this.checkpoint(executed);
      this.count(tool);
      const made = this.execute(domain, tool, level, executed, maxCalls - 1);
      if (made && this.extend(domain, made, level, executed, maxCalls - executed.length)) {
        this.release(cp);
        return true;
      }
      this.rollback(cp, executed);
      this.release(cp);
    }
    return false;
  }

  /** The next call of a goal: one that takes what `last` made, by an explicit edge of the graph. */
  private extend(domain: Domain, last: Executed, level: InfoLevel, executed: Executed[], budget: number): boolean {
    const made = this.known.find((k) => k.step === last.step.id && k.how === "made");
    if (!made || budget < 1) return false;
    const edges = (this.ctx.graph.out.get(last.tool.name) ?? []).filter((e) => e.kind === "explicit" && e.param && domain.tool(e.to));
    for (const edge of this.rng.sample(edges, 3)) {
      const tool = domain.tool(edge.to) as Tool;
      const param = tool.params.find((p) => p.name === edge.param) as ParamInfo;
      if (this.execute(domain, tool, level, executed, executed.length + Math.min(budget, 2), { [param.name]: this.pinKnown(made, param, true) })) {
        this.recovered("chain extended");
        return true;
      }
    }
    return false;
  }

  /** "…and then show me its details": a read of the entity the last change acted on. */
  private verify(domain: Domain, executed: Executed[]): void {
    const last = executed.filter((e) => !e.lookup).at(-1);
    if (!last || last.tool.readOnly) return;
    const made = this.known.find((k) => k.step === last.step.id && k.how === "made");
    const primary = primaryOf(
      last.tool,
      last.tool.params.filter((p) => last.step.args[p.name] !== undefined),
    );
    const kind = made?.kind ?? primary?.ref;
    const key = made?.key ?? (primary && typeof last.step.args[primary.name] === "string" ? (last.step.args[primary.name] as string) : undefined);
    if (!kind || !key) return;
    const readers = domain.tools.filter(
      (t) =>
        t.readOnly &&
        frameOf(t).kind === "read" &&
        t.params.filter((p) => p.required).length === 1 &&
        t.params.some((p) => p.required && p.ref === kind && p.type === "string" && !p.field),
    );
    const reader = readers.length ? this.rng.pick(readers) : undefined;
    if (!reader) return;
    const p = reader.params.find((x) => x.required) as ParamInfo;
    const binding = made ? { step: made.step, path: made.path } : last.step.bindings?.[primary?.name ?? ""];
    const e = this.run(
      domain,
      reader,
      { [p.name]: key },
      [{ param: p, text: "it" }],
      [],
      binding ? { [p.name]: { value: key, binding } } : {},
      executed,
      false,
    );
    if (e) {
      e.verify = true;
      this.recovered("verified");
    }
  }

  /** Splits a built turn into "ask for the missing value" + "here it is", or undefined if nothing can be left out. */
  withMissingValue(built: BuiltTurn): { ask: BuiltTurn; answer: BuiltTurn; param: ParamInfo } | undefined {
    const candidates = built.executed
      .filter((e) => !e.lookup && !e.verify)
      .flatMap((e) => e.values.filter((v) => isPlainRequired(v.param) && v.text === undefined && askable(e.tool, v.param)).map((v) => ({ e, v })));
    for (const { e, v } of this.rng.shuffle(candidates)) {
      const user = this.render(built.executed, v);
      if (!user) continue;
      const said = spoken(v.param, v.value, paramClass(e.tool, v.param));
      // The value must really be missing: no other part of the request (an entity's description) may state it.
      if (user.includes(said) || user.includes(String(v.value))) continue;
      const ask = askFor(e.tool, v.param, this.rng);
      if (!ask) continue;
      const answerText = supply(e.tool, v.param, v.value, this.rng);
      if (grammarProblems(answerText).length) continue;
      return {
        ask: { turn: { user, expect: "clarify", steps: [], answer_facts: [], missing: [v.param.name] }, executed: [], reply: ask },
        answer: { ...built, turn: { ...built.turn, user: answerText } },
        param: v.param,
      };
    }
    return undefined;
  }

  /** A request for `tool` phrased from sampled entities, without running it (an abstention's request). */
  phrase(domain: Domain, tool: Tool): string | undefined {
    const sampling = this.ctx.sampling(domain);
    const refs: EntityMention[] = [];
    const values: ValueMention[] = [];
    for (const p of tool.params.filter((x) => x.required)) {
      if (p.ref) {
        const pool = sampling.byKind.get(p.ref);
        if (!pool?.length) return undefined;
        const s = this.rng.pick(pool);
        refs.push({ param: p, text: withId(s.text, s.key) });
      } else {
        const value = valueFor(p, { rng: this.rng, world: this.ctx.world, today: this.ctx.world.today, domain, tool, pools: sampling.pools, args: {} });
        if (value === undefined) return undefined;
        values.push({ param: p, value });
      }
    }
    const text = clause(tool, { refs, values }, this.rng);
    if (grammarProblems(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`).length) return undefined;
    return request([text], this.persona, this.rng);
  }

  decline(): string {
    return this.rng.pick(DECLINE);
  }

  private count(tool: Tool): void {
    // Balance counts attempts, not successes: a tool the state rarely allows is not retried forever.
    this.ctx.usage.set(tool.name, (this.ctx.usage.get(tool.name) ?? 0) + 1);
  }

  /** Whether a tool has kept failing (tried many times, never kept). */
  private hopeless(tool: Tool): boolean {
    const o = this.ctx.outcomes.get(tool.name);
    return !!o && o.ok === 0 && o.tries >= 8;
  }

  /** How often the tool's calls have been kept so far (with a prior of one in two). */
  private successRate(tool: Tool): number {
    const o = this.ctx.outcomes.get(tool.name);
    return ((o?.ok ?? 0) + 1) / ((o?.tries ?? 0) + 2);
  }

  private outcome(tool: Tool, ok: boolean): void {
    const o = this.ctx.outcomes.get(tool.name) ?? { tries: 0, ok: 0 };
    o.tries++;
    if (ok) o.ok++;
    this.ctx.outcomes.set(tool.name, o);
  }

  private tryTargets(domain: Domain, level: InfoLevel, maxCalls: number, options: TurnOptions, executed: Executed[]): Executed | undefined {
    const tried = new Set<string>(options.exclude ?? []);
    if (options.needsValue) for (const t of domain.tools) if (!t.params.some((p) => isPlainRequired(p) && askable(t, p))) tried.add(t.name);
    for (let i = 0; i < MAX_TOOL_TRIES; i++) {
      const tool = this.pickTool(domain, tried, options.writeBias ?? 0.7);
      if (!tool) return undefined;
      tried.add(tool.name);
      this.count(tool);
      const done = this.execute(domain, tool, level, executed, maxCalls);
      this.outcome(tool, !!done);
      if (done) return done;
      this.recovered("another tool");
    }
    return undefined;
  }

  /** Chooses a tool, favouring writes and the tools the dataset has used least. */
  private pickTool(domain: Domain, exclude: ReadonlySet<string>, writeBias: number): Tool | undefined {
    const pool = domain.tools.filter((t) => !exclude.has(t.name) && !this.hopeless(t));
    if (pool.length === 0) return undefined;
    const wantWrite = this.rng.bool(writeBias);
    const preferred = pool.filter((t) => t.readOnly !== wantWrite);
    const from = preferred.length ? preferred : pool;
    // Least used first, and tools the states allow more often than not.
    return this.rng.weighted(from.map((t) => [t, this.successRate(t) / (1 + (this.ctx.usage.get(t.name) ?? 0))] as const));
  }

  /**
   * TOOL_EXECUTION with recovery. On FAILURE, in order: correct the arguments from the error
   * message; bind other entities or values; establish the entity's precondition with another
   * write on it first (freeze before unfreeze); produce a fresh entity of the kind first. A write
   * that changes nothing, or puts back what an earlier step changed, is refused like a failure.
   */
  private execute(domain: Domain, tool: Tool, level: InfoLevel, executed: Executed[], maxCalls: number, fixed: Fixed = {}, depth = 0): Executed | undefined {
    const tried = { precondition: false, prerequisite: false };
    const refused = new Set<string>(this.ctx.refusedKeys.get(tool.name) ?? []);
    // Everything this call leads to (lookups, recovery steps) is undone if it fails in the end.
    const start = this.checkpoint(executed);
    let attempt: Checkpoint | undefined;
    let bound: Bound | undefined;
    const dropAttempt = () => {
      if (!attempt) return;
      this.rollback(attempt, executed);
      this.release(attempt);
      attempt = undefined;
    };
    const attempts = depth === 0 ? MAX_ATTEMPTS : 3;
    for (let n = 0; n < attempts; n++) {
      if (!bound) {
        attempt = this.checkpoint(executed);
        bound = this.bind(domain, tool, level, executed, fixed, maxCalls, refused);
        if (!bound || executed.length + 1 > maxCalls) break;
      }
      // The same call twice is never ground truth (the second does nothing, or does it twice).
      if (this.sameAs(tool.name, bound.args) >= 0) {
        dropAttempt();
        for (const v of Object.values(bound.args)) if (typeof v === "string") refused.add(v);
        bound = undefined;
        this.recovered("other arguments (repeat)");
        continue;
      }
      this.enter("TOOL_EXECUTION");
      const pins = Object.fromEntries(Object.entries(bound.bindings).map(([k, b]) => [k, { value: bound?.args[k], binding: b }]));
      const e = this.run(domain, tool, bound.args, bound.refs, bound.values, pins, executed, false);
      if (e) {
        // A call that worked is kept only if it can be asked for in words that mean this tool only.
        const spoken = this.speakable(tool, bound);
        if (!spoken) break;
        e.clause = spoken;
        if (attempt) this.release(attempt);
        this.release(start);
        return e;
      }
      const record = this.lastFailure;
      const failed = record?.outcome !== "ok";
      const correction = failed && record ? correctFromError(tool, bound.args, record.error?.message ?? "", this.rng, this.today) : undefined;
      if (correction && n < attempts - 1) {
        const corrected = this.applyCorrection(domain, tool, level, bound, correction, fixed, executed, maxCalls);
        if (corrected) {
          bound = corrected;
          const group = correction.add.filter((p) => !p.required).map((p) => p.name);
          const groups = this.ctx.needs.get(tool.name) ?? [];
          if (group.length && !groups.some((g) => g.join() === group.join())) this.ctx.needs.set(tool.name, [...groups, group]);
          this.recovered(correction.how);
          continue;
        }
      }
      dropAttempt();
      const entity = this.primaryEntity(tool, bound, fixed);
      for (const v of Object.values(bound.args)) if (typeof v === "string") refused.add(v);
      bound = undefined;
      // A pin bound to a lookup this attempt made (now undone) cannot be reused.
      if (failed && depth === 0 && entity && !tried.precondition && !(entity.pin.binding && entity.pin.binding.step >= this.steps.length)) {
        tried.precondition = true;
        const pinned = this.establish(domain, tool, level, executed, maxCalls - 1, entity);
        if (pinned) {
          this.recovered("precondition first");
          fixed = { ...fixed, [entity.param.name]: pinned };
          continue;
        }
      }
      // A fresh entity only to delete it again would be an undo chain: not for destructive tools.
      if (failed && depth === 0 && !tried.prerequisite && !tool.destructive) {
        tried.prerequisite = true;
        const fresh = this.produceFirst(domain, tool, level, executed, maxCalls - 1);
        if (fresh) {
          this.recovered("prerequisite first");
          fixed = { ...fixed, ...fresh };
          continue;
        }
      }
      this.recovered(failed ? "other arguments" : "other arguments (empty or refused result)");
    }
    dropAttempt();
    this.rollback(start, executed);
    this.release(start);
    return undefined;
  }

  /** The record of the last call `run` did not keep. */
  private lastFailure: CallRecord | undefined;

  /**
   * Runs one call and keeps it as a step when it succeeds and means something: not an empty
   * result where entities were asked for, not a write that changes nothing or undoes an earlier step.
   */
  private run(
    domain: Domain,
    tool: Tool,
    args: Record<string, unknown>,
    refs: EntityMention[],
    values: ValueMention[],
    pins: Fixed,
    executed: Executed[],
    lookup: boolean,
  ): Executed | undefined {
    // The same call twice in a task is never ground truth: a model repeats nothing it already has.
    if (this.sameAs(tool.name, args) >= 0) {
      this.lastFailure = undefined;
      return undefined;
    }
    const before = tool.readOnly ? undefined : (this.ctx.env.fork(this.session, 1)[0] as { id: string }).id;
    const record = this.ctx.env.call(this.session, tool.name, args);
    let outcome: Transition =
      record.outcome !== "ok"
        ? "FAILURE"
        : tool.readOnly &&
            Array.isArray((record.result as { items?: unknown[] } | undefined)?.items) &&
            (record.result as { items: unknown[] }).items.length === 0
          ? "PARTIAL"
          : "SUCCESS";
    let changes: Array<{ path: string; before: string; after: string }> = [];
    if (outcome === "SUCCESS" && before) {
      changes = this.changesOf(record, before);
      const why = this.meaningless(changes) ?? this.overwrites(record);
      if (why) {
        this.refuse(why);
        outcome = "PARTIAL";
      }
    }
    if (before) this.ctx.env.close(before);
    this.transition(outcome);
    if (outcome !== "SUCCESS") {
      // An entity a rule refused for this tool stays refused in this world's state: not chosen again.
      if (record.error && /^(failed_precondition|permission_denied|conflict|already_exists|not_found)$/.test(record.error.code)) {
        const keys = this.ctx.refusedKeys.get(tool.name) ?? new Set<string>();
        for (const p of tool.params) if (p.ref && typeof args[p.name] === "string" && !pins[p.name]?.binding) keys.add(args[p.name] as string);
        this.ctx.refusedKeys.set(tool.name, keys);
      }
      this.lastFailure = record;
      return undefined;
    }
    const bindings = Object.fromEntries(
      Object.entries(pins)
        .filter(([, p]) => p.binding)
        .map(([k, p]) => [k, p.binding as { step: number; path: string }]),
    );
    for (const [k, b] of Object.entries(bindings)) {
      const at = valueAtPath(this.records[b.step]?.result, b.path);
      const arg = args[k];
      // A binding is a promise that the value is there: a bug if not, never a step.
      if (!(Array.isArray(arg) ? arg.includes(at) : arg === at))
        throw new Error(`synthesis bug: ${tool.name}.${k} = ${JSON.stringify(arg)} is bound to step ${b.step} at ${b.path}, which holds ${JSON.stringify(at)}`);
    }
    const step: Step = { id: this.steps.length, tool: tool.name, args, depends_on: [], ...(Object.keys(bindings).length ? { bindings } : {}) };
    this.steps.push(step);
    this.records.push(record);
    this.signatures.push(`${tool.name} ${canonicalJson(args)}`);
    this.history.push(changes);
    const e: Executed = { step, tool, domain, record, refs, values, lookup };
    executed.push(e);
    this.remember(domain, tool, e);
    return e;
  }

  /** The step that made exactly this call earlier in the task, or -1. */
  private sameAs(tool: string, args: Record<string, unknown>): number {
    return this.signatures.indexOf(`${tool} ${canonicalJson(args)}`);
  }

  /** Each entity a write changed, its content (without volatile fields) before and after. */
  private changesOf(record: CallRecord, before: string): Array<{ path: string; before: string; after: string }> {
    const now = this.ctx.env.sessionState(this.session);
    const was = this.ctx.env.sessionState(before);
    const paths = [...new Set(record.changes.map((c) => c.path.split("/").slice(0, 4).join("/")).filter((p) => p.split("/").length === 4))];
    return paths.map((path) => {
      const [, d = "", t = "", k = ""] = path.split("/");
      const key = decodeSegment(k);
      return { path, before: content(was.get(d, t, key)), after: content(now.get(d, t, key)) };
    });
  }

  /** Why a successful write means nothing: it changed nothing, or put entities back the way an earlier step found or left them. */
  private meaningless(changes: ReadonlyArray<{ path: string; before: string; after: string }>): string | undefined {
    if (changes.every((c) => c.before === c.after)) return "write that changes nothing";
    const seen = new Map<string, Set<string>>();
    for (const step of this.history) for (const c of step) seen.set(c.path, (seen.get(c.path) ?? new Set()).add(c.before).add(c.after));
    if (changes.every((c) => c.before === c.after || seen.get(c.path)?.has(c.after))) return "write that undoes an earlier step";
    return undefined;
  }

  /**
   * Whether this write changes again everything an earlier step wrote (the quantity set to 3
   * and then to 2, a draft edited and then deleted): the earlier step would leave no trace in the
   * final state, so neither the reward nor a reader could tell whether it was made.
   */
  private overwrites(record: CallRecord): string | undefined {
    const mine = record.changes.filter((c) => !VOLATILE.test(c.path.slice(c.path.lastIndexOf("/") + 1))).map((c) => c.path);
    const covered = (path: string) => mine.some((m) => path === m || path.startsWith(`${m}/`));
    for (const earlier of this.records) {
      const wrote = earlier.changes.filter((c) => !VOLATILE.test(c.path.slice(c.path.lastIndexOf("/") + 1))).map((c) => c.path);
      if (wrote.length && wrote.every(covered)) return "write that overwrites an earlier step";
    }
    return undefined;
  }

  private checkpoint(executed: Executed[]): Checkpoint {
    const [fork] = this.ctx.env.fork(this.session, 1);
    return { fork: (fork as { id: string }).id, steps: this.steps.length, known: this.known.length, executed: executed.length };
  }

  private rollback(cp: Checkpoint, executed: Executed[]): void {
    this.ctx.env.close(this.session);
    const [fork] = this.ctx.env.fork(cp.fork, 1);
    this.session = (fork as { id: string }).id;
    this.steps.length = cp.steps;
    this.records.length = cp.steps;
    this.signatures.length = cp.steps;
    this.history.length = cp.steps;
    this.known.length = cp.known;
    executed.length = cp.executed;
  }

  private release(cp: Checkpoint): void {
    this.ctx.env.close(cp.fork);
  }

  private get today(): string {
    return this.ctx.env.sessionState(this.session).now.slice(0, 10);
  }

  private recordOf(step: number): CallRecord | undefined {
    return this.records[step];
  }

  /** The first entity the call names (the one a precondition would be about). */
  private primaryEntity(tool: Tool, bound: Bound, fixed: Fixed): { param: ParamInfo; pin: Pin } | undefined {
    const p = tool.params.find((x) => x.ref && x.type === "string" && bound.args[x.name] !== undefined);
    if (!p) return undefined;
    const mention = bound.refs.find((r) => r.param.name === p.name);
    if (!mention) return undefined;
    return {
      param: p,
      pin: fixed[p.name] ?? { value: bound.args[p.name], ref: mention.text, ...(bound.bindings[p.name] ? { binding: bound.bindings[p.name] } : {}) },
    };
  }

  /** Another write on the same entity first (e.g. freeze_card before unfreeze_card); the entity, pinned. */
  private establish(
    domain: Domain,
    tool: Tool,
    level: InfoLevel,
    executed: Executed[],
    maxCalls: number,
    entity: { param: ParamInfo; pin: Pin },
  ): Pin | undefined {
    const writers = domain.tools.filter(
      (w) => !w.readOnly && w !== tool && !w.destructive && w.params.some((p) => p.ref === entity.param.ref && p.type === "string"),
    );
    for (const w of this.rng.sample(writers, 2)) {
      const p = w.params.find((x) => x.ref === entity.param.ref && x.type === "string") as ParamInfo;
      if (this.execute(domain, w, level, executed, maxCalls, { [p.name]: entity.pin }, 1)) return entity.pin;
    }
    return undefined;
  }

  /** A fresh entity of a kind the tool needs, created first (place an order, then cancel it). */
  private produceFirst(domain: Domain, tool: Tool, level: InfoLevel, executed: Executed[], maxCalls: number): Fixed | undefined {
    const kinds = [...new Set([...tool.params.filter((p) => p.ref && p.type === "string").map((p) => p.ref as string), ...tool.uses])];
    for (const kind of this.rng.shuffle(kinds)) {
      const producers = (this.ctx.graph.producers.get(`${domain.name}:${kind}`) ?? []).map((n) => domain.tool(n)).filter((t): t is Tool => !!t && t !== tool);
      const producer = producers.length ? this.rng.pick(producers) : undefined;
      if (!producer) continue;
      const made = this.execute(domain, producer, level, executed, maxCalls, {}, 1);
      if (!made) continue;
      const fresh = this.known.find((x) => x.step === made.step.id && x.how === "made");
      const param = tool.params.find((p) => p.ref === kind && p.type === "string");
      if (!fresh || !param) return {};
      return { [param.name]: this.pinKnown(fresh, param, true) };
    }
    return undefined;
  }

  private applyCorrection(
    domain: Domain,
    tool: Tool,
    level: InfoLevel,
    bound: Bound,
    c: Correction,
    fixed: Fixed,
    executed: Executed[],
    maxCalls: number,
  ): Bound | undefined {
    const sampling = this.ctx.sampling(domain);
    const args = { ...c.args };
    const refs = bound.refs.filter((r) => args[r.param.name] !== undefined);
    const values = bound.values.filter((v) => args[v.param.name] !== undefined).map((v) => (v.text !== undefined ? v : { ...v, value: args[v.param.name] }));
    const bindings = Object.fromEntries(Object.entries(bound.bindings).filter(([k]) => args[k] !== undefined));
    for (const p of c.add) {
      if (p.ref) {
        const chosen = this.chooseEntity(domain, p, sampling, level, new Set(), executed, maxCalls - 1);
        if (!chosen) return undefined;
        args[p.name] = p.type === "array" ? [chosen.value] : chosen.value;
        refs.push({ param: p, text: chosen.text });
        if (chosen.binding) bindings[p.name] = chosen.binding;
      } else {
        const value = valueFor(p, { rng: this.rng, world: this.ctx.world, today: this.today, domain, tool, pools: sampling.pools, args });
        if (value === undefined) return undefined;
        args[p.name] = value;
        values.push({ param: p, value });
      }
    }
    for (const [name, pin] of Object.entries(fixed)) args[name] = pin.value;
    return { args, refs, values, bindings };
  }

  /** Chooses arguments: entity refs (sampled, made or found earlier, or fixed), then other values. */
  private bind(
    domain: Domain,
    tool: Tool,
    level: InfoLevel,
    executed: Executed[],
    fixed: Fixed,
    maxCalls: number,
    refused: ReadonlySet<string>,
  ): Bound | undefined {
    const sampling = this.ctx.sampling(domain);
    const args: Record<string, unknown> = {};
    const refs: EntityMention[] = [];
    const values: ValueMention[] = [];
    const bindings: NonNullable<Step["bindings"]> = {};
    const groups = this.ctx.needs.get(tool.name);
    const needed = new Set(groups?.length ? this.rng.pick(groups) : []);
    const asked = new Set(groups?.flat() ?? []);
    const optional = tool.params.filter((p) => !p.required && !["limit", "cursor"].includes(p.name) && !fixed[p.name] && !asked.has(p.name));
    // A listing the user asks for usually says what it is after ("my frozen cards"); other calls seldom add options.
    const rate = tool.readOnly && tool.discovers.length ? 0.6 : 0.25;
    const chosenOptional = optional.length && this.rng.bool(rate) ? [this.rng.pick(optional)] : [];
    // Options the tool has asked for before (a scene's devices, a dropped pin's coordinates): one group of them.
    const learned = tool.params.filter((p) => needed.has(p.name) && !fixed[p.name]);
    for (const p of [...tool.params.filter((x) => x.required || fixed[x.name]), ...learned, ...chosenOptional]) {
      const pinned = fixed[p.name];
      if (pinned) {
        args[p.name] = pinned.value;
        if (pinned.binding) bindings[p.name] = pinned.binding;
        if (p.ref) refs.push({ param: p, text: pinned.ref ?? String(pinned.value) });
        else values.push({ param: p, value: pinned.value, ...(pinned.said ? { text: pinned.said } : {}) });
        continue;
      }
      if (p.ref) {
        const chosen = this.chooseEntity(domain, p, sampling, level, refused, executed, maxCalls);
        if (!chosen) {
          if (p.required) return undefined;
          continue;
        }
        args[p.name] = p.type === "array" ? [chosen.value] : chosen.value;
        refs.push({ param: p, text: chosen.text });
        if (chosen.binding) bindings[p.name] = chosen.binding;
        // A list often names two of a kind ("the lamps in the hall and the bedroom"): stated ones only, never a second lookup.
        if (p.type === "array" && !chosen.binding && level !== "minimal" && this.rng.bool(0.5)) {
          const second = this.chooseEntity(domain, p, sampling, level, new Set([...refused, chosen.value]));
          if (second && !second.binding && second.value !== chosen.value) {
            (args[p.name] as unknown[]).push(second.value);
            refs.push({ param: p, text: second.text });
          }
        }
        continue;
      }
      const value = valueFor(p, { rng: this.rng, world: this.ctx.world, today: this.today, domain, tool, pools: sampling.pools, args });
      if (value === undefined) {
        if (p.required) return undefined;
        continue;
      }
      args[p.name] = value;
      values.push({ param: p, value });
    }
    return { args, refs, values, bindings };
  }

  /**
   * An entity for a ref parameter: something the conversation made or found (named by reference
   * back to it), or one of the user's own — with its id at the complete level, or only described
   * at the minimal level, where a lookup step finds it.
   */
  private chooseEntity(
    domain: Domain,
    p: ParamInfo,
    sampling: SamplingContext,
    level: InfoLevel,
    refused: ReadonlySet<string>,
    executed?: Executed[],
    maxCalls = 0,
  ): { value: string; text: string; binding?: { step: number; path: string } } | undefined {
    const all_ = this.known.filter((k) => k.domain === domain.name && k.kind === p.ref && !refused.has(k.key));
    // What an earlier turn made or found is what a later turn most often acts on.
    const earlier = all_.filter((k) => k.turn < this.turnIndex);
    const known = earlier.length ? earlier : all_;
    if (known.length && !p.field && this.rng.bool(0.7)) {
      const k = this.rng.pick(known);
      const pin = this.pinKnown(k, p, k.turn === this.turnIndex);
      return { value: k.key, text: pin.ref as string, binding: pin.binding as { step: number; path: string } };
    }
    const all = (sampling.byKind.get(p.ref as string) ?? []).filter((x) => !refused.has(x.key));
    if (level !== "minimal") {
      if (all.length === 0) return undefined;
      const s = this.rng.pick(all);
      const value = p.field ? (s.item[p.field] ?? s.entity?.[p.field]) : s.key;
      if (value === undefined) return undefined;
      return { value: String(value), text: withId(s.text, s.key) };
    }
    // Minimal: described without an id, found by a lookup on the first page of results — unless its
    // key is what a person calls it (a path, a ticker), which they state.
    const natural = all.filter((s) => saysKey(domain, s));
    if (natural.length && this.rng.bool(0.5)) {
      const s = this.rng.pick(natural);
      return { value: p.field ? String(s.item[p.field] ?? s.key) : s.key, text: s.plain as string };
    }
    const describable = all.filter((s) => s.plain && s.via.index < 20 && findable(domain, s));
    if (!describable.length || !executed || executed.length + 2 > maxCalls || p.field) return undefined;
    const s = this.rng.pick(describable);
    const found = this.lookup(domain, s, executed);
    if (!found) return undefined;
    return { value: s.key, text: s.plain as string, binding: found };
  }

  /** A known entity as a pinned argument, named by reference back to it. */
  private pinKnown(k: Known, p: ParamInfo, sameTurn: boolean): Pin {
    const text =
      k.how === "made"
        ? sameTurn && this.rng.bool(0.5)
          ? "it"
          : madeMention(k.noun, k.verb, sameTurn, (xs) => this.rng.pick(xs))
        : k.plain
          ? k.plain
          : `that ${k.noun}`;
    return { value: p.type === "array" ? [k.key] : k.key, binding: { step: k.step, path: k.path }, ref: text };
  }

  /** A discovery call that shows the entity on its first page, executed as a ground-truth step. */
  private lookup(domain: Domain, sampled: Sampled, executed: Executed[]): { step: number; path: string } | undefined {
    const tool = domain.tool(sampled.via.tool);
    if (!tool) return undefined;
    const { limit: _limit, cursor: _cursor, ...args } = sampled.via.args;
    // The same listing made earlier in the task already shows it: no second call.
    const earlier = this.sameAs(tool.name, args);
    if (earlier >= 0) {
      const path = locate(this.records[earlier]?.result, keyOf(domain, sampled.kind), sampled.key);
      if (path) return { step: earlier, path };
    }
    const e = this.run(domain, tool, args, [], [], {}, executed, true);
    if (!e) return undefined;
    const path = locate(e.record.result, keyOf(domain, sampled.kind), sampled.key);
    if (!path) return undefined;
    // What the lookup found, a later turn may act on again ("…and cancel it too").
    this.known.push({
      domain: domain.name,
      kind: sampled.kind,
      key: sampled.key,
      item: sampled.entity ?? sampled.item,
      step: e.step.id,
      path,
      how: "found",
      verb: "find",
      turn: this.turnIndex,
      noun: nounOf(sampled.text) ?? kindNoun(sampled.kind),
      ...(sampled.plain ? { plain: sampled.plain } : {}),
    });
    return { step: e.step.id, path };
  }

  /** What a call made (its result's entity) and, for reads, what it found, for later turns to act on. */
  private remember(domain: Domain, tool: Tool, e: Executed): void {
    if (tool.produces) {
      const result = e.record.result as Entity;
      const keyField = keyOf(domain, tool.produces);
      const key = result?.[keyField];
      if (typeof key === "string") {
        const row = this.ctx.env.sessionState(this.session).get(domain.name, domain.kinds.get(tool.produces) ?? "", key) ?? result;
        const noun = nounOf(describeEntity(domain, tool.produces, row)) ?? kindNoun(tool.produces);
        this.known.push({
          domain: domain.name,
          kind: tool.produces,
          key,
          item: result,
          step: e.step.id,
          path: keyField,
          how: "made",
          verb: frameOf(tool).verb || "create",
          turn: this.turnIndex,
          noun,
        });
      }
      return;
    }
    if (!tool.readOnly || e.lookup) return;
    for (const kind of tool.discovers) {
      const { list, items } = listOf(e.record.result, domain.kinds.get(kind) ?? "", kind);
      const keyField = keyOf(domain, kind);
      const def = domain.tables[domain.kinds.get(kind) ?? ""];
      items.slice(0, 5).forEach((item, i) => {
        const key = item[keyField];
        if (typeof key !== "string" || !def) return;
        const row = this.ctx.env.sessionState(this.session).get(domain.name, domain.kinds.get(kind) ?? "", key);
        if (!row && !isEntity(def, item)) return;
        const plain = withoutIds(domain, kind, key, describeEntity(domain, kind, row ?? item));
        this.known.push({
          domain: domain.name,
          kind,
          key,
          item,
          step: e.step.id,
          path: `${list}[${i}].${keyField}`,
          how: "found",
          verb: "find",
          turn: this.turnIndex,
          noun: kindNoun(kind),
          ...(plain ? { plain } : {}),
        });
      });
    }
  }

  /** RESPONSE: what the assistant says after the turn's calls, and the facts it must state, exactly as the tools returned them. */
  private respond(executed: readonly Executed[]): { reply: string; facts: string[] } {
    const asked = executed.filter((e) => !e.lookup);
    const last = asked[asked.length - 1] as Executed;
    const made = asked.map((e) => this.known.find((k) => k.step === e.step.id && k.how === "made")).filter((k): k is Known => !!k);
    const parts: string[] = [];
    const facts: string[] = [];
    if (made.length) {
      parts.push(`Done. For reference, ${made.map((k) => `the new ${k.noun} is ${k.key}`).join(" and ")}.`);
      facts.push(...made.map((k) => k.key));
    }
    if (last.tool.readOnly) {
      const result = (last.record.result ?? {}) as Record<string, unknown>;
      if (Array.isArray(result.items)) {
        const total = typeof result.total === "number" ? result.total : result.items.length;
        parts.push(`I found ${total} result${total === 1 ? "" : "s"}.`);
        facts.push(String(total));
      } else {
        const tokens = new Set(last.tool.name.split("_"));
        const fields = Object.entries(result).filter(
          ([k, v]) =>
            !/_?id$|^id$|key$/.test(k) && ((typeof v === "number" && v !== 0) || (typeof v === "string" && v.length >= 2 && v.length <= 40 && !/\n/.test(v))),
        );
        // The facts worth stating: fields the request asked about (get_balance → balance), else the status.
        const relevant = fields.filter(([k]) => k.split("_").some((w) => tokens.has(w)));
        const chosen = (relevant.length ? relevant : fields.filter(([k]) => k === "status")).slice(0, 2);
        if (chosen.length) {
          parts.push(
            `Here is what I found: ${chosen.map(([k, v]) => `the ${humanize(k)} is ${typeof v === "string" ? `"${v}"` : formatValue(v)}`).join(", and ")}.`,
          );
          facts.push(...chosen.map(([, v]) => formatValue(v)));
        } else parts.push("Here is what I found.");
      }
    } else if (!made.length) parts.push("Done, that's taken care of.");
    const reply = parts.join(" ");
    return { reply: grammarProblems(reply).length ? (made.length ? `Done. ${facts.join(", ")}.` : "Done, that's taken care of.") : reply, facts };
  }

  /** Dependency edges between the task's steps: bindings, prerequisites, and writes to the same entity. */
  finalizeDependencies(domainsByTool: (tool: string) => Domain | undefined, records: readonly CallRecord[]): void {
    this.steps.forEach((s, j) => {
      const deps = new Set<number>(Object.values(s.bindings ?? {}).map((b) => b.step));
      const tool = domainsByTool(s.tool)?.tool(s.tool);
      const touched = new Set(refKeys(s, tool));
      for (let i = 0; i < j; i++) {
        const changes = records[i]?.changes ?? [];
        const changedKeys = changes.map((c) => c.path.split("/")[3]);
        if (changedKeys.some((k) => k !== undefined && touched.has(decodeSegment(k)))) deps.add(i);
        if (tool?.uses.length && changes.some((c) => c.op === "create")) {
          const prevTool = this.steps[i]?.tool;
          if (prevTool && tool.uses.some((k) => domainsByTool(prevTool)?.tool(prevTool)?.produces === k)) deps.add(i);
        }
      }
      s.depends_on = [...deps].filter((d) => d < j).sort((a, b) => a - b);
    });
  }
}

/** A required parameter whose value a user states in words (not an entity, a choice or a flag). */
export function isPlainRequired(p: ParamInfo): boolean {
  return p.required && !p.ref && !p.enum && p.type !== "boolean";
}

function keyOf(domain: Domain, kind: string): string {
  return domain.tables[domain.kinds.get(kind) ?? ""]?.key ?? "id";
}

/** Whether a lookup can find the entity with nothing the user did not say: its discovery call names no other entity. */
function findable(domain: Domain, s: Sampled): boolean {
  const tool = domain.tool(s.via.tool);
  return !!tool && tool.params.every((p) => !p.ref || s.via.args[p.name] === undefined);
}

/** Whether the entity's plain description states its key because the key is a natural name (a path, a ticker), not a minted id. */
function saysKey(domain: Domain, s: Sampled): boolean {
  return !!s.plain && s.plain.includes(s.key) && !isReferenceId(domain, s.kind, s.key);
}

/** Whether a text states a value (as a whole word or number, not inside another). */
function states(text: string, value: unknown): boolean {
  const v = String(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w.])${v}(?![\\w]|\\.\\d)`, "i").test(text);
}

/** A value worth bridging: present, and short enough to state or to paste. */
function fits(v: unknown): boolean {
  return (typeof v === "string" && v.length > 0 && v.length <= 400 && !/[\u0000-\u0008]/.test(v)) || (typeof v === "number" && Number.isFinite(v) && v > 0);
}

/** An entity the conversation holds, by reference: "the order you just placed", "that invoice". */
function madeOrThat(k: Known, turn: number, pick: <T>(xs: readonly T[]) => T): string {
  if (k.how === "made") return madeMention(k.noun, k.verb, k.turn === turn, pick);
  return k.plain ?? `that ${k.noun}`;
}

/** The words for a bridged value: the person for an address, else "the arrival time of …". */
function bridgedText(b: Bridge, entity: string): string {
  if (b.from.cls === "email") return entity;
  if (b.from.cls === "text") return `the same text as ${entity}`;
  const noun: Record<string, string> = {
    departure: "departure time",
    arrival: "arrival time",
    start: "start time",
    start_time: "start time",
    delivers_at: "delivery time",
    ends_at: "end time",
    pickup_at: "pickup time",
    due_at: "due time",
    amount_due: "amount due",
    total: "total",
    content: "contents",
    body: "text",
    text: "text",
    formatted_address: "address",
  };
  return `the ${noun[b.from.field] ?? humanize(b.from.field)} of ${entity}`;
}

/**
 * An entity's content as compared for no-op and undo: without the fields that only say when, and
 * as the reward compares state (`stateKey`: a member list only reordered is no change), so a
 * write kept is one whose effect the reward can see.
 */
function content(e: Entity | undefined): string {
  return e ? stateKey(Object.fromEntries(Object.entries(e).filter(([k]) => !VOLATILE.test(k)))) : "null";
}

/**
 * Whether a clause means its tool and no other offered one: the action of its opening words must
 * be the tool's (read, list, search, or the verb of its name), and the nouns of the name must fit
 * the words better than any rival's (a rival whose name has nouns the clause lacks fits worse).
 */
export function unambiguous(tool: Tool, text: string, rivals: readonly Tool[]): boolean {
  const action = actionOfText(text);
  // Words nearer the verb weigh more: "list the transactions of the account" is about transactions.
  const weight = new Map<string, number>();
  const rest = text
    .toLowerCase()
    .trim()
    .replace(READ_LEAD, "")
    .replace(/^(list|find|search for|search)\b/, "")
    .replace(action === "read" || action === "list" || action === "search" ? /^$/ : /^\S+(\s+(on|off|up|down|out|back|over)\b)?/, "");
  wordsOf(rest).forEach((w, i) => weight.set(w, Math.max(weight.get(w) ?? 0, 1 / (1 + i))));
  const score = (t: Tool) => {
    const v = vocabOf(t);
    if (v.action !== action) return -Infinity;
    return v.nouns.reduce((n, w) => n + (weight.get(w) ?? -0.5), 0) + 0.1 * v.gist.filter((w) => weight.has(w)).length;
  };
  const mine = score(tool);
  return mine > -Infinity && rivals.every((r) => r.name === tool.name || score(r) < mine);
}

const READ_LEAD = /^(show me|look up|pull up|check|read|what)\b/;

function actionOfText(text: string): string {
  const t = text.toLowerCase().trim();
  if (READ_LEAD.test(t)) return "read";
  if (/^list\b/.test(t)) return "list";
  if (/^(find|search)\b/.test(t)) return "search";
  const [verb = "", next = ""] = t.split(/\s+/);
  return /^(on|off|up|down|out|back|over)$/.test(next) ? `${canonicalVerb(verb)} ${next}` : canonicalVerb(verb);
}

/** Verbs the phrasing uses for one another ("change the memo of …" for update_*). */
function canonicalVerb(v: string): string {
  const w = stem(v);
  return /^(update|change|edit|modify|revise)$/.test(w) ? "change" : w;
}

function actionOf(tool: Tool): string {
  const f = frameOf(tool);
  if (f.kind === "read") return READ_LEAD.test(f.verb) ? "read" : stem(f.verb);
  if (f.kind === "list") return "list";
  if (f.kind === "search") return "search";
  if (f.kind === "gist") return f.nounish ? "read" : actionOfText(f.gist ?? "");
  const [verb = "", particle] = f.verb.split(" ");
  return particle ? `${canonicalVerb(verb)} ${particle}` : canonicalVerb(verb);
}

const vocabs = new WeakMap<Tool, { action: string; nouns: string[]; gist: string[] }>();

/** A tool's action and words, read once. */
function vocabOf(tool: Tool): { action: string; nouns: string[]; gist: string[] } {
  let v = vocabs.get(tool);
  if (!v) vocabs.set(tool, (v = { action: actionOf(tool), nouns: nounsOf(tool), gist: [...new Set(wordsOf(tool.description.split(/[.;:]/)[0] ?? ""))] }));
  return v;
}

function nounsOf(tool: Tool): string[] {
  const f = frameOf(tool);
  if (f.kind === "gist") return [...new Set(wordsOf(f.gist ?? "").slice(f.nounish ? 0 : 1))];
  return [...new Set(wordsOf([...f.object, ...f.target].join(" ")))];
}

const STOP = new Set([
  "a",
  "an",
  "the",
  "of",
  "to",
  "for",
  "in",
  "on",
  "at",
  "by",
  "with",
  "and",
  "or",
  "my",
  "me",
  "it",
  "its",
  "is",
  "be",
  "as",
  "from",
  "that",
  "this",
  "one",
  "any",
  "user",
  "please",
  "could",
  "you",
  "then",
  "need",
  "i",
  "show",
  "look",
  "pull",
  "up",
]);

function stem(w: string): string {
  return w
    .toLowerCase()
    .replace(/ies$/, "y")
    .replace(/(ss|sh|ch|x)es$/, "$1")
    .replace(/([^s])s$/, "$1")
    .replace(/(ing|ed)$/, "");
}

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !STOP.has(w)).map(stem);
}

function refKeys(step: Step, tool: Tool | undefined): string[] {
  if (!tool) return [];
  return tool.params
    .filter((p) => p.ref)
    .flatMap((p) => {
      const v = step.args[p.name];
      return Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
    });
}

function decodeSegment(s: string): string {
  return s.replace(/~1/g, "/").replace(/~0/g, "~");
}

export const emptyMachineStats = (): MachineStats => ({
  transitions: { SUCCESS: 0, PARTIAL: 0, FAILURE: 0 },
  states: {},
  recoveries: {},
  moves: {},
  refused: {},
});
