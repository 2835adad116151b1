/**
 * `prove train`: serve the environments, synthesize tasks unless given, run the GRPO trainer
 * against them, and leave a run folder a person can read.
 *
 * The gRPC service runs in this process on a loopback port with a fresh bearer token that reaches
 * the trainer through its environment (PROVE_TOKEN), never its command line. Ctrl-C or SIGTERM
 * asks the trainer to finish its step and checkpoint; a second one stops it at once.
 */
import { randomBytes } from "node:crypto";
import { execa } from "execa";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { startShards } from "../cli/shards.ts";
import { serve } from "../rpc/server.ts";
import { domains } from "../servers/index.ts";
import { synthesize, writeDataset } from "../synth/index.ts";
import { Datasets } from "../tasks/datasets.ts";
import type { TrainOptions } from "./options.ts";
import { UsageError } from "./options.ts";
import { ProgressDisplay, type StepEvent } from "./progress.ts";
import { checkPython, pythonCandidate } from "./python.ts";
import { TrainerProcess, type TrainerEvent, type TrainerOutcome } from "./trainer.ts";

/** Models that train on CPU in CI; anything else is a real model (the paper's task mix by default). */
const SMALL_MODELS = new Set(["stub", "tiny-granite", "tiny-qwen3"]);

interface RunRecord {
  /** Where the tasks are (the run's own synthesized set, or --tasks). */
  tasks: string;
  model: string;
  /** Trainer processes (a resume needs as many). */
  nproc: number;
  /** Trainer options given at the start (a resume reuses config.json instead). */
  trainerArgs: string[];
}

export interface TrainResult {
  status: TrainerOutcome["status"];
  runDir: string;
  restarts: number;
  report?: { png?: string; html?: string };
}

