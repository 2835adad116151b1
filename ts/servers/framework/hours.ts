/** Weekly opening hours (shops, restaurants, points of interest), evaluated on the logical clock. */
import { z } from "zod";
import { WEEKDAYS, weekday, type Weekday } from "./time.ts";

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
