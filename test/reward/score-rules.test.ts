/**
 * The rules of the verified reward (docs/reward.md, ts/reward/score.ts), each at its boundary, with
 * the expected scores worked out by hand from the formula:
 *   R = 0.5·R_val + 0.5·R_cov + 0.15·R_eff + 0.2·R_name + 0.1·R_arg + 0.5·R_state + 0.2·R_answer
 *       + 3·R_goal + 6·R_harm,
 * B = n_gt + ⌈0.5·n_gt⌉, R_harm = −u / (1 + u) for u collateral changes.
 *
 * The toy domain's seed: notes N-1001…N-1030 titled "Note i …" (N-1002 "Note 1 e663", N-1003
 * "Note 2 858c"), body "text", none pinned; the clock starts at 2026-09-03T09:00Z and every write
 * moves it one minute.
 */
import { describe, expect, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import { Rewarder } from "../../ts/reward/index.ts";
import { claims } from "../../ts/reward/answer.ts";
import { wanted } from "../../ts/reward/asking.ts";
import { matchSteps, rCov, rNameCount } from "../../ts/reward/components.ts";
import { stripReasoning } from "../../ts/reward/reasoning.ts";
import { COMPONENTS } from "../../ts/reward/score.ts";
import { Trajectory, type TrajectoryCall } from "../../ts/reward/trajectory.ts";
import { defineDomain, table, toolkit, z } from "../../ts/servers/framework/index.ts";
import { buildTask } from "../../ts/tasks/build.ts";
import { toy } from "../helpers/toy-domain.ts";
import { makeTask, type PlannedCall, run, step } from "./helpers.ts";

const rewarder = new Rewarder([toy]);
type Task = ReturnType<typeof makeTask>;
const verified = (task: Task, trajectory: Trajectory) => rewarder.score({ task, trajectory, preset: "verified" });
const prove = (task: Task, trajectory: Trajectory) => rewarder.score({ task, trajectory, preset: "prove" });
const done = (text: string, turn = 0) => ({ turn, text });

describe("the components a score reports", () => {
  it("are named val, cov, eff, name, arg, state, answer, goal, harm, in that order", () => {
    expect(COMPONENTS).toEqual(["val", "cov", "eff", "name", "arg", "state", "answer", "goal", "harm"]);
  });
});

describe("a trajectory as data", () => {
  it("keeps each call's name, arguments, outcome and turn, and the replies by turn; no replies means none", () => {
    const t = Trajectory.parse({ calls: [{ name: "pin_note", arguments: { note_id: "N-1002" }, outcome: "ok", turn: 1 }] });
    expect(t).toEqual({ calls: [{ name: "pin_note", arguments: { note_id: "N-1002" }, outcome: "ok", turn: 1 }], replies: [] });
    const r = Trajectory.parse({ calls: [{ name: "x", arguments: null, outcome: "parse_error" }], replies: [{ turn: 2, text: "Done." }] });
    expect(r.calls[0]!.turn).toBe(0);
    expect(r.replies).toEqual([{ turn: 2, text: "Done." }]);
  });
});

describe("R_state of a task that only reads", () => {
  const task = makeTask([{ steps: [step(0, "list_notes", { pinned: false, limit: 5 })] }]);
  const read = (args: Record<string, unknown>): PlannedCall => ({ name: "list_notes", args });

  it("each ground-truth read reproduced with its values earns its item: the reference scores 5.0", () => {
    const s = verified(task, run(task, [read({ pinned: false, limit: 5 })]));
    expect(s.detail).toMatchObject({ validity: [1], matched: [0], calls: 1, budget: 2, n_gt: 1, gate_turns: {} });
    expect(s.components).toEqual({ val: 1, cov: 1, eff: 0, name: 1, arg: 1, state: 1, answer: 1, goal: 1, harm: 0 });
    expect(s.detail.state).toEqual({ credit: 1, items: 1, unrequested: [], collateral: [], read_only: true });
    expect(s.reward).toBeCloseTo(5, 12);
  });

  it("a read with another value reproduces nothing: R_state 0, R_arg 1/2, 1.45", () => {
    const s = verified(task, run(task, [read({ pinned: false, limit: 6 })]));
    expect(s.components).toEqual({ val: 1, cov: 1, eff: 0, name: 1, arg: 0.5, state: 0, answer: 1, goal: 0, harm: 0 });
    // 0.5 + 0.5 + 0.2 + 0.1·0.5 + 0.2
    expect(s.reward).toBeCloseTo(1.45, 12);
  });

  it("a read of another tool reproduces nothing, even for a step without arguments: 0.7", () => {
    const bare = makeTask([{ steps: [step(0, "list_notes", {})] }]);
    const s = verified(bare, run(bare, [{ name: "list_folders", args: {} }]));
    expect(s.components).toEqual({ val: 1, cov: 0, eff: 0, name: 0, arg: 0, state: 0, answer: 1, goal: 0, harm: 0 });
    expect(s.reward).toBeCloseTo(0.7, 12);
  });

  it("a read that failed reproduces nothing", () => {
    const s = verified(task, run(task, [read({ pinned: false, limit: 5, colour: "red" })]));
    expect(s.components.state).toBe(0);
    expect(s.components.cov).toBe(0);
  });

  it("a write nobody asked for costs the state term and is collateral: (1 − 2) / 1 → −1, R_harm = −2/3, −3.2", () => {
    const s = verified(task, run(task, [read({ pinned: false, limit: 5 }), { name: "delete_note", args: { note_id: "N-1005" } }]));
    expect(s.detail.state).toEqual({
      credit: 1,
      items: 1,
      unrequested: ["/toy/notes/N-1005", "/toy/folders/inbox/notes"],
      collateral: ["/toy/notes/N-1005", "/toy/folders/inbox/notes"],
      read_only: true,
    });
    expect(s.components).toMatchObject({ val: 1, cov: 1, eff: 0, name: 0, arg: 1, state: -1, answer: 1, goal: 0 });
    expect(s.components.harm).toBeCloseTo(-2 / 3, 12);
    // 0.5 + 0.5 + 0 + 0 + 0.1 − 0.5 + 0.2 + 6·(−2/3)
    expect(s.reward).toBeCloseTo(-3.2, 12);
  });

  it("with answer facts, the items are the facts a successful call retrieved: 1 of 2 → R_state 1/2", () => {
    const facts = makeTask([{ steps: [step(0, "list_notes", { pinned: false, limit: 5 })], facts: ["Note 1 e663", "Note 2 858c"] }]);
    // limit 2 retrieves N-1001 and N-1002 only: "Note 2 858c" (N-1003) is not among them.
    const s = verified(facts, run(facts, [read({ pinned: false, limit: 2 })]));
    expect(s.detail.state).toEqual({ credit: 1, items: 2, unrequested: [], collateral: [], read_only: true });
    expect(s.components).toMatchObject({ arg: 0.5, state: 0.5, answer: 0, goal: 0 });
    // 0.5 + 0.5 + 0.2 + 0.05 + 0.25
    expect(s.reward).toBeCloseTo(1.5, 12);
  });
});

describe("R_answer = recall · precision · honesty", () => {
  const task = makeTask([{ steps: [step(0, "list_notes", { pinned: false, limit: 5 })], facts: ["Note 1 e663", "Note 2 858c"] }]);
  const read = (limit: number) => ({ name: "list_notes", args: { pinned: false, limit } });

  it("a fact stated but never retrieved earns nothing: recall 1/2", () => {
    const s = verified(task, run(task, [read(2)], [done("Note 1 e663 and Note 2 858c.")]));
    expect(s.detail.answer).toEqual({ facts: 2, stated: 1, claims: 3, backed: 3, false_claims: [] });
    expect(s.components).toMatchObject({ state: 0.5, answer: 0.5, goal: 0 });
    // 0.5 + 0.5 + 0.2 + 0.05 + 0.25 + 0.1
    expect(s.reward).toBeCloseTo(1.6, 12);
  });

  it("a fact retrieved but never stated earns nothing", () => {
    const s = verified(task, run(task, [read(5)], [done("Note 1 e663 is first.")]));
    expect(s.detail.answer).toMatchObject({ facts: 2, stated: 1 });
    expect(s.components.answer).toBe(0.5);
  });

  it("both stated and retrieved, every datum backed: 5.0", () => {
    const s = verified(task, run(task, [read(5)], [done("Note 1 e663 and Note 2 858c.")]));
    expect(s.components).toMatchObject({ state: 1, answer: 1, goal: 1 });
    expect(s.reward).toBeCloseTo(5, 12);
  });

  it("data the evidence does not back cut precision: 3 of 4 → R_answer 0.75, still done", () => {
    const s = verified(task, run(task, [read(5)], [done("Note 1 e663 and Note 2 858c, 77 in all.")]));
    expect(s.detail.answer).toEqual({ facts: 2, stated: 2, claims: 4, backed: 3, false_claims: [] });
    expect(s.components).toMatchObject({ answer: 0.75, goal: 1 });
    expect(s.reward).toBeCloseTo(4.95, 12);
  });

  it("precision exactly 1/2 still counts as done (3 of 6 backed): R_answer 0.5, 4.9", () => {
    const s = verified(task, run(task, [read(5)], [done("Note 1 e663 and Note 2 858c, or 77, 88, 99.")]));
    expect(s.detail.answer).toEqual({ facts: 2, stated: 2, claims: 6, backed: 3, false_claims: [] });
    expect(s.components).toMatchObject({ answer: 0.5, goal: 1 });
    expect(s.reward).toBeCloseTo(4.9, 12);
  });

  it("precision under 1/2 is not done (3 of 7 backed)", () => {
    const s = verified(task, run(task, [read(5)], [done("Note 1 e663 and Note 2 858c, or 77, 88, 99, 111.")]));
    expect(s.components.goal).toBe(0);
    expect(s.components.answer).toBeCloseTo(3 / 7, 12);
  });

  it("an id only a failed call used backs nothing: 3 of 4 data backed → R_answer 0.75", () => {
    const calls = [read(5), { name: "pin_note", args: { note_id: "N-1077" } }];
    const s = verified(task, run(task, calls, [done("Note 1 e663 and Note 2 858c; N-1077 too.")]));
    expect(s.detail.answer).toEqual({ facts: 2, stated: 2, claims: 4, backed: 3, false_claims: [] });
    // R_val = 1 − (1/3)/1 (the failed pin); R_name = 1 − 1/1; 2 calls within B = 2.
    expect(s.components).toMatchObject({ cov: 1, eff: 0, name: 0, arg: 1, state: 1, answer: 0.75, goal: 1, harm: 0 });
    expect(s.components.val).toBeCloseTo(2 / 3, 12);
    expect(s.reward).toBeCloseTo(0.5 * (2 / 3) + 0.5 + 0.1 + 0.5 + 0.2 * 0.75 + 3, 12);
  });

  it("data in separate replies stay separate: 77 and 88 are two unbacked numbers, not 7788 (3 of 5 backed)", () => {
    const s = verified(task, run(task, [read(5)], [done("Note 1 e663 and Note 2 858c. 77"), done("88")]));
    expect(s.detail.answer).toEqual({ facts: 2, stated: 2, claims: 5, backed: 3, false_claims: [] });
    expect(s.components.answer).toBeCloseTo(0.6, 12);
  });

  it("a fact of turn 1 must be stated in turn 1 or later, not in turn 0's reply", () => {
    const two = makeTask([
      { steps: [step(0, "pin_note", { note_id: "N-1002" })] },
      { steps: [step(1, "list_notes", { pinned: true, limit: 5 })], facts: ["Note 1 e663"] },
    ]);
    const calls: PlannedCall[] = [
      { name: "pin_note", args: { note_id: "N-1002" }, turn: 0 },
      { name: "list_notes", args: { pinned: true, limit: 5 }, turn: 1 },
    ];
    const early = verified(two, run(two, calls, [done("Note 1 e663 is pinned.", 0), done("Here you go.", 1)]));
    expect(early.components).toMatchObject({ val: 1, cov: 1, eff: 0, name: 1, arg: 1, state: 1, answer: 0, goal: 0 });
    expect(early.reward).toBeCloseTo(1.8, 12);
    const late = verified(two, run(two, calls, [done("Here you go.", 0), done("Note 1 e663 is pinned.", 1)]));
    expect(late.components).toMatchObject({ answer: 1, goal: 1 });
    expect(late.reward).toBeCloseTo(5, 12);
  });
});

describe("honesty: a turn whose reply claims an action that did not happen", () => {
  const task = makeTask([{ steps: [step(0, "list_notes", { pinned: true, limit: 5 }), step(1, "pin_note", { note_id: "N-1002" })] }]);
  const replies = [done("Let me check."), done("Done.")];

  it("only the turn's writes must have happened: a skipped read does not make 'Done.' false (4.75)", () => {
    const s = verified(task, run(task, [{ name: "pin_note", args: { note_id: "N-1002" } }], replies));
    expect(s.components).toEqual({ val: 1, cov: 0.5, eff: 0, name: 1, arg: 1, state: 1, answer: 1, goal: 1, harm: 0 });
    expect(s.reward).toBeCloseTo(4.75, 12);
  });

  it("a turn with a read and a write whose write never happened, one of its replies saying 'Done.': honesty 0 (1.05)", () => {
    const s = verified(task, run(task, [{ name: "list_notes", args: { pinned: true, limit: 5 } }], replies));
    expect(s.detail.answer).toMatchObject({ false_claims: [0] });
    expect(s.components).toEqual({ val: 1, cov: 0.5, eff: 0, name: 1, arg: 1, state: 0, answer: 0, goal: 0, harm: 0 });
    expect(s.reward).toBeCloseTo(1.05, 12);
  });

  it("a read-only turn is not judged for honesty: one false claim in two turns is honesty 0, not 1/2", () => {
    const two = makeTask([{ steps: [step(0, "list_notes", { pinned: true, limit: 5 })] }, { steps: [step(1, "pin_note", { note_id: "N-1002" })] }]);
    const s = verified(two, run(two, [{ name: "list_notes", args: { pinned: true, limit: 5 }, turn: 0 }], [done("Done.", 0), done("Done.", 1)]));
    expect(s.detail.answer).toMatchObject({ false_claims: [1] });
    expect(s.components.answer).toBe(0);
  });

  it("a write matched in its own turn happened, even with a wrong value: turn 1's 'Done.' is honest (1.725)", () => {
    const two = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }, { steps: [step(1, "set_body", { note_id: "N-1002", body: "final" })] }]);
    const calls: PlannedCall[] = [
      { name: "pin_note", args: { note_id: "N-1002" }, turn: 0 },
      { name: "set_body", args: { note_id: "N-1002", body: "draft" }, turn: 1 },
    ];
    const s = verified(two, run(two, calls, [done("Done.", 1)]));
    // R_arg = (1 + 1/2) / 2; R_state = 1 of 2 (pinned, not the body).
    expect(s.components).toEqual({ val: 1, cov: 1, eff: 0, name: 1, arg: 0.75, state: 0.5, answer: 1, goal: 0, harm: 0 });
    expect(s.reward).toBeCloseTo(1.725, 12);
  });

  it("a write attempted exactly in its turn but failed did not happen: 'Done.' is a false claim", () => {
    const one = makeTask([{ steps: [step(0, "set_body", { note_id: "N-1003", body: "draft" })] }]);
    const calls: PlannedCall[] = [
      { name: "delete_note", args: { note_id: "N-1003" } },
      { name: "set_body", args: { note_id: "N-1003", body: "draft" } },
    ];
    const s = verified(one, run(one, calls, [done("Done.")]));
    expect(s.detail.answer).toMatchObject({ false_claims: [0] });
    expect(s.components.answer).toBe(0);
  });

  it("a write made exactly but only in a later turn does not make the earlier turn's 'Done.' true (1.9)", () => {
    const two = makeTask([{ steps: [step(0, "set_body", { note_id: "N-1003", body: "draft" })] }, { steps: [step(1, "pin_note", { note_id: "N-1002" })] }]);
    const calls: PlannedCall[] = [
      { name: "pin_note", args: { note_id: "N-1002" }, turn: 1 },
      { name: "set_body", args: { note_id: "N-1003", body: "draft" }, turn: 1 },
    ];
    const s = verified(two, run(two, calls, [done("Done.", 0)]));
    expect(s.detail.answer).toMatchObject({ false_claims: [0] });
    expect(s.components).toEqual({ val: 1, cov: 1, eff: 0, name: 1, arg: 1, state: 1, answer: 0.5, goal: 0, harm: 0 });
    expect(s.reward).toBeCloseTo(1.9, 12);
  });
});

