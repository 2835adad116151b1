/**
 * The soak's fuzz worker: the RPC fuzzer of test/fuzz against the real server, round after round
 * — random requests for every method built from the protos (real ids of a pool of its own mixed
 * with odd strings and model outputs) and raw bytes that are no message at all. A refused Step
 * or CallTool must leave its session's hash and call count as they were. Every session its
 * requests open (CreateSession, ForkSession answers) it closes at the end of the round.
 */
import * as grpc from "@grpc/grpc-js";
import fc from "fast-check";
import { loadProto } from "../../ts/rpc/proto.ts";
import { domains } from "../../ts/servers/index.ts";
import { modelOutput, protoRequest, requestStrings, rpcMethods, vocabularyOf } from "../../test/fuzz/arbitraries.ts";
import { OUR_FAULT, tallyCall, type Service, type SoakClient } from "./client.ts";

/**
 * Tasks.Synthesize runs a real synthesis and ForkSession may ask for 1,024 copies: with dozens of
 * fuzzers at once, the soak keeps both small, so that they neither hog the CPU nor fill the session
 * table the session workers need (the RPC fuzz test sends them unbounded).
 */
const MAX_COUNT = { Synthesize: 3, ForkSession: 8 } as Record<string, number>;

const { definition, services } = loadProto();
const methods = rpcMethods(services);

/** Session ids anywhere in an answer (sessions a fuzzed request opened). */
function sessionIds(res: unknown, out: Set<string>): void {
  if (!res || typeof res !== "object") return;
  for (const [k, v] of Object.entries(res)) {
    if (k === "session_id" && typeof v === "string" && v) out.add(v);
    else if (typeof v === "object") sessionIds(v, out);
  }
}

/** Seconds a fuzzed call may take: one the server leaves unanswered longer is a crash of ours. */
const ANSWER_WITHIN_S = 60;

/** A streaming or unary call with serialisers of its own choosing; its final status code. */
function raw(
  client: grpc.Client,
  def: grpc.MethodDefinition<any, any>,
  request: unknown,
  ser: (x: any) => Buffer,
  de: (b: Buffer) => any,
  seen: (res: unknown) => void,
): Promise<{ code: number; details: string }> {
  const options = { deadline: Date.now() + ANSWER_WITHIN_S * 1000 };
  return new Promise((resolve) => {
    if (def.responseStream) {
      const call = client.makeServerStreamRequest(def.path, ser, de, request, new grpc.Metadata(), options);
      call.on("data", seen);
      call.on("error", (e: grpc.ServiceError) => resolve({ code: e.code, details: e.details }));
      call.on("end", () => resolve({ code: 0, details: "" }));
    } else
      client.makeUnaryRequest(def.path, ser, de, request, new grpc.Metadata(), options, (err, res) => {
        if (res) seen(res);
        resolve({ code: err?.code ?? 0, details: err?.details ?? "" });
      });
  });
}

export async function fuzzWorker(client: SoakClient, round0: number, stop: () => boolean): Promise<void> {
  const tally = client.tally;
  const banking = domains.find((d) => d.name === "banking")!;
  const probe = await client.call("Environment", "CreateSession", { servers: ["banking"], seed: "7" });
  if (!probe.ok) throw new Error(`the fuzz worker could not open a session: ${probe.details}`);
  const st = await client.call("Environment", "GetState", { session_id: probe.res.session_id, include_state: true });
  await client.call("Environment", "CloseSession", { session_ids: [probe.res.session_id] });
  const parsed = st.ok ? JSON.parse(st.res.state_json) : {};
  const v = vocabularyOf(banking, parsed.domains ?? parsed);
  const outputs = fc.sample(modelOutput(v), { numRuns: 200, seed: round0 }).map((o) => o.text);
  const state = async (id: string) => {
    const s = await client.call("Environment", "GetState", { session_id: id });
    return s.ok ? `${s.res.state_hash}/${s.res.calls}` : `gone:${(s as { code: number }).code}`;
  };

  for (let round = round0; !stop(); round++) {
    const root = await client.call("Environment", "CreateSession", { servers: ["banking"], seed: "7" });
    if (!root.ok) continue;
    const forks = await client.call("Environment", "ForkSession", { session_id: root.res.session_id, count: 2 });
    const ids: string[] = [root.res.session_id, ...(forks.ok ? forks.res.sessions.map((s: { session_id: string }) => s.session_id) : [])];
    const opened = new Set(ids);
    const strings = requestStrings(ids, v, fc.constantFrom(...outputs));
    for (const m of fc.sample(fc.constantFrom(...methods), { numRuns: 8, seed: round })) {
      const def = services[m.svc].service[m.name]!;
      for (const request of fc.sample(protoRequest(definition as never, m.type, strings), { numRuns: 3, seed: round * 31 + m.name.length })) {
        const most = MAX_COUNT[m.name];
        if (most !== undefined) request.count = Math.min(Math.abs(Number(request.count) || 0), most);
        const target = typeof request.session_id === "string" && ids.includes(request.session_id) ? request.session_id : undefined;
        const before = target && (m.name === "Step" || m.name === "CallTool") ? await state(target) : undefined;
        tally.input(`fuzz:${m.svc}.${m.name}`);
        const { code, details } = await raw(client.client(m.svc as Service), def, request, def.requestSerialize, def.responseDeserialize, (res) => {
          sessionIds(res, opened);
          const calls = (res as { calls?: unknown }).calls;
          if (Array.isArray(calls)) for (const c of calls) tallyCall(tally, c.result);
        });
        if (code !== 0) {
          tally.error(`grpc:${grpc.status[code]}`);
          if (OUR_FAULT.has(code)) tally.crash(`fuzz ${m.svc}.${m.name}: ${grpc.status[code]} ${details}`);
          if (code === grpc.status.DEADLINE_EXCEEDED)
            tally.crash(`fuzz ${m.svc}.${m.name} unanswered after ${ANSWER_WITHIN_S} s: ${JSON.stringify(request).slice(0, 400)}`);
          if (before !== undefined && before !== (await state(target!)) && !before.startsWith("gone")) {
            tally.crash(`fuzz ${m.svc}.${m.name} refused (${grpc.status[code]}) but changed ${target}`);
          }
        }
      }
    }
    // Bytes that are no message of the method.
    for (const [m, bytes] of fc.sample(fc.tuple(fc.constantFrom(...methods), fc.uint8Array({ maxLength: 256 })), { numRuns: 8, seed: round })) {
      const def = services[m.svc].service[m.name]!;
      const same = (b: Buffer) => b;
      tally.input("fuzz:raw bytes");
      const { code, details } = await raw(client.client(m.svc as Service), def, Buffer.from(bytes), same, same, () => undefined);
      if (code !== 0) {
        tally.error(`grpc:${grpc.status[code]}`);
        if (OUR_FAULT.has(code)) tally.crash(`raw bytes to ${m.svc}.${m.name}: ${grpc.status[code]} ${details}`);
        if (code === grpc.status.DEADLINE_EXCEEDED) tally.crash(`raw bytes to ${m.svc}.${m.name} unanswered after ${ANSWER_WITHIN_S} s`);
      }
    }
    for (const id of ids) {
      const j = await client.call("Environment", "GetJournal", { session_id: id });
      if (!j.ok && j.code !== grpc.status.NOT_FOUND) tally.crash(`journal of ${id} unreadable after fuzzing: ${grpc.status[j.code]} ${j.details}`);
    }
    await client.call("Environment", "CloseSession", { session_ids: [...opened] });
  }
}
