/**
 * The user's personal budget: 18 categories in five groups with limits for the last three months
 * and this one, recurring items (salary from the user's employer, rent, bills, subscriptions,
 * savings transfers) that posted on schedule, and everyday spending that stays mostly within the
 * limits (a few categories run over some months), from the 1st of three months ago to today.
 * One builder per table: categories, recurring items (with what they posted), everyday spending.
 */
import { roundMoney, time, type Rng, type SeedContext } from "../framework/index.ts";
import { nextOccurrence, type BudgetCategory, type BudgetTransaction, type Frequency, type RecurringItem } from "./state.ts";

type Account = BudgetTransaction["account"];
type Spend = readonly [payee: string, lo: number, hi: number];
type Txn = Omit<BudgetTransaction, "id">;

const VARIABLE: Record<string, { group: string; limit: readonly [number, number]; payees: readonly Spend[]; account: Account }> = {
  Groceries: {
    group: "Everyday",
    limit: [550, 750],
    account: "credit_card",
    payees: [
      ["Whole Foods Market", 30, 140],
      ["Trader Joe's", 20, 90],
      ["Costco", 80, 260],
      ["Safeway", 15, 80],
      ["Farmers Market", 10, 40],
    ],
  },
  "Dining Out": {
    group: "Everyday",
    limit: [250, 400],
    account: "credit_card",
    payees: [
      ["Chipotle", 10, 18],
      ["Blue Bottle Coffee", 4, 12],
      ["Sweetgreen", 12, 19],
      ["Pizzeria Delfina", 25, 60],
      ["DoorDash", 20, 55],
      ["Nopa", 45, 120],
    ],
  },
  Transportation: {
    group: "Everyday",
    limit: [150, 260],
    account: "credit_card",
    payees: [
      ["Shell", 35, 70],
      ["Chevron", 35, 70],
      ["Uber", 9, 40],
      ["Lyft", 9, 35],
      ["City Parking", 6, 25],
    ],
  },
  Household: {
    group: "Everyday",
    limit: [80, 150],
    account: "credit_card",
    payees: [
      ["Target", 15, 90],
      ["The Home Depot", 15, 150],
      ["IKEA", 20, 200],
      ["Amazon", 10, 80],
    ],
  },
  "Personal Care": {
    group: "Everyday",
    limit: [50, 90],
    account: "credit_card",
    payees: [
      ["CVS Pharmacy", 6, 40],
      ["Great Clips", 22, 35],
      ["Sephora", 20, 70],
    ],
  },
  Utilities: {
    group: "Bills",
    limit: [150, 200],
    account: "checking",
    payees: [
      ["PG&E", 90, 150],
      ["City Water Utility", 30, 55],
    ],
  },
  Entertainment: {
    group: "Fun",
    limit: [100, 180],
    account: "credit_card",
    payees: [
      ["AMC Theatres", 14, 40],
      ["Ticketmaster", 45, 160],
      ["Steam", 10, 60],
    ],
  },
  Shopping: {
    group: "Fun",
    limit: [150, 300],
    account: "credit_card",
    payees: [
      ["Amazon", 12, 150],
      ["Uniqlo", 20, 120],
      ["REI", 30, 200],
    ],
  },
  Hobbies: {
    group: "Fun",
    limit: [50, 120],
    account: "credit_card",
    payees: [
      ["Michaels", 10, 60],
      ["Guitar Center", 15, 120],
      ["Barnes & Noble", 12, 45],
    ],
  },
  Medical: {
    group: "Health",
    limit: [80, 150],
    account: "checking",
    payees: [
      ["One Medical", 25, 40],
      ["CVS Pharmacy", 10, 40],
      ["Bright Smile Dental", 60, 180],
    ],
  },
};

