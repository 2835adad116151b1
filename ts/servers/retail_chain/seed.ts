/**
 * A believable store network: the world's user runs operations at a retail chain (a world
 * company) with 8–15 stores in world cities, a catalog of ~64 SKUs from 6 suppliers (other world
 * companies), stock at every store, and a few weeks of history: transfers in every state,
 * pickup holds (some still held, one lapsed), restock orders on their way and received, and the
 * adjustment log. Stock figures are consistent with the history: units of an in-transit transfer
 * have left the source and not yet reached the destination; holds never exceed what is on hand.
 */
import { closingInstant, hoursOf, offset, roundMoney, time, type City, type Company, type OpeningHours, type SeedContext } from "../framework/index.ts";
import {
  CATEGORIES,
  inventoryKey,
  type Category,
  type InventoryAdjustment,
  type InventoryItem,
  type PickupReservation,
  type RestockOrder,
  type Sku,
  type StockTransfer,
  type Store,
  type Supplier,
} from "./state.ts";

/** name, brand, category, unit cost, units per case */
const CATALOG: ReadonlyArray<readonly [string, string, Category, number, number]> = [
  ["Merino Crew Socks (3-pack)", "Trailmark", "apparel", 9.4, 24],
  ["Packable Rain Jacket", "Northslope", "apparel", 38.5, 6],
  ["Fleece Quarter-Zip Pullover", "Northslope", "apparel", 24.75, 8],
  ["Organic Cotton Tee", "Greenthread", "apparel", 6.8, 24],
  ["Insulated Puffer Vest", "Northslope", "apparel", 41.2, 6],
  ["Stretch Hiking Pants", "Trailmark", "apparel", 27.9, 8],
  ["Wool Beanie", "Greenthread", "apparel", 7.25, 24],
  ["Touchscreen Gloves", "Greenthread", "apparel", 8.6, 24],
  ["Trail Running Shoes", "Stridewell", "footwear", 52.0, 6],
  ["Waterproof Hiking Boots", "Stridewell", "footwear", 71.5, 4],
  ["Recovery Slides", "Stridewell", "footwear", 14.3, 12],
  ["Canvas Low-Top Sneakers", "Cityline", "footwear", 23.4, 8],
  ["Insulated Winter Boots", "Cityline", "footwear", 64.8, 4],
  ["Cushioned Insoles", "Stridewell", "footwear", 6.1, 24],
  ["2-Person Backpacking Tent", "Ridgecamp", "camping", 96.0, 2],
  ["20°F Mummy Sleeping Bag", "Ridgecamp", "camping", 61.0, 4],
  ["Self-Inflating Sleeping Pad", "Ridgecamp", "camping", 33.5, 6],
  ["Headlamp 350 Lumen", "Brightpath", "camping", 11.9, 12],
  ["Stainless Water Bottle 32 oz", "Hydroloop", "camping", 8.7, 12],
  ["Camp Stove with Igniter", "Ridgecamp", "camping", 29.4, 6],
  ["Isobutane Fuel Canister", "Ridgecamp", "camping", 3.9, 24],
  ["Trekking Poles (pair)", "Trailmark", "camping", 26.0, 6],
  ["Folding Camp Chair", "Ridgecamp", "camping", 17.5, 4],
  ["First Aid Kit, Trail Size", "Brightpath", "camping", 12.2, 12],
  ["10-Inch Cast Iron Skillet", "Hearthwell", "kitchen", 14.6, 6],
  ["Pour-Over Coffee Set", "Hearthwell", "kitchen", 16.8, 6],
  ["Chef's Knife 8-Inch", "Edgecraft", "kitchen", 21.0, 6],
  ["Bamboo Cutting Board", "Hearthwell", "kitchen", 8.9, 12],
  ["Glass Meal-Prep Containers (5)", "Hearthwell", "kitchen", 11.4, 8],
  ["Insulated Travel Mug", "Hydroloop", "kitchen", 7.9, 12],
  ["Silicone Spatula Set", "Edgecraft", "kitchen", 5.6, 24],
  ["Enamel Camp Mug", "Hydroloop", "kitchen", 4.2, 24],
  ["Linen Throw Blanket", "Casa Nova", "home", 19.8, 6],
  ["Soy Candle, Cedar & Sage", "Casa Nova", "home", 6.3, 12],
  ["LED Desk Lamp", "Brightpath", "home", 17.2, 6],
  ["Ceramic Planter, Medium", "Casa Nova", "home", 9.1, 8],
  ["Down-Alternative Pillow", "Casa Nova", "home", 13.7, 6],
  ["Cotton Bath Towel Set", "Casa Nova", "home", 18.4, 6],
  ["Woven Storage Basket", "Casa Nova", "home", 10.6, 8],
  ["Wireless Earbuds", "Voltline", "electronics", 31.0, 10],
  ["USB-C Fast Charger 30W", "Voltline", "electronics", 9.8, 20],
  ["Portable Power Bank 10,000 mAh", "Voltline", "electronics", 14.5, 12],
  ["Bluetooth Speaker, Waterproof", "Voltline", "electronics", 27.5, 8],
  ["Braided USB-C Cable 2 m", "Voltline", "electronics", 3.6, 50],
  ["Smart Fitness Band", "Pulsefit", "electronics", 36.0, 8],
  ["Solar Lantern", "Brightpath", "electronics", 15.9, 8],
  ["Mineral Sunscreen SPF 50", "Sunward", "personal_care", 6.4, 24],
  ["Lip Balm SPF 15 (2-pack)", "Sunward", "personal_care", 1.9, 48],
  ["Travel Toiletry Kit", "Sunward", "personal_care", 8.2, 12],
  ["Insect Repellent Spray", "Sunward", "personal_care", 4.7, 24],
  ["Natural Deodorant", "Greenleaf", "personal_care", 4.1, 24],
  ["Bamboo Toothbrush (4-pack)", "Greenleaf", "personal_care", 3.3, 24],
  ["Hand Cream, Unscented", "Greenleaf", "personal_care", 3.8, 24],
  ["Trail Mix, 12 oz", "Summit Snacks", "snacks", 3.1, 12],
  ["Peanut Butter Energy Bar", "Summit Snacks", "snacks", 0.95, 48],
  ["Dark Chocolate Sea Salt Bar", "Cacao Ridge", "snacks", 1.4, 36],
  ["Beef Jerky, Original", "Summit Snacks", "snacks", 3.6, 24],
  ["Dried Mango Slices", "Summit Snacks", "snacks", 2.7, 24],
  ["Electrolyte Drink Mix (10)", "Hydroloop", "snacks", 5.2, 24],
  ["Freeze-Dried Pasta Primavera", "Ridgecamp", "snacks", 5.9, 12],
  ["Cold Brew Coffee Cans (4)", "Cacao Ridge", "snacks", 4.4, 6],
  ["Sparkling Water Variety (12)", "Hydroloop", "snacks", 3.9, 2],
  ["Oat & Honey Granola", "Summit Snacks", "snacks", 2.9, 12],
  ["Roasted Almonds, 16 oz", "Summit Snacks", "snacks", 5.4, 12],
];

