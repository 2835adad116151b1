/**
 * The marketplace's rules at their boundaries, with the expected values written out: eBay's bid
 * increments, how a listing's state follows the clock (closing, reserve, winner), when Buy It Now
 * is offered, listing terms (reserve above start, Buy It Now 30% above it, durations), ending
 * early in the last 12 hours, relisting, shipping, paying and the 60-day feedback window.
 * Tool tests run on a cleared world holding only hand-made listings, so every number is known.
 */
import { describe, expect, it } from "vitest";
import marketplace from "../../ts/servers/marketplace/index.ts";
import {
  type Bid,
  CONDITION_LABELS,
  type Listing,
  type Member,
  bidIncrement,
  buyItNowAvailable,
  currentPrice,
  maskUser,
  minimumBid,
  positivePercent,
  stateOf,
  timeLeft,
} from "../../ts/servers/marketplace/state.ts";
import { checkDuration, checkTerms, listingView } from "../../ts/servers/marketplace/tools/shared.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

type Row = Record<string, any>;
const USER = "pablo.lopez"; // the user of seed 1
const DARA = "dara.kowalski";
const MARCUS = "marcus.rossi";
const NOW = "2026-09-03T09:00:00Z"; // seed 1's clock at the start

const listing = (over: Partial<Listing> = {}): Listing => ({
  id: "ITEM-900001",
  seller: DARA,
  title: "Nikon FM2 film camera body",
  description: "Works well, light seals replaced.",
  category: "cameras",
  condition: "used_good",
  format: "auction",
  start_price: 10,
  quantity: 1,
  quantity_sold: 0,
  shipping_cost: 5,
  ships_from: "New York, NY",
  returns_accepted: true,
  listed_at: "2026-09-01T09:00:00Z",
  ends_at: "2026-09-05T09:00:00Z",
  status: "active",
  watchers: 0,
  ...over,
});
const bid = (id: string, amount: number, bidder: string, placed_at = "2026-09-02T10:00:00Z", over: Partial<Bid> = {}): Bid => ({
  id,
  listing_id: "ITEM-900001",
  bidder,
  amount,
  placed_at,
  status: "active",
  ...over,
});

/** A session whose marketplace holds only the members and the given listings, bids, orders, feedback and messages. */
function world(rows: { listings?: Listing[]; bids?: Bid[]; orders?: Row[]; feedback?: Row[]; messages?: Row[]; watch?: Row[] } = {}): TestSession {
  const s = openSession(marketplace, 1);
  s.edit(marketplace, (db) => {
    for (const t of ["bids", "watchlist", "orders", "feedback", "messages", "listings"]) for (const r of db[t].all()) db[t].delete(r.id ?? r.listing_id);
    for (const l of rows.listings ?? []) db.listings.put(l);
    for (const b of rows.bids ?? []) db.bids.put(b);
    for (const o of rows.orders ?? []) db.orders.put(o);
    for (const f of rows.feedback ?? []) db.feedback.put(f);
    for (const m of rows.messages ?? []) db.messages.put(m);
    for (const w of rows.watch ?? []) db.watchlist.put(w);
  });
  return s;
}
const order = (over: Row = {}): Row => ({
  id: "MO-900001",
  listing_id: "ITEM-900001",
  title: "Nikon FM2 film camera body",
  buyer: USER,
  seller: DARA,
  source: "buy_it_now",
  quantity: 1,
  item_price: 40,
  shipping_cost: 5,
  total: 45,
  status: "paid",
  paid_at: "2026-07-05T09:00:00Z",
  ...over,
});

// ---- pure rules --------------------------------------------------------------------------------

describe("marketplace rules: prices and increments", () => {
  it("the bid increment steps up at 1, 5, 25, 100, 250, 500, 1000, 2500 and 5000 USD", () => {
    const table: [number, number][] = [
      [0.99, 0.05],
      [1, 0.25],
      [4.99, 0.25],
      [5, 0.5],
      [24.99, 0.5],
      [25, 1],
      [99.99, 1],
      [100, 2.5],
      [249.99, 2.5],
      [250, 5],
      [499.99, 5],
      [500, 10],
      [999.99, 10],
      [1000, 25],
      [2499.99, 25],
      [2500, 50],
      [4999.99, 50],
      [5000, 100],
    ];
    for (const [price, step] of table) expect(bidIncrement(price), `at ${price}`).toBe(step);
  });

  it("the minimum bid is the start price, or the high bid plus its increment; with neither it is 0.99", () => {
    const l = listing();
    expect(minimumBid(l, stateOf(l, [], NOW))).toBe(10);
    expect(minimumBid(l, stateOf(l, [bid("BID-1", 24.99, MARCUS)], NOW))).toBe(25.49);
    expect(minimumBid(l, stateOf(l, [bid("BID-1", 25, MARCUS)], NOW))).toBe(26);
    const { start_price: _s, ...noStart } = l;
    expect(minimumBid(noStart, stateOf(noStart, [], NOW))).toBe(0.99);
  });

  it("the price shown is the high bid, else the start price; a fixed-price listing shows its Buy It Now price (0 without one)", () => {
    const l = listing();
    expect(currentPrice(l, stateOf(l, [], NOW))).toBe(10);
    expect(currentPrice(l, stateOf(l, [bid("BID-1", 12, MARCUS)], NOW))).toBe(12);
    const fixed = listing({ format: "fixed_price", start_price: undefined, buy_it_now_price: 25 });
    expect(currentPrice(fixed, stateOf(fixed, [], NOW))).toBe(25);
    const { buy_it_now_price: _b, ...bare } = fixed;
    expect(currentPrice(bare, stateOf(bare, [], NOW))).toBe(0);
  });

  it("conditions are labelled as eBay labels them", () => {
    expect(CONDITION_LABELS).toEqual({
      new: "New",
      open_box: "Open box",
      used_like_new: "Used - Like New",
      used_very_good: "Used - Very Good",
      used_good: "Used - Good",
      used_acceptable: "Used - Acceptable",
      for_parts: "For parts or not working",
    });
  });
});

describe("marketplace rules: time left, masked bidders, positive percent", () => {
  it("time left shows days and hours from one day, hours and minutes from one hour, else minutes, never negative", () => {
    const at = (mins: number) => new Date(Date.parse(NOW) + mins * 60_000).toISOString().replace(".000Z", "Z");
    const table: [number, string][] = [
      [1500, "1d 1h"],
      [1440, "1d 0h"],
      [1439, "23h 59m"],
      [61, "1h 1m"],
      [60, "1h 0m"],
      [59, "59m"],
      [0, "0m"],
      [-30, "0m"],
      [3 * 1440 + 125, "3d 2h"],
    ];
    for (const [mins, text] of table) expect(timeLeft(NOW, at(mins)), `${mins} minutes`).toBe(text);
  });

  it("other bidders are shown as first letter, three stars, last letter; names of two letters or less keep only the first", () => {
    expect(maskUser("maya.okafor")).toBe("m***r");
    expect(maskUser("abc")).toBe("a***c");
    expect(maskUser("ab")).toBe("a***");
    expect(maskUser("a")).toBe("a***");
    expect(maskUser("")).toBe("***");
  });

  it("the positive percent is positives over positives and negatives, to one decimal; with none rated it is 100", () => {
    const m = (positive: number, negative: number, neutral = 0): Member => ({
      username: "x",
      display_name: "X",
      location: "Y",
      member_since: "2020-01-01",
      positive,
      neutral,
      negative,
      is_user: false,
      top_rated: false,
    });
    expect(positivePercent(m(0, 0, 5))).toBe(100);
    expect(positivePercent(m(2, 1))).toBe(66.7);
    expect(positivePercent(m(199, 1))).toBe(99.5);
    expect(positivePercent(m(0, 3))).toBe(0);
  });
});

