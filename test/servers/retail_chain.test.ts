import { describe, expect, it } from "vitest";
import retail from "../../ts/servers/retail_chain/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(retail, 11);

const SEED = 7;
const HOUR = 3_600_000;

type Level = {
  store_id: string;
  on_hand: number;
  reserved: number;
  available: number;
  held_for_pickup: number;
  allocated_to_transfers: number;
  incoming_transfers: number;
  on_order: number;
};

const today = (s: TestSession) => s.now().slice(0, 10);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Stock of a SKU at one store, through the public tools. */
function level(s: TestSession, store: string, sku: string): Level | undefined {
  return s.ok("check_stock_across_stores", { sku_id: sku, limit: 100 }).items.find((i: Level) => i.store_id === store);
}

function onHand(s: TestSession, store: string, sku: string): number {
  return level(s, store, sku)?.on_hand ?? 0;
}

/** A SKU at STR-101 (open 08:00–21:00 every day) with plenty available and nothing reserved. */
function plentiful(s: TestSession, min = 20): string {
  const rows = s.ok("list_store_inventory", { store_id: "STR-101", limit: 100 }).items as Array<Level & { sku_id: string }>;
  const row = rows.find((r) => r.available >= min && r.reserved === 0 && r.incoming_transfers === 0);
  expect(row, "seed has a well-stocked SKU at STR-101").toBeDefined();
  return row!.sku_id;
}

/** A (store, sku) pair where the store does not carry the SKU. */
function notCarried(s: TestSession): { store: string; sku: string } {
  const stores = s.ok("list_stores", { limit: 100 }).items.map((x: { id: string }) => x.id) as string[];
  for (const sku of s.ok("search_skus", { limit: 100 }).items.map((x: { id: string }) => x.id) as string[]) {
    const carriers = new Set(s.ok("check_stock_across_stores", { sku_id: sku, limit: 100 }).items.map((x: Level) => x.store_id));
    const missing = stores.find((st) => !carriers.has(st));
    if (missing) return { store: missing, sku };
  }
  throw new Error("every store carries every SKU");
}

describe("retail_chain: stores", () => {
  it("list_stores lists 8–15 stores with today's hours and filters by city and open_now", () => {
    const s = openSession(retail, SEED);
    const all = s.ok("list_stores", { limit: 100 });
    expect(all.total).toBeGreaterThanOrEqual(8);
    expect(all.total).toBeLessThanOrEqual(15);
    const first = all.items[0];
    expect(first.id).toBe("STR-101");
    expect(first.hours_today).toBe("08:00–21:00");
    expect(first.open_now).toBe(true);
    expect(first.hours).toBeUndefined();
    const open = s.ok("list_stores", { open_now: true, limit: 100 });
    expect(open.items.every((x: { open_now: boolean }) => x.open_now)).toBe(true);
    const closed = s.ok("list_stores", { open_now: false, limit: 100 });
    expect(open.total + closed.total).toBe(all.total);
    expect(closed.total).toBeGreaterThan(0); // some stores open at 10:00; the clock starts at 09:00
    const city = first.city as string;
    const inCity = s.ok("list_stores", { city: city.toLowerCase(), limit: 100 });
    expect(inCity.items.length).toBeGreaterThan(0);
    expect(inCity.items.every((x: { city: string }) => x.city === city)).toBe(true);
  });

  it("get_store returns weekly hours, open_now and a stock summary; unknown stores are not found", () => {
    const s = openSession(retail, SEED);
    const store = s.ok("get_store", { store_id: "STR-101" });
    expect(store.hours.monday).toEqual({ open: "08:00", close: "21:00" });
    expect(store.open_now).toBe(true);
    expect(store.stock_summary.skus_carried).toBe(64); // the flagship carries the whole catalog
    const inv = s.ok("list_store_inventory", { store_id: "STR-101", limit: 100 }).items as Level[];
    expect(store.stock_summary.units_on_hand).toBe(inv.reduce((n, r) => n + r.on_hand, 0));
    expect(store.stock_summary.pickups_held).toBe(s.ok("list_pickup_reservations", { store_id: "STR-101", status: "held" }).total);
    s.fails("get_store", { store_id: "STR-999" }, "not_found", /store 'STR-999' not found.*list_stores/);
  });

  it("find_nearest_store sorts by distance from a city or coordinates, filters by stock, and rejects unknown places", () => {
    const s = openSession(retail, SEED);
    const flagship = s.ok("get_store", { store_id: "STR-101" });
    const byCity = s.ok("find_nearest_store", { city: flagship.city, limit: 100 });
    expect(byCity.items[0].city).toBe(flagship.city);
    const distances = byCity.items.map((x: { distance_km: number }) => x.distance_km);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const byPoint = s.ok("find_nearest_store", { lat: flagship.lat, lon: flagship.lon });
    expect(byPoint.items[0]).toMatchObject({ store_id: "STR-101", distance_km: 0 });
    const sku = plentiful(s);
    const withStock = s.ok("find_nearest_store", { lat: flagship.lat, lon: flagship.lon, sku_id: sku, quantity: 20, limit: 100 });
    expect(withStock.items[0].store_id).toBe("STR-101");
    expect(withStock.items.every((x: { available: number }) => x.available >= 20)).toBe(true);
    s.fails("find_nearest_store", { city: "Atlantis" }, "invalid_argument", /unknown city "Atlantis"; give a city such as .*San Francisco/);
    s.fails("find_nearest_store", { lat: 40 }, "invalid_argument", /give a city name, or both lat and lon/);
    s.fails("find_nearest_store", { city: flagship.city, sku_id: "SKU-00000" }, "not_found", /sku 'SKU-00000' not found.*search_skus/);
  });
});

