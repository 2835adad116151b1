/**
 * Maps state: a gazetteer of places in the world's cities (points of interest, company offices,
 * street addresses of the people in the world), their reviews, and the user's saved places.
 * Shaped after the Google Maps Platform (Geocoding, Places, Directions, Distance Matrix, Time
 * Zone) and Google Maps' labelled places.
 */
import { OpeningHours, table, toolkit, z } from "../framework/index.ts";

export const PLACE_CATEGORIES = [
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
] as const;
export type PlaceCategory = (typeof PLACE_CATEGORIES)[number];

export const Address = z.object({
  street: z.string(),
  city: z.string(),
  region: z.string(),
  postal_code: z.string(),
  country: z.string(),
});

export const Place = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(PLACE_CATEGORIES),
  /** Restaurants: the cuisine; other kinds: a finer type ("art museum"). */
  subtype: z.string().optional(),
  address: Address,
  formatted_address: z.string(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** 1.0–5.0 average of public ratings; absent for street addresses. */
  rating: z.number().min(1).max(5).optional(),
  user_ratings_total: z.number().int().min(0).optional(),
  /** 0 (free) to 4 (very expensive), Google's scale. */
  price_level: z.number().int().min(0).max(4).optional(),
  /** Local opening hours per weekday; absent when always open or not a business. */
  opening_hours: OpeningHours.optional(),
  open_24h: z.boolean().optional(),
  phone: z.string().optional(),
  website: z.string().optional(),
  wheelchair_accessible: z.boolean().optional(),
});
export type Place = z.output<typeof Place>;

export const Review = z.object({
  id: z.string(),
  place_id: z.string(),
  author: z.string(),
  rating: z.number().int().min(1).max(5),
  text: z.string(),
  created_at: z.string(),
});
export type Review = z.output<typeof Review>;

export const SavedPlace = z.object({
  id: z.string(),
  /** The user's name for it: "Home", "Work", "Gym"… unique, compared without case. */
  label: z.string(),
  /** The gazetteer place, when one was saved (absent for a dropped pin). */
  place_id: z.string().optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  address: z.string(),
  note: z.string(),
  created_at: z.string(),
});
export type SavedPlace = z.output<typeof SavedPlace>;

export const tables = {
  places: table("place", Place, {
    idPrefix: "PL-",
    idDigits: 5,
    describe: (p) =>
      p.category === "street_address"
        ? `the address ${p.formatted_address}`
        : `${p.name}, the ${p.subtype ?? p.category.replace(/_/g, " ")} on ${p.address.street} in ${p.address.city}`,
  }),
  reviews: table("review", Review, {
    idPrefix: "REV-",
    idDigits: 5,
    describe: (r) => `${r.author}'s ${r.rating}-star review from ${r.created_at.slice(0, 10)}`,
  }),
  saved_places: table("saved_place", SavedPlace, {
    idPrefix: "SAV-",
    describe: (s) => `the saved place "${s.label}" (${s.address})`,
  }),
};

export const { read, write } = toolkit(tables);

export const MAX_SAVED_PLACES = 50;

export const labelKey = (label: string) => label.trim().toLowerCase();
