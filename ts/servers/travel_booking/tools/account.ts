/**
 * The traveller's side: all bookings at a glance, itineraries that group flights and stays,
 * saved travelers, and the loyalty account (balance, tier, ledger, redemptions).
 */
import {
  check,
  descending,
  email,
  formatMoney,
  isoDate,
  matchesText,
  page,
  paginate,
  phone,
  ref,
  refs,
  roundMoney,
  secret,
  text,
  time,
  z,
  type CallEnv,
} from "../../framework/index.ts";
import { postPoints, theAccount, type TravelDb } from "../rules.ts";
import { FARE_CLASSES, FARE_RULES } from "../schedule.ts";
import {
  HOTEL_POINTS_PER_USD,
  MAX_REDEMPTION,
  MIN_REDEMPTION,
  POINT_VALUE,
  PROGRAM,
  read,
  RELATIONSHIPS,
  TIER_BONUS,
  TIER_THRESHOLDS,
  TIERS,
  write,
  type FlightBooking,
  type HotelBooking,
  type Itinerary,
} from "../state.ts";
import { checkName, fullName, maskedTraveler, sameName, spanOf } from "./common.ts";

export const MAX_ITINERARY_BOOKINGS = 20;

const pointsRule = (iss: { input?: unknown }) =>
  `points must be at least ${MIN_REDEMPTION.toLocaleString("en-US")} and a multiple of 100; ${String(iss.input)} is not`;

type AnyBooking = { kind: "flight"; b: FlightBooking } | { kind: "hotel"; b: HotelBooking };

function phase(x: AnyBooking, now: string): "upcoming" | "past" | "cancelled" {
  if (x.b.status === "cancelled") return "cancelled";
  if (x.b.status === "flown" || x.b.status === "completed") return "past";
  const start = spanOf(x.b).start;
  return (start.length === 10 ? start >= now.slice(0, 10) : start > now) ? "upcoming" : "past";
}

function line(x: AnyBooking, now: string) {
  const { start, end } = spanOf(x.b);
  if (x.kind === "flight") {
    const b = x.b;
    return {
      kind: "flight",
      id: b.id,
      reference: b.booking_reference,
      status: b.status,
      phase: phase(x, now),
      summary: `${b.flight_number} ${b.origin}→${b.destination}, ${b.passengers.length} passenger${b.passengers.length === 1 ? "" : "s"}, ${b.fare_class.replace("_", " ")}`,
      start,
      end,
      total_price: b.total_price,
    };
  }
  const b = x.b;
  return {
    kind: "hotel",
    id: b.id,
    reference: b.confirmation_number,
    status: b.status,
    phase: phase(x, now),
    summary: `${b.hotel_name}, ${b.room_name} × ${b.rooms}, ${b.nights} night${b.nights === 1 ? "" : "s"}`,
    start,
    end,
    total_price: b.total_price,
  };
}

/** Bookings that may join an itinerary: they exist, are not cancelled and belong to no other itinerary. */
function checkJoinable(db: TravelDb, flightIds: readonly string[], hotelIds: readonly string[], self?: Itinerary): void {
  const seen = new Set<string>();
  for (const id of [...flightIds, ...hotelIds]) {
    check(!seen.has(id), `booking ${id} is listed twice`, "invalid_argument");
    seen.add(id);
  }
  const all: AnyBooking[] = [
    ...flightIds.map((id) => ({ kind: "flight" as const, b: db.flight_bookings.need(id) })),
    ...hotelIds.map((id) => ({ kind: "hotel" as const, b: db.hotel_bookings.need(id) })),
  ];
  for (const x of all) {
    check(x.b.status !== "cancelled", `booking ${x.b.id} is cancelled; only active bookings can join an itinerary`);
    const holder = db.itineraries.find((i) => (x.kind === "flight" ? i.flight_booking_ids : i.hotel_booking_ids).includes(x.b.id));
    check(
      !holder,
      () =>
        holder?.id === self?.id
          ? `booking ${x.b.id} is already in this itinerary`
          : `booking ${x.b.id} is already in itinerary ${holder?.id} ("${holder?.name}"); a booking belongs to one itinerary`,
      "conflict",
    );
  }
}