describe("marketplace rules: a listing's state on the clock", () => {
  it("an auction is active until one minute before its end and ended at exactly its end, sold to the high bidder", () => {
    const l = listing();
    const bids = [bid("BID-1", 12, MARCUS), bid("BID-2", 15, USER)];
    expect(stateOf(l, bids, "2026-09-05T08:59:00Z")).toEqual({ status: "active", bid_count: 2, high_bid: bids[1] });
    expect(stateOf(l, bids, "2026-09-05T09:00:00Z")).toEqual({
      status: "ended",
      ended_at: "2026-09-05T09:00:00Z",
      outcome: "sold",
      winner: USER,
      sale_price: 15,
      bid_count: 2,
      high_bid: bids[1],
    });
  });

  it("an auction ends unsold without bids, or when the high bid is below the reserve; a bid at the reserve wins", () => {
    const end = "2026-09-06T00:00:00Z";
    expect(stateOf(listing(), [], end)).toEqual({ status: "ended", ended_at: "2026-09-05T09:00:00Z", outcome: "unsold", bid_count: 0 });
    const reserved = listing({ reserve_price: 50 });
    const under = stateOf(reserved, [bid("BID-1", 49.99, MARCUS)], end);
    expect(under.outcome).toBe("unsold");
    expect(under.reserve_met).toBe(false);
    expect(under.winner).toBeUndefined();
    const at = stateOf(reserved, [bid("BID-1", 50, MARCUS)], end);
    expect(at).toMatchObject({ outcome: "sold", reserve_met: true, winner: MARCUS, sale_price: 50 });
    expect(stateOf(listing(), [], NOW).reserve_met).toBeUndefined();
    expect("reserve_met" in stateOf(listing(), [], NOW)).toBe(false);
  });

  it("equal bids: the earlier one leads; cancelled bids do not count", () => {
    const early = bid("BID-2", 20, MARCUS, "2026-09-02T08:00:00Z");
    const late = bid("BID-1", 20, USER, "2026-09-02T09:00:00Z");
    const gone = bid("BID-3", 90, USER, "2026-09-02T10:00:00Z", { status: "cancelled" });
    expect(stateOf(listing(), [late, early, gone], NOW)).toEqual({ status: "active", bid_count: 2, high_bid: early });
    expect(stateOf(listing(), [early, late], NOW).high_bid).toBe(early);
  });

  it("a fixed-price listing past its end is sold when any unit sold, else unsold", () => {
    const fixed = listing({ format: "fixed_price", start_price: undefined, buy_it_now_price: 20, quantity: 5 });
    expect(stateOf(fixed, [], "2026-09-05T09:00:00Z")).toEqual({ status: "ended", ended_at: "2026-09-05T09:00:00Z", outcome: "unsold", bid_count: 0 });
    expect(stateOf({ ...fixed, quantity_sold: 1 }, [], "2026-09-05T09:00:00Z").outcome).toBe("sold");
  });

  it("a stored ended listing keeps its own end: sold with a winner or units sold, unsold otherwise", () => {
    const ended = listing({ status: "ended", ended_at: "2026-09-02T12:00:00Z", end_reason: "not_available" });
    expect(stateOf(ended, [], NOW)).toEqual({ status: "ended", outcome: "unsold", ended_at: "2026-09-02T12:00:00Z", bid_count: 0 });
    const won = { ...ended, winner: MARCUS, sale_price: 30, quantity_sold: 1 };
    expect(stateOf(won, [], NOW)).toEqual({ status: "ended", outcome: "sold", ended_at: "2026-09-02T12:00:00Z", winner: MARCUS, sale_price: 30, bid_count: 0 });
    const fixedSold = listing({ format: "fixed_price", status: "ended", quantity_sold: 2, ended_at: "2026-09-02T12:00:00Z" });
    expect(stateOf(fixedSold, [], NOW).outcome).toBe("sold");
  });
});

describe("marketplace rules: when Buy It Now is offered", () => {
  it("auction without reserve: until the first bid; with a reserve: until a bid meets it; fixed price: while units are left; never once ended", () => {
    const bin = listing({ buy_it_now_price: 13 });
    const rows: [string, Listing, Bid[], string, boolean][] = [
      ["no bids", bin, [], NOW, true],
      ["one bid", bin, [bid("BID-1", 10, MARCUS)], NOW, false],
      ["no Buy It Now price", listing(), [], NOW, false],
      ["ended", bin, [], "2026-09-05T09:00:00Z", false],
      ["reserve not met", listing({ buy_it_now_price: 80, reserve_price: 50 }), [bid("BID-1", 49, MARCUS)], NOW, true],
      ["reserve met", listing({ buy_it_now_price: 80, reserve_price: 50 }), [bid("BID-1", 50, MARCUS)], NOW, false],
      ["fixed, one left", listing({ format: "fixed_price", buy_it_now_price: 20, quantity: 3, quantity_sold: 2 }), [], NOW, true],
      ["fixed, sold out", listing({ format: "fixed_price", buy_it_now_price: 20, quantity: 3, quantity_sold: 3 }), [], NOW, false],
      ["fixed, ended", listing({ format: "fixed_price", buy_it_now_price: 20, quantity: 3, status: "ended" }), [], NOW, false],
    ];
    for (const [what, l, bids, at, offered] of rows) expect(buyItNowAvailable(l, stateOf(l, bids, at)), what).toBe(offered);
  });
});

describe("marketplace rules: listing terms", () => {
  const ok = (t: Parameters<typeof checkTerms>[0]) => expect(() => checkTerms(t)).not.toThrow();
  const bad = (t: Parameters<typeof checkTerms>[0], msg: RegExp) => expect(() => checkTerms(t)).toThrow(msg);

  it("a reserve must lie above the start price: equal is refused, one cent above is fine", () => {
    bad(
      { format: "auction", start_price: 20, reserve_price: 20, quantity: 1 },
      /^reserve_price 20\.00 must be above the start_price 20\.00; lower the start price/,
    );
    ok({ format: "auction", start_price: 20, reserve_price: 20.01, quantity: 1 });
  });

  it("Buy It Now on an auction is at least 30% above the start price (13.00 for 10.00) and at least the reserve", () => {
    ok({ format: "auction", start_price: 10, buy_it_now_price: 13, quantity: 1 });
    bad(
      { format: "auction", start_price: 10, buy_it_now_price: 12.99, quantity: 1 },
      /^buy_it_now_price must be at least 30% above the start_price: at least 13\.00 for a start price of 10\.00$/,
    );
    ok({ format: "auction", start_price: 10, reserve_price: 40, buy_it_now_price: 40, quantity: 1 });
    bad(
      { format: "auction", start_price: 10, reserve_price: 40, buy_it_now_price: 39.99, quantity: 1 },
      /^buy_it_now_price 39\.99 must be at least the reserve_price 40\.00$/,
    );
  });

  it("an auction needs a start price and sells exactly one item", () => {
    bad({ format: "auction", quantity: 1 }, /^an auction needs a start_price \(the opening bid\)/);
    bad({ format: "auction", start_price: 5, quantity: 2 }, /^an auction sells exactly one item; to sell 2 units use format fixed_price$/);
  });

  it("a fixed-price listing needs a Buy It Now price and takes neither a start price nor a reserve", () => {
    ok({ format: "fixed_price", buy_it_now_price: 20, quantity: 7 });
    bad({ format: "fixed_price", quantity: 1 }, /^a fixed-price listing needs a buy_it_now_price$/);
    bad({ format: "fixed_price", buy_it_now_price: 20, start_price: 5, quantity: 1 }, /takes no start_price or reserve_price/);
    bad({ format: "fixed_price", buy_it_now_price: 20, reserve_price: 15, quantity: 1 }, /takes no start_price or reserve_price/);
  });

  it("auctions run 1, 3, 5, 7 or 10 days; fixed-price listings 3, 5, 7, 10 or 30", () => {
    for (const d of [1, 3, 5, 7, 10]) expect(() => checkDuration("auction", d)).not.toThrow();
    for (const d of [3, 5, 7, 10, 30]) expect(() => checkDuration("fixed_price", d)).not.toThrow();
    expect(() => checkDuration("auction", 30)).toThrow(/^auctions run 1, 3, 5, 7, 10 days; 30 is not one of them$/);
    expect(() => checkDuration("fixed_price", 1)).toThrow(/^fixed-price listings run 3, 5, 7, 10, 30 days; 1 is not one of them$/);
  });
});

describe("marketplace rules: what a listing shows to whom", () => {
  it("on others' listings bidders are masked and the reserve hidden; on the user's own they are named and the reserve shown", () => {
    const l = listing({ reserve_price: 50, buy_it_now_price: 80 });
    const st = stateOf(l, [bid("BID-1", 20, MARCUS)], NOW);
    const other = listingView(l, st, NOW, USER, true);
    expect(other).toMatchObject({ is_yours: false, high_bidder: "m***i", has_reserve: true, reserve_met: false, buy_it_now_price: 80, watching: true });
    expect(other.condition_label).toBe("Used - Good");
    expect("reserve_price" in other).toBe(false);
    expect("description" in other).toBe(false);
    const own = listingView(l, st, NOW, DARA, false, true);
    expect(own).toMatchObject({ is_yours: true, high_bidder: MARCUS, reserve_price: 50, description: "Works well, light seals replaced.", watching: false });
    expect(listingView(l, st, NOW, MARCUS, false)).toMatchObject({ high_bidder: "you" });
  });

  it("an active auction shows its minimum bid and time left; an ended one its end, winner and sale price but no time left", () => {
    const l = listing();
    const active = listingView(l, stateOf(l, [], NOW), NOW, USER, false);
    expect(active).toMatchObject({ status: "active", minimum_bid: 10, time_left: "2d 0h", bid_count: 0, buy_it_now_available: false });
    expect("ended_at" in active).toBe(false);
    expect("has_reserve" in active).toBe(false);
    const after = "2026-09-06T09:00:00Z";
    const ended = listingView(l, stateOf(l, [bid("BID-1", 12, MARCUS)], after), after, USER, false);
    expect(ended).toMatchObject({ status: "ended", outcome: "sold", ended_at: "2026-09-05T09:00:00Z", winner: "m***i", sale_price: 12 });
    expect("time_left" in ended).toBe(false);
    expect("minimum_bid" in ended).toBe(false);
  });

  it("a fixed-price listing shows its quantity and how many are left", () => {
    const l = listing({ format: "fixed_price", start_price: undefined, buy_it_now_price: 20, quantity: 5, quantity_sold: 2 });
    expect(listingView(l, stateOf(l, [], NOW), NOW, USER, false)).toMatchObject({ quantity: 5, quantity_available: 3, quantity_sold: 2, buy_it_now_price: 20 });
  });
});

