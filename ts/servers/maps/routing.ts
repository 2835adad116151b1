/**
 * Locations and routes. A location is given as a place id, a saved place (id or label) or
 * coordinates "lat,lon"; a route's length is the great-circle distance stretched by a detour
 * factor per mode, its duration that length at the mode's speed (driving slowed by rush hour on
 * the session clock's wall time), and its steps are written from the streets at both ends.
 */
import { check, distanceKm, fail, hash32, joinedByRoad, nearestCity, time, type City, type Db } from "../framework/index.ts";
import { countryOf } from "./gazetteer.ts";
import { labelKey, type Place, type tables } from "./state.ts";

export type MapsDb = Db<typeof tables>;

export const MODES = ["driving", "walking", "bicycling", "transit"] as const;
export type Mode = (typeof MODES)[number];

/** The longest route walking, bicycling and transit offer, in road kilometres (driving: any on one landmass). */
export const MAX_ROUTE_KM = { walking: 50, bicycling: 200, transit: 60 } as const;

export interface Point {
  lat: number;
  lon: number;
  /** What to call it in directions: a place name, a saved label, or the coordinates. */
  name: string;
  address: string;
  place_id?: string;
  /** The street it lies on, when known ("Market Street"). */
  street?: string;
  city: City;
}

const COORDS = /^\s*(-?\d{1,3}(?:\.\d{1,12})?)\s*,\s*(-?\d{1,3}(?:\.\d{1,12})?)\s*$/;

/** Fails unless the coordinates lie on the globe. */
export function checkCoordinates(lat: number, lon: number): void {
  check(Number.isFinite(lat) && lat >= -90 && lat <= 90, `latitude ${lat} is out of range: latitudes lie between -90 and 90`, "invalid_argument");
  check(Number.isFinite(lon) && lon >= -180 && lon <= 180, `longitude ${lon} is out of range: longitudes lie between -180 and 180`, "invalid_argument");
}

export function streetOf(line: string): string {
  return line.replace(/^\d+[A-Za-z]?\s+/, "").replace(/\s+\d+[A-Za-z]?$/, "");
}

export function pointOfPlace(p: Place): Point {
  const { city } = nearestCity(p);
  return {
    lat: p.lat,
    lon: p.lon,
    name: p.category === "street_address" ? p.formatted_address : p.name,
    address: p.formatted_address,
    place_id: p.id,
    street: streetOf(p.address.street),
    city,
  };
}

export function pointOfCoordinates(lat: number, lon: number): Point {
  checkCoordinates(lat, lon);
  const label = `${lat},${lon}`;
  return { lat, lon, name: label, address: label, city: nearestCity({ lat, lon }).city };
}

/** Resolves a place id, a saved place id or label, or "lat,lon". */
export function resolveLocation(db: MapsDb, raw: string, role: string): Point {
  const value = raw.trim();
  const m = COORDS.exec(value);
  if (m) return pointOfCoordinates(Number(m[1]), Number(m[2]));
  const place = db.places.get(value) ?? db.places.get(value.toUpperCase());
  if (place) return pointOfPlace(place);
  const saved = db.saved_places.get(value.toUpperCase()) ?? db.saved_places.find((s) => labelKey(s.label) === labelKey(value));
  if (saved) {
    const base = saved.place_id ? db.places.get(saved.place_id) : undefined;
    const point = base ? pointOfPlace(base) : pointOfCoordinates(saved.lat, saved.lon);
    return { ...point, name: `${saved.label} (${saved.address})` };
  }
  const labels = db.saved_places
    .all()
    .map((s) => `"${s.label}"`)
    .slice(0, 8)
    .join(", ");
  fail(
    `${role} "${value.slice(0, 60)}" is not a place id, a saved place or coordinates: pass a place id such as 'PL-10042' (find one with search_places or geocode_address), ` +
      `a saved place label${labels ? ` (${labels})` : ""}, or coordinates as 'lat,lon' such as '48.8584,2.2945'`,
    "not_found",
  );
}

const COMPASS = ["north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest"] as const;

