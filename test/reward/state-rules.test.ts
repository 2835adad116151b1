/**
 * The rules of R_state (docs/reward.md, ts/reward/state.ts), each at its boundary, with the expected
 * values written out by hand: R_state = max(−1, (credit − unrequested) / items), a created entity
 * paired by key or by the most similar one, clock stamps compared by the conversation's window.
 *
 * States are real toy-domain sessions (the seed: 30 notes N-1001…N-1030, "Note i …", body "text",
 * tags ["work"] except every third, not pinned; one folder "inbox" holding 30 notes); the lists of
 * changed entities and the references are written by hand.
 */
import { describe, expect, it } from "vitest";
import type { SessionState } from "../../ts/env/state/engine.ts";
import { Replayer } from "../../ts/reward/replay.ts";
import { type ChangedEntity, changedBetween, entityDifferences, requestShape, rState } from "../../ts/reward/state.ts";
import type { Entity } from "../../ts/servers/framework/index.ts";
import type { Reference } from "../../ts/tasks/schema.ts";
import { toy } from "../helpers/toy-domain.ts";
import { makeTask, step } from "./helpers.ts";

const replayer = new Replayer([toy]);
const task = makeTask([{ steps: [step(0, "pin_note", { note_id: "N-1002" })] }]);

/** The toy session after these calls (each replayed as it would run). */
function stateAfter(...calls: Array<[string, Record<string, unknown>]>): SessionState {
  const trajectory = { calls: calls.map(([name, args]) => ({ name, arguments: args, outcome: "ok" as const, turn: 0 })), replies: [] };
  return replayer.replay(task, trajectory).final;
}
const seed = stateAfter();

/** A reference that writes exactly these paths with these values. */
function reference(values: Record<string, unknown>): Reference {
  return { final_hash: "0", written_paths: Object.keys(values), values };
}

const tableDef = (domain: string, table: string) => (domain === "toy" ? toy.tables[table as "notes" | "folders"] : undefined);

const note = (id: string, title: string, extra: Partial<Entity> = {}): Entity => ({ id, title, body: "", tags: [], pinned: false, ...extra });
const created = (table: string, key: string, now: Entity, domain = "toy"): ChangedEntity => ({ domain, table, key, now });

/** The conversation's clock window of these tests: 09:00 to 09:03 on the seed's day. */
const window = { start: Date.parse("2026-09-03T09:00:00Z"), end: Date.parse("2026-09-03T09:03:00Z") };

describe("what the reference asks of the state", () => {
  it("a created entity's own fields are judged with it; a changed field and a deletion are judged one by one", () => {
    const shape = requestShape(
      reference({
        "/toy/notes/N-1031": note("N-1031", "a"),
        "/toy/notes/N-1031/title": "a",
        "/toy/notes/N-1002/pinned": true,
        "/toy/notes/N-1003": null,
        "/toy/folders/inbox/notes": 30,
        "/toy/notes/N-1004/tags": ["x"],
      }),
    );
    expect(shape.created).toEqual([{ domain: "toy", table: "notes", path: "/toy/notes/N-1031", entity: note("N-1031", "a") }]);
    expect(shape.judged).toEqual([
      { path: "/toy/notes/N-1002/pinned", deletion: false, expected: true },
      { path: "/toy/notes/N-1003", deletion: true, expected: null },
      { path: "/toy/folders/inbox/notes", deletion: false, expected: 30 },
      // A field whose value is a list is a field, not an entity created.
      { path: "/toy/notes/N-1004/tags", deletion: false, expected: ["x"] },
    ]);
    expect([...shape.entities].sort()).toEqual(["/toy/folders/inbox", "/toy/notes/N-1002", "/toy/notes/N-1003", "/toy/notes/N-1004", "/toy/notes/N-1031"]);
    // Tables the request creates (or deletes) an entity in, not those where it only changes a field.
    expect([...shape.createTables]).toEqual(["toy/notes"]);
    expect([...shape.written].sort()).toEqual([
      "/toy/folders/inbox/notes",
      "/toy/notes/N-1002/pinned",
      "/toy/notes/N-1003",
      "/toy/notes/N-1004/tags",
      "/toy/notes/N-1031",
      "/toy/notes/N-1031/title",
    ]);
  });
});

