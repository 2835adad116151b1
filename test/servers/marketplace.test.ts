import { describe, expect, it } from "vitest";
import { formatMoney, roundMoney, time } from "../../ts/servers/framework/index.ts";
import marketplace from "../../ts/servers/marketplace/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(marketplace, 13);

// ---- helpers ---------------------------------------------------------------------------------

type Row = Record<string, any>;
/** Any seed passes; TEST_SEED picks another one. */
const SEED = Number(process.env.TEST_SEED ?? 1);
const open = () => openSession(marketplace, SEED);

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
const user = (s: TestSession): string => s.rows("members").find((m) => m.is_user)!.username;
const liveBids = (s: TestSession, listingId: string) =>
  s
    .rows("bids")
    .filter((b) => b.listing_id === listingId && b.status === "active")
    .sort((a, b) => b.amount - a.amount);
const isLive = (s: TestSession, l: Row) => l.status === "active" && l.ends_at > s.now();

function find(s: TestSession, what: string, where: (l: Row) => boolean): Row {
  const l = s.rows("listings").find(where);
  if (!l) throw new Error(`seed has no ${what}`);
  return l;
}
const mine = (s: TestSession) => (l: Row) => l.seller === user(s);
const theirs = (s: TestSession) => (l: Row) => l.seller !== user(s);

/** The user's live auction with bids and more than 12 hours left. */
const myAuctionWithBids = (s: TestSession) =>
  find(
    s,
    "own auction with bids",
    (l) =>
      mine(s)(l) &&
      isLive(s, l) &&
      l.format === "auction" &&
      !l.reserve_price &&
      liveBids(s, l.id).length > 0 &&
      time.minutesBetween(s.now(), l.ends_at) > 13 * 60,
  );
const myAuctionClosingSoon = (s: TestSession) =>
  find(
    s,
    "own auction closing soon",
    (l) => mine(s)(l) && isLive(s, l) && l.format === "auction" && liveBids(s, l.id).length > 0 && time.minutesBetween(s.now(), l.ends_at) < 12 * 60,
  );
const myAuctionNoBids = (s: TestSession) =>
  find(s, "own auction without bids", (l) => mine(s)(l) && isLive(s, l) && l.format === "auction" && liveBids(s, l.id).length === 0);
const myFixed = (s: TestSession) => find(s, "own fixed-price listing", (l) => mine(s)(l) && isLive(s, l) && l.format === "fixed_price");
const myUnsold = (s: TestSession) => find(s, "own unsold listing", (l) => mine(s)(l) && l.status === "ended" && !l.winner && l.quantity_sold === 0);
const mySold = (s: TestSession) => find(s, "own sold listing", (l) => mine(s)(l) && l.status === "ended" && !!l.winner);
const outbidAuction = (s: TestSession) =>
  find(
    s,
    "auction the user was outbid on",
    (l) => theirs(s)(l) && isLive(s, l) && liveBids(s, l.id).some((b) => b.bidder === user(s)) && liveBids(s, l.id)[0]!.bidder !== user(s),
  );
const leadingAuction = (s: TestSession) => find(s, "auction the user leads", (l) => theirs(s)(l) && isLive(s, l) && liveBids(s, l.id)[0]?.bidder === user(s));
const wonUnpaid = (s: TestSession) => find(s, "won, unpaid auction", (l) => l.winner === user(s) && !s.rows("orders").some((o) => o.listing_id === l.id));
const binWithReserve = (s: TestSession) =>
  find(
    s,
    "auction with reserve and Buy It Now",
    (l) => theirs(s)(l) && isLive(s, l) && l.format === "auction" && l.reserve_price && l.buy_it_now_price && liveBids(s, l.id).length === 0,
  );
const binNoReserve = (s: TestSession) =>
  find(
    s,
    "auction with Buy It Now",
    (l) => theirs(s)(l) && isLive(s, l) && l.format === "auction" && !l.reserve_price && l.buy_it_now_price && liveBids(s, l.id).length === 0,
  );
const multiUnit = (s: TestSession) =>
  find(s, "fixed-price listing with many units", (l) => theirs(s)(l) && isLive(s, l) && l.format === "fixed_price" && l.quantity - l.quantity_sold >= 5);
const otherAuctionWithBids = (s: TestSession) =>
  find(
    s,
    "someone's auction with bids",
    (l) =>
      theirs(s)(l) &&
      isLive(s, l) &&
      l.format === "auction" &&
      !l.buy_it_now_price &&
      !l.reserve_price &&
      liveBids(s, l.id).length > 0 &&
      !liveBids(s, l.id).some((b) => b.bidder === user(s)),
  );
const otherEnded = (s: TestSession) => find(s, "someone's ended listing", (l) => theirs(s)(l) && l.status === "ended" && l.format === "auction");

const AUCTION = {
  title: "Canon AE-1 Program 35mm Film Camera Body",
  description: "Classic SLR, light seals replaced, shutter fires at all speeds.",
  category: "cameras",
  condition: "used_very_good",
  format: "auction",
};

// ---- browsing --------------------------------------------------------------------------------

