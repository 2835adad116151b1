/** The statistics of evaluation: means, pass^k, and a paired bootstrap for differences. */
import { Rng } from "../servers/framework/rng.ts";

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}

/** n choose k, exactly for the small numbers of trials an evaluation runs. */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return out;
}

/**
 * pass^k (tau-bench): the chance that k trials of a task, drawn from its n, all succeed,
 * C(c, k) / C(n, k) for c successes, averaged over the tasks with at least k trials. One value
 * per k = 1 … the most trials any task has; pass^1 is the success rate.
 */
export function passHatK(tasks: ReadonlyArray<{ successes: number; trials: number }>): number[] {
  const most = Math.max(0, ...tasks.map((t) => t.trials));
  const out: number[] = [];
  for (let k = 1; k <= most; k++) {
    const eligible = tasks.filter((t) => t.trials >= k);
    out.push(mean(eligible.map((t) => choose(t.successes, k) / choose(t.trials, k))));
  }
  return out;
}

export interface Interval {
  /** Mean of the paired differences. */
  mean: number;
  low: number;
  high: number;
  /** Differences resampled. */
  n: number;
}

/** The value at quantile q of sorted values (linear between neighbours). */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/**
 * Percentile bootstrap interval of the mean of paired differences: the tasks are resampled with
 * replacement `resamples` times (seeded, so a report is reproducible) and the interval is the
 * middle `level` of the resampled means.
 */
export function bootstrapMean(diffs: readonly number[], opts: { resamples?: number; level?: number; seed?: string } = {}): Interval {
  const n = diffs.length;
  if (n === 0) return { mean: Number.NaN, low: Number.NaN, high: Number.NaN, n };
  const resamples = opts.resamples ?? 10_000;
  const level = opts.level ?? 0.95;
  const rng = Rng.from(opts.seed ?? "bootstrap");
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += diffs[rng.int(0, n - 1)] as number;
    means[r] = sum / n;
  }
  const sorted = Array.from(means).sort((a, b) => a - b);
  return { mean: mean(diffs), low: quantile(sorted, (1 - level) / 2), high: quantile(sorted, 1 - (1 - level) / 2), n };
}
