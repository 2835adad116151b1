/**
 * The user's company workspace: its people as members (one owner, one admin), guests from
 * partner companies in the shared and client channels, a dozen channels (public, private,
 * archived; one private channel the user is not in) and two weeks of messages with threads,
 * reactions, mentions, links and pins, written on working days.
 */
import { time, type Person, type Rng, type SeedContext } from "../framework/index.ts";
import { parseMentions, type Channel, type Member, type Message } from "./state.ts";

type Say = (c: { mention: string; company: string; client: string; slug: string; domain: string; n: number; day: string }) => string;

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
    (c) => `Happy ${c.day} everyone! 🎉`,
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
  "Thanks!",
  "On it.",
  "Looks good to me 👍",
  "Can we discuss in standup?",
  "Done ✅",
  "+1",
  "I'll take a look this afternoon.",
  "Great news!",
  "Agreed.",
  "Let me check and get back to you.",
  "Nice work!",
  "Count me in.",
];

const EMOJI = ["thumbsup", "eyes", "white_check_mark", "tada", "heart", "raised_hands", "rocket", "joy", "pray", "100"] as const;

const STATUSES: ReadonlyArray<readonly [string, string]> = [
  ["", ""],
  ["", ""],
  ["In a meeting", ":calendar:"],
  ["Focus time", ":headphones:"],
  ["Working remotely", ":house_with_garden:"],
  ["Out sick", ":face_with_thermometer:"],
  ["On vacation", ":palm_tree:"],
];

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** A working-hours instant on the working day `daysAgo` days before today (a weekend falls back to its Friday), before `now`. */
function workTime(world: { today: string; now: string }, daysAgo: number, rng: Rng): string {
  let day = time.addDays(world.today, -daysAgo);
  while (time.isWeekend(day)) day = time.addDays(day, -1);
  const at = `${day}T${String(rng.int(8, 17)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}Z`;
  return at < world.now ? at : time.addBusinessDays(at, -1);
}

const dayName = (at: string) => time.weekday(at).replace(/^./, (c) => c.toUpperCase());

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

type Company = SeedContext["world"]["companies"][number];
type ChannelKind = keyof typeof CHATTER;

export function seedTeamChat(ctx: SeedContext) {
  const w = new Workspace(ctx);
  w.members();
  w.channels();
  w.chatter();
  w.reactionsAndPins();
  w.userPosts();
  return { members: w.memberRows, channels: w.channelRows, messages: w.messages() };
}

/**
 * The workspace, built in order: members (the company's staff with one owner and one admin,
 * guests from three partners), channels (each created by one of its members), two weeks of
 * chatter on working days (old chatter in archived channels), reactions and pins by channel
 * members, and a top-level message of the user's in the channels they write in.
 */
class Workspace {
  readonly memberRows: Member[] = [];
  readonly channelRows: Channel[] = [];
  private readonly drafts: Draft[] = [];
  private readonly kinds = new Map<Channel, ChannelKind>();
  private readonly clients = new Map<Channel, string>();
  private readonly company: Company;
  private partners: Company[] = [];
  private staff: Member[] = [];
  private guests: Member[] = [];
  private me!: Member;
  private owner!: Member;

  constructor(private readonly ctx: SeedContext) {
    const { world } = ctx;
    this.company = world.companies.find((c) => c.name === world.user.company) ?? (world.companies[0] as Company);
  }

  private get rng() {
    return this.ctx.rng;
  }

  private toMember(p: Person, role: Member["role"]): Member {
    const [status_text, status_emoji] = this.rng.pick(STATUSES);
    const timezone = this.ctx.world.cities.find((c) => c.name === p.address.city)?.timezone ?? "America/New_York";
    const m: Member = {
      id: this.ctx.id("members"),
      handle: p.handle,
      real_name: p.full_name,
      email: p.email,
      title: p.job_title,
      role,
      company: p.company,
      timezone,
      status_text,
      status_emoji,
    };
    this.memberRows.push(m);
    return m;
  }

