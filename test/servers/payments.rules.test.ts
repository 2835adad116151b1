/**
 * The payments domain's rules at their boundaries, with the expected values written out: card
 * brands by prefix, the Luhn checksum, expiry through the end of the month, a card's funding,
 * the balance's pending window (2 days) and 30-day volume, and what a webhook URL may be.
 */
import { describe, expect, it } from "vitest";
import type { World } from "../../ts/servers/framework/index.ts";
import { brandOf, DECLINING_TEST_CARDS, FAILURE_MESSAGES, fingerprintOf, luhnValid, normalizeNumber } from "../../ts/servers/payments/cards.ts";
import payments from "../../ts/servers/payments/index.ts";
import { businessOf, cardExpired, invoicePrefix } from "../../ts/servers/payments/state.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

describe("payments rules: card brands by prefix and length", () => {
  it("Visa starts with 4 and has 13, 16 or 19 digits, nothing else", () => {
    expect(brandOf("4222222222222")).toBe("visa");
    expect(brandOf("4242424242424242")).toBe("visa");
    expect(brandOf("4242424242424242000")).toBe("visa");
    expect(brandOf("42424242424242")).toBeUndefined();
    expect(brandOf("42424242424242421")).toBeUndefined();
    expect(brandOf("42424242424242420000")).toBeUndefined();
    expect(brandOf("04242424242424242")).toBeUndefined();
  });

  it("Mastercard is 16 digits from 51-55 or 2221-2720, nothing either side of that range", () => {
    for (const n of [
      "5555555555554444",
      "5105105105105100",
      "2221000000000000",
      "2229000000000000",
      "2230000000000000",
      "2300000000000000",
      "2699000000000000",
      "2710000000000000",
      "2720000000000000",
    ])
      expect(brandOf(n), n).toBe("mastercard");
    for (const n of [
      "2220000000000000",
      "2210000000000000",
      "2721000000000000",
      "2750000000000000",
      "2800000000000000",
      "2000000000000000",
      "5600000000000000",
    ])
      expect(brandOf(n), n).toBeUndefined();
    expect(brandOf("55555555555544441")).toBeUndefined();
    expect(brandOf("555555555555444")).toBeUndefined();
    expect(brandOf("05555555555554444")).toBeUndefined();
  });

  it("American Express is 15 digits from 34 or 37", () => {
    expect(brandOf("378282246310005")).toBe("amex");
    expect(brandOf("340000000000009")).toBe("amex");
    expect(brandOf("3782822463100051")).toBeUndefined();
    expect(brandOf("350000000000000")).toBeUndefined();
    expect(brandOf("0378282246310005")).toBeUndefined();
  });

  it("Discover is 16 digits from 6011, 644-649 or 65", () => {
    for (const n of ["6011111111111117", "6500000000000000", "6599000000000000", "6440000000000000", "6490000000000000"])
      expect(brandOf(n), n).toBe("discover");
    for (const n of ["6430000000000000", "6012000000000000", "60111111111111170", "601111111111111", "06011111111111117"])
      expect(brandOf(n), n).toBeUndefined();
  });

  it("spaces and dashes are dropped from a typed card number", () => {
    expect(normalizeNumber("4242 4242-4242 4242")).toBe("4242424242424242");
  });
});

describe("payments rules: the Luhn checksum", () => {
  it("valid test numbers pass, one digit off fails, and an empty number is never valid", () => {
    expect(luhnValid("4242424242424242")).toBe(true);
    expect(luhnValid("378282246310005")).toBe(true);
    expect(luhnValid("6011111111111117")).toBe(true);
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("4242424242424241")).toBe(false);
    expect(luhnValid("79927398710")).toBe(false);
    expect(luhnValid("")).toBe(false);
    expect(luhnValid("0")).toBe(true);
  });
});

