/**
 * A believable mailbox for the world's user: six weeks of mail from the world's people and
 * companies. Project conversations with the team (with replies and attachments), meeting
 * requests, invitations for the calendar's upcoming events, receipts, travel confirmations,
 * newsletters, personal mail, a security alert, some spam and trash, three drafts, user labels
 * and the two filters that put "Newsletters" and "Receipts" on mail (the seeded mail agrees with
 * them). Recent mail is unread.
 */
import { time, type Person, type SeedContext } from "../framework/index.ts";
import { calendarInvitations, projectName, workTeam } from "../calendar/seed.ts";
import { SYSTEM_LABELS, type Attachment, type Draft, type Filter, type Label, type Message, type Thread } from "./state.ts";

interface Sender {
  name: string;
  email: string;
}

const TOPICS = [
  "the Q3 roadmap",
  "the vendor contract renewal",
  "hiring for the data team",
  "the customer onboarding flow",
  "next quarter's budget",
  "the pricing page redesign",
  "the SOC 2 audit prep",
] as const;
const NEWSLETTER_HEADLINES = [
  "5 lessons from scaling our support team",
  "What's new this month",
  "Our 2026 industry outlook",
  "Product updates and a customer story",
  "The state of remote work",
  "Webinar replay: planning for growth",
  "Three trends to watch this quarter",
] as const;

export function seedEmail(ctx: SeedContext) {
  const m = new MailboxBuilder(ctx);
  m.projectKickoffThreads();
  m.projectWorkThreads();
  m.meetingRequests();
  m.invitations();
  m.receipts();
  m.travel();
  const newsletters = m.newsletters();
  const lunch = m.personalMail();
  m.sentMail();
  m.companyMail();
  m.spam();
  m.trash([[...newsletters].sort((a, b) => (a.date < b.date ? -1 : 1))[0] as Message, ...lunch]);
  return m.finish(m.drafts());
}

interface Step {
  who: Sender;
  text: string;
  at: string;
  to?: Sender[];
  cc?: Sender[];
  attachments?: Attachment[];
  labels?: string[];
  unread?: boolean;
}

const MIME: Record<string, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  png: "image/png",
  jpg: "image/jpeg",
  ics: "text/calendar",
  csv: "text/csv",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

const first = (s: Sender) => s.name.split(" ")[0] as string;
const sign = (s: Sender) => `\n\nBest,\n${first(s)}`;
const person = (p: Person): Sender => ({ name: p.full_name, email: p.email });

/**
 * Builds the mailbox one kind of mail at a time (labels and filters first, so the mail agrees
 * with them); `finish` gives messages their ids in arrival order, as a mailbox would.
 */
class MailboxBuilder {
  readonly labels: Label[] = SYSTEM_LABELS.map((name) => ({ id: name, name, type: "system" as const }));
  readonly filters: Filter[];
  readonly threads: Thread[] = [];
  readonly messages: Message[] = [];
  readonly me: Sender;
  readonly team: [Sender, Sender, Sender, Sender, Sender];
  readonly friends: Sender[];
  readonly outside: Sender[];
  readonly project: string;
  readonly label: { receipts: string; travel: string; project: string; newsletters: string; hiring: string };

  constructor(private readonly ctx: SeedContext) {
    const { rng, world } = ctx;
    this.me = person(world.user);
    const teamPeople = workTeam(world);
    this.team = teamPeople.map(person) as [Sender, Sender, Sender, Sender, Sender];
    this.friends = world.people.filter((p) => p.email.endsWith("@mailbox.org") && !teamPeople.includes(p)).map(person);
    this.outside = rng.shuffle(world.people.filter((p) => !teamPeople.includes(p))).map(person);
    this.project = projectName(world);
    const userLabel = (name: string, color: Label["color"]) => {
      const l: Label = { id: ctx.id("labels"), name, type: "user", color };
      this.labels.push(l);
      return l.id;
    };
    this.label = {
      receipts: userLabel("Receipts", "green"),
      travel: userLabel("Travel", "blue"),
      project: userLabel(`Project ${this.project}`, "purple"),
      newsletters: userLabel("Newsletters", "gray"),
      hiring: userLabel("Hiring", "orange"),
    };
    // The filters that put "Newsletters" and "Receipts" on mail; the seeded mail agrees with them.
    this.filters = [
      {
        id: ctx.id("filters"),
        criteria: { from: "newsletter" },
        add_label_ids: [this.label.newsletters],
        remove_label_ids: [],
        created_at: time.addDays(world.now, -120),
      },
      {
        id: ctx.id("filters"),
        criteria: { subject: "receipt" },
        add_label_ids: [this.label.receipts],
        remove_label_ids: [],
        created_at: time.addDays(world.now, -200),
      },
    ];
  }