function itineraryView(db: TravelDb, it: Itinerary, env: CallEnv) {
  const items: AnyBooking[] = [
    ...it.flight_booking_ids
      .map((id) => db.flight_bookings.get(id))
      .filter((b): b is FlightBooking => !!b)
      .map((b) => ({ kind: "flight" as const, b })),
    ...it.hotel_booking_ids
      .map((id) => db.hotel_bookings.get(id))
      .filter((b): b is HotelBooking => !!b)
      .map((b) => ({ kind: "hotel" as const, b })),
  ];
  items.sort((x, y) => (spanOf(x.b).start < spanOf(y.b).start ? -1 : spanOf(x.b).start > spanOf(y.b).start ? 1 : 0));
  const active = items.filter((x) => x.b.status !== "cancelled");
  const warnings: string[] = [];
  for (const x of items) if (x.b.status === "cancelled") warnings.push(`booking ${x.b.id} is cancelled`);
  for (const x of active) {
    if (x.kind !== "hotel") continue;
    const airport = db.hotels.get(x.b.hotel_id)?.airport;
    const arrives = active.some(
      (y) => y.kind === "flight" && y.b.destination === airport && (db.flights.get(y.b.flight_id)?.arrival_local ?? y.b.arrival).slice(0, 10) <= x.b.check_in,
    );
    if (!arrives) warnings.push(`no flight in this itinerary arrives in ${x.b.city} by ${x.b.check_in} for the stay at ${x.b.hotel_name}`);
  }
  const starts = active.map((x) => spanOf(x.b).start).sort()[0];
  const ends = active
    .map((x) => spanOf(x.b).end)
    .sort()
    .at(-1);
  const status = !starts || !ends ? "empty" : starts.slice(0, 10) > env.today ? "upcoming" : ends.slice(0, 10) < env.today ? "completed" : "in_progress";
  return {
    ...it,
    status,
    ...(starts ? { starts } : {}),
    ...(ends ? { ends } : {}),
    cities: [...new Set(active.map((x) => (x.kind === "hotel" ? x.b.city : (db.airports.get(x.b.destination)?.city ?? x.b.destination))))],
    segments: items.map((x) => line(x, env.now)),
    total_price: roundMoney(active.reduce((s, x) => s + x.b.total_price, 0)),
    amount_paid: roundMoney(active.reduce((s, x) => s + x.b.amount_paid, 0)),
    warnings,
  };
}

