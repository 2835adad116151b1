/**
 * The trading domain's rules at their boundaries, with the expected values written out: the
 * market's sessions by the minute (New York time, UTC−5 here), when orders expire, the quote's
 * spread, a limit order that is exactly marketable, and what an hour bar is made of.
 */
import { describe, expect, it } from "vitest";
import trading from "../../ts/servers/trading/index.ts";
import { dayOrderExpiry, nextClose, nextOpen, quoteAt, sessionAt } from "../../ts/servers/trading/market.ts";
import type { Instrument } from "../../ts/servers/trading/state.ts";
import { openSession } from "../helpers/session.ts";

const HOUR = 3_600_000;
const MIN = 60_000;
// 2026-03-10 is a Tuesday, 2026-03-13 a Friday, 2026-03-16 the Monday after.

describe("trading rules: the market's sessions, by the minute", () => {
  it("pre-market from 04:00 ET (09:00 UTC), regular from 09:30 (14:30), after hours from 16:00 (21:00), closed from 20:00 (01:00)", () => {
    expect(sessionAt("2026-03-10T08:59:00Z")).toBe("closed");
    expect(sessionAt("2026-03-10T09:00:00Z")).toBe("pre_market");
    expect(sessionAt("2026-03-10T14:29:00Z")).toBe("pre_market");
    expect(sessionAt("2026-03-10T14:30:00Z")).toBe("regular");
    expect(sessionAt("2026-03-10T20:59:00Z")).toBe("regular");
    expect(sessionAt("2026-03-10T21:00:00Z")).toBe("after_hours");
    expect(sessionAt("2026-03-11T00:59:00Z")).toBe("after_hours");
    expect(sessionAt("2026-03-11T01:00:00Z")).toBe("closed");
  });

  it("Monday to Friday only: Saturday and Sunday are closed all day", () => {
    expect(sessionAt("2026-03-13T15:00:00Z")).toBe("regular");
    expect(sessionAt("2026-03-14T15:00:00Z")).toBe("closed");
    expect(sessionAt("2026-03-15T15:00:00Z")).toBe("closed");
    expect(sessionAt("2026-03-16T15:00:00Z")).toBe("regular");
  });

  it("the next open is today's until 09:30 ET, else the next weekday's; the next close likewise with 16:00", () => {
    expect(nextOpen("2026-03-10T14:29:00Z")).toBe("2026-03-10T14:30:00Z");
    expect(nextOpen("2026-03-10T14:30:00Z")).toBe("2026-03-11T14:30:00Z");
    expect(nextOpen("2026-03-10T03:00:00Z")).toBe("2026-03-10T14:30:00Z"); // 22:00 ET on Monday
    expect(nextOpen("2026-03-13T14:30:00Z")).toBe("2026-03-16T14:30:00Z");
    expect(nextOpen("2026-03-14T12:00:00Z")).toBe("2026-03-16T14:30:00Z");
    expect(nextClose("2026-03-10T20:59:00Z")).toBe("2026-03-10T21:00:00Z");
    expect(nextClose("2026-03-10T21:00:00Z")).toBe("2026-03-11T21:00:00Z");
    expect(nextClose("2026-03-13T21:00:00Z")).toBe("2026-03-16T21:00:00Z");
    expect(nextClose("2026-03-15T09:00:00Z")).toBe("2026-03-16T21:00:00Z");
  });

  it("a day order expires at the session's close: 16:00 ET, or 20:00 ET with extended hours; after it, the next weekday's", () => {
    expect(dayOrderExpiry("2026-03-10T15:00:00Z", false)).toBe("2026-03-10T21:00:00Z");
    expect(dayOrderExpiry("2026-03-10T15:00:00Z", true)).toBe("2026-03-11T01:00:00Z");
    expect(dayOrderExpiry("2026-03-11T00:59:00Z", true)).toBe("2026-03-11T01:00:00Z");
    expect(dayOrderExpiry("2026-03-11T01:00:00Z", true)).toBe("2026-03-12T01:00:00Z");
    expect(dayOrderExpiry("2026-03-10T21:00:00Z", false)).toBe("2026-03-11T21:00:00Z");
    expect(dayOrderExpiry("2026-03-13T21:00:00Z", false)).toBe("2026-03-16T21:00:00Z");
  });
});

describe("trading rules: quotes", () => {
  const s = openSession(trading, 1);
  const aapl = s.row<Instrument>("instruments", "AAPL");
  /** One basis point of the price each side (at least a cent) in the regular session, five outside it. */
  const half = (last: number, bp: number) => Math.max(0.01, Math.round(last * bp) / 100);

  it("bid and ask sit one basis point of the price either side of it while the market is open, five outside, never under a cent", () => {
    for (const [at, bp] of [
      ["2026-03-10T15:00:00Z", 0.01],
      ["2026-03-10T12:00:00Z", 0.05],
      ["2026-03-10T22:00:00Z", 0.05],
    ] as const) {
      const q = quoteAt("AAPL", aapl, at);
      expect(q.ask - q.last, at).toBeCloseTo(half(q.last, bp), 6);
      expect(q.last - q.bid, at).toBeCloseTo(half(q.last, bp), 6);
    }
    const penny = quoteAt("P", { ...aapl, base_price: 3 }, "2026-03-10T15:00:00Z");
    expect(penny.ask - penny.bid).toBeCloseTo(0.02, 6);
  });

  it("the change is over the previous close, in dollars and in percent to two decimals", () => {
    const q = quoteAt("AAPL", aapl, "2026-03-10T15:00:00Z");
    expect(q.change).toBeCloseTo(q.last - q.previous_close, 6);
    expect(q.change_percent).toBeCloseTo((100 * (q.last - q.previous_close)) / q.previous_close, 2);
    expect(Math.round(q.change_percent * 100)).toBeCloseTo(q.change_percent * 100, 6);
    // The previous close of a Monday is Friday's regular close: the price of its last minute, 15:59 ET.
    expect(quoteAt("AAPL", aapl, "2026-03-16T15:00:00Z").previous_close).toBe(quoteAt("AAPL", aapl, "2026-03-13T20:59:00Z").last);
  });
});