  private get rng() {
    return this.ctx.rng;
  }

  /** An instant `daysAgo` days before today at hh:mm; this morning's mail past 09:00 moves to just before now. */
  at(daysAgo: number, hh: number, mm = this.rng.int(0, 59)): string {
    const now = this.ctx.world.now;
    const t = `${time.addDays(this.ctx.world.today, -daysAgo)}T${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}:00Z`;
    return t >= now ? time.addMinutes(now, -this.rng.int(8, 150)) : t;
  }

  file(filename: string, lo: number, hi: number): Attachment {
    return { filename, mime_type: MIME[filename.slice(filename.lastIndexOf(".") + 1)] ?? "application/octet-stream", size_bytes: this.rng.int(lo, hi) };
  }

  /** A conversation: replies go back to the previous sender and copy everyone else involved. */
  conversation(subject: string, steps: Step[], threadLabels: string[] = []): Message[] {
    const thread: Thread = { id: this.ctx.id("threads"), subject };
    this.threads.push(thread);
    const out: Message[] = [];
    const involved = new Map<string, Sender>();
    for (const s of steps) {
      const prev = out.at(-1);
      const { to, cc } = this.recipients(s, prev, involved);
      for (const x of [s.who, ...to, ...cc]) involved.set(x.email, x);
      const mine = s.who.email === this.me.email;
      const toMe = [...to, ...cc].some((x) => x.email === this.me.email);
      const label_ids = [...(mine ? ["SENT"] : []), ...(toMe ? ["INBOX"] : []), ...(s.unread && !mine ? ["UNREAD"] : []), ...threadLabels, ...(s.labels ?? [])];
      const m: Message = {
        id: `tmp-${this.messages.length}`, // final ids are given in date order at the end
        thread_id: thread.id,
        from: s.who.email,
        from_name: s.who.name,
        to: to.map((x) => x.email),
        cc: cc.map((x) => x.email),
        bcc: [],
        subject: prev ? (subject.toLowerCase().startsWith("re:") ? subject : `Re: ${subject}`) : subject,
        body: s.text,
        date: s.at,
        label_ids: [...new Set(label_ids)],
        attachments: s.attachments ?? [],
        ...(prev ? { in_reply_to: prev.id } : {}),
      };
      this.messages.push(m);
      out.push(m);
    }
    return out;
  }

  private recipients(s: Step, prev: Message | undefined, involved: ReadonlyMap<string, Sender>): { to: Sender[]; cc: Sender[] } {
    if (s.to) return { to: s.to, cc: s.cc ?? [] };
    if (!prev) return { to: [this.me], cc: [] };
    const prevFrom: Sender = { name: prev.from_name, email: prev.from };
    const to = prevFrom.email === s.who.email ? prev.to.map((e) => involved.get(e) ?? { name: e, email: e }) : [prevFrom];
    return { to, cc: [...involved.values()].filter((x) => x.email !== s.who.email && !to.some((t) => t.email === x.email)) };
  }

  single(from: Sender, subject: string, text: string, when: string, extra: Partial<Step> = {}, threadLabels: string[] = []): Message {
    return this.conversation(subject, [{ who: from, text, at: when, to: [this.me], ...extra }], threadLabels)[0] as Message;
  }

