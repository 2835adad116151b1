import { describe, expect, it } from "vitest";
import { roundMoney, worldFor } from "../../ts/servers/framework/index.ts";
import trading from "../../ts/servers/trading/index.ts";
import { priceAt, quoteAt } from "../../ts/servers/trading/market.ts";
import type { Instrument } from "../../ts/servers/trading/state.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(trading, 13);

const HOUR = 3_600_000;
const MIN = 60_000;

/** Sessions start at 09:00 UTC on a weekday (pre-market); +6h is 15:00 UTC, inside the regular session. */
function regular(seed = 1): TestSession {
  const s = openSession(trading, seed);
  s.advance(6 * HOUR);
  return s;
}

function instrument(s: TestSession, symbol: string): Instrument {
  return s.row<Instrument>("instruments", symbol);
}

function account(s: TestSession) {
  return s.ok("get_trading_account");
}

/** A tradable stock the user holds no position in and has no open order for. */
function freshSymbol(s: TestSession, not: string[] = []): string {
  const held = new Set(s.ok("list_stock_positions", { limit: 100 }).items.map((p: any) => p.symbol));
  const ordered = new Set(s.ok("list_stock_orders", { status: "open", limit: 100 }).items.map((o: any) => o.symbol));
  const pick = s
    .ok("search_instruments", { kind: "stock", limit: 100 })
    .items.find((i: any) => i.tradable && !held.has(i.symbol) && !ordered.has(i.symbol) && !not.includes(i.symbol) && i.last_price < 400);
  return pick.symbol;
}

/** A held position none of whose shares are held by open orders. */
function freePosition(s: TestSession): any {
  return s.ok("list_stock_positions", { limit: 100 }).items.find((p: any) => p.held_for_orders === 0 && p.qty >= 4);
}

