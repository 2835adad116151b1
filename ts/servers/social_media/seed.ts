/**
 * A believable corner of a social network: the user's own account (locked, so followers need
 * approval), the world's people, a few company brand accounts, three weeks of posts with
 * hashtags, mentions, reply threads, reposts and likes, a follow graph with pending requests,
 * a couple of blocks and mutes, and direct-message conversations between mutual follows.
 */
import { time, type Rng, type SeedContext } from "../framework/index.ts";
import { parseHashtags, parseMentions, type Block, type DirectMessage, type Follow, type Like, type Mute, type Post, type Profile } from "./state.ts";

type Ctx = { city: string; company: string; other: string; title: string };

const TOP_LEVEL: ReadonlyArray<(c: Ctx) => string> = [
  (c) => `Morning run along the water in ${c.city} before the day starts. Best way to clear my head. #running #morningroutine`,
  (c) => `Shipped the thing we've been working on for six weeks. So proud of the team at ${c.company}! #launchday #teamwork`,
  () => `Hot take: most meetings could be a well-written doc. Change my mind. #remotework #productivity`,
  (c) => `Anyone have recommendations for a good coffee spot near downtown ${c.city}? Need somewhere to work from on Friday. #coffee #${slug(c.city)}`,
  () => `Reading "The Pragmatic Programmer" again after ten years. Different book when you've shipped a few things. #books #softwareengineering`,
  (c) => `Great chat with @${c.other} about onboarding flows today. Lots to think about. #ux #design`,
  () => `Weekend plan: farmers market, long walk, zero screens. Wish me luck. #weekend #selfcare`,
  (c) => `Three things I learned as a ${c.title.toLowerCase()} this year: write things down, ask early, celebrate small wins. #career #leadership`,
  (c) => `The sunset over ${c.city} tonight was unreal. No filter needed. #photography #sunset`,
  (c) => `We're looking for people who love hard problems. DM me if you're curious about ${c.company}. #hiring #jobs`,
  (c) => `Finally tried the new ramen place everyone keeps talking about. Worth the 40-minute line. #foodie #${slug(c.city)}`,
  () => `Conference season! Who else is heading to the data summit next month? #datascience #conference`,
  () => `Reminder that rest is productive too. Logging off early today. #mentalhealth #worklifebalance`,
  () => `Just hit a 30-day streak on my language app. Gracias, danke, merci. #languagelearning`,
  () => `Thread on what we got wrong with our first pricing page, and what we changed. Lessons inside. #startups #pricing`,
  (c) => `Big thanks to @${c.other} for the thoughtful code review. Learned a new trick with generics. #typescript #coding`,
  (c) => `Rainy day in ${c.city}. Perfect excuse for soup and a long novel. #cozy #books`,
  () => `Our team volunteered at the food bank today. 400 meals packed! #community #volunteering`,
  () => `If you are building with AI tools, test on real data early. Demos lie. #ai #machinelearning`,
  () => `New personal best at the climbing gym. Hands are destroyed, heart is full. #climbing #fitness`,
  (c) => `Can't believe it's already been a year at ${c.company}. Grateful for the people. #worklife #anniversary`,
  () => `Looking for podcast recommendations for a long drive. Tech, history, anything thoughtful. #podcasts`,
  () => `The best product decisions I've seen started with a customer call, not a spreadsheet. #product #customerfirst`,
  () => `Tried sourdough for the first time. It's... a frisbee. Round two on Sunday. #baking`,
];

const BRAND_POSTS: ReadonlyArray<(c: Ctx) => string> = [
  (c) => `We're hiring in ${c.city}! Engineers, designers and analysts: join ${c.company}. Apply on our careers page. #hiring #careers`,
  (c) => `Our quarterly update is live: record customer growth and three new offices. Thank you for being part of the journey. #${slug(c.company)} #update`,
  () => `Scheduled maintenance this Saturday 02:00–04:00 UTC. Services may be briefly unavailable. #status #maintenance`,
  (c) => `Meet the team: this week, our ${c.title.toLowerCase()} shares what a day at ${c.company} looks like. #lifeat${slug(c.company)} #culture`,
  (c) => `We just passed 10,000 customers. Thank you! #milestone #${slug(c.company)}`,
  () => `Join our free webinar next Thursday on building resilient teams. Link in bio. #webinar #leadership`,
];

