/** An in-process gRPC server and promise-returning clients for tests. */
import * as grpc from "@grpc/grpc-js";
import { loadProto } from "../../ts/rpc/proto.ts";
import { serve, type RunningServer, type ServeOptions } from "../../ts/rpc/server.ts";

export type Rpc = (method: string, request: Record<string, unknown>, opts?: { metadata?: grpc.Metadata; deadlineMs?: number }) => Promise<any>;

export interface TestServer {
  server: RunningServer;
  env: Rpc;
  reward: Rpc;
  tasks: Rpc;
  clients: grpc.Client[];
  close(): Promise<void>;
}

export function rpcFor(client: grpc.Client): Rpc {
  return (method, request, opts = {}) =>
    new Promise((resolve, reject) => {
      const options: grpc.CallOptions = opts.deadlineMs ? { deadline: Date.now() + opts.deadlineMs } : {};
      (client as any)[method](request, opts.metadata ?? new grpc.Metadata(), options, (err: grpc.ServiceError | null, res: unknown) =>
        err ? reject(err) : resolve(res),
      );
    });
}

export async function startTestServer(opts: ServeOptions = {}): Promise<TestServer> {
  const server = await serve({ port: 0, ...opts });
  const { services } = loadProto();
  const target = `127.0.0.1:${server.port}`;
  const make = (C: grpc.ServiceClientConstructor) => new C(target, grpc.credentials.createInsecure());
  const clients = [make(services.Environment), make(services.Reward), make(services.Tasks)];
  return {
    server,
    env: rpcFor(clients[0]!),
    reward: rpcFor(clients[1]!),
    tasks: rpcFor(clients[2]!),
    clients,
    async close() {
      for (const c of clients) c.close();
      await server.shutdown(1000);
    },
  };
}

export async function expectStatus(p: Promise<unknown>, code: grpc.status, message?: RegExp): Promise<grpc.ServiceError> {
  try {
    await p;
  } catch (err) {
    const e = err as grpc.ServiceError;
    if (e.code !== code) throw new Error(`expected status ${grpc.status[code]}, got ${grpc.status[e.code]}: ${e.details}`);
    if (message && !message.test(e.details)) throw new Error(`status details "${e.details}" do not match ${message}`);
    return e;
  }
  throw new Error(`expected status ${grpc.status[code]}, the call succeeded`);
}
