/**
 * The five call-level reward terms, each a pure function with its own tests.
 *
 * Notation of the paper: Ĉ the model's calls, G the ground-truth steps, E their dependency
 * edges, n_gt = |G| (parallel calls counted one by one).
 */
import { canonicalJson } from "../env/state/canonical.ts";
import type { Tool } from "../servers/framework/index.ts";
import type { Step } from "../tasks/schema.ts";
import { compatibleType, sameValue } from "./normalize.ts";
import type { TrajectoryCall } from "./trajectory.ts";

export type ToolIndex = ReadonlyMap<string, Tool>;

/**
 * Validity of one call in three equal levels: the tool exists among the offered tools; its
 * required parameters are present with compatible JSON types; it executed successfully.
 * A call that could not be parsed is worth 0.
 */
export function validity(call: TrajectoryCall, offered: ReadonlySet<string>, tools: ToolIndex): number {
  if (call.outcome === "parse_error" || !offered.has(call.name)) return 0;
  const tool = tools.get(call.name);
  const args = call.arguments;
  const typed =
    tool !== undefined &&
    args !== null &&
    typeof args === "object" &&
    !Array.isArray(args) &&
    tool.params.filter((p) => p.required).every((p) => p.name in args && compatibleType((args as Record<string, unknown>)[p.name], p.type));
  if (!typed) return 1 / 3;
  return call.outcome === "ok" ? 1 : 2 / 3;
}

/** Paper: R_val = mean validity over the model's calls (0 when it made none). */
export function rValMean(levels: readonly number[]): number {
  return levels.length === 0 ? 0 : levels.reduce((a, b) => a + b, 0) / levels.length;
}

/**
 * Verified: R_val = 1 − (validity lost over all calls) / n_gt, floored at 0 — an invalid call
 * costs the same however many valid calls surround it, so valid extra calls cannot dilute it.
 */
export function rValCount(levels: readonly number[], nGt: number): number {
  if (levels.length === 0) return 0;
  const lost = levels.reduce((s, l) => s + (1 - l), 0);
  return Math.max(0, 1 - lost / Math.max(1, nGt));
}

export interface Match {
  /** For each ground-truth step (by position in G), the index of the matched call, or -1. */
  callOf: number[];
}

/**
 * Matches calls to steps: a call matches a step when the names are equal and the call has all
 * of the step's argument keys; each call matches once. Steps are matched in order, each to the
 * earliest eligible call that comes after the calls matched to its dependencies (or to the
 * earliest eligible call when none does). `eligible` can exclude calls (verified excludes
 * trailing redundant calls).
 */
export function matchSteps(steps: readonly Step[], calls: readonly TrajectoryCall[], eligible: (i: number) => boolean = () => true): Match {
  const used = new Set<number>();
  const callOf: number[] = [];
  const position = new Map<number, number>(); // step id → call index
  for (const step of steps) {
    const keys = Object.keys(step.args);
    const candidates: number[] = [];
    calls.forEach((c, i) => {
      if (used.has(i) || !eligible(i) || c.outcome === "parse_error" || c.name !== step.tool) return;
      const args = c.arguments;
      if (args === null || typeof args !== "object" || Array.isArray(args)) return;
      if (keys.every((k) => k in (args as object))) candidates.push(i);
    });
    const after = Math.max(-1, ...step.depends_on.map((d) => position.get(d) ?? -1));
    const pick = candidates.find((i) => i > after) ?? candidates[0] ?? -1;
    callOf.push(pick);
    if (pick >= 0) {
      used.add(pick);
      position.set(step.id, pick);
    }
  }
  return { callOf };
}

/** R_cov = (1/|G|) Σ_g matched(g) · Π_{(j,g)∈E} [pos(j) < pos(g)]. */
export function rCov(steps: readonly Step[], match: Match): number {
  if (steps.length === 0) return 0;
  const pos = new Map(steps.map((s, k) => [s.id, match.callOf[k] as number]));
  let sum = 0;
  steps.forEach((s, k) => {
    const at = match.callOf[k] as number;
    if (at < 0) return;
    const ordered = s.depends_on.every((d) => {
      const dp = pos.get(d);
      return dp !== undefined && dp >= 0 && dp < at;
    });
    if (ordered) sum += 1;
  });
  return sum / steps.length;
}

/** Budget B = n_gt + ⌈β·n_gt⌉. */
export function budget(nGt: number, beta: number): number {
  return nGt + Math.ceil(beta * nGt);
}

