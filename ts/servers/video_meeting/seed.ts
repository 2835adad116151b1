/**
 * A month of the user's video meetings: past ones (ended, a few cancelled) with attendance and
 * cloud recordings with transcripts, three weeks of upcoming ones, one the user is hosting right
 * now (people in the meeting and in the waiting room) and one a colleague is hosting right now.
 * About two thirds are hosted by the user; in the rest the user is an invited attendee. Apart
 * from the two live meetings, the user's meetings never overlap.
 */
import { time, type Person, type Rng, type SeedContext } from "../framework/index.ts";
import type { Meeting, Participant, Recording } from "./state.ts";
import { JOIN_BASE } from "./state.ts";
import { buildTranscript } from "./transcript.ts";

type Who = Pick<Person, "full_name" | "email" | "first_name" | "company" | "job_title">;

const TOPICS: ReadonlyArray<(c: { other: Who; company: string; q: number }) => { topic: string; agenda: string; solo?: boolean }> = [
  () => ({ topic: "Weekly team sync", agenda: "Updates, blockers, priorities for the week" }),
  (c) => ({ topic: `Q${c.q} planning`, agenda: "Goals, owners and milestones for the quarter" }),
  () => ({ topic: "Design review: onboarding flow", agenda: "Walk through the new mocks and decide on the direction" }),
  () => ({ topic: "Sprint retro", agenda: "What went well, what didn't, action items" }),
  (c) => ({ topic: `1:1 with ${c.other.first_name}`, agenda: "Career goals, feedback, workload", solo: true }),
  (c) => ({ topic: `Customer call — ${c.company}`, agenda: "Requirements, timeline and pricing" }),
  (c) => ({ topic: `Hiring debrief: ${c.other.job_title}`, agenda: "Interview feedback and hire decision" }),
  () => ({ topic: "Roadmap review", agenda: "Review the H2 roadmap draft" }),
  () => ({ topic: "Project kickoff: data platform", agenda: "Scope, team, first milestones" }),
  () => ({ topic: "Product demo", agenda: "Demo of the new reporting features" }),
  () => ({ topic: "Budget check-in", agenda: "Spend vs plan, next quarter asks" }),
];

const WORK_HOURS = [13, 14, 15, 16, 17, 18, 19, 20] as const;

/** n distinct meeting starts on a day, in time order, on the hour or half hour. */
function startsOn(date: string, n: number, rng: Rng): string[] {
  const slots = WORK_HOURS.flatMap((h) => [`${String(h).padStart(2, "0")}:00`, `${String(h).padStart(2, "0")}:30`]);
  return rng
    .sample(slots, n)
    .sort()
    .map((hhmm) => `${date}T${hhmm}:00Z`);
}

export function seedVideoMeeting(ctx: SeedContext) {
  const c = new MeetingCalendar(ctx);
  c.pastMonth();
  c.rightNow();
  c.nextWeeks();
  return { meetings: c.meetings, participants: c.participants, recordings: c.recordings() };
}

type LiveKind = "mine" | "theirs";

/**
 * The user's meetings, built in time order: the past month (ended, a few cancelled, with
 * attendance and recordings), the two meetings live right now, and three weeks ahead. A day's
 * meetings are laid out one after another, so the user is never booked twice at once.
 */
class MeetingCalendar {
  readonly meetings: Meeting[] = [];
  readonly participants: Participant[] = [];
  private readonly recordingRows: Recording[] = [];
  /** When the user's last meeting ends. */
  private busyUntil = "";

  constructor(private readonly ctx: SeedContext) {}

  private get rng() {
    return this.ctx.rng;
  }

  /** Most weekdays of the past month have a meeting or two; about one in eight was cancelled. */
  pastMonth(): void {
    for (let d = 30; d >= 1; d--) {
      const date = time.addDays(this.ctx.world.today, -d);
      if (time.isWeekend(date)) continue;
      for (const start of startsOn(date, this.rng.bool(0.85) ? (this.rng.bool(0.35) ? 2 : 1) : 0, this.rng))
        this.add(start, this.rng.bool(0.12) ? "cancelled" : "ended");
    }
  }

