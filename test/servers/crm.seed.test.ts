/** CRM's seed, checked against the rules a sales operations manager would expect. */
import { expect } from "vitest";
import crm from "../../ts/servers/crm/index.ts";
import type { Activity, Company, Contact, Deal, Lead, Note, Owner } from "../../ts/servers/crm/state.ts";
import { seedRules } from "../helpers/seed-rules.ts";

const OPEN = ["appointment_scheduled", "qualified", "proposal", "negotiation"];

seedRules(crm, {
  "the user is an active CRM user; exactly one colleague has left and is deactivated": (s) => {
    const owners = s.rows<Owner>("owners");
    expect(owners.find((o) => o.email === s.world.user.email)?.active).toBe(true);
    expect(owners.filter((o) => !o.active)).toHaveLength(1);
  },
  "deactivated users own no company, contact, open deal or lead still in progress": (s) => {
    const gone = new Set(
      s
        .rows<Owner>("owners")
        .filter((o) => !o.active)
        .map((o) => o.id),
    );
    for (const c of s.rows<Company>("companies")) expect(gone.has(c.owner_id), c.name).toBe(false);
    for (const c of s.rows<Contact>("contacts")) expect(gone.has(c.owner_id), c.email).toBe(false);
    for (const d of s.rows<Deal>("deals").filter((x) => OPEN.includes(x.stage))) expect(gone.has(d.owner_id), d.name).toBe(false);
    for (const l of s.rows<Lead>("leads").filter((x) => !x.converted)) expect(gone.has(l.owner_id), l.email).toBe(false);
  },
  "a deal belongs to a company, its contacts work there, and its owner is the company's owner": (s) => {
    for (const d of s.rows<Deal>("deals")) {
      const company = s.row<Company>("companies", d.company_id!);
      expect(d.owner_id).toBe(company.owner_id);
      expect(d.name.startsWith(`${company.name} — `)).toBe(true);
      expect(d.contact_ids.length).toBeGreaterThanOrEqual(1);
      for (const c of d.contact_ids) expect(s.row<Contact>("contacts", c).company_id, d.name).toBe(d.company_id);
    }
  },
  "a closed deal closed in the past on its close date; an open one closes in the future; only a lost one has a lost reason": (s) => {
    for (const d of s.rows<Deal>("deals")) {
      if (OPEN.includes(d.stage)) {
        expect(d.closed_at, d.name).toBeUndefined();
        expect(d.close_date > s.world.today, d.name).toBe(true);
      } else {
        expect(d.closed_at! <= s.world.now && d.closed_at! > d.created_at, d.name).toBe(true);
        expect(d.close_date).toBe(d.closed_at!.slice(0, 10));
      }
      expect(d.lost_reason !== undefined, d.name).toBe(d.stage === "closed_lost");
    }
  },
  "only a deal still at appointment_scheduled may have no amount yet": (s) => {
    for (const d of s.rows<Deal>("deals")) if (d.amount === 0) expect(d.stage, d.name).toBe("appointment_scheduled");
  },
  "a deal's calls, emails and meetings happened after it was created and before it closed; open tasks sit on open deals only": (s) => {
    const deals = new Map(s.rows<Deal>("deals").map((d) => [d.id, d]));
    for (const a of s.rows<Activity>("activities").filter((x) => x.deal_id)) {
      const d = deals.get(a.deal_id!)!;
      if (a.type === "task") {
        expect([a.status, OPEN.includes(d.stage)], a.id).toEqual(["open", true]);
        continue;
      }
      expect(a.occurred_at! > d.created_at, a.id).toBe(true);
      if (d.closed_at) expect(a.occurred_at! < d.closed_at, a.id).toBe(true);
    }
  },
  "everything in the CRM was created before the session's clock and updated no earlier than it was created": (s) => {
    for (const table of ["leads", "contacts", "deals"]) {
      for (const r of s.rows<{ id: string; created_at: string; updated_at: string }>(table)) {
        expect(r.created_at <= s.world.now, r.id).toBe(true);
        expect(r.updated_at >= r.created_at && r.updated_at <= s.world.now, r.id).toBe(true);
      }
    }
    for (const r of [...s.rows<Activity>("activities"), ...s.rows<Note>("notes")]) expect(r.created_at <= s.world.now, r.id).toBe(true);
  },
  "a converted lead names its contact, company and deal, which name it back; it came in before the deal was created": (s) => {
    const converted = s.rows<Lead>("leads").filter((l) => l.converted);
    expect(converted).toHaveLength(4);
    for (const l of converted) {
      const contact = s.row<Contact>("contacts", l.converted_contact_id!);
      const deal = s.row<Deal>("deals", l.converted_deal_id!);
      expect([contact.source_lead_id, deal.source_lead_id, contact.email, deal.company_id]).toEqual([l.id, l.id, l.email, l.converted_company_id]);
      expect(l.created_at < deal.created_at && l.converted_at === deal.created_at, l.id).toBe(true);
    }
  },
  "a contact is a customer after a won deal at their company, an opportunity while one is open, else a lead": (s) => {
    const deals = s.rows<Deal>("deals");
    for (const c of s.rows<Contact>("contacts")) {
      const own = deals.filter((d) => d.company_id === c.company_id || d.contact_ids.includes(c.id));
      const expected = own.some((d) => d.stage === "closed_won") ? "customer" : own.some((d) => OPEN.includes(d.stage)) ? "opportunity" : "lead";
      expect(c.lifecycle_stage, c.email).toBe(expected);
    }
  },
  "emails are unique among contacts, and an open lead never shares one with a contact": (s) => {
    const contacts = s.rows<Contact>("contacts").map((c) => c.email.toLowerCase());
    expect(new Set(contacts).size).toBe(contacts.length);
    for (const l of s.rows<Lead>("leads").filter((x) => !x.converted)) expect(contacts.includes(l.email.toLowerCase()), l.email).toBe(false);
  },
  "a lead someone reached out to is no longer new and has that outreach logged; an unqualified one says why": (s) => {
    const touched = new Set(s.rows<Activity>("activities").map((a) => a.lead_id));
    for (const l of s.rows<Lead>("leads").filter((x) => !x.converted)) {
      expect(touched.has(l.id), l.email).toBe(l.status !== "new");
      expect(l.unqualified_reason !== undefined, l.email).toBe(l.status === "unqualified");
    }
  },
});
