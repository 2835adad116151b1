/**
 * Video meetings: the rules a meeting service keeps, each with its expected values written out
 * (boundaries, names, messages, counts), not computed by the code under test.
 */
import { describe, expect, it } from "vitest";
import { time, worldFor } from "../../ts/servers/framework/index.ts";
import video from "../../ts/servers/video_meeting/index.ts";
import type { Meeting, Participant, Recording } from "../../ts/servers/video_meeting/state.ts";
import { buildTranscript, categoryOf } from "../../ts/servers/video_meeting/transcript.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const SEED = 1;
const world = worldFor(SEED);
const ME = world.user.email;
const at = (days: number, hhmm: string) => `${time.addDays(world.today, days)}T${hhmm}:00Z`;
const MIN = 60_000;

function schedule(s: TestSession, extra: Record<string, unknown> = {}) {
  return s.ok("schedule_meeting", { topic: "Vendor selection", start_time: at(2, "15:00"), duration: 30, ...extra });
}
const participants = (s: TestSession, meetingId: string) => s.rows<Participant>("participants").filter((p) => p.meeting_id === meetingId);
/** Ends every meeting the user is hosting live, so one of theirs can start. */
function endLive(s: TestSession) {
  for (const m of s.rows<Meeting>("meetings").filter((x) => x.status === "started" && x.host_email === ME)) s.ok("end_meeting", { meeting_id: m.id });
}

describe("video_meeting: listing rules", () => {
  it("rule: list_meetings shows only meetings the user hosts or is on, by type; a date range includes its first and last day", () => {
    const s = openSession(video, SEED);
    const stranger = world.people[0]!;
    s.edit(video, (db) => {
      db.meetings.put({
        id: "MTG-9001",
        meeting_number: "81234567890",
        topic: "Not mine",
        agenda: "",
        host_email: stranger.email,
        host_name: stranger.full_name,
        start_time: at(3, "16:00"),
        duration: 30,
        status: "scheduled",
        join_url: "https://meet.example.com/j/81234567890",
        passcode: "123456",
        waiting_room: false,
        auto_recording: "none",
        created_at: world.now,
      });
      db.participants.put({
        id: "PTC-90001",
        meeting_id: "MTG-9001",
        name: stranger.full_name,
        email: stranger.email,
        role: "host",
        status: "invited",
        invited_at: world.now,
      });
    });
    const all = s.rows<Meeting>("meetings");
    const onIt = new Set(
      s
        .rows<Participant>("participants")
        .filter((p) => p.email === ME)
        .map((p) => p.meeting_id),
    );
    const mine = all.filter((m) => onIt.has(m.id) || m.host_email === ME);
    const ids = (args: Record<string, unknown>) => (s.ok("list_meetings", { limit: 100, ...args }).items as Meeting[]).map((m) => m.id).sort();
    const expected = (pred: (m: Meeting) => boolean) =>
      mine
        .filter(pred)
        .map((m) => m.id)
        .sort();
    expect(ids({})).toEqual(expected(() => true));
    expect(ids({})).not.toContain("MTG-9001");
    expect(ids({ type: "upcoming" })).toEqual(expected((m) => m.status === "scheduled"));
    expect(ids({ type: "live" })).toEqual(expected((m) => m.status === "started"));
    expect(ids({ type: "past" })).toEqual(expected((m) => m.status === "ended" || m.status === "cancelled"));
    expect(ids({ status: "cancelled" })).toEqual(expected((m) => m.status === "cancelled"));
    expect(ids({ type: "past", status: "ended" })).toEqual(expected((m) => m.status === "ended"));
    const day = mine.find((m) => m.status === "ended")!.start_time.slice(0, 10);
    const last = time.addDays(day, 2);
    expect(ids({ from_date: day, to_date: last })).toEqual(expected((m) => m.start_time.slice(0, 10) >= day && m.start_time.slice(0, 10) <= last));
    expect(ids({ from_date: day, to_date: day })).toEqual(expected((m) => m.start_time.startsWith(day)));
    expect(ids({ from_date: day, to_date: day }).length).toBeGreaterThan(0);
  });

  it("rule: each listed meeting says the user's role: host when they host it, else their participant role", () => {
    const s = openSession(video, SEED);
    const mineRows = new Map(
      s
        .rows<Participant>("participants")
        .filter((p) => p.email === ME)
        .map((p) => [p.meeting_id, p.role]),
    );
    const items = s.ok("list_meetings", { limit: 100 }).items as Array<Meeting & { my_role: string }>;
    for (const m of items) expect(m.my_role, m.id).toBe(m.host_email === ME ? "host" : mineRows.get(m.id));
    expect(new Set(items.map((m) => m.my_role))).toEqual(new Set(["host", "attendee", "co_host"]));
  });

  it("rule: list_recordings shows the recordings of the user's meetings, a date range including its first and last day", () => {
    const s = openSession(video, SEED);
    const stranger = world.people[1]!;
    const rec = s.rows<Recording>("recordings")[0]!;
    s.edit(video, (db) => db.recordings.put({ ...rec, id: "REC-9001", meeting_id: "MTG-9002", host_email: stranger.email }));
    const onIt = new Set(
      s
        .rows<Participant>("participants")
        .filter((p) => p.email === ME)
        .map((p) => p.meeting_id),
    );
    const mine = s.rows<Recording>("recordings").filter((r) => onIt.has(r.meeting_id) || r.host_email === ME);
    const ids = (args: Record<string, unknown>) => (s.ok("list_recordings", { limit: 100, ...args }).items as Recording[]).map((r) => r.id).sort();
    expect(ids({})).toEqual(mine.map((r) => r.id).sort());
    expect(ids({})).not.toContain("REC-9001");
    const day = rec.recording_start.slice(0, 10);
    expect(ids({ from_date: day, to_date: day })).toEqual(
      mine
        .filter((r) => r.recording_start.startsWith(day))
        .map((r) => r.id)
        .sort(),
    );
    expect(ids({ from_date: day, to_date: day })).toContain(rec.id);
    expect(ids({ from_date: time.addDays(day, 1) })).not.toContain(rec.id);
    expect(ids({ to_date: time.addDays(day, -1) })).not.toContain(rec.id);
  });

  it("describes meetings and recordings as a person would name them", () => {
    const m = { status: "cancelled", start_time: "2026-03-16T14:30:00Z", topic: "Sprint retro" } as Meeting;
    expect(video.tables.meetings!.describe(m)).toBe("the cancelled 14:30 meeting 'Sprint retro' on 2026-03-16");
    expect(video.tables.meetings!.describe({ ...m, status: "scheduled" })).toBe("the 14:30 meeting 'Sprint retro' on 2026-03-16");
    expect(video.tables.recordings!.describe({ topic: "Sprint retro", recording_start: "2026-03-16T14:31:00Z" } as Recording)).toBe(
      "the cloud recording of 'Sprint retro' from 2026-03-16",
    );
  });

  it("marks exactly the tools that destroy something as destructive", () => {
    expect(
      video.tools
        .filter((t) => t.destructive)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["cancel_meeting", "delete_recording", "end_meeting", "remove_participant"]);
  });
});