// ---- through the tools ---------------------------------------------------------------------------

describe("marketplace rules: bidding", () => {
  it("a bid below the minimum names the current bid, the count of bids and the minimum", () => {
    const s = world({ listings: [listing()], bids: [bid("BID-90001", 24.99, MARCUS)] });
    s.fails(
      "place_bid",
      { listing_id: "ITEM-900001", amount: 25.48 },
      "invalid_argument",
      /^a bid of 25\.48 is too low: the current bid on ITEM-900001 is 24\.99 \(1 bid\), so the minimum bid is 25\.49$/,
    );
    s.edit(marketplace, (db) => db.bids.put(bid("BID-90002", 25, "hannah.eriksen")));
    s.fails("place_bid", { listing_id: "ITEM-900001", amount: 25.99 }, "invalid_argument", /is 25\.00 \(2 bids\), so the minimum bid is 26\.00$/);
    const r = s.ok("place_bid", { listing_id: "ITEM-900001", amount: 26 });
    expect(r).toMatchObject({
      bidder: "you",
      amount: 26,
      you_are_high_bidder: true,
      current_price: 26,
      bid_count: 3,
      minimum_next_bid: 27,
      buy_it_now_available: false,
    });
    expect("reserve_met" in r).toBe(false);
    expect(r.time_left).toBe("2d 0h");
  });

  it("without bids the minimum is the start price; a bid with a reserve says whether it is met", () => {
    const s = world({ listings: [listing({ reserve_price: 30 })] });
    s.fails(
      "place_bid",
      { listing_id: "ITEM-900001", amount: 9.99 },
      "invalid_argument",
      /^a bid of 9\.99 is too low: the starting price of ITEM-900001 is 10\.00/,
    );
    expect(s.ok("place_bid", { listing_id: "ITEM-900001", amount: 10 })).toMatchObject({ reserve_met: false, you_are_high_bidder: true });
  });

  it("the high bidder is not outbid by themselves; the message gives their bid", () => {
    const s = world({ listings: [listing()], bids: [bid("BID-90001", 40, USER)] });
    s.fails(
      "place_bid",
      { listing_id: "ITEM-900001", amount: 100 },
      "conflict",
      /^you are already the high bidder on ITEM-900001 at 40\.00; no need to outbid yourself$/,
    );
  });

  it("bidding is refused on fixed-price listings, ended-early listings and after the closing time, each saying why", () => {
    const s = world({
      listings: [
        listing({ id: "ITEM-900001", format: "fixed_price", start_price: undefined, buy_it_now_price: 25, quantity: 2 }),
        listing({ id: "ITEM-900002", format: "fixed_price", start_price: undefined, buy_it_now_price: 25, quantity: 2, quantity_sold: 2 }),
        listing({ id: "ITEM-900003", status: "ended", ended_at: "2026-09-02T12:00:00Z", end_reason: "lost_or_broken" }),
        listing({ id: "ITEM-900004", ends_at: "2026-09-03T09:00:00Z" }),
        listing({ id: "ITEM-900005", status: "ended", ended_at: "2026-09-05T09:00:00Z", end_reason: "no_sale" }),
      ],
    });
    s.fails(
      "place_bid",
      { listing_id: "ITEM-900001", amount: 30 },
      "failed_precondition",
      /^ITEM-900001 is a fixed-price listing without bidding; buy_it_now for 25\.00$/,
    );
    s.fails("place_bid", { listing_id: "ITEM-900002", amount: 30 }, "failed_precondition", /without bidding; it is no longer available$/);
    s.fails(
      "place_bid",
      { listing_id: "ITEM-900003", amount: 30 },
      "failed_precondition",
      /^ITEM-900003 was ended early on 2026-09-02T12:00:00Z \(lost_or_broken\); bidding is closed$/,
    );
    s.fails(
      "place_bid",
      { listing_id: "ITEM-900004", amount: 30 },
      "failed_precondition",
      /^bidding on ITEM-900004 closed at 2026-09-03T09:00:00Z; it is now 2026-09-03T09:00:00Z\. Search/,
    );
    s.fails("place_bid", { listing_id: "ITEM-900005", amount: 30 }, "failed_precondition", /^bidding on ITEM-900005 closed at 2026-09-05T09:00:00Z;/);
  });

  it("the bid history is highest first, later bids first at equal amounts; the seller sees names, others masked names", () => {
    const bids = [
      bid("BID-90001", 20, MARCUS, "2026-09-02T08:00:00Z"),
      bid("BID-90002", 20, USER, "2026-09-02T09:00:00Z"),
      bid("BID-90003", 15, "hannah.eriksen"),
    ];
    const s = world({
      listings: [listing(), listing({ id: "ITEM-900002", seller: USER })],
      bids: [...bids, ...bids.map((b) => ({ ...b, id: `${b.id}9`, listing_id: "ITEM-900002" }))],
    });
    const seen = s.ok("list_bids", { listing_id: "ITEM-900001" }).items.map((b: Row) => [b.id, b.bidder]);
    expect(seen).toEqual([
      ["BID-90002", "you"],
      ["BID-90001", "m***i"],
      ["BID-90003", "h***n"],
    ]);
    const own = s.ok("list_bids", { listing_id: "ITEM-900002" }).items.map((b: Row) => b.bidder);
    expect(own).toEqual(["you", MARCUS, "hannah.eriksen"]);
  });

  it("get_listing adds the seller's feedback score: positives minus negatives", () => {
    const s = world({ listings: [listing({ seller: "hannah.eriksen" })] });
    expect(s.ok("get_listing", { listing_id: "ITEM-900001" }).seller_feedback_score).toBe(43); // 44 positive, 1 negative
  });
});

describe("marketplace rules: Buy It Now", () => {
  it("the order total is price times quantity plus shipping once; buying more than is left names what is left", () => {
    const fixed = listing({ format: "fixed_price", start_price: undefined, buy_it_now_price: 12.5, quantity: 5, shipping_cost: 4 });
    const s = world({ listings: [fixed, { ...fixed, id: "ITEM-900002", quantity_sold: 4 }] });
    s.fails("buy_it_now", { listing_id: "ITEM-900001", quantity: 6 }, "failed_precondition", /^only 5 of ITEM-900001 are left; buy at most 5$/);
    s.fails("buy_it_now", { listing_id: "ITEM-900002", quantity: 2 }, "failed_precondition", /^only 1 of ITEM-900002 is left; buy at most 1$/);
    const o = s.ok("buy_it_now", { listing_id: "ITEM-900001", quantity: 3 });
    expect(o).toMatchObject({ total: 41.5, item_price: 12.5, shipping_cost: 4, quantity: 3, source: "buy_it_now", status: "paid" });
    expect(s.row("listings", "ITEM-900001")).toMatchObject({ quantity_sold: 3, status: "active" });
    s.ok("buy_it_now", { listing_id: "ITEM-900002", quantity: 1 });
    expect(s.row("listings", "ITEM-900002")).toMatchObject({ quantity_sold: 5, status: "ended", end_reason: "sold" });
  });

  it("Buy It Now on an auction ends it sold to the user; once gone the message says why and gives the minimum bid", () => {
    const s = world({
      listings: [
        listing({ id: "ITEM-900001", buy_it_now_price: 13 }),
        listing({ id: "ITEM-900002", buy_it_now_price: 13 }),
        listing({ id: "ITEM-900003", reserve_price: 50, buy_it_now_price: 80 }),
        listing({ id: "ITEM-900004", status: "ended", ended_at: "2026-09-02T12:00:00Z", winner: MARCUS, sale_price: 12, quantity_sold: 1 }),
        listing({ id: "ITEM-900005" }),
      ],
      bids: [bid("BID-90001", 10, MARCUS, undefined, { listing_id: "ITEM-900002" }), bid("BID-90002", 50, MARCUS, undefined, { listing_id: "ITEM-900003" })],
    });
    s.fails(
      "buy_it_now",
      { listing_id: "ITEM-900002" },
      "failed_precondition",
      /^Buy It Now on ITEM-900002 is gone: bidding has started \(current bid 10\.00\); place_bid of at least 10\.50 instead$/,
    );
    s.fails(
      "buy_it_now",
      { listing_id: "ITEM-900003" },
      "failed_precondition",
      /gone: a bid has met the reserve \(current bid 50\.00\); place_bid of at least 51\.00 instead$/,
    );
    s.fails(
      "buy_it_now",
      { listing_id: "ITEM-900004" },
      "failed_precondition",
      /^ITEM-900004 ended on 2026-09-02T12:00:00Z and was sold; it can no longer be bought$/,
    );
    s.fails(
      "buy_it_now",
      { listing_id: "ITEM-900005" },
      "failed_precondition",
      /^ITEM-900005 is an auction without Buy It Now; place_bid of at least 10\.00 instead$/,
    );
    expect(s.ok("buy_it_now", { listing_id: "ITEM-900001" }).total).toBe(18);
    expect(s.row("listings", "ITEM-900001")).toMatchObject({ status: "ended", end_reason: "sold", winner: USER, sale_price: 13, quantity_sold: 1 });
  });

  it("a sold-out fixed-price listing says so; one ended unsold by the clock gives its end without 'sold'", () => {
    const s = world({
      listings: [
        listing({ id: "ITEM-900001", format: "fixed_price", start_price: undefined, buy_it_now_price: 9, quantity: 2, quantity_sold: 2 }),
        listing({ id: "ITEM-900002", format: "fixed_price", start_price: undefined, buy_it_now_price: 9, ends_at: "2026-09-02T09:00:00Z" }),
      ],
    });
    s.fails("buy_it_now", { listing_id: "ITEM-900001" }, "failed_precondition", /^ITEM-900001 is sold out$/);
    s.fails("buy_it_now", { listing_id: "ITEM-900002" }, "failed_precondition", /^ITEM-900002 ended on 2026-09-02T09:00:00Z; it can no longer be bought$/);
  });
});

