/**
 * The shopping domain's rules at their boundaries, with the expected values written out: sales tax
 * by state, free shipping thresholds, coupon windows and limits, stock per line, when an order
 * ships and arrives, what can be cancelled or returned and for how much, and the exact messages.
 *
 * The session of seed 1 starts on Thursday 2026-09-03 at 09:00 UTC. Its account: ADDR-1001 Home
 * (Boston, MA, the default), ADDR-1002 Work (Tokyo, JP), ADDR-1003 Helena's place (Seattle, WA);
 * PM-1001 Visa 5258 (default), PM-1002 Mastercard 6585, PM-1003 PayPal, PM-1004 American Express
 * 8137 (expired 2025-12), PM-1005 gift card 9185 holding 100.00.
 */
import { describe, expect, it } from "vitest";
import shopping from "../../ts/servers/shopping/index.ts";
import {
  discountFor,
  orderTotals,
  priceRange,
  refundFor,
  returnLabel,
  schedule,
  shippingCost,
  shipTo,
  statusAt,
  tables,
  taxRateFor,
  trackingNumber,
  trackingUrl,
  type Address,
  type Coupon,
  Order,
  PaymentMethod,
  type Product,
  Return,
  type ShippingMethod,
  type Variant,
} from "../../ts/servers/shopping/state.ts";
import { listIds, orderView, productSummary, returnDeadline } from "../../ts/servers/shopping/tools/shared.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

type Row = Record<string, any>;

const STANDARD: ShippingMethod = { id: "standard", name: "Standard", carrier: "USPS", cost: 5.99, free_over: 75, min_days: 3, max_days: 5, scope: "domestic" };
const EXPRESS: ShippingMethod = { id: "express", name: "Express", carrier: "UPS", cost: 14.99, min_days: 2, max_days: 2, scope: "domestic" };
const OVERNIGHT: ShippingMethod = { id: "overnight", name: "Overnight", carrier: "FedEx", cost: 29.99, min_days: 1, max_days: 1, scope: "domestic" };
const INTERNATIONAL: ShippingMethod = {
  id: "international",
  name: "International",
  carrier: "DHL",
  cost: 24.99,
  free_over: 200,
  min_days: 5,
  max_days: 10,
  scope: "international",
};

const METHODS = { standard: STANDARD, express: EXPRESS, overnight: OVERNIGHT, international: INTERNATIONAL };

/** A bare order for the pure rules: paid at 10:05, ships at 17:00 on Thursday, delivered on Tuesday 16:00. */
function orderFixture(over: Partial<Order> = {}): Order {
  return {
    id: "ORD-2001",
    status: "pending",
    placed_at: "2026-09-03T10:00:00Z",
    paid_at: "2026-09-03T10:05:00Z",
    ships_at: "2026-09-03T17:00:00Z",
    delivers_at: "2026-09-08T16:00:00Z",
    lines: [
      { product_id: "PROD-1", variant_id: "VAR-1", title: "Mug", variant_title: "Default", sku: "M-1", quantity: 2, unit_price: 10, line_total: 20 },
      { product_id: "PROD-2", variant_id: "VAR-2", title: "Cap", variant_title: "Red", sku: "C-2", quantity: 3, unit_price: 5, line_total: 15 },
    ],
    address_id: "ADDR-1",
    ship_to: { recipient: "A B", street: "1 Main St", city: "Boston", region: "MA", postal_code: "02101", country: "US" },
    shipping_method_id: "standard",
    payment_method_id: "PM-1",
    subtotal: 35,
    discount: 0,
    shipping_cost: 5.99,
    tax_rate: 0.0625,
    tax: 2.19,
    total: 43.18,
    refunded: 0,
    carrier: "USPS",
    tracking_number: "9400111122223333444455",
    ...over,
  };
}

const coupon = (over: Partial<Coupon>): Coupon => ({
  code: "X",
  description: "x",
  type: "percent",
  value: 20,
  min_subtotal: 0,
  starts_on: "2026-01-01",
  expires_on: "2026-12-31",
  times_used: 0,
  ...over,
});

describe("shopping rules: sales tax by the ship-to state", () => {
  it.each([
    ["CA", 0.0725],
    ["WA", 0.065],
    ["CO", 0.029],
    ["IL", 0.0625],
    ["TX", 0.0625],
    ["NY", 0.04],
    ["MA", 0.0625],
    ["FL", 0.06],
    ["GA", 0.04],
    ["OR", 0],
    ["NJ", 0],
  ] as const)("a US address in %s pays %d", (state, rate) => {
    expect(taxRateFor("US", state)).toBe(rate);
  });

  it("addresses outside the US pay no sales tax, even in a region spelled like a taxed state", () => {
    expect(taxRateFor("CA", "CA")).toBe(0);
    expect(taxRateFor("MX", "TX")).toBe(0);
    expect(taxRateFor("JP", "Tokyo")).toBe(0);
  });
});

describe("shopping rules: coupons and shipping costs", () => {
  it("a percent coupon takes that share of the subtotal, rounded to the cent", () => {
    expect(discountFor(coupon({ type: "percent", value: 20 }), 123.45)).toBe(24.69);
    expect(discountFor(coupon({ type: "percent", value: 20 }), 99.99)).toBe(20);
    expect(discountFor(coupon({ type: "percent", value: 10 }), 44.5)).toBe(4.45);
  });

  it("a fixed coupon takes its amount off, but never more than the subtotal", () => {
    expect(discountFor(coupon({ type: "fixed", value: 15 }), 100)).toBe(15);
    expect(discountFor(coupon({ type: "fixed", value: 15 }), 15)).toBe(15);
    expect(discountFor(coupon({ type: "fixed", value: 15 }), 9.99)).toBe(9.99);
  });

  it("standard shipping costs 5.99 up to 74.99 after discount and is free from 75.00", () => {
    expect(shippingCost(STANDARD, 0)).toBe(5.99);
    expect(shippingCost(STANDARD, 74.99)).toBe(5.99);
    expect(shippingCost(STANDARD, 75)).toBe(0);
    expect(shippingCost(STANDARD, 75.01)).toBe(0);
  });

  it("express (14.99) and overnight (29.99) are never free; international (24.99) is free from 200.00", () => {
    expect(shippingCost(EXPRESS, 5000)).toBe(14.99);
    expect(shippingCost(OVERNIGHT, 5000)).toBe(29.99);
    expect(shippingCost(INTERNATIONAL, 199.99)).toBe(24.99);
    expect(shippingCost(INTERNATIONAL, 200)).toBe(0);
  });

  it("an order's totals: shipping on the discounted subtotal, tax at the state's rate on it, and their sum", () => {
    // 100.00 less 25.01 is 74.99: shipping is charged; CA tax 7.25 % of 74.99 is 5.44.
    expect(orderTotals(100, 25.01, STANDARD, { country: "US", region: "CA" })).toEqual({
      subtotal: 100,
      discount: 25.01,
      shipping_cost: 5.99,
      tax_rate: 0.0725,
      tax: 5.44,
      total: 86.42,
    });
    // 90.00 less 15.00 is exactly 75.00: shipping is free; NY tax 4 % is 3.00.
    expect(orderTotals(90, 15, STANDARD, { country: "US", region: "NY" })).toEqual({
      subtotal: 90,
      discount: 15,
      shipping_cost: 0,
      tax_rate: 0.04,
      tax: 3,
      total: 78,
    });
    // TX 6.25 % of 150.00 is 9.375, rounded up to 9.38; express is 14.99.
    expect(orderTotals(150, 0, EXPRESS, { country: "US", region: "TX" })).toMatchObject({ shipping_cost: 14.99, tax: 9.38, total: 174.37 });
    expect(orderTotals(250, 0, INTERNATIONAL, { country: "JP", region: "Tokyo" })).toMatchObject({ shipping_cost: 0, tax_rate: 0, tax: 0, total: 250 });
  });

  it("a product's price range is its cheapest and dearest variant, 0 and 0 without variants", () => {
    const v = (price: number) => ({ price }) as Variant;
    expect(priceRange([v(30), v(10), v(20)])).toEqual({ min: 10, max: 30 });
    expect(priceRange([])).toEqual({ min: 0, max: 0 });
  });

  it("a product summary: the lowest price, the highest only when different, the compare-at price of the cheapest variant, in stock when any is", () => {
    const p = { id: "PROD-1", title: "T", brand: "B", category_id: "c", rating: 4.5, review_count: 2 } as Product;
    const v = (price: number, stock: number, compare_at_price?: number) => ({ price, stock, ...(compare_at_price ? { compare_at_price } : {}) }) as Variant;
    expect(productSummary(p, [v(30, 0, 40), v(20, 0)])).toEqual({
      id: "PROD-1",
      title: "T",
      brand: "B",
      category_id: "c",
      price: 20,
      max_price: 30,
      on_sale: true,
      rating: 4.5,
      review_count: 2,
      in_stock: false,
      variant_count: 2,
    });
    expect(productSummary(p, [v(25, 1, 35)])).toEqual({
      id: "PROD-1",
      title: "T",
      brand: "B",
      category_id: "c",
      price: 25,
      compare_at_price: 35,
      on_sale: true,
      rating: 4.5,
      review_count: 2,
      in_stock: true,
      variant_count: 1,
    });
    expect(productSummary(p, [v(25, 0), v(25, 3)])).toMatchObject({ price: 25, on_sale: false, in_stock: true, variant_count: 2 });
    expect(Object.keys(productSummary(p, [v(25, 0), v(25, 3)]))).not.toContain("max_price");
  });
});

describe("shopping rules: the order's clock", () => {
  it("pending until paid at +5 minutes, paid until 17:00 on the ship day, shipped until delivery at 16:00, then delivered", () => {
    const o = orderFixture();
    expect(statusAt(o, "2026-09-03T10:04:59Z")).toBe("pending");
    expect(statusAt(o, "2026-09-03T10:05:00Z")).toBe("paid");
    expect(statusAt(o, "2026-09-03T16:59:59Z")).toBe("paid");
    expect(statusAt(o, "2026-09-03T17:00:00Z")).toBe("shipped");
    expect(statusAt(o, "2026-09-08T15:59:59Z")).toBe("shipped");
    expect(statusAt(o, "2026-09-08T16:00:00Z")).toBe("delivered");
  });

  it("a cancelled order stays cancelled whatever the clock says", () => {
    const o = orderFixture({ status: "cancelled" });
    expect(statusAt(o, "2026-09-03T10:00:00Z")).toBe("cancelled");
    expect(statusAt(o, "2026-12-01T00:00:00Z")).toBe("cancelled");
  });

  it.each([
    // placed at, method, paid at, ships at, delivered at
    ["2026-09-03T00:00:00Z", "standard", "2026-09-03T00:05:00Z", "2026-09-03T17:00:00Z", "2026-09-10T16:00:00Z"],
    ["2026-09-03T11:59:00Z", "standard", "2026-09-03T12:04:00Z", "2026-09-03T17:00:00Z", "2026-09-10T16:00:00Z"],
    ["2026-09-03T12:00:00Z", "standard", "2026-09-03T12:05:00Z", "2026-09-04T17:00:00Z", "2026-09-11T16:00:00Z"],
    ["2026-09-04T13:00:00Z", "express", "2026-09-04T13:05:00Z", "2026-09-07T17:00:00Z", "2026-09-09T16:00:00Z"],
    ["2026-09-05T08:00:00Z", "overnight", "2026-09-05T08:05:00Z", "2026-09-07T17:00:00Z", "2026-09-08T16:00:00Z"],
    ["2026-09-06T10:00:00Z", "international", "2026-09-06T10:05:00Z", "2026-09-07T17:00:00Z", "2026-09-21T16:00:00Z"],
  ] as const)(
    "placed %s by %s: paid %s, ships %s (same weekday before noon, else the next business day), delivered %s after the method's most business days",
    (placed, method, paid_at, ships_at, delivers_at) => {
      expect(schedule(placed, METHODS[method])).toEqual({ paid_at, ships_at, delivers_at });
    },
  );

  it("returns are open until 30 calendar days after the delivery day", () => {
    expect(returnDeadline(orderFixture())).toBe("2026-10-08");
    expect(returnDeadline(orderFixture({ delivers_at: "2026-08-28T16:00:00Z" }))).toBe("2026-09-27");
  });

  it("what an order shows: tracking only once shipped, the delivery day and return deadline once delivered, and the item count", () => {
    const o = orderFixture();
    const before = orderView(o, "2026-09-03T16:59:00Z");
    expect(before).toMatchObject({ status: "paid", estimated_delivery: "2026-09-08", item_count: 5, carrier: "USPS" });
    for (const key of ["tracking_number", "tracking_url", "shipped_at", "delivered_at", "returnable_until"]) expect(Object.keys(before)).not.toContain(key);
    const shipped = orderView(o, "2026-09-03T17:00:00Z");
    expect(shipped).toMatchObject({
      status: "shipped",
      shipped_at: "2026-09-03T17:00:00Z",
      tracking_number: "9400111122223333444455",
      tracking_url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111122223333444455",
    });
    expect(Object.keys(shipped)).not.toContain("delivered_at");
    expect(Object.keys(shipped)).not.toContain("returnable_until");
    expect(orderView(o, "2026-09-08T16:00:00Z")).toMatchObject({
      status: "delivered",
      delivered_at: "2026-09-08T16:00:00Z",
      returnable_until: "2026-10-08",
      tracking_number: "9400111122223333444455",
    });
  });
});

