/**
 * Smart-home state, shaped after Home Assistant and SmartThings: the user's home is a set of
 * rooms (areas) holding devices. A device has a type, a list of capabilities (what it can do:
 * on_off, brightness, color_temperature, color, position, thermostat, lock, camera, volume…
 * or what it reports: temperature, humidity, motion, contact, smoke, leak, power), an online
 * flag with the instant it was last seen, and one state object whose fields follow the
 * capabilities. Around them: scenes (saved device states), automations (trigger → conditions →
 * actions), schedules on the logical clock, device groups, daily energy readings, the access
 * codes of locks and of the alarm panel, and a logbook of device events.
 *
 * The rules shared by several tools live here: which capability a setting needs, the valid
 * ranges (brightness 0-100, setpoints 10-32 °C with a 1.5 °C gap in auto mode, colour
 * temperature within the bulb's range), offline devices refusing commands, and how a setting
 * changes the derived state (a light dimmed to 0 is off; a thermostat heats when the room is
 * below its setpoint; a plug draws its appliance's power when on).
 */
import { check, fail, ref, table, time, timeOfDay, toolkit, ToolError, z, type CallEnv, type Db } from "../framework/index.ts";

export const DEVICE_TYPES = ["light", "switch", "plug", "thermostat", "lock", "camera", "blind", "sensor", "speaker", "alarm_panel"] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const CAPABILITIES = [
  "on_off",
  "brightness",
  "color_temperature",
  "color",
  "power_meter",
  "thermostat",
  "lock",
  "door_sensor",
  "camera",
  "position",
  "volume",
  "alarm",
  "temperature",
  "humidity",
  "motion",
  "contact",
  "smoke",
  "leak",
  "battery",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const HVAC_MODES = ["off", "heat", "cool", "auto"] as const;
export type HvacMode = (typeof HVAC_MODES)[number];
export const ALARM_MODES = ["disarmed", "armed_home", "armed_away", "armed_night"] as const;
export const ROOM_KINDS = [
  "living_room",
  "kitchen",
  "dining_room",
  "bedroom",
  "bathroom",
  "office",
  "hallway",
  "entrance",
  "garage",
  "garden",
  "laundry",
  "basement",
] as const;
export const WEEKDAYS = time.WEEKDAYS;

export const SETPOINT_MIN_C = 10;
export const SETPOINT_MAX_C = 32;
/** In auto mode the cooling setpoint stays at least this far above the heating setpoint. */
export const AUTO_DEADBAND_C = 1.5;
/** Price of a kWh on the user's tariff, USD. */
export const TARIFF_PER_KWH = 0.31;

export const Room = z.object({
  id: z.string(),
  name: z.string().min(1).max(60),
  kind: z.enum(ROOM_KINDS),
  /** 0 = ground floor, -1 = basement, 1 = upstairs. */
  floor: z.number().int().min(-2).max(5),
  created_at: z.string(),
});
export type Room = z.output<typeof Room>;

export const DeviceState = z.object({
  power: z.enum(["on", "off"]).optional(),
  brightness: z.number().int().min(0).max(100).optional(),
  color_temp_k: z.number().int().optional(),
  /** "#rrggbb" */
  color: z
    .string()
    .regex(/^#[0-9a-f]{6}$/)
    .optional(),
  hvac_mode: z.enum(HVAC_MODES).optional(),
  heat_setpoint_c: z.number().optional(),
  cool_setpoint_c: z.number().optional(),
  hvac_action: z.enum(["off", "idle", "heating", "cooling"]).optional(),
  locked: z.boolean().optional(),
  /** Locks with a door sensor report whether the door itself stands open. */
  door: z.enum(["open", "closed"]).optional(),
  recording: z.boolean().optional(),
  motion_detection: z.boolean().optional(),
  /** Blinds: 0 closed, 100 fully open. */
  position: z.number().int().min(0).max(100).optional(),
  volume: z.number().int().min(0).max(100).optional(),
  alarm_mode: z.enum(ALARM_MODES).optional(),
  /** Instantaneous power draw in watts (devices with a power meter). */
  power_w: z.number().min(0).optional(),
  temperature_c: z.number().optional(),
  humidity_pct: z.number().min(0).max(100).optional(),
  motion: z.enum(["detected", "clear"]).optional(),
  contact: z.enum(["open", "closed"]).optional(),
  smoke: z.enum(["detected", "clear"]).optional(),
  leak: z.enum(["detected", "clear"]).optional(),
  battery_pct: z.number().int().min(0).max(100).optional(),
});
export type DeviceState = z.output<typeof DeviceState>;

export const Device = z.object({
  id: z.string(),
  name: z.string().min(1).max(60),
  type: z.enum(DEVICE_TYPES),
  room_id: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  capabilities: z.array(z.enum(CAPABILITIES)),
  online: z.boolean(),
  /** When the hub last heard from the device (for offline devices: since when they are offline). */
  last_seen: z.string(),
  firmware: z.string(),
  installed_on: z.string(),
  /** Lights with colour temperature: the bulb's range in kelvin. */
  color_temp_range_k: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
  /** Thermostats: the modes the connected system supports. */
  hvac_modes: z.array(z.enum(HVAC_MODES)).optional(),
  /** Plugs, switches, thermostats: what the appliance draws when running, in watts. */
  rated_power_w: z.number().min(0).optional(),
  state: DeviceState,
  last_changed: z.string(),
});
export type Device = z.output<typeof Device>;

const setpointRule = (iss: { input?: unknown }) => `${String(iss.input)} °C is out of range: thermostat setpoints are ${SETPOINT_MIN_C}-${SETPOINT_MAX_C} °C`;
/** A thermostat setpoint in °C: within the thermostat's range, in half degrees. */
export const setpointC = z
  .number()
  .min(SETPOINT_MIN_C, { error: setpointRule })
  .max(SETPOINT_MAX_C, { error: setpointRule })
  .multipleOf(0.5, "setpoints go in steps of 0.5 °C");

/** A settable subset of a device's state: what scenes, automations, schedules and groups apply. */
export const StatePatch = z
  .object({
    power: z.enum(["on", "off"]).optional().describe("Switch the device on or off (lights, switches, plugs, speakers)"),
    brightness: z
      .number()
      .int()
      .min(0, "brightness is 0-100 %")
      .max(100, "brightness is 0-100 %")
      .optional()
      .describe("Light brightness in %, 0-100 (0 turns the light off)"),
    color_temp_k: z
      .number()
      .int()
      .min(1000, "colour temperatures are given in kelvin, e.g. 2700")
      .max(10000, "colour temperatures are given in kelvin, at most 10000")
      .optional()
      .describe("White colour temperature in kelvin, within the bulb's range (typically 2200-6500)"),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, "colour is a hex RGB value such as #ff8800")
      .optional()
      .describe("Colour as hex RGB, e.g. #ff8800 (colour lights only)"),
    position: z
      .number()
      .int()
      .min(0, "blind position is 0-100 %")
      .max(100, "blind position is 0-100 %")
      .optional()
      .describe("Blind position: 0 closed, 100 fully open"),
    hvac_mode: z.enum(HVAC_MODES).optional().describe("Thermostat mode"),
    heat_setpoint_c: setpointC.optional().describe("Heating setpoint in °C (10-32, half degrees)"),
    cool_setpoint_c: setpointC.optional().describe("Cooling setpoint in °C (10-32, half degrees)"),
    locked: z.literal(true).optional().describe("true locks the door; unlocking is only possible with unlock_door and an access code"),
    volume: z.number().int().min(0, "volume is 0-100 %").max(100, "volume is 0-100 %").optional().describe("Speaker volume in %, 0-100"),
    recording: z.boolean().optional().describe("Camera recording on or off"),
  })
  .strict();
export type StatePatch = z.output<typeof StatePatch>;

export const SceneEntry = z
  .object({ device_id: ref("device", "Device the scene sets"), state: StatePatch.describe("The state the device gets, e.g. {power: 'on', brightness: 40}") })
  .strict();
export type SceneEntry = z.output<typeof SceneEntry>;

export const Scene = z.object({
  id: z.string(),
  name: z.string(),
  /** The room the scene is about, when it has one. */
  room_id: z.string().optional(),
  entries: z.array(SceneEntry).min(1),
  created_at: z.string(),
  last_activated_at: z.string().optional(),
});
export type Scene = z.output<typeof Scene>;

export const TRIGGER_STATE_ATTRIBUTES = ["power", "motion", "contact", "door", "smoke", "leak", "alarm_mode"] as const;
export const TRIGGER_NUMERIC_ATTRIBUTES = ["temperature_c", "humidity_pct", "power_w", "battery_pct", "brightness"] as const;

/** The capability a device needs to report an attribute, and the values the attribute takes. */
export const ATTRIBUTES: Record<string, { capability: Capability; values?: readonly string[] }> = {
  power: { capability: "on_off", values: ["on", "off"] },
  motion: { capability: "motion", values: ["detected", "clear"] },
  contact: { capability: "contact", values: ["open", "closed"] },
  door: { capability: "door_sensor", values: ["open", "closed"] },
  locked: { capability: "lock", values: ["locked", "unlocked"] },
  smoke: { capability: "smoke", values: ["detected", "clear"] },
  leak: { capability: "leak", values: ["detected", "clear"] },
  alarm_mode: { capability: "alarm", values: ALARM_MODES },
  temperature_c: { capability: "temperature" },
  humidity_pct: { capability: "humidity" },
  power_w: { capability: "power_meter" },
  battery_pct: { capability: "battery" },
  brightness: { capability: "brightness" },
};

/** A threshold of a numeric attribute: temperatures in °C, percentages, watts. */
const threshold = z.number().min(-100).max(100_000);

export const Trigger = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("time").describe("time: fires at a time of day"),
      at: timeOfDay("Time of day, HH:MM"),
      days: z.array(z.enum(WEEKDAYS)).max(7).optional().describe("Weekdays it fires on; every day when omitted"),
    })
    .strict(),
  z
    .object({
      type: z.literal("device_state").describe("device_state: fires when a device's attribute changes to a value"),
      device_id: ref("device", "Device whose state change fires the automation"),
      attribute: z.enum(TRIGGER_STATE_ATTRIBUTES).describe("Attribute to watch"),
      to: z.string().describe("Value that fires it: on/off, detected/clear, open/closed, or an alarm mode"),
    })
    .strict(),
  z
    .object({
      type: z.literal("numeric_state").describe("numeric_state: fires when a measured value crosses a threshold"),
      device_id: ref("device", "Sensor or meter to watch"),
      attribute: z.enum(TRIGGER_NUMERIC_ATTRIBUTES).describe("Numeric attribute"),
      above: threshold.optional().describe("Fires when the value rises above this"),
      below: threshold.optional().describe("Fires when the value drops below this"),
    })
    .strict(),
  z
    .object({
      type: z.literal("sun").describe("sun: fires at sunrise or sunset"),
      event: z.enum(["sunrise", "sunset"]).describe("sunrise or sunset"),
      offset_minutes: z.number().int().min(-180).max(180).default(0).describe("Minutes before (negative) or after the event"),
    })
    .strict(),
]);
export type Trigger = z.output<typeof Trigger>;

