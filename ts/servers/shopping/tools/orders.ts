/**
 * Checkout, orders, tracking, cancellation, returns and exchanges.
 *
 * Lifecycle: an order is pending when placed, paid five minutes later, shipped on the next
 * business day (the same day when placed on a weekday morning) and delivered after the
 * method's transit days; the logical clock moves it, cancel_order ends it.
 * Rules: an empty cart cannot be checked out; checkout re-checks stock, the coupon, the
 * card's expiry and the destination, then reserves the stock; only pending or paid orders can
 * be cancelled (the stock comes back, the total is refunded); returns and exchanges only for
 * delivered orders, within 30 days of delivery, only for items of that order, each item once;
 * an exchange swaps for another variant of the same product that is in stock.
 */
import {
  check,
  CITIES,
  descending,
  fail,
  fnv1a,
  formatMoney,
  isoDate,
  matchesText,
  page,
  paginate,
  rangeStart,
  ref,
  roundMoney,
  text,
  time,
  z,
} from "../../framework/index.ts";
import {
  RETURN_REASONS,
  RETURN_WINDOW_DAYS,
  read,
  refundFor,
  returnLabel,
  schedule,
  shipTo,
  orderTotals,
  statusAt,
  trackingNumber,
  trackingUrl,
  write,
  ORDER_STATUSES,
  type Order,
  type OrderLine,
  type Return,
  type ReturnItem,
} from "../state.ts";
import { defaultAddress, methodShipsTo, paymentProblem } from "./account.ts";
import { cartTotals, listIds, orderView, returnDeadline, saveCart, syncOrder, type Shop } from "./shared.ts";

const WAREHOUSE = "Columbus, OH";

function defaultPayment(db: Shop) {
  const pm = db.payment_methods.find((p) => p.is_default) ?? db.payment_methods.all()[0];
  if (!pm) fail("no payment method is saved on the account; the user must add one in their account settings");
  return pm;
}

/** `quantity` of an order line, as a return or an exchange lists it (at the price paid). */
function returnItem(line: OrderLine, quantity: number): ReturnItem {
  return {
    variant_id: line.variant_id,
    product_id: line.product_id,
    title: line.title,
    variant_title: line.variant_title,
    quantity,
    unit_price: line.unit_price,
  };
}

/** Refuses returns and exchanges unless the order was delivered within the return window. */
function checkReturnable(o: Order, now: string): void {
  const status = statusAt(o, now);
  switch (status) {
    case "pending":
    case "paid":
      fail(`order ${o.id} has not shipped yet (it ships on ${o.ships_at.slice(0, 10)}); cancel_order it instead of returning it`);
    case "shipped":
      fail(`order ${o.id} is on its way with ${o.carrier} (expected ${o.delivers_at.slice(0, 10)}); returns open once it is delivered`);
    case "cancelled":
      fail(`order ${o.id} was cancelled${o.refunded ? ` and ${formatMoney(o.refunded)} refunded` : ""}; there is nothing to return`);
    case "delivered":
      break;
  }
  const days = time.daysBetween(o.delivers_at, now);
  check(
    days <= RETURN_WINDOW_DAYS,
    `order ${o.id} was delivered on ${o.delivers_at.slice(0, 10)}, ${days} days ago; returns and exchanges are accepted within ${RETURN_WINDOW_DAYS} days of delivery (until ${returnDeadline(o)})`,
  );
}

function orderLine(o: Order, variantId: string): OrderLine {
  const line = o.lines.find((l) => l.variant_id === variantId);
  if (!line)
    fail(
      `${variantId} is not an item of order ${o.id}; its items are ${o.lines.map((l) => `${l.variant_id} (${l.title}, ${l.variant_title})`).join(", ")}`,
      "invalid_argument",
    );
  return line;
}

function checkNotReturned(db: Shop, o: Order, line: OrderLine): void {
  const prior = db.returns.find((r) => r.order_id === o.id && r.items.some((i) => i.variant_id === line.variant_id));
  check(
    !prior,
    () =>
      `${line.title} (${line.variant_title}, ${line.variant_id}) of order ${o.id} already has ${prior?.type} request ${prior?.id} from ${prior?.created_at.slice(0, 10)}; each item can be returned or exchanged once`,
    "already_exists",
  );
}

interface TrackingEvent {
  at: string;
  status: "picked_up" | "in_transit" | "out_for_delivery" | "delivered";
  description: string;
  location: string;
}

