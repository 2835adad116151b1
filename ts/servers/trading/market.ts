/**
 * The simulated market: trading sessions, quotes and bars as pure functions of the logical clock.
 *
 * Hours follow the US equity market, approximated in UTC with a fixed offset (UTC-5, no daylight
 * saving, no holidays): pre-market 04:00–09:30 ET (09:00–14:30 UTC), regular session 09:30–16:00
 * ET (14:30–21:00 UTC), after-hours 16:00–20:00 ET (21:00–01:00 UTC), weekdays only.
 *
 * A price is `price(instrument, minute)`: a deterministic function of the instrument's seeded
 * parameters and the minute index of the instant, built from smooth value noise at several time
 * scales (weeks down to minutes) plus a drift, so it looks like a random walk while the same
 * instant always gives the same quote, and any minute is priced in O(1) without replaying the
 * path. Outside the pre-market, regular and after-hours sessions the price stands still at the
 * last traded minute.
 */
import { roundMoney, time } from "../framework/index.ts";

const { MINUTE, DAY, HOUR } = time;
const ET_OFFSET_MS = 5 * HOUR;
export const PRE_OPEN = 4 * 60;
export const OPEN = 9 * 60 + 30;
export const CLOSE = 16 * 60;
export const AFTER_CLOSE = 20 * 60;

export type Session = "pre_market" | "regular" | "after_hours" | "closed";

/** The pricing parameters an instrument carries (seeded, never shown to models). */
export interface PriceParams {
  base_price: number;
  /** Annualised-looking volatility, 0.1–0.7. */
  volatility: number;
  /** Yearly drift of the log price. */
  drift: number;
  /** 8 hex digits: the instrument's own noise stream. */
  price_seed: string;
}

/** Minute index of an instant (minutes since the epoch). */
export function minuteOf(iso: string): number {
  return Math.floor(time.toMs(iso) / MINUTE);
}

/** Day index (days since the epoch) and minute of day of an instant, in approximate New York time. */
function etParts(ms: number): { day: number; minute: number } {
  const et = ms - ET_OFFSET_MS;
  const day = Math.floor(et / DAY);
  return { day, minute: Math.floor((et - day * DAY) / MINUTE) };
}

function isWeekday(day: number): boolean {
  const wd = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return wd >= 1 && wd <= 5;
}

/** UTC instant of minute `minute` of New York day `day`. */
function instantOf(day: number, minute: number): string {
  return time.fromMs(day * DAY + minute * MINUTE + ET_OFFSET_MS);
}

export function sessionAt(iso: string): Session {
  const { day, minute } = etParts(time.toMs(iso));
  if (!isWeekday(day) || minute < PRE_OPEN || minute >= AFTER_CLOSE) return "closed";
  if (minute < OPEN) return "pre_market";
  if (minute < CLOSE) return "regular";
  return "after_hours";
}

/** The next regular-session open strictly after `iso` (or now, if the session has not yet begun today). */
export function nextOpen(iso: string): string {
  const { day, minute } = etParts(time.toMs(iso));
  let d = isWeekday(day) && minute < OPEN ? day : day + 1;
  while (!isWeekday(d)) d++;
  return instantOf(d, OPEN);
}

/** The close of the current regular session, or of the next one when the market is not open. */
export function nextClose(iso: string): string {
  const { day, minute } = etParts(time.toMs(iso));
  let d = isWeekday(day) && minute < CLOSE ? day : day + 1;
  while (!isWeekday(d)) d++;
  return instantOf(d, CLOSE);
}

/** When a day order placed at `iso` expires: the close of its session (20:00 ET for extended-hours orders). */
export function dayOrderExpiry(iso: string, extendedHours: boolean): string {
  const { day, minute } = etParts(time.toMs(iso));
  const end = extendedHours ? AFTER_CLOSE : CLOSE;
  let d = isWeekday(day) && minute < end ? day : day + 1;
  while (!isWeekday(d)) d++;
  return instantOf(d, end);
}

/** The minute whose price is current at `ms`: the instant itself while trading, else the last traded minute. */
function pricedMinute(ms: number): number {
  const { day, minute } = etParts(ms);
  if (isWeekday(day) && minute >= PRE_OPEN && minute < AFTER_CLOSE) return Math.floor(ms / MINUTE);
  let d = isWeekday(day) && minute >= AFTER_CLOSE ? day : day - 1;
  while (!isWeekday(d)) d--;
  return Math.floor((d * DAY + (AFTER_CLOSE - 1) * MINUTE + ET_OFFSET_MS) / MINUTE);
}

// ---- the price path -------------------------------------------------------------------------

const SCALES: ReadonlyArray<readonly [period: number, amplitude: number]> = [
  [40_320, 0.5], // four weeks
  [10_080, 0.3], // a week
  [1_440, 0.12], // a day
  [240, 0.05],
  [60, 0.025],
  [15, 0.012],
  [3, 0.005],
];
/** 2026-01-01T00:00Z in minutes: where the drift is zero. */
const ANCHOR_MINUTE = Math.floor(Date.UTC(2026, 0, 1) / MINUTE);
const MINUTES_PER_YEAR = 525_600;

/** A well-mixed hash of (seed, scale, knot) in [-1, 1). */
function noiseAt(seed: number, scale: number, knot: number): number {
  let x = Math.imul(seed ^ Math.imul(scale + 1, 0x9e3779b1), 0x85ebca6b) ^ Math.imul((knot + 0x632be5ab) | 0, 0xc2b2ae35);
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return ((x >>> 0) / 4294967296) * 2 - 1;
}

