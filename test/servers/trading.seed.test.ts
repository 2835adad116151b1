/** The brokerage seed, checked against the rules of a US cash brokerage account. */
import { expect } from "vitest";
import { roundMoney, time } from "../../ts/servers/framework/index.ts";
import { priceAt } from "../../ts/servers/trading/market.ts";
import trading from "../../ts/servers/trading/index.ts";
import type { BrokerageAccount, Fill, Instrument, Position, StockOrder, Watchlist } from "../../ts/servers/trading/state.ts";
import { seedRules, type Seeded } from "../helpers/seed-rules.ts";

/** The regular session in UTC, written out: 09:30-16:00 New York (UTC-5 all year in this market) is 14:30-21:00 UTC, Monday to Friday. */
const inRegularSession = (iso: string) => !time.isWeekend(iso) && iso.slice(11, 16) >= "14:30" && iso.slice(11, 16) < "21:00";
const account = (s: Seeded) => s.rows<BrokerageAccount>("brokerage_accounts")[0]!;
const fillsInOrder = (s: Seeded) =>
  s
    .rows<Fill>("fills")
    .slice()
    .sort((a, b) => (a.filled_at < b.filled_at ? -1 : a.filled_at > b.filled_at ? 1 : a.id < b.id ? -1 : 1));

/** Replays the fills the way a broker books them: average cost on buys, cost basis scaled down on sells. */
function replay(s: Seeded) {
  const positions = new Map<string, { qty: number; cost: number; avg: number; opened: string }>();
  const problems: string[] = [];
  let cash = account(s).cash - s.rows<Fill>("fills").reduce((n, f) => n + (f.side === "sell" ? f.amount : -f.amount), 0);
  const deposit = roundMoney(cash);
  for (const f of fillsInOrder(s)) {
    const p = positions.get(f.symbol);
    if (f.side === "buy") {
      cash = roundMoney(cash - f.amount);
      if (p) {
        p.qty += f.qty;
        p.cost = roundMoney(p.cost + f.amount);
        p.avg = Math.round((p.cost / p.qty) * 10_000) / 10_000;
      } else positions.set(f.symbol, { qty: f.qty, cost: f.amount, avg: f.price, opened: f.filled_at });
    } else {
      if (!p || p.qty < f.qty) problems.push(`${f.id} sells ${f.qty} ${f.symbol} but ${p?.qty ?? 0} are held`);
      else {
        if (f.realized_pl !== roundMoney((f.price - p.avg) * f.qty)) problems.push(`${f.id} realized ${f.realized_pl}`);
        cash = roundMoney(cash + f.amount);
        p.qty -= f.qty;
        p.cost = roundMoney(p.avg * p.qty);
        if (p.qty === 0) positions.delete(f.symbol);
      }
    }
    if (cash < 0) problems.push(`${f.id} leaves cash at ${cash}`);
    if (f.cash_after !== cash) problems.push(`${f.id} cash_after ${f.cash_after}, replayed ${cash}`);
  }
  return { deposit, positions, problems };
}

