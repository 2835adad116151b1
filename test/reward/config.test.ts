/** Reward presets as tables of weights, their ranges at the edges, and the hash that names a configuration. */
import { describe, expect, it } from "vitest";
import { configHash, maxPartial, maxReward, resolveConfig, RewardConfigError } from "../../ts/reward/config.ts";

describe("presets, written out", () => {
  it("prove is the paper's reward: R = 0.5·R_val + 0.5·R_cov + 0.15·R_eff + 0.2·R_name + 0.1·R_arg, α = β = 0.5", () => {
    expect(resolveConfig("prove")).toEqual({
      preset: "prove",
      weights: { val: 0.5, cov: 0.5, eff: 0.15, name: 0.2, arg: 0.1, state: 0, answer: 0, goal: 0, harm: 0 },
      alpha: 0.5,
      beta: 0.5,
    });
  });

  it("verified adds state 0.5, answer 0.2, goal 3 and harm 6 to the paper's five terms", () => {
    expect(resolveConfig("verified")).toEqual({
      preset: "verified",
      weights: { val: 0.5, cov: 0.5, eff: 0.15, name: 0.2, arg: 0.1, state: 0.5, answer: 0.2, goal: 3, harm: 6 },
      alpha: 0.5,
      beta: 0.5,
    });
  });

  it("an override replaces only what it names", () => {
    const c = resolveConfig("verified", { weights: { val: 2 }, alpha: 1 });
    expect(c.weights).toEqual({ val: 2, cov: 0.5, eff: 0.15, name: 0.2, arg: 0.1, state: 0.5, answer: 0.2, goal: 3, harm: 6 });
    expect([c.alpha, c.beta]).toEqual([1, 0.5]);
    expect(resolveConfig("prove", { beta: 0 }).beta).toBe(0);
  });

  it("the highest reward: prove 0.5 + 0.5 + 0.2 + 0.1 = 1.3; verified adds state 0.5 and answer 0.2 (2.0) and the goal 3 (5.0)", () => {
    expect(maxPartial(resolveConfig("prove"))).toBeCloseTo(1.3, 12);
    expect(maxReward(resolveConfig("prove"))).toBeCloseTo(1.3, 12);
    expect(maxPartial(resolveConfig("verified"))).toBeCloseTo(2.0, 12);
    expect(maxReward(resolveConfig("verified"))).toBeCloseTo(5.0, 12);
    // Raising the goal weight to 4 and R_val's to 1: 1 + 0.5 + 0.2 + 0.1 + 0.5 + 0.2 + 4 = 6.5.
    expect(maxReward(resolveConfig("verified", { weights: { goal: 4, val: 1 } }))).toBeCloseTo(6.5, 12);
    // Under prove the paper's terms only: R_val weighted 1 → 1.8.
    expect(maxReward(resolveConfig("prove", { weights: { val: 1 } }))).toBeCloseTo(1.8, 12);
  });
});

describe("ranges, at their edges", () => {
  const ok = (overrides: object) => expect(() => resolveConfig("verified", overrides)).not.toThrow();
  const bad = (overrides: object, message: RegExp) => {
    expect(() => resolveConfig("verified", overrides)).toThrow(RewardConfigError);
    expect(() => resolveConfig("verified", overrides)).toThrow(message);
  };

  it("a weight from 0 to 1000", () => {
    ok({ weights: { val: 0 } });
    ok({ weights: { harm: 1000 } });
    bad({ weights: { harm: 1000.001 } }, /^weight harm must be a number from 0 to 1000, got 1000.001$/);
    bad({ weights: { cov: -0.001 } }, /^weight cov must be a number from 0 to 1000, got -0.001$/);
    bad({ weights: { cov: Number.POSITIVE_INFINITY } }, /got Infinity/);
    bad({ weights: { cov: Number.NaN } }, /^weight cov must be a number from 0 to 1000, got NaN$/);
    bad({ weights: { cov: "1" } }, /^weight cov must be a number from 0 to 1000, got 1$/);
  });

  it("α and β from 0 to 100", () => {
    ok({ alpha: 0, beta: 0 });
    ok({ alpha: 100, beta: 100 });
    bad({ alpha: 100.5 }, /^alpha must be a number from 0 to 100, got 100.5$/);
    bad({ alpha: -1 }, /^alpha must be a number from 0 to 100, got -1$/);
    bad({ beta: 100.01 }, /^beta must be a number from 0 to 100, got 100.01$/);
    bad({ beta: -0.01 }, /^beta must be a number from 0 to 100, got -0.01$/);
  });

  it("an unknown preset or weight is named with what exists", () => {
    try {
      resolveConfig("generous");
      expect.unreachable();
    } catch (err) {
      expect((err as Error).name).toBe("RewardConfigError");
    }
    expect(() => resolveConfig("generous")).toThrow(/^unknown reward preset "generous"; use prove or verified$/);
    bad({ weights: { bonus: 1 } }, /^unknown weight "bonus"; the weights are val, cov, eff, name, arg, state, answer, goal, harm$/);
  });

  it("prove refuses each term it does not have, all of them named at once", () => {
    for (const term of ["state", "answer", "goal", "harm"]) {
      expect(() => resolveConfig("prove", { weights: { [term]: 1 } })).toThrow(new RegExp(`has no ${term} term; use the verified preset`));
    }
    expect(() => resolveConfig("prove", { weights: { state: 0, harm: 2 } })).toThrow(/has no state, harm term/);
    // The paper's own terms may be reweighted.
    expect(resolveConfig("prove", { weights: { arg: 0.3 } }).weights.arg).toBe(0.3);
  });
});

describe("configHash", () => {
  it("16 hex digits, the same for equal configurations, another for any change", () => {
    const a = configHash(resolveConfig("verified"));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(configHash(resolveConfig("verified"))).toBe(a);
    expect(configHash(resolveConfig("verified", { weights: { harm: 6 } }))).toBe(a);
    expect(configHash(resolveConfig("verified", { weights: { harm: 7 } }))).not.toBe(a);
    expect(configHash(resolveConfig("verified", { beta: 0.6 }))).not.toBe(a);
    expect(configHash(resolveConfig("prove"))).not.toBe(a);
  });
});
