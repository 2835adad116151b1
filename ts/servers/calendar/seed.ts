/**
 * The user's calendars around the world's today: ±30 days of meetings with the world's people
 * (design reviews, customer calls, interviews, 1:1s, lunches), recurring series (a daily standup,
 * a weekly 1:1, biweekly sprint planning, a monthly all-hands, the gym), personal appointments,
 * the year's US holidays on a read-only calendar, a colleague's calendar shared read-only, and
 * five meeting rooms. Room bookings never overlap and the user is rarely double-booked; past
 * invitations are mostly answered, upcoming ones often still need an answer.
 *
 * The plan is a pure function of the world (its random stream is derived from the world's seed),
 * so the email domain can send the invitations for exactly these events: see
 * `calendarInvitations`.
 */
import { Rng, time, type Company, type Person, type SeedContext, type World } from "../framework/index.ts";
import { normalizeRule } from "./recurrence.ts";
import { occurrences, tables, type Attendee, type Calendar, type Event, type Reminder, type Response, type Room } from "./state.ts";

const ROOM_NAMES = ["Aurora", "Birch", "Cedar", "Delta", "Everest", "Fjord", "Granite", "Harbor", "Juniper", "Kestrel"] as const;
const PROJECTS = ["Atlas", "Orion", "Nimbus", "Helios", "Polaris", "Meridian"] as const;
const RESTAURANTS = ["Nopa", "Tartine Manufactory", "The Grove", "Blue Plate", "Zuni Café", "Little Star Pizza", "Souvla"] as const;
const HOLIDAYS_2026: ReadonlyArray<readonly [string, string]> = [
  ["2026-01-01", "New Year's Day"],
  ["2026-01-19", "Martin Luther King Jr. Day"],
  ["2026-02-16", "Presidents' Day"],
  ["2026-05-25", "Memorial Day"],
  ["2026-06-19", "Juneteenth"],
  ["2026-07-03", "Independence Day (observed)"],
  ["2026-07-04", "Independence Day"],
  ["2026-09-07", "Labor Day"],
  ["2026-10-12", "Columbus Day"],
  ["2026-11-11", "Veterans Day"],
  ["2026-11-26", "Thanksgiving Day"],
  ["2026-12-24", "Christmas Eve"],
  ["2026-12-25", "Christmas Day"],
  ["2026-12-31", "New Year's Eve"],
  ["2027-01-01", "New Year's Day"],
];
export const HOLIDAY_CALENDAR_OWNER = "en.usa#holiday@group.v.calendar.google.com";

/** Ids in the format the session mints them (prefix + sequence from 10^(digits-1)+1), for replaying the plan outside a session. */
function localIds(): (table: string) => string {
  const next = new Map<string, number>();
  return (name) => {
    const def = tables[name as keyof typeof tables];
    const seq = (next.get(name) ?? 10 ** (def.idDigits - 1)) + 1;
    next.set(name, seq);
    return `${def.idPrefix}${String(seq).padStart(def.idDigits, "0")}`;
  };
}

/**
 * The user's team, the same in every domain of a seed: their colleagues at the same company
 * first (the team lead, an analyst, a finance partner), then people from partner companies
 * (a designer, a recruiter). Order: [lead, analyst, finance, designer, recruiter].
 */
export function workTeam(world: World): [Person, Person, Person, Person, Person] {
  const colleagues = world.people.filter((p) => p.company === world.user.company).slice(0, 3);
  const partners = world.people.filter((p) => p.company !== world.user.company);
  return [...colleagues, ...partners].slice(0, 5) as [Person, Person, Person, Person, Person];
}

/** The code name of the project the user's team works on, shared by mail and calendar. */
export function projectName(world: World): string {
  return Rng.from(world.seed).fork("project").pick(PROJECTS);
}

export function seedCalendar(ctx: SeedContext) {
  return planCalendar(ctx.world, ctx.id);
}

export interface Invitation {
  event_id: string;
  summary: string;
  start: string;
  end: string;
  location: string;
  organizer: string;
}

