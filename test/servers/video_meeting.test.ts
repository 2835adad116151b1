import { describe, expect, it } from "vitest";
import { time, worldFor } from "../../ts/servers/framework/index.ts";
import video from "../../ts/servers/video_meeting/index.ts";
import type { Meeting, Participant, Recording } from "../../ts/servers/video_meeting/state.ts";
import { buildTranscript, categoryOf } from "../../ts/servers/video_meeting/transcript.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { first, openSession, type TestSession } from "../helpers/session.ts";

domainConformance(video, 10);

const SEED = 1;
const world = worldFor(SEED);
const me = world.user.email;
const tomorrowAt = (hhmm: string) => `${time.addDays(world.today, 1)}T${hhmm}:00Z`;

function rows(s: TestSession) {
  return { meetings: s.rows<Meeting>("meetings"), participants: s.rows<Participant>("participants"), recordings: s.rows<Recording>("recordings") };
}

function facts(s: TestSession) {
  const r = rows(s);
  const mine = (m: Meeting) => m.host_email === me;
  const byStart = (a: Meeting, b: Meeting) => (a.start_time < b.start_time ? -1 : 1);
  const ofMeeting = (id: string) => r.participants.filter((p) => p.meeting_id === id);
  const myRole = (m: Meeting) => ofMeeting(m.id).find((p) => p.email === me)?.role;
  const liveMine = first(
    r.meetings.filter((m) => m.status === "started" && mine(m)),
    "live meeting hosted by the user",
  );
  const endedMine = first(
    r.meetings.filter((m) => m.status === "ended" && mine(m) && r.recordings.some((x) => x.meeting_id === m.id)),
    "ended recorded meeting of the user",
  );
  return {
    r,
    ofMeeting,
    liveMine,
    liveTheirs: first(
      r.meetings.filter((m) => m.status === "started" && !mine(m) && myRole(m) === "attendee"),
      "live meeting hosted by someone else",
    ),
    upcomingMine: first(r.meetings.filter((m) => m.status === "scheduled" && mine(m)).sort(byStart), "upcoming meeting of the user"),
    upcomingTheirs: first(
      r.meetings.filter((m) => m.status === "scheduled" && !mine(m) && myRole(m) === "attendee"),
      "upcoming meeting hosted by someone else",
    ),
    endedMine,
    endedTheirs: first(
      r.meetings.filter((m) => m.status === "ended" && !mine(m)),
      "ended meeting hosted by someone else",
    ),
    myRecording: first(
      r.recordings.filter((x) => x.meeting_id === endedMine.id),
      "recording of the user's meeting",
    ),
    theirRecording: first(
      r.recordings.filter((x) => x.host_email !== me),
      "recording of someone else's meeting",
    ),
    waiting: first(
      ofMeeting(liveMine.id).filter((p) => p.status === "waiting"),
      "person in the waiting room",
    ),
    inLive: first(
      ofMeeting(liveMine.id).filter((p) => p.status === "in_meeting" && p.role === "attendee"),
      "attendee in the live meeting",
    ),
    invitedLive: ofMeeting(liveMine.id).find((p) => p.status === "invited"),
  };
}

