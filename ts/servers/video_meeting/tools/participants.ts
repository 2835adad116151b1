/** Participants: invite, list, admit from the waiting room, remove, change roles (one host). */
import { check, email, page, ref, z } from "../../framework/index.ts";
import { PARTICIPANT_STATUSES, read, requireHost, requireHostOrCoHost, ROLES, write, type Meeting, type Participant, type Video } from "../state.ts";
import { meetingView, nameFor } from "./meetings.ts";

const ROLE_LABEL = { host: "the host", co_host: "a co-host", attendee: "an attendee" } as const;

const participantId = (description: string) => ref("participant", description);

function meetingOf(db: Video, p: Participant): Meeting {
  return db.meetings.need(p.meeting_id);
}

function checkOpen(m: Meeting, action: string): void {
  check(
    m.status === "scheduled" || m.status === "started",
    `meeting ${m.id} is ${m.status}; people can ${action} only while a meeting is scheduled or in progress`,
  );
}

export const participantTools = {
  invite_participant: write({
    description:
      "Invite one person by email to a scheduled or live meeting (host or co-host only). For a live meeting the invitee joins at once: into the waiting room when it is on. Returns the participant.",
    input: z
      .object({
        meeting_id: ref("meeting", "The meeting"),
        email: email("The invitee's email address"),
        name: z.string().trim().min(1).max(100).optional().describe("Display name; taken from the user's contacts or the address when omitted"),
      })
      .strict(),
    produces: "participant",
    run: (db, a, env) => {
      const m = db.meetings.need(a.meeting_id);
      requireHostOrCoHost(db, m, env, "invite people");
      checkOpen(m, "be invited");
      const email = a.email.toLowerCase();
      const prior = db.participants.find((p) => p.meeting_id === m.id && p.email.toLowerCase() === email);
      check(prior?.status !== "removed", () => `${prior?.name} was removed from meeting ${m.id} and cannot be invited back into it`);
      check(
        !prior,
        () => `${prior?.name} <${email}> is already on meeting ${m.id} as ${prior?.role} (${prior?.status}, participant ${prior?.id})`,
        "already_exists",
      );
      const live = m.status === "started";
      return db.participants.create({
        meeting_id: m.id,
        name: a.name ?? nameFor(env, email),
        email,
        role: "attendee",
        status: live ? (m.waiting_room ? "waiting" : "in_meeting") : "invited",
        invited_at: env.now,
        ...(live && !m.waiting_room ? { joined_at: env.now } : {}),
      });
    },
  }),

  list_participants: read({
    description:
      "People on a meeting with their role (host, co_host, attendee) and status (invited, waiting, in_meeting, left, removed); filter by status, e.g. waiting for the waiting room.",
    input: z
      .object({
        meeting_id: ref("meeting", "The meeting"),
        status: z.enum(PARTICIPANT_STATUSES).optional().describe("Only participants with this status"),
        ...page,
      })
      .strict(),
    discovers: "participant",
    run: (db, a) => {
      const m = db.meetings.need(a.meeting_id);
      return {
        meeting_id: m.id,
        meeting_status: m.status,
        ...db.participants.page(a, { where: (p) => p.meeting_id === m.id && (!a.status || p.status === a.status) }),
      };
    },
  }),

  admit_participant: write({
    description:
      "Let a person in from the waiting room of a live meeting (host or co-host only). Only participants whose status is waiting can be admitted. Returns the participant.",
    input: z.object({ participant_id: participantId("The waiting participant") }).strict(),
    run: (db, a, env) => {
      const p = db.participants.need(a.participant_id);
      const m = meetingOf(db, p);
      requireHostOrCoHost(db, m, env, "admit people");
      check(m.status === "started", `meeting ${m.id} is ${m.status}; the waiting room exists only while a meeting is in progress`);
      const waiting = db.participants.filter((x) => x.meeting_id === m.id && x.status === "waiting");
      check(
        p.status === "waiting",
        () =>
          `${p.name} is ${p.status.replace("_", " ")}, not in the waiting room; ${waiting.length ? `waiting now: ${waiting.map((x) => `${x.name} (${x.id})`).join(", ")}` : "nobody is waiting"}`,
      );
      return db.participants.update(p.id, { status: "in_meeting", joined_at: env.now });
    },
  }),

  remove_participant: write({
    description:
      "Remove a person from a meeting (host or co-host only): out of a live meeting, or off the invite list of a scheduled one. The host cannot be removed. Removed people cannot rejoin.",
    input: z.object({ participant_id: participantId("The participant to remove") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const p = db.participants.need(a.participant_id);
      const m = meetingOf(db, p);
      requireHostOrCoHost(db, m, env, "remove people");
      checkOpen(m, "be removed");
      check(
        p.role !== "host",
        `${p.name} is the host of meeting ${m.id} and cannot be removed; hand the host role to someone else with set_participant_role first`,
      );
      check(p.status !== "removed", `${p.name} was already removed from meeting ${m.id}`);
      return db.participants.update(p.id, { status: "removed", ...(p.status === "in_meeting" ? { left_at: env.now } : {}) });
    },
  }),

  set_participant_role: write({
    description:
      "Change a participant's role (host only): co_host or attendee, or host to hand the meeting over during a live meeting to someone in it (the old host becomes co-host; a meeting always has exactly one host). Returns the participant and the meeting.",
    input: z.object({ participant_id: participantId("The participant"), role: z.enum(ROLES).describe("host, co_host or attendee") }).strict(),
    run: (db, a, env) => {
      const p = db.participants.need(a.participant_id);
      const m = meetingOf(db, p);
      requireHost(m, env, "change roles in");
      checkOpen(m, "change roles");
      check(p.status !== "removed" && p.status !== "left", `${p.name} is ${p.status}; only people invited to or in the meeting get a role`);
      check(p.role !== a.role, `${p.name} is already ${ROLE_LABEL[a.role]} of meeting ${m.id}`, "already_exists");
      check(
        p.role !== "host",
        `${p.name} is the meeting's host and a meeting always has one host; make another participant host (role host) to hand it over instead`,
      );
      if (a.role === "host") {
        check(
          m.status === "started" && p.status === "in_meeting",
          `the host role can be handed over only during the live meeting to someone in it; ${p.name} is ${p.status.replace("_", " ")} and the meeting is ${m.status}`,
        );
        const old = db.participants.find((x) => x.meeting_id === m.id && x.role === "host");
        if (old) db.participants.update(old.id, { role: "co_host" });
        const updated = db.participants.update(p.id, { role: "host" });
        const meeting = db.meetings.update(m.id, { host_email: p.email, host_name: p.name });
        return { participant: updated, previous_host: old?.name ?? null, meeting: meetingView(db, meeting, env) };
      }
      return { participant: db.participants.update(p.id, { role: a.role }), meeting: meetingView(db, m, env) };
    },
  }),
};
