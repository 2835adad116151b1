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
  HOME_PRICE_PER_KWH,
  route,
  type ChargingSession,
  type ChargingStation,
  type Destination,
  type ServiceReminder,
  type Trip,
  type Vehicle,
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
type Model = (typeof MODELS)[number];

const at = (date: string, hh: number, mm: number) => `${date}T${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}:00Z`;
const later = (a: string, b: string) => (a > b ? a : b);

export function seedVehicle(ctx: SeedContext) {
  const g = new Garage(ctx);
  g.destinations();
  g.stations();
  const vehicles = g.cars();
  return { vehicles, ...g.history(), charging_stations: g.stationRows, destinations: g.destinationRows, service_reminders: g.reminders(vehicles) };
}

/**
 * The household's garage, built in order: saved destinations, charging stations in town and in
 * nearby cities, then each car with a month of driving and charging replayed day by day (see
 * Logbook), and the service reminders.
 */
class Garage {
  readonly destinationRows: Destination[] = [];
  readonly stationRows: ChargingStation[] = [];
  readonly trips: Array<Omit<Trip, "id">> = [];
  readonly sessions: Array<Omit<ChargingSession, "id">> = [];
  readonly city: City;
  readonly outside: number;
  home!: Destination;
  work!: Destination;
  airport!: Destination;
  errands: Destination[] = [];
  private nearby: Array<{ c: City; km: number }> = [];
  private people: SeedContext["world"]["people"] = [];

  constructor(readonly ctx: SeedContext) {
    const { rng, world } = ctx;
    this.city = CITIES.find((c) => c.name === world.user.address.city) ?? (world.cities[0] as City);
    const month = Number(world.today.slice(5, 7));
    this.outside = [11, 12, 1, 2, 3].includes(month) ? rng.int(-3, 9) : [6, 7, 8].includes(month) ? rng.int(21, 32) : rng.int(9, 19);
  }

  get rng() {
    return this.ctx.rng;
  }

  private dest(name: string, category: Destination["category"], address: string, where: { lat: number; lon: number }, c: City = this.city): Destination {
    const d: Destination = {
      id: this.ctx.id("destinations"),
      name,
      category,
      address,
      city: c.name,
      country: c.country,
      lat: where.lat,
      lon: where.lon,
      created_at: time.addDays(this.ctx.world.now, -this.rng.int(30, 700)),
    };
    this.destinationRows.push(d);
    return d;
  }

  /** Home, work, the gym, a grocery store, a restaurant, the airport's long-term parking, perhaps a school, and family (in the nearest city when it is a day trip away). */
  destinations(): void {
    const { rng, city } = this;
    const { user, companies, people } = this.ctx.world;
    const home = (this.home = this.dest("Home", "home", `${user.address.street}, ${city.name}`, offset(city, rng.float(3, 9), rng.int(0, 359))));
    const employer = companies.find((c) => c.name === user.company);
    this.work = this.dest(
      `Work — ${employer?.name ?? user.company}`,
      "work",
      `${rng.int(100, 990)} ${rng.pick(["Market Street", "Commerce Way", "Innovation Drive", "Harbor Boulevard"])}, ${city.name}`,
      offset(city, rng.float(1, 6), rng.int(0, 359)),
    );
    const gym = this.dest(
      rng.pick(["Equinox", "24 Hour Fitness", "Planet Fitness", "Crunch Fitness"]),
      "fitness",
      `${rng.int(10, 900)} ${rng.pick(["Oak Street", "Elm Street", "Park Avenue"])}, ${city.name}`,
      offset(home, rng.float(1.5, 5), rng.int(0, 359)),
    );
    const grocery = this.dest(
      rng.pick(["Whole Foods Market", "Trader Joe's", "Costco"]),
      "shopping",
      `${rng.int(10, 2900)} ${rng.pick(["Cedar Lane", "Mill Street", "Lake Drive"])}, ${city.name}`,
      offset(home, rng.float(1, 4), rng.int(0, 359)),
    );
    const restaurant = this.dest(
      rng.pick(["Luigi's Trattoria", "Blue Lotus Thai", "The Copper Pot", "Casa Verde"]),
      "food",
      `${rng.int(10, 900)} ${rng.pick(["Church Street", "Bridge Street", "Orchard Way"])}, ${city.name}`,
      offset(city, rng.float(0.5, 4), rng.int(0, 359)),
    );
    this.airport = this.dest(
      `${city.airport} Airport — long-term parking`,
      "travel",
      `${city.airport} International Airport, ${city.name}`,
      offset(city, rng.float(14, 24), rng.int(0, 359)),
    );
    this.errands = [gym, grocery, restaurant];
    if (rng.bool(0.6))
      this.errands.push(
        this.dest(
          rng.pick(["Lincoln Elementary School", "Riverside Montessori", "Hillcrest Middle School"]),
          "school",
          `${rng.int(10, 900)} Meadow Lane, ${city.name}`,
          offset(home, rng.float(0.8, 3), rng.int(0, 359)),
        ),
      );
    this.nearby = CITIES.filter((c) => c.name !== city.name && joinedByRoad(c.country, city.country))
      .map((c) => ({ c, km: route(city, c).distance_km }))
      .filter((x) => x.km <= 900)
      .sort((a, b) => a.km - b.km);
    const familyCity = this.nearby[0] && this.nearby[0].km <= 400 ? this.nearby[0].c : undefined;
    const relative = rng.pick(people);
    const family = familyCity
      ? this.dest(
          `${relative.first_name}'s place`,
          "family",
          `${relative.address.street}, ${familyCity.name}`,
          offset(familyCity, rng.float(2, 8), rng.int(0, 359)),
          familyCity,
        )
      : this.dest(`${relative.first_name}'s place`, "family", `${relative.address.street}, ${city.name}`, offset(city, rng.float(6, 18), rng.int(0, 359)));
    if (!familyCity) this.errands.push(family);
  }

