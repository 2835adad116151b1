/** Scrum sprints: plan, start, complete; move issues in and out; board and report. */
import { check, isoDate, page, rangeStart, ref, refs, time, z } from "../../framework/index.ts";
import { checkSprintOpen, isFinished, mustBeMember, pointsOf, read, SPRINT_STATES, write, type Issue, type Sprint, type Tracker } from "../state.ts";
import { issueView, projectKey } from "./common.ts";

const MAX_SPRINT_DAYS = 28;
const BOARD_COLUMNS = ["todo", "in_progress", "in_review", "done"] as const;

function checkDates(start: string | undefined, end: string | undefined): void {
  if (!start || !end) return;
  check(end > start, `the end date ${end} must be after the start date ${start}`, "invalid_argument");
  const days = time.daysBetween(start, end);
  check(
    days <= MAX_SPRINT_DAYS,
    `a sprint lasts at most ${MAX_SPRINT_DAYS} days; ${start} to ${end} is ${days} days — end it by ${time.addDays(start, MAX_SPRINT_DAYS)}`,
    "invalid_argument",
  );
}

function checkNameFree(db: Tracker, projectKey: string, name: string, except?: string): void {
  const dup = db.sprints.find((s) => s.project_key === projectKey && s.id !== except && s.name.toLowerCase() === name.toLowerCase());
  check(!dup, `project ${projectKey} already has a sprint named "${name}" (${dup?.id}); choose another name`, "already_exists");
}

function nextSprintName(db: Tracker, projectKey: string): string {
  const numbers = db.sprints.filter((s) => s.project_key === projectKey).map((s) => Number(/(\d+)\s*$/.exec(s.name)?.[1] ?? 0));
  return `${projectKey} Sprint ${Math.max(0, ...numbers) + 1}`;
}

function report(db: Tracker, s: Sprint, today: string) {
  const base = {
    sprint_id: s.id,
    name: s.name,
    project_key: s.project_key,
    state: s.state,
    goal: s.goal,
    start_date: s.start_date ?? null,
    end_date: s.end_date ?? null,
  };
  if (s.state === "closed") {
    return {
      ...base,
      completed_at: s.completed_at,
      completed_issues: s.completed_issue_keys ?? [],
      incomplete_issues: s.incomplete_issue_keys ?? [],
      completed_points: s.completed_points ?? 0,
      incomplete_points: s.incomplete_points ?? 0,
    };
  }
  const issues = db.issues.filter((i) => i.sprint_id === s.id);
  const done = issues.filter((i) => i.status === "done");
  const remaining = issues.filter((i) => !isFinished(i.status));
  return {
    ...base,
    issue_count: issues.length,
    committed_points: pointsOf(issues),
    completed_issues: done.map((i) => i.key),
    completed_points: pointsOf(done),
    remaining_issues: remaining.map((i) => i.key),
    remaining_points: pointsOf(remaining),
    unestimated_issues: issues.filter((i) => i.story_points === undefined).map((i) => i.key),
    ...(s.state === "active" && s.end_date ? { days_left: Math.max(0, time.daysBetween(today, s.end_date)) } : {}),
  };
}

function sprintOf(db: Tracker, id: string, env: Parameters<typeof mustBeMember>[2]) {
  const sprint = db.sprints.need(id);
  const project = db.projects.need(sprint.project_key);
  mustBeMember(db, project, env);
  return { sprint, project };
}

