/** Each call-level term of the reward, a pure function, against numbers computed by hand. */
import { describe, expect, it } from "vitest";
import {
  budget,
  coreLength,
  matchSteps,
  rArg,
  rCov,
  redundantFlags,
  rEff,
  rEffBounded,
  rNameCount,
  rNamePrecision,
  rValCount,
  rValMean,
  validity,
} from "../../ts/reward/components.ts";
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
  const steps = [
    step(0, "create_note", { title: "Groceries" }),
    step(1, "set_body", { note_id: "N-1031", body: "milk" }, [0]),
    step(2, "pin_note", { note_id: "N-1002" }),
  ];

  it("all matched in order: 3/3 = 1", () => {
    const calls = [call("create_note", { title: "Groceries" }), call("set_body", { note_id: "N-1031", body: "milk" }), call("pin_note", { note_id: "N-1002" })];
    expect(rCov(steps, matchSteps(steps, calls))).toBe(1);
  });

  it("a dependency broken: set_body before create_note counts 0 → (1 + 0 + 1) / 3", () => {
    const calls = [
      call("set_body", { note_id: "N-1031", body: "milk" }, "tool_error"),
      call("create_note", { title: "Groceries" }),
      call("pin_note", { note_id: "N-1002" }),
    ];
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
    const calls = [
      call("set_body", { note_id: "N-1031", body: "x" }, "tool_error"),
      call("create_note", { title: "Groceries" }),
      call("set_body", { note_id: "N-1031", body: "milk" }),
    ];
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
    const calls = [
      call("list_notes", {}),
      call("list_notes", {}),
      pin("N-1031", "tool_error"),
      pin("N-1031", "tool_error"),
      call("create_note", { title: "x" }),
      pin("N-1031"),
    ];
    expect(redundantFlags(calls, tools)).toEqual([false, true, false, true, false, false]);
    expect(coreLength(calls, tools)).toBe(6);
  });

  it("strings are compared trimmed: a trailing space does not make a new call", () => {
    const calls = [pin("N-1002"), pin("N-1002 ", "tool_error")];
    expect(redundantFlags(calls, tools)).toEqual([false, true]);
    expect(coreLength(calls, tools)).toBe(1);
  });

  it("a read after a failed read with no write in between repeats it; parse errors never repeat", () => {
    const calls = [
      call("list_notes", { limit: 0 }, "invalid_arguments"),
      call("list_notes", { limit: 0 }, "invalid_arguments"),
      call("", "<tool_call>{", "parse_error"),
      call("", "<tool_call>{", "parse_error"),
    ];
    expect(redundantFlags(calls, tools)).toEqual([false, true, false, false]);
  });
});

