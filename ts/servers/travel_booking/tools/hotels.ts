/**
 * Hotel tools: search a city for available stays, read a hotel and its room types, price a stay
 * night by night on each rate plan, book it, and cancel it under the rate plan's terms.
 */
import { check, fail, formatMoney, isoDate, money, page, paginate, rangeStart, ref, roundMoney, z } from "../../framework/index.ts";
import { cityNamed } from "../../maps/gazetteer.ts";
import {
  confirmationNumber,
  checkStay,
  lateCancellationFee,
  pointsFor,
  postPoints,
  quote,
  reversePoints,
  roomsLeft,
  theAccount,
  type TravelDb,
} from "../rules.ts";
import { AMENITIES, HOTEL_POINTS_PER_USD, MAX_ROOMS, POINT_VALUE, RATE_PLANS, read, write, type Hotel, type HotelBooking, type RoomType } from "../state.ts";
import { checkName, fullName, seedOf } from "./common.ts";

const stayInput = {
  check_in: rangeStart("check_out", isoDate("Check-in date, YYYY-MM-DD")),
  check_out: isoDate("Check-out date, YYYY-MM-DD (after check-in, at most 30 nights later)"),
  guests: z.number().int().min(1).max(20).default(1).describe("Number of guests"),
  rooms: z.number().int().min(1).max(MAX_ROOMS).default(1).describe(`Number of rooms, 1-${MAX_ROOMS}`),
};

function roomsOf(db: TravelDb, hotel: Hotel): RoomType[] {
  return db.room_types.filter((r) => r.hotel_id === hotel.id);
}

/** How the hotel's cancellation terms apply right now. */
function cancellationNow(b: HotelBooking, now: string, today: string) {
  if (b.status !== "confirmed") return { can_cancel: false, reason: `the booking is ${b.status}` };
  if (b.check_in < today) return { can_cancel: false, reason: `the stay began on ${b.check_in}` };
  if (b.rate_plan === "non_refundable") return { can_cancel: false, reason: "non-refundable rate" };
  if (b.free_cancellation_until && now <= b.free_cancellation_until) return { can_cancel: true, fee: 0, free_until: b.free_cancellation_until };
  return { can_cancel: true, fee: lateCancellationFee(b), free_until: b.free_cancellation_until };
}

