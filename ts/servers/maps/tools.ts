/**
 * Maps tools, after the Google Maps Platform: geocoding and reverse geocoding, place search
 * (text, nearby, autocomplete, details, reviews), routing (directions, distance matrix, travel
 * time), time zones, and the user's labelled places — the one part that writes.
 *
 * Rules enforced:
 * - coordinates lie on the globe (latitude −90…90, longitude −180…180);
 * - search radii lie between 1 m and 50 km, and only apply around a location;
 * - ranking nearby results by distance needs a category or keyword (as in the Places API);
 * - an address that matches nothing exactly still returns its closest candidates, flagged partial;
 * - driving and bicycling need a road: none between continents or across the sea;
 *   walking stops at 50 km, bicycling at 200 km, transit at one metro area (60 km);
 * - departure times are now or later; an arrival time that would need a departure in the past is refused;
 * - a distance matrix holds at most 100 origin–destination pairs;
 * - saved-place labels are unique (ignoring case), a place carries at most one label, at most 50 saved places;
 * - "open now" is read on the session clock.
 */
import {
  CITIES,
  check,
  descending,
  distanceKm,
  fail,
  hoursOn,
  isOpenAt,
  isoInstant,
  matchesText,
  nearestCity,
  page,
  paginate,
  ref,
  refs,
  text,
  time,
  z,
} from "../framework/index.ts";
import { countryOf } from "./gazetteer.ts";
import { Matcher } from "./geocode.ts";
import { checkCoordinates, durationText, MODES, noRouteReason, planRoute, pointOfCoordinates, resolveLocation, route, type Point } from "./routing.ts";
import { labelKey, MAX_SAVED_PLACES, PLACE_CATEGORIES, read, write, type Place } from "./state.ts";

export const MAX_RADIUS_M = 50_000;
export const MAX_MATRIX_ELEMENTS = 100;
export const REVERSE_GEOCODE_RANGE_KM = 25;

const location = (description: string) =>
  ref("place", `${description}: a place id, a saved place label such as 'Home', or coordinates as 'lat,lon' (e.g. '37.7793,-122.4193')`);
const mode = z.enum(MODES).default("driving").describe("How to travel: driving (default), walking, bicycling or transit");
const outOfRange = (iss: { input?: unknown }) =>
  `radius_m ${String(iss.input)} is out of range: use 1 to ${MAX_RADIUS_M.toLocaleString("en-US")} metres (50 km)`;
const radiusM = z.number().int("radius_m is a whole number of metres").min(1, { error: outOfRange }).max(MAX_RADIUS_M, { error: outOfRange });
const radius = radiusM.optional().describe(`Search radius in metres, 1 to ${MAX_RADIUS_M.toLocaleString("en-US")}`);
const latitude = z
  .number()
  .min(-90, { error: (iss) => `latitude ${String(iss.input)} is out of range: latitudes lie between -90 and 90` })
  .max(90, { error: (iss) => `latitude ${String(iss.input)} is out of range: latitudes lie between -90 and 90` });
const longitude = z
  .number()
  .min(-180, { error: (iss) => `longitude ${String(iss.input)} is out of range: longitudes lie between -180 and 180` })
  .max(180, { error: (iss) => `longitude ${String(iss.input)} is out of range: longitudes lie between -180 and 180` });

function cityOrFail(name: string) {
  const q = name.trim().toLowerCase();
  const c = CITIES.find((x) => x.name.toLowerCase() === q || x.airport.toLowerCase() === q);
  if (!c) fail(`city "${name.slice(0, 60)}" is not in the gazetteer; cities are ${CITIES.map((x) => x.name).join(", ")} (list_cities)`, "not_found");
  return c;
}

function openNow(p: Place, now: string): boolean | undefined {
  return p.opening_hours ? isOpenAt(p.opening_hours, now) : undefined;
}

