/**
 * Calendar arithmetic on the session's logical clock.
 *
 * All instants are UTC ISO-8601 strings ("2026-03-14T09:30:00Z") and all dates are
 * "YYYY-MM-DD". Tools never read the host clock: "now" is handed to them by the session, so
 * these helpers only convert and shift. Date is used as a calendar calculator, never as a clock.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && fromMs(toMs(s)).startsWith(s);
}

export function isIsoInstant(s: string): boolean {
  return ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s));
}

/** Milliseconds since the epoch of a date (midnight UTC) or an instant. */
export function toMs(isoOrDate: string): number {
  const ms = Date.parse(ISO_DATE.test(isoOrDate) ? `${isoOrDate}T00:00:00Z` : isoOrDate);
  if (Number.isNaN(ms)) throw new Error(`not an ISO date or instant: ${isoOrDate}`);
  return ms;
}

/** Canonical instant string, to the second: "2026-03-14T09:30:00Z". */
export function fromMs(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function dateOf(isoOrDate: string): string {
  return fromMs(toMs(isoOrDate)).slice(0, 10);
}

export function addMinutes(iso: string, minutes: number): string {
  return fromMs(toMs(iso) + minutes * MINUTE);
}

export function addDays(isoOrDate: string, days: number): string {
  const shifted = fromMs(toMs(isoOrDate) + days * DAY);
  return ISO_DATE.test(isoOrDate) ? shifted.slice(0, 10) : shifted;
}

/** Whole days from a to b (positive when b is later), counted between calendar dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(dateOf(b)) - toMs(dateOf(a))) / DAY);
}

export function minutesBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / MINUTE);
}

export const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export function weekday(isoOrDate: string): Weekday {
  return WEEKDAYS[new Date(toMs(isoOrDate)).getUTCDay()] as Weekday;
}

/** "2026-03" for any date or instant in March 2026. */
export function monthOf(isoOrDate: string): string {
  return dateOf(isoOrDate).slice(0, 7);
}

/** True when [aStart, aEnd) and [bStart, bEnd) share any instant. */
export function overlaps(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return toMs(aStart) < toMs(bEnd) && toMs(bStart) < toMs(aEnd);
}
