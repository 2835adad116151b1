import { describe, expect, it } from "vitest";
import { roundMoney, time, worldFor } from "../../ts/servers/framework/index.ts";
import travel from "../../ts/servers/travel_booking/index.ts";
import { pointsFor, tierFor } from "../../ts/servers/travel_booking/rules.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(travel, 20);

const SEED = 7; // the user lives in San Francisco
const world = worldFor(SEED);
const HOME = "SFO";
const HOUR = 3_600_000;
const NAMES = ["Ana Silva", "Ben Ortiz", "Cara Lind", "Dev Rao", "Eli Moss", "Fay Ueda", "Gus Holt", "Hal Berg", "Ivy Chao", "Jo Pike"];

const day = (n: number) => time.addDays(world.today, n);
const session = () => openSession(travel, SEED);
const search = (s: TestSession, origin: string, destination: string, date: string, extra: Record<string, unknown> = {}): any[] =>
  s.ok("search_flights", { origin, destination, date, limit: 100, ...extra }).items;
const fare = (flight: any, fc: string) => flight.fares.find((f: any) => f.fare_class === fc);
const self = (s: TestSession) => s.ok("list_travelers", {}).items.find((t: any) => t.relationship === "self");
const account = (s: TestSession) => s.ok("get_loyalty_account", {});
const people = (n: number) => NAMES.slice(0, n).map((x) => ({ first_name: x.split(" ")[0], last_name: x.split(" ")[1] }));
/** The loyalty program's tiers, written out: the tier points each starts at and the bonus on points earned in it. */
const TIER_FROM: Record<string, number> = { member: 0, silver: 25_000, gold: 60_000, platinum: 120_000 };
const TIER_BONUS: Record<string, number> = { member: 0, silver: 0.1, gold: 0.25, platinum: 0.5 };
const idFor = (flightNumber: string, date: string) => `${flightNumber.replace(" ", "")}-${date.replace(/-/g, "")}`;

/** Books the user alone on the first SFO→CDG flight n days ahead. */
function bookParis(s: TestSession, fareClass = "economy", n = 10) {
  const flight = search(s, HOME, "CDG", day(n))[0];
  const booking = s.ok("book_flight", { flight_id: flight.id, fare_class: fareClass, traveler_ids: [self(s).id] });
  return { flight, booking };
}

describe("travel_booking: seeded state", () => {
  it("holds the world's airports, four hotels per city with three room types each, and the user's travelers", () => {
    const s = session();
    expect(s.ok("list_airports", {}).total).toBe(20);
    const hotels = s.rows("hotels");
    expect(hotels).toHaveLength(80);
    for (const city of new Set(hotels.map((h) => h.city))) expect(hotels.filter((h) => h.city === city)).toHaveLength(4);
    const rooms = s.rows("room_types");
    for (const h of hotels) expect(rooms.filter((r) => r.hotel_id === h.id)).toHaveLength(3);
    const travelers = s.ok("list_travelers", {}).items;
    expect(travelers).toHaveLength(4);
    expect(self(s)).toMatchObject({ first_name: world.user.first_name, last_name: world.user.last_name, date_of_birth: world.user.birthday });
  });

  it("seeds trips whose flights are in the timetable, with statuses that follow the clock", () => {
    const s = session();
    const bookings = s.rows("flight_bookings");
    expect(bookings.length).toBeGreaterThanOrEqual(10);
    const refs = bookings.map((b) => b.booking_reference);
    expect(new Set(refs).size).toBe(refs.length);
    for (const b of bookings) {
      expect(b.booking_reference).toMatch(/^[A-Z2-9]{6}$/);
      const f = s.ok("get_flight", { flight_id: b.flight_id });
      expect(f).toMatchObject({ flight_number: b.flight_number, origin: b.origin, destination: b.destination, departure: b.departure, arrival: b.arrival });
      expect(b.origin === HOME || b.destination === HOME).toBe(true);
      if (b.status === "flown") expect(b.departure < world.now).toBe(true);
      if (b.status === "confirmed") expect(b.departure > world.now).toBe(true);
      expect(b.total_price).toBe(roundMoney(b.charges.reduce((n: number, c: any) => n + c.amount, 0)));
      expect(s.rows("flights").some((f: any) => f.id === b.flight_id)).toBe(true);
    }
    expect(bookings.filter((b) => b.status === "cancelled")).toHaveLength(1);
    for (const h of s.rows("hotel_bookings")) {
      expect(h.room_total).toBe(roundMoney(h.nightly_rates.reduce((n: number, x: any) => n + x.price, 0) * h.rooms));
      expect(h.total_price).toBe(roundMoney(h.room_total + h.taxes));
      expect(h.nights).toBe(time.daysBetween(h.check_in, h.check_out));
      expect(h.amount_paid).toBe(roundMoney(h.total_price - h.points_applied / 100));
    }
  });

  it("keeps the loyalty balance, tier points and tier consistent with the ledger", () => {
    const s = session();
    const ledger = s.rows("points_transactions").sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    let running = 0;
    for (const t of ledger) {
      running += t.points;
      expect(t.balance_after).toBe(running);
    }
    const acc = account(s);
    expect(acc.points_balance).toBe(running);
    expect(acc.tier).toBe(
      Object.keys(TIER_FROM)
        .filter((t) => acc.tier_points >= TIER_FROM[t]!)
        .at(-1),
    );
    for (const b of [...s.rows("flight_bookings"), ...s.rows("hotel_bookings")]) {
      const earn = ledger.find((t) => t.kind === "earn" && t.booking_id === b.id);
      expect(earn?.points, b.id).toBe(b.points_earned);
    }
  });
});