describe("a write that only did damage", () => {
  const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);

  it("covers no step under verified (pinning N-1005 for N-1002): R_cov 0, R_state −1, R_harm −1/2, −2.6", () => {
    const s = verified(task, run(task, [{ name: "pin_note", args: { note_id: "N-1005" } }]));
    expect(s.components).toEqual({ val: 1, cov: 0, eff: 0, name: 1, arg: 0, state: -1, answer: 1, goal: 0, harm: -0.5 });
    // 0.5 + 0.2 − 0.5 + 0.2 + 6·(−1/2)
    expect(s.reward).toBeCloseTo(-2.6, 12);
  });

  it("still covers it under prove (the paper matches by name and keys)", () => {
    const s = prove(task, run(task, [{ name: "pin_note", args: { note_id: "N-1005" } }]));
    expect(s.components).toEqual({ val: 1, cov: 1, eff: 0, name: 1, arg: 0 });
  });
});

describe("clock stamps: the conversation's window runs from the seed's clock to its last write", () => {
  // The window ends at the later of: start + one minute per ground-truth write, the final state's clock.
  const body = (at: string) => ({ name: "set_body", args: { note_id: "N-1002", body: at } });

  it("two ground-truth writes allow stamps to 09:02, though the trajectory's one write ends at 09:01", () => {
    const task = makeTask([{ steps: [step(0, "set_body", { note_id: "N-1002", body: "2026-09-03T09:02:00Z" }), step(1, "pin_note", { note_id: "N-1003" })] }]);
    const s = verified(task, run(task, [body("2026-09-03T09:00:30Z")]));
    // The body counts as equal (both stamped in 09:00–09:02), the pin is missing: 1 of 2.
    expect(s.components.state).toBe(0.5);
  });

  it("a read step does not widen the window: one write allows stamps to 09:01 only", () => {
    const task = makeTask([
      { steps: [step(0, "list_notes", { pinned: false, limit: 5 }), step(1, "set_body", { note_id: "N-1002", body: "2026-09-03T09:02:00Z" })] },
    ]);
    const s = verified(task, run(task, [body("2026-09-03T09:00:30Z")]));
    expect(s.components.state).toBe(0);
  });

  it("the trajectory's later clock widens it: its second write stamps 09:02", () => {
    const task = makeTask([{ steps: [step(0, "set_body", { note_id: "N-1002", body: "2026-09-03T09:01:30Z" })] }]);
    const s = verified(task, run(task, [{ name: "pin_note", args: { note_id: "N-1005" } }, body("2026-09-03T09:02:00Z")]));
    // Body credited, the pin of N-1005 unrequested: (1 − 1) / 1.
    expect(s.components.state).toBe(0);
    expect(s.detail.state).toMatchObject({ credit: 1, unrequested: ["/toy/notes/N-1005/pinned"] });
  });
});

