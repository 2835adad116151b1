import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { defineDomain, table, toolkit, z, type Domain } from "../../ts/servers/framework/index.ts";
import { domains } from "../../ts/servers/index.ts";
import { bridgesOf } from "../../ts/synth/bridges.ts";
import { dependencyGraph, schemaHash } from "../../ts/synth/graph.ts";
import { synthConfig, synthesize } from "../../ts/synth/index.ts";
import { DescribeError, locate, nounOf, valueAtPath, withoutIds } from "../../ts/synth/mention.ts";
import { correctFromError } from "../../ts/synth/recovery.ts";
import { Rng } from "../../ts/servers/framework/rng.ts";
import { Dedup, jaccard } from "../../ts/synth/validate.ts";

const banking = domains.find((d) => d.name === "banking")!;

describe("dependency graph", () => {
  it("derives explicit, discovery, implicit and world edges from the metadata, cached by schema hash", () => {
    const g = dependencyGraph(domains);
    const has = (from: string, to: string, kind: string) => g.edges.some((e) => e.from === from && e.to === to && e.kind === kind);
    expect(has("add_payee", "pay_payee", "explicit")).toBe(true); // pay_payee needs a payee add_payee produces
    expect(has("list_accounts", "transfer_between_accounts", "discovery")).toBe(true);
    expect(g.edges.some((e) => e.kind === "implicit")).toBe(true); // e.g. a checkout that uses cart items
    expect(
      g.edges.some(
        (e) => e.kind === "world" && g.tools.get(e.from) && g.tools.get(e.to) && domains.find((d) => d.tool(e.from)) !== domains.find((d) => d.tool(e.to)),
      ),
    ).toBe(true);
    expect(dependencyGraph(domains)).toBe(g);
    expect(schemaHash([banking])).not.toBe(g.hash);
  });
});

describe("recovery from error messages", () => {
  const rng = Rng.from(1);
  const tool = (name: string) => domains.flatMap((d) => d.tools).find((t) => t.name === name)!;
  it("adds a parameter the message asks for, or an example value, or moves a date", () => {
    const save = tool("save_place");
    const c = correctFromError(
      save,
      { label: "Work" },
      "give either place_id or latitude and longitude (a dropped pin), not both and not neither",
      rng,
      "2026-03-12",
    );
    expect(c?.add.length).toBe(1);
    expect(["place_id", "latitude", "longitude"]).toContain(c?.add[0]?.name);
    const react = tool("add_reaction");
    const e = correctFromError(
      react,
      { message_id: "MSG-1", name: "Roadmap draft 6" },
      '"Roadmap draft 6" is not an emoji name; use a name such as thumbsup, white_check_mark or tada',
      rng,
      "2026-03-12",
    );
    expect(["thumbsup", "white_check_mark", "tada"]).toContain(e?.args.name);
    const traveler = tool("add_traveler");
    const d = correctFromError(
      traveler,
      { first_name: "A", last_name: "B", date_of_birth: "2026-03-27" },
      "date_of_birth 2026-03-27 is not in the past; today is 2026-03-12",
      rng,
      "2026-03-12",
    );
    expect(String(d?.args.date_of_birth) < "2026-03-12").toBe(true);
    expect(correctFromError(traveler, { first_name: "A" }, "something else went wrong", rng, "2026-03-12")).toBeUndefined();
  });
});

describe("deduplication", () => {
  it("drops call sets at or above the Jaccard threshold", () => {
    expect(jaccard(new Set(["a", "b", "c"]), new Set(["a", "b", "d"]))).toBe(0.5);
    const dedup = new Dedup(0.7);
    const task = (calls: string[]) => ({ turns: [{ user: "x", steps: calls.map((c, id) => ({ id, tool: c, args: {}, depends_on: [] })) }] }) as never;
    expect(dedup.admit(task(["a", "b", "c"]))).toBe(true);
    expect(dedup.admit(task(["a", "b", "c"]))).toBe(false); // 1.0
    expect(dedup.admit(task(["a", "b", "d"]))).toBe(true); // 0.5
    expect(dedup.admit(task(["a", "b", "c", "d"]))).toBe(false); // 0.75 with the first
  });
});

