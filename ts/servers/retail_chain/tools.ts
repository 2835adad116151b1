/**
 * Retail chain tools: find stores and stock, correct counts, move stock between stores, hold
 * items for in-store pickup and restock from suppliers.
 *
 * Rules a store-operations system enforces and this one does too:
 * - a transfer or a pickup hold can take only what is available at the store: on hand minus
 *   what is already reserved (unexpired pickup holds and requested, unshipped transfers);
 * - a transfer's source and destination differ; it goes requested → in_transit → received:
 *   units leave the source when it ships and reach the destination when it is received; only
 *   requested transfers can be cancelled, only in-transit ones received, and no more units can
 *   be received than were shipped;
 * - a pickup hold is made only for a time the store is open, at most 7 days ahead, and lasts
 *   until the store closes that day; then it expires on the clock and frees its units; only a
 *   held reservation can be picked up (while the store is open) or cancelled;
 * - restock orders go to the supplier of the SKU, which must not be on credit hold, in whole
 *   cases, at least the supplier's minimum and at most its maximum number of cases; only open
 *   orders can be received or cancelled;
 * - inventory counts never go below zero, and a reason fixes the direction of a change
 *   (damaged/theft/expired remove units, found/customer_return add them).
 */
import {
  check,
  closingInstant,
  descending,
  distanceKm,
  fail,
  formatMoney,
  hoursOn,
  hoursSentence,
  isOpenAt,
  isoInstant,
  matchesText,
  page,
  paginate,
  ref,
  roundMoney,
  text,
  time,
  z,
  type CallEnv,
} from "../framework/index.ts";
import {
  ADJUSTMENT_REASONS,
  CATEGORIES,
  DECREASING_REASONS,
  INCREASING_REASONS,
  inventoryKey,
  pickupStatus,
  PICKUP_VIEW_STATUSES,
  read,
  RESTOCK_STATUSES,
  stockLevel,
  stockSentence,
  TRANSFER_STATUSES,
  write,
  type InventoryItem,
  type PickupReservation,
  type Retail,
  type RestockOrder,
  type Sku,
  type StockTransfer,
  type Store,
} from "./state.ts";

export const MAX_HOLD_DAYS_AHEAD = 7;

const storeId = (description: string) => ref("store", description);
const skuId = (description: string) => ref("sku", description);
const units = (description: string, max: number) =>
  z.number().int("quantities are whole units").min(1, "quantity must be at least 1 unit").max(max, `at most ${max} units`).describe(description);

const nameOf = (s: { id: string; name: string }) => `${s.id} (${s.name})`;

function storeView(store: Store, now: string) {
  return { ...store, open_now: isOpenAt(store.hours, now), hours_today: hoursOn(store.hours, now) };
}

/** A store in a list: today's hours instead of the whole week. */
function storeSummary(store: Store, now: string) {
  const { hours: _week, ...rest } = storeView(store, now);
  return rest;
}

/** The inventory row of a SKU at a store, or a not_found error that names stores carrying it. */
function needCarried(db: Retail, store: Store, sku: Sku): InventoryItem {
  const row = db.inventory.get(inventoryKey(store.id, sku.id));
  if (row) return row;
  const carriers = db.inventory.filter((r) => r.sku_id === sku.id).map((r) => r.store_id);
  return fail(
    `store ${nameOf(store)} does not carry ${nameOf(sku)}` +
      (carriers.length ? `; stores that carry it: ${carriers.slice(0, 6).join(", ")}${carriers.length > 6 ? ", …" : ""}` : "; no store carries it yet"),
    "not_found",
  );
}

/** Other stores with at least `quantity` available, nearest to `store` first, for error messages. */
function alternatives(db: Retail, store: Store, skuIdValue: string, quantity: number, now: string): string {
  const options = db.stores
    .filter((s) => s.id !== store.id && db.inventory.has(inventoryKey(s.id, skuIdValue)))
    .map((s) => ({ s, available: stockLevel(db, s.id, skuIdValue, now).available, km: distanceKm(store, s) }))
    .filter((x) => x.available >= quantity)
    .sort((a, b) => a.km - b.km)
    .slice(0, 3);
  return options.length
    ? `; stores with enough available: ${options.map((x) => `${x.s.id} in ${x.s.city} (${x.available} available)`).join(", ")}`
    : "; no other store has that many available";
}

function inventoryView(db: Retail, row: InventoryItem, now: string) {
  const sku = db.skus.need(row.sku_id);
  const level = stockLevel(db, row.store_id, row.sku_id, now);
  return {
    ...row,
    name: sku.name,
    brand: sku.brand,
    category: sku.category,
    unit_price: sku.unit_price,
    ...level,
    below_reorder_point: level.available <= row.reorder_point,
  };
}

function pickupView(r: PickupReservation, now: string) {
  return { ...r, status: pickupStatus(r, now) };
}

