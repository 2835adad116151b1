/**
 * The maps domain's rules at their boundaries, with the expected values written out: address
 * folding, abbreviations and the typo tolerance of geocoding; the match score; road factors,
 * speeds and rush hours of routing; the walking, cycling and transit limits by the kilometre;
 * compass bearings; duration texts; the gazetteer's tables; and the tools' limits and messages.
 */
import { describe, expect, it } from "vitest";
import { CITIES, type City, Rng, worldFor } from "../../ts/servers/framework/index.ts";
import {
  AIRPORT_NAMES,
  AIRPORT_OFFSETS,
  COST_INDEX,
  COUNTRIES,
  cityNamed,
  countryOf,
  formatAddress,
  HOTEL_AMENITIES,
  hotelCatalog,
  phoneIn,
  postalCodeIn,
  streetLine,
} from "../../ts/servers/maps/gazetteer.ts";
import { featuresOf, fold, Matcher, withinOneEdit, words } from "../../ts/servers/maps/geocode.ts";
import maps from "../../ts/servers/maps/index.ts";
import {
  bearingWord,
  checkCoordinates,
  durationMinutes,
  durationText,
  MAX_ROUTE_KM,
  MODES,
  noRouteReason,
  planRoute,
  type Point,
  pointOfCoordinates,
  roadKm,
  route,
  streetOf,
  trafficFactor,
  wallClockAt,
} from "../../ts/servers/maps/routing.ts";
import { labelKey, MAX_SAVED_PLACES, PLACE_CATEGORIES, tables } from "../../ts/servers/maps/state.ts";
import { MAX_MATRIX_ELEMENTS, MAX_RADIUS_M, REVERSE_GEOCODE_RANGE_KM } from "../../ts/servers/maps/tools.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const SEED = 21;
const city = (name: string): City => CITIES.find((c) => c.name === name) as City;
const SF = city("San Francisco");
/** Degrees of latitude per kilometre along a meridian (Earth radius 6371.0088 km). */
const DEG_PER_KM = 180 / (Math.PI * 6371.0088);

/** A point `km` kilometres due north of San Francisco's centre (no street, named by coordinates). */
function northOfSf(km: number): Point {
  return pointOfCoordinates(SF.lat + km * DEG_PER_KM, SF.lon);
}
const sfCentre = (): Point => pointOfCoordinates(SF.lat, SF.lon);
const centreOf = (name: string): Point => pointOfCoordinates(city(name).lat, city(name).lon);

function session(): TestSession {
  return openSession(maps, SEED);
}

// 2026-03-10 is a Tuesday; 2026-03-14 a Saturday.
const TUE = "2026-03-10";
const SAT = "2026-03-14";

describe("maps rules: the limits, as constants", () => {
  it("radius 50 km, 100 matrix pairs, reverse geocoding within 25 km, 50 saved places; walking 50, bicycling 200, transit 60 km", () => {
    expect(MAX_RADIUS_M).toBe(50_000);
    expect(MAX_MATRIX_ELEMENTS).toBe(100);
    expect(REVERSE_GEOCODE_RANGE_KM).toBe(25);
    expect(MAX_SAVED_PLACES).toBe(50);
    expect(MAX_ROUTE_KM).toEqual({ walking: 50, bicycling: 200, transit: 60 });
    expect(MODES).toEqual(["driving", "walking", "bicycling", "transit"]);
  });

  it("the 23 place categories, in order", () => {
    expect(PLACE_CATEGORIES).toEqual([
      "restaurant",
      "cafe",
      "bar",
      "bakery",
      "supermarket",
      "pharmacy",
      "hospital",
      "gas_station",
      "parking",
      "museum",
      "tourist_attraction",
      "park",
      "movie_theater",
      "library",
      "gym",
      "bank",
      "post_office",
      "shopping_mall",
      "hotel",
      "train_station",
      "airport",
      "office",
      "street_address",
    ]);
  });

  it("a label is compared trimmed and without case", () => {
    expect(labelKey("  Mom's Office ")).toBe("mom's office");
  });
});

describe("maps rules: folding an address into words", () => {
  it("folds case, accents, ß and punctuation into single spaces", () => {
    expect(fold("  Café Résumé, 12-B!  ")).toBe("cafe resume 12 b");
    expect(fold("Friedrichstraße")).toBe("friedrichstrasse");
    expect(fold("Große Straße")).toBe("grosse strasse");
    expect(fold("Avenida Álvaro Obregón")).toBe("avenida alvaro obregon");
    expect(fold("!!")).toBe("");
  });

  it("expands every common abbreviation, and the two city nicknames into two words", () => {
    const table: Array<[string, string[]]> = [
      ["st", ["street"]],
      ["str", ["strasse"]],
      ["ave", ["avenue"]],
      ["av", ["avenue"]],
      ["rd", ["road"]],
      ["blvd", ["boulevard"]],
      ["dr", ["drive"]],
      ["ln", ["lane"]],
      ["hwy", ["highway"]],
      ["pl", ["place"]],
      ["sq", ["square"]],
      ["ctr", ["center"]],
      ["centre", ["center"]],
      ["mt", ["mount"]],
      ["nyc", ["new", "york"]],
      ["sf", ["san", "francisco"]],
    ];
    for (const [short, long] of table) expect(words(short), short).toEqual(long);
    expect(words("12 Main St., NYC")).toEqual(["12", "main", "street", "new", "york"]);
    expect(words("  ,, ")).toEqual([]);
    expect(words("Stone")).toEqual(["stone"]);
  });

  it("one insertion, deletion or substitution is within one edit; two are not", () => {
    expect(withinOneEdit("market", "market")).toBe(true);
    expect(withinOneEdit("market", "markat")).toBe(true);
    expect(withinOneEdit("market", "markets")).toBe(true);
    expect(withinOneEdit("markets", "market")).toBe(true);
    expect(withinOneEdit("arket", "market")).toBe(true);
    expect(withinOneEdit("market", "arket")).toBe(true);
    expect(withinOneEdit("mrket", "market")).toBe(true);
    expect(withinOneEdit("market", "mraket")).toBe(false);
    expect(withinOneEdit("market", "marke")).toBe(true);
    expect(withinOneEdit("market", "mark")).toBe(false);
    expect(withinOneEdit("mark", "market")).toBe(false);
    expect(withinOneEdit("abc", "abde")).toBe(false);
    expect(withinOneEdit("abde", "abc")).toBe(false);
    expect(withinOneEdit("axc", "abd")).toBe(false);
    expect(withinOneEdit("ab", "ba")).toBe(false);
    expect(withinOneEdit("", "a")).toBe(true);
    expect(withinOneEdit("", "ab")).toBe(false);
  });

  it("a text's words and trigrams are computed once and kept", () => {
    const f = featuresOf("12 Market St");
    expect(f.words).toEqual(["12", "market", "street"]);
    expect(f.grams.has(" 12")).toBe(true);
    expect(f.grams.has("t s")).toBe(true);
    expect(f.grams.size).toBe(12);
    expect(featuresOf("12 Market St")).toBe(f);
  });
});

describe("maps rules: the match score (0.75 × word share + 0.25 × trigram dice, to 3 decimals)", () => {
  it("an exact word scores 1: 'main' in 'Main Street' is 0.883 and exact", () => {
    expect(new Matcher("main").score("Main Street")).toEqual({ words: 1, score: 0.883, exact: true });
  });

  it("a prefix of 3+ letters scores 0.8: 'mark' in 'Market' is 0.75, not exact", () => {
    expect(new Matcher("mark").score("Market")).toEqual({ words: 0.8, score: 0.75, exact: false });
    expect(new Matcher("mar").score("Market").words).toBe(0.8);
    expect(new Matcher("ma").score("Market").words).toBe(0);
  });

  it("a typo in a word of 4+ letters scores 0.7: 'markat' for 'Market' is 0.65", () => {
    expect(new Matcher("markat").score("Market")).toEqual({ words: 0.7, score: 0.65, exact: false });
    expect(new Matcher("cafx").score("Cafe").words).toBe(0.7);
    expect(new Matcher("cax").score("Cat").words).toBe(0);
  });

  it("a prefix beats a typo on the same candidate: the best word wins", () => {
    expect(new Matcher("cafe").score("Cafes Cafx").words).toBe(0.8);
    expect(new Matcher("cafe").score("Cafx Cafes").words).toBe(0.8);
    expect(new Matcher("cafe").score("Cafx Cafe").words).toBe(1);
  });

  it("house numbers match exactly or not at all", () => {
    expect(new Matcher("120").score("1200 Main Street").words).toBe(0);
    expect(new Matcher("1201").score("1200 Main Street").words).toBe(0);
    expect(new Matcher("1200").score("1200 Main Street").words).toBe(1);
  });

  it("the word share is the average over the query's words", () => {
    const s = new Matcher("main zzzz").score("Main Street");
    expect(s.words).toBe(0.5);
    expect(s.exact).toBe(false);
  });

  it("only the first 24 query words count", () => {
    const query = `${Array.from({ length: 24 }, () => "alpha").join(" ")} zzzz`;
    expect(new Matcher(query).score("Alpha")).toMatchObject({ words: 1, exact: true });
  });

  it("only the first 200 characters of a query count for trigrams (all of its words count)", () => {
    // Words: "aaa…" misses, "zzz" hits (0.5); trigrams: none shared, " zzz " lies past the 200th character.
    expect(new Matcher(`${"a".repeat(200)} zzz`).score("zzz")).toEqual({ words: 0.5, score: 0.375, exact: false });
  });

  it("a query without words is empty, scores 0, is never exact and prefixes nothing", () => {
    const m = new Matcher("!! ??");
    expect(m.empty).toBe(true);
    expect(m.score("")).toEqual({ words: 0, score: 0, exact: false });
    expect(m.score("Main Street").exact).toBe(false);
    expect(m.prefixOf("Main Street")).toBe(false);
    expect(new Matcher("main").empty).toBe(false);
  });

  it("autocomplete: every typed word must start some word of the candidate", () => {
    const m = new Matcher("blue bot");
    expect(m.prefixOf("Blue Bottle Coffee")).toBe(true);
    expect(m.prefixOf("Bottle of Blue")).toBe(true);
    expect(m.prefixOf("Blue Coffee")).toBe(false);
    expect(m.prefixOf("True Bottle")).toBe(false);
  });
});

describe("maps rules: coordinates and streets", () => {
  it("latitudes -90…90 and longitudes -180…180 are on the globe, inclusive", () => {
    expect(() => checkCoordinates(90, 180)).not.toThrow();
    expect(() => checkCoordinates(-90, -180)).not.toThrow();
    expect(() => checkCoordinates(90.5, 0)).toThrow("latitude 90.5 is out of range: latitudes lie between -90 and 90");
    expect(() => checkCoordinates(-90.5, 0)).toThrow("latitude -90.5 is out of range: latitudes lie between -90 and 90");
    expect(() => checkCoordinates(0, 180.5)).toThrow("longitude 180.5 is out of range: longitudes lie between -180 and 180");
    expect(() => checkCoordinates(0, -180.5)).toThrow("longitude -180.5 is out of range: longitudes lie between -180 and 180");
    expect(() => checkCoordinates(Number.NaN, 0)).toThrow("latitude NaN is out of range");
    expect(() => checkCoordinates(0, Number.POSITIVE_INFINITY)).toThrow("longitude Infinity is out of range");
  });

  it("a point given by coordinates is named and addressed 'lat,lon', in the nearest city", () => {
    const p = pointOfCoordinates(48.86, 2.35);
    expect(p).toMatchObject({ lat: 48.86, lon: 2.35, name: "48.86,2.35", address: "48.86,2.35" });
    expect(p.city.name).toBe("Paris");
    expect(p.street).toBeUndefined();
  });

  it("the street of an address line drops a leading or trailing house number", () => {
    expect(streetOf("12 Rue de Rivoli")).toBe("Rue de Rivoli");
    expect(streetOf("221B Baker Street")).toBe("Baker Street");
    expect(streetOf("Friedrichstraße 12")).toBe("Friedrichstraße");
    expect(streetOf("Torstraße 5a")).toBe("Torstraße");
    expect(streetOf("Broadway")).toBe("Broadway");
    expect(streetOf("12  Main Street  7")).toBe("Main Street");
  });

  it("the compass word of a bearing, in eight sectors", () => {
    const o = { lat: 0, lon: 0 };
    expect(bearingWord(o, { lat: 1, lon: 0 })).toBe("north");
    expect(bearingWord(o, { lat: 1, lon: 1 })).toBe("northeast");
    expect(bearingWord(o, { lat: 0, lon: 1 })).toBe("east");
    expect(bearingWord(o, { lat: -1, lon: 1 })).toBe("southeast");
    expect(bearingWord(o, { lat: -1, lon: 0 })).toBe("south");
    expect(bearingWord(o, { lat: -1, lon: -1 })).toBe("southwest");
    expect(bearingWord(o, { lat: 0, lon: -1 })).toBe("west");
    expect(bearingWord(o, { lat: 1, lon: -1 })).toBe("northwest");
    // 354°: nearer north than northwest.
    expect(bearingWord(o, { lat: 1, lon: -0.1 })).toBe("north");
    // 21° rounds to north, 24° to northeast.
    expect(bearingWord(o, { lat: 1, lon: 0.38 })).toBe("north");
    expect(bearingWord(o, { lat: 1, lon: 0.45 })).toBe("northeast");
    // Away from the equator the meridians converge: due east along a parallel.
    expect(bearingWord({ lat: 60, lon: 0 }, { lat: 60, lon: 0.5 })).toBe("east");
    expect(bearingWord({ lat: 60, lon: 0 }, { lat: 60.2, lon: 0 })).toBe("north");
  });
});

