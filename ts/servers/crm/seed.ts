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

export function seedCrm(ctx: SeedContext) {
  const b = new CrmBuilder(ctx);
  const owners = b.owners();
  const companies = b.companies();
  const contacts = b.contacts(companies);
  const deals = b.deals(companies, contacts);
  const leads = [...b.leadsAtKnownCompanies(), ...b.prospects()];
  leads.push(...b.convertedLeads(contacts, deals, companies));
  b.followDeals(contacts, deals);
  return { owners, leads, contacts, companies, deals, activities: b.activities(deals, leads), notes: b.notes(deals, contacts) };
}

/** One builder per table, in the order the records came to be: users, accounts, people, deals, leads, then their history. */
class CrmBuilder {
  private ownerRows: Owner[] = [];
  /** The world's people outside the user's company, in random order: the first become contacts, the rest leads. */
  private readonly others: Person[];

  constructor(private readonly ctx: SeedContext) {
    this.others = ctx.rng.shuffle(ctx.world.people.filter((p) => p.company !== ctx.world.user.company));
  }

  private get rng() {
    return this.ctx.rng;
  }

  /** An instant `daysAgo` days before today, in the afternoon (or at `hour`). */
  private instant(daysAgo: number, hour = this.rng.int(14, 22)): string {
    return `${time.addDays(this.ctx.world.today, -daysAgo)}T${String(hour).padStart(2, "0")}:${String(this.rng.int(0, 59)).padStart(2, "0")}:00Z`;
  }

  private get active(): Owner[] {
    return this.ownerRows.filter((o) => o.active);
  }

  /** The user most of the time, else an active colleague. */
  private anOwner(): Owner {
    return this.rng.bool(0.45) ? (this.ownerRows[0] as Owner) : this.rng.pick(this.active);
  }

  /** CRM users: the user and their colleagues; the last colleague left the team and is deactivated. */
  owners(): Owner[] {
    const { rng, world, id } = this.ctx;
    const colleagues = world.people.filter((p) => p.company === world.user.company);
    this.ownerRows = [world.user, ...colleagues].map((p, i) => ({
      id: id("owners"),
      name: p.full_name,
      email: p.email,
      title: i === 0 ? "Account Executive" : rng.pick(["Account Executive", "Sales Director", "Sales Development Rep", "Customer Success Manager"]),
      team: i % 2 === 0 ? "Enterprise Sales" : "Mid-Market Sales",
      active: i === 0 || i < colleagues.length || colleagues.length < 2,
    }));
    return this.ownerRows;
  }

  /** Every other company of the world is an account, owned by an active user. */
  companies(): Company[] {
    const { rng, world, id } = this.ctx;
    return world.companies
      .filter((c) => c.name !== world.user.company)
      .map((wc: WorldCompany) => ({
        id: id("companies"),
        name: wc.name,
        domain: wc.domain,
        industry: wc.industry,
        city: wc.address.city,
        country: wc.address.country,
        employees: rng.pick([45, 120, 260, 540, 1200, 3400, 8800]),
        annual_revenue: rng.int(4, 900) * 1_000_000,
        owner_id: this.anOwner().id,
        created_at: this.instant(rng.int(260, 900)),
      }));
  }

