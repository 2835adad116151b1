/** Food delivery's seed, checked against the rules of a delivery app (and its accountant). */
import { describe, expect, it } from "vitest";
import { CUISINES } from "../../ts/servers/food_delivery/catalog.ts";
import food from "../../ts/servers/food_delivery/index.ts";
import { GROUPS, MENUS } from "../../ts/servers/food_delivery/seed/menus.ts";
import type { DeliveryAddress, FoodOrder, MenuItem, PromoCode, Restaurant } from "../../ts/servers/food_delivery/state.ts";
import { seedRules } from "../helpers/seed-rules.ts";

const cents = (x: number) => Math.round(x * 100);
const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

seedRules(food, {
  "a line costs its unit price (dish plus options) times its quantity, and the subtotal is the sum of the lines": (s) => {
    const menu = new Map(s.rows<MenuItem>("menu_items").map((m) => [m.id, m]));
    for (const o of s.rows<FoodOrder>("food_orders")) {
      for (const l of o.lines) {
        expect(cents(l.unit_price), o.id).toBe(cents(menu.get(l.menu_item_id)!.price) + l.options.reduce((n, x) => n + cents(x.price), 0));
        expect(cents(l.line_total), o.id).toBe(cents(l.unit_price) * l.quantity);
      }
      expect(cents(o.subtotal)).toBe(o.lines.reduce((n, l) => n + cents(l.line_total), 0));
    }
  },
  "the bill adds up: service fee 10% of the subtotal (2.00 to 12.00), tax 8.75% of the food after discounts, total = subtotal + delivery + service + tax + tip - discount":
    (s) => {
      for (const o of s.rows<FoodOrder>("food_orders")) {
        expect(o.service_fee, o.id).toBeCloseTo(Math.min(12, Math.max(2, o.subtotal * 0.1)), 2);
        const foodDiscount = o.promo_code === "FREEDEL" ? 0 : o.discount;
        expect(o.tax, o.id).toBeCloseTo((o.subtotal - foodDiscount) * 0.0875, 2);
        expect(cents(o.total), o.id).toBe(cents(o.subtotal) + cents(o.delivery_fee) + cents(o.service_fee) + cents(o.tax) + cents(o.tip) - cents(o.discount));
      }
    },
  "every order reached its restaurant's minimum (and 12.00), and went to an address inside the delivery radius": (s) => {
    const addresses = new Map(s.rows<DeliveryAddress>("delivery_addresses").map((a) => [a.id, a]));
    for (const o of s.rows<FoodOrder>("food_orders")) {
      const r = s.row<Restaurant>("restaurants", o.restaurant_id);
      expect(o.subtotal, o.id).toBeGreaterThanOrEqual(Math.max(r.min_order, 12));
      expect(km(r, addresses.get(o.delivery_address_id)!), o.id).toBeLessThanOrEqual(r.delivery_radius_km + 0.05);
    }
  },
  "an order was placed while its restaurant was open": (s) => {
    for (const o of s.rows<FoodOrder>("food_orders")) {
      const h = s.row<Restaurant>("restaurants", o.restaurant_id).hours[WEEKDAYS[new Date(o.placed_at).getUTCDay()]!];
      expect(h, o.id).toBeTruthy();
      const t = minutes(o.placed_at.slice(11, 16));
      expect(t >= minutes(h!.open) && t < minutes(h!.close === "24:00" ? "24:00" : h!.close), `${o.id} ${o.placed_at} ${h!.open}-${h!.close}`).toBe(true);
    }
  },
  "an order moves forward in time: placed, preparing, on the way, delivered; a cancelled one within minutes; a rating after delivery and before now": (s) => {
    for (const o of s.rows<FoodOrder>("food_orders")) {
      expect(o.placed_at < o.preparing_at! && o.preparing_at! < o.on_the_way_at! && o.on_the_way_at! < o.delivered_at!, o.id).toBe(true);
      expect(o.placed_at < s.world.now, o.id).toBe(true);
      if (o.cancelled_at) expect(o.cancelled_at <= o.preparing_at! && o.rating === undefined, o.id).toBe(true);
      if (o.rated_at) expect(o.rated_at > o.delivered_at! && o.rated_at <= s.world.now, o.id).toBe(true);
    }
  },
  "exactly one order is on its way at the session's start, placed twelve minutes earlier; one past order was cancelled": (s) => {
    const orders = s.rows<FoodOrder>("food_orders");
    const live = orders.filter((o) => !o.cancelled_at && o.delivered_at! > s.world.now);
    expect(live).toHaveLength(1);
    expect(Date.parse(s.world.now) - Date.parse(live[0]!.placed_at)).toBe(12 * 60_000);
    expect(orders.filter((o) => o.cancelled_at)).toHaveLength(1);
  },
  "promo codes: THANKS10 was used once, on a delivered order; SUMMER10 has expired; NEWSPOT25 is for a place never ordered from": (s) => {
    const orders = s.rows<FoodOrder>("food_orders");
    const promos = new Map(s.rows<PromoCode>("promo_codes").map((p) => [p.code, p]));
    const used = orders.filter((o) => o.promo_code === "THANKS10");
    expect(used).toHaveLength(1);
    expect(used[0]!.cancelled_at).toBeUndefined();
    expect(used[0]!.subtotal).toBeGreaterThanOrEqual(promos.get("THANKS10")!.min_subtotal);
    expect(promos.get("SUMMER10")!.expires_at < s.world.now).toBe(true);
    const spot = promos.get("NEWSPOT25")!;
    expect(orders.some((o) => o.restaurant_id === spot.restaurant_id)).toBe(false);
  },
  "one default address, home; the parents' place is outside every restaurant's delivery zone": (s) => {
    const addresses = s.rows<DeliveryAddress>("delivery_addresses");
    expect(addresses.filter((a) => a.is_default).map((a) => a.label)).toEqual(["Home"]);
    const parents = addresses.find((a) => a.label === "Parents' place")!;
    for (const r of s.rows<Restaurant>("restaurants")) expect(km(r, parents), r.name).toBeGreaterThan(r.delivery_radius_km);
  },
  "48 to 64 restaurants, every one of the 13 cuisines among them, each with a menu whose prices end in .49 or .99": (s) => {
    const restaurants = s.rows<Restaurant>("restaurants");
    expect(restaurants.length).toBeGreaterThanOrEqual(48);
    expect(restaurants.length).toBeLessThanOrEqual(64);
    expect(new Set(restaurants.map((r) => r.cuisine)).size).toBe(13);
    const menu = s.rows<MenuItem>("menu_items");
    for (const r of restaurants)
      expect(
        menu.some((m) => m.restaurant_id === r.id),
        r.name,
      ).toBe(true);
    for (const m of menu) expect([49, 99], `${m.name} ${m.price}`).toContain(cents(m.price) % 100);
  },
});

