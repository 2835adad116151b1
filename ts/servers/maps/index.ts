import { defineDomain } from "../framework/index.ts";
import { seedMaps } from "./seed.ts";
import { resolveLocation } from "./routing.ts";
import { tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "maps",
  title: "Maps",
  description:
    "A map of the world's cities in the manner of Google Maps: 40–60 places per city (restaurants, cafés, museums, parks, pharmacies, hospitals, hotels, stations, airports), company offices and people's home addresses, with ratings, opening hours and reviews; geocoding, place search, directions, distance matrices and time zones; and the user's labelled places (Home, Work…).",
  tables,
  seed: seedMaps,
  tools,
  // A location is a place id, a saved place's label or "lat,lon".
  resolve: { place: resolveLocation },
});
