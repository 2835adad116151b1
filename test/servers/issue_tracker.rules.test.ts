/**
 * Issue tracker: the rules of a Jira-like tracker, each with its expected values written out
 * (filters, sprint lengths and dates, report figures, link phrases, messages), not computed by
 * the code under test.
 */
import { describe, expect, it } from "vitest";
import issueTracker from "../../ts/servers/issue_tracker/index.ts";
import { time, worldFor } from "../../ts/servers/framework/index.ts";
import type { Issue, Project, Sprint, User } from "../../ts/servers/issue_tracker/state.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const SEED = 1;
const world = worldFor(SEED);
const today = world.today;

const me = (s: TestSession) => s.rows<User>("users").find((u) => u.email === world.user.email)!;
/** The project the user leads: they may do everything in it. */
const led = (s: TestSession) => s.rows<Project>("projects").find((p) => p.lead_id === me(s).id)!;
const sprints = (s: TestSession, key: string) => s.rows<Sprint>("sprints").filter((x) => x.project_key === key);
const issue = (s: TestSession, key: string, extra: Record<string, unknown> = {}) =>
  s.ok("create_issue", { project_key: key, type: "task", summary: "Rotate the signing keys", ...extra }) as Issue;
/** A project of the user's with no active sprint (completing any that runs). */
function quiet(s: TestSession): Project {
  const p = led(s);
  for (const x of sprints(s, p.key).filter((y) => y.state === "active")) s.ok("complete_sprint", { sprint_id: x.id });
  return p;
}

describe("issue_tracker: search filters", () => {
  it("rule: each filter keeps exactly the issues that match it", () => {
    const s = openSession(issueTracker, SEED);
    const all = s.rows<Issue>("issues");
    const found = (args: Record<string, unknown>) => {
      const r = s.ok("search_issues", { limit: 100, sort: "key", ...args });
      return { total: r.total as number, keys: (r.items as Issue[]).map((i) => i.key).sort() };
    };
    const expected = (pred: (i: Issue) => boolean) =>
      all
        .filter(pred)
        .map((i) => i.key)
        .sort();
    const sample = all.find((i) => i.assignee_id && i.sprint_id && i.labels.length > 0)!;
    const cases: Array<[Record<string, unknown>, (i: Issue) => boolean]> = [
      [{ type: "bug" }, (i) => i.type === "bug"],
      [{ priority: "highest" }, (i) => i.priority === "highest"],
      [{ assignee_id: sample.assignee_id }, (i) => i.assignee_id === sample.assignee_id],
      [{ reporter_id: sample.reporter_id }, (i) => i.reporter_id === sample.reporter_id],
      [{ label: sample.labels[0] }, (i) => i.labels.includes(sample.labels[0]!)],
      [{ sprint_id: sample.sprint_id }, (i) => i.sprint_id === sample.sprint_id],
      [{ unassigned: true }, (i) => i.assignee_id === undefined],
      [{ in_backlog: false }, (i) => i.sprint_id !== undefined],
    ];
    for (const [args, pred] of cases) {
      const want = expected(pred);
      const got = found(args);
      expect(got.total, JSON.stringify(args)).toBe(want.length);
      for (const k of got.keys) expect(want, JSON.stringify(args)).toContain(k);
      expect(want.length, JSON.stringify(args)).toBeGreaterThan(0);
      expect(want.length, JSON.stringify(args)).toBeLessThan(all.length);
    }
  });
});

