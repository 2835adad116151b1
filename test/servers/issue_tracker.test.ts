import { describe, expect, it } from "vitest";
import issueTracker from "../../ts/servers/issue_tracker/index.ts";
import { time, worldFor } from "../../ts/servers/framework/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(issueTracker, 20);

const SEED = 1;
const world = worldFor(SEED);
const today = world.today;

const me = (s: TestSession) => s.rows("users").find((u) => u.email === world.user.email);
const project = (s: TestSession, where: (p: any, meId: string) => boolean) => s.rows("projects").find((p) => where(p, me(s).id));
/** The project the user leads. */
const led = (s: TestSession) => project(s, (p, m) => p.lead_id === m);
/** A project the user works in without leading it, with an active sprint. */
const joined = (s: TestSession) =>
  project(s, (p, m) => p.lead_id !== m && p.member_ids.includes(m) && s.rows("sprints").some((x) => x.project_key === p.key && x.state === "active"));
/** The member project without an active sprint. */
const idle = (s: TestSession) =>
  project(s, (p, m) => p.member_ids.includes(m) && !s.rows("sprints").some((x) => x.project_key === p.key && x.state === "active"));
/** The project the user can only browse. */
const foreign = (s: TestSession) => project(s, (p, m) => !p.member_ids.includes(m));
const issuesOf = (s: TestSession, key: string) => s.rows("issues").filter((i) => i.project_key === key);
const sprintOf = (s: TestSession, key: string, state: string) => s.rows("sprints").find((x) => x.project_key === key && x.state === state);
const outsider = (s: TestSession, p: any) => s.rows("users").find((u) => u.active && !p.member_ids.includes(u.id));
const epicOf = (s: TestSession, key: string) => issuesOf(s, key).find((i) => i.type === "epic");
const backlogIssue = (s: TestSession, key: string) => issuesOf(s, key).find((i) => i.type !== "epic" && i.status === "backlog" && !i.sprint_id);

function newIssue(s: TestSession, key: string, extra: Record<string, unknown> = {}) {
  return s.ok("create_issue", { project_key: key, type: "task", summary: "Write the incident postmortem", ...extra });
}

describe("issue_tracker: seed", () => {
  it("four projects with consistent sprints, issues and memberships", () => {
    const s = openSession(issueTracker, SEED);
    expect(s.rows("projects")).toHaveLength(4);
    expect(led(s)).toBeDefined();
    expect(joined(s)).toBeDefined();
    expect(idle(s)).toBeDefined();
    expect(foreign(s)).toBeDefined();
    for (const p of s.rows("projects")) {
      const issues = issuesOf(s, p.key);
      expect(p.next_issue_number).toBe(issues.length + 1);
      expect(s.rows("sprints").filter((x) => x.project_key === p.key && x.state === "active").length).toBeLessThanOrEqual(1);
      for (const i of issues) {
        expect(i.key).toMatch(new RegExp(`^${p.key}-\\d+$`));
        if (i.assignee_id) expect(p.member_ids).toContain(i.assignee_id);
        if (i.status === "in_progress" || i.status === "in_review") expect(i.assignee_id).toBeDefined();
        if (i.story_points) expect([1, 2, 3, 5, 8, 13, 21]).toContain(i.story_points);
      }
    }
    for (const sp of s.rows("sprints").filter((x) => x.state === "closed")) {
      const done = s.rows("issues").filter((i) => i.sprint_id === sp.id);
      expect(done.every((i) => i.status === "done")).toBe(true);
      expect(sp.completed_points).toBe(done.reduce((n, i) => n + (i.story_points ?? 0), 0));
    }
  });
});