export const sprintTools = {
  list_sprints: read({
    description: "Sprints, oldest first, of one project or all, optionally by state (future, active, closed), with their dates, goal and number of issues.",
    input: z
      .object({
        project_key: projectKey("Only sprints of this project").optional(),
        state: z.enum(SPRINT_STATES).optional().describe("Only sprints in this state"),
        ...page,
      })
      .strict(),
    discovers: "sprint",
    run: (db, a) => {
      const p = db.sprints.page(a, { where: (s) => (!a.project_key || s.project_key === a.project_key) && (!a.state || s.state === a.state) });
      return { ...p, items: p.items.map((s) => ({ ...s, issue_count: db.issues.count((i) => i.sprint_id === s.id) })) };
    },
  }),

  create_sprint: write({
    description: `Plan a new (future) sprint in a project. Name defaults to '<KEY> Sprint <n>'; dates are optional now but needed to start it (end after start, at most ${MAX_SPRINT_DAYS} days). Returns the sprint.`,
    input: z
      .object({
        project_key: projectKey("The project"),
        name: z.string().trim().min(1).max(80).optional().describe("Sprint name, unique in the project"),
        goal: z.string().trim().max(500).default("").describe("What the sprint should achieve"),
        start_date: rangeStart("end_date", isoDate("First day")).optional(),
        end_date: isoDate("Last day").optional(),
      })
      .strict(),
    produces: "sprint",
    run: (db, a, env) => {
      const p = db.projects.need(a.project_key);
      mustBeMember(db, p, env);
      const name = a.name ?? nextSprintName(db, p.key);
      checkNameFree(db, p.key, name);
      checkDates(a.start_date, a.end_date);
      return db.sprints.create({
        project_key: p.key,
        name,
        goal: a.goal,
        state: "future",
        ...(a.start_date ? { start_date: a.start_date } : {}),
        ...(a.end_date ? { end_date: a.end_date } : {}),
      });
    },
  }),

  update_sprint: write({
    description: "Rename a sprint or change its goal or dates. Closed sprints are immutable; an active sprint keeps its start date. Returns the sprint.",
    input: z
      .object({
        sprint_id: ref("sprint", "The sprint"),
        name: z.string().trim().min(1).max(80).optional().describe("New name"),
        goal: z.string().trim().max(500).optional().describe("New goal"),
        start_date: rangeStart("end_date", isoDate("New first day")).optional(),
        end_date: isoDate("New last day").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const { sprint } = sprintOf(db, a.sprint_id, env);
      checkSprintOpen(sprint);
      check(
        a.name !== undefined || a.goal !== undefined || a.start_date !== undefined || a.end_date !== undefined,
        "nothing to update: pass name, goal, start_date or end_date",
        "invalid_argument",
      );
      check(
        sprint.state !== "active" || a.start_date === undefined || a.start_date === sprint.start_date,
        `sprint ${sprint.id} is active since ${sprint.start_date}; its start date cannot change (the end date can)`,
      );
      if (a.name) checkNameFree(db, sprint.project_key, a.name, sprint.id);
      const start = a.start_date ?? sprint.start_date;
      const end = a.end_date ?? sprint.end_date;
      checkDates(start, end);
      if (sprint.state === "active" && a.end_date)
        check(a.end_date >= env.today, `an active sprint cannot end in the past; pick ${env.today} or later`, "invalid_argument");
      return db.sprints.update(sprint.id, {
        ...(a.name ? { name: a.name } : {}),
        ...(a.goal !== undefined ? { goal: a.goal } : {}),
        ...(start ? { start_date: start } : {}),
        ...(end ? { end_date: end } : {}),
      });
    },
  }),

  start_sprint: write({
    description:
      "Start a future sprint. A project has at most one active sprint; the sprint needs issues and start and end dates (pass them here or set them with update_sprint). A sprint starts when it is started: a planned start later than today moves to today, keeping the sprint's length. Returns the sprint.",
    input: z
      .object({
        sprint_id: ref("sprint", "The future sprint"),
        start_date: rangeStart("end_date", isoDate("First day, if not set yet or to change it")).optional(),
        end_date: isoDate("Last day, if not set yet or to change it").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const { sprint, project } = sprintOf(db, a.sprint_id, env);
      checkSprintOpen(sprint);
      check(sprint.state === "future", `sprint ${sprint.id} ("${sprint.name}") is already active since ${sprint.start_date}`);
      const active = db.sprints.find((s) => s.project_key === project.key && s.state === "active");
      check(
        !active,
        () =>
          `project ${project.key} already has an active sprint, ${active?.id} ("${active?.name}", ends ${active?.end_date}); complete it with complete_sprint first — a project runs one sprint at a time`,
      );
      const count = db.issues.count((i) => i.sprint_id === sprint.id);
      check(count > 0, `sprint ${sprint.id} ("${sprint.name}") has no issues; add some with move_issues_to_sprint before starting it`);
      check(
        !a.start_date || a.start_date <= env.today,
        `a sprint starts when it is started: start_date ${a.start_date} is after today (${env.today}); start it on that day, or leave start_date out`,
        "invalid_argument",
      );
      // Started early: the sprint begins today and keeps the length it was planned with.
      const early = !a.start_date && sprint.start_date !== undefined && sprint.start_date > env.today;
      const start = early ? env.today : (a.start_date ?? sprint.start_date);
      const end =
        a.end_date ?? (early && sprint.end_date ? time.addDays(env.today, time.daysBetween(sprint.start_date as string, sprint.end_date)) : sprint.end_date);
      check(
        start && end,
        `sprint ${sprint.id} has no ${!start && !end ? "start and end dates" : !start ? "start date" : "end date"}; pass start_date and end_date (e.g. ${env.today} and ${time.addDays(env.today, 14)})`,
        "invalid_argument",
      );
      checkDates(start, end);
      check(end >= env.today, `the sprint would end on ${end}, before today (${env.today}); pick a later end date`, "invalid_argument");
      return { ...db.sprints.update(sprint.id, { state: "active", start_date: start, end_date: end, started_at: env.now }), issue_count: count };
    },
  }),

  complete_sprint: write({
    description:
      "Complete the active sprint. Its done and cancelled issues stay recorded in it; unfinished issues move to the backlog, or to a future sprint of the same project with move_open_issues_to_sprint_id. The closed sprint becomes immutable. Returns the sprint report.",
    input: z
      .object({
        sprint_id: ref("sprint", "The active sprint"),
        move_open_issues_to_sprint_id: ref("sprint", "Future sprint of the same project for unfinished issues (default: the backlog)").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const { sprint } = sprintOf(db, a.sprint_id, env);
      checkSprintOpen(sprint);
      check(sprint.state === "active", `sprint ${sprint.id} ("${sprint.name}") has not started; only the active sprint can be completed`);
      let target: Sprint | undefined;
      if (a.move_open_issues_to_sprint_id) {
        target = db.sprints.need(a.move_open_issues_to_sprint_id);
        const futures = db.sprints.filter((s) => s.project_key === sprint.project_key && s.state === "future").map((s) => `${s.id} ("${s.name}")`);
        check(
          target.project_key === sprint.project_key && target.state === "future",
          `unfinished issues can move only to a future sprint of ${sprint.project_key}; ${target.id} is ${target.state === "future" ? `in project ${target.project_key}` : target.state}. Future sprints: ${futures.length ? futures.join(", ") : "none (create one with create_sprint, or leave the issues for the backlog)"}`,
          "invalid_argument",
        );
      }
      const issues = db.issues.filter((i) => i.sprint_id === sprint.id);
      const finished = issues.filter((i) => isFinished(i.status));
      const open = issues.filter((i) => !isFinished(i.status));
      for (const i of open) {
        const moved: Issue = { ...i, updated_at: env.now };
        if (target) moved.sprint_id = target.id;
        else delete moved.sprint_id;
        db.issues.put(moved);
      }
      const done = finished.filter((i) => i.status === "done");
      const closed = db.sprints.update(sprint.id, {
        state: "closed",
        completed_at: env.now,
        completed_issue_keys: done.map((i) => i.key),
        incomplete_issue_keys: open.map((i) => i.key),
        completed_points: pointsOf(done),
        incomplete_points: pointsOf(open),
      });
      return { ...report(db, closed, env.today), moved_to: target ? { sprint_id: target.id, name: target.name } : "backlog" };
    },
  }),

  move_issues_to_sprint: write({
    description:
      "Plan issues into a future or the active sprint of their project (from the backlog or another open sprint). Epics and finished issues are not planned into sprints; closed sprints are immutable. Returns the sprint's issue keys.",
    input: z
      .object({
        sprint_id: ref("sprint", "The target sprint"),
        issue_keys: refs("issue", "Issues to move, e.g. ['ATLAS-12', 'ATLAS-15']", { max: 50 }).min(1, "pass at least one issue key"),
      })
      .strict(),
    run: (db, a, env) => {
      const { sprint } = sprintOf(db, a.sprint_id, env);
      checkSprintOpen(sprint);
      for (const key of new Set(a.issue_keys)) {
        const i = db.issues.need(key);
        check(
          i.project_key === sprint.project_key,
          `${i.key} is in project ${i.project_key} but sprint ${sprint.id} belongs to ${sprint.project_key}; an issue can only join sprints of its own project`,
          "invalid_argument",
        );
        check(i.type !== "epic", `${i.key} is an epic; epics span sprints — move its stories instead`, "invalid_argument");
        check(!isFinished(i.status), `${i.key} is ${i.status}; only unfinished issues can be planned into a sprint`);
        check(i.sprint_id !== sprint.id, `${i.key} is already in sprint ${sprint.id}`, "already_exists");
        if (i.sprint_id) checkSprintOpen(db.sprints.need(i.sprint_id));
        db.issues.update(i.key, { sprint_id: sprint.id, updated_at: env.now });
      }
      return { sprint_id: sprint.id, name: sprint.name, issue_keys: db.issues.filter((i) => i.sprint_id === sprint.id).map((i) => i.key) };
    },
  }),

  move_issues_to_backlog: write({
    description:
      "Take issues out of their (future or active) sprint and put them back in the backlog. Issues recorded in closed sprints stay there. Returns the moved keys.",
    input: z.object({ issue_keys: refs("issue", "Issues to move, e.g. ['ATLAS-12']", { max: 50 }).min(1, "pass at least one issue key") }).strict(),
    run: (db, a, env) => {
      const moved: string[] = [];
      for (const key of new Set(a.issue_keys)) {
        const i = db.issues.need(key);
        mustBeMember(db, db.projects.need(i.project_key), env);
        check(i.sprint_id, `${i.key} is already in the backlog (in no sprint)`);
        checkSprintOpen(db.sprints.need(i.sprint_id));
        const { sprint_id: _s, ...rest } = i;
        db.issues.put({ ...rest, updated_at: env.now });
        moved.push(i.key);
      }
      return { moved_to_backlog: moved };
    },
  }),

  get_sprint_report: read({
    description:
      "Report of a sprint: committed, completed and remaining issues and story points (days left for the active one); for a closed sprint, what was completed and what was carried over when it closed.",
    input: z.object({ sprint_id: ref("sprint", "The sprint") }).strict(),
    run: (db, a, env) => report(db, db.sprints.need(a.sprint_id), env.today),
  }),

  get_sprint_board: read({
    description:
      "The scrum board of a project's active sprint: its issues in columns To Do, In Progress, In Review and Done (cancelled ones listed apart), with assignees and story points. Returns sprint null when no sprint is active.",
    input: z.object({ project_key: projectKey("The project") }).strict(),
    run: (db, a, env) => {
      const p = db.projects.need(a.project_key);
      const s = db.sprints.find((x) => x.project_key === p.key && x.state === "active");
      if (!s) {
        const next = db.sprints.filter((x) => x.project_key === p.key && x.state === "future").map((x) => x.id);
        return {
          project_key: p.key,
          sprint: null,
          columns: [],
          note: `no active sprint in ${p.key}${next.length ? `; future sprints: ${next.join(", ")} (start_sprint)` : ""}`,
        };
      }
      const issues = db.issues.filter((i) => i.sprint_id === s.id);
      const card = (i: Issue) => ({
        key: i.key,
        summary: i.summary,
        type: i.type,
        priority: i.priority,
        assignee_name: issueView(db, i).assignee_name,
        story_points: i.story_points ?? null,
      });
      return {
        project_key: p.key,
        sprint: {
          id: s.id,
          name: s.name,
          goal: s.goal,
          start_date: s.start_date,
          end_date: s.end_date,
          days_left: s.end_date ? Math.max(0, time.daysBetween(env.today, s.end_date)) : null,
        },
        columns: BOARD_COLUMNS.map((status) => {
          const xs = issues.filter((i) => i.status === status || (status === "todo" && (i.status === "backlog" || i.status === "reopened")));
          return { status, issues: xs.map(card), points: pointsOf(xs) };
        }),
        cancelled: issues.filter((i) => i.status === "cancelled").map(card),
      };
    },
  }),
};
