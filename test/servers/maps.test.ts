import { describe, expect, it } from "vitest";
import { CITIES, distanceKm, time, worldFor } from "../../ts/servers/framework/index.ts";
import maps from "../../ts/servers/maps/index.ts";
import { hotelCatalog } from "../../ts/servers/maps/gazetteer.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(maps, 16);

const SEED = 21;
const world = worldFor(SEED);
const HOUR = 3_600_000;

function session(): TestSession {
  return openSession(maps, SEED);
}

/** All places of a category in a city, through the tools. */
function placesOf(s: TestSession, category: string, city: string): any[] {
  return s.ok("search_places", { category, city, limit: 100 }).items;
}

/** The next Monday–Friday strictly after a date. */
function nextWeekday(date: string): string {
  let d = time.addDays(date, 1);
  while (["saturday", "sunday"].includes(time.weekday(d))) d = time.addDays(d, 1);
  return d;
}

describe("maps: seeded gazetteer", () => {
  it("places 30–60 points of interest around every world city, plus offices and homes, consistent with the world", () => {
    const s = session();
    const places = s.rows("places");
    for (const city of CITIES) {
      const pois = places.filter((p) => p.address.city === city.name && p.category !== "street_address" && p.category !== "office");
      expect(pois.length, city.name).toBeGreaterThanOrEqual(30);
      expect(pois.length, city.name).toBeLessThanOrEqual(60);
      for (const p of pois) expect(distanceKm(city, p), `${p.name} lies around ${city.name}`).toBeLessThan(40);
      expect(pois.filter((p) => p.category === "airport").map((p) => p.subtype)).toEqual([`airport (${city.airport})`]);
    }
    // The same hotels travel_booking sells.
    const hotelNames = places
      .filter((p) => p.category === "hotel")
      .map((p) => p.name)
      .sort();
    expect(hotelNames).toEqual(
      hotelCatalog(world)
        .map((h) => h.name)
        .sort(),
    );
    // Every person's home is on the map at their world address.
    const homes = places.filter((p) => p.category === "street_address");
    expect(homes.length).toBe(world.people.length + 1);
    expect(homes.some((h) => h.address.street === world.user.address.street && h.address.city === world.user.address.city)).toBe(true);
  });

  it("labels the user's Home at their world address and Work at their employer", () => {
    const s = session();
    const saved = s.ok("list_saved_places", {}).items;
    const home = saved.find((x: any) => x.label === "Home");
    expect(home.address).toContain(world.user.address.street);
    expect(home.address).toContain(world.user.address.city);
    const work = saved.find((x: any) => x.label === "Work");
    const office = s.ok("get_place_details", { place_id: work.place_id });
    expect(office.name).toContain(world.user.company);
    expect(office.category).toBe("office");
    expect(office.address.city).toBe(world.user.address.city);
  });
});

describe("maps: cities and categories", () => {
  it("list_cities lists the 20 cities and filters by country", () => {
    const s = session();
    expect(s.ok("list_cities", {}).total).toBe(20);
    const jp = s.ok("list_cities", { country: "Japan" });
    expect(jp.items.map((c: any) => c.name)).toEqual(["Tokyo"]);
    expect(jp.items[0]).toMatchObject({ airport: "HND", time_zone_id: "Asia/Tokyo", continent: "Asia" });
    expect(jp.items[0].place_count).toBeGreaterThanOrEqual(30);
    expect(s.ok("list_cities", { country: "US" }).total).toBe(10);
  });

  it("list_place_categories counts places per category, in one city if asked", () => {
    const s = session();
    const paris = s.ok("list_place_categories", { city: "Paris" });
    const count = (c: string) => paris.categories.find((x: any) => x.category === c).count;
    expect(count("hotel")).toBe(4);
    expect(count("airport")).toBe(1);
    expect(count("restaurant")).toBeGreaterThanOrEqual(6);
    const total = paris.categories.reduce((n: number, x: any) => n + x.count, 0);
    expect(total).toBe(s.ok("list_cities", { country: "FR" }).items[0].place_count);
    s.fails("list_place_categories", { city: "Atlantis" }, "not_found", /not in the gazetteer; cities are San Francisco/);
  });
});

