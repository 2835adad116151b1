/**
 * Budget: the rules of a YNAB-like budget, each with its expected values written out (calendar
 * dates, limits, totals, boundaries, messages), not computed by the code under test.
 */
import { describe, expect, it } from "vitest";
import { time, worldFor } from "../../ts/servers/framework/index.ts";
import budget from "../../ts/servers/budget/index.ts";
import { firstOccurrence, limitFor, nextOccurrence, type BudgetCategory, type BudgetTransaction, type RecurringItem } from "../../ts/servers/budget/state.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const SEED = 1;
const world = worldFor(SEED);
const DAY = 86_400_000;
const someCategory = (s: TestSession, n = 0) => s.rows<BudgetCategory>("budget_categories")[n]!;

describe("budget: calendar rules, written out", () => {
  it.each([
    ["weekly", "2026-01-29", "2026-01-01", "2026-02-05"],
    ["every_other_week", "2026-12-24", "2026-01-01", "2027-01-07"],
    ["twice_a_month", "2026-03-01", "2026-03-01", "2026-03-15"],
    ["twice_a_month", "2026-03-14", "2026-03-01", "2026-03-15"],
    ["twice_a_month", "2026-03-15", "2026-03-01", "2026-04-01"],
    ["twice_a_month", "2026-12-15", "2026-03-01", "2027-01-01"],
    ["monthly", "2026-01-31", "2026-01-31", "2026-02-28"],
    ["monthly", "2026-02-28", "2026-01-31", "2026-03-31"],
    ["monthly", "2026-12-15", "2026-01-15", "2027-01-15"],
    ["monthly", "2028-01-30", "2027-12-30", "2028-02-29"],
    ["yearly", "2024-02-29", "2024-02-29", "2025-02-28"],
    ["yearly", "2027-02-28", "2024-02-29", "2028-02-29"],
  ] as const)("rule: %s after %s (started %s) is %s", (frequency, date, start, next) => {
    expect(nextOccurrence(frequency, date, start)).toBe(next);
  });

  it.each([
    ["twice_a_month", "2026-03-01", "2026-03-01"],
    ["twice_a_month", "2026-03-15", "2026-03-15"],
    ["twice_a_month", "2026-03-02", "2026-03-15"],
    ["twice_a_month", "2026-03-14", "2026-03-15"],
    ["twice_a_month", "2026-03-16", "2026-04-01"],
    ["twice_a_month", "2026-12-20", "2027-01-01"],
    ["monthly", "2026-03-20", "2026-03-20"],
    ["weekly", "2026-03-20", "2026-03-20"],
  ] as const)("rule: %s starting %s first posts on %s (twice a month: the 1st and the 15th)", (frequency, start, first) => {
    expect(firstOccurrence(frequency, start)).toBe(first);
  });

  it.each([
    ["2026-01", 100],
    ["2026-02", 200],
    ["2026-03", 200],
    ["2026-04", 300],
    ["2026-09", 300],
    ["2025-12", 0],
  ])(
    "rule: with limits set for 2026-04 (300), 2026-01 (100) and 2026-02 (200), %s's limit is %i (a month without its own inherits the latest before it)",
    (month, limit) => {
      expect(limitFor({ limits: { "2026-04": 300, "2026-01": 100, "2026-02": 200 } }, month)).toBe(limit);
    },
  );
});

