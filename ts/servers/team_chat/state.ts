/**
 * Team chat state, shaped after Slack's Web API: one workspace (the user's company), its
 * members (the company's people plus guests from partner companies), channels (public or
 * private, with topic, purpose, membership and an archived flag) and messages (top-level or
 * thread replies, with reactions, mentions written as <@U1001>, pins and edits).
 *
 * The assistant acts as the member whose email is `world.user.email`.
 */
import { check, fail, shorten, table, toolkit, z, type CallEnv, type Db } from "../framework/index.ts";

export const MESSAGE_MAX_CHARS = 4000;
export const CHANNEL_NAME_MAX = 80;
export const TOPIC_MAX_CHARS = 250;
/** The workspace's default channel: everyone is in it, nobody leaves or archives it. */
export const DEFAULT_CHANNEL = "general";

export const ROLES = ["owner", "admin", "member", "guest"] as const;

export const Member = z.object({
  id: z.string().regex(/^U\d+$/),
  /** Display name / handle, e.g. "maya.okafor". */
  handle: z.string(),
  real_name: z.string(),
  email: z.string(),
  title: z.string(),
  /** Guests come from partner companies and only see the channels they are in. */
  role: z.enum(ROLES),
  company: z.string(),
  timezone: z.string(),
  status_text: z.string(),
  status_emoji: z.string(),
});
export type Member = z.output<typeof Member>;

export const Channel = z.object({
  id: z.string().regex(/^C\d+$/),
  name: z.string(),
  is_private: z.boolean(),
  topic: z.string(),
  purpose: z.string(),
  creator_id: z.string(),
  created_at: z.string(),
  archived: z.boolean(),
  member_ids: z.array(z.string()),
});
export type Channel = z.output<typeof Channel>;

export const Reaction = z.object({ name: z.string(), user_ids: z.array(z.string()) });
export type Reaction = z.output<typeof Reaction>;

export const Message = z.object({
  id: z.string(),
  channel_id: z.string(),
  user_id: z.string(),
  text: z.string().max(MESSAGE_MAX_CHARS),
  created_at: z.string(),
  edited_at: z.string().optional(),
  /** Set on thread replies: the top-level message they answer. */
  thread_parent_id: z.string().optional(),
  /** Member ids mentioned with <@U1001>. */
  mentions: z.array(z.string()),
  reactions: z.array(Reaction),
  pinned_by: z.string().optional(),
  pinned_at: z.string().optional(),
  /** A deleted message whose thread still has replies stays as a tombstone. */
  deleted: z.boolean().optional(),
});
export type Message = z.output<typeof Message>;

export const tables = {
  members: table("member", Member, { idPrefix: "U", describe: (m) => `${m.real_name} (${m.role === "guest" ? `guest from ${m.company}` : m.title})` }),
  channels: table("channel", Channel, {
    idPrefix: "C",
    describe: (c) => `the ${c.archived ? "archived " : ""}${c.is_private ? "private" : "public"} channel #${c.name}`,
  }),
  messages: table("chat_message", Message, {
    idPrefix: "MSG-",
    idDigits: 5,
    describe: (m) => `the ${m.thread_parent_id ? "thread reply" : "message"} "${shorten(m.text, 40)}" posted ${m.created_at.slice(0, 16).replace("T", " ")}`,
  }),
};

export const { read, write } = toolkit(tables);
export type Chat = Db<typeof tables>;

/** The member the assistant acts for. */
export function meOf(db: Chat, env: CallEnv): Member {
  const me = db.members.find((m) => m.email === env.world.user.email);
  if (!me) fail("the workspace has no account for the user", "failed_precondition");
  return me;
}

export function isMember(c: Channel, memberId: string): boolean {
  return c.member_ids.includes(memberId);
}

/** A channel the user may read: public, or private with the user in it. */
export function needReadable(db: Chat, channelId: string, me: Member): Channel {
  const c = db.channels.need(channelId);
  check(
    !c.is_private || isMember(c, me.id),
    `#${c.name} (${c.id}) is a private channel you are not in; a member has to invite you (invite_to_channel)`,
    "permission_denied",
  );
  return c;
}

/** A channel the user may write in: readable, not archived, and the user a member. */
export function needWritable(db: Chat, channelId: string, me: Member, action: string): Channel {
  const c = needReadable(db, channelId, me);
  check(!c.archived, `#${c.name} (${c.id}) is archived and read-only; unarchive_channel it before you ${action}`);
  check(isMember(c, me.id), `you are not a member of #${c.name} (${c.id}); join_channel it first to ${action}`);
  return c;
}

/** Member ids mentioned as <@U1001> in a text. */
export function parseMentions(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/<@(U\d{1,12})>/g)) if (!out.includes(m[1] as string)) out.push(m[1] as string);
  return out;
}

export function hasLink(text: string): boolean {
  return /https?:\/\/\S/.test(text);
}

/** A message body: trimmed, 1-4000 characters, every <@U…> a real member. */
export function checkBody(db: Chat, raw: string): { text: string; mentions: string[] } {
  const text = raw.trim();
  check(text.length > 0, `the message is empty; write 1 to ${MESSAGE_MAX_CHARS} characters`, "invalid_argument");
  check(
    text.length <= MESSAGE_MAX_CHARS,
    `the message has ${text.length} characters; the limit is ${MESSAGE_MAX_CHARS}, so split it into several messages`,
    "invalid_argument",
  );
  const mentions = parseMentions(text);
  const unknown = mentions.filter((id) => !db.members.has(id));
  check(
    unknown.length === 0,
    () => `no member has the id ${unknown.join(", ")}; mention members as <@U1001> with ids from list_workspace_members`,
    "not_found",
  );
  return { text, mentions };
}

/** A valid Slack channel name, or an error with a corrected suggestion. */
export function checkChannelName(raw: string): string {
  const name = raw.trim().replace(/^#/, "");
  const suggestion =
    name
      .toLowerCase()
      .replace(/\s+/g, "-")
      .replace(/[^a-z0-9_-]/g, "")
      .slice(0, CHANNEL_NAME_MAX) || "new-channel";
  check(name.length > 0, "a channel name is required, e.g. proj-website-redesign", "invalid_argument");
  check(
    name.length <= CHANNEL_NAME_MAX && /^[a-z0-9_-]+$/.test(name),
    `channel name "${name.slice(0, 100)}" is not valid: names are 1-${CHANNEL_NAME_MAX} characters of lowercase letters, digits, hyphens and underscores, without spaces or periods, e.g. "${suggestion}"`,
    "invalid_argument",
  );
  return name;
}

/** A message as clients show it: the channel's name, thread summary and the user's reactions. */
export function messageView(db: Chat, m: Message) {
  const channel = db.channels.get(m.channel_id);
  const replies = m.thread_parent_id ? [] : db.messages.filter((r) => r.thread_parent_id === m.id);
  const author = db.members.get(m.user_id);
  return {
    ...m,
    channel_name: channel?.name ?? "",
    user_name: author?.real_name ?? m.user_id,
    ...(m.thread_parent_id
      ? {}
      : {
          reply_count: replies.length,
          ...(replies.length
            ? {
                reply_user_ids: [...new Set(replies.map((r) => r.user_id))],
                latest_reply_at: replies.reduce((t, r) => (r.created_at > t ? r.created_at : t), ""),
              }
            : {}),
        }),
  };
}

export function channelView(c: Channel, meId: string) {
  return { ...c, member_count: c.member_ids.length, is_member: isMember(c, meId) };
}
