/**
 * The food delivery domain's rules at their boundaries, with the expected values written out:
 * the service fee's floor and cap, the tax, what each kind of promo takes off, when an order
 * moves from placed to preparing, on the way and delivered, the delivery radius to a tenth of a
 * kilometre, the minimum order to the cent, and the exact words of every refusal.
 *
 * Most tests run on a "lab": seed 7 with five restaurants renamed "Zork …" and set to known
 * fees, ratings, hours, distances and preparation times, so every number can be written by hand.
 */
import { describe, expect, it } from "vitest";
import { hoursOf } from "../../ts/servers/framework/index.ts";
import { CUISINES, DIETARY } from "../../ts/servers/food_delivery/catalog.ts";
import food from "../../ts/servers/food_delivery/index.ts";
import {
  type FoodOrder,
  orderStatus,
  type PromoCode,
  price,
  priceLevel,
  promoDiscount,
  type Restaurant,
  tables,
  travelMinutes,
} from "../../ts/servers/food_delivery/state.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const SEED = 7;
const MIN = 60_000;
/** One kilometre north, in degrees of latitude (Earth radius 6371.0088 km). */
const KM = 0.0089932;
const OPEN = hoursOf("00:00", "24:00");
const CLOSED = hoursOf("00:00", "24:00", []);

const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MIN).toISOString().replace(".000", "");

/**
 * Seed 7 (now Monday 2026-11-09 09:00 UTC, home ADDR-101 at 37.783724, -122.416199) with:
 * A RST-1001 Zork Noodles: at home, radius 5, fee 3.99, min 15, prep 20, 4.0★ (9), $;
 * B RST-1002 Zork Tacos: 1 km north, radius 0.5 (does not deliver home), fee 0, prep 30, 4.8★ (100), $$;
 * C RST-1003 Zork Curry: 2 km north, closed all week, fee 3.99, prep 10, 4.5★ (5), $$$;
 * D RST-1004 Zork Deli: 3 km north, fee 1.50, prep 15, 4.0★ (50), $$$$;
 * E RST-1005 Zork Grill: 0.5 km north, fee 5, prep 40, 4.6★ (1), $$.
 * The dish ITEM-10001 (Pho Tai at A) costs 10.00 with Size (regular, large +2) and Extras up to 3
 * (brisket +3, meatballs +2.50, noodles +2); ITEM-10002 (Banh Mi Thit at A) 9.99 with a free Spice level.
 */
function lab(): TestSession {
  const s = openSession(food, SEED);
  s.edit(food, (db) => {
    const home = db.delivery_addresses.need("ADDR-101");
    const at = (km: number) => ({ lat: home.lat + km * KM, lon: home.lon });
    const base = { hours: OPEN, delivery_radius_km: 5, min_order: 0 };
    db.restaurants.update("RST-1001", {
      ...base,
      name: "Zork Noodles",
      ...at(0),
      delivery_fee: 3.99,
      min_order: 15,
      prep_minutes: 20,
      rating: 4,
      rating_count: 9,
      price_level: 1,
    });
    db.restaurants.update("RST-1002", {
      ...base,
      name: "Zork Tacos",
      ...at(1),
      delivery_radius_km: 0.5,
      delivery_fee: 0,
      prep_minutes: 30,
      rating: 4.8,
      rating_count: 100,
      price_level: 2,
    });
    db.restaurants.update("RST-1003", {
      ...base,
      name: "Zork Curry",
      ...at(2),
      hours: CLOSED,
      delivery_fee: 3.99,
      prep_minutes: 10,
      rating: 4.5,
      rating_count: 5,
      price_level: 3,
    });
    db.restaurants.update("RST-1004", {
      ...base,
      name: "Zork Deli",
      ...at(3),
      delivery_fee: 1.5,
      prep_minutes: 15,
      rating: 4,
      rating_count: 50,
      price_level: 4,
    });
    db.restaurants.update("RST-1005", {
      ...base,
      name: "Zork Grill",
      ...at(0.5),
      delivery_fee: 5,
      prep_minutes: 40,
      rating: 4.6,
      rating_count: 1,
      price_level: 2,
    });
    db.menu_items.update("ITEM-10001", { price: 10, available: true });
    db.menu_items.update("ITEM-10002", { price: 9.99, available: true });
  });
  return s;
}

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);
const zork = (s: TestSession, args: Record<string, unknown> = {}) => ids(s.ok("search_restaurants", { query: "zork", limit: 100, ...args }).items);
/** Pho Tai at 15.00: regular size, brisket and noodles. */
const PHO15 = { menu_item_id: "ITEM-10001", options: ["size_regular", "extra_brisket", "extra_noodles"] };
const PHO10 = { menu_item_id: "ITEM-10001", options: ["size_regular"] };

const restaurant = { delivery_fee: 3.99 } as Restaurant;
const promo = (p: Partial<PromoCode>): PromoCode =>
  ({
    code: "X",
    description: "",
    kind: "fixed",
    value: 0,
    min_subtotal: 0,
    expires_at: "2099-01-01T00:00:00Z",
    first_order_only: false,
    once_per_customer: false,
    ...p,
  }) as PromoCode;

describe("food_delivery rules: prices", () => {
  it("the service fee is 10% of the subtotal, at least 2.00 and at most 12.00", () => {
    const fee = (subtotal: number) => price(subtotal, restaurant, undefined, 0).service_fee;
    expect(fee(5)).toBe(2);
    expect(fee(19.99)).toBe(2);
    expect(fee(20)).toBe(2);
    expect(fee(20.1)).toBe(2.01);
    expect(fee(45.55)).toBe(4.56);
    expect(fee(120)).toBe(12);
    expect(fee(120.1)).toBe(12);
    expect(fee(300)).toBe(12);
  });

  it("tax is 8.75% of the subtotal less a food discount; total = subtotal + delivery + service + tax + tip − discount", () => {
    expect(price(40, restaurant, undefined, 0)).toEqual({ subtotal: 40, delivery_fee: 3.99, service_fee: 4, discount: 0, tax: 3.5, tip: 0, total: 51.49 });
    expect(price(40, restaurant, promo({ kind: "fixed", value: 5 }), 2)).toEqual({
      subtotal: 40,
      delivery_fee: 3.99,
      service_fee: 4,
      discount: 5,
      tax: 3.06,
      tip: 2,
      total: 48.05,
    });
    expect(price(15, restaurant, undefined, 0)).toMatchObject({ service_fee: 2, tax: 1.31, total: 22.3 });
    expect(price(10.004, restaurant, undefined, 0).subtotal).toBe(10);
  });

  it("free delivery takes off the delivery fee and leaves the tax on the whole subtotal", () => {
    expect(price(40, restaurant, promo({ kind: "free_delivery", value: 7 }), 0)).toEqual({
      subtotal: 40,
      delivery_fee: 3.99,
      service_fee: 4,
      discount: 3.99,
      tax: 3.5,
      tip: 0,
      total: 47.5,
    });
  });

  it("a percent promo takes value% of the subtotal up to its cap; without a cap, no limit", () => {
    const pct = (subtotal: number, max?: number) => promoDiscount(promo({ kind: "percent", value: 20, ...(max ? { max_discount: max } : {}) }), subtotal, 3.99);
    expect(pct(40, 10)).toBe(8);
    expect(pct(50, 10)).toBe(10);
    expect(pct(60, 10)).toBe(10);
    expect(pct(200)).toBe(40);
    expect(promoDiscount(promo({ kind: "percent", value: 15 }), 33.33, 0)).toBe(5);
    expect(price(30, restaurant, promo({ kind: "percent", value: 25, max_discount: 12 }), 0)).toMatchObject({ discount: 7.5, tax: 1.97, total: 31.46 });
  });

  it("a fixed promo takes its amount off, never more than the subtotal; free delivery takes the fee whatever its value", () => {
    expect(promoDiscount(promo({ kind: "fixed", value: 5 }), 30, 3.99)).toBe(5);
    expect(promoDiscount(promo({ kind: "fixed", value: 15 }), 12, 3.99)).toBe(12);
    expect(promoDiscount(promo({ kind: "fixed", value: 12 }), 12, 3.99)).toBe(12);
    expect(promoDiscount(promo({ kind: "free_delivery", value: 50 }), 30, 3.99)).toBe(3.99);
    expect(promoDiscount(promo({ kind: "free_delivery", value: 0 }), 30, 0)).toBe(0);
  });

  it("price levels are 1 to 4 dollar signs", () => {
    expect([1, 2, 3, 4].map(priceLevel)).toEqual(["$", "$$", "$$$", "$$$$"]);
  });

  it("the ride takes 5 minutes plus 3 per kilometre, rounded to the minute", () => {
    expect(travelMinutes(0)).toBe(5);
    expect(travelMinutes(1)).toBe(8);
    expect(travelMinutes(2.4)).toBe(12);
    expect(travelMinutes(2.5)).toBe(13);
    expect(travelMinutes(10)).toBe(35);
  });
});

describe("food_delivery rules: an order's status on the clock", () => {
  const o = {
    placed_at: "2026-11-09T09:00:00Z",
    preparing_at: "2026-11-09T09:05:00Z",
    on_the_way_at: "2026-11-09T09:20:00Z",
    delivered_at: "2026-11-09T09:25:00Z",
  } as FoodOrder;

  it("placed until preparing_at, preparing until on_the_way_at, on the way until delivered_at, then delivered", () => {
    expect(orderStatus(o, "2026-11-09T09:00:00Z")).toBe("placed");
    expect(orderStatus(o, "2026-11-09T09:04:59Z")).toBe("placed");
    expect(orderStatus(o, "2026-11-09T09:05:00Z")).toBe("preparing");
    expect(orderStatus(o, "2026-11-09T09:19:59Z")).toBe("preparing");
    expect(orderStatus(o, "2026-11-09T09:20:00Z")).toBe("on_the_way");
    expect(orderStatus(o, "2026-11-09T09:24:59Z")).toBe("on_the_way");
    expect(orderStatus(o, "2026-11-09T09:25:00Z")).toBe("delivered");
    expect(orderStatus(o, "2026-12-01T00:00:00Z")).toBe("delivered");
  });

  it("a cancelled order stays cancelled whatever the clock says", () => {
    const c = { ...o, cancelled_at: "2026-11-09T09:02:00Z" };
    expect(orderStatus(c, "2026-11-09T09:03:00Z")).toBe("cancelled");
    expect(orderStatus(c, "2026-11-09T09:30:00Z")).toBe("cancelled");
  });
});

