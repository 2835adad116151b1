/**
 * The replay's prefix tree (ts/reward/replay.ts): a group's trajectories that begin alike share
 * the calls they have in common, and every replay gives exactly what a replay from the seed gives
 * — results, changes, outcomes checked, the final state and the state at `stopAt`.
 */
import { describe, expect, it } from "vitest";
import { Replayer, type Replayed } from "../../ts/reward/replay.ts";
import type { Trajectory, TrajectoryCall } from "../../ts/reward/trajectory.ts";
import { toy } from "../helpers/toy-domain.ts";
import { makeTask, step } from "./helpers.ts";

const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);

type Call = [name: string, args: unknown, outcome?: TrajectoryCall["outcome"]];
const trajectory = (...calls: Call[]): Trajectory => ({
  calls: calls.map(([name, args, outcome = "ok"]) => ({ name, arguments: args, outcome, turn: 0 })),
  replies: [],
});

const create: Call = ["create_note", { title: "Groceries" }];
const pin: Call = ["pin_note", { note_id: "N-1002" }];
/** A GRPO group of one task: alike at first, apart later (a repeat refused, a parse error, another first call). */
const group = [
  trajectory(create, pin, ["set_body", { note_id: "N-1002", body: "milk" }]),
  trajectory(create, pin, ["delete_note", { note_id: "N-1003" }]),
  trajectory(create, pin, ["pin_note", { note_id: "N-1002" }, "tool_error"]),
  trajectory(create, ["", "<tool_call>{", "parse_error"], pin, ["set_body", { note_id: "N-1002", body: "eggs" }]),
  trajectory(pin, create),
  trajectory(create, pin, ["set_body", { note_id: "N-1002", body: "milk" }]),
  trajectory(create, ["create_note", { title: "Groceries" }], ["delete_note", { note_id: "N-1031" }]),
];

/** What a replay says, with its states as their hashes. */
function seen(r: Replayed) {
  return { mismatch: r.mismatch, results: r.results, changes: r.changes, final: r.final.hash(), at: r.at?.hash() };
}

/** Each trajectory replayed from the seed by a replayer of its own, which shares nothing. */
function alone(t: Trajectory, opts: Parameters<Replayer["replay"]>[2]) {
  return seen(new Replayer([toy], { treeBytes: 0 }).replay(task, t, opts));
}

const OPTIONS: Array<Parameters<Replayer["replay"]>[2]> = [{ verify: true }, { verify: true, stopAt: 2 }, { upTo: 1 }, { stopAt: 0 }];

/** Every session a replayer holds is a root or a kept call's state: nothing a replay opened is left behind. */
function holdsOnlyItsTree(replayer: Replayer, roots: number): void {
  expect(replayer.sessions).toBe(roots + replayer.cached);
}

