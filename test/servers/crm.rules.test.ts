/**
 * CRM: the rules of a HubSpot/Salesforce-like sales CRM at their boundaries, with the expected
 * values written out by hand: the pipeline's stages, their win probabilities and allowed moves as
 * a table, closing and reopening, close dates (today is allowed, yesterday is not), amounts,
 * duplicates (contact emails, open-lead emails, company domains), ownership, attachments of
 * activities and notes, and the exact wording of the errors a model reads.
 *
 * The seed (seed 1) has today 2026-09-03, now 09:00 UTC; the session clock ticks one minute per
 * successful write. Its CRM users: OWN-1001 Pablo Lopez (the user), OWN-1002 Nathan Fischer,
 * OWN-1003 Theo Nakamura (active) and OWN-1004 Zoe Mensah (deactivated).
 */
import { describe, expect, it } from "vitest";
import crm from "../../ts/servers/crm/index.ts";
import { allowedNextStages, isOpenStage } from "../../ts/servers/crm/state.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const TODAY = "2026-09-03";
const YESTERDAY = "2026-09-02";
const TOMORROW = "2026-09-04";
const ME = "OWN-1001";
const NATHAN = "OWN-1002";
const THEO = "OWN-1003";
const ZOE = "OWN-1004";
const ACTIVE_USERS = "OWN-1001 (Pablo Lopez), OWN-1002 (Nathan Fischer), OWN-1003 (Theo Nakamura)";

const fresh = () => openSession(crm, 1);

/** A company of its own for a test, so that sums and lists hold only what the test made. */
function company(s: TestSession, name = "Zephyr Tooling", domain = "zephyr-tooling.com", extra: Record<string, unknown> = {}) {
  return s.ok("create_company", { name, domain, industry: "manufacturing", ...extra });
}

function contact(s: TestSession, first: string, last: string, extra: Record<string, unknown> = {}) {
  return s.ok("create_crm_contact", { first_name: first, last_name: last, email: `${first}.${last}@zephyr-tooling.com`.toLowerCase(), ...extra });
}

function deal(s: TestSession, companyId: string, extra: Record<string, unknown> = {}) {
  return s.ok("create_deal", { name: "Zephyr — Pilot", company_id: companyId, amount: 1000, close_date: TODAY, ...extra });
}

function prospect(s: TestSession, extra: Record<string, unknown> = {}) {
  return s.ok("create_lead", { first_name: "Rhea", last_name: "Vance", email: "rhea.vance@lattice-robotics.io", company: "Lattice Robotics", ...extra });
}

describe("crm rules: the pipeline as a table", () => {
  const STAGES = ["appointment_scheduled", "qualified", "proposal", "negotiation", "closed_won", "closed_lost"] as const;
  /** Each stage's win probability (HubSpot's default pipeline) and the stages a deal may move to from it. */
  const PIPELINE: Record<string, { probability: number; next: string[] }> = {
    appointment_scheduled: { probability: 0.2, next: ["qualified", "closed_lost"] },
    qualified: { probability: 0.4, next: ["appointment_scheduled", "proposal", "closed_lost"] },
    proposal: { probability: 0.6, next: ["qualified", "negotiation", "closed_lost"] },
    negotiation: { probability: 0.8, next: ["proposal", "closed_won", "closed_lost"] },
    closed_won: { probability: 1, next: [] },
    closed_lost: { probability: 0, next: [] },
  };

  it.each(STAGES)("rule: from %s a deal may move to exactly the stages of the table", (stage) => {
    expect(allowedNextStages(stage)).toEqual(PIPELINE[stage]!.next);
  });

  it("rule: the four stages before closing are open; closed_won and closed_lost are closed", () => {
    expect(STAGES.filter((x) => isOpenStage(x))).toEqual(["appointment_scheduled", "qualified", "proposal", "negotiation"]);
  });

  it("rule: get_deal shows each stage's win probability (0.2, 0.4, 0.6, 0.8, 1, 0) and its next stages", () => {
    const s = fresh();
    const c = company(s);
    for (const stage of ["appointment_scheduled", "qualified", "proposal", "negotiation"]) {
      const d = deal(s, c.id, { stage });
      expect(s.ok("get_deal", { deal_id: d.id }), stage).toMatchObject({
        stage,
        probability: PIPELINE[stage]!.probability,
        allowed_next_stages: PIPELINE[stage]!.next,
        company_name: "Zephyr Tooling",
      });
    }
    const won = deal(s, c.id, { stage: "negotiation" });
    expect(s.ok("update_deal_stage", { deal_id: won.id, stage: "closed_won" })).toMatchObject({ probability: 1, allowed_next_stages: [] });
    const lost = deal(s, c.id);
    expect(s.ok("update_deal_stage", { deal_id: lost.id, stage: "closed_lost", lost_reason: "No budget" })).toMatchObject({
      probability: 0,
      allowed_next_stages: [],
    });
  });

  const OPEN = ["appointment_scheduled", "qualified", "proposal", "negotiation"] as const;
  const MOVES = OPEN.flatMap((from) => STAGES.map((to) => [from, to] as const));
  it.each(MOVES)("rule: update_deal_stage from %s to %s is allowed exactly when the table lists it", (from, to) => {
    const s = fresh();
    const d = deal(s, company(s).id, { stage: from, amount: 2500 });
    const args = { deal_id: d.id, stage: to, ...(to === "closed_lost" ? { lost_reason: "Chose a competitor" } : {}) };
    const label = (x: string) => x.replace(/_/g, " ");
    if (to === from) {
      s.fails(
        "update_deal_stage",
        args,
        "invalid_argument",
        new RegExp(`^deal ${d.id} is already at ${label(from)}; it may move to ${PIPELINE[from]!.next.join(", ")}$`),
      );
    } else if (PIPELINE[from]!.next.includes(to)) {
      expect(s.ok("update_deal_stage", args).stage).toBe(to);
    } else {
      s.fails(
        "update_deal_stage",
        args,
        "failed_precondition",
        new RegExp(`^deal ${d.id} is at ${label(from)} and cannot jump to ${label(to)}; from ${from} it may move to ${PIPELINE[from]!.next.join(", ")}$`),
      );
    }
  });
});

describe("crm rules: closing and reopening deals", () => {
  it("rule: closed_won needs an amount over 0 — 0 is refused, one cent is enough", () => {
    const s = fresh();
    const c = company(s);
    const zero = deal(s, c.id, { stage: "negotiation", amount: 0 });
    s.fails(
      "update_deal_stage",
      { deal_id: zero.id, stage: "closed_won" },
      "failed_precondition",
      new RegExp(`^deal ${zero.id} has amount 0\\.00; closed_won needs an amount greater than 0 — set it with update_deal first$`),
    );
    const cent = deal(s, c.id, { stage: "negotiation", amount: 0.01 });
    expect(s.ok("update_deal_stage", { deal_id: cent.id, stage: "closed_won" })).toMatchObject({ stage: "closed_won", amount: 0.01 });
    // a deal with no amount can still be lost
    expect(s.ok("update_deal_stage", { deal_id: zero.id, stage: "closed_lost", lost_reason: "No budget" }).stage).toBe("closed_lost");
  });

  it("rule: closing a deal sets its close date to today and closed_at to now; moving between open stages changes neither", () => {
    const s = fresh();
    const c = company(s);
    const d = deal(s, c.id, { stage: "proposal", close_date: "2026-12-01" });
    const moved = s.ok("update_deal_stage", { deal_id: d.id, stage: "negotiation" });
    expect(moved.close_date).toBe("2026-12-01");
    expect(moved.closed_at).toBeUndefined();
    expect(moved.lost_reason).toBeUndefined();
    const now = s.now();
    const won = s.ok("update_deal_stage", { deal_id: d.id, stage: "closed_won" });
    expect(won).toMatchObject({ stage: "closed_won", close_date: TODAY, closed_at: now, updated_at: now });
    expect(won.lost_reason).toBeUndefined();
    const l = deal(s, c.id, { close_date: "2026-11-11" });
    const lostAt = s.now();
    expect(s.ok("update_deal_stage", { deal_id: l.id, stage: "closed_lost", lost_reason: "Went with a competitor" })).toMatchObject({
      stage: "closed_lost",
      close_date: TODAY,
      closed_at: lostAt,
      lost_reason: "Went with a competitor",
    });
  });

  it("rule: closed_lost needs a lost_reason; a lost_reason is refused for any other stage", () => {
    const s = fresh();
    const d = deal(s, company(s).id, { stage: "negotiation" });
    s.fails("update_deal_stage", { deal_id: d.id, stage: "closed_lost" }, "invalid_argument", /^closed_lost needs a lost_reason, e\.g\. 'Chose a competitor'$/);
    for (const stage of ["proposal", "closed_won"]) {
      s.fails("update_deal_stage", { deal_id: d.id, stage, lost_reason: "x" }, "invalid_argument", /^lost_reason only applies when moving to closed_lost$/);
    }
  });

  it("rule: winning a deal makes each of its contacts a customer; other contacts keep their stage", () => {
    const s = fresh();
    const c = company(s);
    const a = contact(s, "Ann", "Aho", { company_id: c.id });
    const b = contact(s, "Ben", "Berg", { company_id: c.id, lifecycle_stage: "opportunity" });
    const bystander = contact(s, "Cai", "Cole", { company_id: c.id });
    const d = deal(s, c.id, { stage: "negotiation", contact_ids: [a.id, b.id] });
    s.ok("update_deal_stage", { deal_id: d.id, stage: "closed_won" });
    expect(s.row("contacts", a.id).lifecycle_stage).toBe("customer");
    expect(s.row("contacts", b.id).lifecycle_stage).toBe("customer");
    expect(s.row("contacts", bystander.id).lifecycle_stage).toBe("lead");
  });

  it("rule: losing a deal leaves its contacts' lifecycle stage alone", () => {
    const s = fresh();
    const c = company(s);
    const a = contact(s, "Ann", "Aho", { company_id: c.id });
    const d = deal(s, c.id, { contact_ids: [a.id] });
    expect(s.row("contacts", a.id).lifecycle_stage).toBe("opportunity");
    s.ok("update_deal_stage", { deal_id: d.id, stage: "closed_lost", lost_reason: "No budget" });
    expect(s.row("contacts", a.id).lifecycle_stage).toBe("opportunity");
  });

  it("rule: a contact deleted outside the tools is skipped: get_deal leaves it out and winning the deal still works", () => {
    const s = fresh();
    const c = company(s);
    const a = contact(s, "Ann", "Aho");
    const gone = contact(s, "Gus", "Gone");
    const d = deal(s, c.id, { stage: "negotiation", contact_ids: [gone.id, a.id] });
    s.edit(crm, (db) => db.contacts.delete(gone.id));
    expect(s.ok("get_deal", { deal_id: d.id }).contacts.map((x: any) => x.id)).toEqual([a.id]);
    expect(s.ok("update_deal_stage", { deal_id: d.id, stage: "closed_won" }).contact_ids).toEqual([gone.id, a.id]);
    expect(s.row("contacts", a.id).lifecycle_stage).toBe("customer");
    expect(s.row("contacts", gone.id)).toBeUndefined();
  });

  it("rule: closed deals do not move — a won deal stays won, a lost deal points to reopen_deal", () => {
    const s = fresh();
    const c = company(s);
    const won = deal(s, c.id, { stage: "negotiation" });
    s.ok("update_deal_stage", { deal_id: won.id, stage: "closed_won" });
    s.fails(
      "update_deal_stage",
      { deal_id: won.id, stage: "negotiation" },
      "failed_precondition",
      new RegExp(`^deal ${won.id} is already closed won \\(closed on ${TODAY}\\); closed deals cannot move — a won deal stays won$`),
    );
    const lost = deal(s, c.id);
    s.ok("update_deal_stage", { deal_id: lost.id, stage: "closed_lost", lost_reason: "No budget" });
    s.fails(
      "update_deal_stage",
      { deal_id: lost.id, stage: "closed_lost", lost_reason: "Again" },
      "failed_precondition",
      new RegExp(`^deal ${lost.id} is already closed lost \\(closed on ${TODAY}\\); closed deals cannot move, but reopen_deal can reopen a lost deal$`),
    );
  });

  it("rule: reopen_deal reopens a lost deal at negotiation, closing 30 days from today, by default; it forgets why it was lost", () => {
    const s = fresh();
    const d = deal(s, company(s).id, { stage: "proposal" });
    s.ok("update_deal_stage", { deal_id: d.id, stage: "closed_lost", lost_reason: "Timing" });
    const now = s.now();
    const r = s.ok("reopen_deal", { deal_id: d.id });
    expect(r).toMatchObject({
      stage: "negotiation",
      close_date: "2026-10-03",
      probability: 0.8,
      allowed_next_stages: ["proposal", "closed_won", "closed_lost"],
      updated_at: now,
      company_name: "Zephyr Tooling",
    });
    expect(r.lost_reason).toBeUndefined();
    expect(r.closed_at).toBeUndefined();
    expect(s.row("deals", d.id).lost_reason).toBeUndefined();
  });

  it("rule: a reopened deal may close today but not yesterday", () => {
    const s = fresh();
    const d = deal(s, company(s).id);
    s.ok("update_deal_stage", { deal_id: d.id, stage: "closed_lost", lost_reason: "Timing" });
    s.fails(
      "reopen_deal",
      { deal_id: d.id, close_date: YESTERDAY },
      "invalid_argument",
      new RegExp(`^close date ${YESTERDAY} is in the past; a reopened deal closes today \\(${TODAY}\\) or later$`),
    );
    expect(s.ok("reopen_deal", { deal_id: d.id, stage: "appointment_scheduled", close_date: TODAY })).toMatchObject({
      stage: "appointment_scheduled",
      close_date: TODAY,
    });
  });

  it("rule: only closed_lost deals can be reopened: an open deal and a won deal are refused with their reason", () => {
    const s = fresh();
    const c = company(s);
    const open = deal(s, c.id, { stage: "qualified" });
    s.fails(
      "reopen_deal",
      { deal_id: open.id },
      "failed_precondition",
      new RegExp(`^deal ${open.id} is open \\(qualified\\); only closed_lost deals can be reopened$`),
    );
    const won = deal(s, c.id, { stage: "negotiation" });
    s.ok("update_deal_stage", { deal_id: won.id, stage: "closed_won" });
    s.fails(
      "reopen_deal",
      { deal_id: won.id },
      "failed_precondition",
      new RegExp(`^deal ${won.id} is closed_won; won deals cannot be reopened — create a new deal for further business$`),
    );
  });
});

