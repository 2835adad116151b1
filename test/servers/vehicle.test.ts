import { describe, expect, it } from "vitest";
import { time, ToolError, worldFor } from "../../ts/servers/framework/index.ts";
import vehicle from "../../ts/servers/vehicle/index.ts";
import {
  checkCanCharge,
  checkCanStart,
  checkClimateBattery,
  rangeKm,
  route,
  type ChargingSession,
  type ChargingStation,
  type Destination,
  type ServiceReminder,
  type Trip,
  type Vehicle,
} from "../../ts/servers/vehicle/state.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(vehicle, 20);

const SEED = 7;
const world = worldFor(SEED);
const session = () => openSession(vehicle, SEED);

const car = (s: TestSession, id: string) => s.rows<Vehicle>("vehicles").find((v) => v.id === id) as Vehicle;
const MINE = "VEH-1001"; // selected, parked at home, plugged in, charging stopped
const DRIVING = "VEH-1002"; // on the road in drive, navigating to work
const ASLEEP = "VEH-1003"; // asleep at the airport, Standard trim

/** Wakes the airport car, switches it on and puts it in drive at 0 km/h. */
function readyToDrive(s: TestSession) {
  s.ok("wake_vehicle", { vehicle_id: ASLEEP });
  s.ok("start_engine", { vehicle_id: ASLEEP });
  return s.ok("shift_gear", { vehicle_id: ASLEEP, gear: "D", brake_pressed: true });
}

describe("vehicle seed", () => {
  const s = session();
  const vs = s.rows<Vehicle>("vehicles");

  it("has three cars: the selected one at home plugged in, one driving with a route, one asleep at the airport", () => {
    expect(vs.map((v) => v.id)).toEqual([MINE, DRIVING, ASLEEP]);
    expect(vs.filter((v) => v.selected).map((v) => v.id)).toEqual([MINE]);
    expect(car(s, MINE)).toMatchObject({
      online_state: "online",
      power_state: "off",
      gear: "P",
      speed_kmh: 0,
      locked: true,
      location: { place: "Home" },
      charging: { plugged_in: true, state: "stopped", charger_power_kw: 11 },
    });
    expect(car(s, MINE).battery_level_pct).toBeLessThan(car(s, MINE).charging.limit_pct);
    const d = car(s, DRIVING);
    expect(d).toMatchObject({ power_state: "on", gear: "D", charging: { plugged_in: false } });
    expect(d.speed_kmh).toBeGreaterThan(5);
    expect(d.navigation?.destination_ref).toBe("DEST-102");
    expect(car(s, ASLEEP)).toMatchObject({ online_state: "asleep", trim: "Standard", location: { place: "SFO Airport — long-term parking" } });
    for (const v of vs) expect(v.vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
  });

  it("replays a month of trips consistently: odometer and battery carry from trip to trip and charge to charge", () => {
    const trips = s.rows<Trip>("trips");
    const sessions = s.rows<ChargingSession>("charging_sessions");
    expect(trips.length).toBeGreaterThan(100);
    for (const v of vs) {
      const mine = trips.filter((t) => t.vehicle_id === v.id);
      for (let i = 1; i < mine.length; i++) {
        const prev = mine[i - 1]!;
        const t = mine[i]!;
        expect(t.odometer_start_km).toBe(prev.odometer_end_km);
        expect(t.started_at >= prev.ended_at, t.id).toBe(true);
        const charged = sessions.filter((c) => c.vehicle_id === v.id && c.started_at >= prev.ended_at && c.started_at < t.started_at);
        expect(t.start_battery_pct, t.id).toBe(charged.length ? charged[charged.length - 1]!.end_battery_pct : prev.end_battery_pct);
      }
      for (const t of mine) {
        expect(t.odometer_end_km - t.odometer_start_km).toBeCloseTo(t.distance_km, 1);
        expect(t.end_battery_pct).toBeCloseTo(t.start_battery_pct - (t.energy_used_kwh / v.battery_capacity_kwh) * 100, 0);
      }
    }
    const last = trips.filter((t) => t.vehicle_id === MINE).at(-1)!;
    expect(car(s, MINE).odometer_km).toBe(last.odometer_end_km);
    expect(car(s, MINE).battery_level_pct).toBe(last.end_battery_pct);
    expect(car(s, ASLEEP).odometer_km).toBe(trips.filter((t) => t.vehicle_id === ASLEEP).at(-1)!.odometer_end_km);
    for (const c of sessions) expect(c.cost).toBeCloseTo(c.energy_added_kwh * c.price_per_kwh, 2);
  });

  it("has saved destinations, charging stations and service reminders (some overdue)", () => {
    const dests = s.rows<Destination>("destinations");
    expect(dests.map((d) => d.category)).toEqual(expect.arrayContaining(["home", "work", "fitness", "shopping", "travel", "family"]));
    expect(dests[0]).toMatchObject({ name: "Home", city: world.user.address.city });
    expect(s.rows<ChargingStation>("charging_stations").length).toBeGreaterThanOrEqual(6);
    expect(s.rows<ServiceReminder>("service_reminders").length).toBeGreaterThanOrEqual(15);
    expect(s.ok("list_service_reminders", { status: "overdue" }).total).toBeGreaterThan(0);
  });
});

describe("vehicle seed across seeds", () => {
  it("keeps its fixed points and a consistent trip log for 25 seeds", () => {
    let publicSessions = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const s = openSession(vehicle, seed);
      const [mine, driving, asleep] = s.rows<Vehicle>("vehicles");
      expect(mine!.battery_level_pct, `seed ${seed}`).toBeLessThan(mine!.charging.limit_pct);
      expect(mine!.charging.plugged_in && mine!.selected).toBe(true);
      expect(driving!.speed_kmh).toBeGreaterThan(5);
      expect(driving!.navigation?.destination_kind).toBe("saved");
      expect(asleep!.online_state).toBe("asleep");
      const trips = s.rows<Trip>("trips");
      for (const v of [mine!, asleep!]) {
        const own = trips.filter((t) => t.vehicle_id === v.id);
        expect(own.at(-1)!.odometer_end_km, `seed ${seed} ${v.id}`).toBe(v.odometer_km);
        for (let i = 1; i < own.length; i++) expect(own[i]!.odometer_start_km).toBe(own[i - 1]!.odometer_end_km);
      }
      expect(Math.min(...trips.map((t) => t.end_battery_pct)), `seed ${seed}`).toBeGreaterThan(20);
      publicSessions += s.rows<ChargingSession>("charging_sessions").filter((c) => c.charging_station_id).length;
    }
    expect(publicSessions).toBeGreaterThan(25);
  });
});

