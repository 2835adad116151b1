/**
 * The order engine: validation of a new (or replacing) order, execution against the current
 * quote, fills that move cash and positions, and the re-check of open orders.
 *
 * Execution rules (as a broker such as Alpaca applies them):
 * - market orders execute only in the regular session, at the ask (buy) or bid (sell);
 * - limit orders execute when marketable (ask ≤ limit for a buy, bid ≥ limit for a sell), in the
 *   regular session, or in pre-market/after-hours when placed with extended_hours;
 * - stop orders trigger in the regular session when the last price reaches the stop (at or above
 *   it for a buy, at or below for a sell), then execute as market (stop) or limit (stop_limit);
 * - day orders expire at the close of their session; gtc orders stay open until filled or canceled.
 */
import { check, editDistance, fail, roundMoney, type CallEnv } from "../framework/index.ts";
import { dayOrderExpiry, nextOpen, sessionAt, type Session } from "./market.ts";
import { buyingPower, heldForOrders, isOpenOrder, money, quoteOf, theAccount, type Broker, type Instrument, type Position, type StockOrder } from "./state.ts";

export interface OrderSpec {
  symbol: string;
  side: "buy" | "sell";
  type: StockOrder["type"];
  qty: number;
  time_in_force: "day" | "gtc";
  limit_price?: number | undefined;
  stop_price?: number | undefined;
  extended_hours: boolean;
}

const SESSION_WORDS: Record<Session, string> = {
  pre_market: "in its pre-market session",
  regular: "open",
  after_hours: "in its after-hours session",
  closed: "closed",
};

/** The instrument of a symbol (any case), or a not_found error naming the closest matches. */
export function needInstrument(db: Broker, raw: string): Instrument {
  const symbol = raw.trim().toUpperCase();
  const hit = db.instruments.get(symbol);
  if (hit) return hit;
  const q = symbol.slice(0, 24);
  const scored = db.instruments
    .all()
    .map((i) => ({ i, score: i.name.toUpperCase().includes(q) && q.length >= 3 ? 0 : editDistance(q, i.symbol) + (i.symbol[0] === q[0] ? 0 : 0.5) }))
    .sort((a, b) => a.score - b.score || (a.i.symbol < b.i.symbol ? -1 : 1))
    .slice(0, 3)
    .map(({ i }) => `${i.symbol} (${i.name})`);
  fail(`unknown symbol "${raw.trim().slice(0, 24)}"; closest matches: ${scored.join(", ")}. Call search_instruments to find others by name.`, "not_found");
}

/** The user's position in a symbol (any case), or a not_found error listing the positions held. */
export function needPosition(db: Broker, raw: string): Position {
  const symbol = raw.trim().toUpperCase();
  const p = db.positions.get(symbol);
  if (p) return p;
  const held = db.positions.all().map((x) => x.symbol);
  fail(`you hold no ${symbol} shares; open positions: ${held.length ? held.join(", ") : "none"}`, "not_found");
}

/** Whether an open order may execute in this session. */
function mayExecuteIn(o: Pick<StockOrder, "type" | "extended_hours">, session: Session): boolean {
  if (session === "regular") return true;
  return session !== "closed" && o.extended_hours && o.type === "limit";
}

