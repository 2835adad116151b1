/** Follows (with requests for locked accounts), blocks and mutes. */
import { check, descending, page, ref, z } from "../../framework/index.ts";
import { blocks, follow, mutes, needProfile, profileCard, read, write, type Follow, type Social } from "../state.ts";

const handleParam = (description: string) => ref("profile", description);

function followRows(db: Social, rows: { items: Follow[]; total: number; next_cursor?: string }, side: "follower" | "followee") {
  return { ...rows, items: rows.items.map((f) => ({ follow_id: f.id, since: f.created_at, status: f.status, ...profileCard(db.profiles.need(f[side])) })) };
}

function pendingRequestsHint(db: Social, me: string): string {
  const pending = db.follows.filter((f) => f.followee === me && f.status === "pending").map((f) => `@${f.follower}`);
  return pending.length ? `pending requests are from ${pending.join(", ")}` : "there are no pending requests";
}

export const relationTools = {
  follow_user: write({
    description:
      "Follow an account. Public accounts are followed at once (status accepted); locked accounts get a follow request (status pending) that they must approve. Returns the follow.",
    input: z.object({ handle: handleParam("The account to follow") }).strict(),
    produces: "follow",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = needProfile(db, a.handle);
      check(who.handle !== me, `you cannot follow yourself (@${me}); pass another account's handle`, "invalid_argument");
      check(!blocks(db, who.handle, me), `@${who.handle} blocks you, so you cannot follow them`, "permission_denied");
      check(!blocks(db, me, who.handle), `you block @${who.handle}; unblock_user @${who.handle} before following them`);
      const prior = follow(db, me, who.handle);
      check(
        !prior,
        () =>
          prior?.status === "pending"
            ? `your follow request to @${who.handle} is already pending their approval (sent ${prior.created_at})`
            : `you already follow @${who.handle} (since ${prior?.created_at})`,
        "already_exists",
      );
      const f = db.follows.create({ follower: me, followee: who.handle, status: who.locked ? "pending" : "accepted", created_at: env.now });
      return { ...f, ...(who.locked ? { note: `@${who.handle} is locked: the request waits for their approval` } : {}) };
    },
  }),

  unfollow_user: write({
    description: "Stop following an account, or withdraw a pending follow request to a locked account.",
    input: z.object({ handle: handleParam("The account to unfollow") }).strict(),
    destructive: true,
    uses: ["follow"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = needProfile(db, a.handle);
      const f = follow(db, me, who.handle);
      check(f, `you do not follow @${who.handle} and have no pending request to them; list_following shows whom you follow`);
      db.follows.delete(f.id);
      return { unfollowed: who.handle, was: f.status === "pending" ? "a pending request (withdrawn)" : "following" };
    },
  }),

  list_followers: read({
    description: "Accounts that follow an account (accepted follows), newest first. Omit handle for the user's own followers.",
    input: z.object({ handle: handleParam("Whose followers; omit for the user's own").optional(), ...page }).strict(),
    discovers: ["profile", "follow"],
    run: (db, a, env) => {
      const who = a.handle === undefined ? env.world.user.handle : needProfile(db, a.handle).handle;
      return followRows(db, db.follows.page(a, { where: (f) => f.followee === who && f.status === "accepted", sort: descending("created_at") }), "follower");
    },
  }),

  list_following: read({
    description:
      "Accounts an account follows, newest first. For the user's own list (omit handle), pending requests to locked accounts are included with status pending.",
    input: z.object({ handle: handleParam("Whose follows; omit for the user's own").optional(), ...page }).strict(),
    discovers: ["profile", "follow"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = a.handle === undefined ? me : needProfile(db, a.handle).handle;
      return followRows(
        db,
        db.follows.page(a, { where: (f) => f.follower === who && (f.status === "accepted" || who === me), sort: descending("created_at") }),
        "followee",
      );
    },
  }),

  list_follow_requests: read({
    description:
      "Pending requests to follow the user's locked account, oldest first; approve with accept_follow_request or decline with reject_follow_request.",
    input: z.object({ ...page }).strict(),
    discovers: ["follow", "profile"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      return followRows(db, db.follows.page(a, { where: (f) => f.followee === me && f.status === "pending" }), "follower");
    },
  }),

  accept_follow_request: write({
    description: "Approve a pending follow request to the user's account; the requester becomes a follower. Returns the follow.",
    input: z.object({ handle: handleParam("The account whose request to approve") }).strict(),
    uses: ["follow"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = needProfile(db, a.handle);
      const f = follow(db, who.handle, me);
      check(f?.status !== "accepted", `@${who.handle} already follows you; there is no request to approve`, "already_exists");
      check(f, () => `@${who.handle} has not requested to follow you; ${pendingRequestsHint(db, me)}`, "not_found");
      return db.follows.update(f.id, { status: "accepted" });
    },
  }),

  reject_follow_request: write({
    description: "Decline a pending follow request to the user's account; the request is deleted.",
    input: z.object({ handle: handleParam("The account whose request to decline") }).strict(),
    destructive: true,
    uses: ["follow"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = needProfile(db, a.handle);
      const f = follow(db, who.handle, me);
      check(f?.status !== "accepted", `@${who.handle} already follows you; use block_user to remove a follower`);
      check(f, () => `@${who.handle} has not requested to follow you; ${pendingRequestsHint(db, me)}`, "not_found");
      db.follows.delete(f.id);
      return { rejected: who.handle, request_id: f.id };
    },
  }),

  block_user: write({
    description:
      "Block an account: it can no longer see the user's posts, follow, reply to, like or message the user. Follows between the two are removed both ways. Returns the block.",
    input: z.object({ handle: handleParam("The account to block") }).strict(),
    produces: "block",
    destructive: true,
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = needProfile(db, a.handle);
      check(who.handle !== me, "you cannot block yourself; pass another account's handle", "invalid_argument");
      const prior = db.blocks.find((b) => b.blocker === me && b.blocked === who.handle);
      check(!prior, () => `you already block @${who.handle} (since ${prior?.created_at}); unblock_user lifts it`, "already_exists");
      const severed = db.follows.filter((f) => (f.follower === me && f.followee === who.handle) || (f.follower === who.handle && f.followee === me));
      for (const f of severed) db.follows.delete(f.id);
      const b = db.blocks.create({ blocker: me, blocked: who.handle, created_at: env.now });
      return { ...b, follows_removed: severed.map((f) => `@${f.follower} → @${f.followee}`) };
    },
  }),

  unblock_user: write({
    description: "Lift the user's block of an account. Follows removed by the block are not restored.",
    input: z.object({ handle: handleParam("The blocked account") }).strict(),
    uses: ["block"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = needProfile(db, a.handle);
      const b = db.blocks.find((x) => x.blocker === me && x.blocked === who.handle);
      check(b, () => `you do not block @${who.handle}; list_blocked_users shows whom you block`);
      db.blocks.delete(b.id);
      return { unblocked: who.handle };
    },
  }),

  list_blocked_users: read({
    description: "Accounts the user blocks, most recently blocked first.",
    input: z.object({ ...page }).strict(),
    discovers: ["block", "profile"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const p = db.blocks.page(a, { where: (b) => b.blocker === me, sort: descending("created_at") });
      return { ...p, items: p.items.map((b) => ({ block_id: b.id, since: b.created_at, ...profileCard(db.profiles.need(b.blocked)) })) };
    },
  }),

  mute_user: write({
    description: "Mute an account: its posts and reposts leave the user's home feed, but the user still follows it and it is not told. Returns the mute.",
    input: z.object({ handle: handleParam("The account to mute") }).strict(),
    produces: "mute",
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = needProfile(db, a.handle);
      check(who.handle !== me, "you cannot mute yourself; pass another account's handle", "invalid_argument");
      check(!mutes(db, me, who.handle), `you already mute @${who.handle}; unmute_user lifts it`, "already_exists");
      return db.mutes.create({ muter: me, muted: who.handle, created_at: env.now });
    },
  }),

  unmute_user: write({
    description: "Lift the user's mute of an account; its posts return to the home feed if the user follows it.",
    input: z.object({ handle: handleParam("The muted account") }).strict(),
    uses: ["mute"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const who = needProfile(db, a.handle);
      const m = db.mutes.find((x) => x.muter === me && x.muted === who.handle);
      check(m, () => `you do not mute @${who.handle}; list_muted_users shows whom you mute`);
      db.mutes.delete(m.id);
      return { unmuted: who.handle };
    },
  }),

  list_muted_users: read({
    description: "Accounts the user mutes, most recently muted first.",
    input: z.object({ ...page }).strict(),
    discovers: ["mute", "profile"],
    run: (db, a, env) => {
      const me = env.world.user.handle;
      const p = db.mutes.page(a, { where: (m) => m.muter === me, sort: descending("created_at") });
      return { ...p, items: p.items.map((m) => ({ mute_id: m.id, since: m.created_at, ...profileCard(db.profiles.need(m.muted)) })) };
    },
  }),
};
