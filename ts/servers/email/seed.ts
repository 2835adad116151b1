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

const TOPICS = ["the Q3 roadmap", "the vendor contract renewal", "hiring for the data team", "the customer onboarding flow", "next quarter's budget", "the pricing page redesign", "the SOC 2 audit prep"] as const;
const NEWSLETTER_HEADLINES = [
  "5 lessons from scaling our support team", "What's new this month", "Our 2026 industry outlook", "Product updates and a customer story",
  "The state of remote work", "Webinar replay: planning for growth", "Three trends to watch this quarter",
] as const;

export function seedEmail({ rng, world, id }: SeedContext) {
  const user = world.user;
  const me: Sender = { name: user.full_name, email: user.email };
  const now = world.now;
  const person = (p: Person): Sender => ({ name: p.full_name, email: p.email });
  const first = (s: Sender) => s.name.split(" ")[0] as string;
  const myCompany = world.companies.find((c) => c.name === user.company) ?? (world.companies[0] as (typeof world.companies)[number]);

  const teamPeople = workTeam(world);
  const team = teamPeople.map(person);
  const [lead, analyst, finance, designer, recruiter] = team as [Sender, Sender, Sender, Sender, Sender];
  const friends = world.people.filter((p) => p.email.endsWith("@mailbox.org") && !teamPeople.includes(p)).map(person);
  const outside = rng.shuffle(world.people.filter((p) => !teamPeople.includes(p))).map(person);
  const project = projectName(world);

  // ---- labels and filters ------------------------------------------------------------------
  const labels: Label[] = SYSTEM_LABELS.map((name) => ({ id: name, name, type: "system" as const }));
  const userLabel = (name: string, color: Label["color"]) => {
    const l: Label = { id: id("labels"), name, type: "user", color };
    labels.push(l);
    return l.id;
  };
  const RECEIPTS = userLabel("Receipts", "green");
  const TRAVEL = userLabel("Travel", "blue");
  const PROJECT = userLabel(`Project ${project}`, "purple");
  const NEWSLETTERS = userLabel("Newsletters", "gray");
  const HIRING = userLabel("Hiring", "orange");
  const filters: Filter[] = [
    { id: id("filters"), criteria: { from: "newsletter" }, add_label_ids: [NEWSLETTERS], remove_label_ids: [], created_at: time.addDays(now, -120) },
    { id: id("filters"), criteria: { subject: "receipt" }, add_label_ids: [RECEIPTS], remove_label_ids: [], created_at: time.addDays(now, -200) },
  ];

  // ---- messages ----------------------------------------------------------------------------
  const threads: Thread[] = [];
  const messages: Message[] = [];
  /** An instant `daysAgo` days before today at hh:mm; this morning's mail past 09:00 moves to just before now. */
  const at = (daysAgo: number, hh: number, mm = rng.int(0, 59)): string => {
    const t = `${time.addDays(world.today, -daysAgo)}T${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}:00Z`;
    return t >= now ? time.addMinutes(now, -rng.int(8, 150)) : t;
  };
  const file = (filename: string, lo: number, hi: number): Attachment => {
    const ext = filename.slice(filename.lastIndexOf(".") + 1);
    const mime: Record<string, string> = {
      pdf: "application/pdf", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      png: "image/png", jpg: "image/jpeg", ics: "text/calendar", csv: "text/csv", pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };
    return { filename, mime_type: mime[ext] ?? "application/octet-stream", size_bytes: rng.int(lo, hi) };
  };

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
  /** A conversation: replies go back to the previous sender and copy everyone else involved. */
  const conversation = (subject: string, steps: Step[], threadLabels: string[] = []): Message[] => {
    const thread: Thread = { id: id("threads"), subject };
    threads.push(thread);
    const out: Message[] = [];
    let prev: Message | undefined;
    const involved = new Map<string, Sender>();
    for (const s of steps) {
      let to: Sender[];
      let cc: Sender[];
      if (s.to) {
        to = s.to;
        cc = s.cc ?? [];
      } else if (prev) {
        const prevFrom: Sender = { name: prev.from_name, email: prev.from };
        to = prevFrom.email === s.who.email ? prev.to.map((e) => involved.get(e) ?? { name: e, email: e }) : [prevFrom];
        cc = [...involved.values()].filter((x) => x.email !== s.who.email && !to.some((t) => t.email === x.email));
      } else {
        to = [me];
        cc = [];
      }
      for (const x of [s.who, ...to, ...cc]) involved.set(x.email, x);
      const mine = s.who.email === me.email;
      const toMe = [...to, ...cc].some((x) => x.email === me.email);
      const label_ids = [...(mine ? ["SENT"] : []), ...(toMe ? ["INBOX"] : []), ...(s.unread && !mine ? ["UNREAD"] : []), ...threadLabels, ...(s.labels ?? [])];
      const m: Message = {
        id: `tmp-${messages.length}`, // final ids are given in date order at the end
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
      messages.push(m);
      out.push(m);
      prev = m;
    }
    return out;
  };
  const single = (from: Sender, subject: string, text: string, when: string, extra: Partial<Step> = {}, threadLabels: string[] = []) =>
    conversation(subject, [{ who: from, text, at: when, to: [me], ...extra }], threadLabels)[0] as Message;
  const sign = (s: Sender) => `\n\nBest,\n${first(s)}`;

  // Project threads with the team.
  const d1 = rng.int(30, 38);
  conversation(
    `Project ${project} — kickoff notes`,
    [
      { who: lead, to: team.filter((x) => x !== lead).concat(me), text: `Hi all,\n\nThanks for a great kickoff. Summary:\n- Goal: ship the first ${project} milestone by the end of next month\n- ${first(analyst)} owns the data model, ${first(designer)} the UX, ${first(me)} the vendor shortlist\n- Weekly sync on Tuesdays\n\nSlides attached.${sign(lead)}`, at: at(d1, 16), attachments: [file(`${project}-kickoff.pdf`, 400_000, 2_400_000)] },
      { who: analyst, text: `Thanks ${first(lead)}. One question on the timeline: does the milestone include the reporting export, or is that phase two?${sign(analyst)}`, at: at(d1 - 1, 10) },
      { who: lead, text: `Phase two — let's keep the first milestone tight.${sign(lead)}`, at: at(d1 - 1, 11) },
      { who: me, text: `Thanks all. I'll have the vendor shortlist with pricing by Friday.${sign(me)}`, at: at(d1 - 1, 14) },
      { who: designer, text: `I'll share first mockups next week so we can react early.${sign(designer)}`, at: at(d1 - 2, 9) },
    ],
    [PROJECT],
  );
  const d2 = rng.int(18, 24);
  conversation(
    `${project} timeline review`,
    [
      { who: analyst, to: [me], cc: [lead], text: `Hi ${first(me)},\n\nAttached is the updated timeline. Milestone 2 slipped by a week because the data migration took longer than planned; everything after it moves accordingly.${sign(analyst)}`, at: at(d2, 9), attachments: [file(`${project}-timeline-v3.xlsx`, 30_000, 380_000)] },
      { who: me, text: `Thanks ${first(analyst)}. Does the slip affect the launch date, or do we absorb it in the buffer?${sign(me)}`, at: at(d2, 13) },
      { who: analyst, text: `We absorb it — the buffer drops from two weeks to one. I've flagged it in the risk log.${sign(analyst)}`, at: at(d2 - 1, 9) },
      { who: lead, text: `Thanks both. Let's keep a close eye on the migration in the next sync.${sign(lead)}`, at: at(d2 - 1, 12) },
    ],
    [PROJECT],
  );
  const d5 = rng.int(26, 29);
  conversation(
    `Vendor shortlist for ${project}`,
    [
      { who: me, to: [lead], cc: [finance], text: `Hi ${first(lead)},\n\nAs promised, the vendor shortlist with pricing is attached. My recommendation is the second option: best support terms, and within budget.${sign(me)}`, at: at(d5, 17), attachments: [file("vendor-shortlist.xlsx", 25_000, 120_000)] },
      { who: lead, text: `Thanks ${first(me)} — agree on option two. ${first(finance)}, anything that worries you on the payment terms?${sign(lead)}`, at: at(d5 - 1, 9) },
      { who: finance, text: `Net 30 is fine. Please make sure the contract caps the annual increase at 5%.${sign(finance)}`, at: at(d5 - 1, 11) },
      { who: me, text: `Will do — I'll ask for the cap in the redline and circulate the draft contract.${sign(me)}`, at: at(d5 - 1, 15) },
      { who: lead, text: `Perfect, thanks both.${sign(lead)}`, at: at(d5 - 2, 8) },
    ],
    [PROJECT],
  );
  const budget = rng.int(25, 60) * 1000;
  const d3 = rng.int(9, 14);
  conversation(
    `${project} budget draft v2`,
    [
      { who: finance, to: [me], cc: [lead], text: `Hi ${first(me)},\n\nHere is v2 of the ${project} budget: $${budget.toLocaleString("en-US")} in total, of which $${(budget * 0.4).toLocaleString("en-US")} for vendors. Could you confirm the vendor line by Thursday?${sign(finance)}`, at: at(d3, 15), attachments: [file(`${project}-budget-v2.xlsx`, 40_000, 300_000)], labels: ["IMPORTANT", "STARRED"] },
      { who: me, text: `Hi ${first(finance)}, the vendor line looks right. I'd add a 10% contingency on top.${sign(me)}`, at: at(d3 - 1, 10) },
      { who: finance, text: `Done — v3 will include the contingency. Thanks!${sign(finance)}`, at: at(d3 - 1, 16) },
    ],
    [PROJECT],
  );
  conversation(
    `Design specs for ${project}`,
    [
      { who: designer, to: [me, lead], text: `Hi both,\n\nAttached are the mockups and the spec for the ${project} dashboard. Feedback welcome before Wednesday's review.${sign(designer)}`, at: at(3, 11), attachments: [file(`${project}-mockups.png`, 600_000, 3_200_000), file(`${project}-spec.pdf`, 200_000, 1_500_000)] },
      { who: lead, text: `Looks great. Can we make the filters sticky between sessions?${sign(lead)}`, at: at(2, 9) },
      { who: designer, text: `Good call — updated in the attached spec (section 4.2).${sign(designer)}`, at: at(0, 8, rng.int(0, 40)), attachments: [file(`${project}-spec-v2.pdf`, 200_000, 1_500_000)], unread: true },
    ],
    [PROJECT],
  );

  // Meeting requests: some answered, some waiting for the user.
  const topics = rng.sample(TOPICS, 4);
  const askers = rng.sample([...team, ...outside.slice(0, 6)], 4);
  topics.forEach((topic, i) => {
    const who = askers[i] as Sender;
    const days = [12, 6, 1, 0][i] as number;
    const dayA = time.weekday(time.addDays(world.today, 2 + i)).replace(/^./, (c) => c.toUpperCase());
    const ask = `Hi ${first(me)},\n\nDo you have 30 minutes this week to go over ${topic}? I'm free ${dayA} afternoon or any morning.${sign(who)}`;
    if (i < 2) {
      conversation(`Meeting about ${topic}?`, [
        { who, text: ask, at: at(days, 10) },
        { who: me, text: `Hi ${first(who)}, ${dayA} at 14:00 works for me — I'll send an invite.${sign(me)}`, at: at(days, 12) },
        { who, text: `Great, see you then!${sign(who)}`, at: at(days, 13) },
      ]);
    } else {
      conversation(`Quick sync on ${topic}?`, [{ who, text: ask, at: at(days, i === 3 ? 8 : 15), unread: true, ...(team.includes(who) ? { labels: ["IMPORTANT"] } : {}) }]);
    }
  });

  // Invitations for upcoming calendar events the user has not answered yet.
  for (const inv of calendarInvitations(world).slice(0, 4)) {
    const organizer = world.people.find((p) => p.email === inv.organizer);
    if (!organizer) continue;
    single(
      person(organizer),
      `Invitation: ${inv.summary} @ ${inv.start.slice(0, 10)} ${inv.start.slice(11, 16)} (UTC)`,
      `${organizer.full_name} has invited you to "${inv.summary}".\n\nWhen: ${inv.start.slice(0, 10)} ${inv.start.slice(11, 16)}–${inv.end.slice(11, 16)} UTC\n${inv.location ? `Where: ${inv.location}\n` : ""}Calendar event: ${inv.event_id}\n\nGoing?  Yes · Maybe · No — answer in your calendar.\n\nInvitation from Google Calendar`,
      at(rng.int(0, 3), rng.int(7, 8)),
      { attachments: [file("invite.ics", 1_800, 4_000)], unread: true },
    );
  }

  // Receipts (the Receipts filter matches "receipt" in the subject).
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
    const when = at(rng.int(1, 40), rng.int(7, 21));
    single({ name, email }, subject, `Thanks for your purchase, ${first(me)}.\n\nTotal: $${amount}\nPaid with: Visa ending in ${card}\nDate: ${when.slice(0, 10)}\n\nKeep this email for your records.`, when, { unread: i % 3 === 0, ...(i % 2 === 0 ? { attachments: [file(`receipt-${rng.digits(6)}.pdf`, 30_000, 120_000)] } : {}) }, [RECEIPTS]);
  });

  // Travel: an upcoming trip.
  const home = world.cities.find((c) => c.name === user.address.city) ?? (world.cities[0] as (typeof world.cities)[number]);
  const dest = rng.pick(world.cities.filter((c) => c.name !== home.name));
  const tripDay = time.addDays(world.today, rng.int(10, 24));
  const code = Array.from({ length: 6 }, () => rng.pick("ABCDEFGHJKLMNPQRSTUVWXYZ23456789".split(""))).join("");
  single({ name: "Delta Air Lines", email: "deltaairlines@t.delta.com" }, `Your flight confirmation: ${home.airport} → ${dest.airport} on ${tripDay}`,
    `Hello ${first(me)},\n\nYour trip is confirmed. Confirmation code: ${code}\n\n${tripDay} DL${rng.int(100, 2999)} ${home.airport} 08:15 → ${dest.airport}\n${time.addDays(tripDay, 3)} DL${rng.int(100, 2999)} ${dest.airport} 17:40 → ${home.airport}\n\nSeat: ${rng.int(8, 34)}${rng.pick(["A", "C", "D", "F"])}  Fare: $${rng.money(280, 890).toFixed(2)}`,
    at(rng.int(5, 9), 19), { labels: ["IMPORTANT", "STARRED"], attachments: [file(`Delta-itinerary-${code}.pdf`, 60_000, 180_000)] }, [TRAVEL]);
  single({ name: "Marriott Bonvoy", email: "reservations@marriott.com" }, `Reservation confirmed: ${dest.name} Marriott Downtown`,
    `Dear ${me.name},\n\nWe look forward to welcoming you.\nCheck-in: ${tripDay}\nCheck-out: ${time.addDays(tripDay, 3)}\nConfirmation number: ${rng.digits(8)}\nRate: $${rng.int(189, 349)}.00 per night`,
    at(rng.int(4, 8), 20), {}, [TRAVEL]);
  single({ name: "Hertz", email: "reservations@hertz.com" }, `Your Hertz reservation at ${dest.airport}`,
    `Hi ${first(me)},\n\nYour car is reserved: pick-up ${tripDay} 10:00 at ${dest.airport}, return ${time.addDays(tripDay, 3)} 15:00. Vehicle: midsize SUV or similar.`,
    at(rng.int(2, 4), 18), { unread: true }, [TRAVEL]);

  // Newsletters (the Newsletters filter matches "newsletter" in the sender).
  const newsletterSources: Sender[] = [
    ...rng.sample(world.companies.filter((c) => c.name !== myCompany.name), 3).map((c) => ({ name: `${c.name}`, email: `newsletter@${c.domain}` })),
    { name: "Product Hunt Daily", email: "newsletter@producthunt.com" },
    { name: "The Morning Brief", email: "newsletter@morningbrief.news" },
    { name: "Hacker Newsletter", email: "newsletter@hackernewsletter.com" },
  ];
  // Weekly issues: three per source, a week apart.
  const newsletters = newsletterSources.flatMap((src, i) => {
    const offset = rng.int(0, 6);
    return [0, 1, 2].map((week) => {
      const days = offset + 7 * week + 7 * (i % 2);
      const headline = rng.pick(NEWSLETTER_HEADLINES);
      return single(src, `${src.name}: ${headline}`, `Hi ${first(me)},\n\nThis week: ${headline.toLowerCase()}, a customer story and upcoming events.\n\nRead online · Unsubscribe`, at(days, rng.int(6, 8)), { unread: days < 10 }, [NEWSLETTERS]);
    });
  });

  // Personal mail.
  const [f1, f2, f3] = rng.sample(friends.length >= 3 ? friends : outside, 3) as [Sender, Sender, Sender];
  const place = rng.pick(["the lake house", "Sarah's wedding", "the hiking trip", "the beach"]);
  conversation("Dinner Saturday?", [
    { who: f1, text: `Hey ${first(me)}! Are you free for dinner Saturday? Thinking of trying the new Thai place around 7.\n\n${first(f1)}`, at: at(4, 18) },
    { who: me, text: `Yes! 7 works. Should I book a table for four?\n\n${first(me)}`, at: at(4, 20) },
    { who: f1, text: `Perfect, please do. ${first(f2)} is coming too.\n\n${first(f1)}`, at: at(3, 8) },
    { who: me, text: `Booked: table for four at 7pm, under my name.\n\n${first(me)}`, at: at(2, 12) },
  ]);
  conversation(`Photos from ${place}`, [
    { who: f2, to: [me, f3], text: `Finally sorted the photos from ${place} — here are my favourites!\n\n${first(f2)}`, at: at(rng.int(8, 15), 21), attachments: [file("IMG_4012.jpg", 1_500_000, 4_500_000), file("IMG_4019.jpg", 1_500_000, 4_500_000), file("IMG_4033.jpg", 1_500_000, 4_500_000)], labels: ["STARRED"] },
    { who: f3, text: `These are amazing, thank you!!\n\n${first(f3)}`, at: at(rng.int(6, 7), 9) },
    { who: me, text: `Love the last one — framing it!\n\n${first(me)}`, at: at(5, 20) },
  ]);
  conversation("Book club: next pick", [
    { who: f3, to: [me, f1], text: `Hi both — my vote for next month is "The Ministry for the Future". Thoughts?\n\n${first(f3)}`, at: at(1, 19), unread: true },
    { who: f1, text: `I'm in! Same place, first Thursday?\n\n${first(f1)}`, at: at(1, 21), unread: true },
  ]);
  const lunch = conversation("Lunch this week?", [
    { who: f2, text: `Lunch Thursday? Usual spot at 12:30?\n\n${first(f2)}`, at: at(27, 9) },
    { who: me, text: `Can't this week, sorry — next week?\n\n${first(me)}`, at: at(27, 11) },
  ]);

  // Mail the user sent.
  const [c1, c2, c3] = rng.sample(outside.length >= 3 ? outside : team, 3) as [Sender, Sender, Sender];
  const invoiceDay = rng.int(6, 11);
  conversation(`Following up on invoice INV-${rng.int(2000, 9999)}`, [
    { who: me, to: [c1], text: `Hi ${first(c1)},\n\nFollowing up on the invoice we sent on the 3rd — could you confirm it's scheduled for payment?${sign(me)}`, at: at(invoiceDay, 10) },
    { who: c1, text: `Hi ${first(me)}, yes — it's scheduled for this Friday's payment run.${sign(c1)}`, at: at(invoiceDay - 1, 14) },
  ]);
  conversation(`Intro: ${first(c2)} <> ${first(c3)}`, [
    { who: me, to: [c2, c3], text: `Hi both,\n\n${first(c2)}, meet ${first(c3)} — ${first(c3)} leads ${c3.email.split("@")[1]}'s analytics work and has been through exactly the migration you're planning. I'll let you take it from here!${sign(me)}`, at: at(rng.int(15, 20), 16) },
    { who: c3, text: `Thanks ${first(me)}! ${first(c2)}, happy to chat — does Monday work?${sign(c3)}`, at: at(rng.int(13, 14), 9) },
    { who: c2, text: `Monday works — thanks for connecting us, ${first(me)}. (Moving you to bcc.)${sign(c2)}`, at: at(12, 10) },
  ]);
  const [k1] = rng.sample(outside.slice(3), 1) as [Sender];
  const renewal = rng.int(18, 90) * 1000;
  conversation(`Renewal proposal for ${k1.email.split("@")[1]}`, [
    { who: k1, text: `Hi ${first(me)},\n\nOur contract renews next month. Could you send over a renewal proposal? We'd like to add ten more seats.${sign(k1)}`, at: at(11, 15) },
    { who: me, to: [k1], cc: [finance], text: `Hi ${first(k1)},\n\nHappy to — proposal attached: $${renewal.toLocaleString("en-US")} per year including the ten extra seats, a 5% discount on a two-year term.${sign(me)}`, at: at(10, 11), attachments: [file("renewal-proposal.pdf", 90_000, 400_000)] },
    { who: k1, text: `Thanks! Could you do 8% on the two-year term? Then we can sign this month.${sign(k1)}`, at: at(7, 16) },
    { who: finance, text: `${first(me)}, 8% is within your approval limit if they sign by the 30th.${sign(finance)}`, at: at(7, 17) },
    { who: me, to: [k1], cc: [finance], text: `Hi ${first(k1)}, we can do 8% on a two-year term if we sign by the 30th. Updated proposal to follow.${sign(me)}`, at: at(6, 10) },
    { who: k1, text: `Great, thank you — we'll get it signed this week.${sign(k1)}`, at: at(4, 9), unread: true },
  ]);
  const callDay = rng.int(16, 22);
  conversation("Notes from today's call", [
    { who: me, to: [lead], cc: [analyst], text: `Hi ${first(lead)},\n\nNotes from today's call attached. Main decisions: keep scope as is, revisit the reporting export in phase two.${sign(me)}`, at: at(callDay, 17), attachments: [file("call-notes.docx", 20_000, 90_000)] },
    { who: lead, text: `Thanks — one correction: the export is phase two *and* needs a design review first.${sign(lead)}`, at: at(callDay - 1, 8) },
  ], [PROJECT]);

  // Company mail and hiring.
  const peopleOps: Sender = { name: `${myCompany.name} People Team`, email: `people@${myCompany.domain}` };
  single(peopleOps, "Reminder: benefits open enrollment closes Friday", `Hi all,\n\nOpen enrollment for next year's benefits closes this Friday at 17:00. Review your elections in the HR portal.\n\n— People Team`, at(5, 8), {});
  single(peopleOps, "Quarterly all-hands: agenda", `Hi all,\n\nThe quarterly all-hands is on the calendar. Agenda: results, product roadmap, Q&A. Send questions in advance to this address.\n\n— People Team`, at(17, 8), {});
  const candidates = rng.sample(outside, 2);
  candidates.forEach((cand, i) => {
    const role = i === 0 ? "Senior Data Analyst" : "Product Designer";
    conversation(`Candidate packet: ${cand.name} (${role})`, [
      { who: recruiter, text: `Hi ${first(me)},\n\nAttached is ${cand.name}'s packet for the ${role} role: resume and take-home. Your interview is on the calendar; please send feedback within 24 hours after.${sign(recruiter)}`, at: at(i === 0 ? 9 : 2, 14), attachments: [file(`${cand.name.replace(/ /g, "_")}_resume.pdf`, 60_000, 400_000)], unread: i === 1 },
      ...(i === 0 ? [{ who: me, text: `Thanks ${first(recruiter)}, I'll review it before the interview.${sign(me)}`, at: at(8, 9) }] : []),
    ], [HIRING]);
  });
  single({ name: "Google", email: "no-reply@accounts.google.com" }, "Security alert: new sign-in on Mac", `A new sign-in to your account ${me.email} was detected on a Mac (${home.name}). If this was you, you don't need to do anything. If not, secure your account now.`, at(2, 22), { labels: ["IMPORTANT"] });

  // Spam.
  const spam: Array<[Sender, string, string]> = [
    [{ name: "Rewards Center", email: "rewards@prize-center.biz" }, "Congratulations! You've been selected for a $1,000 gift card", "Claim your reward now — offer expires in 24 hours. Click here."],
    [{ name: "PayPal Security", email: "security@paypa1-alerts.com" }, "URGENT: verify your account information", "Your account has been limited. Verify your identity within 48 hours to avoid suspension."],
    [{ name: "Best Rates", email: "offers@best-rates-now.info" }, "Lowest mortgage rates of the year — act now", "Rates have never been lower. Pre-qualify in 60 seconds."],
  ];
  for (const [from, subject, text] of spam) {
    const m = single(from, subject, text, at(rng.int(0, 20), rng.int(0, 23)), { unread: true });
    m.label_ids = ["SPAM", "UNREAD"];
  }

  // Trash: an old newsletter and the old lunch exchange.
  const oldest = [...newsletters].sort((a, b) => (a.date < b.date ? -1 : 1))[0] as Message;
  for (const m of [oldest, ...lunch]) m.label_ids = [...m.label_ids.filter((l) => l !== "UNREAD"), "TRASH"];

  // Drafts.
  const manager = lead;
  const drafts: Draft[] = [];
  const designThread = threads.find((t) => t.subject.startsWith("Design specs"))!;
  const lastDesign = messages.filter((m) => m.thread_id === designThread.id).at(-1)!;
  drafts.push({
    id: id("drafts"), thread_id: designThread.id, in_reply_to: lastDesign.id, to: [designer.email], cc: [lead.email], bcc: [],
    subject: `Re: ${designThread.subject}`, body: `Hi ${first(designer)},\n\nThanks — the sticky filters look good. One small thing on`, attachments: [], created_at: at(0, 8, 50), updated_at: at(0, 8, 55),
  });
  const vacation = time.addDays(world.today, rng.int(30, 60));
  drafts.push({
    id: id("drafts"), to: [manager.email], cc: [], bcc: [], subject: "Time off request",
    body: `Hi ${first(manager)},\n\nI'd like to take ${vacation} to ${time.addDays(vacation, 4)} off. ${first(analyst)} has agreed to cover the ${project} syncs.\n\nThanks,\n${first(me)}`,
    attachments: [], created_at: at(2, 17), updated_at: at(1, 21),
  });
  drafts.push({ id: id("drafts"), to: [], cc: [], bcc: [], subject: "Notes for 1:1", body: "- vendor shortlist status\n- hiring: data analyst loop\n- conference budget", attachments: [], created_at: at(6, 12), updated_at: at(6, 12) });

  // Mail from the manager and the team lead that is still unread counts as important.
  for (const m of messages) if (m.from === manager.email && m.label_ids.includes("UNREAD") && !m.label_ids.includes("IMPORTANT")) m.label_ids.push("IMPORTANT");

  // Message ids follow the order mail arrived in, as a mailbox's would.
  messages.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const finalId = new Map(messages.map((m) => [m.id, id("messages")]));
  const rename = (x: string) => finalId.get(x) ?? x;
  for (const m of messages) {
    m.id = rename(m.id);
    if (m.in_reply_to) m.in_reply_to = rename(m.in_reply_to);
  }
  for (const d of drafts) if (d.in_reply_to) d.in_reply_to = rename(d.in_reply_to);
  return { labels, filters, threads, messages, drafts };
}
