import { describe, expect, it } from "vitest";
import { roundMoney, worldFor } from "../../ts/servers/framework/index.ts";
import payments from "../../ts/servers/payments/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(payments, 10);

const VISA = "4242 4242 4242 4242";
const MASTERCARD = "5555555555554444";
const AMEX = "378282246310005";

type Row = Record<string, any>;
function today(s: TestSession): string {
  return s.now().slice(0, 10);
}
function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
const fee = (amount: number) => roundMoney(amount * 0.029 + 0.3);

/** A customer with a valid default card that charges fine. */
function goodCustomer(s: TestSession): Row {
  const cards = s.rows("payment_methods");
  return s.rows("customers").find((c) => {
    const pm = cards.find((p) => p.id === c.default_payment_method);
    return (
      pm &&
      !pm.decline_code &&
      `${pm.exp_year}-${String(pm.exp_month).padStart(2, "0")}` >= today(s).slice(0, 7) &&
      !s.rows("invoices").some((i) => i.customer_id === c.id && ["draft", "open", "uncollectible"].includes(i.status))
    );
  })!;
}
function cardlessCustomer(s: TestSession): Row {
  const cards = s.rows("payment_methods");
  return s.rows("customers").find((c) => !cards.some((p) => p.customer_id === c.id))!;
}
function succeededCharge(s: TestSession, minAmount = 100): Row {
  return s.rows("charges").find((c) => c.status === "succeeded" && c.amount >= minAmount && addDays(c.created.slice(0, 10), 180) >= today(s))!;
}

describe("payments: balance and customers", () => {
  it("get_payment_balance nets fees and refunds, and moves with new charges and refunds", () => {
    const s = openSession(payments, 1);
    const b = s.ok("get_payment_balance");
    expect(b.business).toBe(worldFor(1).user.company);
    const charges = s.rows("charges").filter((c) => c.status !== "failed");
    const refunds = s.rows("refunds");
    const old = charges.filter((c) => c.created.slice(0, 10) <= addDays(today(s), -2));
    const expected = roundMoney(old.reduce((t, c) => t + c.net, 0) - refunds.reduce((t, r) => t + r.amount, 0));
    const usd = b.balances.find((x: Row) => x.currency === "usd");
    expect(usd.available).toBeCloseTo(expected, 2);
    const c = goodCustomer(s);
    s.ok("create_charge", { customer_id: c.id, amount: 100, description: "Test" });
    const after = s.ok("get_payment_balance").balances.find((x: Row) => x.currency === "usd");
    expect(after.pending).toBeCloseTo(usd.pending + 100 - fee(100), 2);
    expect(after.gross_volume_30d).toBeCloseTo(usd.gross_volume_30d + 100, 2);
    const ch = succeededCharge(s);
    s.ok("refund_charge", { charge_id: ch.id, amount: 10 });
    expect(s.ok("get_payment_balance").balances.find((x: Row) => x.currency === "usd").available).toBeCloseTo(usd.available - 10, 2);
  });

  it("list_customers filters by text and kind, newest first", () => {
    const s = openSession(payments, 1);
    const all = s.ok("list_customers", { limit: 100 });
    expect(all.total).toBe(30);
    expect(all.items[0].created >= all.items[29].created).toBe(true);
    const companies = s.ok("list_customers", { kind: "company", limit: 100 }).items;
    expect(companies).toHaveLength(8);
    const someone = all.items.find((c: Row) => c.kind === "individual");
    const byName = s.ok("list_customers", { query: someone.name.split(" ")[1].toLowerCase() }).items;
    expect(byName.map((c: Row) => c.id)).toContain(someone.id);
    expect(s.ok("list_customers", { query: "zzzz-nobody" })).toEqual({ items: [], total: 0 });
  });

  it("get_customer sums spending and unpaid invoices", () => {
    const s = openSession(payments, 1);
    const inv = s.rows("invoices").find((i) => i.status === "open")!;
    const c = s.ok("get_customer", { customer_id: inv.customer_id });
    const unpaid = s.rows("invoices").filter((i) => i.customer_id === inv.customer_id && ["open", "uncollectible"].includes(i.status));
    expect(c.unpaid_invoices.sort()).toEqual(unpaid.map((i) => i.id).sort());
    expect(c.balance_due).toBeCloseTo(
      unpaid.reduce((t, i) => t + i.amount_due, 0),
      2,
    );
    const charges = s.rows("charges").filter((x) => x.customer_id === inv.customer_id);
    expect(c.charges_count).toBe(charges.length);
    expect(c.total_spent).toBeCloseTo(
      charges.filter((x) => x.status !== "failed").reduce((t, x) => t + x.amount - x.amount_refunded, 0),
      2,
    );
    s.fails("get_customer", { customer_id: "cus_99999" }, "not_found", /list_customers/);
  });

  it("create_customer creates, emits customer.created to listening endpoints, and keeps emails unique", () => {
    const s = openSession(payments, 1);
    const at = s.now();
    const c = s.ok("create_customer", { name: "Ana Ruiz", email: "Ana.Ruiz@Example.com", kind: "individual" });
    expect(c).toMatchObject({ id: "cus_10031", name: "Ana Ruiz", email: "ana.ruiz@example.com", created: at });
    const evt = s.ok("list_payment_events", { object: c.id }).items;
    expect(evt).toHaveLength(1);
    expect(evt[0]).toMatchObject({ type: "customer.created", data: { name: "Ana Ruiz", email: "ana.ruiz@example.com" } });
    const deliveries = s.ok("list_webhook_deliveries", { event_id: evt[0].id }).items;
    // Only the backend endpoint listens to customer.created; the legacy one is disabled.
    expect(deliveries.map((d: Row) => d.endpoint_id)).toEqual(["we_1001"]);
    expect(deliveries[0]).toMatchObject({ status: "succeeded", response_status: 200, attempts: 1 });
    s.fails(
      "create_customer",
      { name: "Ana R.", email: "ana.ruiz@example.com" },
      "already_exists",
      new RegExp(`a customer with email ana.ruiz@example.com already exists: ${c.id} \\(Ana Ruiz\\)`),
    );
    expect(s.call("create_customer", { name: "X", email: "not-an-email" }).outcome).toBe("invalid_arguments");
  });

  it("update_customer changes fields and the default card, with its rules", () => {
    const s = openSession(payments, 1);
    const c = goodCustomer(s);
    const other = s.rows("customers").find((x) => x.id !== c.id)!;
    const u = s.ok("update_customer", { customer_id: c.id, phone: "+1-555-0100", description: "VIP" });
    expect(u).toMatchObject({ phone: "+1-555-0100", description: "VIP", email: c.email });
    expect(s.ok("list_payment_events", { object: c.id, type: "customer.updated" }).total).toBe(1);
    s.fails("update_customer", { customer_id: c.id, email: other.email.toUpperCase() }, "already_exists", new RegExp(`already used by customer ${other.id}`));
    s.fails("update_customer", { customer_id: c.id }, "invalid_argument", /nothing to change/);
    const foreign = s.rows("payment_methods").find((p) => p.customer_id !== c.id)!;
    s.fails(
      "update_customer",
      { customer_id: c.id, default_payment_method_id: foreign.id },
      "failed_precondition",
      new RegExp(`payment method ${foreign.id} belongs to customer ${foreign.customer_id}, not ${c.id}`),
    );
    const second = s.ok("attach_payment_method", { customer_id: c.id, card_number: MASTERCARD, exp_month: 4, exp_year: 2031, cvc: "123" });
    expect(second.is_default).toBe(false);
    expect(s.ok("update_customer", { customer_id: c.id, default_payment_method_id: second.id }).default_payment_method).toBe(second.id);
  });

  it("delete_customer removes the customer and their cards; rule: not with unsettled invoices", () => {
    const s = openSession(payments, 1);
    const inv = s.rows("invoices").find((i) => i.status === "open")!;
    s.fails("delete_customer", { customer_id: inv.customer_id }, "failed_precondition", new RegExp(`has invoices that are not settled: .*${inv.id} \\(open, `));
    const c = goodCustomer(s);
    const cards = s
      .rows("payment_methods")
      .filter((p) => p.customer_id === c.id)
      .map((p) => p.id);
    const r = s.ok("delete_customer", { customer_id: c.id });
    expect(r).toEqual({ deleted: c.id, name: c.name, cards_removed: cards });
    s.fails("get_customer", { customer_id: c.id }, "not_found", /customer/);
    expect(s.rows("payment_methods").some((p) => p.customer_id === c.id)).toBe(false);
    expect(s.ok("list_charges", { customer_id: c.id, limit: 100 }).total).toBe(s.rows("charges").filter((x) => x.customer_id === c.id).length);
    expect(s.ok("list_payment_events", { type: "customer.deleted" }).items[0].object_id).toBe(c.id);
  });
});