describe("trading: market clock and market data", () => {
  it("get_market_clock reports the pre-market at 09:00 UTC, the regular session at 15:00 and closed on the weekend", () => {
    const s = openSession(trading, 1);
    const start = s.now();
    expect(start.slice(11)).toBe("09:00:00Z");
    const c = s.ok("get_market_clock");
    expect(c).toMatchObject({
      timestamp: start,
      is_open: false,
      session: "pre_market",
      next_open: `${start.slice(0, 10)}T14:30:00Z`,
      next_close: `${start.slice(0, 10)}T21:00:00Z`,
    });
    s.advance(6 * HOUR);
    expect(s.ok("get_market_clock")).toMatchObject({ is_open: true, session: "regular", next_close: `${start.slice(0, 10)}T21:00:00Z` });
    s.advance(6.5 * HOUR); // 21:30 UTC
    expect(s.ok("get_market_clock").session).toBe("after_hours");
    // Forward to the next Saturday noon.
    let t = s.now();
    while (new Date(t).getUTCDay() !== 6) {
      s.advance(24 * HOUR);
      t = s.now();
    }
    const sat = s.ok("get_market_clock");
    expect(sat.session).toBe("closed");
    expect(new Date(sat.next_open).getUTCDay()).toBe(1);
    expect(sat.next_open.slice(11)).toBe("14:30:00Z");
  });

  it("search_instruments finds by name, kind, exchange and pages", () => {
    const s = openSession(trading, 1);
    const apple = s.ok("search_instruments", { query: "apple" });
    expect(apple.items.map((i: any) => i.symbol)).toEqual(["AAPL"]);
    expect(apple.items[0]).not.toHaveProperty("price_seed");
    expect(apple.items[0].last_price).toBe(priceAt(instrument(s, "AAPL"), s.now()));
    const etfs = s.ok("search_instruments", { kind: "etf", limit: 100 });
    expect(etfs.items.map((i: any) => i.symbol)).toEqual(["GLD", "IWM", "QQQ", "SPY", "VTI"]);
    const arca = s.ok("search_instruments", { exchange: "ARCA", limit: 100 }).items;
    expect(arca.every((i: any) => i.exchange === "ARCA")).toBe(true);
    const all = s.ok("search_instruments", { limit: 100 });
    expect(all.total).toBeGreaterThanOrEqual(30);
    expect(all.total).toBeLessThanOrEqual(60);
    const p1 = s.ok("search_instruments", { limit: 10 });
    expect(p1.items).toHaveLength(10);
    const p2 = s.ok("search_instruments", { limit: 10, cursor: p1.next_cursor });
    expect(p2.items[0].symbol > p1.items[9].symbol).toBe(true);
  });

  it("lists the world's companies as stocks, one of them halted", () => {
    const s = openSession(trading, 1);
    const all = s.ok("search_instruments", { limit: 100 }).items;
    for (const c of worldFor(1).companies)
      expect(
        all.some((i: any) => i.name.startsWith(`${c.name} `)),
        c.name,
      ).toBe(true);
    const halted = all.filter((i: any) => !i.tradable);
    expect(halted).toHaveLength(1);
    expect(halted[0].status).toBe("halted");
    expect(halted[0].name.startsWith(worldFor(1).user.company)).toBe(false);
  });

  it("get_instrument returns details and the current quote, hiding the price model", () => {
    const s = openSession(trading, 1);
    const i = s.ok("get_instrument", { symbol: "msft" });
    expect(i).toMatchObject({ symbol: "MSFT", name: "Microsoft Corporation", exchange: "NASDAQ", kind: "stock", tradable: true });
    expect(i).not.toHaveProperty("volatility");
    expect(i.quote.last).toBe(priceAt(instrument(s, "MSFT"), s.now()));
  });

  it("rule: an unknown symbol is answered with the closest matches", () => {
    const s = openSession(trading, 1);
    const e = s.fails("get_stock_quote", { symbol: "APPL" }, "not_found", /unknown symbol "APPL"; closest matches: AAPL \(Apple Inc\.\)/);
    expect(e.message).toMatch(/search_instruments/);
    s.fails("place_stock_order", { symbol: "MSFTT", side: "buy", qty: 1, type: "limit", limit_price: 10 }, "not_found", /closest matches: MSFT/);
    s.fails("get_instrument", { symbol: "ZZZZ" }, "not_found", /closest matches/);
  });

  it("get_stock_quote is a pure function of the clock: same instant same quote, moving while trading, still when closed", () => {
    const a = regular(1);
    const b = regular(1);
    const qa = a.ok("get_stock_quote", { symbol: "NVDA" });
    expect(b.ok("get_stock_quote", { symbol: "NVDA" })).toEqual(qa);
    expect(qa).toEqual(quoteAt("NVDA", instrument(a, "NVDA"), a.now()));
    expect(qa.bid).toBeLessThan(qa.last);
    expect(qa.ask).toBeGreaterThan(qa.last);
    expect(qa.change).toBe(roundMoney(qa.last - qa.previous_close));
    expect(qa.session).toBe("regular");
    const path = [qa.last];
    for (let k = 0; k < 30; k++) {
      a.advance(MIN);
      path.push(a.ok("get_stock_quote", { symbol: "NVDA" }).last);
    }
    expect(new Set(path).size).toBeGreaterThan(5);
    // Another seed has another price path.
    const c = regular(2);
    expect(c.ok("get_stock_quote", { symbol: "NVDA" }).last).not.toBe(qa.last);
    // Between 20:00 ET and 04:00 ET (01:00–09:00 UTC) the price stands still.
    a.advance(11 * HOUR); // about 02:30 UTC next day
    const q1 = a.ok("get_stock_quote", { symbol: "NVDA" });
    a.advance(3 * HOUR);
    const q2 = a.ok("get_stock_quote", { symbol: "NVDA" });
    expect(q1.session).toBe("closed");
    expect(q2.last).toBe(q1.last);
  });

  it("get_stock_bars returns ordered OHLC bars that never pass now and end at the previous close", () => {
    const s = openSession(trading, 1);
    const q = s.ok("get_stock_quote", { symbol: "AAPL" });
    const daily = s.ok("get_stock_bars", { symbol: "AAPL", limit: 20 });
    expect(daily).toMatchObject({ symbol: "AAPL", timeframe: "1Day", count: 20 });
    const bars = daily.bars;
    for (let k = 1; k < bars.length; k++) expect(bars[k].t > bars[k - 1].t).toBe(true);
    for (const b of bars) {
      expect(b.h).toBeGreaterThanOrEqual(Math.max(b.o, b.c));
      expect(b.l).toBeLessThanOrEqual(Math.min(b.o, b.c));
      expect(b.v).toBeGreaterThan(0);
      expect(b.t.slice(11)).toBe("14:30:00Z");
    }
    // In the pre-market the last daily bar is yesterday's session; its close is the previous close.
    expect(bars[bars.length - 1].t < s.now()).toBe(true);
    expect(bars[bars.length - 1].c).toBe(q.previous_close);
    // Intraday bars while trading: the last one has begun by now.
    s.advance(6 * HOUR + 7 * MIN);
    const minute = s.ok("get_stock_bars", { symbol: "AAPL", timeframe: "1Min", limit: 5 }).bars;
    expect(minute).toHaveLength(5);
    expect(minute[4].t).toBe(s.now());
    expect(minute[4].c).toBe(s.ok("get_stock_quote", { symbol: "AAPL" }).last);
    const five = s.ok("get_stock_bars", { symbol: "AAPL", timeframe: "5Min", start: s.now().slice(0, 10), limit: 200 }).bars;
    expect(five[0].t).toBe(`${s.now().slice(0, 10)}T14:30:00Z`);
    expect(five).toHaveLength(Math.floor(37 / 5) + 1);
    // A window in the future is empty; start after end is an error.
    expect(s.ok("get_stock_bars", { symbol: "AAPL", start: "2030-01-01" }).count).toBe(0);
    s.fails(
      "get_stock_bars",
      { symbol: "AAPL", start: "2026-03-10", end: "2026-03-01" },
      "invalid_argument",
      /start \(2026-03-10\) is after end \(2026-03-01\)/,
    );
  });
});

