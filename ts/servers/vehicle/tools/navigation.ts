/** Navigation, saved destinations and the trip log. */
import {
  check,
  CITIES,
  descending,
  distanceKm,
  editDistance,
  fail,
  isoDate,
  joinedByRoad,
  matchesText,
  nearestCity,
  page,
  rangeStart,
  ref,
  time,
  z,
  type CallEnv,
} from "../../framework/index.ts";
import {
  commandTarget,
  currentLevel,
  DESTINATION_CATEGORIES,
  label,
  rangeKm,
  read,
  route,
  target,
  write,
  type Garage,
  type Navigation,
  type Vehicle,
} from "../state.ts";
import { vehicleId } from "./common.ts";

export const MAX_SAVED_DESTINATIONS = 50;
/** Below this arrival charge a route comes with charging suggestions. */
export const ARRIVAL_RESERVE_PCT = 10;

interface Candidate {
  name: string;
  kind: Navigation["destination_kind"];
  ref?: string;
  lat: number;
  lon: number;
  country: string;
  detail: string;
}

function candidates(db: Garage): Candidate[] {
  return [
    ...db.destinations
      .all()
      .map((d) => ({ name: d.name, kind: "saved" as const, ref: d.id, lat: d.lat, lon: d.lon, country: d.country, detail: `saved destination ${d.id}` })),
    ...db.charging_stations.all().map((s) => ({
      name: s.name,
      kind: "charging_station" as const,
      ref: s.id,
      lat: s.lat,
      lon: s.lon,
      country: s.country,
      detail: `charging station ${s.id}`,
    })),
    ...CITIES.map((c) => ({ name: c.name, kind: "city" as const, lat: c.lat, lon: c.lon, country: c.country, detail: `city, ${c.region}, ${c.country}` })),
  ];
}

/** Resolves a destination typed by the user: exact name, else a unique partial match, else closest suggestions. */
function resolve(db: Garage, query: string): Candidate {
  const q = query.trim().toLowerCase();
  const all = candidates(db);
  const exact = all.filter((c) => c.name.toLowerCase() === q || (c.kind === "city" && `${c.name}, ${c.detail.split(", ")[1]}`.toLowerCase() === q));
  if (exact.length >= 1) return exact[0] as Candidate;
  const partial = all.filter((c) => c.name.toLowerCase().includes(q));
  if (partial.length === 1) return partial[0] as Candidate;
  if (partial.length > 1) {
    fail(
      `"${query}" matches ${partial.length} destinations: ${partial
        .slice(0, 8)
        .map((c) => `${c.name} (${c.detail})`)
        .join("; ")}; give the full name or its id`,
      "invalid_argument",
    );
  }
  const closest = all
    .map((c) => ({ c, d: editDistance(q, c.name.toLowerCase().slice(0, Math.max(q.length + 3, 4))) }))
    .sort((x, y) => x.d - y.d || (x.c.name < y.c.name ? -1 : 1))
    .slice(0, 5);
  fail(
    `no known destination matches "${query}"; closest matches: ${closest.map((x) => `${x.c.name} (${x.c.detail})`).join("; ")}. list_saved_destinations and find_charging_stations list more`,
    "not_found",
  );
}

function plan(db: Garage, v: Vehicle, dest: Candidate, env: CallEnv) {
  const fromCity = nearestCity(v.location).city;
  check(
    joinedByRoad(v.country, dest.country),
    `there is no road route from ${v.location.place} near ${fromCity.name} (${v.country}) to ${dest.name} (${dest.country}); choose a destination reachable by road`,
  );
  const r = route(v.location, dest);
  check(r.distance_km >= 0.2, `${label(v)} is already at ${dest.name}`, "invalid_argument");
  const energy = Math.round(((r.distance_km * v.efficiency_wh_per_km) / 1000) * 100) / 100;
  const level = currentLevel(db, v, env.now);
  const arrival = Math.max(0, Math.round((level - (energy / v.battery_capacity_kwh) * 100) * 10) / 10);
  const nav: Navigation = {
    destination_name: dest.name,
    destination_kind: dest.kind,
    ...(dest.ref ? { destination_ref: dest.ref } : {}),
    lat: dest.lat,
    lon: dest.lon,
    distance_km: r.distance_km,
    duration_minutes: r.duration_minutes,
    eta: time.addMinutes(env.now, r.duration_minutes),
    energy_needed_kwh: energy,
    arrival_battery_pct: arrival,
    started_at: env.now,
  };
  return nav;
}

