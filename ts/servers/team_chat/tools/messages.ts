/** Messages: post, reply in threads, read history and threads, react, pin, edit, delete. */
import { check, descending, isoInstant, page, paginate, ref, text, z } from "../../framework/index.ts";
import { checkBody, meOf, messageView, needReadable, needWritable, read, write, type Chat, type Member, type Message } from "../state.ts";

const messageId = (description: string) => ref("chat_message", description);
const TOMBSTONE = "This message was deleted.";

function normalizeEmoji(raw: string): string {
  const name = raw.trim().replace(/^:|:$/g, "").toLowerCase();
  check(
    /^[a-z0-9_+'-]{1,60}$/.test(name),
    `"${raw.slice(0, 40)}" is not an emoji name; use a name such as thumbsup, white_check_mark or tada (colons optional, no spaces)`,
    "invalid_argument",
  );
  return name;
}

/** A live (not deleted) message in a channel the user can write in. */
function needLive(db: Chat, id: string, me: Member, action: string): Message {
  const m = db.messages.need(id);
  needWritable(db, m.channel_id, me, action);
  check(!m.deleted, `message ${m.id} was deleted; only its thread replies remain`);
  return m;
}

export const messageTools = {
  post_chat_message: write({
    description:
      "Post a message in a channel the user is a member of (join_channel first for public channels). Mention people as <@U1001> with ids from list_workspace_members. Returns the message with its id.",
    input: z.object({ channel_id: ref("channel", "The channel to post in"), text: text("Message text, 1-4000 characters", 10_000) }).strict(),
    produces: "chat_message",
    run: (db, a, env) => {
      const me = meOf(db, env);
      const c = needWritable(db, a.channel_id, me, "post in it");
      const body = checkBody(db, a.text);
      const m = db.messages.create({ channel_id: c.id, user_id: me.id, ...body, created_at: env.now, reactions: [] });
      return messageView(db, m);
    },
  }),

  reply_in_thread: write({
    description:
      "Reply in the thread of a top-level message (a reply to a reply is not allowed: answer the thread's parent). The user must be a member of the channel. Returns the reply.",
    input: z.object({ message_id: messageId("The top-level message whose thread to reply in"), text: text("Reply text, 1-4000 characters", 10_000) }).strict(),
    produces: "chat_message",
    run: (db, a, env) => {
      const me = meOf(db, env);
      const parent = db.messages.need(a.message_id);
      check(
        !parent.thread_parent_id,
        `message ${parent.id} is itself a reply in the thread of ${parent.thread_parent_id}; reply to ${parent.thread_parent_id} instead (threads are one level deep)`,
      );
      const c = needWritable(db, parent.channel_id, me, "reply in it");
      const body = checkBody(db, a.text);
      const m = db.messages.create({ channel_id: c.id, user_id: me.id, ...body, created_at: env.now, thread_parent_id: parent.id, reactions: [] });
      return messageView(db, m);
    },
  }),

  list_channel_messages: read({
    description:
      "A channel's history: top-level messages, newest first, each with its thread's reply count. Readable for every public channel and the private channels the user is in. Narrow by time with oldest/latest.",
    input: z
      .object({
        channel_id: ref("channel", "The channel"),
        oldest: isoInstant("Only messages at or after this instant").optional(),
        latest: isoInstant("Only messages at or before this instant").optional(),
        ...page,
      })
      .strict(),
    discovers: "chat_message",
    run: (db, a, env) => {
      const me = meOf(db, env);
      const c = needReadable(db, a.channel_id, me);
      const { oldest, latest } = a;
      const p = db.messages.page(a, {
        where: (m) => m.channel_id === c.id && !m.thread_parent_id && (!oldest || m.created_at >= oldest) && (!latest || m.created_at <= latest),
        sort: descending("created_at"),
      });
      return { channel: { id: c.id, name: c.name, archived: c.archived }, ...p, items: p.items.map((m) => messageView(db, m)) };
    },
  }),

  get_thread_replies: read({
    description: "A thread: its top-level message and the replies under it, oldest first. Passing a reply's id returns the whole thread it belongs to.",
    input: z.object({ message_id: messageId("The thread's top-level message (or any reply in it)"), ...page }).strict(),
    discovers: "chat_message",
    run: (db, a, env) => {
      const me = meOf(db, env);
      const m = db.messages.need(a.message_id);
      const parent = m.thread_parent_id ? db.messages.need(m.thread_parent_id) : m;
      needReadable(db, parent.channel_id, me);
      const replies = db.messages
        .filter((r) => r.thread_parent_id === parent.id)
        .sort((x, y) => (x.created_at < y.created_at ? -1 : x.created_at > y.created_at ? 1 : 0));
      return {
        parent: messageView(db, parent),
        replies: paginate(
          replies.map((r) => messageView(db, r)),
          a,
        ),
      };
    },
  }),

  add_reaction: write({
    description:
      "React to a message with an emoji by name (thumbsup, eyes, tada…). The same emoji can be added once per person. Returns the message's reactions.",
    input: z.object({ message_id: messageId("The message"), name: z.string().max(80).describe("Emoji name, e.g. 'thumbsup' (colons optional)") }).strict(),
    run: (db, a, env) => {
      const me = meOf(db, env);
      const name = normalizeEmoji(a.name);
      const m = needLive(db, a.message_id, me, "react");
      const existing = m.reactions.find((r) => r.name === name);
      check(!existing?.user_ids.includes(me.id), `you already reacted with :${name}: to message ${m.id}; remove_reaction takes it off`, "already_exists");
      const reactions = existing
        ? m.reactions.map((r) => (r.name === name ? { name, user_ids: [...r.user_ids, me.id] } : r))
        : [...m.reactions, { name, user_ids: [me.id] }];
      const updated = db.messages.update(m.id, { reactions });
      return { message_id: m.id, reactions: updated.reactions };
    },
  }),

  remove_reaction: write({
    description: "Take back one of the user's emoji reactions from a message. Returns the message's reactions.",
    input: z.object({ message_id: messageId("The message"), name: z.string().max(80).describe("Emoji name of the user's reaction, e.g. 'eyes'") }).strict(),
    run: (db, a, env) => {
      const me = meOf(db, env);
      const name = normalizeEmoji(a.name);
      const m = needLive(db, a.message_id, me, "change reactions");
      const mine = m.reactions.filter((r) => r.user_ids.includes(me.id)).map((r) => `:${r.name}:`);
      check(
        mine.includes(`:${name}:`),
        `you have not reacted with :${name}: to message ${m.id}; ${mine.length ? `your reactions there are ${mine.join(", ")}` : "you have no reactions there"}`,
      );
      const reactions = m.reactions
        .map((r) => (r.name === name ? { name, user_ids: r.user_ids.filter((u) => u !== me.id) } : r))
        .filter((r) => r.user_ids.length > 0);
      const updated = db.messages.update(m.id, { reactions });
      return { message_id: m.id, reactions: updated.reactions };
    },
  }),

  pin_message: write({
    description: "Pin a message to its channel so members find it in list_pinned_messages. A message is pinned once. Returns the message.",
    input: z.object({ message_id: messageId("The message to pin") }).strict(),
    run: (db, a, env) => {
      const me = meOf(db, env);
      const m = needLive(db, a.message_id, me, "pin messages");
      check(
        !m.pinned_by,
        () => `message ${m.id} is already pinned (by ${db.members.get(m.pinned_by ?? "")?.real_name ?? m.pinned_by} at ${m.pinned_at})`,
        "already_exists",
      );
      return messageView(db, db.messages.update(m.id, { pinned_by: me.id, pinned_at: env.now }));
    },
  }),

  unpin_message: write({
    description: "Unpin a pinned message. Returns the message.",
    input: z.object({ message_id: messageId("The pinned message") }).strict(),
    run: (db, a, env) => {
      const me = meOf(db, env);
      const m = needLive(db, a.message_id, me, "unpin messages");
      check(m.pinned_by, `message ${m.id} is not pinned; list_pinned_messages shows the channel's pins`);
      const { pinned_by: _by, pinned_at: _at, ...rest } = m;
      return messageView(db, db.messages.put(rest));
    },
  }),

  list_pinned_messages: read({
    description: "Messages pinned in a channel, most recently pinned first.",
    input: z.object({ channel_id: ref("channel", "The channel"), ...page }).strict(),
    discovers: "chat_message",
    run: (db, a, env) => {
      const me = meOf(db, env);
      const c = needReadable(db, a.channel_id, me);
      const p = db.messages.page(a, { where: (m) => m.channel_id === c.id && m.pinned_by !== undefined, sort: descending("pinned_at") });
      return { ...p, items: p.items.map((m) => messageView(db, m)) };
    },
  }),

  edit_chat_message: write({
    description: "Change the text of one of the user's own messages (others' messages cannot be edited). Marks it edited. Returns the message.",
    input: z.object({ message_id: messageId("The user's message"), text: text("New text, 1-4000 characters", 10_000) }).strict(),
    run: (db, a, env) => {
      const me = meOf(db, env);
      const m = needLive(db, a.message_id, me, "edit messages");
      check(
        m.user_id === me.id,
        () => `message ${m.id} was posted by ${db.members.get(m.user_id)?.real_name ?? m.user_id}; you can edit only your own messages`,
        "permission_denied",
      );
      const body = checkBody(db, a.text);
      return messageView(db, db.messages.update(m.id, { ...body, edited_at: env.now }));
    },
  }),

  delete_chat_message: write({
    description:
      "Delete one of the user's own messages. A top-level message whose thread has replies stays as a 'This message was deleted.' placeholder so the replies keep their context; others are removed.",
    input: z.object({ message_id: messageId("The user's message to delete") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const me = meOf(db, env);
      const m = needLive(db, a.message_id, me, "delete messages");
      check(
        m.user_id === me.id,
        () => `message ${m.id} was posted by ${db.members.get(m.user_id)?.real_name ?? m.user_id}; you can delete only your own messages`,
        "permission_denied",
      );
      const replies = db.messages.count((r) => r.thread_parent_id === m.id);
      if (replies > 0) {
        const { pinned_by: _by, pinned_at: _at, ...rest } = m;
        db.messages.put({ ...rest, text: TOMBSTONE, mentions: [], reactions: [], deleted: true, edited_at: env.now });
        return { deleted: m.id, placeholder_kept: true, thread_replies: replies };
      }
      db.messages.delete(m.id);
      return { deleted: m.id, placeholder_kept: false, thread_replies: 0 };
    },
  }),
};
