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
  ["2026-01-01", "New Year's Day"], ["2026-01-19", "Martin Luther King Jr. Day"], ["2026-02-16", "Presidents' Day"],
  ["2026-05-25", "Memorial Day"], ["2026-06-19", "Juneteenth"], ["2026-07-03", "Independence Day (observed)"], ["2026-07-04", "Independence Day"],
  ["2026-09-07", "Labor Day"], ["2026-10-12", "Columbus Day"], ["2026-11-11", "Veterans Day"], ["2026-11-26", "Thanksgiving Day"],
  ["2026-12-24", "Christmas Eve"], ["2026-12-25", "Christmas Day"], ["2026-12-31", "New Year's Eve"], ["2027-01-01", "New Year's Day"],
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
    .filter((e) => e.start > world.now && e.organizer !== world.user.email && e.attendees.some((a) => a.email === world.user.email && a.response_status === "needsAction"))
    .sort((a, b) => (a.start < b.start ? -1 : 1))
    .map((e) => ({ event_id: e.id, summary: e.summary, start: e.start, end: e.end, location: e.location, organizer: e.organizer }));
}

export function planCalendar(world: World, id: (table: string) => string) {
  const rng = Rng.from(world.seed).fork("calendar-plan");
  const user = world.user;
  const me = user.email;
  const now = world.now;
  const today = world.today;
  const company: Company = world.companies.find((c) => c.name === user.company) ?? (world.companies[0] as Company);
  const team = workTeam(world);
  const [lead, , finance, , recruiter] = team;
  const colleagues = world.people.filter((p) => p.company === user.company);
  const outside = rng.shuffle(world.people.filter((p) => !team.includes(p)));
  const friends = world.people.filter((p) => p.email.endsWith("@mailbox.org") && !team.includes(p));
  const project = projectName(world);
  const byEmail = new Map(world.people.map((p) => [p.email, p]));

  // ---- rooms and calendars -----------------------------------------------------------------
  const roomNames = rng.sample(ROOM_NAMES, 5);
  const capacities = [4, 6, 8, 12, 20];
  const rooms: Room[] = roomNames.map((name, i) => ({
    id: id("rooms"),
    name,
    building: `${company.name} HQ`,
    floor: 2 + Math.floor(i / 2),
    capacity: capacities[i] as number,
    features: ["display", ...(i >= 1 ? ["video conferencing"] : []), ...(i % 2 === 0 ? ["whiteboard"] : []), ...(i === 4 ? ["stage", "microphones"] : [])],
    email: `room-${name.toLowerCase()}@${company.domain}`,
  }));
  const cal = (summary: string, description: string, owner: string, access_role: Calendar["access_role"], color: string, primary = false): Calendar => ({
    id: id("calendars"), summary, description, owner, access_role, primary, color, time_zone: "UTC",
  });
  const primary = cal(user.full_name, "Your primary calendar", me, "owner", "#4285F4", true);
  const teamCal = cal(`${company.name} Team`, `Shared calendar of the team; everyone on it can add and edit events. Owned by ${lead.full_name}.`, lead.email, "writer", "#0B8043");
  const holidays = cal("Holidays in United States", "Public holidays and observances in the United States (read-only)", HOLIDAY_CALENDAR_OWNER, "reader", "#009688");
  const personal = cal("Personal", "Appointments, social plans and errands", me, "owner", "#8E24AA");
  const leadCal = cal(lead.full_name, `${lead.full_name}'s calendar, shared with you read-only`, lead.email, "reader", "#F4511E");
  const calendars = [primary, teamCal, holidays, personal, leadCal];

  // ---- events ------------------------------------------------------------------------------
  const events: Event[] = [];
  const respond = (past: boolean, isUser: boolean): Response =>
    past
      ? rng.weighted<Response>([["accepted", 80], ["tentative", 8], ["declined", 8], ["needsAction", 4]])
      : isUser
        ? rng.weighted<Response>([["needsAction", 40], ["accepted", 45], ["tentative", 15]])
        : rng.weighted<Response>([["accepted", 55], ["needsAction", 25], ["tentative", 10], ["declined", 10]]);
  const attendeesOf = (organizer: string, invited: readonly string[], start: string): Attendee[] => {
    if (invited.length === 0) return [];
    const past = start < now;
    const list = [organizer, ...invited.filter((e) => e !== organizer)];
    return [...new Set(list)].map((email) => {
      const p = email === me ? user : byEmail.get(email);
      return { email, ...(p ? { name: p.full_name } : {}), response_status: email === organizer ? "accepted" : respond(past, email === me), optional: false };
    });
  };
  const reminders = (): Reminder[] => rng.weighted<Reminder[]>([[[{ method: "popup", minutes: 10 }], 70], [[{ method: "popup", minutes: 30 }, { method: "email", minutes: 1440 }], 20], [[], 10]]);
  const window = (e: Event) => occurrences(e, time.toMs(e.start) - time.DAY, time.toMs(e.start) + 400 * time.DAY);
  const roomFree = (roomId: string, start: string, end: string) =>
    !events.some((e) => e.room_id === roomId && occurrences(e, time.toMs(start), time.toMs(end)).length > 0);
  const userFree = (start: string, end: string) =>
    !events.some((e) => e.calendar_id !== holidays.id && e.calendar_id !== leadCal.id && (e.organizer === me || e.attendees.some((a) => a.email === me)) && occurrences(e, time.toMs(start), time.toMs(end)).length > 0);

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
  const add = (s: Spec): Event => {
    const end = time.addMinutes(s.start, s.minutes);
    const attendees = attendeesOf(s.organizer, s.invited ?? [], s.start);
    let room_id: string | undefined;
    const e: Event = {
      id: id("events"),
      calendar_id: s.calendar.id,
      summary: s.summary,
      description: s.description ?? "",
      location: s.location ?? "",
      start: s.start,
      end,
      all_day: s.all_day ?? false,
      organizer: s.organizer,
      attendees,
      ...(s.recurrence ? { recurrence: normalizeRule(s.recurrence, s.start) } : {}),
      cancelled_instances: [],
      reminders: s.all_day ? [] : reminders(),
      status: "confirmed",
      transparency: s.transparent ? "transparent" : "opaque",
      created_at: [time.addDays(s.start, -rng.int(2, 20)), time.addDays(now, -rng.int(1, 3))].sort()[0] as string,
      updated_at: "",
    };
    e.updated_at = e.created_at;
    if (s.room) {
      const need = Math.max(1, attendees.length);
      const spans = window(e);
      const room = rooms.find((r) => r.capacity >= need && spans.every((o) => roomFree(r.id, o.start, o.end)));
      if (room) {
        room_id = room.id;
        e.room_id = room_id;
        e.location = `${room.name}, ${room.building}, floor ${room.floor}`;
      }
    }
    events.push(e);
    return e;
  };
  const at = (date: string, hhmm: string) => `${date}T${hhmm}:00Z`;
  /** The first date on or after `from` that falls on `weekday` (0 = Sunday). */
  const onOrAfter = (from: string, weekday: number) => {
    let d = from;
    while (new Date(time.toMs(d)).getUTCDay() !== weekday) d = time.addDays(d, 1);
    return d;
  };
  const teamEmails = team.map((p) => p.email);

  // Recurring series.
  add({ calendar: teamCal, summary: "Daily standup", start: at(onOrAfter(time.addDays(today, -63), 1), "09:30"), minutes: 15, organizer: lead.email, invited: [...teamEmails, me], location: "Video call", recurrence: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" });
  const oneOnOneDay = rng.pick([2, 3, 4]);
  add({ calendar: primary, summary: `1:1 ${user.first_name} / ${lead.first_name}`, start: at(onOrAfter(time.addDays(today, -60), oneOnOneDay), "15:00"), minutes: 30, organizer: lead.email, invited: [me], recurrence: "FREQ=WEEKLY" });
  add({ calendar: teamCal, summary: "Sprint planning", start: at(onOrAfter(time.addDays(today, -42), 1), "10:00"), minutes: 60, organizer: me, invited: teamEmails, room: true, recurrence: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", description: `Plan the next two weeks of ${project} work. Bring your estimates.` });
  const allHandsDay = time.addDays(today, -rng.int(20, 27));
  add({ calendar: teamCal, summary: "Monthly all-hands", start: at(allHandsDay, "16:00"), minutes: 60, organizer: (colleagues[colleagues.length - 1] ?? lead).email, invited: [...teamEmails, me, ...outside.slice(0, 6).map((p) => p.email)], room: true, recurrence: "FREQ=MONTHLY;COUNT=12", description: "Company results, roadmap and Q&A." });
  add({ calendar: personal, summary: "Gym", start: at(onOrAfter(time.addDays(today, -35), 2), "07:00"), minutes: 60, organizer: me, location: "Equinox", recurrence: "FREQ=WEEKLY;BYDAY=TU,TH" });

  // One-off meetings over ±30 days, on weekdays within working hours.
  // Each template with how often it may occur in the two months (quarterly planning happens once).
  const templates: Array<(d: string) => Omit<Spec, "start">> = [
    () => ({ calendar: primary, summary: `Design review: ${project} dashboard`, minutes: 60, organizer: rng.pick([me, lead.email]), invited: rng.sample(teamEmails, 3).concat(me), room: true, description: "Walk through the latest mockups and agree on open questions." }),
    () => ({ calendar: teamCal, summary: `${project} sync`, minutes: 30, organizer: rng.pick([me, lead.email]), invited: rng.sample(teamEmails, 2).concat(me), location: "Video call" }),
    () => {
      const c = rng.pick(world.companies.filter((x) => x.name !== company.name));
      const contact = outside.find((p) => p.company === c.name) ?? rng.pick(outside);
      return { calendar: primary, summary: `Customer call — ${c.name}`, minutes: 45, organizer: me, invited: [contact.email], location: "Video call", description: `Quarterly check-in with ${contact.full_name} (${contact.job_title}).` };
    },
    () => {
      const cand = rng.pick(outside);
      return { calendar: primary, summary: `Interview: ${cand.full_name} (${rng.pick(["Senior Data Analyst", "Product Designer", "Backend Engineer"])})`, minutes: 60, organizer: recruiter.email, invited: [me, cand.email], room: true, description: "Structured interview; scorecard in the hiring tool." };
    },
    () => ({ calendar: primary, summary: `Budget review with ${finance.first_name}`, minutes: 60, organizer: finance.email, invited: [me, lead.email], room: true }),
    () => {
      const c = rng.pick(world.companies.filter((x) => x.name !== company.name));
      return { calendar: primary, summary: `Vendor demo: ${c.name}`, minutes: 45, organizer: me, invited: [rng.pick(outside).email, rng.pick(teamEmails)], location: "Video call" };
    },
    () => ({ calendar: teamCal, summary: "Quarterly planning", minutes: 90, organizer: lead.email, invited: [...teamEmails, me], room: true }),
    () => {
      const p = rng.pick([...outside, ...team]);
      return { calendar: primary, summary: `Coffee chat with ${p.first_name}`, minutes: 30, organizer: rng.pick([me, p.email]), invited: [me, p.email], location: "Café on the ground floor" };
    },
    () => ({ calendar: teamCal, summary: "Team retro", minutes: 60, organizer: rng.pick(teamEmails), invited: [...teamEmails, me], room: true }),
    () => ({ calendar: primary, summary: "Focus time", minutes: 120, organizer: me, description: "Heads-down work; no meetings." }),
    () => {
      const hire = rng.pick(outside);
      return { calendar: primary, summary: `Onboarding: ${hire.full_name}`, minutes: 60, organizer: me, invited: [hire.email], room: true, description: `Welcome ${hire.first_name}: tools, team rituals, first-week plan.` };
    },
  ];
  const days: string[] = [];
  for (let k = -30; k <= 30; k++) {
    const d = time.addDays(today, k);
    const wd = new Date(time.toMs(d)).getUTCDay();
    if (wd !== 0 && wd !== 6) days.push(d);
  }
  const maxUses = [4, 8, 8, 5, 2, 4, 1, 6, 2, 4, 3];
  const uses = templates.map(() => 0);
  for (const d of days) {
    for (let n = rng.int(1, 2); n > 0; n--) {
      const open = templates.map((_, i) => i).filter((i) => (uses[i] as number) < (maxUses[i] ?? 1));
      if (!open.length) break;
      const k = rng.pick(open);
      uses[k] = (uses[k] as number) + 1;
      const t = (templates[k] as (d: string) => Omit<Spec, "start">)(d);
      const minutes = t.minutes;
      for (let attempt = 0; attempt < 6; attempt++) {
        const slot = rng.int(0, Math.floor((8 * 60 - minutes) / 30)) * 30; // minutes after 09:00, ending by 17:00
        const start = time.addMinutes(`${d}T09:00:00Z`, slot);
        const end = time.addMinutes(start, minutes);
        if (start >= `${d}T09:30:00Z` && start < `${d}T09:45:00Z`) continue; // standup
        if (!userFree(start, end)) continue;
        add({ ...t, start });
        break;
      }
    }
  }
  // Lunches.
  for (const d of rng.sample(days, 4)) {
    const p = rng.pick([...friends, ...outside]);
    const start = `${d}T12:00:00Z`;
    if (userFree(start, time.addMinutes(start, 60))) add({ calendar: primary, summary: `Lunch with ${p.first_name}`, start, minutes: 60, organizer: me, invited: [p.email], location: rng.pick(RESTAURANTS) });
  }

  // The team lead's own meetings (their calendar is shared with the user read-only).
  for (const d of rng.sample(days, 6)) {
    const start = at(d, rng.pick(["11:00", "13:30", "14:00", "16:00"]));
    add({ calendar: leadCal, summary: rng.pick(["Leadership sync", "Board prep", "Hiring committee", `1:1 ${lead.first_name} / ${rng.pick(team.slice(1)).first_name}`, "Partner meeting"]), start, minutes: rng.pick([30, 60]), organizer: lead.email, invited: rng.sample([...teamEmails.slice(1), ...outside.slice(0, 5).map((p) => p.email)], 2) });
  }

  // Personal appointments, evenings and weekends.
  const friend = rng.pick(friends.length ? friends : outside);
  add({ calendar: personal, summary: "Dentist appointment", start: at(time.addDays(today, rng.int(3, 20)), "08:00"), minutes: 45, organizer: me, location: "Bright Smile Dental, 410 Market Street" });
  add({ calendar: personal, summary: `Dinner with ${friend.first_name}`, start: at(onOrAfter(time.addDays(today, 1), 6), "19:00"), minutes: 120, organizer: me, invited: [friend.email], location: rng.pick(RESTAURANTS) });
  add({ calendar: personal, summary: "Car service", start: at(time.addDays(today, -rng.int(5, 20)), "08:00"), minutes: 60, organizer: me, location: "Downtown Auto Care" });
  add({ calendar: personal, summary: `${friend.first_name}'s birthday party`, start: at(onOrAfter(time.addDays(today, rng.int(8, 20)), 6), "18:00"), minutes: 240, organizer: friend.email, invited: [me, ...rng.sample(friends, 3).map((p) => p.email)], location: `${friend.address.street}, ${friend.address.city}` });
  add({ calendar: personal, summary: "Pay rent", start: `${time.addDays(`${time.monthOf(time.addDays(today, 28))}-01`, 0)}T00:00:00Z`, minutes: 24 * 60, organizer: me, all_day: true, transparent: true });

  // Holidays: the whole year, all-day, free time.
  for (const [date, name] of HOLIDAYS_2026) {
    add({ calendar: holidays, summary: name, start: `${date}T00:00:00Z`, minutes: 24 * 60, organizer: HOLIDAY_CALENDAR_OWNER, all_day: true, transparent: true, description: "Public holiday" });
  }

  return { calendars, rooms, events };
}
