/** The household garage's seed, checked against how electric cars are driven and charged. */
import { expect } from "vitest";
import { roundMoney, time } from "../../ts/servers/framework/index.ts";
import vehicle from "../../ts/servers/vehicle/index.ts";
import type { ChargingSession, ChargingStation, Destination, ServiceReminder, Trip, Vehicle } from "../../ts/servers/vehicle/state.ts";
import { seedRules, type Seeded } from "../helpers/seed-rules.ts";

/** The home tariff, written out: 0.31 per kWh through the 11 kW wallbox. */
const HOME_TARIFF = 0.31;
const WALLBOX_KW = 11;

type Event = { kind: "trip"; t: Trip } | { kind: "charge"; c: ChargingSession };
/** One car's trips and charges in time order. */
function logbook(s: Seeded, v: Vehicle): Event[] {
  const events: Event[] = [
    ...s
      .rows<Trip>("trips")
      .filter((t) => t.vehicle_id === v.id)
      .map((t) => ({ kind: "trip" as const, t })),
    ...s
      .rows<ChargingSession>("charging_sessions")
      .filter((c) => c.vehicle_id === v.id)
      .map((c) => ({ kind: "charge" as const, c })),
  ];
  const start = (e: Event) => (e.kind === "trip" ? e.t.started_at : e.c.started_at);
  return events.sort((a, b) => (start(a) < start(b) ? -1 : start(a) > start(b) ? 1 : 0));
}
const span = (e: Event) => (e.kind === "trip" ? [e.t.started_at, e.t.ended_at] : [e.c.started_at, e.c.ended_at!]) as [string, string];
const levels = (e: Event) =>
  (e.kind === "trip" ? [e.t.start_battery_pct, e.t.end_battery_pct] : [e.c.start_battery_pct, e.c.end_battery_pct!]) as [number, number];
const cars = (s: Seeded) => s.rows<Vehicle>("vehicles");

