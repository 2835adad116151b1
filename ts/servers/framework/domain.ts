/**
 * `defineDomain`: a domain is declared once, as state + rules + tools.
 *
 * A domain file holds its entity tables (zod schemas), a seeded generator of its initial state
 * and its tools. Everything else a domain needs — validation, JSON Schema, errors, transactions,
 * the journal, isolation between sessions, the MCP and gRPC faces — comes from here and from the
 * session engine, so no domain repeats any of it.
 */
import { z } from "zod";
import type { Rng } from "./rng.ts";
import type { World } from "./world.ts";
import { paramMeta, type ParamMeta } from "./params.ts";
import type { EntityOf, Table, TableDef, Tables } from "./table.ts";
import { fail } from "./errors.ts";
import { checkRange } from "./ranges.ts";

/** What a tool knows besides the state and its arguments: the session's logical clock. */
export interface CallEnv {
  /** The session's current instant, "2026-03-14T09:30:00Z". */
  readonly now: string;
  /** The session's current date, "2026-03-14". */
  readonly today: string;
  readonly world: World;
}

/** The tables of a domain as its tools see them. */
export type Db<T extends Tables> = { readonly [K in keyof T]: Table<EntityOf<T[K]>> };

export type Run<T extends Tables, I extends z.ZodObject> = (db: Db<T>, args: z.output<I>, env: CallEnv) => unknown;

interface ToolSpecBase<T extends Tables, I extends z.ZodObject> {
  /** What the tool does, when to use it and what it returns, for a model to act on. */
  description: string;
  input: I;
  run: Run<T, I>;
}

export interface ReadSpec<T extends Tables, I extends z.ZodObject> extends ToolSpecBase<T, I> {
  /** Entity kinds this tool lists or searches, so a model (and synthesis) can find valid ids. */
  discovers?: string | readonly string[];
}

export interface WriteSpec<T extends Tables, I extends z.ZodObject> extends ToolSpecBase<T, I> {
  /** The kind of entity this tool creates; its result then carries the new entity's key. */
  produces?: string;
  /** Kinds that must already exist though no parameter names them (checkout needs cart items). */
  uses?: readonly string[];
  /** Deletes or overwrites data (MCP's destructiveHint). */
  destructive?: boolean;
}

export interface ToolSpec<T extends Tables = Tables> {
  readonly access: "read" | "write";
  readonly description: string;
  readonly input: z.ZodObject;
  readonly run: Run<T, z.ZodObject>;
  readonly discovers: readonly string[];
  readonly produces?: string;
  readonly uses: readonly string[];
  readonly destructive: boolean;
}

/** Typed `read` and `write` builders for a domain's tables. */
export function toolkit<T extends Tables>(_tables: T) {
  return {
    read<I extends z.ZodObject>(spec: ReadSpec<T, I>): ToolSpec<T> {
      const discovers = spec.discovers === undefined ? [] : typeof spec.discovers === "string" ? [spec.discovers] : [...spec.discovers];
      return {
        access: "read",
        description: spec.description,
        input: spec.input,
        run: spec.run as Run<T, z.ZodObject>,
        discovers,
        uses: [],
        destructive: false,
      };
    },
    write<I extends z.ZodObject>(spec: WriteSpec<T, I>): ToolSpec<T> {
      return {
        access: "write",
        description: spec.description,
        input: spec.input,
        run: spec.run as Run<T, z.ZodObject>,
        discovers: [],
        ...(spec.produces ? { produces: spec.produces } : {}),
        uses: spec.uses ? [...spec.uses] : [],
        destructive: spec.destructive ?? false,
      };
    },
  };
}

export interface SeedContext {
  readonly rng: Rng;
  readonly world: World;
  /** Mints sequential keys in a table's format while seeding: id("accounts") → "ACC-1001". */
  id(table: string): string;
  /**
   * How many times its usual amount of data a domain seeds (1 unless an operator asks for more):
   * the knob of benchmarks on large states. Domains whose state size matters to a trainer (the
   * file system, the shop) honour it with more of what their world already holds.
   */
  readonly scale: number;
}

export type SeedRows<T extends Tables> = { [K in keyof T]?: ReadonlyArray<EntityOf<T[K]>> };

export interface DomainSpec<T extends Tables> {
  name: string;
  title: string;
  /** One paragraph: what this world holds and who the user is in it. */
  description: string;
  tables: T;
  seed: (ctx: SeedContext) => SeedRows<T>;
  tools: Record<string, ToolSpec<T>>;
  /**
   * How a parameter names an entity of a kind when its value is not simply the table's key: an
   * alias ('primary'), a name as well as an id, '@handle', a saved label or coordinates. Each
   * resolver is the lookup the domain's tools use; the framework calls it on every optional ref
   * before the tool runs. "in_tool": every tool resolves this kind itself, first thing, with its
   * own not_found (the file system's paths, relative to the working directory, per command).
   */
  resolve?: { readonly [kind: string]: Resolver<T> | "in_tool" };
}

