/**
 * `prove serve --shards N`: N service processes with the same options (token, limits, tasks),
 * named s0..s{N-1} so every session id names the process that holds it, on consecutive ports
 * from --port (or free ones with --port 0). Prints one line with the targets for clients to
 * route over. Signals are forwarded; a shard that dies is reported and stops the others, and
 * the command exits non-zero: nothing is restarted behind a trainer's back (its sessions are gone).
 */
import { type ChildProcess, fork } from "node:child_process";
import { parseArgs } from "node:util";
import { allocatorEnv, serverExecArgv } from "../../bin/allocator.mjs";
import { SERVE_OPTIONS } from "./serve.ts";

/** A shard's name: what a session id holds before its first "-". */
export const SHARD_NAME = /^[A-Za-z0-9_]{1,32}$/;

/** Set in a shard's environment: it reports its address over the IPC channel and stops when the channel closes. */
export const LAUNCHED_AS_SHARD = "PROVE_LAUNCHED_AS_SHARD";

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

export interface RunningShards {
  /** Where each shard listens, s0 first: what clients are given. */
  targets: string[];
  /** Resolves, with what happened, when a shard ends without being asked to. */
  died: Promise<string>;
  /** Forwards a signal to every shard and waits for all of them; true when all drained cleanly. */
  stop(signal?: NodeJS.Signals): Promise<boolean>;
}

/**
 * Starts the shards and resolves once each listens. A shard that dies before is reported as a
 * rejection, and the others are stopped. `env` adds to the shards' environment (PROVE_TOKEN).
 */
export function startShards(argv: string[], count: number, port: number, env: NodeJS.ProcessEnv = {}): Promise<RunningShards> {
  const script = process.argv[1] as string;
  // Each shard in its own process group: a terminal's Ctrl-C reaches the launcher only, which forwards it once.
  const shards: Shard[] = Array.from({ length: count }, (_, i) => {
    const name = `s${i}`;
    const args = ["serve", ...shardArgv(argv, name, port === 0 ? 0 : port + i)];
    const shardEnv = { ...process.env, ...env, [LAUNCHED_AS_SHARD]: "1" };
    // Started under the server allocator and heap options directly (bin/allocator.mjs): a shard does not relaunch itself.
    const options = { detached: true, env: allocatorEnv(["serve"], shardEnv) ?? shardEnv, execArgv: serverExecArgv(process.execArgv, shardEnv) };
    return { name, proc: fork(script, args, options) };
  });
  let stopping = false;
  let clean = true;
  let reportDeath: (why: string) => void = () => undefined;
  const died = new Promise<string>((resolve) => (reportDeath = resolve));
  const ends = shards.map(
    (s) =>
      new Promise<void>((resolve) => {
        let ended = false;
        const end = (why: string, ok: boolean) => {
          if (ended) return; // "error" and "exit" can both come
          ended = true;
          if (!ok) clean = false;
          if (stopping && !ok) console.error(`prove: shard ${s.name} ${why} while stopping`);
          if (!stopping) {
            reportDeath(`shard ${s.name} (pid ${s.proc.pid ?? "none"}) ${why}`);
            stop("SIGTERM");
          }
          resolve();
        };
        s.proc.once("error", (err) => end(`failed to start: ${err.message}`, false));
        s.proc.once("exit", (code, signal) => end(signal ? `was killed by ${signal}` : `exited with status ${code}`, code === 0));
      }),
  );
  const all = Promise.all(ends);
  const stop = (signal: NodeJS.Signals = "SIGTERM") => {
    stopping = true;
    for (const s of shards) if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill(signal);
    return all.then(() => clean);
  };
  return new Promise((resolve, reject) => {
    void died.then((why) => all.then(() => reject(new Error(`${why} before all shards listened`))));
    for (const s of shards) {
      s.proc.on("message", (m: { address?: string }) => {
        s.address = m.address;
        if (shards.every((x) => x.address)) resolve({ targets: shards.map((x) => x.address as string), died, stop });
      });
    }
  });
}

/** `prove serve --shards N`: runs the shards until a signal (exit 0 once all drained) or until one dies (exit 1). */
export async function runShards(argv: string[], count: number, port: number): Promise<number> {
  const stopAsked = new Promise<NodeJS.Signals>((resolve) => {
    const on = (signal: NodeJS.Signals) => () => {
      console.error(`prove: ${signal}, stopping ${count} shards…`);
      resolve(signal);
    };
    process.once("SIGINT", on("SIGINT"));
    process.once("SIGTERM", on("SIGTERM"));
  });
  let shards: RunningShards;
  try {
    shards = await startShards(argv, count, port);
  } catch (err) {
    console.error(`prove: ${(err as Error).message}; stopped the other shards`);
    return 1;
  }
  console.error(`prove: gRPC shards ${shards.targets.join(",")}`);
  const first = await Promise.race([stopAsked.then((signal) => ({ signal })), shards.died.then((why) => ({ why }))]);
  if ("why" in first) {
    console.error(`prove: ${first.why}; stopping the other shards (their sessions are lost too)`);
    await shards.stop();
    return 1;
  }
  return (await shards.stop(first.signal)) ? 0 : 1;
}
