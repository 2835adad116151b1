/**
 * A sales team's CRM: the world's user and their colleagues are the CRM users; the other
 * companies of the world are accounts, their people contacts or leads, with deals across the
 * pipeline, a history of calls, emails and meetings, open follow-up tasks and notes. Some
 * contacts came from converted leads, which name them; contacts' lifecycle stages follow their
 * company's deals.
 */
import { time, type Company as WorldCompany, type Person, type SeedContext } from "../framework/index.ts";
import { LEAD_SOURCES, OPEN_STAGES, type Activity, type Company, type Contact, type Deal, type DealStage, type Lead, type Note, type Owner } from "./state.ts";

const PRODUCTS: ReadonlyArray<readonly [string, number, number]> = [
  ["Platform license", 40, 180],
  ["Annual renewal", 25, 120],
  ["Seat expansion", 8, 60],
  ["Onboarding services", 5, 25],
  ["Analytics add-on", 10, 45],
  ["Pilot program", 3, 15],
  ["Enterprise upgrade", 60, 250],
  ["Support plan", 6, 30],
];

const NEW_PROSPECTS: ReadonlyArray<readonly [string, string, string]> = [
  ["Kestrel Dynamics", "kestreldynamics.io", "manufacturing"],
  ["Juniper Biosciences", "juniperbio.com", "biotech"],
  ["Halcyon Retail Group", "halcyonretail.com", "retail"],
  ["Orion Freightworks", "orionfreight.com", "logistics"],
  ["Tamarack Solar", "tamaracksolar.com", "energy"],
  ["Wren Hospitality", "wrenhospitality.com", "hospitality"],
  ["Cascade Dental Group", "cascadedental.com", "healthcare"],
  ["Foxglove Media", "foxglove.media", "media"],
];

const LOST_REASONS = ["Chose a competitor", "No budget this year", "Went silent after the proposal", "Project cancelled", "Price too high"];
const JOB_TITLES = ["VP of Operations", "Head of Procurement", "IT Director", "CFO", "Operations Manager", "Chief Technology Officer"];

const CALL_SUBJECTS = ["Discovery call", "Follow-up call on pricing", "Check-in call", "Call about renewal terms", "Technical questions call"];
const EMAIL_SUBJECTS = ["Sent proposal", "Shared case study", "Pricing follow-up", "Intro email", "Recap of our meeting"];
const MEETING_SUBJECTS = ["Product demo", "Quarterly business review", "Contract walkthrough", "On-site workshop", "Kickoff meeting"];
const TASK_SUBJECTS = ["Send revised quote", "Prepare demo environment", "Follow up on signed contract", "Book next meeting", "Share security questionnaire"];
const NOTE_BODIES = [
  "Decision maker is the CFO; budget approved for next quarter.",
  "They are comparing us against two other vendors. Price is the main concern.",
  "Strong interest in the analytics add-on. Wants a pilot first.",
  "Procurement needs a signed DPA before the contract.",
  "Champion is moving to a new role next month — find a second contact.",
  "Asked for references from customers in the same industry.",
  "Legal review takes about three weeks on their side.",
  "Renewal at risk: usage dropped 30% last quarter.",
];

