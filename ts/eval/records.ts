/**
 * What an evaluation run leaves in its folder, as zod schemas (the contract with the Python side:
 * py/prove_trainer/eval.py and bfcl.py write the lines, everything here reads them).
 *
 * - run.json: what was run (benchmark, policy, tasks, options);
 * - trajectories.jsonl: one line per trajectory (our tasks) or per BFCL entry;
 * - report.json / report.md: the numbers, computed from the lines (ts/eval/report.ts, bfcl-report.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { OUTCOMES } from "../reward/trajectory.ts";
import { readJsonl } from "../tasks/store.ts";

export const FILES = { run: "run.json", trajectories: "trajectories.jsonl", report: "report.json", markdown: "report.md", log: "logs/eval.log" } as const;

export const BENCHES = ["tasks", "bfcl-multi-turn"] as const;
export type Bench = (typeof BENCHES)[number];

export const RunInfo = z.object({
  bench: z.enum(BENCHES),
  /** How the policy was named: oracle, none, stub, a folder, or "endpoint". */
  policy: z.string(),
  endpoint: z.string().optional(),
  model: z.string().optional(),
  /** The dataset folder (tasks.jsonl) of a task evaluation. */
  tasks: z.string().optional(),
  /** BFCL categories played. */
  categories: z.array(z.string()).optional(),
  trials: z.number().int().min(1),
  preset: z.string(),
  limit: z.number().int().min(0),
  started: z.string(),
  finished: z.string().optional(),
  /** The command line given to the Python side (for the record; no secrets travel on it). */
  args: z.array(z.string()),
});
export type RunInfo = z.output<typeof RunInfo>;

export const CallLine = z.object({
  turn: z.number().int().min(0),
  name: z.string(),
  arguments: z.unknown(),
  outcome: z.enum(OUTCOMES),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  changes: z.array(z.object({ path: z.string(), op: z.string() })).default([]),
});
export type CallLine = z.output<typeof CallLine>;

export const Message = z.object({ role: z.string(), content: z.string().nullable().default(""), name: z.string().optional(), turn: z.number().optional() });
export type Message = z.output<typeof Message>;

/** One trajectory on one of our tasks. */
export const TaskLine = z.object({
  task_id: z.string(),
  trial: z.number().int().min(0),
  reward: z.number(),
  components: z.record(z.string(), z.number()),
  /** ok; masked (the environment failed: left out of every number); unscorable. */
  score_outcome: z.string(),
  /** How the conversation ended: answered, turn_limit, truncated, env_failure. */
  end: z.string(),
  outcomes: z.record(z.string(), z.number()).default({}),
  assistant_turns: z.number().int().min(0).default(0),
  calls: z.array(CallLine),
  replies: z.array(z.object({ turn: z.number().int().min(0), text: z.string() })),
  detail: z.record(z.string(), z.unknown()).default({}),
  messages: z.array(Message).default([]),
});
export type TaskLine = z.output<typeof TaskLine>;

/** One BFCL multi-turn entry, played and judged by BFCL's checker. */
export const BfclLine = z.object({
  id: z.string(),
  category: z.string(),
  valid: z.boolean(),
  error_type: z.string().default(""),
  error_message: z.string().default(""),
  details: z.unknown().optional(),
  forced: z.boolean().default(false),
  turns: z.number().int().min(0),
  /** Per turn, per step: the calls BFCL's checker executed, as BFCL writes them. */
  decoded: z.array(z.array(z.array(z.string()))),
  ground_truth: z.array(z.array(z.string())),
  messages: z.array(Message).default([]),
});
export type BfclLine = z.output<typeof BfclLine>;

export function readRun(dir: string): RunInfo {
  const path = join(dir, FILES.run);
  if (!existsSync(path)) throw new Error(`${dir} is not an evaluation folder of prove eval (no ${FILES.run})`);
  const parsed = RunInfo.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.message.slice(0, 300)}`);
  return parsed.data;
}

export function readTaskLines(dir: string): TaskLine[] {
  return readJsonl(join(dir, FILES.trajectories), TaskLine, "trajectory line");
}

export function readBfclLines(dir: string): BfclLine[] {
  return readJsonl(join(dir, FILES.trajectories), BfclLine, "BFCL result line");
}
