/**
 * The gazetteer: for every world city 40–60 places around its centre — restaurants, cafés,
 * museums, parks, pharmacies, hospitals, the city's hotels (the same ones travel_booking sells),
 * its main station and airport — plus the offices of the world's companies and the home
 * addresses of the user and the people they know, public reviews written by those people, and
 * the user's labelled places (Home, Work, a gym, a favourite restaurant, a friend's home).
 */
import { hoursOf, offset, time, type City, type OpeningHours, type Rng, type SeedContext } from "../framework/index.ts";
import { AIRPORT_NAMES, AIRPORT_OFFSETS, countryOf, formatAddress, hotelCatalog, phoneIn, postalCodeIn, streetLine } from "./gazetteer.ts";
import type { Place, PlaceCategory, Review, SavedPlace } from "./state.ts";

const WORDS = [
  "Golden",
  "Little",
  "Blue",
  "Red",
  "Olive",
  "Lantern",
  "Harbor",
  "Juniper",
  "Saffron",
  "Copper",
  "Bamboo",
  "Fig",
  "Salt",
  "Ember",
  "Maple",
  "Lotus",
  "Cedar",
  "Sparrow",
  "Wild",
  "Silver",
  "Oak",
  "Corner",
  "Grand",
  "North Star",
] as const;

const CUISINES: ReadonlyArray<readonly [string, ReadonlyArray<(w: string) => string>]> = [
  ["Italian", [(w) => `Trattoria ${w}`, (w) => `${w} Osteria`, (w) => `Pasta ${w}`]],
  ["Japanese", [(w) => `Sushi ${w}`, (w) => `${w} Ramen`, (w) => `Izakaya ${w}`]],
  ["Mexican", [(w) => `Taquería ${w}`, (w) => `${w} Cantina`]],
  ["French", [(w) => `Bistro ${w}`, (w) => `Brasserie ${w}`]],
  ["Thai", [(w) => `${w} Thai Kitchen`, (w) => `Bangkok ${w}`]],
  ["Indian", [(w) => `${w} Tandoor`, (w) => `${w} Masala House`]],
  ["American", [(w) => `${w} Diner`, (w) => `${w} Grill`, (w) => `${w} Burger Bar`]],
  ["Chinese", [(w) => `${w} Dumpling House`, (w) => `${w} Noodle Bar`]],
  ["Mediterranean", [(w) => `${w} Mezze`, (w) => `${w} Taverna`]],
  ["Korean", [(w) => `${w} Korean BBQ`, (w) => `Seoul ${w}`]],
  ["Seafood", [(w) => `${w} Oyster Bar`, (w) => `${w} Fish House`]],
  ["Steakhouse", [(w) => `${w} Steakhouse`, (w) => `${w} Chophouse`]],
  ["Vegetarian", [(w) => `${w} Greens`, (w) => `${w} Garden Kitchen`]],
];

