import { describe, expect, it } from "vitest";
import banking from "../../ts/servers/banking/index.ts";
import { formatMoney, roundMoney, time } from "../../ts/servers/framework/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(banking, 17);

// ---- helpers ---------------------------------------------------------------------------------

type Row = Record<string, any>;
const SEED = 7;
const open = (seed: number = SEED) => openSession(banking, seed);
const today = (s: TestSession): string => s.now().slice(0, 10);
const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const money = (n: number) => esc(formatMoney(n));
const sum = (xs: readonly number[]) => roundMoney(xs.reduce((t, x) => t + x, 0));

const accountOf = (s: TestSession, type: string, nth = 0): Row => s.rows("accounts").filter((a) => a.type === type)[nth]!;
const checking = (s: TestSession) => accountOf(s, "checking");
const jointChecking = (s: TestSession) => accountOf(s, "checking", 1);
const savings = (s: TestSession) => accountOf(s, "savings");
const goalSavings = (s: TestSession) => accountOf(s, "savings", 1);
const credit = (s: TestSession) => accountOf(s, "credit");
const balance = (s: TestSession, id: string): number => s.row("accounts", id).balance;
const availableOf = (a: Row) => roundMoney(a.type === "credit" ? a.credit_limit + a.balance : a.balance + a.overdraft_limit);
const txnsOfTransfer = (s: TestSession, transferId: string) => s.rows("transactions").filter((t) => t.transfer_id === transferId);
const scheduledPayeeIds = (s: TestSession) =>
  new Set(
    s
      .rows("transfers")
      .filter((t) => t.status === "scheduled")
      .map((t) => t.payee_id),
  );
/** A seeded payee with no scheduled payment. */
const idlePayee = (s: TestSession) => s.rows("payees").find((p) => !scheduledPayeeIds(s).has(p.id))!;

/** Every page of a list tool, walked with next_cursor. */
function walk(s: TestSession, tool: string, args: Row, limit: number): Row[] {
  const out: Row[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const p = s.ok(tool, { ...args, limit, ...(cursor ? { cursor } : {}) });
    expect(p.items.length).toBeLessThanOrEqual(limit);
    out.push(...p.items);
    cursor = p.next_cursor;
    if (!cursor) return out;
  }
  throw new Error("pagination never ended");
}
function expectNewestFirst(items: Row[], field: string): void {
  for (let i = 1; i < items.length; i++) expect(items[i - 1]![field] >= items[i]![field], `${items[i - 1]![field]} before ${items[i]![field]}`).toBe(true);
}
/**
 * Changes an account behind the tools' back, as the bank itself would (a fraud hold, a closure):
 * no tool freezes or closes an account, so this is the only way to reach the frozen/closed rule.
 */
function asTheBank(s: TestSession, accountId: string, patch: Row): void {
  s.edit(banking, (db) => db.accounts.update(accountId, patch));
}

// ---- seed --------------------------------------------------------------------------------------

describe("banking: seed", () => {
  it("holds checking, savings and credit accounts with a consistent history", () => {
    const s = open();
    expect(
      s
        .rows("accounts")
        .map((a) => a.type)
        .sort(),
    ).toEqual(["checking", "checking", "credit", "savings", "savings"]);
    for (const a of s.rows("accounts")) {
      const txns = s
        .rows("transactions")
        .filter((t) => t.account_id === a.id)
        .sort((x, y) => (x.posted_at < y.posted_at ? -1 : 1));
      if (txns.length) expect(txns[txns.length - 1]!.balance_after).toBe(a.balance);
      for (let i = 1; i < txns.length; i++) expect(txns[i]!.balance_after).toBeCloseTo(txns[i - 1]!.balance_after + txns[i]!.amount, 2);
    }
    expect(s.rows("transfers").filter((t) => t.status === "scheduled")).toHaveLength(2);
  });

  it("regression: nothing is posted after now, and card payments never exceed what is owed", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const s = open(seed);
      const now = s.now();
      expect(s.rows("transactions").filter((t) => t.posted_at > now)).toEqual([]);
      const card = credit(s);
      for (const t of s.rows("transactions").filter((x) => x.account_id === card.id && x.amount > 0)) expect(t.balance_after).toBeLessThanOrEqual(0);
    }
  });
});

// ---- accounts and balances ---------------------------------------------------------------------

