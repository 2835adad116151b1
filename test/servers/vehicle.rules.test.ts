/**
 * The vehicle domain's rules at their boundaries, with the expected values written out: the
 * walking-pace limit for doors (5 km/h), the climate battery floor (10 %), the charge limit and
 * what a session adds minute by minute, the range a battery gives, the navigation's speed bands
 * (35 km/h up to 30 km, 70 up to 150, 95 beyond), the 10 % arrival reserve, the tyre pressure
 * bands (0.3 bar under, 0.4 bar over) and the service reminders' due-soon window (30 days or
 * 1,000 km).
 *
 * Seed 7: VEH-1001 "Road Runner" (selected, at home, plugged into an 11 kW wallbox, 75 kWh,
 * 150 Wh/km, limit 80 %), VEH-1002 "Nimbus" (driving at 57 km/h in D, 95 kWh, 185 Wh/km),
 * VEH-1003 "Sparky" (asleep at the airport, Standard trim, no rear seat heaters). The session's
 * clock starts at 2026-11-09T09:00:00Z and ticks one minute per successful write.
 */
import { describe, expect, it } from "vitest";
import vehicle from "../../ts/servers/vehicle/index.ts";
import {
  chargeProgress,
  checkCanCharge,
  checkCanStart,
  checkClimateBattery,
  rangeKm,
  route,
  slowEnough,
  tables,
  Vehicle as VehicleSchema,
  type ChargingSession,
  type ServiceReminder,
  type Trip,
  type Vehicle,
} from "../../ts/servers/vehicle/state.ts";
import { reminderStatus } from "../../ts/servers/vehicle/tools/service.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const SEED = 7;
const MINE = "VEH-1001";
const DRIVING = "VEH-1002";
const ASLEEP = "VEH-1003";
const MINE_LABEL = 'VEH-1001 \\("Road Runner"\\)';

const session = () => openSession(vehicle, SEED);
const car = (s: TestSession, id: string) => s.row<Vehicle>("vehicles", id);

/** Changes a car behind the tools' back, to reach a boundary no tool sets directly. */
function tweak(s: TestSession, id: string, change: (v: Vehicle) => Partial<Vehicle>) {
  s.edit(vehicle, (db) => {
    const v = db.vehicles.need(id) as Vehicle;
    db.vehicles.update(id, change(v));
  });
}

const mine = car(session(), MINE);
/** A charging session on the user's car: 7.5 kW from 50 % (limit 80 %, 75 kWh: 22.5 kWh of room, 3 hours). */
const slowSession: ChargingSession = {
  id: "CHS-TEST",
  vehicle_id: MINE,
  location: "Home",
  started_at: "2026-11-09T09:00:00Z",
  status: "in_progress",
  start_battery_pct: 50,
  energy_added_kwh: 0,
  power_kw: 7.5,
  price_per_kwh: 0.31,
  cost: 0,
};

describe("vehicle rules: shared checks on a car", () => {
  it("doors open at exactly 5 km/h and are refused at 5.5 km/h, naming the speed, the gear and the limit", () => {
    expect(() => slowEnough({ ...mine, gear: "D", speed_kmh: 5 }, "open the trunk")).not.toThrow();
    expect(() => slowEnough({ ...mine, gear: "D", speed_kmh: 5.5 }, "open the trunk")).toThrow(
      'VEH-1001 ("Road Runner") is driving at 5.5 km/h in drive; it cannot open the trunk above 5 km/h: the car must slow down to 5 km/h or less, or park',
    );
  });

  it("a car that is on cannot be started again (conflict); any charge above 0 % lets it start", () => {
    let err: { code?: string; message?: string } = {};
    try {
      checkCanStart({ ...mine, power_state: "on" });
    } catch (e) {
      err = e as typeof err;
    }
    expect(err).toMatchObject({ code: "conflict", message: 'VEH-1001 ("Road Runner") is already on' });
    expect(() => checkCanStart({ ...mine, power_state: "accessory", battery_level_pct: 0.1 })).not.toThrow();
    expect(() => checkCanStart({ ...mine, battery_level_pct: 0 })).toThrow(
      'VEH-1001 ("Road Runner") has an empty battery (0 %); charge it before switching it on',
    );
  });

  it("charging needs gear P and a standstill: park at 1 km/h and drive at 0 km/h are both refused", () => {
    expect(() => checkCanCharge({ ...mine, gear: "P", speed_kmh: 1 })).toThrow('VEH-1001 ("Road Runner") is in park at 1 km/h; charging only works in park');
    expect(() => checkCanCharge({ ...mine, gear: "D", speed_kmh: 0 })).toThrow('VEH-1001 ("Road Runner") is in drive at 0 km/h; charging only works in park');
    expect(() => checkCanCharge({ ...mine, charging: { ...mine.charging, plugged_in: false } })).toThrow(
      'VEH-1001 ("Road Runner") is not plugged in; connect the charge cable first (find_charging_stations lists public chargers)',
    );
  });

  it("climate runs from 10 % battery; at 9.9 % only when plugged in", () => {
    const unplugged = { ...mine, charging: { ...mine.charging, plugged_in: false } };
    expect(() => checkClimateBattery(unplugged, 10)).not.toThrow();
    expect(() => checkClimateBattery(unplugged, 9.9)).toThrow(
      'VEH-1001 ("Road Runner") is at 9.9 % battery; climate needs at least 10 % unless the car is plugged in: charge it first',
    );
    expect(() => checkClimateBattery(mine, 0)).not.toThrow();
  });

  it("range is capacity × level ÷ consumption: 75 kWh at 150 Wh/km gives 500 km full, 400 at 80 %, 50 at 10 %; 95 kWh at 185 Wh/km gives 411 km at 80 %", () => {
    expect(rangeKm(mine, 100)).toBe(500);
    expect(rangeKm(mine, 80)).toBe(400);
    expect(rangeKm(mine, 10)).toBe(50);
    expect(rangeKm(mine, 0)).toBe(0);
    expect(rangeKm({ ...mine, battery_level_pct: 60 })).toBe(300);
    const big = { ...mine, battery_capacity_kwh: 95, efficiency_wh_per_km: 185 };
    expect(rangeKm(big, 80)).toBe(411);
    expect(rangeKm(big, 50)).toBe(257);
  });

  it("a VIN is exactly 17 characters of digits and capitals without I, O or Q", () => {
    expect(VehicleSchema.safeParse(mine).success).toBe(true);
    expect(VehicleSchema.safeParse({ ...mine, vin: "7VMA01RHD502G68WY" }).success).toBe(true);
    expect(VehicleSchema.safeParse({ ...mine, vin: "X7VMA01RHD502G68WY" }).success).toBe(false);
    expect(VehicleSchema.safeParse({ ...mine, vin: "7VMA01RHD502G68WYX" }).success).toBe(false);
    expect(VehicleSchema.safeParse({ ...mine, vin: "7VMA01RHD502G68WO" }).success).toBe(false);
  });

  it("a command without vehicle_id goes to the selected car; with none selected it is refused and says how to choose", () => {
    const s = session();
    tweak(s, MINE, () => ({ selected: false }));
    s.fails(
      "get_vehicle_status",
      {},
      "failed_precondition",
      /^no vehicle is selected; pass vehicle_id or choose one with select_vehicle \(list_vehicles shows them\)$/,
    );
    expect(s.ok("get_vehicle_status", { vehicle_id: DRIVING }).id).toBe(DRIVING);
  });
});