/** Looks `value` up as the domain's tools would: the entity, undefined (not found) or a thrown not_found. */
export type Resolver<T extends Tables> = (db: Db<T>, value: string, param: string, env: CallEnv) => unknown;

export type JsonSchema = { [key: string]: unknown };

export interface ParamInfo {
  name: string;
  required: boolean;
  /** JSON type: string, number, integer, boolean, array, object. */
  type: string;
  enum?: readonly string[];
  ref?: string;
  field?: string;
  sensitive: boolean;
  /** The parameter that closes the range this one opens (from_date → to_date). */
  rangeEnd?: string;
}

/** A tool as the rest of the system sees it: spec plus name, domain, JSON Schema and parameter metadata. */
export interface Tool extends ToolSpec {
  readonly name: string;
  readonly domain: string;
  readonly readOnly: boolean;
  /** JSON Schema of the input, generated from the zod schema. */
  readonly inputSchema: JsonSchema;
  readonly params: readonly ParamInfo[];
}

export interface Domain {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Tables by name, e.g. { accounts: TableDef }. */
  readonly tables: Readonly<Tables>;
  readonly tools: readonly Tool[];
  /** Table name of each entity kind. */
  readonly kinds: ReadonlyMap<string, string>;
  readonly seed: (ctx: SeedContext) => Readonly<Record<string, ReadonlyArray<Record<string, unknown>>>>;
  tool(name: string): Tool | undefined;
}

export const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const RESERVED_TABLE_NAMES = new Set(["constructor", "prototype", "__proto__", "toString"]);

export function defineDomain<T extends Tables>(spec: DomainSpec<T>): Domain {
  const where = `domain "${spec.name}"`;
  const kinds = new Map<string, string>();
  for (const [name, def] of Object.entries(spec.tables)) {
    if (RESERVED_TABLE_NAMES.has(name)) throw new Error(`${where}: "${name}" cannot name a table`);
    if (kinds.has(def.kind)) throw new Error(`${where}: two tables hold kind "${def.kind}"`);
    kinds.set(def.kind, name);
  }
  const kindDef = (kind: string, usage: string): TableDef => {
    const table = kinds.get(kind);
    if (!table) throw new Error(`${where}: ${usage} names kind "${kind}", which no table of this domain holds`);
    return spec.tables[table] as TableDef;
  };

  for (const kind of Object.keys(spec.resolve ?? {})) kindDef(kind, "resolve");
  const tools: Tool[] = Object.entries(spec.tools).map(([name, tool]) => {
    if (!TOOL_NAME.test(name)) throw new Error(`${where}: tool name "${name}" must match ${TOOL_NAME}`);
    for (const k of tool.discovers) kindDef(k, `tool ${name} (discovers)`);
    for (const k of tool.uses) kindDef(k, `tool ${name} (uses)`);
    if (tool.produces) kindDef(tool.produces, `tool ${name} (produces)`);
    const params = describeParams(tool.input);
    for (const p of params) if (p.ref) kindDef(p.ref, `tool ${name}, parameter ${p.name}`);
    for (const p of params) {
      if (p.rangeEnd && !params.some((q) => q.name === p.rangeEnd))
        throw new Error(`${where}: tool ${name}, parameter ${p.name} opens a range closed by "${p.rangeEnd}", which is not a parameter`);
    }
    const guarded = params.filter((p) => (p.ref && spec.resolve?.[p.ref] !== "in_tool") || p.rangeEnd);
    return {
      ...tool,
      run: guarded.length ? argumentGuard(guarded, kinds, spec.resolve ?? {}, tool.run) : tool.run,
      name,
      domain: spec.name,
      readOnly: tool.access === "read",
      inputSchema: inputJsonSchema(tool.input, (kind) => kindDef(kind, `tool ${name}`).example),
      params,
    } as Tool;
  });
  const byName = new Map(tools.map((t) => [t.name, t]));

  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    tables: spec.tables,
    tools,
    kinds,
    seed: spec.seed as Domain["seed"],
    tool: (name) => byName.get(name),
  };
}

/**
 * Checks the arguments before any rule of the tool, the same way for every tool of every domain:
 *
 * - A range that runs backwards (from_date after to_date) is invalid_argument: it would match
 *   nothing, and a model would learn "there are none" instead of "I swapped them".
 * - Every parameter that names an entity must name one that exists. An optional filter on an
 *   unknown id would otherwise answer an empty list; a required one would be refused for another
 *   reason first ("the cart is empty") and be wrong again on the retry. Values go through the
 *   domain's resolver of the kind, or the table's `need` (whose not_found names the discovery
 *   tool and the key probably meant).
 */