describe("payments: cards", () => {
  it("list_customer_payment_methods shows brand, last4, default and expiry, never the issuer behaviour", () => {
    const s = openSession(payments, 1);
    const expiredCard = s.rows("payment_methods").find((p) => `${p.exp_year}-${String(p.exp_month).padStart(2, "0")}` < today(s).slice(0, 7))!;
    const list = s.ok("list_customer_payment_methods", { customer_id: expiredCard.customer_id }).items;
    expect(list[0]).toMatchObject({ id: expiredCard.id, last4: expiredCard.last4, is_default: true, expired: true });
    const decliner = s.rows("payment_methods").find((p) => p.decline_code)!;
    const dl = s.ok("list_customer_payment_methods", { customer_id: decliner.customer_id }).items[0];
    expect(dl).not.toHaveProperty("decline_code");
  });

  it("attach_payment_method saves a valid card; the first becomes the default", () => {
    const s = openSession(payments, 1);
    const c = cardlessCustomer(s);
    const pm = s.ok("attach_payment_method", { customer_id: c.id, card_number: VISA, exp_month: 12, exp_year: 2030, cvc: "314" });
    expect(pm).toMatchObject({ customer_id: c.id, brand: "visa", last4: "4242", exp_month: 12, exp_year: 2030, is_default: true });
    expect(JSON.stringify(pm)).not.toContain("4242424242424242");
    expect(s.ok("get_customer", { customer_id: c.id }).default_payment_method).toBe(pm.id);
    const amex = s.ok("attach_payment_method", { customer_id: c.id, card_number: AMEX, exp_month: 1, exp_year: 2029, cvc: "1234", set_default: true });
    expect(amex).toMatchObject({ brand: "amex", last4: "0005", is_default: true, funding: "credit" });
    expect(s.ok("get_customer", { customer_id: c.id }).default_payment_method).toBe(amex.id);
    expect(s.ok("list_payment_events", { type: "payment_method.attached", limit: 2 }).items.map((e: Row) => e.object_id)).toEqual([amex.id, pm.id]);
  });

  it("rule: cards must pass the checksum, be supported, carry the right CVC, be unexpired and not duplicated", () => {
    const s = openSession(payments, 1);
    const c = cardlessCustomer(s);
    const year = Number(today(s).slice(0, 4));
    s.fails(
      "attach_payment_method",
      { customer_id: c.id, card_number: "4242424242424241", exp_month: 12, exp_year: 2030, cvc: "123" },
      "invalid_argument",
      /fails the checksum/,
    );
    s.fails(
      "attach_payment_method",
      { customer_id: c.id, card_number: "3566002020360505", exp_month: 12, exp_year: 2030, cvc: "123" },
      "invalid_argument",
      /not supported; accepted brands are Visa, Mastercard, American Express and Discover/,
    );
    s.fails(
      "attach_payment_method",
      { customer_id: c.id, card_number: AMEX, exp_month: 12, exp_year: 2030, cvc: "123" },
      "invalid_argument",
      /a amex card has a 4-digit CVC/,
    );
    s.fails(
      "attach_payment_method",
      { customer_id: c.id, card_number: VISA, exp_month: 1, exp_year: year - 1, cvc: "123" },
      "invalid_argument",
      new RegExp(`the card expired 01/${year - 1}; it must be valid in ${today(s).slice(0, 7)} or later`),
    );
    s.ok("attach_payment_method", { customer_id: c.id, card_number: VISA, exp_month: 12, exp_year: 2030, cvc: "123" });
    s.fails(
      "attach_payment_method",
      { customer_id: c.id, card_number: "4242-4242-4242-4242", exp_month: 12, exp_year: 2030, cvc: "123" },
      "already_exists",
      /this card is already saved for .* \(visa ending in 4242\)/,
    );
    expect(s.call("attach_payment_method", { customer_id: c.id, card_number: "abc", exp_month: 12, exp_year: 2030, cvc: "123" }).outcome).toBe(
      "invalid_arguments",
    );
  });

  it("detach_payment_method removes a card and clears the default", () => {
    const s = openSession(payments, 1);
    const c = goodCustomer(s);
    const r = s.ok("detach_payment_method", { payment_method_id: c.default_payment_method });
    expect(r).toEqual({ detached: c.default_payment_method, customer_id: c.id, was_default: true });
    expect(s.ok("get_customer", { customer_id: c.id }).default_payment_method).toBeUndefined();
    s.fails("detach_payment_method", { payment_method_id: c.default_payment_method }, "not_found", /list_customer_payment_methods/);
  });
});

