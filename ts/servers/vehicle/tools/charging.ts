/** Battery, charging and public charging stations. */
import { check, CITIES, descending, distanceKm, isoDate, matchesText, page, paginate, rangeStart, ref, roundMoney, z } from "../../framework/index.ts";
import {
  CHARGE_LIMIT_MAX,
  CHARGE_LIMIT_MIN,
  chargeProgress,
  checkCanCharge,
  commandTarget,
  currentLevel,
  finishSession,
  HOME_PRICE_PER_KWH,
  label,
  rangeKm,
  read,
  target,
  write,
} from "../state.ts";
import { vehicleId } from "./common.ts";

export const chargingTools = {
  get_battery_status: read({
    description:
      "Battery level and range now, the charge limit, whether the car is plugged in and charging, the charger's power, and the time and energy still needed to reach the limit.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a, env) => {
      const v = target(db, a.vehicle_id);
      const level = currentLevel(db, v, env.now);
      const toLimit = Math.max(0, Math.round(((v.charging.limit_pct - level) / 100) * v.battery_capacity_kwh * 100) / 100);
      const session = v.charging.session_id ? db.charging_sessions.get(v.charging.session_id) : undefined;
      const progress = session ? chargeProgress(v, session, env.now) : undefined;
      return {
        vehicle_id: v.id,
        battery_level_pct: level,
        range_km: rangeKm(v, level),
        range_at_limit_km: rangeKm(v, v.charging.limit_pct),
        battery_capacity_kwh: v.battery_capacity_kwh,
        charge_limit_pct: v.charging.limit_pct,
        plugged_in: v.charging.plugged_in,
        charging_state: progress?.reached_limit ? "complete" : v.charging.state,
        charger_power_kw: v.charging.charger_power_kw,
        energy_to_limit_kwh: toLimit,
        ...(v.charging.plugged_in && v.charging.charger_power_kw > 0 ? { minutes_to_limit: Math.ceil((toLimit / v.charging.charger_power_kw) * 60) } : {}),
        ...(session && progress ? { session_id: session.id, energy_added_kwh: progress.energy_kwh } : {}),
      };
    },
  }),

  start_charging: write({
    description: "Start charging a plugged-in, parked vehicle up to its charge limit. Returns the new charging session.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    produces: "charging_session",
    run: (db, a, env) => {
      const v = commandTarget(db, a.vehicle_id);
      checkCanCharge(v);
      check(v.charging.state !== "charging", `${label(v)} is already charging (session ${v.charging.session_id})`, "conflict");
      check(
        v.battery_level_pct < v.charging.limit_pct,
        `${label(v)} is at ${v.battery_level_pct} %, already at its charge limit of ${v.charging.limit_pct} %; raise the limit with set_charge_limit to charge further`,
      );
      const where = v.charging.location ?? "Home";
      const station = db.charging_stations.get(where);
      const session = db.charging_sessions.create({
        vehicle_id: v.id,
        location: station ? station.name : where,
        ...(station ? { charging_station_id: station.id } : {}),
        started_at: env.now,
        status: "in_progress",
        start_battery_pct: v.battery_level_pct,
        energy_added_kwh: 0,
        power_kw: v.charging.charger_power_kw,
        price_per_kwh: station ? station.price_per_kwh : HOME_PRICE_PER_KWH,
        cost: 0,
      });
      db.vehicles.update(v.id, { charging: { ...v.charging, state: "charging", session_id: session.id } });
      return {
        ...session,
        charge_limit_pct: v.charging.limit_pct,
        minutes_to_limit: Math.ceil(((((v.charging.limit_pct - v.battery_level_pct) / 100) * v.battery_capacity_kwh) / session.power_kw) * 60),
      };
    },
  }),

  stop_charging: write({
    description: "Stop the charging session in progress. Returns the finished session with the energy added and its cost.",
    input: z.object({ vehicle_id: vehicleId() }).strict(),
    run: (db, a, env) => {
      const v = commandTarget(db, a.vehicle_id);
      check(v.charging.state === "charging", `${label(v)} is not charging (charging state: ${v.charging.state})`, "conflict");
      const reached = chargeProgress(v, db.charging_sessions.need(v.charging.session_id as string), env.now).reached_limit;
      const { vehicle, session } = finishSession(db, v, env, reached ? "complete" : "stopped");
      return { ...session, battery_level_pct: vehicle.battery_level_pct };
    },
  }),

  set_charge_limit: write({
    description: `Set the charge limit, ${CHARGE_LIMIT_MIN}-${CHARGE_LIMIT_MAX} % (80-90 % is best for daily use, 100 % before a long trip). A limit at or below the current level ends a session in progress. Returns the limit and charging state.`,
    input: z
      .object({
        vehicle_id: vehicleId(),
        limit_pct: z
          .number()
          .int("the charge limit is a whole percentage")
          .min(CHARGE_LIMIT_MIN, `the charge limit is ${CHARGE_LIMIT_MIN}-${CHARGE_LIMIT_MAX} %`)
          .max(CHARGE_LIMIT_MAX, `the charge limit is ${CHARGE_LIMIT_MIN}-${CHARGE_LIMIT_MAX} %`)
          .describe(`New limit, ${CHARGE_LIMIT_MIN}-${CHARGE_LIMIT_MAX} %`),
      })
      .strict(),
    run: (db, a, env) => {
      const v = commandTarget(db, a.vehicle_id);
      check(a.limit_pct !== v.charging.limit_pct, `the charge limit of ${label(v)} is already ${a.limit_pct} %`, "conflict");
      let u = db.vehicles.update(v.id, { charging: { ...v.charging, limit_pct: a.limit_pct } });
      let ended: string | undefined;
      if (u.charging.state === "charging" && u.charging.session_id) {
        // The energy already added counts against the old limit; the new limit applies from now.
        const s = db.charging_sessions.need(u.charging.session_id);
        const reached = chargeProgress(v, s, env.now).level_pct;
        if (reached >= a.limit_pct) {
          ended = s.id;
          u = finishSession(db, v, env, "complete").vehicle;
          u = db.vehicles.update(v.id, { charging: { ...u.charging, limit_pct: a.limit_pct } });
        }
      }
      return {
        vehicle_id: u.id,
        charge_limit_pct: u.charging.limit_pct,
        charging_state: u.charging.state,
        battery_level_pct: currentLevel(db, u, env.now),
        ...(ended ? { ended_session_id: ended } : {}),
      };
    },
  }),

  list_charging_sessions: read({
    description:
      "Past and current charging sessions (home and public), newest first, with energy added and cost; filter by vehicle, dates and status. Totals cover all matches.",
    input: z
      .object({
        vehicle_id: ref("vehicle", "Only this vehicle; all vehicles when omitted").optional(),
        from_date: rangeStart("to_date", isoDate("Earliest start day, inclusive")).optional(),
        to_date: isoDate("Latest start day, inclusive").optional(),
        status: z.enum(["in_progress", "completed"]).optional().describe("Only sessions still charging or finished"),
        ...page,
      })
      .strict(),
    discovers: "charging_session",
    run: (db, a) => {
      if (a.vehicle_id) db.vehicles.need(a.vehicle_id);
      const where = (s: { vehicle_id: string; started_at: string; status: string }) =>
        (!a.vehicle_id || s.vehicle_id === a.vehicle_id) &&
        (!a.from_date || s.started_at.slice(0, 10) >= a.from_date) &&
        (!a.to_date || s.started_at.slice(0, 10) <= a.to_date) &&
        (!a.status || s.status === a.status);
      const all = db.charging_sessions.filter(where);
      return {
        ...db.charging_sessions.page(a, { where, sort: descending("started_at") }),
        total_energy_kwh: Math.round(all.reduce((n, s) => n + s.energy_added_kwh, 0) * 100) / 100,
        total_cost: roundMoney(all.reduce((n, s) => n + s.cost, 0)),
      };
    },
  }),

  find_charging_stations: read({
    description:
      "Public charging stations nearest first: around the vehicle (default) or a city. Filter by minimum power, network and free stalls. Each result gives the distance, power, stalls free and price per kWh.",
    input: z
      .object({
        vehicle_id: vehicleId(),
        city: z.string().trim().min(2).max(60).optional().describe("Search around this city instead of the vehicle, e.g. 'Seattle'"),
        min_power_kw: z.number().min(0).max(400).optional().describe("Only stations at least this fast, e.g. 150"),
        network: z.string().trim().max(40).optional().describe("Only this network, e.g. 'Electrify America'"),
        available_only: z.boolean().default(false).describe("Only stations with a free stall now"),
        ...page,
      })
      .strict(),
    discovers: "charging_station",
    run: (db, a) => {
      let origin: { lat: number; lon: number; name: string };
      if (a.city !== undefined) {
        const q = a.city.toLowerCase();
        const c = CITIES.find((x) => x.name.toLowerCase() === q || `${x.name}, ${x.region}`.toLowerCase() === q);
        const known = [...new Set(db.charging_stations.all().map((s) => s.city))];
        check(c, `"${a.city}" is not a city this map knows; cities with charging stations: ${known.join(", ")}`, "invalid_argument");
        origin = { lat: c.lat, lon: c.lon, name: c.name };
      } else {
        const v = target(db, a.vehicle_id);
        origin = { ...v.location, name: `${v.display_name} (${v.location.place})` };
      }
      const hits = db.charging_stations
        .filter(
          (s) =>
            (a.min_power_kw === undefined || s.max_power_kw >= a.min_power_kw) &&
            matchesText(a.network, s.network) &&
            (!a.available_only || s.available_stalls > 0),
        )
        .map((s) => ({ ...s, distance_km: Math.round(distanceKm(origin, s) * 10) / 10 }))
        .sort((x, y) => x.distance_km - y.distance_km || (x.id < y.id ? -1 : 1));
      return { origin: origin.name, ...paginate(hits, a) };
    },
  }),
};