describe("vehicle: fleet and status", () => {
  it("list_vehicles shows each car's summary and range", () => {
    const s = session();
    const r = s.ok("list_vehicles", {});
    expect(r.total).toBe(3);
    const mine = r.items[0];
    expect(mine).toMatchObject({ id: MINE, display_name: "Road Runner", model: "Voltaic Arc", selected: true, charging_state: "stopped", location: "Home" });
    expect(mine.range_km).toBe(rangeKm(car(s, MINE)));
    expect(r.items[1]).toMatchObject({ id: DRIVING, navigating_to: "Work — Harbor Media", gear: "D" });
  });

  it("select_vehicle changes the default target of commands", () => {
    const s = session();
    expect(s.ok("get_vehicle_status", {}).id).toBe(MINE);
    expect(s.ok("select_vehicle", { vehicle_id: ASLEEP })).toMatchObject({ id: ASLEEP, selected: true });
    expect(
      s
        .rows<Vehicle>("vehicles")
        .filter((v) => v.selected)
        .map((v) => v.id),
    ).toEqual([ASLEEP]);
    expect(s.ok("get_vehicle_status", {}).id).toBe(ASLEEP);
    s.fails("select_vehicle", { vehicle_id: ASLEEP }, "conflict", /already the selected vehicle/);
    s.fails("select_vehicle", { vehicle_id: "VEH-9999" }, "not_found", /list_vehicles/);
  });

  it("get_vehicle_status gives the full state with derived range and open closures", () => {
    const s = session();
    const st = s.ok("get_vehicle_status", { vehicle_id: DRIVING });
    expect(st).toMatchObject({ id: DRIVING, moving: true, gear_name: "drive", open_closures: [], range_km: rangeKm(car(s, DRIVING)) });
    s.ok("open_trunk", { which: "frunk" });
    expect(s.ok("get_vehicle_status", {}).open_closures).toEqual(["frunk"]);
  });

  it("wake_vehicle wakes an asleep car; asleep cars refuse commands", () => {
    const s = session();
    s.fails(
      "honk_horn",
      { vehicle_id: ASLEEP },
      "failed_precondition",
      /VEH-1003 \("Sparky"\) is asleep and does not take commands; wake it with wake_vehicle first/,
    );
    s.fails("set_window_position", { vehicle_id: ASLEEP, window: "all", position: 10 }, "failed_precondition", /asleep/);
    expect(s.ok("wake_vehicle", { vehicle_id: ASLEEP }).online_state).toBe("online");
    s.fails("wake_vehicle", { vehicle_id: ASLEEP }, "conflict", /already awake/);
    expect(s.ok("honk_horn", { vehicle_id: ASLEEP })).toMatchObject({ honked: true, location: "SFO Airport — long-term parking" });
  });
});

describe("vehicle: power and gear", () => {
  it("start_engine switches the car on, even with the trunk open", () => {
    const s = session();
    s.ok("open_trunk", {});
    const r = s.ok("start_engine", {});
    expect(r).toMatchObject({ vehicle_id: MINE, power_state: "on", gear: "P", open_closures: ["trunk"] });
    s.fails("start_engine", {}, "conflict", /already on/);
  });

  it("start_engine needs charge in the battery (rule checked on an empty car)", () => {
    const empty = { ...car(session(), MINE), battery_level_pct: 0 };
    expect(() => checkCanStart(empty)).toThrow(/empty battery \(0 %\); charge it before switching it on/);
    expect(() => checkCanStart({ ...empty, battery_level_pct: 5 })).not.toThrow();
  });

  it("stop_engine refuses while moving and shifts into park at a standstill", () => {
    const s = session();
    const speed = car(s, DRIVING).speed_kmh;
    s.fails(
      "stop_engine",
      { vehicle_id: DRIVING },
      "failed_precondition",
      new RegExp(`is in drive at ${speed} km/h; it cannot be switched off while moving: bring it to a stop \\(0 km/h\\) first`),
    );
    s.fails("stop_engine", {}, "conflict", /already off/);
    readyToDrive(s);
    expect(s.ok("stop_engine", { vehicle_id: ASLEEP })).toMatchObject({ power_state: "off", gear: "P" });
  });

  it("shifting out of park needs the car on, the brake pressed and the cable unplugged", () => {
    const s = session();
    s.fails("shift_gear", { gear: "D", brake_pressed: true }, "failed_precondition", /is off; switch it on with start_engine before shifting out of park/);
    s.ok("start_engine", {});
    s.fails("shift_gear", { gear: "D" }, "failed_precondition", /needs the brake pressed: call again with brake_pressed=true/);
    s.fails(
      "shift_gear",
      { gear: "R", brake_pressed: true },
      "failed_precondition",
      /is plugged into a charger \(Home\); unplug the charge cable before shifting out of park/,
    );
    s.fails("shift_gear", { gear: "P" }, "conflict", /already in park/);
  });

  it("shifting out of park needs doors, trunk and frunk closed", () => {
    const s = session();
    s.ok("wake_vehicle", { vehicle_id: ASLEEP });
    s.ok("start_engine", { vehicle_id: ASLEEP });
    s.ok("open_trunk", { vehicle_id: ASLEEP, which: "frunk" });
    s.ok("open_trunk", { vehicle_id: ASLEEP });
    s.fails(
      "shift_gear",
      { vehicle_id: ASLEEP, gear: "D", brake_pressed: true },
      "failed_precondition",
      /cannot drive off with the trunk, frunk open; close them first/,
    );
  });

  it("shift_gear drives off when everything is ready; park and reverse need 0 km/h", () => {
    const s = session();
    expect(readyToDrive(s)).toMatchObject({ gear: "D", previous_gear: "P" });
    expect(s.ok("shift_gear", { vehicle_id: ASLEEP, gear: "R" }).gear).toBe("R");
    const speed = car(s, DRIVING).speed_kmh;
    s.fails("shift_gear", { vehicle_id: DRIVING, gear: "P" }, "failed_precondition", new RegExp(`moving at ${speed} km/h; shift into park only at 0 km/h`));
    s.fails("shift_gear", { vehicle_id: DRIVING, gear: "R" }, "failed_precondition", /shift into reverse only at 0 km\/h/);
    expect(s.ok("shift_gear", { vehicle_id: DRIVING, gear: "N" }).gear).toBe("N");
    s.fails("shift_gear", { vehicle_id: DRIVING, gear: "R" }, "failed_precondition", /only at 0 km\/h/);
    expect(s.ok("shift_gear", { vehicle_id: DRIVING, gear: "D" }).gear).toBe("D");
  });
});

