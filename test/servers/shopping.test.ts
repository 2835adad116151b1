import { describe, expect, it } from "vitest";
import { roundMoney, time } from "../../ts/servers/framework/index.ts";
import shopping from "../../ts/servers/shopping/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(shopping, 23);

// ---- helpers ---------------------------------------------------------------------------------

type Row = Record<string, any>;
const SEED = Number(process.env.TEST_SEED ?? 1);
const open = () => openSession(shopping, SEED);

const productOf = (s: TestSession, variantId: string) => s.row("products", s.row("variants", variantId).product_id);
/** The first variant (in table order) that matches. */
function variant(s: TestSession, where: (v: Row) => boolean): Row {
  const v = s.rows("variants").find(where);
  if (!v) throw new Error("no variant matches");
  return v;
}
function emptyCart(s: TestSession): void {
  if (s.ok("view_cart").lines.length > 0) s.ok("clear_cart");
}
const reviewedByUser = (s: TestSession) =>
  new Set(
    s
      .rows("reviews")
      .filter((r) => r.by_user)
      .map((r) => r.product_id),
  );
/** A product the user has not reviewed with at least two variants in stock: [first, second]. */
function twoVariants(s: TestSession): [Row, Row] {
  const byProduct = new Map<string, Row[]>();
  const reviewed = reviewedByUser(s);
  for (const v of s.rows("variants")) if (v.stock >= 3 && !reviewed.has(v.product_id)) byProduct.set(v.product_id, [...(byProduct.get(v.product_id) ?? []), v]);
  for (const vs of byProduct.values()) if (vs.length >= 2) return [vs[0]!, vs[1]!];
  throw new Error("no multi-variant product");
}
const DEFAULT_ADDR = (s: TestSession) => s.rows("addresses").find((a) => a.is_default)!;
/** A saved US address (the seed always has one; the default may be abroad). */
const US_ADDR = (s: TestSession) => s.rows("addresses").find((a) => a.country === "US")!;

/** State sales tax the store charges, written out: the base rate of each state it collects in; other states and countries pay none. */
const STATE_TAX: Record<string, number> = { CA: 0.0725, WA: 0.065, CO: 0.029, IL: 0.0625, TX: 0.0625, NY: 0.04, MA: 0.0625, FL: 0.06, GA: 0.04 };

/** Checks out `lines` to the default address by standard shipping; returns the order. */
function placeOrder(s: TestSession, lines: Array<[Row, number]>, extra: Record<string, unknown> = {}): Row {
  emptyCart(s);
  for (const [v, q] of lines) s.ok("add_to_cart", { variant_id: v.id, quantity: q });
  return s.ok("checkout", { address_id: US_ADDR(s).id, shipping_method_id: "standard", ...extra });
}
/** An order placed now and then delivered (the clock moves past its delivery). */
function deliveredOrder(s: TestSession): { order: Row; a: Row; b: Row; other: Row } {
  const [a, b] = twoVariants(s);
  const reviewed = reviewedByUser(s);
  const other = variant(s, (v) => v.product_id !== a.product_id && v.stock >= 2 && v.price >= 20 && !reviewed.has(v.product_id));
  const order = placeOrder(s, [
    [a, 2],
    [other, 1],
  ]);
  s.advanceTo(time.addMinutes(s.row("orders", order.id).delivers_at, 60));
  return { order, a, b, other };
}

// ---- catalog ---------------------------------------------------------------------------------

describe("shopping: catalog", () => {
  it("list_product_categories counts every product once", () => {
    const s = open();
    const r = s.ok("list_product_categories", {});
    expect(r.total).toBe(11);
    const sum = r.items.reduce((n: number, c: Row) => n + c.product_count, 0);
    expect(sum).toBe(s.rows("products").length);
    expect(s.rows("products").length).toBeGreaterThanOrEqual(120);
    expect(r.items.find((c: Row) => c.id === "mens-clothing").product_count).toBe(18);
  });

  it("search_products matches every word, filters and sorts", () => {
    const s = open();
    const words = (s.rows("products").find((p) => /Sweater|Jacket|Shoe/.test(p.title))!.title as string).split(" ").slice(-2);
    const r = s.ok("search_products", { query: words.join(" ").toLowerCase(), limit: 50 });
    expect(r.total).toBe(
      s.rows("products").filter((p) => words.every((w) => `${p.title} ${p.brand} ${p.description} ${p.tags.join(" ")}`.toLowerCase().includes(w.toLowerCase())))
        .length,
    );
    expect(r.total).toBeGreaterThan(0);
    expect(r.items[0].title).toContain(words.join(" "));

    const shoes = s.ok("search_products", { category_id: "shoes", min_price: 50, max_price: 150, in_stock: true, sort: "price_low_to_high", limit: 100 });
    expect(shoes.total).toBeGreaterThan(0);
    for (const p of shoes.items) {
      expect(p.category_id).toBe("shoes");
      expect(p.price).toBeGreaterThanOrEqual(50);
      expect(p.price).toBeLessThanOrEqual(150);
      expect(p.in_stock).toBe(true);
    }
    const prices = shoes.items.map((p: Row) => p.price);
    expect(prices).toEqual([...prices].sort((x, y) => x - y));

    const rated = s.ok("search_products", { min_rating: 4.5, sort: "rating", limit: 100 });
    for (const p of rated.items) expect(p.rating).toBeGreaterThanOrEqual(4.5);

    const page1 = s.ok("search_products", { limit: 5 });
    expect(page1.items).toHaveLength(5);
    const page2 = s.ok("search_products", { limit: 5, cursor: page1.next_cursor });
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    expect(page1.total).toBe(s.rows("products").length);
  });

  it("search_products rejects an unknown category", () => {
    const s = open();
    s.fails("search_products", { category_id: "garden-tools" }, "not_found", /list_product_categories/);
  });

  it("get_product lists the variants with their stock and the lowest price", () => {
    const s = open();
    const [a] = twoVariants(s);
    const p = s.ok("get_product", { product_id: a.product_id });
    const vs = s.rows("variants").filter((v) => v.product_id === a.product_id);
    expect(p.variants).toHaveLength(vs.length);
    expect(p.price).toBe(Math.min(...vs.map((v) => v.price)));
    expect(p.variants.find((v: Row) => v.id === a.id).stock).toBe(a.stock);
    s.fails("get_product", { product_id: "PROD-9999" }, "not_found", /search_products/);
  });

  it("list_product_reviews: the rating is the mean of the reviews and the stars add up", () => {
    const s = open();
    const p = s.rows("products").find((x) => x.review_count >= 3)!;
    const r = s.ok("list_product_reviews", { product_id: p.id, limit: 100 });
    expect(r.total).toBe(p.review_count);
    const mean = Math.round((r.items.reduce((n: number, x: Row) => n + x.rating, 0) / r.items.length) * 10) / 10;
    expect(r.rating).toBe(mean);
    expect(Object.values(r.stars as Record<string, number>).reduce((n, x) => n + x, 0)).toBe(p.review_count);
    const high = s.ok("list_product_reviews", { product_id: p.id, min_rating: 4, sort: "lowest", limit: 100 });
    for (const x of high.items) expect(x.rating).toBeGreaterThanOrEqual(4);
    s.fails("list_product_reviews", { product_id: "PROD-0001" }, "not_found");
  });
});

