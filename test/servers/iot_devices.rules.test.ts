/**
 * The smart home's rules at their boundaries, with the expected values written out: what a setting
 * needs and changes (capabilities, ranges, the 1.5 °C auto gap, derived power and HVAC action),
 * the logbook's wording, time windows that wrap midnight, offline "ago" wording by the minute,
 * sunrise and sunset by season, the hub's clock firing exactly on time, and the tools' limits.
 * Seed 7 starts on Monday 2026-11-09 at 09:00 UTC (winter: sunrise 07:15, sunset 17:15).
 */
import { describe, expect, it } from "vitest";
import { ToolError } from "../../ts/servers/framework/index.ts";
import { lastFiring, nextFiring, sunTime } from "../../ts/servers/iot_devices/hub.ts";
import iot from "../../ts/servers/iot_devices/index.ts";
import {
  AccessCode,
  Automation,
  attributeValue,
  checkAttribute,
  checkDeadband,
  derive,
  describePatch,
  inWindow,
  maskCode,
  mustBeOnline,
  needCapability,
  nextState,
  Device,
  DeviceGroup,
  DeviceState,
  EnergyReading,
  Room,
  Scene,
  Schedule,
  type DeviceEvent,
  type DeviceType,
} from "../../ts/servers/iot_devices/state.ts";
import { snapshot } from "../../ts/servers/iot_devices/tools/scenes.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const NOW = "2026-03-10T12:00:00Z";

/** A device made to measure: a light named "Test" with no capabilities unless given. */
function mk(over: Partial<Device> = {}): Device {
  return {
    id: "DEV-9",
    name: "Test",
    type: "light",
    room_id: "ROOM-001",
    manufacturer: "Acme",
    model: "X1",
    capabilities: [],
    online: true,
    last_seen: NOW,
    firmware: "1.0",
    installed_on: "2025-01-01",
    state: {},
    last_changed: NOW,
    ...over,
  };
}

/** The tool error thrown by `fn`, as code and message. */
function err(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ToolError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a tool error");
}

const env = (now: string) => ({ now, today: now.slice(0, 10) }) as Parameters<typeof mustBeOnline>[1];

const light = (state = {}, caps: Device["capabilities"] = ["on_off", "brightness"]) => mk({ capabilities: caps, state });
const thermostat = (state = {}, over: Partial<Device> = {}) =>
  mk({ type: "thermostat", capabilities: ["thermostat", "temperature", "power_meter"], rated_power_w: 3500, state, ...over });

describe("iot rules: offline devices say since when, in minutes, hours or days", () => {
  const offline = (minutesAgo: number) => {
    const seen = new Date(Date.parse(NOW) - minutesAgo * 60_000).toISOString().replace(".000Z", "Z");
    return err(() => mustBeOnline(mk({ online: false, last_seen: seen }), env(NOW))).message;
  };

  it("under 2 hours in minutes, from 120 minutes in whole hours, from 2 days (2880 minutes) in whole days", () => {
    expect(offline(0)).toContain("(0 minutes ago)");
    expect(offline(119)).toContain("(119 minutes ago)");
    expect(offline(120)).toContain("(2 hours ago)");
    expect(offline(179)).toContain("(2 hours ago)");
    expect(offline(2879)).toContain("(47 hours ago)");
    expect(offline(2880)).toContain("(2 days ago)");
    expect(offline(4319)).toContain("(2 days ago)");
    expect(offline(4320)).toContain("(3 days ago)");
  });

  it("a last-seen instant after now counts as 0 minutes; the message names the device and what to check", () => {
    const e = err(() => mustBeOnline(mk({ online: false, last_seen: "2026-03-10T12:30:00Z" }), env(NOW)));
    expect(e.code).toBe("failed_precondition");
    expect(e.message).toBe(
      "DEV-9 (Test) is offline since 2026-03-10T12:30:00Z (0 minutes ago) and accepts no commands until it reconnects; check its power and Wi-Fi",
    );
    expect(() => mustBeOnline(mk({ online: true, last_seen: "2020-01-01T00:00:00Z" }), env(NOW))).not.toThrow();
  });
});

