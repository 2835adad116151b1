/**
 * Food delivery state: restaurants around the user's city with menus and modifiers, the
 * user's delivery addresses and promo codes, one cart (bound to one restaurant), and orders
 * with a lifecycle on the logical clock. Shaped after DoorDash / Uber Eats.
 *
 * An order's status is not stored: it is a pure function of the instants fixed when it was
 * placed (preparing_at, on_the_way_at, delivered_at), its cancellation and the clock, so an
 * order moves placed → preparing → on_the_way → delivered without any write.
 */
import { formatMoney, OpeningHours, roundMoney, table, toolkit, z, type Db } from "../framework/index.ts";
import { CUISINES, DIETARY } from "./catalog.ts";

export const Restaurant = z.object({
  id: z.string(),
  name: z.string(),
  cuisine: z.enum(CUISINES),
  rating: z.number().min(1).max(5),
  rating_count: z.number().int().min(0),
  /** 1 ($) to 4 ($$$$). */
  price_level: z.number().int().min(1).max(4),
  street: z.string(),
  city: z.string(),
  lat: z.number(),
  lon: z.number(),
  phone: z.string(),
  hours: OpeningHours,
  /** Delivers to addresses within this distance of the restaurant. */
  delivery_radius_km: z.number().positive(),
  delivery_fee: z.number().min(0),
  /** Smallest subtotal (items before fees and discounts) it accepts. */
  min_order: z.number().min(0),
  /** Minutes from order to pickup by the courier. */
  prep_minutes: z.number().int().positive(),
});
export type Restaurant = z.output<typeof Restaurant>;

export const ModifierOption = z.object({ id: z.string(), name: z.string(), price: z.number().min(0) });
export const ModifierGroup = z.object({
  id: z.string(),
  name: z.string(),
  /** Choices the customer must make in this group (0 = optional). */
  min: z.number().int().min(0),
  max: z.number().int().positive(),
  options: z.array(ModifierOption),
});
export type ModifierGroup = z.output<typeof ModifierGroup>;

export const MenuItem = z.object({
  id: z.string(),
  restaurant_id: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  price: z.number().positive(),
  dietary: z.array(z.enum(DIETARY)),
  popular: z.boolean(),
  /** false: sold out today. */
  available: z.boolean(),
  modifier_groups: z.array(ModifierGroup),
});
export type MenuItem = z.output<typeof MenuItem>;

/** A chosen option, priced as it was when chosen. */
export const ChosenOption = z.object({ group_id: z.string(), group: z.string(), option_id: z.string(), name: z.string(), price: z.number().min(0) });
export type ChosenOption = z.output<typeof ChosenOption>;

export const CartItem = z.object({
  id: z.string(),
  restaurant_id: z.string(),
  menu_item_id: z.string(),
  name: z.string(),
  quantity: z.number().int().positive(),
  options: z.array(ChosenOption),
  /** Base price plus the prices of the chosen options. */
  unit_price: z.number().positive(),
  special_instructions: z.string(),
  added_at: z.string(),
});
export type CartItem = z.output<typeof CartItem>;

/** The session's one cart; its restaurant is that of its items. */
export const FoodCart = z.object({ id: z.string(), promo_code: z.string().optional(), updated_at: z.string() });
export type FoodCart = z.output<typeof FoodCart>;
export const CART_ID = "current";

export const DeliveryAddress = z.object({
  id: z.string(),
  label: z.string(),
  street: z.string(),
  unit: z.string(),
  city: z.string(),
  region: z.string(),
  postal_code: z.string(),
  lat: z.number(),
  lon: z.number(),
  dropoff_instructions: z.string(),
  is_default: z.boolean(),
});
export type DeliveryAddress = z.output<typeof DeliveryAddress>;

export const PromoCode = z.object({
  code: z.string(),
  description: z.string(),
  kind: z.enum(["percent", "fixed", "free_delivery"]),
  /** Percent off (percent) or amount off (fixed); unused for free_delivery. */
  value: z.number().min(0),
  /** Cap of a percent discount. */
  max_discount: z.number().positive().optional(),
  min_subtotal: z.number().min(0),
  expires_at: z.string(),
  /** Only on the user's first order (at restaurant_id when set, else anywhere). */
  first_order_only: z.boolean(),
  /** Only at this restaurant. */
  restaurant_id: z.string().optional(),
  once_per_customer: z.boolean(),
});
export type PromoCode = z.output<typeof PromoCode>;

export const OrderLine = z.object({
  menu_item_id: z.string(),
  name: z.string(),
  quantity: z.number().int().positive(),
  options: z.array(ChosenOption),
  unit_price: z.number().positive(),
  line_total: z.number().positive(),
  special_instructions: z.string(),
});
export type OrderLine = z.output<typeof OrderLine>;