describe("marketplace rules: search", () => {
  const rows = [
    listing({ id: "ITEM-900001", title: "Nikon FM2 body", start_price: 30, shipping_cost: 0, ends_at: "2026-09-04T09:00:00Z", condition: "new" }),
    listing({ id: "ITEM-900002", title: "Canon AE-1 with Nikon adapter", start_price: 20, shipping_cost: 15, ends_at: "2026-09-03T21:00:00Z", seller: MARCUS }),
    listing({ id: "ITEM-900003", title: "Leica M6 body", start_price: 100, shipping_cost: 5, ends_at: "2026-09-03T21:00:00Z" }),
    listing({
      id: "ITEM-900004",
      title: "Nikon F3 body",
      start_price: 50,
      shipping_cost: 5,
      ends_at: "2026-09-03T11:00:00Z",
      status: "ended",
      ended_at: "2026-09-02T09:00:00Z",
    }),
  ];
  const bids = [bid("BID-90001", 40, MARCUS, undefined, { listing_id: "ITEM-900001" }), bid("BID-90002", 45, USER, undefined, { listing_id: "ITEM-900001" })];
  const ids = (s: TestSession, a: Row) => s.ok("search_listings", a).items.map((l: Row) => l.id);

  it("every query word must match, in any case; titles starting with a word come first, then ending soonest", () => {
    const s = world({ listings: rows, bids });
    expect(ids(s, { query: "NIKON" })).toEqual(["ITEM-900001", "ITEM-900002"]);
    expect(ids(s, { query: "body" })).toEqual(["ITEM-900003", "ITEM-900001"]);
    expect(ids(s, { query: "nikon  body" })).toEqual(["ITEM-900001"]);
    expect(ids(s, { query: "nikon", include_ended: true })).toEqual(["ITEM-900004", "ITEM-900001", "ITEM-900002"]);
  });

  it("sorts: ending soonest (ties by id), price with shipping both ways, most bids", () => {
    const s = world({ listings: rows, bids });
    expect(ids(s, { sort: "ending_soonest" })).toEqual(["ITEM-900002", "ITEM-900003", "ITEM-900001"]);
    expect(ids(s, {})).toEqual(["ITEM-900002", "ITEM-900003", "ITEM-900001"]);
    expect(ids(s, { sort: "price_low" })).toEqual(["ITEM-900002", "ITEM-900001", "ITEM-900003"]); // 35, 45, 105
    expect(ids(s, { sort: "price_high" })).toEqual(["ITEM-900003", "ITEM-900001", "ITEM-900002"]);
    expect(ids(s, { sort: "most_bids" })).toEqual(["ITEM-900001", "ITEM-900002", "ITEM-900003"]);
  });

  it("price bounds include their ends; free shipping, condition, seller and closing-within filters", () => {
    const s = world({ listings: rows, bids });
    s.fails("search_listings", { seller: "nobody.here" }, "not_found");
    expect(ids(s, { min_price: 45, sort: "price_low" })).toEqual(["ITEM-900001", "ITEM-900003"]);
    expect(ids(s, { max_price: 45, sort: "price_low" })).toEqual(["ITEM-900002", "ITEM-900001"]);
    expect(ids(s, { min_price: 20, max_price: 20 })).toEqual(["ITEM-900002"]);
    expect(ids(s, { free_shipping: true })).toEqual(["ITEM-900001"]);
    expect(ids(s, { condition: "new" })).toEqual(["ITEM-900001"]);
    expect(ids(s, { seller: MARCUS })).toEqual(["ITEM-900002"]);
    expect(ids(s, { ending_within_hours: 12 })).toEqual(["ITEM-900002", "ITEM-900003"]); // closing at exactly now + 12 h counts
    expect(ids(s, { ending_within_hours: 11 })).toEqual([]);
    expect(ids(s, { ending_within_hours: 24, include_ended: true })).toEqual(["ITEM-900002", "ITEM-900003", "ITEM-900001"]);
    expect(ids(s, { buy_it_now_only: true })).toEqual([]);
  });
});

describe("marketplace rules: the watchlist", () => {
  it("watching twice names the date it was added; unwatching something not watched lists what is", () => {
    const s = world({ listings: [listing(), listing({ id: "ITEM-900002", watchers: 0 })] });
    s.fails("unwatch_listing", { listing_id: "ITEM-900001" }, "not_found", /^ITEM-900001 is not on your watchlist, which is empty$/);
    const w = s.ok("watch_listing", { listing_id: "ITEM-900001" });
    expect(w).toMatchObject({ listing_id: "ITEM-900001", current_price: 10, watchers: 1, ends_at: "2026-09-05T09:00:00Z" });
    s.fails(
      "watch_listing",
      { listing_id: "ITEM-900001" },
      "already_exists",
      new RegExp(`^ITEM-900001 is already on your watchlist \\(since ${w.added_at}\\)$`),
    );
    s.fails("unwatch_listing", { listing_id: "ITEM-900002" }, "not_found", /^ITEM-900002 is not on your watchlist; it holds ITEM-900001$/);
    s.edit(marketplace, (db) => db.listings.update("ITEM-900001", { watchers: 0 }));
    expect(s.ok("unwatch_listing", { listing_id: "ITEM-900001" })).toEqual({ removed: "ITEM-900001", remaining: 0 });
    expect(s.row("listings", "ITEM-900001").watchers).toBe(0);
  });

  it("an ended listing cannot be watched: the message gives its end", () => {
    const s = world({ listings: [listing({ ends_at: "2026-09-02T09:00:00Z" })] });
    s.fails(
      "watch_listing",
      { listing_id: "ITEM-900001" },
      "failed_precondition",
      /^ITEM-900001 ended on 2026-09-02T09:00:00Z; only active listings can be watched$/,
    );
  });

  it("the watchlist is ending soonest first, filters by status, says who leads and keeps entries of removed listings", () => {
    const s = world({
      listings: [
        listing({ id: "ITEM-900001" }),
        listing({ id: "ITEM-900002", ends_at: "2026-09-04T09:00:00Z" }),
        listing({ id: "ITEM-900003", ends_at: "2026-09-02T09:00:00Z" }),
      ],
      bids: [bid("BID-90001", 12, USER, undefined, { listing_id: "ITEM-900002" })],
      watch: [
        { listing_id: "ITEM-900001", added_at: "2026-09-01T10:00:00Z" },
        { listing_id: "ITEM-900002", added_at: "2026-09-01T10:00:00Z" },
        { listing_id: "ITEM-900003", added_at: "2026-09-01T10:00:00Z" },
        { listing_id: "ITEM-999999", added_at: "2026-09-01T10:00:00Z" },
      ],
    });
    const all = s.ok("get_watchlist", {}).items;
    expect(all.map((r: Row) => [r.listing_id, r.status, r.you_are_high_bidder])).toEqual([
      ["ITEM-999999", "removed", undefined],
      ["ITEM-900003", "ended", false],
      ["ITEM-900002", "active", true],
      ["ITEM-900001", "active", false],
    ]);
    expect(all[2].watching).toBe(true);
    expect(s.ok("get_watchlist", { status: "active" }).items.map((r: Row) => r.listing_id)).toEqual(["ITEM-900002", "ITEM-900001"]);
  });
});