const BY_COUNTRY: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  supermarket: {
    US: ["Whole Foods Market", "Trader Joe's", "Safeway", "Kroger"],
    CA: ["Loblaws", "Metro", "Sobeys"],
    GB: ["Tesco Express", "Sainsbury's", "Waitrose"],
    FR: ["Monoprix", "Carrefour City", "Franprix"],
    DE: ["REWE", "Edeka", "Lidl"],
    NL: ["Albert Heijn", "Jumbo", "Dirk"],
    ES: ["Mercadona", "Carrefour Express", "El Corte Inglés Supermercado"],
    JP: ["Lawson Store 100", "Seijo Ishii", "Life Supermarket"],
    SG: ["FairPrice", "Cold Storage", "Sheng Siong"],
    AU: ["Woolworths", "Coles", "IGA"],
    MX: ["Superama", "Soriana", "Chedraui"],
  },
  pharmacy: {
    US: ["CVS Pharmacy", "Walgreens", "Rite Aid"],
    CA: ["Shoppers Drug Mart", "Rexall"],
    GB: ["Boots", "Superdrug", "Lloyds Pharmacy"],
    FR: ["Pharmacie Centrale", "Pharmacie du Marché", "Grande Pharmacie"],
    DE: ["Adler Apotheke", "Rosen Apotheke", "Linden Apotheke"],
    NL: ["Etos", "Kruidvat", "Apotheek Centraal"],
    ES: ["Farmacia Central", "Farmacia del Sol", "Farmacia Mayor"],
    JP: ["Matsumoto Kiyoshi", "Welcia", "Tomod's"],
    SG: ["Guardian", "Watsons", "Unity Pharmacy"],
    AU: ["Chemist Warehouse", "Priceline Pharmacy", "TerryWhite Chemmart"],
    MX: ["Farmacias del Ahorro", "Farmacia San Pablo", "Farmacias Guadalajara"],
  },
  gas_station: {
    US: ["Shell", "Chevron", "76", "Exxon", "BP"],
    CA: ["Petro-Canada", "Esso", "Shell"],
    GB: ["BP", "Shell", "Esso"],
    FR: ["TotalEnergies", "Esso", "BP"],
    DE: ["Aral", "Shell", "Jet"],
    NL: ["Shell", "BP", "Tango"],
    ES: ["Repsol", "Cepsa", "BP"],
    JP: ["ENEOS", "Idemitsu", "Cosmo Oil"],
    SG: ["Shell", "Esso", "Caltex"],
    AU: ["Ampol", "Shell", "BP"],
    MX: ["Pemex", "Shell", "Mobil"],
  },
  bank: {
    US: ["Chase Bank", "Bank of America", "Wells Fargo"],
    CA: ["RBC Royal Bank", "TD Canada Trust", "Scotiabank"],
    GB: ["Barclays", "HSBC", "Lloyds Bank"],
    FR: ["BNP Paribas", "Société Générale", "Crédit Agricole"],
    DE: ["Deutsche Bank", "Commerzbank", "Sparkasse"],
    NL: ["ING", "ABN AMRO", "Rabobank"],
    ES: ["Santander", "BBVA", "CaixaBank"],
    JP: ["MUFG Bank", "Mizuho Bank", "SMBC"],
    SG: ["DBS Bank", "OCBC Bank", "UOB"],
    AU: ["Commonwealth Bank", "Westpac", "ANZ"],
    MX: ["BBVA México", "Banorte", "Santander México"],
  },
};

const STATIONS: Readonly<Record<string, string>> = {
  "San Francisco": "4th & King Caltrain Station",
  Seattle: "King Street Station",
  "Los Angeles": "Union Station",
  Denver: "Denver Union Station",
  Chicago: "Chicago Union Station",
  Austin: "Austin Amtrak Station",
  "New York": "Penn Station",
  Boston: "South Station",
  Miami: "Miami Central Station",
  Atlanta: "Five Points Station",
  Toronto: "Union Station Toronto",
  London: "King's Cross St Pancras",
  Paris: "Gare du Nord",
  Berlin: "Berlin Hauptbahnhof",
  Amsterdam: "Amsterdam Centraal",
  Madrid: "Madrid Atocha",
  Tokyo: "Tokyo Station",
  Singapore: "Raffles Place MRT Station",
  Sydney: "Sydney Central Station",
  "Mexico City": "Buenavista Station",
};

const TLD: Readonly<Record<string, string>> = {
  US: "com",
  CA: "ca",
  MX: "com.mx",
  GB: "co.uk",
  FR: "fr",
  DE: "de",
  NL: "nl",
  ES: "es",
  JP: "jp",
  SG: "sg",
  AU: "com.au",
};

const REVIEW_TEXT: Readonly<Record<"good" | "ok" | "bad", readonly string[]>> = {
  good: [
    "Fantastic — would come back in a heartbeat.",
    "Friendly staff and spotless. Highly recommend.",
    "One of the best in the city, worth the trip.",
    "Loved it. Great atmosphere and quick service.",
    "Exceeded expectations; book ahead on weekends.",
  ],
  ok: [
    "Decent, though a bit crowded at peak times.",
    "Good but pricier than it should be.",
    "Solid choice if you're nearby, nothing special.",
    "Nice place, service was slow on a busy evening.",
  ],
  bad: ["Disappointing visit; long wait and rude staff.", "Would not return — not worth the money.", "Dirty and poorly managed the day we went."],
};