const NEIGHBORHOODS = [
  "Downtown",
  "Northgate",
  "Riverside",
  "Eastside",
  "Westfield Mall",
  "Harbor Point",
  "Uptown",
  "Midtown",
  "Lakeshore",
  "Old Town",
] as const;
const STREETS = [
  "Market Street",
  "Main Street",
  "Commerce Avenue",
  "Union Square",
  "Broadway",
  "Grand Avenue",
  "Station Road",
  "Central Plaza",
  "Lakeview Drive",
  "Mill Road",
] as const;
const AISLES = ["A", "B", "C", "D", "E", "F"] as const;
const CUSTOMER_FIRST = ["Ana", "Ben", "Carla", "Dev", "Erin", "Farid", "Gina", "Hiro", "Iris", "Jamal", "Kira", "Luis", "Mei", "Nico", "Olga", "Paul"] as const;
const CUSTOMER_LAST = [
  "Alvarez",
  "Brooks",
  "Chung",
  "Diaz",
  "Evans",
  "Flores",
  "Grant",
  "Hughes",
  "Ito",
  "Jensen",
  "Khan",
  "Lam",
  "Moss",
  "Ng",
  "Ortiz",
  "Price",
] as const;

/** Weekly hours patterns a store may keep. */
function storeHours(kind: number): OpeningHours {
  switch (kind) {
    case 0:
      return hoursOf("08:00", "21:00");
    case 1:
      return hoursOf("09:00", "21:00");
    case 2:
      return { ...hoursOf("10:00", "20:00"), sunday: { open: "11:00", close: "18:00" } };
    case 3:
      return { ...hoursOf("09:00", "22:00"), sunday: null };
    default:
      return hoursOf("07:00", "23:00");
  }
}

