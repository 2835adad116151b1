/**
 * The airline network and its timetable, derived from the seed rather than stored: every
 * directed route between two world cities has one to five daily departures (carrier, flight
 * number, local departure time, aircraft), each flight's duration comes from the great-circle
 * distance, its fares from distance, cabin and a stable per-flight demand, and the seats already
 * sold to other customers from a stable per-seat draw. Only what the user books enters the state.
 *
 * A flight id is the marketing flight number and the local departure date: "UA1423-20260314".
 */
import { CITIES, distanceKm, fail, hashUnit, Lru, roundMoney, Rng, SEEDS_KEPT, time, type City } from "../framework/index.ts";

export const CABINS = ["economy", "premium_economy", "business"] as const;
export type Cabin = (typeof CABINS)[number];

export const FARE_CLASSES = ["basic_economy", "economy", "premium_economy", "business"] as const;
export type FareClass = (typeof FARE_CLASSES)[number];

export interface FareRule {
  cabin: Cabin;
  changeable: boolean;
  /** Per passenger, on top of any fare difference; 0 = free changes. */
  change_fee: { domestic: number; international: number } | null;
  refundable: boolean;
  seat_selection: boolean;
  carry_on: boolean;
  checked_bags: { domestic: number; international: number };
  /** Loyalty points per USD of base fare. */
  points_per_usd: number;
  summary: string;
}

/** Fare families as the airlines of the network sell them. */
export const FARE_RULES: Readonly<Record<FareClass, FareRule>> = {
  basic_economy: {
    cabin: "economy",
    changeable: false,
    change_fee: null,
    refundable: false,
    seat_selection: false,
    carry_on: false,
    checked_bags: { domestic: 0, international: 0 },
    points_per_usd: 1,
    summary:
      "Lowest price. No changes, no refund (except within 24 hours of booking), no seat selection (a seat is assigned at check-in), personal item only; checked bags for a fee.",
  },
  economy: {
    cabin: "economy",
    changeable: true,
    change_fee: { domestic: 75, international: 200 },
    refundable: false,
    seat_selection: true,
    carry_on: true,
    checked_bags: { domestic: 0, international: 1 },
    points_per_usd: 2,
    summary:
      "Changes for a fee (75.00 domestic, 200.00 international, per passenger) plus any fare difference; not refundable except within 24 hours of booking; free seat selection; carry-on included.",
  },
  premium_economy: {
    cabin: "premium_economy",
    changeable: true,
    change_fee: { domestic: 0, international: 0 },
    refundable: true,
    seat_selection: true,
    carry_on: true,
    checked_bags: { domestic: 2, international: 2 },
    points_per_usd: 3,
    summary: "Premium economy cabin. Free changes (pay any fare difference), fully refundable, seat selection, two checked bags.",
  },
  business: {
    cabin: "business",
    changeable: true,
    change_fee: { domestic: 0, international: 0 },
    refundable: true,
    seat_selection: true,
    carry_on: true,
    checked_bags: { domestic: 2, international: 2 },
    points_per_usd: 4,
    summary: "Business cabin. Free changes (pay any fare difference), fully refundable, seat selection, two checked bags, lounge access.",
  },
};

/** Price of each extra checked bag per passenger: first, second, third. */
export const EXTRA_BAG_FEES = [40, 50, 150] as const;
export const MAX_EXTRA_BAGS = EXTRA_BAG_FEES.length;
export const MAX_PASSENGERS = 9;
/** Schedules are published this many days ahead. */
export const SCHEDULE_DAYS = 60;
/** Bookings and changes close this long before departure. */
export const BOOKING_CUTOFF_MINUTES = 60;

export const CARRIERS: Readonly<Record<string, string>> = {
  UA: "United Airlines",
  AA: "American Airlines",
  DL: "Delta Air Lines",
  AS: "Alaska Airlines",
  B6: "JetBlue",
  AC: "Air Canada",
  BA: "British Airways",
  VS: "Virgin Atlantic",
  AF: "Air France",
  LH: "Lufthansa",
  KL: "KLM",
  IB: "Iberia",
  NH: "ANA",
  JL: "Japan Airlines",
  SQ: "Singapore Airlines",
  QF: "Qantas",
  AM: "Aeroméxico",
};

