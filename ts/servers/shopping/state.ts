/**
 * Shopping state: one online store's catalog (categories, products, variants, reviews), the
 * user's cart, the store's coupons, the user's saved addresses and payment methods, shipping
 * methods, orders and returns. Shaped after Shopify's Storefront and Admin order APIs.
 */
import { digitsFrom, fnv1a, roundMoney, table, time, toolkit, z } from "../framework/index.ts";

export const Category = z.object({
  /** A handle, e.g. "mens-clothing". */
  id: z.string(),
  name: z.string(),
  description: z.string(),
});
export type Category = z.output<typeof Category>;

export const Product = z.object({
  id: z.string(),
  title: z.string(),
  brand: z.string(),
  category_id: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  /** Names of the options its variants differ by, e.g. ["Color", "Size"]; empty for a single variant. */
  options: z.array(z.string()),
  /** Mean of its reviews' ratings, one decimal; 0 without reviews. */
  rating: z.number().min(0).max(5),
  review_count: z.number().int().min(0),
  /** Units sold so far, for "best selling" ordering. */
  sales_count: z.number().int().min(0),
  created_at: z.string(),
});
export type Product = z.output<typeof Product>;

export const Variant = z.object({
  id: z.string(),
  product_id: z.string(),
  /** "Navy / M", or "Default" for a product without options. */
  title: z.string(),
  /** Option name → value, e.g. { Color: "Navy", Size: "M" }. */
  selected_options: z.record(z.string(), z.string()),
  sku: z.string(),
  price: z.number().positive(),
  /** The "was" price when the variant is on sale. */
  compare_at_price: z.number().positive().optional(),
  /** Units available to sell; checkout reserves (subtracts) what an order takes. */
  stock: z.number().int().min(0),
});
export type Variant = z.output<typeof Variant>;

export const Review = z.object({
  id: z.string(),
  product_id: z.string(),
  author: z.string(),
  /** True for reviews the user wrote. */
  by_user: z.boolean(),
  rating: z.number().int().min(1).max(5),
  title: z.string(),
  body: z.string(),
  verified_purchase: z.boolean(),
  helpful_votes: z.number().int().min(0),
  created_at: z.string(),
});
export type Review = z.output<typeof Review>;

export const MAX_LINE_QUANTITY = 10;

export const CartItem = z.object({
  id: z.string(),
  product_id: z.string(),
  variant_id: z.string(),
  quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
  added_at: z.string(),
});
export type CartItem = z.output<typeof CartItem>;

/** The user's one cart (a single row): the coupon applied to it. Its lines are cart_items. */
export const Cart = z.object({
  id: z.string(),
  coupon_code: z.string().optional(),
  updated_at: z.string(),
});
export type Cart = z.output<typeof Cart>;
export const CART_ID = "CART-1";

export const Coupon = z.object({
  /** The code a shopper types, upper case, e.g. "SPRING20". */
  code: z.string(),
  description: z.string(),
  type: z.enum(["percent", "fixed"]),
  /** Percent off (1-100) or an amount off in USD. */
  value: z.number().positive(),
  /** The cart subtotal the code needs, in USD (0 for none). */
  min_subtotal: z.number().min(0),
  starts_on: z.string(),
  /** Last day the code works, inclusive. */
  expires_on: z.string(),
  /** Redemptions allowed across all customers; absent for unlimited. */
  usage_limit: z.number().int().positive().optional(),
  times_used: z.number().int().min(0),
  /** The user's order that redeemed this code (each code works once per customer). */
  redeemed_by_user_on: z.string().optional(),
});
export type Coupon = z.output<typeof Coupon>;

export const SHIP_COUNTRIES = ["US", "CA", "MX", "GB", "FR", "DE", "NL", "ES", "JP", "SG", "AU"] as const;

