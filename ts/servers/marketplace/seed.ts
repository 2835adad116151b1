/**
 * A believable auction marketplace: every world person is a member with a feedback history;
 * about 90 listings across 11 categories from 25 sellers (auctions with bid histories that
 * respect the increments, some with reserves or Buy It Now, and fixed-price listings), plus the
 * user's own selling (live auctions with and without bids, one closing within hours, a
 * fixed-price listing with sales, unsold and sold listings) and buying (auctions they lead or
 * were outbid on, a won auction awaiting payment, past purchases in every shipping stage),
 * a watchlist, buyer questions and feedback.
 */
import { roundMoney, time, type Person, type SeedContext } from "../framework/index.ts";
import {
  CONDITION_LABELS,
  bidIncrement,
  type Bid,
  type Condition,
  type Feedback,
  type Listing,
  type ListingCategory,
  type MarketOrder,
  type Member,
  type Message,
  type WatchedItem,
} from "./state.ts";

interface Item {
  title: string;
  category: ListingCategory;
  value: number;
  about: string;
}

const it = (title: string, category: ListingCategory, value: number, about: string): Item => ({ title, category, value, about });

const ITEMS: readonly Item[] = [
  it("Apple iPhone 13 128GB Midnight Unlocked", "electronics", 420, "Unlocked for all carriers, battery health 88%."),
  it("Samsung Galaxy S22 256GB Phantom Black", "electronics", 380, "Factory unlocked, includes original box and cable."),
  it("Apple iPad Air 5th Gen 64GB Wi-Fi Space Gray", "electronics", 430, "M1 chip, screen protector since day one."),
  it("Sony WH-1000XM4 Wireless Headphones Black", "electronics", 210, "Industry-leading noise cancelling, with carry case."),
  it("Apple AirPods Pro 2nd Generation USB-C", "electronics", 180, "Genuine, serial number shown in photos."),
  it("Bose SoundLink Flex Bluetooth Speaker", "electronics", 110, "Waterproof portable speaker, all original accessories."),
  it("Kindle Paperwhite 11th Gen 8GB", "electronics", 95, "Ad-supported, warm light, USB-C."),
  it("Raspberry Pi 4 Model B 8GB Starter Kit", "electronics", 110, "Board, case, power supply and 64GB card."),
  it("Canon EOS R6 Mirrorless Camera Body", "cameras", 1650, "Shutter count around 18,000, two batteries included."),
  it("Fujifilm X100V Digital Camera Silver", "cameras", 1400, "Includes lens hood, thumb grip and original box."),
  it("Nikon AF-S 50mm f/1.8G Lens", "cameras", 150, "Clean glass, no haze or fungus, caps included."),
  it("Sony FE 24-70mm f/2.8 GM Lens", "cameras", 1350, "Professional zoom, lightly used, UV filter included."),
  it("GoPro HERO11 Black Action Camera", "cameras", 290, "With two batteries, mounts and a 64GB card."),
  it("Polaroid SX-70 Land Camera Vintage", "cameras", 320, "Tested with fresh film, bellows light-tight."),
  it("Nintendo Switch OLED Model White", "video_games", 280, "Console, dock, Joy-Cons and all cables."),
  it("Sony PlayStation 5 Disc Edition Console", "video_games", 420, "Works perfectly, one DualSense controller included."),
  it("The Legend of Zelda: Tears of the Kingdom Switch", "video_games", 45, "Cartridge and case, like new."),
  it("Nintendo Game Boy Color Atomic Purple", "video_games", 95, "Original console, screen has no scratches."),
  it("Super Mario 64 N64 Cartridge Authentic", "video_games", 40, "Authentic cartridge, label in great shape."),
  it("Xbox Series X 1TB Console", "video_games", 390, "Includes controller and HDMI cable."),
  it("Pokemon TCG Scarlet & Violet Booster Box Sealed", "collectibles", 150, "Factory sealed, 36 packs."),
  it("1986 Fleer Basketball Card #57 PSA 6", "collectibles", 1900, "Graded card in slab, well centred."),
  it("Vintage Pyrex Butterprint Mixing Bowl Set", "collectibles", 140, "Four bowls, bright colours, no chips."),
  it("LEGO Star Wars Millennium Falcon 75257 Sealed", "collectibles", 170, "New in sealed box, retired set."),
  it("Funko Pop! Marvel Spider-Man #593 Vaulted", "collectibles", 35, "Box in excellent condition with protector."),
  it("Morgan Silver Dollar 1921 Uncirculated", "collectibles", 60, "Bright, lustrous coin in a capsule."),
  it("Patagonia Better Sweater Fleece Jacket Men's L", "fashion", 85, "Stone grey, no pilling, smoke-free home."),
  it("Levi's 501 Original Fit Jeans 32x32", "fashion", 45, "Dark wash, worn a handful of times."),
  it("Nike Air Jordan 1 Retro High OG Size 10", "fashion", 220, "With original box and extra laces."),
  it("Canada Goose Expedition Parka Women's M", "fashion", 650, "Black, fur ruff removable, authentic."),
  it("Ray-Ban Wayfarer Classic RB2140 Sunglasses", "fashion", 95, "Black frame, green G-15 lenses, with case."),
  it("Coach Tabby Shoulder Bag 26 Leather", "fashion", 260, "Pebbled leather, dust bag included."),
  it("Seiko 5 Sports SRPD55 Automatic Watch", "watches", 230, "Runs well, keeps good time, original bracelet."),
  it("Casio G-Shock GA2100-1A1 CasiOak", "watches", 90, "All black, lightly worn."),
  it("Omega Seamaster Professional 300M 2531.80", "watches", 2900, "Serviced last year, box and papers."),
  it("Apple Watch Series 8 45mm GPS Midnight", "watches", 240, "Battery 92%, sport band and charger."),
  it("Tissot PRX Powermatic 80 Blue Dial", "watches", 520, "Full kit, bracelet unsized."),
  it("KitchenAid Artisan Stand Mixer 5qt Empire Red", "home_garden", 280, "Tilt-head, bowl, beater, hook and whisk."),
  it("Dyson V11 Cordless Vacuum Cleaner", "home_garden", 330, "Strong battery, all attachments."),
  it("Le Creuset Enameled Dutch Oven 5.5 qt Flame", "home_garden", 240, "Light use, no chips in the enamel."),
  it("Breville Barista Express Espresso Machine", "home_garden", 480, "Descaled regularly, with milk jug."),
  it("Weber Spirit II E-310 Gas Grill", "home_garden", 420, "Local pickup preferred, covers included."),
  it("Vitamix 5200 Blender Professional Grade", "home_garden", 260, "64 oz container, works like new."),
  it("Trek FX 3 Disc Hybrid Bike Medium", "sporting_goods", 850, "Carbon fork, hydraulic discs, tuned recently."),
  it("Garmin Forerunner 255 GPS Running Watch", "sporting_goods", 220, "Includes charging cable, screen protector fitted."),
  it("Bowflex SelectTech 552 Adjustable Dumbbells Pair", "sporting_goods", 330, "5-52.5 lb each, with stands."),
  it("TaylorMade Stealth 2 Driver 10.5 Stiff", "sporting_goods", 300, "Headcover and wrench included."),
  it("Osprey Atmos AG 65 Backpack Men's M", "sporting_goods", 210, "Used on two trips, clean."),
  it("YETI Tundra 45 Cooler White", "sporting_goods", 250, "Keeps ice for days, a few scuffs."),
  it("Harry Potter and the Philosopher's Stone Bloomsbury", "books", 380, "Later printing hardcover, dust jacket."),
  it("The Lord of the Rings Illustrated Box Set", "books", 140, "Three hardcovers in slipcase, Alan Lee art."),
  it("Dune by Frank Herbert 1984 Hardcover", "books", 75, "Book club edition, jacket shows light wear."),
  it("Calvin and Hobbes Complete Collection Box Set", "books", 110, "Four-volume hardcover set."),
  it("Fender Player Stratocaster Electric Guitar", "musical_instruments", 680, "Pau ferro board, setup with 10s."),
  it("Yamaha P-125 88-Key Digital Piano", "musical_instruments", 520, "With sustain pedal and music rest."),
  it("Gibson Les Paul Studio Ebony", "musical_instruments", 1200, "Hard case included, plays great."),
  it("Roland TD-07KV Electronic Drum Kit", "musical_instruments", 700, "Mesh heads, Bluetooth audio."),
  it("Shure SM7B Vocal Microphone", "musical_instruments", 330, "Studio kept, windscreen included."),
  it("Hot Wheels Redline 1968 Custom Camaro", "toys", 120, "Original paint, wheels spin freely."),
  it("American Girl Doll Samantha Retired", "toys", 180, "Original outfit and accessories."),
  it("Barbie Dreamhouse 2023 Complete", "toys", 150, "All pieces and furniture present."),
  it("Vintage Star Wars Kenner Darth Vader 1977", "toys", 95, "Loose figure with lightsaber."),
  it("Melissa & Doug Wooden Kitchen Play Set", "toys", 90, "Sturdy and complete, smoke-free home."),
];

