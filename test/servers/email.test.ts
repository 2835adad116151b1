import { describe, expect, it } from "vitest";
import calendar from "../../ts/servers/calendar/index.ts";
import email from "../../ts/servers/email/index.ts";
import type { Draft, Filter, Label, Message, Thread } from "../../ts/servers/email/state.ts";
import { time, worldFor } from "../../ts/servers/framework/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(email, 17);

const SEED = 7;
const world = worldFor(SEED);
const me = world.user.email;

const messages = (s: TestSession) => s.rows<Message>("messages");
const msg = (s: TestSession, id: string) => messages(s).find((m) => m.id === id) as Message;
const session = () => openSession(email, SEED);
const ids = (r: { items: Array<{ id: string }> }) => r.items.map((x) => x.id);
const byDateDesc = (a: Message, b: Message) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? 1 : -1);
const visible = (m: Message) => !m.label_ids.includes("TRASH") && !m.label_ids.includes("SPAM");
const MB = 1024 * 1024;

describe("email seed", () => {
  const s = session();
  const all = messages(s);
  const threads = s.rows<Thread>("threads");

  it("holds 80-200 messages in 30-60 threads, all before the session clock", () => {
    expect(all.length).toBeGreaterThanOrEqual(80);
    expect(all.length).toBeLessThanOrEqual(200);
    expect(threads.length).toBeGreaterThanOrEqual(30);
    expect(threads.length).toBeLessThanOrEqual(60);
    for (const m of all) expect(m.date < world.now, m.id).toBe(true);
  });

  it("is consistent: threads exist, replies point into their own thread, ids follow arrival order", () => {
    const threadIds = new Set(threads.map((t) => t.id));
    for (const m of all) {
      expect(threadIds.has(m.thread_id)).toBe(true);
      if (m.in_reply_to) {
        expect(msg(s, m.in_reply_to).thread_id).toBe(m.thread_id);
        expect(msg(s, m.in_reply_to).date < m.date, `${m.id} answers a later message`).toBe(true);
        expect(m.subject.startsWith("Re: ")).toBe(true);
      }
    }
    const sorted = [...all].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1]!.date <= sorted[i]!.date).toBe(true);
    for (const d of s.rows<Draft>("drafts")) if (d.thread_id) expect(threadIds.has(d.thread_id)).toBe(true);
  });

  it("uses the world's people: mail to and from people comes from world addresses; the user sends as themselves", () => {
    const addresses = new Set([me, ...world.people.map((p) => p.email)]);
    const personal = all.filter(
      (m) =>
        m.from.endsWith("@mailbox.org") ||
        world.companies.some((c) => m.from.endsWith(`@${c.domain}`) && !m.from.startsWith("newsletter@") && !m.from.startsWith("people@")),
    );
    expect(personal.length).toBeGreaterThan(30);
    for (const m of personal) expect(addresses.has(m.from), m.from).toBe(true);
    for (const m of all.filter((x) => x.label_ids.includes("SENT"))) {
      expect(m.from).toBe(me);
      expect(m.from_name).toBe(world.user.full_name);
    }
  });

  it("has unread, starred, important, spam and trashed mail, attachments and user labels", () => {
    for (const l of ["UNREAD", "STARRED", "IMPORTANT", "SPAM", "TRASH", "SENT", "INBOX"])
      expect(
        all.some((m) => m.label_ids.includes(l)),
        l,
      ).toBe(true);
    expect(all.filter((m) => m.attachments.length > 0).length).toBeGreaterThan(10);
    const labels = s.rows<Label>("labels");
    expect(labels.filter((l) => l.type === "system").map((l) => l.id)).toEqual(["INBOX", "SENT", "DRAFT", "TRASH", "SPAM", "STARRED", "IMPORTANT", "UNREAD"]);
    expect(labels.filter((l) => l.type === "user").map((l) => l.name)).toContain("Receipts");
  });

  it("agrees with its filters: every visible message a filter matches carries the filter's label", () => {
    const filters = s.rows<Filter>("filters");
    expect(filters.length).toBe(2);
    for (const f of filters) {
      const matched = all.filter(
        (m) =>
          visible(m) &&
          (f.criteria.from ? m.from.includes(f.criteria.from) : true) &&
          (f.criteria.subject ? m.subject.toLowerCase().includes(f.criteria.subject) : true),
      );
      expect(matched.length).toBeGreaterThan(5);
      for (const m of matched) for (const l of f.add_label_ids) expect(m.label_ids, m.subject).toContain(l);
    }
  });

  it("invites the user to the calendar's upcoming events they have not answered (same seed, same events)", () => {
    const both = openSession([email, calendar], SEED);
    const invites = messages(both).filter((m) => m.subject.startsWith("Invitation: "));
    expect(invites.length).toBeGreaterThan(0);
    for (const inv of invites) {
      const eventId = /Calendar event: (EVT-\d+)/.exec(inv.body)?.[1] as string;
      const ev = both.ok("get_event", { event_id: eventId });
      expect(inv.subject).toContain(ev.summary);
      expect(inv.from).toBe(ev.organizer);
      expect(ev.start > world.now).toBe(true);
      expect(ev.attendees.find((a: { email: string }) => a.email === me).response_status).toBe("needsAction");
    }
  });
});

