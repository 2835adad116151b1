/**
 * A software team's tracker: the world's user, their colleagues and collaborators work on four
 * projects with two-week scrum sprints. Each project has epics, a history of closed sprints
 * whose reports match the issues finished in them (with the odd issue carried over), usually
 * one active sprint with work in every column, a planned future sprint and a backlog. The user
 * leads one project, is a member of two more and can only browse the fourth.
 */
import { time, type SeedContext } from "../framework/index.ts";
import { describeIssue } from "./seed/descriptions.ts";
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
      ["bug", "Login page loops when third-party cookies are blocked"],
      ["task", "Load test the token service at 5k rps"],
      ["story", "Service accounts with scoped tokens"],
      ["bug", "API returns 200 with an error body on validation failures"],
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
      ["bug", "Share sheet shows the wrong preview image"],
      ["task", "Add screenshot tests for the top ten screens"],
      ["story", "Widgets for the home screen"],
      ["bug", "App freezes when switching accounts"],
      ["task", "Move feature flags to remote config"],
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
      ["bug", "Late-arriving events are dropped after midnight"],
      ["story", "Row-level lineage in the catalog"],
      ["task", "Compress cold partitions with zstd"],
      ["bug", "Dashboard shows yesterday's numbers until noon"],
      ["story", "Data contracts for the orders stream"],
      ["task", "Retire the old ETL server"],
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
      ["bug", "Audit log misses role changes made by API"],
      ["task", "Add pagination to the tenants list"],
      ["story", "Saved searches for support agents"],
      ["bug", "Dark mode breaks the incident timeline"],
      ["task", "Rate-limit the impersonation endpoint"],
      ["story", "Bulk export of tenant settings"],
      ["bug", "Session expires while editing a long form"],
      ["task", "Move console hosting to the new cluster"],
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
      ["bug", "Tooltip shows values from the wrong series"],
      ["task", "Split the query service by tenant tier"],
      ["story", "Funnel chart widget"],
      ["bug", "PDF export cuts off wide tables"],
      ["task", "Add synthetic monitoring for public dashboards"],
      ["story", "Alerts when a metric crosses a threshold"],
      ["bug", "Filters ignore archived projects"],
      ["task", "Upgrade the charting library"],
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
      ["bug", "Refund email shows the wrong amount"],
      ["story", "Annual plans with a two-month discount"],
      ["task", "Add idempotency keys to the charge endpoint"],
      ["bug", "Invoice numbers skip after a failed payment"],
      ["story", "Customers can pause a subscription"],
      ["task", "Alert finance when dunning fails three times"],
      ["bug", "Coupon applies twice on plan change"],
      ["task", "Document the revenue recognition rules"],
    ],
    labels: ["payments", "invoicing", "tax"],
  },
];

/** Chores any project has; each goes to one project only, so no summary repeats across the tracker. */
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
  ["task", "Pin the base Docker image to a digest"],
  ["bug", "Health check passes while the database is down"],
  ["task", "Turn on dependency vulnerability scanning"],
  ["story", "Admins see who changed a setting and when"],
  ["bug", "Copy button does nothing in Safari"],
  ["task", "Move secrets from env files to the vault"],
  ["bug", "Search results lose their sort order on refresh"],
  ["task", "Add a smoke test to the deploy pipeline"],
  ["story", "Undo for bulk delete"],
  ["bug", "Avatar upload rejects PNG files over 1 MB"],
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
const CHORES_PER_PROJECT = 8;

type Draft = Omit<Issue, "key" | "parent_key"> & { parent?: Draft; key?: string; carriedFrom?: Sprint };
interface Planned {
  sprint: Sprint;
  start: string;
  end: string;
}

export function seedIssueTracker(ctx: SeedContext) {
  const users = seedUsers(ctx);
  const chores = ctx.rng.shuffle(GENERIC);
  const out = { users, projects: [] as Project[], issues: [] as Issue[], comments: [] as Comment[], issue_links: [] as IssueLink[], sprints: [] as Sprint[] };
  ctx.rng.sample(TEMPLATES, 4).forEach((tpl, pi) => {
    const p = new ProjectSeed(ctx, tpl, pi, users, chores.slice(pi * CHORES_PER_PROJECT, (pi + 1) * CHORES_PER_PROJECT));
    const { planned, future } = p.sprints();
    p.sprintIssues(planned);
    p.laterIssues(future);
    p.epicsFollowChildren();
    out.issues.push(...p.numbered());
    p.reports(planned);
    out.sprints.push(...planned.map((x) => x.sprint), future);
    out.comments.push(...p.comments());
    out.issue_links.push(...p.links());
    out.projects.push(p.project());
  });
  const byTime = (a: { created_at: string }, b: { created_at: string }) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0);
  out.comments.sort(byTime).forEach((c) => (c.id = ctx.id("comments")));
  out.issue_links.sort(byTime).forEach((l) => (l.id = ctx.id("issue_links")));
  return out;
}