/** Checks a new order against the instrument, the session, the account and the position. */
export function validateOrder(db: Broker, spec: OrderSpec, env: CallEnv, replacing?: StockOrder): Instrument {
  const inst = needInstrument(db, spec.symbol);
  check(
    inst.tradable,
    `${inst.symbol} (${inst.name}) is ${inst.status} and cannot be traded now; its open orders stay queued. Choose another instrument with search_instruments.`,
  );
  const needsLimit = spec.type === "limit" || spec.type === "stop_limit";
  const needsStop = spec.type === "stop" || spec.type === "stop_limit";
  if (needsLimit) check(spec.limit_price !== undefined, `a ${spec.type} order needs a limit_price (the worst price you accept per share)`, "invalid_argument");
  else
    check(spec.limit_price === undefined, `a ${spec.type} order takes no limit_price; use type "limit" (or "stop_limit") to set a price`, "invalid_argument");
  if (needsStop) check(spec.stop_price !== undefined, `a ${spec.type} order needs a stop_price (the price that triggers it)`, "invalid_argument");
  else
    check(spec.stop_price === undefined, `a ${spec.type} order takes no stop_price; use type "stop" or "stop_limit" for a triggered order`, "invalid_argument");
  if (spec.extended_hours) {
    check(
      spec.type === "limit" && spec.time_in_force === "day",
      `extended_hours applies only to limit orders with time_in_force "day"; this is a ${spec.type} order with time_in_force "${spec.time_in_force}"`,
      "invalid_argument",
    );
  }
  const session = sessionAt(env.now);
  if (spec.type === "market") {
    check(
      session === "regular",
      () =>
        `the market is ${SESSION_WORDS[session]} (now ${env.now}); market orders execute only in the regular session, 14:30–21:00 UTC on weekdays. ` +
        `The next open is ${nextOpen(env.now)}. Place a limit order instead (with extended_hours: true to trade in the pre-market or after-hours session), or wait for the open.`,
    );
  }
  const q = quoteOf(inst, env.now);
  if (spec.stop_price !== undefined) {
    if (spec.side === "buy")
      check(
        spec.stop_price > q.last,
        `a buy stop must be above the current price of ${inst.symbol} (${money(q.last)}); got ${money(spec.stop_price)}. To buy below the market, use a limit order`,
        "invalid_argument",
      );
    else
      check(
        spec.stop_price < q.last,
        `a sell stop must be below the current price of ${inst.symbol} (${money(q.last)}); got ${money(spec.stop_price)}. To sell above the market, use a limit order`,
        "invalid_argument",
      );
  }
  if (spec.side === "buy") {
    const per = spec.limit_price ?? spec.stop_price ?? q.ask;
    const cost = roundMoney(spec.qty * per);
    const power = buyingPower(db, replacing?.id);
    check(
      cost <= power,
      () =>
        `insufficient buying power: the order needs ${money(cost)} (${spec.qty} × ${money(per)}) but buying power is ${money(power)} ` +
        `(cash ${money(theAccount(db).cash)} less what open buy orders reserve); at most ${Math.floor(power / per)} shares fit at that price`,
    );
  } else {
    const pos = db.positions.get(inst.symbol);
    check(
      pos,
      `you hold no ${inst.symbol} shares and short selling is not allowed in this cash account; you can only sell shares you hold (see list_stock_positions)`,
    );
    const held = heldForOrders(db, inst.symbol, replacing?.id);
    const available = pos.qty - held;
    check(
      spec.qty <= available,
      `insufficient shares: you hold ${pos.qty} ${inst.symbol}${held ? ` of which ${held} are held by open sell orders` : ""}, so at most ${available} can be sold; the order is for ${spec.qty} (short selling is not allowed)`,
    );
  }
  return inst;
}

/** Creates the order and executes it if it can execute now. */
export function submitOrder(db: Broker, spec: OrderSpec, env: CallEnv, extra: Partial<StockOrder> = {}): StockOrder {
  const o = db.stock_orders.create({
    symbol: spec.symbol.trim().toUpperCase(),
    side: spec.side,
    type: spec.type,
    qty: spec.qty,
    time_in_force: spec.time_in_force,
    ...(spec.limit_price !== undefined ? { limit_price: spec.limit_price } : {}),
    ...(spec.stop_price !== undefined ? { stop_price: spec.stop_price } : {}),
    extended_hours: spec.extended_hours,
    status: mayExecuteIn(spec, sessionAt(env.now)) ? "new" : "accepted",
    submitted_at: env.now,
    ...(spec.time_in_force === "day" ? { expires_at: dayOrderExpiry(env.now, spec.extended_hours) } : {}),
    filled_qty: 0,
    ...extra,
  });
  return execute(db, o, env);
}