const MEMOS: Record<string, string> = {
  Groceries: "Weekly shop",
  "Dining Out": "Team lunch",
  Shopping: "Gift",
  Entertainment: "Date night",
  Transportation: "Airport ride",
};
const SUBSCRIPTIONS: readonly Spend[] = [
  ["Netflix", 15.49, 15.49],
  ["Spotify", 11.99, 11.99],
  ["iCloud+", 2.99, 2.99],
];

/** The months of the history and the household's fixed amounts, drawn once. */
interface Plan {
  /** Three whole months before this one, then this one: "2026-01"… */
  months: string[];
  historyStart: string;
  created: string;
  rent: number;
  insurance: number;
  gym: number;
  salary: number;
  emergency: number;
  vacation: number;
}

export function seedBudget(ctx: SeedContext) {
  const plan = planOf(ctx);
  const budget_categories = budgetCategories(ctx, plan);
  const byName = new Map(budget_categories.map((c) => [c.name, c]));
  const { items, postings } = recurringItems(ctx, plan, byName);
  const txns = [...postings, ...everydaySpending(ctx.rng, plan, byName, ctx.world.today), ...paybacks(ctx, plan)];
  txns.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === b.kind ? 0 : a.kind === "income" ? -1 : 1));
  return { budget_categories, budget_transactions: txns.map((t) => ({ id: ctx.id("budget_transactions"), ...t })), recurring_items: items };
}

function monthStart(date: string, monthsBack: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - monthsBack;
  const year = y + Math.floor(m / 12);
  return `${year}-${String((((m % 12) + 12) % 12) + 1).padStart(2, "0")}-01`;
}

function planOf({ rng, world }: SeedContext): Plan {
  const months = [3, 2, 1, 0].map((k) => monthStart(world.today, k).slice(0, 7));
  return {
    months,
    historyStart: `${months[0]}-01`,
    created: time.addDays(world.now, -rng.int(400, 900)),
    rent: rng.pick([1650, 1850, 2150, 2400, 2750]),
    insurance: rng.money(118, 165),
    gym: rng.pick([24.99, 39, 59]),
    salary: rng.money(2600, 4200),
    emergency: rng.pick([300, 400, 500]),
    vacation: rng.pick([150, 200, 250]),
  };
}

/** The categories, each with a limit for each month; bills are budgeted at what they cost. */
function budgetCategories({ rng, id }: SeedContext, p: Plan): BudgetCategory[] {
  const categories: BudgetCategory[] = [];
  const add = (group: string, name: string, limits: number[], extra: Partial<BudgetCategory> = {}) =>
    categories.push({
      id: id("budget_categories"),
      name,
      group,
      note: "",
      limits: Object.fromEntries(p.months.map((m, k) => [m, roundMoney(limits[k] ?? limits[0] ?? 0)])),
      created_at: p.created,
      ...extra,
    });
  const steady = (name: string) => {
    const [lo, hi] = VARIABLE[name]!.limit;
    const base = Math.round(rng.float(lo, hi) / 10) * 10;
    const later = rng.bool(0.3) ? base + rng.pick([-20, 20, 30, 50]) : base;
    return [base, base, later, later];
  };
  add("Bills", "Rent", [p.rent]);
  add("Bills", "Utilities", steady("Utilities"));
  add("Bills", "Phone & Internet", [150]);
  add("Bills", "Insurance", [Math.ceil(p.insurance)]);
  add("Bills", "Subscriptions", [40]);
  for (const name of ["Groceries", "Dining Out", "Transportation", "Household", "Personal Care"]) add("Everyday", name, steady(name));
  for (const name of ["Entertainment", "Shopping", "Hobbies"]) add("Fun", name, steady(name));
  add("Health", "Medical", steady("Medical"));
  add("Health", "Fitness", [Math.ceil(p.gym)]);
  add("Savings goals", "Emergency Fund", [p.emergency], { goal_amount: 15000, note: "Six months of expenses" });
  add("Savings goals", "Vacation", [p.vacation], {
    goal_amount: rng.pick([2500, 3000, 4000]),
    note: rng.pick(["Lisbon in the spring", "Japan trip", "Summer road trip"]),
  });
  add("Savings goals", "New Laptop", [0, 0, 100, 100], { goal_amount: 2000 });
  return categories;
}

