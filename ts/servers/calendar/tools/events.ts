/**
 * Events: list, search, read, create, change, delete and move them, and expand recurring series.
 *
 * Rules:
 * - an event ends after it starts; start and end are both date-times, or both dates (all-day);
 * - events cannot be created in the past, nor moved to start in the past: an assistant that
 *   schedules something before "now" has almost always got the year, day or AM/PM wrong, so the
 *   call is refused with the current time in the message (all-day events may start today);
 * - read-only calendars (holidays, a colleague's shared calendar) cannot be written;
 * - only the organizer may change, delete or move an event (others answer with respond_to_event);
 * - recurrence rules are validated (see recurrence.ts) and must fit the start's weekday;
 * - a room stays with the event and is re-checked for conflicts when its time changes;
 * - one occurrence of a series can be cancelled on its own (delete_event with instance_start).
 */
import {
  ascending,
  check,
  dateOrInstant,
  emailAddresses,
  emailList,
  fail,
  isoInstant,
  matchesText,
  page,
  paginate,
  rangeStart,
  ref,
  time,
  z,
  type CallEnv,
} from "../../framework/index.ts";
import { DAY_CODES, mondayIndex, normalizeRule } from "../recurrence.ts";
import { eventView, needCalendar, occurrences, primaryCalendar, read, Reminder, write, type Attendee, type Cal, type Event } from "../state.ts";
import { checkRoom, isDateOnly, mustOrganize, mustWrite, windowOf } from "./common.ts";

export const MAX_EVENT_DAYS = 14;

const eventId = (d: string) => ref("event", d);
const calendarId = (d: string) => ref("calendar", d);
const remindersParam = z
  .array(
    Reminder.extend({
      method: z.enum(["popup", "email"]).describe("popup: a notification; email: a message"),
      minutes: z.number().int().min(0).max(40_320).describe("Minutes before the start (0 to 40320, i.e. four weeks)"),
    }).strict(),
  )
  .max(5, "at most 5 reminders per event")
  .describe("Reminders, e.g. [{method:'popup', minutes:10}]");

/** Resolves start/end arguments into instants: dates mean all-day (the end date is the last day, inclusive). */
export function resolveTimes(start: string, end: string): { start: string; end: string; all_day: boolean } {
  const sDate = isDateOnly(start);
  const eDate = isDateOnly(end);
  check(sDate === eDate, `start (${start}) and end (${end}) must both be date-times, or both dates for an all-day event`, "invalid_argument");
  const s = time.toMs(start);
  const e = time.toMs(end) + (eDate ? time.DAY : 0);
  check(
    e > s,
    sDate
      ? `the end date ${end} is before the start date ${start}; for a one-day event give the same date twice`
      : `the event must end after it starts: end ${end} is not after start ${start}`,
    "invalid_argument",
  );
  check(
    e - s <= MAX_EVENT_DAYS * time.DAY,
    `the event would last ${Math.ceil((e - s) / time.DAY)} days; an event lasts at most ${MAX_EVENT_DAYS} days — use a recurrence for repeating events`,
    "invalid_argument",
  );
  return { start: time.fromMs(s), end: time.fromMs(e), all_day: sDate };
}

/** Refuses a start in the past (for all-day events: a day before today). */
export function notInPast(start: string, allDay: boolean, env: CallEnv, what: string): void {
  if (allDay)
    check(
      start.slice(0, 10) >= env.today,
      `${what} on ${start.slice(0, 10)}, which is in the past; today is ${env.today}. Pick today or a later day`,
      "failed_precondition",
    );
  else
    check(
      start >= env.now,
      `${what} at ${start}, which is in the past; it is now ${env.now}. Pick a later time (check the date, year and AM/PM)`,
      "failed_precondition",
    );
}

/** A weekly rule on the start's own weekday moves with the start (a Tuesday 1:1 moved to Wednesday repeats on Wednesdays). */
function followStart(rule: string, oldStart: string, newStart: string): string {
  const code = (iso: string) => DAY_CODES[mondayIndex(time.toMs(iso))] as string;
  return rule.replace(new RegExp(`BYDAY=${code(oldStart)}(?=;|$)`), `BYDAY=${code(newStart)}`);
}

