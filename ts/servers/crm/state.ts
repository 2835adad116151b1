/**
 * CRM state, shaped after the HubSpot / Salesforce CRM objects: owners (the sales users of the
 * CRM), leads, contacts, companies, deals in a sales pipeline, activities (calls, emails,
 * meetings, tasks) and notes attached to any record.
 */
import { check, fail, shorten, table, toolkit, z, type CallEnv, type Db } from "../framework/index.ts";

export const LEAD_STATUSES = ["new", "contacted", "qualified", "unqualified"] as const;
export const LEAD_SOURCES = ["website", "referral", "event", "cold_outreach", "partner", "paid_ads", "webinar"] as const;
export const LIFECYCLE_STAGES = ["lead", "opportunity", "customer"] as const;
export const DEAL_STAGES = ["appointment_scheduled", "qualified", "proposal", "negotiation", "closed_won", "closed_lost"] as const;
export const OPEN_STAGES = ["appointment_scheduled", "qualified", "proposal", "negotiation"] as const;
export const ACTIVITY_TYPES = ["call", "email", "meeting", "task"] as const;
export const CALL_OUTCOMES = ["connected", "left_voicemail", "no_answer", "wrong_number"] as const;

export type DealStage = (typeof DEAL_STAGES)[number];
export type OpenStage = (typeof OPEN_STAGES)[number];

/** Win probability of each stage, as HubSpot's default sales pipeline sets it. */
export const STAGE_PROBABILITY: Readonly<Record<DealStage, number>> = {
  appointment_scheduled: 0.2,
  qualified: 0.4,
  proposal: 0.6,
  negotiation: 0.8,
  closed_won: 1,
  closed_lost: 0,
};

export const Owner = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  title: z.string(),
  team: z.string(),
  /** Deactivated users keep their records but can no longer own new ones. */
  active: z.boolean(),
});
export type Owner = z.output<typeof Owner>;

export const Lead = z.object({
  id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  phone: z.string().optional(),
  company: z.string(),
  job_title: z.string().optional(),
  source: z.enum(LEAD_SOURCES),
  status: z.enum(LEAD_STATUSES),
  unqualified_reason: z.string().optional(),
  owner_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  /** A converted lead is read-only and names what it became. */
  converted: z.boolean(),
  converted_at: z.string().optional(),
  converted_contact_id: z.string().optional(),
  converted_company_id: z.string().optional(),
  converted_deal_id: z.string().optional(),
});
export type Lead = z.output<typeof Lead>;

