/**
 * The two forms of a tool's input schema the services hand out (gRPC ListTools, MCP tools/list):
 * the full JSON Schema zod generates, and the domain framework's portable form (strict-mode
 * compatible, other rules stated in the descriptions; ts/servers/framework/portable.ts).
 */
import type { JsonSchema } from "../servers/framework/domain.ts";
import { openAIFunction, portableSchema, strictOpenAIFunction, type Tool } from "../servers/framework/index.ts";

export function toolSchemas(tool: Pick<Tool, "inputSchema">): { full: JsonSchema; portable: JsonSchema } {
  return { full: tool.inputSchema, portable: portableSchema(tool) };
}

/** The tools in OpenAI's function format (full schemas). */
export function openAITools(tools: readonly Tool[]): string {
  return JSON.stringify(tools.map(openAIFunction));
}

/** The tools in OpenAI's function format with `strict: true` and the portable schemas. */
export function strictOpenAITools(tools: readonly Tool[]): string {
  return JSON.stringify(tools.map(strictOpenAIFunction));
}