describe("vehicle rules: a charging session minute by minute (7.5 kW from 50 % to an 80 % limit on 75 kWh)", () => {
  const at = (minutes: number) => new Date(Date.parse("2026-11-09T09:00:00Z") + minutes * 60_000).toISOString().replace(".000", "");

  it("adds nothing before it starts and 7.5 kWh (10 points) per hour", () => {
    expect(chargeProgress(mine, slowSession, at(-1))).toEqual({ energy_kwh: 0, level_pct: 50, reached_limit: false });
    expect(chargeProgress(mine, slowSession, at(0))).toEqual({ energy_kwh: 0, level_pct: 50, reached_limit: false });
    expect(chargeProgress(mine, slowSession, at(60))).toEqual({ energy_kwh: 7.5, level_pct: 60, reached_limit: false });
  });

  it("one minute short of 3 hours it is at 79.8 %; at 3 hours it reaches the limit and stops there", () => {
    expect(chargeProgress(mine, slowSession, at(179))).toEqual({ energy_kwh: 22.38, level_pct: 79.8, reached_limit: false });
    expect(chargeProgress(mine, slowSession, at(180))).toEqual({ energy_kwh: 22.5, level_pct: 80, reached_limit: true });
    expect(chargeProgress(mine, slowSession, at(240))).toEqual({ energy_kwh: 22.5, level_pct: 80, reached_limit: true });
  });

  it("a session that starts above the limit adds nothing and counts as complete", () => {
    expect(chargeProgress(mine, { ...slowSession, start_battery_pct: 85 }, at(30))).toEqual({ energy_kwh: 0, level_pct: 85, reached_limit: true });
  });
});

describe("vehicle rules: the navigation's road estimate (straight line × 1.25)", () => {
  /** A point `km` north of the equator on the prime meridian (a degree of latitude is 111.19508 km here). */
  const north = (km: number) => ({ lat: km / 111.19508, lon: 0 });
  const origin = { lat: 0, lon: 0 };

  it("up to 30 km of road at 35 km/h: 30 km take 51 minutes; 30.1 km are at 70 km/h, 26 minutes", () => {
    expect(route(origin, north(24))).toEqual({ distance_km: 30, duration_minutes: 51 });
    expect(route(origin, north(24.08))).toEqual({ distance_km: 30.1, duration_minutes: 26 });
  });

  it("up to 150 km at 70 km/h: 150 km take 129 minutes; 150.1 km are at 95 km/h, 95 minutes", () => {
    expect(route(origin, north(120))).toEqual({ distance_km: 150, duration_minutes: 129 });
    expect(route(origin, north(120.08))).toEqual({ distance_km: 150.1, duration_minutes: 95 });
    expect(route(origin, north(400))).toEqual({ distance_km: 500, duration_minutes: 316 });
  });

  it("a route takes at least one minute, even of zero length", () => {
    expect(route(origin, origin)).toEqual({ distance_km: 0, duration_minutes: 1 });
    expect(route(origin, north(0.16))).toEqual({ distance_km: 0.2, duration_minutes: 1 });
  });
});

