/** `prove serve`: the gRPC service, until SIGINT/SIGTERM. */
import { parseArgs } from "node:util";
import type { EnvLimits } from "../env/environment.ts";
import { serve } from "../rpc/server.ts";
import { Datasets } from "../tasks/datasets.ts";
import {
  allocatorNotice,
  LIMIT_OPTIONS,
  limitsFrom,
  limitsUsage,
  SEED_SCALE_OPTION,
  SEED_SCALE_USAGE,
  seedScaleFrom,
  tokenFrom,
  UsageError,
} from "./limits.ts";
import { LAUNCHED_AS_SHARD, runShards, SHARD_NAME } from "./shards.ts";

export const usage = `usage: prove serve [options]
The gRPC service (Environment, Reward, Tasks, health, reflection).
  --host HOST               address to bind (default 127.0.0.1; anything else needs a token)
  --port N                  port (default 50051; 0 picks a free one); with --shards, the first of N consecutive ones
  --token-file FILE         bearer token in FILE (or set PROVE_TOKEN); it covers every service but health
  --shard NAME              prefix of this process's session ids (default s0; letters, digits, _)
  --shards N                N service processes (shards s0..s{N-1}) with the same options; clients
                            given the printed list route each session's calls to its shard (default 1)
  --tasks [NAME=]DIR        serve DIR/tasks.jsonl as dataset NAME ("default"); repeatable
  --data DIR                where Tasks.Synthesize writes datasets (default runs/datasets)
  --max-inflight N          calls in progress at once; past it RESOURCE_EXHAUSTED with a retry hint (default 64)
${SEED_SCALE_USAGE}
${limitsUsage()}`;

export interface ServeArgs {
  host: string;
  port: number;
  token?: string;
  shard: string;
  /** Service processes to start (1: this process serves). */
  shards: number;
  tasks: string[];
  data: string;
  maxInflight: number;
  limits: Partial<EnvLimits>;
  seedScale?: number;
}

export const SERVE_OPTIONS = {
  host: { type: "string", default: "127.0.0.1" },
  port: { type: "string", default: "50051" },
  token: { type: "string" },
  "token-file": { type: "string" },
  shard: { type: "string" },
  shards: { type: "string", default: "1" },
  tasks: { type: "string", multiple: true },
  data: { type: "string", default: "runs/datasets" },
  "max-inflight": { type: "string", default: "64" },
  ...LIMIT_OPTIONS,
  ...SEED_SCALE_OPTION,
} as const;

/** The options of `prove serve` from its command line (and PROVE_TOKEN). */
export function serveArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  const { values } = parseArgs({ args: argv, options: SERVE_OPTIONS });
  const seedScale = seedScaleFrom(values);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes 0-65535, got "${values.port}"`);
  const shards = Number(values.shards);
  if (!Number.isInteger(shards) || shards < 1 || shards > 64) throw new UsageError(`--shards takes a whole number from 1 to 64, got "${values.shards}"`);
  if (shards > 1 && values.shard !== undefined) throw new UsageError("--shards N names its processes s0..s{N-1}; leave out --shard");
  if (shards > 1 && port > 0 && port + shards - 1 > 65535) throw new UsageError(`--port ${port} leaves no room for ${shards} consecutive ports`);
  const shard = values.shard ?? "s0";
  // A client takes the shard from a session id up to its first "-", so a name cannot hold one.
  if (!SHARD_NAME.test(shard)) throw new UsageError(`--shard takes 1-32 letters, digits or _ (no "-": session ids are "<shard>-<random>"), got "${shard}"`);
  const maxInflight = Number(values["max-inflight"]);
  if (!Number.isSafeInteger(maxInflight) || maxInflight < 1)
    throw new UsageError(`--max-inflight takes a whole number of at least 1, got "${values["max-inflight"]}"`);
  const token = tokenFrom(values, env);
  return {
    host: values.host,
    port,
    ...(token ? { token } : {}),
    shard,
    shards,
    tasks: values.tasks ?? [],
    data: values.data,
    maxInflight,
    limits: limitsFrom(values),
    ...(seedScale ? { seedScale } : {}),
  };
}

export async function run(argv: string[]): Promise<number | void> {
  const args = serveArgs(argv);
  if (args.shards > 1) return runShards(argv, args.shards, args.port);
  // --tasks DIR loads DIR/tasks.jsonl as "default"; --tasks name=DIR under a name. Synthesis writes under --data.
  const datasets = new Datasets(args.data);
  for (const spec of args.tasks) {
    const [name, dir] = spec.includes("=") ? (spec.split("=", 2) as [string, string]) : ["default", spec];
    const ds = datasets.load(name, dir);
    console.error(`prove: dataset "${name}": ${ds.store.size} tasks from ${dir}`);
  }
  const server = await serve({
    host: args.host,
    port: args.port,
    token: args.token,
    maxInflight: args.maxInflight,
    envOptions: { shard: args.shard, limits: args.limits, ...(args.seedScale ? { seedScale: args.seedScale } : {}) },
    datasets,
  });
  // Signals are handled before the ready line: whoever waits for it may stop the server at once.
  const stop = (signal: string) => {
    console.error(`prove: ${signal}, draining calls in flight…`);
    void server.shutdown().then(() => process.exit(0));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
  const notice = allocatorNotice();
  if (notice) console.error(notice);
  console.error(
    `prove: gRPC on ${server.address} (Environment, Reward, Tasks, health, reflection)${args.token ? ", bearer token required (health excepted)" : ""}`,
  );
  // A shard of `prove serve --shards N`: tell the launcher where it listens, and stop when the launcher is gone (even killed).
  if (process.send && process.env[LAUNCHED_AS_SHARD]) {
    process.send({ shard: args.shard, address: server.address });
    process.once("disconnect", () => stop("the launching `prove serve --shards` is gone"));
  }
  // Stay up until a signal arrives.
  await new Promise(() => undefined);
}