describe("payments rules: fingerprints and test cards", () => {
  it("a fingerprint is 16 hex digits, the same for the same number and different for another (known answers)", () => {
    expect(fingerprintOf("4111111111111111")).toBe("2a3c99304d9bf956");
    expect(fingerprintOf("5555555555554444")).toBe("4c836c1962185def");
    expect(fingerprintOf("378282246310005")).toBe("3319c2da0d59f5ea");
    expect(fingerprintOf("6011111111111117")).toBe("0989e6bf3d1ed38b");
    expect(fingerprintOf("")).toBe("811c9dc501000193");
  });

  it("Stripe's declining test cards and the failure messages a model reads", () => {
    expect(DECLINING_TEST_CARDS["4000000000000002"]).toBe("card_declined");
    expect(DECLINING_TEST_CARDS["4000000000009995"]).toBe("insufficient_funds");
    expect(FAILURE_MESSAGES.card_declined).toBe("Your card was declined.");
    expect(FAILURE_MESSAGES.insufficient_funds).toBe("Your card has insufficient funds.");
    expect(FAILURE_MESSAGES.expired_card).toBe("Your card has expired.");
  });
});

describe("payments rules: expiry and the business", () => {
  it("a card is valid through the last day of its expiry month and expired from the 1st of the next", () => {
    expect(cardExpired({ exp_month: 3, exp_year: 2026 }, "2026-03-31")).toBe(false);
    expect(cardExpired({ exp_month: 3, exp_year: 2026 }, "2026-03-01")).toBe(false);
    expect(cardExpired({ exp_month: 3, exp_year: 2026 }, "2026-04-01")).toBe(true);
    expect(cardExpired({ exp_month: 12, exp_year: 2025 }, "2026-01-01")).toBe(true);
    expect(cardExpired({ exp_month: 1, exp_year: 2027 }, "2026-12-31")).toBe(false);
  });

  it("the business is the user's company (else the first company); invoice numbers start with its first four letters", () => {
    const world = {
      user: { company: "Bo & Ka Trading" },
      companies: [{ name: "Zenith Corp" }, { name: "Bo & Ka Trading" }],
    } as unknown as World;
    expect(businessOf(world).name).toBe("Bo & Ka Trading");
    expect(invoicePrefix(world)).toBe("BOKA");
    const stranger = { user: { company: "Nowhere Inc" }, companies: [{ name: "Zenith Corp" }, { name: "Bo & Ka Trading" }] } as unknown as World;
    expect(businessOf(stranger).name).toBe("Zenith Corp");
    expect(invoicePrefix(stranger)).toBe("ZENI");
  });
});

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

describe("payments rules: the balance", () => {
  it("charges of the last 2 days are pending, older ones available; volume covers 30 days; failed charges and refunds count as stated", () => {
    const s = openSession(payments, 1);
    const today = s.now().slice(0, 10);
    s.edit(payments, (db) => {
      for (const r of db.refunds.all()) db.refunds.delete(r.id);
      for (const c of db.charges.all()) db.charges.delete(c.id);
      const base = { customer_id: "cus_00001", payment_method_id: "pm_00001", description: "t", amount_refunded: 0 };
      const put = (daysAgo: number, amount: number, net: number, currency = "usd", status = "succeeded") =>
        db.charges.create({
          ...base,
          amount,
          net,
          fee: status === "failed" ? 0 : roundTo(amount - net),
          currency,
          status,
          created: `${addDays(today, -daysAgo)}T12:00:00Z`,
        });
      put(1, 10, 9.41);
      put(2, 20, 19.12);
      put(30, 40, 38.54);
      const old = put(31, 80, 77.38);
      put(0, 1000, 0, "usd", "failed");
      put(5, 50, 48.25, "eur");
      put(0, 1, 0.1, "cad");
      put(1, 1, 0.2, "cad");
      db.refunds.create({ charge_id: old.id, amount: 5, currency: "usd", reason: "requested_by_customer", status: "succeeded", created: `${today}T08:00:00Z` });
    });
    const b = s.ok("get_payment_balance");
    expect(b.balances).toEqual([
      { currency: "cad", available: 0, pending: 0.3, gross_volume_30d: 2 },
      { currency: "eur", available: 48.25, pending: 0, gross_volume_30d: 50 },
      { currency: "usd", available: 130.04, pending: 9.41, gross_volume_30d: 70 },
    ]);
  });
});

