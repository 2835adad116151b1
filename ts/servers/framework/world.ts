/**
 * The shared world: people, companies, places and a reference date generated from the seed.
 *
 * Every domain draws its entities from the same world, so for one seed the CRM contact "Maya
 * Okafor" is also the sender of an email, an invitee in the calendar and a payee at the bank.
 * That is what makes cross-domain tasks natural. The world is a pure function of the seed.
 */
import { Lru, SEEDS_KEPT } from "./lru.ts";
import { Rng } from "./rng.ts";
import { addDays, fromMs, toMs } from "./time.ts";

export interface Address {
  street: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
}

export interface City {
  name: string;
  region: string;
  country: string;
  /** IATA code of the main airport. */
  airport: string;
  lat: number;
  lon: number;
  timezone: string;
}

export interface Person {
  id: string;
  first_name: string;
  last_name: string;
  full_name: string;
  email: string;
  phone: string;
  /** Lowercase handle for chat and social domains, e.g. "maya.okafor". */
  handle: string;
  birthday: string;
  address: Address;
  company: string;
  job_title: string;
}

export interface Company {
  id: string;
  name: string;
  /** Email and web domain, e.g. "northwind-logistics.com". */
  domain: string;
  industry: string;
  address: Address;
}

export interface World {
  seed: string;
  /** The day the session starts on, "YYYY-MM-DD". */
  today: string;
  /** The session's starting instant (09:00 UTC on `today`). */
  now: string;
  /** The person the assistant works for: the account holder, mailbox owner, driver… */
  user: Person;
  /** Everyone else the user deals with (the user is not in this list). */
  people: readonly Person[];
  companies: readonly Company[];
  cities: readonly City[];
}

export const FIRST_NAMES = [
  "Maya",
  "Liam",
  "Sofia",
  "Noah",
  "Aisha",
  "Ethan",
  "Priya",
  "Lucas",
  "Elena",
  "Mateo",
  "Hannah",
  "Omar",
  "Chloe",
  "Daniel",
  "Yuki",
  "Samuel",
  "Fatima",
  "Gabriel",
  "Ingrid",
  "Jonah",
  "Leila",
  "Marcus",
  "Nadia",
  "Oscar",
  "Rosa",
  "Tobias",
  "Zara",
  "Victor",
  "Amara",
  "Felix",
  "Grace",
  "Hugo",
  "Isla",
  "Julian",
  "Keiko",
  "Leon",
  "Mila",
  "Nathan",
  "Olivia",
  "Pablo",
  "Quinn",
  "Rafael",
  "Sana",
  "Theo",
  "Uma",
  "Wei",
  "Ximena",
  "Yusuf",
  "Zoe",
  "Adrian",
  "Beatriz",
  "Caleb",
  "Dara",
  "Emil",
  "Freya",
  "Gideon",
  "Helena",
  "Ivan",
  "Jasmine",
  "Kofi",
] as const;

export const LAST_NAMES = [
  "Okafor",
  "Nguyen",
  "Martinez",
  "Schmidt",
  "Patel",
  "Johansson",
  "Rossi",
  "Kim",
  "Dubois",
  "Haddad",
  "Kowalski",
  "Tanaka",
  "Oliveira",
  "Fischer",
  "Mensah",
  "Larsen",
  "Costa",
  "Novak",
  "Reyes",
  "Sato",
  "Brennan",
  "Ahmed",
  "Lindqvist",
  "Moreau",
  "Campbell",
  "Yilmaz",
  "Ferreira",
  "Walsh",
  "Petrov",
  "Chen",
  "Abara",
  "Bianchi",
  "Castillo",
  "Delgado",
  "Eriksen",
  "Fontaine",
  "Gallagher",
  "Hoffman",
  "Iyer",
  "Jansen",
  "Keller",
  "Lopez",
  "Murphy",
  "Nakamura",
  "Osei",
  "Park",
  "Quintero",
  "Romero",
  "Silva",
  "Torres",
] as const;

