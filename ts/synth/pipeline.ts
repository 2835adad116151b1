/**
 * Synthesis, end to end: dependency graph → live-state sampling → the state machine per task →
 * replay validation and filters → tasks.jsonl, chat.jsonl and statistics. Deterministic: every
 * random choice comes from the dataset seed, so the same seed and config give byte-identical
 * files (a teacher, when used, is the one outside source of variation).
 */
import { Environment } from "../env/environment.ts";
import { Rng } from "../servers/framework/rng.ts";
import { weekday } from "../servers/framework/time.ts";
import { worldFor } from "../servers/framework/world.ts";
import type { Domain, Tool } from "../servers/framework/index.ts";
import type { Knobs, Task, Turn } from "../tasks/schema.ts";
import { sessionFor } from "../tasks/session.ts";
import { chatRecord, type ChatRecord } from "./chat.ts";
import { synthConfig, type SynthConfig } from "./config.ts";
import { dependencyGraph } from "./graph.ts";
import { PERSONAS, systemPrompt } from "./language.ts";
import { emptyMachineStats, TaskMachine, type BuiltTurn, type InfoLevel, type MachineContext, type MachineStats } from "./machine.ts";
import { sampleDomain, type Sampled, type SamplingContext } from "./sampling.ts";
import type { Teacher } from "./teacher.ts";
import { Dedup, groundingOk, provenanceOk, replayCheck, type DropReason } from "./validate.ts";
import { correctFromError } from "./recovery.ts";
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
  graph: { hash: string; tools: number; edges: Record<string, number> };
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
  tools_used: number;
  tools_total: number;
  machine: MachineStats;
  teacher?: Teacher["stats"];
}

export interface Dataset {
  tasks: Task[];
  chats: ChatRecord[];
  stats: SynthStats;
}

export interface SynthOptions {
  seed: string;
  config?: unknown;
  domains: readonly Domain[];
  teacher?: Teacher;
  onProgress?: (p: Progress) => void;
}

interface Candidate {
  task: Task;
  built: BuiltTurn[];
  offered: Tool[];
}