describe("issue_tracker: an issue and its links", () => {
  it("get_issue shows its parent, an epic's children, its links in both directions and how many comments it has", () => {
    const s = openSession(issueTracker, SEED);
    const p = led(s);
    const epic = issue(s, p.key, { type: "epic", summary: "Key rotation" });
    const child = issue(s, p.key, { parent_key: epic.key, story_points: 3 });
    const other = issue(s, p.key, { summary: "Audit the vault" });
    s.ok("link_issues", { source_key: child.key, target_key: other.key, type: "blocks" });
    s.ok("link_issues", { source_key: other.key, target_key: epic.key, type: "relates_to" });
    s.ok("add_issue_comment", { issue_key: child.key, body: "Started" });
    s.ok("add_issue_comment", { issue_key: child.key, body: "Halfway" });
    const e = s.ok("get_issue", { issue_key: epic.key });
    expect(e.children).toEqual([{ key: child.key, summary: "Rotate the signing keys", status: "backlog", story_points: 3 }]);
    expect([e.parent, e.comment_count, e.links.length]).toEqual([null, 0, 1]);
    const c = s.ok("get_issue", { issue_key: child.key });
    expect([c.parent, c.children, c.comment_count, c.links.map((l: { target_key: string }) => l.target_key)]).toEqual([
      { key: epic.key, summary: "Key rotation", status: "backlog" },
      [],
      2,
      [other.key],
    ]);
    expect(s.ok("get_issue", { issue_key: other.key }).links).toHaveLength(2);
  });

  it("rule: links read both ways (blocks / is blocked by, relates to / relates to); a relation is not made twice in either direction, and two issues cannot block each other", () => {
    const s = openSession(issueTracker, SEED);
    const p = led(s);
    const [a, b, c] = [issue(s, p.key), issue(s, p.key, { summary: "B" }), issue(s, p.key, { summary: "C" })];
    const blocks = s.ok("link_issues", { source_key: a.key, target_key: b.key, type: "blocks" });
    const dup = s.ok("link_issues", { source_key: c.key, target_key: a.key, type: "duplicates" });
    const rel = s.ok("link_issues", { source_key: a.key, target_key: c.key, type: "relates_to" });
    const phrases = (key: string) => (s.ok("list_issue_links", { issue_key: key }).items as Array<{ relation: string }>).map((l) => l.relation).sort();
    expect(phrases(a.key)).toEqual([`${a.key} blocks ${b.key}`, `${a.key} is duplicated by ${c.key}`, `${a.key} relates to ${c.key}`].sort());
    expect(phrases(b.key)).toEqual([`${b.key} is blocked by ${a.key}`]);
    expect(phrases(c.key)).toEqual([`${c.key} duplicates ${a.key}`, `${c.key} relates to ${a.key}`].sort());
    s.fails(
      "link_issues",
      { source_key: c.key, target_key: a.key, type: "relates_to" },
      "already_exists",
      new RegExp(`^${a.key} already relates to ${c.key} \\(${rel.id}\\)$`),
    );
    s.fails(
      "link_issues",
      { source_key: a.key, target_key: b.key, type: "blocks" },
      "already_exists",
      new RegExp(`^${a.key} already blocks ${b.key} \\(${blocks.id}\\)$`),
    );
    s.fails(
      "link_issues",
      { source_key: b.key, target_key: a.key, type: "blocks" },
      "failed_precondition",
      new RegExp(`^${a.key} already blocks ${b.key}; two issues cannot block each other$`),
    );
    // duplicates is directed: the other way round is a different statement.
    expect(s.ok("link_issues", { source_key: a.key, target_key: c.key, type: "duplicates" }).id).not.toBe(dup.id);
    s.fails("link_issues", { source_key: a.key, target_key: a.key, type: "relates_to" }, "invalid_argument", /cannot be linked to itself/);
  });

  it("comments list oldest first with their author's name", () => {
    const s = openSession(issueTracker, SEED);
    const i = issue(s, led(s).key);
    s.ok("add_issue_comment", { issue_key: i.key, body: "first" });
    s.ok("add_issue_comment", { issue_key: i.key, body: "second" });
    const items = s.ok("list_issue_comments", { issue_key: i.key }).items as Array<{ body: string; author_name: string }>;
    expect(items.map((c) => [c.body, c.author_name])).toEqual([
      ["first", me(s).name],
      ["second", me(s).name],
    ]);
  });

  it("update_issue changes only what it is given", () => {
    const s = openSession(issueTracker, SEED);
    const i = issue(s, led(s).key, { description: "Old", story_points: 2, due_date: time.addDays(today, 9) });
    const keep = { summary: "Rotate the signing keys", description: "Old", story_points: 2, due_date: time.addDays(today, 9) };
    expect(s.ok("update_issue", { issue_key: i.key, description: "New" })).toMatchObject({ ...keep, description: "New" });
    expect(s.ok("update_issue", { issue_key: i.key, story_points: 5 })).toMatchObject({ ...keep, description: "New", story_points: 5 });
    expect(s.ok("update_issue", { issue_key: i.key, due_date: time.addDays(today, 20) })).toMatchObject({
      description: "New",
      story_points: 5,
      due_date: time.addDays(today, 20),
    });
  });

  it("marks exactly the tools that destroy something as destructive", () => {
    expect(
      issueTracker.tools
        .filter((t) => t.destructive)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["delete_issue"]);
  });
});