const COMPANY_FIRST = [
  "Northwind",
  "Bluepeak",
  "Ironbridge",
  "Silverline",
  "Harbor",
  "Redwood",
  "Summit",
  "Brightwater",
  "Cobalt",
  "Evergreen",
  "Granite",
  "Lumen",
  "Meridian",
  "Oakridge",
  "Pinecrest",
  "Quarry",
  "Riverstone",
  "Starling",
  "Tidewater",
  "Vantage",
  "Westfield",
  "Alder",
  "Beacon",
  "Crescent",
] as const;

const COMPANY_SECOND: ReadonlyArray<readonly [string, string]> = [
  ["Logistics", "logistics"],
  ["Analytics", "software"],
  ["Health", "healthcare"],
  ["Foods", "food & beverage"],
  ["Energy", "energy"],
  ["Robotics", "manufacturing"],
  ["Media", "media"],
  ["Capital", "financial services"],
  ["Labs", "biotech"],
  ["Outfitters", "retail"],
  ["Architects", "architecture"],
  ["Studios", "design"],
  ["Systems", "software"],
  ["Freight", "logistics"],
  ["Pharma", "pharmaceuticals"],
  ["Consulting", "consulting"],
];

const JOB_TITLES = [
  "Product Manager",
  "Software Engineer",
  "Account Executive",
  "Marketing Director",
  "Data Analyst",
  "Operations Lead",
  "Designer",
  "Finance Manager",
  "Customer Success Manager",
  "Research Scientist",
  "Sales Director",
  "Office Manager",
  "Engineering Manager",
  "Recruiter",
  "Chief of Staff",
  "Consultant",
] as const;

const STREETS = [
  "Maple Avenue",
  "Oak Street",
  "Harbor Road",
  "Elm Street",
  "Cedar Lane",
  "Park Avenue",
  "Lake Drive",
  "Hillcrest Road",
  "Mill Street",
  "Church Street",
  "River Road",
  "Sunset Boulevard",
  "Pine Street",
  "Washington Street",
  "Highland Avenue",
  "Meadow Lane",
  "Bridge Street",
  "Orchard Way",
] as const;

/** Real cities with their coordinates, so distances and flight times are believable. */
export const CITIES: readonly City[] = [
  { name: "San Francisco", region: "CA", country: "US", airport: "SFO", lat: 37.7749, lon: -122.4194, timezone: "America/Los_Angeles" },
  { name: "Seattle", region: "WA", country: "US", airport: "SEA", lat: 47.6062, lon: -122.3321, timezone: "America/Los_Angeles" },
  { name: "Los Angeles", region: "CA", country: "US", airport: "LAX", lat: 34.0522, lon: -118.2437, timezone: "America/Los_Angeles" },
  { name: "Denver", region: "CO", country: "US", airport: "DEN", lat: 39.7392, lon: -104.9903, timezone: "America/Denver" },
  { name: "Chicago", region: "IL", country: "US", airport: "ORD", lat: 41.8781, lon: -87.6298, timezone: "America/Chicago" },
  { name: "Austin", region: "TX", country: "US", airport: "AUS", lat: 30.2672, lon: -97.7431, timezone: "America/Chicago" },
  { name: "New York", region: "NY", country: "US", airport: "JFK", lat: 40.7128, lon: -74.006, timezone: "America/New_York" },
  { name: "Boston", region: "MA", country: "US", airport: "BOS", lat: 42.3601, lon: -71.0589, timezone: "America/New_York" },
  { name: "Miami", region: "FL", country: "US", airport: "MIA", lat: 25.7617, lon: -80.1918, timezone: "America/New_York" },
  { name: "Atlanta", region: "GA", country: "US", airport: "ATL", lat: 33.749, lon: -84.388, timezone: "America/New_York" },
  { name: "Toronto", region: "ON", country: "CA", airport: "YYZ", lat: 43.6532, lon: -79.3832, timezone: "America/Toronto" },
  { name: "London", region: "England", country: "GB", airport: "LHR", lat: 51.5074, lon: -0.1278, timezone: "Europe/London" },
  { name: "Paris", region: "Île-de-France", country: "FR", airport: "CDG", lat: 48.8566, lon: 2.3522, timezone: "Europe/Paris" },
  { name: "Berlin", region: "Berlin", country: "DE", airport: "BER", lat: 52.52, lon: 13.405, timezone: "Europe/Berlin" },
  { name: "Amsterdam", region: "North Holland", country: "NL", airport: "AMS", lat: 52.3676, lon: 4.9041, timezone: "Europe/Amsterdam" },
  { name: "Madrid", region: "Madrid", country: "ES", airport: "MAD", lat: 40.4168, lon: -3.7038, timezone: "Europe/Madrid" },
  { name: "Tokyo", region: "Tokyo", country: "JP", airport: "HND", lat: 35.6762, lon: 139.6503, timezone: "Asia/Tokyo" },
  { name: "Singapore", region: "Singapore", country: "SG", airport: "SIN", lat: 1.3521, lon: 103.8198, timezone: "Asia/Singapore" },
  { name: "Sydney", region: "NSW", country: "AU", airport: "SYD", lat: -33.8688, lon: 151.2093, timezone: "Australia/Sydney" },
  { name: "Mexico City", region: "CDMX", country: "MX", airport: "MEX", lat: 19.4326, lon: -99.1332, timezone: "America/Mexico_City" },
];