  /** The project's kickoff, timeline and vendor threads with the team, a month or more ago. */
  projectKickoffThreads(): void {
    const { me, project, rng } = this;
    const [lead, analyst, finance, designer] = this.team;
    const at = this.at.bind(this);
    const d1 = rng.int(30, 38);
    this.conversation(
      `Project ${project} — kickoff notes`,
      [
        {
          who: lead,
          to: this.team.filter((x) => x !== lead).concat(me),
          text: `Hi all,\n\nThanks for a great kickoff. Summary:\n- Goal: ship the first ${project} milestone by the end of next month\n- ${first(analyst)} owns the data model, ${first(designer)} the UX, ${first(me)} the vendor shortlist\n- Weekly sync on Tuesdays\n\nSlides attached.${sign(lead)}`,
          at: at(d1, 16),
          attachments: [this.file(`${project}-kickoff.pdf`, 400_000, 2_400_000)],
        },
        {
          who: analyst,
          text: `Thanks ${first(lead)}. One question on the timeline: does the milestone include the reporting export, or is that phase two?${sign(analyst)}`,
          at: at(d1 - 1, 10),
        },
        { who: lead, text: `Phase two — let's keep the first milestone tight.${sign(lead)}`, at: at(d1 - 1, 11) },
        { who: me, text: `Thanks all. I'll have the vendor shortlist with pricing by Friday.${sign(me)}`, at: at(d1 - 1, 14) },
        { who: designer, text: `I'll share first mockups next week so we can react early.${sign(designer)}`, at: at(d1 - 2, 9) },
      ],
      [this.label.project],
    );
    const d2 = rng.int(18, 24);
    this.conversation(
      `${project} timeline review`,
      [
        {
          who: analyst,
          to: [me],
          cc: [lead],
          text: `Hi ${first(me)},\n\nAttached is the updated timeline. Milestone 2 slipped by a week because the data migration took longer than planned; everything after it moves accordingly.${sign(analyst)}`,
          at: at(d2, 9),
          attachments: [this.file(`${project}-timeline-v3.xlsx`, 30_000, 380_000)],
        },
        { who: me, text: `Thanks ${first(analyst)}. Does the slip affect the launch date, or do we absorb it in the buffer?${sign(me)}`, at: at(d2, 13) },
        { who: analyst, text: `We absorb it — the buffer drops from two weeks to one. I've flagged it in the risk log.${sign(analyst)}`, at: at(d2 - 1, 9) },
        { who: lead, text: `Thanks both. Let's keep a close eye on the migration in the next sync.${sign(lead)}`, at: at(d2 - 1, 12) },
      ],
      [this.label.project],
    );
    const d5 = rng.int(26, 29);
    this.conversation(
      `Vendor shortlist for ${project}`,
      [
        {
          who: me,
          to: [lead],
          cc: [finance],
          text: `Hi ${first(lead)},\n\nAs promised, the vendor shortlist with pricing is attached. My recommendation is the second option: best support terms, and within budget.${sign(me)}`,
          at: at(d5, 17),
          attachments: [this.file("vendor-shortlist.xlsx", 25_000, 120_000)],
        },
        {
          who: lead,
          text: `Thanks ${first(me)} — agree on option two. ${first(finance)}, anything that worries you on the payment terms?${sign(lead)}`,
          at: at(d5 - 1, 9),
        },
        { who: finance, text: `Net 30 is fine. Please make sure the contract caps the annual increase at 5%.${sign(finance)}`, at: at(d5 - 1, 11) },
        { who: me, text: `Will do — I'll ask for the cap in the redline and circulate the draft contract.${sign(me)}`, at: at(d5 - 1, 15) },
        { who: lead, text: `Perfect, thanks both.${sign(lead)}`, at: at(d5 - 2, 8) },
      ],
      [this.label.project],
    );
  }