export function seedCrm({ rng, world, id }: SeedContext) {
  const now = world.now;
  const today = world.today;
  const user = world.user;
  const instant = (daysAgo: number, hour = rng.int(14, 22)) => `${time.addDays(today, -daysAgo)}T${String(hour).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`;

  // CRM users: the user and their colleagues; the last colleague left the team and is deactivated.
  const colleagues = world.people.filter((p) => p.company === user.company);
  const owners: Owner[] = [user, ...colleagues].map((p, i) => ({
    id: id("owners"),
    name: p.full_name,
    email: p.email,
    title: i === 0 ? "Account Executive" : rng.pick(["Account Executive", "Sales Director", "Sales Development Rep", "Customer Success Manager"]),
    team: i % 2 === 0 ? "Enterprise Sales" : "Mid-Market Sales",
    active: i === 0 || i < colleagues.length || colleagues.length < 2,
  }));
  const activeOwners = owners.filter((o) => o.active);
  const anOwner = () => (rng.bool(0.45) ? (owners[0] as Owner) : rng.pick(activeOwners));

  // Companies: every other company of the world is an account.
  const companies: Company[] = [];
  const companyByName = new Map<string, Company>();
  for (const wc of world.companies.filter((c) => c.name !== user.company)) {
    const c = companyFrom(wc);
    companies.push(c);
    companyByName.set(c.name, c);
  }
  function companyFrom(wc: WorldCompany): Company {
    return {
      id: id("companies"),
      name: wc.name,
      domain: wc.domain,
      industry: wc.industry,
      city: wc.address.city,
      country: wc.address.country,
      employees: rng.pick([45, 120, 260, 540, 1200, 3400, 8800]),
      annual_revenue: rng.int(4, 900) * 1_000_000,
      owner_id: anOwner().id,
      created_at: instant(rng.int(260, 900)),
    };
  }

  // People: most become contacts, the rest are leads working at known companies.
  const others = rng.shuffle(world.people.filter((p) => p.company !== user.company));
  const contactPeople = others.slice(0, Math.min(30, others.length - 10));
  const leadPeople = others.slice(contactPeople.length);

  const contacts: Contact[] = contactPeople.map((p) => contactFrom(p, rng.int(20, 600)));
  function contactFrom(p: Person, daysAgo: number): Contact {
    const company = companyByName.get(p.company);
    const created = instant(daysAgo);
    return {
      id: id("contacts"),
      first_name: p.first_name,
      last_name: p.last_name,
      email: p.email,
      phone: p.phone,
      job_title: p.job_title,
      ...(company ? { company_id: company.id } : {}),
      city: p.address.city,
      lifecycle_stage: "lead",
      owner_id: company?.owner_id ?? anOwner().id,
      created_at: created,
      updated_at: created,
    };
  }

  // Deals: one to three per company for most companies.
  const deals: Deal[] = [];
  for (const company of companies) {
    if (rng.bool(0.2)) continue;
    const people = contacts.filter((c) => c.company_id === company.id);
    for (const [product, lo, hi] of rng.sample(PRODUCTS, rng.int(1, 3))) {
      const stage = rng.weighted<DealStage>([["appointment_scheduled", 2], ["qualified", 3], ["proposal", 3], ["negotiation", 2], ["closed_won", 3], ["closed_lost", 2]]);
      const age = rng.int(20, 240);
      const created = instant(age, rng.int(9, 13));
      const closed = stage === "closed_won" || stage === "closed_lost";
      const closedDaysAgo = closed ? rng.int(1, age - 10) : 0;
      const closedAt = closed ? instant(closedDaysAgo) : undefined;
      const amount = stage === "appointment_scheduled" && rng.bool(0.4) ? 0 : rng.int(lo, hi) * 1000 + rng.pick([0, 0, 500, 250]);
      const dealContacts = rng.sample(people, rng.int(1, 2));
      for (const c of dealContacts) if (c.created_at > created) c.created_at = c.updated_at = created;
      deals.push({
        id: id("deals"),
        name: `${company.name} — ${product}`,
        company_id: company.id,
        contact_ids: dealContacts.map((c) => c.id),
        owner_id: company.owner_id,
        stage,
        amount,
        currency: "USD",
        close_date: closed ? time.addDays(today, -closedDaysAgo) : time.addDays(today, rng.int(4, 110)),
        ...(stage === "closed_lost" ? { lost_reason: rng.pick(LOST_REASONS) } : {}),
        ...(closedAt ? { closed_at: closedAt } : {}),
        created_at: created,
        updated_at: closedAt ?? instant(rng.int(0, Math.min(age - 1, 15)) + 1),
      });
    }
  }

  // Leads: people at known companies, and prospects from companies not yet in the CRM.
  const leads: Lead[] = [];
  const leadFields = (daysAgo: number) => {
    const status = daysAgo < 3 ? "new" : rng.weighted<Lead["status"]>([["new", 4], ["contacted", 4], ["qualified", 3], ["unqualified", 1]]);
    const created = instant(daysAgo, rng.int(9, 12));
    return {
      source: rng.pick(LEAD_SOURCES),
      status,
      ...(status === "unqualified" ? { unqualified_reason: rng.pick(["No budget", "Too small for our offering", "Student project", "Not the decision maker"]) } : {}),
      owner_id: rng.pick(activeOwners).id,
      created_at: created,
      updated_at: status === "new" ? created : instant(daysAgo - rng.int(1, Math.min(5, daysAgo - 1))),
      converted: false,
    };
  };
  for (const p of leadPeople) {
    leads.push({ id: id("leads"), first_name: p.first_name, last_name: p.last_name, email: p.email, phone: p.phone, company: p.company, job_title: p.job_title, ...leadFields(rng.int(1, 60)) });
  }
  // New prospects get names recombined from the world's, never a full name someone already has.
  const taken = new Set([user, ...world.people].map((p) => p.full_name));
  const firstNames = [...new Set(world.people.map((p) => p.first_name))];
  const lastNames = [...new Set(world.people.map((p) => p.last_name))];
  for (const [name, domain] of rng.sample(NEW_PROSPECTS, 6)) {
    let first: string;
    let last: string;
    do {
      first = rng.pick(firstNames);
      last = rng.pick(lastNames);
    } while (taken.has(`${first} ${last}`));
    taken.add(`${first} ${last}`);
    leads.push({
      id: id("leads"),
      first_name: first,
      last_name: last,
      email: `${first}.${last}@${domain}`.toLowerCase(),
      phone: `+1-${rng.int(201, 989)}-555-${rng.digits(4)}`,
      company: name,
      job_title: rng.pick(JOB_TITLES),
      ...leadFields(rng.int(1, 45)),
    });
  }

  // Converted leads: some contacts came in as leads, converted together with their first deal.
  const firstDeal = (c: Contact) => deals.filter((d) => d.contact_ids.includes(c.id)).sort((a, b) => (a.created_at < b.created_at ? -1 : 1))[0];
  for (const contact of contacts.filter((c) => firstDeal(c)).slice(0, 4)) {
    const deal = firstDeal(contact) as Deal;
    const leadCreated = time.addDays(deal.created_at, -rng.int(5, 30));
    const lead: Lead = {
      id: id("leads"),
      first_name: contact.first_name,
      last_name: contact.last_name,
      email: contact.email,
      ...(contact.phone ? { phone: contact.phone } : {}),
      company: companies.find((c) => c.id === deal.company_id)?.name ?? "",
      ...(contact.job_title ? { job_title: contact.job_title } : {}),
      source: rng.pick(LEAD_SOURCES),
      status: "qualified",
      owner_id: deal.owner_id,
      created_at: leadCreated,
      updated_at: deal.created_at,
      converted: true,
      converted_at: deal.created_at,
      converted_contact_id: contact.id,
      ...(deal.company_id ? { converted_company_id: deal.company_id } : {}),
      converted_deal_id: deal.id,
    };
    leads.push(lead);
    deal.source_lead_id = lead.id;
    contact.source_lead_id = lead.id;
    contact.created_at = contact.updated_at = deal.created_at;
  }

  // Lifecycle stages follow the deals of the contact's company.
  for (const c of contacts) {
    const own = deals.filter((d) => d.company_id === c.company_id || d.contact_ids.includes(c.id));
    c.lifecycle_stage = own.some((d) => d.stage === "closed_won") ? "customer" : own.some((d) => (OPEN_STAGES as readonly string[]).includes(d.stage)) ? "opportunity" : "lead";
  }

  // Activities: the history of each deal, plus follow-ups on leads and open tasks.
  const activities: Activity[] = [];
  for (const d of deals) {
    const age = time.daysBetween(d.created_at, now);
    const until = d.closed_at ? time.daysBetween(d.closed_at, now) : 0;
    for (let k = rng.int(1, 3); k > 0; k--) {
      const type = rng.pick(["call", "email", "meeting"] as const);
      const subject = rng.pick(type === "call" ? CALL_SUBJECTS : type === "email" ? EMAIL_SUBJECTS : MEETING_SUBJECTS);
      const at = instant(rng.int(Math.max(until + 1, 1), Math.max(until + 1, age - 1, 1)));
      activities.push({
        id: "",
        type,
        subject,
        body: `${subject} with ${d.name.split(" — ")[0]} about ${d.name.split(" — ")[1]?.toLowerCase() ?? "the deal"}.`,
        status: "completed",
        occurred_at: at,
        ...(type === "call" ? { outcome: rng.pick(["connected", "connected", "left_voicemail", "no_answer"] as const) } : {}),
        owner_id: d.owner_id,
        deal_id: d.id,
        ...(d.contact_ids[0] ? { contact_id: d.contact_ids[0] } : {}),
        ...(d.company_id ? { company_id: d.company_id } : {}),
        created_at: at,
      });
    }
    if (!d.closed_at && rng.bool(0.6)) {
      const subject = rng.pick(TASK_SUBJECTS);
      activities.push({
        id: "",
        type: "task",
        subject,
        body: `${subject} for ${d.name}.`,
        status: "open",
        due_date: time.addDays(today, rng.int(-3, 14)),
        owner_id: d.owner_id,
        deal_id: d.id,
        ...(d.company_id ? { company_id: d.company_id } : {}),
        created_at: instant(rng.int(1, Math.max(1, Math.min(age - 1, 10)))),
      });
    }
  }
  for (const l of leads.filter((x) => !x.converted && x.status !== "new")) {
    const at = l.updated_at;
    activities.push({
      id: "",
      type: rng.pick(["call", "email"] as const),
      subject: rng.pick(["Intro call", "First outreach", "Qualification call"]),
      body: `Reached out to ${l.first_name} at ${l.company}.`,
      status: "completed",
      occurred_at: at,
      owner_id: l.owner_id,
      lead_id: l.id,
      created_at: at,
    });
  }
  activities.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  for (const a of activities) {
    a.id = id("activities");
    if (a.type === "call" && !a.outcome) a.outcome = "connected";
  }

  const notes: Note[] = [];
  for (const d of rng.sample(deals, Math.min(16, deals.length))) {
    const at = instant(rng.int(1, Math.max(1, time.daysBetween(d.created_at, now) - 1)));
    notes.push({ id: "", body: rng.pick(NOTE_BODIES), author_id: d.owner_id, deal_id: d.id, ...(d.company_id ? { company_id: d.company_id } : {}), created_at: at });
  }
  for (const c of rng.sample(contacts, 8)) {
    const at = instant(rng.int(1, Math.max(1, time.daysBetween(c.created_at, now) - 1)));
    notes.push({ id: "", body: rng.pick(["Prefers email over calls.", "Based in the " + (c.city ?? "head") + " office.", "Met at the annual industry conference.", "Reports to the COO.", "On parental leave until next month."]), author_id: c.owner_id, contact_id: c.id, created_at: at });
  }
  notes.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  for (const n of notes) n.id = id("notes");

  return { owners, leads, contacts, companies, deals, activities, notes };
}
