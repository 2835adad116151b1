/**
 * The calendar domain's rules at their boundaries, with the expected values written out: the
 * RRULE subset (limits, canonical form, expansion into instances by the day), event lengths and
 * "not in the past", room capacity and double booking (with the suggestions the refusal makes),
 * free/busy, meeting slots in working hours, reminders, answers and calendars.
 *
 * Seed 7: the session starts Monday 2026-11-09 at 09:00 UTC; the user is Ximena Mensah. Most
 * tests clear the seeded events first so that they control every booking they look at.
 * 2026-11-16 is a Monday, 2026-11-20 a Friday, 2026-11-21 a Saturday.
 */
import { describe, expect, it } from "vitest";
import calendar from "../../ts/servers/calendar/index.ts";
import { expandInstances, mondayIndex, normalizeRule, parseRule, seriesEndMs } from "../../ts/servers/calendar/recurrence.ts";
import { type Event, tables } from "../../ts/servers/calendar/state.ts";
import { ToolError } from "../../ts/servers/framework/index.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const ME = "ximena.mensah@mailbox.org";
const ms = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

/** A session of seed 7 with no events at all: the calendars and the five rooms stay. */
function blank(): TestSession {
  const s = openSession(calendar, 7);
  s.edit(calendar, (db) => {
    for (const e of db.events.all()) db.events.delete(e.id);
  });
  return s;
}

/** Puts an event straight into the state (as another organiser's booking would appear). */
function put(s: TestSession, e: Partial<Event> & { start: string; end: string }): string {
  let id = "";
  s.edit(calendar, (db) => {
    id = db.events.create({
      calendar_id: "CAL-1002",
      summary: "Someone else's meeting",
      description: "",
      location: "",
      all_day: false,
      organizer: "helena.kowalski@harbor-media.com",
      attendees: [],
      cancelled_instances: [],
      reminders: [],
      status: "confirmed",
      transparency: "opaque",
      created_at: "2026-11-01T09:00:00Z",
      updated_at: "2026-11-01T09:00:00Z",
      ...e,
    }).id;
  });
  return id;
}

const refused = (rule: string, start: string, message: RegExp) => {
  let err: unknown;
  try {
    parseRule(rule, start);
  } catch (e) {
    err = e;
  }
  expect(err, `${rule} should be refused`).toBeInstanceOf(ToolError);
  expect((err as ToolError).code).toBe("invalid_argument");
  expect((err as ToolError).message).toMatch(message);
};

const MON = "2026-03-16T10:00:00Z";
const starts = (e: { start: string; end: string; recurrence: string; cancelled_instances?: string[] }, from: string, to: string, limit?: number) =>
  expandInstances({ cancelled_instances: [], ...e }, ms(from), ms(to), limit).map((o) => o.start);

