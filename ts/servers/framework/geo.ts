/** Geography shared by maps, travel, vehicle and delivery domains. */
import { CITIES, type City } from "./world.ts";

export interface LatLon {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A point `km` kilometres from `origin` on `bearingDeg` (0 = north), for seeding places around a city. */
export function offset(origin: LatLon, km: number, bearingDeg: number): LatLon {
  const rad = Math.PI / 180;
  const d = km / EARTH_RADIUS_KM;
  const brg = bearingDeg * rad;
  const lat1 = origin.lat * rad;
  const lon1 = origin.lon * rad;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(brg));
  const lon2 = lon1 + Math.atan2(Math.sin(brg) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: Math.round((lat2 / rad) * 1e6) / 1e6, lon: Math.round((lon2 / rad) * 1e6) / 1e6 };
}

/** The gazetteer city (`CITIES`) closest to a point, with its distance in km. */
export function nearestCity(p: LatLon): { city: City; km: number } {
  let best = CITIES[0] as City;
  let bestKm = Infinity;
  for (const c of CITIES) {
    const km = distanceKm(p, c);
    if (km < bestKm) {
      best = c;
      bestKm = km;
    }
  }
  return { city: best, km: bestKm };
}

/**
 * The landmass of each country of `CITIES`: places on one are joined by road (the Channel
 * Tunnel joins GB to the continent), places on two are not (Singapore and Japan stand alone).
 */
const LANDMASS: Readonly<Record<string, string>> = {
  US: "the Americas",
  CA: "the Americas",
  MX: "the Americas",
  GB: "Europe",
  FR: "Europe",
  DE: "Europe",
  NL: "Europe",
  ES: "Europe",
  JP: "Japan",
  SG: "Singapore",
  AU: "Australia",
};

/** The landmass a country (ISO code) lies on; an unknown country is a landmass of its own. */
export function landmassOf(country: string): string {
  return LANDMASS[country] ?? country;
}

/** Whether a road joins two countries (ISO codes): driving, cycling and delivery need one. */
export function joinedByRoad(a: string, b: string): boolean {
  return landmassOf(a) === landmassOf(b);
}
