import { describe, expect, it } from "vitest";
import { worldFor } from "../../ts/servers/framework/index.ts";
import social from "../../ts/servers/social_media/index.ts";
import {
  parseHashtags,
  parseMentions,
  type Block,
  type DirectMessage,
  type Follow,
  type Like,
  type Mute,
  type Post,
  type Profile,
} from "../../ts/servers/social_media/state.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { first, openSession, type TestSession } from "../helpers/session.ts";

domainConformance(social, 15);

const SEED = 1;
const me = worldFor(SEED).user.handle;

interface Rows {
  profiles: Profile[];
  posts: Post[];
  likes: Like[];
  follows: Follow[];
  blocks: Block[];
  mutes: Mute[];
  dms: DirectMessage[];
}

function rows(s: TestSession): Rows {
  const all = <T>(name: string) => s.rows<T>(name);
  return {
    profiles: all("profiles"),
    posts: all("posts"),
    likes: all("likes"),
    follows: all("follows"),
    blocks: all("blocks"),
    mutes: all("mutes"),
    dms: all("direct_messages"),
  };
}

/** Every item of a paginated list, following next_cursor. */
function allPages(s: TestSession, tool: string, args: Record<string, unknown>): Post[] {
  const out: Post[] = [];
  let cursor: string | undefined;
  do {
    const page = s.ok(tool, { ...args, limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

/** Facts about the seeded graph, derived from the state so the tests do not hard-code a seed's names. */
function facts(s: TestSession) {
  const r = rows(s);
  const rel = (a: string, b: string) => r.follows.find((f) => f.follower === a && f.followee === b);
  const blocked = (a: string, b: string) => r.blocks.some((x) => (x.blocker === a && x.blocked === b) || (x.blocker === b && x.blocked === a));
  const people = r.profiles.filter((p) => p.kind === "person" && p.handle !== me);
  const strangers = people.filter((p) => !rel(me, p.handle) && !rel(p.handle, me) && !blocked(me, p.handle));
  const iFollow = people.filter((p) => rel(me, p.handle)?.status === "accepted" && !r.mutes.some((m) => m.muted === p.handle));
  return {
    r,
    rel,
    blocker: first(
      r.blocks.filter((b) => b.blocked === me),
      "account blocking the user",
    ).blocker,
    blockedByMe: first(
      r.blocks.filter((b) => b.blocker === me),
      "account the user blocks",
    ).blocked,
    muted: first(
      r.mutes.filter((m) => m.muter === me),
      "muted account",
    ).muted,
    stranger: first(
      strangers.filter((p) => !p.locked),
      "unlocked stranger",
    ).handle,
    lockedStranger: first(
      strangers.filter((p) => p.locked),
      "locked stranger",
    ).handle,
    followed: first(iFollow, "followed account").handle,
    followerOnly: first(
      people.filter((p) => rel(p.handle, me)?.status === "accepted" && !rel(me, p.handle) && !blocked(me, p.handle)),
      "follower the user does not follow back",
    ).handle,
    requester: first(
      r.follows.filter((f) => f.followee === me && f.status === "pending"),
      "pending request",
    ).follower,
    publicPost: first(
      r.posts.filter(
        (p) =>
          p.visibility === "public" &&
          !p.repost_of_id &&
          !p.in_reply_to_id &&
          p.author !== me &&
          !blocked(me, p.author) &&
          !r.likes.some((l) => l.post_id === p.id && l.handle === me),
      ),
      "public post",
    ),
    myPost: first(
      r.posts.filter((p) => p.author === me && !p.repost_of_id && !p.in_reply_to_id && r.likes.some((l) => l.post_id === p.id)),
      "liked post of the user",
    ),
    hiddenPost: first(
      r.posts.filter(
        (p) =>
          p.visibility === "followers" && p.author !== me && rel(me, p.author)?.status !== "accepted" && !p.mentions.includes(me) && !blocked(me, p.author),
      ),
      "followers-only post of an account the user does not follow",
    ),
    blockerPost: first(
      r.posts.filter((p) => !p.repost_of_id && blocked(p.author, me) && r.blocks.some((b) => b.blocker === p.author && b.blocked === me)),
      "post by an account blocking the user",
    ),
  };
}

describe("social_media: seed", () => {
  it("is consistent: the user is locked, replies point at existing posts of their thread, nobody follows across a block", () => {
    const s = openSession(social, SEED);
    const { r } = facts(s);
    expect(r.profiles.find((p) => p.handle === me)?.locked).toBe(true);
    expect(r.profiles.filter((p) => p.kind === "brand").length).toBeGreaterThanOrEqual(5);
    const byId = new Map(r.posts.map((p) => [p.id, p]));
    for (const p of r.posts) {
      expect(p.text.length).toBeLessThanOrEqual(500);
      expect(p.created_at < worldFor(SEED).now).toBe(true);
      if (p.in_reply_to_id) {
        const parent = byId.get(p.in_reply_to_id) as Post;
        expect(parent.created_at < p.created_at).toBe(true);
        expect(p.thread_root_id).toBe(parent.thread_root_id ?? parent.id);
        expect(p.in_reply_to_handle).toBe(parent.author);
      }
      if (p.repost_of_id) expect(byId.get(p.repost_of_id)?.visibility).toBe("public");
      expect(p.hashtags).toEqual(parseHashtags(p.text));
    }
    for (const b of r.blocks)
      expect(r.follows.some((f) => (f.follower === b.blocker && f.followee === b.blocked) || (f.follower === b.blocked && f.followee === b.blocker))).toBe(
        false,
      );
    for (const d of r.dms) {
      const other = d.sender === me ? d.recipient : d.sender;
      expect(
        r.follows.some((f) => f.status === "accepted" && ((f.follower === me && f.followee === other) || (f.follower === other && f.followee === me))),
      ).toBe(true);
    }
  });

  it("parses hashtags and mentions but not e-mail addresses or URL anchors", () => {
    expect(parseHashtags("Launch #Day! #launchday and #day again, not a#b or #123")).toEqual(["day", "launchday"]);
    expect(parseMentions("hi @Maya.Okafor. cc @liam_k, mail me at a@b.com")).toEqual(["maya.okafor", "liam_k"]);
  });
});

describe("social_media: profiles", () => {
  it("get_profile shows the user's own profile with counts and pending requests", () => {
    const s = openSession(social, SEED);
    const { r } = facts(s);
    const p = s.ok("get_profile", {});
    expect(p.handle).toBe(me);
    expect(p.is_me).toBe(true);
    expect(p.followers_count).toBe(r.follows.filter((f) => f.followee === me && f.status === "accepted").length);
    expect(p.pending_follow_requests).toBe(r.follows.filter((f) => f.followee === me && f.status === "pending").length);
    expect(p.posts_count).toBe(r.posts.filter((x) => x.author === me).length);
  });

  it("get_profile shows the relationship to another account, accepting '@handle'", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    expect(s.ok("get_profile", { handle: `@${f.followed}` }).relationship).toMatchObject({ following: true, blocking: false, blocked_by: false });
    expect(s.ok("get_profile", { handle: f.blocker }).relationship.blocked_by).toBe(true);
    expect(s.ok("get_profile", { handle: f.blockedByMe }).relationship.blocking).toBe(true);
    expect(s.ok("get_profile", { handle: f.muted }).relationship.muting).toBe(true);
    s.fails("get_profile", { handle: "no.such.person" }, "not_found");
  });

  it("search_users finds people by name and brands by kind", () => {
    const s = openSession(social, SEED);
    const person = worldFor(SEED).people[0]!;
    const hits = s.ok("search_users", { query: person.last_name.toLowerCase() }).items;
    expect(hits.map((h: { handle: string }) => h.handle)).toContain(person.handle);
    const brands = s.ok("search_users", { query: "a", kind: "brand" }).items;
    expect(brands.length).toBeGreaterThan(0);
    expect(brands.every((b: { kind: string }) => b.kind === "brand")).toBe(true);
    expect(s.ok("search_users", { query: "zzzzqqq" }).total).toBe(0);
  });

  it("update_profile edits fields and validates them", () => {
    const s = openSession(social, SEED);
    const p = s.ok("update_profile", { display_name: "Pab L.", bio: "Building calm software.", website: "https://example.com" });
    expect(p).toMatchObject({ display_name: "Pab L.", bio: "Building calm software.", website: "https://example.com" });
    expect(s.ok("get_profile", {}).bio).toBe("Building calm software.");
    s.fails("update_profile", {}, "invalid_argument", /nothing to update/);
    s.fails("update_profile", { bio: "x".repeat(161) }, "invalid_argument", /bio is 161 characters; the limit is 160/);
    s.fails("update_profile", { display_name: "   " }, "invalid_argument", /1 to 30 characters/);
    s.fails("update_profile", { website: "my site" }, "invalid_argument", /https:\/\/example\.com/);
    s.fails("update_profile", { location: "x".repeat(31) }, "invalid_argument", /at most 30/);
  });

  it("unlocking the account approves every pending follow request", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const pending = f.r.follows.filter((x) => x.followee === me && x.status === "pending").map((x) => x.follower);
    const out = s.ok("update_profile", { locked: false });
    expect(out.locked).toBe(false);
    expect(out.approved_follow_requests.sort()).toEqual(pending.sort());
    expect(s.ok("list_follow_requests", {}).total).toBe(0);
    expect(s.ok("get_profile", {}).followers_count).toBe(f.r.follows.filter((x) => x.followee === me && x.status === "accepted").length + pending.length);
  });
});

describe("social_media: posts", () => {
  it("create_post parses hashtags and mentions and puts the post first in the home feed", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const p = s.ok("create_post", { text: `Loved the workshop with @${f.followed} today #Learning #teamwork` });
    expect(p.id).toMatch(/^POST-\d{5}$/);
    expect(p).toMatchObject({ author: me, hashtags: ["learning", "teamwork"], mentions: [f.followed], visibility: "public", like_count: 0 });
    expect(s.ok("get_home_feed", { limit: 1 }).items[0].id).toBe(p.id);
    expect(s.ok("search_posts", { hashtag: "#learning" }).items[0].id).toBe(p.id);
  });

  it("create_post enforces the 500-character limit and existing mentions", () => {
    const s = openSession(social, SEED);
    s.ok("create_post", { text: "y".repeat(500) });
    s.fails("create_post", { text: "y".repeat(523) }, "invalid_argument", /523 characters; the limit is 500, so shorten it by 23/);
    s.fails("create_post", { text: "   " }, "invalid_argument", /empty/);
    s.fails("create_post", { text: "hello @nobody.here" }, "not_found", /@nobody\.here.*search_users/);
  });

  it("reply_to_post continues the thread and mentions the author", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const reply = s.ok("reply_to_post", { post_id: f.publicPost.id, text: "Great point!" });
    expect(reply).toMatchObject({
      in_reply_to_id: f.publicPost.id,
      in_reply_to_handle: f.publicPost.author,
      thread_root_id: f.publicPost.id,
      mentions: [f.publicPost.author],
      visibility: "public",
    });
    const second = s.ok("reply_to_post", { post_id: reply.id, text: "Adding one more thought." });
    expect(second.thread_root_id).toBe(f.publicPost.id);
    const thread = s.ok("get_post_thread", { post_id: reply.id });
    expect(thread.ancestors.map((p: Post) => p.id)).toEqual([f.publicPost.id]);
    expect(thread.descendants.map((p: Post) => p.id)).toEqual([second.id]);
    expect(s.ok("get_post", { post_id: f.publicPost.id }).reply_count).toBe(f.r.posts.filter((p) => p.in_reply_to_id === f.publicPost.id).length + 1);
  });

  it("reply_to_post refuses blocked authors, hidden posts and wider visibility", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    s.fails("reply_to_post", { post_id: f.blockerPost.id, text: "hi" }, "permission_denied", /blocks you, so you cannot reply/);
    const blockedPost = first(
      f.r.posts.filter((p) => p.author === f.blockedByMe && !p.repost_of_id),
      "post by the blocked account",
    );
    s.fails("reply_to_post", { post_id: blockedPost.id, text: "hi" }, "failed_precondition", /unblock_user/);
    s.fails("reply_to_post", { post_id: f.hiddenPost.id, text: "hi" }, "permission_denied", /followers/);
    const mine = s.ok("create_post", { text: "followers only musing", visibility: "followers" });
    s.fails("reply_to_post", { post_id: mine.id, text: "now public?", visibility: "public" }, "invalid_argument", /followers or direct, not public/);
    s.fails("reply_to_post", { post_id: f.publicPost.id, text: "z".repeat(501) }, "invalid_argument", /limit is 500/);
    s.fails("reply_to_post", { post_id: "POST-99999", text: "hi" }, "not_found");
  });

  it("get_post returns counts and refuses hidden posts", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const p = s.ok("get_post", { post_id: f.myPost.id });
    expect(p.like_count).toBe(f.r.likes.filter((l) => l.post_id === f.myPost.id).length);
    expect(p.like_count).toBeGreaterThan(0);
    s.fails("get_post", { post_id: f.hiddenPost.id }, "permission_denied", /follow_user/);
    s.fails("get_post", { post_id: f.blockerPost.id }, "permission_denied", /blocks you/);
    s.fails("get_post_thread", { post_id: f.hiddenPost.id }, "permission_denied");
  });

  it("delete_post removes the user's post with its likes and reposts, and only the user's", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const likes = f.r.likes.filter((l) => l.post_id === f.myPost.id).length;
    const reposts = f.r.posts.filter((p) => p.repost_of_id === f.myPost.id).length;
    expect(s.ok("delete_post", { post_id: f.myPost.id })).toEqual({ deleted: f.myPost.id, reposts_removed: reposts, likes_removed: likes });
    s.fails("get_post", { post_id: f.myPost.id }, "not_found");
    expect(rows(s).likes.some((l) => l.post_id === f.myPost.id)).toBe(false);
    s.fails(
      "delete_post",
      { post_id: f.publicPost.id },
      "permission_denied",
      new RegExp(`is by @${f.publicPost.author.replace(/\./g, "\\.")}; you can delete only your own posts`),
    );
  });

  it("like_post likes once; unlike_post removes only an existing like", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const before = f.r.likes.filter((l) => l.post_id === f.publicPost.id).length;
    const like = s.ok("like_post", { post_id: f.publicPost.id });
    expect(like.id).toMatch(/^LIKE-/);
    expect(like.post).toMatchObject({ like_count: before + 1, liked_by_me: true });
    s.fails("like_post", { post_id: f.publicPost.id }, "already_exists", /already liked .*unlike_post/);
    expect(s.ok("list_liked_posts", { limit: 1 }).items[0]).toMatchObject({ id: like.id, post_id: f.publicPost.id });
    const un = s.ok("unlike_post", { post_id: f.publicPost.id });
    expect(un.post).toMatchObject({ like_count: before, liked_by_me: false });
    s.fails("unlike_post", { post_id: f.publicPost.id }, "failed_precondition", /have not liked/);
    s.fails("like_post", { post_id: f.blockerPost.id }, "permission_denied", /blocks you/);
    s.fails("like_post", { post_id: f.hiddenPost.id }, "permission_denied");
  });

  it("list_liked_posts lists the user's seeded likes, newest first", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const mine = f.r.likes.filter((l) => l.handle === me).sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
    const page = s.ok("list_liked_posts", { limit: 5 });
    expect(page.total).toBe(mine.length);
    expect(page.items.map((l: Like) => l.id)).toEqual(mine.slice(0, 5).map((l) => l.id));
    expect(page.items[0].post.liked_by_me).toBe(true);
  });

  it("repost shares a public post once; undo_repost takes it back", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const target = first(
      f.r.posts.filter(
        (p) =>
          p.visibility === "public" &&
          !p.repost_of_id &&
          p.author !== me &&
          p.author !== f.blockedByMe &&
          !f.r.blocks.some((b) => b.blocker === p.author) &&
          !f.r.posts.some((x) => x.repost_of_id === p.id && x.author === me),
      ),
      "repostable post",
    );
    const r = s.ok("repost", { post_id: target.id });
    expect(r).toMatchObject({ author: me, repost_of_id: target.id, text: "" });
    expect(r.reposted_post).toMatchObject({ id: target.id, reposted_by_me: true });
    s.fails("repost", { post_id: target.id }, "already_exists", new RegExp(`as ${r.id}`));
    s.fails("repost", { post_id: r.id }, "already_exists");
    const mineFollowers = s.ok("create_post", { text: "friends only", visibility: "followers" });
    s.fails("repost", { post_id: mineFollowers.id }, "failed_precondition", /only public posts can be reposted/);
    s.fails("repost", { post_id: f.blockerPost.id }, "permission_denied");
    const undo = s.ok("undo_repost", { post_id: r.id });
    expect(undo.removed_repost).toBe(r.id);
    expect(undo.post.reposted_by_me).toBe(false);
    s.fails("undo_repost", { post_id: target.id }, "failed_precondition", /have not reposted/);
  });

  it("get_home_feed shows followed accounts, hides muted and strangers' posts, newest first", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const feed = allPages(s, "get_home_feed", {});
    expect(feed.length).toBeGreaterThan(10);
    for (let i = 1; i < feed.length; i++) expect(feed[i - 1]!.created_at >= feed[i]!.created_at).toBe(true);
    for (const p of feed) {
      expect(p.author === me || f.rel(me, p.author)?.status === "accepted").toBe(true);
      expect(p.author).not.toBe(f.muted);
    }
    s.ok("mute_user", { handle: f.followed });
    const after = allPages(s, "get_home_feed", {});
    expect(after.some((p) => p.author === f.followed)).toBe(false);
  });

  it("get_user_timeline lists an account's visible posts and refuses across blocks", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const tl = s.ok("get_user_timeline", { handle: f.followed, limit: 100 });
    const hiddenAuthors = new Set(f.r.blocks.map((b) => (b.blocked === me ? b.blocker : b.blocked)));
    const authorOf = new Map(f.r.posts.map((p) => [p.id, p.author]));
    expect(tl.total).toBe(f.r.posts.filter((p) => p.author === f.followed && !(p.repost_of_id && hiddenAuthors.has(authorOf.get(p.repost_of_id)!))).length);
    const noReplies = s.ok("get_user_timeline", { handle: f.followed, include_replies: false, include_reposts: false, limit: 100 }).items as Post[];
    expect(noReplies.every((p) => !p.in_reply_to_id && !p.repost_of_id)).toBe(true);
    const hiddenAuthor = f.hiddenPost.author;
    const visible = s.ok("get_user_timeline", { handle: hiddenAuthor, limit: 100 }).items as Post[];
    expect(visible.some((p) => p.id === f.hiddenPost.id)).toBe(false);
    s.fails("get_user_timeline", { handle: f.blocker }, "permission_denied", /blocks you/);
    s.fails("get_user_timeline", { handle: f.blockedByMe }, "failed_precondition", /unblock_user/);
  });

  it("search_posts matches words, hashtags, authors and dates", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const byTag = s.ok("search_posts", { hashtag: "hiring", limit: 100 }).items as Post[];
    expect(byTag.length).toBeGreaterThan(0);
    expect(byTag.every((p) => p.hashtags.includes("hiring"))).toBe(true);
    const words = s.ok("search_posts", { query: "SOURDOUGH", limit: 100 }).items as Post[];
    expect(words.every((p) => p.text.toLowerCase().includes("sourdough"))).toBe(true);
    const byAuthor = s.ok("search_posts", { author: f.followed, limit: 100 });
    expect(byAuthor.items.every((p: Post) => p.author === f.followed && !p.repost_of_id)).toBe(true);
    const today = worldFor(SEED).today;
    expect(s.ok("search_posts", { author: f.followed, since: today, until: today }).items.every((p: Post) => p.created_at.startsWith(today))).toBe(true);
    expect(byTag.some((p) => p.id === f.hiddenPost.id || p.author === f.blocker)).toBe(false);
    s.fails("search_posts", {}, "invalid_argument", /at least one of query, hashtag or author/);
  });

  it("list_trending_hashtags counts recent public posts, most used first", () => {
    const s = openSession(social, SEED);
    const tags = s.ok("list_trending_hashtags", { days: 7, limit: 100 }).items as Array<{ hashtag: string; posts: number; accounts: number }>;
    for (let i = 1; i < tags.length; i++) expect(tags[i - 1]!.posts >= tags[i]!.posts).toBe(true);
    const top = tags[0]!;
    s.ok("create_post", { text: `More on this #${top.hashtag}` });
    const again = s.ok("list_trending_hashtags", { days: 7, limit: 1 }).items[0];
    expect(again).toMatchObject({ hashtag: top.hashtag, posts: top.posts + 1 });
  });
});

