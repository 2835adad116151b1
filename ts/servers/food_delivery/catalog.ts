/**
 * What the app's restaurants serve: their cuisines and the dietary tags a dish can carry, the
 * vocabulary tools filter by. The menus the seed draws from are in seed/menus.ts.
 */
export const CUISINES = [
  "pizza",
  "italian",
  "mexican",
  "japanese",
  "chinese",
  "thai",
  "indian",
  "burgers",
  "mediterranean",
  "korean",
  "vietnamese",
  "breakfast",
  "healthy",
] as const;
export type Cuisine = (typeof CUISINES)[number];

export const DIETARY = ["vegetarian", "vegan", "gluten_free", "spicy"] as const;
export type Dietary = (typeof DIETARY)[number];