describe("crm rules: creating and editing deals", () => {
  it("rule: a new deal may close today (its creation date) but not yesterday", () => {
    const s = fresh();
    const c = company(s);
    s.fails(
      "create_deal",
      { name: "Early", company_id: c.id, close_date: YESTERDAY },
      "invalid_argument",
      new RegExp(`^close date ${YESTERDAY} is before the deal's creation date ${TODAY}; pick ${TODAY} or later$`),
    );
    expect(s.ok("create_deal", { name: "On time", company_id: c.id, close_date: TODAY }).close_date).toBe(TODAY);
  });

  it("rule: a new deal starts at appointment_scheduled with amount 0 in USD, owned by the user, unless told otherwise", () => {
    const s = fresh();
    const c = company(s);
    const now = s.now();
    const d = s.ok("create_deal", { name: "Defaults", company_id: c.id, close_date: TOMORROW });
    expect(d).toMatchObject({
      name: "Defaults",
      company_id: c.id,
      contact_ids: [],
      owner_id: ME,
      stage: "appointment_scheduled",
      amount: 0,
      currency: "USD",
      close_date: TOMORROW,
      created_at: now,
      updated_at: now,
    });
    expect(d.id).toMatch(/^DEAL-\d{4}$/);
    expect(s.ok("create_deal", { name: "Theirs", company_id: c.id, close_date: TODAY, owner_id: NATHAN }).owner_id).toBe(NATHAN);
  });

  it("rule: a deal needs a company or at least one contact; an empty contact list is not enough", () => {
    const s = fresh();
    const message = /^a deal needs a company_id or at least one contact_id so it is attached to a customer$/;
    s.fails("create_deal", { name: "Nobody", close_date: TODAY }, "invalid_argument", message);
    s.fails("create_deal", { name: "Nobody", close_date: TODAY, contact_ids: [] }, "invalid_argument", message);
    const a = contact(s, "Ann", "Aho");
    const d = s.ok("create_deal", { name: "Contact only", close_date: TODAY, contact_ids: [a.id] });
    expect(d.company_id).toBeUndefined();
    expect(d.contact_ids).toEqual([a.id]);
  });

  it("rule: a deal lists each contact once; contacts at 'lead' become opportunities, customers stay customers", () => {
    const s = fresh();
    const c = company(s);
    const a = contact(s, "Ann", "Aho", { company_id: c.id });
    const b = contact(s, "Ben", "Berg", { company_id: c.id, lifecycle_stage: "customer" });
    const d = deal(s, c.id, { contact_ids: [a.id, b.id, a.id] });
    expect(d.contact_ids).toEqual([a.id, b.id]);
    expect(s.row("contacts", a.id).lifecycle_stage).toBe("opportunity");
    expect(s.row("contacts", b.id).lifecycle_stage).toBe("customer");
  });

  it("rule: a deal's company and contacts must exist", () => {
    const s = fresh();
    s.fails("create_deal", { name: "X", company_id: "CMP-0000", close_date: TODAY }, "not_found", /CMP-0000/);
    s.fails("create_deal", { name: "X", contact_ids: ["CON-0000"], close_date: TODAY }, "not_found", /CON-0000/);
    s.fails("create_deal", { name: "X", company_id: company(s).id, close_date: TODAY, owner_id: ZOE }, "failed_precondition", /Zoe Mensah/);
  });

  it("rule: update_deal may set the close date to the creation day, not the day before", () => {
    const s = fresh();
    const d = deal(s, company(s).id, { close_date: "2026-10-01" });
    s.fails(
      "update_deal",
      { deal_id: d.id, close_date: YESTERDAY },
      "invalid_argument",
      new RegExp(`^close date ${YESTERDAY} is before the deal's creation date ${TODAY}; pick ${TODAY} or later$`),
    );
    expect(s.ok("update_deal", { deal_id: d.id, close_date: TODAY }).close_date).toBe(TODAY);
  });

  it("rule: update_deal changes only what it is given, and returns the deal with its probability and company name", () => {
    const s = fresh();
    const c = company(s);
    const other = company(s, "Yarrow Mills", "yarrow-mills.com");
    const d = deal(s, c.id, { stage: "qualified", amount: 500, close_date: "2026-10-01" });
    const now = s.now();
    const u = s.ok("update_deal", { deal_id: d.id, amount: 750.5 });
    expect(u).toMatchObject({
      name: "Zephyr — Pilot",
      amount: 750.5,
      close_date: "2026-10-01",
      probability: 0.4,
      company_name: "Zephyr Tooling",
      updated_at: now,
    });
    expect(s.ok("update_deal", { deal_id: d.id, name: "Renamed", company_id: other.id })).toMatchObject({
      name: "Renamed",
      amount: 750.5,
      company_id: other.id,
      company_name: "Yarrow Mills",
    });
    s.fails("update_deal", { deal_id: d.id, company_id: "CMP-0000" }, "not_found", /CMP-0000/);
    s.fails(
      "update_deal",
      { deal_id: d.id },
      "invalid_argument",
      /^nothing to update: pass at least one of name, amount, close_date, company_id, contact_ids$/,
    );
  });

  it("rule: update_deal replaces the contacts, each once; an empty list is allowed only when the deal has a company", () => {
    const s = fresh();
    const c = company(s);
    const a = contact(s, "Ann", "Aho");
    const b = contact(s, "Ben", "Berg");
    const withCompany = deal(s, c.id, { contact_ids: [a.id] });
    expect(s.ok("update_deal", { deal_id: withCompany.id, contact_ids: [b.id, b.id, a.id] }).contact_ids).toEqual([b.id, a.id]);
    expect(s.ok("update_deal", { deal_id: withCompany.id, contact_ids: [] }).contact_ids).toEqual([]);
    const solo = s.ok("create_deal", { name: "Solo", contact_ids: [a.id], close_date: TODAY });
    s.fails("update_deal", { deal_id: solo.id, contact_ids: [] }, "invalid_argument", /^a deal without a company needs at least one contact$/);
    // giving it a company in the same call is enough
    expect(s.ok("update_deal", { deal_id: solo.id, contact_ids: [], company_id: c.id })).toMatchObject({ contact_ids: [], company_id: c.id });
  });

  it("rule: closed deals are read-only; only a lost one can be reopened first", () => {
    const s = fresh();
    const c = company(s);
    const won = deal(s, c.id, { stage: "negotiation" });
    s.ok("update_deal_stage", { deal_id: won.id, stage: "closed_won" });
    s.fails("update_deal", { deal_id: won.id, amount: 1 }, "failed_precondition", new RegExp(`^deal ${won.id} is closed won and closed deals are read-only$`));
    const lost = deal(s, c.id);
    s.ok("update_deal_stage", { deal_id: lost.id, stage: "closed_lost", lost_reason: "No budget" });
    s.fails(
      "update_deal",
      { deal_id: lost.id, amount: 1 },
      "failed_precondition",
      new RegExp(`^deal ${lost.id} is closed lost and closed deals are read-only; reopen it with reopen_deal first$`),
    );
  });
});

