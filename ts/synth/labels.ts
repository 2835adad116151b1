/**
 * Labels a model can trust. An abstention ("no offered tool can do this") is kept only if no
 * offered tool, alone or as a create-then-change pair, reproduces what the hidden tool did: each
 * candidate is run for real on the task's initial state with the hidden call's arguments carried
 * over, and the entities it leaves are compared with the hidden call's. Tools that can do it are
 * withheld too; when too many would have to go, the abstention is refused.
 */
import type { Environment } from "../env/environment.ts";
import type { CallRecord } from "../env/journal.ts";
import { canonicalJson } from "../env/state/canonical.ts";
import type { Domain, Entity, ParamInfo, Tool, World } from "../servers/framework/index.ts";
import type { Rng } from "../servers/framework/rng.ts";
import { paramClass } from "./classes.ts";
import type { TaskSession } from "../tasks/session.ts";
import { valueFor } from "./values.ts";

export interface DoabilityContext {
  env: Environment;
  session: TaskSession;
  domain: Domain;
  world: World;
  rng: Rng;
  pools: ReadonlyMap<string, readonly (string | number)[]>;
}

/** Fields that say when, not what: two ways of doing the same thing differ in them. */
const TIME_FIELD = /(_at|_on)$|^(created|modified|updated|last_changed|last_seen|version|etag|at)$/;

/**
 * The offered tools of the hidden tool's domain that can do what it did (alone or as a pair),
 * given its live call. An empty list: the abstention holds as offered.
 */
export function toolsThatCanDoIt(ctx: DoabilityContext, hidden: Tool, call: CallRecord, offered: readonly Tool[]): string[] {
  const kinds = touchedKinds(ctx.domain, hidden, call);
  const candidates = offered.filter(
    (t) =>
      t.name !== hidden.name &&
      t.domain === ctx.domain.name &&
      t.readOnly === hidden.readOnly &&
      ((t.produces && kinds.has(t.produces)) || t.params.some((p) => p.ref && kinds.has(p.ref))),
  );
  if (hidden.readOnly) return candidates.filter((t) => answers(ctx, t, hidden, call)).map((t) => t.name);
  const target = effect(ctx, call);
  if (target.length === 0) return [];
  const able = new Set<string>();
  for (const t of candidates) if (reproduces(ctx, [t], hidden, call, target)) able.add(t.name);
  // Create-then-change pairs: touch, then append_file, does what write_file does.
  const makers = candidates.filter((t) => t.produces && kinds.has(t.produces) && !able.has(t.name));
  for (const a of makers) {
    for (const b of candidates) {
      if (a === b || able.has(b.name) || !b.params.some((p) => p.ref === a.produces || (p.type === "string" && paramClass(b, p) === "path"))) continue;
      if (reproduces(ctx, [a, b], hidden, call, target)) {
        able.add(a.name);
        able.add(b.name);
      }
    }
  }
  return [...able].sort();
}

/** Entity kinds a call touched: the tables it changed, what it produces, what it names. */
function touchedKinds(domain: Domain, tool: Tool, call: CallRecord): Set<string> {
  const kinds = new Set<string>();
  const byTable = new Map(Object.entries(domain.tables).map(([name, def]) => [name, def.kind] as const));
  for (const c of call.changes) {
    const kind = byTable.get(c.path.split("/")[2] ?? "");
    if (kind) kinds.add(kind);
  }
  if (tool.produces) kinds.add(tool.produces);
  if (tool.readOnly) for (const p of tool.params) if (p.ref) kinds.add(p.ref);
  return kinds;
}

/** What the hidden call left: each changed entity's path and its content without time fields. */
function effect(ctx: DoabilityContext, call: CallRecord): Array<{ path: string; entity: string }> {
  const { id } = ctx.env.create(ctx.session);
  try {
    ctx.env.call(id, call.tool, call.args);
    const state = ctx.env.sessionState(id);
    const paths = [...new Set(call.changes.map((c) => c.path.split("/").slice(0, 4).join("/")))];
    return paths.map((path) => ({ path, entity: canonical(entityAt(state, path)) }));
  } finally {
    ctx.env.close(id);
  }
}