describe("value bridges", () => {
  it("join fields to the parameters that take them, within a domain and across domains, and nothing looser", () => {
    const b = bridgesOf(domains);
    const has = (from: string, to: string) =>
      b.all.some((x) => `${x.from.domain}.${x.from.kind}.${x.from.field}` === from && `${x.to.tool}.${x.to.param}` === to);
    expect(has("crm.contact.email", "send_email.to")).toBe(true); // write to a contact
    expect(has("travel_booking.flight_booking.arrival", "create_event.start")).toBe(true); // a flight into the calendar
    expect(has("payments.invoice.amount_due", "transfer_between_accounts.amount")).toBe(true); // pay what is due
    expect(has("travel_booking.hotel.city", "find_charging_stations.city")).toBe(true); // search where the hotel is
    expect(has("filesystem.node.content", "send_email.body")).toBe(true); // send a file's text
    expect(has("banking.account.balance", "set_card_limit.daily_limit")).toBe(false); // a balance is no limit
    expect(has("payments.invoice.due_date", "add_traveler.date_of_birth")).toBe(false); // a due date is no birthday
    expect(has("calendar.room.email", "send_email.to")).toBe(false); // a room is not a person
    expect(b.pairs.get("crm>email")).toBeGreaterThan(0);
  });
});

describe("mentions", () => {
  const account = banking.tables.accounts!;
  it("describe an entity without its id, or not at all when an id is part of the sentence", () => {
    expect(withoutIds(banking, "account", "ACC-1001", "the savings account ending in 4471 (ACC-1001)")).toBe("the savings account ending in 4471");
    const retail = domains.find((d) => d.name === "retail_chain")!;
    expect(withoutIds(retail, "stock_transfer", "XFER-1007", "the in transit transfer of 4 × SKU-10045 from STR-107 to STR-103")).toBeUndefined();
    expect(account.kind).toBe("account");
  });

  it("find where an entity, or one of its fields, sits in a result", () => {
    const result = { items: [{ id: "A" }, { id: "B", email: "b@x.io" }], total: 2 };
    expect(locate(result, "id", "B")).toBe("items[1].id");
    expect(locate(result, "id", "B", "email")).toBe("items[1].email");
    expect(valueAtPath(result, "items[1].email")).toBe("b@x.io");
    expect(locate({ order: { id: "O-1", total: 12.5 } }, "id", "O-1", "total")).toBe("order.total");
    expect(locate(result, "id", "C")).toBeUndefined();
  });

  it("take the noun a description opens with", () => {
    expect(nounOf("the debit card ending in 1306")).toBe("debit card");
    expect(nounOf("the directory /home/ana")).toBe("directory");
    expect(nounOf("@ana's post")).toBeUndefined();
  });
});

