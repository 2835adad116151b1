/**
 * Travel booking state, shaped after Duffel / Amadeus: airports, the flights the user holds
 * bookings on (the timetable itself is derived, see schedule.ts), hotels with their room types,
 * flight and hotel bookings with PNR-style references, itineraries that group them, the saved
 * travelers, and the user's loyalty account with its points ledger.
 */
import { table, toolkit, z } from "../framework/index.ts";
import { HOTEL_AMENITIES } from "../maps/gazetteer.ts";
import { CABINS, FARE_CLASSES } from "./schedule.ts";

export const Airport = z.object({
  code: z.string().regex(/^[A-Z]{3}$/),
  name: z.string(),
  city: z.string(),
  region: z.string(),
  country: z.string(),
  lat: z.number(),
  lon: z.number(),
  timezone: z.string(),
});
export type Airport = z.output<typeof Airport>;

/** A flight the user holds (or held) a booking on; the full timetable is derived. */
export const Flight = z.object({
  id: z.string(),
  carrier: z.string(),
  carrier_name: z.string(),
  flight_number: z.string(),
  origin: z.string(),
  destination: z.string(),
  departure: z.string(),
  arrival: z.string(),
  departure_local: z.string(),
  arrival_local: z.string(),
  duration_minutes: z.number().int().positive(),
  distance_km: z.number().int().positive(),
  aircraft: z.string(),
});
export type Flight = z.output<typeof Flight>;

export const RELATIONSHIPS = ["self", "partner", "family", "colleague", "friend"] as const;

export const Traveler = z.object({
  id: z.string(),
  first_name: z.string().min(1),
  last_name: z.string().min(1),
  date_of_birth: z.string(),
  relationship: z.enum(RELATIONSHIPS),
  email: z.string().optional(),
  phone: z.string().optional(),
  /** Stored for check-in; shown masked. */
  passport_number: z.string().optional(),
  passport_country: z.string().optional(),
  known_traveler_number: z.string().optional(),
  seat_preference: z.enum(["window", "aisle", "no_preference"]),
});
export type Traveler = z.output<typeof Traveler>;

export const Passenger = z.object({
  /** 1-based position in the booking, used by select_seat and add_baggage. */
  number: z.number().int().min(1),
  traveler_id: z.string().optional(),
  first_name: z.string().min(1),
  last_name: z.string().min(1),
  seat: z.string().optional(),
  /** Checked bags included in the fare. */
  included_bags: z.number().int().min(0),
  /** Checked bags bought on top. */
  extra_bags: z.number().int().min(0),
});
export type Passenger = z.output<typeof Passenger>;

export const Charge = z.object({
  kind: z.enum(["fare", "baggage", "change_fee", "fare_difference", "room", "taxes"]),
  amount: z.number(),
  description: z.string(),
  at: z.string(),
});
export type Charge = z.output<typeof Charge>;

export const FlightBooking = z.object({
  id: z.string(),
  /** Six-character airline record locator (PNR). */
  booking_reference: z.string().regex(/^[A-Z2-9]{6}$/),
  flight_id: z.string(),
  flight_number: z.string(),
  origin: z.string(),
  destination: z.string(),
  departure: z.string(),
  arrival: z.string(),
  fare_class: z.enum(FARE_CLASSES),
  cabin: z.enum(CABINS),
  passengers: z.array(Passenger).min(1),
  /** Current fare per passenger, taxes included. */
  fare_per_passenger: z.number().positive(),
  charges: z.array(Charge),
  /** Everything charged: fares, bags, change fees. */
  total_price: z.number(),
  /** Loyalty points redeemed against this booking (100 points = 1.00). */
  points_applied: z.number().int().min(0),
  /** Paid by card: total_price less the value of the points applied. */
  amount_paid: z.number(),
  points_earned: z.number().int().min(0),
  status: z.enum(["confirmed", "cancelled", "flown"]),
  refund_amount: z.number().optional(),
  contact_email: z.string(),
  booked_at: z.string(),
  cancelled_at: z.string().optional(),
});
export type FlightBooking = z.output<typeof FlightBooking>;

export const AMENITIES = HOTEL_AMENITIES;

export const Hotel = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string(),
  country: z.string(),
  /** Main airport of the city. */
  airport: z.string(),
  address: z.string(),
  lat: z.number(),
  lon: z.number(),
  stars: z.number().int().min(1).max(5),
  rating: z.number().min(1).max(5),
  review_count: z.number().int().min(0),
  amenities: z.array(z.enum(AMENITIES)),
  check_in_time: z.string(),
  check_out_time: z.string(),
  phone: z.string(),
  website: z.string(),
  /** Taxes and fees on the room price, e.g. 0.14. */
  tax_rate: z.number().min(0).max(0.3),
});
export type Hotel = z.output<typeof Hotel>;

export const RATE_PLANS = ["flexible", "non_refundable"] as const;
export type RatePlan = (typeof RATE_PLANS)[number];

export const RoomType = z.object({
  id: z.string(),
  hotel_id: z.string(),
  name: z.string(),
  beds: z.string(),
  max_occupancy: z.number().int().min(1),
  size_sqm: z.number().int().positive(),
  /** Rooms of this type in the hotel. */
  inventory: z.number().int().min(1),
  /** Typical nightly price on the flexible rate; each night's price varies around it. */
  base_rate: z.number().positive(),
  /** Flexible rate: free cancellation until 18:00 hotel time this many days before check-in. */
  free_cancellation_days: z.number().int().min(0).max(7),
  /** Non-refundable rate: discount on the flexible price. */
  non_refundable_discount: z.number().min(0).max(0.5),
});
export type RoomType = z.output<typeof RoomType>;