describe("video_meeting: seed", () => {
  it("is consistent: one host row per meeting, lifecycle timestamps, recordings only for ended recorded meetings", () => {
    const s = openSession(video, SEED);
    const { r, ofMeeting } = facts(s);
    expect(r.meetings.length).toBeGreaterThan(24);
    for (const m of r.meetings) {
      const hosts = ofMeeting(m.id).filter((p) => p.role === "host");
      expect(hosts.map((h) => h.email)).toEqual([m.host_email]);
      expect(ofMeeting(m.id).some((p) => p.email === me)).toBe(true);
      if (m.status === "scheduled") expect(m.start_time > world.now).toBe(true);
      if (m.status === "ended") expect(m.started_at! < m.ended_at! && m.ended_at! < world.now).toBe(true);
      if (m.status === "started") expect(m.started_at! < world.now).toBe(true);
    }
    for (const rec of r.recordings) {
      const m = r.meetings.find((x) => x.id === rec.meeting_id)!;
      expect(m.status).toBe("ended");
      expect(m.auto_recording).toBe("cloud");
      const attended = new Set(
        ofMeeting(m.id)
          .filter((p) => p.joined_at)
          .map((p) => p.name),
      );
      for (const line of rec.transcript) expect(attended.has(line.speaker)).toBe(true);
      expect(rec.transcript[0]!.speaker).toBe(m.host_name);
    }
  });

  it("builds topic-aware, deterministic transcripts", () => {
    expect(categoryOf("Hiring debrief: Customer Success Manager")).toBe("hiring");
    expect(categoryOf("Budget check-in")).toBe("planning");
    expect(categoryOf("1:1 with Maya")).toBe("one_on_one");
    const a = buildTranscript("Sprint retro", ["Ann Host", "Bo", "Cy"], 30, 7);
    expect(a).toEqual(buildTranscript("Sprint retro", ["Ann Host", "Bo", "Cy"], 30, 7));
    expect(a[0]!.speaker).toBe("Ann Host");
    expect(a.at(-1)!.speaker).toBe("Ann Host");
    expect(a.map((l) => l.offset)).toEqual([...a.map((l) => l.offset)].sort());
    expect(buildTranscript("x", [], 10, 0)).toEqual([]);
  });
});