describe("shopping rules: refunds, labels and tracking numbers", () => {
  it("a refund is the items' price less their share of the discount, plus the order's tax rate", () => {
    // 50.00 off 200.00 leaves 75 % of each price; MA tax 6.25 %.
    const o = orderFixture({ subtotal: 200, discount: 50, tax_rate: 0.0625 });
    expect(refundFor(o, [{ unit_price: 80, quantity: 1 }])).toBe(63.75);
    expect(refundFor(o, [{ unit_price: 30, quantity: 2 }])).toBe(47.81);
    expect(
      refundFor(o, [
        { unit_price: 30, quantity: 2 },
        { unit_price: 20, quantity: 1 },
      ]),
    ).toBe(63.75);
    expect(refundFor(orderFixture({ subtotal: 82, discount: 0, tax_rate: 0 }), [{ unit_price: 82, quantity: 1 }])).toBe(82);
    // A zero subtotal has no discount to share out.
    expect(refundFor(orderFixture({ subtotal: 0, discount: 0, tax_rate: 0.04 }), [{ unit_price: 10, quantity: 1 }])).toBe(10.4);
  });

  it("a return label is RMA-, the return's number and eight digits", () => {
    expect(returnLabel("RET-1001")).toBe("RMA-1001-17283296");
    expect(returnLabel("RET-1004")).toMatch(/^RMA-1004-\d{8}$/);
    expect(returnLabel("RET-1004")).not.toBe(returnLabel("RET-1005"));
  });

  it("tracking numbers in each carrier's format: USPS 9400 + 18 digits, UPS 1Z + 8 hex + 8 digits, FedEx 12 digits, DHL 10 digits", () => {
    const ids = Array.from({ length: 20 }, (_, i) => `ORD-${1001 + i}`);
    for (const id of ids) {
      expect(trackingNumber("USPS", id)).toMatch(/^9400\d{18}$/);
      expect(trackingNumber("UPS", id)).toMatch(/^1Z[0-9A-F]{8}\d{8}$/);
      expect(trackingNumber("FedEx", id)).toMatch(/^\d{12}$/);
      expect(trackingNumber("DHL", id)).toMatch(/^\d{10}$/);
    }
    expect(ids.some((id) => /[A-F]/.test(trackingNumber("UPS", id).slice(2, 10)))).toBe(true);
    expect(trackingNumber("UPS", "ORD-1005")).toBe("1Z03CF235531094019");
    expect(trackingNumber("USPS", "ORD-1001")).toBe(trackingNumber("USPS", "ORD-1001"));
    expect(trackingNumber("USPS", "ORD-1001")).not.toBe(trackingNumber("USPS", "ORD-1002"));
  });

  it("tracking links go to each carrier's own site", () => {
    expect(trackingUrl("USPS", "123")).toBe("https://tools.usps.com/go/TrackConfirmAction?tLabels=123");
    expect(trackingUrl("UPS", "123")).toBe("https://www.ups.com/track?tracknum=123");
    expect(trackingUrl("FedEx", "123")).toBe("https://www.fedex.com/fedextrack/?trknbr=123");
    expect(trackingUrl("DHL", "123")).toBe("https://www.dhl.com/en/express/tracking.html?AWB=123");
  });

  it("an order keeps a copy of the address, with line2 only when there is one", () => {
    const a: Address = {
      id: "ADDR-1",
      label: "Home",
      recipient: "Ann Lee",
      street: "1 Main St",
      line2: "Apt 4",
      city: "Austin",
      region: "TX",
      postal_code: "73301",
      country: "US",
      phone: "+1-512-555-0100",
      is_default: true,
      created_at: "2026-01-01T00:00:00Z",
    };
    expect(shipTo(a)).toEqual({ recipient: "Ann Lee", street: "1 Main St", line2: "Apt 4", city: "Austin", region: "TX", postal_code: "73301", country: "US" });
    const { line2: _, ...noLine2 } = a;
    expect(Object.keys(shipTo(noLine2))).toEqual(["recipient", "street", "city", "region", "postal_code", "country"]);
  });

  it("a list of ids shows eight and counts the rest", () => {
    const ids = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];
    expect(listIds(ids.slice(0, 8))).toBe("A, B, C, D, E, F, G, H");
    expect(listIds(ids.slice(0, 9))).toBe("A, B, C, D, E, F, G, H and 1 more");
    expect(listIds(ids)).toBe("A, B, C, D, E, F, G, H and 2 more");
    expect(listIds(ids, 2)).toBe("A, B and 8 more");
  });
});

// ---- through the tools ----------------------------------------------------------------------

const open = () => openSession(shopping, 1);

/** Empties the cart and puts in one unit each of the Northtrail shirt's first variants, priced as given (stock 20 each). */
function cartPriced(s: TestSession, ...prices: number[]): Row[] {
  if (s.rows("cart_items").length) s.ok("clear_cart");
  const ids = prices.map((_, i) => `VAR-${10001 + i}`);
  s.edit(shopping, (db) => {
    for (const [i, id] of ids.entries()) db.variants.update(id, { price: prices[i], stock: 20 });
  });
  for (const id of ids) s.ok("add_to_cart", { variant_id: id });
  return ids.map((id) => s.row("variants", id));
}

const SHIRT = "Northtrail Oxford Button-Down Shirt";

describe("shopping rules: coupon windows, limits and minimums (today is 2026-09-03)", () => {
  it("SAVE15 needs a subtotal of 75.00: exactly 75.00 gets 15.00 off, 74.99 is told to add 0.01", () => {
    const s = open();
    cartPriced(s, 74.99);
    s.fails(
      "apply_coupon",
      { code: "SAVE15" },
      "failed_precondition",
      /^coupon SAVE15 needs a subtotal of at least 75\.00; the cart's subtotal is 74\.99, so add 0\.01 more$/,
    );
    cartPriced(s, 75);
    const cart = s.ok("apply_coupon", { code: "SAVE15" });
    expect(cart).toMatchObject({ subtotal: 75, discount: 15, total_before_shipping_and_tax: 60 });
    expect(cart.coupon).toEqual({ code: "SAVE15", description: "15.00 off orders of 75.00 or more", discount: 15 });
  });

  it("SPRING20 takes 20 % off: 123.45 becomes 98.76", () => {
    const s = open();
    cartPriced(s, 100, 23.45);
    expect(s.ok("apply_coupon", { code: "spring20" })).toMatchObject({ subtotal: 123.45, discount: 24.69, total_before_shipping_and_tax: 98.76 });
  });

  it("a code works from its first day: starting today is accepted, starting tomorrow is refused with the codes valid today", () => {
    const s = open();
    cartPriced(s, 150);
    s.edit(shopping, (db) => db.coupons.update("TAKE25", { starts_on: "2026-09-04" }));
    s.fails(
      "apply_coupon",
      { code: "TAKE25" },
      "failed_precondition",
      /^coupon TAKE25 is not valid yet: it starts on 2026-09-04 \(today is 2026-09-03\); codes valid today: SPRING20, SAVE15, FREESHIP5$/,
    );
    s.edit(shopping, (db) => db.coupons.update("TAKE25", { starts_on: "2026-09-03" }));
    expect(s.ok("apply_coupon", { code: "TAKE25" }).discount).toBe(25);
  });

  it("a code works through its last day: expiring today is accepted, having expired yesterday is refused", () => {
    const s = open();
    cartPriced(s, 80);
    s.edit(shopping, (db) => db.coupons.update("SAVE15", { expires_on: "2026-09-02" }));
    s.fails(
      "apply_coupon",
      { code: "SAVE15" },
      "failed_precondition",
      /^coupon SAVE15 expired on 2026-09-02 \(today is 2026-09-03\); codes valid today: SPRING20, TAKE25, FREESHIP5$/,
    );
    s.edit(shopping, (db) => db.coupons.update("SAVE15", { expires_on: "2026-09-03" }));
    expect(s.ok("apply_coupon", { code: "SAVE15" }).discount).toBe(15);
  });

  it("a code with a usage limit works for the last redemption and is used up at the limit", () => {
    const s = open();
    cartPriced(s, 150);
    s.edit(shopping, (db) => db.coupons.update("TAKE25", { times_used: 2000 }));
    s.fails(
      "apply_coupon",
      { code: "TAKE25" },
      "limit_exceeded",
      /^coupon TAKE25 has reached its limit of 2000 redemptions and no longer works; codes valid today: SPRING20, SAVE15, FREESHIP5$/,
    );
    s.edit(shopping, (db) => db.coupons.update("TAKE25", { times_used: 1999 }));
    expect(s.ok("apply_coupon", { code: "TAKE25" }).discount).toBe(25);
  });

  it("each code works once per customer: WELCOME10 names the order that used it", () => {
    const s = open();
    cartPriced(s, 50);
    s.fails(
      "apply_coupon",
      { code: "WELCOME10" },
      "failed_precondition",
      /^coupon WELCOME10 was already used on your order ORD-1001; each code works once per customer; codes valid today: SPRING20, SAVE15, TAKE25, FREESHIP5$/,
    );
  });

  it("the codes valid today are those started, not expired, not used by the user and not used up", () => {
    const s = open();
    cartPriced(s, 10);
    s.fails("remove_coupon", {}, "failed_precondition", /^no coupon is applied to the cart; codes valid today: SPRING20, SAVE15, TAKE25, FREESHIP5$/);
    // FLASH30 one short of its 500, HOLIDAY25 ending today, TAKE25 starting tomorrow.
    s.edit(shopping, (db) => {
      db.coupons.update("FLASH30", { times_used: 499 });
      db.coupons.update("HOLIDAY25", { expires_on: "2026-09-03" });
      db.coupons.update("TAKE25", { starts_on: "2026-09-04" });
    });
    s.fails(
      "remove_coupon",
      {},
      "failed_precondition",
      /^no coupon is applied to the cart; codes valid today: SPRING20, SAVE15, HOLIDAY25, FLASH30, FREESHIP5$/,
    );
    s.edit(shopping, (db) => {
      for (const c of db.coupons.all()) db.coupons.update(c.code, { expires_on: "2026-09-02" });
    });
    s.fails("remove_coupon", {}, "failed_precondition", /^no coupon is applied to the cart$/);
    s.fails("apply_coupon", { code: "SAVE15" }, "failed_precondition", /^coupon SAVE15 expired on 2026-09-02 \(today is 2026-09-03\)$/);
  });

  it("list_coupons: the status of each code at its boundaries, latest expiry first", () => {
    const s = open();
    s.edit(shopping, (db) => {
      db.coupons.update("FLASH30", { times_used: 499 });
      db.coupons.update("SPRING20", { expires_on: "2026-09-03" });
      db.coupons.update("TAKE25", { starts_on: "2026-09-04" });
    });
    const all = s.ok("list_coupons", { include_unavailable: true });
    expect(all.items.map((c: Row) => [c.code, c.status])).toEqual([
      ["WELCOME10", "already_used"],
      ["FREESHIP5", "active"],
      ["SAVE15", "active"],
      ["TAKE25", "not_started"],
      ["FLASH30", "active"],
      ["SPRING20", "active"],
      ["HOLIDAY25", "expired"],
    ]);
    s.edit(shopping, (db) => db.coupons.update("FLASH30", { times_used: 500 }));
    expect(s.ok("list_coupons", {}).items.map((c: Row) => c.code)).toEqual(["FREESHIP5", "SAVE15", "SPRING20"]);
    const statuses = s.ok("list_coupons", { include_unavailable: true }).items.map((c: Row) => c.status);
    expect(statuses).toEqual(["already_used", "active", "active", "not_started", "used_up", "active", "expired"]);
  });

  it("a coupon that the cart no longer qualifies for stays on it, takes nothing off and says why", () => {
    const s = open();
    const [a] = cartPriced(s, 60, 20);
    s.ok("apply_coupon", { code: "SAVE15" });
    const line = s.rows("cart_items").find((l) => l.variant_id !== a!.id)!;
    const cart = s.ok("remove_from_cart", { cart_item_id: line.id });
    expect(cart).toMatchObject({ subtotal: 60, discount: 0, total_before_shipping_and_tax: 60 });
    expect(cart.coupon).toEqual({
      code: "SAVE15",
      description: "15.00 off orders of 75.00 or more",
      discount: 0,
      not_applied_because: "coupon SAVE15 needs a subtotal of at least 75.00; the cart's subtotal is 60.00, so add 15.00 more",
    });
    expect(s.row("carts", "CART-1").coupon_code).toBe("SAVE15");
  });

  it("adding, changing or removing a line keeps the applied coupon", () => {
    const s = open();
    cartPriced(s, 80, 20);
    s.ok("apply_coupon", { code: "SAVE15" });
    const added = s.ok("add_to_cart", { variant_id: "VAR-10001" });
    expect(s.row("carts", "CART-1").coupon_code).toBe("SAVE15");
    expect(s.ok("update_cart_item", { cart_item_id: added.id, quantity: 3 }).coupon.code).toBe("SAVE15");
    const other = s.rows("cart_items").find((l) => l.variant_id === "VAR-10002")!;
    expect(s.ok("remove_from_cart", { cart_item_id: other.id }).coupon.code).toBe("SAVE15");
    expect(s.row("carts", "CART-1").coupon_code).toBe("SAVE15");
    expect(s.ok("view_cart")).toMatchObject({ item_count: 3, subtotal: 240, discount: 15, total_before_shipping_and_tax: 225 });
  });

  it("remove_coupon gives the code back and the discount goes", () => {
    const s = open();
    cartPriced(s, 80);
    s.ok("apply_coupon", { code: "SAVE15" });
    expect(s.ok("remove_coupon")).toMatchObject({ removed_coupon: "SAVE15", discount: 0, total_before_shipping_and_tax: 80 });
    expect(s.row("carts", "CART-1").coupon_code).toBeUndefined();
    expect(Object.keys(s.ok("view_cart"))).not.toContain("coupon");
  });
});