describe("retail_chain: catalog and stock", () => {
  it("search_skus finds by text, category and supplier", () => {
    const s = openSession(retail, SEED);
    const hits = s.ok("search_skus", { query: "headlamp" });
    expect(hits.total).toBe(1);
    expect(hits.items[0].name).toBe("Headlamp 350 Lumen");
    const snacks = s.ok("search_skus", { category: "snacks", limit: 100 });
    expect(snacks.total).toBe(11);
    expect(snacks.items.every((x: { category: string }) => x.category === "snacks")).toBe(true);
    const held = s.ok("search_skus", { supplier_id: "SUP-106", limit: 100 });
    expect(held.items.map((x: { brand: string }) => x.brand)).toEqual(["Brightpath", "Brightpath", "Brightpath", "Brightpath"]);
    expect(s.ok("search_skus", { query: "zzzz-nothing" }).total).toBe(0);
  });

  it("get_sku adds supplier terms, margin and chain-wide totals", () => {
    const s = openSession(retail, SEED);
    const sku = s.ok("get_sku", { sku_id: "SKU-10001" });
    expect(sku.name).toBe("Merino Crew Socks (3-pack)");
    expect(sku.supplier.id).toBe(sku.supplier_id);
    const supplier = s.ok("list_suppliers", { limit: 100 }).items.find((x: { id: string }) => x.id === sku.supplier_id);
    expect(sku.supplier.min_order_units).toBe(supplier.min_order_cases * sku.case_size);
    expect(sku.margin_pct).toBeCloseTo(((sku.unit_price - sku.unit_cost) / sku.unit_price) * 100, 0);
    const across = s.ok("check_stock_across_stores", { sku_id: "SKU-10001", limit: 100 });
    expect(sku.stores_carrying).toBe(across.total);
    expect(sku.total_on_hand).toBe(across.total_on_hand);
    expect(sku.total_available).toBe(across.total_available);
    s.fails("get_sku", { sku_id: "SKU-99999" }, "not_found", /search_skus/);
  });

  it("list_store_inventory filters by category, text, reorder point and stock", () => {
    const s = openSession(retail, SEED);
    const low = s.ok("list_store_inventory", { store_id: "STR-101", below_reorder_point: true, limit: 100 });
    expect(low.total).toBeGreaterThan(0);
    for (const r of low.items) expect(r.available).toBeLessThanOrEqual(r.reorder_point);
    const ok = s.ok("list_store_inventory", { store_id: "STR-101", below_reorder_point: false, limit: 100 });
    expect(low.total + ok.total).toBe(64);
    const kitchen = s.ok("list_store_inventory", { store_id: "STR-101", category: "kitchen", limit: 100 });
    expect(kitchen.total).toBe(8);
    const socks = s.ok("list_store_inventory", { store_id: "STR-101", query: "socks" });
    expect(socks.items.map((r: { sku_id: string }) => r.sku_id)).toEqual(["SKU-10001"]);
    const empty = s.ok("list_store_inventory", { store_id: "STR-101", in_stock: false, limit: 100 });
    for (const r of empty.items) expect(r.available).toBe(0);
    s.fails("list_store_inventory", { store_id: "STR-000" }, "not_found");
  });

  it("check_stock_across_stores lists stores by available stock with chain totals", () => {
    const s = openSession(retail, SEED);
    const r = s.ok("check_stock_across_stores", { sku_id: "SKU-10002", limit: 100 });
    const avail = r.items.map((x: Level) => x.available);
    expect(avail).toEqual([...avail].sort((a, b) => b - a));
    expect(r.total_available).toBe(avail.reduce((a: number, b: number) => a + b, 0));
    for (const x of r.items) expect(x.available).toBe(Math.max(0, x.on_hand - x.reserved));
    const plenty = s.ok("check_stock_across_stores", { sku_id: "SKU-10002", min_available: 30, limit: 100 });
    expect(plenty.items.every((x: Level) => x.available >= 30)).toBe(true);
    expect(plenty.total).toBe(avail.filter((a: number) => a >= 30).length);
    s.fails("check_stock_across_stores", { sku_id: "SKU-1" }, "not_found", /search_skus/);
  });

  it("list_low_stock_items suggests whole cases at or above the supplier minimum and skips covered items on request", () => {
    const s = openSession(retail, SEED);
    const all = s.ok("list_low_stock_items", { limit: 100 });
    expect(all.total).toBeGreaterThan(0);
    const suppliers = new Map(s.ok("list_suppliers", { limit: 100 }).items.map((x: { id: string; min_order_cases: number }) => [x.id, x]));
    for (const item of all.items) {
      expect(item.available).toBeLessThanOrEqual(item.reorder_point);
      if (!item.covered) {
        const sku = s.ok("get_sku", { sku_id: item.sku_id });
        expect(item.suggested_quantity % sku.case_size).toBe(0);
        expect(item.suggested_cases).toBeGreaterThanOrEqual((suppliers.get(item.supplier_id) as { min_order_cases: number }).min_order_cases);
        expect(item.available + item.suggested_quantity).toBeGreaterThan(item.reorder_point);
      } else expect(item.suggested_quantity).toBe(0);
    }
    const uncovered = s.ok("list_low_stock_items", { uncovered_only: true, limit: 100 });
    expect(uncovered.items.every((x: { covered: boolean }) => !x.covered)).toBe(true);
    const atStore = s.ok("list_low_stock_items", { store_id: "STR-101", limit: 100 });
    expect(atStore.total).toBe(s.ok("list_store_inventory", { store_id: "STR-101", below_reorder_point: true, limit: 100 }).total);
    const avail = atStore.items.map((x: Level) => x.available);
    expect(avail).toEqual([...avail].sort((a: number, b: number) => a - b));
    s.fails("list_low_stock_items", { store_id: "STR-999" }, "not_found", /list_stores or find_nearest_store/);
  });

  it("update_reorder_point changes the threshold and the low-stock flag; a SKU the store does not carry is not found", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const avail = level(s, "STR-101", sku)!.available;
    const r = s.ok("update_reorder_point", { store_id: "STR-101", sku_id: sku, reorder_point: avail });
    expect(r.reorder_point).toBe(avail);
    expect(r.below_reorder_point).toBe(true);
    const again = s.ok("update_reorder_point", { store_id: "STR-101", sku_id: sku, reorder_point: 0 });
    expect(again.previous_reorder_point).toBe(avail);
    expect(again.below_reorder_point).toBe(false);
    const { store, sku: other } = notCarried(s);
    s.fails("update_reorder_point", { store_id: store, sku_id: other, reorder_point: 5 }, "not_found", new RegExp(`store ${store} .* does not carry ${other}`));
    s.fails("update_reorder_point", { store_id: "STR-101", sku_id: sku, reorder_point: -1 }, "invalid_arguments");
  });
});

