/**
 * Seller operations on the user's own listings: create, edit, end early, relist, see them and
 * their sales, mark sales shipped.
 *
 * Rules (eBay's): auctions need a start price and sell one item; a reserve lies above the start
 * price; Buy It Now on an auction is at least 30% above the start price; fixed-price listings
 * need a Buy It Now price; durations are 1/3/5/7/10 days (auctions) or 3/5/7/10/30 (fixed);
 * prices cannot change once an auction has bids; a listing with bids cannot be ended in its last
 * 12 hours, and ending it earlier needs a reason (selling to the high bidder, or cancelling the
 * bids); only ended, unsold listings can be relisted, once; only paid sales can be marked shipped.
 */
import { check, descending, fail, formatMoney, money, page, paginate, ref, roundMoney, time, z } from "../../framework/index.ts";
import { CARRIERS, CATEGORIES, CONDITIONS, LAST_HOURS_LOCK, PAY_WITHIN_DAYS, read, stateOf, write, type Listing, type MarketOrder } from "../state.ts";
import { bidsByListing, bidsOn, checkDuration, checkTerms, listingView, me, mustOwn, settle, stateNow, viewOf, type Market } from "./shared.ts";

const priceField = (what: string) => money(`${what} in USD`).optional();
const shippingField = (description: string) => money(description, { min: 0, max: 1000, what: "the shipping cost", zero: "free shipping" });

/** Won auctions and sales with no order yet: the buyer has not paid. */
export function awaitingPayment(db: Market, now: string, side: "buyer" | "seller", user: string) {
  const byListing = bidsByListing(db);
  const out = [];
  for (const l of db.listings.all()) {
    if (l.format !== "auction") continue;
    if (side === "seller" && l.seller !== user) continue;
    const st = stateOf(l, byListing.get(l.id) ?? [], now);
    if (st.outcome !== "sold" || !st.winner) continue;
    if (side === "buyer" && st.winner !== user) continue;
    if (db.orders.find((o) => o.listing_id === l.id && o.buyer === st.winner)) continue;
    const price = st.sale_price ?? 0;
    out.push({
      listing_id: l.id,
      title: l.title,
      buyer: st.winner,
      seller: l.seller,
      status: "awaiting_payment" as const,
      item_price: price,
      shipping_cost: l.shipping_cost,
      total: roundMoney(price + l.shipping_cost),
      won_at: st.ended_at ?? l.ends_at,
      pay_by: time.addDays(st.ended_at ?? l.ends_at, PAY_WITHIN_DAYS),
    });
  }
  return out;
}