describe("travel_booking: flight search", () => {
  it("list_airports finds airports by city, country or code", () => {
    const s = session();
    expect(s.ok("list_airports", { query: "paris" }).items.map((a: any) => a.code)).toEqual(["CDG"]);
    expect(s.ok("list_airports", { query: "JP" }).items[0]).toMatchObject({ code: "HND", city: "Tokyo", timezone: "Asia/Tokyo" });
  });

  it("search_flights lists the day's nonstop flights with fares per class, earliest first", () => {
    const s = session();
    const list = search(s, HOME, "JFK", day(12), { passengers: 3 });
    expect(list.length).toBeGreaterThanOrEqual(3);
    const deps = list.map((f) => f.departure);
    expect(deps).toEqual([...deps].sort());
    for (const f of list) {
      expect(f).toMatchObject({ origin: "SFO", destination: "JFK", status: "scheduled" });
      expect(f.departure_local.slice(0, 10)).toBe(day(12));
      expect(f.duration_minutes).toBe(5 * Math.round((f.distance_km / 830) * 12 + 7));
      expect(time.minutesBetween(f.departure, f.arrival)).toBe(f.duration_minutes);
      const prices = ["basic_economy", "economy", "premium_economy", "business"].map((fc) => fare(f, fc).price_per_passenger);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      expect(fare(f, "economy").total_price).toBe(roundMoney(fare(f, "economy").price_per_passenger * 3));
      expect(fare(f, "basic_economy").seats_available).toBe(fare(f, "economy").seats_available);
    }
    expect(search(s, "San Francisco", "New York", day(12), { passengers: 3 })).toEqual(list);
  });

  it("search_flights filters by cabin, departure window and price, and sorts by price", () => {
    const s = session();
    const all = search(s, HOME, "LAX", day(6));
    const business = search(s, HOME, "LAX", day(6), { cabin: "business" });
    expect(business.every((f) => f.fares.length === 1 && f.fares[0].fare_class === "business")).toBe(true);
    const window = search(s, HOME, "LAX", day(6), { earliest_departure: "09:00", latest_departure: "17:00" });
    expect(window.length).toBeLessThan(all.length);
    expect(window.every((f) => f.departure_local.slice(11) >= "09:00" && f.departure_local.slice(11) <= "17:00")).toBe(true);
    const byPrice = search(s, HOME, "LAX", day(6), { sort: "price" }).map((f) => f.lowest_price);
    expect(byPrice).toEqual([...byPrice].sort((a, b) => a - b));
    const cap = byPrice[1];
    const cheap = search(s, HOME, "LAX", day(6), { max_price: cap });
    expect(cheap.length).toBeGreaterThanOrEqual(2);
    expect(cheap.every((f) => f.lowest_price <= cap)).toBe(true);
  });

  it("search_flights leaves out flights closing within the hour, on the session clock", () => {
    const s = session();
    const today = search(s, HOME, "LAX", day(0));
    expect(today.every((f) => time.minutesBetween(world.now, f.departure) > 60)).toBe(true);
    s.advanceTo(time.addMinutes(today[0].departure, -30));
    expect(search(s, HOME, "LAX", day(0)).map((f) => f.id)).not.toContain(today[0].id);
  });

  it("search_flights refuses past dates, dates beyond the 60-day schedule, one airport twice and unknown airports", () => {
    const s = session();
    s.fails(
      "search_flights",
      { origin: HOME, destination: "JFK", date: day(-1) },
      "invalid_argument",
      new RegExp(`date ${day(-1)} is in the past; today is ${day(0)}`),
    );
    s.fails(
      "search_flights",
      { origin: HOME, destination: "JFK", date: day(61) },
      "invalid_argument",
      new RegExp(`published 60 days ahead, through ${day(60)}`),
    );
    expect(search(s, HOME, "JFK", day(60)).length).toBeGreaterThan(0);
    s.fails("search_flights", { origin: "SFO", destination: "san francisco", date: day(3) }, "invalid_argument", /both SFO/);
    s.fails(
      "search_flights",
      { origin: "XYZ", destination: "JFK", date: day(3) },
      "not_found",
      /origin "XYZ" is not a known airport; use an IATA code: SFO \(San Francisco\)/,
    );
  });

  it("get_flight shows schedule, status and fares; past flights have landed", () => {
    const s = session();
    const f = search(s, HOME, "SEA", day(4))[0];
    const g = s.ok("get_flight", { flight_id: f.id });
    expect(g).toMatchObject({ id: f.id, status: "scheduled", departure: f.departure, booking_closes_at: time.addMinutes(f.departure, -60) });
    expect(g.fares.map((x: any) => x.fare_class)).toEqual(["basic_economy", "economy", "premium_economy", "business"]);
    const flown = s.rows("flight_bookings").find((b) => b.status === "flown");
    expect(s.ok("get_flight", { flight_id: flown.flight_id.toLowerCase() }).status).toBe("landed");
  });

  it("get_flight explains malformed, unknown and non-operating flight ids", () => {
    const s = session();
    s.fails("get_flight", { flight_id: "UA-1" }, "not_found", /flight ids are the flight number and local departure date, e.g. 'UA1423-20260314'/);
    s.fails("get_flight", { flight_id: "ZZ9999-20261120" }, "not_found", /there is no flight ZZ 9999 in the schedule/);
    s.fails("get_flight", { flight_id: "UA100-20261331" }, "not_found", /invalid date/);
    s.fails("get_flight_offer", { flight_id: "ZZ9999-20261120", fare_class: "economy" }, "not_found", /no flight ZZ 9999/);
    s.fails("get_seat_map", { flight_id: "bogus" }, "not_found", /flight ids are the flight number/);
    s.fails("get_flight_booking", { flight_booking_id: "FBK-9999" }, "not_found");
    s.fails("get_itinerary", { itinerary_id: "ITN-9999" }, "not_found");
    // Some flights skip one weekday: find one and ask for it on that day.
    let refused: string | undefined;
    for (const a of s.ok("list_airports", {}).items.filter((x: any) => x.code !== HOME)) {
      for (const f of search(s, HOME, a.code, day(1))) {
        for (let k = 1; k <= 6 && !refused; k++) {
          const r = s.call("get_flight", { flight_id: idFor(f.flight_number, day(1 + k)) });
          if (r.outcome !== "ok") refused = r.error?.message;
        }
      }
      if (refused) break;
    }
    expect(refused).toMatch(/does not operate on \w+days such as/);
  });

  it("list_fare_classes states each fare family's rules", () => {
    const s = session();
    const r = s.ok("list_fare_classes", {});
    const by = Object.fromEntries(r.fare_classes.map((f: any) => [f.fare_class, f]));
    expect(by.basic_economy).toMatchObject({ changeable: false, refundable: false, seat_selection: false, change_fee: null });
    expect(by.economy).toMatchObject({ changeable: true, refundable: false, seat_selection: true, change_fee: { domestic: 75, international: 200 } });
    expect(by.premium_economy).toMatchObject({ refundable: true, change_fee: { domestic: 0, international: 0 } });
    expect(by.business).toMatchObject({ refundable: true, cabin: "business" });
    expect(r.extra_bag_fees).toEqual([40, 50, 150]);
  });

  it("get_flight_offer breaks the price down and states the conditions and points", () => {
    const s = session();
    const intl = search(s, HOME, "CDG", day(10))[0];
    const o = s.ok("get_flight_offer", { flight_id: intl.id, fare_class: "economy", passengers: 2 });
    expect(o.price.total_per_passenger).toBe(roundMoney(o.price.base_per_passenger + o.price.taxes_per_passenger));
    expect(o.price.total).toBe(roundMoney(o.price.total_per_passenger * 2));
    expect(o.price.total_per_passenger).toBe(fare(intl, "economy").price_per_passenger);
    expect(o.conditions).toMatchObject({ change_fee_per_passenger: 200, refundable: false, checked_bags_included: 1, domestic: false });
    const acc = account(s);
    expect(o.points_to_earn).toBe(Math.floor(o.price.base_per_passenger * 2 * 2 * (1 + TIER_BONUS[acc.tier]!)));
    const dom = search(s, HOME, "JFK", day(10))[0];
    expect(s.ok("get_flight_offer", { flight_id: dom.id, fare_class: "economy" }).conditions).toMatchObject({
      change_fee_per_passenger: 75,
      checked_bags_included: 0,
      domestic: true,
    });
    expect(s.ok("get_flight_offer", { flight_id: dom.id, fare_class: "basic_economy" }).conditions).toMatchObject({
      changeable: false,
      change_fee_per_passenger: null,
      seat_selection: false,
    });
    const small = fare(intl, "premium_economy");
    const over = s.ok("get_flight_offer", { flight_id: intl.id, fare_class: "premium_economy", passengers: Math.min(9, small.seats_available + 1) });
    expect(over.bookable).toBe(!(small.seats_available + 1 <= 9));
  });

  it("get_seat_map shows each seat's type and whether it is free", () => {
    const s = session();
    const f = search(s, HOME, "CDG", day(10))[0];
    const map = s.ok("get_seat_map", { flight_id: f.id, cabin: "economy" });
    expect(map.cabins).toHaveLength(1);
    const cabin = map.cabins[0];
    expect(cabin.layout).toBe("rows 20-48, seats ABCDEFHJK");
    const row = cabin.rows[0];
    expect(row.seats.map((x: any) => `${x.seat}:${x.type}`)).toEqual([
      "20A:window",
      "20B:middle",
      "20C:aisle",
      "20D:aisle",
      "20E:middle",
      "20F:aisle",
      "20H:aisle",
      "20J:middle",
      "20K:window",
    ]);
    const free = cabin.rows.flatMap((r: any) => r.seats).filter((x: any) => x.available).length;
    expect(cabin.seats_free).toBe(free);
    expect(cabin.seats_for_sale).toBe(fare(f, "economy").seats_available);
    const narrow = s.ok("get_seat_map", { flight_id: search(s, HOME, "LAX", day(10))[0].id });
    expect(narrow.cabins.map((c: any) => c.cabin)).toEqual(["business", "premium_economy", "economy"]);
  });
});