describe("crm rules: the pipeline summary", () => {
  /** Nathan's deals closing today, one per stage, amounts with cents so the weighting rounds. */
  function nathansDay(s: TestSession) {
    const c = company(s);
    const at = (stage: string, amount: number) => deal(s, c.id, { stage, amount, owner_id: NATHAN });
    at("appointment_scheduled", 1000);
    at("qualified", 2000);
    at("proposal", 1234.56);
    at("negotiation", 4000);
    const won = at("negotiation", 5000);
    s.ok("update_deal_stage", { deal_id: won.id, stage: "closed_won" });
    const lost = at("negotiation", 6000);
    s.ok("update_deal_stage", { deal_id: lost.id, stage: "closed_lost", lost_reason: "No budget" });
    // outside the window or of another owner: not counted
    deal(s, c.id, { amount: 99_999, owner_id: NATHAN, close_date: TOMORROW });
    deal(s, c.id, { amount: 88_888, close_date: TODAY });
    return c;
  }

  it("rule: per stage the summary counts deals, sums amounts and weighs them by the stage's probability (to the cent)", () => {
    const s = fresh();
    nathansDay(s);
    const r = s.ok("get_pipeline_summary", { owner_id: NATHAN, close_date_from: TODAY, close_date_to: TODAY });
    expect(r.stages).toEqual([
      { stage: "appointment_scheduled", probability: 0.2, count: 1, amount: 1000, weighted_amount: 200 },
      { stage: "qualified", probability: 0.4, count: 1, amount: 2000, weighted_amount: 800 },
      { stage: "proposal", probability: 0.6, count: 1, amount: 1234.56, weighted_amount: 740.74 },
      { stage: "negotiation", probability: 0.8, count: 1, amount: 4000, weighted_amount: 3200 },
      { stage: "closed_won", probability: 1, count: 1, amount: 5000, weighted_amount: 5000 },
      { stage: "closed_lost", probability: 0, count: 1, amount: 6000, weighted_amount: 0 },
    ]);
    expect(r).toMatchObject({
      currency: "USD",
      open_count: 4,
      open_amount: 8234.56,
      weighted_open_amount: 4940.74,
      won_count: 1,
      won_amount: 5000,
      lost_count: 1,
      win_rate: 0.5,
    });
  });

  it("rule: the close-date window is inclusive at both ends", () => {
    const s = fresh();
    nathansDay(s);
    const count = (from: string, to: string) => {
      const r = s.ok("get_pipeline_summary", { owner_id: NATHAN, close_date_from: from, close_date_to: to });
      return r.open_count + r.won_count + r.lost_count;
    };
    expect(count(TODAY, TODAY)).toBe(6);
    expect(count(TODAY, TOMORROW)).toBe(7);
    expect(count(TOMORROW, TOMORROW)).toBe(1);
    expect(count(YESTERDAY, YESTERDAY)).toBe(0);
    expect(s.ok("get_pipeline_summary", { owner_id: NATHAN, close_date_to: YESTERDAY }).open_count).toBe(0);
    // Nathan's seeded negotiation deal closes 2026-12-16
    expect(s.ok("get_pipeline_summary", { owner_id: NATHAN, close_date_from: TOMORROW })).toMatchObject({ open_count: 2, open_amount: 118_249 });
  });

  it("rule: the win rate is won over closed deals to three decimals, and null with none closed", () => {
    const s = fresh();
    const c = company(s);
    const window = { owner_id: THEO, close_date_from: TODAY, close_date_to: TODAY };
    deal(s, c.id, { owner_id: THEO });
    expect(s.ok("get_pipeline_summary", window).win_rate).toBeNull();
    for (let i = 0; i < 2; i++) s.ok("update_deal_stage", { deal_id: deal(s, c.id, { owner_id: THEO }).id, stage: "closed_lost", lost_reason: "No budget" });
    expect(s.ok("get_pipeline_summary", window).win_rate).toBe(0);
    s.ok("update_deal_stage", { deal_id: deal(s, c.id, { owner_id: THEO, stage: "negotiation" }).id, stage: "closed_won" });
    expect(s.ok("get_pipeline_summary", window)).toMatchObject({ win_rate: 0.333, won_count: 1, lost_count: 2 });
    s.ok("update_deal_stage", { deal_id: deal(s, c.id, { owner_id: THEO, stage: "negotiation" }).id, stage: "closed_won" });
    expect(s.ok("get_pipeline_summary", window).win_rate).toBe(0.5);
    s.ok("update_deal_stage", { deal_id: deal(s, c.id, { owner_id: THEO, stage: "negotiation" }).id, stage: "closed_won" });
    expect(s.ok("get_pipeline_summary", window).win_rate).toBe(0.6);
  });

  it("rule: an unknown owner is refused, naming the active users", () => {
    const s = fresh();
    s.fails(
      "get_pipeline_summary",
      { owner_id: "OWN-9999" },
      "not_found",
      new RegExp(`owner 'OWN-9999' is not a user of this CRM; owners must be one of the active users: ${ACTIVE_USERS.replace(/[()]/g, "\\$&")}`),
    );
  });
});

describe("crm rules: listing deals", () => {
  function board(s: TestSession) {
    const c = company(s);
    const other = company(s, "Yarrow Mills", "yarrow-mills.com");
    const a = contact(s, "Ann", "Aho");
    const d1 = deal(s, c.id, { name: "Quokka one", amount: 100, close_date: "2026-10-02", contact_ids: [a.id] });
    const d2 = deal(s, other.id, { name: "Quokka two", amount: 200, close_date: "2026-10-01", owner_id: NATHAN });
    const d3 = deal(s, c.id, { name: "Quokka three", amount: 300, close_date: "2026-10-01", stage: "negotiation" });
    const d4 = deal(s, c.id, { name: "Quokka four", amount: 400, close_date: "2026-10-03" });
    s.ok("update_deal_stage", { deal_id: d3.id, stage: "closed_won" });
    s.ok("update_deal_stage", { deal_id: d4.id, stage: "closed_lost", lost_reason: "No budget" });
    return { c, other, a, d1, d2, d3, d4 };
  }
  const ids = (s: TestSession, args: Record<string, unknown>) => s.ok("list_deals", { query: "quokka", limit: 100, ...args }).items.map((d: any) => d.id);

  it("rule: deals are listed by close date, then by id", () => {
    const s = fresh();
    const { d1, d2, d3, d4 } = board(s);
    // d3 and d4 closed today; d2 closes 2026-10-01, d1 2026-10-02
    expect(ids(s, {})).toEqual([d3.id, d4.id, d2.id, d1.id]);
  });

  it("rule: status open, won, lost and closed select the matching stages", () => {
    const s = fresh();
    const { d1, d2, d3, d4 } = board(s);
    expect(ids(s, { status: "open" })).toEqual([d2.id, d1.id]);
    expect(ids(s, { status: "won" })).toEqual([d3.id]);
    expect(ids(s, { status: "lost" })).toEqual([d4.id]);
    expect(ids(s, { status: "closed" })).toEqual([d3.id, d4.id]);
    expect(ids(s, { stage: "closed_lost" })).toEqual([d4.id]);
    expect(ids(s, { stage: "appointment_scheduled" })).toEqual([d2.id, d1.id]);
  });

  it("rule: amount and close-date bounds are inclusive", () => {
    const s = fresh();
    const { d1, d2, d3 } = board(s);
    expect(ids(s, { min_amount: 200, max_amount: 300 })).toEqual([d3.id, d2.id]);
    expect(ids(s, { min_amount: 200.01, max_amount: 299.99 })).toEqual([]);
    expect(ids(s, { close_date_from: "2026-10-01", close_date_to: "2026-10-02" })).toEqual([d2.id, d1.id]);
    expect(ids(s, { close_date_from: "2026-10-02" })).toEqual([d1.id]);
    expect(ids(s, { close_date_to: "2026-10-01", status: "open" })).toEqual([d2.id]);
  });

  it("rule: owner, company, contact and name text narrow the list", () => {
    const s = fresh();
    const { c, other, a, d1, d2, d3, d4 } = board(s);
    expect(ids(s, { owner_id: NATHAN })).toEqual([d2.id]);
    expect(ids(s, { company_id: other.id })).toEqual([d2.id]);
    expect(ids(s, { company_id: c.id })).toEqual([d3.id, d4.id, d1.id]);
    expect(ids(s, { contact_id: a.id })).toEqual([d1.id]);
    expect(ids(s, { query: "QUOKKA T" })).toEqual([d3.id, d2.id]);
  });
});

