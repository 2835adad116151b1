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
  HOTEL_POINTS_PER_USD,
  POINT_VALUE,
  PROGRAM,
  type Airport,
  type Flight,
  type FlightBooking,
  type Hotel,
  type HotelBooking,
  type Itinerary,
  type LoyaltyAccount,
  type Passenger,
  type PointsTransaction,
  type RatePlan,
  type RoomType,
  type Traveler,
} from "./state.ts";

const TAX_RATE: Readonly<Record<string, number>> = { US: 0.145, CA: 0.16, GB: 0.2, FR: 0.1, DE: 0.07, NL: 0.12, ES: 0.1, JP: 0.1, SG: 0.17, AU: 0.1, MX: 0.19 };
const STAR_BASE: Readonly<Record<number, number>> = { 2: 85, 3: 130, 4: 210, 5: 360 };

const ROOMS: Readonly<Record<number, ReadonlyArray<readonly [string, string, number, number]>>> = {
  2: [
    ["Standard Double Room", "1 double bed", 2, 16],
    ["Twin Room", "2 single beds", 2, 18],
    ["Family Room", "1 double bed and 2 single beds", 4, 26],
  ],
  3: [
    ["Standard Queen Room", "1 queen bed", 2, 22],
    ["Double Queen Room", "2 queen beds", 4, 30],
    ["King Suite", "1 king bed and a sofa bed", 4, 42],
  ],
  4: [
    ["Deluxe King Room", "1 king bed", 2, 30],
    ["Premier Double Room", "2 queen beds", 4, 36],
    ["Junior Suite", "1 king bed and a sofa bed", 3, 55],
  ],
  5: [
    ["Deluxe King Room", "1 king bed", 2, 38],
    ["Grand Double Room", "2 queen beds", 4, 45],
    ["Executive Suite", "1 king bed and a sofa bed", 3, 70],
  ],
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

/** A posting waiting for the ledger: earns are priced with the tier of their moment when the ledger is replayed. */
interface Pending {
  at: string;
  /** Base amount in USD for an earn, points for a bonus. */
  points: number;
  kind: PointsTransaction["kind"];
  description: string;
  booking_id?: string;
  tier: boolean;
}

export function seedTravelBooking(ctx: SeedContext) {
  const t = new TravelAccount(ctx);
  const airports = t.airports();
  t.travelers();
  t.hotels();
  for (const trip of t.plan()) {
    if (trip.cancelled) t.cancelledTrip(trip);
    else t.trip(trip);
  }
  const ledger = t.ledger();
  return {
    airports,
    flights: [...t.flights.values()],
    travelers: t.travelerRows,
    hotels: t.hotelRows,
    room_types: t.roomTypes,
    flight_bookings: t.flightBookings,
    hotel_bookings: t.hotelBookings,
    itineraries: t.itineraries,
    loyalty_accounts: [t.account(ledger)],
    points_transactions: ledger,
  };
}

/**
 * A frequent traveller's account, built in order: airports, the user and their companions, the
 * hotels with their rooms, a year of trips (flights, stays, itineraries) and the loyalty ledger
 * that replays every earn with the tier the account had at that moment.
 */
class TravelAccount {
  readonly travelerRows: Traveler[] = [];
  readonly hotelRows: Hotel[] = [];
  readonly roomTypes: RoomType[] = [];
  readonly flights = new Map<string, Flight>();
  readonly flightBookings: FlightBooking[] = [];
  readonly hotelBookings: HotelBooking[] = [];
  readonly itineraries: Itinerary[] = [];
  private readonly pending: Pending[] = [];
  private readonly heldSeats = new Map<string, Set<string>>();
  private readonly home: City;
  private readonly seed: string;
  private readonly accountId: string;
  private joined = "";
  private balance = 0;
  private tierPoints = 0;

  constructor(private readonly ctx: SeedContext) {
    this.seed = ctx.world.seed;
    this.home = CITIES.find((c) => c.name === ctx.world.user.address.city) as City;
    this.accountId = ctx.id("loyalty_accounts");
  }

  private get rng() {
    return this.ctx.rng;
  }
  private get self(): Traveler {
    return this.travelerRows[0] as Traveler;
  }

  /** One airport per world city, a little way out of town. */
  airports(): Airport[] {
    return CITIES.map((c) => {
      const [km, brg] = AIRPORT_OFFSETS[c.airport] ?? [20, 90];
      const at = offset(c, km, brg);
      return {
        code: c.airport,
        name: AIRPORT_NAMES[c.airport] ?? `${c.name} Airport`,
        city: c.name,
        region: c.region,
        country: c.country,
        lat: at.lat,
        lon: at.lon,
        timezone: c.timezone,
      };
    });
  }

  /** The user (with a known traveler number) and three people they travel with: a partner, a friend, a colleague. */
  travelers(): void {
    const { rng } = this;
    const relationships = ["self", "partner", "friend", "colleague"] as const;
    [this.ctx.world.user, ...rng.sample(this.ctx.world.people, 3)].forEach((p, i) => {
      this.travelerRows.push({
        id: this.ctx.id("travelers"),
        first_name: p.first_name,
        last_name: p.last_name,
        date_of_birth: p.birthday,
        relationship: relationships[i] as Traveler["relationship"],
        email: p.email,
        phone: p.phone,
        passport_number: rng.digits(9),
        passport_country: p.address.country,
        ...(i === 0 ? { known_traveler_number: rng.digits(9) } : {}),
        seat_preference: rng.pick(["window", "aisle", "no_preference"] as const),
      });
    });
  }

  /** The hotels of every city (shared with maps), each with three room types priced by stars, city and size. */
  hotels(): void {
    for (const h of hotelCatalog(this.ctx.world)) {
      const hotel: Hotel = {
        id: this.ctx.id("hotels"),
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
      this.hotelRows.push(hotel);
      this.rooms(hotel, h.city.name);
    }
  }

  private rooms(hotel: Hotel, city: string): void {
    const { rng } = this;
    const cancelDays = rng.int(1, 3);
    const discount = rng.pick([0.1, 0.12, 0.15]);
    (ROOMS[hotel.stars] ?? ROOMS[3] ?? []).forEach(([name, beds, occupancy, size], i) => {
      this.roomTypes.push({
        id: this.ctx.id("room_types"),
        hotel_id: hotel.id,
        name,
        beds,
        max_occupancy: occupancy,
        size_sqm: size,
        inventory: i === 0 ? rng.int(10, 24) : i === 1 ? rng.int(6, 14) : rng.int(2, 4),
        base_rate: Math.round((STAR_BASE[hotel.stars] ?? 150) * (COST_INDEX[city] ?? 1) * [1, 1.25, 1.9][i]!),
        free_cancellation_days: cancelDays,
        non_refundable_discount: discount,
      });
    });
  }

  /** Trips from home to seven different cities: four in the past year, two ahead, one booked and cancelled within 24 hours. */
  plan(): Trip[] {
    const { rng } = this;
    const dests = rng.sample(
      CITIES.filter((c) => c !== this.home),
      7,
    );
    return [
      { dest: dests[0]!, day: -rng.int(190, 230), nights: rng.int(3, 5), party: 1, hotel: true },
      { dest: dests[1]!, day: -rng.int(130, 160), nights: rng.int(2, 4), party: 2, hotel: true, itinerary: true },
      { dest: dests[2]!, day: -rng.int(80, 100), nights: rng.int(4, 6), party: 1, hotel: true },
      { dest: dests[3]!, day: -rng.int(30, 45), nights: rng.int(2, 3), party: 1, hotel: false },
      { dest: dests[4]!, day: rng.int(8, 14), nights: rng.int(3, 5), party: 1, hotel: true, itinerary: true },
      { dest: dests[5]!, day: rng.int(24, 40), nights: rng.int(3, 4), party: 2, hotel: false },
      { dest: dests[6]!, day: rng.int(16, 22), nights: 2, party: 1, hotel: false, cancelled: true },
    ];
  }

  /** The first day from `date` with a flight on the route, and one of its flights. */
  private pickFlight(from: City, to: City, date: string): FlightInfo {
    for (let d = date; ; d = time.addDays(d, 1)) {
      const options = flightsOn(this.seed, from.airport, to.airport, d);
      if (options.length) return this.rng.pick(options);
    }
  }

  /** When a trip was booked: 2-8 weeks before a past departure, during the day; 2-20 days ago for one ahead. */
  private bookedAt(out: FlightInfo, past: boolean): string {
    const { rng } = this;
    if (past) return time.addMinutes(`${time.addDays(out.departure_local.slice(0, 10), -rng.int(14, 60))}T00:00:00Z`, rng.int(7 * 60, 22 * 60));
    return time.addMinutes(this.ctx.world.now, -rng.int(2 * 24 * 60, 20 * 24 * 60));
  }

  private party(trip: Trip): Traveler[] {
    return trip.party === 1 ? [this.self] : [this.self, this.travelerRows[1] as Traveler];
  }

  /** A round trip: both flights booked together, a stay from the arrival day to the return day, an itinerary for some; each booking earns on its base price. */
  trip(trip: Trip): void {
    const { rng } = this;
    const now = this.ctx.world.now;
    const past = trip.day < 0;
    const party = this.party(trip);
    const fareClass = rng.weighted<FareClass>([
      ["basic_economy", 0.2],
      ["economy", 0.45],
      ["premium_economy", 0.15],
      ["business", 0.2],
    ]);
    const out = this.pickFlight(this.home, trip.dest, time.addDays(this.ctx.world.today, trip.day));
    const booked = this.bookedAt(out, past);
    const back = this.pickFlight(trip.dest, this.home, time.addDays(out.arrival_local.slice(0, 10), trip.nights));
    const legs = [
      this.bookFlight(out, fareClass, party, booked, past ? "flown" : "confirmed"),
      this.bookFlight(back, fareClass, party, booked, past && back.departure < now ? "flown" : "confirmed"),
    ];
    for (const b of legs)
      this.earn(
        booked,
        fareOf(this.seed, this.flights.get(b.flight_id) as FlightInfo, fareClass).base * party.length,
        `${b.flight_number} ${b.origin}→${b.destination}, booking ${b.booking_reference}`,
        b.id,
      );
    const [arrive, leave] = [out.arrival_local.slice(0, 10), back.departure_local.slice(0, 10)];
    const stay = trip.hotel && leave > arrive ? this.bookHotel(trip.dest, arrive, leave, party.length, booked, past ? "completed" : "confirmed") : undefined;
    if (stay) this.earn(booked, stay.room_total, `${stay.hotel_name}, ${stay.nights} nights, confirmation ${stay.confirmation_number}`, stay.id);
    if (!trip.itinerary) return;
    this.itineraries.push({
      id: this.ctx.id("itineraries"),
      name: `${trip.dest.name}, ${out.departure_local.slice(0, 7)}`,
      flight_booking_ids: legs.map((l) => l.id),
      hotel_booking_ids: stay ? [stay.id] : [],
      notes: past ? "" : rng.pick(["Client workshop on day two", "Conference — badge pickup at registration", "Long weekend, dinner reservations to make"]),
      created_at: time.addMinutes(booked, 5),
    });
  }

  /** A one-way economy booking cancelled 1-20 hours after it was made: refunded in full, its points reversed. */
  cancelledTrip(trip: Trip): void {
    const out = this.pickFlight(this.home, trip.dest, time.addDays(this.ctx.world.today, trip.day));
    const booked = this.bookedAt(out, false);
    const b = this.bookFlight(out, "economy", this.party(trip), booked, "cancelled");
    const cancelledAt = time.addMinutes(booked, this.rng.int(60, 20 * 60));
    Object.assign(b, { refund_amount: b.amount_paid, cancelled_at: cancelledAt });
    this.earn(
      booked,
      fareOf(this.seed, out, "economy").base * trip.party,
      `${b.flight_number} ${b.origin}→${b.destination}, booking ${b.booking_reference}`,
      b.id,
    );
    this.pending.push({ at: cancelledAt, points: 0, kind: "reversal", description: `Booking ${b.booking_reference} cancelled`, booking_id: b.id, tier: true });
  }

  private earn(at: string, usd: number, description: string, bookingId: string): void {
    this.pending.push({ at, points: usd, kind: "earn", description, booking_id: bookingId, tier: true });
  }

  private pickSeats(f: FlightInfo, fareClass: FareClass, n: number): string[] {
    const held = this.heldSeats.get(f.id) ?? new Set<string>();
    this.heldSeats.set(f.id, held);
    const free = seatsOf(f.aircraft, FARE_RULES[fareClass].cabin).filter((s) => !soldElsewhere(this.seed, f.id, s) && !held.has(s.seat));
    const start = this.rng.int(0, Math.max(0, free.length - n));
    const chosen = free.slice(start, start + n).map((s) => s.seat);
    for (const s of chosen) held.add(s);
    return chosen;
  }

  private bookFlight(f: FlightInfo, fareClass: FareClass, party: Traveler[], bookedAt: string, status: FlightBooking["status"]): FlightBooking {
    this.flights.set(f.id, { ...f });
    const fare = fareOf(this.seed, f, fareClass);
    const seats = FARE_RULES[fareClass].seat_selection && this.rng.bool(0.8) ? this.pickSeats(f, fareClass, party.length) : [];
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
    const id = this.ctx.id("flight_bookings");
    const b: FlightBooking = {
      id,
      booking_reference: recordLocator(this.seed, id, (r) => this.flightBookings.some((x) => x.booking_reference === r)),
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
      contact_email: this.ctx.world.user.email,
      booked_at: bookedAt,
    };
    this.flightBookings.push(b);
    return b;
  }

  private bookHotel(city: City, checkIn: string, checkOut: string, guests: number, bookedAt: string, status: HotelBooking["status"]): HotelBooking {
    const { rng, seed } = this;
    const hotel = rng.pick(this.hotelRows.filter((h) => h.city === city.name));
    const room = rng.pick(this.roomTypes.filter((r) => r.hotel_id === hotel.id && r.max_occupancy >= guests));
    const plan: RatePlan = rng.bool(0.6) ? "flexible" : "non_refundable";
    const nightly_rates = nightsOf(checkIn, checkOut).map((date) => ({ date, price: nightlyPrice(seed, hotel, room, date, plan) }));
    const room_total = roundMoney(nightly_rates.reduce((s, n) => s + n.price, 0));
    const taxes = roundMoney(room_total * hotel.tax_rate);
    const id = this.ctx.id("hotel_bookings");
    const user = this.ctx.world.user;
    const b: HotelBooking = {
      id,
      confirmation_number: confirmationNumber(seed, id, (r) => this.hotelBookings.some((x) => x.confirmation_number === r)),
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
      traveler_id: this.self.id,
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
    this.hotelBookings.push(b);
    return b;
  }

  /** The ledger in time order: a welcome bonus when the user joined, every earn at the tier of its moment, the cancelled booking's reversal, and 5,000 points spent on a past stay. */
  ledger(): PointsTransaction[] {
    this.joined = time.addDays(this.ctx.world.today, -this.rng.int(700, 1400));
    this.pending.push({ at: `${this.joined}T12:00:00Z`, points: 5000, kind: "bonus", description: `Welcome to ${PROGRAM}`, tier: false });
    const redeemOn = this.hotelBookings.find((b) => b.status === "completed" && b.amount_paid > 60);
    if (redeemOn)
      this.pending.push({
        at: time.addMinutes(redeemOn.booked_at, 30),
        points: -5000,
        kind: "redeem",
        description: `Redeemed on ${redeemOn.hotel_name}, confirmation ${redeemOn.confirmation_number}`,
        booking_id: redeemOn.id,
        tier: false,
      });
    const ordered = this.pending.slice().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return ordered.map((p) => {
      const points = this.post(p);
      this.balance += points;
      if (p.tier) this.tierPoints = Math.max(0, this.tierPoints + points);
      return {
        id: this.ctx.id("points_transactions"),
        account_id: this.accountId,
        kind: p.kind,
        points,
        description: p.description,
        ...(p.booking_id ? { booking_id: p.booking_id } : {}),
        balance_after: this.balance,
        created_at: p.at,
      };
    });
  }

  /** The points of one posting, recorded on its booking: earns at the rate of the fare (or the hotel) with the bonus of the current tier. */
  private post(p: Pending): number {
    const hotel = this.hotelBookings.find((b) => b.id === p.booking_id);
    const flight = this.flightBookings.find((b) => b.id === p.booking_id);
    if (p.kind === "reversal") return -(flight as FlightBooking).points_earned;
    if (p.kind === "redeem" && hotel) {
      hotel.points_applied = -p.points;
      hotel.amount_paid = roundMoney(hotel.amount_paid + p.points * POINT_VALUE);
    }
    if (p.kind !== "earn") return p.points;
    const points = pointsFor(
      p.points,
      hotel ? HOTEL_POINTS_PER_USD : FARE_RULES[(flight as FlightBooking).fare_class].points_per_usd,
      tierFor(this.tierPoints),
    );
    (hotel ?? (flight as FlightBooking)).points_earned = points;
    return points;
  }

  account(ledger: readonly PointsTransaction[]): LoyaltyAccount {
    const balance = ledger.length ? (ledger[ledger.length - 1] as PointsTransaction).balance_after : 0;
    return {
      id: this.accountId,
      program: PROGRAM,
      member_number: `VR${this.rng.digits(9)}`,
      traveler_id: this.self.id,
      points_balance: balance,
      tier_points: this.tierPoints,
      tier: tierFor(this.tierPoints),
      joined_on: this.joined,
    };
  }
}
