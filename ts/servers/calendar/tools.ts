/** Calendar tools, by resource: calendars, events, and people/rooms/scheduling. */
import { calendarTools } from "./tools/calendars.ts";
import { eventTools } from "./tools/events.ts";
import { peopleTools } from "./tools/people.ts";

export const tools = { ...calendarTools, ...eventTools, ...peopleTools };