function recurrenceOf(text: string | undefined, start: string): string | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  return normalizeRule(text, start);
}

export function withUserAsOrganizer(env: CallEnv, guests: readonly string[], existing?: readonly Attendee[]): Attendee[] {
  const me = env.world.user.email;
  const people = new Map(env.world.people.map((p) => [p.email, p.full_name]));
  const current = existing ?? [];
  const list: Attendee[] = current.length
    ? [...current]
    : guests.length
      ? [{ email: me, name: env.world.user.full_name, response_status: "accepted", optional: false }]
      : [];
  for (const g of guests) {
    if (list.some((a) => a.email === g)) continue;
    const name = people.get(g);
    list.push({ email: g, ...(name ? { name } : {}), response_status: "needsAction", optional: false });
  }
  return list;
}

/** Instances of a series as list items: the instance's own start/end and an instance id. */
function instanceItem(db: Cal, e: Event, o: { start: string; end: string }) {
  return { ...eventView(db, e, o), ...(e.recurrence ? { instance_id: `${e.id}_${o.start.replace(/[-:]/g, "")}` } : {}) };
}

function nextInstances(e: Event, fromIso: string, n: number) {
  return occurrences(e, time.toMs(fromIso), time.toMs(fromIso) + 800 * time.DAY, n).map((o) => ({ start: o.start, end: o.end }));
}

function responses(e: Event) {
  const out = { accepted: 0, declined: 0, tentative: 0, needsAction: 0 };
  for (const a of e.attendees) out[a.response_status]++;
  return out;
}

