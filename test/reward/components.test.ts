import { describe, expect, it } from "vitest";
import { Rewarder, summarizeGroup } from "../../ts/reward/index.ts";
import { budget, matchSteps, rArg, rCov, rEff, rNameCount, rNamePrecision, rValCount, rValMean, validity } from "../../ts/reward/components.ts";
import { asks, rAnswer, states } from "../../ts/reward/answer.ts";
import { sameValue } from "../../ts/reward/normalize.ts";
import type { TrajectoryCall } from "../../ts/reward/trajectory.ts";
import { makeTask, run, step, TOY_TOOLS } from "../helpers/tasks.ts";
import { toy } from "../helpers/toy-domain.ts";

const tools = new Map(toy.tools.map((t) => [t.name, t]));
const offered = new Set(TOY_TOOLS);
const call = (name: string, args: unknown, outcome: TrajectoryCall["outcome"] = "ok"): TrajectoryCall => ({ name, arguments: args, outcome, turn: 0 });
const rewarder = new Rewarder([toy]);

describe("R_val: three equal levels per call", () => {
  it("scores exists / typed / executed as thirds", () => {
    expect(validity(call("pin_note", { note_id: "N-1001" }), offered, tools)).toBe(1); // 3/3
    expect(validity(call("pin_note", { note_id: "N-1001" }, "tool_error"), offered, tools)).toBeCloseTo(2 / 3); // exists, typed, failed
    expect(validity(call("pin_note", { note_id: 7 }, "invalid_arguments"), offered, tools)).toBeCloseTo(1 / 3); // wrong type
    expect(validity(call("pin_note", {}, "invalid_arguments"), offered, tools)).toBeCloseTo(1 / 3); // required missing
    expect(validity(call("buggy", { note_id: "N-1" }, "unknown_tool"), offered, tools)).toBe(0); // not offered
    expect(validity(call("", "{broken", "parse_error"), offered, tools)).toBe(0);
  });

  it("paper: mean over calls; verified: 1 − lost / n_gt", () => {
    // levels 1, 2/3, 0 → mean (1 + 0.6667 + 0) / 3 = 0.5556
    expect(rValMean([1, 2 / 3, 0])).toBeCloseTo(5 / 9);
    // lost = 0 + 1/3 + 1 = 4/3 over n_gt = 2 → 1 − 0.6667 = 0.3333
    expect(rValCount([1, 2 / 3, 0], 2)).toBeCloseTo(1 / 3);
    // appending a valid call: mean rises (1+2/3+0+1)/4 = 0.6667, count form stays 1/3
    expect(rValMean([1, 2 / 3, 0, 1])).toBeCloseTo(2 / 3);
    expect(rValCount([1, 2 / 3, 0, 1], 2)).toBeCloseTo(1 / 3);
    expect(rValMean([])).toBe(0);
  });
});

describe("R_cov: ordered recall over the ground truth with dependency edges", () => {
  const steps = [step(0, "create_note", { title: "Groceries" }), step(1, "set_body", { note_id: "N-1031", body: "milk" }, [0]), step(2, "pin_note", { note_id: "N-1002" })];

  it("all matched in order: 3/3 = 1", () => {
    const calls = [call("create_note", { title: "Groceries" }), call("set_body", { note_id: "N-1031", body: "milk" }), call("pin_note", { note_id: "N-1002" })];
    expect(rCov(steps, matchSteps(steps, calls))).toBe(1);
  });

  it("a dependency broken: set_body before create_note counts 0 → (1 + 0 + 1) / 3", () => {
    const calls = [call("set_body", { note_id: "N-1031", body: "milk" }, "tool_error"), call("create_note", { title: "Groceries" }), call("pin_note", { note_id: "N-1002" })];
    expect(rCov(steps, matchSteps(steps, calls))).toBeCloseTo(2 / 3);
  });

  it("a call matches on name + all ground-truth keys, whatever the values, and only once", () => {
    const calls = [call("pin_note", { note_id: "N-9999" }, "tool_error")];
    expect(matchSteps(steps, calls).callOf).toEqual([-1, -1, 0]);
    // One pin call cannot cover two pin steps.
    const two = [step(0, "pin_note", { note_id: "N-1001" }), step(1, "pin_note", { note_id: "N-1002" })];
    expect(rCov(two, matchSteps(two, [call("pin_note", { note_id: "N-1001" })]))).toBe(0.5);
    // Missing a ground-truth key: no match.
    expect(matchSteps(steps, [call("set_body", { note_id: "N-1031" })]).callOf[1]).toBe(-1);
  });

  it("prefers the call made after the step's dependencies", () => {
    // set_body twice: before and after create_note; the later one satisfies the edge.
    const calls = [call("set_body", { note_id: "N-1031", body: "x" }, "tool_error"), call("create_note", { title: "Groceries" }), call("set_body", { note_id: "N-1031", body: "milk" })];
    const m = matchSteps(steps.slice(0, 2), calls);
    expect(m.callOf).toEqual([1, 2]);
    expect(rCov(steps.slice(0, 2), m)).toBe(1);
  });
});