describe("net changes between two states", () => {
  it("two changed fields of one entity are one changed entity, with its value before and now", () => {
    const now = stateAfter(["pin_note", { note_id: "N-1002" }], ["set_body", { note_id: "N-1002", body: "new" }]);
    const out = changedBetween(seed, now, ["/toy/notes/N-1002/pinned", "/toy/notes/N-1002/body"]);
    expect(out).toEqual([
      {
        domain: "toy",
        table: "notes",
        key: "N-1002",
        before: { id: "N-1002", title: "Note 1 e663", body: "text", tags: ["work"], pinned: false },
        now: { id: "N-1002", title: "Note 1 e663", body: "new", tags: ["work"], pinned: true },
      },
    ]);
  });

  it("an entity written back to its old value is no change", () => {
    const now = stateAfter(["set_body", { note_id: "N-1002", body: "text" }]);
    expect(changedBetween(seed, now, ["/toy/notes/N-1002/body"])).toEqual([]);
  });

  it("the same note created in two sessions is no change between them; a different title is one", () => {
    const a = stateAfter(["create_note", { title: "a" }]);
    const b = stateAfter(["create_note", { title: "a" }]);
    const c = stateAfter(["create_note", { title: "c" }]);
    expect(changedBetween(a, b, ["/toy/notes/N-1031"])).toEqual([]);
    expect(changedBetween(a, c, ["/toy/notes/N-1031"]).map((e) => [e.key, e.before?.title, e.now?.title])).toEqual([["N-1031", "a", "c"]]);
  });

  it("a created entity has no value before, a deleted one none now", () => {
    const now = stateAfter(["create_note", { title: "a" }], ["delete_note", { note_id: "N-1003" }]);
    const out = changedBetween(seed, now, ["/toy/notes/N-1031", "/toy/notes/N-1003"]);
    expect(out.map((e) => [e.key, e.before === undefined, e.now === undefined])).toEqual([
      ["N-1031", true, false],
      ["N-1003", false, true],
    ]);
  });

  it("a path too short to name an entity is skipped", () => {
    expect(changedBetween(seed, stateAfter(["pin_note", { note_id: "N-1002" }]), ["/toy"])).toEqual([]);
  });
});

describe("R_state of a field the reference changes", () => {
  const pin = reference({ "/toy/notes/N-1002/pinned": true });

  it("the requested field set and nothing else: 1, exact", () => {
    const r = rState(pin, stateAfter(["pin_note", { note_id: "N-1002" }]), [], tableDef);
    expect(r).toEqual({ value: 1, exact: true, detail: { credit: 1, items: 1, unrequested: [], collateral: [] } });
  });

  it("a write the task did not ask for costs the state term a whole item: (1 − 1) / 1 = 0, not exact", () => {
    const final = stateAfter(["pin_note", { note_id: "N-1002" }], ["set_body", { note_id: "N-1002", body: "new" }]);
    const changed = changedBetween(seed, final, ["/toy/notes/N-1002/pinned", "/toy/notes/N-1002/body"]);
    const r = rState(pin, final, changed, tableDef);
    expect(r.value).toBe(0);
    expect(r.exact).toBe(false);
    expect(r.detail).toEqual({ credit: 1, items: 1, unrequested: ["/toy/notes/N-1002/body"], collateral: ["/toy/notes/N-1002/body"] });
  });

  it("a field whose array value is rebuilt with the same items is not a change", () => {
    const before = { id: "N-1002", title: "t", body: "text", tags: ["work"], pinned: false };
    const now = { id: "N-1002", title: "t", body: "text", tags: ["work"], pinned: true };
    const r = rState(pin, stateAfter(["pin_note", { note_id: "N-1002" }]), [{ domain: "toy", table: "notes", key: "N-1002", before, now }], tableDef);
    expect(r.detail.unrequested).toEqual([]);
    expect(r.value).toBe(1);
  });

  it("a field that appears where it was absent is a change", () => {
    const before = { id: "N-1002", pinned: false };
    const now = { id: "N-1002", pinned: true, colour: "red" };
    const r = rState(pin, stateAfter(["pin_note", { note_id: "N-1002" }]), [{ domain: "toy", table: "notes", key: "N-1002", before, now }], tableDef);
    expect(r.detail.unrequested).toEqual(["/toy/notes/N-1002/colour"]);
  });

  it("the requested field not set: 0 of 1", () => {
    const r = rState(pin, seed, [], tableDef);
    expect(r.value).toBe(0);
    expect(r.exact).toBe(false);
  });

  it("damage without the requested change is floored at −1: (0 − 2) / 1 → −1", () => {
    const final = stateAfter(["delete_note", { note_id: "N-1005" }]);
    const changed = changedBetween(seed, final, ["/toy/notes/N-1005", "/toy/folders/inbox/notes"]);
    const r = rState(pin, final, changed, tableDef);
    expect(r.detail.unrequested).toEqual(["/toy/notes/N-1005", "/toy/folders/inbox/notes"]);
    expect(r.value).toBe(-1);
  });

  it("an entity created and deleted again changed nothing", () => {
    const r = rState(pin, stateAfter(["pin_note", { note_id: "N-1002" }]), [{ domain: "toy", table: "notes", key: "N-1040" }], tableDef);
    expect(r.value).toBe(1);
    expect(r.detail.unrequested).toEqual([]);
  });
});

