/**
 * Budget state, modelled on YNAB: the user's personal budget. Categories in groups (Bills,
 * Everyday, Fun, Health, Savings goals) with a monthly limit (the amount budgeted), transactions
 * (expenses and incomes) with payee, date, category and memo, and recurring items (salary, rent,
 * subscriptions) that post themselves as the session's clock reaches their dates.
 *
 * Amounts are positive numbers with cents; a transaction's `kind` says which way the money went.
 * A category's limit for a month is the one set for that month, else the latest one set before it
 * (limits carry forward), else 0.
 */
import { formatMoney, roundMoney, table, time, toolkit, z, type CallEnv, type Db } from "../framework/index.ts";

export const ACCOUNTS = ["checking", "credit_card", "cash", "savings"] as const;
export const FREQUENCIES = ["weekly", "every_other_week", "twice_a_month", "monthly", "yearly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const BudgetCategory = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string(),
  note: z.string(),
  /** Amount budgeted per month, "2026-03" → 450; months without an entry inherit the latest earlier one. */
  limits: z.record(z.string().refine(time.isIsoMonth), z.number().min(0)),
  /** Savings goals: the total the user is saving towards. */
  goal_amount: z.number().positive().optional(),
  created_at: z.string(),
});
export type BudgetCategory = z.output<typeof BudgetCategory>;

export const BudgetTransaction = z.object({
  id: z.string(),
  date: z.string(),
  kind: z.enum(["expense", "income"]),
  amount: z.number().positive(),
  payee: z.string(),
  /** Expenses only; income goes to "ready to assign". */
  category_id: z.string().optional(),
  account: z.enum(ACCOUNTS),
  memo: z.string(),
  recurring_item_id: z.string().optional(),
  created_at: z.string(),
});
export type BudgetTransaction = z.output<typeof BudgetTransaction>;

export const RecurringItem = z.object({
  id: z.string(),
  kind: z.enum(["expense", "income"]),
  amount: z.number().positive(),
  payee: z.string(),
  category_id: z.string().optional(),
  account: z.enum(ACCOUNTS),
  frequency: z.enum(FREQUENCIES),
  start_date: z.string(),
  /** The next date it posts on. */
  next_date: z.string(),
  end_date: z.string().optional(),
  status: z.enum(["active", "cancelled", "completed"]),
  memo: z.string(),
  created_at: z.string(),
  cancelled_at: z.string().optional(),
});
export type RecurringItem = z.output<typeof RecurringItem>;

export const tables = {
  budget_categories: table("budget_category", BudgetCategory, { idPrefix: "CAT-", describe: (c) => `the budget category "${c.name}" (${c.group})` }),
  budget_transactions: table("budget_transaction", BudgetTransaction, {
    idPrefix: "BTX-",
    idDigits: 5,
    describe: (t) => `the ${t.kind} of ${t.amount.toFixed(2)} ${t.kind === "expense" ? "to" : "from"} ${t.payee} on ${t.date}`,
  }),
  recurring_items: table("recurring_item", RecurringItem, {
    idPrefix: "REC-",
    describe: (r) => `the ${r.frequency.replace(/_/g, " ")} ${r.kind} of ${r.amount.toFixed(2)} ${r.kind === "expense" ? "to" : "from"} ${r.payee}`,
  }),
};

export const { read, write } = toolkit(tables);
export type Budget = Db<typeof tables>;

export const fmt = formatMoney;

/** The limit in force for a month: set for it, else the latest set before it, else 0. */
export function limitFor(c: Pick<BudgetCategory, "limits">, month: string): number {
  if (c.limits[month] !== undefined) return c.limits[month] as number;
  let best: string | undefined;
  for (const m of Object.keys(c.limits)) if (m < month && (!best || m > best)) best = m;
  return best ? (c.limits[best] as number) : 0;
}

export function spentIn(db: Budget, categoryId: string, month: string): number {
  return roundMoney(
    db.budget_transactions.filter((t) => t.kind === "expense" && t.category_id === categoryId && t.date.startsWith(month)).reduce((s, t) => s + t.amount, 0),
  );
}

