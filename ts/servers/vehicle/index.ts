import { defineDomain } from "../framework/index.ts";
import { seedVehicle } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools/index.ts";

export default defineDomain({
  name: "vehicle",
  title: "Vehicle",
  description:
    "The user's household cars through the maker's vehicle-command API: three electric vehicles (one selected, one being driven, one asleep at the airport) with power, gear and speed, locks, doors, trunk and frunk, windows, climate and seat heaters, lights, battery and charging, tyre pressures, navigation to saved destinations, charging stations and cities, a month of trips and charging sessions, and service reminders.",
  tables,
  seed: seedVehicle,
  tools,
});
