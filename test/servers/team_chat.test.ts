import { describe, expect, it } from "vitest";
import { worldFor } from "../../ts/servers/framework/index.ts";
import teamChat from "../../ts/servers/team_chat/index.ts";
import type { Channel, Member, Message } from "../../ts/servers/team_chat/state.ts";
import { tokenize } from "../../ts/servers/team_chat/tools/search.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { first, openSession, type TestSession } from "../helpers/session.ts";

domainConformance(teamChat, 11);

const SEED = 1;

function rows(s: TestSession) {
  return { members: s.rows<Member>("members"), channels: s.rows<Channel>("channels"), messages: s.rows<Message>("messages") };
}

/** Facts about the seeded workspace, read from the state so tests name no seed-specific ids. */
function facts(s: TestSession) {
  const r = rows(s);
  const me = r.members.find((m) => m.email === worldFor(SEED).user.email) as Member;
  const chan = (pred: (c: Channel) => boolean, what: string) => first(r.channels.filter(pred), what);
  const writable = (c: Channel) => !c.archived && c.member_ids.includes(me.id);
  const writableIds = new Set(r.channels.filter(writable).map((c) => c.id));
  const msg = (pred: (m: Message) => boolean, what: string) =>
    first(
      r.messages.filter((m) => !m.deleted && pred(m)),
      what,
    );
  const hasReplies = (m: Message) => r.messages.some((x) => x.thread_parent_id === m.id);
  return {
    r,
    me,
    general: chan((c) => c.name === "general", "#general"),
    work: chan((c) => writable(c) && !c.is_private && c.name !== "general", "public channel the user is in"),
    privateMine: chan((c) => writable(c) && c.is_private, "private channel the user is in"),
    publicNotMine: chan((c) => !c.is_private && !c.archived && !c.member_ids.includes(me.id), "public channel the user is not in"),
    privateNotMine: chan((c) => c.is_private && !c.member_ids.includes(me.id), "private channel the user is not in"),
    archivedMine: chan((c) => c.archived && c.member_ids.includes(me.id), "archived channel the user was in"),
    colleague: first(
      r.members.filter((m) => m.role !== "guest" && m.id !== me.id),
      "colleague",
    ),
    guest: first(
      r.members.filter((m) => m.role === "guest"),
      "guest",
    ),
    myMessage: msg((m) => m.user_id === me.id && !m.thread_parent_id && writableIds.has(m.channel_id) && !hasReplies(m), "own message without replies"),
    othersTopLevel: msg(
      (m) => m.user_id !== me.id && !m.thread_parent_id && writableIds.has(m.channel_id) && !m.pinned_by && !m.reactions.some((x) => x.name === "rocket"),
      "someone else's message",
    ),
    reply: msg((m) => m.thread_parent_id !== undefined && writableIds.has(m.channel_id), "thread reply"),
    reacted: msg((m) => writableIds.has(m.channel_id) && m.reactions.some((x) => x.user_ids.includes(me.id)), "message the user reacted to"),
    pinned: msg((m) => writableIds.has(m.channel_id) && m.pinned_by !== undefined, "pinned message"),
    archivedMessage: msg((m) => r.channels.some((c) => c.id === m.channel_id && c.archived) && !m.thread_parent_id, "message in an archived channel"),
    hasReplies,
  };
}

describe("team_chat: seed", () => {
  it("builds the user's company workspace with guests, channels of every kind and consistent messages", () => {
    const s = openSession(teamChat, SEED);
    const { r, me } = facts(s);
    const world = worldFor(SEED);
    expect(me.company).toBe(world.user.company);
    expect(r.members.filter((m) => m.role !== "guest").every((m) => m.company === world.user.company)).toBe(true);
    expect(r.members.filter((m) => m.role === "guest").every((m) => m.company !== world.user.company)).toBe(true);
    expect(r.messages.length).toBeGreaterThan(100);
    const byId = new Map(r.messages.map((m) => [m.id, m]));
    for (const m of r.messages) {
      const c = r.channels.find((x) => x.id === m.channel_id) as Channel;
      expect(c.member_ids).toContain(m.user_id);
      expect(m.created_at < world.now).toBe(true);
      for (const id of m.mentions) expect(r.members.some((x) => x.id === id)).toBe(true);
      if (m.thread_parent_id) {
        const parent = byId.get(m.thread_parent_id) as Message;
        expect(parent.thread_parent_id).toBeUndefined();
        expect(parent.created_at < m.created_at).toBe(true);
      }
    }
    for (const c of r.channels) expect(c.name).toMatch(/^[a-z0-9_-]{1,80}$/);
  });

  it("tokenizes queries with quoted phrases", () => {
    expect(tokenize('deploy "staging done" in:#general  ')).toEqual([
      { text: "deploy", quoted: false },
      { text: "staging done", quoted: true },
      { text: "in:#general", quoted: false },
    ]);
  });
});

