/**
 * Food delivery tools: find restaurants and dishes, build a cart with modifiers, apply promo
 * codes, place orders, follow them on the clock, cancel, rate and reorder.
 *
 * Rules a delivery app enforces and this one does too:
 * - the cart holds dishes from one restaurant only; adding from another asks to clear it first;
 * - a dish's required choices (size, protein, spice…) must be made, at most `max` per group,
 *   only options the dish offers; sold-out dishes cannot be added; at most 20 of one dish;
 * - an order is placed only while the restaurant is open, to an address inside its delivery
 *   radius, for a subtotal at or above its minimum order;
 * - a promo code applies only before it expires, above its minimum subtotal, at its restaurant
 *   when it names one, on a first order when it says so, and once when it is single-use;
 *   it is checked again when the order is placed;
 * - an order goes placed → preparing (after 5 minutes) → on_the_way (when the restaurant's
 *   preparation time is over) → delivered (after the ride), on the clock; it can be cancelled
 *   only while still placed, and rated (1–5 stars) only once delivered, and only once.
 */
import {
  check,
  descending,
  distanceKm,
  fail,
  formatMoney,
  hoursOn,
  hoursSentence,
  isOpenAt,
  matchesText,
  money,
  page,
  paginate,
  ref,
  roundMoney,
  text,
  time,
  z,
  type CallEnv,
} from "../framework/index.ts";
import { CUISINES, DIETARY } from "./catalog.ts";
import {
  CANCEL_WINDOW_MINUTES,
  CART_ID,
  ORDER_STATUSES,
  orderStatus,
  price,
  priceLevel,
  read,
  travelMinutes,
  write,
  type CartItem,
  type ChosenOption,
  type DeliveryAddress,
  type Food,
  type FoodOrder,
  type MenuItem,
  type PromoCode,
  type Restaurant,
} from "./state.ts";

export const MAX_PER_DISH = 20;

const restaurantId = (description: string) => ref("restaurant", description);
const addressId = (description: string) => ref("delivery_address", description);
const orderId = (description: string) => ref("food_order", description);
const optionIds = z
  .array(z.string().trim().min(1).max(60))
  .max(20)
  .describe("Ids of the chosen options, e.g. ['size_large', 'topping_mushrooms'] (get_menu_item lists each dish's options and which choices are required)");
const quantity = z.number().int("quantity is a whole number").min(1, "quantity must be at least 1").max(MAX_PER_DISH, `at most ${MAX_PER_DISH} of one dish`);

const named = (r: { id: string; name: string }) => `${r.name} (${r.id})`;
const km1 = (x: number) => Math.round(x * 10) / 10;

function defaultAddress(db: Food): DeliveryAddress | undefined {
  return db.delivery_addresses.find((a) => a.is_default) ?? db.delivery_addresses.all()[0];
}

function addressFor(db: Food, id: string | undefined): DeliveryAddress {
  if (id !== undefined) return db.delivery_addresses.need(id);
  const a = defaultAddress(db);
  check(a, "no delivery address is saved; the user must add one in the app", "failed_precondition");
  return a;
}

/** A restaurant as lists show it, relative to a delivery address. */
function restaurantSummary(r: Restaurant, address: DeliveryAddress | undefined, now: string) {
  const km = address ? km1(distanceKm(r, address)) : undefined;
  return {
    id: r.id,
    name: r.name,
    cuisine: r.cuisine,
    rating: r.rating,
    rating_count: r.rating_count,
    price_level: priceLevel(r.price_level),
    delivery_fee: r.delivery_fee,
    min_order: r.min_order,
    open_now: isOpenAt(r.hours, now),
    hours_today: hoursOn(r.hours, now),
    ...(km !== undefined ? { distance_km: km, delivers_to_address: km <= r.delivery_radius_km, eta_minutes: r.prep_minutes + travelMinutes(km) } : {}),
  };
}

function optionsSentence(item: MenuItem): string {
  if (item.modifier_groups.length === 0) return `${item.name} has no options`;
  return item.modifier_groups
    .map(
      (g) =>
        `${g.name} (${g.min > 0 ? `required, choose ${g.min === g.max ? g.min : `${g.min}–${g.max}`}` : `optional, up to ${g.max}`}): ${g.options.map((o) => `${o.id}${o.price ? ` (+${formatMoney(o.price)})` : ""}`).join(", ")}`,
    )
    .join("; ");
}

/** The chosen options of a dish, validated against its modifier groups. */
function resolveOptions(item: MenuItem, ids: readonly string[]): ChosenOption[] {
  const seen = new Set<string>();
  const chosen: ChosenOption[] = [];
  for (const raw of ids) {
    const id = raw.trim().toLowerCase();
    check(!seen.has(id), `option '${id}' is chosen twice for ${item.name}; give each option once`, "invalid_argument");
    seen.add(id);
    const group = item.modifier_groups.find((g) => g.options.some((o) => o.id === id));
    if (!group) fail(`'${raw}' is not an option of ${item.name} (${item.id}); valid options: ${optionsSentence(item)}`, "invalid_argument");
    const option = group.options.find((o) => o.id === id)!;
    chosen.push({ group_id: group.id, group: group.name, option_id: option.id, name: option.name, price: option.price });
  }
  for (const g of item.modifier_groups) {
    const n = chosen.filter((c) => c.group_id === g.id).length;
    check(
      n <= g.max,
      `${item.name} allows at most ${g.max} choice${g.max === 1 ? "" : "s"} of ${g.name}; ${n} were given (${chosen
        .filter((c) => c.group_id === g.id)
        .map((c) => c.option_id)
        .join(", ")})`,
      "invalid_argument",
    );
    check(
      n >= g.min,
      `${item.name} needs a choice of ${g.name} (required): one of ${g.options.map((o) => `${o.id}${o.price ? ` (+${formatMoney(o.price)})` : ""}`).join(", ")}`,
      "invalid_argument",
    );
  }
  return chosen;
}