seedRules(vehicle, {
  "three cars with valid, distinct VINs (17 characters, no I, O or Q) and distinct nicknames; the user's car is the selected one": (s) => {
    const vs = cars(s);
    expect(vs.length).toBe(3);
    for (const v of vs) expect(v.vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
    expect(new Set(vs.map((v) => v.vin)).size).toBe(3);
    expect(new Set(vs.map((v) => v.display_name)).size).toBe(3);
    expect(vs.filter((v) => v.selected).map((v) => v.driver)).toEqual([s.world.user.full_name]);
  },
  "a car is never in two places at once: its trips and charges never overlap, all before now": (s) => {
    for (const v of cars(s)) {
      const events = logbook(s, v);
      events.forEach((e, i) => {
        const [from, to] = span(e);
        expect(from < to && to <= s.world.now, `${v.id} ${from}`).toBe(true);
        if (i) expect(span(events[i - 1]!)[1] <= from, `${v.id} ${from} starts before the last event ended at ${span(events[i - 1]!)[1]}`).toBe(true);
      });
    }
  },
  "each trip starts where the last one ended, its odometer where the last one stopped; the car's odometer is the last trip's (plus the drive in progress)": (
    s,
  ) => {
    for (const v of cars(s)) {
      const trips = logbook(s, v).flatMap((e) => (e.kind === "trip" ? [e.t] : []));
      trips.forEach((t, i) => {
        expect(t.odometer_end_km, t.id).toBeCloseTo(t.odometer_start_km + t.distance_km, 1);
        if (i) expect([t.from_place, t.odometer_start_km], t.id).toEqual([trips[i - 1]!.to_place, trips[i - 1]!.odometer_end_km]);
      });
      const last = trips.at(-1)!;
      if (v.gear === "D") expect(v.odometer_km, v.id).toBeGreaterThan(last.odometer_end_km);
      else expect(v.odometer_km, v.id).toBe(last.odometer_end_km);
    }
  },
  "the battery carries over: each trip or charge starts at the level the last one left, drives lower it by the energy they used, charges fill to the car's limit; it never runs out":
    (s) => {
      for (const v of cars(s)) {
        const events = logbook(s, v);
        events.forEach((e, i) => {
          const [from, to] = levels(e);
          if (i) expect(from, `${v.id} ${span(e)[0]}`).toBe(levels(events[i - 1]!)[1]);
          expect(to, v.id).toBeGreaterThan(0);
          if (e.kind === "trip") expect(from - to, e.t.id).toBeCloseTo((e.t.energy_used_kwh / v.battery_capacity_kwh) * 100, 0);
          else expect(to, e.c.id).toBe(v.charging.limit_pct);
        });
      }
    },
  "a trip's figures agree: efficiency is energy over distance, average speed is distance over time": (s) => {
    for (const t of s.rows<Trip>("trips")) {
      expect(t.efficiency_wh_per_km, t.id).toBe(Math.round((t.energy_used_kwh * 1000) / t.distance_km));
      expect(t.avg_speed_kmh, t.id).toBe(Math.round((t.distance_km / time.minutesBetween(t.started_at, t.ended_at)) * 60));
    }
  },
  "a charge adds (end − start) % of the battery, takes that energy over the charger's power, and costs energy × price: 0.31 per kWh at home on the 11 kW wallbox, the station's price elsewhere (at most 150 kW)":
    (s) => {
      const capacity = new Map(cars(s).map((v) => [v.id, v.battery_capacity_kwh]));
      const stations = new Map(s.rows<ChargingStation>("charging_stations").map((x) => [x.id, x]));
      for (const c of s.rows<ChargingSession>("charging_sessions")) {
        expect(c.energy_added_kwh, c.id).toBeCloseTo(((c.end_battery_pct! - c.start_battery_pct) / 100) * capacity.get(c.vehicle_id)!, 1);
        expect(time.minutesBetween(c.started_at, c.ended_at!), c.id).toBe(Math.ceil((c.energy_added_kwh / c.power_kw) * 60));
        expect(c.cost, c.id).toBe(roundMoney(c.energy_added_kwh * c.price_per_kwh));
        if (c.location === "Home") expect([c.power_kw, c.price_per_kwh, c.charging_station_id], c.id).toEqual([WALLBOX_KW, HOME_TARIFF, undefined]);
        else {
          const station = stations.get(c.charging_station_id!)!;
          expect([c.location, c.price_per_kwh, c.power_kw], c.id).toEqual([station.name, station.price_per_kwh, Math.min(station.max_power_kw, 150)]);
        }
      }
    },
  "a car charges where it is: at home after driving home, at a station after driving to it": (s) => {
    for (const v of cars(s)) {
      let place = "Home";
      for (const e of logbook(s, v)) {
        if (e.kind === "trip") place = e.t.to_place;
        else expect(e.c.location, e.c.id).toBe(place);
      }
    }
  },
  "the user's car is at home, plugged in and stopped below its limit; the second is driving to the saved work destination; the third sleeps at the airport since its last trip there":
    (s) => {
      const [mine, driving, parked] = cars(s) as [Vehicle, Vehicle, Vehicle];
      expect([mine.location.place, mine.charging.plugged_in, mine.charging.state]).toEqual(["Home", true, "stopped"]);
      expect(mine.battery_level_pct).toBeLessThan(mine.charging.limit_pct);
      const work = s.rows<Destination>("destinations").find((d) => d.category === "work")!;
      expect([driving.gear, driving.power_state, driving.navigation?.destination_ref]).toEqual(["D", "on", work.id]);
      expect(driving.navigation!.started_at < s.world.now && driving.navigation!.eta > s.world.now).toBe(true);
      const lastTrip = logbook(s, parked).at(-1)!;
      expect([parked.online_state, lastTrip.kind === "trip" && lastTrip.t.to_place]).toEqual(["asleep", parked.location.place]);
      expect(parked.battery_level_pct).toBeCloseTo(levels(lastTrip)[1] - 3, 5);
    },
  "saved destinations include home, work and the airport, each saved before now; stations are priced within 4 cents of their network's price and never show more free stalls than they have":
    (s) => {
      const dests = s.rows<Destination>("destinations");
      for (const c of ["home", "work", "travel"])
        expect(
          dests.some((d) => d.category === c),
          c,
        ).toBe(true);
      for (const d of dests) expect(d.created_at < s.world.now, d.id).toBe(true);
      const NETWORK_PRICE: Record<string, number> = { "Voltaic Supercharger": 0.42, "Electrify America": 0.56, ChargePoint: 0.38, EVgo: 0.49, Ionna: 0.52 };
      for (const x of s.rows<ChargingStation>("charging_stations")) {
        expect(Math.abs(x.price_per_kwh - NETWORK_PRICE[x.network]!), x.id).toBeLessThanOrEqual(0.04 + 1e-9);
        expect(x.available_stalls, x.id).toBeLessThanOrEqual(x.stalls);
      }
    },
  "each car had its tyres rotated below today's odometer, and the next rotation is due 10,000 km later, set up the day the last was done": (s) => {
    for (const v of cars(s)) {
      const rotations = s.rows<ServiceReminder>("service_reminders").filter((r) => r.vehicle_id === v.id && r.kind === "tire_rotation");
      const done = rotations.find((r) => r.completed_on)!;
      const next = rotations.find((r) => !r.completed_on)!;
      expect(done.completed_odometer_km!, v.id).toBeLessThan(v.odometer_km);
      expect(done.completed_on! < s.world.today, v.id).toBe(true);
      expect([next.due_odometer_km, next.created_at.slice(0, 10)], v.id).toEqual([done.completed_odometer_km! + 10_000, done.completed_on]);
    }
    for (const r of s.rows<ServiceReminder>("service_reminders")) expect(r.created_at < s.world.now, r.id).toBe(true);
  },
});