export const Condition = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("time_window").describe("time_window: only between two times of day"),
      after: timeOfDay("Window start, HH:MM"),
      before: timeOfDay("Window end, HH:MM (may be past midnight: 22:00-06:00)"),
    })
    .strict(),
  z
    .object({
      type: z.literal("device_state").describe("device_state: only while a device's attribute has a value"),
      device_id: ref("device", "Device whose state must match"),
      attribute: z.enum([...TRIGGER_STATE_ATTRIBUTES, "locked"]).describe("Attribute to test"),
      is: z.string().describe("Required value, e.g. off, closed, locked, armed_away"),
    })
    .strict(),
]);
export type Condition = z.output<typeof Condition>;

export const Action = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("device").describe("device: set a device's state"),
      device_id: ref("device", "Device to set"),
      state: StatePatch.describe("The state to set, e.g. {power: 'off'}"),
    })
    .strict(),
  z.object({ type: z.literal("scene").describe("scene: activate a scene"), scene_id: ref("scene", "Scene to activate") }).strict(),
  z
    .object({
      type: z.literal("notify").describe("notify: send the user a push notification"),
      message: z.string().trim().min(1).max(200).describe("Push notification text for the user's phone"),
    })
    .strict(),
]);
export type Action = z.output<typeof Action>;

