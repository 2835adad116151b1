/** Budget's seed, checked against the rules someone who keeps a YNAB budget would expect. */
import { expect, it } from "vitest";
import budget from "../../ts/servers/budget/index.ts";
import type { BudgetCategory, BudgetTransaction, RecurringItem } from "../../ts/servers/budget/state.ts";
import { openSession } from "../helpers/session.ts";
import { groupBy, seedRules } from "../helpers/seed-rules.ts";

const cents = (x: number) => Math.round(x * 100);
const monthsBack = (today: string, k: number) => {
  const m = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - k;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
};
const VARIABLE = ["Groceries", "Dining Out", "Transportation", "Household", "Personal Care", "Utilities", "Entertainment", "Shopping", "Hobbies", "Medical"];

seedRules(budget, {
  "every transaction falls between the 1st of three months ago and today": (s) => {
    const first = `${monthsBack(s.world.today, 3)}-01`;
    for (const t of s.rows<BudgetTransaction>("budget_transactions")) {
      expect(t.date >= first && t.date <= s.world.today, `${t.id} ${t.date}`).toBe(true);
      expect(t.created_at <= s.world.now, t.id).toBe(true);
    }
  },
  "an expense has a category that exists; an income has none": (s) => {
    const ids = new Set(s.rows<BudgetCategory>("budget_categories").map((c) => c.id));
    for (const t of s.rows<BudgetTransaction>("budget_transactions")) {
      if (t.kind === "expense") expect(ids.has(t.category_id ?? ""), t.id).toBe(true);
      else expect(t.category_id, t.id).toBeUndefined();
    }
  },
  "every category has a limit for each of the three months before this one and for this one": (s) => {
    const months = [3, 2, 1, 0].map((k) => monthsBack(s.world.today, k));
    for (const c of s.rows<BudgetCategory>("budget_categories")) expect(Object.keys(c.limits).sort(), c.name).toEqual(months);
  },
  "a monthly item posts once a month on its day, the same amount, to its payee and category; twice_a_month posts on the 1st and the 15th": (s) => {
    const items = new Map(s.rows<RecurringItem>("recurring_items").map((r) => [r.id, r]));
    for (const [itemId, posts] of groupBy(
      s.rows<BudgetTransaction>("budget_transactions").filter((t) => t.recurring_item_id),
      (t) => t.recurring_item_id as string,
    )) {
      const r = items.get(itemId)!;
      for (const t of posts) expect([t.amount, t.payee, t.category_id, t.kind]).toEqual([r.amount, r.payee, r.category_id, r.kind]);
      if (r.frequency === "monthly") {
        expect(new Set(posts.map((t) => t.date.slice(0, 7))).size, r.payee).toBe(posts.length);
        expect(new Set(posts.map((t) => t.date.slice(8))), r.payee).toEqual(new Set([r.start_date.slice(8)]));
      }
      if (r.frequency === "twice_a_month") for (const t of posts) expect(["01", "15"]).toContain(t.date.slice(8));
    }
  },
  "an active item's next date is after today and is where its postings left off; a cancelled one posted nothing after it was cancelled": (s) => {
    const posts = s.rows<BudgetTransaction>("budget_transactions");
    const rs = s.rows<RecurringItem>("recurring_items");
    expect(rs.filter((r) => r.status === "cancelled")).toHaveLength(1);
    for (const r of rs) {
      const own = posts.filter((t) => t.recurring_item_id === r.id);
      if (r.status === "active") {
        expect(r.next_date > s.world.today, r.payee).toBe(true);
        if (own.length) expect(own.every((t) => t.date < r.next_date)).toBe(true);
      } else for (const t of own) expect(t.date <= (r.cancelled_at ?? "").slice(0, 10), r.payee).toBe(true);
    }
  },
  "salary comes from the user's employer on the 1st and the 15th": (s) => {
    const pay = s.rows<BudgetTransaction>("budget_transactions").filter((t) => t.kind === "income" && t.memo === "Payroll");
    expect(pay.length).toBeGreaterThanOrEqual(6);
    for (const t of pay) expect([t.payee, ["01", "15"].includes(t.date.slice(8))]).toEqual([s.world.user.company, true]);
  },
  "streaming subscriptions (Netflix, Spotify) charge once a month": (s) => {
    for (const name of ["Netflix", "Spotify"]) {
      const posts = s.rows<BudgetTransaction>("budget_transactions").filter((t) => t.payee === name);
      expect(posts.length).toBeGreaterThanOrEqual(3);
      expect(new Set(posts.map((t) => t.date.slice(0, 7))).size).toBe(posts.length);
    }
  },
  "in a past month everyday spending stays within its limit, except at most two categories that run over by at most 25%": (s) => {
    const cats = s.rows<BudgetCategory>("budget_categories").filter((c) => VARIABLE.includes(c.name));
    const txns = s.rows<BudgetTransaction>("budget_transactions");
    for (const month of [3, 2, 1].map((k) => monthsBack(s.world.today, k))) {
      const over = cats.filter((c) => {
        const spent = txns.filter((t) => t.category_id === c.id && t.date.startsWith(month)).reduce((n, t) => n + cents(t.amount), 0);
        expect(spent, `${c.name} ${month}`).toBeLessThanOrEqual(Math.round(cents(c.limits[month]!) * 1.25) + 1);
        return spent > cents(c.limits[month]!);
      });
      expect(over.length, month).toBeLessThanOrEqual(2);
    }
  },
  "a savings goal aims higher than what is budgeted for it each month": (s) => {
    const goals = s.rows<BudgetCategory>("budget_categories").filter((c) => c.group === "Savings goals");
    expect(goals).toHaveLength(3);
    for (const g of goals) for (const limit of Object.values(g.limits)) expect(g.goal_amount!, g.name).toBeGreaterThan(limit);
  },
});

it("budget: seeded recurring items post themselves, at the next write, once the clock reaches their next date", () => {
  const s = openSession(budget, 7);
  const rent = s.rows<RecurringItem>("recurring_items").find((r) => r.memo === "Rent")!;
  const before = s.rows<BudgetTransaction>("budget_transactions").filter((t) => t.recurring_item_id === rent.id).length;
  s.advanceTo(`${rent.next_date}T09:00:00Z`);
  s.ok("create_budget_category", { name: "Pets", group: "Everyday" });
  const after = s.rows<BudgetTransaction>("budget_transactions").filter((t) => t.recurring_item_id === rent.id);
  expect(after.length).toBe(before + 1);
  expect(after.at(-1)!.date).toBe(rent.next_date);
  expect(s.row<RecurringItem>("recurring_items", rent.id).next_date > rent.next_date).toBe(true);
});