describe("retail_chain: inventory adjustments", () => {
  it("sets the count from a physical count, logs the adjustment and stamps last_counted_at", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const before = onHand(s, "STR-101", sku);
    const adj = s.ok("adjust_inventory", { store_id: "STR-101", sku_id: sku, reason: "cycle_count", counted_quantity: before - 3, note: "Monday count" });
    expect(adj).toMatchObject({ quantity_change: -3, previous_on_hand: before, new_on_hand: before - 3, reason: "cycle_count" });
    expect(adj.id).toMatch(/^ADJ-\d{4}$/);
    expect(onHand(s, "STR-101", sku)).toBe(before - 3);
    const row = s.ok("list_store_inventory", { store_id: "STR-101", limit: 100 }).items.find((r: { sku_id: string }) => r.sku_id === sku);
    expect(row.last_counted_at).toBe(adj.adjusted_at);
    const log = s.ok("list_inventory_adjustments", { store_id: "STR-101", sku_id: sku });
    expect(log.items[0].id).toBe(adj.id);
    expect(s.ok("list_inventory_adjustments", { reason: "cycle_count", limit: 100 }).items.every((x: { reason: string }) => x.reason === "cycle_count")).toBe(
      true,
    );
    const all = s.ok("list_inventory_adjustments", { limit: 100 });
    expect(all.total).toBe(17); // 16 seeded + this one
    expect(all.items[0].id).toBe(adj.id);
    const times = all.items.map((x: { adjusted_at: string }) => x.adjusted_at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("applies a signed change and enforces the direction of each reason", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const before = onHand(s, "STR-101", sku);
    expect(s.ok("adjust_inventory", { store_id: "STR-101", sku_id: sku, reason: "damaged", quantity_change: -2 }).new_on_hand).toBe(before - 2);
    expect(s.ok("adjust_inventory", { store_id: "STR-101", sku_id: sku, reason: "customer_return", quantity_change: 1 }).new_on_hand).toBe(before - 1);
    s.fails(
      "adjust_inventory",
      { store_id: "STR-101", sku_id: sku, reason: "damaged", quantity_change: 2 },
      "invalid_argument",
      /reason 'damaged' removes units.*use 'found' or 'customer_return'/,
    );
    s.fails("adjust_inventory", { store_id: "STR-101", sku_id: sku, reason: "found", quantity_change: -1 }, "invalid_argument", /reason 'found' adds units/);
    s.fails("adjust_inventory", { store_id: "STR-101", sku_id: sku, reason: "theft", counted_quantity: before + 5 }, "invalid_argument", /removes units/);
  });

  it("refuses counts below zero, changes of nothing, and ambiguous input", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const before = onHand(s, "STR-101", sku);
    s.fails(
      "adjust_inventory",
      { store_id: "STR-101", sku_id: sku, reason: "cycle_count", quantity_change: -(before + 1) },
      "failed_precondition",
      new RegExp(`has only ${before} .* on hand, so at most ${before} can be removed`),
    );
    s.fails(
      "adjust_inventory",
      { store_id: "STR-101", sku_id: sku, reason: "cycle_count", counted_quantity: before },
      "failed_precondition",
      new RegExp(`already has ${before} .* nothing to adjust`),
    );
    s.fails(
      "adjust_inventory",
      { store_id: "STR-101", sku_id: sku, reason: "cycle_count", counted_quantity: 1, quantity_change: 1 },
      "invalid_argument",
      /exactly one of quantity_change .* or counted_quantity/,
    );
    s.fails("adjust_inventory", { store_id: "STR-101", sku_id: sku, reason: "cycle_count" }, "invalid_argument", /exactly one/);
    const { store, sku: other } = notCarried(s);
    s.fails("adjust_inventory", { store_id: store, sku_id: other, reason: "found", quantity_change: 1 }, "not_found", /does not carry/);
  });

  it("warns when the new count is below what is reserved", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    s.ok("reserve_for_pickup", { store_id: "STR-101", sku_id: sku, quantity: 5, customer_name: "Ana Lopez", customer_phone: "+1-415-555-0101" });
    const adj = s.ok("adjust_inventory", { store_id: "STR-101", sku_id: sku, reason: "cycle_count", counted_quantity: 2 });
    expect(adj.stock).toMatchObject({ on_hand: 2, held_for_pickup: 5, available: 0 });
    expect(adj.warning).toMatch(/only 2 on hand but 5 reserved/);
  });
});

