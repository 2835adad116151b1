/**
 * Banking state: the user's accounts at one retail bank, their cards, payees, transfers,
 * posted transactions and monthly statements. Shaped after Open Banking / Plaid account data.
 */
import { roundMoney, table, toolkit, z } from "../framework/index.ts";

export const ACCOUNT_TYPES = ["checking", "savings", "credit"] as const;

export const Account = z.object({
  id: z.string(),
  type: z.enum(ACCOUNT_TYPES),
  name: z.string(),
  /** Full account number; models see it masked except in get_account. */
  number: z.string().regex(/^\d{10}$/),
  currency: z.literal("USD"),
  /** Checking/savings: money held. Credit: negative when money is owed. */
  balance: z.number(),
  /** Checking only: how far below zero the balance may go. */
  overdraft_limit: z.number().min(0),
  /** Credit only: the most that may be owed. */
  credit_limit: z.number().min(0),
  /** Savings: annual percentage yield; credit: annual percentage rate. */
  interest_rate: z.number().min(0),
  status: z.enum(["open", "frozen", "closed"]),
  opened_on: z.string(),
});
export type Account = z.output<typeof Account>;

/** Banks the user's payees hold accounts at, with their published ABA routing numbers. */
export const ROUTING_NUMBERS: Readonly<Record<string, string>> = {
  Chase: "021000021",
  "Wells Fargo": "121000248",
  "Bank of America": "026009593",
  Citibank: "021000089",
  "Ally Bank": "124003116",
  "Capital One": "056073612",
  "US Bank": "091000022",
};

/** Whether a routing number passes the ABA checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function abaChecksumOk(routing: string): boolean {
  const d = [...routing].map(Number);
  return /^\d{9}$/.test(routing) && (3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + d[2]! + d[5]! + d[8]!) % 10 === 0;
}

export const Payee = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["person", "business"]),
  bank_name: z.string(),
  account_number: z.string(),
  routing_number: z.string().regex(/^\d{9}$/),
  email: z.string().optional(),
  created_at: z.string(),
});
export type Payee = z.output<typeof Payee>;

export const Transfer = z.object({
  id: z.string(),
  from_account_id: z.string(),
  /** Internal transfers name the destination account… */
  to_account_id: z.string().optional(),
  /** …payments name the payee. */
  payee_id: z.string().optional(),
  amount: z.number().positive(),
  currency: z.literal("USD"),
  memo: z.string(),
  status: z.enum(["completed", "scheduled", "cancelled"]),
  /** The day the money moves (today for immediate transfers). */
  execute_on: z.string(),
  created_at: z.string(),
});
export type Transfer = z.output<typeof Transfer>;

export const CATEGORIES = [
  "income",
  "groceries",
  "dining",
  "transport",
  "fuel",
  "utilities",
  "rent",
  "shopping",
  "entertainment",
  "health",
  "travel",
  "subscriptions",
  "transfer",
  "fees",
] as const;

export const Transaction = z.object({
  id: z.string(),
  account_id: z.string(),
  posted_at: z.string(),
  /** Signed: positive money in, negative money out. */
  amount: z.number(),
  description: z.string(),
  merchant: z.string().optional(),
  category: z.enum(CATEGORIES),
  transfer_id: z.string().optional(),
  balance_after: z.number(),
});
export type Transaction = z.output<typeof Transaction>;

export const Card = z.object({
  id: z.string(),
  account_id: z.string(),
  kind: z.enum(["debit", "credit"]),
  holder: z.string(),
  last4: z.string().regex(/^\d{4}$/),
  network: z.enum(["visa", "mastercard"]),
  expires: z.string().regex(/^\d{4}-\d{2}$/),
  status: z.enum(["active", "frozen", "cancelled"]),
  daily_limit: z.number().positive(),
  replaced_by: z.string().optional(),
});
export type Card = z.output<typeof Card>;

export const Statement = z.object({
  id: z.string(),
  account_id: z.string(),
  /** Calendar month, "2026-02". */
  period: z.string().regex(/^\d{4}-\d{2}$/),
  opening_balance: z.number(),
  closing_balance: z.number(),
  total_in: z.number(),
  total_out: z.number(),
  issued_on: z.string(),
});
export type Statement = z.output<typeof Statement>;

const last4 = (n: string) => n.slice(-4);

export const tables = {
  accounts: table("account", Account, { idPrefix: "ACC-", describe: (a) => `the ${a.type} account ending in ${last4(a.number)}` }),
  payees: table("payee", Payee, { idPrefix: "PAYEE-", describe: (p) => `the payee ${p.name}` }),
  transfers: table("transfer", Transfer, {
    idPrefix: "TRF-",
    describe: (t) => `the ${t.status} transfer of ${t.amount.toFixed(2)} USD on ${t.execute_on}`,
  }),
  transactions: table("transaction", Transaction, {
    idPrefix: "TXN-",
    idDigits: 6,
    describe: (t) => `the ${t.amount < 0 ? "charge" : "deposit"} "${t.description}" of ${Math.abs(t.amount).toFixed(2)} USD on ${t.posted_at.slice(0, 10)}`,
  }),
  cards: table("card", Card, { idPrefix: "CARD-", describe: (c) => `the ${c.kind} card ending in ${c.last4}` }),
  statements: table("statement", Statement, { idPrefix: "STMT-", describe: (s) => `the ${s.period} statement` }),
};

export const { read, write } = toolkit(tables);

/** Money that may leave an account now: balance plus overdraft, or unused credit. */
export function available(a: Account): number {
  return roundMoney(a.type === "credit" ? a.credit_limit + a.balance : a.balance + a.overdraft_limit);
}

export function masked(a: Account): Account & { number: string } {
  return { ...a, number: `******${last4(a.number)}` };
}
