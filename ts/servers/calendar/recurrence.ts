/**
 * Recurrence rules: the RFC 5545 RRULE subset Google Calendar users write most, validated with
 * messages that say what would be valid, and expanded deterministically into instances.
 *
 *   FREQ=DAILY|WEEKLY|MONTHLY   INTERVAL=n (1-365)   BYDAY=MO,TU,… (DAILY and WEEKLY)
 *   COUNT=n (1-1000) or UNTIL=YYYYMMDD / YYYYMMDDTHHMMSSZ (not both)   WKST is accepted and ignored
 *
 * Weeks start on Monday. A MONTHLY rule repeats on the start's day of the month and skips months
 * without that day (the 31st), as RFC 5545 does. The first instance is the event's own start, so
 * BYDAY must include the start's weekday. Instances are computed in UTC.
 */
import { fail, time } from "../framework/index.ts";

export const FREQS = ["DAILY", "WEEKLY", "MONTHLY"] as const;
export const DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
const SUPPORTED = ["FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL", "WKST"];
export const MAX_COUNT = 1000;
export const MAX_INTERVAL = 365;

export interface Rule {
  freq: (typeof FREQS)[number];
  interval: number;
  /** Monday-based weekday indexes (0 = Monday), sorted; empty for MONTHLY. */
  byDay: number[];
  count?: number;
  /** Last instant an occurrence may start at. */
  untilMs?: number;
}

/** Monday-based weekday of an instant: 0 = Monday … 6 = Sunday. */
export function mondayIndex(ms: number): number {
  return (new Date(ms).getUTCDay() + 6) % 7;
}

const bad = (msg: string): never => fail(`invalid recurrence: ${msg}`, "invalid_argument");

/** Parses and validates an RRULE for an event starting at `start`. */
export function parseRule(text: string, start: string): Rule {
  let s = text.trim();
  if (/^rrule:/i.test(s)) s = s.slice(6);
  if (!s) bad(`the rule is empty; write e.g. "FREQ=WEEKLY;BYDAY=MO,WE" (or leave recurrence out for a one-off event)`);
  const parts = new Map<string, string>();
  for (const raw of s.split(";")) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf("=");
    if (eq <= 0) bad(`"${part.slice(0, 40)}" is not KEY=VALUE; write e.g. "FREQ=DAILY;COUNT=5"`);
    const key = part.slice(0, eq).trim().toUpperCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .toUpperCase();
    if (!SUPPORTED.includes(key)) bad(`${key.slice(0, 20)} is not supported; supported parts are FREQ, INTERVAL, BYDAY, COUNT and UNTIL`);
    if (parts.has(key)) bad(`${key} appears twice`);
    parts.set(key, value);
  }
  const freq = parts.get("FREQ");
  if (!freq) bad(`FREQ is missing; start the rule with FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY`);
  if (!(FREQS as readonly string[]).includes(freq as string)) bad(`FREQ=${(freq as string).slice(0, 20)} is not supported; use DAILY, WEEKLY or MONTHLY`);
  const rule: Rule = { freq: freq as Rule["freq"], interval: 1, byDay: [] };

  const interval = parts.get("INTERVAL");
  if (interval !== undefined) {
    if (!/^\d{1,4}$/.test(interval) || Number(interval) < 1 || Number(interval) > MAX_INTERVAL)
      bad(`INTERVAL=${interval.slice(0, 10)} must be a whole number from 1 to ${MAX_INTERVAL} (e.g. INTERVAL=2 for every other week)`);
    rule.interval = Number(interval);
  }

  const startMs = time.toMs(start);
  const startDay = mondayIndex(startMs);
  const byDay = parts.get("BYDAY");
  if (byDay !== undefined) {
    if (rule.freq === "MONTHLY")
      bad(`BYDAY cannot be combined with FREQ=MONTHLY here; a monthly event repeats on its start's day of the month (leave BYDAY out)`);
    const days = byDay.split(",").map((d) => d.trim());
    for (const d of days) {
      if (/^[+-]?\d+[A-Z]{2}$/.test(d)) bad(`BYDAY=${d} uses an ordinal weekday, which is not supported; list plain weekdays such as MO,WE,FR`);
      if (!(DAY_CODES as readonly string[]).includes(d)) bad(`BYDAY value "${d.slice(0, 10)}" is not a weekday; use two-letter codes ${DAY_CODES.join(", ")}`);
    }
    rule.byDay = [...new Set(days.map((d) => (DAY_CODES as readonly string[]).indexOf(d)))].sort((a, b) => a - b);
    if (!rule.byDay.includes(startDay)) {
      bad(
        `the event starts on a ${DAY_CODES[startDay]} (${start.slice(0, 10)}) but BYDAY=${byDay} does not include ${DAY_CODES[startDay]}; add ${DAY_CODES[startDay]} to BYDAY or move the start to one of those days`,
      );
    }
  } else if (rule.freq === "WEEKLY") {
    rule.byDay = [startDay];
  }

  const count = parts.get("COUNT");
  const until = parts.get("UNTIL");
  if (count !== undefined && until !== undefined)
    bad("COUNT and UNTIL cannot both be given; end the series either after a number of occurrences (COUNT) or on a date (UNTIL)");
  if (count !== undefined) {
    if (!/^\d{1,5}$/.test(count) || Number(count) < 1 || Number(count) > MAX_COUNT)
      bad(`COUNT=${count.slice(0, 10)} must be a whole number from 1 to ${MAX_COUNT}`);
    rule.count = Number(count);
  }
  if (until !== undefined) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(until);
    const date = m ? `${m[1]}-${m[2]}-${m[3]}` : "";
    if (!m || !time.isIsoDate(date)) bad(`UNTIL=${until.slice(0, 20)} is not a date; write UNTIL=YYYYMMDD or UNTIL=YYYYMMDDTHHMMSSZ, e.g. UNTIL=20261231`);
    const ms = m![4] !== undefined ? Date.parse(`${date}T${m![4]}:${m![5]}:${m![6]}Z`) : time.toMs(date) + time.DAY - 1;
    if (Number.isNaN(ms)) bad(`UNTIL=${until} is not a valid date-time`);
    if (ms < startMs) bad(`UNTIL=${until} is before the event's start ${start}; the series must end on or after its first occurrence`);
    rule.untilMs = ms;
  }
  return rule;
}

