import { describe, expect, it } from "vitest";
import calendar from "../../ts/servers/calendar/index.ts";
import { expandInstances, normalizeRule, parseRule } from "../../ts/servers/calendar/recurrence.ts";
import { calendarInvitations, projectName, workTeam } from "../../ts/servers/calendar/seed.ts";
import { occurrences, type Calendar, type Event, type Room } from "../../ts/servers/calendar/state.ts";
import { time, ToolError, worldFor } from "../../ts/servers/framework/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(calendar, 17);

const SEED = 7;
const world = worldFor(SEED);
const me = world.user.email;
const team = workTeam(world);
const session = () => openSession(calendar, SEED);

const events = (s: TestSession) => s.rows<Event>("events");
const event = (s: TestSession, id: string) => events(s).find((e) => e.id === id) as Event;
const cals = (s: TestSession) => s.rows<Calendar>("calendars");
const rooms = (s: TestSession) => s.rows<Room>("rooms");
/** An instant `days` after today at hh:mm (UTC). */
const at = (days: number, hhmm: string) => `${time.addDays(world.today, days)}T${hhmm}:00Z`;
/** The first weekday at least `days` after today. */
const weekday = (days: number) => {
  let d = days;
  while ([0, 6].includes(new Date(time.toMs(time.addDays(world.today, d))).getUTCDay())) d++;
  return d;
};
const ms = time.toMs;

describe("calendar seed", () => {
  const s = session();
  const all = events(s);

  it("holds 60-150 events around today, 4-6 rooms and the user's calendars", () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(all.length).toBeLessThanOrEqual(150);
    expect(rooms(s).length).toBeGreaterThanOrEqual(4);
    expect(rooms(s).length).toBeLessThanOrEqual(6);
    const timed = all.filter((e) => !e.recurrence && e.calendar_id !== cals(s).find((c) => c.owner.includes("#holiday"))!.id);
    for (const e of timed) expect(Math.abs(time.daysBetween(world.today, e.start)), e.summary).toBeLessThanOrEqual(31);
    expect(all.filter((e) => e.start < world.now).length).toBeGreaterThan(15);
    expect(all.filter((e) => e.start > world.now).length).toBeGreaterThan(15);
    expect(cals(s).map((c) => c.access_role)).toEqual(["owner", "writer", "reader", "owner", "reader"]);
    expect(
      cals(s)
        .filter((c) => c.primary)
        .map((c) => c.owner),
    ).toEqual([me]);
  });

  it("is consistent: meetings end after they start, within working hours; attendees are world people with the organizer accepted", () => {
    const people = new Set([me, ...world.people.map((p) => p.email)]);
    for (const e of all) {
      expect(ms(e.end) > ms(e.start), e.id).toBe(true);
      for (const a of e.attendees) expect(people.has(a.email), a.email).toBe(true);
      if (e.attendees.length) expect(e.attendees.find((a) => a.email === e.organizer)?.response_status, e.id).toBe("accepted");
      if (e.recurrence) expect(normalizeRule(e.recurrence, e.start)).toBe(e.recurrence);
    }
    const meetings = all.filter((e) => e.calendar_id === "CAL-1001" && e.attendees.length > 2);
    for (const e of meetings) expect(e.start.slice(11, 16) >= "09:00" && e.end.slice(11, 16) <= "17:00", `${e.summary} ${e.start}`).toBe(true);
  });

  it("never double-books a room, and every booked room seats its attendees", () => {
    const booked = all.filter((e) => e.room_id);
    expect(booked.length).toBeGreaterThan(5);
    for (const e of booked) {
      const room = rooms(s).find((r) => r.id === e.room_id)!;
      expect(room.capacity).toBeGreaterThanOrEqual(Math.max(1, e.attendees.length));
      for (const o of occurrences(e, ms(e.start), ms(e.start) + 120 * time.DAY)) {
        for (const other of booked.filter((x) => x.id !== e.id && x.room_id === e.room_id)) {
          expect(occurrences(other, ms(o.start), ms(o.end)), `${e.id} and ${other.id} share ${room.name} at ${o.start}`).toEqual([]);
        }
      }
    }
  });

  it("has recurring series, answered and unanswered invitations, and holidays that show as free", () => {
    expect(all.filter((e) => e.recurrence).map((e) => e.summary)).toEqual(
      expect.arrayContaining(["Daily standup", "Sprint planning", "Monthly all-hands", "Gym"]),
    );
    const mine = all.filter((e) => e.organizer !== me && e.attendees.some((a) => a.email === me));
    expect(new Set(mine.map((e) => e.attendees.find((a) => a.email === me)!.response_status)).size).toBeGreaterThanOrEqual(3);
    const holidays = all.filter((e) => e.calendar_id === "CAL-1003");
    expect(holidays.length).toBeGreaterThan(10);
    for (const h of holidays) expect(h).toMatchObject({ all_day: true, transparency: "transparent" });
  });

  it("shares the team and the project with the email domain, and replays exactly for the invitations", () => {
    expect(team[0].company).toBe(world.user.company);
    expect(all.find((e) => e.summary === "Daily standup")!.organizer).toBe(team[0].email);
    expect(all.some((e) => e.summary.includes(projectName(world)))).toBe(true);
    for (const inv of calendarInvitations(world)) {
      const e = event(s, inv.event_id);
      expect({ summary: e.summary, start: e.start, organizer: e.organizer }).toEqual({ summary: inv.summary, start: inv.start, organizer: inv.organizer });
      expect(e.attendees.find((a) => a.email === me)!.response_status).toBe("needsAction");
    }
  });
});