type Spec = { category: PlaceCategory; min: number; max: number };
const MIX: readonly Spec[] = [
  { category: "restaurant", min: 6, max: 10 },
  { category: "cafe", min: 3, max: 5 },
  { category: "bar", min: 2, max: 3 },
  { category: "bakery", min: 1, max: 2 },
  { category: "supermarket", min: 2, max: 3 },
  { category: "pharmacy", min: 2, max: 3 },
  { category: "hospital", min: 1, max: 2 },
  { category: "gas_station", min: 2, max: 3 },
  { category: "parking", min: 1, max: 2 },
  { category: "museum", min: 2, max: 3 },
  { category: "tourist_attraction", min: 2, max: 3 },
  { category: "park", min: 2, max: 3 },
  { category: "movie_theater", min: 1, max: 1 },
  { category: "library", min: 1, max: 1 },
  { category: "gym", min: 1, max: 2 },
  { category: "bank", min: 1, max: 2 },
  { category: "post_office", min: 1, max: 1 },
  { category: "shopping_mall", min: 1, max: 1 },
];

const MON_SAT = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
const NOT_MONDAY = ["tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const ALWAYS = hoursOf("00:00", "24:00");

function hoursFor(rng: Rng, category: PlaceCategory): { hours?: OpeningHours; always?: boolean } {
  switch (category) {
    case "restaurant":
      return {
        hours: rng.bool(0.3)
          ? hoursOf(rng.pick(["11:30", "12:00"]), "22:00", NOT_MONDAY)
          : hoursOf(rng.pick(["11:00", "11:30", "17:00"]), rng.pick(["22:00", "23:00"])),
      };
    case "cafe":
      return { hours: hoursOf(rng.pick(["06:30", "07:00", "08:00"]), rng.pick(["17:00", "18:00", "19:00"])) };
    case "bar":
      return { hours: hoursOf(rng.pick(["16:00", "17:00"]), "24:00") };
    case "bakery":
      return { hours: hoursOf("07:00", "19:00", MON_SAT) };
    case "supermarket":
      return { hours: hoursOf("07:00", rng.pick(["21:00", "22:00", "23:00"])) };
    case "pharmacy":
      return rng.bool(0.25) ? { hours: ALWAYS, always: true } : { hours: hoursOf("08:00", "21:00") };
    case "hospital":
    case "parking":
    case "hotel":
    case "airport":
      return { hours: ALWAYS, always: true };
    case "gas_station":
      return rng.bool(0.5) ? { hours: ALWAYS, always: true } : { hours: hoursOf("06:00", "23:00") };
    case "museum":
      return { hours: hoursOf("10:00", rng.pick(["17:00", "18:00"]), NOT_MONDAY) };
    case "tourist_attraction":
      return { hours: hoursOf("09:00", "20:00") };
    case "park":
      return { hours: hoursOf("06:00", "22:00") };
    case "movie_theater":
      return { hours: hoursOf("12:00", "24:00") };
    case "library":
      return { hours: hoursOf("09:00", "20:00", MON_SAT) };
    case "gym":
      return { hours: hoursOf("05:30", "23:00") };
    case "bank":
      return { hours: hoursOf("09:00", "17:00", WEEKDAYS) };
    case "post_office":
      return { hours: hoursOf("08:30", "18:00", MON_SAT) };
    case "shopping_mall":
      return { hours: hoursOf("10:00", "21:00") };
    case "train_station":
      return { hours: hoursOf("05:00", "24:00") };
    case "office":
      return { hours: hoursOf("08:00", "18:00", WEEKDAYS) };
    default:
      return {};
  }
}

const BRANCHES = ["Downtown", "Midtown", "Uptown", "Riverside", "Old Town", "Station Square", "Harbourfront", "Northside"] as const;

function poiName(rng: Rng, category: PlaceCategory, city: City, taken: Set<string>): { name: string; subtype?: string } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { name, subtype } = poiCandidate(rng, category, city, taken);
    if (!taken.has(name) || attempt === 19) {
      taken.add(name);
      return subtype ? { name, subtype } : { name };
    }
  }
  return { name: category };
}

