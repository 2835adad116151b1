/**
 * A believable online store: about 180 products in 11 categories, each with colour/size
 * variants, prices, sales and stock; reviews from the world's people whose ratings are what the
 * products show; the user's saved addresses and cards, a cart with a couple of lines, the
 * store's coupons (some expired, one already redeemed), and four months of the user's orders
 * in every stage of their lifecycle, with a return already under way.
 */
import { roundMoney, time, type Person, type SeedContext } from "../framework/index.ts";
import {
  CART_ID,
  refundFor,
  returnLabel,
  schedule,
  shipTo,
  orderTotals,
  statusAt,
  trackingNumber,
  type Address,
  type Cart,
  type CartItem,
  type Coupon,
  type Order,
  type OrderLine,
  type PaymentMethod,
  type Product,
  type Return,
  type Review,
  type ShippingMethod,
  type Variant,
} from "./state.ts";

type Scheme = "apparel" | "shoes" | "color" | "volume" | "set" | "dimension" | "scent" | "pet" | "none";

interface Template {
  noun: string;
  scheme: Scheme;
  price: readonly [number, number];
  feature: string;
  tags: readonly string[];
}

interface CategorySpec {
  id: string;
  name: string;
  description: string;
  brands: readonly string[];
  adjectives: readonly string[];
  items: readonly Template[];
  count: number;
}

const t = (noun: string, scheme: Scheme, lo: number, hi: number, feature: string, ...tags: string[]): Template => ({
  noun,
  scheme,
  price: [lo, hi],
  feature,
  tags,
});