describe("recurrence rules (RRULE subset)", () => {
  const bad = (rule: string, start: string, message: RegExp) => {
    try {
      parseRule(rule, start);
      throw new Error(`${rule} should be refused`);
    } catch (e) {
      expect(e).toBeInstanceOf(ToolError);
      expect((e as ToolError).code).toBe("invalid_argument");
      expect((e as ToolError).message).toMatch(message);
    }
  };
  const monday = "2026-03-16T10:00:00Z";

  it("normalises: FREQ, INTERVAL, BYDAY (default the start's weekday), COUNT or UNTIL; 'RRULE:' prefix and case accepted", () => {
    expect(normalizeRule("rrule:freq=weekly", monday)).toBe("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO");
    expect(normalizeRule("FREQ=WEEKLY;BYDAY=WE,MO;INTERVAL=2;COUNT=6", monday)).toBe("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=6");
    expect(normalizeRule("FREQ=MONTHLY;UNTIL=20261231", monday)).toBe("FREQ=MONTHLY;INTERVAL=1;UNTIL=20261231T235959Z");
    expect(normalizeRule("FREQ=DAILY;WKST=SU;", monday)).toBe("FREQ=DAILY;INTERVAL=1");
  });

  it("refuses what it does not support or what contradicts the start, saying what is valid", () => {
    bad("FREQ=YEARLY", monday, /FREQ=YEARLY is not supported; use DAILY, WEEKLY or MONTHLY/);
    bad("INTERVAL=2", monday, /FREQ is missing; start the rule with FREQ=DAILY/);
    bad("FREQ=WEEKLY;BYDAY=TU,TH", monday, /starts on a MO \(2026-03-16\) but BYDAY=TU,TH does not include MO; add MO to BYDAY or move the start/);
    bad("FREQ=WEEKLY;BYDAY=MO;COUNT=3;UNTIL=20260401", monday, /COUNT and UNTIL cannot both be given/);
    bad("FREQ=WEEKLY;BYMONTH=3", monday, /BYMONTH is not supported; supported parts are FREQ, INTERVAL, BYDAY, COUNT and UNTIL/);
    bad("FREQ=DAILY;UNTIL=20260301", monday, /UNTIL=20260301 is before the event's start/);
    bad("FREQ=DAILY;UNTIL=tomorrow", monday, /write UNTIL=YYYYMMDD or UNTIL=YYYYMMDDTHHMMSSZ/);
    bad("FREQ=DAILY;INTERVAL=0", monday, /INTERVAL=0 must be a whole number from 1 to 365/);
    bad("FREQ=DAILY;COUNT=5000", monday, /COUNT=5000 must be a whole number from 1 to 1000/);
    bad("FREQ=MONTHLY;BYDAY=MO", monday, /BYDAY cannot be combined with FREQ=MONTHLY/);
    bad("FREQ=WEEKLY;BYDAY=1MO", monday, /ordinal weekday, which is not supported/);
    bad("FREQ=WEEKLY;BYDAY=XX", monday, /"XX" is not a weekday; use two-letter codes MO, TU/);
    bad("FREQ=DAILY;FREQ=WEEKLY", monday, /FREQ appears twice/);
    bad("weekly", monday, /"weekly" is not KEY=VALUE/);
    bad("  ", monday, /the rule is empty/);
  });

  it("expands deterministically: weekly BYDAY with COUNT, every other week, daily on weekdays, monthly skipping short months, UNTIL inclusive", () => {
    const e = (recurrence: string, start = monday, end = "2026-03-16T10:30:00Z", cancelled: string[] = []) => ({
      start,
      end,
      recurrence,
      cancelled_instances: cancelled,
    });
    const all = (x: ReturnType<typeof e>, from = "2026-01-01", to = "2027-12-31") => expandInstances(x, ms(from), ms(to)).map((o) => o.start.slice(0, 10));
    expect(all(e("FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=5"))).toEqual(["2026-03-16", "2026-03-18", "2026-03-20", "2026-03-23", "2026-03-25"]);
    expect(all(e("FREQ=WEEKLY;INTERVAL=2;COUNT=3"))).toEqual(["2026-03-16", "2026-03-30", "2026-04-13"]);
    expect(all(e("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=6"))).toEqual(["2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23"]);
    expect(all(e("FREQ=DAILY;INTERVAL=3;UNTIL=20260325"))).toEqual(["2026-03-16", "2026-03-19", "2026-03-22", "2026-03-25"]);
    expect(all(e("FREQ=MONTHLY;COUNT=4", "2026-01-31T09:00:00Z", "2026-01-31T10:00:00Z"))).toEqual(["2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31"]);
    // a window in the middle of a series keeps COUNT: the 5th occurrence is the last
    expect(all(e("FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=5"), "2026-03-24", "2026-12-31")).toEqual(["2026-03-25"]);
    // an occurrence overlapping the window's start is included; cancelled ones are not
    expect(
      expandInstances(e("FREQ=DAILY", monday, "2026-03-16T10:30:00Z", ["2026-03-17T10:00:00Z"]), ms("2026-03-16T10:15:00Z"), ms("2026-03-19T00:00:00Z")).map(
        (o) => o.start,
      ),
    ).toEqual(["2026-03-16T10:00:00Z", "2026-03-18T10:00:00Z"]);
    // a never-ending daily series far in the future is reached without walking from its start
    expect(expandInstances(e("FREQ=DAILY"), ms("2099-06-01"), ms("2099-06-03")).map((o) => o.start)).toEqual(["2099-06-01T10:00:00Z", "2099-06-02T10:00:00Z"]);
  });
});

describe("reading the calendar", () => {
  it("list_calendars: access roles, whether the user can edit, and event counts", () => {
    const s = session();
    const r = s.ok("list_calendars", {});
    expect(r.items.map((c: { id: string; can_edit: boolean }) => [c.id, c.can_edit])).toEqual([
      ["CAL-1001", true],
      ["CAL-1002", true],
      ["CAL-1003", false],
      ["CAL-1004", true],
      ["CAL-1005", false],
    ]);
    for (const c of r.items) expect(c.events).toBe(events(s).filter((e) => e.calendar_id === c.id).length);
  });

  it("list_events: by default today and the next 6 days, occurrences expanded, in start order", () => {
    const s = session();
    const from = ms(world.today);
    const to = from + 7 * time.DAY;
    const expected = events(s)
      .flatMap((e) => occurrences(e, from, to))
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.event.id < b.event.id ? -1 : 1));
    const r = s.ok("list_events", { limit: 100 });
    expect(r.time_min).toBe(`${world.today}T00:00:00Z`);
    expect(r.total).toBe(expected.length);
    expect(r.items.map((x: { id: string; start: string }) => `${x.id}@${x.start}`)).toEqual(expected.map((o) => `${o.event.id}@${o.start}`));
    const standups = r.items.filter((x: { summary: string }) => x.summary === "Daily standup");
    expect(standups.length).toBe(5);
    expect(standups[0].instance_id).toBe(`${standups[0].id}_${standups[0].start.replace(/[-:]/g, "")}`);
  });

  it("list_events: one calendar ('primary' alias), a text query, series once, and window limits", () => {
    const s = session();
    const prim = s.ok("list_events", { calendar_id: "primary", time_min: world.today, time_max: time.addDays(world.today, 30), limit: 100 });
    expect(prim.items.every((x: Event) => x.calendar_id === "CAL-1001")).toBe(true);
    const series = s.ok("list_events", { query: "standup", time_min: world.today, time_max: time.addDays(world.today, 30), single_events: false });
    expect(series.total).toBe(1);
    const holidays = s.ok("list_events", { calendar_id: "CAL-1003", time_min: "2026-01-01", time_max: "2026-12-31", limit: 100 });
    expect(holidays.total).toBe(14);
    s.fails("list_events", { time_min: "2026-01-01", time_max: "2027-06-01" }, "invalid_argument", /spans 517 days; at most 366 days/);
    s.fails("list_events", { time_min: "2026-03-10", time_max: "2026-03-01" }, "invalid_argument", /time_min \(2026-03-10\) is after time_max \(2026-03-01\)/);
    s.fails("list_events", { calendar_id: "CAL-9999" }, "not_found", /list_calendars/);
    expect(s.call("list_events", { time_min: "next tuesday" }).outcome).toBe("invalid_arguments");
  });

  it("search_events: by title, attendee name or room, each series once with its next occurrence", () => {
    const s = session();
    const sprint = s.ok("search_events", { query: "sprint planning" });
    expect(sprint.total).toBe(1);
    expect(sprint.items[0].next_occurrence.start > world.now).toBe(true);
    const lead = team[0];
    const withLead = s.ok("search_events", { query: lead.full_name, limit: 100 });
    expect(withLead.total).toBe(
      events(s).filter((e) => e.organizer === lead.email || e.attendees.some((a) => a.email === lead.email) || e.summary.includes(lead.full_name)).length,
    );
    const room = rooms(s)[0]!;
    expect(s.ok("search_events", { query: room.name, limit: 100 }).total).toBe(
      events(s).filter((e) => e.room_id === room.id || e.location.includes(room.name) || e.summary.includes(room.name) || e.description.includes(room.name))
        .length,
    );
    expect(s.ok("search_events", { query: "zzzz-nothing" }).total).toBe(0);
    const week = s.ok("search_events", { query: "standup", time_min: world.today, time_max: time.addDays(world.today, 6) });
    expect(week.total).toBe(1);
    expect(s.ok("search_events", { query: "Dentist", time_min: "2020-01-01", time_max: "2020-12-31" }).total).toBe(0);
    s.fails(
      "search_events",
      { query: "standup", time_min: "2026-05-01", time_max: "2026-04-01" },
      "invalid_argument",
      /time_min \(2026-05-01\) is after time_max \(2026-04-01\)/,
    );
    expect(s.call("search_events", { query: "a" }).outcome).toBe("invalid_arguments");
  });

  it("get_event: attendees with responses counted, and the next occurrences of a series", () => {
    const s = session();
    const standup = events(s).find((e) => e.summary === "Daily standup")!;
    const r = s.ok("get_event", { event_id: standup.id });
    expect(r.responses).toEqual({
      accepted: standup.attendees.filter((a) => a.response_status === "accepted").length,
      declined: standup.attendees.filter((a) => a.response_status === "declined").length,
      tentative: standup.attendees.filter((a) => a.response_status === "tentative").length,
      needsAction: standup.attendees.filter((a) => a.response_status === "needsAction").length,
    });
    expect(r.next_instances.length).toBe(5);
    expect(r.next_instances[0].start >= world.now).toBe(true);
    expect(r.calendar).toBe(cals(s).find((c) => c.id === standup.calendar_id)!.summary);
    s.fails("get_event", { event_id: "EVT-9999" }, "not_found", /list_events or search_events/);
  });

  it("list_event_instances: occurrences in a window; a one-off event yields itself", () => {
    const s = session();
    const gym = events(s).find((e) => e.summary === "Gym")!;
    const r = s.ok("list_event_instances", { event_id: gym.id, time_min: world.today, time_max: time.addDays(world.today, 13) });
    expect(r.total).toBe(4); // Tuesdays and Thursdays of two weeks
    expect(r.items.every((x: { start: string }) => ["tuesday", "thursday"].includes(time.weekday(x.start)) && x.start.endsWith("T07:00:00Z"))).toBe(true);
    const once = events(s).find((e) => !e.recurrence && e.start > world.now)!;
    expect(s.ok("list_event_instances", { event_id: once.id, time_min: world.today, time_max: time.addDays(world.today, 60) }).items).toEqual([
      { instance_id: once.id, event_id: once.id, summary: once.summary, start: once.start, end: once.end },
    ]);
    s.fails("list_event_instances", { event_id: gym.id, time_min: "2026-01-01", time_max: "2027-12-31" }, "invalid_argument", /at most 366 days/);
  });
});