describe("budget: recurring items", () => {
  it("rule: the clock posts every date that has come, in date order, and an item completes once its next date passes its end date", () => {
    const s = openSession(budget, SEED);
    const today = world.today;
    const groceries = someCategory(s);
    s.ok("create_recurring_item", {
      kind: "expense",
      amount: 10,
      payee: "Gym",
      category_id: groceries.id,
      frequency: "weekly",
      start_date: time.addDays(today, 1),
      end_date: time.addDays(today, 15),
    });
    s.ok("create_recurring_item", { kind: "income", amount: 500, payee: "Side gig", frequency: "every_other_week", start_date: time.addDays(today, 2) });
    s.advance(16 * DAY);
    const r = s.ok("post_due_recurring_items", {});
    const mine = (r.posted as BudgetTransaction[]).filter((t) => t.payee === "Gym" || t.payee === "Side gig");
    expect(mine.map((t) => [t.date, t.payee, t.amount])).toEqual([
      [time.addDays(today, 1), "Gym", 10],
      [time.addDays(today, 2), "Side gig", 500],
      [time.addDays(today, 8), "Gym", 10],
      [time.addDays(today, 15), "Gym", 10],
      [time.addDays(today, 16), "Side gig", 500],
    ]);
    const posted = r.posted as BudgetTransaction[];
    expect(r.count).toBe(posted.length);
    expect(r.total_income).toBeCloseTo(
      posted.filter((t) => t.kind === "income").reduce((n, t) => n + t.amount, 0),
      2,
    );
    expect(r.total_expenses).toBeCloseTo(
      posted.filter((t) => t.kind === "expense").reduce((n, t) => n + t.amount, 0),
      2,
    );
    expect(r.total_income).toBeGreaterThanOrEqual(1000);
    const gym = s.rows<RecurringItem>("recurring_items").find((x) => x.payee === "Gym")!;
    expect([gym.status, gym.next_date]).toEqual(["completed", time.addDays(today, 22)]);
    expect(mine.find((t) => t.payee === "Gym")).toMatchObject({ category_id: groceries.id, recurring_item_id: gym.id });
    expect(s.ok("post_due_recurring_items", {})).toMatchObject({ count: 0, total_income: 0, total_expenses: 0 });
  });

  it("update_recurring_item changes only what it is given; an end date before the next date is refused", () => {
    const s = openSession(budget, SEED);
    const [a, b] = [someCategory(s, 0), someCategory(s, 1)];
    const item = s.ok("create_recurring_item", {
      kind: "expense",
      amount: 20,
      payee: "Streaming",
      category_id: a.id,
      frequency: "monthly",
      start_date: time.addDays(world.today, 3),
    });
    const base = { amount: 20, payee: "Streaming", category_id: a.id, next_date: time.addDays(world.today, 3) };
    expect(s.ok("update_recurring_item", { recurring_item_id: item.id, amount: 25 })).toMatchObject({ ...base, amount: 25 });
    expect(s.ok("update_recurring_item", { recurring_item_id: item.id, payee: "StreamCo" })).toMatchObject({ ...base, amount: 25, payee: "StreamCo" });
    expect(s.ok("update_recurring_item", { recurring_item_id: item.id, category_id: b.id })).toMatchObject({
      amount: 25,
      payee: "StreamCo",
      category_id: b.id,
      next_date: base.next_date,
    });
    const next = time.addDays(world.today, 5);
    expect(s.ok("update_recurring_item", { recurring_item_id: item.id, next_date: next }).next_date).toBe(next);
    expect(s.ok("update_recurring_item", { recurring_item_id: item.id, end_date: next }).end_date).toBe(next);
    s.fails(
      "update_recurring_item",
      { recurring_item_id: item.id, end_date: time.addDays(world.today, 4) },
      "invalid_argument",
      new RegExp(`^end_date ${time.addDays(world.today, 4)} is before the next date ${next}$`),
    );
    s.fails("update_recurring_item", { recurring_item_id: item.id, next_date: time.addDays(world.today, -1) }, "invalid_argument", /is in the past/);
    const salary = s.rows<RecurringItem>("recurring_items").find((x) => x.kind === "income" && x.status === "active")!;
    s.fails(
      "update_recurring_item",
      { recurring_item_id: salary.id, category_id: a.id },
      "invalid_argument",
      new RegExp(`recurring item ${salary.id} is an income; incomes have no category`),
    );
    s.fails("update_recurring_item", { recurring_item_id: item.id }, "invalid_argument", /^nothing to change/);
  });
});

