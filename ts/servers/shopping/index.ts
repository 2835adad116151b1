import { defineDomain } from "../framework/index.ts";
import { seedShopping } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools/index.ts";
import { findCoupon } from "./tools/shared.ts";

export default defineDomain({
  name: "shopping",
  title: "Online store",
  description:
    "An online store's catalog (about 180 products in 11 categories, with size/colour variants, prices, sales, stock and customer reviews) and the user's account there: cart, coupons, saved addresses and payment methods, checkout with shipping options, orders through pending, paid, shipped and delivered, tracking, cancellations, returns and exchanges.",
  tables,
  seed: seedShopping,
  tools,
  // Coupon codes in any case.
  resolve: { coupon: findCoupon },
});