  /** Six to eight stations around town and two in each of up to three nearby cities, from the big networks at their prices. */
  stations(): void {
    const { rng } = this;
    const station = (c: City, area: string) => {
      const [network, power, price] = rng.pick(NETWORKS);
      const stalls = rng.pick([4, 6, 8, 10, 12, 16]);
      this.stationRows.push({
        id: this.ctx.id("charging_stations"),
        name: `${network} ${c.name} — ${area}`,
        network,
        city: c.name,
        country: c.country,
        ...offset(c, rng.float(0.5, 12), rng.int(0, 359)),
        max_power_kw: power,
        stalls,
        available_stalls: rng.bool(0.15) ? 0 : rng.int(1, stalls),
        price_per_kwh: roundMoney(price + rng.float(-0.04, 0.04)),
        open_24h: rng.bool(0.8),
      });
    };
    for (const area of rng.sample(AREAS, rng.int(6, 8))) station(this.city, area);
    for (const { c } of this.nearby.slice(0, 3)) for (const area of rng.sample(AREAS, 2)) station(c, area);
  }

  /** A car of model `i`, parked at home, locked and off, its tyres near the recommended pressure and the cabin near the outside temperature. */
  private car(i: number, driver: string): Vehicle {
    const { rng } = this;
    const m = MODELS[i] as Model;
    const tyre = () => ({ pressure_bar: Math.round((m.tyre + rng.float(-0.15, 0.1)) * 10) / 10, recommended_bar: m.tyre });
    const trim = i === 2 ? "Standard" : rng.pick(["Long Range", "Performance"] as const);
    const inside = Math.round((this.outside + rng.float(-1, 4)) * 10) / 10;
    return {
      id: this.ctx.id("vehicles"),
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
        on: false,
        driver_temp_c: rng.pick([20, 20.5, 21, 21.5, 22]),
        passenger_temp_c: rng.pick([20, 21, 22]),
        rear_temp_c: 21,
        fan_speed: 0,
        front_defrost: false,
        rear_defrost: false,
        seat_heaters: { driver: 0, passenger: 0, rear_left: 0, rear_center: 0, rear_right: 0 },
        has_rear_seat_heaters: trim !== "Standard",
        inside_temp_c: inside,
        outside_temp_c: this.outside,
      },
      headlights: "auto",
      fog_lights: false,
      battery_level_pct: 0,
      battery_capacity_kwh: m.capacity,
      efficiency_wh_per_km: m.efficiency,
      charging: { plugged_in: false, state: "disconnected", limit_pct: rng.pick([80, 80, 85, 90]), charger_power_kw: 0 },
      tires: { front_left: tyre(), front_right: tyre(), rear_left: tyre(), rear_right: tyre() },
      odometer_km: rng.int(6000, 58000),
      location: { lat: this.home.lat, lon: this.home.lon, place: "Home" },
      country: this.city.country,
      software_version: `2026.${rng.int(2, 24)}.${rng.int(1, 9)}`,
    };
  }

  /** The three cars, each with a nickname of its own; a household member drives the second. */
  cars(): Vehicle[] {
    this.people = this.rng.sample(this.ctx.world.people, 2);
    const named = (v: Vehicle, taken: readonly Vehicle[]) => {
      v.display_name = this.rng.pick(NICKNAMES.filter((n) => !taken.some((t) => t.display_name === n)));
      return v;
    };
    const mine = this.myCar(named);
    const second = this.carOnTheRoad((v) => named(v, [mine]));
    return [mine, second, this.carAtTheAirport((v) => named(v, [mine, second]))];
  }

  /** VEH-1001: the user's car and the selected one, at home and plugged in, charging stopped below its limit; one tyre low. */
  private myCar(named: (v: Vehicle, taken: readonly Vehicle[]) => Vehicle): Vehicle {
    const { rng } = this;
    const v = named(this.car(0, this.ctx.world.user.full_name), []);
    v.selected = true;
    v.battery_level_pct = new Logbook(this, v, { chargeLastNight: false, commuteStart: 8 }).run(-30, 0).level;
    v.charging = { ...v.charging, plugged_in: true, state: "stopped", charger_power_kw: 11, location: "Home" };
    const low = rng.pick(["front_left", "front_right", "rear_left", "rear_right"] as const);
    v.tires[low] = { ...v.tires[low], pressure_bar: Math.round((v.tires[low].recommended_bar - rng.float(0.4, 0.6)) * 10) / 10 };
    return v;
  }

  /** VEH-1002: a household member's car, on the road to work right now with a route to the saved work destination. */
  private carOnTheRoad(named: (v: Vehicle) => Vehicle): Vehicle {
    const { rng, home, work } = this;
    const now = this.ctx.world.now;
    const v = named(this.car(1, (this.people[0] as { full_name: string }).full_name));
    const level = new Logbook(this, v, { chargeLastNight: true, commuteStart: 7 }).run(-30, 0).level;
    const leftAt = time.addMinutes(now, -rng.int(12, 25));
    const fraction = rng.float(0.35, 0.7);
    const here = {
      lat: Math.round((home.lat + (work.lat - home.lat) * fraction) * 1e6) / 1e6,
      lon: Math.round((home.lon + (work.lon - home.lon) * fraction) * 1e6) / 1e6,
    };
    const driven = Math.round(route(home, work).distance_km * fraction * 10) / 10;
    const left = route(here, work);
    v.battery_level_pct = Math.round((level - ((driven * v.efficiency_wh_per_km) / 1000 / v.battery_capacity_kwh) * 100) * 10) / 10;
    v.odometer_km = Math.round((v.odometer_km + driven) * 10) / 10;
    const remaining = (left.distance_km * v.efficiency_wh_per_km) / 1000;
    Object.assign(v, {
      power_state: "on",
      gear: "D",
      speed_kmh: rng.int(38, 88),
      headlights: "auto",
      location: { ...here, place: "On the road" },
      climate: { ...v.climate, on: true, fan_speed: 3, inside_temp_c: v.climate.driver_temp_c },
      navigation: {
        destination_name: work.name,
        destination_kind: "saved",
        destination_ref: work.id,
        lat: work.lat,
        lon: work.lon,
        distance_km: left.distance_km,
        duration_minutes: left.duration_minutes,
        eta: time.addMinutes(now, left.duration_minutes),
        energy_needed_kwh: Math.round(remaining * 100) / 100,
        arrival_battery_pct: Math.round((v.battery_level_pct - (remaining / v.battery_capacity_kwh) * 100) * 10) / 10,
        started_at: leftAt,
      },
    } satisfies Partial<Vehicle>);
    return v;
  }

  /** VEH-1003: asleep in the airport's long-term parking since a trip five days ago, losing 0.6 % a day. */
  private carAtTheAirport(named: (v: Vehicle) => Vehicle): Vehicle {
    const v = named(this.car(2, this.ctx.world.user.full_name));
    const end = new Logbook(this, v, { chargeLastNight: false, commuteStart: 8, airportOnLastDay: true }).run(-30, -4);
    v.battery_level_pct = Math.round((end.level - 5 * 0.6) * 10) / 10;
    Object.assign(v, {
      online_state: "asleep",
      location: { lat: this.airport.lat, lon: this.airport.lon, place: this.airport.name },
    } satisfies Partial<Vehicle>);
    return v;
  }

  /** Service reminders per car: last tyre rotation (done) and the next one, cabin filter and wipers (some overdue), the annual inspection, sometimes brake fluid. */
  reminders(vehicles: readonly Vehicle[]): ServiceReminder[] {
    const { rng } = this;
    const { today, now } = this.ctx.world;
    const rows: ServiceReminder[] = [];
    const add = (r: Omit<ServiceReminder, "id">) => rows.push({ id: this.ctx.id("service_reminders"), ...r });
    for (const v of vehicles) {
      const rotatedAt = Math.round(v.odometer_km - rng.int(2500, 11500));
      const rotatedOn = time.addDays(today, -rng.int(120, 300));
      add({
        vehicle_id: v.id,
        kind: "tire_rotation",
        title: "Rotate tyres",
        interval_km: 10000,
        due_odometer_km: rotatedAt,
        completed_on: rotatedOn,
        completed_odometer_km: rotatedAt,
        created_at: time.addDays(now, -400),
      });
      add({
        vehicle_id: v.id,
        kind: "tire_rotation",
        title: "Rotate tyres",
        interval_km: 10000,
        due_odometer_km: rotatedAt + 10000,
        created_at: `${rotatedOn}T18:00:00Z`,
      });
      add({
        vehicle_id: v.id,
        kind: "cabin_air_filter",
        title: "Replace cabin air filter",
        interval_days: 730,
        due_date: time.addDays(today, rng.int(-45, 400)),
        created_at: time.addDays(now, -500),
      });
      add({
        vehicle_id: v.id,
        kind: "wiper_blades",
        title: "Replace wiper blades",
        interval_days: 365,
        due_date: time.addDays(today, rng.int(-20, 250)),
        created_at: time.addDays(now, -200),
      });
      add({
        vehicle_id: v.id,
        kind: "annual_inspection",
        title: "Annual safety inspection",
        interval_days: 365,
        due_date: time.addDays(today, rng.int(3, 300)),
        created_at: time.addDays(now, -120),
      });
      if (rng.bool(0.5))
        add({
          vehicle_id: v.id,
          kind: "brake_fluid_test",
          title: "Test brake fluid",
          interval_days: 1460,
          due_date: time.addDays(today, rng.int(60, 900)),
          created_at: time.addDays(now, -700),
        });
    }
    return rows;
  }

  /** Trips and charging sessions, their ids in time order as the maker's servers would have minted them. */
  history(): { trips: Trip[]; charging_sessions: ChargingSession[] } {
    const byStart = (x: { started_at: string }, y: { started_at: string }) => (x.started_at < y.started_at ? -1 : x.started_at > y.started_at ? 1 : 0);
    return {
      trips: this.trips.sort(byStart).map((t) => ({ id: this.ctx.id("trips"), ...t })),
      charging_sessions: this.sessions.sort(byStart).map((t) => ({ id: this.ctx.id("charging_sessions"), ...t })),
    };
  }
}

