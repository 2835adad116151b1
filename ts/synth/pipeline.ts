/**
 * Synthesis, end to end: dependency graph and value bridges → per family of tasks, a world
 * (user, date, seeded state) and its few domains → live-state sampling → the state machine per
 * task → labels, replay validation and filters → tasks, chat records, tool sets and statistics.
 * Deterministic: every random choice comes from the dataset seed, so the same seed and config
 * give byte-identical files (a teacher, when used, is the one outside source of variation).
 */
import { Environment } from "../env/environment.ts";
import { Rng } from "../servers/framework/rng.ts";
import { weekday } from "../servers/framework/time.ts";
import { worldFor } from "../servers/framework/world.ts";
import type { Domain, Tool } from "../servers/framework/index.ts";
import type { Knobs, Task, Turn } from "../tasks/schema.ts";
import { sessionFor } from "../tasks/session.ts";
import { bridgesOf } from "./bridges.ts";
import { chatRecord, Toolsets, type ChatRecord } from "./chat.ts";
import { synthConfig, type SynthConfig } from "./config.ts";
import { figures, toolIndex, type Figures } from "./figures.ts";
import { dependencyGraph } from "./graph.ts";
import { toolsThatCanDoIt } from "./labels.ts";
import { PERSONAS, systemPrompt } from "./language.ts";
import { emptyMachineStats, TaskMachine, type BuiltTurn, type InfoLevel, type MachineContext, type MachineStats } from "./machine.ts";
import { correctFromError } from "./recovery.ts";
import { sampleDomain, type Sampled, type SamplingContext } from "./sampling.ts";
import { teach, type Teacher } from "./teacher.ts";
import { Dedup, groundingOk, provenanceOk, replayCheck, type DropReason } from "./validate.ts";
import { valueFor } from "./values.ts";

export type Kind = Task["kind"];

export interface Progress {
  stage: "graph" | "sampling" | "synthesis" | "done";
  done: number;
  total: number;
  kept: number;
  dropped: Record<string, number>;
  message: string;
}

export interface SynthStats {
  seed: string;
  config: SynthConfig;
  graph: { hash: string; tools: number; edges: Record<string, number>; bridges: number; bridged_domain_pairs: number };
  kept: number;
  candidates: number;
  dropped: Record<string, number>;
  by_kind: Record<string, number>;
  by_domain: Record<string, number>;
  by_domain_count: Record<string, number>;
  by_chain_length: Record<string, number>;
  by_turns: Record<string, number>;
  by_info_level: Record<string, number>;
  by_knob: Record<string, number>;
  by_expect: Record<string, number>;
  by_move: Record<string, number>;
  tools_used: number;
  tools_total: number;
  /** The figures the dataset is judged by (`figures.ts`). */
  figures: Figures;
  /** Labels: abstentions whose hidden tool other offered tools could replace (then withheld too, or the task refused). */
  labels: { abstentions_doable_withheld: number; abstentions_doable_refused: number; withheld_tools: number };
  toolsets: number;
  machine: MachineStats;
  teacher?: Teacher["stats"];
}

export interface Dataset {
  tasks: Task[];
  chats: ChatRecord[];
  /** Tool set id → OpenAI function list (JSON). */
  toolsets: ReadonlyMap<string, string>;
  stats: SynthStats;
}

export interface SynthOptions {
  seed: string;
  config?: unknown;
  domains: readonly Domain[];
  teacher?: Teacher;
  onProgress?: (p: Progress) => void;
}

export interface Candidate {
  task: Task;
  built: BuiltTurn[];
  offered: Tool[];
  /** The goal each turn was built from. */
  moves: string[];
  /** The chat record, made as soon as the task is kept (after the teacher, when there is one). */
  chat?: ChatRecord;
}

/** A family of tasks: one world and the few domains its tasks (and their distractors) use. */
interface Family {
  seed: string;
  domains: Domain[];
}

/** Abstentions whose hidden tool more than this many offered tools could replace are refused. */
const MAX_WITHHELD = 4;