export const Automation = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  trigger: Trigger,
  conditions: z.array(Condition),
  actions: z.array(Action).min(1),
  created_at: z.string(),
  /** When it was last turned back on: timed triggers that came due while it was off do not fire. */
  enabled_at: z.string().optional(),
  last_triggered_at: z.string().optional(),
});
export type Automation = z.output<typeof Automation>;

export const Schedule = z.object({
  id: z.string(),
  name: z.string(),
  /** Time of day, HH:MM, on the hub's clock. */
  at: z.string(),
  days: z.array(z.enum(WEEKDAYS)).min(1),
  action: Action,
  enabled: z.boolean(),
  /** The next instant it runs (absent when disabled). */
  next_run_at: z.string().optional(),
  last_run_at: z.string().optional(),
  created_at: z.string(),
});
export type Schedule = z.output<typeof Schedule>;

export const DeviceGroup = z.object({
  id: z.string(),
  name: z.string(),
  device_ids: z.array(z.string()).min(2),
  created_at: z.string(),
});
export type DeviceGroup = z.output<typeof DeviceGroup>;

export const EnergyReading = z.object({
  id: z.string(),
  device_id: z.string(),
  date: z.string(),
  kwh: z.number().min(0),
  cost: z.number().min(0),
});
export type EnergyReading = z.output<typeof EnergyReading>;

