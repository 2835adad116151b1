/**
 * The user's home: 10-12 rooms and 50-70 devices from real product lines (Hue, Lutron, Kasa,
 * ecobee, tado°, August, Yale, Nest, Ring, Aqara, IKEA, Sonos), their state at 09:00 on the
 * session's first day, two weeks of daily energy readings for metered devices, two days of
 * logbook events, the user's scenes, automations, schedules and device groups, and the access
 * codes of the locks and the alarm panel.
 *
 * Fixed points the tests rely on: the patio door lock is unlocked with its door standing open
 * (so arming is blocked and locking it fails), the front door is locked and closed, the alarm
 * is disarmed, the garden camera is offline, and every scene, automation and schedule is valid.
 */
import { roundMoney, time, type SeedContext } from "../framework/index.ts";
import {
  derive, TARIFF_PER_KWH,
  type AccessCode, type Automation, type Capability, type Device, type DeviceEvent, type DeviceGroup, type DeviceState,
  type DeviceType, type EnergyReading, type HvacMode, type Room, type Scene, type Schedule,
} from "./state.ts";

interface Spec {
  name: string;
  type: DeviceType;
  maker: string;
  model: string;
  caps: Capability[];
  state: DeviceState;
  range?: { min: number; max: number };
  modes?: HvacMode[];
  watts?: number;
  /** Typical hours a day the appliance runs (energy readings). */
  hours?: [number, number];
}

type Kind = "color" | "ambiance" | "dimmer" | "switch";

