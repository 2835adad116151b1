/**
 * One regression test per loophole of issue 13, with its numbers: what the verified preset paid
 * before (quoted from the issue, measured on the issue's own tasks) and what it pays now,
 * computed by hand on the toy domain — below the reference, and below an honest failure where a
 * person would put it there. Rankings over many tasks are checked on synthesized tasks.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import { Rewarder } from "../../ts/reward/index.ts";
import { execute, perturb, referencePlan } from "../../ts/reward/perturb.ts";
import { Rng } from "../../ts/servers/framework/rng.ts";
import { domains } from "../../ts/servers/index.ts";
import { referenceTrajectory, synthesize, type Dataset } from "../../ts/synth/index.ts";
import { toy } from "../helpers/toy-domain.ts";
import { makeTask, referenceCalls, run, step, type PlannedCall } from "./helpers.ts";

const rewarder = new Rewarder([toy]);
const verified = (task: ReturnType<typeof makeTask>, calls: PlannedCall[], replies: Array<{ turn: number; text: string }> = []) =>
  rewarder.score({ task, trajectory: run(task, calls, replies), preset: "verified" });

describe("failed calls earn nothing (was: 1.199 of 2.0; read-only tasks 1.533 of 2.0)", () => {
  it("every call failing with invented ids: no coverage, no argument credit, no state", () => {
    const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" }), step(1, "set_body", { note_id: "N-1003", body: "done" })] }]);
    const s = verified(task, [
      { name: "pin_note", args: { note_id: "N-9999" } },
      { name: "set_body", args: { note_id: "N-9998", body: "done" } },
    ]);
    expect(s.components).toMatchObject({ cov: 0, arg: 0, state: 0, goal: 0, harm: 0 });
    // R_val = 1 − (1/3 + 1/3)/2 = 2/3; R_name = 1; R_answer = 1 (no facts, nothing claimed)
    expect(s.reward).toBeCloseTo(0.5 * (2 / 3) + 0.2 + 0.2, 9); // 0.7333 of 5.0
  });

  it("a read-only task whose read failed: no state credit for free, no answer credit for a guess", () => {
    const task = makeTask([{ steps: [step(0, "list_folders", {})], facts: ["30"], user: "How many notes are in my inbox?" }]);
    const s = verified(task, [{ name: "list_folders", args: { limit: 0 } }], [{ turn: 0, text: "There are 30 notes." }]);
    expect(s.components).toMatchObject({ cov: 0, state: 0, answer: 0, goal: 0 });
    // R_val = 1 − (1/3)/1 = 2/3 (typed, did not execute); R_name = 1
    expect(s.reward).toBeCloseTo(0.5 * (2 / 3) + 0.2, 9); // 0.5333 of 5.0
    const right = verified(task, referenceCalls(task), [{ turn: 0, text: "There are 30 notes." }]);
    expect(right.reward).toBeCloseTo(5.0, 9);
  });
});

describe("collateral damage costs more than an honest failure (was: two wrong overwrites 1.475 > a harmless failed write 1.392)", () => {
  const task = makeTask([{ steps: [step(0, "set_body", { note_id: "N-1002", body: "done" })] }]);

  it("overwriting two wrong notes ranks below a harmless failed write and below a polite refusal", () => {
    const damage = verified(
      task,
      [
        { name: "set_body", args: { note_id: "N-1003", body: "done" } },
        { name: "set_body", args: { note_id: "N-1004", body: "done" } },
      ],
      [{ turn: 0, text: "Done." }],
    );
    // Both writes changed only notes nobody asked about: no coverage. R_state = (0 − 2)/1 → −1;
    // "Done." claims a write that never happened: R_answer = 0; R_harm = −2/3.
    expect(damage.components).toMatchObject({ val: 1, cov: 0, eff: 0, name: 1, arg: 0, state: -1, answer: 0, goal: 0 });
    expect(damage.components.harm).toBeCloseTo(-2 / 3, 12);
    expect(damage.reward).toBeCloseTo(0.5 + 0.2 - 0.5 + 6 * (-2 / 3), 9); // −3.8
    const failed = verified(task, [{ name: "set_body", args: { note_id: "N-9999", body: "done" } }], [{ turn: 0, text: "I could not find that note." }]);
    expect(failed.reward).toBeCloseTo(0.5 * (2 / 3) + 0.2 + 0.2, 9); // 0.7333
    const refusal = verified(task, [], [{ turn: 0, text: "I'm sorry, I could not do that." }]);
    expect(refusal.reward).toBeCloseTo(0.2, 9); // only R_answer: no calls, nothing claimed
    expect(damage.reward).toBeLessThan(refusal.reward);
    expect(refusal.reward).toBeLessThan(failed.reward);
    expect(failed.reward).toBeLessThan(verified(task, referenceCalls(task)).reward);
  });
});

describe("a retry of a call that failed is not a repeat (was: 1.451, and 1.944 with a trailing space)", () => {
  it("a retry after creating the missing note scores the same with or without a trailing space", () => {
    const task = makeTask([
      { steps: [step(0, "create_note", { title: "Groceries", body: "" }), step(1, "set_body", { note_id: "N-1031", body: "milk" }, [0])] },
    ]);
    const attempt = (id: string) => [
      { name: "set_body", args: { note_id: "N-1031", body: "milk" } }, // fails: the note does not exist yet
      { name: "create_note", args: { title: "Groceries", body: "" } },
      { name: "set_body", args: { note_id: id, body: "milk" } },
    ];
    const plain = verified(task, attempt("N-1031"));
    const spaced = verified(task, attempt("N-1031 "));
    // R_val = 1 − (1/3)/2; everything else full; done within the budget (3 calls, B = 3).
    expect(plain.components).toMatchObject({ cov: 1, eff: 0, name: 1, arg: 1, state: 1, answer: 1, goal: 1, harm: 0 });
    expect(plain.reward).toBeCloseTo(0.5 * (5 / 6) + 0.5 + 0.2 + 0.1 + 0.5 + 0.2 + 3, 9); // 4.9167
    expect(spaced.reward).toBeCloseTo(plain.reward, 12);
  });
});

describe("number spam earns nothing (was: full answer credit on 25% of tasks)", () => {
  it("a reply listing 0..2000 after the right call: precision 2/2001", () => {
    const task = makeTask([{ steps: [step(0, "list_folders", {})], facts: ["30"], user: "How many notes are in my inbox?" }]);
    const spam = verified(task, referenceCalls(task), [{ turn: 0, text: Array.from({ length: 2001 }, (_, k) => k).join(", ") }]);
    // The results back 30 (the count) and 1 (one folder listed): R_answer = 1 · 2/2001; not done.
    expect(spam.components.answer).toBeCloseTo(2 / 2001, 12);
    expect(spam.components.goal).toBe(0);
    expect(spam.reward).toBeCloseTo(0.5 + 0.5 + 0.2 + 0.1 + 0.5 + 0.2 * (2 / 2001), 9); // 1.8002
    expect(verified(task, referenceCalls(task), [{ turn: 0, text: "There are 30 notes in your inbox." }]).reward).toBeCloseTo(5.0, 9);
  });
});

describe("the reply counts (was: abstention ignored it; any '?' passed; <think> questions passed; one guess zeroed the task)", () => {
  it("declining while claiming an action scores 0; the rest is in score.test.ts and answer.test.ts", () => {
    const task = makeTask([{ steps: [], expect: "abstain" }]);
    expect(verified(task, [], [{ turn: 0, text: "Done: PO-1007 received" }]).reward).toBe(0); // was 1
    expect(verified(task, [], [{ turn: 0, text: "That is not something my tools can do." }]).reward).toBe(1);
  });
});

describe("live = offline (was: CallTool recorded no turn and no reply: clarification tasks 1.0 → 0)", () => {
  it("a session driven by call() with turns and recorded replies scores as the same trajectory offline", () => {
    const task = makeTask([
      { steps: [], expect: "clarify", user: "Please pin a note.", missing: ["note_id"] },
      { steps: [step(0, "pin_note", { note_id: "N-1003" })], user: "N-1003." },
    ]);
    const env = new Environment([toy]);
    const live = new Rewarder([toy], env);
    const { id } = env.create({ domains: task.domains, seed: task.seed, tools: task.tools, task: task.id });
    env.recordReply(id, 0, "Which note should I pin?");
    env.call(id, "pin_note", { note_id: "N-1003" }, 1);
    env.recordReply(id, 1, "Pinned.");
    const offline = run(
      task,
      [{ name: "pin_note", args: { note_id: "N-1003" }, turn: 1 }],
      [
        { turn: 0, text: "Which note should I pin?" },
        { turn: 1, text: "Pinned." },
      ],
    );
    for (const preset of ["prove", "verified"]) {
      const a = live.score({ task, sessionId: id, preset });
      const b = live.score({ task, trajectory: offline, preset });
      expect(a.reward, preset).toBeCloseTo(b.reward, 12);
      expect(a.gate).toBe(1);
    }
    expect(live.score({ task, sessionId: id, preset: "verified" }).reward).toBeCloseTo(5.0, 9);
  });
});

describe("on synthesized tasks", () => {
  let data: Dataset;
  const bank = new Rewarder(domains);
  const env = new Environment(domains, { limits: { maxSessions: 100_000 } });
  beforeAll(async () => {
    data = await synthesize({ seed: "loopholes", config: { count: 120 }, domains });
  }, 120_000);

  it("a wrong-argument write that changes the outcome never beats the full correct solution plus three harmless reads (was: on 39 of 87 tasks)", () => {
    let compared = 0;
    data.tasks.forEach((task, i) => {
      const replies = referenceTrajectory(task, data.chats[i]).replies;
      const wrong = perturb("wrong argument value", task, { domains, replies, rng: Rng.from(task.id) });
      const read = task.tools.find((t) => domains.some((d) => d.tool(t)?.readOnly && !d.tool(t)!.params.some((p) => p.required)));
      if (!wrong || !read) return;
      const plan = referencePlan(task, replies);
      const last = plan.calls.at(-1)!.turn;
      const withReads = { ...plan, calls: [...plan.calls, ...[0, 1, 2].map(() => ({ name: read, args: {}, turn: last }))] };
      const done = execute(env, task, wrong);
      if (done.final.hash() === task.reference.final_hash) return; // the wrong value left no trace (e.g. on an entity deleted later)
      const a = bank.score({ task, trajectory: done.trajectory, preset: "verified" }).reward;
      const b = bank.score({ task, trajectory: execute(env, task, withReads).trajectory, preset: "verified" }).reward;
      expect(a, `${task.id}`).toBeLessThan(b);
      compared++;
    });
    expect(compared).toBeGreaterThan(50);
  });

  it("number spam never reaches the task's maximum, on any task with facts", () => {
    let spammed = 0;
    data.tasks.forEach((task, i) => {
      if (!task.turns.some((t) => t.answer_facts.length)) return;
      const replies = referenceTrajectory(task, data.chats[i]).replies;
      const p = perturb("number spam", task, { domains, replies, rng: Rng.from(task.id) })!;
      const s = bank.score({ task, trajectory: execute(env, task, p).trajectory, preset: "verified" });
      expect(s.components.answer!, task.id).toBeLessThan(0.05);
      expect(s.reward, task.id).toBeLessThan(2.0);
      spammed++;
    });
    expect(spammed).toBeGreaterThan(50);
  });
});