describe("iot rules: a device needs the capability for a setting, and says what it is", () => {
  it("each type has its own word in the refusal: smart plug, alarm panel, ...", () => {
    const words: Record<DeviceType, string> = {
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
    for (const [type, word] of Object.entries(words)) {
      const e = err(() => needCapability(mk({ type: type as DeviceType, capabilities: ["on_off", "battery"] }), "volume", "take a volume"));
      expect(e).toEqual({ code: "invalid_argument", message: `DEV-9 (Test) is a ${word} that cannot take a volume: it supports on_off, battery` });
    }
  });

  it("position, volume, recording and locking each need their capability", () => {
    const bare = mk({ capabilities: ["on_off"] });
    expect(err(() => nextState(bare, { position: 50 })).message).toContain("cannot be opened to a position");
    expect(err(() => nextState(bare, { volume: 50 })).message).toContain("cannot take a volume");
    expect(err(() => nextState(bare, { recording: true })).message).toContain("cannot record");
    expect(err(() => nextState(bare, { locked: true })).message).toContain("cannot lock:");
    expect(err(() => nextState(bare, { color: "#ffffff" })).message).toContain("cannot take a colour:");
    expect(err(() => nextState(bare, { hvac_mode: "heat" })).message).toContain("cannot take a thermostat mode or setpoint");
    expect(err(() => nextState(mk({ capabilities: [] }), { power: "on" })).message).toContain("cannot be switched on or off");
    expect(err(() => nextState(bare, { brightness: 10 })).message).toContain("cannot be dimmed");
  });

  it("a capable device takes the setting as given", () => {
    expect(nextState(mk({ type: "blind", capabilities: ["position"] }), { position: 0 })).toEqual({ position: 0 });
    expect(nextState(mk({ type: "speaker", capabilities: ["on_off", "volume"] }), { volume: 0 })).toEqual({ volume: 0 });
    expect(nextState(mk({ type: "camera", capabilities: ["camera"], state: { recording: true } }), { recording: false })).toEqual({ recording: false });
    expect(nextState(mk({ type: "lock", capabilities: ["lock"], state: { locked: false } }), { locked: true })).toEqual({ locked: true });
  });
});

describe("iot rules: lights", () => {
  it("switching on a dimmable light at 0 % (or with no brightness) restores 100 %; a dimmed one keeps its level", () => {
    expect(nextState(light({ power: "off", brightness: 0 }), { power: "on" })).toEqual({ power: "on", brightness: 100 });
    expect(nextState(light({ power: "off" }), { power: "on" })).toEqual({ power: "on", brightness: 100 });
    expect(nextState(light({ power: "off", brightness: 1 }), { power: "on" })).toEqual({ power: "on", brightness: 1 });
    expect(nextState(light({ power: "off" }, ["on_off"]), { power: "on" })).toEqual({ power: "on" });
    expect(nextState(light({ power: "on", brightness: 0 }), { power: "off" })).toEqual({ power: "off", brightness: 0 });
  });

  it("brightness above 0 turns the light on, 0 turns it off, unless the patch says power itself", () => {
    expect(nextState(light({ power: "off" }), { brightness: 1 })).toEqual({ power: "on", brightness: 1 });
    expect(nextState(light({ power: "on", brightness: 50 }), { brightness: 0 })).toEqual({ power: "off", brightness: 0 });
    expect(nextState(light({ power: "off" }), { power: "on", brightness: 0 })).toEqual({ power: "on", brightness: 0 });
    expect(nextState(light({ power: "on" }), { power: "off", brightness: 60 })).toEqual({ power: "off", brightness: 60 });
  });

  it("a colour temperature must lie within the bulb's range, both ends included; without a range only 2700 K", () => {
    const tunable = mk({ capabilities: ["on_off", "color_temperature"], color_temp_range_k: { min: 2200, max: 6500 }, state: { power: "off" } });
    expect(nextState(tunable, { color_temp_k: 2200 })).toEqual({ power: "on", color_temp_k: 2200 });
    expect(nextState(tunable, { color_temp_k: 6500 })).toEqual({ power: "on", color_temp_k: 6500 });
    expect(err(() => nextState(tunable, { color_temp_k: 2199 }))).toEqual({
      code: "invalid_argument",
      message: "DEV-9 (Test) takes colour temperatures from 2200 K to 6500 K; 2199 K is outside that range",
    });
    expect(err(() => nextState(tunable, { color_temp_k: 6501 })).message).toContain("6501 K is outside that range");
    expect(nextState(tunable, { power: "off", color_temp_k: 3000 })).toEqual({ power: "off", color_temp_k: 3000 });
    const fixed = mk({ capabilities: ["color_temperature"] });
    expect(nextState(fixed, { color_temp_k: 2700 })).toEqual({ power: "on", color_temp_k: 2700 });
    expect(err(() => nextState(fixed, { color_temp_k: 2701 })).message).toContain("from 2700 K to 2700 K");
    expect(err(() => nextState(fixed, { color_temp_k: 2699 })).message).toContain("2699 K is outside");
  });

  it("a colour is stored in lower case and turns the light on unless the patch switches it off", () => {
    const rgb = mk({ capabilities: ["on_off", "color"], state: { power: "off" } });
    expect(nextState(rgb, { color: "#FFAA00" })).toEqual({ power: "on", color: "#ffaa00" });
    expect(nextState(rgb, { power: "off", color: "#00FF00" })).toEqual({ power: "off", color: "#00ff00" });
  });
});

describe("iot rules: thermostats", () => {
  it("a mode must be one the device supports; without a list all four are", () => {
    const radiator = thermostat({ hvac_mode: "off" }, { hvac_modes: ["off", "heat"] });
    expect(err(() => nextState(radiator, { hvac_mode: "cool" }))).toEqual({
      code: "invalid_argument",
      message: 'DEV-9 (Test) supports the modes off, heat; "cool" is not one of them',
    });
    expect(nextState(thermostat({ hvac_mode: "off", temperature_c: 20 }), { hvac_mode: "cool" }).hvac_mode).toBe("cool");
  });

  it("a setpoint is 10-32 °C, both ends included", () => {
    const t = thermostat({ hvac_mode: "heat", temperature_c: 20 });
    expect(nextState(t, { heat_setpoint_c: 10 }).heat_setpoint_c).toBe(10);
    expect(nextState(t, { heat_setpoint_c: 32 }).heat_setpoint_c).toBe(32);
    expect(err(() => nextState(t, { heat_setpoint_c: 9.5 }))).toEqual({
      code: "invalid_argument",
      message: "heat_setpoint_c 9.5 °C is out of range: thermostat setpoints are 10-32 °C",
    });
    expect(err(() => nextState(t, { cool_setpoint_c: 32.5 })).message).toBe("cool_setpoint_c 32.5 °C is out of range: thermostat setpoints are 10-32 °C");
    expect(nextState(thermostat({ hvac_mode: "cool" }), { cool_setpoint_c: 10 }).cool_setpoint_c).toBe(10);
    expect(nextState(thermostat({ hvac_mode: "cool" }), { cool_setpoint_c: 32 }).cool_setpoint_c).toBe(32);
  });

  it("a heat setpoint needs heat or auto among the modes, a cool setpoint cool or auto", () => {
    const coolOnly = thermostat({ hvac_mode: "cool" }, { hvac_modes: ["off", "cool"] });
    expect(err(() => nextState(coolOnly, { heat_setpoint_c: 20 }))).toEqual({
      code: "invalid_argument",
      message: "DEV-9 (Test) cannot heat; it supports off, cool",
    });
    const heatOnly = thermostat({ hvac_mode: "heat" }, { hvac_modes: ["off", "heat"] });
    expect(err(() => nextState(heatOnly, { cool_setpoint_c: 25 }))).toEqual({
      code: "invalid_argument",
      message: "DEV-9 (Test) cannot cool; it supports off, heat",
    });
    const autoOnly = thermostat({ hvac_mode: "off" }, { hvac_modes: ["off", "auto"] });
    expect(nextState(autoOnly, { heat_setpoint_c: 18 }).heat_setpoint_c).toBe(18);
    expect(nextState(autoOnly, { cool_setpoint_c: 27 }).cool_setpoint_c).toBe(27);
    expect(nextState(heatOnly, { heat_setpoint_c: 20 }).heat_setpoint_c).toBe(20);
    expect(nextState(coolOnly, { cool_setpoint_c: 24 }).cool_setpoint_c).toBe(24);
  });

  it("in auto mode cool stays at least 1.5 °C above heat: exactly 1.5 passes, 1 fails with a suggestion", () => {
    const auto = (h: number, c: number) => thermostat({ hvac_mode: "auto", heat_setpoint_c: h, cool_setpoint_c: c, temperature_c: 21 });
    expect(nextState(auto(18, 25), { heat_setpoint_c: 20, cool_setpoint_c: 21.5 })).toMatchObject({ heat_setpoint_c: 20, cool_setpoint_c: 21.5 });
    expect(err(() => nextState(auto(18, 25), { heat_setpoint_c: 20, cool_setpoint_c: 21 }))).toEqual({
      code: "invalid_argument",
      message:
        "in auto mode the heat setpoint must be at least 1.5 °C below the cool setpoint; DEV-9 (Test) would get heat 20 °C and cool 21 °C (e.g. heat 19.5 °C with cool 21 °C)",
    });
    // The suggestion never raises heat: it is the lower of heat and cool − 1.5.
    expect(err(() => checkDeadband(mk(), 24, 22)).message).toContain("(e.g. heat 20.5 °C with cool 22 °C)");
    expect(() => checkDeadband(mk(), 10, 11.5)).not.toThrow();
    // A missing setpoint counts as the range's end: heat 10 °C, cool 32 °C.
    expect(err(() => nextState(thermostat({ hvac_mode: "off" }), { hvac_mode: "auto", cool_setpoint_c: 11 })).message).toContain("heat 10 °C and cool 11 °C");
    expect(err(() => nextState(thermostat({ hvac_mode: "off" }), { hvac_mode: "auto", heat_setpoint_c: 31 })).message).toContain("heat 31 °C and cool 32 °C");
    expect(nextState(thermostat({ hvac_mode: "off" }), { hvac_mode: "auto", heat_setpoint_c: 30.5 })).toMatchObject({
      hvac_mode: "auto",
      heat_setpoint_c: 30.5,
    });
    // Outside auto mode the gap does not matter.
    expect(nextState(thermostat({ hvac_mode: "heat", cool_setpoint_c: 20 }), { heat_setpoint_c: 20 }).heat_setpoint_c).toBe(20);
  });

  it("the action follows mode and room temperature: heating strictly below heat, cooling strictly above cool, else idle", () => {
    const action = (mode: "off" | "heat" | "cool" | "auto", t: number | undefined) =>
      derive(thermostat({ hvac_mode: mode, heat_setpoint_c: 20, cool_setpoint_c: 24, ...(t === undefined ? {} : { temperature_c: t }) }), {
        hvac_mode: mode,
        heat_setpoint_c: 20,
        cool_setpoint_c: 24,
        ...(t === undefined ? {} : { temperature_c: t }),
      }).hvac_action;
    expect(action("off", 5)).toBe("off");
    expect(action("heat", 19.5)).toBe("heating");
    expect(action("heat", 20)).toBe("idle");
    expect(action("heat", 30)).toBe("idle");
    expect(action("cool", 24.5)).toBe("cooling");
    expect(action("cool", 24)).toBe("idle");
    expect(action("cool", 5)).toBe("idle");
    expect(action("auto", 19.5)).toBe("heating");
    expect(action("auto", 24.5)).toBe("cooling");
    expect(action("auto", 22)).toBe("idle");
    // No reading: the room counts as 20 °C, so heat 20 is reached and 20.5 is not.
    expect(action("heat", undefined)).toBe("idle");
    expect(derive(thermostat(), { hvac_mode: "heat", heat_setpoint_c: 20.5 }).hvac_action).toBe("heating");
    // No mode is off; no setpoints are 10 and 32.
    expect(derive(thermostat(), { temperature_c: 5 }).hvac_action).toBe("off");
    expect(derive(thermostat(), { hvac_mode: "heat", temperature_c: 9.5 }).hvac_action).toBe("heating");
    expect(derive(thermostat(), { hvac_mode: "heat", temperature_c: 10 }).hvac_action).toBe("idle");
    expect(derive(thermostat(), { hvac_mode: "cool", temperature_c: 32.5 }).hvac_action).toBe("cooling");
    expect(derive(thermostat(), { hvac_mode: "cool", temperature_c: 32 }).hvac_action).toBe("idle");
  });

  it("a metered thermostat draws its rating while heating or cooling and 3 W otherwise; an unmetered one reports no draw", () => {
    expect(derive(thermostat(), { hvac_mode: "heat", heat_setpoint_c: 22, temperature_c: 18 }).power_w).toBe(3500);
    expect(derive(thermostat(), { hvac_mode: "cool", cool_setpoint_c: 22, temperature_c: 26 }).power_w).toBe(3500);
    expect(derive(thermostat(), { hvac_mode: "heat", heat_setpoint_c: 22, temperature_c: 22 }).power_w).toBe(3);
    expect(derive(thermostat(), { hvac_mode: "off" }).power_w).toBe(3);
    expect(derive(thermostat({}, { rated_power_w: undefined }), { hvac_mode: "heat", heat_setpoint_c: 22, temperature_c: 18 }).power_w).toBe(0);
    const plain = mk({ type: "thermostat", capabilities: ["thermostat"] });
    expect(derive(plain, { hvac_mode: "heat", heat_setpoint_c: 22, temperature_c: 18 })).toEqual({
      hvac_mode: "heat",
      heat_setpoint_c: 22,
      temperature_c: 18,
      hvac_action: "heating",
    });
  });

  it("a metered plug draws its rating when on and 0 W when off; no rating means 0 W", () => {
    const plug = mk({ type: "plug", capabilities: ["on_off", "power_meter"], rated_power_w: 1500 });
    expect(derive(plug, { power: "on" })).toEqual({ power: "on", power_w: 1500 });
    expect(derive(plug, { power: "off" })).toEqual({ power: "off", power_w: 0 });
    expect(derive(mk({ type: "plug", capabilities: ["on_off", "power_meter"] }), { power: "on" })).toEqual({ power: "on", power_w: 0 });
    expect(derive(mk({ type: "plug", capabilities: ["on_off"] }), { power: "on" })).toEqual({ power: "on" });
  });
});

describe("iot rules: the logbook's wording and display rules", () => {
  it("a patch is described part by part, in a fixed order", () => {
    expect(
      describePatch({
        power: "on",
        brightness: 40,
        color_temp_k: 2700,
        color: "#FF8800",
        position: 50,
        hvac_mode: "heat",
        heat_setpoint_c: 21,
        cool_setpoint_c: 25,
        locked: true,
        volume: 30,
        recording: true,
      }),
    ).toBe("turned on, brightness 40%, 2700 K, colour #ff8800, position 50%, mode heat, heat to 21 °C, cool to 25 °C, locked, volume 30%, recording on");
    expect(describePatch({ brightness: 0, position: 0, volume: 0, recording: false })).toBe("brightness 0%, position 0%, volume 0%, recording off");
    expect(describePatch({ power: "off" })).toBe("turned off");
    expect(describePatch({})).toBe("");
  });

  it("an access code shows only its last two digits", () => {
    const code: AccessCode = { id: "CODE-1", device_id: "DEV-9", name: "Guest", code: "1234", created_at: NOW };
    expect(maskCode(code)).toEqual({ id: "CODE-1", device_id: "DEV-9", name: "Guest", code: "••34", created_at: NOW });
    expect(maskCode({ ...code, code: "12345678" }).code).toBe("••••••78");
  });

  it("attribute values read as triggers compare them: locked/unlocked, numbers as text, absent as undefined", () => {
    expect(attributeValue(mk({ state: { locked: true } }), "locked")).toBe("locked");
    expect(attributeValue(mk({ state: { locked: false } }), "locked")).toBe("unlocked");
    expect(attributeValue(mk({ state: {} }), "locked")).toBeUndefined();
    expect(attributeValue(mk({ state: { brightness: 40 } }), "brightness")).toBe("40");
    expect(attributeValue(mk({ state: { power: "on" } }), "power")).toBe("on");
    expect(attributeValue(mk({ state: {} }), "motion")).toBeUndefined();
  });

  it("a trigger's attribute must be known, reported by the device, and take the value", () => {
    const lamp = mk({ capabilities: ["on_off", "brightness"] });
    expect(err(() => checkAttribute(lamp, "colour", undefined, "trigger"))).toEqual({
      code: "invalid_argument",
      message: 'trigger: unknown attribute "colour"',
    });
    expect(err(() => checkAttribute(lamp, "motion", "detected", "conditions[1]"))).toEqual({
      code: "invalid_argument",
      message: "conditions[1]: DEV-9 (Test) does not report motion (it needs the motion capability; this light has on_off, brightness)",
    });
    expect(err(() => checkAttribute(lamp, "power", "dim", "trigger")).message).toBe('trigger: power takes on, off; "dim" is not one of them');
    expect(() => checkAttribute(lamp, "power", "off", "trigger")).not.toThrow();
    expect(() => checkAttribute(lamp, "power", undefined, "trigger")).not.toThrow();
    expect(() => checkAttribute(lamp, "brightness", "anything", "trigger")).not.toThrow();
    const panel = mk({ type: "alarm_panel", capabilities: ["alarm"] });
    expect(err(() => checkAttribute(panel, "alarm_mode", "armed", "trigger")).message).toBe(
      'trigger: alarm_mode takes disarmed, armed_home, armed_away, armed_night; "armed" is not one of them',
    );
  });
});

describe("iot rules: time windows", () => {
  const at = (hhmm: string) => `2026-03-10T${hhmm}:00Z`;

  it("a window includes its start and excludes its end", () => {
    expect(inWindow(at("07:59"), "08:00", "10:00")).toBe(false);
    expect(inWindow(at("08:00"), "08:00", "10:00")).toBe(true);
    expect(inWindow(at("09:59"), "08:00", "10:00")).toBe(true);
    expect(inWindow(at("10:00"), "08:00", "10:00")).toBe(false);
  });

  it("a window may wrap midnight: 22:00-06:00 holds from 22:00 through 05:59", () => {
    expect(inWindow(at("21:59"), "22:00", "06:00")).toBe(false);
    expect(inWindow(at("22:00"), "22:00", "06:00")).toBe(true);
    expect(inWindow(at("00:00"), "22:00", "06:00")).toBe(true);
    expect(inWindow(at("05:59"), "22:00", "06:00")).toBe(true);
    expect(inWindow(at("06:00"), "22:00", "06:00")).toBe(false);
    expect(inWindow(at("12:00"), "22:00", "06:00")).toBe(false);
  });

  it("a window from a time to the same time is empty", () => {
    expect(inWindow(at("08:00"), "08:00", "08:00")).toBe(false);
    expect(inWindow(at("12:00"), "08:00", "08:00")).toBe(false);
  });
});

describe("iot rules: sunrise and sunset by season", () => {
  it("summer is June-August, winter November-March, the rest mild", () => {
    const table: Array<[string, string, string]> = [
      ["2026-01-15", "07:15", "17:15"],
      ["2026-03-31", "07:15", "17:15"],
      ["2026-04-01", "06:30", "19:00"],
      ["2026-05-31", "06:30", "19:00"],
      ["2026-06-01", "05:30", "20:30"],
      ["2026-08-31", "05:30", "20:30"],
      ["2026-09-01", "06:30", "19:00"],
      ["2026-10-31", "06:30", "19:00"],
      ["2026-11-01", "07:15", "17:15"],
      ["2026-12-31", "07:15", "17:15"],
    ];
    for (const [date, rise, set] of table) {
      expect(sunTime(date, "sunrise"), date).toBe(`${date}T${rise}:00Z`);
      expect(sunTime(date, "sunset"), date).toBe(`${date}T${set}:00Z`);
    }
  });

  it("the next sun firing is strictly after the instant, offset included; the last one is at or before it", () => {
    const sunrise = { type: "sun" as const, event: "sunrise" as const, offset_minutes: 0 };
    expect(nextFiring(sunrise, "2026-06-10T05:29:00Z")).toBe("2026-06-10T05:30:00Z");
    expect(nextFiring(sunrise, "2026-06-10T05:30:00Z")).toBe("2026-06-11T05:30:00Z");
    const early = { type: "sun" as const, event: "sunset" as const, offset_minutes: -30 };
    expect(nextFiring(early, "2026-11-09T16:44:00Z")).toBe("2026-11-09T16:45:00Z");
    expect(nextFiring(early, "2026-11-09T16:45:00Z")).toBe("2026-11-10T16:45:00Z");
    expect(lastFiring(early, "2026-11-09T16:45:00Z")).toBe("2026-11-09T16:45:00Z");
    expect(lastFiring(early, "2026-11-09T16:44:00Z")).toBe("2026-11-08T16:45:00Z");
    expect(lastFiring({ type: "sun", event: "sunrise", offset_minutes: 90 }, "2026-06-10T07:00:00Z")).toBe("2026-06-10T07:00:00Z");
  });

  it("a time trigger fires on its weekdays only, every day when none are given", () => {
    // 2026-11-09 is a Monday.
    expect(nextFiring({ type: "time", at: "07:00" }, "2026-11-09T07:00:00Z")).toBe("2026-11-10T07:00:00Z");
    expect(nextFiring({ type: "time", at: "07:00", days: ["friday"] }, "2026-11-09T06:00:00Z")).toBe("2026-11-13T07:00:00Z");
    expect(lastFiring({ type: "time", at: "07:00" }, "2026-11-09T07:00:00Z")).toBe("2026-11-09T07:00:00Z");
    expect(lastFiring({ type: "time", at: "07:00", days: ["saturday"] }, "2026-11-09T08:00:00Z")).toBe("2026-11-07T07:00:00Z");
  });
});

describe("iot rules: scene snapshots keep what a scene can restore", () => {
  it("brightness, colour temperature and colour only of a light that is on", () => {
    const caps: Device["capabilities"] = ["on_off", "brightness", "color_temperature", "color"];
    const on = mk({ capabilities: caps, state: { power: "on", brightness: 30, color_temp_k: 3000, color: "#112233" } });
    expect(snapshot(on)).toEqual({ power: "on", brightness: 30, color_temp_k: 3000, color: "#112233" });
    const off = mk({ capabilities: caps, state: { power: "off", brightness: 30, color_temp_k: 3000, color: "#112233" } });
    expect(snapshot(off)).toEqual({ power: "off" });
    expect(snapshot(mk({ capabilities: ["brightness"], state: { power: "on", brightness: 30 } }))).toEqual({ brightness: 30 });
  });

  it("a thermostat keeps its mode and the setpoints that mode uses", () => {
    const st = { heat_setpoint_c: 20, cool_setpoint_c: 25 };
    expect(snapshot(thermostat({ hvac_mode: "heat", ...st }))).toEqual({ hvac_mode: "heat", heat_setpoint_c: 20 });
    expect(snapshot(thermostat({ hvac_mode: "cool", ...st }))).toEqual({ hvac_mode: "cool", cool_setpoint_c: 25 });
    expect(snapshot(thermostat({ hvac_mode: "auto", ...st }))).toEqual({ hvac_mode: "auto", heat_setpoint_c: 20, cool_setpoint_c: 25 });
    expect(snapshot(thermostat({ hvac_mode: "off", ...st }))).toEqual({ hvac_mode: "off" });
  });

  it("a lock only when locked; position, volume and recording (even off) as they are", () => {
    expect(snapshot(mk({ type: "lock", capabilities: ["lock"], state: { locked: true } }))).toEqual({ locked: true });
    expect(snapshot(mk({ type: "lock", capabilities: ["lock"], state: { locked: false } }))).toEqual({});
    expect(snapshot(mk({ type: "blind", capabilities: ["position"], state: { position: 0 } }))).toEqual({ position: 0 });
    expect(snapshot(mk({ type: "speaker", capabilities: ["volume"], state: { volume: 0 } }))).toEqual({ volume: 0 });
    expect(snapshot(mk({ type: "camera", capabilities: ["camera"], state: { recording: false } }))).toEqual({ recording: false });
    expect(snapshot(mk({ type: "sensor", capabilities: ["temperature"], state: { temperature_c: 20, position: 10, volume: 5 } }))).toEqual({});
  });
});

// ---------------------------------------------------------------------------------------------
// Through the tools, seed 7.

const session = () => openSession(iot, 7);
const device = (s: TestSession, id: string) => s.row<Device>("devices", id);
const events = (s: TestSession) => s.rows<DeviceEvent>("device_events");
/** Any write, so that the hub catches up to the session's clock. */
const poke = (s: TestSession) => s.ok("create_home_room", { name: `Room ${s.now().slice(5, 16)}`, kind: "office" });

describe("iot rules: the hub's clock", () => {
  it("a schedule runs when the clock reaches its minute exactly, then moves to the next day", () => {
    const s = session();
    const sch = s.ok("create_device_schedule", { name: "Heater at ten", at: "10:00", device_id: "DEV-1043", state: { power: "on" } });
    expect(sch.next_run_at).toBe("2026-11-09T10:00:00Z");
    s.advanceTo("2026-11-09T09:59:00Z");
    poke(s);
    expect(device(s, "DEV-1043").state.power).toBe("off");
    expect(s.now()).toBe("2026-11-09T10:00:00Z");
    poke(s);
    expect(device(s, "DEV-1043").state).toEqual({ power: "on", power_w: 1500 });
    const after = s.row<Schedule>("schedules", sch.id);
    expect([after.last_run_at, after.next_run_at]).toEqual(["2026-11-09T10:00:00Z", "2026-11-10T10:00:00Z"]);
    const logged = events(s).filter((e) => e.device_id === "DEV-1043" && e.source === "schedule");
    expect(logged.map((e) => [e.at, e.message])).toEqual([["2026-11-09T10:00:00Z", 'Space Heater: turned on (schedule "Heater at ten")']]);
  });

  it("a sun automation fires at sunset plus its offset, exactly on the minute, and logs the event", () => {
    const s = session();
    s.ok("create_automation", {
      name: "Before dusk",
      trigger: { type: "sun", event: "sunset", offset_minutes: -15 },
      actions: [{ type: "notify", message: "Sun sets in 15 minutes" }],
    });
    s.advanceTo("2026-11-09T16:59:00Z");
    poke(s);
    expect(events(s).filter((e) => e.message === "Sun sets in 15 minutes")).toEqual([]);
    poke(s);
    const ran = events(s).filter((e) => e.message === "Sun sets in 15 minutes" || e.message.startsWith('Automation "Before dusk"'));
    expect(ran.map((e) => [e.at, e.kind, e.source, e.message])).toEqual([
      ["2026-11-09T17:00:00Z", "notification", "automation", "Sun sets in 15 minutes"],
      ["2026-11-09T17:00:00Z", "automation_ran", "automation", 'Automation "Before dusk" ran (sunset)'],
    ]);
  });

  it("a timed automation's conditions are checked at its own firing time, not when the hub catches up", () => {
    const s = session();
    const mkAuto = (name: string, conditions: unknown[]) =>
      s.ok("create_automation", { name, trigger: { type: "time", at: "10:00" }, conditions, actions: [{ type: "notify", message: name }] });
    const inside = mkAuto("Inside window", [{ type: "time_window", after: "09:30", before: "10:30" }]);
    mkAuto("Window starts later", [{ type: "time_window", after: "10:01", before: "13:00" }]);
    const disarmed = mkAuto("While disarmed", [{ type: "device_state", device_id: "DEV-1024", attribute: "alarm_mode", is: "disarmed" }]);
    mkAuto("While armed", [{ type: "device_state", device_id: "DEV-1024", attribute: "alarm_mode", is: "armed_away" }]);
    s.advanceTo("2026-11-09T12:00:00Z");
    poke(s);
    const said = events(s)
      .filter((e) => e.kind === "notification" && e.at === "2026-11-09T10:00:00Z")
      .map((e) => e.message)
      .sort();
    expect(said).toEqual(["Inside window", "While disarmed"]);
    expect(s.row<Automation>("automations", inside.id).last_triggered_at).toBe("2026-11-09T10:00:00Z");
    expect(s.row<Automation>("automations", disarmed.id).last_triggered_at).toBe("2026-11-09T10:00:00Z");
    expect(events(s).filter((e) => e.message === 'Automation "Inside window" ran (at 10:00)')).toHaveLength(1);
  });
});

describe("iot rules: automations", () => {
  const base = { actions: [{ type: "notify", message: "x" }] };
  const numeric = (attribute: string, bounds: Record<string, number>, device_id = "DEV-1050") => ({
    ...base,
    name: `N ${attribute} ${JSON.stringify(bounds)}`,
    trigger: { type: "numeric_state", device_id, attribute, ...bounds },
  });

  it("a percentage's bounds lie in 0-100, both ends included; other attributes are not limited so", () => {
    const s = session();
    s.ok("create_automation", numeric("humidity_pct", { above: 0 }));
    s.ok("create_automation", numeric("humidity_pct", { below: 100 }));
    s.fails(
      "create_automation",
      numeric("humidity_pct", { above: 100.5 }),
      "invalid_argument",
      /^humidity_pct is a percentage, so its bounds lie in 0-100; got 100.5$/,
    );
    s.fails("create_automation", numeric("humidity_pct", { below: -1 }), "invalid_argument", /got -1$/);
    s.fails("create_automation", numeric("humidity_pct", { above: 10, below: 101 }), "invalid_argument", /got 101$/);
    s.ok("create_automation", numeric("temperature_c", { above: 150 }, "DEV-1045"));
  });

  it("with both bounds above must be strictly less than below", () => {
    const s = session();
    s.fails(
      "create_automation",
      numeric("humidity_pct", { above: 50, below: 50 }),
      "invalid_argument",
      /^a numeric_state trigger with both bounds fires between them, so above \(50\) must be less than below \(50\)$/,
    );
    s.ok("create_automation", numeric("humidity_pct", { above: 50, below: 50.5 }));
    s.ok("create_automation", numeric("humidity_pct", { below: 30 }));
  });

  it("a time trigger's days are distinct and at least one", () => {
    const s = session();
    const msg = /^trigger days must be distinct weekdays, at least one \(omit days for every day\)$/;
    s.fails("create_automation", { ...base, name: "T", trigger: { type: "time", at: "07:00", days: ["monday", "monday"] } }, "invalid_argument", msg);
    s.fails("create_automation", { ...base, name: "T", trigger: { type: "time", at: "07:00", days: [] } }, "invalid_argument", msg);
    expect(s.ok("create_automation", { ...base, name: "T", trigger: { type: "time", at: "07:00", days: ["monday", "friday"] } }).trigger.days).toEqual([
      "monday",
      "friday",
    ]);
  });

  it("at most 5 conditions and 10 actions", () => {
    const s = session();
    const cond = { type: "time_window", after: "08:00", before: "09:00" };
    const act = { type: "notify", message: "hi" };
    const trigger = { type: "time", at: "07:00" };
    expect(s.ok("create_automation", { name: "Five", trigger, conditions: Array(5).fill(cond), actions: Array(10).fill(act) }).actions).toHaveLength(10);
    s.fails("create_automation", { name: "Six", trigger, conditions: Array(6).fill(cond), actions: [act] }, "invalid_arguments", /at most 5 conditions/);
    s.fails("create_automation", { name: "Eleven", trigger, actions: Array(11).fill(act) }, "invalid_arguments", /at most 10 actions/);
  });

  it("names are unique whatever the case, and the refusal names the clash", () => {
    const s = session();
    s.ok("create_automation", { ...base, name: "Wake Up", trigger: { type: "time", at: "07:00" } });
    const e = s.fails("create_automation", { ...base, name: "WAKE UP", trigger: { type: "time", at: "07:00" } }, "already_exists");
    expect(e.message).toBe('an automation named "Wake Up" already exists (AUT-109); choose another name');
  });

  it("enable and disable refuse a no-op with the automation's id and name", () => {
    const s = session();
    const x = s.ok("create_automation", { ...base, name: "Idle", trigger: { type: "time", at: "07:00" } });
    expect(s.fails("enable_automation", { automation_id: x.id }, "conflict").message).toBe(`automation ${x.id} ("Idle") is already enabled`);
    const off = s.ok("disable_automation", { automation_id: x.id });
    expect(off.enabled).toBe(false);
    expect(s.fails("disable_automation", { automation_id: x.id }, "conflict").message).toBe(`automation ${x.id} ("Idle") is already disabled`);
    const on = s.ok("enable_automation", { automation_id: x.id });
    expect([on.enabled, on.enabled_at]).toEqual([true, "2026-11-09T09:02:00Z"]);
  });

  it("a triggered run logs that the assistant triggered it; a vanished scene or device is skipped and named", () => {
    const s = session();
    const sc = s.ok("create_scene", { name: "Heater Only", entries: [{ device_id: "DEV-1043", state: { power: "on" } }] });
    const x = s.ok("create_automation", {
      name: "Gone things",
      trigger: { type: "time", at: "07:00" },
      actions: [
        { type: "scene", scene_id: sc.id },
        { type: "device", device_id: "DEV-1001", state: { power: "off" } },
        { type: "notify", message: "done" },
      ],
    });
    s.edit(iot, (db) => {
      db.scenes.delete(sc.id);
      db.devices.delete("DEV-1001");
    });
    const r = s.ok("trigger_automation", { automation_id: x.id });
    expect(r).toEqual({
      automation_id: x.id,
      ran: true,
      applied: [],
      skipped: [
        { device_id: sc.id, name: "(scene)", reason: "the scene no longer exists" },
        { device_id: "DEV-1001", name: "(removed)", reason: "the device no longer exists" },
      ],
      notifications: ["done"],
    });
    expect(
      events(s)
        .filter((e) => e.kind === "automation_ran")
        .at(-1)!.message,
    ).toBe('Automation "Gone things" ran (triggered by the assistant)');
  });

  it("a failed device condition says what the device's attribute is, or unknown", () => {
    const s = session();
    const x = s.ok("create_automation", {
      ...base,
      name: "Needs lamp on",
      trigger: { type: "time", at: "07:00" },
      conditions: [{ type: "device_state", device_id: "DEV-1022", attribute: "locked", is: "unlocked" }],
    });
    expect(s.ok("trigger_automation", { automation_id: x.id }).failed_conditions).toEqual(["DEV-1022 (Front Door Lock) locked is locked, not unlocked"]);
  });
});

describe("iot rules: schedules", () => {
  it("renaming a schedule to its own name in another case is allowed; pausing drops the next run, resuming recomputes it", () => {
    const s = session();
    const bed = s.rows<Schedule>("schedules").find((x) => x.name === "Bedtime")!;
    expect(s.ok("update_device_schedule", { schedule_id: bed.id, name: "BEDTIME" }).name).toBe("BEDTIME");
    expect(s.ok("update_device_schedule", { schedule_id: bed.id, days: ["tuesday"] }).next_run_at).toBe("2026-11-10T22:45:00Z");
    s.fails("update_device_schedule", { schedule_id: bed.id, days: ["friday", "friday"] }, "invalid_argument", /^days must be distinct weekdays$/);
    const paused = s.ok("update_device_schedule", { schedule_id: bed.id, enabled: false });
    expect("next_run_at" in paused).toBe(false);
    expect(s.ok("update_device_schedule", { schedule_id: bed.id, at: "09:30" }).next_run_at).toBeUndefined();
    expect(s.ok("update_device_schedule", { schedule_id: bed.id, enabled: true }).next_run_at).toBe("2026-11-10T09:30:00Z");
  });
});

describe("iot rules: security and access codes", () => {
  it("the tenth code fits on a lock, the eleventh is refused", () => {
    const s = session();
    const have = s.rows<AccessCode>("access_codes").filter((c) => c.device_id === "DEV-1022").length;
    expect(have).toBe(3);
    for (let i = 0; i < 7; i++) s.ok("add_access_code", { device_id: "DEV-1022", name: `Guest ${i}`, code: `80${i}1` });
    const e = s.fails("add_access_code", { device_id: "DEV-1022", name: "Eleventh", code: "7777" }, "limit_exceeded");
    expect(e.message).toBe("DEV-1022 (Front Door Lock) already holds 10 codes, the most it can store; delete one with delete_access_code first");
  });

  it("a code can go while another remains on the device", () => {
    const s = session();
    s.ok("add_access_code", { device_id: "DEV-1024", name: "Second", code: "5566" });
    expect(s.ok("delete_access_code", { access_code_id: "CODE-107" }).removed).toBe("CODE-107");
  });

  it("arming ignores open sensors of offline devices, and the logbook names the bypassed ones", () => {
    const s = session();
    s.edit(iot, (db) => db.devices.update("DEV-1010", { online: false }));
    expect(s.ok("arm_security_system", { mode: "armed_home" }).bypassed).toEqual([]);
    const s2 = session();
    s2.ok("arm_security_system", { mode: "armed_night", bypass_open_sensors: true });
    const armed = events(s2).filter((e) => e.kind === "armed");
    expect(armed.at(-1)!.message).toBe("Alarm set to armed_night (bypassing Patio Door Lock)");
    expect(
      events(s)
        .filter((e) => e.kind === "armed")
        .at(-1)!.message,
    ).toBe("Alarm set to armed_home");
  });

  it("disarming an armed alarm logs the code's name; disarming a disarmed one conflicts", () => {
    const s = session();
    s.fails("disarm_security_system", { code: "0000" }, "conflict", /^the alarm is already disarmed$/);
    s.ok("arm_security_system", { mode: "armed_home", bypass_open_sensors: true });
    const owner = s.rows<AccessCode>("access_codes").find((c) => c.device_id === "DEV-1024")!;
    expect(s.ok("disarm_security_system", { code: owner.code })).toEqual({
      device_id: "DEV-1024",
      alarm_mode: "disarmed",
      previous_mode: "armed_home",
      code_name: "Owner — Ximena",
    });
    const ev = events(s).filter((e) => e.kind === "disarmed");
    expect(ev.at(-1)).toMatchObject({
      device_id: "DEV-1024",
      at: "2026-11-09T09:01:00Z",
      message: 'Alarm disarmed with code "Owner — Ximena"',
      source: "assistant",
    });
    expect(s.row<AccessCode>("access_codes", owner.id).last_used_at).toBe("2026-11-09T09:01:00Z");
  });

  it("only armed away blocks unlocking: armed home lets a door be unlocked with a code", () => {
    const s = session();
    s.ok("arm_security_system", { mode: "armed_home", bypass_open_sensors: true });
    const code = s.rows<AccessCode>("access_codes").find((c) => c.device_id === "DEV-1022")!.code;
    expect(s.ok("unlock_door", { device_id: "DEV-1022", code }).state.locked).toBe(false);
  });

  it("a code goes only on an online lock or keypad; the last code's refusal names the device", () => {
    const s = session();
    s.edit(iot, (db) => db.devices.update("DEV-1053", { online: false }));
    s.fails(
      "add_access_code",
      { device_id: "DEV-1053", name: "Guest", code: "4321" },
      "failed_precondition",
      /^DEV-1053 \(Garage Side Door Lock\) is offline since /,
    );
    expect(s.fails("add_access_code", { device_id: "DEV-1043", name: "Guest", code: "4321" }, "invalid_argument").message).toBe(
      "DEV-1043 (Space Heater) is not a lock or an alarm keypad; access codes go on devices of type lock or alarm_panel",
    );
    expect(
      s.fails("add_access_code", { device_id: "DEV-1024", name: "x", code: s.row<AccessCode>("access_codes", "CODE-107").code }, "already_exists").message,
    ).toBe("that code is already programmed on DEV-1024 (Alarm Keypad); choose different digits");
    expect(s.fails("delete_access_code", { access_code_id: "CODE-107" }, "failed_precondition").message).toBe(
      '"Owner — Ximena" is the only access code of DEV-1024 (Alarm Keypad); add another code with add_access_code before removing it',
    );
  });
});

describe("iot rules: energy ranges", () => {
  it("at most 31 days, up to yesterday; one day is a range; the default is the last 7 days", () => {
    const s = session();
    expect(s.ok("get_energy_usage", { from_date: "2026-10-09", to_date: "2026-11-08" }).from_date).toBe("2026-10-09");
    s.fails(
      "get_energy_usage",
      { from_date: "2026-10-08", to_date: "2026-11-08" },
      "invalid_argument",
      /^the range covers 32 days; ask for at most 31 days at a time$/,
    );
    const one = s.ok("get_energy_usage", { from_date: "2026-11-08", to_date: "2026-11-08" });
    expect(one.by_day.map((d: { date: string }) => d.date)).toEqual(["2026-11-08"]);
    s.fails("get_energy_usage", { to_date: "2026-11-09" }, "invalid_argument", /^readings exist up to yesterday \(2026-11-08\); to_date 2026-11-09 is later$/);
    expect(s.ok("get_energy_usage", { to_date: "2026-11-05" })).toMatchObject({ from_date: "2026-10-30", to_date: "2026-11-05" });
  });
});

describe("iot rules: the home summary", () => {
  it("a battery under 20 % is low; 20 % is not", () => {
    const s = session();
    s.edit(iot, (db) => {
      db.devices.update("DEV-1061", { state: { ...db.devices.need("DEV-1061").state, battery_pct: 20 } });
      db.devices.update("DEV-1050", { state: { ...db.devices.need("DEV-1050").state, battery_pct: 19 } });
    });
    const low = s.ok("get_home_summary", {}).low_battery.map((x: { device_id: string; battery_pct: number }) => [x.device_id, x.battery_pct]);
    expect(low).toContainEqual(["DEV-1050", 19]);
    expect(low.map((x: [string]) => x[0])).not.toContain("DEV-1061");
  });
});

describe("iot rules: how entities are described to the user", () => {
  it("each table describes its rows in words", () => {
    const t = iot.tables as unknown as Record<string, { describe: (x: unknown) => string }>;
    expect(t.rooms!.describe({ name: "Study" })).toBe("the Study");
    expect(t.devices!.describe({ type: "plug", name: "Kettle" })).toBe('the smart plug "Kettle"');
    expect(t.devices!.describe({ type: "alarm_panel", name: "Keypad" })).toBe('the alarm panel "Keypad"');
    expect(t.scenes!.describe({ name: "Dinner" })).toBe('the scene "Dinner"');
    expect(t.automations!.describe({ name: "Wake", enabled: true })).toBe('the automation "Wake"');
    expect(t.automations!.describe({ name: "Wake", enabled: false })).toBe('the disabled automation "Wake"');
    expect(t.schedules!.describe({ name: "Bedtime", at: "22:45" })).toBe('the 22:45 schedule "Bedtime"');
    expect(t.device_groups!.describe({ name: "Lamps" })).toBe('the device group "Lamps"');
    expect(t.energy_readings!.describe({ kwh: 1.234, device_id: "DEV-1043", date: "2026-11-08" })).toBe("the 1.23 kWh reading of DEV-1043 on 2026-11-08");
    expect(t.access_codes!.describe({ name: "Owner" })).toBe('the access code "Owner"');
    expect(t.device_events!.describe({ kind: "went_offline", at: "2026-11-08T21:05:33Z" })).toBe("the went offline event at 2026-11-08 21:05");
  });
});

describe("iot rules: what a saved state may hold", () => {
  const scene = (state: Record<string, unknown>, device_id = "DEV-1002") => ({ name: "Probe", entries: [{ device_id, state }] });

  it("colour temperatures are kelvin 1000-10000, positions and volumes 0-100, colours hex RGB", () => {
    const s = session();
    s.fails("create_scene", scene({ color_temp_k: 999 }), "invalid_arguments", /colour temperatures are given in kelvin, e.g. 2700/);
    s.fails("create_scene", scene({ color_temp_k: 10001 }), "invalid_arguments", /colour temperatures are given in kelvin, at most 10000/);
    s.fails("create_scene", scene({ position: 101 }, "DEV-1004"), "invalid_arguments", /blind position is 0-100 %/);
    s.fails("create_scene", scene({ position: -1 }, "DEV-1004"), "invalid_arguments", /blind position is 0-100 %/);
    s.fails("create_scene", scene({ volume: 101 }, "DEV-1007"), "invalid_arguments", /volume is 0-100 %/);
    s.fails("create_scene", scene({ volume: -1 }, "DEV-1007"), "invalid_arguments", /volume is 0-100 %/);
    s.fails("create_scene", scene({ brightness: -1 }), "invalid_arguments", /brightness is 0-100 %/);
    s.fails("create_scene", scene({ color: "#ff88" }), "invalid_arguments", /colour is a hex RGB value such as #ff8800/);
    s.fails("create_scene", scene({ heat_setpoint_c: 20.25 }, "DEV-1006"), "invalid_arguments", /setpoints go in steps of 0.5 °C/);
    s.fails("create_scene", scene({ cool_setpoint_c: 9.5 }, "DEV-1006"), "invalid_arguments", /9.5 °C is out of range: thermostat setpoints are 10-32 °C/);
    const ok = s.ok("create_scene", {
      name: "Edges",
      entries: [
        { device_id: "DEV-1002", state: { brightness: 100, color: "#ABCDEF" } },
        { device_id: "DEV-1004", state: { position: 100 } },
        { device_id: "DEV-1007", state: { volume: 100 } },
        { device_id: "DEV-1006", state: { heat_setpoint_c: 32 } },
      ],
    });
    expect(ok.entries.map((e: { state: unknown }) => e.state)).toEqual([
      { brightness: 100, color: "#abcdef" },
      { position: 100 },
      { volume: 100 },
      { heat_setpoint_c: 32 },
    ]);
  });

  it("a state that sets nothing is refused with the list of what it may set", () => {
    const s = session();
    const e = s.fails("create_scene", scene({}), "invalid_argument");
    expect(e.message).toBe(
      "entries[0] for DEV-1002 (Floor Lamp) sets nothing: give at least one of power, brightness, color_temp_k, color, position, hvac_mode, heat_setpoint_c, cool_setpoint_c, locked, volume, recording",
    );
  });

  it("numeric thresholds lie in -100..100000, sun offsets in -180..180 minutes, notifications 1-200 characters", () => {
    const s = session();
    const n = (name: string, bounds: Record<string, number>) => ({
      name,
      trigger: { type: "numeric_state", device_id: "DEV-1045", attribute: "temperature_c", ...bounds },
      actions: [{ type: "notify", message: "x" }],
    });
    s.ok("create_automation", n("Cold", { below: -100 }));
    s.ok("create_automation", n("Hot", { above: 100_000 }));
    s.fails("create_automation", n("Colder", { below: -101 }), "invalid_arguments");
    s.fails("create_automation", n("Hotter", { above: 100_001 }), "invalid_arguments");
    const sun = (name: string, offset_minutes: number) => ({
      name,
      trigger: { type: "sun", event: "sunset", offset_minutes },
      actions: [{ type: "notify", message: "x" }],
    });
    s.ok("create_automation", sun("Three hours before", -180));
    s.ok("create_automation", sun("Three hours after", 180));
    s.fails("create_automation", sun("Too early", -181), "invalid_arguments");
    s.fails("create_automation", sun("Too late", 181), "invalid_arguments");
    const say = (name: string, message: string) => ({ name, trigger: { type: "time", at: "07:00" }, actions: [{ type: "notify", message }] });
    expect(s.ok("create_automation", say("Long", "a".repeat(200))).actions[0].message).toHaveLength(200);
    s.fails("create_automation", say("Too long", "a".repeat(201)), "invalid_arguments");
    s.fails("create_automation", say("Blank", "   "), "invalid_arguments");
  });
});

describe("iot rules: device commands", () => {
  it("the command tools' own limits: brightness and volume 0-100, blinds 0-100, kelvin 1000-10000", () => {
    const s = session();
    s.fails("set_light_brightness", { device_id: "DEV-1026", brightness: 101 }, "invalid_arguments", /brightness is 0-100 %/);
    s.fails("set_light_brightness", { device_id: "DEV-1026", brightness: 50.5 }, "invalid_arguments", /brightness is a whole percentage/);
    expect(s.ok("set_light_brightness", { device_id: "DEV-1026", brightness: 100 }).state).toEqual({ power: "on", brightness: 100 });
    s.fails("set_blind_position", { device_id: "DEV-1032", position: 101 }, "invalid_arguments", /blind position is 0-100 %: 0 closed, 100 open/);
    s.fails("set_blind_position", { device_id: "DEV-1032", position: -1 }, "invalid_arguments", /blind position is 0-100 %: 0 closed, 100 open/);
    expect(s.ok("set_blind_position", { device_id: "DEV-1032", position: 0 }).state.position).toBe(0);
    s.fails("set_speaker_volume", { device_id: "DEV-1007", volume: 101 }, "invalid_arguments", /volume is 0-100 %/);
    s.fails("set_speaker_volume", { device_id: "DEV-1007", volume: -1 }, "invalid_arguments", /volume is 0-100 %/);
    expect(s.ok("set_speaker_volume", { device_id: "DEV-1007", volume: 0 }).state.volume).toBe(0);
    s.fails("set_light_color_temperature", { device_id: "DEV-1041", color_temp_k: 999 }, "invalid_arguments", /given in kelvin, e.g. 2700/);
    s.fails("set_light_color_temperature", { device_id: "DEV-1041", color_temp_k: 10001 }, "invalid_arguments", /given in kelvin, at most 10000/);
  });

  it("a command is logged with what it did; locking is logged as 'locked'", () => {
    const s = session();
    s.ok("set_light_brightness", { device_id: "DEV-1026", brightness: 35 });
    s.ok("unlock_door", { device_id: "DEV-1022", code: s.rows<AccessCode>("access_codes").find((c) => c.device_id === "DEV-1022")!.code });
    s.ok("lock_door", { device_id: "DEV-1022" });
    const mine = events(s).filter((e) => e.source === "assistant" && (e.device_id === "DEV-1026" || e.device_id === "DEV-1022"));
    expect(mine.map((e) => [e.kind, e.message])).toEqual([
      ["state_changed", "Hallway Light: brightness 35%"],
      ["unlocked", 'Front Door Lock unlocked with code "Owner — Ximena"'],
      ["locked", "Front Door Lock: locked"],
    ]);
    expect(device(s, "DEV-1022")).toMatchObject({ last_seen: "2026-11-09T09:02:00Z", last_changed: "2026-11-09T09:02:00Z" });
  });

  it("in auto mode a setpoint must be given; in cool mode the target is the cooling setpoint", () => {
    const s = session();
    s.ok("set_thermostat_mode", { device_id: "DEV-1006", mode: "auto" });
    expect(s.fails("set_thermostat", { device_id: "DEV-1006" }, "invalid_argument").message).toBe(
      "DEV-1006 (Main Thermostat) is in auto mode: give heat_setpoint_c and/or cool_setpoint_c",
    );
    expect(s.ok("set_thermostat", { device_id: "DEV-1006", heat_setpoint_c: 18 }).state).toMatchObject({ heat_setpoint_c: 18 });
    s.ok("set_thermostat_mode", { device_id: "DEV-1006", mode: "cool" });
    const r = s.ok("set_thermostat", { device_id: "DEV-1006", temperature_c: 23 }).state;
    expect([r.cool_setpoint_c, r.heat_setpoint_c]).toEqual([23, 18]);
  });

  it("an off radiator names only the modes it can take", () => {
    const s = session();
    if (device(s, "DEV-1033").state.hvac_mode !== "off") s.ok("set_thermostat_mode", { device_id: "DEV-1033", mode: "off" });
    expect(s.fails("set_thermostat", { device_id: "DEV-1033", temperature_c: 20 }, "failed_precondition").message).toBe(
      "DEV-1033 (Bedroom Radiator) is off; choose a mode with set_thermostat_mode (heat) before setting a temperature",
    );
  });

  it("a camera refuses to start or stop recording when it already does so", () => {
    const s = session();
    const cam = device(s, "DEV-1023");
    const now = cam.state.recording === true;
    expect(s.fails("set_camera_recording", { device_id: "DEV-1023", recording: now }, "conflict").message).toBe(
      `DEV-1023 (Front Door Camera) is already ${now ? "recording" : "not recording"}`,
    );
    expect(s.ok("set_camera_recording", { device_id: "DEV-1023", recording: !now }).state.recording).toBe(!now);
    expect(s.fails("set_camera_recording", { device_id: "DEV-1023", recording: !now }, "conflict").message).toBe(
      `DEV-1023 (Front Door Camera) is already ${now ? "not recording" : "recording"}`,
    );
  });

  it("without an alarm panel the security tools say so", () => {
    const s = session();
    s.edit(iot, (db) => db.devices.delete("DEV-1024"));
    s.fails("arm_security_system", { mode: "armed_home" }, "failed_precondition", /^this home has no alarm panel; security modes are not available$/);
    expect(s.ok("get_home_summary", {}).alarm_mode).toBe("none");
  });
});

describe("iot rules: scenes", () => {
  it("an activation with nothing skipped says only how many were set; each device's entry names the scene", () => {
    const s = session();
    const sc = s.ok("create_scene", { name: "Heater Scene", entries: [{ device_id: "DEV-1043", state: { power: "on" } }] });
    s.ok("activate_scene", { scene_id: sc.id });
    const evs = events(s).filter((e) => e.at === "2026-11-09T09:01:00Z");
    expect(evs.map((e) => [e.kind, e.source, e.message])).toEqual([
      ["state_changed", "scene", 'Space Heater: turned on (scene "Heater Scene")'],
      ["scene_activated", "assistant", 'Scene "Heater Scene" activated: 1 device(s) set'],
    ]);
  });

  it("a lock that refuses is skipped with the reason, without repeating its name", () => {
    const s = session();
    const sc = s.ok("create_scene", {
      name: "Lock Up",
      entries: [
        { device_id: "DEV-1010", state: { locked: true } },
        { device_id: "DEV-1043", state: { power: "on" } },
      ],
    });
    const r = s.ok("activate_scene", { scene_id: sc.id });
    expect(r.skipped).toEqual([
      {
        device_id: "DEV-1010",
        name: "Patio Door Lock",
        reason: "cannot lock while its door stands open (the lock's door sensor reports open); close the door first",
      },
    ]);
    expect(r.applied.map((x: { device_id: string }) => x.device_id)).toEqual(["DEV-1043"]);
  });

  it("a scene used by both an automation and a schedule names both", () => {
    const s = session();
    s.ok("create_automation", { name: "Dinner bell", trigger: { type: "time", at: "18:00" }, actions: [{ type: "scene", scene_id: "SCN-104" }] });
    s.ok("create_device_schedule", { name: "Dinner time", at: "18:30", scene_id: "SCN-104" });
    expect(s.fails("delete_scene", { scene_id: "SCN-104" }, "failed_precondition").message).toBe(
      'scene "Dinner" is used by automation AUT-109 ("Dinner bell"), schedule SCH-109 ("Dinner time"); delete those (delete_automation, delete_device_schedule) before deleting the scene',
    );
  });

  it("a schedule whose scene has vanished runs as nothing and moves on", () => {
    const s = session();
    const sch = s.ok("create_device_schedule", { name: "Gone", at: "10:00", scene_id: "SCN-104" });
    s.edit(iot, (db) => db.scenes.delete("SCN-104"));
    s.advanceTo("2026-11-09T10:30:00Z");
    poke(s);
    expect(s.row<Schedule>("schedules", sch.id)).toMatchObject({ last_run_at: "2026-11-09T10:00:00Z", next_run_at: "2026-11-10T10:00:00Z" });
  });
});

describe("iot rules: rooms and devices", () => {
  it("a room with more than 8 devices lists the first 8 and an ellipsis; with 8 it lists them all", () => {
    const s = session();
    expect(s.fails("delete_home_room", { room_id: "ROOM-101" }, "failed_precondition").message).toBe(
      "ROOM-101 (Living Room) still holds 11 device(s): DEV-1001 (Living Room Ceiling), DEV-1002 (Floor Lamp), DEV-1003 (TV Backlight), DEV-1004 (Living Room Blind Left), DEV-1005 (Living Room Blind Right), DEV-1006 (Main Thermostat), DEV-1007 (Living Room Speaker), DEV-1008 (TV Plug), …; move them with move_device_to_room first",
    );
    const m = s.fails("delete_home_room", { room_id: "ROOM-105" }, "failed_precondition").message;
    expect(m).toMatch(/^ROOM-105 \(Main Bedroom\) still holds 8 device\(s\): DEV-1029 \(Bedroom Ceiling\), .*, DEV-1036 \(Bedroom Speaker\); move them/);
    expect(m).not.toContain("…");
  });

  it("renames and moves refuse no-ops and clashes, in words", () => {
    const s = session();
    expect(s.fails("rename_device", { device_id: "DEV-1002", name: "Floor Lamp" }, "invalid_argument").message).toBe(
      'DEV-1002 (Floor Lamp) is already named "Floor Lamp"',
    );
    expect(s.fails("rename_device", { device_id: "DEV-1002", name: " tv backlight " }, "already_exists").message).toBe(
      'Living Room already has a device named "TV Backlight" (DEV-1003); device names are unique per room, so choose another name',
    );
    expect(s.ok("rename_device", { device_id: "DEV-1002", name: "FLOOR LAMP" }).name).toBe("FLOOR LAMP");
    expect(s.fails("move_device_to_room", { device_id: "DEV-1002", room_id: "ROOM-101" }, "invalid_argument").message).toBe(
      "DEV-1002 (FLOOR LAMP) is already in Living Room",
    );
    expect(s.ok("move_device_to_room", { device_id: "DEV-1002", room_id: "ROOM-107" }).room_name).toBe("Study");
  });

  it("a device that measures nothing points to the room's sensors, or to list_devices when there are none", () => {
    const s = session();
    expect(s.fails("get_sensor_reading", { device_id: "DEV-1019" }, "invalid_argument").message).toBe(
      "DEV-1019 (Dining Pendant) measures nothing; sensors in the same room: DEV-1020 (Dining Room Blind), DEV-1021 (Dining Room Window)",
    );
    const room = s.ok("create_home_room", { name: "Attic", kind: "office", floor: 2 });
    s.ok("move_device_to_room", { device_id: "DEV-1019", room_id: room.id });
    expect(s.fails("get_sensor_reading", { device_id: "DEV-1019" }, "invalid_argument").message).toBe(
      "DEV-1019 (Dining Pendant) measures nothing; find sensors with list_devices type=sensor",
    );
  });

  it("a sensor reading lists what the device measures and only the readings it has", () => {
    const s = session();
    const r = s.ok("get_sensor_reading", { device_id: "DEV-1010" });
    expect(r.measures).toEqual(["door_sensor", "battery"]);
    expect(Object.keys(r.readings).sort()).toEqual(["battery_pct", "door"]);
    expect(r).toMatchObject({ name: "Patio Door Lock", room_name: "Living Room", online: true, stale: false });
    const t = s.ok("get_sensor_reading", { device_id: "DEV-1006" });
    expect(t.measures).toEqual(["temperature", "humidity", "power_meter"]);
    expect(Object.keys(t.readings).sort()).toEqual(["humidity_pct", "power_w", "temperature_c"]);
  });

  it("the logbook's since and until are both inclusive", () => {
    const s = session();
    s.ok("turn_on_device", { device_id: "DEV-1043" });
    s.ok("turn_off_device", { device_id: "DEV-1043" });
    const list = (a: Record<string, unknown>) => s.ok("list_device_events", { device_id: "DEV-1043", ...a }).items.map((e: DeviceEvent) => e.at);
    expect(list({ since: "2026-11-09T09:01:00Z" })).toEqual(["2026-11-09T09:01:00Z"]);
    expect(list({ since: "2026-11-09T09:00:00Z", until: "2026-11-09T09:00:00Z" })).toEqual(["2026-11-09T09:00:00Z"]);
    expect(list({ since: "2026-11-09T09:00:01Z", until: "2026-11-09T09:00:59Z" })).toEqual([]);
  });

  it("the summary's lights include switches that are on; unlocked locks and open doors are listed", () => {
    const s = session();
    s.ok("turn_on_device", { device_id: "DEV-1052" });
    s.ok("turn_on_device", { device_id: "DEV-1014" });
    const sum = s.ok("get_home_summary", {});
    const ids = (xs: Array<{ device_id: string }>) => xs.map((x) => x.device_id);
    expect(ids(sum.lights_on)).toContain("DEV-1052");
    expect(ids(sum.lights_on)).not.toContain("DEV-1014");
    expect(ids(sum.unlocked)).toContain("DEV-1010");
    expect(ids(sum.unlocked)).not.toContain("DEV-1022");
    expect(ids(sum.open)).toContain("DEV-1010");
    expect(sum.offline.map((x: { device_id: string; since: string }) => x.device_id)).toEqual(["DEV-1003", "DEV-1044", "DEV-1060"]);
  });
});

describe("iot rules: device groups", () => {
  it("a group's refusals are worded exactly", () => {
    const s = session();
    expect(s.fails("create_device_group", { name: "Solo", device_ids: ["DEV-1029"] }, "invalid_argument").message).toBe(
      "a group needs at least 2 devices; got 1",
    );
    expect(s.fails("create_device_group", { name: "Twice", device_ids: ["DEV-1029", "DEV-1029"] }, "invalid_argument").message).toBe(
      "each device may appear in the group once",
    );
    expect(s.ok("create_device_group", { name: "Pair", device_ids: ["DEV-1029", "DEV-1037"] }).device_ids).toEqual(["DEV-1029", "DEV-1037"]);
  });

  it("a group none of whose members can be switched fails with each member's reason", () => {
    const s = session();
    const g = s.ok("create_device_group", { name: "Dark", device_ids: ["DEV-1003", "DEV-1043"] });
    s.edit(iot, (db) => db.devices.delete("DEV-1043"));
    expect(s.fails("set_device_group_power", { device_group_id: g.id, power: "on" }, "failed_precondition").message).toBe(
      `no member of group "Dark" could be switched on: DEV-1003 (TV Backlight) offline since ${device(s, "DEV-1003").last_seen}; DEV-1043 ((removed)) the device no longer exists`,
    );
  });
});

describe("iot rules: the hub runs what came due in time order", () => {
  it("an automation at 10:00 and a schedule at 11:00 on the same plug: the later one wins, stamped with its own time", () => {
    const s = session();
    s.ok("create_automation", {
      name: "Heater on at ten",
      trigger: { type: "time", at: "10:00" },
      actions: [{ type: "device", device_id: "DEV-1043", state: { power: "on" } }],
    });
    s.ok("create_device_schedule", { name: "Heater off at eleven", at: "11:00", device_id: "DEV-1043", state: { power: "off" } });
    s.advanceTo("2026-11-09T12:00:00Z");
    poke(s);
    expect(device(s, "DEV-1043")).toMatchObject({ state: { power: "off", power_w: 0 }, last_changed: "2026-11-09T11:00:00Z" });
    const logged = events(s).filter((e) => e.device_id === "DEV-1043");
    expect(logged.map((e) => [e.at, e.source, e.message])).toEqual([
      ["2026-11-09T10:00:00Z", "automation", 'Space Heater: turned on (automation "Heater on at ten")'],
      ["2026-11-09T11:00:00Z", "schedule", 'Space Heater: turned off (schedule "Heater off at eleven")'],
    ]);
  });

  it("a timed automation fires once a day at most, every missed day up to now", () => {
    const s = session();
    const x = s.ok("create_automation", { name: "Daily", trigger: { type: "time", at: "08:00" }, actions: [{ type: "notify", message: "daily" }] });
    s.advanceTo("2026-11-12T08:00:00Z");
    poke(s);
    expect(
      events(s)
        .filter((e) => e.message === "daily")
        .map((e) => e.at),
    ).toEqual(["2026-11-10T08:00:00Z", "2026-11-11T08:00:00Z", "2026-11-12T08:00:00Z"]);
    expect(s.row<Automation>("automations", x.id).last_triggered_at).toBe("2026-11-12T08:00:00Z");
    poke(s);
    expect(events(s).filter((e) => e.message === "daily")).toHaveLength(3);
  });
});

describe("iot rules: schedules' refusals", () => {
  it("each refusal of create and update is worded exactly", () => {
    const s = session();
    expect(s.fails("create_device_schedule", { name: "bedtime", at: "22:00", scene_id: "SCN-103" }, "already_exists").message).toBe(
      'a schedule named "Bedtime" already exists (SCH-103); choose another name',
    );
    expect(s.fails("create_device_schedule", { name: "X", at: "22:00", state: { power: "on" } }, "invalid_argument").message).toBe(
      "to set a device give both device_id and state",
    );
    expect(s.fails("create_device_schedule", { name: "X", at: "22:00", device_id: "DEV-1043", state: {} }, "invalid_argument").message).toMatch(
      /^state for DEV-1043 \(Space Heater\) sets nothing/,
    );
    expect(s.fails("create_device_schedule", { name: "X", at: "22:00" }, "invalid_argument").message).toBe(
      "a schedule runs exactly one thing: give scene_id, or device_id with state — not both, not neither",
    );
    expect(s.fails("update_device_schedule", { schedule_id: "SCH-103" }, "invalid_argument").message).toBe("nothing to change: give name, at, days or enabled");
    expect(s.ok("create_device_schedule", { name: "Fridays", at: "06:00", days: ["friday"], scene_id: "SCN-101" }).next_run_at).toBe("2026-11-13T06:00:00Z");
  });
});

describe("iot rules: automations by device", () => {
  it("an automation involves a device through its trigger, a condition or an action", () => {
    const s = session();
    const act = { type: "notify", message: "x" };
    const at = { type: "time", at: "07:00" };
    const byTrigger = s.ok("create_automation", {
      name: "By trigger",
      trigger: { type: "device_state", device_id: "DEV-1009", attribute: "motion", to: "detected" },
      actions: [act],
    }).id;
    const byCondition = s.ok("create_automation", {
      name: "By condition",
      trigger: at,
      conditions: [{ type: "device_state", device_id: "DEV-1021", attribute: "contact", is: "closed" }],
      actions: [act],
    }).id;
    const byAction = s.ok("create_automation", {
      name: "By action",
      trigger: at,
      actions: [{ type: "device", device_id: "DEV-1065", state: { power: "off" } }],
    }).id;
    const ids = (device_id: string) => s.ok("list_automations", { device_id }).items.map((a: Automation) => a.id);
    expect(ids("DEV-1009")).toEqual([byTrigger]);
    expect(ids("DEV-1021")).toEqual([byCondition]);
    expect(ids("DEV-1065")).toEqual([byAction]);
  });
});

describe("iot rules: energy totals", () => {
  /** Replaces the seeded readings with a few written out here. */
  const readings = (s: TestSession, rows: Array<[string, string, number, number]>) =>
    s.edit(iot, (db) => {
      for (const r of db.energy_readings.all()) db.energy_readings.delete(r.id);
      for (const [device_id, date, kwh, cost] of rows) db.energy_readings.create({ device_id, date, kwh, cost });
    });

  it("kWh are summed and rounded to two decimals, per day oldest first and per device biggest first, ties by id", () => {
    const s = session();
    readings(s, [
      ["DEV-1043", "2026-11-08", 1.25, 0.39],
      ["DEV-1014", "2026-11-08", 0.333, 0.1],
      ["DEV-1043", "2026-11-07", 0.75, 0.23],
      ["DEV-1008", "2026-11-07", 2, 0.62],
      ["DEV-1015", "2026-11-06", 0.333, 0.103],
      ["DEV-1014", "2026-10-01", 9, 2.79],
    ]);
    const u = s.ok("get_energy_usage", { from_date: "2026-11-06", to_date: "2026-11-08" });
    expect(u.total_kwh).toBe(4.67);
    expect(u.total_cost).toBe(1.44);
    expect(u.by_day).toEqual([
      { date: "2026-11-06", kwh: 0.33 },
      { date: "2026-11-07", kwh: 2.75 },
      { date: "2026-11-08", kwh: 1.58 },
    ]);
    expect(u.by_device).toEqual([
      { device_id: "DEV-1008", name: "TV Plug", kwh: 2, cost: 0.62 },
      { device_id: "DEV-1043", name: "Space Heater", kwh: 2, cost: 0.62 },
      { device_id: "DEV-1014", name: "Coffee Maker", kwh: 0.33, cost: 0.1 },
      { device_id: "DEV-1015", name: "Kettle", kwh: 0.33, cost: 0.1 },
    ]);
    const listed = s
      .ok("list_energy_readings", { from_date: "2026-11-07", to_date: "2026-11-08" })
      .items.map((e: { device_id: string; date: string }) => [e.date, e.device_id]);
    expect(listed).toEqual([
      ["2026-11-08", "DEV-1014"],
      ["2026-11-08", "DEV-1043"],
      ["2026-11-07", "DEV-1008"],
      ["2026-11-07", "DEV-1043"],
    ]);
  });

  it("a device without a meter is refused with the metered devices to choose from", () => {
    const s = session();
    expect(s.fails("get_energy_usage", { device_id: "DEV-1001" }, "invalid_argument").message).toBe(
      "DEV-1001 (Living Room Ceiling) has no power meter, so it has no energy readings; metered devices: DEV-1006 (Main Thermostat), DEV-1008 (TV Plug), DEV-1014 (Coffee Maker), DEV-1015 (Kettle), DEV-1038 (Night Light), DEV-1043 (Space Heater), DEV-1047 (Monitor & Dock), DEV-1049 (Towel Warmer), DEV-1055 (EV Charger), DEV-1056 (Chest Freezer), DEV-1059 (Patio String Lights), DEV-1063 (Washing Machine)",
    );
  });
});

describe("iot rules: reads do not move the hub's clock", () => {
  it("a schedule that came due shows only after the next write", () => {
    const s = session();
    s.ok("create_device_schedule", { name: "Heater at ten", at: "10:00", device_id: "DEV-1043", state: { power: "on" } });
    s.advanceTo("2026-11-09T10:30:00Z");
    expect(s.ok("get_device_state", { device_id: "DEV-1043" }).state.power).toBe("off");
    expect(s.ok("get_home_summary", {}).alarm_mode).toBe("disarmed");
    expect(device(s, "DEV-1043").state.power).toBe("off");
    poke(s);
    expect(device(s, "DEV-1043").state.power).toBe("on");
  });

  it("an offline alarm panel can be neither armed nor disarmed", () => {
    const s = session();
    s.edit(iot, (db) => db.devices.update("DEV-1024", { online: false }));
    s.fails("arm_security_system", { mode: "armed_home", bypass_open_sensors: true }, "failed_precondition", /^DEV-1024 \(Alarm Keypad\) is offline since/);
    s.fails("disarm_security_system", { code: "1234" }, "failed_precondition", /^DEV-1024 \(Alarm Keypad\) is offline since/);
  });
});

describe("iot rules: the home's data model holds its ranges", () => {
  const ok = (schema: { safeParse: (x: unknown) => { success: boolean } }, x: unknown) => schema.safeParse(x).success;

  it("a room is named 1-60 characters and sits on floors -2 to 5", () => {
    const room = { id: "ROOM-1", name: "Study", kind: "office", floor: 0, created_at: NOW };
    expect(ok(Room, room)).toBe(true);
    expect(ok(Room, { ...room, floor: -2 })).toBe(true);
    expect(ok(Room, { ...room, floor: 5 })).toBe(true);
    expect(ok(Room, { ...room, floor: -3 })).toBe(false);
    expect(ok(Room, { ...room, floor: 6 })).toBe(false);
    expect(ok(Room, { ...room, name: "" })).toBe(false);
    expect(ok(Room, { ...room, name: "a".repeat(60) })).toBe(true);
    expect(ok(Room, { ...room, name: "a".repeat(61) })).toBe(false);
  });

  it("a device's name is 1-60 characters; its state's percentages lie in 0-100, colours are lower-case #rrggbb, power is never negative", () => {
    expect(ok(Device, mk())).toBe(true);
    expect(ok(Device, mk({ name: "" }))).toBe(false);
    expect(ok(Device, mk({ name: "a".repeat(60) }))).toBe(true);
    expect(ok(Device, mk({ name: "a".repeat(61) }))).toBe(false);
    for (const k of ["brightness", "position", "volume", "humidity_pct", "battery_pct"]) {
      expect(ok(DeviceState, { [k]: 0 }), k).toBe(true);
      expect(ok(DeviceState, { [k]: 100 }), k).toBe(true);
      expect(ok(DeviceState, { [k]: -1 }), k).toBe(false);
      expect(ok(DeviceState, { [k]: 101 }), k).toBe(false);
    }
    expect(ok(DeviceState, { power_w: 0 })).toBe(true);
    expect(ok(DeviceState, { power_w: -0.5 })).toBe(false);
    expect(ok(DeviceState, { color: "#a0b1c2" })).toBe(true);
    expect(ok(DeviceState, { color: "#A0B1C2" })).toBe(false);
    expect(ok(DeviceState, { color: "x#a0b1c2" })).toBe(false);
    expect(ok(DeviceState, { color: "#a0b1c2f" })).toBe(false);
    expect(ok(DeviceState, { color: "#a0b1c" })).toBe(false);
  });

  it("an access code is 4-8 digits; a reading's kWh and cost are never negative", () => {
    const code = { id: "CODE-1", device_id: "DEV-9", name: "Owner", code: "1234", created_at: NOW };
    expect(ok(AccessCode, code)).toBe(true);
    expect(ok(AccessCode, { ...code, code: "12345678" })).toBe(true);
    expect(ok(AccessCode, { ...code, code: "123" })).toBe(false);
    expect(ok(AccessCode, { ...code, code: "123456789" })).toBe(false);
    expect(ok(AccessCode, { ...code, code: "12a4" })).toBe(false);
    expect(ok(AccessCode, { ...code, code: "x1234" })).toBe(false);
    expect(ok(AccessCode, { ...code, code: "1234x" })).toBe(false);
    const reading = { id: "EN-1", device_id: "DEV-9", date: "2026-11-08", kwh: 0, cost: 0 };
    expect(ok(EnergyReading, reading)).toBe(true);
    expect(ok(EnergyReading, { ...reading, kwh: -0.01 })).toBe(false);
    expect(ok(EnergyReading, { ...reading, cost: -0.01 })).toBe(false);
  });

  it("a scene sets at least one device, an automation does at least one thing, a schedule runs on a day at least, a group holds two", () => {
    const entry = { device_id: "DEV-9", state: { power: "on" } };
    const scene = { id: "SCN-1", name: "S", entries: [entry], created_at: NOW };
    expect(ok(Scene, scene)).toBe(true);
    expect(ok(Scene, { ...scene, entries: [] })).toBe(false);
    const notify = { type: "notify", message: "hi" };
    const auto = {
      id: "AUT-1",
      name: "A",
      description: "",
      enabled: true,
      trigger: { type: "time", at: "07:00" },
      conditions: [],
      actions: [notify],
      created_at: NOW,
    };
    expect(ok(Automation, auto)).toBe(true);
    expect(ok(Automation, { ...auto, actions: [] })).toBe(false);
    expect(
      ok(Automation, { ...auto, trigger: { type: "time", at: "07:00", days: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] } }),
    ).toBe(true);
    expect(ok(Automation, { ...auto, trigger: { type: "time", at: "07:00", days: Array(8).fill("monday") } })).toBe(false);
    const sched = { id: "SCH-1", name: "S", at: "07:00", days: ["monday"], action: notify, enabled: true, created_at: NOW };
    expect(ok(Schedule, sched)).toBe(true);
    expect(ok(Schedule, { ...sched, days: [] })).toBe(false);
    const group = { id: "GRP-1", name: "G", device_ids: ["DEV-1", "DEV-2"], created_at: NOW };
    expect(ok(DeviceGroup, group)).toBe(true);
    expect(ok(DeviceGroup, { ...group, device_ids: ["DEV-1"] })).toBe(false);
  });
});

describe("iot rules: the tools' input limits", () => {
  it("rooms: names 1-60 characters, trimmed; floors -2 to 5", () => {
    const s = session();
    expect(s.ok("create_home_room", { name: "  Workshop  ", kind: "garage", floor: -2 })).toMatchObject({ name: "Workshop", floor: -2 });
    expect(s.ok("create_home_room", { name: "a".repeat(60), kind: "garage", floor: 5 }).floor).toBe(5);
    s.fails("create_home_room", { name: "b".repeat(61), kind: "garage" }, "invalid_arguments");
    s.fails("create_home_room", { name: "   ", kind: "garage" }, "invalid_arguments");
    s.fails("create_home_room", { name: "Cellar", kind: "basement", floor: -3 }, "invalid_arguments");
    s.fails("create_home_room", { name: "Roof", kind: "office", floor: 6 }, "invalid_arguments");
    expect(s.ok("list_home_rooms", { floor: -2 }).items.map((r: { name: string }) => r.name)).toEqual(["Workshop"]);
    s.fails("list_home_rooms", { floor: 6 }, "invalid_arguments");
    s.fails("list_home_rooms", { floor: -3 }, "invalid_arguments");
  });

  it("names of automations and schedules are 1-80 characters, scenes, groups, devices and codes 1-60", () => {
    const s = session();
    const notify = [{ type: "notify", message: "x" }];
    expect(s.ok("create_automation", { name: ` ${"a".repeat(80)} `, trigger: { type: "time", at: "07:00" }, actions: notify }).name).toBe("a".repeat(80));
    s.fails("create_automation", { name: "b".repeat(81), trigger: { type: "time", at: "07:00" }, actions: notify }, "invalid_arguments");
    s.fails("create_automation", { name: "c", description: "d".repeat(301), trigger: { type: "time", at: "07:00" }, actions: notify }, "invalid_arguments");
    expect(
      s.ok("create_automation", { name: "c", description: ` ${"d".repeat(300)} `, trigger: { type: "time", at: "07:00" }, actions: notify }).description,
    ).toBe("d".repeat(300));
    expect(s.ok("create_device_schedule", { name: "e".repeat(80), at: "07:00", scene_id: "SCN-101" }).name).toHaveLength(80);
    s.fails("create_device_schedule", { name: "f".repeat(81), at: "07:00", scene_id: "SCN-101" }, "invalid_arguments");
    s.fails("create_device_schedule", { name: "g", at: "07:00", days: [], scene_id: "SCN-101" }, "invalid_arguments");
    s.fails("update_device_schedule", { schedule_id: "SCH-101", days: [] }, "invalid_arguments");
    s.fails("update_device_schedule", { schedule_id: "SCH-101", name: "h".repeat(81) }, "invalid_arguments");
    expect(s.ok("create_scene", { name: "i".repeat(60), entries: [{ device_id: "DEV-1043", state: { power: "on" } }] }).name).toHaveLength(60);
    s.fails("create_scene", { name: "j".repeat(61), entries: [{ device_id: "DEV-1043", state: { power: "on" } }] }, "invalid_arguments");
    s.fails("create_device_group", { name: "k".repeat(61), device_ids: ["DEV-1029", "DEV-1037"] }, "invalid_arguments");
    s.fails("rename_device", { device_id: "DEV-1043", name: "l".repeat(61) }, "invalid_arguments");
    expect(s.ok("rename_device", { device_id: "DEV-1043", name: ` ${"m".repeat(60)} ` }).name).toBe("m".repeat(60));
    s.fails("add_access_code", { device_id: "DEV-1022", name: "n".repeat(61), code: "4455" }, "invalid_arguments");
    expect(s.ok("add_access_code", { device_id: "DEV-1022", name: " Guest ", code: " 12345678 " })).toMatchObject({ name: "Guest", code: "••••••78" });
    s.fails("add_access_code", { device_id: "DEV-1022", name: "Nine", code: "123456789" }, "invalid_arguments", /an access code has 4 to 8 digits/);
    s.fails("add_access_code", { device_id: "DEV-1022", name: "Three", code: "123" }, "invalid_arguments", /an access code has 4 to 8 digits/);
  });
});

describe("iot rules: more run-time refusals and sources", () => {
  it("a refusal that does not start with the device's label is kept whole as the skip reason", () => {
    const s = session();
    const sc = s.ok("create_scene", {
      name: "Auto Climate",
      entries: [
        { device_id: "DEV-1006", state: { hvac_mode: "auto" } },
        { device_id: "DEV-1043", state: { power: "on" } },
      ],
    });
    // The seeded thermostat heats to 21 °C and keeps a cooling setpoint of 26 °C.
    s.ok("set_thermostat", { device_id: "DEV-1006", temperature_c: 31.5 });
    const r = s.ok("activate_scene", { scene_id: sc.id });
    expect(r.skipped).toEqual([
      {
        device_id: "DEV-1006",
        name: "Main Thermostat",
        reason:
          "in auto mode the heat setpoint must be at least 1.5 °C below the cool setpoint; DEV-1006 (Main Thermostat) would get heat 31.5 °C and cool 26 °C (e.g. heat 24.5 °C with cool 26 °C)",
      },
    ]);
  });

  it("a scene run by an automation is logged as the automation's doing", () => {
    const s = session();
    const sc = s.ok("create_scene", { name: "Heater Scene", entries: [{ device_id: "DEV-1043", state: { power: "on" } }] });
    const x = s.ok("create_automation", { name: "Run heater scene", trigger: { type: "time", at: "07:00" }, actions: [{ type: "scene", scene_id: sc.id }] });
    s.ok("trigger_automation", { automation_id: x.id });
    const evs = events(s).filter((e) => e.at === "2026-11-09T09:02:00Z");
    expect(evs.map((e) => [e.kind, e.source, e.message])).toEqual([
      ["state_changed", "automation", 'Space Heater: turned on (scene "Heater Scene")'],
      ["scene_activated", "automation", 'Scene "Heater Scene" activated: 1 device(s) set'],
      ["automation_ran", "automation", 'Automation "Run heater scene" ran (triggered by the assistant)'],
    ]);
  });

  it("a condition on a device that is gone fails as unknown, and the clock skips such an automation", () => {
    const s = session();
    const x = s.ok("create_automation", {
      name: "Window shut",
      trigger: { type: "time", at: "10:00" },
      conditions: [{ type: "device_state", device_id: "DEV-1021", attribute: "contact", is: "closed" }],
      actions: [{ type: "notify", message: "shut" }],
    });
    s.edit(iot, (db) => db.devices.delete("DEV-1021"));
    expect(s.ok("trigger_automation", { automation_id: x.id }).failed_conditions).toEqual(["DEV-1021 contact is unknown, not closed"]);
    s.advanceTo("2026-11-09T11:00:00Z");
    poke(s);
    expect(events(s).filter((e) => e.message === "shut")).toEqual([]);
  });

  it("without an alarm panel doors unlock with their code", () => {
    const s = session();
    s.edit(iot, (db) => db.devices.delete("DEV-1024"));
    const code = s.rows<AccessCode>("access_codes").find((c) => c.device_id === "DEV-1022")!.code;
    expect(s.ok("unlock_door", { device_id: "DEV-1022", code }).state.locked).toBe(false);
  });

  it("a scene holds at most 40 devices, snapshots included", () => {
    const s = session();
    const patchFor = (d: Device): Record<string, unknown> | undefined =>
      d.capabilities.includes("on_off")
        ? { power: "off" }
        : d.capabilities.includes("position")
          ? { position: 50 }
          : d.capabilities.includes("lock")
            ? { locked: true }
            : d.capabilities.includes("camera")
              ? { recording: false }
              : undefined;
    const settable = s
      .rows<Device>("devices")
      .filter((d) => patchFor(d) !== undefined && d.id !== "DEV-1004")
      .map((d) => ({ device_id: d.id, state: patchFor(d) }));
    expect(settable.length).toBeGreaterThanOrEqual(40);
    const forty = settable.slice(0, 40);
    expect(s.ok("create_scene", { name: "Forty", entries: forty }).entries).toHaveLength(40);
    expect(s.fails("create_scene", { name: "Forty-one", entries: forty, snapshot_device_ids: ["DEV-1004"] }, "limit_exceeded").message).toBe(
      "a scene holds at most 40 devices; this one would have 41",
    );
    s.fails("create_scene", { name: "Forty-one", entries: settable.slice(0, 41) }, "invalid_arguments");
  });
});