describe("issue_tracker: sprints", () => {
  it("rule: a sprint lasts at most 28 days and ends after it starts", () => {
    const s = openSession(issueTracker, SEED);
    const p = led(s);
    const start = time.addDays(today, 30);
    expect(s.ok("create_sprint", { project_key: p.key, name: "Four weeks", start_date: start, end_date: time.addDays(start, 28) }).end_date).toBe(
      time.addDays(start, 28),
    );
    s.fails(
      "create_sprint",
      { project_key: p.key, name: "Too long", start_date: start, end_date: time.addDays(start, 29) },
      "invalid_argument",
      new RegExp(`^a sprint lasts at most 28 days; ${start} to ${time.addDays(start, 29)} is 29 days — end it by ${time.addDays(start, 28)}$`),
    );
    s.fails(
      "create_sprint",
      { project_key: p.key, name: "Zero", start_date: start, end_date: start },
      "invalid_argument",
      new RegExp(`^the end date ${start} must be after the start date ${start}$`),
    );
  });

  it("rule: a new sprint is named after the highest number in the project, and names are unique whatever their case", () => {
    const s = openSession(issueTracker, SEED);
    const p = led(s);
    const numbers = sprints(s, p.key).map((x) => Number(/(\d+)\s*$/.exec(x.name)?.[1] ?? 0));
    const next = `${p.key} Sprint ${Math.max(0, ...numbers) + 1}`;
    expect(s.ok("create_sprint", { project_key: p.key }).name).toBe(next);
    s.fails(
      "create_sprint",
      { project_key: p.key, name: next.toUpperCase() },
      "already_exists",
      new RegExp(`^project ${p.key} already has a sprint named "${next.toUpperCase()}" \\(SPR-\\d+\\); choose another name$`),
    );
    s.edit(issueTracker, (db) => db.sprints.put({ id: "SPR-9001", project_key: p.key, name: `${p.key} Sprint 40`, goal: "", state: "future" }));
    expect(s.ok("create_sprint", { project_key: p.key }).name).toBe(`${p.key} Sprint 41`);
  });

  it("rule: an active sprint keeps its start date and cannot be moved to end before today (today itself is fine)", () => {
    const s = openSession(issueTracker, SEED);
    const active =
      s.rows<Sprint>("sprints").find((x) => x.state === "active" && x.project_key === led(s).key) ??
      s.rows<Sprint>("sprints").find((x) => x.state === "active")!;
    s.fails(
      "update_sprint",
      { sprint_id: active.id, start_date: time.addDays(active.start_date!, 1) },
      "failed_precondition",
      new RegExp(`^sprint ${active.id} is active since ${active.start_date}; its start date cannot change \\(the end date can\\)$`),
    );
    expect(s.ok("update_sprint", { sprint_id: active.id, start_date: active.start_date, goal: "Same start" }).goal).toBe("Same start");
    expect(active.start_date! < today).toBe(true);
    expect(s.ok("update_sprint", { sprint_id: active.id, end_date: today }).end_date).toBe(today);
    s.fails(
      "update_sprint",
      { sprint_id: active.id, end_date: time.addDays(today, -1) },
      "invalid_argument",
      new RegExp(`^an active sprint cannot end in the past; pick ${today} or later$`),
    );
  });

  it("rule: a sprint started early begins today and keeps its length; one that would end before today does not start; only one sprint runs per project", () => {
    const s = openSession(issueTracker, SEED);
    const p = quiet(s);
    const planned = s.ok("create_sprint", { project_key: p.key, name: "Early bird", start_date: time.addDays(today, 5), end_date: time.addDays(today, 19) });
    s.ok("move_issues_to_sprint", { sprint_id: planned.id, issue_keys: [issue(s, p.key).key] });
    const started = s.ok("start_sprint", { sprint_id: planned.id });
    expect([started.start_date, started.end_date]).toEqual([today, time.addDays(today, 14)]);
    const second = s.ok("create_sprint", { project_key: p.key, name: "Second" });
    s.ok("move_issues_to_sprint", { sprint_id: second.id, issue_keys: [issue(s, p.key).key] });
    s.fails(
      "start_sprint",
      { sprint_id: second.id, start_date: today, end_date: time.addDays(today, 7) },
      "failed_precondition",
      new RegExp(`^project ${p.key} already has an active sprint, ${planned.id} \\("Early bird", ends ${time.addDays(today, 14)}\\); complete it`),
    );
    s.ok("complete_sprint", { sprint_id: planned.id });
    s.fails(
      "start_sprint",
      { sprint_id: second.id, start_date: time.addDays(today, -10), end_date: time.addDays(today, -1) },
      "invalid_argument",
      new RegExp(`^the sprint would end on ${time.addDays(today, -1)}, before today \\(${today}\\)`),
    );
    expect(s.ok("start_sprint", { sprint_id: second.id, start_date: time.addDays(today, -10), end_date: today }).end_date).toBe(today);
  });

  it("a sprint's report counts committed, completed and remaining points, lists unestimated issues and the days left", () => {
    const s = openSession(issueTracker, SEED);
    const p = quiet(s);
    const sp = s.ok("create_sprint", { project_key: p.key, name: "Counted", start_date: today, end_date: time.addDays(today, 10) });
    const done = issue(s, p.key, { story_points: 5, sprint_id: sp.id, assignee_id: me(s).id });
    const open = issue(s, p.key, { story_points: 3, sprint_id: sp.id });
    const bare = issue(s, p.key, { sprint_id: sp.id });
    s.ok("start_sprint", { sprint_id: sp.id });
    for (const status of ["todo", "in_progress", "in_review", "done"]) s.ok("transition_issue", { issue_key: done.key, status });
    s.ok("transition_issue", { issue_key: bare.key, status: "cancelled" });
    expect(s.ok("get_sprint_report", { sprint_id: sp.id })).toMatchObject({
      issue_count: 3,
      committed_points: 8,
      completed_issues: [done.key],
      completed_points: 5,
      remaining_issues: [open.key],
      remaining_points: 3,
      unestimated_issues: [bare.key],
      days_left: 10,
    });
    const board = s.ok("get_sprint_board", { project_key: p.key });
    expect(
      board.columns.map((c: { status: string; issues: Array<{ key: string }>; points: number }) => [c.status, c.issues.map((i) => i.key), c.points]),
    ).toEqual([
      ["todo", [open.key], 3],
      ["in_progress", [], 0],
      ["in_review", [], 0],
      ["done", [done.key], 5],
    ]);
    expect(board.cancelled.map((i: { key: string }) => i.key)).toEqual([bare.key]);
    expect(board.sprint.days_left).toBe(10);
    const closed = s.ok("complete_sprint", { sprint_id: sp.id });
    expect(closed).toMatchObject({
      completed_issues: [done.key],
      incomplete_issues: [open.key],
      completed_points: 5,
      incomplete_points: 3,
      moved_to: "backlog",
    });
    const future = s.ok("create_sprint", { project_key: p.key, name: "Next up" });
    expect(s.ok("get_sprint_board", { project_key: p.key })).toMatchObject({ sprint: null, columns: [], note: expect.stringContaining(`future sprints: `) });
    expect(s.ok("get_sprint_board", { project_key: p.key }).note).toContain(future.id);
  });

  it("rule: unfinished issues of a completed sprint move only to a future sprint of the same project, and the refusal lists those", () => {
    const s = openSession(issueTracker, SEED);
    const p = quiet(s);
    const sp = s.ok("create_sprint", { project_key: p.key, name: "Carry", start_date: today, end_date: time.addDays(today, 7) });
    const open = issue(s, p.key, { sprint_id: sp.id });
    s.ok("start_sprint", { sprint_id: sp.id });
    const futures = sprints(s, p.key).filter((x) => x.state === "future");
    const otherFuture = s.rows<Sprint>("sprints").find((x) => x.project_key !== p.key && x.state === "future")!;
    s.fails(
      "complete_sprint",
      { sprint_id: sp.id, move_open_issues_to_sprint_id: otherFuture.id },
      "invalid_argument",
      new RegExp(
        `^unfinished issues can move only to a future sprint of ${p.key}; ${otherFuture.id} is in project ${otherFuture.project_key}\\. Future sprints: ${futures.length ? futures.map((f) => `${f.id} \\("${f.name}"\\)`).join(", ") : "none"}`,
      ),
    );
    const next = s.ok("create_sprint", { project_key: p.key, name: "Landing" });
    const r = s.ok("complete_sprint", { sprint_id: sp.id, move_open_issues_to_sprint_id: next.id });
    expect(r.moved_to).toEqual({ sprint_id: next.id, name: "Landing" });
    expect(s.rows<Issue>("issues").find((i) => i.key === open.key)!.sprint_id).toBe(next.id);
  });
});

