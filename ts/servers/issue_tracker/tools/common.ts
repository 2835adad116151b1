/** Parameters and views shared by the issue tracker's tools. */
import { ref, z } from "../../framework/index.ts";
import { PRIORITIES, WORKFLOW, WORK_STATUSES, type Issue, type Status, type Tracker } from "../state.ts";

export const projectKey = (description: string) => ref("project", `${description}, e.g. ATLAS`);
export const issueKey = (description: string) => ref("issue", `${description}, e.g. ATLAS-123`);

export const label = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, "labels are single lowercase words without spaces (letters, digits, - _ .), at most 40 characters, e.g. 'tech-debt'")
  .describe("A label such as 'tech-debt' or 'customer-reported'");

export const summary = z.string().trim().min(1, "the summary must not be empty").max(255, "the summary has at most 255 characters");

export const priorityRank = (p: Issue["priority"]) => PRIORITIES.indexOf(p);

/** The statuses an issue may move to next, each with the condition it must meet, if any. */
export function transitionsOf(issue: Issue): Array<{ to: Status; requires?: string }> {
  return WORKFLOW[issue.status].map((to) => ({
    to,
    ...(WORK_STATUSES.includes(to) && !issue.assignee_id ? { requires: "an assignee (assign_issue)" } : {}),
    ...(to === "done" && issue.type === "epic" ? { requires: "all child issues done or cancelled" } : {}),
  }));
}

export function userName(db: Tracker, id: string | undefined): string | null {
  return id ? (db.users.get(id)?.name ?? null) : null;
}

/** An issue with the names a reader needs next to the ids. */
export function issueView(db: Tracker, i: Issue) {
  return {
    ...i,
    assignee_name: userName(db, i.assignee_id),
    reporter_name: userName(db, i.reporter_id),
    sprint_name: i.sprint_id ? (db.sprints.get(i.sprint_id)?.name ?? null) : null,
  };
}
