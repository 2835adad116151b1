/**
 * The email domain's rules at their boundaries, with the expected values written out by hand:
 * the 25 MB limit and how sizes are shown, snippets, label names and slugs, the subject prefixes,
 * which labels may be set by hand or by a filter, where a message is, the search operators' edges
 * (dates, ages, sizes, AROUND, nesting and term limits) and the lists' counts and orders. Most
 * tests run on a small hand-written mailbox so that every expected answer can be read off it.
 */
import { describe, expect, it } from "vitest";
import email from "../../ts/servers/email/index.ts";
import { parseQuery, tokenize } from "../../ts/servers/email/query.ts";
import {
  checkSize,
  describeCriteria,
  formatBytes,
  labelSlug,
  messageBytes,
  snippet,
  tables,
  withLabels,
  type Draft,
  type Label,
  type Message,
  type Thread,
} from "../../ts/servers/email/state.ts";
import { prefixed } from "../../ts/servers/email/tools/common.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

// Seed 7: the session clock starts at 2026-11-09T09:00:00Z; the user is Ximena Mensah <ximena.mensah@mailbox.org>.
const SEED = 7;
const ME = "ximena.mensah@mailbox.org";
const MB = 1024 * 1024;

type Fixture = Partial<Message> & { id: string };
const msg = (m: Fixture): Message => ({
  thread_id: "THR-2001",
  from: "amy@example.com",
  from_name: "Amy Chen",
  to: [ME],
  cc: [],
  bcc: [],
  subject: "Hello",
  body: "Hi.",
  date: "2026-11-01T09:00:00Z",
  label_ids: ["INBOX"],
  attachments: [],
  ...m,
});

/** A session whose mailbox holds exactly these messages (and drafts), no filters, and the seeded labels. */
function box(messages: Fixture[], drafts: Draft[] = []): TestSession {
  const s = openSession(email, SEED);
  s.edit(email, (db) => {
    for (const m of db.messages.all()) db.messages.delete(m.id);
    for (const d of db.drafts.all()) db.drafts.delete(d.id);
    for (const t of db.threads.all()) db.threads.delete(t.id);
    for (const f of db.filters.all()) db.filters.delete(f.id);
    db.labels.insert({ id: "Label_9001", name: "Friends", type: "user" });
    const full = messages.map(msg);
    const threadIds = new Set([...full.map((m) => m.thread_id), ...drafts.flatMap((d) => (d.thread_id ? [d.thread_id] : []))]);
    for (const t of threadIds) db.threads.insert({ id: t, subject: `Thread ${t}` });
    for (const m of full) db.messages.insert(m);
    for (const d of drafts) db.drafts.insert(d);
  });
  return s;
}
const labelId = (s: TestSession, name: string) => (s.rows<Label>("labels").find((l) => l.name === name) as Label).id;
const labelsOf = (s: TestSession, id: string) => s.row<Message>("messages", id).label_ids;
const draft = (d: Partial<Draft> & { id: string }): Draft => ({
  to: [],
  cc: [],
  bcc: [],
  subject: "Draft",
  body: "",
  attachments: [],
  created_at: "2026-11-01T09:00:00Z",
  updated_at: "2026-11-01T09:00:00Z",
  ...d,
});

describe("email rules: sizes, snippets and summaries", () => {
  it("sizes show in bytes below 1024, in KB from 1024, in MB from 1024 × 1024, to one decimal", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1023)).toBe("1023 bytes");
    expect(formatBytes(1024)).toBe("1.0 KB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(MB - 1)).toBe("1024.0 KB");
    expect(formatBytes(MB)).toBe("1.0 MB");
    expect(formatBytes(25 * MB)).toBe("25.0 MB");
  });

  it("a message's size is its body's UTF-8 bytes plus its attachments", () => {
    expect(messageBytes("héllo", [])).toBe(6);
    expect(
      messageBytes("abc", [
        { filename: "a", mime_type: "x/y", size_bytes: 100 },
        { filename: "b", mime_type: "x/y", size_bytes: 20 },
      ]),
    ).toBe(123);
  });

  it("a message of exactly 25 MB is allowed; one byte more is refused with what would fit", () => {
    const at = (n: number) => [{ filename: "big.bin", mime_type: "application/octet-stream", size_bytes: n }];
    expect(() => checkSize("abc", at(25 * MB - 3))).not.toThrow();
    expect(() => checkSize("abc", at(25 * MB - 2))).toThrow(
      "the message would be 25.0 MB, over the 25 MB limit per message (attachments: big.bin 25.0 MB); remove attachments until they total at most 25.0 MB, or share large files by link",
    );
    expect(() => checkSize("x".repeat(MB), at(25 * MB))).toThrow(
      "the message would be 26.0 MB, over the 25 MB limit per message (attachments: big.bin 25.0 MB); remove attachments until they total at most 24.0 MB",
    );
    expect(() => checkSize("x".repeat(25 * MB + 10), [])).toThrow("until they total at most 0 bytes");
  });

  it("a snippet is the body on one line; up to 140 characters whole, longer cut to 137 and '...'", () => {
    expect(snippet("  a \n\n\t b  ")).toBe("a b");
    expect(snippet("x".repeat(140))).toBe("x".repeat(140));
    expect(snippet("x".repeat(141))).toBe(`${"x".repeat(137)}...`);
  });

  it("a filter's criteria read as words; no criterion reads 'of any kind'", () => {
    expect(describeCriteria({ from: "amy", to: "bob", subject: "Plan", query: "is:unread", has_attachment: true })).toBe(
      'from amy, to bob, with "Plan" in the subject, matching "is:unread", with attachments',
    );
    expect(describeCriteria({})).toBe("of any kind");
    expect(describeCriteria({ has_attachment: false })).toBe("of any kind");
    expect(describeCriteria({ subject: "x" })).toBe('with "x" in the subject');
  });

  it("changing labels keeps the order, drops the removed, appends the new ones once", () => {
    const m = msg({ id: "MSG-1", label_ids: ["INBOX", "UNREAD", "Label_1"] });
    expect(withLabels(m, ["STARRED", "INBOX", "STARRED"], ["UNREAD"])).toEqual(["INBOX", "Label_1", "STARRED"]);
    expect(withLabels(m, [], [])).toEqual(["INBOX", "UNREAD", "Label_1"]);
  });

  it("a label's search form is lower case with spaces, slashes, underscores and dashes as one dash", () => {
    expect(labelSlug("  Project Atlas/Q3_plan--x ")).toBe("project-atlas-q3-plan-x");
    expect(labelSlug("Receipts")).toBe("receipts");
  });

  it("a summary shows the sender as 'Name <address>', cc only when there is one, label names, flags and file names", () => {
    const s = box([
      msg({
        id: "MSG-00001",
        label_ids: ["INBOX", "UNREAD", "STARRED"],
        cc: ["bo@example.com"],
        body: "Line one\nline two",
        attachments: [{ filename: "a.pdf", mime_type: "application/pdf", size_bytes: 10 }],
      }),
      msg({ id: "MSG-00002", date: "2026-10-01T09:00:00Z" }),
    ]);
    const [a, b] = s.ok("list_emails", {}).items;
    expect(a).toEqual({
      id: "MSG-00001",
      thread_id: "THR-2001",
      from: "Amy Chen <amy@example.com>",
      to: [ME],
      cc: ["bo@example.com"],
      subject: "Hello",
      snippet: "Line one line two",
      date: "2026-11-01T09:00:00Z",
      label_ids: ["INBOX", "UNREAD", "STARRED"],
      labels: ["INBOX", "UNREAD", "STARRED"],
      is_unread: true,
      is_starred: true,
      attachments: ["a.pdf"],
    });
    expect("cc" in b).toBe(false);
    expect(b).toMatchObject({ is_unread: false, is_starred: false, attachments: [] });
    expect(s.ok("get_email", { message_id: "MSG-00001" }).size_bytes).toBe(27);
  });
});