describe("marketplace rules: creating and editing listings", () => {
  const base = { description: "A working camera with its original strap.", category: "cameras", condition: "used_good" };

  it("an auction runs 7 days by default and a fixed-price listing 30; titles are trimmed, shipping defaults to free and returns to accepted", () => {
    const s = world();
    const a = s.ok("create_listing", { ...base, title: "   Nikon FM2 camera body   ", format: "auction", start_price: 10 });
    expect(a).toMatchObject({ title: "Nikon FM2 camera body", seller: USER, ships_from: "Boston, MA", shipping_cost: 0, returns_accepted: true, quantity: 1 });
    expect(a.ends_at).toBe("2026-09-10T09:00:00Z");
    expect(a.start_price).toBe(10);
    expect("reserve_price" in a || "buy_it_now_price" in a).toBe(false);
    const f = s.ok("create_listing", { ...base, title: "Kodak Portra 400 film", format: "fixed_price", buy_it_now_price: 12, quantity: 20, duration_days: 30 });
    expect(f.ends_at).toBe("2026-10-03T09:01:00Z");
    expect("start_price" in f).toBe(false);
    const r = s.ok("create_listing", {
      ...base,
      title: "Leica M6 camera body",
      format: "auction",
      start_price: 100,
      reserve_price: 500,
      buy_it_now_price: 900,
    });
    expect([r.reserve_price, r.buy_it_now_price]).toEqual([500, 900]);
  });

  it("shipping is 0 (free) to 1,000.00; price bounds of a search start at 0; each refusal names the field", () => {
    const s = world();
    const args = { ...base, title: "Nikon FM2 camera body", format: "auction", start_price: 10 };
    s.fails("create_listing", { ...args, shipping_cost: -1 }, "invalid_arguments", /the shipping cost cannot be negative; use 0 for free shipping/);
    s.fails("create_listing", { ...args, shipping_cost: 1000.01 }, "invalid_arguments", /the shipping cost is at most 1,000\.00/);
    expect(s.ok("create_listing", { ...args, shipping_cost: 1000 }).shipping_cost).toBe(1000);
    expect(s.ok("create_listing", { ...args, shipping_cost: 0 }).shipping_cost).toBe(0);
    s.fails("search_listings", { min_price: -1 }, "invalid_arguments", /min_price cannot be negative/);
    s.fails("search_listings", { max_price: -1 }, "invalid_arguments", /max_price cannot be negative/);
    expect(s.ok("search_listings", { min_price: 0, max_price: 0 }).items).toEqual([]);
  });

  it("a title needs 10 to 80 characters and a description at least 20, each refusal saying so", () => {
    const s = world();
    s.fails(
      "create_listing",
      { ...base, title: "  Nikon FM  ", format: "auction", start_price: 10 },
      "invalid_arguments",
      /a title needs at least 10 characters/,
    );
    s.fails("create_listing", { ...base, title: "N".repeat(81), format: "auction", start_price: 10 }, "invalid_arguments", /titles are at most 80 characters/);
    s.fails(
      "create_listing",
      { ...base, title: "Nikon FM2 body", description: "  too short  ", format: "auction", start_price: 10 },
      "invalid_arguments",
      /describe the item in at least 20 characters/,
    );
  });

  it("prices cannot change once an auction has bids: the message counts the bids and names the fields; other fields still can", () => {
    const s = world({ listings: [listing({ seller: USER })], bids: [bid("BID-90001", 12, MARCUS)] });
    s.fails("edit_listing", { listing_id: "ITEM-900001" }, "invalid_argument", /^nothing to change: pass at least one of title/);
    s.fails(
      "edit_listing",
      { listing_id: "ITEM-900001", reserve_price: 40 },
      "failed_precondition",
      /^ITEM-900001 has 1 bid \(high bid 12\.00\); reserve_price cannot change once bidding has started/,
    );
    s.fails(
      "edit_listing",
      { listing_id: "ITEM-900001", start_price: 5, buy_it_now_price: 40 },
      "failed_precondition",
      /; start_price and buy_it_now_price cannot change/,
    );
    s.edit(marketplace, (db) => db.bids.put(bid("BID-90002", 13, "hannah.eriksen")));
    s.fails(
      "edit_listing",
      { listing_id: "ITEM-900001", buy_it_now_price: 40 },
      "failed_precondition",
      /^ITEM-900001 has 2 bids \(high bid 13\.00\); buy_it_now_price/,
    );
    const r = s.ok("edit_listing", { listing_id: "ITEM-900001", title: "Nikon FM2 chrome body", shipping_cost: 7, condition: "used_very_good" });
    expect(r).toMatchObject({
      title: "Nikon FM2 chrome body",
      shipping_cost: 7,
      condition: "used_very_good",
      changed: ["title", "condition", "shipping_cost"],
    });
    expect(r.description).toBe("Works well, light seals replaced.");
  });

  it("revising only the title keeps the reserve and Buy It Now price", () => {
    const s = world({ listings: [listing({ seller: USER, reserve_price: 50, buy_it_now_price: 80 })] });
    s.ok("edit_listing", { listing_id: "ITEM-900001", title: "Nikon FM2 chrome body" });
    expect(s.row("listings", "ITEM-900001")).toMatchObject({ title: "Nikon FM2 chrome body", reserve_price: 50, buy_it_now_price: 80, start_price: 10 });
  });

  it("every revised field is saved; an auction's quantity can only be 1; a fixed-price quantity must exceed the units sold", () => {
    const s = world({
      listings: [
        listing({ seller: USER }),
        listing({ id: "ITEM-900002", seller: USER, format: "fixed_price", start_price: undefined, buy_it_now_price: 20, quantity: 5, quantity_sold: 3 }),
      ],
    });
    s.fails(
      "edit_listing",
      { listing_id: "ITEM-900001", quantity: 2 },
      "invalid_argument",
      /^an auction sells exactly one item; quantity applies to fixed-price listings$/,
    );
    const a = s.ok("edit_listing", {
      listing_id: "ITEM-900001",
      quantity: 1,
      start_price: 8,
      reserve_price: 30,
      buy_it_now_price: 45,
      returns_accepted: false,
    });
    expect(s.row("listings", "ITEM-900001")).toMatchObject({ quantity: 1, start_price: 8, reserve_price: 30, buy_it_now_price: 45, returns_accepted: false });
    expect(a.changed).toEqual(["start_price", "reserve_price", "buy_it_now_price", "quantity", "returns_accepted"]);
    s.fails(
      "edit_listing",
      { listing_id: "ITEM-900002", quantity: 3 },
      "invalid_argument",
      /^3 units of ITEM-900002 are already sold; the quantity must be at least 4$/,
    );
    s.ok("edit_listing", { listing_id: "ITEM-900002", quantity: 4, buy_it_now_price: 18, shipping_cost: 0 });
    expect(s.row("listings", "ITEM-900002")).toMatchObject({ quantity: 4, buy_it_now_price: 18, shipping_cost: 0 });
  });

  it("an ended listing cannot be edited; an unsold one is pointed to relist_item", () => {
    const s = world({
      listings: [
        listing({ seller: USER, ends_at: "2026-09-02T09:00:00Z" }),
        listing({ id: "ITEM-900002", seller: USER, status: "ended", ended_at: "2026-09-02T10:00:00Z", winner: MARCUS, sale_price: 20, quantity_sold: 1 }),
      ],
    });
    s.fails(
      "edit_listing",
      { listing_id: "ITEM-900001", title: "Nikon FM2 black body" },
      "failed_precondition",
      /^ITEM-900001 ended on 2026-09-02T09:00:00Z and can no longer be edited; relist_item it to sell again$/,
    );
    s.fails(
      "edit_listing",
      { listing_id: "ITEM-900002", title: "Nikon FM2 black body" },
      "failed_precondition",
      /^ITEM-900002 ended on 2026-09-02T10:00:00Z and can no longer be edited$/,
    );
  });
});