describe("travel_booking: booking flights", () => {
  it("book_flight books travelers and named passengers, charges the fare and earns points", () => {
    const s = session();
    const me = self(s);
    const before = account(s);
    const f = search(s, HOME, "CDG", day(10))[0];
    const offer = s.ok("get_flight_offer", { flight_id: f.id, fare_class: "economy", passengers: 2 });
    const b = s.ok("book_flight", { flight_id: f.id, fare_class: "economy", traveler_ids: [me.id], passengers: [{ first_name: " Ana ", last_name: "Silva" }] });
    expect(b).toMatchObject({
      id: "FBK-1014",
      flight_id: f.id,
      status: "confirmed",
      fare_class: "economy",
      cabin: "economy",
      total_price: offer.price.total,
      amount_paid: offer.price.total,
      fare_per_passenger: offer.price.total_per_passenger,
      points_earned: offer.points_to_earn,
      contact_email: world.user.email,
      booked_at: world.now,
    });
    expect(b.booking_reference).toMatch(/^[A-Z2-9]{6}$/);
    expect(b.passengers).toEqual([
      { number: 1, traveler_id: me.id, first_name: me.first_name, last_name: me.last_name, included_bags: 1, extra_bags: 0 },
      { number: 2, first_name: "Ana", last_name: "Silva", included_bags: 1, extra_bags: 0 },
    ]);
    const after = account(s);
    expect(after.points_balance).toBe(before.points_balance + b.points_earned);
    expect(after.tier_points).toBe(before.tier_points + b.points_earned);
    expect(s.ok("list_points_activity", { limit: 1 }).items[0]).toMatchObject({
      kind: "earn",
      points: b.points_earned,
      booking_id: b.id,
      balance_after: after.points_balance,
    });
    expect(fare(s.ok("get_flight", { flight_id: f.id }), "economy").seats_available).toBe(fare(f, "economy").seats_available - 2);
    const got = s.ok("get_flight_booking", { flight_booking_id: b.id });
    expect(got).toMatchObject({ id: b.id, flight_status: "scheduled", free_cancellation_until: time.addMinutes(world.now, 24 * 60) });
    expect(s.rows("flights").some((x) => x.id === f.id)).toBe(true);
  });

  it("departures in the past cannot be booked, and sales close an hour before departure", () => {
    const s = session();
    const flown = s.rows("flight_bookings").find((b) => b.status === "flown");
    s.fails(
      "book_flight",
      { flight_id: flown.flight_id, fare_class: "economy", traveler_ids: [self(s).id] },
      "failed_precondition",
      /departed at .*departures in the past cannot be booked/,
    );
    const soon = search(s, HOME, "LAX", day(0))[0];
    s.advanceTo(time.addMinutes(soon.departure, -30));
    s.fails(
      "book_flight",
      { flight_id: soon.id, fare_class: "economy", passengers: people(1) },
      "failed_precondition",
      /within 60 minutes; bookings close 60 minutes before departure/,
    );
  });

  it("flights beyond the published schedule cannot be booked", () => {
    const s = session();
    const f = search(s, HOME, "JFK", day(59))[0];
    let id: string | undefined;
    for (let k = 61; k < 70 && !id; k++)
      if (s.call("get_flight", { flight_id: idFor(f.flight_number, day(k)) }).outcome === "ok") id = idFor(f.flight_number, day(k));
    s.fails(
      "book_flight",
      { flight_id: id, fare_class: "economy", passengers: people(1) },
      "invalid_argument",
      new RegExp(`beyond the published schedule; flights can be booked through ${day(60)}`),
    );
  });

  it("passengers' names are required, letters only, once per booking and once per flight", () => {
    const s = session();
    const f = search(s, HOME, "SEA", day(8))[0];
    const book = (extra: Record<string, unknown>) => ({ flight_id: f.id, fare_class: "economy", ...extra });
    s.fails(
      "book_flight",
      book({ passengers: [{ first_name: "Ana", last_name: "  " }] }),
      "invalid_argument",
      /passenger 1 has no last name; give each traveler's first and last name exactly as on their passport/,
    );
    s.fails(
      "book_flight",
      book({ traveler_ids: [self(s).id], passengers: [{ first_name: "", last_name: "Silva" }] }),
      "invalid_argument",
      /passenger 2 has no first name/,
    );
    s.fails("book_flight", book({ passengers: [{ first_name: "R2", last_name: "D2" }] }), "invalid_argument", /may hold only letters/);
    s.fails("book_flight", book({}), "invalid_argument", /at least one passenger/);
    s.fails(
      "book_flight",
      book({
        passengers: [
          { first_name: "Ana", last_name: "Silva" },
          { first_name: "ana", last_name: "SILVA" },
        ],
      }),
      "invalid_argument",
      /Ana Silva is listed twice/,
    );
    s.fails("book_flight", book({ traveler_ids: [self(s).id, self(s).id] }), "invalid_argument", /is listed twice/);
    s.fails("book_flight", book({ traveler_ids: ["TRV-9999"] }), "not_found");
    const travelers = s.ok("list_travelers", {}).items.map((t: any) => t.id);
    s.fails("book_flight", book({ traveler_ids: travelers, passengers: people(6) }), "limit_exceeded", /at most 9 passengers; 10 were given/);
    const first = s.ok("book_flight", book({ passengers: people(1) }));
    s.fails(
      "book_flight",
      book({ passengers: [{ first_name: "ANA", last_name: "silva" }] }),
      "conflict",
      new RegExp(`Ana Silva already holds a seat on ${f.flight_number} .*\\(booking ${first.id}, ${first.booking_reference}\\)`),
    );
  });

  it("a cabin sells no more seats than it has", () => {
    const s = session();
    let target: { f: any; left: number } | undefined;
    for (let n = 5; n < 40 && !target; n++) {
      for (const f of search(s, HOME, "LAX", day(n), { cabin: "business" })) {
        const left = f.fares[0].seats_available;
        if (left >= 1 && left <= 8) {
          target = { f, left };
          break;
        }
      }
    }
    expect(target).toBeDefined();
    const { f, left } = target!;
    s.fails(
      "book_flight",
      { flight_id: f.id, fare_class: "business", passengers: people(left + 1) },
      "failed_precondition",
      new RegExp(`only ${left} business seats? left on ${f.flight_number}; ${left + 1} passengers need ${left + 1}`),
    );
    s.ok("book_flight", { flight_id: f.id, fare_class: "business", passengers: people(left) });
    expect(fare(s.ok("get_flight", { flight_id: f.id }), "business")).toMatchObject({ seats_available: 0, bookable: false });
    s.fails(
      "book_flight",
      { flight_id: f.id, fare_class: "business", passengers: [{ first_name: "Kim", last_name: "Lee" }] },
      "failed_precondition",
      /business on .* is sold out/,
    );
    const other = search(s, HOME, "LAX", f.departure_local.slice(0, 10), { cabin: "business" }).find((x) => x.id !== f.id && x.fares[0].seats_available > 0);
    const moving = s.ok("book_flight", { flight_id: other.id, fare_class: "business", passengers: [{ first_name: "Kim", last_name: "Lee" }] });
    s.fails(
      "change_flight",
      { flight_booking_id: moving.id, new_flight_id: f.id },
      "failed_precondition",
      new RegExp(`only 0 business seats left on ${f.flight_number}; the booking has 1 passenger —`),
    );
  });
});