describe("vehicle rules: battery status and charging", () => {
  it("at 60 % on the 11 kW wallbox: 300 km of range, 15 kWh to the 80 % limit, 82 minutes", () => {
    const s = session();
    tweak(s, MINE, () => ({ battery_level_pct: 60 }));
    expect(s.ok("get_battery_status", {})).toEqual({
      vehicle_id: MINE,
      battery_level_pct: 60,
      range_km: 300,
      range_at_limit_km: 400,
      battery_capacity_kwh: 75,
      charge_limit_pct: 80,
      plugged_in: true,
      charging_state: "stopped",
      charger_power_kw: 11,
      energy_to_limit_kwh: 15,
      minutes_to_limit: 82,
    });
  });

  it("above the limit nothing is left to charge: 0 kWh and 0 minutes, never negative", () => {
    const s = session();
    tweak(s, MINE, () => ({ battery_level_pct: 85 }));
    expect(s.ok("get_battery_status", {})).toMatchObject({ battery_level_pct: 85, range_km: 425, energy_to_limit_kwh: 0, minutes_to_limit: 0 });
  });

  it("the time to the limit is given only when plugged into a charger that gives power", () => {
    const s = session();
    tweak(s, MINE, (v) => ({ charging: { ...v.charging, charger_power_kw: 0 } }));
    expect(s.ok("get_battery_status", {})).not.toHaveProperty("minutes_to_limit");
    expect(s.ok("get_battery_status", { vehicle_id: DRIVING })).not.toHaveProperty("minutes_to_limit");
    expect(s.ok("get_battery_status", { vehicle_id: DRIVING })).not.toHaveProperty("session_id");
  });

  it("while charging the status counts the session: 11 kW for 6 minutes from 60 % adds 1.1 kWh, 61.5 %", () => {
    const s = session();
    tweak(s, MINE, () => ({ battery_level_pct: 60 }));
    const started = s.ok("start_charging", {});
    expect(started).toMatchObject({ start_battery_pct: 60, price_per_kwh: 0.31, charge_limit_pct: 80, minutes_to_limit: 82 });
    s.advance(5 * 60_000);
    expect(s.ok("get_battery_status", {})).toMatchObject({
      battery_level_pct: 61.5,
      range_km: 308,
      charging_state: "charging",
      session_id: started.id,
      energy_added_kwh: 1.1,
      energy_to_limit_kwh: 13.88,
      minutes_to_limit: 76,
    });
    expect(s.ok("list_vehicles", {}).items[0]).toMatchObject({ battery_level_pct: 61.5, range_km: 308, charging_state: "charging" });
    expect(s.ok("get_vehicle_status", {})).toMatchObject({ battery_level_pct: 61.5, range_km: 308, charging: { state: "charging" } });
  });

  it("a car whose session has reached the limit shows as complete in its status", () => {
    const s = session();
    tweak(s, MINE, () => ({ battery_level_pct: 79 }));
    s.ok("start_charging", {});
    s.advance(60 * 60_000);
    expect(s.ok("get_vehicle_status", {})).toMatchObject({ battery_level_pct: 80, range_km: 400, charging: { state: "complete" } });
  });

  it("at a public charger the session takes the station's name and price: 250 kW for 2 minutes is 8.33 kWh at 0.41 = 3.42", () => {
    const s = session();
    tweak(s, MINE, (v) => ({ battery_level_pct: 60, charging: { ...v.charging, location: "CHG-106", charger_power_kw: 250 } }));
    const started = s.ok("start_charging", {});
    expect(started).toMatchObject({
      location: "Voltaic Supercharger San Francisco — Old Town",
      charging_station_id: "CHG-106",
      price_per_kwh: 0.41,
      power_kw: 250,
      minutes_to_limit: 4,
    });
    s.advance(60_000);
    expect(s.ok("stop_charging", { vehicle_id: MINE })).toMatchObject({
      status: "completed",
      energy_added_kwh: 8.33,
      end_battery_pct: 71.1,
      cost: 3.42,
      battery_level_pct: 71.1,
    });
    expect(car(s, MINE).charging.state).toBe("stopped");
  });

  it("a cable plugged in with no known place charges at the home tariff, 0.31 a kWh", () => {
    const s = session();
    tweak(s, MINE, (v) => {
      const { location: _gone, ...charging } = v.charging;
      return { charging };
    });
    const started = s.ok("start_charging", { vehicle_id: MINE });
    expect(started).toMatchObject({ location: "Home", price_per_kwh: 0.31 });
    expect(started).not.toHaveProperty("charging_station_id");
  });

  it("stopping a session that already reached the limit leaves the car complete, not stopped", () => {
    const s = session();
    tweak(s, MINE, () => ({ battery_level_pct: 79 }));
    s.ok("start_charging", {});
    s.advance(60 * 60_000);
    expect(s.ok("stop_charging", {})).toMatchObject({ energy_added_kwh: 0.75, end_battery_pct: 80, cost: 0.23 });
    expect(car(s, MINE).charging.state).toBe("complete");
  });

  it("lowering the limit to exactly the level reached ends the session; one point above lets it run", () => {
    const s = session();
    tweak(s, MINE, (v) => ({ battery_level_pct: 60, charging: { ...v.charging, charger_power_kw: 7.5 } }));
    const started = s.ok("start_charging", {});
    s.advance(4 * 60_000); // 5 minutes of 7.5 kW: 0.625 kWh, 60.8 %
    expect(s.ok("set_charge_limit", { limit_pct: 62 })).toEqual({
      vehicle_id: MINE,
      charge_limit_pct: 62,
      charging_state: "charging",
      battery_level_pct: 60.8,
    });
    // 6 minutes: 0.75 kWh, exactly 61 %.
    expect(s.ok("set_charge_limit", { limit_pct: 61 })).toEqual({
      vehicle_id: MINE,
      charge_limit_pct: 61,
      charging_state: "complete",
      battery_level_pct: 61,
      ended_session_id: started.id,
    });
    expect(s.row<ChargingSession>("charging_sessions", started.id)).toMatchObject({
      status: "completed",
      energy_added_kwh: 0.75,
      end_battery_pct: 61,
      cost: 0.23,
    });
    expect(car(s, MINE).charging).toMatchObject({ state: "complete", limit_pct: 61 });
    expect(car(s, MINE).charging.session_id).toBeUndefined();
  });

  it("the charge limit takes 50 and 100 but not 49 or 100.5", () => {
    const s = session();
    expect(s.ok("set_charge_limit", { limit_pct: 50 }).charge_limit_pct).toBe(50);
    expect(s.ok("set_charge_limit", { limit_pct: 100 }).charge_limit_pct).toBe(100);
    s.fails("set_charge_limit", { limit_pct: 49 }, "invalid_arguments", /the charge limit is 50-100 %/);
    s.fails("set_charge_limit", { limit_pct: 99.5 }, "invalid_arguments", /the charge limit is a whole percentage/);
    s.fails("set_charge_limit", { limit_pct: 80, vehicle_id: ASLEEP }, "failed_precondition", /asleep/);
  });

  it("charging sessions filter by start day inclusively on both ends, by status, with totals over all matches", () => {
    const s = session();
    const all = s.rows<ChargingSession>("charging_sessions");
    const day = all[all.length - 1]!.started_at.slice(0, 10);
    const that = all.filter((c) => c.started_at.startsWith(day));
    const r = s.ok("list_charging_sessions", { from_date: day, to_date: day, limit: 100 });
    expect(r.items.map((c: ChargingSession) => c.id).sort()).toEqual(that.map((c) => c.id).sort());
    expect(r.total_energy_kwh).toBe(Math.round(that.reduce((n, c) => n + c.energy_added_kwh, 0) * 100) / 100);
    expect(r.total_cost).toBe(Math.round(that.reduce((n, c) => n + c.cost, 0) * 100) / 100);
    expect(s.ok("list_charging_sessions", { to_date: "2000-01-01" })).toMatchObject({ total: 0, total_energy_kwh: 0, total_cost: 0 });
    expect(s.ok("list_charging_sessions", { status: "completed", limit: 100 }).total).toBe(all.length);
    expect(s.ok("list_charging_sessions", { status: "in_progress" }).total).toBe(0);
    const dm = s.ok("list_charging_sessions", { vehicle_id: DRIVING, limit: 100 });
    expect(dm.items.every((c: ChargingSession) => c.vehicle_id === DRIVING)).toBe(true);
    expect(dm.total).toBe(all.filter((c) => c.vehicle_id === DRIVING).length);
  });

  it("stations at least as fast as asked: 350 kW keeps the 350 and 400 kW ones; a free stall means at least one", () => {
    const s = session();
    const ids = (args: Record<string, unknown>) => (s.ok("find_charging_stations", { ...args, limit: 100 }).items as { id: string }[]).map((x) => x.id).sort();
    expect(ids({ min_power_kw: 350 })).toEqual(["CHG-101", "CHG-102", "CHG-103", "CHG-104", "CHG-108"]);
    expect(ids({ min_power_kw: 351 })).toEqual(["CHG-101", "CHG-102"]);
    expect(ids({ available_only: true })).toEqual(["CHG-101", "CHG-102", "CHG-103", "CHG-104", "CHG-105", "CHG-106", "CHG-107", "CHG-109"]);
    expect(ids({ network: "evgo" })).toEqual(["CHG-105", "CHG-107"]);
    expect(s.ok("find_charging_stations", { city: "los angeles, ca" })).toMatchObject({ origin: "Los Angeles" });
    const near = s.ok("find_charging_stations", { vehicle_id: DRIVING, limit: 100 });
    expect(near.origin).toBe("Nimbus (On the road)");
    expect(s.ok("find_charging_stations", { city: "  San Francisco ", network: " EVgo ", limit: 100 }).total).toBe(2);
  });

  it("station distances are in km to one decimal: a car 1.23 km north of a station sees it at 1.2 km, nearest first", () => {
    const s = session();
    const st = s.row<{ lat: number; lon: number }>("charging_stations", "CHG-109");
    tweak(s, MINE, () => ({ location: { lat: st.lat + 1.23 / 111.19508, lon: st.lon, place: "Near the charger" } }));
    const first = s.ok("find_charging_stations", {}).items[0];
    expect(first).toMatchObject({ id: "CHG-109", distance_km: 1.2 });
  });
});