export const AccessCode = z.object({
  id: z.string(),
  /** The lock or alarm panel the code opens / disarms. */
  device_id: z.string(),
  /** Who the code is for, e.g. "Owner", "Cleaner — Rosa". */
  name: z.string(),
  /** 4-8 digits; shown masked by list_access_codes. */
  code: z.string().regex(/^\d{4,8}$/),
  created_at: z.string(),
  last_used_at: z.string().optional(),
});
export type AccessCode = z.output<typeof AccessCode>;

export const EVENT_KINDS = [
  "state_changed",
  "motion",
  "person",
  "package",
  "door_opened",
  "door_closed",
  "locked",
  "unlocked",
  "armed",
  "disarmed",
  "went_offline",
  "came_online",
  "scene_activated",
  "automation_ran",
  "notification",
  "low_battery",
] as const;

export const DeviceEvent = z.object({
  id: z.string(),
  device_id: z.string().optional(),
  at: z.string(),
  kind: z.enum(EVENT_KINDS),
  message: z.string(),
  /** What caused it: the device itself, a person at home, the assistant, a scene, an automation or a schedule. */
  source: z.enum(["device", "user", "assistant", "scene", "automation", "schedule"]),
});
export type DeviceEvent = z.output<typeof DeviceEvent>;

const TYPE_LABEL: Record<DeviceType, string> = {
  light: "light",
  switch: "switch",
  plug: "smart plug",
  thermostat: "thermostat",
  lock: "lock",
  camera: "camera",
  blind: "blind",
  sensor: "sensor",
  speaker: "speaker",
  alarm_panel: "alarm panel",
};

export const tables = {
  rooms: table("room", Room, { idPrefix: "ROOM-", idDigits: 3, describe: (r) => `the ${r.name}` }),
  devices: table("device", Device, { idPrefix: "DEV-", describe: (d) => `the ${TYPE_LABEL[d.type]} "${d.name}"` }),
  scenes: table("scene", Scene, { idPrefix: "SCN-", idDigits: 3, describe: (s) => `the scene "${s.name}"` }),
  automations: table("automation", Automation, { idPrefix: "AUT-", idDigits: 3, describe: (a) => `the ${a.enabled ? "" : "disabled "}automation "${a.name}"` }),
  schedules: table("schedule", Schedule, { idPrefix: "SCH-", idDigits: 3, describe: (s) => `the ${s.at} schedule "${s.name}"` }),
  device_groups: table("device_group", DeviceGroup, { idPrefix: "GRP-", idDigits: 3, describe: (g) => `the device group "${g.name}"` }),
  energy_readings: table("energy_reading", EnergyReading, {
    idPrefix: "EN-",
    idDigits: 5,
    describe: (e) => `the ${e.kwh.toFixed(2)} kWh reading of ${e.device_id} on ${e.date}`,
  }),
  access_codes: table("access_code", AccessCode, { idPrefix: "CODE-", idDigits: 3, describe: (c) => `the access code "${c.name}"` }),
  device_events: table("device_event", DeviceEvent, {
    idPrefix: "EVT-",
    idDigits: 5,
    describe: (e) => `the ${e.kind.replace(/_/g, " ")} event at ${e.at.slice(0, 16).replace("T", " ")}`,
  }),
};

