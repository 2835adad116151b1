/**
 * The household's three electric cars from one maker, around the user's home city:
 *
 * - VEH-1001, the user's car and the selected one: parked at home, locked, off, in park,
 *   plugged into the 11 kW wallbox with charging stopped below its limit;
 * - VEH-1002, driven right now by a household member: on, in drive at city speed, with an
 *   active route to a saved destination;
 * - VEH-1003: asleep in long-term parking at the airport since a trip five days ago.
 *
 * A month of trips and charging sessions is replayed forward from a starting odometer and
 * battery level, so every trip's distance, energy and battery levels add up to the car's
 * odometer and battery now. Saved destinations (home, work, gym, shops, airport, family in a
 * nearby city), charging stations in the home city and nearby cities, and service reminders
 * (some overdue) complete the picture.
 */
import { CITIES, joinedByRoad, offset, roundMoney, time, type City, type SeedContext } from "../framework/index.ts";
import {
  HOME_PRICE_PER_KWH, route,
  type ChargingSession, type ChargingStation, type Destination, type ServiceReminder, type Trip, type Vehicle,
} from "./state.ts";

const MODELS = [
  { model: "Voltaic Arc", capacity: 75, efficiency: 150, tyre: 2.9 },
  { model: "Voltaic Terra", capacity: 95, efficiency: 185, tyre: 3.0 },
  { model: "Voltaic Pulse", capacity: 60, efficiency: 140, tyre: 2.8 },
] as const;
const COLORS = ["Pearl White", "Midnight Silver", "Deep Blue", "Ultra Red", "Solid Black", "Quicksilver"] as const;
const NICKNAMES = ["Blue Thunder", "Sparky", "Voltron", "The Pebble", "Road Runner", "Silver Arrow", "Ziggy", "Bolt", "Nimbus", "Comet"] as const;
const NETWORKS = [
  ["Voltaic Supercharger", 250, 0.42],
  ["Electrify America", 350, 0.56],
  ["ChargePoint", 62, 0.38],
  ["EVgo", 100, 0.49],
  ["Ionna", 400, 0.52],
] as const;
const AREAS = ["Downtown", "Harbor", "Tech Park", "Old Town", "Riverside", "Mall", "Airport", "Midtown", "University", "Westside"] as const;
const VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

type Place = { name: string; lat: number; lon: number };

