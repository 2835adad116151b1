/**
 * Social media state, shaped after the Mastodon / X APIs: profiles (the world's people, a few
 * brands and the user's own account), posts (with hashtags, mentions, replies forming threads
 * and reposts), likes, follows (pending while a locked account has not approved them), blocks,
 * mutes and direct messages.
 *
 * The assistant acts as `world.user`: "me" in every rule below is `env.world.user.handle`.
 */
import { matchesText, shorten, table, toolkit, z, type Db } from "../framework/index.ts";

export const POST_MAX_CHARS = 500;
export const DM_MAX_CHARS = 1000;
export const BIO_MAX_CHARS = 160;
export const DISPLAY_NAME_MAX_CHARS = 30;
export const LOCATION_MAX_CHARS = 30;

export const VISIBILITIES = ["public", "followers", "direct"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const Profile = z.object({
  /** Lowercase handle without the "@", e.g. "maya.okafor"; the key of the table. */
  handle: z.string().regex(/^[a-z0-9_.]+$/),
  display_name: z.string(),
  bio: z.string(),
  location: z.string(),
  website: z.string(),
  kind: z.enum(["person", "brand"]),
  /** Locked accounts approve every follower: follows to them start as pending requests. */
  locked: z.boolean(),
  verified: z.boolean(),
  created_at: z.string(),
});
export type Profile = z.output<typeof Profile>;

export const Post = z.object({
  id: z.string(),
  author: z.string(),
  /** Empty for a repost, whose content is the post it reposts. */
  text: z.string().max(POST_MAX_CHARS),
  /** Lowercase, without "#", in order of first appearance. */
  hashtags: z.array(z.string()),
  /** Handles mentioned in the text (and, for replies, the author replied to). */
  mentions: z.array(z.string()),
  visibility: z.enum(VISIBILITIES),
  in_reply_to_id: z.string().optional(),
  in_reply_to_handle: z.string().optional(),
  /** The first post of the thread this reply belongs to. */
  thread_root_id: z.string().optional(),
  repost_of_id: z.string().optional(),
  created_at: z.string(),
});
export type Post = z.output<typeof Post>;

export const Like = z.object({
  id: z.string(),
  post_id: z.string(),
  handle: z.string(),
  created_at: z.string(),
});
export type Like = z.output<typeof Like>;

export const Follow = z.object({
  id: z.string(),
  follower: z.string(),
  followee: z.string(),
  /** pending: a request to a locked account, waiting for its approval. */
  status: z.enum(["accepted", "pending"]),
  created_at: z.string(),
});
export type Follow = z.output<typeof Follow>;

export const Block = z.object({ id: z.string(), blocker: z.string(), blocked: z.string(), created_at: z.string() });
export type Block = z.output<typeof Block>;

export const Mute = z.object({ id: z.string(), muter: z.string(), muted: z.string(), created_at: z.string() });
export type Mute = z.output<typeof Mute>;

export const DirectMessage = z.object({
  id: z.string(),
  sender: z.string(),
  recipient: z.string(),
  text: z.string().min(1).max(DM_MAX_CHARS),
  created_at: z.string(),
  /** Whether the recipient has read it. */
  read: z.boolean(),
});
export type DirectMessage = z.output<typeof DirectMessage>;

export const tables = {
  profiles: table("profile", Profile, {
    key: "handle",
    example: "maya.okafor",
    describe: (p) => `${p.display_name}'s ${p.kind === "brand" ? "brand " : ""}account @${p.handle}`,
  }),
  posts: table("post", Post, {
    idPrefix: "POST-",
    idDigits: 5,
    describe: (p) =>
      p.repost_of_id
        ? `@${p.author}'s repost of ${p.repost_of_id} on ${p.created_at.slice(0, 10)}`
        : `@${p.author}'s ${p.in_reply_to_id ? "reply" : "post"} "${shorten(p.text, 40)}" on ${p.created_at.slice(0, 10)}`,
  }),
  likes: table("like", Like, { idPrefix: "LIKE-", idDigits: 5, describe: (l) => `@${l.handle}'s like of ${l.post_id}` }),
  follows: table("follow", Follow, {
    idPrefix: "FOL-",
    describe: (f) => (f.status === "pending" ? `@${f.follower}'s pending follow request to @${f.followee}` : `@${f.follower} following @${f.followee}`),
  }),
  blocks: table("block", Block, { idPrefix: "BLK-", describe: (b) => `@${b.blocker}'s block of @${b.blocked}` }),
  mutes: table("mute", Mute, { idPrefix: "MUTE-", describe: (m) => `@${m.muter}'s mute of @${m.muted}` }),
  direct_messages: table("direct_message", DirectMessage, {
    idPrefix: "DM-",
    idDigits: 5,
    describe: (d) => `the direct message from @${d.sender} to @${d.recipient} "${shorten(d.text, 40)}" on ${d.created_at.slice(0, 10)}`,
  }),
};

export const { read, write } = toolkit(tables);
export type Social = Db<typeof tables>;

// ---------------------------------------------------------------------------------------------
// Text parsing (linear-time, no regex built from input)

/** A handle as typed: "@maya.okafor" or "maya.okafor" → "maya.okafor". */
export function normalizeHandle(h: string): string {
  return h.trim().replace(/^@/, "").toLowerCase();
}

/** Hashtags in order of first appearance, lowercase, without "#". */
export function parseHashtags(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(^|[^\p{L}\p{N}_&#])#([\p{L}\p{N}_]{1,100})/gu)) {
    const tag = (m[2] as string).toLowerCase();
    if (!/^\d+$/.test(tag) && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** Mentioned handles in order of first appearance; an "@" right after a word character (an email address) is not a mention. */
export function parseMentions(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(^|[^\p{L}\p{N}_@./])@([a-z0-9_.]{1,60})/giu)) {
    const handle = (m[2] as string).toLowerCase().replace(/\.+$/, "");
    if (handle && !out.includes(handle)) out.push(handle);
  }
  return out;
}

/** Characters as people count them (code points, so an emoji counts once). */
export function charCount(text: string): number {
  return [...text].length;
}

// ---------------------------------------------------------------------------------------------
// Relationships

export function follow(db: Social, follower: string, followee: string) {
  return db.follows.find((f) => f.follower === follower && f.followee === followee);
}

export function follows(db: Social, follower: string, followee: string): boolean {
  return follow(db, follower, followee)?.status === "accepted";
}

export function blocks(db: Social, blocker: string, blocked: string): boolean {
  return db.blocks.find((b) => b.blocker === blocker && b.blocked === blocked) !== undefined;
}

export function mutes(db: Social, muter: string, muted: string): boolean {
  return db.mutes.find((m) => m.muter === muter && m.muted === muted) !== undefined;
}

/** The profile named by a handle parameter, or not_found naming search_users. */
export function needProfile(db: Social, handle: string) {
  return db.profiles.need(normalizeHandle(handle));
}

// ---------------------------------------------------------------------------------------------
// Visibility

/**
 * What one account may see: its follows, blocks and mutes read once, so filtering a whole
 * timeline costs one pass over the posts instead of one scan of the relations per post.
 */
export class Viewer {
  readonly following = new Set<string>();
  readonly blockedBy = new Set<string>();
  readonly blocking = new Set<string>();
  readonly muting = new Set<string>();

  constructor(
    private readonly db: Social,
    readonly me: string,
  ) {
    for (const f of db.follows.filter((f) => f.follower === me && f.status === "accepted")) this.following.add(f.followee);
    for (const b of db.blocks.filter((b) => b.blocked === me || b.blocker === me))
      (b.blocked === me ? this.blockedBy : this.blocking).add(b.blocked === me ? b.blocker : b.blocked);
    for (const m of db.mutes.filter((m) => m.muter === me)) this.muting.add(m.muted);
  }

  /** Why the viewer cannot see the post, or undefined when they can. */
  hiddenReason(p: Post): string | undefined {
    if (p.repost_of_id) {
      const original = this.db.posts.get(p.repost_of_id);
      if (!original) return `post ${p.id} reposts ${p.repost_of_id}, which was deleted`;
      const why = this.hiddenReason(original);
      if (why) return why;
    }
    const me = this.me;
    if (p.author === me) return undefined;
    if (this.blockedBy.has(p.author)) return `@${p.author} blocks you, so their posts are not visible to you`;
    if (this.blocking.has(p.author)) return `you block @${p.author}; unblock_user @${p.author} to see their posts`;
    if (p.visibility === "public") return undefined;
    if (p.mentions.includes(me)) return undefined;
    if (p.visibility === "followers" && this.following.has(p.author)) return undefined;
    return p.visibility === "followers"
      ? `post ${p.id} is visible only to @${p.author}'s followers; follow_user @${p.author} (and have the follow accepted) to see it`
      : `post ${p.id} is a direct post visible only to the accounts it mentions`;
  }

  sees(p: Post): boolean {
    return this.hiddenReason(p) === undefined;
  }
}

/** Why `me` cannot see the post, or undefined when they can. */
export function hiddenReason(db: Social, p: Post, me: string): string | undefined {
  return new Viewer(db, me).hiddenReason(p);
}

/** A post as a client shows it: counts, the user's own interactions and, for a repost, the reposted post. */
export function postView(db: Social, p: Post, me: string): Post & Record<string, unknown> {
  return postViews(db, [p], me)[0] as Post & Record<string, unknown>;
}

/** Views of several posts, counting likes, reposts and replies in one pass over each table. */
export function postViews(db: Social, posts: readonly Post[], me: string): Array<Post & Record<string, unknown>> {
  const wanted = new Set<string>();
  for (const p of posts) {
    wanted.add(p.id);
    if (p.repost_of_id) wanted.add(p.repost_of_id);
  }
  const likes = new Map<string, number>();
  const likedByMe = new Set<string>();
  for (const l of db.likes.filter((l) => wanted.has(l.post_id))) {
    likes.set(l.post_id, (likes.get(l.post_id) ?? 0) + 1);
    if (l.handle === me) likedByMe.add(l.post_id);
  }
  const reposts = new Map<string, number>();
  const replies = new Map<string, number>();
  const repostedByMe = new Set<string>();
  for (const x of db.posts.filter(
    (x) => (x.repost_of_id !== undefined && wanted.has(x.repost_of_id)) || (x.in_reply_to_id !== undefined && wanted.has(x.in_reply_to_id)),
  )) {
    if (x.repost_of_id) {
      reposts.set(x.repost_of_id, (reposts.get(x.repost_of_id) ?? 0) + 1);
      if (x.author === me) repostedByMe.add(x.repost_of_id);
    }
    if (x.in_reply_to_id) replies.set(x.in_reply_to_id, (replies.get(x.in_reply_to_id) ?? 0) + 1);
  }
  const one = (p: Post): Post & Record<string, unknown> => ({
    ...p,
    like_count: likes.get(p.id) ?? 0,
    repost_count: reposts.get(p.id) ?? 0,
    reply_count: replies.get(p.id) ?? 0,
    liked_by_me: likedByMe.has(p.id),
    reposted_by_me: repostedByMe.has(p.id),
  });
  return posts.map((p) => {
    const view = one(p);
    const original = p.repost_of_id ? db.posts.get(p.repost_of_id) : undefined;
    if (original) view.reposted_post = one(original);
    return view;
  });
}

/** A short card of a profile for lists. */
export function profileCard(p: Profile) {
  return { handle: p.handle, display_name: p.display_name, kind: p.kind, locked: p.locked, verified: p.verified, bio: p.bio };
}

export function profileMatches(p: Profile, query: string | undefined): boolean {
  return matchesText(query === undefined ? undefined : normalizeHandle(query), p.handle) || matchesText(query, p.display_name, p.bio);
}
