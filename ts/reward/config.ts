/**
 * Reward presets: a preset is only a table of weights and parameters.
 *
 * `prove` reproduces the paper: R = 0.5·R_val + 0.5·R_cov + 0.15·R_eff + 0.2·R_name + 0.1·R_arg
 * with α = β = 0.5. `verified` keeps those five terms in count-based forms that extra calls
 * cannot improve, and adds the final state (R_state) and the facts of the reply (R_answer);
 * docs/reward.md gives every rule and why.
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
  prove: { preset: "prove", weights: { val: 0.5, cov: 0.5, eff: 0.15, name: 0.2, arg: 0.1, state: 0, answer: 0 }, alpha: 0.5, beta: 0.5 },
  // The state weight equals coverage's: reaching the state the user asked for matters as much as
  // making the needed calls, and more than name precision and argument values together
  // (0.5 > 0.2 + 0.1), so a trajectory that gets the state right with an off-task lookup beats
  // one with perfect call names that leaves the state wrong (test/reward/presets.test.ts).
  // The answer weight is that of name precision: stating the facts is part of the job, not most of it.
  verified: { preset: "verified", weights: { val: 0.5, cov: 0.5, eff: 0.15, name: 0.2, arg: 0.1, state: 0.5, answer: 0.2 }, alpha: 0.5, beta: 0.5 },
};

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
  for (const [k, v] of Object.entries(config.weights)) if (!Number.isFinite(v) || v < 0) throw new RewardConfigError(`weight ${k} must be a number ≥ 0, got ${v}`);
  if (!(config.alpha >= 0) || !(config.beta >= 0)) throw new RewardConfigError("alpha and beta must be ≥ 0");
  return config;
}

/** A short hash of the full configuration: every score names the exact rule that produced it. */
export function configHash(config: RewardConfig): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex").slice(0, 16);
}

/** The highest reward a trajectory can get under a config (the reference trajectory gets it). */
export function maxReward(config: RewardConfig): number {
  const w = config.weights;
  return w.val + w.cov + w.name + w.arg + w.state + w.answer;
}