describe("food_delivery seed: the menus it draws from", () => {
  it("every cuisine has six distinct restaurant names and each dish a name, a category, a description and a price", () => {
    for (const c of CUISINES) {
      const { names, dishes } = MENUS[c];
      expect(names.length, c).toBe(6);
      expect(new Set(names).size, c).toBe(6);
      for (const n of names) expect(n.trim().length, c).toBeGreaterThan(3);
      expect(dishes.length, c).toBeGreaterThanOrEqual(9);
      for (const [name, category, price, description] of dishes) {
        expect(name.trim().length, c).toBeGreaterThan(3);
        expect(category.trim().length, name).toBeGreaterThan(2);
        expect(description.trim().length, name).toBeGreaterThan(5);
        expect(price, name).toBeGreaterThan(0);
      }
    }
  });

  it("option groups: an id and a name, two or more options each with a slug and a name, required ones start with a free option", () => {
    for (const [key, g] of Object.entries(GROUPS)) {
      expect(g.id, key).toMatch(/^[a-z]+$/);
      expect(g.name.trim().length, key).toBeGreaterThan(2);
      expect(g.options.length, key).toBeGreaterThanOrEqual(2);
      expect(new Set(g.options.map((o) => o.slug)).size, key).toBe(g.options.length);
      for (const o of g.options) {
        expect(o.slug, key).toMatch(/^[a-z_]+$/);
        expect(o.name.trim().length, `${key} ${o.slug}`).toBeGreaterThan(2);
        expect(o.price, `${key} ${o.slug}`).toBeGreaterThanOrEqual(0);
      }
      if (g.min > 0) expect([g.min, g.max, g.options[0]!.price], key).toEqual([1, 1, 0]);
      else expect(g.max, key).toBeGreaterThanOrEqual(1);
    }
  });

  it("a pizza comes small (free), medium (+3) or large (+6), on a classic, thin or gluten-free (+2.50) crust, with up to 4 toppings", () => {
    const g = (k: keyof typeof GROUPS) => [
      GROUPS[k].id,
      GROUPS[k].name,
      GROUPS[k].min,
      GROUPS[k].max,
      GROUPS[k].options.map((o) => `${o.slug} ${o.price}`).join(", "),
    ];
    expect(g("pizza_size")).toEqual(["size", "Size", 1, 1, "small 0, medium 3, large 6"]);
    expect(g("crust")).toEqual(["crust", "Crust", 1, 1, "classic 0, thin 0, gluten_free 2.5"]);
    expect(g("toppings")).toEqual(["topping", "Extra toppings", 0, 4, "pepperoni 2, mushrooms 1.5, olives 1.5, extra_cheese 2, jalapenos 1, basil 1"]);
    expect(g("add_protein")).toEqual(["protein", "Add protein", 0, 1, "chicken 4, shrimp 6, salmon 7, tofu 3"]);
    expect(g("spice")).toEqual(["spice", "Spice level", 1, 1, "mild 0, medium 0, hot 0, extra_hot 0"]);
  });
});