describe("shopping: reviews", () => {
  it("write_product_review: a received product gets one review and its rating is recomputed", () => {
    const s = open();
    const { order } = deliveredOrder(s);
    const productId = order.lines[0].product_id;
    const before = s.row("products", productId);
    const review = s.ok("write_product_review", { product_id: productId, rating: 1, title: "Broke quickly", body: "Stopped working after two days of use." });
    expect(review.id).toMatch(/^REV-/);
    expect(review.verified_purchase).toBe(true);
    const all = s.rows("reviews").filter((r) => r.product_id === productId);
    const after = s.row("products", productId);
    expect(after.review_count).toBe(before.review_count + 1);
    expect(after.rating).toBe(Math.round((all.reduce((n, r) => n + r.rating, 0) / all.length) * 10) / 10);
    expect(review.product_rating).toBe(after.rating);
  });

  it("write_product_review: only once per product", () => {
    const s = open();
    const mine = s.rows("reviews").find((r) => r.by_user)!;
    s.fails(
      "write_product_review",
      { product_id: mine.product_id, rating: 5, title: "Again", body: "Still love it, writing twice." },
      "already_exists",
      /already reviewed/,
    );
  });

  it("write_product_review: only for purchased products", () => {
    const s = open();
    const bought = new Set(s.rows("orders").flatMap((o) => o.lines.map((l: Row) => l.product_id)));
    const never = s.rows("products").find((p) => !bought.has(p.id))!;
    s.fails(
      "write_product_review",
      { product_id: never.id, rating: 4, title: "Nice", body: "Looks nice in the pictures." },
      "permission_denied",
      /have not bought/,
    );
  });

  it("write_product_review: not before the order is delivered", () => {
    const s = open();
    const bought = new Set(s.rows("orders").flatMap((o) => o.lines.map((l: Row) => l.product_id)));
    const v = variant(s, (x) => x.stock > 0 && !bought.has(x.product_id));
    placeOrder(s, [[v, 1]]);
    s.fails(
      "write_product_review",
      { product_id: v.product_id, rating: 4, title: "Nice", body: "Cannot wait for it to arrive." },
      "failed_precondition",
      /not been delivered yet/,
    );
  });

  it("write_product_review: 1 to 5 stars", () => {
    const s = open();
    const r = s.call("write_product_review", { product_id: s.rows("products")[0]!.id, rating: 6, title: "Great", body: "Six stars if I could." });
    expect(r.outcome).toBe("invalid_arguments");
    expect(r.error?.message).toMatch(/1 to 5 stars/);
  });
});

// ---- cart and coupons ------------------------------------------------------------------------