/** Upcoming events organised by someone else that the user has not answered, soonest first. */
export function calendarInvitations(world: World): Invitation[] {
  const { events } = planCalendar(world, localIds());
  return events
    .filter(
      (e) =>
        e.start > world.now && e.organizer !== world.user.email && e.attendees.some((a) => a.email === world.user.email && a.response_status === "needsAction"),
    )
    .sort((a, b) => (a.start < b.start ? -1 : 1))
    .map((e) => ({ event_id: e.id, summary: e.summary, start: e.start, end: e.end, location: e.location, organizer: e.organizer }));
}

export function planCalendar(world: World, id: (table: string) => string) {
  const p = new Planner(world, id);
  p.recurringSeries();
  p.oneOffMeetings();
  p.lunches();
  p.leadMeetings();
  p.personalAppointments();
  p.holidays();
  p.leaveSoonestInvitationOpen();
  return { calendars: p.calendars, rooms: p.rooms, events: p.events };
}

/** What an event is, before the planner gives it attendees' answers, reminders and a room. */
interface Spec {
  calendar: Calendar;
  summary: string;
  start: string;
  minutes: number;
  organizer: string;
  invited?: string[];
  location?: string;
  description?: string;
  room?: boolean;
  recurrence?: string;
  all_day?: boolean;
  transparent?: boolean;
}

const at = (date: string, hhmm: string) => `${date}T${hhmm}:00Z`;

/** The first date on or after `from` that falls on `weekday` (0 = Sunday). */
function onOrAfter(from: string, weekday: number): string {
  let d = from;
  while (new Date(time.toMs(d)).getUTCDay() !== weekday) d = time.addDays(d, 1);
  return d;
}

/**
 * Builds the calendar table by table: rooms and calendars first, then events in the order that
 * keeps them consistent: series, then one-off meetings that fit around them (never clashing with
 * the user's other meetings, rooms never double-booked), then lunches, the lead's own meetings,
 * personal appointments and the year's holidays.
 */
class Planner {
  readonly rng: Rng;
  readonly me: string;
  readonly company: Company;
  readonly team: [Person, Person, Person, Person, Person];
  readonly teamEmails: string[];
  readonly outside: Person[];
  readonly friends: Person[];
  readonly project: string;
  readonly rooms: Room[];
  readonly calendars: Calendar[];
  readonly events: Event[] = [];
  /** Weekdays within ±30 days of today. */
  readonly days: string[];

  constructor(
    readonly world: World,
    private readonly id: (table: string) => string,
  ) {
    this.rng = Rng.from(world.seed).fork("calendar-plan");
    this.me = world.user.email;
    this.company = world.companies.find((c) => c.name === world.user.company) ?? (world.companies[0] as Company);
    this.team = workTeam(world);
    this.teamEmails = this.team.map((p) => p.email);
    this.outside = this.rng.shuffle(world.people.filter((p) => !this.team.includes(p)));
    this.friends = world.people.filter((p) => p.email.endsWith("@mailbox.org") && !this.team.includes(p));
    this.project = projectName(world);
    this.rooms = this.seedRooms();
    this.calendars = this.seedCalendars();
    this.days = [];
    for (let k = -30; k <= 30; k++) {
      const d = time.addDays(world.today, k);
      if (!time.isWeekend(d)) this.days.push(d);
    }
  }

  get primary(): Calendar {
    return this.calendars[0] as Calendar;
  }
  get teamCal(): Calendar {
    return this.calendars[1] as Calendar;
  }
  get holidayCal(): Calendar {
    return this.calendars[2] as Calendar;
  }
  get personal(): Calendar {
    return this.calendars[3] as Calendar;
  }
  get leadCal(): Calendar {
    return this.calendars[4] as Calendar;
  }

  /** Five rooms at the company's HQ, from a 4-seat huddle room to a 20-seat one with a stage. */
  private seedRooms(): Room[] {
    const capacities = [4, 6, 8, 12, 20];
    return this.rng.sample(ROOM_NAMES, 5).map((name, i) => ({
      id: this.id("rooms"),
      name,
      building: `${this.company.name} HQ`,
      floor: 2 + Math.floor(i / 2),
      capacity: capacities[i] as number,
      features: ["display", ...(i >= 1 ? ["video conferencing"] : []), ...(i % 2 === 0 ? ["whiteboard"] : []), ...(i === 4 ? ["stage", "microphones"] : [])],
      email: `room-${name.toLowerCase()}@${this.company.domain}`,
    }));
  }