describe("video_meeting: scheduling rules", () => {
  it("rule: a topic is 1-200 characters after trimming", () => {
    const s = openSession(video, SEED);
    expect(schedule(s, { topic: `  ${"x".repeat(200)}  ` }).topic).toBe("x".repeat(200));
    s.fails(
      "schedule_meeting",
      { topic: "x".repeat(201), start_time: at(2, "15:00"), duration: 30 },
      "invalid_argument",
      /the topic must be 1 to 200 characters; got 201/,
    );
    const m = schedule(s);
    s.fails("update_meeting", { meeting_id: m.id, topic: "y".repeat(201) }, "invalid_argument", /got 201/);
    expect(s.ok("update_meeting", { meeting_id: m.id, topic: " Budget " }).topic).toBe("Budget");
  });

  it("update_meeting changes only the fields it is given", () => {
    const s = openSession(video, SEED);
    const m = schedule(s, { agenda: "Pick a vendor", waiting_room: true, auto_recording: "none" });
    const keep = { topic: "Vendor selection", start_time: at(2, "15:00"), duration: 30 };
    expect(s.ok("update_meeting", { meeting_id: m.id, agenda: "Shortlist three" })).toMatchObject({
      ...keep,
      agenda: "Shortlist three",
      waiting_room: true,
      auto_recording: "none",
    });
    expect(s.ok("update_meeting", { meeting_id: m.id, waiting_room: false })).toMatchObject({
      ...keep,
      agenda: "Shortlist three",
      waiting_room: false,
      auto_recording: "none",
    });
    expect(s.ok("update_meeting", { meeting_id: m.id, auto_recording: "cloud" })).toMatchObject({
      ...keep,
      agenda: "Shortlist three",
      waiting_room: false,
      auto_recording: "cloud",
    });
    expect(s.ok("update_meeting", { meeting_id: m.id, duration: 50 })).toMatchObject({ ...keep, duration: 50, scheduled_end: at(2, "15:50") });
  });

  it("names invitees from the user's contacts, else from the address; the user is never invited to their own meeting", () => {
    const s = openSession(video, SEED);
    const contact = world.people[2]!;
    const m = schedule(s, { invitee_emails: ["jane.doe-smith@example.org", contact.email.toUpperCase(), ME] });
    const rows = participants(s, m.id);
    expect(rows.map((p) => [p.name, p.role])).toEqual([
      [world.user.full_name, "host"],
      ["Jane Doe Smith", "attendee"],
      [contact.full_name, "attendee"],
    ]);
    expect(s.ok("invite_participant", { meeting_id: m.id, email: "o_brien@example.org" }).name).toBe("O Brien");
  });

  it("rule: a host runs one meeting at a time, and the refusal names the one in progress", () => {
    const s = openSession(video, SEED);
    const live = s.rows<Meeting>("meetings").find((m) => m.status === "started" && m.host_email === ME)!;
    const m = schedule(s);
    s.fails(
      "start_meeting",
      { meeting_id: m.id },
      "conflict",
      new RegExp(`^you are already hosting meeting ${live.id} \\('${live.topic}'\\), which is in progress; end_meeting ${live.id} before starting another$`),
    );
  });
});