describe("maps rules: traffic by the hour (wall clock of the instant)", () => {
  it("weekday rush hours 07:00–10:00 and 16:00–19:00 slow driving by 1.35", () => {
    expect(trafficFactor(`${TUE}T06:59:00Z`)).toBe(1);
    expect(trafficFactor(`${TUE}T07:00:00Z`)).toBe(1.35);
    expect(trafficFactor(`${TUE}T09:59:00Z`)).toBe(1.35);
    expect(trafficFactor(`${TUE}T10:00:00Z`)).toBe(1);
    expect(trafficFactor(`${TUE}T15:59:00Z`)).toBe(1);
    expect(trafficFactor(`${TUE}T16:00:00Z`)).toBe(1.35);
    expect(trafficFactor(`${TUE}T18:59:00Z`)).toBe(1.35);
    expect(trafficFactor(`${TUE}T19:00:00Z`)).toBe(1);
  });

  it("nights from 22:00 to 05:00 speed it up to 0.85, weekdays and weekends", () => {
    expect(trafficFactor(`${TUE}T21:59:00Z`)).toBe(1);
    expect(trafficFactor(`${TUE}T22:00:00Z`)).toBe(0.85);
    expect(trafficFactor(`${TUE}T04:59:00Z`)).toBe(0.85);
    expect(trafficFactor(`${TUE}T05:00:00Z`)).toBe(1);
    expect(trafficFactor(`${SAT}T23:00:00Z`)).toBe(0.85);
    expect(trafficFactor(`${SAT}T00:00:00Z`)).toBe(0.85);
  });

  it("weekends have no rush hour", () => {
    expect(trafficFactor(`${SAT}T08:00:00Z`)).toBe(1);
    expect(trafficFactor(`${SAT}T17:00:00Z`)).toBe(1);
    expect(trafficFactor("2026-03-15T08:00:00Z")).toBe(1);
  });
});

describe("maps rules: road distance and duration per mode", () => {
  it("driving stretches the straight line by 1.35 under 40 km, by 1.2 from 40 km; transit 1.3; walking and cycling 1.25", () => {
    expect(roadKm(10, "driving")).toBeCloseTo(13.5, 10);
    expect(roadKm(39.9, "driving")).toBeCloseTo(53.865, 10);
    expect(roadKm(40, "driving")).toBeCloseTo(48, 10);
    expect(roadKm(10, "transit")).toBeCloseTo(13, 10);
    expect(roadKm(10, "walking")).toBeCloseTo(12.5, 10);
    expect(roadKm(10, "bicycling")).toBeCloseTo(12.5, 10);
  });

  it("a route is at least 50 metres", () => {
    expect(roadKm(0, "driving")).toBe(0.05);
    expect(roadKm(0.01, "walking")).toBe(0.05);
    expect(roadKm(0.1, "walking")).toBeCloseTo(0.125, 10);
  });

  it("walking 5 km/h, cycling 16 km/h, at least a minute", () => {
    expect(durationMinutes(5, "walking", `${TUE}T12:00:00Z`)).toEqual({ minutes: 60, freeFlow: 60 });
    expect(durationMinutes(1, "walking", `${TUE}T12:00:00Z`)).toEqual({ minutes: 12, freeFlow: 12 });
    expect(durationMinutes(0.05, "walking", `${TUE}T12:00:00Z`)).toEqual({ minutes: 1, freeFlow: 1 });
    expect(durationMinutes(16, "bicycling", `${TUE}T12:00:00Z`)).toEqual({ minutes: 60, freeFlow: 60 });
    expect(durationMinutes(4, "bicycling", `${TUE}T12:00:00Z`)).toEqual({ minutes: 15, freeFlow: 15 });
    expect(durationMinutes(0.05, "bicycling", `${TUE}T12:00:00Z`)).toEqual({ minutes: 1, freeFlow: 1 });
  });

  it("transit: 8 minutes of waiting plus 24 km/h", () => {
    expect(durationMinutes(24, "transit", `${TUE}T08:00:00Z`)).toEqual({ minutes: 68, freeFlow: 68 });
    expect(durationMinutes(6, "transit", `${TUE}T12:00:00Z`)).toEqual({ minutes: 23, freeFlow: 23 });
    expect(durationMinutes(0, "transit", `${TUE}T12:00:00Z`)).toEqual({ minutes: 8, freeFlow: 8 });
  });

  it("driving: the first 12 km at 28 km/h (slowed or sped by traffic), the rest at 88 km/h, plus 2 minutes", () => {
    // 12 km: 25.71 + 2 = 27.71 → 28; at rush hour 34.71 + 2 → 37; at night 21.86 + 2 → 24.
    expect(durationMinutes(12, "driving", `${TUE}T12:00:00Z`)).toEqual({ minutes: 28, freeFlow: 28 });
    expect(durationMinutes(12, "driving", `${TUE}T08:00:00Z`)).toEqual({ minutes: 37, freeFlow: 28 });
    expect(durationMinutes(12, "driving", `${TUE}T23:00:00Z`)).toEqual({ minutes: 24, freeFlow: 28 });
    // 100 km: 25.71 + 88 km at 88 km/h (60) + 2 = 87.71 → 88; at rush hour only the city part slows: 96.71 → 97.
    expect(durationMinutes(100, "driving", `${TUE}T12:00:00Z`)).toEqual({ minutes: 88, freeFlow: 88 });
    expect(durationMinutes(100, "driving", `${TUE}T17:00:00Z`)).toEqual({ minutes: 97, freeFlow: 88 });
    // 1.4 km: 3 + 2 = 5.
    expect(durationMinutes(1.4, "driving", `${TUE}T12:00:00Z`)).toEqual({ minutes: 5, freeFlow: 5 });
  });

  it("durations read in minutes under an hour, hours and minutes under a day, days and hours beyond", () => {
    expect(durationText(0)).toBe("0 min");
    expect(durationText(59)).toBe("59 min");
    expect(durationText(60)).toBe("1 h");
    expect(durationText(61)).toBe("1 h 1 min");
    expect(durationText(125)).toBe("2 h 5 min");
    expect(durationText(1439)).toBe("23 h 59 min");
    expect(durationText(1440)).toBe("1 d 0 h");
    expect(durationText(1500)).toBe("1 d 1 h");
    expect(durationText(3000)).toBe("2 d 2 h");
  });
});