describe("video_meeting: meetings", () => {
  it("list_meetings by type, host and topic", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const upcoming = s.ok("list_meetings", { type: "upcoming", limit: 100 }).items as Meeting[];
    expect(upcoming.length).toBe(f.r.meetings.filter((m) => m.status === "scheduled").length);
    expect(upcoming.map((m) => m.start_time)).toEqual([...upcoming.map((m) => m.start_time)].sort());
    expect(upcoming[0]).not.toHaveProperty("passcode");
    const live = s.ok("list_meetings", { type: "live" }).items as Array<Meeting & { my_role: string }>;
    expect(live.map((m) => m.id).sort()).toEqual([f.liveMine.id, f.liveTheirs.id].sort());
    expect(live.find((m) => m.id === f.liveMine.id)?.my_role).toBe("host");
    const past = s.ok("list_meetings", { type: "past", limit: 100 }).items as Meeting[];
    expect(past.every((m) => m.status === "ended" || m.status === "cancelled")).toBe(true);
    expect(past.map((m) => m.start_time)).toEqual([...past.map((m) => m.start_time)].sort().reverse());
    const theirs = s.ok("list_meetings", { hosted_by_me: false, limit: 100 }).items as Meeting[];
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((m) => m.host_email !== me)).toBe(true);
    const word = f.endedMine.topic.split(" ")[0]!;
    expect(
      (s.ok("list_meetings", { query: word, limit: 100 }).items as Meeting[]).every((m) => `${m.topic} ${m.agenda}`.toLowerCase().includes(word.toLowerCase())),
    ).toBe(true);
    const day = f.upcomingMine.start_time.slice(0, 10);
    expect((s.ok("list_meetings", { from_date: day, to_date: day }).items as Meeting[]).every((m) => m.start_time.startsWith(day))).toBe(true);
  });

  it("get_meeting shows the passcode, participant counts and recordings", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const m = s.ok("get_meeting", { meeting_id: f.liveMine.id });
    const ps = f.ofMeeting(f.liveMine.id);
    expect(m).toMatchObject({ id: f.liveMine.id, passcode: f.liveMine.passcode, my_role: "host", status: "started" });
    expect(m.participants).toMatchObject({
      total: ps.length,
      waiting: ps.filter((p) => p.status === "waiting").length,
      in_meeting: ps.filter((p) => p.status === "in_meeting").length,
    });
    expect(m.meeting_number_display.replace(/ /g, "")).toBe(f.liveMine.meeting_number);
    expect(s.ok("get_meeting", { meeting_id: f.endedMine.id }).recording_ids).toEqual([f.myRecording.id]);
    s.fails("get_meeting", { meeting_id: "MTG-9999" }, "not_found", /list_meetings/);
  });

  it("get_meeting_invitation gives the link and passcode, not for cancelled or ended meetings", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const inv = s.ok("get_meeting_invitation", { meeting_id: f.upcomingMine.id });
    expect(inv.invitation).toContain(f.upcomingMine.join_url);
    expect(inv.invitation).toContain(`Passcode: ${f.upcomingMine.passcode}`);
    expect(inv.invitation).toContain(`Topic: ${f.upcomingMine.topic}`);
    s.fails("get_meeting_invitation", { meeting_id: f.endedMine.id }, "failed_precondition", /already ended/);
    s.ok("cancel_meeting", { meeting_id: f.upcomingMine.id });
    s.fails("get_meeting_invitation", { meeting_id: f.upcomingMine.id }, "failed_precondition", /cancelled/);
  });

  it("schedule_meeting creates a future meeting hosted by the user with invitees", () => {
    const s = openSession(video, SEED);
    const guest = world.people[3]!;
    const m = s.ok("schedule_meeting", {
      topic: "  Vendor selection  ",
      start_time: tomorrowAt("16:00"),
      duration: 45,
      agenda: "Compare the three offers",
      passcode: "fox123",
      auto_recording: "cloud",
      invitee_emails: [guest.email, "new.person@example.org", guest.email, me],
    });
    expect(m).toMatchObject({
      topic: "Vendor selection",
      start_time: tomorrowAt("16:00"),
      duration: 45,
      status: "scheduled",
      host_email: me,
      host_name: world.user.full_name,
      passcode: "fox123",
      waiting_room: true,
      auto_recording: "cloud",
      my_role: "host",
      scheduled_end: tomorrowAt("16:45"),
    });
    expect(m.id).toMatch(/^MTG-\d+$/);
    expect(m.join_url).toBe(`https://meet.example.com/j/${m.meeting_number}`);
    expect(m.participants).toMatchObject({ total: 3, invited: 3 });
    const people = s.ok("list_participants", { meeting_id: m.id }).items as Participant[];
    expect(people.map((p) => [p.name, p.role])).toEqual([
      [world.user.full_name, "host"],
      [guest.full_name, "attendee"],
      ["New Person", "attendee"],
    ]);
    const generated = s.ok("schedule_meeting", { topic: "Quick sync", start_time: tomorrowAt("17:00"), duration: 15 });
    expect(generated.passcode).toMatch(/^\d{6}$/);
    expect(generated.meeting_number).not.toBe(m.meeting_number);
  });

  it("schedule_meeting refuses past starts, bad durations, empty topics and bad passcodes", () => {
    const s = openSession(video, SEED);
    s.fails("schedule_meeting", { topic: "x", start_time: time.addMinutes(world.now, -30), duration: 30 }, "invalid_argument", /not in the future; it is now/);
    s.fails("schedule_meeting", { topic: "x", start_time: world.now, duration: 30 }, "invalid_argument", /not in the future/);
    s.fails(
      "schedule_meeting",
      { topic: "x", start_time: tomorrowAt("10:00"), duration: 0 },
      "invalid_arguments",
      /whole number of minutes from 1 to 1440 \(24 hours\); got 0/,
    );
    s.fails("schedule_meeting", { topic: "x", start_time: tomorrowAt("10:00"), duration: 1441 }, "invalid_arguments", /got 1441/);
    s.fails("schedule_meeting", { topic: "x", start_time: tomorrowAt("10:00"), duration: 12.5 }, "invalid_arguments", /whole number/);
    s.fails("schedule_meeting", { topic: "   ", start_time: tomorrowAt("10:00"), duration: 30 }, "invalid_argument", /topic/);
    s.fails("schedule_meeting", { topic: "x", start_time: tomorrowAt("10:00"), duration: 30, passcode: "has space" }, "invalid_argument", /passcode/);
    expect(s.ok("schedule_meeting", { topic: "x", start_time: tomorrowAt("10:00"), duration: 1440 }).duration).toBe(1440);
    expect(s.ok("schedule_meeting", { topic: "y", start_time: tomorrowAt("10:00"), duration: 1 }).duration).toBe(1);
  });

  it("update_meeting changes the user's scheduled meetings only", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const u = s.ok("update_meeting", { meeting_id: f.upcomingMine.id, duration: 50, start_time: tomorrowAt("18:30"), waiting_room: false });
    expect(u).toMatchObject({
      duration: 50,
      start_time: tomorrowAt("18:30"),
      waiting_room: false,
      topic: f.upcomingMine.topic,
      scheduled_end: tomorrowAt("19:20"),
    });
    s.fails("update_meeting", { meeting_id: f.upcomingMine.id }, "invalid_argument", /nothing to change/);
    s.fails("update_meeting", { meeting_id: f.upcomingMine.id, duration: 2000 }, "invalid_arguments", /1 to 1440/);
    s.fails("update_meeting", { meeting_id: f.upcomingMine.id, start_time: "2020-01-01T10:00:00Z" }, "invalid_argument", /not in the future/);
    s.fails("update_meeting", { meeting_id: f.upcomingTheirs.id, topic: "mine now" }, "permission_denied", /only the host/);
    s.fails("update_meeting", { meeting_id: f.endedMine.id, topic: "redo" }, "failed_precondition", /already ended/);
    s.fails("update_meeting", { meeting_id: f.liveMine.id, topic: "live edit" }, "failed_precondition", /in progress/);
  });

  it("cancel_meeting cancels scheduled meetings; a cancelled meeting never starts", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const c = s.ok("cancel_meeting", { meeting_id: f.upcomingMine.id });
    expect(c.status).toBe("cancelled");
    expect(c.notified_invitees).toBe(f.ofMeeting(f.upcomingMine.id).length - 1);
    s.fails("cancel_meeting", { meeting_id: f.upcomingMine.id }, "failed_precondition", /was cancelled/);
    s.fails("cancel_meeting", { meeting_id: f.liveMine.id }, "failed_precondition", /in progress .*end_meeting ends it/);
    s.ok("end_meeting", { meeting_id: f.liveMine.id });
    s.fails("start_meeting", { meeting_id: f.upcomingMine.id }, "failed_precondition", /was cancelled.*schedule_meeting/);
    s.fails("cancel_meeting", { meeting_id: f.upcomingTheirs.id }, "permission_denied", /only the host/);
    s.fails("cancel_meeting", { meeting_id: f.endedMine.id }, "failed_precondition", /already ended/);
  });

  it("start_meeting: host only, one live meeting at a time, invitees go to the waiting room", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    s.fails("start_meeting", { meeting_id: f.upcomingMine.id }, "conflict", new RegExp(`already hosting meeting ${f.liveMine.id}.*end_meeting`));
    s.fails("start_meeting", { meeting_id: f.liveMine.id }, "conflict", /already in progress/);
    s.fails("start_meeting", { meeting_id: f.upcomingTheirs.id }, "permission_denied", /only the host/);
    s.fails("start_meeting", { meeting_id: f.endedMine.id }, "failed_precondition", /already ended/);
    s.ok("end_meeting", { meeting_id: f.liveMine.id });
    s.ok("update_meeting", { meeting_id: f.upcomingMine.id, waiting_room: true });
    const started = s.ok("start_meeting", { meeting_id: f.upcomingMine.id });
    const now = started.started_at as string;
    expect(started).toMatchObject({ status: "started", participants: { in_meeting: 1, waiting: f.ofMeeting(f.upcomingMine.id).length - 1 } });
    const host = (s.ok("list_participants", { meeting_id: f.upcomingMine.id, status: "in_meeting" }).items as Participant[])[0]!;
    expect(host).toMatchObject({ email: me, role: "host", joined_at: now });
  });

  it("start_meeting without a waiting room lets invitees straight in", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    s.ok("end_meeting", { meeting_id: f.liveMine.id });
    s.ok("update_meeting", { meeting_id: f.upcomingMine.id, waiting_room: false });
    const started = s.ok("start_meeting", { meeting_id: f.upcomingMine.id });
    expect(started.participants).toMatchObject({ in_meeting: f.ofMeeting(f.upcomingMine.id).length, waiting: 0 });
  });

  it("end_meeting: host only, only started meetings, and it makes the cloud recording", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    s.fails("end_meeting", { meeting_id: f.liveTheirs.id }, "permission_denied", /only the host/);
    s.fails("end_meeting", { meeting_id: f.upcomingMine.id }, "failed_precondition", /has not started/);
    s.fails("end_meeting", { meeting_id: f.endedMine.id }, "failed_precondition", /already ended/);
    const inMeeting = f.ofMeeting(f.liveMine.id).filter((p) => p.status === "in_meeting");
    const out = s.ok("end_meeting", { meeting_id: f.liveMine.id });
    expect(out.meeting).toMatchObject({ status: "ended", participants: { in_meeting: 0, waiting: 0, left: inMeeting.length } });
    expect(out.recording_id).toMatch(/^REC-/);
    const rec = s.ok("list_recordings", { meeting_id: f.liveMine.id }).items[0];
    expect(rec).toMatchObject({
      id: out.recording_id,
      meeting_id: f.liveMine.id,
      recording_start: f.liveMine.started_at,
      duration_minutes: time.minutesBetween(f.liveMine.started_at!, out.meeting.ended_at),
    });
    const t = s.ok("get_recording_transcript", { recording_id: out.recording_id, limit: 100 });
    expect(t.speakers.sort()).toEqual(inMeeting.map((p) => p.name).sort());
    expect(t.items[0].speaker).toBe(world.user.full_name);
    s.fails("end_meeting", { meeting_id: f.liveMine.id }, "failed_precondition", /already ended/);
  });
});

