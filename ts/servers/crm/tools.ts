/**
 * CRM tools, after HubSpot's and Salesforce's CRM APIs: leads and their conversion, contacts,
 * companies, deals moving through the sales pipeline, activities, notes, owners.
 *
 * Rules this CRM enforces:
 * - a lead converts once, into a contact (new or existing), a company (new or existing) and
 *   optionally a deal; a converted lead is read-only and names its contact, company and deal;
 *   an unqualified lead cannot be converted;
 * - deals move along the pipeline one stage forward or back, or to closed_lost from any open
 *   stage; closed_won follows negotiation; closed deals do not move (reopen_deal reopens a lost
 *   deal, a won deal stays won); closed_won needs an amount > 0, closed_lost a reason;
 * - emails are unique among contacts; company domains are unique among companies;
 * - a deal's close date is never before its creation date;
 * - owners must be active users of the CRM;
 * - activities and notes are attached to at least one record; tasks need a due date that is
 *   not in the past; logged calls, emails and meetings cannot lie in the future.
 */
import {
  ascending,
  check,
  companyName,
  descending,
  email,
  formatMoney,
  isoDate,
  isoInstant,
  matchesText,
  money,
  page,
  personName,
  phone,
  rangeStart,
  ref,
  refs,
  roundMoney,
  text,
  time,
  z,
} from "../framework/index.ts";
import {
  ACTIVITY_TYPES,
  allowedNextStages,
  CALL_OUTCOMES,
  checkAttachments,
  checkCloseDate,
  checkContactEmailFree,
  checkLeadEditable,
  DEAL_STAGES,
  fullName,
  isOpenStage,
  LEAD_SOURCES,
  LEAD_STATUSES,
  LIFECYCLE_STAGES,
  matchesAttachment,
  me,
  needActiveOwner,
  OPEN_STAGES,
  read,
  STAGE_PROBABILITY,
  write,
  type Company,
  type Crm,
  type Deal,
  type DealStage,
} from "./state.ts";

const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, "expected a web domain such as northwind-logistics.com")
  .max(120)
  .describe("Web domain of the company, e.g. northwind-logistics.com");
const amount = (description: string) => money(description, { min: 0 });
const ownerId = (description: string) => ref("owner", description);
const attach = {
  lead_id: ref("lead", "Lead to attach it to").optional(),
  contact_id: ref("contact", "Contact to attach it to").optional(),
  company_id: ref("company", "Company to attach it to").optional(),
  deal_id: ref("deal", "Deal to attach it to").optional(),
};
const filterBy = {
  lead_id: ref("lead", "Only those attached to this lead").optional(),
  contact_id: ref("contact", "Only those attached to this contact").optional(),
  company_id: ref("company", "Only those attached to this company").optional(),
  deal_id: ref("deal", "Only those attached to this deal").optional(),
};

const stageLabel = (s: DealStage) => s.replace(/_/g, " ");
const newest = <T extends { created_at: string }>(xs: T[], n: number) => xs.sort(descending("created_at")).slice(0, n);

function dealView(db: Crm, d: Deal) {
  return {
    ...d,
    probability: STAGE_PROBABILITY[d.stage],
    company_name: d.company_id ? db.companies.get(d.company_id)?.name : undefined,
    allowed_next_stages: allowedNextStages(d.stage),
  };
}

function companyByName(db: Crm, wanted: string): Company | undefined {
  const n = wanted.trim().toLowerCase();
  return db.companies.find((c) => c.name.toLowerCase() === n);
}

const PERSONAL_MAIL = new Set(["mailbox.org", "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com"]);

/** A domain for a company created from a lead: its email's domain, else one made from its name, kept unique. */
function freeDomain(db: Crm, lead: { email: string; company: string }): string {
  const fromEmail = (lead.email.split("@")[1] ?? "").toLowerCase();
  const slug =
    lead.company
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "company";
  const base = fromEmail && !PERSONAL_MAIL.has(fromEmail) && !db.companies.find((c) => c.domain === fromEmail) ? fromEmail : `${slug}.com`;
  let domain = base;
  for (let n = 2; db.companies.find((c) => c.domain === domain); n++) domain = `${slug}-${n}.com`;
  return domain;
}

function dealCompanyAndContacts(db: Crm, companyId: string | undefined, contactIds: readonly string[] | undefined) {
  if (companyId) db.companies.need(companyId);
  const ids = [...new Set(contactIds ?? [])];
  for (const c of ids) db.contacts.need(c);
  return ids;
}

