import { describe, expect, it } from "vitest";
import crm from "../../ts/servers/crm/index.ts";
import { time, worldFor } from "../../ts/servers/framework/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

domainConformance(crm, 16);

const SEED = 1;
const world = worldFor(SEED);
const today = world.today;

const me = (s: TestSession) => s.rows("owners").find((o) => o.email === world.user.email);
const inactive = (s: TestSession) => s.rows("owners").find((o) => !o.active);
const colleague = (s: TestSession) => s.rows("owners").find((o) => o.active && o.email !== world.user.email);
const openLead = (s: TestSession, status: string) => s.rows("leads").find((l) => !l.converted && l.status === status);
const convertedLead = (s: TestSession) => s.rows("leads").find((l) => l.converted);
const dealAt = (s: TestSession, stage: string) => s.rows("deals").find((d) => d.stage === stage);
const someContact = (s: TestSession) => s.rows("contacts")[0];
const someCompany = (s: TestSession) => s.rows("companies")[0];

function newProspect(s: TestSession, extra: Record<string, unknown> = {}) {
  return s.ok("create_lead", {
    first_name: "Rhea",
    last_name: "Vance",
    email: "rhea.vance@lattice-robotics.io",
    company: "Lattice Robotics",
    job_title: "CTO",
    source: "event",
    ...extra,
  });
}