describe("trading: account, positions, orders and fills", () => {
  it("get_trading_account: equity is cash plus positions; buying power is cash less open buy reservations", () => {
    const s = openSession(trading, 1);
    const a = account(s);
    const positions = s.ok("list_stock_positions", { limit: 100 }).items;
    const longValue = roundMoney(positions.reduce((t: number, p: any) => t + p.market_value, 0));
    expect(a.long_market_value).toBeCloseTo(longValue, 1);
    expect(a.equity).toBeCloseTo(a.cash + longValue, 1);
    const open = s.ok("list_stock_orders", { status: "open", limit: 100 }).items;
    expect(open.length).toBe(a.open_orders);
    const reserved = roundMoney(open.filter((o: any) => o.side === "buy").reduce((t: number, o: any) => t + o.qty * (o.limit_price ?? o.stop_price), 0));
    expect(a.reserved_for_open_orders).toBe(reserved);
    expect(a.buying_power).toBe(roundMoney(a.cash - reserved));
    expect(a.owner).toBe(s.row("brokerage_accounts", a.id).owner);
  });

  it("the seeded fills replay to the account's cash and positions", () => {
    const s = openSession(trading, 1);
    const fills = s.ok("list_fills", { limit: 100 }).items.reverse();
    expect(fills.length).toBeGreaterThan(5);
    for (let k = 1; k < fills.length; k++) {
      const f = fills[k];
      expect(f.cash_after).toBeCloseTo(fills[k - 1].cash_after + (f.side === "sell" ? f.amount : -f.amount), 2);
      expect(f.amount).toBe(roundMoney(f.qty * f.price));
      expect(f.price).toBe(quoteAt(f.symbol, instrument(s, f.symbol), f.filled_at)[f.side === "buy" ? "ask" : "bid"]);
    }
    expect(fills[fills.length - 1].cash_after).toBe(account(s).cash);
    for (const p of s.ok("list_stock_positions", { limit: 100 }).items) {
      const net = fills.filter((f: any) => f.symbol === p.symbol).reduce((t: number, f: any) => t + (f.side === "buy" ? f.qty : -f.qty), 0);
      expect(net).toBe(p.qty);
    }
  });

  it("list_stock_positions and get_stock_position show market value, profit and shares held by orders", () => {
    const s = openSession(trading, 1);
    const items = s.ok("list_stock_positions", {}).items;
    expect(items.map((p: any) => p.symbol)).toEqual([...items.map((p: any) => p.symbol)].sort());
    const p = items[0];
    expect(p.current_price).toBe(priceAt(instrument(s, p.symbol), s.now()));
    expect(p.market_value).toBe(roundMoney(p.qty * p.current_price));
    expect(p.unrealized_pl).toBe(roundMoney(p.market_value - p.cost_basis));
    const withOrder = s.ok("list_stock_orders", { status: "open", side: "sell" }).items[0];
    const held = s.ok("get_stock_position", { symbol: withOrder.symbol.toLowerCase() });
    expect(held.held_for_orders).toBe(withOrder.qty);
    expect(held.qty_available).toBe(held.qty - withOrder.qty);
    s.fails("get_stock_position", { symbol: "KO" }, "not_found", /you hold no KO shares; open positions: /);
  });

  it("list_stock_orders filters open/closed/all, symbol and side; get_stock_order reads one", () => {
    const s = openSession(trading, 1);
    const open = s.ok("list_stock_orders", {});
    expect(open.total).toBe(4);
    expect(open.items.every((o: any) => ["new", "accepted"].includes(o.status))).toBe(true);
    const closed = s.ok("list_stock_orders", { status: "closed", limit: 100 });
    expect(closed.items.every((o: any) => ["filled", "canceled", "expired"].includes(o.status))).toBe(true);
    const all = s.ok("list_stock_orders", { status: "all", limit: 100 });
    expect(all.total).toBe(open.total + closed.total);
    expect(all.items[0].submitted_at >= all.items[all.items.length - 1].submitted_at).toBe(true);
    const asc = s.ok("list_stock_orders", { status: "all", direction: "asc", limit: 1 });
    expect(asc.items[0].submitted_at).toBe(all.items[all.items.length - 1].submitted_at);
    const sym = all.items[0].symbol;
    expect(s.ok("list_stock_orders", { status: "all", symbol: sym, limit: 100 }).items.every((o: any) => o.symbol === sym)).toBe(true);
    expect(s.ok("list_stock_orders", { status: "all", side: "sell", limit: 100 }).items.every((o: any) => o.side === "sell")).toBe(true);
    const day = all.items[5].submitted_at.slice(0, 10);
    expect(s.ok("list_stock_orders", { status: "all", after: day, until: day, limit: 100 }).items.every((o: any) => o.submitted_at.startsWith(day))).toBe(true);
    expect(s.ok("get_stock_order", { order_id: open.items[0].id })).toEqual(open.items[0]);
    s.fails("get_stock_order", { order_id: "ORD-99999" }, "not_found", /list_stock_orders/);
  });

  it("list_fills filters by symbol, side and date", () => {
    const s = openSession(trading, 1);
    const all = s.ok("list_fills", { limit: 100 });
    const f = all.items[0];
    expect(s.ok("list_fills", { symbol: f.symbol, limit: 100 }).items.every((x: any) => x.symbol === f.symbol)).toBe(true);
    const sells = s.ok("list_fills", { side: "sell", limit: 100 }).items;
    expect(sells.every((x: any) => x.side === "sell" && typeof x.realized_pl === "number")).toBe(true);
    const d = f.filled_at.slice(0, 10);
    expect(s.ok("list_fills", { from_date: d, to_date: d, limit: 100 }).items.every((x: any) => x.filled_at.startsWith(d))).toBe(true);
  });
});

