/**
 * Payments tools, shaped after Stripe's API: customers and their cards, charges and refunds,
 * invoices (draft → open → paid | void | uncollectible), webhook endpoints, events and deliveries.
 * Amounts are decimal currency units with cents (e.g. 49.99), never integer cents.
 *
 * Rules enforced:
 * - a refund is at most the charged amount less what was already refunded, only within 180 days
 *   of the charge, and never of a failed charge;
 * - only draft invoices can be edited, finalized or deleted; only open (or uncollectible)
 *   invoices can be paid or voided; paid invoices cannot be voided (refund the charge instead);
 *   only open invoices can be marked uncollectible; an invoice is finalized with at least one line;
 * - a customer without a payment method cannot be charged; a card must belong to the customer;
 *   charges are at least the currency's minimum (0.50 USD); expired or declining cards fail;
 * - cards must pass the Luhn check, be of a supported brand and not be expired; the same card
 *   cannot be attached twice to one customer; customer emails are unique;
 * - customers with unpaid or draft invoices cannot be deleted;
 * - webhook URLs must be https and publicly reachable, listen to known event types, be unique,
 *   at most 16 endpoints; only failed deliveries to enabled endpoints can be retried.
 */
import {
  check,
  companyName,
  descending,
  email,
  fail,
  isoDate,
  matchesText,
  money,
  page,
  phone,
  rangeStart,
  ref,
  roundMoney,
  secret,
  text,
  time,
  z,
  type CallEnv,
} from "../framework/index.ts";
import { brandOf, DECLINING_TEST_CARDS, FAILURE_MESSAGES, fingerprintOf, luhnValid, normalizeNumber } from "./cards.ts";
import {
  businessOf,
  cardExpired,
  chargeData,
  CURRENCIES,
  emit,
  EVENT_TYPES,
  feeOf,
  fmt,
  INVOICE_STATUSES,
  invoiceData,
  invoicePrefix,
  MAX_WEBHOOK_ENDPOINTS,
  MIN_CHARGE,
  publicCard,
  read,
  REFUND_WINDOW_DAYS,
  remaining,
  totals,
  write,
  type Charge,
  type Currency,
  type Customer,
  type Invoice,
  type InvoiceLine,
  type Pay,
  type PaymentMethod,
} from "./state.ts";

const customerId = (d: string) => ref("customer", d);
const invoiceId = (d: string) => ref("invoice", d);
const endpointId = (d: string) => ref("webhook_endpoint", d);

const currencyParam = z.enum(CURRENCIES).default("usd").describe("Three-letter currency code, lowercase (default usd)");

const LineInput = z
  .object({
    description: z.string().trim().min(1).max(200).describe("What is billed, e.g. 'Website redesign — phase 1'"),
    quantity: z.number().int().min(1).max(10_000).default(1).describe("Units (whole number, default 1)"),
    unit_amount: money("Price per unit, decimal with cents, e.g. 120.00"),
  })
  .strict();

function lineOf(l: z.output<typeof LineInput>): InvoiceLine {
  return { description: l.description, quantity: l.quantity, unit_amount: l.unit_amount, amount: roundMoney(l.quantity * l.unit_amount) };
}

function checkMinimum(amount: number, currency: Currency, what: string): void {
  check(
    amount >= MIN_CHARGE[currency],
    `${what} must be at least ${fmt(MIN_CHARGE[currency], currency)} (the smallest amount card networks accept); got ${fmt(amount, currency)}`,
    "invalid_argument",
  );
}

/** The card to charge: the one named (which must be the customer's) or the customer's default. */
function cardFor(db: Pay, customer: Customer, paymentMethodId: string | undefined, extra = ""): PaymentMethod {
  if (paymentMethodId) {
    const pm = db.payment_methods.need(paymentMethodId);
    check(
      pm.customer_id === customer.id,
      `payment method ${pm.id} belongs to customer ${pm.customer_id}, not ${customer.id} (${customer.name}); use one of ${customer.name}'s cards (list_customer_payment_methods)`,
    );
    return pm;
  }
  const cards = db.payment_methods.filter((p) => p.customer_id === customer.id);
  check(
    cards.length > 0,
    `customer ${customer.id} (${customer.name}) has no payment method and cannot be charged; attach a card first with attach_payment_method${extra}`,
  );
  const def = customer.default_payment_method ? db.payment_methods.get(customer.default_payment_method) : undefined;
  check(
    def,
    `customer ${customer.id} has no default payment method; pass payment_method_id, one of ${cards.map((c) => `${c.id} (${c.brand} ${c.last4})`).join(", ")}`,
  );
  return def;
}

/** Attempts a card payment; a declined or expired card gives a failed charge (status failed), not an error. */
function runCharge(
  db: Pay,
  env: CallEnv,
  customer: Customer,
  pm: PaymentMethod,
  amount: number,
  currency: Currency,
  description: string,
  extra: { invoice_id?: string; receipt_email?: string } = {},
): Charge {
  const failure = pm.decline_code ?? (cardExpired(pm, env.today) ? "expired_card" : undefined);
  const fee = failure ? 0 : feeOf(amount);
  const c = db.charges.create({
    customer_id: customer.id,
    payment_method_id: pm.id,
    amount,
    currency,
    description,
    status: failure ? "failed" : "succeeded",
    amount_refunded: 0,
    fee,
    net: failure ? 0 : roundMoney(amount - fee),
    ...(failure ? { failure_code: failure, failure_message: FAILURE_MESSAGES[failure] ?? "Your card was declined." } : {}),
    ...(extra.invoice_id ? { invoice_id: extra.invoice_id } : {}),
    ...(extra.receipt_email ? { receipt_email: extra.receipt_email } : {}),
    created: env.now,
  });
  emit(db, env, failure ? "charge.failed" : "charge.succeeded", "charge", c.id, chargeData(c));
  return c;
}

