/**
 * `prove serve --shards 2` as a trainer meets it: two processes on free ports, the TypeScript
 * client (ts/rpc/client.ts) routing over them, and the command's process handling (signals, a
 * shard that dies, a launcher that is killed). py/tests/test_shards.py drives the Python client.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { execa, type ResultPromise } from "execa";
import { describe, expect, it } from "vitest";
import { SEMI_SPACE_MB, tcmallocLibrary } from "../../bin/allocator.mjs";
import { ProveClient, targetsOf } from "../../ts/rpc/client.ts";
import { shardArgv } from "../../ts/cli/shards.ts";
import { serveArgs } from "../../ts/cli/serve.ts";
import { domains } from "../../ts/servers/index.ts";
import { buildTask } from "../../ts/tasks/build.ts";

const TOKEN = "shard-test-token";
const READ = '<tool_call>{"name":"get_balance","arguments":{"account_id":"ACC-1001"}}</tool_call>';
const TASK = buildTask({
  id: "bank-read",
  seed: "7",
  domains: domains.filter((d) => d.name === "banking"),
  system: "You are a banking assistant.",
  turns: [{ user: "What is the balance of ACC-1001?", steps: [{ id: 0, tool: "get_balance", args: { account_id: "ACC-1001" }, depends_on: [] }] }],
});

interface Launched {
  child: ResultPromise;
  targets: string[];
  /** The shard processes' pids, s0 first. */
  pids: number[];
  stderr: () => string;
}

async function launch(): Promise<Launched> {
  const data = mkdtempSync(join(tmpdir(), "prove-shards-"));
  const child = execa(process.execPath, ["bin/prove.mjs", "serve", "--shards", "2", "--port", "0", "--data", data], {
    reject: false,
    env: { PROVE_TOKEN: TOKEN },
  });
  let stderr = "";
  const line = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      stderr += d.toString();
      const m = /gRPC shards (\S+)/.exec(stderr);
      if (m) resolve(m[1] as string);
    });
    void child.then(() => reject(new Error(`prove serve --shards exited early:\n${stderr}`)));
  });
  // The shards are the command's descendants named by --shard (the launcher may have started the
  // command again under tcmalloc first, bin/allocator.mjs, so they can be its grandchildren).
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((row) => row.trim().split(/\s+/));
  const family = new Set([child.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of rows)
      if (family.has(Number(ppid)) && !family.has(Number(pid))) {
        family.add(Number(pid));
        grew = true;
      }
  }
  const byShard = new Map<string, number>();
  for (const cols of rows)
    if (family.has(Number(cols[0])) && cols.includes("--shard")) byShard.set(cols[cols.indexOf("--shard") + 1] as string, Number(cols[0]));
  const pids = [byShard.get("s0"), byShard.get("s1")].filter((p): p is number => p !== undefined);
  return { child, targets: line.split(","), pids, stderr: () => stderr };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pids: number[], withinMs = 15_000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!pids.some(alive)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const codeOf = async (p: Promise<unknown>): Promise<number | undefined> =>
  p.then(
    () => undefined,
    (err: grpc.ServiceError) => err.code,
  );