/** One name a place of this category in this city could have (a chain's second branch named by its neighbourhood). */
function poiCandidate(rng: Rng, category: PlaceCategory, city: City, taken: Set<string>): { name: string; subtype?: string } {
  const w = () => rng.pick(WORDS);
  const local = (kind: string) => rng.pick(BY_COUNTRY[kind]?.[city.country] ?? BY_COUNTRY[kind]?.US ?? ["Local"]);
  let name: string;
  let subtype: string | undefined;
  switch (category) {
    case "restaurant": {
      const [cuisine, makers] = rng.pick(CUISINES);
      name = rng.pick(makers)(w());
      subtype = `${cuisine.toLowerCase()} restaurant`;
      break;
    }
    case "cafe":
      name = rng.pick([`${w()} Coffee`, `${w()} Espresso Bar`, `Café ${w()}`, `${w()} Roasters`]);
      break;
    case "bar":
      name = rng.pick([`The ${w()} Tavern`, `${w()} Cocktail Lounge`, `${w()} Taproom`, `${w()} Wine Bar`]);
      break;
    case "bakery":
      name = city.country === "FR" ? `Boulangerie ${w()}` : `${w()} Bakery`;
      break;
    case "supermarket":
    case "pharmacy":
    case "gas_station":
    case "bank": {
      // A second branch of a chain is told apart by its neighbourhood, as maps do.
      const chain = local(category);
      name = taken.has(chain) ? `${chain} — ${rng.pick(BRANCHES)}` : chain;
      break;
    }
    case "hospital":
      name = rng.pick([`${city.name} General Hospital`, "St. Mary's Hospital", `${city.name} University Medical Center`, "Mercy Hospital"]);
      break;
    case "parking":
      name = rng.pick(["Central Car Park", `${w()} Parking Garage`, "Civic Center Garage"]);
      break;
    case "museum":
    case "tourist_attraction":
      return sightName(rng, category, city, w);
    case "park":
      name = rng.pick([`${w()} Park`, "Riverside Park", "Memorial Park", "Lakeside Park", `${w()} Gardens`]);
      break;
    case "movie_theater":
      name = rng.pick([`${w()} Cinema`, `Odeon ${w()}`, `${w()} Picture House`]);
      break;
    case "library":
      name = `${city.name} Central Library`;
      break;
    case "gym":
      name = rng.pick([`${w()} Fitness`, `${w()} Athletic Club`, "Anytime Fitness", `CrossFit ${w()}`]);
      break;
    case "post_office":
      name = `${city.name} Post Office`;
      break;
    case "shopping_mall":
      name = rng.pick([`${w()} Galleria`, `${city.name} Centre`, `${w()} Plaza Shopping Center`]);
      break;
    default:
      name = `${w()} ${category}`;
  }
  return { name, ...(subtype ? { subtype } : {}) };
}

/** Museums and sights, named after the city where they usually are. */
function sightName(rng: Rng, category: "museum" | "tourist_attraction", city: City, w: () => string): { name: string; subtype?: string } {
  if (category === "museum") {
    const [name, subtype] = rng.pick([
      [`${city.name} Museum of Art`, "art museum"],
      [`Museum of ${city.name} History`, "history museum"],
      [`${city.name} Science Center`, "science museum"],
      ["Museum of Natural History", "natural history museum"],
      [`${w()} Gallery`, "art gallery"],
      ["Museum of Modern Design", "design museum"],
    ] as const);
    return { name, subtype };
  }
  return {
    name: rng.pick([
      `${city.name} Observation Deck`,
      "Old Town Square",
      "Botanical Garden",
      "Waterfront Promenade",
      `${city.name} Cathedral`,
      "Central Market Hall",
      "Harbor Lighthouse",
    ]),
  };
}

function ratingNear(rng: Rng, rating: number): number {
  return Math.min(5, Math.max(1, Math.round(rating + rng.float(-1.6, 1.0))));
}

export function seedMaps(ctx: SeedContext) {
  const book = new PlaceBook(ctx);
  for (const city of ctx.world.cities) {
    book.pointsOfInterest(city);
    book.hotels(city);
    book.transport(city);
  }
  const offices = book.offices();
  const homes = book.homes();
  return { places: book.places, reviews: reviews(ctx, book.places), saved_places: savedPlaces(ctx, book.places, offices, homes) };
}

/** The places of the map, city by city; `add` gives each its id and formatted address. */
class PlaceBook {
  readonly places: Place[] = [];

  constructor(private readonly ctx: SeedContext) {}

  private get rng(): Rng {
    return this.ctx.rng;
  }

  add(
    city: City,
    fields: Omit<Place, "id" | "address" | "formatted_address" | "lat" | "lon">,
    at: { lat: number; lon: number },
    street: string,
    postal?: string,
  ): Place {
    const address = { street, city: city.name, region: city.region, postal_code: postal ?? postalCodeIn(this.rng, city), country: city.country };
    const place: Place = { id: this.ctx.id("places"), ...fields, address, formatted_address: formatAddress(address), lat: at.lat, lon: at.lon };
    this.places.push(place);
    return place;
  }

