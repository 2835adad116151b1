/**
 * `prove mcp --http`: every domain over Streamable HTTP.
 *
 * `POST /mcp/<domain>` serves one domain, `POST /mcp` all of them in one session. Each MCP
 * session (its `mcp-session-id`) gets its own environment session, so two clients never see each
 * other's state. Loopback by default, with DNS-rebinding protection: requests whose Host or
 * Origin is not the loopback address we listen on are refused.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { Environment } from "../env/environment.ts";
import { domains } from "../servers/index.ts";
import { createMcpServer } from "./server.ts";

export interface HttpOptions {
  host?: string;
  port?: number;
  seed?: string;
  /** Extra Host names to accept (when bound beyond loopback behind a known name). */
  allowedHosts?: string[];
  env?: Environment;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
const MAX_BODY = 4 * 1024 * 1024;

export interface McpHttpServer {
  url: string;
  port: number;
  env: Environment;
  close(): Promise<void>;
}

export async function serveHttp(opts: HttpOptions = {}): Promise<McpHttpServer> {
  const host = opts.host ?? "127.0.0.1";
  const env = opts.env ?? new Environment(domains);
  const seed = opts.seed ?? "1";
  const transports = new Map<string, StreamableHTTPServerTransport>();
  let allowedHosts = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://placeholder");
    const match = /^\/mcp(?:\/([a-z_]+))?\/?$/.exec(url.pathname);
    if (!match) return reply(res, 404, `no MCP endpoint at ${url.pathname}; use /mcp or /mcp/<domain> (${domains.map((d) => d.name).join(", ")})`);
    if (!allowedHosts.has(req.headers.host ?? "")) return reply(res, 403, `host "${req.headers.host}" is not allowed (DNS-rebinding protection)`);
    const origin = req.headers.origin;
    if (origin && !LOOPBACK.has(safeHostname(origin))) return reply(res, 403, `origin "${origin}" is not allowed`);

    const body = req.method === "POST" ? await readJson(req, res) : undefined;
    if (body === INVALID) return;
    const sid = req.headers["mcp-session-id"];
    const existing = typeof sid === "string" ? transports.get(sid) : undefined;
    if (existing) return existing.handleRequest(req, res, body);
    if (typeof sid === "string") return reply(res, 404, `unknown or expired MCP session "${sid.slice(0, 64)}"; initialize a new one`);
    if (req.method !== "POST" || !isInitializeRequest(body)) return reply(res, 400, "the first request of an MCP session must be an initialize POST");

    const names = match[1] ? [match[1]] : domains.map((d) => d.name);
    if (match[1] && !domains.some((d) => d.name === match[1])) return reply(res, 404, `unknown domain "${match[1]}"`);
    const session = env.create({ domains: names, seed });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => void transports.set(id, transport),
    });
    transport.onclose = () => {
      if (transport.sessionId) transports.delete(transport.sessionId);
      env.close(session.id);
    };
    await createMcpServer(env, session.id, match[1] ?? "all").connect(transport);
    return transport.handleRequest(req, res, body);
  };

  const server: HttpServer = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) reply(res, 500, `internal error: ${(err as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 8765, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([...LOOPBACK].map((h) => `${h}:${port}`).concat((opts.allowedHosts ?? []).map((h) => (h.includes(":") ? h : `${h}:${port}`))));
  if (!LOOPBACK.has(host)) allowedHosts.add(`${host}:${port}`);
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/mcp`,
    port,
    env,
    async close() {
      for (const t of transports.values()) await t.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const INVALID = Symbol("invalid body");

async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) {
      reply(res, 413, `request body over ${MAX_BODY} bytes`);
      return INVALID;
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32700, message: "Parse error: body is not valid JSON" }, id: null }));
    return INVALID;
  }
}

function reply(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

function safeHostname(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return "";
  }
}