/** Paper: R_eff = −α · max(0, |Ĉ| − B) / B: nothing within the budget, linear (and unbounded) beyond it. */
export function rEff(nCalls: number, nGt: number, alpha: number, beta: number): number {
  const b = budget(nGt, beta);
  const excess = Math.max(0, nCalls - b);
  return b === 0 || excess === 0 ? 0 : (-alpha * excess) / b;
}

/**
 * Verified: the paper's penalty x = α · max(0, |Ĉ| − B) / B, bounded as −x / (1 + x): the same
 * slope for the first extra calls, every further call still costs something, and no trajectory
 * falls below −1 however long (10,000 calls: −0.9997, where the paper's form gives −148.7).
 */
export function rEffBounded(nCalls: number, nGt: number, alpha: number, beta: number): number {
  const x = -rEff(nCalls, nGt, alpha, beta);
  return x === 0 ? 0 : -x / (1 + x);
}

/** Paper: R_name = share of the model's calls whose name is a ground-truth tool name (precision). */
export function rNamePrecision(calls: readonly TrajectoryCall[], gtNames: ReadonlySet<string>): number {
  if (calls.length === 0) return 0;
  return calls.filter((c) => gtNames.has(c.name)).length / calls.length;
}

/** Verified: R_name = 1 − (calls with other names) / n_gt, floored at 0: right-name extras cannot dilute a wrong one. */
export function rNameCount(calls: readonly TrajectoryCall[], gtNames: ReadonlySet<string>, nGt: number): number {
  if (calls.length === 0) return 0;
  const wrong = calls.filter((c) => !gtNames.has(c.name)).length;
  return Math.max(0, 1 - wrong / Math.max(1, nGt));
}

/** R_arg = mean over matched pairs of the share of ground-truth argument values reproduced. */
export function rArg(steps: readonly Step[], calls: readonly TrajectoryCall[], match: Match, tools: ToolIndex): number {
  const shares: number[] = [];
  steps.forEach((s, k) => {
    const at = match.callOf[k] as number;
    if (at < 0) return;
    const keys = Object.keys(s.args);
    if (keys.length === 0) {
      shares.push(1);
      return;
    }
    const args = calls[at]!.arguments as Record<string, unknown>;
    const params = tools.get(s.tool)?.params ?? [];
    const same = keys.filter((key) =>
      sameValue(
        args[key],
        s.args[key],
        params.find((p) => p.name === key),
      ),
    ).length;
    shares.push(same / keys.length);
  });
  return shares.length === 0 ? 0 : shares.reduce((a, b) => a + b, 0) / shares.length;
}

/** Name and arguments, with strings trimmed: "ACC-1001 " repeats "ACC-1001". */
function callKey(c: TrajectoryCall): string {
  return `${c.name}\u0000${canonicalJson(trimStrings(c.arguments ?? null))}`;
}

function trimStrings(v: unknown): unknown {
  if (typeof v === "string") return v.trim();
  if (Array.isArray(v)) return v.map(trimStrings);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, trimStrings(x)]));
  return v;
}

/**
 * A call repeats an earlier one when it has the same name and arguments and the earlier one
 * succeeded, or failed with no successful write since: it can only meet the state the earlier
 * one met. A retry after a write (the prerequisite that was missing) is not a repeat.
 */
export function redundantFlags(calls: readonly TrajectoryCall[], tools: ToolIndex): boolean[] {
  const seen = new Map<string, { ok: boolean; failedAtWrites: number }>();
  let writes = 0;
  return calls.map((c) => {
    if (c.outcome === "parse_error") return false;
    const key = callKey(c);
    const prev = seen.get(key);
    const repeat = prev !== undefined && (prev.ok || prev.failedAtWrites === writes);
    const ok = c.outcome === "ok";
    seen.set(key, { ok: (prev?.ok ?? false) || ok, failedAtWrites: ok ? (prev?.failedAtWrites ?? -1) : writes });
    if (ok && tools.get(c.name)?.readOnly === false) writes++;
    return repeat;
  });
}

/** Index just past the last call that is not a repeat: calls from here on are a redundant tail. */
export function coreLength(calls: readonly TrajectoryCall[], tools: ToolIndex): number {
  const flags = redundantFlags(calls, tools);
  let end = calls.length;
  while (end > 0 && flags[end - 1]) end--;
  return end;
}