describe("creating and changing events", () => {
  it("create_event: the user organizes, guests need to answer, default reminder, on the primary calendar", () => {
    const s = session();
    const guest = team[1];
    const r = s.ok("create_event", {
      summary: "Roadmap review",
      start: at(3, "15:00"),
      end: at(3, "16:00"),
      attendees: [`${guest.full_name} <${guest.email}>`, "vendor@example.com"],
      description: "Agenda: Q1",
    });
    expect(r).toMatchObject({
      calendar_id: "CAL-1001",
      summary: "Roadmap review",
      start: at(3, "15:00"),
      end: at(3, "16:00"),
      all_day: false,
      organizer: me,
      attendees: [
        { email: me, name: world.user.full_name, response_status: "accepted", optional: false },
        { email: guest.email, name: guest.full_name, response_status: "needsAction", optional: false },
        { email: "vendor@example.com", response_status: "needsAction", optional: false },
      ],
      reminders: [{ method: "popup", minutes: 10 }],
      transparency: "opaque",
      created_at: world.now,
    });
    expect(r.id).toMatch(/^EVT-\d{4}$/);
    expect(event(s, r.id).summary).toBe("Roadmap review");
    const offset = s.ok("create_event", {
      calendar_id: "CAL-1004",
      summary: "Call mom",
      start: `${time.addDays(world.today, 2)}T20:00:00+02:00`,
      end: `${time.addDays(world.today, 2)}T20:30:00+02:00`,
    });
    expect(offset).toMatchObject({ calendar_id: "CAL-1004", start: at(2, "18:00"), end: at(2, "18:30"), attendees: [] });
  });

  it("create_event: all-day events from dates (end = last day), today allowed", () => {
    const s = session();
    const r = s.ok("create_event", { summary: "Offsite", start: time.addDays(world.today, 10), end: time.addDays(world.today, 11), show_as: "free" });
    expect(r).toMatchObject({
      all_day: true,
      start: `${time.addDays(world.today, 10)}T00:00:00Z`,
      end: `${time.addDays(world.today, 12)}T00:00:00Z`,
      reminders: [],
      transparency: "transparent",
    });
    expect(s.ok("create_event", { summary: "Today", start: world.today, end: world.today }).start).toBe(`${world.today}T00:00:00Z`);
    s.fails(
      "create_event",
      { summary: "x", start: world.today, end: at(0, "12:00") },
      "invalid_argument",
      /must both be date-times, or both dates for an all-day event/,
    );
    s.fails(
      "create_event",
      { summary: "x", start: time.addDays(world.today, 5), end: time.addDays(world.today, 3) },
      "invalid_argument",
      /start \(.*\) is after end \(.*\): the range runs backwards/,
    );
    s.fails(
      "create_event",
      { summary: "x", start: time.addDays(world.today, 5), end: time.addDays(world.today, 25) },
      "invalid_argument",
      /lasts at most 14 days/,
    );
  });

  it("rule: an event ends after it starts", () => {
    const s = session();
    s.fails(
      "create_event",
      { summary: "x", start: at(3, "15:00"), end: at(3, "15:00") },
      "invalid_argument",
      /must end after it starts: end .* is not after start/,
    );
    s.fails(
      "create_event",
      { summary: "x", start: at(3, "15:00"), end: at(3, "14:00") },
      "invalid_argument",
      /start \(.*T15:00:00Z\) is after end \(.*T14:00:00Z\)/,
    );
  });

  it("rule: events cannot be created in the past (the message gives the current time)", () => {
    const s = session();
    s.fails(
      "create_event",
      { summary: "x", start: at(0, "08:00"), end: at(0, "08:30") },
      "failed_precondition",
      new RegExp(`in the past; it is now ${world.now}. Pick a later time`),
    );
    s.fails(
      "create_event",
      { summary: "x", start: time.addDays(world.today, -1), end: time.addDays(world.today, -1) },
      "failed_precondition",
      new RegExp(`in the past; today is ${world.today}`),
    );
    expect(s.ok("create_event", { summary: "now", start: world.now, end: at(0, "09:30") }).start).toBe(world.now);
  });

  it("rule: read-only calendars cannot be written", () => {
    const s = session();
    s.fails(
      "create_event",
      { calendar_id: "CAL-1003", summary: "My holiday", start: time.addDays(world.today, 3), end: time.addDays(world.today, 3) },
      "permission_denied",
      /calendar CAL-1003 \("Holidays in United States"\) is read-only for you.*calendars you can edit: CAL-1001/,
    );
    s.fails("create_event", { calendar_id: "CAL-1005", summary: "x", start: at(3, "10:00"), end: at(3, "11:00") }, "permission_denied", /read-only/);
    const holiday = events(s).find((e) => e.calendar_id === "CAL-1003")!;
    s.fails("delete_event", { event_id: holiday.id }, "permission_denied", /read-only for you, so you cannot delete this event there/);
    s.fails("update_event", { event_id: holiday.id, summary: "x" }, "permission_denied", /read-only/);
    s.fails("set_event_reminders", { event_id: holiday.id, reminders: [] }, "permission_denied", /read-only/);
  });

  it("create_event: attendee addresses must be valid; recurrence is validated against the start", () => {
    const s = session();
    s.fails(
      "create_event",
      { summary: "x", start: at(3, "10:00"), end: at(3, "11:00"), attendees: ["maya"] },
      "invalid_argument",
      /"maya" in attendees is not a valid email address/,
    );
    const monday = weekday(7);
    const day = time.weekday(time.addDays(world.today, monday)).slice(0, 2).toUpperCase();
    const other = day === "TU" ? "WE" : "TU";
    s.fails(
      "create_event",
      { summary: "x", start: at(monday, "10:00"), end: at(monday, "11:00"), recurrence: `FREQ=WEEKLY;BYDAY=${other}` },
      "invalid_argument",
      new RegExp(`starts on a ${day}.*does not include ${day}`),
    );
    s.fails(
      "create_event",
      { summary: "x", start: at(3, "10:00"), end: at(3, "11:00"), recurrence: "FREQ=HOURLY" },
      "invalid_argument",
      /FREQ=HOURLY is not supported/,
    );
    const r = s.ok("create_event", { summary: "Book club", start: at(monday, "19:00"), end: at(monday, "20:00"), recurrence: "FREQ=MONTHLY;COUNT=3" });
    expect(r.recurrence).toBe("FREQ=MONTHLY;INTERVAL=1;COUNT=3");
    expect(s.ok("list_event_instances", { event_id: r.id, time_min: world.today, time_max: time.addDays(world.today, 120) }).total).toBe(3);
  });

  it("update_event: organizer only; a new start keeps the duration; '' stops repeating; something must change", () => {
    const s = session();
    const mine = events(s).find((e) => e.organizer === me && !e.recurrence && e.start > world.now && !e.room_id && e.attendees.length > 1)!;
    const dur = time.minutesBetween(mine.start, mine.end);
    const r = s.ok("update_event", { event_id: mine.id, summary: "Renamed", start: at(weekday(20), "07:00") });
    expect(r).toMatchObject({
      summary: "Renamed",
      start: at(weekday(20), "07:00"),
      end: time.addMinutes(at(weekday(20), "07:00"), dur),
      updated_at: world.now,
      attendees: mine.attendees,
    });
    s.fails("update_event", { event_id: mine.id }, "invalid_argument", /nothing to change/);
    s.fails("update_event", { event_id: mine.id, start: at(0, "07:00") }, "failed_precondition", /in the past; it is now/);
    s.fails("update_event", { event_id: mine.id, end: at(weekday(20), "06:00") }, "invalid_argument", /must end after it starts/);
    const gym = events(s).find((e) => e.summary === "Gym")!;
    const once = s.ok("update_event", { event_id: gym.id, recurrence: "" });
    expect(once.recurrence).toBeUndefined();
    expect(event(s, gym.id).recurrence).toBeUndefined();
    s.fails("update_event", { event_id: gym.id, recurrence: "FREQ=WEEKLY;BYDAY=SU" }, "invalid_argument", /does not include/);
    const oneOnOne = events(s).find((e) => e.summary.startsWith("1:1 ") && e.recurrence)!;
    s.fails("update_event", { event_id: oneOnOne.id, summary: "x" }, "permission_denied", /only the organizer/);
    const weekly = s.ok("create_event", {
      summary: "Weekly sync",
      start: at(weekday(7), "17:00"),
      end: at(weekday(7), "17:30"),
      recurrence: "FREQ=WEEKLY;COUNT=4",
    });
    const dayAfter = time.addDays(weekly.start, 1);
    const moved = s.ok("update_event", { event_id: weekly.id, start: dayAfter });
    expect(moved.recurrence).toBe(`FREQ=WEEKLY;INTERVAL=1;BYDAY=${time.weekday(dayAfter).slice(0, 2).toUpperCase()};COUNT=4`);
    const theirs = events(s).find((e) => e.organizer !== me && e.attendees.some((a) => a.email === me) && e.calendar_id !== "CAL-1005")!;
    s.fails(
      "update_event",
      { event_id: theirs.id, summary: "x" },
      "permission_denied",
      new RegExp(`only the organizer can change this event: ${theirs.id} .* is organised by .*${theirs.organizer}.*respond_to_event`),
    );
  });

  it("delete_event: the whole event, or one occurrence of a series; organizer only", () => {
    const s = session();
    const mine = events(s).find((e) => e.organizer === me && !e.recurrence && e.calendar_id === "CAL-1001")!;
    expect(s.ok("delete_event", { event_id: mine.id })).toEqual({ deleted: mine.id, summary: mine.summary });
    s.fails("get_event", { event_id: mine.id }, "not_found");
    const sprint = events(s).find((e) => e.summary === "Sprint planning")!;
    const next = s.ok("list_event_instances", { event_id: sprint.id }).items[0];
    const r = s.ok("delete_event", { event_id: sprint.id, instance_start: next.start });
    expect(r).toMatchObject({ event_id: sprint.id, cancelled_instance: next.start, cancelled_instances: [next.start] });
    expect(s.ok("list_event_instances", { event_id: sprint.id }).items[0].start).toBe(time.addDays(next.start, 14));
    s.fails("delete_event", { event_id: sprint.id, instance_start: next.start }, "not_found", /has no occurrence starting at/);
    s.fails(
      "delete_event",
      { event_id: sprint.id, instance_start: time.addMinutes(time.addDays(next.start, 14), 30) },
      "not_found",
      new RegExp(`occurrences around then start at .*${time.addDays(next.start, 14)}`),
    );
    const once = events(s).find((e) => e.organizer === me && !e.recurrence && e.calendar_id === "CAL-1001")!;
    s.fails("delete_event", { event_id: once.id, instance_start: once.start }, "invalid_argument", /does not repeat.*leave out instance_start/);
    const standup = events(s).find((e) => e.summary === "Daily standup")!;
    s.fails("delete_event", { event_id: standup.id }, "permission_denied", /only the organizer can delete this event.*respond_to_event/);
  });

  it("move_event: to another calendar the user can edit; not the same one, not a read-only one", () => {
    const s = session();
    const mine = events(s).find((e) => e.organizer === me && e.calendar_id === "CAL-1001")!;
    expect(s.ok("move_event", { event_id: mine.id, destination_calendar_id: "CAL-1002" })).toMatchObject({
      id: mine.id,
      calendar_id: "CAL-1002",
      calendar: cals(s)[1]!.summary,
    });
    s.fails("move_event", { event_id: mine.id, destination_calendar_id: "CAL-1002" }, "invalid_argument", /already on CAL-1002/);
    s.fails(
      "move_event",
      { event_id: mine.id, destination_calendar_id: "CAL-1003" },
      "permission_denied",
      /read-only for you, so you cannot move events to it/,
    );
    expect(s.ok("move_event", { event_id: mine.id, destination_calendar_id: "primary" }).calendar_id).toBe("CAL-1001");
    const standup = events(s).find((e) => e.summary === "Daily standup")!;
    s.fails("move_event", { event_id: standup.id, destination_calendar_id: "primary" }, "permission_denied", /only the organizer/);
  });
});

