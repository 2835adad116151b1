/**
 * Vehicle state, shaped after a car maker's fleet / vehicle-command API (Tesla Fleet API
 * style): the user's household owns a small fleet of electric cars from one maker, one of them
 * selected as the default target of commands. Each vehicle carries its full live state —
 * online/asleep, power state (off, accessory, on), gear (P, R, N, D) and speed, central lock,
 * doors, trunk and frunk, windows (0 closed - 100 open), climate (zone temperatures, fan, seat
 * heaters, defrost), lights, battery and charging, tyre pressures with the recommended values,
 * odometer, location and the active navigation route. Around them: the trip log, charging
 * sessions, public charging stations, saved destinations and service reminders.
 *
 * The rules shared by several tools live here: which vehicle a call targets, that an asleep car
 * must be woken first, what "moving" means, the range a battery gives, and the energy a
 * charging session has added by a given instant.
 */
import { check, distanceKm, fail, roundMoney, table, time, toolkit, z, type CallEnv, type Db } from "../framework/index.ts";

export const GEARS = ["P", "R", "N", "D"] as const;
export type Gear = (typeof GEARS)[number];
export const GEAR_NAME: Record<Gear, string> = { P: "park", R: "reverse", N: "neutral", D: "drive" };
/** A car's four windows, named by the door they sit in. */
export const WINDOWS = ["front_left", "front_right", "rear_left", "rear_right"] as const;
export const SEATS = ["driver", "passenger", "rear_left", "rear_center", "rear_right"] as const;

export const CLIMATE_MIN_C = 16;
export const CLIMATE_MAX_C = 28;
export const CHARGE_LIMIT_MIN = 50;
export const CHARGE_LIMIT_MAX = 100;
/** Doors open and the trunk opens only at or below this speed. */
export const SAFE_SPEED_KMH = 5;
/** Below this charge, climate runs only when plugged in. */
export const CLIMATE_MIN_BATTERY = 10;
/** Home electricity price per kWh, USD. */
export const HOME_PRICE_PER_KWH = 0.31;

const Open = z.enum(["open", "closed"]);
const Tyre = z.object({ pressure_bar: z.number().min(0), recommended_bar: z.number().positive() });

export const Navigation = z.object({
  destination_name: z.string(),
  destination_kind: z.enum(["saved", "charging_station", "city"]),
  destination_ref: z.string().optional(),
  lat: z.number(),
  lon: z.number(),
  distance_km: z.number().min(0),
  duration_minutes: z.number().int().min(0),
  eta: z.string(),
  energy_needed_kwh: z.number().min(0),
  arrival_battery_pct: z.number(),
  started_at: z.string(),
});
export type Navigation = z.output<typeof Navigation>;