describe("video_meeting: people in a meeting", () => {
  it("rule: invitees of a live meeting join at once (into the waiting room when it is on); of a scheduled one, they are invited", () => {
    const s = openSession(video, SEED);
    endLive(s);
    const open = schedule(s, { waiting_room: false });
    const guarded = schedule(s, { start_time: at(3, "15:00"), waiting_room: true });
    expect(s.ok("invite_participant", { meeting_id: open.id, email: "a@example.org" })).toMatchObject({ status: "invited" });
    const early = s.ok("invite_participant", { meeting_id: guarded.id, email: "a@example.org" });
    expect([early.status, early.joined_at]).toEqual(["invited", undefined]);
    s.ok("start_meeting", { meeting_id: open.id });
    const now = s.now();
    expect(s.ok("invite_participant", { meeting_id: open.id, email: "b@example.org" })).toMatchObject({ status: "in_meeting", joined_at: now });
    s.ok("end_meeting", { meeting_id: open.id });
    s.ok("start_meeting", { meeting_id: guarded.id });
    const waiting = s.ok("invite_participant", { meeting_id: guarded.id, email: "c@example.org" });
    expect(waiting.status).toBe("waiting");
    expect(waiting.joined_at).toBeUndefined();
  });

  it("re-inviting someone names who they are on the meeting as; someone removed cannot be invited back", () => {
    const s = openSession(video, SEED);
    const m = schedule(s, { invitee_emails: ["jane.doe@example.org"] });
    const jane = participants(s, m.id).find((p) => p.email === "jane.doe@example.org")!;
    s.fails(
      "invite_participant",
      { meeting_id: m.id, email: "Jane.Doe@example.org" },
      "already_exists",
      new RegExp(`^Jane Doe <jane.doe@example.org> is already on meeting ${m.id} as attendee \\(invited, participant ${jane.id}\\)$`),
    );
    s.ok("remove_participant", { participant_id: jane.id });
    s.fails(
      "invite_participant",
      { meeting_id: m.id, email: "jane.doe@example.org" },
      "failed_precondition",
      new RegExp(`^Jane Doe was removed from meeting ${m.id} and cannot be invited back into it$`),
    );
  });

  it("admit_participant refuses someone not waiting and lists who is (or that nobody is)", () => {
    const s = openSession(video, SEED);
    endLive(s);
    const m = schedule(s, { waiting_room: true, invitee_emails: ["ann.lee@example.org", "bo.chen@example.org"] });
    s.ok("start_meeting", { meeting_id: m.id });
    const [host, ann, bo] = participants(s, m.id) as [Participant, Participant, Participant];
    s.fails(
      "admit_participant",
      { participant_id: host.id },
      "failed_precondition",
      new RegExp(`^${world.user.full_name} is in meeting, not in the waiting room; waiting now: Ann Lee \\(${ann.id}\\), Bo Chen \\(${bo.id}\\)$`),
    );
    s.ok("admit_participant", { participant_id: ann.id });
    s.ok("admit_participant", { participant_id: bo.id });
    s.fails("admit_participant", { participant_id: ann.id }, "failed_precondition", /^Ann Lee is in meeting, not in the waiting room; nobody is waiting$/);
  });

  it("rule: removing someone in the meeting records when they left; removing an invitee does not", () => {
    const s = openSession(video, SEED);
    endLive(s);
    const m = schedule(s, { waiting_room: false, invitee_emails: ["ann.lee@example.org"] });
    const invited = s.ok("invite_participant", { meeting_id: m.id, email: "bo.chen@example.org" });
    expect(s.ok("remove_participant", { participant_id: invited.id })).toMatchObject({ status: "removed" });
    expect(s.rows<Participant>("participants").find((p) => p.id === invited.id)!.left_at).toBeUndefined();
    s.ok("start_meeting", { meeting_id: m.id });
    s.advance(5 * MIN);
    const ann = participants(s, m.id).find((p) => p.name === "Ann Lee")!;
    const now = s.now();
    expect(s.ok("remove_participant", { participant_id: ann.id })).toMatchObject({ status: "removed", left_at: now });
  });

  it("rule: the host role moves only in a live meeting to someone in it; the old host becomes co-host; people who left get no role", () => {
    const s = openSession(video, SEED);
    endLive(s);
    const m = schedule(s, { waiting_room: true, invitee_emails: ["ann.lee@example.org", "bo.chen@example.org"] });
    const ann = participants(s, m.id).find((p) => p.name === "Ann Lee")!;
    s.fails(
      "set_participant_role",
      { participant_id: ann.id, role: "host" },
      "failed_precondition",
      /^the host role can be handed over only during the live meeting to someone in it; Ann Lee is invited and the meeting is scheduled$/,
    );
    const removed = s.ok("invite_participant", { meeting_id: m.id, email: "cy@example.org" });
    s.ok("remove_participant", { participant_id: removed.id });
    s.fails(
      "set_participant_role",
      { participant_id: removed.id, role: "co_host" },
      "failed_precondition",
      /^Cy is removed; only people invited to or in the meeting get a role$/,
    );
    s.ok("start_meeting", { meeting_id: m.id });
    s.fails("set_participant_role", { participant_id: ann.id, role: "host" }, "failed_precondition", /Ann Lee is waiting and the meeting is started$/);
    const bo = participants(s, m.id).find((p) => p.name === "Bo Chen")!;
    s.edit(video, (db) => db.participants.update(bo.id, { status: "left", left_at: s.now() }));
    s.fails(
      "set_participant_role",
      { participant_id: bo.id, role: "co_host" },
      "failed_precondition",
      /^Bo Chen is left; only people invited to or in the meeting get a role$/,
    );
    s.ok("admit_participant", { participant_id: ann.id });
    const r = s.ok("set_participant_role", { participant_id: ann.id, role: "host" });
    expect(r.previous_host).toBe(world.user.full_name);
    expect(r.meeting).toMatchObject({ host_email: "ann.lee@example.org", host_name: "Ann Lee", my_role: "co_host" });
    expect(participants(s, m.id).map((p) => [p.name, p.role])).toEqual([
      [world.user.full_name, "co_host"],
      ["Ann Lee", "host"],
      ["Bo Chen", "attendee"],
      ["Cy", "attendee"],
    ]);
  });
});

