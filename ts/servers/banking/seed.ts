/**
 * A believable bank customer: the world's user holds checking, savings and credit accounts
 * with three months of history (payroll, rent, groceries, subscriptions), cards, payees drawn
 * from the world's people and companies, and monthly statements consistent with the history.
 */
import { roundMoney, time, type SeedContext } from "../framework/index.ts";
import type { Account, Card, Payee, Statement, Transaction, Transfer } from "./state.ts";

const MERCHANTS: ReadonlyArray<readonly [string, Transaction["category"], number, number]> = [
  ["Whole Foods Market", "groceries", 24, 180],
  ["Trader Joe's", "groceries", 18, 95],
  ["Blue Bottle Coffee", "dining", 4, 16],
  ["Chipotle", "dining", 9, 28],
  ["Shell", "fuel", 30, 75],
  ["Uber", "transport", 8, 46],
  ["Netflix", "subscriptions", 15.49, 15.49],
  ["Spotify", "subscriptions", 11.99, 11.99],
  ["PG&E", "utilities", 60, 140],
  ["Comcast Xfinity", "utilities", 79.99, 79.99],
  ["Amazon", "shopping", 12, 240],
  ["Target", "shopping", 15, 160],
  ["CVS Pharmacy", "health", 6, 60],
  ["AMC Theatres", "entertainment", 14, 42],
  ["Delta Air Lines", "travel", 180, 640],
];

