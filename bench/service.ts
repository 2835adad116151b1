/**
 * `prove serve` as it ships, in its own process, for the benches that time the service from a
 * client: started through bin/prove.mjs, so under the server's allocator and heap options
 * (bin/allocator.mjs), which a service inside the bench's own process would not have.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");

/** Limits lifted so that a long run never meets a per-session budget. */
const LIMITS = ["--max-calls-per-session", "100000000", "--max-journal-bytes", String(2 ** 40), "--max-sessions", "100000"];

export interface Service {
  proc: ChildProcess;
  /** Where it listens: one address, or a launcher's comma-separated shard list. */
  targets: string;
}

/** Starts `prove serve --shards n` (with `args` added) on a free port and resolves its targets. */
export function startService(n: number, args: string[] = []): Promise<Service> {
  const proc = spawn(process.execPath, [join(ROOT, "bin/prove.mjs"), "serve", "--shards", String(n), "--port", "0", ...LIMITS, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let seen = "";
    proc.stderr!.on("data", (d: Buffer) => {
      seen += d.toString();
      // One process prints where it listens; a launcher prints the list of its shards.
      const m = n === 1 ? /gRPC on (\S+)/.exec(seen) : /gRPC shards (\S+)/.exec(seen);
      if (m) resolve({ proc, targets: m[1] as string });
    });
    proc.once("exit", (code) => reject(new Error(`prove serve --shards ${n} exited (${code}):\n${seen}`)));
  });
}

export async function stopService(proc: ChildProcess): Promise<void> {
  const exited = new Promise((r) => proc.once("exit", r));
  proc.kill("SIGTERM");
  await exited;
}