describe("food_delivery rules: finding restaurants", () => {
  it("each result shows price level, fee, minimum, hours today, distance to a tenth of a km, delivery and ETA", () => {
    const s = lab();
    const rows = s.ok("search_restaurants", { query: "zork", sort: "distance", limit: 100 }).items;
    expect(rows[0]).toEqual({
      id: "RST-1001",
      name: "Zork Noodles",
      cuisine: "vietnamese",
      rating: 4,
      rating_count: 9,
      price_level: "$",
      delivery_fee: 3.99,
      min_order: 15,
      open_now: true,
      hours_today: "00:00–24:00",
      distance_km: 0,
      delivers_to_address: true,
      eta_minutes: 25,
    });
    const by = Object.fromEntries(rows.map((r: { id: string }) => [r.id, r]));
    expect(by["RST-1003"]).toMatchObject({ open_now: false, hours_today: "closed", price_level: "$$$", distance_km: 2, eta_minutes: 21 });
    expect(by["RST-1002"]).toMatchObject({ distance_km: 1, delivers_to_address: false, eta_minutes: 38 });
    expect(by["RST-1005"]).toMatchObject({ distance_km: 0.5, delivers_to_address: true, eta_minutes: 47 });
    expect(by["RST-1004"]).toMatchObject({ distance_km: 3, price_level: "$$$$", eta_minutes: 29 });
  });

  it("sorts: recommended = open, then delivering, then rating; rating then count; distance; fee then rating; ETA", () => {
    const s = lab();
    expect(zork(s)).toEqual(["RST-1005", "RST-1001", "RST-1004", "RST-1002", "RST-1003"]);
    expect(zork(s, { sort: "rating" })).toEqual(["RST-1002", "RST-1005", "RST-1003", "RST-1004", "RST-1001"]);
    expect(zork(s, { sort: "distance" })).toEqual(["RST-1001", "RST-1005", "RST-1002", "RST-1003", "RST-1004"]);
    expect(zork(s, { sort: "delivery_fee" })).toEqual(["RST-1002", "RST-1004", "RST-1003", "RST-1001", "RST-1005"]);
    expect(zork(s, { sort: "eta" })).toEqual(["RST-1003", "RST-1001", "RST-1004", "RST-1002", "RST-1005"]);
  });

  it("equal places fall back to the restaurant id, in either order of comparison", () => {
    const s = lab();
    s.edit(food, (db) => {
      for (const id of ["RST-1001", "RST-1002", "RST-1003", "RST-1004", "RST-1005"])
        db.restaurants.update(id, { rating: 4, rating_count: 1, delivery_fee: 1, hours: OPEN, delivery_radius_km: 10, prep_minutes: 10 });
    });
    expect(zork(s, { sort: "rating" })).toEqual(["RST-1001", "RST-1002", "RST-1003", "RST-1004", "RST-1005"]);
    expect(zork(s, { sort: "delivery_fee" })).toEqual(["RST-1001", "RST-1002", "RST-1003", "RST-1004", "RST-1005"]);
  });

  it("filters keep a restaurant exactly at the limit: min rating, max price level, max fee", () => {
    const s = lab();
    expect(zork(s, { min_rating: 4.5, sort: "rating" })).toEqual(["RST-1002", "RST-1005", "RST-1003"]);
    expect(zork(s, { min_rating: 4.6, sort: "rating" })).toEqual(["RST-1002", "RST-1005"]);
    expect(zork(s, { max_price_level: 2, sort: "distance" })).toEqual(["RST-1001", "RST-1005", "RST-1002"]);
    expect(zork(s, { max_price_level: 1 })).toEqual(["RST-1001"]);
    expect(zork(s, { max_delivery_fee: 1.5, sort: "distance" })).toEqual(["RST-1002", "RST-1004"]);
    expect(zork(s, { max_delivery_fee: 0 })).toEqual(["RST-1002"]);
  });

  it("open_now and delivers_to_me filter both ways", () => {
    const s = lab();
    expect(zork(s, { open_now: true, sort: "distance" })).toEqual(["RST-1001", "RST-1005", "RST-1002", "RST-1004"]);
    expect(zork(s, { open_now: false })).toEqual(["RST-1003"]);
    expect(zork(s, { delivers_to_me: true, sort: "distance" })).toEqual(["RST-1001", "RST-1005", "RST-1003", "RST-1004"]);
    expect(zork(s, { delivers_to_me: false })).toEqual(["RST-1002"]);
    expect(zork(s, { cuisine: "vietnamese" })).toEqual(["RST-1001"]);
  });

  it("a query matches a restaurant's name, its cuisine, or a dish it serves; dietary keeps places with a dish so tagged", () => {
    const s = lab();
    s.edit(food, (db) => {
      db.menu_items.update("ITEM-10002", { name: "Quuxburger", dietary: ["vegan"] });
      db.menu_items.update("ITEM-10001", { dietary: ["vegan"] });
    });
    expect(ids(s.ok("search_restaurants", { query: "quuxburger", limit: 100 }).items)).toEqual(["RST-1001"]);
    expect(zork(s, { cuisine: "pizza" })).toEqual([]);
    const veg = ids(s.ok("search_restaurants", { query: "vietnamese", dietary: "vegan", limit: 100 }).items);
    expect(veg).toContain("RST-1001");
    const gf = ids(s.ok("search_restaurants", { query: "zork", dietary: "spicy", limit: 100 }).items);
    expect(gf).not.toContain("RST-1001");
  });

  it("get_restaurant shows price level, hours today, categories and each saved address with distance, delivery and ETA", () => {
    const s = lab();
    const r = s.ok("get_restaurant", { restaurant_id: "RST-1001" });
    expect(r).toMatchObject({ price_level: "$", open_now: true, hours_today: "00:00–24:00", dish_count: 8 });
    expect(r.menu_categories).toEqual(["Pho", "Banh Mi", "Rice & Noodles", "Starters", "Drinks", "Desserts"]);
    expect(r.delivery[0]).toEqual({ delivery_address_id: "ADDR-101", label: "Home", distance_km: 0, delivers: true, eta_minutes: 25 });
    expect(r.delivery.map((d: { delivers: boolean }) => d.delivers)).toEqual([true, false, false]);
  });

  it("a restaurant delivers to an address 5.0 km away when its radius is 5, not to one 5.1 km away", () => {
    const s = lab();
    s.edit(food, (db) => {
      const home = db.delivery_addresses.need("ADDR-101");
      db.restaurants.update("RST-1001", { lat: home.lat + 0.04533 }); // 5.04 km
      db.restaurants.update("RST-1004", { lat: home.lat + 0.0455 }); // 5.06 km
    });
    const near = s.ok("get_restaurant", { restaurant_id: "RST-1001" }).delivery[0];
    expect(near).toMatchObject({ distance_km: 5, delivers: true, eta_minutes: 40 });
    const far = s.ok("get_restaurant", { restaurant_id: "RST-1004" }).delivery[0];
    expect(far).toMatchObject({ distance_km: 5.1, delivers: false, eta_minutes: 35 });
    expect(zork(s, { delivers_to_me: true, sort: "distance" })).toEqual(["RST-1005", "RST-1003", "RST-1001"]);
    s.ok("add_to_food_cart", { ...PHO15 });
    const v = s.ok("view_food_cart", {});
    expect(v).toMatchObject({ distance_km: 5, eta_minutes: 40, ready_to_order: true, issues: [] });
  });
});

