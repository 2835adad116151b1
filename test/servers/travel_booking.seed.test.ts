/** The traveller's seed, checked against the rules of an airline-and-hotel loyalty account. */
import { expect } from "vitest";
import { roundMoney, time } from "../../ts/servers/framework/index.ts";
import travel from "../../ts/servers/travel_booking/index.ts";
import { fareOf, resolveFlight } from "../../ts/servers/travel_booking/schedule.ts";
import type {
  Airport,
  FlightBooking,
  Hotel,
  HotelBooking,
  Itinerary,
  LoyaltyAccount,
  PointsTransaction,
  RoomType,
  Traveler,
} from "../../ts/servers/travel_booking/state.ts";
import { seedRules, type Seeded } from "../helpers/seed-rules.ts";

/** The program's tiers, written out: tier points needed, and the bonus on points earned while in the tier. */
const TIERS: ReadonlyArray<readonly [tier: string, from: number, bonus: number]> = [
  ["member", 0, 0],
  ["silver", 25_000, 0.1],
  ["gold", 60_000, 0.25],
  ["platinum", 120_000, 0.5],
];
const tierAt = (tierPoints: number) => TIERS.filter(([, from]) => tierPoints >= from).at(-1)!;
/** Points per dollar of base fare by fare class, and per dollar of room price for hotels. */
const PER_USD: Record<string, number> = { basic_economy: 1, economy: 2, premium_economy: 3, business: 4, hotel: 3 };

const home = (s: Seeded) => s.rows<Airport>("airports").find((a) => a.city === s.world.user.address.city)!.code;
const ledger = (s: Seeded) => s.rows<PointsTransaction>("points_transactions");