describe("email rules: subject prefixes", () => {
  it("a reply gets 'Re: ' unless the subject already starts with re: (any case, after spaces)", () => {
    expect(prefixed("Plan", "reply")).toBe("Re: Plan");
    expect(prefixed("Re: Plan", "reply")).toBe("Re: Plan");
    expect(prefixed("  RE:Plan", "reply")).toBe("  RE:Plan");
    expect(prefixed("Regarding", "reply")).toBe("Re: Regarding");
    expect(prefixed("Fwd: Plan", "reply")).toBe("Re: Fwd: Plan");
    expect(prefixed("", "reply")).toBe("Re: ");
  });

  it("a forward gets 'Fwd: ' unless it already starts with fwd: or fw:", () => {
    expect(prefixed("Plan", "forward")).toBe("Fwd: Plan");
    expect(prefixed("FWD: Plan", "forward")).toBe("FWD: Plan");
    expect(prefixed(" fw: Plan", "forward")).toBe(" fw: Plan");
    expect(prefixed("Re: Plan", "forward")).toBe("Fwd: Re: Plan");
    expect(prefixed("Fwiw", "forward")).toBe("Fwd: Fwiw");
  });
});

describe("email rules: labels by hand", () => {
  it("a label is found by id, by id in any case, by name in any case, or by its search form", () => {
    const s = box([msg({ id: "MSG-00001", label_ids: [] })]);
    const atlas = s.ok("create_label", { name: "Project Zeta" }).id;
    expect(s.ok("add_labels_to_emails", { message_ids: ["MSG-00001"], label_ids: ["inbox"] }).added).toEqual(["INBOX"]);
    for (const name of ["PROJECT ZETA", " project zeta ", "project-zeta", atlas])
      expect(s.ok("add_labels_to_emails", { message_ids: ["MSG-00001"], label_ids: [name] }).added, name).toEqual([atlas]);
  });

  it("an unknown label names the labels that exist: system ones by id, the user's as 'Name (id)', the name cut at 60 characters", () => {
    const s = box([msg({ id: "MSG-00001" })]);
    const receipts = labelId(s, "Receipts");
    const e = s.fails("add_labels_to_emails", { message_ids: ["MSG-00001"], label_ids: ["y".repeat(70)] }, "not_found");
    expect(e.message).toContain(
      `label '${"y".repeat(60)}' not found; existing labels: INBOX, SENT, DRAFT, TRASH, SPAM, STARRED, IMPORTANT, UNREAD, Receipts (${receipts})`,
    );
    expect(e.message).not.toContain("y".repeat(61));
    expect(e.message).toContain("Call list_labels to see them, or create_label to make a new one");
  });

  it("SENT and DRAFT are never set or taken off by hand, TRASH and SPAM only through their own tools; the message says what to use", () => {
    const s = box([msg({ id: "MSG-00001" })]);
    const add = (l: string) => s.fails("add_labels_to_emails", { message_ids: ["MSG-00001"], label_ids: [l] }, "invalid_argument").message;
    const remove = (l: string) => s.fails("remove_labels_from_emails", { message_ids: ["MSG-00001"], label_ids: [l] }, "invalid_argument").message;
    expect(remove("SENT")).toBe(
      "the SENT label cannot be removed by hand: SENT is set only by sending a message. Labels you can remove: INBOX, UNREAD, STARRED, IMPORTANT and your own labels",
    );
    expect(add("DRAFT")).toBe(
      "the DRAFT label cannot be added by hand: DRAFT marks drafts, which are managed with create_draft, send_draft and delete_draft. Labels you can add: INBOX, UNREAD, STARRED, IMPORTANT and your own labels",
    );
    expect(add("SPAM")).toContain("cannot be added by hand: report spam with mark_email_as_spam.");
    expect(remove("TRASH")).toContain("the TRASH label cannot be removed by hand: take messages out of the trash with untrash_email.");
    expect(add("TRASH")).toContain("move messages to the trash with trash_email");
    expect(remove("SPAM")).toContain("rescue a message from spam with mark_email_as_not_spam");
    for (const ok of ["INBOX", "UNREAD", "STARRED", "IMPORTANT"])
      expect(s.call("add_labels_to_emails", { message_ids: ["MSG-00001"], label_ids: [ok] }).outcome).toBe("ok");
  });

  it("naming a message twice changes it once", () => {
    const s = box([msg({ id: "MSG-00001", label_ids: ["INBOX"] }), msg({ id: "MSG-00002", label_ids: ["INBOX", "STARRED"] })]);
    const r = s.ok("star_emails", { message_ids: ["MSG-00001", "MSG-00001", "MSG-00002"] });
    expect(r).toMatchObject({ changed: 1, unchanged: 1 });
    expect(r.messages.map((m: { id: string }) => m.id)).toEqual(["MSG-00001", "MSG-00002"]);
    expect(labelsOf(s, "MSG-00001")).toEqual(["INBOX", "STARRED"]);
  });
});