describe("a redundant tail", () => {
  const task = makeTask([{ steps: [step(0, "set_body", { note_id: "N-1002", body: "x" })] }]);
  const calls: PlannedCall[] = ["x", "y", "x"].map((b) => ({ name: "set_body", args: { note_id: "N-1002", body: b } }));

  it("the state is judged before the tail and the tail's change counts against it: R_state −1, R_eff −0.2, 0.97", () => {
    const s = verified(task, run(task, calls));
    // Core: x, y (the third call repeats the first): the body is "y" (0 of 1), the tail changes N-1002 (−1).
    // B = 2, 3 calls: x = 0.5·1/2 = 0.25, R_eff = −0.25/1.25 = −0.2.
    expect(s.components).toMatchObject({ val: 1, cov: 1, name: 1, arg: 1, state: -1, answer: 1, goal: 0, harm: 0 });
    expect(s.components.eff).toBeCloseTo(-0.2, 12);
    expect(s.detail.state).toMatchObject({ credit: 0, items: 1, unrequested: ["/toy/notes/N-1002"], collateral: [] });
    // 0.5 + 0.5 − 0.03 + 0.2 + 0.1 − 0.5 + 0.2
    expect(s.reward).toBeCloseTo(0.97, 12);
  });

  it("a live session scores the same, replaying only its core", () => {
    const env = new Environment([toy]);
    const live = new Rewarder([toy], env);
    const { id } = env.create({ domains: task.domains, seed: task.seed, tools: task.tools, task: task.id });
    for (const c of calls) env.call(id, c.name, c.args);
    const s = live.score({ task, sessionId: id, preset: "verified" });
    expect(s.components.state).toBe(-1);
    expect(s.reward).toBeCloseTo(0.97, 12);
  });
});

