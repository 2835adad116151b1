/** Posts: write, reply, delete, like, repost; read feeds, timelines, threads and hashtag search. */
import {
  ascending,
  check,
  descending,
  fail,
  isoDate,
  matchesText,
  page,
  paginate,
  rangeStart,
  ref,
  text,
  time,
  z,
  type CallEnv,
} from "../../framework/index.ts";
import {
  blocks,
  charCount,
  hiddenReason,
  needProfile,
  parseHashtags,
  parseMentions,
  POST_MAX_CHARS,
  postView,
  postViews,
  read,
  VISIBILITIES,
  write,
  type Post,
  type Social,
  type Visibility,
  Viewer,
} from "../state.ts";

const WIDTH: Record<Visibility, number> = { public: 0, followers: 1, direct: 2 };
const visibilityParam = z
  .enum(VISIBILITIES)
  .describe("public: anyone; followers: only accepted followers and mentioned accounts; direct: only the mentioned accounts");

/** Text, hashtags and mentions of a new post, or an error saying what to fix. */
function compose(db: Social, raw: string, me: string): { text: string; hashtags: string[]; mentions: string[] } {
  const body = raw.trim();
  check(body.length > 0, `post text is empty; write 1 to ${POST_MAX_CHARS} characters`, "invalid_argument");
  const n = charCount(body);
  check(
    n <= POST_MAX_CHARS,
    `post text is ${n} characters; the limit is ${POST_MAX_CHARS}, so shorten it by ${n - POST_MAX_CHARS} characters or split it into a thread with reply_to_post`,
    "invalid_argument",
  );
  const mentions = parseMentions(body);
  const unknown = mentions.filter((h) => !db.profiles.has(h));
  check(
    unknown.length === 0,
    () => `no account has the handle ${unknown.map((h) => `@${h}`).join(", ")}; find the right handle with search_users`,
    "not_found",
  );
  return { text: body, hashtags: parseHashtags(body), mentions: mentions.filter((h) => h !== me) };
}

/** The post itself, or the post a repost points to (likes, replies and reposts go to the original). */
function original(db: Social, id: string): Post {
  const p = db.posts.need(id);
  return p.repost_of_id ? db.posts.need(p.repost_of_id) : p;
}

function needVisible(db: Social, id: string, me: string): Post {
  const p = original(db, id);
  const why = hiddenReason(db, p, me);
  if (why) fail(why, "permission_denied");
  return p;
}

/** Refuses an interaction (reply, like, repost) with a post when a block stands between the user and its author. */
function checkInteract(db: Social, p: Post, me: string, what: string): void {
  check(!blocks(db, p.author, me), `@${p.author} blocks you, so you cannot ${what} their posts`, "permission_denied");
  check(!blocks(db, me, p.author), `you block @${p.author}; unblock_user @${p.author} before you ${what} their posts`);
}

const postId = (description: string) => ref("post", description);