export const Address = z.object({
  id: z.string(),
  /** "Home", "Work"… */
  label: z.string(),
  recipient: z.string(),
  street: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  region: z.string(),
  postal_code: z.string(),
  country: z.enum(SHIP_COUNTRIES),
  phone: z.string().optional(),
  is_default: z.boolean(),
  created_at: z.string(),
});
export type Address = z.output<typeof Address>;

export const PaymentMethod = z.object({
  id: z.string(),
  type: z.enum(["card", "paypal", "gift_card"]),
  /** Card network for cards. */
  brand: z.string().optional(),
  /** Last four digits (cards and gift cards); full numbers are never stored or accepted. */
  last4: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  /** "2028-04": the card's expiry month. */
  expires: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  holder: z.string(),
  email: z.string().optional(),
  /** Remaining balance of a gift card. */
  balance: z.number().min(0).optional(),
  is_default: z.boolean(),
});
export type PaymentMethod = z.output<typeof PaymentMethod>;

export const ShippingMethod = z.object({
  /** "standard", "express", "overnight", "international". */
  id: z.string(),
  name: z.string(),
  carrier: z.enum(["USPS", "UPS", "FedEx", "DHL"]),
  cost: z.number().min(0),
  /** Orders whose subtotal after discount reaches this ship free by this method. */
  free_over: z.number().positive().optional(),
  /** Business days in transit after the parcel ships. */
  min_days: z.number().int().positive(),
  max_days: z.number().int().positive(),
  /** Domestic methods ship to US addresses only; the international one to the others. */
  scope: z.enum(["domestic", "international"]),
});
export type ShippingMethod = z.output<typeof ShippingMethod>;