describe("vehicle: locks and closures", () => {
  it("lock_vehicle / unlock_vehicle toggle central locking", () => {
    const s = session();
    expect(s.ok("unlock_vehicle", {}).locked).toBe(false);
    s.fails("unlock_vehicle", {}, "conflict", /already unlocked/);
    expect(s.ok("lock_vehicle", {}).locked).toBe(true);
    s.fails("lock_vehicle", {}, "conflict", /already locked/);
  });

  it("doors do not unlock above 5 km/h: the message gives the speed and says to slow down or park", () => {
    const s = session();
    const speed = car(s, DRIVING).speed_kmh;
    s.fails(
      "unlock_vehicle",
      { vehicle_id: DRIVING },
      "failed_precondition",
      new RegExp(
        `VEH-1002 \\("Nimbus"\\) is driving at ${speed} km/h in drive; it cannot unlock its doors above 5 km/h: the car must slow down to 5 km/h or less, or park`,
      ),
    );
    // In drive but standing still: allowed.
    readyToDrive(s);
    expect(s.ok("unlock_vehicle", { vehicle_id: ASLEEP })).toMatchObject({ gear: "D", speed_kmh: 0, locked: false });
  });

  it("open_trunk opens the trunk or the frunk, not while driving", () => {
    const s = session();
    expect(s.ok("open_trunk", {})).toEqual({ vehicle_id: MINE, trunk: "open", frunk: "closed" });
    expect(s.ok("open_trunk", { which: "frunk" })).toEqual({ vehicle_id: MINE, trunk: "open", frunk: "open" });
    s.fails("open_trunk", {}, "conflict", /trunk of VEH-1001 \("Road Runner"\) is already open/);
    s.fails("open_trunk", { vehicle_id: DRIVING }, "failed_precondition", /cannot open the trunk above 5 km\/h/);
  });

  it("close_trunk closes the powered trunk; the frunk closes only by hand", () => {
    const s = session();
    s.fails("close_trunk", {}, "conflict", /already closed/);
    s.ok("open_trunk", {});
    s.ok("open_trunk", { which: "frunk" });
    expect(s.ok("close_trunk", {})).toEqual({ vehicle_id: MINE, trunk: "closed", frunk: "open" });
    s.fails("close_trunk", { which: "frunk" }, "failed_precondition", /has no motor: it must be closed by hand/);
  });

  it("set_window_position moves one or all windows 0-100", () => {
    const s = session();
    expect(s.ok("set_window_position", { window: "front_left", position: 30 }).windows).toEqual({
      front_left: 30,
      front_right: 0,
      rear_left: 0,
      rear_right: 0,
    });
    expect(s.ok("set_window_position", { window: "all", position: 10 }).windows).toEqual({ front_left: 10, front_right: 10, rear_left: 10, rear_right: 10 });
    s.fails("set_window_position", { window: "all", position: 120 }, "invalid_arguments", /window position is 0-100 %: 0 closed, 100 open/);
    s.fails("set_window_position", { window: "sunroof", position: 10 }, "invalid_arguments");
  });
});

