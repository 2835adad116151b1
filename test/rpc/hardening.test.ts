/**
 * The Environment service under what a careless or adversarial client sends. Each test reproduces
 * a defect of issue 14: one bad model output never hurts its group, an error means nothing
 * changed, a retry never repeats a write, and every status says what the client should do.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { GrpcReflection } from "grpc-js-reflection-client";
import { service as healthService } from "grpc-health-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProto } from "../../ts/rpc/proto.ts";
import { PORTABLE_KEYWORDS } from "../../ts/servers/framework/index.ts";
import { Datasets } from "../../ts/tasks/datasets.ts";
import { expectStatus, rpcFor, startTestServer, type TestServer } from "../helpers/rpc.ts";

const HERMES = "TOOL_CALL_FORMAT_HERMES";
const call = (name: string, args: string) => `<tool_call>{"name": "${name}", "arguments": ${args}}</tool_call>`;
const freeze = call("freeze_card", '{"card_id": "CARD-1001"}');
const transfer = call("transfer_between_accounts", '{"from_account_id": "ACC-1001", "to_account_id": "ACC-1003", "amount": 1}');

/** The raw bytes of a reply, as a client that decodes strictly (Python's protobuf) receives them. */
function rawCall(t: TestServer, method: string, request: object): Promise<Buffer> {
  const def = loadProto().services.Environment.service[method]!;
  return new Promise((resolve, reject) =>
    t.clients[0]!.makeUnaryRequest(
      def.path,
      def.requestSerialize,
      (b: Buffer) => b,
      request,
      (err, res) => (err ? reject(err) : resolve(res as Buffer)),
    ),
  );
}

/** Lone surrogates reach the wire as ED A0-BF xx: bytes no UTF-8 decoder accepts. */
const hasSurrogateBytes = (b: Buffer) => /\xED[\xA0-\xBF]/.test(b.toString("latin1"));

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ envOptions: { limits: { maxSessions: 2000, maxCallsPerSession: 50 } } });
});
afterAll(() => t.close());

const group = async (n: number, seed = "7") => {
  const root = await t.env("CreateSession", { servers: ["banking"], seed });
  return (await t.env("ForkSession", { session_id: root.session_id, count: n })).sessions.map((s: { session_id: string }) => s.session_id) as string[];
};
const journal = async (id: string) => (await t.env("GetJournal", { session_id: id })).records;

