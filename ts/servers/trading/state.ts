/**
 * Trading state: the user's cash brokerage account (modelled on Alpaca's trading API), the
 * instruments it can trade, positions, orders and their fills, and watchlists.
 *
 * Prices are not stored: they are a pure function of each instrument's seeded parameters and
 * the session's clock (see market.ts). Money is in USD with cents; quantities are whole shares.
 */
import { formatMoney, roundMoney, table, toolkit, z, type Db } from "../framework/index.ts";
import { quoteAt, type Quote } from "./market.ts";

export const EXCHANGES = ["NASDAQ", "NYSE", "ARCA"] as const;
export const ORDER_TYPES = ["market", "limit", "stop", "stop_limit"] as const;
export const ORDER_STATUSES = ["new", "accepted", "filled", "canceled", "expired", "replaced", "rejected"] as const;

export const Instrument = z.object({
  symbol: z.string().regex(/^[A-Z]{1,5}$/),
  name: z.string(),
  exchange: z.enum(EXCHANGES),
  asset_class: z.literal("us_equity"),
  kind: z.enum(["stock", "etf"]),
  sector: z.string(),
  /** False while trading is halted. */
  tradable: z.boolean(),
  status: z.enum(["active", "halted"]),
  // Pricing parameters (see market.ts); never shown to models.
  base_price: z.number().positive(),
  volatility: z.number().positive(),
  drift: z.number(),
  price_seed: z.string().regex(/^[0-9a-f]{8}$/),
});
export type Instrument = z.output<typeof Instrument>;

export const BrokerageAccount = z.object({
  id: z.string(),
  account_number: z.string(),
  owner: z.string(),
  status: z.enum(["ACTIVE", "ACCOUNT_CLOSED"]),
  currency: z.literal("USD"),
  /** Settled cash; buying power is cash less what open buy orders reserve (a cash account, no margin). */
  cash: z.number().min(0),
  pattern_day_trader: z.boolean(),
  shorting_enabled: z.literal(false),
  created_at: z.string(),
});
export type BrokerageAccount = z.output<typeof BrokerageAccount>;

export const Position = z.object({
  symbol: z.string(),
  qty: z.number().int().positive(),
  avg_entry_price: z.number().positive(),
  cost_basis: z.number().positive(),
  opened_at: z.string(),
});
export type Position = z.output<typeof Position>;

export const StockOrder = z.object({
  id: z.string(),
  symbol: z.string(),
  side: z.enum(["buy", "sell"]),
  type: z.enum(ORDER_TYPES),
  qty: z.number().int().positive(),
  time_in_force: z.enum(["day", "gtc"]),
  limit_price: z.number().positive().optional(),
  stop_price: z.number().positive().optional(),
  extended_hours: z.boolean(),
  status: z.enum(ORDER_STATUSES),
  /** Why an order was canceled or rejected by the broker rather than the user. */
  status_reason: z.string().optional(),
  submitted_at: z.string(),
  /** Day orders: the close of the session they were placed for. */
  expires_at: z.string().optional(),
  stop_triggered_at: z.string().optional(),
  filled_qty: z.number().int().min(0),
  filled_avg_price: z.number().positive().optional(),
  filled_at: z.string().optional(),
  canceled_at: z.string().optional(),
  expired_at: z.string().optional(),
  replaced_by: z.string().optional(),
  replaces: z.string().optional(),
  /** Set by close_stock_position. */
  position_close: z.boolean().optional(),
});
export type StockOrder = z.output<typeof StockOrder>;

export const Fill = z.object({
  id: z.string(),
  order_id: z.string(),
  symbol: z.string(),
  side: z.enum(["buy", "sell"]),
  qty: z.number().int().positive(),
  price: z.number().positive(),
  /** qty × price. */
  amount: z.number().positive(),
  /** Sells only: (price − average entry price) × qty. */
  realized_pl: z.number().optional(),
  cash_after: z.number(),
  filled_at: z.string(),
});
export type Fill = z.output<typeof Fill>;

