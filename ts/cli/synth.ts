/**
 * `prove synth --seed S --count N --out DIR [--preset paper|bfcl] [--config JSON|@file.json]
 * [--inline-tools] [--split seed|chain [--test-share 0.2]] [--teacher URL] [--workers N]`
 * Writes tasks.jsonl, chat.jsonl (messages, for Hugging Face datasets / TRL), toolsets.jsonl (the
 * offered tool sets the chat rows name; --inline-tools puts them in each row), references.jsonl
 * and stats.json; shows a progress bar and a summary on stderr. --split also writes a held-out
 * split (OUT/split/train, OUT/split/test: see ts/eval/split.ts) and reports how much they overlap.
 * --workers: threads to synthesize chunks on (default: one per core); the files are the same for any.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { overlapText, SPLIT_BY, splitTasks, writeSplit, type SplitBy } from "../eval/split.ts";
import { domains } from "../servers/index.ts";
import { openAITeacher, synthesize, writeDataset, type Progress, type SynthStats } from "../synth/index.ts";

export const usage = `usage: prove synth --seed S --count N --out DIR [--preset paper|bfcl] [--config JSON|@file.json] [--inline-tools] [--split seed|chain [--test-share 0.2]] [--teacher URL [--teacher-model M]] [--workers N] [--quiet]
Writes tasks.jsonl, chat.jsonl, toolsets.jsonl, references.jsonl and stats.json to DIR (docs/synthesis.md).`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: "string", default: "1" },
      count: { type: "string" },
      out: { type: "string" },
      config: { type: "string" },
      preset: { type: "string" },
      "inline-tools": { type: "boolean", default: false },
      split: { type: "string" },
      "test-share": { type: "string", default: "0.2" },
      teacher: { type: "string" },
      "teacher-model": { type: "string" },
      quiet: { type: "boolean", default: false },
      workers: { type: "string" },
    },
  });
  if (!values.out) {
    console.error(usage);
    return 2;
  }
  if (values.split !== undefined && !(SPLIT_BY as readonly string[]).includes(values.split)) {
    console.error(`--split takes ${SPLIT_BY.join(" or ")}, got "${values.split}"`);
    return 2;
  }
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!(Number.isInteger(workers) && workers >= 1)) {
    console.error(`--workers takes a whole number of threads, 1 or more, got "${values.workers}"`);
    return 2;
  }
  const testShare = Number(values["test-share"]);
  if (!(testShare > 0 && testShare < 1)) {
    console.error(`--test-share takes a number between 0 and 1, got "${values["test-share"]}"`);
    return 2;
  }
  const config = values.config ? JSON.parse(values.config.startsWith("@") ? readFileSync(values.config.slice(1), "utf8") : values.config) : {};
  if (values.count) config.count = Number(values.count);
  if (values.preset) config.preset = values.preset;
  const teacher = values.teacher
    ? openAITeacher(values.teacher, {
        ...(values["teacher-model"] ? { model: values["teacher-model"] } : {}),
        ...(process.env.TEACHER_API_KEY ? { apiKey: process.env.TEACHER_API_KEY } : {}),
      })
    : undefined;
  const started = performance.now();
  const bar = progressBar(values.quiet);
  const data = await synthesize({ seed: values.seed, config, domains, workers, ...(teacher ? { teacher } : {}), onProgress: bar });
  writeDataset(values.out, data, { inlineTools: values["inline-tools"] });
  bar.done();
  console.error(summary(data.stats, (performance.now() - started) / 1000, values.out, teacher ? 1 : Math.min(workers, data.stats.chunks.count)));
  if (values.split) {
    // A held-out split beside the dataset (OUT/split/train, OUT/split/test) and how much the two overlap.
    const opts = { by: values.split as SplitBy, testShare, seed: values.seed };
    const parts = splitTasks(data.tasks, opts);
    const overlap = await writeSplit(resolve(values.out), join(resolve(values.out), "split"), parts, opts);
    console.error(`split by ${opts.by}: ${parts.train.length} train, ${parts.test.length} test → ${join(values.out, "split")}/{train,test}`);
    console.error(overlapText(overlap));
  }
  return 0;
}

function progressBar(quiet: boolean) {
  const tty = process.stderr.isTTY;
  let lastShown = -1;
  const show = (p: Progress) => {
    if (quiet) return;
    const pct = p.total ? Math.floor((100 * p.done) / p.total) : 0;
    const dropped = Object.values(p.dropped).reduce((a, b) => a + b, 0);
    const line = `${p.stage.padEnd(9)} [${"#".repeat(Math.floor(pct / 4)).padEnd(25, ".")}] ${String(pct).padStart(3)}% ${p.done}/${p.total} kept, ${dropped} dropped`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (pct >= lastShown + 10 || p.stage === "done") {
      lastShown = pct;
      process.stderr.write(`${line}\n`);
    }
  };
  return Object.assign(show, { done: () => tty && !quiet && process.stderr.write("\n") });
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function summary(s: SynthStats, seconds: number, out: string, threads: number): string {
  const fmt = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  return [
    `${s.kept} tasks in ${seconds.toFixed(1)} s (${s.chunks.count} chunk${s.chunks.count === 1 ? "" : "s"} on ${threads} thread${threads === 1 ? "" : "s"}) → ${out} (tasks.jsonl, chat.jsonl, toolsets.jsonl, references.jsonl, stats.json)`,
    `kinds: ${fmt(s.by_kind)}`,
    `information levels: ${fmt(s.by_info_level)}`,
    `domains per task: ${fmt(s.by_domain_count)}; calls per task: ${fmt(s.by_chain_length)}; turns: ${fmt(s.by_turns)}`,
    `knobs: ${fmt(s.by_knob)}`,
    `tools used: ${s.tools_used} of ${s.tools_total}; candidates ${s.candidates}, dropped: ${fmt(s.dropped) || "none"}`,
    `dependencies: ${pct(s.figures.conversations_with_output_binding)} of conversations use an earlier output, ${pct(s.figures.later_turn_on_earlier_entity)} of multi-turn ones act on an earlier turn's entity, ${pct(s.figures.cross_domain_dependency)} of two-domain ones cross domains; ${pct(s.figures.call_turns_single_call)} of call turns have one call`,
    `worlds: ${s.figures.worlds.distinct}; ids stated at the minimal level: ${pct(s.figures.reference_ids_in_user_text.minimal?.share ?? 0)}; garbled requests: ${s.figures.garbled_requests}`,
  ].join("\n");
}
