/**
 * `prove eval …`: evaluate a policy on held-out tasks or on BFCL multi-turn, split a dataset,
 * report a split's overlap, recompute a report, compare two runs (ts/eval).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { compareMarkdown, compareRuns, METRICS, type Metric } from "../eval/compare.ts";
import { forestPlot } from "../eval/plot.ts";
import { BENCHES, type Bench } from "../eval/records.ts";
import { EvalUsageError, runEval, writeReport } from "../eval/run.ts";
import { overlapReport, overlapText, SPLIT_BY, splitTasks, writeSplit, type SplitBy } from "../eval/split.ts";
import { TaskStore } from "../tasks/store.ts";

export const usage = `usage:
  prove eval --tasks DIR --policy P [--trials K] [--concurrency N] [--limit N] [--preset verified|prove] [--out DIR]
  prove eval --bench bfcl-multi-turn --policy P [--categories base,miss_func,miss_param,long_context] [--limit N] [--out DIR]
      P: oracle | none | stub | a run folder of prove train | one of its checkpoints | a Hugging Face model folder
      or, instead of --policy: --endpoint URL --model NAME (an OpenAI-compatible chat endpoint; key in $OPENAI_API_KEY)
      more: --format hermes|granite|openai  --checkpoint step-N  --seed S  --temperature T  --max-new-tokens N  --device cpu|cuda  --python PATH
  prove eval split --tasks DIR --by seed|chain [--test-share 0.2] [--seed S] --out DIR   (writes DIR/train, DIR/test, DIR/split.json)
  prove eval overlap --train DIR --test DIR                                              (how much a test set overlaps a training set)
  prove eval report DIR                                                                  (recompute report.json and report.md)
  prove eval compare A B [--metric success|reward] [--resamples 10000] [--level 0.95] [--out DIR]`;

const int = (v: string | undefined, name: string, min = 0): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new EvalUsageError(`--${name} takes an integer ≥ ${min}, got ${v}`);
  return n;
};
const float = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new EvalUsageError(`--${name} takes a number, got ${v}`);
  return n;
};

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (!sub || sub === "--help" || sub === "-h") {
      console.log(usage);
      return sub ? 0 : 2;
    }
    if (sub === "split") return await split(rest);
    if (sub === "overlap") return overlap(rest);
    if (sub === "report") return report(rest);
    if (sub === "compare") return compare(rest);
    return await evaluate(argv);
  } catch (err) {
    if (err instanceof EvalUsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`prove eval: ${(err as Error).message}\n\n${usage}`);
      return 2;
    }
    throw err;
  }
}

async function evaluate(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tasks: { type: "string" },
      bench: { type: "string", default: "tasks" },
      policy: { type: "string", default: "" },
      endpoint: { type: "string" },
      model: { type: "string" },
      categories: { type: "string" },
      trials: { type: "string", default: "1" },
      concurrency: { type: "string", default: "8" },
      limit: { type: "string", default: "0" },
      preset: { type: "string", default: "verified" },
      format: { type: "string" },
      checkpoint: { type: "string" },
      seed: { type: "string", default: "0" },
      temperature: { type: "string" },
      "max-new-tokens": { type: "string" },
      device: { type: "string" },
      python: { type: "string" },
      out: { type: "string" },
    },
  });
  const bench = values.bench === "bfcl" ? "bfcl-multi-turn" : values.bench;
  if (!(BENCHES as readonly string[]).includes(bench)) throw new EvalUsageError(`--bench must be ${BENCHES.join(" or ")}, got ${values.bench}`);
  if (!values.policy && !values.endpoint) throw new EvalUsageError("name a policy (--policy …) or an endpoint (--endpoint URL --model NAME)");
  const label = (values.endpoint ? values.model : values.policy?.split("/").filter(Boolean).pop()) ?? "policy";
  const out =
    values.out ??
    join(
      "runs",
      "eval",
      `${bench === "tasks" ? "tasks" : "bfcl"}-${label.replace(/[^\w.-]+/g, "_")}-${new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}`,
    );
  const result = await runEval({
    bench: bench as Bench,
    out,
    policy: values.policy ?? "",
    ...(values.endpoint ? { endpoint: values.endpoint, model: values.model ?? "" } : {}),
    ...(values.tasks ? { tasks: values.tasks } : {}),
    ...(values.categories
      ? {
          categories: values.categories
            .split(",")
            .map((c) => c.trim())
            .filter(Boolean),
        }
      : {}),
    trials: int(values.trials, "trials", 1) ?? 1,
    concurrency: int(values.concurrency, "concurrency", 1) ?? 8,
    limit: int(values.limit, "limit") ?? 0,
    preset: values.preset ?? "verified",
    ...(values.format ? { format: values.format } : {}),
    ...(values.checkpoint ? { checkpoint: values.checkpoint } : {}),
    seed: int(values.seed, "seed") ?? 0,
    ...(values.temperature !== undefined ? { temperature: float(values.temperature, "temperature") } : {}),
    ...(values["max-new-tokens"] !== undefined ? { maxNewTokens: int(values["max-new-tokens"], "max-new-tokens", 1) } : {}),
    ...(values.device ? { device: values.device } : {}),
    ...(values.python ? { python: values.python } : {}),
  });
  process.stdout.write(result.markdown);
  console.error(`prove eval: ${result.dir} (report.json, report.md, trajectories.jsonl; browse with: prove view ${result.dir})`);
  return 0;
}

async function split(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tasks: { type: "string" },
      by: { type: "string", default: "chain" },
      "test-share": { type: "string", default: "0.2" },
      seed: { type: "string", default: "0" },
      out: { type: "string" },
    },
  });
  if (!values.tasks || !values.out) throw new EvalUsageError("split needs --tasks DIR and --out DIR");
  if (!(SPLIT_BY as readonly string[]).includes(values.by ?? "")) throw new EvalUsageError(`--by must be ${SPLIT_BY.join(" or ")}`);
  const opts = { by: values.by as SplitBy, testShare: float(values["test-share"], "test-share") ?? 0.2, seed: values.seed ?? "0" };
  const source = resolve(values.tasks);
  const parts = splitTasks(TaskStore.load(join(source, "tasks.jsonl")).tasks, opts);
  mkdirSync(values.out, { recursive: true });
  const o = await writeSplit(source, resolve(values.out), parts, opts);
  console.log(
    `split by ${opts.by}: ${parts.train.length} train, ${parts.test.length} test (${parts.testKeys.length} ${opts.by === "seed" ? "seeds" : "call sequences and call-free tasks"} held out) → ${join(values.out, "train")}, ${join(values.out, "test")}`,
  );
  console.log(overlapText(o));
  return 0;
}

function overlap(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { train: { type: "string" }, test: { type: "string" }, json: { type: "boolean", default: false } } });
  if (!values.train || !values.test) throw new EvalUsageError("overlap needs --train DIR and --test DIR");
  const o = overlapReport(TaskStore.load(join(values.train, "tasks.jsonl")).tasks, TaskStore.load(join(values.test, "tasks.jsonl")).tasks);
  console.log(values.json ? JSON.stringify(o, null, 2) : overlapText(o));
  return 0;
}

function report(argv: string[]): number {
  const [dir] = argv;
  if (!dir) throw new EvalUsageError("report needs an evaluation folder");
  process.stdout.write(writeReport(resolve(dir)).markdown);
  return 0;
}

function compare(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      metric: { type: "string", default: "success" },
      resamples: { type: "string", default: "10000" },
      level: { type: "string", default: "0.95" },
      seed: { type: "string", default: "0" },
      out: { type: "string" },
    },
  });
  const [a, b] = positionals;
  if (!a || !b || positionals.length !== 2) throw new EvalUsageError("compare needs two evaluation folders: A (the baseline) and B");
  if (!(METRICS as readonly string[]).includes(values.metric ?? "")) throw new EvalUsageError(`--metric must be ${METRICS.join(" or ")}`);
  const level = float(values.level, "level") ?? 0.95;
  if (!(level > 0 && level < 1)) throw new EvalUsageError("--level must be between 0 and 1");
  const c = compareRuns(resolve(a), resolve(b), {
    metric: values.metric as Metric,
    resamples: int(values.resamples, "resamples", 100) ?? 10_000,
    level,
    seed: values.seed ?? "0",
  });
  const markdown = compareMarkdown(c);
  const out = values.out ?? join(resolve(b), `compare-${(a.split("/").filter(Boolean).pop() ?? "a").replace(/[^\w.-]+/g, "_")}`);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "compare.json"), `${JSON.stringify(c, null, 2)}\n`);
  writeFileSync(join(out, "compare.md"), markdown);
  writeFileSync(join(out, "compare.svg"), forestPlot(c));
  process.stdout.write(markdown);
  console.error(`prove eval compare: ${join(out, "compare.json")}, compare.md, compare.svg`);
  return 0;
}
