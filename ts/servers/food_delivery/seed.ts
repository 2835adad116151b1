/**
 * A believable delivery app account: 48–64 restaurants of 13 cuisines around the user's city,
 * each with a menu of 7–10 dishes with modifiers, the user's three saved addresses (home, work
 * and one out of every delivery zone), promo codes in every state (valid, expired, used,
 * first-order-only, restaurant-only) and two months of past orders (delivered, rated or not,
 * one cancelled) plus one order in progress at the session's start. Orders are priced with the
 * same rules the tools use, so their totals add up.
 */
import { distanceKm, hoursOf, isOpenAt, offset, roundMoney, time, type City, type OpeningHours, type Rng, type SeedContext } from "../framework/index.ts";
import { CUISINES, type Cuisine } from "./catalog.ts";
import { GROUPS, MENUS } from "./seed/menus.ts";
import {
  CART_ID,
  price,
  travelMinutes,
  type ChosenOption,
  type DeliveryAddress,
  type FoodOrder,
  type MenuItem,
  type OrderLine,
  type PromoCode,
  type Restaurant,
} from "./state.ts";

const STREETS = [
  "Valencia Street",
  "Mission Street",
  "Main Street",
  "2nd Avenue",
  "Grand Avenue",
  "Market Street",
  "Union Street",
  "Elm Street",
  "Broadway",
  "Chestnut Street",
  "Dolores Street",
  "Linden Avenue",
] as const;
const COMMENTS = {
  5: ["Perfect, arrived hot", "Best in the neighborhood", "Great portions, will order again", "Courier was super friendly"],
  4: ["Tasty, a bit late", "Good but fries were soggy", "Solid as always", "Nice packaging, food was warm"],
  3: ["Okay, nothing special", "Missing the extra sauce", "Arrived lukewarm"],
} as const;