  /** The user's primary and personal calendars, the team's shared one, US holidays and the lead's, both read-only. */
  private seedCalendars(): Calendar[] {
    const lead = this.team[0];
    const cal = (summary: string, description: string, owner: string, access_role: Calendar["access_role"], color: string, primary = false): Calendar => ({
      id: this.id("calendars"),
      summary,
      description,
      owner,
      access_role,
      primary,
      color,
      time_zone: "UTC",
    });
    return [
      cal(this.world.user.full_name, "Your primary calendar", this.me, "owner", "#4285F4", true),
      cal(
        `${this.company.name} Team`,
        `Shared calendar of the team; everyone on it can add and edit events. Owned by ${lead.full_name}.`,
        lead.email,
        "writer",
        "#0B8043",
      ),
      cal("Holidays in United States", "Public holidays and observances in the United States (read-only)", HOLIDAY_CALENDAR_OWNER, "reader", "#009688"),
      cal("Personal", "Appointments, social plans and errands", this.me, "owner", "#8E24AA"),
      cal(lead.full_name, `${lead.full_name}'s calendar, shared with you read-only`, lead.email, "reader", "#F4511E"),
    ];
  }

  /** How an invitee has answered: past invitations are mostly answered, upcoming ones to the user often not yet. */
  private respond(past: boolean, isUser: boolean): Response {
    const { rng } = this;
    if (past)
      return rng.weighted<Response>([
        ["accepted", 80],
        ["tentative", 8],
        ["declined", 8],
        ["needsAction", 4],
      ]);
    if (isUser)
      return rng.weighted<Response>([
        ["needsAction", 40],
        ["accepted", 45],
        ["tentative", 15],
      ]);
    return rng.weighted<Response>([
      ["accepted", 55],
      ["needsAction", 25],
      ["tentative", 10],
      ["declined", 10],
    ]);
  }

  private attendeesOf(organizer: string, invited: readonly string[], start: string): Attendee[] {
    if (invited.length === 0) return [];
    const byEmail = new Map(this.world.people.map((p) => [p.email, p]));
    return [...new Set([organizer, ...invited])].map((email) => {
      const p = email === this.me ? this.world.user : byEmail.get(email);
      return {
        email,
        ...(p ? { name: p.full_name } : {}),
        response_status: email === organizer ? "accepted" : this.respond(start < this.world.now, email === this.me),
        optional: false,
      };
    });
  }

  private reminders(): Reminder[] {
    return this.rng.weighted<Reminder[]>([
      [[{ method: "popup", minutes: 10 }], 70],
      [
        [
          { method: "popup", minutes: 30 },
          { method: "email", minutes: 1440 },
        ],
        20,
      ],
      [[], 10],
    ]);
  }

  /** Whether nothing the user takes part in (on their own or the team's calendars) overlaps [start, end). */
  userFree(start: string, end: string): boolean {
    const theirs = (e: Event) =>
      e.calendar_id !== this.holidayCal.id && e.calendar_id !== this.leadCal.id && (e.organizer === this.me || e.attendees.some((a) => a.email === this.me));
    return !this.events.some((e) => theirs(e) && occurrences(e, time.toMs(start), time.toMs(end)).length > 0);
  }

  /** The smallest room that seats everyone and is free at every occurrence of `e`, if any. */
  private freeRoom(e: Event): Room | undefined {
    const spans = occurrences(e, time.toMs(e.start) - time.DAY, time.toMs(e.start) + 400 * time.DAY);
    const free = (roomId: string, o: { start: string; end: string }) =>
      !this.events.some((x) => x.room_id === roomId && occurrences(x, time.toMs(o.start), time.toMs(o.end)).length > 0);
    return this.rooms.find((r) => r.capacity >= Math.max(1, e.attendees.length) && spans.every((o) => free(r.id, o)));
  }