const unitPrice = (item: MenuItem, options: readonly ChosenOption[]) => roundMoney(item.price + options.reduce((s, o) => s + o.price, 0));
const sameChoice = (a: readonly ChosenOption[], b: readonly ChosenOption[]) =>
  a
    .map((o) => o.option_id)
    .sort()
    .join("|") ===
  b
    .map((o) => o.option_id)
    .sort()
    .join("|");

function cartItems(db: Food): CartItem[] {
  return db.cart_items.all();
}

function cartPromo(db: Food): string | undefined {
  return db.cart.get(CART_ID)?.promo_code;
}

function setCartPromo(db: Food, code: string | undefined, env: CallEnv): void {
  db.cart.put({ id: CART_ID, ...(code ? { promo_code: code } : {}), updated_at: env.now });
}

function subtotalOf(items: readonly CartItem[]): number {
  return roundMoney(items.reduce((s, i) => s + i.unit_price * i.quantity, 0));
}

/** Non-cancelled orders, optionally at one restaurant. */
function pastOrders(db: Food, restaurant?: string): FoodOrder[] {
  return db.food_orders.filter((o) => !o.cancelled_at && (!restaurant || o.restaurant_id === restaurant));
}

/** A promo code the user holds, in any case. */
export function needPromo(db: Food, raw: string): PromoCode {
  return (
    db.promo_codes.get(raw.trim().toUpperCase()) ??
    fail(`promo code '${raw}' does not exist in this account; list_promo_codes shows the codes the user holds`, "not_found")
  );
}

/** Why a promo code cannot apply to an order from `r` of `subtotal` now, or undefined when it can. */
function promoProblem(db: Food, p: PromoCode, r: Restaurant, subtotal: number, now: string): string | undefined {
  if (now >= p.expires_at) return `promo code ${p.code} expired on ${p.expires_at.slice(0, 10)}`;
  if (p.restaurant_id && p.restaurant_id !== r.id) {
    const at = db.restaurants.get(p.restaurant_id);
    return `promo code ${p.code} is valid only at ${at ? named(at) : p.restaurant_id}; the cart is from ${named(r)}`;
  }
  if (p.first_order_only) {
    const previous = pastOrders(db, p.restaurant_id);
    if (previous.length > 0) {
      return p.restaurant_id
        ? `promo code ${p.code} is for a first order at ${named(r)}; the user has ordered there ${previous.length} time${previous.length === 1 ? "" : "s"}`
        : `promo code ${p.code} is for a first order only; the user has ${previous.length} past order${previous.length === 1 ? "" : "s"}`;
    }
  }
  if (p.once_per_customer) {
    const used = db.food_orders.find((o) => o.promo_code === p.code && !o.cancelled_at);
    if (used) return `promo code ${p.code} can be used once and was already used on order ${used.id} (${used.placed_at.slice(0, 10)})`;
  }
  if (subtotal < p.min_subtotal)
    return `promo code ${p.code} needs a subtotal of at least ${formatMoney(p.min_subtotal)}; the cart's subtotal is ${formatMoney(subtotal)}, so add ${formatMoney(roundMoney(p.min_subtotal - subtotal))} more`;
  if (p.kind === "free_delivery" && r.delivery_fee === 0) return `promo code ${p.code} waives the delivery fee, but ${named(r)} already delivers for free`;
  return undefined;
}

function promoStatus(db: Food, p: PromoCode, now: string): "active" | "expired" | "used" {
  if (now >= p.expires_at) return "expired";
  if (p.once_per_customer && db.food_orders.find((o) => o.promo_code === p.code && !o.cancelled_at)) return "used";
  return "active";
}

function lineView(i: CartItem) {
  return { ...i, line_total: roundMoney(i.unit_price * i.quantity) };
}

