/**
 * Payments state, modelled on Stripe: the user's small business takes payments from customers
 * (world people and companies) by card. Customers, their saved cards (payment methods), charges
 * and refunds, invoices with line items, webhook endpoints, the event log and its deliveries.
 *
 * Amounts are decimal currency units with cents (49.99 means $49.99), not Stripe's integer
 * cents; currencies are lowercase ISO codes as in Stripe ("usd").
 */
import { formatMoney, roundMoney, table, toolkit, z, type CallEnv, type Db, type World } from "../framework/index.ts";

export const CURRENCIES = ["usd", "eur", "gbp", "cad"] as const;
export type Currency = (typeof CURRENCIES)[number];
/** Stripe's smallest chargeable amount per currency. */
export const MIN_CHARGE: Record<Currency, number> = { usd: 0.5, eur: 0.5, gbp: 0.3, cad: 0.5 };
/** Stripe's standard US card pricing: 2.9% + 0.30 per successful charge; refunds do not return it. */
export const FEE_RATE = 0.029;
export const FEE_FIXED = 0.3;
export const REFUND_WINDOW_DAYS = 180;
export const MAX_WEBHOOK_ENDPOINTS = 16;

export const EVENT_TYPES = [
  "customer.created",
  "customer.updated",
  "customer.deleted",
  "payment_method.attached",
  "payment_method.detached",
  "charge.succeeded",
  "charge.failed",
  "charge.refunded",
  "refund.created",
  "invoice.created",
  "invoice.updated",
  "invoice.finalized",
  "invoice.paid",
  "invoice.payment_failed",
  "invoice.voided",
  "invoice.marked_uncollectible",
  "invoice.deleted",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const Customer = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().optional(),
  kind: z.enum(["individual", "company"]),
  description: z.string(),
  city: z.string().optional(),
  default_payment_method: z.string().optional(),
  created: z.string(),
});
export type Customer = z.output<typeof Customer>;

export const PaymentMethod = z.object({
  id: z.string(),
  customer_id: z.string(),
  type: z.literal("card"),
  brand: z.enum(["visa", "mastercard", "amex", "discover"]),
  last4: z.string().regex(/^\d{4}$/),
  exp_month: z.number().int().min(1).max(12),
  exp_year: z.number().int(),
  funding: z.enum(["credit", "debit"]),
  /** Same card, same fingerprint (Stripe's duplicate detection); never the number itself. */
  fingerprint: z.string(),
  created: z.string(),
  /** Issuer behaviour of this card (Stripe's test cards decline); never shown to models. */
  decline_code: z.enum(["card_declined", "insufficient_funds"]).optional(),
});
export type PaymentMethod = z.output<typeof PaymentMethod>;

export const Charge = z.object({
  id: z.string(),
  customer_id: z.string(),
  payment_method_id: z.string(),
  amount: z.number().positive(),
  currency: z.enum(CURRENCIES),
  description: z.string(),
  status: z.enum(["succeeded", "failed", "refunded", "partially_refunded"]),
  amount_refunded: z.number().min(0),
  /** Processing fee and what the business keeps (0 for failed charges). */
  fee: z.number().min(0),
  net: z.number(),
  failure_code: z.string().optional(),
  failure_message: z.string().optional(),
  invoice_id: z.string().optional(),
  receipt_email: z.string().optional(),
  created: z.string(),
});
export type Charge = z.output<typeof Charge>;

export const Refund = z.object({
  id: z.string(),
  charge_id: z.string(),
  amount: z.number().positive(),
  currency: z.enum(CURRENCIES),
  reason: z.enum(["requested_by_customer", "duplicate", "fraudulent"]),
  status: z.literal("succeeded"),
  created: z.string(),
});
export type Refund = z.output<typeof Refund>;

export const InvoiceLine = z.object({
  description: z.string(),
  quantity: z.number().int().positive(),
  unit_amount: z.number().positive(),
  amount: z.number().positive(),
});
export type InvoiceLine = z.output<typeof InvoiceLine>;

export const INVOICE_STATUSES = ["draft", "open", "paid", "void", "uncollectible"] as const;

export const Invoice = z.object({
  id: z.string(),
  /** Assigned when finalized, e.g. "NORL-0007". */
  number: z.string().optional(),
  customer_id: z.string(),
  status: z.enum(INVOICE_STATUSES),
  currency: z.enum(CURRENCIES),
  collection_method: z.enum(["charge_automatically", "send_invoice"]),
  lines: z.array(InvoiceLine),
  total: z.number().min(0),
  amount_paid: z.number().min(0),
  amount_due: z.number().min(0),
  /** send_invoice invoices: the day payment is due. */
  due_date: z.string().optional(),
  memo: z.string(),
  charge_id: z.string().optional(),
  paid_out_of_band: z.boolean(),
  created: z.string(),
  finalized_at: z.string().optional(),
  paid_at: z.string().optional(),
  voided_at: z.string().optional(),
  marked_uncollectible_at: z.string().optional(),
});
export type Invoice = z.output<typeof Invoice>;

export const WebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  enabled_events: z.array(z.string()),
  status: z.enum(["enabled", "disabled"]),
  /** Signing secret; shown in full only by create_webhook_endpoint. */
  secret: z.string(),
  created: z.string(),
});
export type WebhookEndpoint = z.output<typeof WebhookEndpoint>;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const PaymentEvent = z.object({
  id: z.string(),
  type: z.enum(EVENT_TYPES),
  object_type: z.enum(["customer", "payment_method", "charge", "refund", "invoice"]),
  object_id: z.string(),
  /** The main fields of the object as they were after the change. */
  data: z.record(z.string(), Scalar),
  created: z.string(),
});
export type PaymentEvent = z.output<typeof PaymentEvent>;

