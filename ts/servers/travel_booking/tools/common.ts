/** Helpers the flight, hotel and account tools share. */
import { check, fail, time, type CallEnv } from "../../framework/index.ts";
import type { TravelDb } from "../rules.ts";
import { BOOKING_CUTOFF_MINUTES, SCHEDULE_DAYS, type FlightInfo } from "../schedule.ts";
import type { Airport, FlightBooking, HotelBooking, Traveler } from "../state.ts";

export const seedOf = (env: CallEnv) => env.world.seed;

/** An airport by IATA code, or by the name of its city. */
export function airportOf(db: TravelDb, raw: string, role: string): Airport {
  const v = raw.trim();
  const hit = db.airports.get(v.toUpperCase()) ?? db.airports.find((a) => a.city.toLowerCase() === v.toLowerCase());
  if (hit) return hit;
  fail(
    `${role} "${v.slice(0, 40)}" is not a known airport; use an IATA code: ${db.airports
      .all()
      .map((a) => `${a.code} (${a.city})`)
      .join(", ")}`,
    "not_found",
  );
}

const NAME = /^\p{L}[\p{L}' .-]{0,49}$/u;

/** Passenger and guest names: both parts present, letters only, as on a passport. */
export function checkName(first: string, last: string, who: string): void {
  check(first.trim() !== "", `${who} has no first name; give each traveler's first and last name exactly as on their passport`, "invalid_argument");
  check(last.trim() !== "", `${who} has no last name; give each traveler's first and last name exactly as on their passport`, "invalid_argument");
  check(
    NAME.test(first.trim()) && NAME.test(last.trim()),
    `${who}'s name "${first} ${last}" may hold only letters, spaces, apostrophes, dots and hyphens (at most 50 characters each)`,
    "invalid_argument",
  );
}

export function fullName(t: { first_name: string; last_name: string }): string {
  return `${t.first_name} ${t.last_name}`;
}

export const sameName = (a: { first_name: string; last_name: string }, b: { first_name: string; last_name: string }) =>
  a.first_name.trim().toLowerCase() === b.first_name.trim().toLowerCase() && a.last_name.trim().toLowerCase() === b.last_name.trim().toLowerCase();

export function flightStatus(f: { departure: string; arrival: string }, now: string): "scheduled" | "in_air" | "landed" {
  return now < f.departure ? "scheduled" : now < f.arrival ? "in_air" : "landed";
}

/** Fails unless a flight can still be sold or changed: it departs more than an hour from now, within the published schedule. */
export function checkBookable(f: FlightInfo, env: CallEnv): void {
  check(
    f.departure > env.now,
    `${f.flight_number} on ${f.departure_local.slice(0, 10)} departed at ${f.departure}; departures in the past cannot be booked — search_flights lists flights from today (${env.today}) on`,
  );
  check(
    time.minutesBetween(env.now, f.departure) > BOOKING_CUTOFF_MINUTES,
    `${f.flight_number} departs at ${f.departure}, within ${BOOKING_CUTOFF_MINUTES} minutes; bookings close ${BOOKING_CUTOFF_MINUTES} minutes before departure — pick a later flight`,
  );
  const last = time.addDays(env.today, SCHEDULE_DAYS);
  check(
    f.departure_local.slice(0, 10) <= last,
    `${f.flight_number} on ${f.departure_local.slice(0, 10)} is beyond the published schedule; flights can be booked through ${last}`,
    "invalid_argument",
  );
}

/** Fails unless a flight booking is confirmed and its flight has not yet left. */
export function checkOpenFlightBooking(b: FlightBooking, env: CallEnv, action: string): void {
  check(
    b.status === "confirmed",
    b.status === "cancelled"
      ? `booking ${b.id} (${b.booking_reference}) was cancelled${b.cancelled_at ? ` on ${b.cancelled_at.slice(0, 10)}` : ""}; nothing can be ${action} on it`
      : `booking ${b.id} (${b.booking_reference}) was already flown on ${b.departure.slice(0, 10)}; nothing can be ${action} on it`,
  );
  check(b.departure > env.now, `${b.flight_number} on booking ${b.id} departed at ${b.departure}; nothing can be ${action} on a departed flight`);
  check(
    time.minutesBetween(env.now, b.departure) > BOOKING_CUTOFF_MINUTES,
    `${b.flight_number} departs at ${b.departure}, within ${BOOKING_CUTOFF_MINUTES} minutes; booking changes close ${BOOKING_CUTOFF_MINUTES} minutes before departure`,
  );
}

/** Where a booking's trip starts and ends, for listings and itineraries. */
export function spanOf(b: FlightBooking | HotelBooking): { start: string; end: string } {
  return "flight_id" in b ? { start: b.departure, end: b.arrival } : { start: b.check_in, end: b.check_out };
}

export function maskedTraveler(t: Traveler) {
  return {
    ...t,
    ...(t.passport_number ? { passport_number: `*****${t.passport_number.slice(-4)}` } : {}),
    ...(t.known_traveler_number ? { known_traveler_number: `*****${t.known_traveler_number.slice(-4)}` } : {}),
  };
}
