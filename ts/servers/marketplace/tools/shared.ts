/** Helpers the marketplace tools share: listing state and views, price rules, the user's name. */
import { check, fail, formatMoney, roundMoney, type CallEnv, type Db } from "../../framework/index.ts";
import {
  AUCTION_DURATIONS,
  BIN_MARKUP,
  CONDITION_LABELS,
  FIXED_DURATIONS,
  buyItNowAvailable,
  currentPrice,
  maskUser,
  minimumBid,
  stateOf,
  timeLeft,
  type Bid,
  type Listing,
  type ListingState,
  type tables,
} from "../state.ts";

export type Market = Db<typeof tables>;

/** The user's username on the marketplace. */
export function me(env: CallEnv): string {
  return env.world.user.handle;
}

export function bidsOn(db: Market, listingId: string): Bid[] {
  return db.bids.filter((b) => b.listing_id === listingId);
}

export function stateNow(db: Market, l: Listing, now: string): ListingState {
  return stateOf(l, bidsOn(db, l.id), now);
}

/** All bids grouped by listing, for list tools that look at many listings. */
export function bidsByListing(db: Market): Map<string, Bid[]> {
  const m = new Map<string, Bid[]>();
  for (const b of db.bids.all()) m.set(b.listing_id, [...(m.get(b.listing_id) ?? []), b]);
  return m;
}

/** What a model sees of a listing: price, bidding, Buy It Now and timing at `now`, with others' identities masked. */
export function listingView(l: Listing, st: ListingState, now: string, user: string, watching: boolean, full = false) {
  const mineListing = l.seller === user;
  const who = (u: string) => (u === user ? "you" : mineListing ? u : maskUser(u));
  const bin = buyItNowAvailable(l, st);
  return {
    id: l.id,
    title: l.title,
    seller: l.seller,
    is_yours: mineListing,
    category: l.category,
    condition: l.condition,
    condition_label: CONDITION_LABELS[l.condition],
    format: l.format,
    status: st.status,
    ...(st.outcome ? { outcome: st.outcome } : {}),
    current_price: currentPrice(l, st),
    ...(l.format === "auction"
      ? {
          start_price: l.start_price,
          bid_count: st.bid_count,
          ...(st.status === "active" ? { minimum_bid: minimumBid(l, st) } : {}),
          ...(st.high_bid ? { high_bidder: who(st.high_bid.bidder) } : {}),
          ...(l.reserve_price !== undefined ? { has_reserve: true, reserve_met: st.reserve_met ?? false } : {}),
          ...(mineListing && l.reserve_price !== undefined ? { reserve_price: l.reserve_price } : {}),
        }
      : { quantity: l.quantity, quantity_available: l.quantity - l.quantity_sold }),
    quantity_sold: l.quantity_sold,
    ...(bin ? { buy_it_now_price: l.buy_it_now_price } : {}),
    buy_it_now_available: bin,
    shipping_cost: l.shipping_cost,
    ships_from: l.ships_from,
    returns_accepted: l.returns_accepted,
    listed_at: l.listed_at,
    ends_at: l.ends_at,
    ...(st.status === "active" ? { time_left: timeLeft(now, l.ends_at) } : {}),
    ...(st.ended_at ? { ended_at: st.ended_at } : {}),
    ...(l.end_reason ? { end_reason: l.end_reason } : {}),
    ...(st.winner ? { winner: who(st.winner) } : {}),
    ...(st.sale_price ? { sale_price: st.sale_price } : {}),
    watchers: l.watchers,
    watching,
    ...(l.relisted_as ? { relisted_as: l.relisted_as } : {}),
    ...(l.relisted_from ? { relisted_from: l.relisted_from } : {}),
    ...(full ? { description: l.description } : {}),
  };
}

export function viewOf(db: Market, l: Listing, env: CallEnv, full = false) {
  return listingView(l, stateNow(db, l, env.now), env.now, me(env), db.watchlist.has(l.id), full);
}

/** Writes a clock-ended listing's outcome into the state (called by tools that act on it). */
export function settle(db: Market, l: Listing, st: ListingState): Listing {
  if (l.status === "ended" || st.status !== "ended") return l;
  return db.listings.update(l.id, {
    status: "ended",
    ended_at: st.ended_at ?? l.ends_at,
    end_reason: st.outcome === "sold" ? "sold" : "no_sale",
    ...(st.winner ? { winner: st.winner, sale_price: st.sale_price, quantity_sold: l.quantity_sold + (l.format === "auction" ? 1 : 0) } : {}),
  });
}

export interface Terms {
  format: Listing["format"];
  start_price?: number | undefined;
  reserve_price?: number | undefined;
  buy_it_now_price?: number | undefined;
  quantity: number;
}

/** eBay's listing rules on prices, quantity and format; every failure names the valid choice. */
export function checkTerms(t: Terms): void {
  if (t.format === "auction") {
    check(
      t.start_price !== undefined,
      "an auction needs a start_price (the opening bid); for a set price use format fixed_price with buy_it_now_price",
      "invalid_argument",
    );
    check(t.quantity === 1, `an auction sells exactly one item; to sell ${t.quantity} units use format fixed_price`, "invalid_argument");
    if (t.reserve_price !== undefined) {
      check(
        t.reserve_price > t.start_price,
        `reserve_price ${formatMoney(t.reserve_price)} must be above the start_price ${formatMoney(t.start_price)}; lower the start price or raise the reserve`,
        "invalid_argument",
      );
    }
    if (t.buy_it_now_price !== undefined) {
      const least = roundMoney(t.start_price * BIN_MARKUP);
      check(
        t.buy_it_now_price >= least,
        `buy_it_now_price must be at least 30% above the start_price: at least ${formatMoney(least)} for a start price of ${formatMoney(t.start_price)}`,
        "invalid_argument",
      );
      if (t.reserve_price !== undefined) {
        check(
          t.buy_it_now_price >= t.reserve_price,
          `buy_it_now_price ${formatMoney(t.buy_it_now_price)} must be at least the reserve_price ${formatMoney(t.reserve_price)}`,
          "invalid_argument",
        );
      }
    }
  } else {
    check(t.buy_it_now_price !== undefined, "a fixed-price listing needs a buy_it_now_price", "invalid_argument");
    check(
      t.start_price === undefined && t.reserve_price === undefined,
      "a fixed-price listing takes no start_price or reserve_price; use format auction for bidding",
      "invalid_argument",
    );
  }
}

export function checkDuration(format: Listing["format"], days: number): void {
  const valid: readonly number[] = format === "auction" ? AUCTION_DURATIONS : FIXED_DURATIONS;
  if (!valid.includes(days))
    fail(`${format === "auction" ? "auctions" : "fixed-price listings"} run ${valid.join(", ")} days; ${days} is not one of them`, "invalid_argument");
}

/** The listing must be the user's; others' listings name their seller. */
export function mustOwn(l: Listing, user: string, action: string): void {
  check(l.seller === user, `${l.id} is ${l.seller}'s listing; you can only ${action} your own listings (list_my_listings shows them)`, "permission_denied");
}