  add(s: Spec): Event {
    const { rng } = this;
    const e: Event = {
      id: this.id("events"),
      calendar_id: s.calendar.id,
      summary: s.summary,
      description: s.description ?? "",
      location: s.location ?? "",
      start: s.start,
      end: time.addMinutes(s.start, s.minutes),
      all_day: s.all_day ?? false,
      organizer: s.organizer,
      attendees: this.attendeesOf(s.organizer, s.invited ?? [], s.start),
      ...(s.recurrence ? { recurrence: normalizeRule(s.recurrence, s.start) } : {}),
      cancelled_instances: [],
      reminders: s.all_day ? [] : this.reminders(),
      status: "confirmed",
      transparency: s.transparent ? "transparent" : "opaque",
      created_at: [time.addDays(s.start, -rng.int(2, 20)), time.addDays(this.world.now, -rng.int(1, 3))].sort()[0] as string,
      updated_at: "",
    };
    e.updated_at = e.created_at;
    const room = s.room ? this.freeRoom(e) : undefined;
    if (room) Object.assign(e, { room_id: room.id, location: `${room.name}, ${room.building}, floor ${room.floor}` });
    this.events.push(e);
    return e;
  }

  /** A daily standup, a weekly 1:1 with the lead, biweekly sprint planning, a monthly all-hands and the gym twice a week. */
  recurringSeries(): void {
    const { rng, world, me, teamEmails, team } = this;
    const [lead] = team;
    const today = world.today;
    const colleagues = world.people.filter((p) => p.company === world.user.company);
    this.add({
      calendar: this.teamCal,
      summary: "Daily standup",
      start: at(onOrAfter(time.addDays(today, -63), 1), "09:30"),
      minutes: 15,
      organizer: lead.email,
      invited: [...teamEmails, me],
      location: "Video call",
      recurrence: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    });
    const oneOnOneDay = rng.pick([2, 3, 4]);
    this.add({
      calendar: this.primary,
      summary: `1:1 ${world.user.first_name} / ${lead.first_name}`,
      start: at(onOrAfter(time.addDays(today, -60), oneOnOneDay), "15:00"),
      minutes: 30,
      organizer: lead.email,
      invited: [me],
      recurrence: "FREQ=WEEKLY",
    });
    this.add({
      calendar: this.teamCal,
      summary: "Sprint planning",
      start: at(onOrAfter(time.addDays(today, -42), 1), "10:00"),
      minutes: 60,
      organizer: me,
      invited: teamEmails,
      room: true,
      recurrence: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
      description: `Plan the next two weeks of ${this.project} work. Bring your estimates.`,
    });
    const allHandsDay = time.addDays(today, -rng.int(20, 27));
    this.add({
      calendar: this.teamCal,
      summary: "Monthly all-hands",
      start: at(allHandsDay, "16:00"),
      minutes: 60,
      organizer: (colleagues[colleagues.length - 1] ?? lead).email,
      invited: [...teamEmails, me, ...this.outside.slice(0, 6).map((p) => p.email)],
      room: true,
      recurrence: "FREQ=MONTHLY;COUNT=12",
      description: "Company results, roadmap and Q&A.",
    });
    this.add({
      calendar: this.personal,
      summary: "Gym",
      start: at(onOrAfter(time.addDays(today, -35), 2), "07:00"),
      minutes: 60,
      organizer: me,
      location: "Equinox",
      recurrence: "FREQ=WEEKLY;BYDAY=TU,TH",
    });
  }

  /** Each kind of one-off meeting, with how often it may occur in the two months (quarterly planning happens once). */
  private meetingKinds(): Array<[max: number, make: () => Omit<Spec, "start">]> {
    return [...this.projectMeetings(), ...this.companyMeetings()];
  }

  /** A company other than the user's, for customer calls and vendor demos. */
  private otherCompany() {
    return this.rng.pick(this.world.companies.filter((x) => x.name !== this.company.name));
  }

