/**
 * Issue tracker tools, after Jira Software's and Linear's APIs.
 *
 * Rules this tracker enforces:
 * - issues move only along the workflow (state.ts WORKFLOW); the error lists the allowed next
 *   statuses; in_progress and in_review need an assignee; an epic is done only when its
 *   children are finished;
 * - assignees are active members of the issue's project; only members write to a project and
 *   only its lead adds members;
 * - a project has at most one active sprint; a sprint starts only with issues and dates (end
 *   after start, at most 28 days); closed sprints are immutable; completing a sprint moves its
 *   unfinished issues to the backlog or a future sprint of the same project;
 * - an epic's children are in the same project; epics have no parent, no story points and are
 *   not planned into sprints; story points are Fibonacci numbers (1, 2, 3, 5, 8, 13, 21);
 * - labels are unique per issue (at most 10); links are not duplicated, not to self, and two
 *   issues do not block each other.
 */
import { issueTools } from "./issues.ts";
import { projectTools } from "./projects.ts";
import { sprintTools } from "./sprints.ts";

export const tools = { ...projectTools, ...issueTools, ...sprintTools };