describe("food_delivery rules: menus and dishes", () => {
  it("a dish's options read 'required, choose 1' or 'optional, up to N', with extra prices", () => {
    const s = lab();
    const m = s.ok("get_menu_item", { menu_item_id: "ITEM-10001" });
    expect(m.restaurant_name).toBe("Zork Noodles");
    expect(m.required_groups).toEqual(["size"]);
    expect(m.options_summary).toBe(
      "Size (required, choose 1): size_regular, size_large (+2.00); Extras (optional, up to 3): extra_brisket (+3.00), extra_meatballs (+2.50), extra_noodles (+2.00)",
    );
  });

  it("a required group with a range reads 'choose 1–2'; a dish without groups 'has no options'", () => {
    const s = lab();
    s.edit(food, (db) => {
      const item = db.menu_items.need("ITEM-10002");
      db.menu_items.update("ITEM-10002", { modifier_groups: item.modifier_groups.map((g: { id: string }) => ({ ...g, min: 1, max: 2 })) });
      db.menu_items.update("ITEM-10001", { modifier_groups: [] });
    });
    expect(s.ok("get_menu_item", { menu_item_id: "ITEM-10002" }).options_summary).toBe(
      "Spice level (required, choose 1–2): spice_mild, spice_medium, spice_hot, spice_extra_hot",
    );
    const none = s.ok("get_menu_item", { menu_item_id: "ITEM-10001" });
    expect(none).toMatchObject({ options_summary: "Pho Tai has no options", required_groups: [] });
  });

  it("get_menu filters by category, dietary tag and availability, and names every category of the menu", () => {
    const s = lab();
    s.edit(food, (db) => db.menu_items.update("ITEM-10002", { available: false }));
    const all = s.ok("get_menu", { restaurant_id: "RST-1001", limit: 100 });
    expect(all.restaurant).toEqual({ id: "RST-1001", name: "Zork Noodles", open_now: true });
    expect(all.categories).toEqual(["Pho", "Banh Mi", "Rice & Noodles", "Starters", "Drinks", "Desserts"]);
    expect(all.total).toBe(8);
    expect(s.ok("get_menu", { restaurant_id: "RST-1001", available_only: true, limit: 100 }).total).toBe(6);
    expect(ids(s.ok("get_menu", { restaurant_id: "RST-1001", category: "banh mi", limit: 100 }).items)).toEqual(["ITEM-10002", "ITEM-10003"]);
    expect(ids(s.ok("get_menu", { restaurant_id: "RST-1001", category: "banh mi", available_only: true }).items)).toEqual(["ITEM-10003"]);
    expect(ids(s.ok("get_menu", { restaurant_id: "RST-1001", dietary: "gluten_free", limit: 100 }).items)).toContain("ITEM-10001");
    expect(ids(s.ok("get_menu", { restaurant_id: "RST-1001", dietary: "gluten_free", limit: 100 }).items)).not.toContain("ITEM-10002");
  });

  it("search_menu_items keeps a dish priced exactly at max_price and tells whether it has required options", () => {
    const s = lab();
    const at = s.ok("search_menu_items", { query: "pho tai", max_price: 10, cuisine: "vietnamese", limit: 100 }).items;
    expect(at.find((d: { id: string }) => d.id === "ITEM-10001")).toEqual({
      id: "ITEM-10001",
      name: "Pho Tai",
      description: "Rare beef, rice noodles, 12-hour broth",
      price: 10,
      dietary: ["gluten_free"],
      available: true,
      has_required_options: true,
      restaurant_id: "RST-1001",
      restaurant_name: "Zork Noodles",
      cuisine: "vietnamese",
      rating: 4,
      open_now: true,
      delivers_to_me: true,
    });
    expect(ids(s.ok("search_menu_items", { query: "pho tai", max_price: 9.99, limit: 100 }).items)).not.toContain("ITEM-10001");
    expect(ids(s.ok("search_menu_items", { query: "pho tai", cuisine: "pizza" }).items)).toEqual([]);
    expect(ids(s.ok("search_menu_items", { query: "pho tai", open_now: false, limit: 100 }).items)).not.toContain("ITEM-10001");
    expect(ids(s.ok("search_menu_items", { query: "pho tai", delivers_to_me: false, limit: 100 }).items)).not.toContain("ITEM-10001");
    expect(ids(s.ok("search_menu_items", { query: "pho tai", delivers_to_me: true, open_now: true, limit: 100 }).items)).toContain("ITEM-10001");
    expect(ids(s.ok("search_menu_items", { query: "12-hour broth", dietary: "gluten_free", limit: 100 }).items)).toContain("ITEM-10001");
    expect(ids(s.ok("search_menu_items", { query: "12-hour broth", dietary: "vegan", limit: 100 }).items)).not.toContain("ITEM-10001");
    const banh = s.ok("search_menu_items", { query: "banh mi thit", limit: 100 }).items.find((d: { id: string }) => d.id === "ITEM-10002");
    expect(banh.has_required_options).toBe(true);
    const soup = s
      .ok("search_menu_items", { query: "pho", limit: 100 })
      .items.find((d: { id: string }) => d.id !== "ITEM-10001" && d.id.startsWith("ITEM-100"));
    expect(soup).toBeDefined();
  });
});

describe("food_delivery rules: choosing options", () => {
  it("option ids are read trimmed and in any case; the unit price adds the options' prices", () => {
    const s = lab();
    const line = s.ok("add_to_food_cart", { menu_item_id: "ITEM-10001", options: [" SIZE_LARGE ", "Extra_Meatballs"], quantity: 3 });
    expect(line.options).toEqual([
      { group_id: "size", group: "Size", option_id: "size_large", name: "Large", price: 2 },
      { group_id: "extra", group: "Extras", option_id: "extra_meatballs", name: "Beef meatballs", price: 2.5 },
    ]);
    expect(line).toMatchObject({ unit_price: 14.5, line_total: 43.5, quantity: 3, special_instructions: "" });
    expect(line.cart).toEqual({ restaurant_id: "RST-1001", item_count: 3, subtotal: 43.5, promo_code: null });
  });

  it("the same option twice is refused, named in lower case", () => {
    const s = lab();
    s.fails(
      "add_to_food_cart",
      { menu_item_id: "ITEM-10001", options: ["size_regular", "extra_nori", "EXTRA_BRISKET", "extra_brisket"] },
      "invalid_argument",
      /^'extra_nori' is not an option of Pho Tai \(ITEM-10001\); valid options: Size \(required, choose 1\)/,
    );
    s.fails(
      "add_to_food_cart",
      { menu_item_id: "ITEM-10001", options: ["size_regular", "EXTRA_BRISKET", "extra_brisket"] },
      "invalid_argument",
      /^option 'extra_brisket' is chosen twice for Pho Tai; give each option once$/,
    );
  });

  it("at most `max` of a group: the max itself is fine, one more is refused with the ids given", () => {
    const s = lab();
    const three = ["extra_brisket", "extra_meatballs", "extra_noodles"];
    expect(s.ok("add_to_food_cart", { menu_item_id: "ITEM-10001", options: ["size_regular", ...three] }).unit_price).toBe(17.5);
    s.edit(food, (db) => {
      const item = db.menu_items.need("ITEM-10001");
      db.menu_items.update("ITEM-10001", { modifier_groups: item.modifier_groups.map((g: { id: string }) => (g.id === "extra" ? { ...g, max: 2 } : g)) });
    });
    s.fails(
      "add_to_food_cart",
      { menu_item_id: "ITEM-10001", options: ["size_regular", ...three] },
      "invalid_argument",
      /^Pho Tai allows at most 2 choices of Extras; 3 were given \(extra_brisket, extra_meatballs, extra_noodles\)$/,
    );
    s.fails(
      "add_to_food_cart",
      { menu_item_id: "ITEM-10001", options: ["size_regular", "size_large"] },
      "invalid_argument",
      /^Pho Tai allows at most 1 choice of Size; 2 were given \(size_regular, size_large\)$/,
    );
  });

  it("a required group must be chosen; the message lists its options with their prices", () => {
    const s = lab();
    s.fails(
      "add_to_food_cart",
      { menu_item_id: "ITEM-10001", options: ["extra_noodles"] },
      "invalid_argument",
      /^Pho Tai needs a choice of Size \(required\): one of size_regular, size_large \(\+2\.00\)$/,
    );
    s.fails(
      "add_to_food_cart",
      { menu_item_id: "ITEM-10002" },
      "invalid_argument",
      /^Banh Mi Thit needs a choice of Spice level \(required\): one of spice_mild, /,
    );
  });

  it("option ids must be 1 to 60 characters after trimming, at most 20 of them", () => {
    const s = lab();
    s.fails("add_to_food_cart", { menu_item_id: "ITEM-10001", options: ["   "] }, "invalid_arguments");
    s.fails("add_to_food_cart", { menu_item_id: "ITEM-10001", options: ["x".repeat(61)] }, "invalid_arguments");
    s.fails("add_to_food_cart", { menu_item_id: "ITEM-10001", options: Array.from({ length: 21 }, (_, i) => `o${i}`) }, "invalid_arguments");
    s.fails("add_to_food_cart", { menu_item_id: "ITEM-10001", options: ["x".repeat(60)] }, "invalid_argument", /is not an option of Pho Tai/);
  });
});