export const Vehicle = z.object({
  id: z.string(),
  vin: z.string().regex(/^[A-HJ-NPR-Z0-9]{17}$/),
  display_name: z.string(),
  model: z.string(),
  trim: z.enum(["Standard", "Long Range", "Performance"]),
  year: z.number().int(),
  color: z.string(),
  /** Who usually drives it. */
  driver: z.string(),
  selected: z.boolean(),
  online_state: z.enum(["online", "asleep"]),
  power_state: z.enum(["off", "accessory", "on"]),
  gear: z.enum(GEARS),
  speed_kmh: z.number().min(0),
  locked: z.boolean(),
  doors: z.object({ front_left: Open, front_right: Open, rear_left: Open, rear_right: Open }),
  trunk: Open,
  frunk: Open,
  /** Window positions, 0 closed - 100 fully open. */
  windows: z.object({
    front_left: z.number().int().min(0).max(100),
    front_right: z.number().int().min(0).max(100),
    rear_left: z.number().int().min(0).max(100),
    rear_right: z.number().int().min(0).max(100),
  }),
  climate: z.object({
    on: z.boolean(),
    driver_temp_c: z.number(),
    passenger_temp_c: z.number(),
    rear_temp_c: z.number(),
    fan_speed: z.number().int().min(0).max(10),
    front_defrost: z.boolean(),
    rear_defrost: z.boolean(),
    seat_heaters: z.object({
      driver: z.number().int(),
      passenger: z.number().int(),
      rear_left: z.number().int(),
      rear_center: z.number().int(),
      rear_right: z.number().int(),
    }),
    has_rear_seat_heaters: z.boolean(),
    inside_temp_c: z.number(),
    outside_temp_c: z.number(),
  }),
  headlights: z.enum(["off", "auto", "on"]),
  fog_lights: z.boolean(),
  battery_level_pct: z.number().min(0).max(100),
  battery_capacity_kwh: z.number().positive(),
  /** Consumption in Wh per km, used for range and trip energy. */
  efficiency_wh_per_km: z.number().positive(),
  charging: z.object({
    plugged_in: z.boolean(),
    state: z.enum(["disconnected", "stopped", "charging", "complete"]),
    limit_pct: z.number().int().min(CHARGE_LIMIT_MIN).max(CHARGE_LIMIT_MAX),
    /** Power of the connected charger, kW (0 when unplugged). */
    charger_power_kw: z.number().min(0),
    /** The charging session in progress. */
    session_id: z.string().optional(),
    /** Where the cable is plugged in: "Home" or a charging station id. */
    location: z.string().optional(),
  }),
  tires: z.object({ front_left: Tyre, front_right: Tyre, rear_left: Tyre, rear_right: Tyre }),
  odometer_km: z.number().min(0),
  location: z.object({ lat: z.number(), lon: z.number(), place: z.string() }),
  /** Country the car is in, for road reachability. */
  country: z.string(),
  navigation: Navigation.optional(),
  software_version: z.string(),
  last_remote_command: z.object({ command: z.string(), at: z.string() }).optional(),
});
export type Vehicle = z.output<typeof Vehicle>;

export const Trip = z.object({
  id: z.string(),
  vehicle_id: z.string(),
  started_at: z.string(),
  ended_at: z.string(),
  from_place: z.string(),
  to_place: z.string(),
  distance_km: z.number().min(0),
  energy_used_kwh: z.number().min(0),
  efficiency_wh_per_km: z.number().min(0),
  avg_speed_kmh: z.number().min(0),
  start_battery_pct: z.number(),
  end_battery_pct: z.number(),
  odometer_start_km: z.number(),
  odometer_end_km: z.number(),
});
export type Trip = z.output<typeof Trip>;

export const ChargingSession = z.object({
  id: z.string(),
  vehicle_id: z.string(),
  /** "Home" or the station's name. */
  location: z.string(),
  charging_station_id: z.string().optional(),
  started_at: z.string(),
  ended_at: z.string().optional(),
  status: z.enum(["in_progress", "completed"]),
  start_battery_pct: z.number(),
  end_battery_pct: z.number().optional(),
  energy_added_kwh: z.number().min(0),
  power_kw: z.number().positive(),
  price_per_kwh: z.number().min(0),
  cost: z.number().min(0),
});
export type ChargingSession = z.output<typeof ChargingSession>;

export const ChargingStation = z.object({
  id: z.string(),
  name: z.string(),
  network: z.string(),
  city: z.string(),
  country: z.string(),
  lat: z.number(),
  lon: z.number(),
  max_power_kw: z.number().positive(),
  stalls: z.number().int().positive(),
  available_stalls: z.number().int().min(0),
  price_per_kwh: z.number().positive(),
  open_24h: z.boolean(),
});
export type ChargingStation = z.output<typeof ChargingStation>;

export const DESTINATION_CATEGORIES = ["home", "work", "shopping", "fitness", "school", "food", "family", "travel", "other"] as const;
export const Destination = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(DESTINATION_CATEGORIES),
  address: z.string(),
  city: z.string(),
  country: z.string(),
  lat: z.number(),
  lon: z.number(),
  created_at: z.string(),
});
export type Destination = z.output<typeof Destination>;

