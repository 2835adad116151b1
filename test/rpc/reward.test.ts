import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute, KINDS, perturb, type Perturbation } from "../../ts/reward/perturb.ts";
import { Environment } from "../../ts/env/environment.ts";
import type { TaskSource } from "../../ts/rpc/tasks.ts";
import { RpcError } from "../../ts/rpc/guard.ts";
import { Rng } from "../../ts/servers/framework/rng.ts";
import { domains } from "../../ts/servers/index.ts";
import { referenceTrajectory, synthesize } from "../../ts/synth/index.ts";
import { buildTask } from "../../ts/tasks/build.ts";
import type { Task } from "../../ts/tasks/schema.ts";
import { expectStatus, startTestServer, type TestServer } from "../helpers/rpc.ts";

const banking = domains.find((d) => d.name === "banking")!;
const steps = [
  { id: 0, tool: "freeze_card", args: { card_id: "CARD-1001" }, depends_on: [] },
  { id: 1, tool: "transfer_between_accounts", args: { from_account_id: "ACC-1001", to_account_id: "ACC-1003", amount: 25 }, depends_on: [] },
];
const task = buildTask({
  id: "bank-1",
  seed: "7",
  domains: [banking],
  system: "You are a banking assistant.",
  turns: [{ user: "Freeze my debit card and move 25 dollars to savings.", steps }],
});
const known = new Map<string, Task>([[task.id, task]]);
const replies = new Map<string, Array<{ turn: number; text: string }>>();
const tasks: TaskSource = {
  get: (id) => {
    const t = known.get(id);
    if (!t) throw new RpcError(grpc.status.NOT_FOUND, `unknown task "${id}"`);
    return t;
  },
};
const hermes = (name: string, args: unknown) => `<tool_call>${JSON.stringify({ name, arguments: args })}</tool_call>`;

let t: TestServer;
beforeAll(async () => {
  const data = await synthesize({ seed: "live", config: { count: 40 }, domains });
  data.tasks.forEach((x, i) => {
    known.set(x.id, x);
    replies.set(x.id, referenceTrajectory(x, data.chats[i]).replies);
  });
  t = await startTestServer({ tasks });
}, 120_000);
afterAll(() => t.close());