const CATALOG: readonly CategorySpec[] = [
  {
    id: "mens-clothing",
    name: "Men's Clothing",
    description: "Tees, shirts, trousers, knitwear and outerwear for men.",
    count: 18,
    brands: ["Northtrail", "Fieldhouse", "Alder Supply", "Marlowe"],
    adjectives: ["Everyday", "Classic", "Heritage", "Essential", "Organic"],
    items: [
      t("Crew Neck T-Shirt", "apparel", 18, 35, "Soft combed cotton with a relaxed fit that holds its shape wash after wash.", "t-shirt", "cotton", "basics"),
      t(
        "Oxford Button-Down Shirt",
        "apparel",
        42,
        75,
        "Breathable oxford cloth with a button-down collar, easy to dress up or down.",
        "shirt",
        "cotton",
        "workwear",
      ),
      t("Slim Fit Chinos", "apparel", 45, 80, "Stretch twill chinos with a tapered leg and a comfortable mid rise.", "trousers", "chinos"),
      t("Pullover Hoodie", "apparel", 45, 85, "Brushed fleece interior, kangaroo pocket and a lined hood.", "hoodie", "fleece", "loungewear"),
      t("Quilted Puffer Jacket", "apparel", 95, 180, "Lightweight recycled insulation that packs into its own pocket.", "jacket", "outerwear", "winter"),
      t("Merino Wool Sweater", "apparel", 70, 130, "Fine-gauge merino that regulates temperature and resists odour.", "sweater", "wool", "knitwear"),
      t("Athletic Shorts", "apparel", 25, 45, "Quick-dry shorts with a liner and a zip pocket for your phone.", "shorts", "activewear"),
    ],
  },
  {
    id: "womens-clothing",
    name: "Women's Clothing",
    description: "Dresses, tops, jeans, knitwear and jackets for women.",
    count: 18,
    brands: ["Linden Lane", "Marlowe", "Saltwater Studio", "Wren & Ivy"],
    adjectives: ["Everyday", "Relaxed", "Signature", "Essential", "Organic"],
    items: [
      t("Wrap Midi Dress", "apparel", 55, 110, "A flattering wrap silhouette in a fluid fabric that drapes beautifully.", "dress"),
      t("High-Rise Leggings", "apparel", 35, 75, "Squat-proof four-way stretch with a wide waistband and side pockets.", "leggings", "activewear"),
      t("Linen Blouse", "apparel", 40, 70, "Airy European linen with a relaxed fit and mother-of-pearl buttons.", "blouse", "linen"),
      t("Cable-Knit Cardigan", "apparel", 60, 110, "Chunky cable knit in a soft cotton-wool blend.", "cardigan", "knitwear"),
      t("Packable Rain Jacket", "apparel", 80, 150, "Waterproof, breathable shell with taped seams and an adjustable hood.", "jacket", "outerwear", "rain"),
      t("Relaxed Fit Jeans", "apparel", 55, 98, "Rigid denim that softens with wear, with a straight relaxed leg.", "jeans", "denim"),
      t("Ribbed Tank Top", "apparel", 18, 32, "Stretchy rib knit that layers under everything.", "tank top", "basics"),
    ],
  },
  {
    id: "shoes",
    name: "Shoes",
    description: "Running shoes, sneakers, boots and loafers.",
    count: 16,
    brands: ["Stride Lab", "Cobblestone", "Ridgeline", "Velo Athletics"],
    adjectives: ["Cloud", "Trail", "Urban", "Classic", "Pro"],
    items: [
      t("Running Shoe", "shoes", 90, 160, "Responsive foam midsole and an engineered mesh upper for daily miles.", "running", "sneakers"),
      t("Canvas Sneaker", "shoes", 45, 75, "Vulcanised rubber sole and a cushioned insole in durable canvas.", "sneakers", "casual"),
      t("Leather Chelsea Boot", "shoes", 120, 220, "Full-grain leather with elastic gores and a stacked heel.", "boots", "leather"),
      t("Waterproof Hiking Boot", "shoes", 110, 190, "Waterproof membrane, grippy lugged outsole and ankle support.", "boots", "hiking", "outdoor"),
      t("Suede Loafer", "shoes", 70, 130, "Soft suede upper on a flexible, lightweight sole.", "loafers", "suede"),
    ],
  },
  {
    id: "electronics",
    name: "Electronics",
    description: "Headphones, speakers, wearables, chargers and desk tech.",
    count: 20,
    brands: ["Auralis", "Voltera", "Pixelcraft", "Sonique"],
    adjectives: ["Pro", "Max", "Air", "Go", "Studio"],
    items: [
      t(
        "Wireless Noise-Cancelling Headphones",
        "color",
        120,
        350,
        "Adaptive noise cancelling with 30 hours of battery life and multipoint Bluetooth.",
        "headphones",
        "audio",
        "bluetooth",
      ),
      t("True Wireless Earbuds", "color", 60, 200, "Sweat-resistant earbuds with a wireless charging case.", "earbuds", "audio", "bluetooth"),
      t("Portable Bluetooth Speaker", "color", 40, 150, "Waterproof speaker with 360° sound and a 12-hour battery.", "speaker", "audio", "bluetooth"),
      t("65W USB-C GaN Charger", "none", 28, 60, "Three ports that charge a laptop, a phone and earbuds at once.", "charger", "usb-c"),
      t("Fitness Smartwatch", "color", 150, 400, "Heart-rate, GPS and sleep tracking with a week of battery.", "smartwatch", "wearable", "fitness"),
      t("Mechanical Keyboard", "color", 70, 160, "Hot-swappable switches, PBT keycaps and USB-C.", "keyboard", "desk"),
      t("Wireless Ergonomic Mouse", "color", 35, 90, "Sculpted shape, silent clicks and a rechargeable battery.", "mouse", "desk"),
      t("4K Webcam", "none", 80, 180, "4K sensor with autofocus and dual noise-reducing microphones.", "webcam", "video", "desk"),
      t("20000mAh Power Bank", "color", 35, 70, "Charges a phone four times over, with fast charging both ways.", "power bank", "usb-c", "travel"),
    ],
  },
  {
    id: "home-kitchen",
    name: "Home & Kitchen",
    description: "Cookware, knives, coffee gear and small appliances.",
    count: 18,
    brands: ["Copperleaf", "Hearth & Home", "Emberware", "Saltbox"],
    adjectives: ["Professional", "Classic", "Everyday", "Artisan"],
    items: [
      t("Nonstick Frying Pan", "dimension", 30, 70, "PFOA-free ceramic nonstick on a heavy aluminium base, oven safe to 450°F.", "cookware", "pan"),
      t("8-Inch Chef's Knife", "none", 40, 150, "High-carbon stainless steel blade with a full tang and a balanced handle.", "knife", "cutlery"),
      t("Pour-Over Coffee Maker", "none", 25, 60, "Borosilicate glass carafe with a reusable stainless filter.", "coffee", "brewing"),
      t("Enameled Cast Iron Dutch Oven", "color", 60, 180, "Even heat for braises, stews and bread, in a chip-resistant enamel.", "cookware", "cast iron"),
      t("Stoneware Mug Set", "set", 24, 48, "Reactive-glaze stoneware mugs, dishwasher and microwave safe.", "mugs", "tableware"),
      t("Electric Gooseneck Kettle", "color", 45, 95, "Variable temperature control and a precision pour spout.", "kettle", "coffee", "tea"),
      t("Bamboo Cutting Board Set", "set", 25, 55, "Knife-friendly bamboo boards with juice grooves.", "cutting board", "prep"),
      t("Tilt-Head Stand Mixer", "color", 250, 450, "A 5-quart bowl, ten speeds and a planetary mixing action.", "mixer", "baking", "appliance"),
    ],
  },
  {
    id: "home-decor",
    name: "Home Decor",
    description: "Pillows, throws, candles, lamps and wall art.",
    count: 15,
    brands: ["Loom & Lantern", "Saltmarsh", "Oak & Ash", "Nordhem"],
    adjectives: ["Cozy", "Modern", "Coastal", "Handcrafted"],
    items: [
      t("Linen Throw Pillow Cover", "color", 22, 45, "Stonewashed linen with a hidden zip, 20 × 20 inches.", "pillow", "linen"),
      t("Soy Wax Candle", "scent", 18, 38, "Hand-poured soy wax with a cotton wick and a 50-hour burn.", "candle", "fragrance"),
      t("Ceramic Table Lamp", "color", 60, 140, "Hand-glazed ceramic base with a linen drum shade.", "lamp", "lighting"),
      t("Woven Throw Blanket", "color", 40, 90, "Chunky cotton weave with tasselled ends.", "throw", "blanket"),
      t("Framed Botanical Print", "dimension", 35, 95, "Archival giclée print in a solid oak frame.", "wall art", "print"),
    ],
  },
  {
    id: "beauty",
    name: "Beauty & Personal Care",
    description: "Skincare, hair care, fragrance and grooming.",
    count: 16,
    brands: ["Lumière Botanics", "Dewdrop", "Purely Skin", "Atelier Noor"],
    adjectives: ["Daily", "Radiance", "Pure", "Restorative"],
    items: [
      t("Vitamin C Serum", "volume", 22, 48, "15% vitamin C with ferulic acid to brighten and even tone.", "skincare", "serum"),
      t("Hydrating Face Moisturizer", "volume", 18, 45, "Hyaluronic acid and squalane for all-day hydration.", "skincare", "moisturizer"),
      t("Mineral Sunscreen SPF 50", "volume", 16, 34, "Zinc oxide protection with a sheer, non-greasy finish.", "skincare", "sunscreen"),
      t("Argan Oil Shampoo", "volume", 14, 30, "Sulfate-free cleanse that leaves hair soft and shiny.", "haircare", "shampoo"),
      t("Sonic Electric Toothbrush", "color", 45, 130, "31,000 strokes per minute, a two-minute timer and a travel case.", "oral care", "grooming"),
      t("Eau de Parfum", "volume", 55, 140, "A warm, woody fragrance with notes of cedar, amber and bergamot.", "fragrance", "perfume"),
    ],
  },
  {
    id: "sports-outdoors",
    name: "Sports & Outdoors",
    description: "Fitness, hiking and camping gear.",
    count: 18,
    brands: ["Summit Gear", "Ridgeline", "TrailForge", "Basecamp Co."],
    adjectives: ["Ultralight", "Trail", "Expedition", "Performance"],
    items: [
      t("Non-Slip Yoga Mat", "color", 28, 90, "6 mm natural rubber with a grippy, sweat-resistant top layer.", "yoga", "fitness"),
      t("Insulated Water Bottle", "color", 22, 45, "Double-wall vacuum insulation keeps drinks cold for 24 hours.", "bottle", "hydration"),
      t("25L Hiking Daypack", "color", 55, 120, "Ventilated back panel, hydration sleeve and a rain cover.", "backpack", "hiking"),
      t("2-Person Backpacking Tent", "none", 180, 380, "Freestanding, 4 lb trail weight, with two doors and vestibules.", "tent", "camping"),
      t("Adjustable Dumbbell", "none", 120, 300, "Dial from 5 to 52.5 lb in seconds.", "weights", "fitness", "home gym"),
      t("Resistance Band Set", "set", 18, 40, "Five latex-free bands with handles, ankle straps and a door anchor.", "fitness", "home gym"),
      t("Camping Hammock", "color", 30, 70, "Parachute nylon hammock with tree straps, holds 400 lb.", "hammock", "camping"),
    ],
  },
  {
    id: "toys-games",
    name: "Toys & Games",
    description: "Board games, puzzles, building sets and plush toys.",
    count: 14,
    brands: ["Brightbox", "Puzzlewise", "Tinker Town", "Meeple House"],
    adjectives: ["Deluxe", "Family", "Classic", "Adventure"],
    items: [
      t("Strategy Board Game", "none", 25, 60, "Two to five players, about 60 minutes, ages 10 and up.", "board game", "family"),
      t("1000-Piece Jigsaw Puzzle", "none", 18, 32, "Thick, precisely cut pieces and a poster of the finished image.", "puzzle"),
      t("Building Block Castle Set", "none", 40, 120, "Over 900 pieces with minifigures and a working drawbridge.", "building set", "construction"),
      t("Plush Teddy Bear", "dimension", 20, 45, "Super-soft, machine washable and safe from birth.", "plush", "kids"),
      t("Off-Road RC Truck", "color", 45, 110, "2.4 GHz remote, 20 mph top speed and a rechargeable battery.", "remote control", "kids"),
    ],
  },
  {
    id: "pet-supplies",
    name: "Pet Supplies",
    description: "Beds, harnesses, bowls and toys for dogs and cats.",
    count: 12,
    brands: ["Pawsome", "Wagwell", "Whisker & Co."],
    adjectives: ["Comfort", "Everyday", "Deluxe"],
    items: [
      t("Orthopedic Dog Bed", "pet", 45, 120, "Memory foam base with a removable, washable cover.", "dog", "bed"),
      t("No-Pull Dog Harness", "pet", 22, 45, "Front and back clips with padded, adjustable straps.", "dog", "walking"),
      t("Cat Scratching Post", "none", 25, 65, "Sisal-wrapped post on a weighted base with a dangling toy.", "cat", "furniture"),
      t("Stainless Steel Pet Bowl Set", "set", 15, 30, "Non-slip silicone base, dishwasher safe.", "dog", "cat", "feeding"),
    ],
  },
  {
    id: "office",
    name: "Office Supplies",
    description: "Desks, chairs, notebooks and writing instruments.",
    count: 14,
    brands: ["Deskcraft", "Inkwell", "Paperline", "Workwise"],
    adjectives: ["Ergonomic", "Classic", "Executive", "Minimal"],
    items: [
      t("Mesh Office Chair", "color", 180, 420, "Adjustable lumbar support, 4D armrests and a breathable mesh back.", "chair", "ergonomic"),
      t("Standing Desk Converter", "color", 150, 300, "Gas-spring lift from 6 to 17 inches with a keyboard tray.", "desk", "ergonomic"),
      t("Dotted Notebook", "set", 12, 28, "A5, 160 pages of 100 gsm paper that resists bleed-through.", "notebook", "paper"),
      t("Fountain Pen", "color", 30, 120, "Steel nib, piston filler and a brass barrel.", "pen", "writing"),
      t("LED Desk Lamp", "color", 35, 85, "Five colour temperatures, a USB charging port and a memory function.", "lamp", "lighting", "desk"),
    ],
  },
];