  /** The budget and design threads of the last two weeks, and the notes of a call. */
  projectWorkThreads(): void {
    const { me, project, rng } = this;
    const [lead, analyst, finance, designer] = this.team;
    const at = this.at.bind(this);
    const budget = rng.int(25, 60) * 1000;
    const d3 = rng.int(9, 14);
    this.conversation(
      `${project} budget draft v2`,
      [
        {
          who: finance,
          to: [me],
          cc: [lead],
          text: `Hi ${first(me)},\n\nHere is v2 of the ${project} budget: $${budget.toLocaleString("en-US")} in total, of which $${(budget * 0.4).toLocaleString("en-US")} for vendors. Could you confirm the vendor line by Thursday?${sign(finance)}`,
          at: at(d3, 15),
          attachments: [this.file(`${project}-budget-v2.xlsx`, 40_000, 300_000)],
          labels: ["IMPORTANT", "STARRED"],
        },
        { who: me, text: `Hi ${first(finance)}, the vendor line looks right. I'd add a 10% contingency on top.${sign(me)}`, at: at(d3 - 1, 10) },
        { who: finance, text: `Done — v3 will include the contingency. Thanks!${sign(finance)}`, at: at(d3 - 1, 16) },
      ],
      [this.label.project],
    );
    this.conversation(
      `Design specs for ${project}`,
      [
        {
          who: designer,
          to: [me, lead],
          text: `Hi both,\n\nAttached are the mockups and the spec for the ${project} dashboard. Feedback welcome before Wednesday's review.${sign(designer)}`,
          at: at(3, 11),
          attachments: [this.file(`${project}-mockups.png`, 600_000, 3_200_000), this.file(`${project}-spec.pdf`, 200_000, 1_500_000)],
        },
        { who: lead, text: `Looks great. Can we make the filters sticky between sessions?${sign(lead)}`, at: at(2, 9) },
        {
          who: designer,
          text: `Good call — updated in the attached spec (section 4.2).${sign(designer)}`,
          at: at(0, 8, rng.int(0, 40)),
          attachments: [this.file(`${project}-spec-v2.pdf`, 200_000, 1_500_000)],
          unread: true,
        },
      ],
      [this.label.project],
    );
    const callDay = rng.int(16, 22);
    this.conversation(
      "Notes from today's call",
      [
        {
          who: me,
          to: [lead],
          cc: [analyst],
          text: `Hi ${first(lead)},\n\nNotes from today's call attached. Main decisions: keep scope as is, revisit the reporting export in phase two.${sign(me)}`,
          at: at(callDay, 17),
          attachments: [this.file("call-notes.docx", 20_000, 90_000)],
        },
        { who: lead, text: `Thanks — one correction: the export is phase two *and* needs a design review first.${sign(lead)}`, at: at(callDay - 1, 8) },
      ],
      [this.label.project],
    );
  }

  /** Four requests for a meeting: two answered and agreed, two waiting for the user. */
  meetingRequests(): void {
    const { me, rng } = this;
    const { world } = this.ctx;
    const topics = rng.sample(TOPICS, 4);
    const askers = rng.sample([...this.team, ...this.outside.slice(0, 6)], 4);
    topics.forEach((topic, i) => {
      const who = askers[i] as Sender;
      const days = [12, 6, 1, 0][i] as number;
      const dayA = time.weekday(time.addDays(world.today, 2 + i)).replace(/^./, (c) => c.toUpperCase());
      const ask = `Hi ${first(me)},\n\nDo you have 30 minutes this week to go over ${topic}? I'm free ${dayA} afternoon or any morning.${sign(who)}`;
      if (i < 2) {
        this.conversation(`Meeting about ${topic}?`, [
          { who, text: ask, at: this.at(days, 10) },
          { who: me, text: `Hi ${first(who)}, ${dayA} at 14:00 works for me — I'll send an invite.${sign(me)}`, at: this.at(days, 12) },
          { who, text: `Great, see you then!${sign(who)}`, at: this.at(days, 13) },
        ]);
      } else {
        this.conversation(`Quick sync on ${topic}?`, [
          { who, text: ask, at: this.at(days, i === 3 ? 8 : 15), unread: true, ...(this.team.includes(who) ? { labels: ["IMPORTANT"] } : {}) },
        ]);
      }
    });
  }

  /** Invitations for the calendar's upcoming events the user has not answered yet. */
  invitations(): void {
    const { world } = this.ctx;
    for (const inv of calendarInvitations(world).slice(0, 4)) {
      const organizer = world.people.find((p) => p.email === inv.organizer);
      if (!organizer) continue;
      this.single(
        person(organizer),
        `Invitation: ${inv.summary} @ ${inv.start.slice(0, 10)} ${inv.start.slice(11, 16)} (UTC)`,
        `${organizer.full_name} has invited you to "${inv.summary}".\n\nWhen: ${inv.start.slice(0, 10)} ${inv.start.slice(11, 16)}–${inv.end.slice(11, 16)} UTC\n${inv.location ? `Where: ${inv.location}\n` : ""}Calendar event: ${inv.event_id}\n\nGoing?  Yes · Maybe · No — answer in your calendar.\n\nInvitation from Google Calendar`,
        this.at(this.rng.int(0, 3), this.rng.int(7, 8)),
        { attachments: [this.file("invite.ics", 1_800, 4_000)], unread: true },
      );
    }
  }

