/**
 * The gazetteer both travel domains share: which continent a country is on, local street names,
 * postal codes and phone numbers per city, and the hotels of every city (the same hotels appear
 * as places in maps and as bookable hotels in travel_booking). Time zones, stable hashes, the
 * nearest city and which countries a road joins are the framework's (`time.utcOffsetMinutes`,
 * `hash32`, `nearestCity`, `joinedByRoad`).
 *
 * Everything here is a pure function of its arguments and the world's seed.
 */
import { CITIES, Lru, offset, Rng, SEEDS_KEPT, type City, type World } from "../framework/index.ts";

// ---------------------------------------------------------------------------------------------
// Countries and cities.

export interface CountryInfo {
  name: string;
  continent: string;
  /** Street number before the name ("12 Rue de Rivoli") or after it ("Friedrichstraße 12"). */
  numberFirst: boolean;
  streets: readonly string[];
}

export const COUNTRIES: Readonly<Record<string, CountryInfo>> = {
  US: {
    name: "United States",
    continent: "North America",
    numberFirst: true,
    streets: [
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
    ],
  },
  CA: {
    name: "Canada",
    continent: "North America",
    numberFirst: true,
    streets: [
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
    ],
  },
  MX: {
    name: "Mexico",
    continent: "North America",
    numberFirst: false,
    streets: [
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
    ],
  },
  GB: {
    name: "United Kingdom",
    continent: "Europe",
    numberFirst: true,
    streets: [
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
    ],
  },
  FR: {
    name: "France",
    continent: "Europe",
    numberFirst: true,
    streets: [
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
    ],
  },
  DE: {
    name: "Germany",
    continent: "Europe",
    numberFirst: false,
    streets: [
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
    ],
  },
  NL: {
    name: "Netherlands",
    continent: "Europe",
    numberFirst: false,
    streets: [
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
    ],
  },
  ES: {
    name: "Spain",
    continent: "Europe",
    numberFirst: false,
    streets: [
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
    ],
  },
  JP: {
    name: "Japan",
    continent: "Asia",
    numberFirst: true,
    streets: [
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
    ],
  },
  SG: {
    name: "Singapore",
    continent: "Asia",
    numberFirst: true,
    streets: [
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
    ],
  },
  AU: {
    name: "Australia",
    continent: "Oceania",
    numberFirst: true,
    streets: [
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
    ],
  },
};

export function countryOf(code: string): CountryInfo {
  return COUNTRIES[code] ?? { name: code, continent: "unknown", numberFirst: true, streets: ["Main Street"] };
}

/** Telephone prefix of each city ("+1-415-", "+44 20 "). */
const DIAL: Readonly<Record<string, string>> = {
  "San Francisco": "+1-415-",
  Seattle: "+1-206-",
  "Los Angeles": "+1-213-",
  Denver: "+1-303-",
  Chicago: "+1-312-",
  Austin: "+1-512-",
  "New York": "+1-212-",
  Boston: "+1-617-",
  Miami: "+1-305-",
  Atlanta: "+1-404-",
  Toronto: "+1-416-",
  London: "+44 20 ",
  Paris: "+33 1 ",
  Berlin: "+49 30 ",
  Amsterdam: "+31 20 ",
  Madrid: "+34 91 ",
  Tokyo: "+81 3-",
  Singapore: "+65 6",
  Sydney: "+61 2 ",
  "Mexico City": "+52 55 ",
};

export function phoneIn(rng: Rng, city: City): string {
  const prefix = DIAL[city.name] ?? "+1-555-";
  return city.country === "US" || city.country === "CA" ? `${prefix}${rng.int(200, 989)}-${rng.digits(4)}` : `${prefix}${rng.digits(4)} ${rng.digits(4)}`;
}

export function postalCodeIn(rng: Rng, city: City): string {
  const L = () => "ABCDEFGHJKLMNPRSTUVWXYZ"[rng.int(0, 22)] as string;
  switch (city.country) {
    case "US":
      return `${city.name === "New York" ? "100" : city.name === "San Francisco" ? "941" : city.name === "Boston" ? "021" : rng.digits(3)}${rng.digits(2)}`;
    case "CA":
      return `M${rng.int(1, 9)}${L()} ${rng.int(1, 9)}${L()}${rng.int(1, 9)}`;
    case "GB":
      return `${rng.pick(["W1", "WC2", "EC1", "SE1", "N1", "SW3"])}${L()} ${rng.int(1, 9)}${L()}${L()}`;
    case "FR":
      return `750${String(rng.int(1, 20)).padStart(2, "0")}`;
    case "DE":
      return `10${rng.int(115, 999)}`;
    case "NL":
      return `10${rng.int(11, 99)} ${L()}${L()}`;
    case "ES":
      return `280${String(rng.int(1, 55)).padStart(2, "0")}`;
    case "JP":
      return `1${rng.digits(2)}-${rng.digits(4)}`;
    case "SG":
      return `${rng.int(10, 82)}${rng.digits(4)}`;
    case "AU":
      return `20${rng.digits(2)}`;
    case "MX":
      return `06${rng.digits(3)}`;
    default:
      return rng.digits(5);
  }
}