function restaurantHours(cuisine: Cuisine, pick: number): OpeningHours {
  if (cuisine === "breakfast") return [hoursOf("07:00", "15:00"), hoursOf("06:30", "14:30"), hoursOf("08:00", "16:00")][pick % 3] as OpeningHours;
  switch (pick % 10) {
    case 0:
    case 1:
    case 2:
      return hoursOf("08:00", "22:00");
    case 3:
      return hoursOf("00:00", "24:00");
    case 4:
    case 5:
      return hoursOf("10:30", "22:00");
    case 6:
    case 7:
      return hoursOf("11:00", "23:00");
    case 8:
      return hoursOf("16:00", "24:00");
    default:
      return { ...hoursOf("11:00", "22:00"), monday: null };
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

export function seedFoodDelivery(ctx: SeedContext) {
  const { world } = ctx;
  const city: City = world.cities.find((c) => c.name === world.user.address.city) ?? (world.cities[0] as City);
  const addresses = deliveryAddresses(ctx, city);
  const restaurants = seedRestaurants(ctx, city);
  const menuItems = menus(ctx, restaurants);
  const home = addresses[0] as DeliveryAddress;
  const deliversHome = restaurants.filter((r) => distanceKm(r, home) <= r.delivery_radius_km);
  const drafts = orderHistory(ctx, restaurants, menuItems, addresses, deliversHome);
  const promos = promoCodes(ctx, drafts, deliversHome);
  return {
    restaurants,
    menu_items: menuItems,
    cart: [{ id: CART_ID, updated_at: world.now }],
    cart_items: [],
    delivery_addresses: addresses,
    promo_codes: promos,
    food_orders: placeOrders(ctx, drafts, addresses, promos),
  };
}

/** Home (the default), work, and the user's parents far out of town, outside every delivery zone. */
function deliveryAddresses({ rng, world, id }: SeedContext, city: City): DeliveryAddress[] {
  const user = world.user;
  const postalCode = () => (city.country === "US" ? rng.digits(5) : String(rng.int(1000, 9999)));
  const employer = world.companies.find((c) => c.name === user.company);
  const atWork = employer && employer.address.city === city.name;
  const home = offset(city, rng.float(1, 3), rng.int(0, 359));
  const work = offset(city, rng.float(2, 5), rng.int(0, 359));
  const far = offset(city, rng.float(20, 24), rng.int(0, 359));
  const place = { city: city.name, region: city.region };
  return [
    {
      id: id("delivery_addresses"),
      label: "Home",
      street: user.address.street,
      unit: `Apt ${rng.int(1, 6)}${rng.pick(["A", "B", "C", "D"])}`,
      ...place,
      postal_code: user.address.postal_code,
      ...home,
      dropoff_instructions: rng.pick(["Leave at the door", "Ring the bell, then leave at the door", "Hand it to me"]),
      is_default: true,
    },
    {
      id: id("delivery_addresses"),
      label: "Work",
      street: atWork ? employer.address.street : `${rng.int(100, 999)} ${rng.pick(STREETS)}`,
      unit: `Floor ${rng.int(2, 14)}`,
      ...place,
      postal_code: atWork ? employer.address.postal_code : postalCode(),
      ...work,
      dropoff_instructions: `Front desk of ${employer?.name ?? "the office"}; call on arrival`,
      is_default: false,
    },
    {
      id: id("delivery_addresses"),
      label: "Parents' place",
      street: `${rng.int(10, 899)} ${rng.pick(STREETS)}`,
      unit: "",
      ...place,
      postal_code: postalCode(),
      ...far,
      dropoff_instructions: "Side gate",
      is_default: false,
    },
  ];
}

/** Price levels by cuisine, with their weights. */
const LEVELS: Record<Cuisine, ReadonlyArray<readonly [number, number]>> = {
  pizza: [
    [1, 3],
    [2, 2],
  ],
  burgers: [
    [1, 3],
    [2, 2],
  ],
  mexican: [
    [1, 3],
    [2, 2],
  ],
  breakfast: [
    [1, 2],
    [2, 3],
  ],
  vietnamese: [
    [1, 2],
    [2, 2],
  ],
  chinese: [
    [1, 2],
    [2, 3],
  ],
  thai: [
    [2, 3],
    [1, 1],
  ],
  indian: [
    [2, 3],
    [3, 1],
  ],
  korean: [
    [2, 3],
    [3, 1],
  ],
  mediterranean: [
    [2, 3],
    [1, 1],
  ],
  healthy: [
    [2, 3],
    [3, 1],
  ],
  italian: [
    [2, 2],
    [3, 2],
    [4, 1],
  ],
  japanese: [
    [2, 2],
    [3, 2],
    [4, 1],
  ],
};

/** 48-64 restaurants: one of every cuisine, then a random mix, scattered 0.3-7.5 km around the centre. */
function seedRestaurants({ rng, id }: SeedContext, city: City): Restaurant[] {
  const pool = CUISINES.flatMap((c) => MENUS[c].names.map((name) => ({ cuisine: c, name })));
  const first = CUISINES.map((c) => ({ cuisine: c, name: rng.pick(MENUS[c].names) }));
  const rest = rng.shuffle(pool.filter((p) => !first.some((f) => f.name === p.name)));
  const chosen = rng.shuffle([...first, ...rest.slice(0, rng.int(48, 64) - first.length)]);
  return chosen.map(({ cuisine, name }) => {
    const at = offset(city, rng.float(0.3, 7.5), rng.int(0, 359));
    return {
      id: id("restaurants"),
      name,
      cuisine,
      rating: Math.round(rng.float(3.6, 4.9) * 10) / 10,
      rating_count: rng.int(25, 3200),
      price_level: rng.weighted(LEVELS[cuisine]),
      street: `${rng.int(10, 2999)} ${rng.pick(STREETS)}`,
      city: city.name,
      lat: at.lat,
      lon: at.lon,
      phone: `+1-${rng.int(201, 989)}-555-${rng.digits(4)}`,
      hours: restaurantHours(cuisine, rng.int(0, 9)),
      delivery_radius_km: rng.pick([3, 4, 5, 6, 7, 8]),
      delivery_fee: rng.pick([0, 0.99, 1.99, 2.49, 2.99, 3.99, 4.99]),
      min_order: rng.pick([0, 10, 12, 15, 20]),
      prep_minutes: rng.int(12, 28),
    };
  });
}

/** Most of each cuisine's dishes, priced a little differently at every restaurant (always ending in .49 or .99). */
function menus({ rng, id }: SeedContext, restaurants: readonly Restaurant[]): MenuItem[] {
  const items: MenuItem[] = [];
  for (const r of restaurants) {
    const dishes = MENUS[r.cuisine].dishes;
    const keep = new Set(
      rng.sample(
        dishes.map((_, i) => i),
        rng.int(dishes.length - 2, dishes.length),
      ),
    );
    const popular = new Set(rng.sample([...keep], 2));
    dishes.forEach(([name, category, base, description, dietary, groups], i) => {
      if (!keep.has(i)) return;
      items.push({
        id: id("menu_items"),
        restaurant_id: r.id,
        name,
        description,
        category,
        price: roundMoney(Math.round(base * rng.float(0.92, 1.15) * 2) / 2 - 0.01),
        dietary: [...dietary],
        popular: popular.has(i),
        available: rng.bool(0.95),
        modifier_groups: groups.map((g) => {
          const t = GROUPS[g];
          return {
            id: t.id,
            name: t.name,
            min: t.min,
            max: t.max,
            options: t.options.map((op) => ({ id: `${t.id}_${op.slug}`, name: op.name, price: op.price })),
          };
        }),
      });
    });
  }
  return items;
}

/** An order before it is priced: where from, when, what, where to. */
interface Draft {
  r: Restaurant;
  placedAt: string;
  lines: OrderLine[];
  addressId: string;
  cancelled: boolean;
  promo?: string;
}

/** One to three dishes with options; one more of the dearest until the order reaches the restaurant's minimum (and 12.00). */
function orderLines(rng: Rng, r: Restaurant, menu: readonly MenuItem[]): OrderLine[] {
  const chooseOptions = (m: MenuItem): ChosenOption[] =>
    m.modifier_groups.flatMap((g) => {
      if (g.min === 0 && !rng.bool(0.3)) return [];
      const op = rng.pick(g.options);
      return [{ group_id: g.id, group: g.name, option_id: op.id, name: op.name, price: op.price }];
    });
  const lines = rng.sample(menu, rng.int(1, 3)).map((m) => {
    const options = chooseOptions(m);
    const unit = roundMoney(m.price + options.reduce((s, x) => s + x.price, 0));
    const quantity = rng.weighted([
      [1, 4],
      [2, 2],
      [3, 1],
    ] as const);
    return {
      menu_item_id: m.id,
      name: m.name,
      quantity,
      options,
      unit_price: unit,
      line_total: roundMoney(unit * quantity),
      special_instructions: rng.bool(0.2) ? rng.pick(["No onions please", "Extra napkins", "Sauce on the side", "Light ice"]) : "",
    };
  });
  const dearest = lines.reduce((a, b) => (b.unit_price > a.unit_price ? b : a));
  while (lines.reduce((s, l) => s + l.line_total, 0) < Math.max(r.min_order, 12)) {
    dearest.quantity += 1;
    dearest.line_total = roundMoney(dearest.unit_price * dearest.quantity);
  }
  return lines;
}

/** An instant on `date` inside the restaurant's hours, preferring lunch and dinner; none on a day it is closed. */
function mealTime(rng: Rng, r: Restaurant, date: string): string | undefined {
  const h = r.hours[time.weekday(date)];
  if (!h) return undefined;
  const open = Number(h.open.slice(0, 2)) * 60 + Number(h.open.slice(3)) + 15;
  const close = (h.close === "24:00" ? 24 * 60 : Number(h.close.slice(0, 2)) * 60 + Number(h.close.slice(3))) - 30;
  const meals = [12 * 60 + 15, 12 * 60 + 45, 18 * 60 + 30, 19 * 60 + 15, 20 * 60].filter((m) => m >= open && m <= close);
  const minute = meals.length ? rng.pick(meals) + rng.int(0, 14) : rng.int(open, Math.max(open, close));
  return `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00Z`;
}

/** Two months of orders from six favourite places that deliver home (lunch to work sometimes, one cancelled), and one in progress. */
function orderHistory(
  { rng, world }: SeedContext,
  restaurants: readonly Restaurant[],
  menuItems: readonly MenuItem[],
  addresses: readonly DeliveryAddress[],
  deliversHome: readonly Restaurant[],
): Draft[] {
  const [home, work] = addresses as [DeliveryAddress, DeliveryAddress];
  const menuOf = (rid: string) => menuItems.filter((m) => m.restaurant_id === rid);
  const favourites = rng.sample(deliversHome.length ? deliversHome : restaurants, 6);
  const drafts: Draft[] = [];
  for (let k = 0; k < 12; k++) {
    const r = rng.pick(favourites);
    const at = mealTime(rng, r, time.addDays(world.today, -rng.int(2, 60)));
    if (!at) continue;
    const useWork = distanceKm(r, work) <= r.delivery_radius_km && at.slice(11, 13) < "15" && rng.bool(0.6);
    drafts.push({ r, placedAt: at, lines: orderLines(rng, r, menuOf(r.id)), addressId: (useWork ? work : home).id, cancelled: k === 5 });
  }
  // One order in progress: placed twelve minutes before the session starts at a place open then.
  const startedAt = time.addMinutes(world.now, -12);
  const openEarly = [...favourites, ...deliversHome].find((r) => isOpenAt(r.hours, startedAt));
  if (openEarly)
    drafts.push({ r: openEarly, placedAt: startedAt, lines: orderLines(rng, openEarly, menuOf(openEarly.id)), addressId: home.id, cancelled: false });
  drafts.sort((a, b) => (a.placedAt < b.placedAt ? -1 : a.placedAt > b.placedAt ? 1 : 0));
  // The biggest delivered order used the THANKS10 code.
  const subtotal = (d: Draft) => d.lines.reduce((s, l) => s + l.line_total, 0);
  const delivered = drafts.filter((d) => !d.cancelled && d.placedAt < time.addDays(world.now, -1));
  const thanked = delivered.reduce<Draft | undefined>((best, d) => (!best || subtotal(d) > subtotal(best) ? d : best), undefined);
  if (thanked) thanked.promo = "THANKS10";
  return drafts;
}

/** Codes in every state: valid, soon to expire, expired, first-order-only, used (THANKS10), and one for a place never ordered from. */
function promoCodes({ rng, world }: SeedContext, drafts: readonly Draft[], deliversHome: readonly Restaurant[]): PromoCode[] {
  const end = (days: number) => `${time.addDays(world.today, days)}T23:59:59Z`;
  return [...houseCodes(rng, end), ...personalCodes(drafts, deliversHome, end)];
}

/** The app's own codes, for everyone: a welcome offer, everyday savings, one that already expired. */
function houseCodes(rng: SeedContext["rng"], end: (days: number) => string): PromoCode[] {
  return [
    {
      code: "WELCOME20",
      description: "20% off your first order (up to 10.00)",
      kind: "percent",
      value: 20,
      max_discount: 10,
      min_subtotal: 15,
      expires_at: end(90),
      first_order_only: true,
      once_per_customer: true,
    },
    {
      code: "SAVE5",
      description: "5.00 off orders of 25.00 or more",
      kind: "fixed",
      value: 5,
      min_subtotal: 25,
      expires_at: end(rng.int(7, 14)),
      first_order_only: false,
      once_per_customer: true,
    },
    {
      code: "FREEDEL",
      description: "Free delivery on orders of 15.00 or more",
      kind: "free_delivery",
      value: 0,
      min_subtotal: 15,
      expires_at: end(rng.int(3, 6)),
      first_order_only: false,
      once_per_customer: false,
    },
    {
      code: "LUNCH15",
      description: "15% off (up to 8.00) orders of 20.00 or more",
      kind: "percent",
      value: 15,
      max_discount: 8,
      min_subtotal: 20,
      expires_at: end(rng.int(15, 30)),
      first_order_only: false,
      once_per_customer: true,
    },
    {
      code: "BIGORDER",
      description: "15.00 off orders of 60.00 or more",
      kind: "fixed",
      value: 15,
      min_subtotal: 60,
      expires_at: end(30),
      first_order_only: false,
      once_per_customer: true,
    },
    {
      code: "SUMMER10",
      description: "10% off any order",
      kind: "percent",
      value: 10,
      max_discount: 10,
      min_subtotal: 0,
      expires_at: end(-rng.int(2, 9)),
      first_order_only: false,
      once_per_customer: true,
    },
  ];
}

/** Codes made for this customer: a thank-you sized to a past order, and a first order from a new restaurant nearby. */
function personalCodes(drafts: readonly Draft[], deliversHome: readonly Restaurant[], end: (days: number) => string): PromoCode[] {
  const thanked = drafts.find((d) => d.promo === "THANKS10");
  const thanksMin = thanked ? Math.min(30, Math.floor(roundMoney(thanked.lines.reduce((s, l) => s + l.line_total, 0)))) : 30;
  const neverOrdered = deliversHome.filter((r) => !drafts.some((d) => d.r.id === r.id));
  const newSpot = neverOrdered.find((r) => r.min_order <= 15) ?? neverOrdered[0];
  return [
    {
      code: "THANKS10",
      description: `10.00 off orders of ${thanksMin}.00 or more`,
      kind: "fixed",
      value: 10,
      min_subtotal: thanksMin,
      expires_at: end(45),
      first_order_only: false,
      once_per_customer: true,
    },
    ...(newSpot
      ? [
          {
            code: "NEWSPOT25",
            description: `25% off (up to 12.00) your first order from ${newSpot.name}`,
            kind: "percent" as const,
            value: 25,
            max_discount: 12,
            min_subtotal: 0,
            expires_at: end(14),
            first_order_only: true,
            restaurant_id: newSpot.id,
            once_per_customer: true,
          },
        ]
      : []),
  ];
}

/** Prices each order with the tools' own rules, and follows it from kitchen to door; most delivered orders are rated after they arrived. */
function placeOrders(
  { rng, world, id }: SeedContext,
  drafts: readonly Draft[],
  addresses: readonly DeliveryAddress[],
  promos: readonly PromoCode[],
): FoodOrder[] {
  return drafts.map((d, k) => {
    const address = addresses.find((a) => a.id === d.addressId) as DeliveryAddress;
    const km = Math.round(distanceKm(d.r, address) * 10) / 10;
    const promo = d.promo ? promos.find((p) => p.code === d.promo) : undefined;
    const sub = roundMoney(d.lines.reduce((s, l) => s + l.line_total, 0));
    const tip = roundMoney(Math.max(2, Math.round(sub * rng.pick([0.1, 0.15, 0.18, 0.2]))));
    const onTheWay = time.addMinutes(d.placedAt, d.r.prep_minutes);
    const deliveredAt = time.addMinutes(onTheWay, travelMinutes(km));
    const order: FoodOrder = {
      id: id("food_orders"),
      restaurant_id: d.r.id,
      restaurant_name: d.r.name,
      lines: d.lines,
      ...price(sub, d.r, promo, tip),
      ...(promo ? { promo_code: promo.code } : {}),
      delivery_address_id: address.id,
      delivery_address: `${address.street}${address.unit ? `, ${address.unit}` : ""}, ${address.city}`,
      dropoff_instructions: address.dropoff_instructions,
      distance_km: km,
      courier_name: (world.people[(k * 7 + 2) % world.people.length] ?? world.user).full_name,
      placed_at: d.placedAt,
      preparing_at: time.addMinutes(d.placedAt, 5),
      on_the_way_at: onTheWay,
      delivered_at: deliveredAt,
    };
    const ratedAt = time.addMinutes(deliveredAt, rng.int(20, 600));
    if (d.cancelled) order.cancelled_at = time.addMinutes(d.placedAt, 2);
    else if (ratedAt < world.now && rng.bool(0.6)) {
      const stars = rng.weighted([
        [5, 5],
        [4, 4],
        [3, 1],
      ] as const);
      Object.assign(order, { rating: stars, rating_comment: rng.pick(COMMENTS[stars]), rated_at: ratedAt });
    }
    return order;
  });
}