const COLORS = ["Black", "White", "Navy", "Heather Grey", "Olive", "Burgundy", "Sand", "Forest Green", "Slate Blue", "Charcoal", "Rust", "Cream"];
const TECH_COLORS = ["Black", "White", "Silver", "Midnight Blue", "Sage", "Coral"];
const SIZES = ["XS", "S", "M", "L", "XL"];
const SHOE_SIZES = ["7", "8", "9", "10", "11", "12"];
const SCENTS = ["Cedar & Sage", "Lavender Fields", "Fig & Vetiver", "Sea Salt"];

const REVIEW_TEXT: Record<number, ReadonlyArray<readonly [string, string]>> = {
  5: [
    ["Love it", "Exactly as described and even better in person. The {noun} feels really well made."],
    ["Best purchase this year", "I use my {noun} every day. Great quality for the price, would buy again."],
    ["Five stars", "Arrived quickly, well packaged, and the {noun} is excellent."],
  ],
  4: [
    ["Very good", "Really happy with the {noun}. Only small nitpick is the packaging, otherwise great."],
    ["Solid choice", "Good quality {noun}. Took a little getting used to but I would recommend it."],
  ],
  3: [
    ["It's okay", "The {noun} does the job, but it feels a bit cheaper than the photos suggest."],
    ["Mixed feelings", "Decent {noun}, though sizing and finish were not quite what I expected."],
  ],
  2: [["Disappointed", "The {noun} started showing wear after a couple of weeks. Expected more."]],
  1: [["Would not buy again", "My {noun} arrived with a defect and customer service was slow to respond."]],
};