  /** Receipts; the Receipts filter matches "receipt" in the subject, so each carries the label. */
  receipts(): void {
    const { rng } = this;
    const receipts: Array<[string, string, string, number, number]> = [
      ["Uber Receipts", "uber.us@uber.com", "Your Uber trip receipt", 12, 58],
      ["Amazon.com", "auto-confirm@amazon.com", "Your Amazon.com order receipt", 18, 240],
      ["Apple", "no_reply@email.apple.com", "Your receipt from Apple", 0.99, 19.99],
      ["Lyft", "no-reply@lyftmail.com", "Your ride receipt from Lyft", 9, 41],
      ["DoorDash", "no-reply@doordash.com", "Your DoorDash order receipt", 21, 64],
      ["Spotify", "no-reply@spotify.com", "Your Spotify Premium receipt", 11.99, 11.99],
      ["Blue Bottle Coffee", "receipts@bluebottlecoffee.com", "Receipt for your order at Blue Bottle", 5, 19],
      ["Whole Foods Market", "receipts@wholefoods.com", "Your Whole Foods Market receipt", 32, 180],
    ];
    receipts.forEach(([name, email, subject, lo, hi], i) => {
      const amount = rng.money(lo, hi).toFixed(2);
      const card = rng.digits(4);
      const when = this.at(rng.int(1, 40), rng.int(7, 21));
      const text = `Thanks for your purchase, ${first(this.me)}.\n\nTotal: $${amount}\nPaid with: Visa ending in ${card}\nDate: ${when.slice(0, 10)}\n\nKeep this email for your records.`;
      this.single(
        { name, email },
        subject,
        text,
        when,
        { unread: i % 3 === 0, ...(i % 2 === 0 ? { attachments: [this.file(`receipt-${rng.digits(6)}.pdf`, 30_000, 120_000)] } : {}) },
        [this.label.receipts],
      );
    });
  }

  /** An upcoming trip: the flight, the hotel and the car, booked in the last week or so. */
  travel(): void {
    const { rng, me } = this;
    const { world } = this.ctx;
    const home = world.cities.find((c) => c.name === world.user.address.city) ?? (world.cities[0] as (typeof world.cities)[number]);
    const dest = rng.pick(world.cities.filter((c) => c.name !== home.name));
    const tripDay = time.addDays(world.today, rng.int(10, 24));
    const back = time.addDays(tripDay, 3);
    const code = Array.from({ length: 6 }, () => rng.pick("ABCDEFGHJKLMNPQRSTUVWXYZ23456789".split(""))).join("");
    this.single(
      { name: "Delta Air Lines", email: "deltaairlines@t.delta.com" },
      `Your flight confirmation: ${home.airport} → ${dest.airport} on ${tripDay}`,
      `Hello ${first(me)},\n\nYour trip is confirmed. Confirmation code: ${code}\n\n${tripDay} DL${rng.int(100, 2999)} ${home.airport} 08:15 → ${dest.airport}\n${back} DL${rng.int(100, 2999)} ${dest.airport} 17:40 → ${home.airport}\n\nSeat: ${rng.int(8, 34)}${rng.pick(["A", "C", "D", "F"])}  Fare: $${rng.money(280, 890).toFixed(2)}`,
      this.at(rng.int(5, 9), 19),
      { labels: ["IMPORTANT", "STARRED"], attachments: [this.file(`Delta-itinerary-${code}.pdf`, 60_000, 180_000)] },
      [this.label.travel],
    );
    this.single(
      { name: "Marriott Bonvoy", email: "reservations@marriott.com" },
      `Reservation confirmed: ${dest.name} Marriott Downtown`,
      `Dear ${me.name},\n\nWe look forward to welcoming you.\nCheck-in: ${tripDay}\nCheck-out: ${back}\nConfirmation number: ${rng.digits(8)}\nRate: $${rng.int(189, 349)}.00 per night`,
      this.at(rng.int(4, 8), 20),
      {},
      [this.label.travel],
    );
    this.single(
      { name: "Hertz", email: "reservations@hertz.com" },
      `Your Hertz reservation at ${dest.airport}`,
      `Hi ${first(me)},\n\nYour car is reserved: pick-up ${tripDay} 10:00 at ${dest.airport}, return ${back} 15:00. Vehicle: midsize SUV or similar.`,
      this.at(rng.int(2, 4), 18),
      { unread: true },
      [this.label.travel],
    );
  }