describe("reading mail", () => {
  it("list_emails: newest first, without trash and spam, with label filters by id or name", () => {
    const s = session();
    const all = messages(s);
    const expected = all.filter(visible).sort(byDateDesc);
    const page1 = s.ok("list_emails", { limit: 10 });
    expect(page1.total).toBe(expected.length);
    expect(ids(page1)).toEqual(expected.slice(0, 10).map((m) => m.id));
    expect(page1.items[0].snippet.length).toBeGreaterThan(0);
    const page2 = s.ok("list_emails", { limit: 10, cursor: page1.next_cursor });
    expect(ids(page2)).toEqual(expected.slice(10, 20).map((m) => m.id));

    const receiptsId = s.rows<Label>("labels").find((l) => l.name === "Receipts")!.id;
    const receipts = all.filter((m) => visible(m) && m.label_ids.includes(receiptsId));
    expect(s.ok("list_emails", { label_ids: ["Receipts"] }).total).toBe(receipts.length);
    expect(s.ok("list_emails", { label_ids: [receiptsId] }).total).toBe(receipts.length);
    const unreadInbox = all.filter((m) => visible(m) && m.label_ids.includes("INBOX") && m.label_ids.includes("UNREAD"));
    const r = s.ok("list_emails", { label_ids: ["INBOX", "UNREAD"], limit: 100 });
    expect(r.total).toBe(unreadInbox.length);
    expect(r.items.every((x: { is_unread: boolean }) => x.is_unread)).toBe(true);
    expect(s.ok("list_emails", { include_spam_trash: true }).total).toBe(all.length);
  });

  it("list_emails: an unknown label is not_found and lists the labels that exist", () => {
    const s = session();
    s.fails("list_emails", { label_ids: ["Vacation"] }, "not_found", /label 'Vacation' not found; existing labels: INBOX.*Receipts/);
  });

  it("get_email: the whole message with body, attachments and size; unknown ids are not_found", () => {
    const s = session();
    const m = messages(s).find((x) => x.attachments.length > 1)!;
    const r = s.ok("get_email", { message_id: m.id });
    expect(r.body).toBe(m.body);
    expect(r.attachments).toEqual(m.attachments);
    expect(r.size_bytes).toBe(Buffer.byteLength(m.body) + m.attachments.reduce((n, a) => n + a.size_bytes, 0));
    expect(r.labels).toEqual(m.label_ids.map((l) => s.rows<Label>("labels").find((x) => x.id === l)!.name));
    s.fails("get_email", { message_id: "MSG-99999" }, "not_found", /message 'MSG-99999' not found.*list_emails or search_emails/);
  });

  it("list_threads and get_thread: conversations with counts, messages oldest first, and their drafts", () => {
    const s = session();
    const design = s.rows<Thread>("threads").find((t) => t.subject.startsWith("Design specs"))!;
    const inThread = messages(s).filter((m) => m.thread_id === design.id);
    const listed = s.ok("list_threads", { query: 'subject:"Design specs"' });
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({
      id: design.id,
      message_count: inThread.length,
      unread_count: inThread.filter((m) => m.label_ids.includes("UNREAD")).length,
      has_attachments: true,
    });
    const t = s.ok("get_thread", { thread_id: design.id });
    expect(t.messages.map((m: Message) => m.id)).toEqual(inThread.map((m) => m.id).sort());
    expect(t.messages[1].in_reply_to).toBe(t.messages[0].id);
    expect(t.drafts).toEqual(
      s
        .rows<Draft>("drafts")
        .filter((d) => d.thread_id === design.id)
        .map((d) => d.id),
    );
    expect(t.drafts.length).toBe(1);
    s.fails("get_thread", { thread_id: "THR-9999" }, "not_found");
    s.fails("list_threads", { label_ids: ["Nope"] }, "not_found", /label 'Nope' not found/);
    s.fails("list_threads", { query: "is:maybe" }, "invalid_argument", /is:maybe is not supported/);
    const receipts = s.ok("list_threads", { label_ids: ["Receipts"], limit: 100 });
    expect(receipts.items.every((t: { labels: string[] }) => t.labels.includes("Receipts"))).toBe(true);
    expect(receipts.items.map((t: { last_message_date: string }) => t.last_message_date)).toEqual(
      receipts.items
        .map((t: { last_message_date: string }) => t.last_message_date)
        .sort()
        .reverse(),
    );
  });
});