  /** The user (a member), their colleagues (the first the owner, the second an admin) and eight guests from three partner companies. */
  members(): void {
    const { world } = this.ctx;
    const colleagues = world.people.filter((p) => p.company === world.user.company);
    this.partners = this.rng.sample(
      world.companies.filter((c) => c.name !== world.user.company),
      3,
    );
    const guests = this.rng.sample(
      world.people.filter((p) => this.partners.some((c) => c.name === p.company)),
      8,
    );
    this.staff = [this.toMember(world.user, "member"), ...colleagues.map((p, i) => this.toMember(p, i === 0 ? "owner" : i === 1 ? "admin" : "member"))];
    this.me = this.staff[0] as Member;
    this.owner = this.staff[1] ?? this.me;
    this.guests = guests.map((p) => this.toMember(p, "guest"));
  }

  private guestsOf(company: Company): Member[] {
    return this.guests.filter((g) => g.company === company.name);
  }

  private open(
    name: string,
    kind: ChannelKind,
    opts: { private?: boolean; topic?: string; purpose: string; members: Member[]; archived?: boolean; creator?: Member; age?: number; client?: Company },
  ): Channel {
    const c: Channel = {
      id: this.ctx.id("channels"),
      name,
      is_private: opts.private ?? false,
      topic: opts.topic ?? "",
      purpose: opts.purpose,
      creator_id: (opts.creator ?? this.owner).id,
      created_at: workTime(this.ctx.world, opts.age ?? this.rng.int(60, 900), this.rng),
      archived: opts.archived ?? false,
      member_ids: [...new Set(opts.members.map((m) => m.id))],
    };
    this.channelRows.push(c);
    this.kinds.set(c, kind);
    if (opts.client) this.clients.set(c, opts.client.name);
    return c;
  }

  /** Company channels, project channels (one with guests), shared client and vendor channels, private leadership and offsite rooms, two archived channels; a public channel the user is not in. */
  channels(): void {
    const { me, owner, staff, company } = this;
    const today = this.ctx.world.today;
    const others = staff.filter((m) => m.id !== me.id);
    const [p1, p2, p3] = this.partners as [Company, Company, Company];
    this.open("general", "general", {
      purpose: `Company-wide announcements and work-based matters for ${company.name}`,
      topic: "All-hands every other Thursday",
      members: staff,
      age: 1200,
    });
    this.open("random", "random", { purpose: "Non-work banter and water cooler conversation", members: staff, age: 1200 });
    this.open("announcements", "general", { purpose: "Official news from leadership; please keep threads short", members: staff, age: 1100 });
    this.open("proj-platform-migration", "project", {
      purpose: "Moving our services to the new platform",
      topic: `Cutover target: ${time.addDays(today, 24)}`,
      members: staff,
      creator: me,
    });
    this.open("proj-website-redesign", "project", {
      purpose: `The new marketing site, built with ${p1.name}`,
      topic: "Design review Fridays",
      members: [...others, ...this.guestsOf(p1)],
    });
    this.open(`client-${slug(p1.name)}`, "client", {
      purpose: `Shared channel with ${p1.name}`,
      topic: "Weekly sync Tuesdays",
      members: [me, ...others.slice(0, 1), ...this.guestsOf(p1)],
      client: p1,
    });
    this.open(`client-${slug(p2.name)}`, "client", {
      private: true,
      purpose: `Deal room for the ${p2.name} account`,
      members: [me, ...others.slice(-1), ...this.guestsOf(p2)],
      creator: me,
      client: p2,
    });
    this.open("incidents", "incidents", { purpose: "Production incidents and postmortems", topic: "Sev1? Page the on-call first", members: staff });
    this.open("leadership", "leadership", {
      private: true,
      purpose: "Leadership team",
      members: staff.filter((m) => m.role === "owner" || m.role === "admin"),
    });
    this.open("offsite-planning", "project", { private: true, purpose: "Planning the team offsite", members: staff, creator: me });
    // A public channel the user is not in, whatever the company's size.
    this.open("design-critique", "project", { purpose: "Share work in progress and get feedback", members: others.length ? others : [owner], creator: owner });
    this.open("proj-legacy-cleanup", "project", { purpose: "Retiring the old billing system (done!)", members: staff, archived: true, age: 400 });
    this.open(`vendor-${slug(p3.name)}`, "client", {
      purpose: `Coordination with ${p3.name}`,
      members: [me, ...this.guestsOf(p3)],
      archived: true,
      age: 300,
      creator: me,
      client: p3,
    });
  }