function optionSets(scheme: Scheme, rng: SeedContext["rng"]): { options: string[]; combos: Array<{ values: Record<string, string>; priceFactor: number }> } {
  const colors = (pool: readonly string[], lo: number, hi: number) => rng.sample(pool, rng.int(lo, hi));
  const cross = (a: readonly string[], an: string, b: readonly string[], bn: string) =>
    a.flatMap((x) => b.map((y) => ({ values: { [an]: x, [bn]: y }, priceFactor: 1 })));
  switch (scheme) {
    case "apparel":
      return { options: ["Color", "Size"], combos: cross(colors(COLORS, 2, 3), "Color", SIZES.slice(rng.int(0, 1)), "Size") };
    case "shoes":
      return { options: ["Color", "Size"], combos: cross(colors(COLORS, 1, 2), "Color", SHOE_SIZES, "Size") };
    case "color":
      return { options: ["Color"], combos: colors(TECH_COLORS, 1, 4).map((c) => ({ values: { Color: c }, priceFactor: 1 })) };
    case "volume": {
      const sizes: Array<[string, number]> = [
        ["30 ml", 1],
        ["50 ml", 1.45],
        ["100 ml", 2.3],
      ];
      return { options: ["Size"], combos: sizes.slice(0, rng.int(2, 3)).map(([s, f]) => ({ values: { Size: s }, priceFactor: f })) };
    }
    case "set": {
      const sets: Array<[string, number]> = [
        ["Set of 2", 1],
        ["Set of 4", 1.8],
        ["Set of 6", 2.5],
      ];
      return { options: ["Pack"], combos: sets.slice(0, rng.int(2, 3)).map(([s, f]) => ({ values: { Pack: s }, priceFactor: f })) };
    }
    case "dimension": {
      const dims: Array<[string, number]> = [
        ["Small", 1],
        ["Medium", 1.35],
        ["Large", 1.75],
      ];
      return { options: ["Size"], combos: dims.slice(0, rng.int(2, 3)).map(([s, f]) => ({ values: { Size: s }, priceFactor: f })) };
    }
    case "scent":
      return { options: ["Scent"], combos: rng.sample(SCENTS, rng.int(2, 4)).map((s) => ({ values: { Scent: s }, priceFactor: 1 })) };
    case "pet":
      return { options: ["Size", "Color"], combos: cross(["S", "M", "L"], "Size", colors(COLORS, 1, 2), "Color") };
    case "none":
      return { options: [], combos: [{ values: {}, priceFactor: 1 }] };
  }
}

