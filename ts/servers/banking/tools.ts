/**
 * Banking tools: read accounts, balances, transactions and statements; move money between own
 * accounts and to payees; manage payees and cards.
 *
 * Rules a real bank enforces and this one does too:
 * - money leaves an account only up to its balance plus overdraft limit (checking), never
 *   below zero (savings), and never as a transfer out of a credit account;
 * - a credit account accepts payments only up to what is owed;
 * - savings allow at most 6 outgoing transfers per calendar month (Regulation D);
 * - payments to payees total at most 10,000.00 per day;
 * - frozen or closed accounts neither send nor receive;
 * - only scheduled transfers can be cancelled; a payee with scheduled payments cannot be removed;
 * - cancelled cards stay cancelled; daily card limits lie between 100 and 10,000.
 */
import {
  check,
  descending,
  email,
  formatMoney,
  isoDate,
  matchesText,
  money,
  page,
  rangeStart,
  ref,
  roundMoney,
  secret,
  text,
  time,
  z,
  type CallEnv,
  type Db,
} from "../framework/index.ts";
import { abaChecksumOk, available, CATEGORIES, masked, read, write, type Account, type tables, type Transfer } from "./state.ts";

type Bank = Db<typeof tables>;

export const SAVINGS_WITHDRAWALS_PER_MONTH = 6;
export const DAILY_PAYMENT_LIMIT = 10_000;

function mustBeOpen(a: Account, role: "send" | "receive"): void {
  check(a.status === "open", `account ${a.id} (${a.name}) is ${a.status} and cannot ${role} money`);
}

function checkCanSend(db: Bank, a: Account, amount: number, today: string): void {
  mustBeOpen(a, "send");
  check(a.type !== "credit", `transfers cannot be made from credit account ${a.id}; send from a checking or savings account`);
  if (a.type === "savings") {
    const month = time.monthOf(today);
    const used = db.transfers.count((t) => t.from_account_id === a.id && t.status !== "cancelled" && time.monthOf(t.execute_on) === month);
    check(
      used < SAVINGS_WITHDRAWALS_PER_MONTH,
      `savings account ${a.id} has used all ${SAVINGS_WITHDRAWALS_PER_MONTH} outgoing transfers allowed in ${month}; transfer from a checking account instead`,
      "limit_exceeded",
    );
  }
  check(
    available(a) >= amount,
    () =>
      `insufficient funds: ${a.id} (${a.name}) holds ${formatMoney(a.balance)}` +
      (a.overdraft_limit ? ` with an overdraft limit of ${formatMoney(a.overdraft_limit)}` : "") +
      `, so at most ${formatMoney(Math.max(0, available(a)))} can leave it; the transfer needs ${formatMoney(amount)}`,
  );
}

/** Posts the money movement of a transfer that executes now. */
function post(db: Bank, t: Transfer, env: CallEnv): void {
  const from = db.accounts.need(t.from_account_id);
  const moveOut = db.accounts.update(from.id, { balance: roundMoney(from.balance - t.amount) });
  const payee = t.payee_id ? db.payees.need(t.payee_id) : undefined;
  const to = t.to_account_id ? db.accounts.need(t.to_account_id) : undefined;
  db.transactions.create({
    account_id: from.id,
    posted_at: env.now,
    amount: -t.amount,
    description: payee ? `Payment to ${payee.name}` : `Transfer to ${to?.name}`,
    category: "transfer",
    transfer_id: t.id,
    balance_after: moveOut.balance,
  });
  if (to) {
    const moveIn = db.accounts.update(to.id, { balance: roundMoney(to.balance + t.amount) });
    db.transactions.create({
      account_id: to.id,
      posted_at: env.now,
      amount: t.amount,
      description: to.type === "credit" ? "Payment received — thank you" : `Transfer from ${from.name}`,
      category: "transfer",
      transfer_id: t.id,
      balance_after: moveIn.balance,
    });
  }
}

const accountId = (description: string) => ref("account", description);

