/**
 * Reward: scoring throughput on one core, the perturbation table of docs/reward.md (the mean
 * reward of each kind of mistake, per preset, over synthesized tasks), and a finding about the
 * paper's reward — how often and by how much appending repeats raises `prove` on random
 * trajectories (never `verified`, which the property tests prove).
 */
import { Environment } from "../ts/env/environment.ts";
import { maxReward, resolveConfig, Rewarder } from "../ts/reward/index.ts";
import { execute, KINDS, perturb, referencePlan } from "../ts/reward/perturb.ts";
import type { Trajectory } from "../ts/reward/trajectory.ts";
import { Rng } from "../ts/servers/framework/rng.ts";
import { domains } from "../ts/servers/index.ts";
import { referenceTrajectory, synthesize } from "../ts/synth/index.ts";
import { buildTask } from "../ts/tasks/build.ts";
import { sessionFor } from "../ts/tasks/session.ts";
import { measure } from "./harness.ts";

const banking = domains.find((d) => d.name === "banking")!;
const steps = [
  { id: 0, tool: "list_accounts", args: {}, depends_on: [] },
  { id: 1, tool: "transfer_between_accounts", args: { from_account_id: "ACC-1001", to_account_id: "ACC-1003", amount: 25 }, depends_on: [0] },
  { id: 2, tool: "freeze_card", args: { card_id: "CARD-1001" }, depends_on: [] },
  { id: 3, tool: "set_card_limit", args: { card_id: "CARD-1002", daily_limit: 1500 }, depends_on: [] },
];
const env = new Environment(domains, { limits: { maxSessions: 1_000_000 } });
const task = buildTask({ id: "bench", seed: "7", domains: [banking], turns: [{ steps, facts: ["25"] }] });

/** Plausible calls, right and wrong, for random trajectories. */
const POOL: Array<{ name: string; args: unknown }> = [
  ...steps.map((s) => ({ name: s.tool, args: s.args })),
  { name: "transfer_between_accounts", args: { from_account_id: "ACC-1001", to_account_id: "ACC-1003", amount: 2500000 } },
  { name: "transfer_between_accounts", args: { from_account_id: "ACC-1001", to_account_id: "ACC-1003", amount: "25" } },
  { name: "freeze_card", args: { card_id: "CARD-9999" } },
  { name: "get_balance", args: { account_id: "ACC-1001" } },
  { name: "list_cards", args: {} },
  { name: "get_account", args: {} },
  { name: "teleport", args: {} },
  { name: "", args: "<tool_call>{" },
];

function executeCalls(calls: Array<{ name: string; args: unknown }>): { trajectory: Trajectory; session: string } {
  const { id } = env.create({ domains: ["banking"], seed: "7" });
  const trajectory: Trajectory = {
    calls: calls.map((c) =>
      c.name === ""
        ? { name: "", arguments: c.args, outcome: "parse_error" as const, turn: 0 }
        : { name: c.name, arguments: c.args, outcome: env.call(id, c.name, c.args).outcome, turn: 0 },
    ),
    replies: [{ turn: 0, text: "Moved 25.00 and updated your cards." }],
  };
  return { trajectory, session: id };
}