export async function synthesize(opts: SynthOptions): Promise<Dataset> {
  const config = synthConfig(opts.config);
  const domains = config.domains
    ? config.domains.map((n) => opts.domains.find((d) => d.name === n) ?? fail(`unknown domain "${n}" in the synthesis config`))
    : [...opts.domains];
  const progress = (p: Omit<Progress, "dropped"> & { dropped?: Record<string, number> }) => opts.onProgress?.({ dropped: {}, ...p });

  progress({ stage: "graph", done: 0, total: config.count, kept: 0, message: "deriving the tool dependency graph and value bridges" });
  const graph = dependencyGraph(domains);
  const bridges = bridgesOf(domains);
  const env = new Environment(domains, { shard: "synth", limits: { maxSessions: 1_000_000, maxCallsPerSession: 100_000 } });
  const worlds = config.world_seeds ?? Math.max(1, Math.ceil(config.count / config.family_size));
  const samplings = new Map<string, SamplingContext>();
  const stats = emptyMachineStats();
  const usage = new Map<string, number>();
  const outcomes = new Map<string, { tries: number; ok: number }>();
  const refusedKeys = new Map<string, Set<string>>();
  const needs = new Map<string, string[][]>();
  const index = toolIndex(domains);
  const byName = new Map(domains.map((d) => [d.name, d] as const));
  const toolsets = new Toolsets();
  const labels = { abstentions_doable_withheld: 0, abstentions_doable_refused: 0, withheld_tools: 0 };

  const samplingFor = (domain: Domain, seed: string): SamplingContext => {
    const key = `${domain.name}@${seed}`;
    let s = samplings.get(key);
    if (!s) {
      const rng = Rng.from(`${opts.seed}/sampling/${key}`);
      const world = worldFor(seed);
      s = sampleDomain(env, domain, seed, (tool, byKind, pools, error, previous) => discoveryArgs(tool, byKind, pools, rng, world, domain, error, previous));
      // A family's samplings are dropped when it ends: only the live family's are kept.
      samplings.set(key, s);
    }
    return s;
  };
  progress({ stage: "sampling", done: 0, total: config.count, kept: 0, message: `sampling live state: ${worlds} worlds` });

  const quotas = largestRemainder(config.count, config.mix);
  const dedup = new Dedup(config.dedup_jaccard);
  const dropped: Record<string, number> = {};
  const kept: Candidate[] = [];
  const domainUse = new Map<string, number>();
  const planRng = Rng.from(`${opts.seed}/plan`);
  const irrelevantShare = Math.min(1, (config.irrelevance_share * config.count) / Math.max(1, quotas.abstention));
  // Share of tasks that take distractors and stripped enums: single-domain conversations and clarifications, and irrelevant requests.
  const knobbedShare = Math.max(
    0.05,
    (quotas.conversation * (1 - config.two_domain_share) + quotas.clarification + quotas.abstention * irrelevantShare) / Math.max(1, config.count),
  );
  let candidates = 0;
  const maxSlots = config.count * 4;
  let family: Family | undefined;
  let familyIndex = -1;

  for (let slot = 0; kept.length < config.count && slot < maxSlots; slot++) {
    const f = Math.floor(kept.length / config.family_size);
    if (f !== familyIndex || !family) {
      familyIndex = f;
      for (const key of [...samplings.keys()]) if (family && key.endsWith(`@${family.seed}`)) samplings.delete(key);
      family = familyOf(f);
      refusedKeys.clear();
    }
    const kind = planRng.weighted((Object.entries(quotas) as Array<[Kind, number]>).filter(([, n]) => n > 0));
    const rng = Rng.from(`${opts.seed}/task/${slot}`);
    candidates++;
    const fam = family;
    const ctx: MachineContext = {
      env,
      graph,
      bridges,
      world: worldFor(fam.seed),
      sampling: (d) => samplingFor(d, fam.seed),
      domainOf: (n) => byName.get(n),
      usage,
      outcomes,
      refusedKeys,
      needs,
      stats,
    };
    const result = build(kind, rng, ctx, fam);
    if ("drop" in result) {
      dropped[result.drop] = (dropped[result.drop] ?? 0) + 1;
    } else if (!dedup.admit(result.task)) {
      dropped.duplicate = (dropped.duplicate ?? 0) + 1;
    } else {
      result.task.id = `${opts.seed}-${String(kept.length).padStart(6, "0")}`;
      // Without a teacher the chat record is final now: the live calls it was built from can go.
      if (!opts.teacher) {
        result.chat = chatRecord(result.task, result.built, toolsets.idOf(result.offered, result.task.knobs.strip_enums));
        result.built = [];
      }
      kept.push(result);
      quotas[kind]--;
      for (const d of result.task.domains) domainUse.set(d, (domainUse.get(d) ?? 0) + 1);
    }
    if (slot % 200 === 0) {
      progress({ stage: "synthesis", done: kept.length, total: config.count, kept: kept.length, dropped: { ...dropped }, message: `task ${slot}` });
      await new Promise((r) => setImmediate(r));
    }
  }
  if (opts.teacher) await teach(kept, opts.teacher);
  progress({ stage: "done", done: kept.length, total: config.count, kept: kept.length, dropped: { ...dropped }, message: "done" });

  const tasks = kept.map((c) => c.task);
  const chats = kept.map((c) => c.chat ?? chatRecord(c.task, c.built, toolsets.idOf(c.offered, c.task.knobs.strip_enums)));
  const summary = summarize(
    opts.seed,
    config,
    graph,
    bridges,
    kept,
    candidates,
    dropped,
    stats,
    domains,
    labels,
    toolsets.json.size,
    index,
    chats,
    opts.teacher,
  );
  return { tasks, chats, toolsets: toolsets.json, stats: summary };

  /**
   * The world and domains of family f: a domain the mix has used least, and a partner it shares
   * value bridges with (for two-domain tasks, distractors and irrelevant requests). Two domains a
   * world keeps the cost of seeding and sampling a world small, so the mix can have hundreds.
   */
  function familyOf(f: number): Family {
    const rng = Rng.from(`${opts.seed}/family/${f}`);
    const seed = `${opts.seed}-w${f % worlds}`;
    // The least used domain leads (ties drawn), so families cover every domain in turn.
    const least = Math.min(...domains.map((d) => domainUse.get(d.name) ?? 0));
    const first = rng.pick(domains.filter((d) => (domainUse.get(d.name) ?? 0) === least));
    const partners = domains.filter((d) => d !== first);
    const bridged = (d: Domain) => (bridges.pairs.get(`${first.name}>${d.name}`) ?? 0) + (bridges.pairs.get(`${d.name}>${first.name}`) ?? 0);
    const second = partners.length
      ? rng.weighted(partners.map((d) => [d, (bridged(d) > 0 ? bridged(d) : 0.02) / (1 + (domainUse.get(d.name) ?? 0))] as const))
      : undefined;
    return { seed, domains: [first, ...(second ? [second] : [])] };
  }

  function build(kind: Kind, rng: Rng, ctx: MachineContext, fam: Family): Candidate | { drop: DropReason } {
    const persona = rng.pick(PERSONAS);
    const a = pickDomain(rng, fam.domains, domainUse);
    const others = fam.domains.filter((d) => d !== a);
    const twoDomains = kind === "conversation" && others.length > 0 && rng.bool(config.two_domain_share);
    const bridged = (d: Domain) => (bridges.pairs.get(`${a.name}>${d.name}`) ?? 0) + (bridges.pairs.get(`${d.name}>${a.name}`) ?? 0);
    const b = twoDomains ? rng.weighted(others.map((d) => [d, 0.05 + bridged(d)] as const)) : undefined;
    const taskDomains = b ? [a, b] : [a];
    // Knobs go to single-domain tasks (a two-domain task already offers the other domain's tools),
    // at a rate that keeps their share of the whole mix; so the mix needs few distinct tool sets.
    const hiddenTool = kind === "abstention" && !(spareOf(fam, taskDomains).length > 0 && rng.bool(irrelevantShare));
    const knobbed = !b && !hiddenTool;
    const rate = (share: number) => Math.min(1, share / knobbedShare);
    const knobs: Knobs = { distractors: [], strip_enums: knobbed && rng.bool(rate(config.strip_enum_share)), irrelevant: false };
    const spare = spareOf(fam, taskDomains);
    // An irrelevant request comes from a family domain the task neither offers nor draws distractors from.
    knobs.irrelevant = kind === "abstention" && !hiddenTool;
    const outside = knobs.irrelevant ? rng.pick(spare) : undefined;
    const distractorPool = spare.filter((d) => d !== outside);
    if (knobbed && distractorPool.length && rng.bool(rate(config.distractor_share))) knobs.distractors = bundle(rng.pick(distractorPool));
    // In a fixed order (domains by name, then distractors), so tasks with the same tools share one tool set.
    const ordered = [...taskDomains].sort((x, y) => (x.name < y.name ? -1 : 1));
    const offeredOf = (withheld: readonly string[] = []) =>
      [...new Set([...ordered.flatMap((d) => d.tools.map((t) => t.name)), ...knobs.distractors])].filter((n) => !withheld.includes(n));
    const offeredTools = offeredOf()
      .map((n) => index.get(n)?.tool)
      .filter((t): t is Tool => !!t);
    // The session mounts the distractors' domains too: a model may call them, and they must run.
    const mount = sessionFor({ domains: taskDomains.map((d) => d.name), seed: fam.seed, tools: offeredOf() }, domains);
    const machine = new TaskMachine(ctx, mount.domains, fam.seed, rng, persona, () => offeredTools);
    try {
      let level: InfoLevel = "complete";
      let built: BuiltTurn[] = [];
      let withheld: string[] = [];
      if (kind === "conversation") {
        level = rng.weighted(Object.entries(config.info_levels) as Array<[InfoLevel, number]>);
        // The question a missing value raises is a user turn too: the conversation stays within turns.max.
        const turns = Math.max(1, rng.int(config.turns.min, config.turns.max) - (level === "missing_required" && config.turns.max > 1 ? 1 : 0));
        let callsLeft = Math.max(turns, rng.int(config.calls.min, config.calls.max));
        // The domain whose values feed the other's tools goes first.
        const flip = !!b && !bridges.pairs.get(`${a.name}>${b.name}`) && !!bridges.pairs.get(`${b.name}>${a.name}`);
        const [first, second] = flip && b ? [b, a] : [a, b];
        const schedule = scheduleOf(turns, first, second, rng);
        let crossed = false;
        for (let t = 0; t < turns; t++) {
          const domain = schedule[t] as Domain;
          const share = Math.max(1, Math.min(callsLeft - (turns - t - 1), Math.ceil(callsLeft / (turns - t)) + (rng.bool(0.3) ? 1 : 0)));
          // Until a turn of one domain builds on the other's, turns after the first look for a value from there.
          const single = !!b && turns === 1;
          const other = taskDomains.find((d) => d !== domain);
          const crossing = !!b && !crossed && (t > 0 || single) && !!other;
          // The first domain's first turn looks up what the second domain's turn will use.
          const feeds = b && t === 0 && !single && second ? (bridges.into.get(second.name) ?? []).filter((x) => x.from.domain === domain.name) : [];
          const turn = machine.turn(single && second ? second : domain, level, Math.max(share, single ? 2 : 1), {
            from: taskDomains,
            more: config.more_per_turn,
            ...(crossing ? { preferFrom: [single ? first.name : (other as Domain).name] } : {}),
            ...(feeds.length && rng.bool(0.7) ? { feeds } : {}),
          });
          if (!turn) return { drop: "no_feasible_call" };
          crossed ||= crossesDomains(turn, machine.steps, (n) => index.get(n)?.domain.name);
          callsLeft -= turn.executed.length;
          built.push(turn);
        }
        // A conversation is several steps; a single call is what clarification and abstention tasks are for.
        if (machine.steps.length < 2) return { drop: "too_short" };
        if (level === "missing_required") {
          const at = built.findIndex((t) => t.executed.length > 0);
          const split = at >= 0 ? firstSplit(machine, built) : undefined;
          if (split) built.splice(split.at, 1, split.ask, split.answer);
          else level = "complete";
        }
      } else if (kind === "clarification") {
        // Ask for the missing value, then do the work once the user gives it.
        const turn = machine.turn(a, "complete", rng.int(1, 3), { needsValue: true, moves: ["act"] });
        const split = turn && machine.withMissingValue(turn);
        if (!split) return { drop: "no_feasible_call" };
        built = [split.ask, split.answer];
        level = "missing_required";
      } else {
        let user: string | undefined;
        if (knobs.irrelevant && outside) {
          const tool = rng.pick(outside.tools.filter((t) => !t.readOnly));
          user = machine.phrase(outside, tool);
        } else {
          const turn = machine.turn(a, "complete", 1, { writeBias: 0.8, moves: ["act"], noVerify: true });
          const hidden = turn?.executed[0];
          if (turn && hidden) {
            const able = toolsThatCanDoIt(
              {
                env,
                session: sessionFor({ domains: taskDomains.map((d) => d.name), seed: fam.seed, tools: offeredOf() }, domains),
                domain: a,
                world: ctx.world,
                rng,
                pools: ctx.sampling(a).pools,
              },
              hidden.tool,
              hidden.record,
              offeredTools,
            );
            if (able.length > MAX_WITHHELD) {
              labels.abstentions_doable_refused++;
              return { drop: "abstention_doable" };
            }
            if (able.length) {
              labels.abstentions_doable_withheld++;
              labels.withheld_tools += able.length;
            }
            withheld = [hidden.tool.name, ...able];
            knobs.hidden_tool = hidden.tool.name;
            if (able.length) knobs.withheld = able;
            user = turn.turn.user;
          }
        }
        if (!user) return { drop: "no_feasible_call" };
        machine.steps.length = 0;
        built = [{ turn: { user, expect: "abstain", steps: [], answer_facts: [] }, executed: [], reply: machine.decline() }];
      }
      const steps = machine.steps;
      const offeredNames = offeredOf(withheld);
      const world = worldFor(fam.seed);
      const task: Task = {
        id: "",
        seed: fam.seed,
        domains: taskDomains.map((d) => d.name),
        tools: offeredNames,
        kind,
        info_level: level,
        system: systemPrompt(world.user.full_name, world.today, weekday(world.today), persona),
        turns: built.map((t) => t.turn),
        reference: { final_hash: "", written_paths: [], values: {} },
        tags: [],
        knobs,
      };
      // A task without ground-truth calls (a decline) never acts: its live run is not its reference.
      const session = sessionFor(task, domains);
      const replay = replayCheck(env, session, steps, steps.length ? machine.hash : undefined, config.max_error_ratio);
      if ("drop" in replay) return replay;
      task.reference = replay.reference;
      const records = replay.records;
      machine.finalizeDependencies((name) => index.get(name)?.domain, records);
      assignParallelGroups(task.turns, rng);
      if (!provenanceOk(task, records, (name) => index.get(name)?.tool)) return { drop: "provenance" };
      const discoverable = (d: Domain, k: string, key: string) => (samplingFor(d, fam.seed).byKind.get(k) ?? []).some((x: Sampled) => x.key === key);
      if (!groundingOk(env, session, steps, records, (name) => index.get(name)?.domain, discoverable)) return { drop: "grounding" };
      task.tags = tagsOf(task, steps.length);
      const offered = offeredNames.map((n) => index.get(n)?.tool).filter((t): t is Tool => !!t);
      return { task, built, offered, moves: built.map((b) => b.move).filter((m): m is NonNullable<typeof m> => !!m) };
    } finally {
      machine.close();
    }
  }

  /** A fixed bundle of a domain's tools offered as distractors: few distinct tool sets, so toolsets.jsonl stays small. */
  function bundle(d: Domain): string[] {
    const rng = Rng.from(`${opts.seed}/bundle/${d.name}`);
    const n = Math.min(d.tools.length, rng.int(config.distractors.min, config.distractors.max));
    return rng
      .sample(
        d.tools.map((t) => t.name),
        n,
      )
      .sort();
  }

  /** Arguments for a discovery call while sampling; after a refusal, corrected from its message. */
  function discoveryArgs(
    tool: Tool,
    byKind: Map<string, Sampled[]>,
    pools: ReadonlyMap<string, readonly (string | number)[]>,
    rng: Rng,
    world: ReturnType<typeof worldFor>,
    domain: Domain,
    error?: string,
    previous?: Record<string, unknown>,
  ): Record<string, unknown> | undefined {
    const correction = error && previous ? correctFromError(tool, previous, error, rng, world.today) : undefined;
    const args: Record<string, unknown> = correction ? { ...correction.args } : {};
    const wanted = correction ? correction.add : tool.params.filter((x) => x.required);
    if (correction && wanted.length === 0) return args;
    for (const p of wanted) {
      if (p.ref) {
        const pool = byKind.get(p.ref);
        if (!pool?.length) return undefined;
        const s = rng.pick(pool);
        args[p.name] = p.field ? s.item[p.field] : s.key;
      } else {
        const v = valueFor(p, { rng, world, today: world.today, domain, tool, pools, args });
        if (v === undefined) return undefined;
        args[p.name] = v;
      }
    }
    return args;
  }
}