  /** Weekly newsletters, three issues per source a week apart; the Newsletters filter matches "newsletter" in the sender. */
  newsletters(): Message[] {
    const { rng } = this;
    const { world } = this.ctx;
    const sources: Sender[] = [
      ...rng
        .sample(
          world.companies.filter((c) => c.name !== world.user.company),
          3,
        )
        .map((c) => ({ name: `${c.name}`, email: `newsletter@${c.domain}` })),
      { name: "Product Hunt Daily", email: "newsletter@producthunt.com" },
      { name: "The Morning Brief", email: "newsletter@morningbrief.news" },
      { name: "Hacker Newsletter", email: "newsletter@hackernewsletter.com" },
    ];
    return sources.flatMap((src, i) => {
      const offset = rng.int(0, 6);
      return [0, 1, 2].map((week) => {
        const days = offset + 7 * week + 7 * (i % 2);
        const headline = rng.pick(NEWSLETTER_HEADLINES);
        return this.single(
          src,
          `${src.name}: ${headline}`,
          `Hi ${first(this.me)},\n\nThis week: ${headline.toLowerCase()}, a customer story and upcoming events.\n\nRead online · Unsubscribe`,
          this.at(days, rng.int(6, 8)),
          { unread: days < 10 },
          [this.label.newsletters],
        );
      });
    });
  }

  /** Mail with friends: dinner plans, photos, the book club, and an old lunch exchange (returned for the trash). */
  personalMail(): Message[] {
    const { rng, me } = this;
    const at = this.at.bind(this);
    const [f1, f2, f3] = rng.sample(this.friends.length >= 3 ? this.friends : this.outside, 3) as [Sender, Sender, Sender];
    const place = rng.pick(["the lake house", "Sarah's wedding", "the hiking trip", "the beach"]);
    this.conversation("Dinner Saturday?", [
      { who: f1, text: `Hey ${first(me)}! Are you free for dinner Saturday? Thinking of trying the new Thai place around 7.\n\n${first(f1)}`, at: at(4, 18) },
      { who: me, text: `Yes! 7 works. Should I book a table for four?\n\n${first(me)}`, at: at(4, 20) },
      { who: f1, text: `Perfect, please do. ${first(f2)} is coming too.\n\n${first(f1)}`, at: at(3, 8) },
      { who: me, text: `Booked: table for four at 7pm, under my name.\n\n${first(me)}`, at: at(2, 12) },
    ]);
    const photos = ["IMG_4012.jpg", "IMG_4019.jpg", "IMG_4033.jpg"].map((f) => this.file(f, 1_500_000, 4_500_000));
    this.conversation(`Photos from ${place}`, [
      {
        who: f2,
        to: [me, f3],
        text: `Finally sorted the photos from ${place} — here are my favourites!\n\n${first(f2)}`,
        at: at(rng.int(8, 15), 21),
        attachments: photos,
        labels: ["STARRED"],
      },
      { who: f3, text: `These are amazing, thank you!!\n\n${first(f3)}`, at: at(rng.int(6, 7), 9) },
      { who: me, text: `Love the last one — framing it!\n\n${first(me)}`, at: at(5, 20) },
    ]);
    this.conversation("Book club: next pick", [
      {
        who: f3,
        to: [me, f1],
        text: `Hi both — my vote for next month is "The Ministry for the Future". Thoughts?\n\n${first(f3)}`,
        at: at(1, 19),
        unread: true,
      },
      { who: f1, text: `I'm in! Same place, first Thursday?\n\n${first(f1)}`, at: at(1, 21), unread: true },
    ]);
    return this.conversation("Lunch this week?", [
      { who: f2, text: `Lunch Thursday? Usual spot at 12:30?\n\n${first(f2)}`, at: at(27, 9) },
      { who: me, text: `Can't this week, sorry — next week?\n\n${first(me)}`, at: at(27, 11) },
    ]);
  }

