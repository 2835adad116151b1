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
