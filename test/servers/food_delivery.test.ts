import { describe, expect, it } from "vitest";
import food from "../../ts/servers/food_delivery/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(food, 17);

const SEED = 7;
const MINUTE = 60_000;

interface Group {
  id: string;
  name: string;
  min: number;
  max: number;
  options: Array<{ id: string; price: number }>;
}
interface Dish {
  id: string;
  name: string;
  price: number;
  available: boolean;
  restaurant_id: string;
  modifier_groups: Group[];
}
interface Place {
  id: string;
  name: string;
  delivery_fee: number;
  min_order: number;
  open_now: boolean;
  delivers_to_address: boolean;
  distance_km: number;
  rating: number;
  rating_count: number;
  cuisine: string;
  price_level: string;
  eta_minutes: number;
}

const ms = (iso: string) => Date.parse(iso);
const money = (x: number) => Math.round(x * 100) / 100;

/** Restaurants open now that deliver to the default address. */
function openNearby(s: TestSession, extra: Record<string, unknown> = {}): Place[] {
  return s.ok("search_restaurants", { open_now: true, delivers_to_me: true, limit: 100, ...extra }).items;
}
function dishes(s: TestSession, restaurant: string): Dish[] {
  return s.ok("get_menu", { restaurant_id: restaurant, available_only: true, limit: 100 }).items;
}
/** The first option of every required group (all free in the catalog). */
const required = (d: Dish) => d.modifier_groups.filter((g) => g.min > 0).map((g) => g.options[0]!.id);
function add(s: TestSession, d: Dish, quantity = 1) {
  return s.ok("add_to_food_cart", { menu_item_id: d.id, quantity, options: required(d) });
}
/** Fills the cart from `restaurant` with its dearest dish until the subtotal reaches `amount`. */
function fillTo(s: TestSession, restaurant: string, amount: number): Dish {
  const dish = dishes(s, restaurant).sort((a, b) => b.price - a.price)[0]!;
  add(s, dish, Math.max(1, Math.ceil(amount / dish.price)));
  return dish;
}
/** An open, delivering restaurant with a delivery fee and a minimum order. */
function feeAndMinimum(s: TestSession): Place {
  const r = openNearby(s).find((x) => x.delivery_fee > 0 && x.min_order >= 10);
  expect(r, "seed has an open restaurant with a fee and a minimum").toBeDefined();
  return r!;
}
function pizzaDish(s: TestSession): Dish {
  const pizzeria = s.ok("search_restaurants", { cuisine: "pizza", limit: 100 }).items[0] as Place;
  return dishes(s, pizzeria.id).find((d) => d.name === "Margherita Pizza" || d.name === "Pepperoni Pizza" || d.name === "Veggie Supreme Pizza")!;
}