describe("budget: limits and money moves", () => {
  it("rule: moving exactly a category's limit empties it; one cent more is refused and the message says how much can move", () => {
    const s = openSession(budget, SEED);
    const month = time.monthOf(world.today);
    const [from, to] = [someCategory(s, 0), someCategory(s, 1)];
    s.ok("set_category_limit", { category_id: from.id, amount: 120.5, month });
    s.fails(
      "move_budget_between_categories",
      { from_category_id: from.id, to_category_id: to.id, amount: 120.51, month },
      "failed_precondition",
      new RegExp(`^"${from.name}" has 120.50 budgeted for ${month}, so at most 120.50 can be moved out of it; asked to move 120.51$`),
    );
    const toBefore = limitFor(s.rows<BudgetCategory>("budget_categories").find((c) => c.id === to.id)!, month);
    const r = s.ok("move_budget_between_categories", { from_category_id: from.id, to_category_id: to.id, amount: 120.5, month });
    expect([r.from.limit, r.to.limit]).toEqual([0, Math.round((toBefore + 120.5) * 100) / 100]);
  });

  it("a month summary adds up by group, counts uncategorized spending and what is left to budget", () => {
    const s = openSession(budget, SEED);
    const month = time.monthOf(world.today);
    s.edit(budget, (db) =>
      db.budget_transactions.put({
        id: "BTX-99999",
        date: world.today,
        kind: "expense",
        amount: 33.33,
        payee: "Mystery",
        account: "checking",
        memo: "",
        created_at: world.now,
      }),
    );
    const m = s.ok("get_month_summary", { month });
    expect(m.uncategorized).toBe(33.33);
    const txns = s.rows<BudgetTransaction>("budget_transactions").filter((t) => t.date.startsWith(month));
    const sum = (xs: BudgetTransaction[]) => Math.round(xs.reduce((n, t) => n + t.amount, 0) * 100) / 100;
    expect([m.income, m.expenses, m.transaction_count]).toEqual([
      sum(txns.filter((t) => t.kind === "income")),
      sum(txns.filter((t) => t.kind === "expense")),
      txns.length,
    ]);
    expect(m.net).toBeCloseTo(m.income - m.expenses, 2);
    expect(m.left_to_budget).toBeCloseTo(m.income - m.total_budgeted, 2);
    for (const g of m.by_group as Array<{ group: string; limit: number; spent: number; remaining: number }>) {
      const cats = (m.by_category as Array<{ group: string; limit: number; spent: number }>).filter((c) => c.group === g.group);
      expect(g.limit, g.group).toBeCloseTo(
        cats.reduce((n, c) => n + c.limit, 0),
        2,
      );
      expect(g.spent, g.group).toBeCloseTo(
        cats.reduce((n, c) => n + c.spent, 0),
        2,
      );
      expect(g.remaining, g.group).toBeCloseTo(g.limit - g.spent, 2);
    }
    const clean = openSession(budget, SEED).ok("get_month_summary", { month });
    expect(clean.uncategorized).toBeUndefined();
  });

  it("rule: spending history covers at most 24 months, and its top payees are the biggest, ties by name", () => {
    const s = openSession(budget, SEED);
    const c = someCategory(s, 2);
    const to = time.monthOf(world.today);
    const back = (n: number) => time.monthOf(time.addDays(`${to}-15`, -30.44 * n));
    expect(s.ok("get_category_spending", { category_id: c.id, from_month: back(23), to_month: to }).months).toHaveLength(24);
    s.fails(
      "get_category_spending",
      { category_id: c.id, from_month: back(24), to_month: to },
      "invalid_argument",
      new RegExp(`^${back(24)} to ${to} is 25 months; ask for at most 24 months at a time$`),
    );
    const day = world.today;
    for (const [payee, amount] of [
      ["Zed Shop", 50],
      ["Alpha Shop", 50],
      ["Big Shop", 80],
    ] as const)
      s.ok("add_expense", { amount, payee, category_id: c.id, date: day });
    const r = s.ok("get_category_spending", { category_id: c.id, from_month: to, to_month: to });
    const top = (r.top_payees as Array<{ payee: string; spent: number }>).filter((p) => ["Zed Shop", "Alpha Shop", "Big Shop"].includes(p.payee));
    expect(top.map((p) => p.payee)).toEqual(["Big Shop", "Alpha Shop", "Zed Shop"]);
    expect(r.average_spent).toBe(r.total_spent);
  });

  it("payees are sorted by total, ties by name, with their last date and the category they usually go to", () => {
    const s = openSession(budget, SEED);
    const [a, b] = [someCategory(s, 0), someCategory(s, 1)];
    const d = (n: number) => time.addDays(world.today, -n);
    s.ok("add_expense", { amount: 700, payee: "Quux Co", category_id: b.id, date: d(9) });
    s.ok("add_expense", { amount: 300, payee: "Quux Co", category_id: a.id, date: d(2) });
    s.ok("add_expense", { amount: 200, payee: "Quux Co", category_id: a.id, date: d(5) });
    s.ok("add_expense", { amount: 1200, payee: "Quuy Co", category_id: a.id, date: d(3) });
    const items = s.ok("list_budget_payees", { query: "Quu", limit: 10 }).items as Array<Record<string, unknown>>;
    expect(items.map((p) => [p.payee, p.transactions, p.total, p.last_date, p.usual_category_id])).toEqual([
      ["Quux Co", 3, 1200, d(2), a.id],
      ["Quuy Co", 1, 1200, d(3), a.id],
    ]);
  });
});

