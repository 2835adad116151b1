/** `prove serve [--host] [--port] [--token]`: the gRPC service, until SIGINT/SIGTERM. */
import { parseArgs } from "node:util";
import { serve } from "../rpc/server.ts";

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "50051" },
      token: { type: "string", default: process.env.PROVE_TOKEN },
      shard: { type: "string", default: "s0" },
    },
  });
  const server = await serve({ host: values.host, port: Number(values.port), token: values.token, envOptions: { shard: values.shard } });
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
