/**
 * Attendees, answers, reminders, rooms and scheduling: RSVP, invite and uninvite, free/busy,
 * finding meeting slots, listing and booking rooms.
 *
 * Rules:
 * - only invited attendees answer an invitation (respond_to_event), and only for themselves;
 * - only the organizer invites or removes people, books or releases a room; the organizer
 *   cannot be removed; nobody is invited twice;
 * - a room holds at most its capacity (attendees, organizer included) and is never double-booked:
 *   the refusal names the conflicting event and suggests a free room or time;
 * - free/busy windows are at most 62 days, slot searches at most 31 days, within working hours
 *   (09:00–17:00 Monday–Friday on the UTC session clock) and never in the past;
 * - reminders: at most 5, 0 to 40320 minutes before, not on read-only calendars.
 */
import { check, dateOrInstant, emailAddresses, emailList, fail, isoInstant, page, paginate, rangeStart, ref, refs, time, z } from "../../framework/index.ts";
import { eventView, headcount, Reminder, read, write } from "../state.ts";
import {
  busyIntervals,
  checkRoom,
  merge,
  mustOrganize,
  mustWrite,
  personBusy,
  roomConflict,
  windowOf,
  withinWorkingHours,
  WORK_END_HOUR,
  WORK_START_HOUR,
} from "./common.ts";
import { withUserAsOrganizer } from "./events.ts";

const eventId = (d: string) => ref("event", d);

