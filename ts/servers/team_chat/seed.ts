/**
 * The user's company workspace: its people as members (one owner, one admin), guests from
 * partner companies in the shared and client channels, a dozen channels (public, private,
 * archived; one private channel the user is not in) and two weeks of messages with threads,
 * reactions, mentions, links and pins.
 */
import { time, type Person, type Rng, type SeedContext } from "../framework/index.ts";
import { parseMentions, type Channel, type Member, type Message } from "./state.ts";

type Say = (c: { mention: string; company: string; client: string; slug: string; domain: string; n: number }) => string;

const CHATTER: Record<string, readonly Say[]> = {
  general: [
    (c) => `Welcome to the team, ${c.mention}! 🎉 Say hi when you get a chance.`,
    (c) => `Reminder: all-hands tomorrow at 16:00 UTC. Agenda is in the doc: https://docs.${c.domain}/all-hands`,
    (c) => `Huge thanks to ${c.mention} for organising the offsite, it was fantastic.`,
    () => `The office will be closed on Monday for the public holiday.`,
    (c) => `Q${c.n} OKRs are published. Please read them before Friday: https://okr.${c.domain}/q${c.n}`,
    () => `Benefits enrollment closes at the end of the month, don't forget!`,
    () => `New expense policy is live. TL;DR: receipts within 30 days.`,
  ],
  random: [
    () => `Who's up for lunch at the taco place today?`,
    () => `This article on writing good docs is gold: https://blog.writethedocs.org/good-docs`,
    () => `Happy Friday everyone! 🎉`,
    (c) => `${c.mention} your plant recommendation is thriving 🌱`,
    () => `Coffee machine on floor 3 is fixed ☕`,
    () => `Anyone watching the match tonight?`,
  ],
  project: [
    (c) => `Pushed the fix for the login redirect bug, PR: https://github.com/${c.slug}/app/pull/${400 + c.n}`,
    (c) => `Can someone review the spec before Thursday? ${c.mention}`,
    () => `Standup: yesterday finished the API pagination, today writing tests, no blockers.`,
    () => `Deploy to staging done ✅ please smoke-test when you can.`,
    (c) => `Design mocks for the settings page are up: https://figma.com/file/${c.n}abc/settings`,
    () => `Heads up: I'll be out Thursday afternoon.`,
    () => `Retro notes: ship smaller PRs, write the migration plan earlier.`,
    (c) => `${c.mention} could you pair with me on the flaky test later?`,
  ],
  client: [
    (c) => `Shared the revised proposal with ${c.client}; they'll send feedback by Friday.`,
    (c) => `Notes from today's call with ${c.client}: https://docs.${c.domain}/notes/${c.n}`,
    (c) => `${c.mention} can you confirm the delivery date for phase two?`,
    () => `Contract redlines are back from legal.`,
    () => `Kickoff went great, thanks all!`,
  ],
  incidents: [
    () => `🔴 Elevated error rates on the checkout API, investigating.`,
    () => `Resolved: root cause was a bad config push, rolled back at 14:20 UTC.`,
    (c) => `Postmortem draft: https://docs.${c.domain}/postmortem-${c.n}, ${c.mention} please review.`,
    () => `🟡 Degraded latency in eu-west, monitoring.`,
  ],
  leadership: [
    () => `Budget review next week, please send your headcount asks by Tuesday.`,
    () => `Board deck draft is in the shared drive.`,
    (c) => `${c.mention} let's discuss the reorg proposal 1:1.`,
  ],
};

const REPLIES: readonly string[] = [
  "Thanks!", "On it.", "Looks good to me 👍", "Can we discuss in standup?", "Done ✅", "+1", "I'll take a look this afternoon.",
  "Great news!", "Agreed.", "Let me check and get back to you.", "Nice work!", "Count me in.",
];

const EMOJI = ["thumbsup", "eyes", "white_check_mark", "tada", "heart", "raised_hands", "rocket", "joy", "pray", "100"] as const;

const STATUSES: ReadonlyArray<readonly [string, string]> = [
  ["", ""], ["", ""], ["In a meeting", ":calendar:"], ["Focus time", ":headphones:"], ["Working remotely", ":house_with_garden:"], ["Out sick", ":face_with_thermometer:"], ["On vacation", ":palm_tree:"],
];

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** A working-hours instant `daysAgo` days before today. */
function workTime(today: string, daysAgo: number, rng: Rng): string {
  return `${time.addDays(today, -daysAgo)}T${String(rng.int(8, 17)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}Z`;
}