/** The whole cart: restaurant, lines, prices with the promo, and what stands between it and an order. */
function cartView(db: Food, env: CallEnv, addressIdValue?: string) {
  const items = cartItems(db);
  const address = addressFor(db, addressIdValue);
  const code = cartPromo(db);
  if (items.length === 0) {
    return {
      restaurant: null,
      items: [],
      item_count: 0,
      subtotal: 0,
      total: 0,
      promo: null,
      delivery_address_id: address.id,
      ready_to_order: false,
      issues: ["the cart is empty: add dishes with add_to_food_cart"],
    };
  }
  const r = db.restaurants.need((items[0] as CartItem).restaurant_id);
  const subtotal = subtotalOf(items);
  const promo = code ? db.promo_codes.get(code) : undefined;
  const problem = code ? (promo ? promoProblem(db, promo, r, subtotal, env.now) : `promo code ${code} no longer exists`) : undefined;
  const pricing = price(subtotal, r, problem ? undefined : promo, 0);
  const km = km1(distanceKm(r, address));
  const issues: string[] = [];
  if (!isOpenAt(r.hours, env.now)) issues.push(`${named(r)} is closed now (${hoursSentence(r.hours, env.now)})`);
  if (km > r.delivery_radius_km) issues.push(`${named(r)} delivers within ${r.delivery_radius_km} km; ${address.label} (${address.id}) is ${km} km away`);
  if (subtotal < r.min_order)
    issues.push(`the minimum order at ${r.name} is ${formatMoney(r.min_order)}; add ${formatMoney(roundMoney(r.min_order - subtotal))} more`);
  if (problem) issues.push(problem);
  return {
    restaurant: { id: r.id, name: r.name, open_now: isOpenAt(r.hours, env.now), min_order: r.min_order, delivery_radius_km: r.delivery_radius_km },
    items: items.map(lineView),
    item_count: items.reduce((n, i) => n + i.quantity, 0),
    ...pricing,
    promo: code ? { code, applies: !problem, discount: problem ? 0 : pricing.discount, ...(problem ? { problem } : {}) } : null,
    delivery_address_id: address.id,
    distance_km: km,
    eta_minutes: r.prep_minutes + travelMinutes(km),
    ready_to_order: issues.length === 0,
    issues,
  };
}

function cartSummary(db: Food) {
  const items = cartItems(db);
  return {
    restaurant_id: items[0]?.restaurant_id ?? null,
    item_count: items.reduce((n, i) => n + i.quantity, 0),
    subtotal: subtotalOf(items),
    promo_code: cartPromo(db) ?? null,
  };
}

/** The cart may take dishes from `r` only when it is empty or already holds dishes from `r`. */
function checkSameRestaurant(db: Food, r: Restaurant): void {
  const current = cartItems(db)[0];
  if (current && current.restaurant_id !== r.id) {
    const other = db.restaurants.get(current.restaurant_id);
    fail(
      `the food cart holds dishes from ${other ? named(other) : current.restaurant_id}; a cart takes dishes from one restaurant only: clear it with clear_food_cart first to order from ${named(r)}`,
    );
  }
}

/** Adds a line to the cart, merging with an identical line. */
function addLine(db: Food, item: MenuItem, options: ChosenOption[], qty: number, instructions: string, env: CallEnv): CartItem {
  const same = db.cart_items.find((c) => c.menu_item_id === item.id && sameChoice(c.options, options) && c.special_instructions === instructions);
  if (same) {
    check(
      same.quantity + qty <= MAX_PER_DISH,
      `at most ${MAX_PER_DISH} of one dish per order; the cart already holds ${same.quantity} × ${item.name} (${same.id})`,
      "limit_exceeded",
    );
    return db.cart_items.update(same.id, { quantity: same.quantity + qty });
  }
  const line = db.cart_items.create({
    restaurant_id: item.restaurant_id,
    menu_item_id: item.id,
    name: item.name,
    quantity: qty,
    options,
    unit_price: unitPrice(item, options),
    special_instructions: instructions,
    added_at: env.now,
  });
  db.cart.put({ id: CART_ID, ...(cartPromo(db) ? { promo_code: cartPromo(db) } : {}), updated_at: env.now });
  return line;
}

function orderView(o: FoodOrder, now: string) {
  const status = orderStatus(o, now);
  return {
    ...o,
    status,
    can_cancel: status === "placed",
    minutes_to_delivery: status === "cancelled" || status === "delivered" ? 0 : Math.max(0, time.minutesBetween(now, o.delivered_at)),
  };
}

function orderSummary(o: FoodOrder, now: string) {
  return {
    id: o.id,
    restaurant_id: o.restaurant_id,
    restaurant_name: o.restaurant_name,
    status: orderStatus(o, now),
    placed_at: o.placed_at,
    item_count: o.lines.reduce((n, l) => n + l.quantity, 0),
    items: o.lines.map((l) => `${l.quantity} × ${l.name}`).join(", "),
    total: o.total,
    ...(o.promo_code ? { promo_code: o.promo_code } : {}),
    ...(o.rating ? { rating: o.rating } : {}),
  };
}