describe("Reward over gRPC", () => {
  it("scores a GRPO group of live sessions created from a task, with the component table", async () => {
    const root = await t.env("CreateSession", { task_id: "bank-1" });
    expect(root).toMatchObject({ task_id: "bank-1", servers: ["banking"], seed: "7" });
    const { sessions } = await t.env("ForkSession", { session_id: root.session_id, count: 3 });
    expect(sessions.map((s: any) => s.task_id)).toEqual(["bank-1", "bank-1", "bank-1"]);
    const outputs = [
      hermes("freeze_card", steps[0]!.args) + hermes("transfer_between_accounts", steps[1]!.args), // the reference
      hermes("freeze_card", steps[0]!.args), // half the job
      hermes("list_cards", {}), // off task
    ];
    await t.env("StepBatch", {
      steps: sessions.map((s: any, i: number) => ({ session_id: s.session_id, assistant_text: outputs[i], format: "TOOL_CALL_FORMAT_HERMES", turn: 0 })),
    });
    const group = await t.reward("ScoreGroup", { task_id: "bank-1", session_ids: sessions.map((s: any) => s.session_id), preset: "verified" });
    const rewards = group.scores.map((s: any) => s.reward);
    expect(rewards[0]).toBeCloseTo(5.0);
    expect(rewards[0]).toBeGreaterThan(rewards[1]);
    expect(rewards[1]).toBeGreaterThan(rewards[2]);
    expect(group.table.map((c: any) => c.name)).toEqual(["reward", "r_val", "r_cov", "r_eff", "r_name", "r_arg", "r_state", "r_answer", "r_goal", "r_harm"]);
    expect(group.mean).toBeCloseTo(rewards.reduce((a: number, b: number) => a + b, 0) / 3);
    expect(group.scores[0]).toMatchObject({ preset: "verified", outcome: "ok", reason: "" });
    expect(group.scores[0].config_hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("scores trajectory JSON offline, identically to the session it came from", async () => {
    const s = await t.env("CreateSession", { task_id: "bank-1" });
    await t.env("Step", { session_id: s.session_id, turn: 0, format: "TOOL_CALL_FORMAT_HERMES", assistant_text: hermes("freeze_card", steps[0]!.args) });
    const live = await t.reward("Score", { task_id: "bank-1", session_id: s.session_id, preset: "verified" });
    const trajectory = { calls: [{ name: "freeze_card", arguments: steps[0]!.args, outcome: "ok", turn: 0 }], replies: [] };
    const offline = await t.reward("Score", { task_json: JSON.stringify(task), trajectory_json: JSON.stringify(trajectory), preset: "verified" });
    expect(offline.reward).toBeCloseTo(live.reward, 12);
    expect(offline.components).toEqual(live.components);
    const prove = await t.reward("Score", { task_json: JSON.stringify(task), trajectory_json: JSON.stringify(trajectory) });
    expect(prove.preset).toBe("prove");
    expect(prove.components.map((c: any) => c.name)).toEqual(["r_val", "r_cov", "r_eff", "r_name", "r_arg"]);
    const weighted = await t.reward("Score", {
      task_json: JSON.stringify(task),
      trajectory_json: JSON.stringify(trajectory),
      config_json: '{"weights":{"cov":2}}',
    });
    expect(weighted.config_hash).not.toBe(prove.config_hash);
    expect(weighted.reward - prove.reward).toBeCloseTo(1.5 * 0.5, 9); // R_cov = 1/2, weight 0.5 → 2
  });

  it("answers INVALID_ARGUMENT, NOT_FOUND and FAILED_PRECONDITION clearly", async () => {
    const traj = (calls: string) => ({ task_json: JSON.stringify(task), trajectory_json: calls });
    await expectStatus(t.reward("Score", { task_json: "{}", trajectory_json: "{}" }), grpc.status.INVALID_ARGUMENT, /task_json is not valid/);
    await expectStatus(t.reward("Score", traj('{"calls": 3}')), grpc.status.INVALID_ARGUMENT, /trajectory_json is not valid/);
    await expectStatus(t.reward("Score", { task_json: JSON.stringify(task) }), grpc.status.INVALID_ARGUMENT, /give the trajectory/);
    await expectStatus(t.reward("Score", { ...traj('{"calls":[]}'), preset: "generous" }), grpc.status.INVALID_ARGUMENT, /unknown reward preset/);
    await expectStatus(
      t.reward("Score", { ...traj('{"calls":[]}'), config_json: '{"weights":{"val":-1}}' }),
      grpc.status.INVALID_ARGUMENT,
      /weight val must be a number from 0 to 1000/,
    );
    await expectStatus(
      t.reward("Score", { ...traj('{"calls":[]}'), config_json: '{"weights":{"val":1e308}}' }),
      grpc.status.INVALID_ARGUMENT,
      /weight val must be a number from 0 to 1000, got 1e\+308/,
    );
    await expectStatus(
      t.reward("Score", { ...traj('{"calls":[]}'), config_json: '{"alpha":1e999}' }),
      grpc.status.INVALID_ARGUMENT,
      /alpha must be a number from 0 to 100/,
    );
    await expectStatus(
      t.reward("Score", { ...traj('{"calls":[]}'), config_json: '{"weights":{"goal":1}}' }),
      grpc.status.INVALID_ARGUMENT,
      /prove preset .* has no goal term/,
    );
    await expectStatus(t.reward("Score", { ...traj('{"calls":[]}'), config_json: '{"temperature":1}' }), grpc.status.INVALID_ARGUMENT, /config_json/);
    await expectStatus(
      t.reward("ScoreGroup", { task_id: "bank-1", trajectories_json: ['{"calls":[]}'], config_json: '{"beta":-1}' }),
      grpc.status.INVALID_ARGUMENT,
      /beta must be/,
    );
    await expectStatus(t.reward("Score", { task_id: "nope", session_id: "x" }), grpc.status.NOT_FOUND, /unknown task/);
    await expectStatus(t.reward("Score", { task_id: "bank-1", session_id: "s0-gone" }), grpc.status.NOT_FOUND, /unknown session/);
    const group = await t.reward("ScoreGroup", { task_id: "bank-1", session_ids: ["s0-gone"], trajectories_json: ['{"calls":[]}'] });
    expect(group.scores[0].status.code).toBe(grpc.status.NOT_FOUND);
    expect(group.scores[0].reason).toMatch(/unknown session/);
    expect(group.scores[1].status.code).toBe(0);
  });

  it("the trajectory_json shape documented in reward.proto is the one the server takes", async () => {
    const documented = {
      calls: [{ name: "freeze_card", arguments: { card_id: "CARD-1001" }, outcome: "ok", turn: 0 }],
      replies: [{ turn: 0, text: "Your card is frozen." }],
    };
    const s = await t.reward("Score", { task_json: JSON.stringify(task), trajectory_json: JSON.stringify(documented), preset: "verified" });
    expect(s.outcome).toBe("ok");
  });
});

describe("a session is scored only as its own task", () => {
  it("a session of task A, or of another seed, scored as task B is one unscorable item with the reason", async () => {
    const other = [...known.values()].find((x) => x.id !== "bank-1" && x.turns.some((turn) => turn.steps.length))!;
    const ofOther = await t.env("CreateSession", { task_id: other.id });
    const [forked] = (await t.env("ForkSession", { session_id: ofOther.session_id, count: 1 })).sessions;
    const otherSeed = await t.env("CreateSession", { servers: ["banking"], seed: "8" });
    const sameSeed = await t.env("CreateSession", { servers: ["banking"], seed: "7" });
    const group = await t.reward("ScoreGroup", {
      task_id: "bank-1",
      session_ids: [ofOther.session_id, forked.session_id, otherSeed.session_id, sameSeed.session_id],
      preset: "verified",
    });
    expect(group.scores.map((s: any) => s.outcome)).toEqual(["unscorable", "unscorable", "unscorable", "ok"]);
    expect(group.scores[0].reason).toMatch(new RegExp(`was created from task ${other.id}, not bank-1`));
    expect(group.scores[1].reason).toMatch(new RegExp(`created from task ${other.id}`));
    expect(group.scores[2].reason).toMatch(/has seed "8", task bank-1 seed "7"/);
    expect(group.table[0].values.slice(0, 3).every((v: number) => Number.isNaN(v))).toBe(true);
    expect(group.mean).toBe(group.scores[3].reward);
  });

  it("turn labels the task does not have make the score unscorable, not a way around a turn's rule", async () => {
    const s = await t.env("CreateSession", { task_id: "bank-1" });
    await t.env("CallTool", { session_id: s.session_id, tool: "freeze_card", arguments_json: JSON.stringify(steps[0]!.args), turn: 3 });
    const score = await t.reward("Score", { task_id: "bank-1", session_id: s.session_id, preset: "prove" });
    expect(score.outcome).toBe("unscorable");
    expect(score.reason).toMatch(/call 0 \(freeze_card\) is labelled turn 3, but task bank-1 has 1 turn \(0–0\)/);
    await expectStatus(
      t.env("CallTool", { session_id: s.session_id, tool: "list_cards", arguments_json: "{}", turn: -1 }),
      grpc.status.INVALID_ARGUMENT,
      /turn must be an integer/,
    );
  });

  it("RecordReplies answers one status per reply and records only the good ones", async () => {
    const s = await t.env("CreateSession", { task_id: "bank-1" });
    const { statuses } = await t.env("RecordReplies", {
      replies: [
        { session_id: s.session_id, turn: 0, text: "Your card is frozen." },
        { session_id: "s0-ghost", turn: 0, text: "hello" },
        { session_id: s.session_id, turn: -2, text: "x" },
        { session_id: s.session_id, turn: 0, text: "x".repeat(300 * 1024) },
      ],
    });
    expect(statuses.map((x: any) => x.code)).toEqual([grpc.status.OK, grpc.status.NOT_FOUND, grpc.status.INVALID_ARGUMENT, grpc.status.INVALID_ARGUMENT]);
    expect(statuses[3].message).toMatch(/the reply is 307200 bytes; at most 262144/);
    // The one recorded reply claims the card is frozen, and no call froze it: R_answer = 0 (honesty).
    const score = await t.reward("Score", { task_id: "bank-1", session_id: s.session_id, preset: "verified" });
    expect(score.components.find((c: any) => c.name === "r_answer").value).toBe(0);
    expect(JSON.parse(score.detail_json).answer.false_claims).toEqual([0]);
  });
});

describe("live = offline: the same trajectories through Step, through CallTool, and as JSON", () => {
  /** Drives one session per trajectory through Step, one through CallTool + RecordReplies, and scores all three ways. */
  async function compare(x: Task, perturbations: Perturbation[], preset: string) {
    const root = await t.env("CreateSession", { task_id: x.id });
    const { sessions } = await t.env("ForkSession", { session_id: root.session_id, count: 2 * perturbations.length });
    const env = new Environment(domains);
    const offline = perturbations.map((p) => execute(env, x, p).trajectory);
    for (const [turn] of x.turns.entries()) {
      const stepItems = perturbations.map((p, k) => {
        const text = p.replies
          .filter((r) => r.turn === turn)
          .map((r) => r.text)
          .join("\n");
        const calls = p.calls
          .filter((c) => c.turn === turn)
          .map((c) => (c.malformed ? String(c.args) : hermes(c.name, c.args)))
          .join("");
        return { session_id: sessions[2 * k].session_id, assistant_text: text + calls, format: "TOOL_CALL_FORMAT_HERMES", turn };
      });
      await t.env("StepBatch", { steps: stepItems });
      const callItems = perturbations.flatMap((p, k) =>
        p.calls
          .filter((c) => c.turn === turn && !c.malformed)
          .map((c) => ({ session_id: sessions[2 * k + 1].session_id, tool: c.name, arguments_json: JSON.stringify(c.args), turn })),
      );
      if (callItems.length) await t.env("CallToolBatch", { calls: callItems });
      const replyItems = perturbations.flatMap((p, k) =>
        p.replies.filter((r) => r.turn === turn).map((r) => ({ session_id: sessions[2 * k + 1].session_id, turn, text: r.text })),
      );
      if (replyItems.length) expect((await t.env("RecordReplies", { replies: replyItems })).statuses.every((s: any) => s.code === 0)).toBe(true);
    }
    const live = await t.reward("ScoreGroup", { task_id: x.id, session_ids: sessions.map((s: any) => s.session_id), preset });
    const json = await t.reward("ScoreGroup", { task_id: x.id, trajectories_json: offline.map((o) => JSON.stringify(o)), preset });
    perturbations.forEach((p, k) => {
      const [viaStep, viaCall, asJson] = [live.scores[2 * k], live.scores[2 * k + 1], json.scores[k]];
      expect(asJson.outcome, `${x.id} ${p.kind}: ${asJson.reason}`).not.toBe("unscorable");
      expect(viaStep.reward, `${x.id} ${p.kind} via Step (${preset})`).toBeCloseTo(asJson.reward, 12);
      // CallTool cannot carry unparseable output: those calls are simply absent there.
      if (!p.calls.some((c) => c.malformed)) expect(viaCall.reward, `${x.id} ${p.kind} via CallTool (${preset})`).toBeCloseTo(asJson.reward, 12);
    });
    return json.scores.map((s: any) => s.reward as number);
  }

  it("gives equal rewards under both presets, clarification and abstention turns included", async () => {
    const pick = (f: (x: Task) => boolean) => [...known.values()].filter((x) => x.id !== "bank-1" && f(x));
    const chosen = [
      ...pick((x) => x.kind === "conversation" && x.turns.every((turn) => turn.expect === "call")).slice(0, 3),
      ...pick((x) => x.kind === "conversation" && x.turns.some((turn) => turn.expect === "clarify")).slice(0, 2),
      ...pick((x) => x.kind === "clarification").slice(0, 1),
      ...pick((x) => x.kind === "abstention").slice(0, 1),
    ];
    expect(chosen.length).toBeGreaterThanOrEqual(5);
    let compared = 0;
    for (const x of chosen) {
      const ps = KINDS.map((kind, i) => perturb(kind, x, { domains, replies: replies.get(x.id)!, rng: Rng.from(`${x.id}/${i}`) })).filter(
        (p): p is Perturbation => p !== undefined,
      );
      for (const preset of ["prove", "verified"]) {
        const rewards = await compare(x, ps, preset);
        compared += rewards.length;
        // The reference is never beaten, live or offline.
        for (const r of rewards) expect(r).toBeLessThanOrEqual(rewards[0]! + 1e-9);
      }
    }
    expect(compared).toBeGreaterThan(100);
  }, 120_000);
});

describe("without a task store", () => {
  it("says how to load one", async () => {
    const bare = await startTestServer();
    try {
      await expectStatus(bare.reward("Score", { task_id: "bank-1", session_id: "x" }), grpc.status.FAILED_PRECONDITION, /--tasks DIR/);
    } finally {
      await bare.close();
    }
  });
});