function reproduces(
  ctx: DoabilityContext,
  tools: readonly Tool[],
  hiddenTool: Tool,
  hidden: CallRecord,
  target: ReadonlyArray<{ path: string; entity: string }>,
): boolean {
  const { id } = ctx.env.create(ctx.session);
  try {
    let made: string | undefined;
    for (const t of tools) {
      const args = carryOver(ctx, t, hiddenTool, hidden.args as Record<string, unknown>, made);
      if (!args) return false;
      const r = ctx.env.call(id, t.name, args);
      if (r.outcome !== "ok") return false;
      const key = keyOfResult(ctx.domain, t, r.result);
      if (key) made = key;
    }
    const state = ctx.env.sessionState(id);
    return target.every((x) => canonical(entityAt(state, x.path)) === x.entity);
  } finally {
    ctx.env.close(id);
  }
}

/** Whether a read returns everything the hidden read's answer holds. */
function answers(ctx: DoabilityContext, tool: Tool, hiddenTool: Tool, hidden: CallRecord): boolean {
  const args = carryOver(ctx, tool, hiddenTool, hidden.args as Record<string, unknown>, undefined);
  if (!args) return false;
  const { id } = ctx.env.create(ctx.session);
  try {
    const r = ctx.env.call(id, tool.name, args);
    if (r.outcome !== "ok") return false;
    const got = JSON.stringify(r.result);
    const want = Object.entries((hidden.result ?? {}) as Record<string, unknown>).filter(
      ([k, v]) => !TIME_FIELD.test(k) && (typeof v === "number" || (typeof v === "string" && v.length > 1)),
    );
    return want.length > 0 && want.every(([, v]) => got.includes(JSON.stringify(v)));
  } finally {
    ctx.env.close(id);
  }
}

/** Arguments for a candidate: the hidden call's values by name, by entity kind or by class; generated otherwise. */
function carryOver(
  ctx: DoabilityContext,
  tool: Tool,
  hiddenTool: Tool,
  hidden: Record<string, unknown>,
  made: string | undefined,
): Record<string, unknown> | undefined {
  const args: Record<string, unknown> = {};
  for (const p of tool.params) {
    const v = hidden[p.name] ?? (p.ref && made && !p.field ? (p.type === "array" ? [made] : made) : undefined) ?? sameClass(tool, p, hidden, hiddenTool);
    if (v !== undefined) {
      args[p.name] = v;
      continue;
    }
    if (!p.required) continue;
    if (p.ref) return undefined;
    const g = valueFor(p, { rng: ctx.rng, world: ctx.world, today: ctx.world.today, domain: ctx.domain, tool, pools: ctx.pools, args });
    if (g === undefined) return undefined;
    args[p.name] = g;
  }
  return args;
}

function sameClass(tool: Tool, p: ParamInfo, hidden: Record<string, unknown>, hiddenTool: Tool): unknown {
  if (p.ref) return undefined;
  const cls = paramClass(tool, p);
  const match = hiddenTool.params.find((h) => !h.ref && hidden[h.name] !== undefined && paramClass(hiddenTool, h) === cls && cls !== "other");
  return match ? hidden[match.name] : undefined;
}

function keyOfResult(domain: Domain, tool: Tool, result: unknown): string | undefined {
  if (!tool.produces || !result || typeof result !== "object") return undefined;
  const key = (result as Entity)[domain.tables[domain.kinds.get(tool.produces) ?? ""]?.key ?? "id"];
  return typeof key === "string" ? key : undefined;
}

function entityAt(state: { get(d: string, t: string, k: string): Entity | undefined }, path: string): Entity | undefined {
  const [, d = "", t = "", k = ""] = path.split("/");
  return state.get(d, t, k.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function canonical(e: Entity | undefined): string {
  if (!e) return "null";
  return canonicalJson(Object.fromEntries(Object.entries(e).filter(([k]) => !TIME_FIELD.test(k))));
}
