/**
 * R_state (verified): the trajectory's final state against the reference replay's, on the
 * paths the task writes, with field-level partial credit — and every change the task did not
 * ask for counted against it.
 *
 * - A field the reference updates: 1 when the final value equals the reference value.
 * - An entity the reference deletes: 1 when it is gone.
 * - An entity the reference creates: paired with an entity the trajectory created in the same
 *   table, credit = share of equal fields. A minted id may differ (ids are minted in call
 *   order); a key the user chose (a file's path, a folder's name) must be the same.
 * - Every other net change (an entity created, deleted or a field changed that the reference
 *   leaves alone) is an unrequested change: a second deleted file, a duplicate transfer, a wrong
 *   field overwritten. Each one subtracts a whole item, so damage costs something even when the
 *   requested change was missed, and a harmless failure (no change at all) ranks above it.
 * - Times the session's clock stamped (an instant inside the conversation's logical time) are
 *   compared as "stamped during the conversation", not by the minute: independent steps made in
 *   another order stamp other minutes, and reach the same state.
 * R_state = max(−1, (credit − unrequested) / items); `exact` when every item is credited and
 * nothing else changed. A task that writes nothing is judged by what its reads made possible
 * (score.ts), with the same subtraction.
 */
import { canonicalJson } from "../env/state/canonical.ts";
import { parsePointer, pointerSegment, type SessionState } from "../env/state/engine.ts";
import type { Entity, TableDef } from "../servers/framework/index.ts";
import type { Reference } from "../tasks/schema.ts";
import { sameValue } from "./normalize.ts";

export interface StateDetail {
  credit: number;
  items: number;
  unrequested: string[];
  /** The unrequested changes to entities the request does not touch at all (collateral damage). */
  collateral: string[];
}

