/**
 * A month of the user's video meetings: past ones (ended, a few cancelled) with attendance and
 * cloud recordings with transcripts, three weeks of upcoming ones, one the user is hosting right
 * now (people in the meeting and in the waiting room) and one a colleague is hosting right now.
 * About two thirds are hosted by the user; in the rest the user is an invited attendee.
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

export function seedVideoMeeting({ rng, world, id }: SeedContext) {
  const user = world.user;
  const now = world.now;
  const meetings: Meeting[] = [];
  const participants: Participant[] = [];
  const recordings: Recording[] = [];

  const make = (start: string, status: Meeting["status"], opts: { hostIsUser?: boolean; live?: "mine" | "theirs"; minutesIn?: number } = {}) => {
    const hostIsUser = opts.hostIsUser ?? rng.bool(0.65);
    const host: Who = hostIsUser ? user : rng.pick(world.people);
    const others = world.people.filter((p) => p.email !== host.email);
    const ctx = { other: rng.pick(others), company: rng.pick(world.companies.filter((c) => c.name !== user.company)).name, q: Math.ceil(Number(start.slice(5, 7)) / 3) };
    let pickTopic = rng.pick(TOPICS)(ctx);
    // A live meeting needs a crowd (people in and in the waiting room): no 1:1s.
    while (opts.live && pickTopic.solo) pickTopic = rng.pick(TOPICS)(ctx);
    const invitees: Who[] = pickTopic.solo ? [rng.pick(others)] : rng.sample(others, rng.int(2, 6));
    if (!hostIsUser && !invitees.some((p) => p.email === user.email)) invitees.unshift(user);
    const number = `8${rng.digits(10)}`;
    const duration = pickTopic.solo ? rng.pick([25, 30]) : rng.pick([15, 30, 45, 60, 60, 90]);
    const m: Meeting = {
      id: id("meetings"),
      meeting_number: number,
      topic: pickTopic.topic,
      agenda: pickTopic.agenda,
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
    const coHost = !pickTopic.solo && coHostPool.length > 0 && rng.bool(0.25) ? rng.pick(coHostPool) : undefined;
    const rows: Participant[] = [host, ...invitees].map((p, i) => ({
      id: id("participants"),
      meeting_id: m.id,
      name: p.full_name,
      email: p.email,
      role: i === 0 ? "host" : p === coHost ? "co_host" : "attendee",
      status: "invited",
      invited_at: m.created_at,
    }));

    if (status === "ended") {
      const started = time.addMinutes(start, rng.int(0, 4));
      const ended = time.addMinutes(started, Math.max(5, duration + rng.int(-10, 8)));
      m.started_at = started;
      m.ended_at = ended;
      for (const r of rows) {
        const attended = r.role === "host" || (r.email === user.email ? rng.bool(0.9) : rng.bool(0.8));
        if (!attended) continue;
        r.status = "left";
        r.joined_at = r.role === "host" ? started : time.addMinutes(started, rng.int(0, 5));
        r.left_at = ended;
      }
      if (m.auto_recording === "cloud") {
        const speakers = rows.filter((r) => r.joined_at).map((r) => r.name);
        const minutes = time.minutesBetween(started, ended);
        recordings.push({
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
          transcript: buildTranscript(m.topic, speakers, minutes, rng.int(0, 99)),
        });
      }
    }
    if (opts.live) {
      const started = time.addMinutes(now, -(opts.minutesIn ?? 20));
      m.started_at = started;
      rows.forEach((r, i) => {
        if (opts.live === "mine") {
          // Host and two people in, two in the waiting room, the rest not yet joined.
          if (i <= 2) Object.assign(r, { status: "in_meeting", joined_at: time.addMinutes(started, i) });
          else if (i <= 4) Object.assign(r, { status: "waiting" });
        } else if (r.email !== user.email && i <= 2) {
          Object.assign(r, { status: "in_meeting", joined_at: time.addMinutes(started, i) });
        }
      });
    }
    meetings.push(m);
    participants.push(...rows);
    return m;
  };

  // The past month: most weekdays have a meeting or two.
  for (let d = 30; d >= 1; d--) {
    const date = time.addDays(world.today, -d);
    if (time.isWeekend(date)) continue;
    for (const start of startsOn(date, rng.bool(0.85) ? (rng.bool(0.35) ? 2 : 1) : 0, rng)) make(start, rng.bool(0.12) ? "cancelled" : "ended");
  }
  // Right now: the user's live meeting (with a waiting room) and a colleague's.
  const liveStart = time.addMinutes(now, -20);
  const mine = make(liveStart, "started", { hostIsUser: true, live: "mine", minutesIn: 20 });
  if (participants.filter((p) => p.meeting_id === mine.id).length < 6) {
    for (const p of world.people.filter((x) => !participants.some((r) => r.meeting_id === mine.id && r.email === x.email)).slice(0, 6 - participants.filter((r) => r.meeting_id === mine.id).length)) {
      const n = participants.filter((r) => r.meeting_id === mine.id).length;
      participants.push({
        id: id("participants"),
        meeting_id: mine.id,
        name: p.full_name,
        email: p.email,
        role: "attendee",
        ...(n <= 2 ? { status: "in_meeting" as const, joined_at: time.addMinutes(liveStart, n) } : n <= 4 ? { status: "waiting" as const } : { status: "invited" as const }),
        invited_at: mine.created_at,
      });
    }
  }
  make(time.addMinutes(now, -10), "started", { hostIsUser: false, live: "theirs", minutesIn: 10 });
  // The next three weeks.
  for (let d = 0; d <= 21; d++) {
    const date = time.addDays(world.today, d);
    if (time.isWeekend(date)) continue;
    for (const start of startsOn(date, rng.bool(0.7) ? (rng.bool(0.25) ? 2 : 1) : 0, rng)) make(start, "scheduled");
  }

  recordings.sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
  for (const r of recordings) r.id = id("recordings");
  return { meetings, participants, recordings };
}