describe("vehicle rules: climate", () => {
  it("target temperatures take 16 and 28 °C but not 15.5 or 28.5; the rear zone stays unless given", () => {
    const s = session();
    expect(s.ok("set_climate_temperature", { driver_temp_c: 16, passenger_temp_c: 28 }).climate).toMatchObject({
      driver_temp_c: 16,
      passenger_temp_c: 28,
      rear_temp_c: 21,
    });
    s.fails("set_climate_temperature", { driver_temp_c: 15.5 }, "invalid_arguments", /climate temperatures are 16-28 °C/);
    s.fails("set_climate_temperature", { driver_temp_c: 20, rear_temp_c: 28.5 }, "invalid_arguments", /climate temperatures are 16-28 °C/);
  });

  it("starting climate keeps a fan speed already set, else runs the fan at 3", () => {
    const s = session();
    tweak(s, MINE, (v) => ({ climate: { ...v.climate, fan_speed: 6 } }));
    expect(s.ok("start_climate", {}).climate).toMatchObject({ on: true, fan_speed: 6 });
  });

  it("climate starts unplugged at 10 % but not at 9.9 %; plugged in it starts even at 5 %", () => {
    const s = session();
    tweak(s, MINE, (v) => ({ battery_level_pct: 9.9, charging: { ...v.charging, plugged_in: false, state: "disconnected" } }));
    s.fails(
      "start_climate",
      {},
      "failed_precondition",
      new RegExp(`^${MINE_LABEL} is at 9.9 % battery; climate needs at least 10 % unless the car is plugged in`),
    );
    s.fails("set_defrost", { rear: true }, "failed_precondition", /is at 9.9 % battery/);
    s.fails("set_defrost", { front: true }, "failed_precondition", /is at 9.9 % battery/);
    // Switching a defroster off draws nothing: allowed on a drained car.
    expect(s.ok("set_defrost", { front: false, rear: false }).climate).toMatchObject({ on: false, front_defrost: false, rear_defrost: false });
    tweak(s, MINE, () => ({ battery_level_pct: 10 }));
    expect(s.ok("start_climate", {}).climate.on).toBe(true);
    const t = session();
    tweak(t, MINE, () => ({ battery_level_pct: 5 }));
    expect(t.ok("start_climate", {}).climate.on).toBe(true);
  });

  it("the rear defroster alone does not switch climate on or change the fan; the front one does (fan 10)", () => {
    const s = session();
    expect(s.ok("set_defrost", { rear: true }).climate).toMatchObject({ on: false, fan_speed: 0, rear_defrost: true, front_defrost: false });
    expect(s.ok("set_defrost", { front: true }).climate).toMatchObject({ on: true, fan_speed: 10, rear_defrost: true, front_defrost: true });
    expect(s.ok("set_defrost", { front: false }).climate).toMatchObject({ on: true, fan_speed: 10, rear_defrost: true, front_defrost: false });
  });

  it("stopping climate switches the fan, every seat heater and both defrosters off", () => {
    const s = session();
    s.ok("set_defrost", { front: true, rear: true });
    for (const seat of ["driver", "passenger", "rear_left", "rear_center", "rear_right"]) s.ok("set_seat_heater", { seat, level: 3 });
    expect(s.ok("stop_climate", {}).climate).toMatchObject({
      on: false,
      fan_speed: 0,
      front_defrost: false,
      rear_defrost: false,
      seat_heaters: { driver: 0, passenger: 0, rear_left: 0, rear_center: 0, rear_right: 0 },
    });
  });

  it("seat heaters take levels 0 to 3, not -1; the front seats heat on a car without rear heaters", () => {
    const s = session();
    s.ok("start_climate", {});
    expect(s.ok("set_seat_heater", { seat: "rear_right", level: 3 }).climate.seat_heaters.rear_right).toBe(3);
    expect(s.ok("set_seat_heater", { seat: "rear_right", level: 0 }).climate.seat_heaters.rear_right).toBe(0);
    s.fails("set_seat_heater", { seat: "driver", level: -1 }, "invalid_arguments", /seat heater levels are 0 \(off\) to 3 \(high\)/);
    s.ok("wake_vehicle", { vehicle_id: ASLEEP });
    s.ok("start_climate", { vehicle_id: ASLEEP });
    expect(s.ok("set_seat_heater", { vehicle_id: ASLEEP, seat: "driver", level: 2 }).climate.seat_heaters.driver).toBe(2);
    expect(s.ok("set_seat_heater", { vehicle_id: ASLEEP, seat: "passenger", level: 1 }).climate.seat_heaters.passenger).toBe(1);
    s.fails("set_seat_heater", { vehicle_id: ASLEEP, seat: "rear_center", level: 1 }, "invalid_argument", /has no rear seat heaters/);
  });

  it("a car in accessory mode with climate off cannot heat seats remotely", () => {
    const s = session();
    tweak(s, MINE, () => ({ power_state: "accessory" }));
    s.fails(
      "set_seat_heater",
      { seat: "driver", level: 1 },
      "failed_precondition",
      new RegExp(`^${MINE_LABEL} is accessory with climate off; remote seat heating`),
    );
  });

  it("the fan takes 1 and 10 but not 11 or 0", () => {
    const s = session();
    s.ok("start_climate", {});
    expect(s.ok("set_climate_fan_speed", { fan_speed: 1 }).climate.fan_speed).toBe(1);
    expect(s.ok("set_climate_fan_speed", { fan_speed: 10 }).climate.fan_speed).toBe(10);
    s.fails("set_climate_fan_speed", { fan_speed: 11 }, "invalid_arguments", /fan speed is 1-10/);
    s.fails("set_climate_fan_speed", { fan_speed: 0 }, "invalid_arguments", /stop_climate switches the fan off/);
  });
});

