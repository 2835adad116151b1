/** Issues: search, create, edit, workflow transitions, assignment, labels, comments and links. */
import { ascending, check, descending, isoDate, matchesText, page, ref, text, z, type CallEnv } from "../../framework/index.ts";
import {
  checkAssignee,
  checkParent,
  checkSprintOpen,
  checkStoryPoints,
  FINISHED,
  isFinished,
  ISSUE_TYPES,
  LINK_TYPES,
  mustBeMember,
  PRIORITIES,
  read,
  STATUSES,
  STORY_POINTS,
  WORK_STATUSES,
  WORKFLOW,
  write,
  type Issue,
  type Tracker,
} from "../state.ts";
import { issueKey, issueView, label, priorityRank, projectKey, summary, transitionsOf } from "./common.ts";

const CLEARABLE = ["story_points", "parent_key", "due_date"] as const;

const MAX_LABELS = 10;
const points = z
  .number()
  .int()
  .min(1)
  .max(21)
  .describe(`Story points, one of ${STORY_POINTS.join(", ")} (Fibonacci)`);

/** The issue and its project, after checking the user may write to it. */
function writable(db: Tracker, key: string, env: CallEnv) {
  const issue = db.issues.need(key);
  const project = db.projects.need(issue.project_key);
  const user = mustBeMember(db, project, env);
  return { issue, project, user };
}

const SORTS = {
  updated: (a: Issue, b: Issue) => descending("updated_at")(a, b),
  created: (a: Issue, b: Issue) => descending("created_at")(a, b),
  priority: (a: Issue, b: Issue) => priorityRank(a.priority) - priorityRank(b.priority) || descending("updated_at")(a, b),
  key: (a: Issue, b: Issue) => ascending("project_key")(a, b) || Number(a.key.split("-")[1]) - Number(b.key.split("-")[1]),
} as const;

