/**
 * The user's account: saved shipping addresses, payment methods on file, and the shipping
 * options (cost and delivery date) for the current cart to an address.
 *
 * Rules: at most 10 addresses, no duplicates, US addresses need a two-letter state and a ZIP
 * code; exactly one default address, which cannot be deleted; domestic methods ship to the US
 * only and the international one everywhere else; standard shipping is free from 75.00.
 */
import { check, fail, page, phone, ref, z } from "../../framework/index.ts";
import { SHIP_COUNTRIES, read, schedule, shippingCost, write, type Address, type ShippingMethod } from "../state.ts";
import { cartTotals, type Shop } from "./shared.ts";

export const MAX_ADDRESSES = 10;

export function defaultAddress(db: Shop): Address {
  const a = db.addresses.find((x) => x.is_default) ?? db.addresses.all()[0];
  if (!a) fail("you have no saved address; add_shipping_address first");
  return a;
}

export function methodShipsTo(m: ShippingMethod, country: string): boolean {
  return m.scope === "domestic" ? country === "US" : country !== "US";
}

export function paymentProblem(db: Shop, pmId: string, today: string): string | undefined {
  const pm = db.payment_methods.need(pmId);
  if (pm.type === "card" && pm.expires && pm.expires < today.slice(0, 7)) {
    const valid = db.payment_methods.filter((p) => !(p.type === "card" && p.expires && p.expires < today.slice(0, 7)) && p.id !== pm.id).map((p) => p.id);
    return `the ${pm.brand} card ending in ${pm.last4} (${pm.id}) expired in ${pm.expires}; pay with ${valid.join(" or ")} instead`;
  }
  return undefined;
}

