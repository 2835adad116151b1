/**
 * search_emails against Gmail's documented examples ("Search operators you can use with Gmail"),
 * over a hand-written mailbox of nine messages: every expected answer below is written out by
 * hand from the fixture, never computed by the code under test.
 */
import { describe, expect, it } from "vitest";
import email from "../../ts/servers/email/index.ts";
import { parseQuery } from "../../ts/servers/email/query.ts";
import type { Message } from "../../ts/servers/email/state.ts";
import { worldFor } from "../../ts/servers/framework/index.ts";
import { openSession } from "../helpers/session.ts";

const SEED = 7;
const world = worldFor(SEED);
const me = world.user.email;
/** The fixture's days, counted back from the session's today: D(0) is today. */
const D = (daysAgo: number, hour = 9) =>
  `${new Date(Date.parse(`${world.today}T00:00:00Z`) - daysAgo * 86_400_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}:00:00Z`;
const day = (daysAgo: number) => D(daysAgo).slice(0, 10);

const base = { thread_id: "THR-1001", cc: [] as string[], bcc: [] as string[], attachments: [] as Message["attachments"] };
const FIXTURE: Message[] = [
  {
    ...base,
    id: "MSG-00001",
    from: "amy@example.com",
    from_name: "Amy Chen",
    to: [me],
    subject: "Dinner and a movie?",
    body: "Dinner and movie tonight at eight?",
    date: D(8),
    label_ids: ["INBOX", "UNREAD"],
  },
  {
    ...base,
    id: "MSG-00002",
    from: "david@example.com",
    from_name: "David Park",
    to: [me],
    cc: ["amy@example.com"],
    subject: "Movie night",
    body: "Which movie should we see?",
    date: D(7),
    label_ids: ["INBOX", "STARRED"],
  },
  {
    ...base,
    id: "MSG-00003",
    from: me,
    from_name: world.user.full_name,
    to: ["david@example.com"],
    bcc: ["amy@example.com"],
    subject: "Homework",
    body: "Attached is the homework.",
    date: D(6, 12),
    label_ids: ["SENT"],
    attachments: [{ filename: "homework.txt", mime_type: "text/plain", size_bytes: 2_000 }],
  },
  {
    ...base,
    id: "MSG-00004",
    from: "theo.laurent@example.com",
    from_name: "Theo Laurent",
    to: [me],
    subject: "Holiday photos",
    body: "The holiday was great; our vacation in Lisbon was sunny.",
    date: D(5),
    label_ids: ["INBOX", "UNREAD", "IMPORTANT", "Label_9001"],
    attachments: [{ filename: "photos.pdf", mime_type: "application/pdf", size_bytes: 12 * 1024 * 1024 }],
  },
  {
    ...base,
    id: "MSG-00005",
    from: "isla@example.com",
    from_name: "Isla Novak",
    to: [me],
    subject: "Party",
    body: "Unicorns everywhere: a holiday party, far from any talk about where we go next on vacation.",
    date: D(1, 12),
    label_ids: ["INBOX", "UNREAD"],
    attachments: [{ filename: "invite.pdf", mime_type: "application/pdf", size_bytes: 100_000 }],
  },
  {
    ...base,
    id: "MSG-00006",
    from: "news@shop.example",
    from_name: "Shop",
    to: [me],
    subject: "Sale",
    body: "The unicorn cake is back.",
    date: D(1, 15),
    label_ids: ["INBOX"],
  },
  {
    ...base,
    id: "MSG-00007",
    from: "amy@example.com",
    from_name: "Amy Chen",
    to: [me],
    subject: "Old movie",
    body: "Cheap tickets!!!",
    date: D(9),
    label_ids: ["SPAM"],
  },
  {
    ...base,
    id: "MSG-00008",
    from: "amy@example.com",
    from_name: "Amy Chen",
    to: ["david@example.com", me],
    subject: "Tickets",
    body: "I booked the tickets for dinner.",
    date: D(7, 15),
    label_ids: ["INBOX"],
  },
  {
    ...base,
    id: "MSG-00009",
    from: "isla@example.com",
    from_name: "Isla Novak",
    to: [me],
    subject: "Old draft",
    body: "Thrown away.",
    date: D(3),
    label_ids: ["TRASH"],
  },
];

function mailbox() {
  const s = openSession(email, SEED);
  s.edit(email, (db) => {
    for (const m of db.messages.all()) db.messages.delete(m.id);
    for (const m of FIXTURE) db.messages.insert(m);
    db.labels.insert({ id: "Label_9001", name: "Friends", type: "user" });
  });
  return s;
}