  /** Up to 30 of the world's people at those companies; each is owned by their company's owner. */
  contacts(companies: readonly Company[]): Contact[] {
    const { rng, id } = this.ctx;
    const byName = new Map(companies.map((c) => [c.name, c]));
    return this.others.slice(0, Math.min(30, this.others.length - 10)).map((p) => {
      const company = byName.get(p.company);
      const created = this.instant(rng.int(20, 600));
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
        owner_id: company?.owner_id ?? this.anOwner().id,
        created_at: created,
        updated_at: created,
      };
    });
  }

  /** One to three deals for most companies, across the pipeline; a deal's contacts were in the CRM by the time it was created. */
  deals(companies: readonly Company[], contacts: Contact[]): Deal[] {
    const deals: Deal[] = [];
    for (const company of companies) {
      if (this.rng.bool(0.2)) continue;
      const people = contacts.filter((c) => c.company_id === company.id);
      for (const [product, lo, hi] of this.rng.sample(PRODUCTS, this.rng.int(1, 3))) deals.push(this.deal(company, people, product, lo, hi));
    }
    return deals;
  }

  private deal(company: Company, people: Contact[], product: string, lo: number, hi: number): Deal {
    const { rng, world, id } = this.ctx;
    const stage = rng.weighted<DealStage>([
      ["appointment_scheduled", 2],
      ["qualified", 3],
      ["proposal", 3],
      ["negotiation", 2],
      ["closed_won", 3],
      ["closed_lost", 2],
    ]);
    const age = rng.int(20, 240);
    const created = this.instant(age, rng.int(9, 13));
    const closed = stage === "closed_won" || stage === "closed_lost";
    const closedDaysAgo = closed ? rng.int(1, age - 10) : 0;
    const closedAt = closed ? this.instant(closedDaysAgo) : undefined;
    const amount = stage === "appointment_scheduled" && rng.bool(0.4) ? 0 : rng.int(lo, hi) * 1000 + rng.pick([0, 0, 500, 250]);
    const dealContacts = rng.sample(people, rng.int(1, 2));
    for (const c of dealContacts) if (c.created_at > created) c.created_at = c.updated_at = created;
    return {
      id: id("deals"),
      name: `${company.name} — ${product}`,
      company_id: company.id,
      contact_ids: dealContacts.map((c) => c.id),
      owner_id: company.owner_id,
      stage,
      amount,
      currency: "USD",
      close_date: closed ? time.addDays(world.today, -closedDaysAgo) : time.addDays(world.today, rng.int(4, 110)),
      ...(stage === "closed_lost" ? { lost_reason: rng.pick(LOST_REASONS) } : {}),
      ...(closedAt ? { closed_at: closedAt } : {}),
      created_at: created,
      updated_at: closedAt ?? this.instant(rng.int(0, Math.min(age - 1, 15)) + 1),
    };
  }

  /** Status, owner and dates of a lead that came in `daysAgo` days ago: "new" until someone reaches out. */
  private leadFields(daysAgo: number) {
    const { rng } = this;
    const status =
      daysAgo < 3
        ? "new"
        : rng.weighted<Lead["status"]>([
            ["new", 4],
            ["contacted", 4],
            ["qualified", 3],
            ["unqualified", 1],
          ]);
    const created = this.instant(daysAgo, rng.int(9, 12));
    return {
      source: rng.pick(LEAD_SOURCES),
      status,
      ...(status === "unqualified"
        ? { unqualified_reason: rng.pick(["No budget", "Too small for our offering", "Student project", "Not the decision maker"]) }
        : {}),
      owner_id: rng.pick(this.active).id,
      created_at: created,
      updated_at: status === "new" ? created : this.instant(daysAgo - rng.int(1, Math.min(5, daysAgo - 1))),
      converted: false,
    };
  }

  /** The rest of the world's people: leads at companies the CRM knows. */
  leadsAtKnownCompanies(): Lead[] {
    const people = this.others.slice(Math.min(30, this.others.length - 10));
    return people.map((p) => ({
      id: this.ctx.id("leads"),
      first_name: p.first_name,
      last_name: p.last_name,
      email: p.email,
      phone: p.phone,
      company: p.company,
      job_title: p.job_title,
      ...this.leadFields(this.rng.int(1, 60)),
    }));
  }

  /** Prospects at companies not yet in the CRM; their names recombine the world's, never a full name someone already has. */
  prospects(): Lead[] {
    const { rng, world, id } = this.ctx;
    const taken = new Set([world.user, ...world.people].map((p) => p.full_name));
    const firstNames = [...new Set(world.people.map((p) => p.first_name))];
    const lastNames = [...new Set(world.people.map((p) => p.last_name))];
    return rng.sample(NEW_PROSPECTS, 6).map(([name, domain]) => {
      let first: string;
      let last: string;
      do {
        first = rng.pick(firstNames);
        last = rng.pick(lastNames);
      } while (taken.has(`${first} ${last}`));
      taken.add(`${first} ${last}`);
      const phone = `+1-${rng.int(201, 989)}-555-${rng.digits(4)}`;
      return {
        id: id("leads"),
        first_name: first,
        last_name: last,
        email: `${first}.${last}@${domain}`.toLowerCase(),
        phone,
        company: name,
        job_title: rng.pick(JOB_TITLES),
        ...this.leadFields(rng.int(1, 45)),
      };
    });
  }

  /** Four contacts came in as leads, each converted together with their first deal (a deal of its own): lead, contact and deal name each other. */
  convertedLeads(contacts: Contact[], deals: Deal[], companies: readonly Company[]): Lead[] {
    const { rng, id } = this.ctx;
    const firstDeal = (c: Contact) => deals.filter((d) => d.contact_ids.includes(c.id)).sort((a, b) => (a.created_at < b.created_at ? -1 : 1))[0];
    const claimed = new Set<string>();
    const converted = contacts.filter((c) => {
      const d = firstDeal(c);
      if (!d || claimed.has(d.id) || claimed.size === 4) return false;
      claimed.add(d.id);
      return true;
    });
    return converted.map((contact) => {
      const deal = firstDeal(contact) as Deal;
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
        created_at: time.addDays(deal.created_at, -rng.int(5, 30)),
        updated_at: deal.created_at,
        converted: true,
        converted_at: deal.created_at,
        converted_contact_id: contact.id,
        ...(deal.company_id ? { converted_company_id: deal.company_id } : {}),
        converted_deal_id: deal.id,
      };
      deal.source_lead_id = lead.id;
      contact.source_lead_id = lead.id;
      contact.created_at = contact.updated_at = deal.created_at;
      return lead;
    });
  }

  /** A contact's lifecycle stage follows the deals of their company: customer after a win, opportunity while one is open. */
  followDeals(contacts: Contact[], deals: readonly Deal[]): void {
    for (const c of contacts) {
      const own = deals.filter((d) => d.company_id === c.company_id || d.contact_ids.includes(c.id));
      c.lifecycle_stage = own.some((d) => d.stage === "closed_won")
        ? "customer"
        : own.some((d) => (OPEN_STAGES as readonly string[]).includes(d.stage))
          ? "opportunity"
          : "lead";
    }
  }

  /** Each deal's calls, emails and meetings between its creation and its close, open follow-up tasks on open deals, and first outreach to leads. */
  activities(deals: readonly Deal[], leads: readonly Lead[]): Activity[] {
    const rows: Activity[] = [
      ...deals.flatMap((d) => this.dealHistory(d)),
      ...leads.filter((l) => !l.converted && l.status !== "new").map((l) => this.outreach(l)),
    ];
    rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    return rows.map((a) => ({ ...a, id: this.ctx.id("activities"), ...(a.type === "call" && !a.outcome ? { outcome: "connected" as const } : {}) }));
  }

  private dealHistory(d: Deal): Activity[] {
    const { rng, world } = this.ctx;
    const age = time.daysBetween(d.created_at, world.now);
    const until = d.closed_at ? time.daysBetween(d.closed_at, world.now) : 0;
    const rows: Activity[] = [];
    const [account, product] = d.name.split(" — ");
    for (let k = rng.int(1, 3); k > 0; k--) {
      const type = rng.pick(["call", "email", "meeting"] as const);
      const subject = rng.pick(type === "call" ? CALL_SUBJECTS : type === "email" ? EMAIL_SUBJECTS : MEETING_SUBJECTS);
      const at = this.instant(rng.int(Math.max(until + 1, 1), Math.max(until + 1, age - 1, 1)));
      rows.push({
        id: "",
        type,
        subject,
        body: `${subject} with ${account} about ${product?.toLowerCase() ?? "the deal"}.`,
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
      rows.push({
        id: "",
        type: "task",
        subject,
        body: `${subject} for ${d.name}.`,
        status: "open",
        due_date: time.addDays(world.today, rng.int(-3, 14)),
        owner_id: d.owner_id,
        deal_id: d.id,
        ...(d.company_id ? { company_id: d.company_id } : {}),
        created_at: this.instant(rng.int(1, Math.max(1, Math.min(age - 1, 10)))),
      });
    }
    return rows;
  }

  private outreach(l: Lead): Activity {
    const { rng } = this;
    return {
      id: "",
      type: rng.pick(["call", "email"] as const),
      subject: rng.pick(["Intro call", "First outreach", "Qualification call"]),
      body: `Reached out to ${l.first_name} at ${l.company}.`,
      status: "completed",
      occurred_at: l.updated_at,
      owner_id: l.owner_id,
      lead_id: l.id,
      created_at: l.updated_at,
    };
  }

  /** Notes on sixteen deals and eight contacts, written after they came into the CRM. */
  notes(deals: readonly Deal[], contacts: readonly Contact[]): Note[] {
    const { rng, world, id } = this.ctx;
    const since = (created: string) => this.instant(rng.int(1, Math.max(1, time.daysBetween(created, world.now) - 1)));
    const rows: Note[] = [
      ...rng.sample(deals, Math.min(16, deals.length)).map((d) => ({
        id: "",
        body: rng.pick(NOTE_BODIES),
        author_id: d.owner_id,
        deal_id: d.id,
        ...(d.company_id ? { company_id: d.company_id } : {}),
        created_at: since(d.created_at),
      })),
      ...rng.sample(contacts, 8).map((c) => ({
        id: "",
        body: rng.pick([
          "Prefers email over calls.",
          `Based in the ${c.city ?? "head"} office.`,
          "Met at the annual industry conference.",
          "Reports to the COO.",
          "On parental leave until next month.",
        ]),
        author_id: c.owner_id,
        contact_id: c.id,
        created_at: since(c.created_at),
      })),
    ];
    rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    return rows.map((n) => ({ ...n, id: id("notes") }));
  }
}
