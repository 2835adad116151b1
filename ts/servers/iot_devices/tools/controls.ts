/** Commands to single devices: power, lights, thermostats, locks, blinds, speakers, cameras. */
import { check, fail, ref, secret, z, type CallEnv } from "../../framework/index.ts";
import {
  AUTO_DEADBAND_C,
  applyPatch,
  HVAC_MODES,
  label,
  mustBeOnline,
  needCapability,
  SETPOINT_MAX_C,
  SETPOINT_MIN_C,
  setpointC,
  write,
  type Device,
  type Home,
  type StatePatch,
} from "../state.ts";

const deviceId = (d: string) => ref("device", d);

function result(d: Device) {
  return { device_id: d.id, name: d.name, online: d.online, last_changed: d.last_changed, state: d.state };
}

/** Looks the device up, requires the capability first (so a wrong device type says so), then that it is online. */
function commandable(db: Home, id: string, env: CallEnv, cap: Parameters<typeof needCapability>[1], what: string): Device {
  const d = db.devices.need(id);
  needCapability(d, cap, what);
  mustBeOnline(d, env);
  return d;
}

function run(db: Home, d: Device, patch: StatePatch, env: CallEnv) {
  return result(applyPatch(db, d, patch, env, "assistant"));
}

const setpoint = (description: string) => setpointC.describe(`${description} in °C, ${SETPOINT_MIN_C}-${SETPOINT_MAX_C}, half degrees`);

export function alarmPanel(db: Home): Device {
  const p = db.devices.find((d) => d.type === "alarm_panel");
  if (!p) fail("this home has no alarm panel; security modes are not available");
  return p;
}

