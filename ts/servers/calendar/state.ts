/**
 * Calendar state, shaped after the Google Calendar API: calendars the user sees (their primary
 * calendar, a shared team calendar they may edit, a read-only holidays calendar…), events with
 * start/end instants, attendees and their responses, an organizer, an optional recurrence rule
 * (RRULE subset) and reminders, and the office's bookable meeting rooms.
 *
 * Time: every instant is UTC ("2026-03-16T10:00:00Z"); the session clock is UTC-normalised, so
 * working hours are 09:00–17:00 of that clock, Monday to Friday. All-day events run from 00:00Z
 * of their first day to 00:00Z after their last day.
 */
import { fail, table, time, toolkit, z, type Db } from "../framework/index.ts";
import { expandInstances } from "./recurrence.ts";

export const RESPONSES = ["needsAction", "accepted", "declined", "tentative"] as const;
export type Response = (typeof RESPONSES)[number];

export const Calendar = z.object({
  id: z.string(),
  summary: z.string(),
  description: z.string(),
  /** Whose calendar it is (an address). */
  owner: z.string(),
  /** What the user may do: owner (everything), writer (add and edit events), reader (look only). */
  access_role: z.enum(["owner", "writer", "reader"]),
  primary: z.boolean(),
  color: z.string(),
  time_zone: z.string(),
});
export type Calendar = z.output<typeof Calendar>;

export const Attendee = z.object({
  email: z.string(),
  name: z.string().optional(),
  response_status: z.enum(RESPONSES),
  optional: z.boolean(),
  comment: z.string().optional(),
});
export type Attendee = z.output<typeof Attendee>;

export const Reminder = z.object({
  method: z.enum(["popup", "email"]),
  /** Minutes before the start. */
  minutes: z.number().int().min(0).max(40_320),
});
export type Reminder = z.output<typeof Reminder>;

export const Event = z.object({
  id: z.string(),
  calendar_id: z.string(),
  summary: z.string(),
  description: z.string(),
  location: z.string(),
  /** First (or only) occurrence: start inclusive, end exclusive. */
  start: z.string(),
  end: z.string(),
  all_day: z.boolean(),
  /** Address of the person who organises the event. */
  organizer: z.string(),
  /** Everyone invited, the organizer included; empty for a personal event. */
  attendees: z.array(Attendee),
  room_id: z.string().optional(),
  /** RRULE in canonical form, e.g. "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE". */
  recurrence: z.string().optional(),
  /** Starts of occurrences of a recurring event that were cancelled one by one. */
  cancelled_instances: z.array(z.string()),
  reminders: z.array(Reminder),
  status: z.enum(["confirmed", "tentative"]),
  /** opaque: the time shows as busy; transparent: free (holidays, reminders to self). */
  transparency: z.enum(["opaque", "transparent"]),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Event = z.output<typeof Event>;

export const Room = z.object({
  id: z.string(),
  name: z.string(),
  building: z.string(),
  floor: z.number().int(),
  capacity: z.number().int().positive(),
  features: z.array(z.string()),
  /** The room's resource address, as it appears on invitations. */
  email: z.string(),
});
export type Room = z.output<typeof Room>;

const hhmm = (iso: string) => iso.slice(11, 16);

export const tables = {
  calendars: table("calendar", Calendar, {
    idPrefix: "CAL-",
    describe: (c) => (c.primary ? `the user's primary calendar "${c.summary}"` : `the calendar "${c.summary}"`),
  }),
  events: table("event", Event, {
    idPrefix: "EVT-",
    describe: (e) =>
      e.all_day
        ? `the all-day event '${e.summary}' on ${e.start.slice(0, 10)}`
        : `the ${hhmm(e.start)} ${e.recurrence ? "recurring meeting" : "meeting"} '${e.summary}' ${e.recurrence ? "starting" : "on"} ${e.start.slice(0, 10)}`,
  }),
  rooms: table("room", Room, { idPrefix: "ROOM-", idDigits: 3, describe: (r) => `the meeting room ${r.name} (${r.capacity} seats, floor ${r.floor})` }),
};

export const { read, write } = toolkit(tables);
export type Cal = Db<typeof tables>;

/** A calendar by id; "primary" names the user's primary calendar, as in Google Calendar. */
export function needCalendar(db: Cal, id: string): Calendar {
  if (id.trim().toLowerCase() === "primary") {
    const p = db.calendars.find((c) => c.primary);
    if (p) return p;
  }
  return db.calendars.need(id);
}

export function primaryCalendar(db: Cal): Calendar {
  return db.calendars.find((c) => c.primary) ?? fail("the user has no primary calendar", "failed_precondition");
}

/** One occurrence of an event: the event itself, or an instance of a recurring one. */
export interface Occurrence {
  event: Event;
  start: string;
  end: string;
}

/** Occurrences of an event that overlap [fromMs, toMs), in order. */
export function occurrences(e: Event, fromMs: number, toMs: number, limit = 2000): Occurrence[] {
  if (!e.recurrence) {
    return time.toMs(e.start) < toMs && time.toMs(e.end) > fromMs ? [{ event: e, start: e.start, end: e.end }] : [];
  }
  return expandInstances(e, fromMs, toMs, limit).map((x) => ({ event: e, ...x }));
}

/** Attendance counted against a room's capacity: everyone invited, at least the organizer. */
export const headcount = (attendees: readonly Attendee[]) => Math.max(1, attendees.length);

/** Whether a person's time is taken by an event: they organise it or are invited and did not decline. */
export function occupies(e: Event, email: string): boolean {
  if (e.transparency === "transparent") return false;
  if (e.attendees.length === 0) return e.organizer === email;
  const a = e.attendees.find((x) => x.email === email);
  return a ? a.response_status !== "declined" : e.organizer === email;
}

/** The public view of an event, with the room and calendar named. */
export function eventView(db: Cal, e: Event, at?: { start: string; end: string }) {
  const room = e.room_id ? db.rooms.get(e.room_id) : undefined;
  const cal = db.calendars.get(e.calendar_id);
  return {
    ...e,
    ...(at ? { start: at.start, end: at.end, ...(e.recurrence ? { series_start: e.start } : {}) } : {}),
    calendar: cal?.summary ?? e.calendar_id,
    ...(room ? { room: `${room.name} (${room.capacity} seats)` } : {}),
  };
}