/** Tries to execute an open order at the current quote; returns the order as it is afterwards. */
export function execute(db: Broker, order: StockOrder, env: CallEnv): StockOrder {
  let o = order;
  if (!isOpenOrder(o)) return o;
  if (o.expires_at && o.expires_at <= env.now) {
    return db.stock_orders.update(o.id, { status: "expired", expired_at: env.now });
  }
  const session = sessionAt(env.now);
  if (!mayExecuteIn(o, session)) {
    return o.status === "accepted" ? o : db.stock_orders.update(o.id, { status: "accepted" });
  }
  if (o.status === "accepted") o = db.stock_orders.update(o.id, { status: "new" });
  const inst = db.instruments.get(o.symbol);
  if (!inst?.tradable) return o;
  const q = quoteOf(inst, env.now);
  let type = o.type;
  if ((type === "stop" || type === "stop_limit") && !o.stop_triggered_at) {
    const stop = o.stop_price as number;
    const triggered = o.side === "buy" ? q.last >= stop : q.last <= stop;
    if (!triggered) return o;
    o = db.stock_orders.update(o.id, { stop_triggered_at: env.now });
  }
  if (type === "stop") type = "market";
  if (type === "stop_limit") type = "limit";
  const price = o.side === "buy" ? q.ask : q.bid;
  if (type === "limit") {
    const limit = o.limit_price as number;
    const marketable = o.side === "buy" ? price <= limit : price >= limit;
    if (!marketable) return o;
  }
  return fillOrder(db, o, price, env);
}

function fillOrder(db: Broker, o: StockOrder, price: number, env: CallEnv): StockOrder {
  const account = theAccount(db);
  const amount = roundMoney(o.qty * price);
  const pos = db.positions.get(o.symbol);
  if (o.side === "buy") {
    if (amount > account.cash) {
      return db.stock_orders.update(o.id, {
        status: "canceled",
        canceled_at: env.now,
        status_reason: `insufficient cash when it executed: needed ${money(amount)}, cash was ${money(account.cash)}`,
      });
    }
    const cash = roundMoney(account.cash - amount);
    db.brokerage_accounts.update(account.id, { cash });
    if (pos) {
      const qty = pos.qty + o.qty;
      const cost = roundMoney(pos.cost_basis + amount);
      db.positions.update(pos.symbol, { qty, cost_basis: cost, avg_entry_price: Math.round((cost / qty) * 10_000) / 10_000 });
    } else {
      db.positions.insert({ symbol: o.symbol, qty: o.qty, cost_basis: amount, avg_entry_price: price, opened_at: env.now });
    }
    db.fills.create({ order_id: o.id, symbol: o.symbol, side: "buy", qty: o.qty, price, amount, cash_after: cash, filled_at: env.now });
  } else {
    if (!pos || pos.qty < o.qty) {
      return db.stock_orders.update(o.id, {
        status: "canceled",
        canceled_at: env.now,
        status_reason: `not enough shares when it executed: held ${pos?.qty ?? 0}, needed ${o.qty}`,
      });
    }
    const cash = roundMoney(account.cash + amount);
    db.brokerage_accounts.update(account.id, { cash });
    const realized = roundMoney((price - pos.avg_entry_price) * o.qty);
    const left = pos.qty - o.qty;
    if (left === 0) db.positions.delete(pos.symbol);
    else db.positions.update(pos.symbol, { qty: left, cost_basis: roundMoney(pos.avg_entry_price * left) });
    db.fills.create({ order_id: o.id, symbol: o.symbol, side: "sell", qty: o.qty, price, amount, realized_pl: realized, cash_after: cash, filled_at: env.now });
  }
  return db.stock_orders.update(o.id, { status: "filled", filled_qty: o.qty, filled_avg_price: price, filled_at: env.now });
}

/** Why an order that is not open cannot be changed, in words that point to what is possible. */
export function notOpenMessage(o: StockOrder, action: "canceled" | "replaced"): string {
  switch (o.status) {
    case "filled":
      return (
        `order ${o.id} was already filled (${o.filled_qty} ${o.symbol} at ${money(o.filled_avg_price ?? 0)} on ${o.filled_at}); only open orders (status new or accepted) can be ${action}. ` +
        (o.side === "buy"
          ? `To undo it, sell the shares with place_stock_order or close_stock_position`
          : `To undo it, buy the shares back with place_stock_order`)
      );
    case "replaced":
      return `order ${o.id} was replaced by ${o.replaced_by}; ${action === "canceled" ? "cancel" : "replace"} that order instead`;
    default:
      return `order ${o.id} is already ${o.status}; only open orders (status new or accepted) can be ${action}`;
  }
}