describe("attendees and answers", () => {
  it("respond_to_event: the user answers for themselves; only when invited", () => {
    const s = session();
    const invite = events(s).find(
      (e) => e.organizer !== me && e.start > world.now && e.attendees.some((a) => a.email === me && a.response_status === "needsAction"),
    )!;
    const r = s.ok("respond_to_event", { event_id: invite.id, response: "tentative", comment: "May run late" });
    expect(r).toMatchObject({ event_id: invite.id, response_status: "tentative" });
    const after = event(s, invite.id).attendees;
    expect(after.find((a) => a.email === me)).toMatchObject({ response_status: "tentative", comment: "May run late" });
    expect(after.filter((a) => a.email !== me)).toEqual(invite.attendees.filter((a) => a.email !== me));
    const notInvited = events(s).find((e) => e.calendar_id === "CAL-1005" && !e.attendees.some((a) => a.email === me))!;
    s.fails(
      "respond_to_event",
      { event_id: notInvited.id, response: "accepted" },
      "permission_denied",
      /you are not invited to .*only invited attendees can answer/,
    );
    const solo = events(s).find((e) => e.organizer === me && e.attendees.length === 0)!;
    s.fails("respond_to_event", { event_id: solo.id, response: "declined" }, "failed_precondition", /your own event with no guests/);
    expect(s.call("respond_to_event", { event_id: invite.id, response: "maybe" }).outcome).toBe("invalid_arguments");
  });

  it("add_event_attendees: new people need to answer; nobody twice; organizer only", () => {
    const s = session();
    const mine = events(s).find((e) => e.organizer === me && !e.room_id && e.attendees.length >= 2 && e.start > world.now)!;
    const r = s.ok("add_event_attendees", { event_id: mine.id, emails: ["new.person@example.com"], optional: true });
    expect(r.attendees.at(-1)).toEqual({ email: "new.person@example.com", response_status: "needsAction", optional: true });
    expect(r.attendees.length).toBe(mine.attendees.length + 1);
    const existing = mine.attendees[1]!;
    s.fails(
      "add_event_attendees",
      { event_id: mine.id, emails: [existing.email] },
      "already_exists",
      new RegExp(`already invited to ${mine.id}: ${existing.email} \\(${existing.response_status}\\)`),
    );
    const solo = events(s).find((e) => e.organizer === me && e.attendees.length === 0 && !e.all_day)!;
    expect(s.ok("add_event_attendees", { event_id: solo.id, emails: [team[2].email] }).attendees.map((a: { email: string }) => a.email)).toEqual([
      me,
      team[2].email,
    ]);
    const standup = events(s).find((e) => e.summary === "Daily standup")!;
    s.fails("add_event_attendees", { event_id: standup.id, emails: ["x@example.com"] }, "permission_denied", /only the organizer can invite people/);
  });

  it("rule: room capacity — inviting more people than the booked room seats is refused", () => {
    const s = session();
    const roomOf = (e: Event) => rooms(s).find((r) => r.id === e.room_id)!;
    const booked = events(s).find((e) => e.organizer === me && e.room_id && !e.recurrence && roomOf(e).capacity > e.attendees.length)!;
    const room = roomOf(booked);
    const extra = Array.from({ length: room.capacity - booked.attendees.length + 1 }, (_, i) => `guest${i}@example.com`);
    s.fails(
      "add_event_attendees",
      { event_id: booked.id, emails: extra },
      "failed_precondition",
      new RegExp(
        `room ${room.id} \\(${room.name}\\) seats ${room.capacity}; with these invitations ${booked.id} would have ${room.capacity + 1} attendees — book a bigger room`,
      ),
    );
    expect(s.ok("add_event_attendees", { event_id: booked.id, emails: extra.slice(1) }).attendees.length).toBe(room.capacity);
  });

  it("remove_event_attendee: takes one person off; never the organizer; must be invited", () => {
    const s = session();
    const mine = events(s).find((e) => e.organizer === me && e.attendees.length >= 3)!;
    const gone = mine.attendees.find((a) => a.email !== me)!;
    const r = s.ok("remove_event_attendee", { event_id: mine.id, email: gone.email });
    expect(r.attendees.map((a: { email: string }) => a.email)).toEqual(mine.attendees.filter((a) => a.email !== gone.email).map((a) => a.email));
    s.fails(
      "remove_event_attendee",
      { event_id: mine.id, email: gone.email },
      "not_found",
      new RegExp(`${gone.email} is not invited to ${mine.id}; its attendees are`),
    );
    s.fails("remove_event_attendee", { event_id: mine.id, email: me }, "failed_precondition", /organises .* and cannot be removed from it/);
    const pair = events(s).find((e) => e.organizer === me && e.attendees.length === 2)!;
    expect(s.ok("remove_event_attendee", { event_id: pair.id, email: pair.attendees[1]!.email }).attendees).toEqual([]);
  });

  it("set_event_reminders: replaces them, sorted; no duplicates; at most five", () => {
    const s = session();
    const e = events(s).find((x) => x.organizer !== me && x.attendees.some((a) => a.email === me) && x.calendar_id === "CAL-1001")!;
    const r = s.ok("set_event_reminders", {
      event_id: e.id,
      reminders: [
        { method: "email", minutes: 1440 },
        { method: "popup", minutes: 15 },
      ],
    });
    expect(r.reminders).toEqual([
      { method: "popup", minutes: 15 },
      { method: "email", minutes: 1440 },
    ]);
    expect(s.ok("set_event_reminders", { event_id: e.id, reminders: [] }).reminders).toEqual([]);
    s.fails(
      "set_event_reminders",
      {
        event_id: e.id,
        reminders: [
          { method: "popup", minutes: 10 },
          { method: "popup", minutes: 10 },
        ],
      },
      "invalid_argument",
      /popup 10 minutes is given twice/,
    );
    expect(s.call("set_event_reminders", { event_id: e.id, reminders: Array.from({ length: 6 }, (_, i) => ({ method: "popup", minutes: i })) }).outcome).toBe(
      "invalid_arguments",
    );
    expect(s.call("set_event_reminders", { event_id: e.id, reminders: [{ method: "popup", minutes: 50_000 }] }).outcome).toBe("invalid_arguments");
  });
});

