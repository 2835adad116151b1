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
  const words = name
    .toUpperCase()
    .replace(/[^A-Z ]/g, "")
    .split(/\s+/)
    .filter(Boolean);
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

export function seedTrading(ctx: SeedContext) {
  const b = new Brokerage(ctx);
  b.listings();
  b.worldListings();
  b.openAccount();
  b.history();
  b.openOrders();
  return {
    instruments: b.instruments,
    brokerage_accounts: [b.account],
    positions: [...b.positions.values()],
    stock_orders: b.orders,
    fills: b.fills,
    watchlists: b.watchlists(),
  };
}

/**
 * The brokerage account, built in order: the instruments (real listings and the world's
 * companies, one halted), the account with its deposit, three months of trades replayed so cash
 * and positions are exactly what the fills leave, the open gtc orders resting away from the
 * market, and two watchlists.
 */
class Brokerage {
  readonly instruments: Instrument[] = [];
  readonly orders: StockOrder[] = [];
  readonly fills: Fill[] = [];
  readonly positions = new Map<string, Position>();
  account!: BrokerageAccount;
  private worldListed: Instrument[] = [];
  private halted!: Instrument;

  constructor(private readonly ctx: SeedContext) {}

  private get rng() {
    return this.ctx.rng;
  }
  private inst(symbol: string): Instrument {
    return this.instruments.find((i) => i.symbol === symbol) as Instrument;
  }
  private get tradable(): Instrument[] {
    return this.instruments.filter((i) => i.tradable);
  }

  /** The real listings, each with its own price level, volatility and drift around the table's. */
  listings(): void {
    const { rng } = this;
    for (const [symbol, name, exchange, sector, p, vol, kind] of LISTINGS) {
      this.instruments.push({
        symbol,
        name,
        exchange,
        asset_class: "us_equity",
        kind: kind ?? "stock",
        sector,
        tradable: true,
        status: "active",
        base_price: roundMoney(p * rng.float(0.85, 1.15)),
        volatility: Math.round(vol * rng.float(0.85, 1.2) * 1000) / 1000,
        drift: Math.round(rng.float(-0.15, 0.3) * 1000) / 1000,
        price_seed: rng.hex(8),
      });
    }
  }

  /** The world's companies as listed stocks with tickers of their own; one (never the user's employer) is halted pending news. */
  worldListings(): void {
    const { rng } = this;
    const used = new Set(this.instruments.map((i) => i.symbol));
    for (const c of this.ctx.world.companies) {
      const symbol = tickerFor(c.name, used);
      used.add(symbol);
      const inst: Instrument = {
        symbol,
        name: `${c.name} ${rng.pick(["Inc.", "Corp.", "Holdings Inc.", "Group Inc."])}`,
        exchange: rng.pick(["NASDAQ", "NYSE"] as const),
        asset_class: "us_equity",
        kind: "stock",
        sector: SECTOR_OF_INDUSTRY[c.industry] ?? "Industrials",
        tradable: true,
        status: "active",
        base_price: rng.money(18, 260),
        volatility: Math.round(rng.float(0.3, 0.55) * 1000) / 1000,
        drift: Math.round(rng.float(-0.1, 0.35) * 1000) / 1000,
        price_seed: rng.hex(8),
      };
      this.worldListed.push(inst);
      this.instruments.push(inst);
    }
    this.halted = this.worldListed.find((i) => !i.name.startsWith(this.ctx.world.user.company)) as Instrument;
    this.halted.tradable = false;
    this.halted.status = "halted";
  }

  /** A cash account opened 200-900 days ago with a round deposit. */
  openAccount(): void {
    const { rng } = this;
    const { world } = this.ctx;
    this.account = {
      id: this.ctx.id("brokerage_accounts"),
      account_number: `PA${rng.hex(10).toUpperCase()}`,
      owner: world.user.full_name,
      status: "ACTIVE",
      currency: "USD",
      cash: rng.pick([60_000, 75_000, 90_000, 120_000, 150_000]),
      pattern_day_trader: false,
      shorting_enabled: false,
      created_at: time.addDays(world.now, -rng.int(200, 900)),
    };
  }