function roundTo(x: number): number {
  return Math.round(x * 100) / 100;
}

function newCustomer(s: TestSession, tag: string): string {
  return s.ok("create_customer", { name: `Rule Tester ${tag}`, email: `rule.tester.${tag}@example.org` }).id;
}

describe("payments rules: attaching cards", () => {
  it("Visa and Mastercard cards are debit or credit by issuer; American Express and Discover are always credit", () => {
    const s = openSession(payments, 1);
    const cus = newCustomer(s, "funding");
    const attach = (card_number: string, cvc = "123") => s.ok("attach_payment_method", { customer_id: cus, card_number, exp_month: 12, exp_year: 2030, cvc });
    expect(attach("4111111111111111").funding).toBe("debit");
    expect(attach("4000056655665556").funding).toBe("credit");
    expect(attach("5555555555554444").funding).toBe("debit");
    expect(attach("2223003122003222").funding).toBe("credit");
    expect(attach("378282246310005", "1234").funding).toBe("credit");
    expect(attach("6011111111111117").funding).toBe("credit");
  });

  it("a card number must be 13 to 19 digits once spaces and dashes are dropped", () => {
    const s = openSession(payments, 1);
    const cus = newCustomer(s, "digits");
    const args = { customer_id: cus, exp_month: 12, exp_year: 2030, cvc: "123" };
    s.fails(
      "attach_payment_method",
      { ...args, card_number: "4242-4242-4242-4242-4242-4" },
      "invalid_arguments",
      /card_number: a card number has 13 to 19 digits \(spaces or dashes allowed\)$/,
    );
    s.fails("attach_payment_method", { ...args, card_number: "42 42 42 42 42 42" }, "invalid_argument", /^a card number has 13 to 19 digits$/);
    s.fails("attach_payment_method", { ...args, card_number: "4242424242424241" }, "invalid_argument", /fails the checksum/);
    s.fails(
      "attach_payment_method",
      { ...args, card_number: "4242424242424242", cvc: "12345" },
      "invalid_arguments",
      /cvc: the CVC has 3 digits \(4 on American Express\)/,
    );
    s.fails("attach_payment_method", { ...args, card_number: "378282246310005", cvc: "123" }, "invalid_argument", /^a amex card has a 4-digit CVC$/);
    s.fails("attach_payment_method", { ...args, card_number: "4242424242424242", cvc: "1234" }, "invalid_argument", /^a visa card has a 3-digit CVC$/);
    s.fails(
      "attach_payment_method",
      { ...args, card_number: "4242424242424242", exp_month: 1, exp_year: 2020 },
      "invalid_argument",
      /the card expired 01\/2020/,
    );
    s.ok("attach_payment_method", { ...args, card_number: "4242 4242 4242 4242" });
    s.fails("attach_payment_method", { ...args, card_number: "4242424242424242" }, "already_exists", /Rule Tester digits as pm_\d+ \(visa ending in 4242\)/);
  });
});