describe("email rules: trash and spam", () => {
  const mail = () =>
    box([
      msg({ id: "MSG-00001", label_ids: ["INBOX", "UNREAD", "STARRED", "IMPORTANT", "Label_9001"] }),
      msg({ id: "MSG-00002", label_ids: ["UNREAD"] }),
      msg({ id: "MSG-00003", label_ids: ["SPAM", "UNREAD"] }),
      msg({ id: "MSG-00004", label_ids: ["TRASH"], thread_id: "THR-2002" }),
      msg({ id: "MSG-00005", from: ME, from_name: "Ximena Mensah", to: ["amy@example.com"], label_ids: ["SENT"] }),
    ]);

  it("reporting spam takes the message out of the inbox, the trash, starred and important, keeping UNREAD and the user's labels", () => {
    const s = mail();
    expect(s.ok("mark_email_as_spam", { message_id: "MSG-00001" }).label_ids).toEqual(["UNREAD", "Label_9001", "SPAM"]);
    expect(s.ok("mark_email_as_spam", { message_id: "MSG-00004" }).label_ids).toEqual(["SPAM"]);
    s.fails(
      "mark_email_as_spam",
      { message_id: "MSG-00005" },
      "failed_precondition",
      /^message MSG-00005 was sent by you \(ximena.mensah@mailbox.org\); only mail from others can be reported as spam/,
    );
  });

  it("rescuing from spam puts it in the inbox; trashing spam takes it out of spam", () => {
    const s = mail();
    expect(s.ok("mark_email_as_not_spam", { message_id: "MSG-00003" }).label_ids).toEqual(["UNREAD", "INBOX"]);
    const t = mail();
    expect(t.ok("trash_email", { message_id: "MSG-00003" }).label_ids).toEqual(["UNREAD", "TRASH"]);
    expect(t.ok("untrash_email", { message_id: "MSG-00003" }).label_ids).toEqual(["UNREAD"]);
  });

  it("a refusal says where the message is: the trash, spam, the inbox or All Mail (archived)", () => {
    const s = mail();
    s.fails(
      "untrash_email",
      { message_id: "MSG-00002" },
      "failed_precondition",
      /^message MSG-00002 \("Hello"\) is not in the trash \(it is in All Mail \(archived\)\)/,
    );
    s.fails("untrash_email", { message_id: "MSG-00003" }, "failed_precondition", /is not in the trash \(it is in spam\)/);
    s.fails(
      "mark_email_as_not_spam",
      { message_id: "MSG-00004" },
      "failed_precondition",
      /^message MSG-00004 \("Hello"\) is not in spam \(it is in the trash\); find spam with search_emails query 'in:spam'/,
    );
    s.fails(
      "delete_email_permanently",
      { message_id: "MSG-00001" },
      "failed_precondition",
      /^message MSG-00001 \("Hello"\) is in the inbox; only messages in the trash or in spam/,
    );
    s.fails("delete_email_permanently", { message_id: "MSG-00002" }, "failed_precondition", /is in All Mail \(archived\);/);
    s.fails("trash_email", { message_id: "MSG-00004" }, "failed_precondition", /^message MSG-00004 \("Hello"\) is already in the trash/);
    s.fails("mark_email_as_spam", { message_id: "MSG-00003" }, "failed_precondition", /^message MSG-00003 is already in spam/);
  });

  it("deleting the last message of a thread deletes the thread; one with messages or a draft left stays", () => {
    const s = box(
      [
        msg({ id: "MSG-00001", label_ids: ["TRASH"], thread_id: "THR-2001" }),
        msg({ id: "MSG-00002", label_ids: ["TRASH"], thread_id: "THR-2002" }),
        msg({ id: "MSG-00003", label_ids: ["INBOX"], thread_id: "THR-2002" }),
        msg({ id: "MSG-00004", label_ids: ["SPAM"], thread_id: "THR-2003" }),
      ],
      [draft({ id: "DRAFT-0001", thread_id: "THR-2003", in_reply_to: "MSG-00004" })],
    );
    const threads = () => s.rows<Thread>("threads").map((t) => t.id);
    s.ok("delete_email_permanently", { message_id: "MSG-00002" });
    s.ok("delete_email_permanently", { message_id: "MSG-00004" });
    expect(threads()).toEqual(["THR-2001", "THR-2002", "THR-2003"]);
    s.ok("delete_email_permanently", { message_id: "MSG-00001" });
    expect(threads()).toEqual(["THR-2002", "THR-2003"]);
    expect(s.ok("delete_draft", { draft_id: "DRAFT-0001" })).toEqual({ deleted: "DRAFT-0001", subject: "Draft" });
    expect(threads()).toEqual(["THR-2002"]);
  });

  it("emptying the trash lists at most 100 of the deleted ids and drops the threads it empties", () => {
    const trashed = Array.from({ length: 101 }, (_, i) => ({ id: `MSG-${String(i + 1).padStart(5, "0")}`, label_ids: ["TRASH"], thread_id: "THR-2001" }));
    const s = box([...trashed, { id: "MSG-00200", label_ids: ["INBOX"], thread_id: "THR-2002" }]);
    const r = s.ok("empty_email_trash", {});
    expect(r.deleted).toBe(101);
    expect(r.message_ids.length).toBe(100);
    expect(r.message_ids[0]).toBe("MSG-00001");
    expect(r.message_ids[99]).toBe("MSG-00100");
    expect(s.rows<Thread>("threads").map((t) => t.id)).toEqual(["THR-2002"]);
    expect(s.rows<Message>("messages").map((m) => m.id)).toEqual(["MSG-00200"]);
  });
});

describe("email rules: lists and threads", () => {
  it("newest first; at the same minute the higher id first; trash and spam only when asked for by flag or label", () => {
    const s = box([
      msg({ id: "MSG-00001", date: "2026-11-01T09:00:00Z" }),
      msg({ id: "MSG-00002", date: "2026-11-02T09:00:00Z" }),
      msg({ id: "MSG-00003", date: "2026-11-01T09:00:00Z" }),
      msg({ id: "MSG-00004", date: "2026-11-03T09:00:00Z", label_ids: ["TRASH"] }),
      msg({ id: "MSG-00005", date: "2026-11-04T09:00:00Z", label_ids: ["SPAM"] }),
    ]);
    const ids = (a: Record<string, unknown>) => s.ok("list_emails", a).items.map((m: { id: string }) => m.id);
    expect(ids({})).toEqual(["MSG-00002", "MSG-00003", "MSG-00001"]);
    expect(ids({ include_spam_trash: true })).toEqual(["MSG-00005", "MSG-00004", "MSG-00002", "MSG-00003", "MSG-00001"]);
    expect(ids({ label_ids: ["TRASH"] })).toEqual(["MSG-00004"]);
    expect(ids({ label_ids: ["spam"] })).toEqual(["MSG-00005"]);
    expect(ids({ query: "label:trash" })).toEqual(["MSG-00004"]);
    expect(ids({ query: "  " })).toEqual(["MSG-00002", "MSG-00003", "MSG-00001"]);
  });

  it("a thread shows its messages oldest first (same minute: lower id first), trashed ones included", () => {
    const s = box([
      msg({ id: "MSG-00003", date: "2026-11-01T09:00:00Z" }),
      msg({ id: "MSG-00001", date: "2026-11-02T09:00:00Z", label_ids: ["TRASH"] }),
      msg({ id: "MSG-00002", date: "2026-11-01T09:00:00Z" }),
    ]);
    const t = s.ok("get_thread", { thread_id: "THR-2001" });
    expect(t.messages.map((m: { id: string }) => m.id)).toEqual(["MSG-00002", "MSG-00003", "MSG-00001"]);
    expect(t.message_count).toBe(3);
  });

  it("list_threads counts a thread's visible messages and unread ones, its participants, labels, last date and snippet", () => {
    const s = box([
      msg({ id: "MSG-00001", date: "2026-11-01T09:00:00Z", label_ids: ["INBOX", "UNREAD"], body: "First" }),
      msg({
        id: "MSG-00002",
        date: "2026-11-02T09:00:00Z",
        from: "bo@example.com",
        from_name: "Bo Li",
        label_ids: ["INBOX", "UNREAD", "STARRED"],
        body: "Second",
      }),
      msg({ id: "MSG-00003", date: "2026-11-03T09:00:00Z", label_ids: ["TRASH", "UNREAD"], body: "Third" }),
      msg({ id: "MSG-00004", date: "2026-11-04T09:00:00Z", thread_id: "THR-2002", label_ids: ["SENT"], body: "Other" }),
    ]);
    const r = s.ok("list_threads", {});
    expect(r.items.map((t: { id: string }) => t.id)).toEqual(["THR-2002", "THR-2001"]);
    expect(r.items[1]).toEqual({
      id: "THR-2001",
      subject: "Thread THR-2001",
      message_count: 2,
      unread_count: 2,
      participants: ["Amy Chen", "Bo Li"],
      label_ids: ["INBOX", "UNREAD", "STARRED"],
      labels: ["INBOX", "UNREAD", "STARRED"],
      last_message_date: "2026-11-02T09:00:00Z",
      snippet: "Second",
      has_attachments: false,
    });
    const all = s.ok("list_threads", { include_spam_trash: true }).items;
    expect(all.map((t: { id: string }) => t.id)).toEqual(["THR-2002", "THR-2001"]);
    expect(all[1]).toMatchObject({ message_count: 3, unread_count: 3, last_message_date: "2026-11-03T09:00:00Z", snippet: "Third" });
    // a trashed message that the query itself finds is shown in its thread
    const hit = s.ok("list_threads", { query: "in:trash" }).items;
    expect(hit).toMatchObject([{ id: "THR-2001", message_count: 3 }]);
  });
});