/** The user, their colleagues and ten collaborators; the last collaborator left and is deactivated. */
function seedUsers({ rng, world, id }: SeedContext): User[] {
  const colleagues = world.people.filter((p) => p.company === world.user.company);
  const others = rng.sample(
    world.people.filter((p) => p.company !== world.user.company),
    10,
  );
  const people = [world.user, ...colleagues, ...others];
  return people.map((p, i) => ({ id: id("users"), name: p.full_name, email: p.email, title: p.job_title, active: i !== people.length - 1 }));
}

/**
 * One project, built in the order its history happened: the crew, the sprints, the issues of
 * each sprint (closed ones finished, the active one spread over the board, one issue carried over
 * now and then), the future sprint and the backlog, then keys by creation time, sprint reports,
 * comments and links.
 */
class ProjectSeed {
  readonly lead: User;
  readonly memberIds: string[];
  readonly members: User[];
  readonly projectStart: string;
  private readonly pool: Array<readonly [IssueType, string]>;
  private readonly drafts: Draft[] = [];
  private readonly epics: Draft[];
  private cancelled?: Draft;

  constructor(
    private readonly ctx: SeedContext,
    private readonly tpl: Template,
    private readonly index: number,
    users: readonly User[],
    chores: ReadonlyArray<readonly [IssueType, string]>,
  ) {
    const { rng, world } = ctx;
    const [me, ...rest] = users as [User, ...User[]];
    // The user leads the first project, works in the next two, only browses the last.
    const crew = rng.sample(
      rest.filter((u) => u.active),
      rng.int(5, 7),
    );
    this.lead = index === 0 ? me : (crew[0] as User);
    this.memberIds = index === 3 ? crew.map((u) => u.id) : [...new Set([me.id, ...crew.map((u) => u.id)])];
    if (index === 1) this.memberIds.push((users[users.length - 1] as User).id); // the deactivated user stays a member
    this.members = this.memberIds.map((mid) => users.find((u) => u.id === mid) as User).filter((u) => u.active);
    this.projectStart = time.addDays(world.today, -rng.int(220, 400));
    this.pool = rng.shuffle([...tpl.issues, ...chores]);
    this.epics = tpl.epics.map((summary) => {
      const created = this.at(time.addDays(this.projectStart, rng.int(1, 6)));
      return {
        project_key: tpl.key,
        type: "epic",
        summary,
        description: this.describe("epic", summary),
        status: "todo",
        priority: "high",
        labels: [],
        assignee_id: this.lead.id,
        reporter_id: this.lead.id,
        created_at: created,
        updated_at: created,
      };
    });
    this.drafts.push(...this.epics);
  }

  private get rng() {
    return this.ctx.rng;
  }

  private at(date: string, hour = this.rng.int(9, 17)): string {
    return `${date}T${String(hour).padStart(2, "0")}:${String(this.rng.int(0, 59)).padStart(2, "0")}:00Z`;
  }

  /** A minute between `from` and `to`, and at least an hour before now. */
  private between(from: string, to: string): string {
    const a = time.toMs(from);
    const b = Math.max(a, Math.min(time.toMs(to), time.toMs(this.ctx.world.now) - 3_600_000));
    return time.fromMs(Math.floor((a + this.rng.next() * (b - a)) / 60_000) * 60_000);
  }

  /** A time up to `maxDays` before `date`, not before the project's first week. */
  private createdBefore(date: string, maxDays = 25): string {
    const earliest = time.addDays(this.projectStart, 8);
    const d = time.addDays(date, -this.rng.int(1, maxDays));
    return this.at(d > earliest ? d : earliest);
  }

  private describe(type: IssueType, summary: string): string {
    return describeIssue(this.rng, type, summary, { project: this.tpl.name, teammate: this.rng.pick(this.members).name });
  }