describe("payments rules: webhook URLs and event types", () => {
  const s = openSession(payments, 1);
  const make = (url: string, enabled_events: string[] = ["*"]) => s.call("create_webhook_endpoint", { url, enabled_events });
  const refused = (url: string) => {
    const r = make(url);
    expect(r.outcome, url).not.toBe("ok");
    return r.error?.message ?? "";
  };

  it("a host must be a public domain name: no bare names, localhost, .local names or IPv4 addresses", () => {
    expect(refused("https://intranet/hook")).toBe('webhook URL host "intranet" is not publicly reachable; use a public domain name such as api.example.com');
    expect(refused("https://localhost/hook")).toMatch(/host "localhost" is not publicly reachable/);
    expect(refused("https://shop.local/hook")).toMatch(/host "shop.local" is not publicly reachable/);
    expect(refused("https://Shop.LOCAL/hook")).toMatch(/host "shop.local"/);
    expect(refused("https://10.20.30.40/hook")).toMatch(/host "10.20.30.40" is not publicly reachable/);
    expect(refused("https://127.0.0.1/hook")).toMatch(/not publicly reachable/);
    expect(refused("https://[::1]/hook")).toMatch(/not publicly reachable/);
    expect(make("https://10.20.30.40.example.com/hook").outcome).toBe("ok");
    expect(make("https://hooks.local.example.com/in").outcome).toBe("ok");
  });

  it("only https, and a URL that does not parse is quoted back cut to 100 characters", () => {
    expect(refused("http://api.example.com/hook")).toBe("webhook URLs must use https (got http); e.g. https://api.example.com/hook");
    const junk = `x${"y".repeat(150)}`;
    expect(refused(junk)).toBe(`"${junk.slice(0, 100)}" is not a valid URL; give a full https URL such as https://example.com/webhooks/stripe`);
  });

  it("unknown event types are named, one or several, each cut to 60 characters", () => {
    const one = make("https://api.example.com/a", ["charge.succeeded", "charge.exploded"]);
    expect(one.error?.message).toMatch(/^unknown event type "charge\.exploded"; valid types are "\*" \(all\) or customer\.created, customer\.updated, /);
    const two = make("https://api.example.com/b", ["foo.bar", "baz"]);
    expect(two.error?.message).toMatch(/^unknown event types "foo\.bar", "baz"; valid types/);
    const long = "e".repeat(64);
    const cut = make("https://api.example.com/c", [long]);
    expect(cut.error?.message).toMatch(new RegExp(`^unknown event type "${"e".repeat(60)}"; valid`));
  });

  it("the same event listed twice is kept once", () => {
    const r = s.ok("create_webhook_endpoint", { url: "https://api.example.com/twice", enabled_events: ["invoice.paid", "invoice.paid", "charge.failed"] });
    expect(r.enabled_events).toEqual(["invoice.paid", "charge.failed"]);
  });
});