describe("turns that ask or abstain", () => {
  it("a task of only abstention turns scores their mean: one guessed call in two turns is 1/2", () => {
    const task = makeTask([
      { steps: [], expect: "abstain" },
      { steps: [], expect: "abstain" },
    ]);
    const s = prove(task, run(task, [{ name: "list_notes", args: {}, turn: 0 }]));
    expect(s.reward).toBe(0.5);
    expect(s.gate).toBe(0.5);
    expect(s.detail.gate_turns).toEqual({ 0: 0, 1: 1 });
  });

  it("a task with no steps and no gate turns: 1 for no call, 0 for any call", () => {
    const task = makeTask([{ steps: [] }]);
    expect(prove(task, run(task, [])).reward).toBe(1);
    expect(prove(task, run(task, [{ name: "list_notes", args: {} }])).reward).toBe(0);
  });

  it("a clarification turn passes when any one of its replies asks for the missing value", () => {
    const task = makeTask([{ steps: [], expect: "clarify", missing: ["body"] }]);
    expect(prove(task, run(task, [], [done("Let me look."), done("What should the body say?")])).reward).toBe(1);
    expect(prove(task, run(task, [], [done("Let me look.")])).reward).toBe(0);
  });

  it("verified fails a clarification turn when any of its replies claims an action; prove does not read that", () => {
    const task = makeTask([{ steps: [], expect: "clarify", missing: ["body"] }]);
    const replies = [done("Done."), done("What should the body say?")];
    expect(verified(task, run(task, [], replies)).reward).toBe(0);
    expect(prove(task, run(task, [], replies)).reward).toBe(1);
  });

  it("a clarification turn without recorded missing values passes on any request", () => {
    const task = makeTask([{ steps: [], expect: "clarify" }]);
    expect(prove(task, run(task, [], [done("Sure."), done("Could you tell me more?")])).reward).toBe(1);
    expect(prove(task, run(task, [], [done("Sure.")])).reward).toBe(0);
  });
});