describe("shopping: cart", () => {
  it("view_cart shows the seeded lines and their subtotal", () => {
    const s = open();
    const cart = s.ok("view_cart");
    const lines = s.rows("cart_items");
    expect(cart.lines).toHaveLength(lines.length);
    const expected = roundMoney(lines.reduce((n, l) => n + s.row("variants", l.variant_id).price * l.quantity, 0));
    expect(cart.subtotal).toBe(expected);
    expect(cart.total_before_shipping_and_tax).toBe(expected);
  });

  it("add_to_cart creates a line, and adding the same variant raises its quantity", () => {
    const s = open();
    emptyCart(s);
    const v = variant(s, (x) => x.stock >= 6);
    const first = s.ok("add_to_cart", { variant_id: v.id, quantity: 2 });
    expect(first.id).toMatch(/^LINE-/);
    expect(first.quantity).toBe(2);
    expect(first.line_total).toBe(roundMoney(v.price * 2));
    const again = s.ok("add_to_cart", { variant_id: v.id, quantity: 3 });
    expect(again.id).toBe(first.id);
    expect(again.quantity).toBe(5);
    expect(again.cart_subtotal).toBe(roundMoney(v.price * 5));
    expect(s.rows("cart_items")).toHaveLength(1);
  });

  it("add_to_cart: never more than in stock, and the message says how many are left", () => {
    const s = open();
    emptyCart(s);
    const low = variant(s, (x) => x.stock >= 1 && x.stock <= 3);
    s.fails("add_to_cart", { variant_id: low.id, quantity: low.stock + 1 }, "failed_precondition", new RegExp(`only ${low.stock} left`));
    s.ok("add_to_cart", { variant_id: low.id, quantity: low.stock });
    s.fails("add_to_cart", { variant_id: low.id, quantity: 1 }, "failed_precondition", /at most 0 more/);
    const out = variant(s, (x) => x.stock === 0);
    s.fails("add_to_cart", { variant_id: out.id }, "failed_precondition", /out of stock/);
  });

  it("add_to_cart: 1 to 10 units per line", () => {
    const s = open();
    emptyCart(s);
    const v = variant(s, (x) => x.stock >= 20);
    const r = s.call("add_to_cart", { variant_id: v.id, quantity: 11 });
    expect(r.outcome).toBe("invalid_arguments");
    expect(r.error?.message).toMatch(/1 to 10 per line/);
    expect(s.call("add_to_cart", { variant_id: v.id, quantity: 0 }).outcome).toBe("invalid_arguments");
    s.ok("add_to_cart", { variant_id: v.id, quantity: 8 });
    s.fails("add_to_cart", { variant_id: v.id, quantity: 3 }, "limit_exceeded", /at most 2 more/);
    s.fails("add_to_cart", { variant_id: "VAR-99999" }, "not_found", /get_product/);
  });

  it("add_to_cart: at most 50 lines", () => {
    const s = open();
    emptyCart(s);
    const inStock = s.rows("variants").filter((v) => v.stock > 0);
    for (const v of inStock.slice(0, 50)) s.ok("add_to_cart", { variant_id: v.id });
    s.fails("add_to_cart", { variant_id: inStock[50]!.id }, "limit_exceeded", /50 lines/);
  });

  it("update_cart_item sets the quantity within stock and 1-10", () => {
    const s = open();
    emptyCart(s);
    const v = variant(s, (x) => x.stock >= 4 && x.stock < 10);
    const line = s.ok("add_to_cart", { variant_id: v.id });
    const cart = s.ok("update_cart_item", { cart_item_id: line.id, quantity: 3 });
    expect(cart.lines[0].quantity).toBe(3);
    expect(cart.subtotal).toBe(roundMoney(v.price * 3));
    s.fails("update_cart_item", { cart_item_id: line.id, quantity: v.stock + 1 }, "failed_precondition", new RegExp(`only ${v.stock} left`));
    expect(s.call("update_cart_item", { cart_item_id: line.id, quantity: 0 }).outcome).toBe("invalid_arguments");
    s.fails("update_cart_item", { cart_item_id: "LINE-9999", quantity: 1 }, "not_found", /view_cart/);
  });

  it("remove_from_cart drops one line", () => {
    const s = open();
    const [first, second] = s.rows("cart_items");
    const cart = s.ok("remove_from_cart", { cart_item_id: first!.id });
    expect(cart.removed).toBe(first!.id);
    expect(cart.lines.map((l: Row) => l.id)).toEqual([second!.id]);
    expect(cart.subtotal).toBe(s.row("variants", second!.variant_id).price);
    s.fails("remove_from_cart", { cart_item_id: first!.id }, "not_found");
  });

  it("clear_cart removes every line and the coupon; an empty cart cannot be cleared", () => {
    const s = open();
    emptyCart(s);
    const v = variant(s, (x) => x.stock >= 2 && x.price >= 40);
    s.ok("add_to_cart", { variant_id: v.id, quantity: 2 });
    s.ok("apply_coupon", { code: "SAVE15" });
    const r = s.ok("clear_cart");
    expect(r.removed_lines).toBe(1);
    expect(s.rows("cart_items")).toHaveLength(0);
    expect(s.row("carts", "CART-1").coupon_code).toBeUndefined();
    s.fails("clear_cart", {}, "failed_precondition", /already empty/);
  });
});

describe("shopping: coupons", () => {
  /** A cart worth between lo and hi. */
  function cartWorth(s: TestSession, lo: number, hi: number): number {
    emptyCart(s);
    const v = variant(s, (x) => x.stock >= 1 && x.price >= lo && x.price <= hi);
    s.ok("add_to_cart", { variant_id: v.id });
    return v.price;
  }

  it("list_coupons shows usable codes, or all of them with their status", () => {
    const s = open();
    const active = s.ok("list_coupons", {});
    expect(active.items.map((c: Row) => c.code).sort()).toEqual(["FREESHIP5", "SAVE15", "SPRING20", "TAKE25"]);
    const all = s.ok("list_coupons", { include_unavailable: true });
    const status = Object.fromEntries(all.items.map((c: Row) => [c.code, c.status]));
    expect(status).toMatchObject({ HOLIDAY25: "expired", WELCOME10: "already_used", FLASH30: "used_up", SAVE15: "active" });
  });

  it("apply_coupon takes a fixed amount or a percentage off; codes are case-insensitive", () => {
    const s = open();
    const price = cartWorth(s, 80, 140);
    const cart = s.ok("apply_coupon", { code: "save15" });
    expect(cart.coupon.code).toBe("SAVE15");
    expect(cart.discount).toBe(15);
    expect(cart.total_before_shipping_and_tax).toBe(roundMoney(price - 15));
    s.ok("remove_coupon");
    const p2 = cartWorth(s, 100, 200);
    const pct = s.ok("apply_coupon", { code: "SPRING20" });
    expect(pct.discount).toBe(roundMoney(p2 * 0.2));
  });

  it("apply_coupon: one coupon per order", () => {
    const s = open();
    cartWorth(s, 160, 400);
    s.ok("apply_coupon", { code: "SAVE15" });
    s.fails("apply_coupon", { code: "TAKE25" }, "conflict", /only one coupon per order.*remove_coupon/);
    s.fails("apply_coupon", { code: "SAVE15" }, "already_exists", /already applied/);
  });

  it("apply_coupon: expired codes are refused with the codes valid today", () => {
    const s = open();
    cartWorth(s, 80, 200);
    s.fails("apply_coupon", { code: "HOLIDAY25" }, "failed_precondition", /HOLIDAY25 expired on \d{4}-\d{2}-\d{2}.*codes valid today: .*SAVE15/);
  });

  it("apply_coupon: a code already used by the user is refused", () => {
    const s = open();
    cartWorth(s, 30, 200);
    const used = s.row("coupons", "WELCOME10").redeemed_by_user_on;
    s.fails("apply_coupon", { code: "WELCOME10" }, "failed_precondition", new RegExp(`already used on your order ${used}`));
  });

  it("apply_coupon: a code past its usage limit is refused", () => {
    const s = open();
    cartWorth(s, 80, 200);
    s.fails("apply_coupon", { code: "FLASH30" }, "limit_exceeded", /limit of 500 redemptions/);
  });

  it("apply_coupon: below the minimum subtotal the message says how much to add", () => {
    const s = open();
    const price = cartWorth(s, 30, 60);
    s.fails(
      "apply_coupon",
      { code: "TAKE25" },
      "failed_precondition",
      new RegExp(`at least 150.00; the cart's subtotal is ${price.toFixed(2)}, so add ${(150 - price).toFixed(2)} more`),
    );
  });

  it("apply_coupon: unknown codes and empty carts", () => {
    const s = open();
    s.fails("apply_coupon", { code: "NOPE" }, "not_found", /list_coupons/);
    emptyCart(s);
    s.fails("apply_coupon", { code: "SAVE15" }, "failed_precondition", /cart is empty/);
  });

  it("remove_coupon takes the code off; without one it says which codes work", () => {
    const s = open();
    cartWorth(s, 80, 200);
    s.ok("apply_coupon", { code: "SAVE15" });
    const cart = s.ok("remove_coupon");
    expect(cart.removed_coupon).toBe("SAVE15");
    expect(cart.discount).toBe(0);
    s.fails("remove_coupon", {}, "failed_precondition", /no coupon is applied.*SPRING20/);
  });
});