describe("marketplace rules: ending a listing early", () => {
  const mine = (ends_at: string, over: Partial<Listing> = {}) => listing({ seller: USER, ends_at, ...over });

  it("with bids it can be ended exactly 12 hours before closing, not one minute later", () => {
    const s = world({
      listings: [mine("2026-09-03T21:00:00Z"), mine("2026-09-03T20:59:00Z", { id: "ITEM-900002" })],
      bids: [bid("BID-90001", 12, MARCUS), bid("BID-90002", 12, MARCUS, undefined, { listing_id: "ITEM-900002" })],
    });
    s.fails(
      "end_listing",
      { listing_id: "ITEM-900002", reason: "not_available" },
      "failed_precondition",
      /^ITEM-900002 has 1 bid and closes at 2026-09-03T20:59:00Z, less than 12 hours from now; a listing with bids cannot be ended in its last 12 hours — let it close$/,
    );
    expect(s.ok("end_listing", { listing_id: "ITEM-900001", reason: "not_available" })).toMatchObject({
      status: "ended",
      end_reason: "not_available",
      cancelled_bids: 1,
    });
  });

  it("the lock message counts bids in the plural", () => {
    const s = world({ listings: [mine("2026-09-03T12:00:00Z")], bids: [bid("BID-90001", 12, MARCUS), bid("BID-90002", 13, "hannah.eriksen")] });
    s.fails("end_listing", { listing_id: "ITEM-900001", reason: "error_in_listing" }, "failed_precondition", /^ITEM-900001 has 2 bids and closes at/);
  });

  it("ending for another reason cancels only this listing's active bids; selling to the high bidder needs the reserve met", () => {
    const s = world({
      listings: [mine("2026-09-05T09:00:00Z", { reserve_price: 50 }), mine("2026-09-05T09:00:00Z", { id: "ITEM-900002" })],
      bids: [
        bid("BID-90001", 40, MARCUS),
        bid("BID-90002", 30, "hannah.eriksen"),
        bid("BID-90003", 20, DARA, undefined, { status: "cancelled" }),
        bid("BID-90004", 20, DARA, undefined, { listing_id: "ITEM-900002" }),
      ],
    });
    s.fails(
      "end_listing",
      { listing_id: "ITEM-900001", reason: "sell_to_high_bidder" },
      "failed_precondition",
      /^the high bid of 40\.00 is below your reserve of 50\.00; end with another reason to cancel the bids/,
    );
    expect(s.ok("end_listing", { listing_id: "ITEM-900001", reason: "lost_or_broken" }).cancelled_bids).toBe(2);
    expect(s.rows("bids").map((b: Row) => [b.id, b.status])).toEqual([
      ["BID-90001", "cancelled"],
      ["BID-90002", "cancelled"],
      ["BID-90003", "cancelled"],
      ["BID-90004", "active"],
    ]);
    s.fails(
      "end_listing",
      { listing_id: "ITEM-900001", reason: "not_available" },
      "failed_precondition",
      /^ITEM-900001 already ended on 2026-09-03T09:00:00Z \(unsold\)$/,
    );
    const sold = s.ok("end_listing", { listing_id: "ITEM-900002", reason: "sell_to_high_bidder" });
    expect(sold).toMatchObject({ outcome: "sold", winner: DARA, sale_price: 20, cancelled_bids: 0 });
    expect(s.row("listings", "ITEM-900002")).toMatchObject({ end_reason: "sell_to_high_bidder", winner: DARA, sale_price: 20, quantity_sold: 1 });
  });

  it("without bids any reason but selling ends it; selling to no one is refused", () => {
    const s = world({ listings: [mine("2026-09-03T10:00:00Z")] });
    s.fails(
      "end_listing",
      { listing_id: "ITEM-900001", reason: "sell_to_high_bidder" },
      "invalid_argument",
      /^ITEM-900001 has no bids to sell to; end it with reason not_available/,
    );
    expect(s.ok("end_listing", { listing_id: "ITEM-900001", reason: "error_in_listing" })).toMatchObject({
      status: "ended",
      outcome: "unsold",
      cancelled_bids: 0,
    });
  });
});

describe("marketplace rules: relisting", () => {
  it("an unsold listing is relisted once, for as many days as before, with its reserve and Buy It Now unless new ones are given", () => {
    const old = listing({ seller: USER, reserve_price: 50, buy_it_now_price: 80, listed_at: "2026-08-27T09:00:00Z", ends_at: "2026-09-01T09:00:00Z" });
    const s = world({ listings: [old, { ...old, id: "ITEM-900002" }] });
    const fresh = s.ok("relist_item", { listing_id: "ITEM-900001" });
    expect(fresh).toMatchObject({
      relisted_from: "ITEM-900001",
      reserve_price: 50,
      buy_it_now_price: 80,
      start_price: 10,
      ends_at: "2026-09-08T09:00:00Z",
      status: "active",
    });
    expect(fresh.description).toBe("Works well, light seals replaced.");
    expect(s.row("listings", "ITEM-900001")).toMatchObject({
      status: "ended",
      ended_at: "2026-09-01T09:00:00Z",
      end_reason: "no_sale",
      relisted_as: fresh.id,
      quantity_sold: 0,
    });
    s.fails("relist_item", { listing_id: "ITEM-900001" }, "already_exists", new RegExp(`^ITEM-900001 was already relisted as ${fresh.id}$`));
    const again = s.ok("relist_item", { listing_id: "ITEM-900002", reserve_price: 60, buy_it_now_price: 90, duration_days: 3 });
    expect(again).toMatchObject({ reserve_price: 60, buy_it_now_price: 90, ends_at: "2026-09-06T09:01:00Z" });
  });

  it("a fixed-price listing of 30 days relists for 30; a one-day auction for one", () => {
    const s = world({
      listings: [
        listing({
          seller: USER,
          format: "fixed_price",
          start_price: undefined,
          buy_it_now_price: 20,
          quantity: 4,
          listed_at: "2026-08-01T09:00:00Z",
          ends_at: "2026-08-31T09:00:00Z",
        }),
        listing({ id: "ITEM-900002", seller: USER, listed_at: "2026-09-01T09:00:00Z", ends_at: "2026-09-02T09:00:00Z" }),
      ],
    });
    expect(s.ok("relist_item", { listing_id: "ITEM-900001" })).toMatchObject({ ends_at: "2026-10-03T09:00:00Z", quantity: 4, quantity_sold: 0 });
    expect(s.ok("relist_item", { listing_id: "ITEM-900002" }).ends_at).toBe("2026-09-04T09:01:00Z");
  });

  it("sold or still active listings are not relisted: the message says to whom and for how much it sold", () => {
    const s = world({
      listings: [
        listing({ seller: USER, status: "ended", ended_at: "2026-09-02T10:00:00Z", winner: MARCUS, sale_price: 30, quantity_sold: 1 }),
        listing({ id: "ITEM-900002", seller: USER }),
      ],
    });
    s.fails(
      "relist_item",
      { listing_id: "ITEM-900001" },
      "failed_precondition",
      /^ITEM-900001 sold to marcus\.rossi for 30\.00; only unsold listings can be relisted/,
    );
    s.fails(
      "relist_item",
      { listing_id: "ITEM-900002" },
      "failed_precondition",
      /^ITEM-900002 is still active until 2026-09-05T09:00:00Z; only ended listings can be relisted/,
    );
  });
});

describe("marketplace rules: the user's listings and sales", () => {
  const sellerWorld = () =>
    world({
      listings: [
        listing({ id: "ITEM-900001", seller: USER, listed_at: "2026-08-20T09:00:00Z", ends_at: "2026-09-01T09:00:00Z", shipping_cost: 6 }),
        listing({ id: "ITEM-900002", seller: USER, listed_at: "2026-08-21T09:00:00Z", ends_at: "2026-09-02T09:00:00Z" }),
        listing({
          id: "ITEM-900003",
          seller: USER,
          listed_at: "2026-08-22T09:00:00Z",
          format: "fixed_price",
          start_price: undefined,
          buy_it_now_price: 9,
          quantity: 3,
        }),
        listing({ id: "ITEM-900004", seller: DARA, ends_at: "2026-09-01T09:00:00Z" }),
        listing({ id: "ITEM-900005", seller: USER, listed_at: "2026-08-23T09:00:00Z", ends_at: "2026-09-01T12:00:00Z", shipping_cost: 0 }),
      ],
      bids: [
        bid("BID-90001", 25.5, MARCUS, undefined, { listing_id: "ITEM-900001" }),
        bid("BID-90002", 30, MARCUS, undefined, { listing_id: "ITEM-900004" }),
        bid("BID-90003", 15, DARA, undefined, { listing_id: "ITEM-900005" }),
      ],
      orders: [
        order({ id: "MO-900001", listing_id: "ITEM-900005", buyer: DARA, seller: USER, source: "auction", paid_at: "2026-09-02T09:00:00Z" }),
        order({
          id: "MO-900002",
          listing_id: "ITEM-900003",
          buyer: MARCUS,
          seller: USER,
          status: "shipped",
          paid_at: "2026-08-25T09:00:00Z",
          shipped_at: "2026-08-26T09:00:00Z",
          carrier: "UPS",
          tracking_number: "1Z999AA10123456784",
        }),
        order({
          id: "MO-900003",
          listing_id: "ITEM-900003",
          buyer: MARCUS,
          seller: USER,
          status: "delivered",
          paid_at: "2026-08-24T09:00:00Z",
          delivered_at: "2026-08-28T09:00:00Z",
        }),
      ],
    });

  it("my listings are newest first and filter by active, ended, sold, unsold and format", () => {
    const s = sellerWorld();
    const ids = (a: Row) => s.ok("list_my_listings", a).items.map((l: Row) => l.id);
    expect(ids({})).toEqual(["ITEM-900005", "ITEM-900003", "ITEM-900002", "ITEM-900001"]);
    expect(ids({ status: "active" })).toEqual(["ITEM-900003"]);
    expect(ids({ status: "ended" })).toEqual(["ITEM-900005", "ITEM-900002", "ITEM-900001"]);
    expect(ids({ status: "sold" })).toEqual(["ITEM-900005", "ITEM-900001"]);
    expect(ids({ status: "unsold" })).toEqual(["ITEM-900002"]);
    expect(ids({ format: "fixed_price" })).toEqual(["ITEM-900003"]);
    expect(s.ok("list_my_listings", {}).items[0].watching).toBe(false);
  });

  it("a won auction without an order awaits payment: the total adds shipping, payment is due 4 days after the close", () => {
    const s = sellerWorld();
    const sales = s.ok("list_marketplace_sales", {}).items;
    expect(sales.map((r: Row) => [r.id ?? r.listing_id, r.status])).toEqual([
      ["MO-900001", "paid"],
      ["ITEM-900001", "awaiting_payment"],
      ["MO-900002", "shipped"],
      ["MO-900003", "delivered"],
    ]);
    expect(sales[1]).toEqual({
      listing_id: "ITEM-900001",
      title: "Nikon FM2 film camera body",
      buyer: MARCUS,
      seller: USER,
      status: "awaiting_payment",
      item_price: 25.5,
      shipping_cost: 6,
      total: 31.5,
      won_at: "2026-09-01T09:00:00Z",
      pay_by: "2026-09-05T09:00:00Z",
    });
    expect(s.ok("list_marketplace_sales", { status: "awaiting_payment" }).items.map((r: Row) => r.listing_id)).toEqual(["ITEM-900001"]);
    expect(s.ok("list_marketplace_sales", { status: "shipped" }).items.map((r: Row) => r.id)).toEqual(["MO-900002"]);
  });

  it("only paid sales are marked shipped; tracking numbers are 8 to 34 letters and digits, stored in capitals", () => {
    const s = sellerWorld();
    for (const bad of ["ABC1234", "!!ABCDEFGH", "ABCDEFGH!!", "A".repeat(35)])
      s.fails(
        "mark_item_shipped",
        { order_id: "MO-900001", carrier: "USPS", tracking_number: bad },
        "invalid_arguments",
        /a tracking number is 8 to 34 letters and digits/,
      );
    s.fails(
      "mark_item_shipped",
      { order_id: "MO-900002", carrier: "USPS", tracking_number: "ABCDEFGH" },
      "failed_precondition",
      /^MO-900002 was already shipped on 2026-08-26T09:00:00Z with UPS \(1Z999AA10123456784\)$/,
    );
    s.fails(
      "mark_item_shipped",
      { order_id: "MO-900003", carrier: "USPS", tracking_number: "ABCDEFGH" },
      "failed_precondition",
      /^MO-900003 was already delivered on 2026-08-28T09:00:00Z$/,
    );
    expect(s.ok("mark_item_shipped", { order_id: "MO-900001", carrier: "DHL", tracking_number: "  jd014600006281  " })).toMatchObject({
      status: "shipped",
      carrier: "DHL",
      tracking_number: "JD014600006281",
      shipped_at: "2026-09-03T09:00:00Z",
    });
  });
});