describe("trading rules: orders and bars", () => {
  it("a limit buy at exactly the ask fills at once; one cent under it rests", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR); // 15:00 UTC, the regular session
    const q = s.ok("get_stock_quote", { symbol: "AAPL" });
    const under = s.ok("place_stock_order", { symbol: "AAPL", side: "buy", type: "limit", qty: 1, limit_price: Math.round((q.ask - 0.01) * 100) / 100 });
    expect(under.status).toBe("new");
    const at = s.ok("get_stock_quote", { symbol: "AAPL" });
    const exact = s.ok("place_stock_order", { symbol: "AAPL", side: "buy", type: "limit", qty: 1, limit_price: at.ask });
    expect(exact.status).toBe("filled");
    expect(exact.filled_avg_price).toBe(at.ask);
  });

  it("a limit sell at exactly the bid fills at once; one cent over it rests", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR);
    const held = s
      .ok("list_stock_positions", { limit: 100 })
      .items.find((p: { held_for_orders: number; qty: number }) => p.held_for_orders === 0 && p.qty >= 2);
    const q = s.ok("get_stock_quote", { symbol: held.symbol });
    const over = s.ok("place_stock_order", { symbol: held.symbol, side: "sell", type: "limit", qty: 1, limit_price: Math.round((q.bid + 0.01) * 100) / 100 });
    expect(over.status).toBe("new");
    const at = s.ok("get_stock_quote", { symbol: held.symbol });
    const exact = s.ok("place_stock_order", { symbol: held.symbol, side: "sell", type: "limit", qty: 1, limit_price: at.bid });
    expect(exact.status).toBe("filled");
  });

  it("an hour bar opens at its first minute, closes at its last, and spans the highest and lowest minute in it", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR + 45 * MIN); // 15:45 UTC: the first regular hour (14:30-15:29) is complete
    const day = s.now().slice(0, 10);
    const hour = s.ok("get_stock_bars", { symbol: "MSFT", timeframe: "1Hour", start: day, limit: 200 }).bars[0];
    const minutes = s
      .ok("get_stock_bars", { symbol: "MSFT", timeframe: "1Min", start: day, limit: 200 })
      .bars.filter((b: { t: string }) => b.t < `${day}T15:30:00Z`);
    expect(hour.t).toBe(`${day}T14:30:00Z`);
    expect(minutes).toHaveLength(60);
    const closes = minutes.map((b: { c: number }) => b.c);
    expect(hour.o).toBe(closes[0]);
    expect(hour.c).toBe(closes[59]);
    expect(hour.h).toBe(Math.max(...closes));
    expect(hour.l).toBe(Math.min(...closes));
  });

  it("bars span at most three years (3 × 366 days) between start and end", () => {
    const s = openSession(trading, 1);
    expect(s.ok("get_stock_bars", { symbol: "AAPL", start: "2023-03-10", end: "2026-03-12", limit: 1 }).count).toBe(1);
    s.fails("get_stock_bars", { symbol: "AAPL", start: "2023-03-10", end: "2026-03-13", limit: 1 }, "invalid_argument", /at most 3 years apart/);
  });

  it("an unknown symbol names the three closest: a name holding the query first, then by edit distance, ties alphabetical", () => {
    const s = openSession(trading, 1);
    s.fails("get_stock_quote", { symbol: "APPL" }, "not_found", /^unknown symbol "APPL"; closest matches: AAPL \(Apple Inc\.\), ADBE \(Adobe Inc\.\), ALA \(/);
    // "micro" is in two names: both come first (AMD before MSFT), then the nearest symbol.
    s.fails(
      "get_stock_quote",
      { symbol: " micro " },
      "not_found",
      /^unknown symbol "micro"; closest matches: AMD \(Advanced Micro Devices, Inc\.\), MSFT \(Microsoft Corporation\), MCD /,
    );
    // Every two-letter symbol is two edits from "ZZ" and none starts with Z: the first three alphabetically.
    s.fails(
      "get_stock_quote",
      { symbol: "ZZ" },
      "not_found",
      /closest matches: BA \(The Boeing Company\), HD \(The Home Depot, Inc\.\), KO \(The Coca-Cola Company\)\. Call search_instruments/,
    );
  });

  it("orders placed at the same instant are listed by id: ascending oldest-first, descending newest-first", () => {
    const s = openSession(trading, 1);
    s.edit(trading, (db) => {
      for (const o of db.stock_orders.all()) db.stock_orders.update(o.id, { submitted_at: "2026-08-20T15:00:00Z" });
    });
    const ids = (direction: string) => s.ok("list_stock_orders", { status: "all", direction, limit: 100 }).items.map((o: { id: string }) => o.id);
    const asc = ids("asc");
    expect(asc.length).toBeGreaterThan(4);
    expect(asc).toEqual([...asc].sort());
    expect(ids("desc")).toEqual([...asc].reverse());
  });

  it("refresh handles open orders oldest first, by id when placed at once; a day order expires at its expiry instant itself", () => {
    const s = openSession(trading, 1);
    const now = s.now();
    s.edit(trading, (db) => {
      for (const o of db.stock_orders.all())
        if (o.status === "accepted" || o.status === "new")
          db.stock_orders.update(o.id, { submitted_at: "2026-08-20T15:00:00Z", time_in_force: "day", expires_at: now });
    });
    const r = s.ok("refresh_stock_orders");
    expect(r.expired.map((o: { id: string }) => o.id)).toEqual(["ORD-10020", "ORD-10021", "ORD-10022", "ORD-10023"]);
    expect(r.filled).toEqual([]);
    expect(r.still_open).toBe(0);
  });
});

