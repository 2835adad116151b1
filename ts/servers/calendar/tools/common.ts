/** Pieces the calendar tools share: time windows, permissions, busy time and room conflicts. */
import { check, fail, time, type CallEnv } from "../../framework/index.ts";
import { seriesEndMs } from "../recurrence.ts";
import { headcount, occupies, occurrences, type Cal, type Calendar, type Event, type Room } from "../state.ts";

export const isDateOnly = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** A [from, to) window from optional bounds: defaults to `defaultDays` days from `defaultFrom`, at most `maxDays` long. */
export function windowOf(
  a: { time_min?: string | undefined; time_max?: string | undefined },
  defaultFrom: string,
  defaultDays: number,
  maxDays: number,
): { from: number; to: number } {
  const from = time.toMs(a.time_min ?? defaultFrom);
  const to = a.time_max ? time.toMs(a.time_max) + (isDateOnly(a.time_max) ? time.DAY : 0) : from + defaultDays * time.DAY;
  check(to > from, () => `time_max (${a.time_max}) must be after time_min (${time.fromMs(from)})`, "invalid_argument");
  check(
    to - from <= maxDays * time.DAY,
    `the window spans ${Math.ceil((to - from) / time.DAY)} days; at most ${maxDays} days can be asked at once — split it into shorter windows`,
    "invalid_argument",
  );
  return { from, to };
}

export function writableCalendars(db: Cal): string {
  return db.calendars
    .filter((c) => c.access_role !== "reader")
    .map((c) => `${c.id} ("${c.summary}")`)
    .join(", ");
}

/** Refuses any change on a calendar the user can only read. */
export function mustWrite(db: Cal, c: Calendar, what: string): void {
  check(
    c.access_role !== "reader",
    () => `calendar ${c.id} ("${c.summary}") is read-only for you, so you cannot ${what} there; calendars you can edit: ${writableCalendars(db)}`,
    "permission_denied",
  );
}

/** Only the organizer changes an event; everyone else may only answer the invitation. */
export function mustOrganize(db: Cal, e: Event, env: CallEnv, what: string): void {
  const c = db.calendars.need(e.calendar_id);
  mustWrite(db, c, what);
  const organizer = e.attendees.find((a) => a.email === e.organizer)?.name ?? e.organizer;
  const invited = e.attendees.some((a) => a.email === env.world.user.email);
  check(
    e.organizer === env.world.user.email,
    `only the organizer can ${what}: ${e.id} ('${e.summary}') is organised by ${organizer} <${e.organizer}>; ${invited ? "you can answer the invitation with respond_to_event, or ask the organizer to make the change" : "ask the organizer to make the change"}`,
    "permission_denied",
  );
}

/** Merged busy intervals of the events `counts` selects, within [from, to). */
export function busyIntervals(db: Cal, counts: (e: Event) => boolean, from: number, to: number): Array<{ start: number; end: number; event: Event }> {
  const spans = db.events
    .filter(counts)
    .flatMap((e) => occurrences(e, from, to).map((o) => ({ start: Math.max(from, time.toMs(o.start)), end: Math.min(to, time.toMs(o.end)), event: e })))
    .sort((x, y) => x.start - y.start);
  return spans;
}

export function merge(spans: ReadonlyArray<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const s of [...spans].sort((x, y) => x.start - y.start)) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

export const personBusy = (db: Cal, email: string, from: number, to: number) => merge(busyIntervals(db, (e) => occupies(e, email), from, to));

/** The occurrences of a (candidate) event that room and conflict checks look at: the whole series, at most a year of it. */
export function checkedSpans(e: Pick<Event, "start" | "end" | "recurrence" | "cancelled_instances">): Array<{ start: string; end: string }> {
  const from = time.toMs(e.start);
  if (!e.recurrence) return [{ start: e.start, end: e.end }];
  const end = seriesEndMs(e);
  const to = Math.min(end ?? Number.POSITIVE_INFINITY, from + 366 * time.DAY) + 1;
  return occurrences({ ...(e as Event), recurrence: e.recurrence }, from, to, 500);
}

interface Conflict {
  other: Event;
  at: { start: string; end: string };
  mine: { start: string; end: string };
}

