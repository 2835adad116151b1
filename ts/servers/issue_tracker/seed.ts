/**
 * A software team's tracker: the world's user, their colleagues and collaborators work on four
 * projects with two-week scrum sprints. Each project has epics, a history of closed sprints
 * whose reports match the issues finished in them (with the odd issue carried over), usually
 * one active sprint with work in every column, a planned future sprint and a backlog. The user
 * leads one project, is a member of two more and can only browse the fourth.
 */
import { time, type SeedContext } from "../framework/index.ts";
import { STORY_POINTS, type Comment, type Issue, type IssueLink, type IssueType, type Project, type Sprint, type Status, type User } from "./state.ts";

interface Template {
  key: string;
  name: string;
  description: string;
  epics: readonly string[];
  issues: ReadonlyArray<readonly [IssueType, string]>;
  labels: readonly string[];
}

const TEMPLATES: readonly Template[] = [
  {
    key: "ATLAS",
    name: "Atlas Platform",
    description: "Core API, authentication and the services every product builds on.",
    epics: ["OAuth 2.1 single sign-on", "Public API v3", "Multi-region failover"],
    issues: [
      ["story", "Users can sign in with Google Workspace"],
      ["story", "Admins can rotate API keys without downtime"],
      ["bug", "Token refresh returns 500 when the session expired"],
      ["bug", "Rate limiter counts OPTIONS requests"],
      ["task", "Move session store to Redis cluster"],
      ["story", "Paginate /v3/projects with cursors"],
      ["bug", "Webhook retries ignore the Retry-After header"],
      ["task", "Write the v3 migration guide"],
      ["story", "SCIM provisioning for enterprise tenants"],
      ["task", "Add p99 latency alerts for the gateway"],
      ["bug", "Password reset link expires after 5 minutes instead of 60"],
      ["story", "Audit log export as CSV"],
      ["task", "Deprecate the v1 XML endpoints"],
      ["bug", "CORS preflight fails for custom domains"],
      ["task", "Failover drill for the eu-west database"],
      ["story", "Per-tenant request quotas"],
    ],
    labels: ["auth", "api", "gateway"],
  },
  {
    key: "NOVA",
    name: "Nova Mobile",
    description: "The iOS and Android apps.",
    epics: ["Offline mode", "Onboarding redesign", "Push notification center"],
    issues: [
      ["bug", "App crashes on launch on Android 12 when storage is full"],
      ["story", "Users can browse saved items offline"],
      ["story", "New three-step onboarding flow"],
      ["bug", "Dark mode text unreadable on the settings screen"],
      ["task", "Upgrade React Native to 0.76"],
      ["story", "Notification preferences per channel"],
      ["bug", "Push notifications arrive twice on iOS 18"],
      ["task", "Set up crash-free session dashboard"],
      ["story", "Biometric login with Face ID"],
      ["bug", "Keyboard covers the comment field on small phones"],
      ["task", "Reduce app bundle size below 40 MB"],
      ["story", "Sync conflicts are resolved with a merge prompt"],
      ["bug", "Deep links open the home screen instead of the item"],
      ["task", "Accessibility audit of the checkout screens"],
      ["story", "Skip onboarding for invited users"],
    ],
    labels: ["ios", "android", "ux"],
  },
  {
    key: "HELIX",
    name: "Helix Data",
    description: "Ingestion pipelines, the warehouse and data quality.",
    epics: ["Streaming ingestion", "Warehouse cost reduction", "Data quality checks"],
    issues: [
      ["story", "Ingest clickstream events from Kafka in near real time"],
      ["bug", "Nightly orders job double-counts refunds"],
      ["task", "Partition the events table by day"],
      ["story", "Alert owners when a freshness check fails"],
      ["bug", "Timezone shift in the daily revenue report"],
      ["task", "Archive raw logs older than 13 months"],
      ["story", "Null-rate checks on customer dimensions"],
      ["bug", "Schema drift breaks the CRM sync"],
      ["task", "Right-size the warehouse clusters"],
      ["story", "Backfill 2024 events into the new schema"],
      ["bug", "Duplicate rows after the connector restarts"],
      ["task", "Document the lineage of finance tables"],
      ["story", "Self-serve dataset requests"],
      ["task", "Replace cron with the workflow scheduler"],
    ],
    labels: ["pipeline", "warehouse", "data-quality"],
  },
  {
    key: "ORBIT",
    name: "Orbit Console",
    description: "Internal admin console for support and operations.",
    epics: ["Support tooling", "Role-based access"],
    issues: [
      ["story", "Support can impersonate a customer with audit trail"],
      ["bug", "Search by email is case-sensitive"],
      ["task", "Add feature-flag management page"],
      ["story", "Bulk refund tool for incidents"],
      ["bug", "Export times out for tenants with 50k users"],
      ["story", "Custom roles with fine-grained permissions"],
      ["task", "Migrate console to the design system"],
      ["bug", "Filters reset when paging through tickets"],
      ["story", "Show account health score on the overview"],
      ["task", "Remove legacy admin routes"],
      ["bug", "Role changes take effect only after re-login"],
      ["story", "Incident banner editable by on-call"],
    ],
    labels: ["support", "permissions", "console"],
  },
  {
    key: "PULSE",
    name: "Pulse Analytics",
    description: "Customer-facing dashboards and reports.",
    epics: ["Dashboard builder", "Scheduled reports"],
    issues: [
      ["story", "Drag-and-drop widgets on dashboards"],
      ["bug", "Line chart legend overlaps on narrow screens"],
      ["story", "Email a report every Monday at 8:00"],
      ["task", "Cache heavy queries for 10 minutes"],
      ["bug", "CSV export drops rows with unicode names"],
      ["story", "Share a dashboard with a public link"],
      ["task", "Load test the query service"],
      ["bug", "Date picker ignores the account timezone"],
      ["story", "Compare two periods on any chart"],
      ["task", "Instrument dashboard load times"],
      ["bug", "Scheduled report sent twice after DST change"],
      ["story", "Annotations on time series"],
    ],
    labels: ["charts", "reports", "frontend"],
  },
  {
    key: "EMBER",
    name: "Ember Billing",
    description: "Subscriptions, invoices and payment processing.",
    epics: ["Usage-based pricing", "Tax compliance"],
    issues: [
      ["story", "Meter API calls per tenant per day"],
      ["bug", "Proration wrong when downgrading mid-cycle"],
      ["task", "Integrate the tax calculation service"],
      ["story", "Invoices show usage line items"],
      ["bug", "Card update page loops on 3-D Secure"],
      ["task", "Reconcile payouts with the ledger nightly"],
      ["story", "Customers can download past invoices as PDF"],
      ["bug", "Currency rounding off by one cent on EUR invoices"],
      ["task", "Add dunning emails for failed payments"],
      ["story", "VAT ID validation at checkout"],
      ["bug", "Trial end date off by one day"],
      ["task", "Archive cancelled subscriptions after 2 years"],
    ],
    labels: ["payments", "invoicing", "tax"],
  },
];