export const FoodOrder = z.object({
  id: z.string(),
  restaurant_id: z.string(),
  restaurant_name: z.string(),
  lines: z.array(OrderLine),
  subtotal: z.number().positive(),
  delivery_fee: z.number().min(0),
  service_fee: z.number().min(0),
  discount: z.number().min(0),
  tax: z.number().min(0),
  tip: z.number().min(0),
  total: z.number().positive(),
  promo_code: z.string().optional(),
  delivery_address_id: z.string(),
  delivery_address: z.string(),
  dropoff_instructions: z.string(),
  distance_km: z.number().min(0),
  courier_name: z.string(),
  placed_at: z.string(),
  preparing_at: z.string(),
  on_the_way_at: z.string(),
  delivered_at: z.string(),
  cancelled_at: z.string().optional(),
  rating: z.number().int().min(1).max(5).optional(),
  rating_comment: z.string().optional(),
  rated_at: z.string().optional(),
});
export type FoodOrder = z.output<typeof FoodOrder>;

export const ORDER_STATUSES = ["placed", "preparing", "on_the_way", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const tables = {
  restaurants: table("restaurant", Restaurant, { idPrefix: "RST-", describe: (r) => `the ${r.cuisine} restaurant ${r.name}` }),
  menu_items: table("menu_item", MenuItem, {
    idPrefix: "ITEM-",
    idDigits: 5,
    describe: (m) => `the ${m.name} (${formatMoney(m.price)}) on the menu of ${m.restaurant_id}`,
  }),
  cart: table("food_cart", FoodCart, { example: CART_ID, describe: (c) => `the food cart${c.promo_code ? ` with promo ${c.promo_code}` : ""}` }),
  cart_items: table("cart_item", CartItem, { idPrefix: "CI-", describe: (c) => `${c.quantity} × ${c.name} in the food cart` }),
  delivery_addresses: table("delivery_address", DeliveryAddress, { idPrefix: "ADDR-", idDigits: 3, describe: (a) => `the ${a.label} address, ${a.street}` }),
  promo_codes: table("promo_code", PromoCode, { key: "code", example: "SAVE5", describe: (p) => `the promo code ${p.code} (${p.description})` }),
  food_orders: table("food_order", FoodOrder, {
    idPrefix: "FD-",
    idDigits: 5,
    describe: (o) => `the ${formatMoney(o.total)} order from ${o.restaurant_name} placed ${o.placed_at.slice(0, 16).replace("T", " ")}`,
  }),
};

export const { read, write } = toolkit(tables);
export type Food = Db<typeof tables>;

export const TAX_RATE = 0.0875;
export const SERVICE_FEE_RATE = 0.1;
export const SERVICE_FEE_MIN = 2;
export const SERVICE_FEE_MAX = 12;
/** An order can be cancelled until the restaurant starts preparing it, this many minutes after placing. */
export const CANCEL_WINDOW_MINUTES = 5;

/** Where an order is on the clock. */
export function orderStatus(o: FoodOrder, now: string): OrderStatus {
  if (o.cancelled_at) return "cancelled";
  if (now < o.preparing_at) return "placed";
  if (now < o.on_the_way_at) return "preparing";
  if (now < o.delivered_at) return "on_the_way";
  return "delivered";
}

export function priceLevel(n: number): string {
  return "$".repeat(n);
}

/** Minutes from order to door: the restaurant's preparation plus the ride (≈3 min per km + 5 to park and hand over). */
export function travelMinutes(distanceKm: number): number {
  return Math.round(5 + distanceKm * 3);
}

export interface Pricing {
  subtotal: number;
  delivery_fee: number;
  service_fee: number;
  discount: number;
  tax: number;
  tip: number;
  total: number;
}

/** What a promo takes off an order of this subtotal from this restaurant. */
export function promoDiscount(p: PromoCode, subtotal: number, deliveryFee: number): number {
  if (p.kind === "free_delivery") return deliveryFee;
  if (p.kind === "fixed") return roundMoney(Math.min(p.value, subtotal));
  return roundMoney(Math.min((subtotal * p.value) / 100, p.max_discount ?? Number.POSITIVE_INFINITY));
}

export function price(subtotalRaw: number, r: Restaurant, promo: PromoCode | undefined, tip: number): Pricing {
  const subtotal = roundMoney(subtotalRaw);
  const serviceFee = roundMoney(Math.min(SERVICE_FEE_MAX, Math.max(SERVICE_FEE_MIN, subtotal * SERVICE_FEE_RATE)));
  const discount = promo ? promoDiscount(promo, subtotal, r.delivery_fee) : 0;
  const foodDiscount = promo && promo.kind !== "free_delivery" ? discount : 0;
  const tax = roundMoney((subtotal - foodDiscount) * TAX_RATE);
  const total = roundMoney(subtotal + r.delivery_fee + serviceFee + tax + tip - discount);
  return { subtotal, delivery_fee: r.delivery_fee, service_fee: serviceFee, discount, tax, tip, total };
}
