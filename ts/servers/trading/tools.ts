/**
 * Trading tools, shaped after Alpaca's trading and market-data APIs: the account, the market
 * clock, instruments, quotes and bars, positions, orders (place, replace, cancel, re-check), fills
 * and watchlists.
 *
 * Rules enforced (see orders.ts for execution):
 * - a buy needs buying power (cash less open buy reservations) for qty × price (ask for market
 *   orders, the limit for limit orders, the stop for stop orders);
 * - no short selling: a sell may not exceed the shares held less those held by open sell orders;
 * - limit_price is required for limit/stop_limit and forbidden for market/stop; stop_price is
 *   required for stop/stop_limit and forbidden otherwise; a buy stop lies above the current
 *   price, a sell stop below it;
 * - market orders (and close_stock_position) only in the regular session; extended_hours only for
 *   day limit orders; halted instruments cannot be traded;
 * - only open orders (new, accepted) can be canceled or replaced;
 * - unknown symbols are answered with the closest matches; watchlist names are unique.
 */
import { check, dateOrInstant, descending, matchesText, money, page, rangeStart, ref, roundMoney, text, time, z } from "../framework/index.ts";
import { barsBetween, nextClose, nextOpen, sessionAt, TIMEFRAMES, type Timeframe } from "./market.ts";
import { execute, needInstrument, needPosition, notOpenMessage, submitOrder, validateOrder, type OrderSpec } from "./orders.ts";
import {
  buyingPower,
  EXCHANGES,
  heldForOrders,
  isOpenOrder,
  ORDER_TYPES,
  positionView,
  publicInstrument,
  quoteOf,
  read,
  reservedCash,
  theAccount,
  write,
  type Broker,
  type StockOrder,
} from "./state.ts";

const symbolParam = (description: string) => ref("instrument", `${description}: a ticker symbol such as 'AAPL' (case does not matter)`);
const orderId = (description: string) => ref("stock_order", description);
const watchlistId = (description: string) => ref("watchlist", description);

const price = (description: string) => money(description, { max: 1_000_000, what: "a price" });

const qtyParam = z.number().int("quantities are whole shares").min(1, "qty is at least 1 share").max(1_000_000).describe("Number of shares (whole shares)");

/** A `dateOrInstant` argument as an instant: a date means its start, or with `endOfDay` its last second. */
function instantFrom(s: string, endOfDay: boolean): string {
  if (time.isIsoDate(s)) return endOfDay ? `${s}T23:59:59Z` : `${s}T00:00:00Z`;
  return s;
}

function watchlistView(db: Broker, w: { symbols: readonly string[] } & Record<string, unknown>, now: string) {
  return {
    ...w,
    quotes: w.symbols.map((s) => {
      const i = db.instruments.get(s);
      if (!i) return { symbol: s };
      const q = quoteOf(i, now);
      return { symbol: s, name: i.name, last: q.last, change: q.change, change_percent: q.change_percent };
    }),
  };
}

function needWatchlist(db: Broker, id: string) {
  return db.watchlists.need(id);
}

function sortOrders(direction: "asc" | "desc") {
  return direction === "asc"
    ? (a: StockOrder, b: StockOrder) => (a.submitted_at < b.submitted_at ? -1 : a.submitted_at > b.submitted_at ? 1 : a.id < b.id ? -1 : 1)
    : (a: StockOrder, b: StockOrder) => (a.submitted_at > b.submitted_at ? -1 : a.submitted_at < b.submitted_at ? 1 : a.id > b.id ? -1 : 1);
}