describe("team_chat: workspace and members", () => {
  it("get_workspace_info names the company and the user's member id", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const w = s.ok("get_workspace_info", {});
    expect(w).toMatchObject({
      name: worldFor(SEED).user.company,
      me: { id: f.me.id, role: f.me.role },
      guests: f.r.members.filter((m) => m.role === "guest").length,
    });
  });

  it("list_workspace_members filters by name, role and guests", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    expect(s.ok("list_workspace_members", { limit: 100 }).total).toBe(f.r.members.length);
    expect(s.ok("list_workspace_members", { include_guests: false, limit: 100 }).items.every((m: Member) => m.role !== "guest")).toBe(true);
    expect(s.ok("list_workspace_members", { role: "guest", limit: 100 }).total).toBe(f.r.members.filter((m) => m.role === "guest").length);
    expect(s.ok("list_workspace_members", { query: f.colleague.real_name.split(" ")[1] }).items.map((m: Member) => m.id)).toContain(f.colleague.id);
  });

  it("get_workspace_member shows a profile and visible channels, never private channels the user is not in", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const owner = first(
      f.r.members.filter((m) => m.role === "owner"),
      "owner",
    );
    const m = s.ok("get_workspace_member", { member_id: owner.id });
    expect(m).toMatchObject({ id: owner.id, real_name: owner.real_name, role: "owner", is_me: false });
    expect(m.channels.some((c: Channel) => c.id === f.general.id)).toBe(true);
    expect(m.channels.some((c: Channel) => c.id === f.privateNotMine.id)).toBe(false);
    s.fails("get_workspace_member", { member_id: "U9999" }, "not_found");
  });
});