describe("crm rules: leads", () => {
  it("rule: a new lead starts as 'new', from the website, owned by the user, with the clock's time", () => {
    const s = fresh();
    const now = s.now();
    const l = s.ok("create_lead", { first_name: "Rhea", last_name: "Vance", email: "Rhea.Vance@Lattice-Robotics.io", company: "Lattice Robotics" });
    expect(l).toMatchObject({
      status: "new",
      source: "website",
      owner_id: ME,
      email: "rhea.vance@lattice-robotics.io",
      converted: false,
      created_at: now,
      updated_at: now,
    });
    expect(l.phone).toBeUndefined();
    expect(l.job_title).toBeUndefined();
    expect(prospect(s, { email: "b@lattice-robotics.io", owner_id: THEO, job_title: "CTO", phone: "+1-415-555-0134" })).toMatchObject({
      owner_id: THEO,
      job_title: "CTO",
      phone: "+1-415-555-0134",
    });
  });

  it("rule: a lead's email may not be a contact's (any case) nor another open lead's; errors name the record", () => {
    const s = fresh();
    const a = contact(s, "Ann", "Aho");
    s.fails(
      "create_lead",
      { first_name: "A", last_name: "B", email: "ANN.AHO@zephyr-tooling.com", company: "Z" },
      "already_exists",
      new RegExp(
        `^ann\\.aho@zephyr-tooling\\.com is already the contact ${a.id} \\(Ann Aho\\); work with the contact \\(log_crm_activity, create_deal\\) instead of creating a lead$`,
      ),
    );
    const l = prospect(s);
    s.fails(
      "create_lead",
      { first_name: "A", last_name: "B", email: "RHEA.VANCE@lattice-robotics.io", company: "Z" },
      "already_exists",
      new RegExp(
        `^an open lead with the email rhea\\.vance@lattice-robotics\\.io already exists: ${l.id} \\(Rhea Vance, status new\\); update it with update_lead$`,
      ),
    );
  });

  it("rule: a converted lead's email is free for a new lead", () => {
    const s = fresh();
    const a = contact(s, "Ann", "Aho");
    const l = prospect(s);
    s.ok("convert_lead", { lead_id: l.id, contact_id: a.id, create_deal: false });
    expect(prospect(s).email).toBe("rhea.vance@lattice-robotics.io");
  });

  it("rule: a deactivated or unknown owner cannot own a lead", () => {
    const s = fresh();
    s.fails(
      "create_lead",
      { first_name: "A", last_name: "B", email: "a.b@z.com", company: "Z", owner_id: ZOE },
      "failed_precondition",
      new RegExp(`^Zoe Mensah \\(OWN-1004\\) is deactivated and cannot own records; choose an active user: ${ACTIVE_USERS.replace(/[()]/g, "\\$&")}$`),
    );
    s.fails("create_lead", { first_name: "A", last_name: "B", email: "a.b@z.com", company: "Z", owner_id: "OWN-9999" }, "not_found", /not a user of this CRM/);
  });

  it("rule: marking a lead unqualified needs a reason, kept while it stays unqualified and dropped when it leaves", () => {
    const s = fresh();
    const l = prospect(s);
    s.fails(
      "update_lead",
      { lead_id: l.id, status: "unqualified" },
      "invalid_argument",
      /^a lead marked unqualified needs a reason: pass unqualified_reason \(e\.g\. 'No budget'\)$/,
    );
    s.ok("update_lead", { lead_id: l.id, status: "unqualified", unqualified_reason: "No budget" });
    // still unqualified: editing a detail keeps the reason, and restating the status needs no new one
    expect(s.ok("update_lead", { lead_id: l.id, job_title: "CFO" })).toMatchObject({
      status: "unqualified",
      unqualified_reason: "No budget",
      job_title: "CFO",
    });
    expect(s.ok("update_lead", { lead_id: l.id, status: "unqualified" }).unqualified_reason).toBe("No budget");
    // a new reason replaces the old one without restating the status
    expect(s.ok("update_lead", { lead_id: l.id, unqualified_reason: "Too small" })).toMatchObject({ status: "unqualified", unqualified_reason: "Too small" });
    const back = s.ok("update_lead", { lead_id: l.id, status: "contacted" });
    expect(back.status).toBe("contacted");
    expect(back.unqualified_reason).toBeUndefined();
    s.fails(
      "update_lead",
      { lead_id: l.id, unqualified_reason: "No budget" },
      "invalid_argument",
      /^unqualified_reason only applies to status 'unqualified'; the lead would be contacted$/,
    );
    s.fails("update_lead", { lead_id: l.id, status: "qualified", unqualified_reason: "x" }, "invalid_argument", /the lead would be qualified$/);
  });

  it("rule: update_lead needs something to change and stamps the time", () => {
    const s = fresh();
    const l = prospect(s);
    s.fails("update_lead", { lead_id: l.id }, "invalid_argument", /^nothing to update: pass a status or at least one field to change$/);
    const now = s.now();
    expect(s.ok("update_lead", { lead_id: l.id, source: "referral" })).toMatchObject({
      source: "referral",
      status: "new",
      updated_at: now,
      created_at: l.created_at,
    });
  });

  it("rule: a lead's new email may be its own in another case or a converted lead's, not another open lead's", () => {
    const s = fresh();
    const l = prospect(s);
    expect(s.ok("update_lead", { lead_id: l.id, email: "RHEA.VANCE@lattice-robotics.io" }).email).toBe("rhea.vance@lattice-robotics.io");
    const other = prospect(s, { email: "other@lattice-robotics.io", first_name: "Otto" });
    s.fails(
      "update_lead",
      { lead_id: l.id, email: "Other@Lattice-Robotics.io" },
      "already_exists",
      new RegExp(`^an open lead with the email other@lattice-robotics\\.io already exists: ${other.id}$`),
    );
    const a = contact(s, "Ann", "Aho");
    s.ok("convert_lead", { lead_id: other.id, contact_id: a.id, create_deal: false });
    expect(s.ok("update_lead", { lead_id: l.id, email: "other@lattice-robotics.io" }).email).toBe("other@lattice-robotics.io");
  });

  it("rule: list_leads hides converted leads unless asked, filters by status, source, owner and text, newest first", () => {
    const s = fresh();
    const a = prospect(s, { email: "a@quill.io", company: "Quillfeather", source: "event", owner_id: NATHAN });
    const b = prospect(s, { email: "b@quill.io", company: "Quillfeather", first_name: "Bo" });
    const c = prospect(s, { email: "c@quill.io", company: "Quillfeather", first_name: "Cy" });
    s.ok("update_lead", { lead_id: b.id, status: "contacted" });
    s.ok("convert_lead", { lead_id: c.id, create_deal: false });
    const ids = (args: Record<string, unknown>) => s.ok("list_leads", { query: "quillfeather", limit: 100, ...args }).items.map((l: any) => l.id);
    expect(ids({})).toEqual([b.id, a.id]);
    expect(ids({ include_converted: true })).toEqual([c.id, b.id, a.id]);
    expect(ids({ status: "contacted" })).toEqual([b.id]);
    expect(ids({ source: "event" })).toEqual([a.id]);
    expect(ids({ owner_id: NATHAN })).toEqual([a.id]);
    expect(ids({ query: "b@QUILL" })).toEqual([b.id]);
    expect(ids({ query: "bo vance" })).toEqual([b.id]);
  });

  it("rule: converted leads are read-only; the error names the contact, and the deal when there is one", () => {
    const s = fresh();
    const withDeal = prospect(s);
    const r = s.ok("convert_lead", { lead_id: withDeal.id });
    s.fails(
      "update_lead",
      { lead_id: withDeal.id, status: "contacted" },
      "failed_precondition",
      new RegExp(
        `^lead ${withDeal.id} was converted on ${TODAY} into contact ${r.contact.id} and deal ${r.deal.id}; converted leads are read-only, so update the contact instead$`,
      ),
    );
    const noDeal = prospect(s, { email: "solo@lattice-robotics.io" });
    const r2 = s.ok("convert_lead", { lead_id: noDeal.id, create_deal: false });
    s.fails(
      "assign_record_owner",
      { owner_id: NATHAN, lead_id: noDeal.id },
      "failed_precondition",
      new RegExp(`^lead ${noDeal.id} was converted on ${TODAY} into contact ${r2.contact.id}; converted leads are read-only, so reassign the contact instead$`),
    );
  });

  it("rule: get_lead shows the lead's five newest activities and notes", () => {
    const s = fresh();
    const l = prospect(s);
    for (let i = 1; i <= 6; i++) s.ok("log_crm_activity", { type: "call", subject: `Call ${i}`, lead_id: l.id });
    for (let i = 1; i <= 6; i++) s.ok("add_crm_note", { body: `Note ${i}`, lead_id: l.id });
    const got = s.ok("get_lead", { lead_id: l.id });
    expect(got.recent_activities.map((a: any) => a.subject)).toEqual(["Call 6", "Call 5", "Call 4", "Call 3", "Call 2"]);
    expect(got.notes.map((n: any) => n.body)).toEqual(["Note 6", "Note 5", "Note 4", "Note 3", "Note 2"]);
  });
});

