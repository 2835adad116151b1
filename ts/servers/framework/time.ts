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
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Years a parameter may name (`isoInstant`, `dateOrInstant`): beyond them a value is a typo. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2100;

export function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && fromMs(toMs(s)).startsWith(s);
}

/** "YYYY-MM-DDTHH:MM[:SS[.mmm]]" with Z or an offset, naming a real day and time (2026-02-30 is not one). */
export function isIsoInstant(s: string): boolean {
  return instantProblem(s) === undefined;
}

/** "2026-03": a calendar month. */
export function isIsoMonth(s: string): boolean {
  return ISO_MONTH.test(s);
}

/**
 * Why `s` is not a valid instant (with `years`, also one in that range of years), or undefined
 * when it is one: the reason a message can quote ("2026-02 has no day 30").
 */
export function instantProblem(s: string, years?: readonly [number, number]): string | undefined {
  const m = ISO_INSTANT.exec(s);
  if (!m) return "it is not written YYYY-MM-DDTHH:MM:SSZ";
  const [, date, hh, mm, ss, oh, om] = m as unknown as [string, string, string, string, string?, string?, string?];
  if (!isIsoDate(date)) return dateProblem(date);
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return `${hh}:${mm}${ss ? `:${ss}` : ""} is not a time of day (00:00:00 to 23:59:59)`;
  if (oh !== undefined && (Number(oh) > 14 || Number(om) > 59)) return `${s.slice(-6)} is not a UTC offset (-14:00 to +14:00)`;
  return years ? yearProblem(date, years) : undefined;
}

/** Why `s` is not a valid date (with `years`, also one in that range), or undefined when it is one. */
export function dateProblem(s: string, years?: readonly [number, number]): string | undefined {
  if (!ISO_DATE.test(s)) return "it is not written YYYY-MM-DD";
  if (!isIsoDate(s)) {
    const month = Number(s.slice(5, 7));
    if (month < 1 || month > 12) return `there is no month ${s.slice(5, 7)}`;
    return `${s.slice(0, 7)} has no day ${s.slice(8, 10)} (it has ${daysInMonth(s.slice(0, 7))} days)`;
  }
  return years ? yearProblem(s, years) : undefined;
}

function yearProblem(date: string, [min, max]: readonly [number, number]): string | undefined {
  const year = Number(date.slice(0, 4));
  return year < min || year > max ? `year ${year} is outside ${min} to ${max}` : undefined;
}

/** Days in a month, "2026-02" → 28. */
export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

/** The canonical instant of an instant in any accepted form, or of a date (its midnight UTC). */
export function toInstant(isoOrDate: string): string {
  return fromMs(toMs(isoOrDate));
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

/** Saturday or Sunday. */
export function isWeekend(isoOrDate: string): boolean {
  const d = weekday(isoOrDate);
  return d === "saturday" || d === "sunday";
}

/**
 * `n` business days (Monday to Friday) after a date or instant, or before it when `n` is
 * negative; weekends are skipped, the time of day is kept. 0 returns the value unchanged.
 */
export function addBusinessDays(isoOrDate: string, n: number): string {
  const step = n < 0 ? -1 : 1;
  let d = isoOrDate;
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, step);
    if (!isWeekend(d)) left--;
  }
  return d;
}

/**
 * The first instant strictly after `now` at the time of day `hhmm` ("07:30", UTC wall clock)
 * on one of `days` (a weekly schedule's next run). Without days, a week after today at `hhmm`.
 */
export function nextWeeklyAt(now: string, hhmm: string, days: readonly string[]): string {
  for (let i = 0; i <= 7; i++) {
    const date = addDays(now.slice(0, 10), i);
    const instant = `${date}T${hhmm}:00Z`;
    if (instant > now && days.includes(weekday(date))) return instant;
  }
  return `${addDays(now.slice(0, 10), 7)}T${hhmm}:00Z`;
}

/** The last instant at or before `now` at `hhmm` on one of `days` (a weekly schedule's last run). */
export function lastWeeklyAt(now: string, hhmm: string, days: readonly string[]): string {
  for (let i = 0; i <= 7; i++) {
    const date = addDays(now.slice(0, 10), -i);
    const instant = `${date}T${hhmm}:00Z`;
    if (instant <= now && days.includes(weekday(date))) return instant;
  }
  return `${addDays(now.slice(0, 10), -7)}T${hhmm}:00Z`;
}

/** "2026-03" for any date or instant in March 2026. */
export function monthOf(isoOrDate: string): string {
  return dateOf(isoOrDate).slice(0, 7);
}

// Time zones, through Intl (a calendar calculator, not a clock: the instant always comes in).
// Tools keep instants in UTC; these give the wall-clock view of a place (flights, time zones).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Minutes the IANA zone `tz` is ahead of UTC at an instant (negative west of Greenwich). */
export function utcOffsetMinutes(tz: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE);
}

/** An offset in minutes as written in ISO instants: "+09:00", "-07:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** Wall-clock time in a zone, "2026-03-14T17:30". */
export function localDateTime(tz: string, ms: number): string {
  return new Date(ms + utcOffsetMinutes(tz, ms) * MINUTE).toISOString().slice(0, 16);
}

/** The UTC instant (ms) of a wall-clock time, `date` at "HH:MM", in a zone. */
export function localToUtcMs(date: string, hhmm: string, tz: string): number {
  const guess = Date.parse(`${date}T${hhmm}:00Z`);
  let utc = guess - utcOffsetMinutes(tz, guess) * MINUTE;
  const again = guess - utcOffsetMinutes(tz, utc) * MINUTE;
  if (again !== utc) utc = again;
  return utc;
}