export const ORDER_STATUSES = ["pending", "paid", "shipped", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const OrderLine = z.object({
  product_id: z.string(),
  variant_id: z.string(),
  title: z.string(),
  variant_title: z.string(),
  sku: z.string(),
  quantity: z.number().int().positive(),
  unit_price: z.number().positive(),
  line_total: z.number().positive(),
});
export type OrderLine = z.output<typeof OrderLine>;

export const ShipTo = Address.pick({ recipient: true, street: true, line2: true, city: true, region: true, postal_code: true, country: true });

export const Order = z.object({
  id: z.string(),
  /** Status as of the last write that touched the order; reads compute it from the clock (see statusAt). */
  status: z.enum(ORDER_STATUSES),
  placed_at: z.string(),
  /** When the payment is captured (pending → paid). */
  paid_at: z.string(),
  /** When the parcel leaves the warehouse (paid → shipped). */
  ships_at: z.string(),
  /** When the carrier delivers it (shipped → delivered). */
  delivers_at: z.string(),
  cancelled_at: z.string().optional(),
  cancel_reason: z.string().optional(),
  lines: z.array(OrderLine).min(1),
  address_id: z.string(),
  ship_to: ShipTo,
  shipping_method_id: z.string(),
  payment_method_id: z.string(),
  coupon_code: z.string().optional(),
  subtotal: z.number().min(0),
  discount: z.number().min(0),
  shipping_cost: z.number().min(0),
  tax_rate: z.number().min(0),
  tax: z.number().min(0),
  total: z.number().min(0),
  refunded: z.number().min(0),
  carrier: z.enum(["USPS", "UPS", "FedEx", "DHL"]),
  tracking_number: z.string(),
  note: z.string().optional(),
});
export type Order = z.output<typeof Order>;

export const RETURN_REASONS = ["damaged", "defective", "wrong_item", "not_as_described", "size_or_fit", "no_longer_needed", "other"] as const;

export const ReturnItem = z.object({
  variant_id: z.string(),
  product_id: z.string(),
  title: z.string(),
  variant_title: z.string(),
  quantity: z.number().int().positive(),
  unit_price: z.number().positive(),
});
export type ReturnItem = z.output<typeof ReturnItem>;

export const Return = z.object({
  id: z.string(),
  order_id: z.string(),
  /** refund: money back to the order's payment method; exchange: another variant of the same product is sent. */
  type: z.enum(["refund", "exchange"]),
  items: z.array(ReturnItem).min(1),
  reason: z.enum(RETURN_REASONS),
  comment: z.string().optional(),
  status: z.enum(["requested", "received", "refunded", "exchanged"]),
  refund_amount: z.number().min(0),
  /** Exchanges: the variant sent instead. */
  replacement_variant_id: z.string().optional(),
  /** Exchanges: replacement price minus original price, times quantity (positive: charged). */
  price_difference: z.number().optional(),
  /** Last day to drop the parcel off with the prepaid label. */
  ship_back_by: z.string(),
  return_label: z.string(),
  created_at: z.string(),
});
export type Return = z.output<typeof Return>;

export const tables = {
  categories: table("category", Category, { example: "womens-clothing", describe: (c) => `the ${c.name} category` }),
  products: table("product", Product, { idPrefix: "PROD-", describe: (p) => `the ${p.title}` }),
  variants: table("variant", Variant, { idPrefix: "VAR-", idDigits: 5, describe: (v) => `the ${v.title} variant (SKU ${v.sku})` }),
  reviews: table("review", Review, { idPrefix: "REV-", idDigits: 5, describe: (r) => `${r.author}'s ${r.rating}-star review "${r.title}"` }),
  cart_items: table("cart_item", CartItem, { idPrefix: "LINE-", describe: (l) => `the cart line of ${l.quantity} × ${l.variant_id}` }),
  carts: table("cart", Cart, { idPrefix: "CART-", idDigits: 1, example: CART_ID, describe: () => "the shopping cart" }),
  coupons: table("coupon", Coupon, { key: "code", example: "SPRING20", describe: (c) => `the coupon code ${c.code}` }),
  addresses: table("address", Address, { idPrefix: "ADDR-", describe: (a) => `the ${a.label.toLowerCase()} address on ${a.street}, ${a.city}` }),
  payment_methods: table("payment_method", PaymentMethod, {
    idPrefix: "PM-",
    describe: (p) =>
      p.type === "paypal"
        ? `the PayPal account ${p.email}`
        : p.type === "gift_card"
          ? `the gift card ending in ${p.last4}`
          : `the ${p.brand} card ending in ${p.last4}`,
  }),
  shipping_methods: table("shipping_method", ShippingMethod, { example: "standard", describe: (m) => `${m.name} shipping` }),
  orders: table("order", Order, { idPrefix: "ORD-", describe: (o) => `the order of ${o.placed_at.slice(0, 10)} totalling ${o.total.toFixed(2)} USD` }),
  returns: table("return", Return, {
    idPrefix: "RET-",
    describe: (r) => `the ${r.type} request for order ${r.order_id} (${r.items.map((i) => i.title).join(", ")})`,
  }),
};

export const { read, write } = toolkit(tables);

/** Sales tax by US state (store ships from the US; other countries pay duties on delivery). */
export const TAX_RATES: Readonly<Record<string, number>> = {
  CA: 0.0725,
  WA: 0.065,
  CO: 0.029,
  IL: 0.0625,
  TX: 0.0625,
  NY: 0.04,
  MA: 0.0625,
  FL: 0.06,
  GA: 0.04,
};

export function taxRateFor(country: string, region: string): number {
  return country === "US" ? (TAX_RATES[region] ?? 0) : 0;
}

/** Days after delivery during which items can be returned or exchanged. */
export const RETURN_WINDOW_DAYS = 30;

/** An order's status at an instant: the clock moves it pending → paid → shipped → delivered. */
export function statusAt(o: Order, now: string): OrderStatus {
  if (o.status === "cancelled") return "cancelled";
  if (now >= o.delivers_at) return "delivered";
  if (now >= o.ships_at) return "shipped";
  if (now >= o.paid_at) return "paid";
  return "pending";
}

/** When an order placed at `placedAt` ships and arrives by `method`. */
export function schedule(placedAt: string, method: ShippingMethod): { paid_at: string; ships_at: string; delivers_at: string } {
  const day = placedAt.slice(0, 10);
  const sameDay = !time.isWeekend(day) && placedAt.slice(11, 16) < "12:00";
  const shipDay = sameDay ? day : time.addBusinessDays(day, 1);
  const ships_at = `${shipDay}T17:00:00Z`;
  const delivers_at = `${time.addBusinessDays(shipDay, method.max_days)}T16:00:00Z`;
  return { paid_at: time.addMinutes(placedAt, 5), ships_at, delivers_at };
}

/** The return label of a return request: "RMA-1004-" and eight digits derived from its id. */
export function returnLabel(returnId: string): string {
  return `RMA-${returnId.replace(/^RET-/, "")}-${trackingNumber("USPS", returnId).slice(-8)}`;
}

/** An order's copy of a saved address. */
export function shipTo(a: Address): z.output<typeof ShipTo> {
  return {
    recipient: a.recipient,
    street: a.street,
    ...(a.line2 ? { line2: a.line2 } : {}),
    city: a.city,
    region: a.region,
    postal_code: a.postal_code,
    country: a.country,
  };
}

/** What returning `items` of an order refunds: their price less their share of the discount, plus tax. */
export function refundFor(o: Order, items: ReadonlyArray<{ unit_price: number; quantity: number }>): number {
  const share = o.subtotal > 0 ? (o.subtotal - o.discount) / o.subtotal : 1;
  return roundMoney(items.reduce((s, i) => s + i.unit_price * i.quantity, 0) * share * (1 + o.tax_rate));
}

/** A tracking number in the carrier's format, derived from the order id. */
export function trackingNumber(carrier: Order["carrier"], orderId: string): string {
  switch (carrier) {
    case "USPS":
      return `9400${digitsFrom(orderId, 18)}`;
    case "UPS":
      return `1Z${fnv1a(orderId).toString(16).toUpperCase().padStart(8, "0")}${digitsFrom(orderId, 8)}`;
    case "FedEx":
      return digitsFrom(orderId, 12);
    case "DHL":
      return digitsFrom(orderId, 10);
  }
}

export function trackingUrl(carrier: Order["carrier"], number: string): string {
  switch (carrier) {
    case "USPS":
      return `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}`;
    case "UPS":
      return `https://www.ups.com/track?tracknum=${number}`;
    case "FedEx":
      return `https://www.fedex.com/fedextrack/?trknbr=${number}`;
    case "DHL":
      return `https://www.dhl.com/en/express/tracking.html?AWB=${number}`;
  }
}

/** What a coupon takes off a subtotal (a fixed amount never exceeds the subtotal). */
export function discountFor(c: Coupon, subtotal: number): number {
  return roundMoney(c.type === "percent" ? (subtotal * c.value) / 100 : Math.min(c.value, subtotal));
}

/** Shipping cost of a method for a subtotal after discount. */
export function shippingCost(m: ShippingMethod, discounted: number): number {
  return m.free_over !== undefined && discounted >= m.free_over ? 0 : m.cost;
}

/** An order's money: shipping by `method` and tax at the address's rate on the subtotal after discount. */
export function orderTotals(subtotal: number, discount: number, method: ShippingMethod, to: Pick<Address, "country" | "region">) {
  const shipping_cost = shippingCost(method, roundMoney(subtotal - discount));
  const tax_rate = taxRateFor(to.country, to.region);
  const tax = roundMoney((subtotal - discount) * tax_rate);
  return { subtotal, discount, shipping_cost, tax_rate, tax, total: roundMoney(subtotal - discount + shipping_cost + tax) };
}

export function priceRange(vs: readonly Variant[]): { min: number; max: number } {
  const prices = vs.map((v) => v.price);
  return { min: prices.length ? Math.min(...prices) : 0, max: prices.length ? Math.max(...prices) : 0 };
}