describe("payments: charges and refunds", () => {
  it("create_charge charges the default card: fee 2.9% + 0.30, net, receipt, event and delivery", () => {
    const s = openSession(payments, 1);
    const c = goodCustomer(s);
    const ch = s.ok("create_charge", { customer_id: c.id, amount: 249.99, description: "Annual plan" });
    expect(ch).toMatchObject({
      customer_id: c.id,
      payment_method_id: c.default_payment_method,
      amount: 249.99,
      currency: "usd",
      status: "succeeded",
      fee: fee(249.99),
      net: roundMoney(249.99 - fee(249.99)),
      amount_refunded: 0,
      receipt_email: c.email,
    });
    expect(ch.id).toMatch(/^ch_\d{6}$/);
    const e = s.ok("list_payment_events", { object: ch.id }).items[0];
    expect(e).toMatchObject({ type: "charge.succeeded", data: { amount: 249.99, status: "succeeded", customer: c.id } });
    expect(s.ok("list_webhook_deliveries", { event_id: e.id }).items.map((d: Row) => d.endpoint_id)).toEqual(["we_1001"]);
    const eur = s.ok("create_charge", { customer_id: c.id, amount: 0.5, currency: "eur", description: "Tiny" });
    expect(eur).toMatchObject({ currency: "eur", amount: 0.5, status: "succeeded" });
  });

  it("rule: a customer without a payment method cannot be charged", () => {
    const s = openSession(payments, 1);
    const c = cardlessCustomer(s);
    s.fails(
      "create_charge",
      { customer_id: c.id, amount: 20, description: "x" },
      "failed_precondition",
      new RegExp(`customer ${c.id} \\(${c.name}\\) has no payment method and cannot be charged; attach a card first with attach_payment_method`),
    );
    const other = goodCustomer(s);
    s.fails(
      "create_charge",
      { customer_id: c.id, amount: 20, description: "x", payment_method_id: other.default_payment_method },
      "failed_precondition",
      /belongs to customer/,
    );
    // A customer whose default card was removed must name another card.
    const twoCards = s.rows("customers").find((x) => s.rows("payment_methods").filter((p) => p.customer_id === x.id).length === 2)!;
    s.ok("detach_payment_method", { payment_method_id: twoCards.default_payment_method });
    s.fails(
      "create_charge",
      { customer_id: twoCards.id, amount: 20, description: "x" },
      "failed_precondition",
      /has no default payment method; pass payment_method_id, one of pm_/,
    );
  });

  it("rule: amounts are positive with cents and at least the currency minimum", () => {
    const s = openSession(payments, 1);
    const c = goodCustomer(s);
    s.fails("create_charge", { customer_id: c.id, amount: 0.49, description: "x" }, "invalid_argument", /a charge must be at least 0.50 USD .*got 0.49 USD/);
    expect(s.call("create_charge", { customer_id: c.id, amount: 10.005, description: "x" }).outcome).toBe("invalid_arguments");
    expect(s.call("create_charge", { customer_id: c.id, amount: -5, description: "x" }).outcome).toBe("invalid_arguments");
    expect(s.call("create_charge", { customer_id: c.id, amount: 0, description: "x" }).outcome).toBe("invalid_arguments");
  });

  it("expired and declining cards give failed charges with no fee; the failure is logged and delivered", () => {
    const s = openSession(payments, 1);
    const expired = s.rows("payment_methods").find((p) => `${p.exp_year}-${String(p.exp_month).padStart(2, "0")}` < today(s).slice(0, 7))!;
    const f1 = s.ok("create_charge", { customer_id: expired.customer_id, amount: 80, description: "Renewal" });
    expect(f1).toMatchObject({ status: "failed", failure_code: "expired_card", failure_message: "Your card has expired.", fee: 0, net: 0 });
    const decliner = s.rows("payment_methods").find((p) => p.decline_code)!;
    expect(s.ok("create_charge", { customer_id: decliner.customer_id, amount: 80, description: "Renewal" })).toMatchObject({
      status: "failed",
      failure_code: "insufficient_funds",
    });
    // Stripe's generic-decline test card.
    const c = cardlessCustomer(s);
    const pm = s.ok("attach_payment_method", { customer_id: c.id, card_number: "4000000000000002", exp_month: 5, exp_year: 2030, cvc: "123" });
    const f3 = s.ok("create_charge", { customer_id: c.id, amount: 15, description: "x", payment_method_id: pm.id });
    expect(f3).toMatchObject({ status: "failed", failure_code: "card_declined", failure_message: "Your card was declined." });
    expect(s.ok("list_payment_events", { object: f3.id }).items[0].type).toBe("charge.failed");
  });

  it("list_charges filters by customer, status, dates and amount; get_charge shows what is refundable", () => {
    const s = openSession(payments, 1);
    const failed = s.ok("list_charges", { status: "failed", limit: 100 });
    expect(failed.total).toBe(s.rows("charges").filter((c) => c.status === "failed").length);
    expect(failed.items.every((c: Row) => c.status === "failed")).toBe(true);
    const ch = succeededCharge(s);
    expect(s.ok("list_charges", { customer_id: ch.customer_id, limit: 100 }).items.every((c: Row) => c.customer_id === ch.customer_id)).toBe(true);
    const d = ch.created.slice(0, 10);
    expect(s.ok("list_charges", { created_from: d, created_to: d, limit: 100 }).items.map((c: Row) => c.id)).toContain(ch.id);
    expect(s.ok("list_charges", { min_amount: 1000, limit: 100 }).items.every((c: Row) => c.amount >= 1000)).toBe(true);
    const partial = s.rows("charges").find((c) => c.status === "partially_refunded")!;
    const g = s.ok("get_charge", { charge_id: partial.id });
    expect(g.refunds.reduce((t: number, r: Row) => t + r.amount, 0)).toBeCloseTo(partial.amount_refunded, 2);
    expect(g.refundable_amount).toBe(roundMoney(partial.amount - partial.amount_refunded));
    expect(g.refundable_until).toBe(addDays(partial.created.slice(0, 10), 180));
  });

  it("refund_charge refunds part, then the rest; rule: never more than charged less already refunded", () => {
    const s = openSession(payments, 1);
    const ch = succeededCharge(s, 200);
    const r1 = s.ok("refund_charge", { charge_id: ch.id, amount: 50 });
    expect(r1).toMatchObject({
      charge_id: ch.id,
      amount: 50,
      status: "succeeded",
      reason: "requested_by_customer",
      charge_status: "partially_refunded",
      charge_amount_refunded: 50,
      charge_refundable_amount: roundMoney(ch.amount - 50),
    });
    expect(r1.id).toMatch(/^re_\d{5}$/);
    const left = roundMoney(ch.amount - 50);
    s.fails(
      "refund_charge",
      { charge_id: ch.id, amount: roundMoney(left + 0.01) },
      "invalid_argument",
      new RegExp(
        `more than charge ${ch.id} has left: .* 50.00 USD already refunded, so at most ${left.toLocaleString("en-US", { minimumFractionDigits: 2 })} USD can be refunded`,
      ),
    );
    const r2 = s.ok("refund_charge", { charge_id: ch.id, reason: "duplicate" });
    expect(r2).toMatchObject({ amount: left, charge_status: "refunded", charge_refundable_amount: 0, reason: "duplicate" });
    expect(s.ok("get_charge", { charge_id: ch.id })).toMatchObject({ status: "refunded", amount_refunded: ch.amount, refundable_amount: 0 });
    s.fails("refund_charge", { charge_id: ch.id }, "failed_precondition", /is already fully refunded/);
    expect(s.ok("list_refunds", { charge_id: ch.id }).items.map((r: Row) => r.id)).toEqual([r2.id, r1.id]);
    const types = s.ok("list_payment_events", { limit: 4 }).items.map((e: Row) => e.type);
    expect(types).toEqual(["refund.created", "charge.refunded", "refund.created", "charge.refunded"]);
    // The accounting endpoint listens to refund.created.
    const refundEvt = s.ok("list_payment_events", { type: "refund.created", limit: 1 }).items[0];
    expect(s.ok("list_webhook_deliveries", { event_id: refundEvt.id }).items.map((d: Row) => d.endpoint_id)).toEqual(["we_1002"]);
  });

  it("rule: a failed charge cannot be refunded", () => {
    const s = openSession(payments, 1);
    const failed = s.rows("charges").find((c) => c.status === "failed")!;
    s.fails(
      "refund_charge",
      { charge_id: failed.id },
      "failed_precondition",
      new RegExp(`charge ${failed.id} failed \\(${failed.failure_code}\\), so no money was taken and there is nothing to refund`),
    );
  });

  it("rule: refunds only within 180 days of the charge", () => {
    const s = openSession(payments, 1);
    const old = s.rows("charges").find((c) => c.status === "succeeded" && addDays(c.created.slice(0, 10), 180) < today(s))!;
    s.fails(
      "refund_charge",
      { charge_id: old.id, amount: 1 },
      "failed_precondition",
      new RegExp(
        `charge ${old.id} was made on ${old.created.slice(0, 10)}, \\d+ days ago; refunds are possible only within 180 days \\(until ${addDays(old.created.slice(0, 10), 180)}\\)`,
      ),
    );
    // A charge exactly 180 days old is still refundable; one day later it is not.
    const c = goodCustomer(s);
    const fresh = s.ok("create_charge", { customer_id: c.id, amount: 30, description: "x" });
    s.advance(180 * 86_400_000);
    expect(s.ok("refund_charge", { charge_id: fresh.id, amount: 1 }).amount).toBe(1);
    s.advance(86_400_000);
    s.fails("refund_charge", { charge_id: fresh.id, amount: 1 }, "failed_precondition", /181 days ago/);
  });

  it("list_refunds lists newest first", () => {
    const s = openSession(payments, 1);
    const all = s.ok("list_refunds", { limit: 100 });
    expect(all.total).toBe(s.rows("refunds").length);
    expect(all.items[0].created >= all.items[all.total - 1].created).toBe(true);
  });
});