export async function run() {
  const rewarder = new Rewarder(domains, env);
  const reference = executeCalls(steps.map((s) => ({ name: s.tool, args: s.args })));
  // GRPO groups of the bench task: 16 different trajectories each (the reference and random ones).
  const rng = Rng.from("bench-group");
  const groups16 = Array.from({ length: 256 }, () => [
    reference.trajectory,
    ...Array.from({ length: 15 }, () => executeCalls(Array.from({ length: rng.int(2, 6) }, () => rng.pick(POOL))).trajectory),
  ]);

  // Synthesized tasks, each with a group of its own: the reference and its perturbations.
  const data = await synthesize({ seed: "bench", config: { count: 300 }, domains });
  const plans = data.tasks.map((t, i) => {
    const replies = referenceTrajectory(t, data.chats[i]).replies;
    return KINDS.map((kind) => perturb(kind, t, { domains, replies, rng: Rng.from(`${t.id}/${kind}`) })).filter((p) => p !== undefined);
  });
  const groups = data.tasks.map((t, i) => ({ task: t, trajectories: plans[i]!.map((p) => execute(env, t, p).trajectory) }));
  // The same groups played on live sessions of their tasks, as the trainer's rollouts are, and scored by session id.
  const sessions = data.tasks.flatMap((t, i) =>
    plans[i]!.map((p) => {
      const { id } = env.create({ ...sessionFor(t, domains), task: t.id });
      for (const c of p.calls) if (!c.malformed) env.call(id, c.name, c.args, c.turn);
      for (const r of p.replies) env.recordReply(id, r.turn, r.text);
      return { task: t, id };
    }),
  );
  const trajectories = groups.reduce((n, g) => n + g.trajectories.length, 0);
  // One trajectory per task, each task new to the rewarder: seeding dominates (`prove score` over distinct tasks).
  const cold = new Rewarder(domains);
  const coldStart = performance.now();
  for (const g of groups) cold.score({ task: g.task, trajectory: g.trajectories[0]!, preset: "verified" });
  const coldMs = performance.now() - coldStart;
  // Every task's group scored together, as a trainer does: the first trajectory seeds, the rest fork.
  const groupStart = performance.now();
  const grouped = new Rewarder(domains);
  for (const g of groups) for (const trajectory of g.trajectories) grouped.score({ task: g.task, trajectory, preset: "verified" });
  const groupMs = performance.now() - groupStart;
  // The same again with a new rewarder once the code is compiled and the worlds seeded: a trainer's steady state over new tasks.
  const warmStart = performance.now();
  const warm = new Rewarder(domains);
  for (const g of groups) for (const trajectory of g.trajectories) warm.score({ task: g.task, trajectory, preset: "verified" });
  const warmMs = performance.now() - warmStart;

  // The live sessions, with a new rewarder after the passes above: the trainer's path (a replay only for a redundant tail's state).
  const liveStart = performance.now();
  const live = new Rewarder(domains, env);
  for (const s of sessions) live.score({ task: s.task, sessionId: s.id, preset: "verified" });
  const liveMs = performance.now() - liveStart;

  // Groups of the bench task, each scored once, as training brings new rollouts: the replays share calls within a group,
  // and across groups as far as the random draws do. The first 32 groups warm the code up.
  for (const g of groups16.slice(0, 32)) for (const trajectory of g) rewarder.score({ task, trajectory, preset: "verified" });
  const timedGroups = groups16.slice(32);
  const groups16Start = performance.now();
  for (const g of timedGroups) for (const trajectory of g) rewarder.score({ task, trajectory, preset: "verified" });
  const groupsMs = performance.now() - groups16Start;

  // Steady state: the optimizer has compiled the scoring path before it is timed (the harness warms up 200 calls only).
  const steady = (name: string, op: (i: number) => unknown, batch: number) => {
    for (let i = 0; i < 5 * batch; i++) op(i);
    return measure(name, op, { batch, seconds: 2 });
  };
  const once = (name: string, n: number, ms: number) => ({ name, ops_per_s: Math.round((n * 1000) / ms), us_per_op: Math.round((ms * 1000) / n) });
  const throughput = [
    steady("prove, offline trajectory (4 calls)", () => rewarder.score({ task, trajectory: reference.trajectory, preset: "prove" }), 2000),
    steady("verified, live session (4 calls)", () => rewarder.score({ task, sessionId: reference.session, preset: "verified" }), 500),
    once(
      `verified, offline, ${timedGroups.length} GRPO groups of 16 trajectories of one task, each scored once (replayed on forks)`,
      16 * timedGroups.length,
      groupsMs,
    ),
    once(
      `verified, offline, ${groups.length} synthesized tasks with their groups (${trajectories} trajectories; a root session per world and domain set)`,
      trajectories,
      groupMs,
    ),
    once(
      `verified, offline, ${groups.length} synthesized tasks with their groups again, a new rewarder (compiled code, worlds seeded before)`,
      trajectories,
      warmMs,
    ),
    once(`verified, offline, one trajectory of each of ${groups.length} synthesized tasks (seeding each task once)`, groups.length, coldMs),
    once(`verified, live sessions of the ${groups.length} synthesized tasks' groups (${sessions.length}), a new rewarder`, sessions.length, liveMs),
  ].map((s) => ({ ...s, trajectories_per_s: s.ops_per_s }));

  return { throughput, perturbations: perturbationTable(data), verbosity: verbosity(rewarder) };
}