describe("trading: placing orders", () => {
  it("a market buy in the regular session fills at the ask, takes the cash and opens a position", () => {
    const s = regular();
    const sym = freshSymbol(s);
    const before = account(s);
    const q = s.ok("get_stock_quote", { symbol: sym });
    const o = s.ok("place_stock_order", { symbol: sym, side: "buy", type: "market", qty: 3 });
    expect(o).toMatchObject({
      symbol: sym,
      side: "buy",
      type: "market",
      qty: 3,
      status: "filled",
      filled_qty: 3,
      filled_avg_price: q.ask,
      time_in_force: "day",
    });
    expect(o.id).toMatch(/^ORD-\d{5}$/);
    expect(account(s).cash).toBe(roundMoney(before.cash - 3 * q.ask));
    const p = s.ok("get_stock_position", { symbol: sym });
    expect(p).toMatchObject({ qty: 3, avg_entry_price: q.ask, cost_basis: roundMoney(3 * q.ask) });
    const fill = s.ok("list_fills", { symbol: sym }).items[0];
    expect(fill).toMatchObject({ order_id: o.id, qty: 3, price: q.ask, amount: roundMoney(3 * q.ask), cash_after: roundMoney(before.cash - 3 * q.ask) });
  });

  it("a second buy averages the entry price; a market sell fills at the bid and books realized profit", () => {
    const s = regular();
    const sym = freshSymbol(s);
    const q1 = s.ok("get_stock_quote", { symbol: sym });
    s.ok("place_stock_order", { symbol: sym, side: "buy", qty: 2 });
    const q2 = s.ok("get_stock_quote", { symbol: sym });
    s.ok("place_stock_order", { symbol: sym, side: "buy", qty: 2 });
    const cost = roundMoney(2 * q1.ask + 2 * q2.ask);
    const p = s.ok("get_stock_position", { symbol: sym });
    expect(p.qty).toBe(4);
    expect(p.cost_basis).toBe(cost);
    expect(p.avg_entry_price).toBe(Math.round((cost / 4) * 10_000) / 10_000);
    const cash = account(s).cash;
    const q3 = s.ok("get_stock_quote", { symbol: sym });
    const sell = s.ok("place_stock_order", { symbol: sym, side: "sell", qty: 3 });
    expect(sell).toMatchObject({ status: "filled", filled_avg_price: q3.bid });
    expect(account(s).cash).toBe(roundMoney(cash + 3 * q3.bid));
    const fill = s.ok("list_fills", { symbol: sym, side: "sell" }).items[0];
    expect(fill.realized_pl).toBe(roundMoney((q3.bid - p.avg_entry_price) * 3));
    expect(s.ok("get_stock_position", { symbol: sym }).qty).toBe(1);
    s.ok("place_stock_order", { symbol: sym, side: "sell", qty: 1 });
    s.fails("get_stock_position", { symbol: sym }, "not_found", /you hold no/);
  });

  it("rule: market orders only in the regular session; the error names the next open and suggests a limit order", () => {
    const s = openSession(trading, 1);
    const day = s.now().slice(0, 10);
    s.fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", qty: 1 },
      "failed_precondition",
      new RegExp(`pre-market session.*next open is ${day}T14:30:00Z.*limit order.*extended_hours`),
    );
    s.advance(12 * HOUR + 30 * MIN); // 21:30 UTC
    s.fails("place_stock_order", { symbol: "AAPL", side: "buy", qty: 1 }, "failed_precondition", /after-hours session/);
  });

  it("a limit buy below the market rests (accepted in the pre-market, new in the regular session) and reserves buying power", () => {
    const s = openSession(trading, 1);
    const sym = freshSymbol(s);
    const q = s.ok("get_stock_quote", { symbol: sym });
    const bp = account(s).buying_power;
    const limit = roundMoney(q.last * 0.8);
    const o = s.ok("place_stock_order", { symbol: sym, side: "buy", type: "limit", qty: 5, limit_price: limit, time_in_force: "gtc" });
    expect(o).toMatchObject({ status: "accepted", filled_qty: 0, limit_price: limit, time_in_force: "gtc" });
    expect(o.expires_at).toBeUndefined();
    expect(account(s).buying_power).toBe(roundMoney(bp - 5 * limit));
    s.advance(6 * HOUR);
    const o2 = s.ok("place_stock_order", { symbol: sym, side: "buy", type: "limit", qty: 1, limit_price: limit });
    expect(o2.status).toBe("new");
    expect(o2.expires_at).toBe(`${s.now().slice(0, 10)}T21:00:00Z`);
  });

  it("a marketable extended-hours limit order fills in the pre-market at the ask", () => {
    const s = openSession(trading, 1);
    const sym = freshSymbol(s);
    const q = s.ok("get_stock_quote", { symbol: sym });
    expect(q.session).toBe("pre_market");
    const o = s.ok("place_stock_order", { symbol: sym, side: "buy", type: "limit", qty: 2, limit_price: roundMoney(q.ask + 1), extended_hours: true });
    // Extended-hours day orders live until the end of the after-hours session, 20:00 ET = 01:00 UTC next day.
    const nextDay = new Date(Date.parse(`${s.now().slice(0, 10)}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
    expect(o).toMatchObject({ status: "filled", filled_avg_price: q.ask, extended_hours: true, expires_at: `${nextDay}T01:00:00Z` });
  });

  it("rule: limit_price is required for limit orders and forbidden for market orders; stop_price likewise", () => {
    const s = regular();
    s.fails("place_stock_order", { symbol: "AAPL", side: "buy", type: "limit", qty: 1 }, "invalid_argument", /a limit order needs a limit_price/);
    s.fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", type: "market", qty: 1, limit_price: 100 },
      "invalid_argument",
      /a market order takes no limit_price; use type "limit"/,
    );
    s.fails("place_stock_order", { symbol: "AAPL", side: "buy", type: "stop", qty: 1 }, "invalid_argument", /a stop order needs a stop_price/);
    s.fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", type: "stop", qty: 1, stop_price: 500, limit_price: 501 },
      "invalid_argument",
      /a stop order takes no limit_price/,
    );
    s.fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", type: "limit", qty: 1, limit_price: 100, stop_price: 90 },
      "invalid_argument",
      /a limit order takes no stop_price/,
    );
    s.fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", type: "stop_limit", qty: 1, stop_price: 900 },
      "invalid_argument",
      /a stop_limit order needs a limit_price/,
    );
    const bad = s.call("place_stock_order", { symbol: "AAPL", side: "buy", type: "limit", qty: 1, limit_price: 100.123 });
    expect(bad.outcome).toBe("invalid_arguments");
    expect(s.call("place_stock_order", { symbol: "AAPL", side: "buy", qty: 1.5 }).outcome).toBe("invalid_arguments");
  });

  it("rule: a buy stop lies above the current price, a sell stop below it", () => {
    const s = regular();
    const q = s.ok("get_stock_quote", { symbol: "AAPL" });
    s.fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", type: "stop", qty: 1, stop_price: roundMoney(q.last - 1) },
      "invalid_argument",
      new RegExp(`a buy stop must be above the current price of AAPL \\(${q.last.toFixed(2)}\\)`),
    );
    const pos = freePosition(s);
    const pq = s.ok("get_stock_quote", { symbol: pos.symbol });
    s.fails(
      "place_stock_order",
      { symbol: pos.symbol, side: "sell", type: "stop", qty: 1, stop_price: roundMoney(pq.last + 1) },
      "invalid_argument",
      /a sell stop must be below the current price/,
    );
    const stop = s.ok("place_stock_order", {
      symbol: pos.symbol,
      side: "sell",
      type: "stop",
      qty: 1,
      stop_price: roundMoney(pq.last * 0.9),
      time_in_force: "gtc",
    });
    expect(stop).toMatchObject({ status: "new", type: "stop", stop_price: roundMoney(pq.last * 0.9) });
  });

  it("rule: extended_hours only for day limit orders", () => {
    const s = openSession(trading, 1);
    s.fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", type: "limit", qty: 1, limit_price: 10, time_in_force: "gtc", extended_hours: true },
      "invalid_argument",
      /extended_hours applies only to limit orders with time_in_force "day"/,
    );
    s.fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", type: "stop", qty: 1, stop_price: 9000, extended_hours: true },
      "invalid_argument",
      /this is a stop order/,
    );
  });

  it("rule: buying power must cover a buy (market: qty × ask, limit: qty × limit)", () => {
    const s = regular();
    const a = account(s);
    const q = s.ok("get_stock_quote", { symbol: "COST" });
    const tooMany = Math.floor(a.buying_power / q.ask) + 1;
    const maxShares = Math.floor(a.buying_power / q.ask);
    s.fails(
      "place_stock_order",
      { symbol: "COST", side: "buy", qty: tooMany },
      "failed_precondition",
      new RegExp(`insufficient buying power: the order needs .* but buying power is .*at most ${maxShares} shares fit`),
    );
    const limit = 100;
    const n = Math.floor(a.buying_power / limit);
    s.fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", type: "limit", qty: n + 1, limit_price: limit },
      "failed_precondition",
      new RegExp(`needs ${(roundMoney((n + 1) * limit)).toLocaleString("en-US", { minimumFractionDigits: 2 })} \\(${n + 1} × 100.00\\)`),
    );
    const ok = s.ok("place_stock_order", { symbol: "AAPL", side: "buy", type: "limit", qty: n, limit_price: limit, time_in_force: "gtc" });
    expect(ok.status).toBe("new");
    expect(account(s).buying_power).toBe(roundMoney(a.buying_power - n * limit));
    s.fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", type: "limit", qty: 1, limit_price: limit },
      "failed_precondition",
      /insufficient buying power/,
    );
  });

  it("rule: a buy that costs exactly the buying power is accepted; one cent more is refused", () => {
    const exact = openSession(trading, 1);
    const bp = account(exact).buying_power;
    const o = exact.ok("place_stock_order", { symbol: "AAPL", side: "buy", type: "limit", qty: 1, limit_price: bp, time_in_force: "gtc" });
    expect(o.status).toBe("accepted");
    expect(account(exact).buying_power).toBe(0);
    const over = openSession(trading, 1);
    over.fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", type: "limit", qty: 1, limit_price: roundMoney(bp + 0.01), time_in_force: "gtc" },
      "failed_precondition",
      /insufficient buying power/,
    );
    // Two shares at half the buying power (rounded down to the cent) fit; at one cent more each they do not.
    const half = Math.floor((bp / 2) * 100) / 100;
    const pair = openSession(trading, 1);
    expect(pair.ok("place_stock_order", { symbol: "AAPL", side: "buy", type: "limit", qty: 2, limit_price: half, time_in_force: "gtc" }).status).toBe(
      "accepted",
    );
    openSession(trading, 1).fails(
      "place_stock_order",
      { symbol: "AAPL", side: "buy", type: "limit", qty: 2, limit_price: roundMoney(half + 0.01), time_in_force: "gtc" },
      "failed_precondition",
      /insufficient buying power/,
    );
  });

  it("rule: no short selling, and no selling shares held by open sell orders", () => {
    const s = regular();
    const sym = freshSymbol(s);
    s.fails(
      "place_stock_order",
      { symbol: sym, side: "sell", qty: 1 },
      "failed_precondition",
      new RegExp(`you hold no ${sym} shares and short selling is not allowed`),
    );
    const pos = freePosition(s);
    s.fails(
      "place_stock_order",
      { symbol: pos.symbol, side: "sell", qty: pos.qty + 1 },
      "failed_precondition",
      new RegExp(`insufficient shares: you hold ${pos.qty} ${pos.symbol}, so at most ${pos.qty} can be sold; the order is for ${pos.qty + 1}`),
    );
    const withOrder = s.ok("list_stock_orders", { side: "sell" }).items.find((o: any) => o.type === "limit");
    const p = s.ok("get_stock_position", { symbol: withOrder.symbol });
    s.fails(
      "place_stock_order",
      { symbol: p.symbol, side: "sell", qty: p.qty },
      "failed_precondition",
      new RegExp(`of which ${withOrder.qty} are held by open sell orders, so at most ${p.qty - withOrder.qty} can be sold`),
    );
  });

  it("rule: halted instruments cannot be traded", () => {
    const s = regular();
    const halted = s.ok("search_instruments", { limit: 100 }).items.find((i: any) => !i.tradable);
    s.fails(
      "place_stock_order",
      { symbol: halted.symbol, side: "buy", qty: 1 },
      "failed_precondition",
      new RegExp(`${halted.symbol} .* is halted and cannot be traded now`),
    );
  });
});

describe("trading: changing orders", () => {
  it("cancel_stock_order cancels an open order and releases its buying power", () => {
    const s = openSession(trading, 1);
    const buy = s.ok("list_stock_orders", { side: "buy" }).items[0];
    const bp = account(s).buying_power;
    const at = s.now();
    const c = s.ok("cancel_stock_order", { order_id: buy.id });
    expect(c).toMatchObject({ id: buy.id, status: "canceled", canceled_at: at });
    expect(account(s).buying_power).toBe(roundMoney(bp + buy.qty * buy.limit_price));
    s.fails("cancel_stock_order", { order_id: buy.id }, "failed_precondition", new RegExp(`order ${buy.id} is already canceled; only open orders`));
  });

  it("rule: a filled order cannot be canceled, and the error says so", () => {
    const s = openSession(trading, 1);
    const filled = s.ok("list_stock_orders", { status: "closed", limit: 100 }).items.find((o: any) => o.status === "filled" && o.side === "buy");
    s.fails(
      "cancel_stock_order",
      { order_id: filled.id },
      "failed_precondition",
      new RegExp(`order ${filled.id} was already filled \\(${filled.qty} ${filled.symbol} at .*sell the shares`),
    );
    const closed = s.ok("list_stock_orders", { status: "closed", limit: 100 }).items;
    const expired = closed.find((o: any) => o.status === "expired") ?? closed.find((o: any) => o.status === "canceled");
    s.fails("cancel_stock_order", { order_id: expired.id }, "failed_precondition", new RegExp(`order ${expired.id} is already ${expired.status}`));
  });

  it("replace_stock_order swaps an open order for a new one with the changes", () => {
    const s = openSession(trading, 1);
    const old = s.ok("list_stock_orders", { side: "buy" }).items[0];
    const r = s.ok("replace_stock_order", { order_id: old.id, limit_price: roundMoney(old.limit_price - 1), qty: old.qty + 1 });
    expect(r).toMatchObject({
      symbol: old.symbol,
      side: "buy",
      type: "limit",
      qty: old.qty + 1,
      limit_price: roundMoney(old.limit_price - 1),
      replaces: old.id,
      status: "accepted",
    });
    expect(s.ok("get_stock_order", { order_id: old.id })).toMatchObject({ status: "replaced", replaced_by: r.id });
    s.fails(
      "replace_stock_order",
      { order_id: old.id, qty: 1 },
      "failed_precondition",
      new RegExp(`order ${old.id} was replaced by ${r.id}; replace that order instead`),
    );
    s.fails("replace_stock_order", { order_id: r.id }, "invalid_argument", /nothing to change/);
    const stop = s.ok("list_stock_orders", {}).items.find((o: any) => o.type === "stop");
    s.fails("replace_stock_order", { order_id: stop.id, limit_price: 10 }, "invalid_argument", /is a stop order and has no limit price/);
    const moved = s.ok("replace_stock_order", { order_id: stop.id, stop_price: roundMoney(stop.stop_price - 1) });
    expect(moved).toMatchObject({ type: "stop", stop_price: roundMoney(stop.stop_price - 1), replaces: stop.id });
  });

  it("replace_stock_order checks buying power without counting the order it replaces", () => {
    const s = openSession(trading, 1);
    const old = s.ok("list_stock_orders", { side: "buy" }).items[0];
    const bp = account(s).buying_power;
    // Fits only if the old order's reservation is released.
    const qty = Math.floor((bp + old.qty * old.limit_price) / old.limit_price);
    const r = s.ok("replace_stock_order", { order_id: old.id, qty });
    expect(r.qty).toBe(qty);
    s.fails("replace_stock_order", { order_id: r.id, qty: qty + 5 }, "failed_precondition", /insufficient buying power/);
  });

  it("rule: a filled order cannot be replaced", () => {
    const s = openSession(trading, 1);
    const filled = s.ok("list_stock_orders", { status: "closed", limit: 100 }).items.find((o: any) => o.status === "filled");
    s.fails(
      "replace_stock_order",
      { order_id: filled.id, qty: 1 },
      "failed_precondition",
      /was already filled.*only open orders \(status new or accepted\) can be replaced/,
    );
  });

  it("cancel_all_stock_orders cancels every open order (or one symbol's) and frees all buying power", () => {
    const s = openSession(trading, 1);
    const open = s.ok("list_stock_orders", {}).items;
    const one = s.ok("cancel_all_stock_orders", { symbol: open[0].symbol });
    expect(one.canceled).toEqual(open.filter((o: any) => o.symbol === open[0].symbol).map((o: any) => o.id));
    const rest = s.ok("cancel_all_stock_orders", {});
    expect(rest.count).toBe(open.length - one.count);
    expect(s.ok("list_stock_orders", {}).total).toBe(0);
    const a = account(s);
    expect(a.buying_power).toBe(a.cash);
    expect(s.ok("cancel_all_stock_orders", {})).toEqual({ canceled: [], count: 0 });
  });
});

describe("trading: re-checking open orders", () => {
  it("an accepted limit order fills at the open when it is marketable there", () => {
    const s = openSession(trading, 1);
    const sym = freshSymbol(s);
    const q = s.ok("get_stock_quote", { symbol: sym });
    const limit = roundMoney(q.ask * 1.25);
    const o = s.ok("place_stock_order", { symbol: sym, side: "buy", type: "limit", qty: 2, limit_price: limit });
    expect(o.status).toBe("accepted");
    // Nothing happens before the open.
    const early = s.ok("refresh_stock_orders", {});
    expect(early.filled).toEqual([]);
    expect(early.session).toBe("pre_market");
    s.advance(6 * HOUR);
    const cash = account(s).cash;
    const at = s.ok("get_stock_quote", { symbol: sym });
    const r = s.ok("refresh_stock_orders", {});
    const mine = r.filled.find((x: any) => x.id === o.id);
    expect(mine).toMatchObject({ status: "filled", filled_avg_price: at.ask, filled_at: at.timestamp });
    expect(account(s).cash).toBe(
      roundMoney(
        cash -
          r.filled.filter((x: any) => x.side === "buy").reduce((t: number, x: any) => t + x.qty * x.filled_avg_price, 0) +
          r.filled.filter((x: any) => x.side === "sell").reduce((t: number, x: any) => t + x.qty * x.filled_avg_price, 0),
      ),
    );
    expect(s.ok("get_stock_position", { symbol: sym }).qty).toBe(2);
  });

  it("day orders expire at the close; refresh reports them and frees their buying power", () => {
    const s = regular();
    const sym = freshSymbol(s);
    const q = s.ok("get_stock_quote", { symbol: sym });
    const o = s.ok("place_stock_order", { symbol: sym, side: "buy", type: "limit", qty: 3, limit_price: roundMoney(q.last * 0.5) });
    expect(o.expires_at.slice(11)).toBe("21:00:00Z");
    s.advance(6 * HOUR + 30 * MIN); // past 21:00 UTC
    const bp = account(s).buying_power;
    const r = s.ok("refresh_stock_orders", {});
    expect(r.expired.map((x: any) => x.id)).toEqual([o.id]);
    expect(s.ok("get_stock_order", { order_id: o.id }).status).toBe("expired");
    expect(account(s).buying_power).toBe(roundMoney(bp + 3 * o.limit_price));
    expect(r.still_open).toBe(4);
  });

  it("a sell stop triggers when the price falls to it and sells at the bid", () => {
    const s = regular();
    const pos = freePosition(s);
    const inst = instrument(s, pos.symbol);
    const t0 = new Date(s.now()).getTime();
    // Look ahead on the pure price path for a dip within the session.
    let dip = { k: -1, price: Infinity };
    for (let k = 2; k < 300; k++) {
      const p = priceAt(inst, new Date(t0 + k * MIN).toISOString().replace(".000Z", "Z"));
      if (p < dip.price) dip = { k, price: p };
    }
    const current = s.ok("get_stock_quote", { symbol: pos.symbol }).last;
    expect(dip.price).toBeLessThan(current);
    const stopPrice = roundMoney(Math.min(current - 0.01, dip.price + 0.01));
    const o = s.ok("place_stock_order", { symbol: pos.symbol, side: "sell", type: "stop", qty: 2, stop_price: stopPrice, time_in_force: "gtc" });
    expect(o.status).toBe("new");
    s.advance((dip.k - 1) * MIN);
    const at = s.ok("get_stock_quote", { symbol: pos.symbol });
    expect(at.last).toBeLessThanOrEqual(stopPrice);
    const r = s.ok("refresh_stock_orders", {});
    const mine = r.filled.find((x: any) => x.id === o.id);
    expect(mine).toMatchObject({ status: "filled", filled_avg_price: at.bid, stop_triggered_at: at.timestamp });
    expect(s.ok("get_stock_position", { symbol: pos.symbol }).qty).toBe(pos.qty - 2);
  });

  it("a buy stop_limit triggers above its stop and then fills as a limit order", () => {
    const s = regular();
    const sym = freshSymbol(s);
    const inst = instrument(s, sym);
    const t0 = new Date(s.now()).getTime();
    let peak = { k: -1, price: -Infinity };
    for (let k = 2; k < 300; k++) {
      const p = priceAt(inst, new Date(t0 + k * MIN).toISOString().replace(".000Z", "Z"));
      if (p > peak.price) peak = { k, price: p };
    }
    const current = s.ok("get_stock_quote", { symbol: sym }).last;
    expect(peak.price).toBeGreaterThan(current);
    const stop = roundMoney(Math.max(current + 0.01, peak.price - 0.01));
    const o = s.ok("place_stock_order", {
      symbol: sym,
      side: "buy",
      type: "stop_limit",
      qty: 1,
      stop_price: stop,
      limit_price: roundMoney(peak.price * 1.01),
      time_in_force: "gtc",
    });
    s.advance((peak.k - 1) * MIN);
    const at = s.ok("get_stock_quote", { symbol: sym });
    const r = s.ok("refresh_stock_orders", {});
    expect(r.filled.find((x: any) => x.id === o.id)).toMatchObject({ status: "filled", filled_avg_price: at.ask, stop_triggered_at: at.timestamp });
  });
});

describe("trading: closing positions", () => {
  it("close_stock_position sells the whole position at the bid", () => {
    const s = regular();
    const pos = freePosition(s);
    const cash = account(s).cash;
    const q = s.ok("get_stock_quote", { symbol: pos.symbol });
    const o = s.ok("close_stock_position", { symbol: pos.symbol });
    expect(o).toMatchObject({ side: "sell", type: "market", qty: pos.qty, status: "filled", filled_avg_price: q.bid, position_close: true });
    expect(account(s).cash).toBe(roundMoney(cash + pos.qty * q.bid));
    s.fails("get_stock_position", { symbol: pos.symbol }, "not_found", /you hold no/);
    s.fails("close_stock_position", { symbol: pos.symbol }, "not_found", new RegExp(`you hold no ${pos.symbol} shares; open positions: `));
  });

  it("close_stock_position sells a percentage (whole shares) or a quantity", () => {
    const s = regular();
    const pos = freePosition(s);
    const half = s.ok("close_stock_position", { symbol: pos.symbol, percentage: 50 });
    expect(half.qty).toBe(Math.floor(pos.qty / 2));
    expect(s.ok("get_stock_position", { symbol: pos.symbol }).qty).toBe(pos.qty - half.qty);
    const one = s.ok("close_stock_position", { symbol: pos.symbol, qty: 1 });
    expect(one.qty).toBe(1);
    s.fails("close_stock_position", { symbol: pos.symbol, qty: 1, percentage: 10 }, "invalid_argument", /give qty or percentage, not both/);
    s.fails("close_stock_position", { symbol: pos.symbol, percentage: 0.1 }, "invalid_argument", /less than one whole share/);
  });

  it("rule: close_stock_position needs the regular session and shares not held by open orders", () => {
    const pre = openSession(trading, 1);
    const pos = freePosition(pre);
    pre.fails("close_stock_position", { symbol: pos.symbol }, "failed_precondition", /market orders execute only in the regular session/);
    const s = regular();
    const stop = s.ok("list_stock_orders", {}).items.find((o: any) => o.type === "stop");
    const p = s.ok("get_stock_position", { symbol: stop.symbol });
    expect(p.qty_available).toBe(0);
    s.fails(
      "close_stock_position",
      { symbol: stop.symbol },
      "failed_precondition",
      new RegExp(`all ${p.qty} ${stop.symbol} shares are held by open sell orders \\(${stop.id}\\); cancel them`),
    );
  });
});

describe("trading: watchlists", () => {
  it("lists and reads watchlists with quotes", () => {
    const s = openSession(trading, 1);
    const lists = s.ok("list_stock_watchlists", {});
    expect(lists.total).toBe(2);
    const w = s.ok("get_stock_watchlist", { watchlist_id: lists.items[0].id });
    expect(w.quotes.map((q: any) => q.symbol)).toEqual(w.symbols);
    expect(w.quotes[0].last).toBe(priceAt(instrument(s, w.symbols[0]), s.now()));
    s.fails("get_stock_watchlist", { watchlist_id: "WL-9999" }, "not_found", /list_stock_watchlists/);
  });

  it("create, add, remove, rename and delete a watchlist, with their rules", () => {
    const s = openSession(trading, 1);
    const w = s.ok("create_stock_watchlist", { name: "Chips", symbols: ["nvda", "AMD", "NVDA"] });
    expect(w).toMatchObject({ name: "Chips", symbols: ["NVDA", "AMD"] });
    s.fails("create_stock_watchlist", { name: "chips" }, "already_exists", new RegExp(`a watchlist named "Chips" already exists \\(${w.id}\\)`));
    s.fails("create_stock_watchlist", { name: "Bad", symbols: ["NVDAX"] }, "not_found", /closest matches: NVDA/);
    expect(s.ok("add_to_stock_watchlist", { watchlist_id: w.id, symbol: "intc" }).symbols).toEqual(["NVDA", "AMD", "INTC"]);
    s.fails("add_to_stock_watchlist", { watchlist_id: w.id, symbol: "AMD" }, "already_exists", /AMD is already on the watchlist "Chips" \(NVDA, AMD, INTC\)/);
    s.fails("add_to_stock_watchlist", { watchlist_id: w.id, symbol: "AMDD" }, "not_found", /closest matches: AMD/);
    expect(s.ok("remove_from_stock_watchlist", { watchlist_id: w.id, symbol: "NVDA" }).symbols).toEqual(["AMD", "INTC"]);
    s.fails("remove_from_stock_watchlist", { watchlist_id: w.id, symbol: "TSLA" }, "not_found", /TSLA is not on the watchlist "Chips"; it holds AMD, INTC/);
    const primary = s.ok("list_stock_watchlists", {}).items[0];
    s.fails(
      "rename_stock_watchlist",
      { watchlist_id: w.id, name: primary.name.toUpperCase() },
      "already_exists",
      new RegExp(`another watchlist is already named "${primary.name}"`),
    );
    expect(s.ok("rename_stock_watchlist", { watchlist_id: w.id, name: "Semis" }).name).toBe("Semis");
    expect(s.ok("delete_stock_watchlist", { watchlist_id: w.id })).toEqual({ deleted: w.id, name: "Semis" });
    s.fails("get_stock_watchlist", { watchlist_id: w.id }, "not_found", /watchlist/);
  });
});

describe("trading: a multi-step scenario", () => {
  it("find a company, check its quote, buy with a limit, watch it, then close the position", () => {
    const s = regular(3);
    const hit = s.ok("search_instruments", { query: "micro devices" }).items[0];
    expect(hit.symbol).toBe("AMD");
    const q = s.ok("get_stock_quote", { symbol: hit.symbol });
    const acct = account(s);
    const qty = Math.min(10, Math.floor(acct.buying_power / (q.ask + 1)));
    const order = s.ok("place_stock_order", { symbol: hit.symbol, side: "buy", type: "limit", qty, limit_price: roundMoney(q.ask + 1) });
    expect(order).toMatchObject({ status: "filled", filled_avg_price: q.ask });
    const fill = s.ok("list_fills", { symbol: hit.symbol }).items[0];
    expect(fill.order_id).toBe(order.id);
    const pos = s.ok("get_stock_position", { symbol: hit.symbol });
    expect(pos.qty).toBeGreaterThanOrEqual(qty);
    const wl = s.ok("create_stock_watchlist", { name: "Bought today", symbols: [fill.symbol] });
    expect(s.ok("get_stock_watchlist", { watchlist_id: wl.id }).quotes[0].symbol).toBe("AMD");
    s.advance(30 * MIN);
    const exitQuote = s.ok("get_stock_quote", { symbol: "AMD" });
    const closed = s.ok("close_stock_position", { symbol: pos.symbol });
    expect(closed).toMatchObject({ qty: pos.qty_available, filled_avg_price: exitQuote.bid });
    const sellFill = s.ok("list_fills", { symbol: "AMD", side: "sell" }).items[0];
    expect(sellFill.realized_pl).toBe(roundMoney((exitQuote.bid - pos.avg_entry_price) * pos.qty_available));
    expect(account(s).cash).toBe(sellFill.cash_after);
  });
});
