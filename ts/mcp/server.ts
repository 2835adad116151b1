/**
 * One environment session as an MCP server.
 *
 * Tool listings come from the domain metadata (JSON Schema generated from zod, annotations from
 * read/write/destructive), and every call goes through `Environment.call`, the same path the
 * gRPC service and trainers use — so an MCP client sees exactly the in-process results.
 */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool as McpTool } from "@modelcontextprotocol/sdk/types.js";
import type { Environment } from "../env/environment.ts";
import type { CallRecord } from "../env/journal.ts";
import type { Tool } from "../servers/framework/index.ts";

export const SERVER_VERSION = "0.1.0";

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
  };
}

/** The MCP rendering of a call: structured JSON plus a text rendering for clients that only show text. */
export function mcpResult(record: CallRecord): CallToolResult {
  if (record.outcome === "ok") {
    const structured = record.result !== null && typeof record.result === "object" && !Array.isArray(record.result) ? (record.result as Record<string, unknown>) : { result: record.result };
    return { content: [{ type: "text", text: JSON.stringify(record.result, null, 2) }], structuredContent: structured };
  }
  const error = record.error ?? { code: record.outcome, message: record.outcome };
  return { content: [{ type: "text", text: `Error (${error.code}): ${error.message}` }], structuredContent: { error }, isError: true };
}

/** An MCP server bound to one session of `env`; closing the server closes the session. */
export function createMcpServer(env: Environment, sessionId: string, name: string): Server {
  const server = new Server(
    { name: `prove-${name}`, version: SERVER_VERSION },
    {
      capabilities: { tools: {} },
      instructions: env.info(sessionId).domains.map((d) => env.domain(d).description).join("\n"),
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => {
    const info = env.info(sessionId);
    const tools = info.domains.flatMap((d) => env.domain(d).tools).filter((t) => info.tools.includes(t.name));
    return { tools: tools.map(mcpTool) };
  });
  server.setRequestHandler(CallToolRequestSchema, (request) => mcpResult(env.call(sessionId, request.params.name, request.params.arguments ?? {})));
  server.onclose = () => {
    env.close(sessionId);
  };
  return server;
}
