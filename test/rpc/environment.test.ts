import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forkCopies } from "../../ts/rpc/client.ts";
import { domains } from "../../ts/servers/index.ts";
import { expectStatus, startTestServer, type TestServer } from "../helpers/rpc.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ envOptions: { limits: { maxSessions: 200 } } });
});
afterAll(() => t.close());

const create = (seed = "7") => t.env("CreateSession", { servers: ["banking"], seed });

describe("Environment over gRPC", () => {
  it("ListServers and ListTools describe every domain and tool", async () => {
    const { servers } = await t.env("ListServers", {});
    expect(servers.map((s: any) => s.name)).toEqual(domains.map((d) => d.name));
    expect(servers[0]).toMatchObject({ name: "banking", tool_count: domains[0]!.tools.length });
    const { tools, openai_tools_json } = await t.env("ListTools", { servers: ["banking"] });
    expect(tools.length).toBe(domains[0]!.tools.length);
    const addPayee = tools.find((x: any) => x.name === "add_payee");
    expect(addPayee).toMatchObject({ server: "banking", read_only: false, produces: "payee", sensitive_params: ["account_number", "routing_number"] });
    expect(JSON.parse(addPayee.input_schema_json).type).toBe("object");
    expect(JSON.parse(openai_tools_json)[0]).toMatchObject({ type: "function", function: { name: tools[0].name } });
    await expectStatus(t.env("ListTools", { servers: ["atlantis"] }), grpc.status.NOT_FOUND, /unknown server "atlantis"/);
  });

  it("creates, forks ×16, calls, steps and closes; forks given identical calls hash alike", async () => {
    const s = await create();
    expect(s.state_hash).toMatch(/^[0-9a-f]{32}$/);
    const { sessions } = await t.env("ForkSession", { session_id: s.session_id, count: 16 });
    expect(sessions).toHaveLength(16);
    expect(new Set(sessions.map((x: any) => x.state_hash))).toEqual(new Set([s.state_hash]));
    const args = JSON.stringify({ from_account_id: "ACC-1001", to_account_id: "ACC-1003", amount: 12.5 });
    const results = await Promise.all(
      sessions.map((x: any) => t.env("CallTool", { session_id: x.session_id, tool: "transfer_between_accounts", arguments_json: args })),
    );
    expect(results.every((r: any) => r.outcome === "OUTCOME_OK")).toBe(true);
    expect(results[0].changes.map((c: any) => c.path)).toContain("/banking/accounts/ACC-1001/balance");
    const hashes = await Promise.all(sessions.map((x: any) => t.env("GetState", { session_id: x.session_id })));
    expect(new Set(hashes.map((h: any) => h.state_hash)).size).toBe(1);
    expect(hashes[0].state_hash).not.toBe(s.state_hash);
    const closed = await t.env("CloseSession", { session_ids: [...sessions.map((x: any) => x.session_id), "nope"] });
    expect(closed).toEqual({ closed: 16, missing: ["nope"] });
  });

  it("reports tool failures as outcomes, not RPC errors", async () => {
    const s = await create();
    const r = await t.env("CallTool", { session_id: s.session_id, tool: "get_account", arguments_json: '{"account_id":"ACC-0"}' });
    expect(r).toMatchObject({ outcome: "OUTCOME_TOOL_ERROR", error: { code: "not_found" }, result_json: "" });
    const u = await t.env("CallTool", { session_id: s.session_id, tool: "teleport", arguments_json: "" });
    expect(u.outcome).toBe("OUTCOME_UNKNOWN_TOOL");
  });

  it("maps errors to status codes: NOT_FOUND, INVALID_ARGUMENT, RESOURCE_EXHAUSTED", async () => {
    await expectStatus(t.env("CallTool", { session_id: "s0-missing", tool: "list_accounts", arguments_json: "{}" }), grpc.status.NOT_FOUND, /unknown session/);
    const s = await create();
    await expectStatus(
      t.env("CallTool", { session_id: s.session_id, tool: "list_accounts", arguments_json: "{oops" }),
      grpc.status.INVALID_ARGUMENT,
      /arguments are not valid JSON/,
    );
    await expectStatus(t.env("CreateSession", { servers: ["banking"], seed: "" }), grpc.status.INVALID_ARGUMENT, /seed is required/);
    await expectStatus(t.env("CreateSession", { servers: ["banking"], seed: "1", task_id: "t1" }), grpc.status.INVALID_ARGUMENT, /either task_id/);
    await expectStatus(t.env("CreateSession", { task_id: "t1" }), grpc.status.FAILED_PRECONDITION, /no tasks loaded/);
    await expectStatus(t.env("ForkSession", { session_id: s.session_id, count: 5000 }), grpc.status.INVALID_ARGUMENT, /fork count/);
    await expectStatus(
      t.env("Step", { session_id: s.session_id, assistant_text: "x".repeat(300_000), format: "TOOL_CALL_FORMAT_HERMES", turn: 0 }),
      grpc.status.INVALID_ARGUMENT,
      /300000 bytes; at most 262144/,
    );
    const err = await expectStatus(t.env("ForkSession", { session_id: s.session_id, count: 400 }), grpc.status.RESOURCE_EXHAUSTED, /session limit/);
    expect(err.metadata.get("retry-after-ms")[0]).toBe("1000");
  });

  it("a compact fork names its copies by id and sends what they share once, the same copies a full reply lists", async () => {
    const s = await create();
    const full = await t.env("ForkSession", { session_id: s.session_id, count: 3 });
    const compact = await t.env("ForkSession", { session_id: s.session_id, count: 3, compact: true });
    expect(full.session_ids).toEqual([]);
    expect(full.shared).toBeNull();
    expect(compact.sessions).toEqual([]);
    expect(compact.session_ids).toHaveLength(3);
    expect(new Set([...compact.session_ids, ...full.sessions.map((x: any) => x.session_id), s.session_id]).size).toBe(7);
    const { session_id: _, ...sharedByFull } = full.sessions[0];
    expect(compact.shared).toEqual({ ...sharedByFull, session_id: "" });
    expect(compact.shared).toMatchObject({ parent_id: s.session_id, state_hash: s.state_hash, servers: ["banking"], tools: s.tools });
    // Every id is a live session of its own.
    const states = await Promise.all(compact.session_ids.map((id: string) => t.env("GetState", { session_id: id })));
    expect(states.map((x: any) => x.state_hash)).toEqual([s.state_hash, s.state_hash, s.state_hash]);
  });

  it("the client reads a fork's copies from a compact reply and from a full one (a service from before compact forks)", async () => {
    const s = await create();
    const full = forkCopies(await t.env("ForkSession", { session_id: s.session_id, count: 2 }));
    const compact = forkCopies(await t.env("ForkSession", { session_id: s.session_id, count: 2, compact: true }));
    for (const copies of [full, compact]) {
      expect(copies).toHaveLength(2);
      expect(copies[0]!.session_id).not.toBe(copies[1]!.session_id);
      for (const copy of copies) expect(copy).toMatchObject({ parent_id: s.session_id, state_hash: s.state_hash, seed: "7", tools: s.tools });
    }
    const { session_id: _a, ...fromFull } = full[0]!;
    const { session_id: _b, ...fromCompact } = compact[0]!;
    expect(fromCompact).toEqual(fromFull);
  });

  it("Step runs raw model output in each format and returns tool messages", async () => {
    const s = await create();
    const hermes = await t.env("Step", {
      session_id: s.session_id,
      turn: 0,
      format: "TOOL_CALL_FORMAT_HERMES",
      assistant_text: 'Checking.<tool_call>{"name":"get_balance","arguments":{"account_id":"ACC-1001"}}</tool_call>',
    });
    expect(hermes).toMatchObject({ outcome: "OUTCOME_OK", reply_text: "Checking." });
    expect(hermes.calls[0]).toMatchObject({ name: "get_balance", result: { outcome: "OUTCOME_OK" } });
    expect(JSON.parse(hermes.tool_messages_json)[0].role).toBe("tool");
    const granite = await t.env("Step", {
      session_id: s.session_id,
      format: "TOOL_CALL_FORMAT_GRANITE",
      turn: 0,
      assistant_text: '<|start_of_role|>assistant<|end_of_role|><tool_call>{"name":"list_cards","arguments":{}}</tool_call><|end_of_text|>',
    });
    expect(granite.rendered).toMatch(/^<\|start_of_role\|>user<\|end_of_role\|>\n<tool_response>/);
    const openai = await t.env("Step", {
      session_id: s.session_id,
      format: "TOOL_CALL_FORMAT_OPENAI",
      turn: 0,
      assistant_text: JSON.stringify({ tool_calls: [{ id: "c1", type: "function", function: { name: "list_payees", arguments: "{}" } }] }),
    });
    expect(JSON.parse(openai.tool_messages_json)[0]).toMatchObject({ role: "tool", tool_call_id: "c1" });
    const bad = await t.env("Step", {
      session_id: s.session_id,
      format: "TOOL_CALL_FORMAT_HERMES",
      turn: 0,
      assistant_text: '<tool_call>{"name": "get_balance", "arguments": {',
    });
    expect(bad).toMatchObject({ outcome: "OUTCOME_PARSE_ERROR", calls: [] });
    expect(bad.format_errors[0].message).toMatch(/cut off/);
    const journal = await t.env("GetJournal", { session_id: s.session_id });
    expect(journal.records.map((r: any) => r.outcome)).toEqual(["OUTCOME_OK", "OUTCOME_OK", "OUTCOME_OK", "OUTCOME_PARSE_ERROR"]);
  });

  it("StepBatch and CallToolBatch carry a whole group; a bad item fails alone", async () => {
    const s = await create();
    const { sessions } = await t.env("ForkSession", { session_id: s.session_id, count: 8 });
    const text = '<tool_call>{"name":"freeze_card","arguments":{"card_id":"CARD-1001"}}</tool_call>';
    const steps = sessions.map((x: any) => ({ session_id: x.session_id, assistant_text: text, format: "TOOL_CALL_FORMAT_HERMES", turn: 0 }));
    steps.push({ session_id: "s0-ghost", assistant_text: text, format: "TOOL_CALL_FORMAT_HERMES", turn: 0 });
    const { results } = await t.env("StepBatch", { steps });
    expect(results).toHaveLength(9);
    expect(results.slice(0, 8).every((r: any) => r.outcome === "OUTCOME_OK" && r.status.code === 0)).toBe(true);
    expect(new Set(results.slice(0, 8).map((r: any) => r.state_hash)).size).toBe(1);
    expect(results[8].status.code).toBe(grpc.status.NOT_FOUND);
    const calls = sessions.map((x: any) => ({ session_id: x.session_id, tool: "unfreeze_card", arguments_json: '{"card_id":"CARD-1001"}' }));
    calls.push({ session_id: sessions[0].session_id, tool: "unfreeze_card", arguments_json: "{bad json" });
    const batch = await t.env("CallToolBatch", { calls });
    expect(batch.results.slice(0, 8).map((r: any) => r.outcome)).toEqual(Array(8).fill("OUTCOME_OK"));
    expect(batch.results[8].status.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it("StepBatch with skip_state_hash leaves the results' hashes empty and the state's exact", async () => {
    const s = await create();
    const { sessions } = await t.env("ForkSession", { session_id: s.session_id, count: 2 });
    const [hashed, skipped] = sessions.map((x: any) => x.session_id as string);
    const text = '<tool_call>{"name":"transfer_between_accounts","arguments":{"from_account_id":"ACC-1001","to_account_id":"ACC-1002","amount":5}}</tool_call>';
    const step = (session_id: string, skip: boolean, key = "") => ({
      session_id,
      assistant_text: text,
      format: "TOOL_CALL_FORMAT_HERMES",
      turn: 0,
      skip_state_hash: skip,
      idempotency_key: key,
    });
    const { results } = await t.env("StepBatch", { steps: [step(hashed, false), step(skipped, true, "k1")] });
    expect(results.map((r: any) => r.outcome)).toEqual(["OUTCOME_OK", "OUTCOME_OK"]);
    expect(results[0].state_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(results[1].state_hash).toBe("");
    expect((await t.env("GetState", { session_id: skipped })).state_hash).toBe(results[0].state_hash);
    // The flag is part of the request an idempotency key stands for.
    const again = await t.env("StepBatch", { steps: [step(skipped, false, "k1")] });
    expect(again.results[0].status.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(again.results[0].status.message).toMatch(/already used for a different request/);
  });

  it("GetState returns canonical JSON on request; RenewLeases reports missing sessions", async () => {
    const s = await create("9");
    const bare = await t.env("GetState", { session_id: s.session_id });
    expect(bare.state_json).toBe("");
    const full = await t.env("GetState", { session_id: s.session_id, include_state: true });
    expect(JSON.parse(full.state_json).domains.banking.accounts["ACC-1001"].id).toBe("ACC-1001");
    expect(full.state_hash).toBe(s.state_hash);
    expect(await t.env("RenewLeases", { session_ids: [s.session_id, "gone"] })).toEqual({ renewed: [s.session_id], missing: ["gone"] });
  });

  it("Tasks says how to load datasets when it has none", async () => {
    await expectStatus(t.tasks("ListTasks", {}), grpc.status.FAILED_PRECONDITION, /--tasks DIR/);
  });
});

describe("deadlines, load and auth", () => {
  it("marks batch items past the deadline instead of running them", async () => {
    const local = await startTestServer({ yieldEvery: 1 });
    try {
      const s = await local.env("CreateSession", { servers: ["banking"], seed: "1" });
      const steps = Array.from({ length: 3000 }, () => ({
        session_id: s.session_id,
        format: "TOOL_CALL_FORMAT_HERMES",
        turn: 0,
        assistant_text: '<tool_call>{"name":"list_transactions","arguments":{"account_id":"ACC-1001","limit":100}}</tool_call>',
      }));
      await expectStatus(local.env("StepBatch", { steps }, { deadlineMs: 30 }), grpc.status.DEADLINE_EXCEEDED);
      // The server stops early: far fewer than 3000 calls ran.
      await new Promise((r) => setTimeout(r, 200));
      const { records } = await local.env("GetJournal", { session_id: s.session_id });
      expect(records.length).toBeLessThan(3000);
    } finally {
      await local.close();
    }
  });

  it("stops working on a batch the client cancelled", async () => {
    const local = await startTestServer({ yieldEvery: 1 });
    try {
      const s = await local.env("CreateSession", { servers: ["banking"], seed: "1" });
      const steps = Array.from({ length: 3000 }, () => ({
        session_id: s.session_id,
        format: "TOOL_CALL_FORMAT_HERMES",
        turn: 0,
        assistant_text: '<tool_call>{"name":"list_transactions","arguments":{"account_id":"ACC-1001","limit":100}}</tool_call>',
      }));
      const status = new Promise<number>((resolve) => {
        const call = (local.clients[0] as any).StepBatch({ steps }, (err: grpc.ServiceError | null) => resolve(err?.code ?? 0));
        const started = setInterval(() => {
          if (local.server.env.journal(s.session_id).length > 0) {
            clearInterval(started);
            call.cancel();
          }
        }, 1);
      });
      expect(await status).toBe(grpc.status.CANCELLED);
      await new Promise((r) => setTimeout(r, 300));
      const ran = local.server.env.journal(s.session_id).length;
      expect(ran).toBeGreaterThan(0);
      expect(ran).toBeLessThan(3000);
    } finally {
      await local.close();
    }
  });

  it("answers RESOURCE_EXHAUSTED with a retry hint past the load limit", async () => {
    const local = await startTestServer({ maxInflight: 1, yieldEvery: 1 });
    try {
      const s = await local.env("CreateSession", { servers: ["banking"], seed: "1" });
      const steps = Array.from({ length: 400 }, () => ({
        session_id: s.session_id,
        format: "TOOL_CALL_FORMAT_HERMES",
        turn: 0,
        assistant_text: '<tool_call>{"name":"get_balance","arguments":{"account_id":"ACC-1001"}}</tool_call>',
      }));
      const first = local.env("StepBatch", { steps });
      await new Promise((r) => setTimeout(r, 5));
      const err = await expectStatus(local.env("ListServers", {}), grpc.status.RESOURCE_EXHAUSTED, /load limit/);
      expect(Number(err.metadata.get("retry-after-ms")[0])).toBeGreaterThan(0);
      expect((await first).results).toHaveLength(400);
    } finally {
      await local.close();
    }
  });

  it("requires the bearer token when one is set, and refuses non-loopback binds without one", async () => {
    const local = await startTestServer({ token: "s3cret" });
    try {
      await expectStatus(local.env("ListServers", {}), grpc.status.UNAUTHENTICATED, /bearer token/);
      const bad = new grpc.Metadata();
      bad.set("authorization", "Bearer nope!");
      await expectStatus(local.env("ListServers", {}, { metadata: bad }), grpc.status.UNAUTHENTICATED);
      const good = new grpc.Metadata();
      good.set("authorization", "Bearer s3cret");
      expect((await local.env("ListServers", {}, { metadata: good })).servers.length).toBe(domains.length);
    } finally {
      await local.close();
    }
    await expect(startTestServer({ host: "0.0.0.0" })).rejects.toThrow(/refusing to bind 0.0.0.0 without a bearer token/);
  });

  it("drains calls in flight on shutdown", async () => {
    const local = await startTestServer({ yieldEvery: 1 });
    const s = await local.env("CreateSession", { servers: ["banking"], seed: "1" });
    const steps = Array.from({ length: 300 }, () => ({
      session_id: s.session_id,
      format: "TOOL_CALL_FORMAT_HERMES",
      turn: 0,
      assistant_text: '<tool_call>{"name":"get_balance","arguments":{"account_id":"ACC-1001"}}</tool_call>',
    }));
    const inflight = local.env("StepBatch", { steps });
    // Wait until the batch is running on the server, then shut the server down under it.
    while (local.server.env.journal(s.session_id).length === 0) await new Promise((r) => setTimeout(r, 1));
    const stopping = local.server.shutdown(10_000);
    expect((await inflight).results).toHaveLength(300);
    await stopping;
    for (const c of local.clients) c.close();
  });
});