export const { read, write } = toolkit(tables);
export type Home = Db<typeof tables>;

// ---------------------------------------------------------------------------------------------
// Shared rules

export const label = (d: Device) => `${d.id} (${d.name})`;
export const has = (d: Device, c: Capability) => d.capabilities.includes(c);

/** Offline devices accept no commands; the message says since when. */
export function mustBeOnline(d: Device, env: CallEnv): void {
  if (d.online) return;
  const mins = Math.max(0, time.minutesBetween(d.last_seen, env.now));
  const ago = mins >= 2 * 24 * 60 ? `${Math.floor(mins / 1440)} days` : mins >= 120 ? `${Math.floor(mins / 60)} hours` : `${mins} minutes`;
  fail(`${label(d)} is offline since ${d.last_seen} (${ago} ago) and accepts no commands until it reconnects; check its power and Wi-Fi`);
}

export function needCapability(d: Device, cap: Capability, what: string): void {
  check(has(d, cap), () => `${label(d)} is a ${TYPE_LABEL[d.type]} that cannot ${what}: it supports ${d.capabilities.join(", ")}`, "invalid_argument");
}

function setpointInRange(name: string, v: number): void {
  check(
    v >= SETPOINT_MIN_C && v <= SETPOINT_MAX_C,
    `${name} ${v} °C is out of range: thermostat setpoints are ${SETPOINT_MIN_C}-${SETPOINT_MAX_C} °C`,
    "invalid_argument",
  );
}

/**
 * Checks a state change against the device's capabilities and ranges (throws with what would be
 * valid) and returns the device's new state with its derived fields (power follows brightness,
 * hvac_action follows setpoints, power_w follows power).
 */
export function nextState(d: Device, patch: StatePatch): DeviceState {
  const s: DeviceState = { ...d.state };
  if (patch.power !== undefined) {
    needCapability(d, "on_off", "be switched on or off");
    s.power = patch.power;
    if (patch.power === "on" && has(d, "brightness") && patch.brightness === undefined && (s.brightness ?? 0) === 0) s.brightness = 100;
  }
  if (patch.brightness !== undefined) {
    needCapability(d, "brightness", "be dimmed");
    s.brightness = patch.brightness;
    if (patch.power === undefined) s.power = patch.brightness > 0 ? "on" : "off";
  }
  if (patch.color_temp_k !== undefined) {
    needCapability(d, "color_temperature", "take a colour temperature");
    const r = d.color_temp_range_k ?? { min: 2700, max: 2700 };
    check(
      patch.color_temp_k >= r.min && patch.color_temp_k <= r.max,
      `${label(d)} takes colour temperatures from ${r.min} K to ${r.max} K; ${patch.color_temp_k} K is outside that range`,
      "invalid_argument",
    );
    s.color_temp_k = patch.color_temp_k;
    if (patch.power === undefined) s.power = "on";
  }
  if (patch.color !== undefined) {
    needCapability(d, "color", "take a colour");
    s.color = patch.color.toLowerCase();
    if (patch.power === undefined) s.power = "on";
  }
  if (patch.position !== undefined) {
    needCapability(d, "position", "be opened to a position");
    s.position = patch.position;
  }
  if (patch.volume !== undefined) {
    needCapability(d, "volume", "take a volume");
    s.volume = patch.volume;
  }
  if (patch.recording !== undefined) {
    needCapability(d, "camera", "record");
    s.recording = patch.recording;
  }
  if (patch.locked !== undefined) {
    needCapability(d, "lock", "lock");
    s.locked = true;
  }
  if (patch.hvac_mode !== undefined || patch.heat_setpoint_c !== undefined || patch.cool_setpoint_c !== undefined) {
    needCapability(d, "thermostat", "take a thermostat mode or setpoint");
    const modes = d.hvac_modes ?? HVAC_MODES;
    if (patch.hvac_mode !== undefined) {
      check(modes.includes(patch.hvac_mode), `${label(d)} supports the modes ${modes.join(", ")}; "${patch.hvac_mode}" is not one of them`, "invalid_argument");
      s.hvac_mode = patch.hvac_mode;
    }
    if (patch.heat_setpoint_c !== undefined) {
      setpointInRange("heat_setpoint_c", patch.heat_setpoint_c);
      check(modes.includes("heat") || modes.includes("auto"), `${label(d)} cannot heat; it supports ${modes.join(", ")}`, "invalid_argument");
      s.heat_setpoint_c = patch.heat_setpoint_c;
    }
    if (patch.cool_setpoint_c !== undefined) {
      setpointInRange("cool_setpoint_c", patch.cool_setpoint_c);
      check(modes.includes("cool") || modes.includes("auto"), `${label(d)} cannot cool; it supports ${modes.join(", ")}`, "invalid_argument");
      s.cool_setpoint_c = patch.cool_setpoint_c;
    }
    if (s.hvac_mode === "auto") checkDeadband(d, s.heat_setpoint_c ?? SETPOINT_MIN_C, s.cool_setpoint_c ?? SETPOINT_MAX_C);
  }
  return derive(d, s);
}

