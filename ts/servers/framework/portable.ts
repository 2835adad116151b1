/**
 * The portable form of a tool's input schema, beside the full JSON Schema.
 *
 * The full schema (`tool.inputSchema`) states every rule zod checks: lengths, ranges, patterns,
 * defaults. Many consumers accept only a core of JSON Schema: OpenAI's strict mode wants every
 * property required (an optional one nullable) and `additionalProperties: false` on every
 * object; common constrained decoders reject `multipleOf`, `oneOf`, `pattern`, `format`, `const`,
 * `default` or numeric and length limits. The portable form keeps only that core — type,
 * properties, required, additionalProperties, items, enum, anyOf, description — and moves every
 * other rule into the description in words, so a model still reads it. The tool still enforces
 * every rule; `portableArgs` turns a model's answer to the portable form (nulls for what it
 * leaves out) back into arguments for the full one.
 */
import type { JsonSchema, Tool } from "./domain.ts";

type Node = { [key: string]: unknown };

/** Keywords every consumer of the portable form accepts. */
export const PORTABLE_KEYWORDS: ReadonlySet<string> = new Set([
  "type",
  "description",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "anyOf",
]);

/** The tool's input in the portable form: strict-mode compatible, rules in the descriptions. */
export function portableSchema(tool: Pick<Tool, "inputSchema">): JsonSchema {
  return portable(tool.inputSchema as Node, false);
}

/** A tool in OpenAI's function format with `strict: true` and the portable schema. */
export function strictOpenAIFunction(tool: Pick<Tool, "name" | "description" | "inputSchema">) {
  return { type: "function" as const, function: { name: tool.name, description: tool.description, strict: true as const, parameters: portableSchema(tool) } };
}

function portable(node: Node, nullable: boolean): Node {
  const out: Node = {};
  const rules = rulesInWords(node);
  const description = [node.description, rules].filter((x) => typeof x === "string" && x !== "").join(" ");
  if (node.type !== undefined) out.type = node.type;
  if (description) out.description = description;
  if (node.const !== undefined) out.enum = [node.const];
  if (Array.isArray(node.enum)) out.enum = [...node.enum];
  const branches = (node.anyOf ?? node.oneOf) as Node[] | undefined;
  if (branches) out.anyOf = branches.map((b) => portable(b, false));
  if (node.properties) {
    const required = new Set((node.required as string[] | undefined) ?? []);
    const props = node.properties as Record<string, Node>;
    out.properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, portable(v, !required.has(k))]));
    out.required = Object.keys(props);
    out.additionalProperties = false;
  }
  if (node.items) out.items = portable(node.items as Node, false);
  return nullable ? withNull(out) : out;
}

/** The same schema, also accepting null (what strict mode asks of an optional property). */
function withNull(node: Node): Node {
  if (node.anyOf) return { ...node, anyOf: [...(node.anyOf as Node[]), { type: "null" }] };
  const types = Array.isArray(node.type) ? (node.type as string[]) : node.type !== undefined ? [node.type as string] : [];
  const out: Node = { ...node, type: [...types, "null"] };
  if (Array.isArray(node.enum)) out.enum = [...node.enum, null];
  return out;
}

/** The rules of a node that the portable form drops, in words: "1 to 100; default 20". */
function rulesInWords(n: Node): string {
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
  if (n.pattern !== undefined) parts.push(`matching the pattern ${n.pattern}`);
  if (n.default !== undefined) parts.push(`default ${JSON.stringify(n.default)}`);
  return parts.length ? `(${parts.join("; ")})` : "";
}

/**
 * Arguments a model wrote against the portable schema, made fit for the full one: a null where
 * the full schema has no null means "left out", so the property is dropped (at every depth).
 */
export function portableArgs(tool: Pick<Tool, "inputSchema">, args: unknown): unknown {
  return stripNulls(tool.inputSchema as Node, args);
}

function stripNulls(schema: Node | undefined, value: unknown): unknown {
  if (value === null || typeof value !== "object" || !schema) return value;
  if (Array.isArray(value)) return value.map((v) => stripNulls(schema.items as Node | undefined, v));
  const props = (schema.properties ?? {}) as Record<string, Node>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const prop = props[k];
    if (v === null && prop && !allowsNull(prop)) continue;
    out[k] = stripNulls(branchFor(prop, v), v);
  }
  return out;
}

function allowsNull(n: Node): boolean {
  if (n.type === "null" || (Array.isArray(n.type) && n.type.includes("null"))) return true;
  return ((n.anyOf ?? n.oneOf) as Node[] | undefined)?.some(allowsNull) ?? false;
}

/** The schema an object value is checked against: the node itself, or its object branch. */
function branchFor(n: Node | undefined, v: unknown): Node | undefined {
  const branches = (n?.anyOf ?? n?.oneOf) as Node[] | undefined;
  if (!branches || v === null || typeof v !== "object") return n;
  // A tagged union: the branch whose "type" property's const or enum holds the value's tag.
  const tag = (v as Record<string, unknown>).type;
  return (
    branches.find((b) => {
      const t = (b.properties as Record<string, Node> | undefined)?.type;
      return t !== undefined && (t.const === tag || (Array.isArray(t.enum) && t.enum.includes(tag)));
    }) ??
    branches.find((b) => b.properties !== undefined) ??
    n
  );
}
