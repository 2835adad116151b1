/**
 * Members, messages and feedback: find sellers, read their profile and feedback, message a
 * seller about a listing and answer buyers' questions.
 *
 * Rules: a seller is not messaged about their own listing (they reply instead); replies go
 * only to messages the user received.
 */
import { check, descending, matchesText, page, paginate, ref, z } from "../../framework/index.ts";
import { feedbackScore, positivePercent, read, stateOf, write } from "../state.ts";
import { bidsByListing, me } from "./shared.ts";

const body = (description: string) => z.string().trim().min(1, "the message is empty").max(2000, "a message is at most 2000 characters").describe(description);

export const communityTools = {
  search_sellers: read({
    description:
      "Find marketplace members by name, username or location, with their feedback score, positive percentage, Top Rated status and active listings.",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Part of a name or username, e.g. 'okafor'"),
        location: z.string().trim().max(100).optional().describe("Part of a city or region, e.g. 'Seattle'"),
        min_feedback_score: z
          .number()
          .int()
          .min(0)
          .max(1_000_000)
          .optional()
          .describe("Only sellers with at least this feedback score (positive minus negative ratings)"),
        top_rated_only: z.boolean().optional().describe("true: only Top Rated sellers"),
        ...page,
      })
      .strict(),
    discovers: "member",
    run: (db, a, env) => {
      const byListing = bidsByListing(db);
      const active = new Map<string, number>();
      for (const l of db.listings.all()) {
        if (stateOf(l, byListing.get(l.id) ?? [], env.now).status === "active") active.set(l.seller, (active.get(l.seller) ?? 0) + 1);
      }
      const rows = db.members
        .filter(
          (m) =>
            matchesText(a.query, m.display_name, m.username) &&
            matchesText(a.location, m.location) &&
            (a.min_feedback_score === undefined || feedbackScore(m) >= a.min_feedback_score) &&
            (!a.top_rated_only || m.top_rated),
        )
        .map((m) => ({
          username: m.username,
          display_name: m.display_name,
          location: m.location,
          is_you: m.is_user,
          feedback_score: feedbackScore(m),
          positive_percent: positivePercent(m),
          top_rated: m.top_rated,
          active_listings: active.get(m.username) ?? 0,
        }))
        .sort((x, y) => y.active_listings - x.active_listings || y.feedback_score - x.feedback_score);
      return paginate(rows, a);
    },
  }),

  get_seller_profile: read({
    description:
      "A member's profile: location, member since, feedback score and positive percentage, counts by rating, Top Rated status, active listings and the five latest feedback comments.",
    input: z.object({ username: ref("member", "The member's username, e.g. 'maya.okafor'") }).strict(),
    run: (db, a, env) => {
      const m = db.members.need(a.username);
      const byListing = bidsByListing(db);
      const active = db.listings.filter((l) => l.seller === m.username && stateOf(l, byListing.get(l.id) ?? [], env.now).status === "active").map((l) => l.id);
      const recent = db.feedback
        .filter((f) => f.to === m.username)
        .sort(descending("left_at"))
        .slice(0, 5);
      return { ...m, feedback_score: feedbackScore(m), positive_percent: positivePercent(m), active_listing_ids: active, recent_feedback: recent };
    },
  }),

  list_seller_feedback: read({
    description: "Feedback a member has received, newest first, optionally only positive, neutral or negative.",
    input: z
      .object({
        username: ref("member", "The member's username"),
        rating: z.enum(["positive", "neutral", "negative"]).optional().describe("Only feedback of this rating"),
        ...page,
      })
      .strict(),
    discovers: "feedback",
    run: (db, a) => {
      const m = db.members.need(a.username);
      const p = db.feedback.page(a, { where: (f) => f.to === m.username && (!a.rating || f.rating === a.rating), sort: descending("left_at") });
      return { username: m.username, feedback_score: feedbackScore(m), positive_percent: positivePercent(m), ...p };
    },
  }),

  send_seller_message: write({
    description:
      "Ask the seller of a listing a question (shipping, condition, extra photos…). Returns the sent message; the answer arrives in list_marketplace_messages.",
    input: z
      .object({
        listing_id: ref("listing", "The listing the question is about"),
        subject: z.string().trim().min(1).max(120).optional().describe("Subject line; default 'Question about <title>'"),
        body: body("The question, up to 2000 characters"),
      })
      .strict(),
    produces: "message",
    run: (db, a, env) => {
      const l = db.listings.need(a.listing_id);
      const user = me(env);
      check(l.seller !== user, `${l.id} is your own listing; answer buyers with reply_to_marketplace_message instead`);
      const subject = a.subject ?? `Question about ${l.title}`.slice(0, 120);
      return db.messages.create({ listing_id: l.id, from: user, to: l.seller, subject, body: a.body, sent_at: env.now, read: true });
    },
  }),

  reply_to_marketplace_message: write({
    description: "Answer a message the user received (a buyer's question about the user's listing, or a seller's reply). Marks it read and returns the reply.",
    input: z.object({ message_id: ref("message", "The received message to answer"), body: body("The answer, up to 2000 characters") }).strict(),
    produces: "message",
    run: (db, a, env) => {
      const m = db.messages.need(a.message_id);
      const user = me(env);
      check(m.to === user, `${m.id} is a message you sent to ${m.to}; reply to a message you received (list_marketplace_messages folder inbox)`);
      if (!m.read) db.messages.update(m.id, { read: true });
      const subject = m.subject.startsWith("Re: ") ? m.subject : `Re: ${m.subject}`.slice(0, 120);
      return db.messages.create({ listing_id: m.listing_id, from: user, to: m.from, subject, body: a.body, sent_at: env.now, read: true, in_reply_to: m.id });
    },
  }),

  list_marketplace_messages: read({
    description: "The user's marketplace messages, newest first: inbox (received), sent, or all; optionally about one listing or unread only.",
    input: z
      .object({
        folder: z.enum(["inbox", "sent", "all"]).default("inbox").describe("Received (inbox, default), sent, or all messages"),
        listing_id: ref("listing", "Only messages about this listing").optional(),
        unread_only: z.boolean().default(false).describe("true: only messages not read yet"),
        ...page,
      })
      .strict(),
    discovers: "message",
    run: (db, a, env) => {
      const user = me(env);
      const p = db.messages.page(a, {
        where: (m) =>
          (a.folder === "all" ? m.to === user || m.from === user : a.folder === "inbox" ? m.to === user : m.from === user) &&
          (!a.listing_id || m.listing_id === a.listing_id) &&
          (!a.unread_only || (!m.read && m.to === user)),
        sort: descending("sent_at"),
      });
      return { ...p, unread: db.messages.count((m) => m.to === user && !m.read) };
    },
  }),
};
