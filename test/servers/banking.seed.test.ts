/** Banking's seed, checked against the rules a bank's customer (and its auditor) would expect. */
import { expect } from "vitest";
import banking from "../../ts/servers/banking/index.ts";
import type { Account, Card, Payee, Statement, Transaction, Transfer } from "../../ts/servers/banking/state.ts";
import { abaValid, groupBy, seedRules } from "../helpers/seed-rules.ts";

const cents = (x: number) => Math.round(x * 100);
const byTime = (a: Transaction, b: Transaction) => (a.posted_at < b.posted_at ? -1 : a.posted_at > b.posted_at ? 1 : a.id < b.id ? -1 : 1);

seedRules(banking, {
  "each transaction's balance_after is the previous balance plus its amount, and each account's balance is its last balance_after": (s) => {
    for (const [accountId, txns] of groupBy(s.rows<Transaction>("transactions"), (t) => t.account_id)) {
      const sorted = [...txns].sort(byTime);
      for (let i = 1; i < sorted.length; i++)
        expect(cents(sorted[i]!.balance_after), sorted[i]!.id).toBe(cents(sorted[i - 1]!.balance_after) + cents(sorted[i]!.amount));
      expect(cents(s.row<Account>("accounts", accountId).balance)).toBe(cents(sorted[sorted.length - 1]!.balance_after));
    }
  },
  "nothing is posted after the session's clock, and nothing before the account was opened": (s) => {
    for (const t of s.rows<Transaction>("transactions")) {
      expect(t.posted_at <= s.world.now, t.id).toBe(true);
      expect(t.posted_at.slice(0, 10) >= s.row<Account>("accounts", t.account_id).opened_on, t.id).toBe(true);
    }
  },
  "subscriptions and bills charge once a month, on the same day of the month, and a subscription always the same amount": (s) => {
    const monthly = s.rows<Transaction>("transactions").filter((t) => ["Netflix", "Spotify", "Comcast Xfinity", "PG&E"].includes(t.merchant ?? ""));
    const byMerchant = groupBy(monthly, (t) => t.merchant as string);
    expect(byMerchant.size, `seed ${s.seed}`).toBe(4);
    for (const [merchant, charges] of byMerchant) {
      expect(charges.length, merchant).toBeGreaterThanOrEqual(2);
      expect(charges.length, merchant).toBeLessThanOrEqual(4);
      expect(new Set(charges.map((c) => c.posted_at.slice(0, 7))).size, `${merchant}: one charge per month`).toBe(charges.length);
      expect(new Set(charges.map((c) => c.posted_at.slice(8, 10))).size, `${merchant}: on one day of the month`).toBe(1);
      if (merchant === "Netflix") expect(new Set(charges.map((c) => c.amount))).toEqual(new Set([-15.49]));
      if (merchant === "Spotify") expect(new Set(charges.map((c) => c.amount))).toEqual(new Set([-11.99]));
    }
  },
  "payroll arrives on the 1st and the 15th, the same amount each time; rent of 2,150.00 leaves on the 1st": (s) => {
    const txns = s.rows<Transaction>("transactions");
    const pay = txns.filter((t) => t.description.startsWith("Payroll deposit"));
    expect(pay.length).toBeGreaterThanOrEqual(5);
    for (const p of pay) expect(["01", "15"]).toContain(p.posted_at.slice(8, 10));
    expect(new Set(pay.map((p) => p.amount)).size).toBe(1);
    const rent = txns.filter((t) => t.category === "rent");
    expect(rent.length).toBeGreaterThanOrEqual(2);
    for (const r of rent) expect([r.posted_at.slice(8, 10), r.amount]).toEqual(["01", -2150]);
  },
  "every routing number passes the ABA checksum": (s) => {
    for (const p of s.rows<Payee>("payees")) expect(abaValid(p.routing_number), `${p.name}: ${p.routing_number}`).toBe(true);
  },
  "payees at the same bank share its routing number": (s) => {
    for (const [bank, payees] of groupBy(s.rows<Payee>("payees"), (p) => p.bank_name)) expect(new Set(payees.map((p) => p.routing_number)).size, bank).toBe(1);
  },
  "the credit card is never overpaid (its balance never goes above 0) and never over its limit": (s) => {
    const credit = s.rows<Account>("accounts").find((a) => a.type === "credit")!;
    for (const t of s.rows<Transaction>("transactions").filter((x) => x.account_id === credit.id)) {
      expect(t.balance_after, t.id).toBeLessThanOrEqual(0);
      expect(t.balance_after, t.id).toBeGreaterThanOrEqual(-credit.credit_limit);
    }
  },
  "no checking or savings account ever goes below its overdraft limit": (s) => {
    for (const a of s.rows<Account>("accounts").filter((x) => x.type !== "credit")) {
      for (const t of s.rows<Transaction>("transactions").filter((x) => x.account_id === a.id))
        expect(t.balance_after, t.id).toBeGreaterThanOrEqual(-a.overdraft_limit);
    }
  },
  "a completed transfer moves its amount out of one account and, between own accounts, into the other, on its execute_on day": (s) => {
    const byTransfer = groupBy(
      s.rows<Transaction>("transactions").filter((t) => t.transfer_id),
      (t) => t.transfer_id as string,
    );
    for (const tr of s.rows<Transfer>("transfers").filter((t) => t.status === "completed")) {
      const legs = byTransfer.get(tr.id) ?? [];
      expect(legs.length, tr.id).toBe(tr.to_account_id ? 2 : 1);
      expect(legs.find((l) => l.account_id === tr.from_account_id)?.amount).toBe(-tr.amount);
      if (tr.to_account_id) expect(legs.find((l) => l.account_id === tr.to_account_id)?.amount).toBe(tr.amount);
      for (const l of legs) expect(l.posted_at.slice(0, 10)).toBe(tr.execute_on);
    }
  },
  "a scheduled transfer runs on a later day and has posted nothing yet": (s) => {
    const posted = new Set(s.rows<Transaction>("transactions").map((t) => t.transfer_id));
    const scheduled = s.rows<Transfer>("transfers").filter((t) => t.status === "scheduled");
    expect(scheduled.length).toBe(2);
    for (const t of scheduled) {
      expect(t.execute_on > s.world.today, t.id).toBe(true);
      expect(posted.has(t.id)).toBe(false);
    }
  },
  "each statement adds up: closing = opening + in - out, in and out are the month's transactions, and it opens where the last one closed": (s) => {
    const txns = s.rows<Transaction>("transactions");
    for (const [accountId, statements] of groupBy(s.rows<Statement>("statements"), (x) => x.account_id)) {
      const sorted = [...statements].sort((a, b) => (a.period < b.period ? -1 : 1));
      expect(sorted.length).toBe(3);
      sorted.forEach((st, i) => {
        const rows = txns.filter((t) => t.account_id === accountId && t.posted_at.startsWith(st.period));
        expect(cents(st.total_in)).toBe(rows.filter((t) => t.amount > 0).reduce((n, t) => n + cents(t.amount), 0));
        expect(cents(st.total_out)).toBe(rows.filter((t) => t.amount < 0).reduce((n, t) => n - cents(t.amount), 0));
        expect(cents(st.closing_balance)).toBe(cents(st.opening_balance) + cents(st.total_in) - cents(st.total_out));
        if (i > 0) expect(st.opening_balance).toBe(sorted[i - 1]!.closing_balance);
      });
    }
  },
  "statements cover the three whole months before this one and are issued on the 1st of the following month, never in the future": (s) => {
    const month = s.world.today.slice(0, 7);
    for (const st of s.rows<Statement>("statements")) {
      expect(st.period < month, st.id).toBe(true);
      expect(st.issued_on.slice(8)).toBe("01");
      expect(st.issued_on <= s.world.today, st.id).toBe(true);
      expect(st.issued_on.slice(0, 7) > st.period).toBe(true);
    }
  },
  "cards: a debit card per checking account, one credit card on the credit account, none on savings, none expired": (s) => {
    const accounts = s.rows<Account>("accounts");
    const cards = s.rows<Card>("cards");
    for (const a of accounts) {
      const own = cards.filter((c) => c.account_id === a.id);
      expect(own.map((c) => c.kind)).toEqual(a.type === "savings" ? [] : [a.type === "credit" ? "credit" : "debit"]);
    }
    for (const c of cards) expect(c.expires > s.world.today.slice(0, 7), c.id).toBe(true);
  },
  "account numbers are unique": (s) => {
    const numbers = s.rows<Account>("accounts").map((a) => a.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  },
});