export function checkDeadband(d: Device, heat: number, cool: number): void {
  check(
    cool - heat >= AUTO_DEADBAND_C,
    `in auto mode the heat setpoint must be at least ${AUTO_DEADBAND_C} °C below the cool setpoint; ${label(d)} would get heat ${heat} °C and cool ${cool} °C (e.g. heat ${Math.min(heat, cool - AUTO_DEADBAND_C)} °C with cool ${cool} °C)`,
    "invalid_argument",
  );
}

/** Fields that follow from the others. */
export function derive(d: Device, s: DeviceState): DeviceState {
  const out = { ...s };
  if (has(d, "thermostat")) {
    const t = out.temperature_c ?? 20;
    const mode = out.hvac_mode ?? "off";
    const heat = out.heat_setpoint_c ?? SETPOINT_MIN_C;
    const cool = out.cool_setpoint_c ?? SETPOINT_MAX_C;
    out.hvac_action =
      mode === "off"
        ? "off"
        : (mode === "heat" || mode === "auto") && t < heat
          ? "heating"
          : (mode === "cool" || mode === "auto") && t > cool
            ? "cooling"
            : "idle";
    if (has(d, "power_meter")) out.power_w = out.hvac_action === "heating" || out.hvac_action === "cooling" ? (d.rated_power_w ?? 0) : 3;
  } else if (has(d, "power_meter")) {
    out.power_w = out.power === "on" ? (d.rated_power_w ?? 0) : 0;
  }
  return out;
}

/** What a patch does, in words, for the logbook. */
export function describePatch(p: StatePatch): string {
  const parts: string[] = [];
  if (p.power) parts.push(`turned ${p.power}`);
  if (p.brightness !== undefined) parts.push(`brightness ${p.brightness}%`);
  if (p.color_temp_k !== undefined) parts.push(`${p.color_temp_k} K`);
  if (p.color) parts.push(`colour ${p.color.toLowerCase()}`);
  if (p.position !== undefined) parts.push(`position ${p.position}%`);
  if (p.hvac_mode) parts.push(`mode ${p.hvac_mode}`);
  if (p.heat_setpoint_c !== undefined) parts.push(`heat to ${p.heat_setpoint_c} °C`);
  if (p.cool_setpoint_c !== undefined) parts.push(`cool to ${p.cool_setpoint_c} °C`);
  if (p.locked) parts.push("locked");
  if (p.volume !== undefined) parts.push(`volume ${p.volume}%`);
  if (p.recording !== undefined) parts.push(p.recording ? "recording on" : "recording off");
  return parts.join(", ");
}

export type Source = "assistant" | "scene" | "automation" | "schedule";

/** Applies a checked patch to an online device and writes the logbook entry. */
export function applyPatch(db: Home, d: Device, patch: StatePatch, env: CallEnv, source: Source, via?: string): Device {
  mustBeOnline(d, env);
  const state = nextState(d, patch);
  // Checked at run time, not when a scene is saved: the door may be closed by then.
  if (patch.locked)
    check(d.state.door !== "open", `${label(d)} cannot lock while its door stands open (the lock's door sensor reports open); close the door first`);
  const updated = db.devices.update(d.id, { state, last_changed: env.now, last_seen: env.now });
  db.device_events.create({
    device_id: d.id,
    at: env.now,
    kind: patch.locked ? "locked" : "state_changed",
    message: `${d.name}: ${describePatch(patch)}${via ? ` (${via})` : ""}`,
    source,
  });
  return updated;
}