export function roomConflict(db: Cal, roomId: string, spans: ReadonlyArray<{ start: string; end: string }>, excludeEventId?: string): Conflict | undefined {
  if (spans.length === 0) return undefined;
  const from = time.toMs(spans[0]!.start);
  const to = Math.max(...spans.map((s) => time.toMs(s.end)));
  // Every booking of the room over the whole checked horizon, expanded once.
  const booked = db.events
    .filter((x) => x.room_id === roomId && x.id !== excludeEventId)
    .flatMap((other) => occurrences(other, from, to).map((o) => ({ other, start: time.toMs(o.start), end: time.toMs(o.end), at: o })))
    .sort((a, b) => a.start - b.start);
  for (const mine of spans) {
    const s = time.toMs(mine.start);
    const e = time.toMs(mine.end);
    const hit = booked.find((b) => b.start < e && s < b.end);
    if (hit) return { other: hit.other, at: { start: hit.at.start, end: hit.at.end }, mine };
  }
  return undefined;
}

/** First start at or after `fromMs`, within working hours (09:00–17:00 Mon–Fri), when the room is free for `minutes`; scans two weeks. */
function nextFreeTime(db: Cal, roomId: string, fromMs: number, minutes: number, excludeEventId?: string): string | undefined {
  const step = 15 * time.MINUTE;
  let t = Math.ceil(fromMs / step) * step;
  const limit = fromMs + 14 * time.DAY;
  const busy = merge(busyIntervals(db, (x) => x.room_id === roomId && x.id !== excludeEventId, fromMs, limit + time.DAY));
  for (; t < limit; t += step) {
    const end = t + minutes * time.MINUTE;
    if (!withinWorkingHours(t, end)) continue;
    if (!busy.some((b) => b.start < end && t < b.end)) return time.fromMs(t);
  }
  return undefined;
}

export const WORK_START_HOUR = 9;
export const WORK_END_HOUR = 17;

export function withinWorkingHours(startMs: number, endMs: number): boolean {
  const d = new Date(startMs);
  const wd = d.getUTCDay();
  if (wd === 0 || wd === 6) return false;
  const dayStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return startMs >= dayStart + WORK_START_HOUR * time.HOUR && endMs <= dayStart + WORK_END_HOUR * time.HOUR;
}

const hhmm = (iso: string) => iso.slice(11, 16);

/**
 * Refuses a room that is too small or already booked. The conflict message names the other
 * event and suggests rooms that are free and big enough, and when this room is next free.
 */
export function checkRoom(db: Cal, room: Room, e: Pick<Event, "id" | "start" | "end" | "recurrence" | "cancelled_instances" | "attendees" | "all_day">): void {
  check(
    !e.all_day,
    `rooms are booked for timed events; ${e.id} is an all-day event — give it a start and end time first with update_event`,
    "failed_precondition",
  );
  const need = headcount(e.attendees);
  const bigEnough = () =>
    db.rooms
      .filter((r) => r.capacity >= need)
      .map((r) => `${r.id} ${r.name} (${r.capacity} seats)`)
      .join(", ") || "none — split the meeting or hold it by video";
  check(
    room.capacity >= need,
    () => `room ${room.id} (${room.name}) seats ${room.capacity} but the event has ${need} attendees; rooms with at least ${need} seats: ${bigEnough()}`,
    "failed_precondition",
  );
  const spans = checkedSpans(e);
  const c = roomConflict(db, room.id, spans, e.id);
  if (!c) return;
  const free = db.rooms.filter((r) => r.id !== room.id && r.capacity >= need && !roomConflict(db, r.id, spans, e.id));
  const minutes = time.minutesBetween(e.start, e.end);
  const next = nextFreeTime(db, room.id, time.toMs(c.mine.start), minutes, e.id);
  fail(
    `room ${room.id} (${room.name}) is already booked ${c.at.start.slice(0, 10)} ${hhmm(c.at.start)}–${hhmm(c.at.end)} by ${c.other.id} '${c.other.summary}' (organised by ${c.other.organizer}), ` +
      `which overlaps this event's ${c.mine.start.slice(0, 10)} ${hhmm(c.mine.start)}–${hhmm(c.mine.end)}. ` +
      (free.length
        ? `Free rooms with at least ${need} seats then: ${free.map((r) => `${r.id} ${r.name} (${r.capacity} seats)`).join(", ")}`
        : `No other room with at least ${need} seats is free then`) +
      (next ? `; or ${room.name} is free for ${minutes} minutes from ${next}` : ""),
    "conflict",
  );
}