  /** 18-26 trades on weekdays of the last three months, in the regular session, replayed in time order: buys of a few names (the employer's among them), sometimes a sale. */
  history(): void {
    const { rng } = this;
    const { world } = this.ctx;
    const employer = this.worldListed.find((i) => i.name.startsWith(world.user.company));
    const universe = [
      ...rng.sample(
        this.tradable.filter((i) => i !== employer),
        8,
      ),
      ...(employer ? [employer] : []),
    ];
    const instants: string[] = [];
    const trades = rng.int(18, 26);
    while (instants.length < trades) {
      const date = time.addDays(world.today, -rng.int(2, 90));
      if (!time.isWeekend(date)) instants.push(atEt(date, OPEN + rng.int(5, CLOSE - OPEN - 10)));
    }
    for (const at of instants.sort()) {
      const held = [...this.positions.values()];
      if (held.length >= 3 && rng.bool(0.3)) this.sell(rng.pick(held), at);
      else this.buy(rng.pick(universe), at);
    }
  }

  /** A market sale at the bid: all of the position or a quarter or half of it. */
  private sell(pos: Position, at: string): void {
    const { rng, account } = this;
    const q = quoteAt(pos.symbol, this.inst(pos.symbol), at);
    const qty = rng.bool(0.4) ? pos.qty : Math.max(1, Math.floor(pos.qty * rng.pick([0.25, 0.5])));
    const amount = roundMoney(qty * q.bid);
    account.cash = roundMoney(account.cash + amount);
    const oid = this.ctx.id("stock_orders");
    this.orders.push({
      id: oid,
      symbol: pos.symbol,
      side: "sell",
      type: "market",
      qty,
      time_in_force: "day",
      extended_hours: false,
      status: "filled",
      submitted_at: at,
      expires_at: atEt(at.slice(0, 10), CLOSE),
      filled_qty: qty,
      filled_avg_price: q.bid,
      filled_at: at,
    });
    this.fills.push({
      id: this.ctx.id("fills"),
      order_id: oid,
      symbol: pos.symbol,
      side: "sell",
      qty,
      price: q.bid,
      amount,
      realized_pl: roundMoney((q.bid - pos.avg_entry_price) * qty),
      cash_after: account.cash,
      filled_at: at,
    });
    if (qty === pos.qty) this.positions.delete(pos.symbol);
    else this.positions.set(pos.symbol, { ...pos, qty: pos.qty - qty, cost_basis: roundMoney(pos.avg_entry_price * (pos.qty - qty)) });
  }

  /** A buy of $2,500-9,000 (at most 35% of cash): a market or marketable limit order filled at the ask, or a limit below the market that never filled. */
  private buy(i: Instrument, at: string): void {
    const { rng, account } = this;
    const q = quoteAt(i.symbol, i, at);
    const qty = Math.floor(Math.min(rng.money(2_500, 9_000), account.cash * 0.35) / q.ask);
    if (qty < 1) return;
    const asLimit = rng.bool(0.35);
    if (asLimit && rng.bool(0.3)) return this.unfilledLimit(i, qty, q.last, at);
    const amount = roundMoney(qty * q.ask);
    account.cash = roundMoney(account.cash - amount);
    const oid = this.ctx.id("stock_orders");
    this.orders.push({
      id: oid,
      symbol: i.symbol,
      side: "buy",
      type: asLimit ? "limit" : "market",
      qty,
      time_in_force: "day",
      ...(asLimit ? { limit_price: roundMoney(q.ask * 1.002 + 0.01) } : {}),
      extended_hours: false,
      status: "filled",
      submitted_at: at,
      expires_at: atEt(at.slice(0, 10), CLOSE),
      filled_qty: qty,
      filled_avg_price: q.ask,
      filled_at: at,
    });
    this.fills.push({
      id: this.ctx.id("fills"),
      order_id: oid,
      symbol: i.symbol,
      side: "buy",
      qty,
      price: q.ask,
      amount,
      cash_after: account.cash,
      filled_at: at,
    });
    const pos = this.positions.get(i.symbol);
    if (!pos) return void this.positions.set(i.symbol, { symbol: i.symbol, qty, avg_entry_price: q.ask, cost_basis: amount, opened_at: at });
    const total = pos.qty + qty;
    const cost = roundMoney(pos.cost_basis + amount);
    this.positions.set(i.symbol, { ...pos, qty: total, cost_basis: cost, avg_entry_price: Math.round((cost / total) * 10_000) / 10_000 });
  }

