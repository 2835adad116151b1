/**
 * MCP sessions that recover (issue 14): over HTTP, idle sessions are reclaimed into 404 and never
 * fill the session limit; over stdio, a session that used up its budget starts over; a session
 * can be reset and seeded; protocol errors are the spec's.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, LoggingMessageNotificationSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { Environment } from "../../ts/env/environment.ts";
import { serveHttp, type McpHttpServer } from "../../ts/mcp/http.ts";
import { PORTABLE_SCHEMA_META, SESSION_EXHAUSTED } from "../../ts/mcp/server.ts";
import { domains } from "../../ts/servers/index.ts";

const INIT = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};
const Reset = z.object({ seed: z.string(), state_hash: z.string() });

let server: McpHttpServer | undefined;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => undefined);
  await server?.close();
  server = undefined;
});

const post = (path: string, body: object, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${server!.port}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(body),
  });

/** Opens an MCP session by hand (as an abandoned client would) and returns its id. */
async function open(path = "/mcp/banking"): Promise<{ status: number; id: string | null; res: Response }> {
  const res = await post(path, INIT);
  await res.text();
  return { status: res.status, id: res.headers.get("mcp-session-id"), res };
}

async function connect(path: string): Promise<Client> {
  const c = new Client({ name: "prove-test", version: "1.0.0" });
  await c.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${server!.port}${path}`)));
  clients.push(c);
  return c;
}

const balance = async (c: Client) =>
  ((await c.callTool({ name: "get_balance", arguments: { account_id: "ACC-1001" } })).structuredContent as { balance: number }).balance;

describe("MCP over HTTP: sessions that expire, are reclaimed and recover", () => {
  it("reclaims a session idle past its TTL and answers its id with 404, so the client initializes anew", async () => {
    let now = 0;
    server = await serveHttp({ port: 0, clock: () => now, limits: { idleTtlMs: 60_000 } });
    const { id } = await open();
    expect(server.sessions).toBe(1);
    expect(server.env.size).toBe(1);
    now = 30_000;
    const alive = await post("/mcp/banking", { jsonrpc: "2.0", id: 2, method: "tools/list" }, { "mcp-session-id": id!, "mcp-protocol-version": "2025-06-18" });
    expect(alive.status).toBe(200);
    await alive.text();
    now = 30_000 + 61_000;
    // Asked again after its TTL: 404 (it failed with -32603 for ever), and it is gone.
    const expired = await post(
      "/mcp/banking",
      { jsonrpc: "2.0", id: 3, method: "tools/list" },
      { "mcp-session-id": id!, "mcp-protocol-version": "2025-06-18" },
    );
    expect(expired.status).toBe(404);
    expect(await expired.text()).toMatch(/expired .* initialize a new one/);
    expect(server.sessions).toBe(0);
    expect(server.env.size).toBe(0);
    // Nobody asks for an abandoned one: the sweep reclaims it.
    await open();
    now += 61_000;
    expect(await server.sweep()).toBe(1);
    expect([server.sessions, server.env.size]).toEqual([0, 0]);
  });

  it("never lets abandoned sessions fill the limit: idle ones are reclaimed first, else 503 with Retry-After (it was 500)", async () => {
    let now = 0;
    server = await serveHttp({ port: 0, clock: () => now, limits: { idleTtlMs: 60_000, maxSessions: 3 } });
    for (let i = 0; i < 3; i++) expect((await open()).status).toBe(200);
    const full = await open();
    expect(full.status).toBe(503);
    expect(Number(full.res.headers.get("retry-after"))).toBeGreaterThan(0);
    now = 120_000;
    expect((await open()).status).toBe(200);
    expect(server.sessions).toBe(1);
    expect(server.env.size).toBe(1);
  });

  it("refuses a session id sent to another domain's path (it silently served the first domain)", async () => {
    server = await serveHttp({ port: 0 });
    const { id } = await open("/mcp/banking");
    const elsewhere = await post(
      "/mcp/email",
      { jsonrpc: "2.0", id: 2, method: "tools/list" },
      { "mcp-session-id": id!, "mcp-protocol-version": "2025-06-18" },
    );
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.text()).toMatch(/belongs to \/mcp\/banking/);
  });

  it("seeds a session at initialize (?seed=) and resets it, to its seed or another", async () => {
    server = await serveHttp({ port: 0, seed: "3" });
    const local = new Environment(domains);
    const expected = (seed: string) => {
      const s = local.create({ domains: ["banking"], seed });
      return (local.call(s.id, "get_balance", { account_id: "ACC-1001" }).result as { balance: number }).balance;
    };
    const c = await connect("/mcp/banking?seed=9");
    expect(await balance(c)).toBe(expected("9"));
    await c.callTool({ name: "transfer_between_accounts", arguments: { from_account_id: "ACC-1001", to_account_id: "ACC-1003", amount: 10 } });
    expect(await balance(c)).toBeCloseTo(expected("9") - 10, 2);
    const logs: string[] = [];
    c.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(String(n.params.data)));
    await c.setLoggingLevel("info");
    expect(await c.request({ method: "prove/reset", params: {} }, Reset)).toMatchObject({ seed: "9" });
    expect(await balance(c)).toBe(expected("9"));
    expect((await c.request({ method: "prove/reset", params: { seed: "4" } }, Reset)).seed).toBe("4");
    expect(await balance(c)).toBe(expected("4"));
    await new Promise((r) => setTimeout(r, 50));
    expect(logs).toEqual(["session reset to seed 9", "session reset to seed 4"]);
    // One environment session per MCP session, whatever the resets.
    expect(server.env.size).toBe(1);
  });

  it("a session past its call budget says how to recover (it failed with -32603 for ever) and works again after prove/reset", async () => {
    server = await serveHttp({ port: 0, seed: "3", limits: { maxCallsPerSession: 2 } });
    const c = await connect("/mcp/banking");
    const first = await balance(c);
    await balance(c);
    const err = (await c.callTool({ name: "get_balance", arguments: { account_id: "ACC-1001" } }).catch((e: unknown) => e)) as McpError;
    expect(err).toBeInstanceOf(McpError);
    expect(err.code).toBe(SESSION_EXHAUSTED);
    expect(err.message).toMatch(/made 2 of its 2 calls.*prove\/reset/);
    expect((await c.request({ method: "prove/reset", params: {} }, Reset)).seed).toBe("3");
    expect(await balance(c)).toBe(first);
    expect(server.env.size).toBe(1);
  });

  it("answers an unknown tool with JSON-RPC -32602, declares logging, and lists the portable schema", async () => {
    server = await serveHttp({ port: 0 });
    const c = await connect("/mcp/banking");
    const err = await c.callTool({ name: "teleport", arguments: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(McpError);
    expect((err as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((err as McpError).message).toMatch(/unknown tool "teleport"/);
    expect(c.getServerCapabilities()?.logging).toEqual({});
    const { tools } = await c.listTools();
    const transfer = tools.find((t) => t.name === "transfer_between_accounts")!;
    const portable = transfer._meta?.[PORTABLE_SCHEMA_META] as { required: string[]; properties: Record<string, unknown>; additionalProperties: boolean };
    expect(portable.additionalProperties).toBe(false);
    expect([...portable.required].sort()).toEqual(Object.keys(portable.properties).sort());
  });
});

describe("MCP over stdio: a session that used up its budget recovers", () => {
  it("says how to recover (no permanent -32603) and works again after prove/reset", async () => {
    const c = new Client({ name: "prove-test", version: "1.0.0" });
    await c.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ["bin/prove.mjs", "mcp", "banking", "--seed", "3", "--max-calls-per-session", "3"],
        stderr: "pipe",
      }),
    );
    clients.push(c);
    for (let i = 0; i < 3; i++) await balance(c);
    const err = (await c.callTool({ name: "get_balance", arguments: { account_id: "ACC-1001" } }).catch((e: unknown) => e)) as McpError;
    expect(err).toBeInstanceOf(McpError);
    expect(err.code).toBe(SESSION_EXHAUSTED);
    expect(err.message).toMatch(/made 3 of its 3 calls.*prove\/reset/);
    expect((await c.request({ method: "prove/reset", params: {} }, Reset)).seed).toBe("3");
    expect(typeof (await balance(c))).toBe("number");
  });
});