export function streetLine(country: string, street: string, number: number): string {
  return countryOf(country).numberFirst ? `${number} ${street}` : `${street} ${number}`;
}

export function formatAddress(a: { street: string; city: string; region: string; postal_code: string; country: string }): string {
  return `${a.street}, ${a.city}, ${a.region} ${a.postal_code}, ${a.country}`;
}

export function cityNamed(name: string): City | undefined {
  const q = name.trim().toLowerCase();
  return CITIES.find((c) => c.name.toLowerCase() === q || c.airport.toLowerCase() === q);
}

/** Each city's main airport by name, keyed by IATA code. */
export const AIRPORT_NAMES: Readonly<Record<string, string>> = {
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
};

/** Kilometres from each city centre to its main airport, and the bearing to it. */
export const AIRPORT_OFFSETS: Readonly<Record<string, readonly [number, number]>> = {
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
};

// ---------------------------------------------------------------------------------------------
// Hotels: one catalogue per world, shared by maps (as places) and travel_booking (as inventory).

export interface HotelSeed {
  name: string;
  city: City;
  stars: 2 | 3 | 4 | 5;
  rating: number;
  reviews: number;
  street: string;
  postal_code: string;
  lat: number;
  lon: number;
  phone: string;
  website: string;
  amenities: Amenity[];
  check_in_time: string;
  check_out_time: string;
}

/** How expensive a night is in each city, relative to 1.0. */
export const COST_INDEX: Readonly<Record<string, number>> = {
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
};

const HOTEL_BRANDS: ReadonlyArray<readonly [string, 2 | 3 | 4 | 5]> = [
  ["Atlas Grand", 5],
  ["The Linden", 5],
  ["Meridian Suites", 4],
  ["Harborlight Hotel", 4],
  ["Copperleaf Hotel", 4],
  ["Kestrel House", 4],
  ["The Wayfarer", 3],
  ["Parkside Inn", 3],
  ["Nomad Loft", 3],
  ["Cityline Express", 2],
  ["Ivy & Stone", 4],
];

const AMENITIES = [
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
] as const;
export type Amenity = (typeof AMENITIES)[number];
export const HOTEL_AMENITIES = AMENITIES;

const hotelCache = new Lru<readonly HotelSeed[]>(SEEDS_KEPT);

/** Four hotels in every city of the world, the same for every domain of a seed. */
export function hotelCatalog(world: World): readonly HotelSeed[] {
  return hotelCache.getOrSet(world.seed, () => buildHotels(world));
}

function buildHotels(world: World): readonly HotelSeed[] {
  const rng = Rng.from(world.seed).fork("gazetteer:hotels");
  const out: HotelSeed[] = [];
  for (const city of world.cities) {
    const brands = rng.sample(HOTEL_BRANDS, 4);
    const info = countryOf(city.country);
    for (const [brand, stars] of brands) {
      const at = offset(city, rng.float(0.4, 6), rng.int(0, 359));
      const amenities = AMENITIES.filter((a) => a === "free_wifi" || rng.bool(stars >= 4 ? 0.6 : 0.3));
      out.push({
        name: `${brand} ${city.name}`,
        city,
        stars,
        rating: Math.round(Math.min(5, Math.max(2.8, stars - 0.6 + rng.float(0, 1.4))) * 10) / 10,
        reviews: rng.int(180, 6400),
        street: streetLine(city.country, rng.pick(info.streets), rng.int(1, 480)),
        postal_code: postalCodeIn(rng, city),
        lat: at.lat,
        lon: at.lon,
        phone: phoneIn(rng, city),
        website: `https://www.${brand.toLowerCase().replace(/[^a-z]+/g, "")}.com/${city.name.toLowerCase().replace(/[^a-z]+/g, "-")}`,
        amenities,
        check_in_time: rng.pick(["14:00", "15:00", "16:00"]),
        check_out_time: rng.pick(["11:00", "12:00"]),
      });
    }
  }
  return out;
}