describe("shopping rules: stock and the 10 units per line", () => {
  it("a line holds at most 10 units: 8 and 2 more make 10, 8 and 3 more are refused with what is left", () => {
    const s = open();
    cartPriced(s, 10);
    const line = s.rows("cart_items")[0]!;
    s.ok("update_cart_item", { cart_item_id: line.id, quantity: 8 });
    s.fails(
      "add_to_cart",
      { variant_id: "VAR-10001", quantity: 3 },
      "limit_exceeded",
      new RegExp(`^a cart line holds at most 10 units; line ${line.id} already has 8 of VAR-10001, so at most 2 more can be added$`),
    );
    const full = s.ok("add_to_cart", { variant_id: "VAR-10001", quantity: 2 });
    expect(full).toMatchObject({ id: line.id, quantity: 10, unit_price: 10, line_total: 100, in_stock: 20, cart_subtotal: 100, title: SHIRT });
  });

  it("adding exactly the stock left works; one more is refused with how many can be added", () => {
    const s = open();
    cartPriced(s, 10);
    s.edit(shopping, (db) => db.variants.update("VAR-10002", { stock: 4 }));
    s.fails(
      "add_to_cart",
      { variant_id: "VAR-10002", quantity: 5 },
      "failed_precondition",
      new RegExp(`^only 4 left of ${SHIRT} \\(Cream / S, VAR-10002\\); you can add at most 4$`),
    );
    s.ok("add_to_cart", { variant_id: "VAR-10002", quantity: 3 });
    s.fails(
      "add_to_cart",
      { variant_id: "VAR-10002", quantity: 2 },
      "failed_precondition",
      new RegExp(`^only 4 left of ${SHIRT} \\(Cream / S, VAR-10002\\); your cart already holds 3, so at most 1 more can be added$`),
    );
    expect(s.ok("add_to_cart", { variant_id: "VAR-10002", quantity: 1 }).quantity).toBe(4);
  });

  it("an out-of-stock variant is refused with up to six variants of the product that are in stock", () => {
    const s = open();
    s.edit(shopping, (db) => {
      for (const v of db.variants.filter((x: Row) => x.product_id === "PROD-1001")) db.variants.update(v.id, { stock: 0 });
      for (let i = 2; i <= 8; i++) db.variants.update(`VAR-1000${i}`, { stock: i });
    });
    s.fails(
      "add_to_cart",
      { variant_id: "VAR-10001" },
      "failed_precondition",
      new RegExp(
        `^${SHIRT} \\(Cream / XS, VAR-10001\\) is out of stock; variants in stock: VAR-10002 \\(Cream / S, 2 left\\), VAR-10003 \\(Cream / M, 3 left\\), ` +
          "VAR-10004 \\(Cream / L, 4 left\\), VAR-10005 \\(Cream / XL, 5 left\\), VAR-10006 \\(Navy / XS, 6 left\\), VAR-10007 \\(Navy / S, 7 left\\)$",
      ),
    );
    s.edit(shopping, (db) => {
      for (let i = 2; i <= 8; i++) db.variants.update(`VAR-1000${i}`, { stock: 0 });
    });
    s.fails("add_to_cart", { variant_id: "VAR-10001" }, "failed_precondition", new RegExp(`^${SHIRT} \\(Cream / XS, VAR-10001\\) is out of stock$`));
  });

  it("lowering a line's quantity or keeping it needs no stock check; raising it must fit the stock", () => {
    const s = open();
    cartPriced(s, 10);
    const line = s.rows("cart_items")[0]!;
    s.ok("update_cart_item", { cart_item_id: line.id, quantity: 3 });
    s.edit(shopping, (db) => db.variants.update("VAR-10001", { stock: 1 })); // other shoppers buy it up
    expect(s.ok("update_cart_item", { cart_item_id: line.id, quantity: 3 }).lines[0].quantity).toBe(3);
    const lower = s.ok("update_cart_item", { cart_item_id: line.id, quantity: 2 });
    expect(lower).toMatchObject({ item_count: 2, subtotal: 20 });
    expect(lower.lines[0]).toMatchObject({ quantity: 2, line_total: 20, in_stock: 1 });
    s.edit(shopping, (db) => db.variants.update("VAR-10001", { stock: 4 }));
    s.fails(
      "update_cart_item",
      { cart_item_id: line.id, quantity: 5 },
      "failed_precondition",
      new RegExp(`^only 4 left of ${SHIRT} \\(Cream / XS, VAR-10001\\); you can add at most 4$`),
    );
    expect(s.ok("update_cart_item", { cart_item_id: line.id, quantity: 4 }).subtotal).toBe(40);
  });

  it("clear_cart says which lines it removed", () => {
    const s = open();
    cartPriced(s, 10, 20);
    const ids = s.rows("cart_items").map((l) => l.id);
    expect(s.ok("clear_cart")).toEqual({ removed_lines: 2, removed_line_ids: ids });
  });

  it("checkout takes a line that asks for exactly the stock left, which leaves none", () => {
    const s = open();
    cartPriced(s, 10);
    const line = s.rows("cart_items")[0]!;
    s.ok("update_cart_item", { cart_item_id: line.id, quantity: 3 });
    s.edit(shopping, (db) => db.variants.update("VAR-10001", { stock: 3 }));
    s.ok("checkout", {});
    expect(s.row("variants", "VAR-10001").stock).toBe(0);
  });
});

