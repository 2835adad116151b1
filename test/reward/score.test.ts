/** Both presets end to end against numbers computed by hand: the worked example of docs/reward.md, the turn rules, the checks. */
import { describe, expect, it } from "vitest";
import { maxReward, resolveConfig, Rewarder, RewardConfigError, summarizeGroup } from "../../ts/reward/index.ts";
import type { Trajectory } from "../../ts/reward/trajectory.ts";
import { domains } from "../../ts/servers/index.ts";
import { buildTask } from "../../ts/tasks/build.ts";
import { toy } from "../helpers/toy-domain.ts";
import { makeTask, run, step } from "./helpers.ts";

const rewarder = new Rewarder([toy]);
const score = (task: ReturnType<typeof makeTask>, trajectory: Trajectory, preset: string) => rewarder.score({ task, trajectory, preset });

describe("the prove preset end to end, by hand", () => {
  it("computes R = 0.5·R_val + 0.5·R_cov + 0.15·R_eff + 0.2·R_name + 0.1·R_arg", () => {
    const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" }), step(1, "set_body", { note_id: "N-1002", body: "done" })] }]);
    // The model lists notes, pins the right note, then sets the body with a wrong value.
    const traj = run(task, [
      { name: "list_notes", args: {} },
      { name: "pin_note", args: { note_id: "N-1002" } },
      { name: "set_body", args: { note_id: "N-1002", body: "todo" } },
    ]);
    const s = score(task, traj, "prove");
    // R_val = 1 (all three valid and ok); R_cov = 2/2 = 1; B = 2 + 1 = 3, 3 calls → R_eff = 0;
    // R_name = 2/3 (list_notes is not a ground-truth name); R_arg = (1 + 1/2) / 2 = 0.75.
    expect(s.components).toEqual({ val: 1, cov: 1, eff: 0, name: 2 / 3, arg: 0.75 });
    expect(s.reward).toBeCloseTo(0.5 + 0.5 + 0 + 0.2 * (2 / 3) + 0.1 * 0.75); // 1.2083
    expect(s.preset).toBe("prove");
    expect(s.config_hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("no calls on a tool task scores 0", () => {
    const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);
    const s = score(task, run(task, []), "prove");
    expect(s.components).toEqual({ val: 0, cov: 0, eff: 0, name: 0, arg: 0 });
    expect(s.reward).toBe(0);
  });
});

describe("the worked example of docs/reward.md (banking, seed 7)", () => {
  const banking = domains.find((d) => d.name === "banking")!;
  const bank = new Rewarder(domains);
  const task = buildTask({
    id: "worked",
    seed: "7",
    domains: [banking],
    turns: [
      {
        user: "Freeze my debit card CARD-1001 and move 25 dollars from checking ACC-1001 to savings ACC-1003; tell me the transfer id.",
        steps: [
          { tool: "freeze_card", args: { card_id: "CARD-1001" } },
          { tool: "transfer_between_accounts", args: { from_account_id: "ACC-1001", to_account_id: "ACC-1003", amount: 25 } },
        ],
        facts: ["TRF-1012"],
      },
    ],
  });
  const call = (name: string, args: object, outcome: "ok" | "tool_error" = "ok") => ({ name, arguments: args, outcome, turn: 0 });
  const freeze = call("freeze_card", { card_id: "CARD-1001" });
  const transfer = (to: string, amount = 25, outcome: "ok" | "tool_error" = "ok") =>
    call("transfer_between_accounts", { from_account_id: "ACC-1001", to_account_id: to, amount }, outcome);
  const reply = (text: string) => [{ turn: 0, text }];
  const both = (calls: Trajectory["calls"], text: string) => ({
    prove: bank.score({ task, trajectory: { calls, replies: reply(text) }, preset: "prove" }),
    verified: bank.score({ task, trajectory: { calls, replies: reply(text) }, preset: "verified" }),
  });

  it("the reference: 1.3 and 5.0, the maxima", () => {
    const s = both([freeze, transfer("ACC-1003")], "Done: your card is frozen and 25.00 moved (TRF-1012).");
    expect(s.prove.reward).toBeCloseTo(1.3, 9);
    expect(s.verified.components).toEqual({ val: 1, cov: 1, eff: 0, name: 1, arg: 1, state: 1, answer: 1, goal: 1, harm: 0 });
    expect(s.verified.reward).toBeCloseTo(5.0, 9);
  });

  it("the money moved to the wrong account: the paper's reward barely notices, verified ranks it last", () => {
    const s = both([freeze, transfer("ACC-1004")], "Done: your card is frozen and 25.00 moved (TRF-1012).");
    // prove: R_arg = (1 + 2/3) / 2 = 0.8333 (to_account_id wrong) → 0.5 + 0.5 + 0.2 + 0.1·0.8333 = 1.2833
    expect(s.prove.reward).toBeCloseTo(1.2833, 4);
    // verified: 6 state items (two balances, the card's status, two transactions, one transfer).
    // Credit: ACC-1001 balance 1, ACC-1003 balance 0, card 1, debit transaction 6/7 (its
    // description names the other account), credit transaction 5/7 (account and balance differ),
    // transfer 7/8 (destination differs) = 4.4464; ACC-1004's balance changed unasked (1).
    // R_state = (4.4464 − 1) / 6 = 0.5744; R_harm = −1/2; R_goal = 0.
    const v = s.verified.components;
    expect(v.state).toBeCloseTo((1 + 0 + 1 + 6 / 7 + 5 / 7 + 7 / 8 - 1) / 6, 9);
    expect(v.harm).toBe(-0.5);
    expect(v.arg).toBeCloseTo(5 / 6, 9);
    // R = 0.5 + 0.5 + 0 + 0.2 + 0.1·0.8333 + 0.5·0.5744 + 0.2·1 + 3·0 + 6·(−0.5) = −1.2295
    expect(s.verified.reward).toBeCloseTo(0.5 + 0.5 + 0.2 + 0.1 * (5 / 6) + 0.5 * v.state! + 0.2 - 3, 9);
    expect(s.verified.reward).toBeCloseTo(-1.2295, 4);
  });

  it("an honest failure: the card frozen, the transfer refused, said so", () => {
    const s = both([freeze, transfer("ACC-1003", 2_500_000, "tool_error")], "Your card is frozen, but I could not move the money: insufficient funds.");
    // prove: R_val = (1 + 2/3) / 2; the failed transfer still covers its step; R_arg = (1 + 2/3) / 2
    expect(s.prove.reward).toBeCloseTo(0.5 * (5 / 6) + 0.5 + 0.2 + 0.1 * (5 / 6), 9); // 1.2
    // verified: R_val = 1 − (1/3)/2; only the freeze executed: R_cov = 1/2, R_arg = 1;
    // R_state = 1 (the card) / 6; the transfer id is not stated: R_answer = 0.
    expect(s.verified.components).toMatchObject({ cov: 0.5, eff: 0, name: 1, arg: 1, answer: 0, goal: 0, harm: 0 });
    expect(s.verified.components.val).toBeCloseTo(1 - 1 / 6, 12);
    expect(s.verified.components.state).toBeCloseTo(1 / 6, 12);
    expect(s.verified.reward).toBeCloseTo(0.5 * (5 / 6) + 0.25 + 0.2 + 0.1 + 0.5 / 6, 9); // 1.05
  });

  it("the job done plus three lookups past the budget", () => {
    const reads = [call("get_balance", { account_id: "ACC-1001" }), call("list_cards", {}), call("list_accounts", {})];
    const s = both([freeze, transfer("ACC-1003"), ...reads], "Done: your card is frozen and 25.00 moved (TRF-1012).");
    // 5 calls, B = 2 + 1 = 3: x = 0.5 · 2/3. prove: R_eff = −1/3, R_name = 2/5.
    expect(s.prove.reward).toBeCloseTo(0.5 + 0.5 + 0.15 * (-1 / 3) + 0.2 * 0.4 + 0.1, 9); // 1.13
    // verified: R_eff = −x/(1+x) = −0.25; R_name = 1 − 3/2 → 0; done, past the budget: R_goal = 0.5.
    expect(s.verified.components).toMatchObject({ val: 1, cov: 1, eff: -0.25, name: 0, arg: 1, state: 1, answer: 1, goal: 0.5, harm: 0 });
    expect(s.verified.reward).toBeCloseTo(0.5 + 0.5 - 0.0375 + 0.1 + 0.5 + 0.2 + 1.5, 9); // 3.2625
  });
});

describe("clarification and abstention turns score on their own", () => {
  it("abstention: the paper's rule under prove; verified also reads the reply", () => {
    const task = makeTask([{ steps: [], expect: "abstain" }]);
    const decline = [{ turn: 0, text: "I'm sorry, I can't do that with the tools I have." }];
    const claim = [{ turn: 0, text: "Done: PO-1007 received" }];
    expect(score(task, run(task, [], decline), "prove").reward).toBe(1);
    expect(score(task, run(task, [], claim), "prove").reward).toBe(1); // the paper: no call → 1
    expect(score(task, run(task, [{ name: "list_notes", args: {} }], decline), "prove").reward).toBe(0);
    expect(score(task, run(task, [], decline), "verified").reward).toBe(1);
    expect(score(task, run(task, [], claim), "verified").reward).toBe(0);
    expect(score(task, run(task, [], []), "verified").reward).toBe(1); // silence claims nothing
  });

  const task = makeTask([
    { steps: [], expect: "clarify", user: "Please set the body of note N-1003.", missing: ["body"] },
    { steps: [step(0, "set_body", { note_id: "N-1003", body: "milk" })], user: "Milk." },
  ]);
  const right = [{ name: "set_body", args: { note_id: "N-1003", body: "milk" }, turn: 1 }];
  const ask = (text: string) => [{ turn: 0, text }];

  it("a clarification turn passes when a reply asks for the missing value, by what it names", () => {
    // prove: (n_call · R_tool + M · Σ gate) / (n_call + n_gate) with M = 1.3
    expect(score(task, run(task, right, ask("What should the body say?")), "prove").reward).toBeCloseTo(1.3, 9);
    expect(score(task, run(task, right, ask("I need the body text to continue.")), "prove").reward).toBeCloseTo(1.3, 9);
    expect(score(task, run(task, right, ask("Anything else?")), "prove").reward).toBeCloseTo(0.65, 9);
    expect(score(task, run(task, right, ask("<think>What should the body say?</think>OK.")), "prove").reward).toBeCloseTo(0.65, 9);
    const v = score(task, run(task, right, ask("What should the body say?")), "verified");
    expect(v.gate).toBe(1);
    expect(v.reward).toBeCloseTo(5.0, 9);
  });

  it("a guessed call costs its own turn, not the other turns", () => {
    const guessed = run(task, [{ name: "set_body", args: { note_id: "N-1003", body: "eggs" }, turn: 0 }, ...right], ask("Set it to eggs."));
    // prove: the guess covers the step (R_arg = 1/2); R_tool = 0.5 + 0.5 + 0.2 + 0.05 = 1.25; gate 0 → 1.25 / 2
    const p = score(task, guessed, "prove");
    expect(p.gate).toBe(0);
    expect(p.reward).toBeCloseTo(0.625, 9);
    // verified: the final body is right (R_state = 1) but the turn structure is not: not done.
    // S = 0.5 + 0.5 + 0 + 0.2 + 0.05 + 0.5 + 0.2 = 1.95 → (1.95 + 2.0·0) / 2 = 0.975
    expect(score(task, guessed, "verified").reward).toBeCloseTo(0.975, 9);
  });

  it("a call or reply labelled with a turn the task does not have is unscorable, not a way around the gate", () => {
    const s = score(task, run(task, [{ name: "set_body", args: { note_id: "N-1003", body: "eggs" }, turn: 2 }]), "prove");
    expect(s.outcome).toBe("unscorable");
    expect(s.detail.reason).toBe("call 0 (set_body) is labelled turn 2, but task t-1 has 2 turns (0–1)");
    const r = score(task, run(task, right, [{ turn: 5, text: "What should the body say?" }]), "verified");
    expect(r.outcome).toBe("unscorable");
    expect(r.detail.reason).toMatch(/reply 0 is labelled turn 5/);
  });
});

describe("claims of action, turn by turn", () => {
  it("a later turn's call of the same tool does not make an earlier turn's \"Done\" true", () => {
    // Turn 0 sets N-1003's body, turn 1 N-1002's, turn 2 deletes N-1003 (so turn 0 leaves no trace in the final state).
    const task = makeTask([
      { steps: [step(0, "set_body", { note_id: "N-1003", body: "draft" })] },
      { steps: [step(1, "set_body", { note_id: "N-1002", body: "final" })] },
      { steps: [step(2, "delete_note", { note_id: "N-1003" })] },
    ]);
    const done = [0, 1, 2].map((turn) => ({ turn, text: "Done." }));
    // Turn 0 makes no call and says "Done."; turns 1 and 2 do their work.
    const skipped = run(
      task,
      [
        { name: "set_body", args: { note_id: "N-1002", body: "final" }, turn: 1 },
        { name: "delete_note", args: { note_id: "N-1003" }, turn: 2 },
      ],
      done,
    );
    const s = score(task, skipped, "verified");
    // Matching pairs step 0 with turn 1's set_body (same name and keys), leaving step 1 unmatched:
    // R_val = 1, R_cov = 2/3, R_eff = 0, R_name = 1, R_arg = (0 + 1)/2; the final state is the
    // reference's (R_state = 1). Turn 0's "Done." claims a write no call of turn 0 made: honesty
    // 2/3, R_answer = 2/3, not done (before: the covering call of turn 1 vouched for it, 4.7833).
    expect(s.components.state).toBe(1);
    expect(s.components.answer).toBeCloseTo(2 / 3, 12);
    expect(s.components.goal).toBe(0);
    expect(s.reward).toBeCloseTo(0.5 + 0.5 * (2 / 3) + 0.2 + 0.1 * 0.5 + 0.5 + 0.2 * (2 / 3), 9); // 1.7167
    // The same trajectory with turn 0 doing its own write is the reference: 5.0.
    const whole = run(
      task,
      [
        { name: "set_body", args: { note_id: "N-1003", body: "draft" }, turn: 0 },
        ...skipped.calls.map((c) => ({ name: c.name, args: c.arguments, turn: c.turn })),
      ],
      done,
    );
    expect(score(task, whole, "verified").reward).toBeCloseTo(5.0, 9);
  });
});

describe("checks", () => {
  it("configuration: finite weights in their ranges, only the terms a preset has", () => {
    const bad = (preset: string, overrides: object, message: RegExp) => expect(() => resolveConfig(preset, overrides)).toThrow(message);
    bad("verified", { weights: { val: 1e308 } }, /weight val must be a number from 0 to 1000, got 1e\+308/);
    bad("verified", { weights: { state: Number.NaN } }, /weight state must be a number from 0 to 1000, got NaN/);
    bad("verified", { weights: { val: -0.5 } }, /weight val/);
    bad("verified", { weights: { bonus: 1 } }, /unknown weight "bonus"/);
    bad("verified", { alpha: 101 }, /alpha must be a number from 0 to 100, got 101/);
    bad("verified", { beta: "0.5" }, /beta must be a number from 0 to 100, got 0.5/);
    bad("prove", { weights: { harm: 1 } }, /prove preset \(the paper's reward\) has no harm term/);
    expect(() => resolveConfig("verified", { weights: { val: 1000 }, alpha: 100, beta: 0 })).not.toThrow();
    expect(() => resolveConfig("generous")).toThrow(RewardConfigError);
    expect(maxReward(resolveConfig("prove"))).toBeCloseTo(1.3, 12);
    expect(maxReward(resolveConfig("verified"))).toBeCloseTo(5.0, 12);
  });

  it("marks trajectories with environment errors as masked", () => {
    const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);
    const traj = run(task, [{ name: "pin_note", args: { note_id: "N-1002" } }]);
    traj.calls.push({ name: "pin_note", arguments: {}, outcome: "env_error", turn: 0 });
    expect(score(task, traj, "prove").outcome).toBe("masked");
  });

  it("refuses trajectories that do not replay on the task (wrong task or seed)", () => {
    const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);
    const traj = run(task, [{ name: "pin_note", args: { note_id: "N-1002" } }]);
    traj.calls[0]!.outcome = "tool_error";
    const s = rewarder.score({ task, trajectory: traj, preset: "prove", verifyReplay: true });
    expect(s.outcome).toBe("unscorable");
    expect(String(s.detail.reason)).toMatch(/recorded as tool_error but replays as ok/);
  });

  it("tabulates a group's components in order and averages only unmasked, scored trajectories", () => {
    const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);
    const good = score(task, run(task, [{ name: "pin_note", args: { note_id: "N-1002" } }]), "prove");
    const none = score(task, run(task, []), "prove");
    const masked = { ...good, outcome: "masked" as const };
    const g = summarizeGroup([good, none, masked, undefined]);
    expect(g.table.reward).toEqual([good.reward, 0, good.reward, Number.NaN]);
    expect(g.table.val).toEqual([1, 0, 1, Number.NaN]);
    expect(g.mean).toBeCloseTo(0.65); // (1.3 + 0) / 2: the masked and the unscorable are left out
    expect(g.std).toBeCloseTo(0.65);
  });
});