export async function synthesize(opts: SynthOptions): Promise<Dataset> {
  const config = synthConfig(opts.config);
  const domains = config.domains ? config.domains.map((n) => opts.domains.find((d) => d.name === n) ?? fail(`unknown domain "${n}" in the synthesis config`)) : [...opts.domains];
  const progress = (p: Omit<Progress, "dropped"> & { dropped?: Record<string, number> }) => opts.onProgress?.({ dropped: {}, ...p });

  progress({ stage: "graph", done: 0, total: config.count, kept: 0, message: "deriving the tool dependency graph" });
  const graph = dependencyGraph(domains);
  const env = new Environment(domains, { shard: "synth", limits: { maxSessions: 1_000_000, maxCallsPerSession: 100_000 } });
  const worldSeeds = Array.from({ length: config.world_seeds }, (_, k) => `${opts.seed}-w${k}`);
  const samplings = new Map<string, SamplingContext>();
  const stats = emptyMachineStats();
  const usage = new Map<string, number>();
  const toolIndex = new Map(domains.flatMap((d) => d.tools.map((t) => [t.name, { t, d }] as const)));

  const samplingFor = (domain: Domain, seed: string): SamplingContext => {
    const key = `${domain.name}@${seed}`;
    let s = samplings.get(key);
    if (!s) {
      const rng = Rng.from(`${opts.seed}/sampling/${key}`);
      const world = worldFor(seed);
      s = sampleDomain(env, domain, seed, (tool, byKind, pools, error, previous) => discoveryArgs(tool, byKind, pools, rng, world, domain, error, previous));
      samplings.set(key, s);
    }
    return s;
  };
  progress({ stage: "sampling", done: 0, total: config.count, kept: 0, message: `sampling live state of ${domains.length} domains × ${worldSeeds.length} seeds` });

  const quotas = largestRemainder(config.count, config.mix);
  const dedup = new Dedup(config.dedup_jaccard);
  const dropped: Record<string, number> = {};
  const kept: Candidate[] = [];
  const domainUse = new Map<string, number>();
  const planRng = Rng.from(`${opts.seed}/plan`);
  const irrelevantShare = Math.min(1, (config.irrelevance_share * config.count) / Math.max(1, quotas.abstention));
  let candidates = 0;
  const maxSlots = config.count * 3;
  const blockSize = Math.ceil(config.count / worldSeeds.length);

  for (let index = 0; kept.length < config.count && index < maxSlots; index++) {
    const kind = planRng.weighted((Object.entries(quotas) as Array<[Kind, number]>).filter(([, n]) => n > 0));
    const worldSeed = worldSeeds[Math.floor(kept.length / blockSize) % worldSeeds.length] as string;
    const rng = Rng.from(`${opts.seed}/task/${index}`);
    candidates++;
    const ctx: MachineContext = { env, graph, world: worldFor(worldSeed), sampling: (d) => samplingFor(d, worldSeed), usage, stats };
    const result = build(kind, rng, ctx, worldSeed);
    if ("drop" in result) {
      dropped[result.drop] = (dropped[result.drop] ?? 0) + 1;
    } else if (!dedup.admit(result.task)) {
      dropped.duplicate = (dropped.duplicate ?? 0) + 1;
    } else {
      result.task.id = `${opts.seed}-${String(kept.length).padStart(6, "0")}`;
      if (opts.teacher) await teach(result, opts.teacher);
      kept.push(result);
      quotas[kind]--;
      for (const d of result.task.domains) domainUse.set(d, (domainUse.get(d) ?? 0) + 1);
    }
    if (index % 200 === 0) {
      progress({ stage: "synthesis", done: kept.length, total: config.count, kept: kept.length, dropped: { ...dropped }, message: `task ${index}` });
      await new Promise((r) => setImmediate(r));
    }
  }
  progress({ stage: "done", done: kept.length, total: config.count, kept: kept.length, dropped: { ...dropped }, message: "done" });

  const tasks = kept.map((c) => c.task);
  const chats = kept.map((c) => chatRecord(c.task, c.built, c.offered));
  return { tasks, chats, stats: summarize(opts.seed, config, graph, kept, candidates, dropped, stats, domains, opts.teacher) };

  function build(kind: Kind, rng: Rng, ctx: MachineContext, worldSeed: string): Candidate | { drop: DropReason } {
    const persona = rng.pick(PERSONAS);
    const a = pickDomain(rng, domains, domainUse);
    const twoDomains = kind === "conversation" && domains.length > 1 && rng.bool(config.two_domain_share);
    const b = twoDomains ? pickDomain(rng, domains.filter((d) => d !== a), domainUse) : undefined;
    const taskDomains = b ? [a, b] : [a];
    const knobs: Knobs = { distractors: [], strip_enums: rng.bool(config.strip_enum_share), irrelevant: false };
    if (rng.bool(config.distractor_share)) {
      const others = domains.filter((d) => !taskDomains.includes(d)).flatMap((d) => d.tools.map((t) => t.name));
      knobs.distractors = rng.sample(others, rng.int(config.distractors.min, config.distractors.max)).sort();
    }
    const offeredOf = (hiddenTool?: string) => [...new Set([...taskDomains.flatMap((d) => d.tools.map((t) => t.name)), ...knobs.distractors])].filter((n) => n !== hiddenTool);
    // The session mounts the distractors' domains too: a model may call them, and they must run.
    const mount = sessionFor({ domains: taskDomains.map((d) => d.name), seed: worldSeed, tools: offeredOf() }, domains);
    const machine = new TaskMachine(ctx, mount.domains, worldSeed, rng, persona);
    try {
      let level: InfoLevel = "complete";
      let built: BuiltTurn[] = [];
      let hidden: string | undefined;
      if (kind === "conversation") {
        level = rng.weighted(Object.entries(config.info_levels) as Array<[InfoLevel, number]>);
        const turns = rng.int(config.turns.min, config.turns.max);
        let callsLeft = Math.max(turns, rng.int(config.calls.min, config.calls.max));
        for (let t = 0; t < turns; t++) {
          const domain = b && t % 2 === 1 ? b : a;
          const share = Math.max(1, Math.floor(callsLeft / (turns - t)) + (rng.bool(0.3) ? 1 : 0));
          const turn = machine.turn(domain, level, Math.min(share, callsLeft - (turns - t - 1)));
          if (!turn) return { drop: "no_feasible_call" };
          callsLeft -= turn.executed.length;
          built.push(turn);
        }
        if (level === "missing_required") {
          const at = built.findIndex((t) => machine.withMissingValue(t) !== undefined);
          const split = at >= 0 ? machine.withMissingValue(built[at] as BuiltTurn) : undefined;
          if (split) built.splice(at, 1, split.ask, split.answer);
          else level = "complete";
        }
      } else if (kind === "clarification") {
        const turn = machine.turn(a, "complete", 1, { needsValue: true });
        const split = turn && machine.withMissingValue(turn);
        if (!split) return { drop: "no_feasible_call" };
        machine.steps.length = 0;
        built = [split.ask];
        level = "missing_required";
      } else {
        knobs.irrelevant = domains.length > 1 && rng.bool(irrelevantShare);
        let user: string | undefined;
        if (knobs.irrelevant) {
          const other = pickDomain(rng, domains.filter((d) => d !== a), domainUse);
          const tool = rng.pick(other.tools.filter((t) => !t.readOnly));
          user = other === a ? undefined : machine.phrase(other, tool);
        } else {
          const turn = machine.turn(a, "complete", 1, { writeBias: 0.8 });
          const tool = turn?.executed[0]?.tool;
          if (turn && tool) {
            hidden = tool.name;
            user = turn.turn.user;
          }
        }
        if (!user) return { drop: "no_feasible_call" };
        machine.steps.length = 0;
        built = [{ turn: { user, expect: "abstain", steps: [], answer_facts: [] }, executed: [], reply: machine.decline() }];
      }
      if (hidden) knobs.hidden_tool = hidden;
      const steps = machine.steps;
      const offeredNames = offeredOf(hidden);
      const world = worldFor(worldSeed);
      const task: Task = {
        id: "",
        seed: worldSeed,
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
      // A task without ground-truth calls (ask, decline) never acts: its live run is not its reference.
      const session = sessionFor(task, domains);
      const replay = replayCheck(env, session, steps, steps.length ? machine.hash : undefined, config.max_error_ratio);
      if ("drop" in replay) return replay;
      task.reference = replay.reference;
      const records = replay.records;
      machine.finalizeDependencies((name) => toolIndex.get(name)?.d, records);
      assignParallelGroups(task.turns, rng);
      if (!provenanceOk(task, records, (name) => toolIndex.get(name)?.t)) return { drop: "provenance" };
      const discoverable = (d: Domain, kind: string, key: string) => (samplingFor(d, worldSeed).byKind.get(kind) ?? []).some((x) => x.key === key);
      if (!groundingOk(env, session, steps, records, (name) => toolIndex.get(name)?.d, discoverable)) return { drop: "grounding" };
      task.tags = tagsOf(task, steps.length);
      const offered = offeredNames.map((n) => toolIndex.get(n)?.t).filter((t): t is Tool => !!t);
      return { task, built, offered };
    } finally {
      machine.close();
    }
  }

  /** Arguments for a discovery call while sampling; after a refusal, corrected from its message. */
  function discoveryArgs(tool: Tool, byKind: Map<string, Sampled[]>, pools: ReadonlyMap<string, readonly (string | number)[]>, rng: Rng, world: ReturnType<typeof worldFor>, domain: Domain, error?: string, previous?: Record<string, unknown>): Record<string, unknown> | undefined {
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

async function teach(c: Candidate, teacher: Teacher): Promise<void> {
  for (const [i, turn] of c.task.turns.entries()) {
    const keep = [...new Set(c.built[i]?.executed.flatMap((e) => [...e.refs.map((r) => r.key ?? r.text), ...e.values.map((v) => String(v.value))]) ?? [])];
    turn.user = await teacher.paraphrase(turn.user, keep);
    const built = c.built[i];
    if (built && turn.steps.length) built.reply = await teacher.reply(turn.user, built.executed.map((e) => JSON.stringify(e.record.result)), turn.answer_facts, built.reply);
  }
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

function summarize(seed: string, config: SynthConfig, graph: ReturnType<typeof dependencyGraph>, kept: readonly Candidate[], candidates: number, dropped: Record<string, number>, machine: MachineStats, domains: readonly Domain[], teacher?: Teacher): SynthStats {
  const count = (f: (c: Candidate) => string | string[]) => {
    const out: Record<string, number> = {};
    for (const c of kept) for (const k of ([] as string[]).concat(f(c))) out[k] = (out[k] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  const used = new Set(kept.flatMap((c) => c.task.turns.flatMap((t) => t.steps.map((s) => s.tool))));
  const edges: Record<string, number> = {};
  for (const e of graph.edges) edges[e.kind] = (edges[e.kind] ?? 0) + 1;
  return {
    seed,
    config,
    graph: { hash: graph.hash, tools: graph.tools.size, edges },
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
    tools_used: used.size,
    tools_total: domains.reduce((n, d) => n + d.tools.length, 0),
    machine,
    ...(teacher ? { teacher: teacher.stats } : {}),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