/**
 * A month of one car's life replayed day by day from a starting odometer and battery level:
 * weekday commutes (sometimes with an errand on the way back), weekend errands, and a charge at
 * home overnight (now and then a fast charge in town) when the battery runs low. Nothing starts
 * before the car's last trip or charge has ended, so every trip's distance, energy and battery
 * levels add up to the car's odometer and battery at the end.
 */
class Logbook {
  level: number;
  private place: Place;
  /** When the car's last trip or charge ended. */
  private free = "";

  constructor(
    private readonly g: Garage,
    private readonly v: Vehicle,
    private readonly opts: { chargeLastNight: boolean; commuteStart: number; airportOnLastDay?: boolean },
  ) {
    this.level = g.rng.int(60, 85);
    this.place = this.homePlace();
  }

  private get rng() {
    return this.g.rng;
  }
  private homePlace(): Place {
    return { name: "Home", lat: this.g.home.lat, lon: this.g.home.lon };
  }

  /** Drives to `to`, leaving at `start` or when the car is free; returns the arrival time. */
  private drive(to: Place, start: string): string {
    const { v } = this;
    const s = later(start, this.free);
    const r = route(this.place, to);
    const factor = this.rng.float(0.95, 1.18) * (this.g.outside < 5 ? 1.12 : 1);
    const energy = Math.round(((r.distance_km * v.efficiency_wh_per_km * factor) / 1000) * 100) / 100;
    const startLevel = this.level;
    this.level = Math.round((this.level - (energy / v.battery_capacity_kwh) * 100) * 10) / 10;
    const odoStart = v.odometer_km;
    v.odometer_km = Math.round((v.odometer_km + r.distance_km) * 10) / 10;
    this.free = time.addMinutes(s, r.duration_minutes);
    this.g.trips.push({
      vehicle_id: v.id,
      started_at: s,
      ended_at: this.free,
      from_place: this.place.name,
      to_place: to.name,
      distance_km: r.distance_km,
      energy_used_kwh: energy,
      efficiency_wh_per_km: Math.round((energy * 1000) / Math.max(0.1, r.distance_km)),
      avg_speed_kmh: Math.round((r.distance_km / r.duration_minutes) * 60),
      start_battery_pct: startLevel,
      end_battery_pct: this.level,
      odometer_start_km: odoStart,
      odometer_end_km: v.odometer_km,
    });
    this.place = to;
    return this.free;
  }