export const peopleTools = {
  respond_to_event: write({
    description:
      "Answer an invitation for the user: accepted, declined or tentative (optionally with a comment for the organizer). Only works for events the user is invited to; for a recurring event it answers the whole series. Returns the user's answer and the attendee list.",
    input: z
      .object({
        event_id: eventId("The event the user is invited to"),
        response: z.enum(["accepted", "declined", "tentative"]).describe("The user's answer"),
        comment: z.string().max(500).optional().describe("A note for the organizer, e.g. 'Running 5 minutes late'"),
      })
      .strict(),
    run: (db, a, env) => {
      const e = db.events.need(a.event_id);
      const me = env.world.user.email;
      const mine = e.attendees.find((x) => x.email === me);
      if (!mine) {
        if (e.organizer === me) fail(`${e.id} ('${e.summary}') is your own event with no guests; there is no invitation to answer`, "failed_precondition");
        fail(
          `you are not invited to ${e.id} ('${e.summary}', organised by ${e.organizer}); only invited attendees can answer — ask the organizer for an invitation`,
          "permission_denied",
        );
      }
      const attendees = e.attendees.map((x) =>
        x.email === me ? { ...x, response_status: a.response, ...(a.comment !== undefined ? { comment: a.comment } : {}) } : x,
      );
      const updated = db.events.update(e.id, { attendees, updated_at: env.now });
      return { event_id: e.id, summary: e.summary, start: e.start, response_status: a.response, attendees: updated.attendees };
    },
  }),

  add_event_attendees: write({
    description:
      "Invite more people to an event the user organizes (their answer starts as needsAction). If a room is booked it must seat everyone. Returns the event.",
    input: z
      .object({
        event_id: eventId("The event"),
        emails: emailList("Addresses of the people to invite", 50).min(1, "name at least one person to invite"),
        optional: z.boolean().default(false).describe("Mark them as optional attendees"),
      })
      .strict(),
    run: (db, a, env) => {
      const e = db.events.need(a.event_id);
      mustOrganize(db, e, env, "invite people to this event");
      const emails = emailAddresses(a.emails, "emails").filter((x) => x !== env.world.user.email);
      check(emails.length > 0, `you organise ${e.id} and are on it already; name the people to invite`, "invalid_argument");
      const already = e.attendees.filter((x) => emails.includes(x.email));
      check(
        already.length === 0,
        () => `already invited to ${e.id}: ${already.map((x) => `${x.email} (${x.response_status})`).join(", ")}; invite only people who are not on the list`,
        "already_exists",
      );
      const attendees = withUserAsOrganizer(env, emails, e.attendees).map((x) => (emails.includes(x.email) ? { ...x, optional: a.optional } : x));
      if (e.room_id) {
        const room = db.rooms.need(e.room_id);
        check(
          room.capacity >= headcount(attendees),
          () =>
            `room ${room.id} (${room.name}) seats ${room.capacity}; with these invitations ${e.id} would have ${headcount(attendees)} attendees — book a bigger room with book_meeting_room first (see list_meeting_rooms with min_capacity ${headcount(attendees)})`,
          "failed_precondition",
        );
      }
      return eventView(db, db.events.update(e.id, { attendees, updated_at: env.now }));
    },
  }),

  remove_event_attendee: write({
    description: "Take one person off an event the user organizes. The organizer cannot be removed. Returns the event.",
    input: z.object({ event_id: eventId("The event"), email: z.string().trim().min(1).max(320).describe("Address of the attendee to remove") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const e = db.events.need(a.event_id);
      mustOrganize(db, e, env, "remove attendees from this event");
      const email = emailAddresses([a.email], "email")[0] as string;
      check(
        email !== e.organizer,
        `${email} organises ${e.id} and cannot be removed from it; delete the event instead if it should not happen`,
        "failed_precondition",
      );
      check(
        e.attendees.some((x) => x.email === email),
        () => `${email} is not invited to ${e.id}; its attendees are ${e.attendees.map((x) => x.email).join(", ") || "none"}`,
        "not_found",
      );
      const rest = e.attendees.filter((x) => x.email !== email);
      return eventView(db, db.events.update(e.id, { attendees: rest.length === 1 && rest[0]?.email === e.organizer ? [] : rest, updated_at: env.now }));
    },
  }),

  set_event_reminders: write({
    description:
      "Replace the user's reminders for an event (at most 5; [] removes them all), e.g. [{method:'popup', minutes:10}, {method:'email', minutes:1440}]. Not possible on read-only calendars. Returns the event.",
    input: z
      .object({
        event_id: eventId("The event"),
        reminders: z
          .array(
            Reminder.extend({
              method: z.enum(["popup", "email"]).describe("popup or email"),
              minutes: z.number().int().min(0).max(40_320).describe("Minutes before the start (0-40320)"),
            }).strict(),
          )
          .max(5, "at most 5 reminders per event")
          .describe("The new reminders; [] for none"),
      })
      .strict(),
    run: (db, a, env) => {
      const e = db.events.need(a.event_id);
      mustWrite(db, db.calendars.need(e.calendar_id), "set reminders on its events");
      const keys = a.reminders.map((r) => `${r.method}:${r.minutes}`);
      const dup = keys.find((k, i) => keys.indexOf(k) !== i);
      check(!dup, () => `the reminder ${dup?.replace(":", " ")} minutes is given twice; give each reminder once`, "invalid_argument");
      const reminders = [...a.reminders].sort((x, y) => x.minutes - y.minutes || x.method.localeCompare(y.method));
      return eventView(db, db.events.update(e.id, { reminders, updated_at: env.now }));
    },
  }),

  query_free_busy: read({
    description:
      "When people and rooms are busy in a window (at most 62 days): merged busy intervals per person (from events they organize or have not declined; titles stay private) and per room. Defaults to the user over the next 7 days.",
    input: z
      .object({
        time_min: rangeStart("time_max", dateOrInstant("Window start; default now")).optional(),
        time_max: dateOrInstant("Window end; default 7 days after time_min").optional(),
        emails: emailList("People's addresses; default the user", 50).default([]),
        room_ids: refs("room", "Rooms to check").default([]),
      })
      .strict(),
    run: (db, a, env) => {
      const w = windowOf(a, env.now, 7, 62);
      const emails = a.emails.length || a.room_ids.length ? emailAddresses(a.emails, "emails") : [env.world.user.email];
      const rooms = [...new Set(a.room_ids)].map((r) => db.rooms.need(r));
      const names = new Map([[env.world.user.email, env.world.user.full_name], ...env.world.people.map((p) => [p.email, p.full_name] as [string, string])]);
      const iso = (x: { start: number; end: number }) => ({ start: time.fromMs(x.start), end: time.fromMs(x.end) });
      return {
        time_min: time.fromMs(w.from),
        time_max: time.fromMs(w.to),
        people: emails.map((email) => ({
          email,
          ...(names.has(email) ? { name: names.get(email) } : { note: "not in the directory: no calendar to read" }),
          busy: personBusy(db, email, w.from, w.to).map(iso),
        })),
        rooms: rooms.map((r) => ({ room_id: r.id, name: r.name, busy: merge(busyIntervals(db, (e) => e.room_id === r.id, w.from, w.to)).map(iso) })),
      };
    },
  }),

  find_meeting_slots: read({
    description:
      "Find the first free slots of a given length when the user and all the given attendees are free, within working hours (09:00–17:00 Monday–Friday, UTC clock), on a 30-minute grid, never in the past. " +
      "Optionally also a free room that seats everyone (with_room). Default window: from now for 7 days (at most 31). Returns up to max_results slots, earliest first.",
    input: z
      .object({
        attendees: emailList("Addresses of the other people who must attend (the user is always included)", 50),
        duration_minutes: z
          .number()
          .int()
          .min(15)
          .max((WORK_END_HOUR - WORK_START_HOUR) * 60)
          .describe(`Length of the meeting in minutes (15-${(WORK_END_HOUR - WORK_START_HOUR) * 60})`),
        time_min: rangeStart("time_max", dateOrInstant("Earliest start; default now")).optional(),
        time_max: dateOrInstant("Latest end; default 7 days after time_min").optional(),
        with_room: z.boolean().default(false).describe("Only slots where a room seating everyone is free; each slot then names the smallest such room"),
        max_results: z.number().int().min(1).max(20).default(5).describe("How many slots to return (1-20)"),
      })
      .strict(),
    run: (db, a, env) => {
      const w = windowOf(a, env.now, 7, 31);
      const nowMs = time.toMs(env.now);
      check(w.to > nowMs, `the window ends ${time.fromMs(w.to)}, which is in the past; it is now ${env.now}`, "invalid_argument");
      const me = env.world.user.email;
      const people = [me, ...emailAddresses(a.attendees, "attendees").filter((x) => x !== me)];
      const busy = merge(people.flatMap((p) => personBusy(db, p, w.from, w.to)));
      const step = 30 * time.MINUTE;
      const dur = a.duration_minutes * time.MINUTE;
      const rooms = a.with_room ? db.rooms.filter((r) => r.capacity >= people.length).sort((x, y) => x.capacity - y.capacity) : [];
      if (a.with_room && rooms.length === 0)
        fail(
          `no room seats ${people.length} people (the largest seats ${Math.max(...db.rooms.all().map((r) => r.capacity), 0)}); search without with_room and meet by video`,
          "failed_precondition",
        );
      const slots: Array<{ start: string; end: string; room_id?: string; room?: string }> = [];
      for (let t = Math.ceil(Math.max(w.from, nowMs) / step) * step; t + dur <= w.to && slots.length < a.max_results; t += step) {
        if (!withinWorkingHours(t, t + dur)) continue;
        if (busy.some((b) => b.start < t + dur && t < b.end)) continue;
        const span = [{ start: time.fromMs(t), end: time.fromMs(t + dur) }];
        if (a.with_room) {
          const room = rooms.find((r) => !roomConflict(db, r.id, span));
          if (!room) continue;
          slots.push({ ...span[0]!, room_id: room.id, room: `${room.name} (${room.capacity} seats)` });
        } else slots.push(span[0]!);
      }
      return { attendees: people, duration_minutes: a.duration_minutes, time_min: time.fromMs(Math.max(w.from, nowMs)), time_max: time.fromMs(w.to), slots };
    },
  }),

  list_meeting_rooms: read({
    description:
      "The office's bookable meeting rooms with capacity, floor and equipment; optionally only those seating at least min_capacity, having a feature, or free for a whole window (available_from/available_until).",
    input: z
      .object({
        min_capacity: z.number().int().min(1).max(500).optional().describe("Only rooms with at least this many seats"),
        feature: z.string().trim().max(50).optional().describe("Only rooms with this equipment, e.g. 'video conferencing' or 'whiteboard'"),
        available_from: rangeStart("available_until", isoInstant("Only rooms free from this instant…")).optional(),
        available_until: isoInstant("…until this instant").optional(),
        ...page,
      })
      .strict(),
    discovers: "room",
    run: (db, a) => {
      check(
        (a.available_from === undefined) === (a.available_until === undefined),
        "give both available_from and available_until to filter by availability, or neither",
        "invalid_argument",
      );
      const span = a.available_from && a.available_until ? [{ start: a.available_from, end: a.available_until }] : undefined;
      if (span) check(span[0]!.end > span[0]!.start, "available_until must be after available_from", "invalid_argument");
      const rows = db.rooms.filter(
        (r) =>
          (a.min_capacity === undefined || r.capacity >= a.min_capacity) &&
          (!a.feature || r.features.some((f) => f.toLowerCase().includes(a.feature!.toLowerCase()))) &&
          (!span || !roomConflict(db, r.id, span)),
      );
      return paginate(
        rows.sort((x, y) => x.capacity - y.capacity || x.id.localeCompare(y.id)),
        a,
      );
    },
  }),

  book_meeting_room: write({
    description:
      "Book a meeting room for an event the user organizes (replacing any room it had). The room must seat all attendees and be free at every occurrence; if not, the error names the conflicting event and suggests free rooms or times. Returns the event.",
    input: z.object({ event_id: eventId("The event"), room_id: ref("room", "The room to book") }).strict(),
    run: (db, a, env) => {
      const e = db.events.need(a.event_id);
      mustOrganize(db, e, env, "book a room for this event");
      const room = db.rooms.need(a.room_id);
      check(e.room_id !== room.id, `${room.name} (${room.id}) is already booked for ${e.id}`, "already_exists");
      checkRoom(db, room, e);
      const old = e.room_id ? db.rooms.get(e.room_id) : undefined;
      const roomLocation = `${room.name}, ${room.building}, floor ${room.floor}`;
      const keepLocation = e.location && !(old && e.location.startsWith(old.name));
      return eventView(db, db.events.update(e.id, { room_id: room.id, location: keepLocation ? e.location : roomLocation, updated_at: env.now }));
    },
  }),

  release_meeting_room: write({
    description: "Cancel the room booking of an event the user organizes; the event itself stays. Returns the event.",
    input: z.object({ event_id: eventId("The event") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const e = db.events.need(a.event_id);
      mustOrganize(db, e, env, "release this event's room");
      check(e.room_id, `${e.id} ('${e.summary}') has no room booked; nothing to release`, "failed_precondition");
      const room = db.rooms.get(e.room_id);
      const { room_id: _r, ...rest } = e;
      return eventView(db, db.events.put({ ...rest, location: room && e.location.startsWith(room.name) ? "" : e.location, updated_at: env.now }));
    },
  }),
};
