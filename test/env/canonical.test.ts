import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../ts/env/state/canonical.ts";

/** The same value with every object's keys inserted in reverse order. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(
    Object.entries(v)
      .reverse()
      .map(([k, x]) => [k, reversed(x)]),
  );
}

describe("canonicalJson", () => {
  it("writes sorted keys, no whitespace, JSON's numbers and escapes, and drops undefined fields", () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x"y'], c: undefined, d: { z: -0, y: 1e21, x: 0.1 } })).toBe(
      '{"a":[true,null,"x\\"y"],"b":1,"d":{"x":0.1,"y":1e+21,"z":0}}',
    );
    expect(canonicalJson([undefined, Number.NaN, Number.POSITIVE_INFINITY])).toBe("[null,null,null]");
    expect(canonicalJson({ "10": 1, "9": 2, "\u00e9": 3, "a\nb": 4 })).toBe('{"10":1,"9":2,"a\\nb":4,"\u00e9":3}');
  });

  it("is JSON of the same value, whatever order its keys were inserted in (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        expect(canonicalJson(reversed(v))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
