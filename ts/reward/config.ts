/**
 * Reward presets: a preset is only a table of weights and parameters.
 *
 * `prove` reproduces the paper: R = 0.5·R_val + 0.5·R_cov + 0.15·R_eff + 0.2·R_name + 0.1·R_arg
 * with α = β = 0.5. `verified` keeps those five terms in forms that extra calls cannot improve,
 * adds the final state (R_state) and the reply (R_answer), and ranks first by whether the task
 * was done (R_goal); docs/reward.md gives every rule and why.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../env/state/canonical.ts";

export const PRESETS = ["prove", "verified"] as const;
export type PresetName = (typeof PRESETS)[number];

export interface Weights {
  val: number;
  cov: number;
  eff: number;
  name: number;
  arg: number;
  state: number;
  answer: number;
  /** Verified: the task done (1), done past the call budget (0.5), or not (0). */
  goal: number;
  /** Verified: −u / (1 + u) for u changes nobody asked for (0 when there are none). */
  harm: number;
}

export interface RewardConfig {
  preset: PresetName;
  weights: Weights;
  /** Strength of the efficiency penalty. */
  alpha: number;
  /** Share of the ground-truth call count allowed as free extra calls: B = n + ⌈β·n⌉. */
  beta: number;
}

export const PRESET_CONFIGS: Record<PresetName, RewardConfig> = {
  prove: { preset: "prove", weights: { val: 0.5, cov: 0.5, eff: 0.15, name: 0.2, arg: 0.1, state: 0, answer: 0, goal: 0, harm: 0 }, alpha: 0.5, beta: 0.5 },
  // The state weight equals coverage's: reaching the state the user asked for matters as much as
  // making the needed calls, and more than name precision and argument values together. The
  // answer weight is that of name precision: stating the facts is part of the job, not most of it.
  // The goal and harm weights make the order lexicographic (docs/reward.md derives the bounds):
  // goal exceeds twice the five call terms' weights (2 · 1.45 = 2.9), so a task done within the
  // budget outranks a task done past it, which outranks every trajectory that did not do the
  // task; harm exceeds twice the whole spread of the other weighted terms (2 · 2.65 = 5.3), so
  // any change nobody asked for ranks below every trajectory that changed nothing it should not.
  verified: {
    preset: "verified",
    weights: { val: 0.5, cov: 0.5, eff: 0.15, name: 0.2, arg: 0.1, state: 0.5, answer: 0.2, goal: 3, harm: 6 },
    alpha: 0.5,
    beta: 0.5,
  },
};

/** Documented ranges: every weight 0–1000, α and β 0–100. */
export const RANGES = { weight: [0, 1000], alpha: [0, 100], beta: [0, 100] } as const;

export interface ConfigOverrides {
  weights?: Partial<Weights>;
  alpha?: number;
  beta?: number;
}

/** A preset or override that does not exist or makes no sense (a caller's mistake, not a bug). */
export class RewardConfigError extends Error {
  override readonly name = "RewardConfigError";
}

export function resolveConfig(preset: string, overrides: ConfigOverrides = {}): RewardConfig {
  if (!(PRESETS as readonly string[]).includes(preset)) throw new RewardConfigError(`unknown reward preset "${preset}"; use ${PRESETS.join(" or ")}`);
  const base = PRESET_CONFIGS[preset as PresetName];
  const config: RewardConfig = {
    preset: base.preset,
    weights: { ...base.weights, ...(overrides.weights ?? {}) },
    alpha: overrides.alpha ?? base.alpha,
    beta: overrides.beta ?? base.beta,
  };
  if (base.preset === "prove") {
    const unused = (["state", "answer", "goal", "harm"] as const).filter((k) => overrides.weights?.[k] !== undefined);
    if (unused.length) throw new RewardConfigError(`the prove preset (the paper's reward) has no ${unused.join(", ")} term; use the verified preset`);
  }
  for (const [k, v] of Object.entries(config.weights)) {
    if (!(k in base.weights)) throw new RewardConfigError(`unknown weight "${k}"; the weights are ${Object.keys(base.weights).join(", ")}`);
    inRange(`weight ${k}`, v, RANGES.weight);
  }
  inRange("alpha", config.alpha, RANGES.alpha);
  inRange("beta", config.beta, RANGES.beta);
  return config;
}

function inRange(what: string, v: unknown, [lo, hi]: readonly [number, number]): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v < lo || v > hi)
    throw new RewardConfigError(`${what} must be a number from ${lo} to ${hi}, got ${String(v)}`);
}

/** A short hash of the full configuration: every score names the exact rule that produced it. */
export function configHash(config: RewardConfig): string {
  let hash = hashes.get(config);
  if (hash === undefined) hashes.set(config, (hash = createHash("sha256").update(canonicalJson(config)).digest("hex").slice(0, 16)));
  return hash;
}

const hashes = new WeakMap<RewardConfig, string>();

/** The highest value of the weighted terms other than R_goal (R_eff's best is 0). */
export function maxPartial(config: RewardConfig): number {
  const w = config.weights;
  return w.val + w.cov + w.name + w.arg + (config.preset === "verified" ? w.state + w.answer : 0);
}

/** The highest reward a trajectory of a task with calls can get (the reference trajectory gets it). */
export function maxReward(config: RewardConfig): number {
  return maxPartial(config) + (config.preset === "verified" ? config.weights.goal : 0);
}
