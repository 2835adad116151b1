/**
 * `prove train` options: the supervisor's own, and the trainer's, which pass through to
 * `python -m prove_trainer.train` after being checked against trainer-options.json (a snapshot of
 * the trainer's configuration dataclass; a test keeps the two in sync).
 */
import { readFileSync } from "node:fs";

export interface TrainerOption {
  name: string;
  type: "str" | "int" | "float" | "bool" | "list";
  default: unknown;
  help: string;
}

export const TRAINER_OPTIONS: readonly TrainerOption[] = JSON.parse(readFileSync(new URL("./trainer-options.json", import.meta.url), "utf8"));

interface OwnOption {
  name: string;
  value: string;
  help: string;
  flag?: boolean;
}

/** Options the supervisor itself reads (model and steps also reach the trainer). */
const OWN: readonly OwnOption[] = [
  {
    name: "model",
    value: "NAME",
    help: "registry name (stub, tiny-granite, tiny-qwen3, granite-4.1-8b, qwen3-4b, qwen3-8b, qwen2.5-7b) or a local path (default: stub)",
  },
  { name: "steps", value: "N", help: "GRPO steps (default: the model's: 40 for stub, 2 for the tiny models, 350 for real ones)" },
  { name: "run-dir", value: "DIR", help: "run folder (default: runs/<model>-<timestamp>)" },
  { name: "tasks", value: "DIR", help: "train on this synthesized dataset (a folder with tasks.jsonl); default: synthesize one into the run folder" },
  {
    name: "task-count",
    value: "N",
    help: "tasks to synthesize when --tasks is not given (default: 512 for stub and tiny models, the paper's 13.5K mix otherwise)",
  },
  { name: "synth-seed", value: "S", help: "seed of the synthesized tasks (default: 1)" },
  { name: "synth-config", value: "JSON|@FILE", help: 'synthesis options for those tasks, e.g. \'{"domains":["banking"]}\' (see docs/synthesis.md)' },
  { name: "resume", value: "DIR", help: "continue the run in DIR from its latest checkpoint (its configuration and tasks; --steps may extend it)" },
  { name: "python", value: "PATH", help: "Python with torch and prove_trainer (default: $PYTHON, else .venv/bin/python, else python3)" },
  { name: "max-restarts", value: "N", help: "restarts after trainer crashes that made no progress, before giving up (default: 3)" },
  {
    name: "shards",
    value: "N",
    help: "environment service processes (prove serve --shards N); the trainer's groups spread over them (default: 1, in this process; make train SHARDS=N)",
  },
  { name: "nproc", value: "N", help: "trainer processes, one per GPU (torchrun, FSDP2); on a CPU, gloo processes (default: 1; make train GPUS=N)" },
  { name: "dry-run", value: "", help: "print the resolved configuration and the plan (placement, memory per GPU) without loading weights", flag: true },
  { name: "help", value: "", help: "this help", flag: true },
];

export interface TrainOptions {
  model: string;
  steps?: number;
  runDir?: string;
  tasks?: string;
  taskCount?: number;
  synthSeed: string;
  /** Synthesis options (JSON) for the run's own tasks. */
  synthConfig?: Record<string, unknown>;
  resume?: string;
  python?: string;
  maxRestarts: number;
  /** Environment service processes (1: served in the supervisor's own process). */
  shards: number;
  nproc: number;
  dryRun: boolean;
  help: boolean;
  /** Trainer options as `--name value` pairs, in the trainer's spelling (underscores become dashes). */
  trainerArgs: string[];
}

export class UsageError extends Error {}

const dashed = (name: string) => name.replace(/_/g, "-");

export function parseTrainArgs(argv: readonly string[]): TrainOptions {
  const own = new Map(OWN.map((o) => [o.name, o]));
  const trainer = new Map(TRAINER_OPTIONS.map((o) => [dashed(o.name), o]));
  const values = new Map<string, string>();
  const trainerArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "-h") {
      values.set("help", "true");
      continue;
    }
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"`);
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const ownOpt = own.get(rawName);
    const trainerOpt = trainer.get(rawName);
    if (!ownOpt && !trainerOpt) throw new UsageError(`unknown option --${rawName} (prove train --help lists them)`);
    let value = inline;
    if (ownOpt?.flag) value = "true";
    else if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`--${rawName} needs a value`);
    }
    if (ownOpt) values.set(rawName, value);
    // model and steps belong to both: the trainer gets them too.
    if (trainerOpt) trainerArgs.push(`--${rawName}`, value);
  }
  const int = (name: string, min: number): number | undefined => {
    const v = values.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} takes an integer ≥ ${min}, got "${v}"`);
    return n;
  };
  return {
    model: values.get("model") ?? "stub",
    ...optional("steps", int("steps", 1)),
    ...optional("runDir", values.get("run-dir")),
    ...optional("tasks", values.get("tasks")),
    ...optional("taskCount", int("task-count", 1)),
    synthSeed: values.get("synth-seed") ?? "1",
    ...optional("synthConfig", jsonOption("synth-config", values.get("synth-config"))),
    ...optional("resume", values.get("resume")),
    ...optional("python", values.get("python")),
    maxRestarts: int("max-restarts", 0) ?? 3,
    shards: int("shards", 1) ?? 1,
    nproc: int("nproc", 1) ?? 1,
    dryRun: values.has("dry-run"),
    help: values.has("help"),
    trainerArgs,
  };
}

function jsonOption(name: string, text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith("@") ? readFileSync(text.slice(1), "utf8") : text);
  } catch (err) {
    throw new UsageError(`--${name} is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new UsageError(`--${name} must be a JSON object`);
  return value as Record<string, unknown>;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export function trainUsage(): string {
  const ownNames = new Set(OWN.map((o) => o.name));
  const row = (flag: string, help: string) => `  ${flag.padEnd(30)} ${help}`;
  const trainerRows = TRAINER_OPTIONS.filter((o) => !ownNames.has(dashed(o.name))).map((o) =>
    row(
      `--${dashed(o.name)} ${o.type === "bool" ? "true|false" : o.type.toUpperCase()}`,
      `${o.help}${o.default === null || (Array.isArray(o.default) && o.default.length === 0) ? "" : ` (default: ${Array.isArray(o.default) ? o.default.join(",") : String(o.default)})`}`,
    ),
  );
  return [
    "usage: prove train [--model NAME] [--steps N] [--run-dir DIR] [--tasks DIR] [options]",
    "       prove train --resume RUN_DIR [--steps N]",
    "       prove train --model NAME --dry-run [options]",
    "",
    "Serves the environments on loopback, synthesizes tasks unless given, and runs the GRPO trainer",
    "(python -m prove_trainer.train) against them, restarting it from its last checkpoint after a crash.",
    "Writes RUN_DIR/config.json, metrics.jsonl, checkpoints/, rollouts/, logs/ and report.html (+ report.png).",
    "",
    "Supervisor options:",
    ...OWN.map((o) => row(`--${o.name}${o.value ? ` ${o.value}` : ""}`, o.help)),
    "",
    "Training options (model registry defaults apply where a value is not given):",
    ...trainerRows,
  ].join("\n");
}
