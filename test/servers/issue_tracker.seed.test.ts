/** The issue tracker's seed, checked against the rules a scrum master would expect. */
import { expect } from "vitest";
import issueTracker from "../../ts/servers/issue_tracker/index.ts";
import type { Comment, Issue, IssueLink, Project, Sprint, User } from "../../ts/servers/issue_tracker/state.ts";
import { groupBy, seedRules } from "../helpers/seed-rules.ts";

const FIBONACCI = [1, 2, 3, 5, 8, 13, 21];
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

seedRules(issueTracker, {
  "no two issues in the whole tracker share a summary or a description": (s) => {
    const issues = s.rows<Issue>("issues");
    expect(new Set(issues.map((i) => i.summary)).size).toBe(issues.length);
    expect(new Set(issues.map((i) => i.description)).size).toBe(issues.length);
  },
  "descriptions are not one template: with the summary taken out, no first line covers more than a quarter of a project's issues": (s) => {
    for (const [key, issues] of groupBy(
      s.rows<Issue>("issues").filter((i) => i.type !== "epic"),
      (i) => i.project_key,
    )) {
      const shapes = groupBy(issues, (i) =>
        i.description
          .split("\n")[0]!
          .toLowerCase()
          .replace(i.summary.toLowerCase(), "…")
          .replace(/[^a-z…: ]/g, "")
          .slice(0, 24),
      );
      const biggest = Math.max(...[...shapes.values()].map((x) => x.length));
      expect(biggest, key).toBeLessThanOrEqual(Math.ceil(issues.length / 4));
    }
  },
  "keys are numbered in order of creation within each project, and next_issue_number follows the last": (s) => {
    for (const p of s.rows<Project>("projects")) {
      const issues = s
        .rows<Issue>("issues")
        .filter((i) => i.project_key === p.key)
        .sort((a, b) => Number(a.key.split("-")[1]) - Number(b.key.split("-")[1]));
      issues.forEach((i, k) => expect(i.key).toBe(`${p.key}-${k + 1}`));
      for (let k = 1; k < issues.length; k++) expect(issues[k]!.created_at >= issues[k - 1]!.created_at, issues[k]!.key).toBe(true);
      expect(p.next_issue_number).toBe(issues.length + 1);
    }
  },
  "sprints follow one another: closed ones in the past, the active one started on or before today and ends after it, the future one after that": (s) => {
    for (const [key, sprints] of groupBy(s.rows<Sprint>("sprints"), (x) => x.project_key)) {
      const active = sprints.filter((x) => x.state === "active");
      expect(active.length, key).toBeLessThanOrEqual(1);
      for (const x of sprints.filter((y) => y.state === "closed")) expect(x.end_date! <= s.world.today && x.completed_at! <= s.world.now, x.name).toBe(true);
      for (const x of active) expect(x.start_date! <= s.world.today && x.end_date! > s.world.today, x.name).toBe(true);
      for (const x of sprints.filter((y) => y.state === "future" && y.start_date)) {
        expect(x.start_date! > s.world.today, x.name).toBe(true);
        if (active[0]) expect(x.start_date! >= active[0].end_date!, x.name).toBe(true);
      }
      for (const x of sprints.filter((y) => y.start_date && y.end_date)) expect(x.end_date, x.name).toBe(addDays(x.start_date!, 14));
    }
  },
  "a closed sprint's report matches the issues finished in it, points included": (s) => {
    const issues = new Map(s.rows<Issue>("issues").map((i) => [i.key, i]));
    for (const x of s.rows<Sprint>("sprints").filter((y) => y.state === "closed")) {
      const finished = s
        .rows<Issue>("issues")
        .filter((i) => i.sprint_id === x.id)
        .map((i) => i.key)
        .sort();
      expect([...x.completed_issue_keys!].sort(), x.name).toEqual(finished);
      expect(x.completed_points).toBe(finished.reduce((n, k) => n + (issues.get(k)!.story_points ?? 0), 0));
      for (const k of finished) expect(issues.get(k)!.status, k).toBe("done");
    }
  },
  "work in progress or review has an assignee; a finished issue was resolved, an open one not": (s) => {
    for (const i of s.rows<Issue>("issues").filter((x) => x.type !== "epic")) {
      if (i.status === "in_progress" || i.status === "in_review") expect(i.assignee_id, i.key).toBeDefined();
      expect(i.resolved_at !== undefined, i.key).toBe(i.status === "done" || i.status === "cancelled");
    }
  },
  "story points are on the Fibonacci scale, and epics have none": (s) => {
    for (const i of s.rows<Issue>("issues")) {
      if (i.type === "epic") expect(i.story_points, i.key).toBeUndefined();
      else if (i.story_points !== undefined) expect(FIBONACCI, i.key).toContain(i.story_points);
    }
  },
  "an epic is done only when all its children are finished": (s) => {
    const issues = s.rows<Issue>("issues");
    for (const e of issues.filter((i) => i.type === "epic" && i.status === "done")) {
      for (const k of issues.filter((i) => i.parent_key === e.key)) expect(["done", "cancelled"], k.key).toContain(k.status);
    }
  },
  "people on an issue are members of its project; reporters and assignees are active users": (s) => {
    const projects = new Map(s.rows<Project>("projects").map((p) => [p.key, p]));
    const users = new Map(s.rows<User>("users").map((u) => [u.id, u]));
    for (const i of s.rows<Issue>("issues")) {
      for (const who of [i.assignee_id, i.reporter_id].filter((x): x is string => !!x)) {
        expect(projects.get(i.project_key)!.member_ids.includes(who) && users.get(who)!.active, `${i.key} ${who}`).toBe(true);
      }
    }
  },
  "times make sense: created before updated before now; comments and links come after the issues they concern": (s) => {
    const issues = new Map(s.rows<Issue>("issues").map((i) => [i.key, i]));
    for (const i of issues.values()) expect(i.created_at <= i.updated_at && i.updated_at <= s.world.now, i.key).toBe(true);
    for (const c of s.rows<Comment>("comments")) expect(c.created_at >= issues.get(c.issue_key)!.created_at && c.created_at <= s.world.now, c.id).toBe(true);
    for (const l of s.rows<IssueLink>("issue_links")) {
      expect(l.created_at >= issues.get(l.source_key)!.created_at && l.created_at >= issues.get(l.target_key)!.created_at, l.id).toBe(true);
    }
  },
  "the user leads one project, works in two more and only browses the fourth": (s) => {
    const me = s.rows<User>("users").find((u) => u.email === s.world.user.email)!;
    const projects = s.rows<Project>("projects");
    expect(projects.filter((p) => p.lead_id === me.id)).toHaveLength(1);
    expect(projects.filter((p) => p.member_ids.includes(me.id))).toHaveLength(3);
  },
});
