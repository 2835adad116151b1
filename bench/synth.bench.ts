/**
 * Synthesis of the default mix (the paper's 13.5K: 10.9K conversations, 1.5K clarification,
 * 1.1K abstention) on this machine: time to synthesize and to write, the files' sizes and hashes
 * (run twice with the same seed: they must match), the live heap with the dataset held, and the
 * figures the dataset is judged by (`ts/synth/figures.ts`). SYNTH_COUNT, SYNTH_SEED and
 * SYNTH_PRESET override the count, the seed and the preset; SYNTH_WORKERS the threads (default: one
 * per core, as `prove synth`).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { domains } from "../ts/servers/index.ts";
import { FILES, synthesize, writeDataset } from "../ts/synth/index.ts";

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

export async function run() {
  const count = Number(process.env.SYNTH_COUNT ?? 13_500);
  const seed = process.env.SYNTH_SEED ?? "bench";
  const preset = process.env.SYNTH_PRESET ?? "paper";
  const workers = Number(process.env.SYNTH_WORKERS ?? availableParallelism());
  const t0 = performance.now();
  const data = await synthesize({ seed, config: { count, preset }, domains, workers });
  const synthSeconds = (performance.now() - t0) / 1000;
  (globalThis as { gc?: () => void }).gc?.();
  const heap = process.memoryUsage();
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
  const f = data.stats.figures;
  return {
    count,
    seed,
    preset,
    workers,
    chunks: data.stats.chunks,
    kept: data.tasks.length,
    synthesize_s: Math.round(synthSeconds * 10) / 10,
    write_s: Math.round(writeSeconds * 10) / 10,
    tasks_per_s: Math.round(data.tasks.length / synthSeconds),
    files,
    files_mb: Math.round(Object.values(files).reduce((n, x) => n + x.bytes, 0) / 1e5) / 10,
    toolsets: data.stats.toolsets,
    heap_mb: mb(heap.heapUsed),
    rss_mb: mb(heap.rss),
    figures: {
      conversations_with_output_binding: f.conversations_with_output_binding,
      later_turn_on_earlier_entity: f.later_turn_on_earlier_entity,
      cross_domain_dependency: f.cross_domain_dependency,
      call_turns_single_call: f.call_turns_single_call,
      calls_per_call_turn: f.calls_per_call_turn,
      calls_per_conversation: f.calls_per_conversation,
      user_turns_per_conversation: f.user_turns_per_conversation,
      minimal_ids_stated: f.reference_ids_in_user_text.minimal?.share,
      worlds: f.worlds,
      garbled_requests: f.garbled_requests,
      asks_naming_parameter: f.asks_naming_parameter,
    },
    labels: data.stats.labels,
    by_kind: data.stats.by_kind,
    dropped: data.stats.dropped,
    refused: data.stats.machine.refused,
    tools_used: `${data.stats.tools_used}/${data.stats.tools_total}`,
  };
}