describe("crm rules: lead conversion", () => {
  it("rule: by default a conversion makes a company, a contact and a deal '<company> — New deal' of 0 USD closing in 30 days", () => {
    const s = fresh();
    const l = prospect(s, { owner_id: THEO, phone: "+1-415-555-0134", job_title: "CTO" });
    const now = s.now();
    const r = s.ok("convert_lead", { lead_id: l.id });
    expect(r.company).toMatchObject({ name: "Lattice Robotics", domain: "lattice-robotics.io", industry: "unknown", owner_id: THEO, created_at: now });
    expect(r.contact).toMatchObject({
      first_name: "Rhea",
      last_name: "Vance",
      email: "rhea.vance@lattice-robotics.io",
      phone: "+1-415-555-0134",
      job_title: "CTO",
      company_id: r.company.id,
      lifecycle_stage: "opportunity",
      owner_id: THEO,
      source_lead_id: l.id,
    });
    expect(r.deal).toMatchObject({
      name: "Lattice Robotics — New deal",
      amount: 0,
      stage: "appointment_scheduled",
      close_date: "2026-10-03",
      owner_id: THEO,
      currency: "USD",
      source_lead_id: l.id,
      contact_ids: [r.contact.id],
    });
    expect(r.lead).toMatchObject({ status: "qualified", converted: true, converted_at: now, updated_at: now, owner_id: THEO });
  });

  it("rule: the owner of converted records may be chosen, but must be active", () => {
    const s = fresh();
    const l = prospect(s);
    s.fails("convert_lead", { lead_id: l.id, owner_id: ZOE }, "failed_precondition", /^Zoe Mensah \(OWN-1004\) is deactivated/);
    const r = s.ok("convert_lead", { lead_id: l.id, owner_id: NATHAN });
    expect([r.company.owner_id, r.contact.owner_id, r.deal.owner_id]).toEqual([NATHAN, NATHAN, NATHAN]);
    expect(r.lead.owner_id).toBe(ME);
  });

  it("rule: the conversion's deal may close today but not yesterday", () => {
    const s = fresh();
    const l = prospect(s);
    s.fails(
      "convert_lead",
      { lead_id: l.id, close_date: YESTERDAY },
      "invalid_argument",
      new RegExp(`^close date ${YESTERDAY} is before the deal's creation date ${TODAY}; pick ${TODAY} or later$`),
    );
    expect(s.ok("convert_lead", { lead_id: l.id, close_date: TODAY, deal_amount: 10 }).deal).toMatchObject({ close_date: TODAY, amount: 10 });
  });

  it("rule: deal_name, deal_amount and close_date each need create_deal", () => {
    const s = fresh();
    const l = prospect(s);
    for (const extra of [{ deal_name: "X" }, { deal_amount: 0 }, { close_date: TODAY }]) {
      s.fails(
        "convert_lead",
        { lead_id: l.id, create_deal: false, ...extra },
        "invalid_argument",
        /^deal_name, deal_amount and close_date only apply when create_deal is true$/,
      );
    }
  });

  it("rule: an unqualified lead is not converted; the error gives its reason", () => {
    const s = fresh();
    const l = prospect(s);
    s.ok("update_lead", { lead_id: l.id, status: "unqualified", unqualified_reason: "Student project" });
    s.fails(
      "convert_lead",
      { lead_id: l.id },
      "failed_precondition",
      new RegExp(`^lead ${l.id} is unqualified \\(Student project\\); set its status to qualified with update_lead before converting it$`),
    );
  });

  it("rule: a lead converts once; the error names its contact, company and deal", () => {
    const s = fresh();
    const l = prospect(s);
    const r = s.ok("convert_lead", { lead_id: l.id });
    s.fails(
      "convert_lead",
      { lead_id: l.id },
      "failed_precondition",
      new RegExp(
        `^lead ${l.id} was already converted on ${TODAY} into contact ${r.contact.id}, company ${r.company.id} and deal ${r.deal.id}; a lead converts only once$`,
      ),
    );
    const noDeal = prospect(s, { email: "nodeal@lattice-robotics.io" });
    const r2 = s.ok("convert_lead", { lead_id: noDeal.id, create_deal: false });
    s.fails(
      "convert_lead",
      { lead_id: noDeal.id },
      "failed_precondition",
      new RegExp(`^lead ${noDeal.id} was already converted on ${TODAY} into contact ${r2.contact.id}, company ${r.company.id}; a lead converts only once$`),
    );
  });

  it("rule: without create_deal the new contact stays a lead and the lead names no deal", () => {
    const s = fresh();
    const l = prospect(s);
    const r = s.ok("convert_lead", { lead_id: l.id, create_deal: false });
    expect(r.deal).toBeNull();
    expect(r.contact.lifecycle_stage).toBe("lead");
    expect(r.lead.converted_deal_id).toBeUndefined();
    expect(r.lead.converted_company_id).toBe(r.company.id);
  });

  it("rule: a company of the same name (any case, spaces trimmed) is reused; company_id picks one", () => {
    const s = fresh();
    const c = company(s, "Lattice Robotics", "lattice.dev");
    const other = company(s, "Yarrow Mills", "yarrow-mills.com");
    const l = prospect(s, { company: "  LATTICE robotics " });
    expect(s.ok("convert_lead", { lead_id: l.id }).company.id).toBe(c.id);
    const l2 = prospect(s, { email: "two@lattice-robotics.io" });
    expect(s.ok("convert_lead", { lead_id: l2.id, company_id: other.id })).toMatchObject({
      company: { id: other.id },
      deal: { name: "Yarrow Mills — New deal" },
    });
  });

  it("rule: merging into an existing contact keeps its company and source lead and does not create a contact", () => {
    const s = fresh();
    const c = company(s);
    const a = contact(s, "Ann", "Aho", { company_id: c.id, lifecycle_stage: "customer" });
    const bare = contact(s, "Ben", "Berg");
    const l = prospect(s);
    const before = s.rows("contacts").length;
    const r = s.ok("convert_lead", { lead_id: l.id, contact_id: a.id });
    expect(r.contact).toMatchObject({ id: a.id, company_id: c.id, lifecycle_stage: "customer", source_lead_id: l.id });
    expect(r.company.name).toBe("Lattice Robotics");
    expect(s.rows("contacts").length).toBe(before);
    const l2 = prospect(s, { email: "two@lattice-robotics.io" });
    const r2 = s.ok("convert_lead", { lead_id: l2.id, contact_id: a.id, create_deal: false });
    expect(r2.contact.source_lead_id).toBe(l.id);
    const l3 = prospect(s, { email: "three@lattice-robotics.io" });
    const r3 = s.ok("convert_lead", { lead_id: l3.id, contact_id: bare.id });
    expect(r3.contact).toMatchObject({ company_id: r.company.id, lifecycle_stage: "opportunity", source_lead_id: l3.id });
  });

  it("rule: a contact with the lead's email (any case) blocks a new contact; the error says to merge", () => {
    const s = fresh();
    const l = prospect(s, { email: "kai.lund@example.org" });
    const a = s.ok("create_crm_contact", { first_name: "Kai", last_name: "Lund", email: "kai.lund@example.org" });
    s.fails(
      "convert_lead",
      { lead_id: l.id },
      "already_exists",
      new RegExp(
        `^a contact with the lead's email kai\\.lund@example\\.org already exists: ${a.id} \\(Kai Lund\\); pass contact_id: '${a.id}' to merge the lead into it$`,
      ),
    );
  });

  it.each([
    ["bo@mailbox.org", "Ek & Söner AB", "ek-s-ner-ab.com"],
    ["bo@gmail.com", "Ek Group", "ek-group.com"],
    ["bo@outlook.com", "Ek Group", "ek-group.com"],
    ["bo@yahoo.com", "Ek Group", "ek-group.com"],
    ["bo@icloud.com", "Ek Group", "ek-group.com"],
    ["bo@hotmail.com", "Ek Group", "ek-group.com"],
    ["bo@ek-group.se", "Ek Group", "ek-group.se"],
    ["bo@gmail.com", "--Ek  Group!--", "ek-group.com"],
    ["bo@gmail.com", "!!!", "company.com"],
    ["bo@gmail.com", `${"A".repeat(70)}`, `${"a".repeat(60)}.com`],
  ])("rule: a lead from %s at '%s' gets the new company's domain %s (personal mail → a slug of the name)", (email, name, domain) => {
    const s = fresh();
    const l = s.ok("create_lead", { first_name: "Bo", last_name: "Ek", email, company: name });
    expect(s.ok("convert_lead", { lead_id: l.id }).company.domain).toBe(domain);
  });

  it("rule: a taken domain falls back to the name's slug, then to -2, -3", () => {
    const s = fresh();
    company(s, "Somebody", "ek-group.se");
    company(s, "Taken", "ek-group.com");
    company(s, "Taken too", "ek-group-2.com");
    const l = s.ok("create_lead", { first_name: "Bo", last_name: "Ek", email: "bo@ek-group.se", company: "Ek Group" });
    expect(s.ok("convert_lead", { lead_id: l.id }).company.domain).toBe("ek-group-3.com");
  });
});

describe("crm rules: contacts and companies", () => {
  it("rule: contact emails are unique ignoring case; the error names the holder", () => {
    const s = fresh();
    const a = contact(s, "Ann", "Aho");
    s.fails(
      "create_crm_contact",
      { first_name: "X", last_name: "Y", email: "ANN.AHO@zephyr-tooling.com" },
      "already_exists",
      new RegExp(
        `^a contact with the email ann\\.aho@zephyr-tooling\\.com already exists: ${a.id} \\(Ann Aho\\); emails are unique among contacts, use that contact or another email$`,
      ),
    );
    const b = contact(s, "Ben", "Berg");
    expect(s.ok("update_crm_contact", { contact_id: a.id, email: "Ann.Aho@Zephyr-Tooling.com" }).email).toBe("ann.aho@zephyr-tooling.com");
    s.fails("update_crm_contact", { contact_id: a.id, email: b.email }, "already_exists", new RegExp(`already exists: ${b.id} \\(Ben Berg\\)`));
  });

  it("rule: a new contact is a lead owned by the user unless told otherwise; its company must exist", () => {
    const s = fresh();
    const now = s.now();
    const a = contact(s, "Ann", "Aho", { city: "Oslo" });
    expect(a).toMatchObject({ lifecycle_stage: "lead", owner_id: ME, city: "Oslo", created_at: now, updated_at: now });
    expect(a.company_id).toBeUndefined();
    expect(contact(s, "Ben", "Berg", { owner_id: THEO, lifecycle_stage: "customer" })).toMatchObject({ owner_id: THEO, lifecycle_stage: "customer" });
    s.fails("create_crm_contact", { first_name: "X", last_name: "Y", email: "x@y.com", company_id: "CMP-0000" }, "not_found", /CMP-0000/);
    s.fails("create_crm_contact", { first_name: "X", last_name: "Y", email: "x@y.com", owner_id: ZOE }, "failed_precondition", /deactivated/);
  });

  it("rule: update_crm_contact needs a change; a new company must exist", () => {
    const s = fresh();
    const a = contact(s, "Ann", "Aho");
    s.fails("update_crm_contact", { contact_id: a.id }, "invalid_argument", /^nothing to update: pass at least one field to change$/);
    s.fails("update_crm_contact", { contact_id: a.id, company_id: "CMP-0000" }, "not_found", /CMP-0000/);
    const c = company(s);
    const now = s.now();
    expect(s.ok("update_crm_contact", { contact_id: a.id, company_id: c.id, city: "Bergen" })).toMatchObject({
      company_id: c.id,
      city: "Bergen",
      first_name: "Ann",
      updated_at: now,
    });
  });

  it("rule: contacts are listed by last name, then first name, filtered by company, owner, stage and text", () => {
    const s = fresh();
    const c = company(s);
    const b = contact(s, "Bea", "Zzyzx", { company_id: c.id });
    const a = contact(s, "Abe", "Zzyzx", { company_id: c.id, owner_id: NATHAN, job_title: "Buyer" });
    const z = contact(s, "Aaa", "Zzyzy", { lifecycle_stage: "customer" });
    const ids = (args: Record<string, unknown>) => s.ok("list_crm_contacts", { query: "zzyz", limit: 100, ...args }).items.map((x: any) => x.id);
    expect(ids({})).toEqual([a.id, b.id, z.id]);
    expect(ids({ company_id: c.id })).toEqual([a.id, b.id]);
    expect(ids({ owner_id: NATHAN })).toEqual([a.id]);
    expect(ids({ lifecycle_stage: "customer" })).toEqual([z.id]);
    expect(ids({ query: "BUYER" })).toEqual([a.id]);
    expect(ids({ query: "bea zzyzx" })).toEqual([b.id]);
    expect(ids({ query: "AAA.ZZYZY@zephyr" })).toEqual([z.id]);
  });

  it("rule: get_crm_contact shows the company (or null), the contact's deals and five newest activities and notes", () => {
    const s = fresh();
    const c = company(s);
    const a = contact(s, "Ann", "Aho", { company_id: c.id });
    const d = deal(s, c.id, { contact_ids: [a.id], amount: 321 });
    deal(s, c.id);
    for (let i = 1; i <= 6; i++) s.ok("log_crm_activity", { type: "email", subject: `Mail ${i}`, contact_id: a.id });
    for (let i = 1; i <= 6; i++) s.ok("add_crm_note", { body: `Note ${i}`, contact_id: a.id });
    const got = s.ok("get_crm_contact", { contact_id: a.id });
    expect(got.company).toEqual({ id: c.id, name: "Zephyr Tooling", domain: "zephyr-tooling.com" });
    expect(got.deals).toEqual([{ id: d.id, name: "Zephyr — Pilot", stage: "appointment_scheduled", amount: 321, close_date: TODAY }]);
    expect(got.recent_activities.map((x: any) => x.subject)).toEqual(["Mail 6", "Mail 5", "Mail 4", "Mail 3", "Mail 2"]);
    expect(got.notes.map((x: any) => x.body)).toEqual(["Note 6", "Note 5", "Note 4", "Note 3", "Note 2"]);
    expect(s.ok("get_crm_contact", { contact_id: contact(s, "Ben", "Berg").id }).company).toBeNull();
  });

  it("rule: company domains are unique (compared lower-case); the error names the holder", () => {
    const s = fresh();
    const c = company(s, "Zephyr Tooling", "Zephyr-Tooling.com");
    expect(c).toMatchObject({ domain: "zephyr-tooling.com", owner_id: ME, industry: "manufacturing" });
    s.fails(
      "create_company",
      { name: "Other", domain: "ZEPHYR-tooling.com" },
      "already_exists",
      new RegExp(`^the company Zephyr Tooling \\(${c.id}\\) already uses the domain zephyr-tooling\\.com; domains are unique, use that company$`),
    );
    expect(s.ok("create_company", { name: "Theirs", domain: "theirs.com", owner_id: NATHAN })).toMatchObject({ owner_id: NATHAN, industry: "unknown" });
    s.fails("create_company", { name: "Off", domain: "off.com", owner_id: ZOE }, "failed_precondition", /deactivated/);
  });

  it("rule: companies are listed by name, filtered by text in name or domain, industry and city (any case) and owner", () => {
    const s = fresh();
    const b = company(s, "Qwix Beta", "qwix-beta.com", { industry: "Software", city: "Oslo" });
    const a = company(s, "Qwix Alpha", "alpha.io", { industry: "retail", city: "Bergen", owner_id: NATHAN });
    const ids = (args: Record<string, unknown>) => s.ok("list_companies", { limit: 100, ...args }).items.map((x: any) => x.id);
    expect(ids({ query: "qwix" })).toEqual([a.id, b.id]);
    expect(ids({ query: "ALPHA.IO" })).toEqual([a.id]);
    expect(ids({ query: "qwix", industry: "SOFTWARE" })).toEqual([b.id]);
    expect(ids({ query: "qwix", city: "bergen" })).toEqual([a.id]);
    expect(ids({ query: "qwix", owner_id: NATHAN })).toEqual([a.id]);
    expect(ids({ query: "qwix", city: "Paris" })).toEqual([]);
  });

  it("rule: get_company sums open pipeline and won revenue to the cent, and lists at most 25 contacts", () => {
    const s = fresh();
    const c = company(s);
    deal(s, c.id, { amount: 100.1 });
    deal(s, c.id, { amount: 200.2, stage: "proposal" });
    const won = deal(s, c.id, { amount: 0.3, stage: "negotiation" });
    s.ok("update_deal_stage", { deal_id: won.id, stage: "closed_won" });
    const won2 = deal(s, c.id, { amount: 0.6, stage: "negotiation" });
    s.ok("update_deal_stage", { deal_id: won2.id, stage: "closed_won" });
    const lost = deal(s, c.id, { amount: 5000 });
    s.ok("update_deal_stage", { deal_id: lost.id, stage: "closed_lost", lost_reason: "No budget" });
    for (let i = 0; i < 26; i++) contact(s, "P", `N${i}`, { company_id: c.id });
    const got = s.ok("get_company", { company_id: c.id });
    expect(got).toMatchObject({ open_pipeline: 300.3, won_revenue: 0.9 });
    expect(got.deals).toHaveLength(5);
    expect(got.contacts).toHaveLength(25);
    expect(got.contacts[0]).toEqual({ id: got.contacts[0].id, name: "P N0", email: "p.n0@zephyr-tooling.com", job_title: undefined });
  });
});

