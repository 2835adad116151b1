/** Calendar's seed, checked against the rules an office manager (and the user) would expect. */
import { expect } from "vitest";
import calendar from "../../ts/servers/calendar/index.ts";
import { occurrences, type Calendar, type Event, type Room } from "../../ts/servers/calendar/state.ts";
import { seedRules } from "../helpers/seed-rules.ts";

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(iso);
/** Every occurrence of the seeded events within ±60 days of the session's start. */
function spans(events: readonly Event[], now: string) {
  return events.flatMap((e) => occurrences(e, ms(now) - 60 * DAY, ms(now) + 60 * DAY).map((o) => ({ e, start: ms(o.start), end: ms(o.end) })));
}
const cal = (rows: Calendar[], pred: (c: Calendar) => boolean) => rows.find(pred)!.id;

seedRules(calendar, {
  "a room is never booked by two events at once (back-to-back is fine)": (s) => {
    const booked = spans(
      s.rows<Event>("events").filter((e) => e.room_id),
      s.world.now,
    );
    for (const a of booked)
      for (const b of booked) {
        if (a.e.id >= b.e.id || a.e.room_id !== b.e.room_id) continue;
        expect(a.start < b.end && b.start < a.end, `${a.e.id} and ${b.e.id} both hold ${a.e.room_id}`).toBe(false);
      }
  },
  "a booked room seats everyone invited": (s) => {
    for (const e of s.rows<Event>("events").filter((x) => x.room_id))
      expect(s.row<Room>("rooms", e.room_id!).capacity, e.summary).toBeGreaterThanOrEqual(Math.max(1, e.attendees.length));
  },
  "the user is never double-booked: no two busy events they organise or did not decline overlap": (s) => {
    const me = s.world.user.email;
    const calendars = s.rows<Calendar>("calendars");
    const notMine = new Set([
      cal(calendars, (c) => c.summary.startsWith("Holidays")),
      cal(calendars, (c) => c.access_role === "reader" && !c.summary.startsWith("Holidays")),
    ]);
    const busy = s
      .rows<Event>("events")
      .filter(
        (e) =>
          !notMine.has(e.calendar_id) &&
          e.transparency === "opaque" &&
          (e.organizer === me || e.attendees.some((a) => a.email === me && a.response_status !== "declined")),
      );
    const occ = spans(busy, s.world.now);
    for (const a of occ)
      for (const b of occ)
        if (a.e.id < b.e.id) expect(a.start < b.end && b.start < a.end, `${a.e.summary} / ${b.e.summary} at ${new Date(a.start).toISOString()}`).toBe(false);
  },
  "work meetings that happen once are on weekdays within working hours, 09:00 to 17:00": (s) => {
    const calendars = s.rows<Calendar>("calendars");
    const work = new Set([cal(calendars, (c) => c.primary), cal(calendars, (c) => c.access_role === "writer")]);
    for (const e of s.rows<Event>("events").filter((x) => work.has(x.calendar_id) && !x.recurrence && !x.all_day)) {
      const d = new Date(e.start).getUTCDay();
      expect(d === 0 || d === 6, `${e.summary} on a weekend`).toBe(false);
      expect(
        e.start.slice(11, 16) >= "09:00" && e.end.slice(11, 16) <= "17:00" && e.end.slice(0, 10) === e.start.slice(0, 10),
        `${e.summary} ${e.start}–${e.end}`,
      ).toBe(true);
    }
  },
  "every event ends after it starts; an all-day event runs from midnight to a later midnight": (s) => {
    for (const e of s.rows<Event>("events")) {
      expect(e.end > e.start, e.id).toBe(true);
      if (e.all_day) expect([e.start.slice(11), e.end.slice(11)], e.id).toEqual(["00:00:00Z", "00:00:00Z"]);
    }
  },
  "the organizer of an event with guests is one of them and has accepted": (s) => {
    for (const e of s.rows<Event>("events").filter((x) => x.attendees.length))
      expect(e.attendees.find((a) => a.email === e.organizer)?.response_status, e.id).toBe("accepted");
  },
  "past invitations to the user are mostly answered (at least 70%); the soonest upcoming one still waits for an answer": (s) => {
    const me = s.world.user.email;
    const invited = s.rows<Event>("events").filter((e) => e.organizer !== me && e.attendees.some((a) => a.email === me));
    const answer = (e: Event) => e.attendees.find((a) => a.email === me)!.response_status;
    const past = invited.filter((e) => e.start < s.world.now && !e.recurrence);
    expect(past.filter((e) => answer(e) !== "needsAction").length).toBeGreaterThanOrEqual(0.7 * past.length);
    const soonest = invited.filter((e) => e.start > s.world.now).sort((a, b) => (a.start < b.start ? -1 : 1))[0]!;
    expect(answer(soonest)).toBe("needsAction");
  },
  "the coming two weeks hold work meetings, not only the past ones": (s) => {
    const soon = s
      .rows<Event>("events")
      .filter((e) => !e.recurrence && !e.all_day && e.start > s.world.now && ms(e.start) < ms(s.world.now) + 14 * DAY && e.attendees.length > 0);
    expect(soon.length, `seed ${s.seed}`).toBeGreaterThanOrEqual(8);
  },
  "holidays are all-day, shown as free, on the read-only holiday calendar": (s) => {
    const holidays = s.rows<Calendar>("calendars").find((c) => c.summary === "Holidays in United States")!;
    expect(holidays.access_role).toBe("reader");
    const rows = s.rows<Event>("events").filter((e) => e.calendar_id === holidays.id);
    expect(rows.length).toBe(15);
    for (const e of rows) expect([e.all_day, e.transparency]).toEqual([true, "transparent"]);
  },
  "events on the lead's shared calendar are organised by the lead, who owns it": (s) => {
    const lead = s.rows<Calendar>("calendars").find((c) => c.access_role === "reader" && !c.summary.startsWith("Holidays"))!;
    for (const e of s.rows<Event>("events").filter((x) => x.calendar_id === lead.id)) expect(e.organizer).toBe(lead.owner);
  },
  "an event was created before it starts and before the session, and not edited since": (s) => {
    for (const e of s.rows<Event>("events")) {
      expect(e.created_at <= s.world.now && e.created_at <= e.start, e.id).toBe(true);
      expect(e.updated_at).toBe(e.created_at);
    }
  },
  "the daily standup repeats every weekday at 09:30 for 15 minutes": (s) => {
    const standup = s.rows<Event>("events").find((e) => e.summary === "Daily standup")!;
    expect(standup.recurrence).toMatch(/^FREQ=WEEKLY;(INTERVAL=1;)?BYDAY=MO,TU,WE,TH,FR$/);
    for (const o of occurrences(standup, ms(s.world.now), ms(s.world.now) + 14 * DAY)) {
      expect(o.start.slice(11, 16)).toBe("09:30");
      expect(ms(o.end) - ms(o.start)).toBe(15 * 60_000);
      expect([0, 6]).not.toContain(new Date(o.start).getUTCDay());
    }
  },
});
