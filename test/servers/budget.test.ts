import { describe, expect, it } from "vitest";
import { roundMoney, worldFor } from "../../ts/servers/framework/index.ts";
import budget from "../../ts/servers/budget/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(budget, 12);

const DAY = 86_400_000;
type Row = Record<string, any>;

function today(s: TestSession): string {
  return s.now().slice(0, 10);
}
function month(s: TestSession): string {
  return today(s).slice(0, 7);
}
function shiftMonth(m: string, n: number): string {
  const k = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
}
function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}
function cat(s: TestSession, name: string): Row {
  return s.rows("budget_categories").find((c) => c.name === name)!;
}
const sum = (xs: Row[]) => roundMoney(xs.reduce((t, x) => t + x.amount, 0));
function spent(s: TestSession, categoryId: string, m: string): number {
  return sum(s.rows("budget_transactions").filter((t) => t.kind === "expense" && t.category_id === categoryId && t.date.startsWith(m)));
}

describe("budget: categories and limits", () => {
  it("list_budget_categories shows each category's limit, spending and remaining for a month", () => {
    const s = openSession(budget, 1);
    const list = s.ok("list_budget_categories", { limit: 100 });
    expect(list.total).toBe(18);
    expect([...new Set(list.items.map((c: Row) => c.group))]).toEqual(["Bills", "Everyday", "Fun", "Health", "Savings goals"]);
    const prev = shiftMonth(month(s), -1);
    for (const c of s.ok("list_budget_categories", { month: prev, limit: 100 }).items) {
      const raw = s.rows("budget_categories").find((x) => x.id === c.category_id)!;
      expect(c.limit).toBe(raw.limits[prev]);
      expect(c.spent).toBe(spent(s, c.category_id, prev));
      expect(c.remaining).toBe(roundMoney(c.limit - c.spent));
      expect(c.over_limit).toBe(c.spent > c.limit);
    }
    const bills = s.ok("list_budget_categories", { group: "bills", limit: 100 }).items;
    expect(bills.map((c: Row) => c.name)).toEqual(["Insurance", "Phone & Internet", "Rent", "Subscriptions", "Utilities"]);
    expect(s.ok("list_budget_categories", { group: "Savings", limit: 100 }).items.find((c: Row) => c.name === "Emergency Fund").goal_amount).toBe(15000);
  });

  it("seeds three months of history consistent with the limits (rent, salary, mostly within budget)", () => {
    const s = openSession(budget, 1);
    const rent = cat(s, "Rent");
    for (let k = 1; k <= 3; k++) {
      const m = shiftMonth(month(s), -k);
      expect(spent(s, rent.id, m)).toBe(rent.limits[m]);
      const income = s.rows("budget_transactions").filter((t) => t.kind === "income" && t.date.startsWith(m) && t.payee === worldFor(1).user.company);
      expect(income).toHaveLength(2);
      const summary = s.ok("get_month_summary", { month: m });
      expect(summary.over_limit.length).toBeLessThanOrEqual(3);
      expect(summary.expenses).toBeLessThan(summary.total_budgeted * 1.1);
    }
    expect(s.rows("budget_transactions").every((t) => t.date <= today(s))).toBe(true);
  });

  it("create_budget_category adds a category to a group (matching its spelling) with this month's limit", () => {
    const s = openSession(budget, 1);
    const c = s.ok("create_budget_category", { name: "Pet Care", group: "everyday", limit: 80 });
    expect(c).toMatchObject({ id: "CAT-1019", name: "Pet Care", group: "Everyday", limits: { [month(s)]: 80 } });
    const listed = s.ok("list_budget_categories", { group: "Everyday", limit: 100 }).items.find((x: Row) => x.category_id === c.id);
    expect(listed).toMatchObject({ limit: 80, spent: 0, remaining: 80 });
    const goal = s.ok("create_budget_category", { name: "Wedding", group: "Savings goals", goal_amount: 12000 });
    expect(goal).toMatchObject({ goal_amount: 12000, limits: {} });
  });

  it("rule: category names are unique, ignoring case", () => {
    const s = openSession(budget, 1);
    const g = cat(s, "Groceries");
    s.fails(
      "create_budget_category",
      { name: "  groceries ", group: "Fun" },
      "already_exists",
      new RegExp(`a category named "Groceries" already exists \\(${g.id}, in Everyday\\)`),
    );
    s.fails("update_budget_category", { category_id: cat(s, "Dining Out").id, name: "GROCERIES" }, "already_exists", /already exists/);
  });

  it("update_budget_category renames, regroups and changes notes", () => {
    const s = openSession(budget, 1);
    const h = cat(s, "Hobbies");
    expect(s.ok("update_budget_category", { category_id: h.id, name: "Hobbies & Crafts", group: "health", note: "Pottery class" })).toMatchObject({
      name: "Hobbies & Crafts",
      group: "Health",
      note: "Pottery class",
    });
    expect(s.ok("update_budget_category", { category_id: h.id, name: "hobbies & crafts" }).name).toBe("hobbies & crafts");
    s.fails("update_budget_category", { category_id: h.id }, "invalid_argument", /nothing to change/);
    s.fails("update_budget_category", { category_id: "CAT-9999", name: "x" }, "not_found", /list_budget_categories/);
  });

  it("rule: deleting a category with transactions needs a target category; they move there", () => {
    const s = openSession(budget, 1);
    const subs = cat(s, "Subscriptions");
    const ent = cat(s, "Entertainment");
    const txns = s.rows("budget_transactions").filter((t) => t.category_id === subs.id);
    const recurring = s.rows("recurring_items").filter((r) => r.category_id === subs.id && r.status === "active");
    s.fails(
      "delete_budget_category",
      { category_id: subs.id },
      "failed_precondition",
      new RegExp(`"Subscriptions" has ${txns.length} transactions and ${recurring.length} active recurring items; pass move_to_category_id`),
    );
    s.fails("delete_budget_category", { category_id: subs.id, move_to_category_id: subs.id }, "invalid_argument", /must be another category/);
    const prev = shiftMonth(month(s), -1);
    const before = spent(s, ent.id, prev);
    const r = s.ok("delete_budget_category", { category_id: subs.id, move_to_category_id: ent.id });
    expect(r).toEqual({ deleted: subs.id, name: "Subscriptions", moved_to: ent.id, moved_transactions: txns.length, moved_recurring_items: recurring.length });
    expect(spent(s, ent.id, prev)).toBe(roundMoney(before + sum(txns.filter((t) => t.date.startsWith(prev)))));
    expect(s.rows("recurring_items").filter((x) => x.category_id === subs.id)).toHaveLength(0);
    s.fails("get_category_spending", { category_id: subs.id }, "not_found", /budget_category/);
    // An empty category needs no target.
    const empty = s.ok("create_budget_category", { name: "Temp", group: "Fun" });
    expect(s.ok("delete_budget_category", { category_id: empty.id })).toMatchObject({ moved_to: null, moved_transactions: 0 });
  });

  it("set_category_limit sets a month's limit, carries forward, and warns when spending already exceeds it", () => {
    const s = openSession(budget, 1);
    const g = cat(s, "Groceries");
    const m = month(s);
    const spentNow = spent(s, g.id, m);
    const r = s.ok("set_category_limit", { category_id: g.id, amount: 700 });
    expect(r).toMatchObject({
      category_id: g.id,
      month: m,
      limit: 700,
      spent: spentNow,
      remaining: roundMoney(700 - spentNow),
      previous_limit: g.limits[m],
      over_limit: false,
    });
    expect(r.warning).toBeUndefined();
    // Later months without their own limit inherit it.
    expect(s.ok("list_budget_categories", { month: shiftMonth(m, 2), limit: 100 }).items.find((c: Row) => c.category_id === g.id).limit).toBe(700);
    const low = s.ok("set_category_limit", { category_id: g.id, amount: 1 });
    expect(low.over_limit).toBe(true);
    expect(low.warning).toBe(`"Groceries" is over its ${m} limit: ${spentNow.toFixed(2)} spent of 1.00 (${(spentNow - 1).toFixed(2)} over)`);
    const zero = s.ok("set_category_limit", { category_id: g.id, amount: 0 });
    expect(zero.warning).toMatch(/has no budget for .* set a limit with set_category_limit/);
    const past = shiftMonth(m, -2);
    expect(s.ok("set_category_limit", { category_id: g.id, amount: 999.99, month: past })).toMatchObject({
      month: past,
      limit: 999.99,
      spent: spent(s, g.id, past),
    });
  });

  it("rule: limits are ≥ 0 with cents, months are YYYY-MM", () => {
    const s = openSession(budget, 1);
    const g = cat(s, "Groceries");
    const neg = s.call("set_category_limit", { category_id: g.id, amount: -5 });
    expect(neg.outcome).toBe("invalid_arguments");
    expect(neg.error!.message).toMatch(/a limit cannot be negative/);
    expect(s.call("set_category_limit", { category_id: g.id, amount: 10.555 }).outcome).toBe("invalid_arguments");
    expect(s.call("set_category_limit", { category_id: g.id, amount: 10, month: "2026-13" }).outcome).toBe("invalid_arguments");
    expect(s.call("create_budget_category", { name: "X", group: "Fun", limit: -1 }).outcome).toBe("invalid_arguments");
  });

  it("move_budget_between_categories moves limit; rule: at most what the source has budgeted", () => {
    const s = openSession(budget, 1);
    const dining = cat(s, "Dining Out");
    const groceries = cat(s, "Groceries");
    const m = month(s);
    const r = s.ok("move_budget_between_categories", { from_category_id: dining.id, to_category_id: groceries.id, amount: 50 });
    expect(r.from).toMatchObject({ category_id: dining.id, limit: roundMoney(dining.limits[m] - 50) });
    expect(r.to).toMatchObject({ category_id: groceries.id, limit: roundMoney(groceries.limits[m] + 50) });
    const left = roundMoney(dining.limits[m] - 50);
    s.fails(
      "move_budget_between_categories",
      { from_category_id: dining.id, to_category_id: groceries.id, amount: left + 1 },
      "failed_precondition",
      new RegExp(`"Dining Out" has ${left.toFixed(2)} budgeted for ${m}, so at most ${left.toFixed(2)} can be moved`),
    );
    s.fails("move_budget_between_categories", { from_category_id: dining.id, to_category_id: dining.id, amount: 1 }, "invalid_argument", /must differ/);
  });
});