describe("one bad model output never hurts its group", () => {
  it("a lone surrogate in one member's tool name leaves every reply well-formed and the journal readable", async () => {
    const ids = await group(4);
    const steps = ids.map((id, i) => ({ session_id: id, format: HERMES, turn: 0, assistant_text: i === 2 ? `ok ${call("get_\\udfff", "{}")}` : freeze }));
    const raw = await rawCall(t, "StepBatch", { steps });
    expect(hasSurrogateBytes(raw)).toBe(false);
    const { results } = await t.env("StepBatch", {
      steps: ids.map((id) => ({ session_id: id, format: HERMES, turn: 1, assistant_text: call("get_\\udfff", '{"x": "\\ud800"}') })),
    });
    expect(results.map((r: any) => r.outcome)).toEqual(Array(4).fill("OUTCOME_PARSE_ERROR"));
    for (const id of ids) expect(hasSurrogateBytes(await rawCall(t, "GetJournal", { session_id: id }))).toBe(false);
    expect((await journal(ids[0]!)).map((r: any) => r.outcome)).toEqual(["OUTCOME_OK", "OUTCOME_PARSE_ERROR"]);
    expect((await journal(ids[2]!)).map((r: any) => r.outcome)).toEqual(["OUTCOME_PARSE_ERROR", "OUTCOME_PARSE_ERROR"]);
  });

  it("deep JSON (1,000 and 5,000 levels) is one member's parse error, never INTERNAL, and GetJournal keeps working", async () => {
    const ids = await group(3);
    const deep = (n: number) => `{"card_id": ${"[".repeat(n)}${"]".repeat(n)}}`;
    const { results } = await t.env("StepBatch", {
      steps: [
        { session_id: ids[0], format: HERMES, turn: 0, assistant_text: call("freeze_card", deep(1000)) },
        { session_id: ids[1], format: HERMES, turn: 0, assistant_text: call("freeze_card", deep(5000)) },
        { session_id: ids[2], format: HERMES, turn: 0, assistant_text: freeze },
      ],
    });
    expect(results.map((r: any) => [r.status.code, r.outcome])).toEqual([
      [0, "OUTCOME_PARSE_ERROR"],
      [0, "OUTCOME_PARSE_ERROR"],
      [0, "OUTCOME_OK"],
    ]);
    expect(results[1].format_errors[0].message).toMatch(/nests deeper than 32 levels/);
    for (const id of ids) expect((await journal(id)).length).toBe(1);
    // CallTool with arguments that deep: an invalid-arguments outcome, recorded as a digest.
    const r = await t.env("CallTool", { session_id: ids[2], tool: "freeze_card", arguments_json: deep(5000), turn: 0 });
    expect(r).toMatchObject({ outcome: "OUTCOME_INVALID_ARGUMENTS", error: { message: expect.stringMatching(/nests deeper than 32/) } });
    expect(JSON.parse(r.arguments_json).$omitted.reason).toBe("not acceptable JSON");
    expect((await journal(ids[2]!)).length).toBe(2);
  });

  it("an item that could not run says so: OUTCOME_REJECTED with its status, never UNSPECIFIED", async () => {
    const [id] = await group(1);
    const { results } = await t.env("StepBatch", {
      steps: [
        { session_id: "s0-ghost", format: HERMES, turn: 0, assistant_text: freeze },
        { session_id: id, format: HERMES, assistant_text: freeze },
        { session_id: id, format: HERMES, turn: 0, assistant_text: freeze },
      ],
    });
    expect(results.map((r: any) => [r.status.code, r.outcome])).toEqual([
      [grpc.status.NOT_FOUND, "OUTCOME_REJECTED"],
      [grpc.status.INVALID_ARGUMENT, "OUTCOME_REJECTED"],
      [0, "OUTCOME_OK"],
    ]);
    expect(results[1].status.message).toMatch(/turn is required/);
    const batch = await t.env("CallToolBatch", { calls: [{ session_id: "s0-ghost", tool: "list_cards", arguments_json: "{}" }] });
    expect(batch.results[0].outcome).toBe("OUTCOME_REJECTED");
  });
});

describe("an error means nothing changed", () => {
  it("a Step past the per-session call cap is FAILED_PRECONDITION (not retryable) and runs none of its calls", async () => {
    const [id] = await group(1);
    await t.env("CallToolBatch", { calls: Array.from({ length: 46 }, () => ({ session_id: id, tool: "list_cards", arguments_json: "{}", turn: 0 })) });
    const before = (await t.env("GetState", { session_id: id })).state_hash;
    const err = await expectStatus(
      t.env("Step", { session_id: id, format: HERMES, turn: 0, assistant_text: transfer.repeat(8) }),
      grpc.status.FAILED_PRECONDITION,
      /made 46 of its 50 calls and 8 more do not fit/,
    );
    expect(err.metadata.get("retry-after-ms")).toEqual([]);
    expect((await t.env("GetState", { session_id: id })).state_hash).toBe(before);
    expect((await journal(id!)).length).toBe(46);
  });

  it("Step needs its turn; fork count 0 is an error, not one copy", async () => {
    const [id] = await group(1);
    await expectStatus(t.env("Step", { session_id: id, format: HERMES, assistant_text: freeze }), grpc.status.INVALID_ARGUMENT, /turn is required/);
    expect((await journal(id!)).length).toBe(0);
    await expectStatus(t.env("ForkSession", { session_id: id, count: 0 }), grpc.status.INVALID_ARGUMENT, /fork count must be an integer from 1/);
    const { statuses } = await t.env("RecordReplies", {
      replies: [
        { session_id: id, text: "hi" },
        { session_id: id, turn: 0, text: "hi" },
      ],
    });
    expect(statuses.map((s: any) => s.code)).toEqual([grpc.status.INVALID_ARGUMENT, 0]);
  });
});