describe("marketplace: browsing", () => {
  it("search_listings shows active listings by default and filters by words, category, format and price", () => {
    const s = open();
    const all = s.ok("search_listings", { limit: 100 });
    const active = s.rows("listings").filter((l) => isLive(s, l));
    expect(all.total).toBe(active.length);
    const withEnded = s.ok("search_listings", { include_ended: true, limit: 100 });
    expect(withEnded.total).toBe(s.rows("listings").length);

    const sample = active.find((l) => l.format === "auction")!;
    const word = (sample.title as string).split(" ")[0]!;
    const hits = s.ok("search_listings", { query: word.toLowerCase(), limit: 100 });
    expect(hits.items.some((l: Row) => l.id === sample.id)).toBe(true);
    for (const l of hits.items) expect(l.title.toLowerCase()).toContain(word.toLowerCase());

    const auctions = s.ok("search_listings", { format: "fixed_price", category: sample.category, limit: 100 });
    for (const l of auctions.items) expect([l.format, l.category]).toEqual(["fixed_price", sample.category]);

    const cheap = s.ok("search_listings", { min_price: 20, max_price: 100, sort: "price_low", limit: 100 });
    for (const l of cheap.items) expect(l.current_price >= 20 && l.current_price <= 100).toBe(true);
    const totals = cheap.items.map((l: Row) => l.current_price + l.shipping_cost);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  });

  it("search_listings: ending soonest, within hours, Buy It Now only, by seller", () => {
    const s = open();
    const soon = s.ok("search_listings", { ending_within_hours: 24, sort: "ending_soonest", limit: 100 });
    const horizon = time.addMinutes(s.now(), 24 * 60);
    for (const l of soon.items) expect(l.ends_at <= horizon).toBe(true);
    const ends = soon.items.map((l: Row) => l.ends_at);
    expect(ends).toEqual([...ends].sort());
    const bin = s.ok("search_listings", { buy_it_now_only: true, limit: 100 });
    expect(bin.total).toBeGreaterThan(0);
    for (const l of bin.items) expect(l.buy_it_now_available).toBe(true);
    const seller = binNoReserve(s).seller;
    const bySeller = s.ok("search_listings", { seller, include_ended: true, limit: 100 });
    expect(bySeller.total).toBe(s.rows("listings").filter((l) => l.seller === seller).length);
    s.fails("search_listings", { seller: "nobody.here" }, "not_found", /search_sellers/);
  });

  it("get_listing: price, minimum bid, reserve status without revealing the reserve, Buy It Now", () => {
    const s = open();
    const l = binWithReserve(s);
    const v = s.ok("get_listing", { listing_id: l.id });
    expect(v).toMatchObject({
      id: l.id,
      status: "active",
      bid_count: 0,
      current_price: l.start_price,
      minimum_bid: l.start_price,
      has_reserve: true,
      reserve_met: false,
      buy_it_now_price: l.buy_it_now_price,
      buy_it_now_available: true,
      description: l.description,
    });
    expect(v.reserve_price).toBeUndefined();
    const own = myAuctionWithBids(s);
    const high = liveBids(s, own.id)[0]!;
    const ov = s.ok("get_listing", { listing_id: own.id });
    expect(ov).toMatchObject({
      is_yours: true,
      current_price: high.amount,
      minimum_bid: roundMoney(high.amount + increment(high.amount)),
      high_bidder: high.bidder,
    });
    s.fails("get_listing", { listing_id: "ITEM-000001" }, "not_found", /search_listings or list_my_listings/);
  });

  it("list_bids: highest first, other bidders masked, the user's own bids shown as 'you'", () => {
    const s = open();
    const l = outbidAuction(s);
    const r = s.ok("list_bids", { listing_id: l.id });
    const bids = s.rows("bids").filter((b) => b.listing_id === l.id);
    expect(r.total).toBe(bids.length);
    const amounts = r.items.map((b: Row) => b.amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(r.items.some((b: Row) => b.bidder === "you")).toBe(true);
    for (const b of r.items.filter((x: Row) => x.bidder !== "you")) expect(b.bidder).toMatch(/^.\*\*\*.$/);
    s.fails("list_bids", { listing_id: "ITEM-000001" }, "not_found");
  });
});

// ---- bidding ---------------------------------------------------------------------------------

describe("marketplace: bidding", () => {
  it("the minimum bid is the current price plus eBay's increment for its band, at every band's edge", () => {
    // [current high bid, minimum next bid], worked out by hand from eBay's increment table.
    const cases: Array<[number, number]> = [
      [0.99, 1.04],
      [1, 1.25],
      [4.99, 5.24],
      [5, 5.5],
      [24.99, 25.49],
      [25, 26],
      [99.99, 100.99],
      [100, 102.5],
      [249.99, 252.49],
      [250, 255],
      [499.99, 504.99],
      [500, 510],
      [999.99, 1009.99],
      [1000, 1025],
      [2499.99, 2524.99],
      [2500, 2550],
      [4999.99, 5049.99],
      [5000, 5100],
    ];
    const s = open();
    const l = outbidAuction(s);
    const rival = liveBids(s, l.id)[0]!.bidder;
    for (const [high, minimum] of cases) {
      s.edit(marketplace, (db) => {
        for (const b of db.bids.filter((x: { listing_id: string }) => x.listing_id === l.id)) db.bids.delete(b.id);
        db.bids.create({ listing_id: l.id, bidder: rival, amount: high, placed_at: time.addMinutes(s.now(), -5), status: "active" });
      });
      expect(s.ok("get_listing", { listing_id: l.id }).minimum_bid, `after a high bid of ${high}`).toBe(minimum);
    }
  });

  it("place_bid at the minimum makes the user the high bidder", () => {
    const s = open();
    const l = outbidAuction(s);
    const high = liveBids(s, l.id)[0]!;
    const min = roundMoney(high.amount + increment(high.amount));
    const bid = s.ok("place_bid", { listing_id: l.id, amount: min });
    expect(bid.id).toMatch(/^BID-/);
    expect(bid).toMatchObject({
      listing_id: l.id,
      amount: min,
      you_are_high_bidder: true,
      current_price: min,
      minimum_next_bid: roundMoney(min + increment(min)),
    });
    expect(s.row("bids", bid.id)).toMatchObject({ bidder: user(s), amount: min, status: "active" });
    expect(s.ok("get_listing", { listing_id: l.id }).high_bidder).toBe("you");
  });

  it("place_bid: below the increment is refused with the minimum valid bid", () => {
    const s = open();
    const l = outbidAuction(s);
    const high = liveBids(s, l.id)[0]!;
    const min = roundMoney(high.amount + increment(high.amount));
    s.fails(
      "place_bid",
      { listing_id: l.id, amount: roundMoney(min - 0.01) },
      "invalid_argument",
      new RegExp(`current bid on ${l.id} is ${formatMoney(high.amount)} .*minimum bid is ${formatMoney(min)}`),
    );
    const fresh = binNoReserve(s);
    s.fails(
      "place_bid",
      { listing_id: fresh.id, amount: roundMoney(fresh.start_price - 0.5) },
      "invalid_argument",
      new RegExp(`starting price of ${fresh.id} is ${formatMoney(fresh.start_price)}`),
    );
    expect(s.ok("place_bid", { listing_id: fresh.id, amount: fresh.start_price }).bid_count).toBe(1);
  });

  it("place_bid: never on the user's own listing", () => {
    const s = open();
    const own = myAuctionNoBids(s);
    s.fails("place_bid", { listing_id: own.id, amount: 5000 }, "permission_denied", /your own listing/);
  });

  it("place_bid: no bids after the closing time", () => {
    const s = open();
    const l = otherAuctionWithBids(s);
    const min = s.ok("get_listing", { listing_id: l.id }).minimum_bid;
    s.advanceTo(l.ends_at);
    s.fails("place_bid", { listing_id: l.id, amount: min + 50 }, "failed_precondition", new RegExp(`bidding on ${l.id} closed at ${l.ends_at}`));
    expect(s.ok("get_listing", { listing_id: l.id })).toMatchObject({ status: "ended", outcome: "sold" });
  });

  it("place_bid: no bids on ended listings or fixed-price listings", () => {
    const s = open();
    const ended = otherEnded(s);
    s.fails("place_bid", { listing_id: ended.id, amount: 9999 }, "failed_precondition", /closed/);
    const fixed = multiUnit(s);
    s.fails("place_bid", { listing_id: fixed.id, amount: 9999 }, "failed_precondition", /fixed-price listing without bidding; buy_it_now/);
  });

  it("place_bid: the high bidder does not outbid themselves", () => {
    const s = open();
    const l = leadingAuction(s);
    s.fails("place_bid", { listing_id: l.id, amount: 99999 }, "conflict", /already the high bidder/);
  });
});

describe("marketplace: Buy It Now", () => {
  it("buy_it_now on a fixed-price listing: units, total with shipping, units left", () => {
    const s = open();
    const l = multiUnit(s);
    const order = s.ok("buy_it_now", { listing_id: l.id, quantity: 2 });
    expect(order.id).toMatch(/^MO-/);
    expect(order).toMatchObject({
      listing_id: l.id,
      buyer: user(s),
      seller: l.seller,
      quantity: 2,
      item_price: l.buy_it_now_price,
      total: roundMoney(l.buy_it_now_price * 2 + l.shipping_cost),
      status: "paid",
      source: "buy_it_now",
    });
    const left = l.quantity - l.quantity_sold - 2;
    expect(s.ok("get_listing", { listing_id: l.id }).quantity_available).toBe(left);
    s.fails("buy_it_now", { listing_id: l.id, quantity: Math.min(10, left + 1) }, "failed_precondition", new RegExp(`only ${left} of ${l.id}`));
    expect(s.ok("list_marketplace_purchases", { status: "paid" }).items[0].id).toBe(order.id);
  });

  it("buy_it_now of the last units ends a fixed-price listing as sold out", () => {
    const s = open();
    const l = multiUnit(s);
    const left = l.quantity - l.quantity_sold;
    s.ok("buy_it_now", { listing_id: l.id, quantity: Math.min(10, left) });
    if (left > 10) s.ok("buy_it_now", { listing_id: l.id, quantity: left - 10 });
    expect(s.row("listings", l.id)).toMatchObject({ status: "ended", end_reason: "sold", quantity_sold: l.quantity });
    expect(s.ok("get_listing", { listing_id: l.id })).toMatchObject({ status: "ended", outcome: "sold", quantity_available: 0 });
    s.fails("buy_it_now", { listing_id: l.id }, "failed_precondition", /was sold; it can no longer be bought/);
  });

  it("buy_it_now on an auction ends it, sold to the user", () => {
    const s = open();
    const l = binNoReserve(s);
    s.ok("buy_it_now", { listing_id: l.id });
    expect(s.row("listings", l.id)).toMatchObject({ status: "ended", end_reason: "sold", winner: user(s), sale_price: l.buy_it_now_price });
    s.fails("buy_it_now", { listing_id: l.id }, "failed_precondition", /can no longer be bought/);
    s.fails("place_bid", { listing_id: l.id, amount: 99999 }, "failed_precondition", /ended early|closed/);
  });

  it("buy_it_now disappears with the first bid on an auction without reserve", () => {
    const s = open();
    const l = binNoReserve(s);
    s.ok("place_bid", { listing_id: l.id, amount: l.start_price });
    expect(s.ok("get_listing", { listing_id: l.id }).buy_it_now_available).toBe(false);
    s.fails("buy_it_now", { listing_id: l.id }, "failed_precondition", /Buy It Now on .* is gone: bidding has started .* place_bid of at least/);
  });

  it("buy_it_now stays while bids are under the reserve and goes once one meets it", () => {
    const s = open();
    const l = binWithReserve(s);
    expect(l.start_price).toBeLessThan(l.reserve_price);
    const under = s.ok("place_bid", { listing_id: l.id, amount: l.start_price });
    expect(under).toMatchObject({ reserve_met: false, buy_it_now_available: true });
    expect(s.ok("buy_it_now", { listing_id: l.id }).item_price).toBe(l.buy_it_now_price);
    // From the same starting state, a bid at the reserve takes Buy It Now away.
    const t = open();
    const met = t.ok("place_bid", { listing_id: l.id, amount: l.reserve_price });
    expect(met).toMatchObject({ reserve_met: true, buy_it_now_available: false });
    t.fails("buy_it_now", { listing_id: l.id }, "failed_precondition", /a bid has met the reserve/);
  });

  it("buy_it_now: only on listings that offer it, never the user's own", () => {
    const s = open();
    const auction = otherAuctionWithBids(s);
    s.fails("buy_it_now", { listing_id: auction.id }, "failed_precondition", /auction without Buy It Now; place_bid of at least/);
    s.fails("buy_it_now", { listing_id: myFixed(s).id }, "permission_denied", /your own listing/);
    s.fails("buy_it_now", { listing_id: otherEnded(s).id }, "failed_precondition", /no longer be bought/);
    expect(s.call("buy_it_now", { listing_id: multiUnit(s).id, quantity: 11 }).outcome).toBe("invalid_arguments");
  });
});

describe("marketplace: watchlist", () => {
  it("watch_listing adds it and counts the watcher; twice is refused", () => {
    const s = open();
    const watched = new Set(s.rows("watchlist").map((w) => w.listing_id));
    const l = find(
      s,
      "unwatched auction",
      (x) => theirs(s)(x) && isLive(s, x) && x.format === "auction" && !watched.has(x.id) && liveBids(s, x.id).length === 0,
    );
    const at = s.now();
    const w = s.ok("watch_listing", { listing_id: l.id });
    expect(w).toMatchObject({ listing_id: l.id, added_at: at, watchers: l.watchers + 1, current_price: l.start_price });
    expect(s.row("watchlist", l.id)).toEqual({ listing_id: l.id, added_at: at });
    expect(s.row("listings", l.id).watchers).toBe(l.watchers + 1);
    s.fails("watch_listing", { listing_id: l.id }, "already_exists", /already on your watchlist/);
  });

  it("watch_listing: not the user's own, not ended", () => {
    const s = open();
    s.fails("watch_listing", { listing_id: myFixed(s).id }, "failed_precondition", /your own listing/);
    s.fails("watch_listing", { listing_id: otherEnded(s).id }, "failed_precondition", /only active listings/);
  });

  it("unwatch_listing removes it; an unwatched listing is not found", () => {
    const s = open();
    const w = s.rows("watchlist")[0]!;
    const watchers = s.row("listings", w.listing_id).watchers;
    const r = s.ok("unwatch_listing", { listing_id: w.listing_id });
    expect(r).toEqual({ removed: w.listing_id, remaining: s.rows("watchlist").length });
    expect(s.row("listings", w.listing_id).watchers).toBe(watchers - 1);
    s.fails("unwatch_listing", { listing_id: w.listing_id }, "not_found", /not on your watchlist; it holds/);
  });

  it("get_watchlist: ending soonest first, with whether the user leads", () => {
    const s = open();
    const r = s.ok("get_watchlist", {});
    expect(r.total).toBe(s.rows("watchlist").length);
    const ends = r.items.map((x: Row) => x.ends_at);
    expect(ends).toEqual([...ends].sort());
    const lead = leadingAuction(s);
    expect(r.items.find((x: Row) => x.listing_id === lead.id).you_are_high_bidder).toBe(true);
    s.advanceTo(lead.ends_at);
    expect(s.ok("get_watchlist", { status: "ended" }).items.map((x: Row) => x.listing_id)).toContain(lead.id);
  });
});

// ---- selling ---------------------------------------------------------------------------------

describe("marketplace: selling", () => {
  it("create_listing: an auction with reserve and Buy It Now, closing after its duration", () => {
    const s = open();
    const at = s.now();
    const l = s.ok("create_listing", { ...AUCTION, start_price: 80, reserve_price: 120, buy_it_now_price: 150, duration_days: 5, shipping_cost: 9.5 });
    expect(l.id).toMatch(/^ITEM-/);
    expect(l).toMatchObject({
      seller: user(s),
      format: "auction",
      start_price: 80,
      reserve_price: 120,
      buy_it_now_price: 150,
      quantity: 1,
      status: "active",
      listed_at: at,
      ends_at: time.addDays(at, 5),
    });
    const listed = s.ok("list_my_listings", { status: "active" }).items.find((x: Row) => x.id === l.id);
    expect(listed).toMatchObject({ is_yours: true, reserve_price: 120, minimum_bid: 80 });
  });

  it("create_listing: a fixed-price listing with several units runs 30 days by default", () => {
    const s = open();
    const at = s.now();
    const l = s.ok("create_listing", {
      title: "USB-C to HDMI Adapter 4K 60Hz Aluminum",
      description: "Brand new adapters, sealed in retail packaging.",
      category: "electronics",
      condition: "new",
      format: "fixed_price",
      buy_it_now_price: 14.99,
      quantity: 12,
    });
    expect(l).toMatchObject({ format: "fixed_price", quantity: 12, quantity_sold: 0, ends_at: time.addDays(at, 30) });
    expect(l.start_price).toBeUndefined();
  });

  it("create_listing: eBay's price, quantity and duration rules", () => {
    const s = open();
    s.fails("create_listing", { ...AUCTION }, "invalid_argument", /auction needs a start_price/);
    s.fails("create_listing", { ...AUCTION, start_price: 10, quantity: 5 }, "invalid_argument", /exactly one item; to sell 5 units use format fixed_price/);
    s.fails(
      "create_listing",
      { ...AUCTION, start_price: 100, reserve_price: 90 },
      "invalid_argument",
      /reserve_price 90.00 must be above the start_price 100.00/,
    );
    s.fails(
      "create_listing",
      { ...AUCTION, start_price: 100, buy_it_now_price: 120 },
      "invalid_argument",
      /at least 30% above the start_price: at least 130.00/,
    );
    s.fails(
      "create_listing",
      { ...AUCTION, start_price: 100, reserve_price: 200, buy_it_now_price: 150 },
      "invalid_argument",
      /at least the reserve_price 200.00/,
    );
    s.fails("create_listing", { ...AUCTION, start_price: 100, duration_days: 14 }, "invalid_argument", /auctions run 1, 3, 5, 7, 10 days/);
    s.fails("create_listing", { ...AUCTION, format: "fixed_price" }, "invalid_argument", /fixed-price listing needs a buy_it_now_price/);
    s.fails("create_listing", { ...AUCTION, format: "fixed_price", buy_it_now_price: 50, start_price: 10 }, "invalid_argument", /takes no start_price/);
    expect(s.call("create_listing", { ...AUCTION, title: "Camera", start_price: 10 }).outcome).toBe("invalid_arguments");
  });

  it("edit_listing revises a listing without bids, prices included", () => {
    const s = open();
    const l = myAuctionNoBids(s);
    const newStart = roundMoney(l.start_price + 5);
    const bin = l.buy_it_now_price !== undefined ? { buy_it_now_price: roundMoney(Math.max(l.buy_it_now_price, newStart * 1.3) + 1) } : {};
    const r = s.ok("edit_listing", { listing_id: l.id, start_price: newStart, title: "Updated title for my listing here", ...bin });
    expect(r).toMatchObject({ start_price: newStart, title: "Updated title for my listing here", minimum_bid: newStart });
    expect(r.changed.sort()).toEqual(["start_price", "title", ...Object.keys(bin)].sort());
    expect(s.row("listings", l.id).start_price).toBe(newStart);
  });

  it("edit_listing: no price changes once an auction has bids; other fields still change", () => {
    const s = open();
    const l = myAuctionWithBids(s);
    s.fails(
      "edit_listing",
      { listing_id: l.id, start_price: 1 },
      "failed_precondition",
      /bids? \(high bid .*\); start_price cannot change once bidding has started/,
    );
    s.fails("edit_listing", { listing_id: l.id, buy_it_now_price: 9999 }, "failed_precondition", /cannot change once bidding/);
    const r = s.ok("edit_listing", { listing_id: l.id, description: "Now with the original box and manual included." });
    expect(r.description).toBe("Now with the original box and manual included.");
  });

  it("edit_listing: only the user's own active listings, with something to change", () => {
    const s = open();
    s.fails("edit_listing", { listing_id: otherAuctionWithBids(s).id, title: "A title of mine now" }, "permission_denied", /only edit your own listings/);
    s.fails("edit_listing", { listing_id: myUnsold(s).id, title: "A title of mine now" }, "failed_precondition", /ended .* relist_item/);
    s.fails("edit_listing", { listing_id: myFixed(s).id }, "invalid_argument", /nothing to change/);
    const fixed = myFixed(s);
    s.fails("edit_listing", { listing_id: fixed.id, quantity: fixed.quantity_sold }, "invalid_argument", new RegExp(`at least ${fixed.quantity_sold + 1}`));
    s.fails("edit_listing", { listing_id: fixed.id, start_price: 5 }, "invalid_argument", /fixed-price listing takes no start_price/);
  });

  it("end_listing without bids ends it unsold", () => {
    const s = open();
    const l = myAuctionNoBids(s);
    const r = s.ok("end_listing", { listing_id: l.id, reason: "not_available" });
    expect(r).toMatchObject({ status: "ended", outcome: "unsold", end_reason: "not_available", cancelled_bids: 0 });
    s.fails("end_listing", { listing_id: l.id, reason: "not_available" }, "failed_precondition", /already ended/);
    s.fails("end_listing", { listing_id: myFixed(s).id, reason: "sell_to_high_bidder" }, "invalid_argument", /no bids to sell to/);
  });

  it("end_listing with bids: a reason that cancels the bids, or selling to the high bidder", () => {
    const s = open();
    const l = myAuctionWithBids(s);
    const n = liveBids(s, l.id).length;
    const r = s.ok("end_listing", { listing_id: l.id, reason: "lost_or_broken" });
    expect(r).toMatchObject({ outcome: "unsold", cancelled_bids: n });
    expect(liveBids(s, l.id)).toHaveLength(0);

    const t = open();
    const high = liveBids(t, l.id)[0]!;
    const sold = t.ok("end_listing", { listing_id: l.id, reason: "sell_to_high_bidder" });
    expect(sold).toMatchObject({ outcome: "sold", winner: high.bidder, sale_price: high.amount, cancelled_bids: 0 });
    const sale = t.ok("list_marketplace_sales", { status: "awaiting_payment" }).items.find((x: Row) => x.listing_id === l.id);
    expect(sale).toMatchObject({ buyer: high.bidder, item_price: high.amount, total: roundMoney(high.amount + l.shipping_cost) });
  });

  it("end_listing: not with bids in the last 12 hours, not below the reserve, only the user's own", () => {
    const s = open();
    const soon = myAuctionClosingSoon(s);
    s.fails("end_listing", { listing_id: soon.id, reason: "not_available" }, "failed_precondition", /cannot be ended in its last 12 hours/);
    s.fails("end_listing", { listing_id: otherAuctionWithBids(s).id, reason: "not_available" }, "permission_denied", /only end your own listings/);
    const created = s.ok("create_listing", { ...AUCTION, start_price: 50, reserve_price: 300 });
    // Another member bids under the reserve.
    s.edit(marketplace, (db) =>
      db.bids.create({ listing_id: created.id, bidder: otherAuctionWithBids(s).seller, amount: 60, placed_at: s.now(), status: "active" }),
    );
    s.fails("end_listing", { listing_id: created.id, reason: "sell_to_high_bidder" }, "failed_precondition", /below your reserve of 300.00/);
  });

  it("relist_item relists an ended unsold listing once, as a new listing", () => {
    const s = open();
    const old = myUnsold(s);
    const at = s.now();
    const fresh = s.ok("relist_item", { listing_id: old.id, duration_days: 7, start_price: roundMoney(old.start_price * 0.8) });
    expect(fresh.id).not.toBe(old.id);
    expect(fresh).toMatchObject({
      title: old.title,
      status: "active",
      start_price: roundMoney(old.start_price * 0.8),
      relisted_from: old.id,
      ends_at: time.addDays(at, 7),
      bid_count: 0,
    });
    expect(s.row("listings", old.id).relisted_as).toBe(fresh.id);
    s.fails("relist_item", { listing_id: old.id }, "already_exists", new RegExp(`already relisted as ${fresh.id}`));
  });

  it("relist_item: only ended, unsold, own listings", () => {
    const s = open();
    s.fails("relist_item", { listing_id: myAuctionNoBids(s).id }, "failed_precondition", /still active/);
    s.fails("relist_item", { listing_id: mySold(s).id }, "failed_precondition", /sold to .* only unsold listings can be relisted/);
    s.fails("relist_item", { listing_id: otherEnded(s).id }, "permission_denied", /only relist your own/);
    s.fails("relist_item", { listing_id: myUnsold(s).id, duration_days: 2 }, "invalid_argument", /auctions run 1, 3, 5, 7, 10 days/);
  });

  it("relist_item: an auction that closed by the clock without bids can be relisted", () => {
    const s = open();
    const l = myAuctionNoBids(s);
    s.advanceTo(l.ends_at);
    expect(s.ok("get_listing", { listing_id: l.id })).toMatchObject({ status: "ended", outcome: "unsold" });
    const fresh = s.ok("relist_item", { listing_id: l.id });
    expect(s.row("listings", l.id)).toMatchObject({ status: "ended", end_reason: "no_sale", relisted_as: fresh.id });
  });

  it("list_my_listings: the user's listings by status", () => {
    const s = open();
    const all = s.ok("list_my_listings", { limit: 100 });
    expect(all.total).toBe(s.rows("listings").filter((l) => l.seller === user(s)).length);
    for (const l of all.items) expect(l.is_yours).toBe(true);
    const sold = s.ok("list_my_listings", { status: "sold", limit: 100 });
    for (const l of sold.items) expect(l.outcome).toBe("sold");
    const unsold = s.ok("list_my_listings", { status: "unsold", limit: 100 });
    expect(unsold.items.map((l: Row) => l.id)).toContain(myUnsold(s).id);
    expect(s.ok("list_my_listings", { status: "active", format: "fixed_price" }).items.map((l: Row) => l.id)).toEqual([myFixed(s).id]);
  });

  it("list_marketplace_sales and mark_item_shipped: a paid sale ships once, only by its seller", () => {
    const s = open();
    const sales = s.ok("list_marketplace_sales", { limit: 50 });
    expect(sales.items.every((o: Row) => o.seller === user(s))).toBe(true);
    const paid = s.ok("list_marketplace_sales", { status: "paid" }).items[0];
    const r = s.ok("mark_item_shipped", { order_id: paid.id, carrier: "UPS", tracking_number: "1z999aa10123456784" });
    expect(r).toMatchObject({ status: "shipped", carrier: "UPS", tracking_number: "1Z999AA10123456784", shipped_at: r.shipped_at });
    expect(s.row("orders", paid.id).status).toBe("shipped");
    s.fails("mark_item_shipped", { order_id: paid.id, carrier: "UPS", tracking_number: "1Z999AA10123456784" }, "failed_precondition", /already shipped on/);
    const bought = s.rows("orders").find((o) => o.buyer === user(s))!;
    s.fails("mark_item_shipped", { order_id: bought.id, carrier: "USPS", tracking_number: "9400111111111111" }, "permission_denied", /only the seller/);
    expect(s.call("mark_item_shipped", { order_id: paid.id, carrier: "UPS", tracking_number: "abc" }).outcome).toBe("invalid_arguments");
  });
});

// ---- purchases and feedback --------------------------------------------------------------------

describe("marketplace: purchases", () => {
  it("list_marketplace_purchases shows orders and won auctions awaiting payment", () => {
    const s = open();
    const r = s.ok("list_marketplace_purchases", { limit: 50 });
    const orders = s.rows("orders").filter((o) => o.buyer === user(s));
    expect(r.total).toBe(orders.length + 1);
    const won = wonUnpaid(s);
    expect(r.items.find((x: Row) => x.status === "awaiting_payment")).toMatchObject({
      listing_id: won.id,
      item_price: won.sale_price,
      total: roundMoney(won.sale_price + won.shipping_cost),
    });
    const delivered = s.ok("list_marketplace_purchases", { status: "delivered" });
    for (const o of delivered.items) expect(o.status).toBe("delivered");
  });

  it("pay_for_won_item pays a won auction once", () => {
    const s = open();
    const won = wonUnpaid(s);
    const o = s.ok("pay_for_won_item", { listing_id: won.id });
    expect(o).toMatchObject({
      listing_id: won.id,
      buyer: user(s),
      seller: won.seller,
      source: "auction",
      item_price: won.sale_price,
      total: roundMoney(won.sale_price + won.shipping_cost),
      status: "paid",
    });
    expect(s.ok("list_marketplace_purchases", { status: "awaiting_payment" }).total).toBe(0);
    s.fails("pay_for_won_item", { listing_id: won.id }, "already_exists", new RegExp(`already paid for ${won.id}: order ${o.id}`));
  });

  it("pay_for_won_item: only after winning", () => {
    const s = open();
    s.fails("pay_for_won_item", { listing_id: leadingAuction(s).id }, "failed_precondition", /still running/);
    const lost = find(s, "auction someone else won", (l) => l.status === "ended" && l.winner && l.winner !== user(s));
    s.fails("pay_for_won_item", { listing_id: lost.id }, "failed_precondition", /you did not win/);
    s.fails("pay_for_won_item", { listing_id: myUnsold(s).id }, "failed_precondition", /ended without a sale/);
  });

  it("leave_seller_feedback rates a purchase once and moves the seller's score", () => {
    const s = open();
    const o = s.rows("orders").find((x) => x.buyer === user(s) && x.status === "delivered" && !s.rows("feedback").some((f) => f.order_id === x.id))!;
    const seller = s.row("members", o.seller);
    const fb = s.ok("leave_seller_feedback", { order_id: o.id, rating: "negative", comment: "Arrived with a cracked corner." });
    expect(fb.id).toMatch(/^FB-/);
    expect(fb).toMatchObject({ order_id: o.id, to: o.seller, rating: "negative", seller_feedback_score: seller.positive - seller.negative - 1 });
    expect(s.row("members", o.seller).negative).toBe(seller.negative + 1);
    s.fails("leave_seller_feedback", { order_id: o.id, rating: "positive", comment: "Changed my mind" }, "already_exists", /one feedback per order/);
  });

  it("leave_seller_feedback: only for purchases, within 60 days of payment", () => {
    const s = open();
    const sale = s.rows("orders").find((x) => x.seller === user(s))!;
    s.fails("leave_seller_feedback", { order_id: sale.id, rating: "positive", comment: "Great buyer" }, "permission_denied", /rate only orders you bought/);
    const o = s.rows("orders").find((x) => x.buyer === user(s) && !s.rows("feedback").some((f) => f.order_id === x.id))!;
    s.advanceTo(time.addDays(o.paid_at, 61));
    s.fails("leave_seller_feedback", { order_id: o.id, rating: "positive", comment: "Late but happy" }, "failed_precondition", /within 60 days of payment/);
    expect(s.call("leave_seller_feedback", { order_id: o.id, rating: "great", comment: "x y" }).outcome).toBe("invalid_arguments");
  });
});

// ---- members and messages ----------------------------------------------------------------------

describe("marketplace: members and messages", () => {
  it("search_sellers, get_seller_profile and list_seller_feedback agree on the score", () => {
    const s = open();
    const seller = binNoReserve(s).seller;
    const m = s.row("members", seller);
    const hits = s.ok("search_sellers", { query: m.display_name.split(" ")[1] });
    const hit = hits.items.find((x: Row) => x.username === seller);
    expect(hit.feedback_score).toBe(m.positive - m.negative);
    expect(hit.active_listings).toBeGreaterThan(0);
    const profile = s.ok("get_seller_profile", { username: seller });
    expect(profile).toMatchObject({
      username: seller,
      feedback_score: m.positive - m.negative,
      positive_percent: Math.round((m.positive / (m.positive + m.negative)) * 1000) / 10,
    });
    expect(profile.active_listing_ids).toContain(binNoReserve(s).id);
    const fb = s.ok("list_seller_feedback", { username: seller });
    expect(fb.total).toBe(s.rows("feedback").filter((f) => f.to === seller).length);
    expect(profile.recent_feedback.map((f: Row) => f.id)).toEqual(fb.items.slice(0, 5).map((f: Row) => f.id));
    for (const x of s.ok("search_sellers", { min_feedback_score: 500 }).items) expect(x.feedback_score).toBeGreaterThanOrEqual(500);
    s.fails("get_seller_profile", { username: "nobody.here" }, "not_found", /search_sellers/);
  });

  it("send_seller_message asks a seller; never about the user's own listing", () => {
    const s = open();
    const l = binWithReserve(s);
    const m = s.ok("send_seller_message", { listing_id: l.id, body: "Would you take 10% less if I buy today?" });
    expect(m.id).toMatch(/^MSG-/);
    expect(m).toMatchObject({ from: user(s), to: l.seller, subject: `Question about ${l.title}`.slice(0, 120), listing_id: l.id });
    expect(s.ok("list_marketplace_messages", { folder: "sent" }).items[0].id).toBe(m.id);
    s.fails(
      "send_seller_message",
      { listing_id: myFixed(s).id, body: "Hello" },
      "failed_precondition",
      /your own listing; answer buyers with reply_to_marketplace_message/,
    );
    expect(s.call("send_seller_message", { listing_id: l.id, body: "   " }).outcome).toBe("invalid_arguments");
  });

  it("reply_to_marketplace_message answers a received message and marks it read", () => {
    const s = open();
    const unread = s.ok("list_marketplace_messages", { unread_only: true });
    expect(unread.total).toBe(unread.unread);
    const q = unread.items[0];
    const r = s.ok("reply_to_marketplace_message", { message_id: q.id, body: "Yes, it ships tomorrow with tracking." });
    expect(r).toMatchObject({
      to: q.from,
      from: user(s),
      in_reply_to: q.id,
      subject: q.subject.startsWith("Re: ") ? q.subject : `Re: ${q.subject}`,
      listing_id: q.listing_id,
    });
    expect(s.row("messages", q.id).read).toBe(true);
    expect(s.ok("list_marketplace_messages", { unread_only: true }).total).toBe(unread.total - 1);
    s.fails("reply_to_marketplace_message", { message_id: r.id, body: "again" }, "failed_precondition", /a message you sent/);
  });

  it("list_marketplace_messages: inbox, sent, all, by listing", () => {
    const s = open();
    const me = user(s);
    const inbox = s.ok("list_marketplace_messages", {});
    expect(inbox.items.every((m: Row) => m.to === me)).toBe(true);
    const sent = s.ok("list_marketplace_messages", { folder: "sent" });
    expect(sent.items.every((m: Row) => m.from === me)).toBe(true);
    expect(s.ok("list_marketplace_messages", { folder: "all" }).total).toBe(inbox.total + sent.total);
    const l = inbox.items[0].listing_id;
    for (const m of s.ok("list_marketplace_messages", { folder: "all", listing_id: l }).items) expect(m.listing_id).toBe(l);
  });
});

describe("marketplace: scenario", () => {
  it("search → get_listing → watch → bid the minimum → auction closes → pay → seller ships → feedback", () => {
    const s = open();
    const watched = new Set(s.rows("watchlist").map((w) => w.listing_id));
    const target = find(
      s,
      "unwatched auction with bids",
      (l) =>
        theirs(s)(l) &&
        isLive(s, l) &&
        l.format === "auction" &&
        !l.reserve_price &&
        !l.buy_it_now_price &&
        !watched.has(l.id) &&
        liveBids(s, l.id).length > 0 &&
        !liveBids(s, l.id).some((b) => b.bidder === user(s)),
    );
    const hits = s.ok("search_listings", { query: target.title.split(" ").slice(0, 2).join(" "), format: "auction" });
    const hit = hits.items.find((l: Row) => l.id === target.id);
    const listing = s.ok("get_listing", { listing_id: hit.id });
    s.ok("watch_listing", { listing_id: listing.id });
    const bid = s.ok("place_bid", { listing_id: listing.id, amount: listing.minimum_bid });
    expect(bid.you_are_high_bidder).toBe(true);
    s.advanceTo(listing.ends_at);
    const awaiting = s.ok("list_marketplace_purchases", { status: "awaiting_payment" }).items.find((p: Row) => p.listing_id === listing.id);
    expect(awaiting.item_price).toBe(bid.amount);
    const order = s.ok("pay_for_won_item", { listing_id: awaiting.listing_id });
    expect(order.total).toBe(roundMoney(bid.amount + listing.shipping_cost));
    expect(s.row("listings", listing.id)).toMatchObject({ status: "ended", winner: user(s), sale_price: bid.amount });
    const fb = s.ok("leave_seller_feedback", { order_id: order.id, rating: "positive", comment: "Won it fair and square, smooth payment." });
    expect(s.ok("list_seller_feedback", { username: listing.seller }).items[0].id).toBe(fb.id);
  });
});