describe("budget: transactions", () => {
  it("list_budget_transactions filters by month, dates, category, kind, payee, account and amount, newest first", () => {
    const s = openSession(budget, 1);
    const m = shiftMonth(month(s), -1);
    const inMonth = s.ok("list_budget_transactions", { month: m, limit: 100 });
    expect(inMonth.total).toBe(s.rows("budget_transactions").filter((t) => t.date.startsWith(m)).length);
    expect(inMonth.items[0].date >= inMonth.items[inMonth.items.length - 1].date).toBe(true);
    const g = cat(s, "Groceries");
    const groc = s.ok("list_budget_transactions", { month: m, category_id: g.id, limit: 100 }).items;
    expect(sum(groc)).toBe(spent(s, g.id, m));
    expect(s.ok("list_budget_transactions", { kind: "income", limit: 100 }).items.every((t: Row) => t.kind === "income" && t.category_id === undefined)).toBe(
      true,
    );
    expect(s.ok("list_budget_transactions", { payee: "trader", limit: 100 }).items.every((t: Row) => t.payee === "Trader Joe's")).toBe(true);
    expect(s.ok("list_budget_transactions", { account: "credit_card", limit: 100 }).items.every((t: Row) => t.account === "credit_card")).toBe(true);
    const big = s.ok("list_budget_transactions", { min_amount: 100, max_amount: 200, limit: 100 }).items;
    expect(big.every((t: Row) => t.amount >= 100 && t.amount <= 200)).toBe(true);
    const from = `${m}-10`;
    const to = `${m}-20`;
    expect(s.ok("list_budget_transactions", { from_date: from, to_date: to, limit: 100 }).items.every((t: Row) => t.date >= from && t.date <= to)).toBe(true);
  });

  it("get_budget_transaction returns one with its category name", () => {
    const s = openSession(budget, 1);
    const t = s.rows("budget_transactions").find((x) => x.kind === "expense")!;
    const g = s.ok("get_budget_transaction", { transaction_id: t.id });
    expect(g).toMatchObject({ ...t, category_name: s.rows("budget_categories").find((c) => c.id === t.category_id)!.name });
    s.fails("get_budget_transaction", { transaction_id: "BTX-99999" }, "not_found", /list_budget_transactions/);
  });

  it("add_expense records spending today by default and reports the category's month", () => {
    const s = openSession(budget, 1);
    const d = cat(s, "Dining Out");
    const m = month(s);
    const before = spent(s, d.id, m);
    const t = s.ok("add_expense", { amount: 23.4, payee: "Chipotle", category_id: d.id, memo: "Lunch" });
    expect(t).toMatchObject({ date: today(s), kind: "expense", amount: 23.4, payee: "Chipotle", category_id: d.id, account: "checking", memo: "Lunch" });
    expect(t.category_month).toEqual({ limit: d.limits[m], spent: roundMoney(before + 23.4), remaining: roundMoney(d.limits[m] - before - 23.4) });
    expect(t.warning).toBeUndefined();
    const past = s.ok("add_expense", {
      amount: 12,
      payee: "Uber",
      category_id: cat(s, "Transportation").id,
      date: addDays(today(s), -40),
      account: "credit_card",
    });
    expect(past).toMatchObject({ date: addDays(today(s), -40), account: "credit_card" });
  });

  it("going over a limit returns a warning in the result, not an error", () => {
    const s = openSession(budget, 1);
    const h = cat(s, "Hobbies");
    const m = month(s);
    const before = spent(s, h.id, m);
    const limit = h.limits[m];
    const amount = roundMoney(limit - before + 25);
    const t = s.ok("add_expense", { amount, payee: "Guitar Center", category_id: h.id });
    expect(t.warning).toBe(`"Hobbies" is over its ${m} limit: ${roundMoney(before + amount).toFixed(2)} spent of ${limit.toFixed(2)} (25.00 over)`);
    expect(t.category_month.remaining).toBe(-25);
    expect(s.ok("get_month_summary", {}).over_limit).toContain("Hobbies");
  });

  it("rule: amounts positive, dates valid and not in the future for posted transactions", () => {
    const s = openSession(budget, 1);
    const g = cat(s, "Groceries");
    const tomorrow = addDays(today(s), 1);
    s.fails(
      "add_expense",
      { amount: 10, payee: "Safeway", category_id: g.id, date: tomorrow },
      "invalid_argument",
      new RegExp(`date ${tomorrow} is in the future \\(today is ${today(s)}\\); .*schedule future ones with create_recurring_item`),
    );
    s.fails("add_income", { amount: 10, payee: "Boss", date: tomorrow }, "invalid_argument", /is in the future/);
    for (const amount of [0, -3, 1.234]) expect(s.call("add_expense", { amount, payee: "Safeway", category_id: g.id }).outcome).toBe("invalid_arguments");
    const bad = s.call("add_expense", { amount: 5, payee: "Safeway", category_id: g.id, date: "2026-02-30" });
    expect(bad.outcome).toBe("invalid_arguments");
    expect(bad.error!.message).toMatch(/YYYY-MM-DD/);
    s.fails("add_expense", { amount: 5, payee: "Safeway", category_id: "CAT-9999" }, "not_found", /list_budget_categories/);
    expect(s.call("add_expense", { amount: 5, payee: "   ", category_id: g.id }).outcome).toBe("invalid_arguments");
  });

  it("add_income records money received, without a category", () => {
    const s = openSession(budget, 1);
    const t = s.ok("add_income", { amount: 120, payee: "Tax refund", memo: "IRS" });
    expect(t).toMatchObject({ kind: "income", amount: 120, payee: "Tax refund", date: today(s), account: "checking" });
    expect(t.category_id).toBeUndefined();
    expect(s.call("add_income", { amount: 5, payee: "x", category_id: cat(s, "Rent").id }).outcome).toBe("invalid_arguments");
  });

  it("update_budget_transaction corrects fields; rules on category, date and empty updates", () => {
    const s = openSession(budget, 1);
    const g = cat(s, "Groceries");
    const t = s.ok("add_expense", { amount: 10, payee: "Safeway", category_id: g.id });
    const u = s.ok("update_budget_transaction", { transaction_id: t.id, amount: 14.5, category_id: cat(s, "Household").id, memo: "Paper towels" });
    expect(u).toMatchObject({ id: t.id, amount: 14.5, category_id: cat(s, "Household").id, memo: "Paper towels" });
    expect(u.category_month.spent).toBe(spent(s, cat(s, "Household").id, month(s)));
    const inc = s.rows("budget_transactions").find((x) => x.kind === "income")!;
    s.fails("update_budget_transaction", { transaction_id: inc.id, category_id: g.id }, "invalid_argument", /is an income; incomes have no category/);
    s.fails("update_budget_transaction", { transaction_id: t.id, date: addDays(today(s), 3) }, "invalid_argument", /is in the future/);
    s.fails("update_budget_transaction", { transaction_id: t.id }, "invalid_argument", /nothing to change/);
    const big = s.ok("update_budget_transaction", { transaction_id: t.id, amount: 5000 });
    expect(big.warning).toMatch(/"Household" is over its/);
  });

  it("delete_budget_transaction removes it and the month totals drop by its amount", () => {
    const s = openSession(budget, 1);
    const prev = shiftMonth(month(s), -1);
    const t = s.rows("budget_transactions").find((x) => x.kind === "expense" && x.date.startsWith(prev))!;
    const before = s.ok("get_month_summary", { month: prev });
    expect(s.ok("delete_budget_transaction", { transaction_id: t.id })).toEqual({
      deleted: t.id,
      kind: "expense",
      amount: t.amount,
      payee: t.payee,
      date: t.date,
    });
    const after = s.ok("get_month_summary", { month: prev });
    expect(after.expenses).toBe(roundMoney(before.expenses - t.amount));
    expect(after.transaction_count).toBe(before.transaction_count - 1);
    s.fails("delete_budget_transaction", { transaction_id: t.id }, "not_found", /budget_transaction/);
  });
});

