/**
 * Team chat: the rules of a Slack workspace, each with its expected values written out (search
 * operators and their date bounds, limits at their edges, counts, messages), not computed by the
 * code under test.
 */
import { describe, expect, it } from "vitest";
import { time, worldFor } from "../../ts/servers/framework/index.ts";
import teamChat from "../../ts/servers/team_chat/index.ts";
import type { Channel, Member, Message } from "../../ts/servers/team_chat/state.ts";
import { tokenize } from "../../ts/servers/team_chat/tools/search.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const SEED = 1;
const world = worldFor(SEED);

function setup(s: TestSession) {
  const members = s.rows<Member>("members");
  const channels = s.rows<Channel>("channels");
  const me = members.find((m) => m.email === world.user.email)!;
  const general = channels.find((c) => c.name === "general")!;
  const colleague = members.find((m) => m.role !== "guest" && m.id !== me.id && general.member_ids.includes(m.id))!;
  return { members, channels, me, general, colleague };
}

/** Three messages in #general on three consecutive days, written straight into the state. */
function threeDays(s: TestSession) {
  const { general, colleague, me } = setup(s);
  const day = (n: number) => time.addDays(world.today, -10 + n);
  const rows: Message[] = [
    {
      id: "MSG-90001",
      channel_id: general.id,
      user_id: colleague.id,
      text: "zorblax kickoff notes https://x.example/n",
      created_at: `${day(0)}T10:00:00Z`,
      mentions: [],
      reactions: [{ name: "tada", user_ids: [me.id] }],
    },
    {
      id: "MSG-90002",
      channel_id: general.id,
      user_id: me.id,
      text: "zorblax follow-up",
      created_at: `${day(1)}T00:00:00Z`,
      mentions: [],
      reactions: [],
      pinned_by: me.id,
      pinned_at: `${day(1)}T01:00:00Z`,
    },
    {
      id: "MSG-90003",
      channel_id: general.id,
      user_id: colleague.id,
      text: "zorblax thanks",
      created_at: `${day(2)}T23:59:59Z`,
      mentions: [],
      reactions: [],
      thread_parent_id: "MSG-90002",
    },
  ];
  s.edit(teamChat, (db) => rows.forEach((m) => db.messages.put(m)));
  return { day, colleague, me, general };
}

const hits = (s: TestSession, query: string) => (s.ok("search_chat_messages", { query, limit: 100 }).items as Message[]).map((m) => m.id).sort();