describe("R_eff: adaptive budget", () => {
  it("B = n + ⌈β·n⌉ and nothing is lost within it", () => {
    expect(budget(3, 0.5)).toBe(5); // 3 + ⌈1.5⌉
    expect(budget(1, 0.5)).toBe(2);
    expect(rEff(5, 3, 0.5, 0.5)).toBe(0);
    // 8 calls, B = 5: −0.5 · 3 / 5 = −0.3
    expect(rEff(8, 3, 0.5, 0.5)).toBeCloseTo(-0.3);
    // 20 calls for n = 2 (B = 3): −0.5 · 17 / 3 = −2.8333
    expect(rEff(20, 2, 0.5, 0.5)).toBeCloseTo(-17 / 6);
  });
});

describe("R_name and R_arg", () => {
  const gt = new Set(["create_note", "pin_note"]);
  it("paper: precision of names; verified: 1 − wrong / n_gt", () => {
    const calls = [call("create_note", {}), call("list_notes", {}), call("pin_note", {}), call("pin_note", {})];
    expect(rNamePrecision(calls, gt)).toBe(0.75); // 3 of 4
    expect(rNameCount(calls, gt, 2)).toBe(0.5); // 1 − 1/2
    expect(rNamePrecision([], gt)).toBe(0);
  });

  it("share of ground-truth values reproduced, averaged over matched pairs", () => {
    const steps = [step(0, "set_body", { note_id: "N-1001", body: "Buy Milk" }), step(1, "pin_note", { note_id: "N-1002" })];
    const calls = [call("set_body", { note_id: "N-1001", body: "  buy   milk " }), call("pin_note", { note_id: "n-1002" }, "tool_error")];
    // set_body: 2/2 (free text is case- and space-insensitive); pin_note: 0/1 (ids are exact) → (1 + 0) / 2
    expect(rArg(steps, calls, matchSteps(steps, calls), tools)).toBe(0.5);
  });

  it("normalises numbers by value, enums by case, ids exactly, arrays as multisets", () => {
    expect(sameValue(100, 100.0)).toBe(true);
    expect(sameValue("100", 100)).toBe(true);
    expect(sameValue(100.01, 100)).toBe(false);
    expect(sameValue("Savings", "savings", { name: "type", required: true, type: "string", enum: ["savings"], sensitive: false })).toBe(true);
    expect(sameValue("acc-1", "ACC-1", { name: "a", required: true, type: "string", ref: "account", sensitive: false })).toBe(false);
    expect(sameValue(["b", "a"], ["a", "b"])).toBe(true);
    expect(sameValue(["a"], ["a", "a"])).toBe(false);
  });
});

describe("answers and clarifications", () => {
  it("finds facts as text or as numbers written differently", () => {
    expect(states("Your balance is $7,284.10.", "7284.1")).toBe(true);
    expect(states("Done: transfer TRF-1012 is complete", "trf-1012")).toBe(true);
    expect(states("The balance is 7,284", "7284.1")).toBe(false);
    expect(rAnswer(["7284.10", "TRF-1012"], ["balance 7284.10"])).toBe(0.5);
    expect(asks("Which account should I use?")).toBe(true);
    expect(asks("Please provide the amount.")).toBe(true);
    expect(asks("Done.")).toBe(false);
  });
});

