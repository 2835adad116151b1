/** Weekly opening hours (shops, restaurants, points of interest), evaluated on the logical clock. */
import { z } from "zod";
import { addDays, WEEKDAYS, weekday, type Weekday } from "./time.ts";

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time as HH:MM");

/** Per weekday: opening and closing time, or null when closed; "24:00" closes at midnight. */
export const OpeningHours = z.record(z.enum(WEEKDAYS), z.object({ open: HHMM, close: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/) }).nullable());
export type OpeningHours = z.output<typeof OpeningHours>;

/** Same hours every day of `days` (default all week); other days closed. */
export function hoursOf(open: string, close: string, days: readonly Weekday[] = WEEKDAYS): OpeningHours {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, days.includes(d) ? { open, close } : null])) as OpeningHours;
}

/** Whether the place is open at an instant (hours are local to the place; our clock is UTC-normalised). */
export function isOpenAt(hours: OpeningHours, instant: string): boolean {
  const day = hours[weekday(instant)];
  if (!day) return false;
  const hhmm = instant.slice(11, 16);
  return day.open <= hhmm && hhmm < day.close;
}

/** The day's hours of the weekday of `instant`, "08:00–21:00", or "closed" (for list views). */
export function hoursOn(hours: OpeningHours, instant: string): string {
  const h = hours[weekday(instant)];
  return h ? `${h.open}–${h.close}` : "closed";
}

/** The instant the place closes on the day of `instant` (which must fall in its opening hours). */
export function closingInstant(hours: OpeningHours, instant: string): string {
  const h = hours[weekday(instant)];
  const date = instant.slice(0, 10);
  if (!h || h.close === "24:00") return `${addDays(date, 1)}T00:00:00Z`;
  return `${date}T${h.close}:00Z`;
}

/** The first instant at or after `instant` when the place is open, within a week; undefined if it never opens. */
export function nextOpening(hours: OpeningHours, instant: string): string | undefined {
  if (isOpenAt(hours, instant)) return instant;
  for (let d = 0; d <= 7; d++) {
    const date = addDays(instant.slice(0, 10), d);
    const h = hours[weekday(date)];
    const opens = h ? `${date}T${h.open}:00Z` : undefined;
    if (opens && opens > instant) return opens;
  }
  return undefined;
}

/**
 * The hours of the weekday of `instant` in words, for a message that says the place is closed:
 * "on tuesdays it is open 08:00–21:00; it opens next at 2026-03-17T08:00:00Z".
 */
export function hoursSentence(hours: OpeningHours, instant: string): string {
  const day = weekday(instant);
  const h = hours[day];
  const next = nextOpening(hours, instant);
  const then = next && next !== instant ? `; it opens next at ${next}` : "";
  return (h ? `on ${day}s it is open ${h.open}–${h.close}` : `it is closed all day on ${day}s`) + then;
}
