/**
 * `prove eval` end to end against a fake OpenAI-compatible server (test/eval/fixtures.ts): the
 * perfect, verbose and broken-JSON policies on four banking tasks, two trials each, under the
 * paper's reward (`prove`), and every number of the report checked against one worked out by
 * hand below. Needs the Python stack `make test` installs (.venv, or $PYTHON).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comparison } from "../../ts/eval/compare.ts";
import type { Metrics, TaskReport } from "../../ts/eval/report.ts";
import { bankTasks, prove, startFakeOpenAI, writeTasks, type FakeServer } from "./fixtures.ts";

let dir: string;
let tasks: string;
let fake: FakeServer;
const reports: Record<string, TaskReport> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "prove-eval-endpoint-"));
  tasks = writeTasks(join(dir, "tasks"), bankTasks());
  fake = await startFakeOpenAI(bankTasks());
  for (const model of ["perfect", "verbose", "broken-json"]) {
    const r = await prove([
      "eval",
      "--tasks",
      tasks,
      "--endpoint",
      fake.url,
      "--model",
      model,
      "--trials",
      "2",
      "--concurrency",
      "4",
      "--preset",
      "prove",
      "--out",
      join(dir, model),
    ]);
    if (r.code !== 0) throw new Error(`prove eval --model ${model} failed:\n${r.err}`);
    reports[model] = JSON.parse(readFileSync(join(dir, model, "report.json"), "utf8")) as TaskReport;
  }
}, 240_000);

afterAll(async () => {
  await fake?.close();
});

const close = (actual: number | null, expected: number) => expect(actual).toBeCloseTo(expected, 9);

function expectMetrics(m: Metrics, want: { success: number; reward: number; calls: number; parseErrors: number }) {
  close(m.success, want.success);
  // Deterministic policies: every trial of a task ends alike, so pass^2 equals pass^1.
  expect(m.pass_k).toHaveLength(2);
  close(m.pass_k[0] ?? null, want.success);
  close(m.pass_k[1] ?? null, want.success);
  close(m.reward, want.reward);
  close(m.calls, want.calls);
  close(m.reference_calls, 1.5); // (2 + 2 + 2 + 0) / 4
  close(m.parse_error_rate, want.parseErrors);
  expect(m.abstention).toEqual({ turns: 2, accuracy: 1 });
  expect(m.clarification).toEqual({ turns: 2, accuracy: 1 });
}

describe("prove eval against an OpenAI-compatible endpoint", () => {
  it("the server saw well-formed conversations: tools offered, every tool result answering a call", () => {
    expect(fake.refused).toEqual([]);
    expect(fake.requests).toBeGreaterThan(0);
    for (const r of Object.values(reports)) {
      expect(r.overall.tasks).toBe(4);
      expect(r.overall.trajectories).toBe(8);
      expect(r.excluded).toEqual({ masked: 0, unscorable: 0, unknown_tasks: 0 });
    }
  });

  it("perfect: every task succeeds; the paper's reward is 1.3 per tool task and 1 for the abstention", () => {
    // R = 0.5·val + 0.5·cov + 0.15·eff + 0.2·name + 0.1·arg = 0.5 + 0.5 + 0 + 0.2 + 0.1 = 1.3; mean (3 · 1.3 + 1) / 4.
    expectMetrics(reports.perfect!.overall, { success: 1, reward: 1.225, calls: 1.5, parseErrors: 0 });
  });

  it("verbose: still succeeds, but two extra calls per turn cost efficiency beyond the budget", () => {
    // Budget B = n + ⌈0.5·n⌉ = 3 for n = 2 calls. bal-freeze and limit make 4 calls: eff = −0.5·(4−3)/3 = −1/6,
    // R_tool = 1.3 − 0.15/6 = 1.275. two-turns makes 6: eff = −0.5·(6−3)/3 = −1/2, R = 1.3 − 0.075 = 1.225. flight: 1.
    // limit has a clarification turn (asked right: gate 1) and one call turn; docs/reward.md weighs the turns alike:
    // R = (n_call · R_tool + M · Σ gate) / (n_call + n_gate) = (1 · 1.275 + 1.3 · 1) / 2 = 1.2875.
    expectMetrics(reports.verbose!.overall, { success: 1, reward: (1.275 + 1.225 + 1.2875 + 1) / 4, calls: (4 + 6 + 4 + 0) / 4, parseErrors: 0 });
    close(reports.verbose!.by.chain_length["2"]!.components.r_eff ?? null, (-1 / 6 - 1 / 2 - 1 / 6) / 3);
    close(reports.verbose!.by.info_level.minimal!.reward, 1.225);
    close(reports.verbose!.by.info_level.complete!.reward, (1.275 + 1) / 2);
  });

  it("broken JSON: every call is a parse error and scores 0; only the abstention succeeds", () => {
    // One unparsable call per tool turn: val = cov = name = arg = 0 and 1 call is within budget (eff 0), so R_tool = 0.
    // two-turns changes nothing (the state equals the reference) but states none of its facts: no success.
    // limit still asks for the limit in its clarification turn (gate 1): R = (1 · 0 + 1.3 · 1) / 2 = 0.65, no success.
    // Mean reward (0 + 0 + 0.65 + 1) / 4 = 0.4125; the two-turn tasks (two-turns, limit): (0 + 0.65) / 2 = 0.325.
    expectMetrics(reports["broken-json"]!.overall, { success: 0.25, reward: (0 + 0 + 0.65 + 1) / 4, calls: 1, parseErrors: 1 });
    close(reports["broken-json"]!.by.kind.abstention!.success, 1);
    close(reports["broken-json"]!.by.kind.conversation!.success, 0);
    close(reports["broken-json"]!.by.turns["2"]!.reward, (0 + 0.65) / 2);
    expect(reports["broken-json"]!.by.domain.banking!.tasks).toBe(4);
  });

  it("compare: broken JSON against perfect is −75 points of success, with the bootstrap interval a binomial gives", async () => {
    const r = await prove(["eval", "compare", join(dir, "perfect"), join(dir, "broken-json"), "--out", join(dir, "cmp")]);
    expect(r.code, r.err).toBe(0);
    const c = JSON.parse(readFileSync(join(dir, "cmp", "compare.json"), "utf8")) as Comparison;
    const all = c.groups.find((g) => g.group === "all")!;
    expect(all).toMatchObject({ n: 4, wins: 0, losses: 3, ties: 1, significant: true });
    close(all.diff.mean, -0.75);
    // Per-task differences (−1, −1, −1, 0): a resample's mean is −k/4 with k ~ Binomial(4, 3/4).
    // P(k = 4) = 0.316 > 2.5%, so the low end is −1; P(k ≤ 1) = 0.051 > 2.5% ≥ P(k = 0) = 0.004, so the high end is −1/4.
    close(all.diff.low, -1);
    close(all.diff.high, -0.25);
    expect(readFileSync(join(dir, "cmp", "compare.svg"), "utf8")).toContain("<svg");
    expect(r.out).toContain("| all | 4 | 100.0 | 25.0 | -75.0 pt * | [-100.0, -25.0] | 0 / 3 / 1 |");

    const rewards = await prove(["eval", "compare", join(dir, "perfect"), join(dir, "verbose"), "--metric", "reward", "--out", join(dir, "cmp-reward")]);
    expect(rewards.code, rewards.err).toBe(0);
    const byReward = JSON.parse(readFileSync(join(dir, "cmp-reward", "compare.json"), "utf8")) as Comparison;
    // Per task, verbose − perfect: bal-freeze 1.275 − 1.3, two-turns 1.225 − 1.3, limit 1.2875 − 1.3, flight 1 − 1.
    close(byReward.groups[0]!.diff.mean, (-0.025 - 0.075 - 0.0125 + 0) / 4);
  });

  it("refuses a second run into the same folder, and a run without a policy", async () => {
    const again = await prove(["eval", "--tasks", tasks, "--endpoint", fake.url, "--model", "perfect", "--out", join(dir, "perfect")]);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain("already holds an evaluation");
    const noPolicy = await prove(["eval", "--tasks", tasks]);
    expect(noPolicy.code).toBe(2);
    expect(noPolicy.err).toContain("name a policy");
  });
});