describe("search_emails: Gmail's documented examples on a hand-written mailbox", () => {
  const s = mailbox();
  const search = (query: string) =>
    s
      .ok("search_emails", { query, limit: 100 })
      .items.map((x: { id: string }) => Number(x.id.slice(4)))
      .sort((a: number, b: number) => a - b);
  const cases: Array<[string, number[]]> = [
    ["from:amy", [1, 8]],
    ["to:david", [3, 8]],
    ["cc:amy", [2]],
    ["bcc:amy", [3]],
    ["subject:dinner", [1]],
    ["from:amy OR from:david", [1, 2, 8]],
    ["{from:amy from:david}", [1, 2, 8]],
    ["from:amy AND to:david", [8]],
    ["dinner -movie", [8]],
    ["holiday AROUND 10 vacation", [4]],
    ["label:friends", [4]],
    ["has:attachment", [3, 4, 5]],
    ["filename:pdf", [4, 5]],
    ["filename:homework.txt", [3]],
    ['"dinner and movie tonight"', [1]],
    ["subject:(dinner movie)", [1]],
    ["movie", [1, 2]],
    ["in:anywhere movie", [1, 2, 7]],
    ["is:important", [4]],
    ["label:important", [4]],
    ["is:starred", [2]],
    ["is:unread", [1, 4, 5]],
    ["is:read", [2, 3, 6, 8]],
    [`after:${day(6).replace(/-/g, "/")}`, [3, 4, 5, 6]],
    [`after:${day(6).slice(5, 7)}/${day(6).slice(8)}/${day(6).slice(0, 4)}`, [3, 4, 5, 6]],
    [`before:${day(6).replace(/-/g, "/")}`, [1, 2, 8]],
    [`older:${day(6).replace(/-/g, "/")}`, [1, 2, 8]],
    ["newer_than:2d", [5, 6]],
    ["deliveredto:david@example.com", [3, 8]],
    ["size:1000000", [4]],
    ["larger:10M", [4]],
    ["smaller:1M", [1, 2, 3, 5, 6, 8]],
    ["+unicorn", [6]],
    ["unicorn", [5, 6]],
    ["has:userlabels", [4]],
    ["has:nouserlabels", [1, 2, 3, 5, 6, 8]],
    ["in:trash", [9]],
    ["in:spam", [7]],
  ];
  for (const [query, ids] of cases) it(`${query} → messages ${ids.join(", ")}`, () => expect(search(query)).toEqual(ids));

  it("from:(theo OR isla): an operator applies to each word of its group, joined as written", () => {
    expect(search("from:(theo OR isla)")).toEqual([4, 5]);
    expect(search("subject:(holiday photos)")).toEqual([4]);
    expect(search("from:(-amy)")).toEqual([2, 3, 4, 5, 6]);
  });

  it("is:unread AND has:attachment: AND written out is the same as a space", () => {
    expect(search("is:unread AND has:attachment")).toEqual([4, 5]);
    expect(search("is:unread has:attachment")).toEqual([4, 5]);
  });

  it("OR binds tighter than AND: is:unread from:amy OR from:theo is unread AND (amy OR theo)", () => {
    expect(search("is:unread from:amy OR from:theo")).toEqual([1, 4]);
    expect(search("is:unread | from:david")).toEqual([1, 2, 4, 5]);
  });

  it("- negates a term, a group or a phrase", () => {
    expect(search("-from:amy")).toEqual([2, 3, 4, 5, 6]);
    expect(search("is:unread -(from:theo OR from:isla)")).toEqual([1]);
    expect(search('movie -"movie night"')).toEqual([1]);
    expect(search("-{from:amy from:david from:me}")).toEqual([4, 5, 6]);
  });

  it("trash and spam stay out unless a term that is not negated asks for them", () => {
    expect(search("from:isla")).toEqual([5]);
    expect(search("from:isla OR in:trash")).toEqual([5, 9]);
    expect(search("-in:trash from:isla")).toEqual([5]);
  });

  it("lower-case or, and and around are plain words, as in Gmail", () => {
    expect(search("dinner and movie")).toEqual([1]);
    expect(parseQuery("movie or night")).toEqual({ and: [{ value: "movie" }, { value: "or" }, { value: "night" }] });
    expect(parseQuery("holiday around 10 vacation")).toEqual({ and: [{ value: "holiday" }, { value: "around" }, { value: "10" }, { value: "vacation" }] });
  });

  it("refuses what this mailbox cannot answer, saying what to use instead", () => {
    s.fails("search_emails", { query: "category:primary" }, "invalid_argument", /no inbox categories.*label:/);
    s.fails("search_emails", { query: "list:info@example.com" }, "invalid_argument", /mailing lists.*from:/);
    s.fails("search_emails", { query: "holiday AROUND 10 from:amy" }, "invalid_argument", /AROUND joins two plain words/);
    s.fails("search_emails", { query: "before:13/40/2026" }, "invalid_argument", /before:13\/40\/2026 is not a date/);
    s.fails("search_emails", { query: `${"(".repeat(9)}a${")".repeat(9)}` }, "invalid_argument", /nests groups more than 8 deep/);
  });
});

describe("the query grammar's tree", () => {
  it("parses Gmail's shapes into AND, OR, NOT, AROUND and terms", () => {
    expect(parseQuery("from:(theo OR isla)")).toEqual({
      or: [
        { op: "from", value: "theo" },
        { op: "from", value: "isla" },
      ],
    });
    expect(parseQuery("a b OR c")).toEqual({ and: [{ value: "a" }, { or: [{ value: "b" }, { value: "c" }] }] });
    expect(parseQuery('subject:"q3 plan" -from:maya')).toEqual({ and: [{ op: "subject", value: "q3 plan" }, { not: { op: "from", value: "maya" } }] });
    expect(parseQuery("holiday AROUND 10 vacation")).toEqual({ around: ["holiday", "vacation"], within: 10 });
    expect(parseQuery("+unicorn")).toEqual({ value: "unicorn", exact: true });
    expect(parseQuery("{a b}")).toEqual({ or: [{ value: "a" }, { value: "b" }] });
    expect(parseQuery("foo:bar")).toEqual({ value: "foo:bar" });
  });

  it("is total: unclosed quotes, groups and braces end with the query; stray closers, dangling OR and a lone minus are skipped", () => {
    expect(parseQuery('"unterminated phrase')).toEqual({ value: "unterminated phrase" });
    expect(parseQuery("{a b")).toEqual({ or: [{ value: "a" }, { value: "b" }] });
    expect(parseQuery("(a b")).toEqual({ and: [{ value: "a" }, { value: "b" }] });
    expect(parseQuery("a ) } OR")).toEqual({ value: "a" });
    expect(parseQuery("- a")).toEqual({ value: "a" });
    expect(parseQuery("")).toEqual({ and: [] });
  });
});
