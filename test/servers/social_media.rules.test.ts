import { describe, expect, it } from "vitest";
import social from "../../ts/servers/social_media/index.ts";
import {
  normalizeHandle,
  type Post,
  type Profile,
  parseHashtags,
  parseMentions,
  postViews,
  Profile as ProfileSchema,
  type Social,
  tables,
  Viewer,
} from "../../ts/servers/social_media/state.ts";
import { openSession } from "../helpers/session.ts";
import { worldFor } from "../../ts/servers/framework/index.ts";

function post(fields: Partial<Post> & { id: string; author: string }): Post {
  return { text: "hello", hashtags: [], mentions: [], visibility: "public", created_at: "2026-03-01T10:00:00Z", ...fields };
}

/** Runs `f` against the seeded database of a fresh session. */
function withDb<T>(f: (db: Social, me: string) => T): T {
  const s = openSession(social, 1);
  let out: T | undefined;
  s.edit(social, (db: Social) => {
    const me = db.profiles.all()[0]?.handle as string;
    out = f(db, me);
  });
  return out as T;
}

describe("social_media: row descriptions name the record", () => {
  const profile: Profile = {
    handle: "maya.okafor",
    display_name: "Maya",
    bio: "",
    location: "",
    website: "",
    kind: "person",
    locked: false,
    verified: false,
    created_at: "2025-01-01T00:00:00Z",
  };
  it("a person's and a brand's profile are described differently", () => {
    expect(tables.profiles.describe(profile)).toBe("Maya's account @maya.okafor");
    expect(tables.profiles.describe({ ...profile, kind: "brand", display_name: "Acme" })).toBe("Acme's brand account @maya.okafor");
  });
  it("a post, a reply and a repost are described with their date", () => {
    const p = post({ id: "POST-00001", author: "maya", text: "short text", created_at: "2026-03-01T10:00:00Z" });
    expect(tables.posts.describe(p)).toBe('@maya\'s post "short text" on 2026-03-01');
    expect(tables.posts.describe({ ...p, in_reply_to_id: "POST-00000" })).toBe('@maya\'s reply "short text" on 2026-03-01');
    expect(tables.posts.describe({ ...p, text: "", repost_of_id: "POST-00009" })).toBe("@maya's repost of POST-00009 on 2026-03-01");
  });
  it("follows, blocks, mutes, likes and direct messages are described", () => {
    const f = { id: "FOL-1", follower: "a", followee: "b", status: "pending", created_at: "2026-03-01T10:00:00Z" } as never;
    expect(tables.follows.describe(f)).toBe("@a's pending follow request to @b");
    expect(tables.follows.describe({ ...(f as object), status: "accepted" } as never)).toBe("@a following @b");
    expect(tables.blocks.describe({ id: "BLK-1", blocker: "a", blocked: "b", created_at: "x" })).toBe("@a's block of @b");
    expect(tables.mutes.describe({ id: "MUTE-1", muter: "a", muted: "b", created_at: "x" })).toBe("@a's mute of @b");
    expect(tables.likes.describe({ id: "LIKE-1", handle: "a", post_id: "POST-00001" } as never)).toBe("@a's like of POST-00001");
    expect(tables.direct_messages.describe({ id: "DM-1", sender: "a", recipient: "b", text: "hi there", created_at: "2026-03-02T08:00:00Z" } as never)).toBe(
      'the direct message from @a to @b "hi there" on 2026-03-02',
    );
  });
});

describe("social_media: handles, hashtags and mentions", () => {
  it("a handle is a lowercase word of letters, digits, '_' and '.' only, anchored at both ends", () => {
    expect(ProfileSchema.shape.handle.safeParse("maya.okafor_2").success).toBe(true);
    expect(ProfileSchema.shape.handle.safeParse("maya!").success).toBe(false);
    expect(ProfileSchema.shape.handle.safeParse("!maya").success).toBe(false);
  });
  it("a typed handle is trimmed, loses one leading '@' and is lowercased; an inner '@' stays", () => {
    expect(normalizeHandle("  @Maya.Okafor ")).toBe("maya.okafor");
    expect(normalizeHandle("a@b")).toBe("a@b");
  });
  it("a hashtag at the very start counts; all-digit tags do not, tags with digits do", () => {
    expect(parseHashtags("#Start then #a1 and #1a but not #123")).toEqual(["start", "a1", "1a"]);
    expect(parseHashtags("#x #X")).toEqual(["x"]);
  });
  it("a mention at the very start counts, trailing dots are dropped, duplicates and bare dots are skipped", () => {
    expect(parseMentions("@maya hi")).toEqual(["maya"]);
    expect(parseMentions("thanks @maya.. and @Maya")).toEqual(["maya"]);
    expect(parseMentions("see @... now")).toEqual([]);
  });
});

