/**
 * Browsing and buying: search and view listings, bid histories, bidding, Buy It Now and the
 * watchlist.
 *
 * Rules: a bid must reach the starting price, or beat the high bid by eBay's increment (the
 * message gives the minimum bid); no bids on the user's own listings, on fixed-price listings,
 * after the closing time or on ended listings; the high bidder does not outbid themselves;
 * Buy It Now only on listings that offer it, while active and available (on an auction it
 * disappears with the first bid, or once a bid meets the reserve), not on the user's own
 * listings and never more units than are left.
 */
import { check, descending, fail, formatMoney, matchesText, money, page, paginate, rangeStart, ref, roundMoney, time, z } from "../../framework/index.ts";
import { CATEGORIES, CONDITIONS, buyItNowAvailable, currentPrice, maskUser, minimumBid, read, stateOf, write } from "../state.ts";
import { bidsByListing, bidsOn, listingView, me, stateNow, viewOf } from "./shared.ts";

const SORTS = ["best_match", "ending_soonest", "newly_listed", "price_low", "price_high", "most_bids"] as const;

export const listingTools = {
  search_listings: read({
    description:
      "Search marketplace listings by words in the title, category, condition, format (auction or fixed price), price range, seller or time left. Returns listings with current price, bids, Buy It Now availability and time left; active ones only unless include_ended.",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Words in the title, e.g. 'nintendo switch' (every word must match)"),
        category: z.enum(CATEGORIES).optional().describe("Only this category"),
        condition: z.enum(CONDITIONS).optional().describe("Only items in this condition"),
        format: z.enum(["auction", "fixed_price"]).optional().describe("auction: bidding; fixed_price: Buy It Now only"),
        buy_it_now_only: z.boolean().optional().describe("true: only listings that can be bought now"),
        min_price: rangeStart("max_price", money("Lowest current price in USD", { min: 0, what: "min_price" })).optional(),
        max_price: money("Highest current price in USD", { min: 0, what: "max_price" }).optional(),
        free_shipping: z.boolean().optional().describe("true: only listings that ship free"),
        seller: ref("member", "Only listings of this seller (username)").optional(),
        ending_within_hours: z.number().int().min(1).max(720).optional().describe("Only listings closing within this many hours"),
        include_ended: z.boolean().default(false).describe("true: also ended listings (sold or unsold)"),
        sort: z.enum(SORTS).default("best_match").describe("Order of results (default best_match)"),
        ...page,
      })
      .strict(),
    discovers: "listing",
    run: (db, a, env) => {
      if (a.seller) db.members.need(a.seller);
      const tokens = (a.query ?? "")
        .toLowerCase()
        .split(/\s+/)
        .filter((t) => t)
        .slice(0, 8);
      const byListing = bidsByListing(db);
      const user = me(env);
      const horizon = a.ending_within_hours ? time.addMinutes(env.now, a.ending_within_hours * 60) : undefined;
      const hits = [];
      for (const l of db.listings.all()) {
        if (a.category && l.category !== a.category) continue;
        if (a.condition && l.condition !== a.condition) continue;
        if (a.format && l.format !== a.format) continue;
        if (a.seller && l.seller !== a.seller) continue;
        if (a.free_shipping && l.shipping_cost > 0) continue;
        if (!tokens.every((t) => matchesText(t, l.title))) continue;
        const st = stateOf(l, byListing.get(l.id) ?? [], env.now);
        if (st.status === "ended" && !a.include_ended) continue;
        if (horizon && (st.status !== "active" || l.ends_at > horizon)) continue;
        const price = currentPrice(l, st);
        if (a.min_price !== undefined && price < a.min_price) continue;
        if (a.max_price !== undefined && price > a.max_price) continue;
        if (a.buy_it_now_only && !buyItNowAvailable(l, st)) continue;
        const score = tokens.filter((t) => l.title.toLowerCase().startsWith(t)).length;
        hits.push({ view: listingView(l, st, env.now, user, db.watchlist.has(l.id)), l, price, bids: st.bid_count, score });
      }
      type Hit = (typeof hits)[number];
      const sorts: Record<(typeof SORTS)[number], (x: Hit, y: Hit) => number> = {
        best_match: (x, y) => y.score - x.score || (x.l.ends_at < y.l.ends_at ? -1 : x.l.ends_at > y.l.ends_at ? 1 : 0),
        ending_soonest: (x, y) => (x.l.ends_at < y.l.ends_at ? -1 : x.l.ends_at > y.l.ends_at ? 1 : 0),
        newly_listed: (x, y) => descending("listed_at")(x.l, y.l),
        price_low: (x, y) => x.price + x.l.shipping_cost - (y.price + y.l.shipping_cost),
        price_high: (x, y) => y.price + y.l.shipping_cost - (x.price + x.l.shipping_cost),
        most_bids: (x, y) => y.bids - x.bids,
      };
      hits.sort((x, y) => sorts[a.sort](x, y) || (x.l.id < y.l.id ? -1 : 1));
      return paginate(
        hits.map((h) => h.view),
        a,
      );
    },
  }),

  get_listing: read({
    description:
      "Everything about one listing: description, condition, seller, current price, minimum next bid, bid count, reserve met or not, Buy It Now price if still available, shipping, closing time and time left, or how it ended.",
    input: z.object({ listing_id: ref("listing", "The listing (item id)") }).strict(),
    run: (db, a, env) => {
      const l = db.listings.need(a.listing_id);
      const seller = db.members.get(l.seller);
      return { ...viewOf(db, l, env, true), ...(seller ? { seller_feedback_score: seller.positive - seller.negative } : {}) };
    },
  }),

  list_bids: read({
    description:
      "The bid history of an auction, highest first: amount, time and bidder (other bidders are masked as eBay shows them, e.g. 'm***a'; the user's bids say 'you').",
    input: z.object({ listing_id: ref("listing", "The auction"), ...page }).strict(),
    discovers: "bid",
    run: (db, a, env) => {
      const l = db.listings.need(a.listing_id);
      const user = me(env);
      const p = db.bids.page(a, { where: (b) => b.listing_id === l.id, sort: (x, y) => y.amount - x.amount || descending("placed_at")(x, y) });
      const reveal = l.seller === user;
      return { listing_id: l.id, ...p, items: p.items.map((b) => ({ ...b, bidder: b.bidder === user ? "you" : reveal ? b.bidder : maskUser(b.bidder) })) };
    },
  }),

  place_bid: write({
    description:
      "Bid on an auction. The bid must be at least the starting price, or the current high bid plus the bid increment (get_listing shows minimum_bid). Bidding closes at the listing's end time. Returns the bid and where the auction now stands.",
    input: z.object({ listing_id: ref("listing", "The auction to bid on"), amount: money("Bid in USD, e.g. 125.50") }).strict(),
    produces: "bid",
    run: (db, a, env) => {
      const l = db.listings.need(a.listing_id);
      const user = me(env);
      check(l.seller !== user, `${l.id} is your own listing; sellers cannot bid on their own items`, "permission_denied");
      const st = stateNow(db, l, env.now);
      if (l.format !== "auction") {
        fail(
          `${l.id} is a fixed-price listing without bidding; ${buyItNowAvailable(l, st) ? `buy_it_now for ${formatMoney(l.buy_it_now_price ?? 0)}` : "it is no longer available"}`,
        );
      }
      if (st.status === "ended") {
        fail(
          l.status === "ended" && l.ended_at && l.ended_at < l.ends_at
            ? `${l.id} was ended early on ${l.ended_at} (${l.end_reason}); bidding is closed`
            : `bidding on ${l.id} closed at ${st.ended_at ?? l.ends_at}; it is now ${env.now}. Search for active listings with search_listings`,
        );
      }
      check(
        st.high_bid?.bidder !== user,
        () => `you are already the high bidder on ${l.id} at ${formatMoney(st.high_bid?.amount ?? 0)}; no need to outbid yourself`,
        "conflict",
      );
      const least = minimumBid(l, st);
      check(
        a.amount >= least,
        st.high_bid
          ? `a bid of ${formatMoney(a.amount)} is too low: the current bid on ${l.id} is ${formatMoney(st.high_bid.amount)} (${st.bid_count} bid${st.bid_count === 1 ? "" : "s"}), so the minimum bid is ${formatMoney(least)}`
          : `a bid of ${formatMoney(a.amount)} is too low: the starting price of ${l.id} is ${formatMoney(least)}, so the minimum bid is ${formatMoney(least)}`,
        "invalid_argument",
      );
      const bid = db.bids.create({ listing_id: l.id, bidder: user, amount: a.amount, placed_at: env.now, status: "active" });
      const after = stateNow(db, l, env.now);
      return {
        ...bid,
        bidder: "you",
        you_are_high_bidder: after.high_bid?.id === bid.id,
        current_price: currentPrice(l, after),
        bid_count: after.bid_count,
        minimum_next_bid: minimumBid(l, after),
        ...(l.reserve_price !== undefined ? { reserve_met: after.reserve_met ?? false } : {}),
        buy_it_now_available: buyItNowAvailable(l, after),
        ends_at: l.ends_at,
        time_left: listingView(l, after, env.now, user, false).time_left,
      };
    },
  }),

  buy_it_now: write({
    description:
      "Buy a listing now at its Buy It Now price (fixed-price listings, or auctions whose Buy It Now is still offered), paying with the account's payment method. Returns the order with its total including shipping.",
    input: z
      .object({
        listing_id: ref("listing", "The listing to buy"),
        quantity: z.number().int().min(1).max(10).default(1).describe("Units to buy (fixed-price listings with several units), 1-10"),
      })
      .strict(),
    produces: "marketplace_order",
    run: (db, a, env) => {
      const l = db.listings.need(a.listing_id);
      const user = me(env);
      check(l.seller !== user, `${l.id} is your own listing; you cannot buy your own item`, "permission_denied");
      const st = stateNow(db, l, env.now);
      check(
        st.status === "active",
        () => `${l.id} ended on ${st.ended_at ?? l.ends_at}${st.outcome === "sold" ? " and was sold" : ""}; it can no longer be bought`,
      );
      check(
        l.buy_it_now_price !== undefined,
        () => `${l.id} is an auction without Buy It Now; place_bid of at least ${formatMoney(minimumBid(l, st))} instead`,
      );
      if (!buyItNowAvailable(l, st)) {
        fail(
          l.format === "auction"
            ? `Buy It Now on ${l.id} is gone: ${l.reserve_price !== undefined ? "a bid has met the reserve" : "bidding has started"} (current bid ${formatMoney(currentPrice(l, st))}); place_bid of at least ${formatMoney(minimumBid(l, st))} instead`
            : `${l.id} is sold out`,
        );
      }
      const left = l.quantity - l.quantity_sold;
      check(a.quantity <= left, `only ${left} of ${l.id} ${left === 1 ? "is" : "are"} left; buy at most ${left}`);
      const price = l.buy_it_now_price as number;
      const order = db.orders.create({
        listing_id: l.id,
        title: l.title,
        buyer: user,
        seller: l.seller,
        source: "buy_it_now",
        quantity: a.quantity,
        item_price: price,
        shipping_cost: l.shipping_cost,
        total: roundMoney(price * a.quantity + l.shipping_cost),
        status: "paid",
        paid_at: env.now,
      });
      const soldOut = l.quantity_sold + a.quantity >= l.quantity;
      db.listings.update(l.id, {
        quantity_sold: l.quantity_sold + a.quantity,
        ...(l.format === "auction"
          ? { status: "ended", ended_at: env.now, end_reason: "sold", winner: user, sale_price: price }
          : soldOut
            ? { status: "ended", ended_at: env.now, end_reason: "sold" }
            : {}),
      });
      return order;
    },
  }),

  watch_listing: write({
    description: "Add a listing to the user's watchlist to follow its price and closing time. Returns the watchlist entry.",
    input: z.object({ listing_id: ref("listing", "The listing to watch") }).strict(),
    produces: "watched_item",
    run: (db, a, env) => {
      const l = db.listings.need(a.listing_id);
      check(l.seller !== me(env), `${l.id} is your own listing; list_my_listings already tracks it`);
      const existing = db.watchlist.get(l.id);
      check(!existing, () => `${l.id} is already on your watchlist (since ${existing?.added_at})`, "already_exists");
      const st = stateNow(db, l, env.now);
      check(st.status === "active", `${l.id} ended on ${st.ended_at ?? l.ends_at}; only active listings can be watched`);
      const entry = db.watchlist.insert({ listing_id: l.id, added_at: env.now });
      const updated = db.listings.update(l.id, { watchers: l.watchers + 1 });
      return { ...entry, title: l.title, current_price: currentPrice(l, st), ends_at: l.ends_at, watchers: updated.watchers };
    },
  }),

  unwatch_listing: write({
    description: "Remove a listing from the user's watchlist.",
    input: z.object({ listing_id: ref("listing", "The watched listing to remove") }).strict(),
    destructive: true,
    run: (db, a) => {
      const entry = db.watchlist.get(a.listing_id);
      if (!entry) {
        const ids = db.watchlist.all().map((w) => w.listing_id);
        fail(`${a.listing_id} is not on your watchlist${ids.length ? `; it holds ${ids.join(", ")}` : ", which is empty"}`, "not_found");
      }
      db.watchlist.delete(entry.listing_id);
      const l = db.listings.get(entry.listing_id);
      if (l) db.listings.update(l.id, { watchers: Math.max(0, l.watchers - 1) });
      return { removed: entry.listing_id, remaining: db.watchlist.count() };
    },
  }),

  get_watchlist: read({
    description:
      "The listings the user watches, ending soonest first, with current price, time left and whether the user leads the bidding; optionally only active or only ended ones.",
    input: z.object({ status: z.enum(["active", "ended"]).optional().describe("Only watched listings still active, or ended"), ...page }).strict(),
    discovers: "watched_item",
    run: (db, a, env) => {
      const user = me(env);
      const rows = db.watchlist
        .all()
        .map((w) => {
          const l = db.listings.get(w.listing_id);
          if (!l) return { listing_id: w.listing_id, added_at: w.added_at, status: "removed" as const, ends_at: "" };
          const st = stateOf(l, bidsOn(db, l.id), env.now);
          const { id, ...v } = listingView(l, st, env.now, user, true);
          return { listing_id: id, ...v, added_at: w.added_at, you_are_high_bidder: st.high_bid?.bidder === user };
        })
        .filter((r) => !a.status || r.status === a.status)
        .sort((x, y) => (x.ends_at < y.ends_at ? -1 : x.ends_at > y.ends_at ? 1 : 0));
      return paginate(rows, a);
    },
  }),
};