  /** Closed sprints, then (in three projects of four) the active one, and a planned future one. */
  sprints(): { planned: Planned[]; future: Sprint } {
    const { rng, world, id } = this.ctx;
    const key = this.tpl.key;
    const hasActive = this.index !== 2;
    const closedCount = rng.int(2, 3);
    const anchor = hasActive ? time.addDays(world.today, -rng.int(1, 9)) : time.addDays(world.today, -rng.int(1, 5) - SPRINT_DAYS);
    let number = rng.int(6, 24);
    const planned: Planned[] = [];
    for (let k = closedCount; k >= 1; k--) {
      const start = time.addDays(anchor, -SPRINT_DAYS * k + (hasActive ? 0 : SPRINT_DAYS));
      const end = time.addDays(start, SPRINT_DAYS);
      planned.push({
        sprint: {
          id: "",
          project_key: key,
          name: `${key} Sprint ${number++}`,
          goal: "",
          state: "closed",
          start_date: start,
          end_date: end,
          started_at: this.at(start, 10),
          completed_at: this.at(end, 9),
        },
        start,
        end,
      });
    }
    if (hasActive) {
      const end = time.addDays(anchor, SPRINT_DAYS);
      planned.push({
        sprint: {
          id: "",
          project_key: key,
          name: `${key} Sprint ${number++}`,
          goal: "",
          state: "active",
          start_date: anchor,
          end_date: end,
          started_at: this.at(anchor, 10),
        },
        start: anchor,
        end,
      });
    }
    const futureStart = hasActive ? time.addDays(anchor, SPRINT_DAYS) : undefined;
    const future: Sprint = {
      id: "",
      project_key: key,
      name: `${key} Sprint ${number++}`,
      goal: "",
      state: "future",
      ...(futureStart ? { start_date: futureStart, end_date: time.addDays(futureStart, SPRINT_DAYS) } : {}),
    };
    for (const s of [...planned.map((x) => x.sprint), future]) {
      s.id = id("sprints");
      s.goal = `${rng.pick(["Ship", "Harden", "Finish", "Start"])} ${rng.pick(this.tpl.epics).toLowerCase()}`;
    }
    return { planned, future };
  }

  /** An issue from the project's pool (each summary once), or none when the pool is used up. */
  private draft(status: Status, created: string, opts: Partial<Draft> = {}): Draft | undefined {
    const { rng } = this;
    const next = this.pool.pop();
    if (!next) return undefined;
    const [type, summary] = next;
    const d: Draft = {
      project_key: this.tpl.key,
      type,
      summary,
      description: this.describe(type, summary),
      status,
      priority: rng.weighted([
        ["highest", 1],
        ["high", 3],
        ["medium", 6],
        ["low", 2],
        ["lowest", 1],
      ] as const),
      labels: rng
        .sample(
          [...this.tpl.labels, ...COMMON_LABELS],
          rng.weighted([
            [0, 3],
            [1, 4],
            [2, 2],
          ] as const),
        )
        .sort(),
      reporter_id: rng.pick(this.members).id,
      created_at: created,
      updated_at: created,
      ...(rng.bool(0.7) ? { parent: rng.pick(this.epics) } : {}),
      ...opts,
    };
    if (d.status !== "backlog" || rng.bool(0.5)) d.story_points ??= rng.pick(STORY_POINTS.slice(0, 6));
    if (d.status !== "backlog" && d.status !== "cancelled" && (d.status !== "todo" || rng.bool(0.7))) d.assignee_id ??= rng.pick(this.members).id;
    this.drafts.push(d);
    return d;
  }

  /** Closed sprints hold what was finished in them; the active one has work in every column; now and then one issue was carried over. */
  sprintIssues(planned: readonly Planned[]): void {
    const { rng, world } = this.ctx;
    const carried: Array<{ from: Sprint; start: string }> = [];
    for (const { sprint, start, end } of planned) {
      const inSprint: Draft[] = [];
      const statuses: Status[] =
        sprint.state === "closed"
          ? Array.from({ length: rng.int(3, 4) }, () => "done")
          : ["todo", "todo", "in_progress", "in_progress", "in_review", "done", ...(rng.bool(0.5) ? (["todo", "in_review"] as Status[]) : [])];
      for (const st of statuses) {
        const d = this.draft(st, this.createdBefore(start), { sprint_id: sprint.id });
        if (!d) continue;
        d.updated_at =
          sprint.state === "closed" ? this.between(this.at(start, 11), this.at(time.addDays(end, -1), 15)) : this.between(this.at(start, 11), world.now);
        if (st === "done") d.resolved_at = d.updated_at;
        inSprint.push(d);
      }
      // The previous sprint's leftover moved here: it was created before that sprint began.
      const prev = carried.pop();
      const moved = prev && rng.bool(0.7) ? inSprint.find((x) => x.status !== "todo") : undefined;
      if (prev && moved) Object.assign(moved, { created_at: this.createdBefore(prev.start), carriedFrom: prev.from });
      if (sprint.state === "closed") carried.push({ from: sprint, start });
    }
  }

  /** The future sprint's issues, one cancelled duplicate, one reopened bug report, then the backlog with what is left. */
  laterIssues(future: Sprint): void {
    const { rng, world } = this.ctx;
    const today = world.today;
    const earliest = this.at(time.addDays(this.projectStart, 8));
    for (let k = rng.int(2, 3); k > 0; k--) this.draft("todo", this.createdBefore(today, 30), { sprint_id: future.id });
    this.cancelled = this.draft("cancelled", this.between(earliest, this.at(time.addDays(today, -20))));
    if (this.cancelled) this.cancelled.resolved_at = this.cancelled.updated_at = this.between(this.cancelled.created_at, world.now);
    const reopened = this.draft("reopened", this.between(earliest, this.at(time.addDays(today, -30))), { labels: ["customer-reported"] });
    if (reopened) reopened.updated_at = this.between(reopened.created_at, world.now);
    for (let k = rng.int(3, 5); k > 0; k--) this.draft(rng.bool(0.75) ? "backlog" : "todo", this.between(earliest, world.now));
    for (const d of this.drafts) if (d.type !== "epic" && d.updated_at < d.created_at) d.updated_at = d.created_at;
  }