// ---- addresses, payment, shipping ------------------------------------------------------------

describe("shopping: account", () => {
  const NEW = { label: "Cabin", street: "12 Lakeview Road", city: "Denver", region: "co", postal_code: "80202" };

  it("list_shipping_addresses puts the default first", () => {
    const s = open();
    const r = s.ok("list_shipping_addresses", {});
    expect(r.total).toBe(3);
    expect(r.items[0].is_default).toBe(true);
    expect(r.items.filter((a: Row) => a.is_default)).toHaveLength(1);
  });

  it("add_shipping_address saves it and can make it the only default", () => {
    const s = open();
    const user = DEFAULT_ADDR(s).recipient;
    const a = s.ok("add_shipping_address", { ...NEW, make_default: true });
    expect(a.id).toMatch(/^ADDR-/);
    expect(a.region).toBe("CO");
    expect(a.recipient).toBe(user);
    const defaults = s.rows("addresses").filter((x) => x.is_default);
    expect(defaults.map((x) => x.id)).toEqual([a.id]);
  });

  it("add_shipping_address: no duplicates, US state and ZIP formats, supported countries, at most 10", () => {
    const s = open();
    const a = s.ok("add_shipping_address", NEW);
    s.fails("add_shipping_address", { ...NEW, street: " 12 lakeview road " }, "already_exists", new RegExp(a.id));
    s.fails("add_shipping_address", { ...NEW, postal_code: "8020" }, "invalid_argument", /5 digits/);
    s.fails("add_shipping_address", { ...NEW, region: "Colorado" }, "invalid_argument", /two-letter code/);
    expect(s.call("add_shipping_address", { ...NEW, country: "BR" }).outcome).toBe("invalid_arguments");
    const intl = s.ok("add_shipping_address", { street: "88 Queen Street West", city: "Toronto", region: "Ontario", postal_code: "M5H 2N2", country: "CA" });
    expect(intl.country).toBe("CA");
    for (let i = 0; i < 5; i++) s.ok("add_shipping_address", { ...NEW, street: `${100 + i} Pine Street` });
    expect(s.rows("addresses")).toHaveLength(10);
    s.fails("add_shipping_address", { ...NEW, street: "1 Last Street" }, "limit_exceeded", /10 saved addresses/);
  });

  it("set_default_shipping_address moves the default", () => {
    const s = open();
    const other = s.rows("addresses").find((a) => !a.is_default)!;
    const r = s.ok("set_default_shipping_address", { address_id: other.id });
    expect(r.is_default).toBe(true);
    expect(
      s
        .rows("addresses")
        .filter((a) => a.is_default)
        .map((a) => a.id),
    ).toEqual([other.id]);
    s.fails("set_default_shipping_address", { address_id: other.id }, "already_exists", /already the default/);
  });

  it("delete_shipping_address deletes others but never the default", () => {
    const s = open();
    const def = DEFAULT_ADDR(s);
    const other = s.rows("addresses").find((a) => !a.is_default)!;
    expect(s.ok("delete_shipping_address", { address_id: other.id }).deleted).toBe(other.id);
    expect(s.rows("addresses").some((a) => a.id === other.id)).toBe(false);
    s.fails("delete_shipping_address", { address_id: def.id }, "failed_precondition", /default address and cannot be deleted; set_default_shipping_address/);
    s.fails("delete_shipping_address", { address_id: other.id }, "not_found");
    for (const a of s.rows("addresses").filter((x) => !x.is_default)) s.ok("delete_shipping_address", { address_id: a.id });
    s.fails("delete_shipping_address", { address_id: def.id }, "failed_precondition", /your only address .* add_shipping_address another/);
  });

  it("list_payment_methods flags the expired card", () => {
    const s = open();
    const r = s.ok("list_payment_methods", {});
    expect(r.total).toBe(5);
    expect(r.items.find((m: Row) => m.type === "gift_card").balance).toBeGreaterThan(0);
    expect(r.items[0].is_default).toBe(true);
    const amex = r.items.find((m: Row) => m.brand === "American Express");
    expect(amex.expired).toBe(true);
    expect(r.items.find((m: Row) => m.brand === "Visa").expired).toBe(false);
  });

  it("get_shipping_options: domestic methods for US addresses, free standard shipping from 75.00", () => {
    const s = open();
    emptyCart(s);
    const cheap = variant(s, (x) => x.stock > 0 && x.price >= 20 && x.price < 60);
    s.ok("add_to_cart", { variant_id: cheap.id });
    const home = US_ADDR(s);
    const r = s.ok("get_shipping_options", { address_id: home.id });
    expect(r.options.map((o: Row) => o.id)).toEqual(["standard", "express", "overnight"]);
    expect(r.options[0].cost).toBe(5.99);
    expect(r.unavailable.map((o: Row) => o.id)).toEqual(["international"]);
    for (const o of r.options) expect(o.estimated_delivery >= s.now().slice(0, 10)).toBe(true);
    const big = variant(s, (x) => x.stock > 0 && x.price >= 80);
    s.ok("add_to_cart", { variant_id: big.id });
    expect(s.ok("get_shipping_options", { address_id: home.id }).options[0].cost).toBe(0);
    const ca = s.ok("add_shipping_address", { street: "88 Queen Street West", city: "Toronto", region: "Ontario", postal_code: "M5H 2N2", country: "CA" });
    expect(s.ok("get_shipping_options", { address_id: ca.id }).options.map((o: Row) => o.id)).toEqual(["international"]);
    s.fails("get_shipping_options", { address_id: "ADDR-9999" }, "not_found", /list_shipping_addresses/);
  });
});