describe("maps: geocoding", () => {
  it("geocode_address finds a street address exactly", () => {
    const s = session();
    const home = s.ok("list_saved_places", { query: "Home" }).items[0];
    const r = s.ok("geocode_address", { address: `${world.user.address.street}, ${world.user.address.city}` });
    expect(r.status).toBe("OK");
    expect(r.results[0]).toMatchObject({ id: home.place_id, type: "street_address", partial_match: false });
    expect(r.results[0].location).toEqual({ lat: home.lat, lon: home.lon });
  });

  it("geocode_address expands abbreviations and finds points of interest by name", () => {
    const s = session();
    const station = placesOf(s, "train_station", "Paris")[0];
    expect(station.name).toBe("Gare du Nord");
    const r = s.ok("geocode_address", { address: "gare du nord, paris" });
    expect(r.status).toBe("OK");
    expect(r.results[0].id).toBe(station.id);
    const street = world.user.address.street
      .replace(/Street$/, "St")
      .replace(/Avenue$/, "Ave")
      .replace(/Road$/, "Rd");
    expect(s.ok("geocode_address", { address: `${street} ${world.user.address.city}` }).status).toBe("OK");
  });

  it("an unknown address gives the closest candidates, flagged as partial", () => {
    const s = session();
    const r = s.ok("geocode_address", { address: "742 Evergreen Terrace, Springfield" });
    expect(r.status).toBe("PARTIAL_MATCH");
    expect(r.message).toMatch(/no exact match .* closest known addresses/);
    expect(r.results).toHaveLength(5);
    expect(r.results.every((x: any) => x.partial_match)).toBe(true);
    // A typo still ranks the intended place first.
    const station = placesOf(s, "train_station", "Paris")[0];
    const typo = s.ok("geocode_address", { address: "Gare du Nor", city: "Paris", limit: 3 });
    expect(typo.status).toBe("PARTIAL_MATCH");
    expect(typo.results[0].id).toBe(station.id);
  });

  it("geocode_address refuses text without words and unknown cities", () => {
    const s = session();
    s.fails("geocode_address", { address: "!! ??" }, "invalid_argument", /no letters or digits/);
    s.fails("geocode_address", { address: "Main Street", city: "Gotham" }, "not_found", /not in the gazetteer/);
  });

  it("reverse_geocode returns the nearest places with distances", () => {
    const s = session();
    const museum = placesOf(s, "museum", "London")[0];
    const r = s.ok("reverse_geocode", { latitude: museum.location.lat, longitude: museum.location.lon, limit: 4 });
    expect(r.status).toBe("OK");
    expect(r.results[0]).toMatchObject({ id: museum.id, distance_m: 0 });
    expect(r.results).toHaveLength(4);
    const d = r.results.map((x: any) => x.distance_m);
    expect(d).toEqual([...d].sort((a, b) => a - b));
  });

  it("reverse_geocode checks coordinates are in range and reports empty ocean", () => {
    const s = session();
    s.fails("reverse_geocode", { latitude: 95, longitude: 10 }, "invalid_arguments", /latitude 95 is out of range: latitudes lie between -90 and 90/);
    s.fails("reverse_geocode", { latitude: 10, longitude: -200 }, "invalid_arguments", /longitude -200 is out of range: longitudes lie between -180 and 180/);
    const ocean = s.ok("reverse_geocode", { latitude: 0, longitude: -30 });
    expect(ocean.status).toBe("ZERO_RESULTS");
    expect(ocean.results).toEqual([]);
    expect(ocean.message).toMatch(/nearest city on the map is/);
  });
});

