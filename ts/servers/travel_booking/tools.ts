/**
 * Travel booking tools, after the Duffel and Amadeus flight and hotel APIs: flights (tools/flights.ts),
 * hotels (tools/hotels.ts), and the traveller's bookings, itineraries, travelers and loyalty
 * account (tools/account.ts).
 *
 * Rules enforced:
 * - departures in the past cannot be booked; sales and changes close 60 minutes before departure;
 *   schedules are published 60 days ahead;
 * - a booking holds 1–9 passengers, each with a first and last name; a passenger is booked once per flight;
 *   a cabin sells no more seats than it has free;
 * - no seat is held twice; basic economy cannot select seats; a seat must be in the booked cabin;
 * - changes follow the fare: basic economy cannot change, economy pays a fee (75 domestic / 200
 *   international per passenger) plus the fare difference, premium and business change free;
 *   a change keeps the route;
 * - refunds only for refundable fares (premium economy, business) or within 24 hours of booking;
 *   otherwise cancelling needs accept_no_refund;
 * - at most 3 extra checked bags per passenger, priced 40 / 50 / 150;
 * - hotel stays: check-in not in the past, check-out after check-in, at most 30 nights, within
 *   a year; the room must sleep the party and be free every night;
 * - hotel cancellation: flexible rates are free until 18:00 hotel time N days before check-in,
 *   then cost the first night (needs accept_penalty); non-refundable rates are refused;
 * - loyalty: points earned per booking by fare class and tier, reversed on cancellation;
 *   redemptions of at least 1,000 points in steps of 100, within the balance and the card amount;
 * - itineraries: at least one booking, no cancelled bookings, each booking in one itinerary.
 */
import { accountTools } from "./tools/account.ts";
import { flightTools } from "./tools/flights.ts";
import { hotelTools } from "./tools/hotels.ts";

export const tools = { ...flightTools, ...hotelTools, ...accountTools };
