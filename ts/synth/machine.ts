/**
 * The state machine that turns a plan into a grounded conversation, against a live session:
 *
 *   QUERY ──▶ TURN ──▶ TOOL_EXECUTION ──▶ RESPONSE ──▶ CONTINUATION ──▶ QUERY … | DONE
 *                        │  SUCCESS: keep the step, maybe extend the chain along the graph
 *                        │  PARTIAL: the call worked but found nothing → other arguments
 *                        │  FAILURE: a rule refused it → other entity / values, a missing
 *                        ▼           prerequisite first, or another tool; then give up
 *
 * QUERY picks what the user wants (a tool of the turn's domain, balanced over the dataset) and
 * binds its arguments to sampled entities, earlier outputs or generated values; TOOL_EXECUTION
 * runs the call live, so every kept step is known to succeed in that state; TURN renders the
 * request at the task's information level; RESPONSE writes the assistant's reply and the facts
 * it must state; CONTINUATION moves to the next user turn.
 */
import type { Environment } from "../env/environment.ts";
import type { CallRecord } from "../env/journal.ts";
import { canonicalJson } from "../env/state/canonical.ts";
import type { Domain, Entity, ParamInfo, Tool, World } from "../servers/framework/index.ts";
import type { Rng } from "../servers/framework/rng.ts";
import type { Step, Turn } from "../tasks/schema.ts";
import { askFor, clause, DECLINE, formatValue, request, supply, type Mention, type Persona, type ValueMention } from "./language.ts";
import type { DependencyGraph } from "./graph.ts";
import { listOf, type Sampled, type SamplingContext } from "./sampling.ts";
import { correctFromError, type Correction } from "./recovery.ts";
import { valueFor } from "./values.ts";

export type MachineState = "QUERY" | "TURN" | "TOOL_EXECUTION" | "RESPONSE" | "CONTINUATION" | "DONE";
export type Transition = "SUCCESS" | "PARTIAL" | "FAILURE";

export type InfoLevel = "complete" | "missing_required" | "minimal";

/** One executed ground-truth call with what the query needs to say about it. */
export interface Executed {
  step: Step;
  tool: Tool;
  domain: Domain;
  record: CallRecord;
  refs: Mention[];
  values: ValueMention[];
  /** A lookup the user did not ask for (minimal information level). */
  lookup: boolean;
}

export interface BuiltTurn {
  turn: Turn;
  executed: Executed[];
  /** Assistant reply closing the turn. */
  reply: string;
}

export interface MachineStats {
  transitions: Record<Transition, number>;
  states: Partial<Record<MachineState, number>>;
  recoveries: Record<string, number>;
}

export interface MachineContext {
  env: Environment;
  graph: DependencyGraph;
  world: World;
  sampling: (domain: Domain) => SamplingContext;
  usage: Map<string, number>;
  stats: MachineStats;
}

interface Produced {
  kind: string;
  domain: string;
  key: string;
  step: number;
  entity: Entity;
  text: string;
}

const MAX_TOOL_TRIES = 5;
const MAX_ATTEMPTS = 8;

/** An argument fixed in advance: its value, how the user names it, and where it came from. */
interface Pin {
  value: unknown;
  mention: Mention;
  binding?: { step: number; path: string };
}
type Fixed = Record<string, Pin>;

interface Checkpoint {
  fork: string;
  steps: number;
  produced: number;
  executed: number;
}

interface Bound {
  args: Record<string, unknown>;
  refs: Mention[];
  values: ValueMention[];
  bindings: NonNullable<Step["bindings"]>;
}

export class TaskMachine {
  /** Where the machine is; every entry is counted in the statistics. */
  state: MachineState = "QUERY";
  readonly steps: Step[] = [];
  private readonly produced: Produced[] = [];
  private session: string;

