/**
 * Held-out splits of a synthesized dataset, and how much a test set overlaps its training set.
 *
 * - by seed: whole world seeds go to the test side, so no test task starts from a state
 *   (people, accounts, files) the policy was trained on;
 * - by chain: whole call sequences (the ground truth's tool names, in order) go to the test side,
 *   so no test task shares its call sequence with a training task. Tasks without calls have no
 *   sequence to share and are split one by one.
 * Groups are ordered by a seeded hash of their key and taken until the test side holds its share,
 * so a split is deterministic for a seed and stable when unrelated tasks are added.
 */
import { copyFileSync, createReadStream, createWriteStream, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Rng } from "../servers/framework/rng.ts";
import { synthConfig } from "../synth/config.ts";
import { Dedup } from "../synth/validate.ts";
import { allSteps, type Task } from "../tasks/schema.ts";

export const SPLIT_BY = ["seed", "chain"] as const;
export type SplitBy = (typeof SPLIT_BY)[number];

export interface SplitOptions {
  by: SplitBy;
  /** Share of tasks wanted on the test side (whole groups: the split reports what it got). */
  testShare: number;
  seed: string;
}

export interface Split {
  train: Task[];
  test: Task[];
  /** The seeds or chains that went to the test side. */
  testKeys: string[];
}

/** A task's call sequence: its ground-truth tool names in order ("" when it makes no call). */
export function chainOf(task: Task): string {
  return allSteps(task)
    .map((s) => s.tool)
    .join(" > ");
}

function keyOf(task: Task, by: SplitBy): string {
  if (by === "seed") return task.seed;
  return chainOf(task) || `task:${task.id}`;
}

export function splitTasks(tasks: readonly Task[], opts: SplitOptions): Split {
  if (!(opts.testShare > 0 && opts.testShare < 1)) throw new Error(`the test share must be between 0 and 1, got ${opts.testShare}`);
  const groups = new Map<string, Task[]>();
  for (const t of tasks) {
    const k = keyOf(t, opts.by);
    const group = groups.get(k);
    if (group) group.push(t);
    else groups.set(k, [t]);
  }
  if (groups.size < 2) throw new Error(`the tasks have only ${groups.size} distinct ${opts.by === "seed" ? "seed" : "call sequence"}: nothing to hold out`);
  const order = [...groups.keys()].map((k) => ({ k, r: Rng.from(`${opts.seed}/${k}`).next() })).sort((a, b) => a.r - b.r || a.k.localeCompare(b.k));
  const target = opts.testShare * tasks.length;
  const testKeys = new Set<string>();
  let held = 0;
  for (const { k } of order) {
    if (held >= target || testKeys.size === groups.size - 1) break;
    testKeys.add(k);
    held += (groups.get(k) as Task[]).length;
  }
  return {
    train: tasks.filter((t) => !testKeys.has(keyOf(t, opts.by))),
    test: tasks.filter((t) => testKeys.has(keyOf(t, opts.by))),
    testKeys: [...testKeys].sort(),
  };
}

export interface Overlap {
  train: number;
  test: number;
  shared_ids: number;
  seeds: { test: number; shared: number; test_tasks_on_train_seeds: number };
  /** Call sequences (tasks without calls left out). */
  chains: { test: number; shared: number; test_tasks_with_train_chain: number };
  /** Test tasks whose call set is at least `threshold` similar (Jaccard, synthesis's own dedup measure) to a training task's. */
  near_duplicates: { threshold: number; test_tasks: number };
  /** Test tasks whose first user turn is word for word a training task's. */
  same_first_turn: number;
  /** Tools the test side's ground truth calls that the training side's never does. */
  unseen_tools: { count: number; examples: string[] };
}

export function overlapReport(train: readonly Task[], test: readonly Task[]): Overlap {
  const threshold = synthConfig().dedup_jaccard;
  const trainIds = new Set(train.map((t) => t.id));
  const trainSeeds = new Set(train.map((t) => t.seed));
  const testSeeds = new Set(test.map((t) => t.seed));
  const trainChains = new Set(train.map(chainOf).filter(Boolean));
  const testChains = new Set(test.map(chainOf).filter(Boolean));
  const trainFirst = new Set(train.map((t) => t.turns[0]?.user ?? ""));
  const trainTools = new Set(train.flatMap((t) => allSteps(t).map((s) => s.tool)));
  const unseen = [...new Set(test.flatMap((t) => allSteps(t).map((s) => s.tool)))].filter((x) => !trainTools.has(x)).sort();
  return {
    train: train.length,
    test: test.length,
    shared_ids: test.filter((t) => trainIds.has(t.id)).length,
    seeds: {
      test: testSeeds.size,
      shared: [...testSeeds].filter((s) => trainSeeds.has(s)).length,
      test_tasks_on_train_seeds: test.filter((t) => trainSeeds.has(t.seed)).length,
    },
    chains: {
      test: testChains.size,
      shared: [...testChains].filter((c) => trainChains.has(c)).length,
      test_tasks_with_train_chain: test.filter((t) => trainChains.has(chainOf(t))).length,
    },
    near_duplicates: { threshold, test_tasks: nearDuplicates(train, test, threshold) },
    same_first_turn: test.filter((t) => trainFirst.has(t.turns[0]?.user ?? "")).length,
    unseen_tools: { count: unseen.length, examples: unseen.slice(0, 10) },
  };
}

