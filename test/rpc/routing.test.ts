/** The shard routing rules (ts/rpc/routing.ts); py/tests/test_routing.py checks the Python twin with the same cases. */
import { describe, expect, it } from "vitest";
import { mergeByPosition, RoundRobin, shardOf, splitByShard, unknownSession } from "../../ts/rpc/routing.ts";

describe("shard routing", () => {
  it("takes the shard from a session id up to its first dash; the random part may hold dashes", () => {
    expect(shardOf("s0-AbC")).toBe("s0");
    expect(shardOf("s12-a-b_c")).toBe("s12");
    expect(shardOf("hostA_1-x")).toBe("hostA_1");
    expect(shardOf("nodash")).toBe("");
    expect(shardOf("-leading")).toBe("");
    expect(shardOf("")).toBe("");
  });

  it("splits a batch by shard in request order and sets unknown shards apart", () => {
    const ids = ["s1-a", "s0-b", "s1-c", "s9-d", "s0-e", "plain", "s1-f"];
    const { parts, unknown } = splitByShard(ids, new Set(["s0", "s1"]));
    expect([...parts.entries()]).toEqual([
      ["s1", [0, 2, 6]],
      ["s0", [1, 4]],
    ]);
    expect(unknown).toEqual([3, 5]);
  });

  it("merges the parts back in request order, the inverse of the split", () => {
    const merged = mergeByPosition(7, [
      [
        [0, 2, 6],
        ["r-s1-a", "r-s1-c", "r-s1-f"],
      ],
      [
        [1, 4],
        ["r-s0-b", "r-s0-e"],
      ],
      [
        [3, 5],
        ["nf-s9-d", "nf-plain"],
      ],
    ]);
    expect(merged).toEqual(["r-s1-a", "r-s0-b", "r-s1-c", "nf-s9-d", "r-s0-e", "nf-plain", "r-s1-f"]);
    expect(mergeByPosition(0, [])).toEqual([]);
  });

  it("refuses a merge that leaves an item out, fills one twice, or gets the wrong count", () => {
    expect(() =>
      mergeByPosition(3, [
        [
          [0, 1],
          ["a", "b"],
        ],
      ]),
    ).toThrow(/no result for item 2 of 3/);
    expect(() =>
      mergeByPosition(2, [
        [
          [0, 0],
          ["a", "b"],
        ],
      ]),
    ).toThrow(/given twice/);
    expect(() => mergeByPosition(2, [[[0, 1], ["a"]]])).toThrow(/answered 1 items for 2/);
    expect(() =>
      mergeByPosition(2, [
        [
          [0, 2],
          ["a", "b"],
        ],
      ]),
    ).toThrow(/out of range/);
  });

  it("says which shards it knows when a session's shard is none of them", () => {
    expect(unknownSession("s9-abc", ["s0", "s1"])).toBe(`unknown session "s9-abc" (its shard "s9" is not one of this client's: s0, s1)`);
    expect(unknownSession("abc", ["s0"])).toBe(`unknown session "abc" (it names no shard, which is not one of this client's: s0)`);
  });

  it("takes turns over the targets", () => {
    const rr = new RoundRobin(3);
    expect(Array.from({ length: 7 }, () => rr.next())).toEqual([0, 1, 2, 0, 1, 2, 0]);
    const one = new RoundRobin(1);
    expect([one.next(), one.next()]).toEqual([0, 0]);
  });
});