describe("issue_tracker: projects and members", () => {
  it("list_projects lists all projects by key and says where the user is a member", () => {
    const s = openSession(issueTracker, SEED);
    const r = s.ok("list_projects", {});
    expect(r.total).toBe(4);
    expect(r.items.map((p: any) => p.key)).toEqual(
      s
        .rows("projects")
        .map((p) => p.key)
        .sort(),
    );
    expect(r.items.filter((p: any) => !p.is_member).map((p: any) => p.key)).toEqual([foreign(s).key]);
    expect(s.ok("list_projects", { query: led(s).name.toLowerCase() }).items.map((p: any) => p.key)).toEqual([led(s).key]);
  });

  it("get_project shows the workflow, active sprint and counts by status", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const r = s.ok("get_project", { project_key: p.key });
    // The workflow, written out: review is a step of its own, and nothing jumps from work straight to done.
    expect(r.workflow).toEqual({
      backlog: ["todo", "cancelled"],
      todo: ["in_progress", "backlog", "cancelled"],
      in_progress: ["in_review", "todo", "cancelled"],
      in_review: ["done", "in_progress", "cancelled"],
      done: ["reopened"],
      reopened: ["in_progress", "todo", "cancelled"],
      cancelled: ["backlog"],
    });
    expect(r.active_sprint.id).toBe(sprintOf(s, p.key, "active").id);
    const counts = Object.values(r.issue_counts as Record<string, number>).reduce((n, x) => n + x, 0);
    expect(counts).toBe(issuesOf(s, p.key).length);
    expect(r.issue_counts.done).toBe(issuesOf(s, p.key).filter((i) => i.status === "done").length);
    expect(s.ok("get_project", { project_key: idle(s).key }).active_sprint).toBeNull();
    s.fails("get_project", { project_key: p.key.toLowerCase() }, "not_found", new RegExp(`Did you mean '${p.key}'`));
  });

  it("list_project_members and list_issue_tracker_users", () => {
    const s = openSession(issueTracker, SEED);
    const p = led(s);
    const m = s.ok("list_project_members", { project_key: p.key, limit: 100 });
    expect(m.items.map((u: any) => u.id)).toEqual(p.member_ids);
    expect(m.items.find((u: any) => u.is_lead).id).toBe(me(s).id);
    expect(s.ok("list_issue_tracker_users", { limit: 100 }).total).toBe(s.rows("users").length);
    expect(s.ok("list_issue_tracker_users", { active: false }).items).toHaveLength(1);
    expect(s.ok("list_issue_tracker_users", { query: world.user.last_name }).items.map((u: any) => u.id)).toContain(me(s).id);
    s.fails("list_project_members", { project_key: "NOPE" }, "not_found", /list_projects/);
  });

  it("add_project_member: only the lead adds active users, once", () => {
    const s = openSession(issueTracker, SEED);
    const p = led(s);
    const u = outsider(s, p);
    const r = s.ok("add_project_member", { project_key: p.key, user_id: u.id });
    expect(r.added).toBe(u.id);
    expect(s.rows("projects").find((x) => x.key === p.key).member_ids).toContain(u.id);
    s.fails("add_project_member", { project_key: p.key, user_id: u.id }, "already_exists", /already a member/);
    const gone = s.rows("users").find((x) => !x.active);
    s.fails("add_project_member", { project_key: p.key, user_id: gone.id }, "failed_precondition", /deactivated/);
    const other = joined(s);
    s.fails("add_project_member", { project_key: other.key, user_id: outsider(s, other).id }, "permission_denied", /only the lead of/);
  });
});