const REPLIES: readonly string[] = [
  "Totally agree with this.",
  "This is such a good point, thanks for sharing!",
  "Congrats, well deserved! 🎉",
  "Could not have said it better.",
  "Interesting take. I've seen the opposite work too, depends on the team.",
  "Saving this for later.",
  "Ha, been there. Round two is always better.",
  "Where is this? Looks amazing.",
  "Would love to hear more about this. Coffee next week?",
  "100%. We learned the same thing the hard way.",
  "Sending good vibes!",
  "Great thread, thank you.",
];

const CONVERSATIONS: ReadonlyArray<readonly string[]> = [
  ["Hey! Are you going to the meetup on Thursday?", "Planning to! Want to grab dinner before?", "Yes, let's do 6pm near the venue.", "Perfect, see you there."],
  ["Loved your post about onboarding. Mind if I share it with my team?", "Of course, go ahead!", "Thanks, they'll find it really useful."],
  ["Quick question: do you still have the slides from the workshop?", "I do, I'll email them tonight.", "You're a star, thank you!"],
  ["Happy birthday!! Hope you have a great day 🎂", "Thank you so much! 😊"],
  ["Are you free for a call sometime this week? Want to pick your brain about hiring.", "Sure, Wednesday afternoon works.", "Great, I'll send an invite."],
  ["Did you see the announcement from the team today?", "Just saw it. Big news!", "Right? Exciting times."],
];

const BIOS: readonly string[] = [
  "Coffee, code and long walks.",
  "Opinions are my own.",
  "Runner. Reader. Recovering perfectionist.",
  "Building things on the internet.",
  "Dog parent. Amateur photographer.",
  "Always learning.",
  "Talking about product, people and pastries.",
  "Curious about everything.",
];

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/** A seeded instant about `days` days before `now`, at a random time of that day. */
function daysAgo(now: string, days: number, rng: Rng): string {
  return ago(now, days * 1440 - rng.int(0, 900), rng);
}

/** A seeded instant `minutesAgo` before `now`, with seconds so posts rarely share a timestamp. */
function ago(now: string, minutesAgo: number, rng: Rng): string {
  return time.fromMs(time.toMs(now) - minutesAgo * 60_000 - rng.int(0, 59) * 1000);
}

interface Draft {
  key: number;
  author: string;
  text: string;
  visibility: Post["visibility"];
  created_at: string;
  parent?: number;
  repostOf?: number;
}

export function seedSocialMedia(ctx: SeedContext) {
  const n = new Network(ctx);
  n.roles();
  n.follows();
  const blocks = n.blocks();
  const mutes = n.mutes();
  const posts = n.posts();
  return { profiles: n.profiles, posts, likes: n.likes(posts), follows: n.followRows, blocks, mutes, direct_messages: n.directMessages() };
}

/**
 * The network, built as it grew: accounts (the user's locked, people's, brands'), who blocks and
 * who follows whom (never before both accounts existed), three weeks of posts, replies and
 * reposts, the likes on them and the user's direct messages.
 */
class Network {
  readonly profiles: Profile[];
  readonly followRows: Follow[] = [];
  readonly me: string;
  readonly people: Profile[];
  readonly brands: Profile[];
  private blockers: string[] = [];
  private blockedByMe = "";
  private outsiders = new Set<string>();
  private strangers: Profile[] = [];
  private eligible: Profile[] = [];
  private followMe: Profile[] = [];
  private readonly edge = new Set<string>();
  private readonly accepted = new Set<string>();
  private blockRows: Block[] = [];

  constructor(private readonly ctx: SeedContext) {
    const { rng, world } = ctx;
    const now = world.now;
    const user = world.user;
    this.me = user.handle;
    this.profiles = [
      {
        handle: this.me,
        display_name: user.full_name,
        bio: `${user.job_title} at ${user.company}. ${rng.pick(BIOS)}`,
        location: user.address.city,
        website: "",
        kind: "person",
        locked: true,
        verified: false,
        created_at: daysAgo(now, rng.int(400, 2500), rng),
      },
      ...world.people.map(
        (p): Profile => ({
          handle: p.handle,
          display_name: p.full_name,
          bio: `${p.job_title} at ${p.company}. ${rng.pick(BIOS)}`,
          location: p.address.city,
          website: rng.bool(0.2) ? `https://${p.first_name.toLowerCase()}${p.last_name.toLowerCase()}.dev` : "",
          kind: "person",
          locked: false,
          verified: rng.bool(0.08),
          created_at: daysAgo(now, rng.int(60, 3000), rng),
        }),
      ),
      ...rng.sample(world.companies, 6).map(
        (c): Profile => ({
          handle: slug(c.name),
          display_name: c.name,
          bio: `Official account of ${c.name}, ${c.industry}. Headquartered in ${c.address.city}.`,
          location: c.address.city,
          website: `https://${c.domain}`,
          kind: "brand",
          locked: false,
          verified: true,
          created_at: daysAgo(now, rng.int(800, 4000), rng),
        }),
      ),
    ];
    this.people = this.profiles.filter((p) => p.kind === "person" && p.handle !== this.me);
    this.brands = this.profiles.filter((p) => p.kind === "brand");
  }

