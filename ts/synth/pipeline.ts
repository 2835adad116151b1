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
  /** Chunks the mix was made in, and the tasks dropped for duplicating an earlier chunk's (made again by one more chunk). */
  chunks: { count: number; duplicates_across: number };
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
  /**
   * Threads to synthesize chunks on (default 1: in this thread). The dataset is the same for any
   * number; more than one needs the registered domains (ts/servers/index.ts) and no teacher.
   */
  workers?: number;
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
  const worlds = worldsOf(config);
  const chunks = chunksOf(config);
  progress({ stage: "sampling", done: 0, total: config.count, kept: 0, message: `sampling live state: ${worlds} worlds, ${chunks.length} chunks` });

  // Each chunk reports its own kept and dropped counts; the sum is the run's.
  const seen = chunks.map(() => ({ kept: 0, dropped: {} as Record<string, number> }));
  const onChunk = (c: number, kept: number, dropped: Record<string, number>) => {
    seen[c] = { kept, dropped };
    const done = seen.reduce((n, x) => n + x.kept, 0);
    progress({
      stage: "synthesis",
      done,
      total: config.count,
      kept: done,
      dropped: sumCounts(seen.map((x) => x.dropped)),
      message: `chunk ${c + 1} of ${chunks.length}`,
    });
  };
  const workers = Math.min(opts.workers ?? 1, chunks.length);
  const results: ChunkResult[] = [];
  if (workers > 1 && !opts.teacher) {
    const { inWorkers } = await import("./workers.ts");
    results.push(...(await inWorkers({ seed: opts.seed, config, domains, chunks, workers, onChunk })));
  } else {
    for (const chunk of chunks) results.push(await synthesizeChunk({ seed: opts.seed, config, domains, chunk, chat: !opts.teacher, onChunk }));
  }
  const merged = mergeChunks(results, config.dedup_jaccard);
  // Tasks too similar to an earlier chunk's were dropped: one more chunk, in this thread, makes as many of the same kinds.
  const missing = Object.values(merged.missing).reduce((a, b) => a + b, 0);
  if (missing > 0) {
    const last = chunks[chunks.length - 1] as Chunk;
    const topUp: Chunk = { index: chunks.length, firstFamily: last.firstFamily + config.chunk_families, count: missing, quotas: merged.missing };
    const r = await synthesizeChunk({ seed: opts.seed, config, domains, chunk: topUp, chat: !opts.teacher, dedup: merged.dedup });
    merged.kept.push(...r.kept);
    merged.candidates += r.candidates;
    merged.dropped = sortedCounts([merged.dropped, r.dropped]);
    merged.stats = mergeMachineStats([merged.stats, r.stats]);
    merged.labels = sumCounts([merged.labels, r.labels]) as SynthStats["labels"];
    for (const [id, json] of r.toolsets) if (!merged.toolsets.has(id)) merged.toolsets.set(id, json);
  }
  // Ids number the dataset's tasks in order.
  merged.kept.forEach((c, i) => {
    const id = taskId(opts.seed, i);
    c.task.id = id;
    if (c.chat) c.chat.id = id;
  });
  if (opts.teacher) await teach(merged.kept, opts.teacher);
  progress({ stage: "done", done: merged.kept.length, total: config.count, kept: merged.kept.length, dropped: merged.dropped, message: "done" });

  const toolsets = new Toolsets(merged.toolsets);
  const tasks = merged.kept.map((c) => c.task);
  const chats = merged.kept.map((c) => c.chat ?? chatRecord(c.task, c.built, toolsets.idOf(c.offered, c.task.knobs.strip_enums)));
  const summary = summarize(
    opts.seed,
    config,
    graph,
    bridges,
    merged.kept,
    merged.candidates,
    merged.dropped,
    merged.stats,
    domains,
    merged.labels,
    toolsets.json.size,
    { count: chunks.length, duplicates_across: missing },
    toolIndex(domains),
    chats,
    opts.teacher,
  );
  return { tasks, chats, toolsets: toolsets.json, stats: summary };
}

/**
 * A run of consecutive families synthesized on its own: its own task kinds to make, plan,
 * coverage balancing and duplicate check, so chunks can run in any order, on any number of
 * threads, and the dataset (the chunks in order) is the same.
 */
export interface Chunk {
  index: number;
  /** The family its first task belongs to. */
  firstFamily: number;
  count: number;
  quotas: Record<Kind, number>;
}