describe("issue_tracker: issues", () => {
  it("search_issues filters by project, statuses, backlog, label, epic and text", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const all = issuesOf(s, p.key);
    const r = s.ok("search_issues", { project_key: p.key, statuses: ["in_progress", "in_review"], limit: 100 });
    expect(r.total).toBe(all.filter((i) => i.status === "in_progress" || i.status === "in_review").length);
    expect(r.items.every((i: any) => i.assignee_name)).toBe(true);
    expect(s.ok("search_issues", { project_key: p.key, in_backlog: true, limit: 100 }).total).toBe(all.filter((i) => !i.sprint_id).length);
    expect(s.ok("search_issues", { project_key: p.key, open_only: true, limit: 100 }).total).toBe(
      all.filter((i) => i.status !== "done" && i.status !== "cancelled").length,
    );
    const epic = epicOf(s, p.key);
    expect(s.ok("search_issues", { parent_key: epic.key, limit: 100 }).total).toBe(all.filter((i) => i.parent_key === epic.key).length);
    const labelled = all.find((i) => i.labels.length > 0);
    expect(s.ok("search_issues", { label: labelled.labels[0], limit: 100 }).items.map((i: any) => i.key)).toContain(labelled.key);
    expect(s.ok("search_issues", { text: labelled.summary.slice(0, 20).toUpperCase() }).items.map((i: any) => i.key)).toContain(labelled.key);
    const unassigned = s.ok("search_issues", { project_key: p.key, unassigned: true, limit: 100 });
    expect(unassigned.total).toBe(all.filter((i) => !i.assignee_id).length);
    const byPriority = s
      .ok("search_issues", { project_key: p.key, sort: "priority", limit: 100 })
      .items.map((i: any) => ["highest", "high", "medium", "low", "lowest"].indexOf(i.priority));
    expect([...byPriority].sort((a, b) => a - b)).toEqual(byPriority);
    const byKey = s.ok("search_issues", { project_key: p.key, sort: "key", limit: 3 }).items.map((i: any) => i.key);
    expect(byKey).toEqual([`${p.key}-1`, `${p.key}-2`, `${p.key}-3`]);
  });

  it("get_issue shows an epic's children and an issue's transitions", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const epic = epicOf(s, p.key);
    const r = s.ok("get_issue", { issue_key: epic.key });
    expect(r.children.map((c: any) => c.key).sort()).toEqual(
      issuesOf(s, p.key)
        .filter((i) => i.parent_key === epic.key)
        .map((i) => i.key)
        .sort(),
    );
    const b = backlogIssue(s, p.key);
    expect(s.ok("get_issue", { issue_key: b.key }).transitions.map((t: any) => t.to)).toEqual(["todo", "cancelled"]);
    s.fails("get_issue", { issue_key: `${p.key}-9999` }, "not_found", /search_issues/);
  });

  it("create_issue takes the project's next key, starts in backlog, reported by the user", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const epic = epicOf(s, p.key);
    const future = sprintOf(s, p.key, "future");
    const a = newIssue(s, p.key, {
      type: "story",
      story_points: 5,
      parent_key: epic.key,
      sprint_id: future.id,
      labels: ["Backend", "backend", "api"],
      assignee_id: me(s).id,
      due_date: time.addDays(today, 10),
    });
    expect(a).toMatchObject({
      key: `${p.key}-${p.next_issue_number}`,
      status: "backlog",
      reporter_id: me(s).id,
      story_points: 5,
      parent_key: epic.key,
      sprint_id: future.id,
      labels: ["api", "backend"],
      sprint_name: future.name,
      priority: "medium",
    });
    const b = newIssue(s, p.key, { type: "bug", summary: "Login button misaligned", priority: "high" });
    expect(b.key).toBe(`${p.key}-${p.next_issue_number + 1}`);
    expect(s.rows("projects").find((x) => x.key === p.key).next_issue_number).toBe(p.next_issue_number + 2);
  });

  it("create_issue: members only; assignees are members; Fibonacci points; epics of the same project; open sprints of the project", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const f = foreign(s);
    s.fails("create_issue", { project_key: f.key, type: "task", summary: "x" }, "permission_denied", /not a member of project.*ask its lead/);
    const u = outsider(s, p);
    s.fails(
      "create_issue",
      { project_key: p.key, type: "task", summary: "x", assignee_id: u.id },
      "failed_precondition",
      new RegExp(`${u.name} \\(${u.id}\\) is not a member of project ${p.key}; assign one of its members: USR-`),
    );
    s.fails(
      "create_issue",
      { project_key: p.key, type: "task", summary: "x", story_points: 4 },
      "invalid_argument",
      /Fibonacci scale: one of 1, 2, 3, 5, 8, 13, 21 \(got 4\)/,
    );
    s.fails("create_issue", { project_key: p.key, type: "epic", summary: "x", story_points: 8 }, "invalid_argument", /epics are not estimated/);
    const notEpic = backlogIssue(s, p.key);
    s.fails(
      "create_issue",
      { project_key: p.key, type: "task", summary: "x", parent_key: notEpic.key },
      "invalid_argument",
      new RegExp(`${notEpic.key} is a ${notEpic.type}, not an epic.*${epicOf(s, p.key).key}`),
    );
    const otherEpic = epicOf(s, led(s).key);
    s.fails(
      "create_issue",
      { project_key: p.key, type: "story", summary: "x", parent_key: otherEpic.key },
      "invalid_argument",
      /children of an epic must be in the same project/,
    );
    s.fails(
      "create_issue",
      { project_key: p.key, type: "epic", summary: "x", parent_key: epicOf(s, p.key).key },
      "invalid_argument",
      /an epic cannot have a parent epic/,
    );
    s.fails(
      "create_issue",
      { project_key: p.key, type: "task", summary: "x", sprint_id: sprintOf(s, led(s).key, "future").id },
      "invalid_argument",
      /belongs to project/,
    );
    s.fails(
      "create_issue",
      { project_key: p.key, type: "task", summary: "x", sprint_id: sprintOf(s, p.key, "closed").id },
      "failed_precondition",
      /closed sprints are immutable/,
    );
    s.fails(
      "create_issue",
      { project_key: p.key, type: "epic", summary: "x", sprint_id: sprintOf(s, p.key, "future").id },
      "invalid_argument",
      /epics span sprints/,
    );
    s.fails("create_issue", { project_key: p.key, type: "task", summary: "x", labels: ["two words"] }, "invalid_arguments", /lowercase words without spaces/);
  });

  it("update_issue edits fields, empties those named in clear, and keeps the rules", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const epic = epicOf(s, p.key);
    const i = newIssue(s, p.key, { story_points: 3, parent_key: epic.key, due_date: today });
    const u = s.ok("update_issue", { issue_key: i.key, summary: "Write and publish the postmortem", priority: "highest", story_points: 8 });
    expect(u).toMatchObject({ summary: "Write and publish the postmortem", priority: "highest", story_points: 8, parent_key: epic.key });
    const c = s.ok("update_issue", { issue_key: i.key, clear: ["story_points", "parent_key", "due_date"] });
    expect(c.story_points).toBeUndefined();
    expect(c.parent_key).toBeUndefined();
    expect(c.due_date).toBeUndefined();
    expect(c.summary).toBe("Write and publish the postmortem");
    s.fails("update_issue", { issue_key: i.key, due_date: today, clear: ["due_date"] }, "invalid_argument", /due_date is both set and cleared/);
    // null is "left out" (what a model answering the portable schema writes), never "clear": clearing is `clear`.
    s.fails("update_issue", { issue_key: i.key, story_points: null }, "invalid_argument", /nothing to update/);
    s.fails("update_issue", { issue_key: i.key, story_points: 7 }, "invalid_argument", /Fibonacci/);
    s.fails("update_issue", { issue_key: i.key }, "invalid_argument", /nothing to update/);
    s.fails("update_issue", { issue_key: i.key, parent_key: i.key }, "invalid_argument", /cannot be its own parent/);
    const f = issuesOf(s, foreign(s).key)[0];
    s.fails("update_issue", { issue_key: f.key, priority: "low" }, "permission_denied", /can only browse it/);
  });

  it("transition_issue walks the workflow, resolves on done and clears on reopen; a comment may ride along", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const i = newIssue(s, p.key, { assignee_id: me(s).id });
    for (const status of ["todo", "in_progress", "in_review"]) expect(s.ok("transition_issue", { issue_key: i.key, status }).status).toBe(status);
    const done = s.ok("transition_issue", { issue_key: i.key, status: "done", comment: "Shipped in 4.2" });
    expect(done).toMatchObject({ status: "done", previous_status: "in_review", transitions: [{ to: "reopened" }] });
    expect(done.resolved_at).toBeDefined();
    expect(s.ok("list_issue_comments", { issue_key: i.key }).items.map((c: any) => c.body)).toEqual(["Shipped in 4.2"]);
    const re = s.ok("transition_issue", { issue_key: i.key, status: "reopened" });
    expect(re.resolved_at).toBeUndefined();
    expect(s.ok("transition_issue", { issue_key: i.key, status: "cancelled" }).resolved_at).toBeDefined();
    expect(s.ok("transition_issue", { issue_key: i.key, status: "backlog" }).status).toBe("backlog");
  });

  it("transition_issue: only along the workflow, and the error lists the allowed statuses", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const i = newIssue(s, p.key);
    s.fails(
      "transition_issue",
      { issue_key: i.key, status: "done" },
      "failed_precondition",
      /is backlog and cannot move to done; from backlog the workflow allows todo, cancelled/,
    );
    s.fails("transition_issue", { issue_key: i.key, status: "backlog" }, "invalid_argument", /already backlog/);
    s.ok("transition_issue", { issue_key: i.key, status: "todo" });
    s.fails("transition_issue", { issue_key: i.key, status: "in_progress" }, "failed_precondition", /has no assignee; assign it with assign_issue/);
    expect(s.ok("get_issue_transitions", { issue_key: i.key }).transitions).toEqual([
      { to: "in_progress", requires: "an assignee (assign_issue)" },
      { to: "backlog" },
      { to: "cancelled" },
    ]);
    const done = issuesOf(s, p.key).find((x) => x.status === "done" && x.type !== "epic");
    s.fails("transition_issue", { issue_key: done.key, status: "cancelled" }, "failed_precondition", /from done the workflow allows reopened/);
  });

  it("transition_issue: in_progress cannot jump to done; work goes through review (in_progress → in_review → done)", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const i = newIssue(s, p.key, { assignee_id: me(s).id });
    s.ok("transition_issue", { issue_key: i.key, status: "todo" });
    s.ok("transition_issue", { issue_key: i.key, status: "in_progress" });
    s.fails(
      "transition_issue",
      { issue_key: i.key, status: "done" },
      "failed_precondition",
      /is in_progress and cannot move to done; from in_progress the workflow allows in_review, todo, cancelled/,
    );
    s.ok("transition_issue", { issue_key: i.key, status: "in_review" });
    expect(s.ok("transition_issue", { issue_key: i.key, status: "done" }).status).toBe("done");
  });

  it("transition_issue: every step the workflow does not list is refused, from every status", () => {
    // Hand-written: which moves a tracker with a review step allows, and which it does not.
    const refused: Array<[string, string]> = [
      ["backlog", "in_progress"],
      ["backlog", "in_review"],
      ["backlog", "done"],
      ["backlog", "reopened"],
      ["todo", "in_review"],
      ["todo", "done"],
      ["todo", "reopened"],
      ["in_progress", "done"],
      ["in_progress", "backlog"],
      ["in_progress", "reopened"],
      ["in_review", "todo"],
      ["in_review", "backlog"],
      ["in_review", "reopened"],
      ["done", "todo"],
      ["done", "in_progress"],
      ["done", "in_review"],
      ["done", "backlog"],
      ["done", "cancelled"],
      ["reopened", "done"],
      ["reopened", "in_review"],
      ["reopened", "backlog"],
      ["cancelled", "todo"],
      ["cancelled", "in_progress"],
      ["cancelled", "done"],
      ["cancelled", "reopened"],
    ];
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    for (const [from, to] of refused) {
      const i = newIssue(s, p.key, { assignee_id: me(s).id });
      s.edit(issueTracker, (db) => db.issues.update(i.key, { status: from }));
      s.fails("transition_issue", { issue_key: i.key, status: to }, "failed_precondition", new RegExp(`is ${from} and cannot move to ${to}`));
    }
  });

  it("transition_issue: work reopened after its sprint closed returns to the backlog; the sprint report keeps it", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const closed = sprintOf(s, p.key, "closed");
    const key = closed.completed_issue_keys[0];
    const re = s.ok("transition_issue", { issue_key: key, status: "reopened" });
    expect(re).toMatchObject({ status: "reopened", sprint_name: null });
    expect(re.sprint_id).toBeUndefined();
    expect(s.ok("get_sprint_report", { sprint_id: closed.id }).completed_issues).toContain(key);
  });

  it("transition_issue: an epic is done only when its children are finished", () => {
    const s = openSession(issueTracker, SEED);
    const p = led(s);
    const epic = newIssue(s, p.key, { type: "epic", summary: "Audit logging", assignee_id: me(s).id });
    const child = newIssue(s, p.key, { parent_key: epic.key, assignee_id: me(s).id });
    for (const status of ["todo", "in_progress", "in_review"]) s.ok("transition_issue", { issue_key: epic.key, status });
    s.fails("transition_issue", { issue_key: epic.key, status: "done" }, "failed_precondition", new RegExp(`unfinished children: ${child.key} \\(backlog\\)`));
    s.ok("transition_issue", { issue_key: child.key, status: "cancelled" });
    expect(s.ok("transition_issue", { issue_key: epic.key, status: "done" }).status).toBe("done");
    s.fails(
      "create_issue",
      { project_key: p.key, type: "task", summary: "late", parent_key: epic.key },
      "failed_precondition",
      new RegExp(`epic ${epic.key} is done; reopen it`),
    );
  });

  it("assign_issue assigns project members, unassigns with null, and refuses others", () => {
    const s = openSession(issueTracker, SEED);
    const p = s
      .rows("projects")
      .find((x) => x.member_ids.includes(me(s).id) && x.member_ids.some((id: string) => !s.rows("users").find((u) => u.id === id).active));
    const i = newIssue(s, p.key);
    const mate = s.rows("users").find((u) => u.active && u.id !== me(s).id && p.member_ids.includes(u.id));
    expect(s.ok("assign_issue", { issue_key: i.key, assignee_id: mate.id })).toMatchObject({ assignee_id: mate.id, assignee_name: mate.name });
    s.fails("assign_issue", { issue_key: i.key, assignee_id: mate.id }, "already_exists", /already assigned/);
    const gone = s.rows("users").find((u) => !u.active);
    expect(p.member_ids).toContain(gone.id);
    s.fails("assign_issue", { issue_key: i.key, assignee_id: gone.id }, "failed_precondition", /deactivated/);
    s.fails("assign_issue", { issue_key: i.key, assignee_id: outsider(s, p).id }, "failed_precondition", /is not a member of project/);
    expect(s.ok("assign_issue", { issue_key: i.key, assignee_id: null }).assignee_id).toBeUndefined();
    const busy = issuesOf(s, p.key).find((x) => x.status === "in_progress");
    s.fails("assign_issue", { issue_key: busy.key, assignee_id: null }, "failed_precondition", /in_progress and needs an assignee; move it back to todo/);
  });

  it("delete_issue removes an issue with its comments and links; not epics with children nor closed-sprint issues", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const a = newIssue(s, p.key);
    const b = newIssue(s, p.key, { summary: "Other" });
    s.ok("add_issue_comment", { issue_key: a.key, body: "dup?" });
    s.ok("link_issues", { source_key: a.key, target_key: b.key, type: "relates_to" });
    expect(s.ok("delete_issue", { issue_key: a.key })).toEqual({ deleted: a.key, summary: a.summary, comments_deleted: 1, links_deleted: 1 });
    expect(s.rows("issues").some((i) => i.key === a.key)).toBe(false);
    expect(s.ok("list_issue_links", { issue_key: b.key }).total).toBe(0);
    const epic = issuesOf(s, p.key).find((e) => e.type === "epic" && issuesOf(s, p.key).some((c) => c.parent_key === e.key));
    s.fails("delete_issue", { issue_key: epic.key }, "failed_precondition", /has children.*move them to another epic/);
    const closedIssue = s.rows("issues").find((i) => i.project_key === p.key && i.sprint_id === sprintOf(s, p.key, "closed").id);
    s.fails("delete_issue", { issue_key: closedIssue.key }, "failed_precondition", /closed sprints are immutable/);
    s.fails("delete_issue", { issue_key: issuesOf(s, foreign(s).key)[0].key }, "permission_denied", /not a member/);
  });

  it("add_issue_label and remove_issue_label", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const i = newIssue(s, p.key, { labels: ["infra"] });
    expect(s.ok("add_issue_label", { issue_key: i.key, label: "Security" })).toEqual({ issue_key: i.key, labels: ["infra", "security"] });
    s.fails("add_issue_label", { issue_key: i.key, label: "security" }, "already_exists", /already has the label 'security'; its labels are infra, security/);
    s.fails("add_issue_label", { issue_key: i.key, label: "has space" }, "invalid_arguments", /without spaces/);
    expect(s.ok("remove_issue_label", { issue_key: i.key, label: "infra" }).labels).toEqual(["security"]);
    s.fails("remove_issue_label", { issue_key: i.key, label: "infra" }, "not_found", /has no label 'infra'; its labels are security/);
    for (let k = 0; k < 9; k++) s.ok("add_issue_label", { issue_key: i.key, label: `l${k}` });
    s.fails("add_issue_label", { issue_key: i.key, label: "one-more" }, "limit_exceeded", /already has 10 labels/);
  });

  it("add_issue_comment and list_issue_comments", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const i = newIssue(s, p.key);
    const c1 = s.ok("add_issue_comment", { issue_key: i.key, body: "First" });
    const c2 = s.ok("add_issue_comment", { issue_key: i.key, body: "Second" });
    expect(c1).toMatchObject({ issue_key: i.key, author_id: me(s).id, author_name: world.user.full_name, body: "First" });
    expect(s.ok("list_issue_comments", { issue_key: i.key }).items.map((c: any) => c.id)).toEqual([c1.id, c2.id]);
    s.fails("add_issue_comment", { issue_key: i.key, body: "  " }, "invalid_arguments", /needs text/);
    s.fails("add_issue_comment", { issue_key: issuesOf(s, foreign(s).key)[0].key, body: "hi" }, "permission_denied", /not a member/);
  });

  it("link_issues and list_issue_links, in both directions", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const a = newIssue(s, p.key, { summary: "Migrate DB" });
    const b = newIssue(s, p.key, { summary: "Drop old table" });
    const l = s.ok("link_issues", { source_key: a.key, target_key: b.key, type: "blocks" });
    expect(l).toMatchObject({ type: "blocks", source_key: a.key, target_key: b.key });
    expect(s.ok("list_issue_links", { issue_key: b.key }).items[0]).toMatchObject({
      id: l.id,
      relation: `${b.key} is blocked by ${a.key}`,
      other: { key: a.key, summary: "Migrate DB" },
    });
    expect(s.ok("list_issue_links", { issue_key: a.key }).items[0].relation).toBe(`${a.key} blocks ${b.key}`);
    s.fails("link_issues", { source_key: a.key, target_key: b.key, type: "blocks" }, "already_exists", new RegExp(l.id));
    s.fails("link_issues", { source_key: b.key, target_key: a.key, type: "blocks" }, "failed_precondition", /cannot block each other/);
    s.fails("link_issues", { source_key: a.key, target_key: a.key, type: "relates_to" }, "invalid_argument", /linked to itself/);
    s.ok("link_issues", { source_key: a.key, target_key: b.key, type: "relates_to" });
    s.fails("link_issues", { source_key: b.key, target_key: a.key, type: "relates_to" }, "already_exists", /relates to/);
  });
});

