/** Cloud recordings: made when a recorded meeting ends; list, read the transcript, delete. */
import { check, descending, isoDate, matchesText, page, paginate, rangeStart, ref, z } from "../../framework/index.ts";
import { myEmail, read, write } from "../state.ts";

export const recordingTools = {
  list_recordings: read({
    description:
      "Cloud recordings of the user's meetings, newest first, without transcripts (get_recording_transcript reads them). A recording exists only after its meeting has ended; asking for a meeting that has not ended says so.",
    input: z
      .object({
        meeting_id: ref("meeting", "Only recordings of this meeting").optional(),
        from_date: rangeStart("to_date", isoDate("Only recordings made on or after this date")).optional(),
        to_date: isoDate("Only recordings made on or before this date").optional(),
        ...page,
      })
      .strict(),
    discovers: "recording",
    run: (db, a, env) => {
      if (a.meeting_id !== undefined) {
        const m = db.meetings.need(a.meeting_id);
        check(
          m.status === "ended",
          m.status === "cancelled"
            ? `meeting ${m.id} was cancelled and has no recording`
            : `meeting ${m.id} is ${m.status === "started" ? "still in progress" : "scheduled and has not taken place"}; cloud recordings are available only after the meeting ends (end_meeting)`,
        );
      }
      const me = myEmail(env);
      const mine = new Set(db.participants.filter((p) => p.email === me).map((p) => p.meeting_id));
      const p = db.recordings.page(a, {
        where: (r) =>
          (mine.has(r.meeting_id) || r.host_email === me) &&
          (!a.meeting_id || r.meeting_id === a.meeting_id) &&
          (!a.from_date || r.recording_start.slice(0, 10) >= a.from_date) &&
          (!a.to_date || r.recording_start.slice(0, 10) <= a.to_date),
        sort: descending("recording_start"),
      });
      return { ...p, items: p.items.map(({ transcript, ...r }) => ({ ...r, transcript_lines: transcript.length })) };
    },
  }),

  get_recording_transcript: read({
    description: "The transcript of a cloud recording: lines with time offset, speaker and text, in order; filter by speaker or words.",
    input: z
      .object({
        recording_id: ref("recording", "The recording"),
        speaker: z.string().trim().max(100).optional().describe("Only lines by this speaker (part of the name)"),
        query: z.string().trim().max(100).optional().describe("Only lines containing these words"),
        ...page,
      })
      .strict(),
    run: (db, a) => {
      const r = db.recordings.need(a.recording_id);
      const lines = r.transcript.filter((l) => matchesText(a.speaker, l.speaker) && matchesText(a.query, l.text));
      return {
        recording_id: r.id,
        meeting_id: r.meeting_id,
        topic: r.topic,
        speakers: [...new Set(r.transcript.map((l) => l.speaker))],
        ...paginate(lines, a),
      };
    },
  }),

  delete_recording: write({
    description: "Delete a cloud recording and its transcript for good. Only the meeting's host can delete it.",
    input: z.object({ recording_id: ref("recording", "The recording to delete") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const r = db.recordings.need(a.recording_id);
      const m = db.meetings.get(r.meeting_id);
      const host = m?.host_email ?? r.host_email;
      check(
        host === myEmail(env),
        `only the host of meeting ${r.meeting_id} (${m?.host_name ?? host}) can delete its recording; you are not its host`,
        "permission_denied",
      );
      db.recordings.delete(r.id);
      return { deleted: r.id, meeting_id: r.meeting_id, topic: r.topic };
    },
  }),
};
