import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domains } from "../../ts/servers/index.ts";
import { dependencyGraph, schemaHash } from "../../ts/synth/graph.ts";
import { openAITeacher, synthConfig, synthesize } from "../../ts/synth/index.ts";
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
    expect(g.edges.some((e) => e.kind === "world" && g.tools.get(e.from) && g.tools.get(e.to) && domains.find((d) => d.tool(e.from)) !== domains.find((d) => d.tool(e.to)))).toBe(true);
    expect(dependencyGraph(domains)).toBe(g);
    expect(schemaHash([banking])).not.toBe(g.hash);
  });
});

describe("recovery from error messages", () => {
  const rng = Rng.from(1);
  const tool = (name: string) => domains.flatMap((d) => d.tools).find((t) => t.name === name)!;
  it("adds a parameter the message asks for, or an example value, or moves a date", () => {
    const save = tool("save_place");
    const c = correctFromError(save, { label: "Work" }, "give either place_id or latitude and longitude (a dropped pin), not both and not neither", rng, "2026-03-12");
    expect(c?.add.length).toBe(1);
    expect(["place_id", "latitude", "longitude"]).toContain(c?.add[0]?.name);
    const react = tool("add_reaction");
    const e = correctFromError(react, { message_id: "MSG-1", name: "Roadmap draft 6" }, '"Roadmap draft 6" is not an emoji name; use a name such as thumbsup, white_check_mark or tada', rng, "2026-03-12");
    expect(["thumbsup", "white_check_mark", "tada"]).toContain(e?.args.name);
    const traveler = tool("add_traveler");
    const d = correctFromError(traveler, { first_name: "A", last_name: "B", date_of_birth: "2026-03-27" }, "date_of_birth 2026-03-27 is not in the past; today is 2026-03-12", rng, "2026-03-12");
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

describe("config", () => {
  it("defaults to the paper's mix and refuses nonsense with a clear message", () => {
    const c = synthConfig({});
    expect(c.count).toBe(13_500);
    expect(c.mix).toEqual({ conversation: 10_900, clarification: 1_500, abstention: 1_100 });
    expect(c.info_levels).toEqual({ complete: 0.6, missing_required: 0.2, minimal: 0.2 });
    expect(c.turns).toEqual({ min: 2, max: 3 });
    expect(() => synthConfig({ turns: { min: 4, max: 2 } })).toThrow(/min must be ≤ its max/);
    expect(() => synthConfig({ turns: { min: 2, max: 9 } })).toThrow(/invalid synthesis config/);
    expect(() => synthConfig({ colour: "blue" })).toThrow(/colour/);
  });

  it("takes up to 7 turns and 10 calls, and only the domains asked for", async () => {
    const data = await synthesize({ seed: "long", config: { count: 12, turns: { min: 5, max: 7 }, calls: { min: 6, max: 10 }, domains: ["banking", "email"], mix: { conversation: 1, clarification: 0, abstention: 0 } }, domains });
    for (const t of data.tasks) {
      expect(t.turns.length).toBeGreaterThanOrEqual(5);
      expect(t.turns.length).toBeLessThanOrEqual(8); // a missing value adds the question turn
      expect(t.turns.reduce((n, x) => n + x.steps.length, 0)).toBeLessThanOrEqual(10);
      expect(t.domains.every((d) => ["banking", "email"].includes(d))).toBe(true);
    }
  });
});

describe("the teacher path", () => {
  let server: Server;
  let url: string;
  let mode: "keep" | "drop" = "keep";
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const { messages } = JSON.parse(body);
        const user = messages[1].content as string;
        seen.push(req.url ?? "");
        const content = mode === "keep" ? `So, here's my request: ${user}` : "Do the thing for me.";
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ choices: [{ message: { role: "assistant", content } }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("uses rewrites that keep every grounding string, and rejects those that lose them", async () => {
    const config = { count: 6, domains: ["banking"], mix: { conversation: 1, clarification: 0, abstention: 0 } };
    const plain = await synthesize({ seed: "teach", config, domains });
    mode = "keep";
    const kept = openAITeacher(url);
    const taught = await synthesize({ seed: "teach", config, domains, teacher: kept });
    expect(seen[0]).toBe("/v1/chat/completions");
    expect(kept.stats.accepted).toBeGreaterThan(0);
    expect(taught.tasks[0]!.turns[0]!.user).toBe(`So, here's my request: ${plain.tasks[0]!.turns[0]!.user}`);
    // The calls are the same: the teacher words the request, the state machine grounds it.
    expect(taught.tasks.map((t) => t.turns.map((x) => x.steps))).toEqual(plain.tasks.map((t) => t.turns.map((x) => x.steps)));
    mode = "drop";
    const dropped = openAITeacher(url);
    const refused = await synthesize({ seed: "teach", config, domains, teacher: dropped });
    expect(dropped.stats.rejected).toBeGreaterThan(0);
    const withKeys = refused.tasks.flatMap((t) => t.turns).filter((x) => x.steps.length > 0 && /\(|\d/.test(x.user));
    expect(withKeys.every((x) => x.user !== "Do the thing for me.")).toBe(true);
  });

  it("falls back to the templates when the endpoint is down", async () => {
    const down = openAITeacher("http://127.0.0.1:9/v1", { timeoutMs: 2000 });
    const data = await synthesize({ seed: "teach", config: { count: 2, domains: ["banking"] }, domains, teacher: down });
    expect(down.stats.failed).toBeGreaterThan(0);
    expect(data.tasks).toHaveLength(2);
  });
});

describe("prove synth", () => {
  it("writes tasks.jsonl, chat.jsonl and stats.json, byte-identical for the same seed", async () => {
    const a = mkdtempSync(join(tmpdir(), "synth-a-"));
    const b = mkdtempSync(join(tmpdir(), "synth-b-"));
    const run = (out: string) => execa(process.execPath, ["bin/prove.mjs", "synth", "--seed", "cli", "--count", "25", "--out", out, "--config", '{"domains":["banking","email","calendar"]}']);
    const first = await run(a);
    await run(b);
    expect(first.stderr).toMatch(/25 tasks in [\d.]+ s/);
    for (const f of ["tasks.jsonl", "chat.jsonl", "references.jsonl", "stats.json"]) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    const chat = JSON.parse(readFileSync(join(a, "chat.jsonl"), "utf8").split("\n")[0]!);
    expect(typeof chat.tools).toBe("string");
    expect(chat.messages.map((m: { role: string }) => m.role)).toContain("user");
    // The references score at their tasks' maximum, offline.
    const scored = await execa(process.execPath, ["bin/prove.mjs", "score", "--tasks", join(a, "tasks.jsonl"), "--trajectories", join(a, "references.jsonl"), "--preset", "verified", "--replay"]);
    expect(scored.stderr).toMatch(/25 trajectories, 25 scored, 0 masked, 0 unscorable/);
    expect(scored.stderr).toMatch(/25 of 25 at their task's maximum/);
    const bad = await execa(process.execPath, ["bin/prove.mjs", "synth", "--out", a, "--config", '{"count":0}'], { reject: false });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/invalid synthesis config/);
  });
});