/** The family's domains a task does not use (for distractors and irrelevant requests). */
function spareOf(fam: { domains: readonly Domain[] }, used: readonly Domain[]): Domain[] {
  return fam.domains.filter((d) => !used.includes(d));
}

/** Which domain each user turn is in: the first domain's turns, then the second's (sometimes back). */
function scheduleOf(turns: number, a: Domain, b: Domain | undefined, rng: Rng): Domain[] {
  if (!b || turns === 1) return Array.from({ length: turns }, () => a);
  const switchAt = rng.int(1, turns - 1);
  const back = turns - switchAt >= 2 && rng.bool(0.3);
  return Array.from({ length: turns }, (_, t) => (t < switchAt ? a : back && t === turns - 1 ? a : b));
}

/** Whether a turn has a step bound to a step of another domain. */
function crossesDomains(turn: BuiltTurn, steps: readonly { id: number; tool: string }[], domainOf: (tool: string) => string | undefined): boolean {
  return turn.executed.some((e) => Object.values(e.step.bindings ?? {}).some((b) => domainOf(steps[b.step]?.tool ?? "") !== e.domain.name));
}

/** The first turn that can leave a value out, split into the question and the answer. */
function firstSplit(machine: TaskMachine, built: readonly BuiltTurn[]): { at: number; ask: BuiltTurn; answer: BuiltTurn } | undefined {
  for (const [at, turn] of built.entries()) {
    const split = machine.withMissingValue(turn);
    if (split) return { at, ask: split.ask, answer: split.answer };
  }
  return undefined;
}

