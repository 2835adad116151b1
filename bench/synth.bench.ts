/**
 * Synthesis of the default mix (the paper's 13.5K: 10.9K conversations, 1.5K clarification,
 * 1.1K abstention) on this machine: time to synthesize, time to write, size, and the file
 * hashes (run twice with the same seed: they must match). SYNTH_COUNT overrides the count.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { domains } from "../ts/servers/index.ts";
import { FILES, synthesize, writeDataset } from "../ts/synth/index.ts";

export async function run() {
  const count = Number(process.env.SYNTH_COUNT ?? 13_500);
  const t0 = performance.now();
  const data = await synthesize({ seed: "bench", config: { count }, domains });
  const synthSeconds = (performance.now() - t0) / 1000;
  const dir = mkdtempSync(join(tmpdir(), "prove-synth-bench-"));
  const t1 = performance.now();
  writeDataset(dir, data);
  const writeSeconds = (performance.now() - t1) / 1000;
  const files = Object.fromEntries(
    Object.values(FILES).map((f) => {
      const path = join(dir, f);
      return [f, { bytes: statSync(path).size, sha256: createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 16) }];
    }),
  );
  rmSync(dir, { recursive: true });
  return {
    count,
    kept: data.tasks.length,
    synthesize_s: Math.round(synthSeconds * 10) / 10,
    write_s: Math.round(writeSeconds * 10) / 10,
    tasks_per_s: Math.round(data.tasks.length / synthSeconds),
    files,
    by_kind: data.stats.by_kind,
    dropped: data.stats.dropped,
    tools_used: `${data.stats.tools_used}/${data.stats.tools_total}`,
    heap_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
}
