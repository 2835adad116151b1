/**
 * A believable brokerage customer: the world's user holds a cash account at an online broker,
 * with about 50 listed instruments (large US companies, ETFs and the world's own companies as
 * listed stocks), three months of orders whose fills are priced from the same price path the
 * tools quote, positions and cash that are exactly what those fills leave, a few open gtc orders
 * away from the market, and two watchlists.
 */
import { roundMoney, time, type SeedContext } from "../framework/index.ts";
import { CLOSE, OPEN, quoteAt, priceAt } from "./market.ts";
import type { BrokerageAccount, Fill, Instrument, Position, StockOrder, Watchlist } from "./state.ts";

type Listing = readonly [symbol: string, name: string, exchange: Instrument["exchange"], sector: string, price: number, vol: number, kind?: "etf"];

const LISTINGS: readonly Listing[] = [
  ["AAPL", "Apple Inc.", "NASDAQ", "Technology", 192, 0.25],
  ["MSFT", "Microsoft Corporation", "NASDAQ", "Technology", 418, 0.24],
  ["NVDA", "NVIDIA Corporation", "NASDAQ", "Technology", 124, 0.5],
  ["AMZN", "Amazon.com, Inc.", "NASDAQ", "Consumer Discretionary", 183, 0.32],
  ["GOOGL", "Alphabet Inc. Class A", "NASDAQ", "Communication Services", 171, 0.3],
  ["META", "Meta Platforms, Inc.", "NASDAQ", "Communication Services", 502, 0.38],
  ["TSLA", "Tesla, Inc.", "NASDAQ", "Consumer Discretionary", 241, 0.6],
  ["AMD", "Advanced Micro Devices, Inc.", "NASDAQ", "Technology", 158, 0.5],
  ["INTC", "Intel Corporation", "NASDAQ", "Technology", 31, 0.4],
  ["CSCO", "Cisco Systems, Inc.", "NASDAQ", "Technology", 49, 0.22],
  ["ADBE", "Adobe Inc.", "NASDAQ", "Technology", 521, 0.34],
  ["NFLX", "Netflix, Inc.", "NASDAQ", "Communication Services", 648, 0.4],
  ["COST", "Costco Wholesale Corporation", "NASDAQ", "Consumer Staples", 846, 0.2],
  ["PEP", "PepsiCo, Inc.", "NASDAQ", "Consumer Staples", 168, 0.16],
  ["SBUX", "Starbucks Corporation", "NASDAQ", "Consumer Discretionary", 94, 0.3],
  ["ORCL", "Oracle Corporation", "NYSE", "Technology", 141, 0.3],
  ["CRM", "Salesforce, Inc.", "NYSE", "Technology", 268, 0.34],
  ["JPM", "JPMorgan Chase & Co.", "NYSE", "Financials", 201, 0.22],
  ["V", "Visa Inc.", "NYSE", "Financials", 279, 0.18],
  ["MA", "Mastercard Incorporated", "NYSE", "Financials", 458, 0.2],
  ["JNJ", "Johnson & Johnson", "NYSE", "Health Care", 154, 0.16],
  ["UNH", "UnitedHealth Group Incorporated", "NYSE", "Health Care", 518, 0.26],
  ["PFE", "Pfizer Inc.", "NYSE", "Health Care", 28, 0.26],
  ["PG", "The Procter & Gamble Company", "NYSE", "Consumer Staples", 166, 0.15],
  ["KO", "The Coca-Cola Company", "NYSE", "Consumer Staples", 62, 0.14],
  ["WMT", "Walmart Inc.", "NYSE", "Consumer Staples", 68, 0.18],
  ["HD", "The Home Depot, Inc.", "NYSE", "Consumer Discretionary", 368, 0.24],
  ["MCD", "McDonald's Corporation", "NYSE", "Consumer Discretionary", 288, 0.18],
  ["NKE", "NIKE, Inc.", "NYSE", "Consumer Discretionary", 91, 0.32],
  ["DIS", "The Walt Disney Company", "NYSE", "Communication Services", 101, 0.28],
  ["XOM", "Exxon Mobil Corporation", "NYSE", "Energy", 114, 0.24],
  ["CVX", "Chevron Corporation", "NYSE", "Energy", 156, 0.24],
  ["BA", "The Boeing Company", "NYSE", "Industrials", 182, 0.38],
  ["CAT", "Caterpillar Inc.", "NYSE", "Industrials", 338, 0.28],
  ["SPY", "SPDR S&P 500 ETF Trust", "ARCA", "Broad Market ETF", 541, 0.14, "etf"],
  ["QQQ", "Invesco QQQ Trust", "NASDAQ", "Broad Market ETF", 468, 0.18, "etf"],
  ["VTI", "Vanguard Total Stock Market ETF", "ARCA", "Broad Market ETF", 268, 0.14, "etf"],
  ["IWM", "iShares Russell 2000 ETF", "ARCA", "Small Cap ETF", 209, 0.2, "etf"],
  ["GLD", "SPDR Gold Shares", "ARCA", "Commodity ETF", 221, 0.13, "etf"],
];