/** What a chunk made: its tasks (with their chat records unless a teacher is still to rewrite them) and its counts. */
export interface ChunkResult {
  index: number;
  kept: Candidate[];
  candidates: number;
  dropped: Record<string, number>;
  stats: MachineStats;
  labels: SynthStats["labels"];
  toolsets: Array<[string, string]>;
}

export interface ChunkOptions {
  seed: string;
  config: SynthConfig;
  domains: readonly Domain[];
  chunk: Chunk;
  /** Make each kept task's chat record at once (no teacher), so its live calls can go. */
  chat: boolean;
  /** The duplicate check to admit tasks through (default: the chunk's own). */
  dedup?: Dedup;
  onChunk?: (chunk: number, kept: number, dropped: Record<string, number>) => void;
}

/** Chunks of `chunk_families` families; each takes the kinds the whole mix owes its range of tasks. */
export function chunksOf(config: SynthConfig): Chunk[] {
  const size = config.chunk_families * config.family_size;
  return Array.from({ length: Math.max(1, Math.ceil(config.count / size)) }, (_, index) => {
    const from = index * size;
    const to = Math.min(config.count, from + size);
    return { index, firstFamily: index * config.chunk_families, count: to - from, quotas: quotaBetween(config.mix, from, to) };
  });
}

/** The mix's quotas of tasks [from, to): the difference of its rounded quotas of the first `to` and `from` tasks, never below 0. */
function quotaBetween(mix: Record<Kind, number>, from: number, to: number): Record<Kind, number> {
  const upTo = largestRemainder(to, mix);
  const before = largestRemainder(from, mix);
  const out = Object.fromEntries((Object.keys(upTo) as Kind[]).map((k) => [k, upTo[k] - before[k]])) as Record<Kind, number>;
  // A kind with under one task's share in the range can come out at -1: it takes that task from the largest.
  for (const k of Object.keys(out) as Kind[]) {
    while (out[k] < 0) {
      const largest = (Object.keys(out) as Kind[]).reduce((x, y) => (out[y] > out[x] ? y : x));
      out[k]++;
      out[largest]--;
    }
  }
  return out;
}

/** The chunks in order, less each task too similar to one of an earlier chunk; `missing`: the kinds of those dropped. */
function mergeChunks(results: readonly ChunkResult[], threshold: number) {
  const dedup = new Dedup(threshold);
  const kept: Candidate[] = [];
  const toolsets = new Map<string, string>();
  const missing: Record<Kind, number> = { conversation: 0, clarification: 0, abstention: 0 };
  let duplicates = 0;
  for (const r of [...results].sort((a, b) => a.index - b.index)) {
    for (const c of r.kept) {
      if (dedup.admit(c.task)) kept.push(c);
      else {
        duplicates++;
        missing[c.task.kind]++;
      }
    }
    for (const [id, json] of r.toolsets) if (!toolsets.has(id)) toolsets.set(id, json);
  }
  return {
    kept,
    dedup,
    missing,
    toolsets,
    candidates: results.reduce((n, r) => n + r.candidates, 0),
    dropped: sortedCounts([...results.map((r) => r.dropped), duplicates ? { duplicate: duplicates } : {}]),
    stats: mergeMachineStats(results.map((r) => r.stats)),
    labels: sumCounts(results.map((r) => r.labels)) as SynthStats["labels"],
  };
}

/** The mix's distinct worlds: `world_seeds`, or one per family. */
const worldsOf = (config: SynthConfig) => config.world_seeds ?? Math.max(1, Math.ceil(config.count / config.family_size));

const taskId = (seed: string, i: number) => `${seed}-${String(i).padStart(6, "0")}`;

function sumCounts(all: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of all) for (const [k, v] of Object.entries(x)) out[k] = (out[k] ?? 0) + v;
  return out;
}

const sortedCounts = (all: readonly Record<string, number>[]) => Object.fromEntries(Object.entries(sumCounts(all)).sort());

function mergeMachineStats(all: readonly MachineStats[]): MachineStats {
  const out = emptyMachineStats();
  for (const s of all)
    for (const part of Object.keys(out) as Array<keyof MachineStats>) Object.assign(out[part], sumCounts([out[part], s[part]] as Record<string, number>[]));
  return out;
}

/**
 * The worlds and domains of the mix's families, in order; the same for every chunk, so each can
 * plan its own without making the tasks of those before it. A family's first domain is one the
 * families so far have used least (ties drawn), so families cover every domain in turn; its
 * partner shares value bridges with it (for two-domain tasks, distractors and irrelevant
 * requests), drawn against use. Two domains a world keep the cost of seeding and sampling a world
 * small, so the mix can have hundreds. Use counts a family's tasks for both its domains.
 */