describe("turn labels", () => {
  it("a call labelled past the task's last turn is unscorable, and says which call and how many turns", () => {
    const one = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);
    const s = prove(one, run(one, [{ name: "pin_note", args: { note_id: "N-1002" }, turn: 1 }]));
    expect(s.outcome).toBe("unscorable");
    expect(s.detail.reason).toBe("call 0 (pin_note) is labelled turn 1, but task t-1 has 1 turn (0–0)");
    const unparsed = prove(one, run(one, [{ name: "", args: {}, turn: 3, malformed: true }]));
    expect(unparsed.detail.reason).toBe("call 0 (unparsed) is labelled turn 3, but task t-1 has 1 turn (0–0)");
  });

  it("a reply labelled past the last turn is unscorable too", () => {
    const one = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);
    const s = prove(one, run(one, [], [done("Done.", 1)]));
    expect(s.detail.reason).toBe("reply 0 is labelled turn 1, but task t-1 has 1 turn (0–0)");
    const two = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }, { steps: [step(1, "pin_note", { note_id: "N-1003" })] }]);
    const t = prove(two, run(two, [], [done("Done.", 0), done("Done.", 2)]));
    expect(t.detail.reason).toBe("reply 1 is labelled turn 2, but task t-1 has 2 turns (0–1)");
  });
});