describe("video_meeting: participants", () => {
  it("invite_participant adds people to scheduled and live meetings", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const outsider = world.people.find(
      (p) => !f.ofMeeting(f.upcomingMine.id).some((x) => x.email === p.email) && !f.ofMeeting(f.liveMine.id).some((x) => x.email === p.email),
    )!;
    const p = s.ok("invite_participant", { meeting_id: f.upcomingMine.id, email: outsider.email });
    expect(p).toMatchObject({ meeting_id: f.upcomingMine.id, name: outsider.full_name, email: outsider.email, role: "attendee", status: "invited" });
    expect(p.id).toMatch(/^PTC-/);
    const live = s.ok("invite_participant", { meeting_id: f.liveMine.id, email: outsider.email, name: "Guest Speaker" });
    expect(live).toMatchObject({ status: "waiting", name: "Guest Speaker" });
    s.fails("invite_participant", { meeting_id: f.upcomingMine.id, email: outsider.email.toUpperCase() }, "already_exists", /already on meeting/);
    s.fails("invite_participant", { meeting_id: f.liveTheirs.id, email: "a@b.co" }, "permission_denied", /host .* or a co-host/);
    s.fails("invite_participant", { meeting_id: f.endedMine.id, email: "a@b.co" }, "failed_precondition", /ended/);
  });

  it("list_participants filters by status", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const waiting = s.ok("list_participants", { meeting_id: f.liveMine.id, status: "waiting" });
    expect(waiting.items.map((p: Participant) => p.id)).toEqual(
      f
        .ofMeeting(f.liveMine.id)
        .filter((p) => p.status === "waiting")
        .map((p) => p.id),
    );
    expect(s.ok("list_participants", { meeting_id: f.liveMine.id }).total).toBe(f.ofMeeting(f.liveMine.id).length);
    s.fails("list_participants", { meeting_id: "MTG-0000" }, "not_found");
  });

  it("admit_participant admits only from the waiting room of a live meeting", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const a = s.ok("admit_participant", { participant_id: f.waiting.id });
    expect(a).toMatchObject({ id: f.waiting.id, status: "in_meeting" });
    expect(a.joined_at).toBeDefined();
    s.fails("admit_participant", { participant_id: f.waiting.id }, "failed_precondition", /in meeting, not in the waiting room; waiting now/);
    s.fails("admit_participant", { participant_id: f.inLive.id }, "failed_precondition", /not in the waiting room/);
    const scheduledGuest = first(
      f.ofMeeting(f.upcomingMine.id).filter((p) => p.role !== "host"),
      "invitee of an upcoming meeting",
    );
    s.fails("admit_participant", { participant_id: scheduledGuest.id }, "failed_precondition", /only while a meeting is in progress/);
    const theirs = first(
      f.ofMeeting(f.liveTheirs.id).filter((p) => p.email !== me),
      "participant of another's meeting",
    );
    s.fails("admit_participant", { participant_id: theirs.id }, "permission_denied");
  });

  it("remove_participant removes attendees but never the host", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const r = s.ok("remove_participant", { participant_id: f.inLive.id });
    expect(r).toMatchObject({ status: "removed" });
    expect(r.left_at).toBeDefined();
    s.fails("remove_participant", { participant_id: f.inLive.id }, "failed_precondition", /already removed/);
    s.fails("invite_participant", { meeting_id: f.liveMine.id, email: f.inLive.email }, "failed_precondition", /removed .* cannot be invited back/);
    const host = f.ofMeeting(f.liveMine.id).find((p) => p.role === "host")!;
    s.fails("remove_participant", { participant_id: host.id }, "failed_precondition", /is the host .* cannot be removed/);
    const theirs = first(
      f.ofMeeting(f.liveTheirs.id).filter((p) => p.email !== me && p.role !== "host"),
      "attendee of another's meeting",
    );
    s.fails("remove_participant", { participant_id: theirs.id }, "permission_denied");
    const past = first(
      f.ofMeeting(f.endedMine.id).filter((p) => p.role !== "host"),
      "attendee of an ended meeting",
    );
    s.fails("remove_participant", { participant_id: past.id }, "failed_precondition", /ended/);
  });

  it("set_participant_role: co-hosts, and handing over the one host role", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const co = s.ok("set_participant_role", { participant_id: f.inLive.id, role: "co_host" });
    expect(co.participant.role).toBe("co_host");
    s.fails("set_participant_role", { participant_id: f.inLive.id, role: "co_host" }, "already_exists", /already a co-host/);
    const host = f.ofMeeting(f.liveMine.id).find((p) => p.role === "host")!;
    s.fails("set_participant_role", { participant_id: host.id, role: "attendee" }, "failed_precondition", /always has one host/);
    s.fails("set_participant_role", { participant_id: f.waiting.id, role: "host" }, "failed_precondition", /only during the live meeting to someone in it/);
    const scheduled = first(
      f.ofMeeting(f.upcomingMine.id).filter((p) => p.role === "attendee"),
      "attendee of an upcoming meeting",
    );
    s.fails("set_participant_role", { participant_id: scheduled.id, role: "host" }, "failed_precondition", /only during the live meeting/);
    const theirs = first(
      f.ofMeeting(f.liveTheirs.id).filter((p) => p.email !== me && p.role !== "host"),
      "attendee of another's meeting",
    );
    s.fails("set_participant_role", { participant_id: theirs.id, role: "co_host" }, "permission_denied", /only the host/);
    const handed = s.ok("set_participant_role", { participant_id: f.inLive.id, role: "host" });
    expect(handed.previous_host).toBe(world.user.full_name);
    expect(handed.meeting).toMatchObject({ host_email: f.inLive.email, host_name: f.inLive.name, my_role: "co_host" });
    const roles = (s.ok("list_participants", { meeting_id: f.liveMine.id, limit: 100 }).items as Participant[]).filter((p) => p.role === "host");
    expect(roles.map((p) => p.id)).toEqual([f.inLive.id]);
    // The user is now a co-host: still admits people, but may not end the meeting.
    expect(s.ok("admit_participant", { participant_id: f.waiting.id }).status).toBe("in_meeting");
    s.fails("end_meeting", { meeting_id: f.liveMine.id }, "permission_denied", /only the host/);
  });
});

