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

export function seedPayments({ rng, world, id }: SeedContext) {
  const { today, now } = world;
  const business = businessOf(world);
  const instant = (daysAgo: number) => {
    const at = `${time.addDays(today, -daysAgo)}T${String(rng.int(8, 20)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`;
    return at < now ? at : time.addDays(at, -1);
  };

  // Customers: people (individuals) and other world companies (billing contacts), ids in signup order.
  const people: Array<Omit<Customer, "id">> = [];
  for (const p of rng.sample(world.people, 22)) {
    people.push({ name: p.full_name, email: p.email, phone: p.phone, kind: "individual", description: "", city: p.address.city, created: instant(rng.int(200, 720)) });
  }
  for (const c of rng.sample(world.companies.filter((x) => x.name !== business.name), 8)) {
    people.push({ name: c.name, email: `${rng.pick(["billing", "accounts", "ap"])}@${c.domain}`, kind: "company", description: rng.pick(["Net-30 terms agreed", "Enterprise account", "Pays by bank transfer", ""]), city: c.address.city, created: instant(rng.int(200, 720)) });
  }
  people.sort((a, b) => (a.created < b.created ? -1 : 1));
  const customers: Customer[] = people.map((c) => ({ id: id("customers"), ...c }));

  // Cards: most customers one, some two, four none (they pay invoices by transfer).
  const methods: PaymentMethod[] = [];
  const noCard = new Set(rng.sample(customers.filter((c) => c.kind === "company"), 3).map((c) => c.id));
  noCard.add((rng.pick(customers.filter((c) => c.kind === "individual")) as Customer).id);
  const withCards = customers.filter((c) => !noCard.has(c.id));
  const expiredOwner = rng.pick(withCards);
  const decliner = rng.pick(withCards.filter((c) => c !== expiredOwner));
  for (const c of withCards) {
    const n = c === expiredOwner || c === decliner ? 1 : rng.bool(0.2) ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const brand = rng.weighted([["visa", 5], ["mastercard", 3], ["amex", 1.5], ["discover", 0.5]] as const);
      const expired = c === expiredOwner;
      const year = Number(today.slice(0, 4)) + (expired ? -1 : rng.int(1, 4));
      const pm: PaymentMethod = {
        id: id("payment_methods"),
        customer_id: c.id,
        type: "card",
        brand,
        last4: rng.digits(4),
        exp_month: rng.int(1, 12),
        exp_year: year,
        funding: brand === "amex" || brand === "discover" ? "credit" : rng.pick(["credit", "credit", "debit"]),
        fingerprint: fingerprintOf(`${c.id}/${k}/${rng.hex(8)}`),
        created: c.created,
        ...(c === decliner ? { decline_code: "insufficient_funds" as const } : {}),
      };
      methods.push(pm);
      if (k === 0) c.default_payment_method = pm.id;
    }
  }
  const cardOf = (c: Customer) => methods.find((m) => m.id === c.default_payment_method);

  const events: Pending[] = [];
  const inWindow = (at: string) => time.daysBetween(at, today) <= 30;
  const log = (at: string, type: EventType, object_type: Pending["object_type"], object_id: string, data: Pending["data"]) => {
    if (inWindow(at)) events.push({ at, type, object_type, object_id, data });
  };
  for (const c of customers) log(c.created, "customer.created", "customer", c.id, { name: c.name, email: c.email });
  for (const m of methods) log(m.created, "payment_method.attached", "payment_method", m.id, { customer: m.customer_id, brand: m.brand, last4: m.last4 });

  // Charges over eight months, oldest first so ids follow time.
  type Draft = { at: string; customer: Customer; pm: PaymentMethod; amount: number; description: string; invoice?: string };
  const drafts: Draft[] = [];
  for (let k = 0; k < 140; k++) {
    const customer = rng.pick(withCards);
    const pm = cardOf(customer) as PaymentMethod;
    const [description, lo, hi] = rng.pick(CATALOG);
    const qty = description.startsWith("Consulting") ? rng.int(2, 12) : 1;
    const at = instant(rng.bool(0.3) ? rng.int(0, 30) : rng.int(1, 240));
    if (at < customer.created) continue;
    drafts.push({ at, customer, pm, amount: roundMoney(rng.money(lo, hi) * qty), description: qty > 1 ? `${description} (${qty} h)` : description });
  }

  // Invoices: paid ones produce a charge; others sit in every status.
  const invoices: Invoice[] = [];
  const prefix = invoicePrefix(world);
  const statuses: Invoice["status"][] = ["paid", "paid", "paid", "paid", "paid", "paid", "paid", "paid", "paid", "open", "open", "open", "open", "open", "void", "void", "uncollectible", "uncollectible", "draft", "draft", "draft"];
  const invoiceDrafts = statuses.map((status) => ({ status, created: instant(status === "draft" ? rng.int(0, 6) : status === "open" ? rng.int(5, 50) : rng.int(20, 200)) })).sort((a, b) => (a.created < b.created ? -1 : 1));
  let numbered = 0;
  const invoiceCharges: Array<{ inv: Invoice; draft: Draft }> = [];
  for (const { status, created } of invoiceDrafts) {
    const customer = status === "paid" || status === "draft" ? rng.pick(customers) : rng.pick(customers.filter((c) => c.kind === "company" || noCard.has(c.id)));
    const lines: InvoiceLine[] = rng.sample(CATALOG, rng.int(1, 3)).map(([description, lo, hi]) => {
      const quantity = description.startsWith("Consulting") ? rng.int(4, 30) : rng.int(1, 3);
      const unit = rng.money(lo, hi);
      return { description, quantity, unit_amount: unit, amount: roundMoney(quantity * unit) };
    });
    const total = roundMoney(lines.reduce((s, l) => s + l.amount, 0));
    const finalizedAt = status === "draft" ? undefined : time.addMinutes(created, rng.int(10, 600));
    const days = rng.pick([14, 30, 30, 45]);
    const card = cardOf(customer);
    const byCard = status === "paid" && card !== undefined && card !== methods.find((m) => m.decline_code) && rng.bool(0.7);
    const inv: Invoice = {
      id: id("invoices"),
      ...(finalizedAt ? { number: `${prefix}-${String(++numbered).padStart(4, "0")}` } : {}),
      customer_id: customer.id,
      status,
      currency: "usd",
      collection_method: "send_invoice",
      lines,
      total,
      amount_paid: status === "paid" ? total : 0,
      amount_due: status === "paid" || status === "void" ? 0 : total,
      due_date: time.addDays((finalizedAt ?? created).slice(0, 10), days),
      memo: rng.pick(["Thank you for your business!", "Payment due within the stated terms.", ""]),
      paid_out_of_band: status === "paid" && !byCard,
      created,
      ...(finalizedAt ? { finalized_at: finalizedAt } : {}),
    };
    if (status === "open" && inv.due_date && inv.due_date >= today && rng.bool(0.5)) inv.due_date = time.addDays(today, -rng.int(2, 12));
    if (status === "paid") inv.paid_at = time.addMinutes(finalizedAt as string, rng.int(60, 60 * 24 * 12));
    if (status === "paid" && inv.paid_at && inv.paid_at > now) inv.paid_at = time.addMinutes(now, -rng.int(60, 600));
    if (status === "void") inv.voided_at = time.addMinutes(finalizedAt as string, rng.int(60, 60 * 24 * 5));
    if (status === "uncollectible") inv.marked_uncollectible_at = time.addMinutes(finalizedAt as string, rng.int(60 * 24 * 40, 60 * 24 * 60));
    if (inv.marked_uncollectible_at && inv.marked_uncollectible_at > now) inv.marked_uncollectible_at = time.addMinutes(now, -rng.int(60, 6000));
    invoices.push(inv);
    if (byCard && card) invoiceCharges.push({ inv, draft: { at: inv.paid_at as string, customer, pm: card, amount: total, description: `Payment for invoice ${inv.number}`, invoice: inv.id } });
  }
  drafts.push(...invoiceCharges.map((x) => x.draft));
  drafts.sort((a, b) => (a.at < b.at ? -1 : 1));

  const charges: Charge[] = [];
  const refunds: Array<Omit<Refund, "id">> = [];
  for (const d of drafts) {
    const failure = d.pm.decline_code ?? (d.customer === expiredOwner && d.at.slice(0, 7) > `${d.pm.exp_year}-${String(d.pm.exp_month).padStart(2, "0")}` ? "expired_card" : rng.bool(0.04) ? "card_declined" : undefined);
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
      ...(failed ? { failure_code: failure, failure_message: failure === "expired_card" ? "Your card has expired." : failure === "insufficient_funds" ? "Your card has insufficient funds." : "Your card was declined." } : {}),
      ...(d.invoice ? { invoice_id: d.invoice } : {}),
      receipt_email: d.customer.email,
      created: d.at,
    };
    if (d.invoice) (invoices.find((i) => i.id === d.invoice) as Invoice).charge_id = c.id;
    log(c.created, failed ? "charge.failed" : "charge.succeeded", "charge", c.id, { amount: c.amount, currency: c.currency, status: c.status, customer: c.customer_id });
    if (!failed && !d.invoice && rng.bool(0.1)) {
      const full = rng.bool(0.5);
      const amount = full ? c.amount : roundMoney(Math.max(0.5, Math.floor(c.amount * rng.float(0.1, 0.6) * 100) / 100));
      const at = time.addMinutes(c.created, rng.int(60 * 4, 60 * 24 * 9));
      if (at < now) {
        c.amount_refunded = amount;
        c.status = full ? "refunded" : "partially_refunded";
        refunds.push({ charge_id: c.id, amount, currency: "usd", reason: rng.pick(["requested_by_customer", "requested_by_customer", "duplicate"]), status: "succeeded", created: at });
      }
    }
    charges.push(c);
  }
  refunds.sort((a, b) => (a.created < b.created ? -1 : 1));
  const refundRows: Refund[] = refunds.map((r) => ({ id: id("refunds"), ...r }));
  for (const r of refundRows) {
    const c = charges.find((x) => x.id === r.charge_id) as Charge;
    log(r.created, "charge.refunded", "charge", c.id, { amount: c.amount, currency: c.currency, status: c.status, customer: c.customer_id, amount_refunded: c.amount_refunded });
    log(r.created, "refund.created", "refund", r.id, { charge: c.id, amount: r.amount, currency: r.currency, reason: r.reason });
  }
  for (const inv of invoices) {
    const data = { ...(inv.number ? { number: inv.number } : {}), status: inv.status, total: inv.total, currency: inv.currency, customer: inv.customer_id };
    log(inv.created, "invoice.created", "invoice", inv.id, { ...data, status: "draft" });
    if (inv.finalized_at) log(inv.finalized_at, "invoice.finalized", "invoice", inv.id, { ...data, status: "open" });
    if (inv.paid_at) log(inv.paid_at, "invoice.paid", "invoice", inv.id, { ...data, status: "paid" });
    if (inv.voided_at) log(inv.voided_at, "invoice.voided", "invoice", inv.id, { ...data, status: "void" });
    if (inv.marked_uncollectible_at) log(inv.marked_uncollectible_at, "invoice.marked_uncollectible", "invoice", inv.id, { ...data, status: "uncollectible" });
  }

  // Webhook endpoints: the app's backend, the accounting sync, and a retired legacy hook.
  const endpoints: WebhookEndpoint[] = [
    { id: id("webhook_endpoints"), url: `https://api.${business.domain}/webhooks/stripe`, description: "Backend: fulfil orders and update subscriptions", enabled_events: ["charge.succeeded", "charge.failed", "charge.refunded", "invoice.paid", "invoice.payment_failed", "customer.created"], status: "enabled", secret: `whsec_${rng.hex(32)}`, created: instant(rng.int(300, 700)) },
    { id: id("webhook_endpoints"), url: `https://hooks.${rng.pick(["ledgerly.io", "booksync.app", "tallyflow.com"])}/in/${rng.hex(12)}`, description: "Accounting sync", enabled_events: ["invoice.finalized", "invoice.paid", "invoice.voided", "invoice.marked_uncollectible", "refund.created"], status: "enabled", secret: `whsec_${rng.hex(32)}`, created: instant(rng.int(100, 300)) },
    { id: id("webhook_endpoints"), url: `https://${business.domain}/legacy/stripe-hook`, description: "Old site (retired)", enabled_events: ["*"], status: "disabled", secret: `whsec_${rng.hex(32)}`, created: instant(rng.int(700, 900)) },
  ];
  const backend = endpoints[0] as WebhookEndpoint;
  const outageStart = `${time.addDays(today, -rng.int(4, 8))}T${String(rng.int(10, 16)).padStart(2, "0")}:00:00Z`;
  const outageEnd = time.addMinutes(outageStart, rng.int(18, 40) * 60);

  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : EVENT_TYPES.indexOf(a.type) - EVENT_TYPES.indexOf(b.type)));
  const eventRows: PaymentEvent[] = [];
  const deliveries: WebhookDelivery[] = [];
  for (const e of events) {
    const row: PaymentEvent = { id: id("payment_events"), type: e.type, object_type: e.object_type, object_id: e.object_id, data: e.data, created: e.at };
    eventRows.push(row);
    for (const w of endpoints.filter((x) => x.status === "enabled" && listensTo(x, e.type) && x.created <= e.at)) {
      const down = w === backend && e.at >= outageStart && e.at < outageEnd;
      deliveries.push({
        id: id("webhook_deliveries"), event_id: row.id, event_type: e.type, endpoint_id: w.id, url: w.url, status: down ? "failed" : "succeeded",
        response_status: down ? rng.pick([500, 502, 503]) : 200, attempts: down ? 3 : 1, created: e.at, last_attempt_at: down ? time.addMinutes(e.at, 60 * 3) : e.at,
      });
    }
  }
  // The outage must show at least one failed delivery.
  if (!deliveries.some((d) => d.status === "failed")) {
    const d = deliveries.find((x) => x.endpoint_id === backend.id);
    if (d) Object.assign(d, { status: "failed", response_status: 503, attempts: 3 });
  }

  return {
    customers,
    payment_methods: methods,
    charges,
    refunds: refundRows,
    invoices,
    webhook_endpoints: endpoints,
    payment_events: eventRows,
    webhook_deliveries: deliveries,
  };
}