/** The short form of a place in lists. */
function summary(p: Place, now: string, from?: Point) {
  const open = openNow(p, now);
  return {
    id: p.id,
    name: p.name,
    category: p.category,
    ...(p.subtype ? { subtype: p.subtype } : {}),
    formatted_address: p.formatted_address,
    location: { lat: p.lat, lon: p.lon },
    ...(p.rating !== undefined ? { rating: p.rating, user_ratings_total: p.user_ratings_total } : {}),
    ...(p.price_level !== undefined ? { price_level: p.price_level } : {}),
    ...(open !== undefined ? { open_now: open } : {}),
    ...(from ? { distance_m: Math.round(distanceKm(from, p) * 1000) } : {}),
  };
}

const prominence = (p: Place) => (p.rating ?? 0) * Math.log10((p.user_ratings_total ?? 0) + 10);

function departureOf(arg: string | undefined, now: string): string {
  const at = arg ?? now;
  check(at >= now, `departure_time ${at} is in the past; now is ${now} — pass now or a later time, or leave it out to leave now`, "invalid_argument");
  return at;
}

function describePoint(p: Point) {
  return { name: p.name, address: p.address, ...(p.place_id ? { place_id: p.place_id } : {}), location: { lat: p.lat, lon: p.lon }, city: p.city.name };
}

function hoursToday(p: Place, now: string) {
  return { weekday: time.weekday(now), hours_today: p.opening_hours ? hoursOn(p.opening_hours, now) : undefined };
}

