/**
 * Scale-out on one machine: `prove serve --shards N` (N = 1, 2, 4) driven by trainer-like Python
 * client processes (bench/shard_client.py), each holding one group of 256 sessions per shard and
 * advancing them all with one routed step_batch per round (one StepBatch RPC of 256 per shard).
 * Reports the aggregate read and write steps/s for each N: the curve a trainer's rollouts get
 * from more shards. The same client load (CLIENTS processes) is used for every N.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createInterface, type Interface } from "node:readline";
import { join } from "node:path";
import { startService, stopService } from "./service.ts";

const ROOT = join(import.meta.dirname, "..");
const GROUP = 256;
/** CPU seconds (user + system) the processes have used so far; /proc/PID/stat counts in ticks of 1/100 s. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/**
 * The service's processes: the one started and all below it. `prove serve` starts itself again
 * under tcmalloc (bin/allocator.mjs) and a launcher starts its shards, so the process spawned here
 * serves nothing itself (counting only it read 0 cores).
 */
function servicePids(proc: ChildProcess): number[] {
  const tree = (pid: number): number[] => {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return [pid, ...(children ? children.split(/\s+/).map(Number).flatMap(tree) : [])];
  };
  return tree(proc.pid as number);
}

interface Worker {
  proc: ChildProcess;
  lines: Interface;
  next(): Promise<string>;
}

function startWorker(targets: string): Worker {
  const venv = join(ROOT, ".venv/bin/python");
  const proc = spawn(existsSync(venv) ? venv : "python3", [join(ROOT, "bench/shard_client.py"), targets, String(GROUP)], {
    env: { ...process.env, PYTHONPATH: join(ROOT, "py") },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: proc.stdout! });
  const queue: string[] = [];
  const waiting: Array<(l: string) => void> = [];
  lines.on("line", (l) => (waiting.length ? waiting.shift()!(l) : queue.push(l)));
  const failed = new Promise<string>((_, reject) => proc.once("exit", (code) => reject(new Error(`shard_client.py exited (${code})`))));
  return {
    proc,
    lines,
    next: () => Promise.race([queue.length ? Promise.resolve(queue.shift()!) : new Promise<string>((r) => waiting.push(r)), failed]),
  };
}

/**
 * Every worker runs the same phase at once; the aggregate is the sum of their own rates. The CPU
 * the service and the clients used over the phase says where the machine's cores went.
 */
async function phase(workers: Worker[], service: number[], kind: "read" | "write", seconds: number) {
  const clients = workers.map((w) => w.proc.pid as number);
  const [server0, clients0, t0] = [cpuSeconds(service), cpuSeconds(clients), performance.now()];
  for (const w of workers) w.proc.stdin!.write(`${kind} ${seconds}\n`);
  const results = (await Promise.all(workers.map((w) => w.next()))).map((l) => JSON.parse(l) as { steps: number; seconds: number; rpcs: number });
  const wall = (performance.now() - t0) / 1000;
  const cores = (x: number) => Math.round((x / wall) * 100) / 100;
  return {
    steps_per_s: Math.round(results.reduce((a, r) => a + r.steps / r.seconds, 0)),
    rpcs_per_s: Math.round(results.reduce((a, r) => a + r.rpcs / r.seconds, 0)),
    cores_used: { service: cores(cpuSeconds(service) - server0), clients: cores(cpuSeconds(clients) - clients0) },
  };
}

export async function run(opts: { quick?: boolean } = {}) {
  const quick = opts.quick ?? false;
  const counts = quick ? [1, 2] : [1, 2, 4];
  const clients = quick ? 2 : 4;
  const seconds = quick ? 2 : 8;
  const curve: Record<string, unknown> = {};
  for (const n of counts) {
    const { proc, targets } = await startService(n);
    const service = servicePids(proc);
    try {
      const workers = Array.from({ length: clients }, () => startWorker(targets));
      for (const w of workers) if ((await w.next()) !== "ready") throw new Error("shard_client.py did not get ready");
      await phase(workers, service, "read", 1); // warm-up
      const load = [loadavg()[0]];
      const read = await phase(workers, service, "read", seconds);
      const write = await phase(workers, service, "write", seconds);
      load.push(loadavg()[0]);
      for (const w of workers) w.proc.stdin!.end("quit\n");
      await Promise.all(workers.map((w) => new Promise((r) => (w.proc.exitCode === null ? w.proc.once("exit", r) : r(null)))));
      curve[`shards=${n}`] = {
        read_steps_per_s: read.steps_per_s,
        write_steps_per_s: write.steps_per_s,
        stepbatch_rpcs_per_s: { read: read.rpcs_per_s, write: write.rpcs_per_s },
        cores_used: { read: read.cores_used, write: write.cores_used },
        sessions: clients * n * GROUP,
        loadavg_1m_before_after: load.map((x) => Math.round((x ?? 0) * 100) / 100),
      };
    } finally {
      await stopService(proc);
    }
  }
  const base = curve["shards=1"] as { read_steps_per_s: number; write_steps_per_s: number };
  const speedup: Record<string, { read: number; write: number }> = {};
  for (const [k, v] of Object.entries(curve) as Array<[string, { read_steps_per_s: number; write_steps_per_s: number }]>)
    speedup[k] = {
      read: Math.round((v.read_steps_per_s / base.read_steps_per_s) * 100) / 100,
      write: Math.round((v.write_steps_per_s / base.write_steps_per_s) * 100) / 100,
    };
  return {
    quick,
    clients,
    seconds_per_phase: seconds,
    curve,
    speedup_over_one_shard: speedup,
    notes: [
      `${clients} Python client processes (bench/shard_client.py) for every N; each holds one group of ${GROUP} forked banking sessions per shard and calls step_batch over all of them, which the client splits into one StepBatch RPC of ${GROUP} per shard, sent at once. As in training, a group lives for one rollout (10 rounds), then is closed and forked again, inside the timed phase; steps skip the state hash, as the trainer's do.`,
      "read: get_balance; write: transfer_between_accounts (2 accounts updated, 3 transactions created). Steps/s are summed over the client processes, each timing its own phase.",
      "Server and clients share the machine's cores: on a 2-core machine the curve flattens once the cores are busy, whatever N is.",
    ],
  };
}