describe("social_media: who sees a post", () => {
  it("a repost of a deleted post is hidden, naming both ids", () => {
    withDb((db, me) => {
      const v = new Viewer(db, me);
      const r = post({ id: "POST-90001", author: me, text: "", repost_of_id: "POST-99999" });
      expect(v.hiddenReason(r)).toBe("post POST-90001 reposts POST-99999, which was deleted");
    });
  });
  it("a followers-only post of a stranger is hidden with a follow hint; my own is visible", () => {
    withDb((db, me) => {
      const v = new Viewer(db, me);
      const stranger = "zz.stranger";
      const p = post({ id: "POST-90002", author: stranger, visibility: "followers" });
      expect(v.hiddenReason(p)).toBe(
        "post POST-90002 is visible only to @zz.stranger's followers; follow_user @zz.stranger (and have the follow accepted) to see it",
      );
      expect(v.hiddenReason({ ...p, author: me })).toBeUndefined();
      expect(v.hiddenReason({ ...p, mentions: [me] })).toBeUndefined();
      expect(v.hiddenReason({ ...p, visibility: "public" })).toBeUndefined();
      expect(v.hiddenReason({ ...p, visibility: "direct" })).toBe("post POST-90002 is a direct post visible only to the accounts it mentions");
      // a repost by me of that hidden post is hidden for the original's reason
      db.posts.insert(p);
      const r = post({ id: "POST-90003", author: me, text: "", repost_of_id: "POST-90002" });
      expect(v.hiddenReason(r)).toMatch(/^post POST-90002 is visible only to @zz\.stranger's followers/);
    });
  });
  it("blocks hide posts both ways with their own messages", () => {
    withDb((db, me) => {
      db.blocks.insert({ id: "BLK-9001", blocker: "zz.blocker", blocked: me, created_at: "2026-03-01T00:00:00Z" });
      db.blocks.insert({ id: "BLK-9002", blocker: me, blocked: "zz.blocked", created_at: "2026-03-01T00:00:00Z" });
      const v = new Viewer(db, me);
      expect(v.hiddenReason(post({ id: "POST-90004", author: "zz.blocker" }))).toBe("@zz.blocker blocks you, so their posts are not visible to you");
      expect(v.hiddenReason(post({ id: "POST-90005", author: "zz.blocked" }))).toBe("you block @zz.blocked; unblock_user @zz.blocked to see their posts");
      // a block between two other accounts does not matter to me
      db.blocks.insert({ id: "BLK-9003", blocker: "zz.other", blocked: "zz.third", created_at: "2026-03-01T00:00:00Z" });
      expect(new Viewer(db, me).hiddenReason(post({ id: "POST-90006", author: "zz.third" }))).toBeUndefined();
      expect(new Viewer(db, me).hiddenReason(post({ id: "POST-90006", author: "zz.other" }))).toBeUndefined();
    });
  });
  it("only an accepted follow opens followers-only posts; a pending request does not", () => {
    withDb((db, me) => {
      db.follows.insert({ id: "FOL-9001", follower: me, followee: "zz.pending", status: "pending", created_at: "2026-03-01T00:00:00Z" } as never);
      db.follows.insert({ id: "FOL-9002", follower: me, followee: "zz.friend", status: "accepted", created_at: "2026-03-01T00:00:00Z" } as never);
      db.follows.insert({ id: "FOL-9003", follower: "zz.x", followee: "zz.other", status: "accepted", created_at: "2026-03-01T00:00:00Z" } as never);
      const v = new Viewer(db, me);
      expect(v.sees(post({ id: "POST-90007", author: "zz.pending", visibility: "followers" }))).toBe(false);
      expect(v.sees(post({ id: "POST-90008", author: "zz.friend", visibility: "followers" }))).toBe(true);
      expect(v.sees(post({ id: "POST-90009", author: "zz.other", visibility: "followers" }))).toBe(false);
      expect(v.sees(post({ id: "POST-90010", author: "zz.friend", visibility: "direct" }))).toBe(false);
    });
  });
});

describe("social_media: post counts", () => {
  it("likes, reposts and replies are counted per post, with my own marked", () => {
    withDb((db, me) => {
      const orig = db.posts.insert(post({ id: "POST-91000", author: "zz.a" }));
      db.posts.insert(post({ id: "POST-91001", author: me, text: "", repost_of_id: "POST-91000" }));
      db.posts.insert(post({ id: "POST-91002", author: "zz.b", text: "", repost_of_id: "POST-91000" }));
      db.posts.insert(post({ id: "POST-91003", author: "zz.b", in_reply_to_id: "POST-91000" }));
      db.posts.insert(post({ id: "POST-91004", author: "zz.c", in_reply_to_id: "POST-91001" }));
      db.likes.insert({ id: "LIKE-91000", handle: me, post_id: "POST-91000", created_at: "2026-03-01T00:00:00Z" } as never);
      const [view] = postViews(db, [orig], me);
      expect(view).toMatchObject({ like_count: 1, repost_count: 2, reply_count: 1, liked_by_me: true, reposted_by_me: true });
      const [other] = postViews(db, [orig], "zz.c");
      expect(other).toMatchObject({ like_count: 1, repost_count: 2, reply_count: 1, liked_by_me: false, reposted_by_me: false });
      const [rp] = postViews(db, [db.posts.need("POST-91002")], me);
      expect(rp).toMatchObject({ repost_count: 0, reply_count: 0, like_count: 0 });
      expect(rp?.reposted_post).toMatchObject({ id: "POST-91000", repost_count: 2, reply_count: 1, like_count: 1 });
    });
  });
});

/** A session whose database has a few extra accounts (zz.*) with known relations to the user. */
function world() {
  const s = openSession(social, 1);
  const me = worldFor(1).user.handle;
  const now = s.now();
  s.edit(social, (db: Social) => {
    for (const h of ["zz.friend", "zz.pal", "zz.stranger", "zz.muted", "zz.blocker", "zz.blocked"]) {
      db.profiles.insert({
        handle: h,
        display_name: h,
        bio: "",
        location: "",
        website: "",
        kind: "person",
        locked: false,
        verified: false,
        created_at: "2025-01-01T00:00:00Z",
      });
    }
    const t = "2026-01-01T00:00:00Z";
    db.follows.insert({ id: "FOL-9101", follower: me, followee: "zz.friend", status: "accepted", created_at: t } as never);
    db.follows.insert({ id: "FOL-9102", follower: me, followee: "zz.pal", status: "accepted", created_at: t } as never);
    db.follows.insert({ id: "FOL-9103", follower: me, followee: "zz.muted", status: "accepted", created_at: t } as never);
    db.mutes.insert({ id: "MUTE-9101", muter: me, muted: "zz.muted", created_at: t });
    db.blocks.insert({ id: "BLK-9101", blocker: "zz.blocker", blocked: me, created_at: t });
    db.blocks.insert({ id: "BLK-9102", blocker: me, blocked: "zz.blocked", created_at: t });
  });
  const add = (p: Partial<Post> & { id: string; author: string }) => s.edit(social, (db: Social) => db.posts.insert(post(p)));
  return { s, me, now, add };
}

const ids = (items: Array<{ id: string }>) => items.map((x) => x.id);

describe("social_media: composing posts and replies", () => {
  it("unknown mentions are all named, comma-separated; mentioning yourself is not kept", () => {
    const { s, me } = world();
    s.fails("create_post", { text: "hi @zzq1 and @zzq2" }, "not_found", /no account has the handle @zzq1, @zzq2; find the right handle with search_users/);
    const p = s.ok("create_post", { text: `note to @${me} and @zz.friend` });
    expect(p.mentions).toEqual(["zz.friend"]);
  });
  it("a reply to a followers-only post can be followers or direct, not public; a reply to my own post mentions nobody", () => {
    const { s, me, add } = world();
    add({ id: "POST-92001", author: "zz.friend", visibility: "followers" });
    s.fails(
      "reply_to_post",
      { post_id: "POST-92001", text: "x", visibility: "public" },
      "invalid_argument",
      /^post POST-92001 is followers-only, so a reply can be followers or direct, not public$/,
    );
    const r = s.ok("reply_to_post", { post_id: "POST-92001", text: "x" });
    expect(r).toMatchObject({ visibility: "followers", mentions: ["zz.friend"], in_reply_to_handle: "zz.friend", thread_root_id: "POST-92001" });
    add({ id: "POST-92002", author: me });
    expect(s.ok("reply_to_post", { post_id: "POST-92002", text: "self" }).mentions).toEqual([]);
  });
  it("interactions across a block are refused with the block's direction", () => {
    const { s, add } = world();
    add({ id: "POST-92003", author: "zz.blocker" });
    add({ id: "POST-92004", author: "zz.blocked" });
    s.fails("like_post", { post_id: "POST-92003" }, "permission_denied", /^@zz\.blocker blocks you, so you cannot like their posts$/);
    s.fails("repost", { post_id: "POST-92004" }, "failed_precondition", /^you block @zz\.blocked; unblock_user @zz\.blocked before you repost their posts$/);
  });
  it("a second like or repost is refused naming the first; unliking or undoing nothing is refused", () => {
    const { s, add } = world();
    add({ id: "POST-92005", author: "zz.friend" });
    const like = s.ok("like_post", { post_id: "POST-92005" });
    s.fails("like_post", { post_id: "POST-92005" }, "already_exists", new RegExp(`you already liked post POST-92005 \\(at ${like.created_at}\\)`));
    const r = s.ok("repost", { post_id: "POST-92005" });
    s.fails("repost", { post_id: "POST-92005" }, "already_exists", new RegExp(`you already reposted post POST-92005 \\(as ${r.id}\\)`));
    add({ id: "POST-92006", author: "zz.friend" });
    s.fails("unlike_post", { post_id: "POST-92006" }, "failed_precondition", /you have not liked post POST-92006/);
    s.fails("undo_repost", { post_id: "POST-92006" }, "failed_precondition", /you have not reposted post POST-92006/);
    add({ id: "POST-92007", author: "zz.friend", visibility: "followers" });
    s.fails("repost", { post_id: "POST-92007" }, "failed_precondition", /post POST-92007 is followers-only; only public posts can be reposted/);
  });
});

const minus = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString().replace(".000Z", "Z");
const DAY = 86_400_000;

describe("social_media: feeds, threads and searches", () => {
  it("the home feed keeps replies to me or to followed accounts, and drops muted authors and reposts of muted authors", () => {
    const { s, me, add } = world();
    add({ id: "POST-93001", author: "zz.friend", in_reply_to_id: "POST-00001", in_reply_to_handle: "zz.stranger", created_at: "2026-03-10T10:00:00Z" });
    add({ id: "POST-93002", author: "zz.friend", in_reply_to_id: "POST-00001", in_reply_to_handle: me, created_at: "2026-03-10T10:01:00Z" });
    add({ id: "POST-93003", author: "zz.friend", in_reply_to_id: "POST-00001", in_reply_to_handle: "zz.pal", created_at: "2026-03-10T10:02:00Z" });
    add({ id: "POST-93004", author: "zz.muted", created_at: "2026-03-10T10:03:00Z" });
    add({ id: "POST-93005", author: "zz.stranger", created_at: "2026-03-10T10:04:00Z" });
    add({ id: "POST-93006", author: "zz.pal", text: "", repost_of_id: "POST-93004", created_at: "2026-03-10T10:05:00Z" });
    add({ id: "POST-93007", author: "zz.pal", text: "", repost_of_id: "POST-93005", created_at: "2026-03-10T10:06:00Z" });
    add({ id: "POST-93008", author: "zz.pal", text: "", repost_of_id: "POST-99998", created_at: "2026-03-10T10:07:00Z" });
    const feed: Array<{ id: string }> = [];
    let cursor: string | undefined;
    do {
      const page = s.ok("get_home_feed", { limit: 100, ...(cursor ? { cursor } : {}) });
      feed.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    const mine = ids(feed).filter((id) => id.startsWith("POST-93"));
    expect(mine).toEqual(["POST-93007", "POST-93003", "POST-93002"]);
  });
  it("a thread lists ancestors oldest first and visible replies by time, not by id or depth", () => {
    const { s, add } = world();
    add({ id: "POST-94001", author: "zz.friend", created_at: "2026-03-01T10:00:00Z" });
    add({ id: "POST-94002", author: "zz.pal", in_reply_to_id: "POST-94001", created_at: "2026-03-01T11:00:00Z" });
    add({ id: "POST-94003", author: "zz.pal", in_reply_to_id: "POST-94002", created_at: "2026-03-01T12:00:00Z" });
    add({ id: "POST-94004", author: "zz.friend", in_reply_to_id: "POST-94003", created_at: "2026-03-01T15:00:00Z" });
    add({ id: "POST-94005", author: "zz.pal", in_reply_to_id: "POST-94004", created_at: "2026-03-01T13:00:00Z" });
    add({ id: "POST-94006", author: "zz.friend", in_reply_to_id: "POST-94003", created_at: "2026-03-01T14:00:00Z" });
    add({ id: "POST-94007", author: "zz.blocker", in_reply_to_id: "POST-94003", created_at: "2026-03-01T13:30:00Z" });
    add({ id: "POST-94008", author: "zz.friend", in_reply_to_id: "POST-94003", created_at: "2026-03-01T14:00:00Z" });
    const t = s.ok("get_post_thread", { post_id: "POST-94003" });
    expect(ids(t.ancestors)).toEqual(["POST-94001", "POST-94002"]);
    expect(t.post.id).toBe("POST-94003");
    expect(ids(t.descendants)).toEqual(["POST-94005", "POST-94006", "POST-94008", "POST-94004"]);
  });
  it("liked posts that were deleted or are now hidden are listed with post null", () => {
    const { s, me } = world();
    s.edit(social, (db: Social) => {
      db.posts.insert(post({ id: "POST-95001", author: "zz.blocker" }));
      db.posts.insert(post({ id: "POST-95002", author: "zz.friend" }));
      db.likes.insert({ id: "LIKE-95001", handle: me, post_id: "POST-95001", created_at: "2026-03-13T10:00:00Z" } as never);
      db.likes.insert({ id: "LIKE-95002", handle: me, post_id: "POST-95002", created_at: "2026-03-13T10:01:00Z" } as never);
      db.likes.insert({ id: "LIKE-95003", handle: me, post_id: "POST-99997", created_at: "2026-03-13T10:02:00Z" } as never);
    });
    const items = s.ok("list_liked_posts", { limit: 100 }).items as Array<{ id: string; post: { id: string } | null }>;
    const got = Object.fromEntries(items.filter((l) => l.id.startsWith("LIKE-95")).map((l) => [l.id, l.post?.id ?? null]));
    expect(got).toEqual({ "LIKE-95001": null, "LIKE-95002": "POST-95002", "LIKE-95003": null });
  });
  it("search by hashtag strips every leading '#', excludes reposts, and since/until include their own day", () => {
    const { s, add } = world();
    add({ id: "POST-96001", author: "zz.friend", text: "a #zzsearch", hashtags: ["zzsearch"], created_at: "2026-03-05T23:59:00Z" });
    add({ id: "POST-96002", author: "zz.friend", text: "", hashtags: ["zzsearch"], repost_of_id: "POST-96001", created_at: "2026-03-05T12:00:00Z" });
    const found = (args: Record<string, unknown>) => ids(s.ok("search_posts", { limit: 100, ...args }).items);
    expect(found({ hashtag: "##ZZsearch" })).toEqual(["POST-96001"]);
    expect(found({ hashtag: "zzsearch", since: "2026-03-05" })).toEqual(["POST-96001"]);
    expect(found({ hashtag: "zzsearch", since: "2026-03-06" })).toEqual([]);
    expect(found({ hashtag: "zzsearch", until: "2026-03-05" })).toEqual(["POST-96001"]);
    expect(found({ hashtag: "zzsearch", until: "2026-03-04" })).toEqual([]);
    expect(found({ query: "#zzsearch" })).toEqual(["POST-96001"]);
    s.fails("search_posts", { query: "" }, "invalid_argument", /give at least one of query, hashtag or author/);
  });
  it("trending counts public non-repost posts from exactly `days` ago, ranks by posts, then accounts, then name", () => {
    const { s, now, add } = world();
    const at = minus(now, 7 * DAY);
    add({ id: "POST-97001", author: "zz.friend", hashtags: ["zzb", "zzd"], created_at: at });
    add({ id: "POST-97002", author: "zz.friend", hashtags: ["zzb"], created_at: minus(now, DAY) });
    add({ id: "POST-97003", author: "zz.friend", hashtags: ["zzc", "zza"], created_at: minus(now, DAY) });
    add({ id: "POST-97004", author: "zz.pal", hashtags: ["zzc"], created_at: minus(now, DAY) });
    add({ id: "POST-97005", author: "zz.pal", hashtags: ["zze"], created_at: minus(at, 60_000) });
    add({ id: "POST-97006", author: "zz.pal", hashtags: ["zze"], visibility: "followers", created_at: minus(now, DAY) });
    add({ id: "POST-97007", author: "zz.pal", hashtags: ["zze"], repost_of_id: "POST-97001", created_at: minus(now, DAY) });
    const r = s.ok("list_trending_hashtags", { limit: 100 });
    expect(r.since).toBe(at);
    const rows = (r.items as Array<{ hashtag: string; posts: number; accounts: number }>).filter((x) => x.hashtag.startsWith("zz"));
    expect(rows).toEqual([
      { hashtag: "zzc", posts: 2, accounts: 2 },
      { hashtag: "zzb", posts: 2, accounts: 1 },
      { hashtag: "zza", posts: 1, accounts: 1 },
      { hashtag: "zzd", posts: 1, accounts: 1 },
    ]);
  });
});

describe("social_media: follows, blocks and mutes", () => {
  it("an absent follow request names the pending requesters, or says there are none", () => {
    const { s, me } = world();
    s.edit(social, (db: Social) => {
      for (const f of db.follows.filter((f) => f.followee === me && f.status === "pending")) db.follows.delete(f.id);
      db.follows.insert({ id: "FOL-9201", follower: "zz.stranger", followee: "zz.pal", status: "pending", created_at: "2026-01-01T00:00:00Z" } as never);
      db.follows.insert({ id: "FOL-9202", follower: "zz.muted", followee: me, status: "accepted", created_at: "2026-01-01T00:00:00Z" } as never);
    });
    s.fails("accept_follow_request", { handle: "zz.stranger" }, "not_found", /^@zz\.stranger has not requested to follow you; there are no pending requests$/);
    s.edit(social, (db: Social) => {
      db.follows.insert({ id: "FOL-9203", follower: "zz.pal", followee: me, status: "pending", created_at: "2026-01-02T00:00:00Z" } as never);
      db.follows.insert({ id: "FOL-9204", follower: "zz.friend", followee: me, status: "pending", created_at: "2026-01-03T00:00:00Z" } as never);
    });
    s.fails("reject_follow_request", { handle: "zz.stranger" }, "not_found", /; pending requests are from @zz\.pal, @zz\.friend$/);
    s.fails("reject_follow_request", { handle: "zz.muted" }, "failed_precondition", /^@zz\.muted already follows you; use block_user to remove a follower$/);
    s.fails("accept_follow_request", { handle: "zz.muted" }, "already_exists", /^@zz\.muted already follows you; there is no request to approve$/);
  });
  it("following twice says whether the first is pending or accepted, with its date", () => {
    const { s, me } = world();
    s.edit(social, (db: Social) => {
      db.follows.insert({ id: "FOL-9301", follower: me, followee: "zz.stranger", status: "pending", created_at: "2026-02-02T00:00:00Z" } as never);
    });
    s.fails(
      "follow_user",
      { handle: "zz.stranger" },
      "already_exists",
      /^your follow request to @zz\.stranger is already pending their approval \(sent 2026-02-02T00:00:00Z\)$/,
    );
    s.fails("follow_user", { handle: "zz.friend" }, "already_exists", /^you already follow @zz\.friend \(since 2026-01-01T00:00:00Z\)$/);
  });
  it("my own following list includes pending requests; another account's does not", () => {
    const { s, me } = world();
    s.edit(social, (db: Social) => {
      db.follows.insert({ id: "FOL-9401", follower: me, followee: "zz.stranger", status: "pending", created_at: "2026-02-02T00:00:00Z" } as never);
      db.follows.insert({ id: "FOL-9402", follower: "zz.pal", followee: "zz.stranger", status: "pending", created_at: "2026-02-02T00:00:00Z" } as never);
      db.follows.insert({ id: "FOL-9403", follower: "zz.pal", followee: "zz.friend", status: "accepted", created_at: "2026-02-02T00:00:00Z" } as never);
    });
    const mine = s.ok("list_following", { limit: 100 }).items as Array<{ handle: string; status: string }>;
    expect(mine.find((x) => x.handle === "zz.stranger")?.status).toBe("pending");
    const pals = s.ok("list_following", { handle: "zz.pal", limit: 100 }).items as Array<{ handle: string }>;
    expect(pals.map((x) => x.handle)).toEqual(["zz.friend"]);
  });
  it("a block removes only the follows between the two accounts, both ways, and lists them", () => {
    const { s, me } = world();
    s.edit(social, (db: Social) => {
      db.follows.insert({ id: "FOL-9501", follower: "zz.friend", followee: me, status: "accepted", created_at: "2026-02-02T00:00:00Z" } as never);
      db.follows.insert({ id: "FOL-9502", follower: "zz.friend", followee: "zz.pal", status: "accepted", created_at: "2026-02-02T00:00:00Z" } as never);
    });
    const b = s.ok("block_user", { handle: "zz.friend" });
    expect(b.follows_removed).toEqual([`@${me} → @zz.friend`, `@zz.friend → @${me}`]);
    expect(s.row("follows", "FOL-9502")).toBeDefined();
    s.fails(
      "block_user",
      { handle: "zz.friend" },
      "already_exists",
      new RegExp(`^you already block @zz\\.friend \\(since ${b.created_at}\\); unblock_user lifts it$`),
    );
  });
  it("unblocking or unmuting an account that is not blocked or muted is refused; muting twice is refused", () => {
    const { s } = world();
    s.fails("unblock_user", { handle: "zz.pal" }, "failed_precondition", /^you do not block @zz\.pal; list_blocked_users shows whom you block$/);
    s.fails("unmute_user", { handle: "zz.pal" }, "failed_precondition", /^you do not mute @zz\.pal; list_muted_users shows whom you mute$/);
    s.fails("mute_user", { handle: "zz.muted" }, "already_exists", /^you already mute @zz\.muted; unmute_user lifts it$/);
    expect(s.ok("unmute_user", { handle: "zz.muted" })).toEqual({ unmuted: "zz.muted" });
    expect(s.ok("unblock_user", { handle: "zz.blocked" })).toEqual({ unblocked: "zz.blocked" });
  });
  it("the blocked and muted lists show only my own blocks and mutes", () => {
    const { s } = world();
    s.edit(social, (db: Social) => {
      db.blocks.insert({ id: "BLK-9601", blocker: "zz.pal", blocked: "zz.friend", created_at: "2026-01-01T00:00:00Z" });
      db.mutes.insert({ id: "MUTE-9601", muter: "zz.pal", muted: "zz.friend", created_at: "2026-01-01T00:00:00Z" });
    });
    const blocked = (s.ok("list_blocked_users", { limit: 100 }).items as Array<{ handle: string }>).map((x) => x.handle);
    const muted = (s.ok("list_muted_users", { limit: 100 }).items as Array<{ handle: string }>).map((x) => x.handle);
    expect(blocked).toContain("zz.blocked");
    expect(blocked).not.toContain("zz.friend");
    expect(muted).toContain("zz.muted");
    expect(muted).not.toContain("zz.friend");
  });
});

describe("social_media: profiles", () => {
  it("a display name is 1 to 30 characters after trimming; the message quotes at most 40 characters", () => {
    const { s } = world();
    expect(s.ok("update_profile", { display_name: `  ${"a".repeat(30)}  ` }).display_name).toBe("a".repeat(30));
    s.fails(
      "update_profile",
      { display_name: "b".repeat(31) },
      "invalid_argument",
      new RegExp(`^display_name must be 1 to 30 characters; "${"b".repeat(31)}" has 31$`),
    );
    s.fails("update_profile", { display_name: "c".repeat(45) }, "invalid_argument", new RegExp(`; "${"c".repeat(40)}" has 45$`));
    s.fails("update_profile", { display_name: "   " }, "invalid_argument", /has 0$/);
    s.fails("update_profile", {}, "invalid_argument", /^nothing to update: pass at least one of display_name, bio, location, website, locked$/);
  });
  it("a bio is at most 160 characters and a location at most 30 (trimmed)", () => {
    const { s } = world();
    expect(s.ok("update_profile", { bio: "x".repeat(160) }).bio).toBe("x".repeat(160));
    s.fails("update_profile", { bio: "x".repeat(161) }, "invalid_argument", /^bio is 161 characters; the limit is 160, so remove at least 1$/);
    expect(s.ok("update_profile", { location: "l".repeat(30) }).location).toBe("l".repeat(30));
    expect(s.ok("update_profile", { location: " Lisbon " }).location).toBe("Lisbon");
    s.fails(
      "update_profile",
      { location: "l".repeat(31) },
      "invalid_argument",
      /^location is at most 30 characters, e\.g\. 'Lisbon, Portugal'; this one has 31$/,
    );
  });
  it("a location is counted as it is stored, trimmed: 30 characters between spaces fit", () => {
    const { s } = world();
    expect(s.ok("update_profile", { location: `  ${"l".repeat(30)}  ` }).location).toBe("l".repeat(30));
    s.fails("update_profile", { location: ` ${"l".repeat(31)} ` }, "invalid_argument", /this one has 31$/);
  });
  it("a website is an http or https URL with a dotted host and no spaces; empty clears it", () => {
    const { s } = world();
    expect(s.ok("update_profile", { website: "http://example.com/x" }).website).toBe("http://example.com/x");
    for (const bad of ["xhttps://example.com", "https://example.com x", "https://localhost"]) {
      s.fails("update_profile", { website: bad }, "invalid_argument", /is not a URL; give one like https:\/\/example\.com/);
    }
    expect(s.ok("update_profile", { website: "" }).website).toBe("");
  });
  it("unlocking a locked account approves its pending requests; 'unlocking' an open account approves nothing", () => {
    const { s, me } = world();
    s.edit(social, (db: Social) => {
      for (const f of db.follows.filter((f) => f.followee === me && f.status === "pending")) db.follows.delete(f.id);
      db.follows.insert({ id: "FOL-9701", follower: "zz.pal", followee: me, status: "pending", created_at: "2026-01-01T00:00:00Z" } as never);
      db.profiles.update(me, { locked: false });
    });
    const open = s.ok("update_profile", { locked: false });
    expect(open.approved_follow_requests).toBeUndefined();
    expect(open.pending_follow_requests).toBe(1);
    expect(s.row("follows", "FOL-9701").status).toBe("pending");
    s.ok("update_profile", { locked: true });
    s.edit(social, (db: Social) => {
      db.follows.insert({ id: "FOL-9702", follower: "zz.friend", followee: me, status: "pending", created_at: "2026-01-02T00:00:00Z" } as never);
      db.follows.insert({ id: "FOL-9703", follower: "zz.friend", followee: "zz.pal", status: "pending", created_at: "2026-01-02T00:00:00Z" } as never);
    });
    const unlocked = s.ok("update_profile", { locked: false });
    expect(unlocked.approved_follow_requests).toEqual(["zz.pal", "zz.friend"]);
    expect(s.row("follows", "FOL-9703").status).toBe("pending");
  });
  it("another account's profile counts only accepted follows and shows a pending request as requested", () => {
    const { s, me } = world();
    s.edit(social, (db: Social) => {
      db.follows.insert({ id: "FOL-9801", follower: me, followee: "zz.stranger", status: "pending", created_at: "2026-01-01T00:00:00Z" } as never);
      db.follows.insert({ id: "FOL-9802", follower: "zz.stranger", followee: "zz.pal", status: "pending", created_at: "2026-01-01T00:00:00Z" } as never);
      db.follows.insert({ id: "FOL-9803", follower: "zz.stranger", followee: "zz.friend", status: "accepted", created_at: "2026-01-01T00:00:00Z" } as never);
    });
    const p = s.ok("get_profile", { handle: "zz.stranger" });
    expect(p).toMatchObject({ is_me: false, followers_count: 0, following_count: 1, posts_count: 0 });
    expect(p.relationship).toEqual({ following: false, requested: true, followed_by: false, blocking: false, blocked_by: false, muting: false });
    expect(s.ok("get_profile", { handle: "zz.friend" }).relationship).toMatchObject({ following: true, requested: false });
  });
});

describe("social_media: direct messages", () => {
  it("a message is 1 to 1000 characters after trimming", () => {
    const { s } = world();
    expect(s.ok("send_direct_message", { handle: "zz.friend", text: ` ${"m".repeat(1000)} ` }).text).toBe("m".repeat(1000));
    s.fails(
      "send_direct_message",
      { handle: "zz.friend", text: "m".repeat(1001) },
      "invalid_argument",
      /^a direct message has 1 to 1000 characters; this one has 1001$/,
    );
    s.fails("send_direct_message", { handle: "zz.friend", text: "  " }, "invalid_argument", /this one has 0$/);
  });
  it("messaging a stranger is refused, with a note when their account is locked", () => {
    const { s } = world();
    const open = s.fails("send_direct_message", { handle: "zz.stranger", text: "hi" }, "failed_precondition");
    expect(open.message).toBe(
      "you can message only accounts that follow you or that you follow; neither is true of @zz.stranger. follow_user @zz.stranger first",
    );
    s.edit(social, (db: Social) => db.profiles.update("zz.stranger", { locked: true }));
    s.fails(
      "send_direct_message",
      { handle: "zz.stranger", text: "hi" },
      "failed_precondition",
      /first \(their account is locked, so they must approve the request\)$/,
    );
  });
  it("conversations count unread received messages only, show the latest message, and fall back to the handle for a gone account", () => {
    const { s, me } = world();
    const dm = (id: string, sender: string, recipient: string, at: string, read: boolean) =>
      s.edit(social, (db: Social) => db.direct_messages.insert({ id, sender, recipient, text: id, created_at: at, read }));
    dm("DM-99001", "zz.pal", me, "2030-01-01T10:00:00Z", false);
    dm("DM-99002", me, "zz.pal", "2030-01-01T11:00:00Z", false);
    dm("DM-99003", "zz.pal", me, "2030-01-01T09:00:00Z", true);
    dm("DM-99004", "zz.pal", me, "2030-01-01T08:00:00Z", false);
    dm("DM-99005", "zz.gone", me, "2030-01-02T08:00:00Z", false);
    const rows = s.ok("list_dm_conversations", { limit: 100 }).items as Array<Record<string, any>>;
    expect(rows[0]).toMatchObject({ handle: "zz.gone", display_name: "zz.gone", message_count: 1, unread_count: 1 });
    expect(rows[1]).toMatchObject({ handle: "zz.pal", display_name: "zz.pal", message_count: 4, unread_count: 2, last_at: "2030-01-01T11:00:00Z" });
    expect(rows[1]?.last_message.id).toBe("DM-99002");
    const unread = s.ok("list_direct_messages", { handle: "zz.pal", unread_only: true, limit: 100 }).items as Array<{ id: string }>;
    expect(ids(unread)).toEqual(["DM-99001", "DM-99004"]);
    expect(s.ok("mark_direct_messages_read", { handle: "zz.pal" })).toEqual({ handle: "zz.pal", marked_read: 2, message_ids: ["DM-99001", "DM-99004"] });
  });
});

describe("social_media: limits and lookups", () => {
  it("a thread shows the 100 nearest ancestors, oldest of those first", () => {
    const { s } = world();
    s.edit(social, (db: Social) => {
      for (let i = 1; i <= 102; i++) {
        const id = `POST-98${String(i).padStart(3, "0")}`;
        const parent = i > 1 ? { in_reply_to_id: `POST-98${String(i - 1).padStart(3, "0")}` } : {};
        db.posts.insert(post({ id, author: "zz.friend", created_at: `2026-02-01T10:${String(i % 60).padStart(2, "0")}:00Z`, ...parent }));
      }
    });
    const t = s.ok("get_post_thread", { post_id: "POST-98102" });
    expect(t.ancestors).toHaveLength(100);
    expect(t.ancestors[0].id).toBe("POST-98002");
    expect(t.ancestors[99].id).toBe("POST-98101");
  });
  it("user search matches a typed handle with '@' and any case, and filters by kind", () => {
    const { s } = world();
    const found = (args: Record<string, unknown>) => (s.ok("search_users", { limit: 100, ...args }).items as Array<{ handle: string }>).map((x) => x.handle);
    expect(found({ query: "@ZZ.Pal" })).toEqual(["zz.pal"]);
    expect(found({ query: "zz.pal", kind: "brand" })).toEqual([]);
    expect(found({ query: "zz.pal", kind: "person" })).toEqual(["zz.pal"]);
  });
});