describe("food_delivery rules: the cart", () => {
  it("quantity is a whole number from 1 to 20, with those words", () => {
    const s = lab();
    s.fails("add_to_food_cart", { ...PHO10, quantity: 1.5 }, "invalid_arguments", /quantity is a whole number/);
    s.fails("add_to_food_cart", { ...PHO10, quantity: 0 }, "invalid_arguments", /quantity must be at least 1/);
    s.fails("add_to_food_cart", { ...PHO10, quantity: 21 }, "invalid_arguments", /at most 20 of one dish/);
    expect(s.ok("add_to_food_cart", { ...PHO10, quantity: 20 }).quantity).toBe(20);
  });

  it("20 of one dish is the cap: 19 + 1 merges into 20, 20 + 1 is refused", () => {
    const s = lab();
    const a = s.ok("add_to_food_cart", { ...PHO10, quantity: 19 });
    const b = s.ok("add_to_food_cart", { ...PHO10 });
    expect(b).toMatchObject({ id: a.id, quantity: 20, line_total: 200 });
    s.fails(
      "add_to_food_cart",
      { ...PHO10 },
      "limit_exceeded",
      new RegExp(`^at most 20 of one dish per order; the cart already holds 20 × Pho Tai \\(${a.id}\\)$`),
    );
  });

  it("only identical lines merge: other options, or another note, make a new line; the note is trimmed", () => {
    const s = lab();
    const a = s.ok("add_to_food_cart", { ...PHO10, special_instructions: "  no onions " });
    expect(a.special_instructions).toBe("no onions");
    const same = s.ok("add_to_food_cart", { ...PHO10, special_instructions: "no onions" });
    expect(same.id).toBe(a.id);
    const note = s.ok("add_to_food_cart", { ...PHO10, special_instructions: "extra lime" });
    const opts = s.ok("add_to_food_cart", { menu_item_id: "ITEM-10001", options: ["size_large"], special_instructions: "no onions" });
    expect(new Set([a.id, note.id, opts.id]).size).toBe(3);
    expect(note.cart).toEqual({ restaurant_id: "RST-1001", item_count: 3, subtotal: 30, promo_code: null });
    expect(opts.cart.subtotal).toBe(42);
    expect(s.ok("view_food_cart", {}).item_count).toBe(4);
  });

  it("a sold-out dish is refused with the restaurant's name; a dish from another restaurant asks to clear the cart", () => {
    const s = lab();
    s.edit(food, (db) => db.menu_items.update("ITEM-10002", { available: false }));
    s.fails(
      "add_to_food_cart",
      { menu_item_id: "ITEM-10002", options: ["spice_mild"] },
      "failed_precondition",
      /^Banh Mi Thit \(ITEM-10002\) is sold out at Zork Noodles today; choose another dish from get_menu with available_only: true$/,
    );
    s.ok("add_to_food_cart", PHO10);
    const other = s.rows<{ id: string; restaurant_id: string; modifier_groups: unknown[] }>("menu_items").find((m) => m.restaurant_id === "RST-1004")!;
    s.fails(
      "add_to_food_cart",
      { menu_item_id: other.id },
      "failed_precondition",
      /^the food cart holds dishes from Zork Noodles \(RST-1001\); a cart takes dishes from one restaurant only: clear it with clear_food_cart first to order from Zork Deli \(RST-1004\)$/,
    );
  });

  it("adding at a closed restaurant keeps the dish and warns with its hours", () => {
    const s = lab();
    const other = s
      .rows<{ id: string; restaurant_id: string; modifier_groups: Array<{ min: number }> }>("menu_items")
      .find((m) => m.restaurant_id === "RST-1003" && m.modifier_groups.every((g) => g.min === 0))!;
    const line = s.ok("add_to_food_cart", { menu_item_id: other.id });
    expect(line.warning).toBe("Zork Curry is closed now (it is closed all day on mondays); the order can be placed once it opens");
    const open = s.ok("add_to_food_cart", { menu_item_id: other.id });
    expect(open.warning).toBe("Zork Curry is closed now (it is closed all day on mondays); the order can be placed once it opens");
    s.ok("clear_food_cart", {});
    expect(s.ok("add_to_food_cart", PHO10).warning).toBeUndefined();
  });

  it("update_food_cart_item: options re-price the line, quantity alone keeps the unit price, the note is trimmed", () => {
    const s = lab();
    const line = s.ok("add_to_food_cart", PHO10);
    s.edit(food, (db) => db.menu_items.update("ITEM-10001", { price: 11 }));
    const q = s.ok("update_food_cart_item", { cart_item_id: line.id, quantity: 2 });
    expect(q).toMatchObject({ quantity: 2, unit_price: 10, line_total: 20, special_instructions: "" });
    const n = s.ok("update_food_cart_item", { cart_item_id: line.id, special_instructions: "  ring twice " });
    expect(n).toMatchObject({ quantity: 2, unit_price: 10, special_instructions: "ring twice" });
    expect(n.options.map((o: { option_id: string }) => o.option_id)).toEqual(["size_regular"]);
    const o = s.ok("update_food_cart_item", { cart_item_id: line.id, options: ["size_large"] });
    expect(o).toMatchObject({ quantity: 2, unit_price: 13, line_total: 26, special_instructions: "ring twice" });
    expect(o.cart).toEqual({ restaurant_id: "RST-1001", item_count: 2, subtotal: 26, promo_code: null });
    s.fails("update_food_cart_item", { cart_item_id: line.id, quantity: 21 }, "invalid_arguments", /at most 20 of one dish/);
  });

  it("removing the last line drops the promo; removing one of two keeps it", () => {
    const s = lab();
    const a = s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    const b = s.ok("add_to_food_cart", PHO10);
    s.ok("apply_promo_code", { code: "SAVE5" });
    const one = s.ok("remove_from_food_cart", { cart_item_id: b.id });
    expect(one).toEqual({ removed: b.id, name: "Pho Tai", cart: { restaurant_id: "RST-1001", item_count: 2, subtotal: 30, promo_code: "SAVE5" } });
    const none = s.ok("remove_from_food_cart", { cart_item_id: a.id });
    expect(none.cart).toEqual({ restaurant_id: null, item_count: 0, subtotal: 0, promo_code: null });
  });

  it("clear_food_cart names the promo it removed only when there was one", () => {
    const s = lab();
    s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    s.ok("add_to_food_cart", PHO10);
    s.ok("apply_promo_code", { code: "SAVE5" });
    expect(s.ok("clear_food_cart", {})).toEqual({
      removed_items: 2,
      removed_promo_code: "SAVE5",
      cart: { restaurant_id: null, item_count: 0, subtotal: 0, promo_code: null },
    });
    expect(s.ok("clear_food_cart", {})).toEqual({ removed_items: 0, cart: { restaurant_id: null, item_count: 0, subtotal: 0, promo_code: null } });
  });

  it("the promo stays on the cart while lines are added or changed", () => {
    const s = lab();
    const a = s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    s.ok("apply_promo_code", { code: "SAVE5" });
    expect(s.ok("add_to_food_cart", PHO10).cart.promo_code).toBe("SAVE5");
    expect(s.ok("update_food_cart_item", { cart_item_id: a.id, quantity: 3 }).cart.promo_code).toBe("SAVE5");
    expect(s.ok("view_food_cart", {}).promo).toEqual({ code: "SAVE5", applies: true, discount: 5 });
  });
});