/** The first date on or after `date` that falls on the schedule's day of the month (1st/15th for twice_a_month). */
function startOn(frequency: Frequency, date: string, day: number): string {
  let d = `${date.slice(0, 8)}${String(frequency === "twice_a_month" ? 1 : day).padStart(2, "0")}`;
  while (d < date) d = nextOccurrence(frequency === "twice_a_month" ? "twice_a_month" : "monthly", d, d);
  return d;
}

/** Salary, rent, bills, subscriptions and savings transfers, each with what it posted from the start of the history to today. */
function recurringItems(ctx: SeedContext, p: Plan, byName: ReadonlyMap<string, BudgetCategory>) {
  const { rng, world, id } = ctx;
  const items: RecurringItem[] = [];
  const postings: Txn[] = [];
  const schedule = (
    kind: RecurringItem["kind"],
    payee: string,
    amount: number,
    category: string | undefined,
    frequency: Frequency,
    day: number,
    account: Account,
    memo = "",
  ) => {
    const first = frequency === "twice_a_month" ? p.historyStart : `${p.historyStart.slice(0, 8)}${String(day).padStart(2, "0")}`;
    const item: RecurringItem = {
      id: id("recurring_items"),
      kind,
      amount,
      payee,
      ...(category ? { category_id: byName.get(category)!.id } : {}),
      account,
      frequency,
      start_date: p.created.slice(0, 10) < first ? startOn(frequency, p.created.slice(0, 10), day) : first,
      next_date: first,
      status: "active",
      memo,
      created_at: p.created,
    };
    let d = first;
    for (; d <= world.today; d = nextOccurrence(frequency, d, item.start_date)) {
      postings.push({
        date: d,
        kind,
        amount,
        payee,
        ...(item.category_id ? { category_id: item.category_id } : {}),
        account,
        memo,
        recurring_item_id: item.id,
        created_at: `${d}T08:00:00Z`,
      });
    }
    item.next_date = d;
    items.push(item);
    return item;
  };
  const landlord = rng.pick(world.companies.filter((c) => c.name !== world.user.company));
  schedule("income", world.user.company, p.salary, undefined, "twice_a_month", 1, "checking", "Payroll");
  schedule("expense", `${landlord.name} Property Management`, p.rent, "Rent", "monthly", 1, "checking", "Rent");
  schedule("expense", "Verizon Wireless", 65, "Phone & Internet", "monthly", 12, "checking");
  schedule("expense", "Comcast Xfinity", 79.99, "Phone & Internet", "monthly", 18, "checking");
  schedule("expense", rng.pick(["State Farm", "Allstate", "GEICO"]), p.insurance, "Insurance", "monthly", 20, "checking", "Auto and renters insurance");
  for (const [payee, amount] of SUBSCRIPTIONS) schedule("expense", payee, amount, "Subscriptions", "monthly", rng.int(3, 27), "credit_card");
  schedule("expense", rng.pick(["Planet Fitness", "Equinox", "YMCA"]), p.gym, "Fitness", "monthly", rng.int(5, 10), "credit_card", "Gym membership");
  schedule("expense", "Transfer to High-Yield Savings", p.emergency, "Emergency Fund", "monthly", 2, "checking");
  schedule("expense", "Transfer to Vacation Fund", p.vacation, "Vacation", "monthly", 3, "checking");
  cancelLastMonth(schedule("expense", "Hulu", 7.99, "Subscriptions", "monthly", rng.int(5, 25), "credit_card"), postings, p);
  items.push(yearlyRenewal(ctx, byName));
  return { items, postings };
}