  private get rng() {
    return this.ctx.rng;
  }
  private profile(handle: string): Profile {
    return this.profiles.find((p) => p.handle === handle) as Profile;
  }

  /** Two people block the user and the user blocks one; two strangers have no tie to the user (one locked, one open); a few more accounts are locked. */
  roles(): void {
    const shuffled = this.rng.shuffle(this.people);
    this.blockers = shuffled.slice(0, 2).map((p) => p.handle);
    this.blockedByMe = (shuffled[2] as Profile).handle;
    this.outsiders = new Set([...this.blockers, this.blockedByMe]);
    this.strangers = shuffled.slice(3, 5);
    this.eligible = shuffled.slice(5);
    for (const p of [this.strangers[0] as Profile, ...this.rng.sample(this.eligible, 6)]) p.locked = true;
  }

  /** A follow `minutesAgo` before now, but never before both accounts existed; at most one per pair. */
  private follow(follower: string, followee: string, status: Follow["status"], minutesAgo: number): void {
    const k = `${follower}>${followee}`;
    if (follower === followee || this.edge.has(k)) return;
    this.edge.add(k);
    if (status === "accepted") this.accepted.add(k);
    const born = [this.profile(follower).created_at, this.profile(followee).created_at].sort()[1] as string;
    const at = ago(this.ctx.world.now, minutesAgo, this.rng);
    this.followRows.push({
      id: this.ctx.id("follows"),
      follower,
      followee,
      status,
      created_at: at > born ? at : time.addMinutes(born, 60 + this.rng.int(0, 1440)),
    });
  }

  /** The user follows 22 people (two requests to locked accounts still pending) and four brands; 20 follow back, three ask to; everyone else follows 4-12 accounts. */
  follows(): void {
    const { rng, me } = this;
    let pendingOut = 0;
    for (const p of rng.sample(this.eligible, 22)) {
      const pending = p.locked && pendingOut < 2 && rng.bool(0.6);
      if (pending) pendingOut++;
      this.follow(me, p.handle, pending ? "pending" : "accepted", rng.int(2, 700) * 1440 - rng.int(0, 900));
    }
    for (const b of rng.sample(this.brands, 4)) this.follow(me, b.handle, "accepted", rng.int(30, 900) * 1440 - rng.int(0, 900));
    this.followMe = rng.sample(this.eligible, 20);
    for (const p of this.followMe) this.follow(p.handle, me, "accepted", rng.int(2, 700) * 1440 - rng.int(0, 900));
    for (const p of this.eligible.filter((x) => !this.edge.has(`${x.handle}>${me}`)).slice(0, 3)) this.follow(p.handle, me, "pending", rng.int(60, 4000));
    for (const p of this.people) {
      const targets = rng.sample([...this.people, ...this.brands], rng.int(4, 12));
      if (this.strangers.some((x) => x.handle === p.handle)) continue;
      for (const t of targets) this.follow(p.handle, t.handle, t.locked && rng.bool(0.25) ? "pending" : "accepted", rng.int(1, 900) * 1440 - rng.int(0, 900));
    }
  }

  blocks(): Block[] {
    const { rng, me } = this;
    const now = this.ctx.world.now;
    this.blockRows = [
      ...this.blockers.map((b) => ({ id: this.ctx.id("blocks"), blocker: b, blocked: me, created_at: daysAgo(now, rng.int(5, 200), rng) })),
      { id: this.ctx.id("blocks"), blocker: me, blocked: this.blockedByMe, created_at: daysAgo(now, rng.int(5, 200), rng) },
    ];
    return this.blockRows;
  }