/** A patch must change at least one thing. */
export function nonEmpty(p: StatePatch, where: string): void {
  check(
    Object.keys(p).length > 0,
    `${where} sets nothing: give at least one of power, brightness, color_temp_k, color, position, hvac_mode, heat_setpoint_c, cool_setpoint_c, locked, volume, recording`,
    "invalid_argument",
  );
}

/** Validates a patch against a device without applying it (scenes, automations, schedules). */
export function checkPatchFor(db: Home, deviceId: string, patch: StatePatch, where: string): Device {
  const d = db.devices.need(deviceId);
  nonEmpty(patch, `${where} for ${label(d)}`);
  nextState(d, patch);
  return d;
}

/** Outcome of applying several patches: what changed and which offline devices were skipped. */
export interface BulkResult {
  applied: Array<{ device_id: string; name: string; state: DeviceState }>;
  skipped: Array<{ device_id: string; name: string; reason: string }>;
}

/** Applies patches, skipping offline devices (as Home Assistant does for unavailable entities) and devices that refuse. */
export function applyMany(db: Home, items: ReadonlyArray<{ device_id: string; state: StatePatch }>, env: CallEnv, source: Source, via: string): BulkResult {
  const out: BulkResult = { applied: [], skipped: [] };
  for (const item of items) {
    const d = db.devices.get(item.device_id);
    if (!d) {
      out.skipped.push({ device_id: item.device_id, name: "(removed)", reason: "the device no longer exists" });
      continue;
    }
    if (!d.online) {
      out.skipped.push({ device_id: d.id, name: d.name, reason: `offline since ${d.last_seen}` });
      continue;
    }
    try {
      const u = applyPatch(db, d, item.state, env, source, via);
      out.applied.push({ device_id: u.id, name: u.name, state: u.state });
    } catch (err) {
      // A device that refuses at run time (a lock whose door stands open) is skipped; its checks run before any write.
      if (!(err instanceof ToolError)) throw err;
      const prefix = `${label(d)} `;
      out.skipped.push({ device_id: d.id, name: d.name, reason: err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message });
    }
  }
  return out;
}

/** Whether HH:MM of `now` lies in [after, before), the window possibly wrapping midnight. */
export function inWindow(now: string, after: string, before: string): boolean {
  const hhmm = now.slice(11, 16);
  return after <= before ? hhmm >= after && hhmm < before : hhmm >= after || hhmm < before;
}

/** Current value of a state attribute as the strings triggers and conditions use. */
export function attributeValue(d: Device, attribute: string): string | undefined {
  const s = d.state;
  switch (attribute) {
    case "locked":
      return s.locked === undefined ? undefined : s.locked ? "locked" : "unlocked";
    default: {
      const v = (s as Record<string, unknown>)[attribute];
      return v === undefined ? undefined : String(v);
    }
  }
}

/** Checks that a device can report a state attribute and that `value` is one it takes. */
export function checkAttribute(d: Device, attribute: string, value: string | undefined, where: string): void {
  const spec = ATTRIBUTES[attribute];
  check(spec, `${where}: unknown attribute "${attribute}"`, "invalid_argument");
  check(
    has(d, spec.capability),
    () =>
      `${where}: ${label(d)} does not report ${attribute} (it needs the ${spec.capability} capability; this ${TYPE_LABEL[d.type]} has ${d.capabilities.join(", ")})`,
    "invalid_argument",
  );
  if (value !== undefined && spec.values) {
    check(spec.values.includes(value), `${where}: ${attribute} takes ${spec.values.join(", ")}; "${value}" is not one of them`, "invalid_argument");
  }
}

/** Masks an access code for display: "••••12". */
export function maskCode(c: AccessCode) {
  const { code, ...rest } = c;
  return { ...rest, code: `${"•".repeat(Math.max(0, code.length - 2))}${code.slice(-2)}` };
}
