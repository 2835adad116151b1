/** Cabin climate: zone temperatures, on/off, fan, seat heaters, defrost. */
import { check, z, type CallEnv } from "../../framework/index.ts";
import {
  checkClimateBattery,
  CLIMATE_MAX_C,
  CLIMATE_MIN_C,
  CLIMATE_MIN_BATTERY,
  commandTarget,
  currentLevel,
  label,
  SEATS,
  write,
  type Garage,
  type Vehicle,
} from "../state.ts";
import { vehicleId } from "./common.ts";

const temp = (description: string) =>
  z
    .number()
    .min(CLIMATE_MIN_C, `climate temperatures are ${CLIMATE_MIN_C}-${CLIMATE_MAX_C} °C`)
    .max(CLIMATE_MAX_C, `climate temperatures are ${CLIMATE_MIN_C}-${CLIMATE_MAX_C} °C`)
    .multipleOf(0.5, "climate temperatures go in steps of 0.5 °C")
    .describe(`${description}, ${CLIMATE_MIN_C}-${CLIMATE_MAX_C} °C in steps of 0.5`);

function enoughForClimate(db: Garage, v: Vehicle, env: CallEnv): void {
  checkClimateBattery(v, currentLevel(db, v, env.now));
}

function view(v: Vehicle) {
  return { vehicle_id: v.id, climate: v.climate };
}

export const climateTools = {
  set_climate_temperature: write({
    description: `Set the cabin target temperatures: driver, passenger (defaults to the driver's) and rear zones, ${CLIMATE_MIN_C}-${CLIMATE_MAX_C} °C. Does not switch climate on (start_climate does). Returns the climate settings.`,
    input: z
      .object({
        vehicle_id: vehicleId(),
        driver_temp_c: temp("Driver zone target"),
        passenger_temp_c: temp("Passenger zone target; same as the driver's when omitted").optional(),
        rear_temp_c: temp("Rear zone target; unchanged when omitted").optional(),
      })
      .strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      const climate = {
        ...v.climate,
        driver_temp_c: a.driver_temp_c,
        passenger_temp_c: a.passenger_temp_c ?? a.driver_temp_c,
        rear_temp_c: a.rear_temp_c ?? v.climate.rear_temp_c,
      };
      return view(db.vehicles.update(v.id, { climate }));
    },
  }),

  start_climate: write({
    description: `Start pre-conditioning the cabin to the set temperatures (works while parked and off). Needs at least ${CLIMATE_MIN_BATTERY} % battery unless plugged in. Returns the climate settings.`,
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a, env) => {
      const v = commandTarget(db, a.vehicle_id);
      check(!v.climate.on, `climate of ${label(v)} is already on`, "conflict");
      enoughForClimate(db, v, env);
      return view(db.vehicles.update(v.id, { climate: { ...v.climate, on: true, fan_speed: v.climate.fan_speed || 3 } }));
    },
  }),

  stop_climate: write({
    description: "Stop climate control; the fan, seat heaters and defrosters switch off with it. Returns the climate settings.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      check(v.climate.on, `climate of ${label(v)} is already off`, "conflict");
      const seat_heaters = { driver: 0, passenger: 0, rear_left: 0, rear_center: 0, rear_right: 0 };
      return view(db.vehicles.update(v.id, { climate: { ...v.climate, on: false, fan_speed: 0, front_defrost: false, rear_defrost: false, seat_heaters } }));
    },
  }),

  set_seat_heater: write({
    description:
      "Set a seat heater to level 0 (off) to 3 (high). Remotely (car off) it needs climate on. Rear seats only on trims with rear seat heaters. Returns the climate settings.",
    input: z
      .object({
        vehicle_id: vehicleId(),
        seat: z.enum(SEATS).describe("driver, passenger, rear_left, rear_center or rear_right"),
        level: z
          .number()
          .int()
          .min(0, "seat heater levels are 0 (off) to 3 (high)")
          .max(3, "seat heater levels are 0 (off) to 3 (high)")
          .describe("0 off, 1 low, 2 medium, 3 high"),
      })
      .strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      check(
        v.climate.has_rear_seat_heaters || a.seat === "driver" || a.seat === "passenger",
        `${label(v)} (${v.model} ${v.trim}) has no rear seat heaters; heated seats: driver, passenger`,
        "invalid_argument",
      );
      check(
        v.power_state === "on" || v.climate.on,
        `${label(v)} is ${v.power_state} with climate off; remote seat heating needs climate on: call start_climate first`,
      );
      return view(db.vehicles.update(v.id, { climate: { ...v.climate, seat_heaters: { ...v.climate.seat_heaters, [a.seat]: a.level } } }));
    },
  }),

  set_defrost: write({
    description: "Switch the front (max defrost: climate on, fan at 10) and/or rear window defrosters on or off. Returns the climate settings.",
    input: z
      .object({
        vehicle_id: vehicleId(),
        front: z.boolean().optional().describe("Front windscreen max defrost on/off"),
        rear: z.boolean().optional().describe("Rear window and mirror heater on/off"),
      })
      .strict(),
    run: (db, a, env) => {
      const v = commandTarget(db, a.vehicle_id);
      check(a.front !== undefined || a.rear !== undefined, "give front, rear or both (true to switch on, false to switch off)", "invalid_argument");
      const c = { ...v.climate };
      if (a.front === true || a.rear === true) enoughForClimate(db, v, env);
      if (a.front !== undefined) c.front_defrost = a.front;
      if (a.rear !== undefined) c.rear_defrost = a.rear;
      if (a.front === true) Object.assign(c, { on: true, fan_speed: 10 });
      return view(db.vehicles.update(v.id, { climate: c }));
    },
  }),

  set_climate_fan_speed: write({
    description: "Set the cabin fan speed, 1 (lowest) to 10 (highest), while climate is on. Returns the climate settings.",
    input: z
      .object({
        vehicle_id: vehicleId(),
        fan_speed: z.number().int().min(1, "fan speed is 1-10; stop_climate switches the fan off").max(10, "fan speed is 1-10").describe("1-10"),
      })
      .strict(),
    run: (db, a) => {
      const v = commandTarget(db, a.vehicle_id);
      check(v.climate.on, `climate of ${label(v)} is off; start it with start_climate before setting the fan`);
      return view(db.vehicles.update(v.id, { climate: { ...v.climate, fan_speed: a.fan_speed } }));
    },
  }),
};
