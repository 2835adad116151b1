import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import { serveHttp, type McpHttpServer } from "../../ts/mcp/http.ts";
import { domains } from "../../ts/servers/index.ts";

const PROVE = ["bin/prove.mjs"];

/** A scripted sequence of calls whose later arguments come from earlier results. */
async function script(call: (tool: string, args: Record<string, unknown>) => Promise<unknown>) {
  const out: unknown[] = [];
  const accounts = (await call("list_accounts", {})) as { items: Array<{ id: string; type: string }> };
  out.push(accounts);
  const from = accounts.items.find((a) => a.type === "checking")!.id;
  const to = accounts.items.find((a) => a.type === "savings")!.id;
  out.push(await call("transfer_between_accounts", { from_account_id: from, to_account_id: to, amount: 42.5, memo: "mcp" }));
  out.push(await call("get_balance", { account_id: from }));
  out.push(await call("transfer_between_accounts", { from_account_id: from, to_account_id: to, amount: 1e8 }));
  out.push(await call("get_account", { account_id: 17 }));
  return out;
}

function inProcess(seed: string) {
  const env = new Environment(domains);
  const s = env.create({ domains: ["banking"], seed });
  return script(async (tool, args) => {
    const r = env.call(s.id, tool, args);
    return JSON.parse(JSON.stringify(r.outcome === "ok" ? r.result : { error: r.error }));
  });
}

function viaClient(client: Client) {
  return script(async (name, args) => {
    const r = await client.callTool({ name, arguments: args });
    return r.structuredContent;
  });
}

describe("MCP over stdio", () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ name: "prove-test", version: "1.0.0" });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [...PROVE, "mcp", "banking", "--seed", "3"], stderr: "pipe" }));
  });
  afterAll(() => client.close());

  it("lists every banking tool with JSON Schema and annotations from the metadata", async () => {
    const { tools } = await client.listTools();
    const banking = domains.find((d) => d.name === "banking")!;
    expect(tools.map((t) => t.name).sort()).toEqual(banking.tools.map((t) => t.name).sort());
    const list = tools.find((t) => t.name === "list_accounts")!;
    expect(list.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: false });
    expect(tools.find((t) => t.name === "remove_payee")!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    const transfer = tools.find((t) => t.name === "transfer_between_accounts")!;
    expect(transfer.inputSchema.required).toEqual(["from_account_id", "to_account_id", "amount"]);
    expect((transfer.inputSchema.properties as Record<string, { description: string }>).from_account_id!.description).toMatch(/such as 'ACC-1042'/);
  });

  it("gives results identical to the in-process path, errors included", async () => {
    expect(await viaClient(client)).toEqual(await inProcess("3"));
  });

  it("marks tool errors as isError with a readable text", async () => {
    const r = await client.callTool({ name: "get_account", arguments: { account_id: "ACC-0000" } });
    expect(r.isError).toBe(true);
    expect((r.content as Array<{ text: string }>)[0]!.text).toMatch(/^Error \(not_found\): account 'ACC-0000' not found/);
  });
});

describe("MCP over Streamable HTTP", () => {
  let server: McpHttpServer;
  const clients: Client[] = [];
  const connect = async (path: string) => {
    const c = new Client({ name: "prove-test", version: "1.0.0" });
    await c.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${server.port}${path}`)));
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    server = await serveHttp({ port: 0, seed: "3" });
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await server.close();
  });

  it("serves one domain per path with results identical to the in-process path", async () => {
    const c = await connect("/mcp/banking");
    expect(await viaClient(c)).toEqual(await inProcess("3"));
  });

  it("isolates two MCP sessions: a write in one is invisible in the other", async () => {
    const a = await connect("/mcp/banking");
    const b = await connect("/mcp/banking");
    const before = (await b.callTool({ name: "get_balance", arguments: { account_id: "ACC-1001" } })).structuredContent as { balance: number };
    await a.callTool({ name: "transfer_between_accounts", arguments: { from_account_id: "ACC-1001", to_account_id: "ACC-1003", amount: 10 } });
    const afterA = (await a.callTool({ name: "get_balance", arguments: { account_id: "ACC-1001" } })).structuredContent as { balance: number };
    const afterB = (await b.callTool({ name: "get_balance", arguments: { account_id: "ACC-1001" } })).structuredContent as { balance: number };
    expect(afterA.balance).toBeCloseTo(before.balance - 10, 2);
    expect(afterB.balance).toBe(before.balance);
  });

  it("serves all domains on /mcp", async () => {
    const c = await connect("/mcp");
    const { tools } = await c.listTools();
    expect(tools.length).toBe(domains.reduce((n, d) => n + d.tools.length, 0));
  });

  it("closes the environment session when the MCP session ends", async () => {
    const open = server.env.size;
    const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${server.port}/mcp/banking`));
    const c = new Client({ name: "prove-test", version: "1.0.0" });
    await c.connect(transport);
    expect(server.env.size).toBe(open + 1);
    await transport.terminateSession();
    await c.close();
    expect(server.env.size).toBe(open);
  });

  it("refuses foreign Host and Origin headers (DNS-rebinding protection), unknown paths and bad bodies", async () => {
    const init = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } },
    };
    const post = (path: string, headers: Record<string, string>, body: string) =>
      fetch(`http://127.0.0.1:${server.port}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
        body,
      });
    // fetch sets Host itself; a raw request is needed to forge it.
    const { request } = await import("node:http");
    const forged = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port: server.port, path: "/mcp", method: "POST", headers: { host: "evil.example:80", "content-type": "application/json" } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on("error", reject);
      req.end(JSON.stringify(init));
    });
    expect(forged).toBe(403);
    expect((await post("/mcp", { origin: "http://evil.example" }, JSON.stringify(init))).status).toBe(403);
    expect((await post("/mcp/nowhere", {}, JSON.stringify(init))).status).toBe(404);
    expect((await post("/elsewhere", {}, JSON.stringify(init))).status).toBe(404);
    expect((await post("/mcp", {}, "{not json")).status).toBe(400);
    expect((await post("/mcp", { "mcp-session-id": "made-up" }, JSON.stringify(init))).status).toBe(404);
  });
});

describe("MCP Inspector CLI (@modelcontextprotocol/inspector@1.0.3)", () => {
  const inspector = (...args: string[]) =>
    execa("npx", ["mcp-inspector", "--cli", process.execPath, ...PROVE, "mcp", "banking", "--seed", "3", ...args], { timeout: 60_000 });

  it("lists the tools of a domain", async () => {
    const { stdout } = await inspector("--method", "tools/list");
    const { tools } = JSON.parse(stdout.slice(stdout.indexOf("{")));
    expect(tools.map((t: { name: string }) => t.name)).toContain("transfer_between_accounts");
  });

  it("calls a tool", async () => {
    const { stdout } = await inspector("--method", "tools/call", "--tool-name", "get_balance", "--tool-arg", "account_id=ACC-1001");
    const result = JSON.parse(stdout.slice(stdout.indexOf("{")));
    expect(result.structuredContent.account_id).toBe("ACC-1001");
    expect(typeof result.structuredContent.balance).toBe("number");
  });
});