interface Draft {
  key: number;
  channel: Channel;
  user: string;
  text: string;
  at: string;
  parent?: number;
  reactions: Array<{ name: string; user_ids: string[] }>;
  pinned_by?: string;
  edited?: boolean;
}

export function seedTeamChat({ rng, world, id }: SeedContext) {
  const user = world.user;
  const now = world.now;
  const company = world.companies.find((c) => c.name === user.company) ?? (world.companies[0] as (typeof world.companies)[number]);

  // Members ---------------------------------------------------------------------------------------
  const colleagues = world.people.filter((p) => p.company === user.company);
  const partners = rng.sample(world.companies.filter((c) => c.name !== user.company), 3);
  const guests = rng.sample(world.people.filter((p) => partners.some((c) => c.name === p.company)), 8);
  const members: Member[] = [];
  const toMember = (p: Person, role: Member["role"]): Member => {
    const [status_text, status_emoji] = rng.pick(STATUSES);
    const m: Member = {
      id: id("members"),
      handle: p.handle,
      real_name: p.full_name,
      email: p.email,
      title: p.job_title,
      role,
      company: p.company,
      timezone: world.cities.find((c) => c.name === p.address.city)?.timezone ?? "America/New_York",
      status_text,
      status_emoji,
    };
    members.push(m);
    return m;
  };
  const staff = [toMember(user, "member"), ...colleagues.map((p, i) => toMember(p, i === 0 ? "owner" : i === 1 ? "admin" : "member"))];
  const me = staff[0] as Member;
  const owner = (staff[1] ?? me) as Member;
  const guestMembers = guests.map((p) => toMember(p, "guest"));
  const guestsOf = (companyName: string) => guestMembers.filter((g) => g.company === companyName);

  // Channels --------------------------------------------------------------------------------------
  const channels: Channel[] = [];
  const open = (name: string, opts: { private?: boolean; topic?: string; purpose: string; members: Member[]; archived?: boolean; creator?: Member; age?: number }) => {
    const c: Channel = {
      id: id("channels"),
      name,
      is_private: opts.private ?? false,
      topic: opts.topic ?? "",
      purpose: opts.purpose,
      creator_id: (opts.creator ?? owner).id,
      created_at: workTime(world.today, opts.age ?? rng.int(60, 900), rng),
      archived: opts.archived ?? false,
      member_ids: [...new Set(opts.members.map((m) => m.id))],
    };
    channels.push(c);
    return c;
  };
  const others = staff.filter((m) => m.id !== me.id);
  const [p1, p2, p3] = partners as [typeof company, typeof company, typeof company];
  const general = open("general", { purpose: `Company-wide announcements and work-based matters for ${company.name}`, topic: "All-hands every other Thursday", members: staff, age: 1200 });
  const randomCh = open("random", { purpose: "Non-work banter and water cooler conversation", members: staff, age: 1200 });
  open("announcements", { purpose: "Official news from leadership; please keep threads short", members: staff, creator: owner, age: 1100 });
  const eng = open("proj-platform-migration", { purpose: "Moving our services to the new platform", topic: `Cutover target: ${time.addDays(world.today, 24)}`, members: staff, creator: me });
  open("proj-website-redesign", { purpose: "The new marketing site", topic: "Design review Fridays", members: [...others, ...guestsOf(p1.name)] });
  const client1 = open(`client-${slug(p1.name)}`, { purpose: `Shared channel with ${p1.name}`, topic: "Weekly sync Tuesdays", members: [me, ...others.slice(0, 1), ...guestsOf(p1.name)] });
  const client2 = open(`client-${slug(p2.name)}`, { private: true, purpose: `Deal room for the ${p2.name} account`, members: [me, ...others.slice(-1), ...guestsOf(p2.name)], creator: me });
  const incidents = open("incidents", { purpose: "Production incidents and postmortems", topic: "Sev1? Page the on-call first", members: staff });
  const leadership = open("leadership", { private: true, purpose: "Leadership team", members: staff.filter((m) => m.role === "owner" || m.role === "admin") });
  const offsite = open("offsite-planning", { private: true, purpose: "Planning the team offsite", members: staff, creator: me });
  const design = open("design-critique", { purpose: "Share work in progress and get feedback", members: others.length ? others : staff, creator: owner });
  open("proj-legacy-cleanup", { purpose: "Retiring the old billing system (done!)", members: staff, archived: true, age: 400 });
  const vendor = open(`vendor-${slug(p3.name)}`, { purpose: `Coordination with ${p3.name}`, members: [me, ...guestsOf(p3.name)], archived: true, age: 300 });
  // Guarantee a public channel the user is not in, whatever the company's size.
  if (design.member_ids.includes(me.id)) design.member_ids = design.member_ids.filter((x) => x !== me.id);

  const kindOf = (c: Channel): keyof typeof CHATTER =>
    c === general || c.name === "announcements" ? "general" : c === randomCh ? "random" : c === incidents ? "incidents" : c === leadership ? "leadership" : c === client1 || c === client2 || c === vendor ? "client" : "project";

  // Messages ----------------------------------------------------------------------------------------
  const drafts: Draft[] = [];
  const memberById = new Map(members.map((m) => [m.id, m]));
  for (const c of channels) {
    const people = c.member_ids.map((x) => memberById.get(x) as Member);
    if (people.length === 0) continue;
    const span = c.archived ? [40, 90] : [0, 14];
    const n = c === offsite || c === leadership ? rng.int(5, 8) : rng.int(8, 16);
    const clientName = c === client1 ? p1.name : c === client2 ? p2.name : p3.name;
    for (let i = 0; i < n; i++) {
      const author = rng.pick(people);
      const mentioned = people.filter((p) => p.id !== author.id);
      const text = rng.pick(CHATTER[kindOf(c)] as readonly Say[])({
        mention: mentioned.length ? `<@${rng.pick(mentioned).id}>` : "everyone",
        company: company.name,
        client: clientName,
        slug: slug(company.name),
        domain: company.domain,
        n: rng.int(1, 4),
      });
      let at = workTime(world.today, rng.int(span[0] as number, span[1] as number), rng);
      if (at >= now) at = time.addMinutes(now, -rng.int(5, 50));
      const d: Draft = { key: drafts.length, channel: c, user: author.id, text, at, reactions: [] };
      drafts.push(d);
      if (rng.bool(0.35)) {
        let t = d.at;
        for (let r = rng.int(1, 4); r > 0; r--) {
          t = time.addMinutes(t, rng.int(2, 90));
          if (t >= now) break;
          drafts.push({ key: drafts.length, channel: c, user: rng.pick(people).id, text: rng.pick(REPLIES), at: t, parent: d.key, reactions: [] });
        }
      }
    }
  }
  // Reactions, pins and a few edits.
  for (const d of drafts) {
    const people = d.channel.member_ids;
    for (const name of rng.sample(EMOJI, rng.bool(0.45) ? rng.int(1, 3) : 0)) {
      d.reactions.push({ name, user_ids: rng.sample(people, rng.int(1, Math.min(4, people.length))).sort() });
    }
    if (d.parent === undefined && rng.bool(0.08)) d.pinned_by = rng.pick(people);
    if (rng.bool(0.05)) d.edited = true;
  }
  // The user has written something in the channels they are in, so edit/delete have subjects.
  for (const c of [eng, general, offsite, client2]) {
    if (!drafts.some((d) => d.channel === c && d.user === me.id && d.parent === undefined)) {
      drafts.push({ key: drafts.length, channel: c, user: me.id, text: rng.pick(CHATTER[kindOf(c)] as readonly Say[])({ mention: "everyone", company: company.name, client: p2.name, slug: slug(company.name), domain: company.domain, n: 2 }).replace(/<@U\d+>/g, "everyone"), at: workTime(world.today, rng.int(1, 6), rng), reactions: [] });
    }
  }

  const ordered = drafts.slice().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key - b.key));
  const idOf = new Map<number, string>();
  for (const d of ordered) idOf.set(d.key, id("messages"));
  const messages: Message[] = ordered.map((d) => {
    const edited = time.addMinutes(d.at, rng.int(1, 30));
    const pinned = time.addMinutes(d.at, 30);
    return {
      id: idOf.get(d.key) as string,
      channel_id: d.channel.id,
      user_id: d.user,
      text: d.text,
      created_at: d.at,
      ...(d.edited ? { edited_at: edited < now ? edited : d.at } : {}),
      ...(d.parent !== undefined ? { thread_parent_id: idOf.get(d.parent) as string } : {}),
      mentions: parseMentions(d.text),
      reactions: d.reactions,
      ...(d.pinned_by ? { pinned_by: d.pinned_by, pinned_at: pinned < now ? pinned : d.at } : {}),
    };
  });

  return { members, channels, messages };
}
