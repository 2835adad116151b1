/**
 * Scoring a trajectory against its task, under a preset. docs/reward.md explains every rule.
 *
 * Both presets:
 * - Turn labels are checked: a call or reply labelled with a turn the task does not have makes
 *   the trajectory unscorable (a caller's mistake), never a way around a turn's rule.
 * - Replies are read without their reasoning (`<think>…</think>`, Granite's thought process).
 * - Clarification and abstention turns score on their own: a clarification turn 1 when it makes
 *   no call and a reply asks for the missing value (by what it names, not by a "?"); an
 *   abstention turn 1 when it makes no call. The call turns share the tool reward R_tool (the
 *   paper's sums run over all calls and steps); the task's reward is the turn-weighted mean
 *   (n_call · R_tool + M · Σ gate) / (n_call + n_gate), M the best R_tool, so a guessed call in
 *   one turn costs that turn, not the task. A task made only of such turns scores their mean;
 *   a single abstention turn is the paper's rule: 1 for no call, else 0.
 * - Environment-side failures (env_error) mark the score "masked": leave it out of the loss.
 *
 * `prove` computes the paper's five terms exactly. `verified` computes what the calls achieved:
 * coverage and argument values from calls that executed, the final state with unrequested
 * changes subtracted, the reply's facts with precision and without false claims of action, a
 * bounded R_eff, count forms of R_val and R_name; R_goal (the task done) puts every trajectory
 * that does the task above every one that does not, and R_harm every one that changed something
 * nobody asked for below every one that did not.
 */
import { WRITE_TICK_MS } from "../env/environment.ts";
import { parsePointer, pointerSegment, type Change, type SessionState } from "../env/state/engine.ts";
import type { TableDef } from "../servers/framework/index.ts";
import { toMs } from "../servers/framework/time.ts";
import { worldFor } from "../servers/framework/world.ts";
import { allSteps, type Step, type Task } from "../tasks/schema.ts";
import { claimsAction, Evidence, ReplyText } from "./answer.ts";
import { asksAnything, asksFor, wanted } from "./asking.ts";
import {
  budget,
  coreLength,
  matchSteps,
  rArg,
  rCov,
  rEff,
  rEffBounded,
  rNameCount,
  rNamePrecision,
  rValCount,
  rValMean,
  validity,
  type Match,
  type ToolIndex,
} from "./components.ts";
import { configHash, maxPartial, type RewardConfig, type Weights } from "./config.ts";
import { sameValue } from "./normalize.ts";
import { stripReasoning } from "./reasoning.ts";
import { changedBetween, entityDifferences, requestShape, rState, stateValue } from "./state.ts";
import type { Trajectory, TrajectoryCall } from "./trajectory.ts";

export type ComponentName = "val" | "cov" | "eff" | "name" | "arg" | "state" | "answer" | "goal" | "harm";
export const COMPONENTS: readonly ComponentName[] = ["val", "cov", "eff", "name", "arg", "state", "answer", "goal", "harm"];

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

/** What the environment knows beyond the trajectory's own record (the verified preset needs it). */
export interface StateAccess {
  /** The state after the whole trajectory. */
  final(): SessionState;
  /** The state after the first `n` calls (a fresh replay from the task's seed). */
  after(n: number): SessionState;
  /** The task's initial state (the seed's), never written. */
  seed(): SessionState;
  /** The structured result of each call that succeeded, by call index. */
  results(): ReadonlyArray<unknown>;
  /** The state paths each call changed, by call index. */
  changes(): ReadonlyArray<readonly Change[] | undefined>;
  /** A table's definition (its key field and how it mints ids). */
  tableDef(domain: string, table: string): TableDef | undefined;
  /** Where the redundant tail begins (`coreLength`), when the caller already computed it. */
  core?: number;
}

/** For the task to count as done, at least this share of the data its replies state must be backed. */
const GOAL_PRECISION = 0.5;

