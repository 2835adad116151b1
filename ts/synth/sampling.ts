/**
 * Live-state sampling: open a session on a seed, call the read-only discovery tools the way a
 * model would, and keep what they return as a compact sampling context — real keys, how each
 * entity is described in words, and pools of real values per field — so every argument a task
 * asks for names something that exists.
 */
import type { Environment } from "../env/environment.ts";
import type { Domain, Entity, TableDef, Tool } from "../servers/framework/index.ts";
import { describeEntity, withoutIds } from "./mention.ts";

export interface Sampled {
  kind: string;
  key: string;
  /** The entity as the discovery tool returned it. */
  item: Entity;
  /** The full entity from the state, when the kind has a table row for it. */
  entity?: Entity;
  /** The entity in words: "the savings account ending in 4471". */
  text: string;
  /** The same without any id, when it can be said without one (what a user says at the minimal level). */
  plain?: string;
  /** How a model finds it: the discovery call and where in its result the entity sits (`items[3]`, `variants[0]`). */
  via: { tool: string; args: Record<string, unknown>; list: string; index: number };
}

export interface SamplingContext {
  domain: string;
  seed: string;
  byKind: ReadonlyMap<string, readonly Sampled[]>;
  /** Real values per field name across the domain's entities (strings up to 80 chars, numbers). */
  pools: ReadonlyMap<string, readonly (string | number)[]>;
}

const MAX_PER_KIND = 40;
const MAX_POOL = 200;

export type DiscoveryArgs = (
  tool: Tool,
  byKind: Map<string, Sampled[]>,
  pools: ReadonlyMap<string, readonly (string | number)[]>,
  error?: string,
  previous?: Record<string, unknown>,
) => Record<string, unknown> | undefined;

export function sampleDomain(env: Environment, domain: Domain, seed: string, argsFor: DiscoveryArgs): SamplingContext {
  const { id } = env.create({ domains: [domain.name], seed });
  try {
    const state = env.sessionState(id);
    const byKind = new Map<string, Sampled[]>();
    const valuePools = pools(domain, env, id);
    // Discovery tools without required parameters first, then those that need a parent entity.
    const discoverers = domain.tools.filter((t) => t.readOnly && t.discovers.length > 0);
    const ordered = [...discoverers.filter((t) => t.params.every((p) => !p.required)), ...discoverers.filter((t) => t.params.some((p) => p.required))];
    for (const tool of ordered) {
      let error: string | undefined;
      let previous: Record<string, unknown> | undefined;
      for (let attempt = 0; attempt < 4; attempt++) {
        const args = argsFor(tool, byKind, valuePools, error, previous);
        if (!args) break;
        const limit = (tool.inputSchema.properties as Record<string, { maximum?: number }> | undefined)?.limit?.maximum;
        if (limit) args.limit = Math.min(limit, MAX_PER_KIND);
        const r = env.call(id, tool.name, args);
        previous = args;
        error = r.error?.message;
        if (r.outcome !== "ok") continue;
        let found = false;
        for (const kind of tool.discovers) {
          const { list, items } = listOf(r.result, domain.kinds.get(kind) ?? "", kind);
          if (items.length === 0) continue;
          collect(domain, state, kind, tool, args, list, items, byKind);
          found = true;
        }
        if (found) break;
      }
    }
    return { domain: domain.name, seed, byKind, pools: valuePools };
  } finally {
    env.close(id);
  }
}

/**
 * Where a discovery result lists entities of a kind: a page's `items`, or an array named after
 * the table or kind (get_product returns a product with its `variants`).
 */
export function listOf(result: unknown, table: string, kind: string): { list: string; items: Entity[] } {
  const r = (result ?? {}) as Record<string, unknown>;
  for (const list of ["items", table, `${kind}s`]) {
    const v = r[list];
    if (Array.isArray(v)) return { list, items: v.filter((x) => x !== null && typeof x === "object") as Entity[] };
  }
  return { list: "items", items: [] };
}

function collect(
  domain: Domain,
  state: ReturnType<Environment["sessionState"]>,
  kind: string,
  tool: Tool,
  args: Record<string, unknown>,
  list: string,
  items: Entity[],
  byKind: Map<string, Sampled[]>,
): void {
  const table = domain.kinds.get(kind) as string;
  const def = domain.tables[table];
  if (!def) return;
  const found = byKind.get(kind) ?? [];
  const seen = new Set(found.map((s) => s.key));
  items.forEach((item, index) => {
    if (found.length >= MAX_PER_KIND) return;
    const keyValue = item[def.key] ?? item.id;
    if (typeof keyValue !== "string" || seen.has(keyValue)) return;
    const entity = state.get(domain.name, table, keyValue);
    if (!entity && !isEntity(def, item)) return;
    const text = describeEntity(domain, kind, entity ?? item);
    const plain = withoutIds(domain, kind, keyValue, text);
    seen.add(keyValue);
    found.push({ kind, key: keyValue, item, ...(entity ? { entity } : {}), text, ...(plain ? { plain } : {}), via: { tool: tool.name, args, list, index } });
  });
  byKind.set(kind, found);
}

/**
 * Whether a listed item is of the kind asked about: a list may mix kinds (flight and hotel
 * bookings), and only an item whose key is in the kind's format (or the kind's table) is one.
 */
export function ofKind(def: { idPrefix: string }, key: string): boolean {
  return !def.idPrefix || key.startsWith(def.idPrefix);
}

/**
 * Whether a listed item without a table row (a computed flight, a path seen through a link) is
 * an entity of the kind: its key in the kind's format and its shape the table's. Only those are
 * described; a describe() that fails on one of them is a bug and surfaces.
 */
export function isEntity(def: TableDef, item: Entity): boolean {
  const key = item[def.key];
  return typeof key === "string" && ofKind(def, key) && def.schema.safeParse(item).success;
}

function pools(domain: Domain, env: Environment, session: string): Map<string, (string | number)[]> {
  const out = new Map<string, Set<string | number>>();
  const tables = env.sessionState(session).snapshot().domains[domain.name] ?? {};
  for (const rows of Object.values(tables)) {
    for (const row of Object.values(rows)) {
      for (const [field, v] of Object.entries(row)) {
        if (!((typeof v === "string" && v.length > 0 && v.length <= 80) || typeof v === "number")) continue;
        const set = out.get(field) ?? new Set();
        if (set.size < MAX_POOL) set.add(v);
        out.set(field, set);
      }
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}
