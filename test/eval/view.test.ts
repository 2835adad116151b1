/**
 * `prove view`: the page in headless Chromium (Debian's, driven by playwright-core) opens a
 * trajectory and shows its calls, the state diff each write made and the reward components; the
 * server stays on loopback, answers nothing but its page and JSON, and the page never runs data
 * as HTML. A screenshot of the page is kept in .test-results/viewer.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskLine } from "../../ts/eval/records.ts";
import { domains } from "../../ts/servers/index.ts";
import { startViewer, type Viewer } from "../../ts/view/server.ts";
import { openSource, type ItemDetail } from "../../ts/view/sources.ts";
import { bankTasks, writeTasks } from "./fixtures.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const XSS = `<img src=x onerror="window.pwned=1">`;

const lines = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

function trajectory(trial: number, calls: Array<[string, Record<string, unknown>]>, reply: string, components: Record<string, number>): TaskLine {
  return {
    task_id: "bal-freeze",
    trial,
    reward: Object.values(components).reduce((a, b) => a + b, 0),
    components,
    score_outcome: "ok",
    end: "answered",
    outcomes: { ok: calls.length },
    assistant_turns: calls.length + 1,
    calls: calls.map(([name, args]) => ({ name, arguments: args, turn: 0, outcome: "ok", changes: [] })),
    replies: [{ turn: 0, text: reply }],
    detail: {},
    messages: [{ role: "user", content: "What is the balance of ACC-1002? Then freeze card CARD-1002." }],
  };
}

let dir: string;
let viewer: Viewer;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "prove-view-"));
  const tasks = writeTasks(join(dir, "tasks"), bankTasks());
  const run = join(dir, "eval");
  mkdirSync(run);
  writeFileSync(
    join(run, "run.json"),
    JSON.stringify({ bench: "tasks", policy: "hand", tasks, trials: 2, preset: "prove", limit: 0, started: "2026-01-01T00:00:00Z", args: [] }),
  );
  writeFileSync(
    join(run, "trajectories.jsonl"),
    lines([
      trajectory(
        0,
        [
          ["get_balance", { account_id: "ACC-1002" }],
          ["freeze_card", { card_id: "CARD-1002" }],
        ],
        "Balance 1481.09; card frozen.",
        { r_val: 0.5, r_cov: 0.5, r_eff: 0, r_name: 0.2, r_arg: 0.1 },
      ),
      trajectory(1, [["get_balance", { account_id: "ACC-1002" }]], `Balance 1481.09. ${XSS}`, { r_val: 0.5, r_cov: 0.25, r_eff: 0, r_name: 0.2, r_arg: 0.05 }),
    ]),
  );
  viewer = await startViewer(openSource(run, domains));
  if (!existsSync(CHROMIUM))
    throw new Error(`the viewer's browser test needs Debian's Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await viewer?.close();
});

describe("prove view in a browser", () => {
  it("opens a trajectory and finds its calls, the state diff of each write and the reward components", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(viewer.url);
    await page.locator('[data-testid="item"][data-id="bal-freeze"]').click();
    await page.locator('[data-testid="call"]').first().waitFor();

    expect(await page.locator('[data-testid="call-name"]').allTextContents()).toEqual(["get_balance", "freeze_card"]);
    const diff = page.locator('[data-testid="diff-row"]');
    expect(await diff.count()).toBe(1); // the read changed nothing; the freeze changed the card's status
    const cells = await diff.first().locator("td").allTextContents();
    expect(cells[0]).toMatch(/^\/banking\/cards\/CARD-1002/);
    expect(cells.slice(1).join(" ")).toMatch(/update.*active.*frozen/s);
    const components = page.locator('[data-testid="component"]');
    expect(await components.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-name")))).toEqual(["r_val", "r_cov", "r_eff", "r_name", "r_arg"]);
    expect(await components.first().locator("td").nth(1).textContent()).toBe("0.500");
    expect(await page.locator('[data-testid="verdict"]').textContent()).toContain("success");

    // The other trial: no freeze, so no diff, and the verdict says why; its reply is shown as text, never run.
    await page.locator('[data-testid="trajectory-tab"]', { hasText: "trial 1" }).click();
    await page.locator('[data-testid="verdict"]', { hasText: "final state differs" }).waitFor();
    expect(await page.locator('[data-testid="diff-row"]').count()).toBe(0);
    expect(await page.getByText(XSS).count()).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator("main img").count()).toBe(0);

    // The reference tab: the ground truth, replayed.
    await page.locator('[data-testid="trajectory-tab"]', { hasText: "reference" }).click();
    await page.locator('[data-testid="call-name"]', { hasText: "freeze_card" }).waitFor();

    await page.locator('[data-testid="trajectory-tab"]', { hasText: "trial 0" }).click();
    await page.locator('[data-testid="diff-row"]').waitFor();
    const shot = await page.screenshot();
    mkdirSync(join(ROOT, ".test-results"), { recursive: true });
    writeFileSync(join(ROOT, ".test-results", "viewer.png"), shot);
    expect(shot.subarray(1, 4).toString()).toBe("PNG");
    expect([shot.readUInt32BE(16), shot.readUInt32BE(20)]).toEqual([1280, 900]);
    expect(shot.length).toBeGreaterThan(20_000); // a rendered page, not a blank one
    expect(errors).toEqual([]);
    await page.close();
  });

  it("filters the task list by words", async () => {
    const page = await browser.newPage();
    await page.goto(viewer.url);
    await page.locator('[data-testid="item"]').first().waitFor();
    await page.fill("#filter", "no such words");
    expect(await page.locator('[data-testid="item"]').count()).toBe(0);
    await page.fill("#filter", "banking freeze");
    expect(await page.locator('[data-testid="item"]').count()).toBe(1);
    await page.close();
  });
});

function get(url: string, opts: { host?: string; method?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((done, fail) => {
    const u = new URL(url);
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? "GET", headers: opts.host ? { host: opts.host } : {} },
      (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => done({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on("error", fail);
    req.end();
  });
}

describe("the viewer's server", () => {
  it("answers only its loopback host, only GET, only known ids, and serves the page under a script policy", async () => {
    expect(viewer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await get(`${viewer.url}api/index`, { host: "attacker.example" })).status).toBe(421);
    expect((await get(`${viewer.url}api/index`, { method: "POST" })).status).toBe(405);
    expect((await get(`${viewer.url}api/item?id=../../etc/passwd`)).status).toBe(404);
    const page = await get(viewer.url);
    expect(page.headers["content-security-policy"]).toMatch(/script-src 'nonce-[^']+'/);
    expect(page.body).not.toContain("__NONCE__");
    const index = JSON.parse((await get(`${viewer.url}api/index`)).body) as { kind: string; items: Array<{ id: string; ok: boolean }> };
    expect(index.kind).toBe("eval");
    expect(index.items).toEqual([expect.objectContaining({ id: "bal-freeze", ok: true, trajectories: 2 })]);
  });
});

describe("the viewer's other sources", () => {
  it("a training run: assistant messages parsed in the run's format, calls replayed for their diffs", () => {
    const run = join(dir, "train");
    mkdirSync(join(run, "rollouts"), { recursive: true });
    writeFileSync(join(run, "config.json"), JSON.stringify({ model: "stub", format: "hermes" }));
    writeFileSync(join(run, "supervisor.json"), JSON.stringify({ tasks: join(dir, "tasks") }));
    const call = (name: string, args: unknown) => `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>`;
    const messages = [
      { role: "system", content: "You help with banking." },
      { role: "user", content: "What is the balance of ACC-1002? Then freeze card CARD-1002." },
      { role: "assistant", content: call("get_balance", { account_id: "ACC-1002" }) },
      { role: "tool", content: "{}" },
      { role: "assistant", content: `${call("freeze_card", { card_id: "CARD-1002" })}<tool_call>{broken` },
      { role: "tool", content: "{}" },
      { role: "assistant", content: "Done." },
    ];
    writeFileSync(
      join(run, "rollouts", "step-000003.jsonl"),
      lines([
        { step: 3, task_id: "bal-freeze", member: 1, reward: 1.1, components: { r_val: 0.4 }, score_outcome: "ok", end: "answered", outcomes: {}, messages },
      ]),
    );
    const source = openSource(run, domains);
    expect(source.kind).toBe("training");
    const item = source.item("bal-freeze") as ItemDetail;
    const t = item.trajectories[0]!;
    expect(t.label).toBe("step 3 · member 1");
    expect(t.turns[0]!.calls.map((c) => [c.name, c.outcome])).toEqual([
      ["get_balance", "ok"],
      ["freeze_card", "ok"],
      ["(unparsed)", "parse_error"],
    ]);
    expect(t.turns[0]!.calls[1]!.changes).toEqual([expect.objectContaining({ op: "update", before: "active", after: "frozen" })]);
    expect(t.turns[0]!.replies).toEqual(["Done."]);
  });

  it("a dataset: each task with its reference trajectory, scored at the verified preset's maximum", () => {
    const source = openSource(join(dir, "tasks"), domains);
    expect(source.kind).toBe("dataset");
    expect(source.items().map((i) => i.id)).toEqual(["bal-freeze", "two-turns", "limit", "flight"]);
    const ref = (source.item("two-turns") as ItemDetail).trajectories[0]!;
    expect(ref.label).toBe("reference");
    expect(ref.turns.map((t) => t.calls.map((c) => c.name))).toEqual([["list_accounts"], ["get_balance"]]);
    expect(() => openSource(join(dir, "nothing-here"), domains)).toThrow(/holds no dataset/);
    expect(readFileSync(join(dir, "tasks", "tasks.jsonl"), "utf8")).toContain("bal-freeze");
  });
});