const SECTOR_OF_INDUSTRY: Record<string, string> = {
  logistics: "Industrials",
  software: "Technology",
  healthcare: "Health Care",
  "food & beverage": "Consumer Staples",
  energy: "Energy",
  manufacturing: "Industrials",
  media: "Communication Services",
  "financial services": "Financials",
  biotech: "Health Care",
  retail: "Consumer Discretionary",
  architecture: "Industrials",
  design: "Communication Services",
  pharmaceuticals: "Health Care",
  consulting: "Industrials",
};

/** A ticker for a world company: initials first, then longer prefixes, never one already listed. */
function tickerFor(name: string, used: Set<string>): string {
  const words = name.toUpperCase().replace(/[^A-Z ]/g, "").split(/\s+/).filter(Boolean);
  const [a = "X", b = "X"] = words;
  const candidates = [a.slice(0, 2) + b[0], a.slice(0, 3) + b[0], a[0] + b.slice(0, 2), a.slice(0, 4), a.slice(0, 3) + b.slice(0, 2)];
  for (const c of candidates) if (/^[A-Z]{2,5}$/.test(c) && !used.has(c)) return c;
  for (let i = 0; ; i++) {
    const c = `${a.slice(0, 3)}${String.fromCharCode(65 + (i % 26))}`;
    if (!used.has(c)) return c;
  }
}

/** An instant `minute` (New York time) into the regular session of a date. */
function atEt(date: string, minute: number): string {
  return time.addMinutes(`${date}T00:00:00Z`, minute + 300);
}