describe("vehicle: lights and signals", () => {
  it("set_headlights sets mode and fog lights; not off while moving; fog needs headlights", () => {
    const s = session();
    expect(s.ok("set_headlights", { mode: "on", fog_lights: true })).toEqual({ vehicle_id: MINE, headlights: "on", fog_lights: true });
    expect(s.ok("set_headlights", { mode: "off" })).toEqual({ vehicle_id: MINE, headlights: "off", fog_lights: false });
    s.fails("set_headlights", { mode: "off", fog_lights: true }, "invalid_argument", /fog lights work only with the headlights on or auto/);
    s.fails("set_headlights", { vehicle_id: DRIVING, mode: "off" }, "failed_precondition", /headlights cannot be switched off while driving: use auto/);
    expect(s.ok("set_headlights", { vehicle_id: DRIVING, mode: "on" }).headlights).toBe("on");
  });

  it("flash_lights and honk_horn work only while parked and are recorded", () => {
    const s = session();
    expect(s.ok("flash_lights", {})).toMatchObject({ flashed: true, at: world.now, location: "Home" });
    expect(car(s, MINE).last_remote_command).toEqual({ command: "flash_lights", at: world.now });
    expect(s.ok("honk_horn", {}).honked).toBe(true);
    expect(car(s, MINE).last_remote_command?.command).toBe("honk_horn");
    s.fails("honk_horn", { vehicle_id: DRIVING }, "failed_precondition", /is in drive at \d+ km\/h; it can honk remotely only while parked \(gear P\)/);
    s.fails("flash_lights", { vehicle_id: DRIVING }, "failed_precondition", /flash its lights remotely only while parked/);
  });

  it("get_tire_pressure reports bar and psi and flags the low tyre", () => {
    const s = session();
    const r = s.ok("get_tire_pressure", {});
    // The seed leaves one tyre of the user's car 0.4-0.6 bar under the recommended 2.9 bar.
    const [lowWheel, t] = Object.entries(car(s, MINE).tires).find(([, x]) => x.pressure_bar < x.recommended_bar - 0.3)!;
    const low = r.wheels.find((w: { wheel: string }) => w.wheel === lowWheel);
    expect(low).toEqual({
      wheel: lowWheel,
      pressure_bar: t.pressure_bar,
      pressure_psi: Math.round(t.pressure_bar * 145.038) / 10,
      recommended_bar: 2.9,
      recommended_psi: 42.1,
      difference_bar: Math.round((t.pressure_bar - 2.9) * 10) / 10,
      status: "low",
    });
    expect(r.wheels.filter((w: { status: string }) => w.status === "ok")).toHaveLength(3);
    expect(r.warning).toBe(`Low tyre pressure: ${lowWheel}. Inflate to 2.9 bar.`);
    expect(s.ok("get_tire_pressure", { vehicle_id: DRIVING }).warning).toBeUndefined();
  });
});

describe("vehicle: climate", () => {
  it("set_climate_temperature sets zones 16-28 °C, passenger following the driver", () => {
    const s = session();
    expect(s.ok("set_climate_temperature", { driver_temp_c: 22 }).climate).toMatchObject({
      driver_temp_c: 22,
      passenger_temp_c: 22,
      rear_temp_c: 21,
      on: false,
    });
    expect(s.ok("set_climate_temperature", { driver_temp_c: 21, passenger_temp_c: 23.5, rear_temp_c: 19 }).climate).toMatchObject({
      driver_temp_c: 21,
      passenger_temp_c: 23.5,
      rear_temp_c: 19,
    });
    s.fails("set_climate_temperature", { driver_temp_c: 30 }, "invalid_arguments", /climate temperatures are 16-28 °C/);
    s.fails("set_climate_temperature", { driver_temp_c: 15 }, "invalid_arguments", /16-28/);
    s.fails("set_climate_temperature", { driver_temp_c: 21.3 }, "invalid_arguments", /steps of 0.5/);
  });

  it("start_climate and stop_climate switch climate, stopping clears heaters and defrost", () => {
    const s = session();
    expect(s.ok("start_climate", {}).climate).toMatchObject({ on: true, fan_speed: 3 });
    s.fails("start_climate", {}, "conflict", /already on/);
    s.ok("set_seat_heater", { seat: "driver", level: 3 });
    s.ok("set_defrost", { rear: true });
    expect(s.ok("stop_climate", {}).climate).toMatchObject({ on: false, fan_speed: 0, rear_defrost: false, seat_heaters: { driver: 0, passenger: 0 } });
    s.fails("stop_climate", {}, "conflict", /already off/);
  });

  it("climate needs 10 % battery unless plugged in (rule checked on a drained car)", () => {
    const drained = { ...car(session(), DRIVING), battery_level_pct: 8 };
    expect(() => checkClimateBattery(drained, 8)).toThrow(/is at 8 % battery; climate needs at least 10 % unless the car is plugged in/);
    expect(() => checkClimateBattery({ ...drained, charging: { ...drained.charging, plugged_in: true } }, 8)).not.toThrow();
    expect(() => checkClimateBattery(drained, 10)).not.toThrow();
  });

  it("set_seat_heater needs climate on when the car is off; rear heaters only above the Standard trim", () => {
    const s = session();
    s.fails(
      "set_seat_heater",
      { seat: "driver", level: 2 },
      "failed_precondition",
      /is off with climate off; remote seat heating needs climate on: call start_climate first/,
    );
    s.ok("start_climate", {});
    expect(s.ok("set_seat_heater", { seat: "rear_center", level: 2 }).climate.seat_heaters).toEqual({
      driver: 0,
      passenger: 0,
      rear_left: 0,
      rear_center: 2,
      rear_right: 0,
    });
    s.fails("set_seat_heater", { seat: "driver", level: 4 }, "invalid_arguments", /0 \(off\) to 3 \(high\)/);
    s.ok("wake_vehicle", { vehicle_id: ASLEEP });
    s.fails(
      "set_seat_heater",
      { vehicle_id: ASLEEP, seat: "rear_left", level: 1 },
      "invalid_argument",
      /Voltaic Pulse Standard\) has no rear seat heaters; heated seats: driver, passenger/,
    );
    // A car that is on heats seats without climate.
    s.ok("start_engine", { vehicle_id: ASLEEP });
    expect(s.ok("set_seat_heater", { vehicle_id: ASLEEP, seat: "passenger", level: 1 }).climate.seat_heaters.passenger).toBe(1);
  });

  it("set_defrost: front max defrost turns climate on at full fan", () => {
    const s = session();
    expect(s.ok("set_defrost", { front: true }).climate).toMatchObject({ on: true, front_defrost: true, fan_speed: 10 });
    expect(s.ok("set_defrost", { front: false, rear: true }).climate).toMatchObject({ front_defrost: false, rear_defrost: true });
    s.fails("set_defrost", {}, "invalid_argument", /give front, rear or both/);
  });

  it("set_climate_fan_speed sets 1-10 while climate runs", () => {
    const s = session();
    s.fails("set_climate_fan_speed", { fan_speed: 5 }, "failed_precondition", /climate of VEH-1001 \("Road Runner"\) is off; start it with start_climate/);
    s.ok("start_climate", {});
    expect(s.ok("set_climate_fan_speed", { fan_speed: 7 }).climate.fan_speed).toBe(7);
    s.fails("set_climate_fan_speed", { fan_speed: 0 }, "invalid_arguments", /fan speed is 1-10/);
  });
});