function argumentGuard<T extends Tables>(
  params: readonly ParamInfo[],
  kinds: ReadonlyMap<string, string>,
  resolvers: NonNullable<DomainSpec<T>["resolve"]>,
  run: Run<T, z.ZodObject>,
): Run<T, z.ZodObject> {
  const ranges = params.filter((p) => p.rangeEnd).map((p) => [p.name, p.rangeEnd as string] as const);
  const refs = params
    .filter((p) => p.ref && resolvers[p.ref] !== "in_tool")
    .map((p) => {
      const resolver = resolvers[p.ref as string];
      return { name: p.name, table: kinds.get(p.ref as string) as keyof T, field: p.field, resolver: typeof resolver === "function" ? resolver : undefined };
    });
  return (db, args, env) => {
    const values = args as Record<string, unknown>;
    for (const [lower, upper] of ranges) checkRange(lower, values[lower], upper, values[upper]);
    for (const c of refs) {
      const value = values[c.name];
      if (value === undefined || value === null) continue;
      const table = db[c.table] as Table<Record<string, unknown>>;
      const list = Array.isArray(value);
      for (const [i, v] of (list ? value : [value]).entries()) {
        if (typeof v !== "string") continue;
        if (c.resolver) {
          if (c.resolver(db, v, list ? `${c.name}[${i}]` : c.name, env) === undefined) table.need(v);
        } else if (c.field === undefined) table.need(v);
        else if (!table.find((e) => e[c.field as string] === v)) fail(`${c.name}: no ${table.kind} has ${c.field} '${v}'.`, "not_found");
      }
    }
    return run(db, args, env);
  };
}

/**
 * Peels optional/default/nullable wrappers to reach the schema that carries the metadata; a
 * parameter that normalises its value (a pipe into a transform) is described by its input side.
 */
function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; pipeMeta: ParamMeta } {
  let s: z.ZodType = schema;
  let optional = false;
  let pipeMeta: ParamMeta = {};
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) {
      optional ||= !(s instanceof z.ZodNullable);
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodPipe) {
      pipeMeta = { ...pipeMeta, ...(paramMeta.get(s) ?? {}) };
      s = s.in as z.ZodType;
    } else {
      return { inner: s, optional, pipeMeta };
    }
  }
}

function describeParams(input: z.ZodObject): ParamInfo[] {
  return Object.entries(input.shape).map(([name, field]) => {
    const { inner, optional, pipeMeta } = unwrap(field as z.ZodType);
    let meta: ParamMeta = { ...(paramMeta.get(inner) ?? {}), ...pipeMeta };
    const type = jsonType(inner);
    if (inner instanceof z.ZodArray) meta = { ...meta, ...(paramMeta.get(inner.element as z.ZodType) ?? {}) };
    const info: ParamInfo = { name, required: !optional, type, sensitive: meta.sensitive ?? false };
    if (inner instanceof z.ZodEnum) info.enum = inner.options.map(String);
    if (meta.ref) info.ref = meta.ref;
    if (meta.field) info.field = meta.field;
    if (meta.rangeEnd) info.rangeEnd = meta.rangeEnd;
    return info;
  });
}

function jsonType(schema: z.ZodType): string {
  if (schema instanceof z.ZodString || schema instanceof z.ZodEnum || schema instanceof z.ZodLiteral) return "string";
  if (schema instanceof z.ZodNumber) return schema.format === "safeint" || schema.isInt ? "integer" : "number";
  if (schema instanceof z.ZodBoolean) return "boolean";
  if (schema instanceof z.ZodArray) return "array";
  return "object";
}

function inputJsonSchema(input: z.ZodObject, exampleOf: (kind: string) => string): JsonSchema {
  const schema = z.toJSONSchema(input, {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      // zod states .int() as the safe-integer range; that is no limit a model should read.
      for (const k of ["minimum", "maximum"] as const) if (Math.abs(Number(ctx.jsonSchema[k])) >= Number.MAX_SAFE_INTEGER) delete ctx.jsonSchema[k];
      const meta = paramMeta.get(ctx.zodSchema as unknown as z.ZodType);
      if (meta?.ref && !meta.field) {
        const desc = typeof ctx.jsonSchema.description === "string" ? `${ctx.jsonSchema.description} ` : "";
        const article = /^[aeiou]/.test(meta.ref) ? "an" : "a";
        ctx.jsonSchema.description = `${desc}(${article} ${meta.ref} id such as '${exampleOf(meta.ref)}')`.trim();
      }
    },
  }) as JsonSchema;
  delete schema.$schema;
  liftDescriptions(schema);
  return schema;
}

/** A nullable parameter's description sits in its non-null branch; say it on the parameter, where readers look. */
function liftDescriptions(node: JsonSchema): void {
  const branches = node.anyOf as JsonSchema[] | undefined;
  if (node.description === undefined && branches) {
    const described = branches.find((b) => typeof b.description === "string");
    if (described) node.description = described.description;
  }
  for (const child of [
    ...Object.values((node.properties ?? {}) as Record<string, JsonSchema>),
    ...(node.items ? [node.items as JsonSchema] : []),
    ...(branches ?? []),
  ])
    liftDescriptions(child);
}

/** A tool in the OpenAI function-calling format (also what Hugging Face chat templates take). */
export function openAIFunction(tool: Pick<Tool, "name" | "description" | "inputSchema">) {
  return { type: "function" as const, function: { name: tool.name, description: tool.description, parameters: tool.inputSchema } };
}
