/**
 * A small validator of OpenAI's strict-mode rules for function parameters ("Structured Outputs:
 * supported schemas"), kept to the subset that common constrained decoders also accept. Written
 * from those rules, not from the code that builds the portable form.
 */

type Node = { [key: string]: unknown };

/** The keywords strict mode and common constrained decoders all accept. */
const ALLOWED = new Set(["type", "description", "properties", "required", "additionalProperties", "items", "enum", "anyOf"]);
const TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);
const MAX_DEPTH = 10;
const MAX_PROPERTIES = 5000;
const MAX_ENUM_VALUES = 1000;

/** Every way `schema` breaks the rules, as "path: problem"; empty when strict mode accepts it. */
export function strictProblems(schema: Node): string[] {
  const problems: string[] = [];
  const totals = { properties: 0, enumValues: 0 };
  if (schema.type !== "object") problems.push(`(root): must be a plain object schema, not ${JSON.stringify(schema.type ?? Object.keys(schema))}`);
  walk(schema, "(root)", 1, problems, totals);
  if (totals.properties > MAX_PROPERTIES) problems.push(`(root): ${totals.properties} properties; at most ${MAX_PROPERTIES}`);
  if (totals.enumValues > MAX_ENUM_VALUES) problems.push(`(root): ${totals.enumValues} enum values; at most ${MAX_ENUM_VALUES}`);
  return problems;
}

function walk(n: Node, path: string, depth: number, problems: string[], totals: { properties: number; enumValues: number }): void {
  for (const k of Object.keys(n)) if (!ALLOWED.has(k)) problems.push(`${path}: keyword "${k}" is not accepted`);
  if (depth > MAX_DEPTH) problems.push(`${path}: nested ${depth} deep; at most ${MAX_DEPTH}`);
  if (n.description !== undefined && typeof n.description !== "string") problems.push(`${path}: description must be a string`);
  if (n.anyOf !== undefined) {
    if (!Array.isArray(n.anyOf) || n.anyOf.length === 0) problems.push(`${path}: anyOf must be a non-empty list`);
    else (n.anyOf as Node[]).forEach((b, i) => walk(b, `${path}|${i}`, depth, problems, totals));
    return;
  }
  const types = Array.isArray(n.type) ? (n.type as unknown[]) : [n.type];
  if (types.length === 0 || types.some((t) => typeof t !== "string" || !TYPES.has(t)))
    problems.push(`${path}: type must be one of ${[...TYPES].join(", ")} (or a list of them), got ${JSON.stringify(n.type)}`);
  if (Array.isArray(n.enum)) {
    totals.enumValues += n.enum.length;
    if (types.includes("null") && !n.enum.includes(null)) problems.push(`${path}: a nullable enum must list null`);
    for (const v of n.enum) if (v !== null && !["string", "number", "boolean"].includes(typeof v)) problems.push(`${path}: enum values must be primitives`);
  }
  if (types.includes("object")) checkObject(n, path, depth, problems, totals);
  if (types.includes("array")) {
    if (typeof n.items !== "object" || n.items === null) problems.push(`${path}: an array needs items`);
    else walk(n.items as Node, `${path}[]`, depth + 1, problems, totals);
  }
}

function checkObject(n: Node, path: string, depth: number, problems: string[], totals: { properties: number; enumValues: number }): void {
  if (n.additionalProperties !== false) problems.push(`${path}: additionalProperties must be false`);
  const props = n.properties as Record<string, Node> | undefined;
  if (!props || typeof props !== "object") {
    problems.push(`${path}: an object needs properties`);
    return;
  }
  const keys = Object.keys(props);
  totals.properties += keys.length;
  const required = Array.isArray(n.required) ? (n.required as string[]) : [];
  const missing = keys.filter((k) => !required.includes(k));
  if (missing.length) problems.push(`${path}: every property must be required (optional ones nullable); not required: ${missing.join(", ")}`);
  const extra = required.filter((k) => !keys.includes(k));
  if (extra.length) problems.push(`${path}: required names unknown properties: ${extra.join(", ")}`);
  for (const [k, v] of Object.entries(props)) walk(v, `${path}.${k}`, depth + 1, problems, totals);
}

/** Every property at every depth, with its path: for checks that walk both forms of a schema. */
export function eachProperty(schema: Node, visit: (path: string, node: Node) => void, path = ""): void {
  const props = (schema.properties ?? {}) as Record<string, Node>;
  for (const [k, v] of Object.entries(props)) {
    visit(`${path}${k}`, v);
    eachProperty(v, visit, `${path}${k}.`);
  }
  if (schema.items) eachProperty(schema.items as Node, visit, `${path.replace(/\.$/, "")}[].`);
  for (const key of ["anyOf", "oneOf"]) {
    const branches = schema[key] as Node[] | undefined;
    branches?.forEach((b, i) => eachProperty(b, visit, `${path.replace(/\.$/, "")}|${i}.`));
  }
}

/** Every schema node at every depth (properties, items and branches), with its path. */
export function eachNode(schema: Node, visit: (path: string, node: Node) => void, path = "(root)"): void {
  visit(path, schema);
  for (const [k, v] of Object.entries((schema.properties ?? {}) as Record<string, Node>)) eachNode(v, visit, `${path}.${k}`);
  if (schema.items) eachNode(schema.items as Node, visit, `${path}[]`);
  for (const key of ["anyOf", "oneOf"]) ((schema[key] as Node[] | undefined) ?? []).forEach((b, i) => eachNode(b, visit, `${path}|${i}`));
}