const CARRIERS_OF: Readonly<Record<string, readonly string[]>> = {
  US: ["UA", "AA", "DL", "AS", "B6"],
  CA: ["AC"],
  GB: ["BA", "VS"],
  FR: ["AF"],
  DE: ["LH"],
  NL: ["KL"],
  ES: ["IB"],
  JP: ["NH", "JL"],
  SG: ["SQ"],
  AU: ["QF"],
  MX: ["AM"],
};

const DEPARTURES = ["06:00", "07:15", "08:30", "09:45", "11:00", "12:40", "14:10", "15:35", "17:05", "18:30", "19:50", "21:15", "22:40"] as const;
const NARROW = ["Airbus A320neo", "Boeing 737-800", "Airbus A321neo", "Boeing 737 MAX 8"] as const;
const WIDE = ["Boeing 787-9", "Airbus A350-900", "Boeing 777-300ER"] as const;

export interface Slot {
  carrier: string;
  number: number;
  origin: City;
  destination: City;
  /** Local time at the origin, "HH:MM". */
  departs: string;
  duration_minutes: number;
  distance_km: number;
  aircraft: string;
  widebody: boolean;
  /** Weekdays the flight does not operate. */
  days_off: readonly time.Weekday[];
}

interface Network {
  byRoute: Map<string, Slot[]>;
  byNumber: Map<string, Slot>;
}

const networks = new Lru<Network>(SEEDS_KEPT);

function network(seed: string): Network {
  return networks.getOrSet(seed, () => buildNetwork(seed));
}

function buildNetwork(seed: string): Network {
  const rng = Rng.from(seed).fork("travel_booking:network");
  const next = new Map<string, number>(Object.keys(CARRIERS).map((c) => [c, rng.int(100, 300)]));
  const byRoute = new Map<string, Slot[]>();
  const byNumber = new Map<string, Slot>();
  for (const origin of CITIES) {
    for (const destination of CITIES) {
      if (origin === destination) continue;
      const km = Math.round(distanceKm(origin, destination));
      const domestic = origin.country === destination.country;
      const pool = domestic
        ? (CARRIERS_OF[origin.country] ?? ["UA"])
        : [...new Set([...(CARRIERS_OF[origin.country] ?? []), ...(CARRIERS_OF[destination.country] ?? [])])];
      const count = km < 1500 ? rng.int(4, 5) : km < 4500 ? rng.int(3, 4) : km < 9000 ? rng.int(2, 3) : rng.int(1, 2);
      const times = km >= 9000 ? rng.sample(DEPARTURES.slice(7), count) : rng.sample(DEPARTURES, count);
      const slots: Slot[] = [];
      for (const t of times.sort()) {
        const carrier = rng.pick(pool);
        const number = (next.get(carrier) ?? 100) + rng.int(1, 6);
        next.set(carrier, number);
        const [h, m] = t.split(":").map(Number) as [number, number];
        const minutes = Math.min(23 * 60 + 55, h * 60 + m + 5 * rng.int(0, 3));
        const widebody = km > 4000;
        const slot: Slot = {
          carrier,
          number,
          origin,
          destination,
          departs: `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`,
          duration_minutes: Math.round((km / 830) * 12 + 7) * 5,
          distance_km: km,
          aircraft: rng.pick(widebody ? WIDE : NARROW),
          widebody,
          days_off: rng.bool(0.15) ? [rng.pick(["tuesday", "wednesday", "saturday"] as const)] : [],
        };
        slots.push(slot);
        byNumber.set(`${carrier}${number}`, slot);
      }
      byRoute.set(`${origin.airport}-${destination.airport}`, slots);
    }
  }
  return { byRoute, byNumber };
}