export function seedRetailChain(ctx: SeedContext) {
  const c = new Chain(ctx);
  const stores = c.stores();
  const suppliers = c.suppliers();
  const skus = c.skus(suppliers);
  const inventory = c.stock(stores, skus);
  const transfers = c.transfers(stores, inventory);
  const reservations = c.holds(stores, inventory);
  c.coverAllocations(inventory, transfers, reservations);
  return {
    stores,
    suppliers,
    skus,
    inventory: [...inventory.values()],
    stock_transfers: transfers,
    pickup_reservations: reservations,
    restock_orders: c.restockOrders(inventory, skus, suppliers),
    inventory_adjustments: c.adjustments(inventory),
  };
}

/** The retail chain, built table by table; stock follows the transfers and holds made after it. */
class Chain {
  readonly chain: Company;

  constructor(private readonly ctx: SeedContext) {
    const { world } = ctx;
    const retailers = world.companies.filter((x) => x.industry === "retail");
    this.chain =
      retailers.find((x) => x.name === world.user.company) ??
      retailers[0] ??
      world.companies.find((x) => x.name === world.user.company) ??
      (world.companies[0] as Company);
  }

  private get rng() {
    return this.ctx.rng;
  }
  private phone(): string {
    return `+1-${this.rng.int(201, 989)}-555-${this.rng.digits(4)}`;
  }

  /** 8-15 stores: the user's city first, then other cities, a few of them with a second store; the first two open at the session's start. */
  stores(): Store[] {
    const { rng, world, id } = this.ctx;
    const home = world.cities.find((x) => x.name === world.user.address.city) ?? (world.cities[0] as City);
    const cities: City[] = [
      home,
      ...rng.sample(
        world.cities.slice(0, 11).filter((x) => x !== home),
        rng.int(6, 9),
      ),
    ];
    for (const x of rng.sample(cities, rng.int(1, 3))) cities.push(x);
    const used = new Set<string>();
    return cities.map((city, i) => {
      let hood = rng.pick(NEIGHBORHOODS);
      while (used.has(`${city.name} ${hood}`)) hood = rng.pick(NEIGHBORHOODS);
      used.add(`${city.name} ${hood}`);
      const at = offset(city, rng.float(0.5, 9), rng.int(0, 359));
      return {
        id: id("stores"),
        name: `${this.chain.name} ${city.name} ${hood}`,
        street: `${rng.int(10, 1999)} ${rng.pick(STREETS)}`,
        city: city.name,
        region: city.region,
        postal_code: city.country === "US" ? rng.digits(5) : `${rng.pick(["M5V", "M4W", "M6J"])} ${rng.int(1, 9)}${rng.pick(["A", "K", "T"])}${rng.int(1, 9)}`,
        country: city.country,
        lat: at.lat,
        lon: at.lon,
        phone: this.phone(),
        manager: (world.people[(i * 5 + 3) % world.people.length] ?? world.user).full_name,
        hours: storeHours(i === 0 ? 0 : i === 1 ? 1 : rng.int(0, 4)),
        opened_on: time.addDays(world.today, -rng.int(400, 4000)),
      };
    });
  }