export const WebhookDelivery = z.object({
  id: z.string(),
  event_id: z.string(),
  event_type: z.enum(EVENT_TYPES),
  endpoint_id: z.string(),
  url: z.string(),
  status: z.enum(["succeeded", "failed"]),
  response_status: z.number().int(),
  attempts: z.number().int().positive(),
  created: z.string(),
  last_attempt_at: z.string(),
});
export type WebhookDelivery = z.output<typeof WebhookDelivery>;

export const tables = {
  customers: table("customer", Customer, { idPrefix: "cus_", idDigits: 5, describe: (c) => `the customer ${c.name} (${c.email})` }),
  payment_methods: table("payment_method", PaymentMethod, {
    idPrefix: "pm_",
    idDigits: 5,
    describe: (p) => `the ${p.brand} card ending in ${p.last4} (expires ${String(p.exp_month).padStart(2, "0")}/${p.exp_year})`,
  }),
  charges: table("charge", Charge, {
    idPrefix: "ch_",
    idDigits: 6,
    describe: (c) => `the ${c.status} charge of ${c.amount.toFixed(2)} ${c.currency.toUpperCase()} on ${c.created.slice(0, 10)} for "${c.description}"`,
  }),
  refunds: table("refund", Refund, {
    idPrefix: "re_",
    idDigits: 5,
    describe: (r) => `the refund of ${r.amount.toFixed(2)} ${r.currency.toUpperCase()} on ${r.created.slice(0, 10)}`,
  }),
  invoices: table("invoice", Invoice, {
    idPrefix: "in_",
    idDigits: 5,
    describe: (i) => `the ${i.status} invoice ${i.number ?? "(draft)"} of ${i.total.toFixed(2)} ${i.currency.toUpperCase()} created ${i.created.slice(0, 10)}`,
  }),
  webhook_endpoints: table("webhook_endpoint", WebhookEndpoint, { idPrefix: "we_", describe: (w) => `the webhook endpoint ${w.url}` }),
  payment_events: table("payment_event", PaymentEvent, {
    idPrefix: "evt_",
    idDigits: 6,
    describe: (e) => `the ${e.type} event for ${e.object_id} at ${e.created}`,
  }),
  webhook_deliveries: table("webhook_delivery", WebhookDelivery, {
    idPrefix: "whd_",
    idDigits: 6,
    describe: (d) => `the ${d.status} delivery of ${d.event_type} to ${d.url} at ${d.created}`,
  }),
};

export const { read, write } = toolkit(tables);
export type Pay = Db<typeof tables>;

export function fmt(amount: number, currency: string): string {
  return `${formatMoney(amount)} ${currency.toUpperCase()}`;
}

export function feeOf(amount: number): number {
  return roundMoney(amount * FEE_RATE + FEE_FIXED);
}

/** The business the user runs: the world company the user works for. */
export function businessOf(world: World) {
  return world.companies.find((c) => c.name === world.user.company) ?? (world.companies[0] as World["companies"][number]);
}

/** Invoice number prefix of the business: the first four letters of its name, "NORT". */
export function invoicePrefix(world: World): string {
  return businessOf(world)
    .name.toUpperCase()
    .replace(/[^A-Z]/g, "")
    .slice(0, 4);
}

/** A card as a model sees it: no issuer behaviour. */
export function publicCard(p: PaymentMethod) {
  const { decline_code: _d, ...rest } = p;
  return rest;
}

/** The card has expired by `today` (cards are valid through the end of their expiry month). */
export function cardExpired(p: Pick<PaymentMethod, "exp_month" | "exp_year">, today: string): boolean {
  const month = `${p.exp_year}-${String(p.exp_month).padStart(2, "0")}`;
  return month < today.slice(0, 7);
}

export function remaining(c: Charge): number {
  return roundMoney(c.amount - c.amount_refunded);
}

/** Appends an event and delivers it to every enabled endpoint listening for its type. */
export function emit(
  db: Pay,
  env: CallEnv,
  type: EventType,
  objectType: PaymentEvent["object_type"],
  objectId: string,
  data: Record<string, string | number | boolean | undefined>,
): PaymentEvent {
  const clean: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(data)) if (v !== undefined) clean[k] = v;
  const e = db.payment_events.create({ type, object_type: objectType, object_id: objectId, data: clean, created: env.now });
  for (const w of db.webhook_endpoints.filter((x) => x.status === "enabled" && listensTo(x, type))) {
    db.webhook_deliveries.create({
      event_id: e.id,
      event_type: type,
      endpoint_id: w.id,
      url: w.url,
      status: "succeeded",
      response_status: 200,
      attempts: 1,
      created: env.now,
      last_attempt_at: env.now,
    });
  }
  return e;
}

export function listensTo(w: Pick<WebhookEndpoint, "enabled_events">, type: string): boolean {
  return w.enabled_events.includes("*") || w.enabled_events.includes(type);
}

export function chargeData(c: Charge) {
  return { amount: c.amount, currency: c.currency, status: c.status, customer: c.customer_id, amount_refunded: c.amount_refunded, invoice: c.invoice_id };
}

export function invoiceData(i: Invoice) {
  return { number: i.number, status: i.status, total: i.total, amount_due: i.amount_due, currency: i.currency, customer: i.customer_id };
}

export function totals(lines: readonly InvoiceLine[]): number {
  return roundMoney(lines.reduce((s, l) => s + l.amount, 0));
}
