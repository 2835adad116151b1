/** The marketplace's seed, checked against eBay's rules and the order of events a buyer would see. */
import { expect } from "vitest";
import marketplace from "../../ts/servers/marketplace/index.ts";
import type { Bid, Feedback, Listing, MarketOrder, Member, Message, WatchedItem } from "../../ts/servers/marketplace/state.ts";
import { groupBy, seedRules } from "../helpers/seed-rules.ts";

/** eBay's bid increments, written out: [lowest current price of the band, increment]. */
const INCREMENTS: ReadonlyArray<readonly [number, number]> = [
  [5000, 100],
  [2500, 50],
  [1000, 25],
  [500, 10],
  [250, 5],
  [100, 2.5],
  [25, 1],
  [5, 0.5],
  [1, 0.25],
  [0, 0.05],
];
const increment = (price: number) => INCREMENTS.find(([from]) => price >= from)![1];
const cents = (x: number) => Math.round(x * 100);

seedRules(marketplace, {
  "bids on an auction rise by at least eBay's increment, the first at the start price or more, all while the listing was open": (s) => {
    const listings = new Map(s.rows<Listing>("listings").map((l) => [l.id, l]));
    for (const [id, bids] of groupBy(s.rows<Bid>("bids"), (b) => b.listing_id)) {
      const l = listings.get(id)!;
      const sorted = [...bids].sort((a, b) => (a.placed_at < b.placed_at ? -1 : 1));
      expect(l.format, id).toBe("auction");
      expect(sorted[0]!.amount, id).toBeGreaterThanOrEqual(l.start_price!);
      for (let i = 1; i < sorted.length; i++)
        expect(cents(sorted[i]!.amount), `${id} bid ${i}`).toBeGreaterThanOrEqual(cents(sorted[i - 1]!.amount) + cents(increment(sorted[i - 1]!.amount)));
      for (const b of sorted) expect(b.placed_at >= l.listed_at && b.placed_at <= l.ends_at && b.placed_at <= s.world.now, b.id).toBe(true);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.bidder, `${id}: nobody outbids themselves`).not.toBe(sorted[i - 1]!.bidder);
    }
  },
  "a sold auction went to its highest bidder at that bid, once the reserve was met; a live listing was listed before now and ends after it": (s) => {
    const bids = groupBy(s.rows<Bid>("bids"), (b) => b.listing_id);
    for (const l of s.rows<Listing>("listings")) {
      expect(l.listed_at < s.world.now, l.id).toBe(true);
      if (l.status === "active") expect(l.ends_at > s.world.now, l.id).toBe(true);
      if (l.status !== "ended" || l.format !== "auction") continue;
      const high = [...(bids.get(l.id) ?? [])].sort((a, b) => b.amount - a.amount)[0];
      const met = high !== undefined && (l.reserve_price === undefined || high.amount >= l.reserve_price);
      expect(l.end_reason, l.id).toBe(met ? "sold" : "no_sale");
      if (met) expect([l.winner, l.sale_price]).toEqual([high!.bidder, high!.amount]);
      expect(l.ended_at! <= s.world.now, l.id).toBe(true);
    }
  },
  "Buy It Now on an auction is at least 30% above the start price and above the reserve, and gone once bidding met the terms": (s) => {
    const bids = groupBy(s.rows<Bid>("bids"), (b) => b.listing_id);
    for (const l of s.rows<Listing>("listings").filter((x) => x.format === "auction" && x.buy_it_now_price !== undefined)) {
      expect(l.buy_it_now_price!, l.id).toBeGreaterThanOrEqual(l.start_price! * 1.3);
      if (l.reserve_price) expect(l.buy_it_now_price!, l.id).toBeGreaterThan(l.reserve_price);
      const high = Math.max(0, ...(bids.get(l.id) ?? []).map((b) => b.amount));
      expect(high > 0 && (l.reserve_price === undefined || high >= l.reserve_price), `${l.id} still offers Buy It Now after bidding met its terms`).toBe(false);
    }
  },
  "an order totals its item price and shipping, between two different members, paid after the sale, shipped after payment, delivered after shipping, all before now":
    (s) => {
      for (const o of s.rows<MarketOrder>("orders")) {
        expect(cents(o.total), o.id).toBe(cents(o.item_price) + cents(o.shipping_cost));
        expect(o.buyer, o.id).not.toBe(o.seller);
        const steps = [o.paid_at, o.shipped_at, o.delivered_at].filter((x): x is string => x !== undefined);
        expect([...steps].sort(), o.id).toEqual(steps);
        expect(steps.at(-1)! <= s.world.now, o.id).toBe(true);
        expect(o.shipped_at !== undefined, o.id).toBe(o.status !== "paid");
        expect(o.delivered_at !== undefined, o.id).toBe(o.status === "delivered");
      }
    },
  "feedback on an order comes from its buyer after delivery; every feedback is in the past": (s) => {
    const orders = new Map(s.rows<MarketOrder>("orders").map((o) => [o.id, o]));
    for (const f of s.rows<Feedback>("feedback")) {
      expect(f.left_at <= s.world.now, f.id).toBe(true);
      if (!f.order_id) continue;
      const o = orders.get(f.order_id)!;
      expect([f.from, f.to]).toEqual([o.buyer, o.seller]);
      expect(f.left_at > o.delivered_at!, f.id).toBe(true);
    }
  },
  "a member's lifetime counts include every rating they received; Top Rated means more than 500 positives and under 1% negatives": (s) => {
    const received = groupBy(s.rows<Feedback>("feedback"), (f) => f.to);
    for (const m of s.rows<Member>("members")) {
      const mine = received.get(m.username) ?? [];
      expect(m.positive, m.username).toBeGreaterThanOrEqual(mine.filter((f) => f.rating === "positive").length);
      expect(m.negative, m.username).toBeGreaterThanOrEqual(mine.filter((f) => f.rating === "negative").length);
      if (m.top_rated) expect(m.positive > 500 && m.negative * 100 < m.positive, m.username).toBe(true);
    }
  },
  "the watchlist holds other people's live listings, added after they were listed": (s) => {
    const me = s.world.user.handle;
    for (const w of s.rows<WatchedItem>("watchlist")) {
      const l = s.row<Listing>("listings", w.listing_id);
      expect([l.seller !== me, l.status, w.added_at >= l.listed_at && w.added_at <= s.world.now], w.listing_id).toEqual([true, "active", true]);
    }
  },
  "a reply answers a question: it goes back to the one who asked, after they asked": (s) => {
    const messages = new Map(s.rows<Message>("messages").map((m) => [m.id, m]));
    for (const m of messages.values()) {
      expect(m.sent_at <= s.world.now, m.id).toBe(true);
      if (!m.in_reply_to) continue;
      const q = messages.get(m.in_reply_to)!;
      expect([m.to, m.from, m.sent_at > q.sent_at]).toEqual([q.from, q.to, true]);
    }
  },
  "a live fixed-price listing has units left": (s) => {
    for (const l of s.rows<Listing>("listings").filter((x) => x.format === "fixed_price" && x.status === "active"))
      expect(l.quantity_sold, l.id).toBeLessThan(l.quantity);
  },
});