describe("social_media: follows, blocks, mutes", () => {
  it("follow_user follows public accounts at once and sends requests to locked ones", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const open = s.ok("follow_user", { handle: f.stranger });
    expect(open).toMatchObject({ follower: me, followee: f.stranger, status: "accepted" });
    expect(s.ok("get_profile", { handle: f.stranger }).relationship.following).toBe(true);
    const locked = s.ok("follow_user", { handle: f.lockedStranger });
    expect(locked.status).toBe("pending");
    expect(locked.note).toMatch(/locked/);
    const following = s.ok("list_following", { limit: 100 }).items;
    expect(following.find((x: { handle: string }) => x.handle === f.lockedStranger).status).toBe("pending");
  });

  it("follow_user refuses self, blockers, blocked accounts and duplicates", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    s.fails("follow_user", { handle: me }, "invalid_argument", /cannot follow yourself/);
    s.fails("follow_user", { handle: f.blocker }, "permission_denied", /blocks you/);
    s.fails("follow_user", { handle: f.blockedByMe }, "failed_precondition", /unblock_user/);
    s.fails("follow_user", { handle: f.followed }, "already_exists", /already follow/);
    s.ok("follow_user", { handle: f.lockedStranger });
    s.fails("follow_user", { handle: f.lockedStranger }, "already_exists", /pending/);
  });

  it("unfollow_user removes a follow or withdraws a request", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const before = s.ok("get_profile", {}).following_count;
    expect(s.ok("unfollow_user", { handle: f.followed })).toMatchObject({ unfollowed: f.followed, was: "following" });
    expect(s.ok("get_profile", {}).following_count).toBe(before - 1);
    s.fails("unfollow_user", { handle: f.followed }, "failed_precondition", /do not follow/);
    s.ok("follow_user", { handle: f.lockedStranger });
    expect(s.ok("unfollow_user", { handle: f.lockedStranger }).was).toMatch(/withdrawn/);
  });

  it("list_followers and list_following agree with the follow graph", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const followers = s.ok("list_followers", { limit: 100 });
    expect(followers.total).toBe(f.r.follows.filter((x) => x.followee === me && x.status === "accepted").length);
    const theirs = s.ok("list_following", { handle: f.followed, limit: 100 });
    expect(theirs.total).toBe(f.r.follows.filter((x) => x.follower === f.followed && x.status === "accepted").length);
    expect(s.ok("list_followers", { handle: f.followed, limit: 100 }).items.some((x: { handle: string }) => x.handle === me)).toBe(true);
    s.fails("list_followers", { handle: "ghost.account" }, "not_found");
  });

  it("accept_follow_request and reject_follow_request answer pending requests only", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const requests = s.ok("list_follow_requests", {}).items.map((x: { handle: string }) => x.handle);
    expect(requests).toContain(f.requester);
    const accepted = s.ok("accept_follow_request", { handle: f.requester });
    expect(accepted).toMatchObject({ follower: f.requester, followee: me, status: "accepted" });
    s.fails("accept_follow_request", { handle: f.requester }, "already_exists", /already follows you/);
    s.fails("accept_follow_request", { handle: f.stranger }, "not_found", /has not requested.*pending requests are from/);
    const other = requests.find((h: string) => h !== f.requester) as string;
    expect(s.ok("reject_follow_request", { handle: other })).toMatchObject({ rejected: other });
    s.fails("reject_follow_request", { handle: other }, "not_found", /has not requested/);
    s.fails("reject_follow_request", { handle: f.requester }, "failed_precondition", /already follows you; use block_user/);
    expect(s.ok("list_follow_requests", {}).total).toBe(requests.length - 2);
  });

  it("block_user severs follows both ways; unblock_user lifts it", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const mutual = first(
      f.r.follows.filter((x) => x.follower === me && x.status === "accepted" && f.rel(x.followee, me)?.status === "accepted"),
      "mutual follow",
    ).followee;
    const b = s.ok("block_user", { handle: mutual });
    expect(b).toMatchObject({ blocker: me, blocked: mutual });
    expect(b.follows_removed).toHaveLength(2);
    expect(s.ok("get_profile", { handle: mutual }).relationship).toMatchObject({ following: false, followed_by: false, blocking: true });
    s.fails("block_user", { handle: mutual }, "already_exists", /already block/);
    s.fails("block_user", { handle: me }, "invalid_argument", /cannot block yourself/);
    s.fails("send_direct_message", { handle: mutual, text: "hey" }, "failed_precondition", /unblock_user/);
    expect(s.ok("list_blocked_users", {}).items[0].handle).toBe(mutual);
    expect(s.ok("unblock_user", { handle: mutual })).toEqual({ unblocked: mutual });
    expect(s.ok("get_profile", { handle: mutual }).relationship.following).toBe(false);
    s.fails("unblock_user", { handle: mutual }, "failed_precondition", /do not block/);
  });

  it("list_blocked_users lists the seeded block", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const list = s.ok("list_blocked_users", {});
    expect(list.items.map((x: { handle: string }) => x.handle)).toEqual([f.blockedByMe]);
  });

  it("mute_user, list_muted_users and unmute_user", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const m = s.ok("mute_user", { handle: f.followed });
    expect(m).toMatchObject({ muter: me, muted: f.followed });
    expect(s.ok("list_muted_users", {}).items[0]).toMatchObject({ handle: f.followed, mute_id: m.id });
    expect(s.ok("get_profile", { handle: f.followed }).relationship).toMatchObject({ muting: true, following: true });
    s.fails("mute_user", { handle: f.followed }, "already_exists");
    s.fails("mute_user", { handle: me }, "invalid_argument");
    expect(s.ok("unmute_user", { handle: f.muted })).toEqual({ unmuted: f.muted });
    s.fails("unmute_user", { handle: f.muted }, "failed_precondition", /do not mute/);
    expect(allPages(s, "get_home_feed", {}).some((p) => p.author === f.muted)).toBe(f.r.posts.some((p) => p.author === f.muted));
  });
});

