/**
 * R_state (verified): the trajectory's final state against the reference replay's, on the
 * paths the task writes, with field-level partial credit — and every change the task did not
 * ask for counted against it.
 *
 * - A field the reference updates: 1 when the final value equals the reference value.
 * - An entity the reference deletes: 1 when it is gone.
 * - An entity the reference creates: paired with an entity the trajectory created in the same
 *   table (its key may differ: ids are minted in call order), credit = share of equal fields.
 * - Every other net change (an entity created, deleted or a field changed that the reference
 *   leaves alone) adds one item to the denominator with no credit: a second deleted file, a
 *   duplicate transfer, a wrong field overwritten.
 * R_state = credit / (reference items + unrequested changes); 1 when both are empty.
 */
import { canonicalJson } from "../env/state/canonical.ts";
import { parsePointer, pointerSegment, type SessionState } from "../env/state/engine.ts";
import type { Entity } from "../servers/framework/index.ts";
import type { Reference } from "../tasks/schema.ts";
import { sameValue } from "./normalize.ts";

export interface StateDetail {
  credit: number;
  items: number;
  unrequested: string[];
}

export function rState(reference: Reference, final: SessionState, keyField: (domain: string, table: string) => string, tailChanges: readonly string[] = []): { value: number; detail: StateDetail } {
  const written = new Set(reference.written_paths);
  const created: Array<{ domain: string; table: string; path: string; entity: Entity }> = [];
  let credit = 0;
  let items = 0;

  // Entities the reference creates: their field paths are covered by the pairing below.
  for (const path of written) {
    const seg = parsePointer(path);
    const value = reference.values[path];
    if (seg.length === 3 && value !== null && typeof value === "object") created.push({ domain: seg[0]!, table: seg[1]!, path, entity: value as Entity });
  }
  const createdPaths = new Set(created.map((c) => c.path));

  const changed = [...final.changedEntities()];
  const newlyCreated = changed.filter((c) => !c.before && c.now);
  const paired = new Set<string>();
  for (const ref of created) {
    items++;
    const key = keyField(ref.domain, ref.table);
    let best = 0;
    let bestPath: string | undefined;
    for (const c of newlyCreated) {
      const path = `/${c.domain}/${c.table}/${pointerSegment(c.key)}`;
      if (c.domain !== ref.domain || c.table !== ref.table || paired.has(path)) continue;
      const share = fieldShare(ref.entity, c.now as Entity, key);
      if (share > best) {
        best = share;
        bestPath = path;
      }
    }
    if (bestPath) paired.add(bestPath);
    credit += best;
  }

  // Fields of an entity the reference creates or deletes are judged with the entity.
  const entityLevel = new Set([...written].filter((p) => parsePointer(p).length === 3));
  for (const path of written) {
    if (createdPaths.has(path)) continue;
    const seg = parsePointer(path);
    if (seg.length > 3 && entityLevel.has(`/${seg.slice(0, 3).map(pointerSegment).join("/")}`)) continue;
    items++;
    const expected = reference.values[path];
    if (seg.length === 3) credit += final.valueAt(path) === undefined ? 1 : 0; // a deletion
    else if (sameValue(final.valueAt(path), expected)) credit += 1;
  }

  // Changes nobody asked for.
  const unrequested: string[] = [];
  for (const c of changed) {
    const entityPath = `/${c.domain}/${c.table}/${pointerSegment(c.key)}`;
    if (!c.before || !c.now) {
      if (!written.has(entityPath) && !paired.has(entityPath)) unrequested.push(entityPath);
      continue;
    }
    for (const field of new Set([...Object.keys(c.before), ...Object.keys(c.now)])) {
      if (canonicalJson(c.before[field] ?? null) === canonicalJson(c.now[field] ?? null)) continue;
      const fieldPath = `${entityPath}/${pointerSegment(field)}`;
      if (!written.has(fieldPath)) unrequested.push(fieldPath);
    }
  }
  for (const t of tailChanges) if (!unrequested.includes(t)) unrequested.push(t);

  const denominator = items + unrequested.length;
  return { value: denominator === 0 ? 1 : credit / denominator, detail: { credit, items, unrequested } };
}

function fieldShare(reference: Entity, candidate: Entity, key: string): number {
  const fields = Object.keys(reference).filter((f) => f !== key);
  if (fields.length === 0) return 1;
  return fields.filter((f) => sameValue(candidate[f], reference[f])).length / fields.length;
}

/** Entities whose value differs between two states of the same seed (what a redundant tail changed). */
export function entityDifferences(a: SessionState, b: SessionState): string[] {
  const keys = new Set<string>();
  for (const s of [a, b]) for (const c of s.changedEntities()) keys.add(`/${c.domain}/${c.table}/${pointerSegment(c.key)}`);
  return [...keys].filter((p) => canonicalJson(a.valueAt(p) ?? null) !== canonicalJson(b.valueAt(p) ?? null)).sort();
}
