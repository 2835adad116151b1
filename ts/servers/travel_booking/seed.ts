/**
 * A frequent traveller's account: the world's airports, the hotels of every city with their room
 * types, the user and three people they travel with, and a year of trips from the user's home
 * city — flown flights and completed stays, two upcoming trips (one grouped in an itinerary),
 * one booking cancelled within 24 hours — with a loyalty ledger whose balance, tier points and
 * tier follow from those bookings.
 */
import { CITIES, offset, roundMoney, time, type City, type SeedContext } from "../framework/index.ts";
import { AIRPORT_NAMES, AIRPORT_OFFSETS, COST_INDEX, formatAddress, hotelCatalog } from "../maps/gazetteer.ts";
import { confirmationNumber, includedBags, nightlyPrice, nightsOf, pointsFor, recordLocator, tierFor, cancellationDeadline } from "./rules.ts";
import { FARE_RULES, fareOf, flightsOn, seatsOf, soldElsewhere, type FareClass, type FlightInfo } from "./schedule.ts";
import {
  HOTEL_POINTS_PER_USD, POINT_VALUE, PROGRAM,
  type Airport, type Flight, type FlightBooking, type Hotel, type HotelBooking, type Itinerary, type LoyaltyAccount, type Passenger, type PointsTransaction, type RatePlan, type RoomType, type Traveler,
} from "./state.ts";

const TAX_RATE: Readonly<Record<string, number>> = { US: 0.145, CA: 0.16, GB: 0.2, FR: 0.1, DE: 0.07, NL: 0.12, ES: 0.1, JP: 0.1, SG: 0.17, AU: 0.1, MX: 0.19 };
const STAR_BASE: Readonly<Record<number, number>> = { 2: 85, 3: 130, 4: 210, 5: 360 };

const ROOMS: Readonly<Record<number, ReadonlyArray<readonly [string, string, number, number]>>> = {
  2: [["Standard Double Room", "1 double bed", 2, 16], ["Twin Room", "2 single beds", 2, 18], ["Family Room", "1 double bed and 2 single beds", 4, 26]],
  3: [["Standard Queen Room", "1 queen bed", 2, 22], ["Double Queen Room", "2 queen beds", 4, 30], ["King Suite", "1 king bed and a sofa bed", 4, 42]],
  4: [["Deluxe King Room", "1 king bed", 2, 30], ["Premier Double Room", "2 queen beds", 4, 36], ["Junior Suite", "1 king bed and a sofa bed", 3, 55]],
  5: [["Deluxe King Room", "1 king bed", 2, 38], ["Grand Double Room", "2 queen beds", 4, 45], ["Executive Suite", "1 king bed and a sofa bed", 3, 70]],
};

interface Trip {
  dest: City;
  /** Days from today of the outbound flight. */
  day: number;
  nights: number;
  party: number;
  hotel: boolean;
  cancelled?: boolean;
  itinerary?: boolean;
}