describe("a retried batch never repeats a write", () => {
  it("a StepBatch cut by its deadline runs each item whole or not at all, and its retry with the same keys finishes it once", async () => {
    const local = await startTestServer({ yieldEvery: 1, envOptions: { limits: { maxSessions: 2000 } } });
    try {
      const root = await local.env("CreateSession", { servers: ["banking"], seed: "7" });
      const ids: string[] = (await local.env("ForkSession", { session_id: root.session_id, count: 512 })).sessions.map((s: any) => s.session_id);
      const steps = ids.map((id, i) => ({ session_id: id, format: HERMES, turn: 0, assistant_text: transfer, idempotency_key: `round-0/${i}` }));
      await expectStatus(local.env("StepBatch", { steps }, { deadlineMs: 15 }), grpc.status.DEADLINE_EXCEEDED);
      await new Promise((r) => setTimeout(r, 300));
      const ran = ids.filter((id) => local.server.env.journal(id).length > 0).length;
      // Each item ran whole or not at all: one transfer record or none.
      expect(ids.every((id) => local.server.env.journal(id).length <= 1)).toBe(true);
      const { results } = await local.env("StepBatch", { steps });
      expect(results.every((r: any) => r.status.code === 0 && r.outcome === "OUTCOME_OK")).toBe(true);
      expect(ids.map((id) => local.server.env.journal(id).length)).toEqual(Array(512).fill(1));
      expect(new Set(results.map((r: any) => r.state_hash)).size).toBe(1);
      console.log(`deadline cut the batch after ${ran} of 512 items; the retry ran the other ${512 - ran} once`);
    } finally {
      await local.close();
    }
  });

  it("CallTool and CallToolBatch with a key run once", async () => {
    const [id] = await group(1);
    const req = { session_id: id, tool: "freeze_card", arguments_json: '{"card_id": "CARD-1001"}', turn: 0, idempotency_key: "freeze-1" };
    const first = await t.env("CallTool", req);
    expect(await t.env("CallTool", req)).toEqual(first);
    const batch = await t.env("CallToolBatch", { calls: [req, req] });
    expect(batch.results.map((r: any) => r.index)).toEqual([first.index, first.index]);
    expect((await journal(id!)).length).toBe(1);
    await expectStatus(
      t.env("CallTool", { ...req, arguments_json: '{"card_id": "CARD-1002"}' }),
      grpc.status.INVALID_ARGUMENT,
      /already used for a different request/,
    );
  });
});

describe("bounded replies", () => {
  it("a batch reply stops taking items at its budget; the rest did not run and say to send them again", async () => {
    const local = await startTestServer({ maxReplyBytes: 20_000 });
    try {
      const root = await local.env("CreateSession", { servers: ["banking"], seed: "7" });
      const ids: string[] = (await local.env("ForkSession", { session_id: root.session_id, count: 40 })).sessions.map((s: any) => s.session_id);
      const list = call("list_transactions", '{"account_id": "ACC-1001", "limit": 50}');
      const { results } = await local.env("StepBatch", { steps: ids.map((id) => ({ session_id: id, format: HERMES, turn: 0, assistant_text: list })) });
      const ran = results.filter((r: any) => r.status.code === 0).length;
      expect(ran).toBeGreaterThan(0);
      expect(ran).toBeLessThan(40);
      for (const r of results.slice(ran))
        expect(r).toMatchObject({
          outcome: "OUTCOME_REJECTED",
          status: { code: grpc.status.RESOURCE_EXHAUSTED, message: expect.stringMatching(/send it again/) },
        });
      expect(ids.slice(ran).every((id) => local.server.env.journal(id).length === 0)).toBe(true);
      // GetJournal pages by the same budget.
      const [one] = ids;
      for (let i = 0; i < 5; i++) await local.env("Step", { session_id: one, format: HERMES, turn: 0, assistant_text: list });
      const pages: number[] = [];
      let from = 0;
      for (;;) {
        const page = await local.env("GetJournal", { session_id: one, from_index: from });
        pages.push(page.records.length);
        if (!page.more) break;
        expect(page.next_index).toBe(from + page.records.length);
        from = page.next_index;
      }
      expect(pages.length).toBeGreaterThan(1);
      expect(pages.reduce((a, b) => a + b, 0)).toBe(6);
    } finally {
      await local.close();
    }
  });
});