describe("social_media: direct messages", () => {
  it("send_direct_message to a follower or a followed account", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const d = s.ok("send_direct_message", { handle: f.followerOnly, text: "Thanks for the follow!" });
    expect(d).toMatchObject({ sender: me, recipient: f.followerOnly, text: "Thanks for the follow!", read: false });
    expect(s.ok("send_direct_message", { handle: `@${f.followed}`, text: "Coffee?" }).recipient).toBe(f.followed);
    expect(s.ok("list_direct_messages", { handle: f.followerOnly }).items[0].id).toBe(d.id);
  });

  it("send_direct_message refuses strangers, blocks, yourself and bad lengths", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    s.fails("send_direct_message", { handle: f.stranger, text: "hi" }, "failed_precondition", /only accounts that follow you or that you follow/);
    s.fails("send_direct_message", { handle: f.lockedStranger, text: "hi" }, "failed_precondition", /locked/);
    s.fails("send_direct_message", { handle: f.blocker, text: "hi" }, "permission_denied", /blocks you/);
    s.fails("send_direct_message", { handle: f.blockedByMe, text: "hi" }, "failed_precondition", /unblock_user/);
    s.fails("send_direct_message", { handle: me, text: "hi" }, "invalid_argument", /yourself/);
    s.fails("send_direct_message", { handle: f.followed, text: "  " }, "invalid_argument", /1 to 1000 characters; this one has 0/);
    s.fails("send_direct_message", { handle: f.followed, text: "m".repeat(1001) }, "invalid_argument", /has 1001/);
  });

  it("list_direct_messages, list_dm_conversations and mark_direct_messages_read", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const unread = f.r.dms.filter((d) => d.recipient === me && !d.read);
    const partner = first(unread, "unread message").sender;
    const convs = s.ok("list_dm_conversations", {}).items as Array<{ handle: string; unread_count: number; message_count: number; last_at: string }>;
    for (let i = 1; i < convs.length; i++) expect(convs[i - 1]!.last_at >= convs[i]!.last_at).toBe(true);
    const conv = convs.find((c) => c.handle === partner)!;
    expect(conv.unread_count).toBe(unread.filter((d) => d.sender === partner).length);
    expect(conv.message_count).toBe(f.r.dms.filter((d) => d.sender === partner || d.recipient === partner).length);
    expect(s.ok("list_direct_messages", { unread_only: true, limit: 100 }).total).toBe(unread.length);
    const marked = s.ok("mark_direct_messages_read", { handle: partner });
    expect(marked.marked_read).toBe(conv.unread_count);
    expect(s.ok("list_direct_messages", { handle: partner, unread_only: true }).total).toBe(0);
    expect(s.ok("mark_direct_messages_read", { handle: partner }).marked_read).toBe(0);
    s.fails("list_direct_messages", { handle: "nobody.at.all" }, "not_found");
  });
});