const GENERIC: ReadonlyArray<readonly [IssueType, string]> = [
  ["task", "Update dependencies and fix deprecation warnings"],
  ["bug", "Flaky end-to-end test in CI"],
  ["task", "Improve error messages in the logs"],
  ["task", "Add runbook for the on-call rotation"],
  ["bug", "Memory leak in the background worker"],
  ["task", "Remove unused feature flags"],
  ["story", "Empty states explain what to do next"],
  ["task", "Raise unit test coverage above 80%"],
  ["bug", "Error toast shows a raw stack trace"],
  ["task", "Rotate the staging TLS certificates"],
  ["task", "Split the monolithic settings module"],
  ["bug", "Slow query on the activity feed"],
  ["task", "Set up preview environments for pull requests"],
  ["story", "Keyboard shortcuts for common actions"],
  ["bug", "Timestamps shown in UTC instead of local time"],
  ["task", "Clean up stale branches and CI caches"],
  ["task", "Document the release checklist"],
  ["bug", "Retry storm after a downstream outage"],
  ["task", "Add structured logging to the job runner"],
  ["story", "Users get a weekly digest email"],
  ["bug", "Pagination skips an item at page boundaries"],
  ["task", "Archive old feature experiments"],
];
const COMMON_LABELS = ["backend", "frontend", "tech-debt", "security", "performance", "customer-reported", "infra", "docs"];
const COMMENTS = [
  "I can reproduce this on staging.",
  "PR is up for review.",
  "Blocked until the API change ships.",
  "Added screenshots and steps to reproduce.",
  "Let's split this into two tickets.",
  "Verified the fix in production.",
  "Design review done, good to go.",
  "Estimate looks high to me — can we pair on it?",
  "Customer confirmed the workaround works for now.",
  "Moved the follow-up work to the backlog.",
];