describe("prove serve --shards", () => {
  it("gives each shard its name and port and the launcher's other options", () => {
    expect(serveArgs(["--shards", "4", "--port", "0"], {}).shards).toBe(4);
    expect(serveArgs([], {}).shards).toBe(1);
    expect(() => serveArgs(["--shards", "0"], {})).toThrow(/--shards takes a whole number from 1 to 64/);
    expect(() => serveArgs(["--shards", "2", "--shard", "a"], {})).toThrow(/leave out --shard/);
    expect(() => serveArgs(["--shard", "host-1"], {})).toThrow(/no "-"/);
    expect(() => serveArgs(["--shards", "3", "--port", "65534"], {})).toThrow(/no room for 3 consecutive ports/);
    expect(shardArgv(["--shards", "2", "--port=7000", "--max-sessions", "9", "--tasks", "a=x", "--tasks", "y"], "s1", 7001)).toEqual([
      "--max-sessions",
      "9",
      "--tasks",
      "a=x",
      "--tasks",
      "y",
      "--shard",
      "s1",
      "--port",
      "7001",
    ]);
    expect(targetsOf(" a:1 ,b:2,")).toEqual(["a:1", "b:2"]);
  });

  it("serves two shards that the client routes over, and stops both on SIGTERM", async () => {
    const s = await launch();
    const client = new ProveClient(s.targets, { token: TOKEN });
    try {
      expect(s.targets).toHaveLength(2);
      expect(s.pids).toHaveLength(2);
      // Shards run on the allocator the launcher picked (tcmalloc where installed: CI installs it).
      if (tcmallocLibrary()) for (const pid of s.pids) expect(readFileSync(`/proc/${pid}/maps`, "utf8")).toContain("libtcmalloc_minimal");
      // ... and with a server's young generation (bin/allocator.mjs).
      for (const pid of s.pids) expect(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")).toContain(`--max-semi-space-size=${SEMI_SPACE_MB}`);
      // Every shard has the launcher's token: without it, even learning the shards is refused.
      const stranger = new ProveClient(s.targets);
      expect(await codeOf(stranger.ready())).toBe(grpc.status.UNAUTHENTICATED);
      stranger.close();

      await client.ready();
      const roots = [];
      for (let i = 0; i < 4; i++) roots.push(await client.createSession({ servers: ["banking"], seed: "7" }));
      const ids = roots.map((r) => r.session_id as string);
      expect(ids.map((id) => id.split("-")[0])).toEqual(["s0", "s1", "s0", "s1"]);
      const loads = await client.listServers();
      expect(loads.map((l) => [l.shard, l.open_sessions])).toEqual([
        ["s0", 2],
        ["s1", 2],
      ]);

      // One StepBatch over both shards and a session no shard holds: answers in request order.
      const order = [ids[1], ids[0], "s7-nowhere", ids[3], ids[2]] as string[];
      const results = await client.stepBatch(order.map((id) => ({ session_id: id, assistant_text: READ, format: "TOOL_CALL_FORMAT_HERMES", turn: 0 })));
      expect(results.map((r) => r.session_id)).toEqual(order);
      expect(results.map((r) => r.status?.code)).toEqual([0, 0, grpc.status.NOT_FOUND, 0, 0]);
      expect(results[2]?.status?.message).toBe(`unknown session "s7-nowhere" (its shard "s7" is not one of this client's: s0, s1)`);
      expect(results.filter((r) => r.status?.code === 0).map((r) => JSON.parse(r.calls[0]?.result?.result_json ?? "null").account_id)).toEqual([
        "ACC-1001",
        "ACC-1001",
        "ACC-1001",
        "ACC-1001",
      ]);
      // The same session on either shard started from the same seed: same state.
      const hashes = await Promise.all(ids.map((id) => client.getState(id)));
      expect(new Set(hashes.map((h) => h.state_hash)).size).toBe(1);
      expect(hashes.map((h) => h.calls)).toEqual([1, 1, 1, 1]);

      // A fork lives on its parent's shard.
      const forks = await client.forkSession(ids[1] as string, 3);
      expect(forks.map((f) => (f.session_id as string).split("-")[0])).toEqual(["s1", "s1", "s1"]);
      expect((await client.listServers()).map((l) => l.open_sessions)).toEqual([2, 5]);
      const journal = await client.getJournal(forks[0]?.session_id as string);
      expect(journal.records.map((r) => r.tool)).toEqual(["get_balance"]);
      const single = await client.step({ session_id: ids[2] as string, assistant_text: READ, format: "TOOL_CALL_FORMAT_HERMES", turn: 0 });
      expect(single.session_id).toBe(ids[2]);
      expect(await codeOf(client.getState("s7-nowhere"))).toBe(grpc.status.NOT_FOUND);
      expect(await codeOf(client.forkSession("nodash", 1))).toBe(grpc.status.NOT_FOUND);

      // A group is scored where it lives (elsewhere each session would be "unknown"); one spread over two shards is refused.
      const group = await client.scoreGroup({ task_json: JSON.stringify(TASK), session_ids: forks.map((f) => f.session_id as string) });
      expect(group.scores.map((x) => [x.outcome, x.status?.code ?? 0])).toEqual([
        ["ok", 0],
        ["ok", 0],
        ["ok", 0],
      ]);
      await expect(client.scoreGroup({ task_json: JSON.stringify(TASK), session_ids: [ids[0] as string, ids[1] as string] })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
        details: "a group's sessions live on one shard (fork them from one root); these are on s0, s1",
      });

      const closed = await client.closeSessions([...forks.map((f) => f.session_id as string), "s9-x", ...ids]);
      expect(closed).toEqual({ closed: 7, missing: ["s9-x"] });
      expect((await client.listServers()).map((l) => l.open_sessions)).toEqual([0, 0]);
    } finally {
      client.close();
      s.child.kill("SIGTERM");
    }
    const end = await s.child;
    expect(end.exitCode, s.stderr()).toBe(0);
    expect(await gone(s.pids)).toBe(true);
  });

  it("reports a shard that dies, stops the other and exits non-zero", async () => {
    const s = await launch();
    process.kill(s.pids[1] as number, "SIGKILL");
    const end = await s.child;
    expect(end.exitCode).toBe(1);
    expect(s.stderr()).toMatch(/shard s1 \(pid \d+\) was killed by SIGKILL; stopping the other shards/);
    expect(await gone(s.pids)).toBe(true);
  });

  it("exits non-zero, saying which shard, when one cannot start", async () => {
    const taken = createServer();
    const port = await new Promise<number>((resolve) => taken.listen(0, "127.0.0.1", () => resolve((taken.address() as AddressInfo).port)));
    try {
      const data = mkdtempSync(join(tmpdir(), "prove-shards-"));
      const r = await execa(process.execPath, ["bin/prove.mjs", "serve", "--shards", "2", "--port", String(port), "--data", data], {
        reject: false,
        timeout: 60_000,
      });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/shard s0 \(pid \d+\) exited with status 1 before all shards listened; stopped the other shards/);
      expect(r.stderr).not.toMatch(/gRPC shards/);
    } finally {
      taken.close();
    }
  });

  it("takes its shards down with it when the launcher itself is killed", async () => {
    const s = await launch();
    s.child.kill("SIGKILL");
    await s.child;
    expect(await gone(s.pids)).toBe(true);
  });
});