describe("team_chat: search operators", () => {
  it("rule: before: and after: exclude their own day, on: is that day, during: a month or a day", () => {
    const s = openSession(teamChat, SEED);
    const { day } = threeDays(s);
    expect(hits(s, `zorblax before:${day(1)}`)).toEqual(["MSG-90001"]);
    expect(hits(s, `zorblax after:${day(1)}`)).toEqual(["MSG-90003"]);
    expect(hits(s, `zorblax on:${day(1)}`)).toEqual(["MSG-90002"]);
    expect(hits(s, `zorblax during:${day(2)}`)).toEqual(["MSG-90003"]);
    expect(hits(s, `zorblax during:${day(0).slice(0, 7)}`).length).toBeGreaterThanOrEqual(1);
    s.fails(
      "search_chat_messages",
      { query: "zorblax before:yesterday" },
      "invalid_argument",
      /^before:yesterday needs a date as YYYY-MM-DD, e\.g\. before:2026-03-14$/,
    );
    s.fails("search_chat_messages", { query: "zorblax during:2026" }, "invalid_argument", /^during:2026 needs a month as YYYY-MM or a date as YYYY-MM-DD$/);
  });

  it("rule: has:link, has:reaction, has::emoji:, has:pin and is:thread pick the messages that have them", () => {
    const s = openSession(teamChat, SEED);
    threeDays(s);
    expect(hits(s, "zorblax has:link")).toEqual(["MSG-90001"]);
    expect(hits(s, "zorblax has:reaction")).toEqual(["MSG-90001"]);
    expect(hits(s, "zorblax has::tada:")).toEqual(["MSG-90001"]);
    expect(hits(s, "zorblax has::eyes:")).toEqual([]);
    expect(hits(s, "zorblax has:pin")).toEqual(["MSG-90002"]);
    expect(hits(s, "zorblax is:thread")).toEqual(["MSG-90003"]);
    s.fails(
      "search_chat_messages",
      { query: "zorblax has:file" },
      "invalid_argument",
      /^has:file is not supported; use has:link, has:reaction, has::emoji_name: or has:pin$/,
    );
    s.fails("search_chat_messages", { query: "zorblax is:starred" }, "invalid_argument", /^is:starred is not supported/);
  });

  it("rule: from: takes an @handle, a <@U…> mention or a full name; in: a #name or a channel id, only for channels the user can read", () => {
    const s = openSession(teamChat, SEED);
    const { colleague, general } = threeDays(s);
    const theirs = ["MSG-90001", "MSG-90003"];
    expect(hits(s, `zorblax from:@${colleague.handle}`)).toEqual(theirs);
    expect(hits(s, `zorblax from:<@${colleague.id}>`)).toEqual(theirs);
    expect(hits(s, `zorblax from:${colleague.id.toLowerCase()}`)).toEqual(theirs);
    expect(hits(s, `zorblax in:#general`)).toEqual(["MSG-90001", "MSG-90002", "MSG-90003"]);
    expect(hits(s, `zorblax in:${general.id}`)).toEqual(["MSG-90001", "MSG-90002", "MSG-90003"]);
    s.fails("search_chat_messages", { query: "zorblax from:@nobody.here" }, "not_found", /^no member matches from:@nobody\.here; write from:@handle/);
    const hidden = s.rows<Channel>("channels").find((c) => c.is_private && !c.member_ids.includes(setup(s).me.id))!;
    s.fails("search_chat_messages", { query: `zorblax in:#${hidden.name}` }, "not_found", new RegExp(`^no channel you can read matches in:#${hidden.name};`));
  });

  it("rule: a query has at most 30 terms; a quoted phrase without its closing quote runs to the end", () => {
    const s = openSession(teamChat, SEED);
    threeDays(s);
    expect(hits(s, Array(30).fill("zorblax").join(" "))).toHaveLength(3);
    s.fails("search_chat_messages", { query: Array(31).fill("zorblax").join(" ") }, "invalid_argument", /^the query has 31 terms; use at most 30$/);
    expect(tokenize('say "kickoff notes')).toEqual([
      { text: "say", quoted: false },
      { text: "kickoff notes", quoted: true },
    ]);
    expect(tokenize('"  " a')).toEqual([{ text: "a", quoted: false }]);
    expect(hits(s, '"kickoff notes')).toEqual(["MSG-90001"]);
    // A word with a colon that is not an operator is searched as a word.
    expect(tokenize(":tada: x")).toEqual([
      { text: ":tada:", quoted: false },
      { text: "x", quoted: false },
    ]);
  });
});

describe("team_chat: history and threads", () => {
  it("rule: oldest and latest include messages at exactly those instants", () => {
    const s = openSession(teamChat, SEED);
    const { general, day } = threeDays(s);
    const ids = (args: Record<string, unknown>) =>
      (s.ok("list_channel_messages", { channel_id: general.id, limit: 100, ...args }).items as Message[]).map((m) => m.id);
    expect(ids({ oldest: `${day(1)}T00:00:00Z`, latest: `${day(1)}T00:00:00Z` })).toEqual(["MSG-90002"]);
    // The thread reply at the end of the third day is not a top-level message.
    expect(ids({ oldest: `${day(2)}T00:00:00Z`, latest: `${day(2)}T23:59:59Z` })).not.toContain("MSG-90003");
    expect(ids({ oldest: `${day(1)}T00:00:01Z` })).not.toContain("MSG-90002");
    expect(ids({ latest: `${day(0)}T09:59:59Z` })).not.toContain("MSG-90001");
    expect(ids({ oldest: `${day(0)}T10:00:00Z`, latest: `${day(1)}T00:00:00Z` }).filter((id) => id.startsWith("MSG-900"))).toEqual(["MSG-90002", "MSG-90001"]);
  });

  it("a thread lists its replies oldest first, and its parent counts them, who wrote them and the latest", () => {
    const s = openSession(teamChat, SEED);
    const { general, colleague, me } = setup(s);
    const parent = s.ok("post_chat_message", { channel_id: general.id, text: "Parent" });
    const first = s.ok("reply_in_thread", { message_id: parent.id, text: "one" });
    s.edit(teamChat, (db) =>
      db.messages.put({
        id: "MSG-90010",
        channel_id: general.id,
        user_id: colleague.id,
        text: "earlier",
        created_at: time.addMinutes(first.created_at, -1),
        mentions: [],
        reactions: [],
        thread_parent_id: parent.id,
      }),
    );
    const last = s.ok("reply_in_thread", { message_id: parent.id, text: "two" });
    const t = s.ok("get_thread_replies", { message_id: first.id });
    expect((t.replies.items as Message[]).map((m) => m.text)).toEqual(["earlier", "one", "two"]);
    expect(t.parent).toMatchObject({ id: parent.id, reply_count: 3, latest_reply_at: last.created_at, channel_name: "general", user_name: me.real_name });
    expect([...t.parent.reply_user_ids].sort()).toEqual([colleague.id, me.id].sort());
    const inHistory = (s.ok("list_channel_messages", { channel_id: general.id, limit: 5 }).items as Array<Message & { reply_count: number }>).find(
      (m) => m.id === parent.id,
    )!;
    expect(inHistory.reply_count).toBe(3);
    expect((t.replies.items[0] as { reply_count?: number }).reply_count).toBeUndefined();
  });
});