describe("vehicle: battery and charging", () => {
  it("get_battery_status gives level, range and the time to the limit", () => {
    const s = session();
    const v = car(s, MINE);
    const toLimit = Math.round(((v.charging.limit_pct - v.battery_level_pct) / 100) * v.battery_capacity_kwh * 100) / 100;
    expect(s.ok("get_battery_status", {})).toEqual({
      vehicle_id: MINE,
      battery_level_pct: v.battery_level_pct,
      range_km: rangeKm(v),
      range_at_limit_km: rangeKm(v, 80),
      battery_capacity_kwh: 75,
      charge_limit_pct: 80,
      plugged_in: true,
      charging_state: "stopped",
      charger_power_kw: 11,
      energy_to_limit_kwh: toLimit,
      minutes_to_limit: Math.ceil((toLimit / 11) * 60),
    });
    expect(s.ok("get_battery_status", { vehicle_id: DRIVING })).toMatchObject({ plugged_in: false, charging_state: "disconnected" });
  });

  it("start_charging opens a session; stop_charging closes it with the energy and cost of the time charged", () => {
    const s = session();
    const level = car(s, MINE).battery_level_pct;
    const sess = s.ok("start_charging", {});
    expect(sess).toMatchObject({
      vehicle_id: MINE,
      location: "Home",
      status: "in_progress",
      start_battery_pct: level,
      power_kw: 11,
      price_per_kwh: 0.31,
      started_at: world.now,
    });
    expect(car(s, MINE).charging).toMatchObject({ state: "charging", session_id: sess.id });
    expect(sess.id).toBe(`CHS-${1000 + s.rows<ChargingSession>("charging_sessions").length}`);
    s.fails("start_charging", {}, "conflict", new RegExp(`already charging \\(session ${sess.id}\\)`));
    s.advance(4 * 60_000); // 5 minutes after the start: 11 kW for 5 minutes
    const energy = Math.round(((11 * 5) / 60) * 100) / 100;
    const reached = Math.round((level + ((11 * 5) / 60 / 75) * 100) * 10) / 10;
    expect(energy).toBe(0.92);
    expect(s.ok("get_battery_status", {})).toMatchObject({ energy_added_kwh: energy, battery_level_pct: reached, charging_state: "charging" });
    const done = s.ok("stop_charging", {});
    expect(done).toMatchObject({
      id: sess.id,
      status: "completed",
      ended_at: time.addMinutes(world.now, 5),
      energy_added_kwh: energy,
      end_battery_pct: reached,
      cost: Math.round(energy * 31) / 100,
      battery_level_pct: reached,
    });
    expect(car(s, MINE)).toMatchObject({ battery_level_pct: reached, charging: { state: "stopped", plugged_in: true } });
    expect(car(s, MINE).charging.session_id).toBeUndefined();
    s.fails("stop_charging", {}, "conflict", /is not charging \(charging state: stopped\)/);
  });

  it("a session stops at the charge limit", () => {
    const s = session();
    const room = Math.round(((80 - car(s, MINE).battery_level_pct) / 100) * 75 * 100) / 100;
    s.ok("start_charging", {});
    s.advance(120 * 60_000);
    expect(s.ok("get_battery_status", {})).toMatchObject({ battery_level_pct: 80, charging_state: "complete", energy_added_kwh: room });
    expect(s.ok("stop_charging", {})).toMatchObject({ energy_added_kwh: room, end_battery_pct: 80 });
    expect(car(s, MINE).charging.state).toBe("complete");
    s.fails("start_charging", {}, "failed_precondition", /is at 80 %, already at its charge limit of 80 %; raise the limit with set_charge_limit/);
  });

  it("start_charging needs the cable plugged in and the car awake", () => {
    const s = session();
    s.fails("start_charging", { vehicle_id: DRIVING }, "failed_precondition", /VEH-1002 \("Nimbus"\) is not plugged in; connect the charge cable first/);
    s.fails("start_charging", { vehicle_id: ASLEEP }, "failed_precondition", /asleep/);
  });

  it("charging works only in park (rule checked on a plugged-in car in neutral)", () => {
    const v = car(session(), MINE);
    expect(() => checkCanCharge({ ...v, gear: "N" })).toThrow(/is in neutral at 0 km\/h; charging only works in park/);
    expect(() => checkCanCharge({ ...v, charging: { ...v.charging, plugged_in: false } })).toThrow(/not plugged in/);
    expect(() => checkCanCharge(v)).not.toThrow();
  });

  it("set_charge_limit takes 50-100 %; lowering it below the level reached ends the session", () => {
    const s = session();
    const level = car(s, MINE).battery_level_pct;
    expect(s.ok("set_charge_limit", { limit_pct: 90 })).toEqual({
      vehicle_id: MINE,
      charge_limit_pct: 90,
      charging_state: "stopped",
      battery_level_pct: level,
    });
    s.fails("set_charge_limit", { limit_pct: 90 }, "conflict", /already 90 %/);
    s.fails("set_charge_limit", { limit_pct: 45 }, "invalid_arguments", /the charge limit is 50-100 %/);
    s.fails("set_charge_limit", { limit_pct: 101 }, "invalid_arguments", /50-100/);
    const started = s.ok("start_charging", {});
    s.advance(10 * 60_000);
    const r = s.ok("set_charge_limit", { limit_pct: 70 });
    expect(r).toMatchObject({ charge_limit_pct: 70, charging_state: "complete", ended_session_id: started.id });
    expect(r.battery_level_pct).toBeGreaterThan(level);
    expect(s.rows<ChargingSession>("charging_sessions").find((c) => c.id === started.id)!.status).toBe("completed");
  });

  it("list_charging_sessions lists sessions newest first with totals", () => {
    const s = session();
    const all = s.rows<ChargingSession>("charging_sessions").filter((c) => c.vehicle_id === MINE);
    const r = s.ok("list_charging_sessions", { vehicle_id: MINE, limit: 100 });
    expect(r.total).toBe(all.length);
    expect(r.total_energy_kwh).toBeCloseTo(
      all.reduce((n, c) => n + c.energy_added_kwh, 0),
      2,
    );
    expect(r.items[0].started_at >= r.items[r.items.length - 1].started_at).toBe(true);
    const started = s.ok("start_charging", {});
    expect(s.ok("list_charging_sessions", { status: "in_progress" }).items.map((c: ChargingSession) => c.id)).toEqual([started.id]);
    expect(s.ok("list_charging_sessions", { from_date: world.today }).total).toBe(1);
    s.fails("list_charging_sessions", { vehicle_id: "VEH-0000" }, "not_found");
  });

  it("find_charging_stations lists stations nearest first, around the car or a city, with filters", () => {
    const s = session();
    const near = s.ok("find_charging_stations", { limit: 100 });
    expect(near.origin).toBe("Road Runner (Home)");
    const d = near.items.map((x: { distance_km: number }) => x.distance_km);
    expect(d).toEqual([...d].sort((a: number, b: number) => a - b));
    expect(near.items[0].city).toBe("San Francisco");
    const la = s.ok("find_charging_stations", { city: "Los Angeles" });
    expect(la.items[0].city).toBe("Los Angeles");
    expect(s.ok("find_charging_stations", { min_power_kw: 300, limit: 100 }).items.every((x: ChargingStation) => x.max_power_kw >= 300)).toBe(true);
    const free = s.ok("find_charging_stations", { available_only: true, limit: 100 }).items as ChargingStation[];
    expect(free.every((x) => x.available_stalls > 0)).toBe(true);
    expect(free.length).toBeLessThan(near.total);
    expect(s.ok("find_charging_stations", { network: "electrify", limit: 100 }).items.every((x: ChargingStation) => x.network === "Electrify America")).toBe(
      true,
    );
    s.fails(
      "find_charging_stations",
      { city: "Atlantis" },
      "invalid_argument",
      /"Atlantis" is not a city this map knows; cities with charging stations: San Francisco, Los Angeles/,
    );
  });
});