  /** Meetings about the project and its people: reviews, syncs, customers, interviews, the budget. */
  private projectMeetings(): Array<[max: number, make: () => Omit<Spec, "start">]> {
    const { rng, me, teamEmails, outside, project, primary, teamCal } = this;
    const [lead, , finance, , recruiter] = this.team;
    const other = () => this.otherCompany();
    return [
      [
        4,
        () => ({
          calendar: primary,
          summary: `Design review: ${project} dashboard`,
          minutes: 60,
          organizer: rng.pick([me, lead.email]),
          invited: rng.sample(teamEmails, 3).concat(me),
          room: true,
          description: "Walk through the latest mockups and agree on open questions.",
        }),
      ],
      [
        8,
        () => ({
          calendar: teamCal,
          summary: `${project} sync`,
          minutes: 30,
          organizer: rng.pick([me, lead.email]),
          invited: rng.sample(teamEmails, 2).concat(me),
          location: "Video call",
        }),
      ],
      [
        8,
        () => {
          const c = other();
          const contact = outside.find((p) => p.company === c.name) ?? rng.pick(outside);
          return {
            calendar: primary,
            summary: `Customer call — ${c.name}`,
            minutes: 45,
            organizer: me,
            invited: [contact.email],
            location: "Video call",
            description: `Quarterly check-in with ${contact.full_name} (${contact.job_title}).`,
          };
        },
      ],
      [
        5,
        () => {
          const cand = rng.pick(outside);
          return {
            calendar: primary,
            summary: `Interview: ${cand.full_name} (${rng.pick(["Senior Data Analyst", "Product Designer", "Backend Engineer"])})`,
            minutes: 60,
            organizer: recruiter.email,
            invited: [me, cand.email],
            room: true,
            description: "Structured interview; scorecard in the hiring tool.",
          };
        },
      ],
      [
        2,
        () => ({
          calendar: primary,
          summary: `Budget review with ${finance.first_name}`,
          minutes: 60,
          organizer: finance.email,
          invited: [me, lead.email],
          room: true,
        }),
      ],
    ];
  }

  /** The rest of a working month: vendor demos, planning, coffee chats, retros, focus time, onboarding. */
  private companyMeetings(): Array<[max: number, make: () => Omit<Spec, "start">]> {
    const { rng, me, teamEmails, outside, primary, teamCal } = this;
    const [lead] = this.team;
    const other = () => this.otherCompany();
    return [
      [
        4,
        () => ({
          calendar: primary,
          summary: `Vendor demo: ${other().name}`,
          minutes: 45,
          organizer: me,
          invited: [rng.pick(outside).email, rng.pick(teamEmails)],
          location: "Video call",
        }),
      ],
      [1, () => ({ calendar: teamCal, summary: "Quarterly planning", minutes: 90, organizer: lead.email, invited: [...teamEmails, me], room: true })],
      [
        6,
        () => {
          const p = rng.pick([...outside, ...this.team]);
          return {
            calendar: primary,
            summary: `Coffee chat with ${p.first_name}`,
            minutes: 30,
            organizer: rng.pick([me, p.email]),
            invited: [me, p.email],
            location: "Café on the ground floor",
          };
        },
      ],
      [2, () => ({ calendar: teamCal, summary: "Team retro", minutes: 60, organizer: rng.pick(teamEmails), invited: [...teamEmails, me], room: true })],
      [4, () => ({ calendar: primary, summary: "Focus time", minutes: 120, organizer: me, description: "Heads-down work; no meetings." })],
      [
        3,
        () => {
          const hire = rng.pick(outside);
          return {
            calendar: primary,
            summary: `Onboarding: ${hire.full_name}`,
            minutes: 60,
            organizer: me,
            invited: [hire.email],
            room: true,
            description: `Welcome ${hire.first_name}: tools, team rituals, first-week plan.`,
          };
        },
      ],
    ];
  }

  /**
   * One or two meetings a weekday over ±30 days, within working hours, around the standup and the
   * user's other meetings. Days are visited in random order, so each kind's quota spreads over the
   * past and the coming weeks alike.
   */
  oneOffMeetings(): void {
    const { rng } = this;
    const kinds = this.meetingKinds();
    const uses = kinds.map(() => 0);
    for (const d of rng.shuffle(this.days)) {
      for (let n = rng.int(1, 2); n > 0; n--) {
        const open = kinds.map((_, i) => i).filter((i) => (uses[i] as number) < kinds[i]![0]);
        if (!open.length) break;
        const k = rng.pick(open);
        uses[k] = (uses[k] as number) + 1;
        const t = kinds[k]![1]();
        for (let attempt = 0; attempt < 6; attempt++) {
          const start = time.addMinutes(`${d}T09:00:00Z`, rng.int(0, Math.floor((8 * 60 - t.minutes) / 30)) * 30);
          if (start >= `${d}T09:30:00Z` && start < `${d}T09:45:00Z`) continue; // the standup
          if (!this.userFree(start, time.addMinutes(start, t.minutes))) continue;
          this.add({ ...t, start });
          break;
        }
      }
    }
  }

