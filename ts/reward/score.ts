/**
 * Scoring a trajectory against its task, under a preset.
 *
 * Decisions the paper leaves open (docs/reward.md explains each):
 * - No calls on a tool task: R_val = R_cov = R_name = R_arg = 0, R_eff = 0.
 * - Several user turns: calls of all turns are pooled and matched against all ground-truth
 *   steps in order (the paper's R is over Ĉ and G as wholes); a call never has to be repeated
 *   because it was made in an earlier turn.
 * - Clarification and abstention turns: a turn whose right move is to ask scores 1 when it has no
 *   call and its reply asks; an abstention turn when it has no call. A task made only of such
 *   turns scores their mean (a single abstention: 1 for no call, else 0, as the paper); otherwise
 *   the tool reward is multiplied by that share.
 * - Calls after a failed call count like any other: recovering is allowed and a failed call
 *   already loses its execution level in R_val.
 * - Environment-side failures (env_error) mark the score "masked": leave it out of the loss.
 */
import type { SessionState } from "../env/state/engine.ts";
import { allSteps, type Task } from "../tasks/schema.ts";
import { asks, rAnswer } from "./answer.ts";
import { coreLength, matchSteps, rArg, rCov, rEff, rNameCount, rNamePrecision, rValCount, rValMean, validity, type ToolIndex } from "./components.ts";
import { configHash, type RewardConfig, type Weights } from "./config.ts";
import { rState, entityDifferences } from "./state.ts";
import type { Trajectory } from "./trajectory.ts";

export type ComponentName = "val" | "cov" | "eff" | "name" | "arg" | "state" | "answer";

export interface ScoreResult {
  reward: number;
  components: Partial<Record<ComponentName, number>>;
  /** The weight of each component in this score's configuration. */
  weights: Weights;
  /** Share of clarification/abstention turns handled right (1 when the task has none). */
  gate: number;
  preset: string;
  config_hash: string;
  outcome: "ok" | "masked" | "unscorable";
  detail: Record<string, unknown>;
}

export interface StateAccess {
  /** The state after the whole trajectory. */
  final(): SessionState;
  /** The state after the first `n` calls (a fresh replay from the task's seed). */
  after(n: number): SessionState;
  /** Key field of a table. */
  keyField(domain: string, table: string): string;
}

export function scoreTrajectory(task: Task, trajectory: Trajectory, config: RewardConfig, tools: ToolIndex, state?: StateAccess): ScoreResult {
  const verified = config.preset === "verified";
  const steps = allSteps(task);
  const nGt = steps.length;
  const calls = trajectory.calls;
  const offered = new Set(task.tools);
  const gtNames = new Set(steps.map((s) => s.tool));
  const w = config.weights;
  const base = { preset: config.preset, config_hash: configHash(config), weights: w };

  // Turns whose right move is to ask or to decline.
  const gateTurns = task.turns.map((t, i) => ({ t, i })).filter(({ t }) => t.expect !== "call");
  const gateScores = gateTurns.map(({ t, i }): number => {
    const called = calls.some((c) => c.turn === i);
    if (called) return 0;
    if (t.expect === "abstain") return 1;
    return trajectory.replies.filter((r) => r.turn === i).some((r) => asks(r.text)) ? 1 : 0;
  });
  const gate = gateScores.length ? gateScores.reduce((a, b) => a + b, 0) / gateScores.length : 1;
  const masked = calls.some((c) => c.outcome === "env_error");
  const outcome: ScoreResult["outcome"] = masked ? "masked" : "ok";

  if (nGt === 0) {
    // Only clarification/abstention: the paper's abstention rule, turn by turn.
    return { reward: gate, components: {}, gate, ...base, outcome, detail: { gate_turns: gateScores } };
  }

  // Verified: a tail of repeated calls can never pay — it is left out of matching and its
  // state changes count as unrequested.
  const core = verified ? coreLength(calls) : calls.length;
  const levels = calls.map((c) => validity(c, offered, tools));
  const match = matchSteps(steps, calls, (i) => i < core);
  const components: Partial<Record<ComponentName, number>> = {
    val: verified ? rValCount(levels, nGt) : rValMean(levels),
    cov: rCov(steps, match),
    eff: rEff(calls.length, nGt, config.alpha, config.beta),
    name: verified ? rNameCount(calls, gtNames, nGt) : rNamePrecision(calls, gtNames),
    arg: rArg(steps, calls, match, tools),
  };
  const detail: Record<string, unknown> = { validity: levels, matched: match.callOf, budget_calls: calls.length, n_gt: nGt, gate_turns: gateScores };

  if (verified) {
    if (!state) return { reward: 0, components, gate, ...base, outcome: "unscorable", detail: { ...detail, reason: "the verified preset needs the trajectory's final state (a session, or a replay)" } };
    const final = state.final();
    const tail = core < calls.length ? entityDifferences(state.after(core), final) : [];
    const s = rState(task.reference, core < calls.length ? state.after(core) : final, state.keyField, tail);
    components.state = s.value;
    detail.state = s.detail;
    const replies = task.turns.map((_, i) => trajectory.replies.filter((r) => r.turn === i).map((r) => r.text));
    const facts = task.turns.flatMap((t, i) => t.answer_facts.map((f) => ({ f, i })));
    components.answer = facts.length === 0 ? 1 : facts.filter(({ f, i }) => rAnswer([f], replies.slice(i).flat()) === 1).length / facts.length;
  }

  let reward = 0;
  for (const [name, value] of Object.entries(components) as Array<[ComponentName, number]>) reward += w[name] * value;
  return { reward: reward * gate, components, gate, ...base, outcome, detail };
}

export interface GroupSummary {
  /** Per component, one value per trajectory in request order (NaN where it has none). */
  table: Record<string, number[]>;
  /** Mean and standard deviation of the rewards of the unmasked, scored trajectories. */
  mean: number;
  std: number;
}

/** The group's component table and statistics; `undefined` stands for a trajectory that could not be scored. */
export function summarizeGroup(scores: ReadonlyArray<ScoreResult | undefined>): GroupSummary {
  const table: Record<string, number[]> = { reward: scores.map((s) => s?.reward ?? Number.NaN) };
  for (const name of ["val", "cov", "eff", "name", "arg", "state", "answer"] as const) {
    if (scores.some((s) => s?.components[name] !== undefined)) table[name] = scores.map((s) => s?.components[name] ?? Number.NaN);
  }
  const live = scores.filter((s) => s?.outcome === "ok").map((s) => (s as ScoreResult).reward);
  const mean = live.length ? live.reduce((a, b) => a + b, 0) / live.length : 0;
  const std = live.length ? Math.sqrt(live.reduce((a, b) => a + (b - mean) ** 2, 0) / live.length) : 0;
  return { table, mean, std };
}