describe("team_chat: limits at their edges", () => {
  it("rule: a message is at most 4,000 characters; a channel name at most 80; a topic or purpose at most 250", () => {
    const s = openSession(teamChat, SEED);
    const { general } = setup(s);
    expect(s.ok("post_chat_message", { channel_id: general.id, text: "a".repeat(4000) }).text).toHaveLength(4000);
    s.fails(
      "post_chat_message",
      { channel_id: general.id, text: "a".repeat(4001) },
      "invalid_argument",
      /^the message has 4001 characters; the limit is 4000, so split it into several messages$/,
    );
    expect(s.ok("create_channel", { name: "x".repeat(80) }).name).toHaveLength(80);
    s.fails(
      "create_channel",
      { name: "y".repeat(81) },
      "invalid_argument",
      new RegExp(`^channel name "${"y".repeat(81)}" is not valid: names are 1-80 characters .* e\\.g\\. "${"y".repeat(80)}"$`),
    );
    s.fails("create_channel", { name: "  #  " }, "invalid_argument", /^a channel name is required/);
    s.fails("create_channel", { name: "Team Offsite 2026!" }, "invalid_argument", /e\.g\. "team-offsite-2026"$/);
    const mine = s.rows<Channel>("channels").find((c) => !c.archived && c.name !== "general" && c.member_ids.includes(setup(s).me.id))!;
    expect(s.ok("set_channel_topic", { channel_id: mine.id, topic: ` ${"t".repeat(250)} ` }).topic).toBe("t".repeat(250));
    s.fails("set_channel_topic", { channel_id: mine.id, topic: "t".repeat(251) }, "invalid_argument", /^the topic has 251 characters; the limit is 250/);
  });

  it("a name already taken names the channel that has it, and says when it is archived", () => {
    const s = openSession(teamChat, SEED);
    const archived = s.rows<Channel>("channels").find((c) => c.archived)!;
    s.fails(
      "create_channel",
      { name: archived.name },
      "already_exists",
      new RegExp(`^a channel named #${archived.name} already exists \\(${archived.id}, archived\\)`),
    );
    s.fails("create_channel", { name: "#general" }, "already_exists", new RegExp(`^a channel named #general already exists \\(${setup(s).general.id}\\);`));
  });
});