describe("email rules: sending and replying", () => {
  const thread = () =>
    box([
      msg({ id: "MSG-00001", from: "amy@example.com", to: [ME, "bo@example.com"], cc: ["cy@example.com", "amy@example.com"], subject: "Plan" }),
      msg({
        id: "MSG-00002",
        from: ME,
        from_name: "Ximena Mensah",
        to: ["bo@example.com"],
        cc: ["cy@example.com"],
        subject: "Re: Plan",
        label_ids: ["SENT"],
        date: "2026-11-02T09:00:00Z",
      }),
      msg({ id: "MSG-00003", subject: "Solo" }),
    ]);

  it("one recipient anywhere is enough: only cc, or only bcc, sends", () => {
    const s = box([]);
    expect(s.ok("send_email", { cc: ["a@example.com"], body: "x" }).label_ids).toEqual(["SENT"]);
    expect(s.ok("send_email", { bcc: ["a@example.com"], body: "x" }).bcc).toEqual(["a@example.com"]);
  });

  it("mail to oneself in cc or bcc lands in the inbox too; a filter acts on it", () => {
    const s = box([]);
    expect(s.ok("send_email", { to: ["a@example.com"], cc: [ME], body: "x" }).label_ids).toEqual(["SENT", "INBOX"]);
    s.ok("create_email_filter", { subject: "note", add_label_ids: ["STARRED"], remove_label_ids: ["INBOX"] });
    expect(s.ok("send_email", { bcc: [ME], subject: "A NOTE", body: "x" }).label_ids).toEqual(["SENT", "STARRED"]);
    expect(s.ok("send_email", { to: ["a@example.com"], subject: "a note", body: "x" }).label_ids).toEqual(["SENT"]);
  });

  it("reply_all goes to the sender and copies everyone else once, never the user nor the sender", () => {
    const s = thread();
    const r = s.ok("reply_to_email", { message_id: "MSG-00001", body: "ok", reply_all: true });
    expect(r).toMatchObject({ to: ["amy@example.com"], cc: ["bo@example.com", "cy@example.com"], subject: "Re: Plan", in_reply_to: "MSG-00001" });
    const one = s.ok("reply_to_email", { message_id: "MSG-00001", body: "ok", cc: ["amy@example.com", "dee@example.com"] });
    expect(one).toMatchObject({ to: ["amy@example.com"], cc: ["dee@example.com"] });
  });

  it("answering one's own message goes to its recipients; reply_all also copies its cc", () => {
    const s = thread();
    expect(s.ok("reply_to_email", { message_id: "MSG-00002", body: "x" })).toMatchObject({ to: ["bo@example.com"], cc: [], subject: "Re: Plan" });
    expect(s.ok("reply_to_email", { message_id: "MSG-00002", body: "x", reply_all: true })).toMatchObject({ to: ["bo@example.com"], cc: ["cy@example.com"] });
  });

  it("a forward quotes the original's headers, its Cc line only when it had one, the note above when there is one", () => {
    const s = thread();
    const f = s.ok("forward_email", { message_id: "MSG-00001", to: ["dee@example.com"], note: "  see below  " });
    expect(f.body).toBe(
      "see below\n\n---------- Forwarded message ---------\nFrom: Amy Chen <amy@example.com>\nDate: 2026-11-01T09:00:00Z\nSubject: Plan\n" +
        "To: ximena.mensah@mailbox.org, bo@example.com\nCc: cy@example.com, amy@example.com\n\nHi.",
    );
    expect(f.subject).toBe("Fwd: Plan");
    const g = s.ok("forward_email", { message_id: "MSG-00002", to: ["dee@example.com"], note: "   " });
    expect(g.body.startsWith("---------- Forwarded message ---------\nFrom: Ximena Mensah <ximena.mensah@mailbox.org>")).toBe(true);
    const h = s.ok("forward_email", { message_id: "MSG-00003", to: ["dee@example.com"] });
    expect(h.body).toBe(
      "---------- Forwarded message ---------\nFrom: Amy Chen <amy@example.com>\nDate: 2026-11-01T09:00:00Z\nSubject: Solo\nTo: ximena.mensah@mailbox.org\n\nHi.",
    );
  });
});

