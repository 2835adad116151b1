/** Helpers the shopping tools share: cart totals, coupon checks, order views. */
import { formatMoney, roundMoney, time, type Db, type ToolErrorCode } from "../../framework/index.ts";
import {
  CART_ID,
  RETURN_WINDOW_DAYS,
  discountFor,
  priceRange,
  statusAt,
  trackingUrl,
  type Cart,
  type CartItem,
  type Coupon,
  type Order,
  type Product,
  type Variant,
  type tables,
} from "../state.ts";

export type Shop = Db<typeof tables>;

/** A coupon by its code, in any case. */
export const findCoupon = (db: Shop, code: string) => db.coupons.get(code.trim().toUpperCase());

/** The cart row (always seeded; read tools must not write, so a missing one is shown empty). */
export function cartOf(db: Shop, now: string): Cart {
  return db.carts.get(CART_ID) ?? { id: CART_ID, updated_at: now };
}

/** Writes the cart row with a new coupon (or none) and touch time. */
export function saveCart(db: Shop, now: string, coupon?: string): Cart {
  return db.carts.put({ id: cartOf(db, now).id, ...(coupon ? { coupon_code: coupon } : {}), updated_at: now });
}

export interface CartLine {
  line: CartItem;
  variant: Variant;
  product: Product;
}

export function cartLines(db: Shop): CartLine[] {
  return db.cart_items.all().map((line) => ({ line, variant: db.variants.need(line.variant_id), product: db.products.need(line.product_id) }));
}

export function subtotalOf(lines: readonly CartLine[]): number {
  return roundMoney(lines.reduce((s, l) => s + l.variant.price * l.line.quantity, 0));
}

export interface Problem {
  message: string;
  code: ToolErrorCode;
}

/** Codes the user could apply today (for messages that suggest an alternative). */
export function usableCodes(db: Shop, today: string): string[] {
  return db.coupons
    .filter((c) => c.starts_on <= today && c.expires_on >= today && !c.redeemed_by_user_on && (c.usage_limit === undefined || c.times_used < c.usage_limit))
    .map((c) => c.code);
}

/** Why a coupon cannot be used on a cart with this subtotal today, or undefined when it can. */
export function couponProblem(db: Shop, c: Coupon, subtotal: number, today: string): Problem | undefined {
  const others = () => {
    const codes = usableCodes(db, today).filter((x) => x !== c.code);
    return codes.length ? `; codes valid today: ${codes.join(", ")}` : "";
  };
  if (c.starts_on > today)
    return { code: "failed_precondition", message: `coupon ${c.code} is not valid yet: it starts on ${c.starts_on} (today is ${today})${others()}` };
  if (c.expires_on < today) return { code: "failed_precondition", message: `coupon ${c.code} expired on ${c.expires_on} (today is ${today})${others()}` };
  if (c.redeemed_by_user_on)
    return {
      code: "failed_precondition",
      message: `coupon ${c.code} was already used on your order ${c.redeemed_by_user_on}; each code works once per customer${others()}`,
    };
  if (c.usage_limit !== undefined && c.times_used >= c.usage_limit) {
    return { code: "limit_exceeded", message: `coupon ${c.code} has reached its limit of ${c.usage_limit} redemptions and no longer works${others()}` };
  }
  if (subtotal < c.min_subtotal) {
    return {
      code: "failed_precondition",
      message: `coupon ${c.code} needs a subtotal of at least ${formatMoney(c.min_subtotal)}; the cart's subtotal is ${formatMoney(subtotal)}, so add ${formatMoney(roundMoney(c.min_subtotal - subtotal))} more`,
    };
  }
  return undefined;
}

export interface CartTotals {
  lines: CartLine[];
  subtotal: number;
  coupon?: Coupon;
  discount: number;
  problem?: Problem;
}

export function cartTotals(db: Shop, now: string): CartTotals {
  const cart = cartOf(db, now);
  const lines = cartLines(db);
  const subtotal = subtotalOf(lines);
  const coupon = cart.coupon_code ? db.coupons.get(cart.coupon_code) : undefined;
  if (!coupon) return { lines, subtotal, discount: 0 };
  const problem = couponProblem(db, coupon, subtotal, now.slice(0, 10));
  return { lines, subtotal, coupon, discount: problem ? 0 : discountFor(coupon, subtotal), ...(problem ? { problem } : {}) };
}

export function lineView(l: CartLine) {
  return {
    id: l.line.id,
    product_id: l.product.id,
    variant_id: l.variant.id,
    title: l.product.title,
    variant_title: l.variant.title,
    quantity: l.line.quantity,
    unit_price: l.variant.price,
    line_total: roundMoney(l.variant.price * l.line.quantity),
    in_stock: l.variant.stock,
    added_at: l.line.added_at,
  };
}

export function cartView(db: Shop, now: string) {
  const t = cartTotals(db, now);
  return {
    cart_id: CART_ID,
    lines: t.lines.map(lineView),
    item_count: t.lines.reduce((s, l) => s + l.line.quantity, 0),
    subtotal: t.subtotal,
    ...(t.coupon
      ? {
          coupon: {
            code: t.coupon.code,
            description: t.coupon.description,
            discount: t.discount,
            ...(t.problem ? { not_applied_because: t.problem.message } : {}),
          },
        }
      : {}),
    discount: t.discount,
    total_before_shipping_and_tax: roundMoney(t.subtotal - t.discount),
  };
}

export function variantsOf(db: Shop, productId: string): Variant[] {
  return db.variants.filter((v) => v.product_id === productId);
}

export function productSummary(p: Product, vs: readonly Variant[]) {
  const { min, max } = priceRange(vs);
  const cheapest = vs.find((v) => v.price === min);
  const stock = vs.reduce((s, v) => s + v.stock, 0);
  return {
    id: p.id,
    title: p.title,
    brand: p.brand,
    category_id: p.category_id,
    price: min,
    ...(max !== min ? { max_price: max } : {}),
    ...(cheapest?.compare_at_price ? { compare_at_price: cheapest.compare_at_price } : {}),
    on_sale: vs.some((v) => v.compare_at_price !== undefined),
    rating: p.rating,
    review_count: p.review_count,
    in_stock: stock > 0,
    variant_count: vs.length,
  };
}

/** Writes the order's clock-driven status into the state (called by tools that act on an order). */
export function syncOrder(db: Shop, o: Order, now: string): Order {
  const s = statusAt(o, now);
  return s === o.status ? o : db.orders.update(o.id, { status: s });
}

export function returnDeadline(o: Order): string {
  return time.addDays(o.delivers_at.slice(0, 10), RETURN_WINDOW_DAYS);
}

/** What a model sees of an order: the status at `now`, the delivery dates and the tracking once shipped. */
export function orderView(o: Order, now: string) {
  const status = statusAt(o, now);
  const shipped = status === "shipped" || status === "delivered";
  const { tracking_number, carrier, ...rest } = o;
  return {
    ...rest,
    status,
    carrier,
    estimated_delivery: o.delivers_at.slice(0, 10),
    ...(status === "delivered" ? { delivered_at: o.delivers_at, returnable_until: returnDeadline(o) } : {}),
    ...(shipped ? { shipped_at: o.ships_at, tracking_number, tracking_url: trackingUrl(carrier, tracking_number) } : {}),
    item_count: o.lines.reduce((s, l) => s + l.quantity, 0),
  };
}

/** A list of ids for messages, shortened. */
export function listIds(ids: readonly string[], max = 8): string {
  return ids.length <= max ? ids.join(", ") : `${ids.slice(0, max).join(", ")} and ${ids.length - max} more`;
}
