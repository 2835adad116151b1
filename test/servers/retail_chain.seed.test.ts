/** The store network's seed, checked against the rules an operations manager would expect. */
import { expect } from "vitest";
import retail from "../../ts/servers/retail_chain/index.ts";
import type {
  InventoryAdjustment,
  InventoryItem,
  PickupReservation,
  RestockOrder,
  Sku,
  Store,
  StockTransfer,
  Supplier,
} from "../../ts/servers/retail_chain/state.ts";
import { seedRules } from "../helpers/seed-rules.ts";

const cents = (x: number) => Math.round(x * 100);
const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
const openAt = (s: Store, at: string) => {
  const h = s.hours[DAYS[new Date(at).getUTCDay()]!];
  return h !== null && h !== undefined && at.slice(11, 16) >= h.open && at.slice(11, 16) < h.close;
};

seedRules(retail, {
  "store names are unique, each store is in a city of the world, and the first two are open when the session starts": (s) => {
    const stores = s.rows<Store>("stores");
    expect(new Set(stores.map((x) => x.name)).size).toBe(stores.length);
    const cities = new Set(s.world.cities.map((c) => c.name));
    for (const x of stores) expect(cities.has(x.city) && x.opened_on < s.world.today, x.name).toBe(true);
    for (const x of stores.slice(0, 2)) expect(openAt(x, s.world.now), x.name).toBe(true);
  },
  "a SKU is priced at 1.8 to 2.3 times its cost, rounded up to the next .99, and bought from a supplier that carries its category": (s) => {
    const suppliers = new Map(s.rows<Supplier>("suppliers").map((x) => [x.id, x]));
    for (const k of s.rows<Sku>("skus")) {
      expect(k.unit_price, k.name).toBeGreaterThanOrEqual(k.unit_cost * 1.8 - 0.01);
      expect(k.unit_price, k.name).toBeLessThanOrEqual(k.unit_cost * 2.3 + 1);
      expect(cents(k.unit_price) % 100, k.name).toBe(99);
      expect(suppliers.get(k.supplier_id)!.categories, k.name).toContain(k.category);
    }
  },
  "the first store carries the whole catalog, every other at least two thirds of it": (s) => {
    const skus = s.rows<Sku>("skus").length;
    const inv = s.rows<InventoryItem>("inventory");
    s.rows<Store>("stores").forEach((x, i) => {
      const n = inv.filter((r) => r.store_id === x.id).length;
      if (i === 0) expect(n).toBe(skus);
      else expect(n, x.name).toBeGreaterThanOrEqual(Math.floor((2 * skus) / 3));
    });
  },
  "what is held for pickup or promised to another store never exceeds what is on hand": (s) => {
    const holds = s.rows<PickupReservation>("pickup_reservations").filter((r) => r.status === "held" && r.hold_until > s.world.now);
    const out = s.rows<StockTransfer>("stock_transfers").filter((t) => t.status === "requested");
    for (const r of s.rows<InventoryItem>("inventory")) {
      const promised =
        holds.filter((h) => h.store_id === r.store_id && h.sku_id === r.sku_id).reduce((n, h) => n + h.quantity, 0) +
        out.filter((t) => t.from_store_id === r.store_id && t.sku_id === r.sku_id).reduce((n, t) => n + t.quantity, 0);
      expect(r.on_hand, r.id).toBeGreaterThanOrEqual(promised);
    }
  },
  "a transfer goes between two different stores and moves forward: requested, shipped, received (all of it) before now": (s) => {
    for (const t of s.rows<StockTransfer>("stock_transfers")) {
      expect(t.from_store_id, t.id).not.toBe(t.to_store_id);
      const steps = [t.requested_at, t.shipped_at, t.received_at].filter((x): x is string => !!x);
      expect([...steps].sort(), t.id).toEqual(steps);
      expect(steps.at(-1)! <= s.world.now, t.id).toBe(true);
      expect([t.shipped_at !== undefined, t.received_at !== undefined], t.id).toEqual([
        t.status === "in_transit" || t.status === "received",
        t.status === "received",
      ]);
      if (t.status === "received") expect(t.received_quantity).toBe(t.quantity);
    }
  },
  "a pickup is booked while the store is open and held until it closes that day; a picked-up one was collected before now": (s) => {
    const stores = new Map(s.rows<Store>("stores").map((x) => [x.id, x]));
    for (const r of s.rows<PickupReservation>("pickup_reservations")) {
      const store = stores.get(r.store_id)!;
      expect(openAt(store, r.pickup_at), `${r.id} at ${r.pickup_at}`).toBe(true);
      expect(r.hold_until.slice(0, 10) === r.pickup_at.slice(0, 10) && r.hold_until > r.pickup_at, r.id).toBe(true);
      expect(r.created_at < r.pickup_at && r.created_at <= s.world.now, r.id).toBe(true);
      if (r.picked_up_at) expect(r.picked_up_at <= s.world.now, r.id).toBe(true);
    }
  },
  "a restock order comes from the SKU's supplier in whole cases of at least its minimum, costs quantity times unit cost, and arrives after its lead time": (
    s,
  ) => {
    const skus = new Map(s.rows<Sku>("skus").map((k) => [k.id, k]));
    const suppliers = new Map(s.rows<Supplier>("suppliers").map((x) => [x.id, x]));
    for (const o of s.rows<RestockOrder>("restock_orders")) {
      const sku = skus.get(o.sku_id)!;
      const sup = suppliers.get(o.supplier_id)!;
      expect([o.supplier_id, o.quantity, cents(o.total_cost)], o.id).toEqual([
        sku.supplier_id,
        o.cases * sku.case_size,
        Math.round(o.quantity * o.unit_cost * 100),
      ]);
      expect(o.cases, o.id).toBeGreaterThanOrEqual(sup.min_order_cases);
      const lead = (Date.parse(o.expected_on) - Date.parse(o.ordered_at.slice(0, 10))) / 86_400_000;
      expect(lead, o.id).toBe(sup.lead_time_days);
      if (o.status === "ordered") expect(sup.status, `${o.id}: nothing is ordered from a supplier on hold`).toBe("active");
      if (o.received_at) expect(o.received_at <= s.world.now, o.id).toBe(true);
    }
  },
  "an adjustment adds its change to the previous count; damage, theft and expiry only take stock away, found stock and returns only add": (s) => {
    for (const a of s.rows<InventoryAdjustment>("inventory_adjustments")) {
      expect(a.new_on_hand, a.id).toBe(a.previous_on_hand + a.quantity_change);
      if (["damaged", "theft", "expired"].includes(a.reason)) expect(a.quantity_change, a.id).toBeLessThan(0);
      if (["found", "customer_return"].includes(a.reason)) expect(a.quantity_change, a.id).toBeGreaterThan(0);
      expect(a.adjusted_at <= s.world.now, a.id).toBe(true);
    }
  },
});