describe("shopping rules: addresses and payment methods", () => {
  const NEW = { label: "Cabin", street: "12 Lakeview Road", city: "Denver", region: "co", postal_code: "80202" };

  it("US addresses take a two-letter state (upper-cased) and a ZIP or ZIP+4; other countries keep what was typed", () => {
    const s = open();
    expect(s.ok("add_shipping_address", { ...NEW, postal_code: "80202-1234" })).toMatchObject({ region: "CO", postal_code: "80202-1234", is_default: false });
    s.fails(
      "add_shipping_address",
      { ...NEW, street: "2 Elm Street", postal_code: "80202-12" },
      "invalid_argument",
      /^postal code "80202-12" is not a US ZIP code; use 5 digits \(or ZIP\+4, e.g\. 94103-1234\)$/,
    );
    s.fails(
      "add_shipping_address",
      { ...NEW, street: "2 Elm Street", region: "C1" },
      "invalid_argument",
      /^region "C1" is not a US state code; use the two-letter code, e.g\. CA, NY or TX$/,
    );
    const mx = s.ok("add_shipping_address", { street: "Calle 5 de Mayo 10", city: "Puebla", region: "pue", postal_code: "7200", country: "MX" });
    expect(mx).toMatchObject({ region: "pue", postal_code: "7200", country: "MX", label: "Other", recipient: "Pablo Lopez" });
  });

  it("the same street, ZIP, recipient and line2 is a duplicate; a different line2 or recipient is another address", () => {
    const s = open();
    const a = s.ok("add_shipping_address", NEW);
    s.fails(
      "add_shipping_address",
      { ...NEW, label: "Again", postal_code: " 80202 " },
      "already_exists",
      new RegExp(`^this address is already saved as ${a.id} \\(Cabin\\)$`),
    );
    s.ok("add_shipping_address", { ...NEW, line2: "Unit 2" });
    s.ok("add_shipping_address", { ...NEW, recipient: "Helena Fontaine" });
    s.ok("add_shipping_address", { ...NEW, postal_code: "80203" });
    expect(s.rows("addresses")).toHaveLength(7);
  });

  it("the tenth address is accepted and an eleventh refused", () => {
    const s = open();
    for (let i = 0; i < 7; i++) s.ok("add_shipping_address", { ...NEW, street: `${100 + i} Pine Street` });
    expect(s.rows("addresses")).toHaveLength(10);
    s.fails(
      "add_shipping_address",
      { ...NEW, street: "1 Last Street" },
      "limit_exceeded",
      /^you already have 10 saved addresses, the most allowed; delete_shipping_address one first$/,
    );
  });

  it("the first address saved becomes the default; a later one only when asked", () => {
    const s = open();
    s.edit(shopping, (db) => {
      for (const a of db.addresses.all()) db.addresses.delete(a.id);
    });
    s.fails("get_shipping_options", {}, "failed_precondition", /^you have no saved address; add_shipping_address first$/);
    const first = s.ok("add_shipping_address", NEW);
    expect(first.is_default).toBe(true);
    const second = s.ok("add_shipping_address", { ...NEW, street: "3 Oak Street" });
    expect(second.is_default).toBe(false);
    expect(s.row("addresses", first.id).is_default).toBe(true);
  });

  it("the default address cannot be deleted or set again; the messages name the others", () => {
    const s = open();
    s.fails("set_default_shipping_address", { address_id: "ADDR-1001" }, "already_exists", /^ADDR-1001 \(Home\) is already the default address$/);
    s.fails(
      "delete_shipping_address",
      { address_id: "ADDR-1001" },
      "failed_precondition",
      /^ADDR-1001 \(Home\) is the default address and cannot be deleted; set_default_shipping_address to one of ADDR-1002 \(Work\), ADDR-1003 \(Helena's place\) first$/,
    );
    expect(s.ok("delete_shipping_address", { address_id: "ADDR-1002" })).toEqual({ deleted: "ADDR-1002", label: "Work" });
    expect(s.ok("set_default_shipping_address", { address_id: "ADDR-1003" }).is_default).toBe(true);
    expect(s.row("addresses", "ADDR-1001").is_default).toBe(false);
  });

  it("a card is good through its expiry month: 2026-09 still pays today, 2026-08 is refused with the methods that work", () => {
    const s = open();
    s.edit(shopping, (db) => db.payment_methods.update("PM-1001", { expires: "2026-09" }));
    const methods = s.ok("list_payment_methods", {}).items;
    expect(methods.map((m: Row) => [m.id, m.expired])).toEqual([
      ["PM-1001", false],
      ["PM-1002", false],
      ["PM-1003", undefined],
      ["PM-1004", true],
      ["PM-1005", undefined],
    ]);
    expect(Object.keys(methods[2])).not.toContain("expired");
    cartPriced(s, 10);
    s.edit(shopping, (db) => db.payment_methods.update("PM-1001", { expires: "2026-08" }));
    expect(s.ok("list_payment_methods", {}).items[0].expired).toBe(true);
    s.fails(
      "checkout",
      {},
      "failed_precondition",
      /^the Visa card ending in 5258 \(PM-1001\) expired in 2026-08; pay with PM-1002 or PM-1003 or PM-1005 instead$/,
    );
    s.edit(shopping, (db) => db.payment_methods.update("PM-1001", { expires: "2026-09" }));
    expect(s.ok("checkout", {}).payment_method_id).toBe("PM-1001");
  });

  it("checkout pays with the default method, else the first one saved, and needs one", () => {
    const s = open();
    cartPriced(s, 10);
    s.edit(shopping, (db) => {
      db.payment_methods.update("PM-1001", { is_default: false });
      db.payment_methods.update("PM-1003", { is_default: true });
    });
    expect(s.ok("checkout", {}).payment_method_id).toBe("PM-1003");
    cartPriced(s, 10);
    s.edit(shopping, (db) => db.payment_methods.update("PM-1003", { is_default: false }));
    expect(s.ok("checkout", {}).payment_method_id).toBe("PM-1001");
    cartPriced(s, 10);
    s.edit(shopping, (db) => {
      for (const p of db.payment_methods.all()) db.payment_methods.delete(p.id);
    });
    s.fails("checkout", {}, "failed_precondition", /^no payment method is saved on the account; the user must add one in their account settings$/);
  });

  it("a gift card pays an order of exactly its balance, leaving 0.00, and not one cent more", () => {
    const s = open();
    // To Tokyo: international shipping 24.99, no sales tax.
    cartPriced(s, 75.02);
    s.fails(
      "checkout",
      { address_id: "ADDR-1002", payment_method_id: "PM-1005" },
      "failed_precondition",
      /^gift card PM-1005 holds 100\.00, less than the order total of 100\.01; pay with another method$/,
    );
    cartPriced(s, 75.01);
    const order = s.ok("checkout", { address_id: "ADDR-1002", payment_method_id: "PM-1005" });
    expect(order).toMatchObject({ subtotal: 75.01, shipping_cost: 24.99, tax: 0, total: 100, shipping_method_id: "international", carrier: "DHL" });
    expect(s.row("payment_methods", "PM-1005").balance).toBe(0);
    s.ok("cancel_order", { order_id: order.id });
    expect(s.row("payment_methods", "PM-1005").balance).toBe(100);
  });
});

describe("shopping rules: shipping options and checkout", () => {
  it("to Boston on Thursday morning: standard 5.99 (3-5 days, by 09-10), express 14.99 (by 09-07), overnight 29.99 (by 09-04); international is out", () => {
    const s = open();
    cartPriced(s, 74.99);
    const r = s.ok("get_shipping_options", {});
    expect(r).toMatchObject({ address_id: "ADDR-1001", country: "US", cart_subtotal: 74.99, discount: 0 });
    expect(r.options).toEqual([
      {
        id: "standard",
        name: "Standard",
        carrier: "USPS",
        cost: 5.99,
        free_over: 75,
        transit_business_days: "3-5",
        ships_on: "2026-09-03",
        estimated_delivery: "2026-09-10",
      },
      { id: "express", name: "Express", carrier: "UPS", cost: 14.99, transit_business_days: "2", ships_on: "2026-09-03", estimated_delivery: "2026-09-07" },
      {
        id: "overnight",
        name: "Overnight",
        carrier: "FedEx",
        cost: 29.99,
        transit_business_days: "1",
        ships_on: "2026-09-03",
        estimated_delivery: "2026-09-04",
      },
    ]);
    expect(r.unavailable).toEqual([{ id: "international", reason: "for addresses outside the US; ADDR-1001 is in the US" }]);
  });

  it("to Tokyo: international only, 24.99 (5-10 days, by 09-17); the domestic methods say why not", () => {
    const s = open();
    cartPriced(s, 199.99);
    const r = s.ok("get_shipping_options", { address_id: "ADDR-1002" });
    expect(r.options).toEqual([
      {
        id: "international",
        name: "International",
        carrier: "DHL",
        cost: 24.99,
        free_over: 200,
        transit_business_days: "5-10",
        ships_on: "2026-09-03",
        estimated_delivery: "2026-09-17",
      },
    ]);
    expect(r.unavailable).toEqual([
      { id: "standard", reason: "ships to US addresses only; ADDR-1002 is in JP" },
      { id: "express", reason: "ships to US addresses only; ADDR-1002 is in JP" },
      { id: "overnight", reason: "ships to US addresses only; ADDR-1002 is in JP" },
    ]);
    cartPriced(s, 200);
    expect(s.ok("get_shipping_options", { address_id: "ADDR-1002" }).options[0].cost).toBe(0);
  });

  it("free standard shipping counts the subtotal after the coupon: 90.00 less 15.00 ships free, 89.99 less 15.00 does not", () => {
    const s = open();
    cartPriced(s, 90);
    s.ok("apply_coupon", { code: "SAVE15" });
    expect(s.ok("get_shipping_options", {})).toMatchObject({ cart_subtotal: 90, discount: 15, options: [{ id: "standard", cost: 0 }, {}, {}] });
    s.ok("remove_coupon");
    cartPriced(s, 89.99);
    s.ok("apply_coupon", { code: "SAVE15" });
    expect(s.ok("get_shipping_options", {}).options[0].cost).toBe(5.99);
  });

  it("a method must ship to the address: the message names the methods that do", () => {
    const s = open();
    cartPriced(s, 10);
    s.fails(
      "checkout",
      { shipping_method_id: "international" },
      "failed_precondition",
      /^International shipping is for addresses outside the US; ADDR-1001 is in US, so choose standard or express or overnight$/,
    );
    s.fails(
      "checkout",
      { address_id: "ADDR-1002", shipping_method_id: "express" },
      "failed_precondition",
      /^Express shipping delivers to US addresses only; ADDR-1002 is in JP, so choose international$/,
    );
  });

  it("checkout defaults to the default address and standard shipping in the US, international abroad", () => {
    const s = open();
    cartPriced(s, 100);
    const home = s.ok("checkout", {});
    expect(home).toMatchObject({
      address_id: "ADDR-1001",
      shipping_method_id: "standard",
      carrier: "USPS",
      subtotal: 100,
      shipping_cost: 0,
      tax_rate: 0.0625,
      tax: 6.25,
      total: 106.25,
      refunded: 0,
    });
    expect(Object.keys(home)).not.toContain("coupon_code");
    expect(Object.keys(home)).not.toContain("note");
    s.edit(shopping, (db) => {
      db.addresses.update("ADDR-1001", { is_default: false });
      db.addresses.update("ADDR-1002", { is_default: true });
    });
    cartPriced(s, 100);
    expect(s.ok("checkout", {})).toMatchObject({
      address_id: "ADDR-1002",
      shipping_method_id: "international",
      carrier: "DHL",
      shipping_cost: 24.99,
      tax: 0,
      total: 124.99,
    });
    s.edit(shopping, (db) => db.addresses.update("ADDR-1002", { is_default: false }));
    cartPriced(s, 100);
    // No default flagged: the first address saved.
    expect(s.ok("checkout", {}).address_id).toBe("ADDR-1001");
  });

  it("a Seattle order pays Washington's 6.5 %; the order copies the address and the schedule", () => {
    const s = open();
    cartPriced(s, 40, 20);
    const placed = s.now();
    const order = s.ok("checkout", { address_id: "ADDR-1003", shipping_method_id: "express", note: "Ring twice" });
    expect(order).toMatchObject({
      placed_at: placed,
      status: "pending",
      subtotal: 60,
      discount: 0,
      shipping_cost: 14.99,
      tax_rate: 0.065,
      tax: 3.9,
      total: 78.89,
      carrier: "UPS",
      note: "Ring twice",
      ships_at: "2026-09-03T17:00:00Z",
      delivers_at: "2026-09-07T16:00:00Z",
      estimated_delivery: "2026-09-07",
      item_count: 2,
      ship_to: { recipient: "Helena Fontaine", street: "1942 Bridge Street", city: "Seattle", region: "WA", postal_code: "53644", country: "US" },
    });
    expect(order.lines).toEqual([
      {
        product_id: "PROD-1001",
        variant_id: "VAR-10001",
        title: SHIRT,
        variant_title: "Cream / XS",
        sku: "NOR-OXFBUT-1001-CRE-XS",
        quantity: 1,
        unit_price: 40,
        line_total: 40,
      },
      {
        product_id: "PROD-1001",
        variant_id: "VAR-10002",
        title: SHIRT,
        variant_title: "Cream / S",
        sku: "NOR-OXFBUT-1001-CRE-S",
        quantity: 1,
        unit_price: 20,
        line_total: 20,
      },
    ]);
    expect(s.row("orders", order.id).tracking_number).toMatch(/^1Z[0-9A-F]{8}\d{8}$/);
  });

  it("checkout redeems the coupon: one more use, and the order that used it", () => {
    const s = open();
    const before = s.row("coupons", "TAKE25").times_used;
    cartPriced(s, 150);
    s.ok("apply_coupon", { code: "TAKE25" });
    const order = s.ok("checkout", {});
    expect(order).toMatchObject({ coupon_code: "TAKE25", subtotal: 150, discount: 25, shipping_cost: 0, tax: 7.81, total: 132.81 });
    expect(s.row("coupons", "TAKE25")).toMatchObject({ times_used: before + 1, redeemed_by_user_on: order.id });
  });

  it("checkout refuses a coupon that became invalid and names it", () => {
    const s = open();
    cartPriced(s, 80);
    s.ok("apply_coupon", { code: "SAVE15" });
    s.edit(shopping, (db) => db.coupons.update("SAVE15", { expires_on: "2026-09-02" }));
    s.fails(
      "checkout",
      {},
      "failed_precondition",
      /^coupon SAVE15 expired on 2026-09-02 \(today is 2026-09-03\); codes valid today: SPRING20, TAKE25, FREESHIP5; remove_coupon to check out without it$/,
    );
    s.edit(shopping, (db) => db.coupons.update("SAVE15", { expires_on: "2026-10-18", times_used: 5, usage_limit: 5 }));
    s.fails("checkout", {}, "limit_exceeded", /reached its limit of 5 redemptions.*; remove_coupon to check out without it$/);
  });
});

/** Checks out VAR-10001 × qty at `price` to Boston by `method`; the clock is Thursday 2026-09-03 before noon. */
function order(s: TestSession, method = "express", price = 50, qty = 2): Row {
  cartPriced(s, price);
  const line = s.rows("cart_items")[0]!;
  if (qty !== 1) s.ok("update_cart_item", { cart_item_id: line.id, quantity: qty });
  return s.ok("checkout", { shipping_method_id: method });
}

describe("shopping rules: cancelling, tracking", () => {
  it("an order can be cancelled up to the minute before it ships at 17:00, not at 17:00", () => {
    const s = open();
    const a = order(s);
    const b = order(s);
    s.advanceTo("2026-09-03T16:59:00Z");
    const cancelled = s.ok("cancel_order", { order_id: a.id });
    expect(cancelled).toMatchObject({ status: "cancelled", refunded: 121.24, refund: { amount: 121.24, to_payment_method_id: "PM-1001" } });
    expect(Object.keys(cancelled)).not.toContain("cancel_reason");
    s.advanceTo("2026-09-03T17:00:00Z");
    s.fails(
      "cancel_order",
      { order_id: b.id },
      "failed_precondition",
      new RegExp(
        `^order ${b.id} shipped on 2026-09-03 with UPS \\(tracking 1Z[0-9A-F]{8}\\d{8}\\) and can no longer be cancelled; once it is delivered \\(expected 2026-09-07\\) you can request_return within 30 days$`,
      ),
    );
    s.fails("cancel_order", { order_id: a.id }, "failed_precondition", new RegExp(`^order ${a.id} was already cancelled on 2026-09-03$`));
    s.advanceTo("2026-09-07T16:00:00Z");
    s.fails(
      "cancel_order",
      { order_id: b.id },
      "failed_precondition",
      new RegExp(`^order ${b.id} was delivered on 2026-09-07 and can no longer be cancelled; use request_return \\(accepted until 2026-10-07\\)$`),
    );
  });

  it("cancelling gives back the stock and the sales count, never below zero, and leaves other payment methods alone", () => {
    const s = open();
    const o = order(s, "express", 50, 3);
    expect(s.row("variants", "VAR-10001").stock).toBe(17);
    const sales = s.row("products", "PROD-1001").sales_count;
    s.ok("cancel_order", { order_id: o.id, reason: "Wrong size" });
    expect(s.row("variants", "VAR-10001").stock).toBe(20);
    expect(s.row("products", "PROD-1001").sales_count).toBe(sales - 3);
    expect(s.row("orders", o.id).cancel_reason).toBe("Wrong size");
    expect(s.row("payment_methods", "PM-1005").balance).toBe(100);
    const p = order(s, "express", 50, 3);
    s.edit(shopping, (db) => db.products.update("PROD-1001", { sales_count: 1 }));
    s.ok("cancel_order", { order_id: p.id });
    expect(s.row("products", "PROD-1001").sales_count).toBe(0);
  });

  it("track_order: nothing before 17:00 on the ship day, then each scan as it happens, newest first", () => {
    const s = open();
    const o = order(s, "express");
    const stored = s.row("orders", o.id);
    expect(s.ok("track_order", { order_id: o.id })).toEqual({
      order_id: o.id,
      status: "pending",
      carrier: "UPS",
      estimated_delivery: "2026-09-07",
      events: [],
      note: "not shipped yet; it ships on 2026-09-03 and the tracking number appears then",
    });
    const at = (instant: string) => {
      s.advanceTo(instant);
      return s.ok("track_order", { order_id: o.id });
    };
    const picked = { at: "2026-09-03T17:00:00Z", status: "picked_up", description: "Picked up by UPS", location: "Columbus, OH" };
    const shipped = at("2026-09-04T16:59:00Z");
    expect(shipped).toMatchObject({
      status: "shipped",
      tracking_number: stored.tracking_number,
      tracking_url: `https://www.ups.com/track?tracknum=${stored.tracking_number}`,
      shipped_at: "2026-09-03T17:00:00Z",
    });
    expect(Object.keys(shipped)).not.toContain("delivered_at");
    expect(shipped.events).toEqual([picked]);
    const transit = at("2026-09-04T17:00:00Z").events;
    expect(transit.map((e: Row) => [e.at, e.status])).toEqual([
      ["2026-09-04T17:00:00Z", "in_transit"],
      ["2026-09-03T17:00:00Z", "picked_up"],
    ]);
    expect(transit[0].description).toBe("Arrived at UPS regional facility");
    // The regional hub is one of the store's US cities, picked by the order's id.
    expect(transit[0].location).toBe("San Francisco, CA");
    expect(at("2026-09-07T07:59:00Z").events).toHaveLength(2);
    expect(at("2026-09-07T08:00:00Z").events[0]).toEqual({
      at: "2026-09-07T08:00:00Z",
      status: "out_for_delivery",
      description: "Out for delivery",
      location: "Boston, MA",
    });
    const done = at("2026-09-07T16:00:00Z");
    expect(done.delivered_at).toBe("2026-09-07T16:00:00Z");
    expect(done.events.map((e: Row) => e.status)).toEqual(["delivered", "out_for_delivery", "in_transit", "picked_up"]);
    expect(done.events[0]).toEqual({ at: "2026-09-07T16:00:00Z", status: "delivered", description: "Delivered — left at front door", location: "Boston, MA" });
  });

  it("an overnight parcel has no regional scan: picked up, out for delivery at 08:00, delivered at 16:00", () => {
    const s = open();
    const o = order(s, "overnight");
    s.advanceTo("2026-09-04T16:00:00Z");
    expect(s.ok("track_order", { order_id: o.id }).events.map((e: Row) => [e.at, e.status])).toEqual([
      ["2026-09-04T16:00:00Z", "delivered"],
      ["2026-09-04T08:00:00Z", "out_for_delivery"],
      ["2026-09-03T17:00:00Z", "picked_up"],
    ]);
  });

  it("a cancelled order's tracking says when it was cancelled", () => {
    const s = open();
    expect(s.ok("track_order", { order_id: "ORD-1005" })).toEqual({
      order_id: "ORD-1005",
      status: "cancelled",
      carrier: "UPS",
      estimated_delivery: "2026-07-28",
      events: [],
      note: "the order was cancelled on 2026-07-24 and never shipped",
    });
  });
});

describe("shopping rules: returns and exchanges", () => {
  it("returns open at the delivery minute; before, the messages say what to do instead", () => {
    const s = open();
    const o = order(s);
    const items = [{ variant_id: "VAR-10001" }];
    s.fails(
      "request_return",
      { order_id: o.id, items, reason: "other" },
      "failed_precondition",
      new RegExp(`^order ${o.id} has not shipped yet \\(it ships on 2026-09-03\\); cancel_order it instead of returning it$`),
    );
    s.advanceTo("2026-09-07T15:59:00Z");
    s.fails(
      "request_return",
      { order_id: o.id, items, reason: "other" },
      "failed_precondition",
      new RegExp(`^order ${o.id} is on its way with UPS \\(expected 2026-09-07\\); returns open once it is delivered$`),
    );
    s.advanceTo("2026-09-07T16:00:00Z");
    const r = s.ok("request_return", { order_id: o.id, items, reason: "other" });
    expect(r).toMatchObject({ status: "requested", ship_back_by: "2026-09-21", created_at: "2026-09-07T16:00:00Z" });
    expect(r.return_label).toMatch(new RegExp(`^RMA-${r.id.slice(4)}-\\d{8}$`));
    expect(s.row("orders", o.id).status).toBe("delivered");
  });

  it("a cancelled order has nothing to return; the message says what was refunded", () => {
    const s = open();
    s.fails(
      "request_return",
      { order_id: "ORD-1005", items: [{ variant_id: "VAR-10248" }], reason: "other" },
      "failed_precondition",
      /^order ORD-1005 was cancelled and 55\.34 refunded; there is nothing to return$/,
    );
    s.edit(shopping, (db) => db.orders.update("ORD-1005", { refunded: 0 }));
    s.fails(
      "request_return",
      { order_id: "ORD-1005", items: [{ variant_id: "VAR-10248" }], reason: "other" },
      "failed_precondition",
      /^order ORD-1005 was cancelled; there is nothing to return$/,
    );
  });

  it("day 30 after delivery is the last day to return: until 2026-10-07 for a delivery on 2026-09-07, refused on 2026-10-08", () => {
    const s = open();
    cartPriced(s, 50, 30);
    const o = s.ok("checkout", { shipping_method_id: "express" });
    s.advanceTo("2026-10-07T23:59:00Z");
    s.ok("request_exchange", { order_id: o.id, variant_id: "VAR-10001", new_variant_id: "VAR-10003" });
    s.advanceTo("2026-10-08T00:00:00Z");
    s.fails(
      "request_return",
      { order_id: o.id, items: [{ variant_id: "VAR-10002" }], reason: "other" },
      "failed_precondition",
      new RegExp(
        `^order ${o.id} was delivered on 2026-09-07, 31 days ago; returns and exchanges are accepted within 30 days of delivery \\(until 2026-10-07\\)$`,
      ),
    );
  });

  it("a refund with a coupon: each item's price less its share of the discount, plus tax, for the quantity returned", () => {
    const s = open();
    // 60.00 + 40.00 with SAVE15: 85 % of each price comes back, plus MA's 6.25 %.
    cartPriced(s, 60, 40);
    s.ok("update_cart_item", { cart_item_id: s.rows("cart_items")[0]!.id, quantity: 2 });
    s.ok("apply_coupon", { code: "SAVE15" });
    const o = s.ok("checkout", { shipping_method_id: "overnight" });
    expect(o).toMatchObject({ subtotal: 160, discount: 15, shipping_cost: 29.99, tax: 9.06, total: 184.05 });
    s.advanceTo("2026-09-04T16:00:00Z");
    const one = s.ok("request_return", { order_id: o.id, items: [{ variant_id: "VAR-10001", quantity: 1 }], reason: "damaged" });
    // 60 × 145/160 × 1.0625 = 57.77
    expect(one.refund_amount).toBe(57.77);
    expect(one.items).toEqual([{ variant_id: "VAR-10001", product_id: "PROD-1001", title: SHIRT, variant_title: "Cream / XS", quantity: 1, unit_price: 60 }]);
    const rest = s.ok("request_return", { order_id: o.id, items: [{ variant_id: "VAR-10002" }], reason: "wrong_item" });
    // 40 × 145/160 × 1.0625 = 38.52
    expect(rest.refund_amount).toBe(38.52);
    expect(rest.items[0].quantity).toBe(1);
    expect(Object.keys(rest)).not.toContain("comment");
  });

  it("returning more than was bought is refused with the quantity bought", () => {
    const s = open();
    const o = order(s, "overnight");
    s.advanceTo("2026-09-04T16:00:00Z");
    s.fails(
      "request_return",
      { order_id: o.id, items: [{ variant_id: "VAR-10001", quantity: 3 }], reason: "other" },
      "invalid_argument",
      new RegExp(`^order ${o.id} has 2 of ${SHIRT} \\(Cream / XS\\); at most 2 can be returned$`),
    );
    s.fails(
      "request_exchange",
      { order_id: o.id, variant_id: "VAR-10001", new_variant_id: "VAR-10002", quantity: 3 },
      "invalid_argument",
      new RegExp(`^order ${o.id} has 2 of ${SHIRT} \\(Cream / XS\\); at most 2 can be exchanged$`),
    );
    expect(s.ok("request_return", { order_id: o.id, items: [{ variant_id: "VAR-10001", quantity: 2 }], reason: "other" }).refund_amount).toBe(106.25);
  });

  it("an exchange for a cheaper variant refunds the difference; for a dearer one charges it and refunds nothing", () => {
    const s = open();
    const o = order(s, "overnight", 50, 2);
    const p = order(s, "overnight", 50, 2);
    s.advanceTo("2026-09-04T16:00:00Z");
    s.edit(shopping, (db) => {
      db.variants.update("VAR-10002", { price: 45, stock: 2 });
      db.variants.update("VAR-10003", { price: 55 });
    });
    const cheaper = s.ok("request_exchange", { order_id: o.id, variant_id: "VAR-10001", new_variant_id: "VAR-10002", comment: "Too long" });
    expect(cheaper).toMatchObject({
      price_difference: -10,
      refund_amount: 10,
      reason: "size_or_fit",
      comment: "Too long",
      replacement_variant_id: "VAR-10002",
    });
    expect(cheaper.items).toEqual([
      { variant_id: "VAR-10001", product_id: "PROD-1001", title: SHIRT, variant_title: "Cream / XS", quantity: 2, unit_price: 50 },
    ]);
    expect(s.row("variants", "VAR-10002").stock).toBe(0);

    s.edit(shopping, (db) => db.variants.update("VAR-10003", { price: 55, stock: 5 }));
    const dearer = s.ok("request_exchange", { order_id: p.id, variant_id: "VAR-10001", new_variant_id: "VAR-10003", quantity: 1, reason: "defective" });
    expect(dearer).toMatchObject({ price_difference: 5, refund_amount: 0, reason: "defective" });
    expect(s.ok("get_return", { return_id: dearer.id }).replacement).toEqual({ variant_id: "VAR-10003", title: "Cream / M", price: 55 });
  });

  it("an exchange needs the whole quantity in stock; the message lists the variants that have it", () => {
    const s = open();
    const o = order(s, "overnight", 50, 2);
    s.advanceTo("2026-09-04T16:00:00Z");
    s.edit(shopping, (db) => {
      for (const v of db.variants.filter((x: Row) => x.product_id === "PROD-1001")) db.variants.update(v.id, { stock: 1, price: 50 });
      db.variants.update("VAR-10004", { stock: 2 });
      db.variants.update("VAR-10005", { stock: 3 });
    });
    s.fails(
      "request_exchange",
      { order_id: o.id, variant_id: "VAR-10001", new_variant_id: "VAR-10002" },
      "failed_precondition",
      new RegExp(`^${SHIRT} \\(Cream / S\\) has only 1 in stock, 2 needed; in stock: VAR-10004 \\(Cream / L\\), VAR-10005 \\(Cream / XL\\)$`),
    );
    s.edit(shopping, (db) => {
      db.variants.update("VAR-10004", { stock: 0 });
      db.variants.update("VAR-10005", { stock: 0 });
    });
    s.fails(
      "request_exchange",
      { order_id: o.id, variant_id: "VAR-10001", new_variant_id: "VAR-10004" },
      "failed_precondition",
      new RegExp(`^${SHIRT} \\(Cream / L\\) has no units in stock, 2 needed$`),
    );
    expect(s.ok("request_exchange", { order_id: o.id, variant_id: "VAR-10001", new_variant_id: "VAR-10002", quantity: 1 }).price_difference).toBe(0);
  });

  it("list_returns filters by status and type, newest first", () => {
    const s = open();
    const o = order(s, "overnight", 50, 1);
    s.advanceTo("2026-09-04T16:00:00Z");
    const mine = s.ok("request_return", { order_id: o.id, items: [{ variant_id: "VAR-10001" }], reason: "other" });
    expect(s.ok("list_returns", {}).items.map((r: Row) => r.id)).toEqual([mine.id, "RET-1001"]);
    expect(s.ok("list_returns", { status: "requested" }).total).toBe(2);
    expect(s.ok("list_returns", { status: "refunded" }).total).toBe(0);
    expect(s.ok("list_returns", { type: "refund", order_id: "ORD-1008" }).items.map((r: Row) => r.id)).toEqual(["RET-1001"]);
    expect(s.ok("list_returns", { type: "exchange" }).total).toBe(0);
    expect(Object.keys(s.ok("get_return", { return_id: "RET-1001" }))).not.toContain("replacement");
  });
});

describe("shopping rules: orders and reviews", () => {
  it("list_orders: the placed-from and placed-to days are inclusive", () => {
    const s = open();
    const ids = (args: Row) => s.ok("list_orders", { limit: 50, ...args }).items.map((o: Row) => o.id);
    expect(ids({ placed_from: "2026-08-17", placed_to: "2026-08-25" })).toEqual(["ORD-1008", "ORD-1007"]);
    expect(ids({ placed_from: "2026-08-18", placed_to: "2026-08-24" })).toEqual([]);
    expect(ids({ placed_from: "2026-09-02" })).toEqual(["ORD-1010", "ORD-1009"]);
    expect(ids({ placed_to: "2026-05-08" })).toEqual(["ORD-1001"]);
    expect(ids({ status: "cancelled" })).toEqual(["ORD-1005"]);
    const row = s.ok("list_orders", { status: "paid" }).items[0];
    expect(row).toMatchObject({ id: "ORD-1010", status: "paid", total: 468.07, estimated_delivery: "2026-09-07" });
    expect(row.item_count).toBe(s.row("orders", "ORD-1010").lines.reduce((n: number, l: Row) => n + l.quantity, 0));
  });

  it("a review's rating is the mean of all the product's reviews to one decimal; the author is the user's first name and initial", () => {
    const s = open();
    const o = order(s, "overnight", 50, 1);
    s.edit(shopping, (db) => {
      for (const r of db.reviews.filter((x: Row) => x.product_id === "PROD-1001")) db.reviews.delete(r.id);
      db.reviews.create({
        product_id: "PROD-1001",
        author: "Ann B.",
        by_user: false,
        rating: 5,
        title: "Great",
        body: "Great shirt",
        verified_purchase: true,
        helpful_votes: 0,
        created_at: "2026-01-01T00:00:00Z",
      });
      db.reviews.create({
        product_id: "PROD-1001",
        author: "Cal D.",
        by_user: false,
        rating: 5,
        title: "Fine",
        body: "Fine shirt",
        verified_purchase: true,
        helpful_votes: 0,
        created_at: "2026-01-02T00:00:00Z",
      });
    });
    s.fails(
      "write_product_review",
      { product_id: "PROD-1001", rating: 4, title: "Nice", body: "Fits well, nice fabric." },
      "failed_precondition",
      new RegExp(`^${SHIRT} is in your order ${o.id} but has not been delivered yet \\(expected 2026-09-04\\); you can review it once it arrives$`),
    );
    s.advanceTo("2026-09-04T16:00:00Z");
    const r = s.ok("write_product_review", { product_id: "PROD-1001", rating: 4, title: "Nice", body: "Fits well, nice fabric." });
    // (5 + 5 + 4) / 3 = 4.67
    expect(r).toMatchObject({ author: "Pablo L.", by_user: true, rating: 4, product_rating: 4.7, product_review_count: 3, helpful_votes: 0 });
    expect(s.row("products", "PROD-1001")).toMatchObject({ rating: 4.7, review_count: 3 });
    s.fails(
      "write_product_review",
      { product_id: "PROD-1001", rating: 5, title: "Again", body: "Writing a second time." },
      "already_exists",
      new RegExp(`^you already reviewed ${SHIRT} on 2026-09-04 \\(${r.id}, 4 stars\\); each product takes one review per customer$`),
    );
  });

  it("a product only in a cancelled order has not been bought", () => {
    const s = open();
    s.fails(
      "write_product_review",
      { product_id: "PROD-1023", rating: 4, title: "Nice", body: "Looked nice in the pictures." },
      "permission_denied",
      /^you have not bought Marlowe Ribbed Tank Top \(PROD-1023\); only products from your orders can be reviewed — list_orders shows what you bought$/,
    );
  });
});

describe("shopping rules: searching and sorting the catalog", () => {
  /**
   * Three shirts rebranded "Quokka Works" with every variant at one price, in stock:
   * PROD-1001 at 30.00, rated 4.5 from 2 reviews, 100 sold, added 2026-01-01;
   * PROD-1002 at 10.00, rated 4.5 from 9 reviews, 300 sold, added 2025-01-01;
   * PROD-1003 at 20.00, rated 3.0 from 4 reviews, 200 sold, added 2026-06-01.
   */
  function quokkas(): TestSession {
    const s = open();
    const setup: Array<[string, number, number, number, number, string]> = [
      ["PROD-1001", 30, 4.5, 2, 100, "2026-01-01T00:00:00Z"],
      ["PROD-1002", 10, 4.5, 9, 300, "2025-01-01T00:00:00Z"],
      ["PROD-1003", 20, 3, 4, 200, "2026-06-01T00:00:00Z"],
    ];
    s.edit(shopping, (db) => {
      for (const [id, price, rating, review_count, sales_count, created_at] of setup) {
        db.products.update(id, { brand: "Quokka Works", rating, review_count, sales_count, created_at });
        for (const v of db.variants.filter((x: Row) => x.product_id === id)) {
          const { compare_at_price: _, ...rest } = v;
          db.variants.put({ ...rest, price, stock: 5 });
        }
      }
    });
    return s;
  }
  const ids = (s: TestSession, args: Row) => s.ok("search_products", { brand: "quokka", limit: 50, ...args }).items.map((p: Row) => p.id);

  it.each([
    ["price_low_to_high", ["PROD-1002", "PROD-1003", "PROD-1001"]],
    ["price_high_to_low", ["PROD-1001", "PROD-1003", "PROD-1002"]],
    ["rating", ["PROD-1002", "PROD-1001", "PROD-1003"]],
    ["best_selling", ["PROD-1002", "PROD-1003", "PROD-1001"]],
    ["newest", ["PROD-1003", "PROD-1001", "PROD-1002"]],
    ["relevance", ["PROD-1002", "PROD-1003", "PROD-1001"]],
  ] as const)("sorted by %s: %j (equal ratings go by review count; relevance without words by sales)", (sort, expected) => {
    expect(ids(quokkas(), { sort })).toEqual(expected);
  });

  it("equal prices keep the product id order", () => {
    const s = quokkas();
    s.edit(shopping, (db) => {
      for (const v of db.variants.filter((x: Row) => x.product_id === "PROD-1003")) db.variants.update(v.id, { price: 30 });
    });
    expect(ids(s, { sort: "price_low_to_high" })).toEqual(["PROD-1002", "PROD-1001", "PROD-1003"]);
    expect(ids(s, { sort: "price_high_to_low" })).toEqual(["PROD-1001", "PROD-1003", "PROD-1002"]);
  });

  it("price and rating bounds are inclusive", () => {
    const s = quokkas();
    expect(ids(s, { min_price: 20 })).toEqual(["PROD-1003", "PROD-1001"]);
    expect(ids(s, { max_price: 20 })).toEqual(["PROD-1002", "PROD-1003"]);
    expect(ids(s, { min_price: 20, max_price: 20 })).toEqual(["PROD-1003"]);
    expect(ids(s, { min_price: 20.01, max_price: 29.99 })).toEqual([]);
    expect(ids(s, { min_rating: 4.5 })).toEqual(["PROD-1002", "PROD-1001"]);
    expect(ids(s, { min_rating: 4.6 })).toEqual([]);
  });

  it("in stock means at least one variant in stock; on sale means a compare-at price on any variant", () => {
    const s = quokkas();
    s.edit(shopping, (db) => {
      for (const v of db.variants.filter((x: Row) => x.product_id === "PROD-1003")) db.variants.update(v.id, { stock: 0 });
      const [first, ...others] = db.variants.filter((x: Row) => x.product_id === "PROD-1002");
      for (const v of others) db.variants.update(v.id, { stock: 0 });
      db.variants.update(first.id, { stock: 1 });
      db.variants.update("VAR-10005", { compare_at_price: 40 });
    });
    expect(ids(s, { in_stock: true })).toEqual(["PROD-1002", "PROD-1001"]);
    expect(ids(s, { in_stock: false })).toEqual(["PROD-1003"]);
    expect(ids(s, { on_sale: true })).toEqual(["PROD-1001"]);
    expect(ids(s, { on_sale: false })).toEqual(["PROD-1002", "PROD-1003"]);
    const p = s.ok("search_products", { brand: "quokka", on_sale: true }).items[0];
    expect(p).toMatchObject({ id: "PROD-1001", price: 30, on_sale: true, in_stock: true, brand: "Quokka Works" });
    expect(Object.keys(p)).not.toContain("compare_at_price");
  });

  it("relevance: a word in the title counts 3, in the brand or tags 2, in the description or category 1; ties go by sales", () => {
    const s = quokkas();
    s.edit(shopping, (db) => {
      db.products.update("PROD-1001", { title: "Wombat Shirt" });
      db.products.update("PROD-1002", { tags: ["wombat"] });
      db.products.update("PROD-1003", { description: "A wombat of a shirt." });
      db.products.update("PROD-1004", { brand: "Wombat & Co", sales_count: 0 });
      db.products.update("PROD-1005", { title: "Wombat Tee", sales_count: 0 });
    });
    const hits = s.ok("search_products", { query: "Wombat", limit: 10 }).items.map((p: Row) => p.id);
    expect(hits).toEqual(["PROD-1001", "PROD-1005", "PROD-1002", "PROD-1004", "PROD-1003"]);
    // Every word must match somewhere; a category's name counts as a place.
    expect(s.ok("search_products", { query: "wombat quokka", limit: 10 }).items.map((p: Row) => p.id)).toEqual(["PROD-1001", "PROD-1002", "PROD-1003"]);
    const cat = s.row("categories", "mens-clothing").name.split(" ")[0].toLowerCase();
    expect(s.ok("search_products", { query: `wombat ${cat}`, limit: 10 }).total).toBe(5);
    // Only the first eight words count.
    expect(s.ok("search_products", { query: `${"wombat ".repeat(8)}zzzqqq`, limit: 10 }).total).toBe(5);
    expect(s.ok("search_products", { query: "wombat zzzqqq", limit: 10 }).total).toBe(0);
  });
});

describe("shopping rules: product details and reviews", () => {
  function reviewed(): TestSession {
    const s = open();
    s.edit(shopping, (db) => {
      for (const r of db.reviews.filter((x: Row) => x.product_id === "PROD-1001")) db.reviews.delete(r.id);
      const rows: Array<[number, number, string]> = [
        [5, 1, "2026-01-01T00:00:00Z"],
        [2, 7, "2026-02-01T00:00:00Z"],
        [5, 3, "2026-03-01T00:00:00Z"],
        [4, 3, "2026-04-01T00:00:00Z"],
      ];
      for (const [rating, helpful_votes, created_at] of rows)
        db.reviews.create({
          product_id: "PROD-1001",
          author: "Someone S.",
          by_user: false,
          rating,
          title: `${rating} stars`,
          body: "A review body.",
          verified_purchase: true,
          helpful_votes,
          created_at,
        });
      db.products.update("PROD-1001", { rating: 4, review_count: 4 });
    });
    return s;
  }
  const dates = (s: TestSession, args: Row) =>
    s.ok("list_product_reviews", { product_id: "PROD-1001", ...args }).items.map((r: Row) => `${r.rating}@${r.created_at.slice(5, 7)}`);

  it("reviews count by star and sort newest, highest, lowest or most helpful, ties newest first", () => {
    const s = reviewed();
    const r = s.ok("list_product_reviews", { product_id: "PROD-1001" });
    expect(r).toMatchObject({ product_id: "PROD-1001", rating: 4, review_count: 4, stars: { "5": 2, "4": 1, "3": 0, "2": 1, "1": 0 }, total: 4 });
    expect(dates(s, {})).toEqual(["4@04", "5@03", "2@02", "5@01"]);
    expect(dates(s, { sort: "highest" })).toEqual(["5@03", "5@01", "4@04", "2@02"]);
    expect(dates(s, { sort: "lowest" })).toEqual(["2@02", "4@04", "5@03", "5@01"]);
    expect(dates(s, { sort: "most_helpful" })).toEqual(["2@02", "4@04", "5@03", "5@01"]);
  });

  it("the star filters are inclusive at both ends", () => {
    const s = reviewed();
    expect(dates(s, { min_rating: 4 })).toEqual(["4@04", "5@03", "5@01"]);
    expect(dates(s, { max_rating: 4 })).toEqual(["4@04", "2@02"]);
    expect(dates(s, { min_rating: 4, max_rating: 4 })).toEqual(["4@04"]);
    expect(s.ok("list_product_reviews", { product_id: "PROD-1001", min_rating: 3, max_rating: 3 }).stars).toEqual({ "5": 2, "4": 1, "3": 0, "2": 1, "1": 0 });
  });

  it("get_product: the price range, availability per variant and the category's name", () => {
    const s = open();
    s.edit(shopping, (db) => {
      for (const v of db.variants.filter((x: Row) => x.product_id === "PROD-1001")) db.variants.update(v.id, { price: 40, stock: 0 });
      db.variants.update("VAR-10002", { price: 35, stock: 1 });
      db.variants.update("VAR-10003", { price: 45 });
    });
    const p = s.ok("get_product", { product_id: "PROD-1001" });
    expect(p).toMatchObject({ id: "PROD-1001", category: s.row("categories", "mens-clothing").name, price: 35, max_price: 45, in_stock: true });
    expect(p.variants.filter((v: Row) => v.available).map((v: Row) => v.id)).toEqual(["VAR-10002"]);
    s.edit(shopping, (db) => {
      for (const v of db.variants.filter((x: Row) => x.product_id === "PROD-1001")) db.variants.update(v.id, { price: 40, stock: 0 });
    });
    const flat = s.ok("get_product", { product_id: "PROD-1001" });
    expect(flat).toMatchObject({ price: 40, in_stock: false });
    expect(Object.keys(flat)).not.toContain("max_price");
  });
});

describe("shopping rules: how each entity is named in words", () => {
  it("each table describes its rows the way a task mentions them", () => {
    const s = open();
    expect(tables.categories.describe(s.row("categories", "mens-clothing"))).toBe(`the ${s.row("categories", "mens-clothing").name} category`);
    expect(tables.products.describe(s.row("products", "PROD-1001"))).toBe("the Northtrail Oxford Button-Down Shirt");
    expect(tables.variants.describe(s.row("variants", "VAR-10001"))).toBe("the Cream / XS variant (SKU NOR-OXFBUT-1001-CRE-XS)");
    expect(tables.reviews.describe({ author: "Ann B.", rating: 4, title: "Warm" } as never)).toBe(`Ann B.'s 4-star review "Warm"`);
    expect(tables.cart_items.describe(s.row("cart_items", "LINE-1001"))).toBe("the cart line of 1 × VAR-10763");
    expect(tables.carts.describe(s.row("carts", "CART-1"))).toBe("the shopping cart");
    expect(tables.coupons.describe(s.row("coupons", "SAVE15"))).toBe("the coupon code SAVE15");
    expect(tables.addresses.describe(s.row("addresses", "ADDR-1003"))).toBe("the helena's place address on 1942 Bridge Street, Seattle");
    expect(tables.payment_methods.describe(s.row("payment_methods", "PM-1001"))).toBe("the Visa card ending in 5258");
    expect(tables.payment_methods.describe(s.row("payment_methods", "PM-1003"))).toBe("the PayPal account pablo.lopez@mailbox.org");
    expect(tables.payment_methods.describe(s.row("payment_methods", "PM-1005"))).toBe("the gift card ending in 9185");
    expect(tables.shipping_methods.describe(s.row("shipping_methods", "express"))).toBe("Express shipping");
    expect(tables.orders.describe(s.row("orders", "ORD-1005"))).toBe("the order of 2026-07-24 totalling 55.34 USD");
    expect(tables.orders.describe({ placed_at: "2026-09-03T09:00:00Z", total: 100 } as never)).toBe("the order of 2026-09-03 totalling 100.00 USD");
    expect(tables.returns.describe(s.row("returns", "RET-1001"))).toBe(
      "the refund request for order ORD-1008 (Tinker Town Adventure Building Block Castle Set)",
    );
    const two = { type: "exchange", order_id: "ORD-1", items: [{ title: "Mug" }, { title: "Cap" }] };
    expect(tables.returns.describe(two as never)).toBe("the exchange request for order ORD-1 (Mug, Cap)");
  });
});

describe("shopping rules: the exact refusals of the cart and the order tools", () => {
  it("a quantity is a whole number from 1 to 10", () => {
    const s = open();
    for (const [quantity, message] of [
      [2.5, /quantity is a whole number/],
      [0, /quantity is 1 to 10 per line/],
      [11, /quantity is 1 to 10 per line/],
    ] as const) {
      const r = s.call("add_to_cart", { variant_id: "VAR-10001", quantity });
      expect(r.outcome).toBe("invalid_arguments");
      expect(r.error?.message).toMatch(message);
    }
    expect(s.ok("add_to_cart", { variant_id: "VAR-10001" }).quantity).toBe(1);
  });

  it("one coupon per order: a second code, the same code again, or an empty cart", () => {
    const s = open();
    cartPriced(s, 200);
    s.ok("apply_coupon", { code: "SAVE15" });
    s.fails(
      "apply_coupon",
      { code: "take25" },
      "conflict",
      /^the cart already has coupon SAVE15; only one coupon per order — remove_coupon first to use TAKE25 instead$/,
    );
    s.fails("apply_coupon", { code: "Save15" }, "already_exists", /^coupon SAVE15 is already applied to the cart$/);
    s.ok("clear_cart");
    s.fails("clear_cart", {}, "failed_precondition", /^the cart is already empty$/);
    s.fails("apply_coupon", { code: "SAVE15" }, "failed_precondition", /^the cart is empty; add_to_cart first, then apply SAVE15$/);
    s.fails("checkout", {}, "failed_precondition", /^your cart is empty; add_to_cart the items you want before checking out$/);
  });

  it("a cart row that is missing reads as an empty one and the next write restores it", () => {
    const s = open();
    s.edit(shopping, (db) => db.carts.delete("CART-1"));
    expect(s.ok("view_cart")).toMatchObject({ cart_id: "CART-1", item_count: 2, discount: 0 });
    const now = s.now();
    s.ok("add_to_cart", { variant_id: "VAR-10001" });
    expect(s.row("carts", "CART-1")).toEqual({ id: "CART-1", updated_at: now });
  });

  it("checkout names a line the stock no longer covers, and one that sold out", () => {
    const s = open();
    cartPriced(s, 10);
    const line = s.rows("cart_items")[0]!;
    s.ok("update_cart_item", { cart_item_id: line.id, quantity: 3 });
    s.edit(shopping, (db) => db.variants.update("VAR-10001", { stock: 2 }));
    s.fails(
      "checkout",
      {},
      "failed_precondition",
      new RegExp(`^only 2 left of ${SHIRT} \\(Cream / XS\\) but line ${line.id} asks for 3; update_cart_item it to 2 or less$`),
    );
    s.edit(shopping, (db) => db.variants.update("VAR-10001", { stock: 0 }));
    s.fails(
      "checkout",
      {},
      "failed_precondition",
      new RegExp(`^${SHIRT} \\(Cream / XS\\) sold out since you added it; remove_from_cart line ${line.id} to check out the rest$`),
    );
  });

  it("a return names each item once, only items of the order, each returned or exchanged once", () => {
    const s = open();
    cartPriced(s, 50, 30);
    const o = s.ok("checkout", { shipping_method_id: "overnight" });
    s.advanceTo("2026-09-04T16:00:00Z");
    s.fails(
      "request_return",
      { order_id: o.id, items: [{ variant_id: "VAR-10001" }, { variant_id: "VAR-10001" }], reason: "other" },
      "invalid_argument",
      /^VAR-10001 is listed twice; name each item once with the quantity to return$/,
    );
    s.fails(
      "request_return",
      { order_id: o.id, items: [{ variant_id: "VAR-10003" }], reason: "other" },
      "invalid_argument",
      new RegExp(`^VAR-10003 is not an item of order ${o.id}; its items are VAR-10001 \\(${SHIRT}, Cream / XS\\), VAR-10002 \\(${SHIRT}, Cream / S\\)$`),
    );
    const first = s.ok("request_return", { order_id: o.id, items: [{ variant_id: "VAR-10001", quantity: 1 }], reason: "other" });
    s.fails(
      "request_exchange",
      { order_id: o.id, variant_id: "VAR-10001", new_variant_id: "VAR-10004" },
      "already_exists",
      new RegExp(
        `^${SHIRT} \\(Cream / XS, VAR-10001\\) of order ${o.id} already has refund request ${first.id} from 2026-09-04; each item can be returned or exchanged once$`,
      ),
    );
    expect(s.ok("get_order", { order_id: o.id }).returns).toEqual([
      { id: first.id, type: "refund", status: "requested", refund_amount: 53.13, variant_ids: ["VAR-10001"] },
    ]);
  });

  it("an exchange is for another variant of the same product; the message lists them", () => {
    const s = open();
    const o = order(s, "overnight", 50, 1);
    s.advanceTo("2026-09-04T16:00:00Z");
    s.fails(
      "request_exchange",
      { order_id: o.id, variant_id: "VAR-10001", new_variant_id: "VAR-10016" },
      "invalid_argument",
      new RegExp(
        `^VAR-10016 is a variant of another product; an exchange must be for another variant of ${SHIRT}: VAR-10002 \\(Cream / S\\), VAR-10003 \\(Cream / M\\), ` +
          "VAR-10004 \\(Cream / L\\), VAR-10005 \\(Cream / XL\\), VAR-10006 \\(Navy / XS\\), VAR-10007 \\(Navy / S\\), VAR-10008 \\(Navy / M\\), VAR-10009 \\(Navy / L\\) and 6 more$",
      ),
    );
    s.fails(
      "request_exchange",
      { order_id: o.id, variant_id: "VAR-10001", new_variant_id: "VAR-10001" },
      "invalid_argument",
      new RegExp(`^VAR-10001 is the variant you already have; choose a different size or colour of ${SHIRT}$`),
    );
  });

  it("addresses and payment methods list the default first", () => {
    const s = open();
    s.ok("set_default_shipping_address", { address_id: "ADDR-1003" });
    expect(s.ok("list_shipping_addresses", {}).items.map((a: Row) => a.id)).toEqual(["ADDR-1003", "ADDR-1001", "ADDR-1002"]);
    s.edit(shopping, (db) => {
      db.payment_methods.update("PM-1001", { is_default: false });
      db.payment_methods.update("PM-1003", { is_default: true });
    });
    expect(s.ok("list_payment_methods", {}).items.map((m: Row) => m.id)).toEqual(["PM-1003", "PM-1001", "PM-1002", "PM-1004", "PM-1005"]);
  });

  it("a duplicate address is found whatever the spacing and case; a phone is kept when given", () => {
    const s = open();
    const a = s.ok("add_shipping_address", { street: "12 Lakeview Road", city: "Denver", region: "CO", postal_code: "80202", phone: "+1-303-555-0100" });
    expect(a.phone).toBe("+1-303-555-0100");
    s.fails(
      "add_shipping_address",
      { street: "12   LAKEVIEW  road", city: "Denver", region: "CO", postal_code: "80202", recipient: "pablo  lopez" },
      "already_exists",
      new RegExp(`^this address is already saved as ${a.id} \\(Other\\)$`),
    );
  });
});

describe("shopping rules: cancelling after the catalog changed", () => {
  it("an order whose product left the catalog can still be cancelled and refunded in full", () => {
    const s = open();
    const o = order(s, "express", 50, 2);
    s.edit(shopping, (db) => {
      db.variants.delete("VAR-10001");
      for (const v of db.variants.filter((x: Row) => x.product_id === "PROD-1001")) db.variants.delete(v.id);
      db.products.delete("PROD-1001");
    });
    expect(s.ok("cancel_order", { order_id: o.id })).toMatchObject({ status: "cancelled", refunded: 121.24 });
    expect(s.row("variants", "VAR-10001")).toBeUndefined();
  });
});

describe("shopping rules: what the stored rows may hold", () => {
  const card = { id: "PM-1", type: "card", brand: "Visa", last4: "1234", expires: "2028-04", holder: "A B", is_default: false };

  it("a card keeps exactly its last four digits and its expiry month as YYYY-MM", () => {
    expect(PaymentMethod.safeParse(card).success).toBe(true);
    for (const last4 of ["12345", "a1234", "1234a", "123"]) expect(PaymentMethod.safeParse({ ...card, last4 }).success, last4).toBe(false);
    for (const expires of ["2028-4", "x2028-04", "2028-04x", "2028"]) expect(PaymentMethod.safeParse({ ...card, expires }).success, expires).toBe(false);
  });

  it("a return moves through requested, received, refunded and exchanged, and may hold several items", () => {
    const item = { variant_id: "VAR-1", product_id: "PROD-1", title: "Mug", variant_title: "Default", quantity: 1, unit_price: 10 };
    const ret = {
      id: "RET-1",
      order_id: "ORD-1",
      type: "refund",
      items: [item, { ...item, variant_id: "VAR-2" }],
      reason: "other",
      status: "requested",
      refund_amount: 20,
      ship_back_by: "2026-09-17",
      return_label: "RMA-1-12345678",
      created_at: "2026-09-03T09:00:00Z",
    };
    for (const status of ["requested", "received", "refunded", "exchanged"]) expect(Return.safeParse({ ...ret, status }).success, status).toBe(true);
    expect(Return.safeParse({ ...ret, status: "lost" }).success).toBe(false);
    expect(Return.safeParse({ ...ret, items: [] }).success).toBe(false);
    for (const carrier of ["USPS", "UPS", "FedEx", "DHL"]) expect(Order.shape.carrier.safeParse(carrier).success, carrier).toBe(true);
  });

  it("a product without variants costs 0.00 and is out of stock", () => {
    const p = { id: "PROD-1", title: "T", brand: "B", category_id: "c", rating: 0, review_count: 0 } as Product;
    expect(productSummary(p, [])).toEqual({
      id: "PROD-1",
      title: "T",
      brand: "B",
      category_id: "c",
      price: 0,
      on_sale: false,
      rating: 0,
      review_count: 0,
      in_stock: false,
      variant_count: 0,
    });
  });
});

describe("shopping rules: what the tools tell a model", () => {
  const tool = (name: string) => shopping.tools.find((t) => t.name === name)!;
  const described = (name: string, arg: string) =>
    (tool(name).inputSchema as { properties: Record<string, { description?: string }> }).properties[arg]?.description;

  it("the domain is the online store", () => {
    expect([shopping.name, shopping.title]).toEqual(["shopping", "Online store"]);
  });

  it("each write tool names what it produces; removing, clearing, deleting and cancelling are destructive", () => {
    const produces: Record<string, string | undefined> = {
      add_to_cart: "cart_item",
      add_shipping_address: "address",
      checkout: "order",
      request_return: "return",
      request_exchange: "return",
      write_product_review: "review",
      update_cart_item: undefined,
      apply_coupon: undefined,
      cancel_order: undefined,
    };
    for (const [name, kind] of Object.entries(produces)) expect(tool(name).produces, name).toBe(kind);
    expect(
      shopping.tools
        .filter((t) => t.destructive)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["cancel_order", "clear_cart", "delete_shipping_address", "remove_from_cart"]);
    expect(tool("checkout").uses).toEqual(["cart_item"]);
    expect(tool("apply_coupon").uses).toEqual(["cart_item"]);
  });

  it("an id argument ends with an example id of its kind", () => {
    expect(described("search_products", "category_id")).toMatch(/\(a category id such as 'womens-clothing'\)$/);
    expect(described("apply_coupon", "code")).toMatch(/\(a coupon id such as 'SPRING20'\)$/);
    expect(described("checkout", "shipping_method_id")).toMatch(/\(a shipping_method id such as 'standard'\)$/);
    expect(described("add_to_cart", "variant_id")).toMatch(/\(a variant id such as 'VAR-10042'\)$/);
    expect(described("get_order", "order_id")).toMatch(/\(an order id such as 'ORD-1042'\)$/);
    const items = (tool("request_return").inputSchema as { properties: { items: { items: { properties: Record<string, { description?: string }> } } } })
      .properties.items;
    expect(items.items.properties.variant_id?.description).toMatch(/\(a variant id such as 'VAR-10042'\)$/);
  });

  it("return states and types, and review sorts, as written", () => {
    const enumOf = (name: string, arg: string) => (tool(name).inputSchema as { properties: Record<string, { enum?: string[] }> }).properties[arg]?.enum;
    expect(enumOf("list_returns", "status")).toEqual(["requested", "received", "refunded", "exchanged"]);
    expect(enumOf("list_returns", "type")).toEqual(["refund", "exchange"]);
    expect(enumOf("list_product_reviews", "sort")).toEqual(["newest", "highest", "lowest", "most_helpful"]);
    expect(enumOf("request_return", "reason")).toEqual(["damaged", "defective", "wrong_item", "not_as_described", "size_or_fit", "no_longer_needed", "other"]);
  });
});

describe("shopping rules: more boundaries of returns, tracking and listings", () => {
  it("one return may hold several items; each is then taken, in this order and no other", () => {
    const s = open();
    cartPriced(s, 50, 30, 20);
    const o = s.ok("checkout", { shipping_method_id: "overnight" });
    const p = order(s, "overnight", 50, 1);
    s.advanceTo("2026-09-04T16:00:00Z");
    const both = s.ok("request_return", {
      order_id: o.id,
      items: [{ variant_id: "VAR-10001" }, { variant_id: "VAR-10002" }],
      reason: "damaged",
      comment: "Box crushed",
    });
    expect(both).toMatchObject({ comment: "Box crushed", refund_amount: 85 });
    expect(both.items.map((i: Row) => i.variant_id)).toEqual(["VAR-10001", "VAR-10002"]);
    s.fails("request_exchange", { order_id: o.id, variant_id: "VAR-10002", new_variant_id: "VAR-10005" }, "already_exists", /returned or exchanged once$/);
    // The same variant bought in another order is another item.
    expect(s.ok("request_return", { order_id: p.id, items: [{ variant_id: "VAR-10001" }], reason: "other" }).refund_amount).toBe(53.13);
    expect(s.ok("request_return", { order_id: o.id, items: [{ variant_id: "VAR-10003" }], reason: "other" }).refund_amount).toBe(21.25);
    const r = s.call("request_return", { order_id: o.id, items: [], reason: "other" });
    expect(r.outcome).toBe("invalid_arguments");
    expect(r.error?.message).toMatch(/name at least one item to return/);
    for (const status of ["received", "refunded", "exchanged"]) expect(s.ok("list_returns", { status }).total, status).toBe(0);
  });

  it("the regional scan is shown only when it comes more than 10 hours before delivery", () => {
    const s = open();
    order(s, "express");
    const o = order(s, "express");
    // Shipped 09-03 17:00; the regional scan would be 09-04 17:00, exactly 10 hours before this delivery.
    s.edit(shopping, (db) => db.orders.update(o.id, { delivers_at: "2026-09-05T03:00:00Z" }));
    s.advanceTo("2026-09-05T03:00:00Z");
    expect(s.ok("track_order", { order_id: o.id }).events.map((e: Row) => e.status)).toEqual(["delivered", "out_for_delivery", "picked_up"]);
    s.edit(shopping, (db) => db.orders.update(o.id, { delivers_at: "2026-09-05T03:01:00Z" }));
    s.advanceTo("2026-09-05T03:01:00Z");
    expect(s.ok("track_order", { order_id: o.id }).events.map((e: Row) => e.status)).toEqual(["delivered", "out_for_delivery", "in_transit", "picked_up"]);
    expect(s.ok("track_order", { order_id: o.id }).events[2]).toEqual({
      at: "2026-09-04T17:00:00Z",
      status: "in_transit",
      description: "Arrived at UPS regional facility",
      location: "Boston, MA",
    });
  });

  it("the order copies a line's total for its quantity, and line2 of the address", () => {
    const s = open();
    cartPriced(s, 12.5);
    s.ok("update_cart_item", { cart_item_id: s.rows("cart_items")[0]!.id, quantity: 3 });
    const o = s.ok("checkout", { address_id: "ADDR-1002" });
    expect(o.lines[0]).toMatchObject({ quantity: 3, unit_price: 12.5, line_total: 37.5 });
    expect(o.ship_to).toEqual({
      recipient: "Pablo Lopez",
      street: "1680 Mill Street",
      line2: "c/o Pinecrest Analytics",
      city: "Tokyo",
      region: "Tokyo",
      postal_code: "5880",
      country: "JP",
    });
  });

  it("cancelling an order paid by card leaves the card without a balance", () => {
    const s = open();
    const o = order(s);
    s.ok("cancel_order", { order_id: o.id });
    expect(Object.keys(s.row("payment_methods", "PM-1001"))).not.toContain("balance");
  });

  it("list_orders finds orders by a word of an item's title and counts their units", () => {
    const s = open();
    cartPriced(s, 10);
    s.ok("update_cart_item", { cart_item_id: s.rows("cart_items")[0]!.id, quantity: 3 });
    const o = s.ok("checkout", {});
    const found = s.ok("list_orders", { query: "oxford button" });
    expect(found.items.map((x: Row) => x.id)).toContain(o.id);
    expect(found.items.find((x: Row) => x.id === o.id)).toMatchObject({ item_count: 3, total: 37.87, status: "pending", estimated_delivery: "2026-09-10" });
    expect(found.items.every((x: Row) => x.items.some((i: Row) => /oxford button/i.test(i.title)))).toBe(true);
    expect(s.ok("list_orders", { query: "zzqqxx" }).total).toBe(0);
  });
});

describe("shopping rules: the exact input limits", () => {
  it("an address's fields are trimmed before they are checked and saved; line2 is kept", () => {
    const s = open();
    const a = s.ok("add_shipping_address", {
      label: " Lake ",
      recipient: " Ann Lee ",
      street: " 5 Birch Lane ",
      line2: " Unit 2 ",
      city: " Denver ",
      region: " co ",
      postal_code: " 80202 ",
    });
    expect(a).toMatchObject({
      label: "Lake",
      recipient: "Ann Lee",
      street: "5 Birch Lane",
      line2: "Unit 2",
      city: "Denver",
      region: "CO",
      postal_code: "80202",
    });
    expect(s.call("add_shipping_address", { label: "   ", street: "6 Birch Lane", city: "Denver", region: "CO", postal_code: "80202" }).outcome).toBe(
      "invalid_arguments",
    );
    expect(s.call("add_shipping_address", { street: " ab ", city: "Denver", region: "CO", postal_code: "80202" }).outcome).toBe("invalid_arguments");
    s.fails(
      "add_shipping_address",
      { street: "7 Birch Lane", city: "Denver", region: "CO", postal_code: "123456" },
      "invalid_argument",
      /is not a US ZIP code/,
    );
  });

  it("a card expiring this month is among the methods offered instead of an expired one", () => {
    const s = open();
    cartPriced(s, 10);
    s.edit(shopping, (db) => db.payment_methods.update("PM-1002", { expires: "2026-09" }));
    s.fails(
      "checkout",
      { payment_method_id: "PM-1004" },
      "failed_precondition",
      /^the American Express card ending in 8137 \(PM-1004\) expired in 2025-12; pay with PM-1001 or PM-1002 or PM-1003 or PM-1005 instead$/,
    );
  });

  it("search prices cannot be negative; the message names the bound", () => {
    const s = open();
    for (const arg of ["min_price", "max_price"]) {
      const r = s.call("search_products", { [arg]: -1 });
      expect(r.outcome).toBe("invalid_arguments");
      expect(r.error?.message).toContain(`${arg} cannot be negative`);
    }
  });

  it("a review is 1 to 5 stars, a title of 2 characters or more and a body of 10 or more, both trimmed", () => {
    const s = open();
    const o = order(s, "overnight", 50, 1);
    s.advanceTo("2026-09-04T16:00:00Z");
    const bad = (args: Row, message: RegExp) => {
      const r = s.call("write_product_review", { product_id: "PROD-1001", rating: 4, title: "Nice", body: "Fits well, nice fabric.", ...args });
      expect(r.outcome).toBe("invalid_arguments");
      expect(r.error?.message).toMatch(message);
    };
    bad({ rating: 0 }, /rating is 1 to 5 stars/);
    bad({ title: " A " }, /title/);
    bad({ body: "  too short  " }, /the review body needs at least 10 characters/);
    const r = s.ok("write_product_review", { product_id: "PROD-1001", rating: 5, title: "  OK  ", body: "  Ten chars!  " });
    expect(r).toMatchObject({ title: "OK", body: "Ten chars!", verified_purchase: true });
    expect(o.id).toMatch(/^ORD-/);
    expect(s.ok("list_product_reviews", { product_id: "PROD-1001", sort: "newest" }).items[0].id).toBe(r.id);
  });
});
