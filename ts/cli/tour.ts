/**
 * `prove tour`: a scripted walk through a session — what `make demo` showed before there was a
 * training loop, and still the quickest way to see the environment work.
 */
import { parseArgs } from "node:util";
import { Environment } from "../env/environment.ts";
import type { CallRecord } from "../env/journal.ts";
import { domains } from "../servers/index.ts";

export const usage = `usage: prove tour [--seed S]
A scripted walk through a banking session (default seed 7): calls, errors, a fork, hashes, the journal.`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { seed: { type: "string", default: "7" } } });
  const env = new Environment(domains);
  const say = (s = "") => console.log(s);
  const show = (r: CallRecord) => {
    const body = r.outcome === "ok" ? JSON.stringify(r.result) : `${r.error?.code}: ${r.error?.message}`;
    say(`  → ${r.tool} [${r.outcome}] ${body.length > 160 ? `${body.slice(0, 157)}...` : body}`);
    if (r.changes.length) say(`    changed: ${r.changes.map((c) => c.path).join(", ")}`);
  };

  say(`${domains.length} servers, ${domains.reduce((n, d) => n + d.tools.length, 0)} tools. A session on banking, seed ${values.seed}:`);
  const s = env.create({ domains: ["banking"], seed: values.seed });
  const accounts = env.call(s.id, "list_accounts", {});
  show(accounts);
  const items = (accounts.result as { items: Array<{ id: string; type: string }> }).items;
  const checking = items.find((a) => a.type === "checking")!.id;
  const savings = items.find((a) => a.type === "savings")!.id;
  say(`  state hash ${env.hash(s.id)}`);

  say("\nFork it four ways (a GRPO group starts from one state); each copy does something else:");
  const group = env.fork(s.id, 4);
  const amounts = [50, 125.5, 999999, 10];
  group.forEach((g, i) => {
    show(env.call(g.id, "transfer_between_accounts", { from_account_id: checking, to_account_id: savings, amount: amounts[i] }));
  });
  say("  hashes: " + group.map((g) => env.hash(g.id).slice(0, 12)).join("  ") + `  (parent ${env.hash(s.id).slice(0, 12)} unchanged)`);

  say("\nBad input is an outcome, never a crash, and changes nothing:");
  show(env.call(s.id, "transfer_between_accounts", { from_account_id: checking, to_account_id: savings, amount: "lots" }));
  show(env.call(s.id, "transfer_money", {}));
  show(env.call(s.id, "get_account", { account_id: "acc-9999" }));

  say("\nSame seed, same calls, same hash:");
  const replay = env.create({ domains: ["banking"], seed: values.seed });
  env.call(replay.id, "transfer_between_accounts", { from_account_id: checking, to_account_id: savings, amount: 50 });
  say(`  replay ${env.hash(replay.id).slice(0, 12)} == fork 1 ${env.hash(group[0]!.id).slice(0, 12)}: ${env.hash(replay.id) === env.hash(group[0]!.id)}`);

  say("\nJournal of fork 1 (it inherits the parent's calls up to the fork):");
  for (const r of env.journal(group[0]!.id)) say(`  #${r.index} ${r.at} ${r.tool} ${r.outcome} ${r.changes.length} paths`);
  for (const g of [s, replay, ...group]) env.close(g.id);
  say(`\n${env.size} sessions left open.`);
}