describe("email rules: drafts", () => {
  it("a reply draft keeps the recipients and subject it is given; answering one's own message addresses its recipients", () => {
    const s = box([
      msg({ id: "MSG-00001", subject: "Plan" }),
      msg({ id: "MSG-00002", from: ME, to: ["bo@example.com"], subject: "Mine", label_ids: ["SENT"] }),
    ]);
    expect(s.ok("create_draft", { reply_to_message_id: "MSG-00001", cc: ["cy@example.com"], subject: "Other" })).toMatchObject({
      to: [],
      cc: ["cy@example.com"],
      subject: "Other",
      thread_id: "THR-2001",
      in_reply_to: "MSG-00001",
    });
    expect(s.ok("create_draft", { reply_to_message_id: "MSG-00002" })).toMatchObject({ to: ["bo@example.com"], cc: [], subject: "Re: Mine" });
    expect(s.ok("create_draft", {})).toMatchObject({ to: [], subject: "", body: "", snippet: "" });
  });

  it("drafts are listed most recently edited first, at the same time the higher id first", () => {
    const s = box(
      [],
      [
        draft({ id: "DRAFT-0001", updated_at: "2026-11-02T09:00:00Z", subject: "Alpha" }),
        draft({ id: "DRAFT-0002", updated_at: "2026-11-01T09:00:00Z", subject: "Beta", to: ["beta@example.com"] }),
        draft({ id: "DRAFT-0003", updated_at: "2026-11-02T09:00:00Z", subject: "Gamma" }),
      ],
    );
    expect(s.ok("list_drafts", {}).items.map((d: { id: string }) => d.id)).toEqual(["DRAFT-0003", "DRAFT-0001", "DRAFT-0002"]);
    expect(s.ok("list_drafts", { query: "beta@" }).items.map((d: { id: string }) => d.id)).toEqual(["DRAFT-0002"]);
  });

  it("an update is checked against the 25 MB limit with the draft's kept body or attachments", () => {
    const s = box([], [draft({ id: "DRAFT-0001", body: "abc", attachments: [{ filename: "a.bin", mime_type: "x/y", size_bytes: 25 * MB - 3 }] })]);
    s.fails("update_draft", { draft_id: "DRAFT-0001", body: "abcd" }, "limit_exceeded", /over the 25 MB limit/);
    expect(s.ok("update_draft", { draft_id: "DRAFT-0001", body: "xyz", cc: ["c@example.com"] })).toMatchObject({
      body: "xyz",
      cc: ["c@example.com"],
      subject: "Draft",
    });
  });

  it("a draft with only a bcc can be sent; one with none names itself '(no subject)' when it has no subject", () => {
    const s = box([], [draft({ id: "DRAFT-0001", bcc: ["b@example.com"] }), draft({ id: "DRAFT-0002", subject: "" })]);
    expect(s.ok("send_draft", { draft_id: "DRAFT-0001" })).toMatchObject({ bcc: ["b@example.com"], label_ids: ["SENT"], sent_from_draft_id: "DRAFT-0001" });
    s.fails(
      "send_draft",
      { draft_id: "DRAFT-0002" },
      "invalid_argument",
      /^draft DRAFT-0002 \("\(no subject\)"\) has no recipient; add one with update_draft \(e.g. to: \["maya.okafor@mailbox.org"\]\) before sending$/,
    );
  });

  it("a reply draft whose conversation is gone is sent into a new one", () => {
    const s = box([], [draft({ id: "DRAFT-0001", to: ["b@example.com"], thread_id: "THR-2009", subject: "Re: Old" })]);
    s.edit(email, (db) => db.threads.delete("THR-2009"));
    const sent = s.ok("send_draft", { draft_id: "DRAFT-0001" });
    expect(sent.thread_id).not.toBe("THR-2009");
    expect(s.row<Thread>("threads", sent.thread_id).subject).toBe("Re: Old");
  });
});

describe("email rules: label names and counts", () => {
  it("nested names have no empty part: a leading, a trailing or a double slash is refused; inner spaces collapse", () => {
    const s = box([]);
    for (const bad of ["/Atlas", "Atlas/", "A//B"])
      s.fails("create_label", { name: bad }, "invalid_argument", /is not valid: nested labels are written Parent\/Child, without empty parts/);
    expect(s.ok("create_label", { name: "Team   Offsite" }).name).toBe("Team Offsite");
  });

  it("Gmail's reserved names are refused in any case, with a name to use instead", () => {
    const s = box([]);
    for (const [name, reserved] of [
      ["all mail", "ALL MAIL"],
      ["Snoozed", "SNOOZED"],
      ["category_social", "CATEGORY_SOCIAL"],
      ["Chat", "CHAT"],
      ["outbox", "OUTBOX"],
      ["unread", "UNREAD"],
    ])
      s.fails(
        "create_label",
        { name },
        "invalid_argument",
        new RegExp(
          `^"${name}" is a system label name \\(${reserved}\\); system labels already exist and cannot be created — choose another name, e.g. "${name} \\(personal\\)"$`,
        ),
      );
  });

  it("a label may be renamed to its own name in another case; a colour change keeps the name and the other way round", () => {
    const s = box([]);
    const travel = labelId(s, "Travel");
    expect(s.ok("update_label", { label_id: travel, name: "TRAVEL" })).toEqual({ id: travel, name: "TRAVEL", type: "user", color: "blue" });
    expect(s.ok("update_label", { label_id: travel, color: "red" })).toEqual({ id: travel, name: "TRAVEL", type: "user", color: "red" });
    s.fails(
      "update_label",
      { label_id: "STARRED", color: "red" },
      "failed_precondition",
      /^STARRED is a system label and cannot be changed; only your own labels/,
    );
  });

  it("counts leave trash and spam out except on TRASH and SPAM; DRAFT counts drafts and their conversations", () => {
    const s = box(
      [
        msg({ id: "MSG-00001", label_ids: ["INBOX", "UNREAD", "Label_9001"], thread_id: "THR-2001" }),
        msg({ id: "MSG-00002", label_ids: ["INBOX", "Label_9001"], thread_id: "THR-2002" }),
        msg({ id: "MSG-00003", label_ids: ["TRASH", "UNREAD", "Label_9001"], thread_id: "THR-2002" }),
        msg({ id: "MSG-00004", label_ids: ["SPAM", "INBOX"], thread_id: "THR-2003" }),
      ],
      [draft({ id: "DRAFT-0001", thread_id: "THR-2001" }), draft({ id: "DRAFT-0002", thread_id: "THR-2001" }), draft({ id: "DRAFT-0003" })],
    );
    const counts = (id: string) => {
      const l = s.ok("list_labels", { limit: 100 }).items.find((x: { id: string }) => x.id === id);
      return [l.messages_total, l.messages_unread, l.threads_total];
    };
    expect(counts("Label_9001")).toEqual([2, 1, 2]);
    expect(counts("INBOX")).toEqual([2, 1, 2]);
    expect(counts("TRASH")).toEqual([1, 1, 1]);
    expect(counts("SPAM")).toEqual([1, 0, 1]);
    expect(counts("UNREAD")).toEqual([1, 1, 1]);
    expect(counts("DRAFT")).toEqual([3, 0, 2]);
    expect(counts("STARRED")).toEqual([0, 0, 0]);
    expect(s.ok("list_labels", { type: "system" }).items.map((l: { id: string }) => l.id)).toEqual([
      "INBOX",
      "SENT",
      "DRAFT",
      "TRASH",
      "SPAM",
      "STARRED",
      "IMPORTANT",
      "UNREAD",
    ]);
  });

  it("deleting a label two filters use names both and says to delete them", () => {
    const s = box([]);
    const f1 = s.ok("create_email_filter", { from: "a", add_label_ids: ["Travel"] }).id;
    const f2 = s.ok("create_email_filter", { from: "b", add_label_ids: ["Travel"] }).id;
    s.fails(
      "delete_label",
      { label_id: "Travel" },
      "failed_precondition",
      new RegExp(`^label "Travel" is used by filters ${f1}, ${f2}; delete them with delete_email_filter first$`),
    );
  });
});