describe("crm: seed", () => {
  it("holds owners, leads, contacts, companies, deals, activities and notes that agree with each other", () => {
    const s = openSession(crm, SEED);
    expect(me(s)).toMatchObject({ name: world.user.full_name, active: true });
    expect(s.rows("owners").filter((o) => !o.active)).toHaveLength(1);
    expect(s.rows("companies").map((c) => c.name)).not.toContain(world.user.company);
    expect(s.rows("contacts").length).toBe(30);
    expect(s.rows("deals").length).toBeGreaterThan(12);
    for (const l of s.rows("leads").filter((x) => x.converted)) {
      const contact = s.rows("contacts").find((c) => c.id === l.converted_contact_id);
      const deal = s.rows("deals").find((d) => d.id === l.converted_deal_id);
      expect(contact.email).toBe(l.email);
      expect(deal.source_lead_id).toBe(l.id);
    }
    for (const d of s.rows("deals")) {
      expect(d.close_date >= d.created_at.slice(0, 10)).toBe(true);
      if (d.stage === "closed_lost") expect(d.lost_reason).toBeTruthy();
      if (d.stage === "closed_won") expect(d.amount).toBeGreaterThan(0);
    }
    const emails = s.rows("contacts").map((c) => c.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
  });
});

describe("crm: owners", () => {
  it("list_crm_owners lists the user and colleagues, filtered by active", () => {
    const s = openSession(crm, SEED);
    expect(s.ok("list_crm_owners", {}).total).toBe(s.rows("owners").length);
    const active = s.ok("list_crm_owners", { active: true });
    expect(active.items.every((o: any) => o.active)).toBe(true);
    expect(s.ok("list_crm_owners", { active: false }).items.map((o: any) => o.id)).toEqual([inactive(s).id]);
  });

  it("assign_record_owner reassigns a deal, a contact, a company and a lead", () => {
    const s = openSession(crm, SEED);
    const to = colleague(s);
    const deal = dealAt(s, "proposal");
    expect(s.ok("assign_record_owner", { owner_id: to.id, deal_id: deal.id })).toMatchObject({ id: deal.id, owner_id: to.id });
    expect(s.ok("assign_record_owner", { owner_id: to.id, contact_id: someContact(s).id }).owner_id).toBe(to.id);
    expect(s.ok("assign_record_owner", { owner_id: to.id, company_id: someCompany(s).id }).owner_id).toBe(to.id);
    const lead = openLead(s, "new");
    expect(s.ok("assign_record_owner", { owner_id: to.id, lead_id: lead.id }).owner_id).toBe(to.id);
    expect(s.rows("deals").find((d) => d.id === deal.id).owner_id).toBe(to.id);
  });

  it("assign_record_owner: owners must be active users of the CRM; exactly one record; converted leads are read-only", () => {
    const s = openSession(crm, SEED);
    const deal = dealAt(s, "proposal");
    const off = inactive(s);
    s.fails("assign_record_owner", { owner_id: off.id, deal_id: deal.id }, "failed_precondition", new RegExp(`${off.name}.*deactivated.*${me(s).id}`));
    s.fails("assign_record_owner", { owner_id: "OWN-9999", deal_id: deal.id }, "not_found", /not a user of this CRM.*active users: OWN-/);
    s.fails(
      "assign_record_owner",
      { owner_id: me(s).id, deal_id: deal.id, contact_id: someContact(s).id },
      "invalid_argument",
      /exactly one.*got contact_id, deal_id/,
    );
    s.fails("assign_record_owner", { owner_id: me(s).id }, "invalid_argument", /exactly one.*got none/);
    const conv = convertedLead(s);
    s.fails(
      "assign_record_owner",
      { owner_id: me(s).id, lead_id: conv.id },
      "failed_precondition",
      new RegExp(`converted.*${conv.converted_contact_id}.*read-only`),
    );
  });
});

describe("crm: leads", () => {
  it("list_leads hides converted leads unless asked and filters by status, source and text", () => {
    const s = openSession(crm, SEED);
    const all = s.rows("leads");
    const open = s.ok("list_leads", { limit: 100 });
    expect(open.total).toBe(all.filter((l) => !l.converted).length);
    expect(s.ok("list_leads", { include_converted: true, limit: 100 }).total).toBe(all.length);
    const contacted = s.ok("list_leads", { status: "contacted", limit: 100 });
    expect(contacted.total).toBe(all.filter((l) => !l.converted && l.status === "contacted").length);
    expect(contacted.items.every((l: any) => l.status === "contacted")).toBe(true);
    const one = all.find((l) => !l.converted);
    expect(s.ok("list_leads", { query: one.company.toUpperCase() }).items.map((l: any) => l.id)).toContain(one.id);
    const dates = open.items.map((l: any) => l.created_at);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("get_lead shows a converted lead's contact, company and deal", () => {
    const s = openSession(crm, SEED);
    const conv = convertedLead(s);
    const got = s.ok("get_lead", { lead_id: conv.id });
    expect(got).toMatchObject({ converted: true, converted_contact_id: conv.converted_contact_id, converted_deal_id: conv.converted_deal_id });
    s.fails("get_lead", { lead_id: "LEAD-0000" }, "not_found", /list_leads/);
  });

  it("create_lead creates a new lead owned by the user, or by a chosen active owner", () => {
    const s = openSession(crm, SEED);
    const lead = newProspect(s);
    expect(lead).toMatchObject({ status: "new", converted: false, owner_id: me(s).id, company: "Lattice Robotics", source: "event" });
    expect(lead.id).toMatch(/^LEAD-\d{4}$/);
    const other = s.ok("create_lead", {
      first_name: "Ana",
      last_name: "Ruiz",
      email: "Ana.Ruiz@Example.com",
      company: "Example Inc",
      owner_id: colleague(s).id,
    });
    expect(other).toMatchObject({ email: "ana.ruiz@example.com", owner_id: colleague(s).id, source: "website" });
  });

  it("create_lead refuses emails of existing contacts or open leads, and deactivated owners", () => {
    const s = openSession(crm, SEED);
    const c = someContact(s);
    s.fails(
      "create_lead",
      { first_name: "X", last_name: "Y", email: c.email.toUpperCase(), company: "Z" },
      "already_exists",
      new RegExp(`already the contact ${c.id}`),
    );
    const l = openLead(s, "contacted");
    s.fails("create_lead", { first_name: "X", last_name: "Y", email: l.email, company: "Z" }, "already_exists", new RegExp(`open lead.*${l.id}.*update_lead`));
    s.fails(
      "create_lead",
      { first_name: "X", last_name: "Y", email: "x.y@z.com", company: "Z", owner_id: inactive(s).id },
      "failed_precondition",
      /deactivated/,
    );
    s.fails("create_lead", { first_name: "X", last_name: "Y", email: "not-an-email", company: "Z" }, "invalid_arguments", /email/);
  });

  it("update_lead changes status and details; unqualified needs a reason", () => {
    const s = openSession(crm, SEED);
    const lead = newProspect(s);
    expect(s.ok("update_lead", { lead_id: lead.id, status: "contacted", phone: "+1-415-555-0101" })).toMatchObject({
      status: "contacted",
      phone: "+1-415-555-0101",
    });
    s.fails("update_lead", { lead_id: lead.id, status: "unqualified" }, "invalid_argument", /needs a reason.*unqualified_reason/);
    s.fails("update_lead", { lead_id: lead.id, unqualified_reason: "No budget" }, "invalid_argument", /only applies to status 'unqualified'.*contacted/);
    const u = s.ok("update_lead", { lead_id: lead.id, status: "unqualified", unqualified_reason: "No budget" });
    expect(u).toMatchObject({ status: "unqualified", unqualified_reason: "No budget" });
    const back = s.ok("update_lead", { lead_id: lead.id, status: "qualified" });
    expect(back.status).toBe("qualified");
    expect(back.unqualified_reason).toBeUndefined();
    s.fails("update_lead", { lead_id: lead.id }, "invalid_argument", /nothing to update/);
    const other = openLead(s, "contacted");
    s.fails("update_lead", { lead_id: lead.id, email: other.email }, "already_exists", new RegExp(`open lead with the email .* already exists: ${other.id}`));
  });

  it("update_lead: converted leads are read-only", () => {
    const s = openSession(crm, SEED);
    const conv = convertedLead(s);
    s.fails(
      "update_lead",
      { lead_id: conv.id, status: "contacted" },
      "failed_precondition",
      new RegExp(`converted.*into contact ${conv.converted_contact_id}.*read-only`),
    );
  });
});

describe("crm: lead conversion", () => {
  it("convert_lead creates a company, a contact and a deal, and the lead names them", () => {
    const s = openSession(crm, SEED);
    const lead = newProspect(s, { phone: "+1-415-555-0199" });
    const r = s.ok("convert_lead", { lead_id: lead.id, deal_name: "Lattice Robotics — Pilot", deal_amount: 12000 });
    expect(r.id).toBe(r.contact.id);
    expect(r.company).toMatchObject({ name: "Lattice Robotics", domain: "lattice-robotics.io", owner_id: me(s).id });
    expect(r.contact).toMatchObject({
      first_name: "Rhea",
      last_name: "Vance",
      email: "rhea.vance@lattice-robotics.io",
      company_id: r.company.id,
      lifecycle_stage: "opportunity",
      source_lead_id: lead.id,
    });
    expect(r.deal).toMatchObject({
      name: "Lattice Robotics — Pilot",
      amount: 12000,
      stage: "appointment_scheduled",
      company_id: r.company.id,
      contact_ids: [r.contact.id],
      close_date: time.addDays(today, 30),
    });
    expect(r.lead).toMatchObject({
      converted: true,
      status: "qualified",
      converted_contact_id: r.contact.id,
      converted_company_id: r.company.id,
      converted_deal_id: r.deal.id,
    });
    expect(s.ok("get_lead", { lead_id: lead.id }).converted_deal_id).toBe(r.deal.id);
  });

  it("convert_lead: a lead converts once", () => {
    const s = openSession(crm, SEED);
    const lead = newProspect(s);
    const r = s.ok("convert_lead", { lead_id: lead.id });
    s.fails(
      "convert_lead",
      { lead_id: lead.id },
      "failed_precondition",
      new RegExp(`already converted.*contact ${r.contact.id}.*deal ${r.deal.id}.*only once`),
    );
  });

  it("convert_lead reuses a company of the same name and can skip the deal", () => {
    const s = openSession(crm, SEED);
    const company = someCompany(s);
    const lead = s.ok("create_lead", { first_name: "Ola", last_name: "Berg", email: "ola.berg@example.org", company: company.name.toLowerCase() });
    const before = s.rows("deals").length;
    const r = s.ok("convert_lead", { lead_id: lead.id, create_deal: false });
    expect(r.company.id).toBe(company.id);
    expect(r.deal).toBeNull();
    expect(r.contact.lifecycle_stage).toBe("lead");
    expect(r.lead.converted_deal_id).toBeUndefined();
    expect(s.rows("deals").length).toBe(before);
    s.fails("convert_lead", { lead_id: newProspect(s).id, create_deal: false, deal_amount: 5 }, "invalid_argument", /only apply when create_deal/);
  });

  it("convert_lead gives a new company a unique domain: the email's, else one from its name", () => {
    const s = openSession(crm, SEED);
    const personal = s.ok("create_lead", { first_name: "Bo", last_name: "Ek", email: "bo.ek@mailbox.org", company: "Ek & Söner AB" });
    expect(s.ok("convert_lead", { lead_id: personal.id }).company.domain).toBe("ek-s-ner-ab.com");
    const taken = someCompany(s);
    const clash = s.ok("create_lead", { first_name: "Al", last_name: "Ng", email: `al.ng@${taken.domain}`, company: "Ng Holdings" });
    expect(s.ok("convert_lead", { lead_id: clash.id }).company).toMatchObject({ name: "Ng Holdings", domain: "ng-holdings.com" });
    s.ok("create_company", { name: "Other", domain: "twin-co.com" });
    const twin = s.ok("create_lead", { first_name: "Cy", last_name: "Ho", email: "cy.ho@gmail.com", company: "Twin Co" });
    expect(s.ok("convert_lead", { lead_id: twin.id }).company.domain).toBe("twin-co-2.com");
  });

  it("convert_lead: unqualified leads, duplicate contact emails and early close dates are refused; contact_id merges", () => {
    const s = openSession(crm, SEED);
    const unq = s.ok("update_lead", { lead_id: newProspect(s).id, status: "unqualified", unqualified_reason: "Too small" });
    s.fails("convert_lead", { lead_id: unq.id }, "failed_precondition", /unqualified \(Too small\).*qualified with update_lead/);

    const lead = s.ok("create_lead", { first_name: "Kai", last_name: "Lund", email: "kai.lund@example.org", company: "Lund AB" });
    const contact = s.ok("create_crm_contact", { first_name: "Kai", last_name: "Lund", email: "kai.lund@example.org" });
    s.fails("convert_lead", { lead_id: lead.id }, "already_exists", new RegExp(`${contact.id}.*pass contact_id: '${contact.id}'`));
    s.fails(
      "convert_lead",
      { lead_id: lead.id, contact_id: contact.id, close_date: time.addDays(today, -1) },
      "invalid_argument",
      new RegExp(`before the deal's creation date ${today}`),
    );
    const r = s.ok("convert_lead", { lead_id: lead.id, contact_id: contact.id });
    expect(r.contact.id).toBe(contact.id);
    expect(r.contact.company_id).toBe(r.company.id);
    expect(r.lead.converted_contact_id).toBe(contact.id);
    expect(s.rows("contacts").filter((c) => c.email === "kai.lund@example.org")).toHaveLength(1);
  });
});

describe("crm: contacts", () => {
  it("list_crm_contacts filters by company and text, sorted by last name", () => {
    const s = openSession(crm, SEED);
    const c = someContact(s);
    const byCompany = s.ok("list_crm_contacts", { company_id: c.company_id, limit: 100 });
    expect(byCompany.items.map((x: any) => x.id)).toContain(c.id);
    expect(byCompany.items.every((x: any) => x.company_id === c.company_id)).toBe(true);
    expect(s.ok("list_crm_contacts", { query: c.last_name.toLowerCase() }).items.map((x: any) => x.id)).toContain(c.id);
    const all = s.ok("list_crm_contacts", { limit: 100 }).items.map((x: any) => x.last_name);
    expect([...all].sort()).toEqual(all);
    expect(s.ok("list_crm_contacts", { lifecycle_stage: "customer", limit: 100 }).items.every((x: any) => x.lifecycle_stage === "customer")).toBe(true);
  });

  it("get_crm_contact returns the company and the contact's deals", () => {
    const s = openSession(crm, SEED);
    const deal = s.rows("deals").find((d) => d.contact_ids.length > 0);
    const got = s.ok("get_crm_contact", { contact_id: deal.contact_ids[0] });
    expect(got.deals.map((d: any) => d.id)).toContain(deal.id);
    expect(got.company.id).toBe(s.rows("contacts").find((c) => c.id === deal.contact_ids[0]).company_id);
    s.fails("get_crm_contact", { contact_id: "CON-0001" }, "not_found", /list_crm_contacts/);
  });

  it("create_crm_contact adds a contact; emails are unique among contacts", () => {
    const s = openSession(crm, SEED);
    const company = someCompany(s);
    const c = s.ok("create_crm_contact", { first_name: "Lina", last_name: "Ek", email: "lina.ek@example.com", company_id: company.id, job_title: "COO" });
    expect(c).toMatchObject({ company_id: company.id, lifecycle_stage: "lead", owner_id: me(s).id, job_title: "COO" });
    s.fails(
      "create_crm_contact",
      { first_name: "L", last_name: "E", email: "LINA.EK@example.com" },
      "already_exists",
      new RegExp(`${c.id}.*emails are unique`),
    );
    s.fails("create_crm_contact", { first_name: "L", last_name: "E", email: "l.e@example.com", company_id: "CMP-0000" }, "not_found", /list_companies/);
    s.fails(
      "create_crm_contact",
      { first_name: "L", last_name: "E", email: "l.e@example.com", owner_id: inactive(s).id },
      "failed_precondition",
      /deactivated/,
    );
  });

  it("update_crm_contact changes details; the email stays unique", () => {
    const s = openSession(crm, SEED);
    const [a, b] = s.rows("contacts");
    const u = s.ok("update_crm_contact", { contact_id: a.id, job_title: "VP Sales", lifecycle_stage: "customer" });
    expect(u).toMatchObject({ job_title: "VP Sales", lifecycle_stage: "customer", email: a.email });
    expect(s.ok("update_crm_contact", { contact_id: a.id, email: a.email.toUpperCase() }).email).toBe(a.email.toLowerCase());
    s.fails("update_crm_contact", { contact_id: a.id, email: b.email }, "already_exists", new RegExp(b.id));
    s.fails("update_crm_contact", { contact_id: a.id }, "invalid_argument", /nothing to update/);
  });
});

describe("crm: companies", () => {
  it("list_companies filters by name text and industry, sorted by name", () => {
    const s = openSession(crm, SEED);
    const c = someCompany(s);
    expect(s.ok("list_companies", { query: c.domain }).items.map((x: any) => x.id)).toEqual([c.id]);
    const ind = s.ok("list_companies", { industry: c.industry.toUpperCase(), limit: 100 });
    expect(ind.items.every((x: any) => x.industry === c.industry)).toBe(true);
    const names = s.ok("list_companies", { limit: 100 }).items.map((x: any) => x.name);
    expect([...names].sort()).toEqual(names);
  });

  it("get_company sums its open pipeline and won revenue", () => {
    const s = openSession(crm, SEED);
    const won = dealAt(s, "closed_won");
    const got = s.ok("get_company", { company_id: won.company_id });
    const deals = s.rows("deals").filter((d) => d.company_id === won.company_id);
    expect(got.won_revenue).toBe(deals.filter((d) => d.stage === "closed_won").reduce((n, d) => n + d.amount, 0));
    expect(got.open_pipeline).toBe(deals.filter((d) => !d.stage.startsWith("closed")).reduce((n, d) => n + d.amount, 0));
    expect(got.deals).toHaveLength(deals.length);
    s.fails("get_company", { company_id: "CMP-0000" }, "not_found", /list_companies/);
  });

  it("create_company adds a company; domains are unique", () => {
    const s = openSession(crm, SEED);
    const c = s.ok("create_company", { name: "Lattice Robotics", domain: "Lattice-Robotics.io", industry: "manufacturing", employees: 80 });
    expect(c).toMatchObject({ domain: "lattice-robotics.io", employees: 80, owner_id: me(s).id });
    const existing = someCompany(s);
    s.fails(
      "create_company",
      { name: "Other", domain: existing.domain },
      "already_exists",
      new RegExp(`${existing.name} \\(${existing.id}\\) already uses the domain`),
    );
    s.fails("create_company", { name: "Other", domain: "not a domain" }, "invalid_arguments", /web domain/);
  });
});

describe("crm: deals", () => {
  it("list_deals filters by status, stage, company and amount, sorted by close date", () => {
    const s = openSession(crm, SEED);
    const all = s.rows("deals");
    const open = s.ok("list_deals", { status: "open", limit: 100 });
    expect(open.total).toBe(all.filter((d) => !d.stage.startsWith("closed")).length);
    const dates = open.items.map((d: any) => d.close_date);
    expect([...dates].sort()).toEqual(dates);
    expect(s.ok("list_deals", { stage: "closed_won", limit: 100 }).total).toBe(all.filter((d) => d.stage === "closed_won").length);
    expect(s.ok("list_deals", { min_amount: 50000, limit: 100 }).items.every((d: any) => d.amount >= 50000)).toBe(true);
    const d = all[0];
    expect(s.ok("list_deals", { company_id: d.company_id, limit: 100 }).items.map((x: any) => x.id)).toContain(d.id);
  });

  it("get_deal shows probability and the stages it may move to", () => {
    const s = openSession(crm, SEED);
    const d = dealAt(s, "proposal");
    expect(s.ok("get_deal", { deal_id: d.id })).toMatchObject({ probability: 0.6, allowed_next_stages: ["qualified", "negotiation", "closed_lost"] });
    expect(s.ok("get_deal", { deal_id: dealAt(s, "closed_won").id }).allowed_next_stages).toEqual([]);
  });

  it("create_deal creates an open deal and turns lead contacts into opportunities", () => {
    const s = openSession(crm, SEED);
    const c = s.ok("create_crm_contact", { first_name: "Mo", last_name: "Diaz", email: "mo.diaz@example.com", company_id: someCompany(s).id });
    const d = s.ok("create_deal", {
      name: "Diaz — Pilot",
      contact_ids: [c.id],
      company_id: c.company_id,
      amount: 4500.5,
      close_date: time.addDays(today, 20),
      stage: "qualified",
    });
    expect(d).toMatchObject({ stage: "qualified", amount: 4500.5, owner_id: me(s).id, contact_ids: [c.id], currency: "USD" });
    expect(s.ok("get_crm_contact", { contact_id: c.id }).lifecycle_stage).toBe("opportunity");
  });

  it("create_deal: close date not before today; needs a customer; owner must be active", () => {
    const s = openSession(crm, SEED);
    const company = someCompany(s).id;
    s.fails(
      "create_deal",
      { name: "X", company_id: company, close_date: time.addDays(today, -1) },
      "invalid_argument",
      new RegExp(`before the deal's creation date ${today}; pick ${today} or later`),
    );
    s.fails("create_deal", { name: "X", close_date: today }, "invalid_argument", /needs a company_id or at least one contact_id/);
    s.fails("create_deal", { name: "X", company_id: company, close_date: today, owner_id: inactive(s).id }, "failed_precondition", /deactivated/);
    s.fails("create_deal", { name: "X", company_id: company, close_date: today, stage: "closed_won" }, "invalid_arguments", /stage/);
  });

  it("update_deal edits open deals; close date not before creation; closed deals are read-only", () => {
    const s = openSession(crm, SEED);
    const d = dealAt(s, "qualified");
    const u = s.ok("update_deal", { deal_id: d.id, amount: 75000, close_date: time.addDays(today, 45) });
    expect(u).toMatchObject({ amount: 75000, close_date: time.addDays(today, 45) });
    const created = d.created_at.slice(0, 10);
    s.fails(
      "update_deal",
      { deal_id: d.id, close_date: time.addDays(created, -1) },
      "invalid_argument",
      new RegExp(`before the deal's creation date ${created}`),
    );
    expect(s.ok("update_deal", { deal_id: d.id, close_date: created }).close_date).toBe(created);
    s.fails("update_deal", { deal_id: d.id }, "invalid_argument", /nothing to update/);
    s.fails("update_deal", { deal_id: d.id, contact_ids: ["CON-0000"] }, "not_found", /list_crm_contacts/);
    expect(s.ok("update_deal", { deal_id: d.id, contact_ids: [] }).contact_ids).toEqual([]);
    const c = someContact(s);
    const solo = s.ok("create_deal", { name: "Solo", contact_ids: [c.id], close_date: today });
    s.fails("update_deal", { deal_id: solo.id, contact_ids: [] }, "invalid_argument", /without a company needs at least one contact/);
    s.fails("update_deal", { deal_id: dealAt(s, "closed_won").id, amount: 1 }, "failed_precondition", /closed won and closed deals are read-only/);
    s.fails("update_deal", { deal_id: dealAt(s, "closed_lost").id, amount: 1 }, "failed_precondition", /reopen_deal/);
  });

  it("update_deal_stage moves one stage along the pipeline and closes with today's date", () => {
    const s = openSession(crm, SEED);
    const d = dealAt(s, "proposal");
    expect(s.ok("update_deal_stage", { deal_id: d.id, stage: "negotiation" })).toMatchObject({ stage: "negotiation", probability: 0.8 });
    expect(s.ok("update_deal_stage", { deal_id: d.id, stage: "proposal" }).stage).toBe("proposal");
    s.ok("update_deal_stage", { deal_id: d.id, stage: "negotiation" });
    const won = s.ok("update_deal_stage", { deal_id: d.id, stage: "closed_won" });
    expect(won).toMatchObject({ stage: "closed_won", close_date: today, allowed_next_stages: [] });
    expect(won.closed_at.slice(0, 10)).toBe(today);
    for (const c of d.contact_ids) expect(s.ok("get_crm_contact", { contact_id: c }).lifecycle_stage).toBe("customer");
  });

  it("update_deal_stage: no skipping stages; the error lists the allowed ones", () => {
    const s = openSession(crm, SEED);
    const d = dealAt(s, "appointment_scheduled");
    s.fails(
      "update_deal_stage",
      { deal_id: d.id, stage: "negotiation" },
      "failed_precondition",
      /cannot jump to negotiation; from appointment_scheduled it may move to qualified, closed_lost/,
    );
    s.fails("update_deal_stage", { deal_id: d.id, stage: "appointment_scheduled" }, "invalid_argument", /already at appointment scheduled/);
    const p = dealAt(s, "proposal");
    s.fails("update_deal_stage", { deal_id: p.id, stage: "closed_won" }, "failed_precondition", /may move to qualified, negotiation, closed_lost/);
  });

  it("update_deal_stage: closed_won needs an amount > 0; closed_lost needs a reason", () => {
    const s = openSession(crm, SEED);
    const d = s.ok("create_deal", { name: "Zero", company_id: someCompany(s).id, close_date: today, stage: "negotiation" });
    s.fails(
      "update_deal_stage",
      { deal_id: d.id, stage: "closed_won" },
      "failed_precondition",
      /amount 0.00; closed_won needs an amount greater than 0.*update_deal/,
    );
    s.fails("update_deal_stage", { deal_id: d.id, stage: "closed_lost" }, "invalid_argument", /closed_lost needs a lost_reason/);
    s.fails("update_deal_stage", { deal_id: d.id, stage: "proposal", lost_reason: "x" }, "invalid_argument", /only applies when moving to closed_lost/);
    const lost = s.ok("update_deal_stage", { deal_id: d.id, stage: "closed_lost", lost_reason: "Chose a competitor" });
    expect(lost).toMatchObject({ stage: "closed_lost", lost_reason: "Chose a competitor", close_date: today });
  });

  it("update_deal_stage: closed deals cannot move", () => {
    const s = openSession(crm, SEED);
    s.fails(
      "update_deal_stage",
      { deal_id: dealAt(s, "closed_won").id, stage: "negotiation" },
      "failed_precondition",
      /already closed won.*closed deals cannot move — a won deal stays won/,
    );
    s.fails(
      "update_deal_stage",
      { deal_id: dealAt(s, "closed_lost").id, stage: "negotiation" },
      "failed_precondition",
      /closed deals cannot move, but reopen_deal/,
    );
  });

  it("reopen_deal reopens a lost deal; won and open deals cannot be reopened", () => {
    const s = openSession(crm, SEED);
    const lost = dealAt(s, "closed_lost");
    s.fails("reopen_deal", { deal_id: lost.id, close_date: time.addDays(today, -1) }, "invalid_argument", /in the past/);
    const r = s.ok("reopen_deal", { deal_id: lost.id, stage: "proposal", close_date: time.addDays(today, 14) });
    expect(r).toMatchObject({ stage: "proposal", close_date: time.addDays(today, 14) });
    expect(r.lost_reason).toBeUndefined();
    expect(r.closed_at).toBeUndefined();
    s.fails("reopen_deal", { deal_id: lost.id }, "failed_precondition", /is open \(proposal\); only closed_lost/);
    s.fails("reopen_deal", { deal_id: dealAt(s, "closed_won").id }, "failed_precondition", /won deals cannot be reopened/);
  });

  it("get_pipeline_summary totals per stage and follows changes", () => {
    const s = openSession(crm, SEED);
    const deals = s.rows("deals");
    const before = s.ok("get_pipeline_summary", {});
    const open = deals.filter((d) => !d.stage.startsWith("closed"));
    expect(before.open_count).toBe(open.length);
    expect(before.open_amount).toBe(open.reduce((n, d) => n + d.amount, 0));
    expect(before.stages.find((x: any) => x.stage === "proposal").weighted_amount).toBe(
      Math.round(deals.filter((d) => d.stage === "proposal").reduce((n, d) => n + d.amount, 0) * 0.6 * 100) / 100,
    );
    const neg = deals.find((d) => d.stage === "negotiation" && d.amount > 0);
    s.ok("update_deal_stage", { deal_id: neg.id, stage: "closed_won" });
    const after = s.ok("get_pipeline_summary", {});
    expect(after.won_amount).toBe(before.won_amount + neg.amount);
    expect(after.won_count).toBe(before.won_count + 1);
    expect(after.open_count).toBe(before.open_count - 1);
    s.fails("get_pipeline_summary", { owner_id: "OWN-0000" }, "not_found", /list_crm_owners/);
    const mine = s.ok("get_pipeline_summary", { owner_id: me(s).id });
    expect(mine.open_count).toBe(s.rows("deals").filter((d) => d.owner_id === me(s).id && !d.stage.startsWith("closed")).length);
  });
});

describe("crm: activities and notes", () => {
  it("log_crm_activity logs a call now, attached to a deal and contact", () => {
    const s = openSession(crm, SEED);
    const d = dealAt(s, "proposal");
    const a = s.ok("log_crm_activity", { type: "call", subject: "Pricing call", deal_id: d.id, contact_id: d.contact_ids[0], outcome: "left_voicemail" });
    expect(a).toMatchObject({ type: "call", status: "completed", occurred_at: world.now, outcome: "left_voicemail", deal_id: d.id, owner_id: me(s).id });
    const listed = s.ok("list_crm_activities", { deal_id: d.id });
    expect(listed.items[0].id).toBe(a.id);
    const m = s.ok("log_crm_activity", { type: "meeting", subject: "Demo", company_id: d.company_id, occurred_at: `${time.addDays(today, -2)}T15:00:00Z` });
    expect(m).toMatchObject({ occurred_at: `${time.addDays(today, -2)}T15:00:00Z`, company_id: d.company_id });
    expect(m.outcome).toBeUndefined();
  });

  it("log_crm_activity: tasks need a due date not in the past; logged activities cannot be in the future; a record is needed", () => {
    const s = openSession(crm, SEED);
    const d = dealAt(s, "proposal").id;
    s.fails("log_crm_activity", { type: "task", subject: "Send quote", deal_id: d }, "invalid_argument", /needs a due_date/);
    s.fails(
      "log_crm_activity",
      { type: "task", subject: "Send quote", deal_id: d, due_date: time.addDays(today, -1) },
      "invalid_argument",
      new RegExp(`in the past; a task is due today \\(${today}\\) or later`),
    );
    s.fails(
      "log_crm_activity",
      { type: "email", subject: "Hi", deal_id: d, occurred_at: `${time.addDays(today, 1)}T10:00:00Z` },
      "invalid_argument",
      /in the future.*create a task/,
    );
    s.fails("log_crm_activity", { type: "email", subject: "Hi", deal_id: d, due_date: today }, "invalid_argument", /due_date applies to tasks only/);
    s.fails("log_crm_activity", { type: "email", subject: "Hi", deal_id: d, outcome: "connected" }, "invalid_argument", /outcome applies to calls only/);
    s.fails("log_crm_activity", { type: "call", subject: "Hi" }, "invalid_argument", /attached to a record.*lead_id, contact_id, company_id or deal_id/);
    s.fails("log_crm_activity", { type: "call", subject: "Hi", deal_id: "DEAL-0000" }, "not_found", /list_deals/);
    const conv = convertedLead(s);
    s.fails(
      "log_crm_activity",
      { type: "call", subject: "Hi", lead_id: conv.id },
      "failed_precondition",
      new RegExp(`read-only.*${conv.converted_contact_id}|${conv.converted_contact_id}.*read-only`),
    );
  });

  it("complete_crm_task completes an open task once; other activities cannot be completed", () => {
    const s = openSession(crm, SEED);
    const d = dealAt(s, "proposal").id;
    const t = s.ok("log_crm_activity", { type: "task", subject: "Send quote", deal_id: d, due_date: time.addDays(today, 3) });
    expect(t).toMatchObject({ status: "open", due_date: time.addDays(today, 3) });
    expect(s.ok("list_crm_activities", { status: "open", due_before: time.addDays(today, 3), limit: 100 }).items.map((x: any) => x.id)).toContain(t.id);
    const done = s.ok("complete_crm_task", { activity_id: t.id });
    expect(done.status).toBe("completed");
    expect(done.completed_at).toBeDefined();
    s.fails("complete_crm_task", { activity_id: t.id }, "failed_precondition", /already completed/);
    const call = s.rows("activities").find((a) => a.type === "call");
    s.fails("complete_crm_task", { activity_id: call.id }, "failed_precondition", /is a call.*only tasks can be completed/);
  });

  it("list_crm_activities filters by type and record", () => {
    const s = openSession(crm, SEED);
    const calls = s.ok("list_crm_activities", { type: "call", limit: 100 });
    expect(calls.total).toBe(s.rows("activities").filter((a) => a.type === "call").length);
    const lead = s.rows("activities").find((a) => a.lead_id);
    expect(s.ok("list_crm_activities", { lead_id: lead.lead_id }).items.every((a: any) => a.lead_id === lead.lead_id)).toBe(true);
  });

  it("add_crm_note attaches a note to records; list_crm_notes finds it", () => {
    const s = openSession(crm, SEED);
    const c = someContact(s);
    const n = s.ok("add_crm_note", { body: "Prefers Tuesday calls.", contact_id: c.id });
    expect(n).toMatchObject({ body: "Prefers Tuesday calls.", contact_id: c.id, author_id: me(s).id, created_at: world.now });
    expect(s.ok("list_crm_notes", { contact_id: c.id }).items[0].id).toBe(n.id);
    expect(s.ok("list_crm_notes", { query: "tuesday" }).items.map((x: any) => x.id)).toEqual([n.id]);
    expect(s.ok("get_crm_contact", { contact_id: c.id }).notes[0].id).toBe(n.id);
    s.fails("add_crm_note", { body: "Orphan" }, "invalid_argument", /attached to a record/);
    s.fails("add_crm_note", { body: "   ", contact_id: c.id }, "invalid_arguments", /needs text/);
  });
});

describe("crm: scenario", () => {
  it("a lead becomes a customer: create → qualify → convert → price → walk the pipeline → won", () => {
    const s = openSession(crm, SEED);
    const lead = s.ok("create_lead", {
      first_name: "Iris",
      last_name: "Moen",
      email: "iris.moen@fjord-analytics.no",
      company: "Fjord Analytics",
      source: "webinar",
    });
    s.ok("update_lead", { lead_id: lead.id, status: "qualified" });
    const conv = s.ok("convert_lead", { lead_id: lead.id, deal_name: "Fjord Analytics — Platform license" });
    s.ok("log_crm_activity", { type: "meeting", subject: "Kickoff", deal_id: conv.deal.id, contact_id: conv.id });
    s.ok("update_deal", { deal_id: conv.deal.id, amount: 48000 });
    for (const stage of ["qualified", "proposal", "negotiation", "closed_won"]) s.ok("update_deal_stage", { deal_id: conv.deal.id, stage });
    const company = s.ok("get_company", { company_id: conv.company.id });
    expect(company).toMatchObject({ name: "Fjord Analytics", won_revenue: 48000, open_pipeline: 0 });
    expect(company.contacts.map((c: any) => c.id)).toEqual([conv.id]);
    expect(s.ok("get_crm_contact", { contact_id: conv.id }).lifecycle_stage).toBe("customer");
    const deal = s.ok("get_deal", { deal_id: conv.deal.id });
    expect(deal).toMatchObject({ stage: "closed_won", amount: 48000, source_lead_id: lead.id });
    expect(deal.recent_activities.map((a: any) => a.subject)).toEqual(["Kickoff"]);
  });
});