describe("calendar rules: the RRULE subset's limits", () => {
  it("INTERVAL runs from 1 to 365: 0 and 366 are refused, leading zeros are read as the number", () => {
    expect(normalizeRule("FREQ=DAILY;INTERVAL=1", MON)).toBe("FREQ=DAILY;INTERVAL=1");
    expect(normalizeRule("FREQ=DAILY;INTERVAL=365", MON)).toBe("FREQ=DAILY;INTERVAL=365");
    expect(normalizeRule("FREQ=DAILY;INTERVAL=0002", MON)).toBe("FREQ=DAILY;INTERVAL=2");
    refused(
      "FREQ=DAILY;INTERVAL=366",
      MON,
      /^invalid recurrence: INTERVAL=366 must be a whole number from 1 to 365 \(e\.g\. INTERVAL=2 for every other week\)$/,
    );
    refused("FREQ=DAILY;INTERVAL=0", MON, /INTERVAL=0 must be a whole number from 1 to 365/);
    refused("FREQ=DAILY;INTERVAL=1.5", MON, /INTERVAL=1\.5 must be a whole number/);
    refused("FREQ=DAILY;INTERVAL=10000", MON, /INTERVAL=10000 must be a whole number/);
    refused("FREQ=DAILY;INTERVAL=12345678901234", MON, /INTERVAL=1234567890 must be/);
  });

  it("COUNT runs from 1 to 1000: 0 and 1001 are refused", () => {
    expect(normalizeRule("FREQ=DAILY;COUNT=1", MON)).toBe("FREQ=DAILY;INTERVAL=1;COUNT=1");
    expect(normalizeRule("FREQ=DAILY;COUNT=1000", MON)).toBe("FREQ=DAILY;INTERVAL=1;COUNT=1000");
    refused("FREQ=DAILY;COUNT=1001", MON, /^invalid recurrence: COUNT=1001 must be a whole number from 1 to 1000$/);
    refused("FREQ=DAILY;COUNT=0", MON, /COUNT=0 must be a whole number from 1 to 1000/);
    refused("FREQ=DAILY;COUNT=100000", MON, /COUNT=100000 must be/);
    refused("FREQ=DAILY;COUNT=-3", MON, /COUNT=-3 must be/);
    refused("FREQ=DAILY;COUNT=12345678901234", MON, /COUNT=1234567890 must be/);
  });

  it("UNTIL may be the start itself, not a second before it; a date means the end of that day (23:59:59)", () => {
    expect(normalizeRule("FREQ=DAILY;UNTIL=20260316T100000Z", MON)).toBe("FREQ=DAILY;INTERVAL=1;UNTIL=20260316T100000Z");
    expect(normalizeRule("FREQ=DAILY;UNTIL=20260316", MON)).toBe("FREQ=DAILY;INTERVAL=1;UNTIL=20260316T235959Z");
    expect(normalizeRule("FREQ=DAILY;UNTIL=20260320T093000", MON)).toBe("FREQ=DAILY;INTERVAL=1;UNTIL=20260320T093000Z");
    refused(
      "FREQ=DAILY;UNTIL=20260316T095959Z",
      MON,
      /^invalid recurrence: UNTIL=20260316T095959Z is before the event's start 2026-03-16T10:00:00Z; the series must end on or after its first occurrence$/,
    );
    refused("FREQ=DAILY;UNTIL=20260315", "2026-03-16T00:00:00Z", /UNTIL=20260315 is before the event's start/);
    refused(
      "FREQ=DAILY;UNTIL=20260230",
      MON,
      /^invalid recurrence: UNTIL=20260230 is not a date; write UNTIL=YYYYMMDD or UNTIL=YYYYMMDDTHHMMSSZ, e\.g\. UNTIL=20261231$/,
    );
    refused("FREQ=DAILY;UNTIL=2026-12-31", MON, /UNTIL=2026-12-31 is not a date/);
    refused("FREQ=DAILY;UNTIL=20261231T12", MON, /UNTIL=20261231T12 is not a date/);
    refused("FREQ=DAILY;UNTIL=X20261231", MON, /UNTIL=X20261231 is not a date/);
  });

  it("an UNTIL time that does not exist (25 o'clock) is refused as an invalid argument, not an internal error", () => {
    refused("FREQ=DAILY;UNTIL=20261231T250000Z", MON, /^invalid recurrence: UNTIL=20261231T250000Z is not a valid date-time$/);
    const s = blank();
    s.fails(
      "create_event",
      { summary: "Daily", start: "2026-11-16T10:00:00Z", end: "2026-11-16T10:15:00Z", recurrence: "FREQ=DAILY;UNTIL=20261231T250000Z" },
      "invalid_argument",
      /UNTIL=20261231T250000Z is not a valid date-time/,
    );
  });

  it("parts are KEY=VALUE separated by ';' (empty parts skipped, spaces and case ignored); each key once; only the supported keys", () => {
    expect(normalizeRule(" RRULE:freq = weekly ; ; byday = mo , we ;", MON)).toBe("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE");
    expect(normalizeRule("Rrule:FREQ=MONTHLY", MON)).toBe("FREQ=MONTHLY;INTERVAL=1");
    refused("=DAILY", MON, /^invalid recurrence: "=DAILY" is not KEY=VALUE; write e\.g\. "FREQ=DAILY;COUNT=5"$/);
    refused("FREQ=DAILY;COUNT", MON, /"COUNT" is not KEY=VALUE/);
    refused(`FREQ=DAILY;${"X".repeat(50)}`, MON, new RegExp(`"${"X".repeat(40)}" is not KEY=VALUE`));
    refused("FREQ=DAILY;BYSETPOS=1", MON, /^invalid recurrence: BYSETPOS is not supported; supported parts are FREQ, INTERVAL, BYDAY, COUNT and UNTIL$/);
    refused(`FREQ=DAILY;${"B".repeat(30)}=1`, MON, new RegExp(`: ${"B".repeat(20)} is not supported`));
    refused("FREQ=DAILY;COUNT=2;count=3", MON, /^invalid recurrence: COUNT appears twice$/);
    refused("RRULE:", MON, /^invalid recurrence: the rule is empty; write e\.g\. "FREQ=WEEKLY;BYDAY=MO,WE" \(or leave recurrence out for a one-off event\)$/);
    refused("COUNT=3", MON, /^invalid recurrence: FREQ is missing; start the rule with FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY$/);
    refused("FREQ=FORTNIGHTLY_OR_SO_EVERY_TIME", MON, /^invalid recurrence: FREQ=FORTNIGHTLY_OR_SO_EV is not supported; use DAILY, WEEKLY or MONTHLY$/);
    expect(normalizeRule("FREQ=WEEKLY;WKST=SU", MON)).toBe("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO");
  });

  it("BYDAY: plain two-letter weekdays, deduplicated and written Monday first; it must hold the start's weekday", () => {
    expect(normalizeRule("FREQ=WEEKLY;BYDAY=TU,FR,MO,MO", MON)).toBe("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,FR");
    expect(normalizeRule("FREQ=WEEKLY;BYDAY=SU,MO", MON)).toBe("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,SU");
    expect(normalizeRule("FREQ=DAILY;BYDAY=MO,TU", MON)).toBe("FREQ=DAILY;INTERVAL=1;BYDAY=MO,TU");
    expect(normalizeRule("FREQ=WEEKLY;BYDAY=SU", "2026-03-15T10:00:00Z")).toBe("FREQ=WEEKLY;INTERVAL=1;BYDAY=SU");
    refused(
      "FREQ=DAILY;BYDAY=TU",
      MON,
      /^invalid recurrence: the event starts on a MO \(2026-03-16\) but BYDAY=TU does not include MO; add MO to BYDAY or move the start to one of those days$/,
    );
    refused(
      "FREQ=WEEKLY;BYDAY=MO,-1FR",
      MON,
      /^invalid recurrence: BYDAY=-1FR uses an ordinal weekday, which is not supported; list plain weekdays such as MO,WE,FR$/,
    );
    refused("FREQ=WEEKLY;BYDAY=+2MO", MON, /BYDAY=\+2MO uses an ordinal weekday/);
    refused("FREQ=WEEKLY;BYDAY=MON", MON, /^invalid recurrence: BYDAY value "MON" is not a weekday; use two-letter codes MO, TU, WE, TH, FR, SA, SU$/);
    refused("FREQ=WEEKLY;BYDAY=MO,MONDAYMONDAY", MON, /BYDAY value "MONDAYMOND" is not a weekday/);
    refused(
      "FREQ=MONTHLY;BYDAY=MO",
      MON,
      /^invalid recurrence: BYDAY cannot be combined with FREQ=MONTHLY here; a monthly event repeats on its start's day of the month \(leave BYDAY out\)$/,
    );
  });

  it("weeks start on Monday: Monday is day 0 and Sunday day 6", () => {
    expect(mondayIndex(ms("2026-03-16T00:00:00Z"))).toBe(0);
    expect(mondayIndex(ms("2026-03-21T23:59:59Z"))).toBe(5);
    expect(mondayIndex(ms("2026-03-22T12:00:00Z"))).toBe(6);
  });
});

describe("calendar rules: a series expanded, by the day", () => {
  const half = { start: MON, end: "2026-03-16T10:30:00Z" };

  it("a window holds an occurrence that ends after its start and starts before its end: touching at either edge is outside", () => {
    // The 17th ends at 10:30 exactly when the window opens; the 19th starts exactly when it closes.
    expect(starts({ ...half, recurrence: "FREQ=DAILY" }, "2026-03-17T10:30:00Z", "2026-03-19T10:00:00Z")).toEqual(["2026-03-18T10:00:00Z"]);
    expect(starts({ ...half, recurrence: "FREQ=DAILY" }, "2026-03-17T10:29:00Z", "2026-03-19T10:01:00Z")).toEqual([
      "2026-03-17T10:00:00Z",
      "2026-03-18T10:00:00Z",
      "2026-03-19T10:00:00Z",
    ]);
  });

  it("UNTIL is inclusive to the second; COUNT=1 is the start alone; limit caps the list", () => {
    expect(starts({ ...half, recurrence: "FREQ=DAILY;UNTIL=20260318T100000Z" }, "2026-03-01", "2026-04-01")).toEqual([
      "2026-03-16T10:00:00Z",
      "2026-03-17T10:00:00Z",
      "2026-03-18T10:00:00Z",
    ]);
    expect(starts({ ...half, recurrence: "FREQ=DAILY;UNTIL=20260318T095959Z" }, "2026-03-01", "2026-04-01")).toEqual([
      "2026-03-16T10:00:00Z",
      "2026-03-17T10:00:00Z",
    ]);
    expect(starts({ ...half, recurrence: "FREQ=WEEKLY;COUNT=1" }, "2026-03-01", "2026-06-01")).toEqual(["2026-03-16T10:00:00Z"]);
    expect(starts({ ...half, recurrence: "FREQ=DAILY" }, "2026-03-01", "2026-06-01", 2)).toEqual(["2026-03-16T10:00:00Z", "2026-03-17T10:00:00Z"]);
    expect(
      expandInstances({ ...half, recurrence: "FREQ=DAILY;COUNT=2", cancelled_instances: [] }, ms("2026-03-01"), ms("2026-04-01")).map((o) => o.end),
    ).toEqual(["2026-03-16T10:30:00Z", "2026-03-17T10:30:00Z"]);
  });

  it("COUNT counts from the series' start even when the window opens later (daily, weekly from a midweek start, monthly)", () => {
    // Daily, COUNT=10: a window from the 8th day holds the 8th, 9th and 10th only.
    expect(starts({ ...half, recurrence: "FREQ=DAILY;COUNT=10" }, "2026-03-23", "2026-04-30")).toEqual([
      "2026-03-23T10:00:00Z",
      "2026-03-24T10:00:00Z",
      "2026-03-25T10:00:00Z",
    ]);
    // Weekly MO,WE,FR from Wednesday the 18th, COUNT=4: WE 18, FR 20, MO 23, WE 25.
    const wed = { start: "2026-03-18T10:00:00Z", end: "2026-03-18T10:30:00Z", recurrence: "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=4" };
    expect(starts(wed, "2026-03-01", "2026-05-01")).toEqual(["2026-03-18T10:00:00Z", "2026-03-20T10:00:00Z", "2026-03-23T10:00:00Z", "2026-03-25T10:00:00Z"]);
    expect(starts(wed, "2026-03-24", "2026-05-01")).toEqual(["2026-03-25T10:00:00Z"]);
    // Monthly on the 15th, COUNT=3: January, February, March.
    const monthly = { start: "2026-01-15T09:00:00Z", end: "2026-01-15T10:00:00Z", recurrence: "FREQ=MONTHLY;COUNT=3" };
    expect(starts(monthly, "2026-02-20", "2026-12-31")).toEqual(["2026-03-15T09:00:00Z"]);
  });

  it("every other week: a window far into the series lands on the right weeks", () => {
    const fortnight = { ...half, recurrence: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH" };
    expect(starts(fortnight, "2026-03-16", "2026-04-01")).toEqual(["2026-03-16T10:00:00Z", "2026-03-19T10:00:00Z", "2026-03-30T10:00:00Z"]);
    expect(starts(fortnight, "2026-04-13", "2026-04-20")).toEqual(["2026-04-13T10:00:00Z", "2026-04-16T10:00:00Z"]);
    expect(starts(fortnight, "2026-04-20", "2026-04-27")).toEqual([]);
  });

  it("daily with BYDAY keeps only those weekdays of the days it steps on (every second day: MO 16, WE 18, FR 20, then MO 30)", () => {
    expect(starts({ ...half, recurrence: "FREQ=DAILY;INTERVAL=2;BYDAY=MO,WE,FR;COUNT=4" }, "2026-03-01", "2026-06-01")).toEqual([
      "2026-03-16T10:00:00Z",
      "2026-03-18T10:00:00Z",
      "2026-03-20T10:00:00Z",
      "2026-03-30T10:00:00Z",
    ]);
    expect(starts({ ...half, recurrence: "FREQ=DAILY;BYDAY=MO,TU;UNTIL=20260324" }, "2026-03-01", "2026-06-01")).toEqual([
      "2026-03-16T10:00:00Z",
      "2026-03-17T10:00:00Z",
      "2026-03-23T10:00:00Z",
      "2026-03-24T10:00:00Z",
    ]);
    expect(starts({ ...half, recurrence: "FREQ=DAILY;BYDAY=MO,TU" }, "2026-03-18", "2026-03-22")).toEqual([]);
  });

  it("monthly skips months without the day: the 30th has no February; every second month from 31 January is March and May", () => {
    const on30 = { start: "2026-01-30T09:00:00Z", end: "2026-01-30T10:00:00Z", recurrence: "FREQ=MONTHLY;COUNT=3" };
    expect(starts(on30, "2026-01-01", "2026-12-31")).toEqual(["2026-01-30T09:00:00Z", "2026-03-30T09:00:00Z", "2026-04-30T09:00:00Z"]);
    const every2 = { start: "2026-01-31T09:00:00Z", end: "2026-01-31T10:00:00Z", recurrence: "FREQ=MONTHLY;INTERVAL=2;COUNT=3" };
    expect(starts(every2, "2026-01-01", "2026-12-31")).toEqual(["2026-01-31T09:00:00Z", "2026-03-31T09:00:00Z", "2026-05-31T09:00:00Z"]);
    const until = { start: "2026-01-31T09:00:00Z", end: "2026-01-31T10:00:00Z", recurrence: "FREQ=MONTHLY;UNTIL=20260531T085959Z" };
    expect(starts(until, "2026-01-01", "2026-12-31")).toEqual(["2026-01-31T09:00:00Z", "2026-03-31T09:00:00Z"]);
    // a window that closes in a month without the day ends the walk there
    expect(starts({ ...until, recurrence: "FREQ=MONTHLY" }, "2026-01-01", "2026-02-28")).toEqual(["2026-01-31T09:00:00Z"]);
  });

  it("cancelled occurrences are left out by their exact start", () => {
    const e = { ...half, recurrence: "FREQ=DAILY;COUNT=3", cancelled_instances: ["2026-03-17T10:00:00Z", "2026-03-18T10:01:00Z"] };
    expect(starts(e, "2026-03-01", "2026-04-01")).toEqual(["2026-03-16T10:00:00Z", "2026-03-18T10:00:00Z"]);
  });

  it("a series ends at its UNTIL plus the duration, at the end of its COUNT-th occurrence, or never", () => {
    expect(seriesEndMs({ ...half, recurrence: "FREQ=DAILY" })).toBeUndefined();
    expect(seriesEndMs({ ...half, recurrence: "FREQ=DAILY;UNTIL=20260320" })).toBe(ms("2026-03-21T00:30:00Z") - 1); // the last millisecond of the 20th, plus 30 minutes
    expect(seriesEndMs({ ...half, recurrence: "FREQ=WEEKLY;COUNT=3" })).toBe(ms("2026-03-30T10:30:00Z"));
    expect(seriesEndMs({ ...half, recurrence: "FREQ=WEEKLY;BYDAY=MO,FR;COUNT=3" })).toBe(ms("2026-03-23T10:30:00Z"));
  });
});

describe("calendar rules: how long an event lasts, and when it may start", () => {
  it("an event lasts at most 14 days: exactly 14 is accepted, a minute more is refused with its length in days", () => {
    const s = blank();
    s.fails(
      "create_event",
      { summary: "Too long", start: "2026-11-16T09:00:00Z", end: "2026-11-30T09:01:00Z" },
      "invalid_argument",
      /^the event would last 15 days; an event lasts at most 14 days — use a recurrence for repeating events$/,
    );
    s.fails("create_event", { summary: "Too long", start: "2026-11-16", end: "2026-11-30" }, "invalid_argument", /^the event would last 15 days/);
    expect(s.ok("create_event", { summary: "Fortnight", start: "2026-11-16T09:00:00Z", end: "2026-11-30T09:00:00Z" }).end).toBe("2026-11-30T09:00:00Z");
    const allDay = s.ok("create_event", { summary: "Two weeks off", start: "2026-11-16", end: "2026-11-29" });
    expect([allDay.start, allDay.end, allDay.all_day]).toEqual(["2026-11-16T00:00:00Z", "2026-11-30T00:00:00Z", true]);
  });

  it("a timed event may start at this very minute, not one before; an all-day event today, not yesterday", () => {
    const s = blank();
    s.fails(
      "create_event",
      { summary: "Late", start: "2026-11-09T08:59:00Z", end: "2026-11-09T09:30:00Z" },
      "failed_precondition",
      /^the event would start at 2026-11-09T08:59:00Z, which is in the past; it is now 2026-11-09T09:00:00Z\. Pick a later time \(check the date, year and AM\/PM\)$/,
    );
    s.fails(
      "create_event",
      { summary: "Yesterday", start: "2026-11-08", end: "2026-11-09" },
      "failed_precondition",
      /^the event would start on 2026-11-08, which is in the past; today is 2026-11-09\. Pick today or a later day$/,
    );
    expect(s.ok("create_event", { summary: "Now", start: "2026-11-09T09:00:00Z", end: "2026-11-09T09:30:00Z" }).start).toBe("2026-11-09T09:00:00Z");
    expect(s.ok("create_event", { summary: "Today", start: "2026-11-09", end: "2026-11-09" }).end).toBe("2026-11-10T00:00:00Z");
  });

  it("an event that started in the past may still be renamed or lengthened; only a new start is checked against now", () => {
    const s = blank();
    const past = put(s, { calendar_id: "CAL-1001", organizer: ME, summary: "Yesterday's review", start: "2026-11-08T10:00:00Z", end: "2026-11-08T11:00:00Z" });
    expect(s.ok("update_event", { event_id: past, end: "2026-11-08T11:30:00Z" }).end).toBe("2026-11-08T11:30:00Z");
    expect(s.ok("update_event", { event_id: past, summary: "Renamed" }).summary).toBe("Renamed");
    s.fails(
      "update_event",
      { event_id: past, start: "2026-11-08T10:30:00Z" },
      "failed_precondition",
      /^the event would start at 2026-11-08T10:30:00Z, which is in the past; it is now /,
    );
  });

  it("a new start alone keeps the length (whole days for an all-day event); a new end alone keeps the start", () => {
    const s = blank();
    const trip = s.ok("create_event", { summary: "Trip", start: "2026-11-16", end: "2026-11-18" });
    const moved = s.ok("update_event", { event_id: trip.id, start: "2026-11-23" });
    expect([moved.start, moved.end, moved.all_day]).toEqual(["2026-11-23T00:00:00Z", "2026-11-26T00:00:00Z", true]);
    const longer = s.ok("update_event", { event_id: trip.id, end: "2026-11-27" });
    expect([longer.start, longer.end]).toEqual(["2026-11-23T00:00:00Z", "2026-11-28T00:00:00Z"]);
    s.fails(
      "update_event",
      { event_id: trip.id, end: "2026-11-22" },
      "invalid_argument",
      /^the end date 2026-11-22 is before the start date 2026-11-23; for a one-day event give the same date twice$/,
    );
    s.fails(
      "update_event",
      { event_id: trip.id, end: "2026-11-24T10:00:00Z" },
      "invalid_argument",
      /^start \(2026-11-23\) and end \(2026-11-24T10:00:00Z\) must both be date-times, or both dates for an all-day event$/,
    );
    const day = s.ok("create_event", { summary: "Day", start: "2026-11-17", end: "2026-11-17" });
    expect(s.ok("update_event", { event_id: day.id, start: "2026-11-19" }).end).toBe("2026-11-20T00:00:00Z");
    const call = s.ok("create_event", { summary: "Call", start: "2026-11-16T10:00:00Z", end: "2026-11-16T10:45:00Z" });
    expect(s.ok("update_event", { event_id: call.id, start: "2026-11-17T14:00:00Z" }).end).toBe("2026-11-17T14:45:00Z");
    s.fails(
      "update_event",
      { event_id: call.id, end: "2026-11-17T14:00:00Z" },
      "invalid_argument",
      /^the event must end after it starts: end 2026-11-17T14:00:00Z is not after start 2026-11-17T14:00:00Z$/,
    );
    s.fails(
      "update_event",
      { event_id: call.id },
      "invalid_argument",
      /^nothing to change: give at least one of summary, description, location, start, end, recurrence, show_as$/,
    );
  });

  it("a weekly series on its start's weekday follows a moved start; one on several weekdays keeps them and must still hold the new start's day", () => {
    const s = blank();
    const single = s.ok("create_event", { summary: "1:1", start: "2026-11-16T10:00:00Z", end: "2026-11-16T10:30:00Z", recurrence: "FREQ=WEEKLY;COUNT=4" });
    expect(s.ok("update_event", { event_id: single.id, start: "2026-11-18T10:00:00Z" }).recurrence).toBe("FREQ=WEEKLY;INTERVAL=1;BYDAY=WE;COUNT=4");
    const multi = s.ok("create_event", { summary: "Sync", start: "2026-11-16T12:00:00Z", end: "2026-11-16T12:30:00Z", recurrence: "FREQ=WEEKLY;BYDAY=MO,WE" });
    expect(s.ok("update_event", { event_id: multi.id, start: "2026-11-18T12:00:00Z" }).recurrence).toBe("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE");
    s.fails(
      "update_event",
      { event_id: multi.id, start: "2026-11-19T12:00:00Z" },
      "invalid_argument",
      /starts on a TH \(2026-11-19\) but BYDAY=MO,WE does not include TH/,
    );
    const daily = s.ok("create_event", { summary: "Standup", start: "2026-11-16T08:45:00Z", end: "2026-11-16T09:00:00Z", recurrence: "FREQ=DAILY;COUNT=3" });
    expect(s.ok("update_event", { event_id: daily.id, start: "2026-11-17T08:30:00Z" }).recurrence).toBe("FREQ=DAILY;INTERVAL=1;COUNT=3");
    s.fails(
      "update_event",
      { event_id: daily.id, start: "2026-11-18T08:30:00Z", recurrence: "FREQ=WEEKLY;BYDAY=TU" },
      "invalid_argument",
      /starts on a WE \(2026-11-18\) but BYDAY=TU does not include WE/,
    );
  });

  it("cancelled occurrences stay cancelled while the series keeps its start, and are forgotten when it moves or stops repeating", () => {
    const s = blank();
    const w = s.ok("create_event", { summary: "Weekly", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", recurrence: "FREQ=WEEKLY;COUNT=5" });
    s.ok("delete_event", { event_id: w.id, instance_start: "2026-11-30T10:00:00Z" });
    const both = s.ok("delete_event", { event_id: w.id, instance_start: "2026-11-23T10:00:00Z" });
    expect(both.cancelled_instances).toEqual(["2026-11-23T10:00:00Z", "2026-11-30T10:00:00Z"]);
    expect(s.ok("update_event", { event_id: w.id, summary: "Weekly review" }).cancelled_instances).toEqual(["2026-11-23T10:00:00Z", "2026-11-30T10:00:00Z"]);
    expect(s.ok("update_event", { event_id: w.id, end: "2026-11-16T10:45:00Z" }).cancelled_instances).toEqual(["2026-11-23T10:00:00Z", "2026-11-30T10:00:00Z"]);
    expect(s.ok("update_event", { event_id: w.id, start: "2026-11-16T10:15:00Z" }).cancelled_instances).toEqual([]);
    s.ok("delete_event", { event_id: w.id, instance_start: "2026-11-23T10:15:00Z" });
    const once = s.ok("update_event", { event_id: w.id, recurrence: "" });
    expect([once.recurrence, once.cancelled_instances]).toEqual([undefined, []]);
  });

  it("cancelling one occurrence needs its exact start; the refusal lists up to four starts from a week before to three weeks after", () => {
    const s = blank();
    const w = s.ok("create_event", { summary: "Weekly", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", recurrence: "FREQ=WEEKLY;COUNT=5" });
    s.fails(
      "delete_event",
      { event_id: w.id, instance_start: "2026-11-16T10:15:00Z" },
      "not_found",
      new RegExp(
        `^${w.id} \\('Weekly'\\) has no occurrence starting at 2026-11-16T10:15:00Z; occurrences around then start at 2026-11-16T10:00:00Z, 2026-11-23T10:00:00Z, 2026-11-30T10:00:00Z, 2026-12-07T10:00:00Z \\(see list_event_instances\\)$`,
      ),
    );
    s.fails(
      "delete_event",
      { event_id: w.id, instance_start: "2026-11-25T10:00:00Z" },
      "not_found",
      /occurrences around then start at 2026-11-23T10:00:00Z, 2026-11-30T10:00:00Z, 2026-12-07T10:00:00Z, 2026-12-14T10:00:00Z \(/,
    );
    s.fails(
      "delete_event",
      { event_id: w.id, instance_start: "2027-03-01T10:00:00Z" },
      "not_found",
      /starting at 2027-03-01T10:00:00Z \(see list_event_instances\)$/,
    );
    s.fails(
      "delete_event",
      { event_id: w.id, instance_start: "2026-11-15T10:00:00Z" },
      "not_found",
      /starting at 2026-11-15T10:00:00Z; occurrences around then start at 2026-11-16T10:00:00Z, 2026-11-23T10:00:00Z, 2026-11-30T10:00:00Z \(/,
    );
    const one = s.ok("create_event", { summary: "Once", start: "2026-11-16T13:00:00Z", end: "2026-11-16T14:00:00Z" });
    s.fails(
      "delete_event",
      { event_id: one.id, instance_start: "2026-11-16T13:00:00Z" },
      "invalid_argument",
      new RegExp(`^${one.id} \\('Once'\\) does not repeat, so it has no occurrences to cancel; leave out instance_start to delete the event$`),
    );
  });

  it("a new timed event gets a 10-minute popup, an all-day one none; given reminders (up to five) replace the default", () => {
    const s = blank();
    expect(s.ok("create_event", { summary: "T", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" }).reminders).toEqual([
      { method: "popup", minutes: 10 },
    ]);
    expect(s.ok("create_event", { summary: "D", start: "2026-11-16", end: "2026-11-16" }).reminders).toEqual([]);
    expect(s.ok("create_event", { summary: "N", start: "2026-11-16T12:00:00Z", end: "2026-11-16T13:00:00Z", reminders: [] }).reminders).toEqual([]);
    const five = [0, 5, 10, 30, 40_320].map((minutes) => ({ method: "email", minutes }));
    expect(s.ok("create_event", { summary: "F", start: "2026-11-16T14:00:00Z", end: "2026-11-16T15:00:00Z", reminders: five }).reminders).toEqual(five);
    const six = [...five, { method: "popup", minutes: 1 }];
    expect(s.call("create_event", { summary: "S", start: "2026-11-16T14:00:00Z", end: "2026-11-16T15:00:00Z", reminders: six }).outcome).toBe(
      "invalid_arguments",
    );
  });

  it("show_as free makes the time transparent, busy opaque; the user's own address is not added as a guest", () => {
    const s = blank();
    const e = s.ok("create_event", {
      summary: "Focus",
      start: "2026-11-16T10:00:00Z",
      end: "2026-11-16T11:00:00Z",
      show_as: "free",
      attendees: [ME, "guest@example.com", "guest@example.com"],
    });
    expect(e.transparency).toBe("transparent");
    expect(e.attendees).toEqual([
      { email: ME, name: "Ximena Mensah", response_status: "accepted", optional: false },
      { email: "guest@example.com", response_status: "needsAction", optional: false },
    ]);
    expect(s.ok("update_event", { event_id: e.id, show_as: "busy" }).transparency).toBe("opaque");
    expect(s.ok("update_event", { event_id: e.id, show_as: "free" }).transparency).toBe("transparent");
    expect(s.ok("create_event", { summary: "Alone", start: "2026-11-16T12:00:00Z", end: "2026-11-16T13:00:00Z", attendees: [ME] }).attendees).toEqual([]);
  });
});

describe("calendar rules: room capacity and double booking", () => {
  const guests = (n: number) => Array.from({ length: n }, (_, i) => `guest${i + 1}@example.com`);
  const slot = { start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" };

  it("a room seats its capacity, the organizer counted: Juniper (4) takes the user and 3 guests, not 4 guests; the refusal lists the rooms that fit", () => {
    const s = blank();
    s.fails(
      "create_event",
      { summary: "Five", ...slot, attendees: guests(4), room_id: "ROOM-101" },
      "failed_precondition",
      /^room ROOM-101 \(Juniper\) seats 4 but the event has 5 attendees; rooms with at least 5 seats: ROOM-102 Granite \(6 seats\), ROOM-103 Cedar \(8 seats\), ROOM-104 Birch \(12 seats\), ROOM-105 Kestrel \(20 seats\)$/,
    );
    const four = s.ok("create_event", { summary: "Four", ...slot, attendees: guests(3), room_id: "ROOM-101" });
    expect([four.room_id, four.room, four.location]).toEqual(["ROOM-101", "Juniper (4 seats)", "Juniper, Harbor Media HQ, floor 2"]);
    s.fails(
      "create_event",
      { summary: "Crowd", start: "2026-11-17T10:00:00Z", end: "2026-11-17T11:00:00Z", attendees: guests(20), room_id: "ROOM-105" },
      "failed_precondition",
      /^room ROOM-105 \(Kestrel\) seats 20 but the event has 21 attendees; rooms with at least 21 seats: none — split the meeting or hold it by video$/,
    );
    expect(
      s.ok("create_event", { summary: "Town hall", start: "2026-11-17T10:00:00Z", end: "2026-11-17T11:00:00Z", attendees: guests(19), room_id: "ROOM-105" })
        .room_id,
    ).toBe("ROOM-105");
  });

  it("an all-day event cannot hold a room, neither booked nor kept when an event becomes all-day", () => {
    const s = blank();
    const day = s.ok("create_event", { summary: "Offsite", start: "2026-11-17", end: "2026-11-17" });
    s.fails(
      "book_meeting_room",
      { event_id: day.id, room_id: "ROOM-101" },
      "failed_precondition",
      new RegExp(`^rooms are booked for timed events; ${day.id} is an all-day event — give it a start and end time first with update_event$`),
    );
    const timed = s.ok("create_event", { summary: "Review", ...slot, room_id: "ROOM-101" });
    s.fails(
      "update_event",
      { event_id: timed.id, start: "2026-11-18", end: "2026-11-18" },
      "failed_precondition",
      new RegExp(`^${timed.id} has room ROOM-101 booked; an all-day event cannot hold a room — release it with release_meeting_room first$`),
    );
  });

  it("the double-booking refusal names the booking and both times, the free rooms big enough then, and when this room is next free (15-minute steps)", () => {
    const s = blank();
    const other = put(s, { summary: "Design review", room_id: "ROOM-101", start: "2026-11-16T10:00:00Z", end: "2026-11-16T10:50:00Z" });
    put(s, { summary: "Busy too", room_id: "ROOM-103", start: "2026-11-16T09:00:00Z", end: "2026-11-16T10:20:00Z" });
    s.fails(
      "create_event",
      { summary: "Clash", start: "2026-11-16T10:10:00Z", end: "2026-11-16T10:40:00Z", room_id: "ROOM-101" },
      "conflict",
      new RegExp(
        `^room ROOM-101 \\(Juniper\\) is already booked 2026-11-16 10:00–10:50 by ${other} 'Design review' \\(organised by helena\\.kowalski@harbor-media\\.com\\), ` +
          "which overlaps this event's 2026-11-16 10:10–10:40\\. Free rooms with at least 1 seats then: ROOM-102 Granite \\(6 seats\\), ROOM-104 Birch \\(12 seats\\), ROOM-105 Kestrel \\(20 seats\\)" +
          "; or Juniper is free for 30 minutes from 2026-11-16T11:00:00Z$",
      ),
    );
    // with five guests (six people) only free rooms of six seats or more are suggested
    s.fails(
      "create_event",
      { summary: "Clash", start: "2026-11-16T10:10:00Z", end: "2026-11-16T10:40:00Z", attendees: guests(5), room_id: "ROOM-103" },
      "conflict",
      /overlaps this event's 2026-11-16 10:10–10:40\. Free rooms with at least 6 seats then: ROOM-102 Granite \(6 seats\), ROOM-104 Birch \(12 seats\), ROOM-105 Kestrel \(20 seats\); or Cedar is free for 30 minutes from 2026-11-16T10:30:00Z$/,
    );
  });

  it("when every other room is taken the refusal says so; the next free time keeps to 09:00–17:00 on weekdays", () => {
    const s = blank();
    for (const room of ["ROOM-102", "ROOM-103", "ROOM-104", "ROOM-105"]) put(s, { room_id: room, start: "2026-11-20T15:00:00Z", end: "2026-11-20T18:00:00Z" });
    const fri = put(s, { summary: "Friday wrap-up", room_id: "ROOM-101", start: "2026-11-20T15:00:00Z", end: "2026-11-20T16:30:00Z" });
    // 16:30-17:00 ends exactly at 17:00: that is within working hours
    s.fails(
      "create_event",
      { summary: "Late", start: "2026-11-20T16:00:00Z", end: "2026-11-20T16:30:00Z", room_id: "ROOM-101" },
      "conflict",
      new RegExp(`by ${fri} 'Friday wrap-up' .*No other room with at least 1 seats is free then; or Juniper is free for 30 minutes from 2026-11-20T16:30:00Z$`),
    );
    // an hour from 16:00 does not fit before 17:00 on Friday: the next is Monday 09:00
    s.fails(
      "create_event",
      { summary: "Late", start: "2026-11-20T16:00:00Z", end: "2026-11-20T17:00:00Z", room_id: "ROOM-101" },
      "conflict",
      /; or Juniper is free for 60 minutes from 2026-11-23T09:00:00Z$/,
    );
    // before 09:00 the room is not offered: a clash at 07:00 on Tuesday is offered 09:00
    const early = put(s, { room_id: "ROOM-101", start: "2026-11-17T06:00:00Z", end: "2026-11-17T08:00:00Z" });
    s.fails(
      "create_event",
      { summary: "Early", start: "2026-11-17T07:00:00Z", end: "2026-11-17T08:00:00Z", room_id: "ROOM-101" },
      "conflict",
      new RegExp(`by ${early} .*; or Juniper is free for 60 minutes from 2026-11-17T09:00:00Z$`),
    );
  });

  it("a room busy every working hour of the next two weeks gets no 'next free' suggestion", () => {
    const s = blank();
    put(s, { room_id: "ROOM-101", start: "2026-11-16T08:00:00Z", end: "2026-11-16T18:00:00Z", recurrence: "FREQ=DAILY" });
    s.fails(
      "create_event",
      { summary: "Clash", ...slot, room_id: "ROOM-101" },
      "conflict",
      /Free rooms with at least 1 seats then: ROOM-102 Granite \(6 seats\), ROOM-103 Cedar \(8 seats\), ROOM-104 Birch \(12 seats\), ROOM-105 Kestrel \(20 seats\)$/,
    );
  });

  it("a series is checked over a year: an occurrence 366 days after its start clashes, one 367 days after does not", () => {
    const s = blank();
    const far = put(s, { summary: "Far", room_id: "ROOM-103", start: "2027-11-17T10:00:00Z", end: "2027-11-17T11:00:00Z" });
    s.fails(
      "create_event",
      { summary: "Daily", ...slot, room_id: "ROOM-103", recurrence: "FREQ=DAILY" },
      "conflict",
      new RegExp(`^room ROOM-103 \\(Cedar\\) is already booked 2027-11-17 10:00–11:00 by ${far} 'Far'`),
    );
    s.edit(calendar, (db) => db.events.update(far, { start: "2027-11-18T10:00:00Z", end: "2027-11-18T11:00:00Z" }));
    expect(s.ok("create_event", { summary: "Daily", ...slot, room_id: "ROOM-103", recurrence: "FREQ=DAILY" }).room_id).toBe("ROOM-103");
  });

  it("a series ends at its COUNT: a booking in the week after its last occurrence does not clash", () => {
    const s = blank();
    put(s, { room_id: "ROOM-102", start: "2026-12-07T10:00:00Z", end: "2026-12-07T11:00:00Z" });
    s.fails(
      "create_event",
      { summary: "Four weeks", ...slot, room_id: "ROOM-102", recurrence: "FREQ=WEEKLY;COUNT=4" },
      "conflict",
      /already booked 2026-12-07 10:00–11:00/,
    );
    expect(s.ok("create_event", { summary: "Three weeks", ...slot, room_id: "ROOM-102", recurrence: "FREQ=WEEKLY;COUNT=3" }).room_id).toBe("ROOM-102");
  });

  it("a cancelled occurrence frees the room, and stays free while the series keeps its start", () => {
    const s = blank();
    const w = s.ok("create_event", { summary: "Weekly", ...slot, room_id: "ROOM-101", recurrence: "FREQ=WEEKLY;COUNT=3" });
    s.fails("create_event", { summary: "Guest talk", start: "2026-11-23T10:00:00Z", end: "2026-11-23T11:00:00Z", room_id: "ROOM-101" }, "conflict", /'Weekly'/);
    s.ok("delete_event", { event_id: w.id, instance_start: "2026-11-23T10:00:00Z" });
    s.ok("create_event", { summary: "Guest talk", start: "2026-11-23T10:00:00Z", end: "2026-11-23T11:00:00Z", room_id: "ROOM-101" });
    expect(s.ok("update_event", { event_id: w.id, end: "2026-11-16T11:30:00Z" }).room_id).toBe("ROOM-101");
    s.fails("update_event", { event_id: w.id, start: "2026-11-16T10:30:00Z" }, "conflict", /'Guest talk'/);
  });
});

describe("calendar rules: rooms listed, booked and released", () => {
  it("min_capacity keeps rooms with at least that many seats; a feature matches in any case; smallest first", () => {
    const s = blank();
    const ids = (a: Record<string, unknown>) => s.ok("list_meeting_rooms", a).items.map((r: { id: string }) => r.id);
    expect(ids({})).toEqual(["ROOM-101", "ROOM-102", "ROOM-103", "ROOM-104", "ROOM-105"]);
    expect(ids({ min_capacity: 12 })).toEqual(["ROOM-104", "ROOM-105"]);
    expect(ids({ min_capacity: 13 })).toEqual(["ROOM-105"]);
    expect(ids({ feature: "VIDEO" })).toEqual(["ROOM-102", "ROOM-103", "ROOM-104", "ROOM-105"]);
    expect(ids({ feature: "Whiteboard", min_capacity: 5 })).toEqual(["ROOM-103", "ROOM-105"]);
  });

  it("a room is available from the minute its booking ends, not a minute before; both bounds or neither", () => {
    const s = blank();
    put(s, { room_id: "ROOM-101", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    const ids = (from: string, until: string) =>
      s.ok("list_meeting_rooms", { available_from: from, available_until: until }).items.map((r: { id: string }) => r.id);
    expect(ids("2026-11-16T11:00:00Z", "2026-11-16T12:00:00Z")).toContain("ROOM-101");
    expect(ids("2026-11-16T09:00:00Z", "2026-11-16T10:00:00Z")).toContain("ROOM-101");
    expect(ids("2026-11-16T10:59:00Z", "2026-11-16T12:00:00Z")).toEqual(["ROOM-102", "ROOM-103", "ROOM-104", "ROOM-105"]);
    s.fails(
      "list_meeting_rooms",
      { available_until: "2026-11-16T12:00:00Z" },
      "invalid_argument",
      /^give both available_from and available_until to filter by availability, or neither$/,
    );
    s.fails(
      "list_meeting_rooms",
      { available_from: "2026-11-16T12:00:00Z", available_until: "2026-11-16T12:00:00Z" },
      "invalid_argument",
      /^available_until must be after available_from$/,
    );
  });

  it("booking a room sets the location unless one of the user's own is there; a new room replaces the old room's location", () => {
    const s = blank();
    const plain = s.ok("create_event", { summary: "Plain", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    const booked = s.ok("book_meeting_room", { event_id: plain.id, room_id: "ROOM-101" });
    expect([booked.location, booked.room]).toEqual(["Juniper, Harbor Media HQ, floor 2", "Juniper (4 seats)"]);
    const moved = s.ok("book_meeting_room", { event_id: plain.id, room_id: "ROOM-103" });
    expect([moved.room_id, moved.location]).toEqual(["ROOM-103", "Cedar, Harbor Media HQ, floor 3"]);
    s.fails(
      "book_meeting_room",
      { event_id: plain.id, room_id: "ROOM-103" },
      "already_exists",
      new RegExp(`^Cedar \\(ROOM-103\\) is already booked for ${plain.id}$`),
    );
    const cafe = s.ok("create_event", { summary: "Cafe", start: "2026-11-16T12:00:00Z", end: "2026-11-16T13:00:00Z", location: "Blue Bottle" });
    expect(s.ok("book_meeting_room", { event_id: cafe.id, room_id: "ROOM-101" }).location).toBe("Blue Bottle");
    const given = s.ok("create_event", { summary: "G", start: "2026-11-16T14:00:00Z", end: "2026-11-16T15:00:00Z", location: "Lobby", room_id: "ROOM-102" });
    expect(given.location).toBe("Lobby");
  });

  it("releasing a room clears a location that names it and keeps any other; an event without a room has nothing to release", () => {
    const s = blank();
    const a = s.ok("create_event", { summary: "A", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", room_id: "ROOM-101" });
    const released = s.ok("release_meeting_room", { event_id: a.id });
    expect([released.room_id, released.room, released.location]).toEqual([undefined, undefined, ""]);
    const b = s.ok("create_event", {
      summary: "B",
      start: "2026-11-16T12:00:00Z",
      end: "2026-11-16T13:00:00Z",
      room_id: "ROOM-101",
      location: "Floor 2 kitchen",
    });
    expect(s.ok("release_meeting_room", { event_id: b.id }).location).toBe("Floor 2 kitchen");
    s.fails("release_meeting_room", { event_id: b.id }, "failed_precondition", new RegExp(`^${b.id} \\('B'\\) has no room booked; nothing to release$`));
  });
});

describe("calendar rules: free/busy", () => {
  const HELENA = "helena.kowalski@harbor-media.com";
  const busyOf = (s: TestSession, a: Record<string, unknown>) => s.ok("query_free_busy", a).people.map((p: { busy: unknown }) => p.busy);

  it("back-to-back meetings merge into one busy interval; a minute's gap keeps them apart; the window clips them", () => {
    const s = blank();
    put(s, { organizer: ME, calendar_id: "CAL-1001", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    put(s, { organizer: ME, calendar_id: "CAL-1001", start: "2026-11-16T11:00:00Z", end: "2026-11-16T12:00:00Z" });
    put(s, { organizer: ME, calendar_id: "CAL-1001", start: "2026-11-16T12:01:00Z", end: "2026-11-16T12:30:00Z" });
    put(s, { organizer: ME, calendar_id: "CAL-1001", start: "2026-11-16T10:15:00Z", end: "2026-11-16T10:45:00Z" });
    expect(busyOf(s, { time_min: "2026-11-16", time_max: "2026-11-16" })).toEqual([
      [
        { start: "2026-11-16T10:00:00Z", end: "2026-11-16T12:00:00Z" },
        { start: "2026-11-16T12:01:00Z", end: "2026-11-16T12:30:00Z" },
      ],
    ]);
    expect(busyOf(s, { time_min: "2026-11-16T10:30:00Z", time_max: "2026-11-16T12:15:00Z" })).toEqual([
      [
        { start: "2026-11-16T10:30:00Z", end: "2026-11-16T12:00:00Z" },
        { start: "2026-11-16T12:01:00Z", end: "2026-11-16T12:15:00Z" },
      ],
    ]);
  });

  it("a person is busy when they organise or have not declined (accepted, tentative, no answer yet); not when declined or the event shows as free", () => {
    const s = blank();
    const invited = (email: string, response_status: string) => ({
      attendees: [
        { email: HELENA, name: "Helena Kowalski", response_status: "accepted" as const, optional: false },
        { email, response_status: response_status as "accepted", optional: false },
      ],
    });
    put(s, { ...invited("a@example.com", "accepted"), start: "2026-11-16T09:00:00Z", end: "2026-11-16T10:00:00Z" });
    put(s, { ...invited("t@example.com", "tentative"), start: "2026-11-16T09:00:00Z", end: "2026-11-16T10:00:00Z" });
    put(s, { ...invited("n@example.com", "needsAction"), start: "2026-11-16T09:00:00Z", end: "2026-11-16T10:00:00Z" });
    put(s, { ...invited("d@example.com", "declined"), start: "2026-11-16T09:00:00Z", end: "2026-11-16T10:00:00Z" });
    put(s, { ...invited("f@example.com", "accepted"), transparency: "transparent", start: "2026-11-16T09:00:00Z", end: "2026-11-16T10:00:00Z" });
    // an organiser who is not on the attendee list is still busy; a personal event of someone else keeps others free
    put(s, {
      organizer: "o@example.com",
      attendees: invited("g@example.com", "accepted").attendees,
      start: "2026-11-16T11:00:00Z",
      end: "2026-11-16T12:00:00Z",
    });
    put(s, { organizer: "p@example.com", start: "2026-11-16T13:00:00Z", end: "2026-11-16T14:00:00Z" });
    const r = s.ok("query_free_busy", {
      time_min: "2026-11-16",
      time_max: "2026-11-16",
      emails: ["a@example.com", "t@example.com", "n@example.com", "d@example.com", "f@example.com", "o@example.com", "p@example.com", "x@example.com"],
    });
    const hour = (h: string, e: string) => [{ start: `2026-11-16T${h}:00:00Z`, end: `2026-11-16T${e}:00:00Z` }];
    expect(r.people.map((p: { email: string; busy: unknown }) => [p.email, p.busy])).toEqual([
      ["a@example.com", hour("09", "10")],
      ["t@example.com", hour("09", "10")],
      ["n@example.com", hour("09", "10")],
      ["d@example.com", []],
      ["f@example.com", []],
      ["o@example.com", hour("11", "12")],
      ["p@example.com", hour("13", "14")],
      ["x@example.com", []],
    ]);
    expect(r.people[7].note).toBe("not in the directory: no calendar to read");
  });

  it("by default the user over the next 7 days from now; rooms alone ask for no person; names come from the directory", () => {
    const s = blank();
    const r = s.ok("query_free_busy", {});
    expect([r.time_min, r.time_max]).toEqual(["2026-11-09T09:00:00Z", "2026-11-16T09:00:00Z"]);
    expect(r.people).toEqual([{ email: ME, name: "Ximena Mensah", busy: [] }]);
    expect(r.rooms).toEqual([]);
    put(s, { room_id: "ROOM-102", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    put(s, { room_id: "ROOM-102", start: "2026-11-16T11:00:00Z", end: "2026-11-16T11:30:00Z" });
    const rooms = s.ok("query_free_busy", { time_min: "2026-11-16", time_max: "2026-11-16", room_ids: ["ROOM-102", "ROOM-102"] });
    expect(rooms.people).toEqual([]);
    expect(rooms.rooms).toEqual([{ room_id: "ROOM-102", name: "Granite", busy: [{ start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:30:00Z" }] }]);
    expect(s.ok("query_free_busy", { emails: [HELENA] }).people[0]).toEqual({ email: HELENA, name: "Helena Kowalski", busy: [] });
  });

  it("a free/busy window is at most 62 days; it must end after it starts; a date as its end includes that whole day", () => {
    const s = blank();
    const r = s.ok("query_free_busy", { time_min: "2026-11-10", time_max: "2027-01-10" });
    expect([r.time_min, r.time_max]).toEqual(["2026-11-10T00:00:00Z", "2027-01-11T00:00:00Z"]);
    s.fails(
      "query_free_busy",
      { time_min: "2026-11-10", time_max: "2027-01-11" },
      "invalid_argument",
      /^the window spans 63 days; at most 62 days can be asked at once — split it into shorter windows$/,
    );
    s.fails("query_free_busy", { time_min: "2026-11-10T00:00:00Z", time_max: "2027-01-11T00:00:01Z" }, "invalid_argument", /^the window spans 63 days/);
    s.fails(
      "query_free_busy",
      { time_min: "2026-11-16T10:00:00Z", time_max: "2026-11-16T10:00:00Z" },
      "invalid_argument",
      /^time_max \(2026-11-16T10:00:00Z\) must be after time_min \(2026-11-16T10:00:00Z\)$/,
    );
  });
});

describe("calendar rules: meeting slots", () => {
  const slots = (s: TestSession, a: Record<string, unknown>) =>
    s.ok("find_meeting_slots", { attendees: [], ...a }).slots.map((x: { start: string; end: string }) => `${x.start.slice(5, 16)}-${x.end.slice(11, 16)}`);

  it("a slot lies within 09:00–17:00 on a weekday: 16:00-17:00 fits, 16:30-17:30 does not; the next is 09:00 the next working day", () => {
    const s = blank();
    expect(slots(s, { duration_minutes: 60, time_min: "2026-11-16T16:00:00Z", time_max: "2026-11-17T10:00:00Z" })).toEqual([
      "11-16T16:00-17:00",
      "11-17T09:00-10:00",
    ]);
    expect(slots(s, { duration_minutes: 60, time_min: "2026-11-20T16:30:00Z", time_max: "2026-11-24T00:00:00Z", max_results: 1 })).toEqual([
      "11-23T09:00-10:00",
    ]);
    expect(slots(s, { duration_minutes: 480, time_min: "2026-11-20T08:00:00Z", time_max: "2026-11-23T17:00:00Z" })).toEqual([
      "11-20T09:00-17:00",
      "11-23T09:00-17:00",
    ]);
  });

  it("slots start on the half hour, never before now, and end by time_max", () => {
    const s = blank();
    expect(slots(s, { duration_minutes: 30, time_min: "2026-11-16T09:10:00Z", time_max: "2026-11-16T10:30:00Z" })).toEqual([
      "11-16T09:30-10:00",
      "11-16T10:00-10:30",
    ]);
    const r = s.ok("find_meeting_slots", { attendees: [], duration_minutes: 15, time_min: "2026-11-09", max_results: 2 });
    expect(r.time_min).toBe("2026-11-09T09:00:00Z");
    expect(r.slots).toEqual([
      { start: "2026-11-09T09:00:00Z", end: "2026-11-09T09:15:00Z" },
      { start: "2026-11-09T09:30:00Z", end: "2026-11-09T09:45:00Z" },
    ]);
    expect(s.ok("find_meeting_slots", { attendees: [], duration_minutes: 60 }).slots).toHaveLength(5);
    s.fails(
      "find_meeting_slots",
      { attendees: [], duration_minutes: 30, time_min: "2026-11-01", time_max: "2026-11-09T09:00:00Z" },
      "invalid_argument",
      /^the window ends 2026-11-09T09:00:00Z, which is in the past; it is now 2026-11-09T09:00:00Z$/,
    );
    expect(slots(s, { duration_minutes: 30, time_min: "2026-11-01", time_max: "2026-11-09T09:30:00Z" })).toEqual(["11-09T09:00-09:30"]);
  });

  it("a meeting lasts 15 minutes to 8 hours; a search window at most 31 days", () => {
    const s = blank();
    expect(s.call("find_meeting_slots", { attendees: [], duration_minutes: 14 }).outcome).toBe("invalid_arguments");
    expect(s.call("find_meeting_slots", { attendees: [], duration_minutes: 481 }).outcome).toBe("invalid_arguments");
    expect(s.call("find_meeting_slots", { attendees: [], duration_minutes: 30, max_results: 21 }).outcome).toBe("invalid_arguments");
    expect(s.ok("find_meeting_slots", { attendees: [], duration_minutes: 30, time_min: "2026-11-10", time_max: "2026-12-10" }).slots).toHaveLength(5);
    s.fails(
      "find_meeting_slots",
      { attendees: [], duration_minutes: 30, time_min: "2026-11-10", time_max: "2026-12-11" },
      "invalid_argument",
      /spans 32 days; at most 31 days/,
    );
  });

  it("everyone must be free: a colleague's meeting takes the slot; the user is always included", () => {
    const s = blank();
    put(s, { organizer: "maya@example.com", start: "2026-11-16T09:00:00Z", end: "2026-11-16T09:30:00Z" });
    put(s, { organizer: ME, calendar_id: "CAL-1001", start: "2026-11-16T10:00:00Z", end: "2026-11-16T10:30:00Z" });
    const r = s.ok("find_meeting_slots", { attendees: ["maya@example.com", ME], duration_minutes: 30, time_min: "2026-11-16T09:00:00Z", max_results: 2 });
    expect(r.attendees).toEqual([ME, "maya@example.com"]);
    expect(r.slots.map((x: { start: string }) => x.start)).toEqual(["2026-11-16T09:30:00Z", "2026-11-16T10:30:00Z"]);
  });

  it("with_room gives the smallest free room that seats everyone; 20 people fit Kestrel, 21 fit nowhere", () => {
    const s = blank();
    put(s, { room_id: "ROOM-101", start: "2026-11-16T09:00:00Z", end: "2026-11-16T10:00:00Z" });
    const two = s.ok("find_meeting_slots", {
      attendees: ["a@example.com"],
      duration_minutes: 60,
      time_min: "2026-11-16T09:00:00Z",
      with_room: true,
      max_results: 2,
    });
    expect(two.slots).toEqual([
      { start: "2026-11-16T09:00:00Z", end: "2026-11-16T10:00:00Z", room_id: "ROOM-102", room: "Granite (6 seats)" },
      { start: "2026-11-16T09:30:00Z", end: "2026-11-16T10:30:00Z", room_id: "ROOM-102", room: "Granite (6 seats)" },
    ]);
    const nineteen = Array.from({ length: 19 }, (_, i) => `p${i}@example.com`);
    const big = s.ok("find_meeting_slots", { attendees: nineteen, duration_minutes: 60, time_min: "2026-11-16T10:00:00Z", with_room: true, max_results: 1 });
    expect(big.slots[0].room_id).toBe("ROOM-105");
    s.fails(
      "find_meeting_slots",
      { attendees: [...nineteen, "p19@example.com"], duration_minutes: 60, with_room: true },
      "failed_precondition",
      /^no room seats 21 people \(the largest seats 20\); search without with_room and meet by video$/,
    );
    put(s, { room_id: "ROOM-105", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    const after = s.ok("find_meeting_slots", { attendees: nineteen, duration_minutes: 60, time_min: "2026-11-16T10:00:00Z", with_room: true, max_results: 1 });
    expect(after.slots[0]).toMatchObject({ start: "2026-11-16T11:00:00Z", room_id: "ROOM-105" });
  });
});

describe("calendar rules: answers, guests and reminders", () => {
  const HELENA = "helena.kowalski@harbor-media.com";
  const theirs = (s: TestSession, extra: Partial<Event> = {}) =>
    put(s, {
      summary: "Roadmap",
      start: "2026-11-16T10:00:00Z",
      end: "2026-11-16T11:00:00Z",
      attendees: [
        { email: HELENA, name: "Helena Kowalski", response_status: "accepted", optional: false },
        { email: ME, name: "Ximena Mensah", response_status: "needsAction", optional: false },
        { email: "bo@example.com", response_status: "declined", optional: false },
        { email: "cy@example.com", response_status: "tentative", optional: true },
      ],
      ...extra,
    });

  it("an answer replaces the user's own status only; a comment stays until a new one is given; get_event counts each answer", () => {
    const s = blank();
    const id = theirs(s);
    expect(s.ok("get_event", { event_id: id }).responses).toEqual({ accepted: 1, declined: 1, tentative: 1, needsAction: 1 });
    const r = s.ok("respond_to_event", { event_id: id, response: "declined", comment: "On leave" });
    expect(r).toMatchObject({ event_id: id, summary: "Roadmap", start: "2026-11-16T10:00:00Z", response_status: "declined" });
    expect(r.attendees[1]).toEqual({ email: ME, name: "Ximena Mensah", response_status: "declined", optional: false, comment: "On leave" });
    expect(s.ok("respond_to_event", { event_id: id, response: "accepted" }).attendees[1]).toMatchObject({ response_status: "accepted", comment: "On leave" });
    expect(s.ok("get_event", { event_id: id }).responses).toEqual({ accepted: 2, declined: 1, tentative: 1, needsAction: 0 });
    expect(s.ok("respond_to_event", { event_id: id, response: "tentative", comment: "" }).attendees[1].comment).toBe("");
  });

  it("only the organizer changes an event: the refusal names them, and offers respond_to_event only to someone invited", () => {
    const s = blank();
    const invited = theirs(s);
    s.fails(
      "update_event",
      { event_id: invited, summary: "Mine now" },
      "permission_denied",
      new RegExp(
        `^only the organizer can change this event: ${invited} \\('Roadmap'\\) is organised by Helena Kowalski <${HELENA}>; you can answer the invitation with respond_to_event, or ask the organizer to make the change$`,
      ),
    );
    const notInvited = put(s, { summary: "Her focus time", start: "2026-11-16T12:00:00Z", end: "2026-11-16T13:00:00Z" });
    s.fails(
      "add_event_attendees",
      { event_id: notInvited, emails: ["x@example.com"] },
      "permission_denied",
      new RegExp(
        `^only the organizer can invite people to this event: ${notInvited} \\('Her focus time'\\) is organised by ${HELENA} <${HELENA}>; ask the organizer to make the change$`,
      ),
    );
    s.fails(
      "respond_to_event",
      { event_id: notInvited, response: "accepted" },
      "permission_denied",
      new RegExp(
        `^you are not invited to ${notInvited} \\('Her focus time', organised by ${HELENA}\\); only invited attendees can answer — ask the organizer for an invitation$`,
      ),
    );
    const own = s.ok("create_event", { summary: "Solo", start: "2026-11-16T14:00:00Z", end: "2026-11-16T15:00:00Z" });
    s.fails(
      "respond_to_event",
      { event_id: own.id, response: "accepted" },
      "failed_precondition",
      new RegExp(`^${own.id} \\('Solo'\\) is your own event with no guests; there is no invitation to answer$`),
    );
  });

  it("read-only calendars refuse every change and name the calendars the user can edit", () => {
    const s = blank();
    s.fails(
      "create_event",
      { calendar_id: "CAL-1005", summary: "x", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" },
      "permission_denied",
      /^calendar CAL-1005 \("Helena Kowalski"\) is read-only for you, so you cannot add events there; calendars you can edit: CAL-1001 \("Ximena Mensah"\), CAL-1002 \("Harbor Media Team"\), CAL-1004 \("Personal"\)$/,
    );
    const holiday = put(s, { calendar_id: "CAL-1003", organizer: ME, start: "2026-11-26T00:00:00Z", end: "2026-11-27T00:00:00Z", all_day: true });
    s.fails(
      "set_event_reminders",
      { event_id: holiday, reminders: [] },
      "permission_denied",
      /^calendar CAL-1003 .* so you cannot set reminders on its events there;/,
    );
    // on a shared calendar the user may write, reminders are theirs to set even on someone else's event
    const shared = theirs(s);
    expect(s.ok("set_event_reminders", { event_id: shared, reminders: [{ method: "popup", minutes: 5 }] }).reminders).toEqual([
      { method: "popup", minutes: 5 },
    ]);
  });

  it("reminders: at most five, 0 to 40320 minutes, none twice; kept sorted by minutes, then email before popup", () => {
    const s = blank();
    const e = s.ok("create_event", { summary: "R", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    const set = (reminders: unknown) => s.call("set_event_reminders", { event_id: e.id, reminders });
    expect(
      s.ok("set_event_reminders", {
        event_id: e.id,
        reminders: [
          { method: "popup", minutes: 10 },
          { method: "email", minutes: 40_320 },
          { method: "email", minutes: 10 },
          { method: "popup", minutes: 0 },
          { method: "email", minutes: 0 },
        ],
      }).reminders,
    ).toEqual([
      { method: "email", minutes: 0 },
      { method: "popup", minutes: 0 },
      { method: "email", minutes: 10 },
      { method: "popup", minutes: 10 },
      { method: "email", minutes: 40_320 },
    ]);
    expect(set([{ method: "popup", minutes: 40_321 }]).outcome).toBe("invalid_arguments");
    expect(set([{ method: "popup", minutes: -1 }]).outcome).toBe("invalid_arguments");
    expect(set(Array.from({ length: 6 }, (_, i) => ({ method: "email", minutes: i }))).outcome).toBe("invalid_arguments");
    s.fails(
      "set_event_reminders",
      {
        event_id: e.id,
        reminders: [
          { method: "email", minutes: 30 },
          { method: "popup", minutes: 30 },
          { method: "email", minutes: 30 },
        ],
      },
      "invalid_argument",
      /^the reminder email 30 minutes is given twice; give each reminder once$/,
    );
  });

  it("inviting: new guests need to answer and take the optional flag, existing ones keep theirs; the user alone is no invitation", () => {
    const s = blank();
    const e = s.ok("create_event", { summary: "Plan", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", attendees: ["a@example.com"] });
    const r = s.ok("add_event_attendees", { event_id: e.id, emails: [HELENA, ME], optional: true });
    expect(r.attendees).toEqual([
      { email: ME, name: "Ximena Mensah", response_status: "accepted", optional: false },
      { email: "a@example.com", response_status: "needsAction", optional: false },
      { email: HELENA, name: "Helena Kowalski", response_status: "needsAction", optional: true },
    ]);
    s.fails(
      "add_event_attendees",
      { event_id: e.id, emails: [ME] },
      "invalid_argument",
      new RegExp(`^you organise ${e.id} and are on it already; name the people to invite$`),
    );
    s.fails(
      "add_event_attendees",
      { event_id: e.id, emails: ["new@example.com", "a@example.com", HELENA] },
      "already_exists",
      new RegExp(`^already invited to ${e.id}: a@example.com \\(needsAction\\), ${HELENA} \\(needsAction\\); invite only people who are not on the list$`),
    );
    const solo = s.ok("create_event", { summary: "Solo", start: "2026-11-16T12:00:00Z", end: "2026-11-16T13:00:00Z" });
    s.fails(
      "remove_event_attendee",
      { event_id: solo.id, email: "a@example.com" },
      "not_found",
      new RegExp(`^a@example.com is not invited to ${solo.id}; its attendees are none$`),
    );
    s.fails(
      "remove_event_attendee",
      { event_id: e.id, email: ME },
      "failed_precondition",
      new RegExp(`^${ME} organises ${e.id} and cannot be removed from it; delete the event instead if it should not happen$`),
    );
    expect(s.ok("remove_event_attendee", { event_id: e.id, email: "a@example.com" }).attendees.map((a: { email: string }) => a.email)).toEqual([ME, HELENA]);
  });

  it("inviting into a booked room: exactly its capacity is fine, one more is refused with the headcount", () => {
    const s = blank();
    const e = s.ok("create_event", { summary: "Small", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", room_id: "ROOM-101" });
    s.fails(
      "add_event_attendees",
      { event_id: e.id, emails: ["a@example.com", "b@example.com", "c@example.com", "d@example.com"] },
      "failed_precondition",
      new RegExp(
        `^room ROOM-101 \\(Juniper\\) seats 4; with these invitations ${e.id} would have 5 attendees — book a bigger room with book_meeting_room first \\(see list_meeting_rooms with min_capacity 5\\)$`,
      ),
    );
    expect(s.ok("add_event_attendees", { event_id: e.id, emails: ["a@example.com", "b@example.com", "c@example.com"] }).attendees).toHaveLength(4);
  });
});

describe("calendar rules: calendars", () => {
  it("a new calendar takes the first colour no calendar uses yet, in palette order; when all are used, the first", () => {
    const s = blank();
    const colours = ["A", "B", "C", "D", "E"].map((n) => s.ok("create_calendar", { summary: `Cal ${n}` }).color);
    expect(colours).toEqual(["#E67C73", "#F6BF26", "#039BE5", "#616161", "#4285F4"]);
    expect(s.ok("create_calendar", { summary: "Picked", color: "#616161" }).color).toBe("#616161");
  });

  it("calendar names are unique ignoring case; trimmed; the primary calendar answers to 'primary' in any case", () => {
    const s = blank();
    const c = s.ok("create_calendar", { summary: "  Kids  " });
    expect([c.summary, c.description, c.owner, c.access_role, c.primary]).toEqual(["Kids", "", ME, "owner", false]);
    s.fails(
      "create_calendar",
      { summary: "KIDS" },
      "already_exists",
      new RegExp(`^a calendar named "Kids" already exists \\(${c.id}\\); use it or choose another name$`),
    );
    s.fails("create_calendar", { summary: "personal" }, "already_exists", /^a calendar named "Personal" already exists \(CAL-1004\)/);
    expect(s.ok("create_event", { calendar_id: " Primary ", summary: "x", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" }).calendar_id).toBe(
      "CAL-1001",
    );
  });

  it("only a calendar the user owns can be deleted: the owner role and the user's address both count; the primary never", () => {
    const s = blank();
    s.fails(
      "delete_calendar",
      { calendar_id: "primary" },
      "failed_precondition",
      /^CAL-1001 is your primary calendar and cannot be deleted; delete its events one by one with delete_event instead$/,
    );
    s.fails(
      "delete_calendar",
      { calendar_id: "CAL-1002" },
      "permission_denied",
      /^calendar CAL-1002 \("Harbor Media Team"\) belongs to helena\.kowalski@harbor-media\.com; only calendars you own can be deleted$/,
    );
    s.edit(calendar, (db) => {
      db.calendars.update("CAL-1004", { access_role: "writer" });
      db.calendars.update("CAL-1002", { access_role: "owner" });
    });
    s.fails("delete_calendar", { calendar_id: "CAL-1004" }, "permission_denied", /only calendars you own can be deleted/);
    s.fails("delete_calendar", { calendar_id: "CAL-1002" }, "permission_denied", /only calendars you own can be deleted/);
    const mine = s.ok("create_calendar", { summary: "Side" });
    s.ok("create_event", { calendar_id: mine.id, summary: "1", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    s.ok("create_event", { calendar_id: mine.id, summary: "2", start: "2026-11-17T10:00:00Z", end: "2026-11-17T11:00:00Z" });
    expect(s.ok("delete_calendar", { calendar_id: mine.id })).toEqual({ deleted: mine.id, summary: "Side", events_deleted: 2 });
    expect(s.rows("calendars").map((c: { id: string }) => c.id)).not.toContain(mine.id);
  });

  it("the calendar list counts each calendar's events and says which the user can edit", () => {
    const s = blank();
    s.ok("create_event", { calendar_id: "CAL-1004", summary: "1", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    put(s, { calendar_id: "CAL-1004", organizer: ME, start: "2026-11-17T10:00:00Z", end: "2026-11-17T11:00:00Z" });
    const items = s.ok("list_calendars", {}).items.map((c: { id: string; events: number; can_edit: boolean }) => [c.id, c.events, c.can_edit]);
    expect(items).toEqual([
      ["CAL-1001", 0, true],
      ["CAL-1002", 0, true],
      ["CAL-1003", 0, false],
      ["CAL-1004", 2, true],
      ["CAL-1005", 0, false],
    ]);
  });

  it("without a primary calendar an event needs a calendar named", () => {
    const s = blank();
    s.edit(calendar, (db) => db.calendars.update("CAL-1001", { primary: false }));
    s.fails(
      "create_event",
      { summary: "x", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" },
      "failed_precondition",
      /^the user has no primary calendar$/,
    );
    expect(s.ok("create_event", { calendar_id: "CAL-1004", summary: "x", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" }).calendar).toBe(
      "Personal",
    );
  });

  it("moving an event: to another calendar the user can edit, never to the one it is on", () => {
    const s = blank();
    const e = s.ok("create_event", { summary: "M", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    s.fails(
      "move_event",
      { event_id: e.id, destination_calendar_id: "primary" },
      "invalid_argument",
      new RegExp(`^${e.id} is already on CAL-1001 \\("Ximena Mensah"\\); pick another calendar$`),
    );
    s.fails("move_event", { event_id: e.id, destination_calendar_id: "CAL-1005" }, "permission_denied", /so you cannot move events to it there/);
    expect(s.ok("move_event", { event_id: e.id, destination_calendar_id: "CAL-1004" })).toMatchObject({ calendar_id: "CAL-1004", calendar: "Personal" });
  });
});

describe("calendar rules: reading events in a window", () => {
  it("list_events: by default today from midnight for 7 days; at most 366 days, a date as the end counting whole", () => {
    const s = blank();
    const r = s.ok("list_events", {});
    expect([r.time_min, r.time_max, r.total]).toEqual(["2026-11-09T00:00:00Z", "2026-11-16T00:00:00Z", 0]);
    expect(s.ok("list_events", { time_min: "2026-11-09", time_max: "2027-11-09" }).time_max).toBe("2027-11-10T00:00:00Z");
    s.fails(
      "list_events",
      { time_min: "2026-11-09", time_max: "2027-11-10" },
      "invalid_argument",
      /^the window spans 367 days; at most 366 days can be asked at once/,
    );
    s.fails("list_events", { time_min: "2026-11-09T00:00:00Z", time_max: "2027-11-10T01:00:00Z" }, "invalid_argument", /^the window spans 367 days/);
  });

  it("list_events: occurrences in start order, ties by id; a series' items carry an instance id and the series' start; single_events=false lists it once", () => {
    const s = blank();
    const b = put(s, { summary: "B", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    const a = put(s, { summary: "Daily", start: "2026-11-15T10:00:00Z", end: "2026-11-15T10:15:00Z", recurrence: "FREQ=DAILY;INTERVAL=1;COUNT=3" });
    const r = s.ok("list_events", { time_min: "2026-11-16", time_max: "2026-11-20" });
    expect(
      r.items.map((x: { id: string; start: string; instance_id?: string; series_start?: string }) => [x.id, x.start, x.instance_id, x.series_start]),
    ).toEqual([
      [b, "2026-11-16T10:00:00Z", undefined, undefined],
      [a, "2026-11-16T10:00:00Z", `${a}_20261116T100000Z`, "2026-11-15T10:00:00Z"],
      [a, "2026-11-17T10:00:00Z", `${a}_20261117T100000Z`, "2026-11-15T10:00:00Z"],
    ]);
    expect(r.items[1].end).toBe("2026-11-16T10:15:00Z");
    const once = s.ok("list_events", { time_min: "2026-11-16", time_max: "2026-11-20", single_events: false });
    expect(once.items.map((x: { id: string; start: string }) => `${x.id}@${x.start}`)).toEqual([`${b}@2026-11-16T10:00:00Z`, `${a}@2026-11-16T10:00:00Z`]);
    expect(s.ok("list_events", { time_min: "2026-11-16", time_max: "2026-11-20", calendar_id: "primary" }).total).toBe(0);
    expect(s.ok("list_events", { time_min: "2026-11-16", time_max: "2026-11-20", query: "daily" }).total).toBe(2);
  });

  it("list_event_instances: by default from now for 90 days; a one-off's instance is the event itself; cancelled ones are listed apart", () => {
    const s = blank();
    const d = put(s, {
      summary: "Daily",
      start: "2026-11-09T10:00:00Z",
      end: "2026-11-09T10:15:00Z",
      recurrence: "FREQ=DAILY;INTERVAL=1",
      cancelled_instances: ["2026-11-10T10:00:00Z"],
    });
    const r = s.ok("list_event_instances", { event_id: d, limit: 1 });
    expect([r.total, r.recurrence, r.cancelled_instances]).toEqual([89, "FREQ=DAILY;INTERVAL=1", ["2026-11-10T10:00:00Z"]]);
    expect(r.items).toEqual([
      { instance_id: `${d}_20261109T100000Z`, event_id: d, summary: "Daily", start: "2026-11-09T10:00:00Z", end: "2026-11-09T10:15:00Z" },
    ]);
    const one = put(s, { summary: "One", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    const o = s.ok("list_event_instances", { event_id: one });
    expect([o.recurrence, o.items[0].instance_id]).toEqual([null, one]);
    s.fails("list_event_instances", { event_id: one, time_min: "2026-11-16", time_max: "2027-11-17" }, "invalid_argument", /spans 367 days; at most 366/);
  });

  it("get_event: the next five occurrences from now of a series", () => {
    const s = blank();
    const w = put(s, { summary: "Weekly", start: "2026-10-05T10:00:00Z", end: "2026-10-05T11:00:00Z", recurrence: "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO" });
    expect(s.ok("get_event", { event_id: w }).next_instances.map((x: { start: string }) => x.start.slice(0, 10))).toEqual([
      "2026-11-09",
      "2026-11-16",
      "2026-11-23",
      "2026-11-30",
      "2026-12-07",
    ]);
    expect(s.ok("get_event", { event_id: put(s, { start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" }) }).next_instances).toBeUndefined();
  });

  it("search_events: at least 2 characters; a room's name finds its bookings; a date as time_max includes that day; a finished series has no next occurrence", () => {
    const s = blank();
    const booked = put(s, { summary: "Booked", room_id: "ROOM-103", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    const done = put(s, { summary: "Old series", start: "2026-10-01T10:00:00Z", end: "2026-10-01T11:00:00Z", recurrence: "FREQ=DAILY;INTERVAL=1;COUNT=2" });
    expect(s.call("search_events", { query: "c" }).outcome).toBe("invalid_arguments");
    expect(s.ok("search_events", { query: "ce" }).items.map((x: { id: string }) => x.id)).toEqual([booked]);
    expect(s.ok("search_events", { query: "cedar" }).items.map((x: { id: string }) => x.id)).toEqual([booked]);
    expect(s.ok("search_events", { query: "booked", time_min: "2026-11-16", time_max: "2026-11-16" }).total).toBe(1);
    expect(s.ok("search_events", { query: "booked", time_min: "2026-11-16T11:00:00Z" }).total).toBe(0);
    expect(s.ok("search_events", { query: "booked", time_max: "2026-11-16T10:00:00Z" }).total).toBe(0);
    expect(s.ok("search_events", { query: "booked", time_max: "2026-11-16T10:00:01Z" }).total).toBe(1);
    expect(s.ok("search_events", { query: "old series" }).items.map((x: { id: string; next_occurrence: unknown }) => [x.id, x.next_occurrence])).toEqual([
      [done, null],
    ]);
    s.fails(
      "search_events",
      { query: "booked", time_min: "2026-11-16T10:00:00Z", time_max: "2026-11-16T10:00:00Z" },
      "invalid_argument",
      /^time_max must be after time_min$/,
    );
  });
});

describe("calendar rules: long occurrences and deep windows", () => {
  it("an occurrence longer than the repeat step that still runs into the window is included (daily 36 hours, weekly 8 days)", () => {
    const daily = { start: MON, end: "2026-03-17T22:00:00Z", recurrence: "FREQ=DAILY;COUNT=4" };
    expect(starts(daily, "2026-03-17T12:00:00Z", "2026-03-18T12:00:00Z")).toEqual(["2026-03-16T10:00:00Z", "2026-03-17T10:00:00Z", "2026-03-18T10:00:00Z"]);
    const weekly = { start: MON, end: "2026-03-24T10:00:00Z", recurrence: "FREQ=WEEKLY;COUNT=3" };
    expect(starts(weekly, "2026-03-24T00:00:00Z", "2026-03-25T00:00:00Z")).toEqual(["2026-03-16T10:00:00Z", "2026-03-23T10:00:00Z"]);
  });

  it("COUNT still holds two weeks into a MO,WE,FR series that began on a Wednesday: the 7th and last is Wednesday 1 April", () => {
    // WE 18, FR 20 | MO 23, WE 25, FR 27 | MO 30, WE 1 April
    const wed = { start: "2026-03-18T10:00:00Z", end: "2026-03-18T10:30:00Z", recurrence: "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=7" };
    expect(starts(wed, "2026-03-31", "2026-05-01")).toEqual(["2026-04-01T10:00:00Z"]);
    expect(starts(wed, "2026-03-28", "2026-05-01")).toEqual(["2026-03-30T10:00:00Z", "2026-04-01T10:00:00Z"]);
  });

  it("the room's next free time is looked for over two weeks: a room busy every day for 14 days is offered the 15th day at 09:00", () => {
    const s = blank();
    put(s, { room_id: "ROOM-101", start: "2026-11-16T08:00:00Z", end: "2026-11-16T18:00:00Z", recurrence: "FREQ=DAILY;INTERVAL=1;COUNT=14" });
    s.fails(
      "create_event",
      { summary: "Clash", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", room_id: "ROOM-101" },
      "conflict",
      /; or Juniper is free for 60 minutes from 2026-11-30T09:00:00Z$/,
    );
  });

  it("a series whose every occurrence is cancelled holds its room at no time, and can still be changed", () => {
    const s = blank();
    const w = s.ok("create_event", {
      summary: "Once weekly",
      start: "2026-11-16T10:00:00Z",
      end: "2026-11-16T11:00:00Z",
      room_id: "ROOM-101",
      recurrence: "FREQ=WEEKLY;COUNT=1",
    });
    s.ok("delete_event", { event_id: w.id, instance_start: "2026-11-16T10:00:00Z" });
    expect(s.ok("update_event", { event_id: w.id, end: "2026-11-16T11:30:00Z" }).end).toBe("2026-11-16T11:30:00Z");
    expect(s.ok("query_free_busy", { time_min: "2026-11-16", time_max: "2026-11-16", room_ids: ["ROOM-101"] }).rooms[0].busy).toEqual([]);
  });

  it("renaming or re-describing a meeting does not re-check its room; changing its repetition does", () => {
    const s = blank();
    const mine = put(s, {
      calendar_id: "CAL-1001",
      organizer: ME,
      summary: "Mine",
      room_id: "ROOM-101",
      start: "2026-11-16T10:00:00Z",
      end: "2026-11-16T11:00:00Z",
    });
    put(s, { summary: "Next week", room_id: "ROOM-101", start: "2026-11-23T10:00:00Z", end: "2026-11-23T11:00:00Z" });
    const r = s.ok("update_event", { event_id: mine, summary: "Mine, renamed", description: "Agenda", location: "Juniper, by the window" });
    expect([r.summary, r.description, r.location]).toEqual(["Mine, renamed", "Agenda", "Juniper, by the window"]);
    expect(s.ok("update_event", { event_id: mine, location: "" }).location).toBe("");
    s.fails("update_event", { event_id: mine, recurrence: "FREQ=WEEKLY;COUNT=2" }, "conflict", /already booked 2026-11-23 10:00–11:00 by EVT-\d+ 'Next week'/);
    expect(s.ok("update_event", { event_id: mine, recurrence: "FREQ=WEEKLY;COUNT=2;INTERVAL=2" }).recurrence).toBe("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=2");
  });

  it("booking another room keeps a location the user wrote themselves", () => {
    const s = blank();
    const e = s.ok("create_event", { summary: "L", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", location: "Lobby", room_id: "ROOM-101" });
    expect(s.ok("book_meeting_room", { event_id: e.id, room_id: "ROOM-102" }).location).toBe("Lobby");
  });

  it("find_meeting_slots looks 7 days ahead by default", () => {
    const s = blank();
    const r = s.ok("find_meeting_slots", { attendees: [], duration_minutes: 60 });
    expect([r.time_min, r.time_max, r.duration_minutes]).toEqual(["2026-11-09T09:00:00Z", "2026-11-16T09:00:00Z", 60]);
  });

  it("events, rooms and calendars are named in words: the time, whether it repeats, the day; the room's seats and floor", () => {
    const base = { summary: "Retro", start: "2026-11-16T14:30:00Z", all_day: false } as Event;
    expect(tables.events.describe(base)).toBe("the 14:30 meeting 'Retro' on 2026-11-16");
    expect(tables.events.describe({ ...base, recurrence: "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO" })).toBe("the 14:30 recurring meeting 'Retro' starting 2026-11-16");
    expect(tables.events.describe({ ...base, summary: "Offsite", start: "2026-11-16T00:00:00Z", all_day: true })).toBe(
      "the all-day event 'Offsite' on 2026-11-16",
    );
    const s = blank();
    expect(tables.rooms.describe(s.row("rooms", "ROOM-103"))).toBe("the meeting room Cedar (8 seats, floor 3)");
    expect(tables.calendars.describe(s.row("calendars", "CAL-1001"))).toBe('the user\'s primary calendar "Ximena Mensah"');
    expect(tables.calendars.describe(s.row("calendars", "CAL-1004"))).toBe('the calendar "Personal"');
  });
});

describe("calendar rules: what the refusals of bad arguments say", () => {
  const said = (s: TestSession, tool: string, args: Record<string, unknown>) => {
    const r = s.call(tool, args);
    expect(r.outcome).toBe("invalid_arguments");
    return r.error?.message;
  };
  const hour = { start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" };

  it("a title, a calendar name, an invitation and a search each need something in them; reminders stop at five", () => {
    const s = blank();
    expect(said(s, "create_event", { summary: "   ", ...hour })).toBe("invalid arguments for create_event: summary: an event needs a title");
    expect(said(s, "create_calendar", { summary: "   " })).toBe("invalid arguments for create_calendar: summary: a calendar needs a name");
    expect(said(s, "search_events", { query: " c " })).toBe("invalid arguments for search_events: query: search for at least 2 characters");
    const e = s.ok("create_event", { summary: "E", ...hour });
    expect(said(s, "add_event_attendees", { event_id: e.id, emails: [] })).toBe(
      "invalid arguments for add_event_attendees: emails: name at least one person to invite",
    );
    const six = [0, 1, 2, 3, 4, 5].map((minutes) => ({ method: "popup", minutes }));
    expect(said(s, "create_event", { summary: "R", ...hour, reminders: six })).toBe(
      "invalid arguments for create_event: reminders: at most 5 reminders per event",
    );
    expect(said(s, "set_event_reminders", { event_id: e.id, reminders: six })).toBe(
      "invalid arguments for set_event_reminders: reminders: at most 5 reminders per event",
    );
    expect(said(s, "update_event", { event_id: e.id, summary: "  " })).toMatch(/^invalid arguments for update_event: summary: /);
  });

  it("a new event without notes or place has them empty; popup and email reminders and busy are all accepted as given", () => {
    const s = blank();
    const e = s.ok("create_event", { summary: "Plain", ...hour, show_as: "busy", reminders: [{ method: "popup", minutes: 5 }] });
    expect([e.description, e.location, e.transparency, e.reminders, e.status]).toEqual(["", "", "opaque", [{ method: "popup", minutes: 5 }], "confirmed"]);
  });

  it("a blank recurrence is no recurrence: the event is a one-off", () => {
    const s = blank();
    const e = s.ok("create_event", { summary: "Blank", ...hour, recurrence: "   " });
    expect(e.recurrence).toBeUndefined();
    const w = s.ok("create_event", { summary: "Weekly", start: "2026-11-17T10:00:00Z", end: "2026-11-17T11:00:00Z", recurrence: "FREQ=WEEKLY" });
    expect(s.ok("update_event", { event_id: w.id, recurrence: "  " }).recurrence).toBeUndefined();
  });

  it("RRULE text that only looks like a prefix or an ordinal is read as what it is", () => {
    refused("FREQ=DAILY;RRULE:COUNT=2", MON, /^invalid recurrence: RRULE:COUNT is not supported/);
    refused("FREQ=WEEKLY;BYDAY=10MO", MON, /BYDAY=10MO uses an ordinal weekday/);
    refused("FREQ=WEEKLY;BYDAY=2MOX", MON, /BYDAY value "2MOX" is not a weekday/);
    refused("FREQ=WEEKLY;BYDAY=X1MO", MON, /BYDAY value "X1MO" is not a weekday/);
    refused("FREQ=DAILY;COUNT=2.5", MON, /^invalid recurrence: COUNT=2\.5 must be a whole number from 1 to 1000$/);
    refused("FREQ=DAILY;UNTIL=2026123112345678901234", MON, /^invalid recurrence: UNTIL=20261231123456789012 is not a date/);
  });
});

describe("calendar rules: more of the organiser's and the room's edges", () => {
  const HELENA = "helena.kowalski@harbor-media.com";

  it("the organiser is named from the attendee list even when listed after others; an event holding only its organiser is no invitation", () => {
    const s = blank();
    const id = put(s, {
      summary: "Board",
      start: "2026-11-16T10:00:00Z",
      end: "2026-11-16T11:00:00Z",
      attendees: [
        { email: ME, name: "Ximena Mensah", response_status: "needsAction", optional: false },
        { email: HELENA, name: "Helena Kowalski", response_status: "accepted", optional: false },
      ],
    });
    s.fails(
      "move_event",
      { event_id: id, destination_calendar_id: "CAL-1004" },
      "permission_denied",
      new RegExp(`^only the organizer can move this event: ${id} \\('Board'\\) is organised by Helena Kowalski <`),
    );
    s.fails(
      "remove_event_attendee",
      { event_id: id, email: ME },
      "permission_denied",
      /^only the organizer can remove attendees from this event: .*respond_to_event/,
    );
    const hers = put(s, {
      summary: "Hers",
      start: "2026-11-16T12:00:00Z",
      end: "2026-11-16T13:00:00Z",
      attendees: [{ email: HELENA, name: "Helena Kowalski", response_status: "accepted", optional: false }],
    });
    s.fails(
      "delete_event",
      { event_id: hers },
      "permission_denied",
      /is organised by Helena Kowalski <helena\.kowalski@harbor-media\.com>; ask the organizer to make the change$/,
    );
  });

  it("removing someone who is not invited lists who is", () => {
    const s = blank();
    const e = s.ok("create_event", { summary: "E", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", attendees: ["a@example.com", "b@example.com"] });
    s.fails(
      "remove_event_attendee",
      { event_id: e.id, email: "c@example.com" },
      "not_found",
      new RegExp(`^c@example.com is not invited to ${e.id}; its attendees are ${ME}, a@example.com, b@example.com$`),
    );
    const noOrganiser = put(s, {
      calendar_id: "CAL-1001",
      organizer: ME,
      start: "2026-11-16T12:00:00Z",
      end: "2026-11-16T13:00:00Z",
      attendees: [
        { email: "a@example.com", response_status: "accepted", optional: false },
        { email: "b@example.com", response_status: "accepted", optional: false },
      ],
    });
    // the list empties only when the organiser would be left alone on it
    expect(s.ok("remove_event_attendee", { event_id: noOrganiser, email: "b@example.com" }).attendees.map((a: { email: string }) => a.email)).toEqual([
      "a@example.com",
    ]);
  });

  it("an invalid address is refused naming the parameter it came in", () => {
    const s = blank();
    const e = s.ok("create_event", { summary: "E", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    s.fails("add_event_attendees", { event_id: e.id, emails: ["maya"] }, "invalid_argument", /"maya" in emails is not a valid email address/);
    s.fails("find_meeting_slots", { attendees: ["maya"], duration_minutes: 30 }, "invalid_argument", /"maya" in attendees is not a valid email address/);
  });

  it("new guests are required unless marked optional", () => {
    const s = blank();
    const e = s.ok("create_event", { summary: "E", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    expect(s.ok("add_event_attendees", { event_id: e.id, emails: ["a@example.com"] }).attendees.at(-1)).toEqual({
      email: "a@example.com",
      response_status: "needsAction",
      optional: false,
    });
  });

  it("a meeting double-booked behind the tools' back can still be renamed; moving its start or end, or repeating it, is checked", () => {
    const s = blank();
    const mine = put(s, {
      calendar_id: "CAL-1001",
      organizer: ME,
      summary: "Mine",
      room_id: "ROOM-101",
      start: "2026-11-16T10:00:00Z",
      end: "2026-11-16T11:00:00Z",
    });
    put(s, { summary: "Squatter", room_id: "ROOM-101", start: "2026-11-16T11:30:00Z", end: "2026-11-16T12:00:00Z" });
    put(s, { summary: "Early bird", room_id: "ROOM-101", start: "2026-11-16T09:00:00Z", end: "2026-11-16T09:30:00Z" });
    s.edit(calendar, (db) => db.events.update(mine, { start: "2026-11-16T09:15:00Z" }));
    // now 09:15-11:00 overlaps 'Early bird'; a rename does not look
    expect(s.ok("update_event", { event_id: mine, summary: "Mine!" }).summary).toBe("Mine!");
    s.fails("update_event", { event_id: mine, end: "2026-11-16T11:45:00Z" }, "conflict", /'Early bird'|'Squatter'/);
    s.fails("update_event", { event_id: mine, start: "2026-11-16T09:00:00Z", end: "2026-11-16T11:00:00Z" }, "conflict", /'Early bird'/);
    s.edit(calendar, (db) => db.events.update(mine, { start: "2026-11-16T10:00:00Z" }));
    s.fails("update_event", { event_id: mine, end: "2026-11-16T11:45:00Z" }, "conflict", /'Squatter'/);
    const both = s.ok("update_event", { event_id: mine, start: "2026-11-16T13:00:00Z", end: "2026-11-16T13:20:00Z" });
    expect([both.start, both.end, both.room_id]).toEqual(["2026-11-16T13:00:00Z", "2026-11-16T13:20:00Z", "ROOM-101"]);
  });

  it("the refusal names the earliest clashing booking, whatever order they were made in", () => {
    const s = blank();
    put(s, { summary: "Later half", room_id: "ROOM-102", start: "2026-11-16T10:30:00Z", end: "2026-11-16T11:00:00Z" });
    put(s, { summary: "Earlier half", room_id: "ROOM-102", start: "2026-11-16T10:00:00Z", end: "2026-11-16T10:30:00Z" });
    s.fails(
      "create_event",
      { summary: "Hour", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", room_id: "ROOM-102" },
      "conflict",
      /already booked 2026-11-16 10:00–10:30 by EVT-\d+ 'Earlier half'/,
    );
  });

  it("a meeting moved into a clash is offered its own old time: it is not in its own way", () => {
    const s = blank();
    const mine = s.ok("create_event", { summary: "Mine", start: "2026-11-16T11:00:00Z", end: "2026-11-16T12:00:00Z", room_id: "ROOM-101" });
    put(s, { summary: "Other", room_id: "ROOM-101", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    s.fails(
      "update_event",
      { event_id: mine.id, start: "2026-11-16T10:00:00Z" },
      "conflict",
      /'Other'.*; or Juniper is free for 60 minutes from 2026-11-16T11:00:00Z$/,
    );
  });

  it("the next free time is looked for until 14 days after the clash, not beyond", () => {
    const s = blank();
    put(s, { room_id: "ROOM-101", start: "2026-11-16T08:00:00Z", end: "2026-11-16T18:00:00Z", recurrence: "FREQ=DAILY;INTERVAL=1;COUNT=14" });
    put(s, { room_id: "ROOM-101", start: "2026-11-30T08:00:00Z", end: "2026-11-30T10:00:00Z" });
    s.fails(
      "create_event",
      { summary: "Clash", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", room_id: "ROOM-101" },
      "conflict",
      /Kestrel \(20 seats\)$/,
    );
  });

  it("the rooms suggested seat everyone: exactly enough seats is enough, one too few is not, even when that room is free", () => {
    const s = blank();
    const six = ["a", "b", "c", "d", "e"].map((x) => `${x}@example.com`);
    s.fails(
      "create_event",
      { summary: "Six", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", attendees: six, room_id: "ROOM-101" },
      "failed_precondition",
      /^room ROOM-101 \(Juniper\) seats 4 but the event has 6 attendees; rooms with at least 6 seats: ROOM-102 Granite \(6 seats\), ROOM-103 Cedar/,
    );
    put(s, { room_id: "ROOM-105", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    s.fails(
      "create_event",
      { summary: "Five", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z", attendees: six.slice(0, 4), room_id: "ROOM-105" },
      "conflict",
      /Free rooms with at least 5 seats then: ROOM-102 Granite \(6 seats\), ROOM-103 Cedar \(8 seats\), ROOM-104 Birch \(12 seats\); or Kestrel/,
    );
  });

  it("rooms are listed by seats, smallest first, whatever order they are stored in; a feature is matched trimmed", () => {
    const s = blank();
    s.edit(calendar, (db) => db.rooms.update("ROOM-101", { capacity: 30 }));
    expect(s.ok("list_meeting_rooms", {}).items.map((r: { id: string }) => r.id)).toEqual(["ROOM-102", "ROOM-103", "ROOM-104", "ROOM-105", "ROOM-101"]);
    expect(s.ok("list_meeting_rooms", { feature: "  stage " }).items.map((r: { id: string }) => r.id)).toEqual(["ROOM-105"]);
    const r = s.ok("find_meeting_slots", {
      attendees: ["x@example.com"],
      duration_minutes: 30,
      time_min: "2026-11-16T09:00:00Z",
      with_room: true,
      max_results: 1,
    });
    expect(r.slots[0].room_id).toBe("ROOM-102");
  });

  it("a room's free/busy counts only its own bookings", () => {
    const s = blank();
    put(s, { room_id: "ROOM-103", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    put(s, { organizer: ME, start: "2026-11-16T12:00:00Z", end: "2026-11-16T13:00:00Z" });
    const r = s.ok("query_free_busy", { time_min: "2026-11-16", time_max: "2026-11-16", room_ids: ["ROOM-102", "ROOM-103"] });
    expect(r.rooms).toEqual([
      { room_id: "ROOM-102", name: "Granite", busy: [] },
      { room_id: "ROOM-103", name: "Cedar", busy: [{ start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" }] },
    ]);
  });

  it("without a primary calendar, 'primary' names no calendar", () => {
    const s = blank();
    s.edit(calendar, (db) => db.calendars.update("CAL-1001", { primary: false }));
    s.fails("create_event", { calendar_id: "primary", summary: "x", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" }, "not_found");
  });
});

describe("calendar rules: listing order and matching", () => {
  /** An event with a chosen id, stored after the others (ids are otherwise minted in order). */
  const putAs = (s: TestSession, id: string, e: Partial<Event> & { start: string; end: string }) => {
    const minted = put(s, e);
    s.edit(calendar, (db) => {
      const row = db.events.get(minted);
      db.events.delete(minted);
      db.events.put({ ...row, id });
    });
    return id;
  };

  it("events at the same start are listed by id, in list_events and search_events alike", () => {
    const s = blank();
    const late = put(s, { summary: "Tie B", start: "2026-11-16T10:00:00Z", end: "2026-11-16T11:00:00Z" });
    const early = putAs(s, "EVT-0100", { summary: "Tie A", start: "2026-11-16T10:00:00Z", end: "2026-11-16T10:30:00Z" });
    expect(s.ok("list_events", { time_min: "2026-11-16", time_max: "2026-11-16" }).items.map((x: { id: string }) => x.id)).toEqual([early, late]);
    expect(s.ok("search_events", { query: "tie" }).items.map((x: { id: string }) => x.id)).toEqual([early, late]);
    // by start first: an event with a lower id that starts later comes after them
    const next = putAs(s, "EVT-0050", { summary: "Tie C", start: "2026-11-17T10:00:00Z", end: "2026-11-17T11:00:00Z" });
    expect(s.ok("search_events", { query: "tie" }).items.map((x: { id: string }) => x.id)).toEqual([early, late, next]);
  });

  it("list_events finds an event by a guest's name; single_events=false skips events with nothing in the window", () => {
    const s = blank();
    const withBo = put(s, {
      summary: "Sync",
      start: "2026-11-16T10:00:00Z",
      end: "2026-11-16T11:00:00Z",
      attendees: [{ email: "bo@example.com", name: "Bo Diddley", response_status: "accepted", optional: false }],
    });
    put(s, { summary: "Far away", start: "2026-12-16T10:00:00Z", end: "2026-12-16T11:00:00Z" });
    expect(s.ok("list_events", { time_min: "2026-11-16", time_max: "2026-11-16", query: "diddley" }).items.map((x: { id: string }) => x.id)).toEqual([withBo]);
    expect(s.ok("list_events", { time_min: "2026-11-16", time_max: "2026-11-16", single_events: false }).items.map((x: { id: string }) => x.id)).toEqual([
      withBo,
    ]);
  });

  it("a one-off event ending exactly when the window opens is not in it", () => {
    const s = blank();
    put(s, { start: "2026-11-16T09:00:00Z", end: "2026-11-16T10:00:00Z" });
    expect(s.ok("list_events", { time_min: "2026-11-16T10:00:00Z", time_max: "2026-11-16T12:00:00Z" }).total).toBe(0);
    expect(s.ok("list_events", { time_min: "2026-11-16T09:59:00Z", time_max: "2026-11-16T12:00:00Z" }).total).toBe(1);
  });
});
