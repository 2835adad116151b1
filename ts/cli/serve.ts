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

export const usage = `usage: prove serve [options]
The gRPC service (Environment, Reward, Tasks, health, reflection).
  --host HOST               address to bind (default 127.0.0.1; anything else needs a token)
  --port N                  port (default 50051; 0 picks a free one)
  --token-file FILE         bearer token in FILE (or set PROVE_TOKEN); it covers every service but health
  --shard NAME              prefix of this process's session ids (default s0)
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
  tasks: string[];
  data: string;
  maxInflight: number;
  limits: Partial<EnvLimits>;
  seedScale?: number;
}

/** The options of `prove serve` from its command line (and PROVE_TOKEN). */
export function serveArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "50051" },
      token: { type: "string" },
      "token-file": { type: "string" },
      shard: { type: "string", default: "s0" },
      tasks: { type: "string", multiple: true },
      data: { type: "string", default: "runs/datasets" },
      "max-inflight": { type: "string", default: "64" },
      ...LIMIT_OPTIONS,
      ...SEED_SCALE_OPTION,
    },
  });
  const seedScale = seedScaleFrom(values);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes 0-65535, got "${values.port}"`);
  const maxInflight = Number(values["max-inflight"]);
  if (!Number.isSafeInteger(maxInflight) || maxInflight < 1)
    throw new UsageError(`--max-inflight takes a whole number of at least 1, got "${values["max-inflight"]}"`);
  const token = tokenFrom(values, env);
  return {
    host: values.host,
    port,
    ...(token ? { token } : {}),
    shard: values.shard,
    tasks: values.tasks ?? [],
    data: values.data,
    maxInflight,
    limits: limitsFrom(values),
    ...(seedScale ? { seedScale } : {}),
  };
}

export async function run(argv: string[]): Promise<void> {
  const args = serveArgs(argv);
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
  // Stay up until a signal arrives.
  await new Promise(() => undefined);
}