export const accountTools = {
  list_shipping_addresses: read({
    description: "The user's saved shipping addresses (the default one is marked). Address ids are what checkout and get_shipping_options take.",
    input: z.object({ ...page }).strict(),
    discovers: "address",
    run: (db, a) => db.addresses.page(a, { sort: (x, y) => Number(y.is_default) - Number(x.is_default) }),
  }),

  add_shipping_address: write({
    description:
      "Save a new shipping address (at most 10). US addresses need a two-letter state code and a 5-digit ZIP. Returns the saved address with its id.",
    input: z
      .object({
        label: z.string().trim().min(1).max(40).default("Other").describe("A name for it, e.g. 'Home', 'Office', 'Mom'"),
        recipient: z.string().trim().min(2).max(100).optional().describe("Who receives parcels there; default the user"),
        street: z.string().trim().min(3).max(120).describe("Street and number, e.g. '742 Evergreen Terrace'"),
        line2: z.string().trim().max(120).optional().describe("Apartment, suite, floor…"),
        city: z.string().trim().min(2).max(80).describe("City, e.g. Portland"),
        region: z.string().trim().min(2).max(60).describe("State, province or region; for the US the two-letter code, e.g. 'CA'"),
        postal_code: z.string().trim().min(3).max(12).describe("ZIP or postal code"),
        country: z.enum(SHIP_COUNTRIES).default("US").describe("Two-letter country code (the store ships to these countries only)"),
        phone: phone("Phone for the carrier").optional(),
        make_default: z.boolean().default(false).describe("true: use it as the default address from now on"),
      })
      .strict(),
    produces: "address",
    run: (db, a, env) => {
      if (a.country === "US") {
        check(/^[A-Za-z]{2}$/.test(a.region), `region "${a.region}" is not a US state code; use the two-letter code, e.g. CA, NY or TX`, "invalid_argument");
        check(
          /^\d{5}(-\d{4})?$/.test(a.postal_code),
          `postal code "${a.postal_code}" is not a US ZIP code; use 5 digits (or ZIP+4, e.g. 94103-1234)`,
          "invalid_argument",
        );
      }
      const all = db.addresses.all();
      check(
        all.length < MAX_ADDRESSES,
        `you already have ${all.length} saved addresses, the most allowed; delete_shipping_address one first`,
        "limit_exceeded",
      );
      const recipient = a.recipient ?? env.world.user.full_name;
      const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
      const dup = all.find(
        (x) =>
          norm(x.street) === norm(a.street) &&
          norm(x.postal_code) === norm(a.postal_code) &&
          norm(x.recipient) === norm(recipient) &&
          (x.line2 ?? "") === (a.line2 ?? ""),
      );
      check(!dup, () => `this address is already saved as ${dup?.id} (${dup?.label})`, "already_exists");
      const makeDefault = a.make_default || all.length === 0;
      if (makeDefault) for (const x of all.filter((x) => x.is_default)) db.addresses.update(x.id, { is_default: false });
      return db.addresses.create({
        label: a.label,
        recipient,
        street: a.street,
        ...(a.line2 ? { line2: a.line2 } : {}),
        city: a.city,
        region: a.country === "US" ? a.region.toUpperCase() : a.region,
        postal_code: a.postal_code,
        country: a.country,
        ...(a.phone ? { phone: a.phone } : {}),
        is_default: makeDefault,
        created_at: env.now,
      });
    },
  }),

  set_default_shipping_address: write({
    description: "Make a saved address the default for checkout. Returns the address.",
    input: z.object({ address_id: ref("address", "The address to make the default") }).strict(),
    run: (db, a) => {
      const addr = db.addresses.need(a.address_id);
      check(!addr.is_default, `${addr.id} (${addr.label}) is already the default address`, "already_exists");
      for (const x of db.addresses.filter((x) => x.is_default)) db.addresses.update(x.id, { is_default: false });
      return db.addresses.update(addr.id, { is_default: true });
    },
  }),

  delete_shipping_address: write({
    description:
      "Delete a saved address. The default address cannot be deleted: make another one the default first. Orders keep their own copy of the address.",
    input: z.object({ address_id: ref("address", "The address to delete") }).strict(),
    destructive: true,
    run: (db, a) => {
      const addr = db.addresses.need(a.address_id);
      if (addr.is_default) {
        const others = db.addresses.filter((x) => x.id !== addr.id).map((x) => `${x.id} (${x.label})`);
        fail(
          others.length
            ? `${addr.id} (${addr.label}) is the default address and cannot be deleted; set_default_shipping_address to one of ${others.join(", ")} first`
            : `${addr.id} is your only address and cannot be deleted; add_shipping_address another one first`,
        );
      }
      db.addresses.delete(addr.id);
      return { deleted: addr.id, label: addr.label };
    },
  }),

  list_payment_methods: read({
    description:
      "Payment methods saved on the user's account (cards by brand and last four digits, PayPal), with expiry and which one is the default. Checkout takes these ids; card numbers are never entered here.",
    input: z.object({ ...page }).strict(),
    discovers: "payment_method",
    run: (db, a, env) => {
      const p = db.payment_methods.page(a, { sort: (x, y) => Number(y.is_default) - Number(x.is_default) });
      return { ...p, items: p.items.map((m) => ({ ...m, ...(m.type === "card" ? { expired: !!m.expires && m.expires < env.today.slice(0, 7) } : {}) })) };
    },
  }),

  get_shipping_options: read({
    description:
      "Shipping methods that deliver the current cart to an address, each with its carrier, cost for this cart (standard is free from 75.00) and estimated delivery date if ordered now. Use a method id with checkout.",
    input: z.object({ address_id: ref("address", "Where to ship; default the default address").optional() }).strict(),
    discovers: "shipping_method",
    run: (db, a, env) => {
      const addr = a.address_id ? db.addresses.need(a.address_id) : defaultAddress(db);
      const t = cartTotals(db, env.now);
      const discounted = t.subtotal - t.discount;
      const methods = db.shipping_methods.all();
      const options = methods
        .filter((m) => methodShipsTo(m, addr.country))
        .map((m) => {
          const when = schedule(env.now, m);
          return {
            id: m.id,
            name: m.name,
            carrier: m.carrier,
            cost: shippingCost(m, discounted),
            ...(m.free_over !== undefined ? { free_over: m.free_over } : {}),
            transit_business_days: m.min_days === m.max_days ? `${m.max_days}` : `${m.min_days}-${m.max_days}`,
            ships_on: when.ships_at.slice(0, 10),
            estimated_delivery: when.delivers_at.slice(0, 10),
          };
        });
      const unavailable = methods
        .filter((m) => !methodShipsTo(m, addr.country))
        .map((m) => ({
          id: m.id,
          reason:
            m.scope === "domestic" ? `ships to US addresses only; ${addr.id} is in ${addr.country}` : `for addresses outside the US; ${addr.id} is in the US`,
        }));
      return { address_id: addr.id, country: addr.country, cart_subtotal: t.subtotal, discount: t.discount, options, unavailable };
    },
  }),
};