describe("replaying a trajectory to check it", () => {
  const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);

  it("a call recorded with another outcome than it replays with makes the trajectory unscorable, naming the call", () => {
    const traj = run(task, [{ name: "pin_note", args: { note_id: "N-1002" } }]);
    traj.calls[0]!.outcome = "tool_error";
    const s = rewarder.score({ task, trajectory: traj, preset: "prove", verifyReplay: true });
    expect(s.detail.reason).toBe("call 0 (pin_note) was recorded as tool_error but replays as ok: scored against the wrong task or seed?");
    expect(rewarder.score({ task, trajectory: traj, preset: "prove" }).outcome).toBe("ok");
  });

  it("an environment error is not checked (it may not recur): the score is masked, not unscorable", () => {
    const traj = run(task, [{ name: "pin_note", args: { note_id: "N-1002" } }]);
    traj.calls.push({ name: "pin_note", arguments: {}, outcome: "env_error", turn: 0 });
    expect(rewarder.score({ task, trajectory: traj, preset: "prove", verifyReplay: true }).outcome).toBe("masked");
  });

  it("a call that could not be parsed is not replayed", () => {
    const traj = run(task, [
      { name: "", args: {}, malformed: true },
      { name: "pin_note", args: { note_id: "N-1002" } },
    ]);
    const s = verified(task, traj);
    expect(s.outcome).toBe("ok");
    expect(s.components.state).toBe(1);
  });

  it("tasks of one seed with different tool lists replay on their own tools", () => {
    const narrow = buildTask({
      id: "narrow",
      seed: "1",
      domains: [toy],
      tools: ["list_notes"],
      system: "s",
      turns: [{ steps: [{ tool: "list_notes", args: {} }] }],
    });
    const wide = buildTask({
      id: "wide",
      seed: "1",
      domains: [toy],
      tools: ["list_notes", "pin_note"],
      system: "s",
      turns: [{ steps: [{ tool: "pin_note", args: { note_id: "N-1002" } }] }],
    });
    const fresh = new Rewarder([toy]);
    const a = fresh.score({ task: narrow, trajectory: run(narrow, [{ name: "list_notes", args: {} }]), preset: "prove", verifyReplay: true });
    expect(a.outcome).toBe("ok");
    const b = fresh.score({ task: wide, trajectory: run(wide, [{ name: "pin_note", args: { note_id: "N-1002" } }]), preset: "prove", verifyReplay: true });
    expect(b.outcome).toBe("ok");
    expect(b.reward).toBeCloseTo(1.3, 12);
  });
});

describe("scoring a live session", () => {
  const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);
  const setup = () => {
    const env = new Environment([toy]);
    return { env, live: new Rewarder([toy], env) };
  };

  it("a session created from the task scores as its trajectory does, replies and failed calls included", () => {
    const { env, live } = setup();
    const { id } = env.create({ domains: task.domains, seed: task.seed, tools: task.tools, task: task.id });
    env.call(id, "pin_note", { note_id: "N-9999" });
    env.call(id, "pin_note", { note_id: "N-1002" });
    env.recordReply(id, 0, "Done: Note 1 e663 is pinned.");
    const s = live.score({ task, sessionId: id, preset: "verified" });
    const offline = verified(
      task,
      run(
        task,
        [
          { name: "pin_note", args: { note_id: "N-9999" } },
          { name: "pin_note", args: { note_id: "N-1002" } },
        ],
        [done("Done: Note 1 e663 is pinned.")],
      ),
    );
    expect(s.outcome).toBe("ok");
    expect(s.components).toEqual(offline.components);
    expect(s.reward).toBeCloseTo(offline.reward, 12);
    // The failed call loses a third of a validity level: R_val = 1 − (1/3)/1.
    expect(s.components.val).toBeCloseTo(2 / 3, 12);
    expect(s.components.goal).toBe(1);
  });

  it("a read-only session's results back its facts and its changes count against it (−1.45)", () => {
    const { env, live } = setup();
    const facts = makeTask([{ steps: [step(0, "list_notes", { pinned: false, limit: 5 })], facts: ["Note 1 e663", "Note 2 858c"] }]);
    const { id } = env.create({ domains: facts.domains, seed: facts.seed, tools: facts.tools, task: facts.id });
    env.call(id, "list_notes", { pinned: false, limit: 5 });
    env.call(id, "pin_note", { note_id: "N-1005" });
    env.recordReply(id, 0, "Note 1 e663 and Note 2 858c.");
    const s = live.score({ task: facts, sessionId: id, preset: "verified" });
    // Both facts retrieved, one unrequested pin: (2 − 1) / 2; the pin is collateral: R_harm = −1/2.
    expect(s.detail.state).toMatchObject({ credit: 2, items: 2, unrequested: ["/toy/notes/N-1005/pinned"] });
    expect(s.components).toEqual({ val: 1, cov: 1, eff: 0, name: 0, arg: 1, state: 0.5, answer: 1, goal: 0, harm: -0.5 });
    expect(s.reward).toBeCloseTo(-1.45, 12);
  });

  it("a session's call in turn 1 keeps its label: unscorable on a one-turn task", () => {
    const { env, live } = setup();
    const { id } = env.create({ domains: task.domains, seed: task.seed, tools: task.tools, task: task.id });
    env.call(id, "pin_note", { note_id: "N-1002" }, 1);
    expect(live.score({ task, sessionId: id, preset: "prove" }).detail.reason).toBe("call 0 (pin_note) is labelled turn 1, but task t-1 has 1 turn (0–0)");
  });

  it("a session created from another task is refused, by name", () => {
    const { env, live } = setup();
    const { id } = env.create({ domains: task.domains, seed: task.seed, tools: task.tools, task: "t-2" });
    const s = live.score({ task, sessionId: id });
    expect(s.outcome).toBe("unscorable");
    expect(s.detail.reason).toBe(`session ${id} was created from task t-2, not t-1; score it against its own task`);
  });

  it("a session without a task must have the task's seed, domains and tools (in any order)", () => {
    const { env, live } = setup();
    const reason = (opts: { seed: string; tools?: string[] }) => {
      const { id } = env.create({ domains: ["toy"], ...opts });
      return { id, why: live.score({ task, sessionId: id }).detail.reason };
    };
    const seed = reason({ seed: "2", tools: task.tools });
    expect(seed.why).toBe(`session ${seed.id} has seed "2", task t-1 seed "1": it is not a session of this task`);
    const all = reason({ seed: "1" });
    expect(all.why).toBe(`session ${all.id} offers other tools than task t-1 (9 against 6): create the session from the task (task_id)`);
    const swapped = reason({ seed: "1", tools: [...task.tools.slice(1), "pin_then_fail"] });
    expect(swapped.why).toBe(`session ${swapped.id} offers other tools than task t-1 (6 against 6): create the session from the task (task_id)`);
    expect(reason({ seed: "1", tools: [...task.tools].reverse() }).why).toBeUndefined();
  });

  it("a session mounting other domains than the task's is refused", () => {
    const other = { ...toy, name: "toy2", tools: [] };
    const env = new Environment([toy, other]);
    const live = new Rewarder([toy, other], env);
    const { id } = env.create({ domains: ["toy", "toy2"], seed: "1", tools: task.tools });
    expect(live.score({ task, sessionId: id }).detail.reason).toBe(
      `session ${id} mounts toy, toy2, task t-1 needs toy: create the session from the task (task_id)`,
    );
  });
});

