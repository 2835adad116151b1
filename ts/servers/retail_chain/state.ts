/**
 * Retail chain state: the stores of one chain, its SKU catalog, stock per store, transfers
 * between stores, in-store pickup holds, restock orders to suppliers and the inventory
 * adjustment log. Shaped after Square Inventory / Shopify locations.
 *
 * Stock at a store is `on_hand` (counted on the shelves and in the back room). Part of it is
 * spoken for: pickup holds that have not expired and transfers that were requested but not yet
 * shipped. `available = on_hand − reserved` is what a new hold or transfer may take. Nothing
 * about reservations is stored on the inventory row: it is computed from the holds and
 * transfers, so a hold that expires on the clock frees its stock without any write.
 */
import { OpeningHours, table, toolkit, z, type Db } from "../framework/index.ts";

export const CATEGORIES = ["apparel", "footwear", "camping", "kitchen", "home", "electronics", "personal_care", "snacks"] as const;
export type Category = (typeof CATEGORIES)[number];

export const Store = z.object({
  id: z.string(),
  name: z.string(),
  street: z.string(),
  city: z.string(),
  region: z.string(),
  postal_code: z.string(),
  country: z.string(),
  lat: z.number(),
  lon: z.number(),
  phone: z.string(),
  manager: z.string(),
  hours: OpeningHours,
  opened_on: z.string(),
});
export type Store = z.output<typeof Store>;

export const Supplier = z.object({
  id: z.string(),
  name: z.string(),
  company_id: z.string(),
  contact_email: z.string(),
  phone: z.string(),
  status: z.enum(["active", "on_hold"]),
  /** Days from ordering to delivery at the store. */
  lead_time_days: z.number().int().positive(),
  /** Smallest order the supplier accepts, in cases of the SKU. */
  min_order_cases: z.number().int().positive(),
  /** Largest order per SKU, in cases. */
  max_order_cases: z.number().int().positive(),
  categories: z.array(z.enum(CATEGORIES)),
});
export type Supplier = z.output<typeof Supplier>;

export const Sku = z.object({
  id: z.string(),
  name: z.string(),
  brand: z.string(),
  category: z.enum(CATEGORIES),
  upc: z.string(),
  unit_cost: z.number().positive(),
  unit_price: z.number().positive(),
  supplier_id: z.string(),
  /** Units per case: restock orders come in whole cases. */
  case_size: z.number().int().positive(),
});
export type Sku = z.output<typeof Sku>;

/** One SKU at one store; keyed "STR-101:SKU-10001". */
export const InventoryItem = z.object({
  id: z.string(),
  store_id: z.string(),
  sku_id: z.string(),
  on_hand: z.number().int().min(0),
  /** At or below this many available units the item should be restocked. */
  reorder_point: z.number().int().min(0),
  aisle: z.string(),
  last_counted_at: z.string(),
});
export type InventoryItem = z.output<typeof InventoryItem>;

export const TRANSFER_STATUSES = ["requested", "in_transit", "received", "cancelled"] as const;

export const StockTransfer = z.object({
  id: z.string(),
  sku_id: z.string(),
  from_store_id: z.string(),
  to_store_id: z.string(),
  quantity: z.number().int().positive(),
  /** Set on receipt; less than `quantity` when units arrived damaged or missing. */
  received_quantity: z.number().int().min(0).optional(),
  status: z.enum(TRANSFER_STATUSES),
  note: z.string(),
  requested_at: z.string(),
  shipped_at: z.string().optional(),
  received_at: z.string().optional(),
  cancelled_at: z.string().optional(),
});
export type StockTransfer = z.output<typeof StockTransfer>;

/** Stored statuses; "expired" is computed from hold_until and the clock. */
export const PICKUP_STATUSES = ["held", "picked_up", "cancelled"] as const;
export const PICKUP_VIEW_STATUSES = ["held", "expired", "picked_up", "cancelled"] as const;

export const PickupReservation = z.object({
  id: z.string(),
  store_id: z.string(),
  sku_id: z.string(),
  quantity: z.number().int().positive(),
  customer_name: z.string(),
  customer_phone: z.string(),
  pickup_at: z.string(),
  /** The hold lapses at this instant (the store's closing time on the pickup day). */
  hold_until: z.string(),
  status: z.enum(PICKUP_STATUSES),
  created_at: z.string(),
  picked_up_at: z.string().optional(),
  cancelled_at: z.string().optional(),
});
export type PickupReservation = z.output<typeof PickupReservation>;

export const RESTOCK_STATUSES = ["ordered", "received", "cancelled"] as const;

export const RestockOrder = z.object({
  id: z.string(),
  supplier_id: z.string(),
  store_id: z.string(),
  sku_id: z.string(),
  quantity: z.number().int().positive(),
  cases: z.number().int().positive(),
  unit_cost: z.number().positive(),
  total_cost: z.number().positive(),
  status: z.enum(RESTOCK_STATUSES),
  ordered_at: z.string(),
  expected_on: z.string(),
  received_quantity: z.number().int().min(0).optional(),
  received_at: z.string().optional(),
  cancelled_at: z.string().optional(),
});
export type RestockOrder = z.output<typeof RestockOrder>;

