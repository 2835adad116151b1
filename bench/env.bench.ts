/**
 * Session costs through the public Environment API: create, fork, a read call, a write call,
 * the state hash, and the memory a forked session holds after a few writes.
 */
import { Environment } from "../ts/env/environment.ts";
import { domains } from "../ts/servers/index.ts";
import { gc, measure, writeResult } from "./harness.ts";

/**
 * A write the bench times must write: a refused call (a savings account's six outgoing transfers a
 * month were once used up after the sixth of 30,000 "writes") is another, cheaper, path.
 */
function written<T extends { outcome: string; error?: { message: string } }>(r: T): T {
  if (r.outcome !== "ok") throw new Error(`a timed write was refused: ${r.error?.message ?? r.outcome}`);
  return r;
}

export function run() {
  const env = new Environment(domains, { limits: { maxSessions: 1_000_000, maxCallsPerSession: 10_000_000, maxJournalBytes: 2 ** 40 } });
  const names = domains.map((d) => d.name);
  const root = env.create({ domains: ["banking"], seed: 1 });
  const accounts = (env.call(root.id, "list_accounts", {}).result as { items: Array<{ id: string; type: string }> }).items;
  const from = accounts.find((a) => a.type === "checking")!.id;
  const to = accounts.find((a) => a.type === "savings")!.id;

  const results = [];
  env.create({ domains: names, seed: 1 }); // warm the base-table cache, as a running service has
  results.push(measure("create session (banking, cached seed)", () => env.close(env.create({ domains: ["banking"], seed: 1 }).id), { batch: 1000 }));
  results.push(
    measure(`create session (all ${names.length} domains, cached seed)`, () => env.close(env.create({ domains: names, seed: 1 }).id), { batch: 1000 }),
  );
  results.push(measure("fork ×1", () => env.close(env.fork(root.id, 1)[0]!.id), { batch: 1000 }));
  const big = env.fork(root.id, 1)[0]!.id;
  results.push(measure("read call (get_balance)", () => env.call(big, "get_balance", { account_id: from }), { batch: 2000 }));
  results.push(
    measure("read call (list_transactions, 20 of ~120, filtered+sorted)", () => env.call(big, "list_transactions", { account_id: from, limit: 20 }), {
      batch: 200,
    }),
  );
  results.push(
    measure(
      "write call (transfer_between_accounts: 2 updates, 3 creates)",
      () => written(env.call(big, "transfer_between_accounts", { from_account_id: from, to_account_id: to, amount: 0.01 })),
      { batch: 200, seconds: 0.5 },
    ),
  );
  const fresh = env.fork(root.id, 1)[0]!.id;
  results.push(
    measure("write call (freeze/unfreeze card: 1 update)", (i) => written(env.call(fresh, i % 2 ? "unfreeze_card" : "freeze_card", { card_id: "CARD-1001" })), {
      batch: 1000,
    }),
  );
  results.push(measure("state hash after writes", () => env.hash(fresh), { batch: 2000 }));
  // What a trainer's write step costs: the call, its journal record and the hash the step returns.
  const stepper = env.fork(root.id, 1)[0]!.id;
  const writeStep = (i: number) => {
    written(env.call(stepper, i % 2 ? "unfreeze_card" : "freeze_card", { card_id: "CARD-1001" }));
    return env.hash(stepper);
  };
  results.push(measure("write step (freeze/unfreeze + state hash), journal < 2,000", writeStep, { batch: 1000 }));
  for (let i = 0; i < 20_000; i++) writeStep(i);
  results.push(measure("write step (freeze/unfreeze + state hash), journal > 20,000", writeStep, { batch: 1000 }));
  const grower = env.fork(root.id, 1)[0]!.id;
  const transferStep = () => {
    written(env.call(grower, "transfer_between_accounts", { from_account_id: from, to_account_id: to, amount: 0.01 }));
    return env.hash(grower);
  };
  results.push(measure("write step (transfer + state hash)", transferStep, { batch: 200, seconds: 0.5 }));
  // A rollout's write steps: a fresh fork, a few writes, no state hash asked (the trainer skips it),
  // closed. A long-lived session also pays for hashing: it folds its writes into its hash every 64.
  const rollout = (tool: (w: number) => [string, Record<string, unknown>]) => () => {
    const f = env.fork(root.id, 1)[0]!.id;
    for (let w = 0; w < 10; w++) written(env.call(f, ...tool(w)));
    env.close(f);
  };
  const tenth = (us: number) => Math.round(us * 100) / 1000;
  const per10 = (s: ReturnType<typeof measure>) => ({
    ...s,
    us_per_op: tenth(s.us_per_op),
    p10_us: tenth(s.p10_us),
    p90_us: tenth(s.p90_us),
    ops_per_s: s.ops_per_s * 10,
  });
  results.push(
    per10(
      measure(
        "rollout write step, no state hash (10 freeze/unfreeze on a fresh fork; per step)",
        rollout((w) => [w % 2 ? "unfreeze_card" : "freeze_card", { card_id: "CARD-1001" }]),
        { batch: 200 },
      ),
    ),
  );
  results.push(
    per10(
      measure(
        "rollout write step, no state hash (10 transfers on a fresh fork; per step)",
        rollout(() => ["transfer_between_accounts", { from_account_id: from, to_account_id: to, amount: 0.01 }]),
        { batch: 100 },
      ),
    ),
  );

  // Memory per forked session after 3 writes: many forks held at once, heap delta / forks.
  const forks = 20_000;
  gc();
  const before = process.memoryUsage().heapUsed;
  const held: string[] = [];
  for (let i = 0; i < forks; i++) {
    const f = env.fork(root.id, 1)[0]!.id;
    env.call(f, "freeze_card", { card_id: "CARD-1001" });
    env.call(f, "set_card_limit", { card_id: "CARD-1001", daily_limit: 1500 });
    env.call(f, "transfer_between_accounts", { from_account_id: from, to_account_id: to, amount: 1 });
    held.push(f);
  }
  gc();
  const perSession = (process.memoryUsage().heapUsed - before) / forks;
  for (const f of held) env.close(f);
  gc();

  // The target: 10,000 live sessions with 10 writes each, resident memory of the whole process.
  const rssBefore = process.memoryUsage().rss;
  const live: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const f = env.fork(root.id, 1)[0]!.id;
    for (let w = 0; w < 10; w++) env.call(f, w % 2 ? "unfreeze_card" : "freeze_card", { card_id: "CARD-1001" });
    env.call(f, "transfer_between_accounts", { from_account_id: from, to_account_id: to, amount: 1 });
    env.hash(f);
    live.push(f);
  }
  gc();
  const rss = process.memoryUsage().rss;
  for (const f of live) env.close(f);
  return {
    results,
    memory: { forks, writes_per_fork: 3, bytes_per_forked_session: Math.round(perSession), note: "heap delta / forks, after gc, journal included" },
    live_sessions: {
      sessions: 10_000,
      writes_each: 11,
      rss_mib: Math.round(rss / 2 ** 20),
      rss_growth_mib: Math.round((rss - rssBefore) / 2 ** 20),
      note: "resident memory of the bench process (all 20 domains loaded), after gc",
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(writeResult("env", run()));