describe("team_chat: channels", () => {
  it("list_channels shows public channels and the user's private ones, sorted by name", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const all = s.ok("list_channels", { limit: 100 }).items as Array<Channel & { is_member: boolean; member_count: number }>;
    const names = all.map((c) => c.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain(f.privateMine.name);
    expect(names).not.toContain(f.privateNotMine.name);
    expect(names).not.toContain(f.archivedMine.name);
    expect(all.find((c) => c.id === f.publicNotMine.id)?.is_member).toBe(false);
    const withArchived = s.ok("list_channels", { include_archived: true, limit: 100 }).items.map((c: Channel) => c.name);
    expect(withArchived).toContain(f.archivedMine.name);
    const priv = s.ok("list_channels", { types: "private", limit: 100 }).items as Channel[];
    expect(priv.every((c) => c.is_private)).toBe(true);
    expect(s.ok("list_channels", { member_only: true, limit: 100 }).items.every((c: { is_member: boolean }) => c.is_member)).toBe(true);
    expect(s.ok("list_channels", { query: "#gener" }).items[0].id).toBe(f.general.id);
  });

  it("get_channel_info lists members and pins; private channels of others are refused", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const info = s.ok("get_channel_info", { channel_id: f.work.id });
    expect(info.member_count).toBe(f.work.member_ids.length);
    expect(info.members.map((m: { id: string }) => m.id)).toEqual(f.work.member_ids);
    expect(info.pinned_count).toBe(f.r.messages.filter((m) => m.channel_id === f.work.id && m.pinned_by).length);
    s.fails("get_channel_info", { channel_id: f.privateNotMine.id }, "permission_denied", /private channel you are not in.*invite/);
    s.fails("get_channel_info", { channel_id: "C9999" }, "not_found");
  });

  it("create_channel validates the name and makes the user a member", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const c = s.ok("create_channel", { name: "proj-mobile-app", topic: "MVP by June", member_ids: [f.colleague.id] });
    expect(c).toMatchObject({ name: "proj-mobile-app", is_private: false, topic: "MVP by June", creator_id: f.me.id, archived: false, is_member: true });
    expect(c.member_ids).toEqual([f.me.id, f.colleague.id]);
    expect(c.id).toMatch(/^C\d+$/);
    const secret = s.ok("create_channel", { name: "#secret_project", is_private: true });
    expect(secret).toMatchObject({ name: "secret_project", is_private: true });
    s.fails("create_channel", { name: "Mobile App" }, "invalid_argument", /lowercase.*without spaces.*"mobile-app"/);
    s.fails("create_channel", { name: "x".repeat(81) }, "invalid_argument", /1-80 characters/);
    s.fails("create_channel", { name: "v1.2-launch" }, "invalid_argument", /"v12-launch"/);
    s.fails("create_channel", { name: "proj-mobile-app" }, "already_exists", /already exists/);
    s.fails("create_channel", { name: f.archivedMine.name }, "already_exists", /archived/);
    s.fails("create_channel", { name: "ok-name", member_ids: ["U9999"] }, "not_found");
    s.fails("create_channel", { name: "ok-name", topic: "t".repeat(251) }, "invalid_argument", /limit is 250/);
  });

  it("join_channel joins public channels only", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const joined = s.ok("join_channel", { channel_id: f.publicNotMine.id });
    expect(joined.is_member).toBe(true);
    expect(joined.member_ids).toContain(f.me.id);
    s.fails("join_channel", { channel_id: f.publicNotMine.id }, "already_exists", /already a member/);
    s.fails("join_channel", { channel_id: f.privateNotMine.id }, "permission_denied", /private; a member has to invite you/);
    const archivedOther = s.ok("create_channel", { name: "to-archive" });
    s.ok("archive_channel", { channel_id: archivedOther.id });
    s.ok("leave_channel", { channel_id: archivedOther.id });
    s.fails("join_channel", { channel_id: archivedOther.id }, "failed_precondition", /archived/);
    s.fails("unarchive_channel", { channel_id: archivedOther.id }, "permission_denied", /only its members can unarchive/);
  });

  it("invite_to_channel adds members and reports those already in", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const outsider = first(
      f.r.members.filter((m) => !f.work.member_ids.includes(m.id)),
      "member outside the channel",
    );
    const insider = first(
      f.work.member_ids.filter((id) => id !== f.me.id),
      "other member",
    );
    const r = s.ok("invite_to_channel", { channel_id: f.work.id, member_ids: [outsider.id, insider] });
    expect(r.invited).toEqual([outsider.id]);
    expect(r.already_members).toEqual([insider]);
    expect(r.channel.member_count).toBe(f.work.member_ids.length + 1);
    s.fails("invite_to_channel", { channel_id: f.work.id, member_ids: [outsider.id] }, "already_exists", /already in/);
    s.fails("invite_to_channel", { channel_id: f.work.id, member_ids: [] }, "invalid_argument", /at least one member/);
    s.fails("invite_to_channel", { channel_id: f.publicNotMine.id, member_ids: [outsider.id] }, "failed_precondition", /not a member.*join_channel/);
    s.fails("invite_to_channel", { channel_id: f.privateNotMine.id, member_ids: [outsider.id] }, "permission_denied");
    s.fails("invite_to_channel", { channel_id: f.archivedMine.id, member_ids: [outsider.id] }, "failed_precondition", /archived and read-only/);
  });

  it("leave_channel leaves, but nobody leaves #general", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    expect(s.ok("leave_channel", { channel_id: f.privateMine.id })).toEqual({ left: f.privateMine.id, name: f.privateMine.name });
    s.fails("get_channel_info", { channel_id: f.privateMine.id }, "permission_denied");
    s.fails("join_channel", { channel_id: f.privateMine.id }, "permission_denied", /invite/);
    s.fails("leave_channel", { channel_id: f.general.id }, "failed_precondition", /default channel/);
    s.fails("leave_channel", { channel_id: f.publicNotMine.id }, "failed_precondition", /not a member/);
  });

  it("archive_channel makes a channel read-only; unarchive_channel reopens it", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    expect(s.ok("archive_channel", { channel_id: f.work.id }).archived).toBe(true);
    s.fails("post_chat_message", { channel_id: f.work.id, text: "hello?" }, "failed_precondition", /archived and read-only; unarchive_channel/);
    s.fails("archive_channel", { channel_id: f.work.id }, "failed_precondition", /already archived/);
    s.fails("archive_channel", { channel_id: f.general.id }, "permission_denied", /cannot be archived/);
    s.fails("archive_channel", { channel_id: f.publicNotMine.id }, "permission_denied", /only members/);
    expect(s.ok("unarchive_channel", { channel_id: f.work.id }).archived).toBe(false);
    s.fails("unarchive_channel", { channel_id: f.work.id }, "failed_precondition", /not archived/);
    expect(s.ok("post_chat_message", { channel_id: f.work.id, text: "back again" }).text).toBe("back again");
  });

  it("set_channel_topic updates the topic of a channel the user is in", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    expect(s.ok("set_channel_topic", { channel_id: f.work.id, topic: "  Launch on Friday  " }).topic).toBe("Launch on Friday");
    expect(s.ok("get_channel_info", { channel_id: f.work.id }).topic).toBe("Launch on Friday");
    s.fails("set_channel_topic", { channel_id: f.work.id, topic: "t".repeat(251) }, "invalid_argument", /limit is 250/);
    s.fails("set_channel_topic", { channel_id: f.publicNotMine.id, topic: "x" }, "failed_precondition", /join_channel/);
    s.fails("set_channel_topic", { channel_id: f.archivedMine.id, topic: "x" }, "failed_precondition", /archived/);
  });
});