const CONDITION_FACTOR: Readonly<Record<Condition, number>> = {
  new: 1,
  open_box: 0.88,
  used_like_new: 0.8,
  used_very_good: 0.7,
  used_good: 0.6,
  used_acceptable: 0.45,
  for_parts: 0.25,
};

const TITLE_SUFFIX: Readonly<Record<Condition, readonly string[]>> = {
  new: ["Brand New Sealed", "New in Box", "NEW"],
  open_box: ["Open Box", "Open Box Unused"],
  used_like_new: ["Excellent Condition", "Like New", "Mint"],
  used_very_good: ["Very Good Condition", "Great Shape"],
  used_good: ["Good Condition", "Tested Working"],
  used_acceptable: ["Well Used", "Works, Cosmetic Wear"],
  for_parts: ["For Parts / Repair", "AS-IS Not Working"],
};

const FEEDBACK_COMMENTS: Readonly<Record<Feedback["rating"], readonly string[]>> = {
  positive: [
    "Fast shipping, item exactly as described. A+++",
    "Great seller, well packed, would buy again!",
    "Smooth transaction, thank you!",
    "Item better than the photos. Highly recommended.",
    "Quick payment, great buyer.",
  ],
  neutral: ["Item OK but shipping took a while.", "As described, packaging could be better."],
  negative: ["Item not as described, seller slow to respond.", "Arrived damaged, no reply to messages."],
};