  private street(city: City): string {
    return streetLine(city.country, this.rng.pick(countryOf(city.country).streets), this.rng.int(1, 420));
  }

  /** Restaurants, cafés, shops, museums, parks… in the mix a city centre has, with hours, ratings and prices by kind. */
  pointsOfInterest(city: City): void {
    const { rng } = this;
    const taken = new Set<string>();
    for (const spec of MIX) {
      for (let n = rng.int(spec.min, spec.max); n > 0; n--) {
        const { name, subtype } = poiName(rng, spec.category, city, taken);
        const { hours, always } = hoursFor(rng, spec.category);
        const rating = Math.round(rng.float(3.1, 4.9) * 10) / 10;
        const priced = ["restaurant", "cafe", "bar", "bakery", "supermarket", "gym", "museum", "movie_theater"].includes(spec.category);
        const price = spec.category === "restaurant" ? rng.int(1, 4) : spec.category === "bar" ? rng.int(2, 3) : spec.category === "gym" ? 2 : rng.int(1, 2);
        const famous = spec.category === "tourist_attraction" || spec.category === "museum";
        this.add(
          city,
          {
            name,
            category: spec.category,
            ...(subtype ? { subtype } : {}),
            rating,
            user_ratings_total: rng.int(25, famous ? 24000 : 3800),
            ...(priced ? { price_level: price } : {}),
            ...(hours ? { opening_hours: hours } : {}),
            ...(always ? { open_24h: true } : {}),
            phone: phoneIn(rng, city),
            ...(spec.category !== "park" ? { website: `https://www.${slug(name)}.${TLD[city.country] ?? "com"}` } : {}),
            wheelchair_accessible: rng.bool(0.8),
          },
          offset(city, rng.float(0.2, spec.category === "gas_station" || spec.category === "hospital" ? 12 : 7), rng.int(0, 359)),
          this.street(city),
        );
      }
    }
  }

  /** The city's hotels: the same ones travel_booking sells, at the same addresses. */
  hotels(city: City): void {
    for (const h of hotelCatalog(this.ctx.world).filter((x) => x.city.name === city.name)) {
      this.add(
        city,
        {
          name: h.name,
          category: "hotel",
          subtype: `${h.stars}-star hotel`,
          rating: h.rating,
          user_ratings_total: h.reviews,
          price_level: Math.max(1, h.stars - 1),
          opening_hours: ALWAYS,
          open_24h: true,
          phone: h.phone,
          website: h.website,
          wheelchair_accessible: true,
        },
        { lat: h.lat, lon: h.lon },
        h.street,
        h.postal_code,
      );
    }
  }

  /** The main train station near the centre and the airport where it really is. */
  transport(city: City): void {
    const { rng } = this;
    const station = offset(city, rng.float(0.5, 2.5), rng.int(0, 359));
    this.add(
      city,
      {
        name: STATIONS[city.name] ?? `${city.name} Central Station`,
        category: "train_station",
        rating: 4.1,
        user_ratings_total: rng.int(2000, 30000),
        opening_hours: hoursOf("05:00", "24:00"),
        phone: phoneIn(rng, city),
        wheelchair_accessible: true,
      },
      station,
      this.street(city),
    );
    const [km, bearing] = AIRPORT_OFFSETS[city.airport] ?? [20, 90];
    this.add(
      city,
      {
        name: AIRPORT_NAMES[city.airport] ?? `${city.name} Airport`,
        category: "airport",
        subtype: `airport (${city.airport})`,
        rating: 4.0,
        user_ratings_total: rng.int(20000, 90000),
        opening_hours: ALWAYS,
        open_24h: true,
        phone: phoneIn(rng, city),
        website: `https://www.${slug(city.name)}airport.${TLD[city.country] ?? "com"}`,
        wheelchair_accessible: true,
      },
      offset(city, km, bearing),
      this.street(city),
    );
  }

  private cityOf(name: string): City {
    return this.ctx.world.cities.find((c) => c.name === name) as City;
  }