describe("crm rules: activities, tasks and notes", () => {
  it("rule: a task may be due today but not yesterday, and needs a due date", () => {
    const s = fresh();
    const c = company(s);
    s.fails(
      "log_crm_activity",
      { type: "task", subject: "T", company_id: c.id },
      "invalid_argument",
      /^a task needs a due_date \(YYYY-MM-DD\), today or later$/,
    );
    s.fails(
      "log_crm_activity",
      { type: "task", subject: "T", company_id: c.id, due_date: YESTERDAY },
      "invalid_argument",
      new RegExp(`^due date ${YESTERDAY} is in the past; a task is due today \\(${TODAY}\\) or later$`),
    );
    const now = s.now();
    const t = s.ok("log_crm_activity", { type: "task", subject: "T", body: "Send it", company_id: c.id, due_date: TODAY });
    expect(t).toMatchObject({ type: "task", status: "open", due_date: TODAY, body: "Send it", owner_id: ME, company_id: c.id, created_at: now });
    expect(t.occurred_at).toBeUndefined();
    expect(t.outcome).toBeUndefined();
  });

  it("rule: occurred_at and outcome do not apply to tasks", () => {
    const s = fresh();
    const c = company(s);
    const message = /^occurred_at and outcome apply to calls, emails and meetings, not tasks$/;
    s.fails(
      "log_crm_activity",
      { type: "task", subject: "T", company_id: c.id, due_date: TODAY, occurred_at: "2026-09-03T08:00:00Z" },
      "invalid_argument",
      message,
    );
    s.fails("log_crm_activity", { type: "task", subject: "T", company_id: c.id, due_date: TODAY, outcome: "connected" }, "invalid_argument", message);
  });

  it("rule: a logged activity may have happened right now but not a minute later", () => {
    const s = fresh();
    const c = company(s);
    const now = s.now();
    expect(now).toBe("2026-09-03T09:01:00Z");
    s.fails(
      "log_crm_activity",
      { type: "meeting", subject: "M", company_id: c.id, occurred_at: "2026-09-03T09:02:00Z" },
      "invalid_argument",
      /^occurred_at 2026-09-03T09:02:00Z is in the future \(now is 2026-09-03T09:01:00Z\); log activities that already happened, or create a task for future work$/,
    );
    const m = s.ok("log_crm_activity", { type: "meeting", subject: "M", company_id: c.id, occurred_at: "2026-09-03T09:01:00Z" });
    expect(m).toMatchObject({ type: "meeting", status: "completed", occurred_at: "2026-09-03T09:01:00Z" });
    expect(m.outcome).toBeUndefined();
  });

  it("rule: a call's outcome defaults to connected; emails and meetings have none and refuse one", () => {
    const s = fresh();
    const c = company(s);
    expect(s.ok("log_crm_activity", { type: "call", subject: "C", company_id: c.id })).toMatchObject({ outcome: "connected", status: "completed", body: "" });
    expect(s.ok("log_crm_activity", { type: "call", subject: "C", company_id: c.id, outcome: "no_answer" }).outcome).toBe("no_answer");
    const e = s.ok("log_crm_activity", { type: "email", subject: "E", company_id: c.id });
    expect(e.outcome).toBeUndefined();
    for (const type of ["email", "meeting"]) {
      s.fails(
        "log_crm_activity",
        { type, subject: "E", company_id: c.id, outcome: "connected" },
        "invalid_argument",
        new RegExp(`^outcome applies to calls only, not to a ${type}$`),
      );
      s.fails(
        "log_crm_activity",
        { type, subject: "E", company_id: c.id, due_date: TODAY },
        "invalid_argument",
        new RegExp(`^due_date applies to tasks only; a ${type} is logged with occurred_at$`),
      );
    }
  });

  it("rule: an activity or note is attached to at least one existing record, and keeps exactly those given", () => {
    const s = fresh();
    s.fails(
      "log_crm_activity",
      { type: "call", subject: "C" },
      "invalid_argument",
      /^an activity must be attached to a record: pass at least one of lead_id, contact_id, company_id or deal_id$/,
    );
    s.fails(
      "add_crm_note",
      { body: "B" },
      "invalid_argument",
      /^a note must be attached to a record: pass at least one of lead_id, contact_id, company_id or deal_id$/,
    );
    for (const [key, id] of [
      ["lead_id", "LEAD-0000"],
      ["contact_id", "CON-0000"],
      ["company_id", "CMP-0000"],
      ["deal_id", "DEAL-0000"],
    ]) {
      s.fails("add_crm_note", { body: "B", [key as string]: id }, "not_found", new RegExp(id as string));
    }
    const c = company(s);
    const a = contact(s, "Ann", "Aho", { company_id: c.id });
    const d = deal(s, c.id);
    const l = prospect(s);
    const n = s.ok("add_crm_note", { body: "All four", lead_id: l.id, contact_id: a.id, company_id: c.id, deal_id: d.id });
    expect(n).toMatchObject({ lead_id: l.id, contact_id: a.id, company_id: c.id, deal_id: d.id, author_id: ME });
    const one = s.ok("log_crm_activity", { type: "call", subject: "C", deal_id: d.id });
    expect(Object.keys(one).filter((k) => k.endsWith("_id"))).toEqual(["owner_id", "deal_id"]);
  });

  it("rule: nothing is attached to a converted lead; the error says to attach the note or activity to its contact (regression: read 'attach the an activity')", () => {
    const s = fresh();
    const l = prospect(s);
    const r = s.ok("convert_lead", { lead_id: l.id });
    const head = `^lead ${l.id} was converted on ${TODAY} into contact ${r.contact.id} and deal ${r.deal.id}; converted leads are read-only`;
    s.fails("add_crm_note", { body: "B", lead_id: l.id }, "failed_precondition", new RegExp(`${head}, so attach a note to the contact instead$`));
    s.fails(
      "log_crm_activity",
      { type: "call", subject: "C", lead_id: l.id },
      "failed_precondition",
      new RegExp(`${head}, so attach an activity to the contact instead$`),
    );
  });

  it("rule: a task completes once, at the clock's time; calls, emails and meetings are never completed", () => {
    const s = fresh();
    const c = company(s);
    const t = s.ok("log_crm_activity", { type: "task", subject: "T", company_id: c.id, due_date: TOMORROW });
    const now = s.now();
    expect(s.ok("complete_crm_task", { activity_id: t.id })).toMatchObject({ status: "completed", completed_at: now });
    s.fails("complete_crm_task", { activity_id: t.id }, "failed_precondition", new RegExp(`^task ${t.id} was already completed at ${now}$`));
    for (const type of ["call", "email", "meeting"]) {
      const x = s.ok("log_crm_activity", { type, subject: "X", company_id: c.id });
      s.fails(
        "complete_crm_task",
        { activity_id: x.id },
        "failed_precondition",
        new RegExp(`^activity ${x.id} is a ${type}, which is logged as completed already; only tasks can be completed$`),
      );
    }
  });

  it("rule: activities are listed newest first and filtered by type, status, owner, due date (inclusive) and record", () => {
    const s = fresh();
    const c = company(s, "Zephyr Tooling", "zephyr-tooling.com");
    const a = contact(s, "Ann", "Aho", { company_id: c.id });
    const d = deal(s, c.id);
    const t1 = s.ok("log_crm_activity", { type: "task", subject: "T1", company_id: c.id, due_date: TODAY });
    const t2 = s.ok("log_crm_activity", { type: "task", subject: "T2", company_id: c.id, contact_id: a.id, due_date: TOMORROW });
    const call = s.ok("log_crm_activity", { type: "call", subject: "C", company_id: c.id, deal_id: d.id });
    s.ok("complete_crm_task", { activity_id: t1.id });
    const ids = (args: Record<string, unknown>) => s.ok("list_crm_activities", { company_id: c.id, limit: 100, ...args }).items.map((x: any) => x.id);
    expect(ids({})).toEqual([call.id, t2.id, t1.id]);
    expect(ids({ type: "task" })).toEqual([t2.id, t1.id]);
    expect(ids({ status: "open" })).toEqual([t2.id]);
    expect(ids({ status: "completed" })).toEqual([call.id, t1.id]);
    expect(ids({ due_before: TODAY })).toEqual([t1.id]);
    expect(ids({ due_before: TOMORROW })).toEqual([t2.id, t1.id]);
    expect(ids({ due_before: YESTERDAY })).toEqual([]);
    expect(ids({ contact_id: a.id })).toEqual([t2.id]);
    expect(ids({ deal_id: d.id })).toEqual([call.id]);
    expect(ids({ owner_id: NATHAN })).toEqual([]);
    expect(ids({ owner_id: ME })).toEqual([call.id, t2.id, t1.id]);
  });

  it("rule: activities logged in the same minute list the higher id first", () => {
    const s = fresh();
    const c = company(s);
    const first = s.ok("log_crm_activity", { type: "call", subject: "A", company_id: c.id });
    const second = s.ok("log_crm_activity", { type: "call", subject: "B", company_id: c.id });
    s.edit(crm, (db) => db.activities.update(second.id, { created_at: first.created_at }));
    expect(s.ok("list_crm_activities", { company_id: c.id }).items.map((x: any) => x.id)).toEqual([second.id, first.id]);
  });

  it("rule: notes are listed newest first, filtered by text and by each kind of record", () => {
    const s = fresh();
    const c = company(s);
    const a = contact(s, "Ann", "Aho");
    const d = deal(s, c.id);
    const l = prospect(s);
    const n1 = s.ok("add_crm_note", { body: "Budget is tight", company_id: c.id, deal_id: d.id });
    const n2 = s.ok("add_crm_note", { body: "Prefers Tuesdays", contact_id: a.id, company_id: c.id });
    const n3 = s.ok("add_crm_note", { body: "Met at the fair", lead_id: l.id });
    const ids = (args: Record<string, unknown>) => s.ok("list_crm_notes", { limit: 100, ...args }).items.map((x: any) => x.id);
    expect(ids({ company_id: c.id })).toEqual([n2.id, n1.id]);
    expect(ids({ deal_id: d.id })).toEqual([n1.id]);
    expect(ids({ contact_id: a.id })).toEqual([n2.id]);
    expect(ids({ lead_id: l.id })).toEqual([n3.id]);
    expect(ids({ company_id: c.id, query: "TUESDAY" })).toEqual([n2.id]);
    expect(ids({ company_id: c.id, deal_id: d.id, contact_id: a.id })).toEqual([]);
    s.edit(crm, (db) => db.notes.update(n2.id, { created_at: n1.created_at }));
    expect(ids({ company_id: c.id })).toEqual([n2.id, n1.id]);
  });
});