describe("replay prefix tree", () => {
  it("gives every trajectory of a group what a replay from the seed gives, and keeps the calls they share once", () => {
    const replayer = new Replayer([toy]);
    for (const opts of OPTIONS)
      for (const t of group) {
        expect(seen(replayer.replay(task, t, opts))).toEqual(alone(t, opts));
        holdsOnlyItsTree(replayer, 1);
      }
    // create → pin → {set_body milk, delete, the refused pin, set_body eggs (the parse error is no call)};
    // create → create → delete; pin → create. The sixth trajectory repeats the first: nothing new.
    expect(replayer.cached).toBe(10);
  });

  it("never writes a state it returned: later replays leave it as it was", () => {
    const replayer = new Replayer([toy]);
    const first = replayer.replay(task, group[0]!, { stopAt: 1 });
    const before = [first.final.hash(), first.at?.hash()];
    for (const t of group) replayer.replay(task, t, { verify: true });
    expect([first.final.hash(), first.at?.hash()]).toEqual(before);
    expect(first.final.get("toy", "notes", "N-1002")).toMatchObject({ pinned: true, body: "milk" });
  });

  it("gives the state after the last call when `stopAt` is past it, read from the tree or from a run", () => {
    const replayer = new Replayer([toy]);
    for (let round = 0; round < 2; round++)
      for (const t of group) {
        const r = replayer.replay(task, t, { stopAt: t.calls.length });
        expect(r.at?.hash()).toBe(r.final.hash());
      }
  });

  it("keys a call by its name and arguments as JSON only when JSON says all of them", () => {
    const replayer = new Replayer([toy]);
    const keyed = [
      trajectory(["list_notes", { pinned: true }]),
      trajectory(["pin_note", { note_id: ["N-1002"] }, "invalid_arguments"]),
      trajectory(["pin_note", { note_id: { id: "N-1002" } }, "invalid_arguments"]),
      trajectory(["pin_note", Object.assign(Object.create(null), { note_id: "N-1003" })]),
    ];
    const unkeyed = [
      trajectory(["pin_note", { note_id: "N-1004", n: -0 }, "invalid_arguments"]),
      trajectory(["pin_note", { note_id: "N-1004", n: Number.POSITIVE_INFINITY }, "invalid_arguments"]),
      trajectory(["pin_note", { note_id: "N-1004", n: undefined }]),
      trajectory(["pin_note", { note_id: "N-1004", at: new Date(0) }, "invalid_arguments"]),
      trajectory(["pin_note", { note_id: [Number.NaN] }, "invalid_arguments"]),
      trajectory(["pin_note", { note_id: "N-1004", n: 1n }, "invalid_arguments"]),
    ];
    for (const t of [...keyed, ...unkeyed, ...keyed]) expect(seen(replayer.replay(task, t))).toEqual(alone(t, {}));
    expect(replayer.cached).toBe(keyed.length);
    holdsOnlyItsTree(replayer, 1);
  });

  it("checks each recorded outcome against the kept one, as against a call that runs", () => {
    const replayer = new Replayer([toy]);
    replayer.replay(task, group[0]!);
    const wrong = trajectory(create, ["pin_note", { note_id: "N-1002" }, "tool_error"]);
    const r = replayer.replay(task, wrong, { verify: true });
    expect(r.mismatch).toBe("call 1 (pin_note) was recorded as tool_error but replays as ok: scored against the wrong task or seed?");
    expect(seen(r)).toEqual(alone(wrong, { verify: true }));
  });

  it("runs the calls whose arguments JSON would blur, instead of reading another call's outcome", () => {
    const replayer = new Replayer([toy]);
    // null stands for a left-out body (the default, ""); NaN is not a string and is refused. As JSON both read null.
    const withNull = trajectory(["create_note", { title: "a", body: null }]);
    const withNaN = trajectory(["create_note", { title: "a", body: Number.NaN }, "invalid_arguments"]);
    expect(replayer.replay(task, withNull, { verify: true }).mismatch).toBeUndefined();
    const r = replayer.replay(task, withNaN, { verify: true });
    expect(r.mismatch).toBeUndefined();
    expect(seen(r)).toEqual(alone(withNaN, { verify: true }));
    expect(replayer.cached).toBe(1);
  });

  it("answers a call of a tool the task does not offer as the service did: unknown, and nothing changed", () => {
    const replayer = new Replayer([toy]);
    // `buggy` is a toy tool the task does not offer; run, it would delete N-1003.
    const offTask = trajectory(create, ["buggy", { note_id: "N-1003" }, "unknown_tool"], pin);
    const r = replayer.replay(task, offTask, { verify: true });
    expect(r.mismatch).toBeUndefined();
    expect(r.changes[1]).toEqual([]);
    expect(r.final.get("toy", "notes", "N-1003")).toBeDefined();
    expect(seen(r)).toEqual(alone(offTask, { verify: true }));
    // An environment error recorded for it is excepted, as for any call.
    expect(replayer.replay(task, trajectory(["buggy", { note_id: "N-1003" }, "env_error"]), { verify: true }).mismatch).toBeUndefined();
    const forged = trajectory(create, ["buggy", { note_id: "N-1003" }]);
    expect(replayer.replay(task, forged, { verify: true }).mismatch).toBe(
      "call 1 (buggy) was recorded as ok but replays as unknown_tool: scored against the wrong task or seed?",
    );
  });

  it("shares one root and its tree between the tasks of a seed, whatever tools each offers", () => {
    const replayer = new Replayer([toy]);
    const fewer = { ...task, id: "t-2", tools: ["create_note", "pin_note"] };
    replayer.replay(task, group[0]!);
    const r = replayer.replay(fewer, trajectory(create, pin, ["set_body", { note_id: "N-1002", body: "milk" }, "unknown_tool"]), { verify: true });
    expect(r.mismatch).toBeUndefined();
    expect(replayer.cached).toBe(3); // the first task's three calls; the second's two offered calls were read from them
    expect(r.final.get("toy", "notes", "N-1002")).toMatchObject({ pinned: true, body: "text" });
  });

  it("keeps what its budget holds, clearing the trees used least recently, and stays exact past it", () => {
    // A step costs 3 KB and its key and result (~0.2 KB here): four fit, five do not.
    const replayer = new Replayer([toy], { treeBytes: 14_000 });
    const other = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }], "2");
    for (const opts of OPTIONS)
      for (const t of group) {
        expect(seen(replayer.replay(task, t, opts))).toEqual(alone(t, opts));
        replayer.replay(other, t, opts);
        expect(replayer.cached).toBeLessThanOrEqual(4);
        holdsOnlyItsTree(replayer, 2);
      }
    expect(replayer.cached).toBeGreaterThan(0);
  });

  it("keeps 256 roots, closing the least recently used one with its tree", () => {
    const replayer = new Replayer([toy]);
    for (let seed = 1; seed <= 258; seed++) replayer.replay(makeTask([{ steps: [] }], String(seed)), group[0]!);
    expect(replayer.cached).toBe(256 * 3);
    holdsOnlyItsTree(replayer, 256);
  });

  it("runs a call whose arguments and result would not fit the budget, and keeps nothing of it", () => {
    // 3 KB, 2 KB of key and 1 KB of result: over 6,000 bytes only with its result counted.
    const replayer = new Replayer([toy], { treeBytes: 6_000 });
    const long = trajectory(["set_body", { note_id: "N-1002", body: "x".repeat(1000) }]);
    expect(seen(replayer.replay(task, long, { verify: true }))).toEqual(alone(long, { verify: true }));
    expect(replayer.cached).toBe(0);
    replayer.replay(task, trajectory(pin));
    expect(replayer.cached).toBe(1);
  });
});