describe("payments: invoices", () => {
  function draftFor(s: TestSession, customerId: string, items = [{ description: "Design sprint", quantity: 2, unit_amount: 1250 }]) {
    return s.ok("create_invoice", { customer_id: customerId, items, memo: "Thanks!" });
  }

  it("create_invoice starts a draft with totals and a due date", () => {
    const s = openSession(payments, 1);
    const c = goodCustomer(s);
    const inv = draftFor(s, c.id, [
      { description: "Design sprint", quantity: 2, unit_amount: 1250 },
      { description: "Hosting", quantity: 1, unit_amount: 19.99 },
    ] as any);
    expect(inv).toMatchObject({
      customer_id: c.id,
      status: "draft",
      currency: "usd",
      collection_method: "send_invoice",
      total: 2519.99,
      amount_due: 2519.99,
      amount_paid: 0,
      due_date: addDays(today(s), 30),
      memo: "Thanks!",
    });
    expect(inv.number).toBeUndefined();
    expect(inv.lines[0]).toEqual({ description: "Design sprint", quantity: 2, unit_amount: 1250, amount: 2500 });
    expect(s.ok("list_payment_events", { object: inv.id }).items[0].type).toBe("invoice.created");
    const auto = s.ok("create_invoice", { customer_id: c.id, collection_method: "charge_automatically" });
    expect(auto.due_date).toBeUndefined();
    s.fails(
      "create_invoice",
      { customer_id: cardlessCustomer(s).id, collection_method: "charge_automatically" },
      "failed_precondition",
      /has no card, so an invoice cannot be charged automatically/,
    );
  });

  it("add_invoice_item and remove_invoice_item edit drafts and keep the total", () => {
    const s = openSession(payments, 1);
    const inv = draftFor(s, goodCustomer(s).id);
    const a = s.ok("add_invoice_item", { invoice_id: inv.id, description: "Extra revisions", quantity: 3, unit_amount: 80.5 });
    expect(a.lines).toHaveLength(2);
    expect(a.total).toBe(2741.5);
    expect(a.amount_due).toBe(2741.5);
    const r = s.ok("remove_invoice_item", { invoice_id: inv.id, line_number: 1 });
    expect(r.lines.map((l: Row) => l.description)).toEqual(["Extra revisions"]);
    expect(r.total).toBe(241.5);
    s.fails("remove_invoice_item", { invoice_id: inv.id, line_number: 2 }, "invalid_argument", /has 1 line; line_number must be 1 to 1/);
    expect(s.ok("list_payment_events", { object: inv.id, type: "invoice.updated" }).total).toBe(2);
  });

  it("finalize_invoice numbers the invoice and opens it; rule: only drafts with lines", () => {
    const s = openSession(payments, 1);
    const numbered = s.rows("invoices").filter((i) => i.number).length;
    const prefix = worldFor(1)
      .user.company.toUpperCase()
      .replace(/[^A-Z]/g, "")
      .slice(0, 4);
    const inv = draftFor(s, goodCustomer(s).id);
    s.advance(2 * 86_400_000);
    const f = s.ok("finalize_invoice", { invoice_id: inv.id });
    expect(f).toMatchObject({
      status: "open",
      number: `${prefix}-${String(numbered + 1).padStart(4, "0")}`,
      due_date: addDays(today(s), 30),
      finalized_at: expect.any(String),
    });
    s.fails("finalize_invoice", { invoice_id: inv.id }, "failed_precondition", /is open; only draft invoices can be finalized/);
    s.fails(
      "add_invoice_item",
      { invoice_id: inv.id, description: "x", unit_amount: 5 },
      "failed_precondition",
      /is open; only draft invoices can be edited. To change what is billed, void it/,
    );
    const empty = s.ok("create_invoice", { customer_id: goodCustomer(s).id });
    s.fails("finalize_invoice", { invoice_id: empty.id }, "failed_precondition", /has no line items; add at least one with add_invoice_item/);
    s.ok("add_invoice_item", { invoice_id: empty.id, description: "Sticker", unit_amount: 0.25 });
    s.fails("finalize_invoice", { invoice_id: empty.id }, "invalid_argument", /an invoice total must be at least 0.50 USD/);
    const types = s.ok("list_payment_events", { object: inv.id }).items.map((e: Row) => e.type);
    expect(types).toEqual(["invoice.finalized", "invoice.created"]);
  });

  it("pay_invoice charges the default card for the amount due and marks the invoice paid", () => {
    const s = openSession(payments, 1);
    const c = goodCustomer(s);
    const inv = s.ok("finalize_invoice", { invoice_id: draftFor(s, c.id).id });
    const paid = s.ok("pay_invoice", { invoice_id: inv.id });
    expect(paid).toMatchObject({ status: "paid", amount_paid: 2500, amount_due: 0, paid_out_of_band: false });
    expect(paid.charge).toMatchObject({
      amount: 2500,
      status: "succeeded",
      invoice_id: inv.id,
      payment_method_id: c.default_payment_method,
      description: `Payment for invoice ${inv.number}`,
    });
    expect(paid.charge_id).toBe(paid.charge.id);
    const types = s.ok("list_payment_events", { limit: 2 }).items.map((e: Row) => e.type);
    expect(types).toEqual(["invoice.paid", "charge.succeeded"]);
    s.fails(
      "pay_invoice",
      { invoice_id: inv.id },
      "failed_precondition",
      new RegExp(`invoice ${inv.id} \\(${inv.number}\\) is paid; only open or uncollectible invoices can be paid`),
    );
  });

  it("rule: drafts cannot be paid; cardless customers pay out of band; declined cards leave the invoice open", () => {
    const s = openSession(payments, 1);
    const draft = draftFor(s, goodCustomer(s).id);
    s.fails("pay_invoice", { invoice_id: draft.id }, "failed_precondition", /is a draft; finalize it with finalize_invoice before it can be paid/);
    const cardless = cardlessCustomer(s);
    const inv = s.ok("finalize_invoice", { invoice_id: draftFor(s, cardless.id).id });
    s.fails("pay_invoice", { invoice_id: inv.id }, "failed_precondition", /has no payment method and cannot be charged; .*or pass paid_out_of_band: true/);
    const oob = s.ok("pay_invoice", { invoice_id: inv.id, paid_out_of_band: true });
    expect(oob).toMatchObject({ status: "paid", paid_out_of_band: true, amount_due: 0, charge: null });
    const decliner = s.rows("payment_methods").find((p) => p.decline_code)!;
    const inv2 = s.ok("finalize_invoice", { invoice_id: draftFor(s, decliner.customer_id).id });
    const tried = s.ok("pay_invoice", { invoice_id: inv2.id });
    expect(tried).toMatchObject({ status: "open", amount_due: 2500 });
    expect(tried.charge).toMatchObject({ status: "failed", failure_code: "insufficient_funds", invoice_id: inv2.id });
    expect(s.ok("list_payment_events", { limit: 1 }).items[0].type).toBe("invoice.payment_failed");
    s.fails("pay_invoice", { invoice_id: inv2.id, paid_out_of_band: true, payment_method_id: decliner.id }, "invalid_argument", /not both/);
  });

  it("void_invoice voids open invoices; rule: paid invoices cannot be voided", () => {
    const s = openSession(payments, 1);
    const open = s.rows("invoices").find((i) => i.status === "open")!;
    const v = s.ok("void_invoice", { invoice_id: open.id });
    expect(v).toMatchObject({ status: "void", amount_due: 0 });
    s.fails("void_invoice", { invoice_id: open.id }, "failed_precondition", /is already void/);
    const paidByCard = s.rows("invoices").find((i) => i.status === "paid" && i.charge_id)!;
    s.fails(
      "void_invoice",
      { invoice_id: paidByCard.id },
      "failed_precondition",
      new RegExp(`is paid and cannot be voided; refund its charge ${paidByCard.charge_id} with refund_charge instead`),
    );
    const draft = s.rows("invoices").find((i) => i.status === "draft")!;
    s.fails("void_invoice", { invoice_id: draft.id }, "failed_precondition", /drafts are not voided but deleted with delete_draft_invoice/);
    const uncollectible = s.rows("invoices").find((i) => i.status === "uncollectible")!;
    expect(s.ok("void_invoice", { invoice_id: uncollectible.id }).status).toBe("void");
  });

  it("mark_invoice_uncollectible applies to open invoices only, which can still be paid", () => {
    const s = openSession(payments, 1);
    const open = s.rows("invoices").find((i) => i.status === "open")!;
    const u = s.ok("mark_invoice_uncollectible", { invoice_id: open.id });
    expect(u).toMatchObject({ status: "uncollectible", amount_due: open.amount_due });
    s.fails("mark_invoice_uncollectible", { invoice_id: open.id }, "failed_precondition", /is uncollectible; only open invoices can be marked uncollectible/);
    expect(s.ok("pay_invoice", { invoice_id: open.id, paid_out_of_band: true }).status).toBe("paid");
  });

  it("delete_draft_invoice deletes drafts only", () => {
    const s = openSession(payments, 1);
    const draft = s.rows("invoices").find((i) => i.status === "draft")!;
    expect(s.ok("delete_draft_invoice", { invoice_id: draft.id })).toEqual({ deleted: draft.id });
    s.fails("get_invoice", { invoice_id: draft.id }, "not_found", /list_invoices/);
    const open = s.rows("invoices").find((i) => i.status === "open")!;
    s.fails("delete_draft_invoice", { invoice_id: open.id }, "failed_precondition", /is open; only drafts can be deleted — void it with void_invoice instead/);
  });

  it("list_invoices filters by status, customer and overdue; get_invoice names the customer", () => {
    const s = openSession(payments, 1);
    const all = s.rows("invoices");
    const overdue = s.ok("list_invoices", { overdue: true, limit: 100 }).items;
    const expected = all.filter((i) => i.status === "open" && i.due_date < today(s));
    expect(overdue.map((i: Row) => i.id).sort()).toEqual(expected.map((i) => i.id).sort());
    expect(expected.length).toBeGreaterThan(0);
    for (const st of ["draft", "open", "paid", "void", "uncollectible"]) {
      expect(s.ok("list_invoices", { status: st, limit: 100 }).total).toBe(all.filter((i) => i.status === st).length);
    }
    const one = all[0]!;
    expect(s.ok("list_invoices", { customer_id: one.customer_id, limit: 100 }).items.every((i: Row) => i.customer_id === one.customer_id)).toBe(true);
    const g = s.ok("get_invoice", { invoice_id: one.id });
    expect(g.customer_name).toBe(s.rows("customers").find((c) => c.id === one.customer_id)!.name);
    expect(g.total).toBeCloseTo(
      g.lines.reduce((t: number, l: Row) => t + l.amount, 0),
      2,
    );
  });
});