describe("issue_tracker: sprints", () => {
  it("list_sprints filters by project and state", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const r = s.ok("list_sprints", { project_key: p.key });
    expect(r.total).toBe(s.rows("sprints").filter((x) => x.project_key === p.key).length);
    const active = s.ok("list_sprints", { state: "active", limit: 100 });
    expect(active.items.every((x: any) => x.state === "active")).toBe(true);
    expect(active.total).toBe(3);
    const sp = sprintOf(s, p.key, "active");
    expect(r.items.find((x: any) => x.id === sp.id).issue_count).toBe(s.rows("issues").filter((i) => i.sprint_id === sp.id).length);
  });

  it("create_sprint plans a future sprint with the next name; names unique; sane dates", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const last = Math.max(
      ...s
        .rows("sprints")
        .filter((x) => x.project_key === p.key)
        .map((x) => Number(x.name.split(" ").pop())),
    );
    const sp = s.ok("create_sprint", { project_key: p.key, goal: "Polish" });
    expect(sp).toMatchObject({ name: `${p.key} Sprint ${last + 1}`, state: "future", goal: "Polish", project_key: p.key });
    s.fails("create_sprint", { project_key: p.key, name: sp.name.toLowerCase() }, "already_exists", new RegExp(`already has a sprint named.*${sp.id}`));
    s.fails("create_sprint", { project_key: p.key, name: "Bad", start_date: today, end_date: today }, "invalid_argument", /must be after the start date/);
    s.fails(
      "create_sprint",
      { project_key: p.key, name: "Long", start_date: today, end_date: time.addDays(today, 40) },
      "invalid_argument",
      new RegExp(`at most 28 days.*end it by ${time.addDays(today, 28)}`),
    );
    s.fails("create_sprint", { project_key: foreign(s).key }, "permission_denied", /not a member/);
  });

  it("update_sprint changes goal and dates; closed sprints are immutable; an active sprint keeps its start", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const future = sprintOf(s, p.key, "future");
    expect(s.ok("update_sprint", { sprint_id: future.id, goal: "Stabilise", name: "Hardening" })).toMatchObject({ goal: "Stabilise", name: "Hardening" });
    const active = sprintOf(s, p.key, "active");
    expect(s.ok("update_sprint", { sprint_id: active.id, end_date: time.addDays(active.end_date, 2) }).end_date).toBe(time.addDays(active.end_date, 2));
    s.fails("update_sprint", { sprint_id: active.id, start_date: today }, "failed_precondition", /start date cannot change/);
    const closed = sprintOf(s, p.key, "closed");
    s.fails(
      "update_sprint",
      { sprint_id: closed.id, goal: "rewrite history" },
      "failed_precondition",
      new RegExp(`completed on ${closed.completed_at.slice(0, 10)}; closed sprints are immutable`),
    );
    s.fails("update_sprint", { sprint_id: future.id }, "invalid_argument", /nothing to update/);
    s.fails(
      "update_sprint",
      { sprint_id: future.id, name: active.name },
      "already_exists",
      new RegExp(`already has a sprint named "${active.name}" \\(${active.id}\\)`),
    );
    s.fails(
      "update_sprint",
      { sprint_id: active.id, end_date: time.addDays(today, -1) },
      "invalid_argument",
      new RegExp(`cannot end in the past; pick ${today} or later`),
    );
    s.fails("update_sprint", { sprint_id: future.id, end_date: future.start_date }, "invalid_argument", /must be after the start date/);
  });

  it("start_sprint: one active sprint per project", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const active = sprintOf(s, p.key, "active");
    s.fails(
      "start_sprint",
      { sprint_id: sprintOf(s, p.key, "future").id },
      "failed_precondition",
      new RegExp(`already has an active sprint, ${active.id}.*complete_sprint first`),
    );
    s.fails("start_sprint", { sprint_id: active.id }, "failed_precondition", /already active/);
    s.fails("start_sprint", { sprint_id: sprintOf(s, p.key, "closed").id }, "failed_precondition", /immutable/);
  });

  it("start_sprint: needs issues and dates", () => {
    const s = openSession(issueTracker, SEED);
    const p = idle(s);
    const undated = sprintOf(s, p.key, "future");
    expect(undated.start_date).toBeUndefined();
    s.fails(
      "start_sprint",
      { sprint_id: undated.id },
      "invalid_argument",
      new RegExp(`has no start and end dates; pass start_date and end_date \\(e.g. ${today}`),
    );
    s.fails("start_sprint", { sprint_id: undated.id, start_date: today }, "invalid_argument", /has no end date/);
    const empty = s.ok("create_sprint", { project_key: p.key, start_date: today, end_date: time.addDays(today, 14) });
    s.fails("start_sprint", { sprint_id: empty.id }, "failed_precondition", /has no issues; add some with move_issues_to_sprint/);
    s.fails(
      "start_sprint",
      { sprint_id: undated.id, start_date: time.addDays(today, -20), end_date: time.addDays(today, -6) },
      "invalid_argument",
      new RegExp(`would end on ${time.addDays(today, -6)}, before today`),
    );
    const started = s.ok("start_sprint", { sprint_id: undated.id, start_date: today, end_date: time.addDays(today, 14) });
    expect(started).toMatchObject({ state: "active", start_date: today, end_date: time.addDays(today, 14) });
    expect(started.started_at.slice(0, 10)).toBe(today);
    expect(started.issue_count).toBe(s.rows("issues").filter((i) => i.sprint_id === undated.id).length);
    s.ok("move_issues_to_sprint", { sprint_id: empty.id, issue_keys: [backlogIssue(s, p.key).key] });
    s.fails("start_sprint", { sprint_id: empty.id }, "failed_precondition", new RegExp(`already has an active sprint, ${undated.id}`));
  });

  it("complete_sprint closes the active sprint and moves unfinished issues to the backlog", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const sp = sprintOf(s, p.key, "active");
    const inSprint = s.rows("issues").filter((i) => i.sprint_id === sp.id);
    const done = inSprint.filter((i) => i.status === "done");
    const open = inSprint.filter((i) => i.status !== "done" && i.status !== "cancelled");
    const r = s.ok("complete_sprint", { sprint_id: sp.id });
    expect(r).toMatchObject({
      state: "closed",
      moved_to: "backlog",
      completed_issues: done.map((i) => i.key),
      incomplete_issues: open.map((i) => i.key),
      completed_points: done.reduce((n, i) => n + (i.story_points ?? 0), 0),
    });
    for (const i of open) expect(s.rows("issues").find((x) => x.key === i.key).sprint_id).toBeUndefined();
    expect(s.ok("get_sprint_report", { sprint_id: sp.id }).completed_issues).toEqual(done.map((i) => i.key));
    s.fails("complete_sprint", { sprint_id: sp.id }, "failed_precondition", /immutable/);
    s.fails("move_issues_to_sprint", { sprint_id: sp.id, issue_keys: [open[0].key] }, "failed_precondition", /closed sprints are immutable/);
    expect(s.ok("get_sprint_board", { project_key: p.key }).sprint).toBeNull();
  });

  it("complete_sprint can carry unfinished issues into a future sprint of the same project only", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const sp = sprintOf(s, p.key, "active");
    const future = sprintOf(s, p.key, "future");
    s.fails(
      "complete_sprint",
      { sprint_id: sp.id, move_open_issues_to_sprint_id: sprintOf(s, led(s).key, "future").id },
      "invalid_argument",
      new RegExp(`only to a future sprint of ${p.key}.*Future sprints: ${future.id}`),
    );
    s.fails("complete_sprint", { sprint_id: sp.id, move_open_issues_to_sprint_id: sprintOf(s, p.key, "closed").id }, "invalid_argument", /is closed/);
    s.fails("complete_sprint", { sprint_id: future.id }, "failed_precondition", /has not started; only the active sprint/);
    const open = s.rows("issues").filter((i) => i.sprint_id === sp.id && i.status !== "done" && i.status !== "cancelled");
    const r = s.ok("complete_sprint", { sprint_id: sp.id, move_open_issues_to_sprint_id: future.id });
    expect(r.moved_to).toEqual({ sprint_id: future.id, name: future.name });
    for (const i of open) expect(s.rows("issues").find((x) => x.key === i.key).sprint_id).toBe(future.id);
    expect(s.ok("start_sprint", { sprint_id: future.id }).state).toBe("active");
  });

  it("start_sprint: a sprint started before its planned start begins today and keeps its planned length", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const future = sprintOf(s, p.key, "future");
    expect(future.start_date > today).toBe(true);
    const length = time.daysBetween(future.start_date, future.end_date);
    s.ok("complete_sprint", { sprint_id: sprintOf(s, p.key, "active").id, move_open_issues_to_sprint_id: future.id });
    s.fails("start_sprint", { sprint_id: future.id, start_date: time.addDays(today, 3) }, "invalid_argument", /starts when it is started/);
    const started = s.ok("start_sprint", { sprint_id: future.id });
    expect([started.state, started.start_date, started.end_date]).toEqual(["active", today, time.addDays(today, length)]);
  });

  it("move_issues_to_sprint and move_issues_to_backlog", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const future = sprintOf(s, p.key, "future");
    const b = backlogIssue(s, p.key);
    const r = s.ok("move_issues_to_sprint", { sprint_id: future.id, issue_keys: [b.key] });
    expect(r.issue_keys).toContain(b.key);
    s.fails("move_issues_to_sprint", { sprint_id: future.id, issue_keys: [b.key] }, "already_exists", /already in sprint/);
    s.fails(
      "move_issues_to_sprint",
      { sprint_id: future.id, issue_keys: [backlogIssue(s, led(s).key).key] },
      "invalid_argument",
      /only join sprints of its own project/,
    );
    s.fails("move_issues_to_sprint", { sprint_id: future.id, issue_keys: [epicOf(s, p.key).key] }, "invalid_argument", /is an epic/);
    const done = issuesOf(s, p.key).find((i) => i.status === "done" && i.sprint_id === sprintOf(s, p.key, "closed").id);
    s.fails("move_issues_to_sprint", { sprint_id: future.id, issue_keys: [done.key] }, "failed_precondition", /is done; only unfinished issues/);
    s.fails("move_issues_to_sprint", { sprint_id: future.id, issue_keys: [] }, "invalid_arguments", /at least one/);
    expect(s.ok("move_issues_to_backlog", { issue_keys: [b.key] })).toEqual({ moved_to_backlog: [b.key] });
    expect(s.rows("issues").find((i) => i.key === b.key).sprint_id).toBeUndefined();
    s.fails("move_issues_to_backlog", { issue_keys: [b.key] }, "failed_precondition", /already in the backlog/);
    s.fails("move_issues_to_backlog", { issue_keys: [done.key] }, "failed_precondition", /closed sprints are immutable/);
  });

  it("get_sprint_report and get_sprint_board of the active sprint", () => {
    const s = openSession(issueTracker, SEED);
    const p = joined(s);
    const sp = sprintOf(s, p.key, "active");
    const issues = s.rows("issues").filter((i) => i.sprint_id === sp.id);
    const pts = (xs: any[]) => xs.reduce((n, i) => n + (i.story_points ?? 0), 0);
    const rep = s.ok("get_sprint_report", { sprint_id: sp.id });
    expect(rep).toMatchObject({
      state: "active",
      issue_count: issues.length,
      committed_points: pts(issues),
      completed_points: pts(issues.filter((i) => i.status === "done")),
      days_left: time.daysBetween(today, sp.end_date),
    });
    const board = s.ok("get_sprint_board", { project_key: p.key });
    expect(board.sprint.id).toBe(sp.id);
    expect(board.columns.map((c: any) => c.status)).toEqual(["todo", "in_progress", "in_review", "done"]);
    expect(
      board.columns
        .find((c: any) => c.status === "in_review")
        .issues.map((c: any) => c.key)
        .sort(),
    ).toEqual(
      issues
        .filter((i) => i.status === "in_review")
        .map((i) => i.key)
        .sort(),
    );
    expect(board.columns.reduce((n: number, c: any) => n + c.issues.length, 0)).toBe(issues.length);
    const closed = sprintOf(s, p.key, "closed");
    expect(s.ok("get_sprint_report", { sprint_id: closed.id })).toMatchObject({
      state: "closed",
      completed_issues: closed.completed_issue_keys,
      completed_points: closed.completed_points,
    });
    expect(s.ok("get_sprint_board", { project_key: idle(s).key })).toMatchObject({ sprint: null, columns: [] });
  });
});

