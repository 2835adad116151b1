/**
 * `prove eval`: serve the environments on loopback, run the Python side (the trainer's own
 * policies and rollout: py/prove_trainer/eval.py, or BFCL's harness: bfcl.py) against them, and
 * turn the trajectories it writes into a report.
 *
 * The folder it leaves: run.json, trajectories.jsonl, report.json, report.md, logs/eval.log.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serve } from "../rpc/server.ts";
import { domains } from "../servers/index.ts";
import { checkPython, PythonNotReady, pythonCandidate } from "../supervisor/python.ts";
import { Datasets } from "../tasks/datasets.ts";
import { TaskStore } from "../tasks/store.ts";
import { bfclMarkdown, bfclReport, type BfclReport } from "./bfcl-report.ts";
import { ProgressBar, runPython } from "./python.ts";
import { FILES, readBfclLines, readRun, readTaskLines, type Bench, type RunInfo } from "./records.ts";
import { taskMarkdown, taskReport, type TaskReport } from "./report.ts";

export class EvalUsageError extends Error {}

export interface EvalOptions {
  bench: Bench;
  out: string;
  /** oracle, none, stub, a run/checkpoint/model folder; empty with an endpoint. */
  policy: string;
  endpoint?: string;
  model?: string;
  tasks?: string;
  categories?: string[];
  trials: number;
  concurrency: number;
  limit: number;
  preset: string;
  format?: string;
  checkpoint?: string;
  seed: number;
  temperature?: number;
  maxNewTokens?: number;
  device?: string;
  python?: string;
}

export type Report = TaskReport | BfclReport;

export async function runEval(
  opts: EvalOptions,
  say: (line: string) => void = (l) => console.error(l),
): Promise<{ dir: string; report: Report; markdown: string }> {
  const dir = resolve(opts.out);
  // A finished run leaves trajectories.jsonl (written under a temporary name, then renamed); a failed one may be rerun in place.
  if (existsSync(join(dir, FILES.trajectories))) throw new EvalUsageError(`${dir} already holds an evaluation; give another --out`);
  if (opts.bench === "tasks" && !opts.tasks)
    throw new EvalUsageError("give the held-out tasks: --tasks DIR (a folder with tasks.jsonl), or --bench bfcl-multi-turn");
  const tasksDir = opts.tasks ? resolve(opts.tasks) : undefined;
  if (tasksDir && !existsSync(join(tasksDir, "tasks.jsonl"))) throw new EvalUsageError(`no tasks.jsonl in ${tasksDir}`);
  const python = pythonCandidate(opts.python);

  const args = pythonArgs(opts);
  const run: RunInfo = {
    bench: opts.bench,
    policy: opts.endpoint ? `endpoint:${opts.model}` : opts.policy,
    ...(opts.endpoint ? { endpoint: opts.endpoint, model: opts.model ?? "" } : {}),
    ...(tasksDir ? { tasks: tasksDir } : {}),
    ...(opts.bench === "bfcl-multi-turn" ? { categories: opts.categories ?? [] } : {}),
    trials: opts.bench === "tasks" ? opts.trials : 1,
    preset: opts.bench === "tasks" ? opts.preset : "bfcl",
    limit: opts.limit,
    started: new Date().toISOString(),
    args,
  };
  mkdirSync(join(dir, "logs"), { recursive: true });
  writeFileSync(join(dir, FILES.run), `${JSON.stringify(run, null, 2)}\n`);

  const scratch = mkdtempSync(join(tmpdir(), "prove-eval-"));
  const datasets = new Datasets(join(scratch, "datasets"));
  if (tasksDir) datasets.load("default", tasksDir);
  const token = randomBytes(24).toString("hex");
  const server = await serve({ host: "127.0.0.1", port: 0, token, datasets });
  const bar = new ProgressBar(opts.bench === "tasks" ? "eval" : "bfcl");
  try {
    const outcome = await runPython({
      python,
      module: opts.bench === "tasks" ? "prove_trainer.eval" : "prove_trainer.bfcl",
      args: ["--server", server.address, "--out", join(dir, FILES.trajectories), ...args],
      env: { PROVE_TOKEN: token, BFCL_PROJECT_ROOT: join(scratch, "bfcl") },
      log: join(dir, FILES.log),
      onEvent: (e) => {
        if (e.event === "progress" && typeof e.done === "number" && typeof e.total === "number") bar.update(e.done, e.total);
        else if (e.event === "start")
          say(`prove eval: ${e.total} ${opts.bench === "tasks" ? "tasks" : "BFCL entries"}, policy ${run.policy} (${e.format} format)`);
      },
      onLine: (line) => say(`  ${line}`),
    });
    bar.end();
    // Checked only after a failure (importing torch twice would double every start): a missing
    // interpreter or package is then named with the way to install it.
    if (outcome.exitCode !== 0) await explainPython(python, opts.bench);
    if (outcome.exitCode !== 0)
      throw new Error(
        `the evaluation failed (exit ${outcome.exitCode}); last output:\n${outcome.tail.map((l) => `  ${l}`).join("\n")}\nfull log: ${join(dir, FILES.log)}`,
      );
  } finally {
    await server.shutdown(2000);
    rmSync(scratch, { recursive: true, force: true });
  }
  writeFileSync(join(dir, FILES.run), `${JSON.stringify({ ...run, finished: new Date().toISOString() }, null, 2)}\n`);
  return { dir, ...writeReport(dir) };
}