export function seedTrading({ rng, world, id }: SeedContext) {
  const { user, today, now } = world;

  const instruments: Instrument[] = [];
  const used = new Set(LISTINGS.map((l) => l[0]));
  for (const [symbol, name, exchange, sector, p, vol, kind] of LISTINGS) {
    instruments.push({
      symbol, name, exchange, asset_class: "us_equity", kind: kind ?? "stock", sector, tradable: true, status: "active",
      base_price: roundMoney(p * rng.float(0.85, 1.15)), volatility: Math.round(vol * rng.float(0.85, 1.2) * 1000) / 1000,
      drift: Math.round(rng.float(-0.15, 0.3) * 1000) / 1000, price_seed: rng.hex(8),
    });
  }
  const worldListed: Instrument[] = [];
  for (const c of world.companies) {
    const symbol = tickerFor(c.name, used);
    used.add(symbol);
    const inst: Instrument = {
      symbol, name: `${c.name} ${rng.pick(["Inc.", "Corp.", "Holdings Inc.", "Group Inc."])}`, exchange: rng.pick(["NASDAQ", "NYSE"] as const),
      asset_class: "us_equity", kind: "stock", sector: SECTOR_OF_INDUSTRY[c.industry] ?? "Industrials", tradable: true, status: "active",
      base_price: rng.money(18, 260), volatility: Math.round(rng.float(0.3, 0.55) * 1000) / 1000,
      drift: Math.round(rng.float(-0.1, 0.35) * 1000) / 1000, price_seed: rng.hex(8),
    };
    worldListed.push(inst);
    instruments.push(inst);
  }
  // One listed world company is halted pending news (never the user's employer).
  const halted = worldListed.find((i) => !i.name.startsWith(user.company)) as Instrument;
  halted.tradable = false;
  halted.status = "halted";

  const deposit = rng.pick([60_000, 75_000, 90_000, 120_000, 150_000]);
  const account: BrokerageAccount = {
    id: id("brokerage_accounts"),
    account_number: `PA${rng.hex(10).toUpperCase()}`,
    owner: user.full_name,
    status: "ACTIVE",
    currency: "USD",
    cash: deposit,
    pattern_day_trader: false,
    shorting_enabled: false,
    created_at: time.addDays(now, -rng.int(200, 900)),
  };

  // Three months of trading, replayed in time order so cash and positions follow the fills.
  const tradable = instruments.filter((i) => i.tradable);
  const employer = worldListed.find((i) => i.name.startsWith(user.company));
  const universe = [...rng.sample(tradable.filter((i) => i !== employer), 8), ...(employer ? [employer] : [])];
  const instants: string[] = [];
  const trades = rng.int(18, 26);
  while (instants.length < trades) {
    const date = time.addDays(today, -rng.int(2, 90));
    if (time.isWeekend(date)) continue;
    instants.push(atEt(date, OPEN + rng.int(5, CLOSE - OPEN - 10)));
  }
  instants.sort();

  const orders: StockOrder[] = [];
  const fills: Fill[] = [];
  const positions = new Map<string, Position>();
  const inst = (s: string) => instruments.find((i) => i.symbol === s) as Instrument;

  for (const at of instants) {
    const held = [...positions.values()];
    const sell = held.length >= 3 && rng.bool(0.3);
    if (sell) {
      const pos = rng.pick(held);
      const q = quoteAt(pos.symbol, inst(pos.symbol), at);
      const qty = rng.bool(0.4) ? pos.qty : Math.max(1, Math.floor(pos.qty * rng.pick([0.25, 0.5])));
      const amount = roundMoney(qty * q.bid);
      const realized = roundMoney((q.bid - pos.avg_entry_price) * qty);
      account.cash = roundMoney(account.cash + amount);
      const oid = id("stock_orders");
      orders.push({ id: oid, symbol: pos.symbol, side: "sell", type: "market", qty, time_in_force: "day", extended_hours: false, status: "filled", submitted_at: at, expires_at: atEt(at.slice(0, 10), CLOSE), filled_qty: qty, filled_avg_price: q.bid, filled_at: at });
      fills.push({ id: id("fills"), order_id: oid, symbol: pos.symbol, side: "sell", qty, price: q.bid, amount, realized_pl: realized, cash_after: account.cash, filled_at: at });
      if (qty === pos.qty) positions.delete(pos.symbol);
      else positions.set(pos.symbol, { ...pos, qty: pos.qty - qty, cost_basis: roundMoney(pos.avg_entry_price * (pos.qty - qty)) });
      continue;
    }
    const i = rng.pick(universe);
    const q = quoteAt(i.symbol, i, at);
    const budget = Math.min(rng.money(2_500, 9_000), account.cash * 0.35);
    const qty = Math.floor(budget / q.ask);
    if (qty < 1) continue;
    const asLimit = rng.bool(0.35);
    if (asLimit && rng.bool(0.3)) {
      // A limit order placed below the market that never filled and was canceled or expired.
      const limit = roundMoney(q.last * rng.float(0.9, 0.96));
      const gtc = rng.bool(0.5);
      orders.push({
        id: id("stock_orders"), symbol: i.symbol, side: "buy", type: "limit", qty, time_in_force: gtc ? "gtc" : "day", limit_price: limit, extended_hours: false,
        status: gtc ? "canceled" : "expired", submitted_at: at, ...(gtc ? { canceled_at: time.addMinutes(at, rng.int(30, 2000)) } : { expires_at: atEt(at.slice(0, 10), CLOSE), expired_at: atEt(at.slice(0, 10), CLOSE) }), filled_qty: 0,
      });
      continue;
    }
    const amount = roundMoney(qty * q.ask);
    account.cash = roundMoney(account.cash - amount);
    const oid = id("stock_orders");
    orders.push({
      id: oid, symbol: i.symbol, side: "buy", type: asLimit ? "limit" : "market", qty, time_in_force: "day", ...(asLimit ? { limit_price: roundMoney(q.ask * 1.002 + 0.01) } : {}),
      extended_hours: false, status: "filled", submitted_at: at, expires_at: atEt(at.slice(0, 10), CLOSE), filled_qty: qty, filled_avg_price: q.ask, filled_at: at,
    });
    fills.push({ id: id("fills"), order_id: oid, symbol: i.symbol, side: "buy", qty, price: q.ask, amount, cash_after: account.cash, filled_at: at });
    const pos = positions.get(i.symbol);
    if (pos) {
      const total = pos.qty + qty;
      const cost = roundMoney(pos.cost_basis + amount);
      positions.set(i.symbol, { ...pos, qty: total, cost_basis: cost, avg_entry_price: Math.round((cost / total) * 10_000) / 10_000 });
    } else {
      positions.set(i.symbol, { symbol: i.symbol, qty, avg_entry_price: q.ask, cost_basis: amount, opened_at: at });
    }
  }

  // Open gtc orders, away from the current market so they rest: two buy limits below, a take-profit
  // sell limit above one position and a stop-loss below another.
  const placedAt = (daysAgo: number) => atEt(time.addDays(today, -daysAgo), OPEN + rng.int(20, 300));
  const heldNow = [...positions.values()];
  for (const i of rng.sample(tradable.filter((x) => !positions.has(x.symbol)), 2)) {
    const limit = roundMoney(priceAt(i, now) * rng.float(0.86, 0.93));
    const qty = Math.max(1, Math.floor(rng.money(1_500, 4_000) / limit));
    if (qty * limit > account.cash * 0.4) continue;
    orders.push({ id: id("stock_orders"), symbol: i.symbol, side: "buy", type: "limit", qty, time_in_force: "gtc", limit_price: limit, extended_hours: false, status: "accepted", submitted_at: placedAt(rng.int(1, 6)), filled_qty: 0 });
  }
  const [takeProfit, stopLoss] = rng.sample(heldNow, 2);
  if (takeProfit) {
    const limit = roundMoney(priceAt(inst(takeProfit.symbol), now) * rng.float(1.08, 1.15));
    orders.push({ id: id("stock_orders"), symbol: takeProfit.symbol, side: "sell", type: "limit", qty: Math.max(1, Math.floor(takeProfit.qty / 2)), time_in_force: "gtc", limit_price: limit, extended_hours: false, status: "accepted", submitted_at: placedAt(rng.int(1, 6)), filled_qty: 0 });
  }
  if (stopLoss) {
    const stop = roundMoney(priceAt(inst(stopLoss.symbol), now) * rng.float(0.85, 0.9));
    orders.push({ id: id("stock_orders"), symbol: stopLoss.symbol, side: "sell", type: "stop", qty: stopLoss.qty, time_in_force: "gtc", stop_price: stop, extended_hours: false, status: "accepted", submitted_at: placedAt(rng.int(1, 6)), filled_qty: 0 });
  }

  const created = time.addDays(now, -rng.int(60, 400));
  const watchlists: Watchlist[] = [
    { id: id("watchlists"), name: "Primary", symbols: rng.sample(tradable.slice(0, LISTINGS.length), 6).map((i) => i.symbol), created_at: created, updated_at: time.addDays(now, -rng.int(1, 40)) },
    { id: id("watchlists"), name: rng.pick(["Dividend ideas", "Long-term holds", "Earnings watch"]), symbols: [...rng.sample(worldListed, 3), halted].map((i) => i.symbol).filter((s, k, all) => all.indexOf(s) === k), created_at: created, updated_at: time.addDays(now, -rng.int(1, 40)) },
  ];

  return { instruments, brokerage_accounts: [account], positions: [...positions.values()], stock_orders: orders, fills, watchlists };
}