describe("payments: webhooks and events", () => {
  it("list_webhook_endpoints masks secrets; create_webhook_endpoint shows it once and receives later events", () => {
    const s = openSession(payments, 1);
    const list = s.ok("list_webhook_endpoints", {}).items;
    expect(list).toHaveLength(3);
    expect(list.every((w: Row) => /^whsec_…[0-9a-f]{4}$/.test(w.secret))).toBe(true);
    const w = s.ok("create_webhook_endpoint", { url: "https://ops.example.com/hooks/payments", enabled_events: ["*"], description: "Ops" });
    expect(w).toMatchObject({ id: "we_1004", status: "enabled", enabled_events: ["*"] });
    expect(w.secret).toMatch(/^whsec_[0-9a-f]{32}$/);
    const c = s.ok("create_customer", { name: "Dev Test", email: "dev@example.com" });
    const e = s.ok("list_payment_events", { object: c.id }).items[0];
    expect(
      s
        .ok("list_webhook_deliveries", { event_id: e.id })
        .items.map((d: Row) => d.endpoint_id)
        .sort(),
    ).toEqual(["we_1001", "we_1004"]);
  });

  it("rule: webhook URLs must be https, public and unique; events must be known; at most 16 endpoints", () => {
    const s = openSession(payments, 1);
    s.fails(
      "create_webhook_endpoint",
      { url: "http://api.example.com/hook", enabled_events: ["*"] },
      "invalid_argument",
      /webhook URLs must use https \(got http\); e.g. https:\/\/api.example.com\/hook/,
    );
    s.fails("create_webhook_endpoint", { url: "https://localhost:3000/hook", enabled_events: ["*"] }, "invalid_argument", /not publicly reachable/);
    s.fails("create_webhook_endpoint", { url: "not a url", enabled_events: ["*"] }, "invalid_argument", /is not a valid URL/);
    s.fails(
      "create_webhook_endpoint",
      { url: "https://api.example.com/hook", enabled_events: ["charge.paid"] },
      "invalid_argument",
      /unknown event type "charge.paid"; valid types are "\*" \(all\) or customer.created/,
    );
    const existing = s.ok("list_webhook_endpoints", {}).items[0];
    s.fails("create_webhook_endpoint", { url: existing.url, enabled_events: ["*"] }, "already_exists", new RegExp(`already exists \\(${existing.id}\\)`));
    for (let k = 4; k <= 16; k++) s.ok("create_webhook_endpoint", { url: `https://h${k}.example.com/x`, enabled_events: ["invoice.paid"] });
    s.fails("create_webhook_endpoint", { url: "https://h17.example.com/x", enabled_events: ["*"] }, "limit_exceeded", /already has 16 webhook endpoints/);
  });

  it("update_webhook_endpoint disables, re-targets and re-enables; disabled endpoints receive nothing", () => {
    const s = openSession(payments, 1);
    const off = s.ok("update_webhook_endpoint", { webhook_endpoint_id: "we_1001", status: "disabled" });
    expect(off.status).toBe("disabled");
    const c = s.ok("create_customer", { name: "Quiet", email: "quiet@example.com" });
    const e = s.ok("list_payment_events", { object: c.id }).items[0];
    expect(s.ok("list_webhook_deliveries", { event_id: e.id }).total).toBe(0);
    const moved = s.ok("update_webhook_endpoint", {
      webhook_endpoint_id: "we_1001",
      status: "enabled",
      url: "https://api2.example.com/stripe",
      enabled_events: ["customer.updated", "customer.updated"],
    });
    expect(moved).toMatchObject({ status: "enabled", url: "https://api2.example.com/stripe", enabled_events: ["customer.updated"] });
    s.fails("update_webhook_endpoint", { webhook_endpoint_id: "we_1001" }, "invalid_argument", /nothing to change/);
    s.fails("update_webhook_endpoint", { webhook_endpoint_id: "we_1001", url: "http://api2.example.com/stripe" }, "invalid_argument", /must use https/);
    s.fails("update_webhook_endpoint", { webhook_endpoint_id: "we_1001", enabled_events: ["bogus"] }, "invalid_argument", /unknown event type "bogus"/);
  });

  it("delete_webhook_endpoint stops deliveries and keeps the log", () => {
    const s = openSession(payments, 1);
    const before = s.ok("list_webhook_deliveries", { webhook_endpoint_id: "we_1001", limit: 100 }).total;
    expect(s.ok("delete_webhook_endpoint", { webhook_endpoint_id: "we_1001" })).toMatchObject({ deleted: "we_1001" });
    const c = goodCustomer(s);
    s.ok("create_charge", { customer_id: c.id, amount: 10, description: "x" });
    expect(s.ok("list_webhook_deliveries", { webhook_endpoint_id: "we_1001", limit: 100 }).total).toBe(before);
    s.fails("delete_webhook_endpoint", { webhook_endpoint_id: "we_1001" }, "not_found", /list_webhook_endpoints/);
  });

  it("list_payment_events covers only the last 30 days and filters by type and object", () => {
    const s = openSession(payments, 1);
    const all = s.ok("list_payment_events", { limit: 100 });
    expect(all.total).toBeGreaterThan(20);
    expect(all.items.every((e: Row) => e.created.slice(0, 10) >= addDays(today(s), -30))).toBe(true);
    const paid = s.ok("list_payment_events", { type: "invoice.paid", limit: 100 }).items;
    expect(paid.every((e: Row) => e.type === "invoice.paid" && e.object_type === "invoice")).toBe(true);
    const e = all.items[3];
    expect(s.ok("list_payment_events", { object: e.object_id, limit: 100 }).items.every((x: Row) => x.object_id === e.object_id)).toBe(true);
  });

  it("list_webhook_deliveries and retry_webhook_delivery: failed deliveries succeed on retry; rules on what can be retried", () => {
    const s = openSession(payments, 1);
    const failed = s.ok("list_webhook_deliveries", { status: "failed", limit: 100 }).items;
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((d: Row) => d.response_status >= 500 && d.attempts === 3 && d.endpoint_id === "we_1001")).toBe(true);
    const d = failed[0];
    const at = s.now();
    const r = s.ok("retry_webhook_delivery", { delivery_id: d.id });
    expect(r).toMatchObject({ id: d.id, status: "succeeded", response_status: 200, attempts: 4, last_attempt_at: at });
    s.fails("retry_webhook_delivery", { delivery_id: d.id }, "failed_precondition", /already succeeded \(HTTP 200\); only failed deliveries can be retried/);
    expect(failed.length).toBeGreaterThan(1);
    s.ok("update_webhook_endpoint", { webhook_endpoint_id: "we_1001", status: "disabled" });
    s.fails(
      "retry_webhook_delivery",
      { delivery_id: failed[1].id },
      "failed_precondition",
      /is disabled; enable it with update_webhook_endpoint before retrying/,
    );
    s.ok("delete_webhook_endpoint", { webhook_endpoint_id: "we_1001" });
    s.fails("retry_webhook_delivery", { delivery_id: failed[1].id }, "failed_precondition", /endpoint we_1001 was deleted/);
    const toAccounting = s.ok("list_webhook_deliveries", { webhook_endpoint_id: "we_1002", limit: 100 }).items;
    expect(toAccounting.every((x: Row) => x.endpoint_id === "we_1002")).toBe(true);
  });
});