export const SERVICE_KINDS = ["tire_rotation", "cabin_air_filter", "brake_fluid_test", "wiper_blades", "annual_inspection", "ac_desiccant_bag"] as const;
export const ServiceReminder = z.object({
  id: z.string(),
  vehicle_id: z.string(),
  kind: z.enum(SERVICE_KINDS),
  title: z.string(),
  interval_km: z.number().int().positive().optional(),
  interval_days: z.number().int().positive().optional(),
  due_odometer_km: z.number().optional(),
  due_date: z.string().optional(),
  completed_on: z.string().optional(),
  completed_odometer_km: z.number().optional(),
  created_at: z.string(),
});
export type ServiceReminder = z.output<typeof ServiceReminder>;

export const tables = {
  vehicles: table("vehicle", Vehicle, { idPrefix: "VEH-", describe: (v) => `the ${v.color} ${v.model} "${v.display_name}"` }),
  trips: table("trip", Trip, {
    idPrefix: "TRIP-",
    idDigits: 5,
    describe: (t) => `the ${t.distance_km.toFixed(1)} km trip from ${t.from_place} to ${t.to_place} on ${t.started_at.slice(0, 10)}`,
  }),
  charging_sessions: table("charging_session", ChargingSession, {
    idPrefix: "CHS-",
    describe: (c) => `the charging session at ${c.location} on ${c.started_at.slice(0, 10)}`,
  }),
  charging_stations: table("charging_station", ChargingStation, {
    idPrefix: "CHG-",
    idDigits: 3,
    describe: (s) => `the ${s.max_power_kw} kW charging station "${s.name}" in ${s.city}`,
  }),
  destinations: table("destination", Destination, { idPrefix: "DEST-", idDigits: 3, describe: (d) => `the saved destination "${d.name}"` }),
  service_reminders: table("service_reminder", ServiceReminder, { idPrefix: "SVC-", idDigits: 3, describe: (r) => `the "${r.title}" service reminder` }),
};

export const { read, write } = toolkit(tables);
export type Garage = Db<typeof tables>;

// ---------------------------------------------------------------------------------------------
// Shared rules

export const label = (v: Vehicle) => `${v.id} ("${v.display_name}")`;

/** The vehicle a call targets: the one named, else the selected one. */
export function target(db: Garage, vehicleId: string | undefined): Vehicle {
  if (vehicleId !== undefined) return db.vehicles.need(vehicleId);
  const v = db.vehicles.find((x) => x.selected);
  if (!v) fail("no vehicle is selected; pass vehicle_id or choose one with select_vehicle (list_vehicles shows them)");
  return v;
}

/** Commands reach only an awake vehicle. */
export function awake(v: Vehicle): void {
  check(v.online_state === "online", `${label(v)} is asleep and does not take commands; wake it with wake_vehicle first`);
}

/** Target + awake: what every command starts with. */
export function commandTarget(db: Garage, vehicleId: string | undefined): Vehicle {
  const v = target(db, vehicleId);
  awake(v);
  return v;
}

/** Doors, trunk and frunk open only at walking pace or below. */
export function slowEnough(v: Vehicle, action: string): void {
  check(
    v.speed_kmh <= SAFE_SPEED_KMH,
    `${label(v)} is driving at ${v.speed_kmh} km/h in ${GEAR_NAME[v.gear]}; it cannot ${action} above ${SAFE_SPEED_KMH} km/h: the car must slow down to ${SAFE_SPEED_KMH} km/h or less, or park`,
  );
}

/** The power comes on only with charge in the battery. */
export function checkCanStart(v: Vehicle): void {
  check(v.power_state !== "on", `${label(v)} is already on`, "conflict");
  check(v.battery_level_pct > 0, `${label(v)} has an empty battery (0 %); charge it before switching it on`);
}

