/**
 * Ranges between two parameters (from_date…to_date, min_price…max_price): a range that runs
 * backwards would match nothing, and a model would learn "there are none" instead of "I swapped
 * them". The lower end declares its upper end (`rangeStart` in params.ts); the framework checks
 * every declared pair before the tool runs.
 */
import { fail } from "./errors.ts";
import { daysInMonth, isIsoDate, isIsoMonth, toMs } from "./time.ts";

const DAY_MS = 86_400_000;

/** The first and last millisecond a bound covers: a point for numbers and instants, the whole day or month for a date or a month. */
function span(v: unknown): [number, number] | undefined {
  if (typeof v === "number") return [v, v];
  if (typeof v !== "string") return undefined;
  if (isIsoMonth(v)) {
    const start = toMs(`${v}-01`);
    return [start, start + daysInMonth(v) * DAY_MS - 1];
  }
  const ms = Date.parse(isIsoDate(v) ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(ms)) return undefined;
  return isIsoDate(v) ? [ms, ms + DAY_MS - 1] : [ms, ms];
}

/** Refuses the call when `lower` starts after `upper` ends; equal ends, or a day and an instant within it, are a valid range. */
export function checkRange(lowerName: string, lower: unknown, upperName: string, upper: unknown): void {
  const lo = span(lower);
  const hi = span(upper);
  if (!lo || !hi || lo[0] <= hi[1]) return;
  const word = typeof lower === "number" ? "greater than" : "after";
  fail(
    `${lowerName} (${String(lower)}) is ${word} ${upperName} (${String(upper)}): the range runs backwards; give ${lowerName} at or before ${upperName}, or swap them`,
    "invalid_argument",
  );
}