export function seedTravelBooking({ rng, world, id }: SeedContext) {
  const seed = world.seed;
  const today = world.today;
  const now = world.now;
  const user = world.user;
  const home = CITIES.find((c) => c.name === user.address.city) as City;

  const airports: Airport[] = CITIES.map((c) => {
    const [km, brg] = AIRPORT_OFFSETS[c.airport] ?? [20, 90];
    const at = offset(c, km, brg);
    return { code: c.airport, name: AIRPORT_NAMES[c.airport] ?? `${c.name} Airport`, city: c.name, region: c.region, country: c.country, lat: at.lat, lon: at.lon, timezone: c.timezone };
  });

  // The user and the people they travel with.
  const companions = rng.sample(world.people, 3);
  const travelers: Traveler[] = [user, ...companions].map((p, i) => ({
    id: id("travelers"),
    first_name: p.first_name,
    last_name: p.last_name,
    date_of_birth: p.birthday,
    relationship: i === 0 ? "self" : i === 1 ? "partner" : i === 2 ? "friend" : "colleague",
    email: p.email,
    phone: p.phone,
    passport_number: rng.digits(9),
    passport_country: p.address.country,
    ...(i === 0 ? { known_traveler_number: rng.digits(9) } : {}),
    seat_preference: rng.pick(["window", "aisle", "no_preference"] as const),
  }));
  const self = travelers[0] as Traveler;

  // Hotels and their rooms.
  const hotels: Hotel[] = [];
  const roomTypes: RoomType[] = [];
  for (const h of hotelCatalog(world)) {
    const hotel: Hotel = {
      id: id("hotels"),
      name: h.name,
      city: h.city.name,
      country: h.city.country,
      airport: h.city.airport,
      address: formatAddress({ street: h.street, city: h.city.name, region: h.city.region, postal_code: h.postal_code, country: h.city.country }),
      lat: h.lat,
      lon: h.lon,
      stars: h.stars,
      rating: h.rating,
      review_count: h.reviews,
      amenities: [...h.amenities],
      check_in_time: h.check_in_time,
      check_out_time: h.check_out_time,
      phone: h.phone,
      website: h.website,
      tax_rate: TAX_RATE[h.city.country] ?? 0.12,
    };
    hotels.push(hotel);
    const cancelDays = rng.int(1, 3);
    const discount = rng.pick([0.1, 0.12, 0.15]);
    (ROOMS[h.stars] ?? ROOMS[3] ?? []).forEach(([name, beds, occupancy, size], i) => {
      roomTypes.push({
        id: id("room_types"),
        hotel_id: hotel.id,
        name,
        beds,
        max_occupancy: occupancy,
        size_sqm: size,
        inventory: i === 0 ? rng.int(10, 24) : i === 1 ? rng.int(6, 14) : rng.int(2, 4),
        base_rate: Math.round((STAR_BASE[h.stars] ?? 150) * (COST_INDEX[h.city.name] ?? 1) * [1, 1.25, 1.9][i]!),
        free_cancellation_days: cancelDays,
        non_refundable_discount: discount,
      });
    });
  }

  // Trips from home: four in the past, two ahead, one cancelled.
  const dests = rng.sample(CITIES.filter((c) => c !== home), 7);
  const trips: Trip[] = [
    { dest: dests[0]!, day: -rng.int(190, 230), nights: rng.int(3, 5), party: 1, hotel: true },
    { dest: dests[1]!, day: -rng.int(130, 160), nights: rng.int(2, 4), party: 2, hotel: true, itinerary: true },
    { dest: dests[2]!, day: -rng.int(80, 100), nights: rng.int(4, 6), party: 1, hotel: true },
    { dest: dests[3]!, day: -rng.int(30, 45), nights: rng.int(2, 3), party: 1, hotel: false },
    { dest: dests[4]!, day: rng.int(8, 14), nights: rng.int(3, 5), party: 1, hotel: true, itinerary: true },
    { dest: dests[5]!, day: rng.int(24, 40), nights: rng.int(3, 4), party: 2, hotel: false },
    { dest: dests[6]!, day: rng.int(16, 22), nights: 2, party: 1, hotel: false, cancelled: true },
  ];

  const flights = new Map<string, Flight>();
  const flightBookings: FlightBooking[] = [];
  const hotelBookings: HotelBooking[] = [];
  const itineraries: Itinerary[] = [];
  const heldSeats = new Map<string, Set<string>>();
  const points: Array<{ at: string; points: number; kind: PointsTransaction["kind"]; description: string; booking_id?: string; tier: boolean }> = [];

  const pickFlight = (from: City, to: City, date: string): FlightInfo => {
    for (let d = date; ; d = time.addDays(d, 1)) {
      const options = flightsOn(seed, from.airport, to.airport, d);
      if (options.length) return rng.pick(options);
    }
  };

  const pickSeats = (f: FlightInfo, fareClass: FareClass, n: number): string[] => {
    const held = heldSeats.get(f.id) ?? new Set<string>();
    heldSeats.set(f.id, held);
    const free = seatsOf(f.aircraft, FARE_RULES[fareClass].cabin).filter((s) => !soldElsewhere(seed, f.id, s) && !held.has(s.seat));
    const start = rng.int(0, Math.max(0, free.length - n));
    const chosen = free.slice(start, start + n).map((s) => s.seat);
    for (const s of chosen) held.add(s);
    return chosen;
  };

  const bookFlight = (f: FlightInfo, fareClass: FareClass, party: Traveler[], bookedAt: string, status: FlightBooking["status"]): FlightBooking => {
    flights.set(f.id, { ...f });
    const fare = fareOf(seed, f, fareClass);
    const seats = FARE_RULES[fareClass].seat_selection && rng.bool(0.8) ? pickSeats(f, fareClass, party.length) : [];
    const passengers: Passenger[] = party.map((t, i) => ({
      number: i + 1,
      traveler_id: t.id,
      first_name: t.first_name,
      last_name: t.last_name,
      ...(seats[i] ? { seat: seats[i] } : {}),
      included_bags: includedBags(fareClass, f),
      extra_bags: 0,
    }));
    const total = roundMoney(fare.total * party.length);
    const bookingId = id("flight_bookings");
    const b: FlightBooking = {
      id: bookingId,
      booking_reference: recordLocator(seed, bookingId, (r) => flightBookings.some((x) => x.booking_reference === r)),
      flight_id: f.id,
      flight_number: f.flight_number,
      origin: f.origin,
      destination: f.destination,
      departure: f.departure,
      arrival: f.arrival,
      fare_class: fareClass,
      cabin: FARE_RULES[fareClass].cabin,
      passengers,
      fare_per_passenger: fare.total,
      charges: [{ kind: "fare", amount: total, description: `${party.length} × ${fareClass.replace("_", " ")} fare ${f.flight_number}`, at: bookedAt }],
      total_price: total,
      points_applied: 0,
      amount_paid: total,
      points_earned: 0,
      status,
      contact_email: user.email,
      booked_at: bookedAt,
    };
    flightBookings.push(b);
    return b;
  };

  const bookHotel = (city: City, checkIn: string, checkOut: string, guests: number, bookedAt: string, status: HotelBooking["status"]): HotelBooking => {
    const hotel = rng.pick(hotels.filter((h) => h.city === city.name));
    const room = rng.pick(roomTypes.filter((r) => r.hotel_id === hotel.id && r.max_occupancy >= guests));
    const plan: RatePlan = rng.bool(0.6) ? "flexible" : "non_refundable";
    const nightly_rates = nightsOf(checkIn, checkOut).map((date) => ({ date, price: nightlyPrice(seed, hotel, room, date, plan) }));
    const room_total = roundMoney(nightly_rates.reduce((s, n) => s + n.price, 0));
    const taxes = roundMoney(room_total * hotel.tax_rate);
    const bookingId = id("hotel_bookings");
    const b: HotelBooking = {
      id: bookingId,
      confirmation_number: confirmationNumber(seed, bookingId, (r) => hotelBookings.some((x) => x.confirmation_number === r)),
      hotel_id: hotel.id,
      hotel_name: hotel.name,
      city: hotel.city,
      room_type_id: room.id,
      room_name: room.name,
      rate_plan: plan,
      check_in: checkIn,
      check_out: checkOut,
      nights: nightly_rates.length,
      rooms: 1,
      guests,
      guest_name: `${user.first_name} ${user.last_name}`,
      traveler_id: self.id,
      nightly_rates,
      room_total,
      taxes,
      total_price: roundMoney(room_total + taxes),
      ...(plan === "flexible" ? { free_cancellation_until: cancellationDeadline(hotel, room, checkIn) } : {}),
      points_applied: 0,
      amount_paid: roundMoney(room_total + taxes),
      points_earned: 0,
      status,
      booked_at: bookedAt,
    };
    hotelBookings.push(b);
    return b;
  };

  for (const trip of trips) {
    const past = trip.day < 0;
    const party = trip.party === 1 ? [self] : [self, travelers[1] as Traveler];
    const fareClass = rng.weighted<FareClass>([["basic_economy", 0.2], ["economy", 0.45], ["premium_economy", 0.15], ["business", 0.2]]);
    const out = pickFlight(home, trip.dest, time.addDays(today, trip.day));
    const booked = past
      ? time.addMinutes(`${time.addDays(out.departure_local.slice(0, 10), -rng.int(14, 60))}T00:00:00Z`, rng.int(7 * 60, 22 * 60))
      : time.addMinutes(now, -rng.int(2 * 24 * 60, 20 * 24 * 60));
    if (trip.cancelled) {
      const b = bookFlight(out, "economy", party, booked, "cancelled");
      const earned = pointsFor(fareOf(seed, out, "economy").base * party.length, FARE_RULES.economy.points_per_usd, "member");
      const cancelledAt = time.addMinutes(booked, rng.int(60, 20 * 60));
      Object.assign(b, { points_earned: earned, refund_amount: b.amount_paid, cancelled_at: cancelledAt });
      points.push({ at: booked, points: earned, kind: "earn", description: `${b.flight_number} ${b.origin}→${b.destination}, booking ${b.booking_reference}`, booking_id: b.id, tier: true });
      points.push({ at: cancelledAt, points: -earned, kind: "reversal", description: `Booking ${b.booking_reference} cancelled`, booking_id: b.id, tier: true });
      continue;
    }
    const back = pickFlight(trip.dest, home, time.addDays(out.arrival_local.slice(0, 10), trip.nights));
    const legs = [bookFlight(out, fareClass, party, booked, past ? "flown" : "confirmed"), bookFlight(back, fareClass, party, booked, past && back.departure < now ? "flown" : "confirmed")];
    for (const b of legs) {
      const fare = fareOf(seed, flights.get(b.flight_id) as FlightInfo, fareClass);
      points.push({ at: booked, points: fare.base * party.length, kind: "earn", description: `${b.flight_number} ${b.origin}→${b.destination}, booking ${b.booking_reference}`, booking_id: b.id, tier: true });
    }
    const stay = trip.hotel && back.departure_local.slice(0, 10) > out.arrival_local.slice(0, 10)
      ? bookHotel(trip.dest, out.arrival_local.slice(0, 10), back.departure_local.slice(0, 10), party.length, booked, past ? "completed" : "confirmed")
      : undefined;
    if (stay) points.push({ at: booked, points: stay.room_total, kind: "earn", description: `${stay.hotel_name}, ${stay.nights} nights, confirmation ${stay.confirmation_number}`, booking_id: stay.id, tier: true });
    if (trip.itinerary) {
      itineraries.push({
        id: id("itineraries"),
        name: `${trip.dest.name}, ${out.departure_local.slice(0, 7)}`,
        flight_booking_ids: legs.map((l) => l.id),
        hotel_booking_ids: stay ? [stay.id] : [],
        notes: past ? "" : rng.pick(["Client workshop on day two", "Conference — badge pickup at registration", "Long weekend, dinner reservations to make"]),
        created_at: time.addMinutes(booked, 5),
      });
    }
  }

  // The loyalty ledger: a welcome bonus, then every earn in order with the tier bonus of its time.
  const joined = time.addDays(today, -rng.int(700, 1400));
  points.push({ at: `${joined}T12:00:00Z`, points: 5000, kind: "bonus", description: `Welcome to ${PROGRAM}`, tier: false });
  points.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const accountId = id("loyalty_accounts");
  let balance = 0;
  let tierPoints = 0;
  const ledger: PointsTransaction[] = [];
  for (const p of points) {
    let amount = p.points;
    if (p.kind === "earn" && p.booking_id) {
      const isHotel = p.booking_id.startsWith("HBK-");
      amount = pointsFor(p.points, isHotel ? HOTEL_POINTS_PER_USD : FARE_RULES[(flightBookings.find((b) => b.id === p.booking_id) as FlightBooking).fare_class].points_per_usd, tierFor(tierPoints));
      if (isHotel) (hotelBookings.find((b) => b.id === p.booking_id) as HotelBooking).points_earned = amount;
      else {
        const fb = flightBookings.find((b) => b.id === p.booking_id) as FlightBooking;
        amount = fb.status === "cancelled" ? fb.points_earned : amount;
        fb.points_earned = amount;
      }
    }
    balance += amount;
    if (p.tier) tierPoints = Math.max(0, tierPoints + amount);
    ledger.push({ id: id("points_transactions"), account_id: accountId, kind: p.kind, points: amount, description: p.description, ...(p.booking_id ? { booking_id: p.booking_id } : {}), balance_after: balance, created_at: p.at });
  }

  // One past hotel stay was partly paid with points.
  const paidWithPoints = hotelBookings.find((b) => b.status === "completed" && b.amount_paid > 60);
  if (paidWithPoints && balance >= 5000) {
    const at = time.addMinutes(paidWithPoints.booked_at, 30);
    paidWithPoints.points_applied = 5000;
    paidWithPoints.amount_paid = roundMoney(paidWithPoints.amount_paid - 5000 * POINT_VALUE);
    balance -= 5000;
    ledger.push({ id: id("points_transactions"), account_id: accountId, kind: "redeem", points: -5000, description: `Redeemed on ${paidWithPoints.hotel_name}, confirmation ${paidWithPoints.confirmation_number}`, booking_id: paidWithPoints.id, balance_after: balance, created_at: at });
    // Keep ids in time order: re-deal the minted ids after sorting.
    const ids = ledger.map((t) => t.id).sort();
    ledger.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    let running = 0;
    ledger.forEach((t, i) => {
      running += t.points;
      t.balance_after = running;
      t.id = ids[i] as string;
    });
  }

  const account: LoyaltyAccount = {
    id: accountId,
    program: PROGRAM,
    member_number: `VR${rng.digits(9)}`,
    traveler_id: self.id,
    points_balance: balance,
    tier_points: tierPoints,
    tier: tierFor(tierPoints),
    joined_on: joined,
  };

  return {
    airports,
    flights: [...flights.values()],
    travelers,
    hotels,
    room_types: roomTypes,
    flight_bookings: flightBookings,
    hotel_bookings: hotelBookings,
    itineraries,
    loyalty_accounts: [account],
    points_transactions: ledger,
  };
}