export interface FlightInfo {
  id: string;
  carrier: string;
  carrier_name: string;
  flight_number: string;
  origin: string;
  destination: string;
  /** UTC instants. */
  departure: string;
  arrival: string;
  /** Wall-clock times at the airports, "2026-03-14T08:15". */
  departure_local: string;
  arrival_local: string;
  duration_minutes: number;
  distance_km: number;
  aircraft: string;
}

export function isDomestic(f: { origin: string; destination: string }): boolean {
  return cityOf(f.origin).country === cityOf(f.destination).country;
}

export function cityOf(airport: string): City {
  return CITIES.find((c) => c.airport === airport) as City;
}

function flightOf(slot: Slot, date: string): FlightInfo {
  const dep = time.localToUtcMs(date, slot.departs, slot.origin.timezone);
  const arr = dep + slot.duration_minutes * 60_000;
  return {
    id: `${slot.carrier}${slot.number}-${date.replace(/-/g, "")}`,
    carrier: slot.carrier,
    carrier_name: CARRIERS[slot.carrier] as string,
    flight_number: `${slot.carrier} ${slot.number}`,
    origin: slot.origin.airport,
    destination: slot.destination.airport,
    departure: time.fromMs(dep),
    arrival: time.fromMs(arr),
    departure_local: time.localDateTime(slot.origin.timezone, dep),
    arrival_local: time.localDateTime(slot.destination.timezone, arr),
    duration_minutes: slot.duration_minutes,
    distance_km: slot.distance_km,
    aircraft: slot.aircraft,
  };
}

const operates = (slot: Slot, date: string) => !slot.days_off.includes(time.weekday(date));

/** The flights of a route departing on a local date, earliest first. */
export function flightsOn(seed: string, origin: string, destination: string, date: string): FlightInfo[] {
  return (network(seed).byRoute.get(`${origin}-${destination}`) ?? []).filter((s) => operates(s, date)).map((s) => flightOf(s, date));
}

const FLIGHT_ID = /^([A-Z0-9]{2})(\d{1,4})-(\d{4})(\d{2})(\d{2})$/;

/** The flight with this id, or a not_found error that says what the id should look like. */
export function resolveFlight(seed: string, rawId: string): FlightInfo {
  const id = rawId.trim().toUpperCase();
  const m = FLIGHT_ID.exec(id);
  if (!m)
    fail(
      `flight id "${rawId.slice(0, 40)}" is not valid: flight ids are the flight number and local departure date, e.g. 'UA1423-20260314'; find flights with search_flights`,
      "not_found",
    );
  const [, carrier, number, y, mo, d] = m;
  const date = `${y}-${mo}-${d}`;
  if (!time.isIsoDate(date) || date < "2000-01-01" || date > "2099-12-31")
    fail(`flight id "${id}" has an invalid date ${date}; use the flight number and local departure date as YYYYMMDD, e.g. 'UA1423-20260314'`, "not_found");
  const slot = network(seed).byNumber.get(`${carrier}${Number(number)}`);
  if (!slot) fail(`there is no flight ${carrier} ${Number(number)} in the schedule; find flights with search_flights`, "not_found");
  if (!operates(slot, date)) {
    fail(
      `${carrier} ${slot.number} (${slot.origin.airport}→${slot.destination.airport}) does not operate on ${time.weekday(date)}s such as ${date}; it flies every other day of the week — search_flights lists the alternatives`,
      "not_found",
    );
  }
  return flightOf(slot, date);
}

// ---------------------------------------------------------------------------------------------
// Fares.

export interface Fare {
  fare_class: FareClass;
  cabin: Cabin;
  /** Per passenger. */
  base: number;
  taxes: number;
  total: number;
}