describe("budget: summaries", () => {
  it("rule: the month summary's totals equal the sums of that month's transactions", () => {
    const s = openSession(budget, 1);
    for (let k = 0; k <= 3; k++) {
      const m = shiftMonth(month(s), -k);
      const txns = s.rows("budget_transactions").filter((t) => t.date.startsWith(m));
      const income = sum(txns.filter((t) => t.kind === "income"));
      const expenses = sum(txns.filter((t) => t.kind === "expense"));
      const x = s.ok("get_month_summary", { month: m });
      expect(x).toMatchObject({ month: m, income, expenses, net: roundMoney(income - expenses), transaction_count: txns.length });
      expect(roundMoney(x.by_category.reduce((t: number, c: Row) => t + c.spent, 0))).toBe(expenses);
      expect(roundMoney(x.by_group.reduce((t: number, g: Row) => t + g.spent, 0))).toBe(expenses);
      expect(x.total_budgeted).toBe(roundMoney(x.by_category.reduce((t: number, c: Row) => t + c.limit, 0)));
      expect(x.left_to_budget).toBe(roundMoney(income - x.total_budgeted));
      expect(x.over_limit).toEqual(x.by_category.filter((c: Row) => c.spent > c.limit).map((c: Row) => c.name));
    }
    // A concrete case: a fresh month with exactly two transactions.
    const t = openSession(budget, 1);
    t.advance(40 * DAY);
    t.ok("post_due_recurring_items", {});
    const m = month(t);
    const base = t.ok("get_month_summary", { month: m });
    t.ok("add_expense", { amount: 40.25, payee: "Safeway", category_id: cat(t, "Groceries").id });
    t.ok("add_income", { amount: 100, payee: "Venmo" });
    const after = t.ok("get_month_summary", { month: m });
    expect(after.expenses).toBe(roundMoney(base.expenses + 40.25));
    expect(after.income).toBe(roundMoney(base.income + 100));
    expect(after.net).toBe(roundMoney(base.net + 59.75));
    expect(after.by_category.find((c: Row) => c.name === "Groceries").spent).toBe(
      roundMoney(base.by_category.find((c: Row) => c.name === "Groceries").spent + 40.25),
    );
  });

  it("get_category_spending lists months with limit, spent and remaining, the average and top payees", () => {
    const s = openSession(budget, 1);
    const g = cat(s, "Groceries");
    const r = s.ok("get_category_spending", { category_id: g.id });
    expect(r.months.map((x: Row) => x.month)).toEqual([3, 2, 1, 0].map((k) => shiftMonth(month(s), -k)));
    for (const x of r.months) {
      expect(x.spent).toBe(spent(s, g.id, x.month));
      expect(x.limit).toBe(g.limits[x.month]);
      expect(x.remaining).toBe(roundMoney(x.limit - x.spent));
    }
    expect(r.total_spent).toBe(roundMoney(r.months.reduce((t: number, x: Row) => t + x.spent, 0)));
    expect(r.average_spent).toBe(roundMoney(r.total_spent / 4));
    const tops = r.top_payees.map((p: Row) => p.spent);
    expect(tops).toEqual([...tops].sort((a: number, b: number) => b - a));
    const one = s.ok("get_category_spending", { category_id: g.id, from_month: month(s), to_month: month(s) });
    expect(one.months).toHaveLength(1);
    s.fails(
      "get_category_spending",
      { category_id: g.id, from_month: "2026-05", to_month: "2026-02" },
      "invalid_argument",
      /from_month \(2026-05\) is after to_month \(2026-02\): the range runs backwards/,
    );
    s.fails("get_category_spending", { category_id: g.id, from_month: "2023-01", to_month: "2026-02" }, "invalid_argument", /is 38 months; ask for at most 24/);
  });

  it("list_budget_payees aggregates payees, largest total first", () => {
    const s = openSession(budget, 1);
    const p = s.ok("list_budget_payees", { limit: 100 });
    expect(p.items[0]).toMatchObject({ payee: worldFor(1).user.company, kind: "income" });
    const tj = s.ok("list_budget_payees", { query: "trader joe" }).items[0];
    const txns = s.rows("budget_transactions").filter((t) => t.payee === "Trader Joe's");
    expect(tj).toMatchObject({ payee: "Trader Joe's", transactions: txns.length, total: sum(txns), usual_category: "Groceries" });
    expect(s.ok("list_budget_payees", { kind: "income", limit: 100 }).items.every((x: Row) => x.kind === "income")).toBe(true);
  });
});

