/**
 * Cart and coupon tools: the user's one cart, its lines and the coupon applied to it.
 *
 * Rules: a line holds 1 to 10 units of one variant and never more than the store has in stock
 * (the message says how many are left); the cart holds at most 50 lines; one coupon per order;
 * a coupon must have started, not expired, not be used up, not have been used by the user
 * before, and the subtotal must reach its minimum.
 */
import { check, descending, fail, page, ref, z } from "../../framework/index.ts";
import { MAX_LINE_QUANTITY, read, write, type Variant } from "../state.ts";
import { cartOf, cartTotals, cartView, couponProblem, findCoupon, lineView, listIds, saveCart, usableCodes, variantsOf, type Shop } from "./shared.ts";

export const MAX_CART_LINES = 50;

const quantity = (description: string) =>
  z
    .number()
    .int("quantity is a whole number")
    .min(1, `quantity is 1 to ${MAX_LINE_QUANTITY} per line`)
    .max(MAX_LINE_QUANTITY, `quantity is 1 to ${MAX_LINE_QUANTITY} per line`)
    .describe(description);

/** Refuses a quantity the store cannot supply; the message says how many are left. */
function checkStock(db: Shop, v: Variant, wanted: number, inCart: number): void {
  const title = db.products.get(v.product_id)?.title ?? v.product_id;
  if (v.stock === 0) {
    const others = variantsOf(db, v.product_id).filter((x) => x.stock > 0 && x.id !== v.id);
    fail(
      `${title} (${v.title}, ${v.id}) is out of stock${
        others.length
          ? `; variants in stock: ${others
              .slice(0, 6)
              .map((x) => `${x.id} (${x.title}, ${x.stock} left)`)
              .join(", ")}`
          : ""
      }`,
    );
  }
  check(
    wanted <= v.stock,
    `only ${v.stock} left of ${title} (${v.title}, ${v.id})` +
      (inCart > 0 ? `; your cart already holds ${inCart}, so at most ${Math.max(0, v.stock - inCart)} more can be added` : `; you can add at most ${v.stock}`),
  );
}

