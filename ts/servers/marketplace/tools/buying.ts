/**
 * The user's purchases: orders from Buy It Now and won auctions, paying for a won auction,
 * and feedback for sellers.
 *
 * Rules: only the winner pays for a won auction, once; feedback only from the buyer of an
 * order, once per order, within 60 days of payment.
 */
import { check, descending, fail, formatMoney, page, paginate, ref, roundMoney, time, z } from "../../framework/index.ts";
import { FEEDBACK_WINDOW_DAYS, feedbackScore, positivePercent, read, write } from "../state.ts";
import { me, settle, stateNow } from "./shared.ts";
import { awaitingPayment } from "./selling.ts";

export const buyingTools = {
  list_marketplace_purchases: read({
    description:
      "The user's purchases, newest first: paid, shipped and delivered orders (with carrier and tracking), and auctions the user won but has not paid for yet (status awaiting_payment — pay with pay_for_won_item).",
    input: z
      .object({ status: z.enum(["awaiting_payment", "paid", "shipped", "delivered"]).optional().describe("Only purchases in this state"), ...page })
      .strict(),
    discovers: "marketplace_order",
    run: (db, a, env) => {
      const user = me(env);
      const orders = db.orders
        .filter((o) => o.buyer === user)
        .map((o) => ({ ...o, feedback_left: db.feedback.find((f) => f.order_id === o.id && f.from === user) !== undefined, sort_at: o.paid_at }));
      const pending = awaitingPayment(db, env.now, "buyer", user).map((p) => ({ ...p, sort_at: p.won_at }));
      const rows = [...orders, ...pending].filter((r) => !a.status || r.status === a.status).sort(descending("sort_at"));
      return paginate(
        rows.map(({ sort_at: _s, ...r }) => r),
        a,
      );
    },
  }),

  pay_for_won_item: write({
    description: "Pay for an auction the user won (item price plus shipping, with the account's payment method). Returns the order.",
    input: z.object({ listing_id: ref("listing", "The won auction") }).strict(),
    produces: "marketplace_order",
    run: (db, a, env) => {
      const user = me(env);
      const l = db.listings.need(a.listing_id);
      const st = stateNow(db, l, env.now);
      const paid = db.orders.find((o) => o.listing_id === l.id && o.buyer === user);
      check(!paid, () => `you already paid for ${l.id}: order ${paid?.id} on ${paid?.paid_at}`, "already_exists");
      if (st.status === "active") fail(`the auction ${l.id} is still running until ${l.ends_at}; you can pay once you have won it`);
      if (st.winner !== user) {
        fail(
          st.winner
            ? `you did not win ${l.id}: it sold to another bidder for ${formatMoney(st.sale_price ?? 0)}`
            : `${l.id} ended without a sale${st.reserve_met === false ? " (the reserve was not met)" : ""}; there is nothing to pay`,
        );
      }
      const price = st.sale_price ?? 0;
      settle(db, l, st);
      return db.orders.create({
        listing_id: l.id,
        title: l.title,
        buyer: user,
        seller: l.seller,
        source: "auction",
        quantity: 1,
        item_price: price,
        shipping_cost: l.shipping_cost,
        total: roundMoney(price + l.shipping_cost),
        status: "paid",
        paid_at: env.now,
      });
    },
  }),

  leave_seller_feedback: write({
    description: `Rate the seller of one of the user's purchases (positive, neutral or negative, with a comment), once per order and within ${FEEDBACK_WINDOW_DAYS} days of payment. Returns the feedback and the seller's new score.`,
    input: z
      .object({
        order_id: ref("marketplace_order", "The purchase to rate"),
        rating: z.enum(["positive", "neutral", "negative"]).describe("How the purchase went: positive, neutral or negative"),
        comment: z
          .string()
          .trim()
          .min(2, "a comment needs at least 2 characters")
          .max(500)
          .describe("What went well or wrong, shown on the seller's profile (2-500 characters)"),
      })
      .strict(),
    produces: "feedback",
    run: (db, a, env) => {
      const user = me(env);
      const o = db.orders.need(a.order_id);
      check(o.buyer === user, `you sold ${o.id} to ${o.buyer}; feedback here is from buyers to sellers, so rate only orders you bought`, "permission_denied");
      const prior = db.feedback.find((f) => f.order_id === o.id && f.from === user);
      check(
        !prior,
        () => `you already left ${prior?.rating} feedback for ${o.id} on ${prior?.left_at.slice(0, 10)} (${prior?.id}); one feedback per order`,
        "already_exists",
      );
      const age = time.daysBetween(o.paid_at, env.now);
      check(
        age <= FEEDBACK_WINDOW_DAYS,
        `${o.id} was paid on ${o.paid_at.slice(0, 10)}, ${age} days ago; feedback can be left within ${FEEDBACK_WINDOW_DAYS} days of payment`,
      );
      const fb = db.feedback.create({
        order_id: o.id,
        from: user,
        to: o.seller,
        role: "buyer",
        rating: a.rating,
        comment: a.comment,
        item_title: o.title,
        left_at: env.now,
      });
      const seller = db.members.get(o.seller);
      if (!seller) return fb;
      const updated = db.members.update(seller.username, { [a.rating]: seller[a.rating] + 1 });
      return { ...fb, seller_feedback_score: feedbackScore(updated), seller_positive_percent: positivePercent(updated) };
    },
  }),
};