describe("budget: recurring items", () => {
  it("list_recurring_items is sorted by next date and filters by status and kind", () => {
    const s = openSession(budget, 1);
    const all = s.ok("list_recurring_items", { limit: 100 }).items;
    expect(all.map((r: Row) => r.next_date)).toEqual([...all.map((r: Row) => r.next_date)].sort());
    expect(all.filter((r: Row) => r.status === "active").every((r: Row) => r.next_date > today(s))).toBe(true);
    expect(all.every((r: Row) => r.start_date >= r.created_at.slice(0, 10))).toBe(true);
    expect(s.ok("list_recurring_items", { status: "cancelled" }).items.map((r: Row) => r.payee)).toEqual(["Hulu"]);
    expect(s.ok("list_recurring_items", { kind: "income" }).items.map((r: Row) => r.frequency)).toEqual(["twice_a_month"]);
  });

  it("recurring items post on the clock: post_due_recurring_items and any write post what has come due", () => {
    const s = openSession(budget, 1);
    expect(s.ok("post_due_recurring_items", {})).toEqual({ posted: [], count: 0, total_income: 0, total_expenses: 0 });
    const active = s.rows("recurring_items").filter((r) => r.status === "active");
    s.advance(16 * DAY);
    const due = active.filter((r) => r.next_date <= today(s));
    expect(due.length).toBeGreaterThan(2);
    const r = s.ok("post_due_recurring_items", {});
    expect(r.count).toBe(due.length);
    expect(r.posted.map((t: Row) => t.recurring_item_id).sort()).toEqual(due.map((x) => x.id).sort());
    expect(r.total_income).toBe(sum(due.filter((x) => x.kind === "income")));
    for (const t of r.posted) expect(t.amount).toBe(due.find((x) => x.id === t.recurring_item_id)!.amount);
    const salary = s.rows("recurring_items").find((x) => x.kind === "income")!;
    expect(salary.next_date > today(s)).toBe(true);
    // Hulu is cancelled: nothing posts from it.
    expect(r.posted.some((t: Row) => t.payee === "Hulu")).toBe(false);
    // A month later, a plain add_expense first posts what has come due.
    s.advance(30 * DAY);
    const before = s.rows("budget_transactions").length;
    s.ok("add_expense", { amount: 5, payee: "Blue Bottle Coffee", category_id: cat(s, "Dining Out").id });
    expect(s.rows("budget_transactions").length).toBeGreaterThan(before + 3);
    expect(
      s
        .rows("recurring_items")
        .filter((x) => x.status === "active")
        .every((x) => x.next_date > today(s)),
    ).toBe(true);
  });

  it("create_recurring_item schedules from today or later and posts when due", () => {
    const s = openSession(budget, 1);
    const fit = cat(s, "Fitness");
    const now = s.ok("create_recurring_item", {
      kind: "expense",
      amount: 20,
      payee: "Peloton",
      category_id: fit.id,
      frequency: "monthly",
      start_date: today(s),
    });
    expect(now).toMatchObject({ status: "active", start_date: today(s) });
    expect(now.posted_transactions).toHaveLength(1);
    expect(now.posted_transactions[0]).toMatchObject({ date: today(s), amount: 20, payee: "Peloton", recurring_item_id: now.id });
    expect(now.next_date).toBe(`${shiftMonth(month(s), 1)}-${today(s).slice(8, 10)}`);
    const weekly = s.ok("create_recurring_item", {
      kind: "income",
      amount: 60,
      payee: "Tutoring",
      frequency: "weekly",
      start_date: addDays(today(s), 2),
      end_date: addDays(today(s), 16),
    });
    expect(weekly).toMatchObject({ next_date: addDays(today(s), 2), posted_transactions: [] });
    s.advance(30 * DAY);
    s.ok("post_due_recurring_items", {});
    const posted = s
      .rows("budget_transactions")
      .filter((t) => t.recurring_item_id === weekly.id)
      .map((t) => t.date);
    expect(posted).toEqual([2, 9, 16].map((d) => addDays(addDays(today(s), -30), d)));
    expect(s.rows("recurring_items").find((x) => x.id === weekly.id)!.status).toBe("completed");
  });

  it("rule: recurring expenses need a category, incomes take none, and they start today or later", () => {
    const s = openSession(budget, 1);
    const fit = cat(s, "Fitness");
    s.fails(
      "create_recurring_item",
      { kind: "expense", amount: 20, payee: "Gym", frequency: "monthly", start_date: today(s) },
      "invalid_argument",
      /needs a category_id/,
    );
    s.fails(
      "create_recurring_item",
      { kind: "income", amount: 20, payee: "Job", category_id: fit.id, frequency: "monthly", start_date: today(s) },
      "invalid_argument",
      /takes no category/,
    );
    s.fails(
      "create_recurring_item",
      { kind: "expense", amount: 20, payee: "Gym", category_id: fit.id, frequency: "monthly", start_date: addDays(today(s), -1) },
      "invalid_argument",
      /is in the past .*record past transactions with add_expense/,
    );
    s.fails(
      "create_recurring_item",
      {
        kind: "expense",
        amount: 20,
        payee: "Gym",
        category_id: fit.id,
        frequency: "monthly",
        start_date: addDays(today(s), 5),
        end_date: addDays(today(s), 4),
      },
      "invalid_argument",
      /start_date \(.*\) is after end_date/,
    );
  });

  it("twice_a_month items run on the 1st and the 15th", () => {
    const s = openSession(budget, 1);
    const start = addDays(today(s), 1);
    const r = s.ok("create_recurring_item", { kind: "income", amount: 500, payee: "Side gig", frequency: "twice_a_month", start_date: start });
    const day = Number(start.slice(8, 10));
    const expected = day === 1 || day === 15 ? start : day < 15 ? `${start.slice(0, 8)}15` : `${shiftMonth(start.slice(0, 7), 1)}-01`;
    expect(r.next_date).toBe(expected);
  });

  it("update_recurring_item changes an active item (e.g. a rent increase), which posts at the new amount", () => {
    const s = openSession(budget, 1);
    const rent = s.rows("recurring_items").find((x) => x.payee.endsWith("Property Management"))!;
    const u = s.ok("update_recurring_item", { recurring_item_id: rent.id, amount: rent.amount + 100 });
    expect(u).toMatchObject({ amount: rent.amount + 100, next_date: rent.next_date });
    s.advance(32 * DAY);
    s.ok("post_due_recurring_items", {});
    const posted = s.rows("budget_transactions").filter((t) => t.recurring_item_id === rent.id && t.date === rent.next_date);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.amount).toBe(rent.amount + 100);
    s.fails("update_recurring_item", { recurring_item_id: rent.id, next_date: addDays(today(s), -1) }, "invalid_argument", /is in the past/);
    s.fails("update_recurring_item", { recurring_item_id: rent.id }, "invalid_argument", /nothing to change/);
    const salary = s.rows("recurring_items").find((x) => x.kind === "income")!;
    s.fails("update_recurring_item", { recurring_item_id: salary.id, category_id: cat(s, "Rent").id }, "invalid_argument", /is an income/);
    const hulu = s.rows("recurring_items").find((x) => x.payee === "Hulu")!;
    s.fails("update_recurring_item", { recurring_item_id: hulu.id, amount: 9.99 }, "failed_precondition", /is cancelled; only active items can be changed/);
  });

  it("cancel_recurring_item stops an item; rule: only active items", () => {
    const s = openSession(budget, 1);
    const netflix = s.rows("recurring_items").find((x) => x.payee === "Netflix")!;
    const c = s.ok("cancel_recurring_item", { recurring_item_id: netflix.id });
    expect(c).toMatchObject({ status: "cancelled" });
    s.fails("cancel_recurring_item", { recurring_item_id: netflix.id }, "failed_precondition", /is already cancelled/);
    s.advance(40 * DAY);
    const r = s.ok("post_due_recurring_items", {});
    expect(r.posted.some((t: Row) => t.recurring_item_id === netflix.id)).toBe(false);
  });
});