  /** Six other world companies, goods makers first; five share the categories, the sixth (a lighting brand's maker) is on credit hold. */
  suppliers(): Supplier[] {
    const { rng, world, id } = this.ctx;
    const rank = (x: Company) =>
      ({ manufacturing: 0, "food & beverage": 0, retail: 0, logistics: 1, pharmaceuticals: 1, healthcare: 2, biotech: 2, energy: 3 })[x.industry] ?? 4;
    const companies = rng
      .shuffle(world.companies.filter((x) => x.id !== this.chain.id))
      .sort((a, b) => rank(a) - rank(b))
      .slice(0, 6);
    const suppliers: Supplier[] = companies.map((x, i) => ({
      id: id("suppliers"),
      name: x.name,
      company_id: x.id,
      contact_email: `orders@${x.domain}`,
      phone: this.phone(),
      status: i === 5 ? "on_hold" : "active",
      lead_time_days: rng.int(2, 10),
      min_order_cases: rng.int(1, 4),
      max_order_cases: rng.pick([40, 60, 100]),
      categories: [],
    }));
    CATEGORIES.forEach((cat, i) => (suppliers[i % 5] as Supplier).categories.push(cat));
    (suppliers[5] as Supplier).categories.push("camping", "home", "electronics");
    return suppliers;
  }

  /** The catalog at this chain's costs and shelf prices (1.8-2.3 times cost, ending in .99); Brightpath goods come from the supplier on hold. */
  skus(suppliers: readonly Supplier[]): Sku[] {
    const { rng, id } = this.ctx;
    const onHold = suppliers[5] as Supplier;
    return CATALOG.map(([name, brand, category, cost, caseSize]) => {
      const supplier = brand === "Brightpath" ? onHold : (suppliers.find((x) => x !== onHold && x.categories.includes(category)) as Supplier);
      const unitCost = roundMoney(cost * rng.float(0.95, 1.05));
      return {
        id: id("skus"),
        name,
        brand,
        category,
        upc: `0${rng.digits(11)}`,
        unit_cost: unitCost,
        unit_price: roundMoney(Math.ceil(unitCost * rng.float(1.8, 2.3)) - 0.01),
        supplier_id: supplier.id,
        case_size: caseSize,
      };
    });
  }

  /** Every store carries about 80% of the catalog (the first all of it), mostly well stocked, some low, a few out. */
  stock(stores: readonly Store[], skus: readonly Sku[]): Map<string, InventoryItem> {
    const { rng, world } = this.ctx;
    const inventory = new Map<string, InventoryItem>();
    for (const [si, store] of stores.entries()) {
      for (const sku of skus) {
        if (si > 0 && rng.bool(0.2)) continue;
        const reorder = rng.int(3, 15);
        const key = inventoryKey(store.id, sku.id);
        inventory.set(key, {
          id: key,
          store_id: store.id,
          sku_id: sku.id,
          on_hand: rng.weighted([
            [0, 1],
            [rng.int(1, reorder), 2],
            [rng.int(reorder + 1, 80), 14],
          ] as const),
          reorder_point: reorder,
          aisle: `${rng.pick(AISLES)}${rng.int(1, 12)}`,
          last_counted_at: `${time.addDays(world.today, -rng.int(1, 60))}T${String(rng.int(6, 8)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`,
        });
      }
    }
    return inventory;
  }

  private stocked(inventory: ReadonlyMap<string, InventoryItem>, storeId: string): InventoryItem[] {
    return [...inventory.values()].filter((r) => r.store_id === storeId && r.on_hand >= 10);
  }

  /** Transfers between stores: received ones in the past weeks, one cancelled, a few in transit (units left the source), a few just requested. */
  transfers(stores: readonly Store[], inventory: ReadonlyMap<string, InventoryItem>): StockTransfer[] {
    const { rng, world, id } = this.ctx;
    const out: StockTransfer[] = [];
    const plan: Array<StockTransfer["status"]> = [
      "received",
      "received",
      "received",
      "received",
      "received",
      "cancelled",
      "in_transit",
      "in_transit",
      "in_transit",
      "requested",
      "requested",
      "requested",
    ];
    for (const status of plan) {
      const from = rng.pick(stores);
      const candidates = this.stocked(inventory, from.id);
      if (candidates.length === 0) continue;
      const row = rng.pick(candidates);
      const to = rng.pick(stores.filter((x) => x.id !== from.id));
      const quantity = rng.int(2, Math.min(12, Math.floor(row.on_hand / 2)));
      const daysAgo = status === "received" || status === "cancelled" ? rng.int(4, 25) : status === "in_transit" ? rng.int(1, 2) : 0;
      const requestedAt =
        status === "requested"
          ? time.addMinutes(world.now, -rng.int(30, 600))
          : `${time.addDays(world.today, -daysAgo)}T${String(rng.int(13, 17)).padStart(2, "0")}:00:00Z`;
      const t: StockTransfer = {
        id: id("stock_transfers"),
        sku_id: row.sku_id,
        from_store_id: from.id,
        to_store_id: to.id,
        quantity,
        status,
        note: rng.pick(["Rebalance slow seller", "Weekend promo demand", "Customer request", "Store ran out", "Seasonal reset"]),
        requested_at: requestedAt,
      };
      // Shipped an hour to a day after the request, and (for one still on the road) before now.
      if (status === "received" || status === "in_transit")
        t.shipped_at = time.addMinutes(requestedAt, rng.int(60, Math.max(60, Math.min(1200, time.minutesBetween(requestedAt, world.now) - 30))));
      if (status === "received") Object.assign(t, { received_at: time.addDays(t.shipped_at as string, 1), received_quantity: quantity });
      if (status === "cancelled") t.cancelled_at = time.addMinutes(requestedAt, 90);
      if (status === "in_transit") row.on_hand -= quantity; // the units are on the truck
      out.push(t);
    }
    return out;
  }