export const navigationTools = {
  navigate_to: write({
    description:
      "Send a destination to the car's navigation and start route guidance. Give destination (a saved destination's name such as 'Home', a charging station's name or a city such as 'Denver'), destination_id or charging_station_id. Unknown names fail with the closest matches. Returns the route: distance, duration, ETA, energy needed and the battery on arrival, with charging suggestions when it would arrive below 10 %.",
    input: z
      .object({
        vehicle_id: vehicleId(),
        destination: z.string().trim().min(2).max(100).optional().describe("Name of a saved destination, a charging station or a city"),
        destination_id: ref("destination", "A saved destination").optional(),
        charging_station_id: ref("charging_station", "A charging station to drive to").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const given = [a.destination, a.destination_id, a.charging_station_id].filter((x) => x !== undefined).length;
      check(given === 1, "give exactly one of destination (a name), destination_id or charging_station_id", "invalid_argument");
      const v = commandTarget(db, a.vehicle_id);
      let dest: Candidate;
      if (a.destination_id) {
        const d = db.destinations.need(a.destination_id);
        dest = { name: d.name, kind: "saved", ref: d.id, lat: d.lat, lon: d.lon, country: d.country, detail: "" };
      } else if (a.charging_station_id) {
        const s = db.charging_stations.need(a.charging_station_id);
        dest = { name: s.name, kind: "charging_station", ref: s.id, lat: s.lat, lon: s.lon, country: s.country, detail: "" };
      } else {
        dest = resolve(db, a.destination as string);
      }
      const nav = plan(db, v, dest, env);
      db.vehicles.update(v.id, { navigation: nav });
      if (nav.arrival_battery_pct >= ARRIVAL_RESERVE_PCT) return { vehicle_id: v.id, ...nav };
      // Each fast-charging stop takes the battery from the reserve to 80 %.
      const level = currentLevel(db, v, env.now);
      const reach = Math.max(0, rangeKm(v, level) - rangeKm(v, ARRIVAL_RESERVE_PCT));
      const perStop = rangeKm(v, 80) - rangeKm(v, ARRIVAL_RESERVE_PCT);
      const stops = Math.max(1, Math.ceil((nav.distance_km - reach) / perStop));
      const stations = db.charging_stations
        .filter((s) => s.available_stalls > 0 && joinedByRoad(s.country, v.country))
        .map((s) => ({ charging_station_id: s.id, name: s.name, max_power_kw: s.max_power_kw, distance_km: Math.round(distanceKm(v.location, s) * 10) / 10 }))
        .sort((x, y) => x.distance_km - y.distance_km)
        .slice(0, 3);
      return {
        vehicle_id: v.id,
        ...nav,
        warning: `the route is ${nav.distance_km} km but the battery (${level} %) covers about ${reach} km before the ${ARRIVAL_RESERVE_PCT} % reserve; plan ${stops} charging stop(s)`,
        charging_stops_needed: stops,
        suggested_charging_stations: stations,
      };
    },
  }),

  cancel_navigation: write({
    description: "Stop route guidance and clear the destination. Returns what was cancelled.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    destructive: true,
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      check(v.navigation, `${label(v)} has no active navigation`, "conflict");
      const { navigation, ...rest } = v;
      db.vehicles.put(rest);
      return { vehicle_id: v.id, cancelled: navigation.destination_name };
    },
  }),

  get_trip_log: read({
    description:
      "The trip log, newest first: each drive's start and end, places, distance, energy used, efficiency and battery levels, with totals over all matching trips. Filter by vehicle, dates and minimum distance.",
    input: z
      .object({
        vehicle_id: ref("vehicle", "Only this vehicle; all vehicles when omitted").optional(),
        from_date: rangeStart("to_date", isoDate("Earliest day, inclusive")).optional(),
        to_date: isoDate("Latest day, inclusive").optional(),
        min_distance_km: z.number().min(0).max(10_000).optional().describe("Only trips at least this long, in km"),
        ...page,
      })
      .strict(),
    discovers: "trip",
    run: (db, a) => {
      if (a.vehicle_id) db.vehicles.need(a.vehicle_id);
      const where = (t: { vehicle_id: string; started_at: string; distance_km: number }) =>
        (!a.vehicle_id || t.vehicle_id === a.vehicle_id) &&
        (!a.from_date || t.started_at.slice(0, 10) >= a.from_date) &&
        (!a.to_date || t.started_at.slice(0, 10) <= a.to_date) &&
        (a.min_distance_km === undefined || t.distance_km >= a.min_distance_km);
      const all = db.trips.filter(where);
      const km = Math.round(all.reduce((n, t) => n + t.distance_km, 0) * 10) / 10;
      const kwh = Math.round(all.reduce((n, t) => n + t.energy_used_kwh, 0) * 100) / 100;
      return {
        ...db.trips.page(a, { where, sort: descending("started_at") }),
        total_distance_km: km,
        total_energy_kwh: kwh,
        average_efficiency_wh_per_km: km > 0 ? Math.round((kwh * 1000) / km) : 0,
      };
    },
  }),

  list_saved_destinations: read({
    description: "The user's saved navigation destinations (Home, Work, favourites) with address and coordinates, optionally by name or category.",
    input: z
      .object({
        name: z.string().trim().max(60).optional().describe("Part of the name"),
        category: z.enum(DESTINATION_CATEGORIES).optional().describe("Only destinations of this category"),
        ...page,
      })
      .strict(),
    discovers: "destination",
    run: (db, a) => db.destinations.page(a, { where: (d) => matchesText(a.name, d.name, d.address) && (!a.category || d.category === a.category) }),
  }),

  save_destination: write({
    description: `Save a navigation destination under a unique name, at given coordinates or at the vehicle's current location (use_current_location=true). At most ${MAX_SAVED_DESTINATIONS}. Returns the destination.`,
    input: z
      .object({
        name: z.string().trim().min(1).max(60).describe("Name, e.g. 'Climbing gym'"),
        category: z.enum(DESTINATION_CATEGORIES).default("other").describe("What kind of place it is (default other)"),
        address: z.string().trim().max(200).optional().describe("Street address, as the user gives it"),
        latitude: z.number().min(-90).max(90).optional().describe("Latitude in degrees"),
        longitude: z.number().min(-180).max(180).optional().describe("Longitude in degrees"),
        use_current_location: z.boolean().default(false).describe("Save where the vehicle is now"),
        vehicle_id: vehicleId(),
      })
      .strict(),
    produces: "destination",
    run: (db, a, env) => {
      const clash = db.destinations.find((d) => d.name.toLowerCase() === a.name.toLowerCase());
      check(!clash, () => `a destination named "${clash?.name}" is already saved (${clash?.id}); choose another name`, "already_exists");
      const coords = a.latitude !== undefined || a.longitude !== undefined;
      check(coords !== a.use_current_location, "give either latitude and longitude, or use_current_location=true", "invalid_argument");
      check(!coords || (a.latitude !== undefined && a.longitude !== undefined), "give both latitude and longitude", "invalid_argument");
      check(
        db.destinations.count() < MAX_SAVED_DESTINATIONS,
        `${MAX_SAVED_DESTINATIONS} destinations are saved, the most allowed; delete one with delete_saved_destination first`,
        "limit_exceeded",
      );
      const where = a.use_current_location ? target(db, a.vehicle_id).location : { lat: a.latitude as number, lon: a.longitude as number };
      const { city, km } = nearestCity(where);
      check(
        km <= 150,
        `(${where.lat}, ${where.lon}) is not near any mapped city; destinations must lie within 150 km of one (e.g. ${city.name})`,
        "invalid_argument",
      );
      return db.destinations.create({
        name: a.name,
        category: a.category,
        address: a.address ?? `near ${city.name}`,
        city: city.name,
        country: city.country,
        lat: Math.round(where.lat * 1e6) / 1e6,
        lon: Math.round(where.lon * 1e6) / 1e6,
        created_at: env.now,
      });
    },
  }),

  delete_saved_destination: write({
    description: "Delete a saved destination. A destination a vehicle is navigating to cannot be deleted until that navigation is cancelled.",
    input: z.object({ destination_id: ref("destination", "The destination to delete") }).strict(),
    destructive: true,
    run: (db, a) => {
      const d = db.destinations.need(a.destination_id);
      const using = db.vehicles.filter((v) => v.navigation?.destination_ref === d.id);
      check(
        using.length === 0,
        () => `${using.map(label).join(", ")} is navigating to "${d.name}"; cancel that navigation (cancel_navigation) before deleting it`,
      );
      db.destinations.delete(d.id);
      return { removed: d.id, name: d.name };
    },
  }),
};
