/**
 * `prove score --tasks tasks.jsonl --trajectories runs.jsonl [--preset verified] [--out scores.jsonl] [--strict]`
 * Scores trajectories offline, exactly as the Reward service would. Each trajectory line is
 * {"task_id", "calls": [{name, arguments, outcome, turn}], "replies": [{turn, text}]}.
 * A line that cannot be read is reported as `file:line: what is wrong`, and the rest are scored
 * (exit status 1 at the end); `--strict` stops at the first such line and writes nothing.
 * `--replay` re-executes every trajectory on a fresh session and refuses any whose recorded
 * outcomes do not reproduce (the verified preset always replays).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { maxReward, resolveConfig, Rewarder, RewardConfigError, type ScoreResult } from "../reward/index.ts";
import { Trajectory } from "../reward/trajectory.ts";
import { domains } from "../servers/index.ts";
import type { Task } from "../tasks/schema.ts";
import { TaskStore } from "../tasks/store.ts";

const Line = Trajectory.extend({ task_id: z.string() });
type Line = z.output<typeof Line>;

export const usage =
  "usage: prove score --tasks tasks.jsonl --trajectories trajectories.jsonl [--preset prove|verified] [--config JSON] [--out scores.jsonl] [--replay] [--strict]";

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        tasks: { type: "string" },
        trajectories: { type: "string" },
        preset: { type: "string", default: "prove" },
        config: { type: "string" },
        out: { type: "string" },
        replay: { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (!values.tasks || !values.trajectories) {
    console.error(usage);
    return 2;
  }
  let overrides;
  try {
    overrides = values.config ? JSON.parse(values.config) : {};
    resolveConfig(values.preset, overrides);
  } catch (err) {
    console.error(`--config: ${err instanceof RewardConfigError ? err.message : `not JSON (${(err as Error).message})`}`);
    return 2;
  }
  const store = TaskStore.load(values.tasks);
  const file = values.trajectories;
  const errors: string[] = [];
  const items: Array<{ line: Line; task: Task; at: number }> = [];
  const text = readFileSync(file, "utf8");
  for (const [i, raw] of text.split("\n").entries()) {
    if (raw.trim() === "") continue;
    const read = readLine(raw, store);
    if ("error" in read) {
      errors.push(`${file}:${i + 1}: ${read.error}`);
      console.error(errors.at(-1));
      if (values.strict) {
        console.error(`stopped at the first unreadable line (--strict); nothing written`);
        return 1;
      }
      continue;
    }
    items.push({ ...read, at: i + 1 });
  }

  const rewarder = new Rewarder(domains);
  // Score in seed order (each seed's tables are generated once and reused), report in file order.
  const order = items.map((_, k) => k).sort((a, b) => cmp(items[a]!.task.seed, items[b]!.task.seed) || cmp(items[a]!.task.id, items[b]!.task.id) || a - b);
  const scores: ScoreResult[] = [];
  for (const k of order) {
    const { line, task } = items[k]!;
    scores[k] = rewarder.score({ task, trajectory: line, preset: values.preset, overrides, verifyReplay: values.replay });
  }
  const best = maxReward(resolveConfig(values.preset, overrides));
  const rows = items.map(({ line, task }, k) => {
    const s = scores[k]!;
    // The best a trajectory can score on this task: a task without calls scores 1 at most.
    const max = task.turns.some((t) => t.steps.length) ? best : 1;
    return {
      task_id: line.task_id,
      reward: s.reward,
      max,
      components: s.components,
      gate: s.gate,
      preset: s.preset,
      config_hash: s.config_hash,
      outcome: s.outcome,
      ...(s.outcome === "unscorable" ? { reason: s.detail.reason } : {}),
    };
  });
  const out = rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
  if (values.out) writeFileSync(values.out, out);
  else process.stdout.write(out);

  const ok = rows.filter((r) => r.outcome === "ok");
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const names = [...new Set(ok.flatMap((r) => Object.keys(r.components)))];
  const unreadable = errors.length ? `; ${errors.length} line${errors.length === 1 ? "" : "s"} could not be read (above)` : "";
  console.error(
    `${rows.length} trajectories, ${ok.length} scored, ${rows.filter((r) => r.outcome === "masked").length} masked, ${rows.filter((r) => r.outcome === "unscorable").length} unscorable${unreadable}; preset ${values.preset} (${rows[0]?.config_hash ?? "-"})`,
  );
  const atMax = ok.filter((r) => Math.abs(r.reward - r.max) < 1e-9).length;
  console.error(
    `mean reward ${mean(ok.map((r) => r.reward)).toFixed(4)}; ${atMax} of ${ok.length} at their task's maximum; ${names.map((n) => `${n} ${mean(ok.map((r) => (r.components as Record<string, number>)[n] ?? 0)).toFixed(3)}`).join(", ")}`,
  );
  return errors.length ? 1 : 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One trajectory line, or what is wrong with it in plain words. */
function readLine(raw: string, store: TaskStore): { line: Line; task: Task } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { error: `not JSON (${(err as Error).message})` };
  }
  const parsed = Line.safeParse(json);
  if (!parsed.success) return { error: parsed.error.issues.slice(0, 3).map(plainIssue).join("; ") };
  const task = store.get(parsed.data.task_id);
  if (!task) return { error: `unknown task_id "${parsed.data.task_id.slice(0, 80)}" (not in the tasks file)` };
  return { line: parsed.data, task };
}

function plainIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("") : "the line";
  if (issue.code === "invalid_type") return `${where} is missing or not ${article(issue.expected)} ${issue.expected}`;
  if (issue.code === "invalid_value") return `${where} must be one of ${issue.values.map((v) => String(v)).join(", ")}`;
  if (issue.code === "too_small") return `${where} must be at least ${String(issue.minimum)}`;
  return `${where}: ${issue.message}`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}