describe("vehicle: navigation", () => {
  it("navigate_to resolves saved names (exact or unique part), computes route, ETA and arrival battery", () => {
    const s = session();
    const tj = s.rows<Destination>("destinations").find((d) => d.name === "Trader Joe's")!;
    const v = car(s, MINE);
    const r = s.ok("navigate_to", { destination: "trader joe's" });
    const expected = route(v.location, tj);
    expect(r).toMatchObject({
      vehicle_id: MINE,
      destination_name: "Trader Joe's",
      destination_kind: "saved",
      destination_ref: tj.id,
      distance_km: expected.distance_km,
      duration_minutes: expected.duration_minutes,
      eta: time.addMinutes(world.now, expected.duration_minutes),
    });
    expect(r.arrival_battery_pct).toBeCloseTo(v.battery_level_pct - ((expected.distance_km * 150) / 1000 / 75) * 100, 1);
    expect(car(s, MINE).navigation?.destination_ref).toBe(tj.id);
    expect(s.ok("navigate_to", { destination: "copper" }).destination_name).toBe("The Copper Pot");
    expect(s.ok("navigate_to", { destination: "Los Angeles" })).toMatchObject({ destination_kind: "city", destination_name: "Los Angeles" });
  });

  it("navigate_to accepts ids of saved destinations and charging stations", () => {
    const s = session();
    expect(s.ok("navigate_to", { destination_id: "DEST-103" }).destination_ref).toBe("DEST-103");
    expect(s.ok("navigate_to", { vehicle_id: DRIVING, charging_station_id: "CHG-104" })).toMatchObject({
      destination_kind: "charging_station",
      destination_name: "Electrify America San Francisco — Riverside",
    });
    s.fails("navigate_to", {}, "invalid_argument", /exactly one of destination/);
    s.fails("navigate_to", { destination: "Home", destination_id: "DEST-101" }, "invalid_argument", /exactly one/);
    s.fails("navigate_to", { destination_id: "DEST-999" }, "not_found");
  });

  it("navigate_to needs a known destination and offers the closest matches otherwise", () => {
    const s = session();
    s.fails("navigate_to", { destination: "Seatle" }, "not_found", /no known destination matches "Seatle"; closest matches: Seattle \(city, WA, US\)/);
    s.fails(
      "navigate_to",
      { destination: "Electrify" },
      "invalid_argument",
      /"Electrify" matches 3 destinations: Electrify America San Francisco — Midtown \(charging station CHG-103\)/,
    );
  });

  it("navigate_to refuses destinations off the road network and the place the car is at", () => {
    const s = session();
    s.fails("navigate_to", { destination: "Tokyo" }, "failed_precondition", /no road route from Home near San Francisco \(US\) to Tokyo \(JP\)/);
    s.fails("navigate_to", { destination: "Home" }, "invalid_argument", /is already at Home/);
    s.fails("navigate_to", { vehicle_id: ASLEEP, destination: "Home" }, "failed_precondition", /asleep/);
  });

  it("navigate_to warns when the battery does not cover the route and suggests charging stations", () => {
    const s = session();
    const r = s.ok("navigate_to", { destination: "New York" });
    expect(r.arrival_battery_pct).toBe(0);
    expect(r.charging_stops_needed).toBeGreaterThan(8);
    const level = car(s, MINE).battery_level_pct;
    const reach = rangeKm(car(s, MINE)) - rangeKm(car(s, MINE), 10);
    expect(r.warning).toBe(
      `the route is 5161 km but the battery (${level} %) covers about ${reach} km before the 10 % reserve; plan ${r.charging_stops_needed} charging stop(s)`,
    );
    expect(r.charging_stops_needed).toBe(Math.ceil((5161 - reach) / (rangeKm(car(s, MINE), 80) - rangeKm(car(s, MINE), 10))));
    expect(r.suggested_charging_stations).toHaveLength(3);
    expect(r.suggested_charging_stations[0].distance_km).toBeLessThanOrEqual(r.suggested_charging_stations[2].distance_km);
  });

  it("cancel_navigation clears the route", () => {
    const s = session();
    expect(s.ok("cancel_navigation", { vehicle_id: DRIVING })).toEqual({ vehicle_id: DRIVING, cancelled: "Work — Harbor Media" });
    expect(car(s, DRIVING).navigation).toBeUndefined();
    s.fails("cancel_navigation", { vehicle_id: DRIVING }, "conflict", /has no active navigation/);
  });

  it("get_trip_log lists trips newest first with totals, by vehicle, dates and distance", () => {
    const s = session();
    const trips = s.rows<Trip>("trips").filter((t) => t.vehicle_id === MINE);
    const r = s.ok("get_trip_log", { vehicle_id: MINE, limit: 5 });
    expect(r.total).toBe(trips.length);
    expect(r.items[0].id).toBe(trips.at(-1)!.id);
    expect(r.next_cursor).toBeDefined();
    expect(r.total_distance_km).toBeCloseTo(
      trips.reduce((n, t) => n + t.distance_km, 0),
      1,
    );
    const day = time.addDays(world.today, -1);
    const y = s.ok("get_trip_log", { from_date: day, to_date: day, limit: 100 });
    expect(y.items.every((t: Trip) => t.started_at.startsWith(day))).toBe(true);
    expect(s.ok("get_trip_log", { min_distance_km: 9, limit: 100 }).items.every((t: Trip) => t.distance_km >= 9)).toBe(true);
    s.fails("get_trip_log", { from_date: "2026-11-05", to_date: "2026-11-01" }, "invalid_argument", /after to_date/);
  });

  it("list_saved_destinations filters by name and category", () => {
    const s = session();
    expect(s.ok("list_saved_destinations", {}).total).toBe(7);
    expect(s.ok("list_saved_destinations", { category: "work" }).items.map((d: Destination) => d.name)).toEqual(["Work — Harbor Media"]);
    expect(s.ok("list_saved_destinations", { name: "airport" }).items[0].category).toBe("travel");
  });

  it("save_destination saves coordinates or the car's location under a unique name", () => {
    const s = session();
    const here = s.ok("save_destination", { name: "Charging spot", use_current_location: true, vehicle_id: DRIVING });
    expect(here).toMatchObject({
      id: "DEST-108",
      name: "Charging spot",
      category: "other",
      city: "San Francisco",
      country: "US",
      lat: car(s, DRIVING).location.lat,
    });
    const park = s.ok("save_destination", {
      name: "Golden Gate Park",
      category: "other",
      latitude: 37.7694,
      longitude: -122.4862,
      address: "Golden Gate Park",
    });
    expect(park).toMatchObject({ address: "Golden Gate Park", lat: 37.7694, lon: -122.4862, city: "San Francisco" });
    expect(s.ok("navigate_to", { destination: "golden gate" }).destination_ref).toBe(park.id);
    s.fails("save_destination", { name: "home", use_current_location: true }, "already_exists", /"Home" is already saved \(DEST-101\)/);
    s.fails(
      "save_destination",
      { name: "X", latitude: 37.7, longitude: -122.4, use_current_location: true },
      "invalid_argument",
      /either latitude and longitude, or use_current_location/,
    );
    s.fails("save_destination", { name: "X" }, "invalid_argument", /either latitude and longitude/);
    s.fails("save_destination", { name: "X", latitude: 37.7 }, "invalid_argument", /both latitude and longitude/);
    s.fails("save_destination", { name: "Mid-Pacific", latitude: 30, longitude: -150 }, "invalid_argument", /not near any mapped city/);
    for (let i = s.ok("list_saved_destinations", {}).total; i < 50; i++) s.ok("save_destination", { name: `Spot ${i}`, latitude: 37.7, longitude: -122.4 });
    s.fails("save_destination", { name: "One too many", latitude: 37.7, longitude: -122.4 }, "limit_exceeded", /50 destinations are saved/);
  });

  it("delete_saved_destination deletes, except a destination being navigated to", () => {
    const s = session();
    s.fails(
      "delete_saved_destination",
      { destination_id: "DEST-102" },
      "failed_precondition",
      /VEH-1002 \("Nimbus"\) is navigating to "Work — Harbor Media"; cancel that navigation/,
    );
    s.ok("cancel_navigation", { vehicle_id: DRIVING });
    expect(s.ok("delete_saved_destination", { destination_id: "DEST-102" })).toEqual({ removed: "DEST-102", name: "Work — Harbor Media" });
    s.fails("delete_saved_destination", { destination_id: "DEST-102" }, "not_found");
  });
});

