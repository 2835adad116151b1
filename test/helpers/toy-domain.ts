/** A tiny domain for testing the framework and the state engine in isolation. */
import { check, defineDomain, fail, page, ref, table, toolkit, z } from "../../ts/servers/framework/index.ts";

const Note = z.object({ id: z.string(), title: z.string(), body: z.string(), tags: z.array(z.string()), pinned: z.boolean() });
const Folder = z.object({ name: z.string(), notes: z.number().int().min(0) });

const tables = {
  notes: table("note", Note, { idPrefix: "N-", describe: (n) => `the note "${n.title}"` }),
  folders: table("folder", Folder, { key: "name", example: "inbox", describe: (f) => `the folder ${f.name}` }),
};
const { read, write } = toolkit(tables);

export const toy = defineDomain({
  name: "toy",
  title: "Toy notes",
  description: "Notes and folders, for tests.",
  tables,
  seed: ({ rng, id }) => ({
    notes: Array.from({ length: 30 }, (_, i) => ({
      id: id("notes"),
      title: `Note ${i} ${rng.hex(4)}`,
      body: "text",
      tags: i % 3 ? ["work"] : [],
      pinned: false,
    })),
    folders: [{ name: "inbox", notes: 30 }],
  }),
  tools: {
    list_notes: read({
      description: "List notes, optionally only pinned ones.",
      input: z.object({ pinned: z.boolean().optional(), ...page }).strict(),
      discovers: "note",
      run: (db, a) => db.notes.page(a, { where: (n) => a.pinned === undefined || n.pinned === a.pinned }),
    }),
    list_folders: read({
      description: "List the folders and their note counts.",
      input: z.object({ ...page }).strict(),
      discovers: "folder",
      run: (db, a) => db.folders.page(a),
    }),
    create_note: write({
      description: "Create a note in the inbox folder.",
      input: z.object({ title: z.string().min(1).max(100), body: z.string().max(1000).default("") }).strict(),
      produces: "note",
      run: (db, a) => {
        db.folders.update("inbox", (f) => ({ ...f, notes: f.notes + 1 }));
        return db.notes.create({ title: a.title, body: a.body, tags: [], pinned: false });
      },
    }),
    pin_note: write({
      description: "Pin a note; fails when it is already pinned.",
      input: z.object({ note_id: ref("note", "The note") }).strict(),
      run: (db, a) => {
        const n = db.notes.need(a.note_id);
        check(!n.pinned, `note ${n.id} is already pinned`);
        return db.notes.update(n.id, { pinned: true });
      },
    }),
    set_body: write({
      description: "Replace the body of a note with new text.",
      input: z.object({ note_id: ref("note", "The note"), body: z.string().max(1000) }).strict(),
      run: (db, a) => db.notes.update(a.note_id, { body: a.body }),
    }),
    delete_note: write({
      description: "Delete a note for good.",
      input: z.object({ note_id: ref("note", "The note") }).strict(),
      destructive: true,
      run: (db, a) => {
        db.folders.update("inbox", (f) => ({ ...f, notes: f.notes - 1 }));
        return db.notes.delete(a.note_id);
      },
    }),
    /** Writes, then fails: the write must not survive. */
    pin_then_fail: write({
      description: "Pins a note and then refuses, to test that failed calls roll back.",
      input: z.object({ note_id: ref("note", "The note") }).strict(),
      run: (db, a) => {
        db.notes.update(a.note_id, { pinned: true });
        fail("refused after writing");
      },
    }),
    /** A domain bug: throws a plain Error after writing. */
    buggy: write({
      description: "Deletes a note and then crashes, like a bug in a domain would.",
      input: z.object({ note_id: ref("note", "The note") }).strict(),
      run: (db, a) => {
        db.notes.delete(a.note_id);
        throw new TypeError("cannot read properties of undefined");
      },
    }),
    /** A domain bug: writes an entity that breaks the state schema. */
    corrupt: write({
      description: "Writes a note whose title is a number, breaking the state schema.",
      input: z.object({ note_id: ref("note", "The note") }).strict(),
      run: (db, a) => db.notes.update(a.note_id, { title: 42 as unknown as string }),
    }),
  },
});
