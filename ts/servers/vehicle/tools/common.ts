/** Parameters and views the vehicle tools share. */
import { ref } from "../../framework/index.ts";
import { chargeProgress, currentLevel, GEAR_NAME, rangeKm, type Garage, type Vehicle } from "../state.ts";

export const vehicleId = () => ref("vehicle", "The vehicle; the selected vehicle when omitted").optional();

/** Doors, trunk and frunk that stand open, in words. */
export function openClosures(v: Vehicle): string[] {
  const open: string[] = Object.entries(v.doors)
    .filter(([, s]) => s === "open")
    .map(([d]) => `${d.replace("_", " ")} door`);
  if (v.trunk === "open") open.push("trunk");
  if (v.frunk === "open") open.push("frunk");
  return open;
}

/** The vehicle with derived fields: current battery level and range. */
export function status(db: Garage, v: Vehicle, now: string) {
  const level = currentLevel(db, v, now);
  const session = v.charging.session_id ? db.charging_sessions.get(v.charging.session_id) : undefined;
  const full = session ? chargeProgress(v, session, now).reached_limit : false;
  return {
    ...v,
    charging: { ...v.charging, state: full ? ("complete" as const) : v.charging.state },
    battery_level_pct: level,
    range_km: rangeKm(v, level),
    gear_name: GEAR_NAME[v.gear],
    moving: v.speed_kmh > 0,
    open_closures: openClosures(v),
  };
}

/** One line per vehicle for lists. */
export function summary(db: Garage, v: Vehicle, now: string) {
  const level = currentLevel(db, v, now);
  return {
    id: v.id,
    display_name: v.display_name,
    model: v.model,
    trim: v.trim,
    year: v.year,
    color: v.color,
    vin: v.vin,
    driver: v.driver,
    selected: v.selected,
    online_state: v.online_state,
    power_state: v.power_state,
    gear: v.gear,
    speed_kmh: v.speed_kmh,
    locked: v.locked,
    battery_level_pct: level,
    range_km: rangeKm(v, level),
    charging_state: v.charging.state,
    location: v.location.place,
    navigating_to: v.navigation?.destination_name,
  };
}