export const Contact = z.object({
  id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  phone: z.string().optional(),
  job_title: z.string().optional(),
  company_id: z.string().optional(),
  city: z.string().optional(),
  lifecycle_stage: z.enum(LIFECYCLE_STAGES),
  owner_id: z.string(),
  source_lead_id: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Contact = z.output<typeof Contact>;

export const Company = z.object({
  id: z.string(),
  name: z.string(),
  /** Web domain, unique among companies (the CRM deduplicates on it). */
  domain: z.string(),
  industry: z.string(),
  city: z.string().optional(),
  country: z.string().optional(),
  employees: z.number().int().min(0).optional(),
  annual_revenue: z.number().min(0).optional(),
  owner_id: z.string(),
  created_at: z.string(),
});
export type Company = z.output<typeof Company>;

export const Deal = z.object({
  id: z.string(),
  name: z.string(),
  company_id: z.string().optional(),
  contact_ids: z.array(z.string()),
  owner_id: z.string(),
  stage: z.enum(DEAL_STAGES),
  /** Expected (open) or booked (won) value in USD; 0 while unknown. */
  amount: z.number().min(0),
  currency: z.literal("USD"),
  /** Expected close date while open; the day it closed once closed. */
  close_date: z.string(),
  lost_reason: z.string().optional(),
  closed_at: z.string().optional(),
  source_lead_id: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Deal = z.output<typeof Deal>;

/** Records an activity or a note can be attached to. */
const Attachments = {
  lead_id: z.string().optional(),
  contact_id: z.string().optional(),
  company_id: z.string().optional(),
  deal_id: z.string().optional(),
};

export const Activity = z.object({
  id: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  subject: z.string(),
  body: z.string(),
  /** Calls, emails and meetings are logged once they happened; tasks are open until completed. */
  status: z.enum(["open", "completed"]),
  occurred_at: z.string().optional(),
  due_date: z.string().optional(),
  completed_at: z.string().optional(),
  outcome: z.enum(CALL_OUTCOMES).optional(),
  owner_id: z.string(),
  ...Attachments,
  created_at: z.string(),
});
export type Activity = z.output<typeof Activity>;

export const Note = z.object({
  id: z.string(),
  body: z.string(),
  author_id: z.string(),
  ...Attachments,
  created_at: z.string(),
});
export type Note = z.output<typeof Note>;

export const tables = {
  owners: table("owner", Owner, { idPrefix: "OWN-", describe: (o) => `the CRM user ${o.name}${o.active ? "" : " (deactivated)"}` }),
  leads: table("lead", Lead, {
    idPrefix: "LEAD-",
    describe: (l) => `the ${l.converted ? "converted " : ""}lead ${l.first_name} ${l.last_name} from ${l.company}`,
  }),
  contacts: table("contact", Contact, { idPrefix: "CON-", describe: (c) => `the contact ${c.first_name} ${c.last_name} (${c.email})` }),
  companies: table("company", Company, { idPrefix: "CMP-", describe: (c) => `the company ${c.name} (${c.domain})` }),
  deals: table("deal", Deal, { idPrefix: "DEAL-", describe: (d) => `the deal "${d.name}" (${d.stage.replace(/_/g, " ")}, ${d.amount.toFixed(2)} USD)` }),
  activities: table("activity", Activity, {
    idPrefix: "ACT-",
    describe: (a) =>
      `the ${a.type} "${shorten(a.subject, 50)}"${a.type === "task" ? ` due ${a.due_date ?? "someday"}` : ` on ${(a.occurred_at ?? a.created_at).slice(0, 10)}`}`,
  }),
  notes: table("note", Note, { idPrefix: "NOTE-", describe: (n) => `the note "${shorten(n.body, 40)}" of ${n.created_at.slice(0, 10)}` }),
};

export const { read, write } = toolkit(tables);
export type Crm = Db<typeof tables>;

export const isOpenStage = (s: DealStage): s is OpenStage => (OPEN_STAGES as readonly string[]).includes(s);

/**
 * The pipeline as data: from an open stage a deal moves one stage forward or back, or is lost;
 * closed_won is the stage after negotiation. Closed deals do not move (reopen_deal reopens a lost one).
 */
export function allowedNextStages(stage: DealStage): DealStage[] {
  if (!isOpenStage(stage)) return [];
  const i = DEAL_STAGES.indexOf(stage);
  const next: DealStage[] = [];
  if (i > 0) next.push(DEAL_STAGES[i - 1] as DealStage);
  next.push(DEAL_STAGES[i + 1] as DealStage);
  if (!next.includes("closed_lost")) next.push("closed_lost");
  return next;
}

/** The CRM user the assistant acts for: the world's user. */
export function me(db: Crm, env: CallEnv): Owner {
  const o = db.owners.find((x) => x.email === env.world.user.email);
  if (!o) fail(`the user ${env.world.user.full_name} has no CRM user`, "permission_denied");
  return o;
}

/** Owners must be active users of the CRM. */
export function needActiveOwner(db: Crm, ownerId: string): Owner {
  const o = needOwner(db, ownerId);
  check(o.active, () => `${o.name} (${o.id}) is deactivated and cannot own records; choose an active user: ${activeOwners(db)}`);
  return o;
}

/** A user of the CRM, active or not, or a not_found error listing the active ones. */
export function needOwner(db: Crm, ownerId: string): Owner {
  const o = db.owners.get(ownerId);
  check(
    o,
    () => `owner '${ownerId}' is not a user of this CRM; owners must be one of the active users: ${activeOwners(db)} (list_crm_owners lists them)`,
    "not_found",
  );
  return o;
}

const activeOwners = (db: Crm) =>
  db.owners
    .filter((x) => x.active)
    .map((x) => `${x.id} (${x.name})`)
    .join(", ");

/** Emails are unique among contacts, ignoring case. */
export function checkContactEmailFree(db: Crm, email: string, except?: string): void {
  const dup = db.contacts.find((c) => c.id !== except && c.email.toLowerCase() === email.toLowerCase());
  check(
    !dup,
    () =>
      `a contact with the email ${email} already exists: ${dup?.id} (${dup?.first_name} ${dup?.last_name}); emails are unique among contacts, use that contact or another email`,
    "already_exists",
  );
}

/** A close date may not fall before the day the deal was created. */
export function checkCloseDate(closeDate: string, createdAt: string): void {
  const created = createdAt.slice(0, 10);
  check(closeDate >= created, `close date ${closeDate} is before the deal's creation date ${created}; pick ${created} or later`, "invalid_argument");
}

export function checkLeadEditable(lead: Lead, what: string): void {
  check(
    !lead.converted,
    () =>
      `lead ${lead.id} was converted on ${lead.converted_at?.slice(0, 10)} into contact ${lead.converted_contact_id}${lead.converted_deal_id ? ` and deal ${lead.converted_deal_id}` : ""}; converted leads are read-only, so ${what} the contact instead`,
  );
}

export type RecordRefs = { lead_id?: string | undefined; contact_id?: string | undefined; company_id?: string | undefined; deal_id?: string | undefined };

/** Checks that the attached records exist (and that a lead is still editable); at least one is needed. */
export function checkAttachments(db: Crm, refs: RecordRefs, what: string): RecordRefs {
  const given = (["lead_id", "contact_id", "company_id", "deal_id"] as const).filter((k) => refs[k] !== undefined);
  check(given.length > 0, `${what} must be attached to a record: pass at least one of lead_id, contact_id, company_id or deal_id`, "invalid_argument");
  if (refs.lead_id) checkLeadEditable(db.leads.need(refs.lead_id), `attach ${what} to`);
  if (refs.contact_id) db.contacts.need(refs.contact_id);
  if (refs.company_id) db.companies.need(refs.company_id);
  if (refs.deal_id) db.deals.need(refs.deal_id);
  return Object.fromEntries(given.map((k) => [k, refs[k]]));
}

export const matchesAttachment = (x: RecordRefs, f: RecordRefs) =>
  (!f.lead_id || x.lead_id === f.lead_id) &&
  (!f.contact_id || x.contact_id === f.contact_id) &&
  (!f.company_id || x.company_id === f.company_id) &&
  (!f.deal_id || x.deal_id === f.deal_id);

export const fullName = (x: { first_name: string; last_name: string }) => `${x.first_name} ${x.last_name}`;
