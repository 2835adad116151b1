/**
 * Rules several tools share: seat inventory, hotel rates and availability, booking references,
 * loyalty points and tiers.
 */
import { check, fail, hash32, hashUnit, roundMoney, time, type CallEnv, type Db } from "../framework/index.ts";
import { cityNamed } from "../maps/gazetteer.ts";
import { FARE_RULES, isDomestic, seatsOf, soldElsewhere, type Cabin, type FareClass, type FlightInfo } from "./schedule.ts";
import {
  HOTEL_BOOKING_WINDOW_DAYS,
  MAX_NIGHTS,
  TIER_BONUS,
  TIER_THRESHOLDS,
  TIERS,
  type FlightBooking,
  type Hotel,
  type LoyaltyAccount,
  type PointsTransaction,
  type RatePlan,
  type RoomType,
  type tables,
  type Tier,
} from "./state.ts";

export type TravelDb = Db<typeof tables>;

// ---------------------------------------------------------------------------------------------
// References.

const LOCATOR = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function code(h: number, h2: number, length: number, alphabet: string): string {
  let s = "";
  let x = h;
  for (let i = 0; i < length; i++) {
    if (i === 5) x = h2;
    s += alphabet[x % alphabet.length];
    x = Math.floor(x / alphabet.length);
  }
  return s;
}

/** A six-character record locator, stable for (seed, booking id) and unique among `taken`. */
export function recordLocator(seed: string, bookingId: string, taken: (ref: string) => boolean): string {
  for (let salt = 0; ; salt++) {
    const ref = code(hash32(`${seed}|pnr|${bookingId}|${salt}`), hash32(`${seed}|pnr2|${bookingId}|${salt}`), 6, LOCATOR);
    if (!taken(ref)) return ref;
  }
}

/** An eight-character hotel confirmation number. */
export function confirmationNumber(seed: string, bookingId: string, taken: (ref: string) => boolean): string {
  for (let salt = 0; ; salt++) {
    const ref = code(hash32(`${seed}|conf|${bookingId}|${salt}`), hash32(`${seed}|conf2|${bookingId}|${salt}`), 8, "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ");
    if (!taken(ref)) return ref;
  }
}

// ---------------------------------------------------------------------------------------------
// Seats.

/** Confirmed bookings on a flight. */
export function bookingsOn(db: TravelDb, flightId: string): FlightBooking[] {
  return db.flight_bookings.filter((b) => b.flight_id === flightId && b.status === "confirmed");
}

/** Seats that cannot be chosen: sold elsewhere, or held by a passenger in the state. */
export function takenSeats(db: TravelDb, seed: string, f: FlightInfo): Set<string> {
  const taken = new Set<string>();
  for (const s of seatsOf(f.aircraft)) if (soldElsewhere(seed, f.id, s)) taken.add(s.seat);
  for (const b of bookingsOn(db, f.id)) for (const p of b.passengers) if (p.seat) taken.add(p.seat);
  return taken;
}

/** Seats still for sale in a cabin: unsold seats less the passengers booked in the state. */
export function seatsAvailable(db: TravelDb, seed: string, f: FlightInfo, cabin: Cabin): number {
  const unsold = seatsOf(f.aircraft, cabin).filter((s) => !soldElsewhere(seed, f.id, s)).length;
  const held = bookingsOn(db, f.id)
    .filter((b) => b.cabin === cabin)
    .reduce((n, b) => n + b.passengers.length, 0);
  return Math.max(0, unsold - held);
}

export function changeFeeOf(fareClass: FareClass, f: { origin: string; destination: string }): number | null {
  const rule = FARE_RULES[fareClass].change_fee;
  if (!rule) return null;
  return isDomestic(f) ? rule.domestic : rule.international;
}

export function includedBags(fareClass: FareClass, f: { origin: string; destination: string }): number {
  const bags = FARE_RULES[fareClass].checked_bags;
  return isDomestic(f) ? bags.domestic : bags.international;
}

// ---------------------------------------------------------------------------------------------
// Hotels.

export interface NightRate {
  date: string;
  price: number;
}

export interface Quote {
  rate_plan: RatePlan;
  nightly_rates: NightRate[];
  room_total: number;
  taxes: number;
  total_price: number;
  refundable: boolean;
  free_cancellation_until?: string;
  /** Fewest rooms of this type free on any night of the stay. */
  rooms_left: number;
  /** The first night with fewer free rooms than asked, if any. */
  short_on?: string;
}

/** Price of one room for one night on a plan: the base rate moved by weekday and a stable draw. */
export function nightlyPrice(seed: string, hotel: Hotel, room: RoomType, date: string, plan: RatePlan): number {
  const day = time.weekday(date);
  const weekend = day === "friday" || day === "saturday";
  const leisure = hotel.amenities.includes("pool") || hotel.amenities.includes("spa");
  const factor = (weekend ? (leisure ? 1.15 : 0.9) : 1) * (0.88 + 0.3 * hashUnit(`${seed}|rate|${room.id}|${date}`));
  const flexible = Math.round(room.base_rate * factor) - 0.01;
  return roundMoney(plan === "flexible" ? flexible : flexible * (1 - room.non_refundable_discount));
}

/** Rooms of a type sold to others on a night: a stable draw, with sell-outs on a few nights. */
function soldToOthers(seed: string, room: RoomType, date: string): number {
  if (hashUnit(`${seed}|soldout|${room.id}|${date}`) < 0.05) return room.inventory;
  return Math.floor(room.inventory * (0.25 + 0.55 * hashUnit(`${seed}|occ|${room.id}|${date}`)));
}