  /** Four lunches with friends or contacts, when the user is free at noon. */
  lunches(): void {
    for (const d of this.rng.sample(this.days, 4)) {
      const p = this.rng.pick([...this.friends, ...this.outside]);
      const start = `${d}T12:00:00Z`;
      if (this.userFree(start, time.addMinutes(start, 60)))
        this.add({
          calendar: this.primary,
          summary: `Lunch with ${p.first_name}`,
          start,
          minutes: 60,
          organizer: this.me,
          invited: [p.email],
          location: this.rng.pick(RESTAURANTS),
        });
    }
  }

  /** The team lead's own meetings, on their calendar that the user sees read-only. */
  leadMeetings(): void {
    const { rng, team, teamEmails, outside } = this;
    const [lead] = team;
    for (const d of rng.sample(this.days, 6)) {
      const summary = rng.pick([
        "Leadership sync",
        "Board prep",
        "Hiring committee",
        `1:1 ${lead.first_name} / ${rng.pick(team.slice(1)).first_name}`,
        "Partner meeting",
      ]);
      this.add({
        calendar: this.leadCal,
        summary,
        start: at(d, rng.pick(["11:00", "13:30", "14:00", "16:00"])),
        minutes: rng.pick([30, 60]),
        organizer: lead.email,
        invited: rng.sample([...teamEmails.slice(1), ...outside.slice(0, 5).map((p) => p.email)], 2),
      });
    }
  }

  /** Personal appointments, early mornings, evenings and weekends, and rent as an all-day reminder. */
  personalAppointments(): void {
    const { rng, world, me, friends, outside, personal } = this;
    const today = world.today;
    const friend = rng.pick(friends.length ? friends : outside);
    this.add({
      calendar: personal,
      summary: "Dentist appointment",
      start: at(time.addDays(today, rng.int(3, 20)), "08:00"),
      minutes: 45,
      organizer: me,
      location: "Bright Smile Dental, 410 Market Street",
    });
    this.add({
      calendar: personal,
      summary: `Dinner with ${friend.first_name}`,
      start: at(onOrAfter(time.addDays(today, 1), 6), "19:00"),
      minutes: 120,
      organizer: me,
      invited: [friend.email],
      location: rng.pick(RESTAURANTS),
    });
    this.add({
      calendar: personal,
      summary: "Car service",
      start: at(time.addDays(today, -rng.int(5, 20)), "08:00"),
      minutes: 60,
      organizer: me,
      location: "Downtown Auto Care",
    });
    this.add({
      calendar: personal,
      summary: `${friend.first_name}'s birthday party`,
      start: at(onOrAfter(time.addDays(today, rng.int(8, 20)), 6), "18:00"),
      minutes: 240,
      organizer: friend.email,
      invited: [me, ...rng.sample(friends, 3).map((p) => p.email)],
      location: `${friend.address.street}, ${friend.address.city}`,
    });
    this.add({
      calendar: personal,
      summary: "Pay rent",
      start: `${time.monthOf(time.addDays(today, 28))}-01T00:00:00Z`,
      minutes: 24 * 60,
      organizer: me,
      all_day: true,
      transparent: true,
    });
  }

  /** The soonest upcoming invitation from someone else still waits for the user's answer (the one their mailbox shows). */
  leaveSoonestInvitationOpen(): void {
    const invited = this.events
      .filter((e) => e.start > this.world.now && e.organizer !== this.me && e.attendees.some((a) => a.email === this.me))
      .sort((a, b) => (a.start < b.start ? -1 : 1))[0];
    if (invited) invited.attendees = invited.attendees.map((a) => (a.email === this.me ? { ...a, response_status: "needsAction" } : a));
  }

  /** The year's US public holidays: all-day, shown as free. */
  holidays(): void {
    for (const [date, name] of HOLIDAYS_2026) {
      this.add({
        calendar: this.holidayCal,
        summary: name,
        start: `${date}T00:00:00Z`,
        minutes: 24 * 60,
        organizer: HOLIDAY_CALENDAR_OWNER,
        all_day: true,
        transparent: true,
        description: "Public holiday",
      });
    }
  }
}
