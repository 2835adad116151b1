/**
 * Direct messages. Policy (as on X): the user may message an account only when at least one of
 * them follows the other (an accepted follow either way), and never across a block.
 */
import { check, descending, page, paginate, ref, text, z } from "../../framework/index.ts";
import { blocks, charCount, DM_MAX_CHARS, follows, needProfile, read, write } from "../state.ts";

export const messageTools = {
  send_direct_message: write({
    description:
      "Send a private direct message (1-1000 characters) to an account. Allowed only when the user follows that account or it follows the user (an accepted follow either way), and never across a block. Returns the message.",
    input: z.object({ handle: ref("profile", "The recipient's handle"), text: text("The message, 1-1000 characters", 5000) }).strict(),
    produces: "direct_message",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = needProfile(db, a.handle).handle;
      check(who !== me, "you cannot send a direct message to yourself; pass another account's handle", "invalid_argument");
      check(!blocks(db, who, me), `@${who} blocks you, so you cannot message them`, "permission_denied");
      check(!blocks(db, me, who), `you block @${who}; unblock_user @${who} before messaging them`);
      check(
        follows(db, me, who) || follows(db, who, me),
        () =>
          `you can message only accounts that follow you or that you follow; neither is true of @${who}. follow_user @${who} first${db.profiles.need(who).locked ? " (their account is locked, so they must approve the request)" : ""}`,
      );
      const body = a.text.trim();
      const n = charCount(body);
      check(n >= 1 && n <= DM_MAX_CHARS, `a direct message has 1 to ${DM_MAX_CHARS} characters; this one has ${n}`, "invalid_argument");
      return db.direct_messages.create({ sender: me, recipient: who, text: body, created_at: env.now, read: false });
    },
  }),

  list_direct_messages: read({
    description: "The user's direct messages, newest first: the conversation with one account, or all conversations when handle is omitted.",
    input: z
      .object({
        handle: ref("profile", "The other account of the conversation; omit for all").optional(),
        unread_only: z.boolean().default(false).describe("Only messages to the user that they have not read"),
        ...page,
      })
      .strict(),
    discovers: "direct_message",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const other = a.handle === undefined ? undefined : needProfile(db, a.handle).handle;
      return db.direct_messages.page(a, {
        where: (d) =>
          (d.sender === me || d.recipient === me) &&
          (!other || d.sender === other || d.recipient === other) &&
          (!a.unread_only || (d.recipient === me && !d.read)),
        sort: descending("created_at"),
      });
    },
  }),

  list_dm_conversations: read({
    description: "The user's direct-message conversations, most recent first: the other account, the last message, how many messages and how many unread.",
    input: z.object({ ...page }).strict(),
    discovers: ["direct_message", "profile"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const byPartner = new Map<
        string,
        { handle: string; display_name: string; message_count: number; unread_count: number; last_message: unknown; last_at: string }
      >();
      for (const d of db.direct_messages.filter((d) => d.sender === me || d.recipient === me)) {
        const partner = d.sender === me ? d.recipient : d.sender;
        const c = byPartner.get(partner) ?? {
          handle: partner,
          display_name: db.profiles.get(partner)?.display_name ?? partner,
          message_count: 0,
          unread_count: 0,
          last_message: d,
          last_at: "",
        };
        c.message_count++;
        if (d.recipient === me && !d.read) c.unread_count++;
        if (d.created_at >= c.last_at) {
          c.last_at = d.created_at;
          c.last_message = d;
        }
        byPartner.set(partner, c);
      }
      const rows = [...byPartner.values()].sort(descending("last_at"));
      return paginate(rows, a);
    },
  }),

  mark_direct_messages_read: write({
    description: "Mark every unread message the user received from an account as read. Returns how many were marked.",
    input: z.object({ handle: ref("profile", "The other account of the conversation") }).strict(),
    uses: ["direct_message"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = needProfile(db, a.handle).handle;
      const unread = db.direct_messages.filter((d) => d.sender === who && d.recipient === me && !d.read);
      for (const d of unread) db.direct_messages.update(d.id, { read: true });
      return { handle: who, marked_read: unread.length, message_ids: unread.map((d) => d.id) };
    },
  }),
};