describe("maps: place search", () => {
  it("search_places by category and city, best rated first", () => {
    const s = session();
    const r = s.ok("search_places", { category: "restaurant", city: "Tokyo", limit: 100 });
    expect(r.total).toBeGreaterThanOrEqual(6);
    expect(r.items.every((p: any) => p.category === "restaurant" && p.formatted_address.includes("Tokyo"))).toBe(true);
    const score = (p: any) => p.rating * Math.log10(p.user_ratings_total + 10);
    for (let i = 1; i < r.items.length; i++) expect(score(r.items[i - 1])).toBeGreaterThanOrEqual(score(r.items[i]));
  });

  it("search_places by text matches names and kinds, and filters rating and price", () => {
    const s = session();
    const all = placesOf(s, "restaurant", "New York");
    const japanese = s.ok("search_places", { query: "japanese", city: "New York", limit: 100 }).items;
    expect(japanese.map((p: any) => p.id).sort()).toEqual(
      all
        .filter((p: any) => p.subtype === "japanese restaurant")
        .map((p: any) => p.id)
        .sort(),
    );
    const cheapGood = s.ok("search_places", { category: "restaurant", city: "New York", min_rating: 4, max_price_level: 2, limit: 100 }).items;
    expect(cheapGood.map((p: any) => p.id).sort()).toEqual(
      all
        .filter((p: any) => p.rating >= 4 && p.price_level <= 2)
        .map((p: any) => p.id)
        .sort(),
    );
  });

  it("search_places near a location keeps to the radius, nearest first", () => {
    const s = session();
    const r = s.ok("search_places", { near: "Home", radius_m: 6000, limit: 100 });
    expect(r.total).toBeGreaterThan(0);
    const d = r.items.map((p: any) => p.distance_m);
    expect(Math.max(...d)).toBeLessThanOrEqual(6000);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    expect(r.items.some((p: any) => p.category === "street_address")).toBe(false);
  });

  it("open_now uses the session clock", () => {
    const s = session();
    // The session starts at 09:00 on a weekday: bars open in the afternoon.
    const bars = placesOf(s, "bar", world.user.address.city);
    expect(bars.length).toBeGreaterThan(0);
    expect(s.ok("search_places", { category: "bar", city: world.user.address.city, open_now: true }).total).toBe(0);
    const cafes = s.ok("search_places", { category: "cafe", city: world.user.address.city, open_now: true, limit: 100 });
    expect(cafes.total).toBe(placesOf(s, "cafe", world.user.address.city).length);
    s.advance(9 * HOUR); // 18:00
    const open = s.ok("search_places", { category: "bar", city: world.user.address.city, open_now: true, limit: 100 });
    expect(open.total).toBe(bars.length);
    expect(open.items.every((b: any) => b.open_now === true)).toBe(true);
    expect(s.ok("get_place_details", { place_id: bars[0].id }).open_now).toBe(true);
  });

  it("search_places enforces radius bounds and needs something to search for", () => {
    const s = session();
    s.fails("search_places", { category: "cafe", radius_m: 500 }, "invalid_argument", /radius_m only applies around a location: pass near/);
    s.fails("search_places", { near: "Home", radius_m: 80_000 }, "invalid_arguments", /radius_m 80000 is out of range: use 1 to 50,000 metres/);
    s.fails("search_places", { near: "Home", radius_m: 0 }, "invalid_arguments", /out of range/);
    s.fails("search_places", {}, "invalid_argument", /at least one of query, category, city or near/);
    s.fails("search_places", { near: "Grandma's" }, "not_found", /is not a place id, a saved place or coordinates/);
    s.fails("search_places", { near: "91,0" }, "invalid_argument", /latitude 91 is out of range/);
  });

  it("nearby_search ranks by prominence or distance within the radius", () => {
    const s = session();
    const home = s.ok("list_saved_places", { query: "Home" }).items[0];
    const byDistance = s.ok("nearby_search", { location: "Home", radius_m: 8000, category: "cafe", rank_by: "distance" });
    expect(byDistance.items.every((p: any) => p.category === "cafe" && p.distance_m <= 8000)).toBe(true);
    const d = byDistance.items.map((p: any) => p.distance_m);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    const coords = s.ok("nearby_search", { location: `${home.lat},${home.lon}`, radius_m: 8000, category: "cafe", rank_by: "distance" });
    expect(coords.items.map((p: any) => p.id)).toEqual(byDistance.items.map((p: any) => p.id));
    const wide = s.ok("nearby_search", { location: "Home", radius_m: 50_000, limit: 100 });
    expect(wide.total).toBeGreaterThan(byDistance.total);
  });

  it("nearby_search needs a category or keyword to rank by distance, and a radius in bounds", () => {
    const s = session();
    s.fails("nearby_search", { location: "Home", rank_by: "distance" }, "invalid_argument", /rank_by 'distance' needs a category or keyword/);
    s.fails("nearby_search", { location: "Home", radius_m: 60_000 }, "invalid_arguments", /radius_m 60000 is out of range/);
  });

  it("autocomplete_place suggests places whose words start with what was typed", () => {
    const s = session();
    const target = placesOf(s, "museum", "Berlin")[0];
    const typed = target.name
      .split(" ")
      .map((w: string) => w.slice(0, 3))
      .join(" ");
    const r = s.ok("autocomplete_place", { input: typed, city: "Berlin" });
    expect(r.predictions.map((p: any) => p.id)).toContain(target.id);
    expect(r.predictions.every((p: any) => p.secondary_text === "Berlin, DE")).toBe(true);
    const near = s.ok("autocomplete_place", { input: "cafe", near: "Home", limit: 3 });
    const d = near.predictions.map((p: any) => p.distance_m);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    s.fails("autocomplete_place", { input: "--" }, "invalid_argument", /no letters or digits/);
    s.fails("autocomplete_place", { input: "caf", city: "Springfield" }, "not_found", /not in the gazetteer/);
  });

  it("get_place_details gives hours, open state, reviews and the user's label", () => {
    const s = session();
    const gym = s.ok("list_saved_places", { query: "Gym" }).items[0];
    const d = s.ok("get_place_details", { place_id: gym.place_id });
    expect(d).toMatchObject({ id: gym.place_id, category: "gym", saved_as: "Gym", saved_place_id: gym.id, open_now: true, weekday: time.weekday(world.now) });
    expect(d.hours_today).toBe("05:30–23:00");
    const reviews = s.ok("list_place_reviews", { place_id: gym.place_id, limit: 100 });
    expect(d.review_count).toBe(reviews.total);
    s.fails("get_place_details", { place_id: "PL-99999" }, "not_found");
  });

  it("list_place_reviews sorts and filters by stars", () => {
    const s = session();
    const counts = new Map<string, number>();
    for (const r of s.rows("reviews")) counts.set(r.place_id, (counts.get(r.place_id) ?? 0) + 1);
    const [placeId] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const newest = s.ok("list_place_reviews", { place_id: placeId }).items;
    const dates = newest.map((r: any) => r.created_at);
    expect(dates).toEqual([...dates].sort().reverse());
    const highest = s.ok("list_place_reviews", { place_id: placeId, sort: "highest" }).items.map((r: any) => r.rating);
    expect(highest).toEqual([...highest].sort((a: number, b: number) => b - a));
    const lowest = s.ok("list_place_reviews", { place_id: placeId, sort: "lowest" }).items.map((r: any) => r.rating);
    expect(lowest).toEqual([...lowest].sort((a: number, b: number) => a - b));
    const good = s.ok("list_place_reviews", { place_id: placeId, min_rating: 4 }).items;
    expect(good.every((r: any) => r.rating >= 4)).toBe(true);
    s.fails("list_place_reviews", { place_id: "PL-00000" }, "not_found");
  });
});

