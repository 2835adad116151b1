/**
 * `prove score --tasks tasks.jsonl --trajectories runs.jsonl [--preset verified] [--out scores.jsonl]`
 * Scores trajectories offline, exactly as the Reward service would. Each trajectory line is
 * {"task_id", "calls": [{name, arguments, outcome, turn}], "replies": [{turn, text}]}.
 * `--replay` re-executes every trajectory on a fresh session and refuses any whose recorded
 * outcomes do not reproduce (the verified preset always replays).
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { maxReward, resolveConfig, Rewarder } from "../reward/index.ts";
import { Trajectory } from "../reward/trajectory.ts";
import { domains } from "../servers/index.ts";
import { readJsonl, TaskStore } from "../tasks/store.ts";

const Line = Trajectory.extend({ task_id: z.string() });

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tasks: { type: "string" },
      trajectories: { type: "string" },
      preset: { type: "string", default: "prove" },
      config: { type: "string" },
      out: { type: "string" },
      replay: { type: "boolean", default: false },
    },
  });
  if (!values.tasks || !values.trajectories) {
    console.error("usage: prove score --tasks tasks.jsonl --trajectories trajectories.jsonl [--preset prove|verified] [--config JSON] [--out scores.jsonl] [--replay]");
    return 2;
  }
  const store = TaskStore.load(values.tasks);
  const lines = readJsonl(values.trajectories, Line, "trajectory");
  const rewarder = new Rewarder(domains);
  const overrides = values.config ? JSON.parse(values.config) : {};
  const rows = lines.map((line, i) => {
    const task = store.get(line.task_id);
    if (!task) throw new Error(`${values.trajectories}:${i + 1}: unknown task_id ${line.task_id}`);
    const s = rewarder.score({ task, trajectory: line, preset: values.preset, overrides, verifyReplay: values.replay });
    // The best a trajectory can score on this task: a task without calls scores 1 at most.
    const best = task.turns.some((t) => t.steps.length) ? maxReward(resolveConfig(values.preset, overrides)) : 1;
    return { task_id: line.task_id, reward: s.reward, max: best, components: s.components, gate: s.gate, preset: s.preset, config_hash: s.config_hash, outcome: s.outcome, ...(s.outcome === "unscorable" ? { reason: s.detail.reason } : {}) };
  });
  const text = rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);

  const ok = rows.filter((r) => r.outcome === "ok");
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const names = [...new Set(ok.flatMap((r) => Object.keys(r.components)))];
  console.error(`${rows.length} trajectories, ${ok.length} scored, ${rows.filter((r) => r.outcome === "masked").length} masked, ${rows.filter((r) => r.outcome === "unscorable").length} unscorable; preset ${values.preset} (${rows[0]?.config_hash ?? "-"})`);
  const atMax = ok.filter((r) => Math.abs(r.reward - r.max) < 1e-9).length;
  console.error(`mean reward ${mean(ok.map((r) => r.reward)).toFixed(4)}; ${atMax} of ${ok.length} at their task's maximum; ${names.map((n) => `${n} ${mean(ok.map((r) => (r.components as Record<string, number>)[n] ?? 0)).toFixed(3)}`).join(", ")}`);
  return 0;
}