describe("retail_chain: stock transfers", () => {
  it("create allocates units at the source: available drops, on hand does not", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const before = level(s, "STR-101", sku)!;
    const t = s.ok("create_stock_transfer", { sku_id: sku, from_store_id: "STR-101", to_store_id: "STR-102", quantity: 6, note: "Weekend event" });
    expect(t).toMatchObject({
      status: "requested",
      quantity: 6,
      from_store_id: "STR-101",
      to_store_id: "STR-102",
      source_available_after: before.available - 6,
    });
    expect(t.id).toMatch(/^XFER-\d{4}$/);
    const after = level(s, "STR-101", sku)!;
    expect(after.on_hand).toBe(before.on_hand);
    expect(after.allocated_to_transfers).toBe(6);
    expect(after.available).toBe(before.available - 6);
  });

  it("a transfer cannot take more than available (on hand − reserved), and source and destination differ", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    s.ok("reserve_for_pickup", { store_id: "STR-101", sku_id: sku, quantity: 4, customer_name: "Ben Park", customer_phone: "+1 415 555 0102" });
    const l = level(s, "STR-101", sku)!;
    expect(l.reserved).toBe(4);
    s.fails(
      "create_stock_transfer",
      { sku_id: sku, from_store_id: "STR-101", to_store_id: "STR-102", quantity: l.available + 1 },
      "failed_precondition",
      new RegExp(
        `has ${l.on_hand} on hand and 4 reserved \\(4 held for pickup\\) .* so at most ${l.available} can be transferred; the transfer asks for ${l.available + 1}`,
      ),
    );
    s.ok("create_stock_transfer", { sku_id: sku, from_store_id: "STR-101", to_store_id: "STR-102", quantity: l.available });
    s.fails(
      "create_stock_transfer",
      { sku_id: sku, from_store_id: "STR-101", to_store_id: "STR-103", quantity: 1 },
      "failed_precondition",
      /so at most 0 can be transferred/,
    );
    s.fails(
      "create_stock_transfer",
      { sku_id: sku, from_store_id: "STR-102", to_store_id: "STR-102", quantity: 1 },
      "invalid_argument",
      /source and destination stores must differ; both are STR-102/,
    );
    const { store, sku: other } = notCarried(s);
    const to = store === "STR-101" ? "STR-102" : "STR-101";
    s.fails(
      "create_stock_transfer",
      { sku_id: other, from_store_id: store, to_store_id: to, quantity: 1 },
      "not_found",
      /does not carry.*stores that carry it/,
    );
    s.fails("create_stock_transfer", { sku_id: sku, from_store_id: "STR-101", to_store_id: "STR-102", quantity: 0 }, "invalid_arguments", /at least 1/);
  });

  it("ship moves units out of the source; receive adds them at the destination; states are enforced", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const src = onHand(s, "STR-101", sku);
    const dst = onHand(s, "STR-103", sku);
    const t = s.ok("create_stock_transfer", { sku_id: sku, from_store_id: "STR-101", to_store_id: "STR-103", quantity: 5 });
    s.fails("receive_stock_transfer", { stock_transfer_id: t.id }, "failed_precondition", /has not shipped yet .* ship it first with ship_stock_transfer/);
    const shipped = s.ok("ship_stock_transfer", { stock_transfer_id: t.id });
    expect(shipped.status).toBe("in_transit");
    expect(shipped.shipped_at).toBeDefined();
    expect(shipped.source_stock).toMatchObject({ on_hand: src - 5, allocated_to_transfers: 0 });
    expect(level(s, "STR-103", sku)?.incoming_transfers ?? 0).toBe(5);
    s.fails("ship_stock_transfer", { stock_transfer_id: t.id }, "failed_precondition", /already in transit .* receive it at STR-103/);
    s.fails("receive_stock_transfer", { stock_transfer_id: t.id, received_quantity: 6 }, "invalid_argument", /6 is more than the 5 units shipped; give 0 to 5/);
    const received = s.ok("receive_stock_transfer", { stock_transfer_id: t.id, received_quantity: 4 });
    expect(received).toMatchObject({ status: "received", received_quantity: 4, shortfall: 1 });
    expect(received.destination_stock.on_hand).toBe(dst + 4);
    expect(onHand(s, "STR-101", sku)).toBe(src - 5);
    s.fails("receive_stock_transfer", { stock_transfer_id: t.id }, "failed_precondition", /was already received .* \(4 units\)/);
  });

  it("ship refuses when the source no longer has the units; receiving at a store that did not carry the SKU starts carrying it", () => {
    const s = openSession(retail, SEED);
    const { store, sku } = notCarried(s);
    const carrier = s.ok("check_stock_across_stores", { sku_id: sku, min_available: 3 }).items[0];
    const t = s.ok("create_stock_transfer", { sku_id: sku, from_store_id: carrier.store_id, to_store_id: store, quantity: 3 });
    const l = level(s, carrier.store_id, sku)!;
    s.ok("adjust_inventory", { store_id: carrier.store_id, sku_id: sku, reason: "theft", quantity_change: -(l.on_hand - l.reserved + 1) });
    s.fails("ship_stock_transfer", { stock_transfer_id: t.id }, "failed_precondition", /so only 2 can ship; the transfer is for 3/);
    s.ok("adjust_inventory", { store_id: carrier.store_id, sku_id: sku, reason: "found", quantity_change: 1 });
    s.ok("ship_stock_transfer", { stock_transfer_id: t.id });
    const r = s.ok("receive_stock_transfer", { stock_transfer_id: t.id });
    expect(r.destination_stock.on_hand).toBe(3);
    const row = s.ok("list_store_inventory", { store_id: store, limit: 100 }).items.find((x: { sku_id: string }) => x.sku_id === sku);
    expect(row).toMatchObject({ on_hand: 3, reorder_point: 0, aisle: "Receiving" });
  });

  it("cancel frees requested units; in-transit and received transfers cannot be cancelled", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const before = level(s, "STR-101", sku)!.available;
    const t = s.ok("create_stock_transfer", { sku_id: sku, from_store_id: "STR-101", to_store_id: "STR-102", quantity: 7 });
    const c = s.ok("cancel_stock_transfer", { stock_transfer_id: t.id });
    expect(c.status).toBe("cancelled");
    expect(c.source_available_after).toBe(before);
    s.fails("cancel_stock_transfer", { stock_transfer_id: t.id }, "failed_precondition", /was cancelled at/);
    s.fails("ship_stock_transfer", { stock_transfer_id: t.id }, "failed_precondition", /was cancelled at .*; only requested transfers/);
    s.fails("receive_stock_transfer", { stock_transfer_id: t.id }, "failed_precondition", /was cancelled at .*; only in-transit transfers/);
    const t2 = s.ok("create_stock_transfer", { sku_id: sku, from_store_id: "STR-101", to_store_id: "STR-102", quantity: 2 });
    s.ok("ship_stock_transfer", { stock_transfer_id: t2.id });
    s.fails("cancel_stock_transfer", { stock_transfer_id: t2.id }, "failed_precondition", /in transit since .* cannot be recalled; receive it at STR-102/);
    s.ok("receive_stock_transfer", { stock_transfer_id: t2.id });
    s.fails("cancel_stock_transfer", { stock_transfer_id: t2.id }, "failed_precondition", /was already received/);
    s.fails("ship_stock_transfer", { stock_transfer_id: "XFER-9999" }, "not_found", /list_stock_transfers/);
  });

  it("list_stock_transfers filters by store, direction, status and SKU, newest first", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const t = s.ok("create_stock_transfer", { sku_id: sku, from_store_id: "STR-101", to_store_id: "STR-104", quantity: 1 });
    const all = s.ok("list_stock_transfers", { limit: 100 });
    expect(all.items[0].id).toBe(t.id);
    const times = all.items.map((x: { requested_at: string }) => x.requested_at);
    expect(times).toEqual([...times].sort().reverse());
    const out = s.ok("list_stock_transfers", { store_id: "STR-101", direction: "outbound", limit: 100 });
    expect(out.items.every((x: { from_store_id: string }) => x.from_store_id === "STR-101")).toBe(true);
    const inbound = s.ok("list_stock_transfers", { store_id: "STR-104", direction: "inbound", limit: 100 });
    expect(inbound.items.map((x: { id: string }) => x.id)).toContain(t.id);
    expect(inbound.items.every((x: { to_store_id: string }) => x.to_store_id === "STR-104")).toBe(true);
    const transit = s.ok("list_stock_transfers", { status: "in_transit", limit: 100 });
    expect(transit.total).toBeGreaterThan(0);
    expect(transit.items.every((x: { status: string }) => x.status === "in_transit")).toBe(true);
    expect(s.ok("list_stock_transfers", { sku_id: sku }).items.map((x: { id: string }) => x.id)).toContain(t.id);
    s.fails("list_stock_transfers", { direction: "inbound" }, "invalid_argument", /direction needs a store_id/);
  });

  it("seeded in-transit transfers show as incoming at their destination", () => {
    const s = openSession(retail, SEED);
    const t = s.ok("list_stock_transfers", { status: "in_transit" }).items[0];
    expect(s.ok("get_store", { store_id: t.to_store_id }).stock_summary.inbound_transfers).toBeGreaterThanOrEqual(1);
    const dest = level(s, t.to_store_id, t.sku_id);
    expect(dest!.incoming_transfers).toBeGreaterThanOrEqual(t.quantity);
  });
});