describe("maps: routing", () => {
  it("get_directions by car: road distance, duration, arrival and steps that add up", () => {
    const s = session();
    const r = s.ok("get_directions", { origin: "Home", destination: "Gym" });
    const home = s.ok("list_saved_places", { query: "Home" }).items[0];
    const gym = s.ok("list_saved_places", { query: "Gym" }).items[0];
    const straight = distanceKm(home, gym);
    expect(r.mode).toBe("driving");
    expect(r.distance_km).toBeCloseTo(Math.round(straight * 1.35 * 10) / 10, 5);
    expect(r.departure_time).toBe(world.now);
    expect(r.arrival_time).toBe(time.addMinutes(world.now, r.duration_minutes));
    expect(r.steps.at(-1).instruction).toMatch(/^Arrive at Gym/);
    const sum = r.steps.reduce((n: number, x: any) => n + x.distance_km, 0);
    expect(sum).toBeCloseTo(r.distance_km, 1);
    expect(r.steps.reduce((n: number, x: any) => n + x.duration_minutes, 0)).toBe(r.duration_minutes);
    expect(r.origin.place_id).toBe(home.place_id);
  });

  it("walking and cycling are slower than driving; transit adds waiting time", () => {
    const s = session();
    const drive = s.ok("get_directions", { origin: "Home", destination: "Gym", mode: "driving" });
    const walk = s.ok("get_directions", { origin: "Home", destination: "Gym", mode: "walking" });
    const bike = s.ok("get_directions", { origin: "Home", destination: "Gym", mode: "bicycling" });
    const transit = s.ok("get_directions", { origin: "Home", destination: "Gym", mode: "transit" });
    expect(Math.abs(walk.duration_minutes - (walk.distance_km / 5) * 60)).toBeLessThanOrEqual(2);
    expect(walk.duration_minutes).toBeGreaterThan(bike.duration_minutes);
    expect(bike.duration_minutes).toBeGreaterThan(drive.duration_without_traffic_minutes);
    expect(transit.steps[1].instruction).toMatch(/^Take line \d/);
  });

  it("rush hour slows city driving, on the clock where the trip starts", () => {
    const s = session();
    const day = nextWeekday(world.today);
    const home = s.ok("get_directions", { origin: "Home", destination: "Gym" }).origin.city;
    const tz = CITIES.find((c) => c.name === home)!.timezone;
    const at = (hhmm: string) => time.fromMs(time.localToUtcMs(day, hhmm, tz));
    const rush = s.ok("get_directions", { origin: "Home", destination: "Gym", departure_time: at("08:00") });
    const noon = s.ok("get_directions", { origin: "Home", destination: "Gym", departure_time: at("12:00") });
    expect(rush.duration_without_traffic_minutes).toBe(noon.duration_without_traffic_minutes);
    expect(rush.duration_minutes).toBeGreaterThan(noon.duration_minutes);
    expect(noon.duration_minutes).toBe(noon.duration_without_traffic_minutes);
  });

  it("refuses to drive between continents", () => {
    const s = session();
    const tokyo = CITIES.find((c) => c.name === "Tokyo")!;
    const paris = CITIES.find((c) => c.name === "Paris")!;
    s.fails(
      "get_directions",
      { origin: `${tokyo.lat},${tokyo.lon}`, destination: `${paris.lat},${paris.lon}` },
      "failed_precondition",
      /^no driving route between Tokyo and Paris: they are on different continents \(Asia and Europe\)/,
    );
    const london = CITIES.find((c) => c.name === "London")!;
    const r = s.ok("get_directions", { origin: `${london.lat},${london.lon}`, destination: `${paris.lat},${paris.lon}` });
    expect(r.distance_km).toBeGreaterThan(400);
    expect(r.steps[1].instruction).toBe("Merge onto the highway toward Paris");
  });

  it("refuses walking over 50 km, cycling over 200 km and transit beyond a metro area, saying the distance", () => {
    const s = session();
    const ny = CITIES.find((c) => c.name === "New York")!;
    const boston = CITIES.find((c) => c.name === "Boston")!;
    const o = `${ny.lat},${ny.lon}`;
    const d = `${boston.lat},${boston.lon}`;
    const road = Math.round(distanceKm(ny, boston) * 1.25 * 10) / 10;
    s.fails(
      "get_directions",
      { origin: o, destination: d, mode: "walking" },
      "failed_precondition",
      new RegExp(`^walking route would be ${road} km, over the 50 km walking limit`),
    );
    s.fails("get_directions", { origin: o, destination: d, mode: "bicycling" }, "failed_precondition", /over the 200 km bicycling limit/);
    s.fails(
      "get_directions",
      { origin: o, destination: d, mode: "transit" },
      "failed_precondition",
      /transit directions cover trips within one metro area \(up to 60 km\)/,
    );
    expect(s.ok("get_directions", { origin: o, destination: d }).distance_km).toBeGreaterThan(300);
  });

  it("get_directions rejects identical endpoints, past departures and unknown locations", () => {
    const s = session();
    s.fails("get_directions", { origin: "Home", destination: "home" }, "invalid_argument", /origin and destination are the same place/);
    s.fails(
      "get_directions",
      { origin: "Home", destination: "Gym", departure_time: time.addDays(world.now, -1) },
      "invalid_argument",
      /is in the past; now is/,
    );
    s.fails("get_directions", { origin: "Home", destination: "Narnia" }, "not_found", /destination "Narnia" is not a place id.*"Home"/);
  });

  it("get_distance_matrix answers every pair and marks impossible ones", () => {
    const s = session();
    const tokyo = placesOf(s, "airport", "Tokyo")[0];
    const cafes = placesOf(s, "cafe", world.user.address.city).slice(0, 2);
    const r = s.ok("get_distance_matrix", { origins: ["Home", "Work"], destinations: [cafes[0].id, cafes[1].id, tokyo.id] });
    expect(r.rows).toHaveLength(2);
    for (const row of r.rows) {
      expect(row.elements.map((e: any) => e.status)).toEqual(["OK", "OK", "NO_ROUTE"]);
      expect(row.elements[2].reason).toMatch(/no driving route between .* and Tokyo/);
    }
    const single = s.ok("get_directions", { origin: "Work", destination: cafes[1].id });
    expect(r.rows[1].elements[1]).toMatchObject({ distance_km: single.distance_km, duration_minutes: single.duration_minutes });
  });

  it("get_distance_matrix holds at most 100 pairs and names unknown entries", () => {
    const s = session();
    const ids = placesOf(s, "restaurant", "Paris")
      .concat(placesOf(s, "cafe", "Paris"))
      .map((p: any) => p.id);
    expect(ids.length).toBeGreaterThanOrEqual(11);
    s.fails(
      "get_distance_matrix",
      { origins: ids.slice(0, 11), destinations: ids.slice(0, 10) },
      "limit_exceeded",
      /11 origins × 10 destinations = 110 pairs; a matrix holds at most 100/,
    );
    s.fails("get_distance_matrix", { origins: ["Home"], destinations: ["Gym", "nowhere"] }, "not_found", /destinations\[1\] "nowhere"/);
  });

  it("get_travel_time from a departure, or back from an arrival time", () => {
    const s = session();
    const day = nextWeekday(world.today);
    const out = s.ok("get_travel_time", { origin: "Home", destination: "Work", mode: "bicycling", departure_time: `${day}T10:00:00Z` });
    expect(out.arrival_time).toBe(time.addMinutes(`${day}T10:00:00Z`, out.duration_minutes));
    const back = s.ok("get_travel_time", { origin: "Home", destination: "Work", mode: "bicycling", arrival_time: out.arrival_time });
    expect(back.departure_time).toBe(`${day}T10:00:00Z`);
    const now = s.ok("get_travel_time", { origin: "Home", destination: "Work" });
    expect(now.departure_time).toBe(world.now);
  });

  it("get_travel_time refuses both times and arrivals that are already impossible", () => {
    const s = session();
    s.fails(
      "get_travel_time",
      { origin: "Home", destination: "Work", departure_time: world.now, arrival_time: time.addDays(world.now, 1) },
      "invalid_argument",
      /not both/,
    );
    s.fails(
      "get_travel_time",
      { origin: "Home", destination: "Work", mode: "walking", arrival_time: time.addMinutes(world.now, 1) },
      "failed_precondition",
      /you would have to leave at .* which is already past — now is .*; the earliest possible arrival is/,
    );
  });

  it("get_timezone gives offsets with daylight saving at the instant", () => {
    const s = session();
    const tokyo = CITIES.find((c) => c.name === "Tokyo")!;
    expect(s.ok("get_timezone", { location: `${tokyo.lat},${tokyo.lon}` })).toMatchObject({
      time_zone_id: "Asia/Tokyo",
      utc_offset: "+09:00",
      raw_offset_seconds: 32400,
      dst_offset_seconds: 0,
    });
    const nyc = placesOf(s, "airport", "New York")[0].id;
    expect(s.ok("get_timezone", { location: nyc, timestamp: "2026-07-01T12:00:00Z" })).toMatchObject({
      time_zone_id: "America/New_York",
      utc_offset: "-04:00",
      raw_offset_seconds: -18000,
      dst_offset_seconds: 3600,
      time_zone_name: "Eastern Daylight Time",
    });
    expect(s.ok("get_timezone", { location: nyc, timestamp: "2026-01-15T12:00:00Z" })).toMatchObject({ utc_offset: "-05:00", dst_offset_seconds: 0 });
    const sydney = placesOf(s, "airport", "Sydney")[0].id;
    expect(s.ok("get_timezone", { location: sydney, timestamp: "2026-01-15T12:00:00Z" })).toMatchObject({
      utc_offset: "+11:00",
      raw_offset_seconds: 36000,
      dst_offset_seconds: 3600,
    });
    s.fails("get_timezone", { location: "0,-30" }, "not_found", /no time zone data for 0,-30/);
    s.fails("get_timezone", { location: nyc, timestamp: "2150-01-01T00:00:00Z" }, "invalid_argument", /covers 1970 to 2099/);
  });
});

