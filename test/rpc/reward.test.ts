import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskSource } from "../../ts/rpc/tasks.ts";
import { RpcError } from "../../ts/rpc/guard.ts";
import { domains } from "../../ts/servers/index.ts";
import { buildTask } from "../../ts/tasks/build.ts";
import { expectStatus, startTestServer, type TestServer } from "../helpers/rpc.ts";

const banking = domains.find((d) => d.name === "banking")!;
const steps = [
  { id: 0, tool: "freeze_card", args: { card_id: "CARD-1001" }, depends_on: [] },
  { id: 1, tool: "transfer_between_accounts", args: { from_account_id: "ACC-1001", to_account_id: "ACC-1003", amount: 25 }, depends_on: [] },
];
const task = buildTask({ id: "bank-1", seed: "7", domains: [banking], system: "You are a banking assistant.", turns: [{ user: "Freeze my debit card and move 25 dollars to savings.", steps }] });
const tasks: TaskSource = {
  get: (id) => {
    if (id !== task.id) throw new RpcError(grpc.status.NOT_FOUND, `unknown task "${id}"`);
    return task;
  },
};
const hermes = (name: string, args: object) => `<tool_call>${JSON.stringify({ name, arguments: args })}</tool_call>`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ tasks });
});
afterAll(() => t.close());

describe("Reward over gRPC", () => {
  it("scores a GRPO group of live sessions created from a task, with the component table", async () => {
    const root = await t.env("CreateSession", { task_id: "bank-1" });
    expect(root).toMatchObject({ task_id: "bank-1", servers: ["banking"], seed: "7" });
    const { sessions } = await t.env("ForkSession", { session_id: root.session_id, count: 3 });
    const outputs = [
      hermes("freeze_card", steps[0]!.args) + hermes("transfer_between_accounts", steps[1]!.args), // the reference
      hermes("freeze_card", steps[0]!.args), // half the job
      hermes("list_cards", {}), // off task
    ];
    await t.env("StepBatch", { steps: sessions.map((s: any, i: number) => ({ session_id: s.session_id, assistant_text: outputs[i], format: "TOOL_CALL_FORMAT_HERMES", turn: 0 })) });
    const group = await t.reward("ScoreGroup", { task_id: "bank-1", session_ids: sessions.map((s: any) => s.session_id), preset: "verified" });
    const rewards = group.scores.map((s: any) => s.reward);
    expect(rewards[0]).toBeCloseTo(2.0);
    expect(rewards[0]).toBeGreaterThan(rewards[1]);
    expect(rewards[1]).toBeGreaterThan(rewards[2]);
    expect(group.table.map((c: any) => c.name)).toEqual(["reward", "r_val", "r_cov", "r_eff", "r_name", "r_arg", "r_state", "r_answer"]);
    expect(group.mean).toBeCloseTo(rewards.reduce((a: number, b: number) => a + b, 0) / 3);
    expect(group.scores[0]).toMatchObject({ preset: "verified", outcome: "ok" });
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
    const weighted = await t.reward("Score", { task_json: JSON.stringify(task), trajectory_json: JSON.stringify(trajectory), config_json: '{"weights":{"cov":2}}' });
    expect(weighted.config_hash).not.toBe(prove.config_hash);
    expect(weighted.reward - prove.reward).toBeCloseTo(1.5 * 0.5, 9); // R_cov = 1/2, weight 0.5 → 2
  });

  it("answers INVALID_ARGUMENT, NOT_FOUND and FAILED_PRECONDITION clearly", async () => {
    await expectStatus(t.reward("Score", { task_json: "{}", trajectory_json: "{}" }), grpc.status.INVALID_ARGUMENT, /task_json is not valid/);
    await expectStatus(t.reward("Score", { task_json: JSON.stringify(task), trajectory_json: '{"calls": 3}' }), grpc.status.INVALID_ARGUMENT, /trajectory_json is not valid/);
    await expectStatus(t.reward("Score", { task_json: JSON.stringify(task) }), grpc.status.INVALID_ARGUMENT, /give the trajectory/);
    await expectStatus(t.reward("Score", { task_json: JSON.stringify(task), trajectory_json: '{"calls":[]}', preset: "generous" }), grpc.status.INVALID_ARGUMENT, /unknown reward preset/);
    await expectStatus(t.reward("Score", { task_json: JSON.stringify(task), trajectory_json: '{"calls":[]}', config_json: '{"weights":{"val":-1}}' }), grpc.status.INVALID_ARGUMENT, /weight val/);
    await expectStatus(t.reward("Score", { task_json: JSON.stringify(task), trajectory_json: '{"calls":[]}', config_json: '{"temperature":1}' }), grpc.status.INVALID_ARGUMENT, /config_json/);
    await expectStatus(t.reward("Score", { task_id: "nope", session_id: "x" }), grpc.status.NOT_FOUND, /unknown task/);
    await expectStatus(t.reward("Score", { task_id: "bank-1", session_id: "s0-gone" }), grpc.status.NOT_FOUND, /unknown session/);
    const group = await t.reward("ScoreGroup", { task_id: "bank-1", session_ids: ["s0-gone"], trajectories_json: ['{"calls":[]}'] });
    expect(group.scores[0].status.code).toBe(grpc.status.NOT_FOUND);
    expect(group.scores[1].status.code).toBe(0);
  });
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