describe("rooms and scheduling", () => {
  it("list_meeting_rooms: by capacity, feature and availability", () => {
    const s = session();
    const all = s.ok("list_meeting_rooms", {});
    expect(all.items.map((r: Room) => r.capacity)).toEqual([...rooms(s)].map((r) => r.capacity).sort((a, b) => a - b));
    expect(s.ok("list_meeting_rooms", { min_capacity: 8 }).items.every((r: Room) => r.capacity >= 8)).toBe(true);
    expect(s.ok("list_meeting_rooms", { feature: "whiteboard" }).total).toBe(rooms(s).filter((r) => r.features.includes("whiteboard")).length);
    const sprint = events(s).find((e) => e.summary === "Sprint planning")!;
    const next = s.ok("list_event_instances", { event_id: sprint.id }).items[0];
    const free = s.ok("list_meeting_rooms", { available_from: next.start, available_until: next.end }).items.map((r: Room) => r.id);
    expect(free).not.toContain(sprint.room_id);
    expect(free.length).toBeGreaterThan(0);
    s.fails("list_meeting_rooms", { available_from: next.start }, "invalid_argument", /give both available_from and available_until/);
  });

  it("book_meeting_room: books a free room that seats everyone; the location follows the room", () => {
    const s = session();
    const mine = events(s).find((e) => e.organizer === me && !e.room_id && !e.all_day && e.attendees.length >= 2 && e.start > world.now)!;
    const room = rooms(s).find(
      (r) =>
        r.capacity >= mine.attendees.length &&
        !s.ok("list_meeting_rooms", { available_from: mine.start, available_until: mine.end }).items.every((x: Room) => x.id !== r.id),
    )!;
    const r = s.ok("book_meeting_room", { event_id: mine.id, room_id: room.id });
    expect(r).toMatchObject({ room_id: room.id, room: `${room.name} (${room.capacity} seats)` });
    expect(r.location).toBe(mine.location || `${room.name}, ${room.building}, floor ${room.floor}`);
    s.fails("book_meeting_room", { event_id: mine.id, room_id: room.id }, "already_exists", /already booked for/);
    const allDay = s.ok("create_event", { summary: "Day off", start: time.addDays(world.today, 4), end: time.addDays(world.today, 4) });
    s.fails("book_meeting_room", { event_id: allDay.id, room_id: room.id }, "failed_precondition", /rooms are booked for timed events/);
    const standup = events(s).find((e) => e.summary === "Daily standup")!;
    s.fails("book_meeting_room", { event_id: standup.id, room_id: room.id }, "permission_denied", /only the organizer can book a room/);
  });

  it("rule: no double booking — the refusal names the conflicting event and suggests a free room or time", () => {
    const s = session();
    const sprint = events(s).find((e) => e.summary === "Sprint planning")!;
    const room = rooms(s).find((r) => r.id === sprint.room_id)!;
    const next = s.ok("list_event_instances", { event_id: sprint.id }).items[0];
    const start = time.addMinutes(next.start, 30);
    const err = s.fails(
      "create_event",
      { summary: "Clash", start, end: time.addMinutes(start, 60), room_id: room.id },
      "conflict",
      new RegExp(
        `room ${room.id} \\(${room.name}\\) is already booked ${next.start.slice(0, 10)} ${next.start.slice(11, 16)}–${next.end.slice(11, 16)} by ${sprint.id} 'Sprint planning'`,
      ),
    );
    expect(err.message).toMatch(/Free rooms with at least 1 seats then: ROOM-\d{3} /);
    expect(err.message).toMatch(new RegExp(`or ${room.name} is free for 60 minutes from ${next.end.slice(0, 10)}T`));
    // the suggested free room works
    const suggested = /then: (ROOM-\d{3})/.exec(err.message)![1];
    expect(s.ok("create_event", { summary: "No clash", start, end: time.addMinutes(start, 60), room_id: suggested }).room_id).toBe(suggested);
    // a recurring event clashing with one future occurrence is refused too
    const weekly = s.ok("create_event", {
      summary: "Weekly",
      start: at(weekday(1), "18:00"),
      end: at(weekday(1), "19:00"),
      recurrence: "FREQ=WEEKLY;COUNT=10",
    });
    const clashDay = time.addDays(weekly.start, 21);
    s.ok("create_event", { summary: "Evening talk", start: clashDay, end: time.addMinutes(clashDay, 30), room_id: room.id });
    s.fails(
      "book_meeting_room",
      { event_id: weekly.id, room_id: room.id },
      "conflict",
      new RegExp(`'Evening talk'.*overlaps this event's ${clashDay.slice(0, 10)} 18:00–19:00`),
    );
    // moving an event with a room onto a booked time is refused as well
    const eve = events(s).find((e) => e.summary === "Evening talk")!;
    s.fails(
      "update_event",
      { event_id: eve.id, start: time.addMinutes(next.start, 14 * 24 * 60) },
      "conflict",
      new RegExp(`by ${sprint.id} 'Sprint planning'`),
    );
  });

  it("rule: room capacity — a room smaller than the attendee list is refused, naming rooms that fit", () => {
    const s = session();
    const smallest = [...rooms(s)].sort((a, b) => a.capacity - b.capacity)[0]!;
    const guests = Array.from({ length: smallest.capacity }, (_, i) => `p${i}@example.com`);
    s.fails(
      "create_event",
      { summary: "Big", start: at(weekday(2), "18:00"), end: at(weekday(2), "19:00"), attendees: guests, room_id: smallest.id },
      "failed_precondition",
      new RegExp(
        `room ${smallest.id} \\(${smallest.name}\\) seats ${smallest.capacity} but the event has ${smallest.capacity + 1} attendees; rooms with at least ${smallest.capacity + 1} seats: ROOM-`,
      ),
    );
  });

  it("release_meeting_room frees the room; an event without one has nothing to release", () => {
    const s = session();
    const booked = events(s).find((e) => e.organizer === me && e.room_id && !e.recurrence)!;
    const r = s.ok("release_meeting_room", { event_id: booked.id });
    expect(r.room_id).toBeUndefined();
    expect(r.location).toBe("");
    expect(event(s, booked.id).room_id).toBeUndefined();
    s.fails("release_meeting_room", { event_id: booked.id }, "failed_precondition", /has no room booked; nothing to release/);
    const theirs = events(s).find((e) => e.organizer !== me && e.room_id && e.calendar_id !== "CAL-1005")!;
    s.fails("release_meeting_room", { event_id: theirs.id }, "permission_denied", /only the organizer can release this event's room/);
  });

  it("query_free_busy: merged busy time per person and room; declined and free events do not count", () => {
    const s = session();
    const from = at(weekday(14), "00:00");
    const to = time.addDays(from, 1);
    const e = s.ok("create_event", {
      summary: "Busy",
      start: time.addMinutes(from, 10 * 60),
      end: time.addMinutes(from, 11 * 60),
      attendees: ["guest@example.com"],
    });
    s.ok("create_event", { summary: "Overlap", start: time.addMinutes(from, 10 * 60 + 30), end: time.addMinutes(from, 12 * 60) });
    s.ok("create_event", { summary: "Free", start: time.addMinutes(from, 13 * 60), end: time.addMinutes(from, 14 * 60), show_as: "free" });
    const r = s.ok("query_free_busy", { time_min: from, time_max: to, emails: [me, "guest@example.com", "stranger@example.org"] });
    const mine = r.people[0].busy;
    expect(mine).toContainEqual({ start: time.addMinutes(from, 600), end: time.addMinutes(from, 720) });
    expect(mine.some((b: { start: string }) => b.start === time.addMinutes(from, 780))).toBe(false);
    expect(r.people[1].busy).toEqual([{ start: e.start, end: e.end }]);
    expect(r.people[2]).toEqual({ email: "stranger@example.org", note: "not in the directory: no calendar to read", busy: [] });
    // a declined invitation frees the time
    const invite = events(s).find((x) => x.organizer !== me && x.start > world.now && !x.recurrence && x.attendees.some((a) => a.email === me))!;
    const window = { time_min: invite.start, time_max: invite.end };
    s.ok("respond_to_event", { event_id: invite.id, response: "declined" });
    const own = events(s).filter(
      (x) =>
        x.id !== invite.id &&
        occurrences(x, ms(invite.start), ms(invite.end)).length &&
        (x.organizer === me || x.attendees.some((a) => a.email === me && a.response_status !== "declined")) &&
        x.transparency === "opaque",
    );
    expect(s.ok("query_free_busy", window).people[0].busy.length).toBe(own.length ? 1 : 0);
    const sprint = events(s).find((x) => x.summary === "Sprint planning")!;
    const next = s.ok("list_event_instances", { event_id: sprint.id }).items[0];
    const roomBusy = s.ok("query_free_busy", { time_min: next.start.slice(0, 10), time_max: next.start.slice(0, 10), room_ids: [sprint.room_id] });
    expect(roomBusy.people).toEqual([]);
    expect(roomBusy.rooms[0].busy).toContainEqual({ start: next.start, end: next.end });
    s.fails("query_free_busy", { time_min: world.today, time_max: time.addDays(world.today, 90) }, "invalid_argument", /at most 62 days/);
    s.fails("query_free_busy", { emails: ["nope"] }, "invalid_argument", /"nope" in emails is not a valid email address/);
  });

  it("find_meeting_slots: the earliest free times of everyone, in working hours, on the half hour, never in the past", () => {
    const s = session();
    const guests = [team[0].email, team[1].email];
    const r = s.ok("find_meeting_slots", { attendees: guests, duration_minutes: 60, max_results: 5 });
    expect(r.attendees).toEqual([me, ...guests]);
    expect(r.slots.length).toBe(5);
    const fb = s.ok("query_free_busy", { time_min: world.now, time_max: time.addDays(world.now, 7), emails: [me, ...guests] });
    const busy = fb.people.flatMap((p: { busy: Array<{ start: string; end: string }> }) => p.busy);
    const free = (t: number) => !busy.some((b: { start: string; end: string }) => ms(b.start) < t + time.HOUR && t < ms(b.end));
    const inHours = (t: number) => {
      const iso = time.fromMs(t);
      return (
        !["saturday", "sunday"].includes(time.weekday(iso)) &&
        iso.slice(11, 16) >= "09:00" &&
        time.fromMs(t + time.HOUR).slice(11, 16) <= "17:00" &&
        time.fromMs(t + time.HOUR).slice(0, 10) === iso.slice(0, 10)
      );
    };
    const expected: string[] = [];
    for (let t = ms(world.now); expected.length < 5; t += 30 * time.MINUTE) if (inHours(t) && free(t)) expected.push(time.fromMs(t));
    expect(r.slots.map((x: { start: string }) => x.start)).toEqual(expected);
    for (const slot of r.slots) expect(time.minutesBetween(slot.start, slot.end)).toBe(60);
  });

  it("find_meeting_slots: with_room adds the smallest free room that seats everyone; refusals say why", () => {
    const s = session();
    const r = s.ok("find_meeting_slots", { attendees: [team[1].email], duration_minutes: 30, with_room: true, max_results: 3 });
    for (const slot of r.slots) {
      expect(slot.room_id).toBeDefined();
      const free = s.ok("list_meeting_rooms", { available_from: slot.start, available_until: slot.end, min_capacity: 2 }).items;
      expect(slot.room_id).toBe(free[0].id);
    }
    expect(r.slots.length).toBe(3);
    const crowd = Array.from({ length: 30 }, (_, i) => `p${i}@example.com`);
    s.fails(
      "find_meeting_slots",
      { attendees: crowd, duration_minutes: 30, with_room: true },
      "failed_precondition",
      /no room seats 31 people \(the largest seats \d+\); search without with_room/,
    );
    s.fails(
      "find_meeting_slots",
      { attendees: [], duration_minutes: 30, time_min: "2026-01-01", time_max: "2026-03-01" },
      "invalid_argument",
      /at most 31 days/,
    );
    s.fails(
      "find_meeting_slots",
      { attendees: [], duration_minutes: 30, time_min: time.addDays(world.today, -5), time_max: time.addDays(world.today, -2) },
      "invalid_argument",
      /in the past; it is now/,
    );
    expect(s.call("find_meeting_slots", { attendees: [], duration_minutes: 600 }).outcome).toBe("invalid_arguments");
  });
});

describe("calendars", () => {
  it("create_calendar: a new calendar the user owns, names unique; events can go on it", () => {
    const s = session();
    const c = s.ok("create_calendar", { summary: "Side project", description: "Evenings" });
    expect(c).toMatchObject({ id: "CAL-1006", summary: "Side project", owner: me, access_role: "owner", primary: false, time_zone: "UTC" });
    expect(s.ok("create_event", { calendar_id: c.id, summary: "Hack night", start: at(2, "19:00"), end: at(2, "21:00") }).calendar_id).toBe(c.id);
    s.fails("create_calendar", { summary: "side PROJECT" }, "already_exists", /a calendar named "Side project" already exists \(CAL-1006\)/);
  });

  it("delete_calendar: only calendars the user owns, never the primary; its events go with it", () => {
    const s = session();
    const personal = events(s).filter((e) => e.calendar_id === "CAL-1004");
    expect(s.ok("delete_calendar", { calendar_id: "CAL-1004" })).toMatchObject({ deleted: "CAL-1004", summary: "Personal", events_deleted: personal.length });
    expect(events(s).some((e) => e.calendar_id === "CAL-1004")).toBe(false);
    s.fails("delete_calendar", { calendar_id: "primary" }, "failed_precondition", /CAL-1001 is your primary calendar and cannot be deleted/);
    s.fails(
      "delete_calendar",
      { calendar_id: "CAL-1002" },
      "permission_denied",
      new RegExp(`belongs to ${team[0].email}; only calendars you own can be deleted`),
    );
    s.fails("delete_calendar", { calendar_id: "CAL-1003" }, "permission_denied", /only calendars you own/);
  });
});

describe("calendar scenario", () => {
  it("finds a slot with a room for two colleagues, books it, checks free/busy, reschedules and cancels one occurrence", () => {
    const s = session();
    const guests = [team[0].email, team[2].email];
    // 1. the first hour all three are free, with a room
    const slot = s.ok("find_meeting_slots", { attendees: guests, duration_minutes: 60, with_room: true, time_min: time.addDays(world.today, 1) }).slots[0];
    // 2. create the meeting there, weekly for three weeks, in the suggested room
    const ev = s.ok("create_event", {
      summary: "Vendor decision",
      start: slot.start,
      end: slot.end,
      attendees: guests,
      room_id: slot.room_id,
      recurrence: "FREQ=WEEKLY;COUNT=3",
    });
    expect(ev).toMatchObject({
      start: slot.start,
      room_id: slot.room_id,
      recurrence: `FREQ=WEEKLY;INTERVAL=1;BYDAY=${time.weekday(slot.start).slice(0, 2).toUpperCase()};COUNT=3`,
    });
    // 3. the guests are now busy then, and the room too
    const fb = s.ok("query_free_busy", { time_min: slot.start, time_max: slot.end, emails: guests, room_ids: [slot.room_id] });
    for (const p of fb.people) expect(p.busy).toEqual([{ start: slot.start, end: slot.end }]);
    expect(fb.rooms[0].busy).toEqual([{ start: slot.start, end: slot.end }]);
    // 4. a colleague can no longer book that room then
    s.fails("create_event", { summary: "Other", start: slot.start, end: slot.end, room_id: slot.room_id }, "conflict", new RegExp(ev.id));
    // 5. cancel the second occurrence only
    const instances = s.ok("list_event_instances", { event_id: ev.id }).items;
    expect(instances.length).toBe(3);
    s.ok("delete_event", { event_id: ev.id, instance_start: instances[1].start });
    expect(s.ok("list_event_instances", { event_id: ev.id }).items.map((x: { start: string }) => x.start)).toEqual([instances[0].start, instances[2].start]);
    // 6. and the room is free again at that time
    const freeRooms = s.ok("list_meeting_rooms", { available_from: instances[1].start, available_until: instances[1].end }).items.map((r: Room) => r.id);
    expect(freeRooms).toContain(slot.room_id);
  });

  it("answers an invitation it learnt about by email (cross-domain)", async () => {
    const email = (await import("../../ts/servers/email/index.ts")).default;
    const s = openSession([email, calendar], SEED);
    const hit = s.ok("search_emails", { query: "subject:invitation is:unread" }).items[0];
    const body = s.ok("get_email", { message_id: hit.id }).body as string;
    const eventId = /Calendar event: (EVT-\d+)/.exec(body)![1]!;
    s.ok("respond_to_event", { event_id: eventId, response: "accepted" });
    s.ok("mark_emails_as_read", { message_ids: [hit.id] });
    expect(s.ok("get_event", { event_id: eventId }).attendees.find((a: { email: string }) => a.email === me).response_status).toBe("accepted");
  });
});

describe("calendar rules, each stated so that breaking it fails a test", () => {
  /** A weekday a week or two ahead with no booking of `roomId` at all, so the test controls the room's day. */
  const freeDay = (s: TestSession, roomId: string) => {
    for (let k = 7; k < 40; k++) {
      const d = weekday(k);
      const day = at(d, "00:00").slice(0, 10);
      if (!events(s).some((e) => e.room_id === roomId && occurrences(e, ms(`${day}T00:00:00Z`), ms(`${day}T23:59:59Z`)).length)) return d;
    }
    throw new Error("no free day for the room");
  };

  it("back-to-back meetings do not clash: a room booked 10:00-11:00 can be booked 11:00-12:00 and 09:00-10:00, not 10:59-11:30", () => {
    const s = session();
    const room = rooms(s)[0]!;
    const d = freeDay(s, room.id);
    s.ok("create_event", { summary: "First", start: at(d, "10:00"), end: at(d, "11:00"), room_id: room.id });
    expect(s.ok("create_event", { summary: "Right after", start: at(d, "11:00"), end: at(d, "12:00"), room_id: room.id }).room_id).toBe(room.id);
    expect(s.ok("create_event", { summary: "Right before", start: at(d, "09:00"), end: at(d, "10:00"), room_id: room.id }).room_id).toBe(room.id);
    s.fails(
      "create_event",
      { summary: "One minute into it", start: at(d, "10:59"), end: at(d, "11:30"), room_id: room.id },
      "conflict",
      /already booked .* 10:00–11:00 by EVT-\d+ 'First'/,
    );
  });

  it("back-to-back holds for every occurrence of a series: a weekly 11:00 booking may follow a 10:00-11:00 meeting in its second week", () => {
    const s = session();
    const room = rooms(s)[3]!;
    s.edit(calendar, (db) => {
      for (const e of db.events.filter((x: Event) => x.room_id === room.id)) db.events.delete(e.id);
    });
    const d = weekday(8);
    s.ok("create_event", { summary: "Before", start: at(d + 7, "10:00"), end: at(d + 7, "11:00"), room_id: room.id });
    s.fails(
      "create_event",
      { summary: "Overlapping series", start: at(d, "10:30"), end: at(d, "11:15"), room_id: room.id, recurrence: "FREQ=WEEKLY;COUNT=3" },
      "conflict",
      /'Before'/,
    );
    expect(
      s.ok("create_event", { summary: "Series", start: at(d, "11:00"), end: at(d, "12:00"), room_id: room.id, recurrence: "FREQ=WEEKLY;COUNT=3" }).room_id,
    ).toBe(room.id);
  });

  it("back-to-back holds before a booking too: a weekly 10:00-11:00 series may precede an 11:00-12:00 booking in its second week; a 10:00-11:15 series may not", () => {
    const s = session();
    const room = rooms(s)[2]!;
    s.edit(calendar, (db) => {
      for (const e of db.events.filter((x: Event) => x.room_id === room.id)) db.events.delete(e.id);
    });
    const d = weekday(8);
    s.ok("create_event", { summary: "After", start: at(d + 7, "11:00"), end: at(d + 7, "12:00"), room_id: room.id });
    expect(
      s.ok("create_event", { summary: "Series", start: at(d, "10:00"), end: at(d, "11:00"), room_id: room.id, recurrence: "FREQ=WEEKLY;COUNT=3" }).room_id,
    ).toBe(room.id);
    s.edit(calendar, (db) => {
      for (const e of db.events.filter((x: Event) => x.room_id === room.id && x.summary === "Series")) db.events.delete(e.id);
    });
    s.fails(
      "create_event",
      { summary: "Overlapping series", start: at(d, "10:00"), end: at(d, "11:15"), room_id: room.id, recurrence: "FREQ=WEEKLY;COUNT=3" },
      "conflict",
      /'After'/,
    );
  });

  it("the room's next free time is back-to-back on both sides: booked 10:00-11:00 and 12:00-13:00, a clashing hour is offered 11:00", () => {
    const s = session();
    const room = rooms(s)[2]!;
    s.edit(calendar, (db) => {
      for (const e of db.events.filter((x: Event) => x.room_id === room.id)) db.events.delete(e.id);
    });
    const d = weekday(8);
    s.ok("create_event", { summary: "First", start: at(d, "10:00"), end: at(d, "11:00"), room_id: room.id });
    s.ok("create_event", { summary: "Later", start: at(d, "12:00"), end: at(d, "13:00"), room_id: room.id });
    s.fails(
      "create_event",
      { summary: "Clash", start: at(d, "10:00"), end: at(d, "11:00"), room_id: room.id },
      "conflict",
      new RegExp(`is free for 60 minutes from ${at(d, "11:00")}`),
    );
  });

  it("a meeting is not in its own way: moving one that holds a room by 15 minutes keeps the room", () => {
    const s = session();
    const room = rooms(s)[1]!;
    const d = freeDay(s, room.id);
    const e = s.ok("create_event", { summary: "Planning", start: at(d, "13:00"), end: at(d, "14:00"), room_id: room.id });
    const moved = s.ok("update_event", { event_id: e.id, start: at(d, "13:15") });
    expect([moved.start, moved.end, moved.room_id]).toEqual([at(d, "13:15"), at(d, "14:15"), room.id]);
    const longer = s.ok("update_event", { event_id: e.id, start: at(d, "12:30"), end: at(d, "14:30") });
    expect(longer.room_id).toBe(room.id);
  });

  it("a series is not in its own way either: a weekly meeting with a room moves by 15 minutes", () => {
    const s = session();
    const room = rooms(s)[4]!;
    s.edit(calendar, (db) => {
      for (const e of db.events.filter((x: Event) => x.room_id === room.id)) db.events.delete(e.id);
    });
    const d = weekday(8);
    const e = s.ok("create_event", { summary: "Weekly sync", start: at(d, "16:00"), end: at(d, "16:30"), room_id: room.id, recurrence: "FREQ=WEEKLY;COUNT=3" });
    const moved = s.ok("update_event", { event_id: e.id, start: at(d, "16:15") });
    expect([moved.start, moved.room_id]).toEqual([at(d, "16:15"), room.id]);
  });

  it("a person is free again the minute a meeting ends: after a 10:00-11:00 meeting, find_meeting_slots offers 11:00-12:00 and nothing overlapping", () => {
    const s = session();
    s.edit(calendar, (db) => {
      for (const e of db.events.all()) db.events.delete(e.id);
    });
    const d = weekday(9);
    s.ok("create_event", { summary: "Only meeting", start: at(d, "10:00"), end: at(d, "11:00") });
    const r = s.ok("find_meeting_slots", { attendees: [], duration_minutes: 60, time_min: at(d, "09:30"), time_max: at(d, "12:00") });
    expect(r.slots).toEqual([{ start: at(d, "11:00"), end: at(d, "12:00") }]);
  });
});
