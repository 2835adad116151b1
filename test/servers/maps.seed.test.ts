/** The map's seed, checked against the rules of a gazetteer (and the travel domain it shares hotels with). */
import { expect } from "vitest";
import maps from "../../ts/servers/maps/index.ts";
import type { Place, Review, SavedPlace } from "../../ts/servers/maps/state.ts";
import travel from "../../ts/servers/travel_booking/index.ts";
import type { Hotel } from "../../ts/servers/travel_booking/state.ts";
import { groupBy, seeded, seedRules } from "../helpers/seed-rules.ts";

const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

seedRules(maps, {
  "every city of the world has its own map: 40 or more places, one main train station and one airport": (s) => {
    const byCity = groupBy(s.rows<Place>("places"), (p) => p.address.city);
    for (const c of s.world.cities) {
      const places = byCity.get(c.name) ?? [];
      expect(places.filter((p) => p.category !== "street_address" && p.category !== "office").length, c.name).toBeGreaterThanOrEqual(40);
      expect(
        places.filter((p) => p.category === "train_station"),
        c.name,
      ).toHaveLength(1);
      expect(
        places.filter((p) => p.category === "airport").map((p) => p.subtype),
        c.name,
      ).toEqual([`airport (${c.airport})`]);
    }
  },
  "a place lies near its city: businesses within 12 km of the centre, an airport within 40 km": (s) => {
    const cities = new Map(s.world.cities.map((c) => [c.name, c]));
    for (const p of s.rows<Place>("places").filter((x) => x.category !== "street_address" && x.category !== "office")) {
      expect(km(p, cities.get(p.address.city)!), `${p.name} in ${p.address.city}`).toBeLessThanOrEqual(p.category === "airport" ? 40 : 12.1);
    }
  },
  "no two businesses of a city share a name": (s) => {
    for (const [city, places] of groupBy(
      s.rows<Place>("places").filter((p) => p.category !== "street_address"),
      (p) => p.address.city,
    )) {
      const names = places.map((p) => p.name);
      expect(new Set(names).size, city).toBe(names.length);
    }
  },
  "opening hours open before they close, and a place open all day says so": (s) => {
    for (const p of s.rows<Place>("places")) {
      for (const h of Object.values(p.opening_hours ?? {})) if (h) expect(minutes(h.open) < minutes(h.close), `${p.name} ${h.open}-${h.close}`).toBe(true);
      if (p.open_24h)
        expect(
          Object.values(p.opening_hours ?? {}).every((h) => h && h.open === "00:00" && h.close === "24:00"),
          p.name,
        ).toBe(true);
    }
  },
  "the hotels on the map are the hotels travel_booking sells, in the same cities": (s) => {
    const sold = seeded(travel, s.seed)
      .rows<Hotel>("hotels")
      .map((h) => `${h.name}|${h.city}`)
      .sort();
    const mapped = s
      .rows<Place>("places")
      .filter((p) => p.category === "hotel")
      .map((p) => `${p.name}|${p.address.city}`)
      .sort();
    expect(mapped).toEqual(sold);
  },
  "every company of the world has its office at its world address; everyone the user knows has a home": (s) => {
    const places = s.rows<Place>("places");
    for (const co of s.world.companies)
      expect(
        places.some((p) => p.category === "office" && p.name === co.name && p.address.street === co.address.street),
        co.name,
      ).toBe(true);
    for (const person of [s.world.user, ...s.world.people])
      expect(
        places.some((p) => p.category === "street_address" && p.address.street === person.address.street && p.address.city === person.address.city),
        person.full_name,
      ).toBe(true);
  },
  "reviews are by people of the world, written before now, and near the place's rating (within two stars)": (s) => {
    const names = new Set(s.world.people.map((p) => p.full_name));
    const places = new Map(s.rows<Place>("places").map((p) => [p.id, p]));
    for (const r of s.rows<Review>("reviews")) {
      expect(names.has(r.author) && r.created_at < s.world.now, r.id).toBe(true);
      expect(Math.abs(r.rating - (places.get(r.place_id)!.rating ?? 4)), r.id).toBeLessThanOrEqual(2);
    }
  },
  "the user's saved places: Home is their home address, Work an office of their company in their city, labels unique": (s) => {
    const saved = s.rows<SavedPlace>("saved_places");
    const labels = saved.map((x) => x.label);
    expect(new Set(labels).size).toBe(labels.length);
    const place = (label: string) => s.row<Place>("places", saved.find((x) => x.label === label)!.place_id!);
    expect([place("Home").address.street, place("Home").address.city]).toEqual([s.world.user.address.street, s.world.user.address.city]);
    const work = place("Work");
    expect(work.category).toBe("office");
    expect(work.name.startsWith(s.world.user.company)).toBe(true);
    expect(work.address.city).toBe(s.world.user.address.city);
    for (const x of saved) expect(x.created_at < s.world.now).toBe(true);
  },
});