// The seed-1 book (now 2026-09-03T09:00:00Z): open orders ORD-10020 MEC buy limit (08-27 18:47), ORD-10021 META buy limit
// (08-31 19:30), ORD-10022 SIO sell limit (08-28 17:38), ORD-10023 COS sell stop (08-31 16:50); positions ALA, COS, GLD,
// PIA, SIO, WEM; watchlists WL-1001 "Primary" and WL-1002 "Dividend ideas".
const ids = (items: { id: string }[]) => items.map((o) => o.id);

describe("trading rules: the account's equity", () => {
  it("equity is cash plus every position at its last price, last equity the same at the previous close, and the change their difference", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR);
    let now = 0;
    let prev = 0;
    for (const p of s.rows<{ symbol: string; qty: number }>("positions")) {
      const q = s.ok("get_stock_quote", { symbol: p.symbol });
      now += p.qty * q.last;
      prev += p.qty * q.previous_close;
    }
    const acc = s.ok("get_trading_account");
    expect(acc.long_market_value).toBeCloseTo(now, 2);
    expect(acc.equity).toBeCloseTo(acc.cash + now, 2);
    expect(acc.last_equity).toBeCloseTo(acc.cash + prev, 2);
    expect(acc.equity_change_today).toBeCloseTo(now - prev, 2);
    expect(acc.positions).toBe(6);
    expect(acc.open_orders).toBe(4);
  });

  it("a position in a symbol no longer listed is valued at its average entry price, now and at the previous close", () => {
    const s = openSession(trading, 1);
    const before = s.ok("get_trading_account");
    s.edit(trading, (db) => db.positions.insert({ symbol: "GONE", qty: 10, cost_basis: 1000, avg_entry_price: 100, opened_at: "2026-08-01T15:00:00Z" }));
    const after = s.ok("get_trading_account");
    expect(after.long_market_value).toBeCloseTo(before.long_market_value + 1000, 2);
    expect(after.last_equity).toBeCloseTo(before.last_equity + 1000, 2);
    expect(after.equity_change_today).toBeCloseTo(before.equity_change_today, 2);
  });
});

describe("trading rules: listing orders and fills", () => {
  it("orders are sorted by submission time, not by id: ascending oldest first, descending newest first", () => {
    const s = openSession(trading, 1);
    expect(ids(s.ok("list_stock_orders", { direction: "asc" }).items)).toEqual(["ORD-10020", "ORD-10022", "ORD-10023", "ORD-10021"]);
    expect(ids(s.ok("list_stock_orders", {}).items)).toEqual(["ORD-10021", "ORD-10023", "ORD-10022", "ORD-10020"]);
  });

  it("status open lists new and accepted orders only, closed the other nineteen, all the twenty-three", () => {
    const s = openSession(trading, 1);
    expect(s.ok("list_stock_orders", { status: "open", limit: 100 }).items).toHaveLength(4);
    const closed = s.ok("list_stock_orders", { status: "closed", limit: 100 }).items;
    expect(closed).toHaveLength(19);
    expect(closed.every((o: { status: string }) => o.status === "filled" || o.status === "canceled")).toBe(true);
    expect(s.ok("list_stock_orders", { status: "all", limit: 100 }).items).toHaveLength(23);
  });

  it("the symbol filter ignores case and spaces", () => {
    const s = openSession(trading, 1);
    expect(ids(s.ok("list_stock_orders", { status: "all", symbol: " ala ", direction: "asc" }).items)).toEqual([
      "ORD-10002",
      "ORD-10006",
      "ORD-10007",
      "ORD-10015",
      "ORD-10016",
    ]);
  });

  it("after and until are inclusive: a date means the whole day, an instant the order submitted at it", () => {
    const s = openSession(trading, 1);
    const list = (after: string, until: string) => ids(s.ok("list_stock_orders", { status: "all", after, until, direction: "asc" }).items);
    expect(list("2026-08-31", "2026-08-31")).toEqual(["ORD-10023", "ORD-10019", "ORD-10021"]);
    expect(list("2026-08-31T18:09:00Z", "2026-08-31T19:30:00Z")).toEqual(["ORD-10019", "ORD-10021"]);
    expect(list("2026-08-31T18:09:01Z", "2026-08-31T19:29:59Z")).toEqual([]);
  });

  it("fills are newest first; from_date and to_date are inclusive, a date meaning the whole day; the symbol ignores case", () => {
    const s = openSession(trading, 1);
    const fills = (a: Record<string, unknown>) => ids(s.ok("list_fills", a).items);
    expect(fills({ from_date: "2026-07-20", to_date: "2026-07-20" })).toEqual(["FILL-10009", "FILL-10008"]);
    expect(fills({ from_date: "2026-07-20T15:21:00Z", to_date: "2026-07-22T17:23:00Z" })).toEqual(["FILL-10010", "FILL-10009", "FILL-10008"]);
    expect(fills({ from_date: "2026-07-20T15:21:01Z", to_date: "2026-07-22T17:22:59Z" })).toEqual(["FILL-10009"]);
    expect(fills({ symbol: "pia" })).toEqual(["FILL-10013", "FILL-10011", "FILL-10010"]);
  });

  it("positions are listed by symbol", () => {
    const s = openSession(trading, 1);
    expect(s.ok("list_stock_positions", {}).items.map((p: { symbol: string }) => p.symbol)).toEqual(["ALA", "COS", "GLD", "PIA", "SIO", "WEM"]);
  });

  it("instruments are listed by symbol, and the exchange filter keeps only that exchange's", () => {
    const s = openSession(trading, 1);
    const all = s.ok("search_instruments", { limit: 100 }).items.map((i: { symbol: string }) => i.symbol);
    expect(all).toEqual([...all].sort());
    const arca = s.ok("search_instruments", { exchange: "ARCA", limit: 100 }).items;
    expect(arca.length).toBeGreaterThan(0);
    expect(arca.length).toBeLessThan(all.length);
    expect(arca.every((i: { exchange: string }) => i.exchange === "ARCA")).toBe(true);
  });
});