/** A subscription cancelled last month: its postings before this month stay, the rest never happened. */
function cancelLastMonth(item: RecurringItem, postings: Txn[], p: Plan): void {
  const thisMonth = `${p.months[3]}-01`;
  for (let k = postings.length - 1; k >= 0; k--) if (postings[k]!.recurring_item_id === item.id && postings[k]!.date >= thisMonth) postings.splice(k, 1);
  const last = postings.filter((t) => t.recurring_item_id === item.id).at(-1);
  item.status = "cancelled";
  item.cancelled_at = `${last?.date ?? p.historyStart}T19:00:00Z`;
  item.next_date = `${p.months[3]}-${item.start_date.slice(8, 10)}`;
}

/** Amazon Prime: a yearly renewal a few months from now. */
function yearlyRenewal({ rng, world, id }: SeedContext, byName: ReadonlyMap<string, BudgetCategory>): RecurringItem {
  const next = `${time.addDays(world.today, rng.int(40, 200)).slice(0, 8)}${String(rng.int(1, 28)).padStart(2, "0")}`;
  const start = `${Number(next.slice(0, 4)) - 2}${next.slice(4)}`;
  return {
    id: id("recurring_items"),
    kind: "expense",
    amount: 139,
    payee: "Amazon Prime",
    category_id: byName.get("Subscriptions")!.id,
    account: "credit_card",
    frequency: "yearly",
    start_date: start,
    next_date: next,
    status: "active",
    memo: "Annual membership",
    created_at: `${start}T09:00:00Z`,
  };
}

/** Everyday spending per category and month, mostly within the limit (up to two categories run 5-25% over in a past month). */
function everydaySpending(rng: Rng, p: Plan, byName: ReadonlyMap<string, BudgetCategory>, today: string): Txn[] {
  const txns: Txn[] = [];
  for (const [k, month] of p.months.entries()) {
    const current = k === 3;
    const lastDay = current ? Number(today.slice(8, 10)) : time.daysInMonth(month);
    const overspent = new Set(current ? [] : rng.sample(Object.keys(VARIABLE), rng.int(0, 2)));
    for (const [name, spec] of Object.entries(VARIABLE)) {
      const c = byName.get(name)!;
      const factor = overspent.has(name) ? rng.float(1.05, 1.25) : rng.float(0.6, 0.97);
      let target = (c.limits[month] ?? 0) * factor * (current ? lastDay / time.daysInMonth(month) : 1);
      for (let guard = 0; guard < 60 && target > 4; guard++) {
        const [payee, lo, hi] = rng.pick(spec.payees);
        const amount = Math.min(rng.money(lo, hi), roundMoney(target));
        if (amount < 3) break;
        target -= amount;
        const date = `${month}-${String(rng.int(1, lastDay)).padStart(2, "0")}`;
        txns.push({
          date,
          kind: "expense",
          amount,
          payee,
          category_id: c.id,
          account: spec.account,
          memo: rng.bool(0.15) ? (MEMOS[name] ?? "") : "",
          created_at: `${date}T08:00:00Z`,
        });
      }
    }
  }
  return txns;
}

/** Friends paying back their share of dinners and tickets, once or twice a month. */
function paybacks({ rng, world }: SeedContext, p: Plan): Txn[] {
  return p.months.flatMap((month, k) => {
    const lastDay = k === 3 ? Number(world.today.slice(8, 10)) : time.daysInMonth(month);
    return rng.sample(world.people, rng.int(1, 2)).map((person): Txn => {
      const date = `${month}-${String(rng.int(1, lastDay)).padStart(2, "0")}`;
      return {
        date,
        kind: "income",
        amount: rng.money(15, 60),
        payee: `Venmo — ${person.full_name}`,
        account: "checking",
        memo: rng.pick(["Dinner split", "Concert tickets", "Groceries share"]),
        created_at: `${date}T08:00:00Z`,
      };
    });
  });
}