/** The rule written canonically: FREQ, INTERVAL, BYDAY, then COUNT or UNTIL. */
export function formatRule(r: Rule): string {
  const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`];
  if (r.byDay.length) parts.push(`BYDAY=${r.byDay.map((d) => DAY_CODES[d]).join(",")}`);
  if (r.count !== undefined) parts.push(`COUNT=${r.count}`);
  if (r.untilMs !== undefined) parts.push(`UNTIL=${time.fromMs(r.untilMs).replace(/[-:]/g, "")}`);
  return parts.join(";");
}

/** Validates a rule for an event and returns it in canonical form. */
export function normalizeRule(text: string, start: string): string {
  return formatRule(parseRule(text, start));
}

export interface Span {
  start: string;
  end: string;
}

/**
 * Occurrences of a recurring event that overlap [fromMs, toMs), skipping cancelled ones, at most
 * `limit`. Deterministic and bounded: the loop stops at the window's end, at COUNT or at UNTIL.
 */
export function expandInstances(
  e: { start: string; end: string; recurrence?: string | undefined; cancelled_instances: readonly string[] },
  fromMs: number,
  toMs: number,
  limit = 2000,
): Span[] {
  const startMs = time.toMs(e.start);
  const dur = time.toMs(e.end) - startMs;
  const rule = parseRule(e.recurrence ?? "", e.start);
  const cancelled = new Set(e.cancelled_instances);
  const out: Span[] = [];
  /** false once the series or the window is over. */
  const emit = (ms: number, index: number): boolean => {
    if (rule.count !== undefined && index >= rule.count) return false;
    if (rule.untilMs !== undefined && ms > rule.untilMs) return false;
    if (ms >= toMs) return false;
    if (ms + dur > fromMs) {
      const start = time.fromMs(ms);
      if (!cancelled.has(start)) out.push({ start, end: time.fromMs(ms + dur) });
    }
    return out.length < limit;
  };

  if (rule.freq === "DAILY" && rule.byDay.length === 0) {
    const step = rule.interval * time.DAY;
    let k = Math.max(0, Math.floor((fromMs - dur - startMs) / step));
    while (emit(startMs + k * step, k)) k++;
  } else if (rule.freq === "WEEKLY") {
    const startDay = mondayIndex(startMs);
    const week0 = startMs - startDay * time.DAY;
    const period = rule.interval * 7 * time.DAY;
    const firstWeek = rule.byDay.filter((d) => d >= startDay).length;
    let w = Math.max(0, Math.floor((fromMs - dur - week0) / period));
    let index = w === 0 ? 0 : firstWeek + (w - 1) * rule.byDay.length;
    for (; ; w++) {
      for (const d of rule.byDay) {
        if (w === 0 && d < startDay) continue;
        if (!emit(week0 + w * period + d * time.DAY, index++)) return out;
      }
    }
  } else if (rule.freq === "DAILY") {
    let index = 0;
    for (let k = 0; ; k++) {
      const ms = startMs + k * rule.interval * time.DAY;
      if (!rule.byDay.includes(mondayIndex(ms))) {
        if (ms >= toMs || (rule.untilMs !== undefined && ms > rule.untilMs)) break;
        continue;
      }
      if (!emit(ms, index++)) break;
    }
  } else {
    const d = new Date(startMs);
    const [y, mo, day, h, mi, s] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
    let index = 0;
    for (let k = 0; ; k++) {
      const ms = Date.UTC(y, mo + k * rule.interval, day, h, mi, s);
      if (new Date(ms).getUTCDate() !== day) {
        if (ms >= toMs) break;
        continue; // this month has no such day
      }
      if (!emit(ms, index++)) break;
    }
  }
  return out;
}

/** Start of the last occurrence, or undefined when the series never ends. */
export function seriesEndMs(e: { start: string; end: string; recurrence?: string | undefined }): number | undefined {
  const rule = parseRule(e.recurrence ?? "", e.start);
  if (rule.untilMs !== undefined) return rule.untilMs + (time.toMs(e.end) - time.toMs(e.start));
  if (rule.count === undefined) return undefined;
  const last = expandInstances({ ...e, cancelled_instances: [] }, time.toMs(e.start), Number.MAX_SAFE_INTEGER, rule.count).at(-1);
  return last ? time.toMs(last.end) : undefined;
}
