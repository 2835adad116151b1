/**
 * `prove mcp --http`: every domain over Streamable HTTP.
 *
 * `POST /mcp/<domain>` serves one domain, `POST /mcp` all of them in one session. Each MCP
 * session (its `mcp-session-id`) gets its own environment session, seeded by `?seed=` on the
 * initialize request (the server's seed otherwise), so two clients never see each other's state.
 * A session idle past its TTL is reclaimed, and asking for it again (or at another path than the
 * one it was made on) is HTTP 404, which tells a client to initialize anew. At the session limit,
 * idle sessions are reclaimed first; if none is, a new client gets 503 with Retry-After.
 * Loopback by default, with DNS-rebinding protection: requests whose Host or Origin is not the
 * loopback address we listen on are refused.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { DEFAULT_LIMITS, Environment, type EnvLimits } from "../env/environment.ts";
import { EnvError } from "../env/errors.ts";
import { domains } from "../servers/index.ts";
import { bind, createMcpServer, type Binding } from "./server.ts";

export interface HttpOptions {
  host?: string;
  port?: number;
  /** The seed of sessions whose initialize request names none. */
  seed?: string;
  /** Extra Host names to accept (when bound beyond loopback behind a known name). */
  allowedHosts?: string[];
  /** Limits of the environment; `maxSessions` and `idleTtlMs` bound the MCP sessions too. */
  limits?: Partial<EnvLimits>;
  /** Host clock for idle times (tests pass a fake). */
  clock?: () => number;
  /** The seeds' size knob (SeedContext.scale). */
  seedScale?: number;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
const MAX_BODY = 4 * 1024 * 1024;
/** MCP sessions at most, unless limits say otherwise: each holds a transport and a server (~40 KB). */
export const MAX_MCP_SESSIONS = 1000;

export interface McpHttpServer {
  url: string;
  port: number;
  env: Environment;
  /** MCP sessions open now. */
  readonly sessions: number;
  /** Closes MCP sessions idle past the TTL (also done every few seconds); returns how many. */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

interface Entry {
  transport: StreamableHTTPServerTransport;
  binding: Binding;
  /** The path the session was made on: "all" or a domain. */
  path: string;
}

export async function serveHttp(opts: HttpOptions = {}): Promise<McpHttpServer> {
  const host = opts.host ?? "127.0.0.1";
  const limits = { maxSessions: MAX_MCP_SESSIONS, ...opts.limits };
  const env = new Environment(domains, { limits, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.seedScale ? { seedScale: opts.seedScale } : {}) });
  const ttl = env.limits.idleTtlMs;
  const defaultSeed = opts.seed ?? "1";
  const entries = new Map<string, Entry>();
  let allowedHosts = new Set<string>();

  /** Ends an MCP session: its transport, server and environment session. */
  const end = async (id: string) => {
    const e = entries.get(id);
    if (!e) return;
    entries.delete(id);
    env.close(e.binding.sessionId);
    await e.transport.close();
  };
  /** Sessions whose environment session expired (or was closed) go: their ids now answer 404. */
  const sweep = async () => {
    env.sweep();
    const gone = [...entries].filter(([, e]) => !env.has(e.binding.sessionId)).map(([id]) => id);
    for (const id of gone) await end(id);
    return gone.length;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://placeholder");
    const match = /^\/mcp(?:\/([a-z_]+))?\/?$/.exec(url.pathname);
    if (!match) return reply(res, 404, `no MCP endpoint at ${url.pathname}; use /mcp or /mcp/<domain> (${domains.map((d) => d.name).join(", ")})`);
    if (!allowedHosts.has(req.headers.host ?? "")) return reply(res, 403, `host "${req.headers.host}" is not allowed (DNS-rebinding protection)`);
    const origin = req.headers.origin;
    if (origin && !LOOPBACK.has(safeHostname(origin))) return reply(res, 403, `origin "${origin}" is not allowed`);
    const path = match[1] ?? "all";
    if (match[1] && !domains.some((d) => d.name === match[1])) return reply(res, 404, `unknown domain "${match[1]}"`);

    const body = req.method === "POST" ? await readJson(req, res) : undefined;
    if (body === INVALID) return;
    const sid = req.headers["mcp-session-id"];
    if (typeof sid === "string") {
      const e = entries.get(sid);
      if (!e || !env.has(e.binding.sessionId)) {
        if (e) await end(sid);
        return reply(
          res,
          404,
          `unknown or expired MCP session "${sid.slice(0, 64)}" (sessions idle for ${ttl >= 60_000 ? `${ttl / 60_000} minutes` : `${ttl / 1000} s`} are reclaimed); initialize a new one`,
        );
      }
      if (e.path !== path)
        return reply(
          res,
          404,
          `MCP session "${sid.slice(0, 64)}" belongs to ${e.path === "all" ? "/mcp" : `/mcp/${e.path}`}, not ${url.pathname}; initialize a new one here`,
        );
      env.touch(e.binding.sessionId);
      return e.transport.handleRequest(req, res, body);
    }
    if (req.method !== "POST" || !isInitializeRequest(body)) return reply(res, 400, "the first request of an MCP session must be an initialize POST");

    const seed = url.searchParams.get("seed") ?? defaultSeed;
    if (entries.size >= limits.maxSessions) await sweep();
    if (entries.size >= limits.maxSessions) {
      res.setHeader("retry-after", String(Math.ceil(Math.min(ttl, 60_000) / 1000)));
      return reply(
        res,
        503,
        `MCP session limit reached (${entries.size} open, at most ${limits.maxSessions}); end finished sessions (HTTP DELETE) or retry later`,
      );
    }
    let binding: Binding;
    try {
      binding = bind(env, path === "all" ? domains.map((d) => d.name) : [path], seed);
    } catch (err) {
      if (err instanceof EnvError) return reply(res, err.code === "resource_exhausted" ? 503 : 400, err.message);
      throw err;
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => void entries.set(id, { transport, binding, path }),
    });
    transport.onclose = () => {
      if (transport.sessionId) entries.delete(transport.sessionId);
      env.close(binding.sessionId);
    };
    await createMcpServer(env, binding, path).connect(transport);
    await transport.handleRequest(req, res, body);
    // An initialize the transport refused made no MCP session: its environment session goes too.
    if (!transport.sessionId) env.close(binding.sessionId);
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
  const timer = setInterval(() => void sweep(), Math.max(1000, Math.min(30_000, ttl / 2))).unref();
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([...LOOPBACK].map((h) => `${h}:${port}`).concat((opts.allowedHosts ?? []).map((h) => (h.includes(":") ? h : `${h}:${port}`))));
  if (!LOOPBACK.has(host)) allowedHosts.add(`${host}:${port}`);
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/mcp`,
    port,
    env,
    get sessions() {
      return entries.size;
    },
    sweep,
    async close() {
      clearInterval(timer);
      for (const id of [...entries.keys()]) await end(id);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The default limits of `prove mcp --http` (for its usage text). */
export const HTTP_DEFAULTS = { maxSessions: MAX_MCP_SESSIONS, idleTtlMs: DEFAULT_LIMITS.idleTtlMs };

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
    res
      .writeHead(400, { "content-type": "application/json" })
      .end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32700, message: "Parse error: body is not valid JSON" }, id: null }));
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