export const controlTools = {
  turn_on_device: write({
    description:
      "Switch a device on: a light (restores full brightness if it was dimmed to 0), a switch, a smart plug or a speaker. Fails for offline devices. Returns the device's new state.",
    input: z.object({ device_id: deviceId("The light, switch, plug or speaker") }).strict(),
    run: (db, a, env) => run(db, commandable(db, a.device_id, env, "on_off", "be switched on or off"), { power: "on" }, env),
  }),

  turn_off_device: write({
    description: "Switch a device off: a light, a switch, a smart plug or a speaker. Fails for offline devices. Returns the device's new state.",
    input: z.object({ device_id: deviceId("The light, switch, plug or speaker") }).strict(),
    run: (db, a, env) => run(db, commandable(db, a.device_id, env, "on_off", "be switched on or off"), { power: "off" }, env),
  }),

  set_light_brightness: write({
    description: "Dim or brighten a dimmable light, 0-100 %. Above 0 the light turns on; 0 turns it off. Returns the new state.",
    input: z
      .object({
        device_id: deviceId("The dimmable light"),
        brightness: z
          .number()
          .int("brightness is a whole percentage")
          .min(0, "brightness is 0-100 %")
          .max(100, "brightness is 0-100 %")
          .describe("Brightness in %, 0-100"),
      })
      .strict(),
    run: (db, a, env) => run(db, commandable(db, a.device_id, env, "brightness", "be dimmed"), { brightness: a.brightness }, env),
  }),

  set_light_color_temperature: write({
    description:
      "Set the white colour temperature of a tunable light in kelvin (warm 2200-2700 K, neutral 4000 K, daylight 5000-6500 K), within the bulb's range (see get_device). Turns the light on.",
    input: z
      .object({
        device_id: deviceId("The tunable-white or colour light"),
        color_temp_k: z
          .number()
          .int()
          .min(1000, "colour temperatures are given in kelvin, e.g. 2700")
          .max(10000, "colour temperatures are given in kelvin, at most 10000")
          .describe("Colour temperature in kelvin, e.g. 2700"),
      })
      .strict(),
    run: (db, a, env) => run(db, commandable(db, a.device_id, env, "color_temperature", "take a colour temperature"), { color_temp_k: a.color_temp_k }, env),
  }),

  set_light_color: write({
    description:
      "Set the colour of a colour light as hex RGB (e.g. '#ff8800' for orange). Only lights with the color capability take a colour. Turns the light on.",
    input: z
      .object({
        device_id: deviceId("The colour light"),
        color: z
          .string()
          .trim()
          .regex(/^#[0-9a-fA-F]{6}$/, "colour is a hex RGB value such as #ff8800")
          .describe("Colour as hex RGB, e.g. #ff8800"),
      })
      .strict(),
    run: (db, a, env) => run(db, commandable(db, a.device_id, env, "color", "take a colour"), { color: a.color }, env),
  }),

  set_thermostat: write({
    description:
      "Change a thermostat's target temperature. In heat or cool mode give temperature_c; in auto mode give heat_setpoint_c and/or cool_setpoint_c, keeping heat at least 1.5 °C below cool. Setpoints are 10-32 °C. A thermostat that is off needs a mode first (set_thermostat_mode).",
    input: z
      .object({
        device_id: deviceId("The thermostat"),
        temperature_c: setpoint("Target temperature for heat or cool mode").optional(),
        heat_setpoint_c: setpoint("Heat-to temperature (auto mode)").optional(),
        cool_setpoint_c: setpoint("Cool-to temperature (auto mode)").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const d = commandable(db, a.device_id, env, "thermostat", "take a setpoint");
      const mode = d.state.hvac_mode ?? "off";
      check(
        mode !== "off",
        `${label(d)} is off; choose a mode with set_thermostat_mode (${(d.hvac_modes ?? HVAC_MODES).filter((m) => m !== "off").join(", ")}) before setting a temperature`,
      );
      const patch: StatePatch = {};
      if (mode === "auto") {
        check(
          a.temperature_c === undefined,
          `${label(d)} is in auto mode, which keeps two setpoints: give heat_setpoint_c and/or cool_setpoint_c (at least ${AUTO_DEADBAND_C} °C apart) instead of temperature_c`,
          "invalid_argument",
        );
        check(
          a.heat_setpoint_c !== undefined || a.cool_setpoint_c !== undefined,
          `${label(d)} is in auto mode: give heat_setpoint_c and/or cool_setpoint_c`,
          "invalid_argument",
        );
        if (a.heat_setpoint_c !== undefined) patch.heat_setpoint_c = a.heat_setpoint_c;
        if (a.cool_setpoint_c !== undefined) patch.cool_setpoint_c = a.cool_setpoint_c;
      } else {
        check(
          a.heat_setpoint_c === undefined && a.cool_setpoint_c === undefined,
          `${label(d)} is in ${mode} mode, which has one target: give temperature_c (heat_setpoint_c and cool_setpoint_c are for auto mode)`,
          "invalid_argument",
        );
        check(a.temperature_c !== undefined, `give temperature_c, the target for ${mode} mode (${SETPOINT_MIN_C}-${SETPOINT_MAX_C} °C)`, "invalid_argument");
        if (mode === "heat") patch.heat_setpoint_c = a.temperature_c;
        else patch.cool_setpoint_c = a.temperature_c;
      }
      return run(db, d, patch, env);
    },
  }),

  set_thermostat_mode: write({
    description:
      "Switch a thermostat between off, heat, cool and auto (heat and cool with two setpoints), as far as the device supports the mode (radiator thermostats only heat). Returns the new state.",
    input: z.object({ device_id: deviceId("The thermostat"), mode: z.enum(HVAC_MODES).describe("New HVAC mode") }).strict(),
    run: (db, a, env) => run(db, commandable(db, a.device_id, env, "thermostat", "take a thermostat mode"), { hvac_mode: a.mode }, env),
  }),

  lock_door: write({
    description: "Lock a smart door lock. Locks with a door sensor refuse while the door stands open. Returns the lock's state.",
    input: z.object({ device_id: deviceId("The door lock") }).strict(),
    run: (db, a, env) => run(db, commandable(db, a.device_id, env, "lock", "lock or unlock"), { locked: true }, env),
  }),

  unlock_door: write({
    description:
      "Unlock a smart door lock remotely. Needs the lock online, one of the lock's access codes (ask the user; codes are never shown) and the alarm not armed away. Returns the lock's state.",
    input: z
      .object({
        device_id: deviceId("The door lock"),
        code: secret(
          z
            .string()
            .trim()
            .regex(/^\d{4,8}$/, "an access code has 4 to 8 digits")
            .describe("One of the lock's access codes (4-8 digits), from the user"),
        ),
      })
      .strict(),
    run: (db, a, env) => {
      const d = commandable(db, a.device_id, env, "lock", "lock or unlock");
      const codes = db.access_codes.filter((c) => c.device_id === d.id);
      const match = codes.find((c) => c.code === a.code);
      check(
        match,
        () =>
          `the code does not match any of the ${codes.length} access code(s) of ${label(d)} (${codes.map((c) => `"${c.name}"`).join(", ")}); ask the user for the right code`,
        "permission_denied",
      );
      const panel = db.devices.find((x) => x.type === "alarm_panel");
      check(
        panel?.state.alarm_mode !== "armed_away",
        () => `the alarm is armed away; unlocking ${label(d)} would set it off. Disarm it first with disarm_security_system`,
      );
      check(d.state.locked !== false, `${label(d)} is already unlocked`, "conflict");
      db.access_codes.update(match.id, { last_used_at: env.now });
      const updated = db.devices.update(d.id, { state: { ...d.state, locked: false }, last_changed: env.now, last_seen: env.now });
      db.device_events.create({ device_id: d.id, at: env.now, kind: "unlocked", message: `${d.name} unlocked with code "${match.name}"`, source: "assistant" });
      return result(updated);
    },
  }),

  set_blind_position: write({
    description: "Open or close a motorised blind to a position: 0 fully closed, 100 fully open, 50 half-way. Returns the new state.",
    input: z
      .object({
        device_id: deviceId("The blind"),
        position: z
          .number()
          .int()
          .min(0, "blind position is 0-100 %: 0 closed, 100 open")
          .max(100, "blind position is 0-100 %: 0 closed, 100 open")
          .describe("Position in %, 0 closed - 100 open"),
      })
      .strict(),
    run: (db, a, env) => run(db, commandable(db, a.device_id, env, "position", "be opened to a position"), { position: a.position }, env),
  }),

  set_speaker_volume: write({
    description: "Set a smart speaker's volume, 0-100 %. Returns the new state.",
    input: z
      .object({
        device_id: deviceId("The speaker"),
        volume: z.number().int().min(0, "volume is 0-100 %").max(100, "volume is 0-100 %").describe("Volume in %, 0-100"),
      })
      .strict(),
    run: (db, a, env) => run(db, commandable(db, a.device_id, env, "volume", "take a volume"), { volume: a.volume }, env),
  }),

  set_camera_recording: write({
    description: "Start or stop a camera's continuous recording (privacy mode when stopped). Returns the camera's state.",
    input: z.object({ device_id: deviceId("The camera"), recording: z.boolean().describe("true to record, false to stop") }).strict(),
    run: (db, a, env) => {
      const d = commandable(db, a.device_id, env, "camera", "record");
      check(d.state.recording !== a.recording, `${label(d)} is already ${a.recording ? "recording" : "not recording"}`, "conflict");
      return run(db, d, { recording: a.recording }, env);
    },
  }),
};
