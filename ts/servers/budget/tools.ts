/**
 * Budget tools, shaped after the YNAB API: categories and their monthly limits, transactions
 * (add_expense, add_income, update, delete), month and category summaries, payees, and recurring
 * items that post on the clock. Every writing tool first posts the recurring items that have come
 * due, as YNAB enters scheduled transactions on their date.
 *
 * Rules enforced:
 * - category names are unique (ignoring case); deleting a category that has transactions or
 *   active recurring items needs a target category to move them to (not itself);
 * - limits are ≥ 0 with cents; moving budget between categories moves at most the source's limit;
 * - amounts are positive with cents; dates are valid calendar dates and posted transactions are
 *   not in the future (future ones are recurring items, which start today or later);
 * - expenses need a category, incomes take none; a spending over a limit returns a warning in
 *   the result, not an error;
 * - only active recurring items can be changed or cancelled;
 * - the month summary's totals are the sums of that month's transactions.
 */
import {
  check,
  isoDate,
  matchesText,
  money,
  month as monthParam,
  page,
  paginate,
  rangeStart,
  ref,
  roundMoney,
  text,
  time,
  z,
  type CallEnv,
} from "../framework/index.ts";
import {
  ACCOUNTS,
  categoryMonth,
  firstOccurrence,
  fmt,
  FREQUENCIES,
  limitFor,
  overWarning,
  postDue,
  read,
  write,
  type Budget,
  type BudgetCategory,
  type BudgetTransaction,
} from "./state.ts";

const categoryId = (d: string) => ref("budget_category", d);
const limitAmount = (d: string) => money(d, { min: 0, max: 1e7, what: "a limit", zero: "no budget" });
const payeeParam = z.string().trim().min(1, "the payee must not be empty").max(100).describe("Who was paid (or who paid), e.g. 'Trader Joe's'");