describe("search_emails: Gmail operators", () => {
  const s = session();
  const all = messages(s);
  const search = (query: string) =>
    s
      .ok("search_emails", { query, limit: 100 })
      .items.map((x: { id: string }) => x.id)
      .sort();
  const expectIds = (query: string, pred: (m: Message) => boolean, includeHidden = false) => {
    const want = all
      .filter((m) => (includeHidden || visible(m)) && pred(m))
      .map((m) => m.id)
      .sort();
    expect(want.length, `${query} should match something in the seed`).toBeGreaterThan(0);
    expect(search(query), query).toEqual(want);
  };
  const lead = world.people.filter((p) => p.company === world.user.company)[0]!;

  it("from:, to:me, cc:, subject:, label:, filename:", () => {
    expectIds(
      `from:${lead.first_name.toLowerCase()}`,
      (m) => m.from.includes(lead.first_name.toLowerCase()) || m.from_name.toLowerCase().includes(lead.first_name.toLowerCase()),
    );
    expectIds("from:me", (m) => m.from === me);
    expectIds("to:me", (m) => [...m.to, ...m.cc].includes(me));
    expectIds("subject:receipt", (m) => m.subject.toLowerCase().includes("receipt"));
    expectIds("label:receipts", (m) => m.label_ids.includes(s.rows<Label>("labels").find((l) => l.name === "Receipts")!.id));
    expectIds("filename:pdf", (m) => m.attachments.some((a) => a.filename.endsWith(".pdf")));
  });

  it("is:unread, is:read, is:starred, is:important, has:attachment, in:sent", () => {
    expectIds("is:unread", (m) => m.label_ids.includes("UNREAD"));
    expectIds("is:read", (m) => !m.label_ids.includes("UNREAD"));
    expectIds("is:starred", (m) => m.label_ids.includes("STARRED"));
    expectIds("is:important", (m) => m.label_ids.includes("IMPORTANT"));
    expectIds("has:attachment", (m) => m.attachments.length > 0);
    expectIds("in:sent", (m) => m.label_ids.includes("SENT"));
  });

  it("trash and spam only when asked: in:trash, in:spam, in:anywhere", () => {
    expectIds("in:trash", (m) => m.label_ids.includes("TRASH"), true);
    expectIds("in:spam", (m) => m.label_ids.includes("SPAM"), true);
    expect(search("in:anywhere").length).toBe(all.length);
  });

  it("after:, before:, newer_than: and older_than: against the session clock", () => {
    const day = time.addDays(world.today, -10);
    const slash = day.replace(/-/g, "/");
    expectIds(`after:${slash}`, (m) => m.date >= `${day}T00:00:00Z`);
    expectIds(`before:${slash}`, (m) => m.date < `${day}T00:00:00Z`);
    const weekAgo = time.addDays(world.now, -7);
    expectIds("newer_than:7d", (m) => m.date > weekAgo);
    expectIds("older_than:7d", (m) => m.date < weekAgo);
    expectIds(
      `after:${time.addDays(world.today, -20)} before:${day}`,
      (m) => m.date >= `${time.addDays(world.today, -20)}T00:00:00Z` && m.date < `${day}T00:00:00Z`,
    );
  });

  it("plain words, quoted phrases, negation, OR and {…}", () => {
    expectIds('"budget draft"', (m) => m.subject.toLowerCase().includes("budget draft") || m.body.toLowerCase().includes("budget draft"));
    expectIds("has:attachment -filename:pdf", (m) => m.attachments.length > 0 && !m.attachments.some((a) => a.filename.includes("pdf")));
    expectIds("from:uber OR from:lyft", (m) => m.from.includes("uber") || m.from.includes("lyft"));
    expectIds("{from:uber from:lyft}", (m) => m.from.includes("uber") || m.from.includes("lyft"));
    expectIds(
      "is:unread -label:newsletters",
      (m) => m.label_ids.includes("UNREAD") && !m.label_ids.includes(s.rows<Label>("labels").find((l) => l.name === "Newsletters")!.id),
    );
    expectIds("larger:1M", (m) => Buffer.byteLength(m.body) + m.attachments.reduce((n, a) => n + a.size_bytes, 0) > MB);
    expect(search("from:nobody-at-all")).toEqual([]);
    expect(search("foo:bar")).toEqual([]); // unknown operators are plain text, as in Gmail
  });

  it("a known operator with a bad value is an error that shows a valid one", () => {
    s.fails("search_emails", { query: "after:2026/02/30" }, "invalid_argument", /after:2026\/02\/30 is not a date; write after:YYYY\/MM\/DD/);
    s.fails("search_emails", { query: "is:urgent" }, "invalid_argument", /is:urgent is not supported; use one of is:unread, is:read, is:starred, is:important/);
    s.fails("search_emails", { query: "in:drafts" }, "invalid_argument", /list_drafts/);
    s.fails("search_emails", { query: "in:archive" }, "invalid_argument", /in:inbox/);
    s.fails("search_emails", { query: "newer_than:week" }, "invalid_argument", /newer_than:7d/);
    s.fails("search_emails", { query: "label:holiday-plans" }, "invalid_argument", /label:holiday-plans names no label; labels are: .*Receipts/);
    s.fails("search_emails", { query: "has:photos" }, "invalid_argument", /has:attachment/);
    s.fails("search_emails", { query: "larger:big" }, "invalid_argument", /larger:5M/);
    s.fails("search_emails", { query: "from:" }, "invalid_argument", /from: operator needs a value/);
    expect(s.call("search_emails", { query: "   " }).outcome).toBe("invalid_arguments");
  });

  it("bounds a query to 40 terms", () => {
    s.fails("search_emails", { query: Array.from({ length: 41 }, (_, i) => `w${i}`).join(" ") }, "invalid_argument", /41 terms; at most 40/);
  });
});