  /** The user's live meeting (20 minutes in, a waiting room with people in it) and a colleague's (10 minutes in, the user invited but not there). */
  rightNow(): void {
    const now = this.ctx.world.now;
    const mine = this.make(time.addMinutes(now, -20), "started", { hostIsUser: true, live: "mine" });
    this.fillRoom(mine);
    this.make(time.addMinutes(now, -10), "started", { hostIsUser: false, live: "theirs" });
    this.busyUntil = this.meetings.filter((m) => m.status === "started").reduce((t, m) => later(t, time.addMinutes(m.start_time, m.duration)), now);
  }

  /** Most weekdays of the next three weeks have a meeting or two, none starting before now. */
  nextWeeks(): void {
    for (let d = 0; d <= 21; d++) {
      const date = time.addDays(this.ctx.world.today, d);
      if (time.isWeekend(date)) continue;
      for (const start of startsOn(date, this.rng.bool(0.7) ? (this.rng.bool(0.25) ? 2 : 1) : 0, this.rng)) this.add(start, "scheduled");
    }
  }

  /** A meeting at `start` unless the user is still in another one (or it would start in the past). */
  private add(start: string, status: Meeting["status"]): void {
    if (start < this.busyUntil || (status === "scheduled" && start <= this.ctx.world.now)) return;
    const m = this.make(start, status);
    this.busyUntil = time.addMinutes(m.ended_at ?? m.start_time, m.ended_at ? 0 : m.duration);
  }

  /** Topic, host and invitees: a 1:1 is between the host and the person its topic names (the user when a colleague hosts it); a colleague's meeting always invites the user. */
  private plan(start: string, opts: { hostIsUser?: boolean; live?: LiveKind }) {
    const { rng } = this;
    const { user, people, companies } = this.ctx.world;
    const hostIsUser = opts.hostIsUser ?? rng.bool(0.65);
    const host: Who = hostIsUser ? user : rng.pick(people);
    const others = people.filter((p) => p.email !== host.email);
    const topicCtx = {
      other: rng.pick(others),
      company: rng.pick(companies.filter((c) => c.name !== user.company)).name,
      q: Math.ceil(Number(start.slice(5, 7)) / 3),
    };
    let plan = rng.pick(TOPICS)(topicCtx);
    // A live meeting needs a crowd (people in and in the waiting room): no 1:1s.
    while (opts.live && plan.solo) plan = rng.pick(TOPICS)(topicCtx);
    if (plan.solo && !hostIsUser) plan = rng.pick(TOPICS.filter((t) => t({ ...topicCtx, other: user }).solo))({ ...topicCtx, other: user });
    const invitees: Who[] = plan.solo ? [hostIsUser ? topicCtx.other : user] : rng.sample(others, rng.int(2, 6));
    if (!hostIsUser && !invitees.some((p) => p.email === user.email)) invitees.unshift(user);
    return { host, invitees, plan };
  }

  private make(start: string, status: Meeting["status"], opts: { hostIsUser?: boolean; live?: LiveKind } = {}): Meeting {
    const { rng } = this;
    const { user, now } = this.ctx.world;
    const { host, invitees, plan } = this.plan(start, opts);
    const number = `8${rng.digits(10)}`;
    const duration = plan.solo ? rng.pick([25, 30]) : rng.pick([15, 30, 45, 60, 60, 90]);
    const m: Meeting = {
      id: this.ctx.id("meetings"),
      meeting_number: number,
      topic: plan.topic,
      agenda: plan.agenda,
      host_email: host.email,
      host_name: host.full_name,
      start_time: start,
      duration,
      status,
      join_url: `${JOIN_BASE}${number}`,
      passcode: rng.pick([rng.digits(6), `${rng.hex(3)}${rng.digits(3)}`]),
      waiting_room: opts.live === "mine" ? true : rng.bool(0.5),
      auto_recording: opts.live === "mine" ? "cloud" : rng.bool(0.6) ? "cloud" : "none",
      created_at: time.addMinutes(start, -rng.int(1, 14) * 1440 - rng.int(0, 300)),
    };
    if (m.created_at >= now) m.created_at = time.addMinutes(now, -rng.int(60, 3000));
    // Now and then someone (in other people's past and future meetings sometimes the user) is co-host.
    const coHostPool = invitees.filter((p) => p.email !== user.email).concat(opts.live ? [] : invitees.slice(0, 1));
    const coHost = !plan.solo && coHostPool.length > 0 && rng.bool(0.25) ? rng.pick(coHostPool) : undefined;
    const rows: Participant[] = [host, ...invitees].map((p, i) => ({
      id: this.ctx.id("participants"),
      meeting_id: m.id,
      name: p.full_name,
      email: p.email,
      role: i === 0 ? "host" : p === coHost ? "co_host" : "attendee",
      status: "invited",
      invited_at: m.created_at,
    }));
    if (status === "ended") this.end(m, rows);
    if (opts.live) this.goLive(m, rows, opts.live);
    this.meetings.push(m);
    this.participants.push(...rows);
    return m;
  }

