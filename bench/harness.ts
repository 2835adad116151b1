/** A small benchmark harness: timed batches, robust statistics, JSON results you can compare. */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

export interface Stat {
  name: string;
  /** Median time per operation over the batches, in microseconds. */
  us_per_op: number;
  p10_us: number;
  p90_us: number;
  ops_per_s: number;
  batches: number;
  ops_per_batch: number;
}

/** Runs `op` in batches of `batch` calls until `seconds` have passed; reports per-op times. */
export function measure(name: string, op: (i: number) => unknown, opts: { batch?: number; seconds?: number; setup?: () => void } = {}): Stat {
  const batch = opts.batch ?? 1000;
  const budget = (opts.seconds ?? 1) * 1000;
  const samples: number[] = [];
  let sink: unknown;
  for (let i = 0; i < Math.min(batch, 200); i++) sink = op(i); // warm-up
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < budget || samples.length < 5) {
    opts.setup?.();
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) sink = op(n++);
    samples.push(((performance.now() - t0) * 1000) / batch);
  }
  if (sink === Symbol.for("never")) console.log(sink);
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] as number;
  const med = q(0.5);
  return {
    name,
    us_per_op: round(med),
    p10_us: round(q(0.1)),
    p90_us: round(q(0.9)),
    ops_per_s: Math.round(1e6 / med),
    batches: samples.length,
    ops_per_batch: batch,
  };
}

/** Latency percentiles of individually timed operations (for async calls such as RPCs). */
export async function latency(
  name: string,
  op: (i: number) => Promise<unknown>,
  count: number,
): Promise<{ name: string; p50_us: number; p99_us: number; mean_us: number; ops_per_s: number }> {
  for (let i = 0; i < Math.min(200, count / 10); i++) await op(i);
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await op(i);
    times.push((performance.now() - t0) * 1000);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] as number;
  return { name, p50_us: round(q(0.5)), p99_us: round(q(0.99)), mean_us: round((total * 1000) / count), ops_per_s: Math.round((count * 1000) / total) };
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function machine() {
  const c = cpus();
  return { cpu: c[0]?.model ?? "unknown", cores: c.length, memory_gib: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
}

/** Writes bench/results/<bench>.json (or into $PROVE_BENCH_RESULTS: the test that runs the quick benches). */
export function writeResult(bench: string, data: unknown): string {
  const dir = process.env.PROVE_BENCH_RESULTS ?? join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${bench}.json`);
  writeFileSync(file, `${JSON.stringify({ bench, date: new Date().toISOString(), machine: machine(), ...(data as object) }, null, 2)}\n`);
  return file;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