describe("team_chat: messages", () => {
  it("post_chat_message posts with mentions and shows first in the channel history", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const m = s.ok("post_chat_message", { channel_id: f.work.id, text: `Deploy done, <@${f.colleague.id}> please verify https://status.example.com` });
    expect(m).toMatchObject({ channel_id: f.work.id, user_id: f.me.id, mentions: [f.colleague.id], reactions: [], channel_name: f.work.name, reply_count: 0 });
    expect(m.created_at).toBe(worldFor(SEED).now);
    const history = s.ok("list_channel_messages", { channel_id: f.work.id, limit: 1 });
    expect(history.items[0].id).toBe(m.id);
  });

  it("post_chat_message needs membership, an open channel, a valid body and real mentions", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    s.fails("post_chat_message", { channel_id: f.publicNotMine.id, text: "hi" }, "failed_precondition", /not a member.*join_channel/);
    s.fails("post_chat_message", { channel_id: f.privateNotMine.id, text: "hi" }, "permission_denied", /private/);
    s.fails("post_chat_message", { channel_id: f.archivedMine.id, text: "hi" }, "failed_precondition", /archived/);
    s.fails("post_chat_message", { channel_id: f.work.id, text: "   " }, "invalid_argument", /empty/);
    s.fails("post_chat_message", { channel_id: f.work.id, text: "x".repeat(4001) }, "invalid_argument", /4001 characters; the limit is 4000/);
    s.fails("post_chat_message", { channel_id: f.work.id, text: "hey <@U9999>" }, "not_found", /U9999.*list_workspace_members/);
    s.ok("join_channel", { channel_id: f.publicNotMine.id });
    expect(s.ok("post_chat_message", { channel_id: f.publicNotMine.id, text: "hi all" }).channel_id).toBe(f.publicNotMine.id);
  });

  it("reply_in_thread answers top-level messages only", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const before = f.r.messages.filter((m) => m.thread_parent_id === f.othersTopLevel.id).length;
    const r = s.ok("reply_in_thread", { message_id: f.othersTopLevel.id, text: "On it!" });
    expect(r).toMatchObject({ thread_parent_id: f.othersTopLevel.id, channel_id: f.othersTopLevel.channel_id, user_id: f.me.id });
    const thread = s.ok("get_thread_replies", { message_id: f.othersTopLevel.id });
    expect(thread.parent.reply_count).toBe(before + 1);
    expect(thread.replies.items.at(-1).id).toBe(r.id);
    s.fails("reply_in_thread", { message_id: r.id, text: "nested" }, "failed_precondition", new RegExp(`reply to ${f.othersTopLevel.id} instead`));
    s.fails("reply_in_thread", { message_id: f.archivedMessage.id, text: "late" }, "failed_precondition", /archived/);
    s.fails("reply_in_thread", { message_id: "MSG-99999", text: "x" }, "not_found");
  });

  it("list_channel_messages returns top-level messages newest first within a time window", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const tops = f.r.messages.filter((m) => m.channel_id === f.general.id && !m.thread_parent_id).sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
    const page = s.ok("list_channel_messages", { channel_id: f.general.id, limit: 100 });
    expect(page.total).toBe(tops.length);
    expect(page.items.map((m: Message) => m.id)).toEqual(tops.map((m) => m.id));
    const cut = tops[Math.floor(tops.length / 2)]!.created_at;
    const recent = s.ok("list_channel_messages", { channel_id: f.general.id, oldest: cut, limit: 100 }).items as Message[];
    expect(recent.every((m) => m.created_at >= cut)).toBe(true);
    expect(recent.length).toBe(tops.filter((m) => m.created_at >= cut).length);
    expect(s.ok("list_channel_messages", { channel_id: f.publicNotMine.id }).total).toBeGreaterThan(0);
    s.fails("list_channel_messages", { channel_id: f.privateNotMine.id }, "permission_denied");
  });

  it("get_thread_replies returns the whole thread from a reply's id too", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const parentId = f.reply.thread_parent_id as string;
    const replies = f.r.messages.filter((m) => m.thread_parent_id === parentId);
    const t = s.ok("get_thread_replies", { message_id: f.reply.id, limit: 100 });
    expect(t.parent.id).toBe(parentId);
    expect(t.replies.total).toBe(replies.length);
    const times = t.replies.items.map((m: Message) => m.created_at);
    expect(times).toEqual([...times].sort());
    const priv = first(
      f.r.messages.filter((m) => m.channel_id === f.privateNotMine.id),
      "message in a private channel",
    );
    s.fails("get_thread_replies", { message_id: priv.id }, "permission_denied");
  });

  it("add_reaction adds once per person; remove_reaction only removes the user's own", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const r = s.ok("add_reaction", { message_id: f.othersTopLevel.id, name: ":rocket:" });
    expect(r.reactions.find((x: { name: string }) => x.name === "rocket").user_ids).toEqual([f.me.id]);
    s.fails("add_reaction", { message_id: f.othersTopLevel.id, name: "rocket" }, "already_exists", /already reacted with :rocket:/);
    s.fails("add_reaction", { message_id: f.othersTopLevel.id, name: "thumbs up" }, "invalid_argument", /thumbsup/);
    s.fails("add_reaction", { message_id: f.archivedMessage.id, name: "eyes" }, "failed_precondition", /archived/);
    const existing = f.reacted.reactions.find((x) => x.user_ids.includes(f.me.id))!;
    const after = s.ok("remove_reaction", { message_id: f.reacted.id, name: existing.name });
    const left = after.reactions.find((x: { name: string }) => x.name === existing.name);
    expect(left?.user_ids ?? []).not.toContain(f.me.id);
    expect(left?.user_ids.length ?? 0).toBe(existing.user_ids.length - 1);
    s.fails("remove_reaction", { message_id: f.reacted.id, name: existing.name }, "failed_precondition", /have not reacted/);
    expect(s.ok("remove_reaction", { message_id: f.othersTopLevel.id, name: "rocket" }).reactions.some((x: { name: string }) => x.name === "rocket")).toBe(
      false,
    );
  });

  it("pin_message, list_pinned_messages and unpin_message", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const p = s.ok("pin_message", { message_id: f.othersTopLevel.id });
    expect(p).toMatchObject({ pinned_by: f.me.id, pinned_at: worldFor(SEED).now });
    expect(s.ok("list_pinned_messages", { channel_id: f.othersTopLevel.channel_id }).items[0].id).toBe(f.othersTopLevel.id);
    s.fails("pin_message", { message_id: f.othersTopLevel.id }, "already_exists", /already pinned/);
    s.fails("pin_message", { message_id: f.archivedMessage.id }, "failed_precondition", /archived/);
    const un = s.ok("unpin_message", { message_id: f.pinned.id });
    expect(un.pinned_by).toBeUndefined();
    s.fails("unpin_message", { message_id: f.pinned.id }, "failed_precondition", /not pinned/);
    expect(s.ok("list_pinned_messages", { channel_id: f.pinned.channel_id, limit: 100 }).items.some((m: Message) => m.id === f.pinned.id)).toBe(false);
    s.fails("list_pinned_messages", { channel_id: f.privateNotMine.id }, "permission_denied");
  });

  it("edit_chat_message edits only the user's own messages", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const e = s.ok("edit_chat_message", { message_id: f.myMessage.id, text: `Updated: ping <@${f.colleague.id}>` });
    expect(e).toMatchObject({
      text: `Updated: ping <@${f.colleague.id}>`,
      mentions: [f.colleague.id],
      edited_at: worldFor(SEED).now,
      created_at: f.myMessage.created_at,
    });
    s.fails("edit_chat_message", { message_id: f.othersTopLevel.id, text: "mine now" }, "permission_denied", /you can edit only your own messages/);
    s.fails("edit_chat_message", { message_id: f.myMessage.id, text: "" }, "invalid_argument", /empty/);
    const archivedMine = first(
      f.r.messages.filter((m) => m.user_id === f.me.id && m.channel_id === f.archivedMine.id),
      "the user's message in an archived channel",
    );
    s.fails("edit_chat_message", { message_id: archivedMine.id, text: "x" }, "failed_precondition", /archived/);
  });

  it("delete_chat_message removes own messages, keeps a placeholder for threads, refuses others'", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    expect(s.ok("delete_chat_message", { message_id: f.myMessage.id })).toEqual({ deleted: f.myMessage.id, placeholder_kept: false, thread_replies: 0 });
    s.fails("delete_chat_message", { message_id: f.myMessage.id }, "not_found");
    const parent = s.ok("post_chat_message", { channel_id: f.work.id, text: "Who can cover on-call Saturday?" });
    s.ok("reply_in_thread", { message_id: parent.id, text: "I can." });
    expect(s.ok("delete_chat_message", { message_id: parent.id })).toEqual({ deleted: parent.id, placeholder_kept: true, thread_replies: 1 });
    const t = s.ok("get_thread_replies", { message_id: parent.id });
    expect(t.parent).toMatchObject({ deleted: true, text: "This message was deleted.", reply_count: 1 });
    s.fails("edit_chat_message", { message_id: parent.id, text: "undo" }, "failed_precondition", /was deleted/);
    s.fails("delete_chat_message", { message_id: f.othersTopLevel.id }, "permission_denied", /only your own messages/);
  });
});

