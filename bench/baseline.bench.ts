/**
 * PROVE against the published design, in one run: each measured domain served as an MCP stdio
 * server (`prove mcp <domain>`, one process per session), and the same domains behind the gRPC
 * service driven by the Python trainer client in another process (bench/trainer_client.py).
 * Reports both sides and their ratios: reset vs ForkSession, call latency, and throughput.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { Environment } from "../ts/env/environment.ts";
import { domains } from "../ts/servers/index.ts";
import { measure } from "./harness.ts";
import { startService, stopService } from "./service.ts";

const ROOT = join(import.meta.dirname, "..");
/** Domains measured: a small state (banking) and two large ones, which are measured at 10× their size too (--seed-scale). */
const DOMAINS = ["banking", "filesystem", "shopping"] as const;
const LARGE = ["filesystem", "shopping"] as const;
const SCALE = 10;
type Call = { name: string; arguments: Record<string, unknown> };
const READ: Call = { name: "get_balance", arguments: { account_id: "ACC-1001" } };
const WRITE: Call = { name: "transfer_between_accounts", arguments: { from_account_id: "ACC-1001", to_account_id: "ACC-1002", amount: 0.01 } };
/** Limits lifted on both sides so a long benchmark never meets a per-session budget. */
const LIMIT_FLAGS = ["--max-calls-per-session", "100000000", "--max-journal-bytes", String(2 ** 40)];

interface Mcp {
  client: Client;
  pid: number;
  close(): Promise<void>;
}

/** The published design's reset: spawn a server, initialize, list its tools. */
async function startMcp(domain: string, scale = 1): Promise<Mcp> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(ROOT, "bin/prove.mjs"), "mcp", domain, ...LIMIT_FLAGS, ...(scale > 1 ? ["--seed-scale", String(scale)] : [])],
    stderr: "ignore",
  });
  const client = new Client({ name: "prove-bench", version: "0" });
  await client.connect(transport);
  await client.listTools();
  return { client, pid: transport.pid ?? 0, close: () => client.close() };
}

function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

async function resets(domain: string, repeats: number, scale = 1) {
  const times: number[] = [];
  for (let i = 0; i <= repeats; i++) {
    const t0 = performance.now();
    const mcp = await startMcp(domain, scale);
    const ms = performance.now() - t0;
    await mcp.close();
    if (i > 0) times.push(ms); // the first is warm-up (file cache, tsx compile cache)
  }
  return { p50_ms: r1(quantile(times, 0.5)), p99_ms: r1(quantile(times, 0.99)), repeats };
}

/** Sequential call latency over one stdio server. */
async function mcpLatency(mcp: Mcp, call: Call, count: number) {
  const times: number[] = [];
  for (let i = 0; i < count + 50; i++) {
    const t0 = performance.now();
    const r = await mcp.client.callTool(call);
    if (r.isError) throw new Error(`MCP ${call.name} failed: ${JSON.stringify(r.content)}`);
    if (i >= 50) times.push((performance.now() - t0) * 1000);
  }
  return { p50_us: r1(quantile(times, 0.5)), p99_us: r1(quantile(times, 0.99)), calls_per_s: Math.round((count * 1e6) / times.reduce((a, b) => a + b, 0)) };
}

/** Calls/s with `inFlight` requests outstanding at all times, spread over the given servers. */
async function mcpThroughput(servers: Mcp[], call: Call, inFlight: number, total: number) {
  let started = 0;
  const t0 = performance.now();
  const worker = async (w: number) => {
    const mcp = servers[w % servers.length] as Mcp;
    while (started < total) {
      started++;
      await mcp.client.callTool(call);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, w) => worker(w)));
  return Math.round((total * 1000) / (performance.now() - t0));
}

function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

function python(target: string, quick: boolean, forksOnly?: readonly string[]): Promise<any> {
  const venv = join(ROOT, ".venv/bin/python");
  const exe = existsSync(venv) ? venv : "python3";
  return new Promise((resolve, reject) => {
    execFile(
      exe,
      [join(ROOT, "bench/trainer_client.py"), target, ...(quick ? ["--quick"] : []), ...(forksOnly ? ["--forks-only", forksOnly.join(",")] : [])],
      { env: { ...process.env, PYTHONPATH: join(ROOT, "py") }, maxBuffer: 16 * 2 ** 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`trainer_client.py failed: ${stderr || err.message}`)) : resolve(JSON.parse(stdout))),
    );
  });
}