export const tools = {
  get_trading_account: read({
    description:
      "The user's brokerage account: cash, buying power (cash less what open buy orders reserve), market value of positions, equity now and at the previous close. Use it before buying to see how much can be spent.",
    input: z.object({}).strict(),
    discovers: "brokerage_account",
    run: (db, _a, env) => {
      const acc = theAccount(db);
      let longValue = 0;
      let lastValue = 0;
      for (const p of db.positions.all()) {
        const i = db.instruments.get(p.symbol);
        const q = i ? quoteOf(i, env.now) : undefined;
        longValue += p.qty * (q?.last ?? p.avg_entry_price);
        lastValue += p.qty * (q?.previous_close ?? p.avg_entry_price);
      }
      const equity = roundMoney(acc.cash + longValue);
      const lastEquity = roundMoney(acc.cash + lastValue);
      return {
        ...acc,
        buying_power: buyingPower(db),
        reserved_for_open_orders: reservedCash(db),
        long_market_value: roundMoney(longValue),
        equity,
        last_equity: lastEquity,
        equity_change_today: roundMoney(equity - lastEquity),
        positions: db.positions.count(),
        open_orders: db.stock_orders.count(isOpenOrder),
        market_session: sessionAt(env.now),
      };
    },
  }),

  get_market_clock: read({
    description:
      "Whether the stock market is open now, which session it is in (pre_market 09:00–14:30 UTC, regular 14:30–21:00 UTC, after_hours 21:00–01:00 UTC, weekdays) and when it next opens and closes.",
    input: z.object({}).strict(),
    run: (_db, _a, env) => {
      const session = sessionAt(env.now);
      return { timestamp: env.now, is_open: session === "regular", session, next_open: nextOpen(env.now), next_close: nextClose(env.now) };
    },
  }),

  search_instruments: read({
    description:
      "Find tradable stocks and ETFs by ticker or company name (case-insensitive, partial), exchange, sector or kind. Returns symbol, name, exchange, sector, status and last price, sorted by symbol.",
    input: z
      .object({
        query: z.string().trim().max(60).optional().describe("Part of the ticker or company name, e.g. 'apple' or 'MS'"),
        exchange: z.enum(EXCHANGES).optional().describe("Only instruments listed on this exchange"),
        sector: z.string().trim().max(60).optional().describe("Only this sector, e.g. 'Technology' (partial match)"),
        kind: z.enum(["stock", "etf"]).optional().describe("Only stocks or only ETFs"),
        ...page,
      })
      .strict(),
    discovers: "instrument",
    run: (db, a, env) => {
      const p = db.instruments.page(a, {
        where: (i) =>
          matchesText(a.query, i.symbol, i.name) &&
          (!a.exchange || i.exchange === a.exchange) &&
          matchesText(a.sector, i.sector) &&
          (!a.kind || i.kind === a.kind),
        sort: (x, y) => (x.symbol < y.symbol ? -1 : 1),
      });
      return { ...p, items: p.items.map((i) => ({ ...publicInstrument(i), last_price: quoteOf(i, env.now).last })) };
    },
  }),

  get_instrument: read({
    description: "Details of one instrument (name, exchange, sector, whether it is tradable) with its current quote.",
    input: z.object({ symbol: symbolParam("The instrument") }).strict(),
    run: (db, a, env) => {
      const i = needInstrument(db, a.symbol);
      return { ...publicInstrument(i), quote: quoteOf(i, env.now) };
    },
  }),

  get_stock_quote: read({
    description:
      "The latest quote of a stock or ETF: last trade price, bid, ask, previous close and change today. Prices move with the clock during the pre-market, regular and after-hours sessions and stand still otherwise.",
    input: z.object({ symbol: symbolParam("The instrument") }).strict(),
    run: (db, a, env) => quoteOf(needInstrument(db, a.symbol), env.now),
  }),

  get_stock_bars: read({
    description:
      "Historical price bars (open, high, low, close, volume) of an instrument over the regular session, oldest first, never past now. Timeframes 1Min, 5Min, 15Min, 1Hour, 1Day; returns the most recent `limit` bars between start and end.",
    input: z
      .object({
        symbol: symbolParam("The instrument"),
        timeframe: z
          .enum(Object.keys(TIMEFRAMES) as [Timeframe, ...Timeframe[]])
          .default("1Day")
          .describe("Bar size"),
        start: rangeStart("end", dateOrInstant("Earliest bar start (date or date-time, UTC); default one year back")).optional(),
        end: dateOrInstant("Latest bar start (date or date-time, UTC); default now").optional(),
        limit: z.number().int().min(1).max(200).default(30).describe("Most bars to return (1-200, default 30)"),
      })
      .strict(),
    run: (db, a, env) => {
      const i = needInstrument(db, a.symbol);
      const start = a.start ? instantFrom(a.start, false) : time.addDays(env.now, -366);
      const end = a.end ? instantFrom(a.end, true) : env.now;
      check(time.daysBetween(start, end) <= 3 * 366, "start and end may be at most 3 years apart", "invalid_argument");
      const bars = barsBetween(i, a.timeframe, start, end, env.now, a.limit);
      return { symbol: i.symbol, timeframe: a.timeframe, bars, count: bars.length };
    },
  }),

  list_stock_positions: read({
    description:
      "The user's open stock positions with quantity, average entry price, cost basis, current price, market value and unrealized profit/loss, sorted by symbol.",
    input: z.object({ ...page }).strict(),
    discovers: "position",
    run: (db, a, env) => {
      const p = db.positions.page(a, { sort: (x, y) => (x.symbol < y.symbol ? -1 : 1) });
      return { ...p, items: p.items.map((x) => positionView(x, db.instruments.get(x.symbol), env.now, heldForOrders(db, x.symbol))) };
    },
  }),

  get_stock_position: read({
    description:
      "The user's position in one symbol: shares held, shares available to sell (not held by open sell orders), cost basis, market value and unrealized profit/loss.",
    input: z.object({ symbol: ref("position", "Symbol of a position the user holds, e.g. 'AAPL'") }).strict(),
    run: (db, a, env) => {
      const p = needPosition(db, a.symbol);
      return positionView(p, db.instruments.get(p.symbol), env.now, heldForOrders(db, p.symbol));
    },
  }),

  list_stock_orders: read({
    description:
      "The user's stock orders, newest first by default. status 'open' (new or accepted, the default), 'closed' (filled, canceled, expired, replaced, rejected) or 'all'; filter by symbol, side and submission date.",
    input: z
      .object({
        status: z.enum(["open", "closed", "all"]).default("open").describe("Which orders: open (default), closed or all"),
        symbol: symbolParam("Only orders for this instrument").optional(),
        side: z.enum(["buy", "sell"]).optional().describe("Only buys or only sells"),
        after: rangeStart("until", dateOrInstant("Only orders submitted at or after this date/time")).optional(),
        until: dateOrInstant("Only orders submitted at or before this date/time").optional(),
        direction: z.enum(["asc", "desc"]).default("desc").describe("desc: newest first (default); asc: oldest first"),
        ...page,
      })
      .strict(),
    discovers: "stock_order",
    run: (db, a) => {
      const symbol = a.symbol?.trim().toUpperCase();
      const after = a.after ? instantFrom(a.after, false) : undefined;
      const until = a.until ? instantFrom(a.until, true) : undefined;
      return db.stock_orders.page(a, {
        where: (o) =>
          (a.status === "all" || (a.status === "open") === isOpenOrder(o)) &&
          (!symbol || o.symbol === symbol) &&
          (!a.side || o.side === a.side) &&
          (!after || o.submitted_at >= after) &&
          (!until || o.submitted_at <= until),
        sort: sortOrders(a.direction),
      });
    },
  }),

  get_stock_order: read({
    description: "One stock order by id, with its status, prices, fill details and, if replaced, the order that replaced it.",
    input: z.object({ order_id: orderId("The order") }).strict(),
    run: (db, a) => db.stock_orders.need(a.order_id),
  }),

  list_fills: read({
    description:
      "Executions (fills) of the user's orders, newest first: symbol, side, shares, price, amount, realized profit/loss of sells and cash after. Filter by symbol, side or date range.",
    input: z
      .object({
        symbol: symbolParam("Only fills of this instrument").optional(),
        side: z.enum(["buy", "sell"]).optional().describe("Only buys or only sells"),
        from_date: rangeStart("to_date", dateOrInstant("Earliest fill date/time, inclusive")).optional(),
        to_date: dateOrInstant("Latest fill date/time, inclusive").optional(),
        ...page,
      })
      .strict(),
    discovers: "fill",
    run: (db, a) => {
      const symbol = a.symbol?.trim().toUpperCase();
      const from = a.from_date ? instantFrom(a.from_date, false) : undefined;
      const to = a.to_date ? instantFrom(a.to_date, true) : undefined;
      return db.fills.page(a, {
        where: (f) => (!symbol || f.symbol === symbol) && (!a.side || f.side === a.side) && (!from || f.filled_at >= from) && (!to || f.filled_at <= to),
        sort: descending("filled_at"),
      });
    },
  }),

  place_stock_order: write({
    description:
      "Place an order to buy or sell whole shares. type market (regular session only, fills at once at the ask/bid), limit (needs limit_price; fills at once if marketable, else stays open), stop (needs stop_price) or stop_limit (needs both). time_in_force day (expires at the session close) or gtc. Returns the order with its status (filled, new or accepted) and fill price.",
    input: z
      .object({
        symbol: symbolParam("What to trade"),
        side: z.enum(["buy", "sell"]).describe("buy or sell (selling more than you hold is not allowed)"),
        type: z.enum(ORDER_TYPES).default("market").describe("Order type (default market)"),
        qty: qtyParam,
        time_in_force: z.enum(["day", "gtc"]).default("day").describe("day: expires at the close of its session; gtc: good till canceled"),
        limit_price: price("Limit price per share, for limit and stop_limit orders only").optional(),
        stop_price: price("Stop (trigger) price per share, for stop and stop_limit orders only").optional(),
        extended_hours: z.boolean().default(false).describe("Let a day limit order also execute in the pre-market and after-hours sessions"),
      })
      .strict(),
    produces: "stock_order",
    run: (db, a, env) => {
      const spec: OrderSpec = { ...a };
      const inst = validateOrder(db, spec, env);
      return submitOrder(db, { ...spec, symbol: inst.symbol }, env);
    },
  }),

  replace_stock_order: write({
    description:
      "Change an open order's quantity, limit price, stop price or time in force. The old order becomes 'replaced' and a new order (returned, with `replaces` set) takes its place and is checked like a new one.",
    input: z
      .object({
        order_id: orderId("The open order to change"),
        qty: qtyParam.optional(),
        limit_price: price("New limit price (limit and stop_limit orders)").optional(),
        stop_price: price("New stop price (stop and stop_limit orders)").optional(),
        time_in_force: z.enum(["day", "gtc"]).optional().describe("New time in force"),
      })
      .strict(),
    produces: "stock_order",
    destructive: true,
    run: (db, a, env) => {
      const old = db.stock_orders.need(a.order_id);
      check(isOpenOrder(old), () => notOpenMessage(old, "replaced"));
      check(
        a.qty !== undefined || a.limit_price !== undefined || a.stop_price !== undefined || a.time_in_force !== undefined,
        "nothing to change: give at least one of qty, limit_price, stop_price, time_in_force",
        "invalid_argument",
      );
      const spec: OrderSpec = {
        symbol: old.symbol,
        side: old.side,
        type: old.type,
        qty: a.qty ?? old.qty,
        time_in_force: a.time_in_force ?? old.time_in_force,
        limit_price: a.limit_price ?? old.limit_price,
        stop_price: a.stop_price ?? old.stop_price,
        extended_hours: old.extended_hours,
      };
      if (a.limit_price !== undefined)
        check(old.limit_price !== undefined, `order ${old.id} is a ${old.type} order and has no limit price to change`, "invalid_argument");
      if (a.stop_price !== undefined)
        check(old.stop_price !== undefined, `order ${old.id} is a ${old.type} order and has no stop price to change`, "invalid_argument");
      validateOrder(db, spec, env, old);
      const next = db.stock_orders.peekId();
      db.stock_orders.update(old.id, { status: "replaced", replaced_by: next });
      return submitOrder(db, spec, env, {
        replaces: old.id,
        ...(old.stop_triggered_at && a.stop_price === undefined ? { stop_triggered_at: old.stop_triggered_at } : {}),
      });
    },
  }),

  cancel_stock_order: write({
    description: "Cancel an open order (status new or accepted). Filled, expired or already canceled orders cannot be canceled. Returns the canceled order.",
    input: z.object({ order_id: orderId("The open order to cancel") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const o = db.stock_orders.need(a.order_id);
      check(isOpenOrder(o), () => notOpenMessage(o, "canceled"));
      return db.stock_orders.update(o.id, { status: "canceled", canceled_at: env.now });
    },
  }),

  cancel_all_stock_orders: write({
    description: "Cancel every open order, or only those for one symbol. Returns the ids of the canceled orders (an empty list when none was open).",
    input: z.object({ symbol: symbolParam("Only orders for this instrument").optional() }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const symbol = a.symbol ? needInstrument(db, a.symbol).symbol : undefined;
      const open = db.stock_orders.filter((o) => isOpenOrder(o) && (!symbol || o.symbol === symbol));
      for (const o of open) db.stock_orders.update(o.id, { status: "canceled", canceled_at: env.now });
      return { canceled: open.map((o) => o.id), count: open.length };
    },
  }),

  refresh_stock_orders: write({
    description:
      "Re-check every open order against the current quotes, as the exchange would: expire day orders past their session, trigger stops, and fill limit orders that have become marketable. Returns what filled, expired or was canceled, and how many stay open.",
    input: z.object({}).strict(),
    uses: ["stock_order"],
    run: (db, _a, env) => {
      const open = db.stock_orders
        .filter(isOpenOrder)
        .sort((x, y) => (x.submitted_at < y.submitted_at ? -1 : x.submitted_at > y.submitted_at ? 1 : x.id < y.id ? -1 : 1));
      const filled: StockOrder[] = [];
      const expired: StockOrder[] = [];
      const canceled: StockOrder[] = [];
      for (const o of open) {
        const after = execute(db, o, env);
        if (after.status === "filled") filled.push(after);
        else if (after.status === "expired") expired.push(after);
        else if (after.status === "canceled") canceled.push(after);
      }
      return { checked_at: env.now, session: sessionAt(env.now), filled, expired, canceled, still_open: db.stock_orders.count(isOpenOrder) };
    },
  }),

  close_stock_position: write({
    description:
      "Sell all of a position (or `qty` shares, or `percentage` of it) at market, in the regular session only. Shares held by open sell orders are not sold; cancel those orders first. Returns the filled market order.",
    input: z
      .object({
        symbol: ref("position", "Symbol of the position to close, e.g. 'AAPL'"),
        qty: qtyParam.optional().describe("Shares to sell (default: all available)"),
        percentage: z.number().gt(0).max(100).optional().describe("Percent of the position to sell, rounded down to whole shares"),
      })
      .strict(),
    produces: "stock_order",
    destructive: true,
    run: (db, a, env) => {
      const pos = needPosition(db, a.symbol);
      const symbol = pos.symbol;
      check(a.qty === undefined || a.percentage === undefined, "give qty or percentage, not both", "invalid_argument");
      const held = heldForOrders(db, symbol);
      const available = pos.qty - held;
      check(
        available > 0,
        () =>
          `all ${pos.qty} ${symbol} shares are held by open sell orders (${db.stock_orders
            .filter((o) => isOpenOrder(o) && o.side === "sell" && o.symbol === symbol)
            .map((o) => o.id)
            .join(", ")}); cancel them with cancel_stock_order first`,
      );
      const qty = a.qty ?? (a.percentage !== undefined ? Math.floor((pos.qty * a.percentage) / 100) : available);
      check(qty >= 1, `${a.percentage}% of ${pos.qty} shares is less than one whole share; sell at least 1 share`, "invalid_argument");
      const spec: OrderSpec = { symbol, side: "sell", type: "market", qty, time_in_force: "day", extended_hours: false };
      validateOrder(db, spec, env);
      return submitOrder(db, spec, env, { position_close: true });
    },
  }),

  list_stock_watchlists: read({
    description: "The user's watchlists (name and symbols).",
    input: z.object({ ...page }).strict(),
    discovers: "watchlist",
    run: (db, a) => db.watchlists.page(a),
  }),

  get_stock_watchlist: read({
    description: "One watchlist with the latest price and change today of each of its symbols.",
    input: z.object({ watchlist_id: watchlistId("The watchlist") }).strict(),
    run: (db, a, env) => watchlistView(db, needWatchlist(db, a.watchlist_id), env.now),
  }),

  create_stock_watchlist: write({
    description: "Create a named watchlist, optionally with initial symbols. Names are unique. Returns the watchlist.",
    input: z
      .object({
        name: z.string().trim().min(1).max(64).describe("Watchlist name, e.g. 'Semiconductors'"),
        symbols: z.array(z.string().trim().min(1).max(12)).max(50).default([]).describe("Ticker symbols to start with"),
      })
      .strict(),
    produces: "watchlist",
    run: (db, a, env) => {
      const dup = db.watchlists.find((w) => w.name.toLowerCase() === a.name.toLowerCase());
      check(
        !dup,
        () => `a watchlist named "${dup?.name}" already exists (${dup?.id}); choose another name or add symbols to it with add_to_stock_watchlist`,
        "already_exists",
      );
      const symbols: string[] = [];
      for (const s of a.symbols) {
        const sym = needInstrument(db, s).symbol;
        if (!symbols.includes(sym)) symbols.push(sym);
      }
      return db.watchlists.create({ name: a.name, symbols, created_at: env.now, updated_at: env.now });
    },
  }),

  add_to_stock_watchlist: write({
    description: "Add a symbol to a watchlist. Returns the updated watchlist.",
    input: z.object({ watchlist_id: watchlistId("The watchlist"), symbol: symbolParam("The instrument to add") }).strict(),
    run: (db, a, env) => {
      const w = needWatchlist(db, a.watchlist_id);
      const sym = needInstrument(db, a.symbol).symbol;
      check(!w.symbols.includes(sym), `${sym} is already on the watchlist "${w.name}" (${w.symbols.join(", ")})`, "already_exists");
      check(w.symbols.length < 200, `the watchlist "${w.name}" is full (200 symbols); remove one first`, "limit_exceeded");
      return db.watchlists.update(w.id, { symbols: [...w.symbols, sym], updated_at: env.now });
    },
  }),

  remove_from_stock_watchlist: write({
    description: "Remove a symbol from a watchlist. Returns the updated watchlist.",
    input: z.object({ watchlist_id: watchlistId("The watchlist"), symbol: symbolParam("The symbol to remove") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const w = needWatchlist(db, a.watchlist_id);
      const sym = a.symbol.trim().toUpperCase();
      check(
        w.symbols.includes(sym),
        `${sym} is not on the watchlist "${w.name}"; it holds ${w.symbols.length ? w.symbols.join(", ") : "no symbols"}`,
        "not_found",
      );
      return db.watchlists.update(w.id, { symbols: w.symbols.filter((s) => s !== sym), updated_at: env.now });
    },
  }),

  delete_stock_watchlist: write({
    description: "Delete a watchlist for good (its symbols are not traded or affected).",
    input: z.object({ watchlist_id: watchlistId("The watchlist to delete") }).strict(),
    destructive: true,
    run: (db, a) => {
      const w = needWatchlist(db, a.watchlist_id);
      db.watchlists.delete(w.id);
      return { deleted: w.id, name: w.name };
    },
  }),

  rename_stock_watchlist: write({
    description: "Rename a watchlist. Names are unique. Returns the watchlist.",
    input: z
      .object({ watchlist_id: watchlistId("The watchlist"), name: text("New name", 64).pipe(z.string().trim().min(1, "the name must not be empty")) })
      .strict(),
    run: (db, a, env) => {
      const w = needWatchlist(db, a.watchlist_id);
      const dup = db.watchlists.find((x) => x.id !== w.id && x.name.toLowerCase() === a.name.toLowerCase());
      check(!dup, () => `another watchlist is already named "${dup?.name}" (${dup?.id}); choose a different name`, "already_exists");
      return db.watchlists.update(w.id, { name: a.name, updated_at: env.now });
    },
  }),
};
