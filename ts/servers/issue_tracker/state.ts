/**
 * Issue tracker state, shaped after Jira Software / Linear: users, projects (keys like "ATLAS"),
 * issues keyed "ATLAS-123", a workflow of allowed status transitions held as data, comments,
 * links between issues and scrum sprints.
 */
import { check, fail, shorten, table, toolkit, z, type CallEnv, type Db } from "../framework/index.ts";

export const ISSUE_TYPES = ["bug", "story", "task", "epic"] as const;
export const PRIORITIES = ["highest", "high", "medium", "low", "lowest"] as const;
export const STATUSES = ["backlog", "todo", "in_progress", "in_review", "done", "reopened", "cancelled"] as const;
export const LINK_TYPES = ["blocks", "relates_to", "duplicates", "clones"] as const;
export const SPRINT_STATES = ["future", "active", "closed"] as const;
/** Story points are estimated on the Fibonacci scale. */
export const STORY_POINTS = [1, 2, 3, 5, 8, 13, 21] as const;

export type Status = (typeof STATUSES)[number];
export type IssueType = (typeof ISSUE_TYPES)[number];

/**
 * The workflow, as data: the statuses an issue may move to from each status. Any status that is
 * not finished may be cancelled; a done issue can only be reopened; a cancelled one restored to
 * the backlog.
 */
export const WORKFLOW: Readonly<Record<Status, readonly Status[]>> = {
  backlog: ["todo", "cancelled"],
  todo: ["in_progress", "backlog", "cancelled"],
  in_progress: ["in_review", "todo", "cancelled"],
  in_review: ["done", "in_progress", "cancelled"],
  done: ["reopened"],
  reopened: ["in_progress", "todo", "cancelled"],
  cancelled: ["backlog"],
};

/** Statuses in which somebody works on the issue, so it must have an assignee. */
export const WORK_STATUSES: readonly Status[] = ["in_progress", "in_review"];
export const FINISHED: readonly Status[] = ["done", "cancelled"];
export const isFinished = (s: Status) => FINISHED.includes(s);

export const User = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  title: z.string(),
  active: z.boolean(),
});
export type User = z.output<typeof User>;

export const Project = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  lead_id: z.string(),
  member_ids: z.array(z.string()),
  /** Number the next issue of the project gets: "ATLAS-<next_issue_number>". */
  next_issue_number: z.number().int().positive(),
  created_at: z.string(),
});
export type Project = z.output<typeof Project>;

export const Issue = z.object({
  key: z.string(),
  project_key: z.string(),
  type: z.enum(ISSUE_TYPES),
  summary: z.string(),
  description: z.string(),
  status: z.enum(STATUSES),
  priority: z.enum(PRIORITIES),
  labels: z.array(z.string()),
  assignee_id: z.string().optional(),
  reporter_id: z.string(),
  story_points: z.number().int().positive().optional(),
  /** The epic this issue belongs to. */
  parent_key: z.string().optional(),
  sprint_id: z.string().optional(),
  due_date: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  resolved_at: z.string().optional(),
});
export type Issue = z.output<typeof Issue>;

export const Comment = z.object({
  id: z.string(),
  issue_key: z.string(),
  author_id: z.string(),
  body: z.string(),
  created_at: z.string(),
});
export type Comment = z.output<typeof Comment>;

export const IssueLink = z.object({
  id: z.string(),
  /** "<source> blocks <target>", "<source> duplicates <target>"… */
  type: z.enum(LINK_TYPES),
  source_key: z.string(),
  target_key: z.string(),
  created_at: z.string(),
});
export type IssueLink = z.output<typeof IssueLink>;

export const Sprint = z.object({
  id: z.string(),
  project_key: z.string(),
  name: z.string(),
  goal: z.string(),
  state: z.enum(SPRINT_STATES),
  start_date: z.string().optional(),
  end_date: z.string().optional(),
  started_at: z.string().optional(),
  completed_at: z.string().optional(),
  /** Frozen at completion: what was finished and what was carried over. */
  completed_issue_keys: z.array(z.string()).optional(),
  incomplete_issue_keys: z.array(z.string()).optional(),
  completed_points: z.number().int().min(0).optional(),
  incomplete_points: z.number().int().min(0).optional(),
});
export type Sprint = z.output<typeof Sprint>;