  private say(c: Channel, author: Member, at: string, mentionable: readonly Member[]): string {
    const mention = mentionable.filter((p) => p.id !== author.id);
    return this.rng.pick(CHATTER[this.kinds.get(c) as ChannelKind] as readonly Say[])({
      mention: mention.length ? `<@${this.rng.pick(mention).id}>` : "everyone",
      company: this.company.name,
      client: this.clients.get(c) ?? this.company.name,
      slug: slug(this.company.name),
      domain: this.company.domain,
      n: this.rng.int(1, 4),
      day: dayName(at),
    });
  }

  /** 8-16 messages per channel (5-8 in the small private rooms) over the last two weeks (40-90 days back when archived); a third start a thread. Only the owner and admins post in #announcements. */
  chatter(): void {
    const { rng } = this;
    const byId = new Map(this.memberRows.map((m) => [m.id, m]));
    for (const c of this.channelRows) {
      const people = c.member_ids.map((x) => byId.get(x) as Member);
      const posters = c.name === "announcements" ? people.filter((m) => m.role === "owner" || m.role === "admin") : people;
      if (posters.length === 0) continue;
      const [from, to] = c.archived ? [40, 90] : [0, 14];
      const n = c.name === "offsite-planning" || c.name === "leadership" ? rng.int(5, 8) : rng.int(8, 16);
      for (let i = 0; i < n; i++) {
        const author = rng.pick(posters);
        const at = workTime(this.ctx.world, rng.int(from, to), rng);
        const d: Draft = { key: this.drafts.length, channel: c, user: author.id, text: this.say(c, author, at, people), at, reactions: [] };
        this.drafts.push(d);
        if (rng.bool(0.35)) this.thread(d, people);
      }
    }
  }

  /** One to four replies by channel members, minutes apart, none after now. */
  private thread(parent: Draft, people: readonly Member[]): void {
    let t = parent.at;
    for (let r = this.rng.int(1, 4); r > 0; r--) {
      t = time.addMinutes(t, this.rng.int(2, 90));
      if (t >= this.ctx.world.now) break;
      this.drafts.push({
        key: this.drafts.length,
        channel: parent.channel,
        user: this.rng.pick(people).id,
        text: this.rng.pick(REPLIES),
        at: t,
        parent: parent.key,
        reactions: [],
      });
    }
  }

  /** Reactions by channel members (one entry per emoji), pins of a few top-level messages, a few edits. */
  reactionsAndPins(): void {
    const { rng } = this;
    for (const d of this.drafts) {
      const people = d.channel.member_ids;
      for (const name of rng.sample(EMOJI, rng.bool(0.45) ? rng.int(1, 3) : 0))
        d.reactions.push({ name, user_ids: rng.sample(people, rng.int(1, Math.min(4, people.length))).sort() });
      if (d.parent === undefined && rng.bool(0.08)) d.pinned_by = rng.pick(people);
      if (rng.bool(0.05)) d.edited = true;
    }
  }

  /** The user has a top-level message of their own in #general, the migration project, the offsite room and the private client deal room, so edit and delete have subjects. */
  userPosts(): void {
    const { me } = this;
    const theirs = (c: Channel) => ["general", "proj-platform-migration", "offsite-planning"].includes(c.name) || (this.clients.has(c) && c.is_private);
    for (const c of this.channelRows.filter(theirs)) {
      if (this.drafts.some((d) => d.channel === c && d.user === me.id && d.parent === undefined)) continue;
      const at = workTime(this.ctx.world, this.rng.int(1, 6), this.rng);
      this.drafts.push({ key: this.drafts.length, channel: c, user: me.id, text: this.say(c, me, at, []), at, reactions: [] });
    }
  }

  /** The messages, their ids in time order; edits and pins a little after the message, never after now. */
  messages(): Message[] {
    const { rng } = this;
    const now = this.ctx.world.now;
    const ordered = this.drafts.slice().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key - b.key));
    const idOf = new Map<number, string>();
    for (const d of ordered) idOf.set(d.key, this.ctx.id("messages"));
    return ordered.map((d) => {
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
  }
}