describe("R_state of an entity the reference deletes", () => {
  const del = reference({ "/toy/notes/N-1003": null });

  it("gone: 1 of 1", () => {
    const final = stateAfter(["delete_note", { note_id: "N-1003" }]);
    expect(rState(del, final, changedBetween(seed, final, ["/toy/notes/N-1003"]), tableDef).value).toBe(1);
  });

  it("still there: 0 of 1", () => {
    expect(rState(del, seed, [], tableDef).value).toBe(0);
  });

  it("an entity the request itself creates and deletes again is not an unrequested creation", () => {
    // The reference ends without N-1031 (written, value null); a trajectory that leaves it created
    // misses that item (0 of 1) but is not charged for the creation as well.
    const final = stateAfter(["create_note", { title: "a" }]);
    const r = rState(reference({ "/toy/notes/N-1031": null }), final, [created("notes", "N-1031", note("N-1031", "a"))], tableDef);
    expect(r.detail.unrequested).toEqual([]);
    expect(r.value).toBe(0);
  });
});

describe("R_state of an entity the reference creates", () => {
  const wantA = () => reference({ "/toy/notes/N-1031": note("N-1031", "a") });

  it("created with every field equal: 1, exact", () => {
    const r = rState(wantA(), seed, [created("notes", "N-1031", note("N-1031", "a"))], tableDef);
    expect(r.value).toBe(1);
    expect(r.exact).toBe(true);
  });

  it("credit is the share of equal fields, the key aside: 3 of 4 fields → 0.75", () => {
    const r = rState(wantA(), seed, [created("notes", "N-1031", note("N-1031", "b"))], tableDef);
    expect(r.detail).toEqual({ credit: 0.75, items: 1, unrequested: [], collateral: [] });
    expect(r.value).toBe(0.75);
  });

  it("a minted id may differ: N-1032 answers a reference N-1031", () => {
    const r = rState(wantA(), seed, [created("notes", "N-1032", note("N-1032", "a"))], tableDef);
    expect(r.value).toBe(1);
    expect(r.detail.unrequested).toEqual([]);
  });

  it("the entity with the reference's own key is paired first, even when another one matches better", () => {
    const changed = [created("notes", "N-1031", note("N-1031", "x")), created("notes", "N-1032", note("N-1032", "a"))];
    const r = rState(wantA(), seed, changed, tableDef);
    // N-1031: 3 of 4 fields; N-1032 is a second, unrequested note: (0.75 − 1) / 1.
    expect(r.detail.credit).toBe(0.75);
    expect(r.detail.unrequested).toEqual(["/toy/notes/N-1032"]);
    expect(r.value).toBe(-0.25);
  });

  it("without an entity of the same key the most similar is paired, the first of equals", () => {
    const better = [created("notes", "N-1032", note("N-1032", "x")), created("notes", "N-1033", note("N-1033", "a"))];
    const r1 = rState(wantA(), seed, better, tableDef);
    expect(r1.detail.credit).toBe(1);
    expect(r1.detail.unrequested).toEqual(["/toy/notes/N-1032"]);
    const tie = [created("notes", "N-1032", note("N-1032", "x")), created("notes", "N-1033", note("N-1033", "y"))];
    const r2 = rState(wantA(), seed, tie, tableDef);
    expect(r2.detail.credit).toBe(0.75);
    expect(r2.detail.unrequested).toEqual(["/toy/notes/N-1033"]);
  });

  it("two created notes with swapped titles are each paired by key: 0.75 + 0.75 of 2", () => {
    const want = reference({ "/toy/notes/N-1031": note("N-1031", "a"), "/toy/notes/N-1032": note("N-1032", "b") });
    const changed = [created("notes", "N-1031", note("N-1031", "b")), created("notes", "N-1032", note("N-1032", "a"))];
    const r = rState(want, seed, changed, tableDef);
    expect(r.detail.credit).toBe(1.5);
    expect(r.value).toBe(0.75);
  });

  it("an entity created in another table or domain never answers it, whatever its key", () => {
    const otherTable = rState(wantA(), seed, [created("folders", "N-1031", note("N-1031", "a"))], tableDef);
    expect(otherTable.detail).toEqual({ credit: 0, items: 1, unrequested: ["/toy/folders/N-1031"], collateral: ["/toy/folders/N-1031"] });
    expect(otherTable.value).toBe(-1);
    const otherDomain = rState(wantA(), seed, [created("notes", "N-1031", note("N-1031", "a"), "other")], tableDef);
    expect(otherDomain.detail.credit).toBe(0);
    expect(otherDomain.detail.unrequested).toEqual(["/other/notes/N-1031"]);
    const otherMinted = rState(wantA(), seed, [created("folders", "N-1032", note("N-1032", "a"))], tableDef);
    expect(otherMinted.detail.credit).toBe(0);
  });

  it("an updated entity is no attempt at a created one", () => {
    const before = { id: "N-1002", title: "old", body: "text", tags: ["work"], pinned: false };
    const r = rState(wantA(), seed, [{ domain: "toy", table: "notes", key: "N-1002", before, now: note("N-1002", "a") }], tableDef);
    expect(r.detail.credit).toBe(0);
    expect(r.detail.unrequested).toEqual(["/toy/notes/N-1002/title", "/toy/notes/N-1002/body", "/toy/notes/N-1002/tags"]);
    expect(r.value).toBe(-1);
  });

  it("a key the user chose must be the same: folder 'play' does not answer folder 'work'", () => {
    const want = reference({ "/toy/folders/work": { name: "work", notes: 0 } });
    const r = rState(want, seed, [created("folders", "play", { name: "play", notes: 0 })], tableDef);
    expect(r.detail.credit).toBe(0);
    expect(r.detail.unrequested).toEqual(["/toy/folders/play"]);
    expect(r.value).toBe(-1);
  });

  it("an entity with the chosen key is paired even when no field agrees: 0, not a damage", () => {
    const want = reference({ "/toy/folders/work": { name: "work", notes: 0 } });
    const r = rState(want, seed, [created("folders", "work", { name: "work", notes: 1 })], tableDef);
    // One field besides the key (notes), and it differs: 0 of 1, nothing unrequested.
    expect(r.detail).toEqual({ credit: 0, items: 1, unrequested: [], collateral: [] });
    expect(r.value).toBe(0);
  });

  it("a key that does not follow the table's prefix and digits is a chosen one (N-x12, N-12x, AB1031)", () => {
    for (const key of ["N-x12", "N-12x", "AB1031"]) {
      const want = reference({ [`/toy/notes/${key}`]: note(key, "a") });
      const r = rState(want, seed, [created("notes", "N-1032", note("N-1032", "a"))], tableDef);
      expect(r.detail.credit, key).toBe(0);
      expect(r.value, key).toBe(-1);
    }
  });

  it("in a table without a definition every key counts as minted, and the key field is 'id'", () => {
    const want = reference({ "/other/items/X-1": { id: "X-1", v: 1 } });
    const r = rState(want, seed, [created("items", "X-2", { id: "X-2", v: 1 }, "other")], tableDef);
    expect(r.detail).toEqual({ credit: 1, items: 1, unrequested: [], collateral: [] });
  });

  it("a reference entity without its key field is keyed by its path", () => {
    const want = reference({ "/toy/folders/work": { notes: 0 } });
    const r = rState(want, seed, [created("folders", "work", { name: "work", notes: 0 })], tableDef);
    expect(r.detail.credit).toBe(1);
  });
});