describe("food_delivery: restaurants and menus", () => {
  it("search_restaurants filters by cuisine, open now, delivery zone, rating, price and fee", () => {
    const s = openSession(food, SEED);
    const all = s.ok("search_restaurants", { limit: 100 });
    expect(all.total).toBeGreaterThanOrEqual(40);
    expect(all.total).toBeLessThanOrEqual(80);
    expect(all.delivery_address_id).toBe("ADDR-101");
    const thai = s.ok("search_restaurants", { cuisine: "thai", limit: 100 }).items as Place[];
    expect(thai.length).toBeGreaterThan(0);
    expect(thai.every((r) => r.cuisine === "thai")).toBe(true);
    const open = openNearby(s);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((r) => r.open_now && r.delivers_to_address && r.distance_km >= 0)).toBe(true);
    const closed = s.ok("search_restaurants", { open_now: false, limit: 100 });
    expect(closed.total).toBeGreaterThan(0); // lunch and dinner places open later than 09:00
    const good = s.ok("search_restaurants", { min_rating: 4.5, max_price_level: 2, max_delivery_fee: 0, limit: 100 }).items as Place[];
    for (const r of good) {
      expect(r.rating).toBeGreaterThanOrEqual(4.5);
      expect(r.price_level.length).toBeLessThanOrEqual(2);
      expect(r.delivery_fee).toBe(0);
    }
    const far = s.ok("search_restaurants", { delivers_to_me: true, delivery_address_id: "ADDR-103" });
    expect(far.total).toBe(0); // the parents' place is outside every delivery zone
    s.fails("search_restaurants", { delivery_address_id: "ADDR-999" }, "not_found", /list_delivery_addresses/);
  });

  it("search_restaurants finds restaurants by dish and dietary tag and sorts", () => {
    const s = openSession(food, SEED);
    const padThai = s.ok("search_restaurants", { query: "pad thai", limit: 100 }).items as Place[];
    expect(padThai.length).toBeGreaterThan(0);
    for (const r of padThai)
      expect(dishes(s, r.id).length ? s.ok("get_menu", { restaurant_id: r.id, limit: 100 }).items.some((d: Dish) => d.name === "Pad Thai") : false).toBe(true);
    const vegan = s.ok("search_restaurants", { dietary: "vegan", limit: 100 }).items as Place[];
    for (const r of vegan.slice(0, 5)) expect(s.ok("get_menu", { restaurant_id: r.id, dietary: "vegan" }).total).toBeGreaterThan(0);
    const byDistance = (s.ok("search_restaurants", { sort: "distance", limit: 100 }).items as Place[]).map((r) => r.distance_km);
    expect(byDistance).toEqual([...byDistance].sort((a, b) => a - b));
    const byRating = (s.ok("search_restaurants", { sort: "rating", limit: 100 }).items as Place[]).map((r) => r.rating);
    expect(byRating).toEqual([...byRating].sort((a, b) => b - a));
    const recommended = s.ok("search_restaurants", { limit: 100 }).items as Place[];
    const firstClosed = recommended.findIndex((r) => !r.open_now);
    expect(recommended.slice(firstClosed).every((r) => !r.open_now)).toBe(true);
  });

  it("get_restaurant tells for each saved address whether it delivers there", () => {
    const s = openSession(food, SEED);
    const r = feeAndMinimum(s);
    const full = s.ok("get_restaurant", { restaurant_id: r.id });
    expect(full.hours.monday).toBeDefined();
    expect(full.open_now).toBe(true);
    expect(full.dish_count).toBe(s.ok("get_menu", { restaurant_id: r.id, limit: 100 }).total);
    const byLabel = Object.fromEntries(full.delivery.map((d: { label: string; delivers: boolean }) => [d.label, d.delivers]));
    expect(byLabel).toMatchObject({ Home: true, "Parents' place": false });
    expect(full.delivery.find((d: { label: string }) => d.label === "Home").eta_minutes).toBe(r.eta_minutes);
    s.fails("get_restaurant", { restaurant_id: "RST-0001" }, "not_found", /search_restaurants/);
  });

  it("get_menu lists dishes by category and dietary tag, and can hide sold-out dishes", () => {
    const s = openSession(food, SEED);
    const dish = pizzaDish(s);
    const menu = s.ok("get_menu", { restaurant_id: dish.restaurant_id, limit: 100 });
    expect(menu.categories).toContain("Pizzas");
    const pizzas = s.ok("get_menu", { restaurant_id: dish.restaurant_id, category: "pizzas", limit: 100 });
    expect(pizzas.items.every((d: { category: string }) => d.category === "Pizzas")).toBe(true);
    const veg = s.ok("get_menu", { restaurant_id: dish.restaurant_id, dietary: "vegetarian", limit: 100 });
    expect(veg.items.every((d: { dietary: string[] }) => d.dietary.includes("vegetarian"))).toBe(true);
    const soldOut = s.rows<Dish>("menu_items").find((d) => !d.available)!;
    const withSold = s.ok("get_menu", { restaurant_id: soldOut.restaurant_id, limit: 100 });
    const without = s.ok("get_menu", { restaurant_id: soldOut.restaurant_id, available_only: true, limit: 100 });
    expect(withSold.items.map((d: Dish) => d.id)).toContain(soldOut.id);
    expect(without.items.map((d: Dish) => d.id)).not.toContain(soldOut.id);
    expect(without.total).toBe(withSold.items.filter((d: Dish) => d.available).length);
    s.fails("get_menu", { restaurant_id: "RST-9999" }, "not_found", /restaurant 'RST-9999' not found/);
  });

  it("get_menu_item lists required groups and every option with its price", () => {
    const s = openSession(food, SEED);
    const dish = pizzaDish(s);
    const item = s.ok("get_menu_item", { menu_item_id: dish.id });
    expect(item.required_groups).toEqual(["size", "crust"]);
    expect(item.options_summary).toMatch(/Size \(required, choose 1\): size_small, size_medium \(\+3\.00\), size_large \(\+6\.00\)/);
    expect(item.options_summary).toMatch(/Extra toppings \(optional, up to 4\)/);
    s.fails("get_menu_item", { menu_item_id: "ITEM-00000" }, "not_found", /get_menu or search_menu_items/);
  });

  it("search_menu_items finds dishes across restaurants with filters", () => {
    const s = openSession(food, SEED);
    const burritos = s.ok("search_menu_items", { query: "burrito", limit: 100 });
    expect(burritos.total).toBeGreaterThan(0);
    expect(burritos.items.every((d: { name: string; description: string }) => /burrito/i.test(d.name + d.description))).toBe(true);
    const cheap = s.ok("search_menu_items", { query: "roll", max_price: 8, limit: 100 });
    expect(cheap.items.every((d: { price: number }) => d.price <= 8)).toBe(true);
    const gf = s.ok("search_menu_items", { query: "curry", dietary: "gluten_free", limit: 100 });
    expect(gf.items.every((d: { dietary: string[] }) => d.dietary.includes("gluten_free"))).toBe(true);
    const openNow = s.ok("search_menu_items", { query: "an", open_now: true, delivers_to_me: true, limit: 100 });
    expect(openNow.items.every((d: { open_now: boolean; delivers_to_me: boolean }) => d.open_now && d.delivers_to_me)).toBe(true);
    s.fails("search_menu_items", { query: "x" }, "invalid_arguments");
  });
});