describe("retail_chain: pickup reservations", () => {
  it("holds units until the store closes that day and reduces what is available", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const before = level(s, "STR-101", sku)!;
    const pickupAt = `${today(s)}T17:30:00Z`;
    const r = s.ok("reserve_for_pickup", {
      store_id: "STR-101",
      sku_id: sku,
      quantity: 2,
      customer_name: "Zelda Quist",
      customer_phone: "+1-415-555-0110",
      pickup_at: pickupAt,
    });
    expect(r).toMatchObject({
      status: "held",
      pickup_at: pickupAt,
      hold_until: `${today(s)}T21:00:00Z`,
      quantity: 2,
      store_available_after: before.available - 2,
    });
    expect(r.id).toMatch(/^PU-\d{4}$/);
    const after = level(s, "STR-101", sku)!;
    expect(after).toMatchObject({ on_hand: before.on_hand, held_for_pickup: 2, available: before.available - 2 });
    const listed = s.ok("list_pickup_reservations", { customer: "quist", limit: 100 });
    expect(listed.items.map((x: { id: string }) => x.id)).toEqual([r.id]);
  });

  it("defaults the pickup to now and normalises offsets", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const t0 = s.now();
    const r = s.ok("reserve_for_pickup", { store_id: "STR-101", sku_id: sku, quantity: 1, customer_name: "Dev Shah", customer_phone: "+14155550111" });
    expect(r.pickup_at).toBe(t0);
    expect(r.created_at).toBe(t0);
    const r2 = s.ok("reserve_for_pickup", {
      store_id: "STR-101",
      sku_id: sku,
      quantity: 1,
      customer_name: "Dev Shah",
      customer_phone: "+14155550111",
      pickup_at: `${today(s)}T12:00:00-02:00`,
    });
    expect(r2.pickup_at).toBe(`${today(s)}T14:00:00Z`);
  });

  it("only in stores open at pickup time, not in the past, at most 7 days ahead", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const base = { store_id: "STR-101", sku_id: sku, quantity: 1, customer_name: "Erin Walsh", customer_phone: "+1-415-555-0112" };
    s.fails(
      "reserve_for_pickup",
      { ...base, pickup_at: `${addDays(today(s), 1)}T06:30:00Z` },
      "failed_precondition",
      /is closed at .*T06:30:00Z \(on \w+days it is open 08:00–21:00; it opens next at .*T08:00:00Z\); choose a pickup time when it is open/,
    );
    s.fails("reserve_for_pickup", { ...base, pickup_at: `${today(s)}T08:30:00Z` }, "invalid_argument", /is in the past; it is now/);
    s.fails("reserve_for_pickup", { ...base, pickup_at: `${addDays(today(s), 8)}T12:00:00Z` }, "invalid_argument", /at most 7 days ahead/);
    // STR-104 opens at 10:00 and the clock starts at 09:00: a hold for right now is refused.
    const closed = s.ok("list_stores", { open_now: false, limit: 100 }).items[0];
    const carried = s.ok("list_store_inventory", { store_id: closed.id, in_stock: true }).items[0];
    s.fails(
      "reserve_for_pickup",
      { ...base, store_id: closed.id, sku_id: carried.sku_id },
      "failed_precondition",
      new RegExp(`store ${closed.id} .* is closed at ${s.now()}`),
    );
    s.fails("reserve_for_pickup", { ...base, customer_phone: "call me" }, "invalid_arguments", /phone number/);
  });

  it("only with stock: at most what is available, naming stores that have enough", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s, 5);
    const l = level(s, "STR-101", sku)!;
    const base = { store_id: "STR-101", sku_id: sku, customer_name: "Farid Khan", customer_phone: "+1-415-555-0113" };
    s.ok("adjust_inventory", { store_id: "STR-101", sku_id: sku, reason: "cycle_count", counted_quantity: 3 });
    s.fails(
      "reserve_for_pickup",
      { ...base, quantity: 4 },
      "failed_precondition",
      /has 3 on hand and none reserved .* so at most 3 can be held; the customer wants 4; stores with enough available: STR-\d+/,
    );
    expect(l.on_hand).toBeGreaterThan(3);
    const { store, sku: other } = notCarried(s);
    s.fails(
      "reserve_for_pickup",
      { ...base, store_id: store, sku_id: other, quantity: 1, pickup_at: `${addDays(today(s), 1)}T15:00:00Z` },
      "not_found",
      /does not carry/,
    );
    s.fails("reserve_for_pickup", { ...base, quantity: 11 }, "invalid_arguments", /at most 10/);
  });

  it("a hold expires on the clock: its units are available again and it can no longer be cancelled or collected", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const before = level(s, "STR-101", sku)!.available;
    const r = s.ok("reserve_for_pickup", { store_id: "STR-101", sku_id: sku, quantity: 3, customer_name: "Gina Moss", customer_phone: "+1-415-555-0114" });
    expect(level(s, "STR-101", sku)!.available).toBe(before - 3);
    s.advance(13 * HOUR); // past 21:00 closing
    expect(level(s, "STR-101", sku)!.available).toBe(before);
    const listed = s.ok("list_pickup_reservations", { store_id: "STR-101", status: "expired", limit: 100 });
    expect(listed.items.map((x: { id: string }) => x.id)).toContain(r.id);
    s.fails(
      "cancel_pickup_reservation",
      { pickup_reservation_id: r.id },
      "failed_precondition",
      /is expired since .*T21:00:00Z; its units are already released/,
    );
    s.fails("complete_pickup_reservation", { pickup_reservation_id: r.id }, "failed_precondition", /is expired .* make a new one with reserve_for_pickup/);
  });

  it("complete hands over the units (on hand drops) only while the store is open", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const before = onHand(s, "STR-101", sku);
    const r = s.ok("reserve_for_pickup", { store_id: "STR-101", sku_id: sku, quantity: 2, customer_name: "Hiro Ito", customer_phone: "+1-415-555-0115" });
    const done = s.ok("complete_pickup_reservation", { pickup_reservation_id: r.id });
    expect(done.status).toBe("picked_up");
    expect(done.store_stock).toMatchObject({ on_hand: before - 2, held_for_pickup: 0 });
    s.fails(
      "complete_pickup_reservation",
      { pickup_reservation_id: r.id },
      "failed_precondition",
      /is picked_up \(collected at .*\); only held reservations can be picked up/,
    );
    const tomorrow = addDays(today(s), 1);
    const later = s.ok("reserve_for_pickup", {
      store_id: "STR-101",
      sku_id: sku,
      quantity: 1,
      customer_name: "Hiro Ito",
      customer_phone: "+1-415-555-0115",
      pickup_at: `${tomorrow}T10:00:00Z`,
    });
    expect(later.hold_until).toBe(`${tomorrow}T21:00:00Z`);
    s.advance(20 * HOUR); // tomorrow ~05:00, before opening
    s.fails("complete_pickup_reservation", { pickup_reservation_id: later.id }, "failed_precondition", /is closed now .* until .*T21:00:00Z/);
  });

  it("complete refuses when fewer units are on hand than were held", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const r = s.ok("reserve_for_pickup", { store_id: "STR-101", sku_id: sku, quantity: 5, customer_name: "Jon Snow", customer_phone: "+1-415-555-0120" });
    s.ok("adjust_inventory", { store_id: "STR-101", sku_id: sku, reason: "cycle_count", counted_quantity: 2 });
    s.fails(
      "complete_pickup_reservation",
      { pickup_reservation_id: r.id },
      "failed_precondition",
      /has only 2 of .* on hand, fewer than the 5 held; recount with adjust_inventory or cancel the reservation/,
    );
  });

  it("cancel releases a held reservation once", () => {
    const s = openSession(retail, SEED);
    const sku = plentiful(s);
    const before = level(s, "STR-101", sku)!.available;
    const r = s.ok("reserve_for_pickup", { store_id: "STR-101", sku_id: sku, quantity: 4, customer_name: "Iris Lam", customer_phone: "+1-415-555-0116" });
    const c = s.ok("cancel_pickup_reservation", { pickup_reservation_id: r.id });
    expect(c).toMatchObject({ status: "cancelled", store_available_after: before });
    s.fails("cancel_pickup_reservation", { pickup_reservation_id: r.id }, "failed_precondition", /is cancelled already/);
    s.fails("cancel_pickup_reservation", { pickup_reservation_id: "PU-0000" }, "not_found", /list_pickup_reservations/);
  });

  it("list_pickup_reservations orders by pickup time and shows seeded holds in every state", () => {
    const s = openSession(retail, SEED);
    const all = s.ok("list_pickup_reservations", { limit: 100 });
    const times = all.items.map((x: { pickup_at: string }) => x.pickup_at);
    expect(times).toEqual([...times].sort());
    const statuses = new Set(all.items.map((x: { status: string }) => x.status));
    for (const st of ["held", "expired", "picked_up", "cancelled"]) expect(statuses.has(st), st).toBe(true);
    for (const x of s.ok("list_pickup_reservations", { status: "held", limit: 100 }).items) expect(x.hold_until > s.now()).toBe(true);
  });
});