describe("vehicle rules: power, gears and closures", () => {
  it("doors unlock and the frunk opens at exactly 5 km/h; at 5.5 km/h unlocking is refused", () => {
    const s = session();
    tweak(s, MINE, () => ({ power_state: "on", gear: "D", speed_kmh: 5 }));
    expect(s.ok("unlock_vehicle", {})).toMatchObject({ locked: false, speed_kmh: 5 });
    expect(s.ok("open_trunk", { which: "frunk" })).toEqual({ vehicle_id: MINE, trunk: "closed", frunk: "open" });
    s.ok("lock_vehicle", {});
    tweak(s, MINE, () => ({ speed_kmh: 5.5 }));
    s.fails("unlock_vehicle", {}, "failed_precondition", /is driving at 5.5 km\/h in drive; it cannot unlock its doors above 5 km\/h/);
    s.fails("open_trunk", {}, "failed_precondition", /it cannot open the trunk above 5 km\/h/);
  });

  it("a car in accessory mode can be switched off; switching off puts it in park", () => {
    const s = session();
    tweak(s, MINE, () => ({ power_state: "accessory" }));
    expect(s.ok("stop_engine", {})).toMatchObject({ power_state: "off", gear: "P" });
  });

  it("moving: drive ↔ neutral and reverse → neutral are allowed, reverse → drive and neutral → reverse are not", () => {
    const s = session();
    tweak(s, DRIVING, () => ({ gear: "R", speed_kmh: 8 }));
    s.fails("shift_gear", { vehicle_id: DRIVING, gear: "D" }, "failed_precondition", /is moving at 8 km\/h; shift into drive only at 0 km\/h/);
    expect(s.ok("shift_gear", { vehicle_id: DRIVING, gear: "N" })).toMatchObject({ gear: "N", previous_gear: "R", speed_kmh: 8 });
    s.fails("shift_gear", { vehicle_id: DRIVING, gear: "R" }, "failed_precondition", /is moving at 8 km\/h; shift into reverse only at 0 km\/h/);
    expect(s.ok("shift_gear", { vehicle_id: DRIVING, gear: "D" })).toMatchObject({ gear: "D", previous_gear: "N" });
    expect(s.ok("shift_gear", { vehicle_id: DRIVING, gear: "N" })).toMatchObject({ gear: "N", previous_gear: "D" });
    s.fails("shift_gear", { vehicle_id: DRIVING, gear: "P" }, "failed_precondition", /shift into park only at 0 km\/h, so stop first/);
  });

  it("out of park to neutral needs the same as to drive; an open door is named and 'it' is closed", () => {
    const s = session();
    s.ok("wake_vehicle", { vehicle_id: ASLEEP });
    s.fails("shift_gear", { vehicle_id: ASLEEP, gear: "N", brake_pressed: true }, "failed_precondition", /is off; switch it on with start_engine/);
    s.ok("start_engine", { vehicle_id: ASLEEP });
    tweak(s, ASLEEP, (v) => ({ doors: { ...v.doors, rear_right: "open" } }));
    s.fails(
      "shift_gear",
      { vehicle_id: ASLEEP, gear: "N", brake_pressed: true },
      "failed_precondition",
      /^VEH-1003 \("Sparky"\) cannot drive off with the rear right door open; close it first \(close_trunk; the frunk and doors by hand\)$/,
    );
    tweak(s, ASLEEP, (v) => ({ doors: { ...v.doors, rear_right: "closed" } }));
    expect(s.ok("shift_gear", { vehicle_id: ASLEEP, gear: "N", brake_pressed: true })).toMatchObject({ gear: "N", previous_gear: "P" });
    expect(s.ok("shift_gear", { vehicle_id: ASLEEP, gear: "R" })).toMatchObject({ gear: "R", previous_gear: "N" });
    expect(s.ok("shift_gear", { vehicle_id: ASLEEP, gear: "P" })).toMatchObject({ gear: "P", previous_gear: "R" });
  });

  it("status reports a car at 0 km/h as not moving and names its open doors", () => {
    const s = session();
    tweak(s, MINE, (v) => ({ doors: { ...v.doors, front_left: "open" } }));
    expect(s.ok("get_vehicle_status", {})).toMatchObject({
      moving: false,
      gear_name: "park",
      open_closures: ["front left door"],
      charging: { state: "stopped", plugged_in: true, limit_pct: 80 },
    });
    expect(s.ok("start_engine", {}).open_closures).toEqual(["front left door"]);
  });

  it("a plugged-in car with no known charger is told to unplug from the 'charge port'", () => {
    const s = session();
    tweak(s, MINE, (v) => {
      const { location: _gone, ...charging } = v.charging;
      return { charging };
    });
    s.ok("start_engine", { vehicle_id: MINE });
    s.fails("shift_gear", { gear: "D", brake_pressed: true }, "failed_precondition", /is plugged into a charger \(charge port\); unplug the charge cable/);
  });

  it("remote commands take the vehicle they name: lock, climate and charging", () => {
    const s = session();
    s.ok("unlock_vehicle", { vehicle_id: MINE });
    expect(s.ok("lock_vehicle", { vehicle_id: MINE }).locked).toBe(true);
    expect(s.ok("start_climate", { vehicle_id: MINE }).climate.on).toBe(true);
    expect(s.ok("stop_climate", { vehicle_id: MINE }).climate.on).toBe(false);
  });

  it("windows take 0 and 100 but not -1 or 10.5", () => {
    const s = session();
    expect(s.ok("set_window_position", { window: "rear_right", position: 100 }).windows).toEqual({
      front_left: 0,
      front_right: 0,
      rear_left: 0,
      rear_right: 100,
    });
    expect(s.ok("set_window_position", { window: "rear_right", position: 0 }).windows.rear_right).toBe(0);
    s.fails("set_window_position", { window: "all", position: -1 }, "invalid_arguments", /window position is 0-100 %/);
    s.fails("set_window_position", { window: "all", position: 10.5 }, "invalid_arguments", /window positions are whole percentages/);
  });

  it("the frunk cannot be closed remotely, even when it stands open", () => {
    const s = session();
    s.ok("open_trunk", { which: "frunk" });
    s.fails(
      "close_trunk",
      { which: "frunk" },
      "failed_precondition",
      /^the frunk of VEH-1001 \("Road Runner"\) has no motor: it must be closed by hand \(press down on its front edge\)$/,
    );
    s.fails("close_trunk", {}, "conflict", /^the trunk of VEH-1001 \("Road Runner"\) is already closed$/);
  });

  it("headlights: off at a standstill is allowed; auto keeps the fog lights; moving cars may use auto", () => {
    const s = session();
    expect(s.ok("set_headlights", { mode: "on", fog_lights: true })).toEqual({ vehicle_id: MINE, headlights: "on", fog_lights: true });
    expect(s.ok("set_headlights", { mode: "auto" })).toEqual({ vehicle_id: MINE, headlights: "auto", fog_lights: true });
    tweak(s, MINE, () => ({ gear: "D", power_state: "on" }));
    expect(s.ok("set_headlights", { mode: "off", fog_lights: false })).toEqual({ vehicle_id: MINE, headlights: "off", fog_lights: false });
    expect(s.ok("set_headlights", { vehicle_id: DRIVING, mode: "auto", fog_lights: true })).toEqual({
      vehicle_id: DRIVING,
      headlights: "auto",
      fog_lights: true,
    });
    tweak(s, DRIVING, () => ({ speed_kmh: 0.5 }));
    s.fails("set_headlights", { vehicle_id: DRIVING, mode: "off" }, "failed_precondition", /moving at 0.5 km\/h; headlights cannot be switched off/);
  });

  it("horn and lights need gear P and 0 km/h: drive at a standstill and park while rolling are both refused", () => {
    const s = session();
    tweak(s, MINE, () => ({ gear: "D", power_state: "on" }));
    s.fails("honk_horn", {}, "failed_precondition", new RegExp(`^${MINE_LABEL} is in drive at 0 km/h; it can honk remotely only while parked \\(gear P\\)$`));
    tweak(s, MINE, () => ({ gear: "P", speed_kmh: 1 }));
    s.fails("flash_lights", {}, "failed_precondition", /is in park at 1 km\/h; it can flash its lights remotely only while parked/);
  });

  it("tyres: 0.3 bar under is low, 0.2 under ok, 0.4 over high, 0.3 over ok; psi to one decimal", () => {
    const s = session();
    const t = (pressure_bar: number) => ({ pressure_bar, recommended_bar: 2.9 });
    tweak(s, MINE, () => ({ tires: { front_left: t(2.6), front_right: t(2.7), rear_left: t(3.3), rear_right: t(3.2) } }));
    const r = s.ok("get_tire_pressure", {});
    expect(r.wheels).toEqual([
      { wheel: "front_left", pressure_bar: 2.6, pressure_psi: 37.7, recommended_bar: 2.9, recommended_psi: 42.1, difference_bar: -0.3, status: "low" },
      { wheel: "front_right", pressure_bar: 2.7, pressure_psi: 39.2, recommended_bar: 2.9, recommended_psi: 42.1, difference_bar: -0.2, status: "ok" },
      { wheel: "rear_left", pressure_bar: 3.3, pressure_psi: 47.9, recommended_bar: 2.9, recommended_psi: 42.1, difference_bar: 0.4, status: "high" },
      { wheel: "rear_right", pressure_bar: 3.2, pressure_psi: 46.4, recommended_bar: 2.9, recommended_psi: 42.1, difference_bar: 0.3, status: "ok" },
    ]);
    expect(r.warning).toBe("Low tyre pressure: front_left. Inflate to 2.9 bar.");
    tweak(s, MINE, () => ({ tires: { front_left: t(2.6), front_right: t(2.9), rear_left: t(2.9), rear_right: t(2.5) } }));
    expect(s.ok("get_tire_pressure", {}).warning).toBe("Low tyre pressure: front_left, rear_right. Inflate to 2.9 bar.");
  });

  it("selecting a car unselects the one selected before", () => {
    const s = session();
    expect(s.ok("select_vehicle", { vehicle_id: DRIVING })).toMatchObject({ id: DRIVING, selected: true });
    expect(car(s, MINE).selected).toBe(false);
    expect(car(s, ASLEEP).selected).toBe(false);
  });
});