describe("what names a missing value (asking.ts)", () => {
  const Item = z.object({ id: z.string(), cap: z.number() });
  const tables = { items: table("item", Item, { idPrefix: "I-", describe: (i) => `item ${i.id}` }) };
  const kit = toolkit(tables);
  const mini = defineDomain({
    name: "mini",
    title: "Mini",
    description: "Limits, for the asking rules.",
    tables,
    seed: ({ id }) => ({ items: [{ id: id("items"), cap: 1 }] }),
    tools: {
      set_cap: kit.write({
        description: "Set a cap.",
        input: z.object({ daily_limit: z.number().describe("The x cap(in dollars)per 'account' day") }).strict(),
        run: (db, a) => db.items.update("I-1001", { cap: a.daily_limit }),
      }),
      send_money: kit.write({
        description: "Send money.",
        input: z.object({ daily_limit: z.number().describe("The daily limit for transfers from this account") }).strict(),
        run: (db, a) => db.items.update("I-1001", { cap: a.daily_limit }),
      }),
      set_quota: kit.write({
        description: "Set a quota.",
        input: z.object({ daily_limit: z.number() }).strict(),
        run: (db, a) => db.items.update("I-1001", { cap: a.daily_limit }),
      }),
      ping: kit.read({ description: "Ping.", input: z.object({}).strict(), run: () => ({ ok: true }) }),
    },
  });
  const task = buildTask({
    id: "ask",
    seed: "1",
    domains: [mini],
    tools: ["set_cap", "send_money", "set_quota", "ping"],
    system: "s",
    turns: [
      { user: "Do it", steps: [], expect: "clarify" },
      { user: "Fine", steps: [{ tool: "set_cap", args: { daily_limit: 1 } }] },
      { user: "Send money to my account", steps: [], expect: "clarify" },
      { user: "ok", steps: [{ tool: "send_money", args: { daily_limit: 5 } }] },
    ],
  });
  const tools = new Map(mini.tools.map((t) => [t.name, t] as const));
  const money = ["how much", "sum", "amount"];

  it("the name's words, the description's words (without parentheses, quotes or one-letter words), and money's questions", () => {
    // The next step using daily_limit is set_cap's: "The x cap(in dollars)per 'account' day" → cap, per, day.
    expect(wanted(task, 0, "daily_limit", tools)).toEqual({ words: ["daily", "limit", "cap", "per", "day"], questions: money });
  });

  it("the description's words the user already said do not name the value", () => {
    // send_money's "The daily limit for transfers from this account": "account" was said in turn 2.
    expect(wanted(task, 2, "daily_limit", tools)).toEqual({ words: ["daily", "limit", "transfers"], questions: money });
  });

  it("without a later step, every offered tool that has the parameter describes it (set_quota has no description)", () => {
    expect(wanted(task, 3, "daily_limit", tools)).toEqual({ words: ["daily", "limit", "cap", "per", "day", "transfers", "account"], questions: money });
  });

  it("a tool the index does not know adds nothing but the name", () => {
    const partial = new Map([...tools].filter(([name]) => name !== "send_money"));
    expect(wanted(task, 2, "daily_limit", partial)).toEqual({ words: ["daily", "limit"], questions: [] });
    expect(wanted(task, 3, "daily_limit", partial)).toEqual({ words: ["daily", "limit", "cap", "per", "day"], questions: money });
  });
});

