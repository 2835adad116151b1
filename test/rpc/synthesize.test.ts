/**
 * Synthesis shares the service with trainers: it must never stall their calls (issue 14: a
 * 100-task Synthesize froze a concurrent CallTool for 2.2 s, and progress arrived all at once).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Datasets } from "../../ts/tasks/datasets.ts";
import { startTestServer, type TestServer } from "../helpers/rpc.ts";

let t: TestServer;
let data: string;
beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), "prove-synth-rpc-"));
  t = await startTestServer({ datasets: new Datasets(data) });
});
afterAll(async () => {
  await t.close();
  rmSync(data, { recursive: true, force: true });
});

describe("Synthesize off the event loop", () => {
  it("answers a concurrent CallTool promptly while a dataset is synthesized, and streams progress as it goes", async () => {
    const s = await t.env("CreateSession", { servers: ["banking"], seed: "1" });
    const progress: Array<{ at: number; done: number; finished: boolean }> = [];
    const finished = new Promise<void>((resolve, reject) => {
      const call = (t.clients[2] as any).Synthesize({ seed: "busy", count: 300, dataset: "busy" });
      call.on("data", (m: { done: number; finished: boolean }) => progress.push({ at: performance.now(), done: m.done, finished: m.finished }));
      call.on("error", reject);
      call.on("end", () => resolve());
    });
    let running = true;
    void finished.finally(() => (running = false));
    const latencies: number[] = [];
    while (running) {
      const started = performance.now();
      await t.env("CallTool", { session_id: s.session_id, tool: "get_balance", arguments_json: '{"account_id": "ACC-1001"}' });
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
    await finished;
    console.log(`${latencies.length} CallTools during synthesis, slowest ${Math.max(...latencies).toFixed(0)} ms; ${progress.length} progress messages`);
    expect(progress.at(-1)).toMatchObject({ finished: true, done: 300 });
    // Progress arrived while the work went on, not in one burst at the end.
    const first = progress[0]!.at;
    const last = progress.at(-1)!.at;
    expect(progress.filter((p) => p.at < last - 500).length).toBeGreaterThan(1);
    expect(last - first).toBeGreaterThan(500);
    // Calls kept being answered throughout: many of them, none stalled behind the synthesis.
    expect(latencies.length).toBeGreaterThan(10);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    expect((await t.tasks("ListTasks", { dataset: "busy" })).total).toBe(300);
  }, 180_000);

  it("stops the worker when the client cancels", async () => {
    const error = await new Promise<{ code: number }>((resolve) => {
      const call = (t.clients[2] as any).Synthesize({ seed: "gone", count: 2000, dataset: "gone" });
      call.on("data", () => call.cancel());
      call.on("error", resolve);
    });
    expect(error.code).toBe(1); // CANCELLED
    // The service takes a new synthesis right away: the first one no longer holds it.
    await new Promise((r) => setTimeout(r, 300));
    const next = await new Promise<{ finished: boolean }>((resolve, reject) => {
      const call = (t.clients[2] as any).Synthesize({ seed: "next", count: 5, dataset: "next", config_json: '{"domains":["banking"]}' });
      let last: { finished: boolean } = { finished: false };
      call.on("data", (m: { finished: boolean }) => (last = m));
      call.on("error", reject);
      call.on("end", () => resolve(last));
    });
    expect(next.finished).toBe(true);
  }, 180_000);
});