describe("issue_tracker: scenario", () => {
  it("plan a sprint, start it, work an issue to done, complete the sprint and read its report", () => {
    const s = openSession(issueTracker, SEED);
    const p = idle(s);
    const sprint = s.ok("create_sprint", { project_key: p.key, name: "Hotfix week", goal: "Fix login" });
    const bug = s.ok("create_issue", { project_key: p.key, type: "bug", summary: "Login fails with SSO", priority: "highest", story_points: 3 });
    const chore = s.ok("create_issue", { project_key: p.key, type: "task", summary: "Add SSO regression test", story_points: 2 });
    s.ok("move_issues_to_sprint", { sprint_id: sprint.id, issue_keys: [bug.key, chore.key] });
    s.ok("start_sprint", { sprint_id: sprint.id, start_date: today, end_date: time.addDays(today, 7) });
    s.ok("assign_issue", { issue_key: bug.key, assignee_id: me(s).id });
    for (const status of ["todo", "in_progress", "in_review", "done"]) s.ok("transition_issue", { issue_key: bug.key, status });
    const board = s.ok("get_sprint_board", { project_key: p.key });
    expect(board.columns.find((c: any) => c.status === "done").issues.map((c: any) => c.key)).toEqual([bug.key]);
    const closed = s.ok("complete_sprint", { sprint_id: sprint.id });
    expect(closed).toMatchObject({
      completed_issues: [bug.key],
      completed_points: 3,
      incomplete_issues: [chore.key],
      incomplete_points: 2,
      moved_to: "backlog",
    });
    expect(s.ok("search_issues", { project_key: p.key, in_backlog: true, text: "SSO regression" }).items.map((i: any) => i.key)).toEqual([chore.key]);
    expect(s.ok("get_issue", { issue_key: bug.key })).toMatchObject({ status: "done", sprint_id: sprint.id, sprint_name: "Hotfix week" });
  });
});
