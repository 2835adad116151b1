/**
 * `make soak DURATION=<seconds>`: a real `prove serve` process on loopback under the RPC fuzzer
 * and 1,000 concurrent sessions (random call sequences per domain, forks, batches, closes) for
 * DURATION seconds after a warm-up, then a table: inputs tried, crashes, sessions leaked,
 * cross-session reads, server memory, errors by type. Exits 1 when any guarantee broke.
 *
 * Memory is compared after a GC (a preloaded hook, scripts/soak/gc-hook.cjs) and a settle period,
 * against a baseline taken after the warm-up: by then the server's bounded caches (seeded bases
 * of the seeds the workers use, compiled code) are full, so growth past it is what the load left.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { allocatorEnv } from "../../bin/allocator.mjs";
import { SoakClient } from "./client.ts";
import { fuzzWorker } from "./fuzz.ts";
import { formatReport, Tally, verdict, type Memory, type SoakReport } from "./report.ts";
import { InputBank, openNow, sessionWorker } from "./sessions.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Seconds past the end of a phase by which every worker must have closed its sessions and returned. */
const STUCK_AFTER_S = 120;

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    sessions: { type: "string", default: "1000" },
    fuzzers: { type: "string", default: "32" },
    warmup: { type: "string" },
    settle: { type: "string", default: "3" },
  },
});
const seconds = Number(values.duration);
const sessions = Number(values.sessions);
const fuzzers = Number(values.fuzzers);
const warmup = values.warmup === undefined ? Math.min(30, Math.max(3, seconds / 10)) : Number(values.warmup);
const settle = Number(values.settle);
for (const [name, n] of Object.entries({ duration: seconds, sessions, fuzzers, warmup, settle })) {
  if (!Number.isFinite(n) || n < 0) {
    console.error(`soak: --${name} takes a number of at least 0, got ${n}`);
    process.exit(2);
  }
}

const serverEnv = allocatorEnv(["serve"], process.env) ?? process.env;
const allocator = serverEnv.PROVE_ALLOCATOR === "tcmalloc" ? "tcmalloc" : "the system's malloc";

/** The server, on a free loopback port, with the GC hook; resolves once it listens. */
function startServer(data: string): Promise<{ child: ChildProcess; target: string; lines: (prefix: string) => Promise<string> }> {
  const child = spawn(
    process.execPath,
    [
      "--expose-gc",
      "--require",
      join(import.meta.dirname, "gc-hook.cjs"),
      join(ROOT, "bin", "prove.mjs"),
      "serve",
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "--data",
      data,
    ],
    // The allocator the launcher would pick, chosen here: the GC hook must run in the server itself.
    { stdio: ["ignore", "inherit", "pipe"], env: serverEnv },
  );
  const waiting: Array<{ prefix: string; resolve: (line: string) => void }> = [];
  let buffer = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const w = waiting.findIndex((x) => line.startsWith(x.prefix));
      if (w >= 0) waiting.splice(w, 1)[0]!.resolve(line);
      else process.stderr.write(`[server] ${line}\n`);
    }
  });
  const lines = (prefix: string) => new Promise<string>((resolve) => waiting.push({ prefix, resolve }));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`prove serve exited (${code}) before it listened`)));
    void lines("prove: gRPC on ").then((line) => resolve({ child, target: /gRPC on (\S+?)[ ,(]/.exec(`${line} `)![1]!, lines }));
  });
}

async function main(): Promise<number> {
  const data = mkdtempSync(join(tmpdir(), "prove-soak-"));
  const { child, target, lines } = await startServer(data);
  // The server never outlives the soak, whatever ends it.
  process.once("exit", () => child.kill("SIGKILL"));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
  const tally = new Tally();
  let died = false;
  child.once("exit", (code, signal) => {
    died = true;
    tally.crash(`prove serve died (exit ${code}, signal ${signal})`);
  });
  const client = new SoakClient(target, tally);
  const memory = async (): Promise<Memory> => {
    await sleep(settle * 1000);
    if (died) return { rss: Number.NaN, heapUsed: Number.NaN };
    const reply = lines("soak-memory ");
    child.kill("SIGUSR2");
    return JSON.parse((await reply).slice("soak-memory ".length)) as Memory;
  };
  const open = async (): Promise<number> => {
    const r = await client.call("Environment", "ListServers", {});
    return r.ok ? r.res.open_sessions : Number.NaN;
  };
  /** Every worker for `s` seconds; each closes what it opened before it returns. */
  const bank = new InputBank(client, 14);
  const phase = async (s: number, seed: number) => {
    const until = Date.now() + s * 1000;
    const stop = () => died || Date.now() >= until;
    const workers = Promise.all([
      ...Array.from({ length: sessions }, (_, w) => sessionWorker(seed * 100_000 + w, client, bank, { stop, maxActions: 24 })),
      ...Array.from({ length: fuzzers }, (_, f) => fuzzWorker(client, seed * 1_000_000 + f * 100_000, stop)),
    ]);
    // A call the server never answers would hold its worker for ever: past a grace period, that is a crash.
    const grace = new Promise<"stuck">((r) => setTimeout(() => r("stuck"), (s + STUCK_AFTER_S) * 1000).unref());
    if ((await Promise.race([workers, grace])) === "stuck") tally.crash(`workers still waiting for answers ${STUCK_AFTER_S} s after the phase ended`);
  };

  console.error(`soak: prove serve on ${target} (${allocator}); ${sessions} sessions and ${fuzzers} fuzzers, ${warmup} s warm-up, then ${seconds} s`);
  const start = await memory();
  const openBefore = await open();
  await phase(warmup, 1);
  const baseline = await memory();
  const started = Date.now();
  const clientDelay = monitorEventLoopDelay({ resolution: 10 });
  clientDelay.enable();
  await phase(seconds, 2);
  clientDelay.disable();
  const elapsed = (Date.now() - started) / 1000;
  const openAfter = await open();
  const end = await memory();
  client.close();

  if (!died) {
    child.removeAllListeners("exit");
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    const code = await exited;
    if (code !== 0) tally.crash(`prove serve exited ${code} on SIGTERM`);
  }
  rmSync(data, { recursive: true, force: true });

  const report: SoakReport = {
    seconds: elapsed,
    allocator,
    inputs: tally.inputs,
    crashes: tally.crashes,
    crashSamples: tally.crashSamples,
    openBefore,
    openAfter,
    crossReads: tally.crossReads,
    crossSamples: tally.crossSamples,
    markedReads: tally.markedReads,
    memory: { start, baseline, end },
    errors: tally.errors,
    sessionsOpened: tally.sessionsOpened,
    peakOpen: openNow.peak,
    clientLoop: { p99: clientDelay.percentile(99) / 1e6, max: clientDelay.max / 1e6 },
  };
  console.log(formatReport(report));
  return verdict(report).length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`soak: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