describe("video_meeting: ending and recording", () => {
  it("rule: ending sends people in the meeting out (left, at the end) and people still waiting back to invited", () => {
    const s = openSession(video, SEED);
    endLive(s);
    const m = schedule(s, { waiting_room: true, invitee_emails: ["ann.lee@example.org", "bo.chen@example.org"] });
    s.ok("start_meeting", { meeting_id: m.id });
    const ann = participants(s, m.id).find((p) => p.name === "Ann Lee")!;
    s.ok("admit_participant", { participant_id: ann.id });
    s.advance(7 * MIN);
    const end = s.now();
    s.ok("end_meeting", { meeting_id: m.id });
    expect(participants(s, m.id).map((p) => [p.name, p.status, p.left_at ?? null])).toEqual([
      [world.user.full_name, "left", end],
      ["Ann Lee", "left", end],
      ["Bo Chen", "invited", null],
    ]);
  });

  it("rule: a cloud recording lasts from the start to the end, 6.5 MB a minute, and its transcript is by those who joined, the host first", () => {
    const s = openSession(video, SEED);
    endLive(s);
    const m = schedule(s, {
      topic: "Sprint retro",
      auto_recording: "cloud",
      waiting_room: false,
      invitee_emails: ["ann.lee@example.org", "bo.chen@example.org"],
    });
    const started = s.now();
    s.ok("start_meeting", { meeting_id: m.id });
    s.advanceTo(time.addMinutes(started, 12));
    const { recording_id } = s.ok("end_meeting", { meeting_id: m.id });
    const rec = s.rows<Recording>("recordings").find((r) => r.id === recording_id)!;
    expect(rec).toMatchObject({
      meeting_id: m.id,
      recording_start: started,
      recording_end: time.addMinutes(started, 12),
      duration_minutes: 12,
      file_size_mb: 78,
      topic: "Sprint retro",
    });
    // Opener, six lines (two per speaker for three speakers), closer.
    expect(rec.transcript).toHaveLength(8);
    expect(rec.transcript[0]!.speaker).toBe(world.user.full_name);
    expect(rec.transcript[7]!.speaker).toBe(world.user.full_name);
    expect(new Set(rec.transcript.map((l) => l.speaker))).toEqual(new Set([world.user.full_name, "Ann Lee", "Bo Chen"]));
    expect(rec.transcript[0]!.offset).toBe("00:00:05");
    for (const l of rec.transcript) expect(l.offset < "00:12:00", l.offset).toBe(true);
  });

  it("a recording without a meeting row still names its host when someone else tries to delete it", () => {
    const s = openSession(video, SEED);
    const theirs = s.rows<Recording>("recordings").find((r) => r.host_email !== ME)!;
    const host = s.rows<Meeting>("meetings").find((m) => m.id === theirs.meeting_id)!;
    s.fails(
      "delete_recording",
      { recording_id: theirs.id },
      "permission_denied",
      new RegExp(`^only the host of meeting ${theirs.meeting_id} \\(${host.host_name}\\) can delete its recording; you are not its host$`),
    );
    s.edit(video, (db) => db.meetings.delete(theirs.meeting_id));
    s.fails("delete_recording", { recording_id: theirs.id }, "permission_denied", new RegExp(`\\(${theirs.host_email}\\) can delete`));
  });
});

