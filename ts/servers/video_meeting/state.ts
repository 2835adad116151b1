/**
 * Video meeting state, shaped after Zoom's meetings API: meetings (topic, scheduled start,
 * duration, host, join link and passcode, waiting room, cloud-recording setting and a
 * scheduled → started → ended lifecycle, or cancelled), their participants (invited people,
 * the waiting room, roles host / co-host / attendee) and the cloud recordings made when a
 * recorded meeting ends, with transcripts.
 *
 * The assistant acts as `world.user`, identified by email.
 */
import { check, table, time, toolkit, z, type CallEnv, type Db } from "../framework/index.ts";

export const MAX_DURATION = 1440;
export const STATUSES = ["scheduled", "started", "ended", "cancelled"] as const;
export const ROLES = ["host", "co_host", "attendee"] as const;
export const PARTICIPANT_STATUSES = ["invited", "waiting", "in_meeting", "left", "removed"] as const;

export const Meeting = z.object({
  id: z.string(),
  /** The 11-digit number people type to join, e.g. "84512345678". */
  meeting_number: z.string().regex(/^\d{11}$/),
  topic: z.string().min(1).max(200),
  agenda: z.string(),
  host_email: z.string(),
  host_name: z.string(),
  /** Scheduled start, UTC. */
  start_time: z.string(),
  /** Scheduled length in minutes, 1-1440. */
  duration: z.number().int().min(1).max(MAX_DURATION),
  status: z.enum(STATUSES),
  join_url: z.string(),
  passcode: z.string(),
  waiting_room: z.boolean(),
  /** cloud: a recording with a transcript is made when the meeting ends. */
  auto_recording: z.enum(["cloud", "none"]),
  created_at: z.string(),
  started_at: z.string().optional(),
  ended_at: z.string().optional(),
});
export type Meeting = z.output<typeof Meeting>;

export const Participant = z.object({
  id: z.string(),
  meeting_id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  /** invited → (waiting →) in_meeting → left; removed by a host or co-host. */
  status: z.enum(PARTICIPANT_STATUSES),
  invited_at: z.string(),
  joined_at: z.string().optional(),
  left_at: z.string().optional(),
});
export type Participant = z.output<typeof Participant>;

export const TranscriptLine = z.object({ offset: z.string().regex(/^\d{2}:\d{2}:\d{2}$/), speaker: z.string(), text: z.string() });
export type TranscriptLine = z.output<typeof TranscriptLine>;

export const Recording = z.object({
  id: z.string(),
  meeting_id: z.string(),
  topic: z.string(),
  host_email: z.string(),
  recording_start: z.string(),
  recording_end: z.string(),
  duration_minutes: z.number().int().min(0),
  file_type: z.literal("MP4"),
  file_size_mb: z.number(),
  share_url: z.string(),
  created_at: z.string(),
  transcript: z.array(TranscriptLine),
});
export type Recording = z.output<typeof Recording>;

export const tables = {
  meetings: table("meeting", Meeting, {
    idPrefix: "MTG-",
    describe: (m) => `the ${m.status === "cancelled" ? "cancelled " : ""}${m.start_time.slice(11, 16)} meeting '${m.topic}' on ${m.start_time.slice(0, 10)}`,
  }),
  participants: table("participant", Participant, {
    idPrefix: "PTC-",
    idDigits: 5,
    describe: (p) => `${p.name} (${p.role.replace("_", "-")}) in meeting ${p.meeting_id}`,
  }),
  recordings: table("recording", Recording, {
    idPrefix: "REC-",
    describe: (r) => `the cloud recording of '${r.topic}' from ${r.recording_start.slice(0, 10)}`,
  }),
};

export const { read, write } = toolkit(tables);
export type Video = Db<typeof tables>;

export function myEmail(env: CallEnv): string {
  return env.world.user.email;
}

/** The user's own participant row in a meeting, if any. */
export function myRow(db: Video, m: Meeting, env: CallEnv): Participant | undefined {
  const me = myEmail(env);
  return db.participants.find((p) => p.meeting_id === m.id && p.email === me);
}

export function requireHost(m: Meeting, env: CallEnv, action: string): void {
  check(
    m.host_email === myEmail(env),
    `only the host (${m.host_name}, ${m.host_email}) can ${action} meeting ${m.id}; you are not its host`,
    "permission_denied",
  );
}

/** Host or co-host: who may invite, admit and remove people. */
export function requireHostOrCoHost(db: Video, m: Meeting, env: CallEnv, action: string): void {
  const mine = myRow(db, m, env);
  check(
    m.host_email === myEmail(env) || mine?.role === "co_host",
    `only the host (${m.host_name}) or a co-host can ${action} in meeting ${m.id}; you are ${mine ? `an ${mine.role}` : "not in it"}`,
    "permission_denied",
  );
}

/** A meeting as list tools show it: no passcode. */
export function summary(m: Meeting) {
  const { passcode: _secret, ...rest } = m;
  return { ...rest, scheduled_end: time.addMinutes(m.start_time, m.duration) };
}

/** 11 digits as people read them: "845 1234 5678". */
export function formatNumber(n: string): string {
  return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
}

export const JOIN_BASE = "https://meet.example.com/j/";