  /** Pickup holds: three for later today at the two stores open now, two for tomorrow, one that lapsed yesterday, some picked up, one cancelled. */
  holds(stores: readonly Store[], inventory: ReadonlyMap<string, InventoryItem>): PickupReservation[] {
    const { rng, world, id } = this.ctx;
    const plan: Array<[PickupReservation["status"], number]> = [
      ["held", 0],
      ["held", 0],
      ["held", 0],
      ["held", 1],
      ["held", 1],
      ["held", -1],
      ["picked_up", -2],
      ["picked_up", -3],
      ["picked_up", -5],
      ["cancelled", -4],
    ];
    const out: PickupReservation[] = [];
    for (const [k, [status, dayShift]] of plan.entries()) {
      const store = k < 3 ? (stores[k % 2] as Store) : rng.pick(stores);
      const day = time.addDays(world.today, dayShift);
      const hours = store.hours[time.weekday(day)];
      if (!hours) continue;
      const openHour = Math.max(Number(hours.open.slice(0, 2)) + 1, dayShift === 0 ? 10 : 0);
      const closeHour = hours.close === "24:00" ? 23 : Number(hours.close.slice(0, 2));
      const candidates = this.stocked(inventory, store.id);
      if (openHour >= closeHour || candidates.length === 0) continue;
      const pickupAt = `${day}T${String(rng.int(openHour, closeHour - 1)).padStart(2, "0")}:${rng.pick(["00", "15", "30", "45"])}:00Z`;
      const row = rng.pick(candidates);
      const r: PickupReservation = {
        id: id("pickup_reservations"),
        store_id: store.id,
        sku_id: row.sku_id,
        quantity: rng.int(1, 3),
        customer_name: `${rng.pick(CUSTOMER_FIRST)} ${rng.pick(CUSTOMER_LAST)}`,
        customer_phone: this.phone(),
        pickup_at: pickupAt,
        hold_until: closingInstant(store.hours, pickupAt),
        status,
        created_at: time.addMinutes(dayShift >= 0 ? world.now : pickupAt, -rng.int(60, 900)),
      };
      if (status === "picked_up") r.picked_up_at = time.addMinutes(pickupAt, rng.int(0, 40));
      if (status === "cancelled") r.cancelled_at = time.addMinutes(pickupAt, -30);
      out.push(r);
    }
    return out;
  }

  /** Holds and requested transfers never exceed what is on hand. */
  coverAllocations(inventory: ReadonlyMap<string, InventoryItem>, transfers: readonly StockTransfer[], reservations: readonly PickupReservation[]): void {
    const now = this.ctx.world.now;
    for (const row of inventory.values()) {
      const held = reservations
        .filter((r) => r.status === "held" && r.hold_until > now && r.store_id === row.store_id && r.sku_id === row.sku_id)
        .reduce((n, r) => n + r.quantity, 0);
      const allocated = transfers
        .filter((t) => t.status === "requested" && t.from_store_id === row.store_id && t.sku_id === row.sku_id)
        .reduce((n, t) => n + t.quantity, 0);
      if (row.on_hand < held + allocated) row.on_hand = held + allocated;
    }
  }