describe("budget: transactions", () => {
  it("rule: amount and date filters include their bounds", () => {
    const s = openSession(budget, SEED);
    const t = s.rows<BudgetTransaction>("budget_transactions").find((x) => x.kind === "expense")!;
    const ids = (args: Record<string, unknown>) => (s.ok("list_budget_transactions", { limit: 100, ...args }).items as BudgetTransaction[]).map((x) => x.id);
    expect(ids({ min_amount: t.amount, max_amount: t.amount, from_date: t.date, to_date: t.date })).toContain(t.id);
    expect(ids({ min_amount: Math.round((t.amount + 0.01) * 100) / 100, from_date: t.date, to_date: t.date })).not.toContain(t.id);
    expect(ids({ max_amount: Math.round((t.amount - 0.01) * 100) / 100, from_date: t.date, to_date: t.date })).not.toContain(t.id);
    expect(ids({ from_date: time.addDays(t.date, 1) })).not.toContain(t.id);
    expect(ids({ to_date: time.addDays(t.date, -1) })).not.toContain(t.id);
    expect(ids({ kind: "income", from_date: t.date, to_date: t.date })).not.toContain(t.id);
    expect(ids({ account: t.account === "checking" ? "credit_card" : "checking", from_date: t.date, to_date: t.date })).not.toContain(t.id);
  });

  it("update_budget_transaction changes only what it is given", () => {
    const s = openSession(budget, SEED);
    const t = s.rows<BudgetTransaction>("budget_transactions").find((x) => x.kind === "expense" && x.account === "checking")!;
    const base = { amount: t.amount, payee: t.payee, date: t.date, account: "checking", memo: t.memo, category_id: t.category_id };
    expect(s.ok("update_budget_transaction", { transaction_id: t.id, payee: "Renamed" })).toMatchObject({ ...base, payee: "Renamed" });
    expect(s.ok("update_budget_transaction", { transaction_id: t.id, date: time.addDays(world.today, -1) })).toMatchObject({
      ...base,
      payee: "Renamed",
      date: time.addDays(world.today, -1),
    });
    expect(s.ok("update_budget_transaction", { transaction_id: t.id, account: "credit_card" })).toMatchObject({
      payee: "Renamed",
      account: "credit_card",
      amount: t.amount,
    });
    expect(s.ok("update_budget_transaction", { transaction_id: t.id, amount: 1.23 })).toMatchObject({ payee: "Renamed", account: "credit_card", amount: 1.23 });
  });

  it("a duplicate category name names the one that exists", () => {
    const s = openSession(budget, SEED);
    const c = someCategory(s, 0);
    s.fails(
      "create_budget_category",
      { name: ` ${c.name.toUpperCase()} `, group: "Everyday" },
      "already_exists",
      new RegExp(`^a category named "${c.name}" already exists \\(${c.id}, in ${c.group}\\)`),
    );
    const other = someCategory(s, 1);
    s.fails("update_budget_category", { category_id: other.id, name: c.name.toLowerCase() }, "already_exists", new RegExp(`\\(${c.id}, in ${c.group}\\)`));
    expect(s.ok("update_budget_category", { category_id: other.id, goal_amount: 500 })).toMatchObject({
      name: other.name,
      group: other.group,
      goal_amount: 500,
    });
    expect(s.ok("update_budget_category", { category_id: other.id, name: "Renamed" })).toMatchObject({ name: "Renamed", group: other.group, goal_amount: 500 });
  });

  it("marks exactly the tools that destroy something as destructive", () => {
    expect(
      budget.tools
        .filter((t) => t.destructive)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["cancel_recurring_item", "delete_budget_category", "delete_budget_transaction"]);
  });
});