  /** The world's companies at their addresses, and a local branch where the user works when their company sits in another city. */
  offices(): Map<string, Place> {
    const { rng } = this;
    const { world } = this.ctx;
    const office = (
      co: (typeof world.companies)[number],
      city: City,
      name: string,
      subtype: string,
      street: string,
      postal?: string,
      reviews: [number, number] = [8, 140],
    ) =>
      this.add(
        city,
        {
          name,
          category: "office",
          subtype,
          rating: Math.round(rng.float(3.6, 4.7) * 10) / 10,
          user_ratings_total: rng.int(...reviews),
          opening_hours: hoursOf("08:00", "18:00", WEEKDAYS),
          phone: phoneIn(rng, city),
          website: `https://www.${co.domain}`,
          wheelchair_accessible: true,
        },
        offset(city, rng.float(0.3, 5), rng.int(0, 359)),
        street,
        postal,
      );
    const offices = new Map<string, Place>();
    for (const co of world.companies)
      offices.set(co.name, office(co, this.cityOf(co.address.city), co.name, `${co.industry} company`, co.address.street, co.address.postal_code));
    const employer = world.companies.find((co) => co.name === world.user.company);
    if (employer && employer.address.city !== world.user.address.city) {
      const city = this.cityOf(world.user.address.city);
      offices.set(
        employer.name,
        office(employer, city, `${employer.name} — ${city.name} office`, `${employer.industry} company (branch office)`, this.street(city), undefined, [5, 60]),
      );
    }
    return offices;
  }

  /** The homes of the user and the people they know, at their world addresses. */
  homes(): Map<string, Place> {
    const { world } = this.ctx;
    const homes = new Map<string, Place>();
    for (const person of [world.user, ...world.people]) {
      const city = this.cityOf(person.address.city);
      homes.set(
        person.id,
        this.add(
          city,
          { name: person.address.street, category: "street_address" },
          offset(city, this.rng.float(1, 14), this.rng.int(0, 359)),
          person.address.street,
          person.address.postal_code,
        ),
      );
    }
    return homes;
  }
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "");

/** Public reviews by people of the world on about a third of the businesses people review, near each place's rating. */
function reviews({ rng, world, id }: SeedContext, places: readonly Place[]): Review[] {
  const reviewable = new Set<PlaceCategory>(["restaurant", "cafe", "bar", "bakery", "museum", "tourist_attraction", "hotel", "gym", "movie_theater", "park"]);
  const out: Review[] = [];
  for (const p of places) {
    if (!reviewable.has(p.category) || !rng.bool(0.35)) continue;
    for (const author of rng.sample(world.people, rng.int(1, 3))) {
      const stars = ratingNear(rng, p.rating ?? 4);
      out.push({
        id: "",
        place_id: p.id,
        author: author.full_name,
        rating: stars,
        text: rng.pick(REVIEW_TEXT[stars >= 4 ? "good" : stars === 3 ? "ok" : "bad"]),
        created_at: time.addMinutes(world.now, -rng.int(60 * 24 * 3, 60 * 24 * 400)),
      });
    }
  }
  out.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  return out.map((r) => ({ ...r, id: id("reviews") }));
}

/** The user's labelled places: home, work, their gym, a restaurant for date night, a friend's home. */
function savedPlaces(
  { rng, world, id }: SeedContext,
  places: readonly Place[],
  offices: ReadonlyMap<string, Place>,
  homes: ReadonlyMap<string, Place>,
): SavedPlace[] {
  const user = world.user;
  const saved: SavedPlace[] = [];
  const save = (label: string, p: Place, note: string, daysAgo: number) =>
    saved.push({
      id: id("saved_places"),
      label,
      place_id: p.id,
      lat: p.lat,
      lon: p.lon,
      address: p.formatted_address,
      note,
      created_at: time.addDays(world.now, -daysAgo),
    });
  save("Home", homes.get(user.id) as Place, "", rng.int(300, 900));
  const work = offices.get(user.company);
  if (work) save("Work", work, `${user.job_title} at ${user.company}`, rng.int(200, 800));
  const local = places.filter((p) => p.address.city === user.address.city);
  const gym = local.find((p) => p.category === "gym");
  if (gym) save("Gym", gym, "Membership renews in January", rng.int(30, 300));
  save("Date night", rng.pick(local.filter((p) => p.category === "restaurant")), "Ask for a table by the window", rng.int(10, 200));
  const friend = rng.pick(world.people.filter((p) => p.address.city === user.address.city).concat(world.people.slice(0, 1)));
  save(`${friend.first_name}'s place`, homes.get(friend.id) as Place, "Buzzer code on the intercom", rng.int(20, 400));
  return saved;
}