/** Limit, spending and what is left of a category in a month, with a warning when it is over. */
export function categoryMonth(db: Budget, c: BudgetCategory, month: string) {
  const limit = limitFor(c, month);
  const spent = spentIn(db, c.id, month);
  const remaining = roundMoney(limit - spent);
  return { category_id: c.id, name: c.name, group: c.group, month, limit, spent, remaining, over_limit: spent > limit };
}

export function overWarning(db: Budget, c: BudgetCategory, month: string): string | undefined {
  const m = categoryMonth(db, c, month);
  if (!m.over_limit) return undefined;
  return m.limit === 0
    ? `"${c.name}" has no budget for ${month} and ${fmt(m.spent)} is spent in it; set a limit with set_category_limit or move money in with move_budget_between_categories`
    : `"${c.name}" is over its ${month} limit: ${fmt(m.spent)} spent of ${fmt(m.limit)} (${fmt(-m.remaining)} over)`;
}

/** The date `months` calendar months after `date`, on `day` (clamped to the month's end). */
function addMonths(date: string, months: number, day: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(day, time.daysInMonth(`${year}-${String(month).padStart(2, "0")}`))).padStart(2, "0")}`;
}

/** The occurrence after `date` of a schedule that started on `start`. */
export function nextOccurrence(frequency: Frequency, date: string, start: string): string {
  const startDay = Number(start.slice(8, 10));
  switch (frequency) {
    case "weekly":
      return time.addDays(date, 7);
    case "every_other_week":
      return time.addDays(date, 14);
    case "twice_a_month":
      return Number(date.slice(8, 10)) < 15 ? `${date.slice(0, 8)}15` : addMonths(date, 1, 1);
    case "monthly":
      return addMonths(date, 1, startDay);
    case "yearly":
      return addMonths(date, 12, startDay);
  }
}

/** The first occurrence on or after `start` (twice_a_month runs on the 1st and the 15th). */
export function firstOccurrence(frequency: Frequency, start: string): string {
  if (frequency !== "twice_a_month") return start;
  const day = Number(start.slice(8, 10));
  return day === 1 || day === 15 ? start : day < 15 ? `${start.slice(0, 8)}15` : addMonths(start, 1, 1);
}

/** Posts every occurrence of active recurring items due by today, all items together in date order (ties by item); returns the new transactions. */
export function postDue(db: Budget, env: CallEnv): BudgetTransaction[] {
  const posted: BudgetTransaction[] = [];
  // Bounded: at most ~2 years of weekly postings per item and call.
  const left = new Map<string, number>();
  const isDue = (r: RecurringItem) => r.status === "active" && r.next_date <= env.today && (left.get(r.id) ?? 120) > 0;
  for (let r = earliest(db.recurring_items.filter(isDue)); r; r = earliest(db.recurring_items.filter(isDue))) {
    left.set(r.id, (left.get(r.id) ?? 120) - 1);
    if (r.end_date && r.next_date > r.end_date) {
      db.recurring_items.update(r.id, { status: "completed" });
      continue;
    }
    posted.push(
      db.budget_transactions.create({
        date: r.next_date,
        kind: r.kind,
        amount: r.amount,
        payee: r.payee,
        ...(r.category_id ? { category_id: r.category_id } : {}),
        account: r.account,
        memo: r.memo,
        recurring_item_id: r.id,
        created_at: env.now,
      }),
    );
    const next = nextOccurrence(r.frequency, r.next_date, r.start_date);
    db.recurring_items.update(r.id, { next_date: next, status: r.end_date && next > r.end_date ? "completed" : "active" });
  }
  return posted;
}

/** The item due first (ties by id). */
function earliest(items: readonly RecurringItem[]): RecurringItem | undefined {
  return items.reduce<RecurringItem | undefined>(
    (best, r) => (!best || r.next_date < best.next_date || (r.next_date === best.next_date && r.id < best.id) ? r : best),
    undefined,
  );
}
