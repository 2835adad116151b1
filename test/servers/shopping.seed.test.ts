/** The shop's seed, checked against the rules of an online store (and its bookkeeping). */
import { expect } from "vitest";
import shopping from "../../ts/servers/shopping/index.ts";
import type { Address, CartItem, Coupon, Order, Product, Return, Review, Variant } from "../../ts/servers/shopping/state.ts";
import { groupBy, RULE_SEEDS, seedRules } from "../helpers/seed-rules.ts";

const cents = (x: number) => Math.round(x * 100);
/** State sales tax, written out; other states and countries pay none. */
const STATE_TAX: Record<string, number> = { CA: 0.0725, WA: 0.065, CO: 0.029, IL: 0.0625, TX: 0.0625, NY: 0.04, MA: 0.0625, FL: 0.06, GA: 0.04 };
/** Shipping by method, written out: [cost, free from this discounted subtotal]. */
const SHIPPING: Record<string, [number, number]> = {
  standard: [5.99, 75],
  express: [14.99, Infinity],
  overnight: [29.99, Infinity],
  international: [24.99, 200],
};

seedRules(
  shopping,
  {
    "every product has variants with unique SKUs, priced like a shop (x.99, x.95, x.50 or x.00); a sale's compare-at price is higher": (s) => {
      const variants = s.rows<Variant>("variants");
      for (const p of s.rows<Product>("products"))
        expect(
          variants.some((v) => v.product_id === p.id),
          p.title,
        ).toBe(true);
      expect(new Set(variants.map((v) => v.sku)).size).toBe(variants.length);
      for (const v of variants) {
        expect([99, 95, 50, 0], `${v.sku} ${v.price}`).toContain(cents(v.price) % 100);
        if (v.compare_at_price !== undefined) expect(v.compare_at_price, v.sku).toBeGreaterThan(v.price);
      }
    },
    "a product's rating is the mean of its reviews (one decimal) and its count theirs; reviews came after it was listed": (s) => {
      const reviews = groupBy(s.rows<Review>("reviews"), (r) => r.product_id);
      for (const p of s.rows<Product>("products")) {
        const rs = reviews.get(p.id) ?? [];
        expect(p.review_count, p.title).toBe(rs.length);
        expect(p.rating, p.title).toBe(rs.length ? Math.round((rs.reduce((n, r) => n + r.rating, 0) / rs.length) * 10) / 10 : 0);
        for (const r of rs) expect(r.created_at > p.created_at && r.created_at <= s.world.now, r.id).toBe(true);
      }
    },
    "an order adds up: lines are price times quantity, tax is the state's rate on the discounted subtotal, shipping follows the method, total is the sum": (
      s,
    ) => {
      const addresses = new Map(s.rows<Address>("addresses").map((a) => [a.id, a]));
      for (const o of s.rows<Order>("orders")) {
        for (const l of o.lines) expect(cents(l.line_total), o.id).toBe(cents(l.unit_price) * l.quantity);
        expect(cents(o.subtotal), o.id).toBe(o.lines.reduce((n, l) => n + cents(l.line_total), 0));
        const a = addresses.get(o.address_id)!;
        const after = o.subtotal - o.discount;
        expect(o.tax, o.id).toBeCloseTo(after * (a.country === "US" ? (STATE_TAX[a.region] ?? 0) : 0), 2);
        const [cost, freeFrom] = SHIPPING[o.shipping_method_id]!;
        expect(o.shipping_cost, o.id).toBe(after >= freeFrom ? 0 : cost);
        expect(cents(o.total), o.id).toBe(cents(o.subtotal) - cents(o.discount) + cents(o.shipping_cost) + cents(o.tax));
      }
    },
    "an order's status is where its schedule puts it now: paid, shipped, delivered in order; a cancelled one was refunded in full": (s) => {
      for (const o of s.rows<Order>("orders")) {
        expect(o.placed_at <= o.paid_at && o.paid_at <= o.ships_at && o.ships_at <= o.delivers_at && o.placed_at < s.world.now, o.id).toBe(true);
        if (o.status === "cancelled") expect(o.refunded, o.id).toBe(o.total);
        else
          expect(o.status, o.id).toBe(
            s.world.now >= o.delivers_at ? "delivered" : s.world.now >= o.ships_at ? "shipped" : s.world.now >= o.paid_at ? "paid" : "pending",
          );
      }
    },
    "the coupon the user redeemed names the order that used it; a used-up coupon hit its limit; an expired one ended before today": (s) => {
      const orders = new Map(s.rows<Order>("orders").map((o) => [o.id, o]));
      for (const c of s.rows<Coupon>("coupons")) {
        if (c.redeemed_by_user_on) expect(orders.get(c.redeemed_by_user_on)!.coupon_code).toBe(c.code);
        if (c.usage_limit !== undefined) expect(c.times_used, c.code).toBeLessThanOrEqual(c.usage_limit);
        expect(c.starts_on < c.expires_on, c.code).toBe(true);
      }
      const first = [...orders.values()].sort((a, b) => (a.placed_at < b.placed_at ? -1 : 1))[0]!;
      expect([first.coupon_code, first.discount]).toEqual(["WELCOME10", Math.round(first.subtotal * 10) / 100]);
    },
    "a return is for a delivered order, filed within 30 days of delivery, refunding the items' discounted price plus their tax": (s) => {
      for (const r of s.rows<Return>("returns")) {
        const o = s.row<Order>("orders", r.order_id);
        expect(o.status, r.id).toBe("delivered");
        expect(r.created_at > o.delivers_at && (Date.parse(r.created_at) - Date.parse(o.delivers_at)) / 86_400_000 <= 30, r.id).toBe(true);
        const goods = r.items.reduce((n, i) => n + i.unit_price * i.quantity, 0);
        expect(r.refund_amount, r.id).toBeCloseTo(goods * ((o.subtotal - o.discount) / o.subtotal) * (1 + o.tax_rate), 2);
      }
    },
    "products were listed before anyone ordered them; the user's own reviews are verified purchases written after delivery": (s) => {
      const products = new Map(s.rows<Product>("products").map((p) => [p.id, p]));
      for (const o of s.rows<Order>("orders"))
        for (const l of o.lines) expect(products.get(l.product_id)!.created_at < o.placed_at, `${o.id} ${l.title}`).toBe(true);
      const orders = s.rows<Order>("orders");
      for (const r of s.rows<Review>("reviews").filter((x) => x.by_user)) {
        const bought = orders.find((o) => o.status === "delivered" && o.lines.some((l) => l.product_id === r.product_id))!;
        expect([r.verified_purchase, r.created_at > bought.delivers_at], r.id).toEqual([true, true]);
      }
    },
    "one default address (home), and the cart holds variants in stock": (s) => {
      expect(
        s
          .rows<Address>("addresses")
          .filter((a) => a.is_default)
          .map((a) => a.label),
      ).toEqual(["Home"]);
      for (const c of s.rows<CartItem>("cart_items")) expect(s.row<Variant>("variants", c.variant_id).stock, c.id).toBeGreaterThanOrEqual(c.quantity);
    },
  },
  [...RULE_SEEDS, { seed: 1, scale: 10 }],
);