export const eventTools = {
  list_events: read({
    description:
      "Events in a time window, in start order, on one calendar or on all calendars the user sees. Recurring events are expanded into their occurrences (each item then has the occurrence's start/end, the series id as id, and an instance_id). " +
      "Defaults: from the start of today, 7 days. Optional text query on title, description, location and attendees.",
    input: z
      .object({
        calendar_id: calendarId("Only this calendar ('primary' for the user's own); default all calendars").optional(),
        time_min: rangeStart("time_max", dateOrInstant("Window start (date-time, or a date meaning its midnight UTC); default the start of today")).optional(),
        time_max: dateOrInstant("Window end (a date includes that whole day); default 7 days after time_min; at most 366 days after it").optional(),
        query: z.string().max(200).optional().describe("Text to look for in title, description, location or attendees"),
        single_events: z.boolean().default(true).describe("true: one item per occurrence of recurring events; false: each series once"),
        ...page,
      })
      .strict(),
    discovers: "event",
    run: (db, a, env) => {
      const cal = a.calendar_id ? needCalendar(db, a.calendar_id) : undefined;
      const w = windowOf(a, env.today, 7, 366);
      const items = db.events
        .filter(
          (e) =>
            (!cal || e.calendar_id === cal.id) &&
            matchesText(a.query, e.summary, e.description, e.location, e.organizer, ...e.attendees.flatMap((x) => [x.email, x.name])),
        )
        .flatMap((e) => {
          const occ = occurrences(e, w.from, w.to, 400);
          if (!occ.length) return [];
          return a.single_events ? occ.map((o) => instanceItem(db, e, o)) : [instanceItem(db, e, occ[0] as { start: string; end: string })];
        })
        .sort((x, y) => ascending("start")(x, y) || ascending("id")(x, y));
      return { time_min: time.fromMs(w.from), time_max: time.fromMs(w.to), ...paginate(items, a) };
    },
  }),

  search_events: read({
    description:
      "Find events by text in title, description, location, organizer or attendees (names or addresses), on every calendar, optionally within a window. Each series is listed once, with its next occurrence. Sorted by start.",
    input: z
      .object({
        query: z.string().trim().min(2, "search for at least 2 characters").max(200).describe("Text to look for, e.g. 'standup', 'Maya' or 'Birch'"),
        time_min: rangeStart("time_max", dateOrInstant("Only events with an occurrence after this")).optional(),
        time_max: dateOrInstant("Only events with an occurrence before this").optional(),
        ...page,
      })
      .strict(),
    discovers: "event",
    run: (db, a, env) => {
      const from = a.time_min ? time.toMs(a.time_min) : time.toMs("1970-01-01");
      const to = a.time_max ? time.toMs(a.time_max) + (isDateOnly(a.time_max) ? time.DAY : 0) : time.toMs("2101-01-01");
      check(to > from, "time_max must be after time_min", "invalid_argument");
      const rooms = new Map(db.rooms.all().map((r) => [r.id, r.name]));
      const items = db.events
        .filter((e) =>
          matchesText(
            a.query,
            e.summary,
            e.description,
            e.location,
            e.organizer,
            e.room_id ? rooms.get(e.room_id) : undefined,
            ...e.attendees.flatMap((x) => [x.email, x.name]),
          ),
        )
        .filter((e) => (a.time_min || a.time_max ? occurrences(e, from, to, 1).length > 0 : true))
        .sort((x, y) => ascending("start")(x, y) || ascending("id")(x, y))
        .map((e) => ({ ...eventView(db, e), ...(e.recurrence ? { next_occurrence: nextInstances(e, env.now, 1)[0] ?? null } : {}) }));
      return paginate(items, a);
    },
  }),

  get_event: read({
    description:
      "One event in full: times, calendar, organizer, attendees with their responses (and a count per response), room, recurrence with the next occurrences, reminders.",
    input: z.object({ event_id: eventId("The event (for an occurrence of a series, its series id)") }).strict(),
    run: (db, a, env) => {
      const e = db.events.need(a.event_id);
      return { ...eventView(db, e), responses: responses(e), ...(e.recurrence ? { next_instances: nextInstances(e, env.now, 5) } : {}) };
    },
  }),

  list_event_instances: read({
    description:
      "The occurrences of a recurring event in a window (default: from now, 90 days), each with its own start, end and instance_id; cancelled occurrences are left out. A one-off event yields itself if it falls in the window.",
    input: z
      .object({
        event_id: eventId("The recurring event"),
        time_min: rangeStart("time_max", dateOrInstant("Window start; default now")).optional(),
        time_max: dateOrInstant("Window end; default 90 days after time_min; at most 366 days after it").optional(),
        ...page,
      })
      .strict(),
    run: (db, a, env) => {
      const e = db.events.need(a.event_id);
      const w = windowOf(a, env.now, 90, 366);
      const items = occurrences(e, w.from, w.to, 400).map((o) => ({
        instance_id: e.recurrence ? `${e.id}_${o.start.replace(/[-:]/g, "")}` : e.id,
        event_id: e.id,
        summary: e.summary,
        start: o.start,
        end: o.end,
      }));
      return { event_id: e.id, recurrence: e.recurrence ?? null, cancelled_instances: e.cancelled_instances, ...paginate(items, a) };
    },
  }),

  create_event: write({
    description:
      "Create an event on a calendar the user can edit (default: the primary calendar); the user is its organizer. start/end are date-times (or both dates for an all-day event, end = last day). " +
      "Optional attendees (addresses; they get needsAction), a meeting room (checked for capacity and conflicts), a recurrence rule (RRULE: FREQ=DAILY|WEEKLY|MONTHLY;INTERVAL;BYDAY;COUNT or UNTIL) and reminders. " +
      "Events cannot start in the past. Returns the event.",
    input: z
      .object({
        calendar_id: calendarId("Calendar to add it to; default 'primary'").optional(),
        summary: z.string().trim().min(1, "an event needs a title").max(200).describe("Title, e.g. 'Q3 planning'"),
        start: rangeStart("end", dateOrInstant("Start, e.g. 2026-03-16T10:00:00Z (or 2026-03-16 for an all-day event)")),
        end: dateOrInstant("End, e.g. 2026-03-16T11:00:00Z (or the last day, for an all-day event)"),
        description: z.string().max(8000).default("").describe("Notes or agenda"),
        location: z.string().max(500).default("").describe("Where it happens (a room booking sets it)"),
        attendees: emailList("Addresses of the people to invite").default([]),
        room_id: ref("room", "Meeting room to book for it").optional(),
        recurrence: z.string().max(300).optional().describe("RRULE, e.g. 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10' or 'FREQ=MONTHLY;UNTIL=20261231'"),
        reminders: remindersParam.optional(),
        show_as: z.enum(["busy", "free"]).default("busy").describe("Whether the time shows as busy in free/busy"),
      })
      .strict(),
    produces: "event",
    run: (db, a, env) => {
      const cal = a.calendar_id ? needCalendar(db, a.calendar_id) : primaryCalendar(db);
      mustWrite(db, cal, "add events");
      const t = resolveTimes(a.start, a.end);
      notInPast(t.start, t.all_day, env, "the event would start");
      const recurrence = recurrenceOf(a.recurrence, t.start);
      const attendees = withUserAsOrganizer(
        env,
        emailAddresses(a.attendees, "attendees").filter((x) => x !== env.world.user.email),
      );
      const room = a.room_id ? db.rooms.need(a.room_id) : undefined;
      const draft = { id: db.events.peekId(), ...t, recurrence, cancelled_instances: [], attendees };
      if (room) checkRoom(db, room, draft);
      const e = db.events.create({
        calendar_id: cal.id,
        summary: a.summary,
        description: a.description,
        location: room && !a.location ? `${room.name}, ${room.building}, floor ${room.floor}` : a.location,
        ...t,
        organizer: env.world.user.email,
        attendees,
        ...(room ? { room_id: room.id } : {}),
        ...(recurrence ? { recurrence } : {}),
        cancelled_instances: [],
        reminders: a.reminders ?? (t.all_day ? [] : [{ method: "popup", minutes: 10 }]),
        status: "confirmed",
        transparency: a.show_as === "free" ? "transparent" : "opaque",
        created_at: env.now,
        updated_at: env.now,
      });
      return eventView(db, e);
    },
  }),

  update_event: write({
    description:
      "Change an event the user organizes: title, description, location, times, recurrence ('' makes it a one-off) or busy/free. Giving only a new start keeps the duration. " +
      "A new time cannot be in the past, and a booked room is re-checked for conflicts. Applies to the whole series of a recurring event. Returns the event.",
    input: z
      .object({
        event_id: eventId("The event to change"),
        summary: z.string().trim().min(1).max(200).optional().describe("New title"),
        description: z.string().max(8000).optional().describe("New description"),
        location: z.string().max(500).optional().describe("New location"),
        start: rangeStart("end", dateOrInstant("New start")).optional(),
        end: dateOrInstant("New end").optional(),
        recurrence: z.string().max(300).optional().describe("New RRULE, or '' to stop repeating"),
        show_as: z.enum(["busy", "free"]).optional().describe("Whether the time shows as busy"),
      })
      .strict(),
    run: (db, a, env) => {
      const e = db.events.need(a.event_id);
      mustOrganize(db, e, env, "change this event");
      const { event_id: _id, ...fields } = a;
      check(
        Object.values(fields).some((v) => v !== undefined),
        "nothing to change: give at least one of summary, description, location, start, end, recurrence, show_as",
        "invalid_argument",
      );
      let times = { start: e.start, end: e.end, all_day: e.all_day };
      if (a.start !== undefined || a.end !== undefined) {
        if (a.start !== undefined && a.end === undefined) {
          // Only a new start: keep the duration (in whole days for an all-day start).
          const dur = time.toMs(e.end) - time.toMs(e.start);
          const endArg = isDateOnly(a.start) ? time.addDays(a.start, Math.max(1, Math.round(dur / time.DAY)) - 1) : time.fromMs(time.toMs(a.start) + dur);
          times = resolveTimes(a.start, endArg);
        } else if (a.start === undefined && a.end !== undefined) {
          times = resolveTimes(e.all_day ? e.start.slice(0, 10) : e.start, a.end);
        } else {
          times = resolveTimes(a.start as string, a.end as string);
        }
        if (times.start !== e.start) notInPast(times.start, times.all_day, env, "the event would start");
      }
      const recurrence =
        a.recurrence !== undefined
          ? recurrenceOf(a.recurrence, times.start)
          : e.recurrence
            ? normalizeRule(followStart(e.recurrence, e.start, times.start), times.start)
            : undefined;
      const timing = times.start !== e.start || times.end !== e.end || recurrence !== e.recurrence;
      const cancelled = times.start !== e.start || !recurrence ? [] : e.cancelled_instances;
      if (e.room_id && timing) {
        if (times.all_day)
          fail(`${e.id} has room ${e.room_id} booked; an all-day event cannot hold a room — release it with release_meeting_room first`, "failed_precondition");
        checkRoom(db, db.rooms.need(e.room_id), { ...e, ...times, recurrence, cancelled_instances: cancelled });
      }
      const { recurrence: _old, ...rest } = e;
      const next: Event = {
        ...rest,
        ...times,
        ...(recurrence ? { recurrence } : {}),
        cancelled_instances: cancelled,
        ...(a.summary !== undefined ? { summary: a.summary } : {}),
        ...(a.description !== undefined ? { description: a.description } : {}),
        ...(a.location !== undefined ? { location: a.location } : {}),
        ...(a.show_as ? { transparency: a.show_as === "free" ? "transparent" : "opaque" } : {}),
        updated_at: env.now,
      };
      return eventView(db, db.events.put(next));
    },
  }),

  delete_event: write({
    description:
      "Delete an event the user organizes, for everyone (attendees who are not the organizer should decline with respond_to_event instead). " +
      "For a recurring event, instance_start cancels just that occurrence; without it the whole series goes.",
    input: z
      .object({
        event_id: eventId("The event to delete"),
        instance_start: isoInstant("Start of the one occurrence to cancel (recurring events only), e.g. 2026-03-17T09:30:00Z").optional(),
      })
      .strict(),
    destructive: true,
    run: (db, a, env) => {
      const e = db.events.need(a.event_id);
      mustOrganize(db, e, env, "delete this event");
      if (a.instance_start === undefined) {
        db.events.delete(e.id);
        return { deleted: e.id, summary: e.summary };
      }
      check(
        e.recurrence,
        `${e.id} ('${e.summary}') does not repeat, so it has no occurrences to cancel; leave out instance_start to delete the event`,
        "invalid_argument",
      );
      const at = a.instance_start;
      const occ = occurrences(e, time.toMs(at), time.toMs(at) + 1, 1)[0];
      if (!occ || occ.start !== at) {
        const upcoming = occurrences(e, Math.max(time.toMs(at) - 7 * time.DAY, time.toMs(e.start)), time.toMs(at) + 21 * time.DAY, 4).map((o) => o.start);
        fail(
          `${e.id} ('${e.summary}') has no occurrence starting at ${at}${upcoming.length ? `; occurrences around then start at ${upcoming.join(", ")}` : ""} (see list_event_instances)`,
          "not_found",
        );
      }
      const updated = db.events.update(e.id, { cancelled_instances: [...e.cancelled_instances, at].sort(), updated_at: env.now });
      return { event_id: e.id, summary: e.summary, cancelled_instance: at, cancelled_instances: updated.cancelled_instances };
    },
  }),

  move_event: write({
    description: "Move an event the user organizes to another calendar they can edit (e.g. from the primary calendar to the team calendar). Returns the event.",
    input: z
      .object({ event_id: eventId("The event to move"), destination_calendar_id: calendarId("Calendar to move it to ('primary' for the user's own)") })
      .strict(),
    run: (db, a, env) => {
      const e = db.events.need(a.event_id);
      mustOrganize(db, e, env, "move this event");
      const dest = needCalendar(db, a.destination_calendar_id);
      check(dest.id !== e.calendar_id, `${e.id} is already on ${dest.id} ("${dest.summary}"); pick another calendar`, "invalid_argument");
      mustWrite(db, dest, "move events to it");
      return eventView(db, db.events.update(e.id, { calendar_id: dest.id, updated_at: env.now }));
    },
  }),
};