describe("trading rules: refresh, replace and cancel", () => {
  it("refresh expires open orders oldest first by submission time", () => {
    const s = openSession(trading, 1);
    const now = s.now();
    s.edit(trading, (db) => {
      for (const o of db.stock_orders.all()) if (o.status === "accepted") db.stock_orders.update(o.id, { time_in_force: "day", expires_at: now });
    });
    expect(ids(s.ok("refresh_stock_orders").expired)).toEqual(["ORD-10020", "ORD-10022", "ORD-10023", "ORD-10021"]);
  });

  it("a buy that becomes marketable without the cash for it is canceled by refresh, and reported as canceled", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR);
    s.edit(trading, (db) => {
      const acc = db.brokerage_accounts.all()[0];
      db.brokerage_accounts.update(acc.id, { cash: 0 });
      db.stock_orders.update("ORD-10021", { limit_price: 100_000 });
    });
    const r = s.ok("refresh_stock_orders");
    expect(ids(r.canceled)).toEqual(["ORD-10021"]);
    expect(r.canceled[0].status).toBe("canceled");
    expect(r.canceled[0].status_reason).toMatch(/^insufficient cash when it executed: needed [0-9,]+\.\d\d, cash was 0\.00$/);
    expect(r.filled).toEqual([]);
  });

  it("a replacement must change something; a limit order has no stop price to change, a stop order no limit price", () => {
    const s = openSession(trading, 1);
    s.fails(
      "replace_stock_order",
      { order_id: "ORD-10020" },
      "invalid_argument",
      /^nothing to change: give at least one of qty, limit_price, stop_price, time_in_force/,
    );
    s.fails(
      "replace_stock_order",
      { order_id: "ORD-10020", stop_price: 10 },
      "invalid_argument",
      /^order ORD-10020 is a limit order and has no stop price to change/,
    );
    s.fails(
      "replace_stock_order",
      { order_id: "ORD-10023", limit_price: 10 },
      "invalid_argument",
      /^order ORD-10023 is a stop order and has no limit price to change/,
    );
    expect(s.ok("replace_stock_order", { order_id: "ORD-10020", time_in_force: "day" }).replaces).toBe("ORD-10020");
  });

  it("a triggered stop keeps its trigger time when replaced without a new stop price, and loses it with one", () => {
    const s = openSession(trading, 1);
    s.edit(trading, (db) => db.stock_orders.update("ORD-10023", { stop_triggered_at: "2026-09-01T15:00:00Z" }));
    const kept = s.ok("replace_stock_order", { order_id: "ORD-10023", qty: 1 });
    expect(kept.stop_triggered_at).toBe("2026-09-01T15:00:00Z");
    const moved = s.ok("replace_stock_order", { order_id: kept.id, stop_price: 1 });
    expect(moved.stop_triggered_at).toBeUndefined();
  });

  it("a replaced order cannot be canceled or replaced: the message names the order that replaced it", () => {
    const s = openSession(trading, 1);
    const next = s.ok("replace_stock_order", { order_id: "ORD-10020", qty: 2 });
    s.fails(
      "cancel_stock_order",
      { order_id: "ORD-10020" },
      "failed_precondition",
      new RegExp(`^order ORD-10020 was replaced by ${next.id}; cancel that order instead`),
    );
    s.fails("replace_stock_order", { order_id: "ORD-10020", qty: 3 }, "failed_precondition", new RegExp(`replaced by ${next.id}; replace that order instead`));
    s.fails(
      "cancel_stock_order",
      { order_id: "ORD-10001" },
      "failed_precondition",
      /^order ORD-10001 is already canceled; only open orders .* can be canceled/,
    );
  });

  it("closing a position whose shares all sit in open sell orders names those orders and only those", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR);
    s.edit(trading, (db) => db.stock_orders.update("ORD-10022", { qty: 218 }));
    s.fails(
      "close_stock_position",
      { symbol: "SIO" },
      "failed_precondition",
      /^all 218 SIO shares are held by open sell orders \(ORD-10022\); cancel them with cancel_stock_order first$/,
    );
  });
});

