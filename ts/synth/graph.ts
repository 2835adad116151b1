/**
 * The tool dependency graph, derived from entity metadata without any model:
 * - explicit: B has a parameter naming kind K and A produces K (B needs A's output);
 * - discovery: B has a parameter naming kind K and D lists or searches K (look the id up first);
 * - implicit: B uses kind K without naming it (checkout needs cart items) and A produces K;
 * - world: B takes a person's email and D discovers a kind carrying emails, in any domain
 *   (the shared world makes a CRM contact the recipient of an email).
 * Cached by a hash of the tool schemas, so it is rebuilt only when a domain changes.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../env/state/canonical.ts";
import type { Domain, Tool } from "../servers/framework/index.ts";

export type EdgeKind = "explicit" | "discovery" | "implicit" | "world";

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** The entity kind (or "email" for world edges) the edge carries. */
  via: string;
  /** The parameter of `to` that takes the value, when one does. */
  param?: string;
}

export interface DependencyGraph {
  hash: string;
  tools: ReadonlyMap<string, Tool>;
  edges: readonly Edge[];
  /** Edges leaving / entering a tool. */
  out: ReadonlyMap<string, readonly Edge[]>;
  in: ReadonlyMap<string, readonly Edge[]>;
  producers: ReadonlyMap<string, readonly string[]>;
  discoverers: ReadonlyMap<string, readonly string[]>;
}

const EMAIL_PARAM = /(^|_)(email|emails|recipient|recipients|to|cc|attendees)$/;

export function schemaHash(domains: readonly Domain[]): string {
  const h = createHash("sha256");
  for (const d of domains) for (const t of d.tools) h.update(canonicalJson([d.name, t.name, t.inputSchema, t.produces ?? null, t.discovers, t.uses]));
  return h.digest("hex").slice(0, 16);
}

const cache = new Map<string, DependencyGraph>();

export function dependencyGraph(domains: readonly Domain[]): DependencyGraph {
  const hash = schemaHash(domains);
  const hit = cache.get(hash);
  if (hit) return hit;
  const tools = new Map(domains.flatMap((d) => d.tools.map((t) => [t.name, t] as const)));
  const producers = new Map<string, string[]>();
  const discoverers = new Map<string, string[]>();
  const key = (d: Domain, kind: string) => `${d.name}:${kind}`;
  for (const d of domains) {
    for (const t of d.tools) {
      if (t.produces) push(producers, key(d, t.produces), t.name);
      for (const k of t.discovers) push(discoverers, key(d, k), t.name);
    }
  }
  const emailKinds = domains.flatMap((d) => [...d.kinds].filter(([, table]) => "email" in (d.tables[table]?.schema.shape ?? {})).map(([kind]) => key(d, kind)));

  const edges: Edge[] = [];
  for (const d of domains) {
    for (const t of d.tools) {
      for (const p of t.params) {
        if (p.ref) {
          for (const a of producers.get(key(d, p.ref)) ?? [])
            if (a !== t.name) edges.push({ from: a, to: t.name, kind: "explicit", via: p.ref, param: p.name });
          for (const a of discoverers.get(key(d, p.ref)) ?? [])
            if (a !== t.name) edges.push({ from: a, to: t.name, kind: "discovery", via: p.ref, param: p.name });
        } else if (!t.readOnly && EMAIL_PARAM.test(p.name)) {
          for (const k of emailKinds)
            for (const a of discoverers.get(k) ?? [])
              if (!d.tools.some((x) => x.name === a)) edges.push({ from: a, to: t.name, kind: "world", via: "email", param: p.name });
        }
      }
      for (const k of t.uses) for (const a of producers.get(key(d, k)) ?? []) edges.push({ from: a, to: t.name, kind: "implicit", via: k });
    }
  }
  const out = new Map<string, Edge[]>();
  const inc = new Map<string, Edge[]>();
  for (const e of edges) {
    push(out, e.from, e);
    push(inc, e.to, e);
  }
  const graph: DependencyGraph = { hash, tools, edges, out, in: inc, producers, discoverers };
  cache.set(hash, graph);
  return graph;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