  /** A limit buy 4-10% under the market that never filled: a gtc one the user canceled, or a day order that expired at the close. */
  private unfilledLimit(i: Instrument, qty: number, last: number, at: string): void {
    const gtc = this.rng.bool(0.5);
    const close = atEt(at.slice(0, 10), CLOSE);
    this.orders.push({
      id: this.ctx.id("stock_orders"),
      symbol: i.symbol,
      side: "buy",
      type: "limit",
      qty,
      time_in_force: gtc ? "gtc" : "day",
      limit_price: roundMoney(last * this.rng.float(0.9, 0.96)),
      extended_hours: false,
      status: gtc ? "canceled" : "expired",
      submitted_at: at,
      ...(gtc ? { canceled_at: time.addMinutes(at, this.rng.int(30, 2000)) } : { expires_at: close, expired_at: close }),
      filled_qty: 0,
    });
  }

  /** Open gtc orders placed in the last week's sessions, away from the market so they rest: two buy limits below it, a take-profit limit above one position and a stop-loss below another. */
  openOrders(): void {
    const { rng, account } = this;
    const { world } = this.ctx;
    const placedAt = () => atEt(time.addBusinessDays(world.today, -rng.int(1, 5)), OPEN + rng.int(20, 300));
    const rest = (o: Omit<StockOrder, "id" | "time_in_force" | "extended_hours" | "status" | "submitted_at" | "filled_qty">) =>
      this.orders.push({
        id: this.ctx.id("stock_orders"),
        ...o,
        time_in_force: "gtc",
        extended_hours: false,
        status: "accepted",
        submitted_at: placedAt(),
        filled_qty: 0,
      });
    const heldNow = [...this.positions.values()];
    for (const i of rng.sample(
      this.tradable.filter((x) => !this.positions.has(x.symbol)),
      2,
    )) {
      const limit = roundMoney(priceAt(i, world.now) * rng.float(0.86, 0.93));
      const qty = Math.max(1, Math.floor(rng.money(1_500, 4_000) / limit));
      if (qty * limit <= account.cash * 0.4) rest({ symbol: i.symbol, side: "buy", type: "limit", qty, limit_price: limit });
    }
    const [takeProfit, stopLoss] = rng.sample(heldNow, 2);
    if (takeProfit) {
      const limit = roundMoney(priceAt(this.inst(takeProfit.symbol), world.now) * rng.float(1.08, 1.15));
      rest({ symbol: takeProfit.symbol, side: "sell", type: "limit", qty: Math.max(1, Math.floor(takeProfit.qty / 2)), limit_price: limit });
    }
    if (stopLoss)
      rest({
        symbol: stopLoss.symbol,
        side: "sell",
        type: "stop",
        qty: stopLoss.qty,
        stop_price: roundMoney(priceAt(this.inst(stopLoss.symbol), world.now) * rng.float(0.85, 0.9)),
      });
  }

  /** A primary list of six big names and a themed list of world companies (the halted one among them), made after the account was opened. */
  watchlists(): Watchlist[] {
    const { rng, account } = this;
    const now = this.ctx.world.now;
    const age = Math.min(rng.int(60, 400), time.daysBetween(account.created_at, now) - 1);
    const created = time.addDays(now, -age);
    const updated = () => time.addDays(now, -rng.int(1, Math.min(40, age - 1)));
    const themed = [...rng.sample(this.worldListed, 3), this.halted].map((i) => i.symbol).filter((s, k, all) => all.indexOf(s) === k);
    return [
      {
        id: this.ctx.id("watchlists"),
        name: "Primary",
        symbols: rng.sample(this.tradable.slice(0, LISTINGS.length), 6).map((i) => i.symbol),
        created_at: created,
        updated_at: updated(),
      },
      {
        id: this.ctx.id("watchlists"),
        name: rng.pick(["Dividend ideas", "Long-term holds", "Earnings watch"]),
        symbols: themed,
        created_at: created,
        updated_at: updated(),
      },
    ];
  }
}