describe("payments rules: invoices", () => {
  const line = (n: number) => ({ description: `Item ${n}`, quantity: 1, unit_amount: 10 });

  it("a draft holds at most 50 line items: the 50th is added, the 51st is refused", () => {
    const s = openSession(payments, 1);
    const cus = newCustomer(s, "lines");
    const inv = s.ok("create_invoice", { customer_id: cus, currency: "usd", items: Array.from({ length: 49 }, (_, i) => line(i + 1)) });
    expect(s.ok("add_invoice_item", { invoice_id: inv.id, ...line(50) }).total).toBe(500);
    s.fails(
      "add_invoice_item",
      { invoice_id: inv.id, ...line(51) },
      "limit_exceeded",
      new RegExp(`^invoice ${inv.id} already has 50 line items, the most an invoice holds$`),
    );
  });

  it("remove_invoice_item takes a line number from 1 to the number of lines", () => {
    const s = openSession(payments, 1);
    const cus = newCustomer(s, "remove");
    const inv = s.ok("create_invoice", { customer_id: cus, currency: "usd", items: [line(1), line(2)] });
    s.fails(
      "remove_invoice_item",
      { invoice_id: inv.id, line_number: 3 },
      "invalid_argument",
      new RegExp(`^invoice ${inv.id} has 2 lines; line_number must be 1 to 2$`),
    );
    const after = s.ok("remove_invoice_item", { invoice_id: inv.id, line_number: 2 });
    expect(after.lines.map((l: { description: string }) => l.description)).toEqual(["Item 1"]);
    expect(after.total).toBe(10);
    s.fails(
      "remove_invoice_item",
      { invoice_id: inv.id, line_number: 2 },
      "invalid_argument",
      new RegExp(`^invoice ${inv.id} has 1 line; line_number must be 1 to 1$`),
    );
    s.ok("remove_invoice_item", { invoice_id: inv.id, line_number: 1 });
    s.fails("remove_invoice_item", { invoice_id: inv.id, line_number: 1 }, "invalid_argument", new RegExp(`^invoice ${inv.id} has no lines to remove$`));
  });

  it("a customer with a draft invoice cannot be deleted; the refusal names the invoice, its status and amount due", () => {
    const s = openSession(payments, 1);
    const cus = newCustomer(s, "blocked");
    const inv = s.ok("create_invoice", { customer_id: cus, currency: "usd", items: [line(1)] });
    s.fails("delete_customer", { customer_id: cus }, "failed_precondition", new RegExp(`not settled: ${inv.id} \\(draft, \\$?10\\.00 USD\\)`));
    s.ok("delete_draft_invoice", { invoice_id: inv.id });
    expect(s.ok("delete_customer", { customer_id: cus })).toBeDefined();
  });

  it("an uncollectible invoice also blocks deleting its customer; a void one does not", () => {
    const s = openSession(payments, 1);
    const cus = newCustomer(s, "uncollectible");
    const inv = s.ok("create_invoice", { customer_id: cus, currency: "eur", items: [line(1), line(2)] });
    s.ok("finalize_invoice", { invoice_id: inv.id });
    s.ok("mark_invoice_uncollectible", { invoice_id: inv.id });
    s.fails("delete_customer", { customer_id: cus }, "failed_precondition", new RegExp(`${inv.id} \\(uncollectible, \\D?20\\.00 EUR\\)`));
    s.ok("void_invoice", { invoice_id: inv.id });
    expect(s.ok("delete_customer", { customer_id: cus })).toBeDefined();
  });

  it("the event log is newest first, and events of the same minute by id, newest first", () => {
    const s = openSession(payments, 1);
    const cus = newCustomer(s, "events");
    s.ok("update_customer", { customer_id: cus, description: "first change" });
    s.ok("update_customer", { customer_id: cus, description: "second change" });
    const events = s.ok("list_payment_events", { object: cus }).items as { id: string; type: string; created: string }[];
    expect(events.map((e) => e.type)).toEqual(["customer.updated", "customer.updated", "customer.created"]);
    const ids = events.map((e) => e.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    s.edit(payments, (db) => {
      for (const e of db.payment_events.all()) if (e.object_id === cus) db.payment_events.update(e.id, { created: "2026-01-01T00:00:00Z" });
    });
    const same = s.ok("list_payment_events", { object: cus }).items as { id: string }[];
    expect(same.map((e) => e.id)).toEqual(ids);
  });
});

describe("payments rules: updating customers and endpoints", () => {
  it("update_customer changes exactly the fields given; an email may be kept but not taken from another customer", () => {
    const s = openSession(payments, 1);
    const a = newCustomer(s, "alpha");
    const b = newCustomer(s, "beta");
    expect(s.ok("update_customer", { customer_id: a, name: "Alpha Renamed" }).name).toBe("Alpha Renamed");
    const phoned = s.ok("update_customer", { customer_id: a, phone: "+1-415-555-0134" });
    expect([phoned.name, phoned.phone, phoned.description]).toEqual(["Alpha Renamed", "+1-415-555-0134", ""]);
    expect(s.ok("update_customer", { customer_id: a, description: "VIP" }).description).toBe("VIP");
    expect(s.ok("update_customer", { customer_id: a, email: "rule.tester.alpha@example.org" }).email).toBe("rule.tester.alpha@example.org");
    expect(s.ok("update_customer", { customer_id: a, email: "alpha.new@example.org" }).email).toBe("alpha.new@example.org");
    s.fails(
      "update_customer",
      { customer_id: a, email: "rule.tester.beta@example.org" },
      "already_exists",
      new RegExp(`^email rule.tester.beta@example.org is already used by customer ${b} \\(Rule Tester beta\\)$`),
    );
    s.fails(
      "update_customer",
      { customer_id: a },
      "invalid_argument",
      /^nothing to change: give at least one of name, email, phone, description, default_payment_method_id$/,
    );
  });

  it("update_webhook_endpoint may keep its own URL, takes a free one, and refuses another endpoint's", () => {
    const s = openSession(payments, 1);
    const one = s.ok("create_webhook_endpoint", { url: "https://one.example.com/hook", enabled_events: ["*"] });
    const two = s.ok("create_webhook_endpoint", { url: "https://two.example.com/hook", enabled_events: ["*"] });
    expect(s.ok("update_webhook_endpoint", { webhook_endpoint_id: one.id, url: "https://one.example.com/hook" }).url).toBe("https://one.example.com/hook");
    expect(s.ok("update_webhook_endpoint", { webhook_endpoint_id: one.id, url: "https://three.example.com/hook" }).url).toBe("https://three.example.com/hook");
    s.fails(
      "update_webhook_endpoint",
      { webhook_endpoint_id: one.id, url: "https://two.example.com/hook" },
      "already_exists",
      new RegExp(`^another endpoint \\(${two.id}\\) already uses https://two.example.com/hook$`),
    );
    s.fails(
      "update_webhook_endpoint",
      { webhook_endpoint_id: one.id },
      "invalid_argument",
      /^nothing to change: give url, enabled_events, status or description$/,
    );
    const off = s.ok("update_webhook_endpoint", { webhook_endpoint_id: two.id, status: "disabled" });
    expect([off.status, off.url, off.secret]).toEqual(["disabled", "https://two.example.com/hook", `whsec_…${two.secret.slice(-4)}`]);
  });
});

describe("payments rules: listing charges and invoices", () => {
  it("min_amount includes a charge of exactly that amount; created_to includes the whole last day; a failed charge has nothing refundable", () => {
    const s = openSession(payments, 1);
    let ok = "";
    let failed = "";
    s.edit(payments, (db) => {
      for (const r of db.refunds.all()) db.refunds.delete(r.id);
      for (const c of db.charges.all()) db.charges.delete(c.id);
      const base = { customer_id: "cus_00001", payment_method_id: "pm_00001", description: "t", amount_refunded: 0, currency: "usd" };
      ok = db.charges.create({ ...base, amount: 25, fee: 1.03, net: 23.97, status: "succeeded", created: "2026-02-10T23:30:00Z" }).id;
      failed = db.charges.create({ ...base, amount: 24.99, fee: 0, net: 0, status: "failed", created: "2026-02-11T00:30:00Z" }).id;
    });
    const ids = (args: Record<string, unknown>) => (s.ok("list_charges", args).items as { id: string }[]).map((c) => c.id);
    expect(ids({ min_amount: 25 })).toEqual([ok]);
    expect(ids({ min_amount: 24.99 })).toEqual([failed, ok]);
    expect(ids({ created_to: "2026-02-10" })).toEqual([ok]);
    expect(ids({ created_from: "2026-02-11" })).toEqual([failed]);
    expect(s.ok("get_charge", { charge_id: failed }).refundable_amount).toBe(0);
    const good = s.ok("get_charge", { charge_id: ok });
    expect([good.refundable_amount, good.refundable_until]).toEqual([25, "2026-08-09"]);
  });

  it("an open invoice is overdue from the day after its due date, not on it", () => {
    const s = openSession(payments, 1);
    const cus = newCustomer(s, "overdue");
    const inv = s.ok("create_invoice", { customer_id: cus, currency: "usd", items: [{ description: "Work", quantity: 2, unit_amount: 10 }] });
    const today = s.now().slice(0, 10);
    s.ok("finalize_invoice", { invoice_id: inv.id });
    const overdue = () => (s.ok("list_invoices", { customer_id: cus, overdue: true }).items as { id: string }[]).map((i) => i.id);
    const notOverdue = () => (s.ok("list_invoices", { customer_id: cus, overdue: false }).items as { id: string }[]).map((i) => i.id);
    s.edit(payments, (db) => db.invoices.update(inv.id, { due_date: today }));
    expect([overdue(), notOverdue()]).toEqual([[], [inv.id]]);
    s.edit(payments, (db) => db.invoices.update(inv.id, { due_date: addDays(today, -1) }));
    expect([overdue(), notOverdue()]).toEqual([[inv.id], []]);
  });
});
