/** When a model's argument value counts as the ground truth's, as tables of cases worked out by hand. */
import { describe, expect, it } from "vitest";
import type { ParamInfo } from "../../ts/servers/framework/index.ts";
import { compatibleType, jsonType, sameValue, stateKey } from "../../ts/reward/normalize.ts";

const ID: ParamInfo = { name: "account_id", required: true, type: "string", ref: "account", sensitive: false };
const IDS: ParamInfo = { name: "account_ids", required: true, type: "array", ref: "account", sensitive: false };

describe("sameValue: the model's value against the ground truth's", () => {
  // [model, truth, same?, why]
  const cases: Array<[unknown, unknown, boolean, string]> = [
    [null, null, true, "null is null"],
    [undefined, null, true, "absent is null"],
    [null, undefined, true, "null is absent"],
    [0, null, false, "a zero is something, not nothing"],
    ["", undefined, false, "an empty string is something"],
    [100, 100, true, "the same number"],
    ["100", 100, true, "a number written as text"],
    [" 100 ", 100, true, "a number written as text with spaces"],
    ["", 0, false, "an empty string is not zero"],
    ["   ", 0, false, "spaces are not zero"],
    [true, 1, false, "a boolean is not a number"],
    ["abc", 5, false, "text that is no number"],
    [100.0000001, 100, true, "within a millionth of 100 (1e-4)"],
    [100.0002, 100, false, "0.0002 off 100 is more than a millionth of it"],
    [99.9998, 100, false, "below by more than a millionth"],
    [0.0000005, 0, true, "within a millionth of zero (the tolerance is at least 1e-6)"],
    [0.000002, 0, false, "2e-6 off zero"],
    [0.000001, 0, true, "exactly a millionth off zero still counts"],
    ["a", { 0: "a" }, false, "text is not an object"],
    [-5, 5, false, "the sign counts"],
    [5, -5, false, "the sign counts the other way"],
    [1_000_000.5, 1_000_000, true, "half a unit off a million is within a millionth of it"],
    [1_000_002, 1_000_000, false, "two units off a million is not"],
    ["Buy  Milk ", "buy milk", true, "free text: trimmed, case-folded, inner spaces collapsed"],
    ["buy\tmilk", "Buy milk", true, "a tab is whitespace"],
    ["buymilk", "buy milk", false, "but words stay apart"],
    [5, "5", false, "a number is not text"],
    [null, "x", false, "null is not text"],
    [["b", "a"], ["a", "b"], true, "arrays as multisets"],
    [["a", "a"], ["a", "b"], false, "a multiset counts each element"],
    [["a"], ["a", "a"], false, "lengths differ"],
    [[" A "], ["a"], true, "array elements as text"],
    ["a", ["a"], false, "a scalar is not an array"],
    [[1, 2], [2, 1.0000000001], true, "array numbers to a millionth"],
    [{ a: 1, b: "X" }, { b: "x", a: 1 }, true, "objects key by key"],
    [{ a: 1 }, { a: 1, b: null }, true, "a null field and an absent one alike"],
    [{ a: 1, b: 2 }, { a: 1 }, false, "an extra field with a value"],
    [{ a: 2 }, { a: 1 }, false, "a field differs"],
    [null, { a: 1 }, false, "null is not an object"],
    [["a"], { 0: "a" }, false, "an array is not an object"],
    [true, true, true, "booleans by value"],
    [false, true, false, "booleans differ"],
    ["true", true, false, "a boolean written as text is not one"],
  ];
  for (const [model, truth, same, why] of cases) {
    it(`${JSON.stringify(model) ?? "undefined"} vs ${JSON.stringify(truth) ?? "undefined"}: ${same ? "same" : "different"} (${why})`, () => {
      expect(sameValue(model, truth)).toBe(same);
    });
  }

  it("an id is compared exactly after trimming: case counts, spaces around it do not", () => {
    expect(sameValue(" ACC-1 ", "ACC-1", ID)).toBe(true);
    expect(sameValue("acc-1", "ACC-1", ID)).toBe(false);
    expect(sameValue("ACC  1", "ACC 1", ID)).toBe(false);
    expect(sameValue("ACC-1", " ACC-1 ", ID)).toBe(true); // the ground truth is trimmed too
    expect(sameValue(7, "ACC-1", ID)).toBe(false);
    // Without the parameter the same strings are free text.
    expect(sameValue("acc-1", "ACC-1")).toBe(true);
  });

  it("an array of ids: elements exact after trimming, in any order", () => {
    expect(sameValue(["ACC-2 ", "ACC-1"], ["ACC-1", "ACC-2"], IDS)).toBe(true);
    expect(sameValue(["acc-2", "ACC-1"], ["ACC-1", "ACC-2"], IDS)).toBe(false);
    // elements that are not text are compared by value
    expect(sameValue([2, 1], [1, 2], IDS)).toBe(true);
  });
});

describe("stateKey: a value as the reward compares it", () => {
  const keys: Array<[unknown, string]> = [
    [null, "null"],
    [undefined, "null"],
    ["  Hello   World ", "hello world"],
    [1.23456789, "1.234568"],
    [2, "2"],
    [["b", "A"], "[a,b]"],
    [{ b: 2, a: "X", c: null }, '{"a":x,"b":2}'],
    [true, "true"],
  ];
  for (const [v, k] of keys) {
    it(`${JSON.stringify(v) ?? "undefined"} → ${k}`, () => expect(stateKey(v)).toBe(k));
  }

  it("a reordered list or a re-cased name has the same key; another value does not", () => {
    expect(stateKey(["Ann", "Bob"])).toBe(stateKey(["bob", "ann"]));
    expect(stateKey({ x: [1, 2] })).toBe(stateKey({ x: [2, 1], y: undefined }));
    expect(stateKey(["Ann"])).not.toBe(stateKey(["Ann", "Ann"]));
  });
});

describe("JSON types", () => {
  const types: Array<[unknown, string]> = [
    [null, "null"],
    [[1], "array"],
    [3, "integer"],
    [3.5, "number"],
    ["3", "string"],
    [true, "boolean"],
    [{ a: 1 }, "object"],
  ];
  for (const [v, t] of types) it(`${JSON.stringify(v)} is ${t}`, () => expect(jsonType(v)).toBe(t));

  it("an integer fits a number parameter; a number does not fit an integer one; nothing else mixes", () => {
    expect(compatibleType(3, "number")).toBe(true);
    expect(compatibleType(3, "integer")).toBe(true);
    expect(compatibleType(3.5, "integer")).toBe(false);
    expect(compatibleType(3.5, "number")).toBe(true);
    expect(compatibleType("3", "number")).toBe(false);
    expect(compatibleType("3", "integer")).toBe(false);
    expect(compatibleType([1], "object")).toBe(false);
    expect(compatibleType(null, "string")).toBe(false);
    expect(compatibleType({}, "object")).toBe(true);
  });
});