describe("organising messages", () => {
  it("add_labels_to_emails / remove_labels_from_emails by name or id; idempotent; SENT, DRAFT, TRASH, SPAM refused", () => {
    const s = session();
    const [a, b] = messages(s).filter((m) => visible(m) && !m.label_ids.some((l) => l.startsWith("Label_")));
    const travel = s.rows<Label>("labels").find((l) => l.name === "Travel")!;
    const r = s.ok("add_labels_to_emails", { message_ids: [a!.id, b!.id], label_ids: ["travel", "STARRED"] });
    expect(r).toMatchObject({ added: [travel.id, "STARRED"], changed: 2, unchanged: 0 });
    expect(msg(s, a!.id).label_ids).toEqual([...a!.label_ids.filter((l) => l !== "STARRED"), travel.id, "STARRED"].filter((l, i, xs) => xs.indexOf(l) === i));
    expect(s.ok("add_labels_to_emails", { message_ids: [a!.id], label_ids: [travel.id] })).toMatchObject({ changed: 0, unchanged: 1 });
    const removed = s.ok("remove_labels_from_emails", { message_ids: [a!.id], label_ids: [travel.id] });
    expect(removed.changed).toBe(1);
    expect(msg(s, a!.id).label_ids).not.toContain(travel.id);
    s.fails(
      "add_labels_to_emails",
      { message_ids: [a!.id], label_ids: ["SENT"] },
      "invalid_argument",
      /SENT label cannot be added by hand.*Labels you can add: INBOX, UNREAD, STARRED, IMPORTANT/,
    );
    s.fails("add_labels_to_emails", { message_ids: [a!.id], label_ids: ["TRASH"] }, "invalid_argument", /trash_email/);
    s.fails("remove_labels_from_emails", { message_ids: [a!.id], label_ids: ["SPAM"] }, "invalid_argument", /mark_email_as_not_spam/);
    s.fails("remove_labels_from_emails", { message_ids: [a!.id], label_ids: ["DRAFT"] }, "invalid_argument", /create_draft, send_draft and delete_draft/);
    s.fails("add_labels_to_emails", { message_ids: [a!.id], label_ids: ["Nope"] }, "not_found", /create_label/);
    s.fails("add_labels_to_emails", { message_ids: [a!.id, "MSG-99999"], label_ids: ["STARRED"] }, "not_found", /MSG-99999/);
  });

  it("mark_emails_as_read / unread, star_emails / unstar_emails, archive_emails change exactly their label", () => {
    const s = session();
    const unread = messages(s)
      .filter((m) => visible(m) && m.label_ids.includes("UNREAD"))
      .slice(0, 3)
      .map((m) => m.id);
    expect(s.ok("mark_emails_as_read", { message_ids: unread }).changed).toBe(3);
    for (const id of unread) expect(msg(s, id).label_ids).not.toContain("UNREAD");
    expect(s.ok("mark_emails_as_read", { message_ids: unread }).changed).toBe(0);
    expect(s.ok("mark_emails_as_unread", { message_ids: [unread[0]] }).messages[0].is_unread).toBe(true);
    expect(msg(s, unread[0]!).label_ids).toContain("UNREAD");
    const star = s.ok("star_emails", { message_ids: [unread[1]] });
    expect(star.messages[0].is_starred).toBe(true);
    expect(s.ok("unstar_emails", { message_ids: [unread[1]] }).messages[0].is_starred).toBe(false);
    const inInbox = messages(s).filter((m) => visible(m) && m.label_ids.includes("INBOX"))[0]!;
    const before = s.ok("list_emails", { label_ids: ["INBOX"] }).total;
    expect(s.ok("archive_emails", { message_ids: [inInbox.id] }).changed).toBe(1);
    expect(msg(s, inInbox.id).label_ids).toEqual(inInbox.label_ids.filter((l) => l !== "INBOX"));
    expect(s.ok("list_emails", { label_ids: ["INBOX"] }).total).toBe(before - 1);
    expect(s.ok("search_emails", { query: `subject:"${inInbox.subject}"`, limit: 100 }).items.map((x: { id: string }) => x.id)).toContain(inInbox.id);
  });

  it("every tool on messages refuses unknown ids and then changes nothing, not even the known ones", () => {
    const s = session();
    const known = messages(s).find((m) => visible(m) && m.label_ids.includes("UNREAD"))!.id;
    for (const tool of ["mark_emails_as_read", "mark_emails_as_unread", "star_emails", "unstar_emails", "archive_emails"]) {
      s.fails(tool, { message_ids: [known, "MSG-00000"] }, "not_found", /message 'MSG-00000' not found/);
    }
    for (const tool of ["trash_email", "untrash_email", "delete_email_permanently", "mark_email_as_spam", "mark_email_as_not_spam"]) {
      s.fails(tool, { message_id: "MSG-00000" }, "not_found", /list_emails or search_emails/);
    }
    s.fails("forward_email", { message_id: "MSG-00000", to: ["a@example.com"] }, "not_found");
    expect(s.call("mark_emails_as_read", { message_ids: [] }).outcome).toBe("invalid_arguments");
  });

  it("trash_email hides a message; trashing it again says how to restore it; untrash_email brings it back", () => {
    const s = session();
    const m = messages(s).filter((x) => visible(x) && x.label_ids.includes("INBOX"))[0]!;
    const total = s.ok("list_emails", {}).total;
    expect(s.ok("trash_email", { message_id: m.id }).label_ids).toContain("TRASH");
    expect(s.ok("list_emails", {}).total).toBe(total - 1);
    expect(s.ok("search_emails", { query: "in:trash", limit: 100 }).items.map((x: { id: string }) => x.id)).toContain(m.id);
    s.fails(
      "trash_email",
      { message_id: m.id },
      "failed_precondition",
      /already in the trash; restore it with untrash_email, or delete it for good with delete_email_permanently/,
    );
    expect(s.ok("untrash_email", { message_id: m.id }).label_ids).toEqual(m.label_ids);
    expect(s.ok("list_emails", {}).total).toBe(total);
    s.fails("untrash_email", { message_id: m.id }, "failed_precondition", /is not in the trash \(it is in the inbox\); only trashed messages can be restored/);
  });

  it("delete_email_permanently only from trash or spam; the emptied thread goes too", () => {
    const s = session();
    const single = messages(s).find(
      (m) =>
        visible(m) && messages(s).filter((x) => x.thread_id === m.thread_id).length === 1 && !s.rows<Draft>("drafts").some((d) => d.thread_id === m.thread_id),
    )!;
    s.fails(
      "delete_email_permanently",
      { message_id: single.id },
      "failed_precondition",
      /only messages in the trash or in spam can be deleted for good — move it to the trash with trash_email first/,
    );
    s.ok("trash_email", { message_id: single.id });
    expect(s.ok("delete_email_permanently", { message_id: single.id })).toEqual({ deleted: single.id, subject: single.subject });
    s.fails("get_email", { message_id: single.id }, "not_found");
    s.fails("get_thread", { thread_id: single.thread_id }, "not_found");
    const spam = messages(s).find((m) => m.label_ids.includes("SPAM"))!;
    expect(s.ok("delete_email_permanently", { message_id: spam.id }).deleted).toBe(spam.id);
  });

  it("empty_email_trash deletes every trashed message and nothing else; an empty trash is fine", () => {
    const s = session();
    const all = messages(s);
    const trashed = all.filter((m) => m.label_ids.includes("TRASH"));
    expect(trashed.length).toBeGreaterThan(0);
    const r = s.ok("empty_email_trash", {});
    expect(r.deleted).toBe(trashed.length);
    expect(r.message_ids.sort()).toEqual(trashed.map((m) => m.id).sort());
    expect(messages(s).length).toBe(all.length - trashed.length);
    expect(s.ok("search_emails", { query: "in:trash" }).total).toBe(0);
    expect(s.ok("empty_email_trash", {})).toEqual({ deleted: 0, message_ids: [] });
  });

  it("mark_email_as_spam moves mail out of the inbox; not twice, not the user's own; mark_email_as_not_spam restores it", () => {
    const s = session();
    const m = messages(s).find((x) => visible(x) && x.label_ids.includes("INBOX") && x.from !== me)!;
    const spammed = s.ok("mark_email_as_spam", { message_id: m.id });
    expect(spammed.label_ids).toContain("SPAM");
    expect(spammed.label_ids).not.toContain("INBOX");
    s.fails("mark_email_as_spam", { message_id: m.id }, "failed_precondition", /already in spam; to keep it, use mark_email_as_not_spam/);
    const mine = messages(s).find((x) => x.from === me && visible(x))!;
    s.fails("mark_email_as_spam", { message_id: mine.id }, "failed_precondition", /was sent by you.*use trash_email/);
    const back = s.ok("mark_email_as_not_spam", { message_id: m.id });
    expect(back.label_ids).toContain("INBOX");
    expect(back.label_ids).not.toContain("SPAM");
    s.fails("mark_email_as_not_spam", { message_id: m.id }, "failed_precondition", /is not in spam \(it is in the inbox\)/);
  });
});