describe("marketplace rules: paying and feedback", () => {
  it("the winner pays price plus shipping once; the listing is then recorded as sold to them", () => {
    const s = world({
      listings: [listing({ ends_at: "2026-09-02T09:00:00Z", shipping_cost: 7.25 })],
      bids: [bid("BID-90001", 30, USER)],
    });
    expect(s.ok("list_marketplace_purchases", {}).items).toMatchObject([
      { listing_id: "ITEM-900001", status: "awaiting_payment", total: 37.25, pay_by: "2026-09-06T09:00:00Z" },
    ]);
    const o = s.ok("pay_for_won_item", { listing_id: "ITEM-900001" });
    expect(o).toMatchObject({ item_price: 30, shipping_cost: 7.25, total: 37.25, source: "auction", quantity: 1, status: "paid" });
    expect(s.row("listings", "ITEM-900001")).toMatchObject({
      status: "ended",
      ended_at: "2026-09-02T09:00:00Z",
      end_reason: "sold",
      winner: USER,
      sale_price: 30,
      quantity_sold: 1,
    });
    s.fails(
      "pay_for_won_item",
      { listing_id: "ITEM-900001" },
      "already_exists",
      new RegExp(`^you already paid for ITEM-900001: order ${o.id} on ${o.paid_at}$`),
    );
  });

  it("paying for an auction the seller ended by selling to the user keeps how it ended", () => {
    const s = world({
      listings: [
        listing({ status: "ended", ended_at: "2026-09-02T12:00:00Z", end_reason: "sell_to_high_bidder", winner: USER, sale_price: 22, quantity_sold: 1 }),
      ],
      bids: [bid("BID-90001", 22, USER)],
    });
    expect(s.ok("pay_for_won_item", { listing_id: "ITEM-900001" }).total).toBe(27);
    expect(s.row("listings", "ITEM-900001")).toMatchObject({ ended_at: "2026-09-02T12:00:00Z", end_reason: "sell_to_high_bidder", quantity_sold: 1 });
  });

  it("a running auction, one won by another bidder and one ended without a sale cannot be paid, each saying why", () => {
    const s = world({
      listings: [
        listing({ id: "ITEM-900001" }),
        listing({ id: "ITEM-900002", ends_at: "2026-09-02T09:00:00Z" }),
        listing({ id: "ITEM-900003", ends_at: "2026-09-02T09:00:00Z", reserve_price: 50 }),
        listing({ id: "ITEM-900004", ends_at: "2026-09-02T09:00:00Z" }),
      ],
      bids: [bid("BID-90001", 31, MARCUS, undefined, { listing_id: "ITEM-900002" }), bid("BID-90002", 45, USER, undefined, { listing_id: "ITEM-900003" })],
    });
    s.fails("pay_for_won_item", { listing_id: "ITEM-900001" }, "failed_precondition", /^the auction ITEM-900001 is still running until 2026-09-05T09:00:00Z/);
    s.fails("pay_for_won_item", { listing_id: "ITEM-900002" }, "failed_precondition", /^you did not win ITEM-900002: it sold to another bidder for 31\.00$/);
    s.fails(
      "pay_for_won_item",
      { listing_id: "ITEM-900003" },
      "failed_precondition",
      /^ITEM-900003 ended without a sale \(the reserve was not met\); there is nothing to pay$/,
    );
    s.fails("pay_for_won_item", { listing_id: "ITEM-900004" }, "failed_precondition", /^ITEM-900004 ended without a sale; there is nothing to pay$/);
    expect(s.ok("list_marketplace_purchases", {}).items).toEqual([]);
  });

  it("feedback can be left up to 60 days after payment, not 61; once per order; the seller's score and percent follow", () => {
    const s = world({
      listings: [listing({ status: "ended", winner: USER, sale_price: 40, quantity_sold: 1, ended_at: "2026-07-01T09:00:00Z" })],
      orders: [order({ id: "MO-900001", paid_at: "2026-07-05T09:00:00Z" }), order({ id: "MO-900002", paid_at: "2026-07-04T09:00:00Z" })],
      feedback: [
        {
          id: "FB-90001",
          order_id: "MO-900002",
          from: DARA,
          to: USER,
          role: "seller",
          rating: "positive",
          comment: "Fast payment",
          item_title: "Nikon",
          left_at: "2026-07-06T09:00:00Z",
        },
      ],
    });
    s.fails(
      "leave_seller_feedback",
      { order_id: "MO-900002", rating: "positive", comment: "Great" },
      "failed_precondition",
      /^MO-900002 was paid on 2026-07-04, 61 days ago; feedback can be left within 60 days of payment$/,
    );
    expect(s.ok("list_marketplace_purchases", {}).items.map((o: Row) => [o.id, o.feedback_left])).toEqual([
      ["MO-900001", false],
      ["MO-900002", false],
    ]);
    const fb = s.ok("leave_seller_feedback", { order_id: "MO-900001", rating: "negative", comment: "Arrived broken" });
    expect(fb).toMatchObject({ to: DARA, role: "buyer", rating: "negative", seller_feedback_score: 52, seller_positive_percent: 98.1 });
    expect(s.row("members", DARA)).toMatchObject({ positive: 53, neutral: 1, negative: 1 });
    s.fails(
      "leave_seller_feedback",
      { order_id: "MO-900001", rating: "positive", comment: "Sorted out" },
      "already_exists",
      new RegExp(`^you already left negative feedback for MO-900001 on 2026-09-03 \\(${fb.id}\\); one feedback per order$`),
    );
    expect(s.ok("list_marketplace_purchases", { status: "paid" }).items.map((o: Row) => [o.id, o.feedback_left])).toEqual([
      ["MO-900001", true],
      ["MO-900002", false],
    ]);
    s.fails("leave_seller_feedback", { order_id: "MO-900001", rating: "positive", comment: "A" }, "invalid_arguments", /a comment needs at least 2 characters/);
  });
});