export const cartTools = {
  view_cart: read({
    description:
      "The user's shopping cart: each line (id, variant, quantity, price, stock left), the subtotal, the applied coupon and its discount. Line ids are what update_cart_item and remove_from_cart take.",
    input: z.object({}).strict(),
    discovers: ["cart", "cart_item"],
    run: (db, _a, env) => cartView(db, env.now),
  }),

  add_to_cart: write({
    description:
      "Put a product variant in the cart (1-10 units). Adding a variant that is already in the cart raises that line's quantity. Returns the cart line and the new subtotal. Get variant ids from get_product.",
    input: z
      .object({
        variant_id: ref("variant", "The variant to buy (size/colour), from get_product"),
        quantity: quantity(`Units to add, 1 to ${MAX_LINE_QUANTITY}`).default(1),
      })
      .strict(),
    produces: "cart_item",
    run: (db, a, env) => {
      const v = db.variants.need(a.variant_id);
      const existing = db.cart_items.find((l) => l.variant_id === v.id);
      const inCart = existing?.quantity ?? 0;
      const total = inCart + a.quantity;
      check(
        total <= MAX_LINE_QUANTITY,
        `a cart line holds at most ${MAX_LINE_QUANTITY} units; line ${existing?.id} already has ${inCart} of ${v.id}, so at most ${MAX_LINE_QUANTITY - inCart} more can be added`,
        "limit_exceeded",
      );
      checkStock(db, v, total, inCart);
      let line;
      if (existing) line = db.cart_items.update(existing.id, { quantity: total });
      else {
        const count = db.cart_items.count();
        check(count < MAX_CART_LINES, `the cart already has ${count} lines, the most it holds; remove_from_cart or checkout first`, "limit_exceeded");
        line = db.cart_items.create({ product_id: v.product_id, variant_id: v.id, quantity: a.quantity, added_at: env.now });
      }
      saveCart(db, env.now, cartOf(db, env.now).coupon_code);
      const product = db.products.need(v.product_id);
      return { ...lineView({ line, variant: v, product }), cart_subtotal: cartTotals(db, env.now).subtotal };
    },
  }),

  update_cart_item: write({
    description: "Set the quantity of one cart line (1-10; use remove_from_cart to drop it). Returns the updated cart.",
    input: z
      .object({ cart_item_id: ref("cart_item", "The cart line, from view_cart"), quantity: quantity(`New quantity, 1 to ${MAX_LINE_QUANTITY}`) })
      .strict(),
    run: (db, a, env) => {
      const line = db.cart_items.need(a.cart_item_id);
      const v = db.variants.need(line.variant_id);
      if (a.quantity > line.quantity) checkStock(db, v, a.quantity, 0);
      db.cart_items.update(line.id, { quantity: a.quantity });
      saveCart(db, env.now, cartOf(db, env.now).coupon_code);
      return cartView(db, env.now);
    },
  }),

  remove_from_cart: write({
    description: "Remove one line from the cart. Returns the updated cart.",
    input: z.object({ cart_item_id: ref("cart_item", "The cart line to remove, from view_cart") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const line = db.cart_items.need(a.cart_item_id);
      db.cart_items.delete(line.id);
      saveCart(db, env.now, cartOf(db, env.now).coupon_code);
      return { removed: line.id, ...cartView(db, env.now) };
    },
  }),

  clear_cart: write({
    description: "Empty the cart: remove every line and the applied coupon. Returns how many lines were removed.",
    input: z.object({}).strict(),
    destructive: true,
    run: (db, _a, env) => {
      const lines = db.cart_items.all();
      check(lines.length > 0, "the cart is already empty");
      for (const l of lines) db.cart_items.delete(l.id);
      saveCart(db, env.now);
      return { removed_lines: lines.length, removed_line_ids: lines.map((l) => l.id) };
    },
  }),

  list_coupons: read({
    description:
      "The store's promotion codes with their discount, minimum subtotal, validity dates and whether the user can still use them (status active, expired, not_started, used_up, or already_used by the user).",
    input: z.object({ include_unavailable: z.boolean().default(false).describe("true: also list expired, used-up and already-used codes"), ...page }).strict(),
    discovers: "coupon",
    run: (db, a, env) => {
      const today = env.today;
      const statusOf = (c: {
        starts_on: string;
        expires_on: string;
        redeemed_by_user_on?: string | undefined;
        usage_limit?: number | undefined;
        times_used: number;
      }) =>
        c.expires_on < today
          ? "expired"
          : c.starts_on > today
            ? "not_started"
            : c.redeemed_by_user_on
              ? "already_used"
              : c.usage_limit !== undefined && c.times_used >= c.usage_limit
                ? "used_up"
                : "active";
      const p = db.coupons.page(a, { where: (c) => a.include_unavailable || statusOf(c) === "active", sort: descending("expires_on") });
      return { ...p, items: p.items.map((c) => ({ ...c, status: statusOf(c) })) };
    },
  }),

  apply_coupon: write({
    description:
      "Apply a coupon code to the cart (one code per order). Fails with the reason when the code has expired, is used up, was already used by the user, or the subtotal is below its minimum. Returns the cart with the discount.",
    input: z.object({ code: ref("coupon", "The coupon code, e.g. 'SPRING20' (case-insensitive)") }).strict(),
    uses: ["cart_item"],
    run: (db, a, env) => {
      const c = findCoupon(db, a.code) ?? db.coupons.need(a.code);
      const cart = cartOf(db, env.now);
      if (cart.coupon_code === c.code) fail(`coupon ${c.code} is already applied to the cart`, "already_exists");
      check(
        !cart.coupon_code,
        `the cart already has coupon ${cart.coupon_code}; only one coupon per order — remove_coupon first to use ${c.code} instead`,
        "conflict",
      );
      const t = cartTotals(db, env.now);
      check(t.lines.length > 0, `the cart is empty; add_to_cart first, then apply ${c.code}`);
      const problem = couponProblem(db, c, t.subtotal, env.today);
      if (problem) fail(problem.message, problem.code);
      saveCart(db, env.now, c.code);
      return cartView(db, env.now);
    },
  }),

  remove_coupon: write({
    description: "Take the applied coupon off the cart (to use a different code, or none). Returns the cart.",
    input: z.object({}).strict(),
    run: (db, _a, env) => {
      const cart = cartOf(db, env.now);
      check(cart.coupon_code, () => {
        const codes = usableCodes(db, env.today);
        return `no coupon is applied to the cart${codes.length ? `; codes valid today: ${listIds(codes)}` : ""}`;
      });
      const removed = cart.coupon_code;
      saveCart(db, env.now);
      return { removed_coupon: removed, ...cartView(db, env.now) };
    },
  }),
};
