/** `prove serve [--host] [--port] [--token]`: the gRPC service, until SIGINT/SIGTERM. */
import { parseArgs } from "node:util";
import { serve } from "../rpc/server.ts";
import { Datasets } from "../tasks/datasets.ts";

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "50051" },
      token: { type: "string", default: process.env.PROVE_TOKEN },
      shard: { type: "string", default: "s0" },
      tasks: { type: "string", multiple: true },
      data: { type: "string", default: "runs/datasets" },
    },
  });
  // --tasks DIR loads DIR/tasks.jsonl as "default"; --tasks name=DIR under a name. Synthesis writes under --data.
  const datasets = new Datasets(values.data);
  for (const spec of values.tasks ?? []) {
    const [name, dir] = spec.includes("=") ? (spec.split("=", 2) as [string, string]) : ["default", spec];
    const ds = datasets.load(name, dir);
    console.error(`prove: dataset "${name}": ${ds.store.size} tasks from ${dir}`);
  }
  const server = await serve({ host: values.host, port: Number(values.port), token: values.token, envOptions: { shard: values.shard }, datasets });
  console.error(`prove: gRPC on ${server.address} (Environment, Reward, Tasks, health, reflection)${values.token ? ", bearer token required" : ""}`);
  const stop = (signal: string) => {
    console.error(`prove: ${signal}, draining calls in flight…`);
    void server.shutdown().then(() => process.exit(0));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
  // Stay up until a signal arrives.
  await new Promise(() => undefined);
}
