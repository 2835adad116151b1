/** Channels: list, inspect, create, join, invite, leave, archive, set the topic. */
import { ascending, check, matchesText, page, ref, refs, text, z } from "../../framework/index.ts";
import { channelView, checkChannelName, DEFAULT_CHANNEL, isMember, meOf, needReadable, needWritable, read, TOPIC_MAX_CHARS, write } from "../state.ts";

const channelId = (description: string) => ref("channel", description);

function checkTopic(label: string, value: string | undefined): void {
  if (value !== undefined)
    check(value.length <= TOPIC_MAX_CHARS, `the ${label} has ${value.length} characters; the limit is ${TOPIC_MAX_CHARS}`, "invalid_argument");
}

export const channelTools = {
  list_channels: read({
    description:
      "List the workspace's channels the user can see (every public channel and the private ones they are in), by name, with topic, purpose, member count and whether the user is a member. Archived channels are left out unless asked for.",
    input: z
      .object({
        query: z.string().trim().max(80).optional().describe("Part of the channel's name, topic or purpose"),
        types: z.enum(["all", "public", "private"]).default("all").describe("Which channels: all, public or private"),
        member_only: z.boolean().default(false).describe("Only channels the user is a member of"),
        include_archived: z.boolean().default(false).describe("Include archived (read-only) channels"),
        ...page,
      })
      .strict(),
    discovers: "channel",
    run: (db, a, env) => {
      const me = meOf(db, env);
      const p = db.channels.page(a, {
        where: (c) =>
          (!c.is_private || isMember(c, me.id)) &&
          (a.types === "all" || (a.types === "private") === c.is_private) &&
          (!a.member_only || isMember(c, me.id)) &&
          (a.include_archived || !c.archived) &&
          matchesText(a.query?.replace(/^#/, ""), c.name, c.topic, c.purpose),
        sort: ascending("name"),
      });
      // Lists carry counts, not the member ids of every channel (get_channel_info has them).
      return { ...p, items: p.items.map(({ member_ids, ...c }) => ({ ...c, member_count: member_ids.length, is_member: member_ids.includes(me.id) })) };
    },
  }),

  get_channel_info: read({
    description:
      "Details of one channel: name, privacy, topic, purpose, creator, archived flag, its members (ids and names) and how many pinned messages it has.",
    input: z.object({ channel_id: channelId("The channel") }).strict(),
    run: (db, a, env) => {
      const me = meOf(db, env);
      const c = needReadable(db, a.channel_id, me);
      return {
        ...channelView(c, me.id),
        members: c.member_ids.map((id) => {
          const m = db.members.get(id);
          return { id, real_name: m?.real_name ?? id, role: m?.role ?? "member" };
        }),
        pinned_count: db.messages.count((m) => m.channel_id === c.id && m.pinned_by !== undefined),
        message_count: db.messages.count((m) => m.channel_id === c.id && !m.thread_parent_id),
      };
    },
  }),

  create_channel: write({
    description:
      "Create a channel with the user as its first member, optionally private and with a topic, purpose and initial members. Names are lowercase letters, digits, hyphens and underscores, at most 80 characters, unique in the workspace. Returns the channel.",
    input: z
      .object({
        name: z.string().max(200).describe("Channel name, e.g. 'proj-mobile-app' (lowercase, no spaces, at most 80 characters)"),
        is_private: z.boolean().default(false).describe("Private channels are visible only to their members"),
        topic: text("What the channel is discussing now", 1000).default(""),
        purpose: text("What the channel is for", 1000).default(""),
        member_ids: refs("member", "Members to add besides the user", { max: 50 }).default([]),
      })
      .strict(),
    produces: "channel",
    run: (db, a, env) => {
      const me = meOf(db, env);
      const name = checkChannelName(a.name);
      const taken = db.channels.find((c) => c.name === name);
      check(
        !taken,
        () => `a channel named #${name} already exists (${taken?.id}${taken?.archived ? ", archived" : ""}); choose another name or use that channel`,
        "already_exists",
      );
      checkTopic("topic", a.topic);
      checkTopic("purpose", a.purpose);
      for (const id of a.member_ids) db.members.need(id);
      const c = db.channels.create({
        name,
        is_private: a.is_private,
        topic: a.topic,
        purpose: a.purpose,
        creator_id: me.id,
        created_at: env.now,
        archived: false,
        member_ids: [...new Set([me.id, ...a.member_ids])],
      });
      return channelView(c, me.id);
    },
  }),

  join_channel: write({
    description: "Join a public channel so the user can post in it. Private channels cannot be joined: a member must invite the user. Returns the channel.",
    input: z.object({ channel_id: channelId("The public channel to join") }).strict(),
    run: (db, a, env) => {
      const me = meOf(db, env);
      const c = db.channels.need(a.channel_id);
      check(!c.is_private || isMember(c, me.id), `#${c.name} (${c.id}) is private; a member has to invite you with invite_to_channel`, "permission_denied");
      check(!c.archived, `#${c.name} (${c.id}) is archived; archived channels cannot be joined until someone unarchives them`);
      check(!isMember(c, me.id), `you are already a member of #${c.name} (${c.id})`, "already_exists");
      return channelView(db.channels.update(c.id, { member_ids: [...c.member_ids, me.id] }), me.id);
    },
  }),

  invite_to_channel: write({
    description:
      "Add workspace members to a channel the user is in (public or private). Members already in it are reported, not added twice. Returns the channel and who was added.",
    input: z.object({ channel_id: channelId("The channel"), member_ids: refs("member", "Members to add (at least one)", { max: 30 }) }).strict(),
    run: (db, a, env) => {
      const me = meOf(db, env);
      check(a.member_ids.length > 0, "name at least one member to invite in member_ids; list_workspace_members shows their ids", "invalid_argument");
      const c = needWritable(db, a.channel_id, me, "invite people");
      const people = a.member_ids.map((id) => db.members.need(id));
      const already = people.filter((m) => isMember(c, m.id));
      const added = people.filter((m) => !isMember(c, m.id));
      check(
        added.length > 0,
        `${already.map((m) => `${m.real_name} (${m.id})`).join(", ")} ${already.length === 1 ? "is" : "are"} already in #${c.name}; nobody to add`,
        "already_exists",
      );
      const updated = db.channels.update(c.id, { member_ids: [...new Set([...c.member_ids, ...added.map((m) => m.id)])] });
      return { channel: channelView(updated, me.id), invited: added.map((m) => m.id), already_members: already.map((m) => m.id) };
    },
  }),

  leave_channel: write({
    description: "Leave a channel. Nobody leaves #general. Leaving a private channel means a member must invite the user back.",
    input: z.object({ channel_id: channelId("The channel to leave") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const me = meOf(db, env);
      const c = needReadable(db, a.channel_id, me);
      check(isMember(c, me.id), `you are not a member of #${c.name} (${c.id}); list_channels with member_only shows the channels you are in`);
      check(c.name !== DEFAULT_CHANNEL, `#${DEFAULT_CHANNEL} is the workspace's default channel; every member stays in it`);
      db.channels.update(c.id, { member_ids: c.member_ids.filter((x) => x !== me.id) });
      return { left: c.id, name: c.name };
    },
  }),

  archive_channel: write({
    description:
      "Archive a channel the user is in: it becomes read-only (no posting, reactions, pins or edits) but stays searchable. #general cannot be archived. Undo with unarchive_channel.",
    input: z.object({ channel_id: channelId("The channel to archive") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const me = meOf(db, env);
      const c = needReadable(db, a.channel_id, me);
      check(!c.archived, `#${c.name} (${c.id}) is already archived`);
      check(c.name !== DEFAULT_CHANNEL, `#${DEFAULT_CHANNEL} is the workspace's default channel and cannot be archived`, "permission_denied");
      check(isMember(c, me.id), `you are not a member of #${c.name} (${c.id}); only members can archive it`, "permission_denied");
      return channelView(db.channels.update(c.id, { archived: true }), me.id);
    },
  }),

  unarchive_channel: write({
    description: "Bring an archived channel back so its members can post again. Returns the channel.",
    input: z.object({ channel_id: channelId("The archived channel") }).strict(),
    run: (db, a, env) => {
      const me = meOf(db, env);
      const c = needReadable(db, a.channel_id, me);
      check(c.archived, `#${c.name} (${c.id}) is not archived`);
      check(isMember(c, me.id), `you were not a member of #${c.name} (${c.id}); only its members can unarchive it`, "permission_denied");
      return channelView(db.channels.update(c.id, { archived: false }), me.id);
    },
  }),

  set_channel_topic: write({
    description: "Set the topic of a channel the user is in (at most 250 characters; empty clears it). Returns the channel.",
    input: z.object({ channel_id: channelId("The channel"), topic: text("The new topic", 1000) }).strict(),
    run: (db, a, env) => {
      const me = meOf(db, env);
      const c = needWritable(db, a.channel_id, me, "set its topic");
      checkTopic("topic", a.topic.trim());
      return channelView(db.channels.update(c.id, { topic: a.topic.trim() }), me.id);
    },
  }),
};