/** Retail-looking price: 24.99, 39.00, 129.95… */
function retail(amount: number, rng: SeedContext["rng"]): number {
  const whole = Math.max(1, Math.floor(amount));
  return roundMoney(whole + rng.pick([0.99, 0.99, 0.95, 0, 0.5]));
}

function skuCode(s: string): string {
  return s
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .map((w) => w.slice(0, 3).toUpperCase())
    .join("")
    .slice(0, 6);
}

export function seedShopping(ctx: SeedContext) {
  const { products, variants, reviews, nounOf } = catalog(ctx);
  const shipping_methods = shippingMethods();
  const addresses = savedAddresses(ctx);
  const payment_methods = paymentMethods(ctx);
  const coupons = seedCoupons(ctx);
  const buyable = (v: readonly Variant[]) => products.filter((p) => v.some((x) => x.product_id === p.id && x.stock > 0));
  const orders = orderHistory(ctx, buyable(variants), variants, shipping_methods, addresses, payment_methods, coupons);
  const returns = returnUnderWay(ctx, orders);
  reviews.push(...userReviews(ctx, orders, products, reviews, nounOf, returns[0]?.order_id));
  const { cart_items, carts } = abandonedCart(ctx, buyable(variants), variants);
  return {
    categories: CATALOG.map((c) => ({ id: c.id, name: c.name, description: c.description })),
    products,
    variants,
    reviews,
    cart_items,
    carts,
    coupons,
    addresses,
    payment_methods,
    shipping_methods,
    orders,
    returns,
  };
}

/**
 * The catalog: per category, distinct brand × item products with their option variants (prices,
 * sales, stock) and shoppers' reviews. A seed scale past 1 lists that many editions of the
 * catalog ("… Edition 2"): a large shop, for benchmarks.
 */
function catalog(ctx: SeedContext) {
  const { rng, world, id } = ctx;
  const products: Product[] = [];
  const variants: Variant[] = [];
  const reviews: Review[] = [];
  const nounOf = new Map<string, string>();
  for (let edition = 1; edition <= ctx.scale; edition++)
    for (const cat of CATALOG) {
      // Distinct brand × item pairs, so no two products share a title.
      const pairs = rng.shuffle(cat.brands.flatMap((b) => cat.items.map((it) => [b, it] as const))).slice(0, cat.count);
      for (const [brand, item] of pairs) {
        const adjective = rng.bool(0.6) ? `${rng.pick(cat.adjectives)} ` : "";
        const productId = id("products");
        const onSale = rng.bool(0.25);
        const own = productVariants(ctx, productId, brand, item, onSale);
        variants.push(...own.variants);
        const created = time.addMinutes(time.addDays(world.now, -rng.int(20, 900)), rng.int(-400, 400));
        const rated = productReviews(ctx, productId, item.noun, rng.float(3.1, 4.9), created);
        reviews.push(...rated);
        nounOf.set(productId, item.noun);
        products.push({
          id: productId,
          title: `${brand} ${adjective}${item.noun}${edition > 1 ? ` Edition ${edition}` : ""}`,
          brand,
          category_id: cat.id,
          description: `${item.noun} by ${brand}. ${item.feature}`,
          tags: [...item.tags, ...(onSale ? ["sale"] : [])],
          options: own.options,
          rating: rated.length ? Math.round((rated.reduce((s, r) => s + r.rating, 0) / rated.length) * 10) / 10 : 0,
          review_count: rated.length,
          sales_count: rng.int(3, 2400),
          created_at: created,
        });
      }
    }
  return { products, variants, reviews, nounOf };
}

type CatalogItem = (typeof CATALOG)[number]["items"][number];

/** A product's variants: one per option combination, priced like a shop (x.99), some on sale, stock from sold out to plenty. */
function productVariants(
  { rng, id }: SeedContext,
  productId: string,
  brand: string,
  item: CatalogItem,
  onSale: boolean,
): { options: string[]; variants: Variant[] } {
  const { options, combos } = optionSets(item.scheme, rng);
  const base = rng.float(item.price[0], item.price[1]);
  const skuBase = `${skuCode(brand).slice(0, 3)}-${skuCode(item.noun)}-${productId.slice(5)}`;
  const variants = combos.map((combo): Variant => {
    const price = retail(base * combo.priceFactor, rng);
    const roll = rng.next();
    const stock = roll < 0.08 ? 0 : roll < 0.2 ? rng.int(1, 3) : roll < 0.8 ? rng.int(4, 30) : rng.int(31, 120);
    return {
      id: id("variants"),
      product_id: productId,
      title: options.length ? options.map((o) => combo.values[o]).join(" / ") : "Default",
      selected_options: combo.values,
      sku: options.length ? `${skuBase}-${options.map((o) => skuCode(combo.values[o] ?? "")).join("-")}` : skuBase,
      price,
      ...(onSale ? { compare_at_price: retail(price * rng.float(1.2, 1.5), rng) } : {}),
      stock,
    };
  });
  return { options, variants };
}

