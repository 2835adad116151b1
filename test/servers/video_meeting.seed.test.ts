/** The video meetings seed, checked against how a Zoom-like account's month looks. */
import { expect } from "vitest";
import { time } from "../../ts/servers/framework/index.ts";
import video from "../../ts/servers/video_meeting/index.ts";
import type { Meeting, Participant, Recording } from "../../ts/servers/video_meeting/state.ts";
import { groupBy, seedRules, type Seeded } from "../helpers/seed-rules.ts";

const peopleOf = (s: Seeded) => groupBy(s.rows<Participant>("participants"), (p) => p.meeting_id);
/** When a meeting ends: when it did, or when it is scheduled to. */
const endOf = (m: Meeting) => m.ended_at ?? time.addMinutes(m.start_time, m.duration);

seedRules(video, {
  "meeting numbers are unique 11-digit numbers and each join link carries its meeting's number": (s) => {
    const meetings = s.rows<Meeting>("meetings");
    expect(new Set(meetings.map((m) => m.meeting_number)).size).toBe(meetings.length);
    for (const m of meetings) {
      expect(m.meeting_number, m.id).toMatch(/^\d{11}$/);
      expect(m.join_url.endsWith(m.meeting_number), m.id).toBe(true);
    }
  },
  "each meeting has one host, the one it names, at most one co-host, and the user among its people": (s) => {
    const people = peopleOf(s);
    for (const m of s.rows<Meeting>("meetings")) {
      const rows = people.get(m.id)!;
      expect(
        rows.filter((p) => p.role === "host").map((p) => [p.email, p.name]),
        m.id,
      ).toEqual([[m.host_email, m.host_name]]);
      expect(rows.filter((p) => p.role === "co_host").length, m.id).toBeLessThanOrEqual(1);
      expect(
        rows.some((p) => p.email === s.world.user.email),
        m.id,
      ).toBe(true);
      expect(new Set(rows.map((p) => p.email)).size, m.id).toBe(rows.length);
    }
  },
  "a 1:1 is between exactly two people, and its topic names the one who is not the host": (s) => {
    const people = peopleOf(s);
    for (const m of s.rows<Meeting>("meetings").filter((x) => x.topic.startsWith("1:1 with "))) {
      const rows = people.get(m.id)!;
      expect(rows.length, m.id).toBe(2);
      const guest = rows.find((p) => p.role !== "host")!;
      expect(m.topic, m.id).toBe(`1:1 with ${guest.name.split(" ")[0]}`);
    }
  },
  "apart from the two meetings live now, the user is never in two meetings at once": (s) => {
    const live = s.rows<Meeting>("meetings").filter((m) => m.status === "started");
    expect(live.length).toBe(2);
    const booked = s
      .rows<Meeting>("meetings")
      .filter((m) => m.status === "ended" || m.status === "scheduled")
      .sort((a, b) => (a.start_time < b.start_time ? -1 : 1));
    for (let i = 1; i < booked.length; i++) expect(endOf(booked[i - 1]!) <= booked[i]!.start_time, `${booked[i - 1]!.id} and ${booked[i]!.id}`).toBe(true);
    for (const m of booked) for (const l of live) expect(endOf(m) <= l.start_time || m.start_time >= endOf(l), `${m.id} and live ${l.id}`).toBe(true);
  },
  "meetings are on weekdays; a quarter's planning names the quarter it is in": (s) => {
    for (const m of s.rows<Meeting>("meetings")) {
      if (m.status !== "started") expect(time.isWeekend(m.start_time), m.id).toBe(false);
      const q = /^Q(\d) planning$/.exec(m.topic);
      if (q) expect(Number(q[1]), m.id).toBe(Math.ceil(Number(m.start_time.slice(5, 7)) / 3));
    }
  },
  "a meeting was created (and its people invited) before it starts and before now": (s) => {
    const people = peopleOf(s);
    for (const m of s.rows<Meeting>("meetings")) {
      expect(m.created_at < m.start_time && m.created_at < s.world.now, m.id).toBe(true);
      for (const p of people.get(m.id)!) expect(p.invited_at, p.id).toBe(m.created_at);
    }
  },
  "a meeting's status follows the clock: ended and cancelled ones were in the past, scheduled ones start after now, the live ones started before now": (s) => {
    for (const m of s.rows<Meeting>("meetings")) {
      if (m.status === "ended") expect(m.ended_at! < s.world.now, m.id).toBe(true);
      if (m.status === "cancelled") expect([m.start_time < s.world.now, m.started_at], m.id).toEqual([true, undefined]);
      if (m.status === "scheduled") expect(m.start_time > s.world.now && !m.started_at, m.id).toBe(true);
      if (m.status === "started") expect(m.started_at! < s.world.now && !m.ended_at, m.id).toBe(true);
    }
  },
  "an ended meeting started at most four minutes late; the host joined at the start, others within five minutes, everyone who came left at the end; the rest stayed invited":
    (s) => {
      const people = peopleOf(s);
      for (const m of s.rows<Meeting>("meetings").filter((x) => x.status === "ended")) {
        expect(time.minutesBetween(m.start_time, m.started_at!), m.id).toBeLessThanOrEqual(4);
        expect(m.started_at! >= m.start_time && m.ended_at! > m.started_at!, m.id).toBe(true);
        for (const p of people.get(m.id)!) {
          if (p.role === "host") expect([p.status, p.joined_at, p.left_at], p.id).toEqual(["left", m.started_at, m.ended_at]);
          else if (p.status === "left") expect(time.minutesBetween(m.started_at!, p.joined_at!) <= 5 && p.left_at === m.ended_at, p.id).toBe(true);
          else expect([p.status, p.joined_at], p.id).toEqual(["invited", undefined]);
        }
      }
    },
  "a recording covers an ended meeting set to record to the cloud, was made after it ended, and its transcript's speakers are people who came": (s) => {
    const meetings = new Map(s.rows<Meeting>("meetings").map((m) => [m.id, m]));
    const people = peopleOf(s);
    const recordings = s.rows<Recording>("recordings");
    for (let i = 1; i < recordings.length; i++) expect(recordings[i - 1]!.created_at <= recordings[i]!.created_at).toBe(true);
    for (const r of recordings) {
      const m = meetings.get(r.meeting_id)!;
      expect([m.status, m.auto_recording, r.recording_start, r.recording_end, r.topic], r.id).toEqual(["ended", "cloud", m.started_at, m.ended_at, m.topic]);
      expect(r.duration_minutes, r.id).toBe(time.minutesBetween(r.recording_start, r.recording_end));
      expect(r.created_at > r.recording_end && r.created_at < s.world.now, r.id).toBe(true);
      const came = new Set(
        people
          .get(m.id)!
          .filter((p) => p.joined_at)
          .map((p) => p.name),
      );
      for (const line of r.transcript) expect(came.has(line.speaker), `${r.id} ${line.speaker}`).toBe(true);
    }
    for (const m of meetings.values())
      if (m.status === "ended" && m.auto_recording === "cloud")
        expect(
          recordings.some((r) => r.meeting_id === m.id),
          m.id,
        ).toBe(true);
  },
  "right now the user hosts a meeting with people in it and in its waiting room, while a colleague's meeting the user was invited to runs without them": (
    s,
  ) => {
    const people = peopleOf(s);
    const live = s.rows<Meeting>("meetings").filter((m) => m.status === "started");
    const mine = live.find((m) => m.host_email === s.world.user.email)!;
    const theirs = live.find((m) => m.host_email !== s.world.user.email)!;
    const mineRows = people.get(mine.id)!;
    expect(mine.waiting_room).toBe(true);
    expect(mineRows.filter((p) => p.status === "in_meeting").length).toBeGreaterThanOrEqual(2);
    expect(mineRows.filter((p) => p.status === "waiting").length).toBeGreaterThanOrEqual(1);
    for (const p of mineRows.filter((x) => x.status === "in_meeting")) expect(p.joined_at! >= mine.started_at! && p.joined_at! < s.world.now, p.id).toBe(true);
    const theirRows = people.get(theirs.id)!;
    expect(theirRows.find((p) => p.email === s.world.user.email)!.status).toBe("invited");
    expect(theirRows.some((p) => p.status === "in_meeting")).toBe(true);
  },
});
