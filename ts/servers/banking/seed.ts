/**
 * A believable bank customer: the world's user holds checking, savings and credit accounts with
 * three months of history, cards, payees drawn from the world's people and companies, and
 * monthly statements that add up. One builder per table; the history follows a household's
 * calendar: payroll on the 1st and 15th, rent on the 1st, subscriptions and bills once a month on
 * their own day, savings on the 20th, the card paid on the 25th, a few purchases most days.
 */
import { roundMoney, time, type Rng, type SeedContext } from "../framework/index.ts";
import { ROUTING_NUMBERS } from "./state.ts";
import type { Account, Card, Payee, Statement, Transaction, Transfer } from "./state.ts";

/** Everyday purchases: merchant, category, smallest and largest amount. */
const MERCHANTS: ReadonlyArray<readonly [string, Transaction["category"], number, number]> = [
  ["Whole Foods Market", "groceries", 24, 180],
  ["Trader Joe's", "groceries", 18, 95],
  ["Blue Bottle Coffee", "dining", 4, 16],
  ["Chipotle", "dining", 9, 28],
  ["Shell", "fuel", 30, 75],
  ["Uber", "transport", 8, 46],
  ["Amazon", "shopping", 12, 240],
  ["Target", "shopping", 15, 160],
  ["CVS Pharmacy", "health", 6, 60],
  ["AMC Theatres", "entertainment", 14, 42],
  ["Delta Air Lines", "travel", 180, 640],
];

/** Monthly charges: merchant, category, amount (a range for metered bills). Each bills once a month on its own day. */
const MONTHLY: ReadonlyArray<readonly [string, Transaction["category"], number, number]> = [
  ["Netflix", "subscriptions", 15.49, 15.49],
  ["Spotify", "subscriptions", 11.99, 11.99],
  ["Comcast Xfinity", "utilities", 79.99, 79.99],
  ["PG&E", "utilities", 60, 140],
];

export const HISTORY_DAYS = 92;
const RENT = 2150;

interface Accounts {
  checking: Account;
  joint?: Account;
  savings: Account;
  goal: Account;
  credit: Account;
}

interface Event {
  account: Account;
  at: string;
  amount: number;
  description: string;
  merchant?: string;
  category: Transaction["category"];
  transfer_id?: string;
}

export function seedBanking(ctx: SeedContext) {
  const accounts = openAccounts(ctx);
  const list = [accounts.checking, ...(accounts.joint ? [accounts.joint] : []), accounts.savings, accounts.goal, accounts.credit];
  const payees = seedPayees(ctx);
  const { events, transfers } = history(ctx, accounts, payees);
  const transactions = post(ctx, events, list);
  transfers.push(...scheduledPayments(ctx, accounts.checking, payees));
  return { accounts: list, payees, transfers, transactions, cards: issueCards(ctx, list), statements: monthlyStatements(ctx, list, transactions) };
}

/** The accounts with their balances at the start of the history (posting moves them to today's). */
function openAccounts({ rng, world, id }: SeedContext): Accounts {
  const open = (type: Account["type"], name: string, extra: Partial<Account>): Account => ({
    id: id("accounts"),
    type,
    name,
    number: rng.digits(10),
    currency: "USD",
    balance: 0,
    overdraft_limit: 0,
    credit_limit: 0,
    interest_rate: 0,
    status: "open",
    opened_on: time.addDays(world.today, -rng.int(400, 3000)),
    ...extra,
  });
  const checking = open("checking", "Everyday Checking", { balance: rng.money(1800, 6500), overdraft_limit: rng.pick([0, 250, 500]) });
  const joint = rng.bool(0.5) ? open("checking", "Joint Checking", { balance: rng.money(600, 2400) }) : undefined;
  const savings = open("savings", "High-Yield Savings", { balance: rng.money(8000, 42000), interest_rate: rng.pick([3.9, 4.1, 4.35]) });
  const goal = open("savings", rng.pick(["Vacation Fund", "Emergency Fund", "New Car Fund"]), { balance: rng.money(900, 6000), interest_rate: 3.9 });
  const credit = open("credit", "Rewards Visa Signature", {
    balance: -rng.money(200, 1800),
    credit_limit: rng.pick([5000, 8000, 12000]),
    interest_rate: 22.99,
  });
  return { checking, ...(joint ? { joint } : {}), savings, goal, credit };
}

/** Six people the user pays, the landlord and the water utility, at real banks with their real routing numbers. */
function seedPayees({ rng, world, id }: SeedContext): Payee[] {
  const banks = Object.keys(ROUTING_NUMBERS);
  const at = (bank: string) => ({ bank_name: bank, routing_number: ROUTING_NUMBERS[bank] as string });
  const people: Payee[] = rng.sample(world.people, 6).map((p) => ({
    id: id("payees"),
    name: p.full_name,
    kind: "person",
    ...at(rng.pick(banks)),
    account_number: rng.digits(rng.int(9, 12)),
    email: p.email,
    created_at: time.addDays(world.now, -rng.int(30, 700)),
  }));
  const landlord = rng.pick(world.companies);
  return [
    ...people,
    {
      id: id("payees"),
      name: `${landlord.name} Property Management`,
      kind: "business",
      ...at("US Bank"),
      account_number: rng.digits(11),
      created_at: time.addDays(world.now, -800),
    },
    {
      id: id("payees"),
      name: "City Water Utility",
      kind: "business",
      ...at("Wells Fargo"),
      account_number: rng.digits(10),
      created_at: time.addDays(world.now, -500),
    },
  ];
}

