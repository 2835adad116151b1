/** The fleet, power and gear, locks and closures, windows, lights, horn and tyres. */
import { check, page, ref, z } from "../../framework/index.ts";
import { checkCanStart, commandTarget, GEAR_NAME, GEARS, label, read, SAFE_SPEED_KMH, slowEnough, target, WINDOWS, write, type Vehicle } from "../state.ts";
import { openClosures, status, summary, vehicleId } from "./common.ts";

const PSI_PER_BAR = 14.5038;

function brief(v: Vehicle) {
  return {
    vehicle_id: v.id,
    display_name: v.display_name,
    online_state: v.online_state,
    power_state: v.power_state,
    gear: v.gear,
    speed_kmh: v.speed_kmh,
    locked: v.locked,
  };
}

/** Remote signals (horn, lights) work only on a parked car. */
function parked(v: Vehicle, what: string): void {
  check(
    v.gear === "P" && v.speed_kmh === 0,
    `${label(v)} is in ${GEAR_NAME[v.gear]} at ${v.speed_kmh} km/h; it can ${what} remotely only while parked (gear P)`,
  );
}

export const vehicleTools = {
  list_vehicles: read({
    description:
      "List the household's vehicles with model, VIN, who drives it, whether it is the selected (default) vehicle, awake or asleep, power, gear, speed, lock, battery, range and where it is.",
    input: z.object({ ...page }).strict(),
    discovers: "vehicle",
    run: (db, a, env) => {
      const p = db.vehicles.page(a);
      return { ...p, items: p.items.map((v) => summary(db, v, env.now)) };
    },
  }),

  select_vehicle: write({
    description: "Make a vehicle the selected one: commands without a vehicle_id then go to it. Returns the vehicle.",
    input: z.object({ vehicle_id: ref("vehicle", "The vehicle to select") }).strict(),
    run: (db, a, env) => {
      const v = db.vehicles.need(a.vehicle_id);
      check(!v.selected, `${label(v)} is already the selected vehicle`, "conflict");
      for (const other of db.vehicles.filter((x) => x.selected)) db.vehicles.update(other.id, { selected: false });
      return summary(db, db.vehicles.update(v.id, { selected: true }), env.now);
    },
  }),

  get_vehicle_status: read({
    description:
      "Everything about one vehicle now: awake/asleep, power state, gear and speed, lock, each door, trunk and frunk, windows, climate, lights, battery and range, charging, tyres, odometer, location and active navigation.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a, env) => status(db, target(db, a.vehicle_id), env.now),
  }),

  wake_vehicle: write({
    description: "Wake an asleep vehicle so it accepts commands (asleep cars refuse every command). Returns its state.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a) => {
      const v = target(db, a.vehicle_id);
      check(v.online_state === "asleep", `${label(v)} is already awake`, "conflict");
      return brief(db.vehicles.update(v.id, { online_state: "online" }));
    },
  }),

  start_engine: write({
    description:
      "Switch the vehicle on (ready to drive). Allowed with doors or trunk open, like a real car; driving off needs them closed (see shift_gear). Needs charge in the battery. Returns the new power state and any open doors.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      checkCanStart(v);
      const u = db.vehicles.update(v.id, { power_state: "on" });
      return { ...brief(u), open_closures: openClosures(u) };
    },
  }),

  stop_engine: write({
    description: "Switch the vehicle off. Refused while it is moving; at a standstill it shifts into park first. Returns the new state.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      check(v.power_state !== "off", `${label(v)} is already off`, "conflict");
      check(
        v.speed_kmh === 0,
        `${label(v)} is in ${GEAR_NAME[v.gear]} at ${v.speed_kmh} km/h; it cannot be switched off while moving: bring it to a stop (0 km/h) first`,
      );
      return brief(db.vehicles.update(v.id, { power_state: "off", gear: "P" }));
    },
  }),

  shift_gear: write({
    description:
      "Shift between P (park), R (reverse), N (neutral) and D (drive). Out of park: the vehicle must be on, the brake pressed (brake_pressed=true), all doors, trunk and frunk closed and the charge cable unplugged. Into park, and between drive and reverse: only at 0 km/h. Returns the new gear.",
    input: z
      .object({
        vehicle_id: vehicleId(),
        gear: z.enum(GEARS).describe("P park, R reverse, N neutral, D drive"),
        brake_pressed: z.boolean().default(false).describe("Whether the driver holds the brake pedal (needed to leave park)"),
      })
      .strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      check(v.gear !== a.gear, `${label(v)} is already in ${GEAR_NAME[a.gear]} (${a.gear})`, "conflict");
      if (a.gear === "P") {
        check(v.speed_kmh === 0, `${label(v)} is moving at ${v.speed_kmh} km/h; shift into park only at 0 km/h, so stop first`);
      } else if (v.gear === "P") {
        check(v.power_state === "on", `${label(v)} is ${v.power_state}; switch it on with start_engine before shifting out of park`);
        check(a.brake_pressed, `shifting ${label(v)} out of park needs the brake pressed: call again with brake_pressed=true`);
        const open = openClosures(v);
        check(
          open.length === 0,
          () =>
            `${label(v)} cannot drive off with the ${open.join(", ")} open; close ${open.length > 1 ? "them" : "it"} first (close_trunk; the frunk and doors by hand)`,
        );
        check(
          !v.charging.plugged_in,
          `${label(v)} is plugged into a charger (${v.charging.location ?? "charge port"}); unplug the charge cable before shifting out of park`,
        );
      } else if ((v.gear === "D" && a.gear === "R") || (v.gear === "R" && a.gear === "D") || (v.gear === "N" && a.gear === "R")) {
        check(v.speed_kmh === 0, `${label(v)} is moving at ${v.speed_kmh} km/h; shift into ${GEAR_NAME[a.gear]} only at 0 km/h`);
      }
      const u = db.vehicles.update(v.id, { gear: a.gear });
      return { ...brief(u), previous_gear: v.gear };
    },
  }),

  lock_vehicle: write({
    description: "Lock all doors of the vehicle (central locking). Returns the lock state.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      check(!v.locked, `${label(v)} is already locked`, "conflict");
      const u = db.vehicles.update(v.id, { locked: true });
      return { ...brief(u), open_closures: openClosures(u) };
    },
  }),

  unlock_vehicle: write({
    description: `Unlock all doors of the vehicle. Refused while it drives faster than ${SAFE_SPEED_KMH} km/h. Returns the lock state.`,
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      slowEnough(v, "unlock its doors");
      check(v.locked, `${label(v)} is already unlocked`, "conflict");
      return brief(db.vehicles.update(v.id, { locked: false }));
    },
  }),

  open_trunk: write({
    description: `Open the powered rear trunk or pop the front trunk (frunk). Refused above ${SAFE_SPEED_KMH} km/h. Returns the closures' state.`,
    input: z.object({ vehicle_id: vehicleId(), which: z.enum(["trunk", "frunk"]).default("trunk").describe("trunk (rear) or frunk (front)") }).strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      slowEnough(v, `open the ${a.which}`);
      check(v[a.which] === "closed", `the ${a.which} of ${label(v)} is already open`, "conflict");
      const u = db.vehicles.update(v.id, { [a.which]: "open" } as Partial<Vehicle>);
      return { vehicle_id: u.id, trunk: u.trunk, frunk: u.frunk };
    },
  }),

  close_trunk: write({
    description: "Close the powered rear trunk. The frunk has no motor and must be closed by hand. Returns the closures' state.",
    input: z
      .object({ vehicle_id: vehicleId(), which: z.enum(["trunk", "frunk"]).default("trunk").describe("trunk (rear); the frunk cannot be closed remotely") })
      .strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      check(a.which === "trunk", `the frunk of ${label(v)} has no motor: it must be closed by hand (press down on its front edge)`);
      check(v.trunk === "open", `the trunk of ${label(v)} is already closed`, "conflict");
      const u = db.vehicles.update(v.id, { trunk: "closed" });
      return { vehicle_id: u.id, trunk: u.trunk, frunk: u.frunk };
    },
  }),

  set_window_position: write({
    description: "Open or close one window or all of them to a position: 0 fully closed, 100 fully open (e.g. 10 to vent). Returns all window positions.",
    input: z
      .object({
        vehicle_id: vehicleId(),
        window: z.enum([...WINDOWS, "all"]).describe("front_left, front_right, rear_left, rear_right or all"),
        position: z
          .number()
          .int("window positions are whole percentages")
          .min(0, "window position is 0-100 %: 0 closed, 100 open")
          .max(100, "window position is 0-100 %: 0 closed, 100 open")
          .describe("0 closed - 100 open"),
      })
      .strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      const windows = { ...v.windows };
      for (const w of WINDOWS) if (a.window === "all" || a.window === w) windows[w] = a.position;
      const u = db.vehicles.update(v.id, { windows });
      return { vehicle_id: u.id, windows: u.windows };
    },
  }),

  set_headlights: write({
    description:
      "Set the headlights to off, auto or on, and the fog lights on or off. Headlights cannot be switched off while moving (use auto); fog lights need the headlights on or auto. Returns the light settings.",
    input: z
      .object({
        vehicle_id: vehicleId(),
        mode: z.enum(["off", "auto", "on"]).describe("Headlight mode"),
        fog_lights: z.boolean().optional().describe("Fog lights on or off; unchanged when omitted"),
      })
      .strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      check(!(a.mode === "off" && v.speed_kmh > 0), `${label(v)} is moving at ${v.speed_kmh} km/h; headlights cannot be switched off while driving: use auto`);
      const fog = a.fog_lights ?? (a.mode === "off" ? false : v.fog_lights);
      check(!(fog && a.mode === "off"), "fog lights work only with the headlights on or auto; choose mode on or auto, or fog_lights=false", "invalid_argument");
      const u = db.vehicles.update(v.id, { headlights: a.mode, fog_lights: fog });
      return { vehicle_id: u.id, headlights: u.headlights, fog_lights: u.fog_lights };
    },
  }),

  flash_lights: write({
    description: "Flash the headlights briefly to find the car in a car park. Only while parked.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a, env) => {
      const v = commandTarget(db, a.vehicle_id);
      parked(v, "flash its lights");
      const u = db.vehicles.update(v.id, { last_remote_command: { command: "flash_lights", at: env.now } });
      return { vehicle_id: u.id, flashed: true, at: env.now, location: u.location.place };
    },
  }),

  honk_horn: write({
    description: "Sound the horn briefly to find the car. Only while parked.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a, env) => {
      const v = commandTarget(db, a.vehicle_id);
      parked(v, "honk");
      const u = db.vehicles.update(v.id, { last_remote_command: { command: "honk_horn", at: env.now } });
      return { vehicle_id: u.id, honked: true, at: env.now, location: u.location.place };
    },
  }),

  get_tire_pressure: read({
    description:
      "Tyre pressures per wheel in bar and psi, with the recommended cold pressure and a status (ok, low: 0.3 bar or more under, high: 0.4 bar or more over).",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a) => {
      const v = target(db, a.vehicle_id);
      const wheels = Object.entries(v.tires).map(([wheel, t]) => {
        const diff = Math.round((t.pressure_bar - t.recommended_bar) * 10) / 10;
        return {
          wheel,
          pressure_bar: t.pressure_bar,
          pressure_psi: Math.round(t.pressure_bar * PSI_PER_BAR * 10) / 10,
          recommended_bar: t.recommended_bar,
          recommended_psi: Math.round(t.recommended_bar * PSI_PER_BAR * 10) / 10,
          difference_bar: diff,
          status: diff <= -0.3 ? "low" : diff >= 0.4 ? "high" : "ok",
        };
      });
      const low = wheels.filter((w) => w.status === "low").map((w) => w.wheel);
      return {
        vehicle_id: v.id,
        wheels,
        ...(low.length ? { warning: `Low tyre pressure: ${low.join(", ")}. Inflate to ${v.tires.front_left.recommended_bar} bar.` } : {}),
      };
    },
  }),
};