// ---- checkout and orders ---------------------------------------------------------------------

describe("shopping: checkout", () => {
  it("tax is the ship-to state's rate on the discounted subtotal: 100.00 of goods costs, by state, the tax written here", () => {
    // [country, state, tax on 100.00], worked out by hand from each state's base sales tax rate.
    const cases: Array<[string, string, number]> = [
      ["US", "CA", 7.25],
      ["US", "WA", 6.5],
      ["US", "CO", 2.9],
      ["US", "IL", 6.25],
      ["US", "TX", 6.25],
      ["US", "NY", 4],
      ["US", "MA", 6.25],
      ["US", "FL", 6],
      ["US", "GA", 4],
      ["US", "OR", 0],
      ["CA", "ON", 0],
    ];
    for (const [country, region, tax] of cases) {
      const s = open();
      emptyCart(s);
      const v = variant(s, (x) => x.stock >= 1);
      s.edit(shopping, (db) => db.variants.update(v.id, { price: 100 }));
      s.ok("add_to_cart", { variant_id: v.id });
      const postal = country === "US" ? "97201" : "M5V 2T6";
      const addr = s.ok("add_shipping_address", {
        label: `Test ${region}`,
        recipient: "Test Person",
        street: "1 Main Street",
        city: "Springfield",
        region,
        postal_code: postal,
        country,
      });
      const order = s.ok("checkout", { address_id: addr.id, shipping_method_id: country === "US" ? "standard" : "international" });
      expect([order.subtotal, order.tax], `${country}-${region}`).toEqual([100, tax]);
    }
  });

  it("checkout computes the totals, reserves stock, redeems the coupon and empties the cart", () => {
    const s = open();
    emptyCart(s);
    const v = variant(s, (x) => x.stock >= 3 && x.price >= 45 && x.price <= 120);
    const stockBefore = v.stock;
    const salesBefore = productOf(s, v.id).sales_count;
    s.ok("add_to_cart", { variant_id: v.id, quantity: 2 });
    s.ok("apply_coupon", { code: "SAVE15" });
    const home = US_ADDR(s);
    const order = s.ok("checkout", { address_id: home.id, shipping_method_id: "standard", note: "Leave with the doorman" });

    const subtotal = roundMoney(v.price * 2);
    const discounted = roundMoney(subtotal - 15);
    const shipping = discounted >= 75 ? 0 : 5.99;
    const rate = STATE_TAX[home.region] ?? 0;
    const tax = roundMoney(discounted * rate);
    expect(order.id).toMatch(/^ORD-/);
    expect(order.status).toBe("pending");
    expect(order).toMatchObject({
      subtotal,
      discount: 15,
      shipping_cost: shipping,
      tax,
      total: roundMoney(discounted + shipping + tax),
      coupon_code: "SAVE15",
      note: "Leave with the doorman",
    });
    expect(order.lines).toEqual([expect.objectContaining({ variant_id: v.id, quantity: 2, unit_price: v.price })]);
    expect(order.tracking_number).toBeUndefined();

    expect(s.row("variants", v.id).stock).toBe(stockBefore - 2);
    expect(productOf(s, v.id).sales_count).toBe(salesBefore + 2);
    expect(s.rows("cart_items")).toHaveLength(0);
    expect(s.row("carts", "CART-1").coupon_code).toBeUndefined();
    expect(s.row("coupons", "SAVE15").redeemed_by_user_on).toBe(order.id);
    // Used once: the code now fails for this customer.
    const again = variant(s, (x) => x.stock >= 1 && x.price >= 80);
    s.ok("add_to_cart", { variant_id: again.id });
    s.fails("apply_coupon", { code: "SAVE15" }, "failed_precondition", new RegExp(`already used on your order ${order.id}`));
  });

  it("checkout of an empty cart fails", () => {
    const s = open();
    emptyCart(s);
    s.fails("checkout", {}, "failed_precondition", /cart is empty; add_to_cart/);
  });

  it("checkout refuses an expired card and names the valid ones", () => {
    const s = open();
    const amex = s.rows("payment_methods").find((m) => m.brand === "American Express")!;
    s.fails("checkout", { payment_method_id: amex.id }, "failed_precondition", /expired in \d{4}-\d{2}; pay with PM-/);
  });

  it("checkout with a gift card: only up to its balance, which the order draws down and a cancellation restores", () => {
    const s = open();
    const card = s.rows("payment_methods").find((m) => m.type === "gift_card")!;
    emptyCart(s);
    const big = variant(s, (x) => x.stock >= 1 && x.price > card.balance + 10);
    s.ok("add_to_cart", { variant_id: big.id });
    s.fails(
      "checkout",
      { address_id: US_ADDR(s).id, payment_method_id: card.id },
      "failed_precondition",
      new RegExp(`gift card ${card.id} holds ${card.balance.toFixed(2)}, less than the order total`),
    );
    emptyCart(s);
    const small = variant(s, (x) => x.stock >= 1 && x.price <= (card.balance - 6) / 1.1);
    s.ok("add_to_cart", { variant_id: small.id });
    const order = s.ok("checkout", { address_id: US_ADDR(s).id, shipping_method_id: "standard", payment_method_id: card.id });
    expect(s.row("payment_methods", card.id).balance).toBe(roundMoney(card.balance - order.total));
    s.ok("cancel_order", { order_id: order.id });
    expect(s.row("payment_methods", card.id).balance).toBe(card.balance);
  });

  it("checkout refuses a method that does not ship to the address", () => {
    const s = open();
    const ca = s.ok("add_shipping_address", { street: "88 Queen Street West", city: "Toronto", region: "Ontario", postal_code: "M5H 2N2", country: "CA" });
    s.fails("checkout", { address_id: ca.id, shipping_method_id: "express" }, "failed_precondition", /US addresses only.*choose international/);
    const order = s.ok("checkout", { address_id: ca.id });
    expect(order.shipping_method_id).toBe("international");
    expect(order.tax).toBe(0);
  });

  it("checkout re-checks stock that sold out since the item was added", () => {
    const s = open();
    emptyCart(s);
    const v = variant(s, (x) => x.stock >= 3);
    const line = s.ok("add_to_cart", { variant_id: v.id, quantity: 3 });
    s.edit(shopping, (db) => db.variants.update(v.id, { stock: 1 })); // other shoppers buy it up
    s.fails("checkout", {}, "failed_precondition", new RegExp(`only 1 left .* line ${line.id} asks for 3; update_cart_item it to 1`));
    s.edit(shopping, (db) => db.variants.update(v.id, { stock: 0 }));
    s.fails("checkout", {}, "failed_precondition", /sold out since you added it/);
  });

  it("checkout re-checks the coupon against the final subtotal", () => {
    const s = open();
    emptyCart(s);
    const big = variant(s, (x) => x.stock >= 1 && x.price >= 80 && x.price <= 200);
    const small = variant(s, (x) => x.stock >= 1 && x.price >= 10 && x.price <= 40);
    const line = s.ok("add_to_cart", { variant_id: big.id });
    s.ok("add_to_cart", { variant_id: small.id });
    s.ok("apply_coupon", { code: "SAVE15" });
    s.ok("remove_from_cart", { cart_item_id: line.id });
    expect(s.ok("view_cart").coupon.not_applied_because).toMatch(/at least 75.00/);
    s.fails("checkout", {}, "failed_precondition", /SAVE15 needs a subtotal of at least 75.00.*remove_coupon/);
  });
});