describe("what the service says about itself", () => {
  it("ListServers counts the open sessions", async () => {
    const before = (await t.env("ListServers", {})).open_sessions;
    const s = await t.env("CreateSession", { servers: ["banking"], seed: "1" });
    expect(await t.env("ListServers", {})).toMatchObject({ open_sessions: before + 1, max_sessions: 2000 });
    await t.env("CloseSession", { session_ids: [s.session_id] });
    expect((await t.env("ListServers", {})).open_sessions).toBe(before);
  });

  it("ListTools carries a portable, strict-mode form of every schema beside the full one", async () => {
    const { tools, openai_strict_tools_json } = await t.env("ListTools", {});
    const strict = JSON.parse(openai_strict_tools_json);
    expect(strict).toHaveLength(tools.length);
    const check = (node: any, where: string) => {
      for (const k of Object.keys(node)) expect(PORTABLE_KEYWORDS.has(k), `${where}: keyword ${k}`).toBe(true);
      if (node.properties) {
        expect(node.additionalProperties, where).toBe(false);
        expect([...node.required].sort(), where).toEqual(Object.keys(node.properties).sort());
        for (const [k, v] of Object.entries(node.properties)) check(v, `${where}.${k}`);
      }
      if (node.items) check(node.items, `${where}[]`);
      for (const b of node.anyOf ?? []) check(b, `${where}|`);
    };
    for (const [i, tool] of tools.entries()) {
      const portable = JSON.parse(tool.portable_schema_json);
      check(portable, tool.name);
      expect(strict[i]).toEqual({ type: "function", function: { name: tool.name, description: tool.description, strict: true, parameters: portable } });
      // An optional parameter of the full schema is nullable in the portable one.
      const full = JSON.parse(tool.input_schema_json);
      for (const k of Object.keys(full.properties ?? {}).filter((k) => !(full.required ?? []).includes(k))) {
        const p = portable.properties[k];
        expect([...(Array.isArray(p.type) ? p.type : []), ...(p.anyOf ?? []).map((b: any) => b.type)], `${tool.name}.${k}`).toContain("null");
      }
    }
  });

  it("with a token, health answers without it and everything else (reflection too) needs it", async () => {
    const local = await startTestServer({ token: "s3cret" });
    try {
      const target = `127.0.0.1:${local.server.port}`;
      const Health = grpc.makeGenericClientConstructor(healthService as grpc.ServiceDefinition, "Health");
      const health = new Health(target, grpc.credentials.createInsecure());
      expect(await rpcFor(health as grpc.Client)("check", { service: "" })).toEqual({ status: "SERVING" });
      health.close();
      const reflection = new GrpcReflection(target, grpc.credentials.createInsecure());
      await expect(reflection.listServices()).rejects.toThrow(/UNAUTHENTICATED|bearer token/);
      const token = new grpc.Metadata();
      token.set("authorization", "Bearer s3cret");
      expect(await reflection.listServices("*", token)).toEqual(expect.arrayContaining(["prove.v1.Environment"]));
      await expectStatus(local.env("ListServers", {}), grpc.status.UNAUTHENTICATED, /bearer token/);
    } finally {
      await local.close();
    }
  });

  it("a status quoting a huge request string is cut and delivered, and the channel keeps working (found by make soak: it was never answered, nor was any later call)", async () => {
    const local = await startTestServer({ datasets: new Datasets(mkdtempSync(join(tmpdir(), "prove-details-"))) });
    try {
      const err = await expectStatus(
        local.tasks("ListTasks", { dataset: "é".repeat(100_000) }, { deadlineMs: 10_000 }),
        grpc.status.NOT_FOUND,
        /^unknown dataset "é+… \(cut at 2000 characters\)$/,
      );
      expect(err.details).toHaveLength(2000 + "… (cut at 2000 characters)".length);
      expect((await local.env("ListServers", {}, { deadlineMs: 10_000 })).servers.length).toBeGreaterThan(0);
      await expectStatus(
        local.tasks("ListTasks", { dataset: "nope" }, { deadlineMs: 10_000 }),
        grpc.status.NOT_FOUND,
        /^unknown dataset "nope"; loaded: none$/,
      );
    } finally {
      await local.close();
    }
  });
});
