/**
 * Catalog tools: categories, product search, product details with variants, reviews.
 *
 * Rules: a review only for a product the user bought and received, and at most one per product;
 * the product's rating is always the mean of its reviews.
 */
import { check, descending, matchesText, money, page, paginate, rangeStart, ref, z } from "../../framework/index.ts";
import { read, statusAt, write, type Product, type Review, type Variant } from "../state.ts";
import { productSummary, variantsOf } from "./shared.ts";

const SORTS = ["relevance", "price_low_to_high", "price_high_to_low", "rating", "best_selling", "newest"] as const;

function relevance(tokens: readonly string[], p: Product, categoryName: string): number {
  let score = 0;
  for (const tok of tokens) {
    if (matchesText(tok, p.title)) score += 3;
    if (matchesText(tok, p.brand, ...p.tags)) score += 2;
    if (matchesText(tok, p.description, categoryName)) score += 1;
  }
  return score;
}

export const catalogTools = {
  list_product_categories: read({
    description: "The store's product categories with how many products each holds. Use a category id to narrow search_products.",
    input: z.object({ ...page }).strict(),
    discovers: "category",
    run: (db, a) => {
      const p = db.categories.page(a);
      return { ...p, items: p.items.map((c) => ({ ...c, product_count: db.products.count((x) => x.category_id === c.id) })) };
    },
  }),

  search_products: read({
    description:
      "Search the store's catalog by words in the title, brand, tags or description, and filter by category, brand, price range, stock, sale or rating. Returns product summaries (lowest variant price, rating, stock); call get_product for variants.",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Words to look for, e.g. 'merino sweater' or 'headphones' (every word must match)"),
        category_id: ref("category", "Only products of this category").optional(),
        brand: z.string().trim().max(60).optional().describe("Only this brand (part of the name is enough)"),
        min_price: rangeStart("max_price", money("Lowest price in USD", { min: 0, what: "min_price" })).optional(),
        max_price: money("Highest price in USD", { min: 0, what: "max_price" }).optional(),
        in_stock: z.boolean().optional().describe("true: only products with at least one variant in stock"),
        on_sale: z.boolean().optional().describe("true: only products with a reduced (compare-at) price"),
        min_rating: z.number().min(0).max(5).optional().describe("Lowest average rating, 0-5"),
        sort: z.enum(SORTS).default("relevance").describe("Order of results; relevance ranks title matches first (best selling without a query)"),
        ...page,
      })
      .strict(),
    discovers: "product",
    run: (db, a) => {
      if (a.category_id) db.categories.need(a.category_id);
      const tokens = (a.query ?? "")
        .toLowerCase()
        .split(/\s+/)
        .filter((t) => t.length > 0)
        .slice(0, 8);
      const catName = new Map(db.categories.all().map((c) => [c.id, c.name]));
      const hits: Array<{ summary: ReturnType<typeof productSummary>; score: number; product: Product }> = [];
      for (const p of db.products.all()) {
        if (a.category_id && p.category_id !== a.category_id) continue;
        if (a.brand && !matchesText(a.brand, p.brand)) continue;
        if (a.min_rating !== undefined && p.rating < a.min_rating) continue;
        const cat = catName.get(p.category_id) ?? "";
        if (!tokens.every((tok) => matchesText(tok, p.title, p.brand, p.description, cat, ...p.tags))) continue;
        const summary = productSummary(p, variantsOf(db, p.id));
        if (a.min_price !== undefined && summary.price < a.min_price) continue;
        if (a.max_price !== undefined && summary.price > a.max_price) continue;
        if (a.in_stock === true && !summary.in_stock) continue;
        if (a.in_stock === false && summary.in_stock) continue;
        if (a.on_sale !== undefined && summary.on_sale !== a.on_sale) continue;
        hits.push({ summary, score: relevance(tokens, p, cat), product: p });
      }
      const by: Record<(typeof SORTS)[number], (x: (typeof hits)[number], y: (typeof hits)[number]) => number> = {
        relevance: (x, y) => y.score - x.score || y.product.sales_count - x.product.sales_count,
        price_low_to_high: (x, y) => x.summary.price - y.summary.price,
        price_high_to_low: (x, y) => y.summary.price - x.summary.price,
        rating: (x, y) => y.product.rating - x.product.rating || y.product.review_count - x.product.review_count,
        best_selling: (x, y) => y.product.sales_count - x.product.sales_count,
        newest: (x, y) => descending("created_at")(x.product, y.product),
      };
      hits.sort((x, y) => by[a.sort](x, y) || (x.product.id < y.product.id ? -1 : 1));
      return paginate(
        hits.map((h) => h.summary),
        a,
      );
    },
  }),

  get_product: read({
    description:
      "Full details of one product: description, options, rating and every variant (size/colour) with its id, price, compare-at price and units in stock. Use a variant id with add_to_cart.",
    input: z.object({ product_id: ref("product", "The product") }).strict(),
    discovers: "variant",
    run: (db, a) => {
      const p = db.products.need(a.product_id);
      const vs = variantsOf(db, p.id);
      const s = productSummary(p, vs);
      return {
        ...p,
        category: db.categories.get(p.category_id)?.name ?? p.category_id,
        price: s.price,
        ...(s.max_price !== undefined ? { max_price: s.max_price } : {}),
        in_stock: s.in_stock,
        variants: vs.map((v: Variant) => ({ ...v, available: v.stock > 0 })),
      };
    },
  }),

  list_product_reviews: read({
    description:
      "Customer reviews of a product with its average rating and a count per star, filtered by minimum rating and sorted newest, highest, lowest or most helpful.",
    input: z
      .object({
        product_id: ref("product", "The product"),
        min_rating: rangeStart("max_rating", z.number().int().min(1).max(5)).optional().describe("Only reviews with at least this many stars"),
        max_rating: z.number().int().min(1).max(5).optional().describe("Only reviews with at most this many stars"),
        sort: z
          .enum(["newest", "highest", "lowest", "most_helpful"])
          .default("newest")
          .describe("Order: newest first (default), highest or lowest rating, most helpful"),
        ...page,
      })
      .strict(),
    discovers: "review",
    run: (db, a) => {
      const p = db.products.need(a.product_id);
      const all = db.reviews.filter((r) => r.product_id === p.id);
      const stars: Record<string, number> = { "5": 0, "4": 0, "3": 0, "2": 0, "1": 0 };
      for (const r of all) stars[String(r.rating)] = (stars[String(r.rating)] ?? 0) + 1;
      const sorts: Record<typeof a.sort, (x: Review, y: Review) => number> = {
        newest: descending("created_at"),
        highest: (x, y) => y.rating - x.rating || descending("created_at")(x, y),
        lowest: (x, y) => x.rating - y.rating || descending("created_at")(x, y),
        most_helpful: (x, y) => y.helpful_votes - x.helpful_votes || descending("created_at")(x, y),
      };
      const page = db.reviews.page(a, {
        where: (r) =>
          r.product_id === p.id && (a.min_rating === undefined || r.rating >= a.min_rating) && (a.max_rating === undefined || r.rating <= a.max_rating),
        sort: sorts[a.sort],
      });
      return { product_id: p.id, rating: p.rating, review_count: p.review_count, stars, ...page };
    },
  }),

  write_product_review: write({
    description:
      "Publish the user's review of a product they bought and received (1-5 stars, a title and a body). One review per product. Returns the review; the product's average rating updates.",
    input: z
      .object({
        product_id: ref("product", "The product to review"),
        rating: z.number().int().min(1, "rating is 1 to 5 stars").max(5, "rating is 1 to 5 stars").describe("Stars, 1 (worst) to 5 (best)"),
        title: z.string().trim().min(2).max(120).describe("A short headline, e.g. 'Warm and well made'"),
        body: z.string().trim().min(10, "the review body needs at least 10 characters").max(5000).describe("The review itself, 10 to 5000 characters"),
      })
      .strict(),
    produces: "review",
    run: (db, a, env) => {
      const p = db.products.need(a.product_id);
      const mine = db.reviews.find((r) => r.product_id === p.id && r.by_user);
      check(
        !mine,
        () =>
          `you already reviewed ${p.title} on ${mine?.created_at.slice(0, 10)} (${mine?.id}, ${mine?.rating} stars); each product takes one review per customer`,
        "already_exists",
      );
      const orders = db.orders.filter((o) => o.status !== "cancelled" && o.lines.some((l) => l.product_id === p.id));
      check(
        orders.length > 0,
        `you have not bought ${p.title} (${p.id}); only products from your orders can be reviewed — list_orders shows what you bought`,
        "permission_denied",
      );
      const received = orders.find((o) => statusAt(o, env.now) === "delivered");
      check(received, () => {
        const next = orders.map((o) => o.delivers_at.slice(0, 10)).sort()[0];
        return `${p.title} is in your order ${orders.map((o) => o.id).join(", ")} but has not been delivered yet (expected ${next}); you can review it once it arrives`;
      });
      const user = env.world.user;
      const review = db.reviews.create({
        product_id: p.id,
        author: `${user.first_name} ${user.last_name.slice(0, 1)}.`,
        by_user: true,
        rating: a.rating,
        title: a.title,
        body: a.body,
        verified_purchase: true,
        helpful_votes: 0,
        created_at: env.now,
      });
      const ratings = db.reviews.filter((r) => r.product_id === p.id).map((r) => r.rating);
      const rating = Math.round((ratings.reduce((s, r) => s + r, 0) / ratings.length) * 10) / 10;
      db.products.update(p.id, { rating, review_count: ratings.length });
      return { ...review, product_rating: rating, product_review_count: ratings.length };
    },
  }),
};