seedRules(trading, {
  "tickers are unique, 1-5 capital letters; exactly one instrument is halted (and not tradable), never the user's employer": (s) => {
    const instruments = s.rows<Instrument>("instruments");
    expect(new Set(instruments.map((i) => i.symbol)).size).toBe(instruments.length);
    for (const i of instruments) {
      expect(i.symbol).toMatch(/^[A-Z]{1,5}$/);
      expect(i.tradable, i.symbol).toBe(i.status === "active");
    }
    const halted = instruments.filter((i) => i.status === "halted");
    expect(halted.length).toBe(1);
    expect(halted[0]!.name.startsWith(s.world.user.company)).toBe(false);
  },
  "the account was opened with a round deposit before its first order; replaying the fills from it gives every fill's cash_after and never goes negative": (
    s,
  ) => {
    const { deposit, problems } = replay(s);
    expect(problems).toEqual([]);
    expect(deposit % 1000).toBe(0);
    expect(deposit).toBeGreaterThan(0);
    const first = s
      .rows<StockOrder>("stock_orders")
      .map((o) => o.submitted_at)
      .sort()[0]!;
    expect(account(s).created_at < first).toBe(true);
  },
  "the positions are exactly what the fills leave: quantity, average entry price, cost basis and the day the position was opened": (s) => {
    const { positions } = replay(s);
    const held = s.rows<Position>("positions");
    expect(held.map((p) => p.symbol).sort()).toEqual([...positions.keys()].sort());
    for (const p of held) {
      const r = positions.get(p.symbol)!;
      expect([p.qty, p.avg_entry_price, p.cost_basis, p.opened_at], p.symbol).toEqual([r.qty, r.avg, r.cost, r.opened]);
    }
  },
  "every fill is of a filled order (same symbol, side, quantity and price), during the regular session of a weekday in the past": (s) => {
    const orders = new Map(s.rows<StockOrder>("stock_orders").map((o) => [o.id, o]));
    for (const f of s.rows<Fill>("fills")) {
      const o = orders.get(f.order_id)!;
      expect([o.status, o.symbol, o.side, o.filled_qty, o.filled_avg_price, o.filled_at], f.id).toEqual([
        "filled",
        f.symbol,
        f.side,
        f.qty,
        f.price,
        f.filled_at,
      ]);
      expect(f.amount, f.id).toBe(roundMoney(f.qty * f.price));
      expect(inRegularSession(f.filled_at) && f.filled_at < s.world.now, `${f.id} ${f.filled_at}`).toBe(true);
    }
    for (const o of orders.values()) if (o.status === "filled") expect(s.rows<Fill>("fills").filter((f) => f.order_id === o.id).length, o.id).toBe(1);
  },
  "a filled limit buy paid no more than its limit; nothing was bought or sold in the halted instrument": (s) => {
    const halted = s.rows<Instrument>("instruments").find((i) => i.status === "halted")!;
    for (const o of s.rows<StockOrder>("stock_orders")) {
      if (o.status === "filled" && o.type === "limit" && o.side === "buy") expect(o.filled_avg_price!, o.id).toBeLessThanOrEqual(o.limit_price!);
      expect(o.symbol, o.id).not.toBe(halted.symbol);
    }
  },
  "every order was submitted in a regular session before now; a day order expires at that day's close (21:00 UTC); an unfilled limit buy sat below the market and was canceled after it was placed, or expired":
    (s) => {
      for (const o of s.rows<StockOrder>("stock_orders")) {
        expect(inRegularSession(o.submitted_at) && o.submitted_at < s.world.now, `${o.id} ${o.submitted_at}`).toBe(true);
        if (o.time_in_force === "day") expect(o.expires_at, o.id).toBe(`${o.submitted_at.slice(0, 10)}T21:00:00Z`);
        if (o.status === "canceled") expect(o.canceled_at! > o.submitted_at && o.canceled_at! < s.world.now && o.filled_qty === 0, o.id).toBe(true);
        if (o.status === "expired") expect([o.expired_at, o.filled_qty], o.id).toEqual([o.expires_at, 0]);
      }
    },
  "open orders are gtc and rest away from the market: buy limits below the price, a take-profit above, a stop below; sells cover shares held; buys fit the cash (none when cash is low)":
    (s) => {
      const instruments = new Map(s.rows<Instrument>("instruments").map((i) => [i.symbol, i]));
      const open = s.rows<StockOrder>("stock_orders").filter((o) => o.status === "accepted" || o.status === "new");
      expect(
        open
          .filter((o) => o.side === "sell")
          .map((o) => o.type)
          .sort(),
      ).toEqual(["limit", "stop"]);
      let reserved = 0;
      for (const o of open) {
        const price = priceAt(instruments.get(o.symbol)!, s.world.now);
        expect(o.time_in_force, o.id).toBe("gtc");
        if (o.side === "buy") {
          expect(o.limit_price!, o.id).toBeLessThan(price);
          reserved += o.qty * o.limit_price!;
        } else if (o.type === "limit") expect(o.limit_price!, o.id).toBeGreaterThan(price);
        else expect(o.stop_price!, o.id).toBeLessThan(price);
      }
      for (const p of s.rows<Position>("positions")) {
        expect(
          open.filter((o) => o.side === "sell" && o.symbol === p.symbol).reduce((n, o) => n + o.qty, 0),
          p.symbol,
        ).toBeLessThanOrEqual(p.qty);
      }
      for (const o of open.filter((x) => x.side === "sell"))
        expect(
          s.rows<Position>("positions").some((p) => p.symbol === o.symbol),
          o.id,
        ).toBe(true);
      expect(reserved).toBeLessThanOrEqual(account(s).cash);
    },
  "watchlists list known, distinct symbols and were made after the account was opened, last changed before now": (s) => {
    const symbols = new Set(s.rows<Instrument>("instruments").map((i) => i.symbol));
    for (const w of s.rows<Watchlist>("watchlists")) {
      expect(new Set(w.symbols).size, w.name).toBe(w.symbols.length);
      for (const x of w.symbols) expect(symbols.has(x), `${w.name} ${x}`).toBe(true);
      expect(account(s).created_at < w.created_at && w.created_at <= w.updated_at && w.updated_at < s.world.now, w.name).toBe(true);
    }
  },
});
