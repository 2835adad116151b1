/**
 * `prove serve --shards N`: N service processes with the same options (token, limits, tasks),
 * named s0..s{N-1} so every session id names the process that holds it, on consecutive ports
 * from --port (or free ones with --port 0). Prints one line with the targets for clients to
 * route over. Signals are forwarded; a shard that dies is reported and stops the others, and
 * the command exits non-zero: nothing is restarted behind a trainer's back (its sessions are gone).
 */
import { type ChildProcess, fork } from "node:child_process";
import { parseArgs } from "node:util";
import { SERVE_OPTIONS } from "./serve.ts";

/** A shard's name: what a session id holds before its first "-". */
export const SHARD_NAME = /^[A-Za-z0-9_]{1,32}$/;

/** A shard's own `prove serve` options: the launcher's, with its name and port instead of --shards. */
export function shardArgv(argv: string[], name: string, port: number): string[] {
  const { tokens } = parseArgs({ args: argv, options: SERVE_OPTIONS, tokens: true });
  const out: string[] = [];
  for (const t of tokens) {
    if (t.kind !== "option" || ["shards", "shard", "port"].includes(t.name)) continue;
    out.push(`--${t.name}`, ...(t.value === undefined ? [] : [t.value]));
  }
  return [...out, "--shard", name, "--port", String(port)];
}

interface Shard {
  name: string;
  proc: ChildProcess;
  address?: string;
}

/** Runs the shards until a signal (exit 0 once all drained) or until one dies (exit 1). */
export function runShards(argv: string[], count: number, port: number): Promise<number> {
  const script = process.argv[1] as string;
  // Each shard in its own process group: a terminal's Ctrl-C reaches the launcher only, which forwards it once.
  const shards: Shard[] = Array.from({ length: count }, (_, i) => {
    const name = `s${i}`;
    return { name, proc: fork(script, ["serve", ...shardArgv(argv, name, port === 0 ? 0 : port + i)], { detached: true }) };
  });
  let stopping = false;
  let code = 0;
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const s of shards) if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill(signal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`prove: ${signal}, stopping ${count} shards…`);
    stopAll(signal);
  };
  const onInt = () => onSignal("SIGINT");
  const onTerm = () => onSignal("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);

  return new Promise((resolve) => {
    let running = count;
    const gone = new Set<Shard>();
    const ended = (s: Shard, why: string, clean: boolean) => {
      if (gone.has(s)) return; // "error" and "exit" can both come
      gone.add(s);
      if (stopping && !clean) {
        console.error(`prove: shard ${s.name} ${why} while stopping`);
        code = 1;
      } else if (!stopping) {
        console.error(`prove: shard ${s.name} (pid ${s.proc.pid ?? "none"}) ${why}; stopping the other shards (their sessions are lost too)`);
        code = 1;
        stopAll("SIGTERM");
      }
      if (--running === 0) {
        process.off("SIGINT", onInt);
        process.off("SIGTERM", onTerm);
        resolve(code);
      }
    };
    for (const s of shards) {
      s.proc.on("message", (m: { address?: string }) => {
        s.address = m.address;
        if (shards.every((x) => x.address)) console.error(`prove: gRPC shards ${shards.map((x) => x.address).join(",")}`);
      });
      s.proc.once("error", (err) => ended(s, `failed to start: ${err.message}`, false));
      s.proc.once("exit", (exit, signal) => ended(s, signal ? `was killed by ${signal}` : `exited with status ${exit}`, exit === 0));
    }
  });
}