function needDraft(inv: Invoice, action: string): void {
  check(
    inv.status === "draft",
    `invoice ${inv.id}${inv.number ? ` (${inv.number})` : ""} is ${inv.status}; only draft invoices can be ${action}` +
      (inv.status === "open" ? ". To change what is billed, void it with void_invoice and create a new invoice" : ""),
  );
}

function updateLines(db: Pay, env: CallEnv, inv: Invoice, lines: InvoiceLine[]): Invoice {
  const total = totals(lines);
  const next = db.invoices.update(inv.id, { lines, total, amount_due: total });
  emit(db, env, "invoice.updated", "invoice", next.id, invoiceData(next));
  return next;
}

function maskSecret(secretValue: string): string {
  return `whsec_…${secretValue.slice(-4)}`;
}

function checkUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    fail(`"${raw.slice(0, 100)}" is not a valid URL; give a full https URL such as https://example.com/webhooks/stripe`, "invalid_argument");
  }
  check(
    u.protocol === "https:",
    `webhook URLs must use https (got ${u.protocol.replace(":", "")}); e.g. https://${u.host || "example.com"}${u.pathname}`,
    "invalid_argument",
  );
  const host = u.hostname.toLowerCase();
  check(
    host.includes(".") &&
      !["localhost", "127.0.0.1", "0.0.0.0"].includes(host) &&
      !host.endsWith(".local") &&
      !host.startsWith("[") &&
      !/^\d+\.\d+\.\d+\.\d+$/.test(host),
    `webhook URL host "${host}" is not publicly reachable; use a public domain name such as api.example.com`,
    "invalid_argument",
  );
  return u.toString();
}

function checkEvents(events: readonly string[]): string[] {
  const unknown = events.filter((e) => e !== "*" && !(EVENT_TYPES as readonly string[]).includes(e));
  check(
    unknown.length === 0,
    () =>
      `unknown event type${unknown.length > 1 ? "s" : ""} ${unknown.map((e) => `"${e.slice(0, 60)}"`).join(", ")}; valid types are "*" (all) or ${EVENT_TYPES.join(", ")}`,
    "invalid_argument",
  );
  return [...new Set(events)];
}

function customerSummary(db: Pay, c: Customer) {
  const charges = db.charges.filter((x) => x.customer_id === c.id);
  const unpaid = db.invoices.filter((i) => i.customer_id === c.id && (i.status === "open" || i.status === "uncollectible"));
  return {
    ...c,
    payment_methods: db.payment_methods.filter((p) => p.customer_id === c.id).map(publicCard),
    charges_count: charges.length,
    total_spent: roundMoney(charges.reduce((s, x) => s + (x.status === "failed" ? 0 : x.amount - x.amount_refunded), 0)),
    unpaid_invoices: unpaid.map((i) => i.id),
    balance_due: roundMoney(unpaid.reduce((s, i) => s + i.amount_due, 0)),
  };
}

