/**
 * Calendars: list them, create a secondary calendar, delete one the user owns.
 *
 * Rules: calendar names are unique among the user's calendars (ignoring case); the primary
 * calendar cannot be deleted; only calendars the user owns can be deleted (shared and read-only
 * ones cannot), and deleting one deletes its events.
 */
import { check, page, ref, z } from "../../framework/index.ts";
import { needCalendar, read, write } from "../state.ts";

const COLORS = ["#4285F4", "#0B8043", "#8E24AA", "#F4511E", "#E67C73", "#F6BF26", "#039BE5", "#616161"] as const;

export const calendarTools = {
  list_calendars: read({
    description:
      "The calendars the user sees: their primary calendar, shared ones and subscriptions (e.g. holidays), each with the user's access (owner, writer, or reader = read-only) and how many events it holds. Use 'primary' as the id of the user's own calendar.",
    input: z.object({ ...page }).strict(),
    discovers: "calendar",
    run: (db, a) => {
      const p = db.calendars.page(a);
      return { ...p, items: p.items.map((c) => ({ ...c, events: db.events.count((e) => e.calendar_id === c.id), can_edit: c.access_role !== "reader" })) };
    },
  }),

  create_calendar: write({
    description:
      "Create a secondary calendar owned by the user (e.g. 'Side project', 'Kids'), to put events on with create_event. Names are unique among the user's calendars. Returns the calendar.",
    input: z
      .object({
        summary: z.string().trim().min(1, "a calendar needs a name").max(100).describe("Name of the calendar"),
        description: z.string().max(1000).default("").describe("What it is for"),
        color: z.enum(COLORS).optional().describe("Display colour"),
      })
      .strict(),
    produces: "calendar",
    run: (db, a, env) => {
      const clash = db.calendars.find((c) => c.summary.toLowerCase() === a.summary.toLowerCase());
      check(!clash, () => `a calendar named "${clash?.summary}" already exists (${clash?.id}); use it or choose another name`, "already_exists");
      const used = new Set(db.calendars.all().map((c) => c.color));
      return db.calendars.create({
        summary: a.summary,
        description: a.description,
        owner: env.world.user.email,
        access_role: "owner",
        primary: false,
        color: a.color ?? COLORS.find((c) => !used.has(c)) ?? COLORS[0],
        time_zone: "UTC",
      });
    },
  }),

  delete_calendar: write({
    description:
      "Delete a calendar the user owns, with all its events. The primary calendar cannot be deleted, nor calendars shared with the user by others or subscriptions such as holidays. Returns how many events went with it.",
    input: z.object({ calendar_id: ref("calendar", "The calendar to delete") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const c = needCalendar(db, a.calendar_id);
      check(!c.primary, `${c.id} is your primary calendar and cannot be deleted; delete its events one by one with delete_event instead`);
      check(
        c.access_role === "owner" && c.owner === env.world.user.email,
        `calendar ${c.id} ("${c.summary}") belongs to ${c.owner}; only calendars you own can be deleted`,
        "permission_denied",
      );
      const events = db.events.filter((e) => e.calendar_id === c.id);
      for (const e of events) db.events.delete(e.id);
      db.calendars.delete(c.id);
      return { deleted: c.id, summary: c.summary, events_deleted: events.length };
    },
  }),
};