/** The conversation's logical time, in ms: instants the clock stamped fall inside it. */
export interface ClockWindow {
  start: number;
  end: number;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$/;

function stamped(v: unknown, window: ClockWindow | undefined): boolean {
  if (!window || typeof v !== "string" || !INSTANT.test(v)) return false;
  const t = Date.parse(v);
  return t >= window.start && t <= window.end;
}

/** Equal as state: by `sameValue`, or both instants the clock stamped during the conversation. */
function sameState(model: unknown, truth: unknown, window: ClockWindow | undefined): boolean {
  return sameValue(model, truth) || (stamped(truth, window) && stamped(model, window));
}

/** R_state from its parts: credit less unrequested changes, over the items, floored at −1. */
export function stateValue(credit: number, items: number, unrequested: number): number {
  if (items === 0) return unrequested === 0 ? 1 : -1;
  return Math.max(-1, (credit - unrequested) / items);
}

/** What the reference asks of the state, parsed once per task. */
export interface RequestShape {
  written: ReadonlySet<string>;
  /** Entities the reference creates, with their final value. */
  created: ReadonlyArray<{ domain: string; table: string; path: string; entity: Entity }>;
  /** Paths judged one by one: changed fields, and deleted entities. */
  judged: ReadonlyArray<{ path: string; deletion: boolean; expected: unknown }>;
  /** Every entity the request writes (as "/domain/table/key"), and every table it creates in ("domain/table"). */
  entities: ReadonlySet<string>;
  createTables: ReadonlySet<string>;
}

const shapes = new WeakMap<Reference, RequestShape>();

export function requestShape(reference: Reference): RequestShape {
  let shape = shapes.get(reference);
  if (shape) return shape;
  const written = new Set(reference.written_paths);
  const parsed = reference.written_paths.map((path) => ({ path, seg: parsePointer(path) }));
  const created = parsed.flatMap(({ path, seg }) => {
    const value = reference.values[path];
    return seg.length === 3 && value !== null && typeof value === "object" ? [{ domain: seg[0]!, table: seg[1]!, path, entity: value as Entity }] : [];
  });
  const createdPaths = new Set(created.map((c) => c.path));
  const entityLevel = new Set(parsed.filter(({ seg }) => seg.length === 3).map(({ path }) => path));
  const entityOf = (seg: string[]) => `/${seg.slice(0, 3).map(pointerSegment).join("/")}`;
  // Fields of an entity the reference creates or deletes are judged with the entity.
  const judged = parsed
    .filter(({ path, seg }) => !createdPaths.has(path) && !(seg.length > 3 && entityLevel.has(entityOf(seg))))
    .map(({ path, seg }) => ({ path, deletion: seg.length === 3, expected: reference.values[path] }));
  shape = {
    written,
    created,
    judged,
    entities: new Set(parsed.map(({ seg }) => entityOf(seg))),
    createTables: new Set(parsed.filter(({ seg }) => seg.length === 3).map(({ seg }) => `${seg[0]}/${seg[1]}`)),
  };
  shapes.set(reference, shape);
  return shape;
}

/** An entity whose value differs between two states (absent `before`: created; absent `now`: deleted). */
export interface ChangedEntity {
  domain: string;
  table: string;
  key: string;
  before?: Entity;
  now?: Entity;
}

/**
 * The entities among those the calls touched (`paths`: the state paths their records say they
 * changed) whose value differs between `from` and `to` — the net changes, found without
 * comparing every entity the session holds.
 */
export function changedBetween(from: SessionState, to: SessionState, paths: Iterable<string>): ChangedEntity[] {
  // "/domain/table/key/field" → "/domain/table/key": one entity, parsed once however many fields changed.
  const entities = new Set<string>();
  for (const path of paths) {
    let at = 0;
    for (let k = 0; k < 3 && at >= 0; k++) at = path.indexOf("/", at + 1);
    entities.add(at < 0 ? path : path.slice(0, at));
  }
  const out: ChangedEntity[] = [];
  for (const entity of entities) {
    const [domain, table, key] = parsePointer(entity);
    if (domain === undefined || table === undefined || key === undefined) continue;
    const before = from.get(domain, table, key);
    const now = to.get(domain, table, key);
    if (!sameJson(before, now)) out.push({ domain, table, key, ...(before ? { before } : {}), ...(now ? { now } : {}) });
  }
  return out;
}

/** Deep equality of JSON values (an absent field and an undefined one alike). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) if (!sameJson(x[k], y[k])) return false;
  return true;
}

export function rState(
  reference: Reference,
  final: SessionState,
  changed: readonly ChangedEntity[],
  tableDef: (domain: string, table: string) => TableDef | undefined,
  tailChanges: readonly string[] = [],
  window?: ClockWindow,
): { value: number; exact: boolean; detail: StateDetail } {
  const { written, created, judged, entities } = requestShape(reference);
  let credit = 0;
  let items = 0;

  const newlyCreated = changed.filter((c) => !c.before && c.now);
  const paired = new Set<string>();
  for (const ref of created) {
    items++;
    const def = tableDef(ref.domain, ref.table);
    const key = def?.key ?? "id";
    const refKey = String(ref.entity[key] ?? parsePointer(ref.path)[2]);
    const natural = !minted(def, refKey);
    // The entity with the same key when the trajectory created one (ids are minted in the same
    // order when the creates are), else the most similar one — paired even when no field agrees:
    // a created entity in the right table is the attempt at it.
    const refPath = `/${ref.domain}/${ref.table}/${pointerSegment(refKey)}`;
    const same = newlyCreated.find((c) => c.domain === ref.domain && c.table === ref.table && c.key === refKey && !paired.has(refPath));
    let best = same ? fieldShare(ref.entity, same.now as Entity, key, window) : -1;
    let bestPath: string | undefined = same ? refPath : undefined;
    for (const c of same ? [] : newlyCreated) {
      const path = `/${c.domain}/${c.table}/${pointerSegment(c.key)}`;
      if (c.domain !== ref.domain || c.table !== ref.table || paired.has(path) || (natural && c.key !== refKey)) continue;
      const share = fieldShare(ref.entity, c.now as Entity, key, window);
      if (share > best) {
        best = share;
        bestPath = path;
      }
    }
    if (bestPath) paired.add(bestPath);
    credit += Math.max(0, best);
  }

  for (const { path, deletion, expected } of judged) {
    items++;
    if (deletion) credit += final.valueAt(path) === undefined ? 1 : 0;
    else if (sameState(final.valueAt(path), expected, window)) credit += 1;
  }

  // Changes nobody asked for.
  const unrequested: string[] = [];
  for (const c of changed) {
    const entityPath = `/${c.domain}/${c.table}/${pointerSegment(c.key)}`;
    const { before, now } = c;
    if (!before && !now) continue; // created and deleted again: nothing changed
    if (!before) {
      // Created: unrequested unless it answers one the reference creates, or the request itself
      // creates (and deletes again) an entity there.
      if (!paired.has(entityPath) && !written.has(entityPath)) unrequested.push(entityPath);
      continue;
    }
    if (!now) {
      if (!written.has(entityPath)) unrequested.push(entityPath);
      continue;
    }
    for (const field of new Set([...Object.keys(before), ...Object.keys(now)])) {
      const was = before[field] ?? null;
      const is = now[field] ?? null;
      if (was === is || (typeof was === "object" && typeof is === "object" && canonicalJson(was) === canonicalJson(is))) continue;
      const fieldPath = `${entityPath}/${pointerSegment(field)}`;
      if (!written.has(fieldPath)) unrequested.push(fieldPath);
    }
  }
  // A repeated tail's changes count against the state even on the request's own entities (its
  // state is judged before the tail); on other entities they are collateral damage too.
  const collateral = [...unrequested];
  for (const t of tailChanges) {
    if (!unrequested.includes(t)) unrequested.push(t);
    if (!entities.has(t) && !collateral.includes(t)) collateral.push(t);
  }

  return {
    value: stateValue(credit, items, unrequested.length),
    exact: credit >= items - 1e-9 && unrequested.length === 0,
    detail: { credit, items, unrequested, collateral },
  };
}

/** Whether `key` is one the table mints (prefix and digits), not one a user chose. */
function minted(def: TableDef | undefined, key: string): boolean {
  if (!def) return true;
  return key.startsWith(def.idPrefix) && /^\d+$/.test(key.slice(def.idPrefix.length));
}

function fieldShare(reference: Entity, candidate: Entity, key: string, window: ClockWindow | undefined): number {
  const fields = Object.keys(reference).filter((f) => f !== key);
  if (fields.length === 0) return 1;
  return fields.filter((f) => sameState(candidate[f], reference[f], window)).length / fields.length;
}

/** The entities a redundant tail changed (`paths`: what its calls' records say they changed), clock stamps aside. */
export function entityDifferences(a: SessionState, b: SessionState, paths: Iterable<string>, window?: ClockWindow): string[] {
  const json = (v: unknown) => canonicalJson(v ?? null).replace(INSTANTS, (t) => (stamped(t, window) ? "<stamped>" : t));
  return changedBetween(a, b, paths)
    .filter((c) => json(c.before) !== json(c.now))
    .map((c) => `/${c.domain}/${c.table}/${pointerSegment(c.key)}`)
    .sort();
}

const INSTANTS = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g;
