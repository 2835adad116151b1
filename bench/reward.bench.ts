/**
 * Reward: scoring throughput on one core, and a finding about the paper's reward — how often
 * and by how much appending redundant calls raises `prove` on random trajectories (never under
 * `verified`, which the property tests prove).
 */
import { Environment } from "../ts/env/environment.ts";
import { Rewarder } from "../ts/reward/index.ts";
import type { Trajectory } from "../ts/reward/trajectory.ts";
import { Rng } from "../ts/servers/framework/rng.ts";
import { domains } from "../ts/servers/index.ts";
import { buildTask } from "../ts/tasks/build.ts";
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

function execute(calls: Array<{ name: string; args: unknown }>): { trajectory: Trajectory; session: string } {
  const { id } = env.create({ domains: ["banking"], seed: "7" });
  const trajectory: Trajectory = {
    calls: calls.map((c) => (c.name === "" ? { name: "", arguments: c.args, outcome: "parse_error" as const, turn: 0 } : { name: c.name, arguments: c.args, outcome: env.call(id, c.name, c.args).outcome, turn: 0 })),
    replies: [{ turn: 0, text: "Moved 25.00 and updated your cards." }],
  };
  return { trajectory, session: id };
}

export function run() {
  const rewarder = new Rewarder(domains, env);
  const reference = execute(steps.map((s) => ({ name: s.tool, args: s.args })));
  const throughput = [
    measure("prove, offline trajectory (4 calls)", () => rewarder.score({ task, trajectory: reference.trajectory, preset: "prove" }), { batch: 500 }),
    measure("verified, live session (4 calls)", () => rewarder.score({ task, sessionId: reference.session, preset: "verified" }), { batch: 200 }),
    measure("verified, offline trajectory (replays 4 calls)", () => rewarder.score({ task, trajectory: reference.trajectory, preset: "verified" }), { batch: 200 }),
  ].map((s) => ({ ...s, trajectories_per_s: s.ops_per_s }));

  // The finding: random trajectories of 1–6 calls, then k = 1–5 repeats of their own calls appended.
  const rng = Rng.from("reward-bench");
  const trials = 2000;
  const rises = { prove: [] as number[], verified: [] as number[] };
  for (let i = 0; i < trials; i++) {
    const calls = Array.from({ length: rng.int(1, 6) }, () => rng.pick(POOL));
    const repeats = Array.from({ length: rng.int(1, 5) }, () => rng.pick(calls)).filter((c) => c.name !== "");
    const before = execute(calls);
    const after = execute([...calls, ...repeats]);
    for (const preset of ["prove", "verified"] as const) {
      const delta = rewarder.score({ task, sessionId: after.session, preset }).reward - rewarder.score({ task, sessionId: before.session, preset }).reward;
      if (delta > 1e-12) rises[preset].push(delta);
    }
    env.close(before.session);
    env.close(after.session);
  }
  const summary = (xs: number[]) => ({ share_raised: xs.length / trials, mean_rise: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0, max_rise: xs.length ? Math.max(...xs) : 0 });
  return { throughput, verbosity: { trials, prove: summary(rises.prove), verified: summary(rises.verified), max_reward: { prove: 1.3, verified: 2.0 } } };
}