describe("email rules: filters", () => {
  const mail = () =>
    box([
      msg({ id: "MSG-00001", from: "news@shop.example", from_name: "Shop Weekly", subject: "Big SALE", label_ids: ["INBOX", "UNREAD"] }),
      msg({
        id: "MSG-00002",
        from: "amy@example.com",
        cc: ["team@corp.example"],
        label_ids: ["INBOX"],
        attachments: [{ filename: "a.pdf", mime_type: "x/y", size_bytes: 5 }],
      }),
      msg({ id: "MSG-00003", from: "bo@example.com", label_ids: ["INBOX", "UNREAD"] }),
      msg({ id: "MSG-00004", from: "news@shop.example", subject: "sale again", label_ids: ["TRASH"] }),
      msg({ id: "MSG-00005", from: "news@shop.example", subject: "sale spam", label_ids: ["SPAM"] }),
    ]);
  const applied = (s: TestSession, args: Record<string, unknown>) => s.ok("create_email_filter", { ...args, apply_to_existing: true });

  it("from matches the sender's name too, subject ignores case; existing trash and spam are left alone", () => {
    const s = mail();
    expect(applied(s, { from: "weekly", add_label_ids: ["STARRED"] }).applied_to).toBe(1);
    expect(labelsOf(s, "MSG-00001")).toEqual(["INBOX", "UNREAD", "STARRED"]);
    expect(applied(s, { subject: "sale", remove_label_ids: ["UNREAD"] }).applied_to).toBe(1);
    expect(labelsOf(s, "MSG-00004")).toEqual(["TRASH"]);
    expect(labelsOf(s, "MSG-00005")).toEqual(["SPAM"]);
  });

  it("to matches a cc address; has_attachment false matches only mail without files", () => {
    const s = mail();
    expect(applied(s, { to: "team@", add_label_ids: ["IMPORTANT"] }).applied_to).toBe(1);
    expect(labelsOf(s, "MSG-00002")).toEqual(["INBOX", "IMPORTANT"]);
    expect(applied(s, { has_attachment: false, add_label_ids: ["Travel"] }).applied_to).toBe(2);
    expect(labelsOf(s, "MSG-00002")).not.toContain(labelId(s, "Travel"));
    expect(applied(s, { has_attachment: true, remove_label_ids: ["IMPORTANT"] }).applied_to).toBe(1);
  });

  it("only messages it changes count as applied; its labels are stored sorted and once", () => {
    const s = mail();
    const f = applied(s, { query: "is:unread", add_label_ids: ["STARRED", "IMPORTANT", "starred"], remove_label_ids: ["UNREAD", "INBOX"] });
    expect(f).toMatchObject({ add_label_ids: ["IMPORTANT", "STARRED"], remove_label_ids: ["INBOX", "UNREAD"], applied_to: 2 });
    expect(f.summary).toBe('mail matching "is:unread": add IMPORTANT, add STARRED, remove INBOX, remove UNREAD');
    expect(applied(s, { from: "bo@", remove_label_ids: ["UNREAD"] }).applied_to).toBe(0);
  });

  it("a filter adds only user labels, STARRED or IMPORTANT and removes only INBOX, UNREAD or IMPORTANT", () => {
    const s = mail();
    for (const l of ["INBOX", "UNREAD", "TRASH", "SPAM", "DRAFT"])
      s.fails(
        "create_email_filter",
        { from: "x", add_label_ids: [l] },
        "invalid_argument",
        new RegExp(`^a filter cannot add ${l}; it can add your own labels, STARRED or IMPORTANT$`),
      );
    for (const l of ["STARRED", "SENT", "TRASH"])
      s.fails("create_email_filter", { from: "x", remove_label_ids: [l] }, "invalid_argument", new RegExp(`^a filter cannot remove ${l}; it can remove INBOX`));
    expect(s.ok("create_email_filter", { from: "x", add_label_ids: ["Travel"], remove_label_ids: ["IMPORTANT"] }).summary).toBe(
      "mail from x: add Travel, remove IMPORTANT",
    );
  });

  it("the same criteria with other actions is a different filter; the same actions too is refused", () => {
    const s = mail();
    s.ok("create_email_filter", { from: "x", add_label_ids: ["STARRED"] });
    expect(s.call("create_email_filter", { from: "x", add_label_ids: ["IMPORTANT"] }).outcome).toBe("ok");
    expect(s.call("create_email_filter", { from: "x", add_label_ids: ["STARRED"], remove_label_ids: ["UNREAD"] }).outcome).toBe("ok");
    expect(s.call("create_email_filter", { from: "y", add_label_ids: ["STARRED"] }).outcome).toBe("ok");
    s.fails("create_email_filter", { from: "x", add_label_ids: ["starred"] }, "already_exists", /already does exactly this; nothing to create$/);
  });
});

