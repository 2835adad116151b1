/**
 * Which state engine? The candidates on our own states: the largest entity table of any domain
 * for seed 1 (several hundred entities), a GRPO-shaped workload (fork one state, a few writes per fork).
 *
 * - overlay   ours (ts/env/state): per-session overlay of changed entities over a frozen base
 * - immer     structural sharing over a plain object keyed by id (produce)
 * - mutative  the same with Mutative's create()
 * - immutable a persistent hash map (Immutable.js Map)
 */
import { produce, setAutoFreeze } from "immer";
import { Map as IMap } from "immutable";
import { create as mutate } from "mutative";
import { Environment } from "../ts/env/environment.ts";
import { domains } from "../ts/servers/index.ts";
import { measure, writeResult, type Stat } from "./harness.ts";

type Row = Record<string, unknown>;

export function run() {
  const env = new Environment(domains);
  // The largest table with a numeric field to change, across every domain.
  let best: { domain: string; table: string; field: string; rows: Row[]; key: string } | undefined;
  for (const d of domains) {
    const s = env.create({ domains: [d.name], seed: 1 });
    for (const [name, rowsById] of Object.entries(env.state(s.id).snapshot.domains[d.name] ?? {})) {
      const rows = Object.values(rowsById) as Row[];
      // A numeric field the schema still accepts after a change (so the engine's validation passes).
      const first = rows[0] ?? {};
      const field = Object.keys(first).find(
        (k) => typeof first[k] === "number" && d.tables[name]!.schema.safeParse({ ...first, [k]: (first[k] as number) + 1 }).success,
      );
      if (field && rows.length > (best?.rows.length ?? 0)) best = { domain: d.name, table: name, field, rows, key: d.tables[name]!.key };
    }
    env.close(s.id);
  }
  const { domain: domainName, table: tableName, field, rows, key } = best!;
  const session = env.create({ domains: [domainName], seed: 1 });
  const table: Record<string, Row> = Object.fromEntries(rows.map((r) => [String(r[key]), r]));
  const ids = Object.keys(table);
  const pick = (i: number) => ids[(i * 7919) % ids.length] as string;
  /** The seeded value; writes alternate it with value + 1, which the schema accepts. */
  const seeded = (id: string) => (table[id] as Row)[field] as number;
  const results: Stat[] = [];
  setAutoFreeze(true);

  // One write = replace one entity with a changed copy, as a tool does.
  let immerState = table;
  results.push(measure("write/immer", (i) => (immerState = produce(immerState, (d) => void ((d[pick(i)] as Row)[field] = seeded(pick(i)) + (i % 2))))));
  let mutativeState = table;
  results.push(measure("write/mutative", (i) => (mutativeState = mutate(mutativeState, (d) => void ((d[pick(i)] as Row)[field] = seeded(pick(i)) + (i % 2))))));
  let imm = IMap(table);
  results.push(measure("write/immutable", (i) => (imm = imm.set(pick(i), { ...(imm.get(pick(i)) as Row), [field]: seeded(pick(i)) + (i % 2) }))));
  // The data structures alone: a copied entity set into a per-session overlay Map.
  const overlay = new Map<string, Row>();
  results.push(
    measure(
      "write/overlay (data structure: Map.set of a copy)",
      (i) => overlay.set(pick(i), { ...(table[pick(i)] as Row), [field]: seeded(pick(i)) + (i % 2) }),
      { batch: 10000 },
    ),
  );
  // What the engine adds per written entity: schema validation (zod) of the new entity.
  const schema = env.domain(domainName).tables[tableName]!.schema;
  results.push(measure("validate one entity (zod safeParse)", (i) => schema.safeParse(table[pick(i)]), { batch: 10000 }));
  // Ours, through the real engine: a transaction with one update (validated, frozen, diffed), committed.
  const state = env.sessionState(session.id);
  const domain = env.domain(domainName);
  results.push(
    measure("write/engine (transaction: update + validate + freeze + commit + changed paths)", (i) => {
      const tx = state.begin();
      const t = tx.table(domain, tableName);
      t.update(pick(i), { [field]: seeded(pick(i)) + (i % 2) });
      return tx.commit();
    }),
  );

  // Reads of one entity by key.
  results.push(measure("read/immer", (i) => immerState[pick(i)], { batch: 10000 }));
  results.push(measure("read/immutable", (i) => imm.get(pick(i)), { batch: 10000 }));
  results.push(measure("read/overlay", (i) => state.get(domainName, tableName, pick(i)), { batch: 10000 }));

  // Fork: what a GRPO group of 16 costs to start from one state.
  results.push(measure("fork/immer (share the root)", () => immerState, { batch: 10000 }));
  const base = env.create({ domains: [domainName], seed: 1 });
  results.push(measure("fork/overlay (SessionState.fork)", () => env.sessionState(base.id).fork(), { batch: 10000 }));

  // The GRPO workload: fork, then 3 writes in the fork.
  results.push(
    measure(
      "fork+3 writes/immer",
      (i) => {
        let s = table;
        for (let k = 0; k < 3; k++) s = produce(s, (d) => void ((d[pick(i + k)] as Row)[field] = seeded(pick(i + k)) + 1));
        return s;
      },
      { batch: 200 },
    ),
  );
  results.push(
    measure(
      "fork+3 writes/mutative",
      (i) => {
        let s = table;
        for (let k = 0; k < 3; k++) s = mutate(s, (d) => void ((d[pick(i + k)] as Row)[field] = seeded(pick(i + k)) + 1));
        return s;
      },
      { batch: 200 },
    ),
  );
  const immBase = IMap(table);
  results.push(
    measure(
      "fork+3 writes/immutable",
      (i) => {
        let s = immBase;
        for (let k = 0; k < 3; k++) s = s.set(pick(i + k), { ...(s.get(pick(i + k)) as Row), [field]: seeded(pick(i + k)) + 1 });
        return s;
      },
      { batch: 200 },
    ),
  );
  const root = env.sessionState(base.id);
  results.push(
    measure(
      "fork+3 writes/engine (3 transactions)",
      (i) => {
        const f = root.fork();
        for (let k = 0; k < 3; k++) {
          const tx = f.begin();
          tx.table(domain, tableName).update(pick(i + k), { [field]: seeded(pick(i + k)) + 1 });
          tx.commit();
        }
        return f;
      },
      { batch: 1000 },
    ),
  );

  env.close(session.id);
  return { table: `${domainName}.${tableName}`, field, table_size: rows.length, results };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(writeResult("state-engine", run()));