/** Running balances while the history is drawn, so no payment overdraws and the card is never overpaid. */
class Ledger {
  readonly events: Event[] = [];
  private readonly balances = new Map<string, number>();
  constructor(accounts: readonly Account[]) {
    for (const a of accounts) this.balances.set(a.id, a.balance);
  }
  balance(a: Account): number {
    return this.balances.get(a.id) ?? 0;
  }
  /** Money that may still leave `a`: its balance plus overdraft, or its unused credit. */
  room(a: Account): number {
    return a.type === "credit" ? a.credit_limit + this.balance(a) : this.balance(a) + a.overdraft_limit;
  }
  add(e: Event): void {
    this.balances.set(e.account.id, roundMoney(this.balance(e.account) + e.amount));
    this.events.push(e);
  }
}

/** Every dated event of the last three months, in order, and the transfers behind them. */
function history(ctx: SeedContext, accounts: Accounts, payees: readonly Payee[]) {
  const { rng, world } = ctx;
  const start = time.addDays(world.today, -HISTORY_DAYS);
  const ledger = new Ledger(Object.values(accounts));
  const transfers: Transfer[] = [];
  const household = householdCalendar(ctx, accounts, payees.find((p) => p.name.endsWith("Property Management")) as Payee, ledger, transfers);
  const billDays = new Map(MONTHLY.map(([merchant]) => [merchant, rng.int(2, 28)]));
  for (let day = 0; day <= HISTORY_DAYS; day++) {
    const date = time.addDays(start, day);
    household(date);
    for (const [merchant, category, lo, hi] of MONTHLY) {
      if (Number(date.slice(8, 10)) === billDays.get(merchant))
        ledger.add({ account: accounts.credit, at: `${date}T04:00:00Z`, amount: -rng.money(lo, hi), description: merchant, merchant, category });
    }
    for (let k = rng.int(0, 2); k > 0; k--) purchase(rng, accounts, ledger, date);
  }
  const events = ledger.events.filter((e) => e.at <= world.now).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const posted = new Set(events.map((e) => e.transfer_id));
  return { events, transfers: transfers.filter((t) => posted.has(t.id)) };
}

/** The fixed dates of the month: payroll, rent, savings, the card payment, the joint account's share, interest. */
function householdCalendar(ctx: SeedContext, a: Accounts, landlord: Payee, ledger: Ledger, transfers: Transfer[]) {
  const { rng, world, id } = ctx;
  const employer = world.companies.find((c) => c.name === world.user.company) ?? world.companies[0];
  const salary = rng.money(2600, 4800);
  const move = (date: string, hour: string, from: Account, to: Account | Payee, amount: number, memo: string, category: Transaction["category"]) => {
    const at = `${date}T${hour}:00Z`;
    const t: Transfer = {
      id: id("transfers"),
      from_account_id: from.id,
      ...("type" in to ? { to_account_id: to.id } : { payee_id: to.id }),
      amount,
      currency: "USD",
      memo,
      status: "completed",
      execute_on: date,
      created_at: at,
    };
    transfers.push(t);
    ledger.add({ account: from, at, amount: -amount, description: `${"type" in to ? "Transfer to" : "Payment to"} ${to.name}`, category, transfer_id: t.id });
    if ("type" in to)
      ledger.add({
        account: to,
        at,
        amount,
        description: to.type === "credit" ? "Payment received — thank you" : `Transfer from ${from.name}`,
        category,
        transfer_id: t.id,
      });
  };
  return (date: string) => {
    const dom = Number(date.slice(8, 10));
    if (dom === 1 || dom === 15)
      ledger.add({
        account: a.checking,
        at: `${date}T06:00:00Z`,
        amount: salary,
        description: `Payroll deposit — ${employer?.name ?? "Employer"}`,
        category: "income",
      });
    if (dom === 1) move(date, "08:00", a.checking, landlord, RENT, `Rent ${date.slice(0, 7)}`, "rent");
    if (dom === 20) move(date, "07:00", a.checking, a.savings, rng.pick([200, 250, 400, 500]), "Monthly savings", "transfer");
    const owed = roundMoney(-ledger.balance(a.credit));
    if (dom === 25 && owed > 0) move(date, "09:00", a.checking, a.credit, Math.min(rng.money(900, 1600), owed), "Card payment", "transfer");
    if (a.joint && dom === 5)
      ledger.add({
        account: a.joint,
        at: `${date}T10:00:00Z`,
        amount: rng.money(500, 900),
        description: "Zelle deposit — household share",
        category: "income",
      });
    if (dom === 28)
      ledger.add({
        account: a.savings,
        at: `${date}T05:00:00Z`,
        amount: roundMoney((ledger.balance(a.savings) * a.savings.interest_rate) / 1200),
        description: "Interest payment",
        category: "income",
      });
  };
}