export function roomsLeft(db: TravelDb, seed: string, room: RoomType, date: string): number {
  const booked = db.hotel_bookings
    .filter((b) => b.room_type_id === room.id && b.status === "confirmed" && b.check_in <= date && date < b.check_out)
    .reduce((n, b) => n + b.rooms, 0);
  return Math.max(0, room.inventory - soldToOthers(seed, room, date) - booked);
}

export function nightsOf(checkIn: string, checkOut: string): string[] {
  const out: string[] = [];
  for (let d = checkIn; d < checkOut; d = time.addDays(d, 1)) out.push(d);
  return out;
}

/** Checks the dates of a stay: not in the past, check-out after check-in, at most 30 nights. */
export function checkStay(checkIn: string, checkOut: string, today: string): void {
  check(checkIn >= today, `check-in ${checkIn} is in the past; today is ${today} — pick today or a later date`, "invalid_argument");
  check(checkOut > checkIn, `check-out ${checkOut} must be after check-in ${checkIn}; a stay lasts at least one night`, "invalid_argument");
  const nights = time.daysBetween(checkIn, checkOut);
  check(
    nights <= MAX_NIGHTS,
    `a stay of ${nights} nights is too long: at most ${MAX_NIGHTS} nights per booking — split it into several bookings`,
    "limit_exceeded",
  );
  check(
    time.daysBetween(today, checkIn) <= HOTEL_BOOKING_WINDOW_DAYS,
    `check-in ${checkIn} is more than ${HOTEL_BOOKING_WINDOW_DAYS} days ahead; hotels take bookings up to ${time.addDays(today, HOTEL_BOOKING_WINDOW_DAYS)}`,
    "invalid_argument",
  );
}

/** The instant free cancellation ends: 18:00 hotel time, `days` days before check-in. */
export function cancellationDeadline(hotel: Hotel, room: RoomType, checkIn: string): string {
  const tz = cityNamed(hotel.city)?.timezone ?? "UTC";
  return time.fromMs(time.localToUtcMs(time.addDays(checkIn, -room.free_cancellation_days), "18:00", tz));
}

export function quote(db: TravelDb, seed: string, hotel: Hotel, room: RoomType, plan: RatePlan, checkIn: string, checkOut: string, rooms: number): Quote {
  const nights = nightsOf(checkIn, checkOut);
  const nightly_rates = nights.map((date) => ({ date, price: nightlyPrice(seed, hotel, room, date, plan) }));
  const room_total = roundMoney(nightly_rates.reduce((s, n) => s + n.price, 0) * rooms);
  const taxes = roundMoney(room_total * hotel.tax_rate);
  const left = nights.map((d) => roomsLeft(db, seed, room, d));
  const shortIndex = left.findIndex((n) => n < rooms);
  return {
    rate_plan: plan,
    nightly_rates,
    room_total,
    taxes,
    total_price: roundMoney(room_total + taxes),
    refundable: plan === "flexible",
    ...(plan === "flexible" ? { free_cancellation_until: cancellationDeadline(hotel, room, checkIn) } : {}),
    rooms_left: Math.min(...left),
    ...(shortIndex >= 0 ? { short_on: nights[shortIndex] } : {}),
  };
}

/** Charged when a flexible booking is cancelled after its deadline: the first night, with taxes. */
export function lateCancellationFee(b: { nightly_rates: NightRate[]; rooms: number; room_total: number; taxes: number }): number {
  const first = b.nightly_rates[0]?.price ?? 0;
  const rate = b.room_total > 0 ? b.taxes / b.room_total : 0;
  return roundMoney(first * b.rooms * (1 + rate));
}

// ---------------------------------------------------------------------------------------------
// Loyalty.

export function tierFor(tierPoints: number): Tier {
  let tier: Tier = "member";
  for (const t of TIERS) if (tierPoints >= TIER_THRESHOLDS[t]) tier = t;
  return tier;
}

export function theAccount(db: TravelDb): LoyaltyAccount {
  const acc = db.loyalty_accounts.all()[0];
  if (!acc) fail("the user has no loyalty account", "not_found");
  return acc;
}

/** Points a purchase earns: base amount × rate, plus the tier bonus. */
export function pointsFor(amount: number, perUsd: number, tier: Tier): number {
  return Math.floor(amount * perUsd * (1 + TIER_BONUS[tier]));
}

/** Posts a change to the points balance (and to tier points when `tierPoints` is set). */
export function postPoints(
  db: TravelDb,
  env: CallEnv,
  points: number,
  kind: PointsTransaction["kind"],
  description: string,
  bookingId?: string,
  tierPoints = 0,
): PointsTransaction {
  const acc = theAccount(db);
  const balance = acc.points_balance + points;
  check(balance >= 0, `insufficient points: the balance is ${acc.points_balance.toLocaleString("en-US")}, ${(-points).toLocaleString("en-US")} are needed`);
  const tp = Math.max(0, acc.tier_points + tierPoints);
  db.loyalty_accounts.update(acc.id, { points_balance: balance, tier_points: tp, tier: tierFor(tp) });
  return db.points_transactions.create({
    account_id: acc.id,
    kind,
    points,
    description,
    ...(bookingId ? { booking_id: bookingId } : {}),
    balance_after: balance,
    created_at: env.now,
  });
}

/** Takes back points a cancelled booking earned, never below a zero balance. */
export function reversePoints(db: TravelDb, env: CallEnv, earned: number, description: string, bookingId: string): number {
  if (earned <= 0) return 0;
  const acc = theAccount(db);
  const taken = Math.min(earned, acc.points_balance);
  if (taken > 0) postPoints(db, env, -taken, "reversal", description, bookingId, -earned);
  else db.loyalty_accounts.update(acc.id, { tier_points: Math.max(0, acc.tier_points - earned), tier: tierFor(Math.max(0, acc.tier_points - earned)) });
  return taken;
}