describe("trading rules: watchlists", () => {
  it("watchlist names are unique regardless of case, on creation and on renaming; a watchlist may be renamed to its own name", () => {
    const s = openSession(trading, 1);
    s.fails("create_stock_watchlist", { name: "primary" }, "already_exists", /^a watchlist named "Primary" already exists \(WL-1001\); choose another name/);
    s.fails(
      "rename_stock_watchlist",
      { watchlist_id: "WL-1002", name: "PRIMARY" },
      "already_exists",
      /^another watchlist is already named "Primary" \(WL-1001\)/,
    );
    expect(s.ok("rename_stock_watchlist", { watchlist_id: "WL-1001", name: "PRIMARY" }).name).toBe("PRIMARY");
  });

  it("a watchlist holds at most 200 symbols: the 200th is added, the 201st refused", () => {
    const s = openSession(trading, 1);
    s.edit(trading, (db) => db.watchlists.update("WL-1001", { symbols: Array.from({ length: 199 }, (_, i) => `X${i}`) }));
    expect(s.ok("add_to_stock_watchlist", { watchlist_id: "WL-1001", symbol: "AAPL" }).symbols).toHaveLength(200);
    s.fails(
      "add_to_stock_watchlist",
      { watchlist_id: "WL-1001", symbol: "MSFT" },
      "limit_exceeded",
      /^the watchlist "Primary" is full \(200 symbols\); remove one first$/,
    );
  });

  it("a symbol is removed whatever its case; removing from an empty watchlist says it holds no symbols", () => {
    const s = openSession(trading, 1);
    expect(s.ok("remove_from_stock_watchlist", { watchlist_id: "WL-1001", symbol: " gld " }).symbols).toEqual(["UNH", "BA", "AMD", "COST", "WMT"]);
    s.edit(trading, (db) => db.watchlists.update("WL-1002", { symbols: [] }));
    s.fails(
      "remove_from_stock_watchlist",
      { watchlist_id: "WL-1002", symbol: "GLD" },
      "not_found",
      /^GLD is not on the watchlist "Dividend ideas"; it holds no symbols$/,
    );
  });

  it("a watchlist symbol no longer listed shows only its symbol, without a price", () => {
    const s = openSession(trading, 1);
    s.edit(trading, (db) => db.watchlists.update("WL-1002", { symbols: ["GONE"] }));
    expect(s.ok("get_stock_watchlist", { watchlist_id: "WL-1002" }).quotes).toEqual([{ symbol: "GONE" }]);
  });
});