describe("vehicle: service reminders", () => {
  type Listed = ServiceReminder & { status: string; km_remaining?: number; days_remaining?: number };

  it("list_service_reminders computes status from date and odometer, most urgent first", () => {
    const s = session();
    const items = s.ok("list_service_reminders", { limit: 100 }).items as Listed[];
    expect(items).toHaveLength(s.rows<ServiceReminder>("service_reminders").length);
    const rank = { overdue: 0, due_soon: 1, upcoming: 2, completed: 3 } as Record<string, number>;
    expect(items.map((r) => rank[r.status])).toEqual(items.map((r) => rank[r.status]).sort());
    for (const r of items) {
      const odo = car(s, r.vehicle_id).odometer_km;
      if (r.completed_on) expect(r.status).toBe("completed");
      else {
        if (r.due_odometer_km !== undefined) expect(r.km_remaining).toBe(Math.round(r.due_odometer_km - odo));
        if (r.due_date) expect(r.days_remaining).toBe(time.daysBetween(world.today, r.due_date));
        const overdue = (r.km_remaining ?? 1) <= 0 || (r.days_remaining ?? 0) < 0;
        const soon = (r.km_remaining ?? Infinity) <= 1000 || (r.days_remaining ?? Infinity) <= 30;
        expect(r.status, r.id).toBe(overdue ? "overdue" : soon ? "due_soon" : "upcoming");
      }
    }
    // The user's car is past its tyre rotation.
    const rotation = items.find((r) => r.vehicle_id === MINE && r.kind === "tire_rotation" && !r.completed_on)!;
    expect(rotation).toMatchObject({ status: "overdue", km_remaining: Math.round(rotation.due_odometer_km! - car(s, MINE).odometer_km) });
    expect(rotation.km_remaining).toBeLessThan(0);
    expect(s.ok("list_service_reminders", { kind: "tire_rotation", status: "completed" }).total).toBe(3);
    const asleepUpcoming = items.filter((r) => r.vehicle_id === ASLEEP && r.status === "upcoming").length;
    expect(s.ok("list_service_reminders", { vehicle_id: ASLEEP, status: "upcoming" }).total).toBe(asleepUpcoming);
    s.fails("list_service_reminders", { vehicle_id: "VEH-0000" }, "not_found");
  });

  it("complete_service_reminder records the work and schedules the next one", () => {
    const s = session();
    const open = (vid: string, kind: string) =>
      s.rows<ServiceReminder>("service_reminders").find((r) => r.vehicle_id === vid && r.kind === kind && !r.completed_on)!;
    const rotation = open(MINE, "tire_rotation");
    const odo = car(s, MINE).odometer_km;
    const total = s.rows<ServiceReminder>("service_reminders").length;
    const r = s.ok("complete_service_reminder", { service_reminder_id: rotation.id });
    expect(r.completed).toMatchObject({ id: rotation.id, status: "completed", completed_on: world.today, completed_odometer_km: odo });
    expect(r.next).toMatchObject({
      id: `SVC-${101 + total}`,
      vehicle_id: MINE,
      kind: "tire_rotation",
      due_odometer_km: Math.round(odo + 10000),
      status: "upcoming",
      km_remaining: Math.round(odo + 10000 - odo),
    });
    const wipers = open(DRIVING, "wiper_blades");
    const w = s.ok("complete_service_reminder", { service_reminder_id: wipers.id, completed_on: "2026-11-06", odometer_km: 1000 });
    expect(w.completed).toMatchObject({ completed_on: "2026-11-06", completed_odometer_km: 1000 });
    expect(w.next).toMatchObject({ due_date: "2027-11-06", interval_days: 365, status: "upcoming" });
    s.fails("complete_service_reminder", { service_reminder_id: rotation.id }, "conflict", /already completed on 2026-11-09/);
    const filter = open(MINE, "cabin_air_filter");
    s.fails(
      "complete_service_reminder",
      { service_reminder_id: filter.id, completed_on: "2026-12-01" },
      "invalid_argument",
      /in the future; today is 2026-11-09/,
    );
    s.fails(
      "complete_service_reminder",
      { service_reminder_id: filter.id, odometer_km: odo + 500 },
      "invalid_argument",
      new RegExp(`above the car's current reading of ${odo} km`),
    );
    s.fails("complete_service_reminder", { service_reminder_id: "SVC-999" }, "not_found");
  });
});

