/**
 * The payments account of the user's business (the world company the user works for): about 30
 * customers drawn from the world's people and companies, their cards (one expired, one that
 * declines), eight months of charges with failures and refunds (so some are past the 180-day
 * refund window), invoices in every status, three webhook endpoints, and the last 30 days of
 * events with their deliveries, including a short outage of one endpoint.
 */
import { roundMoney, time, type SeedContext } from "../framework/index.ts";
import { fingerprintOf } from "./cards.ts";
import {
  businessOf,
  EVENT_TYPES,
  feeOf,
  invoicePrefix,
  listensTo,
  type Charge,
  type Customer,
  type EventType,
  type Invoice,
  type InvoiceLine,
  type PaymentEvent,
  type PaymentMethod,
  type Refund,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "./state.ts";

const CATALOG: ReadonlyArray<readonly [description: string, lo: number, hi: number]> = [
  ["Monthly subscription — Pro plan", 49, 49],
  ["Monthly subscription — Team plan", 199, 199],
  ["Annual license renewal", 1188, 1188],
  ["Onboarding and setup", 350, 350],
  ["Consulting — hourly", 150, 150],
  ["Custom integration work", 900, 4200],
  ["Training workshop seat", 425, 425],
  ["Support retainer", 600, 600],
  ["Hardware starter kit", 260, 780],
  ["Rush delivery fee", 45, 45],
];

type Pending = { at: string; type: EventType; object_type: PaymentEvent["object_type"]; object_id: string; data: Record<string, string | number | boolean> };
type ChargeDraft = { at: string; customer: Customer; pm: PaymentMethod; amount: number; description: string; invoice?: string };

const INVOICE_STATUSES: Invoice["status"][] = [
  "paid",
  "paid",
  "paid",
  "paid",
  "paid",
  "paid",
  "paid",
  "paid",
  "paid",
  "open",
  "open",
  "open",
  "open",
  "open",
  "void",
  "void",
  "uncollectible",
  "uncollectible",
  "draft",
  "draft",
  "draft",
];

export function seedPayments(ctx: SeedContext) {
  const a = new Account(ctx);
  const customers = a.customers();
  const methods = a.cards(customers);
  const { invoices, payments } = a.invoices(customers, methods);
  const { charges, refunds } = a.charges([...a.chargeDrafts(methods), ...payments], invoices);
  a.logInvoices(invoices);
  const endpoints = a.endpoints();
  const { events, deliveries } = a.eventsAndDeliveries(endpoints);
  return {
    customers,
    payment_methods: methods,
    charges,
    refunds,
    invoices,
    webhook_endpoints: endpoints,
    payment_events: events,
    webhook_deliveries: deliveries,
  };
}

/**
 * The payments account, built in the order things happened: customers, their cards, invoices,
 * charges (with their refunds), then the last 30 days of events and their webhook deliveries.
 * Each builder logs its events as it goes.
 */
class Account {
  private readonly pending: Pending[] = [];
  private withCards: Customer[] = [];
  private expiredOwner?: Customer;
  private readonly noCard = new Set<string>();

  constructor(private readonly ctx: SeedContext) {}

  private get rng() {
    return this.ctx.rng;
  }

  /** An instant `daysAgo` days before today during business hours, never after now. */
  private instant(daysAgo: number): string {
    const { world } = this.ctx;
    const at = `${time.addDays(world.today, -daysAgo)}T${String(this.rng.int(8, 20)).padStart(2, "0")}:${String(this.rng.int(0, 59)).padStart(2, "0")}:00Z`;
    return at < world.now ? at : time.addDays(at, -1);
  }

  /** Records an event if it falls in the last 30 days (the events the account still shows). */
  private log(at: string, type: EventType, object_type: Pending["object_type"], object_id: string, data: Pending["data"]): void {
    if (time.daysBetween(at, this.ctx.world.today) <= 30) this.pending.push({ at, type, object_type, object_id, data });
  }

  /** 22 people and 8 other companies of the world (billing contacts), ids in signup order. */
  customers(): Customer[] {
    const { rng, world, id } = this.ctx;
    const business = businessOf(world);
    const rows: Array<Omit<Customer, "id">> = [
      ...rng.sample(world.people, 22).map((p) => ({
        name: p.full_name,
        email: p.email,
        phone: p.phone,
        kind: "individual" as const,
        description: "",
        city: p.address.city,
        created: this.instant(rng.int(200, 720)),
      })),
      ...rng
        .sample(
          world.companies.filter((x) => x.name !== business.name),
          8,
        )
        .map((c) => ({
          name: c.name,
          email: `${rng.pick(["billing", "accounts", "ap"])}@${c.domain}`,
          kind: "company" as const,
          description: rng.pick(["Net-30 terms agreed", "Enterprise account", "Pays by bank transfer", ""]),
          city: c.address.city,
          created: this.instant(rng.int(200, 720)),
        })),
    ];
    rows.sort((a, b) => (a.created < b.created ? -1 : 1));
    const customers = rows.map((c) => ({ id: id("customers"), ...c }));
    for (const c of customers) this.log(c.created, "customer.created", "customer", c.id, { name: c.name, email: c.email });
    return customers;
  }

  /** Most customers have one card, some two; three companies and one person none (they pay invoices by transfer); one card expired, one declines. */
  cards(customers: Customer[]): PaymentMethod[] {
    const { rng, world, id } = this.ctx;
    for (const c of rng.sample(
      customers.filter((x) => x.kind === "company"),
      3,
    ))
      this.noCard.add(c.id);
    this.noCard.add(rng.pick(customers.filter((c) => c.kind === "individual")).id);
    this.withCards = customers.filter((c) => !this.noCard.has(c.id));
    const expiredOwner = (this.expiredOwner = rng.pick(this.withCards));
    const decliner = rng.pick(this.withCards.filter((c) => c !== expiredOwner));
    const methods: PaymentMethod[] = [];
    for (const c of this.withCards) {
      const n = c === expiredOwner || c === decliner ? 1 : rng.bool(0.2) ? 2 : 1;
      for (let k = 0; k < n; k++) {
        const brand = rng.weighted([
          ["visa", 5],
          ["mastercard", 3],
          ["amex", 1.5],
          ["discover", 0.5],
        ] as const);
        const pm: PaymentMethod = {
          id: id("payment_methods"),
          customer_id: c.id,
          type: "card",
          brand,
          last4: rng.digits(4),
          exp_month: rng.int(1, 12),
          exp_year: Number(world.today.slice(0, 4)) + (c === expiredOwner ? -1 : rng.int(1, 4)),
          funding: brand === "amex" || brand === "discover" ? "credit" : rng.pick(["credit", "credit", "debit"]),
          fingerprint: fingerprintOf(`${c.id}/${k}/${rng.hex(8)}`),
          created: c.created,
          ...(c === decliner ? { decline_code: "insufficient_funds" as const } : {}),
        };
        methods.push(pm);
        if (k === 0) c.default_payment_method = pm.id;
        this.log(pm.created, "payment_method.attached", "payment_method", pm.id, { customer: pm.customer_id, brand: pm.brand, last4: pm.last4 });
      }
    }
    return methods;
  }

  /** 140 attempts at card charges over eight months (a third of them in the last month), each after the customer signed up. */
  chargeDrafts(methods: readonly PaymentMethod[]): ChargeDraft[] {
    const { rng } = this;
    const drafts: ChargeDraft[] = [];
    for (let k = 0; k < 140; k++) {
      const customer = rng.pick(this.withCards);
      const [description, lo, hi] = rng.pick(CATALOG);
      const qty = description.startsWith("Consulting") ? rng.int(2, 12) : 1;
      const at = this.instant(rng.bool(0.3) ? rng.int(0, 30) : rng.int(1, 240));
      if (at < customer.created) continue;
      const pm = methods.find((m) => m.id === customer.default_payment_method) as PaymentMethod;
      drafts.push({ at, customer, pm, amount: roundMoney(rng.money(lo, hi) * qty), description: qty > 1 ? `${description} (${qty} h)` : description });
    }
    return drafts;
  }

  /** Invoices in every status, numbered as they were finalized; most paid ones were paid by card, and those payments become charges. */
  invoices(customers: readonly Customer[], methods: readonly PaymentMethod[]): { invoices: Invoice[]; payments: ChargeDraft[] } {
    const { rng } = this;
    const drafts = INVOICE_STATUSES.map((status) => ({
      status,
      created: this.instant(status === "draft" ? rng.int(0, 6) : status === "open" ? rng.int(5, 50) : rng.int(20, 200)),
    })).sort((a, b) => (a.created < b.created ? -1 : 1));
    let numbered = 0;
    const invoices: Invoice[] = [];
    const payments: ChargeDraft[] = [];
    for (const { status, created } of drafts) {
      const customer =
        status === "paid" || status === "draft" ? rng.pick(customers) : rng.pick(customers.filter((c) => c.kind === "company" || this.noCard.has(c.id)));
      const card = methods.find((m) => m.id === customer.default_payment_method);
      const byCard = status === "paid" && card !== undefined && card.decline_code === undefined && rng.bool(0.7);
      const inv = this.invoice(
        customer,
        status,
        created,
        byCard,
        status === "draft" ? undefined : `${invoicePrefix(this.ctx.world)}-${String(++numbered).padStart(4, "0")}`,
      );
      invoices.push(inv);
      if (byCard && card)
        payments.push({ at: inv.paid_at as string, customer, pm: card, amount: inv.total, description: `Payment for invoice ${inv.number}`, invoice: inv.id });
    }
    return { invoices, payments };
  }

  private invoice(customer: Customer, status: Invoice["status"], created: string, byCard: boolean, number: string | undefined): Invoice {
    const { rng, world, id } = this.ctx;
    const lines: InvoiceLine[] = rng.sample(CATALOG, rng.int(1, 3)).map(([description, lo, hi]) => {
      const quantity = description.startsWith("Consulting") ? rng.int(4, 30) : rng.int(1, 3);
      const unit = rng.money(lo, hi);
      return { description, quantity, unit_amount: unit, amount: roundMoney(quantity * unit) };
    });
    const total = roundMoney(lines.reduce((s, l) => s + l.amount, 0));
    const finalizedAt = status === "draft" ? undefined : time.addMinutes(created, rng.int(10, 600));
    const inv: Invoice = {
      id: id("invoices"),
      ...(number ? { number } : {}),
      customer_id: customer.id,
      status,
      currency: "usd",
      collection_method: "send_invoice",
      lines,
      total,
      amount_paid: status === "paid" ? total : 0,
      amount_due: status === "paid" || status === "void" ? 0 : total,
      due_date: time.addDays((finalizedAt ?? created).slice(0, 10), rng.pick([14, 30, 30, 45])),
      memo: rng.pick(["Thank you for your business!", "Payment due within the stated terms.", ""]),
      paid_out_of_band: status === "paid" && !byCard,
      created,
      ...(finalizedAt ? { finalized_at: finalizedAt } : {}),
    };
    const before = (at: string) => (at > world.now ? time.addMinutes(world.now, -rng.int(60, 600)) : at);
    if (status === "open" && inv.due_date && inv.due_date >= world.today && rng.bool(0.5)) inv.due_date = time.addDays(world.today, -rng.int(2, 12));
    if (status === "paid") inv.paid_at = before(time.addMinutes(finalizedAt as string, rng.int(60, 60 * 24 * 12)));
    if (status === "void") inv.voided_at = before(time.addMinutes(finalizedAt as string, rng.int(60, 60 * 24 * 5)));
    if (status === "uncollectible") inv.marked_uncollectible_at = before(time.addMinutes(finalizedAt as string, rng.int(60 * 24 * 40, 60 * 24 * 60)));
    return inv;
  }

  /** Charges in time order (ids follow time): the declining and the expired card fail, a few others are declined; about one in ten is refunded in part or in full. */
  charges(all: ChargeDraft[], invoices: Invoice[]): { charges: Charge[]; refunds: Refund[] } {
    const { rng, world, id } = this.ctx;
    const drafts = [...all].sort((a, b) => (a.at < b.at ? -1 : 1));
    const charges: Charge[] = [];
    const refunds: Array<Omit<Refund, "id">> = [];
    for (const d of drafts) {
      const expired = d.customer === this.expiredOwner && d.at.slice(0, 7) > `${d.pm.exp_year}-${String(d.pm.exp_month).padStart(2, "0")}`;
      const failure = d.pm.decline_code ?? (expired ? "expired_card" : rng.bool(0.04) ? "card_declined" : undefined);
      const failed = failure !== undefined && !d.invoice;
      const fee = failed ? 0 : feeOf(d.amount);
      const c: Charge = {
        id: id("charges"),
        customer_id: d.customer.id,
        payment_method_id: d.pm.id,
        amount: d.amount,
        currency: "usd",
        description: d.description,
        status: failed ? "failed" : "succeeded",
        amount_refunded: 0,
        fee,
        net: failed ? 0 : roundMoney(d.amount - fee),
        ...(failed
          ? {
              failure_code: failure,
              failure_message:
                failure === "expired_card"
                  ? "Your card has expired."
                  : failure === "insufficient_funds"
                    ? "Your card has insufficient funds."
                    : "Your card was declined.",
            }
          : {}),
        ...(d.invoice ? { invoice_id: d.invoice } : {}),
        receipt_email: d.customer.email,
        created: d.at,
      };
      if (d.invoice) (invoices.find((i) => i.id === d.invoice) as Invoice).charge_id = c.id;
      this.log(c.created, failed ? "charge.failed" : "charge.succeeded", "charge", c.id, {
        amount: c.amount,
        currency: c.currency,
        status: c.status,
        customer: c.customer_id,
      });
      const refundAt = time.addMinutes(c.created, rng.int(60 * 4, 60 * 24 * 9));
      if (!failed && !d.invoice && rng.bool(0.1) && refundAt < world.now) {
        const full = rng.bool(0.5);
        const amount = full ? c.amount : roundMoney(Math.max(0.5, Math.floor(c.amount * rng.float(0.1, 0.6) * 100) / 100));
        Object.assign(c, { amount_refunded: amount, status: full ? "refunded" : "partially_refunded" });
        refunds.push({
          charge_id: c.id,
          amount,
          currency: "usd",
          reason: rng.pick(["requested_by_customer", "requested_by_customer", "duplicate"]),
          status: "succeeded",
          created: refundAt,
        });
      }
      charges.push(c);
    }
    refunds.sort((a, b) => (a.created < b.created ? -1 : 1));
    const rows: Refund[] = refunds.map((r) => ({ id: id("refunds"), ...r }));
    for (const r of rows) {
      const c = charges.find((x) => x.id === r.charge_id) as Charge;
      this.log(r.created, "charge.refunded", "charge", c.id, {
        amount: c.amount,
        currency: c.currency,
        status: c.status,
        customer: c.customer_id,
        amount_refunded: c.amount_refunded,
      });
      this.log(r.created, "refund.created", "refund", r.id, { charge: c.id, amount: r.amount, currency: r.currency, reason: r.reason });
    }
    return { charges, refunds: rows };
  }

  /** Each invoice's steps as events: created, finalized, and paid, voided or marked uncollectible. */
  logInvoices(invoices: readonly Invoice[]): void {
    for (const inv of invoices) {
      const data = { ...(inv.number ? { number: inv.number } : {}), status: inv.status, total: inv.total, currency: inv.currency, customer: inv.customer_id };
      this.log(inv.created, "invoice.created", "invoice", inv.id, { ...data, status: "draft" });
      if (inv.finalized_at) this.log(inv.finalized_at, "invoice.finalized", "invoice", inv.id, { ...data, status: "open" });
      if (inv.paid_at) this.log(inv.paid_at, "invoice.paid", "invoice", inv.id, { ...data, status: "paid" });
      if (inv.voided_at) this.log(inv.voided_at, "invoice.voided", "invoice", inv.id, { ...data, status: "void" });
      if (inv.marked_uncollectible_at)
        this.log(inv.marked_uncollectible_at, "invoice.marked_uncollectible", "invoice", inv.id, { ...data, status: "uncollectible" });
    }
  }

  /** The app's backend, the accounting sync, and a retired legacy hook. */
  endpoints(): WebhookEndpoint[] {
    const { rng, world, id } = this.ctx;
    const business = businessOf(world);
    return [
      {
        id: id("webhook_endpoints"),
        url: `https://api.${business.domain}/webhooks/stripe`,
        description: "Backend: fulfil orders and update subscriptions",
        enabled_events: ["charge.succeeded", "charge.failed", "charge.refunded", "invoice.paid", "invoice.payment_failed", "customer.created"],
        status: "enabled",
        secret: `whsec_${rng.hex(32)}`,
        created: this.instant(rng.int(300, 700)),
      },
      {
        id: id("webhook_endpoints"),
        url: `https://hooks.${rng.pick(["ledgerly.io", "booksync.app", "tallyflow.com"])}/in/${rng.hex(12)}`,
        description: "Accounting sync",
        enabled_events: ["invoice.finalized", "invoice.paid", "invoice.voided", "invoice.marked_uncollectible", "refund.created"],
        status: "enabled",
        secret: `whsec_${rng.hex(32)}`,
        created: this.instant(rng.int(100, 300)),
      },
      {
        id: id("webhook_endpoints"),
        url: `https://${business.domain}/legacy/stripe-hook`,
        description: "Old site (retired)",
        enabled_events: ["*"],
        status: "disabled",
        secret: `whsec_${rng.hex(32)}`,
        created: this.instant(rng.int(700, 900)),
      },
    ];
  }

  /** The logged events in order, each delivered to every enabled endpoint that listens to it; the backend was down for a few hours last week. */
  eventsAndDeliveries(endpoints: readonly WebhookEndpoint[]): { events: PaymentEvent[]; deliveries: WebhookDelivery[] } {
    const { rng, world, id } = this.ctx;
    const backend = endpoints[0] as WebhookEndpoint;
    const outageStart = `${time.addDays(world.today, -rng.int(4, 8))}T${String(rng.int(10, 16)).padStart(2, "0")}:00:00Z`;
    const outageEnd = time.addMinutes(outageStart, rng.int(18, 40) * 60);
    const pending = [...this.pending].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : EVENT_TYPES.indexOf(a.type) - EVENT_TYPES.indexOf(b.type)));
    const events: PaymentEvent[] = [];
    const deliveries: WebhookDelivery[] = [];
    for (const e of pending) {
      const row: PaymentEvent = { id: id("payment_events"), type: e.type, object_type: e.object_type, object_id: e.object_id, data: e.data, created: e.at };
      events.push(row);
      for (const w of endpoints.filter((x) => x.status === "enabled" && listensTo(x, e.type) && x.created <= e.at)) {
        const down = w === backend && e.at >= outageStart && e.at < outageEnd;
        deliveries.push({
          id: id("webhook_deliveries"),
          event_id: row.id,
          event_type: e.type,
          endpoint_id: w.id,
          url: w.url,
          status: down ? "failed" : "succeeded",
          response_status: down ? rng.pick([500, 502, 503]) : 200,
          attempts: down ? 3 : 1,
          created: e.at,
          last_attempt_at: down ? time.addMinutes(e.at, 60 * 3) : e.at,
        });
      }
    }
    // The outage must show at least one failed delivery.
    if (!deliveries.some((d) => d.status === "failed")) {
      const d = deliveries.find((x) => x.endpoint_id === backend.id);
      if (d) Object.assign(d, { status: "failed", response_status: 503, attempts: 3 });
    }
    return { events, deliveries };
  }
}