/** Independent consecutive calls of a turn may go out together in one assistant message. */
function assignParallelGroups(turns: Turn[], rng: Rng): void {
  let group = 0;
  for (const turn of turns) {
    if (turn.steps.length < 2 || !rng.bool(0.5)) continue;
    let members: number[] = [];
    const flush = () => {
      if (members.length >= 2) {
        for (const s of turn.steps) if (members.includes(s.id)) s.parallel_group = group;
        group++;
      }
      members = [];
    };
    for (const s of turn.steps) {
      if (s.depends_on.some((d) => members.includes(d))) flush();
      members.push(s.id);
    }
    flush();
  }
}

function tagsOf(task: Task, steps: number): string[] {
  const tags = [task.kind, task.info_level, ...task.domains, `calls:${steps}`, `turns:${task.turns.length}`];
  if (task.domains.length > 1) tags.push("multi_domain");
  if (task.turns.some((t) => t.steps.some((s) => s.parallel_group !== undefined))) tags.push("parallel");
  if (task.knobs.distractors.length) tags.push("distractors");
  if (task.knobs.strip_enums) tags.push("enums_stripped");
  if (task.knobs.irrelevant) tags.push("irrelevant");
  if (task.knobs.hidden_tool) tags.push("hidden_tool");
  return tags;
}