/** Round like sellers do: 49.99, 120.00, 89.50… */
function sellerPrice(amount: number, rng: SeedContext["rng"]): number {
  if (amount < 20) return roundMoney(Math.max(0.99, Math.floor(amount) + 0.99));
  return roundMoney(Math.floor(amount) + rng.pick([0, 0.99, 0.99, 0.5]));
}

function clampTitle(s: string): string {
  return s.length <= 80 ? s : s.slice(0, 80).trimEnd();
}

interface Plan {
  seller: string;
  item: Item;
  condition?: Condition;
  format: "auction" | "fixed_price";
  /** Minutes from now to the closing time (negative: already closed). */
  endsIn: number;
  bids?: number;
  reserve?: boolean;
  bin?: boolean;
  quantity?: number;
}

type Placed = { l: Listing; bs: Bid[] };

export function seedMarketplace(ctx: SeedContext) {
  const m = new Market(ctx);
  m.othersListings();
  m.buyItNowListings();
  const { leading, outbid } = m.userBidding();
  m.pastPurchases();
  m.userSelling();
  m.pastSales();
  m.sellerFeedback();
  m.lifetimeCounts();
  const watchlist = m.watchlist(leading, outbid);
  const messages = m.messages(leading);
  return { members: m.members, listings: m.listings, bids: m.bids, watchlist, messages, orders: m.orders, feedback: m.feedback };
}

/**
 * The marketplace, built as it came to be: members, other people's listings with their bidding,
 * the user's bids, buys and sales (each closed listing closed as the clock would have), feedback
 * on sellers, lifetime counts, the watchlist and the messages.
 */
class Market {
  readonly members: Member[];
  readonly listings: Listing[] = [];
  readonly bids: Bid[] = [];
  readonly orders: MarketOrder[] = [];
  readonly feedback: Feedback[] = [];
  readonly me: string;
  readonly sellers: Person[];
  readonly others: string[];
  private readonly items: Item[];
  private cursor = 0;

