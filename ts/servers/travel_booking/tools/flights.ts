/**
 * Flight tools: airports, schedule search, offers and fare rules, seat maps; booking, seats,
 * bags, changes and cancellations under the fare rules.
 */
import {
  check,
  email,
  formatMoney,
  isoDate,
  matchesText,
  money,
  page,
  paginate,
  ref,
  refs,
  roundMoney,
  time,
  timeOfDay,
  z,
  type CallEnv,
} from "../../framework/index.ts";
import {
  bookingsOn,
  changeFeeOf,
  includedBags,
  pointsFor,
  postPoints,
  recordLocator,
  reversePoints,
  seatsAvailable,
  takenSeats,
  theAccount,
  type TravelDb,
} from "../rules.ts";
import {
  BOOKING_CUTOFF_MINUTES,
  CABINS,
  cabinRows,
  EXTRA_BAG_FEES,
  FARE_CLASSES,
  FARE_RULES,
  fareOf,
  flightsOn,
  isDomestic,
  layoutOf,
  MAX_EXTRA_BAGS,
  MAX_PASSENGERS,
  resolveFlight,
  SCHEDULE_DAYS,
  seatOn,
  seatsOf,
  type Cabin,
  type FlightInfo,
} from "../schedule.ts";
import { FREE_CANCELLATION_HOURS, read, write, type FlightBooking, type Passenger } from "../state.ts";
import { airportOf, checkBookable, checkName, checkOpenFlightBooking, flightStatus, fullName, sameName, seedOf } from "./common.ts";

function faresFor(db: TravelDb, seed: string, f: FlightInfo, passengers: number, cabin?: Cabin) {
  const seats = new Map<Cabin, number>(CABINS.map((c) => [c, seatsAvailable(db, seed, f, c)]));
  return FARE_CLASSES.filter((fc) => !cabin || FARE_RULES[fc].cabin === cabin).map((fc) => {
    const fare = fareOf(seed, f, fc);
    const left = seats.get(fare.cabin) ?? 0;
    return {
      fare_class: fc,
      cabin: fare.cabin,
      price_per_passenger: fare.total,
      total_price: roundMoney(fare.total * passengers),
      seats_available: left,
      bookable: left >= passengers,
      refundable: FARE_RULES[fc].refundable,
      changeable: FARE_RULES[fc].changeable,
    };
  });
}

function flightSummary(f: FlightInfo, now: string) {
  return { ...f, status: flightStatus(f, now) };
}

function findPassenger(b: FlightBooking, n: number): Passenger {
  const p = b.passengers.find((x) => x.number === n);
  check(
    p,
    () => `passenger_number ${n} is not on booking ${b.id}; it has passengers ${b.passengers.map((x) => `${x.number} (${fullName(x)})`).join(", ")}`,
    "invalid_argument",
  );
  return p;
}

function withPassenger(b: FlightBooking, p: Passenger): Passenger[] {
  return b.passengers.map((x) => (x.number === p.number ? p : x));
}

function refundWindowEnd(b: FlightBooking): string {
  return time.addMinutes(b.booked_at, FREE_CANCELLATION_HOURS * 60);
}

