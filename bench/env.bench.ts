/**
 * Session costs through the public Environment API: create, fork, a read call, a write call,
 * the state hash, and the memory a forked session holds after a few writes.
 */
import { Environment } from "../ts/env/environment.ts";
import { domains } from "../ts/servers/index.ts";
import { gc, measure, writeResult } from "./harness.ts";

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
  results.push(measure(`create session (all ${names.length} domains, cached seed)`, () => env.close(env.create({ domains: names, seed: 1 }).id), { batch: 1000 }));
  results.push(measure("fork ×1", () => env.close(env.fork(root.id, 1)[0]!.id), { batch: 1000 }));
  const big = env.fork(root.id, 1)[0]!.id;
  results.push(measure("read call (get_balance)", () => env.call(big, "get_balance", { account_id: from }), { batch: 2000 }));
  results.push(measure("read call (list_transactions, 20 of ~120, filtered+sorted)", () => env.call(big, "list_transactions", { account_id: from, limit: 20 }), { batch: 200 }));
  results.push(measure("write call (transfer_between_accounts: 2 updates, 3 creates)", () => env.call(big, "transfer_between_accounts", { from_account_id: to, to_account_id: from, amount: 0.01 }), { batch: 200, seconds: 0.5 }));
  const fresh = env.fork(root.id, 1)[0]!.id;
  results.push(measure("write call (freeze/unfreeze card: 1 update)", (i) => env.call(fresh, i % 2 ? "unfreeze_card" : "freeze_card", { card_id: "CARD-1001" }), { batch: 1000 }));
  results.push(measure("state hash after writes", () => env.hash(fresh), { batch: 2000 }));

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
  return {
    results,
    memory: { forks, writes_per_fork: 3, bytes_per_forked_session: Math.round(perSession), note: "heap delta / forks, after gc, journal included" },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(writeResult("env", run()));