/** Charging needs the cable plugged in and the car in park. */
export function checkCanCharge(v: Vehicle): void {
  check(v.charging.plugged_in, `${label(v)} is not plugged in; connect the charge cable first (find_charging_stations lists public chargers)`);
  check(v.gear === "P" && v.speed_kmh === 0, `${label(v)} is in ${GEAR_NAME[v.gear]} at ${v.speed_kmh} km/h; charging only works in park`);
}

/** Climate draws on the battery: below 10 % it runs only while plugged in. */
export function checkClimateBattery(v: Vehicle, levelPct: number): void {
  check(
    levelPct >= CLIMATE_MIN_BATTERY || v.charging.plugged_in,
    `${label(v)} is at ${levelPct} % battery; climate needs at least ${CLIMATE_MIN_BATTERY} % unless the car is plugged in: charge it first`,
  );
}

/** Range in km at a battery level. */
export function rangeKm(v: Vehicle, levelPct = v.battery_level_pct): number {
  return Math.round(((levelPct / 100) * v.battery_capacity_kwh * 1000) / v.efficiency_wh_per_km);
}

/** A charging session's progress at `now`: energy added and the battery level reached (stops at the limit). */
export function chargeProgress(v: Vehicle, s: ChargingSession, now: string): { energy_kwh: number; level_pct: number; reached_limit: boolean } {
  const minutes = Math.max(0, time.minutesBetween(s.started_at, now));
  const room = Math.max(0, ((v.charging.limit_pct - s.start_battery_pct) / 100) * v.battery_capacity_kwh);
  const energy = Math.min(room, (s.power_kw * minutes) / 60);
  const level = s.start_battery_pct + (energy / v.battery_capacity_kwh) * 100;
  return { energy_kwh: Math.round(energy * 100) / 100, level_pct: Math.round(level * 10) / 10, reached_limit: energy >= room - 1e-9 };
}

/** The battery level now, counting a session in progress. */
export function currentLevel(db: Garage, v: Vehicle, now: string): number {
  if (v.charging.state !== "charging" || !v.charging.session_id) return v.battery_level_pct;
  const s = db.charging_sessions.get(v.charging.session_id);
  return s ? chargeProgress(v, s, now).level_pct : v.battery_level_pct;
}

/** Ends the session in progress at `now`, writing the added energy to the session and the car. */
export function finishSession(db: Garage, v: Vehicle, env: CallEnv, state: "stopped" | "complete"): { vehicle: Vehicle; session: ChargingSession } {
  const s = db.charging_sessions.need(v.charging.session_id as string);
  const p = chargeProgress(v, s, env.now);
  const session = db.charging_sessions.update(s.id, {
    status: "completed",
    ended_at: env.now,
    end_battery_pct: p.level_pct,
    energy_added_kwh: p.energy_kwh,
    cost: roundMoney(p.energy_kwh * s.price_per_kwh),
  });
  const { session_id: _done, ...charging } = v.charging;
  const vehicle = db.vehicles.update(v.id, { battery_level_pct: p.level_pct, charging: { ...charging, state } });
  return { vehicle, session };
}

/**
 * Road distance and driving time between two points as the car's navigation estimates them
 * (straight line × 1.25, speed by length). Maps' get_directions has its own, finer model (city
 * streets, highways, rush hour); which countries a road joins is shared (`joinedByRoad`).
 */
export function route(from: { lat: number; lon: number }, to: { lat: number; lon: number }): { distance_km: number; duration_minutes: number } {
  const km = Math.round(distanceKm(from, to) * 1.25 * 10) / 10;
  const speed = km <= 30 ? 35 : km <= 150 ? 70 : 95;
  return { distance_km: km, duration_minutes: Math.max(1, Math.round((km / speed) * 60)) };
}