describe("marketplace rules: members, feedback and messages", () => {
  const fb = (id: string, to: string, rating: string, left_at: string): Row => ({
    id,
    from: USER,
    to,
    role: "buyer",
    rating,
    comment: "ok",
    item_title: "Camera",
    left_at,
  });

  it("sellers are found by name and location together, a feedback score at least the minimum, Top Rated; most active listings first, then score", () => {
    const s = world({ listings: [listing({ seller: MARCUS }), listing({ id: "ITEM-900002", seller: MARCUS, ends_at: "2026-09-01T09:00:00Z" })] });
    const names = (a: Row) => s.ok("search_sellers", a).items.map((m: Row) => [m.username, m.active_listings, m.feedback_score]);
    expect(names({ location: "Boston, MA" })).toEqual([
      [MARCUS, 1, 56],
      ["victor.lindqvist", 0, 2555],
      ["ximena.martinez", 0, 2442],
      ["grace.hoffman", 0, 2138],
      ["maya.dubois", 0, 437],
      ["daniel.romero", 0, 103],
      [USER, 0, 62],
    ]);
    expect(names({ location: "Boston, MA", top_rated_only: true }).map((r: unknown[]) => r[0])).toEqual([
      "victor.lindqvist",
      "ximena.martinez",
      "grace.hoffman",
    ]);
    expect(names({ query: "hannah", min_feedback_score: 43 })).toEqual([["hannah.eriksen", 0, 43]]);
    expect(names({ query: "hannah", min_feedback_score: 44 })).toEqual([]);
    expect(names({ query: "hannah", location: "Boston" })).toEqual([]);
    expect(names({ query: "hannah", top_rated_only: true })).toEqual([]);
    s.edit(marketplace, (db) => db.members.update("hannah.eriksen", { top_rated: true }));
    expect(names({ query: "hannah", top_rated_only: true })).toEqual([["hannah.eriksen", 0, 43]]);
    expect(s.ok("search_sellers", { query: "hannah" }).items[0]).toMatchObject({
      positive_percent: 97.8,
      is_you: false,
      top_rated: true,
      location: "Denver, CO",
    });
  });

  it("without active listings sellers are ordered by feedback score", () => {
    const s = world();
    expect(s.ok("search_sellers", { location: "Boston, MA" }).items.map((m: Row) => m.username)).toEqual([
      "victor.lindqvist",
      "ximena.martinez",
      "grace.hoffman",
      "maya.dubois",
      "daniel.romero",
      USER,
      MARCUS,
    ]);
  });

  it("a profile lists the member's active listings only and the five latest feedback, newest first; feedback filters by rating", () => {
    const s = world({
      listings: [
        listing({ seller: MARCUS }),
        listing({ id: "ITEM-900002", seller: MARCUS, ends_at: "2026-09-01T09:00:00Z" }),
        listing({ id: "ITEM-900003", seller: DARA }),
      ],
      feedback: [
        fb("FB-90001", MARCUS, "positive", "2026-08-01T09:00:00Z"),
        fb("FB-90002", MARCUS, "negative", "2026-08-06T09:00:00Z"),
        fb("FB-90003", MARCUS, "positive", "2026-08-03T09:00:00Z"),
        fb("FB-90004", MARCUS, "neutral", "2026-08-04T09:00:00Z"),
        fb("FB-90005", MARCUS, "positive", "2026-08-05T09:00:00Z"),
        fb("FB-90006", MARCUS, "positive", "2026-08-02T09:00:00Z"),
        fb("FB-90007", DARA, "positive", "2026-08-09T09:00:00Z"),
      ],
    });
    const p = s.ok("get_seller_profile", { username: MARCUS });
    expect(p.active_listing_ids).toEqual(["ITEM-900001"]);
    expect(p.recent_feedback.map((f: Row) => f.id)).toEqual(["FB-90002", "FB-90005", "FB-90004", "FB-90003", "FB-90006"]);
    expect([p.feedback_score, p.positive_percent]).toEqual([56, 100]);
    const neg = s.ok("list_seller_feedback", { username: MARCUS, rating: "negative" });
    expect(neg.items.map((f: Row) => f.id)).toEqual(["FB-90002"]);
    expect(s.ok("list_seller_feedback", { username: MARCUS }).items.map((f: Row) => f.id)).toEqual([
      "FB-90002",
      "FB-90005",
      "FB-90004",
      "FB-90003",
      "FB-90006",
      "FB-90001",
    ]);
  });

  it("a question gets the subject 'Question about <title>'; a reply 'Re: <subject>' (never twice) and marks the question read", () => {
    const msg = (id: string, subject: string, over: Row = {}): Row => ({
      id,
      listing_id: "ITEM-900002",
      from: DARA,
      to: USER,
      subject,
      body: "Does it ship to Canada?",
      sent_at: "2026-09-02T09:00:00Z",
      read: false,
      ...over,
    });
    const s = world({
      listings: [listing(), listing({ id: "ITEM-900002", seller: USER })],
      messages: [
        msg("MSG-9001", "Shipping"),
        msg("MSG-9002", "Re: Lens"),
        msg("MSG-9003", "Sent one", { from: USER, to: MARCUS, read: false, sent_at: "2026-09-01T09:00:00Z" }),
        msg("MSG-9004", "Between others", { from: DARA, to: MARCUS }),
      ],
    });
    s.fails(
      "send_seller_message",
      { listing_id: "ITEM-900002", body: "Hi" },
      "failed_precondition",
      /^ITEM-900002 is your own listing; answer buyers with reply_to_marketplace_message/,
    );
    s.fails(
      "reply_to_marketplace_message",
      { message_id: "MSG-9003", body: "Hi" },
      "failed_precondition",
      /^MSG-9003 is a message you sent to marcus\.rossi; reply to a message you received/,
    );
    const unread = s.ok("list_marketplace_messages", { unread_only: true, folder: "all" });
    expect([unread.items.map((m: Row) => m.id), unread.unread]).toEqual([["MSG-9001", "MSG-9002"], 2]);
    const q = s.ok("send_seller_message", { listing_id: "ITEM-900001", body: "Is the meter accurate?" });
    expect(q).toMatchObject({ subject: "Question about Nikon FM2 film camera body", to: DARA, from: USER, read: true });
    expect(s.ok("reply_to_marketplace_message", { message_id: "MSG-9001", body: "Yes" })).toMatchObject({
      subject: "Re: Shipping",
      to: DARA,
      read: true,
      in_reply_to: "MSG-9001",
    });
    expect(s.ok("reply_to_marketplace_message", { message_id: "MSG-9002", body: "Yes" }).subject).toBe("Re: Lens");
    expect(s.row("messages", "MSG-9001").read).toBe(true);
    const inbox = s.ok("list_marketplace_messages", {});
    expect([inbox.items.map((m: Row) => m.id), inbox.unread]).toEqual([["MSG-9001", "MSG-9002"], 0]);
    expect(s.ok("list_marketplace_messages", { folder: "sent", listing_id: "ITEM-900001" }).items.map((m: Row) => m.id)).toEqual([q.id]);
    expect(s.ok("list_marketplace_messages", { folder: "all" }).items).toHaveLength(6);
    expect(s.ok("list_marketplace_messages", { folder: "sent" }).items).toHaveLength(4);
    s.fails("send_seller_message", { listing_id: "ITEM-900001", body: "   " }, "invalid_arguments", /the message is empty/);
    s.fails("send_seller_message", { listing_id: "ITEM-900001", body: "x".repeat(2001) }, "invalid_arguments", /a message is at most 2000 characters/);
  });
});

describe("marketplace rules: what the tools tell a model", () => {
  const tool = (name: string) => marketplace.tools.find((t) => t.name === name)!;

  it("the domain is named marketplace, an auction marketplace", () => {
    expect([marketplace.name, marketplace.title]).toEqual(["marketplace", "Auction marketplace"]);
  });

  it("each write tool names what it produces; unwatching and ending are destructive", () => {
    const produces: Record<string, string | undefined> = {
      place_bid: "bid",
      buy_it_now: "marketplace_order",
      watch_listing: "watched_item",
      create_listing: "listing",
      relist_item: "listing",
      pay_for_won_item: "marketplace_order",
      leave_seller_feedback: "feedback",
      send_seller_message: "message",
      reply_to_marketplace_message: "message",
      edit_listing: undefined,
      end_listing: undefined,
      unwatch_listing: undefined,
      mark_item_shipped: undefined,
    };
    for (const [name, kind] of Object.entries(produces)) expect(tool(name).produces, name).toBe(kind);
    expect(marketplace.tools.filter((t) => t.destructive).map((t) => t.name)).toEqual(["unwatch_listing", "end_listing"]);
  });

  it("every argument is described in words of its own, before any id example", () => {
    for (const t of marketplace.tools) {
      for (const [arg, schema] of Object.entries((t.inputSchema as { properties: Record<string, { description?: string }> }).properties)) {
        if (arg === "limit" || arg === "offset" || arg === "cursor") continue;
        expect(schema.description ?? "", `${t.name}.${arg}`).toMatch(/^[A-Za-z0-9'"]/);
      }
    }
  });

  it("an id argument ends with an example id of its kind", () => {
    const props = (name: string) => (tool(name).inputSchema as { properties: Record<string, { description: string }> }).properties;
    expect(props("search_listings").seller?.description).toBe("Only listings of this seller (username) (a member id such as 'maya.okafor')");
    expect(props("get_listing").listing_id?.description).toMatch(/^The listing \(item id\) \(a listing id such as 'ITEM-\d{6}'\)$/);
  });

  it("feedback ratings are positive, neutral or negative; listing statuses and sale states as written", () => {
    const props = (name: string) => (tool(name).inputSchema as { properties: Record<string, { enum?: string[] }> }).properties;
    expect(props("list_seller_feedback").rating?.enum).toEqual(["positive", "neutral", "negative"]);
    expect(props("list_my_listings").status?.enum).toEqual(["active", "ended", "sold", "unsold"]);
    expect(props("list_marketplace_sales").status?.enum).toEqual(["awaiting_payment", "paid", "shipped", "delivered"]);
    expect(props("end_listing").reason?.enum).toEqual(["not_available", "error_in_listing", "lost_or_broken", "sell_to_high_bidder"]);
  });
});
