/** Profiles: look accounts up, search them, edit the user's own. */
import { check, page, ref, text, z } from "../../framework/index.ts";
import {
  BIO_MAX_CHARS,
  blocks,
  charCount,
  DISPLAY_NAME_MAX_CHARS,
  follow,
  LOCATION_MAX_CHARS,
  mutes,
  needProfile,
  profileMatches,
  read,
  write,
  type Social,
} from "../state.ts";

export function profileView(db: Social, handle: string, me: string) {
  const p = db.profiles.need(handle);
  const counts = {
    followers_count: db.follows.count((f) => f.followee === p.handle && f.status === "accepted"),
    following_count: db.follows.count((f) => f.follower === p.handle && f.status === "accepted"),
    posts_count: db.posts.count((x) => x.author === p.handle),
  };
  if (p.handle === me) {
    return { ...p, ...counts, is_me: true, pending_follow_requests: db.follows.count((f) => f.followee === me && f.status === "pending") };
  }
  const out = follow(db, me, p.handle);
  return {
    ...p,
    ...counts,
    is_me: false,
    relationship: {
      following: out?.status === "accepted",
      requested: out?.status === "pending",
      followed_by: follow(db, p.handle, me)?.status === "accepted",
      blocking: blocks(db, me, p.handle),
      blocked_by: blocks(db, p.handle, me),
      muting: mutes(db, me, p.handle),
    },
  };
}

export const profileTools = {
  get_profile: read({
    description:
      "Show an account's profile: display name, bio, location, whether it is locked or verified, follower/following/post counts and its relationship to the user (following, requested, followed_by, blocking, blocked_by, muting). Omit handle for the user's own profile.",
    input: z.object({ handle: ref("profile", "The account's handle, with or without '@'; omit for the user's own account").optional() }).strict(),
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const handle = a.handle === undefined ? me : needProfile(db, a.handle).handle;
      return profileView(db, handle, me);
    },
  }),

  search_users: read({
    description:
      "Find accounts by part of their handle, display name or bio (case-insensitive), e.g. a person's name or a company. Returns profile cards with handles to pass to other tools.",
    input: z
      .object({
        query: z.string().trim().min(1).max(100).describe("Text to look for, e.g. 'maya' or 'northwind'"),
        kind: z.enum(["person", "brand"]).optional().describe("Only people or only brand accounts"),
        ...page,
      })
      .strict(),
    discovers: "profile",
    run: (db, a) => {
      const p = db.profiles.page(a, { where: (x) => profileMatches(x, a.query) && (!a.kind || x.kind === a.kind) });
      return {
        ...p,
        items: p.items.map((x) => ({
          handle: x.handle,
          display_name: x.display_name,
          kind: x.kind,
          locked: x.locked,
          verified: x.verified,
          bio: x.bio,
          location: x.location,
        })),
      };
    },
  }),

  update_profile: write({
    description:
      "Edit the user's own profile: display name, bio, location, website, and whether the account is locked (locked accounts approve each follower). Unlocking approves every pending follow request. Returns the updated profile.",
    input: z
      .object({
        display_name: text("New display name", 200).optional(),
        bio: text("New bio (at most 160 characters; empty clears it)", 2000).optional(),
        location: text("New location, e.g. 'Lisbon'", 200).optional(),
        website: text("New website URL starting with https:// or http://; empty clears it", 500).optional(),
        locked: z.boolean().optional().describe("true: new followers need approval; false: anyone can follow"),
      })
      .strict(),
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const given = Object.entries(a).filter(([, v]) => v !== undefined);
      check(given.length > 0, "nothing to update: pass at least one of display_name, bio, location, website, locked", "invalid_argument");
      if (a.display_name !== undefined) {
        const n = charCount(a.display_name.trim());
        check(
          n >= 1 && n <= DISPLAY_NAME_MAX_CHARS,
          `display_name must be 1 to ${DISPLAY_NAME_MAX_CHARS} characters; "${a.display_name.slice(0, 40)}" has ${n}`,
          "invalid_argument",
        );
      }
      if (a.bio !== undefined) {
        const n = charCount(a.bio);
        check(n <= BIO_MAX_CHARS, `bio is ${n} characters; the limit is ${BIO_MAX_CHARS}, so remove at least ${n - BIO_MAX_CHARS}`, "invalid_argument");
      }
      if (a.location !== undefined) {
        // Counted as stored: trimmed, as the display name is.
        const n = charCount(a.location.trim());
        check(n <= LOCATION_MAX_CHARS, `location is at most ${LOCATION_MAX_CHARS} characters, e.g. 'Lisbon, Portugal'; this one has ${n}`, "invalid_argument");
      }
      if (a.website !== undefined && a.website !== "") {
        check(
          /^https?:\/\/[^\s/]+\.[^\s]+$/.test(a.website),
          `website "${a.website.slice(0, 60)}" is not a URL; give one like https://example.com, or "" to clear it`,
          "invalid_argument",
        );
      }
      const patch = {
        ...(a.display_name !== undefined ? { display_name: a.display_name.trim() } : {}),
        ...(a.bio !== undefined ? { bio: a.bio } : {}),
        ...(a.location !== undefined ? { location: a.location.trim() } : {}),
        ...(a.website !== undefined ? { website: a.website } : {}),
        ...(a.locked !== undefined ? { locked: a.locked } : {}),
      };
      const before = db.profiles.need(me);
      db.profiles.update(me, patch);
      let approved: string[] = [];
      if (before.locked && a.locked === false) {
        const pending = db.follows.filter((f) => f.followee === me && f.status === "pending");
        for (const f of pending) db.follows.update(f.id, { status: "accepted" });
        approved = pending.map((f) => f.follower);
      }
      return { ...profileView(db, me, me), ...(approved.length ? { approved_follow_requests: approved } : {}) };
    },
  }),
};