  /** An ended meeting: started within four minutes of its time, ran about its length; the host and most invitees came; a cloud recording with its transcript. */
  private end(m: Meeting, rows: Participant[]): void {
    const { rng } = this;
    const started = time.addMinutes(m.start_time, rng.int(0, 4));
    const ended = time.addMinutes(started, Math.max(5, m.duration + rng.int(-10, 8)));
    Object.assign(m, { started_at: started, ended_at: ended });
    for (const r of rows) {
      const attended = r.role === "host" || (r.email === this.ctx.world.user.email ? rng.bool(0.9) : rng.bool(0.8));
      if (attended) Object.assign(r, { status: "left", joined_at: r.role === "host" ? started : time.addMinutes(started, rng.int(0, 5)), left_at: ended });
    }
    if (m.auto_recording !== "cloud") return;
    const minutes = time.minutesBetween(started, ended);
    this.recordingRows.push({
      id: "",
      meeting_id: m.id,
      topic: m.topic,
      host_email: m.host_email,
      recording_start: started,
      recording_end: ended,
      duration_minutes: minutes,
      file_type: "MP4",
      file_size_mb: Math.round(minutes * rng.float(40, 90)) / 10,
      share_url: `https://meet.example.com/rec/share/${rng.hex(20)}`,
      created_at: time.addMinutes(ended, rng.int(5, 30)),
      transcript: buildTranscript(
        m.topic,
        rows.filter((r) => r.joined_at).map((r) => r.name),
        minutes,
        rng.int(0, 99),
      ),
    });
  }

  /** A meeting in progress: in the user's, the host and two people are in and two wait; in a colleague's, the host and two others are in and the user is not. */
  private goLive(m: Meeting, rows: Participant[], live: LiveKind): void {
    const started = m.start_time;
    m.started_at = started;
    rows.forEach((r, i) => {
      if (live === "mine" ? i <= 2 : r.email !== this.ctx.world.user.email && i <= 2)
        Object.assign(r, { status: "in_meeting", joined_at: time.addMinutes(started, i) });
      else if (live === "mine" && i <= 4) Object.assign(r, { status: "waiting" });
    });
  }

  /** Tops the user's live meeting up to six people, so some are in the meeting and some in the waiting room. */
  private fillRoom(m: Meeting): void {
    const inRoom = () => this.participants.filter((r) => r.meeting_id === m.id);
    for (const p of this.ctx.world.people.filter((x) => !inRoom().some((r) => r.email === x.email)).slice(0, Math.max(0, 6 - inRoom().length))) {
      const n = inRoom().length;
      this.participants.push({
        id: this.ctx.id("participants"),
        meeting_id: m.id,
        name: p.full_name,
        email: p.email,
        role: "attendee",
        ...(n <= 2
          ? { status: "in_meeting" as const, joined_at: time.addMinutes(m.start_time, n) }
          : n <= 4
            ? { status: "waiting" as const }
            : { status: "invited" as const }),
        invited_at: m.created_at,
      });
    }
  }

  /** Recordings, their ids in the order they were made. */
  recordings(): Recording[] {
    const rows = this.recordingRows.slice().sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
    for (const r of rows) r.id = this.ctx.id("recordings");
    return rows;
  }
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}