/**
 * Mean reward of each kind of perturbation, per preset, over the synthesized tasks it applies to
 * — tool tasks (maximum 1.3 / 5.0) apart from tasks made only of clarification and abstention
 * turns (maximum 1) — with the share that `verified` counts as done and as damaging.
 */
function perturbationTable(data: Awaited<ReturnType<typeof synthesize>>) {
  const rewarder = new Rewarder(domains);
  type Row = { n: number; prove: number; verified: number; done: number; damage: number };
  const groups = { tool_tasks: new Map<string, Row>(), turn_only_tasks: new Map<string, Row>() };
  data.tasks.forEach((t, i) => {
    const tool = t.turns.some((turn) => turn.steps.length);
    const sums = tool ? groups.tool_tasks : groups.turn_only_tasks;
    const replies = referenceTrajectory(t, data.chats[i]).replies;
    const reference = JSON.stringify(referencePlan(t, replies));
    for (const kind of KINDS) {
      const p = perturb(kind, t, { domains, replies, rng: Rng.from(`${t.id}/${kind}`) });
      // Left out where it does not apply, or changes nothing (a reply rule on a task whose turns have no such reply).
      if (!p || (kind !== "reference" && JSON.stringify({ calls: p.calls, replies: p.replies }) === reference)) continue;
      const { trajectory } = execute(env, t, p);
      const v = rewarder.score({ task: t, trajectory, preset: "verified" });
      const row = sums.get(kind) ?? { n: 0, prove: 0, verified: 0, done: 0, damage: 0 };
      row.n++;
      row.prove += rewarder.score({ task: t, trajectory, preset: "prove" }).reward;
      row.verified += v.reward;
      row.done += (tool ? (v.components.goal ?? 0) > 0 : v.reward > 1 - 1e-9) ? 1 : 0;
      row.damage += (v.components.harm ?? 0) < 0 ? 1 : 0;
      sums.set(kind, row);
    }
  });
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const rows = (sums: Map<string, Row>) =>
    [...sums].map(([kind, r]) => ({
      kind,
      tasks: r.n,
      prove: round(r.prove / r.n),
      verified: round(r.verified / r.n),
      verified_done: round(r.done / r.n),
      verified_damage: round(r.damage / r.n),
    }));
  return {
    max: { prove: maxReward(resolveConfig("prove")), verified: maxReward(resolveConfig("verified")), turn_only_tasks: 1 },
    tool_tasks: rows(groups.tool_tasks),
    turn_only_tasks: rows(groups.turn_only_tasks),
  };
}

/** Random trajectories of 1–6 calls, then k = 1–5 repeats of their own calls appended. */
function verbosity(rewarder: Rewarder) {
  const rng = Rng.from("reward-bench");
  const trials = 2000;
  const rises = { prove: [] as number[], verified: [] as number[] };
  for (let i = 0; i < trials; i++) {
    const calls = Array.from({ length: rng.int(1, 6) }, () => rng.pick(POOL));
    const before = executeCalls(calls);
    // Copies of calls that succeeded: repeats wherever they go (a retry of a failure is not one).
    const succeeded = calls.filter((_, k) => before.trajectory.calls[k]!.outcome === "ok");
    const repeats = succeeded.length ? Array.from({ length: rng.int(1, 5) }, () => rng.pick(succeeded)) : [];
    const after = executeCalls([...calls, ...repeats]);
    for (const preset of ["prove", "verified"] as const) {
      const delta = rewarder.score({ task, sessionId: after.session, preset }).reward - rewarder.score({ task, sessionId: before.session, preset }).reward;
      if (delta > 1e-12) rises[preset].push(delta);
    }
    env.close(before.session);
    env.close(after.session);
  }
  const summary = (xs: number[]) => ({
    share_raised: xs.length / trials,
    mean_rise: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0,
    max_rise: xs.length ? Math.max(...xs) : 0,
  });
  return { trials, prove: summary(rises.prove), verified: summary(rises.verified) };
}