  constructor(private readonly ctx: SeedContext) {
    const { rng, world } = ctx;
    this.members = [world.user, ...world.people].map((p, i) => ({
      username: p.handle,
      display_name: p.full_name,
      location: `${p.address.city}, ${p.address.region}`,
      member_since: time.addDays(world.today, -rng.int(i === 0 ? 900 : 200, 5200)),
      positive: 0,
      neutral: 0,
      negative: 0,
      is_user: i === 0,
      top_rated: false,
    }));
    this.me = world.user.handle;
    this.sellers = rng.sample(world.people, 25);
    this.others = world.people.map((p) => p.handle);
    this.items = rng.shuffle(ITEMS);
  }

  private get rng() {
    return this.ctx.rng;
  }
  private get now() {
    return this.ctx.world.now;
  }
  private nextItem(): Item {
    return this.items[this.cursor++ % this.items.length]!;
  }
  private pickSeller(): string {
    return this.rng.pick(this.sellers).handle;
  }

  /** Bid history from the start price up, alternating bidders, within [from, to], staying under `cap`. */
  private bidHistory(l: Listing, count: number, from: string, to: string, exclude: readonly string[], cap: number): Bid[] {
    const { rng } = this;
    const out: Bid[] = [];
    let price = l.start_price ?? 1;
    let last = "";
    const span = Math.max(10, time.minutesBetween(from, to));
    for (let k = 0; k < count; k++) {
      const amount = k === 0 ? price : roundMoney(price + bidIncrement(price) * rng.pick([1, 1, 2, 3, 4]) + (rng.bool(0.3) ? rng.int(0, 9) : 0));
      if (k > 0 && amount > cap) break;
      const bidder = rng.pick(this.others.filter((u) => u !== last && !exclude.includes(u)));
      out.push({
        id: "",
        listing_id: l.id,
        bidder,
        amount,
        placed_at: time.addMinutes(from, Math.floor((span * (k + 1)) / (count + 1)) - rng.int(0, 5)),
        status: "active",
      });
      price = amount;
      last = bidder;
    }
    return out;
  }

  /** A listing of a plan: condition, prices around what the item is worth in that condition, listed long enough before it ends. */
  private makeListing(p: Plan): Listing {
    const { rng } = this;
    const condition =
      p.condition ??
      (rng.bool(0.25)
        ? "new"
        : rng.weighted<Condition>([
            ["open_box", 1],
            ["used_like_new", 4],
            ["used_very_good", 4],
            ["used_good", 3],
            ["used_acceptable", 1],
            ["for_parts", 0.5],
          ]));
    const worth = p.item.value * CONDITION_FACTOR[condition];
    const seller = this.members.find((m) => m.username === p.seller)!;
    // Listed in the past: the duration covers the time left plus at least an hour.
    const fits = (p.format === "auction" ? [3, 5, 7, 7, 10] : [30]).filter((d) => d * 1440 > p.endsIn + 60);
    const duration = fits.length ? rng.pick(fits) : p.format === "auction" ? 10 : 30;
    const ends_at = time.addMinutes(this.now, p.endsIn);
    const l: Listing = {
      id: this.ctx.id("listings"),
      seller: p.seller,
      title: clampTitle(`${p.item.title} - ${rng.pick(TITLE_SUFFIX[condition])}`),
      description: `${p.item.about} Condition: ${CONDITION_LABELS[condition]}. ${rng.pick(["Ships within 1 business day.", "Ships next day, well packed.", "Combined shipping available.", "Ships within 2 business days with tracking."])}`,
      category: p.item.category,
      condition,
      format: p.format,
      quantity:
        p.format === "fixed_price"
          ? (p.quantity ??
            rng.weighted([
              [1, 6],
              [2, 1],
              [5, 1],
              [10, 1],
            ] as const))
          : 1,
      quantity_sold: 0,
      shipping_cost: rng.weighted([
        [0, 4],
        [rng.pick([5.99, 8.5, 12.99, 19.99]), 5],
      ] as const),
      ships_from: seller.location,
      returns_accepted: rng.bool(0.6),
      listed_at: time.addDays(ends_at, -duration),
      ends_at,
      status: "active",
      watchers: rng.int(0, 40),
    };
    if (p.format === "auction") {
      l.start_price = sellerPrice(Math.max(0.99, worth * rng.float(0.25, 0.7)), rng);
      if (p.reserve) l.reserve_price = sellerPrice(Math.max(l.start_price * 1.2, worth * rng.float(0.85, 1)), rng);
      if (p.bin) l.buy_it_now_price = sellerPrice(Math.max(l.start_price * 1.35, (l.reserve_price ?? 0) * 1.05, worth * rng.float(1.05, 1.25)), rng);
    } else l.buy_it_now_price = sellerPrice(worth * rng.float(0.9, 1.12), rng);
    return l;
  }