describe("issue_tracker: work needs an assignee", () => {
  it("rule: an issue in progress or in review cannot be left without an assignee; in todo it can", () => {
    const s = openSession(issueTracker, SEED);
    const p = led(s);
    const i = issue(s, p.key, { assignee_id: me(s).id });
    s.ok("transition_issue", { issue_key: i.key, status: "todo" });
    s.ok("transition_issue", { issue_key: i.key, status: "in_progress" });
    s.fails(
      "assign_issue",
      { issue_key: i.key, assignee_id: null },
      "failed_precondition",
      new RegExp(`${i.key} is in_progress and needs an assignee; move it back to todo before unassigning it`),
    );
    s.ok("transition_issue", { issue_key: i.key, status: "in_review" });
    s.fails("assign_issue", { issue_key: i.key, assignee_id: null }, "failed_precondition", new RegExp(`${i.key} is in_review and needs an assignee`));
    s.ok("transition_issue", { issue_key: i.key, status: "in_progress" });
    s.ok("transition_issue", { issue_key: i.key, status: "todo" });
    expect(s.ok("assign_issue", { issue_key: i.key, assignee_id: null }).assignee_id).toBeUndefined();
    s.fails(
      "transition_issue",
      { issue_key: i.key, status: "in_progress" },
      "failed_precondition",
      new RegExp(`${i.key} has no assignee; assign it with assign_issue before moving it to in_progress`),
    );
  });
});