describe("vehicle: scenario", () => {
  it("finds the asleep car, selects and wakes it, finds a free fast charger near it and routes there", () => {
    const s = session();
    // 1. The asleep car.
    const asleep = (s.ok("list_vehicles", {}).items as Array<{ id: string; online_state: string }>).find((v) => v.online_state === "asleep")!;
    // 2. Make it the default, 3. wake it (no vehicle_id: the selected one).
    s.ok("select_vehicle", { vehicle_id: asleep.id });
    expect(s.ok("wake_vehicle", {}).vehicle_id).toBe(asleep.id);
    // 4. Its battery, 5. a free fast charger near it.
    const battery = s.ok("get_battery_status", {});
    const station = s.ok("find_charging_stations", { available_only: true, min_power_kw: 150 }).items[0] as ChargingStation & { distance_km: number };
    expect(station.available_stalls).toBeGreaterThan(0);
    // 6. Route there; the route's energy fits the battery.
    const nav = s.ok("navigate_to", { charging_station_id: station.id });
    expect(nav).toMatchObject({ vehicle_id: asleep.id, destination_ref: station.id, destination_kind: "charging_station" });
    expect(nav.arrival_battery_pct).toBeCloseTo(battery.battery_level_pct - (nav.energy_needed_kwh / 60) * 100, 1);
    // 7. The car's status shows the route; precondition the cabin for the drive.
    expect(s.ok("get_vehicle_status", {}).navigation.destination_name).toBe(station.name);
    expect(s.ok("start_climate", {}).climate.on).toBe(true);
  });
});

describe("vehicle: rule helpers raise tool errors", () => {
  it("the pure rule checks throw a ToolError with failed_precondition", () => {
    let err: unknown;
    try {
      checkCanStart({ ...car(session(), MINE), battery_level_pct: 0 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).code).toBe("failed_precondition");
  });
});