describe("travel_booking: seats and bags", () => {
  it("select_seat assigns a free seat in the booked cabin and can move it", () => {
    const s = session();
    const { flight, booking } = bookParis(s);
    const seats = s.ok("get_seat_map", { flight_id: flight.id, cabin: "economy" }).cabins[0].rows.flatMap((r: any) => r.seats);
    const [a, b] = seats.filter((x: any) => x.available);
    const r = s.ok("select_seat", { flight_booking_id: booking.id, seat: a.seat.toLowerCase() });
    expect(r).toMatchObject({ flight_booking_id: booking.id, seat_type: a.type, passenger: { number: 1, seat: a.seat } });
    const after = s.ok("get_seat_map", { flight_id: flight.id, cabin: "economy" }).cabins[0];
    expect(after.rows.flatMap((x: any) => x.seats).find((x: any) => x.seat === a.seat).available).toBe(false);
    const moved = s.ok("select_seat", { flight_booking_id: booking.id, seat: b.seat });
    expect(moved.previous_seat).toBe(a.seat);
    expect(s.ok("get_flight_booking", { flight_booking_id: booking.id }).passengers[0].seat).toBe(b.seat);
    const again = s.ok("get_seat_map", { flight_id: flight.id, cabin: "economy" }).cabins[0].rows.flatMap((x: any) => x.seats);
    expect(again.find((x: any) => x.seat === a.seat).available).toBe(true);
  });

  it("no seat is held twice", () => {
    const s = session();
    const { flight, booking } = bookParis(s);
    const seats = s.ok("get_seat_map", { flight_id: flight.id, cabin: "economy" }).cabins[0].rows.flatMap((r: any) => r.seats);
    const taken = seats.find((x: any) => !x.available);
    s.fails(
      "select_seat",
      { flight_booking_id: booking.id, seat: taken.seat },
      "conflict",
      new RegExp(`seat ${taken.seat} is already taken; free economy seats near it: \\d+[A-K] \\(`),
    );
    const free = seats.find((x: any) => x.available);
    s.ok("select_seat", { flight_booking_id: booking.id, seat: free.seat });
    const other = s.ok("book_flight", { flight_id: flight.id, fare_class: "economy", passengers: people(1) });
    s.fails("select_seat", { flight_booking_id: other.id, seat: free.seat }, "conflict", new RegExp(`seat ${free.seat} is already taken`));
  });

  it("seat selection is not allowed on basic economy, and must be a real seat of the booked cabin", () => {
    const s = session();
    const basic = bookParis(s, "basic_economy").booking;
    s.fails(
      "select_seat",
      { flight_booking_id: basic.id, seat: "30A" },
      "failed_precondition",
      /basic economy fare, which does not include seat selection: a seat is assigned free at check-in/,
    );
    const { booking } = bookParis(s, "economy", 11);
    s.fails(
      "select_seat",
      { flight_booking_id: booking.id, seat: "2A" },
      "failed_precondition",
      /seat 2A is in business; booking FBK-\d+ flies economy \(rows 20-48, seats ABCDEFHJK\)/,
    );
    s.fails("select_seat", { flight_booking_id: booking.id, seat: "99Z" }, "invalid_argument", /seat 99Z does not exist on this .*business: rows 1-8/);
    s.fails(
      "select_seat",
      { flight_booking_id: booking.id, seat: "30A", passenger_number: 2 },
      "invalid_argument",
      /passenger_number 2 is not on booking .*; it has passengers 1 \(/,
    );
    const cancelled = s.rows("flight_bookings").find((b) => b.status === "cancelled");
    s.fails("select_seat", { flight_booking_id: cancelled.id, seat: "30A" }, "failed_precondition", /was cancelled/);
    const flown = s.rows("flight_bookings").find((b) => b.status === "flown");
    s.fails("select_seat", { flight_booking_id: flown.id, seat: "30A" }, "failed_precondition", /already flown/);
  });

  it("add_baggage charges 40, 50 and 150 for extra bags, at most three per passenger", () => {
    const s = session();
    const { booking } = bookParis(s);
    const two = s.ok("add_baggage", { flight_booking_id: booking.id, bags: 2 });
    expect(two.fee).toBe(90);
    expect(two.passenger).toMatchObject({ extra_bags: 2, included_bags: 1 });
    expect(two.booking.total_price).toBe(roundMoney(booking.total_price + 90));
    expect(two.booking.charges.at(-1)).toMatchObject({ kind: "baggage", amount: 90 });
    expect(s.ok("add_baggage", { flight_booking_id: booking.id }).fee).toBe(150);
    s.fails(
      "add_baggage",
      { flight_booking_id: booking.id },
      "limit_exceeded",
      /already has 3 extra bags; at most 3 extra checked bags per passenger, so 0 more can be added/,
    );
    s.fails("add_baggage", { flight_booking_id: booking.id, passenger_number: 2 }, "invalid_argument", /is not on booking/);
    const cancelled = s.rows("flight_bookings").find((b) => b.status === "cancelled");
    s.fails("add_baggage", { flight_booking_id: cancelled.id }, "failed_precondition", /was cancelled/);
  });
});

describe("travel_booking: changes and cancellations under the fare rules", () => {
  it("economy changes pay the fee per passenger plus the fare difference; seats are released", () => {
    const s = session();
    const { booking } = bookParis(s);
    const seat = s
      .ok("get_seat_map", { flight_id: booking.flight_id, cabin: "economy" })
      .cabins[0].rows.flatMap((r: any) => r.seats)
      .find((x: any) => x.available).seat;
    s.ok("select_seat", { flight_booking_id: booking.id, seat });
    const target = search(s, HOME, "CDG", day(12))[0];
    const newFare = fare(target, "economy").price_per_passenger;
    const r = s.ok("change_flight", { flight_booking_id: booking.id, new_flight_id: target.id });
    const difference = roundMoney(Math.max(0, newFare - booking.fare_per_passenger));
    expect(r).toMatchObject({ change_fee: 200, fare_difference: difference, total_charged: roundMoney(200 + difference), seats_released: [seat] });
    expect(r.booking).toMatchObject({
      flight_id: target.id,
      departure: target.departure,
      fare_per_passenger: Math.max(newFare, booking.fare_per_passenger),
      total_price: roundMoney(booking.total_price + 200 + difference),
    });
    expect(r.booking.passengers[0].seat).toBeUndefined();
    expect(r.booking.charges.map((c: any) => c.kind)).toEqual(difference > 0 ? ["fare", "change_fee", "fare_difference"] : ["fare", "change_fee"]);
    expect(s.rows("flights").some((f) => f.id === target.id)).toBe(true);
  });

  it("domestic economy changes cost 75 per passenger; premium and business change free", () => {
    const s = session();
    const dom = search(s, HOME, "JFK", day(9));
    const b = s.ok("book_flight", { flight_id: dom[0].id, fare_class: "economy", passengers: people(2) });
    expect(s.ok("change_flight", { flight_booking_id: b.id, new_flight_id: dom[1].id }).change_fee).toBe(150);
    const biz = s.ok("book_flight", { flight_id: dom[0].id, fare_class: "business", traveler_ids: [self(s).id] });
    const free = s.ok("change_flight", { flight_booking_id: biz.id, new_flight_id: dom[2].id });
    expect(free.change_fee).toBe(0);
    expect(free.total_charged).toBe(free.fare_difference);
  });

  it("basic economy cannot be changed; changes keep the route and need another flight", () => {
    const s = session();
    const basic = bookParis(s, "basic_economy").booking;
    s.fails(
      "change_flight",
      { flight_booking_id: basic.id, new_flight_id: search(s, HOME, "CDG", day(12))[0].id },
      "failed_precondition",
      /basic economy fare, which cannot be changed; cancel it \(refunded only within 24 hours of booking, until .*\) and book the new flight instead/,
    );
    const { booking } = bookParis(s, "economy", 11);
    s.fails(
      "change_flight",
      { flight_booking_id: booking.id, new_flight_id: search(s, HOME, "LHR", day(12))[0].id },
      "failed_precondition",
      /a change keeps the route SFO→CDG; .* flies SFO→LHR/,
    );
    s.fails("change_flight", { flight_booking_id: booking.id, new_flight_id: booking.flight_id }, "invalid_argument", /is already on/);
    const later = search(s, HOME, "CDG", day(13))[0];
    s.ok("book_flight", { flight_id: later.id, fare_class: "economy", traveler_ids: [self(s).id] });
    s.fails(
      "change_flight",
      { flight_booking_id: booking.id, new_flight_id: later.id },
      "conflict",
      new RegExp(`${world.user.first_name} ${world.user.last_name} already holds a seat on ${later.flight_number}`),
    );
    const flown = s.rows("flight_bookings").find((b) => b.status === "flown" && b.fare_class !== "basic_economy")!;
    s.fails("change_flight", { flight_booking_id: flown.id, new_flight_id: booking.flight_id }, "failed_precondition", /already flown/);
  });

  it("within 24 hours of booking any fare is refunded in full and its points are taken back", () => {
    const s = session();
    const before = account(s);
    const { flight, booking } = bookParis(s, "basic_economy");
    s.advance(23 * HOUR);
    const r = s.ok("cancel_flight_booking", { flight_booking_id: booking.id });
    expect(r).toMatchObject({ refund_amount: booking.amount_paid, points_reversed: booking.points_earned, reason: "cancelled within 24 hours of booking" });
    expect(r.booking).toMatchObject({ status: "cancelled", refund_amount: booking.amount_paid });
    expect(account(s)).toMatchObject({ points_balance: before.points_balance, tier_points: before.tier_points });
    expect(fare(s.ok("get_flight", { flight_id: flight.id }), "basic_economy").seats_available).toBe(fare(flight, "basic_economy").seats_available);
    s.fails("cancel_flight_booking", { flight_booking_id: booking.id }, "failed_precondition", /is already cancelled since/);
  });

  it("after 24 hours non-refundable fares refund nothing, and cancelling needs accept_no_refund", () => {
    const s = session();
    const { booking } = bookParis(s, "economy");
    s.advance(25 * HOUR);
    s.fails(
      "cancel_flight_booking",
      { flight_booking_id: booking.id },
      "failed_precondition",
      new RegExp(
        `non-refundable economy fare booked ${booking.booked_at}, more than 24 hours ago: cancelling refunds nothing \\(0.00 of [\\d,.]+ paid\\). Pass accept_no_refund: true to cancel anyway, or move it with change_flight \\(fee 200.00 per passenger\\)`,
      ),
    );
    const r = s.ok("cancel_flight_booking", { flight_booking_id: booking.id, accept_no_refund: true });
    expect(r).toMatchObject({ refund_amount: 0, points_reversed: booking.points_earned, reason: "non-refundable fare" });
    expect(r.booking.status).toBe("cancelled");
  });

  it("refundable fares are refunded in full at any time before departure; departed flights cannot be cancelled", () => {
    const s = session();
    const { booking } = bookParis(s, "business");
    s.advance(72 * HOUR);
    expect(s.ok("cancel_flight_booking", { flight_booking_id: booking.id })).toMatchObject({ refund_amount: booking.amount_paid, reason: "refundable fare" });
    const flown = s.rows("flight_bookings").find((b) => b.status === "flown");
    s.fails(
      "cancel_flight_booking",
      { flight_booking_id: flown.id, accept_no_refund: true },
      "failed_precondition",
      /departed at .*; a departed flight cannot be cancelled or refunded/,
    );
  });
});

describe("travel_booking: hotels", () => {
  const stay = { check_in: day(20), check_out: day(23) };

  it("search_hotels lists a city's hotels with their cheapest available price, cheapest first", () => {
    const s = session();
    const r = s.ok("search_hotels", { city: "Paris", ...stay, guests: 2 });
    expect(r.total).toBe(4);
    const available = r.items.filter((h: any) => h.available);
    expect(r.items.slice(0, available.length)).toEqual(available);
    const totals = available.map((h: any) => h.lowest_total_price);
    expect(totals).toEqual([...totals].sort((a: number, b: number) => a - b));
    const h = available[0];
    const rates = s.ok("get_hotel_rates", { hotel_id: h.id, ...stay, guests: 2 });
    const cheapest = Math.min(...rates.room_types.filter((x: any) => x.available).flatMap((x: any) => x.rates.map((q: any) => q.total_price)));
    expect(h.lowest_total_price).toBe(cheapest);
    expect(h.lowest_nightly_price).toBe(
      roundMoney(
        rates.room_types.find((x: any) => x.id === h.cheapest_room_type_id).rates.find((q: any) => q.rate_plan === h.cheapest_rate_plan).room_total / 3,
      ),
    );
    expect(s.ok("search_hotels", { city: "CDG", ...stay, guests: 2 }).items).toEqual(r.items);
  });

  it("search_hotels filters by stars, amenities and nightly price", () => {
    const s = session();
    const all = s.ok("search_hotels", { city: "Tokyo", ...stay }).items;
    const four = s.ok("search_hotels", { city: "Tokyo", ...stay, min_stars: 4 }).items;
    expect(four.every((h: any) => h.stars >= 4)).toBe(true);
    expect(four.length).toBe(all.filter((h: any) => h.stars >= 4).length);
    const wifi = s.ok("search_hotels", { city: "Tokyo", ...stay, amenities: ["free_wifi"] }).items;
    expect(wifi.length).toBe(4);
    const cap = all.filter((h: any) => h.available)[0].lowest_nightly_price;
    const cheap = s.ok("search_hotels", { city: "Tokyo", ...stay, max_nightly_price: cap }).items;
    expect(cheap.length).toBeGreaterThanOrEqual(1);
    expect(cheap.every((h: any) => h.lowest_nightly_price <= cap)).toBe(true);
  });

  it("stay dates: not in the past, check-out after check-in, at most 30 nights, within a year", () => {
    const s = session();
    s.fails("search_hotels", { city: "Atlantis", ...stay }, "not_found", /no hotels in "Atlantis"; cities with hotels are San Francisco/);
    s.fails(
      "search_hotels",
      { city: "Paris", check_in: day(5), check_out: day(5) },
      "invalid_argument",
      new RegExp(`check-out ${day(5)} must be after check-in ${day(5)}`),
    );
    s.fails(
      "search_hotels",
      { city: "Paris", check_in: day(5), check_out: day(36) },
      "limit_exceeded",
      /a stay of 31 nights is too long: at most 30 nights per booking/,
    );
    expect(s.ok("search_hotels", { city: "Paris", check_in: day(5), check_out: day(35) }).total).toBe(4);
    s.fails(
      "search_hotels",
      { city: "Paris", check_in: day(-2), check_out: day(1) },
      "invalid_argument",
      new RegExp(`check-in ${day(-2)} is in the past; today is ${day(0)}`),
    );
    s.fails("get_hotel_rates", { hotel_id: "HTL-1001", check_in: day(400), check_out: day(402) }, "invalid_argument", /more than 365 days ahead/);
  });

  it("get_hotel and get_hotel_rates describe rooms and price every night on both plans", () => {
    const s = session();
    const h = s.ok("search_hotels", { city: "London", ...stay }).items[0];
    const hotel = s.ok("get_hotel", { hotel_id: h.id });
    expect(hotel.room_types).toHaveLength(3);
    expect(hotel.city).toBe("London");
    const rates = s.ok("get_hotel_rates", { hotel_id: h.id, ...stay, rooms: 2, guests: 2 });
    for (const rt of rates.room_types) {
      const [flex, nrf] = rt.rates;
      expect(flex.nightly_rates.map((n: any) => n.date)).toEqual([day(20), day(21), day(22)]);
      expect(flex.room_total).toBe(roundMoney(flex.nightly_rates.reduce((n: number, x: any) => n + x.price, 0) * 2));
      expect(flex.taxes).toBe(roundMoney(flex.room_total * hotel.tax_rate));
      expect(flex.total_price).toBe(roundMoney(flex.room_total + flex.taxes));
      expect(nrf.total_price).toBeLessThan(flex.total_price);
      expect(flex.refundable).toBe(true);
      expect(flex.free_cancellation_until < `${day(20)}T23:59:59Z`).toBe(true);
      expect(nrf).toMatchObject({ refundable: false });
      expect(nrf.free_cancellation_until).toBeUndefined();
    }
    s.fails("get_hotel", { hotel_id: "HTL-9999" }, "not_found");
    s.fails("get_hotel_rates", { hotel_id: "HTL-9999", ...stay }, "not_found", /list|search/);
    s.fails("get_hotel_booking", { hotel_booking_id: "HBK-9999" }, "not_found");
  });

  it("book_hotel charges the quoted total, earns points and takes rooms out of inventory", () => {
    const s = session();
    const before = account(s);
    const h = s.ok("search_hotels", { city: "Paris", ...stay, guests: 2 }).items.find((x: any) => x.available);
    const rates = s.ok("get_hotel_rates", { hotel_id: h.id, ...stay, guests: 2 });
    const rt = rates.room_types.find((x: any) => x.available && x.rooms_left >= 2);
    const q = rt.rates[0];
    const b = s.ok("book_hotel", { hotel_id: h.id, room_type_id: rt.id, rate_plan: "flexible", ...stay, guests: 2, traveler_id: self(s).id });
    expect(b).toMatchObject({
      id: "HBK-1005",
      status: "confirmed",
      nights: 3,
      rooms: 1,
      guest_name: `${world.user.first_name} ${world.user.last_name}`,
      total_price: q.total_price,
      amount_paid: q.total_price,
      free_cancellation_until: q.free_cancellation_until,
      points_earned: Math.floor(q.room_total * 3 * (1 + TIER_BONUS[before.tier]!)),
    });
    expect(b.confirmation_number).toMatch(/^[A-Z0-9]{8}$/);
    expect(account(s).points_balance).toBe(before.points_balance + b.points_earned);
    const again = s.ok("get_hotel_rates", { hotel_id: h.id, ...stay, guests: 2 }).room_types.find((x: any) => x.id === rt.id);
    expect(again.rooms_left).toBe(rt.rooms_left - 1);
    const byName = s.ok("book_hotel", { hotel_id: h.id, room_type_id: rt.id, rate_plan: "non_refundable", ...stay, guest_name: "Ana  Silva" });
    expect(byName).toMatchObject({ guest_name: "Ana Silva", rate_plan: "non_refundable" });
    expect(byName.free_cancellation_until).toBeUndefined();
  });

  it("a room type must be free every night of the stay", () => {
    const s = session();
    let target: { hotel: string; room: string; left: number } | undefined;
    for (const h of s.ok("search_hotels", { city: "Berlin", ...stay }).items) {
      const rt = s.ok("get_hotel_rates", { hotel_id: h.id, ...stay }).room_types.find((x: any) => x.rooms_left >= 1 && x.rooms_left <= 5);
      if (rt) {
        target = { hotel: h.id, room: rt.id, left: rt.rooms_left };
        break;
      }
    }
    expect(target).toBeDefined();
    const { hotel, room, left } = target!;
    s.ok("book_hotel", { hotel_id: hotel, room_type_id: room, rate_plan: "flexible", ...stay, rooms: left, guest_name: "Ana Silva" });
    s.fails(
      "book_hotel",
      { hotel_id: hotel, room_type_id: room, rate_plan: "flexible", ...stay, guest_name: "Ben Ortiz" },
      "failed_precondition",
      /no .* rooms are left on the night of \d{4}-\d{2}-\d{2}; 1 is needed — (room types free for the whole stay: RM-|pick other dates)/,
    );
  });

  it("book_hotel checks the room belongs to the hotel, sleeps the party, and has a named lead guest", () => {
    const s = session();
    const hotel = s.ok("get_hotel", { hotel_id: "HTL-1001" });
    const other = s.ok("get_hotel", { hotel_id: "HTL-1002" }).room_types[0].id;
    const base = { hotel_id: hotel.id, rate_plan: "flexible", ...stay, guest_name: "Ana Silva" };
    s.fails(
      "book_hotel",
      { ...base, room_type_id: other },
      "invalid_argument",
      new RegExp(`room type ${other} belongs to another hotel .*; room types of ${hotel.name} are RM-`),
    );
    const double = hotel.room_types.find((r: any) => r.max_occupancy === 2);
    s.fails(
      "book_hotel",
      { ...base, room_type_id: double.id, guests: 5 },
      "invalid_argument",
      new RegExp(`the ${double.name} sleeps 2; 5 guests need 3 rooms of it`),
    );
    s.fails(
      "book_hotel",
      { ...base, room_type_id: double.id, guest_name: undefined },
      "invalid_argument",
      /a lead guest is required: pass traveler_id .* or guest_name with first and last name/,
    );
    s.fails("book_hotel", { ...base, room_type_id: double.id, guest_name: "Cher" }, "invalid_argument", /a lead guest is required/);
    s.fails("book_hotel", { ...base, room_type_id: double.id, check_in: day(3), check_out: day(2) }, "invalid_argument", /check_in \(.*\) is after check_out/);
    s.fails("book_hotel", { ...base, room_type_id: double.id, check_in: day(3), check_out: day(40) }, "limit_exceeded", /at most 30 nights/);
  });

  it("flexible stays cancel free before the deadline, with the points taken back", () => {
    const s = session();
    const before = account(s);
    const rt = s.ok("get_hotel_rates", { hotel_id: "HTL-1010", ...stay }).room_types.find((x: any) => x.available);
    const b = s.ok("book_hotel", { hotel_id: "HTL-1010", room_type_id: rt.id, rate_plan: "flexible", ...stay, guest_name: "Ana Silva" });
    expect(s.ok("get_hotel_booking", { hotel_booking_id: b.id }).cancellation).toEqual({ can_cancel: true, fee: 0, free_until: b.free_cancellation_until });
    const r = s.ok("cancel_hotel_booking", { hotel_booking_id: b.id });
    expect(r).toMatchObject({ cancellation_fee: 0, refund_amount: b.amount_paid, points_reversed: b.points_earned });
    expect(r.booking.status).toBe("cancelled");
    expect(account(s).points_balance).toBe(before.points_balance);
    s.fails("cancel_hotel_booking", { hotel_booking_id: b.id }, "failed_precondition", /already cancelled/);
  });

  it("after the deadline a flexible stay costs the first night, and needs accept_penalty", () => {
    const s = session();
    const rt = s.ok("get_hotel_rates", { hotel_id: "HTL-1010", ...stay, rooms: 2 }).room_types.find((x: any) => x.available);
    const b = s.ok("book_hotel", { hotel_id: "HTL-1010", room_type_id: rt.id, rate_plan: "flexible", ...stay, rooms: 2, guest_name: "Ana Silva" });
    s.advanceTo(time.addMinutes(b.free_cancellation_until, 60));
    const fee = roundMoney(b.nightly_rates[0].price * 2 * (1 + b.taxes / b.room_total));
    expect(s.ok("get_hotel_booking", { hotel_booking_id: b.id }).cancellation.fee).toBe(fee);
    s.fails(
      "cancel_hotel_booking",
      { hotel_booking_id: b.id },
      "failed_precondition",
      new RegExp(
        `free cancellation ended at ${b.free_cancellation_until}; cancelling now costs the first night with taxes, ${fee.toLocaleString("en-US", { minimumFractionDigits: 2 })}.*Pass accept_penalty: true`,
      ),
    );
    const r = s.ok("cancel_hotel_booking", { hotel_booking_id: b.id, accept_penalty: true });
    expect(r).toMatchObject({ cancellation_fee: fee, refund_amount: roundMoney(b.amount_paid - fee) });
    expect(r.booking).toMatchObject({ status: "cancelled", cancellation_fee: fee });
  });

  it("non-refundable stays and stays already begun cannot be cancelled", () => {
    const s = session();
    const rt = s.ok("get_hotel_rates", { hotel_id: "HTL-1010", ...stay }).room_types.find((x: any) => x.available);
    const b = s.ok("book_hotel", { hotel_id: "HTL-1010", room_type_id: rt.id, rate_plan: "non_refundable", ...stay, guest_name: "Ana Silva" });
    expect(s.ok("get_hotel_booking", { hotel_booking_id: b.id }).cancellation).toEqual({ can_cancel: false, reason: "non-refundable rate" });
    s.fails(
      "cancel_hotel_booking",
      { hotel_booking_id: b.id, accept_penalty: true },
      "failed_precondition",
      /cancellation refused: .* is on the non-refundable rate, which cannot be cancelled or refunded/,
    );
    const done = s.rows("hotel_bookings").find((x) => x.status === "completed");
    s.fails(
      "cancel_hotel_booking",
      { hotel_booking_id: done.id },
      "failed_precondition",
      new RegExp(`began on ${done.check_in}; a stay that has begun cannot be cancelled`),
    );
  });
});

describe("travel_booking: bookings, itineraries, travelers and loyalty", () => {
  it("list_travel_bookings lists flights and stays by phase", () => {
    const s = session();
    const all = s.ok("list_travel_bookings", { limit: 100 });
    expect(all.total).toBe(s.rows("flight_bookings").length + s.rows("hotel_bookings").length);
    const upcoming = s.ok("list_travel_bookings", { phase: "upcoming", limit: 100 }).items;
    expect(upcoming.length).toBeGreaterThan(0);
    expect(upcoming.every((b: any) => b.status === "confirmed" && b.start >= world.today)).toBe(true);
    const starts = upcoming.map((b: any) => b.start);
    expect(starts).toEqual([...starts].sort());
    expect(s.ok("list_travel_bookings", { phase: "cancelled" }).items.map((b: any) => b.kind)).toEqual(["flight"]);
    expect(s.ok("list_travel_bookings", { kind: "hotel", limit: 100 }).total).toBe(s.rows("hotel_bookings").length);
  });

  it("create_itinerary groups a flight and a stay into a timeline with totals", () => {
    const s = session();
    const { flight, booking } = bookParis(s);
    const arrival = flight.arrival_local.slice(0, 10);
    const rt = s.ok("get_hotel_rates", {
      hotel_id: s.ok("search_hotels", { city: "Paris", check_in: arrival, check_out: time.addDays(arrival, 3) }).items[0].id,
      check_in: arrival,
      check_out: time.addDays(arrival, 3),
    });
    const room = rt.room_types.find((x: any) => x.available);
    const stayB = s.ok("book_hotel", {
      hotel_id: rt.hotel_id,
      room_type_id: room.id,
      rate_plan: "flexible",
      check_in: arrival,
      check_out: time.addDays(arrival, 3),
      traveler_id: self(s).id,
    });
    const it = s.ok("create_itinerary", {
      name: "Paris offsite",
      flight_booking_ids: [booking.id],
      hotel_booking_ids: [stayB.id],
      notes: "Team dinner on day two",
    });
    expect(it).toMatchObject({
      id: "ITN-1003",
      name: "Paris offsite",
      flight_booking_ids: [booking.id],
      hotel_booking_ids: [stayB.id],
      created_at: time.addMinutes(world.now, 2),
    });
    const view = s.ok("get_itinerary", { itinerary_id: it.id });
    expect(view.segments.map((x: any) => x.id)).toEqual([booking.id, stayB.id]);
    expect(view).toMatchObject({
      status: "upcoming",
      starts: booking.departure,
      ends: stayB.check_out,
      total_price: roundMoney(booking.total_price + stayB.total_price),
      warnings: [],
    });
    expect(view.cities).toContain("Paris");
    expect(s.ok("list_itineraries", {}).items[0]).toMatchObject({ id: it.id, bookings: 2 });
    s.ok("cancel_flight_booking", { flight_booking_id: booking.id });
    const after = s.ok("get_itinerary", { itinerary_id: it.id });
    expect(after.total_price).toBe(stayB.total_price);
    expect(after.warnings).toEqual([
      `booking ${booking.id} is cancelled`,
      `no flight in this itinerary arrives in Paris by ${arrival} for the stay at ${stayB.hotel_name}`,
    ]);
  });

  it("itineraries need a booking; cancelled bookings and bookings of another itinerary cannot join", () => {
    const s = session();
    s.fails("create_itinerary", { name: "Empty" }, "invalid_argument", /needs at least one booking/);
    const cancelled = s.rows("flight_bookings").find((b) => b.status === "cancelled");
    s.fails(
      "create_itinerary",
      { name: "X", flight_booking_ids: [cancelled.id] },
      "failed_precondition",
      new RegExp(`booking ${cancelled.id} is cancelled; only active bookings can join an itinerary`),
    );
    const seeded = s.rows("itineraries").find((i) => i.hotel_booking_ids.length > 0);
    s.fails(
      "create_itinerary",
      { name: "X", flight_booking_ids: [seeded.flight_booking_ids[0]] },
      "conflict",
      new RegExp(`already in itinerary ${seeded.id} \\("${seeded.name}"\\); a booking belongs to one itinerary`),
    );
    const { booking } = bookParis(s);
    s.fails("create_itinerary", { name: "X", flight_booking_ids: [booking.id, booking.id] }, "invalid_argument", /listed twice/);
    s.fails("create_itinerary", { name: "X", hotel_booking_ids: ["HBK-9999"] }, "not_found");
  });

  it("add_to_itinerary adds bookings once", () => {
    const s = session();
    const a = bookParis(s).booking;
    const b = bookParis(s, "economy", 14).booking;
    const it = s.ok("create_itinerary", { name: "Two Paris trips", flight_booking_ids: [a.id] });
    const r = s.ok("add_to_itinerary", { itinerary_id: it.id, flight_booking_ids: [b.id] });
    expect(r.flight_booking_ids).toEqual([a.id, b.id]);
    s.fails("add_to_itinerary", { itinerary_id: it.id, flight_booking_ids: [b.id] }, "conflict", new RegExp(`booking ${b.id} is already in this itinerary`));
    s.fails("add_to_itinerary", { itinerary_id: it.id }, "invalid_argument", /nothing to add/);
    s.fails("add_to_itinerary", { itinerary_id: "ITN-9999", flight_booking_ids: [b.id] }, "not_found");
    expect(s.ok("get_itinerary", { itinerary_id: it.id }).segments).toHaveLength(2);
  });

  it("list_travelers masks passports; add_traveler saves a bookable traveler once", () => {
    const s = session();
    for (const t of s.ok("list_travelers", {}).items) expect(t.passport_number).toMatch(/^\*{5}\d{4}$/);
    const t = s.ok("add_traveler", {
      first_name: "Lena",
      last_name: "Brandt",
      date_of_birth: "1990-04-12",
      relationship: "family",
      passport_number: "C01X00T47",
      seat_preference: "aisle",
    });
    expect(t).toMatchObject({ id: "TRV-1005", first_name: "Lena", last_name: "Brandt", passport_number: "*****0T47", seat_preference: "aisle" });
    const b = s.ok("book_flight", { flight_id: search(s, HOME, "SEA", day(5))[0].id, fare_class: "economy", traveler_ids: [t.id] });
    expect(b.passengers[0]).toMatchObject({ traveler_id: t.id, first_name: "Lena", last_name: "Brandt" });
    s.fails(
      "add_traveler",
      { first_name: "lena", last_name: "BRANDT", date_of_birth: "1990-04-12" },
      "already_exists",
      /Lena Brandt born 1990-04-12 is already saved as TRV-1005/,
    );
    s.fails("add_traveler", { first_name: "Lena", last_name: "Brandt", date_of_birth: day(3) }, "invalid_argument", /is not in the past/);
    s.fails(
      "add_traveler",
      { first_name: "Me", last_name: "Again", date_of_birth: "1980-01-01", relationship: "self" },
      "already_exists",
      /own profile already exists/,
    );
    s.fails("add_traveler", { first_name: "J0hn", last_name: "Doe", date_of_birth: "1980-01-01" }, "invalid_argument", /may hold only letters/);
  });

  it("get_loyalty_account and list_points_activity show balance, tier progress and the ledger", () => {
    const s = session();
    const acc = account(s);
    expect(acc.points_value).toBe(roundMoney(acc.points_balance / 100));
    expect(acc.tier_points_to_next_tier).toBe(TIER_FROM[acc.next_tier]! - acc.tier_points);
    const ledger = s.ok("list_points_activity", { limit: 100 }).items;
    const dates = ledger.map((t: any) => t.created_at);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(ledger[ledger.length - 1]).toMatchObject({ kind: "bonus", points: 5000 });
    const reversal = s.ok("list_points_activity", { kind: "reversal" }).items;
    expect(reversal).toHaveLength(1);
    expect(reversal[0].booking_id).toBe(s.rows("flight_bookings").find((b) => b.status === "cancelled").id);
  });

  it("earning enough tier points moves the account up a tier, and the bonus applies from then on", () => {
    const s = session();
    const before = account(s);
    expect(before.tier).toBe("silver");
    const f = search(s, HOME, "SIN", day(15))[0];
    const b = s.ok("book_flight", { flight_id: f.id, fare_class: "business", passengers: people(3) });
    const after = account(s);
    expect(after.tier_points).toBe(before.tier_points + b.points_earned);
    expect(after.tier_points).toBeGreaterThanOrEqual(60_000);
    expect(after.tier).toBe("gold");
    const offer = s.ok("get_flight_offer", { flight_id: f.id, fare_class: "economy" });
    expect(offer.points_to_earn).toBe(Math.floor(offer.price.base_per_passenger * 2 * 1.25));
  });

  it("redeem_points pays part of an upcoming booking: 100 points per 1.00", () => {
    const s = session();
    const before = account(s);
    const { booking } = bookParis(s);
    const mid = account(s);
    expect(mid.points_balance).toBe(before.points_balance + booking.points_earned);
    const r = s.ok("redeem_points", { points: 2500, flight_booking_id: booking.id });
    expect(r).toMatchObject({ points_redeemed: 2500, value: 25, balance_after: mid.points_balance - 2500 });
    expect(r.booking).toMatchObject({ points_applied: 2500, amount_paid: roundMoney(booking.amount_paid - 25), total_price: booking.total_price });
    expect(s.ok("list_points_activity", { kind: "redeem", limit: 1 }).items[0]).toMatchObject({ points: -2500, booking_id: booking.id });
    // Cancelled within 24 hours: the card amount is refunded and the points come back.
    const c = s.ok("cancel_flight_booking", { flight_booking_id: booking.id });
    expect(c).toMatchObject({ refund_amount: roundMoney(booking.amount_paid - 25), points_returned: 2500, points_reversed: booking.points_earned });
    expect(account(s).points_balance).toBe(before.points_balance);
  });

  it("redemptions: at least 1,000 in steps of 100, within the balance and the card amount, on upcoming bookings", () => {
    const s = session();
    const acc = account(s);
    const { booking } = bookParis(s);
    const cheap = s.ok("book_flight", {
      flight_id: search(s, HOME, "LAX", day(7), { sort: "price" })[0].id,
      fare_class: "basic_economy",
      traveler_ids: [self(s).id],
    });
    s.fails("redeem_points", { points: 900, flight_booking_id: booking.id }, "invalid_arguments", /at least 1,000 and a multiple of 100; 900 is not/);
    s.fails("redeem_points", { points: 1050, flight_booking_id: booking.id }, "invalid_arguments", /multiple of 100/);
    s.fails("redeem_points", { points: -5000, flight_booking_id: booking.id }, "invalid_arguments", /at least 1,000 and a multiple of 100; -5000 is not/);
    // The schema a model reads says so too.
    expect(travel.tool("redeem_points")?.inputSchema.properties).toMatchObject({
      points: { type: "integer", minimum: 1000, maximum: 1_000_000, multipleOf: 100 },
    });
    s.fails("redeem_points", { points: 1000 }, "invalid_argument", /exactly one of flight_booking_id or hotel_booking_id/);
    const balance = account(s).points_balance;
    const tooMany = Math.ceil((balance + 1) / 100) * 100;
    s.fails(
      "redeem_points",
      { points: tooMany, flight_booking_id: booking.id },
      "failed_precondition",
      new RegExp(`insufficient points: the balance is ${balance.toLocaleString("en-US")}; redeeming ${tooMany.toLocaleString("en-US")} needs`),
    );
    const most = Math.floor(cheap.amount_paid) * 100;
    s.fails(
      "redeem_points",
      { points: most + 100, flight_booking_id: cheap.id },
      "limit_exceeded",
      new RegExp(`at most ${most.toLocaleString("en-US")} points`),
    );
    expect(s.ok("redeem_points", { points: most, flight_booking_id: cheap.id }).booking.amount_paid).toBe(roundMoney(cheap.amount_paid - most / 100));
    const upcomingStay = s.rows("hotel_bookings").find((b) => b.status === "confirmed");
    const onStay = s.ok("redeem_points", { points: 1000, hotel_booking_id: upcomingStay.id });
    expect(onStay.booking).toMatchObject({
      id: upcomingStay.id,
      points_applied: upcomingStay.points_applied + 1000,
      amount_paid: roundMoney(upcomingStay.amount_paid - 10),
    });
    const flown = s.rows("flight_bookings").find((b) => b.status === "flown");
    s.fails("redeem_points", { points: 1000, flight_booking_id: flown.id }, "failed_precondition", /points can pay only toward upcoming confirmed bookings/);
    const done = s.rows("hotel_bookings").find((b) => b.status === "completed");
    s.fails("redeem_points", { points: 1000, hotel_booking_id: done.id }, "failed_precondition", /upcoming confirmed bookings/);
    expect(acc.points_balance).toBeGreaterThan(0);
  });
});

describe("travel_booking: loyalty tiers, written out", () => {
  it.each([
    [0, "member"],
    [24_999, "member"],
    [25_000, "silver"],
    [59_999, "silver"],
    [60_000, "gold"],
    [119_999, "gold"],
    [120_000, "platinum"],
    [1_000_000, "platinum"],
  ])("rule: %i tier points is the %s tier (silver from 25,000, gold from 60,000, platinum from 120,000)", (points, tier) => {
    expect(tierFor(points)).toBe(tier);
  });

  it.each([
    ["member", 2000],
    ["silver", 2200],
    ["gold", 2500],
    ["platinum", 3000],
  ] as const)("rule: 1,000.00 of economy fare (2 points per dollar) earns a %s %i points (bonus 0%, 10%, 25%, 50%)", (tier, points) => {
    expect(pointsFor(1000, 2, tier)).toBe(points);
  });

  it("rule: points round down to whole points (333.33 × 3 at silver is 1,099.989 → 1,099)", () => {
    expect(pointsFor(333.33, 3, "silver")).toBe(1099);
  });
});

describe("travel_booking: scenario", () => {
  it("plans a trip to Paris: flight, seat, bag, hotel, itinerary, points, then a change", () => {
    const s = session();
    const me = self(s);
    // 1. Find the cheapest economy flight to Paris in three weeks.
    const flight = search(s, "San Francisco", "Paris", day(21), { cabin: "economy", sort: "price" })[0];
    // 2. Price it for two.
    const offer = s.ok("get_flight_offer", { flight_id: flight.id, fare_class: "economy", passengers: 2 });
    expect(offer.bookable).toBe(true);
    // 3. Book the user and their partner.
    const partner = s.ok("list_travelers", {}).items.find((t: any) => t.relationship === "partner");
    const booking = s.ok("book_flight", { flight_id: flight.id, fare_class: "economy", traveler_ids: [me.id, partner.id] });
    expect(booking.total_price).toBe(offer.price.total);
    // 4. Seats side by side from the seat map.
    const row = s
      .ok("get_seat_map", { flight_id: booking.flight_id, cabin: "economy" })
      .cabins[0].rows.find((r: any) => r.seats.filter((x: any) => x.available).length >= 2);
    const [s1, s2] = row.seats.filter((x: any) => x.available);
    s.ok("select_seat", { flight_booking_id: booking.id, seat: s1.seat, passenger_number: 1 });
    s.ok("select_seat", { flight_booking_id: booking.id, seat: s2.seat, passenger_number: 2 });
    // 5. An extra bag for the partner.
    const bag = s.ok("add_baggage", { flight_booking_id: booking.id, passenger_number: 2 });
    // 6. A hotel from the arrival day.
    const arrival = flight.arrival_local.slice(0, 10);
    const hotel = s
      .ok("search_hotels", { city: "Paris", check_in: arrival, check_out: time.addDays(arrival, 4), guests: 2, sort: "rating" })
      .items.find((h: any) => h.available);
    const stayB = s.ok("book_hotel", {
      hotel_id: hotel.id,
      room_type_id: hotel.cheapest_room_type_id,
      rate_plan: hotel.cheapest_rate_plan,
      check_in: arrival,
      check_out: time.addDays(arrival, 4),
      guests: 2,
      traveler_id: me.id,
    });
    // 7. Group them.
    const it = s.ok("create_itinerary", { name: "Paris with partner", flight_booking_ids: [booking.id], hotel_booking_ids: [stayB.id] });
    // 8. Pay part of the flight with points.
    s.ok("redeem_points", { points: 5000, flight_booking_id: booking.id });
    // 9. Move the flight a day later; the seats are released and the fee charged.
    const later = search(s, HOME, "CDG", day(22), { cabin: "economy" })[0];
    const change = s.ok("change_flight", { flight_booking_id: booking.id, new_flight_id: later.id });
    expect(change.change_fee).toBe(400);
    expect(change.seats_released.sort()).toEqual([s1.seat, s2.seat].sort());
    // The itinerary follows the booking; the stay now starts before the flight lands.
    const view = s.ok("get_itinerary", { itinerary_id: it.id });
    const flightPaid = roundMoney(booking.total_price + bag.fee + change.total_charged - 50);
    expect(view.amount_paid).toBe(roundMoney(flightPaid + stayB.amount_paid));
    expect(view.total_price).toBe(roundMoney(booking.total_price + bag.fee + change.total_charged + stayB.total_price));
    expect(view.warnings).toEqual(
      later.arrival_local.slice(0, 10) > arrival ? [`no flight in this itinerary arrives in Paris by ${arrival} for the stay at ${stayB.hotel_name}`] : [],
    );
  });
});