seedRules(travel, {
  "one airport per city with a unique three-letter code; every city has hotels, each with three room types that grow in price and size": (s) => {
    const airports = s.rows<Airport>("airports");
    expect(new Set(airports.map((a) => a.code)).size).toBe(airports.length);
    for (const a of airports) expect(a.code).toMatch(/^[A-Z]{3}$/);
    const rooms = s.rows<RoomType>("room_types");
    for (const a of airports)
      expect(
        s.rows<Hotel>("hotels").some((h) => h.city === a.city),
        a.city,
      ).toBe(true);
    for (const h of s.rows<Hotel>("hotels")) {
      const mine = rooms.filter((r) => r.hotel_id === h.id);
      expect(mine.length, h.name).toBe(3);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.base_rate > mine[i - 1]!.base_rate && mine[i]!.size_sqm > mine[i - 1]!.size_sqm, h.name).toBe(true);
      expect(h.check_out_time < h.check_in_time, h.name).toBe(true);
    }
  },
  "the user travels as 'self' with a known traveler number; companions are adults with a 9-digit passport": (s) => {
    const travelers = s.rows<Traveler>("travelers");
    expect(travelers.filter((t) => t.relationship === "self").map((t) => t.known_traveler_number !== undefined)).toEqual([true]);
    for (const t of travelers) {
      expect(t.passport_number, t.id).toMatch(/^\d{9}$/);
      expect(time.daysBetween(t.date_of_birth, s.world.today) / 365.25, t.id).toBeGreaterThan(18);
    }
  },
  "every trip leaves from and returns to the user's home airport; the return leaves from where the outbound landed, after it landed": (s) => {
    const bookings = s.rows<FlightBooking>("flight_bookings").filter((b) => b.status !== "cancelled");
    const from = home(s);
    const outbound = bookings.filter((b) => b.origin === from);
    const inbound = bookings.filter((b) => b.destination === from);
    expect(outbound.length + inbound.length).toBe(bookings.length);
    for (const out of outbound) {
      const back = inbound.find((b) => b.booked_at === out.booked_at)!;
      expect([back.origin, back.arrival > back.departure, back.departure > out.arrival], out.id).toEqual([out.destination, true, true]);
    }
  },
  "a flight's status follows the clock: flown once departed, confirmed ahead; booked before departure; the price is the fare times the passengers": (s) => {
    for (const b of s.rows<FlightBooking>("flight_bookings")) {
      expect(b.booked_at < b.departure && b.booked_at < s.world.now, b.id).toBe(true);
      if (b.status !== "cancelled") expect(b.status, b.id).toBe(b.departure < s.world.now ? "flown" : "confirmed");
      expect(b.total_price, b.id).toBe(roundMoney(b.fare_per_passenger * b.passengers.length));
      expect(b.amount_paid, b.id).toBe(b.total_price);
    }
  },
  "booking references are unique; no two passengers share a seat on a flight; passengers are saved travelers": (s) => {
    const bookings = s.rows<FlightBooking>("flight_bookings");
    expect(new Set(bookings.map((b) => b.booking_reference)).size).toBe(bookings.length);
    const travelers = new Set(s.rows<Traveler>("travelers").map((t) => t.id));
    const seats = new Set<string>();
    for (const b of bookings) {
      for (const p of b.passengers) {
        expect(travelers.has(p.traveler_id!), b.id).toBe(true);
        if (!p.seat) continue;
        expect(seats.has(`${b.flight_id} ${p.seat}`), `${b.id} ${p.seat}`).toBe(false);
        seats.add(`${b.flight_id} ${p.seat}`);
      }
    }
  },
  "a stay runs from the outbound's arrival day to the return's departure day, in the destination city, for the party, in a room that holds them": (s) => {
    const flights = s.rows<FlightBooking>("flight_bookings");
    const rooms = new Map(s.rows<RoomType>("room_types").map((r) => [r.id, r]));
    const hotels = new Map(s.rows<Hotel>("hotels").map((h) => [h.id, h]));
    for (const h of s.rows<HotelBooking>("hotel_bookings")) {
      const [out, back] = flights.filter((b) => b.booked_at === h.booked_at).sort((a, b) => (a.departure < b.departure ? -1 : 1));
      const hotel = hotels.get(h.hotel_id)!;
      expect(s.rows<Airport>("airports").find((a) => a.code === out!.destination)!.city, h.id).toBe(hotel.city);
      expect([h.check_in, h.check_out], h.id).toEqual([
        resolveFlight(s.world.seed, out!.flight_id).arrival_local.slice(0, 10),
        resolveFlight(s.world.seed, back!.flight_id).departure_local.slice(0, 10),
      ]);
      expect(h.guests, h.id).toBe(out!.passengers.length);
      expect(h.guests, h.id).toBeLessThanOrEqual(rooms.get(h.room_type_id)!.max_occupancy);
      expect(h.status, h.id).toBe(h.check_out <= s.world.today ? "completed" : "confirmed");
    }
  },
  "a stay's bill adds up: one rate per night, consecutive; taxes are the city's rate on the rooms; flexible rates may be cancelled free until before check-in":
    (s) => {
      const hotels = new Map(s.rows<Hotel>("hotels").map((h) => [h.id, h]));
      for (const h of s.rows<HotelBooking>("hotel_bookings")) {
        expect(h.nights, h.id).toBe(time.daysBetween(h.check_in, h.check_out));
        h.nightly_rates.forEach((n, i) => expect(n.date, h.id).toBe(time.addDays(h.check_in, i)));
        expect(h.nightly_rates.length, h.id).toBe(h.nights);
        expect(h.room_total, h.id).toBe(roundMoney(h.nightly_rates.reduce((t, n) => t + n.price, 0)));
        expect(h.taxes, h.id).toBe(roundMoney(h.room_total * hotels.get(h.hotel_id)!.tax_rate));
        expect(h.total_price, h.id).toBe(roundMoney(h.room_total + h.taxes));
        expect(h.amount_paid, h.id).toBe(roundMoney(h.total_price - h.points_applied / 100));
        if (h.rate_plan === "flexible") expect(h.free_cancellation_until! < `${h.check_in}T23:59:59Z`, h.id).toBe(true);
        else expect(h.free_cancellation_until, h.id).toBeUndefined();
      }
    },
  "the cancelled booking was cancelled within 24 hours of booking and refunded in full; its points were earned and taken back": (s) => {
    const cancelled = s.rows<FlightBooking>("flight_bookings").filter((b) => b.status === "cancelled");
    expect(cancelled.length).toBe(1);
    for (const b of cancelled) {
      expect(time.minutesBetween(b.booked_at, b.cancelled_at!), b.id).toBeLessThanOrEqual(24 * 60);
      expect(b.refund_amount, b.id).toBe(b.amount_paid);
      const rows = ledger(s).filter((t) => t.booking_id === b.id);
      expect(rows.map((t) => [t.kind, t.points])).toEqual([
        ["earn", b.points_earned],
        ["reversal", -b.points_earned],
      ]);
    }
  },
  "the ledger runs in time order from a 5,000-point welcome bonus on the day the user joined; every balance_after is the running sum, never negative, ending at the account's balance":
    (s) => {
      const rows = ledger(s);
      const account = s.rows<LoyaltyAccount>("loyalty_accounts")[0]!;
      expect([rows[0]!.kind, rows[0]!.points, rows[0]!.created_at.slice(0, 10)]).toEqual(["bonus", 5000, account.joined_on]);
      let running = 0;
      rows.forEach((t, i) => {
        running += t.points;
        expect(t.balance_after, t.id).toBe(running);
        expect(running, t.id).toBeGreaterThanOrEqual(0);
        if (i) expect(rows[i - 1]!.created_at <= t.created_at && rows[i - 1]!.id < t.id, t.id).toBe(true);
      });
      expect(account.points_balance).toBe(running);
    },
  "each booking earns its base price × points per dollar (basic 1, economy 2, premium 3, business 4, hotels 3) × (1 + the bonus of the tier at that moment: member 0%, silver 10%, gold 25%, platinum 50%)":
    (s) => {
      const flights = new Map(s.rows<FlightBooking>("flight_bookings").map((b) => [b.id, b]));
      const stays = new Map(s.rows<HotelBooking>("hotel_bookings").map((b) => [b.id, b]));
      let tierPoints = 0;
      for (const t of ledger(s)) {
        if (t.kind === "earn") {
          const bonus = tierAt(tierPoints)[2];
          const f = flights.get(t.booking_id!);
          const h = stays.get(t.booking_id!);
          const base = f ? fareOf(s.world.seed, resolveFlight(s.world.seed, f.flight_id), f.fare_class).base * f.passengers.length : h!.room_total;
          expect(t.points, t.id).toBe(Math.floor(base * PER_USD[f ? f.fare_class : "hotel"]! * (1 + bonus)));
          expect((f ?? h)!.points_earned, t.id).toBe(t.points);
        }
        if (t.kind === "earn" || t.kind === "reversal") tierPoints = Math.max(0, tierPoints + t.points);
      }
      const account = s.rows<LoyaltyAccount>("loyalty_accounts")[0]!;
      expect([account.tier_points, account.tier]).toEqual([tierPoints, tierAt(tierPoints)[0]]);
    },
  "5,000 points (worth 50.00) paid part of a completed stay, half an hour after it was booked": (s) => {
    const redeemed = ledger(s).filter((t) => t.kind === "redeem");
    expect(redeemed.length).toBe(1);
    const stay = s.rows<HotelBooking>("hotel_bookings").find((h) => h.id === redeemed[0]!.booking_id)!;
    expect([stay.status, stay.points_applied, redeemed[0]!.points, redeemed[0]!.created_at]).toEqual([
      "completed",
      5000,
      -5000,
      time.addMinutes(stay.booked_at, 30),
    ]);
    expect(stay.amount_paid).toBe(roundMoney(stay.total_price - 50));
  },
  "an itinerary groups one trip's flights and stay and was made just after they were booked": (s) => {
    const flights = new Map(s.rows<FlightBooking>("flight_bookings").map((b) => [b.id, b]));
    const stays = new Map(s.rows<HotelBooking>("hotel_bookings").map((b) => [b.id, b]));
    for (const i of s.rows<Itinerary>("itineraries")) {
      const booked = new Set([...i.flight_booking_ids.map((x) => flights.get(x)!.booked_at), ...i.hotel_booking_ids.map((x) => stays.get(x)!.booked_at)]);
      expect(booked.size, i.id).toBe(1);
      expect(i.created_at > [...booked][0]!, i.id).toBe(true);
      expect(i.name, i.id).toContain(s.rows<Airport>("airports").find((a) => a.code === flights.get(i.flight_booking_ids[0]!)!.destination)!.city);
    }
  },
});
