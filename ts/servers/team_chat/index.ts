import { defineDomain } from "../framework/index.ts";
import { seedTeamChat } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "team_chat",
  title: "Team chat",
  description:
    "The Slack workspace of the user's company: colleagues and guests from partner companies, public, private and archived channels, and two weeks of messages with threads, reactions, mentions, links and pins.",
  tables,
  seed: seedTeamChat,
  tools,
});