function seedNumber(p: PriceParams): number {
  return Number.parseInt(p.price_seed, 16) | 0;
}

/** Trade price at an absolute minute index (used for bars; prefer `priceAt` for instants). */
export function priceAtMinute(p: PriceParams, minute: number): number {
  const seed = seedNumber(p);
  let log = Math.log(p.base_price) + (p.drift * (minute - ANCHOR_MINUTE)) / MINUTES_PER_YEAR;
  for (let k = 0; k < SCALES.length; k++) {
    const [period, amplitude] = SCALES[k] as readonly [number, number];
    const x = minute / period;
    const i = Math.floor(x);
    const f = x - i;
    const s = f * f * (3 - 2 * f);
    const v = noiseAt(seed, k, i) * (1 - s) + noiseAt(seed, k, i + 1) * s;
    log += p.volatility * amplitude * v;
  }
  return Math.max(1, roundMoney(Math.exp(log)));
}

/** The last trade price at an instant. */
export function priceAt(p: PriceParams, iso: string): number {
  return priceAtMinute(p, pricedMinute(time.toMs(iso)));
}

export interface Quote {
  symbol: string;
  last: number;
  bid: number;
  ask: number;
  previous_close: number;
  change: number;
  change_percent: number;
  session: Session;
  timestamp: string;
}

/** Half the bid/ask spread: one basis point of the price (at least a cent), five times wider outside regular hours. */
function halfSpread(last: number, session: Session): number {
  return Math.max(0.01, roundMoney(last * 0.0001 * (session === "regular" ? 1 : 5)));
}

/** Close of the regular session of New York day `day`. */
function closeOfDay(p: PriceParams, day: number): number {
  return priceAtMinute(p, Math.floor((day * DAY + (CLOSE - 1) * MINUTE + ET_OFFSET_MS) / MINUTE));
}

/** The regular-session close before the session day that `iso` belongs to. */
export function previousClose(p: PriceParams, iso: string): number {
  const { day } = etParts(pricedMinute(time.toMs(iso)) * MINUTE);
  let d = day - 1;
  while (!isWeekday(d)) d--;
  return closeOfDay(p, d);
}

export function quoteAt(symbol: string, p: PriceParams, iso: string): Quote {
  const session = sessionAt(iso);
  const last = priceAt(p, iso);
  const half = halfSpread(last, session);
  const prev = previousClose(p, iso);
  return {
    symbol,
    last,
    bid: roundMoney(last - half),
    ask: roundMoney(last + half),
    previous_close: prev,
    change: roundMoney(last - prev),
    change_percent: Math.round(((last - prev) / prev) * 10_000) / 100,
    session,
    timestamp: iso,
  };
}

// ---- bars -----------------------------------------------------------------------------------

export const TIMEFRAMES = { "1Min": 1, "5Min": 5, "15Min": 15, "1Hour": 60, "1Day": 390 } as const;
export type Timeframe = keyof typeof TIMEFRAMES;

export interface Bar {
  /** Start of the bar, UTC. */
  t: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

function barOf(p: PriceParams, startMinute: number, minutes: number, step: number): Bar {
  const o = priceAtMinute(p, startMinute);
  let h = o;
  let l = o;
  let c = o;
  for (let m = startMinute; m < startMinute + minutes; m += step) {
    c = priceAtMinute(p, m);
    if (c > h) h = c;
    if (c < l) l = c;
  }
  c = priceAtMinute(p, startMinute + minutes - 1);
  h = Math.max(h, c);
  l = Math.min(l, c);
  const seed = seedNumber(p);
  const perMinute = 20_000 + Math.floor((1 + noiseAt(seed, 99, Math.floor(startMinute / 1440))) * 40_000);
  const v = Math.floor(perMinute * minutes * (1 + 0.4 * noiseAt(seed, 98, startMinute)));
  return { t: time.fromMs(startMinute * MINUTE), o, h, l, c, v };
}

/**
 * Regular-session bars of one timeframe whose start lies in [from, to] and that have begun by
 * `now`: the most recent `limit` of them, oldest first. Bars still in progress end at `now`.
 */
export function barsBetween(p: PriceParams, timeframe: Timeframe, from: string, to: string, now: string, limit: number): Bar[] {
  const size = TIMEFRAMES[timeframe];
  const nowMinute = minuteOf(now);
  const end = Math.min(minuteOf(to), nowMinute);
  const start = minuteOf(from);
  const out: Bar[] = [];
  let { day } = etParts(end * MINUTE);
  // Walk back day by day (bounded: at most ~2 years of calendar days).
  for (let guard = 0; guard < 800 && out.length < limit; guard++, day--) {
    if (!isWeekday(day)) continue;
    const open = Math.floor((day * DAY + OPEN * MINUTE + ET_OFFSET_MS) / MINUTE);
    const close = open + (CLOSE - OPEN);
    if (close <= start) break;
    const dayBars: Bar[] = [];
    for (let b = open; b < close; b += size) {
      if (b > end || b < start) continue;
      const length = Math.min(size, close - b, nowMinute - b + 1);
      if (length <= 0) continue;
      dayBars.push(barOf(p, b, length, timeframe === "1Day" ? 5 : 1));
    }
    for (let i = dayBars.length - 1; i >= 0 && out.length < limit; i--) out.push(dayBars[i] as Bar);
  }
  return out.reverse();
}