describe("shopping: orders", () => {
  it("list_orders: newest first, filtered by status and item title", () => {
    const s = open();
    const all = s.ok("list_orders", { limit: 50 });
    expect(all.total).toBe(s.rows("orders").length);
    const placed = all.items.map((o: Row) => o.placed_at);
    expect(placed).toEqual([...placed].sort().reverse());
    const delivered = s.ok("list_orders", { status: "delivered", limit: 50 });
    expect(delivered.total).toBeGreaterThan(3);
    for (const o of delivered.items) expect(o.status).toBe("delivered");
    const title = all.items[0].items[0].title as string;
    const byTitle = s.ok("list_orders", { query: title.split(" ").slice(-2).join(" ") });
    expect(byTitle.items.some((o: Row) => o.id === all.items[0].id)).toBe(true);
  });

  it("the clock moves a new order from pending to paid, shipped and delivered", () => {
    const s = open();
    const v = variant(s, (x) => x.stock >= 1);
    const order = placeOrder(s, [[v, 1]]);
    const stored = s.row("orders", order.id);
    expect(s.ok("get_order", { order_id: order.id }).status).toBe("pending");
    s.advanceTo(stored.paid_at);
    expect(s.ok("get_order", { order_id: order.id }).status).toBe("paid");
    expect(s.ok("track_order", { order_id: order.id })).toMatchObject({
      status: "paid",
      events: [],
      note: expect.stringMatching(/not shipped yet; it ships on/),
    });
    s.advanceTo(stored.ships_at);
    const shipped = s.ok("track_order", { order_id: order.id });
    expect(shipped.status).toBe("shipped");
    expect(shipped.tracking_number).toBe(stored.tracking_number);
    expect(shipped.tracking_url).toContain(stored.tracking_number);
    expect(shipped.events.map((e: Row) => e.status)).toEqual(["picked_up"]);
    s.advanceTo(stored.delivers_at);
    const done = s.ok("track_order", { order_id: order.id });
    expect(done.status).toBe("delivered");
    expect(done.events[0]).toMatchObject({ status: "delivered", at: stored.delivers_at });
    expect(done.events.at(-1).status).toBe("picked_up");
    expect(s.ok("list_orders", { status: "delivered" }).items[0].id).toBe(order.id);
  });

  it("get_order shows totals, tracking once shipped and the returns filed", () => {
    const s = open();
    const ret = s.rows("returns")[0]!;
    const o = s.ok("get_order", { order_id: ret.order_id });
    expect(o.status).toBe("delivered");
    expect(o.returns).toEqual([expect.objectContaining({ id: ret.id, refund_amount: ret.refund_amount })]);
    expect(o.tracking_number).toBe(s.row("orders", ret.order_id).tracking_number);
    expect(o.returnable_until).toBe(time.addDays(s.row("orders", ret.order_id).delivers_at.slice(0, 10), 30));
    s.fails("get_order", { order_id: "ORD-0000" }, "not_found", /list_orders/);
    s.fails("track_order", { order_id: "ORD-0000" }, "not_found");
  });

  it("cancel_order: a paid order is cancelled, its stock released and its total refunded", () => {
    const s = open();
    const paid = s.ok("list_orders", { status: "paid" }).items[0];
    const line = s.row("orders", paid.id).lines[0];
    const stock = s.row("variants", line.variant_id).stock;
    const r = s.ok("cancel_order", { order_id: paid.id, reason: "Ordered by mistake" });
    expect(r.status).toBe("cancelled");
    expect(r.refund).toEqual({ amount: paid.total, to_payment_method_id: s.row("orders", paid.id).payment_method_id });
    expect(s.row("orders", paid.id)).toMatchObject({ status: "cancelled", refunded: paid.total, cancel_reason: "Ordered by mistake" });
    expect(s.row("variants", line.variant_id).stock).toBe(stock + line.quantity);
    s.fails("cancel_order", { order_id: paid.id }, "failed_precondition", /already cancelled/);
    expect(s.ok("track_order", { order_id: paid.id }).note).toMatch(/cancelled/);
  });

  it("cancel_order: only before shipment", () => {
    const s = open();
    const shipped = s.ok("list_orders", { status: "shipped" }).items[0];
    s.fails(
      "cancel_order",
      { order_id: shipped.id },
      "failed_precondition",
      /shipped on .* can no longer be cancelled; once it is delivered .* request_return/,
    );
    const delivered = s.ok("list_orders", { status: "delivered" }).items[0];
    s.fails("cancel_order", { order_id: delivered.id }, "failed_precondition", /delivered on .* use request_return/);
  });

  it("cancel_order: a new order can be cancelled while pending", () => {
    const s = open();
    const v = variant(s, (x) => x.stock >= 2);
    const order = placeOrder(s, [[v, 2]]);
    expect(s.row("variants", v.id).stock).toBe(v.stock - 2);
    s.ok("cancel_order", { order_id: order.id });
    expect(s.row("variants", v.id).stock).toBe(v.stock);
  });
});