describe("edges of each term, worked out by hand", () => {
  it("validity: arguments that are not an object are untyped (1/3); a tool offered but unknown to the index is untyped too", () => {
    expect(validity(call("pin_note", null, "invalid_arguments"), offered, tools)).toBeCloseTo(1 / 3);
    expect(validity(call("pin_note", ["N-1001"], "invalid_arguments"), offered, tools)).toBeCloseTo(1 / 3);
    expect(validity(call("pin_note", "N-1001", "invalid_arguments"), offered, tools)).toBeCloseTo(1 / 3);
    expect(validity(call("ghost", {}), new Set(["ghost"]), tools)).toBeCloseTo(1 / 3);
    // A tool with no required parameter is typed by any object: list_notes {} ok → 1.
    expect(validity(call("list_notes", {}), offered, tools)).toBe(1);
    // Optional parameters are not checked for type: a wrong-typed optional one is still typed.
    expect(validity(call("list_notes", { pinned: "yes" }, "invalid_arguments"), offered, tools)).toBeCloseTo(2 / 3);
  });

  it("R_val: no calls is 0 in both forms; the count form never goes below 0 and takes n_gt = 0 as 1", () => {
    expect(rValCount([], 3)).toBe(0);
    // lost 1 + 1 + 1 = 3 over n_gt 2 → 1 − 1.5 → floored at 0
    expect(rValCount([0, 0, 0], 2)).toBe(0);
    // n_gt 0 counts as 1: one call losing 1/3 → 2/3
    expect(rValCount([2 / 3], 0)).toBeCloseTo(2 / 3);
    expect(rValCount([1, 1], 1)).toBe(1);
  });

  it("R_cov: no steps is 0; a step whose dependency was never matched counts 0; arguments not an object never match", () => {
    expect(rCov([], { callOf: [] })).toBe(0);
    const steps = [step(0, "create_note", { title: "A" }), step(1, "pin_note", { note_id: "N-1001" }, [0])];
    // pin matched, create not: the pin's edge is broken → 0 of 2
    expect(rCov(steps, { callOf: [-1, 0] })).toBe(0);
    // both matched but pin before create → 1 of 2
    expect(rCov(steps, { callOf: [1, 0] })).toBe(0.5);
    // a dependency on an id that is no step at all is never satisfied → 1 of 2
    expect(rCov([steps[0]!, step(1, "pin_note", { note_id: "N-1001" }, [9])], { callOf: [0, 1] })).toBe(0.5);
    const bad = [call("pin_note", null), call("pin_note", ["N-1001"]), call("pin_note", { note_id: "N-1001" }, "parse_error")];
    expect(matchSteps([step(0, "pin_note", { note_id: "N-1001" })], bad).callOf).toEqual([-1]);
  });

  it("matchSteps: an excluded call is passed over; with no call after the dependencies, the earliest eligible one is taken", () => {
    const steps = [step(0, "pin_note", { note_id: "N-1001" })];
    const calls = [call("pin_note", { note_id: "N-1001" }), call("pin_note", { note_id: "N-1001" })];
    expect(matchSteps(steps, calls, (i) => i !== 0).callOf).toEqual([1]);
    expect(matchSteps(steps, calls, () => false).callOf).toEqual([-1]);
    // set_body depends on create_note (matched to call 2); both set_body calls come before it → the earliest, 0.
    const dep = [step(0, "create_note", { title: "A" }), step(1, "set_body", { note_id: "N-1031", body: "b" }, [0])];
    const early = [call("set_body", { note_id: "N-1031", body: "b" }), call("set_body", { note_id: "N-1031", body: "c" }), call("create_note", { title: "A" })];
    expect(matchSteps(dep, early).callOf).toEqual([2, 0]);
  });

  it("R_eff: no ground truth means no budget and no penalty; one call past the budget costs α / B", () => {
    expect(budget(0, 0.5)).toBe(0);
    expect(rEff(10, 0, 0.5, 0.5)).toBe(0);
    expect(rEffBounded(10, 0, 0.5, 0.5)).toBe(0);
    // n = 4, β = 0.5 → B = 4 + 2 = 6; 7 calls → −0.5 · 1 / 6
    expect(budget(4, 0.5)).toBe(6);
    expect(rEff(6, 4, 0.5, 0.5)).toBe(0);
    expect(rEff(7, 4, 0.5, 0.5)).toBeCloseTo(-1 / 12, 12);
    // β = 0.1 with n = 3: ⌈0.3⌉ = 1 → B = 4; α = 1: 6 calls → −2 / 4; bounded −0.5 / 1.5
    expect(budget(3, 0.1)).toBe(4);
    expect(rEff(6, 3, 1, 0.1)).toBeCloseTo(-0.5, 12);
    expect(rEffBounded(6, 3, 1, 0.1)).toBeCloseTo(-1 / 3, 12);
  });

  it("R_name: the count form floors at 0, takes n_gt = 0 as 1 and is 0 with no calls", () => {
    const gt = new Set(["pin_note"]);
    expect(rNameCount([], gt, 2)).toBe(0);
    // three wrong names over n_gt 2 → 1 − 1.5 → 0
    expect(rNameCount([call("a", {}), call("b", {}), call("c", {})], gt, 2)).toBe(0);
    // one wrong of two with n_gt 0 (taken as 1) → 0
    expect(rNameCount([call("pin_note", {}), call("x", {})], gt, 0)).toBe(0);
    expect(rNameCount([call("pin_note", {}), call("pin_note", {})], gt, 0)).toBe(1);
    expect(rNamePrecision([call("x", {})], gt)).toBe(0);
  });

  it("R_arg: a step with no arguments counts 1 when matched; no match at all is 0; a value matched as an id stays exact", () => {
    const noArgs = [step(0, "list_folders", {})];
    expect(rArg(noArgs, [call("list_folders", { limit: 5 })], { callOf: [0] }, tools)).toBe(1);
    expect(rArg(noArgs, [], { callOf: [-1] }, tools)).toBe(0);
    // set_body: note id right, body wrong → 1/2; pin: 1/1 → (0.5 + 1) / 2 = 0.75
    const steps = [step(0, "set_body", { note_id: "N-1001", body: "milk" }), step(1, "pin_note", { note_id: "N-1002" })];
    const calls = [call("set_body", { note_id: "N-1001", body: "eggs" }), call("pin_note", { note_id: " N-1002 " })];
    expect(rArg(steps, calls, { callOf: [0, 1] }, tools)).toBe(0.75);
    // a tool the index does not know compares its values as free text
    expect(rArg([step(0, "ghost", { id: "AB" })], [call("ghost", { id: "ab" })], { callOf: [0] }, tools)).toBe(1);
  });

  it("repeats: the same read after a failed one with no write between repeats it (it meets the same state), whatever its outcome; a failed write is no write", () => {
    const list = (outcome: TrajectoryCall["outcome"] = "ok") => call("list_notes", { limit: 5 }, outcome);
    expect(redundantFlags([list("tool_error"), list(), list()], tools)).toEqual([false, true, true]);
    // a failed pin, a failed create (no write happened), the same pin again: still a repeat
    const pin = call("pin_note", { note_id: "N-9" }, "tool_error");
    expect(redundantFlags([pin, call("create_note", { title: "" }, "tool_error"), pin], tools)).toEqual([false, false, true]);
    // a successful read is no write either
    expect(redundantFlags([pin, call("list_notes", {}), pin], tools)).toEqual([false, false, true]);
    // a successful write in between makes the retry new
    expect(redundantFlags([pin, call("create_note", { title: "x" }), pin], tools)).toEqual([false, false, false]);
    // the tail of repeats is cut: core length 1 of 3
    expect(coreLength([list(), list(), list()], tools)).toBe(1);
    expect(coreLength([], tools)).toBe(0);
    // a repeat inside the trajectory is not a tail
    expect(coreLength([list(), list(), call("pin_note", { note_id: "N-1001" })], tools)).toBe(3);
    // nested strings are trimmed too, and null arguments repeat null arguments
    expect(redundantFlags([call("x", { a: [" v "] }), call("x", { a: ["v"] })], tools)).toEqual([false, true]);
    expect(redundantFlags([call("x", null), call("x", undefined)], tools)).toEqual([false, true]);
  });

  it("more edges: a parse error with an offered name, another tool with the same keys, array arguments, several eligible calls", () => {
    expect(validity(call("pin_note", { note_id: "N-1001" }, "parse_error"), offered, tools)).toBe(0);
    // delete_note has note_id too, but it is not pin_note
    expect(matchSteps([step(0, "pin_note", { note_id: "N-1001" })], [call("delete_note", { note_id: "N-1001" })]).callOf).toEqual([-1]);
    // a step with no arguments is not matched by a call whose arguments are a list
    expect(matchSteps([step(0, "list_folders", {})], [call("list_folders", [])]).callOf).toEqual([-1]);
    // no dependencies: the earliest of three eligible calls
    const three = [call("pin_note", { note_id: "N-1001" }), call("pin_note", { note_id: "N-1001" }), call("pin_note", { note_id: "N-1001" })];
    expect(matchSteps([step(0, "pin_note", { note_id: "N-1001" })], three).callOf).toEqual([0]);
    // a dependency never matched: the earliest eligible call again
    expect(matchSteps([step(0, "create_note", { title: "A" }), step(1, "pin_note", { note_id: "N-1001" }, [0])], three).callOf).toEqual([-1, 0]);
  });

  it("repeats compare arguments: other values are other calls, numbers and lists included; an earlier success keeps later identical calls repeats across writes", () => {
    expect(redundantFlags([call("pin_note", { note_id: "N-1001" }), call("pin_note", { note_id: "N-1002" })], tools)).toEqual([false, false]);
    expect(redundantFlags([call("list_notes", { limit: 1 }), call("list_notes", { limit: 2 })], tools)).toEqual([false, false]);
    expect(redundantFlags([call("x", { a: ["v"] }), call("x", { a: { 0: "v" } })], tools)).toEqual([false, false]);
    // pin ok, the same pin fails (a repeat), a write, the same pin: still a repeat of the first success
    const pin = (outcome: TrajectoryCall["outcome"]) => call("pin_note", { note_id: "N-1001" }, outcome);
    expect(redundantFlags([pin("ok"), pin("tool_error"), call("create_note", { title: "x" }), pin("ok")], tools)).toEqual([false, true, false, true]);
  });
});