export const hotelTools = {
  search_hotels: read({
    description:
      "Hotels in a city for a stay (check-in, check-out, guests, rooms), with the lowest total and nightly price among room types that fit the party and are free every night. " +
      "Filter by stars, maximum nightly price and amenities; sort by price (default), rating or stars. Unavailable hotels come last with available: false.",
    input: z
      .object({
        city: z.string().trim().min(2).max(60).describe("City name or airport code, e.g. 'Paris' or 'CDG'"),
        ...stayInput,
        min_stars: z.number().int().min(1).max(5).optional().describe("Fewest stars"),
        max_nightly_price: money("Highest average price per room per night, USD").optional(),
        amenities: z.array(z.enum(AMENITIES)).max(6).default([]).describe("Amenities the hotel must have"),
        sort: z.enum(["price", "rating", "stars"]).default("price").describe("Order of results"),
        ...page,
      })
      .strict(),
    discovers: "hotel",
    run: (db, a, env) => {
      const city = cityNamed(a.city);
      check(city, () => `no hotels in "${a.city}"; cities with hotels are ${[...new Set(db.hotels.all().map((h) => h.city))].join(", ")}`, "not_found");
      checkStay(a.check_in, a.check_out, env.today);
      const seed = seedOf(env);
      const rows = db.hotels
        .filter((h) => h.city === city.name && (a.min_stars === undefined || h.stars >= a.min_stars) && a.amenities.every((x) => h.amenities.includes(x)))
        .map((h) => {
          let best: { room: RoomType; plan: string; total: number; nightly: number } | undefined;
          for (const room of roomsOf(db, h)) {
            if (room.max_occupancy * a.rooms < a.guests) continue;
            for (const plan of RATE_PLANS) {
              const q = quote(db, seed, h, room, plan, a.check_in, a.check_out, a.rooms);
              if (q.short_on) continue;
              const nightly = roundMoney(q.room_total / q.nightly_rates.length / a.rooms);
              if (!best || q.total_price < best.total) best = { room, plan, total: q.total_price, nightly };
            }
          }
          return { h, best };
        })
        .filter((r) => a.max_nightly_price === undefined || (r.best !== undefined && r.best.nightly <= a.max_nightly_price));
      rows.sort((x, y) => {
        if (!!x.best !== !!y.best) return x.best ? -1 : 1;
        if (a.sort === "rating") return y.h.rating - x.h.rating;
        if (a.sort === "stars") return y.h.stars - x.h.stars || (x.best?.total ?? 0) - (y.best?.total ?? 0);
        return (x.best?.total ?? 0) - (y.best?.total ?? 0);
      });
      const p = paginate(rows, a);
      return {
        ...p,
        items: p.items.map(({ h, best }) => ({
          id: h.id,
          name: h.name,
          city: h.city,
          stars: h.stars,
          rating: h.rating,
          address: h.address,
          amenities: h.amenities,
          available: !!best,
          ...(best
            ? {
                lowest_total_price: best.total,
                lowest_nightly_price: best.nightly,
                cheapest_room_type_id: best.room.id,
                cheapest_room: best.room.name,
                cheapest_rate_plan: best.plan,
              }
            : {}),
        })),
      };
    },
  }),

  get_hotel: read({
    description:
      "One hotel: address, stars, rating, amenities, check-in and check-out times, contact, and its room types (beds, size, occupancy). Prices for dates come from get_hotel_rates.",
    input: z.object({ hotel_id: ref("hotel", "The hotel") }).strict(),
    discovers: "room_type",
    run: (db, a) => {
      const h = db.hotels.need(a.hotel_id);
      return {
        ...h,
        room_types: roomsOf(db, h).map((r) => ({
          id: r.id,
          name: r.name,
          beds: r.beds,
          max_occupancy: r.max_occupancy,
          size_sqm: r.size_sqm,
          free_cancellation_days: r.free_cancellation_days,
        })),
      };
    },
  }),

  get_hotel_rates: read({
    description:
      "Prices of every room type of a hotel for a stay, on both rate plans: 'flexible' (free cancellation until 18:00 hotel time a few days before check-in, then the first night is charged) and 'non_refundable' (cheaper, cannot be cancelled). " +
      "Each rate gives the nightly prices, room total, taxes, total, cancellation deadline and rooms left.",
    input: z.object({ hotel_id: ref("hotel", "The hotel"), ...stayInput }).strict(),
    discovers: "room_type",
    run: (db, a, env) => {
      const h = db.hotels.need(a.hotel_id);
      checkStay(a.check_in, a.check_out, env.today);
      const seed = seedOf(env);
      return {
        hotel_id: h.id,
        hotel_name: h.name,
        check_in: a.check_in,
        check_out: a.check_out,
        guests: a.guests,
        rooms: a.rooms,
        room_types: roomsOf(db, h).map((r) => {
          const rates = RATE_PLANS.map((plan) => quote(db, seed, h, r, plan, a.check_in, a.check_out, a.rooms));
          const fits = r.max_occupancy * a.rooms >= a.guests;
          return {
            id: r.id,
            name: r.name,
            beds: r.beds,
            max_occupancy: r.max_occupancy,
            fits_party: fits,
            rooms_left: rates[0]?.rooms_left ?? 0,
            available: fits && !rates[0]?.short_on,
            rates: rates.map(({ short_on: _short, ...q }) => q),
          };
        }),
      };
    },
  }),

  book_hotel: write({
    description:
      "Book rooms of one room type at a hotel for a stay, on the flexible or non-refundable rate, for a lead guest (a saved traveler or a name). Checks the dates (not past, check-out after check-in, at most 30 nights), " +
      "the room's occupancy and that enough rooms are free every night. Charges the total, earns loyalty points, returns the booking with its confirmation number.",
    input: z
      .object({
        hotel_id: ref("hotel", "The hotel"),
        room_type_id: ref("room_type", "The room type, from get_hotel_rates"),
        rate_plan: z.enum(RATE_PLANS).describe("flexible (free cancellation until the deadline) or non_refundable (cheaper, no cancellation)"),
        ...stayInput,
        traveler_id: ref("traveler", "The lead guest, if a saved traveler").optional(),
        guest_name: z.string().trim().max(120).optional().describe("The lead guest's full name, if not a saved traveler"),
      })
      .strict(),
    produces: "hotel_booking",
    run: (db, a, env) => {
      const seed = seedOf(env);
      const h = db.hotels.need(a.hotel_id);
      const r = db.room_types.need(a.room_type_id);
      check(
        r.hotel_id === h.id,
        () =>
          `room type ${r.id} belongs to another hotel (${db.hotels.get(r.hotel_id)?.name}); room types of ${h.name} are ${roomsOf(db, h)
            .map((x) => `${x.id} (${x.name})`)
            .join(", ")}`,
        "invalid_argument",
      );
      checkStay(a.check_in, a.check_out, env.today);
      check(
        r.max_occupancy * a.rooms >= a.guests,
        `the ${r.name} sleeps ${r.max_occupancy}; ${a.guests} guests need ${Math.ceil(a.guests / r.max_occupancy)} rooms of it (rooms: ${Math.ceil(a.guests / r.max_occupancy)}) or a larger room type`,
        "invalid_argument",
      );
      let guest: string;
      if (a.traveler_id) guest = fullName(db.travelers.need(a.traveler_id));
      else {
        const parts = (a.guest_name ?? "").trim().split(/\s+/).filter(Boolean);
        check(parts.length >= 2, "a lead guest is required: pass traveler_id (see list_travelers) or guest_name with first and last name", "invalid_argument");
        checkName(parts[0] as string, parts.slice(1).join(" "), "the lead guest");
        guest = parts.join(" ");
      }
      const q = quote(db, seed, h, r, a.rate_plan, a.check_in, a.check_out, a.rooms);
      if (q.short_on) {
        const left = roomsLeft(db, seed, r, q.short_on);
        const others = roomsOf(db, h)
          .filter(
            (x) => x.id !== r.id && x.max_occupancy * a.rooms >= a.guests && !quote(db, seed, h, x, a.rate_plan, a.check_in, a.check_out, a.rooms).short_on,
          )
          .map((x) => `${x.id} (${x.name})`);
        fail(
          `${left === 0 ? `no ${r.name} rooms are` : `only ${left} ${r.name} ${left === 1 ? "room is" : "rooms are"}`} left on the night of ${q.short_on}; ${a.rooms} ${a.rooms === 1 ? "is" : "are"} needed — ` +
            (others.length ? `room types free for the whole stay: ${others.join(", ")}` : "pick other dates or another hotel"),
        );
      }
      const acc = theAccount(db);
      const earned = pointsFor(q.room_total, HOTEL_POINTS_PER_USD, acc.tier);
      const id = db.hotel_bookings.peekId();
      const booking = db.hotel_bookings.create({
        confirmation_number: confirmationNumber(seed, id, (c) => db.hotel_bookings.find((b) => b.confirmation_number === c) !== undefined),
        hotel_id: h.id,
        hotel_name: h.name,
        city: h.city,
        room_type_id: r.id,
        room_name: r.name,
        rate_plan: a.rate_plan,
        check_in: a.check_in,
        check_out: a.check_out,
        nights: q.nightly_rates.length,
        rooms: a.rooms,
        guests: a.guests,
        guest_name: guest,
        ...(a.traveler_id ? { traveler_id: a.traveler_id } : {}),
        nightly_rates: q.nightly_rates,
        room_total: q.room_total,
        taxes: q.taxes,
        total_price: q.total_price,
        ...(q.free_cancellation_until ? { free_cancellation_until: q.free_cancellation_until } : {}),
        points_applied: 0,
        amount_paid: q.total_price,
        points_earned: earned,
        status: "confirmed",
        booked_at: env.now,
      });
      if (earned > 0)
        postPoints(db, env, earned, "earn", `${h.name}, ${booking.nights} nights, confirmation ${booking.confirmation_number}`, booking.id, earned);
      return booking;
    },
  }),

  get_hotel_booking: read({
    description: "One hotel booking: hotel, room, dates, nightly prices, payment, status, and what cancelling would cost right now.",
    input: z.object({ hotel_booking_id: ref("hotel_booking", "The hotel booking") }).strict(),
    run: (db, a, env) => {
      const b = db.hotel_bookings.need(a.hotel_booking_id);
      const h = db.hotels.get(b.hotel_id);
      const itinerary = db.itineraries.find((i) => i.hotel_booking_ids.includes(b.id));
      return {
        ...b,
        hotel: h ? { address: h.address, phone: h.phone, check_in_time: h.check_in_time, check_out_time: h.check_out_time } : undefined,
        cancellation: cancellationNow(b, env.now, env.today),
        ...(itinerary ? { itinerary_id: itinerary.id } : {}),
      };
    },
  }),

  cancel_hotel_booking: write({
    description:
      "Cancel a hotel booking before check-in. Flexible rate: free (full refund) until its deadline; after it the first night with taxes is charged and the call is refused unless accept_penalty is true. " +
      "Non-refundable rate: refused. Points the booking earned are taken back.",
    input: z
      .object({
        hotel_booking_id: ref("hotel_booking", "The hotel booking"),
        accept_penalty: z.boolean().default(false).describe("Confirm cancelling after the free-cancellation deadline, paying the late-cancellation fee"),
      })
      .strict(),
    destructive: true,
    run: (db, a, env) => {
      const b = db.hotel_bookings.need(a.hotel_booking_id);
      check(
        b.status !== "cancelled",
        `hotel booking ${b.id} (${b.confirmation_number}) is already cancelled${b.cancelled_at ? ` since ${b.cancelled_at}` : ""}`,
      );
      check(
        b.status !== "completed" && b.check_in >= env.today,
        `the stay at ${b.hotel_name} began on ${b.check_in}; a stay that has begun cannot be cancelled — contact the hotel to leave early`,
      );
      check(
        b.rate_plan === "flexible",
        `cancellation refused: hotel booking ${b.id} (${b.confirmation_number}) is on the non-refundable rate, which cannot be cancelled or refunded (${formatMoney(b.amount_paid)} stays paid). Flexible rates allow free cancellation until a deadline`,
      );
      const free = b.free_cancellation_until !== undefined && env.now <= b.free_cancellation_until;
      const fee = free ? 0 : lateCancellationFee(b);
      check(
        free || a.accept_penalty,
        () =>
          `free cancellation ended at ${b.free_cancellation_until}; cancelling now costs the first night with taxes, ${formatMoney(fee)} ` +
          `(refund ${formatMoney(Math.max(0, b.amount_paid - fee))} of ${formatMoney(b.amount_paid)} paid). Pass accept_penalty: true to cancel anyway`,
      );
      const refund = roundMoney(Math.max(0, b.amount_paid - fee));
      const fromPoints = Math.max(0, fee - b.amount_paid);
      const pointsBack = Math.max(0, b.points_applied - Math.ceil(roundMoney(fromPoints) / POINT_VALUE));
      if (pointsBack > 0) postPoints(db, env, pointsBack, "refund", `Points returned: hotel booking ${b.confirmation_number} cancelled`, b.id);
      const reversed = reversePoints(db, env, b.points_earned, `Hotel booking ${b.confirmation_number} cancelled`, b.id);
      const updated = db.hotel_bookings.update(b.id, { status: "cancelled", cancelled_at: env.now, cancellation_fee: fee, refund_amount: refund });
      return { booking: updated, cancellation_fee: fee, refund_amount: refund, points_returned: pointsBack, points_reversed: reversed };
    },
  }),
};
