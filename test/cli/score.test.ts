import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { domains } from "../../ts/servers/index.ts";
import { buildTask } from "../../ts/tasks/build.ts";

const banking = domains.find((d) => d.name === "banking")!;
const steps = [{ id: 0, tool: "freeze_card", args: { card_id: "CARD-1001" }, depends_on: [] }];
const task = buildTask({ id: "bank-freeze", seed: "7", domains: [banking], turns: [{ user: "Freeze my debit card.", steps, facts: ["frozen"] }] });
const good = {
  task_id: task.id,
  calls: [{ name: "freeze_card", arguments: { card_id: "CARD-1001" }, outcome: "ok", turn: 0 }],
  replies: [{ turn: 0, text: "Your card is frozen." }],
};
const prove = (args: string[]) => execa(process.execPath, ["bin/prove.mjs", "score", ...args], { reject: false });

function files(lines: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "prove-score-"));
  writeFileSync(join(dir, "tasks.jsonl"), `${JSON.stringify(task)}\n`);
  writeFileSync(join(dir, "runs.jsonl"), lines.join("\n"));
  return { dir, tasks: join(dir, "tasks.jsonl"), runs: join(dir, "runs.jsonl"), out: join(dir, "scores.jsonl") };
}

describe("prove score", () => {
  it("scores a JSONL of trajectories offline and flags ones that do not replay", async () => {
    const silent = { ...good, replies: [] };
    const forged = { ...good, calls: [{ ...good.calls[0], outcome: "tool_error" }] };
    const f = files([good, silent, forged].map((l) => JSON.stringify(l)));
    const { stdout, stderr, exitCode } = await prove(["--tasks", f.tasks, "--trajectories", f.runs, "--preset", "verified", "--out", f.out]);
    expect(exitCode).toBe(0);
    expect(stdout).toBe("");
    const rows = readFileSync(f.out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({ task_id: "bank-freeze", outcome: "ok", preset: "verified", max: 5 });
    expect(rows[0].reward).toBeCloseTo(5.0);
    // The reply does not state "frozen": R_answer = 0 and the task is not done (R_goal = 0): 5.0 − 0.2 − 3.
    expect(rows[1].reward).toBeCloseTo(1.8);
    expect(rows[2]).toMatchObject({ outcome: "unscorable" });
    expect(rows[2].reason).toMatch(/recorded as tool_error but replays as ok/);
    expect(stderr).toMatch(/3 trajectories, 2 scored, 0 masked, 1 unscorable/);
  });

  it("reports each unreadable line as file:line in plain words and scores the rest", async () => {
    const lines = [
      JSON.stringify(good),
      "{not json",
      JSON.stringify({ ...good, calls: [{ name: "freeze_card", arguments: {}, outcome: "done" }] }),
      JSON.stringify({ ...good, task_id: "nope" }),
      JSON.stringify({ calls: [] }),
      "",
      JSON.stringify(good),
    ];
    const f = files(lines);
    const r = await prove(["--tasks", f.tasks, "--trajectories", f.runs, "--preset", "verified", "--out", f.out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`${f.runs}:2: not JSON`);
    expect(r.stderr).toContain(`${f.runs}:3: calls[0].outcome must be one of ok, unknown_tool, invalid_arguments, tool_error, env_error, parse_error`);
    expect(r.stderr).toContain(`${f.runs}:4: unknown task_id "nope" (not in the tasks file)`);
    expect(r.stderr).toContain(`${f.runs}:5: task_id is missing or not a string`);
    expect(r.stderr).not.toMatch(/ZodError|"code":/);
    expect(r.stderr).toMatch(/2 trajectories, 2 scored, 0 masked, 0 unscorable; 4 lines could not be read/);
    expect(readFileSync(f.out, "utf8").trim().split("\n")).toHaveLength(2);

    const strict = await prove(["--tasks", f.tasks, "--trajectories", f.runs, "--out", join(f.dir, "strict.jsonl"), "--strict"]);
    expect(strict.exitCode).toBe(1);
    expect(strict.stderr).toContain(`${f.runs}:2: not JSON`);
    expect(strict.stderr).not.toContain(`${f.runs}:3:`);
    expect(strict.stderr).toMatch(/stopped at the first unreadable line \(--strict\); nothing written/);
  });

  it("explains its usage and bad input", async () => {
    const usage = await prove([]);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toMatch(/usage: prove score/);
    const f = files([JSON.stringify(good)]);
    const config = await prove(["--tasks", f.tasks, "--trajectories", f.runs, "--config", '{"weights":{"val":1e308}}']);
    expect(config.exitCode).toBe(2);
    expect(config.stderr).toMatch(/--config: weight val must be a number from 0 to 1000, got 1e\+308/);
    writeFileSync(f.tasks, "{not json\n");
    const bad = await prove(["--tasks", f.tasks, "--trajectories", f.tasks]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/tasks.jsonl:1: not JSON/);
  });
});