  /** Adds a listing with its bids; the cap keeps bidding near what the item is worth; `extra` bids come last (the user's and a rival's). */
  add(p: Plan, extra: Array<{ bidder: string; over: number }> = []): Placed {
    const l = this.makeListing(p);
    const closeAt = p.endsIn < 0 ? l.ends_at : this.now;
    const worth = p.item.value * CONDITION_FACTOR[l.condition];
    const bs =
      p.format === "auction" && (p.bids ?? 0) > 0
        ? this.bidHistory(l, p.bids ?? 0, l.listed_at, time.addMinutes(closeAt, -30), [l.seller, this.me], worth * 1.05)
        : [];
    let last = bs[bs.length - 1];
    for (const e of extra) {
      const base = last?.amount ?? l.start_price ?? 1;
      const at = time.addMinutes(closeAt, -this.rng.int(5, 25));
      const b: Bid = {
        id: "",
        listing_id: l.id,
        bidder: e.bidder,
        amount: last ? roundMoney(base + bidIncrement(base) * e.over) : base,
        placed_at: last && last.placed_at > at ? time.addMinutes(last.placed_at, 3) : at,
        status: "active",
      };
      bs.push(b);
      last = b;
    }
    // An auction's Buy It Now only survives while bidding has not met its terms.
    if (
      l.format === "auction" &&
      l.buy_it_now_price !== undefined &&
      bs.length > 0 &&
      (l.reserve_price === undefined || (last?.amount ?? 0) >= l.reserve_price)
    )
      delete l.buy_it_now_price;
    this.listings.push(l);
    for (const b of bs) this.bids.push({ ...b, id: this.ctx.id("bids") });
    return { l, bs };
  }

  /** Closes a listing as the clock would have: sold to the high bidder when the reserve was met, else no sale. */
  close(l: Listing, bs: readonly Bid[]): void {
    l.status = "ended";
    l.ended_at = l.ends_at;
    const high = bs[bs.length - 1];
    if (l.format === "auction" && high && (l.reserve_price === undefined || high.amount >= l.reserve_price))
      Object.assign(l, { end_reason: "sold", winner: high.bidder, sale_price: high.amount, quantity_sold: 1 });
    else l.end_reason = l.quantity_sold > 0 ? "sold" : "no_sale";
  }

  /** 78 listings of 25 sellers: two thirds auctions, mostly live, every ninth already closed. */
  othersListings(): void {
    const { rng } = this;
    for (let i = 0; i < 78; i++) {
      const auction = rng.bool(0.65);
      const ended = i % 9 === 8;
      const { l, bs } = this.add({
        seller: this.sellers[i % this.sellers.length]!.handle,
        item: this.nextItem(),
        format: auction ? "auction" : "fixed_price",
        endsIn: ended ? -rng.int(60, 6 * 1440) : auction ? rng.int(45, 9 * 1440) : rng.int(2 * 1440, 29 * 1440),
        bids: auction
          ? rng.weighted([
              [0, 3],
              [rng.int(1, 4), 4],
              [rng.int(5, 14), 3],
            ] as const)
          : 0,
        reserve: auction && rng.bool(0.2),
        bin: auction && rng.bool(0.25),
      });
      if (!auction && rng.bool(0.3)) l.quantity_sold = Math.min(l.quantity - 1, rng.int(0, 3));
      if (ended) this.close(l, bs);
    }
  }

  /** Listings whose Buy It Now rules tests and tasks rely on: an auction with a reserve, one without, and a fixed price with many units. */
  buyItNowListings(): void {
    const { rng, sellers } = this;
    this.add({ seller: sellers[0]!.handle, item: this.nextItem(), format: "auction", endsIn: 2 * 1440 + rng.int(0, 600), bids: 0, reserve: true, bin: true });
    this.add({ seller: sellers[1]!.handle, item: this.nextItem(), format: "auction", endsIn: 3 * 1440 + rng.int(0, 600), bids: 0, bin: true });
    this.add({ seller: sellers[2]!.handle, item: this.nextItem(), format: "fixed_price", endsIn: 25 * 1440, quantity: 10, condition: "new" });
  }