describe("vehicle rules: navigation", () => {
  /** Degrees of latitude for `km` along a meridian (111.19508 km a degree). */
  const deg = (km: number) => km / 111.19508;
  const home = { lat: 37.750254, lon: -122.404866 };

  it("a destination 0.2 km of road away can be navigated to (1 minute); 0.1 km away the car is already there", () => {
    const s = session();
    const corner = s.ok("save_destination", { name: "Corner", latitude: home.lat + deg(0.16), longitude: home.lon });
    const drive = s.ok("save_destination", { name: "Driveway", latitude: home.lat + deg(0.08), longitude: home.lon });
    expect(s.ok("navigate_to", { destination_id: corner.id })).toMatchObject({ distance_km: 0.2, duration_minutes: 1, destination_kind: "saved" });
    s.fails("navigate_to", { destination_id: drive.id }, "invalid_argument", new RegExp(`^${MINE_LABEL} is already at Driveway$`));
  });

  it("arriving with exactly the 10 % reserve needs no charging stop; 9.8 % plans one", () => {
    const s = session();
    // 80 km south in a straight line: 100 km of road at 70 km/h (86 minutes), 15 kWh at 150 Wh/km = 20 points of 75 kWh.
    const south = s.ok("save_destination", { name: "South", latitude: home.lat - deg(80), longitude: home.lon });
    tweak(s, MINE, () => ({ battery_level_pct: 30 }));
    const ok = s.ok("navigate_to", { destination_id: south.id });
    expect(ok).toMatchObject({
      vehicle_id: MINE,
      distance_km: 100,
      duration_minutes: 86,
      energy_needed_kwh: 15,
      arrival_battery_pct: 10,
      eta: "2026-11-09T10:27:00Z",
    });
    expect(ok).not.toHaveProperty("warning");
    tweak(s, MINE, () => ({ battery_level_pct: 29.8 }));
    const short = s.ok("navigate_to", { destination_id: south.id });
    expect(short).toMatchObject({ arrival_battery_pct: 9.8, charging_stops_needed: 1 });
    expect(short.warning).toBe("the route is 100 km but the battery (29.8 %) covers about 99 km before the 10 % reserve; plan 1 charging stop(s)");
    const stations = short.suggested_charging_stations as { charging_station_id: string; distance_km: number }[];
    expect(stations).toHaveLength(3);
    expect(stations.map((x) => x.charging_station_id)).not.toContain("CHG-108");
    expect(stations[0]!.distance_km).toBeLessThanOrEqual(stations[1]!.distance_km);
    expect(stations[1]!.distance_km).toBeLessThanOrEqual(stations[2]!.distance_km);
  });

  it("each charging stop covers the reserve to 80 %: 350 km on the user's car; 800 km from 30 % needs 3 stops", () => {
    const s = session();
    // The car 640 km straight south of home: 800 km of road back. From 30 %: 150 km of range, 100 km before the reserve; (800 - 100) / 350 = 2 stops.
    tweak(s, MINE, () => ({ battery_level_pct: 30, location: { lat: home.lat - deg(640), lon: home.lon, place: "Far south" } }));
    const r = s.ok("navigate_to", { destination_id: "DEST-101" });
    expect(r).toMatchObject({ distance_km: 800, energy_needed_kwh: 120, arrival_battery_pct: 0, charging_stops_needed: 2 });
    expect(r.warning).toBe("the route is 800 km but the battery (30 %) covers about 100 km before the 10 % reserve; plan 2 charging stop(s)");
    tweak(s, MINE, () => ({ battery_level_pct: 29.8 }));
    expect(s.ok("navigate_to", { destination_id: "DEST-101" }).charging_stops_needed).toBe(3);
  });

  it("charging suggestions skip stations without a free stall and give their distance to one decimal", () => {
    const s = session();
    const st = s.row<{ lat: number; lon: number }>("charging_stations", "CHG-109");
    tweak(s, MINE, () => ({ battery_level_pct: 12, location: { lat: st.lat + 1.23 / 111.19508, lon: st.lon, place: "Los Angeles" } }));
    const r = s.ok("navigate_to", { destination_id: "DEST-101" });
    const ids = (r.suggested_charging_stations as { charging_station_id: string }[]).map((x) => x.charging_station_id);
    expect(r.suggested_charging_stations[0]).toEqual({
      charging_station_id: "CHG-109",
      name: "ChargePoint Los Angeles — Westside",
      max_power_kw: 62,
      distance_km: 1.2,
    });
    expect(ids).not.toContain("CHG-108");
    expect(ids).toHaveLength(3);
  });

  it("a city is found by its name with its region ('Seattle, WA'); a part of a name that fits one destination is enough", () => {
    const s = session();
    const seattle = s.ok("navigate_to", { destination: "seattle, wa" });
    expect(seattle).toMatchObject({ destination_name: "Seattle", destination_kind: "city", lat: 47.6062, lon: -122.3321 });
    expect(seattle).not.toHaveProperty("destination_ref");
    expect(s.ok("navigate_to", { destination: "  equinox " })).toMatchObject({ destination_name: "Equinox", destination_ref: "DEST-103" });
  });

  it("a name that fits many destinations lists at most eight of them", () => {
    const s = session();
    const err = s.fails("navigate_to", { destination: "San Francisco —" }, "invalid_argument", /^"San Francisco —" matches 7 destinations: /);
    expect(err.message.split("; ")).toHaveLength(8); // seven names, then the advice
    const many = s.fails("navigate_to", { destination: "an" }, "invalid_argument", /^"an" matches \d+ destinations: .*; give the full name or its id$/);
    const count = Number(/matches (\d+)/.exec(many.message)![1]);
    expect(count).toBeGreaterThan(8);
    expect(many.message.split("; ")).toHaveLength(9); // eight names, then the advice
  });

  it("an unknown name offers the five closest names", () => {
    const s = session();
    const err = s.fails(
      "navigate_to",
      { destination: "Equinix" },
      "not_found",
      /^no known destination matches "Equinix"; closest matches: Equinox \(saved destination DEST-103\); /,
    );
    expect(err.message).toMatch(/\. list_saved_destinations and find_charging_stations list more$/);
    const names = /closest matches: (.*)\. list_saved/.exec(err.message)![1]!.split("; ");
    expect(names).toHaveLength(5);
    expect(names[0]).toBe("Equinox (saved destination DEST-103)");
  });

  it("cancelling a route clears it from the car and frees its destination for deletion", () => {
    const s = session();
    s.ok("cancel_navigation", { vehicle_id: DRIVING });
    expect(s.ok("get_vehicle_status", { vehicle_id: DRIVING })).not.toHaveProperty("navigation");
    s.fails("cancel_navigation", { vehicle_id: DRIVING }, "conflict", /^VEH-1002 \("Nimbus"\) has no active navigation$/);
  });

  it("the trip log's distance filter keeps a trip exactly that long; an empty log has zero totals and efficiency", () => {
    const s = session();
    const trips = s.rows<Trip>("trips");
    const longest = Math.max(...trips.map((t) => t.distance_km));
    const r = s.ok("get_trip_log", { min_distance_km: longest, limit: 100 });
    expect(r.total).toBe(trips.filter((t) => t.distance_km === longest).length);
    expect(r.total).toBeGreaterThan(0);
    expect(s.ok("get_trip_log", { to_date: "2000-01-01" })).toMatchObject({
      total: 0,
      total_distance_km: 0,
      total_energy_kwh: 0,
      average_efficiency_wh_per_km: 0,
    });
    const last = trips[trips.length - 1]!;
    const day = last.started_at.slice(0, 10);
    const y = s.ok("get_trip_log", { from_date: day, to_date: day, limit: 100 });
    expect(y.total).toBe(trips.filter((t) => t.started_at.startsWith(day)).length);
    const km = Math.round(y.items.reduce((n: number, t: Trip) => n + t.distance_km, 0) * 10) / 10;
    const kwh = Math.round(y.items.reduce((n: number, t: Trip) => n + t.energy_used_kwh, 0) * 100) / 100;
    expect(y).toMatchObject({ total_distance_km: km, total_energy_kwh: kwh, average_efficiency_wh_per_km: Math.round((kwh * 1000) / km) });
    const one = s.ok("get_trip_log", { vehicle_id: ASLEEP, limit: 100 });
    expect(one.total).toBe(trips.filter((t) => t.vehicle_id === ASLEEP).length);
  });

  it("a saved destination without an address is 'near' its city, its coordinates rounded to six decimals", () => {
    const s = session();
    expect(s.ok("save_destination", { name: "Spot", latitude: 37.12345678, longitude: -122.12345649 })).toMatchObject({
      name: "Spot",
      category: "other",
      address: "near San Francisco",
      lat: 37.123457,
      lon: -122.123456,
    });
  });

  it("a destination may lie up to 150 km from a mapped city: 149.9 km south of San Francisco is saved, 150.1 km is refused", () => {
    const s = session();
    const sf = { lat: 37.7749, lon: -122.4194 };
    expect(s.ok("save_destination", { name: "Coast", latitude: sf.lat - deg(149.9), longitude: sf.lon })).toMatchObject({
      city: "San Francisco",
      country: "US",
      address: "near San Francisco",
    });
    s.fails(
      "save_destination",
      { name: "Sea", latitude: sf.lat - deg(150.1), longitude: sf.lon },
      "invalid_argument",
      /^\(36\.\d+, -122\.4194\) is not near any mapped city; destinations must lie within 150 km of one \(e\.g\. San Francisco\)$/,
    );
  });

  it("names and addresses are saved without surrounding spaces", () => {
    const s = session();
    expect(s.ok("save_destination", { name: "  Gym  ", address: " 1 Main St ", latitude: 37.7, longitude: -122.4 })).toMatchObject({
      name: "Gym",
      address: "1 Main St",
    });
    expect(s.ok("list_saved_destinations", { name: " gym " }).total).toBe(1);
  });

  it("a destination two cars navigate to names both in the refusal to delete it", () => {
    const s = session();
    s.ok("navigate_to", { destination_id: "DEST-102" });
    s.fails(
      "delete_saved_destination",
      { destination_id: "DEST-102" },
      "failed_precondition",
      /^VEH-1001 \("Road Runner"\), VEH-1002 \("Nimbus"\) is navigating to "Work — Harbor Media"; cancel that navigation \(cancel_navigation\) before deleting it$/,
    );
  });

  it("coordinates come as a pair: a longitude alone is refused", () => {
    const s = session();
    s.fails("save_destination", { name: "Half", longitude: -122.4 }, "invalid_argument", /^give both latitude and longitude$/);
  });

  it("saved destinations filter by category and by part of the name or address", () => {
    const s = session();
    expect(s.ok("list_saved_destinations", { category: "fitness" }).items.map((d: { id: string }) => d.id)).toEqual(["DEST-103"]);
    expect(s.ok("list_saved_destinations", { name: "copper" }).items.map((d: { id: string }) => d.id)).toEqual(["DEST-105"]);
  });
});

