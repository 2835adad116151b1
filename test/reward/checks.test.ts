/** The reward's refusals and group statistics, with the expected messages and figures written out. */
import { describe, expect, it } from "vitest";
import { resolveConfig, Rewarder, summarizeGroup, type ScoreResult } from "../../ts/reward/index.ts";
import { scoreTrajectory } from "../../ts/reward/score.ts";
import { stateValue } from "../../ts/reward/state.ts";
import { toy } from "../helpers/toy-domain.ts";
import { makeTask, run, step } from "./helpers.ts";

const tools = new Map(toy.tools.map((t) => [t.name, t] as const));

describe("refusals", () => {
  const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);

  it("a call labelled past a one-turn task names the single turn (0–0)", () => {
    const s = scoreTrajectory(task, run(task, [{ name: "pin_note", args: { note_id: "N-1002" }, turn: 1 }]), resolveConfig("prove"), tools);
    expect([s.outcome, s.reward, s.detail.reason]).toEqual(["unscorable", 0, "call 0 (pin_note) is labelled turn 1, but task t-1 has 1 turn (0–0)"]);
  });

  it("an unparsed call labelled past the task is named as unparsed", () => {
    const s = scoreTrajectory(task, run(task, [{ name: "", args: {}, turn: 3, malformed: true }]), resolveConfig("prove"), tools);
    expect(s.detail.reason).toBe("call 0 (unparsed) is labelled turn 3, but task t-1 has 1 turn (0–0)");
  });

  it("the verified preset without the final state is unscorable, and says what it needs", () => {
    const s = scoreTrajectory(task, run(task, [{ name: "pin_note", args: { note_id: "N-1002" } }]), resolveConfig("verified"), tools);
    expect([s.outcome, s.detail.reason]).toEqual(["unscorable", "the verified preset needs the trajectory's final state (a session, or a replay)"]);
    expect(s.preset).toBe("verified");
  });

  it("a request with neither a trajectory nor a session, or a session without an environment, is a caller's mistake", () => {
    const r = new Rewarder([toy]);
    expect(() => r.score({ task })).toThrow(/^give a trajectory or a session to score$/);
    expect(() => r.score({ task, sessionId: "S-1" })).toThrow(/^this rewarder has no environment to read sessions from$/);
  });
});

describe("a group's statistics", () => {
  const result = (reward: number, outcome: ScoreResult["outcome"], components: ScoreResult["components"] = {}): ScoreResult => ({
    reward,
    components,
    weights: resolveConfig("prove").weights,
    gate: 1,
    preset: "prove",
    config_hash: "x",
    outcome,
    detail: {},
  });

  it("rewards 1, 2, 4 (and a masked 9): mean 7/3, standard deviation √(14/9) over the population", () => {
    const g = summarizeGroup([result(1, "ok", { val: 1 }), result(2, "ok"), result(4, "ok"), result(9, "masked")]);
    expect(g.mean).toBeCloseTo(7 / 3, 12);
    // deviations −4/3, −1/3, 5/3: squares 16/9 + 1/9 + 25/9 = 42/9, over 3 → 14/9
    expect(g.std).toBeCloseTo(Math.sqrt(14 / 9), 12);
    expect(g.table.reward).toEqual([1, 2, 4, 9]);
    // Only the components some trajectory has get a row.
    expect(Object.keys(g.table)).toEqual(["reward", "val"]);
    expect(g.table.val).toEqual([1, Number.NaN, Number.NaN, Number.NaN]);
  });

  it("no scored trajectory: mean and deviation 0, every reward NaN", () => {
    const g = summarizeGroup([undefined, result(3, "unscorable")]);
    expect([g.mean, g.std]).toEqual([0, 0]);
    expect(g.table.reward).toEqual([Number.NaN, Number.NaN]);
  });
});

describe("R_state from its parts: (credit − unrequested) / items, floored at −1", () => {
  // [credit, items, unrequested changes, R_state]
  const cases: Array<[number, number, number, number]> = [
    [4, 4, 0, 1],
    [3, 4, 0, 0.75],
    [3, 4, 1, 0.5],
    [1, 4, 3, -0.5],
    [0, 2, 2, -1],
    [0, 2, 5, -1], // −2.5 floored
    [0, 0, 0, 1], // nothing asked, nothing changed
    [0, 0, 2, -1], // nothing asked, something changed
  ];
  for (const [credit, items, unrequested, value] of cases) {
    it(`credit ${credit} of ${items}, ${unrequested} unrequested → ${value}`, () => expect(stateValue(credit, items, unrequested)).toBe(value));
  }
});
