import { defineDomain } from "../framework/index.ts";
import { seedTravelBooking } from "./seed.ts";
import { tables } from "./state.ts";
import { resolveFlight } from "./schedule.ts";
import { airportOf } from "./tools/common.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "travel_booking",
  title: "Travel booking",
  description:
    "A flight and hotel booking service in the manner of Duffel and Amadeus: nonstop flights between the world's 20 cities over the next 60 days with four fare classes and seat maps, hotels with room types and flexible or non-refundable rates, the user's flight and hotel bookings with record locators, itineraries, saved travelers, and a loyalty account with points and tiers.",
  tables,
  seed: seedTravelBooking,
  tools,
  // Airports by code or city; flights are the published schedule, not a table.
  resolve: { airport: airportOf, flight: (_db, id, _param, env) => resolveFlight(env.world.seed, id) },
});