describe("the prove preset end to end, by hand", () => {
  it("computes R = 0.5·R_val + 0.5·R_cov + 0.15·R_eff + 0.2·R_name + 0.1·R_arg", () => {
    const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" }), step(1, "set_body", { note_id: "N-1002", body: "done" })] }]);
    // The model lists notes, pins the right note, then sets the body with a wrong value.
    const traj = run(task, [
      { name: "list_notes", args: {} },
      { name: "pin_note", args: { note_id: "N-1002" } },
      { name: "set_body", args: { note_id: "N-1002", body: "todo" } },
    ]);
    const s = rewarder.score({ task, trajectory: traj, preset: "prove" });
    // R_val = 1 (all three valid and ok); R_cov = 2/2 = 1; B = 2 + 1 = 3, 3 calls → R_eff = 0;
    // R_name = 2/3 (list_notes is not a ground-truth name); R_arg = (1 + 1/2) / 2 = 0.75.
    expect(s.components).toEqual({ val: 1, cov: 1, eff: 0, name: 2 / 3, arg: 0.75 });
    expect(s.reward).toBeCloseTo(0.5 + 0.5 + 0 + 0.2 * (2 / 3) + 0.1 * 0.75); // 1.2083
    expect(s.preset).toBe("prove");
    expect(s.config_hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("abstention: 1 for no call, else 0; clarification asks and calls nothing", () => {
    const abstain = makeTask([{ steps: [], expect: "abstain" }]);
    expect(rewarder.score({ task: abstain, trajectory: run(abstain, []), preset: "prove" }).reward).toBe(1);
    expect(rewarder.score({ task: abstain, trajectory: run(abstain, [{ name: "list_notes", args: {} }]), preset: "prove" }).reward).toBe(0);
    const clarify = makeTask([{ steps: [], expect: "clarify" }, { steps: [step(0, "pin_note", { note_id: "N-1003" })] }]);
    const good = run(clarify, [{ name: "pin_note", args: { note_id: "N-1003" }, turn: 1 }], [{ turn: 0, text: "Which note should I pin?" }]);
    const silent = run(clarify, [{ name: "pin_note", args: { note_id: "N-1003" }, turn: 1 }], [{ turn: 0, text: "OK." }]);
    const guessed = run(clarify, [{ name: "pin_note", args: { note_id: "N-1001" }, turn: 0 }, { name: "pin_note", args: { note_id: "N-1003" }, turn: 1 }], [{ turn: 0, text: "Pinned." }]);
    const g = rewarder.score({ task: clarify, trajectory: good, preset: "prove" });
    expect(g.gate).toBe(1);
    expect(g.reward).toBeCloseTo(1.3);
    expect(rewarder.score({ task: clarify, trajectory: silent, preset: "prove" }).reward).toBe(0);
    expect(rewarder.score({ task: clarify, trajectory: guessed, preset: "prove" }).reward).toBe(0);
  });

  it("no calls on a tool task scores 0", () => {
    const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);
    const s = rewarder.score({ task, trajectory: run(task, []), preset: "prove" });
    expect(s.components).toEqual({ val: 0, cov: 0, eff: 0, name: 0, arg: 0 });
    expect(s.reward).toBe(0);
  });

  it("marks trajectories with environment errors as masked", () => {
    const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);
    const traj = run(task, [{ name: "pin_note", args: { note_id: "N-1002" } }]);
    traj.calls.push({ name: "pin_note", arguments: {}, outcome: "env_error", turn: 0 });
    expect(rewarder.score({ task, trajectory: traj, preset: "prove" }).outcome).toBe("masked");
  });

  it("refuses trajectories that do not replay on the task (wrong task or seed)", () => {
    const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);
    const traj = run(task, [{ name: "pin_note", args: { note_id: "N-1002" } }]);
    traj.calls[0]!.outcome = "tool_error";
    const s = rewarder.score({ task, trajectory: traj, preset: "prove", verifyReplay: true });
    expect(s.outcome).toBe("unscorable");
    expect(String(s.detail.reason)).toMatch(/recorded as tool_error but replays as ok/);
  });
});

describe("group summary", () => {
  it("tabulates components in order and averages only unmasked, scored trajectories", () => {
    const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);
    const good = rewarder.score({ task, trajectory: run(task, [{ name: "pin_note", args: { note_id: "N-1002" } }]), preset: "prove" });
    const none = rewarder.score({ task, trajectory: run(task, []), preset: "prove" });
    const masked = { ...good, outcome: "masked" as const };
    const g = summarizeGroup([good, none, masked, undefined]);
    expect(g.table.reward).toEqual([good.reward, 0, good.reward, Number.NaN]);
    expect(g.table.val).toEqual([1, 0, 1, Number.NaN]);
    expect(g.mean).toBeCloseTo(0.65); // (1.3 + 0) / 2: the masked and the unscorable are left out
    expect(g.std).toBeCloseTo(0.65);
  });
});
