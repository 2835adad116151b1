/** pass^k and the paired bootstrap, against values worked out by hand. */
import { describe, expect, it } from "vitest";
import { bootstrapMean, choose, mean, passHatK, quantile } from "../../ts/eval/stats.ts";

describe("pass^k", () => {
  it("is C(c,k)/C(n,k) averaged over tasks", () => {
    expect([choose(4, 2), choose(5, 0), choose(3, 4)]).toEqual([6, 1, 0]);
    // Two trials each: successes 2, 1, 0 → pass^1 = (1 + 1/2 + 0)/3, pass^2 = (1 + 0 + 0)/3.
    const [p1, p2] = passHatK([
      { successes: 2, trials: 2 },
      { successes: 1, trials: 2 },
      { successes: 0, trials: 2 },
    ]);
    expect(p1).toBeCloseTo(0.5, 12);
    expect(p2).toBeCloseTo(1 / 3, 12);
    // Four trials, three successes: pass^2 = C(3,2)/C(4,2) = 3/6, pass^3 = 1/4, pass^4 = 0.
    expect(passHatK([{ successes: 3, trials: 4 }])).toEqual([0.75, 0.5, 0.25, 0]);
  });

  it("counts a task only for the k it has trials for", () => {
    expect(
      passHatK([
        { successes: 1, trials: 1 },
        { successes: 2, trials: 2 },
      ]),
    ).toEqual([1, 1]);
  });
});

describe("the paired bootstrap", () => {
  it("gives a point interval when every task moved by the same amount", () => {
    const r = bootstrapMean([0.25, 0.25, 0.25], { resamples: 500 });
    expect(r).toEqual({ mean: 0.25, low: 0.25, high: 0.25, n: 3 });
  });

  it("on two tasks (0 and 1) resamples means 0, 1/2, 1 with chances 1/4, 1/2, 1/4: the 95% interval is [0, 1]", () => {
    const r = bootstrapMean([0, 1], { resamples: 20_000, seed: "s" });
    expect(r.mean).toBe(0.5);
    expect(r.low).toBe(0);
    expect(r.high).toBe(1);
    // The middle 20% (the 40th to 60th percentiles) lies inside the half of the resamples whose mean is 1/2.
    const narrow = bootstrapMean([0, 1], { resamples: 20_000, level: 0.2, seed: "s" });
    expect([narrow.low, narrow.high]).toEqual([0.5, 0.5]);
  });

  it("is reproducible for a seed and matches the normal approximation on a large sample", () => {
    const diffs = Array.from({ length: 400 }, (_, i) => ((i * 37) % 11) / 10 - 0.3);
    expect(bootstrapMean(diffs, { seed: "a" })).toEqual(bootstrapMean(diffs, { seed: "a" }));
    const r = bootstrapMean(diffs, { seed: "a" });
    const m = mean(diffs);
    const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - m) ** 2, 0) / diffs.length);
    const half = (1.96 * sd) / Math.sqrt(diffs.length);
    expect(r.low).toBeCloseTo(m - half, 2);
    expect(r.high).toBeCloseTo(m + half, 2);
  });

  it("has no interval without tasks, and quantiles interpolate", () => {
    expect(bootstrapMean([]).n).toBe(0);
    expect(Number.isNaN(bootstrapMean([]).mean)).toBe(true);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
  });
});