  /** Work mail the user started: an invoice follow-up, an introduction, a renewal negotiation. */
  sentMail(): void {
    const { rng, me } = this;
    const finance = this.team[2];
    const at = this.at.bind(this);
    const [c1, c2, c3] = rng.sample(this.outside.length >= 3 ? this.outside : this.team, 3) as [Sender, Sender, Sender];
    const invoiceDay = rng.int(6, 11);
    this.conversation(`Following up on invoice INV-${rng.int(2000, 9999)}`, [
      {
        who: me,
        to: [c1],
        text: `Hi ${first(c1)},\n\nFollowing up on the invoice we sent on the 3rd — could you confirm it's scheduled for payment?${sign(me)}`,
        at: at(invoiceDay, 10),
      },
      { who: c1, text: `Hi ${first(me)}, yes — it's scheduled for this Friday's payment run.${sign(c1)}`, at: at(invoiceDay - 1, 14) },
    ]);
    this.conversation(`Intro: ${first(c2)} <> ${first(c3)}`, [
      {
        who: me,
        to: [c2, c3],
        text: `Hi both,\n\n${first(c2)}, meet ${first(c3)} — ${first(c3)} leads ${c3.email.split("@")[1]}'s analytics work and has been through exactly the migration you're planning. I'll let you take it from here!${sign(me)}`,
        at: at(rng.int(15, 20), 16),
      },
      { who: c3, text: `Thanks ${first(me)}! ${first(c2)}, happy to chat — does Monday work?${sign(c3)}`, at: at(rng.int(13, 14), 9) },
      { who: c2, text: `Monday works — thanks for connecting us, ${first(me)}. (Moving you to bcc.)${sign(c2)}`, at: at(12, 10) },
    ]);
    const [k1] = rng.sample(this.outside.slice(3), 1) as [Sender];
    const renewal = rng.int(18, 90) * 1000;
    this.conversation(`Renewal proposal for ${k1.email.split("@")[1]}`, [
      {
        who: k1,
        text: `Hi ${first(me)},\n\nOur contract renews next month. Could you send over a renewal proposal? We'd like to add ten more seats.${sign(k1)}`,
        at: at(11, 15),
      },
      {
        who: me,
        to: [k1],
        cc: [finance],
        text: `Hi ${first(k1)},\n\nHappy to — proposal attached: $${renewal.toLocaleString("en-US")} per year including the ten extra seats, a 5% discount on a two-year term.${sign(me)}`,
        at: at(10, 11),
        attachments: [this.file("renewal-proposal.pdf", 90_000, 400_000)],
      },
      { who: k1, text: `Thanks! Could you do 8% on the two-year term? Then we can sign this month.${sign(k1)}`, at: at(7, 16) },
      { who: finance, text: `${first(me)}, 8% is within your approval limit if they sign by the 30th.${sign(finance)}`, at: at(7, 17) },
      {
        who: me,
        to: [k1],
        cc: [finance],
        text: `Hi ${first(k1)}, we can do 8% on a two-year term if we sign by the 30th. Updated proposal to follow.${sign(me)}`,
        at: at(6, 10),
      },
      { who: k1, text: `Great, thank you — we'll get it signed this week.${sign(k1)}`, at: at(4, 9), unread: true },
    ]);
  }

  /** The people team's announcements, hiring packets from the recruiter, and a sign-in alert. */
  companyMail(): void {
    const { rng, me } = this;
    const { world } = this.ctx;
    const recruiter = this.team[4];
    const company = world.companies.find((c) => c.name === world.user.company) ?? (world.companies[0] as (typeof world.companies)[number]);
    const peopleOps: Sender = { name: `${company.name} People Team`, email: `people@${company.domain}` };
    this.single(
      peopleOps,
      "Reminder: benefits open enrollment closes Friday",
      `Hi all,\n\nOpen enrollment for next year's benefits closes this Friday at 17:00. Review your elections in the HR portal.\n\n— People Team`,
      this.at(5, 8),
      {},
    );
    this.single(
      peopleOps,
      "Quarterly all-hands: agenda",
      `Hi all,\n\nThe quarterly all-hands is on the calendar. Agenda: results, product roadmap, Q&A. Send questions in advance to this address.\n\n— People Team`,
      this.at(17, 8),
      {},
    );
    rng.sample(this.outside, 2).forEach((cand, i) => {
      const role = i === 0 ? "Senior Data Analyst" : "Product Designer";
      this.conversation(
        `Candidate packet: ${cand.name} (${role})`,
        [
          {
            who: recruiter,
            text: `Hi ${first(me)},\n\nAttached is ${cand.name}'s packet for the ${role} role: resume and take-home. Your interview is on the calendar; please send feedback within 24 hours after.${sign(recruiter)}`,
            at: this.at(i === 0 ? 9 : 2, 14),
            attachments: [this.file(`${cand.name.replace(/ /g, "_")}_resume.pdf`, 60_000, 400_000)],
            unread: i === 1,
          },
          ...(i === 0 ? [{ who: me, text: `Thanks ${first(recruiter)}, I'll review it before the interview.${sign(me)}`, at: this.at(8, 9) }] : []),
        ],
        [this.label.hiring],
      );
    });
    const home = world.cities.find((c) => c.name === world.user.address.city) ?? (world.cities[0] as (typeof world.cities)[number]);
    this.single(
      { name: "Google", email: "no-reply@accounts.google.com" },
      "Security alert: new sign-in on Mac",
      `A new sign-in to your account ${me.email} was detected on a Mac (${home.name}). If this was you, you don't need to do anything. If not, secure your account now.`,
      this.at(2, 22),
      { labels: ["IMPORTANT"] },
    );
  }

