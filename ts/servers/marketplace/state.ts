/**
 * Marketplace state: members (the user is one, buying and selling), listings (auctions with an
 * optional reserve and Buy It Now, or fixed price), bids, the user's watchlist, messages between
 * buyers and sellers, orders from won auctions and Buy It Now purchases, and feedback.
 * Shaped after eBay's Browse, Offer (bidding), Inventory/Trading and Fulfillment APIs.
 */
import { roundMoney, table, time, toolkit, z } from "../framework/index.ts";

export const CATEGORIES = [
  "electronics",
  "cameras",
  "video_games",
  "collectibles",
  "fashion",
  "watches",
  "home_garden",
  "sporting_goods",
  "books",
  "musical_instruments",
  "toys",
] as const;
export type ListingCategory = (typeof CATEGORIES)[number];

export const CONDITIONS = ["new", "open_box", "used_like_new", "used_very_good", "used_good", "used_acceptable", "for_parts"] as const;
export type Condition = (typeof CONDITIONS)[number];

export const CONDITION_LABELS: Readonly<Record<Condition, string>> = {
  new: "New",
  open_box: "Open box",
  used_like_new: "Used - Like New",
  used_very_good: "Used - Very Good",
  used_good: "Used - Good",
  used_acceptable: "Used - Acceptable",
  for_parts: "For parts or not working",
};

export const Member = z.object({
  /** eBay-style user id, e.g. "maya.okafor". */
  username: z.string(),
  display_name: z.string(),
  location: z.string(),
  member_since: z.string(),
  /** Lifetime feedback counts; the score is positives minus negatives. */
  positive: z.number().int().min(0),
  neutral: z.number().int().min(0),
  negative: z.number().int().min(0),
  /** True for the person the assistant works for. */
  is_user: z.boolean(),
  top_rated: z.boolean(),
});
export type Member = z.output<typeof Member>;

export const END_REASONS = ["sold", "no_sale", "not_available", "error_in_listing", "lost_or_broken", "sell_to_high_bidder"] as const;

export const Listing = z.object({
  id: z.string(),
  /** The seller's username. */
  seller: z.string(),
  title: z.string().max(80),
  description: z.string(),
  category: z.enum(CATEGORIES),
  condition: z.enum(CONDITIONS),
  /** auction: bidding (optionally with Buy It Now); fixed_price: Buy It Now only. */
  format: z.enum(["auction", "fixed_price"]),
  start_price: z.number().positive().optional(),
  /** Hidden minimum the seller accepts; never shown to other members. */
  reserve_price: z.number().positive().optional(),
  buy_it_now_price: z.number().positive().optional(),
  quantity: z.number().int().positive(),
  quantity_sold: z.number().int().min(0),
  shipping_cost: z.number().min(0),
  ships_from: z.string(),
  returns_accepted: z.boolean(),
  listed_at: z.string(),
  /** Closing time on the logical clock; an active listing past it has ended. */
  ends_at: z.string(),
  /** Stored status; "active" listings whose ends_at has passed are ended (see stateOf). */
  status: z.enum(["active", "ended"]),
  ended_at: z.string().optional(),
  end_reason: z.enum(END_REASONS).optional(),
  /** Who won or bought it (auctions), once ended. */
  winner: z.string().optional(),
  sale_price: z.number().positive().optional(),
  relisted_as: z.string().optional(),
  relisted_from: z.string().optional(),
  /** Members watching it (the user included). */
  watchers: z.number().int().min(0),
});
export type Listing = z.output<typeof Listing>;

export const Bid = z.object({
  id: z.string(),
  listing_id: z.string(),
  bidder: z.string(),
  amount: z.number().positive(),
  placed_at: z.string(),
  /** Bids are cancelled when a seller ends a listing early without selling. */
  status: z.enum(["active", "cancelled"]),
});
export type Bid = z.output<typeof Bid>;