describe("maps: saved places", () => {
  it("save_place labels a place, which then works as a location", () => {
    const s = session();
    const museum = placesOf(s, "museum", world.user.address.city)[0];
    const saved = s.ok("save_place", { label: "Museum day", place_id: museum.id, note: "Free on Thursdays" });
    expect(saved).toMatchObject({
      id: "SAV-1006",
      label: "Museum day",
      place_id: museum.id,
      address: museum.formatted_address,
      note: "Free on Thursdays",
      created_at: world.now,
    });
    expect(s.ok("get_place_details", { place_id: museum.id }).saved_as).toBe("Museum day");
    const r = s.ok("get_directions", { origin: "Home", destination: "museum day", mode: "transit" });
    expect(r.destination.place_id).toBe(museum.id);
    expect(s.ok("list_saved_places", {}).total).toBe(6);
  });

  it("save_place drops a pin from coordinates, checking they are in range", () => {
    const s = session();
    const home = s.ok("list_saved_places", { query: "Home" }).items[0];
    const pin = s.ok("save_place", { label: "Parking spot", latitude: home.lat + 0.0003, longitude: home.lon });
    expect(pin.place_id).toBeUndefined();
    expect(pin.address).toBe(`near ${home.address}`);
    s.fails("save_place", { label: "Nowhere", latitude: -91, longitude: 0 }, "invalid_arguments", /latitude -91 is out of range/);
    s.fails(
      "save_place",
      { label: "Both", place_id: home.place_id, latitude: 1, longitude: 1 },
      "invalid_argument",
      /either place_id or latitude and longitude/,
    );
    s.fails("save_place", { label: "Half", latitude: 1 }, "invalid_argument", /needs both latitude and longitude/);
  });

  it("labels are unique ignoring case, and a place carries one label", () => {
    const s = session();
    const museum = placesOf(s, "museum", world.user.address.city)[0];
    s.fails("save_place", { label: "  home ", place_id: museum.id }, "already_exists", /the label "Home" is already used by SAV-1001/);
    const gym = s.ok("list_saved_places", { query: "Gym" }).items[0];
    s.fails("save_place", { label: "Workout", place_id: gym.place_id }, "already_exists", /is already saved as "Gym" \(SAV-\d+\); a place carries one label/);
  });

  it("at most 50 saved places", () => {
    const s = session();
    for (let i = 0; i < 45; i++) s.ok("save_place", { label: `Pin ${i}`, latitude: 10 + i / 100, longitude: 10 });
    expect(s.ok("list_saved_places", {}).total).toBe(50);
    s.fails(
      "save_place",
      { label: "One more", latitude: 11, longitude: 11 },
      "limit_exceeded",
      /already has 50 saved places.*remove one with remove_saved_place/,
    );
  });

  it("update_saved_place renames and re-notes, keeping labels unique", () => {
    const s = session();
    const gym = s.ok("list_saved_places", { query: "Gym" }).items[0];
    s.fails("update_saved_place", { saved_place_id: gym.id, label: "WORK" }, "already_exists", /the label "Work" is already used/);
    s.fails("update_saved_place", { saved_place_id: gym.id }, "invalid_argument", /nothing to change/);
    const r = s.ok("update_saved_place", { saved_place_id: gym.id, label: "Climbing gym", note: "Tuesdays 7pm" });
    expect(r).toMatchObject({ id: gym.id, label: "Climbing gym", note: "Tuesdays 7pm", place_id: gym.place_id });
    expect(s.ok("get_travel_time", { origin: "Home", destination: "Climbing gym" }).destination).toMatch(/^Climbing gym/);
    s.fails("get_travel_time", { origin: "Home", destination: "Gym" }, "not_found", /"Gym" is not a place id/);
    s.ok("update_saved_place", { saved_place_id: gym.id, label: "climbing GYM" }); // its own label, other case
    s.fails("update_saved_place", { saved_place_id: "SAV-9999", note: "x" }, "not_found");
  });

  it("remove_saved_place deletes the label, which can then be reused", () => {
    const s = session();
    const gym = s.ok("list_saved_places", { query: "Gym" }).items[0];
    expect(s.ok("remove_saved_place", { saved_place_id: gym.id })).toEqual({ removed: gym.id, label: "Gym", address: gym.address });
    expect(s.ok("list_saved_places", {}).total).toBe(4);
    expect(s.ok("get_place_details", { place_id: gym.place_id }).saved_as).toBeUndefined();
    s.fails("remove_saved_place", { saved_place_id: gym.id }, "not_found");
    expect(s.ok("save_place", { label: "Gym", place_id: gym.place_id }).label).toBe("Gym");
  });
});