export const tables = {
  users: table("user", User, { idPrefix: "USR-", describe: (u) => `${u.name} (${u.email})` }),
  projects: table("project", Project, { key: "key", example: "ATLAS", describe: (p) => `the ${p.name} project (${p.key})` }),
  issues: table("issue", Issue, { key: "key", example: "ATLAS-123", describe: (i) => `the ${i.type} ${i.key} "${shorten(i.summary, 50)}"` }),
  comments: table("comment", Comment, { idPrefix: "CMT-", idDigits: 5, describe: (c) => `the comment on ${c.issue_key} of ${c.created_at.slice(0, 10)}` }),
  issue_links: table("issue_link", IssueLink, { idPrefix: "LNK-", describe: (l) => `the link ${l.source_key} ${l.type.replace("_", " ")} ${l.target_key}` }),
  sprints: table("sprint", Sprint, { idPrefix: "SPR-", describe: (s) => `the ${s.state} sprint "${s.name}"` }),
};

export const { read, write } = toolkit(tables);
export type Tracker = Db<typeof tables>;

/** The tracker user the assistant acts for: the world's user. */
export function me(db: Tracker, env: CallEnv): User {
  const u = db.users.find((x) => x.email === env.world.user.email);
  if (!u) fail(`the user ${env.world.user.full_name} has no account in the issue tracker`, "permission_denied");
  return u;
}

export function memberNames(db: Tracker, p: Project): string {
  return p.member_ids.map((id) => `${id} (${db.users.get(id)?.name ?? "?"})`).join(", ");
}

/** Writing to a project's issues is for its members. */
export function mustBeMember(db: Tracker, p: Project, env: CallEnv): User {
  const u = me(db, env);
  const lead = db.users.get(p.lead_id);
  check(
    p.member_ids.includes(u.id),
    `you (${u.name}) are not a member of project ${p.key} and can only browse it; ask its lead ${lead?.name ?? p.lead_id} to add you`,
    "permission_denied",
  );
  return u;
}

/** Assignees must be active members of the issue's project. */
export function checkAssignee(db: Tracker, p: Project, userId: string): User {
  const u = db.users.need(userId);
  check(p.member_ids.includes(u.id), () => `${u.name} (${u.id}) is not a member of project ${p.key}; assign one of its members: ${memberNames(db, p)}`);
  check(u.active, `${u.name} (${u.id}) is deactivated and cannot be assigned issues`);
  return u;
}

export function checkStoryPoints(points: number | null | undefined, type: IssueType): void {
  if (points === undefined || points === null) return;
  check(
    (STORY_POINTS as readonly number[]).includes(points),
    `story points must be on the Fibonacci scale: one of ${STORY_POINTS.join(", ")} (got ${points})`,
    "invalid_argument",
  );
  check(type !== "epic", "epics are not estimated in story points; estimate their stories, tasks and bugs instead", "invalid_argument");
}

/** A parent is an epic of the same project; epics have no parent. */
export function checkParent(db: Tracker, child: { key?: string; type: IssueType; project_key: string }, parentKey: string): Issue {
  const parent = db.issues.need(parentKey);
  check(child.type !== "epic", "an epic cannot have a parent epic; only stories, tasks and bugs belong to epics", "invalid_argument");
  check(parent.key !== child.key, `${parent.key} cannot be its own parent`, "invalid_argument");
  check(
    parent.type === "epic",
    () => `${parent.key} is a ${parent.type}, not an epic; the parent must be an epic of project ${child.project_key}: ${epicsOf(db, child.project_key)}`,
    "invalid_argument",
  );
  check(
    parent.project_key === child.project_key,
    () =>
      `epic ${parent.key} is in project ${parent.project_key}; children of an epic must be in the same project — epics of ${child.project_key}: ${epicsOf(db, child.project_key)}`,
    "invalid_argument",
  );
  check(!isFinished(parent.status), `epic ${parent.key} is ${parent.status}; reopen it (transition_issue) before adding work to it`);
  return parent;
}

function epicsOf(db: Tracker, projectKey: string): string {
  const epics = db.issues.filter((i) => i.project_key === projectKey && i.type === "epic").map((i) => i.key);
  return epics.length ? epics.join(", ") : "none yet";
}

/** A sprint that can still take or release issues. */
export function checkSprintOpen(s: Sprint): void {
  check(
    s.state !== "closed",
    `sprint ${s.id} ("${s.name}") was completed on ${s.completed_at?.slice(0, 10) ?? "an earlier day"}; closed sprints are immutable — use a future or the active sprint`,
  );
}

export const pointsOf = (issues: readonly Issue[]) => issues.reduce((n, i) => n + (i.story_points ?? 0), 0);