/** Up to six shoppers' reviews around the product's quality, written after it was listed; their ratings make the product's rating. */
function productReviews({ rng, world, id }: SeedContext, productId: string, noun: string, quality: number, listed: string): Review[] {
  return rng.sample(world.people, rng.int(0, 6)).map((author) => {
    const rating = Math.max(1, Math.min(5, Math.round(quality + rng.float(-1.6, 1.1))));
    const [rt, rb] = rng.pick(REVIEW_TEXT[rating] ?? REVIEW_TEXT[4]!);
    const since = Math.max(1, time.daysBetween(listed, world.now) - 1);
    return {
      id: id("reviews"),
      product_id: productId,
      author: `${author.first_name} ${author.last_name.slice(0, 1)}.`,
      by_user: false,
      rating,
      title: rt,
      body: rb.replace("{noun}", noun.toLowerCase()),
      verified_purchase: rng.bool(0.8),
      helpful_votes: rng.int(0, 40),
      created_at: time.addMinutes(time.addDays(world.now, -rng.int(1, Math.min(400, since))), -rng.int(0, 300)),
    };
  });
}

function shippingMethods(): ShippingMethod[] {
  return [
    { id: "standard", name: "Standard", carrier: "USPS", cost: 5.99, free_over: 75, min_days: 3, max_days: 5, scope: "domestic" },
    { id: "express", name: "Express", carrier: "UPS", cost: 14.99, min_days: 2, max_days: 2, scope: "domestic" },
    { id: "overnight", name: "Overnight", carrier: "FedEx", cost: 29.99, min_days: 1, max_days: 1, scope: "domestic" },
    { id: "international", name: "International", carrier: "DHL", cost: 24.99, free_over: 200, min_days: 5, max_days: 10, scope: "international" },
  ];
}

/** Home (the default), work, and a relative's place in another US city. */
function savedAddresses({ rng, world, id }: SeedContext): Address[] {
  const user = world.user;
  const work = world.companies.find((c) => c.name === user.company) ?? world.companies[0]!;
  const away = world.people.filter((p) => p.address.country === "US" && p.address.city !== user.address.city);
  const relative: Person = rng.pick(away.length ? away : world.people);
  const asCountry = (c: string): Address["country"] =>
    ["US", "CA", "MX", "GB", "FR", "DE", "NL", "ES", "JP", "SG", "AU"].includes(c) ? (c as Address["country"]) : "US";
  return [
    {
      id: id("addresses"),
      label: "Home",
      recipient: user.full_name,
      ...user.address,
      country: asCountry(user.address.country),
      phone: user.phone,
      is_default: true,
      created_at: time.addDays(world.now, -rng.int(300, 900)),
    },
    {
      id: id("addresses"),
      label: "Work",
      recipient: user.full_name,
      street: work.address.street,
      line2: `c/o ${work.name}`,
      city: work.address.city,
      region: work.address.region,
      postal_code: work.address.postal_code,
      country: asCountry(work.address.country),
      is_default: false,
      created_at: time.addDays(world.now, -rng.int(100, 300)),
    },
    {
      id: id("addresses"),
      label: `${relative.first_name}'s place`,
      recipient: relative.full_name,
      ...relative.address,
      country: asCountry(relative.address.country),
      phone: relative.phone,
      is_default: false,
      created_at: time.addDays(world.now, -rng.int(20, 100)),
    },
  ];
}

/** Two cards, PayPal, an expired card still on file, and a store gift card. */
function paymentMethods({ rng, world, id }: SeedContext): PaymentMethod[] {
  const user = world.user;
  const year = Number(world.today.slice(0, 4));
  const month = () => String(rng.int(1, 12)).padStart(2, "0");
  return [
    {
      id: id("payment_methods"),
      type: "card",
      brand: "Visa",
      last4: rng.digits(4),
      expires: `${year + rng.int(1, 4)}-${month()}`,
      holder: user.full_name,
      is_default: true,
    },
    {
      id: id("payment_methods"),
      type: "card",
      brand: "Mastercard",
      last4: rng.digits(4),
      expires: `${year + rng.int(1, 3)}-${month()}`,
      holder: user.full_name,
      is_default: false,
    },
    { id: id("payment_methods"), type: "paypal", holder: user.full_name, email: user.email, is_default: false },
    {
      id: id("payment_methods"),
      type: "card",
      brand: "American Express",
      last4: rng.digits(4),
      expires: `${year - 1}-${month()}`,
      holder: user.full_name,
      is_default: false,
    },
    { id: id("payment_methods"), type: "gift_card", last4: rng.digits(4), holder: user.full_name, balance: rng.pick([50, 75, 100]), is_default: false },
  ];
}