describe("social_media: scenario", () => {
  it("finds a person, follows them, replies to their post, likes it, messages them and reads the thread", () => {
    const s = openSession(social, SEED);
    const f = facts(s);
    const target = f.r.profiles.find((p) => p.handle === f.stranger)!;
    // 1. search by display name → handle
    const hit = s.ok("search_users", { query: target.display_name }).items[0];
    expect(hit.handle).toBe(target.handle);
    // 2. follow the handle found
    const fol = s.ok("follow_user", { handle: hit.handle });
    expect(fol.status).toBe("accepted");
    // 3. their latest post from the timeline
    const latest = s.ok("get_user_timeline", { handle: fol.followee, include_reposts: false, include_replies: false, limit: 1 }).items[0];
    expect(latest.author).toBe(target.handle);
    // 4. like it and reply to it
    const like = s.ok("like_post", { post_id: latest.id });
    const reply = s.ok("reply_to_post", { post_id: like.post_id, text: `Welcome to my feed @${hit.handle}! #hello` });
    expect(reply.mentions).toEqual([target.handle]);
    // 5. now that the user follows them, a DM is allowed
    const dm = s.ok("send_direct_message", { handle: reply.in_reply_to_handle, text: "Followed you, great post!" });
    // 6. the thread shows the reply under the post; the feed shows their post; the conversation holds the DM
    const thread = s.ok("get_post_thread", { post_id: reply.id });
    expect(thread.ancestors.at(-1).id).toBe(latest.id);
    expect(thread.ancestors.at(-1).like_count).toBe(latest.like_count + 1);
    expect(allPages(s, "get_home_feed", {}).some((p) => p.id === latest.id)).toBe(true);
    expect(s.ok("list_dm_conversations", {}).items[0]).toMatchObject({ handle: target.handle, last_message: { id: dm.id } });
  });
});
