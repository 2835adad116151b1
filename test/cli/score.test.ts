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

describe("prove score", () => {
  it("scores a JSONL of trajectories offline and flags ones that do not replay", async () => {
    const dir = mkdtempSync(join(tmpdir(), "prove-score-"));
    writeFileSync(join(dir, "tasks.jsonl"), `${JSON.stringify(task)}\n`);
    const good = { task_id: task.id, calls: [{ name: "freeze_card", arguments: { card_id: "CARD-1001" }, outcome: "ok", turn: 0 }], replies: [{ turn: 0, text: "Your card is frozen." }] };
    const silent = { ...good, replies: [] };
    const forged = { ...good, calls: [{ ...good.calls[0], outcome: "tool_error" }] };
    writeFileSync(join(dir, "runs.jsonl"), [good, silent, forged].map((l) => JSON.stringify(l)).join("\n"));
    const { stdout, stderr } = await execa(process.execPath, ["bin/prove.mjs", "score", "--tasks", join(dir, "tasks.jsonl"), "--trajectories", join(dir, "runs.jsonl"), "--preset", "verified", "--out", join(dir, "scores.jsonl")]);
    expect(stdout).toBe("");
    const rows = readFileSync(join(dir, "scores.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({ task_id: "bank-freeze", outcome: "ok", preset: "verified" });
    expect(rows[0].reward).toBeCloseTo(2.0);
    expect(rows[1].reward).toBeCloseTo(2.0 - 0.2); // the reply does not state "frozen": R_answer = 0
    expect(rows[2]).toMatchObject({ outcome: "unscorable" });
    expect(rows[2].reason).toMatch(/recorded as tool_error but replays as ok/);
    expect(stderr).toMatch(/3 trajectories, 2 scored, 0 masked, 1 unscorable/);
  });

  it("explains its usage and bad input", async () => {
    const usage = await execa(process.execPath, ["bin/prove.mjs", "score"], { reject: false });
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toMatch(/usage: prove score/);
    const dir = mkdtempSync(join(tmpdir(), "prove-score-"));
    writeFileSync(join(dir, "tasks.jsonl"), "{not json\n");
    const bad = await execa(process.execPath, ["bin/prove.mjs", "score", "--tasks", join(dir, "tasks.jsonl"), "--trajectories", join(dir, "tasks.jsonl")], { reject: false });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/tasks.jsonl:1: not JSON/);
  });
});