describe("trading rules: executing orders", () => {
  it("a market order outside the regular session is refused, in words naming the session", () => {
    const s = openSession(trading, 1); // Thursday 09:00 UTC: pre-market
    const buy = { symbol: "AAPL", side: "buy", type: "market", qty: 1 };
    s.fails(
      "place_stock_order",
      buy,
      "failed_precondition",
      /^the market is in its pre-market session \(now 2026-09-03T09:00:00Z\); market orders execute only/,
    );
    s.advance(12 * HOUR); // 21:00 UTC
    s.fails("place_stock_order", buy, "failed_precondition", /^the market is in its after-hours session/);
    s.advance(5 * HOUR); // 02:00 UTC
    s.fails("place_stock_order", buy, "failed_precondition", /^the market is closed \(now/);
  });

  it("an extended-hours day limit order is live (new) in the pre-market, a regular one waits (accepted), and both wait while closed", () => {
    const s = openSession(trading, 1);
    const order = { symbol: "AAPL", side: "buy", type: "limit", qty: 1, limit_price: 1 };
    expect(s.ok("place_stock_order", { ...order, extended_hours: true }).status).toBe("new");
    expect(s.ok("place_stock_order", order).status).toBe("accepted");
    s.advance(17 * HOUR); // 02:00 UTC Friday: closed
    expect(s.ok("place_stock_order", { ...order, extended_hours: true }).status).toBe("accepted");
  });

  it("refresh puts a live order back to accepted when the session closes, and an accepted one to new at the open", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR); // regular session
    const o = s.ok("place_stock_order", { symbol: "AAPL", side: "buy", type: "limit", qty: 1, limit_price: 1, time_in_force: "gtc" });
    expect(o.status).toBe("new");
    s.advance(12 * HOUR); // 03:00 UTC: closed
    s.ok("refresh_stock_orders");
    expect(s.row("stock_orders", o.id).status).toBe("accepted");
    s.advance(12 * HOUR); // 15:00 UTC: regular again
    s.ok("refresh_stock_orders");
    expect(s.row("stock_orders", o.id).status).toBe("new");
  });

  it("an order in an instrument that is not tradable is not filled even when marketable", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR);
    s.edit(trading, (db) => {
      db.instruments.update("META", { tradable: false });
      db.stock_orders.update("ORD-10021", { limit_price: 100_000 });
    });
    s.ok("refresh_stock_orders");
    expect(s.row("stock_orders", "ORD-10021").status).toBe("new");
  });

  it("a stop triggers when the price reaches it exactly: a sell stop at the last price fills, one cent under it waits", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR);
    const last = s.ok("get_stock_quote", { symbol: "COS" }).last;
    s.edit(trading, (db) => db.stock_orders.update("ORD-10023", { stop_price: Math.round((last - 0.01) * 100) / 100 }));
    s.ok("refresh_stock_orders");
    expect(s.row("stock_orders", "ORD-10023").status).toBe("new");
    const now = s.ok("get_stock_quote", { symbol: "COS" }).last;
    s.edit(trading, (db) => db.stock_orders.update("ORD-10023", { stop_price: now }));
    s.ok("refresh_stock_orders");
    expect(s.row("stock_orders", "ORD-10023").status).toBe("filled");
  });

  it("a buy stop triggers when the price reaches it exactly, and a triggered stop-limit still waits for its limit", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR);
    const q = s.ok("get_stock_quote", { symbol: "META" });
    s.edit(trading, (db) => db.stock_orders.update("ORD-10021", { type: "stop_limit", stop_price: q.last, limit_price: Math.round((q.bid - 1) * 100) / 100 }));
    const triggeredAt = s.now();
    s.ok("refresh_stock_orders");
    const o = s.row("stock_orders", "ORD-10021");
    expect(o.status).toBe("new");
    expect(o.stop_triggered_at).toBe(triggeredAt);
  });

  it("a stop at exactly the current price is refused: a buy stop must be above it, a sell stop below it", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR);
    const last = s.ok("get_stock_quote", { symbol: "SIO" }).last;
    s.fails(
      "place_stock_order",
      { symbol: "SIO", side: "buy", type: "stop", qty: 1, stop_price: last },
      "invalid_argument",
      /^a buy stop must be above the current price of SIO/,
    );
    s.fails(
      "place_stock_order",
      { symbol: "SIO", side: "sell", type: "stop", qty: 1, stop_price: last },
      "invalid_argument",
      /^a sell stop must be below the current price of SIO/,
    );
  });

  it("a buy fills when it costs exactly the cash there is, leaving none", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR);
    const q = s.ok("get_stock_quote", { symbol: "META" });
    s.edit(trading, (db) => {
      for (const id of ["ORD-10020", "ORD-10022", "ORD-10023"]) db.stock_orders.update(id, { status: "canceled" });
      const o = db.stock_orders.get("ORD-10021");
      db.stock_orders.update("ORD-10021", { limit_price: 100_000 });
      const acc = db.brokerage_accounts.all()[0];
      db.brokerage_accounts.update(acc.id, { cash: Math.round(o.qty * q.ask * 100) / 100 });
    });
    expect(ids(s.ok("refresh_stock_orders").filled)).toEqual(["ORD-10021"]);
    expect(s.ok("get_trading_account").cash).toBe(0);
  });

  it("a sell without the shares when it executes is canceled, saying how many were held", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR);
    s.edit(trading, (db) => {
      db.stock_orders.update("ORD-10022", { limit_price: 0.01 });
      db.positions.update("SIO", { qty: 108 });
    });
    const r = s.ok("refresh_stock_orders");
    expect(ids(r.canceled)).toEqual(["ORD-10022"]);
    expect(r.canceled[0].status_reason).toBe("not enough shares when it executed: held 108, needed 109");
  });

  it("selling part of a position keeps its average entry price and cost basis is that price times the shares left", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR);
    s.ok("close_stock_position", { symbol: "GLD", qty: 5 });
    const p = s.ok("get_stock_position", { symbol: "gld" });
    expect(p.qty).toBe(40);
    expect(p.cost_basis).toBeCloseTo(p.avg_entry_price * 40, 2);
  });

  it("a filled order cannot be canceled: the message says when and at what, and how to undo a buy or a sell", () => {
    const s = openSession(trading, 1);
    s.fails(
      "cancel_stock_order",
      { order_id: "ORD-10002" },
      "failed_precondition",
      /^order ORD-10002 was already filled \(57 ALA at \$?53\.78 on 2026-06-30T18:53:00Z\); only open orders \(status new or accepted\) can be canceled\. To undo it, sell the shares with place_stock_order or close_stock_position$/,
    );
    s.fails(
      "replace_stock_order",
      { order_id: "ORD-10006", qty: 1 },
      "failed_precondition",
      /can be replaced\. To undo it, buy the shares back with place_stock_order$/,
    );
  });
});

describe("trading rules: symbols and positions by name", () => {
  it("a position is found whatever the case; one not held lists the positions held", () => {
    const s = openSession(trading, 1);
    expect(s.ok("get_stock_position", { symbol: " sio " }).qty).toBe(218);
    s.fails("get_stock_position", { symbol: " aapl " }, "not_found", /^you hold no AAPL shares; open positions: SIO, GLD, ALA, WEM, PIA, COS$/);
  });

  it("an unknown symbol is echoed trimmed and cut to 24 characters", () => {
    const s = openSession(trading, 1);
    s.fails("get_stock_quote", { symbol: "ABCDEFGHIJKLMNOPQRSTUVWXYZ" }, "not_found", /^unknown symbol "ABCDEFGHIJKLMNOPQRSTUVWX"; closest matches: COST /);
  });
});