  /** The user mutes two people they follow. */
  mutes(): Mute[] {
    const followed = this.followRows.filter((f) => f.follower === this.me && f.status === "accepted" && this.profile(f.followee).kind === "person");
    return this.rng.sample(followed, 2).map((f) => ({
      id: this.ctx.id("mutes"),
      muter: this.me,
      muted: f.followee,
      created_at: time.addMinutes(
        f.created_at > daysAgo(this.ctx.world.now, 90, this.rng) ? f.created_at : daysAgo(this.ctx.world.now, this.rng.int(2, 90), this.rng),
        60,
      ),
    }));
  }

  private isBlocked(a: string, b: string): boolean {
    return this.blockRows.some((x) => (x.blocker === a && x.blocked === b) || (x.blocker === b && x.blocked === a));
  }

  /** Three weeks of top-level posts from every account, replies (the user's among them) and reposts; ids in time order, like snowflake ids. */
  posts(): Post[] {
    const drafts = this.topLevelPosts();
    const topLevel = drafts.slice();
    this.replies(drafts, topLevel);
    this.reposts(drafts, topLevel);
    const ordered = drafts.slice().sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.key - b.key));
    const idOf = new Map<number, string>();
    for (const d of ordered) idOf.set(d.key, this.ctx.id("posts"));
    const rootOf = (d: Draft): Draft => (d.parent === undefined ? d : rootOf(drafts[d.parent] as Draft));
    const handles = new Set(this.profiles.map((p) => p.handle));
    return ordered.map((d) => {
      const parent = d.parent === undefined ? undefined : (drafts[d.parent] as Draft);
      return {
        id: idOf.get(d.key) as string,
        author: d.author,
        text: d.text,
        hashtags: parseHashtags(d.text),
        mentions: parseMentions(d.text).filter((h) => handles.has(h)),
        visibility: d.visibility,
        ...(parent
          ? { in_reply_to_id: idOf.get(parent.key) as string, in_reply_to_handle: parent.author, thread_root_id: idOf.get(rootOf(parent).key) as string }
          : {}),
        ...(d.repostOf !== undefined ? { repost_of_id: idOf.get(d.repostOf) as string } : {}),
        created_at: d.created_at,
      };
    });
  }

  private topLevelPosts(): Draft[] {
    const { rng, me } = this;
    const { world } = this.ctx;
    const personOf = new Map(world.people.map((p) => [p.handle, p]));
    const context = (author: Profile): Ctx => {
      const person = author.handle === me ? world.user : personOf.get(author.handle);
      const following = this.followRows.filter((f) => f.follower === author.handle && f.status === "accepted" && this.profile(f.followee).kind === "person");
      return {
        city: author.location,
        company: person?.company ?? author.display_name,
        other: following.length ? rng.pick(following).followee : rng.pick(this.people).handle,
        title: person?.job_title ?? "team member",
      };
    };
    const drafts: Draft[] = [];
    for (const author of [this.profiles[0] as Profile, ...this.people, ...this.brands]) {
      const n = author.handle === me ? rng.int(6, 9) : author.kind === "brand" ? rng.int(3, 5) : rng.int(2, 6);
      for (const tpl of rng.sample(author.kind === "brand" ? BRAND_POSTS : TOP_LEVEL, n)) {
        drafts.push({
          key: drafts.length,
          author: author.handle,
          text: tpl(context(author)),
          visibility: author.kind === "person" && rng.bool(0.15) ? "followers" : "public",
          created_at: ago(world.now, rng.int(60, 21 * 1440), rng),
        });
      }
    }
    return drafts;
  }

  /** Others answer posts (the user's among them), authors answer back, and the user replies to a few public posts; never across a block, never to a post one cannot see. */
  private replies(drafts: Draft[], topLevel: readonly Draft[]): void {
    const { rng, me } = this;
    const replyTo = (parent: Draft, author: string): Draft | undefined => {
      const at = time.addMinutes(parent.created_at, rng.int(3, 300));
      if (at >= this.ctx.world.now || author === parent.author || this.isBlocked(author, parent.author)) return undefined;
      if (parent.visibility !== "public" && !this.accepted.has(`${author}>${parent.author}`)) return undefined;
      const d: Draft = {
        key: drafts.length,
        author,
        text: `@${parent.author} ${rng.pick(REPLIES)}`,
        visibility: parent.visibility,
        created_at: at,
        parent: parent.key,
      };
      drafts.push(d);
      return d;
    };
    for (const d of topLevel.filter((x) => x.author === me)) {
      for (const r of rng.sample(this.followMe, rng.int(1, 3))) {
        const reply = replyTo(d, r.handle);
        if (reply && rng.bool(0.5)) replyTo(reply, me);
      }
    }
    for (let i = 0; i < 70; i++) {
      const parent = rng.pick(topLevel);
      const reply = replyTo(parent, rng.pick(this.people).handle);
      if (reply && rng.bool(0.3)) replyTo(reply, parent.author);
    }
    for (const parent of rng.sample(
      topLevel.filter((d) => d.author !== me && !this.outsiders.has(d.author) && d.visibility === "public"),
      5,
    ))
      replyTo(parent, me);
  }

  /** Reposts of public top-level posts, six of them by the user; each account reposts a post once. */
  private reposts(drafts: Draft[], topLevel: readonly Draft[]): void {
    const { rng } = this;
    const done = new Set<string>();
    for (let i = 0; i < 45; i++) {
      const original = rng.pick(topLevel);
      const author = i < 6 ? this.me : rng.pick(this.people).handle;
      const at = time.addMinutes(original.created_at, rng.int(10, 900));
      const k = `${author}>${original.key}`;
      if (original.visibility !== "public" || at >= this.ctx.world.now || done.has(k) || this.isBlocked(author, original.author)) continue;
      done.add(k);
      drafts.push({ key: drafts.length, author, text: "", visibility: "public", created_at: at, repostOf: original.key });
    }
  }

  /** Likes by people who can see a post (and are not blocked by its author), after it was posted; the user likes 16 posts they can see. */
  likes(posts: readonly Post[]): Like[] {
    const { rng, me } = this;
    const now = this.ctx.world.now;
    const rows: Array<Omit<Like, "id">> = [];
    const originals = posts.filter((p) => !p.repost_of_id);
    for (const p of originals) {
      const audience = p.visibility === "public" ? this.people : this.people.filter((x) => this.accepted.has(`${x.handle}>${p.author}`));
      for (const liker of rng.sample(audience, rng.int(0, p.in_reply_to_id ? 3 : 12))) {
        const at = time.addMinutes(p.created_at, rng.int(1, 600));
        if (liker.handle !== p.author && !this.isBlocked(liker.handle, p.author) && at < now)
          rows.push({ post_id: p.id, handle: liker.handle, created_at: at });
      }
    }
    const visibleToMe = originals.filter(
      (p) => p.author !== me && !this.outsiders.has(p.author) && (p.visibility === "public" || this.accepted.has(`${me}>${p.author}`)),
    );
    for (const p of rng.sample(visibleToMe, 16)) {
      const at = time.addMinutes(p.created_at, rng.int(1, 600));
      if (at < now) rows.push({ post_id: p.id, handle: me, created_at: at });
    }
    rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    return rows.map((l) => ({ id: this.ctx.id("likes"), ...l }));
  }

  /** Six conversations with mutual follows; the first two end with a message from the other side, still unread; all before now. */
  directMessages(): DirectMessage[] {
    const { rng, me } = this;
    const now = this.ctx.world.now;
    const mutuals = this.people.filter(
      (p) => this.accepted.has(`${me}>${p.handle}`) && this.accepted.has(`${p.handle}>${me}`) && !this.outsiders.has(p.handle),
    );
    const rows: Array<Omit<DirectMessage, "id">> = [];
    rng.sample(mutuals, 6).forEach((partner, n) => {
      const script = rng.pick(CONVERSATIONS);
      const theyStart = n < 2 ? (script.length - 1) % 2 === 0 : rng.bool(0.6);
      // Started long enough ago that the last reply (at most 3 hours apart) is still in the past.
      let at = ago(now, rng.int(script.length * 180 + 60, 14 * 1440), rng);
      script.forEach((line, i) => {
        const fromMe = theyStart ? i % 2 === 1 : i % 2 === 0;
        rows.push({
          sender: fromMe ? me : partner.handle,
          recipient: fromMe ? partner.handle : me,
          text: line,
          created_at: at,
          read: fromMe || i !== script.length - 1 || (n >= 2 && rng.bool(0.4)),
        });
        at = time.addMinutes(at, rng.int(2, 180));
      });
    });
    rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    return rows.map((d) => ({ id: this.ctx.id("direct_messages"), ...d }));
  }
}