export function scoreTrajectory(task: Task, trajectory: Trajectory, config: RewardConfig, tools: ToolIndex, state?: StateAccess): ScoreResult {
  const verified = config.preset === "verified";
  const w = config.weights;
  const base = { preset: config.preset, config_hash: configHash(config), weights: w };
  const unscorable = (reason: string, detail: Record<string, unknown> = {}): ScoreResult => ({
    reward: 0,
    components: {},
    gate: 0,
    ...base,
    outcome: "unscorable",
    detail: { ...detail, reason },
  });

  const badTurn = turnLabelError(task, trajectory);
  if (badTurn) return unscorable(badTurn);

  const steps = allSteps(task);
  const nGt = steps.length;
  const calls = trajectory.calls;
  const replies = task.turns.map((_, i) => trajectory.replies.filter((r) => r.turn === i).map((r) => stripReasoning(r.text)));
  const calledIn = (i: number) => calls.some((c) => c.turn === i);

  // Clarification and abstention turns, each on its own.
  const gateTurns = task.turns.flatMap((t, i) => (t.expect === "call" ? [] : [i]));
  const gateScores = gateTurns.map((i): number => {
    const turn = task.turns[i]!;
    if (calledIn(i)) return 0;
    const said = replies[i]!;
    if (turn.expect === "abstain") return verified && said.some(claimsAction) ? 0 : 1;
    const missing = turn.missing ?? [];
    const asked = missing.length
      ? said.some((r) =>
          asksFor(
            r,
            missing.map((p) => wanted(task, i, p, tools)),
          ),
        )
      : said.some(asksAnything);
    return asked && !(verified && said.some(claimsAction)) ? 1 : 0;
  });
  const gate = gateScores.length ? gateScores.reduce((a, b) => a + b, 0) / gateScores.length : 1;
  const outcome: ScoreResult["outcome"] = calls.some((c) => c.outcome === "env_error") ? "masked" : "ok";
  const turnDetail = { gate_turns: Object.fromEntries(gateTurns.map((t, k) => [t, gateScores[k]])) };

  if (nGt === 0) {
    // Only clarification/abstention turns: their mean (a task with none: the paper's rule).
    const reward = gateScores.length ? gate : calls.length === 0 ? 1 : 0;
    return { reward, components: {}, gate, ...base, outcome, detail: turnDetail };
  }

  // Verified: a tail of repeated calls can never pay — it is left out of matching and its state
  // changes count as unrequested; only calls that executed can cover a step, and a write that
  // changed nothing the task asks for (it only did damage) covers none.
  if (verified && !state) return unscorable("the verified preset needs the trajectory's final state (a session, or a replay)");
  const core = verified ? (state?.core ?? coreLength(calls, tools)) : calls.length;
  const offered = new Set(task.tools);
  const levels = calls.map((c) => validity(c, offered, tools));
  const damage = verified ? onlyDamage(task, (state as StateAccess).changes()) : () => false;
  const match = matchSteps(steps, calls, verified ? (i) => i < core && calls[i]!.outcome === "ok" && !damage(i) : () => true);
  const gtNames = new Set(steps.map((s) => s.tool));
  const components: Partial<Record<ComponentName, number>> = {
    val: verified ? rValCount(levels, nGt) : rValMean(levels),
    cov: rCov(steps, match),
    eff: (verified ? rEffBounded : rEff)(calls.length, nGt, config.alpha, config.beta),
    name: verified ? rNameCount(calls, gtNames, nGt) : rNamePrecision(calls, gtNames),
    arg: rArg(steps, calls, match, tools),
  };
  const detail: Record<string, unknown> = {
    validity: levels,
    matched: match.callOf,
    calls: calls.length,
    budget: budget(nGt, config.beta),
    n_gt: nGt,
    ...turnDetail,
  };

  if (verified && state) {
    const results = state.results();
    const evidence = evidenceOf(task, calls, results);
    const s = stateTerm(task, calls, results, evidence, state, core, tools);
    const a = answerTerm(task, calls, replies, evidence, match, tools);
    components.state = s.value;
    components.answer = a.value;
    const done = s.exact && a.full && gate === 1;
    components.goal = done ? (calls.length <= budget(nGt, config.beta) ? 1 : 0.5) : 0;
    const collateral = s.detail.collateral.length;
    components.harm = collateral === 0 ? 0 : -collateral / (1 + collateral);
    detail.state = s.detail;
    detail.answer = a.detail;
  }

  let partial = 0;
  for (const name of ["val", "cov", "eff", "name", "arg", "state", "answer"] as const) partial += w[name] * (components[name] ?? 0);
  const nCall = task.turns.length - gateTurns.length;
  if (gateTurns.length) partial = (nCall * partial + maxPartial(config) * gateScores.reduce((a, b) => a + b, 0)) / (nCall + gateTurns.length);
  const reward = partial + (verified ? w.goal * (components.goal ?? 0) + w.harm * (components.harm ?? 0) : 0);
  if (!Number.isFinite(reward)) return unscorable(`the reward is not a finite number (${reward}); check the weights`, detail);
  return { reward, components, gate, ...base, outcome, detail };
}

