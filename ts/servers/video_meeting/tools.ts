/**
 * Video meeting tools (Zoom meetings API style), acting as the user.
 *
 * Rules enforced:
 * - only the host schedules changes, starts, ends or cancels a meeting; the host runs one live meeting at a time;
 * - scheduled → started → ended, or scheduled → cancelled: cancelled and ended meetings never start,
 *   a meeting that has not started cannot end, only scheduled meetings are updated or cancelled;
 * - a new or moved meeting starts in the future and lasts 1-1440 minutes;
 * - the host or a co-host invites, admits (only from the waiting room of a live meeting) and removes people;
 * - a meeting has exactly one host: the host cannot be removed or demoted, only replaced by handing
 *   the role to someone in the live meeting;
 * - recordings exist only after a meeting with cloud recording ends; only the host deletes them.
 */
import { meetingTools } from "./tools/meetings.ts";
import { participantTools } from "./tools/participants.ts";
import { recordingTools } from "./tools/recordings.ts";

export const tools = { ...meetingTools, ...participantTools, ...recordingTools };