const PEOPLE = 48;
const COMPANIES = 16;

const worlds = new Lru<World>(SEEDS_KEPT);

/** The world for a seed, shared by the domains of a session (it is deeply frozen). */
export function worldFor(seed: number | string): World {
  const key = String(seed);
  return worlds.getOrSet(key, () => deepFreeze(generateWorld(key)));
}

function generateWorld(seed: string): World {
  const rng = Rng.from(seed).fork("world");
  // A reference date in 2026, always a weekday morning, so "tomorrow" and "next Monday" vary.
  let today = addDays("2026-01-05", rng.int(0, 330));
  while ([0, 6].includes(new Date(toMs(today)).getUTCDay())) today = addDays(today, 1);
  const now = fromMs(toMs(today) + 9 * 3_600_000);

  const companyNames = rng.sample(COMPANY_FIRST, COMPANIES);
  const companies: Company[] = companyNames.map((first, i) => {
    const [second, industry] = rng.pick(COMPANY_SECOND);
    const name = `${first} ${second}`;
    return {
      id: `CO-${101 + i}`,
      name,
      domain: `${name.toLowerCase().replace(/[^a-z]+/g, "-")}.com`,
      industry,
      address: address(rng, rng.pick(CITIES)),
    };
  });

  // Distinct full names: pair shuffled first and last names.
  const firsts = rng.shuffle(FIRST_NAMES);
  const lasts = rng.shuffle(LAST_NAMES);
  const everyone: Person[] = [];
  for (let i = 0; i <= PEOPLE; i++) {
    const first = firsts[i % firsts.length] as string;
    const last = lasts[(i * 7) % lasts.length] as string;
    const company = companies[i % companies.length] as Company;
    const handle = `${first}.${last}`.toLowerCase();
    const personal = i % 3 === 0;
    everyone.push({
      id: `P-${1001 + i}`,
      first_name: first,
      last_name: last,
      full_name: `${first} ${last}`,
      email: personal ? `${handle}@mailbox.org` : `${handle}@${company.domain}`,
      phone: `+1-${rng.int(201, 989)}-555-${rng.digits(4)}`,
      handle,
      birthday: `${rng.int(1962, 2001)}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`,
      address: address(rng, rng.pick(CITIES.slice(0, 11))),
      company: company.name,
      job_title: rng.pick(JOB_TITLES),
    });
  }
  const [user, ...people] = everyone as [Person, ...Person[]];
  return { seed, today, now, user, people, companies, cities: CITIES };
}

function address(rng: Rng, city: City): Address {
  return {
    street: `${rng.int(12, 2899)} ${rng.pick(STREETS)}`,
    city: city.name,
    region: city.region,
    postal_code: city.country === "US" ? rng.digits(5) : `${rng.int(1000, 9999)}`,
    country: city.country,
  };
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