/** Test tasks with a training task at least `threshold` similar: shared tokens counted through an index. */
function nearDuplicates(train: readonly Task[], test: readonly Task[], threshold: number): number {
  const sets = train.map((t) => Dedup.signature(t));
  const index = new Map<string, number[]>();
  sets.forEach((s, i) => {
    for (const token of s) {
      const list = index.get(token);
      if (list) list.push(i);
      else index.set(token, [i]);
    }
  });
  let count = 0;
  for (const t of test) {
    const sig = Dedup.signature(t);
    const shared = new Map<number, number>();
    for (const token of sig) for (const i of index.get(token) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    for (const [i, inter] of shared) {
      const other = sets[i] as Set<string>;
      if (inter / (sig.size + other.size - inter) >= threshold) {
        count++;
        break;
      }
    }
  }
  return count;
}

/** A short text of the overlap, for a terminal. */
export function overlapText(o: Overlap): string {
  const share = (n: number) => (o.test ? `${((100 * n) / o.test).toFixed(1)}%` : "-");
  return [
    `train ${o.train} tasks, test ${o.test} tasks; shared ids ${o.shared_ids}`,
    `seeds: ${o.seeds.test} on the test side, ${o.seeds.shared} also in training; test tasks on a training seed: ${o.seeds.test_tasks_on_train_seeds} (${share(o.seeds.test_tasks_on_train_seeds)})`,
    `call sequences: ${o.chains.test} on the test side, ${o.chains.shared} also in training; test tasks with a training sequence: ${o.chains.test_tasks_with_train_chain} (${share(o.chains.test_tasks_with_train_chain)})`,
    `near-duplicates (call-set Jaccard ≥ ${o.near_duplicates.threshold}): ${o.near_duplicates.test_tasks} (${share(o.near_duplicates.test_tasks)}); same first user turn: ${o.same_first_turn}`,
    `tools called only on the test side: ${o.unseen_tools.count}${o.unseen_tools.examples.length ? ` (${o.unseen_tools.examples.join(", ")}${o.unseen_tools.count > o.unseen_tools.examples.length ? ", …" : ""})` : ""}`,
  ].join("\n");
}

/** Files of a dataset folder whose lines belong to one task each, and the field naming it. */
const PER_TASK: Record<string, string> = { "tasks.jsonl": "id", "chat.jsonl": "id", "references.jsonl": "task_id" };
/** Describes the whole source set: wrong for either side, so not copied. */
const NOT_COPIED = new Set(["stats.json"]);

/**
 * Writes `out/train` and `out/test` as dataset folders (the per-task files filtered line by line;
 * shared files such as toolsets.jsonl copied) and `out/split.json` with the options and overlap.
 */
export async function writeSplit(source: string, out: string, split: Split, opts: SplitOptions): Promise<Overlap> {
  const overlap = overlapReport(split.train, split.test);
  for (const [side, tasks] of [
    ["train", split.train],
    ["test", split.test],
  ] as const) {
    const ids = new Set(tasks.map((t) => t.id));
    const dir = join(out, side);
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(source)) {
      const from = join(source, name);
      if (!statSync(from).isFile() || NOT_COPIED.has(name)) continue;
      const field = PER_TASK[name];
      if (field) await filterLines(from, join(dir, name), (row) => ids.has(String(row[field])));
      else copyFileSync(from, join(dir, name));
    }
  }
  const record = { source, by: opts.by, test_share: opts.testShare, seed: opts.seed, test_keys: split.testKeys, overlap };
  writeFileSync(join(out, "split.json"), `${JSON.stringify(record, null, 2)}\n`);
  return overlap;
}

/** Copies the JSON lines `keep` accepts, streaming (a chat.jsonl runs to hundreds of megabytes). */
async function filterLines(from: string, to: string, keep: (row: Record<string, unknown>) => boolean): Promise<void> {
  const out = createWriteStream(to);
  const lines = createInterface({ input: createReadStream(from), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() && keep(JSON.parse(line) as Record<string, unknown>)) {
      if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
  }
  await new Promise<void>((done, fail) => out.end((err?: Error | null) => (err ? fail(err) : done())));
}