export const sellingTools = {
  create_listing: write({
    description:
      "List an item for sale as the user: an auction (start_price, optional hidden reserve_price, optional buy_it_now_price at least 30% above the start) or a fixed-price listing (buy_it_now_price, any quantity). Returns the new listing with its id and closing time.",
    input: z
      .object({
        title: z
          .string()
          .trim()
          .min(10, "a title needs at least 10 characters")
          .max(80, "titles are at most 80 characters")
          .describe("What buyers search for: brand, model, size, colour"),
        description: z.string().trim().min(20, "describe the item in at least 20 characters").max(4000).describe("Condition details, what is included, flaws"),
        category: z.enum(CATEGORIES).describe("Category buyers browse it under"),
        condition: z.enum(CONDITIONS).describe("The item's condition"),
        format: z.enum(["auction", "fixed_price"]).describe("auction: bidding; fixed_price: Buy It Now only"),
        start_price: priceField("Opening bid (auctions)"),
        reserve_price: priceField("Lowest price the seller accepts, hidden from bidders (auctions, optional)"),
        buy_it_now_price: priceField("Price to buy immediately (required for fixed_price; optional for auctions)"),
        quantity: z.number().int().min(1).max(100).default(1).describe("Units for sale (fixed_price only; auctions sell one)"),
        duration_days: z
          .number()
          .int()
          .min(1)
          .max(30)
          .optional()
          .describe("Auctions: 1, 3, 5, 7 or 10 (default 7); fixed price: 3, 5, 7, 10 or 30 (default 30)"),
        shipping_cost: shippingField("Shipping charged to the buyer in USD; 0 for free shipping").default(0),
        returns_accepted: z.boolean().default(true).describe("Whether buyers may return it (default true)"),
      })
      .strict(),
    produces: "listing",
    run: (db, a, env) => {
      checkTerms(a);
      const days = a.duration_days ?? (a.format === "auction" ? 7 : 30);
      checkDuration(a.format, days);
      const user = me(env);
      const member = db.members.get(user);
      return db.listings.create({
        seller: user,
        title: a.title,
        description: a.description,
        category: a.category,
        condition: a.condition,
        format: a.format,
        ...(a.start_price !== undefined ? { start_price: a.start_price } : {}),
        ...(a.reserve_price !== undefined ? { reserve_price: a.reserve_price } : {}),
        ...(a.buy_it_now_price !== undefined ? { buy_it_now_price: a.buy_it_now_price } : {}),
        quantity: a.quantity,
        quantity_sold: 0,
        shipping_cost: a.shipping_cost,
        ships_from: member?.location ?? `${env.world.user.address.city}, ${env.world.user.address.region}`,
        returns_accepted: a.returns_accepted,
        listed_at: env.now,
        ends_at: time.addDays(env.now, days),
        status: "active",
        watchers: 0,
      });
    },
  }),

  edit_listing: write({
    description:
      "Revise one of the user's active listings: title, description, condition, shipping, quantity or prices. Prices (start, reserve, Buy It Now) cannot change once an auction has bids. Returns the listing.",
    input: z
      .object({
        listing_id: ref("listing", "The user's listing to revise"),
        title: z.string().trim().min(10).max(80).optional().describe("New title, 10-80 characters"),
        description: z.string().trim().min(20).max(4000).optional().describe("New description, 20-4000 characters"),
        condition: z.enum(CONDITIONS).optional().describe("Corrected condition"),
        start_price: priceField("New opening bid"),
        reserve_price: priceField("New reserve price"),
        buy_it_now_price: priceField("New Buy It Now price"),
        quantity: z.number().int().min(1).max(100).optional().describe("New total quantity (fixed price)"),
        shipping_cost: shippingField("New shipping charge in USD").optional(),
        returns_accepted: z.boolean().optional().describe("Whether buyers may return it"),
      })
      .strict(),
    run: (db, a, env) => {
      const l = db.listings.need(a.listing_id);
      mustOwn(l, me(env), "edit");
      const st = stateNow(db, l, env.now);
      check(
        st.status === "active",
        `${l.id} ended on ${st.ended_at ?? l.ends_at} and can no longer be edited${st.outcome === "unsold" ? "; relist_item it to sell again" : ""}`,
      );
      const { listing_id: _id, ...changes } = a;
      const given = Object.entries(changes)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k);
      check(
        given.length > 0,
        "nothing to change: pass at least one of title, description, condition, start_price, reserve_price, buy_it_now_price, quantity, shipping_cost, returns_accepted",
        "invalid_argument",
      );
      const prices = given.filter((k) => k === "start_price" || k === "reserve_price" || k === "buy_it_now_price");
      check(
        prices.length === 0 || st.bid_count === 0,
        () =>
          `${l.id} has ${st.bid_count} bid${st.bid_count === 1 ? "" : "s"} (high bid ${formatMoney(st.high_bid?.amount ?? 0)}); ${prices.join(" and ")} cannot change once bidding has started — title, description, condition and shipping still can`,
      );
      if (a.quantity !== undefined) {
        check(
          l.format === "fixed_price" || a.quantity === 1,
          "an auction sells exactly one item; quantity applies to fixed-price listings",
          "invalid_argument",
        );
        check(
          a.quantity > l.quantity_sold,
          `${l.quantity_sold} units of ${l.id} are already sold; the quantity must be at least ${l.quantity_sold + 1}`,
          "invalid_argument",
        );
      }
      const next: Listing = {
        ...l,
        ...(a.title !== undefined ? { title: a.title } : {}),
        ...(a.description !== undefined ? { description: a.description } : {}),
        ...(a.condition !== undefined ? { condition: a.condition } : {}),
        ...(a.start_price !== undefined ? { start_price: a.start_price } : {}),
        ...(a.reserve_price !== undefined ? { reserve_price: a.reserve_price } : {}),
        ...(a.buy_it_now_price !== undefined ? { buy_it_now_price: a.buy_it_now_price } : {}),
        ...(a.quantity !== undefined ? { quantity: a.quantity } : {}),
        ...(a.shipping_cost !== undefined ? { shipping_cost: a.shipping_cost } : {}),
        ...(a.returns_accepted !== undefined ? { returns_accepted: a.returns_accepted } : {}),
      };
      checkTerms(next);
      const saved = db.listings.put(next);
      return { ...viewOf(db, saved, env, true), changed: given };
    },
  }),

  end_listing: write({
    description:
      "End one of the user's active listings before its closing time, with a reason. With bids it can only be ended more than 12 hours before closing: 'sell_to_high_bidder' sells it to the high bidder (if the reserve is met); any other reason cancels all bids. Returns the ended listing.",
    input: z
      .object({
        listing_id: ref("listing", "The user's listing to end"),
        reason: z
          .enum(["not_available", "error_in_listing", "lost_or_broken", "sell_to_high_bidder"])
          .describe("Why it ends early; sell_to_high_bidder only when there are bids"),
      })
      .strict(),
    destructive: true,
    run: (db, a, env) => {
      const l = db.listings.need(a.listing_id);
      mustOwn(l, me(env), "end");
      const st = stateNow(db, l, env.now);
      check(st.status === "active", `${l.id} already ended on ${st.ended_at ?? l.ends_at} (${st.outcome})`);
      let cancelled = 0;
      let saved: Listing;
      if (st.high_bid) {
        const minutesLeft = time.minutesBetween(env.now, l.ends_at);
        check(
          minutesLeft >= LAST_HOURS_LOCK * 60,
          `${l.id} has ${st.bid_count} bid${st.bid_count === 1 ? "" : "s"} and closes at ${l.ends_at}, less than ${LAST_HOURS_LOCK} hours from now; a listing with bids cannot be ended in its last ${LAST_HOURS_LOCK} hours — let it close`,
        );
        if (a.reason === "sell_to_high_bidder") {
          check(
            st.reserve_met !== false,
            `the high bid of ${formatMoney(st.high_bid.amount)} is below your reserve of ${formatMoney(l.reserve_price ?? 0)}; end with another reason to cancel the bids, or let the auction run`,
          );
          saved = db.listings.update(l.id, {
            status: "ended",
            ended_at: env.now,
            end_reason: "sell_to_high_bidder",
            winner: st.high_bid.bidder,
            sale_price: st.high_bid.amount,
            quantity_sold: 1,
          });
        } else {
          for (const b of bidsOn(db, l.id).filter((b) => b.status === "active")) {
            db.bids.update(b.id, { status: "cancelled" });
            cancelled++;
          }
          saved = db.listings.update(l.id, { status: "ended", ended_at: env.now, end_reason: a.reason });
        }
      } else {
        check(
          a.reason !== "sell_to_high_bidder",
          `${l.id} has no bids to sell to; end it with reason not_available, error_in_listing or lost_or_broken`,
          "invalid_argument",
        );
        saved = db.listings.update(l.id, { status: "ended", ended_at: env.now, end_reason: a.reason });
      }
      return { ...viewOf(db, saved, env), cancelled_bids: cancelled };
    },
  }),

  relist_item: write({
    description:
      "List an ended, unsold listing of the user's again as a new listing (same item, optionally new prices or duration). Returns the new listing; the old one points to it.",
    input: z
      .object({
        listing_id: ref("listing", "The user's ended, unsold listing"),
        duration_days: z.number().int().min(1).max(30).optional().describe("Auctions: 1, 3, 5, 7 or 10; fixed price: 3, 5, 7, 10 or 30 (default: as before)"),
        start_price: priceField("New opening bid (auctions)"),
        reserve_price: priceField("New reserve price (auctions)"),
        buy_it_now_price: priceField("New Buy It Now price"),
      })
      .strict(),
    produces: "listing",
    run: (db, a, env) => {
      const old = db.listings.need(a.listing_id);
      mustOwn(old, me(env), "relist");
      const st = stateNow(db, old, env.now);
      check(st.status === "ended", `${old.id} is still active until ${old.ends_at}; only ended listings can be relisted (end_listing it first, or wait)`);
      check(!old.relisted_as, () => `${old.id} was already relisted as ${old.relisted_as}`, "already_exists");
      check(
        st.outcome === "unsold",
        () =>
          `${old.id} sold${st.winner ? ` to ${st.winner}` : ""}${st.sale_price ? ` for ${formatMoney(st.sale_price)}` : ""}; only unsold listings can be relisted — create_listing to sell another one`,
      );
      const previousDays = Math.max(1, Math.round(time.minutesBetween(old.listed_at, old.ends_at) / 1440));
      const days = a.duration_days ?? previousDays;
      checkDuration(old.format, days);
      const terms = {
        format: old.format,
        start_price: a.start_price ?? old.start_price,
        reserve_price: a.reserve_price ?? old.reserve_price,
        buy_it_now_price: a.buy_it_now_price ?? old.buy_it_now_price,
        quantity: old.quantity - old.quantity_sold,
      };
      checkTerms(terms);
      const { id: _oldId, relisted_from: _from, ended_at: _e, end_reason: _r, winner: _w, sale_price: _s, ...rest } = old;
      const fresh = db.listings.create({
        ...rest,
        ...(terms.start_price !== undefined ? { start_price: terms.start_price } : {}),
        ...(terms.reserve_price !== undefined ? { reserve_price: terms.reserve_price } : {}),
        ...(terms.buy_it_now_price !== undefined ? { buy_it_now_price: terms.buy_it_now_price } : {}),
        quantity: terms.quantity,
        quantity_sold: 0,
        listed_at: env.now,
        ends_at: time.addDays(env.now, days),
        status: "active",
        watchers: 0,
        relisted_from: old.id,
      });
      const settled = settle(db, old, st);
      db.listings.update(settled.id, { relisted_as: fresh.id });
      return viewOf(db, fresh, env, true);
    },
  }),

  list_my_listings: read({
    description: "The user's own listings as a seller, newest first: active ones with bids and time left, and ended ones (sold or unsold).",
    input: z
      .object({
        status: z.enum(["active", "ended", "sold", "unsold"]).optional().describe("active, ended (any outcome), sold or unsold; default all"),
        format: z.enum(["auction", "fixed_price"]).optional().describe("Only auctions or only fixed-price listings"),
        ...page,
      })
      .strict(),
    discovers: "listing",
    run: (db, a, env) => {
      const user = me(env);
      const byListing = bidsByListing(db);
      const rows = db.listings
        .filter((l) => l.seller === user && (!a.format || l.format === a.format))
        .sort(descending("listed_at"))
        .map((l) => listingView(l, stateOf(l, byListing.get(l.id) ?? [], env.now), env.now, user, false))
        .filter((v) => !a.status || (a.status === "active" || a.status === "ended" ? v.status === a.status : v.outcome === a.status));
      return paginate(rows, a);
    },
  }),

  list_marketplace_sales: read({
    description:
      "The user's sales as a seller, newest first: paid orders to ship, shipped and delivered ones, and won auctions whose buyer has not paid yet (status awaiting_payment, no order id yet).",
    input: z.object({ status: z.enum(["awaiting_payment", "paid", "shipped", "delivered"]).optional().describe("Only sales in this state"), ...page }).strict(),
    discovers: "marketplace_order",
    run: (db, a, env) => {
      const user = me(env);
      const orders = db.orders.filter((o) => o.seller === user).map((o) => ({ ...o, sort_at: o.paid_at }));
      const pending = awaitingPayment(db, env.now, "seller", user).map((p) => ({ ...p, sort_at: p.won_at }));
      const rows = [...orders, ...pending].filter((r) => !a.status || r.status === a.status).sort(descending("sort_at"));
      return paginate(
        rows.map(({ sort_at: _s, ...r }) => r),
        a,
      );
    },
  }),

  mark_item_shipped: write({
    description: "Mark one of the user's paid sales as shipped, with the carrier and tracking number; the buyer is notified. Returns the order.",
    input: z
      .object({
        order_id: ref("marketplace_order", "The sale (an order where the user is the seller)"),
        carrier: z.enum(CARRIERS).describe("Who carries the parcel"),
        tracking_number: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9]{8,34}$/, "a tracking number is 8 to 34 letters and digits")
          .describe("The carrier's tracking number"),
      })
      .strict(),
    run: (db, a, env) => {
      const o: MarketOrder = db.orders.need(a.order_id);
      check(o.seller === me(env), `you bought ${o.id} from ${o.seller}; only the seller marks an order shipped`, "permission_denied");
      if (o.status !== "paid")
        fail(
          `${o.id} was already ${o.status === "shipped" ? `shipped on ${o.shipped_at} with ${o.carrier} (${o.tracking_number})` : `delivered on ${o.delivered_at}`}`,
        );
      return db.orders.update(o.id, { status: "shipped", shipped_at: env.now, carrier: a.carrier, tracking_number: a.tracking_number.toUpperCase() });
    },
  }),
};
