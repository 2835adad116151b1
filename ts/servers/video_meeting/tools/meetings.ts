/** Meetings: list, read, schedule, update, cancel, start, end, and the invitation text. */
import {
  ascending,
  check,
  descending,
  digitsFrom,
  email,
  fail,
  isoDate,
  isoInstant,
  matchesText,
  page,
  rangeStart,
  ref,
  secret,
  text,
  time,
  z,
  type CallEnv,
} from "../../framework/index.ts";
import { formatNumber, JOIN_BASE, MAX_DURATION, myEmail, myRow, read, requireHost, STATUSES, summary, write, type Meeting, type Video } from "../state.ts";
import { buildTranscript } from "../transcript.ts";

const meetingId = (description: string) => ref("meeting", description);

/** A person's name from the shared world, or a readable one made from the email address. */
export function nameFor(env: CallEnv, email: string): string {
  const e = email.toLowerCase();
  if (e === env.world.user.email.toLowerCase()) return env.world.user.full_name;
  const p = env.world.people.find((x) => x.email.toLowerCase() === e);
  if (p) return p.full_name;
  return (e.split("@")[0] ?? e)
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");
}

const durationRule = (iss: { input?: unknown }) => `duration must be a whole number of minutes from 1 to ${MAX_DURATION} (24 hours); got ${String(iss.input)}`;
const duration = z.number().int({ error: durationRule }).min(1, { error: durationRule }).max(MAX_DURATION, { error: durationRule });

function checkFuture(start: string, env: CallEnv): string {
  check(start > env.now, `start_time ${start} is not in the future; it is now ${env.now}, so pick a later time`, "invalid_argument");
  return start;
}

function checkTopic(topic: string): string {
  const t = topic.trim();
  check(t.length >= 1 && t.length <= 200, `the topic must be 1 to 200 characters; got ${t.length}`, "invalid_argument");
  return t;
}

function checkPasscode(p: string): void {
  check(/^[A-Za-z0-9@_*-]{1,10}$/.test(p), "a passcode is 1 to 10 characters: letters, digits, @ - _ or *", "invalid_argument");
}

/** Why a meeting that is not scheduled cannot take an action, with what to do instead. */
function notScheduled(m: Meeting, action: string): string {
  switch (m.status) {
    case "started":
      return `meeting ${m.id} is in progress (started ${m.started_at}); it cannot ${action} now — end_meeting ends it`;
    case "ended":
      return `meeting ${m.id} already ended at ${m.ended_at}; it cannot ${action} — schedule_meeting a new one`;
    case "cancelled":
      return `meeting ${m.id} was cancelled; it cannot ${action} — schedule_meeting a new one`;
    default:
      return `meeting ${m.id} is ${m.status}`;
  }
}

export function meetingView(db: Video, m: Meeting, env: CallEnv) {
  const rows = db.participants.filter((p) => p.meeting_id === m.id);
  const count = (s: string) => rows.filter((p) => p.status === s).length;
  return {
    ...summary(m),
    meeting_number_display: formatNumber(m.meeting_number),
    passcode: m.passcode,
    my_role: myRow(db, m, env)?.role ?? null,
    participants: {
      total: rows.length,
      invited: count("invited"),
      waiting: count("waiting"),
      in_meeting: count("in_meeting"),
      left: count("left"),
      removed: count("removed"),
    },
    recording_ids: db.recordings.filter((r) => r.meeting_id === m.id).map((r) => r.id),
  };
}