/** Coupons in every state: running, not yet used up, used up (FLASH30), expired (HOLIDAY25). */
function seedCoupons({ rng, world }: SeedContext): Coupon[] {
  const day = (n: number) => time.addDays(world.today, n);
  return [
    {
      code: "WELCOME10",
      description: "10% off your first order",
      type: "percent",
      value: 10,
      min_subtotal: 0,
      starts_on: day(-400),
      expires_on: day(365),
      times_used: rng.int(800, 3000),
    },
    {
      code: "SPRING20",
      description: "20% off orders of 100.00 or more",
      type: "percent",
      value: 20,
      min_subtotal: 100,
      starts_on: day(-10),
      expires_on: day(21),
      usage_limit: 5000,
      times_used: rng.int(100, 1200),
    },
    {
      code: "SAVE15",
      description: "15.00 off orders of 75.00 or more",
      type: "fixed",
      value: 15,
      min_subtotal: 75,
      starts_on: day(-30),
      expires_on: day(45),
      times_used: rng.int(50, 900),
    },
    {
      code: "TAKE25",
      description: "25.00 off orders of 150.00 or more",
      type: "fixed",
      value: 25,
      min_subtotal: 150,
      starts_on: day(-5),
      expires_on: day(30),
      usage_limit: 2000,
      times_used: rng.int(10, 400),
    },
    {
      code: "HOLIDAY25",
      description: "25% off sitewide (holiday sale)",
      type: "percent",
      value: 25,
      min_subtotal: 50,
      starts_on: day(-60),
      expires_on: day(-12),
      times_used: rng.int(2000, 6000),
    },
    {
      code: "FLASH30",
      description: "30% off, first 500 shoppers only",
      type: "percent",
      value: 30,
      min_subtotal: 60,
      starts_on: day(-3),
      expires_on: day(4),
      usage_limit: 500,
      times_used: 500,
    },
    {
      code: "FREESHIP5",
      description: "5.00 off, covers standard shipping",
      type: "fixed",
      value: 5,
      min_subtotal: 25,
      starts_on: day(-90),
      expires_on: day(90),
      times_used: rng.int(100, 2000),
    },
  ];
}

/** Four months of orders through every lifecycle stage: the first with WELCOME10, one cancelled, one in transit, one placed this morning. */
function orderHistory(
  ctx: SeedContext,
  buyable: readonly Product[],
  variants: readonly Variant[],
  methods: readonly ShippingMethod[],
  addresses: readonly Address[],
  payment: readonly PaymentMethod[],
  coupons: Coupon[],
): Order[] {
  const { rng, world, id } = ctx;
  const plan: Array<{ daysAgo: number; cancel?: boolean; coupon?: string; method?: string; address?: Address; morning?: boolean }> = [
    { daysAgo: 118, coupon: "WELCOME10" },
    { daysAgo: 95 },
    { daysAgo: 71, address: addresses[2] },
    { daysAgo: 49 },
    { daysAgo: 40, cancel: true },
    { daysAgo: 26, method: "express" },
    { daysAgo: 17 },
    { daysAgo: 9, address: addresses[1] },
    // Placed on the previous business day's morning: shipped that evening, in transit now.
    { daysAgo: 1, method: "standard", morning: true },
    { daysAgo: 0, method: "express" },
  ];
  return plan.map((step) => {
    const methodId = step.method ?? rng.pick(["standard", "standard", "express"]);
    const method = methods.find((m) => m.id === methodId)!;
    let placedDay = time.addDays(world.today, -step.daysAgo);
    if (step.daysAgo > 0 && time.isWeekend(placedDay)) placedDay = time.addBusinessDays(placedDay, -1);
    const hour = step.morning ? rng.int(7, 11) : rng.int(8, 20);
    const placedAt =
      step.daysAgo === 0
        ? time.addMinutes(world.now, -rng.int(30, 90))
        : `${placedDay}T${String(hour).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`;
    const lines = orderLines(rng, buyable, variants, placedAt);
    const addr = step.address ?? (addresses[0] as Address);
    const subtotal = roundMoney(lines.reduce((s, l) => s + l.line_total, 0));
    const totals = orderTotals(subtotal, step.coupon ? roundMoney(subtotal * 0.1) : 0, method, addr);
    const orderId = id("orders");
    const order: Order = {
      id: orderId,
      status: "pending",
      placed_at: placedAt,
      ...schedule(placedAt, method),
      lines,
      address_id: addr.id,
      ship_to: shipTo(addr),
      shipping_method_id: method.id,
      payment_method_id: rng.pick(payment.slice(0, 3)).id,
      ...(step.coupon ? { coupon_code: step.coupon } : {}),
      ...totals,
      refunded: 0,
      carrier: method.carrier,
      tracking_number: trackingNumber(method.carrier, orderId),
    };
    if (step.cancel)
      Object.assign(order, {
        status: "cancelled",
        cancelled_at: time.addMinutes(placedAt, rng.int(20, 240)),
        cancel_reason: "Changed my mind",
        refunded: totals.total,
      });
    else order.status = statusAt(order, world.now);
    if (step.coupon) coupons.find((x) => x.code === step.coupon)!.redeemed_by_user_on = orderId;
    return order;
  });
}