  /** The user leads one live auction, was outbid on another, and won one two days ago (not paid yet). */
  userBidding(): { leading: Placed; outbid: Placed } {
    const { rng, me } = this;
    const leading = this.add({ seller: this.pickSeller(), item: this.nextItem(), format: "auction", endsIn: rng.int(26 * 60, 4 * 1440), bids: rng.int(2, 5) }, [
      { bidder: me, over: 1 },
    ]);
    const outbidSeller = this.pickSeller();
    const rival = this.others.find((u) => u !== outbidSeller && u !== me)!;
    const outbid = this.add({ seller: outbidSeller, item: this.nextItem(), format: "auction", endsIn: rng.int(20 * 60, 3 * 1440), bids: rng.int(1, 4) }, [
      { bidder: me, over: 1 },
      { bidder: rival, over: 2 },
    ]);
    const won = this.add({ seller: this.pickSeller(), item: this.nextItem(), format: "auction", endsIn: -2 * 1440 + rng.int(-300, 300), bids: rng.int(2, 6) }, [
      { bidder: me, over: 1 },
    ]);
    this.close(won.l, won.bs);
    return { leading, outbid };
  }

  /** Shipping of an order paid at `paidAt`: carrier, tracking, and delivery for delivered ones. */
  private shipping(o: MarketOrder, carrier: "USPS" | "UPS" | "FedEx", afterMinutes: number, deliveryDays: number): void {
    const { rng } = this;
    const tracking = carrier === "UPS" ? `1Z${rng.hex(8).toUpperCase()}${rng.digits(8)}` : carrier === "USPS" ? `9400${rng.digits(18)}` : rng.digits(12);
    Object.assign(o, { shipped_at: time.addMinutes(o.paid_at, afterMinutes), carrier, tracking_number: tracking });
    if (o.status === "delivered") o.delivered_at = time.addDays(o.shipped_at!, deliveryDays);
  }

  private order(l: Listing, buyer: string, source: MarketOrder["source"], price: number, status: MarketOrder["status"], paidAt: string): MarketOrder {
    return {
      id: this.ctx.id("orders"),
      listing_id: l.id,
      title: l.title,
      buyer,
      seller: l.seller,
      source,
      quantity: 1,
      item_price: price,
      shipping_cost: l.shipping_cost,
      total: roundMoney(price + l.shipping_cost),
      status,
      paid_at: paidAt,
    };
  }

  /** Things the user bought: delivered (with and without feedback), shipped, and paid yesterday; by auction or Buy It Now. */
  pastPurchases(): void {
    const { rng, me } = this;
    const stages: Array<{ daysAgo: number; status: MarketOrder["status"]; feedback: boolean; bin: boolean }> = [
      { daysAgo: 75, status: "delivered", feedback: true, bin: false },
      { daysAgo: 21, status: "delivered", feedback: true, bin: true },
      { daysAgo: 9, status: "delivered", feedback: false, bin: false },
      { daysAgo: 4, status: "shipped", feedback: false, bin: true },
      { daysAgo: 1, status: "paid", feedback: false, bin: true },
    ];
    for (const stage of stages) {
      const endsIn = -stage.daysAgo * 1440 - rng.int(60, 600);
      const { l, bs } = stage.bin
        ? this.add({ seller: this.pickSeller(), item: this.nextItem(), format: "fixed_price", endsIn: endsIn + 20 * 1440, quantity: 1 })
        : this.add({ seller: this.pickSeller(), item: this.nextItem(), format: "auction", endsIn, bids: rng.int(2, 6) }, [{ bidder: me, over: 1 }]);
      let paidAt: string;
      if (stage.bin) {
        paidAt = time.addMinutes(this.now, endsIn);
        Object.assign(l, { status: "ended", ended_at: paidAt, end_reason: "sold", quantity_sold: 1, ends_at: paidAt });
      } else {
        this.close(l, bs);
        paidAt = time.addMinutes(l.ends_at, rng.int(20, 300));
      }
      const o = this.order(l, me, stage.bin ? "buy_it_now" : "auction", stage.bin ? l.buy_it_now_price! : l.sale_price!, stage.status, paidAt);
      if (stage.status !== "paid") this.shipping(o, rng.pick(["USPS", "UPS", "FedEx"] as const), rng.int(600, 2000), rng.int(2, 5));
      this.orders.push(o);
      if (stage.feedback)
        this.feedback.push({
          id: this.ctx.id("feedback"),
          order_id: o.id,
          from: me,
          to: l.seller,
          role: "buyer",
          rating: "positive",
          comment: rng.pick(FEEDBACK_COMMENTS.positive.slice(0, 4)),
          item_title: l.title,
          left_at: time.addDays(o.delivered_at ?? paidAt, 1),
        });
    }
  }