  constructor(
    private readonly ctx: MachineContext,
    /** Every domain the task's session mounts (its own and its distractors'). */
    mount: readonly string[],
    readonly seed: string,
    private readonly rng: Rng,
    private readonly persona: Persona,
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

  /**
   * Builds one user turn of up to `maxCalls` calls in `domain`, or undefined when no feasible
   * request was found (the task is then dropped by the caller).
   */
  turn(domain: Domain, level: InfoLevel, maxCalls: number, options: TurnOptions = {}): BuiltTurn | undefined {
    this.enter("QUERY");
    const executed: Executed[] = [];
    const target = this.tryTargets(domain, level, Math.max(1, maxCalls), options, executed);
    if (!target) return undefined;
    // Extend the chain along the graph: consume what the target produced, or read back what it changed.
    let budget = maxCalls - executed.length;
    let last = target;
    while (budget > 0 && this.rng.bool(0.75)) {
      const next = this.extend(domain, last, level, executed, budget);
      if (!next) break;
      last = next;
      budget = maxCalls - executed.length;
    }
    this.enter("TURN");
    const clauses = executed.filter((e) => !e.lookup).map((e) => clause(e.tool, e.refs, e.values, this.rng));
    const user = request(clauses, this.persona, this.rng);
    this.enter("RESPONSE");
    const { reply, facts } = this.respond(executed);
    this.enter("CONTINUATION");
    return { turn: { user, expect: "call", steps: executed.map((e) => e.step), answer_facts: facts }, executed, reply };
  }

  /** Splits a built turn into "ask for the missing value" + "here it is", or undefined if nothing can be left out. */
  withMissingValue(built: BuiltTurn): { ask: BuiltTurn; answer: BuiltTurn; param: ParamInfo } | undefined {
    const candidates = built.executed.filter((e) => !e.lookup).flatMap((e) => e.values.filter((v) => isPlainRequired(v.param)).map((v) => ({ e, v })));
    for (const { e, v } of this.rng.shuffle(candidates)) {
      const clauses = built.executed.filter((x) => !x.lookup).map((x) => clause(x.tool, x.refs, x === e ? x.values.map((y) => (y === v ? { ...y, value: undefined } : y)) : x.values, this.rng));
      const user = request(clauses, this.persona, this.rng);
      // The value must really be missing: no other part of the request (an entity's description) may state it.
      if (user.includes(String(v.value)) || user.includes(formatValue(v.value))) continue;
      const ask: BuiltTurn = { turn: { user, expect: "clarify", steps: [], answer_facts: [], missing: [v.param.name] }, executed: [], reply: askFor(v.param, this.rng) };
      const answer: BuiltTurn = { ...built, turn: { ...built.turn, user: supply(v.param, v.value, this.rng) } };
      return { ask, answer, param: v.param };
    }
    return undefined;
  }

  /** A request for `tool` phrased from sampled entities, without running it (abstention tasks). */
  phrase(domain: Domain, tool: Tool): string | undefined {
    const sampling = this.ctx.sampling(domain);
    const refs: Mention[] = [];
    const values: ValueMention[] = [];
    for (const p of tool.params.filter((x) => x.required)) {
      if (p.ref) {
        const pool = sampling.byKind.get(p.ref);
        if (!pool?.length) return undefined;
        refs.push({ param: p, text: this.rng.pick(pool).text });
      } else {
        const value = valueFor(p, { rng: this.rng, world: this.ctx.world, today: this.ctx.world.today, domain, tool, pools: sampling.pools, args: {} });
        if (value === undefined) return undefined;
        values.push({ param: p, value });
      }
    }
    return request([clause(tool, refs, values, this.rng)], this.persona, this.rng);
  }

  decline(): string {
    return this.rng.pick(DECLINE);
  }

  private tryTargets(domain: Domain, level: InfoLevel, maxCalls: number, options: TurnOptions, executed: Executed[]): Executed | undefined {
    const tried = new Set<string>(options.exclude ?? []);
    // A request that can leave a value out needs a tool with a required plain value.
    if (options.needsValue) for (const t of domain.tools) if (!t.params.some(isPlainRequired)) tried.add(t.name);
    for (let i = 0; i < MAX_TOOL_TRIES; i++) {
      const tool = this.pickTool(domain, tried, options.writeBias ?? 0.7);
      if (!tool) return undefined;
      tried.add(tool.name);
      // Balance counts attempts, not successes: a tool the state rarely allows is not retried forever.
      this.ctx.usage.set(tool.name, (this.ctx.usage.get(tool.name) ?? 0) + 1);
      const done = this.execute(domain, tool, level, executed, maxCalls);
      if (done) return done;
      this.recovered("another tool");
    }
    return undefined;
  }

  /** Chooses a tool, favouring what continues the conversation, writes, and tools the dataset has used least. */
  private pickTool(domain: Domain, exclude: ReadonlySet<string>, writeBias: number): Tool | undefined {
    const pool = domain.tools.filter((t) => !exclude.has(t.name));
    // CONTINUATION: a later turn often acts on what an earlier turn created.
    const made = new Set(this.produced.filter((p) => p.domain === domain.name).map((p) => p.kind));
    const consumers = pool.filter((t) => t.params.some((p) => p.ref && made.has(p.ref)));
    if (consumers.length && this.rng.bool(0.6)) return this.rng.weighted(consumers.map((t) => [t, 1 / (1 + (this.ctx.usage.get(t.name) ?? 0))] as const));
    if (pool.length === 0) return undefined;
    const wantWrite = this.rng.bool(writeBias);
    const preferred = pool.filter((t) => t.readOnly !== wantWrite);
    const from = preferred.length ? preferred : pool;
    return this.rng.weighted(from.map((t) => [t, 1 / (1 + (this.ctx.usage.get(t.name) ?? 0))] as const));
  }

  /**
   * TOOL_EXECUTION with recovery. On FAILURE, in order: correct the arguments from the error
   * message; bind other entities or values; establish the entity's precondition with another
   * write on it first (freeze before unfreeze, place before cancel); produce a fresh entity of
   * the kind first. Steps a recovery adds are ground truth too, with their dependency edges.
   */
  private execute(domain: Domain, tool: Tool, level: InfoLevel, executed: Executed[], maxCalls: number, fixed: Fixed = {}, depth = 0): Executed | undefined {
    const tried = { precondition: false, prerequisite: false };
    // Entities already refused: a rebinding picks another one (an entity in the right state).
    const refused = new Set<string>();
    // Everything this call leads to (recovery steps, their writes) is undone if it fails in the end.
    const start = this.checkpoint(executed);
    let attemptStart = start;
    let bound: Bound | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (!bound) {
        attemptStart = this.checkpoint(executed);
        bound = this.bind(domain, tool, level, executed, fixed, maxCalls, refused);
        if (!bound || executed.length + 1 > maxCalls) break;
      }
      // The same call twice is never ground truth (the second does nothing, or does it twice).
      const signature = canonicalJson(bound.args);
      if (this.steps.some((s) => s.tool === tool.name && canonicalJson(s.args) === signature)) {
        this.rollback(attemptStart, executed);
        attemptStart = start;
        for (const v of Object.values(bound.args)) if (typeof v === "string") refused.add(v);
        bound = undefined;
        this.recovered("other arguments (repeat)");
        continue;
      }
      this.enter("TOOL_EXECUTION");
      const record = this.ctx.env.call(this.session, tool.name, bound.args);
      const outcome = classify(tool, record);
      this.transition(outcome);
      if (outcome === "SUCCESS") {
        const step: Step = { id: this.steps.length, tool: tool.name, args: bound.args, depends_on: [], ...(Object.keys(bound.bindings).length ? { bindings: bound.bindings } : {}) };
        this.steps.push(step);
        const e: Executed = { step, tool, domain, record, refs: bound.refs, values: bound.values, lookup: false };
        executed.push(e);
        this.remember(domain, tool, e);
        this.release(start);
        if (attemptStart !== start) this.release(attemptStart);
        return e;
      }
      const correction = outcome === "FAILURE" ? correctFromError(tool, bound.args, record.error?.message ?? "", this.rng, this.today) : undefined;
      if (correction && attempt < MAX_ATTEMPTS - 1) {
        const corrected = this.applyCorrection(domain, tool, level, bound, correction, fixed);
        if (corrected) {
          bound = corrected;
          this.recovered(correction.how);
          continue;
        }
      }
      // Drop this attempt's lookups (reads) before trying something else.
      this.rollback(attemptStart, executed);
      attemptStart = start;
      const entity = this.primaryEntity(tool, bound, fixed);
      for (const v of Object.values(bound.args)) if (typeof v === "string") refused.add(v);
      bound = undefined;
      if (outcome === "FAILURE" && depth === 0 && entity && !tried.precondition) {
        tried.precondition = true;
        const pinned = this.establish(domain, tool, level, executed, maxCalls - 1, entity);
        if (pinned) {
          this.recovered("precondition first");
          fixed = { ...fixed, [entity.param.name]: pinned };
          continue;
        }
      }
      if (outcome === "FAILURE" && depth === 0 && !tried.prerequisite) {
        tried.prerequisite = true;
        const fresh = this.produceFirst(domain, tool, level, executed, maxCalls - 1);
        if (fresh) {
          this.recovered("prerequisite first");
          fixed = { ...fixed, ...fresh };
          continue;
        }
      }
      this.recovered(outcome === "PARTIAL" ? "other arguments (empty result)" : "other arguments");
    }
    if (attemptStart !== start) this.release(attemptStart);
    this.rollback(start, executed);
    return undefined;
  }