async function explainPython(python: string, bench: Bench): Promise<void> {
  try {
    await checkPython(python, bench === "bfcl-multi-turn" ? ["prove_trainer.bfcl", "bfcl_eval", "mpmath"] : ["prove_trainer.eval"]);
  } catch (err) {
    if (err instanceof PythonNotReady && /bfcl_eval|mpmath/.test(err.message))
      throw new PythonNotReady(`${err.message}. BFCL's own package installs with \`make eval-deps\` (pip install --no-deps -r py/requirements-eval.txt)`);
    throw err;
  }
}

/** The Python side's options (everything but the service address and the output file). */
function pythonArgs(o: EvalOptions): string[] {
  const a: string[] = [];
  const add = (flag: string, v: string | number | undefined) => v !== undefined && v !== "" && a.push(flag, String(v));
  if (o.endpoint) {
    add("--endpoint", o.endpoint);
    add("--model", o.model);
  } else add("--policy", o.policy);
  add("--format", o.format);
  add("--checkpoint", o.checkpoint);
  add("--seed", o.seed);
  add("--temperature", o.temperature);
  add("--max-new-tokens", o.maxNewTokens);
  add("--concurrency", o.concurrency);
  add("--device", o.device);
  add("--limit", o.limit);
  if (o.bench === "tasks") {
    add("--trials", o.trials);
    add("--preset", o.preset);
  } else add("--categories", (o.categories ?? []).join(","));
  return a;
}

/** (Re)computes report.json and report.md of an evaluation folder from its trajectories. */
export function writeReport(dir: string): { report: Report; markdown: string } {
  const run = readRun(dir);
  let report: Report;
  let markdown: string;
  if (run.bench === "tasks") {
    if (!run.tasks) throw new Error(`${join(dir, FILES.run)} names no tasks folder`);
    const r = taskReport(run, TaskStore.load(join(run.tasks, "tasks.jsonl")), readTaskLines(dir), domains);
    report = r;
    markdown = taskMarkdown(r, `Evaluation on ${run.tasks}`);
  } else {
    const r = bfclReport(run, readBfclLines(dir));
    report = r;
    markdown = bfclMarkdown(r, "BFCL multi-turn");
  }
  writeFileSync(join(dir, FILES.report), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, FILES.markdown), markdown);
  return { report, markdown };
}