export function seedBanking({ rng, world, id }: SeedContext) {
  const user = world.user;
  const today = world.today;
  const start = time.addDays(today, -92);

  const accounts: Account[] = [];
  const open = (type: Account["type"], name: string, extra: Partial<Account>) => {
    const a: Account = {
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
      opened_on: time.addDays(today, -rng.int(400, 3000)),
      ...extra,
    };
    accounts.push(a);
    return a;
  };
  const checking = open("checking", "Everyday Checking", { balance: rng.money(1800, 6500), overdraft_limit: rng.pick([0, 250, 500]) });
  const joint = rng.bool(0.5) ? open("checking", "Joint Checking", { balance: rng.money(600, 2400) }) : undefined;
  const savings = open("savings", "High-Yield Savings", { balance: rng.money(8000, 42000), interest_rate: rng.pick([3.9, 4.1, 4.35]) });
  const goal = open("savings", rng.pick(["Vacation Fund", "Emergency Fund", "New Car Fund"]), { balance: rng.money(900, 6000), interest_rate: 3.9 });
  const credit = open("credit", "Rewards Visa Signature", { balance: -rng.money(200, 1800), credit_limit: rng.pick([5000, 8000, 12000]), interest_rate: 22.99 });

  const payees: Payee[] = rng.sample(world.people, 6).map((p) => ({
    id: id("payees"),
    name: p.full_name,
    kind: "person",
    bank_name: rng.pick(["Chase", "Wells Fargo", "Bank of America", "Citibank", "Ally Bank", "Capital One"]),
    account_number: rng.digits(rng.int(9, 12)),
    routing_number: rng.digits(9),
    email: p.email,
    created_at: time.addDays(world.now, -rng.int(30, 700)),
  }));
  const landlord = rng.pick(world.companies);
  payees.push(
    { id: id("payees"), name: `${landlord.name} Property Management`, kind: "business", bank_name: "US Bank", account_number: rng.digits(11), routing_number: rng.digits(9), created_at: time.addDays(world.now, -800) },
    { id: id("payees"), name: "City Water Utility", kind: "business", bank_name: "Wells Fargo", account_number: rng.digits(10), routing_number: rng.digits(9), created_at: time.addDays(world.now, -500) },
  );
  const rentPayee = payees[payees.length - 2] as Payee;

  // History: start balances 92 days ago, replay events forward so balance_after is consistent.
  const events: Array<{ account: Account; at: string; amount: number; description: string; merchant?: string; category: Transaction["category"]; transfer_id?: string }> = [];
  const transfers: Transfer[] = [];
  const employer = world.companies.find((c) => c.name === user.company) ?? world.companies[0];
  const salary = rng.money(2600, 4800);
  // Running credit balance, so the monthly card payment never exceeds what is owed.
  let creditBalance = credit.balance;
  for (let day = 0; day <= 92; day++) {
    const date = time.addDays(start, day);
    const dom = Number(date.slice(8, 10));
    if (dom === 1 || dom === 15) events.push({ account: checking, at: `${date}T06:00:00Z`, amount: salary, description: `Payroll deposit — ${employer?.name ?? "Employer"}`, category: "income" });
    if (dom === 1) {
      const t: Transfer = { id: id("transfers"), from_account_id: checking.id, payee_id: rentPayee.id, amount: 2150, currency: "USD", memo: `Rent ${date.slice(0, 7)}`, status: "completed", execute_on: date, created_at: `${date}T08:00:00Z` };
      transfers.push(t);
      events.push({ account: checking, at: `${date}T08:00:00Z`, amount: -t.amount, description: `Payment to ${rentPayee.name}`, category: "rent", transfer_id: t.id });
    }
    if (dom === 20) {
      const amount = rng.pick([200, 250, 400, 500]);
      const t: Transfer = { id: id("transfers"), from_account_id: checking.id, to_account_id: savings.id, amount, currency: "USD", memo: "Monthly savings", status: "completed", execute_on: date, created_at: `${date}T07:00:00Z` };
      transfers.push(t);
      events.push({ account: checking, at: `${date}T07:00:00Z`, amount: -amount, description: `Transfer to ${savings.name}`, category: "transfer", transfer_id: t.id });
      events.push({ account: savings, at: `${date}T07:00:00Z`, amount, description: `Transfer from ${checking.name}`, category: "transfer", transfer_id: t.id });
    }
    const cardPayment = dom === 25 ? Math.min(rng.money(900, 1600), roundMoney(-creditBalance)) : 0;
    if (cardPayment > 0) {
      const amount = cardPayment;
      creditBalance = roundMoney(creditBalance + amount);
      const t: Transfer = { id: id("transfers"), from_account_id: checking.id, to_account_id: credit.id, amount, currency: "USD", memo: "Card payment", status: "completed", execute_on: date, created_at: `${date}T09:00:00Z` };
      transfers.push(t);
      events.push({ account: checking, at: `${date}T09:00:00Z`, amount: -amount, description: `Payment to ${credit.name}`, category: "transfer", transfer_id: t.id });
      events.push({ account: credit, at: `${date}T09:00:00Z`, amount, description: "Payment received — thank you", category: "transfer", transfer_id: t.id });
    }
    if (joint && dom === 5) events.push({ account: joint, at: `${date}T10:00:00Z`, amount: rng.money(500, 900), description: "Zelle deposit — household share", category: "income" });
    if (dom === 28) events.push({ account: savings, at: `${date}T05:00:00Z`, amount: roundMoney(savings.balance * savings.interest_rate / 1200), description: "Interest payment", category: "income" });
    for (let k = rng.int(0, 2); k > 0; k--) {
      const [merchant, category, lo, hi] = rng.pick(MERCHANTS);
      const account = rng.bool(0.55) ? credit : joint && rng.bool(0.25) ? joint : checking;
      const at = `${date}T${String(rng.int(8, 21)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`;
      const amount = -rng.money(lo, hi);
      if (account === credit) creditBalance = roundMoney(creditBalance + amount);
      events.push({ account, at, amount, description: `${merchant}`, merchant, category });
    }
  }
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const transactions: Transaction[] = [];
  for (const e of events) {
    if (e.at > world.now) continue; // today's later purchases have not happened yet
    e.account.balance = roundMoney(e.account.balance + e.amount);
    transactions.push({
      id: id("transactions"),
      account_id: e.account.id,
      posted_at: e.at,
      amount: roundMoney(e.amount),
      description: e.description,
      ...(e.merchant ? { merchant: e.merchant } : {}),
      category: e.category,
      ...(e.transfer_id ? { transfer_id: e.transfer_id } : {}),
      balance_after: e.account.balance,
    });
  }

  // Two payments the user has scheduled but that have not run yet.
  for (const payee of rng.sample(payees.slice(0, 6), 2)) {
    transfers.push({
      id: id("transfers"),
      from_account_id: checking.id,
      payee_id: payee.id,
      amount: rng.money(40, 300),
      currency: "USD",
      memo: rng.pick(["Dinner split", "Concert tickets", "Birthday gift", "Shared groceries"]),
      status: "scheduled",
      execute_on: time.addDays(today, rng.int(2, 20)),
      created_at: time.addDays(world.now, -1),
    });
  }

  const cards: Card[] = [];
  for (const a of accounts.filter((x) => x.type !== "savings")) {
    cards.push({
      id: id("cards"),
      account_id: a.id,
      kind: a.type === "credit" ? "credit" : "debit",
      holder: user.full_name,
      last4: rng.digits(4),
      network: a.type === "credit" ? "visa" : rng.pick(["visa", "mastercard"]),
      expires: `${2027 + rng.int(0, 3)}-${String(rng.int(1, 12)).padStart(2, "0")}`,
      status: "active",
      daily_limit: a.type === "credit" ? 5000 : rng.pick([1000, 2000, 2500]),
    });
  }

  const statements: Statement[] = [];
  for (const a of accounts) {
    for (let m = 3; m >= 1; m--) {
      const period = time.monthOf(time.addDays(`${time.monthOf(today)}-01`, -28 * m + 5));
      const rows = transactions.filter((t) => t.account_id === a.id && t.posted_at.startsWith(period));
      const before = transactions.filter((t) => t.account_id === a.id && t.posted_at < `${period}-01`);
      const opening = before.length ? (before[before.length - 1] as Transaction).balance_after : roundMoney(a.balance - transactions.filter((t) => t.account_id === a.id).reduce((s, t) => s + t.amount, 0));
      const totalIn = roundMoney(rows.filter((t) => t.amount > 0).reduce((s, t) => s + t.amount, 0));
      const totalOut = roundMoney(-rows.filter((t) => t.amount < 0).reduce((s, t) => s + t.amount, 0));
      statements.push({
        id: id("statements"),
        account_id: a.id,
        period,
        opening_balance: opening,
        closing_balance: roundMoney(opening + totalIn - totalOut),
        total_in: totalIn,
        total_out: totalOut,
        issued_on: time.addDays(`${period}-01`, 33),
      });
    }
  }

  return { accounts, payees, transfers, transactions, cards, statements };
}