describe("email rules: search operators at their edges", () => {
  const s = box([
    msg({ id: "MSG-00001", date: "2026-11-02T00:00:00Z", body: "x".repeat(1533) }),
    msg({ id: "MSG-00002", date: "2026-11-01T23:59:00Z", body: "x".repeat(1534) }),
    msg({ id: "MSG-00003", date: "2026-11-02T09:00:00Z", body: "x".repeat(1535) }),
    msg({ id: "MSG-00004", date: "2026-10-09T09:00:00Z", body: "one two three four five", cc: [ME], label_ids: ["IMPORTANT"] }),
    msg({
      id: "MSG-00005",
      date: "2025-11-09T09:00:00Z",
      from: ME,
      from_name: "Ximena Mensah",
      to: ["amy@example.com"],
      bcc: [ME],
      label_ids: ["SENT", "STARRED"],
    }),
    msg({ id: "MSG-00006", date: "2025-11-09T09:01:00Z", subject: "Alpha beta gamma delta", body: "", label_ids: ["INBOX", "UNREAD"] }),
  ]);
  const search = (query: string) =>
    s
      .ok("search_emails", { query, limit: 100 })
      .items.map((m: { id: string }) => Number(m.id.slice(4)))
      .sort((a: number, b: number) => a - b);
  const cases: Array<[string, number[]]> = [
    ["after:2026/11/02", [1, 3]],
    ["before:2026/11/02", [2, 4, 5, 6]],
    ["newer:2026-11-2", [1, 3]],
    ["older:11/2/2026", [2, 4, 5, 6]],
    ["after:1793577600", [1, 3]], // epoch seconds of 2026-11-02T00:00:00Z
    ["newer_than:1m", [1, 2, 3]], // a month before 2026-11-09T09:00 is 2026-10-09T09:00, not newer
    ["older_than:1m", [5, 6]],
    ["newer_than:1Y", [1, 2, 3, 4, 6]],
    ["older_than:1y", []],
    ["newer_than:32d", [1, 2, 3, 4]],
    ["newer_than:31d", [1, 2, 3]],
    ["larger:1534", [3]],
    ["size:1534", [3]],
    ["smaller:1534", [1, 4, 5, 6]],
    ["larger:1.5k", []], // 1.5 K is 1536 bytes: nothing is larger
    ["smaller:1.5K", [1, 2, 3, 4, 5, 6]],
    ["larger:1533b", [2, 3]],
    ["cc:me", [4]],
    ["bcc:me", [5]],
    ["to:me", [1, 2, 3, 4, 5, 6]],
    ["deliveredto:me", [1, 2, 3, 4, 5, 6]],
    ["from:me", [5]],
    ["in:starred", [5]],
    ["in:important", [4]],
    ["in:unread", [6]],
    ["in:inbox", [1, 2, 3, 6]],
    ["one AROUND 4 five", [4]],
    ["one AROUND 3 five", []],
    ['"alpha beta" AROUND 3 delta', [6]],
    ['"alpha beta" AROUND 2 delta', []],
    ["five AROUND 0 five", [4]],
    ["+alph", []],
    ["alph", [6]],
  ];
  for (const [query, ids] of cases) it(`${query} → ${ids.length ? `messages ${ids.join(", ")}` : "nothing"}`, () => expect(search(query)).toEqual(ids));

  it("an operator with no value says how to write it, with an example for each", () => {
    for (const [op, example] of [
      ["after", "2026/03/01"],
      ["before", "2026/03/31"],
      ["newer_than", "7d"],
      ["older_than", "1m"],
      ["larger", "5M"],
      ["smaller", "1M"],
      ["size", "5M"],
      ["in", "inbox"],
      ["is", "unread"],
      ["has", "attachment"],
      ["label", "receipts"],
      ["subject", "maya"],
      ["newer", "maya"],
    ])
      s.fails("search_emails", { query: `${op}:` }, "invalid_argument", new RegExp(`^the ${op}: operator needs a value, e.g. ${op}:${example}$`));
  });

  it("bad values name the valid ones", () => {
    s.fails(
      "search_emails",
      { query: "in:archive" },
      "invalid_argument",
      /^in:archive is not a folder; use one of in:inbox, in:sent, in:trash, in:spam, in:starred, in:important, in:unread, in:anywhere$/,
    );
    s.fails("search_emails", { query: "in:draft" }, "invalid_argument", /^drafts are not messages: call list_drafts to see them$/);
    s.fails(
      "search_emails",
      { query: "has:photo" },
      "invalid_argument",
      /^has:photo is not supported; use one of has:attachment, has:userlabels, has:nouserlabels$/,
    );
    s.fails(
      "search_emails",
      { query: "older_than:2w" },
      "invalid_argument",
      /^older_than:2w is not a relative age; write a number and d \(days\), m \(months\) or y \(years\), e.g. older_than:7d or older_than:2m$/,
    );
    s.fails("search_emails", { query: "newer_than:12345d" }, "invalid_argument", /is not a relative age/);
    s.fails("search_emails", { query: "smaller:5G" }, "invalid_argument", /^smaller:5G is not a size; write bytes or a number with K or M, e.g. smaller:5M$/);
    s.fails("search_emails", { query: "size:1.2345M" }, "invalid_argument", /is not a size/);
    s.fails(
      "search_emails",
      { query: "before:2026/13/01" },
      "invalid_argument",
      /^before:2026\/13\/01 is not a date; write before:YYYY\/MM\/DD, e.g. before:2026\/03\/14$/,
    );
    s.fails("search_emails", { query: "after:12345678" }, "invalid_argument", /is not a date/);
    s.fails(
      "search_emails",
      { query: "label:nope" },
      "invalid_argument",
      /^label:nope names no label; labels are: inbox, sent, draft, trash, spam, starred, important, unread, Receipts, /,
    );
  });

  it("a query may nest groups 8 deep and hold 40 terms; one more of either is refused", () => {
    expect(search(`${"(".repeat(8)}five${")".repeat(8)}`)).toEqual([4]);
    expect(s.ok("search_emails", { query: Array.from({ length: 40 }, () => "xxxx").join(" ") }).total).toBe(3);
    s.fails("search_emails", { query: `${"{".repeat(9)}five` }, "invalid_argument", /^the query nests groups more than 8 deep; write it flatter$/);
    s.fails(
      "search_emails",
      { query: Array.from({ length: 41 }, () => "xxxx").join(" ") },
      "invalid_argument",
      /^the query has 41 terms; at most 40 are allowed — narrow it down$/,
    );
  });
});

describe("email rules: the query grammar's tokens", () => {
  it("| is OR, a lone minus or one before a space is nothing, a quoted phrase is trimmed", () => {
    expect(tokenize('a | b - -c " x y "')).toEqual([
      { t: "word", value: "a" },
      { t: "or" },
      { t: "word", value: "b" },
      { t: "minus" },
      { t: "word", value: "c" },
      { t: "phrase", value: "x y" },
    ]);
    expect(tokenize("a -")).toEqual([{ t: "word", value: "a" }]);
    expect(tokenize("\ta\r\nb")).toEqual([
      { t: "word", value: "a" },
      { t: "word", value: "b" },
    ]);
  });

  it("op: before a quote or a parenthesis is an operator; before anything else, or unknown, it stays a word", () => {
    expect(tokenize('FROM:"amy"')).toEqual([
      { t: "op", op: "from" },
      { t: "phrase", value: "amy" },
    ]);
    expect(tokenize("from:(a)")).toEqual([{ t: "op", op: "from" }, { t: "open" }, { t: "word", value: "a" }, { t: "close" }]);
    expect(tokenize("from: a")).toEqual([
      { t: "word", value: "from:" },
      { t: "word", value: "a" },
    ]);
    expect(tokenize('foo:"x"')).toEqual([
      { t: "word", value: "foo:" },
      { t: "phrase", value: "x" },
    ]);
    expect(tokenize(":(a)")[0]).toEqual({ t: "word", value: ":" });
    expect(tokenize('from:x"y"')[0]).toEqual({ t: "word", value: "from:x" });
  });

  it("AROUND needs a count of 1 to 3 digits; otherwise the words are plain", () => {
    expect(parseQuery("a AROUND 999 b")).toEqual({ around: ["a", "b"], within: 999 });
    expect(parseQuery("a AROUND 1000 b")).toEqual({ and: [{ value: "a" }, { value: "1000" }, { value: "b" }] });
    expect(parseQuery("a AROUND b")).toEqual({ and: [{ value: "a" }, { value: "b" }] });
  });

  it("a + alone is a plain word; an empty phrase is nothing; an operator in a group keeps its own name", () => {
    expect(parseQuery("+")).toEqual({ value: "+" });
    expect(parseQuery('"" a')).toEqual({ value: "a" });
    expect(parseQuery("subject:(a from:b)")).toEqual({
      and: [
        { op: "subject", value: "a" },
        { op: "from", value: "b" },
      ],
    });
    expect(parseQuery('subject:("a b" +c)')).toEqual({
      and: [
        { op: "subject", value: "a b" },
        { op: "subject", value: "c", exact: true },
      ],
    });
    expect(parseQuery("-(a OR b) AND c")).toEqual({ and: [{ not: { or: [{ value: "a" }, { value: "b" }] } }, { value: "c" }] });
    expect(parseQuery("{a}")).toEqual({ value: "a" });
  });
});