function trackingEvents(o: Order, now: string): TrackingEvent[] {
  const dest = `${o.ship_to.city}, ${o.ship_to.region}`;
  const hubs = CITIES.filter((c) => c.country === "US");
  const hub = hubs[fnv1a(o.id) % hubs.length]!;
  const events: TrackingEvent[] = [{ at: o.ships_at, status: "picked_up", description: `Picked up by ${o.carrier}`, location: WAREHOUSE }];
  const transit = time.addDays(o.ships_at, 1);
  if (transit < time.addMinutes(o.delivers_at, -600))
    events.push({ at: transit, status: "in_transit", description: `Arrived at ${o.carrier} regional facility`, location: `${hub.name}, ${hub.region}` });
  events.push({ at: time.addMinutes(o.delivers_at, -480), status: "out_for_delivery", description: "Out for delivery", location: dest });
  events.push({ at: o.delivers_at, status: "delivered", description: "Delivered — left at front door", location: dest });
  return events.filter((e) => e.at <= now).reverse();
}

export const orderTools = {
  checkout: write({
    description:
      "Place an order for everything in the cart: ship to a saved address by a shipping method, paid with a saved payment method (defaults: the default address, standard or international shipping, the default payment method). Re-checks stock and the coupon, reserves the stock, empties the cart and returns the order with its totals and delivery estimate.",
    input: z
      .object({
        address_id: ref("address", "Saved address to ship to; default the default address").optional(),
        shipping_method_id: ref("shipping_method", "Shipping method from get_shipping_options; default standard (US) or international").optional(),
        payment_method_id: ref("payment_method", "Saved payment method from list_payment_methods; default the default one").optional(),
        note: text("Delivery instructions or a gift note", 500).optional(),
      })
      .strict(),
    produces: "order",
    uses: ["cart_item"],
    run: (db, a, env) => {
      const t = cartTotals(db, env.now);
      check(t.lines.length > 0, "your cart is empty; add_to_cart the items you want before checking out");
      const addr = a.address_id ? db.addresses.need(a.address_id) : defaultAddress(db);
      const method = a.shipping_method_id
        ? db.shipping_methods.need(a.shipping_method_id)
        : db.shipping_methods.need(addr.country === "US" ? "standard" : "international");
      if (!methodShipsTo(method, addr.country)) {
        const ok = db.shipping_methods.filter((m) => methodShipsTo(m, addr.country)).map((m) => m.id);
        fail(
          `${method.name} shipping ${method.scope === "domestic" ? "delivers to US addresses only" : "is for addresses outside the US"}; ${addr.id} is in ${addr.country}, so choose ${ok.join(" or ")}`,
        );
      }
      const pm = a.payment_method_id ? db.payment_methods.need(a.payment_method_id) : defaultPayment(db);
      const pmProblem = paymentProblem(db, pm.id, env.today);
      if (pmProblem) fail(pmProblem);
      for (const l of t.lines) {
        if (l.line.quantity > l.variant.stock) {
          fail(
            l.variant.stock === 0
              ? `${l.product.title} (${l.variant.title}) sold out since you added it; remove_from_cart line ${l.line.id} to check out the rest`
              : `only ${l.variant.stock} left of ${l.product.title} (${l.variant.title}) but line ${l.line.id} asks for ${l.line.quantity}; update_cart_item it to ${l.variant.stock} or less`,
          );
        }
      }
      if (t.problem) fail(`${t.problem.message}; remove_coupon to check out without it`, t.problem.code);

      const totals = orderTotals(t.subtotal, t.discount, method, addr);
      const { total } = totals;
      if (pm.type === "gift_card") {
        check(
          (pm.balance ?? 0) >= total,
          `gift card ${pm.id} holds ${formatMoney(pm.balance ?? 0)}, less than the order total of ${formatMoney(total)}; pay with another method`,
        );
        db.payment_methods.update(pm.id, { balance: roundMoney((pm.balance ?? 0) - total) });
      }

      const orderId = db.orders.peekId();
      const lines: OrderLine[] = t.lines.map((l) => ({
        product_id: l.product.id,
        variant_id: l.variant.id,
        title: l.product.title,
        variant_title: l.variant.title,
        sku: l.variant.sku,
        quantity: l.line.quantity,
        unit_price: l.variant.price,
        line_total: roundMoney(l.variant.price * l.line.quantity),
      }));
      const order = db.orders.create({
        status: "pending",
        placed_at: env.now,
        ...schedule(env.now, method),
        lines,
        address_id: addr.id,
        ship_to: shipTo(addr),
        shipping_method_id: method.id,
        payment_method_id: pm.id,
        ...(t.coupon ? { coupon_code: t.coupon.code } : {}),
        ...totals,
        refunded: 0,
        carrier: method.carrier,
        tracking_number: trackingNumber(method.carrier, orderId),
        ...(a.note ? { note: a.note } : {}),
      });
      // Reserve the stock and count the sale.
      for (const l of t.lines) {
        db.variants.update(l.variant.id, (v) => ({ ...v, stock: v.stock - l.line.quantity }));
        db.products.update(l.product.id, (p) => ({ ...p, sales_count: p.sales_count + l.line.quantity }));
        db.cart_items.delete(l.line.id);
      }
      if (t.coupon) db.coupons.update(t.coupon.code, (c) => ({ ...c, times_used: c.times_used + 1, redeemed_by_user_on: order.id }));
      saveCart(db, env.now);
      return orderView(order, env.now);
    },
  }),

  list_orders: read({
    description: "The user's orders, newest first, with status, total and items; filter by status, by the date placed, or by words in an item's title.",
    input: z
      .object({
        status: z.enum(ORDER_STATUSES).optional().describe("Only orders in this status now"),
        placed_from: rangeStart("placed_to", isoDate("Earliest day placed, inclusive")).optional(),
        placed_to: isoDate("Latest day placed, inclusive").optional(),
        query: z.string().trim().max(100).optional().describe("Words in an item's title, e.g. 'headphones'"),
        ...page,
      })
      .strict(),
    discovers: "order",
    run: (db, a, env) => {
      const rows = db.orders
        .filter(
          (o) =>
            (!a.status || statusAt(o, env.now) === a.status) &&
            (!a.placed_from || o.placed_at.slice(0, 10) >= a.placed_from) &&
            (!a.placed_to || o.placed_at.slice(0, 10) <= a.placed_to) &&
            (!a.query || o.lines.some((l) => matchesText(a.query, l.title, l.variant_title))),
        )
        .sort(descending("placed_at"))
        .map((o) => ({
          id: o.id,
          status: statusAt(o, env.now),
          placed_at: o.placed_at,
          total: o.total,
          item_count: o.lines.reduce((s, l) => s + l.quantity, 0),
          items: o.lines.map((l) => ({
            product_id: l.product_id,
            variant_id: l.variant_id,
            title: l.title,
            variant_title: l.variant_title,
            quantity: l.quantity,
          })),
          estimated_delivery: o.delivers_at.slice(0, 10),
        }));
      return paginate(rows, a);
    },
  }),

  get_order: read({
    description:
      "Everything about one order: status now, items, address, shipping method, payment method, totals (subtotal, discount, shipping, tax), delivery dates, tracking once shipped, refunds and the returns filed against it.",
    input: z.object({ order_id: ref("order", "The order") }).strict(),
    run: (db, a, env) => {
      const o = db.orders.need(a.order_id);
      const returns = db.returns
        .filter((r) => r.order_id === o.id)
        .map((r) => ({ id: r.id, type: r.type, status: r.status, refund_amount: r.refund_amount, variant_ids: r.items.map((i) => i.variant_id) }));
      return { ...orderView(o, env.now), returns };
    },
  }),

  track_order: read({
    description:
      "Where an order's parcel is: carrier, tracking number and link, estimated delivery and the tracking events so far (newest first). Before shipment it says when the order will ship.",
    input: z.object({ order_id: ref("order", "The order to track") }).strict(),
    run: (db, a, env) => {
      const o = db.orders.need(a.order_id);
      const status = statusAt(o, env.now);
      const base = { order_id: o.id, status, carrier: o.carrier, estimated_delivery: o.delivers_at.slice(0, 10) };
      if (status === "cancelled") return { ...base, events: [], note: `the order was cancelled on ${o.cancelled_at?.slice(0, 10)} and never shipped` };
      if (status === "pending" || status === "paid")
        return { ...base, events: [], note: `not shipped yet; it ships on ${o.ships_at.slice(0, 10)} and the tracking number appears then` };
      return {
        ...base,
        tracking_number: o.tracking_number,
        tracking_url: trackingUrl(o.carrier, o.tracking_number),
        shipped_at: o.ships_at,
        ...(status === "delivered" ? { delivered_at: o.delivers_at } : {}),
        events: trackingEvents(o, env.now),
      };
    },
  }),

  cancel_order: write({
    description:
      "Cancel an order that has not shipped yet (pending or paid): the stock is released and the full total refunded to the payment method. Shipped orders cannot be cancelled; return them once delivered.",
    input: z.object({ order_id: ref("order", "The order to cancel"), reason: text("Why, for the store's records", 500).optional() }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const o = syncOrder(db, db.orders.need(a.order_id), env.now);
      switch (o.status) {
        case "cancelled":
          fail(`order ${o.id} was already cancelled on ${o.cancelled_at?.slice(0, 10)}`);
        case "shipped":
          fail(
            `order ${o.id} shipped on ${o.ships_at.slice(0, 10)} with ${o.carrier} (tracking ${o.tracking_number}) and can no longer be cancelled; once it is delivered (expected ${o.delivers_at.slice(0, 10)}) you can request_return within ${RETURN_WINDOW_DAYS} days`,
          );
        case "delivered":
          fail(
            `order ${o.id} was delivered on ${o.delivers_at.slice(0, 10)} and can no longer be cancelled; use request_return (accepted until ${returnDeadline(o)})`,
          );
        default:
          break;
      }
      for (const l of o.lines) {
        if (db.variants.has(l.variant_id)) db.variants.update(l.variant_id, (v) => ({ ...v, stock: v.stock + l.quantity }));
        if (db.products.has(l.product_id)) db.products.update(l.product_id, (p) => ({ ...p, sales_count: Math.max(0, p.sales_count - l.quantity) }));
      }
      const pm = db.payment_methods.get(o.payment_method_id);
      if (pm?.type === "gift_card") db.payment_methods.update(pm.id, { balance: roundMoney((pm.balance ?? 0) + o.total) });
      const cancelled = db.orders.update(o.id, {
        status: "cancelled",
        cancelled_at: env.now,
        ...(a.reason ? { cancel_reason: a.reason } : {}),
        refunded: o.total,
      });
      return { ...orderView(cancelled, env.now), refund: { amount: o.total, to_payment_method_id: o.payment_method_id } };
    },
  }),

  request_return: write({
    description: `Return items of a delivered order for a refund, within ${RETURN_WINDOW_DAYS} days of delivery. Name each item by its variant id (default: the whole quantity bought). Returns the return request with the refund amount (item price less its share of any discount, plus tax), the prepaid label and the ship-back date.`,
    input: z
      .object({
        order_id: ref("order", "The delivered order"),
        items: z
          .array(
            z
              .object({
                variant_id: ref("variant", "The item's variant id, as shown in the order"),
                quantity: z.number().int().min(1).max(100).optional().describe("Units to return; default all units bought"),
              })
              .strict(),
          )
          .min(1, "name at least one item to return")
          .max(20)
          .describe("Items to return"),
        reason: z.enum(RETURN_REASONS).describe("Why the items go back"),
        comment: text("Details for the returns team", 1000).optional(),
      })
      .strict(),
    produces: "return",
    run: (db, a, env) => {
      const o = syncOrder(db, db.orders.need(a.order_id), env.now);
      checkReturnable(o, env.now);
      const seen = new Set<string>();
      const items: Return["items"] = [];
      for (const it of a.items) {
        check(!seen.has(it.variant_id), `${it.variant_id} is listed twice; name each item once with the quantity to return`, "invalid_argument");
        seen.add(it.variant_id);
        const line = orderLine(o, it.variant_id);
        const qty = it.quantity ?? line.quantity;
        check(
          qty <= line.quantity,
          `order ${o.id} has ${line.quantity} of ${line.title} (${line.variant_title}); at most ${line.quantity} can be returned`,
          "invalid_argument",
        );
        checkNotReturned(db, o, line);
        items.push(returnItem(line, qty));
      }
      const refund = refundFor(o, items);
      const id = db.returns.peekId();
      return db.returns.create({
        order_id: o.id,
        type: "refund",
        items,
        reason: a.reason,
        ...(a.comment ? { comment: a.comment } : {}),
        status: "requested",
        refund_amount: refund,
        ship_back_by: time.addDays(env.today, 14),
        return_label: returnLabel(id),
        created_at: env.now,
      });
    },
  }),

  request_exchange: write({
    description: `Exchange an item of a delivered order for another variant (size, colour…) of the same product, within ${RETURN_WINDOW_DAYS} days of delivery. The replacement is reserved now and ships when the original is on its way back. Returns the exchange request with any price difference.`,
    input: z
      .object({
        order_id: ref("order", "The delivered order"),
        variant_id: ref("variant", "The variant the user received, as shown in the order"),
        new_variant_id: ref("variant", "The variant wanted instead (same product), from get_product"),
        quantity: z.number().int().min(1).max(100).optional().describe("Units to exchange; default all units bought"),
        reason: z.enum(RETURN_REASONS).default("size_or_fit").describe("Why the item goes back (default size_or_fit)"),
        comment: text("Details for the returns team", 1000).optional(),
      })
      .strict(),
    produces: "return",
    run: (db, a, env) => {
      const o = syncOrder(db, db.orders.need(a.order_id), env.now);
      checkReturnable(o, env.now);
      const line = orderLine(o, a.variant_id);
      const qty = a.quantity ?? line.quantity;
      check(
        qty <= line.quantity,
        `order ${o.id} has ${line.quantity} of ${line.title} (${line.variant_title}); at most ${line.quantity} can be exchanged`,
        "invalid_argument",
      );
      checkNotReturned(db, o, line);
      const next = db.variants.need(a.new_variant_id);
      if (next.product_id !== line.product_id) {
        const options = db.variants.filter((v) => v.product_id === line.product_id && v.id !== line.variant_id).map((v) => `${v.id} (${v.title})`);
        fail(`${next.id} is a variant of another product; an exchange must be for another variant of ${line.title}: ${listIds(options)}`, "invalid_argument");
      }
      check(next.id !== line.variant_id, `${next.id} is the variant you already have; choose a different size or colour of ${line.title}`, "invalid_argument");
      check(next.stock >= qty, () => {
        const inStock = db.variants
          .filter((v) => v.product_id === line.product_id && v.id !== line.variant_id && v.stock >= qty)
          .map((v) => `${v.id} (${v.title})`);
        return `${line.title} (${next.title}) has ${next.stock === 0 ? "no units" : `only ${next.stock}`} in stock, ${qty} needed${inStock.length ? `; in stock: ${listIds(inStock)}` : ""}`;
      });
      db.variants.update(next.id, { stock: next.stock - qty });
      const diff = roundMoney((next.price - line.unit_price) * qty);
      const id = db.returns.peekId();
      return db.returns.create({
        order_id: o.id,
        type: "exchange",
        items: [returnItem(line, qty)],
        reason: a.reason,
        ...(a.comment ? { comment: a.comment } : {}),
        status: "requested",
        refund_amount: diff < 0 ? -diff : 0,
        replacement_variant_id: next.id,
        price_difference: diff,
        ship_back_by: time.addDays(env.today, 14),
        return_label: returnLabel(id),
        created_at: env.now,
      });
    },
  }),

  list_returns: read({
    description: "The user's return and exchange requests, newest first, optionally for one order, of one type or in one status.",
    input: z
      .object({
        order_id: ref("order", "Only requests for this order").optional(),
        type: z.enum(["refund", "exchange"]).optional().describe("Only refunds or only exchanges"),
        status: z.enum(["requested", "received", "refunded", "exchanged"]).optional().describe("Only returns in this state"),
        ...page,
      })
      .strict(),
    discovers: "return",
    run: (db, a) =>
      db.returns.page(a, {
        where: (r) => (!a.order_id || r.order_id === a.order_id) && (!a.type || r.type === a.type) && (!a.status || r.status === a.status),
        sort: descending("created_at"),
      }),
  }),

  get_return: read({
    description: "One return or exchange request: its items, reason, status, refund amount or replacement, label and ship-back date.",
    input: z.object({ return_id: ref("return", "The return request") }).strict(),
    run: (db, a) => {
      const r = db.returns.need(a.return_id);
      const replacement = r.replacement_variant_id ? db.variants.get(r.replacement_variant_id) : undefined;
      return { ...r, ...(replacement ? { replacement: { variant_id: replacement.id, title: replacement.title, price: replacement.price } } : {}) };
    },
  }),
};