  /** Charges to the car's limit at home (11 kW wallbox, home tariff) or at a station (its power up to 150 kW, its price); returns when it ended. */
  private charge(where: "home" | ChargingStation, start: string): string {
    const { v } = this;
    const s = later(start, this.free);
    const power = where === "home" ? 11 : Math.min(where.max_power_kw, 150);
    const price = where === "home" ? HOME_PRICE_PER_KWH : where.price_per_kwh;
    const energy = Math.round(((v.charging.limit_pct - this.level) / 100) * v.battery_capacity_kwh * 100) / 100;
    if (energy <= 0.5) return s;
    this.free = time.addMinutes(s, Math.ceil((energy / power) * 60));
    this.g.sessions.push({
      vehicle_id: v.id,
      location: where === "home" ? "Home" : where.name,
      ...(where === "home" ? {} : { charging_station_id: where.id }),
      started_at: s,
      ended_at: this.free,
      status: "completed",
      start_battery_pct: this.level,
      end_battery_pct: v.charging.limit_pct,
      energy_added_kwh: energy,
      power_kw: power,
      price_per_kwh: price,
      cost: roundMoney(energy * price),
    });
    this.level = v.charging.limit_pct;
    return this.free;
  }

  /** Days [from, to) relative to today; returns the level and where the car ended. */
  run(fromDay: number, toDay: number): { level: number; place: Place } {
    for (let day = fromDay; day < toDay; day++) {
      const date = time.addDays(this.g.ctx.world.today, day);
      const last = day === toDay - 1;
      if (last && this.opts.airportOnLastDay) {
        this.drive({ name: this.g.airport.name, lat: this.g.airport.lat, lon: this.g.airport.lon }, at(date, 6, this.rng.int(0, 40)));
        break;
      }
      if (!time.isWeekend(date)) this.commute(date);
      else if (this.rng.bool(0.7) || last) this.weekendErrand(date);
      if ((!last || this.opts.chargeLastNight) && (this.level < 65 || this.rng.bool(0.25))) this.evening(date, last);
    }
    return { level: this.level, place: this.place };
  }