  /** A point to come back to: a fork of the live session (O(1)) and the plan's lengths. */
  private checkpoint(executed: Executed[]): Checkpoint {
    const [fork] = this.ctx.env.fork(this.session, 1);
    return { fork: (fork as { id: string }).id, steps: this.steps.length, produced: this.produced.length, executed: executed.length };
  }

  /** Back to the checkpoint: its fork becomes the live session, the plan is cut back. */
  private rollback(cp: Checkpoint, executed: Executed[]): void {
    this.ctx.env.close(this.session);
    this.session = cp.fork;
    this.steps.length = cp.steps;
    this.produced.length = cp.produced;
    executed.length = cp.executed;
  }

  private release(cp: Checkpoint): void {
    this.ctx.env.close(cp.fork);
  }

  private get today(): string {
    return this.ctx.env.sessionState(this.session).now.slice(0, 10);
  }

  /** The first entity the call names (the one a precondition would be about). */
  private primaryEntity(tool: Tool, bound: Bound, fixed: Fixed): { param: ParamInfo; pin: Pin } | undefined {
    const p = tool.params.find((x) => x.ref && x.type === "string" && bound.args[x.name] !== undefined);
    if (!p) return undefined;
    const mention = bound.refs.find((r) => r.param.name === p.name);
    if (!mention) return undefined;
    return { param: p, pin: fixed[p.name] ?? { value: bound.args[p.name], mention, ...(bound.bindings[p.name] ? { binding: bound.bindings[p.name] } : {}) } };
  }