describe("trading rules: bars", () => {
  it("hour bars include the one starting exactly at start and the one starting exactly at end (AAPL, 2026-08-31)", () => {
    const s = openSession(trading, 1);
    const r = s.ok("get_stock_bars", { symbol: "AAPL", timeframe: "1Hour", start: "2026-08-31T14:30:00Z", end: "2026-08-31T15:30:00Z" });
    expect(r.bars).toEqual([
      { t: "2026-08-31T14:30:00Z", o: 194.52, h: 194.56, l: 193.61, c: 194.54, v: 4766658 },
      { t: "2026-08-31T15:30:00Z", o: 194.66, h: 194.66, l: 193.12, c: 194.21, v: 6994953 },
    ]);
  });

  it("day bars are one per weekday, oldest first, the limit keeping the most recent", () => {
    const s = openSession(trading, 1);
    const week = s.ok("get_stock_bars", { symbol: "AAPL", timeframe: "1Day", start: "2026-08-24", end: "2026-08-30" }).bars;
    expect(week.map((b: { t: string }) => b.t.slice(0, 10))).toEqual(["2026-08-24", "2026-08-25", "2026-08-26", "2026-08-27", "2026-08-28"]);
    expect(week[0]).toEqual({ t: "2026-08-24T14:30:00Z", o: 189.52, h: 194.98, l: 189.39, c: 193.83, v: 32822349 });
    expect(week[4]).toEqual({ t: "2026-08-28T14:30:00Z", o: 190.63, h: 191.88, l: 188.31, c: 188.46, v: 10803480 });
    const two = s.ok("get_stock_bars", { symbol: "AAPL", timeframe: "1Day", start: "2026-08-24", end: "2026-08-30", limit: 2 }).bars;
    expect(two.map((b: { t: string }) => b.t.slice(0, 10))).toEqual(["2026-08-27", "2026-08-28"]);
  });

  it("outside trading the price is the last traded minute's: 19:59 ET, also exactly at 20:00 ET and over the weekend", () => {
    const s = openSession(trading, 1);
    const aapl = s.row<Instrument>("instruments", "AAPL");
    const at = (t: string) => quoteAt("AAPL", aapl, t).last;
    expect(at("2026-03-11T01:00:00Z")).toBe(at("2026-03-11T00:59:00Z"));
    expect(at("2026-03-11T08:00:00Z")).toBe(at("2026-03-11T00:59:00Z"));
    expect(at("2026-03-14T12:00:00Z")).toBe(at("2026-03-14T00:59:00Z"));
    expect(at("2026-03-16T08:59:00Z")).toBe(at("2026-03-14T00:59:00Z"));
    expect(at("2026-03-11T00:58:00Z")).not.toBe(at("2026-03-11T00:59:00Z"));
  });
});

describe("trading rules: positions and reserved cash", () => {
  it("a position's value and profit: SIO, 218 shares bought for 8,907.48 and worth 47.12 each, is up 1,364.68, i.e. 15.32 %", () => {
    const s = openSession(trading, 1);
    const p = s.ok("get_stock_position", { symbol: "SIO" });
    expect(p).toMatchObject({ qty: 218, cost_basis: 8907.48, current_price: 47.12, market_value: 10272.16, unrealized_pl: 1364.68, unrealized_plpc: 15.32 });
    expect(p.change_today).toBe(52.32); // 218 × 0.24
    expect(p).toMatchObject({ held_for_orders: 109, qty_available: 109 });
  });

  it("a position in a symbol no longer listed is priced at its average entry price, with no change today", () => {
    const s = openSession(trading, 1);
    s.edit(trading, (db) => db.positions.insert({ symbol: "GONE", qty: 10, cost_basis: 800, avg_entry_price: 80, opened_at: "2026-08-01T15:00:00Z" }));
    const gone = s.ok("list_stock_positions", { limit: 100 }).items.find((p: { symbol: string }) => p.symbol === "GONE");
    expect(gone).toMatchObject({ current_price: 80, market_value: 800, unrealized_pl: 0, unrealized_plpc: 0, change_today: 0 });
  });

  it("only open buy orders reserve cash: quantity times the limit price, or the stop price for a buy stop", () => {
    const s = openSession(trading, 1);
    const qty = (id: string) => s.row<{ qty: number }>("stock_orders", id).qty;
    const limits = qty("ORD-10020") * 16.16 + qty("ORD-10021") * 425.68;
    expect(s.ok("get_trading_account").reserved_for_open_orders).toBeCloseTo(limits, 2);
    s.edit(trading, (db) => db.stock_orders.update("ORD-10023", { side: "buy", stop_price: 400 }));
    expect(s.ok("get_trading_account").reserved_for_open_orders).toBeCloseTo(limits + qty("ORD-10023") * 400, 2);
  });
});