describe("video_meeting: recordings", () => {
  it("list_recordings lists recordings of ended meetings only", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const all = s.ok("list_recordings", { limit: 100 });
    expect(all.total).toBe(f.r.recordings.length);
    expect(all.items[0]).not.toHaveProperty("transcript");
    expect(all.items[0].transcript_lines).toBeGreaterThan(3);
    const starts = all.items.map((x: Recording) => x.recording_start);
    expect(starts).toEqual([...starts].sort().reverse());
    expect(s.ok("list_recordings", { meeting_id: f.endedMine.id }).items.map((x: Recording) => x.id)).toEqual([f.myRecording.id]);
    s.fails(
      "list_recordings",
      { meeting_id: f.liveMine.id },
      "failed_precondition",
      /still in progress; cloud recordings are available only after the meeting ends/,
    );
    s.fails("list_recordings", { meeting_id: f.upcomingMine.id }, "failed_precondition", /has not taken place/);
    s.ok("cancel_meeting", { meeting_id: f.upcomingMine.id });
    s.fails("list_recordings", { meeting_id: f.upcomingMine.id }, "failed_precondition", /cancelled and has no recording/);
  });

  it("get_recording_transcript pages lines and filters by speaker and words", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const t = s.ok("get_recording_transcript", { recording_id: f.myRecording.id, limit: 100 });
    expect(t.total).toBe(f.myRecording.transcript.length);
    expect(t.items).toEqual(f.myRecording.transcript);
    const speaker = f.myRecording.transcript[1]!.speaker;
    const bySpeaker = s.ok("get_recording_transcript", { recording_id: f.myRecording.id, speaker: speaker.split(" ")[0], limit: 100 }).items;
    expect(bySpeaker.length).toBe(f.myRecording.transcript.filter((l) => l.speaker.toLowerCase().includes(speaker.split(" ")[0]!.toLowerCase())).length);
    const word = f.myRecording.transcript[2]!.text.split(" ")[1]!;
    expect(
      s
        .ok("get_recording_transcript", { recording_id: f.myRecording.id, query: word })
        .items.every((l: { text: string }) => l.text.toLowerCase().includes(word.toLowerCase())),
    ).toBe(true);
    expect(s.ok("get_recording_transcript", { recording_id: f.myRecording.id, limit: 2 }).next_cursor).toBeDefined();
    s.fails("get_recording_transcript", { recording_id: "REC-0000" }, "not_found", /list_recordings/);
  });

  it("delete_recording deletes the user's recordings only", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    expect(s.ok("delete_recording", { recording_id: f.myRecording.id })).toEqual({
      deleted: f.myRecording.id,
      meeting_id: f.endedMine.id,
      topic: f.endedMine.topic,
    });
    expect(s.ok("list_recordings", { meeting_id: f.endedMine.id }).total).toBe(0);
    s.fails("delete_recording", { recording_id: f.myRecording.id }, "not_found");
    s.fails("delete_recording", { recording_id: f.theirRecording.id }, "permission_denied", /only the host/);
  });
});