export async function runTraining(opts: TrainOptions): Promise<TrainResult> {
  const display = new ProgressDisplay();
  const say = (line: string) => display.log(line);
  const resuming = opts.resume !== undefined;
  const runDir = resolve(opts.resume ?? opts.runDir ?? join("runs", `${opts.model.replace(/[^\w.-]+/g, "_")}-${timestamp()}`));
  const record = resuming ? readRecord(runDir) : { tasks: "", model: opts.model, nproc: opts.nproc, trainerArgs: opts.trainerArgs };
  const python = pythonCandidate(opts.python);
  await checkPython(python, record.model === "stub" ? [] : ["transformers", "peft"]);

  if (!resuming && existsSync(join(runDir, "config.json"))) {
    throw new UsageError(`${runDir} already holds a run; continue it with --resume ${runDir}, or give another --run-dir`);
  }
  mkdirSync(join(runDir, "logs"), { recursive: true });
  if (!resuming) {
    record.tasks = opts.tasks ? resolve(opts.tasks) : join(runDir, "tasks");
    if (!opts.tasks) await synthesizeInto(record.tasks, opts, say);
    writeFileSync(join(runDir, "supervisor.json"), `${JSON.stringify(record, null, 2)}\n`);
  }
  if (!existsSync(join(record.tasks, "tasks.jsonl"))) throw new UsageError(`no tasks.jsonl in ${record.tasks}`);

  const datasets = new Datasets(join(runDir, "datasets"));
  const dataset = datasets.load("default", record.tasks);
  const token = randomBytes(24).toString("hex");
  const service = await startService(opts.shards, token, record.tasks, datasets);
  say(
    `prove train: ${dataset.store.size} tasks from ${record.tasks}; environments on ${service.targets.join(",")}${opts.shards > 1 ? ` (${opts.shards} shards)` : ""}; run folder ${runDir}`,
  );

  let report: TrainResult["report"];
  const trainer = new TrainerProcess({
    python,
    runDir,
    args: [
      "--run-dir",
      runDir,
      "--server",
      service.targets.join(","),
      ...(resuming ? (opts.steps ? ["--steps", String(opts.steps)] : []) : record.trainerArgs),
    ],
    env: { PROVE_TOKEN: token },
    resume: resuming,
    maxRestarts: opts.maxRestarts,
    nproc: record.nproc,
    onEvent: (e: TrainerEvent) => {
      if (e.event === "step" && typeof e.step === "number" && typeof e.total === "number")
        display.step({ ...e, step: e.step, total: e.total } satisfies StepEvent);
      else if (e.event === "start")
        say(`prove train: trainer started (pid ${e.pid}) at step ${e.step} of ${e.total}${e.resumed ? ", resumed from its checkpoint" : ""}`);
      else if (e.event === "done" || e.event === "stopped") report = e.report as TrainResult["report"];
      else if (e.event === "refused") say(`prove train: ${e.message}`);
    },
    onLog: (line) => say(`  ${line}`),
  });
  const signals = { SIGINT: 0, SIGTERM: 0 };
  const onSignal = (signal: "SIGINT" | "SIGTERM") => {
    signals[signal]++;
    say(
      signals.SIGINT + signals.SIGTERM > 1
        ? `prove train: ${signal} again, stopping the trainer now`
        : `prove train: ${signal}, asking the trainer to finish its step and checkpoint (again to stop at once)`,
    );
    trainer.stop();
  };
  const onInt = () => onSignal("SIGINT");
  const onTerm = () => onSignal("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  // A shard that dies takes its sessions with it: stop the trainer (it checkpoints) rather than let it fail on and on.
  void service.died.then((why) => {
    say(`prove train: environment ${why}; stopping the trainer`);
    trainer.stop();
  });
  try {
    const outcome = await trainer.run();
    display.end();
    if (outcome.status === "refused") {
      say(`prove train: nothing was trained`);
    } else if (outcome.status === "failed") {
      say(
        `prove train: the trainer failed ${outcome.restarts + 1} time(s) without progress; last output:\n${outcome.tail.map((l) => `  ${l}`).join("\n")}\nfull log: ${join(runDir, "logs", "trainer.log")}`,
      );
    } else if (report?.html) {
      say(
        `prove train: ${outcome.status === "stopped" ? "stopped" : "finished"}; report ${report.html}${report.png ? ` (and ${report.png})` : ""}; metrics ${join(runDir, "metrics.jsonl")}; checkpoints ${join(runDir, "checkpoints")}`,
      );
      if (outcome.status === "stopped") say(`prove train: continue with: prove train --resume ${runDir}`);
    }
    return { status: outcome.status, runDir, restarts: outcome.restarts, ...(report ? { report } : {}) };
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
    await service.stop();
  }
}

/** The environments: served in this process, or as `shards` processes (prove serve --shards) given the same token and tasks. */
async function startService(
  shards: number,
  token: string,
  tasks: string,
  datasets: Datasets,
): Promise<{ targets: string[]; died: Promise<string>; stop(): Promise<unknown> }> {
  if (shards > 1) return startShards(["--tasks", tasks, "--data", datasets.root], shards, 0, { PROVE_TOKEN: token });
  const server = await serve({ host: "127.0.0.1", port: 0, token, datasets });
  return { targets: [server.address], died: new Promise(() => undefined), stop: () => server.shutdown(2000) };
}

async function synthesizeInto(dir: string, opts: TrainOptions, say: (line: string) => void): Promise<void> {
  const count = opts.taskCount ?? (SMALL_MODELS.has(opts.model) ? 512 : undefined);
  const started = performance.now();
  // Nothing trains yet, so the chunks may take every core.
  const config = { ...opts.synthConfig, ...(count === undefined ? {} : { count }) };
  const data = await synthesize({ seed: opts.synthSeed, config, domains, workers: availableParallelism() });
  writeDataset(dir, data);
  say(`prove train: synthesized ${data.tasks.length} tasks (seed ${opts.synthSeed}) in ${((performance.now() - started) / 1000).toFixed(1)} s into ${dir}`);
}

/** `--dry-run`: the trainer resolves the configuration and prints the plan; nothing is served or loaded. */
export async function dryRun(opts: TrainOptions): Promise<string> {
  const python = pythonCandidate(opts.python);
  await checkPython(python, []);
  const result = await execa(
    python,
    ["-m", "prove_trainer.train", "--dry-run", ...(opts.trainerArgs.includes("--model") ? [] : ["--model", opts.model]), ...opts.trainerArgs],
    {
      env: { PROVE_NPROC: String(opts.nproc) },
      reject: false,
      stdin: "ignore",
    },
  );
  if (result.exitCode !== 0) throw new UsageError(String(result.stderr).trim() || `the dry run failed (exit ${result.exitCode})`);
  return String(result.stdout);
}

function readRecord(runDir: string): RunRecord {
  const path = join(runDir, "supervisor.json");
  if (!existsSync(path)) throw new UsageError(`${runDir} is not a run folder of prove train (no supervisor.json)`);
  return JSON.parse(readFileSync(path, "utf8")) as RunRecord;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}