function transferStatusError(t: StockTransfer, wanted: string): never {
  const what: Record<StockTransfer["status"], string> = {
    requested: `has not shipped yet (requested ${t.requested_at}); ship it first with ship_stock_transfer`,
    in_transit: `is already in transit since ${t.shipped_at}; receive it at ${t.to_store_id} with receive_stock_transfer`,
    received: `was already received at ${t.received_at} (${t.received_quantity ?? t.quantity} units)`,
    cancelled: `was cancelled at ${t.cancelled_at}`,
  };
  return fail(`transfer ${t.id} ${what[t.status]}; only ${wanted} transfers can be handled this way`);
}

function addOnHand(db: Retail, storeIdValue: string, skuIdValue: string, quantity: number, env: CallEnv): InventoryItem {
  const key = inventoryKey(storeIdValue, skuIdValue);
  const row = db.inventory.get(key);
  if (row) return db.inventory.update(key, { on_hand: row.on_hand + quantity });
  return db.inventory.insert({
    id: key,
    store_id: storeIdValue,
    sku_id: skuIdValue,
    on_hand: quantity,
    reorder_point: 0,
    aisle: "Receiving",
    last_counted_at: env.now,
  });
}

export const tools = {
  list_stores: read({
    description:
      "List the chain's stores with address, coordinates, today's hours and whether each is open now (get_store gives the weekly hours). Filter by city or open_now.",
    input: z
      .object({
        city: z.string().trim().max(80).optional().describe("Only stores in this city, e.g. 'Denver'"),
        open_now: z.boolean().optional().describe("true: only stores open right now"),
        ...page,
      })
      .strict(),
    discovers: "store",
    run: (db, a, env) => {
      const p = db.stores.page(a, { where: (s) => matchesText(a.city, s.city) && (a.open_now === undefined || isOpenAt(s.hours, env.now) === a.open_now) });
      return { ...p, items: p.items.map((s) => storeSummary(s, env.now)) };
    },
  }),

  get_store: read({
    description:
      "One store's full details: address, phone, manager, weekly opening hours, whether it is open now, and a stock summary (SKUs carried, units on hand, items at or below reorder point, pickups held, inbound transfers).",
    input: z.object({ store_id: storeId("The store, e.g. 'STR-101'") }).strict(),
    run: (db, a, env) => {
      const store = db.stores.need(a.store_id);
      const rows = db.inventory.filter((r) => r.store_id === store.id);
      const low = rows.filter((r) => stockLevel(db, store.id, r.sku_id, env.now).available <= r.reorder_point).length;
      return {
        ...storeView(store, env.now),
        stock_summary: {
          skus_carried: rows.length,
          units_on_hand: rows.reduce((n, r) => n + r.on_hand, 0),
          items_at_or_below_reorder_point: low,
          pickups_held: db.pickup_reservations.count((r) => r.store_id === store.id && pickupStatus(r, env.now) === "held"),
          inbound_transfers: db.stock_transfers.count((t) => t.to_store_id === store.id && t.status === "in_transit"),
          open_restock_orders: db.restock_orders.count((o) => o.store_id === store.id && o.status === "ordered"),
        },
      };
    },
  }),

  find_nearest_store: read({
    description:
      "Stores nearest to a city (by name) or to coordinates, closest first, with distance in km. Optionally only stores that have a SKU available in a quantity, or that are open now. Use it to send a customer to the closest store with stock.",
    input: z
      .object({
        city: z.string().trim().min(2).max(80).optional().describe("City name, e.g. 'Boston'; give this or lat and lon"),
        lat: z.number().min(-90).max(90).optional().describe("Latitude of the point to search from"),
        lon: z.number().min(-180).max(180).optional().describe("Longitude of the point to search from"),
        sku_id: skuId("Only stores with this SKU available").optional(),
        quantity: units("Units that must be available (with sku_id); default 1", 1000).default(1),
        open_now: z.boolean().optional().describe("true: only stores open right now"),
        ...page,
      })
      .strict(),
    discovers: "store",
    run: (db, a, env) => {
      let origin: { lat: number; lon: number };
      if (a.city !== undefined) {
        const city = env.world.cities.find((c) => c.name.toLowerCase() === a.city?.toLowerCase());
        const served = [...new Set(db.stores.all().map((s) => s.city))].join(", ");
        check(city, `unknown city "${a.city}"; give a city such as ${served} (cities with stores), or lat and lon`, "invalid_argument");
        origin = city;
      } else {
        check(a.lat !== undefined && a.lon !== undefined, "give a city name, or both lat and lon", "invalid_argument");
        origin = { lat: a.lat, lon: a.lon };
      }
      if (a.sku_id !== undefined) db.skus.need(a.sku_id);
      const hits = db.stores
        .filter((s) => a.open_now === undefined || isOpenAt(s.hours, env.now) === a.open_now)
        .map((s) => {
          const available = a.sku_id !== undefined ? stockLevel(db, s.id, a.sku_id, env.now).available : undefined;
          return {
            store_id: s.id,
            name: s.name,
            street: s.street,
            city: s.city,
            phone: s.phone,
            distance_km: Math.round(distanceKm(origin, s) * 10) / 10,
            open_now: isOpenAt(s.hours, env.now),
            ...(available !== undefined ? { available } : {}),
          };
        })
        .filter((x) => x.available === undefined || x.available >= a.quantity)
        .sort((x, y) => x.distance_km - y.distance_km);
      return paginate(hits, a);
    },
  }),

  search_skus: read({
    description:
      "Search the chain's product catalog by text (name, brand, UPC or SKU id), category, brand or supplier. Returns SKUs with unit cost, unit price, supplier and case size.",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Text to look for, e.g. 'headlamp' or a UPC"),
        category: z.enum(CATEGORIES).optional().describe("Only this category"),
        supplier_id: ref("supplier", "Only SKUs from this supplier").optional(),
        ...page,
      })
      .strict(),
    discovers: "sku",
    run: (db, a) =>
      db.skus.page(a, {
        where: (s) =>
          matchesText(a.query, s.name, s.brand, s.upc, s.id) &&
          (!a.category || s.category === a.category) &&
          (!a.supplier_id || s.supplier_id === a.supplier_id),
      }),
  }),

  get_sku: read({
    description:
      "One SKU with its supplier (name, lead time, order minimum), margin, and chain-wide stock: units on hand and available across all stores and how many stores carry it.",
    input: z.object({ sku_id: skuId("The SKU, e.g. 'SKU-10001'") }).strict(),
    run: (db, a, env) => {
      const sku = db.skus.need(a.sku_id);
      const supplier = db.suppliers.need(sku.supplier_id);
      const rows = db.inventory.filter((r) => r.sku_id === sku.id);
      const levels = rows.map((r) => stockLevel(db, r.store_id, sku.id, env.now));
      return {
        ...sku,
        margin_pct: Math.round(((sku.unit_price - sku.unit_cost) / sku.unit_price) * 1000) / 10,
        supplier: {
          id: supplier.id,
          name: supplier.name,
          status: supplier.status,
          lead_time_days: supplier.lead_time_days,
          min_order_units: supplier.min_order_cases * sku.case_size,
          max_order_units: supplier.max_order_cases * sku.case_size,
        },
        stores_carrying: rows.length,
        total_on_hand: levels.reduce((n, l) => n + l.on_hand, 0),
        total_available: levels.reduce((n, l) => n + l.available, 0),
      };
    },
  }),

  list_store_inventory: read({
    description:
      "Stock at one store, one row per SKU: on hand, reserved (pickup holds and requested transfers), available, reorder point, inbound transfers and units on order. Filter by category, text, items at or below reorder point, or in stock.",
    input: z
      .object({
        store_id: storeId("The store"),
        category: z.enum(CATEGORIES).optional().describe("Only this category"),
        query: z.string().trim().max(100).optional().describe("Text in the SKU's name or brand"),
        below_reorder_point: z.boolean().optional().describe("true: only items whose available stock is at or below their reorder point"),
        in_stock: z.boolean().optional().describe("true: only items with units available; false: only items with none available"),
        ...page,
      })
      .strict(),
    discovers: "inventory_item",
    run: (db, a, env) => {
      db.stores.need(a.store_id);
      const rows = db.inventory
        .filter((r) => r.store_id === a.store_id)
        .map((r) => inventoryView(db, r, env.now))
        .filter(
          (v) =>
            (!a.category || v.category === a.category) &&
            matchesText(a.query, v.name, v.brand) &&
            (a.below_reorder_point === undefined || v.below_reorder_point === a.below_reorder_point) &&
            (a.in_stock === undefined || v.available > 0 === a.in_stock),
        );
      return paginate(rows, a);
    },
  }),

  check_stock_across_stores: read({
    description:
      "Where a SKU is in stock: on hand, reserved and available at every store that carries it, most available first, with store city and whether it is open now, plus chain totals.",
    input: z
      .object({
        sku_id: skuId("The SKU"),
        min_available: z.number().int().min(0).max(10000).default(0).describe("Only stores with at least this many available"),
        ...page,
      })
      .strict(),
    discovers: "inventory_item",
    run: (db, a, env) => {
      const sku = db.skus.need(a.sku_id);
      const rows = db.inventory
        .filter((r) => r.sku_id === sku.id)
        .map((r) => {
          const store = db.stores.need(r.store_id);
          return {
            id: r.id,
            store_id: store.id,
            store_name: store.name,
            city: store.city,
            open_now: isOpenAt(store.hours, env.now),
            reorder_point: r.reorder_point,
            ...stockLevel(db, store.id, sku.id, env.now),
          };
        });
      const shown = rows.filter((r) => r.available >= a.min_available).sort((x, y) => y.available - x.available || (x.store_id < y.store_id ? -1 : 1));
      return {
        sku_id: sku.id,
        name: sku.name,
        total_on_hand: rows.reduce((n, r) => n + r.on_hand, 0),
        total_available: rows.reduce((n, r) => n + r.available, 0),
        ...paginate(shown, a),
      };
    },
  }),

  list_low_stock_items: read({
    description:
      "Items at or below their reorder point across the chain (or at one store), lowest available first, with units already on order or inbound and how many cases to order to get back above the reorder point. Use it to plan restock orders and transfers.",
    input: z
      .object({
        store_id: storeId("Only this store").optional(),
        category: z.enum(CATEGORIES).optional().describe("Only this category"),
        uncovered_only: z
          .boolean()
          .default(false)
          .describe("true: skip items whose open restock orders and inbound transfers already lift them above the reorder point"),
        ...page,
      })
      .strict(),
    discovers: "inventory_item",
    run: (db, a, env) => {
      if (a.store_id) db.stores.need(a.store_id);
      const items = db.inventory
        .filter((r) => !a.store_id || r.store_id === a.store_id)
        .map((r) => inventoryView(db, r, env.now))
        .filter((v) => v.below_reorder_point && (!a.category || v.category === a.category))
        .map((v) => {
          const sku = db.skus.need(v.sku_id);
          const supplier = db.suppliers.need(sku.supplier_id);
          const covered = v.available + v.on_order + v.incoming_transfers > v.reorder_point;
          const shortBy = Math.max(0, v.reorder_point + 1 - v.available - v.on_order - v.incoming_transfers);
          const cases = covered ? 0 : Math.max(supplier.min_order_cases, Math.ceil(shortBy / sku.case_size));
          return {
            id: v.id,
            store_id: v.store_id,
            sku_id: v.sku_id,
            name: v.name,
            category: v.category,
            on_hand: v.on_hand,
            available: v.available,
            reorder_point: v.reorder_point,
            on_order: v.on_order,
            incoming_transfers: v.incoming_transfers,
            covered,
            supplier_id: supplier.id,
            suggested_cases: cases,
            suggested_quantity: cases * sku.case_size,
          };
        })
        .filter((x) => !a.uncovered_only || !x.covered)
        .sort((x, y) => x.available - y.available || (x.id < y.id ? -1 : 1));
      return paginate(items, a);
    },
  }),

  update_reorder_point: write({
    description:
      "Set the reorder point of a SKU at a store: when available stock falls to it or below, the item shows as low stock. Returns the inventory row with its stock levels.",
    input: z
      .object({
        store_id: storeId("The store"),
        sku_id: skuId("The SKU"),
        reorder_point: z.number().int().min(0).max(10000).describe("New reorder point in units (0 turns the alert off)"),
      })
      .strict(),
    run: (db, a, env) => {
      const store = db.stores.need(a.store_id);
      const sku = db.skus.need(a.sku_id);
      const row = needCarried(db, store, sku);
      const updated = db.inventory.update(row.id, { reorder_point: a.reorder_point });
      return { ...inventoryView(db, updated, env.now), previous_reorder_point: row.reorder_point };
    },
  }),

  adjust_inventory: write({
    description:
      "Correct the on-hand count of a SKU at a store, with a reason: give counted_quantity after a physical count, or quantity_change (negative to remove, positive to add). damaged/theft/expired remove units; found/customer_return add them; cycle_count goes either way. Logs and returns the adjustment with the new stock.",
    input: z
      .object({
        store_id: storeId("The store"),
        sku_id: skuId("The SKU"),
        reason: z.enum(ADJUSTMENT_REASONS).describe("Why the count changes"),
        quantity_change: z.number().int().min(-100000).max(100000).optional().describe("Units to add (positive) or remove (negative)"),
        counted_quantity: z.number().int().min(0).max(100000).optional().describe("Units physically counted; the on-hand count is set to it"),
        note: text("Note for the adjustment log", 500).default(""),
      })
      .strict(),
    produces: "inventory_adjustment",
    run: (db, a, env) => {
      check(
        (a.quantity_change === undefined) !== (a.counted_quantity === undefined),
        "give exactly one of quantity_change (a difference) or counted_quantity (the new count)",
        "invalid_argument",
      );
      const store = db.stores.need(a.store_id);
      const sku = db.skus.need(a.sku_id);
      const row = needCarried(db, store, sku);
      const change = a.counted_quantity !== undefined ? a.counted_quantity - row.on_hand : (a.quantity_change as number);
      check(change !== 0, `${store.id} already has ${row.on_hand} of ${nameOf(sku)} on hand; nothing to adjust`);
      if (DECREASING_REASONS.includes(a.reason))
        check(
          change < 0,
          `reason '${a.reason}' removes units, so the on-hand count must go down (it is ${row.on_hand}; this would make it ${row.on_hand + change}); use 'found' or 'customer_return' to add units`,
          "invalid_argument",
        );
      if (INCREASING_REASONS.includes(a.reason))
        check(
          change > 0,
          `reason '${a.reason}' adds units, so the on-hand count must go up (it is ${row.on_hand}; this would make it ${row.on_hand + change}); use 'damaged', 'theft', 'expired' or 'cycle_count' to remove units`,
          "invalid_argument",
        );
      check(
        row.on_hand + change >= 0,
        `${store.id} has only ${row.on_hand} of ${nameOf(sku)} on hand, so at most ${row.on_hand} can be removed; the change is ${change}`,
      );
      const updated = db.inventory.update(row.id, { on_hand: row.on_hand + change, ...(a.reason === "cycle_count" ? { last_counted_at: env.now } : {}) });
      const adjustment = db.inventory_adjustments.create({
        store_id: store.id,
        sku_id: sku.id,
        reason: a.reason,
        quantity_change: change,
        previous_on_hand: row.on_hand,
        new_on_hand: updated.on_hand,
        note: a.note,
        adjusted_at: env.now,
        adjusted_by: env.world.user.full_name,
      });
      const level = stockLevel(db, store.id, sku.id, env.now);
      return {
        ...adjustment,
        stock: level,
        ...(level.on_hand < level.reserved
          ? { warning: `only ${level.on_hand} on hand but ${level.reserved} reserved: cancel pickup holds or transfers that can no longer be filled` }
          : {}),
      };
    },
  }),

  list_inventory_adjustments: read({
    description: "The inventory adjustment log (count corrections, damage, theft, returns), newest first, filtered by store, SKU or reason.",
    input: z
      .object({
        store_id: storeId("Only this store").optional(),
        sku_id: skuId("Only this SKU").optional(),
        reason: z.enum(ADJUSTMENT_REASONS).optional().describe("Only this reason"),
        ...page,
      })
      .strict(),
    discovers: "inventory_adjustment",
    run: (db, a) =>
      db.inventory_adjustments.page(a, {
        where: (x) => (!a.store_id || x.store_id === a.store_id) && (!a.sku_id || x.sku_id === a.sku_id) && (!a.reason || x.reason === a.reason),
        sort: descending("adjusted_at"),
      }),
  }),

  create_stock_transfer: write({
    description:
      "Request a transfer of units of a SKU from one store to another. The units are allocated at the source at once (they stop being available) and move when the transfer ships (ship_stock_transfer) and is received (receive_stock_transfer). Returns the transfer in status 'requested'.",
    input: z
      .object({
        sku_id: skuId("The SKU to move"),
        from_store_id: storeId("Store the units leave"),
        to_store_id: storeId("Store the units go to"),
        quantity: units("Units to move", 1000),
        note: text("Why the transfer is made", 200).default(""),
      })
      .strict(),
    produces: "stock_transfer",
    run: (db, a, env) => {
      check(a.from_store_id !== a.to_store_id, `the source and destination stores must differ; both are ${a.from_store_id}`, "invalid_argument");
      const sku = db.skus.need(a.sku_id);
      const from = db.stores.need(a.from_store_id);
      db.stores.need(a.to_store_id);
      needCarried(db, from, sku);
      const level = stockLevel(db, from.id, sku.id, env.now);
      check(
        level.available >= a.quantity,
        () =>
          `not enough available: ${from.id} (${from.name}) has ${stockSentence(level)} of ${nameOf(sku)}, so at most ${level.available} can be transferred; the transfer asks for ${a.quantity}` +
          alternatives(db, from, sku.id, a.quantity, env.now),
      );
      const t = db.stock_transfers.create({
        sku_id: sku.id,
        from_store_id: from.id,
        to_store_id: a.to_store_id,
        quantity: a.quantity,
        status: "requested",
        note: a.note,
        requested_at: env.now,
      });
      return { ...t, source_available_after: level.available - a.quantity };
    },
  }),

  ship_stock_transfer: write({
    description:
      "Mark a requested transfer as shipped: its units leave the source store's on-hand count and the transfer becomes 'in_transit'. Returns the transfer and the source's stock.",
    input: z.object({ stock_transfer_id: ref("stock_transfer", "The requested transfer, e.g. 'XFER-1001'") }).strict(),
    run: (db, a, env) => {
      const t = db.stock_transfers.need(a.stock_transfer_id);
      if (t.status !== "requested") {
        transferStatusError(t, "requested");
      }
      const level = stockLevel(db, t.from_store_id, t.sku_id, env.now, t.id);
      check(
        level.available >= t.quantity,
        `the source ${t.from_store_id} now has ${stockSentence(level)} of ${t.sku_id} besides this transfer, so only ${level.available} can ship; the transfer is for ${t.quantity}. Cancel it with cancel_stock_transfer and request a smaller one`,
      );
      const row = db.inventory.need(inventoryKey(t.from_store_id, t.sku_id));
      db.inventory.update(row.id, { on_hand: row.on_hand - t.quantity });
      const shipped = db.stock_transfers.update(t.id, { status: "in_transit", shipped_at: env.now });
      return { ...shipped, source_stock: stockLevel(db, t.from_store_id, t.sku_id, env.now) };
    },
  }),

  receive_stock_transfer: write({
    description:
      "Record the arrival of an in-transit transfer at its destination: the received units are added to the destination's on-hand count (the store starts carrying the SKU if it did not). Give received_quantity when fewer units arrived than shipped. Returns the transfer and the destination's stock.",
    input: z
      .object({
        stock_transfer_id: ref("stock_transfer", "The in-transit transfer"),
        received_quantity: z.number().int().min(0).max(1000).optional().describe("Units that actually arrived; default all that shipped"),
      })
      .strict(),
    run: (db, a, env) => {
      const t = db.stock_transfers.need(a.stock_transfer_id);
      if (t.status !== "in_transit") transferStatusError(t, "in-transit");
      const received = a.received_quantity ?? t.quantity;
      check(received <= t.quantity, `received_quantity ${received} is more than the ${t.quantity} units shipped; give 0 to ${t.quantity}`, "invalid_argument");
      addOnHand(db, t.to_store_id, t.sku_id, received, env);
      const done = db.stock_transfers.update(t.id, { status: "received", received_at: env.now, received_quantity: received });
      return { ...done, shortfall: t.quantity - received, destination_stock: stockLevel(db, t.to_store_id, t.sku_id, env.now) };
    },
  }),

  cancel_stock_transfer: write({
    description:
      "Cancel a transfer that has not shipped yet; its allocated units become available at the source again. In-transit transfers cannot be recalled.",
    input: z.object({ stock_transfer_id: ref("stock_transfer", "The requested transfer") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const t = db.stock_transfers.need(a.stock_transfer_id);
      if (t.status === "in_transit")
        fail(
          `transfer ${t.id} is in transit since ${t.shipped_at} and cannot be recalled; receive it at ${t.to_store_id} with receive_stock_transfer, then transfer the units back`,
        );
      if (t.status !== "requested") transferStatusError(t, "requested");
      const cancelled = db.stock_transfers.update(t.id, { status: "cancelled", cancelled_at: env.now });
      return { ...cancelled, source_available_after: stockLevel(db, t.from_store_id, t.sku_id, env.now).available };
    },
  }),

  list_stock_transfers: read({
    description: "Transfers between stores, newest first, filtered by store (either end, or one direction), status or SKU.",
    input: z
      .object({
        store_id: storeId("Only transfers from or to this store").optional(),
        direction: z.enum(["inbound", "outbound"]).optional().describe("With store_id: inbound = to the store, outbound = from it"),
        status: z.enum(TRANSFER_STATUSES).optional().describe("Only transfers in this status"),
        sku_id: skuId("Only transfers of this SKU").optional(),
        ...page,
      })
      .strict(),
    discovers: "stock_transfer",
    run: (db, a) => {
      check(!a.direction || a.store_id, "direction needs a store_id: inbound and outbound are relative to a store", "invalid_argument");
      const atStore = (t: StockTransfer) =>
        !a.store_id ||
        (a.direction === "inbound"
          ? t.to_store_id === a.store_id
          : a.direction === "outbound"
            ? t.from_store_id === a.store_id
            : t.from_store_id === a.store_id || t.to_store_id === a.store_id);
      return db.stock_transfers.page(a, {
        where: (t) => atStore(t) && (!a.status || t.status === a.status) && (!a.sku_id || t.sku_id === a.sku_id),
        sort: descending("requested_at"),
      });
    },
  }),

  reserve_for_pickup: write({
    description:
      "Hold units of a SKU at a store for a customer to collect (buy online, pick up in store). The store must be open at the pickup time and have the units available; the hold lasts until the store closes that day, then expires. Returns the reservation with hold_until.",
    input: z
      .object({
        store_id: storeId("Store where the customer collects"),
        sku_id: skuId("The SKU to hold"),
        quantity: units("Units to hold", 10),
        customer_name: z.string().trim().min(2, "customer_name needs at least 2 characters").max(80).describe("Customer's full name"),
        customer_phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9][0-9 ().-]{6,19}$/, "a phone number such as +1-415-555-0123")
          .describe("Customer's phone number for the ready-for-pickup text"),
        pickup_at: isoInstant("When the customer will come, e.g. 2026-03-14T17:30:00Z; default now").optional(),
      })
      .strict(),
    produces: "pickup_reservation",
    run: (db, a, env) => {
      const store = db.stores.need(a.store_id);
      const sku = db.skus.need(a.sku_id);
      const at = a.pickup_at ?? env.now;
      check(at >= env.now, `pickup_at ${at} is in the past; it is now ${env.now}`, "invalid_argument");
      const latest = time.addDays(env.now, MAX_HOLD_DAYS_AHEAD);
      check(at <= latest, `pickups can be held at most ${MAX_HOLD_DAYS_AHEAD} days ahead (until ${latest}); pickup_at is ${at}`, "invalid_argument");
      check(isOpenAt(store.hours, at), `store ${nameOf(store)} is closed at ${at} (${hoursSentence(store.hours, at)}); choose a pickup time when it is open`);
      needCarried(db, store, sku);
      const level = stockLevel(db, store.id, sku.id, env.now);
      check(
        level.available >= a.quantity,
        () =>
          `not enough available: ${store.id} has ${stockSentence(level)} of ${nameOf(sku)}, so at most ${level.available} can be held; the customer wants ${a.quantity}` +
          alternatives(db, store, sku.id, a.quantity, env.now),
      );
      const r = db.pickup_reservations.create({
        store_id: store.id,
        sku_id: sku.id,
        quantity: a.quantity,
        customer_name: a.customer_name,
        customer_phone: a.customer_phone,
        pickup_at: at,
        hold_until: closingInstant(store.hours, at),
        status: "held",
        created_at: env.now,
      });
      return { ...r, store_available_after: level.available - a.quantity };
    },
  }),

  list_pickup_reservations: read({
    description:
      "In-store pickup holds, by pickup time, filtered by store, status (held, expired, picked_up, cancelled) or customer name/phone. A held reservation past its hold_until shows as expired.",
    input: z
      .object({
        store_id: storeId("Only this store").optional(),
        status: z.enum(PICKUP_VIEW_STATUSES).optional().describe("Only reservations in this status"),
        customer: z.string().trim().max(80).optional().describe("Part of the customer's name or phone"),
        ...page,
      })
      .strict(),
    discovers: "pickup_reservation",
    run: (db, a, env) => {
      const rows = db.pickup_reservations
        .filter(
          (r) =>
            (!a.store_id || r.store_id === a.store_id) &&
            (!a.status || pickupStatus(r, env.now) === a.status) &&
            matchesText(a.customer, r.customer_name, r.customer_phone),
        )
        .sort((x, y) => (x.pickup_at < y.pickup_at ? -1 : x.pickup_at > y.pickup_at ? 1 : 0))
        .map((r) => pickupView(r, env.now));
      return paginate(rows, a);
    },
  }),

  complete_pickup_reservation: write({
    description:
      "Hand a held reservation to the customer at the store: the units leave the on-hand count and the reservation becomes 'picked_up'. The store must be open now and the hold not expired.",
    input: z.object({ pickup_reservation_id: ref("pickup_reservation", "The held reservation, e.g. 'PU-1001'") }).strict(),
    run: (db, a, env) => {
      const r = db.pickup_reservations.need(a.pickup_reservation_id);
      const status = pickupStatus(r, env.now);
      check(
        status === "held",
        () =>
          `reservation ${r.id} is ${status}` +
          (status === "expired"
            ? ` (the hold lapsed at ${r.hold_until}); make a new one with reserve_for_pickup`
            : status === "picked_up"
              ? ` (collected at ${r.picked_up_at})`
              : ` (at ${r.cancelled_at})`) +
          "; only held reservations can be picked up",
      );
      const store = db.stores.need(r.store_id);
      check(
        isOpenAt(store.hours, env.now),
        `store ${nameOf(store)} is closed now (${env.now}; ${hoursSentence(store.hours, env.now)}); the customer can collect while it is open, until ${r.hold_until}`,
      );
      const row = db.inventory.need(inventoryKey(r.store_id, r.sku_id));
      check(
        row.on_hand >= r.quantity,
        `${store.id} has only ${row.on_hand} of ${r.sku_id} on hand, fewer than the ${r.quantity} held; recount with adjust_inventory or cancel the reservation`,
      );
      db.inventory.update(row.id, { on_hand: row.on_hand - r.quantity });
      const done = db.pickup_reservations.update(r.id, { status: "picked_up", picked_up_at: env.now });
      return { ...done, store_stock: stockLevel(db, r.store_id, r.sku_id, env.now) };
    },
  }),

  cancel_pickup_reservation: write({
    description: "Cancel a held pickup reservation (the customer will not come); its units become available again.",
    input: z.object({ pickup_reservation_id: ref("pickup_reservation", "The held reservation") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const r = db.pickup_reservations.need(a.pickup_reservation_id);
      const status = pickupStatus(r, env.now);
      check(
        status === "held",
        () =>
          `reservation ${r.id} is ${status}` +
          (status === "expired"
            ? ` since ${r.hold_until}; its units are already released`
            : status === "picked_up"
              ? ` (collected at ${r.picked_up_at}); a return goes through adjust_inventory with reason customer_return`
              : ` already (at ${r.cancelled_at})`) +
          "; only held reservations can be cancelled",
      );
      const cancelled = db.pickup_reservations.update(r.id, { status: "cancelled", cancelled_at: env.now });
      return { ...cancelled, store_available_after: stockLevel(db, r.store_id, r.sku_id, env.now).available };
    },
  }),

  list_suppliers: read({
    description:
      "The chain's suppliers with status (active or on credit hold), lead time in days, order minimum and maximum in cases, categories, and how many SKUs each supplies.",
    input: z
      .object({
        status: z.enum(["active", "on_hold"]).optional().describe("Only suppliers in this status"),
        category: z.enum(CATEGORIES).optional().describe("Only suppliers of this category"),
        ...page,
      })
      .strict(),
    discovers: "supplier",
    run: (db, a) => {
      const p = db.suppliers.page(a, { where: (s) => (!a.status || s.status === a.status) && (!a.category || s.categories.includes(a.category)) });
      return { ...p, items: p.items.map((s) => ({ ...s, sku_count: db.skus.count((k) => k.supplier_id === s.id) })) };
    },
  }),

  create_restock_order: write({
    description:
      "Order units of a SKU from its supplier for delivery to a store. Quantity is in units and must be whole cases (see the SKU's case_size) within the supplier's minimum and maximum number of cases; the supplier must be active. Returns the order with its cost and expected delivery date.",
    input: z
      .object({
        supplier_id: ref("supplier", "The SKU's supplier, e.g. 'SUP-101' (get_sku names it)"),
        store_id: storeId("Store the delivery goes to"),
        sku_id: skuId("The SKU to order"),
        quantity: units("Units to order (a multiple of the SKU's case_size)", 100000),
      })
      .strict(),
    produces: "restock_order",
    run: (db, a, env) => {
      const supplier = db.suppliers.need(a.supplier_id);
      const store = db.stores.need(a.store_id);
      const sku = db.skus.need(a.sku_id);
      if (sku.supplier_id !== supplier.id) {
        const right = db.suppliers.get(sku.supplier_id);
        fail(`${nameOf(sku)} is supplied by ${right ? nameOf(right) : sku.supplier_id}, not ${nameOf(supplier)}; order it from ${sku.supplier_id}`);
      }
      check(
        supplier.status === "active",
        `supplier ${nameOf(supplier)} is on credit hold and accepts no orders until the hold is lifted; move stock from another store with create_stock_transfer instead (check_stock_across_stores shows where it is)`,
      );
      const cases = a.quantity / sku.case_size;
      const lower = Math.max(1, Math.floor(cases)) * sku.case_size;
      check(
        Number.isInteger(cases),
        `${nameOf(sku)} ships in cases of ${sku.case_size}; ${a.quantity} is not a whole number of cases: order ${lower} or ${lower + sku.case_size} units`,
        "invalid_argument",
      );
      const min = supplier.min_order_cases;
      check(
        cases >= min,
        `${nameOf(supplier)} accepts at least ${min} cases (${min * sku.case_size} units) of ${sku.id} per order; ${a.quantity} units is ${cases} case${cases === 1 ? "" : "s"}`,
        "invalid_argument",
      );
      const max = supplier.max_order_cases;
      check(
        cases <= max,
        `${nameOf(supplier)} accepts at most ${max} cases (${max * sku.case_size} units) of ${sku.id} per order; ${a.quantity} units is ${cases} cases: split it into several orders`,
        "limit_exceeded",
      );
      const order = db.restock_orders.create({
        supplier_id: supplier.id,
        store_id: store.id,
        sku_id: sku.id,
        quantity: a.quantity,
        cases,
        unit_cost: sku.unit_cost,
        total_cost: roundMoney(a.quantity * sku.unit_cost),
        status: "ordered",
        ordered_at: env.now,
        expected_on: time.addDays(env.today, supplier.lead_time_days),
      });
      return { ...order, total_cost_text: `${formatMoney(order.total_cost)} USD` };
    },
  }),

  list_restock_orders: read({
    description: "Restock orders to suppliers, newest first, filtered by store, supplier, SKU, status, or overdue (still open past the expected date).",
    input: z
      .object({
        store_id: storeId("Only orders for this store").optional(),
        supplier_id: ref("supplier", "Only orders from this supplier").optional(),
        sku_id: skuId("Only orders of this SKU").optional(),
        status: z.enum(RESTOCK_STATUSES).optional().describe("Only orders in this status"),
        overdue: z.boolean().optional().describe("true: only open orders whose expected date has passed"),
        ...page,
      })
      .strict(),
    discovers: "restock_order",
    run: (db, a, env) => {
      const late = (o: RestockOrder) => o.status === "ordered" && o.expected_on < env.today;
      const p = db.restock_orders.page(a, {
        where: (o) =>
          (!a.store_id || o.store_id === a.store_id) &&
          (!a.supplier_id || o.supplier_id === a.supplier_id) &&
          (!a.sku_id || o.sku_id === a.sku_id) &&
          (!a.status || o.status === a.status) &&
          (a.overdue === undefined || late(o) === a.overdue),
        sort: descending("ordered_at"),
      });
      return { ...p, items: p.items.map((o) => ({ ...o, overdue: late(o) })) };
    },
  }),

  receive_restock_order: write({
    description:
      "Record the delivery of an open restock order at its store: the received units are added to the store's on-hand count. Give received_quantity when the delivery was short. Returns the order and the store's stock.",
    input: z
      .object({
        restock_order_id: ref("restock_order", "The open order, e.g. 'PO-1001'"),
        received_quantity: z.number().int().min(0).max(100000).optional().describe("Units that arrived; default the full order"),
      })
      .strict(),
    run: (db, a, env) => {
      const o = db.restock_orders.need(a.restock_order_id);
      check(
        o.status === "ordered",
        () =>
          `restock order ${o.id} is ${o.status}${o.status === "received" ? ` (at ${o.received_at}, ${o.received_quantity} units)` : ` (at ${o.cancelled_at})`}; only open ('ordered') orders can be received`,
      );
      const received = a.received_quantity ?? o.quantity;
      check(received <= o.quantity, `received_quantity ${received} is more than the ${o.quantity} units ordered; give 0 to ${o.quantity}`, "invalid_argument");
      addOnHand(db, o.store_id, o.sku_id, received, env);
      const done = db.restock_orders.update(o.id, { status: "received", received_quantity: received, received_at: env.now });
      return { ...done, shortfall: o.quantity - received, store_stock: stockLevel(db, o.store_id, o.sku_id, env.now) };
    },
  }),

  cancel_restock_order: write({
    description: "Cancel an open restock order before it is delivered. Received or already cancelled orders cannot be cancelled.",
    input: z.object({ restock_order_id: ref("restock_order", "The open order") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const o = db.restock_orders.need(a.restock_order_id);
      check(
        o.status === "ordered",
        () =>
          `restock order ${o.id} is ${o.status}${o.status === "received" ? ` (delivered at ${o.received_at}); correct stock with adjust_inventory instead` : ` already (at ${o.cancelled_at})`}; only open ('ordered') orders can be cancelled`,
      );
      return db.restock_orders.update(o.id, { status: "cancelled", cancelled_at: env.now });
    },
  }),
};