function familyPlan(seed: string, domains: readonly Domain[], bridges: ReturnType<typeof bridgesOf>, worlds: number, familySize: number) {
  const use = new Map<string, number>();
  const families: Family[] = [];
  const next = () => {
    const f = families.length;
    const rng = Rng.from(`${seed}/family/${f}`);
    const least = Math.min(...domains.map((d) => use.get(d.name) ?? 0));
    const first = rng.pick(domains.filter((d) => (use.get(d.name) ?? 0) === least));
    const partners = domains.filter((d) => d !== first);
    const bridged = (d: Domain) => (bridges.pairs.get(`${first.name}>${d.name}`) ?? 0) + (bridges.pairs.get(`${d.name}>${first.name}`) ?? 0);
    const second = partners.length
      ? rng.weighted(partners.map((d) => [d, (bridged(d) > 0 ? bridged(d) : 0.02) / (1 + (use.get(d.name) ?? 0))] as const))
      : undefined;
    const members = [first, ...(second ? [second] : [])];
    for (const d of members) use.set(d.name, (use.get(d.name) ?? 0) + familySize);
    families.push({ seed: `${seed}-w${f % worlds}`, domains: members });
  };
  return { families, next };
}

/** Synthesizes one chunk: its families in turn, each a world and its few domains, until it has its count. */
export async function synthesizeChunk(opts: ChunkOptions): Promise<ChunkResult> {
  const { config, chunk } = opts;
  const domains = opts.domains;
  const graph = dependencyGraph(domains);
  const bridges = bridgesOf(domains);
  const env = new Environment(domains, { shard: "synth", limits: { maxSessions: 1_000_000, maxCallsPerSession: 100_000 } });
  const worlds = worldsOf(config);
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

  const quotas = { ...chunk.quotas };
  const dedup = opts.dedup ?? new Dedup(config.dedup_jaccard);
  const dropped: Record<string, number> = {};
  const kept: Candidate[] = [];
  const domainUse = new Map<string, number>();
  const plan = familyPlan(opts.seed, domains, bridges, worlds, config.family_size);
  const planRng = Rng.from(`${opts.seed}/plan/${chunk.index}`);
  // Shares of the whole mix, the same in every chunk.
  const mixQuotas = largestRemainder(config.count, config.mix);
  const irrelevantShare = Math.min(1, (config.irrelevance_share * config.count) / Math.max(1, mixQuotas.abstention));
  // Share of tasks that take distractors and stripped enums: single-domain conversations and clarifications, and irrelevant requests.
  const knobbedShare = Math.max(
    0.05,
    (mixQuotas.conversation * (1 - config.two_domain_share) + mixQuotas.clarification + mixQuotas.abstention * irrelevantShare) / Math.max(1, config.count),
  );
  let candidates = 0;
  // Each chunk draws its tasks' seeds from its own range of slots (4 per task, as the loop allows).
  const firstSlot = chunk.firstFamily * config.family_size * 4;
  const maxSlots = firstSlot + chunk.count * 4;
  let family: Family | undefined;
  let familyIndex = -1;

  for (let slot = firstSlot; kept.length < chunk.count && slot < maxSlots; slot++) {
    const f = chunk.firstFamily + Math.floor(kept.length / config.family_size);
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
      // Without a teacher the chat record is final now: the live calls it was built from can go.
      if (opts.chat) {
        result.chat = chatRecord(result.task, result.built, toolsets.idOf(result.offered, result.task.knobs.strip_enums));
        result.built = [];
      }
      kept.push(result);
      quotas[kind]--;
      for (const d of result.task.domains) domainUse.set(d, (domainUse.get(d) ?? 0) + 1);
    }
    if (slot % 200 === 0) {
      opts.onChunk?.(chunk.index, kept.length, { ...dropped });
      await new Promise((r) => setImmediate(r));
    }
  }
  opts.onChunk?.(chunk.index, kept.length, { ...dropped });
  return {
    index: chunk.index,
    kept,
    candidates,
    dropped,
    stats,
    labels,
    toolsets: [...toolsets.json],
  };

  /** Family f of the plan (`familyPlan`), planning as far as f. */
  function familyOf(f: number): Family {
    while (plan.families.length <= f) plan.next();
    return plan.families[f] as Family;
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
  chunks: SynthStats["chunks"],
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
    chunks,
    machine,
    ...(teacher ? { teacher: teacher.stats } : {}),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