describe("maps rules: which routes exist", () => {
  it("walking: 40 km in a straight line is 50 road km, the limit; a little more is refused", () => {
    expect(noRouteReason(sfCentre(), northOfSf(39.99), "walking")).toBeUndefined();
    expect(noRouteReason(sfCentre(), northOfSf(40.05), "walking")).toBe(
      "walking route would be 50.1 km, over the 50 km walking limit; use bicycling, transit or driving",
    );
  });

  it("bicycling: 160 km straight is 200 road km, the limit; a little more is refused", () => {
    expect(noRouteReason(sfCentre(), northOfSf(159.99), "bicycling")).toBeUndefined();
    expect(noRouteReason(sfCentre(), northOfSf(160.1), "bicycling")).toBe("bicycling route would be 200.1 km, over the 200 km bicycling limit; use driving");
  });

  it("transit: up to 60 road km (46.15 km straight); beyond is another metro area", () => {
    expect(noRouteReason(sfCentre(), northOfSf(46.1), "transit")).toBeUndefined();
    expect(noRouteReason(sfCentre(), northOfSf(46.2), "transit")).toBe(
      "transit directions cover trips within one metro area (up to 60 km); this trip is 60.1 km — use driving, or fly between cities",
    );
  });

  it("driving has no length limit on one landmass", () => {
    expect(noRouteReason(sfCentre(), northOfSf(1000), "driving")).toBeUndefined();
    expect(noRouteReason(centreOf("Toronto"), centreOf("Mexico City"), "driving")).toBeUndefined();
    expect(noRouteReason(centreOf("London"), centreOf("Madrid"), "driving")).toBeUndefined();
  });

  it("no road between continents, nor across the sea within one; walking there is over its limit", () => {
    expect(noRouteReason(centreOf("Tokyo"), centreOf("Paris"), "driving")).toMatch(
      /^no driving route between Tokyo and Paris: they are on different continents \(Asia and Europe\), 9,7\d\d km apart; fly instead \(travel_booking's search_flights\)$/,
    );
    expect(noRouteReason(centreOf("Singapore"), centreOf("Tokyo"), "bicycling")).toMatch(
      /^no bicycling route between Singapore and Tokyo: no road crosses the sea between Singapore and Japan, 5,3\d\d km apart; fly instead/,
    );
    expect(noRouteReason(centreOf("Sydney"), centreOf("Singapore"), "transit")).toMatch(
      /^no transit route between Sydney and Singapore: they are on different continents \(Oceania and Asia\)/,
    );
    expect(noRouteReason(centreOf("Tokyo"), centreOf("Paris"), "walking")).toMatch(
      /^walking route would be 12,\d\d\d(\.\d)? km, over the 50 km walking limit; use bicycling, transit or driving$/,
    );
  });

  it("walking needs a road too, however short the crossing", () => {
    // Two points 20 km apart on either side of a sea border: a fictional country has no landmass in common.
    const a = sfCentre();
    const b: Point = { ...northOfSf(20), city: { ...SF, name: "Atlantis", country: "XX" } };
    expect(noRouteReason(a, b, "walking")).toBe("walking route would be 25 km, over the 50 km walking limit; use bicycling, transit or driving");
    expect(noRouteReason(a, b, "driving")).toMatch(
      /^no driving route between San Francisco and Atlantis: they are on different continents \(North America and unknown\)/,
    );
  });

  it("route() refuses with the reason as a failed precondition", () => {
    expect(() => route(centreOf("Tokyo"), centreOf("Paris"), "driving", `${TUE}T12:00:00Z`)).toThrow(/^no driving route between Tokyo and Paris/);
    let code = "";
    try {
      route(sfCentre(), northOfSf(100), "walking", `${TUE}T12:00:00Z`);
    } catch (e: any) {
      code = e.code;
    }
    expect(code).toBe("failed_precondition");
    expect(route(sfCentre(), northOfSf(10), "walking", `${TUE}T12:00:00Z`).distance_km).toBe(12.5);
  });
});

describe("maps rules: the plan of a route", () => {
  it("a short drive: head off, one or two turns, arrive; distances and minutes add up to the whole", () => {
    const r = planRoute(sfCentre(), northOfSf(7.2), "driving", `${TUE}T12:00:00Z`);
    // 9.72 road km at 28 km/h: 20.83 + 2 = 22.83 → 23 minutes.
    expect(r.distance_km).toBe(9.7);
    expect(r.duration_minutes).toBe(23);
    expect(r.duration_without_traffic_minutes).toBe(23);
    // 15 % of the way heading off, 45 % on the first street.
    expect(r.steps[0]).toEqual({ instruction: "Head north", distance_km: 1.5, duration_minutes: 3 });
    expect(r.steps[1]).toMatchObject({ distance_km: 4.4, duration_minutes: 10 });
    expect(r.steps[1]?.instruction).toMatch(/^Turn (left|right) onto [A-Z]/);
    const last = r.steps.at(-1);
    expect(last?.instruction).toBe(`Arrive at ${northOfSf(7.2).name}`);
    expect(r.summary).toBe(`via ${r.steps[1]?.instruction.replace(/^Turn (left|right) onto /, "")}`);
    // Two different streets here: 30 % on the second, the rest (10 %) to arrive.
    expect(r.steps).toHaveLength(4);
    expect(r.steps[2]).toMatchObject({ distance_km: 2.9, duration_minutes: 7 });
    expect(last).toMatchObject({ distance_km: 0.9, duration_minutes: 3 });
  });

  it("a drive from 40 km takes the highway, in five steps", () => {
    const r = planRoute(sfCentre(), northOfSf(100), "driving", `${TUE}T12:00:00Z`);
    // 120 road km: 25.71 + 108 km at 88 km/h (73.64) + 2 = 101.35 → 101.
    expect(r.distance_km).toBe(120);
    expect(r.duration_minutes).toBe(101);
    expect(r.summary).toBe("via the highway to San Francisco");
    expect(r.steps.map((s) => s.instruction.replace(/continue on .*$/, "continue on …"))).toEqual([
      "Head north",
      "Merge onto the highway toward San Francisco",
      "Continue on the highway for 106 km",
      "Take the exit toward San Francisco centre and continue on …",
      `Arrive at ${northOfSf(100).name}`,
    ]);
    expect(r.steps.map((s) => s.distance_km)).toEqual([2.4, 6, 105.6, 4.8, 1.2]);
    expect(r.steps.map((s) => s.duration_minutes)).toEqual([2, 5, 89, 4, 1]);
  });

  it("39.9 km straight is still a city drive; 40 km is the highway", () => {
    expect(planRoute(sfCentre(), northOfSf(39.9), "driving", `${TUE}T12:00:00Z`).summary).toMatch(/^via (?!the highway)/);
    expect(planRoute(sfCentre(), northOfSf(40.01), "driving", `${TUE}T12:00:00Z`).summary).toBe("via the highway to San Francisco");
  });

  it("transit: walk to a stop, ride a line of 1–9 for about a stop per 1.1 km, walk to the destination", () => {
    const to = northOfSf(20);
    const r = planRoute(sfCentre(), to, "transit", `${TUE}T12:00:00Z`);
    // 26 road km: 8 + 65 = 73 minutes; 6 % walking to the stop, 88 % riding, the rest walking.
    expect(r.distance_km).toBe(26);
    expect(r.duration_minutes).toBe(73);
    expect(r.duration_without_traffic_minutes).toBeUndefined();
    expect(r.steps).toHaveLength(3);
    expect(r.steps[0]?.instruction).toMatch(/^Walk north to the [A-Z][^ ].* stop$/);
    const line = /^Take line ([1-9]) toward [A-Z].* for 24 stops$/.exec(r.steps[1]?.instruction ?? "");
    expect(line).not.toBeNull();
    expect(r.summary).toBe(`line ${line?.[1]}`);
    expect(r.steps[2]?.instruction).toBe(`Walk to ${to.name}`);
    expect(r.steps.map((s) => s.distance_km)).toEqual([1.6, 22.9, 1.5]);
    expect(r.steps.map((s) => s.duration_minutes)).toEqual([4, 64, 5]);
  });

  it("a transit ride is at least one stop", () => {
    const r = planRoute(sfCentre(), northOfSf(0.3), "transit", `${TUE}T12:00:00Z`);
    expect(r.steps[1]?.instruction).toMatch(/ for 1 stops$/);
  });

  it("arriving at a point on a known street says on which side; a named origin street is where one heads off", () => {
    const a: Point = { ...sfCentre(), name: "Home", street: "Market Street" };
    const b: Point = { ...northOfSf(0.5), name: "Gym", street: "Pine Street" };
    const r = planRoute(a, b, "walking", `${TUE}T12:00:00Z`);
    expect(r.steps[0]?.instruction).toBe("Head north on Market Street");
    expect(r.steps.at(-1)?.instruction).toMatch(/^Arrive at Gym, on the (left|right) of Pine Street$/);
    // 0.625 road km is under 1 km: one turn, then the arrival with the remaining 40 %.
    expect(r.steps).toHaveLength(3);
    expect(r.distance_km).toBe(0.6);
    expect(r.duration_minutes).toBe(8);
    expect(r.steps.map((s) => s.distance_km)).toEqual([0.1, 0.3, 0.2]);
    expect(r.steps.map((s) => s.duration_minutes)).toEqual([1, 4, 3]);
    expect(r.duration_without_traffic_minutes).toBeUndefined();
  });
});

describe("maps rules: the gazetteer's tables", () => {
  it("countries: name, continent and whether the house number comes first", () => {
    const rows = Object.entries(COUNTRIES).map(([code, c]) => [code, c.name, c.continent, c.numberFirst]);
    expect(rows).toEqual([
      ["US", "United States", "North America", true],
      ["CA", "Canada", "North America", true],
      ["MX", "Mexico", "North America", false],
      ["GB", "United Kingdom", "Europe", true],
      ["FR", "France", "Europe", true],
      ["DE", "Germany", "Europe", false],
      ["NL", "Netherlands", "Europe", false],
      ["ES", "Spain", "Europe", false],
      ["JP", "Japan", "Asia", true],
      ["SG", "Singapore", "Asia", true],
      ["AU", "Australia", "Oceania", true],
    ]);
  });

  it("each country's streets", () => {
    expect(COUNTRIES.US?.streets).toEqual([
      "Market Street",
      "Main Street",
      "Broadway",
      "Mission Street",
      "Pine Street",
      "Lake Street",
      "Washington Avenue",
      "Madison Avenue",
      "Elm Street",
      "Oak Street",
      "Park Avenue",
      "Spring Street",
      "Grand Avenue",
      "Union Street",
      "Central Avenue",
      "Harbor Road",
    ]);
    expect(COUNTRIES.CA?.streets).toEqual([
      "Queen Street West",
      "King Street West",
      "Yonge Street",
      "Bloor Street West",
      "Spadina Avenue",
      "Dundas Street West",
      "College Street",
      "Front Street West",
      "Bay Street",
      "Church Street",
    ]);
    expect(COUNTRIES.MX?.streets).toEqual([
      "Paseo de la Reforma",
      "Avenida Insurgentes Sur",
      "Calle Francisco I. Madero",
      "Avenida Álvaro Obregón",
      "Calle Regina",
      "Avenida Amsterdam",
      "Calle Durango",
      "Avenida Juárez",
      "Calle Colima",
      "Avenida Michoacán",
    ]);
    expect(COUNTRIES.GB?.streets).toEqual([
      "High Street",
      "Baker Street",
      "Oxford Street",
      "King's Road",
      "Regent Street",
      "Victoria Street",
      "Station Road",
      "Church Lane",
      "Marylebone High Street",
      "Shaftesbury Avenue",
    ]);
    expect(COUNTRIES.FR?.streets).toEqual([
      "Rue de Rivoli",
      "Boulevard Saint-Germain",
      "Rue de la République",
      "Rue Oberkampf",
      "Rue de Rennes",
      "Avenue de l'Opéra",
      "Boulevard Haussmann",
      "Rue Montorgueil",
      "Rue du Bac",
      "Avenue Montaigne",
    ]);
    expect(COUNTRIES.DE?.streets).toEqual([
      "Friedrichstraße",
      "Kurfürstendamm",
      "Torstraße",
      "Kastanienallee",
      "Oranienstraße",
      "Schönhauser Allee",
      "Karl-Marx-Allee",
      "Invalidenstraße",
      "Bergmannstraße",
      "Potsdamer Straße",
    ]);
    expect(COUNTRIES.NL?.streets).toEqual([
      "Prinsengracht",
      "Keizersgracht",
      "Damrak",
      "Kalverstraat",
      "Haarlemmerstraat",
      "Utrechtsestraat",
      "Overtoom",
      "Ferdinand Bolstraat",
      "Rozengracht",
      "Van Baerlestraat",
    ]);
    expect(COUNTRIES.ES?.streets).toEqual([
      "Gran Vía",
      "Calle de Alcalá",
      "Calle Mayor",
      "Paseo del Prado",
      "Calle de Serrano",
      "Calle de Fuencarral",
      "Calle de Atocha",
      "Paseo de la Castellana",
      "Calle de Preciados",
      "Calle de Toledo",
    ]);
    expect(COUNTRIES.JP?.streets).toEqual([
      "Omotesando",
      "Chuo-dori",
      "Meiji-dori",
      "Aoyama-dori",
      "Yasukuni-dori",
      "Sotobori-dori",
      "Harumi-dori",
      "Koen-dori",
      "Showa-dori",
      "Hibiya-dori",
    ]);
    expect(COUNTRIES.SG?.streets).toEqual([
      "Orchard Road",
      "Bras Basah Road",
      "Tanjong Pagar Road",
      "Beach Road",
      "North Bridge Road",
      "Robinson Road",
      "Serangoon Road",
      "Holland Road",
      "Victoria Street",
      "Cecil Street",
    ]);
    expect(COUNTRIES.AU?.streets).toEqual([
      "George Street",
      "Pitt Street",
      "Oxford Street",
      "Crown Street",
      "Macquarie Street",
      "King Street",
      "Elizabeth Street",
      "Bondi Road",
      "Kent Street",
      "Clarence Street",
    ]);
  });

  it("an unknown country is named by its code, on an unknown continent, with one Main Street", () => {
    expect(countryOf("XX")).toEqual({ name: "XX", continent: "unknown", numberFirst: true, streets: ["Main Street"] });
    expect(countryOf("JP").name).toBe("Japan");
  });

  it("street lines put the number first or last by country; an address reads street, city, region postcode, country", () => {
    expect(streetLine("US", "Market Street", 120)).toBe("120 Market Street");
    expect(streetLine("DE", "Torstraße", 7)).toBe("Torstraße 7");
    expect(streetLine("XX", "Main Street", 3)).toBe("3 Main Street");
    expect(formatAddress({ street: "120 Market Street", city: "San Francisco", region: "CA", postal_code: "94105", country: "US" })).toBe(
      "120 Market Street, San Francisco, CA 94105, US",
    );
  });

  it("a city is found by name or airport code, ignoring case and spaces", () => {
    expect(cityNamed(" paris ")?.name).toBe("Paris");
    expect(cityNamed("hnd")?.name).toBe("Tokyo");
    expect(cityNamed("Gotham")).toBeUndefined();
  });

  it("airports: each city's main airport by name, and its distance (km) and bearing from the centre", () => {
    expect(AIRPORT_NAMES).toEqual({
      SFO: "San Francisco International Airport",
      SEA: "Seattle-Tacoma International Airport",
      LAX: "Los Angeles International Airport",
      DEN: "Denver International Airport",
      ORD: "O'Hare International Airport",
      AUS: "Austin-Bergstrom International Airport",
      JFK: "John F. Kennedy International Airport",
      BOS: "Boston Logan International Airport",
      MIA: "Miami International Airport",
      ATL: "Hartsfield-Jackson Atlanta International Airport",
      YYZ: "Toronto Pearson International Airport",
      LHR: "London Heathrow Airport",
      CDG: "Paris Charles de Gaulle Airport",
      BER: "Berlin Brandenburg Airport",
      AMS: "Amsterdam Airport Schiphol",
      MAD: "Adolfo Suárez Madrid-Barajas Airport",
      HND: "Tokyo Haneda Airport",
      SIN: "Singapore Changi Airport",
      SYD: "Sydney Kingsford Smith Airport",
      MEX: "Mexico City International Airport",
    });
    expect(AIRPORT_OFFSETS).toEqual({
      SFO: [19, 160],
      SEA: [20, 180],
      LAX: [26, 240],
      DEN: [37, 45],
      ORD: [27, 300],
      AUS: [12, 120],
      JFK: [22, 110],
      BOS: [5, 70],
      MIA: [12, 290],
      ATL: [14, 200],
      YYZ: [24, 300],
      LHR: [23, 260],
      CDG: [25, 30],
      BER: [18, 150],
      AMS: [15, 230],
      MAD: [13, 60],
      HND: [15, 160],
      SIN: [20, 75],
      SYD: [9, 190],
      MEX: [7, 80],
    });
  });

  it("the cost of a night by city, relative to 1.0", () => {
    expect(COST_INDEX).toEqual({
      "San Francisco": 1.4,
      Seattle: 1.15,
      "Los Angeles": 1.2,
      Denver: 0.95,
      Chicago: 1.1,
      Austin: 1.0,
      "New York": 1.5,
      Boston: 1.3,
      Miami: 1.15,
      Atlanta: 0.9,
      Toronto: 1.05,
      London: 1.45,
      Paris: 1.35,
      Berlin: 0.95,
      Amsterdam: 1.25,
      Madrid: 0.9,
      Tokyo: 1.2,
      Singapore: 1.3,
      Sydney: 1.2,
      "Mexico City": 0.7,
    });
  });

  it("phone numbers: North American 3+4 digits after the area code, elsewhere 4+4 after the city's prefix", () => {
    const expected: Record<string, RegExp> = {
      "San Francisco": /^\+1-415-[2-9]\d\d-\d{4}$/,
      Seattle: /^\+1-206-\d{3}-\d{4}$/,
      "Los Angeles": /^\+1-213-\d{3}-\d{4}$/,
      Denver: /^\+1-303-\d{3}-\d{4}$/,
      Chicago: /^\+1-312-\d{3}-\d{4}$/,
      Austin: /^\+1-512-\d{3}-\d{4}$/,
      "New York": /^\+1-212-\d{3}-\d{4}$/,
      Boston: /^\+1-617-\d{3}-\d{4}$/,
      Miami: /^\+1-305-\d{3}-\d{4}$/,
      Atlanta: /^\+1-404-\d{3}-\d{4}$/,
      Toronto: /^\+1-416-\d{3}-\d{4}$/,
      London: /^\+44 20 \d{4} \d{4}$/,
      Paris: /^\+33 1 \d{4} \d{4}$/,
      Berlin: /^\+49 30 \d{4} \d{4}$/,
      Amsterdam: /^\+31 20 \d{4} \d{4}$/,
      Madrid: /^\+34 91 \d{4} \d{4}$/,
      Tokyo: /^\+81 3-\d{4} \d{4}$/,
      Singapore: /^\+65 6\d{4} \d{4}$/,
      Sydney: /^\+61 2 \d{4} \d{4}$/,
      "Mexico City": /^\+52 55 \d{4} \d{4}$/,
    };
    const rng = Rng.from(7);
    for (const c of CITIES) for (let i = 0; i < 5; i++) expect(phoneIn(rng, c), c.name).toMatch(expected[c.name] as RegExp);
    expect(phoneIn(rng, { ...SF, name: "Smallville" })).toMatch(/^\+1-555-\d{3}-\d{4}$/);
    expect(phoneIn(rng, { ...SF, name: "Smallville", country: "XX" })).toMatch(/^\+1-555-\d{4} \d{4}$/);
  });

  it("postal codes follow each country's format", () => {
    const expected: Record<string, RegExp> = {
      "San Francisco": /^941\d\d$/,
      "New York": /^100\d\d$/,
      Boston: /^021\d\d$/,
      Denver: /^\d{5}$/,
      Toronto: /^M[1-9][A-HJ-NPR-Z] [1-9][A-HJ-NPR-Z][1-9]$/,
      London: /^(W1|WC2|EC1|SE1|N1|SW3)[A-HJ-NPR-Z] [1-9][A-HJ-NPR-Z]{2}$/,
      Paris: /^750(0[1-9]|1\d|20)$/,
      Berlin: /^10\d{3}$/,
      Amsterdam: /^10[1-9]\d [A-HJ-NPR-Z]{2}$/,
      Madrid: /^280([0-4]\d|5[0-5])$/,
      Tokyo: /^1\d\d-\d{4}$/,
      Singapore: /^[1-8]\d\d{4}$/,
      Sydney: /^20\d\d$/,
      "Mexico City": /^06\d{3}$/,
    };
    const rng = Rng.from(11);
    for (const [name, re] of Object.entries(expected)) for (let i = 0; i < 8; i++) expect(postalCodeIn(rng, city(name)), name).toMatch(re);
    expect(postalCodeIn(rng, { ...SF, country: "XX" })).toMatch(/^\d{5}$/);
    const berlin = Array.from({ length: 200 }, () => Number(postalCodeIn(rng, city("Berlin")).slice(2)));
    expect(Math.min(...berlin)).toBeGreaterThanOrEqual(115);
  });

  it("four hotels per city from the brands, 2–5 stars, rated 2.8–5, always with free wifi", () => {
    const world = worldFor(SEED);
    const hotels = hotelCatalog(world);
    expect(hotels).toBe(hotelCatalog(world));
    expect(hotels).toHaveLength(world.cities.length * 4);
    const brands: Record<string, number> = {
      "Atlas Grand": 5,
      "The Linden": 5,
      "Meridian Suites": 4,
      "Harborlight Hotel": 4,
      "Copperleaf Hotel": 4,
      "Kestrel House": 4,
      "The Wayfarer": 3,
      "Parkside Inn": 3,
      "Nomad Loft": 3,
      "Cityline Express": 2,
      "Ivy & Stone": 4,
    };
    const seen = new Set<string>();
    for (const h of hotels) {
      const brand = h.name.slice(0, h.name.length - h.city.name.length - 1);
      seen.add(brand);
      expect(brands[brand], h.name).toBe(h.stars);
      expect(h.name).toBe(`${brand} ${h.city.name}`);
      expect(h.rating).toBeGreaterThanOrEqual(2.8);
      expect(h.rating).toBeLessThanOrEqual(5);
      expect(h.rating).toBeGreaterThanOrEqual(Math.min(5, Math.max(2.8, h.stars - 0.6)) - 1e-9);
      expect(h.reviews).toBeGreaterThanOrEqual(180);
      expect(h.reviews).toBeLessThanOrEqual(6400);
      expect(h.amenities).toContain("free_wifi");
      expect(["14:00", "15:00", "16:00"]).toContain(h.check_in_time);
      expect(["11:00", "12:00"]).toContain(h.check_out_time);
      const km = Math.hypot((h.lat - h.city.lat) * 111.2, (h.lon - h.city.lon) * 111.2 * Math.cos((h.city.lat * Math.PI) / 180));
      expect(km, h.name).toBeLessThan(6.1);
      expect(km, h.name).toBeGreaterThan(0.35);
    }
    expect(seen.size).toBe(11);
    const slugs: Record<string, string> = {
      "Atlas Grand": "atlasgrand",
      "The Linden": "thelinden",
      "Meridian Suites": "meridiansuites",
      "Harborlight Hotel": "harborlighthotel",
      "Copperleaf Hotel": "copperleafhotel",
      "Kestrel House": "kestrelhouse",
      "The Wayfarer": "thewayfarer",
      "Parkside Inn": "parksideinn",
      "Nomad Loft": "nomadloft",
      "Cityline Express": "citylineexpress",
      "Ivy & Stone": "ivystone",
    };
    const citySlugs: Record<string, string> = { "San Francisco": "san-francisco", "Mexico City": "mexico-city", Tokyo: "tokyo" };
    for (const h of hotels.filter((x) => x.city.name in citySlugs)) {
      const brand = h.name.slice(0, h.name.length - h.city.name.length - 1);
      expect(h.website).toBe(`https://www.${slugs[brand]}.com/${citySlugs[h.city.name]}`);
    }
    const sf = hotels.filter((h) => h.city.name === "New York");
    for (const h of sf) expect(h.street).toMatch(/^\d+ [A-Z]/);
    const berlin = hotels.filter((h) => h.city.name === "Berlin");
    for (const h of berlin) expect(h.street).toMatch(/ \d+$/);
    // Four- and five-star hotels offer more amenities than the others (60 % against 30 % each).
    const avg = (xs: typeof hotels) => xs.reduce((n, h) => n + h.amenities.length, 0) / xs.length;
    expect(avg(hotels.filter((h) => h.stars >= 4))).toBeGreaterThan(avg(hotels.filter((h) => h.stars < 4)));
    expect(HOTEL_AMENITIES).toEqual([
      "free_wifi",
      "breakfast",
      "gym",
      "pool",
      "spa",
      "parking",
      "restaurant",
      "bar",
      "airport_shuttle",
      "pet_friendly",
      "business_center",
      "ev_charging",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Through the tools, with places of our own in an empty stretch of the Atlantic (0°, -30°), where
// the seed has none within hundreds of kilometres.

const OCEAN_LON = -30;
/** "lat,lon" of a point `km` north of (0, -30) (negative: south). */
const at = (km: number) => `${Number((km * DEG_PER_KM).toFixed(6))},${OCEAN_LON}`;

interface NewPlace {
  name: string;
  km: number;
  category?: string;
  subtype?: string;
  rating?: number;
  user_ratings_total?: number;
  price_level?: number;
  city?: string;
  street?: string;
  opening_hours?: Record<string, { open: string; close: string } | null>;
}

function addPlace(s: TestSession, p: NewPlace): string {
  let id = "";
  const street = p.street ?? "1 Test Street";
  const cityName = p.city ?? "Testville";
  s.edit(maps, (db) => {
    const { km, city: _c, street: _s, ...rest } = p;
    id = db.places.create({
      category: "cafe",
      ...rest,
      address: { street, city: cityName, region: "TS", postal_code: "00001", country: "US" },
      formatted_address: `${street}, ${cityName}, TS 00001, US`,
      lat: km * DEG_PER_KM,
      lon: OCEAN_LON,
    }).id;
  });
  return id;
}

describe("maps rules: nearby_search around a location", () => {
  function town(s: TestSession) {
    return {
      centre: addPlace(s, { name: "Centre Cafe", km: 0, rating: 3, user_ratings_total: 990 }),
      a: addPlace(s, { name: "Alpha Cafe", km: 1.4, rating: 4, user_ratings_total: 90, subtype: "espresso bar" }),
      b: addPlace(s, { name: "Bravo Cafe", km: 1.6, rating: 5, user_ratings_total: 0 }),
      c: addPlace(s, { name: "Charlie Bakery", km: -0.5, category: "bakery" }),
      home: addPlace(s, { name: "1 Test Street", km: 0.2, category: "street_address" }),
    };
  }

  it("the default radius is 1,500 m; the location's own place and street addresses are left out", () => {
    const s = session();
    const t = town(s);
    const r = s.ok("nearby_search", { location: t.centre });
    expect(r.items.map((p: any) => [p.id, p.distance_m])).toEqual([
      [t.a, 1400],
      [t.c, 500],
    ]);
    const fromCoords = s.ok("nearby_search", { location: at(0) });
    expect(fromCoords.items.map((p: any) => p.id)).toEqual([t.centre, t.a, t.c]);
  });

  it("radius_m is inclusive in metres: 1,400 m reaches the place 1,400 m away, 1,399 m does not", () => {
    const s = session();
    const t = town(s);
    expect(s.ok("nearby_search", { location: t.centre, radius_m: 1400 }).items.map((p: any) => p.id)).toEqual([t.a, t.c]);
    expect(s.ok("nearby_search", { location: t.centre, radius_m: 1399 }).items.map((p: any) => p.id)).toEqual([t.c]);
    expect(s.ok("nearby_search", { location: at(0), radius_m: 1 }).items.map((p: any) => p.id)).toEqual([t.centre]);
  });

  it("prominence is rating × log10(reviews + 10): 3★ × 990 reviews (9) beats 4★ × 90 (8) beats 5★ × 0 (5) beats unrated", () => {
    const s = session();
    const t = town(s);
    const r = s.ok("nearby_search", { location: at(0), radius_m: 2000 });
    expect(r.items.map((p: any) => p.id)).toEqual([t.centre, t.a, t.b, t.c]);
  });

  it("equal prominence is broken by name", () => {
    const s = session();
    const z = addPlace(s, { name: "Zulu Cafe", subtype: "tiebreak", km: 0.3, rating: 4, user_ratings_total: 90 });
    const y = addPlace(s, { name: "Yankee Cafe", subtype: "tiebreak", km: 0.4, rating: 4, user_ratings_total: 90 });
    const w = addPlace(s, { name: "Whiskey Cafe", subtype: "tiebreak", km: 0.1, rating: 4, user_ratings_total: 90 });
    expect(s.ok("nearby_search", { location: at(0) }).items.map((p: any) => p.id)).toEqual([w, y, z]);
    expect(s.ok("search_places", { query: "tiebreak" }).items.map((p: any) => p.id)).toEqual([w, y, z]);
  });

  it("rank_by distance, with a category or a keyword (matching the name, the subtype or the category)", () => {
    const s = session();
    const t = town(s);
    expect(s.ok("nearby_search", { location: at(0), radius_m: 2000, category: "cafe", rank_by: "distance" }).items.map((p: any) => p.id)).toEqual([
      t.centre,
      t.a,
      t.b,
    ]);
    expect(s.ok("nearby_search", { location: at(0), radius_m: 2000, keyword: "espresso", rank_by: "distance" }).items.map((p: any) => p.id)).toEqual([t.a]);
    expect(s.ok("nearby_search", { location: at(0), radius_m: 2000, keyword: "bakery", rank_by: "distance" }).items.map((p: any) => p.id)).toEqual([t.c]);
    expect(s.ok("nearby_search", { location: at(0), radius_m: 2000, keyword: "bravo" }).items.map((p: any) => p.id)).toEqual([t.b]);
    expect(s.ok("nearby_search", { location: at(0), radius_m: 2000, category: "bakery" }).items.map((p: any) => p.id)).toEqual([t.c]);
    s.fails(
      "nearby_search",
      { location: at(0), rank_by: "distance" },
      "invalid_argument",
      /^rank_by 'distance' needs a category or keyword to say what to look for; add one, or use rank_by 'prominence' with radius_m$/,
    );
  });

  it("a place without opening hours is never 'open now', and its summary has no open_now", () => {
    const s = session();
    const t = town(s);
    const all = s.ok("nearby_search", { location: at(0), radius_m: 2000 });
    const a = all.items.find((p: any) => p.id === t.a);
    expect(a).toEqual({
      id: t.a,
      name: "Alpha Cafe",
      category: "cafe",
      subtype: "espresso bar",
      formatted_address: "1 Test Street, Testville, TS 00001, US",
      location: { lat: 1.4 * DEG_PER_KM, lon: -30 },
      rating: 4,
      user_ratings_total: 90,
      distance_m: 1400,
    });
    expect(all.items.find((p: any) => p.id === t.c)).not.toHaveProperty("rating");
    expect(s.ok("nearby_search", { location: at(0), radius_m: 2000, open_now: true }).total).toBe(0);
  });

  it("open now: within the day's hours on the session clock (a Tuesday, 09:00)", () => {
    const s = session();
    const week = (open: string, close: string) =>
      Object.fromEntries(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((d) => [d, { open, close }]));
    const early = addPlace(s, { name: "Early Cafe", km: 0.1, opening_hours: week("07:00", "12:00"), price_level: 1 });
    addPlace(s, { name: "Late Cafe", km: 0.2, opening_hours: week("17:00", "23:00") });
    const open = s.ok("nearby_search", { location: at(0), open_now: true });
    expect(open.items.map((p: any) => [p.id, p.open_now, p.price_level])).toEqual([[early, true, 1]]);
    const closed = s.ok("nearby_search", { location: at(0) }).items.find((p: any) => p.name === "Late Cafe");
    expect(closed.open_now).toBe(false);
    const d = s.ok("get_place_details", { place_id: early });
    expect(d).toMatchObject({ open_now: true, weekday: "tuesday", hours_today: "07:00–12:00", review_count: 0 });
    expect(d).not.toHaveProperty("review_average");
    expect(d).not.toHaveProperty("saved_as");
  });
});

describe("maps rules: search_places filters", () => {
  it("near without a radius searches 5 km: 4.9 km is in, 5.1 km is out", () => {
    const s = session();
    const near = addPlace(s, { name: "Near Cafe", km: 4.9 });
    addPlace(s, { name: "Far Cafe", km: 5.1 });
    const r = s.ok("search_places", { near: at(0) });
    expect(r.items.map((p: any) => [p.id, p.distance_m])).toEqual([[near, 4900]]);
    expect(s.ok("search_places", { near: at(0), radius_m: 5100 }).total).toBe(2);
    expect(s.ok("search_places", { near: at(0), radius_m: 5099 }).total).toBe(1);
  });

  it("near: nearest first", () => {
    const s = session();
    const b = addPlace(s, { name: "B Cafe", km: 2, rating: 5, user_ratings_total: 1000 });
    const a = addPlace(s, { name: "A Cafe", km: -1 });
    expect(s.ok("search_places", { near: at(0) }).items.map((p: any) => p.id)).toEqual([a, b]);
  });

  it("min_rating keeps a rating equal to it; max_price_level keeps a level equal to it and drops unpriced places", () => {
    const s = session();
    const four = addPlace(s, { name: "Four Cafe", km: 0.1, rating: 4, price_level: 2 });
    const low = addPlace(s, { name: "Low Cafe", km: 0.2, rating: 3.9, price_level: 1 });
    const unpriced = addPlace(s, { name: "Free Cafe", km: 0.3, rating: 4.5 });
    addPlace(s, { name: "Unrated Cafe", km: 0.4, price_level: 0 });
    const ids = (args: Record<string, unknown>) =>
      s
        .ok("search_places", { near: at(0), ...args })
        .items.map((p: any) => p.id)
        .sort();
    expect(ids({ min_rating: 4 })).toEqual([four, unpriced].sort());
    expect(ids({ min_rating: 4.1 })).toEqual([unpriced]);
    expect(ids({ max_price_level: 2, min_rating: 1 })).toEqual([four, low].sort());
    expect(ids({ max_price_level: 1, min_rating: 1 })).toEqual([low]);
    expect(ids({ max_price_level: 0 }).length).toBe(1);
  });

  it("street addresses only with category street_address; text terms must all match", () => {
    const s = session();
    const addr = addPlace(s, { name: "7 Quay Lane", km: 0.1, category: "street_address", street: "7 Quay Lane" });
    const cafe = addPlace(s, { name: "Quay Coffee", km: 0.2, subtype: "coffee roaster" });
    expect(s.ok("search_places", { near: at(0) }).items.map((p: any) => p.id)).toEqual([cafe]);
    expect(s.ok("search_places", { near: at(0), category: "street_address" }).items.map((p: any) => p.id)).toEqual([addr]);
    expect(s.ok("search_places", { near: at(0), query: "quay roaster" }).items.map((p: any) => p.id)).toEqual([cafe]);
    expect(s.ok("search_places", { near: at(0), query: "quay tea" }).total).toBe(0);
    expect(s.ok("search_places", { query: "quay", city: "Atlanta" }).total).toBe(0);
  });

  it("text matches the name, the subtype, the category in words and the address", () => {
    const s = session();
    const sight = addPlace(s, { name: "Old Tower", km: 0.1, category: "tourist_attraction", street: "5 Ferry Row" });
    const pump = addPlace(s, { name: "Fuel Stop", km: 0.2, category: "gas_station", subtype: "truck stop" });
    const ids = (query: string) => s.ok("search_places", { near: at(0), query }).items.map((p: any) => p.id);
    expect(ids("tourist attraction")).toEqual([sight]);
    expect(ids("ferry")).toEqual([sight]);
    expect(ids("truck")).toEqual([pump]);
    expect(ids("gas station")).toEqual([pump]);
    expect(s.ok("nearby_search", { location: at(0), keyword: "gas station" }).items.map((p: any) => p.id)).toEqual([pump]);
    expect(s.ok("nearby_search", { location: at(0), keyword: "truck" }).items.map((p: any) => p.id)).toEqual([pump]);
    expect(s.ok("nearby_search", { location: at(0), keyword: "ferry" }).total).toBe(0);
    const far = s.ok("search_places", { query: "tiebreak old tower" });
    expect(far.total).toBe(0);
    const plain = s.ok("search_places", { query: "Fuel Stop" });
    expect(plain.items[0]).not.toHaveProperty("distance_m");
  });

  it("radius_m: 1 and 50,000 metres are accepted; 0, 50,001 and fractions are refused with the range", () => {
    const s = session();
    addPlace(s, { name: "Dot Cafe", km: 0 });
    expect(s.ok("search_places", { near: at(0), radius_m: 1 }).total).toBe(1);
    expect(s.ok("search_places", { near: at(0), radius_m: 50_000 }).total).toBe(1);
    s.fails("search_places", { near: at(0), radius_m: 0 }, "invalid_arguments", /radius_m 0 is out of range: use 1 to 50,000 metres \(50 km\)/);
    s.fails("search_places", { near: at(0), radius_m: 50_001 }, "invalid_arguments", /radius_m 50001 is out of range: use 1 to 50,000 metres \(50 km\)/);
    s.fails("search_places", { near: at(0), radius_m: 1.5 }, "invalid_arguments", /radius_m is a whole number of metres/);
    s.fails("nearby_search", { location: at(0), radius_m: 50_001 }, "invalid_arguments", /radius_m 50001 is out of range/);
    expect(s.ok("nearby_search", { location: at(0), radius_m: 50_000 }).total).toBe(1);
    s.fails(
      "search_places",
      { category: "cafe", radius_m: 500 },
      "invalid_argument",
      /^radius_m only applies around a location: pass near as well \(a place id, saved label or 'lat,lon'\)$/,
    );
    s.fails("search_places", {}, "invalid_argument", /^give at least one of query, category, city or near to search places$/);
  });

  it("a city is named by name or airport code, in any case; an unknown one lists the cities", () => {
    const s = session();
    const byName = s.ok("search_places", { city: "paris", category: "airport" });
    const byCode = s.ok("search_places", { city: "cdg", category: "airport" });
    expect(byName.items.map((p: any) => p.id)).toEqual(byCode.items.map((p: any) => p.id));
    expect(byName.total).toBe(1);
    s.fails(
      "search_places",
      { city: "Gotham" },
      "not_found",
      /^city "Gotham" is not in the gazetteer; cities are San Francisco, Seattle, Los Angeles, .*, Sydney, Mexico City \(list_cities\)$/,
    );
  });
});

describe("maps rules: reverse geocoding within 25 km", () => {
  it("24.9 km away is found, 25.1 km is not; nearest first, 3 by default", () => {
    const s = session();
    const n = addPlace(s, { name: "North Cafe", km: 24.9 });
    addPlace(s, { name: "South Cafe", km: -25.1 });
    const r = s.ok("reverse_geocode", { latitude: 0, longitude: OCEAN_LON });
    expect(r).toEqual({
      status: "OK",
      results: [
        {
          id: n,
          name: "North Cafe",
          category: "cafe",
          formatted_address: "1 Test Street, Testville, TS 00001, US",
          location: { lat: 24.9 * DEG_PER_KM, lon: OCEAN_LON },
          distance_m: 24900,
        },
      ],
    });
    const ids = [1, 2, 3, 4].map((k) => addPlace(s, { name: `P${k}`, km: k / 10 }));
    expect(s.ok("reverse_geocode", { latitude: 0, longitude: OCEAN_LON }).results.map((x: any) => x.id)).toEqual(ids.slice(0, 3));
    expect(s.ok("reverse_geocode", { latitude: 0, longitude: OCEAN_LON, limit: 1 }).results.map((x: any) => x.id)).toEqual([ids[0]]);
  });

  it("nothing within 25 km: ZERO_RESULTS naming the nearest city and its distance", () => {
    const s = session();
    const r = s.ok("reverse_geocode", { latitude: 0, longitude: OCEAN_LON });
    expect(r.status).toBe("ZERO_RESULTS");
    expect(r.results).toEqual([]);
    expect(r.message).toMatch(/^no known address within 25 km of 0,-30; the nearest city on the map is Madrid \(ES\), \d,\d{3} km away$/);
  });
});

describe("maps rules: geocoding and autocomplete", () => {
  it("an exact match is OK, ranked by score, with the place's type; a street address is matched without its name", () => {
    const s = session();
    const gallery = addPlace(s, { name: "Zorblax Gallery", km: 0.1, category: "museum", street: "9 Quux Road" });
    const home = addPlace(s, { name: "12 Quux Road", km: 0.2, category: "street_address", street: "12 Quux Road" });
    const r = s.ok("geocode_address", { address: "Zorblax Gallery" });
    expect(r.status).toBe("OK");
    expect(r).not.toHaveProperty("message");
    expect(r.query).toBe("Zorblax Gallery");
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({
      id: gallery,
      type: "point_of_interest",
      name: "Zorblax Gallery",
      formatted_address: "9 Quux Road, Testville, TS 00001, US",
      location: { lat: 0.1 * DEG_PER_KM, lon: OCEAN_LON },
      partial_match: false,
    });
    // Both words exact (0.75) + a quarter of the trigram overlap with "Zorblax Gallery 9 Quux Road, Testville, TS 00001, US United States" (0.4).
    expect(r.results[0].match_score).toBe(0.85);
    const addr = s.ok("geocode_address", { address: "12 Quux Rd" });
    expect(addr.status).toBe("OK");
    expect(addr.results.map((x: any) => [x.id, x.type])).toEqual([[home, "street_address"]]);
    // The address's name is not matched a second time: the trigrams are those of its address and country alone.
    expect(addr.results[0].match_score).toBe(0.821);
    // Both hold "quux road": the exact matches only, best score first.
    const both = s.ok("geocode_address", { address: "Quux Road" });
    expect(both.results.map((x: any) => x.id)).toEqual([home, gallery]);
    expect(both.results.map((x: any) => x.match_score)).toEqual([0.832, 0.815]);
  });

  it("the country's name is part of what is matched", () => {
    const s = session();
    const gallery = addPlace(s, { name: "Zorblax Gallery", km: 0.1, category: "museum" });
    expect(s.ok("geocode_address", { address: "Zorblax United States" }).results.map((x: any) => x.id)).toEqual([gallery]);
  });

  it("no exact match: PARTIAL_MATCH with a message, the closest candidates up to the limit (5 by default)", () => {
    const s = session();
    const gallery = addPlace(s, { name: "Zorblax Gallery", km: 0.1, category: "museum" });
    const r = s.ok("geocode_address", { address: "Zorblx Galery", city: "Atlanta" });
    expect(r.status).toBe("PARTIAL_MATCH");
    expect(r.message).toBe('no exact match for "Zorblx Galery"; these are the closest known addresses — confirm one with the user');
    expect(r.results).toHaveLength(5);
    expect(r.results.every((x: any) => x.partial_match === true)).toBe(true);
    expect(r.results.map((x: any) => x.id)).not.toContain(gallery);
    const scores = r.results.map((x: any) => x.match_score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    const typo = s.ok("geocode_address", { address: "Zorblx Galery", limit: 2 });
    expect(typo.results).toHaveLength(2);
    expect(typo.results[0]).toMatchObject({ id: gallery, partial_match: true });
    expect(typo.results[0].match_score).toBeGreaterThan(typo.results[1].match_score);
    s.fails(
      "geocode_address",
      { address: "!! ??" },
      "invalid_argument",
      /^address "!! \?\?" has no letters or digits to match; give a street address or a place name$/,
    );
  });

  it("exact matches rank before partial ones whatever their scores, then by score, then by id", () => {
    const s = session();
    const a = addPlace(s, { name: "Qwerty Snorf", km: 0.1, category: "museum", street: "1 A Road" });
    const b = addPlace(s, { name: "Qwerty Snorf", km: 0.2, category: "museum", street: "1 A Road" });
    const r = s.ok("geocode_address", { address: "Qwerty Snorf" });
    expect(r.results.map((x: any) => x.id)).toEqual([a, b]);
  });

  it("autocomplete: names that start with the input first, then by prominence, with the description by kind", () => {
    const s = session();
    const start = addPlace(s, { name: "Plinth Works", km: 0.1, category: "museum" });
    const inside = addPlace(s, { name: "Old Plinth", km: 0.2, category: "museum", rating: 5, user_ratings_total: 1000 });
    const addr = addPlace(s, { name: "3 Plinth Lane", km: 0.3, category: "street_address", street: "3 Plinth Lane" });
    const r = s.ok("autocomplete_place", { input: "plin" });
    expect(r.predictions.map((p: any) => p.id)).toEqual([start, inside, addr]);
    expect(r.predictions[0]).toEqual({
      id: start,
      description: "Plinth Works, 1 Test Street, Testville, TS 00001, US",
      main_text: "Plinth Works",
      secondary_text: "Testville, US",
      category: "museum",
    });
    expect(r.predictions[2].description).toBe("3 Plinth Lane, Testville, TS 00001, US");
    expect(s.ok("autocomplete_place", { input: "plin", limit: 1 }).predictions.map((p: any) => p.id)).toEqual([start]);
    expect(s.ok("autocomplete_place", { input: "plin", city: "Atlanta" }).predictions).toEqual([]);
    s.fails("autocomplete_place", { input: "--" }, "invalid_argument", /^input "--" has no letters or digits; type part of a name or address$/);
  });

  it("autocomplete near a location: after the name rule, nearest first, with distance_m", () => {
    const s = session();
    const far = addPlace(s, { name: "Plinth Far", km: 3, category: "museum", rating: 5, user_ratings_total: 1000 });
    const close = addPlace(s, { name: "Plinth Close", km: 1, category: "museum" });
    const inside = addPlace(s, { name: "Old Plinth", km: 0.5, category: "museum" });
    const r = s.ok("autocomplete_place", { input: "plinth", near: at(0) });
    expect(r.predictions.map((p: any) => [p.id, p.distance_m])).toEqual([
      [close, 1000],
      [far, 3000],
      [inside, 500],
    ]);
  });
});

describe("maps rules: place details and reviews", () => {
  function reviewed(s: TestSession, ratings: number[]): string {
    const id = addPlace(s, { name: "Review Cafe", km: 0.1 });
    s.edit(maps, (db) => {
      ratings.forEach((rating, i) =>
        db.reviews.create({
          place_id: id,
          author: `Author ${i}`,
          rating,
          text: `${rating} stars`,
          created_at: `2026-01-${String(10 + i).padStart(2, "0")}T10:00:00Z`,
        }),
      );
    });
    return id;
  }

  it("the review average is rounded to one decimal: 5, 4, 4 is 4.3; the count is the number of reviews", () => {
    const s = session();
    const id = reviewed(s, [5, 4, 4]);
    const d = s.ok("get_place_details", { place_id: id });
    expect(d).toMatchObject({ review_count: 3, review_average: 4.3, city_time_zone: "Europe/Madrid" });
    expect(d).not.toHaveProperty("open_now");
    expect(d.hours_today).toBeUndefined();
    const two = reviewed(s, [5, 4]);
    expect(s.ok("get_place_details", { place_id: two }).review_average).toBe(4.5);
  });

  it("reviews: newest first by default, highest or lowest by stars, at least min_rating", () => {
    const s = session();
    const id = reviewed(s, [3, 5, 1, 4]);
    const stars = (args: Record<string, unknown>) => s.ok("list_place_reviews", { place_id: id, ...args }).items.map((r: any) => r.rating);
    expect(stars({})).toEqual([4, 1, 5, 3]);
    expect(stars({ sort: "highest" })).toEqual([5, 4, 3, 1]);
    expect(stars({ sort: "lowest" })).toEqual([1, 3, 4, 5]);
    expect(stars({ sort: "lowest", min_rating: 3 })).toEqual([3, 4, 5]);
    expect(stars({ min_rating: 5 })).toEqual([5]);
  });
});

describe("maps rules: cities and categories", () => {
  it("list_cities by country code (any case) or name, with the city's row", () => {
    const s = session();
    const jp = s.ok("list_cities", { country: "jp" });
    expect(jp.total).toBe(1);
    expect(jp.items[0]).toMatchObject({
      name: "Tokyo",
      region: "Tokyo",
      country: "JP",
      country_name: "Japan",
      continent: "Asia",
      location: { lat: 35.6762, lon: 139.6503 },
      time_zone_id: "Asia/Tokyo",
      airport: "HND",
    });
    expect(s.ok("list_cities", { country: "united kingdom" }).items.map((c: any) => c.name)).toEqual(["London"]);
    expect(s.ok("list_cities", { country: "Narnia" }).total).toBe(0);
    const tokyoPlaces = s.ok("list_place_categories", { city: "Tokyo" }).categories.reduce((n: number, c: any) => n + c.count, 0);
    expect(jp.items[0].place_count).toBe(tokyoPlaces);
  });

  it("list_place_categories names the city only when one is asked, and lists all 23 categories", () => {
    const s = session();
    addPlace(s, { name: "Extra Cafe", km: 0 });
    const all = s.ok("list_place_categories", {});
    expect(all).not.toHaveProperty("city");
    expect(all.categories.map((c: any) => c.category)).toEqual([...PLACE_CATEGORIES]);
    const one = s.ok("list_place_categories", { city: "tokyo" });
    expect(one.city).toBe("Tokyo");
    const cafes = (r: any) => r.categories.find((c: any) => c.category === "cafe").count;
    const total = CITIES.reduce((n, c) => n + cafes(s.ok("list_place_categories", { city: c.name })), 0);
    expect(cafes(all)).toBe(total + 1);
  });
});

// The session starts on Tuesday 2026-05-12 at 09:00 (UTC): rush hour for driving.
const NOW = "2026-05-12T09:00:00Z";
const SF_AT = "37.7749,-122.4194";
/** 09:00 in San Francisco on NOW's day (PDT, UTC−7): its morning rush hour. */
const SF_NINE = "2026-05-12T16:00:00Z";
/** "lat,lon" `km` north of San Francisco's centre. */
const sfNorth = (km: number) => `${Number((SF.lat + km * DEG_PER_KM).toFixed(6))},${SF.lon}`;

describe("maps rules: directions", () => {
  it("a 7.2 km drive in San Francisco at 09:00 local (16:00 UTC) on a Tuesday: 9.7 km, 30 min in traffic, 23 without", () => {
    const s = session();
    expect(s.now()).toBe(NOW);
    const r = s.ok("get_directions", { origin: SF_AT, destination: sfNorth(7.2), departure_time: SF_NINE });
    expect(r).toMatchObject({
      origin: { name: SF_AT, address: SF_AT, location: { lat: 37.7749, lon: -122.4194 }, city: "San Francisco" },
      mode: "driving",
      distance_km: 9.7,
      distance_text: "9.7 km",
      duration_minutes: 30,
      duration_text: "30 min",
      duration_without_traffic_minutes: 23,
      departure_time: SF_NINE,
      arrival_time: "2026-05-12T16:30:00Z",
    });
    expect(r.origin).not.toHaveProperty("place_id");
    expect(r.destination.city).toBe("San Francisco");
    const walk = s.ok("get_directions", { origin: SF_AT, destination: sfNorth(7.2), mode: "walking", departure_time: SF_NINE });
    expect(walk).not.toHaveProperty("duration_without_traffic_minutes");
    // 9.0 road km at 5 km/h: 108 minutes.
    expect(walk).toMatchObject({ distance_km: 9, duration_minutes: 108, duration_text: "1 h 48 min", arrival_time: "2026-05-12T17:48:00Z" });
  });

  it("traffic is read on the origin's clock: 09:00 UTC is 02:00 in San Francisco, night driving (×0.85: 20 min, not 23)", () => {
    const s = session();
    expect(wallClockAt(NOW, SF)).toBe("2026-05-12T02:00:00Z");
    expect(wallClockAt("2026-11-10T13:00:00Z", city("Atlanta"))).toBe("2026-11-10T08:00:00Z");
    const r = s.ok("get_directions", { origin: SF_AT, destination: sfNorth(7.2) });
    expect(r).toMatchObject({ departure_time: NOW, duration_minutes: 20, duration_without_traffic_minutes: 23, arrival_time: "2026-05-12T09:20:00Z" });
  });

  it("a long drive reads its distance with thousands separators and its duration in days and hours", () => {
    const s = session();
    const ny = city("New York");
    const r = s.ok("get_directions", { origin: SF_AT, destination: `${ny.lat},${ny.lon}` });
    expect(r.distance_text).toMatch(/^\d,\d{3}(\.\d)? km$/);
    expect(r.duration_text).toMatch(/^\d d \d{1,2} h$/);
    expect(r.summary).toBe("via the highway to New York");
  });

  it("10 metres apart are two places; 9 metres are the same place", () => {
    const s = session();
    expect(s.ok("get_directions", { origin: SF_AT, destination: sfNorth(0.011), mode: "walking" }).duration_minutes).toBe(1);
    s.fails(
      "get_directions",
      { origin: SF_AT, destination: sfNorth(0.009) },
      "invalid_argument",
      /^origin and destination are the same place \(37\.7749,-122\.4194\); pick two different locations$/,
    );
    s.fails("get_travel_time", { origin: SF_AT, destination: sfNorth(0.009) }, "invalid_argument", /^origin and destination are the same place/);
  });

  it("departure now is accepted; a minute before now is in the past", () => {
    const s = session();
    expect(s.ok("get_directions", { origin: SF_AT, destination: sfNorth(5), departure_time: NOW }).departure_time).toBe(NOW);
    s.fails(
      "get_directions",
      { origin: SF_AT, destination: sfNorth(5), departure_time: "2026-05-12T08:59:00Z" },
      "invalid_argument",
      /^departure_time 2026-05-12T08:59:00Z is in the past; now is 2026-05-12T09:00:00Z — pass now or a later time, or leave it out to leave now$/,
    );
    const later = s.ok("get_directions", { origin: SF_AT, destination: sfNorth(7.2), departure_time: "2026-05-12T12:00:00Z" });
    expect(later).toMatchObject({ duration_minutes: 23, duration_without_traffic_minutes: 23, arrival_time: "2026-05-12T12:23:00Z" });
  });

  it("no route is a failed precondition naming the reason", () => {
    const s = session();
    s.fails(
      "get_directions",
      { origin: SF_AT, destination: sfNorth(40.05), mode: "walking" },
      "failed_precondition",
      /^walking route would be 50\.1 km, over the 50 km walking limit; use bicycling, transit or driving$/,
    );
  });
});

describe("maps rules: the distance matrix", () => {
  it("4 × 25 = 100 pairs is the most; 5 × 21 = 105 is refused, saying the arithmetic", () => {
    const s = session();
    const dest = Array.from({ length: 25 }, (_, i) => sfNorth(1 + i / 10));
    const ok = s.ok("get_distance_matrix", { origins: [SF_AT, sfNorth(0.5), sfNorth(0.6), sfNorth(0.7)], destinations: dest, mode: "walking" });
    expect(ok.rows).toHaveLength(4);
    expect(ok.rows.every((r: any) => r.elements.length === 25)).toBe(true);
    s.fails(
      "get_distance_matrix",
      { origins: dest.slice(0, 5), destinations: [...dest.slice(0, 21)] },
      "limit_exceeded",
      /^5 origins × 21 destinations = 105 pairs; a matrix holds at most 100 — split the request$/,
    );
  });

  it("each element is OK with distance and duration, or NO_ROUTE with the reason", () => {
    const s = session();
    const r = s.ok("get_distance_matrix", { origins: [SF_AT], destinations: [sfNorth(7.2), sfNorth(40.05)], mode: "walking" });
    expect(r).toEqual({
      mode: "walking",
      departure_time: NOW,
      origins: [SF_AT],
      destinations: [sfNorth(7.2), sfNorth(40.05)],
      rows: [
        {
          origin: SF_AT,
          elements: [
            { destination: sfNorth(7.2), status: "OK", distance_km: 9, duration_minutes: 108, duration_text: "1 h 48 min" },
            {
              destination: sfNorth(40.05),
              status: "NO_ROUTE",
              reason: "walking route would be 50.1 km, over the 50 km walking limit; use bicycling, transit or driving",
            },
          ],
        },
      ],
    });
    s.fails(
      "get_distance_matrix",
      { origins: [SF_AT], destinations: [sfNorth(1)], departure_time: "2026-05-12T08:59:00Z" },
      "invalid_argument",
      /is in the past/,
    );
    s.fails("get_distance_matrix", { origins: ["Atlantis"], destinations: [sfNorth(1)] }, "not_found", /^origins\[0\] "Atlantis" is not a place id/);
  });
});

describe("maps rules: travel time back from an arrival", () => {
  it("to arrive at 10:00 local leave at 09:30: the guess at 10:00 (23 min, no traffic) leaves in rush hour, which takes 30", () => {
    const s = session();
    const r = s.ok("get_travel_time", { origin: SF_AT, destination: sfNorth(7.2), arrival_time: "2026-05-12T17:00:00Z" });
    expect(r).toEqual({
      origin: SF_AT,
      destination: sfNorth(7.2),
      mode: "driving",
      distance_km: 9.7,
      duration_minutes: 30,
      duration_text: "30 min",
      departure_time: "2026-05-12T16:30:00Z",
      arrival_time: "2026-05-12T17:00:00Z",
    });
  });

  it("an arrival that needs leaving exactly now is accepted; a minute earlier is already past", () => {
    const s = session();
    // Now is 02:00 in San Francisco: night driving, 20 minutes.
    const r = s.ok("get_travel_time", { origin: SF_AT, destination: sfNorth(7.2), arrival_time: "2026-05-12T09:20:00Z" });
    expect(r.departure_time).toBe(NOW);
    s.fails(
      "get_travel_time",
      { origin: SF_AT, destination: sfNorth(7.2), arrival_time: "2026-05-12T09:19:00Z" },
      "failed_precondition",
      /^to arrive by 2026-05-12T09:19:00Z you would have to leave at 2026-05-12T08:59:00Z \(20 min by driving\), which is already past — now is 2026-05-12T09:00:00Z; the earliest possible arrival is 2026-05-12T09:20:00Z$/,
    );
  });

  it("both times are refused; an arrival without a route says why; leaving later uses that time's traffic", () => {
    const s = session();
    s.fails(
      "get_travel_time",
      { origin: SF_AT, destination: sfNorth(7.2), departure_time: NOW, arrival_time: "2026-05-12T12:00:00Z" },
      "invalid_argument",
      /^pass departure_time or arrival_time, not both$/,
    );
    s.fails(
      "get_travel_time",
      { origin: SF_AT, destination: sfNorth(40.05), mode: "walking", arrival_time: "2026-05-13T12:00:00Z" },
      "failed_precondition",
      /^walking route would be 50\.1 km/,
    );
    const later = s.ok("get_travel_time", { origin: SF_AT, destination: sfNorth(7.2), departure_time: "2026-05-12T12:00:00Z" });
    expect(later).toMatchObject({ duration_minutes: 23, departure_time: "2026-05-12T12:00:00Z", arrival_time: "2026-05-12T12:23:00Z" });
    s.fails("get_travel_time", { origin: SF_AT, destination: sfNorth(7.2), departure_time: "2026-05-12T08:00:00Z" }, "invalid_argument", /is in the past/);
    s.fails("get_travel_time", { origin: SF_AT, destination: sfNorth(40.05), mode: "walking" }, "failed_precondition", /over the 50 km walking limit/);
  });
});

describe("maps rules: time zones", () => {
  const SG = city("Singapore");
  const southOfSg = (km: number) => `${Number((SG.lat - km * DEG_PER_KM).toFixed(6))},${SG.lon}`;

  it("land within 1,000 km of a city has its time zone; beyond has none", () => {
    const s = session();
    expect(s.ok("get_timezone", { location: southOfSg(999) })).toMatchObject({
      city: "Singapore",
      time_zone_id: "Asia/Singapore",
      time_zone_name: "Singapore Standard Time",
      utc_offset: "+08:00",
      raw_offset_seconds: 28800,
      dst_offset_seconds: 0,
      timestamp: NOW,
    });
    s.fails(
      "get_timezone",
      { location: southOfSg(1001) },
      "not_found",
      new RegExp(
        `^no time zone data for ${southOfSg(1001).replace(/\./g, "\\.")}: the map covers land within 1,000 km of its cities, and the nearest, Singapore, is 1,001 km away$`,
      ),
    );
  });

  it("the data covers 1970-01-01 up to the end of 2099", () => {
    const s = session();
    expect(s.ok("get_timezone", { location: SF_AT, timestamp: "1970-01-01T00:00:00Z" }).timestamp).toBe("1970-01-01T00:00:00Z");
    expect(s.ok("get_timezone", { location: SF_AT, timestamp: "2099-12-31T23:59:00Z" })).toMatchObject({ utc_offset: "-08:00", raw_offset_seconds: -28800 });
    s.fails(
      "get_timezone",
      { location: SF_AT, timestamp: "1969-12-31T23:59:00Z" },
      "invalid_argument",
      /^timestamp 1969-12-31T23:59:00Z is outside the time zone data, which covers 1970 to 2099$/,
    );
    s.fails("get_timezone", { location: SF_AT, timestamp: "2100-01-01T00:00:00Z" }, "invalid_argument", /^timestamp 2100-01-01T00:00:00Z is outside/);
  });

  it("summer time: the raw offset is the standard one, the daylight part the difference", () => {
    const s = session();
    expect(s.ok("get_timezone", { location: SF_AT })).toMatchObject({
      location: { lat: 37.7749, lon: -122.4194 },
      city: "San Francisco",
      time_zone_id: "America/Los_Angeles",
      time_zone_name: "Pacific Daylight Time",
      utc_offset: "-07:00",
      raw_offset_seconds: -28800,
      dst_offset_seconds: 3600,
    });
  });
});

describe("maps rules: saved places", () => {
  // Seed 21: SAV-1001 Home, SAV-1002 Work, SAV-1003 Gym, SAV-1004 Date night, SAV-1005 Felix's place.
  const HOME_ADDRESS = "2549 Harbor Road, Atlanta, GA 79302, US";
  const WORK_ADDRESS = "282 Park Avenue, Atlanta, GA 96622, US";

  it("saving a place copies its coordinates and address, stamped now, with an empty note by default", () => {
    const s = session();
    const id = addPlace(s, { name: "Saved Cafe", km: 0.1 });
    expect(s.ok("save_place", { label: "  Coffee  ", place_id: id })).toEqual({
      id: "SAV-1006",
      label: "Coffee",
      place_id: id,
      lat: 0.1 * DEG_PER_KM,
      lon: OCEAN_LON,
      address: "1 Test Street, Testville, TS 00001, US",
      note: "",
      created_at: NOW,
    });
  });

  it("a dropped pin within 100 m of a place is addressed 'near' the closest one; farther, by its coordinates", () => {
    const s = session();
    addPlace(s, { name: "Pin A", km: 0, street: "1 A Street" });
    addPlace(s, { name: "Pin B", km: 0.08, street: "2 B Street" });
    const near = (km: number, label: string) => s.ok("save_place", { label, latitude: Number((km * DEG_PER_KM).toFixed(6)), longitude: OCEAN_LON }).address;
    expect(near(0.01, "p1")).toBe("near 1 A Street, Testville, TS 00001, US");
    expect(near(0.05, "p2")).toBe("near 2 B Street, Testville, TS 00001, US");
    expect(near(0.17, "p3")).toBe("near 2 B Street, Testville, TS 00001, US");
    expect(near(-0.09, "p4")).toBe("near 1 A Street, Testville, TS 00001, US");
    const lat = Number((-0.11 * DEG_PER_KM).toFixed(6));
    const now = s.now();
    const far = s.ok("save_place", { label: "p5", latitude: lat, longitude: OCEAN_LON, note: "by the buoy" });
    expect(far).toMatchObject({ address: `${lat},-30`, note: "by the buoy", lat, lon: -30, created_at: now });
    expect(far).not.toHaveProperty("place_id");
  });

  it("a pin is used as a location by its label, named with its address", () => {
    const s = session();
    const pin = s.ok("save_place", { label: "Bench", latitude: 37.7749, longitude: -122.4194 });
    expect(pin.address).toMatch(/^(near .*|37\.7749,-122\.4194)$/);
    const r = s.ok("get_directions", { origin: "bench", destination: sfNorth(7.2) });
    expect(r.origin).toMatchObject({ name: `Bench (${pin.address})`, address: SF_AT, location: { lat: 37.7749, lon: -122.4194 } });
    expect(r.origin).not.toHaveProperty("place_id");
  });

  it("place_id or a pin, not both and not neither; a pin needs both coordinates", () => {
    const s = session();
    const both = /^give either place_id or latitude and longitude \(a dropped pin\), not both and not neither$/;
    s.fails("save_place", { label: "X" }, "invalid_argument", both);
    s.fails("save_place", { label: "X", place_id: "PL-10950", longitude: 1 }, "invalid_argument", both);
    s.fails("save_place", { label: "X", longitude: 1 }, "invalid_argument", /^a dropped pin needs both latitude and longitude$/);
    s.fails(
      "save_place",
      { label: "X", latitude: 0, longitude: 181 },
      "invalid_arguments",
      /longitude 181 is out of range: longitudes lie between -180 and 180/,
    );
    expect(s.ok("save_place", { label: "Edge", latitude: -90, longitude: 180 }).lat).toBe(-90);
  });

  it("a label already used (ignoring case and spaces) is refused, naming its owner", () => {
    const s = session();
    s.fails(
      "save_place",
      { label: " HOME", latitude: 1, longitude: 1 },
      "already_exists",
      new RegExp(`^the label "Home" is already used by SAV-1001 \\(${HOME_ADDRESS}\\); pick another label, or change that one with update_saved_place$`),
    );
  });

  it("a place carries one label", () => {
    const s = session();
    const gym = s.ok("get_place_details", { place_id: "PL-10454" });
    s.fails(
      "save_place",
      { label: "Workout", place_id: "PL-10454" },
      "already_exists",
      new RegExp(`^${gym.name} is already saved as "Gym" \\(SAV-1003\\); a place carries one label — rename it with update_saved_place$`),
    );
    s.fails("save_place", { label: "Nowhere", place_id: "PL-00001" }, "not_found");
  });

  it("the 50th saved place is accepted; the 51st is refused", () => {
    const s = session();
    for (let i = 0; i < 44; i++) s.ok("save_place", { label: `Pin ${i}`, latitude: 10 + i / 100, longitude: 10 });
    expect(s.ok("save_place", { label: "Fiftieth", latitude: 12, longitude: 12 }).id).toBe("SAV-1050");
    s.fails(
      "save_place",
      { label: "Fifty-first", latitude: 13, longitude: 13 },
      "limit_exceeded",
      /^the user already has 50 saved places, the most allowed; remove one with remove_saved_place first$/,
    );
  });

  it("update: a new note keeps the label, a new label keeps the note; another's label is refused", () => {
    const s = session();
    expect(s.ok("update_saved_place", { saved_place_id: "SAV-1002", note: "New desk" })).toMatchObject({ label: "Work", note: "New desk" });
    expect(s.ok("update_saved_place", { saved_place_id: "SAV-1002", label: "Office" })).toMatchObject({ label: "Office", note: "New desk" });
    expect(s.ok("update_saved_place", { saved_place_id: "SAV-1002", note: "" }).note).toBe("");
    s.fails(
      "update_saved_place",
      { saved_place_id: "SAV-1003", label: "office " },
      "already_exists",
      new RegExp(`^the label "Office" is already used by SAV-1002 \\(${WORK_ADDRESS}\\); pick another label$`),
    );
    s.fails("update_saved_place", { saved_place_id: "SAV-1003" }, "invalid_argument", /^nothing to change: give a new label, a new note, or both$/);
  });

  it("remove returns what was removed and frees the place and the label", () => {
    const s = session();
    expect(s.ok("remove_saved_place", { saved_place_id: "SAV-1001" })).toEqual({ removed: "SAV-1001", label: "Home", address: HOME_ADDRESS });
    expect(s.row("places", "PL-10950")).toBeDefined();
    expect(s.ok("save_place", { label: "home", place_id: "PL-10950" }).label).toBe("home");
  });

  it("list_saved_places filters by words in the label, note or address", () => {
    const s = session();
    expect(s.ok("list_saved_places", { query: "buzzer" }).items.map((x: any) => x.id)).toEqual(["SAV-1005"]);
    expect(s.ok("list_saved_places", { query: "Park Avenue" }).items.map((x: any) => x.id)).toEqual(["SAV-1002"]);
    expect(s.ok("list_saved_places", { query: "date" }).items.map((x: any) => x.id)).toEqual(["SAV-1004"]);
  });
});

describe("maps rules: naming a location", () => {
  it("a place id or saved place id in any case, a saved label, or coordinates with spaces", () => {
    const s = session();
    const byId = s.ok("get_directions", { origin: "pl-10950", destination: "sav-1003" });
    // A street address is named by its full address.
    expect(byId.origin).toMatchObject({
      name: "2549 Harbor Road, Atlanta, GA 79302, US",
      address: "2549 Harbor Road, Atlanta, GA 79302, US",
      place_id: "PL-10950",
      city: "Atlanta",
    });
    expect(byId.destination).toMatchObject({ name: "Gym (195 Oak Street, Atlanta, GA 68510, US)", place_id: "PL-10454" });
    expect(byId.steps[0].instruction).toMatch(/ on Harbor Road$/);
    expect(byId.steps.at(-1).instruction).toMatch(/^Arrive at Gym \(195 Oak Street, Atlanta, GA 68510, US\), on the (left|right) of Oak Street$/);
    // A point of interest by its name.
    const gym = s.ok("get_place_details", { place_id: "PL-10454" });
    expect(s.ok("get_directions", { origin: "PL-10454", destination: "Home" }).origin.name).toBe(gym.name);
    const coords = s.ok("get_directions", { origin: " 37.7749 , -122.4194 ", destination: sfNorth(7.2) });
    expect(coords.origin.name).toBe(SF_AT);
  });

  it("coordinates have 1–3 integer digits and at most 12 decimals; anything else is looked up as a name", () => {
    const s = session();
    s.fails("get_timezone", { location: "1234,5" }, "not_found", /^location "1234,5" is not a place id/);
    s.fails("get_timezone", { location: "1.1234567890123,5" }, "not_found", /^location "1\.1234567890123,5" is not a place id/);
    expect(s.ok("get_timezone", { location: "1.123456789012,103.8" }).city).toBe("Singapore");
    s.fails("get_timezone", { location: "-91,0" }, "invalid_argument", /^latitude -91 is out of range: latitudes lie between -90 and 90$/);
  });

  it("an unknown location's message lists up to 8 saved labels and quotes at most 60 characters of it", () => {
    const s = session();
    s.fails(
      "get_timezone",
      { location: "Narnia" },
      "not_found",
      /^location "Narnia" is not a place id, a saved place or coordinates: pass a place id such as 'PL-10042' \(find one with search_places or geocode_address\), a saved place label \("Home", "Work", "Gym", "Date night", "Felix's place"\), or coordinates as 'lat,lon' such as '48\.8584,2\.2945'$/,
    );
    for (const l of ["L6", "L7", "L8", "L9"]) s.ok("save_place", { label: l, latitude: 1, longitude: 1 });
    const e = s.fails("get_timezone", { location: `${"x".repeat(60)}yyyy` }, "not_found");
    expect(e.message).toContain(`location "${"x".repeat(60)}" is not`);
    expect(e.message).toContain('("Home", "Work", "Gym", "Date night", "Felix\'s place", "L6", "L7", "L8"), or');
  });

  it("with no saved places the message offers no labels", () => {
    const s = session();
    for (const id of ["SAV-1001", "SAV-1002", "SAV-1003", "SAV-1004", "SAV-1005"]) s.ok("remove_saved_place", { saved_place_id: id });
    s.fails(
      "get_timezone",
      { location: "Home" },
      "not_found",
      /pass a place id such as 'PL-10042' \(find one with search_places or geocode_address\), a saved place label, or coordinates as/,
    );
  });
});

describe("maps rules: a route's streets are fixed per trip", () => {
  it("the same two points and mode always give the same streets, turns and line", () => {
    const t = `${TUE}T12:00:00Z`;
    expect(planRoute(sfCentre(), northOfSf(7.2), "driving", t).steps.map((s) => s.instruction)).toEqual([
      "Head north",
      "Turn left onto Harbor Road",
      "Turn left onto Grand Avenue",
      `Arrive at ${northOfSf(7.2).name}`,
    ]);
    expect(planRoute(sfCentre(), northOfSf(100), "driving", t).steps[3]?.instruction).toBe(
      "Take the exit toward San Francisco centre and continue on Main Street",
    );
    const transit = planRoute(sfCentre(), northOfSf(20), "transit", t);
    expect(transit.summary).toBe("line 1");
    expect(transit.steps.map((s) => s.instruction).slice(0, 2)).toEqual(["Walk north to the Oak Street stop", "Take line 1 toward Oak Street for 24 stops"]);
    const walk = planRoute({ ...sfCentre(), name: "Home", street: "Market Street" }, { ...northOfSf(0.5), name: "Gym", street: "Pine Street" }, "walking", t);
    expect(walk.summary).toBe("via Washington Avenue");
    expect(walk.steps.map((s) => s.instruction)).toEqual([
      "Head north on Market Street",
      "Turn left onto Washington Avenue",
      "Arrive at Gym, on the right of Pine Street",
    ]);
  });
});

describe("maps rules: how an entity is mentioned", () => {
  const address = { street: "12 Rue de Rivoli", city: "Paris", region: "Île-de-France", postal_code: "75001", country: "FR" };
  const place = (category: string, subtype?: string) =>
    ({
      id: "PL-10001",
      name: "Le Test",
      category,
      ...(subtype ? { subtype } : {}),
      address,
      formatted_address: "12 Rue de Rivoli, Paris, Île-de-France 75001, FR",
      lat: 48.86,
      lon: 2.35,
    }) as any;

  it("a place by name and kind (its subtype, else its category in words) on its street in its city; an address by itself", () => {
    const describePlace = (tables.places as any).describe;
    expect(describePlace(place("museum", "art museum"))).toBe("Le Test, the art museum on 12 Rue de Rivoli in Paris");
    expect(describePlace(place("tourist_attraction"))).toBe("Le Test, the tourist attraction on 12 Rue de Rivoli in Paris");
    expect(describePlace(place("street_address"))).toBe("the address 12 Rue de Rivoli, Paris, Île-de-France 75001, FR");
  });

  it("a review by author, stars and day; a saved place by label and address", () => {
    expect((tables.reviews as any).describe({ id: "REV-1", place_id: "PL-1", author: "Ana", rating: 4, text: "ok", created_at: "2026-01-10T10:00:00Z" })).toBe(
      "Ana's 4-star review from 2026-01-10",
    );
    expect(
      (tables.saved_places as any).describe({
        id: "SAV-1",
        label: "Home",
        lat: 0,
        lon: 0,
        address: "1 Main Street",
        note: "",
        created_at: "2026-01-10T10:00:00Z",
      }),
    ).toBe('the saved place "Home" (1 Main Street)');
  });
});

describe("maps rules: ties are broken by id", () => {
  it("reverse geocoding: two places at one spot, lower id first", () => {
    const s = session();
    const a = addPlace(s, { name: "Twin B", km: 1 });
    const b = addPlace(s, { name: "Twin A", km: 1 });
    expect(s.ok("reverse_geocode", { latitude: 0, longitude: OCEAN_LON }).results.map((x: any) => x.id)).toEqual([a, b]);
  });

  it("autocomplete: equal rank and prominence, lower id first", () => {
    const s = session();
    const a = addPlace(s, { name: "Plinth Twin", km: 1, category: "museum" });
    const b = addPlace(s, { name: "Plinth Twin", km: 1, category: "museum" });
    expect(s.ok("autocomplete_place", { input: "plinth twin" }).predictions.map((x: any) => x.id)).toEqual([a, b]);
  });

  it("search_places reads at most 8 words of a query", () => {
    const s = session();
    const id = addPlace(s, { name: "Quay Coffee", km: 0.1 });
    expect(s.ok("search_places", { near: at(0), query: "quay quay quay quay quay quay quay quay zzzz" }).items.map((x: any) => x.id)).toEqual([id]);
    expect(s.ok("search_places", { near: at(0), query: "quay quay quay quay quay quay quay zzzz" }).total).toBe(0);
  });
});

describe("maps rules: the state's own bounds", () => {
  const base = {
    name: "Bound Cafe",
    category: "cafe",
    address: { street: "1 Test Street", city: "Testville", region: "TS", postal_code: "00001", country: "US" },
    formatted_address: "1 Test Street, Testville, TS 00001, US",
    lat: 0,
    lon: 0,
  };
  function accepts(table: "places" | "reviews" | "saved_places", fields: Record<string, unknown>): boolean {
    const s = session();
    try {
      s.edit(maps, (db) => db[table].create(fields));
      return true;
    } catch (e: any) {
      expect(e.message).toContain("would break the state schema");
      return false;
    }
  }

  it("a place lies on the globe, is rated 1–5 by a whole, non-negative number of ratings, priced 0–4", () => {
    expect(accepts("places", { ...base, lat: 90, lon: -180, rating: 1, user_ratings_total: 0, price_level: 0 })).toBe(true);
    expect(accepts("places", { ...base, lat: -90, lon: 180, rating: 5, price_level: 4 })).toBe(true);
    expect(accepts("places", { ...base, lat: 90.1 })).toBe(false);
    expect(accepts("places", { ...base, lat: -90.1 })).toBe(false);
    expect(accepts("places", { ...base, lon: 180.1 })).toBe(false);
    expect(accepts("places", { ...base, lon: -180.1 })).toBe(false);
    expect(accepts("places", { ...base, rating: 0.9 })).toBe(false);
    expect(accepts("places", { ...base, rating: 5.1 })).toBe(false);
    expect(accepts("places", { ...base, user_ratings_total: -1 })).toBe(false);
    expect(accepts("places", { ...base, user_ratings_total: 1.5 })).toBe(false);
    expect(accepts("places", { ...base, price_level: -1 })).toBe(false);
    expect(accepts("places", { ...base, price_level: 5 })).toBe(false);
    expect(accepts("places", { ...base, price_level: 1.5 })).toBe(false);
    expect(accepts("places", { ...base, category: "casino" })).toBe(false);
  });

  it("a review has 1 to 5 whole stars", () => {
    const review = { place_id: "PL-10001", author: "Ana", text: "fine", created_at: "2026-01-10T10:00:00Z" };
    expect(accepts("reviews", { ...review, rating: 1 })).toBe(true);
    expect(accepts("reviews", { ...review, rating: 5 })).toBe(true);
    expect(accepts("reviews", { ...review, rating: 0 })).toBe(false);
    expect(accepts("reviews", { ...review, rating: 6 })).toBe(false);
    expect(accepts("reviews", { ...review, rating: 4.5 })).toBe(false);
  });

  it("a saved place lies on the globe", () => {
    const saved = { label: "Edge", address: "x", note: "", created_at: "2026-01-10T10:00:00Z" };
    expect(accepts("saved_places", { ...saved, lat: 90, lon: -180 })).toBe(true);
    expect(accepts("saved_places", { ...saved, lat: -90, lon: 180 })).toBe(true);
    expect(accepts("saved_places", { ...saved, lat: 90.1, lon: 0 })).toBe(false);
    expect(accepts("saved_places", { ...saved, lat: -90.1, lon: 0 })).toBe(false);
    expect(accepts("saved_places", { ...saved, lat: 0, lon: 180.1 })).toBe(false);
    expect(accepts("saved_places", { ...saved, lat: 0, lon: -180.1 })).toBe(false);
  });

  it("ids: places PL- with 5 digits, reviews REV- with 5, saved places SAV-", () => {
    const s = session();
    let ids: string[] = [];
    s.edit(maps, (db) => {
      ids = [db.places.peekId(), db.reviews.peekId(), db.saved_places.peekId()];
    });
    expect(ids[0]).toMatch(/^PL-\d{5}$/);
    expect(ids[1]).toMatch(/^REV-\d{5}$/);
    expect(ids[2]).toBe("SAV-1006");
  });
});