describe("banking: accounts and balances", () => {
  it("list_accounts masks numbers, filters by type and paginates", () => {
    const s = open();
    const all = s.ok("list_accounts", {});
    expect(all.total).toBe(5);
    expect(all.next_cursor).toBeUndefined();
    for (const a of all.items) {
      const full = s.row("accounts", a.id);
      expect(a.number).toBe(`******${full.number.slice(-4)}`);
      expect({ ...a, number: full.number }).toEqual(full);
    }
    const sv = s.ok("list_accounts", { type: "savings" });
    expect(sv.total).toBe(2);
    expect(sv.items.map((a: Row) => a.id)).toEqual([savings(s).id, goalSavings(s).id]);
    expect(s.ok("list_accounts", { type: "credit" }).items.map((a: Row) => a.type)).toEqual(["credit"]);
    const first = s.ok("list_accounts", { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(5);
    expect(first.next_cursor).toBeDefined();
    expect(walk(s, "list_accounts", {}, 2).map((a) => a.id)).toEqual(all.items.map((a: Row) => a.id));
    s.fails("list_accounts", { cursor: "garbage" }, "invalid_argument", /cursor "garbage" is not valid/);
  });

  it("get_account shows the full number and limits; unknown ids point to list_accounts", () => {
    const s = open();
    const c = checking(s);
    const got = s.ok("get_account", { account_id: c.id });
    expect(got).toEqual(c);
    expect(got.number).toMatch(/^\d{10}$/);
    s.fails("get_account", { account_id: "ACC-9999" }, "not_found", /account 'ACC-9999' not found\..*Call list_accounts to see valid account ids/);
  });

  it("get_balance: available includes overdraft for checking and unused credit for cards", () => {
    const s = open();
    const c = checking(s);
    expect(s.ok("get_balance", { account_id: c.id })).toEqual({
      account_id: c.id,
      currency: "USD",
      balance: c.balance,
      available: roundMoney(c.balance + c.overdraft_limit),
    });
    const sv = savings(s);
    expect(s.ok("get_balance", { account_id: sv.id })).toEqual({ account_id: sv.id, currency: "USD", balance: sv.balance, available: sv.balance });
    const cr = credit(s);
    expect(cr.balance).toBeLessThan(0);
    expect(s.ok("get_balance", { account_id: cr.id })).toEqual({
      account_id: cr.id,
      currency: "USD",
      balance: cr.balance,
      available: roundMoney(cr.credit_limit + cr.balance),
      owed: roundMoney(-cr.balance),
      credit_limit: cr.credit_limit,
    });
    s.fails("get_balance", { account_id: "ACC-0000" }, "not_found", /list_accounts/);
  });
});

// ---- transactions ------------------------------------------------------------------------------

describe("banking: transactions", () => {
  it("list_transactions returns one account's transactions newest first, paginated", () => {
    const s = open();
    const c = checking(s);
    const mine = s.rows("transactions").filter((t) => t.account_id === c.id);
    const all = s.ok("list_transactions", { account_id: c.id, limit: 100 });
    expect(all.total).toBe(mine.length);
    expect(all.items.every((t: Row) => t.account_id === c.id)).toBe(true);
    expectNewestFirst(all.items, "posted_at");
    expect(all.items[0].balance_after).toBe(c.balance);
    expect(walk(s, "list_transactions", { account_id: c.id }, 7).map((t) => t.id)).toEqual(all.items.map((t: Row) => t.id));
    s.fails("list_transactions", { account_id: "ACC-4242" }, "not_found", /list_accounts/);
  });

  it("list_transactions filters by dates (inclusive), category, direction and amount", () => {
    const s = open();
    const c = checking(s);
    const mine = s.rows("transactions").filter((t) => t.account_id === c.id);
    const day = (t: Row) => t.posted_at.slice(0, 10);
    const stmt = s.rows("statements").find((x) => x.account_id === c.id)!;
    const from = `${stmt.period}-05`;
    const to = `${stmt.period}-20`;
    const ranged = s.ok("list_transactions", { account_id: c.id, from_date: from, to_date: to, limit: 100 });
    expect(ranged.items.map((t: Row) => t.id).sort()).toEqual(
      mine
        .filter((t) => day(t) >= from && day(t) <= to)
        .map((t) => t.id)
        .sort(),
    );
    expect(ranged.total).toBeGreaterThan(0);
    // The bounds are whole days: a payroll on the 15th is inside a range that ends on the 15th.
    const payday = `${stmt.period}-15`;
    expect(
      s.ok("list_transactions", { account_id: c.id, from_date: payday, to_date: payday, category: "income" }).items.map((t: Row) => t.posted_at.slice(0, 10)),
    ).toEqual([payday]);

    const rent = s.ok("list_transactions", { account_id: c.id, category: "rent" });
    expect(rent.total).toBe(mine.filter((t) => t.category === "rent").length);
    expect(rent.items.every((t: Row) => t.category === "rent" && t.amount === -2150)).toBe(true);

    const ins = s.ok("list_transactions", { account_id: c.id, direction: "in", limit: 100 });
    const outs = s.ok("list_transactions", { account_id: c.id, direction: "out", limit: 100 });
    expect(ins.items.every((t: Row) => t.amount > 0)).toBe(true);
    expect(outs.items.every((t: Row) => t.amount < 0)).toBe(true);
    expect(ins.total + outs.total).toBe(mine.length);

    const mid = s.ok("list_transactions", { account_id: c.id, min_amount: 50, max_amount: 500, limit: 100 });
    expect(mid.total).toBe(mine.filter((t) => Math.abs(t.amount) >= 50 && Math.abs(t.amount) <= 500).length);
    expect(mid.items.every((t: Row) => Math.abs(t.amount) >= 50 && Math.abs(t.amount) <= 500)).toBe(true);
    expect(s.ok("list_transactions", { account_id: c.id, min_amount: 2150, max_amount: 2150 }).total).toBe(rent.total);

    expect(s.ok("list_transactions", { account_id: c.id, from_date: "2020-01-01", to_date: "2020-12-31" })).toEqual({ items: [], total: 0 });
    expect(s.call("list_transactions", { account_id: c.id, category: "gambling" }).outcome).toBe("invalid_arguments");
    expect(s.call("list_transactions", { account_id: c.id, from_date: "2026-02-30" }).outcome).toBe("invalid_arguments");
  });

  it("search_transactions finds text in description or merchant across accounts, newest first", () => {
    const s = open();
    const netflix = s.rows("transactions").filter((t) => t.merchant === "Netflix");
    expect(netflix.length).toBeGreaterThan(0);
    const hits = s.ok("search_transactions", { query: "  NETFLIX ", limit: 100 });
    expect(hits.items.map((t: Row) => t.id).sort()).toEqual(netflix.map((t) => t.id).sort());
    expectNewestFirst(hits.items, "posted_at");
    // Description only, on two accounts: payroll into checking.
    const payroll = s.ok("search_transactions", { query: "payroll", limit: 100 });
    expect(payroll.total).toBe(s.rows("transactions").filter((t) => t.description.startsWith("Payroll deposit")).length);
    expect(new Set(payroll.items.map((t: Row) => t.account_id))).toEqual(new Set([checking(s).id]));
    const thanks = s.ok("search_transactions", { query: "thank you", limit: 100 });
    expect(thanks.total).toBeGreaterThan(0);
    expect(thanks.items.every((t: Row) => t.account_id === credit(s).id && t.amount > 0)).toBe(true);
    expect(walk(s, "search_transactions", { query: "netflix" }, 2).map((t) => t.id)).toEqual(hits.items.map((t: Row) => t.id));
    expect(s.ok("search_transactions", { query: "zzz-no-such-shop" })).toEqual({ items: [], total: 0 });
    expect(s.call("search_transactions", { query: "a" }).outcome).toBe("invalid_arguments");
  });

  it("get_transaction returns one transaction; unknown ids point to the listing tools", () => {
    const s = open();
    const t = s.rows("transactions")[10]!;
    expect(s.ok("get_transaction", { transaction_id: t.id })).toEqual(t);
    s.fails("get_transaction", { transaction_id: "TXN-999999" }, "not_found", /list_transactions or search_transactions/);
  });
});

// ---- transfers between own accounts ------------------------------------------------------------

describe("banking: transfer_between_accounts", () => {
  it("moves exactly the amount and posts two transactions with signed amounts and balances", () => {
    const s = open();
    const from = checking(s);
    const to = savings(s);
    const now = s.now();
    const t = s.ok("transfer_between_accounts", { from_account_id: from.id, to_account_id: to.id, amount: 123.45, memo: "Rainy day" });
    expect(t).toMatchObject({
      from_account_id: from.id,
      to_account_id: to.id,
      amount: 123.45,
      currency: "USD",
      memo: "Rainy day",
      status: "completed",
      execute_on: now.slice(0, 10),
      created_at: now,
    });
    expect(t.id).toMatch(/^TRF-\d{4}$/);
    expect(s.row("transfers", t.id)).toEqual(t);
    expect(balance(s, from.id)).toBe(roundMoney(from.balance - 123.45));
    expect(balance(s, to.id)).toBe(roundMoney(to.balance + 123.45));
    const posted = txnsOfTransfer(s, t.id);
    expect(posted).toHaveLength(2);
    expect(posted.find((x) => x.account_id === from.id)).toMatchObject({
      amount: -123.45,
      balance_after: roundMoney(from.balance - 123.45),
      category: "transfer",
      posted_at: now,
      description: `Transfer to ${to.name}`,
    });
    expect(posted.find((x) => x.account_id === to.id)).toMatchObject({
      amount: 123.45,
      balance_after: roundMoney(to.balance + 123.45),
      category: "transfer",
      posted_at: now,
      description: `Transfer from ${from.name}`,
    });
    // Newest first: the new transaction leads the account's history.
    expect(s.ok("list_transactions", { account_id: to.id, limit: 1 }).items[0].transfer_id).toBe(t.id);
    expect(s.ok("get_balance", { account_id: from.id }).available).toBe(roundMoney(from.balance - 123.45 + from.overdraft_limit));
    // Other accounts are untouched.
    expect(balance(s, goalSavings(s).id)).toBe(goalSavings(s).balance);
  });

  it("pays down the credit card, at most what is owed", () => {
    const s = open();
    const card = credit(s);
    const owed = roundMoney(-card.balance);
    expect(owed).toBeGreaterThan(100);
    const from = checking(s);
    s.fails(
      "transfer_between_accounts",
      { from_account_id: from.id, to_account_id: card.id, amount: roundMoney(owed + 0.01) },
      "failed_precondition",
      new RegExp(`credit account ${card.id} owes ${money(owed)}; a payment can be at most that`),
    );
    const t1 = s.ok("transfer_between_accounts", { from_account_id: from.id, to_account_id: card.id, amount: 100 });
    expect(txnsOfTransfer(s, t1.id).find((x) => x.account_id === card.id)).toMatchObject({
      amount: 100,
      description: "Payment received — thank you",
      balance_after: roundMoney(card.balance + 100),
    });
    expect(s.ok("get_balance", { account_id: card.id }).owed).toBe(roundMoney(owed - 100));
    s.ok("transfer_between_accounts", { from_account_id: from.id, to_account_id: card.id, amount: roundMoney(owed - 100) });
    expect(s.ok("get_balance", { account_id: card.id })).toMatchObject({ balance: 0, owed: 0, available: card.credit_limit });
    expect(balance(s, from.id)).toBe(roundMoney(from.balance - owed));
    s.fails(
      "transfer_between_accounts",
      { from_account_id: from.id, to_account_id: card.id, amount: 0.01 },
      "failed_precondition",
      new RegExp(`credit account ${card.id} owes 0\\.00`),
    );
  });

  it("rule: insufficient funds counts the overdraft limit, and exactly the limit succeeds", () => {
    // Seed 131 regression: balance + overdraft summed in floating point fell a cent-fraction short.
    for (const seed of [SEED, 131]) {
      const s = open(seed);
      const from = checking(s);
      expect(from.overdraft_limit).toBeGreaterThan(0);
      const max = availableOf(from);
      s.fails(
        "transfer_between_accounts",
        { from_account_id: from.id, to_account_id: savings(s).id, amount: roundMoney(max + 0.01) },
        "failed_precondition",
        new RegExp(
          `^insufficient funds: ${from.id} \\(Everyday Checking\\) holds ${money(from.balance)} with an overdraft limit of ${money(from.overdraft_limit)}, so at most ${money(max)} can leave it; the transfer needs ${money(max + 0.01)}$`,
        ),
      );
      s.ok("transfer_between_accounts", { from_account_id: from.id, to_account_id: savings(s).id, amount: max });
      expect(balance(s, from.id)).toBe(-from.overdraft_limit);
      expect(s.ok("get_balance", { account_id: from.id }).available).toBe(0);
      s.fails(
        "transfer_between_accounts",
        { from_account_id: from.id, to_account_id: savings(s).id, amount: 0.01 },
        "failed_precondition",
        /so at most 0\.00 can leave it/,
      );
    }
  });

  it("rule: savings and no-overdraft checking never go below zero", () => {
    const s = open();
    const sv = goalSavings(s);
    s.fails(
      "transfer_between_accounts",
      { from_account_id: sv.id, to_account_id: checking(s).id, amount: roundMoney(sv.balance + 0.01) },
      "failed_precondition",
      new RegExp(`^insufficient funds: ${sv.id} \\(${esc(sv.name)}\\) holds ${money(sv.balance)}, so at most`),
    );
    s.ok("transfer_between_accounts", { from_account_id: sv.id, to_account_id: checking(s).id, amount: sv.balance });
    expect(balance(s, sv.id)).toBe(0);
    const joint = jointChecking(s);
    expect(joint.overdraft_limit).toBe(0);
    s.fails(
      "transfer_between_accounts",
      { from_account_id: joint.id, to_account_id: sv.id, amount: roundMoney(joint.balance + 0.01) },
      "failed_precondition",
      new RegExp(`holds ${money(joint.balance)}, so at most ${money(joint.balance)} can leave it`),
    );
  });

  it("rule: no transfers out of a credit account; accounts must differ and exist; amounts are positive cents", () => {
    const s = open();
    const card = credit(s);
    const c = checking(s);
    s.fails(
      "transfer_between_accounts",
      { from_account_id: card.id, to_account_id: c.id, amount: 10 },
      "failed_precondition",
      new RegExp(`transfers cannot be made from credit account ${card.id}; send from a checking or savings account`),
    );
    s.fails(
      "transfer_between_accounts",
      { from_account_id: c.id, to_account_id: c.id, amount: 10 },
      "invalid_argument",
      /the source and destination accounts must differ/,
    );
    s.fails(
      "transfer_between_accounts",
      { from_account_id: "ACC-7777", to_account_id: c.id, amount: 10 },
      "not_found",
      /account 'ACC-7777' not found.*list_accounts/,
    );
    s.fails("transfer_between_accounts", { from_account_id: c.id, to_account_id: "ACC-7777", amount: 10 }, "not_found", /list_accounts/);
    s.fails(
      "transfer_between_accounts",
      { from_account_id: c.id, to_account_id: savings(s).id, amount: 0 },
      "invalid_arguments",
      /amount: the amount must be greater than 0/,
    );
    s.fails("transfer_between_accounts", { from_account_id: c.id, to_account_id: savings(s).id, amount: -5 }, "invalid_arguments", /greater than 0/);
    s.fails("transfer_between_accounts", { from_account_id: c.id, to_account_id: savings(s).id, amount: 1.005 }, "invalid_arguments", /at most 2 decimals/);
  });

  it("rule (Regulation D): at most 6 outgoing transfers from a savings account per calendar month", () => {
    const s = open();
    const sv = savings(s);
    const c = checking(s);
    const month = today(s).slice(0, 7);
    expect(s.rows("transfers").filter((t) => t.from_account_id === sv.id && t.execute_on.startsWith(month))).toEqual([]);
    for (let i = 1; i <= 5; i++) s.ok("transfer_between_accounts", { from_account_id: sv.id, to_account_id: c.id, amount: 10 });
    // A payment to a payee is an outgoing transfer too: the sixth.
    s.ok("pay_payee", { from_account_id: sv.id, payee_id: idlePayee(s).id, amount: 10 });
    const limit = new RegExp(`savings account ${sv.id} has used all 6 outgoing transfers allowed in ${month}; transfer from a checking account instead`);
    s.fails("transfer_between_accounts", { from_account_id: sv.id, to_account_id: c.id, amount: 10 }, "limit_exceeded", limit);
    s.fails("pay_payee", { from_account_id: sv.id, payee_id: idlePayee(s).id, amount: 10 }, "limit_exceeded", limit);
    expect(balance(s, sv.id)).toBe(roundMoney(sv.balance - 60));
    // Money may still come in, and the other savings account has its own count.
    s.ok("transfer_between_accounts", { from_account_id: c.id, to_account_id: sv.id, amount: 10 });
    s.ok("transfer_between_accounts", { from_account_id: goalSavings(s).id, to_account_id: c.id, amount: 10 });
  });

  it("rule (Regulation D): scheduled payments count in the month they run; cancelled ones do not count", () => {
    const s = open();
    const sv = savings(s);
    const payee = idlePayee(s).id;
    const nextMonth = time.monthOf(time.addDays(`${today(s).slice(0, 7)}-01`, 40));
    const day = `${nextMonth}-10`;
    const ids = Array.from({ length: 6 }, () => s.ok("pay_payee", { from_account_id: sv.id, payee_id: payee, amount: 20, execute_on: day }).id);
    s.fails(
      "pay_payee",
      { from_account_id: sv.id, payee_id: payee, amount: 20, execute_on: `${nextMonth}-11` },
      "limit_exceeded",
      new RegExp(`has used all 6 outgoing transfers allowed in ${nextMonth}`),
    );
    // This month is untouched by next month's payments.
    s.ok("transfer_between_accounts", { from_account_id: sv.id, to_account_id: checking(s).id, amount: 5 });
    s.ok("cancel_transfer", { transfer_id: ids[0] });
    expect(s.ok("pay_payee", { from_account_id: sv.id, payee_id: payee, amount: 20, execute_on: `${nextMonth}-11` }).status).toBe("scheduled");
  });

  it("rule: frozen or closed accounts neither send nor receive (set by the bank; no tool does it)", () => {
    const s = open();
    const c = checking(s);
    const sv = goalSavings(s);
    asTheBank(s, sv.id, { status: "frozen" });
    s.fails(
      "transfer_between_accounts",
      { from_account_id: sv.id, to_account_id: c.id, amount: 10 },
      "failed_precondition",
      new RegExp(`account ${sv.id} \\(${esc(sv.name)}\\) is frozen and cannot send money`),
    );
    s.fails(
      "transfer_between_accounts",
      { from_account_id: c.id, to_account_id: sv.id, amount: 10 },
      "failed_precondition",
      new RegExp(`account ${sv.id} \\(${esc(sv.name)}\\) is frozen and cannot receive money`),
    );
    s.fails("pay_payee", { from_account_id: sv.id, payee_id: idlePayee(s).id, amount: 10 }, "failed_precondition", /is frozen and cannot send money/);
    asTheBank(s, c.id, { status: "closed" });
    s.fails(
      "transfer_between_accounts",
      { from_account_id: c.id, to_account_id: savings(s).id, amount: 10 },
      "failed_precondition",
      new RegExp(`account ${c.id} \\(Everyday Checking\\) is closed and cannot send money`),
    );
    s.fails(
      "transfer_between_accounts",
      { from_account_id: savings(s).id, to_account_id: c.id, amount: 10 },
      "failed_precondition",
      /is closed and cannot receive money/,
    );
    s.fails("update_overdraft_limit", { account_id: c.id, limit: 100 }, "failed_precondition", /is closed and cannot send money/);
    // Reading still works.
    expect(s.ok("get_account", { account_id: c.id }).status).toBe("closed");
  });
});

// ---- payees ------------------------------------------------------------------------------------

describe("banking: payees", () => {
  it("list_payees lists saved payees, filters by name and paginates", () => {
    const s = open();
    const all = s.ok("list_payees", { limit: 100 });
    expect(all.total).toBe(8);
    expect(all.items).toEqual(s.rows("payees"));
    expect(s.ok("list_payees", { name: "water" }).items.map((p: Row) => p.name)).toEqual(["City Water Utility"]);
    const someone = all.items[2];
    const last = someone.name.split(" ").at(-1).toUpperCase();
    const byName = s.ok("list_payees", { name: last }).items;
    expect(byName.map((p: Row) => p.id)).toContain(someone.id);
    expect(byName.every((p: Row) => p.name.toUpperCase().includes(last))).toBe(true);
    expect(s.ok("list_payees", { name: "Nobody Atall" })).toEqual({ items: [], total: 0 });
    expect(walk(s, "list_payees", {}, 3).map((p) => p.id)).toEqual(all.items.map((p: Row) => p.id));
  });

  it("add_payee saves a payee; the same account and routing number cannot be saved twice", () => {
    const s = open();
    const now = s.now();
    const p = s.ok("add_payee", {
      name: "  Lena Park ",
      bank_name: "Ally Bank",
      account_number: "000123456789",
      routing_number: "021000021",
      email: "lena@example.com",
    });
    expect(p).toEqual({
      id: p.id,
      name: "Lena Park",
      kind: "person",
      bank_name: "Ally Bank",
      account_number: "000123456789",
      routing_number: "021000021",
      email: "lena@example.com",
      created_at: now,
    });
    expect(p.id).toMatch(/^PAYEE-\d{4}$/);
    expect(s.ok("list_payees", { name: "lena park" }).items).toEqual([p]);
    const biz = s.ok("add_payee", { name: "Acme Plumbing", kind: "business", bank_name: "Chase", account_number: "123456", routing_number: "111000025" });
    expect(biz).toMatchObject({ kind: "business" });
    expect(biz).not.toHaveProperty("email");

    s.fails(
      "add_payee",
      { name: "Lena P.", bank_name: "Ally", account_number: "000123456789", routing_number: "021000021" },
      "already_exists",
      new RegExp(`a payee with this account already exists: ${p.id} \\(Lena Park\\)`),
    );
    const seeded = s.rows("payees")[0]!;
    s.fails(
      "add_payee",
      { name: "Copy", bank_name: seeded.bank_name, account_number: seeded.account_number, routing_number: seeded.routing_number },
      "already_exists",
      new RegExp(`already exists: ${seeded.id} \\(${esc(seeded.name)}\\)`),
    );
    // Same account number at another bank is a different account.
    s.ok("add_payee", { name: "Other Lena", bank_name: "Chase", account_number: "000123456789", routing_number: "322271627" });

    s.fails(
      "add_payee",
      { name: "X Y", bank_name: "Chase", account_number: "12345", routing_number: "021000021" },
      "invalid_arguments",
      /account numbers have 6 to 17 digits/,
    );
    s.fails(
      "add_payee",
      { name: "X Y", bank_name: "Chase", account_number: "1234567", routing_number: "02100002" },
      "invalid_arguments",
      /routing numbers have exactly 9 digits/,
    );
    // 3·(1+4+7) + 7·(2+5+8) + (3+6+9) = 159: not a multiple of 10.
    s.fails(
      "add_payee",
      { name: "X Y", bank_name: "Chase", account_number: "1234567", routing_number: "123456789" },
      "invalid_argument",
      /fails the ABA checksum/,
    );
    s.fails(
      "add_payee",
      { name: "X Y", bank_name: "Chase", account_number: "1234567", routing_number: "021000021", email: "nope" },
      "invalid_arguments",
      /email/,
    );
    s.fails(
      "add_payee",
      { name: "X Y", bank_name: "Chase", account_number: "1234567", routing_number: "021000021", kind: "robot" },
      "invalid_arguments",
      /kind/,
    );
  });

  it("remove_payee deletes a payee without scheduled payments; past payments do not block it", () => {
    const s = open();
    const idle = idlePayee(s);
    expect(s.ok("remove_payee", { payee_id: idle.id })).toEqual({ removed: idle.id, name: idle.name });
    expect(s.row("payees", idle.id)).toBeUndefined();
    expect(s.ok("list_payees", { limit: 100 }).total).toBe(7);
    s.fails("remove_payee", { payee_id: idle.id }, "not_found", new RegExp(`payee '${idle.id}' not found.*list_payees`));
    // The landlord has only completed rent payments; those stay in the history.
    const landlord = s.rows("payees").find((p) => p.name.endsWith("Property Management"))!;
    const rent = s.rows("transfers").filter((t) => t.payee_id === landlord.id);
    expect(rent.length).toBeGreaterThan(0);
    expect(rent.every((t) => t.status === "completed")).toBe(true);
    s.ok("remove_payee", { payee_id: landlord.id });
    expect(s.rows("transfers").filter((t) => t.payee_id === landlord.id)).toEqual(rent);
  });

  it("rule: a payee with scheduled payments cannot be removed until they are cancelled", () => {
    const s = open();
    const scheduled = s.rows("transfers").find((t) => t.status === "scheduled")!;
    const payee = s.row("payees", scheduled.payee_id);
    s.fails(
      "remove_payee",
      { payee_id: payee.id },
      "failed_precondition",
      new RegExp(`^payee ${payee.id} \\(${esc(payee.name)}\\) has scheduled payments ${scheduled.id}; cancel them with cancel_transfer first$`),
    );
    s.ok("cancel_transfer", { transfer_id: scheduled.id });
    expect(s.ok("remove_payee", { payee_id: payee.id }).removed).toBe(payee.id);
  });
});

// ---- pay_payee ---------------------------------------------------------------------------------

describe("banking: pay_payee", () => {
  it("pays now: the money leaves the account with one transaction", () => {
    const s = open();
    const from = checking(s);
    const payee = idlePayee(s);
    const now = s.now();
    const t = s.ok("pay_payee", { from_account_id: from.id, payee_id: payee.id, amount: 75.5, memo: "Dinner" });
    expect(t).toMatchObject({
      from_account_id: from.id,
      payee_id: payee.id,
      amount: 75.5,
      memo: "Dinner",
      status: "completed",
      execute_on: now.slice(0, 10),
      created_at: now,
    });
    expect(t).not.toHaveProperty("to_account_id");
    expect(balance(s, from.id)).toBe(roundMoney(from.balance - 75.5));
    expect(txnsOfTransfer(s, t.id)).toEqual([
      {
        id: expect.stringMatching(/^TXN-\d{6}$/),
        account_id: from.id,
        posted_at: now,
        amount: -75.5,
        description: `Payment to ${payee.name}`,
        category: "transfer",
        transfer_id: t.id,
        balance_after: roundMoney(from.balance - 75.5),
      },
    ]);
    // execute_on today is the same as now.
    expect(s.ok("pay_payee", { from_account_id: from.id, payee_id: payee.id, amount: 1, execute_on: today(s) }).status).toBe("completed");
    expect(balance(s, from.id)).toBe(roundMoney(from.balance - 76.5));
  });

  it("schedules a future payment: no money moves, it is listed and cancellable", () => {
    const s = open();
    const from = checking(s);
    const payee = idlePayee(s);
    const day = time.addDays(today(s), 10);
    const txnsBefore = s.rows("transactions").length;
    const t = s.ok("pay_payee", { from_account_id: from.id, payee_id: payee.id, amount: 300, execute_on: day });
    expect(t).toMatchObject({ status: "scheduled", execute_on: day, amount: 300 });
    expect(balance(s, from.id)).toBe(from.balance);
    expect(s.rows("transactions")).toHaveLength(txnsBefore);
    expect(s.ok("list_transfers", { status: "scheduled" }).items[0]).toEqual(t);
    expect(s.ok("cancel_transfer", { transfer_id: t.id })).toEqual({ ...t, status: "cancelled" });
    expect(balance(s, from.id)).toBe(from.balance);
    // Up to 365 days ahead, not more; never in the past.
    expect(s.ok("pay_payee", { from_account_id: from.id, payee_id: payee.id, amount: 1, execute_on: time.addDays(today(s), 365) }).status).toBe("scheduled");
    s.fails(
      "pay_payee",
      { from_account_id: from.id, payee_id: payee.id, amount: 1, execute_on: time.addDays(today(s), 366) },
      "invalid_argument",
      /payments can be scheduled at most 365 days ahead/,
    );
    const yesterday = time.addDays(today(s), -1);
    s.fails(
      "pay_payee",
      { from_account_id: from.id, payee_id: payee.id, amount: 1, execute_on: yesterday },
      "invalid_argument",
      new RegExp(`execute_on ${yesterday} is in the past; today is ${today(s)}`),
    );
    s.fails("pay_payee", { from_account_id: from.id, payee_id: payee.id, amount: 1, execute_on: "next week" }, "invalid_arguments", /YYYY-MM-DD/);
  });

  it("rule: payments need funds (overdraft included) and cannot come from a credit account", () => {
    const s = open();
    const from = checking(s);
    const payee = idlePayee(s).id;
    const max = availableOf(from);
    s.fails(
      "pay_payee",
      { from_account_id: from.id, payee_id: payee, amount: roundMoney(max + 0.01) },
      "failed_precondition",
      new RegExp(`insufficient funds: ${from.id} .* so at most ${money(max)} can leave it; the transfer needs ${money(max + 0.01)}`),
    );
    // Scheduling is checked against today's funds too.
    s.fails(
      "pay_payee",
      { from_account_id: from.id, payee_id: payee, amount: roundMoney(max + 0.01), execute_on: time.addDays(today(s), 3) },
      "failed_precondition",
      /insufficient funds/,
    );
    s.ok("pay_payee", { from_account_id: from.id, payee_id: payee, amount: max });
    expect(balance(s, from.id)).toBe(-from.overdraft_limit);
    s.fails(
      "pay_payee",
      { from_account_id: credit(s).id, payee_id: payee, amount: 10 },
      "failed_precondition",
      new RegExp(`transfers cannot be made from credit account ${credit(s).id}`),
    );
    s.fails("pay_payee", { from_account_id: from.id, payee_id: "PAYEE-9999", amount: 10 }, "not_found", /payee 'PAYEE-9999' not found.*list_payees/);
    s.fails("pay_payee", { from_account_id: "ACC-9999", payee_id: payee, amount: 10 }, "not_found", /list_accounts/);
  });

  it("rule: payments to payees total at most 10,000.00 a day, across all accounts", () => {
    const s = open();
    const sv = savings(s);
    const c = checking(s);
    const payee = idlePayee(s).id;
    const day = today(s);
    s.ok("pay_payee", { from_account_id: sv.id, payee_id: payee, amount: 6000 });
    s.fails(
      "pay_payee",
      { from_account_id: c.id, payee_id: payee, amount: 4000.01 },
      "limit_exceeded",
      new RegExp(`^payments on ${day} would total 10,000\\.01, over the daily limit of 10,000\\.00$`),
    );
    s.ok("pay_payee", { from_account_id: c.id, payee_id: payee, amount: 4000 });
    s.fails("pay_payee", { from_account_id: c.id, payee_id: payee, amount: 0.01 }, "limit_exceeded", /would total 10,000\.01/);
    // Transfers between own accounts are not payments.
    s.ok("transfer_between_accounts", { from_account_id: sv.id, to_account_id: c.id, amount: 500 });
    // Tomorrow has its own limit.
    s.ok("pay_payee", { from_account_id: sv.id, payee_id: payee, amount: 10000, execute_on: time.addDays(day, 1) });
  });

  it("rule: the daily limit counts scheduled payments on their day, not cancelled ones", () => {
    const s = open();
    const seeded = s.rows("transfers").find((t) => t.status === "scheduled")!;
    const sv = savings(s);
    const payee = idlePayee(s).id;
    const room = roundMoney(10000 - seeded.amount);
    s.fails(
      "pay_payee",
      { from_account_id: sv.id, payee_id: payee, amount: roundMoney(room + 0.01), execute_on: seeded.execute_on },
      "limit_exceeded",
      new RegExp(`payments on ${seeded.execute_on} would total 10,000\\.01`),
    );
    s.ok("cancel_transfer", { transfer_id: seeded.id });
    s.ok("pay_payee", { from_account_id: sv.id, payee_id: payee, amount: 10000, execute_on: seeded.execute_on });
  });
});

// ---- list_transfers, cancel_transfer -----------------------------------------------------------

describe("banking: list_transfers and cancel_transfer", () => {
  it("list_transfers lists newest first, by account (either side) and status, paginated", () => {
    const s = open();
    const all = s.ok("list_transfers", { limit: 100 });
    expect(all.total).toBe(s.rows("transfers").length);
    expectNewestFirst(all.items, "created_at");
    const sv = savings(s);
    const touching = s.rows("transfers").filter((t) => t.from_account_id === sv.id || t.to_account_id === sv.id);
    expect(touching.length).toBeGreaterThan(0);
    expect(
      s
        .ok("list_transfers", { account_id: sv.id, limit: 100 })
        .items.map((t: Row) => t.id)
        .sort(),
    ).toEqual(touching.map((t) => t.id).sort());
    const scheduled = s.ok("list_transfers", { status: "scheduled" });
    expect(scheduled.total).toBe(2);
    expect(scheduled.items.every((t: Row) => t.status === "scheduled")).toBe(true);
    expect(s.ok("list_transfers", { status: "cancelled" })).toEqual({ items: [], total: 0 });
    expect(s.ok("list_transfers", { account_id: goalSavings(s).id, status: "completed" }).total).toBe(
      s.rows("transfers").filter((t) => t.status === "completed" && (t.from_account_id === goalSavings(s).id || t.to_account_id === goalSavings(s).id)).length,
    );
    expect(walk(s, "list_transfers", {}, 4).map((t) => t.id)).toEqual(all.items.map((t: Row) => t.id));
    const t = s.ok("transfer_between_accounts", { from_account_id: checking(s).id, to_account_id: sv.id, amount: 1 });
    expect(s.ok("list_transfers", { limit: 1 }).items[0].id).toBe(t.id);
  });

  it("rule: only scheduled transfers can be cancelled", () => {
    const s = open();
    const scheduled = s.rows("transfers").find((t) => t.status === "scheduled")!;
    const cancelled = s.ok("cancel_transfer", { transfer_id: scheduled.id });
    expect(cancelled).toEqual({ ...scheduled, status: "cancelled" });
    expect(s.ok("list_transfers", { status: "cancelled" }).items).toEqual([cancelled]);
    s.fails(
      "cancel_transfer",
      { transfer_id: scheduled.id },
      "failed_precondition",
      new RegExp(`^transfer ${scheduled.id} is cancelled; only scheduled transfers can be cancelled$`),
    );
    const done = s.rows("transfers").find((t) => t.status === "completed")!;
    s.fails(
      "cancel_transfer",
      { transfer_id: done.id },
      "failed_precondition",
      new RegExp(`transfer ${done.id} is completed; only scheduled transfers can be cancelled`),
    );
    const now = s.ok("transfer_between_accounts", { from_account_id: checking(s).id, to_account_id: savings(s).id, amount: 5 });
    s.fails("cancel_transfer", { transfer_id: now.id }, "failed_precondition", /is completed/);
    s.fails("cancel_transfer", { transfer_id: "TRF-9999" }, "not_found", /transfer 'TRF-9999' not found.*list_transfers/);
  });
});

// ---- cards -------------------------------------------------------------------------------------

describe("banking: cards", () => {
  it("list_cards lists debit and credit cards, by account and status", () => {
    const s = open();
    const all = s.ok("list_cards", {});
    expect(all.total).toBe(3);
    expect(all.items.map((c: Row) => c.kind).sort()).toEqual(["credit", "debit", "debit"]);
    expect(all.items.every((c: Row) => c.status === "active")).toBe(true);
    const cc = s.ok("list_cards", { account_id: credit(s).id }).items;
    expect(cc).toHaveLength(1);
    expect(cc[0]).toMatchObject({ kind: "credit", network: "visa", account_id: credit(s).id });
    expect(s.ok("list_cards", { account_id: savings(s).id })).toEqual({ items: [], total: 0 });
    s.ok("freeze_card", { card_id: cc[0].id });
    expect(s.ok("list_cards", { status: "frozen" }).items.map((c: Row) => c.id)).toEqual([cc[0].id]);
    expect(s.ok("list_cards", { status: "active" }).total).toBe(2);
    expect(walk(s, "list_cards", {}, 2).map((c) => c.id)).toEqual(all.items.map((c: Row) => c.id));
  });

  it("freeze_card and unfreeze_card toggle a card; freezing a frozen or unfreezing an active card fails", () => {
    const s = open();
    const card = s.rows("cards")[0]!;
    expect(s.ok("freeze_card", { card_id: card.id })).toEqual({ ...card, status: "frozen" });
    s.fails("freeze_card", { card_id: card.id }, "failed_precondition", new RegExp(`^card ${card.id} is frozen; only active cards can be frozen$`));
    expect(s.ok("unfreeze_card", { card_id: card.id })).toEqual(card);
    s.fails("unfreeze_card", { card_id: card.id }, "failed_precondition", new RegExp(`^card ${card.id} is already active$`));
    s.fails("freeze_card", { card_id: "CARD-9999" }, "not_found", /card 'CARD-9999' not found.*list_cards/);
    s.fails("unfreeze_card", { card_id: "CARD-9999" }, "not_found", /list_cards/);
  });

  it("report_card_lost cancels the card for good and issues an active replacement with a new number", () => {
    const s = open();
    const old = s.rows("cards")[0]!;
    s.ok("freeze_card", { card_id: old.id });
    const day = today(s);
    const fresh = s.ok("report_card_lost", { card_id: old.id });
    expect(fresh.id).not.toBe(old.id);
    expect(fresh).toEqual({ ...old, id: fresh.id, last4: fresh.last4, status: "active", expires: `${Number(day.slice(0, 4)) + 4}-${day.slice(5, 7)}` });
    expect(fresh.last4).toMatch(/^\d{4}$/);
    expect(fresh.last4).not.toBe(old.last4);
    expect(fresh).not.toHaveProperty("replaced_by");
    expect(s.row("cards", old.id)).toEqual({ ...old, status: "cancelled", replaced_by: fresh.id });
    expect(s.row("cards", fresh.id)).toEqual(fresh);
    expect(s.ok("list_cards", { account_id: old.account_id, status: "active" }).items).toEqual([fresh]);

    // A cancelled card stays cancelled: nothing can be done with it.
    const gone = new RegExp(`card ${old.id} is already cancelled; its replacement is ${fresh.id}`);
    s.fails("report_card_lost", { card_id: old.id }, "failed_precondition", gone);
    s.fails("freeze_card", { card_id: old.id }, "failed_precondition", new RegExp(`card ${old.id} is cancelled; only active cards can be frozen`));
    s.fails("unfreeze_card", { card_id: old.id }, "failed_precondition", new RegExp(`^card ${old.id} is cancelled for good; its replacement is ${fresh.id}$`));
    s.fails(
      "set_card_limit",
      { card_id: old.id, daily_limit: 500 },
      "failed_precondition",
      new RegExp(`card ${old.id} is cancelled; limits can only be set on active or frozen cards`),
    );
    // The replacement can itself be reported lost, with another new number.
    const third = s.ok("report_card_lost", { card_id: fresh.id });
    expect(new Set([old.last4, fresh.last4, third.last4]).size).toBe(3);
    expect(s.row("cards", fresh.id).replaced_by).toBe(third.id);
    s.fails("report_card_lost", { card_id: "CARD-0001" }, "not_found", /list_cards/);
  });

  it("set_card_limit sets the daily limit within 100.00 and 10,000.00, also on a frozen card", () => {
    const s = open();
    const card = s.rows("cards")[1]!;
    expect(s.ok("set_card_limit", { card_id: card.id, daily_limit: 100 })).toEqual({ ...card, daily_limit: 100 });
    expect(s.ok("set_card_limit", { card_id: card.id, daily_limit: 10000 }).daily_limit).toBe(10000);
    s.fails("set_card_limit", { card_id: card.id, daily_limit: 99.99 }, "invalid_arguments", /daily_limit: the daily limit is at least 100\.00/);
    s.fails("set_card_limit", { card_id: card.id, daily_limit: 10000.01 }, "invalid_arguments", /daily_limit: the daily limit is at most 10,000\.00/);
    s.fails("set_card_limit", { card_id: card.id, daily_limit: 250.001 }, "invalid_arguments", /at most 2 decimals/);
    s.ok("freeze_card", { card_id: card.id });
    expect(s.ok("set_card_limit", { card_id: card.id, daily_limit: 750.5 })).toMatchObject({ status: "frozen", daily_limit: 750.5 });
    s.fails("set_card_limit", { card_id: "CARD-9999", daily_limit: 500 }, "not_found", /list_cards/);
  });
});

// ---- statements --------------------------------------------------------------------------------

describe("banking: statements", () => {
  it("list_statements lists an account's monthly statements, newest first", () => {
    const s = open();
    const c = checking(s);
    const list = s.ok("list_statements", { account_id: c.id });
    expect(list.total).toBe(3);
    expect(list.items.every((x: Row) => x.account_id === c.id)).toBe(true);
    const periods = list.items.map((x: Row) => x.period);
    expect(periods).toEqual([...periods].sort().reverse());
    expect(periods[0]).toBe(time.monthOf(time.addDays(`${today(s).slice(0, 7)}-01`, -1)));
    expect(walk(s, "list_statements", { account_id: c.id }, 2)).toEqual(list.items);
    s.fails("list_statements", { account_id: "ACC-9999" }, "not_found", /list_accounts/);
  });

  it("get_statement: totals by category equal the sum of that month's transactions, and balances chain", () => {
    const s = open();
    for (const a of s.rows("accounts")) {
      const stmts = s.ok("list_statements", { account_id: a.id }).items.reverse();
      let previousClosing: number | undefined;
      for (const st of stmts) {
        const full = s.ok("get_statement", { statement_id: st.id });
        expect({ ...full, by_category: undefined }).toEqual({ ...st, by_category: undefined });
        const last = time.addDays(`${time.monthOf(time.addDays(`${st.period}-01`, 31))}-01`, -1);
        const month = s.ok("list_transactions", { account_id: a.id, from_date: `${st.period}-01`, to_date: last, limit: 100 }).items as Row[];
        const expected: Record<string, number> = {};
        for (const t of month) expected[t.category] = roundMoney((expected[t.category] ?? 0) + t.amount);
        expect(full.by_category).toEqual(expected);
        expect(sum(Object.values(full.by_category))).toBeCloseTo(full.total_in - full.total_out, 2);
        expect(full.total_in).toBe(sum(month.filter((t) => t.amount > 0).map((t) => t.amount)));
        expect(full.total_out).toBe(sum(month.filter((t) => t.amount < 0).map((t) => -t.amount)));
        expect(full.closing_balance).toBeCloseTo(full.opening_balance + full.total_in - full.total_out, 2);
        if (month.length) expect(full.closing_balance).toBe(month[0]!.balance_after);
        if (previousClosing !== undefined) expect(full.opening_balance).toBe(previousClosing);
        previousClosing = full.closing_balance;
      }
    }
    const rent = s.ok("list_statements", { account_id: checking(s).id, limit: 1 }).items[0];
    expect(s.ok("get_statement", { statement_id: rent.id }).by_category.rent).toBe(-2150);
    s.fails("get_statement", { statement_id: "STMT-9999" }, "not_found", /statement 'STMT-9999' not found.*list_statements/);
  });
});

// ---- overdraft ---------------------------------------------------------------------------------

describe("banking: update_overdraft_limit", () => {
  it("sets a checking account's overdraft limit, which available balance and transfers honour", () => {
    const s = open();
    const joint = jointChecking(s);
    expect(s.ok("update_overdraft_limit", { account_id: joint.id, limit: 500 })).toEqual({ ...joint, overdraft_limit: 500 });
    expect(s.ok("get_balance", { account_id: joint.id }).available).toBe(roundMoney(joint.balance + 500));
    s.ok("transfer_between_accounts", { from_account_id: joint.id, to_account_id: savings(s).id, amount: roundMoney(joint.balance + 500) });
    expect(balance(s, joint.id)).toBe(-500);
    expect(s.ok("update_overdraft_limit", { account_id: joint.id, limit: 1000 }).overdraft_limit).toBe(1000);
    expect(s.ok("update_overdraft_limit", { account_id: checking(s).id, limit: 0 }).overdraft_limit).toBe(0);
  });

  it("rule: only checking accounts, between 0 and 1,000.00, never below what is already overdrawn", () => {
    const s = open();
    const joint = jointChecking(s);
    for (const other of [savings(s), credit(s)]) {
      s.fails(
        "update_overdraft_limit",
        { account_id: other.id, limit: 100 },
        "failed_precondition",
        new RegExp(`^account ${other.id} is a ${other.type} account; only checking accounts have an overdraft limit$`),
      );
    }
    s.fails("update_overdraft_limit", { account_id: joint.id, limit: 1000.01 }, "invalid_arguments", /limit/);
    s.fails("update_overdraft_limit", { account_id: joint.id, limit: -1 }, "invalid_arguments", /limit/);
    s.fails("update_overdraft_limit", { account_id: "ACC-9999", limit: 100 }, "not_found", /list_accounts/);

    s.ok("update_overdraft_limit", { account_id: joint.id, limit: 400 });
    s.ok("transfer_between_accounts", { from_account_id: joint.id, to_account_id: savings(s).id, amount: roundMoney(joint.balance + 300) });
    expect(balance(s, joint.id)).toBe(-300);
    s.fails(
      "update_overdraft_limit",
      { account_id: joint.id, limit: 299.99 },
      "failed_precondition",
      new RegExp(`^${joint.id} is overdrawn by 300\\.00; the limit must be at least that$`),
    );
    s.fails("update_overdraft_limit", { account_id: joint.id, limit: 0 }, "failed_precondition", /overdrawn by 300\.00/);
    expect(s.ok("update_overdraft_limit", { account_id: joint.id, limit: 300 }).overdraft_limit).toBe(300);
    s.fails(
      "transfer_between_accounts",
      { from_account_id: joint.id, to_account_id: savings(s).id, amount: 0.01 },
      "failed_precondition",
      /holds -300\.00 with an overdraft limit of 300\.00, so at most 0\.00 can leave it/,
    );
  });
});

// ---- scenarios ---------------------------------------------------------------------------------

describe("banking: scenarios", () => {
  it("new payee → scheduled payment → listed → removal blocked → cancel → removal succeeds", () => {
    const s = open();
    const from = checking(s);
    const payee = s.ok("add_payee", {
      name: "Riverside Daycare",
      kind: "business",
      bank_name: "Chase",
      account_number: "88776655443",
      routing_number: "021000021",
    });
    const found = s.ok("list_payees", { name: "riverside" }).items;
    expect(found.map((p: Row) => p.id)).toEqual([payee.id]);
    const day = time.addDays(today(s), 14);
    const pay = s.ok("pay_payee", { from_account_id: from.id, payee_id: found[0].id, amount: 1250, memo: "December tuition", execute_on: day });
    expect(pay).toMatchObject({ payee_id: payee.id, status: "scheduled", execute_on: day });
    const listed = s.ok("list_transfers", { account_id: from.id, status: "scheduled" }).items;
    expect(listed[0]).toEqual(pay);
    s.fails(
      "remove_payee",
      { payee_id: payee.id },
      "failed_precondition",
      new RegExp(`has scheduled payments ${listed[0].id}; cancel them with cancel_transfer first`),
    );
    expect(s.ok("cancel_transfer", { transfer_id: listed[0].id }).status).toBe("cancelled");
    expect(s.ok("remove_payee", { payee_id: payee.id })).toEqual({ removed: payee.id, name: "Riverside Daycare" });
    s.fails("pay_payee", { from_account_id: from.id, payee_id: payee.id, amount: 10 }, "not_found", /list_payees/);
    expect(balance(s, from.id)).toBe(from.balance);
  });

  it("lost debit card → replacement gets a limit → savings top up checking → pay off the credit card", () => {
    const s = open();
    const c = checking(s);
    const debit = s.ok("list_cards", { account_id: c.id }).items[0];
    const replacement = s.ok("report_card_lost", { card_id: debit.id });
    expect(s.ok("set_card_limit", { card_id: replacement.id, daily_limit: 500 })).toMatchObject({ id: replacement.id, status: "active", daily_limit: 500 });
    const owed = s.ok("get_balance", { account_id: credit(s).id }).owed;
    const topUp = s.ok("transfer_between_accounts", { from_account_id: savings(s).id, to_account_id: c.id, amount: owed, memo: "For the card" });
    const payoff = s.ok("transfer_between_accounts", { from_account_id: topUp.to_account_id, to_account_id: credit(s).id, amount: owed });
    expect(s.ok("get_balance", { account_id: credit(s).id }).owed).toBe(0);
    expect(balance(s, c.id)).toBe(c.balance);
    expect(s.ok("list_transactions", { account_id: c.id, limit: 2 }).items.map((t: Row) => [t.transfer_id, t.amount])).toEqual([
      [payoff.id, -owed],
      [topUp.id, owed],
    ]);
  });
});