describe("crm rules: owners", () => {
  it("rule: list_crm_owners filters by active: three active users, one deactivated", () => {
    const s = fresh();
    const ids = (args: Record<string, unknown>) => s.ok("list_crm_owners", args).items.map((o: any) => o.id);
    expect(ids({})).toEqual([ME, NATHAN, THEO, ZOE]);
    expect(ids({ active: true })).toEqual([ME, NATHAN, THEO]);
    expect(ids({ active: false })).toEqual([ZOE]);
  });

  it("rule: assign_record_owner reassigns exactly one record to an active user", () => {
    const s = fresh();
    const c = company(s);
    const a = contact(s, "Ann", "Aho");
    const d = deal(s, c.id, { stage: "proposal" });
    const l = prospect(s);
    const now = s.now();
    expect(s.ok("assign_record_owner", { owner_id: THEO, lead_id: l.id })).toMatchObject({ id: l.id, owner_id: THEO, updated_at: now });
    expect(s.ok("assign_record_owner", { owner_id: THEO, contact_id: a.id })).toMatchObject({ id: a.id, owner_id: THEO });
    expect(s.ok("assign_record_owner", { owner_id: THEO, company_id: c.id })).toMatchObject({ id: c.id, owner_id: THEO });
    expect(s.ok("assign_record_owner", { owner_id: THEO, deal_id: d.id })).toMatchObject({
      id: d.id,
      owner_id: THEO,
      probability: 0.6,
      company_name: "Zephyr Tooling",
    });
    s.fails(
      "assign_record_owner",
      { owner_id: THEO, lead_id: l.id, company_id: c.id },
      "invalid_argument",
      /^pass exactly one of lead_id, contact_id, company_id or deal_id \(got lead_id, company_id\)$/,
    );
    s.fails("assign_record_owner", { owner_id: THEO }, "invalid_argument", /^pass exactly one of lead_id, contact_id, company_id or deal_id \(got none\)$/);
    s.fails(
      "assign_record_owner",
      { owner_id: ZOE, deal_id: d.id },
      "failed_precondition",
      new RegExp(`^Zoe Mensah \\(OWN-1004\\) is deactivated and cannot own records; choose an active user: ${ACTIVE_USERS.replace(/[()]/g, "\\$&")}$`),
    );
    s.fails("assign_record_owner", { owner_id: THEO, company_id: "CMP-0000" }, "not_found", /CMP-0000/);
    s.fails("assign_record_owner", { owner_id: THEO, contact_id: "CON-0000" }, "not_found", /CON-0000/);
    s.fails("assign_record_owner", { owner_id: THEO, deal_id: "DEAL-0000" }, "not_found", /DEAL-0000/);
  });

  it("rule: the assistant acts as the CRM user with the user's email; without one, writes are refused", () => {
    const s = fresh();
    const c = company(s);
    s.edit(crm, (db) => db.owners.update(ME, { email: "someone.else@example.com" }));
    s.fails("add_crm_note", { body: "B", company_id: c.id }, "permission_denied", /^the user Pablo Lopez has no CRM user$/);
    s.fails("create_company", { name: "N", domain: "n-co.com" }, "permission_denied", /has no CRM user/);
    expect(s.ok("create_company", { name: "N", domain: "n-co.com", owner_id: NATHAN }).owner_id).toBe(NATHAN);
  });
});

describe("crm rules: how records are described", () => {
  const t = crm.tables as any;
  it("rule: each record describes itself in words a model reads", () => {
    expect(t.owners.describe({ name: "Zoe Mensah", active: false })).toBe("the CRM user Zoe Mensah (deactivated)");
    expect(t.owners.describe({ name: "Pablo Lopez", active: true })).toBe("the CRM user Pablo Lopez");
    expect(t.leads.describe({ converted: true, first_name: "Rhea", last_name: "Vance", company: "Lattice" })).toBe(
      "the converted lead Rhea Vance from Lattice",
    );
    expect(t.leads.describe({ converted: false, first_name: "Rhea", last_name: "Vance", company: "Lattice" })).toBe("the lead Rhea Vance from Lattice");
    expect(t.contacts.describe({ first_name: "Ann", last_name: "Aho", email: "ann@x.com" })).toBe("the contact Ann Aho (ann@x.com)");
    expect(t.companies.describe({ name: "Zephyr", domain: "zephyr.com" })).toBe("the company Zephyr (zephyr.com)");
    expect(t.deals.describe({ name: "Pilot", stage: "closed_won", amount: 1234.5 })).toBe('the deal "Pilot" (closed won, 1234.50 USD)');
    expect(t.activities.describe({ type: "task", subject: "Send quote", due_date: "2026-09-10" })).toBe('the task "Send quote" due 2026-09-10');
    expect(t.activities.describe({ type: "task", subject: "Send quote" })).toBe('the task "Send quote" due someday');
    expect(t.activities.describe({ type: "call", subject: "Intro", occurred_at: "2026-09-01T10:00:00Z", created_at: "2026-09-02T10:00:00Z" })).toBe(
      'the call "Intro" on 2026-09-01',
    );
    expect(t.activities.describe({ type: "email", subject: "Intro", created_at: "2026-09-02T10:00:00Z" })).toBe('the email "Intro" on 2026-09-02');
    expect(t.notes.describe({ body: "Prefers Tuesdays", created_at: "2026-09-02T10:00:00Z" })).toBe('the note "Prefers Tuesdays" of 2026-09-02');
  });
});

