/** The social network's seed, checked against the rules of a Mastodon-like network. */
import { expect } from "vitest";
import social from "../../ts/servers/social_media/index.ts";
import type { Block, DirectMessage, Follow, Like, Mute, Post, Profile } from "../../ts/servers/social_media/state.ts";
import { groupBy, seedRules, type Seeded } from "../helpers/seed-rules.ts";

const me = (s: Seeded) => s.world.user.handle;
const accepted = (s: Seeded) =>
  new Set(
    s
      .rows<Follow>("follows")
      .filter((f) => f.status === "accepted")
      .map((f) => `${f.follower}>${f.followee}`),
  );
const blocked = (s: Seeded) => {
  const rows = s.rows<Block>("blocks");
  return (a: string, b: string) => rows.some((x) => (x.blocker === a && x.blocked === b) || (x.blocker === b && x.blocked === a));
};
/** Whether `who` may see `p` as the seed left things: public, their own, or followers-only with an accepted follow. */
const mayRead = (follows: Set<string>, who: string, p: Post) =>
  p.author === who || p.visibility === "public" || (p.visibility === "followers" && follows.has(`${who}>${p.author}`));

seedRules(social, {
  "the user's account is locked, so new followers need approval; handles are unique and lowercase": (s) => {
    const profiles = s.rows<Profile>("profiles");
    expect(profiles.find((p) => p.handle === me(s))!.locked).toBe(true);
    expect(new Set(profiles.map((p) => p.handle)).size).toBe(profiles.length);
    for (const p of profiles) expect(p.handle).toBe(p.handle.toLowerCase());
  },
  "nobody follows an account before both accounts existed, nor follows themselves, nor twice; every account was created before now": (s) => {
    const born = new Map(s.rows<Profile>("profiles").map((p) => [p.handle, p.created_at]));
    for (const at of born.values()) expect(at < s.world.now).toBe(true);
    const pairs = new Set<string>();
    for (const f of s.rows<Follow>("follows")) {
      expect(f.follower, f.id).not.toBe(f.followee);
      expect(f.created_at > born.get(f.follower)! && f.created_at > born.get(f.followee)!, f.id).toBe(true);
      expect(f.created_at <= s.world.now, f.id).toBe(true);
      expect(pairs.has(`${f.follower}>${f.followee}`), f.id).toBe(false);
      pairs.add(`${f.follower}>${f.followee}`);
    }
  },
  "a pending follow request is always to a locked account; no follow crosses a block": (s) => {
    const locked = new Set(
      s
        .rows<Profile>("profiles")
        .filter((p) => p.locked)
        .map((p) => p.handle),
    );
    const isBlocked = blocked(s);
    for (const f of s.rows<Follow>("follows")) {
      if (f.status === "pending") expect(locked.has(f.followee), f.id).toBe(true);
      expect(isBlocked(f.follower, f.followee), f.id).toBe(false);
    }
  },
  "the user has followers waiting for approval, a pending request of their own, blocks both ways, and mutes only people they follow": (s) => {
    const follows = s.rows<Follow>("follows");
    expect(follows.some((f) => f.followee === me(s) && f.status === "pending")).toBe(true);
    expect(follows.filter((f) => f.follower === me(s) && f.status === "pending").length).toBeLessThanOrEqual(2);
    const blocks = s.rows<Block>("blocks");
    expect(blocks.filter((b) => b.blocked === me(s)).length).toBe(2);
    expect(blocks.filter((b) => b.blocker === me(s)).length).toBe(1);
    const following = accepted(s);
    for (const m of s.rows<Mute>("mutes")) {
      expect(m.muter).toBe(me(s));
      expect(following.has(`${me(s)}>${m.muted}`), m.id).toBe(true);
    }
  },
  "post ids run in time order (like snowflake ids), every post is in the past and within the 500-character limit": (s) => {
    const posts = s.rows<Post>("posts");
    for (let i = 1; i < posts.length; i++) expect(posts[i - 1]!.created_at <= posts[i]!.created_at, posts[i]!.id).toBe(true);
    for (const p of posts) {
      expect(p.created_at < s.world.now, p.id).toBe(true);
      expect([...p.text].length, p.id).toBeLessThanOrEqual(500);
    }
  },
  "a reply comes after its parent, names the parent's author, shares its thread root and visibility, is by someone who could see the parent and is not blocked":
    (s) => {
      const posts = new Map(s.rows<Post>("posts").map((p) => [p.id, p]));
      const follows = accepted(s);
      const isBlocked = blocked(s);
      for (const r of posts.values()) {
        if (!r.in_reply_to_id) continue;
        const parent = posts.get(r.in_reply_to_id)!;
        expect(r.created_at > parent.created_at, r.id).toBe(true);
        expect([r.in_reply_to_handle, r.thread_root_id, r.visibility], r.id).toEqual([parent.author, parent.thread_root_id ?? parent.id, parent.visibility]);
        expect(r.text.startsWith(`@${parent.author} `), r.id).toBe(true);
        expect(r.author, r.id).not.toBe(parent.author);
        expect(mayRead(follows, r.author, parent) && !isBlocked(r.author, parent.author), r.id).toBe(true);
      }
    },
  "a repost has no text of its own, is of a public original (not a reply, not a repost), comes after it, once per account, never across a block": (s) => {
    const posts = new Map(s.rows<Post>("posts").map((p) => [p.id, p]));
    const isBlocked = blocked(s);
    const reposts = [...posts.values()].filter((p) => p.repost_of_id);
    expect(reposts.filter((p) => p.author === me(s)).length).toBeGreaterThan(0);
    for (const r of reposts) {
      const o = posts.get(r.repost_of_id!)!;
      expect([r.text, o.visibility, o.in_reply_to_id, o.repost_of_id], r.id).toEqual(["", "public", undefined, undefined]);
      expect(r.created_at > o.created_at && !isBlocked(r.author, o.author), r.id).toBe(true);
    }
    for (const [k, list] of groupBy(reposts, (r) => `${r.author}>${r.repost_of_id}`)) expect(list.length, k).toBe(1);
  },
  "hashtags and mentions are parsed from the text; mentions name accounts that exist": (s) => {
    const handles = new Set(s.rows<Profile>("profiles").map((p) => p.handle));
    for (const p of s.rows<Post>("posts")) {
      for (const t of p.hashtags) expect(p.text.toLowerCase(), p.id).toContain(`#${t}`);
      for (const h of p.mentions) {
        expect(handles.has(h), p.id).toBe(true);
        expect(p.text.toLowerCase(), p.id).toContain(`@${h}`);
      }
    }
  },
  "a like comes after the post and before now, by someone other than its author who could see it, never across a block, and once per person": (s) => {
    const posts = new Map(s.rows<Post>("posts").map((p) => [p.id, p]));
    const follows = accepted(s);
    const isBlocked = blocked(s);
    const likes = s.rows<Like>("likes");
    expect(likes.some((l) => l.handle === me(s))).toBe(true);
    for (const l of likes) {
      const p = posts.get(l.post_id)!;
      expect(l.created_at > p.created_at && l.created_at < s.world.now, l.id).toBe(true);
      expect(l.handle, l.id).not.toBe(p.author);
      expect(mayRead(follows, l.handle, p) && !isBlocked(l.handle, p.author), l.id).toBe(true);
    }
    for (const [k, list] of groupBy(likes, (l) => `${l.handle}>${l.post_id}`)) expect(list.length, k).toBe(1);
  },
  "direct messages are between the user and mutual follows, in the past; only the last message of a conversation from the other side may be unread": (s) => {
    const follows = accepted(s);
    const dms = s.rows<DirectMessage>("direct_messages");
    expect(dms.some((d) => !d.read)).toBe(true);
    for (const [partner, thread] of groupBy(dms, (d) => (d.sender === me(s) ? d.recipient : d.sender))) {
      expect(follows.has(`${me(s)}>${partner}`) && follows.has(`${partner}>${me(s)}`), partner).toBe(true);
      thread.forEach((d, i) => {
        expect(d.sender === me(s) || d.recipient === me(s), d.id).toBe(true);
        expect(d.created_at < s.world.now, d.id).toBe(true);
        if (d.sender === me(s)) expect(d.read, d.id).toBe(true);
        else if (i < thread.length - 1) expect(d.read, d.id).toBe(true);
      });
    }
  },
});
