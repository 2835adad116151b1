/** The payments account's seed, checked against Stripe's rules and an accountant's expectations. */
import { expect } from "vitest";
import payments from "../../ts/servers/payments/index.ts";
import type { Charge, Customer, Invoice, PaymentEvent, PaymentMethod, Refund, WebhookDelivery, WebhookEndpoint } from "../../ts/servers/payments/state.ts";
import { groupBy, seedRules } from "../helpers/seed-rules.ts";

const cents = (x: number) => Math.round(x * 100);

seedRules(payments, {
  "a successful charge pays Stripe's fee of 2.9% + 0.30 and nets the rest; a failed one costs nothing and says why": (s) => {
    for (const c of s.rows<Charge>("charges")) {
      if (c.status === "failed") expect([c.fee, c.net, c.failure_code !== undefined], c.id).toEqual([0, 0, true]);
      else {
        expect(cents(c.fee), c.id).toBe(Math.round(c.amount * 2.9 + 30));
        expect(cents(c.net), c.id).toBe(cents(c.amount) - cents(c.fee));
      }
    }
  },
  "a charge's refunded amount is the sum of its refunds, never more than the charge; refunded in full reads 'refunded'": (s) => {
    const refunds = groupBy(s.rows<Refund>("refunds"), (r) => r.charge_id);
    for (const c of s.rows<Charge>("charges")) {
      const rs = refunds.get(c.id) ?? [];
      expect(cents(c.amount_refunded), c.id).toBe(rs.reduce((n, r) => n + cents(r.amount), 0));
      expect(c.amount_refunded, c.id).toBeLessThanOrEqual(c.amount);
      if (rs.length) expect(c.status, c.id).toBe(c.amount_refunded === c.amount ? "refunded" : "partially_refunded");
      for (const r of rs) expect(r.created > c.created && r.created <= s.world.now, r.id).toBe(true);
    }
  },
  "an invoice totals its lines (quantity times unit price); paid ones owe nothing, open and uncollectible ones owe it all": (s) => {
    for (const inv of s.rows<Invoice>("invoices")) {
      for (const l of inv.lines) expect(cents(l.amount), inv.id).toBe(Math.round(l.quantity * l.unit_amount * 100));
      expect(cents(inv.total), inv.id).toBe(inv.lines.reduce((n, l) => n + cents(l.amount), 0));
      const owed = inv.status === "paid" || inv.status === "void" ? 0 : inv.total;
      expect([inv.amount_due, inv.amount_paid], inv.id).toEqual([owed, inv.status === "paid" ? inv.total : 0]);
    }
  },
  "an invoice moves forward: created, finalized (and numbered, in order), then paid, voided or written off, all before now": (s) => {
    const invoices = s.rows<Invoice>("invoices");
    for (const inv of invoices) {
      expect(inv.number !== undefined, inv.id).toBe(inv.status !== "draft");
      const end = inv.paid_at ?? inv.voided_at ?? inv.marked_uncollectible_at;
      if (inv.finalized_at) expect(inv.finalized_at > inv.created, inv.id).toBe(true);
      if (end) expect(end > inv.finalized_at! && end <= s.world.now, inv.id).toBe(true);
    }
    const numbered = invoices.filter((i) => i.number).sort((a, b) => (a.created < b.created ? -1 : 1));
    numbered.forEach((inv, k) => expect(inv.number!.endsWith(`-${String(k + 1).padStart(4, "0")}`), inv.number).toBe(true));
  },
  "a paid invoice was paid either by a successful card charge of its total on its paid date, or out of band with no charge": (s) => {
    const charges = new Map(s.rows<Charge>("charges").map((c) => [c.id, c]));
    for (const inv of s.rows<Invoice>("invoices").filter((i) => i.status === "paid")) {
      if (inv.paid_out_of_band) expect(inv.charge_id, inv.id).toBeUndefined();
      else {
        const c = charges.get(inv.charge_id!)!;
        expect([c.status, c.amount, c.created, c.invoice_id, c.customer_id]).toEqual(["succeeded", inv.total, inv.paid_at, inv.id, inv.customer_id]);
      }
    }
  },
  "a customer is charged only after signing up, on one of their own cards; charge ids follow time": (s) => {
    const customers = new Map(s.rows<Customer>("customers").map((c) => [c.id, c]));
    const cards = new Map(s.rows<PaymentMethod>("payment_methods").map((m) => [m.id, m]));
    const charges = s.rows<Charge>("charges");
    for (const c of charges) {
      expect(c.created >= customers.get(c.customer_id)!.created && c.created <= s.world.now, c.id).toBe(true);
      expect(cards.get(c.payment_method_id!)!.customer_id, c.id).toBe(c.customer_id);
    }
    const byId = [...charges].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (let k = 1; k < byId.length; k++) expect(byId[k]!.created >= byId[k - 1]!.created, byId[k]!.id).toBe(true);
  },
  "one card has expired and one declines for insufficient funds; every charge on the declining card failed": (s) => {
    const cards = s.rows<PaymentMethod>("payment_methods");
    const month = s.world.today.slice(0, 7);
    expect(cards.filter((m) => `${m.exp_year}-${String(m.exp_month).padStart(2, "0")}` < month)).toHaveLength(1);
    const decliner = cards.filter((m) => m.decline_code === "insufficient_funds");
    expect(decliner).toHaveLength(1);
    for (const c of s.rows<Charge>("charges").filter((x) => x.payment_method_id === decliner[0]!.id && !x.invoice_id))
      expect(c.failure_code, c.id).toBe("insufficient_funds");
  },
  "events cover the last 30 days in time order, and each names an object that exists": (s) => {
    const events = s.rows<PaymentEvent>("payment_events");
    const ids = new Set(
      [
        ...s.rows<{ id: string }>("customers"),
        ...s.rows<{ id: string }>("payment_methods"),
        ...s.rows<{ id: string }>("charges"),
        ...s.rows<{ id: string }>("refunds"),
        ...s.rows<{ id: string }>("invoices"),
      ].map((x) => x.id),
    );
    const cutoff = new Date(Date.parse(`${s.world.today}T00:00:00Z`) - 31 * 86_400_000).toISOString();
    for (const e of events) expect(e.created >= cutoff && e.created <= s.world.now && ids.has(e.object_id), e.id).toBe(true);
    const byId = [...events].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (let k = 1; k < byId.length; k++) expect(byId[k]!.created >= byId[k - 1]!.created).toBe(true);
  },
  "an event is delivered to every enabled endpoint that listens to it and existed then, and only to those; failed deliveries were tried three times": (s) => {
    const endpoints = s.rows<WebhookEndpoint>("webhook_endpoints");
    const deliveries = groupBy(s.rows<WebhookDelivery>("webhook_deliveries"), (d) => d.event_id);
    for (const e of s.rows<PaymentEvent>("payment_events")) {
      const expected = endpoints
        .filter((w) => w.status === "enabled" && (w.enabled_events.includes("*") || w.enabled_events.includes(e.type)) && w.created <= e.created)
        .map((w) => w.id)
        .sort();
      expect((deliveries.get(e.id) ?? []).map((d) => d.endpoint_id).sort(), e.id).toEqual(expected);
    }
    const failed = s.rows<WebhookDelivery>("webhook_deliveries").filter((d) => d.status === "failed");
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const d of failed) expect([d.attempts, d.response_status >= 500, d.last_attempt_at <= s.world.now], d.id).toEqual([3, true, true]);
  },
});