describe("payments: a multi-step scenario", () => {
  it("onboard a customer, save a card, invoice, collect, refund part and trace the events", () => {
    const s = openSession(payments, 4);
    const customer = s.ok("create_customer", { name: "Rosa Delgado", email: "rosa@delgado.studio", kind: "company" });
    const card = s.ok("attach_payment_method", { customer_id: customer.id, card_number: MASTERCARD, exp_month: 9, exp_year: 2030, cvc: "737" });
    expect(card.is_default).toBe(true);
    const draft = s.ok("create_invoice", { customer_id: customer.id, items: [{ description: "Brand workshop", unit_amount: 1800 }] });
    const withExtra = s.ok("add_invoice_item", { invoice_id: draft.id, description: "Travel", quantity: 1, unit_amount: 240.35 });
    expect(withExtra.total).toBe(2040.35);
    const open = s.ok("finalize_invoice", { invoice_id: withExtra.id });
    const paid = s.ok("pay_invoice", { invoice_id: open.id, payment_method_id: card.id });
    expect(paid.charge).toMatchObject({ amount: 2040.35, payment_method_id: card.id, fee: roundMoney(2040.35 * 0.029 + 0.3) });
    const refund = s.ok("refund_charge", { charge_id: paid.charge_id, amount: 240.35 });
    expect(refund).toMatchObject({ charge_status: "partially_refunded", charge_refundable_amount: 1800 });
    const customerView = s.ok("get_customer", { customer_id: customer.id });
    expect(customerView).toMatchObject({ charges_count: 1, total_spent: 1800, balance_due: 0, unpaid_invoices: [] });
    const trail = s.ok("list_payment_events", { object: open.id, limit: 10 }).items.map((e: Row) => e.type);
    expect(trail).toEqual(["invoice.paid", "invoice.finalized", "invoice.updated", "invoice.created"]);
    expect(s.ok("get_invoice", { invoice_id: open.id })).toMatchObject({ status: "paid", charge_id: paid.charge_id });
  });
});