describe("team_chat: search", () => {
  it("search_chat_messages combines words, from:, in:, has: and dates", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const links = s.ok("search_chat_messages", { query: "has:link", limit: 100 }).items as Message[];
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((m) => /https?:\/\//.test(m.text))).toBe(true);
    const generalLinks = s.ok("search_chat_messages", { query: `has:link in:#${f.general.name}`, limit: 100 }).items as Message[];
    expect(generalLinks.every((m) => m.channel_id === f.general.id && /https?:\/\//.test(m.text))).toBe(true);
    expect(generalLinks.length).toBe(links.filter((m) => m.channel_id === f.general.id).length);
    const mine = s.ok("search_chat_messages", { query: `from:@${f.me.handle}`, limit: 100 });
    expect(mine.total).toBe(
      f.r.messages.filter(
        (m) =>
          m.user_id === f.me.id &&
          !m.deleted &&
          (!f.r.channels.find((c) => c.id === m.channel_id)!.is_private || f.r.channels.find((c) => c.id === m.channel_id)!.member_ids.includes(f.me.id)),
      ).length,
    );
    expect(s.ok("search_chat_messages", { query: `from:<@${f.me.id}>`, limit: 100 }).total).toBe(mine.total);
    const threads = s.ok("search_chat_messages", { query: "is:thread", limit: 100 }).items as Message[];
    expect(threads.every((m) => m.thread_parent_id)).toBe(true);
    const pinned = s.ok("search_chat_messages", { query: "has:pin", limit: 100 }).items as Message[];
    expect(pinned.every((m) => m.pinned_by)).toBe(true);
    const tada = s.ok("search_chat_messages", { query: "has::tada:", limit: 100 }).items as Message[];
    expect(tada.every((m) => m.reactions.some((r) => r.name === "tada"))).toBe(true);
    const today = worldFor(SEED).today;
    const before = s.ok("search_chat_messages", { query: `before:${today}`, limit: 100 }).items as Message[];
    expect(before.every((m) => m.created_at.slice(0, 10) < today)).toBe(true);
    const posted = s.ok("post_chat_message", { channel_id: f.work.id, text: "The quarterly kraken report is ready" });
    const hit = s.ok("search_chat_messages", { query: `"kraken report" on:${today}` });
    expect(hit.items.map((m: Message) => m.id)).toEqual([posted.id]);
    expect(s.ok("search_chat_messages", { query: `kraken during:${today.slice(0, 7)}` }).total).toBe(1);
  });

  it("search_chat_messages never shows private channels the user is not in and explains bad modifiers", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    const all = [];
    let cursor: string | undefined;
    do {
      const p = s.ok("search_chat_messages", { query: "after:2000-01-01", limit: 100, ...(cursor ? { cursor } : {}) });
      all.push(...p.items);
      cursor = p.next_cursor;
    } while (cursor);
    expect(all.some((m: Message) => m.channel_id === f.privateNotMine.id)).toBe(false);
    expect(all.length).toBe(f.r.messages.filter((m) => m.channel_id !== f.privateNotMine.id).length);
    s.fails("search_chat_messages", { query: `in:#${f.privateNotMine.name}` }, "not_found", /list_channels/);
    s.fails("search_chat_messages", { query: "from:@nobody.here" }, "not_found", /list_workspace_members/);
    s.fails("search_chat_messages", { query: "has:gif" }, "invalid_argument", /has:link/);
    s.fails("search_chat_messages", { query: "before:yesterday" }, "invalid_argument", /YYYY-MM-DD/);
    s.fails("search_chat_messages", { query: "is:starred" }, "invalid_argument", /is:thread/);
    s.fails("search_chat_messages", { query: '""' }, "invalid_argument", /no terms/);
  });
});

describe("team_chat: scenario", () => {
  it("creates a channel, invites a colleague found by name, posts with a mention, gets a thread going, pins and finds it", () => {
    const s = openSession(teamChat, SEED);
    const f = facts(s);
    // 1. find the colleague's member id by name
    const who = s.ok("list_workspace_members", { query: f.colleague.real_name }).items[0];
    expect(who.id).toBe(f.colleague.id);
    // 2. create a private channel
    const c = s.ok("create_channel", { name: "launch-war-room", is_private: true, purpose: "Launch coordination" });
    // 3. invite the colleague found in step 1
    const inv = s.ok("invite_to_channel", { channel_id: c.id, member_ids: [who.id] });
    expect(inv.channel.member_ids).toEqual([f.me.id, who.id]);
    // 4. post mentioning them
    const m = s.ok("post_chat_message", { channel_id: inv.channel.id, text: `<@${who.id}> launch checklist is ready for review` });
    // 5. reply in its thread and react
    const r = s.ok("reply_in_thread", { message_id: m.id, text: "Adding the rollback plan here." });
    s.ok("add_reaction", { message_id: r.thread_parent_id, name: "white_check_mark" });
    // 6. pin the parent, then find it via search by mention target and channel
    s.ok("pin_message", { message_id: r.thread_parent_id });
    const found = s.ok("search_chat_messages", { query: `checklist in:#${c.name} has:pin has:reaction` });
    expect(found.items.map((x: Message) => x.id)).toEqual([m.id]);
    expect(found.items[0]).toMatchObject({ reply_count: 1, mentions: [who.id], pinned_by: f.me.id });
    expect(s.ok("get_channel_info", { channel_id: c.id })).toMatchObject({ pinned_count: 1, message_count: 1, member_count: 2 });
  });
});