export const ADJUSTMENT_REASONS = ["cycle_count", "damaged", "theft", "expired", "found", "customer_return"] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];
/** Reasons that can only remove units, and reasons that can only add them. */
export const DECREASING_REASONS: readonly AdjustmentReason[] = ["damaged", "theft", "expired"];
export const INCREASING_REASONS: readonly AdjustmentReason[] = ["found", "customer_return"];

export const InventoryAdjustment = z.object({
  id: z.string(),
  store_id: z.string(),
  sku_id: z.string(),
  reason: z.enum(ADJUSTMENT_REASONS),
  quantity_change: z.number().int(),
  previous_on_hand: z.number().int().min(0),
  new_on_hand: z.number().int().min(0),
  note: z.string(),
  adjusted_at: z.string(),
  adjusted_by: z.string(),
});
export type InventoryAdjustment = z.output<typeof InventoryAdjustment>;

export const tables = {
  stores: table("store", Store, { idPrefix: "STR-", idDigits: 3, describe: (s) => `the ${s.name} store in ${s.city}` }),
  suppliers: table("supplier", Supplier, { idPrefix: "SUP-", idDigits: 3, describe: (s) => `the supplier ${s.name}` }),
  skus: table("sku", Sku, { idPrefix: "SKU-", idDigits: 5, describe: (s) => `the ${s.brand} ${s.name}` }),
  inventory: table("inventory_item", InventoryItem, {
    example: "STR-101:SKU-10042",
    describe: (i) => `the stock of ${i.sku_id} at store ${i.store_id}`,
  }),
  stock_transfers: table("stock_transfer", StockTransfer, {
    idPrefix: "XFER-",
    describe: (t) => `the ${t.status.replace("_", " ")} transfer of ${t.quantity} × ${t.sku_id} from ${t.from_store_id} to ${t.to_store_id}`,
  }),
  pickup_reservations: table("pickup_reservation", PickupReservation, {
    idPrefix: "PU-",
    describe: (r) => `the pickup hold for ${r.customer_name} (${r.quantity} × ${r.sku_id} at ${r.store_id}, ${r.pickup_at.slice(0, 16).replace("T", " ")})`,
  }),
  restock_orders: table("restock_order", RestockOrder, {
    idPrefix: "PO-",
    describe: (o) => `the ${o.status} restock order of ${o.quantity} × ${o.sku_id} for ${o.store_id}, expected ${o.expected_on}`,
  }),
  inventory_adjustments: table("inventory_adjustment", InventoryAdjustment, {
    idPrefix: "ADJ-",
    describe: (a) =>
      `the ${a.reason.replace("_", " ")} adjustment of ${a.quantity_change > 0 ? "+" : ""}${a.quantity_change} × ${a.sku_id} at ${a.store_id} on ${a.adjusted_at.slice(0, 10)}`,
  }),
};

export const { read, write } = toolkit(tables);
export type Retail = Db<typeof tables>;

export function inventoryKey(storeId: string, skuId: string): string {
  return `${storeId}:${skuId}`;
}

/** A pickup hold's status on the clock: a held reservation past its hold_until is expired. */
export function pickupStatus(r: PickupReservation, now: string): (typeof PICKUP_VIEW_STATUSES)[number] {
  return r.status === "held" && now >= r.hold_until ? "expired" : r.status;
}

export interface StockLevel {
  on_hand: number;
  held_for_pickup: number;
  allocated_to_transfers: number;
  /** held_for_pickup + allocated_to_transfers */
  reserved: number;
  available: number;
  incoming_transfers: number;
  on_order: number;
}

/** Stock of one SKU at one store, with what is spoken for and what is on its way. */
export function stockLevel(db: Retail, storeId: string, skuId: string, now: string, exceptTransfer?: string): StockLevel {
  const row = db.inventory.get(inventoryKey(storeId, skuId));
  const onHand = row?.on_hand ?? 0;
  let held = 0;
  for (const r of db.pickup_reservations.filter((x) => x.store_id === storeId && x.sku_id === skuId)) {
    if (pickupStatus(r, now) === "held") held += r.quantity;
  }
  let allocated = 0;
  let incoming = 0;
  for (const t of db.stock_transfers.filter((x) => x.sku_id === skuId && (x.from_store_id === storeId || x.to_store_id === storeId))) {
    if (t.status === "requested" && t.from_store_id === storeId && t.id !== exceptTransfer) allocated += t.quantity;
    if (t.status === "in_transit" && t.to_store_id === storeId) incoming += t.quantity;
  }
  const onOrder = db.restock_orders.filter((o) => o.store_id === storeId && o.sku_id === skuId && o.status === "ordered").reduce((n, o) => n + o.quantity, 0);
  const reserved = held + allocated;
  return {
    on_hand: onHand,
    held_for_pickup: held,
    allocated_to_transfers: allocated,
    reserved,
    available: Math.max(0, onHand - reserved),
    incoming_transfers: incoming,
    on_order: onOrder,
  };
}

/** "12 on hand, 5 reserved (3 held for pickup, 2 allocated to requested transfers)". */
export function stockSentence(s: StockLevel): string {
  if (s.reserved === 0) return `${s.on_hand} on hand and none reserved`;
  const parts = [
    s.held_for_pickup ? `${s.held_for_pickup} held for pickup` : "",
    s.allocated_to_transfers ? `${s.allocated_to_transfers} allocated to requested transfers` : "",
  ].filter(Boolean);
  return `${s.on_hand} on hand and ${s.reserved} reserved (${parts.join(", ")})`;
}