  /** Another write on the same entity first (e.g. freeze_card before unfreeze_card); the entity, pinned. */
  private establish(domain: Domain, tool: Tool, level: InfoLevel, executed: Executed[], maxCalls: number, entity: { param: ParamInfo; pin: Pin }): Pin | undefined {
    const writers = domain.tools.filter((w) => !w.readOnly && w !== tool && !w.destructive && w.params.some((p) => p.ref === entity.param.ref && p.type === "string"));
    for (const w of this.rng.sample(writers, 3)) {
      const p = w.params.find((x) => x.ref === entity.param.ref && x.type === "string") as ParamInfo;
      const done = this.execute(domain, w, level, executed, maxCalls, { [p.name]: { ...entity.pin, mention: { ...entity.pin.mention, param: p } } }, 1);
      if (done) return { ...entity.pin, mention: { ...entity.pin.mention, param: entity.param } };
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
      const fresh = this.produced.find((x) => x.step === made.step.id);
      const param = tool.params.find((p) => p.ref === kind && p.type === "string");
      if (!fresh || !param) return {};
      return { [param.name]: { value: fresh.key, mention: { param, text: fresh.text }, binding: { step: fresh.step, path: keyPath(domain, kind) } } };
    }
    return undefined;
  }

  private applyCorrection(domain: Domain, tool: Tool, level: InfoLevel, bound: Bound, c: Correction, fixed: Fixed): Bound | undefined {
    const sampling = this.ctx.sampling(domain);
    const args = { ...c.args };
    const refs = bound.refs.filter((r) => args[r.param.name] !== undefined);
    const values = bound.values.filter((v) => args[v.param.name] !== undefined).map((v) => ({ ...v, value: args[v.param.name] }));
    const bindings = Object.fromEntries(Object.entries(bound.bindings).filter(([k]) => args[k] !== undefined));
    for (const p of c.add) {
      if (p.ref) {
        const chosen = this.chooseEntity(domain, p, sampling, level === "minimal" ? "complete" : level);
        if (!chosen) return undefined;
        const value = p.field ? chosen.sampled?.item[p.field] : chosen.key;
        if (value === undefined) return undefined;
        args[p.name] = p.type === "array" ? [value] : value;
        if (chosen.produced) {
          bindings[p.name] = { step: chosen.produced.step, path: keyPath(domain, chosen.produced.kind) };
          refs.push({ param: p, text: chosen.produced.text });
        } else refs.push({ param: p, text: chosen.sampled?.text ?? String(value), key: String(value) });
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

  /** Chooses arguments: entity refs (sampled, produced earlier, or fixed), then other values. */
  private bind(domain: Domain, tool: Tool, level: InfoLevel, executed: Executed[], fixed: Fixed, maxCalls: number, refused: ReadonlySet<string> = new Set()): Bound | undefined {
    const sampling = this.ctx.sampling(domain);
    const args: Record<string, unknown> = {};
    const refs: Mention[] = [];
    const values: ValueMention[] = [];
    const bindings: NonNullable<Step["bindings"]> = {};
    const optional = tool.params.filter((p) => !p.required && !["limit", "cursor"].includes(p.name) && !fixed[p.name]);
    const chosenOptional = optional.length && this.rng.bool(0.25) ? [this.rng.pick(optional)] : [];
    for (const p of [...tool.params.filter((x) => x.required || fixed[x.name]), ...chosenOptional]) {
      const pinned = fixed[p.name];
      if (pinned) {
        args[p.name] = pinned.value;
        if (pinned.binding) bindings[p.name] = pinned.binding;
        refs.push({ ...pinned.mention, param: p });
        continue;
      }
      if (p.ref) {
        const chosen = this.chooseEntity(domain, p, sampling, level, refused);
        if (!chosen) return undefined;
        const value = p.field ? chosen.sampled?.item[p.field] ?? chosen.sampled?.entity?.[p.field] : chosen.key;
        if (value === undefined) return undefined;
        args[p.name] = p.type === "array" ? this.several(p, sampling, value) : value;
        if (chosen.produced) {
          bindings[p.name] = { step: chosen.produced.step, path: keyPath(domain, chosen.produced.kind) };
          refs.push({ param: p, text: chosen.produced.text });
        } else if (chosen.sampled) {
          if (level === "minimal" && executed.length + 2 <= maxCalls) {
            const lookup = this.lookup(domain, chosen.sampled, executed);
            if (lookup) {
              bindings[p.name] = { step: lookup.step, path: lookup.path };
              refs.push({ param: p, text: chosen.sampled.text });
              continue;
            }
          }
          refs.push({ param: p, text: chosen.sampled.text, key: String(value) });
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

  /** A list of entities for an array parameter: the chosen one and, often, one more of its kind. */
  private several(p: ParamInfo, sampling: SamplingContext, first: unknown): unknown[] {
    const others = (sampling.byKind.get(p.ref as string) ?? []).map((s) => (p.field ? s.item[p.field] : s.key)).filter((v) => v !== undefined && v !== first);
    return others.length && this.rng.bool(0.6) ? [first, this.rng.pick(others)] : [first];
  }

  private chooseEntity(domain: Domain, p: ParamInfo, sampling: SamplingContext, level: InfoLevel, refused: ReadonlySet<string> = new Set()): { key: string; sampled?: Sampled; produced?: Produced } | undefined {
    const produced = this.produced.filter((x) => x.domain === domain.name && x.kind === p.ref && !refused.has(x.key));
    if (produced.length && this.rng.bool(0.7)) {
      const x = this.rng.pick(produced);
      return { key: x.key, produced: x };
    }
    const all = (sampling.byKind.get(p.ref as string) ?? []).filter((x) => !refused.has(x.key));
    // At the minimal level the user only describes the entity: pick one a first page of results shows.
    const firstPage = level === "minimal" ? all.filter((s) => s.via.index < 20) : [];
    const pool = firstPage.length ? firstPage : all;
    if (pool.length === 0) return undefined;
    const s = this.rng.pick(pool);
    return { key: s.key, sampled: s };
  }

  /** A discovery call that shows the entity on its first page, executed as a ground-truth step. */
  private lookup(domain: Domain, sampled: Sampled, executed: Executed[]): { step: number; path: string } | undefined {
    const tool = domain.tool(sampled.via.tool);
    if (!tool) return undefined;
    const { limit: _limit, cursor: _cursor, ...args } = sampled.via.args;
    const record = this.ctx.env.call(this.session, tool.name, args);
    if (record.outcome !== "ok") return undefined;
    const items = listOf(record.result, domain.kinds.get(sampled.kind) ?? "", sampled.kind).items;
    const index = items.findIndex((it) => (it[keyField(domain, sampled.kind)] ?? it.id) === sampled.key);
    if (index < 0) return undefined;
    const step: Step = { id: this.steps.length, tool: tool.name, args, depends_on: [] };
    this.steps.push(step);
    executed.push({ step, tool, domain, record, refs: [], values: [], lookup: true });
    return { step: step.id, path: `${sampled.via.list}[${index}].${keyField(domain, sampled.kind)}` };
  }

  private remember(domain: Domain, tool: Tool, e: Executed): void {
    if (!tool.produces) return;
    const result = e.record.result as Entity;
    const table = domain.kinds.get(tool.produces) as string;
    const def = domain.tables[table];
    const key = def ? result[def.key] : undefined;
    if (typeof key !== "string" || !def) return;
    let text: string;
    try {
      text = def.describe((this.ctx.env.sessionState(this.session).get(domain.name, table, key) ?? result) as never);
    } catch {
      text = `the new ${tool.produces}`;
    }
    this.produced.push({ kind: tool.produces, domain: domain.name, key, step: e.step.id, entity: result, text });
  }

  /** The next call of a chain: one that takes what `last` produced, by an explicit edge. */
  private extend(domain: Domain, last: Executed, level: InfoLevel, executed: Executed[], budget: number): Executed | undefined {
    const produced = this.produced.find((p) => p.step === last.step.id);
    if (!produced) return undefined;
    const edges = (this.ctx.graph.out.get(last.tool.name) ?? []).filter((e) => e.kind === "explicit" && e.param && domain.tool(e.to));
    if (edges.length === 0) return undefined;
    const edge = this.rng.pick(edges);
    const tool = domain.tool(edge.to) as Tool;
    const param = tool.params.find((p) => p.name === edge.param) as ParamInfo;
    const value = param.type === "array" ? [produced.key] : produced.key;
    const next = this.execute(domain, tool, level, executed, executed.length + Math.min(budget, 2), {
      [param.name]: { value, mention: { param, text: produced.text }, binding: { step: produced.step, path: keyPath(domain, produced.kind) } },
    });
    if (next) this.recovered("chain extended");
    return next;
  }

  /** RESPONSE: what the assistant says after the turn's calls, and the facts it must contain. */
  private respond(executed: readonly Executed[]): { reply: string; facts: string[] } {
    const last = executed[executed.length - 1] as Executed;
    const result = last.record.result as Record<string, unknown>;
    if (last.tool.readOnly) {
      if (Array.isArray(result.items)) {
        const total = typeof result.total === "number" ? result.total : result.items.length;
        return { reply: `I found ${total} result${total === 1 ? "" : "s"}.`, facts: [String(total)] };
      }
      const tokens = new Set(last.tool.name.split("_"));
      const fields = Object.entries(result).filter(([, v]) => (typeof v === "number" && v !== 0) || (typeof v === "string" && v.length >= 2 && v.length <= 40));
      // The facts worth stating: fields the request asked about (get_balance → balance), else the status.
      const relevant = fields.filter(([k]) => k.split("_").some((w) => tokens.has(w)));
      const chosen = (relevant.length ? relevant : fields.filter(([k]) => k === "status")).slice(0, 2);
      if (chosen.length === 0) return { reply: "Here is what I found.", facts: [] };
      return { reply: `Here is what I found: ${chosen.map(([k, v]) => `${k.replace(/_/g, " ")} ${formatValue(v)}`).join(", ")}.`, facts: chosen.map(([, v]) => formatValue(v).replace(/^"|"$/g, "")) };
    }
    const made = executed.map((e) => this.produced.find((p) => p.step === e.step.id)).filter((p): p is Produced => !!p);
    if (made.length) return { reply: `Done. I created ${made.map((p) => `${p.text} (${p.key})`).join(" and ")}.`, facts: made.map((p) => p.key) };
    return { reply: "Done — that's taken care of.", facts: [] };
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
        if (tool && tool.uses.length && changes.some((c) => c.op === "create")) {
          const prevTool = this.steps[i]?.tool;
          if (prevTool && tool.uses.some((k) => domainsByTool(prevTool)?.tool(prevTool)?.produces === k)) deps.add(i);
        }
      }
      s.depends_on = [...deps].filter((d) => d < j).sort((a, b) => a - b);
    });
  }
}

export interface TurnOptions {
  writeBias?: number;
  exclude?: ReadonlySet<string>;
  /** Only tools with a required plain value (one a user can leave out). */
  needsValue?: boolean;
}

/** A required parameter whose value a user states in words (not an entity, a choice or a flag). */
function isPlainRequired(p: ParamInfo): boolean {
  return p.required && !p.ref && !p.enum && p.type !== "boolean";
}

function classify(tool: Tool, record: CallRecord): Transition {
  if (record.outcome !== "ok") return "FAILURE";
  const r = record.result as { items?: unknown[] } | undefined;
  if (tool.readOnly && Array.isArray(r?.items) && r.items.length === 0) return "PARTIAL";
  return "SUCCESS";
}

function keyField(domain: Domain, kind: string): string {
  return domain.tables[domain.kinds.get(kind) ?? ""]?.key ?? "id";
}

function keyPath(domain: Domain, kind: string): string {
  return keyField(domain, kind);
}

function refKeys(step: Step, tool: Tool | undefined): string[] {
  if (!tool) return [];
  return tool.params.filter((p) => p.ref).flatMap((p) => {
    const v = step.args[p.name];
    return Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
  });
}

function decodeSegment(s: string): string {
  return s.replace(/~1/g, "/").replace(/~0/g, "~");
}

export const emptyMachineStats = (): MachineStats => ({ transitions: { SUCCESS: 0, PARTIAL: 0, FAILURE: 0 }, states: {}, recoveries: {} });