  /** An epic is done when all its children are finished, in progress once any of them started. */
  epicsFollowChildren(): void {
    for (const e of this.epics) {
      const kids = this.drafts.filter((d) => d.parent === e);
      if (kids.length && kids.every((k) => k.status === "done" || k.status === "cancelled")) {
        e.status = "done";
        e.resolved_at = e.updated_at = kids
          .map((k) => k.resolved_at ?? k.updated_at)
          .sort()
          .pop() as string;
      } else if (kids.some((k) => k.status !== "backlog" && k.status !== "todo")) {
        e.status = "in_progress";
        e.updated_at = kids.map((k) => k.created_at).sort()[0] as string;
      }
    }
  }

  /** Keys numbered in order of creation, as the tracker gave them. */
  numbered(): Issue[] {
    this.drafts.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    this.drafts.forEach((d, i) => (d.key = `${this.tpl.key}-${i + 1}`));
    return this.drafts.map(({ parent, carriedFrom: _c, key, ...fields }) => ({
      ...fields,
      key: key as string,
      ...(parent ? { parent_key: parent.key as string } : {}),
    }));
  }

  /** Closed sprints' reports, frozen at completion: what was finished in the sprint and what was carried over. */
  reports(planned: readonly Planned[]): void {
    for (const { sprint } of planned.filter((x) => x.sprint.state === "closed")) {
      const done = this.drafts.filter((d) => d.sprint_id === sprint.id);
      const left = this.drafts.filter((d) => d.carriedFrom === sprint);
      sprint.completed_issue_keys = done.map((d) => d.key as string);
      sprint.incomplete_issue_keys = left.map((d) => d.key as string);
      sprint.completed_points = done.reduce((n, d) => n + (d.story_points ?? 0), 0);
      sprint.incomplete_points = left.reduce((n, d) => n + (d.story_points ?? 0), 0);
    }
  }

  /** A short conversation on some issues, while they were open. */
  comments(): Comment[] {
    const { rng, world } = this.ctx;
    return this.drafts
      .filter((x) => x.type !== "epic" && rng.bool(0.4))
      .flatMap((d) =>
        Array.from({ length: rng.int(1, 3) }, () => ({
          id: "",
          issue_key: d.key as string,
          author_id: rng.pick(this.members).id,
          body: rng.pick(COMMENTS),
          created_at: this.between(d.created_at, d.resolved_at ?? world.now),
        })),
      );
  }

  /** Blockers and related work inside the project, and the cancelled issue marked as a duplicate. */
  links(): IssueLink[] {
    const { rng, world } = this.ctx;
    const linkable = this.drafts.filter((d) => d.type !== "epic");
    const seen = new Set<string>();
    const out: IssueLink[] = [];
    const later = (a: string, b: string) => (a > b ? a : b);
    for (let k = rng.int(3, 5); k > 0; k--) {
      const [a, b] = rng.sample(linkable, 2) as [Draft, Draft];
      const type = a.status !== "done" && rng.bool(0.5) ? "blocks" : "relates_to";
      const pair = [a.key, b.key].sort().join("|");
      if (seen.has(pair)) continue;
      seen.add(pair);
      out.push({
        id: "",
        type,
        source_key: a.key as string,
        target_key: b.key as string,
        created_at: this.between(later(a.created_at, b.created_at), world.now),
      });
    }
    const c = this.cancelled;
    // The issue it duplicates existed before it was closed as a duplicate.
    const original = c
      ? linkable.find((d) => d !== c && d.type === c.type && d.status !== "cancelled" && d.created_at <= (c.resolved_at as string))
      : undefined;
    if (c && original && !seen.has([c.key, original.key].sort().join("|")))
      out.push({ id: "", type: "duplicates", source_key: c.key as string, target_key: original.key as string, created_at: c.resolved_at as string });
    return out;
  }

  project(): Project {
    const { tpl } = this;
    return {
      key: tpl.key,
      name: tpl.name,
      description: tpl.description,
      lead_id: this.lead.id,
      member_ids: this.memberIds.includes(this.lead.id) ? this.memberIds : [this.lead.id, ...this.memberIds],
      next_issue_number: this.drafts.length + 1,
      created_at: this.at(this.projectStart, 9),
    };
  }
}