describe("crm rules: what the tools accept", () => {
  it("rule: a company's web domain is labels of letters, digits and hyphens joined by dots, not starting with a hyphen, stored lower-case", () => {
    const s = fresh();
    for (const bad of ["-lead.com", "!x.com", "x.com!", "nodot", "x..com", "x.com/path"]) {
      s.fails("create_company", { name: "X", domain: bad }, "invalid_arguments", /domain: expected a web domain such as northwind-logistics\.com/);
    }
    expect(s.ok("create_company", { name: "X", domain: "a.b" }).domain).toBe("a.b");
    expect(s.ok("create_company", { name: "X", domain: "  Pad.Example.com  " }).domain).toBe("pad.example.com");
    expect(s.ok("create_company", { name: "X", domain: `${"a".repeat(63)}.com` }).domain).toBe(`${"a".repeat(63)}.com`);
    s.fails("create_company", { name: "X", domain: `${"a".repeat(64)}.com` }, "invalid_arguments", /web domain/);
  });

  it("rule: amounts are never negative: deal amounts, conversion amounts, revenues and amount filters", () => {
    const s = fresh();
    const c = company(s);
    s.fails("create_deal", { name: "X", company_id: c.id, close_date: TODAY, amount: -0.01 }, "invalid_arguments", /amount: the amount cannot be negative/);
    const d = deal(s, c.id);
    s.fails("update_deal", { deal_id: d.id, amount: -1 }, "invalid_arguments", /amount: the amount cannot be negative/);
    s.fails("convert_lead", { lead_id: prospect(s).id, deal_amount: -1 }, "invalid_arguments", /deal_amount: the amount cannot be negative/);
    s.fails("create_company", { name: "X", domain: "x.com", annual_revenue: -1 }, "invalid_arguments", /annual_revenue: the amount cannot be negative/);
    s.fails("list_deals", { min_amount: -1 }, "invalid_arguments", /min_amount: min_amount cannot be negative/);
    s.fails("list_deals", { max_amount: -1 }, "invalid_arguments", /max_amount: max_amount cannot be negative/);
    expect(s.ok("create_company", { name: "Rich", domain: "rich.com", annual_revenue: 2_500_000.5, country: "NO" })).toMatchObject({
      annual_revenue: 2_500_000.5,
      country: "NO",
    });
  });

  it("rule: a company has 0 to 10,000,000 employees", () => {
    const s = fresh();
    expect(s.ok("create_company", { name: "Tiny", domain: "tiny.com", employees: 0 }).employees).toBe(0);
    expect(s.ok("create_company", { name: "Huge", domain: "huge.com", employees: 10_000_000 }).employees).toBe(10_000_000);
    s.fails("create_company", { name: "X", domain: "x.com", employees: 10_000_001 }, "invalid_arguments", /employees/);
    s.fails("create_company", { name: "X", domain: "x.com", employees: -1 }, "invalid_arguments", /employees/);
  });

  it("rule: a close-date or amount range may not run backwards", () => {
    const s = fresh();
    s.fails(
      "list_deals",
      { close_date_from: "2026-10-02", close_date_to: "2026-10-01" },
      "invalid_argument",
      /^close_date_from \(2026-10-02\) is after close_date_to \(2026-10-01\): the range runs backwards/,
    );
    s.fails("get_pipeline_summary", { close_date_from: "2026-10-02", close_date_to: "2026-10-01" }, "invalid_argument", /the range runs backwards/);
    s.fails("list_deals", { min_amount: 300, max_amount: 200 }, "invalid_argument", /min_amount.*max_amount/);
    expect(s.ok("list_deals", { min_amount: 200, max_amount: 200, close_date_from: TODAY, close_date_to: TODAY }).items).toEqual([]);
  });

  it("rule: names, titles, reasons, subjects and other free text are stored without surrounding spaces", () => {
    const s = fresh();
    const c = s.ok("create_company", { name: "Pad Co", domain: "pad.com", industry: "  software  ", city: "  Oslo ", country: " NO " });
    expect(c).toMatchObject({ industry: "software", city: "Oslo", country: "NO" });
    expect(s.ok("list_companies", { industry: "  SOFTWARE ", city: " oslo  " }).items.map((x: any) => x.id)).toEqual([c.id]);
    const a = s.ok("create_crm_contact", { first_name: "Ann", last_name: "Aho", email: "ann@pad.com", job_title: "  CTO ", city: " Oslo  " });
    expect(a).toMatchObject({ job_title: "CTO", city: "Oslo" });
    expect(s.ok("update_crm_contact", { contact_id: a.id, job_title: " CEO  ", city: "  Bergen " })).toMatchObject({ job_title: "CEO", city: "Bergen" });
    const l = prospect(s, { job_title: "  Buyer  " });
    expect(l.job_title).toBe("Buyer");
    expect(s.ok("update_lead", { lead_id: l.id, status: "unqualified", unqualified_reason: "  No budget  ", job_title: " Head " })).toMatchObject({
      unqualified_reason: "No budget",
      job_title: "Head",
    });
    const l2 = prospect(s, { email: "two@lattice-robotics.io" });
    expect(s.ok("convert_lead", { lead_id: l2.id, deal_name: "  Pilot  " }).deal.name).toBe("Pilot");
    const d = s.ok("create_deal", { name: "  Licence  ", company_id: c.id, close_date: TODAY });
    expect(d.name).toBe("Licence");
    expect(s.ok("update_deal", { deal_id: d.id, name: "  Renewal " }).name).toBe("Renewal");
    expect(s.ok("update_deal_stage", { deal_id: d.id, stage: "closed_lost", lost_reason: "  Chose a competitor " }).lost_reason).toBe("Chose a competitor");
    expect(s.ok("log_crm_activity", { type: "call", subject: "  Intro call ", company_id: c.id }).subject).toBe("Intro call");
    expect(s.ok("add_crm_note", { body: "  Prefers mornings  ", company_id: c.id }).body).toBe("Prefers mornings");
  });

  it("rule: a city filter skips companies without a city", () => {
    const s = fresh();
    const nowhere = s.ok("create_company", { name: "Qwix Nowhere", domain: "nowhere.com" });
    expect(nowhere.city).toBeUndefined();
    expect(s.ok("list_companies", { query: "qwix", city: "Oslo" }).items).toEqual([]);
    expect(s.ok("list_companies", { query: "qwix" }).items.map((x: any) => x.id)).toEqual([nowhere.id]);
  });

  it("rule: new records get ids with their kind's prefix", () => {
    const s = fresh();
    const c = company(s);
    const a = contact(s, "Ann", "Aho", { company_id: c.id });
    const d = deal(s, c.id);
    const act = s.ok("log_crm_activity", { type: "call", subject: "C", deal_id: d.id });
    const n = s.ok("add_crm_note", { body: "N", deal_id: d.id });
    expect([c.id, a.id, d.id, act.id, n.id, prospect(s).id].map((id: string) => id.replace(/\d+$/, ""))).toEqual([
      "CMP-",
      "CON-",
      "DEAL-",
      "ACT-",
      "NOTE-",
      "LEAD-",
    ]);
    expect(s.rows("owners").map((o) => o.id.replace(/\d+$/, ""))).toEqual(["OWN-", "OWN-", "OWN-", "OWN-"]);
  });

  it("rule: get_deal lists its contacts by name and email, and its five newest activities and notes", () => {
    const s = fresh();
    const c = company(s);
    const a = contact(s, "Ann", "Aho");
    const b = contact(s, "Ben", "Berg");
    const d = deal(s, c.id, { contact_ids: [b.id, a.id] });
    for (let i = 1; i <= 6; i++) s.ok("log_crm_activity", { type: "meeting", subject: `Meet ${i}`, deal_id: d.id });
    for (let i = 1; i <= 6; i++) s.ok("add_crm_note", { body: `Note ${i}`, deal_id: d.id });
    const got = s.ok("get_deal", { deal_id: d.id });
    expect(got.contacts).toEqual([
      { id: b.id, name: "Ben Berg", email: "ben.berg@zephyr-tooling.com" },
      { id: a.id, name: "Ann Aho", email: "ann.aho@zephyr-tooling.com" },
    ]);
    expect(got.recent_activities.map((x: any) => x.subject)).toEqual(["Meet 6", "Meet 5", "Meet 4", "Meet 3", "Meet 2"]);
    expect(got.notes.map((x: any) => x.body)).toEqual(["Note 6", "Note 5", "Note 4", "Note 3", "Note 2"]);
    const solo = s.ok("get_deal", { deal_id: s.ok("create_deal", { name: "Solo", contact_ids: [a.id], close_date: TODAY }).id });
    expect(solo.company_name).toBeUndefined();
  });

  it("rule: long subjects and note bodies are cut to 50 and 40 characters in descriptions, ending with …", () => {
    const t = crm.tables as any;
    const subject = "Quarterly business review with the whole buying committee";
    expect(t.activities.describe({ type: "task", subject, due_date: "2026-09-10" })).toBe(
      'the task "Quarterly business review with the whole buying c…" due 2026-09-10',
    );
    const body = "Prefers calls on Tuesday mornings, never on Fridays";
    expect(t.notes.describe({ body, created_at: "2026-09-02T10:00:00Z" })).toBe('the note "Prefers calls on Tuesday mornings, neve…" of 2026-09-02');
  });
});

describe("crm rules: where a model finds ids", () => {
  it.each([
    ["get_lead", { lead_id: "LEAD-0000" }, "Call list_leads to see valid lead ids."],
    ["get_crm_contact", { contact_id: "CON-0000" }, "Call list_crm_contacts to see valid contact ids."],
    ["get_company", { company_id: "CMP-0000" }, "Call list_companies to see valid company ids."],
    ["get_deal", { deal_id: "DEAL-0000" }, "Call list_deals to see valid deal ids."],
    ["complete_crm_task", { activity_id: "ACT-0000" }, "Call list_crm_activities to see valid activity ids."],
  ])("rule: %s with an unknown id says which list tool has the ids", (tool, args, hint) => {
    const e = fresh().fails(tool, args, "not_found");
    expect(e.message.endsWith(hint)).toBe(true);
  });

  it("rule: each list tool discovers its kind and each create tool produces one", () => {
    const byName = new Map(crm.tools.map((t) => [t.name, t]));
    const discovers = Object.fromEntries([...byName].filter(([, t]) => t.discovers.length > 0).map(([name, t]) => [name, [...t.discovers]]));
    expect(discovers).toEqual({
      list_crm_owners: ["owner"],
      list_leads: ["lead"],
      list_crm_contacts: ["contact"],
      list_companies: ["company"],
      list_deals: ["deal"],
      list_crm_activities: ["activity"],
      list_crm_notes: ["note"],
    });
    const produces = Object.fromEntries([...byName].filter(([, t]) => t.produces).map(([name, t]) => [name, t.produces]));
    expect(produces).toEqual({
      create_lead: "lead",
      convert_lead: "contact",
      create_crm_contact: "contact",
      create_company: "company",
      create_deal: "deal",
      log_crm_activity: "activity",
      add_crm_note: "note",
    });
    expect([crm.name, crm.title]).toEqual(["crm", "CRM"]);
  });
});

describe("crm rules: the vocabularies", () => {
  it("rule: a lead comes from the website, a referral, an event, cold outreach, a partner, paid ads or a webinar", () => {
    const s = fresh();
    const sources = ["website", "referral", "event", "cold_outreach", "partner", "paid_ads", "webinar"];
    const made = sources.map((source, i) => prospect(s, { email: `lead${i}@lattice-robotics.io`, source }).source);
    expect(made).toEqual(sources);
    s.fails("create_lead", { first_name: "A", last_name: "B", email: "a.b@z.com", company: "Z", source: "trade_show" }, "invalid_arguments", /source/);
  });

  it("rule: a lead's status is new, contacted, qualified or unqualified", () => {
    const s = fresh();
    const l = prospect(s);
    for (const status of ["contacted", "qualified", "new"]) expect(s.ok("update_lead", { lead_id: l.id, status }).status).toBe(status);
    expect(s.ok("update_lead", { lead_id: l.id, status: "unqualified", unqualified_reason: "No fit" }).status).toBe("unqualified");
    s.fails("update_lead", { lead_id: l.id, status: "converted" }, "invalid_arguments", /status/);
  });

  it("rule: a contact's lifecycle stage is lead, opportunity or customer", () => {
    const s = fresh();
    const a = contact(s, "Ann", "Aho");
    for (const stage of ["opportunity", "customer", "lead"])
      expect(s.ok("update_crm_contact", { contact_id: a.id, lifecycle_stage: stage }).lifecycle_stage).toBe(stage);
    s.fails("update_crm_contact", { contact_id: a.id, lifecycle_stage: "evangelist" }, "invalid_arguments", /lifecycle_stage/);
  });

  it("rule: activities are calls, emails, meetings or tasks; a call connected, left a voicemail, got no answer or hit a wrong number", () => {
    const s = fresh();
    const c = company(s);
    for (const outcome of ["connected", "left_voicemail", "no_answer", "wrong_number"]) {
      expect(s.ok("log_crm_activity", { type: "call", subject: "C", company_id: c.id, outcome }).outcome).toBe(outcome);
    }
    for (const type of ["email", "meeting"]) expect(s.ok("log_crm_activity", { type, subject: "X", company_id: c.id }).type).toBe(type);
    s.fails("log_crm_activity", { type: "sms", subject: "X", company_id: c.id }, "invalid_arguments", /type/);
    s.fails("log_crm_activity", { type: "call", subject: "X", company_id: c.id, outcome: "busy" }, "invalid_arguments", /outcome/);
  });
});