describe("sending mail", () => {
  it("send_email: a SENT message in a new thread, from the user, dated by the clock, with bare addresses", () => {
    const s = session();
    const threadsBefore = s.rows<Thread>("threads").length;
    const r = s.ok("send_email", {
      to: ["Maya Okafor <Maya.Okafor@Mailbox.org>"],
      cc: ["leo@example.com"],
      subject: "Q3 numbers",
      body: "Attached.",
      attachments: [{ filename: "q3.pdf", mime_type: "application/pdf", size_bytes: 120_000 }],
    });
    expect(r).toMatchObject({
      from: me,
      from_name: world.user.full_name,
      to: ["maya.okafor@mailbox.org"],
      cc: ["leo@example.com"],
      subject: "Q3 numbers",
      body: "Attached.",
      date: world.now,
      label_ids: ["SENT"],
      size_bytes: 120_009,
    });
    expect(s.rows<Thread>("threads").length).toBe(threadsBefore + 1);
    expect(s.rows<Thread>("threads").find((t) => t.id === r.thread_id)!.subject).toBe("Q3 numbers");
    expect(s.ok("search_emails", { query: "in:sent subject:q3" }).items[0].id).toBe(r.id);
    // the clock ticks one minute per successful write
    expect(s.ok("send_email", { to: ["a@example.com"], body: "x" }).date).toBe(time.addMinutes(world.now, 1));
  });

  it("send_email: no recipient, an invalid address or more than 25 MB are refused with what would be valid", () => {
    const s = session();
    s.fails("send_email", { subject: "hi", body: "x" }, "invalid_argument", /needs at least one recipient: give an address in to, cc or bcc/);
    s.fails(
      "send_email",
      { to: ["maya.okafor@"], body: "x" },
      "invalid_argument",
      /"maya.okafor@" in to is not a valid email address; write it as name@domain.tld/,
    );
    s.fails("send_email", { to: ["a@example.com"], bcc: ["not an address"], body: "x" }, "invalid_argument", /in bcc is not a valid email address/);
    s.fails(
      "send_email",
      {
        to: ["a@example.com"],
        body: "x",
        attachments: [
          { filename: "video.mp4", mime_type: "video/mp4", size_bytes: 20 * MB },
          { filename: "deck.pptx", mime_type: "application/vnd.ms-powerpoint", size_bytes: 6 * MB },
        ],
      },
      "limit_exceeded",
      /26\.0 MB, over the 25 MB limit per message.*video\.mp4 20\.0 MB.*share large files by link/,
    );
    expect(
      s.ok("send_email", { to: ["a@example.com"], body: "x", attachments: [{ filename: "video.mp4", mime_type: "video/mp4", size_bytes: 25 * MB - 1 }] })
        .attachments.length,
    ).toBe(1);
  });

  it("send_email to oneself lands in the inbox too, and the filters act on it", () => {
    const s = session();
    const receipts = s.rows<Label>("labels").find((l) => l.name === "Receipts")!.id;
    const r = s.ok("send_email", { to: [me], subject: "Receipt for the team lunch", body: "42.00" });
    expect(r.label_ids).toEqual(["SENT", "INBOX", receipts]);
  });

  it("reply_to_email: to the sender, same thread, 'Re:' once, In-Reply-To; reply_all copies the others", () => {
    const s = session();
    const original = messages(s).find((m) => m.from !== me && m.cc.length > 0 && !m.subject.startsWith("Re:") && visible(m))!;
    const r = s.ok("reply_to_email", { message_id: original.id, body: "Sounds good." });
    expect(r).toMatchObject({
      thread_id: original.thread_id,
      to: [original.from],
      cc: [],
      subject: `Re: ${original.subject}`,
      in_reply_to: original.id,
      label_ids: ["SENT"],
    });
    const all = s.ok("reply_to_email", { message_id: r.id, body: "(to everyone)", reply_all: true });
    expect(all.subject).toBe(`Re: ${original.subject}`); // not "Re: Re:"
    expect(all.to).toEqual([original.from]); // replying to one's own message goes to its recipients
    const ra = s.ok("reply_to_email", { message_id: original.id, body: "all", reply_all: true, cc: ["extra@example.com"] });
    expect(ra.cc).toEqual([...new Set([...original.to, ...original.cc])].filter((x) => x !== me && x !== original.from).concat("extra@example.com"));
    s.fails("reply_to_email", { message_id: "MSG-99999", body: "x" }, "not_found", /message 'MSG-99999' not found/);
    s.fails("reply_to_email", { message_id: original.id, body: "x", cc: ["bad@"] }, "invalid_argument", /"bad@" in cc is not a valid email address/);
  });

  it("forward_email: 'Fwd:', the original quoted below the note, attachments along unless left out", () => {
    const s = session();
    const original = messages(s).find((m) => m.attachments.length > 0 && m.from !== me && visible(m))!;
    const r = s.ok("forward_email", { message_id: original.id, to: ["sam@example.com"], note: "FYI" });
    expect(r.subject).toBe(`Fwd: ${original.subject}`);
    expect(r.body.startsWith("FYI\n\n---------- Forwarded message ---------\n")).toBe(true);
    expect(r.body).toContain(`From: ${original.from_name} <${original.from}>`);
    expect(r.body.endsWith(original.body)).toBe(true);
    expect(r.attachments).toEqual(original.attachments);
    expect(r.thread_id).toBe(original.thread_id);
    expect(s.ok("forward_email", { message_id: original.id, to: ["sam@example.com"], include_attachments: false }).attachments).toEqual([]);
    s.fails("forward_email", { message_id: original.id }, "invalid_argument", /a forward needs at least one recipient/);
  });
});