export function seedIotDevices({ rng, world, id }: SeedContext) {
  const now = world.now;
  const today = world.today;
  const month = Number(today.slice(5, 7));
  const season: "winter" | "summer" | "mild" = [11, 12, 1, 2, 3].includes(month) ? "winter" : [6, 7, 8].includes(month) ? "summer" : "mild";
  const outdoor = season === "winter" ? rng.int(-2, 9) : season === "summer" ? rng.int(22, 31) : rng.int(10, 19);
  const indoor = () => Math.round((season === "summer" ? rng.float(23, 26) : rng.float(19, 22.5)) * 10) / 10;

  const rooms: Room[] = [];
  const room = (name: string, kind: Room["kind"], floor: number) => {
    const r: Room = { id: id("rooms"), name, kind, floor, created_at: time.addDays(now, -rng.int(300, 900)) };
    rooms.push(r);
    return r;
  };

  const devices: Device[] = [];
  const hoursOf = new Map<string, [number, number]>();
  const installed = () => time.addDays(today, -rng.int(60, 1100));
  const add = (r: Room, spec: Spec): Device => {
    const d: Device = {
      id: id("devices"),
      name: spec.name,
      type: spec.type,
      room_id: r.id,
      manufacturer: spec.maker,
      model: spec.model,
      capabilities: spec.caps,
      online: true,
      last_seen: time.addMinutes(now, -rng.int(0, 9)),
      firmware: `${rng.int(1, 4)}.${rng.int(0, 19)}.${rng.int(0, 40)}`,
      installed_on: installed(),
      ...(spec.range ? { color_temp_range_k: spec.range } : {}),
      ...(spec.modes ? { hvac_modes: spec.modes } : {}),
      ...(spec.watts !== undefined ? { rated_power_w: spec.watts } : {}),
      state: spec.state,
      last_changed: time.addMinutes(now, -rng.int(10, 60 * 30)),
    };
    d.state = derive(d, d.state);
    devices.push(d);
    hoursOf.set(d.id, spec.hours ?? [0, 0]);
    return d;
  };
  const battery = () => rng.int(18, 100);

  const light = (r: Room, name: string, kind: Kind, on = rng.bool(0.2)): Device => {
    const brightness = on ? rng.pick([30, 45, 60, 80, 100]) : 0;
    if (kind === "switch") {
      return add(r, { name, type: "switch", maker: "TP-Link", model: "Kasa Smart Light Switch HS200", caps: ["on_off"], state: { power: on ? "on" : "off" } });
    }
    if (kind === "dimmer") {
      return add(r, { name, type: "light", maker: "Lutron", model: "Caséta Smart Dimmer PD-6WCL", caps: ["on_off", "brightness"], state: { power: on ? "on" : "off", brightness } });
    }
    const range = kind === "color" ? { min: 2000, max: 6500 } : { min: 2200, max: 6500 };
    const caps: Capability[] = kind === "color" ? ["on_off", "brightness", "color_temperature", "color"] : ["on_off", "brightness", "color_temperature"];
    const model = kind === "color" ? rng.pick(["Hue White and Color Ambiance A19", "Hue Go", "Hue Play Light Bar"]) : rng.pick(["Hue White Ambiance A19", "Hue White Ambiance GU10"]);
    return add(r, {
      name, type: "light", maker: "Philips", model, caps, range,
      state: { power: on ? "on" : "off", brightness, color_temp_k: rng.pick([2700, 3000, 4000]), ...(kind === "color" ? { color: rng.pick(["#ffb46b", "#ff8c42", "#6a5acd", "#ffffff"]) } : {}) },
    });
  };
  const plug = (r: Room, name: string, watts: number, hours: [number, number], on = rng.bool(0.3)) =>
    add(r, { name, type: "plug", maker: "TP-Link", model: "Kasa Smart Plug KP115", caps: ["on_off", "power_meter"], state: { power: on ? "on" : "off" }, watts, hours });
  const blind = (r: Room, name: string) =>
    add(r, { name, type: "blind", maker: rng.pick(["IKEA", "Somfy"]), model: rng.pick(["FYRTUR roller blind", "Sonesse 30 WireFree"]), caps: ["position", "battery"], state: { position: rng.pick([0, 50, 100, 100]), battery_pct: battery() } });
  const climate = (r: Room, name: string) =>
    add(r, { name, type: "sensor", maker: "Aqara", model: "Temperature and Humidity Sensor T1", caps: ["temperature", "humidity", "battery"], state: { temperature_c: indoor(), humidity_pct: rng.int(35, 58), battery_pct: battery() } });
  const motion = (r: Room, name: string) =>
    add(r, { name, type: "sensor", maker: "Aqara", model: "Motion Sensor P1", caps: ["motion", "battery"], state: { motion: rng.bool(0.2) ? "detected" : "clear", battery_pct: battery() } });
  const contact = (r: Room, name: string, open = false) =>
    add(r, { name, type: "sensor", maker: "Aqara", model: "Door and Window Sensor", caps: ["contact", "battery"], state: { contact: open ? "open" : "closed", battery_pct: battery() } });
  const smoke = (r: Room, name: string) =>
    add(r, { name, type: "sensor", maker: "First Alert", model: "Onelink Safe & Sound", caps: ["smoke", "battery"], state: { smoke: "clear", battery_pct: battery() } });
  const leak = (r: Room, name: string) =>
    add(r, { name, type: "sensor", maker: "Aqara", model: "Water Leak Sensor", caps: ["leak", "battery"], state: { leak: "clear", battery_pct: battery() } });
  const speaker = (r: Room, name: string) =>
    add(r, { name, type: "speaker", maker: "Sonos", model: rng.pick(["One (Gen 2)", "Era 100", "Five"]), caps: ["on_off", "volume"], state: { power: rng.bool(0.3) ? "on" : "off", volume: rng.pick([15, 20, 25, 30, 40]) } });
  const camera = (r: Room, name: string, battery_powered = false) =>
    add(r, {
      name, type: "camera", maker: battery_powered ? "Ring" : "Google", model: battery_powered ? "Stick Up Cam Battery" : "Nest Cam (wired)",
      caps: battery_powered ? ["camera", "motion", "battery"] : ["camera", "motion"],
      state: { recording: true, motion_detection: true, motion: "clear", ...(battery_powered ? { battery_pct: battery() } : {}) },
    });
  const lock = (r: Room, name: string, withDoorSensor: boolean, locked: boolean, door: "open" | "closed" = "closed") =>
    add(r, {
      name, type: "lock", maker: withDoorSensor ? "August" : "Yale", model: withDoorSensor ? "Wi-Fi Smart Lock (4th gen)" : "Assure Lock 2",
      caps: withDoorSensor ? ["lock", "door_sensor", "battery"] : ["lock", "battery"],
      state: { locked, ...(withDoorSensor ? { door } : {}), battery_pct: battery() },
    });
  const heatSet = season === "summer" ? 19 : rng.pick([20, 20.5, 21]);
  const coolSet = season === "winter" ? 26 : rng.pick([24, 24.5, 25]);
  const mainMode: HvacMode = season === "winter" ? "heat" : season === "summer" ? "cool" : "auto";
  const thermostat = (r: Room, name: string) =>
    add(r, {
      name, type: "thermostat", maker: "ecobee", model: "Smart Thermostat Premium",
      caps: ["thermostat", "temperature", "humidity", "power_meter"], modes: ["off", "heat", "cool", "auto"], watts: 3500,
      state: { hvac_mode: mainMode, heat_setpoint_c: heatSet, cool_setpoint_c: coolSet, temperature_c: indoor(), humidity_pct: rng.int(35, 55) },
      hours: season === "mild" ? [1, 4] : [3, 9],
    });
  const radiator = (r: Room, name: string) =>
    add(r, {
      name, type: "thermostat", maker: "tado°", model: "Smart Radiator Thermostat X",
      caps: ["thermostat", "temperature", "battery"], modes: ["off", "heat"],
      state: { hvac_mode: season === "summer" ? "off" : "heat", heat_setpoint_c: rng.pick([18, 19, 20]), temperature_c: indoor(), battery_pct: battery() },
    });

  // Rooms and their devices.
  const living = room("Living Room", "living_room", 0);
  const livingCeiling = light(living, "Living Room Ceiling", "ambiance");
  const floorLamp = light(living, "Floor Lamp", "color");
  const tvLight = light(living, "TV Backlight", "color");
  const livingBlindL = blind(living, "Living Room Blind Left");
  const livingBlindR = blind(living, "Living Room Blind Right");
  const mainThermostat = thermostat(living, "Main Thermostat");
  const livingSpeaker = speaker(living, "Living Room Speaker");
  const tvPlug = plug(living, "TV Plug", 120, [2, 5], true);
  const livingMotion = motion(living, "Living Room Motion");
  const patioLock = lock(living, "Patio Door Lock", true, false, "open");
  contact(living, "Living Room Window", false);

  const kitchen = room("Kitchen", "kitchen", 0);
  const kitchenCeiling = light(kitchen, "Kitchen Ceiling", "dimmer", true);
  const underCabinet = light(kitchen, "Under-Cabinet Lights", "switch");
  const coffee = plug(kitchen, "Coffee Maker", 1100, [0.2, 0.6], false);
  const kettle = rng.bool(0.6) ? plug(kitchen, "Kettle", 2200, [0.1, 0.3], false) : undefined;
  smoke(kitchen, "Kitchen Smoke Alarm");
  const kitchenLeak = leak(kitchen, "Under-Sink Leak Sensor");
  if (rng.bool(0.5)) speaker(kitchen, "Kitchen Speaker");

  const dining = room("Dining Room", "dining_room", 0);
  const pendant = light(dining, "Dining Pendant", "color");
  blind(dining, "Dining Room Blind");
  if (rng.bool(0.5)) contact(dining, "Dining Room Window", false);

  const entrance = room(rng.pick(["Entrance Hall", "Hallway"]), "entrance", 0);
  const frontLock = lock(entrance, "Front Door Lock", true, true, "closed");
  const doorbell = camera(entrance, "Front Door Camera", true);
  const keypad = add(entrance, { name: "Alarm Keypad", type: "alarm_panel", maker: "Ring", model: "Alarm Keypad (2nd gen)", caps: ["alarm", "battery"], state: { alarm_mode: "disarmed", battery_pct: battery() } });
  const hallMotion = motion(entrance, "Hallway Motion");
  const hallLight = light(entrance, "Hallway Light", "dimmer");
  const porch = light(entrance, "Porch Light", "switch");
  smoke(entrance, "Hallway Smoke Alarm");

  const bedroom = room(rng.pick(["Master Bedroom", "Main Bedroom"]), "bedroom", 1);
  const bedCeiling = light(bedroom, "Bedroom Ceiling", "ambiance");
  const lampL = light(bedroom, "Bedside Lamp Left", "color");
  const lampR = light(bedroom, "Bedside Lamp Right", "color");
  const bedBlind = blind(bedroom, "Bedroom Blind");
  const bedRadiator = radiator(bedroom, "Bedroom Radiator");
  climate(bedroom, "Bedroom Climate Sensor");
  contact(bedroom, "Bedroom Window", rng.bool(0.3));
  if (rng.bool(0.4)) speaker(bedroom, "Bedroom Speaker");

  const second = room(rng.pick(["Guest Room", "Kids' Room", "Nursery"]), "bedroom", 1);
  light(second, `${second.name} Ceiling`, "ambiance");
  plug(second, "Night Light", 6, [8, 10], false);
  radiator(second, `${second.name} Radiator`);
  contact(second, `${second.name} Window`, false);

  const office = room(rng.pick(["Office", "Study"]), "office", 1);
  const deskLamp = light(office, "Desk Lamp", "ambiance");
  const officeCeiling = light(office, `${office.name} Ceiling`, "dimmer");
  plug(office, "Space Heater", 1500, season === "winter" ? [1, 4] : [0, 0.5], false);
  const officeBlind = blind(office, `${office.name} Blind`);
  const officeClimate = climate(office, `${office.name} Climate Sensor`);
  contact(office, `${office.name} Window`, rng.bool(0.4));
  plug(office, "Monitor & Dock", 90, [5, 9], true);

  const bath = room("Bathroom", "bathroom", 1);
  light(bath, "Mirror Light", "switch");
  plug(bath, "Towel Warmer", 300, [1, 3], false);
  climate(bath, "Bathroom Climate Sensor");
  leak(bath, "Bathroom Leak Sensor");

  const garage = room("Garage", "garage", 0);
  light(garage, "Garage Light", "switch");
  const sideLock = lock(garage, "Garage Side Door Lock", false, true);
  camera(garage, "Garage Camera");
  const ev = rng.bool(0.7) ? plug(garage, "EV Charger", 7200, [0, 3.5], false) : undefined;
  plug(garage, "Chest Freezer", 150, [7, 10], true);
  contact(garage, "Garage Door Sensor", false);

  const garden = room(rng.pick(["Garden", "Backyard"]), "garden", 0);
  const pathLights = light(garden, "Garden Path Lights", "switch");
  const stringLights = plug(garden, "Patio String Lights", 48, [0, 4], false);
  const gardenCam = camera(garden, "Garden Camera", true);
  motion(garden, "Garden Motion");
  if (rng.bool(0.6)) add(garden, { name: "Sprinkler Valve", type: "switch", maker: "Rachio", model: "Smart Hose Timer", caps: ["on_off", "battery"], state: { power: "off", battery_pct: battery() } });

  const laundry = room("Laundry Room", rng.bool(0.5) ? "laundry" : "basement", rng.bool(0.5) ? 0 : -1);
  plug(laundry, "Washing Machine", 500, [0, 1.5], false);
  if (rng.bool(0.6)) plug(laundry, "Dryer", 2400, [0, 1.2], false);
  leak(laundry, "Laundry Leak Sensor");
  light(laundry, "Laundry Light", "switch", false);

  if (rng.bool(0.5)) {
    const nursery = rooms.find((r) => r.name === "Nursery");
    const target = nursery ?? second;
    add(target, { name: "Baby Monitor", type: "camera", maker: "Google", model: "Nest Cam (indoor, wired)", caps: ["camera", "motion"], state: { recording: false, motion_detection: true, motion: "clear" } });
  }

  // A wired weather sensor reports the outdoor temperature.
  // (Built without drawing from rng, so adding it shifted no other value of the seed.)
  devices.push({
    id: id("devices"), name: "Outdoor Temperature", type: "sensor", room_id: garden.id, manufacturer: "Netatmo", model: "Outdoor Module",
    capabilities: ["temperature", "humidity"], online: true, last_seen: time.addMinutes(now, -3), firmware: "2.4.1", installed_on: garden.created_at.slice(0, 10),
    state: { temperature_c: outdoor, humidity_pct: season === "summer" ? 45 : 70 }, last_changed: time.addMinutes(now, -3),
  });

  // Offline devices: the garden camera (battery died) and one or two others.
  const offline = (d: Device, minutesAgo: number) => {
    d.online = false;
    d.last_seen = time.addMinutes(now, -minutesAgo);
    d.last_changed = d.last_seen;
  };
  offline(gardenCam, rng.int(26 * 60, 4 * 24 * 60));
  gardenCam.state = { ...gardenCam.state, battery_pct: 0 };
  for (const d of rng.sample([livingBlindR, tvLight, officeBlind, pathLights, stringLights], rng.int(1, 2))) offline(d, rng.int(45, 30 * 60));

  // Energy readings: the last 14 full days of every metered device.
  const energy_readings: EnergyReading[] = [];
  for (let back = 14; back >= 1; back--) {
    const date = time.addDays(today, -back);
    for (const d of devices) {
      if (!d.capabilities.includes("power_meter")) continue;
      const [lo, hi] = hoursOf.get(d.id) ?? [0, 0];
      const hours = rng.float(lo, hi) * (time.isWeekend(date) ? 1.2 : 1);
      const kwh = Math.round(((d.rated_power_w ?? 0) * hours) / 10) / 100;
      energy_readings.push({ id: id("energy_readings"), device_id: d.id, date, kwh, cost: roundMoney(kwh * TARIFF_PER_KWH) });
    }
  }

  // Access codes for the locks and the keypad.
  const helpers = rng.sample(world.people, 3);
  const access_codes: AccessCode[] = [];
  const code = (device: Device, name: string, digits: number) =>
    access_codes.push({ id: id("access_codes"), device_id: device.id, name, code: rng.digits(digits), created_at: time.addDays(now, -rng.int(20, 400)), ...(rng.bool(0.6) ? { last_used_at: time.addMinutes(now, -rng.int(60, 5 * 24 * 60)) } : {}) });
  code(frontLock, `Owner — ${world.user.first_name}`, 6);
  code(frontLock, `Cleaner — ${helpers[0]!.full_name}`, 4);
  code(frontLock, `Dog walker — ${helpers[1]!.full_name}`, 4);
  code(patioLock, `Owner — ${world.user.first_name}`, 6);
  code(sideLock, `Owner — ${world.user.first_name}`, 6);
  code(sideLock, `Neighbour — ${helpers[2]!.full_name}`, 5);
  code(keypad, `Owner — ${world.user.first_name}`, 4);

  // Scenes.
  const scenes: Scene[] = [];
  const scene = (name: string, r: Room | undefined, entries: Scene["entries"]) => {
    const s: Scene = { id: id("scenes"), name, ...(r ? { room_id: r.id } : {}), entries, created_at: time.addDays(now, -rng.int(30, 400)), ...(rng.bool(0.7) ? { last_activated_at: time.addMinutes(now, -rng.int(60, 6 * 24 * 60)) } : {}) };
    scenes.push(s);
    return s;
  };
  const morning = scene("Good Morning", undefined, [
    { device_id: bedBlind.id, state: { position: 100 } },
    { device_id: kitchenCeiling.id, state: { brightness: 80 } },
    { device_id: mainThermostat.id, state: { heat_setpoint_c: 21 } },
  ]);
  const movie = scene("Movie Night", living, [
    { device_id: livingCeiling.id, state: { power: "off" } },
    { device_id: floorLamp.id, state: { brightness: 20, color: "#6a5acd" } },
    { device_id: tvLight.id, state: { brightness: 40, color_temp_k: 2700 } },
    { device_id: livingBlindL.id, state: { position: 0 } },
    { device_id: livingBlindR.id, state: { position: 0 } },
    { device_id: livingSpeaker.id, state: { power: "on", volume: 35 } },
  ]);
  const night = scene("Good Night", undefined, [
    { device_id: livingCeiling.id, state: { power: "off" } },
    { device_id: floorLamp.id, state: { power: "off" } },
    { device_id: kitchenCeiling.id, state: { power: "off" } },
    { device_id: hallLight.id, state: { brightness: 10 } },
    { device_id: frontLock.id, state: { locked: true } },
    { device_id: sideLock.id, state: { locked: true } },
    { device_id: mainThermostat.id, state: { heat_setpoint_c: 18 } },
  ]);
  scene("Dinner", dining, [
    { device_id: pendant.id, state: { brightness: 60, color_temp_k: 2700 } },
    { device_id: kitchenCeiling.id, state: { brightness: 30 } },
  ]);
  const focus = scene("Focus", office, [
    { device_id: deskLamp.id, state: { brightness: 100, color_temp_k: 5000 } },
    { device_id: officeCeiling.id, state: { brightness: 70 } },
    { device_id: officeBlind.id, state: { position: 100 } },
  ]);
  scene("Reading", bedroom, [
    { device_id: lampL.id, state: { brightness: 70, color_temp_k: 3000 } },
    { device_id: bedCeiling.id, state: { power: "off" } },
  ]);

  // Automations.
  const automations: Automation[] = [];
  const yesterday = time.addDays(today, -1);
  /** When an automation last fired, consistent with its trigger and time window. */
  const lastFired = (a: Pick<Automation, "trigger" | "conditions">): string => {
    const t = a.trigger;
    if (t.type === "time") return time.lastWeeklyAt(now, t.at, t.days ?? time.WEEKDAYS);
    if (t.type === "sun") return `${yesterday}T${t.event === "sunset" ? (season === "summer" ? "20" : "17") : season === "summer" ? "05" : "07"}:${String(rng.int(10, 59)).padStart(2, "0")}:00Z`;
    const window = a.conditions.find((c) => c.type === "time_window");
    if (window && window.type === "time_window") return time.addMinutes(`${time.addDays(today, -rng.int(1, 3))}T${window.after}:00Z`, rng.int(1, 55));
    return time.addMinutes(now, -rng.int(30, 3 * 24 * 60));
  };
  const automation = (name: string, description: string, enabled: boolean, a: Pick<Automation, "trigger" | "conditions" | "actions">) =>
    automations.push({ id: id("automations"), name, description, enabled, ...a, created_at: time.addDays(now, -rng.int(20, 500)), ...(enabled && rng.bool(0.8) ? { last_triggered_at: lastFired(a) } : {}) });
  automation("Porch light at sunset", "Turns the porch light on at sunset.", true, { trigger: { type: "sun", event: "sunset", offset_minutes: 0 }, conditions: [], actions: [{ type: "device", device_id: porch.id, state: { power: "on" } }] });
  automation("Porch light off at midnight", "Turns the porch light off at 00:00.", true, { trigger: { type: "time", at: "00:00" }, conditions: [], actions: [{ type: "device", device_id: porch.id, state: { power: "off" } }] });
  automation("Night hallway light", "Dims the hallway light on when someone walks by at night.", true, {
    trigger: { type: "device_state", device_id: hallMotion.id, attribute: "motion", to: "detected" },
    conditions: [{ type: "time_window", after: "22:00", before: "06:00" }],
    actions: [{ type: "device", device_id: hallLight.id, state: { brightness: 20 } }],
  });
  automation("Kitchen leak alert", "Warns the user when the under-sink sensor detects water.", true, {
    trigger: { type: "device_state", device_id: kitchenLeak.id, attribute: "leak", to: "detected" },
    conditions: [],
    actions: [{ type: "notify", message: "Water detected under the kitchen sink!" }],
  });
  automation("Office too warm", "Closes the office blind halfway when the office gets above 26 °C.", false, {
    trigger: { type: "numeric_state", device_id: officeClimate.id, attribute: "temperature_c", above: 26 },
    conditions: [{ type: "time_window", after: "10:00", before: "18:00" }],
    actions: [{ type: "device", device_id: officeBlind.id, state: { position: 50 } }, { type: "notify", message: "The office is warm: blind lowered." }],
  });
  automation("Lock up at 23:00", "Locks the front door every night at 23:00.", true, { trigger: { type: "time", at: "23:00" }, conditions: [], actions: [{ type: "device", device_id: frontLock.id, state: { locked: true } }] });
  automation("Front door left open", "Notifies when the front door opens while the alarm is armed away.", true, {
    trigger: { type: "device_state", device_id: frontLock.id, attribute: "door", to: "open" },
    conditions: [{ type: "device_state", device_id: keypad.id, attribute: "alarm_mode", is: "armed_away" }],
    actions: [{ type: "notify", message: "The front door opened while the alarm is armed away." }],
  });
  automation("Movie mode on TV", "Sets the Movie Night scene when the TV draws power after 19:00.", rng.bool(0.5), {
    trigger: { type: "numeric_state", device_id: tvPlug.id, attribute: "power_w", above: 60 },
    conditions: [{ type: "time_window", after: "19:00", before: "23:59" }],
    actions: [{ type: "scene", scene_id: movie.id }],
  });

  // Schedules on the hub's clock.
  const schedules: Schedule[] = [];
  const WEEKDAYS5 = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
  const schedule = (name: string, at: string, days: Schedule["days"], action: Schedule["action"], enabled = true) =>
    schedules.push({ id: id("schedules"), name, at, days, action, enabled, ...(enabled ? { next_run_at: time.nextWeeklyAt(now, at, days) } : {}), created_at: time.addDays(now, -rng.int(10, 300)), ...(enabled ? { last_run_at: time.lastWeeklyAt(now, at, days) } : {}) });
  schedule("Weekday wake-up", "06:45", [...WEEKDAYS5], { type: "scene", scene_id: morning.id });
  schedule("Morning coffee", "06:30", [...WEEKDAYS5], { type: "device", device_id: coffee.id, state: { power: "on" } });
  schedule("Bedtime", "22:45", [...time.WEEKDAYS], { type: "scene", scene_id: night.id });
  schedule("Weekend blinds", "08:30", ["saturday", "sunday"], { type: "device", device_id: bedBlind.id, state: { position: 100 } });
  schedule("Garden lights off", "23:30", [...time.WEEKDAYS], { type: "device", device_id: pathLights.id, state: { power: "off" } });
  schedule("Work focus", "09:00", [...WEEKDAYS5], { type: "scene", scene_id: focus.id }, rng.bool(0.5));
  schedule("Bedroom heat down", "23:00", [...time.WEEKDAYS], { type: "device", device_id: bedRadiator.id, state: { heat_setpoint_c: 17 } }, season !== "summer");
  if (ev) schedule("Off-peak EV charging", "01:00", [...time.WEEKDAYS], { type: "device", device_id: ev.id, state: { power: "on" } });

  // Device groups.
  const device_groups: DeviceGroup[] = [];
  const group = (name: string, members: Device[]) => device_groups.push({ id: id("device_groups"), name, device_ids: members.map((d) => d.id), created_at: time.addDays(now, -rng.int(10, 300)) });
  group("Downstairs Lights", [livingCeiling, floorLamp, kitchenCeiling, underCabinet, pendant, hallLight]);
  group("Bedside Lamps", [lampL, lampR]);
  group("Garden Lights", [pathLights, stringLights, porch]);
  if (kettle) group("Kitchen Appliances", [coffee, kettle]);

  // Logbook: the last two days.
  const events: Array<Omit<DeviceEvent, "id">> = [];
  const ev0 = (d: Device | undefined, minutesAgo: number, kind: DeviceEvent["kind"], message: string, source: DeviceEvent["source"] = "device") =>
    events.push({ ...(d ? { device_id: d.id } : {}), at: time.addMinutes(now, -minutesAgo), kind, message, source });
  for (let k = 0; k < 14; k++) ev0(rng.pick([livingMotion, hallMotion]), rng.int(20, 48 * 60), "motion", "Motion detected");
  for (let k = 0; k < 8; k++) ev0(doorbell, rng.int(20, 48 * 60), rng.pick(["motion", "person", "person", "package"]), rng.pick(["Motion at the front door", "Person at the front door", "Someone is at your door", "Package delivered"]));
  const openings = [rng.int(30, 600), rng.int(700, 1400), rng.int(1500, 2800)];
  for (const m of openings) {
    ev0(frontLock, m + 2, "unlocked", `Front Door Lock unlocked with code "Owner — ${world.user.first_name}"`, "user");
    ev0(frontLock, m + 1, "door_opened", "Front door opened");
    ev0(frontLock, m, "door_closed", "Front door closed");
    ev0(frontLock, m - 1, "locked", "Front Door Lock locked (auto-lock)");
  }
  ev0(patioLock, rng.int(15, 50), "door_opened", "Patio door opened", "user");
  ev0(patioLock, rng.int(55, 120), "unlocked", `Patio Door Lock unlocked with code "Owner — ${world.user.first_name}"`, "user");
  for (const d of devices.filter((x) => !x.online)) ev0(d, time.minutesBetween(d.last_seen, now), "went_offline", `${d.name} stopped responding`);
  for (const d of devices.filter((x) => x.online && (x.state.battery_pct ?? 100) < 25)) ev0(d, rng.int(60, 40 * 60), "low_battery", `${d.name} battery at ${d.state.battery_pct}%`);
  ev0(porch, rng.int(14 * 60, 16 * 60), "automation_ran", 'Automation "Porch light at sunset" turned on the Porch Light', "automation");
  // Scenes run by schedules were last activated when the schedule last ran.
  for (const sch of schedules) {
    if (!sch.enabled || sch.action.type !== "scene" || !sch.last_run_at) continue;
    const target = sch.action.scene_id;
    const sc = scenes.find((x) => x.id === target);
    if (!sc) continue;
    if (!sc.last_activated_at || sc.last_activated_at < sch.last_run_at) sc.last_activated_at = sch.last_run_at;
    ev0(undefined, time.minutesBetween(sch.last_run_at, now), "scene_activated", `Scene "${sc.name}" activated by schedule "${sch.name}"`, "schedule");
  }
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const device_events: DeviceEvent[] = events.map((e) => ({ id: id("device_events"), ...e }));

  return { rooms, devices, scenes, automations, schedules, device_groups, energy_readings, access_codes, device_events };
}