describe("video_meeting: transcripts", () => {
  it.each([
    ["Hiring debrief: Designer", "hiring"],
    ["Sprint retro", "retro"],
    ["1:1 with Maya", "one_on_one"],
    ["Q3 planning", "planning"],
    ["Roadmap review", "planning"],
    ["Design review: onboarding flow", "review"],
    ["Product demo", "review"],
    ["Customer call — Acme", "customer"],
    ["Proposal walkthrough", "customer"],
    ["Weekly team sync", "sync"],
  ])("a meeting called %s gets a %s transcript", (topic, category) => {
    expect(categoryOf(topic)).toBe(category);
  });

  it("rule: a transcript has an opener and a closer by the host and two lines per speaker (at least four, at most eight), every third by the host, spread over the meeting", () => {
    const two = buildTranscript("Weekly team sync", ["Host", "Ann"], 30, 0);
    expect(two).toHaveLength(6);
    const five = buildTranscript("Weekly team sync", ["Host", "A", "B", "C", "D"], 30, 1);
    expect(five).toHaveLength(10);
    five.slice(1, -1).forEach((l, i) => {
      if (i % 3 === 2) expect(l.speaker, `line ${i}`).toBe("Host");
      else expect(l.speaker, `line ${i}`).not.toBe("Host");
    });
    // 30 minutes: lines every (1800 - 30) / 10 = 177 seconds from 5 seconds in.
    expect(five.map((l) => l.offset)).toEqual([
      "00:00:05",
      "00:03:02",
      "00:05:59",
      "00:08:56",
      "00:11:53",
      "00:14:50",
      "00:17:47",
      "00:20:44",
      "00:23:41",
      "00:26:38",
    ]);
    // A meeting under a minute still spreads its lines over a minute.
    expect(buildTranscript("Weekly team sync", ["Solo"], 0, 0).map((l) => l.offset)).toEqual([
      "00:00:05",
      "00:00:15",
      "00:00:25",
      "00:00:35",
      "00:00:45",
      "00:00:55",
    ]);
    expect(buildTranscript("Weekly team sync", [], 30, 0)).toEqual([]);
  });
});