describe("maps: scenario", () => {
  it("finds a friend's address, a café near it, saves the café and plans the trip there", () => {
    const s = session();
    const friend = world.people.find((p) => p.address.city === world.user.address.city) ?? world.people[0]!;
    // 1. Geocode the friend's address.
    const geo = s.ok("geocode_address", { address: `${friend.address.street}, ${friend.address.city}`, limit: 1 });
    expect(geo.status).toBe("OK");
    const friendPlace = geo.results[0].id;
    // 2. Cafés open now near it, nearest first.
    const cafes = s.ok("nearby_search", { location: friendPlace, category: "cafe", radius_m: 50_000, rank_by: "distance", open_now: true });
    expect(cafes.total).toBeGreaterThan(0);
    const cafe = cafes.items[0];
    // 3. Its details.
    const details = s.ok("get_place_details", { place_id: cafe.id });
    expect(details.open_now).toBe(true);
    // 4. Save it.
    const saved = s.ok("save_place", { label: "Coffee with friend", place_id: details.id });
    // 5. Directions from home to the saved label by transit, then the matrix for both modes' cost.
    const trip = s.ok("get_directions", { origin: "Home", destination: saved.label, mode: cafe.distance_m > 0 ? "driving" : "walking" });
    expect(trip.destination.place_id).toBe(cafe.id);
    const back = s.ok("get_travel_time", { origin: saved.id, destination: "Home", departure_time: trip.arrival_time });
    expect(back.distance_km).toBeCloseTo(trip.distance_km, 5);
    // 6. Clean up.
    s.ok("remove_saved_place", { saved_place_id: saved.id });
    expect(s.ok("list_saved_places", { query: "Coffee" }).total).toBe(0);
  });
});
