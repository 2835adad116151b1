/** Each call-level term of the reward, a pure function, against numbers computed by hand. */
import { describe, expect, it } from "vitest";
import { budget, coreLength, matchSteps, rArg, rCov, redundantFlags, rEff, rEffBounded, rNameCount, rNamePrecision, rValCount, rValMean, validity } from "../../ts/reward/components.ts";
import { sameValue } from "../../ts/reward/normalize.ts";
import type { TrajectoryCall } from "../../ts/reward/trajectory.ts";
import { step, TOY_TOOLS } from "./helpers.ts";
import { toy } from "../helpers/toy-domain.ts";

const tools = new Map(toy.tools.map((t) => [t.name, t]));
const offered = new Set(TOY_TOOLS);
const call = (name: string, args: unknown, outcome: TrajectoryCall["outcome"] = "ok"): TrajectoryCall => ({ name, arguments: args, outcome, turn: 0 });

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

  it("verified bounds it as −x / (1 + x): the same start, every call still costs, never below −1", () => {
    expect(rEffBounded(5, 3, 0.5, 0.5)).toBe(0);
    // 8 calls, B = 5: x = 0.3 → −0.3 / 1.3 = −0.2308
    expect(rEffBounded(8, 3, 0.5, 0.5)).toBeCloseTo(-0.3 / 1.3);
    // 10,000 calls for n = 2 (B = 3): the paper's −0.5 · 9,997 / 3 = −1,666.2; bounded: x / (1 + x) with x = 1,666.17 → −0.9994
    expect(rEff(10_000, 2, 0.5, 0.5)).toBeCloseTo(-9997 / 6);
    expect(rEffBounded(10_000, 2, 0.5, 0.5)).toBeCloseTo(-(9997 / 6) / (1 + 9997 / 6), 9);
    expect(rEffBounded(10_001, 2, 0.5, 0.5)).toBeLessThan(rEffBounded(10_000, 2, 0.5, 0.5));
    expect(rEffBounded(10_000_000, 2, 0.5, 0.5)).toBeGreaterThan(-1);
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

describe("repeats: a retry of a call that failed is not one", () => {
  const pin = (id: string, outcome: TrajectoryCall["outcome"] = "ok") => call("pin_note", { note_id: id }, outcome);
  it("a call repeats an earlier success, or an earlier failure with no successful write since", () => {
    // list, list (repeat of a success), pin fails, pin fails again (nothing changed: repeat),
    // create (a write), pin again (after a write: a retry, not a repeat)
    const calls = [call("list_notes", {}), call("list_notes", {}), pin("N-1031", "tool_error"), pin("N-1031", "tool_error"), call("create_note", { title: "x" }), pin("N-1031")];
    expect(redundantFlags(calls, tools)).toEqual([false, true, false, true, false, false]);
    expect(coreLength(calls, tools)).toBe(6);
  });

  it("strings are compared trimmed: a trailing space does not make a new call", () => {
    const calls = [pin("N-1002"), pin("N-1002 ", "tool_error")];
    expect(redundantFlags(calls, tools)).toEqual([false, true]);
    expect(coreLength(calls, tools)).toBe(1);
  });

  it("a read after a failed read with no write in between repeats it; parse errors never repeat", () => {
    const calls = [call("list_notes", { limit: 0 }, "invalid_arguments"), call("list_notes", { limit: 0 }, "invalid_arguments"), call("", "<tool_call>{", "parse_error"), call("", "<tool_call>{", "parse_error")];
    expect(redundantFlags(calls, tools)).toEqual([false, true, false, false]);
  });
});