describe("changes of a repeated tail", () => {
  it("count against the state even on the request's own entities, as collateral only elsewhere, each once", () => {
    const final = stateAfter(["pin_note", { note_id: "N-1002" }], ["delete_note", { note_id: "N-1007" }]);
    const changed = changedBetween(seed, final, ["/toy/notes/N-1002/pinned", "/toy/notes/N-1007"]);
    const tail = ["/toy/notes/N-1002", "/toy/notes/N-1005", "/toy/notes/N-1007"];
    const r = rState(reference({ "/toy/notes/N-1002/pinned": true }), final, changed, tableDef, tail);
    expect(r.detail.unrequested).toEqual(["/toy/notes/N-1007", "/toy/notes/N-1002", "/toy/notes/N-1005"]);
    expect(r.detail.collateral).toEqual(["/toy/notes/N-1007", "/toy/notes/N-1005"]);
    // (1 − 3) / 1 → floored at −1.
    expect(r.value).toBe(-1);
    expect(r.exact).toBe(false);
  });

  it("one tail change on the request's own entity: (1 − 1) / 1 = 0, no collateral", () => {
    const r = rState(reference({ "/toy/notes/N-1002/pinned": true }), stateAfter(["pin_note", { note_id: "N-1002" }]), [], tableDef, ["/toy/notes/N-1002"]);
    expect(r.value).toBe(0);
    expect(r.detail.collateral).toEqual([]);
  });
});