export const accountTools = {
  list_travel_bookings: read({
    description:
      "All of the user's flight and hotel bookings in one list: kind, reference, status, phase (upcoming, past, cancelled), a one-line summary, start, end and price. Upcoming bookings come soonest first, others newest first.",
    input: z
      .object({
        kind: z.enum(["flight", "hotel"]).optional().describe("Only flight or only hotel bookings"),
        phase: z.enum(["upcoming", "past", "cancelled"]).optional().describe("Only bookings in this phase"),
        ...page,
      })
      .strict(),
    discovers: ["flight_booking", "hotel_booking"],
    run: (db, a, env) => {
      const all: AnyBooking[] = [
        ...(a.kind !== "hotel" ? db.flight_bookings.all().map((b) => ({ kind: "flight" as const, b })) : []),
        ...(a.kind !== "flight" ? db.hotel_bookings.all().map((b) => ({ kind: "hotel" as const, b })) : []),
      ];
      const rows = all.map((x) => line(x, env.now)).filter((l) => !a.phase || l.phase === a.phase);
      rows.sort(a.phase === "upcoming" ? (x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0) : descending("start"));
      return paginate(rows, a);
    },
  }),

  create_itinerary: write({
    description:
      "Group flight and hotel bookings into a named trip itinerary (at least one booking; each booking in one itinerary only; cancelled bookings cannot join). Returns the itinerary.",
    input: z
      .object({
        name: z.string().trim().min(1).max(80).describe("Name of the trip, e.g. 'Paris offsite, April'"),
        flight_booking_ids: refs("flight_booking", "Flight bookings of the trip", { max: MAX_ITINERARY_BOOKINGS }).default([]),
        hotel_booking_ids: refs("hotel_booking", "Hotel bookings of the trip", { max: MAX_ITINERARY_BOOKINGS }).default([]),
        notes: text("Notes for the trip", 500).default(""),
      })
      .strict(),
    produces: "itinerary",
    run: (db, a, env) => {
      const n = a.flight_booking_ids.length + a.hotel_booking_ids.length;
      check(n > 0, "an itinerary needs at least one booking: give flight_booking_ids and/or hotel_booking_ids (see list_travel_bookings)", "invalid_argument");
      check(n <= MAX_ITINERARY_BOOKINGS, `an itinerary holds at most ${MAX_ITINERARY_BOOKINGS} bookings; ${n} were given`, "limit_exceeded");
      checkJoinable(db, a.flight_booking_ids, a.hotel_booking_ids);
      return db.itineraries.create({
        name: a.name,
        flight_booking_ids: a.flight_booking_ids,
        hotel_booking_ids: a.hotel_booking_ids,
        notes: a.notes,
        created_at: env.now,
      });
    },
  }),

  add_to_itinerary: write({
    description: "Add flight and/or hotel bookings to an existing itinerary (same rules as create_itinerary). Returns the updated itinerary.",
    input: z
      .object({
        itinerary_id: ref("itinerary", "The itinerary"),
        flight_booking_ids: refs("flight_booking", "Flight bookings to add", { max: MAX_ITINERARY_BOOKINGS }).default([]),
        hotel_booking_ids: refs("hotel_booking", "Hotel bookings to add", { max: MAX_ITINERARY_BOOKINGS }).default([]),
      })
      .strict(),
    run: (db, a) => {
      const it = db.itineraries.need(a.itinerary_id);
      const n = a.flight_booking_ids.length + a.hotel_booking_ids.length;
      check(n > 0, "nothing to add: give flight_booking_ids and/or hotel_booking_ids", "invalid_argument");
      const total = it.flight_booking_ids.length + it.hotel_booking_ids.length + n;
      check(total <= MAX_ITINERARY_BOOKINGS, `itinerary ${it.id} would hold ${total} bookings; at most ${MAX_ITINERARY_BOOKINGS}`, "limit_exceeded");
      checkJoinable(db, a.flight_booking_ids, a.hotel_booking_ids, it);
      return db.itineraries.update(it.id, {
        flight_booking_ids: [...it.flight_booking_ids, ...a.flight_booking_ids],
        hotel_booking_ids: [...it.hotel_booking_ids, ...a.hotel_booking_ids],
      });
    },
  }),

  get_itinerary: read({
    description:
      "One itinerary as a timeline: its flights and stays in order, cities, start and end, status (upcoming, in progress, completed), total price, and warnings (cancelled bookings, a stay with no flight arriving in its city).",
    input: z.object({ itinerary_id: ref("itinerary", "The itinerary") }).strict(),
    run: (db, a, env) => itineraryView(db, db.itineraries.need(a.itinerary_id), env),
  }),

  list_itineraries: read({
    description: "The user's itineraries, newest first, with status, dates and total price.",
    input: z.object({ ...page }).strict(),
    discovers: "itinerary",
    run: (db, a, env) => {
      const p = db.itineraries.page(a, { sort: descending("created_at") });
      return {
        ...p,
        items: p.items.map((it) => {
          const v = itineraryView(db, it, env);
          return {
            id: v.id,
            name: v.name,
            status: v.status,
            starts: v.starts,
            ends: v.ends,
            cities: v.cities,
            bookings: v.segments.length,
            total_price: v.total_price,
          };
        }),
      };
    },
  }),

  list_travelers: read({
    description:
      "The user's saved travelers (the user and people they book for), with date of birth, contact and seat preference; passport numbers are masked.",
    input: z.object({ query: z.string().trim().max(60).optional().describe("Part of a name or email"), ...page }).strict(),
    discovers: "traveler",
    run: (db, a) => {
      const p = db.travelers.page(a, { where: (t) => matchesText(a.query, fullName(t), t.email) });
      return { ...p, items: p.items.map(maskedTraveler) };
    },
  }),

  add_traveler: write({
    description:
      "Save a traveler profile (name as on the passport, date of birth, optional contact and passport details) so they can be booked by traveler id. Returns the traveler.",
    input: z
      .object({
        first_name: z.string().trim().max(60).describe("First name as on the passport"),
        last_name: z.string().trim().max(60).describe("Last name as on the passport"),
        date_of_birth: isoDate("Date of birth, YYYY-MM-DD"),
        relationship: z.enum(RELATIONSHIPS).default("friend").describe("Who they are to the user"),
        email: email("Email address").optional(),
        phone: phone("Phone number").optional(),
        passport_number: secret(
          z
            .string()
            .trim()
            .regex(/^[A-Z0-9]{6,9}$/i, "passport numbers have 6 to 9 letters or digits")
            .describe("Passport number, from the user"),
        ).optional(),
        passport_country: z
          .string()
          .trim()
          .regex(/^[A-Z]{2}$/, "a two-letter country code such as US")
          .optional()
          .describe("Issuing country, two letters"),
        known_traveler_number: secret(
          z
            .string()
            .trim()
            .regex(/^[A-Z0-9]{8,10}$/i, "known traveler numbers have 8 to 10 letters or digits")
            .describe("TSA PreCheck / Global Entry number, from the user"),
        ).optional(),
        seat_preference: z.enum(["window", "aisle", "no_preference"]).default("no_preference").describe("Preferred seat"),
      })
      .strict(),
    produces: "traveler",
    run: (db, a, env) => {
      checkName(a.first_name, a.last_name, "the traveler");
      check(a.date_of_birth < env.today, `date_of_birth ${a.date_of_birth} is not in the past; today is ${env.today}`, "invalid_argument");
      check(
        time.daysBetween(a.date_of_birth, env.today) < 120 * 366,
        `date_of_birth ${a.date_of_birth} is more than 120 years ago; check the year`,
        "invalid_argument",
      );
      check(
        a.relationship !== "self" || !db.travelers.find((t) => t.relationship === "self"),
        "the user's own profile already exists (relationship 'self'); pick another relationship",
        "already_exists",
      );
      const twin = db.travelers.find((t) => sameName(t, a) && t.date_of_birth === a.date_of_birth);
      check(!twin, () => `${twin ? fullName(twin) : fullName(a)} born ${a.date_of_birth} is already saved as ${twin?.id}`, "already_exists");
      return maskedTraveler(
        db.travelers.create({
          first_name: a.first_name,
          last_name: a.last_name,
          date_of_birth: a.date_of_birth,
          relationship: a.relationship,
          ...(a.email ? { email: a.email } : {}),
          ...(a.phone ? { phone: a.phone } : {}),
          ...(a.passport_number ? { passport_number: a.passport_number.toUpperCase() } : {}),
          ...(a.passport_country ? { passport_country: a.passport_country } : {}),
          ...(a.known_traveler_number ? { known_traveler_number: a.known_traveler_number.toUpperCase() } : {}),
          seat_preference: a.seat_preference,
        }),
      );
    },
  }),

  get_loyalty_account: read({
    description: `The user's ${PROGRAM} account: points balance and its value in USD, tier, tier points, the next tier and how many points it needs, and the tier's bonus on points earned.`,
    input: z.object({}).strict(),
    discovers: "loyalty_account",
    run: (db) => {
      const acc = theAccount(db);
      const next = TIERS[TIERS.indexOf(acc.tier) + 1];
      return {
        ...acc,
        points_value: roundMoney(acc.points_balance * POINT_VALUE),
        tier_bonus: TIER_BONUS[acc.tier],
        ...(next ? { next_tier: next, tier_points_to_next_tier: TIER_THRESHOLDS[next] - acc.tier_points } : {}),
        earning: `flights: ${FARE_CLASSES.map((fc) => `${FARE_RULES[fc].points_per_usd} (${fc})`).join(", ")} points per USD of base fare; hotels: ${HOTEL_POINTS_PER_USD} per USD of room price; plus the tier bonus`,
        redeeming: `${MIN_REDEMPTION.toLocaleString("en-US")} points minimum, in steps of 100; 100 points = 1.00 USD off a booking`,
      };
    },
  }),

  list_points_activity: read({
    description:
      "The loyalty points ledger, newest first: earnings, redemptions, reversals for cancelled bookings, refunds of redeemed points and bonuses, each with the balance after it.",
    input: z.object({ kind: z.enum(["earn", "redeem", "reversal", "refund", "bonus"]).optional().describe("Only this kind of entry"), ...page }).strict(),
    discovers: "points_transaction",
    run: (db, a) => db.points_transactions.page(a, { where: (t) => !a.kind || t.kind === a.kind, sort: descending("created_at") }),
  }),

  redeem_points: write({
    description:
      `Pay part of an upcoming booking with loyalty points: 100 points = 1.00 USD taken off what was charged to the card. At least ${MIN_REDEMPTION.toLocaleString("en-US")} points, in steps of 100, ` +
      "no more than the balance and no more than the card amount of the booking. Give the flight_booking_id or the hotel_booking_id.",
    input: z
      .object({
        points: z
          .number()
          .int()
          .min(MIN_REDEMPTION, { error: pointsRule })
          .max(MAX_REDEMPTION, `at most ${MAX_REDEMPTION.toLocaleString("en-US")} points per redemption`)
          .multipleOf(100, { error: pointsRule })
          .describe(`Points to redeem, at least ${MIN_REDEMPTION}, a multiple of 100`),
        flight_booking_id: ref("flight_booking", "The flight booking to pay toward").optional(),
        hotel_booking_id: ref("hotel_booking", "The hotel booking to pay toward").optional(),
      })
      .strict(),
    uses: ["loyalty_account"],
    run: (db, a, env) => {
      check(!!a.flight_booking_id !== !!a.hotel_booking_id, "give exactly one of flight_booking_id or hotel_booking_id", "invalid_argument");
      const acc = theAccount(db);
      const value = roundMoney(a.points * POINT_VALUE);
      let label: string;
      let paid: number;
      if (a.flight_booking_id) {
        const b = db.flight_bookings.need(a.flight_booking_id);
        check(
          b.status === "confirmed" && b.departure > env.now,
          `booking ${b.id} is ${b.status === "confirmed" ? "already flown" : b.status}; points can pay only toward upcoming confirmed bookings`,
        );
        label = `${b.flight_number} ${b.origin}→${b.destination}, booking ${b.booking_reference}`;
        paid = b.amount_paid;
      } else {
        const b = db.hotel_bookings.need(a.hotel_booking_id as string);
        check(
          b.status === "confirmed" && b.check_in >= env.today,
          `hotel booking ${b.id} is ${b.status === "confirmed" ? "already under way" : b.status}; points can pay only toward upcoming confirmed bookings`,
        );
        label = `${b.hotel_name}, confirmation ${b.confirmation_number}`;
        paid = b.amount_paid;
      }
      check(
        acc.points_balance >= a.points,
        `insufficient points: the balance is ${acc.points_balance.toLocaleString("en-US")}; redeeming ${a.points.toLocaleString("en-US")} needs ${(a.points - acc.points_balance).toLocaleString("en-US")} more`,
      );
      const most = Math.floor(paid / POINT_VALUE / 100) * 100;
      check(
        value <= paid,
        `the booking has ${formatMoney(paid)} left paid by card; at most ${most.toLocaleString("en-US")} points (${formatMoney(most * POINT_VALUE)}) can be applied to it`,
        "limit_exceeded",
      );
      const entry = postPoints(db, env, -a.points, "redeem", `Redeemed on ${label}`, a.flight_booking_id ?? a.hotel_booking_id);
      const booking = a.flight_booking_id
        ? db.flight_bookings.update(a.flight_booking_id, (b) => ({
            ...b,
            points_applied: b.points_applied + a.points,
            amount_paid: roundMoney(b.amount_paid - value),
          }))
        : db.hotel_bookings.update(a.hotel_booking_id as string, (b) => ({
            ...b,
            points_applied: b.points_applied + a.points,
            amount_paid: roundMoney(b.amount_paid - value),
          }));
      return { points_redeemed: a.points, value, balance_after: entry.balance_after, booking };
    },
  }),
};