function pickDomain(rng: Rng, domains: readonly Domain[], use: Map<string, number>): Domain {
  return rng.weighted(domains.map((d) => [d, 1 / (1 + (use.get(d.name) ?? 0))] as const));
}

function largestRemainder(total: number, weights: Record<Kind, number>): Record<Kind, number> {
  const entries = Object.entries(weights) as Array<[Kind, number]>;
  const sum = entries.reduce((s, [, w]) => s + w, 0) || 1;
  const exact = entries.map(([k, w]) => [k, (total * w) / sum] as const);
  const out = Object.fromEntries(exact.map(([k, x]) => [k, Math.floor(x)])) as Record<Kind, number>;
  let left = total - Object.values(out).reduce((a, b) => a + b, 0);
  for (const [k] of [...exact].sort((x, y) => (y[1] % 1) - (x[1] % 1))) {
    if (left-- <= 0) break;
    out[k]++;
  }
  return out;
}

function summarize(
  seed: string,
  config: SynthConfig,
  graph: ReturnType<typeof dependencyGraph>,
  bridges: ReturnType<typeof bridgesOf>,
  kept: readonly Candidate[],
  candidates: number,
  dropped: Record<string, number>,
  machine: MachineStats,
  domains: readonly Domain[],
  labels: SynthStats["labels"],
  toolsets: number,
  index: ReturnType<typeof toolIndex>,
  chats: readonly ChatRecord[],
  teacher?: Teacher,
): SynthStats {
  const count = (f: (c: Candidate) => string | string[]) => {
    const out: Record<string, number> = {};
    for (const c of kept) for (const k of ([] as string[]).concat(f(c))) out[k] = (out[k] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  const used = new Set(kept.flatMap((c) => c.task.turns.flatMap((t) => t.steps.map((s) => s.tool))));
  const edges: Record<string, number> = {};
  for (const e of graph.edges) edges[e.kind] = (edges[e.kind] ?? 0) + 1;
  const tasks = kept.map((c) => c.task);
  return {
    seed,
    config,
    graph: { hash: graph.hash, tools: graph.tools.size, edges, bridges: bridges.all.length, bridged_domain_pairs: bridges.pairs.size },
    kept: kept.length,
    candidates,
    dropped: Object.fromEntries(Object.entries(dropped).sort()),
    by_kind: count((c) => c.task.kind),
    by_domain: count((c) => c.task.domains),
    by_domain_count: count((c) => String(c.task.domains.length)),
    by_chain_length: count((c) => String(c.task.turns.reduce((n, t) => n + t.steps.length, 0))),
    by_turns: count((c) => String(c.task.turns.length)),
    by_info_level: count((c) => c.task.info_level),
    by_knob: count((c) => c.task.tags.filter((t) => ["distractors", "enums_stripped", "irrelevant", "hidden_tool", "parallel", "multi_domain"].includes(t))),
    by_expect: count((c) => c.task.turns.map((t) => t.expect)),
    by_move: count((c) => c.moves),
    tools_used: used.size,
    tools_total: domains.reduce((n, d) => n + d.tools.length, 0),
    figures: figures(tasks, { tools: index, replies: (i) => chats[i]?.messages.filter((m) => m.role === "assistant" && !m.tool_calls).map((m) => m.content) }),
    labels,
    toolsets,
    machine,
    ...(teacher ? { teacher: teacher.stats } : {}),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
