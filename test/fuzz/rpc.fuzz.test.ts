/**
 * Fuzzing of every RPC of the three services, with requests built from the protos (odd strings,
 * negative and huge numbers, real session ids and model outputs mixed in) and with raw bytes that
 * are no valid message at all. Whatever arrives: never INTERNAL or UNKNOWN (our bug), the service
 * stays up, a refused Step or CallTool changed nothing, journals stay readable, and a session the
 * requests cannot name is never touched.
 */
import * as grpc from "@grpc/grpc-js";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProto } from "../../ts/rpc/proto.ts";
import { domains } from "../../ts/servers/index.ts";
import { rpcFor, startTestServer, type TestServer } from "../helpers/rpc.ts";
import { modelOutput, protoRequest, requestStrings, rpcMethods, vocabularyOf } from "./arbitraries.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/** Codes that mean a bug of ours rather than a bad request. */
const OUR_FAULT = [grpc.status.INTERNAL, grpc.status.UNKNOWN];

let t: TestServer;
let sentinel: string;
let sentinelHash: string;
beforeAll(async () => {
  t = await startTestServer({ envOptions: { limits: { maxSessions: 400, maxCallsPerSession: 200 } } });
  const s = await t.env("CreateSession", { servers: ["banking"], seed: "sentinel" });
  sentinel = s.session_id;
  sentinelHash = s.state_hash;
});
afterAll(() => t.close());

const { definition, services } = loadProto();
const banking = domains.find((d) => d.name === "banking")!;

/** Sessions the fuzzed requests may name, made anew for every run. */
async function pool(): Promise<string[]> {
  const root = await t.env("CreateSession", { servers: ["banking"], seed: "7" });
  const { sessions } = await t.env("ForkSession", { session_id: root.session_id, count: 2 });
  return [root.session_id, ...sessions.map((s: { session_id: string }) => s.session_id)];
}

function strings(ids: string[]): fc.Arbitrary<string> {
  const snapshot = t.server.env.state(ids[0]!).snapshot.domains;
  const v = vocabularyOf(banking, snapshot as never);
  return requestStrings(
    ids,
    v,
    modelOutput(v).map((o) => o.text),
  );
}

/** A unary or server-streaming call's final status code (0 when it succeeded). */
function status(service: keyof typeof services, method: string, request: unknown): Promise<{ code: number; details: string }> {
  const client = t.clients[["Environment", "Reward", "Tasks"].indexOf(service)]!;
  const def = services[service].service[method]!;
  return new Promise((resolve) => {
    if (def.responseStream) {
      const call = client.makeServerStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, request);
      call.on("data", () => undefined);
      call.on("error", (e: grpc.ServiceError) => resolve({ code: e.code, details: e.details }));
      call.on("end", () => resolve({ code: 0, details: "" }));
    } else {
      client.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, request, (err) =>
        resolve({ code: err?.code ?? 0, details: err?.details ?? "" }),
      );
    }
  });
}

const methods = rpcMethods(services);

describe("fuzz: every RPC", () => {
  it.each(methods.map((m) => [`${m.svc}.${m.name}`, m] as const))(
    "%s: any request gets a status of the client's making, never INTERNAL, and changes nothing when refused",
    async (_label, m) => {
      await fc.assert(
        fc.asyncProperty(fc.context(), fc.integer(), async (ctx, seed) => {
          const ids = await pool();
          const requests = fc.sample(protoRequest(definition as never, m.type, strings(ids)), { numRuns: 3, seed });
          for (const request of requests) {
            const target = typeof request.session_id === "string" && ids.includes(request.session_id) ? request.session_id : undefined;
            const before = target ? { hash: t.server.env.hash(target), calls: t.server.env.journal(target).length } : undefined;
            const { code, details } = await status(m.svc, m.name, request);
            ctx.log(`${code} ${details.slice(0, 120)}`);
            expect(OUR_FAULT, details).not.toContain(code);
            if (code !== 0 && target && before && (m.name === "Step" || m.name === "CallTool") && t.server.env.has(target)) {
              expect({ hash: t.server.env.hash(target), calls: t.server.env.journal(target).length }).toEqual(before);
            }
          }
          for (const id of ids.filter((i) => t.server.env.has(i))) {
            const { code } = await status("Environment", "GetJournal", { session_id: id });
            expect(code).toBe(0);
          }
          await t.env("CloseSession", { session_ids: ids });
          expect(t.server.env.hash(sentinel)).toBe(sentinelHash);
        }),
        { numRuns: Math.max(3, Math.ceil(RUNS / 6)), seed: 14 },
      );
    },
  );

  it("bytes that are no valid message never crash a method, and the service stays up", async () => {
    const identity = (b: Buffer) => b;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.uint8Array({ maxLength: 256 }), async (m, bytes) => {
        const def = services[m.svc].service[m.name]!;
        const client = t.clients[["Environment", "Reward", "Tasks"].indexOf(m.svc)]!;
        const code = await new Promise<number>((resolve) => {
          if (def.responseStream) {
            const call = client.makeServerStreamRequest(def.path, identity, identity, Buffer.from(bytes));
            call.on("data", () => undefined);
            call.on("error", (e: grpc.ServiceError) => resolve(e.code));
            call.on("end", () => resolve(0));
          } else client.makeUnaryRequest(def.path, identity, identity, Buffer.from(bytes), (err) => resolve(err?.code ?? 0));
        });
        expect(OUR_FAULT).not.toContain(code);
      }),
      { numRuns: RUNS * 2, seed: 14 },
    );
    expect((await rpcFor(t.clients[0]!)("ListServers", {})).servers).toHaveLength(domains.length);
  });
});