describe("shopping: returns and exchanges", () => {
  it("request_return refunds the item less its discount share, plus tax", () => {
    const s = open();
    const { order, a } = deliveredOrder(s);
    const r = s.ok("request_return", { order_id: order.id, items: [{ variant_id: a.id, quantity: 1 }], reason: "defective", comment: "Seam came apart" });
    const o = s.row("orders", order.id);
    const share = (o.subtotal - o.discount) / o.subtotal;
    expect(r.id).toMatch(/^RET-/);
    expect(r).toMatchObject({ order_id: order.id, type: "refund", status: "requested", reason: "defective" });
    expect(r.items).toEqual([expect.objectContaining({ variant_id: a.id, quantity: 1, unit_price: a.price })]);
    expect(r.refund_amount).toBe(roundMoney(a.price * share * (1 + o.tax_rate)));
    expect(r.ship_back_by).toBe(time.addDays(s.now().slice(0, 10), 14));
    expect(o.status).toBe("delivered");
  });

  it("request_return: only once per item", () => {
    const s = open();
    const { order, a } = deliveredOrder(s);
    const first = s.ok("request_return", { order_id: order.id, items: [{ variant_id: a.id }], reason: "size_or_fit" });
    expect(first.items[0].quantity).toBe(2);
    s.fails(
      "request_return",
      { order_id: order.id, items: [{ variant_id: a.id, quantity: 1 }], reason: "other" },
      "already_exists",
      new RegExp(`already has refund request ${first.id}`),
    );
    const seeded = s.rows("returns").find((r) => r.id !== first.id)!;
    s.fails(
      "request_return",
      { order_id: seeded.order_id, items: [{ variant_id: seeded.items[0].variant_id }], reason: "other" },
      "already_exists",
      /returned or exchanged once/,
    );
  });

  it("request_return: only items of that order, at most the quantity bought, each named once", () => {
    const s = open();
    const { order, a, b, other } = deliveredOrder(s);
    s.fails(
      "request_return",
      { order_id: order.id, items: [{ variant_id: b.id }], reason: "other" },
      "invalid_argument",
      new RegExp(`${b.id} is not an item of order ${order.id}; its items are ${a.id}`),
    );
    s.fails(
      "request_return",
      { order_id: order.id, items: [{ variant_id: other.id, quantity: 2 }], reason: "other" },
      "invalid_argument",
      /at most 1 can be returned/,
    );
    s.fails(
      "request_return",
      {
        order_id: order.id,
        items: [
          { variant_id: a.id, quantity: 1 },
          { variant_id: a.id, quantity: 1 },
        ],
        reason: "other",
      },
      "invalid_argument",
      /listed twice/,
    );
    expect(s.call("request_return", { order_id: order.id, items: [], reason: "other" }).outcome).toBe("invalid_arguments");
  });

  it("request_return: only after delivery", () => {
    const s = open();
    const shipped = s.ok("list_orders", { status: "shipped" }).items[0];
    s.fails(
      "request_return",
      { order_id: shipped.id, items: [{ variant_id: shipped.items[0].variant_id }], reason: "other" },
      "failed_precondition",
      /on its way .* returns open once it is delivered/,
    );
    const paid = s.ok("list_orders", { status: "paid" }).items[0];
    s.fails(
      "request_return",
      { order_id: paid.id, items: [{ variant_id: paid.items[0].variant_id }], reason: "other" },
      "failed_precondition",
      /not shipped yet .* cancel_order/,
    );
    const cancelled = s.ok("list_orders", { status: "cancelled" }).items[0];
    s.fails(
      "request_return",
      { order_id: cancelled.id, items: [{ variant_id: cancelled.items[0].variant_id }], reason: "other" },
      "failed_precondition",
      /was cancelled/,
    );
  });

  it("request_return: only within 30 days of delivery", () => {
    const s = open();
    const old = s.rows("orders").find((o) => o.status === "delivered" && time.daysBetween(o.delivers_at, s.now()) > 30)!;
    s.fails(
      "request_return",
      { order_id: old.id, items: [{ variant_id: old.lines[0].variant_id }], reason: "other" },
      "failed_precondition",
      /days ago; returns and exchanges are accepted within 30 days of delivery/,
    );

    const { order, a, other } = deliveredOrder(s);
    const deliveredOn = s.row("orders", order.id).delivers_at.slice(0, 10);
    s.advanceTo(`${time.addDays(deliveredOn, 30)}T20:00:00Z`);
    s.ok("request_return", { order_id: order.id, items: [{ variant_id: a.id }], reason: "no_longer_needed" });
    s.advanceTo(`${time.addDays(deliveredOn, 31)}T08:00:00Z`);
    s.fails(
      "request_return",
      { order_id: order.id, items: [{ variant_id: other.id }], reason: "other" },
      "failed_precondition",
      new RegExp(`delivered on ${deliveredOn}, 31 days ago.*until ${time.addDays(deliveredOn, 30)}`),
    );
  });

  it("request_exchange swaps for another variant of the same product and reserves it", () => {
    const s = open();
    const { order, a, b } = deliveredOrder(s);
    const stock = s.row("variants", b.id).stock;
    const ex = s.ok("request_exchange", { order_id: order.id, variant_id: a.id, new_variant_id: b.id, quantity: 1 });
    expect(ex).toMatchObject({
      type: "exchange",
      replacement_variant_id: b.id,
      price_difference: roundMoney(b.price - a.price),
      status: "requested",
      reason: "size_or_fit",
    });
    expect(s.row("variants", b.id).stock).toBe(stock - 1);
    s.fails("request_exchange", { order_id: order.id, variant_id: a.id, new_variant_id: b.id }, "already_exists", /exchange request/);
    const r = s.ok("get_return", { return_id: ex.id });
    expect(r.replacement).toEqual({ variant_id: b.id, title: b.title, price: b.price });
  });

  it("request_exchange: the same product, a different variant, in stock", () => {
    const s = open();
    const { order, a, b, other } = deliveredOrder(s);
    s.fails(
      "request_exchange",
      { order_id: order.id, variant_id: a.id, new_variant_id: other.id },
      "invalid_argument",
      new RegExp(`another product; an exchange must be for another variant of .*${b.id}`),
    );
    s.fails("request_exchange", { order_id: order.id, variant_id: a.id, new_variant_id: a.id }, "invalid_argument", /already have/);
    s.edit(shopping, (db) => db.variants.update(b.id, { stock: 0 })); // other shoppers buy it up
    s.fails("request_exchange", { order_id: order.id, variant_id: a.id, new_variant_id: b.id }, "failed_precondition", /has no units in stock, 2 needed/);
    s.fails("request_exchange", { order_id: order.id, variant_id: b.id, new_variant_id: a.id }, "invalid_argument", /not an item of order/);
    const fresh = open();
    const shipped = fresh.ok("list_orders", { status: "shipped" }).items[0];
    fresh.fails(
      "request_exchange",
      { order_id: shipped.id, variant_id: shipped.items[0].variant_id, new_variant_id: a.id },
      "failed_precondition",
      /returns open once it is delivered/,
    );
  });

  it("list_returns filters by order and type; get_return reads one", () => {
    const s = open();
    const { order, a, other } = deliveredOrder(s);
    s.ok("request_return", { order_id: order.id, items: [{ variant_id: other.id }], reason: "damaged" });
    const [, b] = twoVariants(s);
    s.ok("request_exchange", { order_id: order.id, variant_id: a.id, new_variant_id: b.id });
    const mine = s.ok("list_returns", { order_id: order.id });
    expect(mine.total).toBe(2);
    expect(mine.items.map((r: Row) => r.type).sort()).toEqual(["exchange", "refund"]);
    expect(s.ok("list_returns", { type: "exchange" }).total).toBe(1);
    expect(s.ok("list_returns", {}).total).toBe(3);
    const one = s.ok("get_return", { return_id: mine.items[0].id });
    expect(one.order_id).toBe(order.id);
    s.fails("get_return", { return_id: "RET-9999" }, "not_found", /list_returns/);
  });
});