describe("drafts", () => {
  it("list_drafts: the seeded drafts, most recently edited first, filtered by text", () => {
    const s = session();
    const drafts = s.rows<Draft>("drafts").sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1));
    const r = s.ok("list_drafts", {});
    expect(ids(r)).toEqual(drafts.map((d) => d.id));
    expect(ids(s.ok("list_drafts", { query: "time off" }))).toEqual(drafts.filter((d) => d.subject === "Time off request").map((d) => d.id));
  });

  it("create_draft: recipients may wait but must be valid; a reply draft joins the thread with 'Re:' and the sender", () => {
    const s = session();
    const d = s.ok("create_draft", { subject: "Ideas", body: "- one\n- two" });
    expect(d).toMatchObject({ to: [], subject: "Ideas", body: "- one\n- two", created_at: world.now, updated_at: world.now });
    expect(d.id).toMatch(/^DRAFT-\d{4}$/);
    const original = messages(s).find((m) => m.from !== me && visible(m))!;
    const reply = s.ok("create_draft", { reply_to_message_id: original.id, body: "Thanks!" });
    expect(reply).toMatchObject({ thread_id: original.thread_id, in_reply_to: original.id, to: [original.from], subject: `Re: ${original.subject}` });
    s.fails("create_draft", { to: ["nobody"], body: "x" }, "invalid_argument", /"nobody" in to is not a valid email address/);
    s.fails(
      "create_draft",
      { body: "x", attachments: [{ filename: "big.zip", mime_type: "application/zip", size_bytes: 30 * MB }] },
      "limit_exceeded",
      /over the 25 MB limit/,
    );
    s.fails("create_draft", { reply_to_message_id: "MSG-99999" }, "not_found");
  });

  it("update_draft: replaces the fields given, keeps the rest; must change something; addresses checked", () => {
    const s = session();
    const d = s.rows<Draft>("drafts").find((x) => x.subject === "Notes for 1:1")!;
    const r = s.ok("update_draft", { draft_id: d.id, to: ["lead@example.com"], subject: "Agenda for our 1:1" });
    expect(r).toMatchObject({
      id: d.id,
      to: ["lead@example.com"],
      subject: "Agenda for our 1:1",
      body: d.body,
      updated_at: world.now,
      created_at: d.created_at,
    });
    s.fails("update_draft", { draft_id: d.id }, "invalid_argument", /nothing to change: give at least one of to, cc, bcc, subject, body, attachments/);
    s.fails("update_draft", { draft_id: d.id, cc: ["x@y"] }, "invalid_argument", /"x@y" in cc is not a valid email address/);
    s.fails("update_draft", { draft_id: "DRAFT-9999", body: "x" }, "not_found", /list_drafts/);
  });

  it("send_draft: needs a recipient; becomes a SENT message in its thread; the draft is gone and cannot be sent twice", () => {
    const s = session();
    const noTo = s.rows<Draft>("drafts").find((x) => x.to.length === 0)!;
    s.fails("send_draft", { draft_id: noTo.id }, "invalid_argument", /has no recipient; add one with update_draft/);
    const reply = s.rows<Draft>("drafts").find((x) => x.thread_id)!;
    const sent = s.ok("send_draft", { draft_id: reply.id });
    expect(sent).toMatchObject({
      thread_id: reply.thread_id,
      in_reply_to: reply.in_reply_to,
      to: reply.to,
      cc: reply.cc,
      subject: reply.subject,
      body: reply.body,
      label_ids: ["SENT"],
      sent_from_draft_id: reply.id,
    });
    expect(s.rows<Draft>("drafts").some((x) => x.id === reply.id)).toBe(false);
    expect(s.ok("get_thread", { thread_id: reply.thread_id }).messages.at(-1).id).toBe(sent.id);
    s.fails(
      "send_draft",
      { draft_id: reply.id },
      "failed_precondition",
      new RegExp(`draft ${reply.id} was already sent as message ${sent.id}.*a draft can be sent only once`),
    );
    s.fails("delete_draft", { draft_id: reply.id }, "failed_precondition", /already sent/);
  });

  it("delete_draft discards it for good", () => {
    const s = session();
    const d = s.rows<Draft>("drafts")[0]!;
    expect(s.ok("delete_draft", { draft_id: d.id })).toEqual({ deleted: d.id, subject: d.subject });
    expect(s.ok("list_drafts", {}).total).toBe(2);
    s.fails("delete_draft", { draft_id: d.id }, "not_found", /list_drafts/);
  });
});