export const HotelBooking = z.object({
  id: z.string(),
  confirmation_number: z.string().regex(/^[A-Z0-9]{8}$/),
  hotel_id: z.string(),
  hotel_name: z.string(),
  city: z.string(),
  room_type_id: z.string(),
  room_name: z.string(),
  rate_plan: z.enum(RATE_PLANS),
  check_in: z.string(),
  check_out: z.string(),
  nights: z.number().int().min(1),
  rooms: z.number().int().min(1),
  guests: z.number().int().min(1),
  guest_name: z.string().min(1),
  traveler_id: z.string().optional(),
  /** Price of one room per night. */
  nightly_rates: z.array(z.object({ date: z.string(), price: z.number() })),
  room_total: z.number(),
  taxes: z.number(),
  total_price: z.number(),
  /** Flexible rate only: the last instant to cancel for free. */
  free_cancellation_until: z.string().optional(),
  points_applied: z.number().int().min(0),
  amount_paid: z.number(),
  points_earned: z.number().int().min(0),
  status: z.enum(["confirmed", "cancelled", "completed"]),
  cancellation_fee: z.number().optional(),
  refund_amount: z.number().optional(),
  booked_at: z.string(),
  cancelled_at: z.string().optional(),
});
export type HotelBooking = z.output<typeof HotelBooking>;

export const Itinerary = z.object({
  id: z.string(),
  name: z.string().min(1),
  flight_booking_ids: z.array(z.string()),
  hotel_booking_ids: z.array(z.string()),
  notes: z.string(),
  created_at: z.string(),
});
export type Itinerary = z.output<typeof Itinerary>;

export const TIERS = ["member", "silver", "gold", "platinum"] as const;
export type Tier = (typeof TIERS)[number];
/** Tier points needed for each tier, and the bonus on points earned there. */
export const TIER_THRESHOLDS: Readonly<Record<Tier, number>> = { member: 0, silver: 25_000, gold: 60_000, platinum: 120_000 };
export const TIER_BONUS: Readonly<Record<Tier, number>> = { member: 0, silver: 0.1, gold: 0.25, platinum: 0.5 };

export const LoyaltyAccount = z.object({
  id: z.string(),
  program: z.string(),
  member_number: z.string(),
  traveler_id: z.string(),
  points_balance: z.number().int().min(0),
  /** Points earned toward status; decides the tier. */
  tier_points: z.number().int().min(0),
  tier: z.enum(TIERS),
  joined_on: z.string(),
});
export type LoyaltyAccount = z.output<typeof LoyaltyAccount>;

export const PointsTransaction = z.object({
  id: z.string(),
  account_id: z.string(),
  kind: z.enum(["earn", "redeem", "reversal", "refund", "bonus"]),
  /** Signed: positive added to the balance, negative taken from it. */
  points: z.number().int(),
  description: z.string(),
  booking_id: z.string().optional(),
  balance_after: z.number().int().min(0),
  created_at: z.string(),
});
export type PointsTransaction = z.output<typeof PointsTransaction>;

export const tables = {
  airports: table("airport", Airport, { key: "code", example: "SFO", describe: (a) => `${a.name} (${a.code}) in ${a.city}` }),
  flights: table("flight", Flight, {
    example: "UA1423-20260314",
    describe: (f) => `${f.carrier_name} flight ${f.flight_number} from ${f.origin} to ${f.destination} on ${f.departure_local.slice(0, 10)}`,
  }),
  travelers: table("traveler", Traveler, { idPrefix: "TRV-", describe: (t) => `the traveler ${t.first_name} ${t.last_name}` }),
  flight_bookings: table("flight_booking", FlightBooking, {
    idPrefix: "FBK-",
    describe: (b) =>
      `the ${b.status} ${b.fare_class.replace("_", " ")} booking ${b.booking_reference} on ${b.flight_number} ${b.origin}→${b.destination} on ${b.departure.slice(0, 10)}`,
  }),
  hotels: table("hotel", Hotel, { idPrefix: "HTL-", describe: (h) => `the ${h.stars}-star ${h.name} in ${h.city}` }),
  room_types: table("room_type", RoomType, { idPrefix: "RM-", describe: (r) => `the ${r.name} (${r.beds})` }),
  hotel_bookings: table("hotel_booking", HotelBooking, {
    idPrefix: "HBK-",
    describe: (b) => `the ${b.status} stay at ${b.hotel_name} from ${b.check_in} to ${b.check_out} (confirmation ${b.confirmation_number})`,
  }),
  itineraries: table("itinerary", Itinerary, { idPrefix: "ITN-", describe: (i) => `the itinerary "${i.name}"` }),
  loyalty_accounts: table("loyalty_account", LoyaltyAccount, { idPrefix: "LOY-", describe: (l) => `the ${l.program} account ${l.member_number} (${l.tier})` }),
  points_transactions: table("points_transaction", PointsTransaction, {
    idPrefix: "PTS-",
    idDigits: 5,
    describe: (p) => `the ${p.kind} of ${Math.abs(p.points).toLocaleString("en-US")} points on ${p.created_at.slice(0, 10)}`,
  }),
};

export const { read, write } = toolkit(tables);

export const PROGRAM = "Voyager Rewards";
/** Value of one point when redeemed. */
export const POINT_VALUE = 0.01;
export const MIN_REDEMPTION = 1000;
/** The most points one redemption may use (more than any balance the program lets build up). */
export const MAX_REDEMPTION = 1_000_000;
export const MAX_NIGHTS = 30;
export const MAX_ROOMS = 5;
/** Hotel stays can be booked this many days ahead. */
export const HOTEL_BOOKING_WINDOW_DAYS = 365;
/** Points per USD of room price. */
export const HOTEL_POINTS_PER_USD = 3;
export const FREE_CANCELLATION_HOURS = 24;