export const issueTools = {
  search_issues: read({
    description:
      "Search issues with filters (all optional, combined with AND): project, statuses, type, priority, assignee or unassigned, reporter, label, sprint or backlog (no sprint), parent epic, open only, and text in the key, summary or description. Sorted by last update (default), creation, priority or key.",
    input: z
      .object({
        project_key: projectKey("Only issues of this project").optional(),
        statuses: z.array(z.enum(STATUSES)).max(STATUSES.length).optional().describe("Only issues in one of these statuses"),
        type: z.enum(ISSUE_TYPES).optional().describe("Only this issue type"),
        priority: z.enum(PRIORITIES).optional().describe("Only this priority"),
        assignee_id: ref("user", "Only issues assigned to this user").optional(),
        unassigned: z.boolean().optional().describe("true: only issues nobody is assigned to"),
        reporter_id: ref("user", "Only issues reported by this user").optional(),
        label: label.optional(),
        sprint_id: ref("sprint", "Only issues in this sprint").optional(),
        in_backlog: z.boolean().optional().describe("true: only issues in no sprint (the backlog); false: only issues in a sprint"),
        parent_key: issueKey("Only children of this epic").optional(),
        open_only: z.boolean().optional().describe("true: leave out done and cancelled issues"),
        text: z.string().trim().max(100).optional().describe("Text in the key, summary or description"),
        sort: z
          .enum(["updated", "created", "priority", "key"])
          .default("updated")
          .describe("Order: updated (newest first), created (newest first), priority (highest first), key"),
        ...page,
      })
      .strict(),
    discovers: "issue",
    run: (db, a) => {
      const p = db.issues.page(a, {
        where: (i) =>
          (!a.project_key || i.project_key === a.project_key) &&
          (!a.statuses || a.statuses.includes(i.status)) &&
          (!a.type || i.type === a.type) &&
          (!a.priority || i.priority === a.priority) &&
          (!a.assignee_id || i.assignee_id === a.assignee_id) &&
          (a.unassigned === undefined || (i.assignee_id === undefined) === a.unassigned) &&
          (!a.reporter_id || i.reporter_id === a.reporter_id) &&
          (!a.label || i.labels.includes(a.label)) &&
          (!a.sprint_id || i.sprint_id === a.sprint_id) &&
          (a.in_backlog === undefined || (i.sprint_id === undefined) === a.in_backlog) &&
          (!a.parent_key || i.parent_key === a.parent_key) &&
          (!a.open_only || !isFinished(i.status)) &&
          matchesText(a.text, i.key, i.summary, i.description),
        sort: SORTS[a.sort],
      });
      return { ...p, items: p.items.map((i) => issueView(db, i)) };
    },
  }),

  get_issue: read({
    description:
      "One issue by key (e.g. ATLAS-123) with names of its people and sprint, its parent epic, children (for an epic), links, comment count and the statuses it may move to next.",
    input: z.object({ issue_key: issueKey("The issue") }).strict(),
    run: (db, a) => {
      const i = db.issues.need(a.issue_key);
      const parent = i.parent_key ? db.issues.get(i.parent_key) : undefined;
      return {
        ...issueView(db, i),
        parent: parent ? { key: parent.key, summary: parent.summary, status: parent.status } : null,
        children:
          i.type === "epic"
            ? db.issues.filter((c) => c.parent_key === i.key).map((c) => ({ key: c.key, summary: c.summary, status: c.status, story_points: c.story_points }))
            : [],
        links: db.issue_links.filter((l) => l.source_key === i.key || l.target_key === i.key),
        comment_count: db.comments.count((c) => c.issue_key === i.key),
        transitions: transitionsOf(i),
      };
    },
  }),

  create_issue: write({
    description:
      "Create an issue in a project the user is a member of. It gets the next key of the project (e.g. ATLAS-58) and starts in the backlog status. Optional: assignee (a project member), labels, story points (Fibonacci), parent epic of the same project, sprint (not closed), due date. Returns the issue.",
    input: z
      .object({
        project_key: projectKey("The project"),
        type: z.enum(ISSUE_TYPES).describe("bug, story, task or epic"),
        summary: summary.describe("One-line summary"),
        description: text("Details, steps to reproduce, acceptance criteria", 10_000).default(""),
        priority: z.enum(PRIORITIES).default("medium").describe("Priority (default medium)"),
        assignee_id: ref("user", "Project member to assign").optional(),
        labels: z.array(label).max(MAX_LABELS).optional().describe(`Labels, at most ${MAX_LABELS}`),
        story_points: points.optional(),
        parent_key: issueKey("Epic of the same project this issue belongs to").optional(),
        sprint_id: ref("sprint", "Sprint of the same project to put it in (default: the backlog)").optional(),
        due_date: isoDate("Due date").optional(),
      })
      .strict(),
    produces: "issue",
    run: (db, a, env) => {
      const p = db.projects.need(a.project_key);
      const reporter = mustBeMember(db, p, env);
      if (a.assignee_id) checkAssignee(db, p, a.assignee_id);
      checkStoryPoints(a.story_points, a.type);
      const key = `${p.key}-${p.next_issue_number}`;
      if (a.parent_key) checkParent(db, { key, type: a.type, project_key: p.key }, a.parent_key);
      if (a.sprint_id) {
        const s = db.sprints.need(a.sprint_id);
        check(
          s.project_key === p.key,
          `sprint ${s.id} ("${s.name}") belongs to project ${s.project_key}; pick a sprint of ${p.key} (list_sprints)`,
          "invalid_argument",
        );
        checkSprintOpen(s);
        check(a.type !== "epic", "epics span sprints and are not planned into one; put their stories in the sprint instead", "invalid_argument");
      }
      const issue = db.issues.insert({
        key,
        project_key: p.key,
        type: a.type,
        summary: a.summary,
        description: a.description,
        status: "backlog",
        priority: a.priority,
        labels: [...new Set(a.labels ?? [])].sort(),
        ...(a.assignee_id ? { assignee_id: a.assignee_id } : {}),
        reporter_id: reporter.id,
        ...(a.story_points !== undefined ? { story_points: a.story_points } : {}),
        ...(a.parent_key ? { parent_key: a.parent_key } : {}),
        ...(a.sprint_id ? { sprint_id: a.sprint_id } : {}),
        ...(a.due_date ? { due_date: a.due_date } : {}),
        created_at: env.now,
        updated_at: env.now,
      });
      db.projects.update(p.key, { next_issue_number: p.next_issue_number + 1 });
      return issueView(db, issue);
    },
  }),

  update_issue: write({
    description:
      "Edit an issue's summary, description, priority, story points (Fibonacci), parent epic (same project) or due date; clear empties story points, the parent or the due date. Status changes go through transition_issue, people through assign_issue. Returns the issue.",
    input: z
      .object({
        issue_key: issueKey("The issue"),
        summary: summary.optional().describe("New one-line summary"),
        description: text("New description", 10_000).optional(),
        priority: z.enum(PRIORITIES).optional().describe("New priority"),
        story_points: points.optional(),
        parent_key: issueKey("New parent epic").optional(),
        due_date: isoDate("New due date").optional(),
        // A list of fields to empty rather than nulls, so a schema where every property is required (strict mode) can still leave a field alone.
        clear: z
          .array(z.enum(CLEARABLE))
          .max(CLEARABLE.length)
          .default([])
          .describe("Fields to empty: story_points, parent_key (remove from its epic), due_date"),
      })
      .strict(),
    run: (db, a, env) => {
      const { issue } = writable(db, a.issue_key, env);
      const { issue_key: _k, clear, ...fields } = a;
      check(
        clear.length > 0 || Object.values(fields).some((v) => v !== undefined),
        "nothing to update: pass at least one of summary, description, priority, story_points, parent_key, due_date, or fields to clear",
        "invalid_argument",
      );
      for (const f of clear) check(fields[f] === undefined, `${f} is both set and cleared; give one or the other`, "invalid_argument");
      checkStoryPoints(a.story_points, issue.type);
      if (a.parent_key) checkParent(db, issue, a.parent_key);
      const next: Issue = { ...issue, updated_at: env.now };
      if (a.summary !== undefined) next.summary = a.summary;
      if (a.description !== undefined) next.description = a.description;
      if (a.priority !== undefined) next.priority = a.priority;
      if (a.story_points !== undefined) next.story_points = a.story_points;
      if (a.parent_key !== undefined) next.parent_key = a.parent_key;
      if (a.due_date !== undefined) next.due_date = a.due_date;
      for (const f of clear) delete next[f];
      return issueView(db, db.issues.put(next));
    },
  }),

  get_issue_transitions: read({
    description:
      "The statuses an issue may move to from its current status under the project workflow, with any condition (an assignee for in_progress and in_review; finished children for an epic to be done).",
    input: z.object({ issue_key: issueKey("The issue") }).strict(),
    run: (db, a) => {
      const i = db.issues.need(a.issue_key);
      return { issue_key: i.key, status: i.status, transitions: transitionsOf(i) };
    },
  }),

  transition_issue: write({
    description:
      "Move an issue to another status along the workflow: backlog → todo → in_progress → in_review → done; back one step; any unfinished status → cancelled; done → reopened; cancelled → backlog. in_progress and in_review need an assignee; an epic is done only when its children are done or cancelled. An issue reopened after its sprint closed returns to the backlog. Optionally adds a comment. Returns the issue.",
    input: z
      .object({
        issue_key: issueKey("The issue"),
        status: z.enum(STATUSES).describe("The status to move to"),
        comment: z.string().trim().min(1).max(10_000).optional().describe("Comment to add with the transition"),
      })
      .strict(),
    run: (db, a, env) => {
      const { issue, user } = writable(db, a.issue_key, env);
      const allowed = WORKFLOW[issue.status];
      check(
        a.status !== issue.status,
        `${issue.key} is already ${issue.status}; from ${issue.status} it may move to ${allowed.join(", ")}`,
        "invalid_argument",
      );
      check(
        allowed.includes(a.status),
        `${issue.key} is ${issue.status} and cannot move to ${a.status}; from ${issue.status} the workflow allows ${allowed.join(", ")}`,
      );
      check(
        !WORK_STATUSES.includes(a.status) || issue.assignee_id,
        `${issue.key} has no assignee; assign it with assign_issue before moving it to ${a.status}`,
      );
      if (a.status === "done" && issue.type === "epic") {
        const open = db.issues.filter((c) => c.parent_key === issue.key && !isFinished(c.status));
        check(
          open.length === 0,
          () => `epic ${issue.key} still has unfinished children: ${open.map((c) => `${c.key} (${c.status})`).join(", ")}; finish or cancel them first`,
        );
      }
      const next: Issue = { ...issue, status: a.status, updated_at: env.now };
      if (FINISHED.includes(a.status)) next.resolved_at = env.now;
      else delete next.resolved_at;
      // Work reopened after its sprint closed goes back to the backlog; the sprint's report keeps it.
      const sprint = issue.sprint_id ? db.sprints.get(issue.sprint_id) : undefined;
      if (!FINISHED.includes(a.status) && sprint?.state === "closed") delete next.sprint_id;
      const updated = db.issues.put(next);
      if (a.comment) db.comments.create({ issue_key: issue.key, author_id: user.id, body: a.comment, created_at: env.now });
      return { ...issueView(db, updated), previous_status: issue.status, transitions: transitionsOf(updated) };
    },
  }),

  assign_issue: write({
    description:
      "Assign an issue to a member of its project (active users only), or pass null to unassign it. An issue in progress or in review cannot be left without an assignee. Returns the issue.",
    input: z.object({ issue_key: issueKey("The issue"), assignee_id: ref("user", "Project member to assign; null to unassign").nullable() }).strict(),
    run: (db, a, env) => {
      const { issue, project } = writable(db, a.issue_key, env);
      if (a.assignee_id === null) {
        check(
          !WORK_STATUSES.includes(issue.status),
          `${issue.key} is ${issue.status} and needs an assignee; move it back to todo before unassigning it, or assign someone else`,
        );
        const { assignee_id: _a, ...rest } = issue;
        return issueView(db, db.issues.put({ ...rest, updated_at: env.now }));
      }
      const u = checkAssignee(db, project, a.assignee_id);
      check(issue.assignee_id !== u.id, `${issue.key} is already assigned to ${u.name}`, "already_exists");
      return issueView(db, db.issues.update(issue.key, { assignee_id: u.id, updated_at: env.now }));
    },
  }),

  delete_issue: write({
    description: "Delete an issue for good, with its comments and links. An epic with children cannot be deleted, nor an issue recorded in a closed sprint.",
    input: z.object({ issue_key: issueKey("The issue to delete") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const { issue } = writable(db, a.issue_key, env);
      const kids = db.issues.filter((c) => c.parent_key === issue.key);
      check(
        kids.length === 0,
        () => `epic ${issue.key} has children ${kids.map((c) => c.key).join(", ")}; move them to another epic (update_issue parent_key) or delete them first`,
      );
      if (issue.sprint_id) checkSprintOpen(db.sprints.need(issue.sprint_id));
      const comments = db.comments.filter((c) => c.issue_key === issue.key);
      const links = db.issue_links.filter((l) => l.source_key === issue.key || l.target_key === issue.key);
      for (const c of comments) db.comments.delete(c.id);
      for (const l of links) db.issue_links.delete(l.id);
      db.issues.delete(issue.key);
      return { deleted: issue.key, summary: issue.summary, comments_deleted: comments.length, links_deleted: links.length };
    },
  }),

  add_issue_label: write({
    description: `Add a label to an issue (lowercase, no spaces, e.g. 'tech-debt'; at most ${MAX_LABELS} per issue). Returns the issue's labels.`,
    input: z.object({ issue_key: issueKey("The issue"), label }).strict(),
    run: (db, a, env) => {
      const { issue } = writable(db, a.issue_key, env);
      check(!issue.labels.includes(a.label), `${issue.key} already has the label '${a.label}'; its labels are ${issue.labels.join(", ")}`, "already_exists");
      check(issue.labels.length < MAX_LABELS, `${issue.key} already has ${MAX_LABELS} labels (${issue.labels.join(", ")}); remove one first`, "limit_exceeded");
      const updated = db.issues.update(issue.key, { labels: [...issue.labels, a.label].sort(), updated_at: env.now });
      return { issue_key: updated.key, labels: updated.labels };
    },
  }),

  remove_issue_label: write({
    description: "Remove a label from an issue. Returns the issue's remaining labels.",
    input: z.object({ issue_key: issueKey("The issue"), label }).strict(),
    run: (db, a, env) => {
      const { issue } = writable(db, a.issue_key, env);
      check(
        issue.labels.includes(a.label),
        `${issue.key} has no label '${a.label}'; its labels are ${issue.labels.length ? issue.labels.join(", ") : "none"}`,
        "not_found",
      );
      const updated = db.issues.update(issue.key, { labels: issue.labels.filter((l) => l !== a.label), updated_at: env.now });
      return { issue_key: updated.key, labels: updated.labels };
    },
  }),

  add_issue_comment: write({
    description: "Comment on an issue as the user (a member of its project). Returns the comment.",
    input: z
      .object({ issue_key: issueKey("The issue"), body: z.string().trim().min(1, "a comment needs text").max(10_000).describe("Text of the comment") })
      .strict(),
    produces: "comment",
    run: (db, a, env) => {
      const { issue, user } = writable(db, a.issue_key, env);
      const c = db.comments.create({ issue_key: issue.key, author_id: user.id, body: a.body, created_at: env.now });
      db.issues.update(issue.key, { updated_at: env.now });
      return { ...c, author_name: user.name };
    },
  }),

  list_issue_comments: read({
    description: "Comments on an issue, oldest first, with their authors.",
    input: z.object({ issue_key: issueKey("The issue"), ...page }).strict(),
    discovers: "comment",
    run: (db, a) => {
      db.issues.need(a.issue_key);
      const p = db.comments.page(a, { where: (c) => c.issue_key === a.issue_key, sort: (x, y) => ascending("created_at")(x, y) || ascending("id")(x, y) });
      return { ...p, items: p.items.map((c) => ({ ...c, author_name: db.users.get(c.author_id)?.name ?? null })) };
    },
  }),

  link_issues: write({
    description:
      "Link two issues: '<source> blocks <target>', 'relates_to', 'duplicates' or 'clones'. Issues may be in different projects; the user must be a member of the source's project. Returns the link.",
    input: z
      .object({
        source_key: issueKey("The issue that blocks, relates to, duplicates or clones the other"),
        target_key: issueKey("The other issue"),
        type: z.enum(LINK_TYPES).describe("blocks, relates_to, duplicates or clones"),
      })
      .strict(),
    produces: "issue_link",
    run: (db, a, env) => {
      const { issue: source } = writable(db, a.source_key, env);
      const target = db.issues.need(a.target_key);
      check(source.key !== target.key, `an issue cannot be linked to itself (${source.key}); pick another target`, "invalid_argument");
      const dup = db.issue_links.find(
        (l) =>
          l.type === a.type &&
          ((l.source_key === source.key && l.target_key === target.key) ||
            (a.type === "relates_to" && l.source_key === target.key && l.target_key === source.key)),
      );
      check(!dup, () => `${dup?.source_key} already ${a.type.replace("_", " ")} ${dup?.target_key} (${dup?.id})`, "already_exists");
      const reverse = a.type === "blocks" && db.issue_links.find((l) => l.type === "blocks" && l.source_key === target.key && l.target_key === source.key);
      check(!reverse, `${target.key} already blocks ${source.key}; two issues cannot block each other`);
      return db.issue_links.create({ type: a.type, source_key: source.key, target_key: target.key, created_at: env.now });
    },
  }),

  list_issue_links: read({
    description: "Links of an issue in both directions (blocks, is blocked by, relates to, duplicates…), each with the other issue's summary and status.",
    input: z.object({ issue_key: issueKey("The issue"), ...page }).strict(),
    discovers: "issue_link",
    run: (db, a) => {
      const i = db.issues.need(a.issue_key);
      const p = db.issue_links.page(a, { where: (l) => l.source_key === i.key || l.target_key === i.key });
      return {
        ...p,
        items: p.items.map((l) => {
          const outward = l.source_key === i.key;
          const other = db.issues.get(outward ? l.target_key : l.source_key);
          const phrase = outward
            ? l.type.replace("_", " ")
            : { blocks: "is blocked by", relates_to: "relates to", duplicates: "is duplicated by", clones: "is cloned by" }[l.type];
          return {
            ...l,
            relation: `${i.key} ${phrase} ${other?.key ?? (outward ? l.target_key : l.source_key)}`,
            other: other ? { key: other.key, summary: other.summary, status: other.status } : null,
          };
        }),
      };
    },
  }),
};