export const meetingTools = {
  list_meetings: read({
    description:
      "The user's meetings (hosted or invited to), without passcodes. type: upcoming (scheduled, soonest first), live (in progress), past (ended or cancelled, newest first) or all; narrow by status, date range or words in the topic.",
    input: z
      .object({
        type: z.enum(["upcoming", "live", "past", "all"]).default("all").describe("Which meetings (default all)"),
        status: z.enum(STATUSES).optional().describe("Only meetings with this status"),
        from_date: rangeStart("to_date", isoDate("Only meetings starting on or after this date")).optional(),
        to_date: isoDate("Only meetings starting on or before this date").optional(),
        query: z.string().trim().max(100).optional().describe("Words in the topic or agenda, e.g. 'retro'"),
        hosted_by_me: z.boolean().optional().describe("true: only meetings the user hosts; false: only those hosted by others"),
        ...page,
      })
      .strict(),
    discovers: "meeting",
    run: (db, a, env) => {
      const me = myEmail(env);
      const mine = new Set(db.participants.filter((p) => p.email === me).map((p) => p.meeting_id));
      const ofType = (m: Meeting) =>
        a.type === "all" ||
        (a.type === "upcoming" ? m.status === "scheduled" : a.type === "live" ? m.status === "started" : m.status === "ended" || m.status === "cancelled");
      const p = db.meetings.page(a, {
        where: (m) =>
          (mine.has(m.id) || m.host_email === me) &&
          ofType(m) &&
          (!a.status || m.status === a.status) &&
          (!a.from_date || m.start_time.slice(0, 10) >= a.from_date) &&
          (!a.to_date || m.start_time.slice(0, 10) <= a.to_date) &&
          matchesText(a.query, m.topic, m.agenda) &&
          (a.hosted_by_me === undefined || (m.host_email === me) === a.hosted_by_me),
        sort: a.type === "upcoming" ? ascending("start_time") : descending("start_time"),
      });
      return { ...p, items: p.items.map((m) => ({ ...summary(m), my_role: m.host_email === me ? "host" : (myRow(db, m, env)?.role ?? null) })) };
    },
  }),

  get_meeting: read({
    description:
      "Full details of one meeting: schedule, host, status, join link and passcode, waiting-room and recording settings, participant counts by status and its recordings.",
    input: z.object({ meeting_id: meetingId("The meeting") }).strict(),
    run: (db, a, env) => meetingView(db, db.meetings.need(a.meeting_id), env),
  }),

  get_meeting_invitation: read({
    description: "The invitation text to share for a scheduled or live meeting: topic, time, join link, meeting number and passcode.",
    input: z.object({ meeting_id: meetingId("The meeting") }).strict(),
    run: (db, a) => {
      const m = db.meetings.need(a.meeting_id);
      check(m.status === "scheduled" || m.status === "started", () => notScheduled(m, "be joined"));
      const invitation = [
        `${m.host_name} is inviting you to a scheduled meeting.`,
        `Topic: ${m.topic}`,
        `Time: ${m.start_time.slice(0, 10)} ${m.start_time.slice(11, 16)} UTC (${m.duration} minutes)`,
        `Join: ${m.join_url}`,
        `Meeting ID: ${formatNumber(m.meeting_number)}`,
        `Passcode: ${m.passcode}`,
      ].join("\n");
      return { meeting_id: m.id, join_url: m.join_url, passcode: m.passcode, invitation };
    },
  }),

  schedule_meeting: write({
    description:
      "Schedule a meeting hosted by the user: topic, a start in the future, a duration of 1-1440 minutes, optional agenda, waiting room, cloud recording, passcode and people to invite by email. Returns the meeting with its join link and passcode.",
    input: z
      .object({
        topic: z.string().max(500).describe("What the meeting is about, e.g. 'Q3 planning'"),
        start_time: isoInstant("When it starts (UTC), e.g. 2026-03-16T15:00:00Z; must be in the future"),
        duration: duration.describe("Length in minutes, 1-1440"),
        agenda: text("Agenda or description", 2000).default(""),
        waiting_room: z.boolean().default(true).describe("Hold people in a waiting room until the host or a co-host admits them"),
        auto_recording: z.enum(["cloud", "none"]).default("none").describe("cloud: record to the cloud, with a transcript available after the meeting ends"),
        passcode: secret(z.string().max(50).describe("Passcode to join, 1-10 letters/digits; generated when omitted")).optional(),
        invitee_emails: z.array(email("An invitee's address")).max(100).default([]).describe("Email addresses of people to invite"),
      })
      .strict(),
    produces: "meeting",
    run: (db, a, env) => {
      const topic = checkTopic(a.topic);
      const start = checkFuture(a.start_time, env);
      if (a.passcode !== undefined) checkPasscode(a.passcode);
      const id = db.meetings.peekId();
      const number = `9${digitsFrom(`${id}@${env.now}`, 10)}`;
      const me = env.world.user;
      const m = db.meetings.create({
        meeting_number: number,
        topic,
        agenda: a.agenda,
        host_email: me.email,
        host_name: me.full_name,
        start_time: start,
        duration: a.duration,
        status: "scheduled",
        join_url: `${JOIN_BASE}${number}`,
        passcode: a.passcode ?? digitsFrom(`${number}/pwd`, 6),
        waiting_room: a.waiting_room,
        auto_recording: a.auto_recording,
        created_at: env.now,
      });
      db.participants.create({ meeting_id: m.id, name: me.full_name, email: me.email, role: "host", status: "invited", invited_at: env.now });
      const seen = new Set([me.email.toLowerCase()]);
      for (const email of a.invitee_emails) {
        const e = email.toLowerCase();
        if (seen.has(e)) continue;
        seen.add(e);
        db.participants.create({ meeting_id: m.id, name: nameFor(env, e), email: e, role: "attendee", status: "invited", invited_at: env.now });
      }
      return meetingView(db, m, env);
    },
  }),

  update_meeting: write({
    description:
      "Change a scheduled meeting the user hosts: topic, start (in the future), duration (1-1440 minutes), agenda, waiting room or cloud recording. Returns the meeting.",
    input: z
      .object({
        meeting_id: meetingId("The scheduled meeting"),
        topic: z.string().max(500).optional().describe("New topic"),
        start_time: isoInstant("New start (UTC), in the future").optional(),
        duration: duration.optional().describe("New length in minutes, 1-1440"),
        agenda: text("New agenda", 2000).optional(),
        waiting_room: z.boolean().optional().describe("Turn the waiting room on or off"),
        auto_recording: z.enum(["cloud", "none"]).optional().describe("cloud or none"),
      })
      .strict(),
    run: (db, a, env) => {
      const m = db.meetings.need(a.meeting_id);
      const { meeting_id: _id, ...fields } = a;
      check(
        Object.values(fields).some((v) => v !== undefined),
        "nothing to change: pass at least one of topic, start_time, duration, agenda, waiting_room, auto_recording",
        "invalid_argument",
      );
      requireHost(m, env, "update");
      check(m.status === "scheduled", () => notScheduled(m, "be updated"));
      const patch: Partial<Meeting> = {};
      if (a.topic !== undefined) patch.topic = checkTopic(a.topic);
      if (a.duration !== undefined) patch.duration = a.duration;
      if (a.start_time !== undefined) patch.start_time = checkFuture(a.start_time, env);
      if (a.agenda !== undefined) patch.agenda = a.agenda;
      if (a.waiting_room !== undefined) patch.waiting_room = a.waiting_room;
      if (a.auto_recording !== undefined) patch.auto_recording = a.auto_recording;
      return meetingView(db, db.meetings.update(m.id, patch), env);
    },
  }),

  cancel_meeting: write({
    description: "Cancel a scheduled meeting the user hosts. Meetings in progress are ended with end_meeting instead; ended meetings cannot be cancelled.",
    input: z.object({ meeting_id: meetingId("The scheduled meeting to cancel") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const m = db.meetings.need(a.meeting_id);
      requireHost(m, env, "cancel");
      check(m.status === "scheduled", () => notScheduled(m, "be cancelled"));
      const invited = db.participants.count((p) => p.meeting_id === m.id && p.role !== "host");
      return { ...summary(db.meetings.update(m.id, { status: "cancelled" })), notified_invitees: invited };
    },
  }),

  start_meeting: write({
    description:
      "Start a scheduled meeting the user hosts (it may start early). Invitees join as it starts: into the waiting room when it is on, straight in otherwise. A host runs one meeting at a time. Returns the meeting.",
    input: z.object({ meeting_id: meetingId("The meeting to start") }).strict(),
    run: (db, a, env) => {
      const m = db.meetings.need(a.meeting_id);
      requireHost(m, env, "start");
      check(m.status !== "started", `meeting ${m.id} is already in progress (started ${m.started_at})`, "conflict");
      check(m.status === "scheduled", () => notScheduled(m, "be started"));
      const live = db.meetings.find((x) => x.status === "started" && x.host_email === m.host_email);
      check(
        !live,
        () => `you are already hosting meeting ${live?.id} ('${live?.topic}'), which is in progress; end_meeting ${live?.id} before starting another`,
        "conflict",
      );
      for (const p of db.participants.filter((x) => x.meeting_id === m.id)) {
        if (p.role === "host") db.participants.update(p.id, { status: "in_meeting", joined_at: env.now });
        else if (p.status === "invited") db.participants.update(p.id, m.waiting_room ? { status: "waiting" } : { status: "in_meeting", joined_at: env.now });
      }
      return meetingView(db, db.meetings.update(m.id, { status: "started", started_at: env.now }), env);
    },
  }),

  end_meeting: write({
    description:
      "End a meeting in progress that the user hosts: everyone leaves, and when cloud recording is on a recording with a transcript becomes available (list_recordings). Returns the meeting and the recording id, if any.",
    input: z.object({ meeting_id: meetingId("The meeting in progress") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const m = db.meetings.need(a.meeting_id);
      requireHost(m, env, "end");
      if (m.status !== "started") {
        fail(
          m.status === "scheduled"
            ? `meeting ${m.id} has not started (it is scheduled for ${m.start_time}); start_meeting starts it, cancel_meeting calls it off`
            : notScheduled(m, "be ended"),
        );
      }
      const started = m.started_at ?? env.now;
      for (const p of db.participants.filter((x) => x.meeting_id === m.id && (x.status === "in_meeting" || x.status === "waiting"))) {
        db.participants.update(p.id, p.status === "in_meeting" ? { status: "left", left_at: env.now } : { status: "invited" });
      }
      const ended = db.meetings.update(m.id, { status: "ended", ended_at: env.now });
      let recordingId: string | undefined;
      if (m.auto_recording === "cloud") {
        const attendees = db.participants.filter((p) => p.meeting_id === m.id && p.joined_at !== undefined);
        const speakers = [...attendees.filter((p) => p.role === "host"), ...attendees.filter((p) => p.role !== "host")].map((p) => p.name);
        const minutes = Math.max(1, time.minutesBetween(started, env.now));
        const rec = db.recordings.create({
          meeting_id: m.id,
          topic: m.topic,
          host_email: m.host_email,
          recording_start: started,
          recording_end: env.now,
          duration_minutes: minutes,
          file_type: "MP4",
          file_size_mb: Math.round(minutes * 6.5 * 10) / 10,
          share_url: `https://meet.example.com/rec/share/${digitsFrom(`${m.id}@${env.now}`, 20)}`,
          created_at: env.now,
          transcript: buildTranscript(m.topic, speakers, minutes, Number(m.meeting_number.slice(-2))),
        });
        recordingId = rec.id;
      }
      return { meeting: meetingView(db, ended, env), recording_id: recordingId ?? null };
    },
  }),
};