export const WatchedItem = z.object({
  listing_id: z.string(),
  added_at: z.string(),
});
export type WatchedItem = z.output<typeof WatchedItem>;

export const Message = z.object({
  id: z.string(),
  listing_id: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  sent_at: z.string(),
  read: z.boolean(),
  in_reply_to: z.string().optional(),
});
export type Message = z.output<typeof Message>;

export const CARRIERS = ["USPS", "UPS", "FedEx", "DHL"] as const;

export const MarketOrder = z.object({
  id: z.string(),
  listing_id: z.string(),
  title: z.string(),
  buyer: z.string(),
  seller: z.string(),
  source: z.enum(["auction", "buy_it_now"]),
  quantity: z.number().int().positive(),
  item_price: z.number().positive(),
  shipping_cost: z.number().min(0),
  total: z.number().positive(),
  status: z.enum(["paid", "shipped", "delivered"]),
  paid_at: z.string(),
  shipped_at: z.string().optional(),
  carrier: z.enum(CARRIERS).optional(),
  tracking_number: z.string().optional(),
  delivered_at: z.string().optional(),
});
export type MarketOrder = z.output<typeof MarketOrder>;

export const Feedback = z.object({
  id: z.string(),
  /** The order it rates, when it is one of the user's. */
  order_id: z.string().optional(),
  from: z.string(),
  to: z.string(),
  role: z.enum(["buyer", "seller"]).describe("The role of the member who left it"),
  rating: z.enum(["positive", "neutral", "negative"]),
  comment: z.string(),
  item_title: z.string(),
  left_at: z.string(),
});
export type Feedback = z.output<typeof Feedback>;

export const tables = {
  members: table("member", Member, {
    key: "username",
    example: "maya.okafor",
    describe: (m) => (m.is_user ? "your own member profile" : `the member ${m.display_name} (${m.username})`),
  }),
  listings: table("listing", Listing, {
    idPrefix: "ITEM-",
    idDigits: 6,
    describe: (l) => `the ${l.format === "auction" ? "auction" : "listing"} "${l.title}"`,
  }),
  bids: table("bid", Bid, { idPrefix: "BID-", idDigits: 5, describe: (b) => `the ${b.amount.toFixed(2)} USD bid on ${b.listing_id}` }),
  watchlist: table("watched_item", WatchedItem, { key: "listing_id", example: "ITEM-100042", describe: (w) => `the watched listing ${w.listing_id}` }),
  messages: table("message", Message, { idPrefix: "MSG-", describe: (m) => `the message "${m.subject}" from ${m.from}` }),
  orders: table("marketplace_order", MarketOrder, { idPrefix: "MO-", idDigits: 6, describe: (o) => `the order for "${o.title}" (${o.total.toFixed(2)} USD)` }),
  feedback: table("feedback", Feedback, { idPrefix: "FB-", idDigits: 5, describe: (f) => `the ${f.rating} feedback from ${f.from} for "${f.item_title}"` }),
};

export const { read, write } = toolkit(tables);

/** eBay's bid increments: the step above the current price the next bid must reach. */
export function bidIncrement(price: number): number {
  if (price < 1) return 0.05;
  if (price < 5) return 0.25;
  if (price < 25) return 0.5;
  if (price < 100) return 1;
  if (price < 250) return 2.5;
  if (price < 500) return 5;
  if (price < 1000) return 10;
  if (price < 2500) return 25;
  if (price < 5000) return 50;
  return 100;
}

/** Buy It Now must be at least this much above an auction's starting price (eBay: 30%). */
export const BIN_MARKUP = 1.3;
/** With bids, a listing cannot be ended early in its last 12 hours. */
export const LAST_HOURS_LOCK = 12;
export const AUCTION_DURATIONS = [1, 3, 5, 7, 10] as const;
export const FIXED_DURATIONS = [3, 5, 7, 10, 30] as const;
/** Days after payment during which a buyer can leave feedback. */
export const FEEDBACK_WINDOW_DAYS = 60;
/** Days a winner has to pay. */
export const PAY_WITHIN_DAYS = 4;