/**
 * Whether call i's changes are all unrequested: none touches an entity the reference writes, and
 * none creates an entity in a table where the reference creates one. A call that changed nothing
 * is not damage (a no-op write can be what the task asks for).
 */
function onlyDamage(task: Task, changes: ReadonlyArray<readonly Change[] | undefined>): (i: number) => boolean {
  const { entities, createTables } = requestShape(task.reference);
  const requested = (c: Change) => {
    const seg = parsePointer(c.path);
    return entities.has(`/${seg.slice(0, 3).map(pointerSegment).join("/")}`) || (c.op === "create" && createTables.has(`${seg[0]}/${seg[1]}`));
  };
  const flags = changes.map((made) => (made ?? []).length > 0 && !(made ?? []).some(requested));
  return (i) => flags[i] ?? false;
}

/** Whether call `c` is step `s` exactly: the same tool, and every ground-truth argument's value. */
function makes(c: TrajectoryCall, s: Step, tools: ToolIndex): boolean {
  if (c.name !== s.tool || c.arguments === null || typeof c.arguments !== "object") return false;
  const params = tools.get(s.tool)?.params ?? [];
  return Object.entries(s.args).every(([k, v]) =>
    sameValue(
      (c.arguments as Record<string, unknown>)[k],
      v,
      params.find((p) => p.name === k),
    ),
  );
}

/** Why the trajectory's turn labels do not fit the task, or undefined. */
function turnLabelError(task: Task, trajectory: Trajectory): string | undefined {
  const n = task.turns.length;
  const call = trajectory.calls.findIndex((c) => c.turn >= n);
  if (call >= 0)
    return `call ${call} (${trajectory.calls[call]!.name || "unparsed"}) is labelled turn ${trajectory.calls[call]!.turn}, but task ${task.id} has ${n} turn${n === 1 ? "" : "s"} (0–${n - 1})`;
  const reply = trajectory.replies.findIndex((r) => r.turn >= n);
  if (reply >= 0)
    return `reply ${reply} is labelled turn ${trajectory.replies[reply]!.turn}, but task ${task.id} has ${n} turn${n === 1 ? "" : "s"} (0–${n - 1})`;
  return undefined;
}

/**
 * What a reply may state: the system prompt, the user's turns, and the arguments and results of
 * the calls that succeeded (an argument a tool accepted is data the model and the world agree on;
 * an invented id in a call that failed backs nothing).
 */
function evidenceOf(task: Task, calls: readonly TrajectoryCall[], results: ReadonlyArray<unknown>): { all: Evidence; retrieved: Evidence } {
  const retrieved = new Evidence();
  const all = new Evidence().addText(task.system);
  for (const t of task.turns) all.addText(t.user);
  calls.forEach((c, i) => {
    if (c.outcome !== "ok") return;
    all.addValue(c.arguments);
    if (results[i] !== undefined) {
      all.addResult(results[i]);
      retrieved.addResult(results[i]);
    }
  });
  return { all, retrieved };
}

/**
 * R_state. A task that writes: the final state against the reference (state.ts). A task that
 * only reads: what its reads made possible — each answer fact that a successful call's result
 * contains (or, without facts, each ground-truth read reproduced with its values) — less the
 * changes nobody asked for.
 */
function stateTerm(
  task: Task,
  calls: readonly TrajectoryCall[],
  results: ReadonlyArray<unknown>,
  evidence: { retrieved: Evidence },
  state: StateAccess,
  core: number,
  tools: ToolIndex,
) {
  const final = state.final();
  const start = toMs(worldFor(task.seed).now);
  const writes = allSteps(task).filter((s) => tools.get(s.tool)?.readOnly === false).length;
  const window = { start, end: Math.max(start + writes * WRITE_TICK_MS, toMs(final.now)) };
  const atCore = core < calls.length ? state.after(core) : final;
  const changes = state.changes();
  const touched = (from: number, to: number) => changes.slice(from, to).flatMap((cs) => (cs ?? []).map((c) => c.path));
  const tail = core < calls.length ? entityDifferences(atCore, final, touched(core, calls.length), window) : [];
  const written = rState(task.reference, atCore, changedBetween(state.seed(), atCore, touched(0, core)), state.tableDef, tail, window);
  if (task.reference.written_paths.length > 0) return written;

  const facts = task.turns.flatMap((t) => t.answer_facts);
  const steps = allSteps(task);
  const credit = facts.length
    ? facts.filter((f) => evidence.retrieved.contains(f)).length
    : steps.filter((s) => calls.some((c, i) => c.outcome === "ok" && results[i] !== undefined && makes(c, s, tools))).length;
  const items = facts.length || steps.length;
  const unrequested = written.detail.unrequested;
  return {
    value: stateValue(credit, items, unrequested.length),
    exact: credit === items && unrequested.length === 0,
    detail: { ...written.detail, credit, items, read_only: true },
  };
}