  /** Three unread spam messages, in SPAM only. */
  spam(): void {
    const spam: Array<[Sender, string, string]> = [
      [
        { name: "Rewards Center", email: "rewards@prize-center.biz" },
        "Congratulations! You've been selected for a $1,000 gift card",
        "Claim your reward now — offer expires in 24 hours. Click here.",
      ],
      [
        { name: "PayPal Security", email: "security@paypa1-alerts.com" },
        "URGENT: verify your account information",
        "Your account has been limited. Verify your identity within 48 hours to avoid suspension.",
      ],
      [
        { name: "Best Rates", email: "offers@best-rates-now.info" },
        "Lowest mortgage rates of the year — act now",
        "Rates have never been lower. Pre-qualify in 60 seconds.",
      ],
    ];
    for (const [from, subject, text] of spam)
      this.single(from, subject, text, this.at(this.rng.int(0, 20), this.rng.int(0, 23)), { unread: true }).label_ids = ["SPAM", "UNREAD"];
  }

  /** Messages the user threw away: read, in TRASH, keeping their other labels. */
  trash(messages: readonly Message[]): void {
    for (const m of messages) m.label_ids = [...m.label_ids.filter((l) => l !== "UNREAD"), "TRASH"];
  }

  /** Three drafts: a reply to the design thread, a time-off request to the lead, and 1:1 notes without a recipient. */
  drafts(): Draft[] {
    const { rng, me, project } = this;
    const { world, id } = this.ctx;
    const [lead, analyst, , designer] = this.team;
    const designThread = this.threads.find((t) => t.subject.startsWith("Design specs"))!;
    const lastDesign = this.messages.filter((m) => m.thread_id === designThread.id).at(-1)!;
    const vacation = time.addDays(world.today, rng.int(30, 60));
    const notes = this.at(6, 12);
    return [
      {
        id: id("drafts"),
        thread_id: designThread.id,
        in_reply_to: lastDesign.id,
        to: [designer.email],
        cc: [lead.email],
        bcc: [],
        subject: `Re: ${designThread.subject}`,
        body: `Hi ${first(designer)},\n\nThanks — the sticky filters look good. One small thing on`,
        attachments: [],
        created_at: this.at(0, 8, 50),
        updated_at: this.at(0, 8, 55),
      },
      {
        id: id("drafts"),
        to: [lead.email],
        cc: [],
        bcc: [],
        subject: "Time off request",
        body: `Hi ${first(lead)},\n\nI'd like to take ${vacation} to ${time.addDays(vacation, 4)} off. ${first(analyst)} has agreed to cover the ${project} syncs.\n\nThanks,\n${first(me)}`,
        attachments: [],
        created_at: this.at(2, 17),
        updated_at: this.at(1, 21),
      },
      {
        id: id("drafts"),
        to: [],
        cc: [],
        bcc: [],
        subject: "Notes for 1:1",
        body: "- vendor shortlist status\n- hiring: data analyst loop\n- conference budget",
        attachments: [],
        created_at: notes,
        updated_at: notes,
      },
    ];
  }

  /** Unread mail from the lead counts as important; message ids follow the order mail arrived in, as a mailbox's would. */
  finish(drafts: Draft[]) {
    const lead = this.team[0];
    for (const m of this.messages)
      if (m.from === lead.email && m.label_ids.includes("UNREAD") && !m.label_ids.includes("IMPORTANT")) m.label_ids.push("IMPORTANT");
    this.messages.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const finalId = new Map(this.messages.map((m) => [m.id, this.ctx.id("messages")]));
    const rename = (x: string) => finalId.get(x) ?? x;
    for (const m of this.messages) {
      m.id = rename(m.id);
      if (m.in_reply_to) m.in_reply_to = rename(m.in_reply_to);
    }
    for (const d of drafts) if (d.in_reply_to) d.in_reply_to = rename(d.in_reply_to);
    return { labels: this.labels, filters: this.filters, threads: this.threads, messages: this.messages, drafts };
  }
}