export function activeBids(bids: readonly Bid[]): Bid[] {
  return bids.filter((b) => b.status === "active").sort((a, b) => b.amount - a.amount || (a.placed_at < b.placed_at ? -1 : 1));
}

export interface ListingState {
  status: "active" | "ended";
  /** Ended listings: sold (a winner or units sold) or unsold. */
  outcome?: "sold" | "unsold";
  ended_at?: string;
  winner?: string;
  sale_price?: number;
  high_bid?: Bid;
  bid_count: number;
  reserve_met?: boolean;
}

/** Where a listing stands at `now`: the clock closes auctions and sells them to the high bidder if the reserve is met. */
export function stateOf(l: Listing, bids: readonly Bid[], now: string): ListingState {
  const live = activeBids(bids);
  const high = live[0];
  const reserveMet = l.reserve_price === undefined ? undefined : (high?.amount ?? 0) >= l.reserve_price;
  const base = { bid_count: live.length, ...(high ? { high_bid: high } : {}), ...(reserveMet !== undefined ? { reserve_met: reserveMet } : {}) };
  if (l.status === "ended") {
    const sold = l.winner !== undefined || l.quantity_sold > 0;
    return {
      ...base,
      status: "ended",
      outcome: sold ? "sold" : "unsold",
      ...(l.ended_at ? { ended_at: l.ended_at } : {}),
      ...(l.winner ? { winner: l.winner } : {}),
      ...(l.sale_price ? { sale_price: l.sale_price } : {}),
    };
  }
  if (now < l.ends_at) return { ...base, status: "active" };
  if (l.format === "auction") {
    const wins = high !== undefined && reserveMet !== false;
    return {
      ...base,
      status: "ended",
      ended_at: l.ends_at,
      outcome: wins ? "sold" : "unsold",
      ...(wins ? { winner: high.bidder, sale_price: high.amount } : {}),
    };
  }
  return { ...base, status: "ended", ended_at: l.ends_at, outcome: l.quantity_sold > 0 ? "sold" : "unsold" };
}

/** The price shown: the high bid, else the starting price (auctions), or the Buy It Now price. */
export function currentPrice(l: Listing, st: ListingState): number {
  if (l.format === "fixed_price") return l.buy_it_now_price ?? 0;
  return st.high_bid?.amount ?? l.start_price ?? 0;
}

/** The smallest bid accepted now. */
export function minimumBid(l: Listing, st: ListingState): number {
  if (!st.high_bid) return l.start_price ?? 0.99;
  return roundMoney(st.high_bid.amount + bidIncrement(st.high_bid.amount));
}

/** eBay: Buy It Now on an auction disappears with the first bid, or once a bid meets the reserve. */
export function buyItNowAvailable(l: Listing, st: ListingState): boolean {
  if (st.status !== "active" || l.buy_it_now_price === undefined) return false;
  if (l.format === "fixed_price") return l.quantity - l.quantity_sold > 0;
  if (l.reserve_price !== undefined) return !st.reserve_met;
  return st.bid_count === 0;
}

/** "a***z": how eBay shows other bidders. */
export function maskUser(username: string): string {
  return username.length <= 2 ? `${username[0] ?? ""}***` : `${username[0]}***${username[username.length - 1]}`;
}

export function timeLeft(now: string, endsAt: string): string {
  const mins = Math.max(0, time.minutesBetween(now, endsAt));
  const d = Math.floor(mins / 1440);
  const h = Math.floor((mins % 1440) / 60);
  const m = mins % 60;
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : `${m}m`;
}

export function feedbackScore(m: Member): number {
  return m.positive - m.negative;
}

export function positivePercent(m: Member): number {
  const rated = m.positive + m.negative;
  return rated === 0 ? 100 : Math.round((m.positive / rated) * 1000) / 10;
}