export function fareOf(seed: string, f: FlightInfo, fareClass: FareClass): Fare {
  const economy = Math.max(89, 39 + 0.085 * f.distance_km);
  const weekday = time.weekday(f.departure_local.slice(0, 10));
  const hour = Number(f.departure_local.slice(11, 13));
  const demand =
    (0.8 + 0.5 * hashUnit(`${seed}|${f.id}|demand`)) * (weekday === "friday" || weekday === "sunday" ? 1.1 : 1) * (hour < 7 || hour >= 21 ? 0.92 : 1);
  const multiplier = { basic_economy: 0.78, economy: 1, premium_economy: 1.75, business: f.distance_km < 2500 ? 2.9 : 4.2 }[fareClass];
  const base = Math.round(economy * demand * multiplier) - 0.01;
  const taxes = isDomestic(f) ? roundMoney(base * 0.075 + 10.1) : roundMoney(38 + base * 0.04);
  return { fare_class: fareClass, cabin: FARE_RULES[fareClass].cabin, base: roundMoney(base), taxes, total: roundMoney(base + taxes) };
}

// ---------------------------------------------------------------------------------------------
// Seats.

interface CabinLayout {
  cabin: Cabin;
  first: number;
  last: number;
  groups: readonly (readonly string[])[];
}

const NARROW_LAYOUT: readonly CabinLayout[] = [
  {
    cabin: "business",
    first: 1,
    last: 3,
    groups: [
      ["A", "C"],
      ["D", "F"],
    ],
  },
  {
    cabin: "premium_economy",
    first: 6,
    last: 8,
    groups: [
      ["A", "B", "C"],
      ["D", "E", "F"],
    ],
  },
  {
    cabin: "economy",
    first: 10,
    last: 30,
    groups: [
      ["A", "B", "C"],
      ["D", "E", "F"],
    ],
  },
];

const WIDE_LAYOUT: readonly CabinLayout[] = [
  { cabin: "business", first: 1, last: 8, groups: [["A"], ["D", "G"], ["K"]] },
  {
    cabin: "premium_economy",
    first: 10,
    last: 13,
    groups: [
      ["A", "C"],
      ["D", "E", "F", "G"],
      ["H", "K"],
    ],
  },
  {
    cabin: "economy",
    first: 20,
    last: 48,
    groups: [
      ["A", "B", "C"],
      ["D", "E", "F"],
      ["H", "J", "K"],
    ],
  },
];

export function layoutOf(aircraft: string): readonly CabinLayout[] {
  return (WIDE as readonly string[]).includes(aircraft) ? WIDE_LAYOUT : NARROW_LAYOUT;
}

export type SeatType = "window" | "middle" | "aisle";

export interface Seat {
  seat: string;
  row: number;
  cabin: Cabin;
  type: SeatType;
}

export function seatsOf(aircraft: string, cabin?: Cabin): Seat[] {
  const out: Seat[] = [];
  for (const l of layoutOf(aircraft)) {
    if (cabin && l.cabin !== cabin) continue;
    for (let row = l.first; row <= l.last; row++) {
      l.groups.forEach((g, gi) => {
        g.forEach((letter, li) => {
          const window = (gi === 0 && li === 0) || (gi === l.groups.length - 1 && li === g.length - 1);
          const aisle = (li === g.length - 1 && gi < l.groups.length - 1) || (li === 0 && gi > 0);
          out.push({ seat: `${row}${letter}`, row, cabin: l.cabin, type: window ? "window" : aisle ? "aisle" : "middle" });
        });
      });
    }
  }
  return out;
}

export function seatOn(aircraft: string, seat: string): Seat | undefined {
  return seatsOf(aircraft).find((s) => s.seat === seat);
}

export function cabinRows(aircraft: string, cabin: Cabin): string {
  const l = layoutOf(aircraft).find((x) => x.cabin === cabin) as CabinLayout;
  return `rows ${l.first}-${l.last}, seats ${l.groups.flat().join("")}`;
}

/** Seats sold to other customers before the session: a stable draw per seat. */
export function soldElsewhere(seed: string, flightId: string, seat: Seat): boolean {
  const load = 0.45 + 0.45 * hashUnit(`${seed}|${flightId}|load`);
  return hashUnit(`${seed}|${flightId}|${seat.seat}`) < (seat.cabin === "business" ? load * 0.8 : load);
}