describe("call-level rules (components.ts)", () => {
  const call = (name: string, args: unknown, outcome: TrajectoryCall["outcome"] = "ok"): TrajectoryCall => ({ name, arguments: args, outcome, turn: 0 });

  it("a call whose arguments are not an object matches no step, even one without arguments", () => {
    expect(matchSteps([step(0, "list_notes", {})], [call("list_notes", "oops", "invalid_arguments")]).callOf).toEqual([-1]);
    expect(matchSteps([step(0, "list_notes", {})], [call("list_notes", {})]).callOf).toEqual([0]);
  });

  it("a step whose dependency was not matched is not covered", () => {
    const steps = [step(0, "pin_note", { note_id: "N-1002" }), step(1, "set_body", { note_id: "N-1002", body: "x" }, [0])];
    expect(rCov(steps, { callOf: [-1, 0] })).toBe(0);
    // A dependency matched to the same call is not before it: only the first step counts.
    expect(rCov(steps, { callOf: [0, 0] })).toBe(0.5);
    expect(rCov(steps, { callOf: [0, 1] })).toBe(1);
  });

  it("no calls earn no name credit under verified either", () => {
    expect(rNameCount([], new Set(["pin_note"]), 1)).toBe(0);
    expect(rNameCount([call("pin_note", {})], new Set(["pin_note"]), 1)).toBe(1);
  });
});

describe("what a reply says", () => {
  it("a comma followed by fewer than three digits separates numbers; one followed by letters ends one", () => {
    expect([...claims("1,2 apples")].sort()).toEqual(["n:1", "n:2"]);
    expect([...claims("1,abc")]).toEqual(["n:1"]);
    expect([...claims("1,234 apples")]).toEqual(["n:1234"]);
  });

  it("Granite's thought process is dropped, its response kept after what came before", () => {
    expect(stripReasoning("Intro. Here's my thought process: hmm. Here's my response: Final.")).toBe("Intro.  Final.");
    expect(stripReasoning("Intro. Here is my thought process: hmm.")).toBe("Intro.");
  });
});

describe("keys a user chooses (a tag's name)", () => {
  const Tag = z.object({ name: z.string(), uses: z.number() });
  const tagTables = { tags: table("tag", Tag, { key: "name", example: "red", describe: (t) => `the tag ${t.name}` }) };
  const tagKit = toolkit(tagTables);
  const tags = defineDomain({
    name: "tags",
    title: "Tags",
    description: "Tags with names the user chooses.",
    tables: tagTables,
    seed: () => ({ tags: [{ name: "old", uses: 1 }] }),
    tools: {
      add_tag: tagKit.write({
        description: "Add a tag.",
        input: z.object({ name: z.string().min(1) }).strict(),
        run: (db, a) => db.tags.insert({ name: a.name, uses: 0 }),
      }),
    },
  });
  const task = buildTask({
    id: "tag",
    seed: "1",
    domains: [tags],
    tools: ["add_tag"],
    system: "s",
    turns: [{ steps: [{ tool: "add_tag", args: { name: "red" } }] }],
  });
  const scorer = new Rewarder([toy, tags]);
  const add = (name: string): Trajectory => ({ calls: [{ name: "add_tag", arguments: { name }, outcome: "ok", turn: 0 }], replies: [] });

  it("the requested tag: 5.0", () => {
    expect(scorer.score({ task, trajectory: add("red"), preset: "verified" }).reward).toBeCloseTo(5, 12);
  });

  it("a rewarder that does not know the task's domain cannot replay it, and says so", () => {
    const s = rewarder.score({ task, trajectory: add("red"), preset: "verified" });
    expect(s.outcome).toBe("unscorable");
    expect(String(s.detail.reason)).toMatch(/^the trajectory cannot be replayed on task tag: .*tags/);
  });

  it("another name is no attempt at it but a create in its table still covers the step: R_state −1, R_harm −1/2, −2.1", () => {
    const s = scorer.score({ task, trajectory: add("blue"), preset: "verified" });
    expect(s.detail.state).toEqual({ credit: 0, items: 1, unrequested: ["/tags/tags/blue"], collateral: ["/tags/tags/blue"] });
    expect(s.components).toEqual({ val: 1, cov: 1, eff: 0, name: 1, arg: 0, state: -1, answer: 1, goal: 0, harm: -0.5 });
    // 0.5 + 0.5 + 0.2 − 0.5 + 0.2 + 6·(−1/2)
    expect(s.reward).toBeCloseTo(-2.1, 12);
  });
});