export const flightTools = {
  list_airports: read({
    description:
      "Airports the booking service flies to, with IATA code, city, country and time zone. Use the codes as origin and destination in search_flights.",
    input: z.object({ query: z.string().trim().max(60).optional().describe("Part of the airport's name, city, country or code"), ...page }).strict(),
    discovers: "airport",
    run: (db, a) => db.airports.page(a, { where: (x) => matchesText(a.query, x.code, x.name, x.city, x.country) }),
  }),

  search_flights: read({
    description:
      "Nonstop flights between two airports on a local departure date (today through 60 days ahead), with the price per passenger of each fare class and the seats left in its cabin. " +
      "Filter by cabin, departure window and maximum price; flights closing for sale within the hour are left out. Returns flight ids for get_flight_offer, get_seat_map and book_flight.",
    input: z
      .object({
        origin: ref("airport", "Departure airport: IATA code such as 'SFO' (a city name also works)"),
        destination: ref("airport", "Arrival airport: IATA code such as 'JFK'"),
        date: isoDate("Local departure date, YYYY-MM-DD"),
        passengers: z.number().int().min(1).max(MAX_PASSENGERS).default(1).describe(`Number of passengers, 1-${MAX_PASSENGERS}`),
        cabin: z.enum(CABINS).optional().describe("Only fares of this cabin (economy includes basic economy)"),
        earliest_departure: timeOfDay("Leave at or after this local time, HH:MM").optional(),
        latest_departure: timeOfDay("Leave at or before this local time, HH:MM").optional(),
        max_price: money("Highest price per passenger in USD, for the cheapest bookable fare").optional(),
        sort: z.enum(["departure", "price", "duration"]).default("departure").describe("Order of results"),
        ...page,
      })
      .strict(),
    discovers: "flight",
    run: (db, a, env) => {
      const seed = seedOf(env);
      const from = airportOf(db, a.origin, "origin");
      const to = airportOf(db, a.destination, "destination");
      check(from.code !== to.code, `origin and destination are both ${from.code}; pick two different airports`, "invalid_argument");
      check(
        a.date >= env.today,
        `date ${a.date} is in the past; today is ${env.today} — flights can be searched from today through ${time.addDays(env.today, SCHEDULE_DAYS)}`,
        "invalid_argument",
      );
      const last = time.addDays(env.today, SCHEDULE_DAYS);
      check(
        a.date <= last,
        `schedules are published ${SCHEDULE_DAYS} days ahead, through ${last}; ${a.date} is later — search an earlier date`,
        "invalid_argument",
      );
      const rows = flightsOn(seed, from.code, to.code, a.date)
        .filter((f) => time.minutesBetween(env.now, f.departure) > BOOKING_CUTOFF_MINUTES)
        .filter(
          (f) =>
            (!a.earliest_departure || f.departure_local.slice(11) >= a.earliest_departure) &&
            (!a.latest_departure || f.departure_local.slice(11) <= a.latest_departure),
        )
        .map((f) => {
          const fares = faresFor(db, seed, f, a.passengers, a.cabin);
          const cheapest = fares
            .filter((x) => x.bookable)
            .reduce<number | undefined>((m, x) => (m === undefined || x.price_per_passenger < m ? x.price_per_passenger : m), undefined);
          return { f, fares, cheapest };
        })
        .filter((r) => a.max_price === undefined || (r.cheapest !== undefined && r.cheapest <= a.max_price));
      rows.sort(
        a.sort === "price"
          ? (x, y) => (x.cheapest ?? Infinity) - (y.cheapest ?? Infinity) || (x.f.departure < y.f.departure ? -1 : 1)
          : a.sort === "duration"
            ? (x, y) => x.f.duration_minutes - y.f.duration_minutes || (x.f.departure < y.f.departure ? -1 : 1)
            : (x, y) => (x.f.departure < y.f.departure ? -1 : 1),
      );
      const p = paginate(rows, a);
      return {
        ...p,
        items: p.items.map((r) => ({ ...flightSummary(r.f, env.now), ...(r.cheapest !== undefined ? { lowest_price: r.cheapest } : {}), fares: r.fares })),
      };
    },
  }),

  get_flight: read({
    description: "One flight by id: schedule in UTC and local time, aircraft, status on the session clock, and every fare class with price and seats left.",
    input: z.object({ flight_id: ref("flight", "The flight, e.g. 'UA1423-20260314'") }).strict(),
    run: (db, a, env) => {
      const f = resolveFlight(seedOf(env), a.flight_id);
      return { ...flightSummary(f, env.now), fares: faresFor(db, seedOf(env), f, 1), booking_closes_at: time.addMinutes(f.departure, -BOOKING_CUTOFF_MINUTES) };
    },
  }),

  list_fare_classes: read({
    description:
      "The fare classes (basic_economy, economy, premium_economy, business) and their rules: cabin, changes and fees, refunds, seat selection, bags, loyalty points per USD.",
    input: z.object({}).strict(),
    run: () => ({
      fare_classes: FARE_CLASSES.map((fc) => ({ fare_class: fc, ...FARE_RULES[fc] })),
      extra_bag_fees: EXTRA_BAG_FEES,
      free_cancellation: `Any booking can be cancelled with a full refund within ${FREE_CANCELLATION_HOURS} hours of booking.`,
    }),
  }),

  get_flight_offer: read({
    description:
      "The full offer for one flight and fare class for a number of passengers: price breakdown (base fare, taxes, total), seats left, whether it can be booked, " +
      "change and refund conditions, baggage allowance and the loyalty points it would earn. Check it before book_flight.",
    input: z
      .object({
        flight_id: ref("flight", "The flight"),
        fare_class: z.enum(FARE_CLASSES).describe("The fare class"),
        passengers: z.number().int().min(1).max(MAX_PASSENGERS).default(1).describe("Number of passengers"),
      })
      .strict(),
    run: (db, a, env) => {
      const seed = seedOf(env);
      const f = resolveFlight(seed, a.flight_id);
      const fare = fareOf(seed, f, a.fare_class);
      const rule = FARE_RULES[a.fare_class];
      const left = seatsAvailable(db, seed, f, rule.cabin);
      const fee = changeFeeOf(a.fare_class, f);
      const acc = db.loyalty_accounts.all()[0];
      return {
        flight: flightSummary(f, env.now),
        fare_class: a.fare_class,
        cabin: rule.cabin,
        passengers: a.passengers,
        price: {
          base_per_passenger: fare.base,
          taxes_per_passenger: fare.taxes,
          total_per_passenger: fare.total,
          total: roundMoney(fare.total * a.passengers),
          currency: "USD",
        },
        seats_available: left,
        bookable: left >= a.passengers && f.departure > time.addMinutes(env.now, BOOKING_CUTOFF_MINUTES),
        conditions: {
          changeable: rule.changeable,
          change_fee_per_passenger: fee,
          refundable: rule.refundable,
          refund_note: rule.refundable ? "fully refundable before departure" : `refundable only within ${FREE_CANCELLATION_HOURS} hours of booking`,
          seat_selection: rule.seat_selection,
          carry_on: rule.carry_on,
          checked_bags_included: includedBags(a.fare_class, f),
          domestic: isDomestic(f),
        },
        points_to_earn: acc ? pointsFor(fare.base * a.passengers, rule.points_per_usd, acc.tier) : 0,
        booking_closes_at: time.addMinutes(f.departure, -BOOKING_CUTOFF_MINUTES),
      };
    },
  }),

  get_seat_map: read({
    description:
      "The seat map of a flight, row by row: each seat with its type (window, middle, aisle) and whether it is free, for one cabin or all. Use it before select_seat.",
    input: z.object({ flight_id: ref("flight", "The flight"), cabin: z.enum(CABINS).optional().describe("Only this cabin") }).strict(),
    run: (db, a, env) => {
      const seed = seedOf(env);
      const f = resolveFlight(seed, a.flight_id);
      const taken = takenSeats(db, seed, f);
      const cabins = layoutOf(f.aircraft)
        .filter((l) => !a.cabin || l.cabin === a.cabin)
        .map((l) => {
          const seats = seatsOf(f.aircraft, l.cabin);
          const rows: Array<{ row: number; seats: Array<{ seat: string; type: string; available: boolean }> }> = [];
          for (const s of seats) {
            let row = rows[rows.length - 1];
            if (!row || row.row !== s.row) rows.push((row = { row: s.row, seats: [] }));
            row.seats.push({ seat: s.seat, type: s.type, available: !taken.has(s.seat) });
          }
          return {
            cabin: l.cabin,
            layout: cabinRows(f.aircraft, l.cabin),
            seats_free: seats.filter((s) => !taken.has(s.seat)).length,
            seats_for_sale: seatsAvailable(db, seed, f, l.cabin),
            rows,
          };
        });
      return {
        flight_id: f.id,
        flight_number: f.flight_number,
        aircraft: f.aircraft,
        note: "basic economy fares cannot select seats; seats are assigned at check-in",
        cabins,
      };
    },
  }),

  book_flight: write({
    description:
      "Book seats on a flight in one fare class for up to 9 passengers: saved travelers (traveler_ids) and/or people by name (passengers). Charges the fare, earns loyalty points, and returns the booking with its record locator. " +
      "Refused for departed flights, flights within an hour of departure, sold-out cabins, and passengers already on the flight.",
    input: z
      .object({
        flight_id: ref("flight", "The flight, from search_flights"),
        fare_class: z.enum(FARE_CLASSES).describe("The fare class"),
        traveler_ids: refs("traveler", "Saved travelers flying (see list_travelers)", { max: MAX_PASSENGERS }).default([]),
        passengers: z
          .array(
            z
              .object({
                first_name: z.string().max(60).describe("First name as on the passport"),
                last_name: z.string().max(60).describe("Last name as on the passport"),
              })
              .strict(),
          )
          .max(MAX_PASSENGERS)
          .default([])
          .describe("Passengers who are not saved travelers, by name"),
        contact_email: email("Where the airline sends updates; default the user's email").optional(),
      })
      .strict(),
    produces: "flight_booking",
    run: (db, a, env) => {
      const seed = seedOf(env);
      const f = resolveFlight(seed, a.flight_id);
      checkBookable(f, env);
      const party: Array<{ first_name: string; last_name: string; traveler_id?: string }> = [];
      for (const tid of a.traveler_ids) {
        const t = db.travelers.need(tid);
        check(!party.some((p) => p.traveler_id === t.id), `traveler ${t.id} (${fullName(t)}) is listed twice`, "invalid_argument");
        party.push({ first_name: t.first_name, last_name: t.last_name, traveler_id: t.id });
      }
      a.passengers.forEach((p, i) => {
        checkName(p.first_name, p.last_name, `passenger ${a.traveler_ids.length + i + 1}`);
        party.push({ first_name: p.first_name.trim(), last_name: p.last_name.trim() });
      });
      check(
        party.length > 0,
        "a booking needs at least one passenger: give traveler_ids (saved travelers) or passengers with first and last names",
        "invalid_argument",
      );
      check(
        party.length <= MAX_PASSENGERS,
        `a booking holds at most ${MAX_PASSENGERS} passengers; ${party.length} were given — split them into several bookings`,
        "limit_exceeded",
      );
      party.forEach((p, i) => {
        const twin = party.findIndex((q, j) => j < i && sameName(p, q));
        check(twin < 0, () => `${fullName(party[twin] as Passenger)} is listed twice on this booking`, "invalid_argument");
      });
      for (const other of bookingsOn(db, f.id)) {
        const dup = other.passengers.find((p) => party.some((q) => sameName(p, q)));
        check(
          !dup,
          () =>
            `${fullName(dup as Passenger)} already holds a seat on ${f.flight_number} on ${f.departure_local.slice(0, 10)} (booking ${other.id}, ${other.booking_reference}); a passenger can be booked once per flight`,
          "conflict",
        );
      }
      const rule = FARE_RULES[a.fare_class];
      const left = seatsAvailable(db, seed, f, rule.cabin);
      check(
        left >= party.length,
        left === 0
          ? `${rule.cabin.replace("_", " ")} on ${f.flight_number} (${f.departure_local.slice(0, 10)}) is sold out; try another cabin or flight (search_flights)`
          : `only ${left} ${rule.cabin.replace("_", " ")} seat${left === 1 ? "" : "s"} left on ${f.flight_number}; ${party.length} passengers need ${party.length} — book fewer passengers, another cabin or another flight`,
      );
      const fare = fareOf(seed, f, a.fare_class);
      const total = roundMoney(fare.total * party.length);
      if (!db.flights.has(f.id)) db.flights.put({ ...f });
      const id = db.flight_bookings.peekId();
      const acc = theAccount(db);
      const earned = pointsFor(fare.base * party.length, rule.points_per_usd, acc.tier);
      const booking = db.flight_bookings.create({
        booking_reference: recordLocator(seed, id, (r) => db.flight_bookings.find((b) => b.booking_reference === r) !== undefined),
        flight_id: f.id,
        flight_number: f.flight_number,
        origin: f.origin,
        destination: f.destination,
        departure: f.departure,
        arrival: f.arrival,
        fare_class: a.fare_class,
        cabin: rule.cabin,
        passengers: party.map((p, i) => ({
          number: i + 1,
          ...(p.traveler_id ? { traveler_id: p.traveler_id } : {}),
          first_name: p.first_name,
          last_name: p.last_name,
          included_bags: includedBags(a.fare_class, f),
          extra_bags: 0,
        })),
        fare_per_passenger: fare.total,
        charges: [{ kind: "fare", amount: total, description: `${party.length} × ${a.fare_class.replace("_", " ")} fare ${f.flight_number}`, at: env.now }],
        total_price: total,
        points_applied: 0,
        amount_paid: total,
        points_earned: earned,
        status: "confirmed",
        contact_email: a.contact_email ?? env.world.user.email,
        booked_at: env.now,
      });
      if (earned > 0)
        postPoints(db, env, earned, "earn", `${f.flight_number} ${f.origin}→${f.destination}, booking ${booking.booking_reference}`, booking.id, earned);
      return booking;
    },
  }),

  get_flight_booking: read({
    description:
      "One flight booking: flight, passengers with seats and bags, charges, payment, status, until when it can be cancelled for free, and its fare rules.",
    input: z.object({ flight_booking_id: ref("flight_booking", "The flight booking") }).strict(),
    run: (db, a, env) => {
      const b = db.flight_bookings.need(a.flight_booking_id);
      const itinerary = db.itineraries.find((i) => i.flight_booking_ids.includes(b.id));
      return {
        ...b,
        flight_status: flightStatus(b, env.now),
        free_cancellation_until: FARE_RULES[b.fare_class].refundable ? b.departure : refundWindowEnd(b),
        fare_rules: FARE_RULES[b.fare_class].summary,
        ...(itinerary ? { itinerary_id: itinerary.id } : {}),
      };
    },
  }),

  select_seat: write({
    description:
      "Choose a seat for one passenger of a booking (see get_seat_map). Not allowed on basic economy fares; the seat must be free and in the booked cabin. Replaces the passenger's previous seat.",
    input: z
      .object({
        flight_booking_id: ref("flight_booking", "The booking"),
        seat: z.string().trim().min(2).max(4).describe("The seat, e.g. '14C'"),
        passenger_number: z.number().int().min(1).max(MAX_PASSENGERS).default(1).describe("Which passenger (1 for the first)"),
      })
      .strict(),
    run: (db, a, env) => {
      const b = db.flight_bookings.need(a.flight_booking_id);
      checkOpenFlightBooking(b, env, "changed");
      check(
        FARE_RULES[b.fare_class].seat_selection,
        `booking ${b.id} is a basic economy fare, which does not include seat selection: a seat is assigned free at check-in. Economy and higher fares can choose seats`,
      );
      const p = findPassenger(b, a.passenger_number);
      const f = resolveFlight(seedOf(env), b.flight_id);
      const want = a.seat.toUpperCase();
      const seat = seatOn(f.aircraft, want);
      check(
        seat,
        () =>
          `seat ${want} does not exist on this ${f.aircraft}; its cabins are ${layoutOf(f.aircraft)
            .map((l) => `${l.cabin.replace("_", " ")}: ${cabinRows(f.aircraft, l.cabin)}`)
            .join("; ")}`,
        "invalid_argument",
      );
      check(
        seat.cabin === b.cabin,
        `seat ${want} is in ${seat.cabin.replace("_", " ")}; booking ${b.id} flies ${b.cabin.replace("_", " ")} (${cabinRows(f.aircraft, b.cabin)})`,
      );
      if (p.seat === want) return { flight_booking_id: b.id, passenger: p, seat_type: seat.type };
      const taken = takenSeats(db, seedOf(env), f);
      if (taken.has(want)) {
        const free = seatsOf(f.aircraft, b.cabin).filter((s) => !taken.has(s.seat));
        const alike = free.filter((s) => s.type === seat.type).concat(free.filter((s) => s.type !== seat.type));
        const near = alike
          .sort((x, y) => Math.abs(x.row - seat.row) - Math.abs(y.row - seat.row))
          .slice(0, 6)
          .map((s) => `${s.seat} (${s.type})`);
        check(false, `seat ${want} is already taken; free ${b.cabin.replace("_", " ")} seats near it: ${near.join(", ") || "none"}`, "conflict");
      }
      const updated = db.flight_bookings.update(b.id, { passengers: withPassenger(b, { ...p, seat: want }) });
      return { flight_booking_id: updated.id, passenger: findPassenger(updated, p.number), seat_type: seat.type, ...(p.seat ? { previous_seat: p.seat } : {}) };
    },
  }),

  add_baggage: write({
    description: `Buy extra checked bags for one passenger of a booking: ${EXTRA_BAG_FEES.map((x) => x.toFixed(2)).join(", ")} for the first, second and third extra bag; at most ${MAX_EXTRA_BAGS} extra per passenger. Returns the fee and the updated booking.`,
    input: z
      .object({
        flight_booking_id: ref("flight_booking", "The booking"),
        passenger_number: z.number().int().min(1).max(MAX_PASSENGERS).default(1).describe("Which passenger (1 for the first)"),
        bags: z.number().int().min(1).max(MAX_EXTRA_BAGS).default(1).describe(`Extra bags to add, 1-${MAX_EXTRA_BAGS}`),
      })
      .strict(),
    run: (db, a, env) => {
      const b = db.flight_bookings.need(a.flight_booking_id);
      checkOpenFlightBooking(b, env, "changed");
      const p = findPassenger(b, a.passenger_number);
      const room = MAX_EXTRA_BAGS - p.extra_bags;
      check(
        a.bags <= room,
        `${fullName(p)} already has ${p.extra_bags} extra bag${p.extra_bags === 1 ? "" : "s"}; at most ${MAX_EXTRA_BAGS} extra checked bags per passenger, so ${room} more can be added`,
        "limit_exceeded",
      );
      const fee = roundMoney(EXTRA_BAG_FEES.slice(p.extra_bags, p.extra_bags + a.bags).reduce((s, x) => s + x, 0));
      const updated = db.flight_bookings.update(b.id, {
        passengers: withPassenger(b, { ...p, extra_bags: p.extra_bags + a.bags }),
        charges: [...b.charges, { kind: "baggage", amount: fee, description: `${a.bags} extra bag${a.bags === 1 ? "" : "s"} for ${fullName(p)}`, at: env.now }],
        total_price: roundMoney(b.total_price + fee),
        amount_paid: roundMoney(b.amount_paid + fee),
      });
      return { fee, bags_added: a.bags, passenger: findPassenger(updated, p.number), booking: updated };
    },
  }),

  change_flight: write({
    description:
      "Move a booking to another flight on the same route (e.g. another day or time), keeping its fare class and passengers. Economy pays a change fee per passenger (75.00 domestic, 200.00 international) plus any fare difference; " +
      "premium economy and business change free (fare difference only); basic economy cannot be changed. Seat selections are released. Returns the charges and the updated booking.",
    destructive: true,
    input: z
      .object({
        flight_booking_id: ref("flight_booking", "The booking to change"),
        new_flight_id: ref("flight", "The flight to move to, from search_flights"),
      })
      .strict(),
    run: (db, a, env) => {
      const seed = seedOf(env);
      const b = db.flight_bookings.need(a.flight_booking_id);
      checkOpenFlightBooking(b, env, "changed");
      const fee = changeFeeOf(b.fare_class, b);
      check(
        fee !== null,
        `booking ${b.id} is a basic economy fare, which cannot be changed; cancel it (refunded only within ${FREE_CANCELLATION_HOURS} hours of booking, until ${refundWindowEnd(b)}) and book the new flight instead`,
      );
      const nf = resolveFlight(seed, a.new_flight_id);
      check(nf.id !== b.flight_id, `booking ${b.id} is already on ${nf.id}; pick a different flight`, "invalid_argument");
      check(
        nf.origin === b.origin && nf.destination === b.destination,
        `a change keeps the route ${b.origin}→${b.destination}; ${nf.flight_number} flies ${nf.origin}→${nf.destination}. To travel elsewhere, cancel and book anew`,
      );
      checkBookable(nf, env);
      for (const other of bookingsOn(db, nf.id)) {
        const dup = other.passengers.find((p) => b.passengers.some((q) => sameName(p, q)));
        check(
          !dup,
          () =>
            `${fullName(dup as Passenger)} already holds a seat on ${nf.flight_number} on ${nf.departure_local.slice(0, 10)} (booking ${other.id}, ${other.booking_reference}); a passenger can be booked once per flight`,
          "conflict",
        );
      }
      const left = seatsAvailable(db, seed, nf, b.cabin);
      check(
        left >= b.passengers.length,
        `only ${left} ${b.cabin.replace("_", " ")} seat${left === 1 ? "" : "s"} left on ${nf.flight_number}; the booking has ${b.passengers.length} passenger${b.passengers.length === 1 ? "" : "s"} — pick another flight`,
      );
      const n = b.passengers.length;
      const newFare = fareOf(seed, nf, b.fare_class).total;
      const changeFee = roundMoney(fee * n);
      const difference = roundMoney(Math.max(0, newFare - b.fare_per_passenger) * n);
      const charges = [...b.charges];
      if (changeFee > 0)
        charges.push({
          kind: "change_fee",
          amount: changeFee,
          description: `Change fee ${n} × ${formatMoney(fee)}: ${b.flight_number} → ${nf.flight_number}`,
          at: env.now,
        });
      if (difference > 0)
        charges.push({
          kind: "fare_difference",
          amount: difference,
          description: `Fare difference to ${nf.flight_number} on ${nf.departure_local.slice(0, 10)}`,
          at: env.now,
        });
      if (!db.flights.has(nf.id)) db.flights.put({ ...nf });
      const released = b.passengers.filter((p) => p.seat).map((p) => p.seat as string);
      const updated = db.flight_bookings.update(b.id, {
        flight_id: nf.id,
        flight_number: nf.flight_number,
        departure: nf.departure,
        arrival: nf.arrival,
        fare_per_passenger: Math.max(newFare, b.fare_per_passenger),
        passengers: b.passengers.map(({ seat: _seat, ...p }) => p),
        charges,
        total_price: roundMoney(b.total_price + changeFee + difference),
        amount_paid: roundMoney(b.amount_paid + changeFee + difference),
      });
      return {
        change_fee: changeFee,
        fare_difference: difference,
        total_charged: roundMoney(changeFee + difference),
        seats_released: released,
        booking: updated,
      };
    },
  }),

  cancel_flight_booking: write({
    description:
      `Cancel a flight booking before departure. Refunded in full (card and points) for refundable fares (premium economy, business) or within ${FREE_CANCELLATION_HOURS} hours of booking; ` +
      "otherwise nothing is refunded and the call is refused unless accept_no_refund is true. Points the booking earned are taken back.",
    input: z
      .object({
        flight_booking_id: ref("flight_booking", "The booking to cancel"),
        accept_no_refund: z.boolean().default(false).describe("Confirm cancelling a non-refundable booking with no refund"),
      })
      .strict(),
    destructive: true,
    run: (db, a, env) => {
      const b = db.flight_bookings.need(a.flight_booking_id);
      checkCancellable(b, env);
      const within = time.minutesBetween(b.booked_at, env.now) < FREE_CANCELLATION_HOURS * 60;
      const refundable = FARE_RULES[b.fare_class].refundable || within;
      check(
        refundable || a.accept_no_refund,
        () =>
          `booking ${b.id} (${b.booking_reference}) is a non-refundable ${b.fare_class.replace("_", " ")} fare booked ${b.booked_at}, more than ${FREE_CANCELLATION_HOURS} hours ago: cancelling refunds nothing (0.00 of ${formatMoney(b.amount_paid)} paid). ` +
          `Pass accept_no_refund: true to cancel anyway${changeFeeOf(b.fare_class, b) !== null ? `, or move it with change_flight (fee ${formatMoney(changeFeeOf(b.fare_class, b) as number)} per passenger)` : ""}`,
      );
      const refund = refundable ? b.amount_paid : 0;
      if (refundable && b.points_applied > 0)
        postPoints(db, env, b.points_applied, "refund", `Points returned: booking ${b.booking_reference} cancelled`, b.id);
      const reversed = reversePoints(db, env, b.points_earned, `Booking ${b.booking_reference} cancelled`, b.id);
      const updated = db.flight_bookings.update(b.id, { status: "cancelled", cancelled_at: env.now, refund_amount: refund });
      return {
        booking: updated,
        refund_amount: refund,
        points_returned: refundable ? b.points_applied : 0,
        points_reversed: reversed,
        reason: FARE_RULES[b.fare_class].refundable
          ? "refundable fare"
          : within
            ? `cancelled within ${FREE_CANCELLATION_HOURS} hours of booking`
            : "non-refundable fare",
      };
    },
  }),
};

function checkCancellable(b: FlightBooking, env: CallEnv): void {
  check(b.status !== "cancelled", `booking ${b.id} (${b.booking_reference}) is already cancelled${b.cancelled_at ? ` since ${b.cancelled_at}` : ""}`);
  check(
    b.status !== "flown" && b.departure > env.now,
    `${b.flight_number} on booking ${b.id} departed at ${b.departure}; a departed flight cannot be cancelled or refunded`,
  );
}