describe("labels and filters", () => {
  it("list_labels: every label with message, unread and thread counts (trash and spam apart)", () => {
    const s = session();
    const all = messages(s);
    const r = s.ok("list_labels", {});
    expect(r.total).toBe(s.rows<Label>("labels").length);
    const inbox = r.items.find((l: Label) => l.id === "INBOX");
    const inboxMsgs = all.filter((m) => visible(m) && m.label_ids.includes("INBOX"));
    expect(inbox).toMatchObject({
      messages_total: inboxMsgs.length,
      messages_unread: inboxMsgs.filter((m) => m.label_ids.includes("UNREAD")).length,
      threads_total: new Set(inboxMsgs.map((m) => m.thread_id)).size,
    });
    expect(r.items.find((l: Label) => l.id === "TRASH").messages_total).toBe(all.filter((m) => m.label_ids.includes("TRASH")).length);
    expect(r.items.find((l: Label) => l.id === "DRAFT").messages_total).toBe(3);
    expect(s.ok("list_labels", { type: "user" }).items.every((l: Label) => l.type === "user")).toBe(true);
  });

  it("create_label: unique ignoring case, never a system name, nested with '/'", () => {
    const s = session();
    const l = s.ok("create_label", { name: "  Follow up ", color: "red" });
    expect(l).toMatchObject({ name: "Follow up", type: "user", color: "red" });
    expect(l.id).toMatch(/^Label_\d{4}$/);
    expect(s.ok("create_label", { name: "Projects/Atlas" }).name).toBe("Projects/Atlas");
    s.fails("create_label", { name: "follow UP" }, "already_exists", new RegExp(`a label named "Follow up" already exists \\(${l.id}\\)`));
    s.fails("create_label", { name: "inbox" }, "invalid_argument", /"inbox" is a system label name \(INBOX\)/);
    s.fails("create_label", { name: "Starred" }, "invalid_argument", /system label name/);
    s.fails("create_label", { name: "Projects//Atlas" }, "invalid_argument", /nested labels are written Parent\/Child/);
  });

  it("update_label: renames user labels only, keeping names unique", () => {
    const s = session();
    const travel = s.rows<Label>("labels").find((l) => l.name === "Travel")!;
    expect(s.ok("update_label", { label_id: "Travel", name: "Trips 2026", color: "teal" })).toEqual({
      id: travel.id,
      name: "Trips 2026",
      type: "user",
      color: "teal",
    });
    s.fails("update_label", { label_id: travel.id, name: "receipts" }, "already_exists", /"Receipts" already exists/);
    s.fails("update_label", { label_id: "INBOX", name: "Inbox 2" }, "failed_precondition", /INBOX is a system label and cannot be changed/);
    s.fails("update_label", { label_id: travel.id }, "invalid_argument", /nothing to change/);
  });

  it("delete_label: takes it off every message; system labels and labels a filter uses are refused", () => {
    const s = session();
    const hiring = s.rows<Label>("labels").find((l) => l.name === "Hiring")!;
    const tagged = messages(s).filter((m) => m.label_ids.includes(hiring.id));
    expect(tagged.length).toBeGreaterThan(0);
    expect(s.ok("delete_label", { label_id: hiring.id })).toEqual({ deleted: hiring.id, name: "Hiring", removed_from_messages: tagged.length });
    for (const m of tagged) expect(msg(s, m.id).label_ids).not.toContain(hiring.id);
    s.fails("delete_label", { label_id: "STARRED" }, "failed_precondition", /STARRED is a system label and cannot be deleted/);
    const receipts = s.rows<Label>("labels").find((l) => l.name === "Receipts")!;
    const filter = s.rows<Filter>("filters").find((f) => f.add_label_ids.includes(receipts.id))!;
    s.fails(
      "delete_label",
      { label_id: "Receipts" },
      "failed_precondition",
      new RegExp(`"Receipts" is used by filter ${filter.id}; delete it with delete_email_filter first`),
    );
    s.ok("delete_email_filter", { filter_id: filter.id });
    expect(s.ok("delete_label", { label_id: "Receipts" }).deleted).toBe(receipts.id);
  });

  it("list_email_filters shows what each filter does", () => {
    const s = session();
    const r = s.ok("list_email_filters", {});
    expect(r.total).toBe(2);
    expect(r.items.map((f: { summary: string }) => f.summary)).toEqual([
      "mail from newsletter: add Newsletters",
      'mail with "receipt" in the subject: add Receipts',
    ]);
  });

  it("create_email_filter: criteria and an allowed action; applies to existing mail on request; no duplicates", () => {
    const s = session();
    const hits = messages(s).filter((m) => visible(m) && m.from.includes("newsletter") && m.label_ids.includes("INBOX"));
    const f = s.ok("create_email_filter", { from: "newsletter", remove_label_ids: ["INBOX", "UNREAD"], apply_to_existing: true });
    expect(f).toMatchObject({ criteria: { from: "newsletter" }, add_label_ids: [], remove_label_ids: ["INBOX", "UNREAD"], applied_to: hits.length });
    expect(f.id).toMatch(/^FLT-\d{4}$/);
    for (const m of hits) expect(msg(s, m.id).label_ids.filter((l) => l === "INBOX" || l === "UNREAD")).toEqual([]);
    s.fails(
      "create_email_filter",
      { from: "newsletter", remove_label_ids: ["UNREAD", "INBOX"] },
      "already_exists",
      new RegExp(`filter ${f.id} already does exactly this`),
    );
    const q = s.ok("create_email_filter", { query: "has:attachment larger:1M", add_label_ids: ["IMPORTANT"] });
    expect(q.applied_to).toBe(0);
    s.fails("create_email_filter", { add_label_ids: ["STARRED"] }, "invalid_argument", /needs at least one criterion/);
    s.fails("create_email_filter", { from: "boss@" }, "invalid_argument", /needs an action/);
    s.fails(
      "create_email_filter",
      { from: "x", add_label_ids: ["SENT"] },
      "invalid_argument",
      /cannot add SENT; it can add your own labels, STARRED or IMPORTANT/,
    );
    s.fails(
      "create_email_filter",
      { from: "x", remove_label_ids: ["Travel"] },
      "invalid_argument",
      /cannot remove "Travel"; it can remove INBOX \(skip the inbox\), UNREAD \(mark as read\) or IMPORTANT/,
    );
    s.fails(
      "create_email_filter",
      { from: "x", add_label_ids: ["IMPORTANT"], remove_label_ids: ["IMPORTANT"] },
      "invalid_argument",
      /both adds and removes IMPORTANT/,
    );
    s.fails("create_email_filter", { query: "after:yesterday", add_label_ids: ["STARRED"] }, "invalid_argument", /after:yesterday is not a date/);
  });

  it("delete_email_filter removes it; labels it put on stay", () => {
    const s = session();
    const f = s.rows<Filter>("filters")[0]!;
    const labelled = messages(s).filter((m) => m.label_ids.includes(f.add_label_ids[0]!)).length;
    expect(s.ok("delete_email_filter", { filter_id: f.id }).deleted).toBe(f.id);
    expect(s.ok("list_email_filters", {}).total).toBe(1);
    expect(messages(s).filter((m) => m.label_ids.includes(f.add_label_ids[0]!)).length).toBe(labelled);
    s.fails("delete_email_filter", { filter_id: f.id }, "not_found", /list_email_filters/);
  });
});