  /** The user's live listings: auctions with and without bids, one with a reserve, a fixed price with one unit sold; and one that closed unsold. */
  userSelling(): void {
    const { rng, me } = this;
    const mine = (p: Omit<Plan, "seller">) => this.add({ ...p, seller: me });
    mine({ item: this.nextItem(), format: "auction", endsIn: 3 * 1440 + rng.int(0, 600), bids: rng.int(3, 6), condition: "used_very_good" });
    mine({ item: this.nextItem(), format: "auction", endsIn: rng.int(4 * 60, 8 * 60), bids: rng.int(2, 4), condition: "used_like_new" });
    mine({ item: this.nextItem(), format: "auction", endsIn: 5 * 1440 + rng.int(0, 600), bids: 0, bin: true, condition: "used_good" });
    const { l } = mine({ item: this.nextItem(), format: "fixed_price", endsIn: 22 * 1440, quantity: 5, condition: "new" });
    l.quantity_sold = 1;
    const sold = this.order(l, rng.pick(this.others), "buy_it_now", l.buy_it_now_price!, "delivered", time.addMinutes(l.listed_at, rng.int(600, 3000)));
    Object.assign(sold, {
      shipped_at: time.addMinutes(sold.paid_at, 1000),
      carrier: "UPS",
      tracking_number: `1Z${rng.hex(8).toUpperCase()}${rng.digits(8)}`,
      delivered_at: time.addDays(sold.paid_at, 3),
    });
    this.orders.push(sold);
    mine({ item: this.nextItem(), format: "auction", endsIn: 2 * 1440 + rng.int(0, 300), bids: rng.int(1, 3), reserve: true, condition: "used_like_new" });
    const unsold = mine({ item: this.nextItem(), format: "auction", endsIn: -3 * 1440, bids: 0, condition: "used_good" });
    this.close(unsold.l, unsold.bs);
  }

  /** Auctions the user sold: paid two days ago, shipped, and delivered a month ago with the buyer's feedback. */
  pastSales(): void {
    const { rng, me } = this;
    for (const s of [
      { status: "paid", daysAgo: 2 },
      { status: "shipped", daysAgo: 6 },
      { status: "delivered", daysAgo: 30 },
    ] as const) {
      const { l, bs } = this.add({ seller: me, item: this.nextItem(), format: "auction", endsIn: -s.daysAgo * 1440 - rng.int(60, 400), bids: rng.int(2, 7) });
      this.close(l, bs);
      const o = this.order(l, l.winner!, "auction", l.sale_price!, s.status, time.addMinutes(l.ends_at, rng.int(30, 400)));
      if (s.status !== "paid") {
        Object.assign(o, { shipped_at: time.addMinutes(o.paid_at, 900), carrier: "USPS", tracking_number: `9400${rng.digits(18)}` });
        if (s.status === "delivered") {
          o.delivered_at = time.addDays(o.shipped_at!, 3);
          this.feedback.push({
            id: this.ctx.id("feedback"),
            order_id: o.id,
            from: o.buyer,
            to: me,
            role: "buyer",
            rating: "positive",
            comment: rng.pick(FEEDBACK_COMMENTS.positive.slice(0, 4)),
            item_title: l.title,
            left_at: time.addDays(o.delivered_at, 1),
          });
        }
      }
      this.orders.push(o);
    }
  }