describe("food_delivery rules: the cart's view", () => {
  it("an empty cart says so and is not ready", () => {
    const s = lab();
    expect(s.ok("view_food_cart", {})).toEqual({
      restaurant: null,
      items: [],
      item_count: 0,
      subtotal: 0,
      total: 0,
      promo: null,
      delivery_address_id: "ADDR-101",
      ready_to_order: false,
      issues: ["the cart is empty: add dishes with add_to_food_cart"],
    });
  });

  it("a subtotal exactly at the minimum order is ready; the cart is priced in full", () => {
    const s = lab();
    s.ok("add_to_food_cart", PHO15);
    const v = s.ok("view_food_cart", {});
    expect(v).toMatchObject({
      restaurant: { id: "RST-1001", name: "Zork Noodles", open_now: true, min_order: 15, delivery_radius_km: 5 },
      item_count: 1,
      subtotal: 15,
      delivery_fee: 3.99,
      service_fee: 2,
      discount: 0,
      tax: 1.31,
      tip: 0,
      total: 22.3,
      promo: null,
      delivery_address_id: "ADDR-101",
      distance_km: 0,
      eta_minutes: 25,
      ready_to_order: true,
      issues: [],
    });
    expect(v.items[0]).toMatchObject({ unit_price: 15, quantity: 1, line_total: 15 });
  });

  it("one cent under the minimum order is an issue that says how much to add", () => {
    const s = lab();
    s.edit(food, (db) => db.restaurants.update("RST-1001", { min_order: 15.01 }));
    s.ok("add_to_food_cart", PHO15);
    const v = s.ok("view_food_cart", {});
    expect(v.ready_to_order).toBe(false);
    expect(v.issues).toEqual(["the minimum order at Zork Noodles is 15.01; add 0.01 more"]);
  });

  it("a closed restaurant, an address out of its zone and a promo that does not apply are each an issue", () => {
    const s = lab();
    s.edit(food, (db) => db.restaurants.update("RST-1001", { hours: CLOSED }));
    s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    s.ok("apply_promo_code", { code: "SAVE5" });
    s.edit(food, (db) => db.promo_codes.update("SAVE5", { min_subtotal: 40 }));
    const v = s.ok("view_food_cart", { delivery_address_id: "ADDR-103" });
    expect(v.issues[0]).toBe("Zork Noodles (RST-1001) is closed now (it is closed all day on mondays)");
    expect(v.issues[1]).toMatch(/^Zork Noodles \(RST-1001\) delivers within 5 km; Parents' place \(ADDR-103\) is \d+\.\d km away$/);
    expect(v.issues[2]).toBe("promo code SAVE5 needs a subtotal of at least 40.00; the cart's subtotal is 30.00, so add 10.00 more");
    expect(v.issues.length).toBe(3);
    expect(v.promo).toEqual({ code: "SAVE5", applies: false, discount: 0, problem: v.issues[2] });
    expect(v).toMatchObject({ discount: 0, total: 39.62, ready_to_order: false, delivery_address_id: "ADDR-103" });
  });

  it("a promo deleted from the account no longer exists for the cart or the order", () => {
    const s = lab();
    s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    s.ok("apply_promo_code", { code: "SAVE5" });
    s.edit(food, (db) => db.promo_codes.delete("SAVE5"));
    const v = s.ok("view_food_cart", {});
    expect(v.promo).toEqual({ code: "SAVE5", applies: false, discount: 0, problem: "promo code SAVE5 no longer exists" });
    expect(v.issues).toEqual(["promo code SAVE5 no longer exists"]);
    s.fails("place_food_order", {}, "failed_precondition", /^promo code SAVE5 no longer exists; take it off with remove_promo_code or change the cart$/);
  });
});

describe("food_delivery rules: promo codes", () => {
  it("a code expires at its expires_at instant: one minute before it applies, at it it is refused", () => {
    const s = lab();
    s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    const now = s.now();
    s.edit(food, (db) => db.promo_codes.update("SAVE5", { expires_at: now }));
    s.fails("apply_promo_code", { code: "SAVE5" }, "failed_precondition", new RegExp(`^promo code SAVE5 expired on ${now.slice(0, 10)}$`));
    expect(s.ok("list_promo_codes", { status: "expired", limit: 100 }).items.map((p: { code: string }) => p.code)).toEqual(["SAVE5", "SUMMER10"]);
    s.edit(food, (db) => db.promo_codes.update("SAVE5", { expires_at: plus(now, 1) }));
    const p = s.ok("apply_promo_code", { code: "SAVE5" });
    expect(p).toEqual({
      code: "SAVE5",
      description: "5.00 off orders of 25.00 or more",
      subtotal: 30,
      delivery_fee: 3.99,
      service_fee: 3,
      discount: 5,
      tax: 2.19,
      tip: 0,
      total: 34.18,
    });
  });

  it("the minimum subtotal is inclusive: 25.00 qualifies for a 25.00 minimum, 25.01 is asked for with the cent to add", () => {
    const s = lab();
    s.ok("add_to_food_cart", PHO15);
    s.ok("add_to_food_cart", PHO10);
    expect(s.ok("apply_promo_code", { code: "save5" })).toMatchObject({ code: "SAVE5", subtotal: 25, discount: 5 });
    s.edit(food, (db) => db.promo_codes.update("SAVE5", { min_subtotal: 25.01 }));
    s.fails(
      "apply_promo_code",
      { code: "SAVE5" },
      "failed_precondition",
      /^promo code SAVE5 needs a subtotal of at least 25\.01; the cart's subtotal is 25\.00, so add 0\.01 more$/,
    );
  });

  it("a restaurant's code is valid only there, named with its id, or by id alone when it is gone", () => {
    const s = lab();
    s.ok("add_to_food_cart", { menu_item_id: s.rows<{ id: string; restaurant_id: string }>("menu_items").find((m) => m.restaurant_id === "RST-1002")!.id });
    s.fails(
      "apply_promo_code",
      { code: "NEWSPOT25" },
      "failed_precondition",
      /^promo code NEWSPOT25 is valid only at Zork Noodles \(RST-1001\); the cart is from Zork Tacos \(RST-1002\)$/,
    );
    s.edit(food, (db) => db.promo_codes.update("NEWSPOT25", { restaurant_id: "RST-9999" }));
    s.fails("apply_promo_code", { code: "NEWSPOT25" }, "failed_precondition", /^promo code NEWSPOT25 is valid only at RST-9999; the cart is from Zork Tacos/);
  });

  it("a restaurant's first-order code counts only orders there that were not cancelled: 1 time, 2 times", () => {
    const s = lab();
    s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    expect(s.ok("apply_promo_code", { code: "NEWSPOT25" })).toMatchObject({ discount: 7.5, tax: 1.97, total: 31.46 });
    s.edit(food, (db) => db.food_orders.update("FD-10001", { restaurant_id: "RST-1001" }));
    s.fails(
      "apply_promo_code",
      { code: "NEWSPOT25" },
      "failed_precondition",
      /^promo code NEWSPOT25 is for a first order at Zork Noodles \(RST-1001\); the user has ordered there 1 time$/,
    );
    s.edit(food, (db) => db.food_orders.update("FD-10002", { restaurant_id: "RST-1001" }));
    s.fails("apply_promo_code", { code: "NEWSPOT25" }, "failed_precondition", /the user has ordered there 2 times$/);
    s.edit(food, (db) => {
      db.food_orders.update("FD-10001", { cancelled_at: "2026-09-10T19:21:00Z" });
      db.food_orders.update("FD-10002", { cancelled_at: "2026-09-18T18:33:00Z" });
    });
    expect(s.ok("apply_promo_code", { code: "NEWSPOT25" }).discount).toBe(7.5);
  });

  it("a first-order code counts every non-cancelled past order: 1 past order, 12 past orders, none", () => {
    const s = lab();
    s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    s.fails("apply_promo_code", { code: "WELCOME20" }, "failed_precondition", /^promo code WELCOME20 is for a first order only; the user has 12 past orders$/);
    s.edit(food, (db) => {
      for (const o of db.food_orders.all()) if (o.id !== "FD-10001") db.food_orders.update(o.id, { cancelled_at: o.placed_at });
    });
    s.fails("apply_promo_code", { code: "WELCOME20" }, "failed_precondition", /^promo code WELCOME20 is for a first order only; the user has 1 past order$/);
    s.edit(food, (db) => db.food_orders.update("FD-10001", { cancelled_at: "2026-09-10T19:21:00Z" }));
    expect(s.ok("apply_promo_code", { code: "WELCOME20" })).toMatchObject({ discount: 6, tax: 2.1, total: 33.09 });
  });

  it("a single-use code is used by a non-cancelled order only; a reusable code stays active after use", () => {
    const s = lab();
    s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    s.fails(
      "apply_promo_code",
      { code: "THANKS10" },
      "failed_precondition",
      /^promo code THANKS10 can be used once and was already used on order FD-10009 \(2026-10-17\)$/,
    );
    s.edit(food, (db) => {
      db.food_orders.update("FD-10009", { cancelled_at: "2026-10-17T18:45:00Z" });
      db.food_orders.update("FD-10010", { promo_code: "FREEDEL" });
    });
    const thanks = s.ok("apply_promo_code", { code: "THANKS10" });
    expect(thanks).toMatchObject({ discount: 10, tax: 1.75, total: 28.74 });
    expect(thanks).not.toHaveProperty("replaced_code");
    const status = Object.fromEntries(s.ok("list_promo_codes", { limit: 100 }).items.map((p: { code: string; status: string }) => [p.code, p.status]));
    expect(status).toEqual({
      WELCOME20: "active",
      SAVE5: "active",
      FREEDEL: "active",
      LUNCH15: "active",
      BIGORDER: "active",
      SUMMER10: "expired",
      THANKS10: "active",
      NEWSPOT25: "active",
    });
    const q = s.ok("apply_promo_code", { code: "FREEDEL" });
    expect(q).toMatchObject({ code: "FREEDEL", replaced_code: "THANKS10", discount: 3.99, tax: 2.63, total: 35.63 });
    expect(s.ok("apply_promo_code", { code: "FREEDEL" }).replaced_code).toBeUndefined();
  });

  it("list_promo_codes filters by status and names a restaurant code's restaurant", () => {
    const s = lab();
    expect(s.ok("list_promo_codes", { status: "used" }).items.map((p: { code: string }) => p.code)).toEqual(["THANKS10"]);
    expect(s.ok("list_promo_codes", { status: "active", limit: 100 }).total).toBe(6);
    const all = s.ok("list_promo_codes", { limit: 100 }).items;
    expect(all.find((p: { code: string }) => p.code === "NEWSPOT25").restaurant_name).toBe("Zork Noodles");
    expect(all.find((p: { code: string }) => p.code === "SAVE5")).not.toHaveProperty("restaurant_name");
    s.edit(food, (db) => db.promo_codes.update("NEWSPOT25", { restaurant_id: "RST-9999" }));
    expect(s.ok("list_promo_codes", { limit: 100 }).items.find((p: { code: string }) => p.code === "NEWSPOT25").restaurant_name).toBe("RST-9999");
  });

  it("free delivery is refused where delivery is already free; an empty cart takes no code", () => {
    const s = lab();
    s.fails(
      "apply_promo_code",
      { code: "SAVE5" },
      "failed_precondition",
      /^the food cart is empty; add dishes first: a promo code is checked against the cart's restaurant and subtotal$/,
    );
    s.edit(food, (db) => db.restaurants.update("RST-1001", { delivery_fee: 0 }));
    s.ok("add_to_food_cart", PHO15);
    s.fails(
      "apply_promo_code",
      { code: "FREEDEL" },
      "failed_precondition",
      /^promo code FREEDEL waives the delivery fee, but Zork Noodles \(RST-1001\) already delivers for free$/,
    );
    s.fails(
      "apply_promo_code",
      { code: " nope " },
      "not_found",
      /^promo code 'nope' does not exist in this account; list_promo_codes shows the codes the user holds$/,
    );
    expect(s.ok("apply_promo_code", { code: " newspot25 " }).code).toBe("NEWSPOT25");
  });

  it("remove_promo_code returns the code and the cart; without a code it is refused", () => {
    const s = lab();
    s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    s.fails("remove_promo_code", {}, "failed_precondition", /^no promo code is applied to the food cart$/);
    s.ok("apply_promo_code", { code: "SAVE5" });
    expect(s.ok("remove_promo_code", {})).toEqual({
      removed_code: "SAVE5",
      cart: { restaurant_id: "RST-1001", item_count: 2, subtotal: 30, promo_code: null },
    });
  });
});

describe("food_delivery rules: placing an order", () => {
  it("an order to the default address: its timeline is +5 min preparing, +prep on the way, +ride delivered", () => {
    const s = lab();
    s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    s.ok("apply_promo_code", { code: "SAVE5" });
    const t = s.now();
    const o = s.ok("place_food_order", { tip: 2.5 });
    expect(o).toMatchObject({
      id: "FD-10014",
      restaurant_id: "RST-1001",
      restaurant_name: "Zork Noodles",
      subtotal: 30,
      delivery_fee: 3.99,
      service_fee: 3,
      discount: 5,
      tax: 2.19,
      tip: 2.5,
      total: 36.68,
      promo_code: "SAVE5",
      delivery_address_id: "ADDR-101",
      delivery_address: "1088 Elm Street, Apt 2C, San Francisco",
      dropoff_instructions: "Ring the bell, then leave at the door",
      distance_km: 0,
      placed_at: t,
      preparing_at: plus(t, 5),
      on_the_way_at: plus(t, 20),
      delivered_at: plus(t, 25),
      status: "placed",
      can_cancel: true,
      minutes_to_delivery: 25,
      eta_minutes: 25,
    });
    expect(o.lines).toEqual([
      {
        menu_item_id: "ITEM-10001",
        name: "Pho Tai",
        quantity: 2,
        options: [
          { group_id: "size", group: "Size", option_id: "size_regular", name: "Regular", price: 0 },
          { group_id: "extra", group: "Extras", option_id: "extra_brisket", name: "Extra brisket", price: 3 },
          { group_id: "extra", group: "Extras", option_id: "extra_noodles", name: "Extra noodles", price: 2 },
        ],
        unit_price: 15,
        line_total: 30,
        special_instructions: "",
      },
    ]);
    expect(o.courier_name).not.toBe("Your courier");
    expect(s.ok("view_food_cart", {})).toMatchObject({ item_count: 0, promo: null });
    expect(s.ok("list_food_orders", {}).items[0]).toEqual({
      id: "FD-10014",
      restaurant_id: "RST-1001",
      restaurant_name: "Zork Noodles",
      status: "placed",
      placed_at: t,
      item_count: 2,
      items: "2 × Pho Tai",
      total: 36.68,
      promo_code: "SAVE5",
    });
  });

  it("the courier is drawn from the world's people by the number of orders so far", () => {
    const s = lab();
    s.ok("add_to_food_cart", PHO15);
    const first = s.ok("place_food_order", {});
    s.ok("add_to_food_cart", PHO15);
    const second = s.ok("place_food_order", {});
    expect(first.courier_name).toBe("Daniel Murphy");
    expect(second.courier_name).toBe("Ethan Rossi");
    expect(second.courier_name).not.toBe(first.courier_name);
  });

  it("an address without a unit reads 'street, city'; given drop-off instructions replace the saved ones", () => {
    const s = lab();
    s.edit(food, (db) => db.delivery_addresses.update("ADDR-101", { unit: "" }));
    s.ok("add_to_food_cart", PHO15);
    const o = s.ok("place_food_order", { dropoff_instructions: "Leave by the gate" });
    expect(o).toMatchObject({ delivery_address: "1088 Elm Street, San Francisco", dropoff_instructions: "Leave by the gate", tip: 0 });
  });

  it("a subtotal exactly at the minimum order is placed; one cent under is refused with the cent to add", () => {
    const s = lab();
    s.edit(food, (db) => db.restaurants.update("RST-1001", { min_order: 15.01 }));
    s.ok("add_to_food_cart", PHO15);
    s.fails(
      "place_food_order",
      {},
      "failed_precondition",
      /^Zork Noodles \(RST-1001\) has a minimum order of 15\.01 \(before fees\); the cart's subtotal is 15\.00, so add 0\.01 more$/,
    );
    s.edit(food, (db) => db.restaurants.update("RST-1001", { min_order: 15 }));
    expect(s.ok("place_food_order", {}).subtotal).toBe(15);
  });

  it("a closed restaurant refuses with the time and its hours", () => {
    const s = lab();
    s.edit(food, (db) => db.restaurants.update("RST-1001", { hours: hoursOf("10:30", "22:00") }));
    s.ok("add_to_food_cart", PHO15);
    const t = s.now();
    s.fails(
      "place_food_order",
      {},
      "failed_precondition",
      new RegExp(
        `^Zork Noodles \\(RST-1001\\) is closed now \\(${t.slice(11, 16)}; on mondays it is open 10:30–22:00; it opens next at 2026-11-09T10:30:00Z\\); order while it is open, or choose an open restaurant with search_restaurants open_now: true$`,
      ),
    );
    s.advanceTo("2026-11-09T10:30:00Z");
    expect(s.ok("place_food_order", {}).placed_at).toBe("2026-11-09T10:30:00Z");
  });

  it("out of the zone: the refusal names the saved addresses it delivers to, or says it delivers to none", () => {
    const s = lab();
    s.edit(food, (db) => {
      const work = db.delivery_addresses.need("ADDR-102");
      db.restaurants.update("RST-1001", { lat: work.lat, lon: work.lon });
    });
    s.ok("add_to_food_cart", PHO15);
    s.fails(
      "place_food_order",
      {},
      "failed_precondition",
      /^Zork Noodles \(RST-1001\) delivers within 5 km and Home \(ADDR-101\) is 5\.5 km away; it delivers to Work \(ADDR-102\)$/,
    );
    s.edit(food, (db) => db.restaurants.update("RST-1001", { delivery_radius_km: 0.1, lat: 38 }));
    s.fails(
      "place_food_order",
      { delivery_address_id: "ADDR-102" },
      "failed_precondition",
      /^Zork Noodles \(RST-1001\) delivers within 0\.1 km and Work \(ADDR-102\) is [\d.]+ km away; it delivers to none of the saved addresses: choose a restaurant with search_restaurants delivers_to_me: true$/,
    );
  });

  it("an address 5.0 km away (rounded) is inside a 5 km zone for placing", () => {
    const s = lab();
    s.edit(food, (db) => {
      const home = db.delivery_addresses.need("ADDR-101");
      db.restaurants.update("RST-1001", { lat: home.lat + 0.04533 });
    });
    s.ok("add_to_food_cart", PHO15);
    const o = s.ok("place_food_order", {});
    expect(o).toMatchObject({ distance_km: 5, eta_minutes: 40 });
    expect(Date.parse(o.delivered_at) - Date.parse(o.on_the_way_at)).toBe(20 * MIN);
  });

  it("an empty cart cannot be ordered; without any saved address nothing can be priced", () => {
    const s = lab();
    s.fails(
      "place_food_order",
      {},
      "failed_precondition",
      /^the food cart is empty; add dishes with add_to_food_cart \(get_menu lists a restaurant's dishes\)$/,
    );
    s.fails("place_food_order", { tip: -0.01 }, "invalid_arguments", /the tip cannot be negative; use 0 for no tip/);
    s.edit(food, (db) => {
      for (const a of db.delivery_addresses.all()) db.delivery_addresses.delete(a.id);
    });
    s.fails("view_food_cart", {}, "failed_precondition", /^no delivery address is saved; the user must add one in the app$/);
  });

  it("without a default address the first saved one is used", () => {
    const s = lab();
    s.edit(food, (db) => db.delivery_addresses.update("ADDR-101", { is_default: false }));
    expect(s.ok("search_restaurants", { query: "zork" }).delivery_address_id).toBe("ADDR-101");
    s.edit(food, (db) => db.delivery_addresses.update("ADDR-103", { is_default: true }));
    expect(s.ok("search_restaurants", { query: "zork" }).delivery_address_id).toBe("ADDR-103");
    expect(s.ok("view_food_cart", {}).delivery_address_id).toBe("ADDR-103");
  });

  it("set_default_delivery_address leaves exactly one default", () => {
    const s = lab();
    s.ok("set_default_delivery_address", { delivery_address_id: "ADDR-103" });
    const defaults = s.rows<{ id: string; is_default: boolean }>("delivery_addresses").map((a) => [a.id, a.is_default]);
    expect(defaults).toEqual([
      ["ADDR-101", false],
      ["ADDR-102", false],
      ["ADDR-103", true],
    ]);
    expect(s.ok("set_default_delivery_address", { delivery_address_id: "ADDR-103" }).is_default).toBe(true);
  });
});

describe("food_delivery rules: following, cancelling and rating an order", () => {
  function placed(s: TestSession) {
    s.ok("add_to_food_cart", PHO15);
    const t = s.now();
    const o = s.ok("place_food_order", {});
    return { o, t };
  }

  it("track: placed until +5 (cancellable until then), preparing until +20, on the way until +25 with the courier, then delivered", () => {
    const s = lab();
    const { o, t } = placed(s);
    s.advanceTo(plus(t, 4));
    expect(s.ok("track_food_order", { food_order_id: o.id })).toEqual({
      id: o.id,
      restaurant_id: "RST-1001",
      restaurant_name: "Zork Noodles",
      status: "placed",
      timeline: [
        { status: "placed", at: t, reached: true },
        { status: "preparing", at: plus(t, 5), reached: false },
        { status: "on_the_way", at: plus(t, 20), reached: false },
        { status: "delivered", at: plus(t, 25), reached: false },
      ],
      minutes_to_delivery: 21,
      estimated_delivery_at: plus(t, 25),
      can_cancel: true,
      cancel_before: plus(t, 5),
      delivery_address: "1088 Elm Street, Apt 2C, San Francisco",
      items: ["1 × Pho Tai"],
      total: 22.3,
    });
    s.advanceTo(plus(t, 5));
    const prep = s.ok("track_food_order", { food_order_id: o.id });
    expect(prep).toMatchObject({ status: "preparing", can_cancel: false, minutes_to_delivery: 20 });
    expect(prep).not.toHaveProperty("courier_name");
    expect(prep).not.toHaveProperty("cancel_before");
    s.advanceTo(plus(t, 19));
    expect(s.ok("track_food_order", { food_order_id: o.id }).status).toBe("preparing");
    s.advanceTo(plus(t, 20));
    const way = s.ok("track_food_order", { food_order_id: o.id });
    expect(way).toMatchObject({ status: "on_the_way", courier_name: o.courier_name, minutes_to_delivery: 5 });
    expect(way.timeline.map((x: { reached: boolean }) => x.reached)).toEqual([true, true, true, false]);
    s.advanceTo(plus(t, 24));
    expect(s.ok("track_food_order", { food_order_id: o.id })).toMatchObject({ status: "on_the_way", minutes_to_delivery: 1 });
    s.advanceTo(plus(t, 25));
    const done = s.ok("track_food_order", { food_order_id: o.id });
    expect(done).toMatchObject({ status: "delivered", courier_name: o.courier_name, minutes_to_delivery: 0, can_cancel: false });
    expect(done.timeline.map((x: { reached: boolean }) => x.reached)).toEqual([true, true, true, true]);
  });

  it("list_food_orders counts an order in the status it has now, and filters by restaurant", () => {
    const s = lab();
    const { o, t } = placed(s);
    expect(ids(s.ok("list_food_orders", { status: "placed" }).items)).toEqual([o.id]);
    s.advanceTo(plus(t, 5));
    expect(ids(s.ok("list_food_orders", { status: "placed" }).items)).toEqual([]);
    expect(ids(s.ok("list_food_orders", { status: "preparing" }).items)).toEqual([o.id, "FD-10013"]);
    expect(ids(s.ok("list_food_orders", { restaurant_id: "RST-1001" }).items)).toEqual([o.id]);
    expect(ids(s.ok("list_food_orders", { restaurant_id: "RST-1001", status: "delivered" }).items)).toEqual([]);
    expect(ids(s.ok("list_food_orders", { status: "cancelled" }).items)).toEqual(["FD-10006"]);
  });

  it("an order can be cancelled one minute before preparing starts, with the whole total refunded", () => {
    const s = lab();
    const { o, t } = placed(s);
    s.advanceTo(plus(t, 4));
    const c = s.ok("cancel_food_order", { food_order_id: o.id });
    expect(c).toMatchObject({ status: "cancelled", can_cancel: false, minutes_to_delivery: 0, refund_amount: 22.3, cancelled_at: plus(t, 4) });
    const tr = s.ok("track_food_order", { food_order_id: o.id });
    expect(tr.timeline).toEqual([
      { status: "placed", at: t, reached: true },
      { status: "cancelled", at: plus(t, 4), reached: true },
    ]);
    expect(tr).toMatchObject({ status: "cancelled", can_cancel: false, minutes_to_delivery: 0 });
    expect(tr).not.toHaveProperty("courier_name");
    s.fails("cancel_food_order", { food_order_id: o.id }, "failed_precondition", new RegExp(`^order ${o.id} was already cancelled at ${plus(t, 4)}$`));
  });

  it("at +5 minutes the window is closed: preparing, on the way and delivered orders are refused with since-when", () => {
    const s = lab();
    const { o, t } = placed(s);
    const msg = (status: string, since: string, tail: string) =>
      `order ${o.id} is ${status} (since ${since}); an order can be cancelled only while 'placed', in the first 5 minutes after ordering, and that window closed at ${plus(t, 5)}; ${tail}`;
    s.advanceTo(plus(t, 5));
    expect(s.fails("cancel_food_order", { food_order_id: o.id }, "failed_precondition").message).toBe(
      msg("preparing", plus(t, 5), "contact the restaurant about problems with it"),
    );
    s.advanceTo(plus(t, 20));
    expect(s.fails("cancel_food_order", { food_order_id: o.id }, "failed_precondition").message).toBe(
      msg("on_the_way", plus(t, 20), "contact the restaurant about problems with it"),
    );
    s.advanceTo(plus(t, 25));
    expect(s.fails("cancel_food_order", { food_order_id: o.id }, "failed_precondition").message).toBe(
      msg("delivered", plus(t, 25), "rate it with rate_food_order instead"),
    );
  });

  it("rating moves the restaurant's average to one decimal: 4.0 over 9 ratings and a 1 make 3.7", () => {
    const s = lab();
    const { o, t } = placed(s);
    s.advanceTo(plus(t, 24));
    s.fails(
      "rate_food_order",
      { food_order_id: o.id, rating: 5 },
      "failed_precondition",
      new RegExp(`^order ${o.id} is on_the_way; it can be rated once delivered \\(expected at ${plus(t, 25)}\\)$`),
    );
    s.advanceTo(plus(t, 25));
    const r = s.ok("rate_food_order", { food_order_id: o.id, rating: 1 });
    expect(r).toMatchObject({
      id: o.id,
      status: "delivered",
      rating: 1,
      rating_comment: "",
      rated_at: plus(t, 25),
      restaurant_rating: 3.7,
      restaurant_rating_count: 10,
    });
    expect(s.row<Restaurant>("restaurants", "RST-1001")).toMatchObject({ rating: 3.7, rating_count: 10 });
    expect(s.row<FoodOrder>("food_orders", o.id)).not.toHaveProperty("rating_comment");
    s.fails(
      "rate_food_order",
      { food_order_id: o.id, rating: 5 },
      "already_exists",
      new RegExp(`^order ${o.id} was already rated 1 star on ${t.slice(0, 10)}; an order can be rated once$`),
    );
  });

  it("a 5 on 4.0 over 9 makes 4.1; the comment is kept; ratings must be whole stars", () => {
    const s = lab();
    const { o, t } = placed(s);
    s.advanceTo(plus(t, 25));
    s.fails("rate_food_order", { food_order_id: o.id, rating: 4.5 }, "invalid_arguments", /the rating is a whole number of stars/);
    const r = s.ok("rate_food_order", { food_order_id: o.id, rating: 5, comment: "Hot and fast" });
    expect(r).toMatchObject({ rating: 5, rating_comment: "Hot and fast", restaurant_rating: 4.1, restaurant_rating_count: 10 });
    expect(s.ok("list_food_orders", { restaurant_id: "RST-1001" }).items[0]).toMatchObject({ rating: 5 });
    s.fails("rate_food_order", { food_order_id: o.id, rating: 3 }, "already_exists", /was already rated 5 stars on/);
  });

  it("a cancelled order cannot be rated", () => {
    const s = lab();
    const { o } = placed(s);
    s.ok("cancel_food_order", { food_order_id: o.id });
    s.fails(
      "rate_food_order",
      { food_order_id: o.id, rating: 3 },
      "failed_precondition",
      new RegExp(`^order ${o.id} was cancelled; only delivered orders can be rated$`),
    );
  });
});

describe("food_delivery rules: reordering", () => {
  /** An order of 6 × Pho Tai at 12.00 (regular with noodles, note 'no herbs') and 1 × Banh Mi Thit (mild). */
  const PHO12 = { menu_item_id: "ITEM-10001", options: ["size_regular", "extra_noodles"] };
  function pastOrder(s: TestSession): string {
    s.ok("add_to_food_cart", { ...PHO12, quantity: 6, special_instructions: "no herbs" });
    s.ok("add_to_food_cart", { menu_item_id: "ITEM-10002", options: ["spice_mild"] });
    return s.ok("place_food_order", {}).id;
  }

  it("puts the dishes back at today's prices with the same options and notes", () => {
    const s = lab();
    const id = pastOrder(s);
    s.edit(food, (db) => db.menu_items.update("ITEM-10001", { price: 11 }));
    const r = s.ok("reorder_food_order", { food_order_id: id });
    expect(r.from_order).toBe(id);
    expect(r.skipped).toEqual([]);
    expect(
      r.added.map((l: { name: string; quantity: number; unit_price: number; line_total: number; special_instructions: string }) => [
        l.name,
        l.quantity,
        l.unit_price,
        l.line_total,
        l.special_instructions,
      ]),
    ).toEqual([
      ["Pho Tai", 6, 13, 78, "no herbs"],
      ["Banh Mi Thit", 1, 9.99, 9.99, ""],
    ]);
    expect(r.added[0].options.map((o: { option_id: string }) => o.option_id)).toEqual(["size_regular", "extra_noodles"]);
    expect(r.cart).toEqual({ restaurant_id: "RST-1001", item_count: 7, subtotal: 87.99, promo_code: null });
  });

  it("skips dishes gone from the menu, sold out, or whose options changed, each with its reason", () => {
    const s = lab();
    const id = pastOrder(s);
    s.edit(food, (db) => db.menu_items.delete("ITEM-10002"));
    s.edit(food, (db) => db.menu_items.update("ITEM-10001", { available: false }));
    s.fails(
      "reorder_food_order",
      { food_order_id: id },
      "failed_precondition",
      new RegExp(
        `^none of the dishes of order ${id} can be ordered now: Pho Tai \\(sold out today\\), Banh Mi Thit \\(no longer on the menu\\); see get_menu for Zork Noodles \\(RST-1001\\)$`,
      ),
    );
    s.edit(food, (db) => {
      const item = db.menu_items.need("ITEM-10001");
      db.menu_items.update("ITEM-10001", {
        available: true,
        modifier_groups: item.modifier_groups.map((g: { id: string; options: Array<{ id: string }> }) =>
          g.id === "size" ? { ...g, options: g.options.filter((op) => op.id !== "size_regular") } : g,
        ),
      });
    });
    s.fails("reorder_food_order", { food_order_id: id }, "failed_precondition", /Pho Tai \(its options changed; add it again with add_to_food_cart\)/);
  });

  it("merges into the cart up to 20 of a dish: 14 + 6 fit, 15 + 6 are skipped with the count", () => {
    const s = lab();
    const id = pastOrder(s);
    s.ok("add_to_food_cart", { menu_item_id: "ITEM-10001", options: ["extra_noodles", "size_regular"], quantity: 14, special_instructions: "no herbs" });
    const ok = s.ok("reorder_food_order", { food_order_id: id });
    expect(ok.added.map((l: { quantity: number }) => l.quantity)).toEqual([20, 1]);
    s.ok("clear_food_cart", {});
    s.ok("add_to_food_cart", { ...PHO12, quantity: 15, special_instructions: "no herbs" });
    const r = s.ok("reorder_food_order", { food_order_id: id });
    expect(r.skipped).toEqual([{ name: "Pho Tai", reason: "the cart already holds 15; at most 20 of one dish" }]);
    expect(r.added.map((l: { name: string }) => l.name)).toEqual(["Banh Mi Thit"]);
    expect(r.cart).toEqual({ restaurant_id: "RST-1001", item_count: 16, subtotal: 189.99, promo_code: null });
  });

  it("a line with another note is not merged with the reordered one", () => {
    const s = lab();
    const id = pastOrder(s);
    s.ok("add_to_food_cart", { ...PHO12, quantity: 15 });
    const r = s.ok("reorder_food_order", { food_order_id: id });
    expect(r.skipped).toEqual([]);
    expect(r.cart.item_count).toBe(22);
  });

  it("a cart from another restaurant must be cleared first", () => {
    const s = lab();
    const id = pastOrder(s);
    s.ok("add_to_food_cart", { menu_item_id: s.rows<{ id: string; restaurant_id: string }>("menu_items").find((m) => m.restaurant_id === "RST-1002")!.id });
    s.fails(
      "reorder_food_order",
      { food_order_id: id },
      "failed_precondition",
      /^the food cart holds dishes from Zork Tacos \(RST-1002\); a cart takes dishes from one restaurant only: clear it with clear_food_cart first to order from Zork Noodles \(RST-1001\)$/,
    );
  });
});

describe("food_delivery rules: what the model is told about the tools", () => {
  const tool = (name: string) => food.tool(name)!;

  it("every tool is described, and every argument in words of its own", () => {
    for (const t of food.tools) {
      expect(t.description.length, t.name).toBeGreaterThan(20);
      for (const [arg, schema] of Object.entries((t.inputSchema as { properties?: Record<string, { description?: string }> }).properties ?? {})) {
        if (arg === "limit" || arg === "offset" || arg === "cursor") continue;
        expect(schema.description ?? "", `${t.name}.${arg}`).toMatch(/^[A-Za-z0-9'"]/);
      }
    }
  });

  it("the cancel tool states the 5-minute window; the option and quantity arguments explain themselves", () => {
    expect(tool("cancel_food_order").description).toBe(
      "Cancel an order the restaurant has not started preparing (status 'placed', the first 5 minutes). The whole total is refunded. Returns the cancelled order.",
    );
    const props = (name: string) => (tool(name).inputSchema as { properties: Record<string, { description?: string; enum?: string[] }> }).properties;
    expect(props("add_to_food_cart").options?.description).toMatch(/^Ids of the chosen options, e\.g\. \['size_large', 'topping_mushrooms'\]/);
    expect(props("add_to_food_cart").quantity?.description).toBe("How many (1–20)");
    expect(props("update_food_cart_item").quantity?.description).toBe("New quantity (1–20); to drop the line use remove_from_food_cart");
    expect(props("search_restaurants").sort?.enum).toEqual(["recommended", "rating", "distance", "delivery_fee", "eta"]);
    expect(props("list_food_orders").status?.enum).toEqual(["placed", "preparing", "on_the_way", "delivered", "cancelled"]);
    expect(props("list_promo_codes").status?.enum).toEqual(["active", "expired", "used"]);
  });

  it("destructive tools, and which tools discover or produce which kinds", () => {
    expect(food.tools.filter((t) => t.destructive).map((t) => t.name)).toEqual(["remove_from_food_cart", "clear_food_cart", "cancel_food_order"]);
    expect(food.tools.filter((t) => t.readOnly).map((t) => t.name)).toEqual([
      "search_restaurants",
      "get_restaurant",
      "get_menu",
      "get_menu_item",
      "search_menu_items",
      "list_delivery_addresses",
      "view_food_cart",
      "list_promo_codes",
      "track_food_order",
      "list_food_orders",
    ]);
    expect(tool("add_to_food_cart").produces).toBe("cart_item");
    expect(tool("place_food_order").produces).toBe("food_order");
    expect(tool("place_food_order").uses).toEqual(["cart_item"]);
    expect(tool("view_food_cart").discovers).toEqual(["cart_item", "food_cart"]);
    expect(tool("list_promo_codes").discovers).toEqual(["promo_code"]);
    expect(tool("list_food_orders").discovers).toEqual(["food_order"]);
    expect(tool("search_restaurants").discovers).toEqual(["restaurant"]);
    expect(tool("get_menu").discovers).toEqual(["menu_item"]);
    expect(tool("search_menu_items").discovers).toEqual(["menu_item"]);
    expect(tool("list_delivery_addresses").discovers).toEqual(["delivery_address"]);
  });
});

describe("food_delivery rules: corners", () => {
  it("the same options in another order are the same line", () => {
    const s = lab();
    const a = s.ok("add_to_food_cart", PHO15);
    const b = s.ok("add_to_food_cart", { menu_item_id: "ITEM-10001", options: ["extra_noodles", "size_regular", "extra_brisket"] });
    expect(b).toMatchObject({ id: a.id, quantity: 2, line_total: 30 });
    const c = s.ok("add_to_food_cart", { menu_item_id: "ITEM-10001", options: ["extra_noodles", "size_regular"] });
    expect(c.id).not.toBe(a.id);
  });

  it("a cart whose restaurant has gone is named by the restaurant's id", () => {
    const s = lab();
    s.ok("add_to_food_cart", PHO15);
    s.edit(food, (db) => db.restaurants.delete("RST-1001"));
    const other = s.rows<{ id: string; restaurant_id: string }>("menu_items").find((m) => m.restaurant_id === "RST-1002")!;
    s.fails("add_to_food_cart", { menu_item_id: other.id }, "failed_precondition", /^the food cart holds dishes from RST-1001; a cart takes dishes/);
    expect(ids(s.ok("search_menu_items", { query: "pho tai", limit: 100 }).items)).not.toContain("ITEM-10001");
  });

  it("search_menu_items: a dish without required choices says so; with no saved address nothing is delivered", () => {
    const s = lab();
    const bun = s.ok("search_menu_items", { query: "bun cha", limit: 100 }).items.find((d: { id: string }) => d.id === "ITEM-10004");
    expect(bun).toMatchObject({ has_required_options: false, delivers_to_me: true });
    s.edit(food, (db) => {
      for (const a of db.delivery_addresses.all()) db.delivery_addresses.delete(a.id);
    });
    const none = s.ok("search_menu_items", { query: "bun cha", limit: 100 }).items.find((d: { id: string }) => d.id === "ITEM-10004");
    expect(none.delivers_to_me).toBe(false);
  });

  it("an order without a promo carries no promo code; an unrated one no rating", () => {
    const s = lab();
    s.ok("add_to_food_cart", PHO15);
    const o = s.ok("place_food_order", {});
    expect(o).not.toHaveProperty("promo_code");
    const row = s.ok("list_food_orders", {}).items[0];
    expect(row.id).toBe(o.id);
    expect(row).not.toHaveProperty("promo_code");
    expect(row).not.toHaveProperty("rating");
  });

  it("every change to the cart stamps it with the time of the change", () => {
    const s = lab();
    const t1 = s.now();
    const line = s.ok("add_to_food_cart", PHO15);
    expect(s.row<{ updated_at: string }>("cart", "current").updated_at).toBe(t1);
    s.ok("apply_promo_code", { code: "NEWSPOT25" });
    const t2 = s.now();
    s.ok("update_food_cart_item", { cart_item_id: line.id, quantity: 2 });
    expect(s.row<{ updated_at: string; promo_code?: string }>("cart", "current")).toEqual({ id: "current", promo_code: "NEWSPOT25", updated_at: t2 });
    const t3 = s.now();
    s.ok("add_to_food_cart", PHO10);
    expect(s.row<{ updated_at: string; promo_code?: string }>("cart", "current")).toEqual({ id: "current", promo_code: "NEWSPOT25", updated_at: t3 });
  });

  it("entities are named as a user would", () => {
    const s = lab();
    s.ok("add_to_food_cart", { ...PHO15, quantity: 2 });
    s.ok("apply_promo_code", { code: "SAVE5" });
    const name = (table: keyof typeof food.tables, row: unknown) => food.tables[table]!.describe(row as never);
    expect(name("restaurants", s.row("restaurants", "RST-1001"))).toBe("the vietnamese restaurant Zork Noodles");
    expect(name("menu_items", s.row("menu_items", "ITEM-10001"))).toBe("the Pho Tai (10.00) on the menu of RST-1001");
    expect(name("cart", s.row("cart", "current"))).toBe("the food cart with promo SAVE5");
    expect(name("cart", { id: "current", updated_at: s.now() })).toBe("the food cart");
    expect(name("cart_items", s.rows("cart_items")[0])).toBe("2 × Pho Tai in the food cart");
    expect(name("delivery_addresses", s.row("delivery_addresses", "ADDR-101"))).toBe("the Home address, 1088 Elm Street");
    expect(name("promo_codes", s.row("promo_codes", "SAVE5"))).toBe("the promo code SAVE5 (5.00 off orders of 25.00 or more)");
    const t = s.now();
    const o = s.ok("place_food_order", {});
    expect(name("food_orders", s.row("food_orders", o.id))).toBe(`the 34.18 order from Zork Noodles placed ${t.slice(0, 10)} ${t.slice(11, 16)}`);
  });

  it("ids: restaurants RST- with 4 digits, dishes ITEM- with 5, cart lines CI-, addresses ADDR- with 3, orders FD- with 5; the cart is 'current'", () => {
    const t = tables;
    expect([t.restaurants, t.menu_items, t.cart_items, t.delivery_addresses, t.food_orders].map((d) => [d.kind, d.idPrefix, d.idDigits])).toEqual([
      ["restaurant", "RST-", 4],
      ["menu_item", "ITEM-", 5],
      ["cart_item", "CI-", 4],
      ["delivery_address", "ADDR-", 3],
      ["food_order", "FD-", 5],
    ]);
    expect([t.cart.kind, t.cart.example, t.promo_codes.kind, t.promo_codes.key, t.promo_codes.example]).toEqual([
      "food_cart",
      "current",
      "promo_code",
      "code",
      "SAVE5",
    ]);
    expect(food.title).toBe("Food delivery");
    expect(food.description).toMatch(/^The user's food delivery app in their city: 48–64 restaurants with menus/);
  });
});

describe("food_delivery rules: what restaurants serve", () => {
  it("13 cuisines and 4 dietary tags", () => {
    expect(CUISINES).toEqual([
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
    ]);
    expect(DIETARY).toEqual(["vegetarian", "vegan", "gluten_free", "spicy"]);
  });
});