describe("video_meeting: scenario", () => {
  it("schedules, invites, starts, admits, ends, then reads and deletes the recording", () => {
    const s = openSession(video, SEED);
    const f = facts(s);
    const colleague = world.people.find((p) => p.company === world.user.company)!;
    // 1. the user's live meeting must end before another starts
    s.ok("end_meeting", { meeting_id: f.liveMine.id });
    // 2. schedule a recorded meeting with a waiting room
    const m = s.ok("schedule_meeting", { topic: "Sprint retro", start_time: tomorrowAt("15:00"), duration: 30, auto_recording: "cloud" });
    // 3. invite a colleague to it
    const p = s.ok("invite_participant", { meeting_id: m.id, email: colleague.email });
    // 4. start it early: the colleague lands in the waiting room
    const started = s.ok("start_meeting", { meeting_id: p.meeting_id });
    expect(started.participants.waiting).toBe(1);
    // 5. admit them
    expect(s.ok("admit_participant", { participant_id: p.id }).status).toBe("in_meeting");
    // 6. end it: a recording appears
    const ended = s.ok("end_meeting", { meeting_id: m.id });
    const recs = s.ok("list_recordings", { meeting_id: ended.meeting.id }).items;
    expect(recs.map((r: Recording) => r.id)).toEqual([ended.recording_id]);
    // 7. the transcript has both voices, host first
    const t = s.ok("get_recording_transcript", { recording_id: recs[0].id, limit: 100 });
    expect(t.speakers).toEqual([world.user.full_name, colleague.full_name]);
    expect(t.items.some((l: { text: string }) => /sprint|shipped|retro|PR|pull requests/i.test(l.text))).toBe(true);
    // 8. delete it
    expect(s.ok("delete_recording", { recording_id: ended.recording_id }).deleted).toBe(ended.recording_id);
    expect(s.ok("get_meeting", { meeting_id: m.id }).recording_ids).toEqual([]);
  });
});