export const tools = {
  list_accounts: read({
    description: "List the user's bank accounts with their type, masked number, balance and status.",
    input: z.object({ type: z.enum(["checking", "savings", "credit"]).optional().describe("Only accounts of this type"), ...page }).strict(),
    discovers: "account",
    run: (db, a) => {
      const p = db.accounts.page(a, { where: (x) => !a.type || x.type === a.type });
      return { ...p, items: p.items.map(masked) };
    },
  }),

  get_account: read({
    description: "Full details of one account, including its full account number, limits and interest rate.",
    input: z.object({ account_id: accountId("The account") }).strict(),
    run: (db, a) => db.accounts.need(a.account_id),
  }),

  get_balance: read({
    description: "Current and available balance of an account. Available includes overdraft (checking) or unused credit (credit cards).",
    input: z.object({ account_id: accountId("The account") }).strict(),
    run: (db, a) => {
      const acc = db.accounts.need(a.account_id);
      return {
        account_id: acc.id,
        currency: acc.currency,
        balance: acc.balance,
        available: roundMoney(available(acc)),
        ...(acc.type === "credit" ? { owed: roundMoney(Math.max(0, -acc.balance)), credit_limit: acc.credit_limit } : {}),
      };
    },
  }),

  list_transactions: read({
    description: "Posted transactions of one account, newest first, filtered by date range, amount, category or direction.",
    input: z
      .object({
        account_id: accountId("The account"),
        from_date: rangeStart("to_date", isoDate("Earliest posting date, inclusive")).optional(),
        to_date: isoDate("Latest posting date, inclusive").optional(),
        category: z.enum(CATEGORIES).optional().describe("Only this spending or income category"),
        direction: z.enum(["in", "out"]).optional().describe("in: deposits and refunds; out: charges and payments"),
        min_amount: rangeStart("max_amount", money("Smallest absolute amount", { min: 0, what: "min_amount" })).optional(),
        max_amount: money("Largest absolute amount", { min: 0, what: "max_amount" }).optional(),
        ...page,
      })
      .strict(),
    discovers: "transaction",
    run: (db, a) => {
      db.accounts.need(a.account_id);
      return db.transactions.page(a, {
        where: (t) =>
          t.account_id === a.account_id &&
          (!a.from_date || t.posted_at.slice(0, 10) >= a.from_date) &&
          (!a.to_date || t.posted_at.slice(0, 10) <= a.to_date) &&
          (!a.category || t.category === a.category) &&
          (!a.direction || (a.direction === "in" ? t.amount > 0 : t.amount < 0)) &&
          (a.min_amount === undefined || Math.abs(t.amount) >= a.min_amount) &&
          (a.max_amount === undefined || Math.abs(t.amount) <= a.max_amount),
        sort: descending("posted_at"),
      });
    },
  }),

  search_transactions: read({
    description: "Search transactions of all accounts by text in the description or merchant (case-insensitive), newest first.",
    input: z.object({ query: z.string().trim().min(2).max(100).describe("Text to look for, e.g. 'netflix' or 'payroll'"), ...page }).strict(),
    discovers: "transaction",
    run: (db, a) => {
      return db.transactions.page(a, {
        where: (t) => matchesText(a.query, t.description, t.merchant),
        sort: descending("posted_at"),
      });
    },
  }),

  get_transaction: read({
    description: "One transaction by id.",
    input: z.object({ transaction_id: ref("transaction", "The transaction") }).strict(),
    run: (db, a) => db.transactions.need(a.transaction_id),
  }),

  list_payees: read({
    description: "Saved payees (people and businesses the user pays), optionally filtered by name.",
    input: z.object({ name: z.string().trim().max(100).optional().describe("Part of the payee's name"), ...page }).strict(),
    discovers: "payee",
    run: (db, a) => db.payees.page(a, { where: (p) => matchesText(a.name, p.name) }),
  }),

  add_payee: write({
    description: "Save a new payee so the user can pay them with pay_payee. Account number and routing number come from the user.",
    input: z
      .object({
        name: z.string().trim().min(2).max(100).describe("Payee's full name or business name"),
        kind: z.enum(["person", "business"]).default("person").describe("A person or a business (default person)"),
        bank_name: z.string().trim().min(2).max(100).describe("Name of the payee's bank"),
        account_number: secret(
          z
            .string()
            .regex(/^\d{6,17}$/, "account numbers have 6 to 17 digits")
            .describe("The payee's account number"),
        ),
        routing_number: secret(
          z
            .string()
            .regex(/^\d{9}$/, "routing numbers have exactly 9 digits")
            .describe("The payee's bank routing number"),
        ),
        email: email("Where to send payment notices").optional(),
      })
      .strict(),
    produces: "payee",
    run: (db, a, env) => {
      check(
        abaChecksumOk(a.routing_number),
        "that routing number fails the ABA checksum, so it names no US bank: ask the user to check it (it is printed at the bottom left of a check)",
        "invalid_argument",
      );
      const dup = db.payees.find((p) => p.account_number === a.account_number && p.routing_number === a.routing_number);
      check(!dup, () => `a payee with this account already exists: ${dup?.id} (${dup?.name})`, "already_exists");
      return db.payees.create({ ...a, created_at: env.now });
    },
  }),

  remove_payee: write({
    description: "Delete a saved payee. Payees with scheduled payments cannot be removed until those are cancelled.",
    input: z.object({ payee_id: ref("payee", "The payee to remove") }).strict(),
    destructive: true,
    run: (db, a) => {
      const payee = db.payees.need(a.payee_id);
      const pending = db.transfers.filter((t) => t.payee_id === payee.id && t.status === "scheduled");
      check(
        pending.length === 0,
        `payee ${payee.id} (${payee.name}) has scheduled payments ${pending.map((t) => t.id).join(", ")}; cancel them with cancel_transfer first`,
      );
      db.payees.delete(payee.id);
      return { removed: payee.id, name: payee.name };
    },
  }),

  transfer_between_accounts: write({
    description: "Move money now between two of the user's own accounts (also pays down a credit card). Returns the transfer.",
    input: z
      .object({
        from_account_id: accountId("Account the money leaves"),
        to_account_id: accountId("Account the money goes to"),
        amount: money("Amount in USD, e.g. 250.00"),
        memo: text("Note shown on both statements", 140).default(""),
      })
      .strict(),
    produces: "transfer",
    run: (db, a, env) => {
      check(a.from_account_id !== a.to_account_id, "the source and destination accounts must differ", "invalid_argument");
      const from = db.accounts.need(a.from_account_id);
      const to = db.accounts.need(a.to_account_id);
      checkCanSend(db, from, a.amount, env.today);
      mustBeOpen(to, "receive");
      if (to.type === "credit") {
        const owed = roundMoney(-to.balance);
        check(a.amount <= owed, `credit account ${to.id} owes ${formatMoney(Math.max(0, owed))}; a payment can be at most that`);
      }
      const t = db.transfers.create({
        from_account_id: from.id,
        to_account_id: to.id,
        amount: a.amount,
        currency: "USD",
        memo: a.memo,
        status: "completed",
        execute_on: env.today,
        created_at: env.now,
      });
      post(db, t, env);
      return t;
    },
  }),

  pay_payee: write({
    description: "Pay a saved payee from a checking or savings account, now or on a future date (up to a year ahead). Returns the transfer.",
    input: z
      .object({
        from_account_id: accountId("Account to pay from"),
        payee_id: ref("payee", "Who to pay"),
        amount: money("Amount in USD"),
        memo: text("Note for the payee", 140).default(""),
        execute_on: isoDate("Day the payment is sent; default today").optional(),
      })
      .strict(),
    produces: "transfer",
    run: (db, a, env) => {
      const from = db.accounts.need(a.from_account_id);
      const payee = db.payees.need(a.payee_id);
      const day = a.execute_on ?? env.today;
      check(day >= env.today, `execute_on ${day} is in the past; today is ${env.today}`, "invalid_argument");
      check(time.daysBetween(env.today, day) <= 365, "payments can be scheduled at most 365 days ahead", "invalid_argument");
      const sameDay = db.transfers.filter((t) => t.payee_id !== undefined && t.status !== "cancelled" && t.execute_on === day);
      const total = roundMoney(sameDay.reduce((s, t) => s + t.amount, 0) + a.amount);
      check(
        total <= DAILY_PAYMENT_LIMIT,
        `payments on ${day} would total ${formatMoney(total)}, over the daily limit of ${formatMoney(DAILY_PAYMENT_LIMIT)}`,
        "limit_exceeded",
      );
      checkCanSend(db, from, a.amount, day);
      const scheduled = day > env.today;
      const t = db.transfers.create({
        from_account_id: from.id,
        payee_id: payee.id,
        amount: a.amount,
        currency: "USD",
        memo: a.memo,
        status: scheduled ? "scheduled" : "completed",
        execute_on: day,
        created_at: env.now,
      });
      if (!scheduled) post(db, t, env);
      return t;
    },
  }),

  list_transfers: read({
    description: "Transfers and payments, newest first, optionally for one account or with one status.",
    input: z
      .object({
        account_id: accountId("Only transfers from or to this account").optional(),
        status: z.enum(["completed", "scheduled", "cancelled"]).optional().describe("Only transfers in this state"),
        ...page,
      })
      .strict(),
    discovers: "transfer",
    run: (db, a) =>
      db.transfers.page(a, {
        where: (t) => (!a.account_id || t.from_account_id === a.account_id || t.to_account_id === a.account_id) && (!a.status || t.status === a.status),
        sort: descending("created_at"),
      }),
  }),

  cancel_transfer: write({
    description: "Cancel a scheduled payment before it runs. Completed transfers cannot be cancelled.",
    input: z.object({ transfer_id: ref("transfer", "The scheduled transfer") }).strict(),
    destructive: true,
    run: (db, a) => {
      const t = db.transfers.need(a.transfer_id);
      check(t.status === "scheduled", `transfer ${t.id} is ${t.status}; only scheduled transfers can be cancelled`);
      return db.transfers.update(t.id, { status: "cancelled" });
    },
  }),

  list_cards: read({
    description: "The user's debit and credit cards with status and daily limit.",
    input: z
      .object({
        account_id: accountId("Only cards of this account").optional(),
        status: z.enum(["active", "frozen", "cancelled"]).optional().describe("Only cards in this state"),
        ...page,
      })
      .strict(),
    discovers: "card",
    run: (db, a) => db.cards.page(a, { where: (c) => (!a.account_id || c.account_id === a.account_id) && (!a.status || c.status === a.status) }),
  }),

  freeze_card: write({
    description: "Temporarily block a card (e.g. misplaced). Undo with unfreeze_card.",
    input: z.object({ card_id: ref("card", "The card") }).strict(),
    run: (db, a) => {
      const c = db.cards.need(a.card_id);
      check(c.status === "active", `card ${c.id} is ${c.status}; only active cards can be frozen`);
      return db.cards.update(c.id, { status: "frozen" });
    },
  }),

  unfreeze_card: write({
    description: "Reactivate a frozen card.",
    input: z.object({ card_id: ref("card", "The card") }).strict(),
    run: (db, a) => {
      const c = db.cards.need(a.card_id);
      check(
        c.status === "frozen",
        c.status === "cancelled"
          ? `card ${c.id} is cancelled for good${c.replaced_by ? `; its replacement is ${c.replaced_by}` : ""}`
          : `card ${c.id} is already active`,
      );
      return db.cards.update(c.id, { status: "active" });
    },
  }),

  report_card_lost: write({
    description: "Cancel a lost or stolen card for good and issue a replacement with a new number. Returns the new card.",
    input: z.object({ card_id: ref("card", "The lost card") }).strict(),
    produces: "card",
    destructive: true,
    run: (db, a, env) => {
      const c = db.cards.need(a.card_id);
      check(c.status !== "cancelled", `card ${c.id} is already cancelled${c.replaced_by ? `; its replacement is ${c.replaced_by}` : ""}`);
      // The new number is derived from the old card and the clock: deterministic, never the same.
      const last4 = String((Number(c.last4) * 7 + time.toMs(env.now) / 60_000) % 10_000)
        .padStart(4, "0")
        .slice(-4);
      const { id: _lost, replaced_by: _previous, ...card } = c;
      const replacement = db.cards.create({ ...card, last4, status: "active", expires: `${Number(env.today.slice(0, 4)) + 4}-${env.today.slice(5, 7)}` });
      db.cards.update(c.id, { status: "cancelled", replaced_by: replacement.id });
      return replacement;
    },
  }),

  set_card_limit: write({
    description: "Change a card's daily spending limit (100.00 to 10,000.00).",
    input: z
      .object({
        card_id: ref("card", "The card"),
        daily_limit: money("New daily limit in USD").pipe(
          z.number().min(100, "the daily limit is at least 100.00").max(10_000, "the daily limit is at most 10,000.00"),
        ),
      })
      .strict(),
    run: (db, a) => {
      const c = db.cards.need(a.card_id);
      check(c.status !== "cancelled", `card ${c.id} is cancelled; limits can only be set on active or frozen cards`);
      return db.cards.update(c.id, { daily_limit: a.daily_limit });
    },
  }),

  list_statements: read({
    description: "Monthly statements of an account, newest first.",
    input: z.object({ account_id: accountId("The account"), ...page }).strict(),
    discovers: "statement",
    run: (db, a) => {
      db.accounts.need(a.account_id);
      return db.statements.page(a, { where: (s) => s.account_id === a.account_id, sort: descending("period") });
    },
  }),

  get_statement: read({
    description: "One monthly statement with its totals by category.",
    input: z.object({ statement_id: ref("statement", "The statement") }).strict(),
    run: (db, a) => {
      const s = db.statements.need(a.statement_id);
      const byCategory: Record<string, number> = {};
      for (const t of db.transactions.filter((t) => t.account_id === s.account_id && t.posted_at.startsWith(s.period))) {
        byCategory[t.category] = roundMoney((byCategory[t.category] ?? 0) + t.amount);
      }
      return { ...s, by_category: byCategory };
    },
  }),

  update_overdraft_limit: write({
    description:
      "Opt a checking account in or out of overdraft protection: set its overdraft limit (0 to 1,000.00). The balance must stay within the new limit.",
    input: z
      .object({
        account_id: accountId("The checking account"),
        limit: z.number().min(0).max(1000).describe("New overdraft limit in USD; 0 turns overdraft off"),
      })
      .strict(),
    run: (db, a) => {
      const acc = db.accounts.need(a.account_id);
      check(acc.type === "checking", `account ${acc.id} is a ${acc.type} account; only checking accounts have an overdraft limit`);
      mustBeOpen(acc, "send");
      check(acc.balance + a.limit >= 0, `${acc.id} is overdrawn by ${formatMoney(-acc.balance)}; the limit must be at least that`);
      return db.accounts.update(acc.id, { overdraft_limit: a.limit });
    },
  }),
};