export const tools = {
  list_cities: read({
    description:
      "The cities the map covers, with country, centre coordinates, time zone, main airport and how many places each has. Use it to learn valid city names for search_places and geocode_address.",
    input: z.object({ country: z.string().trim().max(60).optional().describe("Only cities of this country, as a code ('US') or name ('Japan')") }).strict(),
    run: (db, a) => {
      const wanted = a.country?.toLowerCase();
      const items = CITIES.filter((c) => !wanted || c.country.toLowerCase() === wanted || countryOf(c.country).name.toLowerCase() === wanted).map((c) => ({
        name: c.name,
        region: c.region,
        country: c.country,
        country_name: countryOf(c.country).name,
        continent: countryOf(c.country).continent,
        location: { lat: c.lat, lon: c.lon },
        time_zone_id: c.timezone,
        airport: c.airport,
        place_count: db.places.count((p) => p.address.city === c.name),
      }));
      return { items, total: items.length };
    },
  }),

  geocode_address: read({
    description:
      "Turn an address or place name into coordinates (forward geocoding). Returns candidates with place id, formatted address and location, best first. " +
      "status is OK when every word matched; PARTIAL_MATCH when nothing matched exactly — the results are then the closest candidates, to confirm with the user.",
    input: z
      .object({
        address: z.string().trim().min(2).max(200).describe("The address or place, e.g. '120 Market Street, San Francisco' or 'Gare du Nord'"),
        city: z.string().trim().max(60).optional().describe("Only look in this city (name or airport code)"),
        limit: z.number().int().min(1).max(10).default(5).describe("Most candidates to return (1-10, default 5)"),
      })
      .strict(),
    discovers: "place",
    run: (db, a) => {
      const m = new Matcher(a.address);
      check(!m.empty, `address "${a.address}" has no letters or digits to match; give a street address or a place name`, "invalid_argument");
      const city = a.city ? cityOrFail(a.city) : undefined;
      const scored = db.places
        .filter((p) => !city || p.address.city === city.name)
        .map((p) => ({ p, s: m.score(`${p.category === "street_address" ? "" : p.name} ${p.formatted_address} ${countryOf(p.address.country).name}`) }))
        .sort((x, y) => (x.s.exact === y.s.exact ? y.s.score - x.s.score || (x.p.id < y.p.id ? -1 : 1) : x.s.exact ? -1 : 1));
      const exact = scored.filter((x) => x.s.exact);
      const chosen = (exact.length ? exact : scored).slice(0, a.limit);
      return {
        status: exact.length ? "OK" : "PARTIAL_MATCH",
        query: a.address,
        ...(exact.length ? {} : { message: `no exact match for "${a.address}"; these are the closest known addresses — confirm one with the user` }),
        results: chosen.map(({ p, s }) => ({
          id: p.id,
          type: p.category === "street_address" ? "street_address" : "point_of_interest",
          name: p.name,
          formatted_address: p.formatted_address,
          location: { lat: p.lat, lon: p.lon },
          match_score: s.score,
          partial_match: !s.exact,
        })),
      };
    },
  }),

  reverse_geocode: read({
    description: `Turn coordinates into the nearest known addresses and places (within ${REVERSE_GEOCODE_RANGE_KM} km), nearest first, with their distance in metres.`,
    input: z
      .object({
        latitude: latitude.describe("Latitude, -90 to 90"),
        longitude: longitude.describe("Longitude, -180 to 180"),
        limit: z.number().int().min(1).max(10).default(3).describe("Most results (1-10, default 3)"),
      })
      .strict(),
    discovers: "place",
    run: (db, a) => {
      checkCoordinates(a.latitude, a.longitude);
      const here = { lat: a.latitude, lon: a.longitude };
      const results = db.places
        .all()
        .map((p) => ({ p, d: distanceKm(here, p) }))
        .filter((x) => x.d <= REVERSE_GEOCODE_RANGE_KM)
        .sort((x, y) => x.d - y.d || (x.p.id < y.p.id ? -1 : 1))
        .slice(0, a.limit)
        .map(({ p, d }) => ({
          id: p.id,
          name: p.name,
          category: p.category,
          formatted_address: p.formatted_address,
          location: { lat: p.lat, lon: p.lon },
          distance_m: Math.round(d * 1000),
        }));
      if (results.length) return { status: "OK", results };
      const { city, km: far } = nearestCity(here);
      return {
        status: "ZERO_RESULTS",
        results,
        message: `no known address within ${REVERSE_GEOCODE_RANGE_KM} km of ${a.latitude},${a.longitude}; the nearest city on the map is ${city.name} (${city.country}), ${Math.round(far).toLocaleString("en-US")} km away`,
      };
    },
  }),

  search_places: read({
    description:
      "Find places by text (name, cuisine, kind), category, city and/or around a location, optionally only those open now (on the session clock), with a minimum rating or maximum price level. " +
      "Around a location results are nearest first with distance_m; otherwise best rated first. Street addresses are left out unless category is street_address (use geocode_address for addresses).",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Words to look for, e.g. 'ramen', 'art museum', 'Boots'"),
        category: z.enum(PLACE_CATEGORIES).optional().describe("Only places of this category"),
        city: z.string().trim().max(60).optional().describe("Only places in this city (name or airport code)"),
        near: location("Search around this location").optional(),
        radius_m: radius,
        open_now: z.boolean().optional().describe("Only places open at the current time"),
        min_rating: z.number().min(1).max(5).optional().describe("Lowest average rating, 1-5"),
        max_price_level: z.number().int().min(0).max(4).optional().describe("Highest price level, 0 (free) to 4 (very expensive)"),
        ...page,
      })
      .strict(),
    discovers: "place",
    run: (db, a, env) => {
      check(a.query || a.category || a.city || a.near, "give at least one of query, category, city or near to search places", "invalid_argument");
      if (a.radius_m !== undefined) {
        check(a.near, "radius_m only applies around a location: pass near as well (a place id, saved label or 'lat,lon')", "invalid_argument");
      }
      const city = a.city ? cityOrFail(a.city) : undefined;
      const near = a.near ? resolveLocation(db, a.near, "near") : undefined;
      const radiusKm = (a.radius_m ?? 5000) / 1000;
      const terms = a.query ? a.query.split(/\s+/).filter(Boolean).slice(0, 8) : [];
      const hits = db.places.filter(
        (p) =>
          (a.category ? p.category === a.category : p.category !== "street_address") &&
          (!city || p.address.city === city.name) &&
          terms.every((t) => matchesText(t, p.name, p.subtype, p.category.replace(/_/g, " "), p.formatted_address)) &&
          (!near || distanceKm(near, p) <= radiusKm) &&
          (!a.open_now || openNow(p, env.now) === true) &&
          (a.min_rating === undefined || (p.rating ?? 0) >= a.min_rating) &&
          (a.max_price_level === undefined || (p.price_level !== undefined && p.price_level <= a.max_price_level)),
      );
      hits.sort(near ? (x, y) => distanceKm(near, x) - distanceKm(near, y) : (x, y) => prominence(y) - prominence(x) || (x.name < y.name ? -1 : 1));
      const p = paginate(hits, a);
      return { ...p, items: p.items.map((x) => summary(x, env.now, near)) };
    },
  }),

  nearby_search: read({
    description:
      "Places within a radius of a location (default 1,500 m), optionally of one category or matching a keyword, optionally open now. rank_by 'prominence' (default) puts well-rated, much-reviewed places first; 'distance' nearest first and needs a category or keyword.",
    input: z
      .object({
        location: location("Centre of the search"),
        radius_m: radiusM.default(1500).describe(`Radius in metres, 1 to ${MAX_RADIUS_M.toLocaleString("en-US")} (default 1,500)`),
        category: z.enum(PLACE_CATEGORIES).optional().describe("Only places of this category"),
        keyword: z.string().trim().max(60).optional().describe("A word the place's name or kind must contain, e.g. 'sushi'"),
        open_now: z.boolean().optional().describe("Only places open at the current time"),
        rank_by: z.enum(["prominence", "distance"]).default("prominence").describe("Order of results"),
        ...page,
      })
      .strict(),
    discovers: "place",
    run: (db, a, env) => {
      check(
        a.rank_by !== "distance" || a.category || a.keyword,
        "rank_by 'distance' needs a category or keyword to say what to look for; add one, or use rank_by 'prominence' with radius_m",
        "invalid_argument",
      );
      const at = resolveLocation(db, a.location, "location");
      const hits = db.places.filter(
        (p) =>
          p.category !== "street_address" &&
          p.id !== at.place_id &&
          distanceKm(at, p) * 1000 <= a.radius_m &&
          (!a.category || p.category === a.category) &&
          matchesText(a.keyword, p.name, p.subtype, p.category.replace(/_/g, " ")) &&
          (!a.open_now || openNow(p, env.now) === true),
      );
      hits.sort(
        a.rank_by === "distance" ? (x, y) => distanceKm(at, x) - distanceKm(at, y) : (x, y) => prominence(y) - prominence(x) || (x.name < y.name ? -1 : 1),
      );
      const p = paginate(hits, a);
      return { ...p, items: p.items.map((x) => summary(x, env.now, at)) };
    },
  }),

  autocomplete_place: read({
    description:
      "Suggestions while the user types a place or address: every typed word must start a word of the name or address. Places near 'near' (if given) rank first. Returns up to 'limit' predictions with place ids.",
    input: z
      .object({
        input: z.string().trim().min(1).max(100).describe("What the user has typed so far, e.g. 'blue bot' or '12 mark'"),
        near: location("Bias suggestions toward this location").optional(),
        city: z.string().trim().max(60).optional().describe("Only suggest places in this city"),
        limit: z.number().int().min(1).max(10).default(5).describe("Most predictions (1-10, default 5)"),
      })
      .strict(),
    discovers: "place",
    run: (db, a) => {
      const m = new Matcher(a.input);
      check(!m.empty, `input "${a.input}" has no letters or digits; type part of a name or address`, "invalid_argument");
      const city = a.city ? cityOrFail(a.city) : undefined;
      const near = a.near ? resolveLocation(db, a.near, "near") : undefined;
      const q = a.input.trim().toLowerCase();
      const hits = db.places.filter((p) => (!city || p.address.city === city.name) && m.prefixOf(`${p.name} ${p.formatted_address}`));
      const rank = (p: Place) => (p.name.toLowerCase().startsWith(q) ? 0 : 1);
      hits.sort((x, y) => rank(x) - rank(y) || (near ? distanceKm(near, x) - distanceKm(near, y) : prominence(y) - prominence(x)) || (x.id < y.id ? -1 : 1));
      return {
        predictions: hits.slice(0, a.limit).map((p) => ({
          id: p.id,
          description: p.category === "street_address" ? p.formatted_address : `${p.name}, ${p.formatted_address}`,
          main_text: p.name,
          secondary_text: `${p.address.city}, ${p.address.country}`,
          category: p.category,
          ...(near ? { distance_m: Math.round(distanceKm(near, p) * 1000) } : {}),
        })),
      };
    },
  }),

  get_place_details: read({
    description:
      "Everything about one place: address, coordinates, phone, website, rating, price level, weekly opening hours, whether it is open now (session clock), today's hours, review summary, and the user's label for it if saved.",
    input: z.object({ place_id: ref("place", "The place") }).strict(),
    run: (db, a, env) => {
      const p = db.places.need(a.place_id);
      const reviews = db.reviews.filter((r) => r.place_id === p.id);
      const saved = db.saved_places.find((s) => s.place_id === p.id);
      const open = openNow(p, env.now);
      return {
        ...p,
        ...(open !== undefined ? { open_now: open } : {}),
        ...hoursToday(p, env.now),
        city_time_zone: nearestCity(p).city.timezone,
        review_count: reviews.length,
        ...(reviews.length ? { review_average: Math.round((reviews.reduce((s, r) => s + r.rating, 0) / reviews.length) * 10) / 10 } : {}),
        ...(saved ? { saved_as: saved.label, saved_place_id: saved.id } : {}),
      };
    },
  }),

  list_place_reviews: read({
    description: "Public reviews of a place, newest first by default, or sorted by rating; optionally only those with at least min_rating stars.",
    input: z
      .object({
        place_id: ref("place", "The place"),
        sort: z.enum(["newest", "highest", "lowest"]).default("newest").describe("Order of reviews"),
        min_rating: z.number().int().min(1).max(5).optional().describe("Only reviews with at least this many stars"),
        ...page,
      })
      .strict(),
    discovers: "review",
    run: (db, a) => {
      db.places.need(a.place_id);
      const order =
        a.sort === "newest"
          ? descending("created_at")
          : a.sort === "highest"
            ? descending("rating")
            : (x: { rating: number }, y: { rating: number }) => x.rating - y.rating;
      return db.reviews.page(a, { where: (r) => r.place_id === a.place_id && (a.min_rating === undefined || r.rating >= a.min_rating), sort: order });
    },
  }),

  list_place_categories: read({
    description: "The place categories search_places and nearby_search accept, with how many places of each the map holds (in one city if given).",
    input: z.object({ city: z.string().trim().max(60).optional().describe("Count only places in this city") }).strict(),
    run: (db, a) => {
      const city = a.city ? cityOrFail(a.city) : undefined;
      const counts = new Map<string, number>();
      for (const p of db.places.all()) if (!city || p.address.city === city.name) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
      return { ...(city ? { city: city.name } : {}), categories: PLACE_CATEGORIES.map((c) => ({ category: c, count: counts.get(c) ?? 0 })) };
    },
  }),

  get_directions: read({
    description:
      "Turn-by-turn directions between two locations by driving (default), walking, bicycling or transit: distance, duration (driving includes rush-hour traffic at the departure time), arrival time and steps. " +
      "Refused when no route of that mode exists: driving between continents, walking over 50 km, bicycling over 200 km, transit beyond one metro area.",
    input: z
      .object({
        origin: location("Where the trip starts"),
        destination: location("Where the trip ends"),
        mode,
        departure_time: isoInstant("When to leave (default: now on the session clock); now or later").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const from = resolveLocation(db, a.origin, "origin");
      const to = resolveLocation(db, a.destination, "destination");
      check(distanceKm(from, to) >= 0.01, `origin and destination are the same place (${from.name}); pick two different locations`, "invalid_argument");
      const depart = departureOf(a.departure_time, env.now);
      const r = route(from, to, a.mode, depart);
      return {
        origin: describePoint(from),
        destination: describePoint(to),
        mode: a.mode,
        distance_km: r.distance_km,
        distance_text: `${r.distance_km.toLocaleString("en-US")} km`,
        duration_minutes: r.duration_minutes,
        duration_text: durationText(r.duration_minutes),
        ...(r.duration_without_traffic_minutes !== undefined ? { duration_without_traffic_minutes: r.duration_without_traffic_minutes } : {}),
        departure_time: depart,
        arrival_time: time.addMinutes(depart, r.duration_minutes),
        summary: r.summary,
        steps: r.steps,
      };
    },
  }),

  get_distance_matrix: read({
    description:
      `Distance and travel time for every origin–destination pair (up to ${MAX_MATRIX_ELEMENTS} pairs, e.g. 10×10) by one mode. Each element has status OK with distance_km and duration_minutes, or NO_ROUTE with the reason. ` +
      "Use it to pick the closest of several places.",
    input: z
      .object({
        origins: refs("place", "Starting locations: place ids, saved place labels or 'lat,lon'", { max: 25 }).min(1),
        destinations: refs("place", "Destination locations: place ids, saved place labels or 'lat,lon'", { max: 25 }).min(1),
        mode,
        departure_time: isoInstant("When to leave (default now); now or later").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const elements = a.origins.length * a.destinations.length;
      check(
        elements <= MAX_MATRIX_ELEMENTS,
        `${a.origins.length} origins × ${a.destinations.length} destinations = ${elements} pairs; a matrix holds at most ${MAX_MATRIX_ELEMENTS} — split the request`,
        "limit_exceeded",
      );
      const depart = departureOf(a.departure_time, env.now);
      const from = a.origins.map((o, i) => resolveLocation(db, o, `origins[${i}]`));
      const to = a.destinations.map((d, i) => resolveLocation(db, d, `destinations[${i}]`));
      return {
        mode: a.mode,
        departure_time: depart,
        origins: from.map((p) => p.name),
        destinations: to.map((p) => p.name),
        rows: from.map((o) => ({
          origin: o.name,
          elements: to.map((d) => {
            const why = noRouteReason(o, d, a.mode);
            if (why) return { destination: d.name, status: "NO_ROUTE", reason: why };
            const r = planRoute(o, d, a.mode, depart);
            return {
              destination: d.name,
              status: "OK",
              distance_km: r.distance_km,
              duration_minutes: r.duration_minutes,
              duration_text: durationText(r.duration_minutes),
            };
          }),
        })),
      };
    },
  }),

  get_travel_time: read({
    description:
      "How long a trip takes and when it ends (or, given arrival_time, when to leave to arrive on time) by one mode. Pass departure_time or arrival_time, not both; neither means leaving now.",
    input: z
      .object({
        origin: location("Where the trip starts"),
        destination: location("Where the trip ends"),
        mode,
        departure_time: isoInstant("When to leave; now or later").optional(),
        arrival_time: isoInstant("When to arrive; the answer says when to leave").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      check(!(a.departure_time && a.arrival_time), "pass departure_time or arrival_time, not both", "invalid_argument");
      const from = resolveLocation(db, a.origin, "origin");
      const to = resolveLocation(db, a.destination, "destination");
      check(distanceKm(from, to) >= 0.01, `origin and destination are the same place (${from.name}); pick two different locations`, "invalid_argument");
      let depart: string;
      let r;
      if (a.arrival_time) {
        const arrive = a.arrival_time;
        const guess = route(from, to, a.mode, arrive);
        depart = time.addMinutes(arrive, -guess.duration_minutes);
        r = planRoute(from, to, a.mode, depart);
        depart = time.addMinutes(arrive, -r.duration_minutes);
        check(
          depart >= env.now,
          `to arrive by ${arrive} you would have to leave at ${depart} (${durationText(r.duration_minutes)} by ${a.mode}), which is already past — now is ${env.now}; the earliest possible arrival is ${time.addMinutes(env.now, r.duration_minutes)}`,
        );
      } else {
        depart = departureOf(a.departure_time, env.now);
        r = route(from, to, a.mode, depart);
      }
      return {
        origin: from.name,
        destination: to.name,
        mode: a.mode,
        distance_km: r.distance_km,
        duration_minutes: r.duration_minutes,
        duration_text: durationText(r.duration_minutes),
        departure_time: depart,
        arrival_time: time.addMinutes(depart, r.duration_minutes),
      };
    },
  }),

  get_timezone: read({
    description:
      "The time zone of a location at an instant (default now): IANA id, name, UTC offset, and the standard and daylight-saving parts of the offset in seconds, as the Time Zone API gives them.",
    input: z
      .object({
        location: location("The location"),
        // The tool checks the years itself: its message says they are those of the time zone data.
        timestamp: isoInstant("The instant the offset applies to (daylight saving depends on it); default now", { years: [1, 9999] }).optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const at = resolveLocation(db, a.location, "location");
      const { city, km: far } = nearestCity(at);
      check(
        far <= 1000,
        `no time zone data for ${at.lat},${at.lon}: the map covers land within 1,000 km of its cities, and the nearest, ${city.name}, is ${Math.round(far).toLocaleString("en-US")} km away`,
        "not_found",
      );
      const ms = time.toMs(a.timestamp ?? env.now);
      check(
        ms >= Date.UTC(1970, 0, 1) && ms < Date.UTC(2100, 0, 1),
        `timestamp ${a.timestamp} is outside the time zone data, which covers 1970 to 2099`,
        "invalid_argument",
      );
      const year = new Date(ms).getUTCFullYear();
      const offsetMin = time.utcOffsetMinutes(city.timezone, ms);
      const standard = Math.min(time.utcOffsetMinutes(city.timezone, Date.UTC(year, 0, 15)), time.utcOffsetMinutes(city.timezone, Date.UTC(year, 6, 15)));
      const name =
        new Intl.DateTimeFormat("en-US", { timeZone: city.timezone, timeZoneName: "long" }).formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")
          ?.value ?? city.timezone;
      return {
        location: { lat: at.lat, lon: at.lon },
        city: city.name,
        time_zone_id: city.timezone,
        time_zone_name: name,
        utc_offset: time.formatOffset(offsetMin),
        raw_offset_seconds: standard * 60,
        dst_offset_seconds: (offsetMin - standard) * 60,
        timestamp: time.fromMs(ms),
      };
    },
  }),

  list_saved_places: read({
    description: "The user's labelled places (Home, Work, favourites), optionally filtered by words in the label, note or address.",
    input: z.object({ query: z.string().trim().max(60).optional().describe("Words in the label, note or address"), ...page }).strict(),
    discovers: "saved_place",
    run: (db, a) => db.saved_places.page(a, { where: (s) => matchesText(a.query, s.label, s.note, s.address) }),
  }),

  save_place: write({
    description:
      "Save a place under a label the user chooses ('Home', 'Work', 'Gym'…), so it can be used by label as an origin or destination. Give place_id, or latitude and longitude for a dropped pin. " +
      "Labels are unique and a place carries one label. Returns the saved place.",
    input: z
      .object({
        label: z.string().trim().min(1).max(40).describe("The label, e.g. 'Home' or 'Mom's office'"),
        place_id: ref("place", "The place to save").optional(),
        latitude: latitude.optional().describe("Latitude of a dropped pin (with longitude, instead of place_id), -90 to 90"),
        longitude: longitude.optional().describe("Longitude of a dropped pin, -180 to 180"),
        note: text("A private note", 200).default(""),
      })
      .strict(),
    produces: "saved_place",
    run: (db, a, env) => {
      const pin = a.latitude !== undefined || a.longitude !== undefined;
      check(!!a.place_id !== pin, "give either place_id or latitude and longitude (a dropped pin), not both and not neither", "invalid_argument");
      const clash = db.saved_places.find((s) => labelKey(s.label) === labelKey(a.label));
      check(
        !clash,
        () => `the label "${clash?.label}" is already used by ${clash?.id} (${clash?.address}); pick another label, or change that one with update_saved_place`,
        "already_exists",
      );
      check(
        db.saved_places.count() < MAX_SAVED_PLACES,
        `the user already has ${MAX_SAVED_PLACES} saved places, the most allowed; remove one with remove_saved_place first`,
        "limit_exceeded",
      );
      if (a.place_id) {
        const p = db.places.need(a.place_id);
        const labelled = db.saved_places.find((s) => s.place_id === p.id);
        check(
          !labelled,
          () => `${p.name} is already saved as "${labelled?.label}" (${labelled?.id}); a place carries one label — rename it with update_saved_place`,
          "already_exists",
        );
        return db.saved_places.create({
          label: a.label,
          place_id: p.id,
          lat: p.lat,
          lon: p.lon,
          address: p.formatted_address,
          note: a.note,
          created_at: env.now,
        });
      }
      check(a.latitude !== undefined && a.longitude !== undefined, "a dropped pin needs both latitude and longitude", "invalid_argument");
      const pt = pointOfCoordinates(a.latitude, a.longitude);
      const closest = db.places.all().reduce<{ p?: Place; d: number }>(
        (best, p) => {
          const d = distanceKm(pt, p);
          return d < best.d ? { p, d } : best;
        },
        { d: 0.1 },
      );
      const address = closest.p ? `near ${closest.p.formatted_address}` : `${a.latitude},${a.longitude}`;
      return db.saved_places.create({ label: a.label, lat: a.latitude, lon: a.longitude, address, note: a.note, created_at: env.now });
    },
  }),

  update_saved_place: write({
    description: "Rename a saved place or change its note. The new label must not be used by another saved place.",
    input: z
      .object({
        saved_place_id: ref("saved_place", "The saved place"),
        label: z.string().trim().min(1).max(40).optional().describe("New label"),
        note: text("New note (replaces the old one)", 200).optional(),
      })
      .strict(),
    run: (db, a) => {
      const s = db.saved_places.need(a.saved_place_id);
      check(a.label !== undefined || a.note !== undefined, "nothing to change: give a new label, a new note, or both", "invalid_argument");
      if (a.label !== undefined) {
        const clash = db.saved_places.find((x) => x.id !== s.id && labelKey(x.label) === labelKey(a.label as string));
        check(!clash, () => `the label "${clash?.label}" is already used by ${clash?.id} (${clash?.address}); pick another label`, "already_exists");
      }
      return db.saved_places.update(s.id, { ...(a.label !== undefined ? { label: a.label } : {}), ...(a.note !== undefined ? { note: a.note } : {}) });
    },
  }),

  remove_saved_place: write({
    description: "Delete a saved place (its label becomes free). The place itself stays on the map.",
    input: z.object({ saved_place_id: ref("saved_place", "The saved place to remove") }).strict(),
    destructive: true,
    run: (db, a) => {
      const s = db.saved_places.need(a.saved_place_id);
      db.saved_places.delete(s.id);
      return { removed: s.id, label: s.label, address: s.address };
    },
  }),
};
