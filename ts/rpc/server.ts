/**
 * `prove serve`: the gRPC service (Environment, Reward, Tasks) with standard health checking
 * and server reflection. Binds loopback by default; bound anywhere else it refuses to start
 * without a bearer token, which then covers every service but health. Shutdown drains the calls
 * in flight.
 */
import * as grpc from "@grpc/grpc-js";
import { ReflectionService } from "@grpc/reflection";
import { HealthImplementation } from "grpc-health-check";
import { Environment, type EnvironmentOptions } from "../env/environment.ts";
import { domains } from "../servers/index.ts";
import { environmentService } from "./environment.ts";
import { authInterceptor, Guard, tolerant } from "./guard.ts";
import { loadProto } from "./proto.ts";
import { widenReceiveWindows } from "./window.ts";
import { Rewarder } from "../reward/index.ts";
import { rewardService } from "./reward.ts";
import type { Datasets } from "../tasks/datasets.ts";
import { taskSource, tasksService, type TaskSource } from "./tasks.ts";

export interface ServeOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  env?: Environment;
  envOptions?: EnvironmentOptions;
  maxInflight?: number;
  yieldEvery?: number;
  /** Bytes a batch or journal reply may gather before it stops taking items (tests make it small). */
  maxReplyBytes?: number;
  /** Task datasets: loaded ones are served, synthesized ones written under their root. */
  datasets?: Datasets;
  /** A task source other than the datasets (tests). */
  tasks?: TaskSource;
}

export interface RunningServer {
  host: string;
  port: number;
  address: string;
  env: Environment;
  /** Listeners whose connections get the wide receive window (ts/rpc/window.ts); 0 means grpc-js hid them. */
  widenedListeners: number;
  /** Stops accepting calls, lets calls in flight finish (up to graceMs), then closes. */
  shutdown(graceMs?: number): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);
/** The largest message either way (a StepBatch of a whole group, or its reply). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const SERVICES = ["prove.v1.Environment", "prove.v1.Reward", "prove.v1.Tasks"];

export async function serve(opts: ServeOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? "127.0.0.1";
  if (!LOOPBACK.has(host) && !opts.token) {
    throw new Error(`refusing to bind ${host} without a bearer token: set PROVE_TOKEN or pass --token-file FILE when serving beyond loopback`);
  }
  const env = opts.env ?? new Environment(domains, opts.envOptions);
  const tasks = opts.tasks ?? (opts.datasets ? taskSource(opts.datasets) : undefined);
  const { definition, services } = loadProto();
  const guard = new Guard({ maxInflight: opts.maxInflight ?? 64, yieldEvery: opts.yieldEvery ?? 64 });
  const server = new grpc.Server({
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    ...(opts.token ? { interceptors: [authInterceptor(opts.token)] } : {}),
  });
  server.addService(
    tolerant(services.Environment.service),
    environmentService(env, guard, () => tasks, opts.maxReplyBytes),
  );
  server.addService(
    tolerant(services.Reward.service),
    rewardService(new Rewarder(domains, env), guard, () => tasks),
  );
  server.addService(tolerant(services.Tasks.service), tasksService(guard, opts.datasets));
  const health = new HealthImplementation(Object.fromEntries(["", ...SERVICES].map((s) => [s, "SERVING" as const])));
  health.addToServer(server);
  new ReflectionService(definition).addToServer(server);

  const bindHost = host.includes(":") ? `[${host}]` : host;
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${bindHost}:${opts.port ?? 50051}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const widenedListeners = widenReceiveWindows(server);
  if (widenedListeners === 0)
    console.error("prove: could not widen the HTTP/2 receive window (grpc-js internals changed); large requests may queue under load");
  // Idle sessions are reclaimed at least every 30 s, sooner when their TTL is shorter.
  const sweep = setInterval(() => env.sweep(), Math.max(1000, Math.min(30_000, env.limits.idleTtlMs / 2))).unref();
  return {
    host,
    port,
    address: `${bindHost}:${port}`,
    env,
    widenedListeners,
    async shutdown(graceMs = 5000) {
      clearInterval(sweep);
      for (const s of ["", ...SERVICES]) health.setStatus(s, "NOT_SERVING");
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}