describe("team_chat: reactions, pins, edits", () => {
  it("rule: a second person's reaction joins the existing emoji; emoji names are normalized", () => {
    const s = openSession(teamChat, SEED);
    const { general, colleague, me } = setup(s);
    s.edit(teamChat, (db) =>
      db.messages.put({
        id: "MSG-90020",
        channel_id: general.id,
        user_id: colleague.id,
        text: "ship it",
        created_at: `${world.today}T08:00:00Z`,
        mentions: [],
        reactions: [
          { name: "eyes", user_ids: [colleague.id] },
          { name: "tada", user_ids: [colleague.id] },
        ],
      }),
    );
    expect(s.ok("add_reaction", { message_id: "MSG-90020", name: ":TADA:" }).reactions).toEqual([
      { name: "eyes", user_ids: [colleague.id] },
      { name: "tada", user_ids: [colleague.id, me.id] },
    ]);
    expect(s.ok("add_reaction", { message_id: "MSG-90020", name: "rocket" }).reactions).toEqual([
      { name: "eyes", user_ids: [colleague.id] },
      { name: "tada", user_ids: [colleague.id, me.id] },
      { name: "rocket", user_ids: [me.id] },
    ]);
    s.fails("add_reaction", { message_id: "MSG-90020", name: "not an emoji!" }, "invalid_argument", /^"not an emoji!" is not an emoji name/);
  });

  it("refusals name the person: a pin names who pinned it, an edit or delete names who wrote it; a deleted thread parent leaves a tombstone", () => {
    const s = openSession(teamChat, SEED);
    const { general, colleague } = setup(s);
    const m = s.ok("post_chat_message", { channel_id: general.id, text: "pin me" });
    s.edit(teamChat, (db) => db.messages.update(m.id, { pinned_by: colleague.id, pinned_at: world.now }));
    s.fails(
      "pin_message",
      { message_id: m.id },
      "already_exists",
      new RegExp(`^message ${m.id} is already pinned \\(by ${colleague.real_name} at ${world.now}\\)$`),
    );
    s.edit(teamChat, (db) =>
      db.messages.put({
        id: "MSG-90030",
        channel_id: general.id,
        user_id: colleague.id,
        text: "theirs",
        created_at: `${world.today}T08:00:00Z`,
        mentions: [],
        reactions: [],
      }),
    );
    s.fails(
      "edit_chat_message",
      { message_id: "MSG-90030", text: "x" },
      "permission_denied",
      new RegExp(`^message MSG-90030 was posted by ${colleague.real_name}; you can edit only your own messages`),
    );
    s.fails("delete_chat_message", { message_id: "MSG-90030" }, "permission_denied", new RegExp(`^message MSG-90030 was posted by ${colleague.real_name};`));
    const parent = s.ok("post_chat_message", { channel_id: general.id, text: "parent :) <@" + colleague.id + ">" });
    s.ok("add_reaction", { message_id: parent.id, name: "eyes" });
    s.ok("reply_in_thread", { message_id: parent.id, text: "child" });
    s.ok("delete_chat_message", { message_id: parent.id });
    const tomb = s.rows<Message>("messages").find((x) => x.id === parent.id)!;
    expect([tomb.deleted, tomb.mentions, tomb.reactions]).toEqual([true, [], []]);
  });

  it("rule: inviting people who are all in the channel already says who (one: is, several: are)", () => {
    const s = openSession(teamChat, SEED);
    const { general, colleague } = setup(s);
    const other = s
      .rows<Member>("members")
      .find((m) => m.role !== "guest" && m.id !== colleague.id && m.email !== world.user.email && general.member_ids.includes(m.id))!;
    s.fails(
      "invite_to_channel",
      { channel_id: general.id, member_ids: [colleague.id] },
      "already_exists",
      new RegExp(`^${colleague.real_name} \\(${colleague.id}\\) is already in #general`),
    );
    s.fails("invite_to_channel", { channel_id: general.id, member_ids: [colleague.id, other.id] }, "already_exists", / are already in #general/);
  });
});

describe("team_chat: the workspace", () => {
  it("get_workspace_info counts members, guests, open public channels and the archived channels the user may see", () => {
    const s = openSession(teamChat, SEED);
    const { members, channels, me } = setup(s);
    const info = s.ok("get_workspace_info", {});
    expect(info.members + info.guests).toBe(members.length);
    expect(info.guests).toBe(members.filter((m) => m.role === "guest").length);
    expect(info.public_channels).toBe(channels.filter((c) => !c.is_private && !c.archived).length);
    expect(info.archived_channels).toBe(channels.filter((c) => c.archived && (!c.is_private || c.member_ids.includes(me.id))).length);
    const company = world.companies.find((c) => c.name === world.user.company)!;
    expect(info.domain).toBe(`${company.domain.replace(/\.com$/, "")}.slack.example`);
    s.edit(teamChat, (db) => db.channels.put({ ...channels.find((c) => c.archived)!, id: "C9001", name: "secret-old", is_private: true, member_ids: [] }));
    expect(s.ok("get_workspace_info", {}).archived_channels).toBe(info.archived_channels);
  });

  it("describes members and messages as a person would name them", () => {
    const members = teamChat.tables.members!;
    expect(members.describe({ real_name: "Ana Silva", role: "guest", company: "Acme", title: "CTO" })).toBe("Ana Silva (guest from Acme)");
    expect(members.describe({ real_name: "Ana Silva", role: "member", company: "Acme", title: "CTO" })).toBe("Ana Silva (CTO)");
    expect(teamChat.tables.messages!.describe({ text: "hello", created_at: "2026-03-14T09:30:00Z" })).toBe('the message "hello" posted 2026-03-14 09:30');
  });

  it("marks exactly the tools that destroy something as destructive", () => {
    expect(
      teamChat.tools
        .filter((t) => t.destructive)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["archive_channel", "delete_chat_message", "leave_channel"]);
  });
});