describe("trading rules: what the model is told about the tools", () => {
  type Props = Record<string, { description?: string }>;
  const props = (name: string) => ((trading.tool(name)?.inputSchema ?? {}) as { properties: Props }).properties;

  it("every tool is described, and every argument in words of its own", () => {
    for (const t of trading.tools) {
      expect(t.description.length, t.name).toBeGreaterThan(20);
      for (const [arg, schema] of Object.entries((t.inputSchema as { properties?: Props }).properties ?? {})) {
        if (arg === "limit" || arg === "offset" || arg === "cursor") continue;
        expect(schema.description ?? "", `${t.name}.${arg}`).toMatch(/^[A-Za-z0-9'"]/);
      }
    }
  });

  it("a symbol argument says it is a ticker and that case does not matter; quantities are whole shares", () => {
    expect(props("get_stock_quote").symbol?.description).toMatch(/^The instrument: a ticker symbol such as 'AAPL' \(case does not matter\)/);
    expect(props("place_stock_order").symbol?.description).toMatch(/^What to trade: a ticker symbol such as 'AAPL' \(case does not matter\)/);
    expect(props("place_stock_order").qty?.description).toBe("Number of shares (whole shares)");
  });

  it("the destructive tools, and which tools discover, produce or use which kinds", () => {
    expect(trading.tools.filter((t) => t.destructive).map((t) => t.name)).toEqual([
      "replace_stock_order",
      "cancel_stock_order",
      "cancel_all_stock_orders",
      "close_stock_position",
      "remove_from_stock_watchlist",
      "delete_stock_watchlist",
    ]);
    expect(trading.tools.filter((t) => t.produces).map((t) => [t.name, t.produces])).toEqual([
      ["place_stock_order", "stock_order"],
      ["replace_stock_order", "stock_order"],
      ["close_stock_position", "stock_order"],
      ["create_stock_watchlist", "watchlist"],
    ]);
    expect(trading.tool("refresh_stock_orders")?.uses).toEqual(["stock_order"]);
    expect(trading.tool("get_trading_account")?.discovers).toEqual(["brokerage_account"]);
  });

  it("argument limits speak plainly: whole shares, at least one, a price at most 1,000,000.00, search text at most 60 characters", () => {
    const s = openSession(trading, 1);
    const limit = { symbol: "AAPL", side: "buy", type: "limit", limit_price: 1 };
    s.fails("place_stock_order", { ...limit, qty: 0 }, "invalid_arguments", /qty: qty is at least 1 share$/);
    s.fails("place_stock_order", { ...limit, qty: 1.5 }, "invalid_arguments", /qty: quantities are whole shares$/);
    s.fails("place_stock_order", { ...limit, qty: 1, limit_price: 1_000_001 }, "invalid_arguments", /limit_price: a price is at most 1,000,000\.00$/);
    s.fails("search_instruments", { query: "x".repeat(61) }, "invalid_arguments", /query: .*<=60 characters/);
    s.fails("search_instruments", { sector: "y".repeat(61) }, "invalid_arguments", /sector: .*<=60 characters/);
    s.fails("rename_stock_watchlist", { watchlist_id: "WL-1001", name: "   " }, "invalid_arguments", /name: the name must not be empty$/);
    s.fails("create_stock_watchlist", { name: "n", symbols: [""] }, "invalid_arguments", /symbols\.0: .*>=1 characters/);
  });

  it("a new watchlist's name is trimmed, and its symbols are resolved in any case, each once", () => {
    const s = openSession(trading, 1);
    const w = s.ok("create_stock_watchlist", { name: "  Chips  ", symbols: [" amd ", "AMD", "nvda"] });
    expect(w.name).toBe("Chips");
    expect(w.symbols).toEqual(["AMD", "NVDA"]);
  });
});

describe("trading rules: bars at the edges of the day", () => {
  type Bar = { t: string; o: number; h: number; l: number; c: number; v: number };
  const bars = (s: ReturnType<typeof openSession>, a: Record<string, unknown>): Bar[] => s.ok("get_stock_bars", { symbol: "MSFT", limit: 200, ...a }).bars;

  it("an end date takes in the whole day: seven hour bars, 14:30 to 20:30 UTC, the last one half an hour long", () => {
    const s = openSession(trading, 1);
    const day = bars(s, { timeframe: "1Hour", start: "2026-08-31", end: "2026-08-31" });
    expect(day.map((b) => b.t.slice(11, 16))).toEqual(["14:30", "15:30", "16:30", "17:30", "18:30", "19:30", "20:30"]);
    const minutes = bars(s, { timeframe: "1Min", start: "2026-08-31T20:30:00Z", end: "2026-08-31T21:30:00Z" });
    expect(minutes.map((b) => b.t.slice(11, 16))[29]).toBe("20:59");
    expect(minutes).toHaveLength(30);
    expect(day[6]?.c).toBe(minutes[29]?.c);
    const daily = bars(s, { timeframe: "1Day", start: "2026-08-31", end: "2026-08-31" });
    expect(daily).toHaveLength(1);
    expect(daily[0]?.c).toBe(minutes[29]?.c);
    expect(daily[0]?.o).toBe(day[0]?.o);
  });

  it("a bar still in progress ends now: it closes at the current price, and no bar starts after now", () => {
    const s = openSession(trading, 1);
    s.advance(6 * HOUR); // 15:00 UTC
    const last = s.ok("get_stock_quote", { symbol: "MSFT" }).last;
    const today = bars(s, { timeframe: "1Hour", start: "2026-09-03", end: "2026-09-04" });
    expect(today.map((b) => b.t)).toEqual(["2026-09-03T14:30:00Z"]);
    expect(today[0]?.c).toBe(last);
    const minutes = bars(s, { timeframe: "1Min", start: "2026-09-03", end: "2026-09-04" });
    expect(minutes).toHaveLength(31); // 14:30 to 15:00 inclusive
    expect(minutes[30]?.t).toBe("2026-09-03T15:00:00Z");
  });
});

describe("trading rules: closest matches for an unknown symbol", () => {
  it("a query of three letters or more found in company names puts those first; two letters go by edit distance only", () => {
    const s = openSession(trading, 1);
    // "ORP" is in "Costco Wholesale Corporation", "Crescent Energy Corp." and "Chevron Corporation": alphabetical among them.
    s.fails(
      "get_stock_quote",
      { symbol: "orp" },
      "not_found",
      /closest matches: COST \(Costco Wholesale Corporation\), CRE \(Crescent Energy Corp\.\), CVX \(Chevron Corporation\)\./,
    );
    s.fails(
      "get_stock_quote",
      { symbol: "OR" },
      "not_found",
      /closest matches: OAR \(Oakridge Robotics Inc\.\), ORCL \(Oracle Corporation\), BA \(The Boeing Company\)\./,
    );
  });
});
