/**
 * gRPC costs over loopback: unary CallTool latency (p50/p99) and throughput, against StepBatch
 * carrying 256 sessions' calls per RPC — why trainers advance a whole group per call.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { SEMI_SPACE_MB } from "../bin/allocator.mjs";
import { loadProto } from "../ts/rpc/proto.ts";
import { serve } from "../ts/rpc/server.ts";
import { latency } from "./harness.ts";

type Rpc = (method: string, req: object) => Promise<any>;

export async function run() {
  const server = await serve({ port: 0, envOptions: { limits: { maxCallsPerSession: 10_000_000, maxSessions: 100_000 } } });
  const { services } = loadProto();
  const client = new services.Environment(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
  const rpc: Rpc = (method, req) =>
    new Promise((resolve, reject) => (client as any)[method](req, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res))));

  const root = await rpc("CreateSession", { servers: ["banking"], seed: "1" });
  const args = JSON.stringify({ account_id: "ACC-1001" });
  const unary = await latency(
    "unary CallTool (get_balance)",
    () => rpc("CallTool", { session_id: root.session_id, tool: "get_balance", arguments_json: args }),
    3000,
  );

  const { sessions } = await rpc("ForkSession", { session_id: root.session_id, count: 256 });
  const text = '<tool_call>{"name":"get_balance","arguments":{"account_id":"ACC-1001"}}</tool_call>';
  const steps = sessions.map((s: { session_id: string }) => ({ session_id: s.session_id, assistant_text: text, format: "TOOL_CALL_FORMAT_HERMES" }));
  const batch = await latency("StepBatch, 256 sessions × 1 call", () => rpc("StepBatch", { steps }), 200);
  const calls = sessions.map((s: { session_id: string }) => ({ session_id: s.session_id, tool: "get_balance", arguments_json: args }));
  const callBatch = await latency("CallToolBatch, 256 calls", () => rpc("CallToolBatch", { calls }), 200);

  client.close();
  await server.shutdown();
  return {
    step_batch_cpu_by_phase: stepPhases(),
    unary,
    step_batch_256: { ...batch, calls_per_s: Math.round(batch.ops_per_s * 256), us_per_call: Math.round((batch.mean_us / 256) * 100) / 100 },
    call_tool_batch_256: { ...callBatch, calls_per_s: Math.round(callBatch.ops_per_s * 256), us_per_call: Math.round((callBatch.mean_us / 256) * 100) / 100 },
    note: "client and server in one Node process over loopback (both share the CPU); step_batch_cpu_by_phase: bench/step-phases.ts in a child process per young-generation size, no transport",
  };
}

/** The service's CPU per StepBatch step by phase, with V8's default young generation and with a server's (bin/allocator.mjs). */
function stepPhases(): Record<string, unknown> {
  const script = join(import.meta.dirname, "step-phases.ts");
  const out: Record<string, unknown> = {};
  for (const kind of ["read", "write"])
    for (const [label, flags] of [
      ["default young generation", []],
      [`${SEMI_SPACE_MB} MB semi-space, as prove serve runs`, [`--max-semi-space-size=${SEMI_SPACE_MB}`]],
    ] as const)
      out[`${kind}, ${label}`] = JSON.parse(execFileSync(process.execPath, [...flags, "--import", "tsx", script, kind, "30"], { encoding: "utf8" }));
  return out;
}