function byDateDesc(a: BudgetTransaction, b: BudgetTransaction): number {
  return a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function checkUniqueName(db: Budget, name: string, exceptId?: string): void {
  const dup = db.budget_categories.find((c) => c.id !== exceptId && sameName(c.name, name));
  check(
    !dup,
    () => `a category named "${dup?.name}" already exists (${dup?.id}, in ${dup?.group}); choose another name or use that category`,
    "already_exists",
  );
}

function checkPosted(date: string, env: CallEnv): void {
  check(
    date <= env.today,
    `date ${date} is in the future (today is ${env.today}); only transactions that happened can be posted — schedule future ones with create_recurring_item`,
    "invalid_argument",
  );
}

function withWarning(db: Budget, t: BudgetTransaction) {
  if (t.kind !== "expense" || !t.category_id) return t;
  const c = db.budget_categories.need(t.category_id);
  const m = categoryMonth(db, c, time.monthOf(t.date));
  const warning = overWarning(db, c, time.monthOf(t.date));
  return { ...t, category_month: { limit: m.limit, spent: m.spent, remaining: m.remaining }, ...(warning ? { warning } : {}) };
}

function summary(db: Budget, month: string) {
  const txns = db.budget_transactions.filter((t) => t.date.startsWith(month));
  const income = roundMoney(txns.filter((t) => t.kind === "income").reduce((s, t) => s + t.amount, 0));
  const expenses = roundMoney(txns.filter((t) => t.kind === "expense").reduce((s, t) => s + t.amount, 0));
  const categories = db.budget_categories.all().map((c) => categoryMonth(db, c, month));
  const groups = new Map<string, { group: string; limit: number; spent: number }>();
  for (const c of categories) {
    const g = groups.get(c.group) ?? { group: c.group, limit: 0, spent: 0 };
    g.limit = roundMoney(g.limit + c.limit);
    g.spent = roundMoney(g.spent + c.spent);
    groups.set(c.group, g);
  }
  const uncategorized = roundMoney(
    txns.filter((t) => t.kind === "expense" && (!t.category_id || !db.budget_categories.has(t.category_id))).reduce((s, t) => s + t.amount, 0),
  );
  const budgeted = roundMoney(categories.reduce((s, c) => s + c.limit, 0));
  return {
    month,
    income,
    expenses,
    net: roundMoney(income - expenses),
    total_budgeted: budgeted,
    left_to_budget: roundMoney(income - budgeted),
    transaction_count: txns.length,
    by_group: [...groups.values()].map((g) => ({ ...g, remaining: roundMoney(g.limit - g.spent) })),
    by_category: categories,
    ...(uncategorized ? { uncategorized } : {}),
    over_limit: categories.filter((c) => c.over_limit).map((c) => c.name),
  };
}

export const tools = {
  list_budget_categories: read({
    description: "The budget's categories with their group and, for a month (default this month), the limit, amount spent and what remains. Filter by group.",
    input: z
      .object({
        group: z.string().trim().max(40).optional().describe("Only this group, e.g. 'Bills' or 'Everyday'"),
        month: monthParam("Month for the limit and spending figures (default: this month)").optional(),
        ...page,
      })
      .strict(),
    discovers: "budget_category",
    run: (db, a, env) => {
      const month = a.month ?? time.monthOf(env.today);
      const p = db.budget_categories.page(a, {
        where: (c) => matchesText(a.group, c.group),
        sort: (x, y) => (x.group === y.group ? (x.name < y.name ? -1 : 1) : x.group < y.group ? -1 : 1),
      });
      return { ...p, items: p.items.map((c) => ({ ...categoryMonth(db, c, month), note: c.note, ...(c.goal_amount ? { goal_amount: c.goal_amount } : {}) })) };
    },
  }),

  create_budget_category: write({
    description:
      "Add a category to a group (an existing one such as 'Everyday', or a new group), optionally with this month's limit. Names are unique. Returns the category.",
    input: z
      .object({
        name: z.string().trim().min(1).max(60).describe("Category name, e.g. 'Pet care'"),
        group: z.string().trim().min(1).max(40).describe("Group it belongs to, e.g. 'Everyday', 'Bills', 'Savings goals'"),
        limit: limitAmount("Limit for this month, default 0").optional(),
        goal_amount: money("For savings goals: the total to save").optional(),
        note: text("Note", 300).default(""),
      })
      .strict(),
    produces: "budget_category",
    run: (db, a, env) => {
      postDue(db, env);
      checkUniqueName(db, a.name);
      const existingGroup = db.budget_categories.find((c) => sameName(c.group, a.group))?.group;
      return db.budget_categories.create({
        name: a.name,
        group: existingGroup ?? a.group,
        note: a.note,
        limits: a.limit !== undefined ? { [time.monthOf(env.today)]: a.limit } : {},
        ...(a.goal_amount ? { goal_amount: a.goal_amount } : {}),
        created_at: env.now,
      });
    },
  }),

  update_budget_category: write({
    description: "Rename a category, move it to another group, or change its note or savings goal. Names stay unique. Returns the category.",
    input: z
      .object({
        category_id: categoryId("The category"),
        name: z.string().trim().min(1).max(60).optional().describe("New name, 1-60 characters"),
        group: z.string().trim().min(1).max(40).optional().describe("New group the category is shown under, e.g. 'Housing'"),
        note: text("Note", 300).optional(),
        goal_amount: money("Savings goal total").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      postDue(db, env);
      const c = db.budget_categories.need(a.category_id);
      check(
        a.name !== undefined || a.group !== undefined || a.note !== undefined || a.goal_amount !== undefined,
        "nothing to change: give name, group, note or goal_amount",
        "invalid_argument",
      );
      if (a.name !== undefined) checkUniqueName(db, a.name, c.id);
      const group = a.group !== undefined ? (db.budget_categories.find((x) => sameName(x.group, a.group as string))?.group ?? a.group) : undefined;
      return db.budget_categories.update(c.id, {
        ...(a.name !== undefined ? { name: a.name } : {}),
        ...(group !== undefined ? { group } : {}),
        ...(a.note !== undefined ? { note: a.note } : {}),
        ...(a.goal_amount !== undefined ? { goal_amount: a.goal_amount } : {}),
      });
    },
  }),

  delete_budget_category: write({
    description:
      "Delete a category. If it has transactions or active recurring items, name move_to_category_id: they are moved there first (their history is kept). Returns what was moved.",
    input: z
      .object({
        category_id: categoryId("The category to delete"),
        move_to_category_id: categoryId("Category that receives its transactions and recurring items").optional(),
      })
      .strict(),
    destructive: true,
    run: (db, a, env) => {
      postDue(db, env);
      const c = db.budget_categories.need(a.category_id);
      const txns = db.budget_transactions.filter((t) => t.category_id === c.id);
      const recurring = db.recurring_items.filter((r) => r.category_id === c.id && r.status === "active");
      if (txns.length || recurring.length) {
        check(
          a.move_to_category_id !== undefined,
          `"${c.name}" has ${txns.length} transaction${txns.length === 1 ? "" : "s"}${recurring.length ? ` and ${recurring.length} active recurring item${recurring.length === 1 ? "" : "s"}` : ""}; pass move_to_category_id to say which category receives them`,
        );
      }
      let target: BudgetCategory | undefined;
      if (a.move_to_category_id !== undefined) {
        check(a.move_to_category_id !== c.id, `move_to_category_id must be another category than the one being deleted (${c.id})`, "invalid_argument");
        target = db.budget_categories.need(a.move_to_category_id);
        for (const t of txns) db.budget_transactions.update(t.id, { category_id: target.id });
        for (const r of db.recurring_items.filter((x) => x.category_id === c.id)) db.recurring_items.update(r.id, { category_id: target.id });
      }
      db.budget_categories.delete(c.id);
      return {
        deleted: c.id,
        name: c.name,
        moved_to: target?.id ?? null,
        moved_transactions: target ? txns.length : 0,
        moved_recurring_items: target ? recurring.length : 0,
      };
    },
  }),

  set_category_limit: write({
    description:
      "Set how much is budgeted for a category in a month (default this month; later months without their own limit inherit it). Returns the month's limit, spending and what remains, with a warning if spending already exceeds it.",
    input: z
      .object({
        category_id: categoryId("The category"),
        amount: limitAmount("Monthly limit, ≥ 0 with cents; 0 means nothing budgeted"),
        month: monthParam("Month the limit applies to (default: this month)").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      postDue(db, env);
      const c = db.budget_categories.need(a.category_id);
      const month = a.month ?? time.monthOf(env.today);
      const next = db.budget_categories.update(c.id, { limits: { ...c.limits, [month]: a.amount } });
      const m = categoryMonth(db, next, month);
      const warning = overWarning(db, next, month);
      return { ...m, previous_limit: limitFor(c, month), ...(warning ? { warning } : {}) };
    },
  }),

  move_budget_between_categories: write({
    description:
      "Move part of one category's limit to another for a month (YNAB's 'move money'), e.g. to cover overspending. Returns both categories' new figures.",
    input: z
      .object({
        from_category_id: categoryId("Category giving budget"),
        to_category_id: categoryId("Category receiving budget"),
        amount: money("Amount to move, with cents"),
        month: monthParam("Month (default: this month)").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      postDue(db, env);
      check(a.from_category_id !== a.to_category_id, "the two categories must differ", "invalid_argument");
      const from = db.budget_categories.need(a.from_category_id);
      const to = db.budget_categories.need(a.to_category_id);
      const month = a.month ?? time.monthOf(env.today);
      const available = limitFor(from, month);
      check(
        a.amount <= available,
        `"${from.name}" has ${fmt(available)} budgeted for ${month}, so at most ${fmt(available)} can be moved out of it; asked to move ${fmt(a.amount)}`,
      );
      const f = db.budget_categories.update(from.id, { limits: { ...from.limits, [month]: roundMoney(available - a.amount) } });
      const t = db.budget_categories.update(to.id, { limits: { ...to.limits, [month]: roundMoney(limitFor(to, month) + a.amount) } });
      const warning = overWarning(db, f, month);
      return { month, moved: a.amount, from: categoryMonth(db, f, month), to: categoryMonth(db, t, month), ...(warning ? { warning } : {}) };
    },
  }),

  list_budget_transactions: read({
    description: "Transactions, newest first, filtered by month or date range, category, kind (expense or income), payee text, account or amount.",
    input: z
      .object({
        month: monthParam("Only this month, YYYY-MM").optional(),
        from_date: rangeStart("to_date", isoDate("Earliest date, inclusive")).optional(),
        to_date: isoDate("Latest date, inclusive").optional(),
        category_id: categoryId("Only this category").optional(),
        kind: z.enum(["expense", "income"]).optional().describe("Only expenses or only income"),
        payee: z.string().trim().max(100).optional().describe("Part of the payee's name"),
        account: z.enum(ACCOUNTS).optional().describe("Only transactions of this account"),
        min_amount: rangeStart("max_amount", money("Smallest amount", { min: 0, what: "min_amount" })).optional(),
        max_amount: money("Largest amount", { min: 0, what: "max_amount" }).optional(),
        ...page,
      })
      .strict(),
    discovers: "budget_transaction",
    run: (db, a) =>
      db.budget_transactions.page(a, {
        where: (t) =>
          (!a.month || t.date.startsWith(a.month)) &&
          (!a.from_date || t.date >= a.from_date) &&
          (!a.to_date || t.date <= a.to_date) &&
          (!a.category_id || t.category_id === a.category_id) &&
          (!a.kind || t.kind === a.kind) &&
          matchesText(a.payee, t.payee) &&
          (!a.account || t.account === a.account) &&
          (a.min_amount === undefined || t.amount >= a.min_amount) &&
          (a.max_amount === undefined || t.amount <= a.max_amount),
        sort: byDateDesc,
      }),
  }),

  get_budget_transaction: read({
    description: "One transaction by id, with its category's name.",
    input: z.object({ transaction_id: ref("budget_transaction", "The transaction") }).strict(),
    run: (db, a) => {
      const t = db.budget_transactions.need(a.transaction_id);
      return { ...t, category_name: t.category_id ? db.budget_categories.get(t.category_id)?.name : undefined };
    },
  }),

  add_expense: write({
    description:
      "Record money spent: amount, payee, category, date (default today, never in the future) and account. Returns the transaction with the category's limit, spending and remaining for that month, plus a warning if the category is now over its limit.",
    input: z
      .object({
        amount: money("Amount spent, positive with cents, e.g. 42.50"),
        payee: payeeParam,
        category_id: categoryId("Budget category it belongs to"),
        date: isoDate("Day of the purchase, YYYY-MM-DD (default today)").optional(),
        account: z.enum(ACCOUNTS).default("checking").describe("Which account paid"),
        memo: text("Note", 300).default(""),
      })
      .strict(),
    produces: "budget_transaction",
    run: (db, a, env) => {
      postDue(db, env);
      const c = db.budget_categories.need(a.category_id);
      const date = a.date ?? env.today;
      checkPosted(date, env);
      const t = db.budget_transactions.create({
        date,
        kind: "expense",
        amount: a.amount,
        payee: a.payee,
        category_id: c.id,
        account: a.account,
        memo: a.memo,
        created_at: env.now,
      });
      return withWarning(db, t);
    },
  }),

  add_income: write({
    description:
      "Record money received (salary, refund, reimbursement): amount, payer, date (default today, never in the future) and account. Income has no category. Returns the transaction.",
    input: z
      .object({
        amount: money("Amount received, positive with cents"),
        payee: payeeParam.describe("Who paid, e.g. the employer"),
        date: isoDate("Day received, YYYY-MM-DD (default today)").optional(),
        account: z.enum(ACCOUNTS).default("checking").describe("Account the money went into"),
        memo: text("Note", 300).default(""),
      })
      .strict(),
    produces: "budget_transaction",
    run: (db, a, env) => {
      postDue(db, env);
      const date = a.date ?? env.today;
      checkPosted(date, env);
      return db.budget_transactions.create({ date, kind: "income", amount: a.amount, payee: a.payee, account: a.account, memo: a.memo, created_at: env.now });
    },
  }),

  update_budget_transaction: write({
    description:
      "Correct a transaction's amount, payee, category (expenses only), date, account or memo. Returns it, with a warning if its category is now over its limit.",
    input: z
      .object({
        transaction_id: ref("budget_transaction", "The transaction"),
        amount: money("New amount, positive with cents").optional(),
        payee: payeeParam.optional(),
        category_id: categoryId("New category (expenses only)").optional(),
        date: isoDate("New date, not in the future").optional(),
        account: z.enum(ACCOUNTS).optional().describe("The account it was paid from or into"),
        memo: text("New note", 300).optional(),
      })
      .strict(),
    run: (db, a, env) => {
      postDue(db, env);
      const t = db.budget_transactions.need(a.transaction_id);
      const { transaction_id: _id, ...changes } = a;
      check(
        Object.values(changes).some((v) => v !== undefined),
        "nothing to change: give amount, payee, category_id, date, account or memo",
        "invalid_argument",
      );
      if (a.category_id !== undefined) {
        check(t.kind === "expense", `transaction ${t.id} is an income; incomes have no category`, "invalid_argument");
        db.budget_categories.need(a.category_id);
      }
      if (a.date !== undefined) checkPosted(a.date, env);
      const next = db.budget_transactions.update(t.id, {
        ...(a.amount !== undefined ? { amount: a.amount } : {}),
        ...(a.payee !== undefined ? { payee: a.payee } : {}),
        ...(a.category_id !== undefined ? { category_id: a.category_id } : {}),
        ...(a.date !== undefined ? { date: a.date } : {}),
        ...(a.account !== undefined ? { account: a.account } : {}),
        ...(a.memo !== undefined ? { memo: a.memo } : {}),
      });
      return withWarning(db, next);
    },
  }),

  delete_budget_transaction: write({
    description: "Delete a transaction for good (e.g. a duplicate). A transaction posted by a recurring item can be deleted without changing the item.",
    input: z.object({ transaction_id: ref("budget_transaction", "The transaction to delete") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      postDue(db, env);
      const t = db.budget_transactions.need(a.transaction_id);
      db.budget_transactions.delete(t.id);
      return { deleted: t.id, kind: t.kind, amount: t.amount, payee: t.payee, date: t.date };
    },
  }),

  get_month_summary: read({
    description:
      "A month at a glance (default this month): total income, expenses, net, total budgeted, and per group and per category the limit, spent and remaining, with the categories over their limit.",
    input: z.object({ month: monthParam("Month, YYYY-MM (default: this month)").optional() }).strict(),
    run: (db, a, env) => summary(db, a.month ?? time.monthOf(env.today)),
  }),

  get_category_spending: read({
    description:
      "One category month by month (default the last 4 months up to this one): limit, spent and remaining, with the average spent and the payees that took the most.",
    input: z
      .object({
        category_id: categoryId("The category"),
        from_month: rangeStart("to_month", monthParam("First month, YYYY-MM (default: 3 months before to_month)")).optional(),
        to_month: monthParam("Last month, YYYY-MM (default: this month)").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const c = db.budget_categories.need(a.category_id);
      const to = a.to_month ?? time.monthOf(env.today);
      const shift = (m: string, n: number) => {
        const k = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + n;
        return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
      };
      const from = a.from_month ?? shift(to, -3);
      check(from <= to, `from_month ${from} is after to_month ${to}`, "invalid_argument");
      const span = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
      check(span <= 24, `${from} to ${to} is ${span} months; ask for at most 24 months at a time`, "invalid_argument");
      const months: string[] = [];
      for (let m = from; m <= to; m = shift(m, 1)) months.push(m);
      const rows = months.map((m) => {
        const x = categoryMonth(db, c, m);
        return { month: m, limit: x.limit, spent: x.spent, remaining: x.remaining, over_limit: x.over_limit };
      });
      const byPayee = new Map<string, number>();
      for (const t of db.budget_transactions.filter(
        (t) => t.category_id === c.id && t.kind === "expense" && t.date.slice(0, 7) >= from && t.date.slice(0, 7) <= to,
      )) {
        byPayee.set(t.payee, roundMoney((byPayee.get(t.payee) ?? 0) + t.amount));
      }
      const total = roundMoney(rows.reduce((s, r) => s + r.spent, 0));
      return {
        category_id: c.id,
        name: c.name,
        group: c.group,
        months: rows,
        total_spent: total,
        average_spent: roundMoney(total / rows.length),
        top_payees: [...byPayee.entries()]
          .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
          .slice(0, 5)
          .map(([payee, spent]) => ({ payee, spent })),
      };
    },
  }),

  list_budget_payees: read({
    description:
      "Payees the user has paid or been paid by, with how many transactions, total amount, last date and usual category; filter by name. Sorted by total, largest first.",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Part of the payee's name"),
        kind: z.enum(["expense", "income"]).optional().describe("Only payees of expenses or of income"),
        ...page,
      })
      .strict(),
    run: (db, a) => {
      const map = new Map<string, { payee: string; kind: string; transactions: number; total: number; last_date: string; categories: Map<string, number> }>();
      for (const t of db.budget_transactions.filter((t) => matchesText(a.query, t.payee) && (!a.kind || t.kind === a.kind))) {
        const key = `${t.kind}|${t.payee}`;
        const e = map.get(key) ?? { payee: t.payee, kind: t.kind, transactions: 0, total: 0, last_date: t.date, categories: new Map<string, number>() };
        e.transactions++;
        e.total = roundMoney(e.total + t.amount);
        if (t.date > e.last_date) e.last_date = t.date;
        if (t.category_id) e.categories.set(t.category_id, (e.categories.get(t.category_id) ?? 0) + 1);
        map.set(key, e);
      }
      const list = [...map.values()]
        .map(({ categories, ...e }) => {
          const top = [...categories.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0];
          return { ...e, ...(top ? { usual_category_id: top, usual_category: db.budget_categories.get(top)?.name } : {}) };
        })
        .sort((x, y) => y.total - x.total || (x.payee < y.payee ? -1 : 1));
      return paginate(list, a);
    },
  }),

  list_recurring_items: read({
    description:
      "Recurring items (salary, rent, subscriptions…) with amount, frequency and the next date each posts on, soonest first. Filter by status or kind.",
    input: z
      .object({
        status: z.enum(["active", "cancelled", "completed"]).optional().describe("Only items in this state"),
        kind: z.enum(["expense", "income"]).optional().describe("Only expenses or only income"),
        ...page,
      })
      .strict(),
    discovers: "recurring_item",
    run: (db, a) =>
      db.recurring_items.page(a, {
        where: (r) => (!a.status || r.status === a.status) && (!a.kind || r.kind === a.kind),
        sort: (x, y) => (x.next_date === y.next_date ? (x.id < y.id ? -1 : 1) : x.next_date < y.next_date ? -1 : 1),
      }),
  }),

  create_recurring_item: write({
    description:
      "Schedule a repeating expense or income (rent, a subscription, salary) from start_date (today or later): weekly, every_other_week, twice_a_month (1st and 15th), monthly or yearly, until end_date if given. It posts a transaction on each date as the clock reaches it. Returns the item (and what it posted, if it starts today).",
    input: z
      .object({
        kind: z.enum(["expense", "income"]).describe("A recurring expense (a bill, a subscription) or income (a salary)"),
        amount: money("Amount each time, positive with cents"),
        payee: payeeParam,
        category_id: categoryId("Category (expenses only)").optional(),
        frequency: z.enum(FREQUENCIES).describe("How often it recurs"),
        start_date: rangeStart("end_date", isoDate("First date, today or later")),
        end_date: isoDate("Last date it may post on (optional)").optional(),
        account: z.enum(ACCOUNTS).default("checking").describe("The account it is paid from or into (default checking)"),
        memo: text("Note", 300).default(""),
      })
      .strict(),
    produces: "recurring_item",
    run: (db, a, env) => {
      postDue(db, env);
      if (a.kind === "expense") check(a.category_id !== undefined, "a recurring expense needs a category_id (see list_budget_categories)", "invalid_argument");
      else check(a.category_id === undefined, "recurring income takes no category; leave category_id out", "invalid_argument");
      if (a.category_id) db.budget_categories.need(a.category_id);
      check(
        a.start_date >= env.today,
        `start_date ${a.start_date} is in the past (today is ${env.today}); record past transactions with add_expense or add_income`,
        "invalid_argument",
      );
      const item = db.recurring_items.create({
        kind: a.kind,
        amount: a.amount,
        payee: a.payee,
        ...(a.category_id ? { category_id: a.category_id } : {}),
        account: a.account,
        frequency: a.frequency,
        start_date: a.start_date,
        next_date: firstOccurrence(a.frequency, a.start_date),
        ...(a.end_date ? { end_date: a.end_date } : {}),
        status: "active",
        memo: a.memo,
        created_at: env.now,
      });
      const posted = postDue(db, env);
      return { ...db.recurring_items.need(item.id), posted_transactions: posted };
    },
  }),

  update_recurring_item: write({
    description:
      "Change an active recurring item's amount, payee, category, next date (today or later) or end date, e.g. after a rent increase. Returns the item.",
    input: z
      .object({
        recurring_item_id: ref("recurring_item", "The recurring item"),
        amount: money("New amount each time").optional(),
        payee: payeeParam.optional(),
        category_id: categoryId("New category (expenses only)").optional(),
        next_date: isoDate("Next date it posts on, today or later").optional(),
        end_date: isoDate("New last date").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      postDue(db, env);
      const r = db.recurring_items.need(a.recurring_item_id);
      check(
        r.status === "active",
        `recurring item ${r.id} (${r.payee}) is ${r.status}; only active items can be changed — create a new one with create_recurring_item`,
      );
      check(
        a.amount !== undefined || a.payee !== undefined || a.category_id !== undefined || a.next_date !== undefined || a.end_date !== undefined,
        "nothing to change: give amount, payee, category_id, next_date or end_date",
        "invalid_argument",
      );
      if (a.category_id !== undefined) {
        check(r.kind === "expense", `recurring item ${r.id} is an income; incomes have no category`, "invalid_argument");
        db.budget_categories.need(a.category_id);
      }
      if (a.next_date !== undefined) check(a.next_date >= env.today, `next_date ${a.next_date} is in the past (today is ${env.today})`, "invalid_argument");
      const nextDate = a.next_date ?? r.next_date;
      if (a.end_date !== undefined) check(a.end_date >= nextDate, `end_date ${a.end_date} is before the next date ${nextDate}`, "invalid_argument");
      const next = db.recurring_items.update(r.id, {
        ...(a.amount !== undefined ? { amount: a.amount } : {}),
        ...(a.payee !== undefined ? { payee: a.payee } : {}),
        ...(a.category_id !== undefined ? { category_id: a.category_id } : {}),
        ...(a.next_date !== undefined ? { next_date: a.next_date } : {}),
        ...(a.end_date !== undefined ? { end_date: a.end_date } : {}),
      });
      const posted = postDue(db, env);
      return { ...db.recurring_items.need(next.id), posted_transactions: posted };
    },
  }),

  cancel_recurring_item: write({
    description: "Stop a recurring item; nothing more posts from it (transactions it already posted stay). Returns the item.",
    input: z.object({ recurring_item_id: ref("recurring_item", "The recurring item to stop") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      postDue(db, env);
      const r = db.recurring_items.need(a.recurring_item_id);
      check(r.status === "active", `recurring item ${r.id} (${r.payee}) is already ${r.status}`);
      return db.recurring_items.update(r.id, { status: "cancelled", cancelled_at: env.now });
    },
  }),

  post_due_recurring_items: write({
    description:
      "Post now every recurring item whose date has come (other writing tools also do this first). Returns the transactions posted (an empty list when nothing was due).",
    input: z.object({}).strict(),
    uses: ["recurring_item"],
    run: (db, _a, env) => {
      const posted = postDue(db, env);
      return {
        posted,
        count: posted.length,
        total_income: roundMoney(posted.filter((t) => t.kind === "income").reduce((s, t) => s + t.amount, 0)),
        total_expenses: roundMoney(posted.filter((t) => t.kind === "expense").reduce((s, t) => s + t.amount, 0)),
      };
    },
  }),
};