describe("budget: a multi-step scenario", () => {
  it("create a category, budget it, overspend, see the warning in the summary and fix it by moving money", () => {
    const s = openSession(budget, 2);
    const pets = s.ok("create_budget_category", { name: "Pet Care", group: "Everyday" });
    const limit = s.ok("set_category_limit", { category_id: pets.id, amount: 60 });
    expect(limit).toMatchObject({ limit: 60, spent: 0, remaining: 60 });
    const vet = s.ok("add_expense", { amount: 95.5, payee: "Bayview Vet Clinic", category_id: limit.category_id, memo: "Vaccines" });
    expect(vet.warning).toMatch(/"Pet Care" is over its .* limit: 95.50 spent of 60.00 \(35.50 over\)/);
    const summary = s.ok("get_month_summary", {});
    expect(summary.over_limit).toContain("Pet Care");
    const donor = summary.by_category.find((c: Row) => c.name !== "Pet Care" && c.remaining >= 35.5);
    const moved = s.ok("move_budget_between_categories", {
      from_category_id: donor.category_id,
      to_category_id: vet.category_id,
      amount: roundMoney(vet.category_month.spent - vet.category_month.limit),
    });
    expect(moved.to).toMatchObject({ limit: 95.5, spent: 95.5, remaining: 0, over_limit: false });
    expect(s.ok("get_month_summary", {}).over_limit).not.toContain("Pet Care");
    const spending = s.ok("get_category_spending", { category_id: pets.id, from_month: month(s) });
    expect(spending.top_payees).toEqual([{ payee: "Bayview Vet Clinic", spent: 95.5 }]);
  });
});