/** One purchase: mostly on the credit card, else from a checking account that can afford it. */
function purchase(rng: Rng, a: Accounts, ledger: Ledger, date: string): void {
  const [merchant, category, lo, hi] = rng.pick(MERCHANTS);
  const amount = rng.money(lo, hi);
  const wanted = rng.bool(0.55) ? a.credit : a.joint && rng.bool(0.25) ? a.joint : a.checking;
  const account = ledger.room(wanted) >= amount ? wanted : a.credit;
  if (ledger.room(account) < amount) return;
  const at = `${date}T${String(rng.int(8, 21)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`;
  ledger.add({ account, at, amount: -amount, description: merchant, merchant, category });
}

/** Posts the events in time order; each transaction carries the balance after it, and each account ends at its last. */
function post({ id }: SeedContext, events: readonly Event[], accounts: Account[]): Transaction[] {
  const balances = new Map(accounts.map((a) => [a.id, a.balance]));
  const transactions = events.map((e): Transaction => {
    const after = roundMoney((balances.get(e.account.id) ?? 0) + e.amount);
    balances.set(e.account.id, after);
    return {
      id: id("transactions"),
      account_id: e.account.id,
      posted_at: e.at,
      amount: roundMoney(e.amount),
      description: e.description,
      ...(e.merchant ? { merchant: e.merchant } : {}),
      category: e.category,
      ...(e.transfer_id ? { transfer_id: e.transfer_id } : {}),
      balance_after: after,
    };
  });
  for (const a of accounts) a.balance = balances.get(a.id) ?? a.balance;
  return transactions;
}

/** Two payments to friends the user has scheduled that have not run yet. */
function scheduledPayments({ rng, world, id }: SeedContext, checking: Account, payees: readonly Payee[]): Transfer[] {
  return rng
    .sample(
      payees.filter((p) => p.kind === "person"),
      2,
    )
    .map((payee) => ({
      id: id("transfers"),
      from_account_id: checking.id,
      payee_id: payee.id,
      amount: rng.money(40, 300),
      currency: "USD",
      memo: rng.pick(["Dinner split", "Concert tickets", "Birthday gift", "Shared groceries"]),
      status: "scheduled",
      execute_on: time.addDays(world.today, rng.int(2, 20)),
      created_at: time.addDays(world.now, -1),
    }));
}

/** A debit card per checking account and a credit card for the credit account, valid for years yet. */
function issueCards({ rng, world, id }: SeedContext, accounts: readonly Account[]): Card[] {
  const year = Number(world.today.slice(0, 4));
  return accounts
    .filter((a) => a.type !== "savings")
    .map((a) => ({
      id: id("cards"),
      account_id: a.id,
      kind: a.type === "credit" ? "credit" : "debit",
      holder: world.user.full_name,
      last4: rng.digits(4),
      network: a.type === "credit" ? "visa" : rng.pick(["visa", "mastercard"] as const),
      expires: `${year + 1 + rng.int(0, 3)}-${String(rng.int(1, 12)).padStart(2, "0")}`,
      status: "active",
      daily_limit: a.type === "credit" ? 5000 : rng.pick([1000, 2000, 2500]),
    }));
}

/** A statement per account for each of the three whole months before this one, issued on the 1st of the next. */
function monthlyStatements({ world, id }: SeedContext, accounts: readonly Account[], transactions: readonly Transaction[]): Statement[] {
  const thisMonth = `${time.monthOf(world.today)}-01`;
  const months = [3, 2, 1].map((k) => time.monthOf(time.addDays(thisMonth, -28 * k)));
  return accounts.flatMap((a) => {
    const own = transactions.filter((t) => t.account_id === a.id);
    const start = roundMoney(a.balance - own.reduce((s, t) => s + t.amount, 0));
    return months.map((period) => {
      const before = own.filter((t) => t.posted_at < `${period}-01`);
      const rows = own.filter((t) => t.posted_at.startsWith(period));
      const opening = before.length ? (before[before.length - 1] as Transaction).balance_after : start;
      const totalIn = roundMoney(rows.filter((t) => t.amount > 0).reduce((s, t) => s + t.amount, 0));
      const totalOut = roundMoney(-rows.filter((t) => t.amount < 0).reduce((s, t) => s + t.amount, 0));
      const next = time.addDays(`${period}-01`, time.daysInMonth(period));
      return {
        id: id("statements"),
        account_id: a.id,
        period,
        opening_balance: opening,
        closing_balance: roundMoney(opening + totalIn - totalOut),
        total_in: totalIn,
        total_out: totalOut,
        issued_on: next,
      };
    });
  });
}
