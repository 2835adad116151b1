import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import { maxReward, resolveConfig } from "../../ts/reward/index.ts";
import { domains } from "../../ts/servers/index.ts";
import { synthesize, writeDataset, type Dataset } from "../../ts/synth/index.ts";
import { Datasets } from "../../ts/tasks/datasets.ts";
import type { Task } from "../../ts/tasks/schema.ts";
import { startTestServer, type TestServer } from "../helpers/rpc.ts";

const COUNT = 260;
let data: Dataset;
let dir: string;

beforeAll(async () => {
  data = await synthesize({ seed: "t1", config: { count: COUNT }, domains });
  dir = mkdtempSync(join(tmpdir(), "prove-synth-"));
  writeDataset(dir, data);
}, 300_000);

const stepsOf = (t: Task) => t.turns.flatMap((x) => x.steps);
const domainOf = (tool: string) => domains.find((d) => d.tool(tool));

describe("the synthesized mix", () => {
  it("keeps the requested number of tasks in the paper's proportions, deterministically", async () => {
    expect(data.tasks).toHaveLength(COUNT);
    // 10.9K : 1.5K : 1.1K of 13.5K, by largest remainder.
    expect(data.stats.by_kind).toEqual({ abstention: Math.round((COUNT * 1100) / 13500), clarification: Math.round((COUNT * 1500) / 13500), conversation: COUNT - Math.round((COUNT * 1100) / 13500) - Math.round((COUNT * 1500) / 13500) });
    const again = await synthesize({ seed: "t1", config: { count: COUNT }, domains });
    expect(again.tasks.map((t) => JSON.stringify(t)).join("\n")).toBe(data.tasks.map((t) => JSON.stringify(t)).join("\n"));
    expect(JSON.stringify(again.chats)).toBe(JSON.stringify(data.chats));
    const other = await synthesize({ seed: "t2", config: { count: 40 }, domains });
    expect(JSON.stringify(other.tasks.slice(0, 5))).not.toBe(JSON.stringify(data.tasks.slice(0, 5)));
  }, 300_000);

  it("covers every domain, with single- and two-domain tasks, every information level and knob", () => {
    expect(Object.keys(data.stats.by_domain).sort()).toEqual(domains.map((d) => d.name).sort());
    expect(data.stats.by_domain_count["1"]).toBeGreaterThan(0);
    expect(data.stats.by_domain_count["2"]).toBeGreaterThan(0);
    expect(Object.keys(data.stats.by_info_level).sort()).toEqual(["complete", "minimal", "missing_required"]);
    for (const knob of ["distractors", "enums_stripped", "irrelevant", "hidden_tool", "multi_domain"]) expect(data.stats.by_knob[knob], knob).toBeGreaterThan(0);
    const lengths = data.tasks.filter((t) => t.kind === "conversation").map((t) => stepsOf(t).length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(5);
    expect(data.tasks.some((t) => stepsOf(t).some((s) => s.depends_on.length > 0))).toBe(true);
    expect(data.stats.tools_used).toBeGreaterThan(0.5 * data.stats.tools_total);
  });

  it("reports the statistics: per filter, per domain, per chain length, per turn count, per level and knob", () => {
    const stats = JSON.parse(readFileSync(join(dir, "stats.json"), "utf8"));
    for (const key of ["dropped", "by_domain", "by_chain_length", "by_turns", "by_info_level", "by_knob", "by_kind", "machine", "graph"]) expect(stats).toHaveProperty(key);
    expect(stats.candidates).toBe(stats.kept + Object.values(stats.dropped as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(stats.machine.transitions.SUCCESS).toBeGreaterThan(0);
    expect(Object.keys(stats.machine.states)).toEqual(expect.arrayContaining(["QUERY", "TURN", "TOOL_EXECUTION", "RESPONSE", "CONTINUATION"]));
  });
});

describe("grounding", () => {
  it("names only entities that exist: in the initial state, or in an earlier call's output", () => {
    const env = new Environment(domains);
    for (const task of data.tasks) {
      const { id } = env.create({ domains: task.domains, seed: task.seed });
      const results: string[] = [];
      for (const step of stepsOf(task)) {
        const domain = domainOf(step.tool)!;
        const tool = domain.tool(step.tool)!;
        for (const p of tool.params.filter((x) => x.ref && step.args[x.name] !== undefined)) {
          for (const key of ([] as unknown[]).concat(step.args[p.name]).map(String)) {
            const inState = env.sessionState(id).get(domain.name, domain.kinds.get(p.ref!)!, key) !== undefined;
            const fromOutput = results.some((r) => r.includes(JSON.stringify(key)));
            const discovered = !inState && !fromOutput ? domain.tools.some((d) => d.discovers.includes(p.ref!)) : true;
            expect(inState || fromOutput || discovered, `${task.id} ${step.tool}.${p.name}=${key}`).toBe(true);
          }
        }
        const r = env.call(id, step.tool, step.args);
        expect(r.outcome, `${task.id} step ${step.id} ${step.tool}: ${r.error?.message}`).toBe("ok");
        results.push(JSON.stringify(r.result));
      }
      env.close(id);
    }
  });

  it("queries name the entities their calls act on (by description or id)", () => {
    const env = new Environment(domains);
    let checked = 0;
    for (const task of data.tasks.filter((t) => t.kind === "conversation")) {
      const { id } = env.create({ domains: task.domains, seed: task.seed });
      let said = "";
      task.turns.forEach((turn) => {
        said += ` ${turn.user}`;
        for (const step of turn.steps) {
          const domain = domainOf(step.tool)!;
          const tool = domain.tool(step.tool)!;
          for (const p of tool.params.filter((x) => x.ref && typeof step.args[x.name] === "string" && !step.bindings?.[x.name])) {
            const key = step.args[p.name] as string;
            const table = domain.kinds.get(p.ref!)!;
            const entity = env.sessionState(id).get(domain.name, table, key);
            const text = entity ? domain.tables[table]!.describe(entity as never) : undefined;
            expect(said.includes(key) || (text !== undefined && said.includes(text)), `${task.id}: "${said}" should name ${key}${text ? ` or "${text}"` : ""}`).toBe(true);
            checked++;
          }
        }
      });
      env.close(id);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("missing-required turns really leave a required value out, and the next turn supplies it", () => {
    const asks = data.tasks.flatMap((t) => t.turns.map((turn, i) => ({ t, turn, i }))).filter(({ turn }) => turn.expect === "clarify");
    expect(asks.length).toBeGreaterThan(10);
    for (const { t, turn, i } of asks) {
      const [param] = turn.missing ?? [];
      expect(param, t.id).toBeDefined();
      expect(turn.steps).toEqual([]);
      const next = t.turns[i + 1];
      if (!next) continue; // a clarification task ends with the question
      // The step that needed the value (another step may share the parameter name, e.g. two summaries).
      const step = next.steps.find((s) => s.args[param!] !== undefined && !turn.user.includes(String(s.args[param!])));
      expect(step, `${t.id}: "${turn.user}" should leave out a value of ${param} that the answer turn uses`).toBeDefined();
      expect(domainOf(step!.tool)!.tool(step!.tool)!.params.find((p) => p.name === param)!.required).toBe(true);
      const value = step!.args[param!];
      expect(next.user).toContain(typeof value === "number" && !Number.isInteger(value) ? value.toFixed(2) : String(value));
    }
  });
});

describe("references", () => {
  it("every reference trajectory scores its task's maximum offline, replayed on a fresh session", async () => {
    const { Rewarder } = await import("../../ts/reward/index.ts");
    const { referenceTrajectory } = await import("../../ts/synth/index.ts");
    const rewarder = new Rewarder(domains);
    data.tasks.forEach((task, i) => {
      const s = rewarder.score({ task, trajectory: referenceTrajectory(task, data.chats[i]), preset: "verified", verifyReplay: true });
      const best = stepsOf(task).length ? maxReward(resolveConfig("verified")) : 1;
      expect(s.reward, `${task.id}: ${JSON.stringify(s.components)} ${JSON.stringify(s.detail.state ?? s.detail.reason ?? "")}`).toBeCloseTo(best, 9);
    });
  });
});

describe("references, replayed through the gRPC services", () => {
  let server: TestServer;
  beforeAll(async () => {
    const datasets = new Datasets(dir);
    datasets.load("default", dir);
    server = await startTestServer({ datasets });
  });
  afterAll(() => server.close());

  it("every sampled reference replays to its recorded state hash and gets the maximum reward under both presets", async () => {
    const chats = new Map(data.chats.map((c) => [c.id, c]));
    const sample = [...data.tasks.filter((t) => t.kind === "conversation").slice(0, 30), ...data.tasks.filter((t) => t.kind !== "conversation").slice(0, 10)];
    for (const task of sample) {
      const session = await server.env("CreateSession", { task_id: task.id });
      const replies = chats.get(task.id)!.messages.filter((m) => m.role === "assistant" && !m.tool_calls).map((m) => m.content);
      for (const [i, turn] of task.turns.entries()) {
        const calls = turn.steps.map((s) => `<tool_call>${JSON.stringify({ name: s.tool, arguments: s.args })}</tool_call>`).join("");
        const out = await server.env("Step", { session_id: session.session_id, assistant_text: `${replies[i]}${calls}`, format: "TOOL_CALL_FORMAT_HERMES", turn: i });
        expect(out.outcome, `${task.id} turn ${i}: ${JSON.stringify(out.calls.map((c: any) => c.result.error))}`).toBe("OUTCOME_OK");
      }
      const state = await server.env("GetState", { session_id: session.session_id });
      if (stepsOf(task).length) expect(state.state_hash, task.id).toBe(task.reference.final_hash);
      for (const preset of ["prove", "verified"]) {
        const score = await server.reward("Score", { task_id: task.id, session_id: session.session_id, preset });
        const best = stepsOf(task).length ? maxReward(resolveConfig(preset)) : 1;
        expect(score.reward, `${task.id} ${preset}: ${score.detail_json}`).toBeCloseTo(best, 9);
      }
      await server.env("CloseSession", { session_ids: [session.session_id] });
    }
  }, 120_000);

  it("Synthesize streams progress and ends with the statistics; bad requests end with a status", async () => {
    const stream = (req: object) =>
      new Promise<{ messages: any[]; error?: { code: number; details: string } }>((resolve) => {
        const messages: any[] = [];
        const call = (server.clients[2] as any).Synthesize(req);
        call.on("data", (m: unknown) => messages.push(m));
        call.on("error", (e: { code: number; details: string }) => resolve({ messages, error: e }));
        call.on("end", () => resolve({ messages }));
      });
    const ok = await stream({ seed: "rpc", count: 8, dataset: "streamed", config_json: '{"domains":["banking","email"]}' });
    expect(ok.error).toBeUndefined();
    const last = ok.messages.at(-1);
    expect(last).toMatchObject({ finished: true, dataset: "streamed", stage: "done", kept: 8 });
    expect(JSON.parse(last.stats_json).kept).toBe(8);
    expect(ok.messages.slice(0, -1).every((m) => !m.finished)).toBe(true);
    expect((await server.tasks("ListTasks", { dataset: "streamed" })).total).toBe(8);
    const bad = await stream({ seed: "rpc", count: 1, dataset: "../escape" });
    expect(bad.error?.code).toBe(3); // INVALID_ARGUMENT
    expect(bad.error?.details).toMatch(/a name, not a path/);
    const badConfig = await stream({ seed: "rpc", count: 1, dataset: "x", config_json: '{"turns":{"min":9,"max":9}}' });
    expect(badConfig.error?.code).toBe(3);
  });

  it("lists and fetches tasks, with their chat records", async () => {
    const page = await server.tasks("ListTasks", { limit: 5, kind: "conversation" });
    expect(page.tasks).toHaveLength(5);
    expect(page.total).toBe(data.stats.by_kind.conversation);
    const got = await server.tasks("GetTask", { id: page.tasks[0].id });
    expect(JSON.parse(got.task_json).id).toBe(page.tasks[0].id);
    expect(JSON.parse(got.chat_json).messages[0].role).toBe("system");
  });
});