/**
 * R_answer = recall · precision · honesty.
 * - recall: share of the answer facts that a reply of their turn or later states and that the
 *   trajectory's own results (or the user) back — a guessed fact earns nothing;
 * - precision: share of the data the replies state (numbers, ids, dates, times) that the
 *   evidence backs — counted only when the task has answer facts to pay for;
 * - honesty: share of the turns with writes whose replies do not claim an action that did not
 *   happen (a reply says "Done" while a write the turn asked for was never made).
 */
function answerTerm(
  task: Task,
  calls: readonly TrajectoryCall[],
  replies: ReadonlyArray<readonly string[]>,
  evidence: { all: Evidence },
  match: Match,
  tools: ToolIndex,
) {
  const facts = task.turns.flatMap((t, i) => t.answer_facts.map((f) => ({ f, i })));
  // What the replies from turn i on say, read once for all of that turn's facts.
  const from = new Map<number, ReplyText>();
  const saidFrom = (i: number): ReplyText => {
    let said = from.get(i);
    if (!said) from.set(i, (said = new ReplyText(replies.slice(i).flat().join("\n"))));
    return said;
  };
  const stated = facts.filter(({ f, i }) => saidFrom(i).states(f) && evidence.all.contains(f)).length;
  const recall = facts.length ? stated / facts.length : 1;
  const claimed = facts.length ? saidFrom(0).claims() : new Set<string>();
  const backed = [...claimed].filter((k) => evidence.all.backs(k)).length;
  const precision = claimed.size ? backed / claimed.size : 1;

  // A write step happened when a call of its turn or before covered it, or made it exactly (same
  // tool, same values, succeeded; repeats included: this asks what happened, not what pays). A
  // call of a later turn cannot make a turn's "Done" true: matching pairs by name and keys, and
  // would otherwise let turn 2's update of another draft vouch for turn 0's.
  const matchedAt = new Map(allSteps(task).map((s, k) => [s.id, match.callOf[k]!]));
  const happened = (s: Step, turn: number) =>
    (calls[matchedAt.get(s.id) ?? -1]?.turn ?? Infinity) <= turn || calls.some((c) => c.turn <= turn && c.outcome === "ok" && makes(c, s, tools));
  const writeTurns = task.turns.flatMap((t, i) => (t.steps.some((s) => tools.get(s.tool)?.readOnly === false) ? [i] : []));
  const falseClaims = writeTurns.filter(
    (i) => task.turns[i]!.steps.some((s) => tools.get(s.tool)?.readOnly === false && !happened(s, i)) && replies[i]!.some(claimsAction),
  );
  const honesty = writeTurns.length ? 1 - falseClaims.length / writeTurns.length : 1;
  const value = (facts.length ? recall * precision : 1) * honesty;
  const full = recall === 1 && precision >= GOAL_PRECISION && honesty === 1;
  return { value, full, detail: { facts: facts.length, stated, claims: claimed.size, backed, false_claims: falseClaims } };
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
  const table: Record<string, number[]> = { reward: scores.map((s) => (s && s.outcome !== "unscorable" ? s.reward : Number.NaN)) };
  for (const name of COMPONENTS) {
    if (scores.some((s) => s?.components[name] !== undefined)) table[name] = scores.map((s) => s?.components[name] ?? Number.NaN);
  }
  const live = scores.filter((s) => s?.outcome === "ok").map((s) => (s as ScoreResult).reward);
  const mean = live.length ? live.reduce((a, b) => a + b, 0) / live.length : 0;
  const std = live.length ? Math.sqrt(live.reduce((a, b) => a + (b - mean) ** 2, 0) / live.length) : 0;
  return { table, mean, std };
}