const SPRINT_DAYS = 14;

export function seedIssueTracker({ rng, world, id }: SeedContext) {
  const today = world.today;
  const nowMs = time.toMs(world.now);
  const at = (date: string, hour = rng.int(9, 17)) => `${date}T${String(hour).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`;
  const between = (from: string, to: string) => {
    const a = time.toMs(from);
    const b = Math.max(a, Math.min(time.toMs(to), nowMs - 3_600_000));
    return time.fromMs(Math.floor((a + rng.next() * (b - a)) / 60_000) * 60_000);
  };
  const maxOf = (a: string, b: string) => (a > b ? a : b);

  // People: the user, their colleagues and collaborators; one former collaborator is deactivated.
  const colleagues = world.people.filter((p) => p.company === world.user.company);
  const others = rng.sample(world.people.filter((p) => p.company !== world.user.company), 10);
  const people = [world.user, ...colleagues, ...others];
  const users: User[] = people.map((p, i) => ({ id: id("users"), name: p.full_name, email: p.email, title: p.job_title, active: i !== people.length - 1 }));
  const [meUser, ...rest] = users as [User, ...User[]];
  const activeRest = rest.filter((u) => u.active);

  const templates = rng.sample(TEMPLATES, 4);
  const projects: Project[] = [];
  const issues: Issue[] = [];
  const sprints: Sprint[] = [];
  const comments: Comment[] = [];
  const links: IssueLink[] = [];

  templates.forEach((tpl, pi) => {
    // Membership: the user leads the first project, works in the next two, only browses the last.
    const crew = rng.sample(activeRest, rng.int(5, 7));
    const lead = pi === 0 ? meUser : (crew[0] as User);
    const memberIds = pi === 3 ? crew.map((u) => u.id) : [...new Set([meUser.id, ...crew.map((u) => u.id)])];
    if (pi === 1) memberIds.push((users[users.length - 1] as User).id); // the deactivated user stays a member
    const members = memberIds.map((mid) => users.find((u) => u.id === mid) as User).filter((u) => u.active);
    const projectStart = time.addDays(today, -rng.int(220, 400));

    // Sprints, oldest first: closed ones, then (mostly) an active one, then a planned one.
    const hasActive = pi !== 2;
    const closedCount = rng.int(2, 3);
    const anchor = hasActive ? time.addDays(today, -rng.int(1, 9)) : time.addDays(today, -rng.int(1, 5) - SPRINT_DAYS);
    let number = rng.int(6, 24);
    const planned: Array<{ sprint: Sprint; start: string; end: string }> = [];
    for (let k = closedCount; k >= 1; k--) {
      const start = time.addDays(anchor, -SPRINT_DAYS * k + (hasActive ? 0 : SPRINT_DAYS));
      const end = time.addDays(start, SPRINT_DAYS);
      planned.push({ sprint: { id: "", project_key: tpl.key, name: `${tpl.key} Sprint ${number++}`, goal: "", state: "closed", start_date: start, end_date: end, started_at: at(start, 10), completed_at: at(end, 9) }, start, end });
    }
    if (hasActive) {
      const end = time.addDays(anchor, SPRINT_DAYS);
      planned.push({ sprint: { id: "", project_key: tpl.key, name: `${tpl.key} Sprint ${number++}`, goal: "", state: "active", start_date: anchor, end_date: end, started_at: at(anchor, 10) }, start: anchor, end });
    }
    const futureStart = hasActive ? time.addDays(anchor, SPRINT_DAYS) : undefined;
    const future: Sprint = {
      id: "",
      project_key: tpl.key,
      name: `${tpl.key} Sprint ${number++}`,
      goal: "",
      state: "future",
      ...(futureStart ? { start_date: futureStart, end_date: time.addDays(futureStart, SPRINT_DAYS) } : {}),
    };
    for (const p of [...planned.map((x) => x.sprint), future]) {
      p.id = id("sprints");
      p.goal = `${rng.pick(["Ship", "Harden", "Finish", "Start"])} ${rng.pick(tpl.epics).toLowerCase()}`;
      sprints.push(p);
    }

    // Issues as drafts; keys are numbered by creation time once all exist.
    type Draft = Omit<Issue, "key" | "parent_key"> & { parent?: Draft; key?: string; carriedFrom?: Sprint };
    const drafts: Draft[] = [];
    const pool = rng.shuffle([...tpl.issues, ...GENERIC]);
    const labels = [...tpl.labels, ...COMMON_LABELS];
    const epics: Draft[] = tpl.epics.map((summary) => {
      const created = at(time.addDays(projectStart, rng.int(1, 6)));
      return {
        project_key: tpl.key, type: "epic", summary, description: `Umbrella for the work on ${summary.toLowerCase()}.`, status: "todo", priority: "high", labels: [],
        assignee_id: lead.id, reporter_id: lead.id, created_at: created, updated_at: created,
      };
    });
    drafts.push(...epics);
    const draft = (status: Status, created: string, opts: Partial<Draft> = {}): Draft => {
      const [type, base] = pool.length ? (pool.pop() as readonly [IssueType, string]) : rng.pick(GENERIC);
      let summary = base;
      for (let n = 2; drafts.some((x) => x.summary === summary); n++) summary = `${base} (part ${n})`;
      const d: Draft = {
        project_key: tpl.key,
        type,
        summary,
        description: type === "bug" ? `Steps to reproduce:\n1. …\nExpected: it works.\nActual: ${summary.toLowerCase()}.` : `${summary}. Acceptance criteria are in the linked design doc.`,
        status,
        priority: rng.weighted([["highest", 1], ["high", 3], ["medium", 6], ["low", 2], ["lowest", 1]] as const),
        labels: rng.sample(labels, rng.weighted([[0, 3], [1, 4], [2, 2]] as const)).sort(),
        reporter_id: rng.pick(members).id,
        created_at: created,
        updated_at: created,
        ...(rng.bool(0.7) ? { parent: rng.pick(epics) } : {}),
        ...opts,
      };
      if (d.status !== "backlog" || rng.bool(0.5)) d.story_points ??= rng.pick(STORY_POINTS.slice(0, 6));
      if (d.status !== "backlog" && d.status !== "cancelled" && (d.status !== "todo" || rng.bool(0.7))) d.assignee_id ??= rng.pick(members).id;
      drafts.push(d);
      return d;
    };
    const earliest = time.addDays(projectStart, 8);
    const createdBefore = (date: string, maxDays = 25) => at(maxOf(time.addDays(date, -rng.int(1, maxDays)), earliest));

    // Closed sprints: finished issues, plus at most one carried over into the next sprint.
    const carried: Array<{ from: Sprint; start: string }> = [];
    planned.forEach(({ sprint, start, end }) => {
      const inSprint: Draft[] = [];
      if (sprint.state === "closed") {
        for (let k = rng.int(3, 5); k > 0; k--) {
          const d = draft("done", createdBefore(start), { sprint_id: sprint.id });
          d.resolved_at = d.updated_at = between(at(start, 11), at(time.addDays(end, -1), 15));
          inSprint.push(d);
        }
      } else {
        const statuses: Status[] = ["todo", "todo", "in_progress", "in_progress", "in_review", "done", ...(rng.bool(0.5) ? (["todo", "in_review"] as Status[]) : [])];
        for (const st of statuses) {
          const d = draft(st, createdBefore(start), { sprint_id: sprint.id });
          d.updated_at = between(at(start, 11), world.now);
          if (st === "done") d.resolved_at = d.updated_at;
          inSprint.push(d);
        }
      }
      // The previous sprint's leftover moved here: it was created before that sprint began.
      const prev = carried.pop();
      if (prev && rng.bool(0.7)) {
        const d = inSprint.find((x) => x.type !== "epic" && x.status !== "todo");
        if (d) {
          d.created_at = createdBefore(prev.start);
          d.carriedFrom = prev.from;
        }
      }
      if (sprint.state === "closed") carried.push({ from: sprint, start });
    });
    for (let k = rng.int(2, 4); k > 0; k--) draft("todo", createdBefore(today, 30), { sprint_id: future.id });
    for (let k = rng.int(5, 7); k > 0; k--) draft(rng.bool(0.75) ? "backlog" : "todo", between(at(earliest), world.now));
    const cancelled = draft("cancelled", between(at(earliest), at(time.addDays(today, -20))));
    cancelled.resolved_at = cancelled.updated_at = between(cancelled.created_at, world.now);
    const reopened = draft("reopened", between(at(earliest), at(time.addDays(today, -30))), { labels: ["customer-reported"] });
    reopened.updated_at = between(reopened.created_at, world.now);
    for (const d of drafts) if (d.type !== "epic" && d.updated_at < d.created_at) d.updated_at = d.created_at;

    // Epics follow their children.
    for (const e of epics) {
      const kids = drafts.filter((d) => d.parent === e);
      if (kids.length && kids.every((k) => k.status === "done" || k.status === "cancelled")) {
        e.status = "done";
        e.resolved_at = e.updated_at = kids.map((k) => k.resolved_at ?? k.updated_at).sort().pop() as string;
      } else if (kids.some((k) => k.status !== "backlog" && k.status !== "todo")) {
        e.status = "in_progress";
        e.updated_at = kids.map((k) => k.created_at).sort()[0] as string;
      }
    }

    // Number the issues in order of creation.
    drafts.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    drafts.forEach((d, i) => (d.key = `${tpl.key}-${i + 1}`));
    for (const d of drafts) {
      const { parent, carriedFrom: _c, key, ...fields } = d;
      issues.push({ ...fields, key: key as string, ...(parent ? { parent_key: parent.key as string } : {}) });
    }

    // Closed sprints' reports, frozen as they were at completion: what was finished in the
    // sprint (a carried-over issue counts where it was finished) and what was carried over.
    for (const { sprint } of planned.filter((x) => x.sprint.state === "closed")) {
      const done = drafts.filter((d) => d.sprint_id === sprint.id);
      const left = drafts.filter((d) => d.carriedFrom === sprint);
      sprint.completed_issue_keys = done.map((d) => d.key as string);
      sprint.incomplete_issue_keys = left.map((d) => d.key as string);
      sprint.completed_points = done.reduce((n, d) => n + (d.story_points ?? 0), 0);
      sprint.incomplete_points = left.reduce((n, d) => n + (d.story_points ?? 0), 0);
    }

    // Conversation on some issues.
    for (const d of drafts.filter((x) => x.type !== "epic" && rng.bool(0.4))) {
      const until = d.resolved_at ?? world.now;
      for (let k = rng.int(1, 3); k > 0; k--) {
        comments.push({ id: "", issue_key: d.key as string, author_id: rng.pick(members).id, body: rng.pick(COMMENTS), created_at: between(d.created_at, until) });
      }
    }

    // Links: blockers and related work inside the project, and a duplicate for the cancelled issue.
    const linkable = drafts.filter((d) => d.type !== "epic");
    const seen = new Set<string>();
    for (let k = rng.int(3, 5); k > 0; k--) {
      const [a, b] = rng.sample(linkable, 2) as [Draft, Draft];
      const type = a.status !== "done" && rng.bool(0.5) ? "blocks" : "relates_to";
      const pair = [a.key, b.key].sort().join("|");
      if (seen.has(pair)) continue;
      seen.add(pair);
      links.push({ id: "", type, source_key: a.key as string, target_key: b.key as string, created_at: between(maxOf(a.created_at, b.created_at), world.now) });
    }
    const original = linkable.find((d) => d !== cancelled && d.type === cancelled.type && d.status !== "cancelled");
    if (original && !seen.has([cancelled.key, original.key].sort().join("|"))) {
      links.push({ id: "", type: "duplicates", source_key: cancelled.key as string, target_key: original.key as string, created_at: cancelled.resolved_at as string });
    }

    projects.push({
      key: tpl.key,
      name: tpl.name,
      description: tpl.description,
      lead_id: lead.id,
      member_ids: memberIds.includes(lead.id) ? memberIds : [lead.id, ...memberIds],
      next_issue_number: drafts.length + 1,
      created_at: at(projectStart, 9),
    });
  });

  comments.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  for (const c of comments) c.id = id("comments");
  links.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  for (const l of links) l.id = id("issue_links");

  return { users, projects, issues, comments, issue_links: links, sprints };
}
