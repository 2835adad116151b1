import { defineDomain } from "../framework/index.ts";
import { seedVideoMeeting } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "video_meeting",
  title: "Video meetings",
  description:
    "The user's Zoom-style video meetings: a month of past meetings with attendance and cloud recordings with transcripts, three weeks of upcoming ones, and meetings in progress with people in the waiting room. The user hosts most of them and is an attendee in the rest.",
  tables,
  seed: seedVideoMeeting,
  tools,
});
