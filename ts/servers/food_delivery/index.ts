import { defineDomain } from "../framework/index.ts";
import { seedFoodDelivery } from "./seed.ts";
import { tables } from "./state.ts";
import { needPromo, tools } from "./tools.ts";

export default defineDomain({
  name: "food_delivery",
  title: "Food delivery",
  description:
    "The user's food delivery app in their city: 48–64 restaurants with menus, option choices, opening hours and delivery zones; saved delivery addresses; promo codes; one cart bound to one restaurant; and orders that move from placed to preparing, on the way and delivered on the clock, with cancellation, ratings and reorders.",
  tables,
  seed: seedFoodDelivery,
  tools,
  // Promo codes in any case.
  resolve: { promo_code: needPromo },
});
