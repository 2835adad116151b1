/** The team workspace's seed, checked against the rules of a Slack workspace. */
import { expect } from "vitest";
import { time } from "../../ts/servers/framework/index.ts";
import teamChat from "../../ts/servers/team_chat/index.ts";
import type { Channel, Member, Message } from "../../ts/servers/team_chat/state.ts";
import { seedRules, type Seeded } from "../helpers/seed-rules.ts";

const me = (s: Seeded) => s.rows<Member>("members").find((m) => m.email === s.world.user.email)!;
const channelOf = (s: Seeded) => new Map(s.rows<Channel>("channels").map((c) => [c.id, c]));

seedRules(teamChat, {
  "the staff are the user's company with exactly one owner; guests come from other companies; the user is a plain member": (s) => {
    const members = s.rows<Member>("members");
    expect(me(s).role).toBe("member");
    expect(members.filter((m) => m.role === "owner").length).toBe(1);
    for (const m of members) expect(m.role === "guest", m.id).toBe(m.company !== s.world.user.company);
    expect(new Set(members.map((m) => m.email)).size).toBe(members.length);
  },
  "channel names are unique and valid Slack names; every channel was created before now by one of its members": (s) => {
    const channels = s.rows<Channel>("channels");
    expect(new Set(channels.map((c) => c.name)).size).toBe(channels.length);
    for (const c of channels) {
      expect(c.name).toMatch(/^[a-z0-9_-]{1,80}$/);
      expect(c.created_at < s.world.now, c.name).toBe(true);
      expect(c.member_ids, c.name).toContain(c.creator_id);
    }
  },
  "#general and #random hold every staff member and no guest; guests are only in the channels shared with their company": (s) => {
    const members = new Map(s.rows<Member>("members").map((m) => [m.id, m]));
    const staff = [...members.values()]
      .filter((m) => m.role !== "guest")
      .map((m) => m.id)
      .sort();
    for (const c of s.rows<Channel>("channels")) {
      if (c.name === "general" || c.name === "random") expect([...c.member_ids].sort(), c.name).toEqual(staff);
      for (const id of c.member_ids.filter((x) => members.get(x)!.role === "guest")) expect(c.purpose, `${c.name} ${id}`).toContain(members.get(id)!.company);
    }
  },
  "the user is in an archived channel and a private one, and is kept out of one public and one private channel": (s) => {
    const mine = me(s).id;
    const channels = s.rows<Channel>("channels");
    expect(channels.some((c) => c.archived && c.member_ids.includes(mine))).toBe(true);
    expect(channels.some((c) => c.is_private && !c.archived && c.member_ids.includes(mine))).toBe(true);
    expect(channels.some((c) => !c.is_private && !c.archived && !c.member_ids.includes(mine))).toBe(true);
    expect(channels.some((c) => c.is_private && !c.member_ids.includes(mine))).toBe(true);
  },
  "messages are posted by members of their channel after it was created and before now, on working days; message ids run in time order": (s) => {
    const channels = channelOf(s);
    const messages = s.rows<Message>("messages");
    for (let i = 1; i < messages.length; i++) expect(messages[i - 1]!.created_at <= messages[i]!.created_at, messages[i]!.id).toBe(true);
    for (const m of messages) {
      const c = channels.get(m.channel_id)!;
      expect(c.member_ids, m.id).toContain(m.user_id);
      expect(m.created_at > c.created_at && m.created_at < s.world.now, m.id).toBe(true);
      expect(time.isWeekend(m.created_at), `${m.id} ${m.created_at}`).toBe(false);
    }
  },
  "'Happy <day>' is said on that day": (s) => {
    for (const m of s.rows<Message>("messages").filter((x) => x.text.startsWith("Happy ") && x.text.includes("everyone"))) {
      expect(m.text.toLowerCase(), m.id).toContain(time.weekday(m.created_at));
    }
  },
  "only the owner and admins start threads in #announcements": (s) => {
    const members = new Map(s.rows<Member>("members").map((m) => [m.id, m]));
    const announcements = s.rows<Channel>("channels").find((c) => c.name === "announcements")!;
    for (const m of s.rows<Message>("messages").filter((x) => x.channel_id === announcements.id && !x.thread_parent_id)) {
      expect(["owner", "admin"], m.id).toContain(members.get(m.user_id)!.role);
    }
  },
  "a thread reply answers a top-level message of the same channel and comes after it": (s) => {
    const byId = new Map(s.rows<Message>("messages").map((m) => [m.id, m]));
    for (const m of byId.values()) {
      if (!m.thread_parent_id) continue;
      const parent = byId.get(m.thread_parent_id)!;
      expect([parent.thread_parent_id, parent.channel_id], m.id).toEqual([undefined, m.channel_id]);
      expect(parent.created_at < m.created_at, m.id).toBe(true);
    }
  },
  "a mention names another member of the channel and is listed in the message's mentions": (s) => {
    const channels = channelOf(s);
    for (const m of s.rows<Message>("messages")) {
      const inText = [...m.text.matchAll(/<@(U\d+)>/g)].map((x) => x[1]!);
      expect(m.mentions, m.id).toEqual([...new Set(inText)]);
      for (const id of m.mentions) {
        expect(id, m.id).not.toBe(m.user_id);
        expect(channels.get(m.channel_id)!.member_ids, m.id).toContain(id);
      }
    }
  },
  "reactions come from channel members, one entry per emoji and one vote per member; pins are of top-level messages by a channel member, after posting and before now; an edit follows its message":
    (s) => {
      const channels = channelOf(s);
      for (const m of s.rows<Message>("messages")) {
        const members = channels.get(m.channel_id)!.member_ids;
        expect(new Set(m.reactions.map((r) => r.name)).size, m.id).toBe(m.reactions.length);
        for (const r of m.reactions) {
          expect(r.user_ids.length, m.id).toBeGreaterThan(0);
          expect(new Set(r.user_ids).size, m.id).toBe(r.user_ids.length);
          for (const u of r.user_ids) expect(members, m.id).toContain(u);
        }
        if (m.pinned_by) {
          expect([m.thread_parent_id, members.includes(m.pinned_by)], m.id).toEqual([undefined, true]);
          expect(m.pinned_at! >= m.created_at && m.pinned_at! < s.world.now, m.id).toBe(true);
        }
        if (m.edited_at) expect(m.edited_at >= m.created_at && m.edited_at < s.world.now, m.id).toBe(true);
      }
    },
  "archived channels went quiet: their last message is over a month old": (s) => {
    const archived = new Set(
      s
        .rows<Channel>("channels")
        .filter((c) => c.archived)
        .map((c) => c.id),
    );
    for (const m of s.rows<Message>("messages").filter((x) => archived.has(x.channel_id)))
      expect(time.daysBetween(m.created_at, s.world.now), m.id).toBeGreaterThan(30);
  },
  "the user has a top-level message of their own in #general, in a project channel and in a private channel": (s) => {
    const channels = channelOf(s);
    const mine = s
      .rows<Message>("messages")
      .filter((m) => m.user_id === me(s).id && !m.thread_parent_id)
      .map((m) => channels.get(m.channel_id)!);
    expect(mine.some((c) => c.name === "general")).toBe(true);
    expect(mine.some((c) => c.name.startsWith("proj-") && !c.archived)).toBe(true);
    expect(mine.some((c) => c.is_private)).toBe(true);
  },
});