describe("shopping: scenario", () => {
  it("search → product → cart → coupon → shipping quote → checkout → delivery → track → return", () => {
    const s = open();
    emptyCart(s);
    const hits = s.ok("search_products", { category_id: "electronics", in_stock: true, sort: "price_high_to_low" });
    expect(hits.total).toBeGreaterThan(0);
    const product = s.ok("get_product", { product_id: hits.items[0].id });
    const v = product.variants.find((x: Row) => x.stock > 0);
    const line = s.ok("add_to_cart", { variant_id: v.id, quantity: 1 });
    expect(line.product_id).toBe(product.id);
    const coupon = v.price >= 150 ? "TAKE25" : v.price >= 100 ? "SPRING20" : "SAVE15";
    const cart = s.ok("apply_coupon", { code: coupon });
    const quote = s.ok("get_shipping_options", { address_id: US_ADDR(s).id });
    const express = quote.options.find((o: Row) => o.id === "express");
    const order = s.ok("checkout", { address_id: quote.address_id, shipping_method_id: express.id });
    expect(order.discount).toBe(cart.discount);
    expect(order.shipping_cost).toBe(express.cost);
    expect(order.estimated_delivery).toBe(express.estimated_delivery);
    s.advanceTo(`${express.estimated_delivery}T18:00:00Z`);
    const tracked = s.ok("track_order", { order_id: order.id });
    expect(tracked.status).toBe("delivered");
    const ret = s.ok("request_return", { order_id: order.id, items: [{ variant_id: v.id }], reason: "not_as_described" });
    const o = s.row("orders", order.id);
    expect(ret.refund_amount).toBe(roundMoney((v.price - cart.discount) * (1 + o.tax_rate)));
    expect(s.ok("list_returns", { order_id: order.id }).items[0].id).toBe(ret.id);
  });
});