describe("vehicle rules: service reminders (today 2026-11-09)", () => {
  const TODAY = "2026-11-09";
  const reminder = (extra: Partial<ServiceReminder>): ServiceReminder => ({
    id: "SVC-TEST",
    vehicle_id: MINE,
    kind: "wiper_blades",
    title: "Replace wiper blades",
    created_at: "2026-01-01T09:00:00Z",
    ...extra,
  });

  it("by date: due yesterday is overdue, due today is due soon, in 30 days due soon, in 31 days upcoming", () => {
    expect(reminderStatus(reminder({ due_date: "2026-11-08" }), 0, TODAY)).toBe("overdue");
    expect(reminderStatus(reminder({ due_date: "2026-11-09" }), 0, TODAY)).toBe("due_soon");
    expect(reminderStatus(reminder({ due_date: "2026-12-09" }), 0, TODAY)).toBe("due_soon");
    expect(reminderStatus(reminder({ due_date: "2026-12-10" }), 0, TODAY)).toBe("upcoming");
  });

  it("by odometer: at the due reading it is overdue, 1,000 km before due soon, 1,001 km before upcoming", () => {
    const r = reminder({ kind: "tire_rotation", due_odometer_km: 20000 });
    expect(reminderStatus(r, 20000, TODAY)).toBe("overdue");
    expect(reminderStatus(r, 19999.9, TODAY)).toBe("due_soon");
    expect(reminderStatus(r, 19000, TODAY)).toBe("due_soon");
    expect(reminderStatus(r, 18999, TODAY)).toBe("upcoming");
    expect(reminderStatus(reminder({ due_odometer_km: 0 }), 0, TODAY)).toBe("overdue");
  });

  it("either limit counts: far by date but at the odometer is overdue; a completed one is completed whatever is due", () => {
    expect(reminderStatus(reminder({ due_date: "2027-06-01", due_odometer_km: 20000 }), 20000, TODAY)).toBe("overdue");
    expect(reminderStatus(reminder({ due_date: "2027-06-01", due_odometer_km: 20000 }), 19500, TODAY)).toBe("due_soon");
    expect(reminderStatus(reminder({ due_date: "2026-11-20", due_odometer_km: 30000 }), 10000, TODAY)).toBe("due_soon");
    expect(reminderStatus(reminder({ due_date: "2020-01-01", completed_on: "2020-01-02" }), 0, TODAY)).toBe("completed");
    expect(reminderStatus(reminder({}), 0, TODAY)).toBe("upcoming");
  });

  it("the user's car: overdue first, then due soon, upcoming, completed; ties by id", () => {
    const s = session();
    const items = s.ok("list_service_reminders", { vehicle_id: MINE, limit: 100 }).items as { id: string; status: string }[];
    const open = items.filter((r) => r.status !== "completed");
    expect(open.map((r) => [r.id, r.status])).toEqual([
      ["SVC-102", "overdue"],
      ["SVC-104", "overdue"],
      ["SVC-105", "due_soon"],
      ["SVC-103", "upcoming"],
    ]);
    expect(items.slice(open.length).every((r) => r.status === "completed")).toBe(true);
    expect(items.find((r) => r.id === "SVC-105")).toMatchObject({ days_remaining: 27 });
    expect(items.find((r) => r.id === "SVC-102")).toMatchObject({ km_remaining: -811 });
    expect(s.ok("list_service_reminders", { vehicle_id: MINE, status: "due_soon" }).items.map((r: { id: string }) => r.id)).toEqual(["SVC-105"]);
    expect(s.ok("list_service_reminders", { vehicle_id: MINE, status: "upcoming" }).items.map((r: { id: string }) => r.id)).toEqual(["SVC-103"]);
    expect(s.ok("list_service_reminders", { vehicle_id: MINE, kind: "wiper_blades", status: "overdue" }).items.map((r: { id: string }) => r.id)).toEqual([
      "SVC-104",
    ]);
  });

  it("a reminder done today at the current odometer is accepted; the next is due one interval later", () => {
    const s = session();
    const r = s.ok("complete_service_reminder", { service_reminder_id: "SVC-103", completed_on: TODAY, odometer_km: 19179.1 });
    expect(r.completed).toMatchObject({ id: "SVC-103", status: "completed", completed_on: TODAY, completed_odometer_km: 19179.1 });
    expect(r.completed).not.toHaveProperty("days_remaining");
    // 730 days from 2026-11-09, across the leap day of 2028.
    expect(r.next).toMatchObject({ kind: "cabin_air_filter", interval_days: 730, due_date: "2028-11-08", days_remaining: 730, status: "upcoming" });
    expect(r.next).not.toHaveProperty("due_odometer_km");
    expect(r.next).not.toHaveProperty("interval_km");
    const rot = s.ok("complete_service_reminder", { service_reminder_id: "SVC-112", odometer_km: 50000.4 });
    expect(rot.completed).toMatchObject({ completed_odometer_km: 50000.4 });
    expect(rot.completed).not.toHaveProperty("km_remaining");
    expect(rot.next).toMatchObject({ vehicle_id: ASLEEP, interval_km: 10000, due_odometer_km: 60000, km_remaining: 8565, status: "upcoming" });
    expect(rot.next).not.toHaveProperty("due_date");
    expect(rot.next).not.toHaveProperty("interval_days");
    s.fails(
      "complete_service_reminder",
      { service_reminder_id: "SVC-104", odometer_km: 19179.2 },
      "invalid_argument",
      /^odometer_km 19179.2 is above the car's current reading of 19179.1 km$/,
    );
    s.fails(
      "complete_service_reminder",
      { service_reminder_id: "SVC-104", completed_on: "2026-11-10" },
      "invalid_argument",
      /^completed_on 2026-11-10 is in the future; today is 2026-11-09$/,
    );
  });
});

