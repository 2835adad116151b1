/** Projects and their members. */
import { ascending, check, matchesText, page, paginate, ref, z } from "../../framework/index.ts";
import { me, memberNames, read, STATUSES, WORKFLOW, write } from "../state.ts";
import { projectKey } from "./common.ts";

export const projectTools = {
  list_projects: read({
    description:
      "List the projects of the issue tracker (key, name, lead, member count) and whether the user is a member; only members can write to a project. Optionally filter by text in the key, name or description.",
    input: z.object({ query: z.string().trim().max(100).optional().describe("Text in the project's key, name or description"), ...page }).strict(),
    discovers: "project",
    run: (db, a, env) => {
      const u = me(db, env);
      const p = db.projects.page(a, { where: (x) => matchesText(a.query, x.key, x.name, x.description), sort: ascending("key") });
      return {
        ...p,
        items: p.items.map((x) => ({
          key: x.key,
          name: x.name,
          description: x.description,
          lead_id: x.lead_id,
          lead_name: db.users.get(x.lead_id)?.name ?? null,
          member_count: x.member_ids.length,
          is_member: x.member_ids.includes(u.id),
        })),
      };
    },
  }),

  get_project: read({
    description: "One project: its lead, members, workflow (allowed status transitions), epics, active sprint and issue counts by status.",
    input: z.object({ project_key: projectKey("The project") }).strict(),
    run: (db, a) => {
      const p = db.projects.need(a.project_key);
      const issues = db.issues.filter((i) => i.project_key === p.key);
      const active = db.sprints.find((s) => s.project_key === p.key && s.state === "active");
      return {
        ...p,
        lead_name: db.users.get(p.lead_id)?.name ?? null,
        members: p.member_ids.map((id) => ({ id, name: db.users.get(id)?.name ?? null })),
        workflow: WORKFLOW,
        epics: issues.filter((i) => i.type === "epic").map((i) => ({ key: i.key, summary: i.summary, status: i.status })),
        active_sprint: active ? { id: active.id, name: active.name, start_date: active.start_date, end_date: active.end_date } : null,
        issue_counts: Object.fromEntries(STATUSES.map((s) => [s, issues.filter((i) => i.status === s).length])),
      };
    },
  }),

  list_project_members: read({
    description: "The members of a project (users who can be assigned its issues), with their id, name, email, title and whether they are active.",
    input: z.object({ project_key: projectKey("The project"), ...page }).strict(),
    discovers: "user",
    run: (db, a) => {
      const p = db.projects.need(a.project_key);
      const members = p.member_ids.map((id) => db.users.get(id)).filter((u) => u !== undefined);
      return paginate(
        members.map((u) => ({ ...u, is_lead: u.id === p.lead_id })),
        a,
      );
    },
  }),

  list_issue_tracker_users: read({
    description:
      "All users of the issue tracker (not only one project's members), by name, optionally filtered by text in the name or email or by active status. Use it to find someone to add to a project.",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Text in the user's name or email"),
        active: z.boolean().optional().describe("Only active (true) or deactivated (false) users"),
        ...page,
      })
      .strict(),
    discovers: "user",
    run: (db, a) =>
      db.users.page(a, { where: (u) => matchesText(a.query, u.name, u.email) && (a.active === undefined || u.active === a.active), sort: ascending("name") }),
  }),

  add_project_member: write({
    description:
      "Add a user to a project so they can be assigned its issues. Only the project's lead can add members, and only active users. Returns the project's member list.",
    input: z.object({ project_key: projectKey("The project"), user_id: ref("user", "The user to add") }).strict(),
    run: (db, a, env) => {
      const p = db.projects.need(a.project_key);
      const u = me(db, env);
      check(
        p.lead_id === u.id,
        () => `only the lead of ${p.key}, ${db.users.get(p.lead_id)?.name ?? p.lead_id}, can add members; you (${u.name}) are not its lead`,
        "permission_denied",
      );
      const who = db.users.need(a.user_id);
      check(!p.member_ids.includes(who.id), `${who.name} (${who.id}) is already a member of ${p.key}`, "already_exists");
      check(who.active, `${who.name} (${who.id}) is deactivated and cannot join projects`);
      const updated = db.projects.update(p.key, { member_ids: [...p.member_ids, who.id] });
      return { project_key: p.key, added: who.id, members: memberNames(db, updated) };
    },
  }),
};
