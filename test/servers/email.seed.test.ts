/** Email's seed, checked against the rules of a real mailbox (and of the user's calendar). */
import { expect } from "vitest";
import calendar from "../../ts/servers/calendar/index.ts";
import type { Event } from "../../ts/servers/calendar/state.ts";
import email from "../../ts/servers/email/index.ts";
import type { Draft, Filter, Label, Message, Thread } from "../../ts/servers/email/state.ts";
import { groupBy, seeded, seedRules } from "../helpers/seed-rules.ts";

const visible = (m: Message) => !m.label_ids.includes("SPAM") && !m.label_ids.includes("TRASH");

seedRules(email, {
  "all mail arrived before the session's clock, and message ids follow the order it arrived in": (s) => {
    const msgs = s.rows<Message>("messages");
    for (const m of msgs) expect(m.date < s.world.now, m.id).toBe(true);
    const byId = [...msgs].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (let i = 1; i < byId.length; i++) expect(byId[i]!.date >= byId[i - 1]!.date, byId[i]!.id).toBe(true);
  },
  "a reply answers an earlier message of its own thread, says Re:, and reaches the one who wrote that message (or, from the same sender, the same people)": (
    s,
  ) => {
    const byId = new Map(s.rows<Message>("messages").map((m) => [m.id, m]));
    for (const m of byId.values()) {
      if (!m.in_reply_to) continue;
      const prev = byId.get(m.in_reply_to)!;
      expect([prev.thread_id, prev.date <= m.date, m.subject.startsWith("Re: ")], m.id).toEqual([m.thread_id, true, true]);
      if (prev.from !== m.from) expect([...m.to, ...m.cc], m.id).toContain(prev.from);
      else expect(m.to, m.id).toEqual(prev.to);
    }
  },
  "a thread starts with the one message that answers nothing": (s) => {
    for (const [threadId, msgs] of groupBy(s.rows<Message>("messages"), (m) => m.thread_id)) {
      expect(
        msgs.filter((m) => !m.in_reply_to),
        threadId,
      ).toHaveLength(1);
      expect(s.row<Thread>("threads", threadId).subject).toBe(msgs.find((m) => !m.in_reply_to)!.subject);
    }
  },
  "mail the user sent is SENT and never UNREAD; mail in the inbox was addressed to the user": (s) => {
    const me = s.world.user.email;
    for (const m of s.rows<Message>("messages")) {
      if (m.from === me) expect(m.label_ids.includes("SENT") && !m.label_ids.includes("UNREAD"), m.id).toBe(true);
      if (m.label_ids.includes("INBOX")) expect([...m.to, ...m.cc].includes(me), m.id).toBe(true);
    }
  },
  "the seeded mail agrees with the seeded filters: every visible message a filter matches carries its label": (s) => {
    const filters = s.rows<Filter>("filters");
    expect(filters).toHaveLength(2);
    for (const f of filters) {
      for (const m of s.rows<Message>("messages").filter(visible)) {
        const hit =
          (f.criteria.from === undefined || m.from.includes(f.criteria.from)) &&
          (f.criteria.subject === undefined || m.subject.toLowerCase().includes(f.criteria.subject));
        if (hit) for (const l of f.add_label_ids) expect(m.label_ids, `${m.subject}`).toContain(l);
      }
    }
  },
  "every label on a message exists; spam is in SPAM alone (and unread), trash is read": (s) => {
    const ids = new Set(s.rows<Label>("labels").map((l) => l.id));
    for (const m of s.rows<Message>("messages")) {
      for (const l of m.label_ids) expect(ids.has(l), `${m.id} ${l}`).toBe(true);
      if (m.label_ids.includes("SPAM")) expect([...m.label_ids].sort()).toEqual(["SPAM", "UNREAD"]);
      if (m.label_ids.includes("TRASH")) expect(m.label_ids).not.toContain("UNREAD");
    }
  },
  "a message with its attachments stays under Gmail's 25 MB limit": (s) => {
    for (const m of s.rows<Message>("messages"))
      expect(Buffer.byteLength(m.body) + m.attachments.reduce((n, a) => n + a.size_bytes, 0), m.id).toBeLessThanOrEqual(25 * 1024 * 1024);
  },
  "a newsletter comes weekly: its issues are seven days apart": (s) => {
    const letters = s.rows<Message>("messages").filter((m) => m.from.startsWith("newsletter@"));
    for (const [from, issues] of groupBy(letters, (m) => m.from)) {
      const days = issues.map((m) => Date.parse(m.date.slice(0, 10))).sort((a, b) => a - b);
      expect(days.length, from).toBe(3);
      for (let i = 1; i < days.length; i++) expect((days[i]! - days[i - 1]!) / 86_400_000, from).toBe(7);
    }
  },
  "a reply draft answers the last message of its thread; drafts were written before now and edited after they were started": (s) => {
    const msgs = s.rows<Message>("messages");
    for (const d of s.rows<Draft>("drafts")) {
      expect(d.created_at <= d.updated_at && d.updated_at <= s.world.now, d.id).toBe(true);
      if (!d.thread_id) continue;
      const last = msgs
        .filter((m) => m.thread_id === d.thread_id)
        .sort((a, b) => (a.date < b.date ? -1 : 1))
        .at(-1)!;
      expect(d.in_reply_to).toBe(last.id);
    }
  },
  "each invitation in the mailbox is for an upcoming calendar event of the same seed that the user has not answered": (s) => {
    const cal = seeded(calendar, s.seed);
    const me = s.world.user.email;
    const invitations = s.rows<Message>("messages").filter((m) => m.subject.startsWith("Invitation: "));
    expect(invitations.length).toBeGreaterThanOrEqual(1);
    for (const m of invitations) {
      const eventId = /Calendar event: (EVT-\d+)/.exec(m.body)![1]!;
      const e = cal.row<Event>("events", eventId);
      expect(e.start > s.world.now, eventId).toBe(true);
      expect(e.attendees.find((a) => a.email === me)?.response_status, eventId).toBe("needsAction");
      expect([m.from, m.subject.includes(e.summary)]).toEqual([e.organizer, true]);
    }
  },
});
