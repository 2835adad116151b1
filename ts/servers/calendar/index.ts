import { defineDomain } from "../framework/index.ts";
import { seedCalendar } from "./seed.ts";
import { needCalendar, tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "calendar",
  title: "Calendar",
  description:
    "The user's calendars, modelled on Google Calendar: their primary and personal calendars, a shared team calendar, read-only US holidays and a colleague's read-only calendar; " +
    "±30 days of meetings with the world's people (attendees with responses, organizers, recurring series, reminders) and five bookable meeting rooms. All times are UTC; working hours are 09:00–17:00, Monday to Friday.",
  tables,
  seed: seedCalendar,
  tools,
  // "primary" names the user's own calendar.
  resolve: { calendar: needCalendar },
});
