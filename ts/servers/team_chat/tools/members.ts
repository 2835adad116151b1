/** The workspace and its members. */
import { matchesText, page, ref, z } from "../../framework/index.ts";
import { isMember, meOf, read, ROLES } from "../state.ts";

export const memberTools = {
  get_workspace_info: read({
    description: "The workspace the user is in: its name and domain, the user's own member id and role, and how many members, guests and channels it has.",
    input: z.object({}).strict(),
    run: (db, _a, env) => {
      const me = meOf(db, env);
      const company = env.world.companies.find((c) => c.name === me.company);
      return {
        name: me.company,
        domain: company ? `${company.domain.replace(/\.com$/, "")}.slack.example` : "",
        me: { id: me.id, handle: me.handle, real_name: me.real_name, role: me.role },
        members: db.members.count((m) => m.role !== "guest"),
        guests: db.members.count((m) => m.role === "guest"),
        public_channels: db.channels.count((c) => !c.is_private && !c.archived),
        archived_channels: db.channels.count((c) => c.archived && (!c.is_private || isMember(c, me.id))),
      };
    },
  }),

  list_workspace_members: read({
    description:
      "Members of the workspace (the user's colleagues and guests from partner companies) with their ids for <@U1001> mentions, titles, roles and status; filter by name or role.",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Part of a name, handle, email or title"),
        role: z.enum(ROLES).optional().describe("Only members with this role"),
        include_guests: z.boolean().default(true).describe("false leaves guests out"),
        ...page,
      })
      .strict(),
    discovers: "member",
    run: (db, a) =>
      db.members.page(a, {
        where: (m) =>
          matchesText(a.query?.replace(/^@/, ""), m.real_name, m.handle, m.email, m.title) &&
          (!a.role || m.role === a.role) &&
          (a.include_guests || m.role !== "guest"),
      }),
  }),

  get_workspace_member: read({
    description: "One member's profile (name, title, company, role, time zone, status) and the channels the user can see that this member is in.",
    input: z.object({ member_id: ref("member", "The member") }).strict(),
    run: (db, a, env) => {
      const me = meOf(db, env);
      const m = db.members.need(a.member_id);
      const channels = db.channels
        .filter((c) => isMember(c, m.id) && (!c.is_private || isMember(c, me.id)))
        .map((c) => ({ id: c.id, name: c.name, is_private: c.is_private, archived: c.archived }));
      return { ...m, is_me: m.id === me.id, channels };
    },
  }),
};