  /** Two to four recent ratings for every seller from other members, mostly positive. */
  sellerFeedback(): void {
    const { rng } = this;
    for (const s of this.sellers) {
      for (let k = rng.int(2, 4); k > 0; k--) {
        const rating = rng.weighted([
          ["positive", 18],
          ["neutral", 1],
          ["negative", 1],
        ] as const);
        this.feedback.push({
          id: this.ctx.id("feedback"),
          from: rng.pick(this.others.filter((u) => u !== s.handle)),
          to: s.handle,
          role: "buyer",
          rating,
          comment: rng.pick(FEEDBACK_COMMENTS[rating]),
          item_title: rng.pick(ITEMS).title,
          left_at: time.addMinutes(this.now, -rng.int(600, 120 * 1440)),
        });
      }
    }
    this.feedback.sort((a, b) => (a.left_at < b.left_at ? -1 : 1));
  }

  /** Lifetime counts: the recent feedback plus an older history; Top Rated needs 500+ positives and under 1% negatives. */
  lifetimeCounts(): void {
    const { rng } = this;
    for (const m of this.members) {
      const received = this.feedback.filter((f) => f.to === m.username);
      const seller = this.sellers.some((s) => s.handle === m.username);
      const history = seller ? rng.int(40, 2600) : rng.int(2, 120);
      m.positive = received.filter((f) => f.rating === "positive").length + history;
      m.neutral = received.filter((f) => f.rating === "neutral").length + rng.int(0, Math.ceil(history / 150));
      m.negative = received.filter((f) => f.rating === "negative").length + rng.int(0, Math.ceil(history / 200));
      m.top_rated = seller && m.positive > 500 && m.negative * 100 < m.positive;
    }
  }

  /** The auctions the user bid on and four other live listings, added after they were listed. */
  watchlist(leading: Placed, outbid: Placed): WatchedItem[] {
    const watchable = this.listings.filter((l) => l.seller !== this.me && l.status === "active" && l.ends_at > this.now && l !== leading.l && l !== outbid.l);
    return [leading.l, outbid.l, ...this.rng.sample(watchable, 4)].map((l) => {
      const at = time.addMinutes(l.listed_at, this.rng.int(30, 600));
      l.watchers += 1;
      return { listing_id: l.id, added_at: at < this.now ? at : time.addMinutes(this.now, -10) };
    });
  }

  /** Buyers asking about the user's live listings, and the user's question to a seller with the reply. */
  messages(leading: Placed): Message[] {
    const { rng, me } = this;
    const questions = [
      ["Question about shipping", "Hi! Would you ship to Canada, and what would the cost be?"],
      ["Is this still available?", "Hello, is this still available? Would you accept a lower offer if I pay today?"],
      ["More photos?", "Could you send a photo of the back and the serial number please?"],
      ["Condition", "Any scratches or dents I should know about? Thanks!"],
    ] as const;
    const out: Message[] = this.listings
      .filter((l) => l.seller === me && l.status === "active")
      .slice(0, 4)
      .map((l, i) => {
        const [subject, body] = questions[i % questions.length]!;
        return {
          id: this.ctx.id("messages"),
          listing_id: l.id,
          from: rng.pick(this.others.filter((u) => u !== me)),
          to: me,
          subject,
          body,
          sent_at: time.addMinutes(this.now, -rng.int(30, 2 * 1440)),
          read: i % 2 === 1,
        };
      });
    const l = leading.l;
    const asked: Message = {
      id: this.ctx.id("messages"),
      listing_id: l.id,
      from: me,
      to: l.seller,
      subject: "What's included?",
      body: "Hi, is everything in the photos included, and how will you pack it?",
      sent_at: time.addMinutes(l.listed_at, 200),
      read: true,
    };
    out.push(asked, {
      id: this.ctx.id("messages"),
      listing_id: l.id,
      from: l.seller,
      to: me,
      subject: `Re: ${asked.subject}`,
      body: "Hi! Yes, everything in the photos is included and I'll pack it carefully with plenty of padding. Thanks for your interest.",
      sent_at: time.addMinutes(asked.sent_at, 95),
      read: false,
      in_reply_to: asked.id,
    });
    return out.sort((a, b) => (a.sent_at < b.sent_at ? -1 : 1));
  }
}
