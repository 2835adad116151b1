/**
 * The user's home: 10-12 rooms and 50-70 devices from real product lines (Hue, Lutron, Kasa,
 * ecobee, tado°, August, Yale, Nest, Ring, Aqara, IKEA, Sonos), their state at 09:00 on the
 * session's first day, two weeks of daily energy readings for metered devices, two days of
 * logbook events, the user's scenes, automations, schedules and device groups, and the access
 * codes of the locks and the alarm panel.
 *
 * Things happen in order: a device was installed after its room was set up, and a scene,
 * automation, schedule, group or access code was made after the devices it uses; schedules and
 * timed automations last ran at their last due time, so the hub's clock picks up from there.
 *
 * Fixed points the tests rely on: the patio door lock is unlocked with its door standing open
 * (so arming is blocked and locking it fails), the front door is locked and closed, the alarm
 * is disarmed, the garden camera is offline, and every scene, automation and schedule is valid.
 */
import { roundMoney, time, type Rng, type SeedContext } from "../framework/index.ts";
import { lastFiring } from "./hub.ts";
import {
  derive,
  TARIFF_PER_KWH,
  type AccessCode,
  type Automation,
  type Capability,
  type Device,
  type DeviceEvent,
  type DeviceGroup,
  type DeviceState,
  type DeviceType,
  type EnergyReading,
  type HvacMode,
  type Room,
  type Scene,
  type Schedule,
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
type Season = "winter" | "summer" | "mild";

export function seedIotDevices(ctx: SeedContext) {
  const h = new House(ctx);
  const d = h.furnish();
  h.takeOffline(d);
  const energy_readings = h.energyReadings();
  const access_codes = h.accessCodes(d);
  const scenes = h.scenes(d);
  const automations = h.automations(d, scenes);
  const schedules = h.schedules(d, scenes);
  const device_groups = h.groups(d);
  return {
    rooms: h.rooms,
    devices: h.devices,
    scenes,
    automations,
    schedules,
    device_groups,
    energy_readings,
    access_codes,
    device_events: h.logbook(d, scenes, schedules),
  };
}

/** The devices the scenes, automations, schedules, groups, codes and logbook name. */
type Named = ReturnType<House["furnish"]>;

/** Builds the home room by room; the helpers make one kind of device each, from a real product line. */
class House {
  readonly rooms: Room[] = [];
  readonly devices: Device[] = [];
  private readonly hoursOf = new Map<string, [number, number]>();
  readonly season: Season;
  private readonly outdoor: number;
  /** The main thermostat's setpoints for the season. */
  private readonly heatSet: number;
  private readonly coolSet: number;

  constructor(private readonly ctx: SeedContext) {
    const month = Number(ctx.world.today.slice(5, 7));
    this.season = [11, 12, 1, 2, 3].includes(month) ? "winter" : [6, 7, 8].includes(month) ? "summer" : "mild";
    this.outdoor = this.season === "winter" ? this.rng.int(-2, 9) : this.season === "summer" ? this.rng.int(22, 31) : this.rng.int(10, 19);
    this.heatSet = this.season === "summer" ? 19 : this.rng.pick([20, 20.5, 21]);
    this.coolSet = this.season === "winter" ? 26 : this.rng.pick([24, 24.5, 25]);
  }

  private get rng(): Rng {
    return this.ctx.rng;
  }
  private get now(): string {
    return this.ctx.world.now;
  }

  /** A minute after every instant of `since` (by a day at least), at most `maxDays` and at least `minDays` before now. */
  private after(since: readonly string[], maxDays: number, minDays = 1): string {
    const latest = [...since].sort().at(-1);
    const nowMs = time.toMs(this.now);
    const from = Math.max(latest ? time.toMs(time.addDays(latest.slice(0, 10), 1)) : 0, nowMs - maxDays * time.DAY);
    const to = Math.max(from, nowMs - minDays * time.DAY);
    return time.fromMs(from + Math.floor((this.rng.next() * (to - from)) / 60_000) * 60_000);
  }

  private installedOn(ids: readonly string[]): string[] {
    return ids.map((id) => this.devices.find((d) => d.id === id)?.installed_on ?? "");
  }

  private indoor(): number {
    return Math.round((this.season === "summer" ? this.rng.float(23, 26) : this.rng.float(19, 22.5)) * 10) / 10;
  }

  private battery(): number {
    return this.rng.int(18, 100);
  }

  room(name: string, kind: Room["kind"], floor: number): Room {
    const r: Room = { id: this.ctx.id("rooms"), name, kind, floor, created_at: time.addDays(this.now, -this.rng.int(300, 900)) };
    this.rooms.push(r);
    return r;
  }

  /** A device of `spec` in room `r`, installed after the room was set up and at least 60 days ago. */
  add(r: Room, spec: Spec): Device {
    const { rng, now } = this;
    const roomDay = r.created_at.slice(0, 10);
    const d: Device = {
      id: this.ctx.id("devices"),
      name: spec.name,
      type: spec.type,
      room_id: r.id,
      manufacturer: spec.maker,
      model: spec.model,
      capabilities: spec.caps,
      online: true,
      last_seen: time.addMinutes(now, -rng.int(0, 9)),
      firmware: `${rng.int(1, 4)}.${rng.int(0, 19)}.${rng.int(0, 40)}`,
      installed_on: time.addDays(roomDay, rng.int(0, Math.max(0, time.daysBetween(roomDay, now.slice(0, 10)) - 60))),
      ...(spec.range ? { color_temp_range_k: spec.range } : {}),
      ...(spec.modes ? { hvac_modes: spec.modes } : {}),
      ...(spec.watts !== undefined ? { rated_power_w: spec.watts } : {}),
      state: spec.state,
      last_changed: time.addMinutes(now, -rng.int(10, 60 * 30)),
    };
    d.state = derive(d, d.state);
    this.devices.push(d);
    this.hoursOf.set(d.id, spec.hours ?? [0, 0]);
    return d;
  }

  light(r: Room, name: string, kind: Kind, on = this.rng.bool(0.2)): Device {
    const { rng } = this;
    const brightness = on ? rng.pick([30, 45, 60, 80, 100]) : 0;
    if (kind === "switch")
      return this.add(r, {
        name,
        type: "switch",
        maker: "TP-Link",
        model: "Kasa Smart Light Switch HS200",
        caps: ["on_off"],
        state: { power: on ? "on" : "off" },
      });
    if (kind === "dimmer")
      return this.add(r, {
        name,
        type: "light",
        maker: "Lutron",
        model: "Caséta Smart Dimmer PD-6WCL",
        caps: ["on_off", "brightness"],
        state: { power: on ? "on" : "off", brightness },
      });
    const range = kind === "color" ? { min: 2000, max: 6500 } : { min: 2200, max: 6500 };
    const caps: Capability[] = kind === "color" ? ["on_off", "brightness", "color_temperature", "color"] : ["on_off", "brightness", "color_temperature"];
    const model =
      kind === "color"
        ? rng.pick(["Hue White and Color Ambiance A19", "Hue Go", "Hue Play Light Bar"])
        : rng.pick(["Hue White Ambiance A19", "Hue White Ambiance GU10"]);
    return this.add(r, {
      name,
      type: "light",
      maker: "Philips",
      model,
      caps,
      range,
      state: {
        power: on ? "on" : "off",
        brightness,
        color_temp_k: rng.pick([2700, 3000, 4000]),
        ...(kind === "color" ? { color: rng.pick(["#ffb46b", "#ff8c42", "#6a5acd", "#ffffff"]) } : {}),
      },
    });
  }
  plug(r: Room, name: string, watts: number, hours: [number, number], on = this.rng.bool(0.3)): Device {
    return this.add(r, {
      name,
      type: "plug",
      maker: "TP-Link",
      model: "Kasa Smart Plug KP115",
      caps: ["on_off", "power_meter"],
      state: { power: on ? "on" : "off" },
      watts,
      hours,
    });
  }
  blind(r: Room, name: string): Device {
    return this.add(r, {
      name,
      type: "blind",
      maker: this.rng.pick(["IKEA", "Somfy"]),
      model: this.rng.pick(["FYRTUR roller blind", "Sonesse 30 WireFree"]),
      caps: ["position", "battery"],
      state: { position: this.rng.pick([0, 50, 100, 100]), battery_pct: this.battery() },
    });
  }
  climate(r: Room, name: string): Device {
    return this.add(r, {
      name,
      type: "sensor",
      maker: "Aqara",
      model: "Temperature and Humidity Sensor T1",
      caps: ["temperature", "humidity", "battery"],
      state: { temperature_c: this.indoor(), humidity_pct: this.rng.int(35, 58), battery_pct: this.battery() },
    });
  }
  motion(r: Room, name: string): Device {
    return this.add(r, {
      name,
      type: "sensor",
      maker: "Aqara",
      model: "Motion Sensor P1",
      caps: ["motion", "battery"],
      state: { motion: this.rng.bool(0.2) ? "detected" : "clear", battery_pct: this.battery() },
    });
  }
  contact(r: Room, name: string, open = false): Device {
    return this.add(r, {
      name,
      type: "sensor",
      maker: "Aqara",
      model: "Door and Window Sensor",
      caps: ["contact", "battery"],
      state: { contact: open ? "open" : "closed", battery_pct: this.battery() },
    });
  }
  smoke(r: Room, name: string): Device {
    return this.add(r, {
      name,
      type: "sensor",
      maker: "First Alert",
      model: "Onelink Safe & Sound",
      caps: ["smoke", "battery"],
      state: { smoke: "clear", battery_pct: this.battery() },
    });
  }
  leak(r: Room, name: string): Device {
    return this.add(r, {
      name,
      type: "sensor",
      maker: "Aqara",
      model: "Water Leak Sensor",
      caps: ["leak", "battery"],
      state: { leak: "clear", battery_pct: this.battery() },
    });
  }
  speaker(r: Room, name: string): Device {
    return this.add(r, {
      name,
      type: "speaker",
      maker: "Sonos",
      model: this.rng.pick(["One (Gen 2)", "Era 100", "Five"]),
      caps: ["on_off", "volume"],
      state: { power: this.rng.bool(0.3) ? "on" : "off", volume: this.rng.pick([15, 20, 25, 30, 40]) },
    });
  }
  camera(r: Room, name: string, batteryPowered = false): Device {
    return this.add(r, {
      name,
      type: "camera",
      maker: batteryPowered ? "Ring" : "Google",
      model: batteryPowered ? "Stick Up Cam Battery" : "Nest Cam (wired)",
      caps: batteryPowered ? ["camera", "motion", "battery"] : ["camera", "motion"],
      state: { recording: true, motion_detection: true, motion: "clear", ...(batteryPowered ? { battery_pct: this.battery() } : {}) },
    });
  }
  lock(r: Room, name: string, withDoorSensor: boolean, locked: boolean, door: "open" | "closed" = "closed"): Device {
    return this.add(r, {
      name,
      type: "lock",
      maker: withDoorSensor ? "August" : "Yale",
      model: withDoorSensor ? "Wi-Fi Smart Lock (4th gen)" : "Assure Lock 2",
      caps: withDoorSensor ? ["lock", "door_sensor", "battery"] : ["lock", "battery"],
      state: { locked, ...(withDoorSensor ? { door } : {}), battery_pct: this.battery() },
    });
  }
  thermostat(r: Room, name: string): Device {
    const { rng, season } = this;
    const [heat, cool] = [this.heatSet, this.coolSet];
    const mode: HvacMode = season === "winter" ? "heat" : season === "summer" ? "cool" : "auto";
    return this.add(r, {
      name,
      type: "thermostat",
      maker: "ecobee",
      model: "Smart Thermostat Premium",
      caps: ["thermostat", "temperature", "humidity", "power_meter"],
      modes: ["off", "heat", "cool", "auto"],
      watts: 3500,
      state: { hvac_mode: mode, heat_setpoint_c: heat, cool_setpoint_c: cool, temperature_c: this.indoor(), humidity_pct: rng.int(35, 55) },
      hours: season === "mild" ? [1, 4] : [3, 9],
    });
  }
  radiator(r: Room, name: string): Device {
    return this.add(r, {
      name,
      type: "thermostat",
      maker: "tado°",
      model: "Smart Radiator Thermostat X",
      caps: ["thermostat", "temperature", "battery"],
      modes: ["off", "heat"],
      state: {
        hvac_mode: this.season === "summer" ? "off" : "heat",
        heat_setpoint_c: this.rng.pick([18, 19, 20]),
        temperature_c: this.indoor(),
        battery_pct: this.battery(),
      },
    });
  }

  /** Every room and its devices; returns the ones scenes, automations and the logbook name. */
  furnish() {
    return { ...this.groundFloor(), ...this.upstairs(), ...this.outside() };
  }

  private groundFloor() {
    const { rng } = this;
    const living = this.room("Living Room", "living_room", 0);
    const named = {
      livingCeiling: this.light(living, "Living Room Ceiling", "ambiance"),
      floorLamp: this.light(living, "Floor Lamp", "color"),
      tvLight: this.light(living, "TV Backlight", "color"),
      livingBlindL: this.blind(living, "Living Room Blind Left"),
      livingBlindR: this.blind(living, "Living Room Blind Right"),
      mainThermostat: this.thermostat(living, "Main Thermostat"),
      livingSpeaker: this.speaker(living, "Living Room Speaker"),
      tvPlug: this.plug(living, "TV Plug", 120, [2, 5], true),
      livingMotion: this.motion(living, "Living Room Motion"),
      patioLock: this.lock(living, "Patio Door Lock", true, false, "open"),
    };
    this.contact(living, "Living Room Window", false);
    const kitchen = this.room("Kitchen", "kitchen", 0);
    const kitchenCeiling = this.light(kitchen, "Kitchen Ceiling", "dimmer", true);
    const underCabinet = this.light(kitchen, "Under-Cabinet Lights", "switch");
    const coffee = this.plug(kitchen, "Coffee Maker", 1100, [0.2, 0.6], false);
    const kettle = rng.bool(0.6) ? this.plug(kitchen, "Kettle", 2200, [0.1, 0.3], false) : undefined;
    this.smoke(kitchen, "Kitchen Smoke Alarm");
    const kitchenLeak = this.leak(kitchen, "Under-Sink Leak Sensor");
    if (rng.bool(0.5)) this.speaker(kitchen, "Kitchen Speaker");
    const dining = this.room("Dining Room", "dining_room", 0);
    const pendant = this.light(dining, "Dining Pendant", "color");
    this.blind(dining, "Dining Room Blind");
    if (rng.bool(0.5)) this.contact(dining, "Dining Room Window", false);
    const entrance = this.room(rng.pick(["Entrance Hall", "Hallway"]), "entrance", 0);
    const entry = {
      frontLock: this.lock(entrance, "Front Door Lock", true, true, "closed"),
      doorbell: this.camera(entrance, "Front Door Camera", true),
      keypad: this.add(entrance, {
        name: "Alarm Keypad",
        type: "alarm_panel",
        maker: "Ring",
        model: "Alarm Keypad (2nd gen)",
        caps: ["alarm", "battery"],
        state: { alarm_mode: "disarmed", battery_pct: this.battery() },
      }),
      hallMotion: this.motion(entrance, "Hallway Motion"),
      hallLight: this.light(entrance, "Hallway Light", "dimmer"),
      porch: this.light(entrance, "Porch Light", "switch"),
    };
    this.smoke(entrance, "Hallway Smoke Alarm");
    return { living, dining, ...named, kitchenCeiling, underCabinet, coffee, kettle, kitchenLeak, pendant, ...entry };
  }

  private upstairs() {
    const { rng } = this;
    const bedroom = this.room(rng.pick(["Master Bedroom", "Main Bedroom"]), "bedroom", 1);
    const bed = {
      bedCeiling: this.light(bedroom, "Bedroom Ceiling", "ambiance"),
      lampL: this.light(bedroom, "Bedside Lamp Left", "color"),
      lampR: this.light(bedroom, "Bedside Lamp Right", "color"),
      bedBlind: this.blind(bedroom, "Bedroom Blind"),
      bedRadiator: this.radiator(bedroom, "Bedroom Radiator"),
    };
    this.climate(bedroom, "Bedroom Climate Sensor");
    this.contact(bedroom, "Bedroom Window", rng.bool(0.3));
    if (rng.bool(0.4)) this.speaker(bedroom, "Bedroom Speaker");
    const second = this.room(rng.pick(["Guest Room", "Kids' Room", "Nursery"]), "bedroom", 1);
    this.light(second, `${second.name} Ceiling`, "ambiance");
    this.plug(second, "Night Light", 6, [8, 10], false);
    this.radiator(second, `${second.name} Radiator`);
    this.contact(second, `${second.name} Window`, false);
    const office = this.room(rng.pick(["Office", "Study"]), "office", 1);
    const work = { deskLamp: this.light(office, "Desk Lamp", "ambiance"), officeCeiling: this.light(office, `${office.name} Ceiling`, "dimmer") };
    this.plug(office, "Space Heater", 1500, this.season === "winter" ? [1, 4] : [0, 0.5], false);
    const officeBlind = this.blind(office, `${office.name} Blind`);
    const officeClimate = this.climate(office, `${office.name} Climate Sensor`);
    this.contact(office, `${office.name} Window`, rng.bool(0.4));
    this.plug(office, "Monitor & Dock", 90, [5, 9], true);
    const bath = this.room("Bathroom", "bathroom", 1);
    this.light(bath, "Mirror Light", "switch");
    this.plug(bath, "Towel Warmer", 300, [1, 3], false);
    this.climate(bath, "Bathroom Climate Sensor");
    this.leak(bath, "Bathroom Leak Sensor");
    return { bedroom, second, office, ...bed, ...work, officeBlind, officeClimate };
  }

  private outside() {
    const { rng } = this;
    const garage = this.room("Garage", "garage", 0);
    this.light(garage, "Garage Light", "switch");
    const sideLock = this.lock(garage, "Garage Side Door Lock", false, true);
    this.camera(garage, "Garage Camera");
    const ev = rng.bool(0.7) ? this.plug(garage, "EV Charger", 7200, [0, 3.5], false) : undefined;
    this.plug(garage, "Chest Freezer", 150, [7, 10], true);
    this.contact(garage, "Garage Door Sensor", false);
    const garden = this.room(rng.pick(["Garden", "Backyard"]), "garden", 0);
    const pathLights = this.light(garden, "Garden Path Lights", "switch");
    const stringLights = this.plug(garden, "Patio String Lights", 48, [0, 4], false);
    const gardenCam = this.camera(garden, "Garden Camera", true);
    this.motion(garden, "Garden Motion");
    if (rng.bool(0.6))
      this.add(garden, {
        name: "Sprinkler Valve",
        type: "switch",
        maker: "Rachio",
        model: "Smart Hose Timer",
        caps: ["on_off", "battery"],
        state: { power: "off", battery_pct: this.battery() },
      });
    const laundry = this.room("Laundry Room", rng.bool(0.5) ? "laundry" : "basement", rng.bool(0.5) ? 0 : -1);
    this.plug(laundry, "Washing Machine", 500, [0, 1.5], false);
    if (rng.bool(0.6)) this.plug(laundry, "Dryer", 2400, [0, 1.2], false);
    this.leak(laundry, "Laundry Leak Sensor");
    this.light(laundry, "Laundry Light", "switch", false);
    if (rng.bool(0.5)) {
      const nursery =
        this.rooms.find((r) => r.name === "Nursery") ?? this.rooms.find((r) => r.kind === "bedroom" && r.floor === 1 && !r.name.includes("Bedroom"))!;
      this.add(nursery, {
        name: "Baby Monitor",
        type: "camera",
        maker: "Google",
        model: "Nest Cam (indoor, wired)",
        caps: ["camera", "motion"],
        state: { recording: false, motion_detection: true, motion: "clear" },
      });
    }
    this.outdoorSensor(garden);
    return { garage, garden, sideLock, ev, pathLights, stringLights, gardenCam };
  }

  /** A wired weather module reports the outdoor temperature; built without drawing from rng, so it shifts no other value of the seed. */
  private outdoorSensor(garden: Room): void {
    this.devices.push({
      id: this.ctx.id("devices"),
      name: "Outdoor Temperature",
      type: "sensor",
      room_id: garden.id,
      manufacturer: "Netatmo",
      model: "Outdoor Module",
      capabilities: ["temperature", "humidity"],
      online: true,
      last_seen: time.addMinutes(this.now, -3),
      firmware: "2.4.1",
      installed_on: garden.created_at.slice(0, 10),
      state: { temperature_c: this.outdoor, humidity_pct: this.season === "summer" ? 45 : 70 },
      last_changed: time.addMinutes(this.now, -3),
    });
  }

  /** The garden camera's battery died a day or more ago; one or two other devices dropped off the network in the last day. */
  takeOffline(d: Named): void {
    const offline = (x: Device, minutesAgo: number) =>
      Object.assign(x, { online: false, last_seen: time.addMinutes(this.now, -minutesAgo), last_changed: time.addMinutes(this.now, -minutesAgo) });
    offline(d.gardenCam, this.rng.int(26 * 60, 4 * 24 * 60));
    d.gardenCam.state = { ...d.gardenCam.state, battery_pct: 0 };
    for (const x of this.rng.sample([d.livingBlindR, d.tvLight, d.officeBlind, d.pathLights, d.stringLights], this.rng.int(1, 2)))
      offline(x, this.rng.int(45, 30 * 60));
  }

  /** Scenes, each made after the devices it sets were installed. */
  scenes(d: Named): Scene[] {
    const out: Scene[] = [];
    const scene = (name: string, r: Room | undefined, entries: Scene["entries"]) => {
      const created = this.after(this.installedOn(entries.map((e) => e.device_id)), 400);
      const s: Scene = {
        id: this.ctx.id("scenes"),
        name,
        ...(r ? { room_id: r.id } : {}),
        entries,
        created_at: created,
        ...(this.rng.bool(0.7) ? { last_activated_at: this.after([created], 6) } : {}),
      };
      out.push(s);
    };
    scene("Good Morning", undefined, [
      { device_id: d.bedBlind.id, state: { position: 100 } },
      { device_id: d.kitchenCeiling.id, state: { brightness: 80 } },
      { device_id: d.mainThermostat.id, state: { heat_setpoint_c: 21 } },
    ]);
    scene("Movie Night", d.living, [
      { device_id: d.livingCeiling.id, state: { power: "off" } },
      { device_id: d.floorLamp.id, state: { brightness: 20, color: "#6a5acd" } },
      { device_id: d.tvLight.id, state: { brightness: 40, color_temp_k: 2700 } },
      { device_id: d.livingBlindL.id, state: { position: 0 } },
      { device_id: d.livingBlindR.id, state: { position: 0 } },
      { device_id: d.livingSpeaker.id, state: { power: "on", volume: 35 } },
    ]);
    scene("Good Night", undefined, [
      { device_id: d.livingCeiling.id, state: { power: "off" } },
      { device_id: d.floorLamp.id, state: { power: "off" } },
      { device_id: d.kitchenCeiling.id, state: { power: "off" } },
      { device_id: d.hallLight.id, state: { brightness: 10 } },
      { device_id: d.frontLock.id, state: { locked: true } },
      { device_id: d.sideLock.id, state: { locked: true } },
      { device_id: d.mainThermostat.id, state: { heat_setpoint_c: 18 } },
    ]);
    scene("Dinner", d.dining, [
      { device_id: d.pendant.id, state: { brightness: 60, color_temp_k: 2700 } },
      { device_id: d.kitchenCeiling.id, state: { brightness: 30 } },
    ]);
    scene("Focus", d.office, [
      { device_id: d.deskLamp.id, state: { brightness: 100, color_temp_k: 5000 } },
      { device_id: d.officeCeiling.id, state: { brightness: 70 } },
      { device_id: d.officeBlind.id, state: { position: 100 } },
    ]);
    scene("Reading", d.bedroom, [
      { device_id: d.lampL.id, state: { brightness: 70, color_temp_k: 3000 } },
      { device_id: d.bedCeiling.id, state: { power: "off" } },
    ]);
    return out;
  }

  /** The ids of the devices and scenes an automation or a schedule uses. */
  private uses(parts: ReadonlyArray<{ device_id?: string; scene_id?: string }>, scenes: readonly Scene[]): string[] {
    return parts.flatMap((p) => [
      ...(p.device_id ? this.installedOn([p.device_id]) : []),
      ...(p.scene_id ? [scenes.find((s) => s.id === p.scene_id)?.created_at ?? ""] : []),
    ]);
  }

  /** When an automation last fired: a timed one at its last due time (the hub's clock goes on from there), others some time in the last days. */
  private lastFired(a: Pick<Automation, "trigger" | "conditions">, created: string): string {
    const t = a.trigger;
    if (t.type === "time" || t.type === "sun") return lastFiring(t, this.now);
    const window = a.conditions.find((c) => c.type === "time_window");
    const at =
      window && window.type === "time_window"
        ? time.addMinutes(`${time.addDays(this.ctx.world.today, -this.rng.int(1, 3))}T${window.after}:00Z`, this.rng.int(1, 55))
        : time.addMinutes(this.now, -this.rng.int(30, 3 * 24 * 60));
    return at > created ? at : this.after([created], 3);
  }

  automations(d: Named, scenes: readonly Scene[]): Automation[] {
    const out: Automation[] = [];
    const movie = scenes.find((s) => s.name === "Movie Night")!;
    const automation = (name: string, description: string, enabled: boolean, a: Pick<Automation, "trigger" | "conditions" | "actions">) => {
      const created = this.after(
        this.uses([a.trigger as { device_id?: string }, ...a.conditions, ...a.actions] as Array<{ device_id?: string; scene_id?: string }>, scenes),
        500,
        8,
      );
      const timed = a.trigger.type === "time" || a.trigger.type === "sun";
      const fired = enabled && (this.rng.bool(0.8) || timed);
      out.push({
        id: this.ctx.id("automations"),
        name,
        description,
        enabled,
        ...a,
        created_at: created,
        ...(fired ? { last_triggered_at: this.lastFired(a, created) } : {}),
      });
    };
    automation("Porch light at sunset", "Turns the porch light on at sunset.", true, {
      trigger: { type: "sun", event: "sunset", offset_minutes: 0 },
      conditions: [],
      actions: [{ type: "device", device_id: d.porch.id, state: { power: "on" } }],
    });
    automation("Porch light off at midnight", "Turns the porch light off at 00:00.", true, {
      trigger: { type: "time", at: "00:00" },
      conditions: [],
      actions: [{ type: "device", device_id: d.porch.id, state: { power: "off" } }],
    });
    automation("Night hallway light", "Dims the hallway light on when someone walks by at night.", true, {
      trigger: { type: "device_state", device_id: d.hallMotion.id, attribute: "motion", to: "detected" },
      conditions: [{ type: "time_window", after: "22:00", before: "06:00" }],
      actions: [{ type: "device", device_id: d.hallLight.id, state: { brightness: 20 } }],
    });
    automation("Kitchen leak alert", "Warns the user when the under-sink sensor detects water.", true, {
      trigger: { type: "device_state", device_id: d.kitchenLeak.id, attribute: "leak", to: "detected" },
      conditions: [],
      actions: [{ type: "notify", message: "Water detected under the kitchen sink!" }],
    });
    automation("Office too warm", "Closes the office blind halfway when the office gets above 26 °C.", false, {
      trigger: { type: "numeric_state", device_id: d.officeClimate.id, attribute: "temperature_c", above: 26 },
      conditions: [{ type: "time_window", after: "10:00", before: "18:00" }],
      actions: [
        { type: "device", device_id: d.officeBlind.id, state: { position: 50 } },
        { type: "notify", message: "The office is warm: blind lowered." },
      ],
    });
    automation("Lock up at 23:00", "Locks the front door every night at 23:00.", true, {
      trigger: { type: "time", at: "23:00" },
      conditions: [],
      actions: [{ type: "device", device_id: d.frontLock.id, state: { locked: true } }],
    });
    automation("Front door left open", "Notifies when the front door opens while the alarm is armed away.", true, {
      trigger: { type: "device_state", device_id: d.frontLock.id, attribute: "door", to: "open" },
      conditions: [{ type: "device_state", device_id: d.keypad.id, attribute: "alarm_mode", is: "armed_away" }],
      actions: [{ type: "notify", message: "The front door opened while the alarm is armed away." }],
    });
    automation("Movie mode on TV", "Sets the Movie Night scene when the TV draws power after 19:00.", this.rng.bool(0.5), {
      trigger: { type: "numeric_state", device_id: d.tvPlug.id, attribute: "power_w", above: 60 },
      conditions: [{ type: "time_window", after: "19:00", before: "23:59" }],
      actions: [{ type: "scene", scene_id: movie.id }],
    });
    return out;
  }

  /** Schedules on the hub's clock: each enabled one ran at its last due time and runs next at its next one. */
  schedules(d: Named, scenes: readonly Scene[]): Schedule[] {
    const out: Schedule[] = [];
    const scene = (name: string) => scenes.find((s) => s.name === name)!.id;
    const schedule = (name: string, at: string, days: Schedule["days"], action: Schedule["action"], enabled = true) => {
      const created = this.after(this.uses([action as { device_id?: string; scene_id?: string }], scenes), 300, 8);
      out.push({
        id: this.ctx.id("schedules"),
        name,
        at,
        days,
        action,
        enabled,
        ...(enabled ? { next_run_at: time.nextWeeklyAt(this.now, at, days), last_run_at: time.lastWeeklyAt(this.now, at, days) } : {}),
        created_at: created,
      });
    };
    const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
    schedule("Weekday wake-up", "06:45", [...weekdays], { type: "scene", scene_id: scene("Good Morning") });
    schedule("Morning coffee", "06:30", [...weekdays], { type: "device", device_id: d.coffee.id, state: { power: "on" } });
    schedule("Bedtime", "22:45", [...time.WEEKDAYS], { type: "scene", scene_id: scene("Good Night") });
    schedule("Weekend blinds", "08:30", ["saturday", "sunday"], { type: "device", device_id: d.bedBlind.id, state: { position: 100 } });
    schedule("Garden lights off", "23:30", [...time.WEEKDAYS], { type: "device", device_id: d.pathLights.id, state: { power: "off" } });
    schedule("Work focus", "09:00", [...weekdays], { type: "scene", scene_id: scene("Focus") }, this.rng.bool(0.5));
    schedule(
      "Bedroom heat down",
      "23:00",
      [...time.WEEKDAYS],
      { type: "device", device_id: d.bedRadiator.id, state: { heat_setpoint_c: 17 } },
      this.season !== "summer",
    );
    if (d.ev) schedule("Off-peak EV charging", "01:00", [...time.WEEKDAYS], { type: "device", device_id: d.ev.id, state: { power: "on" } });
    return out;
  }

  /** Device groups, each made after its members were installed. */
  groups(d: Named): DeviceGroup[] {
    const group = (name: string, members: Device[]): DeviceGroup => ({
      id: this.ctx.id("device_groups"),
      name,
      device_ids: members.map((m) => m.id),
      created_at: this.after(
        members.map((m) => m.installed_on),
        300,
      ),
    });
    return [
      group("Downstairs Lights", [d.livingCeiling, d.floorLamp, d.kitchenCeiling, d.underCabinet, d.pendant, d.hallLight]),
      group("Bedside Lamps", [d.lampL, d.lampR]),
      group("Garden Lights", [d.pathLights, d.stringLights, d.porch]),
      ...(d.kettle ? [group("Kitchen Appliances", [d.coffee, d.kettle])] : []),
    ];
  }

  /** Daily readings for the last 14 full days of every metered device, from its typical daily hours (a little more at weekends). */
  energyReadings(): EnergyReading[] {
    const out: EnergyReading[] = [];
    for (let back = 14; back >= 1; back--) {
      const date = time.addDays(this.ctx.world.today, -back);
      for (const d of this.devices.filter((x) => x.capabilities.includes("power_meter"))) {
        const [lo, hi] = this.hoursOf.get(d.id) ?? [0, 0];
        const hours = this.rng.float(lo, hi) * (time.isWeekend(date) ? 1.2 : 1);
        const kwh = Math.round(((d.rated_power_w ?? 0) * hours) / 10) / 100;
        out.push({ id: this.ctx.id("energy_readings"), device_id: d.id, date, kwh, cost: roundMoney(kwh * TARIFF_PER_KWH) });
      }
    }
    return out;
  }

  /** The codes of the locks and the keypad: the owner's on each, and the cleaner's, the dog walker's and a neighbour's. */
  accessCodes(d: Named): AccessCode[] {
    const { rng, now } = this;
    const helpers = rng.sample(this.ctx.world.people, 3);
    const owner = `Owner — ${this.ctx.world.user.first_name}`;
    const code = (device: Device, name: string, digits: number): AccessCode => {
      const created = this.after([device.installed_on], 400);
      return {
        id: this.ctx.id("access_codes"),
        device_id: device.id,
        name,
        code: rng.digits(digits),
        created_at: created,
        ...(rng.bool(0.6) ? { last_used_at: this.after([created, time.addMinutes(now, -5 * 24 * 60)], 5) } : {}),
      };
    };
    return [
      code(d.frontLock, owner, 6),
      code(d.frontLock, `Cleaner — ${helpers[0]!.full_name}`, 4),
      code(d.frontLock, `Dog walker — ${helpers[1]!.full_name}`, 4),
      code(d.patioLock, owner, 6),
      code(d.sideLock, owner, 6),
      code(d.sideLock, `Neighbour — ${helpers[2]!.full_name}`, 5),
      code(d.keypad, owner, 4),
    ];
  }

  /** The last two days of the logbook: motion, the doorbell, the front door's comings and goings, devices going offline, low batteries, what automations and schedules did. */
  logbook(d: Named, scenes: Scene[], schedules: readonly Schedule[]): DeviceEvent[] {
    const { rng, now } = this;
    const me = this.ctx.world.user.first_name;
    const events: Array<Omit<DeviceEvent, "id">> = [];
    const log = (x: Device | undefined, minutesAgo: number, kind: DeviceEvent["kind"], message: string, source: DeviceEvent["source"] = "device") =>
      events.push({ ...(x ? { device_id: x.id } : {}), at: time.addMinutes(now, -minutesAgo), kind, message, source });
    for (let k = 0; k < 14; k++) log(rng.pick([d.livingMotion, d.hallMotion]), rng.int(20, 48 * 60), "motion", "Motion detected");
    for (let k = 0; k < 8; k++)
      log(
        d.doorbell,
        rng.int(20, 48 * 60),
        rng.pick(["motion", "person", "person", "package"]),
        rng.pick(["Motion at the front door", "Person at the front door", "Someone is at your door", "Package delivered"]),
      );
    for (const m of [rng.int(30, 600), rng.int(700, 1400), rng.int(1500, 2800)]) {
      log(d.frontLock, m + 2, "unlocked", `Front Door Lock unlocked with code "Owner — ${me}"`, "user");
      log(d.frontLock, m + 1, "door_opened", "Front door opened");
      log(d.frontLock, m, "door_closed", "Front door closed");
      log(d.frontLock, m - 1, "locked", "Front Door Lock locked (auto-lock)");
    }
    log(d.patioLock, rng.int(15, 50), "door_opened", "Patio door opened", "user");
    log(d.patioLock, rng.int(55, 120), "unlocked", `Patio Door Lock unlocked with code "Owner — ${me}"`, "user");
    for (const x of this.devices.filter((y) => !y.online)) log(x, time.minutesBetween(x.last_seen, now), "went_offline", `${x.name} stopped responding`);
    for (const x of this.devices.filter((y) => y.online && (y.state.battery_pct ?? 100) < 25))
      log(x, rng.int(60, 40 * 60), "low_battery", `${x.name} battery at ${x.state.battery_pct}%`);
    log(d.porch, rng.int(14 * 60, 16 * 60), "automation_ran", 'Automation "Porch light at sunset" turned on the Porch Light', "automation");
    // Scenes run by schedules were last activated when the schedule last ran.
    for (const sch of schedules) {
      if (!sch.enabled || sch.action.type !== "scene" || !sch.last_run_at) continue;
      const target = sch.action.scene_id;
      const sc = scenes.find((x) => x.id === target);
      if (!sc) continue;
      if (!sc.last_activated_at || sc.last_activated_at < sch.last_run_at) sc.last_activated_at = sch.last_run_at;
      log(undefined, time.minutesBetween(sch.last_run_at, now), "scene_activated", `Scene "${sc.name}" activated by schedule "${sch.name}"`, "schedule");
    }
    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return events.map((e) => ({ id: this.ctx.id("device_events"), ...e }));
  }
}