describe("vehicle rules: how each kind of row is named in a task's text, and its id", () => {
  const s = session();

  it("a car by colour, model and nickname; a trip by its distance to one decimal, places and day", () => {
    expect(tables.vehicles.describe(mine)).toBe('the Quicksilver Voltaic Arc "Road Runner"');
    const trip = { ...s.rows<Trip>("trips")[0]!, distance_km: 12.34, from_place: "Home", to_place: "Equinox", started_at: "2026-11-08T07:30:00Z" };
    expect(tables.trips.describe(trip)).toBe("the 12.3 km trip from Home to Equinox on 2026-11-08");
    expect(s.rows<Trip>("trips")[0]!.id).toBe("TRIP-10001");
  });

  it("a charging session by place and day; a station by power, name and city; a destination and a reminder by name", () => {
    expect(tables.charging_sessions.describe(slowSession)).toBe("the charging session at Home on 2026-11-09");
    expect(s.rows<ChargingSession>("charging_sessions")[0]!.id).toBe("CHS-1001");
    expect(tables.charging_stations.describe(s.row("charging_stations", "CHG-106"))).toBe(
      'the 250 kW charging station "Voltaic Supercharger San Francisco — Old Town" in San Francisco',
    );
    expect(tables.destinations.describe(s.row("destinations", "DEST-103"))).toBe('the saved destination "Equinox"');
    expect(tables.service_reminders.describe(s.row("service_reminders", "SVC-102"))).toBe('the "Rotate tyres" service reminder');
  });
});

describe("vehicle rules: the domain's tools as a model sees them", () => {
  const tool = (name: string) => vehicle.tools.find((t) => t.name === name)!;

  it("only cancelling a route and deleting a destination are destructive; starting a charge and saving a destination produce rows", () => {
    expect(vehicle.title).toBe("Vehicle");
    expect(
      vehicle.tools
        .filter((t) => t.destructive)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["cancel_navigation", "delete_saved_destination"]);
    expect(tool("start_charging").produces).toBe("charging_session");
    expect(tool("save_destination").produces).toBe("destination");
  });
});
