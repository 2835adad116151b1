/** The framework's guard on parameters that name entities: an unknown id is never answered in silence. */
import { describe, expect, it } from "vitest";
import { check, defineDomain, fail, isoDate, page, rangeStart, ref, refs, table, toolkit, z } from "../../ts/servers/framework/index.ts";
import { openSession } from "../helpers/session.ts";

const tables = {
  notes: table("note", z.object({ id: z.string(), folder: z.string(), title: z.string() }), { idPrefix: "N-", describe: (n) => `the note "${n.title}"` }),
  folders: table("folder", z.object({ name: z.string() }), { key: "name", example: "Inbox", describe: (f) => `the folder ${f.name}` }),
  paths: table("path", z.object({ path: z.string() }), { key: "path", example: "/a", describe: (p) => `the path ${p.path}` }),
};
const { read, write } = toolkit(tables);

const notes = defineDomain({
  name: "guarded_notes",
  title: "Notes with folders",
  description: "Notes in folders, for the guard's tests.",
  tables,
  seed: ({ id }) => ({
    notes: [
      { id: id("notes"), folder: "Inbox", title: "Groceries" },
      { id: id("notes"), folder: "Work", title: "Quarterly plan" },
    ],
    folders: [{ name: "Inbox" }, { name: "Work" }],
    paths: [{ path: "/a" }],
  }),
  tools: {
    list_notes: read({
      description: "Notes, optionally of one folder only.",
      input: z.object({ folder: ref("folder", "Only notes of this folder").optional(), ...page }).strict(),
      discovers: "note",
      run: (db, a) => db.notes.page(a, { where: (n) => !a.folder || n.folder.toLowerCase() === a.folder.toLowerCase() }),
    }),
    list_folders: read({ description: "The folders.", input: z.object({ ...page }).strict(), discovers: "folder", run: (db, a) => db.folders.page(a) }),
    list_paths: read({ description: "The paths.", input: z.object({ ...page }).strict(), discovers: "path", run: (db, a) => db.paths.page(a) }),
    move_notes: write({
      description: "Move notes into a folder; refuses an empty list of notes.",
      input: z.object({ note_ids: refs("note", "Notes to move"), folder: ref("folder", "Destination") }).strict(),
      run: (db, a) => {
        check(a.note_ids.length > 0, "give at least one note to move");
        return a.note_ids.map((id) => db.notes.update(id, { folder: a.folder }));
      },
    }),
    stat_path: read({
      description: "A path, resolved by the tool itself.",
      input: z.object({ path: ref("path", "The path").optional() }).strict(),
      run: (db, a) => db.paths.get(a.path ?? "/a") ?? fail(`stat: ${a.path}: No such file or directory`, "not_found"),
    }),
  },
  // Folder names in any case; "Trash" is a folder no one may name.
  resolve: {
    folder: (db, value, param) => {
      if (value === "Trash") fail(`${param}: the trash is not a folder`, "not_found");
      return db.folders.find((f) => f.name.toLowerCase() === value.toLowerCase());
    },
    path: "in_tool",
  },
});

describe("framework: parameters that name entities", () => {
  it("an optional filter with an unknown id is not_found (naming the discovery tool and the key meant), not an empty list", () => {
    const s = openSession(notes);
    expect(s.ok("list_notes", { folder: "work" }).total).toBe(1);
    const e = s.fails("list_notes", { folder: "Worx" }, "not_found");
    expect(e.message).toBe("folder 'Worx' not found. Did you mean 'Work'? Call list_folders to see valid folder ids.");
  });

  it("the guard runs before the tool's own rules, for required parameters too", () => {
    const s = openSession(notes);
    s.fails("move_notes", { note_ids: [], folder: "Nowhere" }, "not_found", /^folder 'Nowhere' not found/);
    s.fails("move_notes", { note_ids: [], folder: "Work" }, "failed_precondition", /at least one note/);
  });

  it("checks every element of a list and names the one that is missing", () => {
    const s = openSession(notes);
    s.fails("move_notes", { note_ids: ["N-1001", "N-1009"], folder: "Work" }, "not_found", /^note 'N-1009' not found/);
    expect(s.row("notes", "N-1001").folder).toBe("Inbox");
  });

  it("a kind's resolver decides what names it (aliases, case) and may give its own message with the parameter's name", () => {
    const s = openSession(notes);
    expect(s.ok("move_notes", { note_ids: ["N-1001"], folder: "WORK" })).toHaveLength(1);
    s.fails("list_notes", { folder: "Trash" }, "not_found", /^folder: the trash is not a folder$/);
  });

  it("leaves a kind marked in_tool to the tool, which resolves it with its own message", () => {
    const s = openSession(notes);
    s.fails("stat_path", { path: "/b" }, "not_found", /^stat: \/b: No such file or directory$/);
  });

  it("refuses a range closed by a parameter the tool does not have", () => {
    const tool = read({
      description: "Notes between two days.",
      input: z.object({ from_date: rangeStart("to_dat", isoDate("First day")).optional(), to_date: isoDate("Last day").optional() }).strict(),
      run: () => ({}),
    });
    expect(() => defineDomain({ name: "bad", title: "Bad", description: "x", tables, seed: () => ({}), tools: { list_between: tool } })).toThrow(
      /from_date opens a range closed by "to_dat", which is not a parameter/,
    );
  });

  it("refuses a resolver for a kind no table holds", () => {
    expect(() =>
      defineDomain({ name: "bad", title: "Bad", description: "x", tables, seed: () => ({}), tools: {}, resolve: { folderz: () => undefined } }),
    ).toThrow(/resolve names kind "folderz"/);
  });
});
