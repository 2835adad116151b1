/**
 * `prove eval --policy` with a run folder of `prove train` and with one of its checkpoints: the
 * trained stub rebuilt by the trainer's code, its weights restored, sampling from --seed, so the
 * two name the same policy and write the same trajectories. Needs the stack `make test` installs.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TaskReport } from "../../ts/eval/report.ts";
import { bankTasks, prove, writeTasks } from "./fixtures.ts";

describe("prove eval --policy RUN_DIR", () => {
  it("a run folder and its checkpoint evaluate alike, from the same --seed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "prove-eval-run-"));
    const tasks = writeTasks(join(dir, "tasks"), bankTasks());
    const run = join(dir, "run");
    const trained = await prove(["train", "--model", "stub", "--steps", "2", "--batch-tasks", "2", "--group-size", "2", "--tasks", tasks, "--run-dir", run]);
    expect(trained.code, trained.err).toBe(0);
    const lines = (out: string) =>
      readFileSync(join(out, "trajectories.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { messages: unknown; reward: number });
    for (const [name, policy] of [
      ["run", run],
      ["checkpoint", join(run, "checkpoints", "step-000002")],
    ]) {
      const r = await prove(["eval", "--tasks", tasks, "--policy", policy as string, "--trials", "2", "--seed", "4", "--out", join(dir, name as string)]);
      expect(r.code, r.err).toBe(0);
    }
    const report = JSON.parse(readFileSync(join(dir, "run", "report.json"), "utf8")) as TaskReport;
    expect(report.overall.trajectories).toBe(8);
    expect(lines(join(dir, "checkpoint"))).toEqual(lines(join(dir, "run")));
  }, 300_000);
});
