/**
 * One environment session as an MCP server.
 *
 * Tool listings come from the domain metadata (JSON Schema generated from zod, annotations from
 * read/write/destructive, the portable strict-mode schema in `_meta`), and every call goes through
 * `Environment.call`, the same path the gRPC service and trainers use — so an MCP client sees
 * exactly the in-process results. A session can start over from a seed (`prove/reset`); a session
 * that used up its budget says so and how to recover, never "internal error".
 */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool as McpTool,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { unknownToolMessage, type Environment } from "../env/environment.ts";
import { EnvError } from "../env/errors.ts";
import type { CallRecord } from "../env/journal.ts";
import { toolSchemas } from "../rpc/tool-schemas.ts";
import type { Tool } from "../servers/framework/index.ts";

export const SERVER_VERSION = "0.1.0";

/** JSON-RPC error codes (in the range JSON-RPC leaves to servers) of a session that used up its budget, or expired; `prove/reset` recovers from both. */
export const SESSION_EXHAUSTED = -32010;
export const SESSION_EXPIRED = -32011;
/** Where a tool's portable (strict-mode) input schema travels in `tools/list`. */
export const PORTABLE_SCHEMA_META = "prove/portableInputSchema";

export function mcpTool(tool: Tool): McpTool {
  return {
    name: tool.name,
    title: tool.name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()),
    description: tool.description,
    inputSchema: tool.inputSchema as McpTool["inputSchema"],
    annotations: {
      readOnlyHint: tool.readOnly,
      destructiveHint: !tool.readOnly && tool.destructive,
      idempotentHint: tool.readOnly,
      // Every domain is a closed, simulated world: no call reaches anything outside it.
      openWorldHint: false,
    },
    _meta: { [PORTABLE_SCHEMA_META]: toolSchemas(tool).portable },
  };
}

/** The MCP rendering of a call: structured JSON plus a text rendering for clients that only show text. */
export function mcpResult(record: CallRecord): CallToolResult {
  if (record.outcome === "ok") {
    const structured =
      record.result !== null && typeof record.result === "object" && !Array.isArray(record.result)
        ? (record.result as Record<string, unknown>)
        : { result: record.result };
    return { content: [{ type: "text", text: JSON.stringify(record.result, null, 2) }], structuredContent: structured };
  }
  const error = record.error ?? { code: record.outcome, message: record.outcome };
  return { content: [{ type: "text", text: `Error (${error.code}): ${error.message}` }], structuredContent: { error }, isError: true };
}

/** The environment session an MCP session plays; `prove/reset` replaces it. */
export interface Binding {
  sessionId: string;
  readonly domains: readonly string[];
  seed: string;
}

/** `prove/reset`: start over from the seed (or another one) in the same MCP session. */
export const ResetRequestSchema = z.object({
  method: z.literal("prove/reset"),
  params: z
    .object({ seed: z.string().min(1).max(128).optional() })
    .passthrough()
    .optional(),
});

/** Opens the environment session for a binding (at initialize, and on reset). */
export function bind(env: Environment, domains: readonly string[], seed: string): Binding {
  return { sessionId: env.create({ domains, seed }).id, domains, seed };
}

/** An MCP server bound to one session of `env`; closing the server closes the session. */
export function createMcpServer(env: Environment, binding: Binding, name: string): Server {
  const server = new Server(
    { name: `prove-${name}`, version: SERVER_VERSION },
    {
      capabilities: { tools: {}, logging: {} },
      instructions: [
        ...binding.domains.map((d) => env.domain(d).description),
        `Seed ${binding.seed}. Send the request "prove/reset" (params {"seed"?: string}) to start over from the seed.`,
      ].join("\n"),
    },
  );
  const log = (level: "info" | "warning", data: string) => void server.sendLoggingMessage({ level, logger: "prove", data }).catch(() => undefined);

  /** The session's own errors as JSON-RPC errors that say how to recover, never "internal error". */
  const guarded = <T>(work: () => T): T => {
    try {
      return work();
    } catch (err) {
      if (!(err instanceof EnvError) || (err.code !== "failed_precondition" && err.code !== "not_found")) throw err;
      log("warning", err.message);
      throw new McpError(
        err.code === "not_found" ? SESSION_EXPIRED : SESSION_EXHAUSTED,
        `${err.message}. Send "prove/reset" to start over from seed ${binding.seed}.`,
      );
    }
  };

  server.setRequestHandler(ListToolsRequestSchema, () =>
    guarded(() => {
      const info = env.info(binding.sessionId);
      const tools = info.domains.flatMap((d) => env.domain(d).tools).filter((t) => info.tools.includes(t.name));
      return { tools: tools.map(mcpTool) };
    }),
  );
  server.setRequestHandler(CallToolRequestSchema, (request) =>
    guarded(() => {
      const { name: tool, arguments: args } = request.params;
      const offered = env.info(binding.sessionId).tools;
      // The spec's answer to an unknown tool is a protocol error, not a tool result.
      if (!offered.includes(tool)) throw new McpError(ErrorCode.InvalidParams, unknownToolMessage(tool, offered));
      return mcpResult(env.call(binding.sessionId, tool, args ?? {}));
    }),
  );
  server.setRequestHandler(ResetRequestSchema, (request) => {
    const seed = request.params?.seed ?? binding.seed;
    const next = bind(env, binding.domains, seed);
    env.close(binding.sessionId);
    binding.sessionId = next.sessionId;
    binding.seed = seed;
    log("info", `session reset to seed ${seed}`);
    return { seed, state_hash: env.hash(binding.sessionId) };
  });
  server.onclose = () => {
    env.close(binding.sessionId);
  };
  return server;
}