export function seedVehicle({ rng, world, id }: SeedContext) {
  const user = world.user;
  const today = world.today;
  const now = world.now;
  const city: City = CITIES.find((c) => c.name === user.address.city) ?? (world.cities[0] as City);
  const month = Number(today.slice(5, 7));
  const outside = [11, 12, 1, 2, 3].includes(month) ? rng.int(-3, 9) : [6, 7, 8].includes(month) ? rng.int(21, 32) : rng.int(9, 19);
  const at = (date: string, hh: number, mm: number) => `${date}T${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}:00Z`;

  // Saved destinations.
  const destinations: Destination[] = [];
  const dest = (name: string, category: Destination["category"], address: string, where: { lat: number; lon: number }, c: City = city) => {
    const d: Destination = { id: id("destinations"), name, category, address, city: c.name, country: c.country, lat: where.lat, lon: where.lon, created_at: time.addDays(now, -rng.int(30, 700)) };
    destinations.push(d);
    return d;
  };
  const home = dest("Home", "home", `${user.address.street}, ${city.name}`, offset(city, rng.float(3, 9), rng.int(0, 359)));
  const employer = world.companies.find((c) => c.name === user.company);
  const work = dest(`Work — ${employer?.name ?? user.company}`, "work", `${rng.int(100, 990)} ${rng.pick(["Market Street", "Commerce Way", "Innovation Drive", "Harbor Boulevard"])}, ${city.name}`, offset(city, rng.float(1, 6), rng.int(0, 359)));
  const gym = dest(rng.pick(["Equinox", "24 Hour Fitness", "Planet Fitness", "Crunch Fitness"]), "fitness", `${rng.int(10, 900)} ${rng.pick(["Oak Street", "Elm Street", "Park Avenue"])}, ${city.name}`, offset(home, rng.float(1.5, 5), rng.int(0, 359)));
  const grocery = dest(rng.pick(["Whole Foods Market", "Trader Joe's", "Costco"]), "shopping", `${rng.int(10, 2900)} ${rng.pick(["Cedar Lane", "Mill Street", "Lake Drive"])}, ${city.name}`, offset(home, rng.float(1, 4), rng.int(0, 359)));
  const restaurant = dest(rng.pick(["Luigi's Trattoria", "Blue Lotus Thai", "The Copper Pot", "Casa Verde"]), "food", `${rng.int(10, 900)} ${rng.pick(["Church Street", "Bridge Street", "Orchard Way"])}, ${city.name}`, offset(city, rng.float(0.5, 4), rng.int(0, 359)));
  const airport = dest(`${city.airport} Airport — long-term parking`, "travel", `${city.airport} International Airport, ${city.name}`, offset(city, rng.float(14, 24), rng.int(0, 359)));
  const errands: Destination[] = [gym, grocery, restaurant];
  if (rng.bool(0.6)) errands.push(dest(rng.pick(["Lincoln Elementary School", "Riverside Montessori", "Hillcrest Middle School"]), "school", `${rng.int(10, 900)} Meadow Lane, ${city.name}`, offset(home, rng.float(0.8, 3), rng.int(0, 359))));
  const nearby = CITIES.filter((c) => c.name !== city.name && joinedByRoad(c.country, city.country))
    .map((c) => ({ c, km: route(city, c).distance_km }))
    .filter((x) => x.km <= 900)
    .sort((a, b) => a.km - b.km);
  // Family lives in the nearest city when it is a day trip away, else across town.
  const familyCity = nearby[0] && nearby[0].km <= 400 ? nearby[0].c : undefined;
  const relative = rng.pick(world.people);
  const family = familyCity
    ? dest(`${relative.first_name}'s place`, "family", `${relative.address.street}, ${familyCity.name}`, offset(familyCity, rng.float(2, 8), rng.int(0, 359)), familyCity)
    : dest(`${relative.first_name}'s place`, "family", `${relative.address.street}, ${city.name}`, offset(city, rng.float(6, 18), rng.int(0, 359)));
  if (!familyCity) errands.push(family);

  // Charging stations: the home city and up to three nearby cities.
  const charging_stations: ChargingStation[] = [];
  const station = (c: City, area: string) => {
    const [network, power, price] = rng.pick(NETWORKS);
    const stalls = rng.pick([4, 6, 8, 10, 12, 16]);
    const s: ChargingStation = {
      id: id("charging_stations"), name: `${network} ${c.name} — ${area}`, network, city: c.name, country: c.country,
      ...offset(c, rng.float(0.5, 12), rng.int(0, 359)),
      max_power_kw: power, stalls, available_stalls: rng.bool(0.15) ? 0 : rng.int(1, stalls), price_per_kwh: roundMoney(price + rng.float(-0.04, 0.04)), open_24h: rng.bool(0.8),
    };
    charging_stations.push(s);
    return s;
  };
  for (const area of rng.sample(AREAS, rng.int(6, 8))) station(city, area);
  for (const { c } of nearby.slice(0, 3)) for (const area of rng.sample(AREAS, 2)) station(c, area);
  const localStations = charging_stations.filter((s) => s.city === city.name);

  const trips: Array<Omit<Trip, "id">> = [];
  const sessions: Array<Omit<ChargingSession, "id">> = [];
  const vehicles: Vehicle[] = [];
  const people = rng.sample(world.people, 2);

  const makeVehicle = (i: number, driver: string): Vehicle => {
    const m = MODELS[i] as (typeof MODELS)[number];
    const rec = m.tyre;
    const tyre = () => ({ pressure_bar: Math.round((rec + rng.float(-0.15, 0.1)) * 10) / 10, recommended_bar: rec });
    const trim = i === 2 ? "Standard" : rng.pick(["Long Range", "Performance"] as const);
    const inside = Math.round((outside + rng.float(-1, 4)) * 10) / 10;
    return {
      id: id("vehicles"),
      vin: `7VM${"ABC"[i]}${Array.from({ length: 13 }, () => rng.pick([...VIN_CHARS])).join("")}`,
      display_name: "",
      model: m.model,
      trim,
      year: rng.int(2021, 2026),
      color: rng.pick(COLORS),
      driver,
      selected: false,
      online_state: "online",
      power_state: "off",
      gear: "P",
      speed_kmh: 0,
      locked: true,
      doors: { front_left: "closed", front_right: "closed", rear_left: "closed", rear_right: "closed" },
      trunk: "closed",
      frunk: "closed",
      windows: { front_left: 0, front_right: 0, rear_left: 0, rear_right: 0 },
      climate: {
        on: false, driver_temp_c: rng.pick([20, 20.5, 21, 21.5, 22]), passenger_temp_c: rng.pick([20, 21, 22]), rear_temp_c: 21, fan_speed: 0,
        front_defrost: false, rear_defrost: false, seat_heaters: { driver: 0, passenger: 0, rear_left: 0, rear_center: 0, rear_right: 0 },
        has_rear_seat_heaters: trim !== "Standard", inside_temp_c: inside, outside_temp_c: outside,
      },
      headlights: "auto",
      fog_lights: false,
      battery_level_pct: 0,
      battery_capacity_kwh: m.capacity,
      efficiency_wh_per_km: m.efficiency,
      charging: { plugged_in: false, state: "disconnected", limit_pct: rng.pick([80, 80, 85, 90]), charger_power_kw: 0 },
      tires: { front_left: tyre(), front_right: tyre(), rear_left: tyre(), rear_right: tyre() },
      odometer_km: rng.int(6000, 58000),
      location: { lat: home.lat, lon: home.lon, place: "Home" },
      country: city.country,
      software_version: `2026.${rng.int(2, 24)}.${rng.int(1, 9)}`,
    };
  };

  /** Replays days [from, to) of driving and charging; returns where the car ended. */
  const simulate = (v: Vehicle, fromDay: number, toDay: number, opts: { chargeLastNight: boolean; commuteStart: number; airportOnLastDay?: boolean }) => {
    let level = rng.int(60, 85);
    let place: Place = { name: "Home", lat: home.lat, lon: home.lon };
    const drive = (to: Place, start: string) => {
      const r = route(place, to);
      const factor = rng.float(0.95, 1.18) * (outside < 5 ? 1.12 : 1);
      const energy = Math.round(((r.distance_km * v.efficiency_wh_per_km * factor) / 1000) * 100) / 100;
      const startLevel = level;
      level = Math.round((level - (energy / v.battery_capacity_kwh) * 100) * 10) / 10;
      const odoStart = v.odometer_km;
      v.odometer_km = Math.round((v.odometer_km + r.distance_km) * 10) / 10;
      trips.push({
        vehicle_id: v.id, started_at: start, ended_at: time.addMinutes(start, r.duration_minutes), from_place: place.name, to_place: to.name,
        distance_km: r.distance_km, energy_used_kwh: energy, efficiency_wh_per_km: Math.round((energy * 1000) / Math.max(0.1, r.distance_km)),
        avg_speed_kmh: Math.round((r.distance_km / r.duration_minutes) * 60), start_battery_pct: startLevel, end_battery_pct: level,
        odometer_start_km: odoStart, odometer_end_km: v.odometer_km,
      });
      place = to;
      return time.addMinutes(start, r.duration_minutes);
    };
    const charge = (where: "home" | ChargingStation, start: string) => {
      const power = where === "home" ? 11 : Math.min(where.max_power_kw, 150);
      const price = where === "home" ? HOME_PRICE_PER_KWH : where.price_per_kwh;
      const energy = Math.round(((v.charging.limit_pct - level) / 100) * v.battery_capacity_kwh * 100) / 100;
      if (energy <= 0.5) return start;
      const minutes = Math.ceil((energy / power) * 60);
      sessions.push({
        vehicle_id: v.id, location: where === "home" ? "Home" : where.name, ...(where === "home" ? {} : { charging_station_id: where.id }),
        started_at: start, ended_at: time.addMinutes(start, minutes), status: "completed", start_battery_pct: level, end_battery_pct: v.charging.limit_pct,
        energy_added_kwh: energy, power_kw: power, price_per_kwh: price, cost: roundMoney(energy * price),
      });
      level = v.charging.limit_pct;
      return time.addMinutes(start, minutes);
    };
    for (let day = fromDay; day < toDay; day++) {
      const date = time.addDays(today, day);
      const weekend = time.isWeekend(date);
      const last = day === toDay - 1;
      if (last && opts.airportOnLastDay) {
        drive({ name: airport.name, lat: airport.lat, lon: airport.lon }, at(date, 6, rng.int(0, 40)));
        break;
      }
      let drove = false;
      if (!weekend) {
        drive(work, at(date, opts.commuteStart, rng.int(0, 50)));
        drove = true;
        const back = at(date, 17, rng.int(0, 59));
        const e = rng.bool(0.35) ? rng.pick(errands) : undefined;
        if (e) {
          const t2 = drive(e, back);
          drive(home, time.addMinutes(t2, rng.int(25, 70)));
        } else drive(home, back);
      } else if (rng.bool(0.7) || last) {
        const e = rng.pick(errands);
        const t = drive(e, at(date, rng.int(9, 15), rng.int(0, 59)));
        drive(home, time.addMinutes(t, rng.int(30, 120)));
        drove = true;
      }
      if (drove) place = { name: "Home", lat: home.lat, lon: home.lon };
      if ((!last || opts.chargeLastNight) && (level < 65 || rng.bool(0.25))) {
        // Now and then a fast charge at a public station in town instead of the wallbox.
        const fast = !last && rng.bool(0.15) ? rng.pick(localStations) : undefined;
        if (fast) {
          const t = drive({ name: fast.name, lat: fast.lat, lon: fast.lon }, at(date, 19, rng.int(0, 40)));
          drive(home, charge(fast, time.addMinutes(t, 2)));
          place = { name: "Home", lat: home.lat, lon: home.lon };
        } else charge("home", at(date, 22, rng.int(0, 30)));
      }
    }
    return { level, place };
  };

  // VEH-1001: the user's car, at home and plugged in, charging stopped below its limit.
  const mine = makeVehicle(0, user.full_name);
  mine.display_name = rng.pick(NICKNAMES);
  mine.selected = true;
  const a = simulate(mine, -30, 0, { chargeLastNight: false, commuteStart: 8 });
  mine.battery_level_pct = a.level;
  mine.charging = { ...mine.charging, plugged_in: true, state: "stopped", charger_power_kw: 11, location: "Home" };
  const low = rng.pick(["front_left", "front_right", "rear_left", "rear_right"] as const);
  mine.tires[low] = { ...mine.tires[low], pressure_bar: Math.round((mine.tires[low].recommended_bar - rng.float(0.4, 0.6)) * 10) / 10 };
  vehicles.push(mine);

  // VEH-1002: on the road to work right now.
  const second = makeVehicle(1, people[0]!.full_name);
  second.display_name = rng.pick(NICKNAMES.filter((n) => n !== mine.display_name));
  const b = simulate(second, -30, 0, { chargeLastNight: true, commuteStart: 7 });
  const leftAt = time.addMinutes(now, -rng.int(12, 25));
  const whole = route(home, work);
  const fraction = rng.float(0.35, 0.7);
  const here = { lat: Math.round((home.lat + (work.lat - home.lat) * fraction) * 1e6) / 1e6, lon: Math.round((home.lon + (work.lon - home.lon) * fraction) * 1e6) / 1e6 };
  const driven = Math.round(whole.distance_km * fraction * 10) / 10;
  const left = route(here, work);
  const used = (driven * second.efficiency_wh_per_km) / 1000;
  second.battery_level_pct = Math.round((b.level - (used / second.battery_capacity_kwh) * 100) * 10) / 10;
  second.odometer_km = Math.round((second.odometer_km + driven) * 10) / 10;
  const remaining = (left.distance_km * second.efficiency_wh_per_km) / 1000;
  Object.assign(second, {
    power_state: "on", gear: "D", speed_kmh: rng.int(38, 88), headlights: "auto",
    location: { ...here, place: "On the road" },
    climate: { ...second.climate, on: true, fan_speed: 3, inside_temp_c: second.climate.driver_temp_c },
    navigation: {
      destination_name: work.name, destination_kind: "saved", destination_ref: work.id, lat: work.lat, lon: work.lon,
      distance_km: left.distance_km, duration_minutes: left.duration_minutes, eta: time.addMinutes(now, left.duration_minutes),
      energy_needed_kwh: Math.round(remaining * 100) / 100, arrival_battery_pct: Math.round((second.battery_level_pct - (remaining / second.battery_capacity_kwh) * 100) * 10) / 10,
      started_at: leftAt,
    },
  } satisfies Partial<Vehicle>);
  vehicles.push(second);

  // VEH-1003: asleep at the airport since a trip five days ago.
  const third = makeVehicle(2, user.full_name);
  third.display_name = rng.pick(NICKNAMES.filter((n) => n !== mine.display_name && n !== second.display_name));
  const c = simulate(third, -30, -4, { chargeLastNight: false, commuteStart: 8, airportOnLastDay: true });
  third.battery_level_pct = Math.round((c.level - 5 * 0.6) * 10) / 10;
  Object.assign(third, { online_state: "asleep", location: { lat: airport.lat, lon: airport.lon, place: airport.name } } satisfies Partial<Vehicle>);
  vehicles.push(third);

  // Service reminders: open ones (some overdue) and last time's completed tyre rotation.
  const service_reminders: ServiceReminder[] = [];
  for (const v of vehicles) {
    const rotatedAt = Math.round(v.odometer_km - rng.int(2500, 11500));
    service_reminders.push({ id: id("service_reminders"), vehicle_id: v.id, kind: "tire_rotation", title: "Rotate tyres", interval_km: 10000, due_odometer_km: rotatedAt, completed_on: time.addDays(today, -rng.int(120, 300)), completed_odometer_km: rotatedAt, created_at: time.addDays(now, -400) });
    service_reminders.push({ id: id("service_reminders"), vehicle_id: v.id, kind: "tire_rotation", title: "Rotate tyres", interval_km: 10000, due_odometer_km: rotatedAt + 10000, created_at: time.addDays(now, -rng.int(120, 300)) });
    service_reminders.push({ id: id("service_reminders"), vehicle_id: v.id, kind: "cabin_air_filter", title: "Replace cabin air filter", interval_days: 730, due_date: time.addDays(today, rng.int(-45, 400)), created_at: time.addDays(now, -500) });
    service_reminders.push({ id: id("service_reminders"), vehicle_id: v.id, kind: "wiper_blades", title: "Replace wiper blades", interval_days: 365, due_date: time.addDays(today, rng.int(-20, 250)), created_at: time.addDays(now, -200) });
    service_reminders.push({ id: id("service_reminders"), vehicle_id: v.id, kind: "annual_inspection", title: "Annual safety inspection", interval_days: 365, due_date: time.addDays(today, rng.int(3, 300)), created_at: time.addDays(now, -120) });
    if (rng.bool(0.5)) service_reminders.push({ id: id("service_reminders"), vehicle_id: v.id, kind: "brake_fluid_test", title: "Test brake fluid", interval_days: 1460, due_date: time.addDays(today, rng.int(60, 900)), created_at: time.addDays(now, -700) });
  }

  // Ids follow time, as the car maker's servers would have minted them.
  const byStart = (x: { started_at: string }, y: { started_at: string }) => (x.started_at < y.started_at ? -1 : x.started_at > y.started_at ? 1 : 0);
  const tripRows: Trip[] = trips.sort(byStart).map((t) => ({ id: id("trips"), ...t }));
  const sessionRows: ChargingSession[] = sessions.sort(byStart).map((t) => ({ id: id("charging_sessions"), ...t }));
  return { vehicles, trips: tripRows, charging_sessions: sessionRows, charging_stations, destinations, service_reminders };
}