describe("food_delivery: addresses", () => {
  it("lists the saved addresses and switches the default", () => {
    const s = openSession(food, SEED);
    const list = s.ok("list_delivery_addresses", {});
    expect(list.items.map((a: { label: string }) => a.label)).toEqual(["Home", "Work", "Parents' place"]);
    expect(list.items.filter((a: { is_default: boolean }) => a.is_default).map((a: { id: string }) => a.id)).toEqual(["ADDR-101"]);
    const work = s.ok("set_default_delivery_address", { delivery_address_id: "ADDR-102" });
    expect(work.is_default).toBe(true);
    const after = s.ok("list_delivery_addresses", {});
    expect(after.items.filter((a: { is_default: boolean }) => a.is_default).map((a: { id: string }) => a.id)).toEqual(["ADDR-102"]);
    expect(s.ok("search_restaurants", {}).delivery_address_id).toBe("ADDR-102");
    s.fails("set_default_delivery_address", { delivery_address_id: "ADDR-777" }, "not_found");
  });
});

describe("food_delivery: cart", () => {
  it("adds a dish with required and optional choices priced in", () => {
    const s = openSession(food, SEED);
    const dish = pizzaDish(s);
    const line = s.ok("add_to_food_cart", {
      menu_item_id: dish.id,
      quantity: 2,
      options: ["size_large", "crust_thin", "topping_mushrooms"],
      special_instructions: "Well done",
    });
    expect(line.id).toMatch(/^CI-\d{4}$/);
    expect(line.unit_price).toBe(money(dish.price + 6 + 1.5));
    expect(line.line_total).toBe(money((dish.price + 7.5) * 2));
    expect(line.options.map((o: { option_id: string }) => o.option_id)).toEqual(["size_large", "crust_thin", "topping_mushrooms"]);
    expect(line.cart).toMatchObject({ restaurant_id: dish.restaurant_id, item_count: 2, subtotal: line.line_total });
  });

  it("required choices must be made and invalid options are named", () => {
    const s = openSession(food, SEED);
    const dish = pizzaDish(s);
    const base = { menu_item_id: dish.id };
    s.fails(
      "add_to_food_cart",
      { ...base, options: ["size_large"] },
      "invalid_argument",
      /needs a choice of Crust \(required\): one of crust_classic, crust_thin, crust_gluten_free \(\+2\.50\)/,
    );
    s.fails("add_to_food_cart", { ...base, options: [] }, "invalid_argument", /needs a choice of Size/);
    s.fails(
      "add_to_food_cart",
      { ...base, options: ["size_large", "crust_thin", "topping_pineapple"] },
      "invalid_argument",
      /'topping_pineapple' is not an option of .*; valid options: Size \(required, choose 1\): size_small/,
    );
    s.fails(
      "add_to_food_cart",
      { ...base, options: ["size_large", "size_small", "crust_thin"] },
      "invalid_argument",
      /allows at most 1 choice of Size; 2 were given \(size_large, size_small\)/,
    );
    s.fails(
      "add_to_food_cart",
      { ...base, options: ["size_large", "crust_thin", "topping_pepperoni", "topping_mushrooms", "topping_olives", "topping_basil", "topping_jalapenos"] },
      "invalid_argument",
      /at most 4 choices of Extra toppings; 5 were given/,
    );
    s.fails("add_to_food_cart", { ...base, options: ["size_large", "crust_thin", "crust_thin"] }, "invalid_argument", /option 'crust_thin' is chosen twice/);
    s.fails("add_to_food_cart", { ...base, options: ["size_small", "crust_thin"], quantity: 0 }, "invalid_arguments", /at least 1/);
    s.fails("add_to_food_cart", { menu_item_id: "ITEM-99999" }, "not_found", /menu_item 'ITEM-99999' not found/);
    expect(s.ok("view_food_cart", {}).item_count).toBe(0);
  });

  it("holds dishes from one restaurant only", () => {
    const s = openSession(food, SEED);
    const [a, b] = openNearby(s);
    const first = add(s, dishes(s, a!.id)[0]!);
    const other = dishes(s, b!.id)[0]!;
    s.fails(
      "add_to_food_cart",
      { menu_item_id: other.id, options: required(other) },
      "failed_precondition",
      new RegExp(`holds dishes from ${a!.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(${a!.id}\\); .* clear it with clear_food_cart first`),
    );
    s.ok("clear_food_cart", {});
    const second = add(s, other);
    expect(second.cart.restaurant_id).toBe(b!.id);
    expect(first.cart.restaurant_id).toBe(a!.id);
  });

  it("refuses sold-out dishes, merges identical lines and caps one dish at 20", () => {
    const s = openSession(food, SEED);
    const soldOut = s.rows<Dish>("menu_items").find((d) => !d.available)!;
    s.fails(
      "add_to_food_cart",
      { menu_item_id: soldOut.id, options: required(soldOut) },
      "failed_precondition",
      /is sold out at .* today; choose another dish from get_menu/,
    );
    const dish = dishes(s, soldOut.restaurant_id)[0]!;
    const one = add(s, dish, 3);
    const two = add(s, dish, 4);
    expect(two.id).toBe(one.id);
    expect(two.quantity).toBe(7);
    expect(s.ok("view_food_cart", {}).items.length).toBe(1);
    s.fails(
      "add_to_food_cart",
      { menu_item_id: dish.id, quantity: 14, options: required(dish) },
      "limit_exceeded",
      /at most 20 of one dish per order; the cart already holds 7/,
    );
  });

  it("warns when the restaurant is closed but keeps the dish", () => {
    const s = openSession(food, SEED);
    const closed = s.ok("search_restaurants", { open_now: false, delivers_to_me: true }).items[0] as Place;
    const line = add(s, dishes(s, closed.id)[0]!);
    expect(line.warning).toMatch(/is closed now .*; the order can be placed once it opens/);
    expect(s.ok("view_food_cart", {}).issues.join(" ")).toMatch(/is closed now/);
  });

  it("update_food_cart_item changes quantity, options (re-checked) and note", () => {
    const s = openSession(food, SEED);
    const dish = pizzaDish(s);
    const line = s.ok("add_to_food_cart", { menu_item_id: dish.id, options: ["size_small", "crust_classic"] });
    const more = s.ok("update_food_cart_item", { cart_item_id: line.id, quantity: 3 });
    expect(more).toMatchObject({ quantity: 3, unit_price: dish.price, line_total: money(dish.price * 3) });
    const bigger = s.ok("update_food_cart_item", {
      cart_item_id: line.id,
      options: ["size_medium", "crust_gluten_free", "topping_extra_cheese"],
      special_instructions: "Cut in squares",
    });
    expect(bigger.unit_price).toBe(money(dish.price + 3 + 2.5 + 2));
    expect(bigger.special_instructions).toBe("Cut in squares");
    expect(bigger.cart.subtotal).toBe(money(bigger.unit_price * 3));
    s.fails("update_food_cart_item", { cart_item_id: line.id, options: ["size_medium"] }, "invalid_argument", /needs a choice of Crust/);
    s.fails("update_food_cart_item", { cart_item_id: line.id }, "invalid_argument", /give at least one of quantity, options or special_instructions/);
    s.fails("update_food_cart_item", { cart_item_id: "CI-9999", quantity: 2 }, "not_found", /view_food_cart/);
  });

  it("remove_from_food_cart drops a line; the last one takes the promo with it", () => {
    const s = openSession(food, SEED);
    const r = feeAndMinimum(s);
    const [d1, d2] = dishes(s, r.id);
    const l1 = add(s, d1!, 4);
    const l2 = add(s, d2!);
    s.ok("apply_promo_code", { code: "FREEDEL" });
    const after = s.ok("remove_from_food_cart", { cart_item_id: l2.id });
    expect(after).toMatchObject({ removed: l2.id, cart: { item_count: 4, subtotal: l1.line_total, promo_code: "FREEDEL" } });
    const empty = s.ok("remove_from_food_cart", { cart_item_id: l1.id });
    expect(empty.cart).toEqual({ restaurant_id: null, item_count: 0, subtotal: 0, promo_code: null });
    s.fails("remove_from_food_cart", { cart_item_id: l1.id }, "not_found");
  });

  it("view_food_cart prices the cart and names what blocks the order", () => {
    const s = openSession(food, SEED);
    expect(s.ok("view_food_cart", {})).toMatchObject({ restaurant: null, item_count: 0, total: 0, ready_to_order: false });
    const r = feeAndMinimum(s);
    const dish = dishes(s, r.id).sort((a, b) => a.price - b.price)[0]!;
    add(s, dish);
    const v = s.ok("view_food_cart", {});
    expect(v.subtotal).toBe(dish.price);
    expect(v.delivery_fee).toBe(r.delivery_fee);
    expect(v.service_fee).toBe(money(Math.min(12, Math.max(2, dish.price * 0.1))));
    expect(v.tax).toBe(money(dish.price * 0.0875));
    expect(v.total).toBe(money(v.subtotal + v.delivery_fee + v.service_fee + v.tax));
    expect(dish.price).toBeLessThan(r.min_order);
    expect(v.ready_to_order).toBe(false);
    expect(v.issues.join(" ")).toMatch(new RegExp(`the minimum order at .* is ${r.min_order.toFixed(2)}; add ${(r.min_order - dish.price).toFixed(2)} more`));
    const far = s.ok("view_food_cart", { delivery_address_id: "ADDR-103" });
    expect(far.issues.join(" ")).toMatch(/delivers within \d+ km; Parents' place \(ADDR-103\) is [\d.]+ km away/);
    s.fails("view_food_cart", { delivery_address_id: "ADDR-404" }, "not_found", /list_delivery_addresses/);
  });

  it("clear_food_cart empties lines and promo", () => {
    const s = openSession(food, SEED);
    const r = feeAndMinimum(s);
    fillTo(s, r.id, 30);
    s.ok("apply_promo_code", { code: "SAVE5" });
    const c = s.ok("clear_food_cart", {});
    expect(c.removed_items).toBe(1);
    expect(c.removed_promo_code).toBe("SAVE5");
    expect(s.ok("view_food_cart", {}).items).toEqual([]);
    expect(s.ok("clear_food_cart", {}).removed_items).toBe(0);
  });
});

describe("food_delivery: promo codes", () => {
  it("list_promo_codes shows each code's status", () => {
    const s = openSession(food, SEED);
    const all = s.ok("list_promo_codes", { limit: 100 });
    const status = Object.fromEntries(all.items.map((p: { code: string; status: string }) => [p.code, p.status]));
    expect(status).toMatchObject({ SAVE5: "active", FREEDEL: "active", SUMMER10: "expired", THANKS10: "used" });
    expect(s.ok("list_promo_codes", { status: "expired" }).items.map((p: { code: string }) => p.code)).toEqual(["SUMMER10"]);
    const spot = all.items.find((p: { code: string }) => p.code === "NEWSPOT25");
    expect(spot.restaurant_name).toBeDefined();
  });

  it("apply_promo_code takes a fixed amount off, case-insensitively, and replaces another code", () => {
    const s = openSession(food, SEED);
    const r = feeAndMinimum(s);
    fillTo(s, r.id, 30);
    const sub = s.ok("view_food_cart", {}).subtotal as number;
    const p = s.ok("apply_promo_code", { code: "save5" });
    expect(p).toMatchObject({ code: "SAVE5", discount: 5, subtotal: sub });
    expect(p.tax).toBe(money((sub - 5) * 0.0875));
    expect(p.total).toBe(money(sub - 5 + p.delivery_fee + p.service_fee + p.tax));
    const q = s.ok("apply_promo_code", { code: "FREEDEL" });
    expect(q).toMatchObject({ code: "FREEDEL", replaced_code: "SAVE5", discount: r.delivery_fee });
    expect(s.ok("view_food_cart", {}).promo).toMatchObject({ code: "FREEDEL", applies: true, discount: r.delivery_fee });
  });

  it("caps percent discounts", () => {
    const s = openSession(food, SEED);
    const r = feeAndMinimum(s);
    fillTo(s, r.id, 80);
    const p = s.ok("apply_promo_code", { code: "LUNCH15" });
    expect(p.discount).toBe(8); // 15% of 80+ is over the 8.00 cap
  });

  it("promo rules: expiry, minimum subtotal, once, first order, restaurant, free delivery", () => {
    const s = openSession(food, SEED);
    s.fails("apply_promo_code", { code: "SAVE5" }, "failed_precondition", /the food cart is empty; add dishes first/);
    const r = feeAndMinimum(s);
    const dish = dishes(s, r.id).sort((a, b) => a.price - b.price)[0]!;
    add(s, dish);
    s.fails("apply_promo_code", { code: "NOPE" }, "not_found", /promo code 'NOPE' does not exist .* list_promo_codes/);
    s.fails("apply_promo_code", { code: "SUMMER10" }, "failed_precondition", /promo code SUMMER10 expired on \d{4}-\d{2}-\d{2}/);
    s.fails(
      "apply_promo_code",
      { code: "BIGORDER" },
      "failed_precondition",
      new RegExp(`needs a subtotal of at least 60.00; the cart's subtotal is ${dish.price.toFixed(2)}, so add ${(60 - dish.price).toFixed(2)} more`),
    );
    s.fails("apply_promo_code", { code: "THANKS10" }, "failed_precondition", /can be used once and was already used on order FD-\d{5}/);
    s.fails("apply_promo_code", { code: "WELCOME20" }, "failed_precondition", /is for a first order only; the user has \d+ past orders/);
    const spot = s.ok("list_promo_codes", {}).items.find((p: { code: string }) => p.code === "NEWSPOT25");
    s.fails("apply_promo_code", { code: "NEWSPOT25" }, "failed_precondition", new RegExp(`is valid only at .*\\(${spot.restaurant_id}\\); the cart is from`));
    const free = openNearby(s).find((x) => x.delivery_fee === 0)!;
    s.ok("clear_food_cart", {});
    fillTo(s, free.id, 20);
    s.fails("apply_promo_code", { code: "FREEDEL" }, "failed_precondition", /waives the delivery fee, but .* already delivers for free/);
  });

  it("a restaurant's first-order code works there, and only until the user has ordered there", () => {
    const s = openSession(food, SEED);
    const spot = s.ok("list_promo_codes", {}).items.find((p: { code: string }) => p.code === "NEWSPOT25");
    fillTo(s, spot.restaurant_id, 30);
    const p = s.ok("apply_promo_code", { code: "NEWSPOT25" });
    expect(p.discount).toBe(money(Math.min(12, p.subtotal * 0.25)));
    // Order there once it opens; then the code no longer applies.
    const place = s.ok("get_restaurant", { restaurant_id: spot.restaurant_id });
    const opens = place.hours[new Date(ms(s.now())).toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" }).toLowerCase()].open as string;
    if (!place.open_now) s.advanceTo(`${s.now().slice(0, 10)}T${opens}:00Z`);
    const o = s.ok("place_food_order", {});
    expect(o).toMatchObject({ promo_code: "NEWSPOT25", discount: p.discount });
    fillTo(s, spot.restaurant_id, 30);
    s.fails("apply_promo_code", { code: "NEWSPOT25" }, "failed_precondition", /is for a first order at .*; the user has ordered there 1 time/);
  });

  it("remove_promo_code takes the code off, and fails when there is none", () => {
    const s = openSession(food, SEED);
    const r = feeAndMinimum(s);
    fillTo(s, r.id, 30);
    s.ok("apply_promo_code", { code: "SAVE5" });
    expect(s.ok("remove_promo_code", {}).removed_code).toBe("SAVE5");
    expect(s.ok("view_food_cart", {}).promo).toBeNull();
    s.fails("remove_promo_code", {}, "failed_precondition", /no promo code is applied/);
  });
});

describe("food_delivery: placing orders", () => {
  it("places the cart's order with fees, promo and tip; empties the cart; the promo becomes used", () => {
    const s = openSession(food, SEED);
    const r = feeAndMinimum(s);
    fillTo(s, r.id, 30);
    s.ok("apply_promo_code", { code: "SAVE5" });
    const cart = s.ok("view_food_cart", {});
    const placedAt = s.now();
    const o = s.ok("place_food_order", { tip: 4.5, dropoff_instructions: "Leave with the doorman" });
    expect(o.id).toMatch(/^FD-\d{5}$/);
    expect(o).toMatchObject({
      status: "placed",
      can_cancel: true,
      restaurant_id: r.id,
      subtotal: cart.subtotal,
      discount: 5,
      tip: 4.5,
      promo_code: "SAVE5",
      delivery_address_id: "ADDR-101",
      dropoff_instructions: "Leave with the doorman",
      placed_at: placedAt,
    });
    expect(o.total).toBe(money(cart.total + 4.5));
    expect(o.eta_minutes).toBe(r.eta_minutes);
    expect(ms(o.preparing_at) - ms(o.placed_at)).toBe(5 * MINUTE);
    expect(s.ok("view_food_cart", {}).item_count).toBe(0);
    expect(s.ok("view_food_cart", {}).promo).toBeNull();
    expect(s.ok("list_promo_codes", { status: "used" }).items.map((p: { code: string }) => p.code)).toContain("SAVE5");
    expect(s.ok("list_food_orders", {}).items[0].id).toBe(o.id);
  });

  it("needs items, an open restaurant, an address in its zone and the minimum order", () => {
    const s = openSession(food, SEED);
    s.fails("place_food_order", {}, "failed_precondition", /the food cart is empty; add dishes with add_to_food_cart/);
    const closed = s.ok("search_restaurants", { open_now: false, delivers_to_me: true }).items[0] as Place;
    fillTo(s, closed.id, 40);
    s.fails(
      "place_food_order",
      {},
      "failed_precondition",
      /is closed now \(09:0\d; on \w+days it is open .*|it is closed all day on \w+days\); order while it is open/,
    );
    s.ok("clear_food_cart", {});
    const r = feeAndMinimum(s);
    const cheapest = dishes(s, r.id).sort((a, b) => a.price - b.price)[0]!;
    add(s, cheapest);
    s.fails(
      "place_food_order",
      { delivery_address_id: "ADDR-103" },
      "failed_precondition",
      /delivers within \d+ km and Parents' place \(ADDR-103\) is [\d.]+ km away; it delivers to Home \(ADDR-101\)/,
    );
    expect(cheapest.price).toBeLessThan(r.min_order);
    s.fails(
      "place_food_order",
      {},
      "failed_precondition",
      new RegExp(
        `has a minimum order of ${r.min_order.toFixed(2)} \\(before fees\\); the cart's subtotal is ${cheapest.price.toFixed(2)}, so add ${(r.min_order - cheapest.price).toFixed(2)} more`,
      ),
    );
    s.fails("place_food_order", { tip: -1 }, "invalid_arguments", /tip cannot be negative/);
  });

  it("checks the promo again when placing", () => {
    const s = openSession(food, SEED);
    const r = feeAndMinimum(s);
    const dish = dishes(s, r.id).sort((a, b) => a.price - b.price)[0]!;
    expect(dish.price).toBeLessThan(25);
    const line = add(s, dish, Math.ceil(30 / dish.price));
    s.ok("apply_promo_code", { code: "SAVE5" });
    const enough = Math.ceil(r.min_order / dish.price); // still above the restaurant's minimum, below the promo's
    expect(dish.price * enough).toBeLessThan(25);
    s.ok("update_food_cart_item", { cart_item_id: line.id, quantity: enough });
    s.fails(
      "place_food_order",
      {},
      "failed_precondition",
      /promo code SAVE5 needs a subtotal of at least 25.00.*; take it off with remove_promo_code or change the cart/,
    );
    expect(s.ok("view_food_cart", {}).promo).toMatchObject({ code: "SAVE5", applies: false, discount: 0 });
    s.ok("remove_promo_code", {});
    expect(s.ok("place_food_order", {}).promo_code).toBeUndefined();
  });
});

describe("food_delivery: order lifecycle", () => {
  it("moves placed → preparing → on_the_way → delivered on the clock", () => {
    const s = openSession(food, SEED);
    const r = feeAndMinimum(s);
    fillTo(s, r.id, 30);
    const o = s.ok("place_food_order", {});
    expect(s.ok("track_food_order", { food_order_id: o.id })).toMatchObject({ status: "placed", can_cancel: true, cancel_before: o.preparing_at });
    s.advanceTo(o.preparing_at);
    const prep = s.ok("track_food_order", { food_order_id: o.id });
    expect(prep).toMatchObject({ status: "preparing", can_cancel: false });
    expect(prep.courier_name).toBeUndefined();
    expect(prep.timeline.map((t: { reached: boolean }) => t.reached)).toEqual([true, true, false, false]);
    s.advanceTo(o.on_the_way_at);
    const way = s.ok("track_food_order", { food_order_id: o.id });
    expect(way.status).toBe("on_the_way");
    expect(way.courier_name).toBe(o.courier_name);
    expect(way.minutes_to_delivery).toBe((ms(o.delivered_at) - ms(o.on_the_way_at)) / MINUTE);
    s.advanceTo(o.delivered_at);
    expect(s.ok("track_food_order", { food_order_id: o.id })).toMatchObject({ status: "delivered", minutes_to_delivery: 0 });
    s.fails("track_food_order", { food_order_id: "FD-00000" }, "not_found", /list_food_orders/);
  });

  it("list_food_orders filters by status and restaurant, newest first", () => {
    const s = openSession(food, SEED);
    const all = s.ok("list_food_orders", { limit: 100 });
    const times = all.items.map((o: { placed_at: string }) => o.placed_at);
    expect(times).toEqual([...times].sort().reverse());
    const preparing = s.ok("list_food_orders", { status: "preparing" });
    expect(preparing.total).toBe(1); // the breakfast order placed twelve minutes before the session starts
    expect(preparing.items[0].placed_at).toBe(new Date(ms(s.now()) - 12 * MINUTE).toISOString().replace(".000", ""));
    const delivered = s.ok("list_food_orders", { status: "delivered", limit: 100 });
    const cancelled = s.ok("list_food_orders", { status: "cancelled", limit: 100 });
    expect(delivered.total + cancelled.total + preparing.total).toBe(all.total);
    const rid = all.items[0].restaurant_id;
    expect(s.ok("list_food_orders", { restaurant_id: rid, limit: 100 }).items.every((o: { restaurant_id: string }) => o.restaurant_id === rid)).toBe(true);
  });

  it("cancel only before preparing; the refund is the total and the promo is free again", () => {
    const s = openSession(food, SEED);
    const r = feeAndMinimum(s);
    fillTo(s, r.id, 30);
    s.ok("apply_promo_code", { code: "SAVE5" });
    const o = s.ok("place_food_order", {});
    const c = s.ok("cancel_food_order", { food_order_id: o.id });
    expect(c).toMatchObject({ status: "cancelled", refund_amount: o.total, can_cancel: false });
    expect(s.ok("list_promo_codes", {}).items.find((p: { code: string }) => p.code === "SAVE5").status).toBe("active");
    s.fails("cancel_food_order", { food_order_id: o.id }, "failed_precondition", /was already cancelled at /);
    const preparing = s.ok("list_food_orders", { status: "preparing" }).items[0];
    s.fails(
      "cancel_food_order",
      { food_order_id: preparing.id },
      "failed_precondition",
      new RegExp(
        `order ${preparing.id} is preparing \\(since .*\\); an order can be cancelled only while 'placed', in the first 5 minutes after ordering, and that window closed at ${preparing.placed_at.slice(0, 14)}`,
      ),
    );
    const delivered = s.ok("list_food_orders", { status: "delivered" }).items[0];
    s.fails("cancel_food_order", { food_order_id: delivered.id }, "failed_precondition", /is delivered .*; rate it with rate_food_order instead/);
    s.fails("cancel_food_order", { food_order_id: "FD-99999" }, "not_found", /list_food_orders/);
  });

  it("rate only delivered orders, once, 1–5; the restaurant's average moves", () => {
    const s = openSession(food, SEED);
    const unrated = s.ok("list_food_orders", { status: "delivered", limit: 100 }).items.find((o: { rating?: number }) => o.rating === undefined);
    const before = s.ok("get_restaurant", { restaurant_id: unrated.restaurant_id });
    s.fails("rate_food_order", { food_order_id: unrated.id, rating: 6 }, "invalid_arguments", /1 to 5 stars/);
    s.fails("rate_food_order", { food_order_id: unrated.id, rating: 0 }, "invalid_arguments", /1 to 5 stars/);
    const rated = s.ok("rate_food_order", { food_order_id: unrated.id, rating: 2, comment: "Cold and late" });
    expect(rated).toMatchObject({ rating: 2, rating_comment: "Cold and late", restaurant_rating_count: before.rating_count + 1 });
    expect(rated.restaurant_rating).toBe(Math.round(((before.rating * before.rating_count + 2) / (before.rating_count + 1)) * 10) / 10);
    expect(s.ok("get_restaurant", { restaurant_id: unrated.restaurant_id }).rating_count).toBe(before.rating_count + 1);
    s.fails("rate_food_order", { food_order_id: unrated.id, rating: 5 }, "already_exists", /was already rated 2 stars on .*; an order can be rated once/);
    const preparing = s.ok("list_food_orders", { status: "preparing" }).items[0];
    s.fails(
      "rate_food_order",
      { food_order_id: preparing.id, rating: 5 },
      "failed_precondition",
      /is preparing; it can be rated once delivered \(expected at .*\)/,
    );
    const cancelled = s.ok("list_food_orders", { status: "cancelled" }).items[0];
    s.fails("rate_food_order", { food_order_id: cancelled.id, rating: 4 }, "failed_precondition", /was cancelled; only delivered orders can be rated/);
    s.fails("rate_food_order", { food_order_id: "FD-99999", rating: 4 }, "not_found");
  });

  it("reorder puts a past order's dishes back in the cart and skips sold-out ones", () => {
    const s = openSession(food, SEED);
    const past = s.ok("list_food_orders", { status: "delivered" }).items[0];
    const full = s.ok("track_food_order", { food_order_id: past.id });
    const r = s.ok("reorder_food_order", { food_order_id: past.id });
    expect(r.from_order).toBe(past.id);
    expect(r.cart.restaurant_id).toBe(past.restaurant_id);
    expect(r.added.length + r.skipped.length).toBe(full.items.length);
    expect(r.cart.item_count).toBe(r.added.reduce((n: number, l: { quantity: number }) => n + l.quantity, 0));
    for (const l of r.added)
      expect(l.unit_price).toBe(
        money(
          dishes(s, past.restaurant_id).find((d) => d.id === l.menu_item_id)!.price + l.options.reduce((n: number, o: { price: number }) => n + o.price, 0),
        ),
      );
    // Reordering into a cart from the same restaurant merges the lines.
    const twice = s.ok("reorder_food_order", { food_order_id: past.id });
    expect(twice.cart.item_count).toBe(2 * r.cart.item_count);
    expect(s.ok("view_food_cart", {}).items.length).toBe(r.added.length);
    s.fails("reorder_food_order", { food_order_id: "FD-99999" }, "not_found");
    // The breakfast order in progress holds a dish that has since sold out.
    const active = s.ok("list_food_orders", { status: "preparing" }).items[0];
    s.fails("reorder_food_order", { food_order_id: active.id }, "failed_precondition", /holds dishes from .* clear it with clear_food_cart first/);
    s.ok("clear_food_cart", {});
    const again = s.ok("reorder_food_order", { food_order_id: active.id });
    expect(again.skipped).toEqual([expect.objectContaining({ reason: "sold out today" })]);
    expect(again.added.length).toBe(2);
  });

  it("reorder fails when none of the dishes can be ordered", () => {
    const s = openSession(food, 2);
    const soldOut = new Set(
      s
        .rows<Dish>("menu_items")
        .filter((d) => !d.available)
        .map((d) => d.id),
    );
    const order = s.rows<{ id: string; lines: Array<{ menu_item_id: string }> }>("food_orders").find((o) => o.lines.every((l) => soldOut.has(l.menu_item_id)))!;
    s.fails(
      "reorder_food_order",
      { food_order_id: order.id },
      "failed_precondition",
      /none of the dishes of order FD-\d{5} can be ordered now: .* \(sold out today\)/,
    );
  });
});

describe("food_delivery: scenario", () => {
  it("finds an open pizzeria-or-other nearby, builds a cart with choices, applies a promo, orders, follows and rates it", () => {
    const s = openSession(food, SEED);
    // 1. Open restaurants that deliver home, best rated first.
    const r = openNearby(s, { sort: "rating" }).find((x) => x.delivery_fee > 0)!;
    // 2. Its menu; 3. the dish with the most option groups.
    const dish = dishes(s, r.id).sort((a, b) => b.modifier_groups.length - a.modifier_groups.length)[0]!;
    const detail = s.ok("get_menu_item", { menu_item_id: dish.id });
    const choices = detail.modifier_groups.filter((g: Group) => g.min > 0).map((g: Group) => g.options[g.options.length - 1]!.id);
    const extraPrice = detail.modifier_groups.filter((g: Group) => g.min > 0).reduce((n: number, g: Group) => n + g.options[g.options.length - 1]!.price, 0);
    // 4. Enough of it for the free-delivery promo.
    const qty = Math.max(2, Math.ceil(Math.max(15, r.min_order) / (detail.price + extraPrice)));
    const line = s.ok("add_to_food_cart", { menu_item_id: detail.id, quantity: qty, options: choices });
    expect(line.unit_price).toBe(money(detail.price + extraPrice));
    // 5. Free delivery.
    const promo = s.ok("apply_promo_code", { code: "FREEDEL" });
    expect(promo.discount).toBe(r.delivery_fee);
    // 6. Order it.
    const order = s.ok("place_food_order", { tip: 3 });
    expect(order.total).toBe(money(promo.total + 3));
    expect(order.lines[0]).toMatchObject({ menu_item_id: detail.id, quantity: qty });
    // 7. Follow it until it arrives.
    s.advanceTo(order.delivered_at);
    expect(s.ok("track_food_order", { food_order_id: order.id }).status).toBe("delivered");
    // 8. Rate it.
    expect(s.ok("rate_food_order", { food_order_id: order.id, rating: 5 }).rating).toBe(5);
    expect(s.ok("list_food_orders", { restaurant_id: r.id }).items[0]).toMatchObject({ id: order.id, status: "delivered", rating: 5 });
  });
});
