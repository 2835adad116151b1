/**
 * The service's CPU per step of a 256-session StepBatch, by phase, in one process without the
 * transport: decoding the request, `env.step`, the reply message, the reply budget's walk, the
 * reply guard's walk, and the protobuf encoding. Rollout-shaped: 256 forks, 10 rounds, closed.
 * Run by rpc.bench.ts in a child process per young-generation size (V8 sizes it at start):
 *   node [--max-semi-space-size=N] --import tsx bench/step-phases.ts read|write ROUNDS
 */
import { Environment } from "../ts/env/environment.ts";
import { stringBytes, wellFormedDeep } from "../ts/env/input.ts";
import { loadProto } from "../ts/rpc/proto.ts";
import { stepResult } from "../ts/rpc/wire.ts";
import { domains } from "../ts/servers/index.ts";

const TEXT = {
  read: '<tool_call>{"name":"get_balance","arguments":{"account_id":"ACC-1001"}}</tool_call>',
  // Always succeeds: 2 accounts updated, 3 records created.
  write: '<tool_call>{"name":"transfer_between_accounts","arguments":{"from_account_id":"ACC-1001","to_account_id":"ACC-1002","amount":0.01}}</tool_call>',
};
const kind = process.argv[2] as keyof typeof TEXT;
const rounds = Number(process.argv[3] ?? 30);
if (!TEXT[kind] || !(rounds > 0)) throw new Error("usage: step-phases.ts read|write ROUNDS");

const env = new Environment(domains, { limits: { maxSessions: 1_000_000, maxCallsPerSession: 10_000_000, maxJournalBytes: 2 ** 40 } });
const root = env.create({ domains: ["banking"], seed: 1 });
const method = (loadProto().definition["prove.v1.Environment"] as any).StepBatch;
const phases = { request: 0, step: 0, reply: 0, budget_walk: 0, guard_walk: 0, encode: 0 };
const cpu = () => {
  const c = process.cpuUsage();
  return c.user + c.system;
};
let steps = 0;
let bytes = 0;
for (let r = 0; r < rounds; r++) {
  const ids = env.fork(root.id, 256).map((s) => s.id);
  for (let k = 0; k < 10; k++) {
    const items = ids.map((id, i) => ({
      session_id: id,
      assistant_text: TEXT[kind],
      format: "TOOL_CALL_FORMAT_HERMES",
      turn: 0,
      idempotency_key: `${r}/${k}/${i}`,
      skip_state_hash: true,
    }));
    const wire = method.requestSerialize({ steps: items });
    let t = cpu();
    const lap = (phase: keyof typeof phases) => {
      const now = cpu();
      phases[phase] += now - t;
      t = now;
    };
    const req = method.requestDeserialize(wire);
    lap("request");
    const outs = req.steps.map((s: any) => env.step(s.session_id, s.assistant_text, "hermes", s.turn, s.idempotency_key, { hash: !s.skip_state_hash }));
    lap("step");
    const results = outs.map((o: any, i: number) => stepResult(req.steps[i].session_id, o));
    lap("reply");
    for (const x of results) bytes += stringBytes(x);
    lap("budget_walk");
    const reply = wellFormedDeep({ results });
    lap("guard_walk");
    method.responseSerialize(reply);
    lap("encode");
    steps += ids.length;
  }
  for (const id of ids) env.close(id);
}
const us = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round((v / steps) * 100) / 100]));
const total = Math.round((Object.values(phases).reduce((a, b) => a + b, 0) / steps) * 10) / 10;
console.log(JSON.stringify({ kind, steps, reply_bytes_per_step: Math.round(bytes / steps), us_per_step: us, total_us_per_step: total }));