export const Watchlist = z.object({
  id: z.string(),
  name: z.string(),
  symbols: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Watchlist = z.output<typeof Watchlist>;

export const tables = {
  instruments: table("instrument", Instrument, { key: "symbol", example: "AAPL", describe: (i) => `${i.name} (${i.symbol})` }),
  brokerage_accounts: table("brokerage_account", BrokerageAccount, { idPrefix: "PA-", describe: (a) => `the brokerage account ${a.account_number}` }),
  positions: table("position", Position, { key: "symbol", example: "AAPL", describe: (p) => `the position of ${p.qty} ${p.symbol} shares` }),
  stock_orders: table("stock_order", StockOrder, {
    idPrefix: "ORD-",
    idDigits: 5,
    describe: (o) =>
      `the ${o.status} ${o.type} order to ${o.side} ${o.qty} ${o.symbol}${o.limit_price ? ` at ${o.limit_price.toFixed(2)}` : ""} placed ${o.submitted_at.slice(0, 10)}`,
  }),
  fills: table("fill", Fill, {
    idPrefix: "FILL-",
    idDigits: 5,
    describe: (f) => `the ${f.side} of ${f.qty} ${f.symbol} at ${f.price.toFixed(2)} on ${f.filled_at.slice(0, 10)}`,
  }),
  watchlists: table("watchlist", Watchlist, { idPrefix: "WL-", describe: (w) => `the watchlist "${w.name}"` }),
};

export const { read, write } = toolkit(tables);
export type Broker = Db<typeof tables>;

/** The instrument as a model sees it: no pricing parameters. */
export function publicInstrument(i: Instrument) {
  const { base_price: _b, volatility: _v, drift: _d, price_seed: _s, ...rest } = i;
  return rest;
}

export function quoteOf(i: Instrument, now: string): Quote {
  return quoteAt(i.symbol, i, now);
}

export function isOpenOrder(o: StockOrder): boolean {
  return o.status === "new" || o.status === "accepted";
}

export function theAccount(db: Broker): BrokerageAccount {
  const a = db.brokerage_accounts.all()[0];
  if (!a) throw new Error("trading: the brokerage account is missing from the state");
  return a;
}

/** Cash an open buy order holds back: qty × the worst price it may pay (limit, else stop, else ask). */
export function reservedBy(o: StockOrder): number {
  if (o.side !== "buy" || !isOpenOrder(o)) return 0;
  return roundMoney(o.qty * (o.limit_price ?? o.stop_price ?? 0));
}

export function reservedCash(db: Broker, exceptOrderId?: string): number {
  return roundMoney(db.stock_orders.filter((o) => o.id !== exceptOrderId && isOpenOrder(o)).reduce((s, o) => s + reservedBy(o), 0));
}

export function buyingPower(db: Broker, exceptOrderId?: string): number {
  return roundMoney(Math.max(0, theAccount(db).cash - reservedCash(db, exceptOrderId)));
}

/** Shares of `symbol` that open sell orders hold back. */
export function heldForOrders(db: Broker, symbol: string, exceptOrderId?: string): number {
  return db.stock_orders.filter((o) => o.id !== exceptOrderId && o.symbol === symbol && o.side === "sell" && isOpenOrder(o)).reduce((s, o) => s + o.qty, 0);
}

/** A position with its market value and profit at the current price. */
export function positionView(p: Position, i: Instrument | undefined, now: string, held = 0) {
  const q = i ? quoteOf(i, now) : undefined;
  const price = q?.last ?? p.avg_entry_price;
  const marketValue = roundMoney(p.qty * price);
  return {
    ...p,
    current_price: price,
    market_value: marketValue,
    unrealized_pl: roundMoney(marketValue - p.cost_basis),
    unrealized_plpc: Math.round(((marketValue - p.cost_basis) / p.cost_basis) * 10_000) / 100,
    change_today: q ? roundMoney(p.qty * q.change) : 0,
    qty_available: p.qty - held,
    held_for_orders: held,
  };
}

export function money(n: number): string {
  return formatMoney(n);
}