describe("email scenario", () => {
  it("finds an unread request, answers it, files the conversation under a new label and archives it", () => {
    const s = session();
    // 1. the newest unread mail asking for a quick sync
    const hit = s.ok("search_emails", { query: 'is:unread subject:"quick sync"' }).items[0];
    expect(hit.subject).toMatch(/^Quick sync on /);
    // 2. read it in full
    const full = s.ok("get_email", { message_id: hit.id });
    // 3. reply to its sender, in its thread
    const reply = s.ok("reply_to_email", { message_id: full.id, body: "Thursday 10:00 works — invite coming." });
    expect(reply.to).toEqual([full.from]);
    expect(reply.thread_id).toBe(full.thread_id);
    // 4. a label for follow-ups, used by id on both messages
    const label = s.ok("create_label", { name: "Follow up" });
    s.ok("add_labels_to_emails", { message_ids: [full.id, reply.id], label_ids: [label.id] });
    // 5. mark read and archive the request
    s.ok("mark_emails_as_read", { message_ids: [full.id] });
    s.ok("archive_emails", { message_ids: [full.id] });
    // the conversation is now found under the label, read and out of the inbox
    const filed = s.ok("search_emails", { query: "label:follow-up" });
    expect(filed.items.map((x: { id: string }) => x.id)).toEqual([reply.id, full.id]);
    expect(s.ok("get_email", { message_id: full.id }).label_ids).toEqual([...full.label_ids.filter((l: string) => l !== "UNREAD" && l !== "INBOX"), label.id]);
    const thread = s.ok("list_threads", { label_ids: [label.id] });
    expect(thread.items[0]).toMatchObject({ id: full.thread_id, message_count: 2, unread_count: 0 });
  });
});
