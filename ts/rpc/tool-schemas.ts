/**
 * The two forms of a tool's input schema the services hand out (gRPC ListTools, MCP tools/list):
 * the full JSON Schema zod generates, and a portable form that OpenAI's strict mode and common
 * constrained decoders accept — every property required (optional ones nullable), no additional
 * properties, only the keywords below; every other rule is stated in the description instead.
 *
 * `portable` is the one seam between the services and how the portable form is made: the domain
 * framework's own `portableSchema` replaces `portableForm` here once it is available.
 */
import type { JsonSchema } from "../servers/framework/domain.ts";
import { openAIFunction, type Tool } from "../servers/framework/index.ts";

/** Keywords the portable form keeps. */
export const PORTABLE_KEYWORDS: ReadonlySet<string> = new Set(["type", "description", "properties", "required", "additionalProperties", "items", "enum", "anyOf"]);

export function toolSchemas(tool: Pick<Tool, "inputSchema">): { full: JsonSchema; portable: JsonSchema } {
  return { full: tool.inputSchema, portable: portableForm(tool.inputSchema as Node, false) as JsonSchema };
}

/** The tools in OpenAI's function format (full schemas). */
export function openAITools(tools: readonly Tool[]): string {
  return JSON.stringify(tools.map(openAIFunction));
}

/** The tools in OpenAI's function format with `strict: true` and the portable schemas. */
export function strictOpenAITools(tools: readonly Tool[]): string {
  return JSON.stringify(tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, strict: true, parameters: toolSchemas(t).portable } })));
}

type Node = { [key: string]: unknown };

function portableForm(node: Node, nullable: boolean): Node {
  const out: Node = {};
  const rules = ruleWords(node);
  const description = [node.description, rules].filter((x) => typeof x === "string" && x !== "").join(" ");
  if (node.type !== undefined) out.type = node.type;
  if (description) out.description = description;
  if (node.const !== undefined) out.enum = [node.const];
  if (Array.isArray(node.enum)) out.enum = [...node.enum];
  const branches = (node.anyOf ?? node.oneOf) as Node[] | undefined;
  if (branches) out.anyOf = branches.map((b) => portableForm(b, false));
  if (node.properties) {
    const required = new Set((node.required as string[] | undefined) ?? []);
    const props = node.properties as Record<string, Node>;
    out.properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, portableForm(v, !required.has(k))]));
    out.required = Object.keys(props);
    out.additionalProperties = false;
  }
  if (node.items) out.items = portableForm(node.items as Node, false);
  if (!nullable) return out;
  if (out.anyOf) return { ...out, anyOf: [...(out.anyOf as Node[]), { type: "null" }] };
  const types = Array.isArray(out.type) ? (out.type as string[]) : out.type !== undefined ? [out.type as string] : [];
  return { ...out, type: [...types, "null"], ...(Array.isArray(out.enum) ? { enum: [...out.enum, null] } : {}) };
}

/** The rules a node states that the portable form drops, in words: "(1 to 100; default 20)". */
function ruleWords(n: Node): string {
  const parts: string[] = [];
  const range = (lo: unknown, hi: unknown, unit: string) => {
    if (lo !== undefined && hi !== undefined) parts.push(`${lo} to ${hi}${unit}`);
    else if (lo !== undefined) parts.push(`at least ${lo}${unit}`);
    else if (hi !== undefined) parts.push(`at most ${hi}${unit}`);
  };
  range(n.minimum, n.maximum, "");
  if (n.exclusiveMinimum !== undefined) parts.push(`greater than ${n.exclusiveMinimum}`);
  if (n.exclusiveMaximum !== undefined) parts.push(`less than ${n.exclusiveMaximum}`);
  if (n.multipleOf !== undefined) parts.push(`a multiple of ${n.multipleOf}`);
  range(n.minLength, n.maxLength, " characters");
  range(n.minItems, n.maxItems, " items");
  if (n.format !== undefined) parts.push(`format ${n.format}`);
  if (n.pattern !== undefined) parts.push(`matching ${n.pattern}`);
  if (n.default !== undefined) parts.push(`default ${JSON.stringify(n.default)}`);
  return parts.length ? `(${parts.join("; ")})` : "";
}