export const tools = {
  search_restaurants: read({
    description:
      "Find restaurants that deliver in the user's city by name, cuisine or dish, with filters (open now, minimum rating, price level, delivery fee, dietary, delivers to the user's address) and a sort. Each result has rating, price level, fee, minimum order, distance, whether it delivers to the address and an ETA in minutes.",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Text in the restaurant's name or cuisine, or a dish it serves, e.g. 'pad thai'"),
        cuisine: z.enum(CUISINES).optional().describe("Only this cuisine"),
        open_now: z.boolean().optional().describe("true: only restaurants open right now"),
        min_rating: z.number().min(1).max(5).optional().describe("Only restaurants rated at least this (1–5)"),
        max_price_level: z.number().int().min(1).max(4).optional().describe("1 = $ … 4 = $$$$; only restaurants at or below this"),
        max_delivery_fee: z.number().min(0).max(50).optional().describe("Only restaurants whose delivery fee is at most this; 0 for free delivery"),
        dietary: z.enum(DIETARY).optional().describe("Only restaurants with at least one dish tagged so"),
        delivers_to_me: z.boolean().optional().describe("true: only restaurants that deliver to the address (default address unless delivery_address_id)"),
        delivery_address_id: addressId("Address to measure distance and delivery zone from; default the user's default address").optional(),
        sort: z
          .enum(["recommended", "rating", "distance", "delivery_fee", "eta"])
          .default("recommended")
          .describe("recommended: open and delivering first, then by rating"),
        ...page,
      })
      .strict(),
    discovers: "restaurant",
    run: (db, a, env) => {
      const address = addressFor(db, a.delivery_address_id);
      const dishMatch = new Set<string>();
      const dietMatch = new Set<string>();
      for (const m of db.menu_items.all()) {
        if (a.query && matchesText(a.query, m.name)) dishMatch.add(m.restaurant_id);
        if (a.dietary && m.dietary.includes(a.dietary)) dietMatch.add(m.restaurant_id);
      }
      const rows = db.restaurants
        .filter(
          (r) =>
            (!a.query || matchesText(a.query, r.name, r.cuisine) || dishMatch.has(r.id)) &&
            (!a.cuisine || r.cuisine === a.cuisine) &&
            (a.open_now === undefined || isOpenAt(r.hours, env.now) === a.open_now) &&
            (a.min_rating === undefined || r.rating >= a.min_rating) &&
            (a.max_price_level === undefined || r.price_level <= a.max_price_level) &&
            (a.max_delivery_fee === undefined || r.delivery_fee <= a.max_delivery_fee) &&
            (!a.dietary || dietMatch.has(r.id)),
        )
        .map(
          (r) =>
            restaurantSummary(r, address, env.now) as ReturnType<typeof restaurantSummary> & {
              distance_km: number;
              delivers_to_address: boolean;
              eta_minutes: number;
            },
        )
        .filter((x) => a.delivers_to_me === undefined || x.delivers_to_address === a.delivers_to_me);
      const by: Record<typeof a.sort, (x: (typeof rows)[number], y: (typeof rows)[number]) => number> = {
        recommended: (x, y) => Number(y.open_now) - Number(x.open_now) || Number(y.delivers_to_address) - Number(x.delivers_to_address) || y.rating - x.rating,
        rating: (x, y) => y.rating - x.rating || y.rating_count - x.rating_count,
        distance: (x, y) => x.distance_km - y.distance_km,
        delivery_fee: (x, y) => x.delivery_fee - y.delivery_fee || y.rating - x.rating,
        eta: (x, y) => x.eta_minutes - y.eta_minutes,
      };
      rows.sort((x, y) => by[a.sort](x, y) || (x.id < y.id ? -1 : 1));
      return { delivery_address_id: address.id, ...paginate(rows, a) };
    },
  }),

  get_restaurant: read({
    description:
      "One restaurant in full: address, weekly hours, open now, rating, price level, delivery fee, minimum order, delivery radius, menu categories, and for each of the user's saved addresses the distance, whether it delivers there and the ETA.",
    input: z.object({ restaurant_id: restaurantId("The restaurant, e.g. 'RST-1001'") }).strict(),
    run: (db, a, env) => {
      const r = db.restaurants.need(a.restaurant_id);
      const menu = db.menu_items.filter((m) => m.restaurant_id === r.id);
      return {
        ...r,
        price_level: priceLevel(r.price_level),
        open_now: isOpenAt(r.hours, env.now),
        hours_today: hoursOn(r.hours, env.now),
        menu_categories: [...new Set(menu.map((m) => m.category))],
        dish_count: menu.length,
        delivery: db.delivery_addresses.all().map((ad) => {
          const km = km1(distanceKm(r, ad));
          return {
            delivery_address_id: ad.id,
            label: ad.label,
            distance_km: km,
            delivers: km <= r.delivery_radius_km,
            eta_minutes: r.prep_minutes + travelMinutes(km),
          };
        }),
      };
    },
  }),

  get_menu: read({
    description:
      "A restaurant's menu: its dishes with price, description, dietary tags, whether sold out, and their option groups (required choices and extras with prices). Filter by menu category or dietary tag.",
    input: z
      .object({
        restaurant_id: restaurantId("The restaurant"),
        category: z.string().trim().max(60).optional().describe("Only this menu category, e.g. 'Pizzas' or 'Drinks'"),
        dietary: z.enum(DIETARY).optional().describe("Only dishes tagged so"),
        available_only: z.boolean().default(false).describe("true: hide sold-out dishes"),
        ...page,
      })
      .strict(),
    discovers: "menu_item",
    run: (db, a, env) => {
      const r = db.restaurants.need(a.restaurant_id);
      const all = db.menu_items.filter((m) => m.restaurant_id === r.id);
      const items = all.filter(
        (m) => matchesText(a.category, m.category) && (!a.dietary || m.dietary.includes(a.dietary)) && (!a.available_only || m.available),
      );
      return {
        restaurant: { id: r.id, name: r.name, open_now: isOpenAt(r.hours, env.now) },
        categories: [...new Set(all.map((m) => m.category))],
        ...paginate(items, a),
      };
    },
  }),

  get_menu_item: read({
    description:
      "One dish with its option groups: which choices are required, how many may be picked, and each option's id and extra price. Use the option ids with add_to_food_cart.",
    input: z.object({ menu_item_id: ref("menu_item", "The dish, e.g. 'ITEM-10001'") }).strict(),
    run: (db, a) => {
      const m = db.menu_items.need(a.menu_item_id);
      const r = db.restaurants.need(m.restaurant_id);
      return {
        ...m,
        restaurant_name: r.name,
        required_groups: m.modifier_groups.filter((g) => g.min > 0).map((g) => g.id),
        options_summary: optionsSentence(m),
      };
    },
  }),

  search_menu_items: read({
    description:
      "Search dishes across all restaurants by text (name or description), with filters (dietary tag, maximum price, cuisine, open now, delivers to the user's default address). Returns dishes with their restaurant.",
    input: z
      .object({
        query: z.string().trim().min(2).max(100).describe("Dish to look for, e.g. 'ramen' or 'burrito'"),
        dietary: z.enum(DIETARY).optional().describe("Only dishes tagged so"),
        max_price: z.number().positive().max(1000).optional().describe("Only dishes whose base price is at most this"),
        cuisine: z.enum(CUISINES).optional().describe("Only restaurants of this cuisine"),
        open_now: z.boolean().optional().describe("true: only restaurants open right now"),
        delivers_to_me: z.boolean().optional().describe("true: only restaurants that deliver to the default address"),
        ...page,
      })
      .strict(),
    discovers: "menu_item",
    run: (db, a, env) => {
      const address = defaultAddress(db);
      const rows = db.menu_items
        .filter(
          (m) =>
            matchesText(a.query, m.name, m.description) &&
            (!a.dietary || m.dietary.includes(a.dietary)) &&
            (a.max_price === undefined || m.price <= a.max_price),
        )
        .flatMap((m) => {
          const r = db.restaurants.get(m.restaurant_id);
          if (!r) return [];
          if (a.cuisine && r.cuisine !== a.cuisine) return [];
          if (a.open_now !== undefined && isOpenAt(r.hours, env.now) !== a.open_now) return [];
          const delivers = address ? distanceKm(r, address) <= r.delivery_radius_km : false;
          if (a.delivers_to_me !== undefined && delivers !== a.delivers_to_me) return [];
          return [
            {
              id: m.id,
              name: m.name,
              description: m.description,
              price: m.price,
              dietary: m.dietary,
              available: m.available,
              has_required_options: m.modifier_groups.some((g) => g.min > 0),
              restaurant_id: r.id,
              restaurant_name: r.name,
              cuisine: r.cuisine,
              rating: r.rating,
              open_now: isOpenAt(r.hours, env.now),
              delivers_to_me: delivers,
            },
          ];
        });
      return paginate(rows, a);
    },
  }),

  list_delivery_addresses: read({
    description: "The user's saved delivery addresses with coordinates, drop-off instructions and which one is the default.",
    input: z.object({ ...page }).strict(),
    discovers: "delivery_address",
    run: (db, a) => db.delivery_addresses.page(a),
  }),

  set_default_delivery_address: write({
    description: "Make a saved address the default for searches, the cart and new orders.",
    input: z.object({ delivery_address_id: addressId("The address to make the default, e.g. 'ADDR-102'") }).strict(),
    run: (db, a) => {
      const target = db.delivery_addresses.need(a.delivery_address_id);
      for (const ad of db.delivery_addresses.filter((x) => x.is_default && x.id !== target.id)) db.delivery_addresses.update(ad.id, { is_default: false });
      return db.delivery_addresses.update(target.id, { is_default: true });
    },
  }),

  add_to_food_cart: write({
    description:
      "Add a dish to the food cart with its options (required choices such as size or protein, and extras). The cart holds dishes from one restaurant only. An identical line (same dish, options and instructions) is merged. Returns the cart line and the cart's subtotal.",
    input: z
      .object({
        menu_item_id: ref("menu_item", "The dish to add"),
        quantity: quantity.default(1).describe(`How many (1–${MAX_PER_DISH})`),
        options: optionIds.default([]),
        special_instructions: text("Note for the kitchen, e.g. 'no onions'", 200).default(""),
      })
      .strict(),
    produces: "cart_item",
    run: (db, a, env) => {
      const item = db.menu_items.need(a.menu_item_id);
      const r = db.restaurants.need(item.restaurant_id);
      checkSameRestaurant(db, r);
      check(item.available, `${item.name} (${item.id}) is sold out at ${r.name} today; choose another dish from get_menu with available_only: true`);
      const options = resolveOptions(item, a.options);
      const line = addLine(db, item, options, a.quantity, a.special_instructions.trim(), env);
      return {
        ...lineView(line),
        cart: cartSummary(db),
        ...(isOpenAt(r.hours, env.now)
          ? {}
          : { warning: `${r.name} is closed now (${hoursSentence(r.hours, env.now)}); the order can be placed once it opens` }),
      };
    },
  }),

  update_food_cart_item: write({
    description:
      "Change a line of the food cart: its quantity, its options (the new list replaces the old one and is checked again), or its kitchen note. Returns the updated line.",
    input: z
      .object({
        cart_item_id: ref("cart_item", "The cart line, e.g. 'CI-1001' (view_food_cart lists them)"),
        quantity: quantity.optional().describe(`New quantity (1–${MAX_PER_DISH}); to drop the line use remove_from_food_cart`),
        options: optionIds.optional(),
        special_instructions: text("New note for the kitchen", 200).optional(),
      })
      .strict(),
    run: (db, a, env) => {
      check(
        a.quantity !== undefined || a.options !== undefined || a.special_instructions !== undefined,
        "give at least one of quantity, options or special_instructions to change",
        "invalid_argument",
      );
      const line = db.cart_items.need(a.cart_item_id);
      const item = db.menu_items.need(line.menu_item_id);
      const options = a.options !== undefined ? resolveOptions(item, a.options) : line.options;
      const updated = db.cart_items.update(line.id, {
        quantity: a.quantity ?? line.quantity,
        options,
        unit_price: a.options !== undefined ? unitPrice(item, options) : line.unit_price,
        special_instructions: a.special_instructions !== undefined ? a.special_instructions.trim() : line.special_instructions,
      });
      setCartPromo(db, cartPromo(db), env);
      return { ...lineView(updated), cart: cartSummary(db) };
    },
  }),

  remove_from_food_cart: write({
    description: "Remove a line from the food cart. When the cart becomes empty its promo code is removed too. Returns the cart's new summary.",
    input: z.object({ cart_item_id: ref("cart_item", "The cart line to remove") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const line = db.cart_items.need(a.cart_item_id);
      db.cart_items.delete(line.id);
      if (cartItems(db).length === 0) setCartPromo(db, undefined, env);
      return { removed: line.id, name: line.name, cart: cartSummary(db) };
    },
  }),

  view_food_cart: read({
    description:
      "The food cart: restaurant, lines with options and prices, subtotal, delivery and service fees, promo discount, tax and total, ETA, and any issue that would stop the order (restaurant closed, address outside its zone, below the minimum order, promo not applicable).",
    input: z.object({ delivery_address_id: addressId("Price and check for this address; default the default address").optional() }).strict(),
    discovers: ["cart_item", "food_cart"],
    run: (db, a, env) => cartView(db, env, a.delivery_address_id),
  }),

  clear_food_cart: write({
    description: "Empty the food cart (all lines and the promo code), e.g. to order from another restaurant.",
    input: z.object({}).strict(),
    destructive: true,
    run: (db, _a, env) => {
      const items = cartItems(db);
      for (const i of items) db.cart_items.delete(i.id);
      const promo = cartPromo(db);
      setCartPromo(db, undefined, env);
      return { removed_items: items.length, ...(promo ? { removed_promo_code: promo } : {}), cart: cartSummary(db) };
    },
  }),

  list_promo_codes: read({
    description:
      "Promo codes in the user's account with their terms (discount, minimum subtotal, expiry, first-order-only, restaurant, single use) and status: active, expired, or used.",
    input: z.object({ status: z.enum(["active", "expired", "used"]).optional().describe("Only codes in this status"), ...page }).strict(),
    discovers: "promo_code",
    run: (db, a, env) => {
      const rows = db.promo_codes
        .all()
        .map((p) => ({
          ...p,
          status: promoStatus(db, p, env.now),
          ...(p.restaurant_id ? { restaurant_name: db.restaurants.get(p.restaurant_id)?.name ?? p.restaurant_id } : {}),
        }))
        .filter((p) => !a.status || p.status === a.status);
      return paginate(rows, a);
    },
  }),

  apply_promo_code: write({
    description:
      "Apply a promo code to the food cart (replacing any other). It is checked against the cart: expiry, minimum subtotal, restaurant, first order, single use. Returns the discount and the new total.",
    input: z.object({ code: ref("promo_code", "The promo code, e.g. 'SAVE5' (case does not matter)") }).strict(),
    run: (db, a, env) => {
      const items = cartItems(db);
      check(items.length > 0, "the food cart is empty; add dishes first: a promo code is checked against the cart's restaurant and subtotal");
      const p = needPromo(db, a.code);
      const r = db.restaurants.need((items[0] as CartItem).restaurant_id);
      const subtotal = subtotalOf(items);
      const problem = promoProblem(db, p, r, subtotal, env.now);
      check(!problem, () => `${problem}`);
      const replaced = cartPromo(db);
      setCartPromo(db, p.code, env);
      const pricing = price(subtotal, r, p, 0);
      return { code: p.code, description: p.description, ...(replaced && replaced !== p.code ? { replaced_code: replaced } : {}), ...pricing };
    },
  }),

  remove_promo_code: write({
    description: "Take the promo code off the food cart.",
    input: z.object({}).strict(),
    run: (db, _a, env) => {
      const code = cartPromo(db);
      check(code, "no promo code is applied to the food cart");
      setCartPromo(db, undefined, env);
      return { removed_code: code, cart: cartSummary(db) };
    },
  }),

  place_food_order: write({
    description:
      "Place the order for everything in the food cart, delivered to a saved address (default: the default address), with an optional tip. The restaurant must be open, deliver to the address and the subtotal must reach its minimum order; the promo code is checked again. Empties the cart and returns the order with its status and ETA.",
    input: z
      .object({
        delivery_address_id: addressId("Where to deliver; default the default address").optional(),
        tip: money("Tip for the courier in USD", { min: 0, max: 200, what: "the tip", zero: "no tip" }).default(0),
        dropoff_instructions: text("Instructions for the courier; default those saved with the address", 300).optional(),
      })
      .strict(),
    produces: "food_order",
    uses: ["cart_item"],
    run: (db, a, env) => {
      const items = cartItems(db);
      check(items.length > 0, "the food cart is empty; add dishes with add_to_food_cart (get_menu lists a restaurant's dishes)");
      const r = db.restaurants.need((items[0] as CartItem).restaurant_id);
      const address = addressFor(db, a.delivery_address_id);
      check(
        isOpenAt(r.hours, env.now),
        () =>
          `${named(r)} is closed now (${env.now.slice(11, 16)}; ${hoursSentence(r.hours, env.now)}); order while it is open, or choose an open restaurant with search_restaurants open_now: true`,
      );
      const km = km1(distanceKm(r, address));
      check(km <= r.delivery_radius_km, () => {
        const inZone = db.delivery_addresses.filter((x) => distanceKm(r, x) <= r.delivery_radius_km).map((x) => `${x.label} (${x.id})`);
        return (
          `${named(r)} delivers within ${r.delivery_radius_km} km and ${address.label} (${address.id}) is ${km} km away; ` +
          (inZone.length
            ? `it delivers to ${inZone.join(", ")}`
            : `it delivers to none of the saved addresses: choose a restaurant with search_restaurants delivers_to_me: true`)
        );
      });
      const subtotal = subtotalOf(items);
      check(
        subtotal >= r.min_order,
        () =>
          `${named(r)} has a minimum order of ${formatMoney(r.min_order)} (before fees); the cart's subtotal is ${formatMoney(subtotal)}, so add ${formatMoney(roundMoney(r.min_order - subtotal))} more`,
      );
      const code = cartPromo(db);
      let promo: PromoCode | undefined;
      if (code) {
        promo = db.promo_codes.get(code);
        const problem = promo ? promoProblem(db, promo, r, subtotal, env.now) : `promo code ${code} no longer exists`;
        check(!problem, () => `${problem}; take it off with remove_promo_code or change the cart`);
      }
      const pricing = price(subtotal, r, promo, a.tip);
      const onTheWay = time.addMinutes(env.now, r.prep_minutes);
      const people = env.world.people;
      const order = db.food_orders.create({
        restaurant_id: r.id,
        restaurant_name: r.name,
        lines: items.map((i) => ({
          menu_item_id: i.menu_item_id,
          name: i.name,
          quantity: i.quantity,
          options: i.options,
          unit_price: i.unit_price,
          line_total: roundMoney(i.unit_price * i.quantity),
          special_instructions: i.special_instructions,
        })),
        ...pricing,
        ...(promo ? { promo_code: promo.code } : {}),
        delivery_address_id: address.id,
        delivery_address: `${address.street}${address.unit ? `, ${address.unit}` : ""}, ${address.city}`,
        dropoff_instructions: a.dropoff_instructions ?? address.dropoff_instructions,
        distance_km: km,
        courier_name: people.length ? (people[(db.food_orders.count() * 7 + 2) % people.length]?.full_name ?? "Your courier") : "Your courier",
        placed_at: env.now,
        preparing_at: time.addMinutes(env.now, CANCEL_WINDOW_MINUTES),
        on_the_way_at: onTheWay,
        delivered_at: time.addMinutes(onTheWay, travelMinutes(km)),
      });
      for (const i of items) db.cart_items.delete(i.id);
      setCartPromo(db, undefined, env);
      return { ...orderView(order, env.now), eta_minutes: time.minutesBetween(order.placed_at, order.delivered_at) };
    },
  }),

  track_food_order: read({
    description:
      "Where an order is now: status (placed, preparing, on_the_way, delivered, cancelled), the timeline with the time of each step, minutes to delivery, the courier once on the way, and whether it can still be cancelled.",
    input: z.object({ food_order_id: orderId("The order, e.g. 'FD-10001'") }).strict(),
    run: (db, a, env) => {
      const o = db.food_orders.need(a.food_order_id);
      const v = orderView(o, env.now);
      const steps: Array<[string, string]> = [
        ["placed", o.placed_at],
        ["preparing", o.preparing_at],
        ["on_the_way", o.on_the_way_at],
        ["delivered", o.delivered_at],
      ];
      const timeline = o.cancelled_at
        ? [
            { status: "placed", at: o.placed_at, reached: true },
            { status: "cancelled", at: o.cancelled_at, reached: true },
          ]
        : steps.map(([status, at]) => ({ status, at, reached: env.now >= at }));
      return {
        id: o.id,
        restaurant_id: o.restaurant_id,
        restaurant_name: o.restaurant_name,
        status: v.status,
        timeline,
        minutes_to_delivery: v.minutes_to_delivery,
        estimated_delivery_at: o.delivered_at,
        ...(v.status === "on_the_way" || v.status === "delivered" ? { courier_name: o.courier_name } : {}),
        can_cancel: v.can_cancel,
        ...(v.can_cancel ? { cancel_before: o.preparing_at } : {}),
        delivery_address: o.delivery_address,
        items: o.lines.map((l) => `${l.quantity} × ${l.name}`),
        total: o.total,
      };
    },
  }),

  list_food_orders: read({
    description: "The user's food orders, newest first, with status on the clock, items, total and rating; filter by status or restaurant.",
    input: z
      .object({
        status: z.enum(ORDER_STATUSES).optional().describe("Only orders in this status now"),
        restaurant_id: restaurantId("Only orders from this restaurant").optional(),
        ...page,
      })
      .strict(),
    discovers: "food_order",
    run: (db, a, env) => {
      const rows = db.food_orders
        .filter((o) => (!a.status || orderStatus(o, env.now) === a.status) && (!a.restaurant_id || o.restaurant_id === a.restaurant_id))
        .sort(descending("placed_at"))
        .map((o) => orderSummary(o, env.now));
      return paginate(rows, a);
    },
  }),

  cancel_food_order: write({
    description: `Cancel an order the restaurant has not started preparing (status 'placed', the first ${CANCEL_WINDOW_MINUTES} minutes). The whole total is refunded. Returns the cancelled order.`,
    input: z.object({ food_order_id: orderId("The order to cancel") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const o = db.food_orders.need(a.food_order_id);
      const status = orderStatus(o, env.now);
      if (status === "cancelled") fail(`order ${o.id} was already cancelled at ${o.cancelled_at}`);
      if (status !== "placed") {
        const since: Record<string, string> = { preparing: o.preparing_at, on_the_way: o.on_the_way_at, delivered: o.delivered_at };
        fail(
          `order ${o.id} is ${status} (since ${since[status]}); an order can be cancelled only while 'placed', in the first ${CANCEL_WINDOW_MINUTES} minutes after ordering, and that window closed at ${o.preparing_at}` +
            (status === "delivered" ? "; rate it with rate_food_order instead" : "; contact the restaurant about problems with it"),
        );
      }
      const cancelled = db.food_orders.update(o.id, { cancelled_at: env.now });
      return { ...orderView(cancelled, env.now), refund_amount: o.total };
    },
  }),

  rate_food_order: write({
    description:
      "Rate a delivered order from 1 to 5 stars, with an optional comment. An order can be rated once; the rating counts towards the restaurant's average.",
    input: z
      .object({
        food_order_id: orderId("The delivered order"),
        rating: z
          .number()
          .int("the rating is a whole number of stars")
          .min(1, "the rating is 1 to 5 stars")
          .max(5, "the rating is 1 to 5 stars")
          .describe("Stars, 1 (worst) to 5 (best)"),
        comment: text("What went well or badly", 500).optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const o = db.food_orders.need(a.food_order_id);
      const status = orderStatus(o, env.now);
      check(
        o.rating === undefined,
        () => `order ${o.id} was already rated ${o.rating} star${o.rating === 1 ? "" : "s"} on ${o.rated_at?.slice(0, 10)}; an order can be rated once`,
        "already_exists",
      );
      check(status === "delivered", () =>
        status === "cancelled"
          ? `order ${o.id} was cancelled; only delivered orders can be rated`
          : `order ${o.id} is ${status}; it can be rated once delivered (expected at ${o.delivered_at})`,
      );
      const r = db.restaurants.need(o.restaurant_id);
      const rated = db.food_orders.update(o.id, { rating: a.rating, ...(a.comment ? { rating_comment: a.comment } : {}), rated_at: env.now });
      const updated = db.restaurants.update(r.id, {
        rating: Math.round(((r.rating * r.rating_count + a.rating) / (r.rating_count + 1)) * 10) / 10,
        rating_count: r.rating_count + 1,
      });
      return {
        ...orderSummary(rated, env.now),
        rating_comment: rated.rating_comment ?? "",
        rated_at: rated.rated_at,
        restaurant_rating: updated.rating,
        restaurant_rating_count: updated.rating_count,
      };
    },
  }),

  reorder_food_order: write({
    description:
      "Put the dishes of a past order back in the food cart with the same options and notes, at today's prices. Dishes that are sold out or no longer on the menu are skipped and listed. The cart must be empty or hold dishes from the same restaurant.",
    input: z.object({ food_order_id: orderId("The past order to repeat") }).strict(),
    run: (db, a, env) => {
      const o = db.food_orders.need(a.food_order_id);
      const r = db.restaurants.need(o.restaurant_id);
      checkSameRestaurant(db, r);
      const added: CartItem[] = [];
      const skipped: Array<{ name: string; reason: string }> = [];
      for (const l of o.lines) {
        const item = db.menu_items.get(l.menu_item_id);
        if (!item) {
          skipped.push({ name: l.name, reason: "no longer on the menu" });
          continue;
        }
        if (!item.available) {
          skipped.push({ name: l.name, reason: "sold out today" });
          continue;
        }
        const ids = l.options.map((x) => x.option_id);
        const valid = ids.every((id) => item.modifier_groups.some((g) => g.options.some((op) => op.id === id)));
        if (!valid) {
          skipped.push({ name: l.name, reason: "its options changed; add it again with add_to_food_cart" });
          continue;
        }
        const options = resolveOptions(item, ids);
        const existing = db.cart_items.find(
          (c) => c.menu_item_id === item.id && sameChoice(c.options, options) && c.special_instructions === l.special_instructions,
        );
        if (existing && existing.quantity + l.quantity > MAX_PER_DISH) {
          skipped.push({ name: l.name, reason: `the cart already holds ${existing.quantity}; at most ${MAX_PER_DISH} of one dish` });
          continue;
        }
        added.push(addLine(db, item, options, l.quantity, l.special_instructions, env));
      }
      check(
        added.length > 0,
        () =>
          `none of the dishes of order ${o.id} can be ordered now: ${skipped.map((s) => `${s.name} (${s.reason})`).join(", ")}; see get_menu for ${named(r)}`,
      );
      return { from_order: o.id, added: added.map(lineView), skipped, cart: cartSummary(db) };
    },
  }),
};