export const tools = {
  list_crm_owners: read({
    description:
      "Users of the CRM who can own leads, contacts, companies and deals (the user and their sales colleagues). Returns each owner's id, name, email, team and whether they are active; only active owners can be assigned records.",
    input: z.object({ active: z.boolean().optional().describe("Only active (true) or deactivated (false) users"), ...page }).strict(),
    discovers: "owner",
    run: (db, a) => db.owners.page(a, { where: (o) => a.active === undefined || o.active === a.active }),
  }),

  list_leads: read({
    description:
      "List leads (prospects not yet converted into contacts), newest first, filtered by status, source, owner or text in the name, company or email. Converted leads are hidden unless include_converted is true.",
    input: z
      .object({
        status: z.enum(LEAD_STATUSES).optional().describe("Only leads with this status"),
        source: z.enum(LEAD_SOURCES).optional().describe("Only leads from this source"),
        owner_id: ownerId("Only leads owned by this CRM user").optional(),
        query: z.string().trim().max(100).optional().describe("Text in the lead's name, company or email"),
        include_converted: z.boolean().default(false).describe("Also list leads that were already converted"),
        ...page,
      })
      .strict(),
    discovers: "lead",
    run: (db, a) =>
      db.leads.page(a, {
        where: (l) =>
          (a.include_converted || !l.converted) &&
          (!a.status || l.status === a.status) &&
          (!a.source || l.source === a.source) &&
          (!a.owner_id || l.owner_id === a.owner_id) &&
          matchesText(a.query, fullName(l), l.company, l.email),
        sort: descending("created_at"),
      }),
  }),

  get_lead: read({
    description: "One lead with its recent activities and notes. A converted lead names the contact, company and deal it became.",
    input: z.object({ lead_id: ref("lead", "The lead") }).strict(),
    run: (db, a) => {
      const l = db.leads.need(a.lead_id);
      return {
        ...l,
        recent_activities: newest(
          db.activities.filter((x) => x.lead_id === l.id),
          5,
        ),
        notes: newest(
          db.notes.filter((x) => x.lead_id === l.id),
          5,
        ),
      };
    },
  }),

  create_lead: write({
    description:
      "Create a lead for a new prospect. Status starts as 'new'; the owner defaults to the user. Fails if the email already belongs to a contact or to another open lead. Returns the lead.",
    input: z
      .object({
        first_name: personName("First name"),
        last_name: personName("Last name"),
        email: email("Email address of the prospect"),
        company: companyName("Name of the prospect's company"),
        job_title: z.string().trim().max(80).optional().describe("Job title"),
        phone: phone("Phone number, e.g. +1-415-555-0134").optional(),
        source: z.enum(LEAD_SOURCES).default("website").describe("Where the lead came from"),
        owner_id: ownerId("CRM user who owns the lead; default the user").optional(),
      })
      .strict(),
    produces: "lead",
    run: (db, a, env) => {
      const contact = db.contacts.find((c) => c.email.toLowerCase() === a.email);
      check(
        !contact,
        () =>
          `${a.email} is already the contact ${contact?.id} (${contact && fullName(contact)}); work with the contact (log_crm_activity, create_deal) instead of creating a lead`,
        "already_exists",
      );
      const dup = db.leads.find((l) => !l.converted && l.email.toLowerCase() === a.email);
      check(
        !dup,
        () => `an open lead with the email ${a.email} already exists: ${dup?.id} (${dup && fullName(dup)}, status ${dup?.status}); update it with update_lead`,
        "already_exists",
      );
      const owner = a.owner_id ? needActiveOwner(db, a.owner_id) : me(db, env);
      return db.leads.create({
        first_name: a.first_name,
        last_name: a.last_name,
        email: a.email,
        ...(a.phone ? { phone: a.phone } : {}),
        company: a.company,
        ...(a.job_title ? { job_title: a.job_title } : {}),
        source: a.source,
        status: "new",
        owner_id: owner.id,
        created_at: env.now,
        updated_at: env.now,
        converted: false,
      });
    },
  }),

  update_lead: write({
    description:
      "Change a lead's status (new, contacted, qualified, unqualified) or details. Marking a lead unqualified needs a reason. Converted leads are read-only. Returns the updated lead.",
    input: z
      .object({
        lead_id: ref("lead", "The lead"),
        status: z.enum(LEAD_STATUSES).optional().describe("New status"),
        unqualified_reason: z.string().trim().min(1).max(200).optional().describe("Why the lead is unqualified; required with status 'unqualified'"),
        first_name: personName("First name").optional(),
        last_name: personName("Last name").optional(),
        email: email("Email address").optional(),
        company: companyName("Company name").optional(),
        job_title: z.string().trim().max(80).optional().describe("Job title"),
        phone: phone("Phone number, e.g. +1-415-555-0134").optional(),
        source: z.enum(LEAD_SOURCES).optional().describe("Where the lead came from"),
      })
      .strict(),
    run: (db, a, env) => {
      const lead = db.leads.need(a.lead_id);
      checkLeadEditable(lead, "update");
      const { lead_id: _id, unqualified_reason, ...fields } = a;
      check(
        Object.values(fields).some((v) => v !== undefined) || unqualified_reason !== undefined,
        "nothing to update: pass a status or at least one field to change",
        "invalid_argument",
      );
      const status = a.status ?? lead.status;
      check(
        status !== "unqualified" || unqualified_reason || (lead.status === "unqualified" && lead.unqualified_reason),
        "a lead marked unqualified needs a reason: pass unqualified_reason (e.g. 'No budget')",
        "invalid_argument",
      );
      check(
        !unqualified_reason || status === "unqualified",
        `unqualified_reason only applies to status 'unqualified'; the lead would be ${status}`,
        "invalid_argument",
      );
      if (a.email && a.email !== lead.email.toLowerCase()) {
        const dup = db.leads.find((l) => l.id !== lead.id && !l.converted && l.email.toLowerCase() === a.email);
        check(!dup, () => `an open lead with the email ${a.email} already exists: ${dup?.id}`, "already_exists");
      }
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      return db.leads.update(lead.id, (l) => {
        const { unqualified_reason: oldReason, ...rest } = l;
        const reason = status === "unqualified" ? (unqualified_reason ?? oldReason) : undefined;
        return { ...rest, ...patch, ...(reason ? { unqualified_reason: reason } : {}), updated_at: env.now };
      });
    },
  }),

  convert_lead: write({
    description:
      "Convert a lead into a contact, a company and (by default) a deal, as Salesforce's lead conversion does. Pass contact_id or company_id to merge into existing records; otherwise a company with the lead's company name is reused and a contact is created. A lead converts once; afterwards it is read-only and names its contact, company and deal. Returns the new contact's id with the lead, contact, company and deal.",
    input: z
      .object({
        lead_id: ref("lead", "The lead to convert"),
        contact_id: ref("contact", "Existing contact to merge the lead into, instead of creating one").optional(),
        company_id: ref("company", "Existing company to attach to, instead of matching by name or creating one").optional(),
        create_deal: z.boolean().default(true).describe("Also create a deal (default true)"),
        deal_name: z.string().trim().min(1).max(120).optional().describe("Name of the new deal; default '<company> — New deal'"),
        deal_amount: amount("Expected amount of the deal in USD (default 0 while unknown)").optional(),
        close_date: isoDate("Expected close date of the deal; default 30 days from today").optional(),
        owner_id: ownerId("Owner of the new records; default the lead's owner").optional(),
      })
      .strict(),
    produces: "contact",
    run: (db, a, env) => {
      const lead = db.leads.need(a.lead_id);
      check(
        !lead.converted,
        () =>
          `lead ${lead.id} was already converted on ${lead.converted_at?.slice(0, 10)} into contact ${lead.converted_contact_id}, company ${lead.converted_company_id ?? "none"}${lead.converted_deal_id ? ` and deal ${lead.converted_deal_id}` : ""}; a lead converts only once`,
      );
      check(
        lead.status !== "unqualified",
        `lead ${lead.id} is unqualified (${lead.unqualified_reason ?? "no reason given"}); set its status to qualified with update_lead before converting it`,
      );
      const owner = needActiveOwner(db, a.owner_id ?? lead.owner_id);
      check(
        a.create_deal || (a.deal_name === undefined && a.deal_amount === undefined && a.close_date === undefined),
        "deal_name, deal_amount and close_date only apply when create_deal is true",
        "invalid_argument",
      );

      let company = a.company_id ? db.companies.need(a.company_id) : companyByName(db, lead.company);
      if (!company) {
        company = db.companies.create({
          name: lead.company,
          domain: freeDomain(db, lead),
          industry: "unknown",
          owner_id: owner.id,
          created_at: env.now,
        });
      }

      let contact;
      if (a.contact_id) {
        contact = db.contacts.need(a.contact_id);
        contact = db.contacts.update(contact.id, {
          company_id: contact.company_id ?? company.id,
          source_lead_id: contact.source_lead_id ?? lead.id,
          updated_at: env.now,
        });
      } else {
        const dup = db.contacts.find((c) => c.email.toLowerCase() === lead.email.toLowerCase());
        check(
          !dup,
          () =>
            `a contact with the lead's email ${lead.email} already exists: ${dup?.id} (${dup && fullName(dup)}); pass contact_id: '${dup?.id}' to merge the lead into it`,
          "already_exists",
        );
        contact = db.contacts.create({
          first_name: lead.first_name,
          last_name: lead.last_name,
          email: lead.email,
          ...(lead.phone ? { phone: lead.phone } : {}),
          ...(lead.job_title ? { job_title: lead.job_title } : {}),
          company_id: company.id,
          lifecycle_stage: a.create_deal ? "opportunity" : "lead",
          owner_id: owner.id,
          source_lead_id: lead.id,
          created_at: env.now,
          updated_at: env.now,
        });
      }

      let deal: Deal | undefined;
      if (a.create_deal) {
        const close = a.close_date ?? time.addDays(env.today, 30);
        checkCloseDate(close, env.now);
        deal = db.deals.create({
          name: a.deal_name ?? `${company.name} — New deal`,
          company_id: company.id,
          contact_ids: [contact.id],
          owner_id: owner.id,
          stage: "appointment_scheduled",
          amount: a.deal_amount ?? 0,
          currency: "USD",
          close_date: close,
          source_lead_id: lead.id,
          created_at: env.now,
          updated_at: env.now,
        });
        if (contact.lifecycle_stage === "lead") contact = db.contacts.update(contact.id, { lifecycle_stage: "opportunity" });
      }
      const converted = db.leads.update(lead.id, {
        status: "qualified",
        converted: true,
        converted_at: env.now,
        converted_contact_id: contact.id,
        converted_company_id: company.id,
        ...(deal ? { converted_deal_id: deal.id } : {}),
        updated_at: env.now,
      });
      return { id: contact.id, lead: converted, contact, company, deal: deal ?? null };
    },
  }),

  list_crm_contacts: read({
    description:
      "List contacts (people at customer and prospect companies) in the CRM, sorted by last name, filtered by text in the name, email or job title, by company, owner or lifecycle stage.",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Text in the contact's name, email or job title"),
        company_id: ref("company", "Only contacts at this company").optional(),
        owner_id: ownerId("Only contacts owned by this CRM user").optional(),
        lifecycle_stage: z.enum(LIFECYCLE_STAGES).optional().describe("Only contacts at this lifecycle stage"),
        ...page,
      })
      .strict(),
    discovers: "contact",
    run: (db, a) =>
      db.contacts.page(a, {
        where: (c) =>
          matchesText(a.query, fullName(c), c.email, c.job_title) &&
          (!a.company_id || c.company_id === a.company_id) &&
          (!a.owner_id || c.owner_id === a.owner_id) &&
          (!a.lifecycle_stage || c.lifecycle_stage === a.lifecycle_stage),
        sort: (x, y) => ascending("last_name")(x, y) || ascending("first_name")(x, y),
      }),
  }),

  get_crm_contact: read({
    description: "One contact with their company, their deals, their five most recent activities and notes.",
    input: z.object({ contact_id: ref("contact", "The contact") }).strict(),
    run: (db, a) => {
      const c = db.contacts.need(a.contact_id);
      const company = c.company_id ? db.companies.get(c.company_id) : undefined;
      return {
        ...c,
        company: company ? { id: company.id, name: company.name, domain: company.domain } : null,
        deals: db.deals
          .filter((d) => d.contact_ids.includes(c.id))
          .map((d) => ({ id: d.id, name: d.name, stage: d.stage, amount: d.amount, close_date: d.close_date })),
        recent_activities: newest(
          db.activities.filter((x) => x.contact_id === c.id),
          5,
        ),
        notes: newest(
          db.notes.filter((x) => x.contact_id === c.id),
          5,
        ),
      };
    },
  }),

  create_crm_contact: write({
    description: "Add a contact to the CRM. Emails are unique among contacts. The owner defaults to the user. Returns the contact.",
    input: z
      .object({
        first_name: personName("First name"),
        last_name: personName("Last name"),
        email: email("Email address (unique among contacts)"),
        phone: phone("Phone number, e.g. +1-415-555-0134").optional(),
        job_title: z.string().trim().max(80).optional().describe("Job title"),
        company_id: ref("company", "Company the contact works at").optional(),
        city: z.string().trim().max(80).optional().describe("City"),
        lifecycle_stage: z.enum(LIFECYCLE_STAGES).default("lead").describe("Lifecycle stage (default lead)"),
        owner_id: ownerId("CRM user who owns the contact; default the user").optional(),
      })
      .strict(),
    produces: "contact",
    run: (db, a, env) => {
      checkContactEmailFree(db, a.email);
      if (a.company_id) db.companies.need(a.company_id);
      const owner = a.owner_id ? needActiveOwner(db, a.owner_id) : me(db, env);
      const { owner_id: _o, ...fields } = a;
      const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as typeof fields;
      return db.contacts.create({ ...defined, owner_id: owner.id, created_at: env.now, updated_at: env.now });
    },
  }),

  update_crm_contact: write({
    description:
      "Change a contact's details (name, email, phone, job title, company, city, lifecycle stage). The email stays unique among contacts. Returns the updated contact.",
    input: z
      .object({
        contact_id: ref("contact", "The contact"),
        first_name: personName("First name").optional(),
        last_name: personName("Last name").optional(),
        email: email("Email address (unique among contacts)").optional(),
        phone: phone("Phone number, e.g. +1-415-555-0134").optional(),
        job_title: z.string().trim().max(80).optional().describe("Job title"),
        company_id: ref("company", "Company the contact now works at").optional(),
        city: z.string().trim().max(80).optional().describe("City"),
        lifecycle_stage: z.enum(LIFECYCLE_STAGES).optional().describe("Lifecycle stage"),
      })
      .strict(),
    run: (db, a, env) => {
      const c = db.contacts.need(a.contact_id);
      const { contact_id: _id, ...fields } = a;
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      check(Object.keys(patch).length > 0, "nothing to update: pass at least one field to change", "invalid_argument");
      if (a.email) checkContactEmailFree(db, a.email, c.id);
      if (a.company_id) db.companies.need(a.company_id);
      return db.contacts.update(c.id, { ...patch, updated_at: env.now });
    },
  }),

  list_companies: read({
    description: "List companies (customer and prospect accounts) in the CRM by name, filtered by text in the name or domain, industry, city or owner.",
    input: z
      .object({
        query: z.string().trim().max(100).optional().describe("Text in the company's name or domain"),
        industry: z.string().trim().max(60).optional().describe("Industry, e.g. 'software' or 'logistics'"),
        city: z.string().trim().max(60).optional().describe("City of the company"),
        owner_id: ownerId("Only companies owned by this CRM user").optional(),
        ...page,
      })
      .strict(),
    discovers: "company",
    run: (db, a) =>
      db.companies.page(a, {
        where: (c) =>
          matchesText(a.query, c.name, c.domain) &&
          (!a.industry || c.industry.toLowerCase() === a.industry.toLowerCase()) &&
          (!a.city || (c.city ?? "").toLowerCase() === a.city.toLowerCase()) &&
          (!a.owner_id || c.owner_id === a.owner_id),
        sort: ascending("name"),
      }),
  }),

  get_company: read({
    description: "One company with its contacts, its deals and the totals of its open pipeline and won revenue.",
    input: z.object({ company_id: ref("company", "The company") }).strict(),
    run: (db, a) => {
      const c = db.companies.need(a.company_id);
      const deals = db.deals.filter((d) => d.company_id === c.id);
      return {
        ...c,
        contacts: db.contacts
          .filter((x) => x.company_id === c.id)
          .slice(0, 25)
          .map((x) => ({ id: x.id, name: fullName(x), email: x.email, job_title: x.job_title })),
        deals: deals.map((d) => ({ id: d.id, name: d.name, stage: d.stage, amount: d.amount, close_date: d.close_date })),
        open_pipeline: roundMoney(deals.filter((d) => isOpenStage(d.stage)).reduce((s, d) => s + d.amount, 0)),
        won_revenue: roundMoney(deals.filter((d) => d.stage === "closed_won").reduce((s, d) => s + d.amount, 0)),
      };
    },
  }),

  create_company: write({
    description:
      "Add a company to the CRM. The web domain is unique among companies (the CRM deduplicates on it). The owner defaults to the user. Returns the company.",
    input: z
      .object({
        name: companyName("Company name"),
        domain: domainName,
        industry: z.string().trim().min(1).max(60).default("unknown").describe("Industry, e.g. 'software'"),
        city: z.string().trim().max(80).optional().describe("City of the headquarters"),
        country: z.string().trim().max(60).optional().describe("Country code, e.g. US"),
        employees: z.number().int().min(0).max(10_000_000).optional().describe("Number of employees"),
        annual_revenue: amount("Annual revenue in USD").optional(),
        owner_id: ownerId("CRM user who owns the company; default the user").optional(),
      })
      .strict(),
    produces: "company",
    run: (db, a, env) => {
      const dup = db.companies.find((c) => c.domain === a.domain);
      check(!dup, () => `the company ${dup?.name} (${dup?.id}) already uses the domain ${a.domain}; domains are unique, use that company`, "already_exists");
      const owner = a.owner_id ? needActiveOwner(db, a.owner_id) : me(db, env);
      const { owner_id: _o, ...fields } = a;
      const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as typeof fields;
      return db.companies.create({ ...defined, owner_id: owner.id, created_at: env.now });
    },
  }),

  list_deals: read({
    description:
      "List deals by expected close date, filtered by stage, open/closed, owner, company, contact, amount range, close date range or text in the name. Returns each deal's stage, amount and close date.",
    input: z
      .object({
        stage: z.enum(DEAL_STAGES).optional().describe("Only deals at this pipeline stage"),
        status: z.enum(["open", "won", "lost", "closed"]).optional().describe("open: not yet closed; won/lost; closed: won or lost"),
        owner_id: ownerId("Only deals owned by this CRM user").optional(),
        company_id: ref("company", "Only deals with this company").optional(),
        contact_id: ref("contact", "Only deals involving this contact").optional(),
        min_amount: rangeStart("max_amount", money("Smallest amount in USD", { min: 0, what: "min_amount" })).optional(),
        max_amount: money("Largest amount in USD", { min: 0, what: "max_amount" }).optional(),
        close_date_from: rangeStart("close_date_to", isoDate("Earliest close date, inclusive")).optional(),
        close_date_to: isoDate("Latest close date, inclusive").optional(),
        query: z.string().trim().max(100).optional().describe("Text in the deal name"),
        ...page,
      })
      .strict(),
    discovers: "deal",
    run: (db, a) =>
      db.deals.page(a, {
        where: (d) =>
          (!a.stage || d.stage === a.stage) &&
          (!a.status ||
            (a.status === "open"
              ? isOpenStage(d.stage)
              : a.status === "won"
                ? d.stage === "closed_won"
                : a.status === "lost"
                  ? d.stage === "closed_lost"
                  : !isOpenStage(d.stage))) &&
          (!a.owner_id || d.owner_id === a.owner_id) &&
          (!a.company_id || d.company_id === a.company_id) &&
          (!a.contact_id || d.contact_ids.includes(a.contact_id)) &&
          (a.min_amount === undefined || d.amount >= a.min_amount) &&
          (a.max_amount === undefined || d.amount <= a.max_amount) &&
          (!a.close_date_from || d.close_date >= a.close_date_from) &&
          (!a.close_date_to || d.close_date <= a.close_date_to) &&
          matchesText(a.query, d.name),
        sort: (x, y) => ascending("close_date")(x, y) || ascending("id")(x, y),
      }),
  }),

  get_deal: read({
    description: "One deal with its win probability, company, contacts, the stages it may move to next, and its recent activities and notes.",
    input: z.object({ deal_id: ref("deal", "The deal") }).strict(),
    run: (db, a) => {
      const d = db.deals.need(a.deal_id);
      return {
        ...dealView(db, d),
        contacts: d.contact_ids
          .map((id) => db.contacts.get(id))
          .filter((c) => c !== undefined)
          .map((c) => ({ id: c.id, name: fullName(c), email: c.email })),
        recent_activities: newest(
          db.activities.filter((x) => x.deal_id === d.id),
          5,
        ),
        notes: newest(
          db.notes.filter((x) => x.deal_id === d.id),
          5,
        ),
      };
    },
  }),

  create_deal: write({
    description:
      "Create a deal in the sales pipeline for a company and/or contacts. It starts at an open stage (default appointment_scheduled); the close date may not be before today (its creation date). Returns the deal.",
    input: z
      .object({
        name: z.string().trim().min(1).max(120).describe("Deal name, e.g. 'Northwind Logistics — Platform license'"),
        company_id: ref("company", "Company the deal is with").optional(),
        contact_ids: refs("contact", "Contacts involved in the deal", { max: 10 }).optional(),
        amount: amount("Expected amount in USD (0 while unknown)").default(0),
        close_date: isoDate("Expected close date, today or later"),
        stage: z.enum(OPEN_STAGES).default("appointment_scheduled").describe("Starting stage: one of the open stages"),
        owner_id: ownerId("CRM user who owns the deal; default the user").optional(),
      })
      .strict(),
    produces: "deal",
    run: (db, a, env) => {
      check(
        a.company_id || (a.contact_ids && a.contact_ids.length > 0),
        "a deal needs a company_id or at least one contact_id so it is attached to a customer",
        "invalid_argument",
      );
      const contactIds = dealCompanyAndContacts(db, a.company_id, a.contact_ids);
      checkCloseDate(a.close_date, env.now);
      const owner = a.owner_id ? needActiveOwner(db, a.owner_id) : me(db, env);
      const deal = db.deals.create({
        name: a.name,
        ...(a.company_id ? { company_id: a.company_id } : {}),
        contact_ids: contactIds,
        owner_id: owner.id,
        stage: a.stage,
        amount: a.amount,
        currency: "USD",
        close_date: a.close_date,
        created_at: env.now,
        updated_at: env.now,
      });
      for (const id of contactIds) {
        const c = db.contacts.need(id);
        if (c.lifecycle_stage === "lead") db.contacts.update(id, { lifecycle_stage: "opportunity", updated_at: env.now });
      }
      return deal;
    },
  }),

  update_deal: write({
    description:
      "Change an open deal's name, amount, expected close date, company or contacts. The close date may not be before the deal's creation date. Use update_deal_stage to move it in the pipeline. Returns the updated deal.",
    input: z
      .object({
        deal_id: ref("deal", "The deal"),
        name: z.string().trim().min(1).max(120).optional().describe("New name"),
        amount: amount("New amount in USD").optional(),
        close_date: isoDate("New expected close date").optional(),
        company_id: ref("company", "Company the deal is with").optional(),
        contact_ids: refs("contact", "Contacts involved (replaces the list)", { max: 10 }).optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const d = db.deals.need(a.deal_id);
      check(
        isOpenStage(d.stage),
        `deal ${d.id} is ${stageLabel(d.stage)} and closed deals are read-only${d.stage === "closed_lost" ? "; reopen it with reopen_deal first" : ""}`,
      );
      const { deal_id: _id, ...fields } = a;
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      check(Object.keys(patch).length > 0, "nothing to update: pass at least one of name, amount, close_date, company_id, contact_ids", "invalid_argument");
      if (a.close_date) checkCloseDate(a.close_date, d.created_at);
      const contactIds = dealCompanyAndContacts(db, a.company_id, a.contact_ids);
      if (a.contact_ids) {
        check(contactIds.length > 0 || (a.company_id ?? d.company_id), "a deal without a company needs at least one contact", "invalid_argument");
        patch.contact_ids = contactIds;
      }
      return dealView(db, db.deals.update(d.id, { ...patch, updated_at: env.now }));
    },
  }),

  update_deal_stage: write({
    description:
      "Move a deal along the pipeline appointment_scheduled → qualified → proposal → negotiation → closed_won, one stage forward or back, or to closed_lost from any open stage. closed_won needs an amount > 0 (set it with update_deal); closed_lost needs lost_reason. Closing sets the close date to today. Closed deals do not move. Returns the deal.",
    input: z
      .object({
        deal_id: ref("deal", "The deal"),
        stage: z.enum(DEAL_STAGES).describe("The stage to move to"),
        lost_reason: z.string().trim().min(1).max(200).optional().describe("Why the deal was lost; required for closed_lost"),
      })
      .strict(),
    run: (db, a, env) => {
      const d = db.deals.need(a.deal_id);
      check(
        isOpenStage(d.stage),
        `deal ${d.id} is already ${stageLabel(d.stage)} (closed on ${d.close_date}); closed deals cannot move${d.stage === "closed_lost" ? ", but reopen_deal can reopen a lost deal" : " — a won deal stays won"}`,
      );
      check(
        a.stage !== d.stage,
        `deal ${d.id} is already at ${stageLabel(d.stage)}; it may move to ${allowedNextStages(d.stage).join(", ")}`,
        "invalid_argument",
      );
      const allowed = allowedNextStages(d.stage);
      check(
        allowed.includes(a.stage),
        `deal ${d.id} is at ${stageLabel(d.stage)} and cannot jump to ${stageLabel(a.stage)}; from ${d.stage} it may move to ${allowed.join(", ")}`,
      );
      check(
        a.stage !== "closed_won" || d.amount > 0,
        `deal ${d.id} has amount ${formatMoney(d.amount)}; closed_won needs an amount greater than 0 — set it with update_deal first`,
      );
      check(a.stage !== "closed_lost" || a.lost_reason, "closed_lost needs a lost_reason, e.g. 'Chose a competitor'", "invalid_argument");
      check(a.stage === "closed_lost" || !a.lost_reason, "lost_reason only applies when moving to closed_lost", "invalid_argument");
      const closing = !isOpenStage(a.stage);
      const updated = db.deals.update(d.id, {
        stage: a.stage,
        ...(closing ? { closed_at: env.now, close_date: env.today } : {}),
        ...(a.lost_reason ? { lost_reason: a.lost_reason } : {}),
        updated_at: env.now,
      });
      if (a.stage === "closed_won") {
        for (const id of d.contact_ids) if (db.contacts.has(id)) db.contacts.update(id, { lifecycle_stage: "customer", updated_at: env.now });
      }
      return dealView(db, updated);
    },
  }),

  reopen_deal: write({
    description:
      "Reopen a closed_lost deal at an open stage (default negotiation) with a new expected close date. A closed_won deal cannot be reopened. Returns the deal.",
    input: z
      .object({
        deal_id: ref("deal", "The lost deal"),
        stage: z.enum(OPEN_STAGES).default("negotiation").describe("Open stage to reopen at"),
        close_date: isoDate("New expected close date, today or later; default 30 days from today").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const d = db.deals.need(a.deal_id);
      check(
        d.stage === "closed_lost",
        d.stage === "closed_won"
          ? `deal ${d.id} is closed_won; won deals cannot be reopened — create a new deal for further business`
          : `deal ${d.id} is open (${stageLabel(d.stage)}); only closed_lost deals can be reopened`,
      );
      const close = a.close_date ?? time.addDays(env.today, 30);
      check(close >= env.today, `close date ${close} is in the past; a reopened deal closes today (${env.today}) or later`, "invalid_argument");
      return dealView(
        db,
        db.deals.update(d.id, (x) => {
          const { lost_reason: _r, closed_at: _c, ...rest } = x;
          return { ...rest, stage: a.stage, close_date: close, updated_at: env.now };
        }),
      );
    },
  }),

  get_pipeline_summary: read({
    description:
      "Totals of the sales pipeline per stage: number of deals, amount and probability-weighted amount, plus open pipeline, won and lost totals and the win rate. Optionally for one owner or a close-date window.",
    input: z
      .object({
        owner_id: ownerId("Only deals of this CRM user").optional(),
        close_date_from: rangeStart("close_date_to", isoDate("Earliest close date, inclusive")).optional(),
        close_date_to: isoDate("Latest close date, inclusive").optional(),
      })
      .strict(),
    run: (db, a) => {
      if (a.owner_id) db.owners.need(a.owner_id);
      const deals = db.deals.filter(
        (d) =>
          (!a.owner_id || d.owner_id === a.owner_id) &&
          (!a.close_date_from || d.close_date >= a.close_date_from) &&
          (!a.close_date_to || d.close_date <= a.close_date_to),
      );
      const sum = (xs: Deal[]) => roundMoney(xs.reduce((s, d) => s + d.amount, 0));
      const stages = DEAL_STAGES.map((stage) => {
        const xs = deals.filter((d) => d.stage === stage);
        return {
          stage,
          probability: STAGE_PROBABILITY[stage],
          count: xs.length,
          amount: sum(xs),
          weighted_amount: roundMoney(sum(xs) * STAGE_PROBABILITY[stage]),
        };
      });
      const open = deals.filter((d) => isOpenStage(d.stage));
      const won = deals.filter((d) => d.stage === "closed_won");
      const lost = deals.filter((d) => d.stage === "closed_lost");
      return {
        currency: "USD",
        stages,
        open_count: open.length,
        open_amount: sum(open),
        weighted_open_amount: roundMoney(open.reduce((s, d) => s + d.amount * STAGE_PROBABILITY[d.stage], 0)),
        won_count: won.length,
        won_amount: sum(won),
        lost_count: lost.length,
        win_rate: won.length + lost.length ? Math.round((won.length / (won.length + lost.length)) * 1000) / 1000 : null,
      };
    },
  }),

  log_crm_activity: write({
    description:
      "Log a call, email or meeting that happened (default now), or create a follow-up task with a due date, attached to a lead, contact, company and/or deal. Tasks stay open until complete_crm_task. Returns the activity.",
    input: z
      .object({
        type: z.enum(ACTIVITY_TYPES).describe("call, email, meeting, or task (a to-do)"),
        subject: z.string().trim().min(1).max(200).describe("Short subject, e.g. 'Discovery call'"),
        body: text("Details or minutes", 5000).default(""),
        occurred_at: isoInstant("When the call, email or meeting happened; default now; not in the future").optional(),
        due_date: isoDate("Due date of a task, today or later; required for tasks").optional(),
        outcome: z.enum(CALL_OUTCOMES).optional().describe("Outcome of a call"),
        ...attach,
      })
      .strict(),
    produces: "activity",
    run: (db, a, env) => {
      const records = checkAttachments(db, a, "an activity");
      const owner = me(db, env);
      if (a.type === "task") {
        check(a.due_date, "a task needs a due_date (YYYY-MM-DD), today or later", "invalid_argument");
        check(a.due_date >= env.today, `due date ${a.due_date} is in the past; a task is due today (${env.today}) or later`, "invalid_argument");
        check(!a.occurred_at && !a.outcome, "occurred_at and outcome apply to calls, emails and meetings, not tasks", "invalid_argument");
        return db.activities.create({
          type: "task",
          subject: a.subject,
          body: a.body,
          status: "open",
          due_date: a.due_date,
          owner_id: owner.id,
          ...records,
          created_at: env.now,
        });
      }
      check(!a.due_date, `due_date applies to tasks only; a ${a.type} is logged with occurred_at`, "invalid_argument");
      check(!a.outcome || a.type === "call", `outcome applies to calls only, not to a ${a.type}`, "invalid_argument");
      const at = a.occurred_at ?? env.now;
      check(
        at <= env.now,
        `occurred_at ${at} is in the future (now is ${env.now}); log activities that already happened, or create a task for future work`,
        "invalid_argument",
      );
      return db.activities.create({
        type: a.type,
        subject: a.subject,
        body: a.body,
        status: "completed",
        occurred_at: at,
        ...(a.type === "call" ? { outcome: a.outcome ?? "connected" } : {}),
        owner_id: owner.id,
        ...records,
        created_at: env.now,
      });
    },
  }),

  complete_crm_task: write({
    description: "Mark an open CRM task as completed. Only tasks (not calls, emails or meetings) can be completed, and only once. Returns the task.",
    input: z.object({ activity_id: ref("activity", "The task") }).strict(),
    run: (db, a, env) => {
      const t = db.activities.need(a.activity_id);
      check(t.type === "task", `activity ${t.id} is a ${t.type}, which is logged as completed already; only tasks can be completed`);
      check(t.status === "open", `task ${t.id} was already completed at ${t.completed_at ?? "an earlier time"}`);
      return db.activities.update(t.id, { status: "completed", completed_at: env.now });
    },
  }),

  list_crm_activities: read({
    description:
      "List CRM activities (calls, emails, meetings, tasks), newest first, filtered by type, status, owner, the record they are attached to, or for tasks a due-date cutoff (overdue work).",
    input: z
      .object({
        type: z.enum(ACTIVITY_TYPES).optional().describe("Only this type"),
        status: z.enum(["open", "completed"]).optional().describe("open: tasks still to do; completed: done"),
        owner_id: ownerId("Only activities of this CRM user").optional(),
        due_before: isoDate("Only tasks due on or before this date").optional(),
        ...filterBy,
        ...page,
      })
      .strict(),
    discovers: "activity",
    run: (db, a) =>
      db.activities.page(a, {
        where: (x) =>
          (!a.type || x.type === a.type) &&
          (!a.status || x.status === a.status) &&
          (!a.owner_id || x.owner_id === a.owner_id) &&
          (!a.due_before || (x.due_date !== undefined && x.due_date <= a.due_before)) &&
          matchesAttachment(x, a),
        sort: (x, y) => descending("created_at")(x, y) || descending("id")(x, y),
      }),
  }),

  add_crm_note: write({
    description: "Add a note to a lead, contact, company and/or deal (at least one). Returns the note.",
    input: z.object({ body: z.string().trim().min(1, "a note needs text").max(5000).describe("Text of the note"), ...attach }).strict(),
    produces: "note",
    run: (db, a, env) => {
      const records = checkAttachments(db, a, "a note");
      return db.notes.create({ body: a.body, author_id: me(db, env).id, ...records, created_at: env.now });
    },
  }),

  list_crm_notes: read({
    description: "List notes, newest first, for a lead, contact, company or deal, or containing some text.",
    input: z.object({ query: z.string().trim().max(100).optional().describe("Text in the note"), ...filterBy, ...page }).strict(),
    discovers: "note",
    run: (db, a) =>
      db.notes.page(a, {
        where: (n) => matchesText(a.query, n.body) && matchesAttachment(n, a),
        sort: (x, y) => descending("created_at")(x, y) || descending("id")(x, y),
      }),
  }),

  assign_record_owner: write({
    description:
      "Give one lead, contact, company or deal (exactly one) a new owner, who must be an active CRM user (see list_crm_owners). Returns the updated record.",
    input: z
      .object({
        owner_id: ownerId("The new owner"),
        lead_id: ref("lead", "Lead to reassign").optional(),
        contact_id: ref("contact", "Contact to reassign").optional(),
        company_id: ref("company", "Company to reassign").optional(),
        deal_id: ref("deal", "Deal to reassign").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const given = (["lead_id", "contact_id", "company_id", "deal_id"] as const).filter((k) => a[k] !== undefined);
      check(
        given.length === 1,
        `pass exactly one of lead_id, contact_id, company_id or deal_id (got ${given.length ? given.join(", ") : "none"})`,
        "invalid_argument",
      );
      const owner = needActiveOwner(db, a.owner_id);
      if (a.lead_id) {
        const l = db.leads.need(a.lead_id);
        checkLeadEditable(l, "reassign");
        return db.leads.update(l.id, { owner_id: owner.id, updated_at: env.now });
      }
      if (a.contact_id) return db.contacts.update(db.contacts.need(a.contact_id).id, { owner_id: owner.id, updated_at: env.now });
      if (a.company_id) return db.companies.update(db.companies.need(a.company_id).id, { owner_id: owner.id });
      const d = db.deals.need(a.deal_id as string);
      return dealView(db, db.deals.update(d.id, { owner_id: owner.id, updated_at: env.now }));
    },
  }),
};