  /** Restock orders in whole cases from each SKU's supplier: received ones in the past, open ones (from active suppliers, for low stock) due within the lead time, one cancelled. */
  restockOrders(inventory: ReadonlyMap<string, InventoryItem>, skus: readonly Sku[], suppliers: readonly Supplier[]): RestockOrder[] {
    const { rng, world, id } = this.ctx;
    const supplierOf = (row: InventoryItem) => suppliers.find((x) => x.id === skus.find((k) => k.id === row.sku_id)!.supplier_id) as Supplier;
    const rows = [...inventory.values()];
    const lowActive = rows.filter((r) => r.on_hand <= r.reorder_point && supplierOf(r).status === "active");
    const plan: Array<RestockOrder["status"]> = [
      "received",
      "received",
      "received",
      "received",
      "cancelled",
      "ordered",
      "ordered",
      "ordered",
      "ordered",
      "ordered",
    ];
    return plan.map((status) => {
      const row = status === "ordered" ? rng.pick(lowActive.length ? lowActive : rows.filter((r) => supplierOf(r).status === "active")) : rng.pick(rows);
      const sku = skus.find((k) => k.id === row.sku_id) as Sku;
      const supplier = supplierOf(row);
      const cases = rng.int(supplier.min_order_cases, supplier.min_order_cases + 4);
      const orderedOn =
        status === "ordered"
          ? time.addDays(world.today, -rng.int(0, Math.max(0, supplier.lead_time_days - 1)))
          : time.addDays(world.today, -rng.int(supplier.lead_time_days + 2, 40));
      const o: RestockOrder = {
        id: id("restock_orders"),
        supplier_id: supplier.id,
        store_id: row.store_id,
        sku_id: sku.id,
        quantity: cases * sku.case_size,
        cases,
        unit_cost: sku.unit_cost,
        total_cost: roundMoney(cases * sku.case_size * sku.unit_cost),
        status,
        ordered_at: `${orderedOn}T${String(rng.int(7, 8)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`,
        expected_on: time.addDays(orderedOn, supplier.lead_time_days),
      };
      if (status === "received") Object.assign(o, { received_quantity: o.quantity, received_at: `${o.expected_on}T14:00:00Z` });
      if (status === "cancelled") o.cancelled_at = time.addMinutes(o.ordered_at, 240);
      return o;
    });
  }

  /** The adjustment log of the past month: cycle counts, damage, theft, expiry, stock found and customer returns. */
  adjustments(inventory: ReadonlyMap<string, InventoryItem>): InventoryAdjustment[] {
    const { rng, world, id } = this.ctx;
    const notes = {
      cycle_count: "Weekly cycle count",
      damaged: "Packaging crushed in delivery",
      theft: "Security tag found in fitting room",
      expired: "Past best-by date",
      found: "Found in back room overstock",
      customer_return: "Unopened return, back to shelf",
    } as const;
    const log: Array<Omit<InventoryAdjustment, "id">> = Array.from({ length: 16 }, (_, k) => {
      const row = rng.pick([...inventory.values()]);
      const reason = rng.weighted([
        ["cycle_count", 5],
        ["damaged", 3],
        ["theft", 1],
        ["expired", 1],
        ["found", 1],
        ["customer_return", 2],
      ] as const);
      const change =
        reason === "damaged" || reason === "theft" || reason === "expired"
          ? -rng.int(1, 3)
          : reason === "cycle_count"
            ? rng.pick([-2, -1, 1, 2])
            : rng.int(1, 2);
      const previous = Math.max(3, row.on_hand + rng.int(-5, 5));
      return {
        store_id: row.store_id,
        sku_id: row.sku_id,
        reason,
        quantity_change: change,
        previous_on_hand: previous,
        new_on_hand: previous + change,
        note: notes[reason],
        adjusted_at: `${time.addDays(world.today, -rng.int(1, 30))}T${String(rng.int(7, 19)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`,
        adjusted_by: (world.people[(k * 3 + 1) % world.people.length] ?? world.user).full_name,
      };
    });
    log.sort((a, b) => (a.adjusted_at < b.adjusted_at ? -1 : a.adjusted_at > b.adjusted_at ? 1 : 0));
    return log.map((a) => ({ id: id("inventory_adjustments"), ...a }));
  }
}