describe("a domain whose describe() fails", () => {
  const tables = {
    widgets: table("widget", z.object({ id: z.string(), name: z.string() }), {
      idPrefix: "W-",
      describe: () => {
        throw new Error("no words for widgets");
      },
    }),
  };
  const { read } = toolkit(tables);
  const broken: Domain = defineDomain({
    name: "widgets",
    title: "Widgets",
    description: "Widgets, with a broken describe.",
    tables,
    seed: ({ id }) => ({ widgets: [{ id: id("widgets"), name: "one" }] }),
    tools: {
      list_widgets: read({ description: "List widgets.", input: z.object({}).strict(), discovers: "widget", run: (db) => db.widgets.page({ limit: 20 }) }),
    },
  });

  it("makes synthesis fail with the domain, kind and key named, instead of skipping the kind", async () => {
    const err = await synthesize({ seed: "w", config: { count: 2 }, domains: [broken] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DescribeError);
    expect((err as Error).message).toMatch(/widgets: describe\(\) of widget "W-1001" failed: no words for widgets/);
  });
});

describe("config", () => {
  it("defaults to the paper's mix and refuses nonsense with a clear message", () => {
    const c = synthConfig({});
    expect(c.count).toBe(13_500);
    expect(c.preset).toBe("paper");
    expect(c.mix).toEqual({ conversation: 10_900, clarification: 1_500, abstention: 1_100 });
    expect(c.info_levels).toEqual({ complete: 0.6, missing_required: 0.2, minimal: 0.2 });
    expect(c.turns).toEqual({ min: 2, max: 3 });
    expect(c.calls).toEqual({ min: 3, max: 8 });
    expect(c.family_size).toBe(75);
    expect(() => synthConfig({ turns: { min: 4, max: 2 } })).toThrow(/min must be ≤ its max/);
    expect(() => synthConfig({ turns: { min: 2, max: 9 } })).toThrow(/invalid synthesis config/);
    expect(() => synthConfig({ colour: "blue" })).toThrow(/colour/);
    expect(() => synthConfig({ preset: "nope" })).toThrow(/invalid synthesis config/);
  });

  it("has a BFCL preset the other options override", () => {
    const b = synthConfig({ preset: "bfcl" });
    expect(b.turns).toEqual({ min: 1, max: 7 });
    expect(b.calls).toEqual({ min: 6, max: 10 });
    expect(b.two_domain_share).toBe(0.8);
    expect(b.more_per_turn).toBe(0.7);
    expect(synthConfig({ preset: "bfcl", turns: { min: 2, max: 4 } }).turns).toEqual({ min: 2, max: 4 });
  });

  it("takes up to 7 turns and 10 calls, and only the domains asked for", async () => {
    const data = await synthesize({
      seed: "long",
      config: {
        count: 12,
        turns: { min: 5, max: 7 },
        calls: { min: 6, max: 10 },
        domains: ["banking", "email"],
        mix: { conversation: 1, clarification: 0, abstention: 0 },
      },
      domains,
    });
    for (const t of data.tasks) {
      expect(t.turns.length).toBeGreaterThanOrEqual(4); // one fewer when a missing value adds the question turn
      expect(t.turns.length).toBeLessThanOrEqual(7);
      expect(t.turns.reduce((n, x) => n + x.steps.length, 0)).toBeLessThanOrEqual(10);
      expect(t.domains.every((d) => ["banking", "email"].includes(d))).toBe(true);
    }
  });
});

describe("prove synth", () => {
  it("writes tasks, chat rows naming their tool sets, tool sets once each, references and stats, byte-identical for the same seed", async () => {
    const a = mkdtempSync(join(tmpdir(), "synth-a-"));
    const b = mkdtempSync(join(tmpdir(), "synth-b-"));
    const inline = mkdtempSync(join(tmpdir(), "synth-i-"));
    const run = (out: string, ...more: string[]) =>
      execa(process.execPath, [
        "bin/prove.mjs",
        "synth",
        "--seed",
        "cli",
        "--count",
        "25",
        "--out",
        out,
        "--config",
        '{"domains":["banking","email","calendar"]}',
        ...more,
      ]);
    const first = await run(a);
    await run(b);
    await run(inline, "--inline-tools");
    expect(first.stderr).toMatch(/25 tasks in [\d.]+ s/);
    for (const f of ["tasks.jsonl", "chat.jsonl", "toolsets.jsonl", "references.jsonl", "stats.json"])
      expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    const lines = (dir: string, f: string) =>
      readFileSync(join(dir, f), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
    const toolsets = new Map(lines(a, "toolsets.jsonl").map((r: { id: string; tools: string }) => [r.id, r.tools]));
    const chats = lines(a, "chat.jsonl");
    const inlined = lines(inline, "chat.jsonl");
    expect(new Set(toolsets.values()).size).toBe(toolsets.size); // each set once
    expect(toolsets.size).toBeLessThan(25);
    chats.forEach((row: { id: string; toolset: string; messages: unknown[] }, i: number) => {
      expect(Object.keys(row).sort()).toEqual(["id", "messages", "toolset"]);
      expect(inlined[i]).toEqual({ id: row.id, messages: row.messages, tools: toolsets.get(row.toolset) });
      expect(JSON.parse(inlined[i].tools)[0].type).toBe("function");
    });
    // The references score at their tasks' maximum, offline.
    const scored = await execa(process.execPath, [
      "bin/prove.mjs",
      "score",
      "--tasks",
      join(a, "tasks.jsonl"),
      "--trajectories",
      join(a, "references.jsonl"),
      "--preset",
      "verified",
      "--replay",
    ]);
    expect(scored.stderr).toMatch(/25 trajectories, 25 scored, 0 masked, 0 unscorable/);
    expect(scored.stderr).toMatch(/25 of 25 at their task's maximum/);
    const bad = await execa(process.execPath, ["bin/prove.mjs", "synth", "--out", a, "--config", '{"count":0}'], { reject: false });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/invalid synthesis config/);
  });
});