export function bearingWord(a: { lat: number; lon: number }, b: { lat: number; lon: number }): string {
  const rad = Math.PI / 180;
  const y = Math.sin((b.lon - a.lon) * rad) * Math.cos(b.lat * rad);
  const x = Math.cos(a.lat * rad) * Math.sin(b.lat * rad) - Math.sin(a.lat * rad) * Math.cos(b.lat * rad) * Math.cos((b.lon - a.lon) * rad);
  const deg = (Math.atan2(y, x) / rad + 360) % 360;
  return COMPASS[Math.round(deg / 45) % 8] as string;
}

/**
 * Rush hour slows city driving; the night speeds it up. `wallClock` is the local time where the
 * trip starts, written as an instant ("…T08:00:00Z" is 08:00 there; see `wallClockAt`).
 */
export function trafficFactor(wallClock: string): number {
  const hour = Number(wallClock.slice(11, 13));
  const weekday = !time.isWeekend(wallClock);
  if (weekday && ((hour >= 7 && hour < 10) || (hour >= 16 && hour < 19))) return 1.35;
  if (hour >= 22 || hour < 5) return 0.85;
  return 1;
}

export interface Step {
  instruction: string;
  distance_km: number;
  duration_minutes: number;
}

export interface Route {
  distance_km: number;
  duration_minutes: number;
  /** Driving only: the duration without traffic. */
  duration_without_traffic_minutes?: number;
  summary: string;
  steps: Step[];
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** Why no route of this mode joins a and b, or undefined when one does. */
export function noRouteReason(a: Point, b: Point, mode: Mode): string | undefined {
  const straight = distanceKm(a, b);
  const ca = countryOf(a.city.country);
  const cb = countryOf(b.city.country);
  const byRoad = joinedByRoad(a.city.country, b.city.country);
  if (mode !== "walking" && !byRoad) {
    const why =
      ca.continent !== cb.continent
        ? `they are on different continents (${ca.continent} and ${cb.continent})`
        : `no road crosses the sea between ${ca.name} and ${cb.name}`;
    return `no ${mode} route between ${a.city.name} and ${b.city.name}: ${why}, ${Math.round(straight).toLocaleString("en-US")} km apart; fly instead (travel_booking's search_flights)`;
  }
  const road = roadKm(straight, mode);
  if (mode === "walking" && (road > MAX_ROUTE_KM.walking || !byRoad)) {
    return `walking route would be ${r1(road).toLocaleString("en-US")} km, over the ${MAX_ROUTE_KM.walking} km walking limit; use bicycling, transit or driving`;
  }
  if (mode === "bicycling" && road > MAX_ROUTE_KM.bicycling) {
    return `bicycling route would be ${r1(road).toLocaleString("en-US")} km, over the ${MAX_ROUTE_KM.bicycling} km bicycling limit; use driving`;
  }
  if (mode === "transit" && road > MAX_ROUTE_KM.transit) {
    return `transit directions cover trips within one metro area (up to ${MAX_ROUTE_KM.transit} km); this trip is ${r1(road).toLocaleString("en-US")} km — use driving, or fly between cities`;
  }
  return undefined;
}

export function roadKm(straightKm: number, mode: Mode): number {
  const factor = mode === "driving" ? (straightKm < 40 ? 1.35 : 1.2) : mode === "transit" ? 1.3 : 1.25;
  return Math.max(0.05, straightKm * factor);
}

/** The local time in `city` at `instant`, written as an instant: 13:00Z in Atlanta in November is "…T08:00:00Z". */
export function wallClockAt(instant: string, city: City): string {
  return `${time.localDateTime(city.timezone, time.toMs(instant))}:00Z`;
}

/** Minutes a trip of `road` km takes by `mode`, departing at `wallClock` (the local time where it starts, see `wallClockAt`). */
export function durationMinutes(road: number, mode: Mode, wallClock: string): { minutes: number; freeFlow: number } {
  switch (mode) {
    case "walking":
      return { minutes: Math.max(1, Math.round((road / 5) * 60)), freeFlow: Math.max(1, Math.round((road / 5) * 60)) };
    case "bicycling":
      return { minutes: Math.max(1, Math.round((road / 16) * 60)), freeFlow: Math.max(1, Math.round((road / 16) * 60)) };
    case "transit":
      return { minutes: Math.round(8 + (road / 24) * 60), freeFlow: Math.round(8 + (road / 24) * 60) };
    case "driving": {
      const city = Math.min(road, 12);
      const highway = road - city;
      const free = (city / 28) * 60 + (highway / 88) * 60 + 2;
      const slow = (city / 28) * 60 * trafficFactor(wallClock) + (highway / 88) * 60 + 2;
      return { minutes: Math.max(1, Math.round(slow)), freeFlow: Math.max(1, Math.round(free)) };
    }
  }
}

/** The route, or a failed_precondition naming why there is none. */
export function route(a: Point, b: Point, mode: Mode, departure: string): Route {
  const why = noRouteReason(a, b, mode);
  if (why) fail(why);
  return planRoute(a, b, mode, departure);
}

export function planRoute(a: Point, b: Point, mode: Mode, departure: string): Route {
  const straight = distanceKm(a, b);
  const road = roadKm(straight, mode);
  // Traffic is read on the origin's clock: 08:00 in Atlanta is its rush hour, whatever UTC says.
  const { minutes, freeFlow } = durationMinutes(road, mode, wallClockAt(departure, a.city));
  const streets = countryOf(b.city.country).streets;
  const h = hash32(`${a.name}|${b.name}|${mode}`);
  const via1 = streets[h % streets.length] as string;
  const via2 = streets[(h >>> 8) % streets.length] as string;
  const turn = (k: number) => ((h >>> k) & 1 ? "left" : "right");
  const dir = bearingWord(a, b);
  const from = a.street ? `on ${a.street}` : "";
  const arrive = `Arrive at ${b.name}${b.street ? `, on the ${turn(3)} of ${b.street}` : ""}`;
  let plan: Array<[string, number]>;
  if (mode === "transit") {
    plan = [
      [`Walk ${dir} ${from} to the ${via1} stop`.replace(/\s+/g, " "), 0.06],
      [`Take line ${1 + (h % 9)} toward ${via2} for ${Math.max(1, Math.round(road / 1.1))} stops`, 0.88],
      [`Walk to ${b.name}`, 0.06],
    ];
  } else if (mode === "driving" && straight >= 40) {
    plan = [
      [`Head ${dir} ${from}`.trim(), 0.02],
      [`Merge onto the highway toward ${b.city.name}`, 0.05],
      [`Continue on the highway for ${Math.round(road * 0.88)} km`, 0.88],
      [`Take the exit toward ${b.city.name} centre and continue on ${via1}`, 0.04],
      [arrive, 0.01],
    ];
  } else {
    plan = [
      [`Head ${dir} ${from}`.trim(), 0.15],
      [`Turn ${turn(1)} onto ${via1}`, 0.45],
      ...(road > 1 && via2 !== via1 ? ([[`Turn ${turn(2)} onto ${via2}`, 0.3]] as Array<[string, number]>) : []),
      [arrive, road > 1 && via2 !== via1 ? 0.1 : 0.4],
    ];
  }
  const steps: Step[] = [];
  let kmLeft = r1(road);
  let minLeft = minutes;
  plan.forEach(([instruction, share], i) => {
    const last = i === plan.length - 1;
    const d = last ? r1(kmLeft) : r1(road * share);
    const t = last ? minLeft : Math.round(minutes * share);
    kmLeft -= d;
    minLeft -= t;
    steps.push({ instruction, distance_km: Math.max(0, r1(d)), duration_minutes: Math.max(0, t) });
  });
  const summary = mode === "driving" && straight >= 40 ? `via the highway to ${b.city.name}` : mode === "transit" ? `line ${1 + (h % 9)}` : `via ${via1}`;
  return {
    distance_km: r1(road),
    duration_minutes: minutes,
    ...(mode === "driving" ? { duration_without_traffic_minutes: freeFlow } : {}),
    summary,
    steps,
  };
}

export function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h >= 24) return `${Math.floor(h / 24)} d ${h % 24} h`;
  return m ? `${h} h ${m} min` : `${h} h`;
}