/** One to three products already listed when the order was placed, each in a variant in stock, mostly one of each. */
function orderLines(rng: SeedContext["rng"], buyable: readonly Product[], variants: readonly Variant[], placedAt: string): OrderLine[] {
  return rng
    .sample(
      buyable.filter((p) => p.created_at < placedAt),
      rng.int(1, 3),
    )
    .map((p) => {
      const v = rng.pick(variants.filter((x) => x.product_id === p.id && x.stock > 0));
      const quantity = rng.weighted([
        [1, 6],
        [2, 2],
        [3, 1],
      ] as const);
      return {
        product_id: p.id,
        variant_id: v.id,
        title: p.title,
        variant_title: v.title,
        sku: v.sku,
        quantity,
        unit_price: v.price,
        line_total: roundMoney(v.price * quantity),
      };
    });
}

/** A return already under way for the order delivered most recently (3-20 days ago, inside the window). */
function returnUnderWay({ rng, world, id }: SeedContext, orders: readonly Order[]): Return[] {
  const recent = orders.filter(
    (o) => o.status === "delivered" && time.daysBetween(o.delivers_at, world.now) >= 3 && time.daysBetween(o.delivers_at, world.now) <= 20,
  );
  const o = recent[recent.length - 1];
  if (!o) return [];
  const line = o.lines[0]!;
  const created = time.addMinutes(o.delivers_at, rng.int(20, 44) * 60);
  const retId = id("returns");
  const items = [
    {
      variant_id: line.variant_id,
      product_id: line.product_id,
      title: line.title,
      variant_title: line.variant_title,
      quantity: line.quantity,
      unit_price: line.unit_price,
    },
  ];
  return [
    {
      id: retId,
      order_id: o.id,
      type: "refund",
      items,
      reason: "no_longer_needed",
      comment: "Received the same thing as a gift.",
      status: "requested",
      refund_amount: refundFor(o, items),
      ship_back_by: time.addDays(created.slice(0, 10), 14),
      return_label: returnLabel(retId),
      created_at: created,
    },
  ];
}

/** The user's own reviews of two products from older delivered orders (verified purchases); the products' ratings follow. */
function userReviews(
  { rng, world, id }: SeedContext,
  orders: readonly Order[],
  products: Product[],
  reviews: readonly Review[],
  nounOf: ReadonlyMap<string, string>,
  returned?: string,
): Review[] {
  const user = world.user;
  const out: Review[] = [];
  for (const o of orders.filter((x) => x.status === "delivered" && x.id !== returned).slice(0, 2)) {
    const product = products.find((p) => p.id === o.lines[0]!.product_id)!;
    const rating = rng.int(4, 5);
    const [rt, rb] = rng.pick(REVIEW_TEXT[rating]!);
    const at = time.addDays(o.delivers_at, rng.int(2, 9));
    out.push({
      id: id("reviews"),
      product_id: product.id,
      author: `${user.first_name} ${user.last_name.slice(0, 1)}.`,
      by_user: true,
      rating,
      title: rt,
      body: rb.replace("{noun}", (nounOf.get(product.id) ?? "item").toLowerCase()),
      verified_purchase: true,
      helpful_votes: rng.int(0, 6),
      created_at: at < world.now ? at : time.addMinutes(world.now, -60),
    });
    const all = [...reviews, ...out].filter((r) => r.product_id === product.id);
    product.review_count = all.length;
    product.rating = Math.round((all.reduce((s, r) => s + r.rating, 0) / all.length) * 10) / 10;
  }
  return out;
}

/** A cart the user left with two lines in it. */
function abandonedCart({ rng, world, id }: SeedContext, buyable: readonly Product[], variants: readonly Variant[]) {
  const cart_items: CartItem[] = rng.sample(buyable, 2).map((p) => ({
    id: id("cart_items"),
    product_id: p.id,
    variant_id: rng.pick(variants.filter((x) => x.product_id === p.id && x.stock > 0)).id,
    quantity: 1,
    added_at: time.addMinutes(world.now, -rng.int(60, 4000)),
  }));
  const carts: Cart[] = [{ id: CART_ID, updated_at: cart_items.reduce((m, l) => (l.added_at > m ? l.added_at : m), time.addDays(world.now, -7)) }];
  return { cart_items, carts };
}