export const tools = {
  get_payment_balance: read({
    description:
      "The business's payments balance per currency: available (settled) and pending (charges of the last 2 days), net of processing fees and refunds, plus gross volume of the last 30 days.",
    input: z.object({}).strict(),
    run: (db, _a, env) => {
      const out = new Map<string, { currency: string; available: number; pending: number; gross_volume_30d: number }>();
      const row = (cur: string) => {
        let r = out.get(cur);
        if (!r) out.set(cur, (r = { currency: cur, available: 0, pending: 0, gross_volume_30d: 0 }));
        return r;
      };
      for (const c of db.charges.filter((x) => x.status !== "failed")) {
        const r = row(c.currency);
        const age = time.daysBetween(c.created, env.today);
        if (age < 2) r.pending += c.net;
        else r.available += c.net;
        if (age <= 30) r.gross_volume_30d += c.amount;
      }
      for (const rf of db.refunds.all()) row(rf.currency).available -= rf.amount;
      const balances = [...out.values()]
        .map((r) => ({
          currency: r.currency,
          available: roundMoney(r.available),
          pending: roundMoney(r.pending),
          gross_volume_30d: roundMoney(r.gross_volume_30d),
        }))
        .sort((a, b) => (a.currency < b.currency ? -1 : 1));
      return { business: businessOf(env.world).name, balances };
    },
  }),

  list_customers: read({
    description: "The business's customers, newest first, optionally filtered by text in the name or email, or by kind (individual or company).",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Part of the customer's name or email"),
        kind: z.enum(["individual", "company"]).optional().describe("Only individuals or only companies"),
        ...page,
      })
      .strict(),
    discovers: "customer",
    run: (db, a) =>
      db.customers.page(a, { where: (c) => matchesText(a.query, c.name, c.email) && (!a.kind || c.kind === a.kind), sort: descending("created") }),
  }),

  get_customer: read({
    description: "One customer with their saved cards, number of charges, total spent (net of refunds), unpaid invoices and balance due.",
    input: z.object({ customer_id: customerId("The customer") }).strict(),
    run: (db, a) => customerSummary(db, db.customers.need(a.customer_id)),
  }),

  create_customer: write({
    description: "Create a customer (a person or a company) to charge or invoice. Emails are unique among customers. Returns the customer.",
    input: z
      .object({
        name: companyName("Full name or company name"),
        email: email("Billing email; receipts and invoices go here"),
        phone: phone("Phone number, e.g. +1-415-555-0134").optional(),
        kind: z.enum(["individual", "company"]).default("individual").describe("An individual or a company (default individual)"),
        description: text("Internal note about the customer", 500).default(""),
      })
      .strict(),
    produces: "customer",
    run: (db, a, env) => {
      const dup = db.customers.find((c) => c.email.toLowerCase() === a.email);
      check(!dup, () => `a customer with email ${a.email} already exists: ${dup?.id} (${dup?.name}); use that customer or another email`, "already_exists");
      const c = db.customers.create({
        name: a.name,
        email: a.email,
        ...(a.phone ? { phone: a.phone } : {}),
        kind: a.kind,
        description: a.description,
        created: env.now,
      });
      emit(db, env, "customer.created", "customer", c.id, { name: c.name, email: c.email });
      return c;
    },
  }),

  update_customer: write({
    description: "Change a customer's name, email, phone, description or default card (which must be one of their cards). Returns the customer.",
    input: z
      .object({
        customer_id: customerId("The customer"),
        name: companyName("New full name or company name").optional(),
        email: email("New billing email").optional(),
        phone: phone("New phone number").optional(),
        description: text("Internal note", 500).optional(),
        default_payment_method_id: ref("payment_method", "Card to charge by default; one of the customer's cards").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const c = db.customers.need(a.customer_id);
      check(
        a.name !== undefined || a.email !== undefined || a.phone !== undefined || a.description !== undefined || a.default_payment_method_id !== undefined,
        "nothing to change: give at least one of name, email, phone, description, default_payment_method_id",
        "invalid_argument",
      );
      if (a.email !== undefined) {
        const dup = db.customers.find((x) => x.id !== c.id && x.email.toLowerCase() === a.email);
        check(!dup, () => `email ${a.email} is already used by customer ${dup?.id} (${dup?.name})`, "already_exists");
      }
      if (a.default_payment_method_id !== undefined) cardFor(db, c, a.default_payment_method_id);
      const next = db.customers.update(c.id, {
        ...(a.name !== undefined ? { name: a.name } : {}),
        ...(a.email !== undefined ? { email: a.email } : {}),
        ...(a.phone !== undefined ? { phone: a.phone } : {}),
        ...(a.description !== undefined ? { description: a.description } : {}),
        ...(a.default_payment_method_id !== undefined ? { default_payment_method: a.default_payment_method_id } : {}),
      });
      emit(db, env, "customer.updated", "customer", c.id, { name: next.name, email: next.email, default_payment_method: next.default_payment_method });
      return next;
    },
  }),

  delete_customer: write({
    description:
      "Delete a customer and their saved cards for good. Their charges stay in the history. Customers with draft, open or uncollectible invoices cannot be deleted.",
    input: z.object({ customer_id: customerId("The customer to delete") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const c = db.customers.need(a.customer_id);
      const blocking = db.invoices.filter((i) => i.customer_id === c.id && (i.status === "draft" || i.status === "open" || i.status === "uncollectible"));
      check(
        blocking.length === 0,
        () =>
          `customer ${c.id} (${c.name}) has invoices that are not settled: ${blocking.map((i) => `${i.id} (${i.status}, ${fmt(i.amount_due, i.currency)})`).join(", ")}; pay or void them (delete drafts with delete_draft_invoice) first`,
      );
      const cards = db.payment_methods.filter((p) => p.customer_id === c.id);
      for (const p of cards) db.payment_methods.delete(p.id);
      db.customers.delete(c.id);
      emit(db, env, "customer.deleted", "customer", c.id, { name: c.name, email: c.email });
      return { deleted: c.id, name: c.name, cards_removed: cards.map((p) => p.id) };
    },
  }),

  list_customer_payment_methods: read({
    description: "A customer's saved cards: brand, last 4 digits, expiry, funding, and which is the default.",
    input: z.object({ customer_id: customerId("The customer"), ...page }).strict(),
    discovers: "payment_method",
    run: (db, a, env) => {
      const c = db.customers.need(a.customer_id);
      const p = db.payment_methods.page(a, { where: (x) => x.customer_id === c.id, sort: descending("created") });
      return { ...p, items: p.items.map((x) => ({ ...publicCard(x), is_default: c.default_payment_method === x.id, expired: cardExpired(x, env.today) })) };
    },
  }),

  attach_payment_method: write({
    description:
      "Save a card for a customer from the card details the customer gave. The number must pass the checksum and the card must not be expired. The customer's first card becomes their default (or pass set_default). Returns the payment method (never the full number).",
    input: z
      .object({
        customer_id: customerId("The card holder"),
        card_number: secret(
          z
            .string()
            .trim()
            .regex(/^[\d -]{12,23}$/, "a card number has 13 to 19 digits (spaces or dashes allowed)")
            .describe("The full card number"),
        ),
        exp_month: z.number().int().min(1).max(12).describe("Expiry month, 1-12"),
        exp_year: z.number().int().min(2000).max(2100).describe("Expiry year, four digits, e.g. 2028"),
        cvc: secret(
          z
            .string()
            .regex(/^\d{3,4}$/, "the CVC has 3 digits (4 on American Express)")
            .describe("Security code on the card"),
        ),
        set_default: z.boolean().default(false).describe("Make this the customer's default card"),
      })
      .strict(),
    produces: "payment_method",
    run: (db, a, env) => {
      const c = db.customers.need(a.customer_id);
      const n = normalizeNumber(a.card_number);
      check(/^\d{13,19}$/.test(n), "a card number has 13 to 19 digits", "invalid_argument");
      check(luhnValid(n), "the card number is incorrect (it fails the checksum); ask the customer to check the digits", "invalid_argument");
      const brand = brandOf(n);
      check(brand, "this card brand is not supported; accepted brands are Visa, Mastercard, American Express and Discover", "invalid_argument");
      check(a.cvc.length === (brand === "amex" ? 4 : 3), `a ${brand} card has a ${brand === "amex" ? 4 : 3}-digit CVC`, "invalid_argument");
      check(
        !cardExpired({ exp_month: a.exp_month, exp_year: a.exp_year }, env.today),
        `the card expired ${String(a.exp_month).padStart(2, "0")}/${a.exp_year}; it must be valid in ${env.today.slice(0, 7)} or later`,
        "invalid_argument",
      );
      const fingerprint = fingerprintOf(n);
      const dup = db.payment_methods.find((p) => p.customer_id === c.id && p.fingerprint === fingerprint);
      check(!dup, () => `this card is already saved for ${c.name} as ${dup?.id} (${dup?.brand} ending in ${dup?.last4})`, "already_exists");
      const decline = DECLINING_TEST_CARDS[n];
      const pm = db.payment_methods.create({
        customer_id: c.id,
        type: "card",
        brand,
        last4: n.slice(-4),
        exp_month: a.exp_month,
        exp_year: a.exp_year,
        funding: brand === "visa" || brand === "mastercard" ? (Number.parseInt(fingerprint.slice(-1), 16) % 3 === 0 ? "debit" : "credit") : "credit",
        fingerprint,
        created: env.now,
        ...(decline ? { decline_code: decline } : {}),
      });
      const makeDefault = a.set_default || !c.default_payment_method;
      if (makeDefault) db.customers.update(c.id, { default_payment_method: pm.id });
      emit(db, env, "payment_method.attached", "payment_method", pm.id, { customer: c.id, brand: pm.brand, last4: pm.last4 });
      return { ...publicCard(pm), is_default: makeDefault };
    },
  }),

  detach_payment_method: write({
    description: "Remove a saved card from its customer. If it was the default, the customer has no default card afterwards.",
    input: z.object({ payment_method_id: ref("payment_method", "The card to remove") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const pm = db.payment_methods.need(a.payment_method_id);
      const c = db.customers.get(pm.customer_id);
      db.payment_methods.delete(pm.id);
      if (c?.default_payment_method === pm.id) {
        db.customers.update(c.id, (x) => {
          const { default_payment_method: _d, ...rest } = x;
          return rest as Customer;
        });
      }
      emit(db, env, "payment_method.detached", "payment_method", pm.id, { customer: pm.customer_id, brand: pm.brand, last4: pm.last4 });
      return { detached: pm.id, customer_id: pm.customer_id, was_default: c?.default_payment_method === pm.id };
    },
  }),

  list_charges: read({
    description: "Charges, newest first, filtered by customer, status, date range or amount. Amounts are decimal with cents.",
    input: z
      .object({
        customer_id: customerId("Only charges of this customer").optional(),
        status: z.enum(["succeeded", "failed", "refunded", "partially_refunded"]).optional().describe("Only charges in this state"),
        created_from: rangeStart("created_to", isoDate("Earliest charge date, inclusive")).optional(),
        created_to: isoDate("Latest charge date, inclusive").optional(),
        min_amount: money("Smallest amount", { min: 0, what: "min_amount" }).optional(),
        ...page,
      })
      .strict(),
    discovers: "charge",
    run: (db, a) =>
      db.charges.page(a, {
        where: (c) =>
          (!a.customer_id || c.customer_id === a.customer_id) &&
          (!a.status || c.status === a.status) &&
          (!a.created_from || c.created.slice(0, 10) >= a.created_from) &&
          (!a.created_to || c.created.slice(0, 10) <= a.created_to) &&
          (a.min_amount === undefined || c.amount >= a.min_amount),
        sort: descending("created"),
      }),
  }),

  get_charge: read({
    description: "One charge with its refunds, the amount that can still be refunded and the last day a refund is possible.",
    input: z.object({ charge_id: ref("charge", "The charge") }).strict(),
    run: (db, a) => {
      const c = db.charges.need(a.charge_id);
      return {
        ...c,
        refunds: db.refunds.filter((r) => r.charge_id === c.id),
        refundable_amount: c.status === "failed" ? 0 : remaining(c),
        refundable_until: time.addDays(c.created.slice(0, 10), REFUND_WINDOW_DAYS),
      };
    },
  }),

  create_charge: write({
    description:
      "Charge a customer's card now: the card given, else the customer's default card. Returns the charge; a declined or expired card gives a charge with status 'failed' and a failure_message (no money moves). Amount is decimal with cents, at least 0.50.",
    input: z
      .object({
        customer_id: customerId("Who pays"),
        amount: money("Amount, decimal with cents, e.g. 49.99"),
        currency: currencyParam,
        payment_method_id: ref("payment_method", "Card to charge; default: the customer's default card").optional(),
        description: z.string().trim().min(1).max(300).describe("What the charge is for; shown on the receipt"),
        receipt_email: email("Where to send the receipt (default: the customer's email)").optional(),
      })
      .strict(),
    produces: "charge",
    run: (db, a, env) => {
      const c = db.customers.need(a.customer_id);
      checkMinimum(a.amount, a.currency, "a charge");
      const pm = cardFor(db, c, a.payment_method_id);
      return runCharge(db, env, c, pm, a.amount, a.currency, a.description, { receipt_email: a.receipt_email ?? c.email });
    },
  }),

  refund_charge: write({
    description:
      "Refund all or part of a charge (default: everything not yet refunded), within 180 days of the charge. Failed charges cannot be refunded. Returns the refund and the charge's new status (refunded or partially_refunded).",
    input: z
      .object({
        charge_id: ref("charge", "The charge to refund"),
        amount: money("Amount to refund, decimal with cents; default: the whole remaining amount").optional(),
        reason: z
          .enum(["requested_by_customer", "duplicate", "fraudulent"])
          .default("requested_by_customer")
          .describe("Why the money goes back (default requested_by_customer)"),
      })
      .strict(),
    produces: "refund",
    destructive: true,
    run: (db, a, env) => {
      const c = db.charges.need(a.charge_id);
      check(c.status !== "failed", `charge ${c.id} failed (${c.failure_code ?? "declined"}), so no money was taken and there is nothing to refund`);
      const left = remaining(c);
      check(left > 0, `charge ${c.id} of ${fmt(c.amount, c.currency)} is already fully refunded`);
      const age = time.daysBetween(c.created, env.today);
      check(
        age <= REFUND_WINDOW_DAYS,
        `charge ${c.id} was made on ${c.created.slice(0, 10)}, ${age} days ago; refunds are possible only within ${REFUND_WINDOW_DAYS} days (until ${time.addDays(c.created.slice(0, 10), REFUND_WINDOW_DAYS)}). Settle with the customer another way`,
      );
      const amount = a.amount ?? left;
      check(
        amount <= left,
        `a refund of ${fmt(amount, c.currency)} is more than charge ${c.id} has left: ${fmt(c.amount, c.currency)} charged, ${fmt(c.amount_refunded, c.currency)} already refunded, so at most ${fmt(left, c.currency)} can be refunded`,
        "invalid_argument",
      );
      const refunded = roundMoney(c.amount_refunded + amount);
      const charge = db.charges.update(c.id, { amount_refunded: refunded, status: refunded >= c.amount ? "refunded" : "partially_refunded" });
      const r = db.refunds.create({ charge_id: c.id, amount, currency: c.currency, reason: a.reason, status: "succeeded", created: env.now });
      emit(db, env, "charge.refunded", "charge", c.id, chargeData(charge));
      emit(db, env, "refund.created", "refund", r.id, { charge: c.id, amount, currency: c.currency, reason: a.reason });
      return { ...r, charge_status: charge.status, charge_amount_refunded: charge.amount_refunded, charge_refundable_amount: remaining(charge) };
    },
  }),

  list_refunds: read({
    description: "Refunds, newest first, optionally of one charge.",
    input: z.object({ charge_id: ref("charge", "Only refunds of this charge").optional(), ...page }).strict(),
    discovers: "refund",
    run: (db, a) => db.refunds.page(a, { where: (r) => !a.charge_id || r.charge_id === a.charge_id, sort: descending("created") }),
  }),

  list_invoices: read({
    description: "Invoices, newest first, filtered by customer, status, or overdue (open and past their due date).",
    input: z
      .object({
        customer_id: customerId("Only invoices of this customer").optional(),
        status: z.enum(INVOICE_STATUSES).optional().describe("Only invoices in this state"),
        overdue: z.boolean().optional().describe("true: only open invoices past their due date"),
        ...page,
      })
      .strict(),
    discovers: "invoice",
    run: (db, a, env) =>
      db.invoices.page(a, {
        where: (i) =>
          (!a.customer_id || i.customer_id === a.customer_id) &&
          (!a.status || i.status === a.status) &&
          (a.overdue === undefined || a.overdue === (i.status === "open" && i.due_date !== undefined && i.due_date < env.today)),
        sort: descending("created"),
      }),
  }),

  get_invoice: read({
    description: "One invoice with its line items, totals, status history and the customer's name.",
    input: z.object({ invoice_id: invoiceId("The invoice") }).strict(),
    run: (db, a) => {
      const i = db.invoices.need(a.invoice_id);
      return { ...i, customer_name: db.customers.get(i.customer_id)?.name };
    },
  }),

  create_invoice: write({
    description:
      "Start a draft invoice for a customer, optionally with line items. Drafts can be edited (add_invoice_item, remove_invoice_item) until finalize_invoice opens them for payment. send_invoice invoices are due days_until_due days after finalizing. Returns the invoice.",
    input: z
      .object({
        customer_id: customerId("Who is billed"),
        currency: currencyParam,
        collection_method: z
          .enum(["charge_automatically", "send_invoice"])
          .default("send_invoice")
          .describe("send_invoice: the customer pays by a due date; charge_automatically: the saved card is charged"),
        days_until_due: z.number().int().min(1).max(365).default(30).describe("send_invoice only: days from finalizing to the due date (default 30)"),
        items: z.array(LineInput).max(50).default([]).describe("Line items to start with"),
        memo: text("Note printed on the invoice", 500).default(""),
      })
      .strict(),
    produces: "invoice",
    run: (db, a, env) => {
      const c = db.customers.need(a.customer_id);
      if (a.collection_method === "charge_automatically") {
        check(
          db.payment_methods.count((p) => p.customer_id === c.id) > 0,
          `customer ${c.id} (${c.name}) has no card, so an invoice cannot be charged automatically; attach a card with attach_payment_method or use collection_method send_invoice`,
        );
      }
      const lines = a.items.map(lineOf);
      const total = totals(lines);
      const inv = db.invoices.create({
        customer_id: c.id,
        status: "draft",
        currency: a.currency,
        collection_method: a.collection_method,
        lines,
        total,
        amount_paid: 0,
        amount_due: total,
        ...(a.collection_method === "send_invoice" ? { due_date: time.addDays(env.today, a.days_until_due) } : {}),
        memo: a.memo,
        paid_out_of_band: false,
        created: env.now,
      });
      emit(db, env, "invoice.created", "invoice", inv.id, invoiceData(inv));
      return inv;
    },
  }),

  add_invoice_item: write({
    description: "Add a line item to a draft invoice. Returns the invoice with its new total.",
    input: z.object({ invoice_id: invoiceId("The draft invoice"), ...LineInput.shape }).strict(),
    run: (db, a, env) => {
      const inv = db.invoices.need(a.invoice_id);
      needDraft(inv, "edited");
      check(inv.lines.length < 50, `invoice ${inv.id} already has 50 line items, the most an invoice holds`, "limit_exceeded");
      return updateLines(db, env, inv, [...inv.lines, lineOf(a)]);
    },
  }),

  remove_invoice_item: write({
    description: "Remove a line item (by its 1-based position in lines) from a draft invoice. Returns the invoice with its new total.",
    input: z
      .object({
        invoice_id: invoiceId("The draft invoice"),
        line_number: z.number().int().min(1).max(50).describe("Position of the line in the invoice's lines, starting at 1"),
      })
      .strict(),
    destructive: true,
    run: (db, a, env) => {
      const inv = db.invoices.need(a.invoice_id);
      needDraft(inv, "edited");
      check(
        a.line_number <= inv.lines.length,
        inv.lines.length
          ? `invoice ${inv.id} has ${inv.lines.length} line${inv.lines.length > 1 ? "s" : ""}; line_number must be 1 to ${inv.lines.length}`
          : `invoice ${inv.id} has no lines to remove`,
        "invalid_argument",
      );
      return updateLines(
        db,
        env,
        inv,
        inv.lines.filter((_, k) => k !== a.line_number - 1),
      );
    },
  }),

  finalize_invoice: write({
    description:
      "Finalize a draft invoice: it gets its number, can no longer be edited and becomes open for payment (send_invoice invoices get their due date). Returns the invoice.",
    input: z.object({ invoice_id: invoiceId("The draft invoice") }).strict(),
    run: (db, a, env) => {
      const inv = db.invoices.need(a.invoice_id);
      needDraft(inv, "finalized");
      check(inv.lines.length > 0, `invoice ${inv.id} has no line items; add at least one with add_invoice_item before finalizing`);
      checkMinimum(inv.total, inv.currency, "an invoice total");
      const seq = db.invoices.count((i) => i.number !== undefined) + 1;
      const created = inv.created.slice(0, 10);
      const dueDate = inv.due_date ? time.addDays(env.today, time.daysBetween(created, inv.due_date)) : undefined;
      const next = db.invoices.update(inv.id, {
        status: "open",
        number: `${invoicePrefix(env.world)}-${String(seq).padStart(4, "0")}`,
        finalized_at: env.now,
        ...(dueDate ? { due_date: dueDate } : {}),
      });
      emit(db, env, "invoice.finalized", "invoice", next.id, invoiceData(next));
      return next;
    },
  }),

  pay_invoice: write({
    description:
      "Collect an open (or uncollectible) invoice now: charge the card given or the customer's default card, or record a payment received outside Stripe with paid_out_of_band. Returns the invoice and, when a card was charged, the charge; a declined card leaves the invoice open.",
    input: z
      .object({
        invoice_id: invoiceId("The open invoice"),
        payment_method_id: ref("payment_method", "Card to charge; default: the customer's default card").optional(),
        paid_out_of_band: z.boolean().default(false).describe("true: the customer paid another way (bank transfer, check); no card is charged"),
      })
      .strict(),
    uses: ["payment_method"],
    run: (db, a, env) => {
      const inv = db.invoices.need(a.invoice_id);
      check(
        inv.status === "open" || inv.status === "uncollectible",
        inv.status === "draft"
          ? `invoice ${inv.id} is a draft; finalize it with finalize_invoice before it can be paid`
          : `invoice ${inv.id} (${inv.number}) is ${inv.status}; only open or uncollectible invoices can be paid`,
      );
      check(!(a.paid_out_of_band && a.payment_method_id), "give payment_method_id or paid_out_of_band, not both", "invalid_argument");
      const customer = db.customers.need(inv.customer_id);
      if (a.paid_out_of_band) {
        const paid = db.invoices.update(inv.id, { status: "paid", amount_paid: inv.total, amount_due: 0, paid_out_of_band: true, paid_at: env.now });
        emit(db, env, "invoice.paid", "invoice", paid.id, invoiceData(paid));
        return { ...paid, charge: null };
      }
      const pm = cardFor(db, customer, a.payment_method_id, ", or pass paid_out_of_band: true if they paid another way");
      const charge = runCharge(db, env, customer, pm, inv.amount_due, inv.currency, `Payment for invoice ${inv.number}`, {
        invoice_id: inv.id,
        receipt_email: customer.email,
      });
      if (charge.status === "failed") {
        emit(db, env, "invoice.payment_failed", "invoice", inv.id, invoiceData(inv));
        return { ...inv, charge };
      }
      const paid = db.invoices.update(inv.id, { status: "paid", amount_paid: inv.total, amount_due: 0, charge_id: charge.id, paid_at: env.now });
      emit(db, env, "invoice.paid", "invoice", paid.id, invoiceData(paid));
      return { ...paid, charge };
    },
  }),

  void_invoice: write({
    description:
      "Void an open or uncollectible invoice that should not be paid (billed in error). Paid invoices cannot be voided: refund their charge instead. Returns the invoice.",
    input: z.object({ invoice_id: invoiceId("The invoice to void") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const inv = db.invoices.need(a.invoice_id);
      if (inv.status === "paid") {
        fail(
          `invoice ${inv.id} (${inv.number}) is paid and cannot be voided; ${inv.charge_id ? `refund its charge ${inv.charge_id} with refund_charge` : "it was paid out of band; settle with the customer directly"} instead`,
        );
      }
      check(inv.status !== "draft", `invoice ${inv.id} is a draft; drafts are not voided but deleted with delete_draft_invoice`);
      check(inv.status === "open" || inv.status === "uncollectible", `invoice ${inv.id} (${inv.number}) is already void`);
      const next = db.invoices.update(inv.id, { status: "void", amount_due: 0, voided_at: env.now });
      emit(db, env, "invoice.voided", "invoice", next.id, invoiceData(next));
      return next;
    },
  }),

  mark_invoice_uncollectible: write({
    description:
      "Mark an open invoice as uncollectible (a bad debt the business does not expect to be paid). It can still be paid or voided later. Returns the invoice.",
    input: z.object({ invoice_id: invoiceId("The open invoice") }).strict(),
    run: (db, a, env) => {
      const inv = db.invoices.need(a.invoice_id);
      check(inv.status === "open", `invoice ${inv.id}${inv.number ? ` (${inv.number})` : ""} is ${inv.status}; only open invoices can be marked uncollectible`);
      const next = db.invoices.update(inv.id, { status: "uncollectible", marked_uncollectible_at: env.now });
      emit(db, env, "invoice.marked_uncollectible", "invoice", next.id, invoiceData(next));
      return next;
    },
  }),

  delete_draft_invoice: write({
    description: "Delete a draft invoice for good. Finalized invoices cannot be deleted; void them instead.",
    input: z.object({ invoice_id: invoiceId("The draft invoice") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const inv = db.invoices.need(a.invoice_id);
      check(
        inv.status === "draft",
        `invoice ${inv.id} (${inv.number}) is ${inv.status}; only drafts can be deleted${inv.status === "open" ? " — void it with void_invoice instead" : ""}`,
      );
      db.invoices.delete(inv.id);
      emit(db, env, "invoice.deleted", "invoice", inv.id, invoiceData(inv));
      return { deleted: inv.id };
    },
  }),

  list_webhook_endpoints: read({
    description: "The business's webhook endpoints: URL, the event types each listens to, and whether it is enabled (signing secrets are masked).",
    input: z.object({ ...page }).strict(),
    discovers: "webhook_endpoint",
    run: (db, a) => {
      const p = db.webhook_endpoints.page(a);
      return { ...p, items: p.items.map((w) => ({ ...w, secret: maskSecret(w.secret) })) };
    },
  }),

  create_webhook_endpoint: write({
    description:
      "Register an https URL to receive events (e.g. charge.succeeded, invoice.paid, or '*' for all). Every later event of those types is delivered to it. Returns the endpoint with its signing secret (shown only here).",
    input: z
      .object({
        url: z.string().trim().min(1).max(2048).describe("Public https URL, e.g. https://api.example.com/webhooks/stripe"),
        enabled_events: z
          .array(z.string().trim().min(1).max(64))
          .min(1, "give at least one event type, or '*' for all")
          .max(EVENT_TYPES.length + 1)
          .describe(`Event types to receive: '*' or any of ${EVENT_TYPES.join(", ")}`),
        description: text("What the endpoint is for", 300).default(""),
      })
      .strict(),
    produces: "webhook_endpoint",
    run: (db, a, env) => {
      const url = checkUrl(a.url);
      const events = checkEvents(a.enabled_events);
      const dup = db.webhook_endpoints.find((w) => w.url === url);
      check(!dup, () => `an endpoint for ${url} already exists (${dup?.id}); update it with update_webhook_endpoint`, "already_exists");
      check(
        db.webhook_endpoints.count() < MAX_WEBHOOK_ENDPOINTS,
        `the account already has ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints, the most allowed; delete one first`,
        "limit_exceeded",
      );
      const seq = db.webhook_endpoints.peekId();
      const secretValue = `whsec_${fingerprintOf(`${seq}|${url}|${env.now}`)}${fingerprintOf(`${env.now}|${url}`)}`;
      return db.webhook_endpoints.create({ url, description: a.description, enabled_events: events, status: "enabled", secret: secretValue, created: env.now });
    },
  }),

  update_webhook_endpoint: write({
    description:
      "Change a webhook endpoint's URL, event types or description, or disable/enable it (a disabled endpoint receives nothing). Returns the endpoint.",
    input: z
      .object({
        webhook_endpoint_id: endpointId("The endpoint"),
        url: z.string().trim().min(1).max(2048).optional().describe("New public https URL"),
        enabled_events: z
          .array(z.string().trim().min(1).max(64))
          .min(1)
          .max(EVENT_TYPES.length + 1)
          .optional()
          .describe("New list of event types, or ['*']"),
        status: z.enum(["enabled", "disabled"]).optional().describe("Turn deliveries on (enabled) or off (disabled)"),
        description: text("New description", 300).optional(),
      })
      .strict(),
    run: (db, a) => {
      const w = db.webhook_endpoints.need(a.webhook_endpoint_id);
      check(
        a.url !== undefined || a.enabled_events !== undefined || a.status !== undefined || a.description !== undefined,
        "nothing to change: give url, enabled_events, status or description",
        "invalid_argument",
      );
      const url = a.url !== undefined ? checkUrl(a.url) : undefined;
      if (url) {
        const dup = db.webhook_endpoints.find((x) => x.id !== w.id && x.url === url);
        check(!dup, () => `another endpoint (${dup?.id}) already uses ${url}`, "already_exists");
      }
      const next = db.webhook_endpoints.update(w.id, {
        ...(url ? { url } : {}),
        ...(a.enabled_events ? { enabled_events: checkEvents(a.enabled_events) } : {}),
        ...(a.status ? { status: a.status } : {}),
        ...(a.description !== undefined ? { description: a.description } : {}),
      });
      return { ...next, secret: maskSecret(next.secret) };
    },
  }),

  delete_webhook_endpoint: write({
    description: "Delete a webhook endpoint for good; no further events are delivered to it (its past deliveries stay in the log).",
    input: z.object({ webhook_endpoint_id: endpointId("The endpoint to delete") }).strict(),
    destructive: true,
    run: (db, a) => {
      const w = db.webhook_endpoints.need(a.webhook_endpoint_id);
      db.webhook_endpoints.delete(w.id);
      return { deleted: w.id, url: w.url };
    },
  }),

  list_payment_events: read({
    description:
      "The event log (Stripe keeps 30 days), newest first: every change to customers, cards, charges, refunds and invoices. Filter by event type or by the object it is about.",
    input: z
      .object({
        type: z.enum(EVENT_TYPES).optional().describe("Only events of this type"),
        object: z.string().trim().max(40).optional().describe("Only events about this object, given by its id (cus_…, ch_…, in_…)"),
        ...page,
      })
      .strict(),
    discovers: "payment_event",
    run: (db, a) =>
      db.payment_events.page(a, {
        where: (e) => (!a.type || e.type === a.type) && (!a.object || e.object_id === a.object),
        sort: (x, y) => (x.created === y.created ? (x.id < y.id ? 1 : -1) : x.created < y.created ? 1 : -1),
      }),
  }),

  list_webhook_deliveries: read({
    description:
      "Deliveries of events to webhook endpoints, newest first, with the HTTP status each got and how many attempts were made. Filter by endpoint, event or status (failed deliveries can be retried).",
    input: z
      .object({
        webhook_endpoint_id: endpointId("Only deliveries to this endpoint").optional(),
        event_id: ref("payment_event", "Only deliveries of this event").optional(),
        status: z.enum(["succeeded", "failed"]).optional().describe("Only deliveries that succeeded or failed"),
        ...page,
      })
      .strict(),
    discovers: "webhook_delivery",
    run: (db, a) =>
      db.webhook_deliveries.page(a, {
        where: (d) =>
          (!a.webhook_endpoint_id || d.endpoint_id === a.webhook_endpoint_id) &&
          (!a.event_id || d.event_id === a.event_id) &&
          (!a.status || d.status === a.status),
        sort: (x, y) => (x.created === y.created ? (x.id < y.id ? 1 : -1) : x.created < y.created ? 1 : -1),
      }),
  }),

  retry_webhook_delivery: write({
    description:
      "Send a failed delivery again to its endpoint (which must still exist and be enabled). Returns the delivery with its new status and attempt count.",
    input: z.object({ delivery_id: ref("webhook_delivery", "The failed delivery") }).strict(),
    run: (db, a, env) => {
      const d = db.webhook_deliveries.need(a.delivery_id);
      check(d.status === "failed", `delivery ${d.id} already succeeded (HTTP ${d.response_status}); only failed deliveries can be retried`);
      const w = db.webhook_endpoints.get(d.endpoint_id);
      check(w, `endpoint ${d.endpoint_id} was deleted; the delivery cannot be retried`);
      check(w.status === "enabled", `endpoint ${w.id} (${w.url}) is disabled; enable it with update_webhook_endpoint before retrying`);
      return db.webhook_deliveries.update(d.id, { status: "succeeded", response_status: 200, attempts: d.attempts + 1, last_attempt_at: env.now, url: w.url });
    },
  }),
};