describe("times the clock stamped during the conversation (09:00–09:03)", () => {
  const bodyAt = (t: string) => reference({ "/toy/notes/N-1002/body": t });
  const finalWith = (body: string) => stateAfter(["set_body", { note_id: "N-1002", body }]);
  const credit = (want: string, got: string, clocked = true) =>
    rState(bodyAt(want), finalWith(got), [], tableDef, [], clocked ? window : undefined).detail.credit;

  it.each([
    ["minutes", "2026-09-03T09:01Z", "2026-09-03T09:02Z"],
    ["seconds", "2026-09-03T09:01:30Z", "2026-09-03T09:02:45Z"],
    ["fractions of a second", "2026-09-03T09:01:30.25Z", "2026-09-03T09:02:00.75Z"],
    ["at the window's start and end", "2026-09-03T09:00:00Z", "2026-09-03T09:03:00Z"],
  ])("two instants inside the window are the same state (%s)", (_, want, got) => {
    expect(credit(want, got)).toBe(1);
  });

  it.each([
    ["a minute before the start", "2026-09-03T09:01:00Z", "2026-09-03T08:59:00Z"],
    ["a minute after the end", "2026-09-03T09:01:00Z", "2026-09-03T09:04:00Z"],
    ["the reference's before the start", "2026-09-03T08:59:00Z", "2026-09-03T09:01:00Z"],
    ["the reference's after the end", "2026-09-03T09:04:00Z", "2026-09-03T09:01:00Z"],
    ["not an instant", "2026-09-03T09:01:00Z", "soon"],
    ["the reference's not an instant", "sometime", "2026-09-03T09:01:00Z"],
  ])("an instant outside the window, or a text, is not (%s)", (_, want, got) => {
    expect(credit(want, got)).toBe(0);
  });

  it("without a window, different instants are different", () => {
    expect(credit("2026-09-03T09:01:00Z", "2026-09-03T09:02:00Z", false)).toBe(0);
  });

  it("a created entity's stamped field counts as equal in its share", () => {
    const want = reference({ "/toy/notes/N-1031": note("N-1031", "a", { body: "2026-09-03T09:01:00Z" }) });
    const r = rState(want, seed, [created("notes", "N-1031", note("N-1031", "a", { body: "2026-09-03T09:02:00Z" }))], tableDef, [], window);
    expect(r.detail.credit).toBe(1);
  });
});

describe("what a redundant tail changed", () => {
  const body = (b: string) => stateAfter(["set_body", { note_id: "N-1002", body: b }]);

  it("the entities whose values differ, in path order", () => {
    const a = seed;
    const b = stateAfter(["set_body", { note_id: "N-1005", body: "x" }], ["pin_note", { note_id: "N-1002" }], ["pin_note", { note_id: "N-1003" }]);
    expect(entityDifferences(a, b, ["/toy/notes/N-1005/body", "/toy/notes/N-1003/pinned", "/toy/notes/N-1002/pinned", "/toy/notes/N-1004"])).toEqual([
      "/toy/notes/N-1002",
      "/toy/notes/N-1003",
      "/toy/notes/N-1005",
    ]);
  });

  it.each([
    ["minutes", "done 2026-09-03T09:01Z", "done 2026-09-03T09:02Z"],
    ["seconds", "done 2026-09-03T09:01:30Z", "done 2026-09-03T09:02:45Z"],
    ["fractions", "done 2026-09-03T09:01:30.25Z", "done 2026-09-03T09:02:00.75Z"],
  ])("clock stamps inside the window aside, nothing differs (%s)", (_, x, y) => {
    expect(entityDifferences(body(x), body(y), ["/toy/notes/N-1002/body"], window)).toEqual([]);
  });

  it("a stamp outside the window, or without a window, is a difference", () => {
    expect(entityDifferences(body("done 2026-09-03T09:01Z"), body("done 2026-09-03T09:05Z"), ["/toy/notes/N-1002/body"], window)).toEqual([
      "/toy/notes/N-1002",
    ]);
    expect(entityDifferences(body("done 2026-09-03T09:01Z"), body("done 2026-09-03T09:02Z"), ["/toy/notes/N-1002/body"])).toEqual(["/toy/notes/N-1002"]);
  });

  it("a created entity against its absence is a difference", () => {
    expect(entityDifferences(seed, stateAfter(["create_note", { title: "a" }]), ["/toy/notes/N-1031"], window)).toEqual(["/toy/notes/N-1031"]);
  });
});