describe("retail_chain: suppliers and restock orders", () => {
  it("list_suppliers filters by status and category and counts SKUs", () => {
    const s = openSession(retail, SEED);
    const all = s.ok("list_suppliers", {});
    expect(all.total).toBe(6);
    expect(all.items.reduce((n: number, x: { sku_count: number }) => n + x.sku_count, 0)).toBe(64);
    const held = s.ok("list_suppliers", { status: "on_hold" });
    expect(held.items.map((x: { id: string }) => x.id)).toEqual(["SUP-106"]);
    const kitchen = s.ok("list_suppliers", { category: "kitchen" });
    expect(kitchen.items.every((x: { categories: string[] }) => x.categories.includes("kitchen"))).toBe(true);
  });

  it("create orders whole cases from the SKU's supplier with an expected date from its lead time", () => {
    const s = openSession(retail, SEED);
    const sku = s.ok("get_sku", { sku_id: "SKU-10001" });
    const min = sku.supplier.min_order_units as number;
    const o = s.ok("create_restock_order", { supplier_id: sku.supplier_id, store_id: "STR-101", sku_id: sku.id, quantity: min + sku.case_size });
    expect(o).toMatchObject({
      status: "ordered",
      quantity: min + sku.case_size,
      cases: min / sku.case_size + 1,
      unit_cost: sku.unit_cost,
      expected_on: addDays(today(s), sku.supplier.lead_time_days),
    });
    expect(o.total_cost).toBeCloseTo((min + sku.case_size) * sku.unit_cost, 2);
    expect(o.id).toMatch(/^PO-\d{4}$/);
    expect(level(s, "STR-101", sku.id)?.on_order).toBeGreaterThanOrEqual(min + sku.case_size);
  });

  it("restock rules: right supplier, supplier not on hold, whole cases, within supplier minimum and maximum, positive", () => {
    const s = openSession(retail, SEED);
    const sku = s.ok("get_sku", { sku_id: "SKU-10001" });
    const { case_size: cs } = sku;
    const base = { supplier_id: sku.supplier_id, store_id: "STR-101", sku_id: sku.id };
    const other = s.ok("list_suppliers", { status: "active" }).items.find((x: { id: string }) => x.id !== sku.supplier_id).id;
    s.fails(
      "create_restock_order",
      { ...base, supplier_id: other, quantity: sku.supplier.min_order_units },
      "failed_precondition",
      new RegExp(`is supplied by ${sku.supplier_id} .*, not ${other} .*; order it from ${sku.supplier_id}`),
    );
    s.fails(
      "create_restock_order",
      { ...base, quantity: sku.supplier.min_order_units + 1 },
      "invalid_argument",
      new RegExp(
        `ships in cases of ${cs}; ${sku.supplier.min_order_units + 1} is not a whole number of cases: order ${sku.supplier.min_order_units} or ${sku.supplier.min_order_units + cs} units`,
      ),
    );
    expect(sku.supplier.min_order_units).toBeGreaterThan(cs); // SUP minimum is 2+ cases in this seed
    s.fails(
      "create_restock_order",
      { ...base, quantity: cs },
      "invalid_argument",
      new RegExp(`accepts at least \\d+ cases \\(${sku.supplier.min_order_units} units\\) .* ${cs} units is 1 case`),
    );
    s.fails(
      "create_restock_order",
      { ...base, quantity: sku.supplier.max_order_units + cs },
      "limit_exceeded",
      /accepts at most \d+ cases .* split it into several orders/,
    );
    s.fails("create_restock_order", { ...base, quantity: 0 }, "invalid_arguments", /at least 1/);
    const lamp = s.ok("search_skus", { supplier_id: "SUP-106" }).items[0];
    s.fails(
      "create_restock_order",
      { supplier_id: "SUP-106", store_id: "STR-101", sku_id: lamp.id, quantity: lamp.case_size * 10 },
      "failed_precondition",
      /on credit hold .* create_stock_transfer instead/,
    );
  });

  it("receive adds the delivered units; short deliveries are recorded; only open orders", () => {
    const s = openSession(retail, SEED);
    const sku = s.ok("get_sku", { sku_id: "SKU-10002" });
    const before = onHand(s, "STR-101", sku.id);
    const o = s.ok("create_restock_order", { supplier_id: sku.supplier_id, store_id: "STR-101", sku_id: sku.id, quantity: sku.supplier.min_order_units });
    s.fails(
      "receive_restock_order",
      { restock_order_id: o.id, received_quantity: o.quantity + 1 },
      "invalid_argument",
      new RegExp(`more than the ${o.quantity} units ordered`),
    );
    const r = s.ok("receive_restock_order", { restock_order_id: o.id, received_quantity: o.quantity - 1 });
    expect(r).toMatchObject({ status: "received", received_quantity: o.quantity - 1, shortfall: 1 });
    expect(r.store_stock.on_hand).toBe(before + o.quantity - 1);
    expect(r.store_stock.on_order).toBe(level(s, "STR-101", sku.id)!.on_order);
    s.fails("receive_restock_order", { restock_order_id: o.id }, "failed_precondition", /is received .*; only open \('ordered'\) orders can be received/);
  });

  it("cancel closes an open order; received orders cannot be cancelled", () => {
    const s = openSession(retail, SEED);
    const open = s.ok("list_restock_orders", { status: "ordered" }).items[0];
    const t0 = s.now();
    const c = s.ok("cancel_restock_order", { restock_order_id: open.id });
    expect(c).toMatchObject({ status: "cancelled", cancelled_at: t0 });
    s.fails("cancel_restock_order", { restock_order_id: open.id }, "failed_precondition", /is cancelled already/);
    s.fails("receive_restock_order", { restock_order_id: open.id }, "failed_precondition", /is cancelled/);
    const received = s.ok("list_restock_orders", { status: "received" }).items[0];
    s.fails(
      "cancel_restock_order",
      { restock_order_id: received.id },
      "failed_precondition",
      /is received \(delivered at .*\); correct stock with adjust_inventory instead/,
    );
  });

  it("list_restock_orders filters and flags overdue orders", () => {
    const s = openSession(retail, SEED);
    const all = s.ok("list_restock_orders", { limit: 100 });
    expect(all.total).toBe(10);
    const ordered = all.items.map((x: { ordered_at: string }) => x.ordered_at);
    expect(ordered).toEqual([...ordered].sort().reverse());
    const open = s.ok("list_restock_orders", { status: "ordered", limit: 100 });
    expect(open.items.every((x: { status: string }) => x.status === "ordered")).toBe(true);
    s.advance(15 * 24 * HOUR); // every open order is now past its expected date
    const late = s.ok("list_restock_orders", { overdue: true, limit: 100 });
    expect(late.total).toBe(open.total);
    expect(late.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
    const bySupplier = s.ok("list_restock_orders", { supplier_id: all.items[0].supplier_id, limit: 100 });
    expect(bySupplier.items.every((x: { supplier_id: string }) => x.supplier_id === all.items[0].supplier_id)).toBe(true);
  });
});

describe("retail_chain: scenario", () => {
  it("finds stock elsewhere, transfers it to the flagship, holds it for a customer who collects it, then reorders", () => {
    const s = openSession(retail, SEED);
    // 1. A customer in the flagship's city wants a product the flagship is short of.
    const short = s.ok("list_low_stock_items", { store_id: "STR-101", uncovered_only: true, limit: 100 }).items.find((x: Level) => x.available === x.on_hand);
    // 2. Which store has the most of it?
    const across = s.ok("check_stock_across_stores", { sku_id: short.sku_id, min_available: 3 });
    const donor = across.items.find((x: Level) => x.store_id !== "STR-101");
    expect(donor).toBeDefined();
    // 3. Move three units from there to the flagship.
    const t = s.ok("create_stock_transfer", {
      sku_id: short.sku_id,
      from_store_id: donor.store_id,
      to_store_id: "STR-101",
      quantity: 3,
      note: "Customer order",
    });
    s.ok("ship_stock_transfer", { stock_transfer_id: t.id });
    const recv = s.ok("receive_stock_transfer", { stock_transfer_id: t.id });
    expect(recv.destination_stock.on_hand).toBe(short.on_hand + 3);
    // 4. Hold two of them for the customer this afternoon.
    const hold = s.ok("reserve_for_pickup", {
      store_id: t.to_store_id,
      sku_id: t.sku_id,
      quantity: 2,
      customer_name: "Jamal Reyes",
      customer_phone: "+1-415-555-0199",
      pickup_at: `${today(s)}T16:00:00Z`,
    });
    expect(hold.hold_until).toBe(`${today(s)}T21:00:00Z`);
    expect(level(s, "STR-101", short.sku_id)).toMatchObject({ on_hand: short.on_hand + 3, held_for_pickup: 2, available: short.on_hand + 1 });
    // 5. The customer collects.
    s.advance(7 * HOUR);
    const done = s.ok("complete_pickup_reservation", { pickup_reservation_id: hold.id });
    expect(done.store_stock.on_hand).toBe(short.on_hand + 1);
    // 6. Reorder from the SKU's supplier the quantity the low-stock report suggests.
    const supplier = s.ok("get_sku", { sku_id: done.sku_id }).supplier;
    if (supplier.status === "active") {
      const po = s.ok("create_restock_order", { supplier_id: supplier.id, store_id: done.store_id, sku_id: done.sku_id, quantity: short.suggested_quantity });
      expect(s.ok("list_restock_orders", { store_id: "STR-101", sku_id: done.sku_id, status: "ordered" }).items[0].id).toBe(po.id);
    } else {
      s.fails(
        "create_restock_order",
        { supplier_id: supplier.id, store_id: done.store_id, sku_id: done.sku_id, quantity: short.suggested_quantity },
        "failed_precondition",
        /credit hold/,
      );
    }
  });
});