describe("email rules: how the user names mail, drafts, labels and filters", () => {
  const t = tables;
  it("a sent email names its first recipient (to, else cc, else bcc, else yourself) and its day; a received one its sender", () => {
    const sent = msg({ id: "MSG-1", from: ME, to: [], subject: "Plan", label_ids: ["SENT"], date: "2026-11-01T09:00:00Z" });
    expect(t.messages.describe({ ...sent, to: ["a@x.com", "b@x.com"] })).toBe('the email "Plan" you sent to a@x.com on 2026-11-01');
    expect(t.messages.describe({ ...sent, cc: ["c@x.com"] })).toBe('the email "Plan" you sent to c@x.com on 2026-11-01');
    expect(t.messages.describe({ ...sent, bcc: ["d@x.com"] })).toBe('the email "Plan" you sent to d@x.com on 2026-11-01');
    expect(t.messages.describe({ ...sent, subject: "" })).toBe('the email "(no subject)" you sent to yourself on 2026-11-01');
    expect(t.messages.describe(msg({ id: "MSG-2", subject: "" }))).toBe('the email "(no subject)" from Amy Chen on 2026-11-01');
    expect(t.messages.describe(msg({ id: "MSG-2" }))).toBe('the email "Hello" from Amy Chen on 2026-11-01');
  });

  it("a conversation, a draft, a label and a filter in words", () => {
    expect(t.threads.describe({ id: "THR-1", subject: "" })).toBe('the conversation "(no subject)"');
    expect(t.threads.describe({ id: "THR-1", subject: "Plan" })).toBe('the conversation "Plan"');
    expect(t.drafts.describe(draft({ id: "DRAFT-1", subject: "" }))).toBe('the draft "(no subject)" with no recipient yet');
    expect(t.drafts.describe(draft({ id: "DRAFT-1", to: ["a@x.com", "b@x.com"] }))).toBe('the draft "Draft" to a@x.com, b@x.com');
    expect(t.labels!.describe({ id: "INBOX", name: "INBOX", type: "system" })).toBe("the INBOX system label");
    expect(t.labels!.describe({ id: "Label_1", name: "Friends", type: "user" })).toBe('the label "Friends"');
    expect(
      t.filters!.describe({ id: "FLT-1", criteria: { from: "amy" }, add_label_ids: [], remove_label_ids: ["INBOX"], created_at: "2026-11-01T09:00:00Z" }),
    ).toBe("the filter for mail from amy");
  });
});

describe("email rules: more of what the tools return", () => {
  it("a summary names the user's labels, and shows an unknown label id as it is", () => {
    const s = box([msg({ id: "MSG-00001", label_ids: ["Label_9001", "Label_7777"] })]);
    expect(s.ok("list_emails", {}).items[0].labels).toEqual(["Friends", "Label_7777"]);
    expect(s.ok("get_email", { message_id: "MSG-00001" }).labels).toEqual(["Friends", "Label_7777"]);
  });

  it("a new email has no In-Reply-To and no draft of origin; a new draft no conversation; a label without colour none", () => {
    const s = box([]);
    const m = s.ok("send_email", { to: ["a@example.com"], body: "x" });
    expect("in_reply_to" in m).toBe(false);
    expect("sent_from_draft_id" in m).toBe(false);
    const d = s.ok("create_draft", { to: ["a@example.com"] });
    expect("thread_id" in d).toBe(false);
    expect("in_reply_to" in d).toBe(false);
    expect("color" in s.ok("create_label", { name: "Plain" })).toBe(false);
  });

  it("a draft sent once says where it went: the message, its date, and what to use instead", () => {
    const s = box([], [draft({ id: "DRAFT-0001", to: ["b@example.com"] })]);
    const sent = s.ok("send_draft", { draft_id: "DRAFT-0001" });
    s.fails(
      "send_draft",
      { draft_id: "DRAFT-0001" },
      "failed_precondition",
      new RegExp(
        `^draft DRAFT-0001 was already sent as message ${sent.id} on 2026-11-09T09:00:00Z and no longer exists; a draft can be sent only once — to send the same text again use forward_email or send_email$`,
      ),
    );
  });

  it("an updated draft's addresses are stored bare and once; the fields not given stay", () => {
    const s = box([], [draft({ id: "DRAFT-0001", to: ["a@example.com"], cc: ["c@example.com"], body: "Body" })]);
    expect(s.ok("update_draft", { draft_id: "DRAFT-0001", bcc: ["Bo <Bo@Example.com>", "bo@example.com"] })).toMatchObject({
      to: ["a@example.com"],
      cc: ["c@example.com"],
      bcc: ["bo@example.com"],
      body: "Body",
      subject: "Draft",
      snippet: "Body",
    });
    expect(s.ok("update_draft", { draft_id: "DRAFT-0001", to: [], subject: "New" })).toMatchObject({ to: [], cc: ["c@example.com"], subject: "New" });
  });

  it("the drafts' text search looks in subject, body, to and cc, not bcc", () => {
    const s = box([], [draft({ id: "DRAFT-0001", bcc: ["hidden@example.com"], body: "Quarterly numbers", cc: ["carol@example.com"] })]);
    const found = (query: string) => s.ok("list_drafts", { query }).items.length;
    expect(found("hidden")).toBe(0);
    expect(found("QUARTERLY")).toBe(1);
    expect(found("carol@")).toBe(1);
    expect(found("draft")).toBe(1);
  });

  it("trash and spam follow the query's own asking: -in:trash leaves both out, -(-in:trash) asks for the trash", () => {
    const s = box([
      msg({ id: "MSG-00001" }),
      msg({ id: "MSG-00002", label_ids: ["TRASH"], date: "2026-11-02T09:00:00Z" }),
      msg({ id: "MSG-00003", label_ids: ["SPAM"], date: "2026-11-03T09:00:00Z" }),
    ]);
    const ids = (query: string) => s.ok("search_emails", { query }).items.map((m: { id: string }) => m.id);
    expect(ids("-in:trash")).toEqual(["MSG-00001"]);
    expect(ids("-(-in:trash)")).toEqual(["MSG-00002"]);
    expect(ids("in:trash OR in:spam")).toEqual(["MSG-00003", "MSG-00002"]);
    expect(ids("label:spam")).toEqual(["MSG-00003"]);
    expect(ids("hello AROUND 1 hi")).toEqual(["MSG-00001"]);
    expect(ids("from:chen")).toEqual(["MSG-00001"]);
  });

  it("a filter on has_attachment false keeps that criterion; deleting a filter returns what it did", () => {
    const s = box([]);
    const f = s.ok("create_email_filter", { has_attachment: false, subject: "  weekly ", remove_label_ids: ["UNREAD"] });
    expect(f.criteria).toEqual({ subject: "weekly", has_attachment: false });
    expect(f.summary).toBe('mail with "weekly" in the subject: remove UNREAD');
    expect(f.created_at).toBe("2026-11-09T09:00:00Z");
    expect(s.ok("delete_email_filter", { filter_id: f.id })).toEqual({ deleted: f.id, summary: 'mail with "weekly" in the subject: remove UNREAD' });
  });

  it("untrash of a message that is not in the trash points to in:trash", () => {
    const s = box([msg({ id: "MSG-00001" })]);
    s.fails(
      "untrash_email",
      { message_id: "MSG-00001" },
      "failed_precondition",
      /^message MSG-00001 \("Hello"\) is not in the trash \(it is in the inbox\); only trashed messages can be restored — find them with search_emails query 'in:trash'$/,
    );
  });
});