  private commute(date: string): void {
    this.drive(this.g.work, at(date, this.opts.commuteStart, this.rng.int(0, 50)));
    const back = at(date, 17, this.rng.int(0, 59));
    const e = this.rng.bool(0.35) ? this.rng.pick(this.g.errands) : undefined;
    if (!e) return void this.drive(this.homePlace(), back);
    const t = this.drive(e, back);
    this.drive(this.homePlace(), time.addMinutes(t, this.rng.int(25, 70)));
  }

  private weekendErrand(date: string): void {
    const t = this.drive(this.rng.pick(this.g.errands), at(date, this.rng.int(9, 15), this.rng.int(0, 59)));
    this.drive(this.homePlace(), time.addMinutes(t, this.rng.int(30, 120)));
  }

  /** The evening's charge: mostly the wallbox at 22:00, now and then a fast charge at a station in town after 19:00. */
  private evening(date: string, last: boolean): void {
    const local = this.g.stationRows.filter((s) => s.city === this.g.city.name);
    const fast = !last && this.rng.bool(0.15) ? this.rng.pick(local) : undefined;
    if (!fast) return void this.charge("home", at(date, 22, this.rng.int(0, 30)));
    const t = this.drive({ name: fast.name, lat: fast.lat, lon: fast.lon }, at(date, 19, this.rng.int(0, 40)));
    this.drive(this.homePlace(), this.charge(fast, time.addMinutes(t, 2)));
  }
}