export async function run(opts: { quick?: boolean } = {}) {
  const quick = opts.quick ?? false;
  const load = [loadavg().map((x) => Math.round(x * 100) / 100)];

  // --- The published design: one MCP stdio server per session.
  const mcp: Record<string, unknown> = {};
  const resetMs: Record<string, number> = {};
  for (const d of quick ? DOMAINS.slice(0, 1) : DOMAINS) {
    const r = await resets(d, quick ? 2 : 5);
    resetMs[d] = r.p50_ms;
    mcp[`reset ${d} (spawn + initialize + tools/list)`] = r;
  }
  for (const d of quick ? LARGE.slice(0, 1) : LARGE) {
    const r = await resets(d, quick ? 2 : 5, SCALE);
    resetMs[`${d}×${SCALE}`] = r.p50_ms;
    mcp[`reset ${d}×${SCALE} (spawn + initialize + tools/list)`] = r;
  }
  const one = await startMcp("banking");
  const rss = rssMiB(one.pid);
  const count = quick ? 200 : 2000;
  const readLat = await mcpLatency(one, READ, count);
  const writeLat = await mcpLatency(one, WRITE, count);
  const inflight: Record<string, number> = {};
  for (const k of [1, 16, 64, 256]) inflight[`read, ${k} in flight on one server`] = await mcpThroughput([one], READ, k, quick ? 500 : 5000);
  // Sessions are processes in this design: 16 servers, one call in flight each.
  const sessions: Record<string, unknown> = { 1: inflight["read, 1 in flight on one server"] };
  if (!quick) {
    const many = [one, ...(await Promise.all(Array.from({ length: 15 }, () => startMcp("banking"))))];
    sessions[16] = await mcpThroughput(many, READ, 16, 5000);
    await Promise.all(many.slice(1).map((m) => m.close()));
  }
  sessions[256] = sessions[4096] = `not run: one ${rss} MiB process per session (${Math.round((256 * rss) / 1024)} GiB for 256) on a machine with 2 cores`;
  await one.close();
  Object.assign(mcp, {
    "call latency read get_balance": readLat,
    "call latency write transfer_between_accounts": writeLat,
    throughput_calls_per_s: inflight,
    sessions_calls_per_s: sessions,
    server_rss_mib: rss,
  });
  load.push(loadavg().map((x) => Math.round(x * 100) / 100));

  // --- PROVE: `prove serve` in its own process, as the MCP servers are, and the trainer's Python client in another.
  const server = await startService(1);
  let prove: any;
  try {
    prove = await python(server.targets, quick);
  } finally {
    await stopService(server.proc);
  }
  // The large states at 10×: a service seeded so, forks only.
  const scaled = await startService(1, ["--seed-scale", String(SCALE)]);
  try {
    const forks = (await python(scaled.targets, quick, LARGE)).fork as Record<string, unknown>;
    for (const [k, v] of Object.entries(forks)) prove.fork[k.replace(/^(\w+) /, `$1×${SCALE} `)] = v;
  } finally {
    await stopService(scaled.proc);
  }
  load.push(loadavg().map((x) => Math.round(x * 100) / 100));

  // In-process fork, for the ratio without RPC framing.
  const env = new Environment(domains, { limits: { maxSessions: 2_000_000 } });
  const inProcess: Record<string, number> = {};
  const env10 = new Environment(domains, { limits: { maxSessions: 2_000_000 }, seedScale: SCALE });
  for (const [label, d, e] of [...DOMAINS.map((d) => [d, d, env] as const), ...LARGE.map((d) => [`${d}×${SCALE}`, d, env10] as const)]) {
    const root = e.create({ domains: [d], seed: 1 }).id;
    inProcess[label] = measure(`fork ${label}`, () => e.close(e.fork(root, 1)[0]!.id), { batch: 1000, seconds: quick ? 0.2 : 1 }).us_per_op;
  }

  const ratios: Record<string, number> = {};
  for (const [d, ms] of Object.entries(resetMs)) {
    for (const n of [1, 16, 256]) ratios[`reset ${d} / gRPC fork per session (n=${n})`] = Math.round((ms * 1000) / prove.fork[`${d} n=${n}`].us_per_session);
    ratios[`reset ${d} / in-process fork`] = Math.round((ms * 1000) / (inProcess[d] as number));
  }
  const mcp64 = inflight["read, 64 in flight on one server"] as number;
  ratios["StepBatch read (256 sessions) / MCP read, 64 in flight"] = r1(prove.step_batch["read sessions=256"].steps_per_s / mcp64);
  ratios["StepBatch read (4096 sessions) / MCP read, 64 in flight"] = r1(prove.step_batch["read sessions=4096"].steps_per_s / mcp64);
  ratios["gRPC CallTool p50 / MCP call p50 (read)"] = r1(prove.call_tool["read get_balance"].p50_us / readLat.p50_us);

  return {
    quick,
    loadavg_before_mcp_after_mcp_after_grpc: load,
    mcp_stdio: mcp,
    prove_grpc_python_client: prove,
    prove_in_process_fork_us: inProcess,
    ratios,
    notes: [
      "MCP side: `prove mcp <domain>` over stdio, the SDK's client in this process; a reset is a new process.",
      "PROVE side: `prove serve` in its own process (under its allocator and heap options, as it ships), bench/trainer_client.py (py/prove_trainer/client.py) in its own process; StepBatch carries up to 256 sessions' steps per RPC, one RPC at a time.",
      `States: banking is small, filesystem and shopping large, and those two again at ${SCALE}× their size (\`--seed-scale ${SCALE}\`: the file system with weekly backups of Documents and Projects, the shop with ${SCALE} editions of its catalog).`,
      "Medians after warm-up; the machine is shared, so compare ratios within one run.",
    ],
  };
}
