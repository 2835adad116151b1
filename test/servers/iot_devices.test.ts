import { describe, expect, it } from "vitest";
import { time, worldFor } from "../../ts/servers/framework/index.ts";
import iot from "../../ts/servers/iot_devices/index.ts";
import {
  nextState,
  type AccessCode,
  type Automation,
  type Device,
  type DeviceGroup,
  type EnergyReading,
  type Room,
  type Scene,
  type Schedule,
} from "../../ts/servers/iot_devices/state.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(iot, 25);

const SEED = 7;
const world = worldFor(SEED);
const session = () => openSession(iot, SEED);

const devices = (s: TestSession) => s.rows<Device>("devices");
/** A device by its exact name (names in the seed are unique across the home). */
const dev = (s: TestSession, name: string) => {
  const d = devices(s).find((x) => x.name === name);
  if (!d) throw new Error(`no device named ${name}`);
  return d;
};
const byId = (s: TestSession, id: string) => devices(s).find((x) => x.id === id) as Device;
const codeOf = (s: TestSession, deviceId: string, who = "Owner") =>
  s.rows<AccessCode>("access_codes").find((c) => c.device_id === deviceId && c.name.startsWith(who))!.code;

describe("iot_devices seed", () => {
  const s = session();
  const all = devices(s);

  it("holds 10-12 rooms and 40-80 devices, each in an existing room, with names unique per room", () => {
    const rooms = s.rows<Room>("rooms");
    expect(rooms.length).toBeGreaterThanOrEqual(10);
    expect(rooms.length).toBeLessThanOrEqual(12);
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(all.length).toBeLessThanOrEqual(80);
    const roomIds = new Set(rooms.map((r) => r.id));
    for (const d of all) expect(roomIds.has(d.room_id), d.id).toBe(true);
    const keys = all.map((d) => `${d.room_id}/${d.name.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of ["light", "switch", "plug", "thermostat", "lock", "camera", "blind", "sensor", "speaker", "alarm_panel"]) {
      expect(
        all.some((d) => d.type === t),
        t,
      ).toBe(true);
    }
  });

  it("has fixed points: patio door open and unlocked, front door locked, alarm disarmed, garden camera offline", () => {
    expect(dev(s, "Patio Door Lock").state).toMatchObject({ locked: false, door: "open" });
    expect(dev(s, "Front Door Lock").state).toMatchObject({ locked: true, door: "closed" });
    expect(dev(s, "Alarm Keypad").state.alarm_mode).toBe("disarmed");
    const cam = dev(s, "Garden Camera");
    expect(cam.online).toBe(false);
    expect(cam.last_seen < world.now).toBe(true);
    expect(all.filter((d) => !d.online).length).toBeGreaterThanOrEqual(2);
  });

  it("keeps every scene, automation, schedule and group valid against the devices they name", () => {
    const ids = new Set(all.map((d) => d.id));
    for (const sc of s.rows<Scene>("scenes")) {
      for (const e of sc.entries) expect(() => nextState(byId(s, e.device_id), e.state), `${sc.name} ${e.device_id}`).not.toThrow();
    }
    for (const a of s.rows<Automation>("automations")) {
      for (const act of a.actions) if (act.type === "device") expect(() => nextState(byId(s, act.device_id), act.state), a.name).not.toThrow();
      if ("device_id" in a.trigger) expect(ids.has(a.trigger.device_id)).toBe(true);
    }
    for (const sc of s.rows<Schedule>("schedules")) {
      if (sc.enabled) expect(sc.next_run_at! > world.now && sc.last_run_at! <= world.now, sc.name).toBe(true);
      if (sc.action.type === "device")
        expect(() => nextState(byId(s, (sc.action as { device_id: string }).device_id), (sc.action as { state: object }).state), sc.name).not.toThrow();
    }
    for (const g of s.rows<DeviceGroup>("device_groups")) for (const m of g.device_ids) expect(byId(s, m).capabilities).toContain("on_off");
  });

  it("derives state consistently: dimmed-to-0 lights are off, plugs draw their rating when on, thermostats heat below setpoint", () => {
    for (const d of all) {
      if (d.capabilities.includes("brightness")) expect(d.state.power === "on", d.name).toBe((d.state.brightness ?? 0) > 0);
      if (d.type === "plug") expect(d.state.power_w).toBe(d.state.power === "on" ? d.rated_power_w : 0);
      if (d.type === "thermostat" && d.state.hvac_mode === "heat")
        expect(d.state.hvac_action).toBe(d.state.temperature_c! < d.state.heat_setpoint_c! ? "heating" : "idle");
    }
  });

  it("has 14 days of energy readings per metered device, priced at the tariff of 0.31 per kWh", () => {
    const readings = s.rows<EnergyReading>("energy_readings");
    const metered = all.filter((d) => d.capabilities.includes("power_meter"));
    expect(readings.length).toBe(metered.length * 14);
    for (const r of readings) expect(Math.abs(r.cost - r.kwh * 0.31)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(readings.every((r) => r.date < world.today && r.date >= time.addDays(world.today, -14))).toBe(true);
  });

  it("differs between seeds", () => {
    const other = openSession(iot, 8);
    expect(JSON.stringify(devices(other).map((d) => d.state))).not.toBe(JSON.stringify(all.map((d) => d.state)));
  });
});

describe("iot_devices seed across seeds", () => {
  it("keeps its fixed points and valid scenes, automations and schedules for 25 seeds", () => {
    for (let seed = 1; seed <= 25; seed++) {
      const s = openSession(iot, seed);
      const all = devices(s);
      expect(all.length, `seed ${seed}`).toBeGreaterThanOrEqual(40);
      expect(all.length).toBeLessThanOrEqual(80);
      expect(all.filter((d) => !d.online).length).toBeGreaterThanOrEqual(2);
      expect(dev(s, "Patio Door Lock").state).toMatchObject({ locked: false, door: "open" });
      for (const sc of s.rows<Scene>("scenes"))
        for (const e of sc.entries) expect(() => nextState(byId(s, e.device_id), e.state), `seed ${seed} ${sc.name}`).not.toThrow();
      for (const a of s.rows<Automation>("automations"))
        for (const act of a.actions) if (act.type === "device") expect(() => nextState(byId(s, act.device_id), act.state)).not.toThrow();
      for (const sc of s.rows<Schedule>("schedules")) if (sc.enabled) expect(sc.next_run_at! > s.now()).toBe(true);
    }
  });
});

describe("iot_devices: rooms", () => {
  it("list_home_rooms counts devices per room and filters by floor", () => {
    const s = session();
    const r = s.ok("list_home_rooms", { limit: 100 });
    expect(r.total).toBe(11);
    expect(r.items.reduce((n: number, x: { device_count: number }) => n + x.device_count, 0)).toBe(devices(s).length);
    const living = r.items.find((x: Room) => x.name === "Living Room");
    expect(living.device_count).toBe(devices(s).filter((d) => d.room_id === living.id).length);
    const up = s.ok("list_home_rooms", { floor: 1 }).items as Room[];
    expect(up.length).toBeGreaterThan(2);
    expect(up.every((x) => x.floor === 1)).toBe(true);
  });

  it("create_home_room adds a room; names are unique (case-insensitive)", () => {
    const s = session();
    const r = s.ok("create_home_room", { name: "Workshop", kind: "garage" });
    expect(r).toMatchObject({ id: "ROOM-112", name: "Workshop", kind: "garage", floor: 0 });
    s.fails("create_home_room", { name: "kitchen", kind: "kitchen" }, "already_exists", /"Kitchen" already exists \(ROOM-102\)/);
  });

  it("delete_home_room removes an empty room, detaching its scenes; refuses a room with devices", () => {
    const s = session();
    const kitchen = s.rows<Room>("rooms").find((r) => r.name === "Kitchen")!;
    s.fails("delete_home_room", { room_id: kitchen.id }, "failed_precondition", /still holds 7 device\(s\): DEV-1012 \(Kitchen Ceiling\).*move_device_to_room/);
    const room = s.ok("create_home_room", { name: "Sunroom", kind: "living_room" });
    const scene = s.ok("create_scene", {
      name: "Sunroom Evening",
      room_id: room.id,
      entries: [{ device_id: dev(s, "Floor Lamp").id, state: { brightness: 30 } }],
    });
    expect(scene.room_id).toBe(room.id);
    expect(s.ok("delete_home_room", { room_id: room.id })).toEqual({ removed: room.id, name: "Sunroom" });
    expect(s.rows<Room>("rooms").some((r) => r.id === room.id)).toBe(false);
    expect(s.rows<Scene>("scenes").find((x) => x.id === scene.id)!.room_id).toBeUndefined();
    s.fails("delete_home_room", { room_id: room.id }, "not_found");
  });
});

describe("iot_devices: devices", () => {
  it("list_devices filters by room, type, capability, online, power and name", () => {
    const s = session();
    const living = "ROOM-101";
    const inLiving = s.ok("list_devices", { room_id: living, limit: 100 });
    expect(inLiving.total).toBe(11);
    expect(inLiving.items.every((d: Device & { room_name: string }) => d.room_id === living && d.room_name === "Living Room")).toBe(true);
    const colour = s.ok("list_devices", { capability: "color", limit: 100 }).items as Device[];
    expect(colour.map((d) => d.name).sort()).toEqual(["Bedside Lamp Left", "Bedside Lamp Right", "Dining Pendant", "Floor Lamp", "TV Backlight"]);
    const offline = s.ok("list_devices", { online: false }).items as Device[];
    expect(offline.map((d) => d.name)).toEqual(["TV Backlight", "Study Blind", "Garden Camera"]);
    const locks = s.ok("list_devices", { type: "lock" }).items as Device[];
    expect(locks.map((d) => d.name)).toEqual(["Patio Door Lock", "Front Door Lock", "Garage Side Door Lock"]);
    const on = s.ok("list_devices", { power: "on", limit: 100 }).items as Device[];
    expect(on.every((d) => d.state.power === "on")).toBe(true);
    expect(on.map((d) => d.name)).toContain("Chest Freezer");
    expect(s.ok("list_devices", { name: "bedside" }).total).toBe(2);
    s.fails("list_devices", { room_id: "ROOM-999" }, "not_found");
  });

  it("get_device shows room, capabilities, ranges, groups and scenes", () => {
    const s = session();
    const lamp = s.ok("get_device", { device_id: dev(s, "Floor Lamp").id });
    expect(lamp).toMatchObject({
      name: "Floor Lamp",
      type: "light",
      room_name: "Living Room",
      color_temp_range_k: { min: 2000, max: 6500 },
      group_ids: ["GRP-101"],
    });
    expect(lamp.capabilities).toEqual(["on_off", "brightness", "color_temperature", "color"]);
    expect(lamp.scene_ids).toEqual(["SCN-102", "SCN-103"]);
    s.fails("get_device", { device_id: "DEV-9999" }, "not_found", /list_devices/);
  });

  it("get_device_state returns the state, marking offline devices' state stale", () => {
    const s = session();
    const t = s.ok("get_device_state", { device_id: dev(s, "Main Thermostat").id });
    expect(t).toMatchObject({ online: true, stale: false, state: { hvac_mode: "heat", heat_setpoint_c: 21, temperature_c: 21.9, hvac_action: "idle" } });
    const cam = s.ok("get_device_state", { device_id: dev(s, "Garden Camera").id });
    expect(cam).toMatchObject({ online: false, stale: true, last_seen: dev(s, "Garden Camera").last_seen });
  });

  it("rename_device renames; names are unique per room but may repeat across rooms", () => {
    const s = session();
    const lamp = dev(s, "Floor Lamp");
    expect(s.ok("rename_device", { device_id: lamp.id, name: "Reading Lamp" }).name).toBe("Reading Lamp");
    expect(byId(s, lamp.id).name).toBe("Reading Lamp");
    s.fails(
      "rename_device",
      { device_id: lamp.id, name: "tv backlight" },
      "already_exists",
      /Living Room already has a device named "TV Backlight" \(DEV-1003\)/,
    );
    s.fails("rename_device", { device_id: lamp.id, name: "Reading Lamp" }, "invalid_argument", /already named/);
    // "Desk Lamp" lives in the Study, so the living-room lamp may take the name.
    expect(s.ok("rename_device", { device_id: lamp.id, name: "Desk Lamp" }).name).toBe("Desk Lamp");
  });

  it("move_device_to_room moves a device unless its name clashes in the target room", () => {
    const s = session();
    const speaker = dev(s, "Kitchen Speaker");
    const moved = s.ok("move_device_to_room", { device_id: speaker.id, room_id: "ROOM-103" });
    expect(moved).toMatchObject({ room_id: "ROOM-103", room_name: "Dining Room" });
    s.fails("move_device_to_room", { device_id: speaker.id, room_id: "ROOM-103" }, "invalid_argument", /already in Dining Room/);
    s.ok("rename_device", { device_id: speaker.id, name: "Living Room Speaker" });
    s.fails(
      "move_device_to_room",
      { device_id: speaker.id, room_id: "ROOM-101" },
      "already_exists",
      /Living Room already has a device named "Living Room Speaker" \(DEV-1007\)/,
    );
    s.fails("move_device_to_room", { device_id: speaker.id, room_id: "ROOM-404" }, "not_found");
  });

  it("get_sensor_reading reports what a device measures; offline readings are stale; a plain light measures nothing", () => {
    const s = session();
    const r = s.ok("get_sensor_reading", { device_id: dev(s, "Bedroom Climate Sensor").id });
    expect(r).toMatchObject({
      measures: ["temperature", "humidity", "battery"],
      readings: { temperature_c: 22.2, humidity_pct: 54, battery_pct: 73 },
      stale: false,
      room_name: "Main Bedroom",
    });
    const plug = s.ok("get_sensor_reading", { device_id: dev(s, "Chest Freezer").id });
    expect(plug.readings).toEqual({ power_w: 150 });
    expect(s.ok("get_sensor_reading", { device_id: dev(s, "Garden Camera").id })).toMatchObject({ stale: true, readings: { motion: "clear", battery_pct: 0 } });
    s.fails(
      "get_sensor_reading",
      { device_id: dev(s, "Bedroom Ceiling").id },
      "invalid_argument",
      /measures nothing; sensors in the same room: .*DEV-1034 \(Bedroom Climate Sensor\)/,
    );
  });

  it("list_device_events is the logbook, newest first, filtered by device, room, kind and time; commands add to it", () => {
    const s = session();
    const front = dev(s, "Front Door Lock");
    const ev = s.ok("list_device_events", { device_id: front.id, limit: 100 }).items as Array<{ at: string; kind: string; device_id: string }>;
    expect(ev.length).toBe(12);
    expect(ev.map((e) => e.at)).toEqual([...ev.map((e) => e.at)].sort().reverse());
    expect(s.ok("list_device_events", { device_id: front.id, kind: "door_opened" }).total).toBe(3);
    const offline = s.ok("list_device_events", { kind: "went_offline" }).items as Array<{ device_id: string }>;
    expect(offline.map((e) => e.device_id).sort()).toEqual(["DEV-1003", "DEV-1044", "DEV-1060"]);
    const since = time.addMinutes(world.now, -6 * 60);
    expect((s.ok("list_device_events", { since, limit: 100 }).items as Array<{ at: string }>).every((e) => e.at >= since)).toBe(true);
    s.ok("turn_on_device", { device_id: dev(s, "Porch Light").id });
    const latest = s.ok("list_device_events", { room_id: "ROOM-104", limit: 1 }).items[0];
    expect(latest).toMatchObject({ device_id: dev(s, "Porch Light").id, kind: "state_changed", source: "assistant", message: "Porch Light: turned on" });
  });

  it("get_home_summary gives the overview", () => {
    const s = session();
    const sum = s.ok("get_home_summary", {});
    expect(sum).toMatchObject({ rooms: 11, devices: 66, alarm_mode: "disarmed" });
    expect(sum.unlocked.map((x: { name: string }) => x.name)).toEqual(["Patio Door Lock"]);
    expect(sum.open.map((x: { name: string }) => x.name)).toEqual(["Patio Door Lock"]);
    expect(sum.lights_on.map((x: { name: string }) => x.name)).toEqual(["Living Room Ceiling", "Kitchen Ceiling"]);
    expect(sum.offline.map((x: { name: string }) => x.name)).toEqual(["TV Backlight", "Study Blind", "Garden Camera"]);
    expect(sum.low_battery.map((x: { name: string }) => x.name)).toEqual(["Garage Side Door Lock", "Garden Camera", "Sprinkler Valve"]);
  });
});

describe("iot_devices: commands", () => {
  it("turn_on_device / turn_off_device switch lights and plugs; plugs draw their rated power", () => {
    const s = session();
    const lamp = dev(s, "Floor Lamp");
    expect(s.ok("turn_on_device", { device_id: lamp.id }).state).toMatchObject({ power: "on", brightness: 100 });
    const heater = dev(s, "Space Heater");
    expect(s.ok("turn_on_device", { device_id: heater.id }).state).toEqual({ power: "on", power_w: 1500 });
    expect(s.ok("turn_off_device", { device_id: heater.id }).state).toEqual({ power: "off", power_w: 0 });
    expect(byId(s, heater.id).last_changed).toBe(time.addMinutes(world.now, 2));
  });

  it("offline devices refuse commands and say since when", () => {
    const s = session();
    const tv = dev(s, "TV Backlight");
    const since = tv.last_seen.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    s.fails(
      "turn_on_device",
      { device_id: tv.id },
      "failed_precondition",
      new RegExp(`DEV-1003 \\(TV Backlight\\) is offline since ${since} \\(\\d+ (minutes|hours) ago\\)`),
    );
    s.fails("set_light_brightness", { device_id: tv.id, brightness: 50 }, "failed_precondition", /offline since/);
    s.fails("set_blind_position", { device_id: dev(s, "Study Blind").id, position: 0 }, "failed_precondition", /offline since .* check its power and Wi-Fi/);
  });

  it("turning on a device without on/off fails with its capabilities", () => {
    const s = session();
    s.fails(
      "turn_off_device",
      { device_id: dev(s, "Main Thermostat").id },
      "invalid_argument",
      /thermostat that cannot be switched on or off: it supports thermostat, temperature, humidity, power_meter/,
    );
  });

  it("set_light_brightness dims 0-100; 0 turns the light off; switches cannot be dimmed", () => {
    const s = session();
    const hall = dev(s, "Hallway Light");
    expect(s.ok("set_light_brightness", { device_id: hall.id, brightness: 40 }).state).toEqual({ power: "on", brightness: 40 });
    expect(s.ok("set_light_brightness", { device_id: hall.id, brightness: 0 }).state).toEqual({ power: "off", brightness: 0 });
    s.fails("set_light_brightness", { device_id: hall.id, brightness: 140 }, "invalid_arguments", /brightness is 0-100 %/);
    s.fails("set_light_brightness", { device_id: hall.id, brightness: -5 }, "invalid_arguments", /0-100/);
    s.fails(
      "set_light_brightness",
      { device_id: dev(s, "Porch Light").id, brightness: 50 },
      "invalid_argument",
      /switch that cannot be dimmed: it supports on_off/,
    );
  });

  it("set_light_color_temperature stays within the bulb's range; dimmers take none", () => {
    const s = session();
    const desk = dev(s, "Desk Lamp");
    expect(s.ok("set_light_color_temperature", { device_id: desk.id, color_temp_k: 5000 }).state).toMatchObject({ power: "on", color_temp_k: 5000 });
    s.fails(
      "set_light_color_temperature",
      { device_id: desk.id, color_temp_k: 2000 },
      "invalid_argument",
      /takes colour temperatures from 2200 K to 6500 K; 2000 K is outside that range/,
    );
    s.fails(
      "set_light_color_temperature",
      { device_id: dev(s, "Kitchen Ceiling").id, color_temp_k: 3000 },
      "invalid_argument",
      /cannot take a colour temperature: it supports on_off, brightness/,
    );
  });

  it("set_light_color colours colour lights only (a light without colour cannot take one)", () => {
    const s = session();
    const pendant = dev(s, "Dining Pendant");
    expect(s.ok("set_light_color", { device_id: pendant.id, color: "#FF8800" }).state).toMatchObject({ power: "on", color: "#ff8800" });
    s.fails(
      "set_light_color",
      { device_id: dev(s, "Desk Lamp").id, color: "#ff0000" },
      "invalid_argument",
      /light that cannot take a colour: it supports on_off, brightness, color_temperature/,
    );
    s.fails("set_light_color", { device_id: pendant.id, color: "orange" }, "invalid_arguments", /hex RGB value such as #ff8800/);
  });

  it("set_thermostat in heat mode sets the heat setpoint (10-32 °C) and starts heating below it", () => {
    const s = session();
    const t = dev(s, "Main Thermostat");
    const r = s.ok("set_thermostat", { device_id: t.id, temperature_c: 23 });
    expect(r.state).toMatchObject({ hvac_mode: "heat", heat_setpoint_c: 23, hvac_action: "heating", power_w: 3500 });
    s.fails("set_thermostat", { device_id: t.id, temperature_c: 35 }, "invalid_arguments", /35 °C is out of range: thermostat setpoints are 10-32 °C/);
    s.fails("set_thermostat", { device_id: t.id, temperature_c: 21.3 }, "invalid_arguments", /steps of 0.5/);
    s.fails("set_thermostat", { device_id: t.id, heat_setpoint_c: 20 }, "invalid_argument", /heat mode, which has one target: give temperature_c/);
    s.fails("set_thermostat", { device_id: t.id }, "invalid_argument", /give temperature_c/);
    s.fails("set_thermostat", { device_id: dev(s, "Desk Lamp").id, temperature_c: 20 }, "invalid_argument", /cannot take a setpoint/);
  });

  it("set_thermostat in auto mode keeps heat at least 1.5 °C below cool", () => {
    const s = session();
    const t = dev(s, "Main Thermostat");
    expect(s.ok("set_thermostat_mode", { device_id: t.id, mode: "auto" }).state).toMatchObject({ hvac_mode: "auto", hvac_action: "idle" });
    s.fails(
      "set_thermostat",
      { device_id: t.id, heat_setpoint_c: 21, cool_setpoint_c: 22 },
      "invalid_argument",
      /heat setpoint must be at least 1.5 °C below the cool setpoint; .* heat 21 °C and cool 22 °C/,
    );
    s.fails("set_thermostat", { device_id: t.id, temperature_c: 21 }, "invalid_argument", /auto mode, which keeps two setpoints/);
    s.fails("set_thermostat", { device_id: t.id, cool_setpoint_c: 9 }, "invalid_arguments", /9 °C is out of range: thermostat setpoints are 10-32 °C/);
    const r = s.ok("set_thermostat", { device_id: t.id, heat_setpoint_c: 20, cool_setpoint_c: 24 });
    expect(r.state).toMatchObject({ heat_setpoint_c: 20, cool_setpoint_c: 24, hvac_action: "idle" });
    expect(s.ok("set_thermostat", { device_id: t.id, cool_setpoint_c: 21.5 }).state).toMatchObject({
      heat_setpoint_c: 20,
      cool_setpoint_c: 21.5,
      hvac_action: "cooling",
    });
  });

  it("set_thermostat_mode accepts only the device's modes; switching to auto checks the gap; off takes no target", () => {
    const s = session();
    s.fails(
      "set_thermostat_mode",
      { device_id: dev(s, "Bedroom Radiator").id, mode: "cool" },
      "invalid_argument",
      /supports the modes off, heat; "cool" is not one of them/,
    );
    const t = dev(s, "Main Thermostat");
    s.ok("set_thermostat", { device_id: t.id, temperature_c: 25 });
    s.fails("set_thermostat_mode", { device_id: t.id, mode: "auto" }, "invalid_argument", /heat 25 °C and cool 26 °C/);
    expect(s.ok("set_thermostat_mode", { device_id: t.id, mode: "off" }).state).toMatchObject({ hvac_mode: "off", hvac_action: "off", power_w: 3 });
    s.fails(
      "set_thermostat",
      { device_id: t.id, temperature_c: 20 },
      "failed_precondition",
      /is off; choose a mode with set_thermostat_mode \(heat, cool, auto\)/,
    );
    expect(s.ok("set_thermostat_mode", { device_id: t.id, mode: "cool" }).state).toMatchObject({ hvac_mode: "cool", cool_setpoint_c: 26, hvac_action: "idle" });
    expect(s.ok("set_thermostat", { device_id: t.id, temperature_c: 20 }).state).toMatchObject({ cool_setpoint_c: 20, hvac_action: "cooling" });
  });

  it("unlock_door needs one of the lock's codes, never shows them, and refuses while armed away", () => {
    const s = session();
    const front = dev(s, "Front Door Lock");
    s.fails(
      "unlock_door",
      { device_id: front.id, code: "000000" },
      "permission_denied",
      /does not match any of the 3 access code\(s\) of DEV-1022 \(Front Door Lock\) \("Owner — Ximena", "Cleaner — Kofi Gallagher", "Dog walker — Priya Dubois"\)/,
    );
    const err = s.call("unlock_door", { device_id: front.id, code: "000000" }).error!.message;
    expect(err).not.toContain(codeOf(s, front.id));
    s.fails("unlock_door", { device_id: front.id, code: "12ab" }, "invalid_arguments", /4 to 8 digits/);
    const r = s.ok("unlock_door", { device_id: front.id, code: codeOf(s, front.id, "Cleaner") });
    expect(r.state).toMatchObject({ locked: false, door: "closed" });
    expect(s.rows<AccessCode>("access_codes").find((c) => c.name.startsWith("Cleaner"))!.last_used_at).toBe(world.now);
    expect(s.ok("list_device_events", { device_id: front.id, limit: 1 }).items[0]).toMatchObject({
      kind: "unlocked",
      message: 'Front Door Lock unlocked with code "Cleaner — Kofi Gallagher"',
    });
    s.fails("unlock_door", { device_id: front.id, code: codeOf(s, front.id) }, "conflict", /already unlocked/);
    s.fails("unlock_door", { device_id: dev(s, "Floor Lamp").id, code: "1234" }, "invalid_argument", /cannot lock or unlock/);
    // Armed away: unlocking the garage door would set the alarm off.
    s.ok("arm_security_system", { mode: "armed_away", bypass_open_sensors: true });
    const side = dev(s, "Garage Side Door Lock");
    s.fails(
      "unlock_door",
      { device_id: side.id, code: codeOf(s, side.id) },
      "failed_precondition",
      /armed away; .* Disarm it first with disarm_security_system/,
    );
  });

  it("lock_door locks; a lock whose door stands open refuses", () => {
    const s = session();
    const front = dev(s, "Front Door Lock");
    s.ok("unlock_door", { device_id: front.id, code: codeOf(s, front.id) });
    expect(s.ok("lock_door", { device_id: front.id }).state.locked).toBe(true);
    s.fails(
      "lock_door",
      { device_id: dev(s, "Patio Door Lock").id },
      "failed_precondition",
      /DEV-1010 \(Patio Door Lock\) cannot lock while its door stands open.*close the door first/,
    );
    s.fails("lock_door", { device_id: dev(s, "Hallway Motion").id }, "invalid_argument", /sensor that cannot lock or unlock/);
  });

  it("set_blind_position moves blinds 0-100", () => {
    const s = session();
    const blind = dev(s, "Bedroom Blind");
    expect(s.ok("set_blind_position", { device_id: blind.id, position: 0 }).state).toMatchObject({ position: 0 });
    s.fails("set_blind_position", { device_id: blind.id, position: 101 }, "invalid_arguments", /0-100 %: 0 closed, 100 open/);
    s.fails("set_blind_position", { device_id: dev(s, "Floor Lamp").id, position: 10 }, "invalid_argument", /cannot be opened to a position/);
  });

  it("set_speaker_volume sets 0-100 on speakers only", () => {
    const s = session();
    const sp = dev(s, "Living Room Speaker");
    expect(s.ok("set_speaker_volume", { device_id: sp.id, volume: 55 }).state).toEqual({ power: "off", volume: 55 });
    s.fails("set_speaker_volume", { device_id: sp.id, volume: 120 }, "invalid_arguments", /volume is 0-100 %/);
    s.fails("set_speaker_volume", { device_id: dev(s, "TV Plug").id, volume: 10 }, "invalid_argument", /smart plug that cannot take a volume/);
  });

  it("set_camera_recording starts and stops recording", () => {
    const s = session();
    const cam = dev(s, "Garage Camera");
    expect(s.ok("set_camera_recording", { device_id: cam.id, recording: false }).state.recording).toBe(false);
    s.fails("set_camera_recording", { device_id: cam.id, recording: false }, "conflict", /already not recording/);
    s.fails("set_camera_recording", { device_id: dev(s, "Garden Camera").id, recording: false }, "failed_precondition", /offline since/);
    s.fails("set_camera_recording", { device_id: dev(s, "Desk Lamp").id, recording: true }, "invalid_argument", /cannot record/);
  });
});

describe("iot_devices: security", () => {
  it("arm_security_system refuses with open doors unless they are bypassed; re-arming the same mode conflicts", () => {
    const s = session();
    s.fails(
      "arm_security_system",
      { mode: "armed_away" },
      "failed_precondition",
      /cannot arm armed_away: 1 door\(s\)\/window\(s\) are open: DEV-1010 \(Patio Door Lock\).*bypass_open_sensors=true/,
    );
    const r = s.ok("arm_security_system", { mode: "armed_away", bypass_open_sensors: true });
    expect(r).toEqual({
      device_id: "DEV-1024",
      alarm_mode: "armed_away",
      previous_mode: "disarmed",
      bypassed: [{ device_id: "DEV-1010", name: "Patio Door Lock" }],
    });
    expect(dev(s, "Alarm Keypad").state.alarm_mode).toBe("armed_away");
    s.fails("arm_security_system", { mode: "armed_away", bypass_open_sensors: true }, "conflict", /already armed_away/);
    expect(s.ok("arm_security_system", { mode: "armed_night", bypass_open_sensors: true }).previous_mode).toBe("armed_away");
  });

  it("disarm_security_system needs a keypad code", () => {
    const s = session();
    s.fails("disarm_security_system", { code: "1234" }, "conflict", /already disarmed/);
    s.ok("arm_security_system", { mode: "armed_home", bypass_open_sensors: true });
    // The front door's code does not disarm the keypad.
    s.fails("disarm_security_system", { code: codeOf(s, "DEV-1022") }, "permission_denied", /does not match any access code of DEV-1024 \(Alarm Keypad\)/);
    const r = s.ok("disarm_security_system", { code: codeOf(s, "DEV-1024") });
    expect(r).toMatchObject({ alarm_mode: "disarmed", previous_mode: "armed_home", code_name: "Owner — Ximena" });
    expect(s.ok("get_home_summary", {}).alarm_mode).toBe("disarmed");
  });

  it("list_access_codes masks the digits", () => {
    const s = session();
    const r = s.ok("list_access_codes", { device_id: "DEV-1022" });
    expect(r.total).toBe(3);
    const owner = r.items[0];
    expect(owner.code).toBe(`••••${codeOf(s, "DEV-1022").slice(-2)}`);
    expect(JSON.stringify(r)).not.toContain(codeOf(s, "DEV-1022"));
    expect(s.ok("list_access_codes", {}).total).toBe(7);
  });

  it("add_access_code programs a unique code on a lock or keypad, at most 10", () => {
    const s = session();
    const c = s.ok("add_access_code", { device_id: "DEV-1022", name: "Guest — Maya", code: "4455" });
    expect(c).toMatchObject({ id: "CODE-108", device_id: "DEV-1022", name: "Guest — Maya", code: "••55" });
    expect(s.ok("unlock_door", { device_id: "DEV-1022", code: "4455" }).state.locked).toBe(false);
    s.fails(
      "add_access_code",
      { device_id: "DEV-1022", name: "guest — maya", code: "1111" },
      "already_exists",
      /already has a code named "Guest — Maya" \(CODE-108\)/,
    );
    s.fails("add_access_code", { device_id: "DEV-1022", name: "Another", code: "4455" }, "already_exists", /already programmed/);
    s.fails("add_access_code", { device_id: dev(s, "Floor Lamp").id, name: "X", code: "1234" }, "invalid_argument", /not a lock or an alarm keypad/);
    s.fails("add_access_code", { device_id: "DEV-1022", name: "Short", code: "12" }, "invalid_arguments", /4 to 8 digits/);
    for (let i = 0; i < 6; i++) s.ok("add_access_code", { device_id: "DEV-1022", name: `Guest ${i}`, code: `90${i}0` });
    s.fails("add_access_code", { device_id: "DEV-1022", name: "Eleventh", code: "7777" }, "limit_exceeded", /already holds 10 codes.*delete_access_code/);
  });

  it("delete_access_code removes a code but keeps at least one per device", () => {
    const s = session();
    expect(s.ok("delete_access_code", { access_code_id: "CODE-102" })).toEqual({
      removed: "CODE-102",
      name: "Cleaner — Kofi Gallagher",
      device_id: "DEV-1022",
    });
    s.fails("unlock_door", { device_id: "DEV-1022", code: "2811" }, "permission_denied");
    s.fails(
      "delete_access_code",
      { access_code_id: "CODE-107" },
      "failed_precondition",
      /"Owner — Ximena" is the only access code of DEV-1024 \(Alarm Keypad\); add another code/,
    );
    s.fails("delete_access_code", { access_code_id: "CODE-102" }, "not_found");
  });
});

describe("iot_devices: scenes", () => {
  it("list_scenes filters by room, name and device", () => {
    const s = session();
    expect(s.ok("list_scenes", {}).total).toBe(6);
    expect(s.ok("list_scenes", { room_id: "ROOM-101" }).items.map((x: Scene) => x.name)).toEqual(["Movie Night"]);
    expect(s.ok("list_scenes", { name: "good" }).items.map((x: Scene) => x.name)).toEqual(["Good Morning", "Good Night"]);
    expect(s.ok("list_scenes", { device_id: "DEV-1012" }).items.map((x: Scene) => x.name)).toEqual(["Good Morning", "Good Night", "Dinner"]);
  });

  it("create_scene saves explicit entries and snapshots of current settings", () => {
    const s = session();
    const sc = s.ok("create_scene", {
      name: "Cosy Evening",
      room_id: "ROOM-101",
      entries: [
        { device_id: "DEV-1002", state: { brightness: 35, color: "#FFAA00" } },
        { device_id: "DEV-1004", state: { position: 20 } },
      ],
      snapshot_device_ids: ["DEV-1001", "DEV-1006", "DEV-1022"],
    });
    expect(sc).toMatchObject({ id: "SCN-107", name: "Cosy Evening", room_id: "ROOM-101", created_at: world.now });
    expect(sc.entries).toEqual([
      { device_id: "DEV-1002", state: { brightness: 35, color: "#ffaa00" } },
      { device_id: "DEV-1004", state: { position: 20 } },
      { device_id: "DEV-1001", state: { power: "on", brightness: 30, color_temp_k: 3000 } },
      { device_id: "DEV-1006", state: { hvac_mode: "heat", heat_setpoint_c: 21 } },
      { device_id: "DEV-1022", state: { locked: true } },
    ]);
  });

  it("create_scene validates names, devices and states", () => {
    const s = session();
    s.fails(
      "create_scene",
      { name: "movie night", entries: [{ device_id: "DEV-1002", state: { power: "on" } }] },
      "already_exists",
      /"Movie Night" already exists \(SCN-102\)/,
    );
    s.fails(
      "create_scene",
      { name: "X", entries: [{ device_id: "DEV-1041", state: { color: "#ff0000" } }] },
      "invalid_argument",
      /DEV-1041 \(Desk Lamp\) is a light that cannot take a colour/,
    );
    s.fails(
      "create_scene",
      { name: "X", entries: [{ device_id: "DEV-1006", state: { heat_setpoint_c: 40 } }] },
      "invalid_arguments",
      /40 °C is out of range: thermostat setpoints are 10-32 °C/,
    );
    s.fails("create_scene", { name: "X", entries: [{ device_id: "DEV-9999", state: { power: "on" } }] }, "not_found");
    s.fails("create_scene", { name: "X", entries: [{ device_id: "DEV-1002", state: { brightness: 150 } }] }, "invalid_arguments", /brightness is 0-100 %/);
    s.fails("create_scene", { name: "X", entries: [{ device_id: "DEV-1022", state: { locked: false } }] }, "invalid_arguments");
    s.fails("create_scene", { name: "X", entries: [{ device_id: "DEV-1002", state: {} }] }, "invalid_argument", /sets nothing/);
    s.fails(
      "create_scene",
      { name: "X", entries: [{ device_id: "DEV-1002", state: { power: "on" } }], snapshot_device_ids: ["DEV-1002"] },
      "invalid_argument",
      /appears twice/,
    );
    s.fails("create_scene", { name: "X", snapshot_device_ids: ["DEV-1034"] }, "invalid_argument", /no settings a scene can restore/);
    s.fails("create_scene", { name: "X" }, "invalid_argument", /at least one device/);
  });

  it("activate_scene applies every state, skipping offline devices", () => {
    const s = session();
    const r = s.ok("activate_scene", { scene_id: "SCN-102" });
    expect(r.applied.map((x: { name: string }) => x.name)).toEqual([
      "Living Room Ceiling",
      "Floor Lamp",
      "Living Room Blind Left",
      "Living Room Blind Right",
      "Living Room Speaker",
    ]);
    expect(r.skipped).toEqual([{ device_id: "DEV-1003", name: "TV Backlight", reason: `offline since ${dev(s, "TV Backlight").last_seen}` }]);
    expect(dev(s, "Floor Lamp").state).toMatchObject({ power: "on", brightness: 20, color: "#6a5acd" });
    expect(dev(s, "Living Room Ceiling").state.power).toBe("off");
    expect(dev(s, "Living Room Speaker").state).toEqual({ power: "on", volume: 35 });
    expect(s.rows<Scene>("scenes").find((x) => x.id === "SCN-102")!.last_activated_at).toBe(world.now);
    const mine = s.ok("list_device_events", { kind: "scene_activated" }).items.filter((e: { source: string }) => e.source === "assistant");
    expect(mine[0].message).toBe('Scene "Movie Night" activated: 5 device(s) set, 1 skipped');
  });

  it("activate_scene skips a lock whose door is open, and fails when no device can be set", () => {
    const s = session();
    const sc = s.ok("create_scene", {
      name: "Lock Patio",
      entries: [
        { device_id: "DEV-1010", state: { locked: true } },
        { device_id: "DEV-1003", state: { power: "off" } },
      ],
    });
    s.fails(
      "activate_scene",
      { scene_id: sc.id },
      "failed_precondition",
      /none of the 2 device\(s\) of scene "Lock Patio" could be set: DEV-1010 \(Patio Door Lock\) .*door stands open.*; DEV-1003 \(TV Backlight\) offline since/,
    );
    s.fails("activate_scene", { scene_id: "SCN-999" }, "not_found");
  });

  it("delete_scene deletes unused scenes; scenes used by schedules or automations stay", () => {
    const s = session();
    s.fails("delete_scene", { scene_id: "SCN-101" }, "failed_precondition", /scene "Good Morning" is used by schedule SCH-101 \("Weekday wake-up"\)/);
    s.fails("delete_scene", { scene_id: "SCN-102" }, "failed_precondition", /automation AUT-108 \("Movie mode on TV"\)/);
    expect(s.ok("delete_scene", { scene_id: "SCN-104" })).toEqual({ removed: "SCN-104", name: "Dinner" });
    expect(s.ok("list_scenes", {}).total).toBe(5);
  });
});

describe("iot_devices: automations", () => {
  const motionLight = {
    name: "Garage motion light",
    trigger: { type: "device_state", device_id: "DEV-1061", attribute: "motion", to: "detected" },
    conditions: [{ type: "time_window", after: "18:00", before: "07:00" }],
    actions: [
      { type: "device", device_id: "DEV-1058", state: { power: "on" } },
      { type: "notify", message: "Motion in the garden" },
    ],
  };

  it("list_automations filters by enabled, device and name", () => {
    const s = session();
    expect(s.ok("list_automations", {}).total).toBe(8);
    expect(s.ok("list_automations", { enabled: false }).items.map((a: Automation) => a.name)).toEqual(["Office too warm", "Movie mode on TV"]);
    expect(s.ok("list_automations", { device_id: "DEV-1027" }).items.map((a: Automation) => a.id)).toEqual(["AUT-101", "AUT-102"]);
    expect(s.ok("list_automations", { name: "porch" }).total).toBe(2);
  });

  it("create_automation stores a valid automation", () => {
    const s = session();
    const a = s.ok("create_automation", motionLight);
    expect(a).toMatchObject({
      id: "AUT-109",
      enabled: true,
      description: "",
      trigger: motionLight.trigger,
      conditions: motionLight.conditions,
      actions: motionLight.actions,
    });
    const t = s.ok("create_automation", {
      name: "Humid bathroom",
      trigger: { type: "numeric_state", device_id: "DEV-1050", attribute: "humidity_pct", above: 70 },
      actions: [{ type: "notify", message: "Open the bathroom window" }],
      enabled: false,
    });
    expect(t.enabled).toBe(false);
    const sun = s.ok("create_automation", {
      name: "Sunrise blinds",
      trigger: { type: "sun", event: "sunrise" },
      actions: [{ type: "scene", scene_id: "SCN-101" }],
    });
    expect(sun.trigger).toEqual({ type: "sun", event: "sunrise", offset_minutes: 0 });
  });

  it("create_automation validates trigger, conditions and actions", () => {
    const s = session();
    const base = { name: "Bad", actions: [{ type: "notify", message: "x" }] };
    s.fails("create_automation", { ...motionLight, name: "night hallway light" }, "already_exists", /"Night hallway light" already exists \(AUT-103\)/);
    s.fails(
      "create_automation",
      { ...base, trigger: { type: "device_state", device_id: "DEV-1001", attribute: "motion", to: "detected" } },
      "invalid_argument",
      /trigger: DEV-1001 \(Living Room Ceiling\) does not report motion \(it needs the motion capability/,
    );
    s.fails(
      "create_automation",
      { ...base, trigger: { type: "device_state", device_id: "DEV-1061", attribute: "motion", to: "on" } },
      "invalid_argument",
      /motion takes detected, clear; "on" is not one of them/,
    );
    s.fails(
      "create_automation",
      { ...base, trigger: { type: "numeric_state", device_id: "DEV-1045", attribute: "temperature_c" } },
      "invalid_argument",
      /needs above, below or both/,
    );
    s.fails(
      "create_automation",
      { ...base, trigger: { type: "numeric_state", device_id: "DEV-1045", attribute: "temperature_c", above: 25, below: 20 } },
      "invalid_argument",
      /above \(25\) must be less than below \(20\)/,
    );
    s.fails(
      "create_automation",
      { ...base, trigger: { type: "numeric_state", device_id: "DEV-1050", attribute: "humidity_pct", above: 120 } },
      "invalid_argument",
      /0-100; got 120/,
    );
    s.fails("create_automation", { ...base, trigger: { type: "time", at: "7:30" } }, "invalid_arguments", /HH:MM/);
    s.fails(
      "create_automation",
      { ...base, trigger: { type: "time", at: "07:30" }, conditions: [{ type: "time_window", after: "08:00", before: "08:00" }] },
      "invalid_argument",
      /conditions\[0\]: a time window from 08:00 to 08:00 is empty/,
    );
    s.fails(
      "create_automation",
      { ...base, trigger: { type: "time", at: "07:30" }, conditions: [{ type: "device_state", device_id: "DEV-1022", attribute: "locked", is: "open" }] },
      "invalid_argument",
      /locked takes locked, unlocked/,
    );
    s.fails(
      "create_automation",
      { name: "Bad", trigger: { type: "time", at: "07:30" }, actions: [{ type: "device", device_id: "DEV-1026", state: { color: "#ff0000" } }] },
      "invalid_argument",
      /actions\[0\]|DEV-1026 \(Hallway Light\) is a light that cannot take a colour/,
    );
    s.fails("create_automation", { name: "Bad", trigger: { type: "time", at: "07:30" }, actions: [{ type: "scene", scene_id: "SCN-999" }] }, "not_found");
    s.fails("create_automation", { name: "Bad", trigger: { type: "time", at: "07:30" }, actions: [] }, "invalid_arguments", /at least one action/);
    s.fails(
      "create_automation",
      { name: "Bad", trigger: { type: "time", at: "07:30" }, actions: [{ type: "device", device_id: "DEV-1022", state: { locked: false } }] },
      "invalid_arguments",
    );
    s.fails("create_automation", { name: "Bad", trigger: { type: "rain" }, actions: [{ type: "notify", message: "x" }] }, "invalid_arguments");
  });

  it("enable_automation and disable_automation flip the flag, refusing no-ops", () => {
    const s = session();
    expect(s.ok("enable_automation", { automation_id: "AUT-105" }).enabled).toBe(true);
    s.fails("enable_automation", { automation_id: "AUT-105" }, "conflict", /already enabled/);
    expect(s.ok("disable_automation", { automation_id: "AUT-101" }).enabled).toBe(false);
    s.fails("disable_automation", { automation_id: "AUT-101" }, "conflict", /already disabled/);
    s.fails("disable_automation", { automation_id: "AUT-999" }, "not_found");
  });

  it("delete_automation removes it, and then its scene may be deleted", () => {
    const s = session();
    expect(s.ok("delete_automation", { automation_id: "AUT-108" })).toEqual({ removed: "AUT-108", name: "Movie mode on TV" });
    expect(s.ok("delete_scene", { scene_id: "SCN-102" }).removed).toBe("SCN-102");
    s.fails("delete_automation", { automation_id: "AUT-108" }, "not_found");
  });

  it("trigger_automation checks conditions, runs actions and notifications, and refuses disabled automations", () => {
    const s = session();
    // 09:00 is outside the 22:00-06:00 window.
    const no = s.ok("trigger_automation", { automation_id: "AUT-103" });
    expect(no).toMatchObject({ ran: false, failed_conditions: ["time is 09:00, outside 22:00-06:00"] });
    expect(dev(s, "Hallway Light").state.power).toBe("off");
    const at = s.now();
    expect(at).toBe(time.addMinutes(world.now, 1)); // the refused run was still a successful call: the clock ticked
    const yes = s.ok("trigger_automation", { automation_id: "AUT-103", skip_conditions: true });
    expect(yes.ran).toBe(true);
    expect(dev(s, "Hallway Light").state).toEqual({ power: "on", brightness: 20 });
    expect(s.rows<Automation>("automations").find((a) => a.id === "AUT-103")!.last_triggered_at).toBe(at);
    const leak = s.ok("trigger_automation", { automation_id: "AUT-104" });
    expect(leak.notifications).toEqual(["Water detected under the kitchen sink!"]);
    expect(s.ok("list_device_events", { kind: "notification" }).items[0]).toMatchObject({
      message: "Water detected under the kitchen sink!",
      source: "automation",
    });
    s.fails("trigger_automation", { automation_id: "AUT-105" }, "failed_precondition", /is disabled; enable it with enable_automation first/);
    // A device_state condition: the front-door automation needs the alarm armed away.
    expect(s.ok("trigger_automation", { automation_id: "AUT-107" }).failed_conditions).toEqual([
      "DEV-1024 (Alarm Keypad) alarm_mode is disarmed, not armed_away",
    ]);
  });
});

describe("iot_devices: schedules", () => {
  it("list_device_schedules filters by enabled, device and scene", () => {
    const s = session();
    expect(s.ok("list_device_schedules", {}).total).toBe(8);
    expect(s.ok("list_device_schedules", { enabled: false }).items).toEqual([]);
    const focus = s.rows<Schedule>("schedules").find((x) => x.name === "Work focus")!;
    s.ok("update_device_schedule", { schedule_id: focus.id, enabled: false });
    expect(s.ok("list_device_schedules", { enabled: false }).items.map((x: Schedule) => x.name)).toEqual(["Work focus"]);
    expect(s.ok("list_device_schedules", { scene_id: "SCN-103" }).items.map((x: Schedule) => x.id)).toEqual(["SCH-103"]);
    expect(s.ok("list_device_schedules", { device_id: "DEV-1014" }).items.map((x: Schedule) => x.name)).toEqual(["Morning coffee"]);
  });

  it("create_device_schedule runs a scene or a device state, with its next run on the clock", () => {
    const s = session();
    // world.today (2026-11-09) is a Monday; 07:15 on Mondays has passed at 09:00, so the next run is next week.
    expect(time.weekday(world.today)).toBe("monday");
    const a = s.ok("create_device_schedule", { name: "Monday dinner", at: "07:15", days: ["monday"], scene_id: "SCN-104" });
    expect(a).toMatchObject({ id: "SCH-109", enabled: true, next_run_at: "2026-11-16T07:15:00Z", action: { type: "scene", scene_id: "SCN-104" } });
    const b = s.ok("create_device_schedule", { name: "Heater on", at: "18:00", device_id: "DEV-1043", state: { power: "on" } });
    expect(b).toMatchObject({
      next_run_at: "2026-11-09T18:00:00Z",
      days: time.WEEKDAYS,
      action: { type: "device", device_id: "DEV-1043", state: { power: "on" } },
    });
  });

  it("create_device_schedule validates its target and name", () => {
    const s = session();
    s.fails("create_device_schedule", { name: "Bedtime", at: "22:00", scene_id: "SCN-103" }, "already_exists", /"Bedtime" already exists \(SCH-103\)/);
    s.fails("create_device_schedule", { name: "X", at: "22:00" }, "invalid_argument", /exactly one thing/);
    s.fails(
      "create_device_schedule",
      { name: "X", at: "22:00", scene_id: "SCN-103", device_id: "DEV-1043", state: { power: "on" } },
      "invalid_argument",
      /not both/,
    );
    s.fails("create_device_schedule", { name: "X", at: "22:00", device_id: "DEV-1043" }, "invalid_argument", /give both device_id and state/);
    s.fails(
      "create_device_schedule",
      { name: "X", at: "22:00", device_id: "DEV-1034", state: { power: "on" } },
      "invalid_argument",
      /cannot be switched on or off/,
    );
    s.fails("create_device_schedule", { name: "X", at: "25:00", scene_id: "SCN-103" }, "invalid_arguments", /HH:MM/);
    s.fails("create_device_schedule", { name: "X", at: "22:00", days: ["monday", "monday"], scene_id: "SCN-103" }, "invalid_argument", /distinct/);
  });

  it("update_device_schedule pauses, resumes and retimes a schedule", () => {
    const s = session();
    const paused = s.ok("update_device_schedule", { schedule_id: "SCH-102", enabled: false });
    expect(paused.enabled).toBe(false);
    expect(paused.next_run_at).toBeUndefined();
    const moved = s.ok("update_device_schedule", { schedule_id: "SCH-102", enabled: true, at: "10:00", days: ["monday"] });
    expect(moved).toMatchObject({ enabled: true, at: "10:00", days: ["monday"], next_run_at: "2026-11-09T10:00:00Z" });
    s.fails("update_device_schedule", { schedule_id: "SCH-102" }, "invalid_argument", /nothing to change/);
    s.fails("update_device_schedule", { schedule_id: "SCH-102", name: "bedtime" }, "already_exists", /"Bedtime" already exists/);
    s.fails("update_device_schedule", { schedule_id: "SCH-999", enabled: false }, "not_found");
  });

  it("delete_device_schedule removes it; then its scene may go", () => {
    const s = session();
    expect(s.ok("delete_device_schedule", { schedule_id: "SCH-101" })).toEqual({ removed: "SCH-101", name: "Weekday wake-up" });
    expect(s.ok("delete_scene", { scene_id: "SCN-101" }).removed).toBe("SCN-101");
    s.fails("delete_device_schedule", { schedule_id: "SCH-101" }, "not_found");
  });
});

describe("iot_devices: energy", () => {
  it("list_energy_readings lists daily readings of metered devices, newest first", () => {
    const s = session();
    const r = s.ok("list_energy_readings", { device_id: "DEV-1056", limit: 100 });
    expect(r.total).toBe(14);
    expect(r.items[0].date).toBe(time.addDays(world.today, -1));
    expect(r.items.every((x: EnergyReading) => x.kwh > 0 && x.device_id === "DEV-1056")).toBe(true);
    const garage = s.ok("list_energy_readings", { room_id: "ROOM-109", from_date: time.addDays(world.today, -2), limit: 100 });
    expect(garage.total).toBe(4); // EV charger and freezer, two days
    s.fails("list_energy_readings", { device_id: "DEV-1001" }, "invalid_argument", /has no power meter.*metered devices: DEV-1006 \(Main Thermostat\)/);
  });

  it("get_energy_usage totals kWh and cost per day and per device", () => {
    const s = session();
    const readings = s.rows<EnergyReading>("energy_readings");
    const from = time.addDays(world.today, -7);
    const to = time.addDays(world.today, -1);
    const inRange = readings.filter((r) => r.date >= from && r.date <= to);
    const u = s.ok("get_energy_usage", {});
    expect(u).toMatchObject({ from_date: from, to_date: to, tariff_per_kwh: 0.31, currency: "USD" });
    expect(u.total_kwh).toBeCloseTo(
      inRange.reduce((n, r) => n + r.kwh, 0),
      2,
    );
    expect(u.total_cost).toBeCloseTo(
      inRange.reduce((n, r) => n + r.cost, 0),
      2,
    );
    expect(u.by_day).toHaveLength(7);
    expect(u.by_device[0]).toMatchObject({ device_id: "DEV-1006", name: "Main Thermostat" });
    const one = s.ok("get_energy_usage", { device_id: "DEV-1043", from_date: time.addDays(world.today, -14) });
    expect(one.by_device).toHaveLength(1);
    expect(one.total_kwh).toBeCloseTo(
      readings.filter((r) => r.device_id === "DEV-1043").reduce((n, r) => n + r.kwh, 0),
      2,
    );
    expect(s.ok("get_energy_usage", { room_id: "ROOM-108" }).by_device.map((d: { name: string }) => d.name)).toEqual(["Towel Warmer"]);
  });

  it("get_energy_usage checks its range", () => {
    const s = session();
    s.fails(
      "get_energy_usage",
      { from_date: "2026-11-05", to_date: "2026-11-01" },
      "invalid_argument",
      /from_date \(2026-11-05\) is after to_date \(2026-11-01\)/,
    );
    s.fails("get_energy_usage", { to_date: world.today }, "invalid_argument", /readings exist up to yesterday \(2026-11-08\)/);
    s.fails("get_energy_usage", { from_date: "2026-09-01", to_date: "2026-11-08" }, "invalid_argument", /covers 69 days; ask for at most 31/);
    s.fails("get_energy_usage", { device_id: "DEV-1034" }, "invalid_argument", /no power meter/);
  });
});

describe("iot_devices: device groups", () => {
  it("list_device_groups filters by name and member", () => {
    const s = session();
    expect(s.ok("list_device_groups", {}).total).toBe(4);
    expect(s.ok("list_device_groups", { device_id: "DEV-1027" }).items.map((g: DeviceGroup) => g.name)).toEqual(["Garden Lights"]);
    expect(s.ok("list_device_groups", { name: "lamps" }).items[0].device_ids).toEqual(["DEV-1030", "DEV-1031"]);
  });

  it("create_device_group groups 2-20 switchable devices with a unique name", () => {
    const s = session();
    const g = s.ok("create_device_group", { name: "Upstairs Lights", device_ids: ["DEV-1029", "DEV-1037", "DEV-1042"] });
    expect(g).toMatchObject({ id: "GRP-105", name: "Upstairs Lights", device_ids: ["DEV-1029", "DEV-1037", "DEV-1042"] });
    s.fails(
      "create_device_group",
      { name: "garden lights", device_ids: ["DEV-1029", "DEV-1037"] },
      "already_exists",
      /"Garden Lights" already exists \(GRP-103\)/,
    );
    s.fails(
      "create_device_group",
      { name: "Mixed", device_ids: ["DEV-1029", "DEV-1032"] },
      "invalid_argument",
      /DEV-1032 \(Bedroom Blind\) cannot be switched on or off, so it cannot join a group/,
    );
    s.fails("create_device_group", { name: "Solo", device_ids: ["DEV-1029"] }, "invalid_argument", /at least 2 devices/);
    s.fails("create_device_group", { name: "Twice", device_ids: ["DEV-1029", "DEV-1029"] }, "invalid_argument", /once/);
  });

  it("set_device_group_power switches members, skipping offline ones; fails when none can be switched", () => {
    const s = session();
    const r = s.ok("set_device_group_power", { device_group_id: "GRP-101", power: "on" });
    expect(r.applied).toHaveLength(6);
    for (const id of ["DEV-1001", "DEV-1002", "DEV-1012", "DEV-1013", "DEV-1019", "DEV-1026"]) expect(byId(s, id).state.power).toBe("on");
    expect(
      s.ok("set_device_group_power", { device_group_id: "GRP-101", power: "off" }).applied.map((x: { state: { power: string } }) => x.state.power),
    ).toEqual(Array(6).fill("off"));
    // A group with an offline member: the others switch, the offline one is listed.
    const mixed = s.ok("create_device_group", { name: "TV Corner", device_ids: ["DEV-1003", "DEV-1008"] });
    const r2 = s.ok("set_device_group_power", { device_group_id: mixed.id, power: "off" });
    expect(r2.applied.map((x: { device_id: string }) => x.device_id)).toEqual(["DEV-1008"]);
    expect(r2.skipped).toEqual([{ device_id: "DEV-1003", name: "TV Backlight", reason: `offline since ${dev(s, "TV Backlight").last_seen}` }]);
  });

  it("set_device_group_power fails when every member is offline", () => {
    // Find a seed where two switchable devices are offline.
    let seed = 1;
    let pair: Device[] = [];
    for (; seed < 60; seed++) {
      pair = devices(openSession(iot, seed)).filter((d) => !d.online && d.capabilities.includes("on_off"));
      if (pair.length >= 2) break;
    }
    expect(pair.length).toBeGreaterThanOrEqual(2);
    const s = openSession(iot, seed);
    const g = s.ok("create_device_group", { name: "Unreachable", device_ids: pair.slice(0, 2).map((d) => d.id) });
    s.fails(
      "set_device_group_power",
      { device_group_id: g.id, power: "on" },
      "failed_precondition",
      new RegExp(`no member of group "Unreachable" could be switched on: ${pair[0]!.id} \\(${pair[0]!.name}\\) offline since`),
    );
    s.fails("set_device_group_power", { device_group_id: "GRP-999", power: "on" }, "not_found");
  });

  it("delete_device_group removes the group, not the devices", () => {
    const s = session();
    expect(s.ok("delete_device_group", { device_group_id: "GRP-102" })).toEqual({ removed: "GRP-102", name: "Bedside Lamps" });
    expect(byId(s, "DEV-1030")).toBeDefined();
    s.fails("delete_device_group", { device_group_id: "GRP-102" }, "not_found");
  });
});

describe("iot_devices: unknown ids", () => {
  it("every tool that takes an id answers not_found with the discovery tool to use", () => {
    const s = session();
    s.fails("get_device_state", { device_id: "DEV-0001" }, "not_found", /DEV-0001/);
    s.fails("list_device_events", { device_id: "DEV-0001" }, "not_found");
    s.fails("list_device_events", { room_id: "ROOM-000" }, "not_found");
    s.fails("list_access_codes", { device_id: "DEV-0001" }, "not_found");
    s.fails("get_sensor_reading", { device_id: "DEV-0001" }, "not_found");
    s.fails("turn_on_device", { device_id: "DEV-0001" }, "not_found");
    s.fails("get_energy_usage", { room_id: "ROOM-000" }, "not_found");
    s.fails("list_energy_readings", { room_id: "ROOM-000" }, "not_found");
    s.fails("trigger_automation", { automation_id: "AUT-000" }, "not_found");
    s.fails("create_scene", { name: "X", room_id: "ROOM-000", entries: [{ device_id: "DEV-1002", state: { power: "on" } }] }, "not_found");
  });
});

describe("iot_devices: scenario", () => {
  it("finds the bedroom lamps, tunes one, saves the look as a scene, schedules it and checks the schedule", () => {
    const s = session();
    // 1. The bedroom, by listing rooms on the first floor.
    const bedroom = (s.ok("list_home_rooms", { floor: 1 }).items as Room[]).find((r) => r.kind === "bedroom")!;
    // 2. Its colour lights.
    const lamps = s.ok("list_devices", { room_id: bedroom.id, capability: "color" }).items as Device[];
    expect(lamps.map((d) => d.name)).toEqual(["Bedside Lamp Left", "Bedside Lamp Right"]);
    // 3. Dim the first one and warm it up.
    s.ok("set_light_brightness", { device_id: lamps[0]!.id, brightness: 25 });
    const warm = s.ok("set_light_color_temperature", { device_id: lamps[0]!.id, color_temp_k: 2200 });
    // 4. Save that look (snapshot) as a scene.
    const scene = s.ok("create_scene", { name: "Wind Down", room_id: bedroom.id, snapshot_device_ids: [warm.device_id] });
    expect(scene.entries).toEqual([{ device_id: lamps[0]!.id, state: { power: "on", brightness: 25, color_temp_k: 2200, color: "#6a5acd" } }]);
    // 5. Turn the lamp off, then schedule the scene for 21:30 every day.
    s.ok("turn_off_device", { device_id: lamps[0]!.id });
    const sched = s.ok("create_device_schedule", { name: "Wind down nightly", at: "21:30", scene_id: scene.id });
    expect(sched.next_run_at).toBe(`${world.today}T21:30:00Z`);
    // 6. The schedule shows up for the scene; activating the scene restores the look.
    expect(s.ok("list_device_schedules", { scene_id: scene.id }).items.map((x: Schedule) => x.id)).toEqual([sched.id]);
    s.ok("activate_scene", { scene_id: scene.id });
    expect(byId(s, lamps[0]!.id).state).toMatchObject({ power: "on", brightness: 25, color_temp_k: 2200 });
    // 7. The scene cannot be deleted while the schedule uses it.
    s.fails("delete_scene", { scene_id: scene.id }, "failed_precondition", new RegExp(`schedule ${sched.id}`));
  });
});
