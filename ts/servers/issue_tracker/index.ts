import { defineDomain } from "../framework/index.ts";
import { seedIssueTracker } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools/index.ts";

export default defineDomain({
  name: "issue_tracker",
  title: "Issue tracker",
  description:
    "The user's software team in a Jira/Linear-like tracker: four projects with keys such as ATLAS, issues (bugs, stories, tasks, epics) moving through a workflow (backlog → todo → in progress → in review → done), comments, links and two-week sprints. The user leads one project, works in two more and can only browse the fourth.",
  tables,
  seed: seedIssueTracker,
  tools,
});