export const postTools = {
  create_post: write({
    description:
      "Publish a new post (at most 500 characters) as the user. #hashtags and @mentions in the text are parsed; mentioned handles must exist. Returns the post with its id.",
    input: z.object({ text: text("The post's text, 1-500 characters", 5000), visibility: visibilityParam.default("public") }).strict(),
    produces: "post",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const c = compose(db, a.text, me);
      const p = db.posts.create({ author: me, ...c, visibility: a.visibility, created_at: env.now });
      return postView(db, p, me);
    },
  }),

  reply_to_post: write({
    description:
      "Reply to a post (or to the post a repost shares), continuing its thread. The reply mentions the post's author and is at most as visible as the post (default: the same visibility). Returns the reply.",
    input: z
      .object({ post_id: postId("The post to reply to"), text: text("The reply's text, 1-500 characters", 5000), visibility: visibilityParam.optional() })
      .strict(),
    produces: "post",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const parent = original(db, a.post_id);
      checkInteract(db, parent, me, "reply to");
      const why = hiddenReason(db, parent, me);
      if (why) fail(why, "permission_denied");
      const visibility = a.visibility ?? parent.visibility;
      check(
        WIDTH[visibility] >= WIDTH[parent.visibility],
        `post ${parent.id} is ${parent.visibility}-only, so a reply can be ${VISIBILITIES.filter((v) => WIDTH[v] >= WIDTH[parent.visibility]).join(" or ")}, not ${visibility}`,
        "invalid_argument",
      );
      const c = compose(db, a.text, me);
      const mentions = [...new Set([...(parent.author !== me ? [parent.author] : []), ...c.mentions])];
      const reply = db.posts.create({
        author: me,
        text: c.text,
        hashtags: c.hashtags,
        mentions,
        visibility,
        in_reply_to_id: parent.id,
        in_reply_to_handle: parent.author,
        thread_root_id: parent.thread_root_id ?? parent.id,
        created_at: env.now,
      });
      return postView(db, reply, me);
    },
  }),

  get_post: read({
    description: "One post by id with its like, repost and reply counts and whether the user liked or reposted it; a repost also carries the reposted post.",
    input: z.object({ post_id: postId("The post") }).strict(),
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const p = db.posts.need(a.post_id);
      const why = hiddenReason(db, p, me);
      if (why) fail(why, "permission_denied");
      return postView(db, p, me);
    },
  }),

  get_post_thread: read({
    description:
      "The conversation around a post: its ancestors (oldest first), the post, and the replies below it (oldest first, at most 100). Posts the user cannot see are left out.",
    input: z.object({ post_id: postId("Any post of the thread") }).strict(),
    discovers: "post",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const p = needVisible(db, a.post_id, me);
      const ancestors: Post[] = [];
      for (
        let up = p.in_reply_to_id ? db.posts.get(p.in_reply_to_id) : undefined;
        up && ancestors.length < 100;
        up = up.in_reply_to_id ? db.posts.get(up.in_reply_to_id) : undefined
      ) {
        ancestors.unshift(up);
      }
      const descendants: Post[] = [];
      const queue = [p.id];
      while (queue.length && descendants.length < 100) {
        const parent = queue.shift() as string;
        for (const r of db.posts.filter((x) => x.in_reply_to_id === parent).sort(ascending("created_at"))) {
          descendants.push(r);
          queue.push(r.id);
        }
      }
      descendants.sort((x, y) => (x.created_at < y.created_at ? -1 : x.created_at > y.created_at ? 1 : 0));
      const viewer = new Viewer(db, me);
      const view = (xs: Post[]) => postViews(db, xs.filter((x) => viewer.sees(x)).slice(0, 100), me);
      return { ancestors: view(ancestors), post: postView(db, p, me), descendants: view(descendants) };
    },
  }),

  delete_post: write({
    description:
      "Delete one of the user's own posts (or reposts). Reposts and likes of it disappear with it; replies to it stay. Only the user's own posts can be deleted.",
    input: z.object({ post_id: postId("The user's post to delete") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const p = db.posts.need(a.post_id);
      check(p.author === me, `post ${p.id} is by @${p.author}; you can delete only your own posts (by @${me})`, "permission_denied");
      const reposts = db.posts.filter((x) => x.repost_of_id === p.id);
      const likes = db.likes.filter((l) => l.post_id === p.id);
      for (const r of reposts) db.posts.delete(r.id);
      for (const l of likes) db.likes.delete(l.id);
      db.posts.delete(p.id);
      return { deleted: p.id, reposts_removed: reposts.length, likes_removed: likes.length };
    },
  }),

  like_post: write({
    description: "Like a post (liking a repost likes the post it shares). A post can be liked once. Returns the like and the post's new like count.",
    input: z.object({ post_id: postId("The post to like") }).strict(),
    produces: "like",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const p = original(db, a.post_id);
      checkInteract(db, p, me, "like");
      const why = hiddenReason(db, p, me);
      if (why) fail(why, "permission_denied");
      const prior = db.likes.find((l) => l.post_id === p.id && l.handle === me);
      check(!prior, () => `you already liked post ${p.id} (at ${prior?.created_at}); use unlike_post to remove the like`, "already_exists");
      const like = db.likes.create({ post_id: p.id, handle: me, created_at: env.now });
      return { ...like, post: postView(db, p, me) };
    },
  }),

  unlike_post: write({
    description:
      "Remove the user's like from a post. Only posts the user has liked can be unliked (list_liked_posts shows them). Returns the post with its new like count.",
    input: z.object({ post_id: postId("The liked post") }).strict(),
    uses: ["like"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const p = original(db, a.post_id);
      const like = db.likes.find((l) => l.post_id === p.id && l.handle === me);
      check(like, `you have not liked post ${p.id}, so there is no like to remove; list_liked_posts shows the posts you liked`);
      db.likes.delete(like.id);
      return { unliked: p.id, post: postView(db, p, me) };
    },
  }),

  list_liked_posts: read({
    description: "Posts the user has liked, most recently liked first, each with the like's id and time.",
    input: z.object({ ...page }).strict(),
    discovers: ["like", "post"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const p = db.likes.page(a, { where: (l) => l.handle === me, sort: descending("created_at") });
      const viewer = new Viewer(db, me);
      const visible = p.items.map((l) => db.posts.get(l.post_id)).filter((x): x is Post => x !== undefined && viewer.sees(x));
      const views = new Map(postViews(db, visible, me).map((v) => [v.id, v]));
      return { ...p, items: p.items.map((l) => ({ ...l, post: views.get(l.post_id) ?? null })) };
    },
  }),

  repost: write({
    description:
      "Share someone's public post with the user's followers (a repost/boost). Reposting a repost shares the original. Only public posts can be reposted, once. Returns the repost.",
    input: z.object({ post_id: postId("The post to repost") }).strict(),
    produces: "post",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const p = original(db, a.post_id);
      checkInteract(db, p, me, "repost");
      const why = hiddenReason(db, p, me);
      if (why) fail(why, "permission_denied");
      check(p.visibility === "public", `post ${p.id} is ${p.visibility}-only; only public posts can be reposted`);
      const prior = db.posts.find((x) => x.repost_of_id === p.id && x.author === me);
      check(!prior, () => `you already reposted post ${p.id} (as ${prior?.id}); use undo_repost to take it back`, "already_exists");
      const r = db.posts.create({ author: me, text: "", hashtags: [], mentions: [], visibility: "public", repost_of_id: p.id, created_at: env.now });
      return postView(db, r, me);
    },
  }),

  undo_repost: write({
    description: "Take back the user's repost of a post (pass the original post or the repost). Returns the original post with its new repost count.",
    input: z.object({ post_id: postId("The reposted post, or the user's repost of it") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const p = original(db, a.post_id);
      const mine = db.posts.find((x) => x.repost_of_id === p.id && x.author === me);
      check(mine, `you have not reposted post ${p.id}; only your own reposts can be undone`);
      db.posts.delete(mine.id);
      return { removed_repost: mine.id, post: postView(db, p, me) };
    },
  }),

  get_home_feed: read({
    description:
      "The user's home feed, newest first: posts and reposts by the user and the accounts they follow (accepted follows), without muted or blocked accounts; replies appear when they answer the user or someone the user follows.",
    input: z.object({ ...page }).strict(),
    discovers: "post",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const v = new Viewer(db, me);
      const inFeed = (author: string) => author === me || (v.following.has(author) && !v.muting.has(author));
      const p = db.posts.page(a, {
        where: (x) => {
          if (!inFeed(x.author) || !v.sees(x)) return false;
          if (x.in_reply_to_handle && !(x.in_reply_to_handle === me || v.following.has(x.in_reply_to_handle))) return false;
          if (x.repost_of_id) {
            const o = db.posts.get(x.repost_of_id);
            if (!o || v.muting.has(o.author)) return false;
          }
          return true;
        },
        sort: descending("created_at"),
      });
      return { ...p, items: postViews(db, p.items, me) };
    },
  }),

  get_user_timeline: read({
    description: "An account's own posts, newest first: its posts, replies and reposts that the user may see (followers-only posts need an accepted follow).",
    input: z
      .object({
        handle: ref("profile", "The account's handle"),
        include_replies: z.boolean().default(true).describe("Include the account's replies to others"),
        include_reposts: z.boolean().default(true).describe("Include the account's reposts"),
        ...page,
      })
      .strict(),
    discovers: "post",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = needProfile(db, a.handle).handle;
      check(!blocks(db, who, me), `@${who} blocks you, so their posts are not visible to you`, "permission_denied");
      check(!blocks(db, me, who), `you block @${who}; unblock_user @${who} to see their posts`);
      const v = new Viewer(db, me);
      const p = db.posts.page(a, {
        where: (x) => x.author === who && (a.include_replies || !x.in_reply_to_id) && (a.include_reposts || !x.repost_of_id) && v.sees(x),
        sort: descending("created_at"),
      });
      return { ...p, items: postViews(db, p.items, me) };
    },
  }),

  search_posts: read({
    description:
      "Search posts the user can see (reposts excluded), newest first: by words in the text, by hashtag, by author and by date. Give at least one of query, hashtag or author.",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Text the post contains (case-insensitive)"),
        hashtag: z.string().trim().max(100).optional().describe("A hashtag, with or without '#', e.g. 'hiring'"),
        author: ref("profile", "Only posts by this handle").optional(),
        since: rangeStart("until", isoDate("Only posts on or after this date")).optional(),
        until: isoDate("Only posts on or before this date").optional(),
        ...page,
      })
      .strict(),
    discovers: "post",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const tag = a.hashtag?.replace(/^#+/, "").toLowerCase();
      check(Boolean(a.query) || Boolean(tag) || a.author !== undefined, "give at least one of query, hashtag or author to search posts", "invalid_argument");
      const author = a.author === undefined ? undefined : needProfile(db, a.author).handle;
      const v = new Viewer(db, me);
      const p = db.posts.page(a, {
        where: (x) =>
          !x.repost_of_id &&
          (!a.query || matchesText(a.query, x.text)) &&
          (!tag || x.hashtags.includes(tag)) &&
          (!author || x.author === author) &&
          (!a.since || x.created_at.slice(0, 10) >= a.since) &&
          (!a.until || x.created_at.slice(0, 10) <= a.until) &&
          v.sees(x),
        sort: descending("created_at"),
      });
      return { ...p, items: postViews(db, p.items, me) };
    },
  }),

  list_trending_hashtags: read({
    description: "Hashtags used most in public posts over the last days, with how many posts and distinct accounts used each; most used first.",
    input: z.object({ days: z.number().int().min(1).max(30).default(7).describe("How many days back to count (1-30, default 7)"), ...page }).strict(),
    run: (db, a, env: CallEnv) => {
      const since = time.addDays(env.now, -a.days);
      const counts = new Map<string, { posts: number; accounts: Set<string> }>();
      for (const x of db.posts.filter((x) => x.visibility === "public" && !x.repost_of_id && x.created_at >= since)) {
        for (const h of x.hashtags) {
          const c = counts.get(h) ?? { posts: 0, accounts: new Set<string>() };
          c.posts++;
          c.accounts.add(x.author);
          counts.set(h, c);
        }
      }
      const rows = [...counts].map(([hashtag, c]) => ({ hashtag, posts: c.posts, accounts: c.accounts.size }));
      rows.sort((x, y) => y.posts - x.posts || y.accounts - x.accounts || (x.hashtag < y.hashtag ? -1 : 1));
      return { since, ...paginate(rows, a) };
    },
  }),
};
