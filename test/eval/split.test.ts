/** Held-out splits by seed and by call sequence, the overlap report, and the split folders on disk. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chainOf, overlapReport, splitTasks, writeSplit } from "../../ts/eval/split.ts";
import type { Task } from "../../ts/tasks/schema.ts";

/** A task as data: its seed, its ground-truth calls (tool, args) in one turn, its first user turn. */
function task(id: string, seed: string, calls: Array<[string, Record<string, unknown>]>, user = `request ${id}`): Task {
  return {
    id,
    seed,
    domains: ["banking"],
    tools: calls.map(([t]) => t),
    kind: calls.length ? "conversation" : "abstention",
    info_level: "complete",
    system: "",
    turns: [
      { user, expect: calls.length ? "call" : "abstain", steps: calls.map(([tool, args], i) => ({ id: i, tool, args, depends_on: [] })), answer_facts: [] },
    ],
    reference: { final_hash: "", written_paths: [], values: {} },
    tags: [],
    knobs: { distractors: [], strip_enums: false, irrelevant: false },
  };
}

const A: Array<[string, Record<string, unknown>]> = [
  ["list_accounts", {}],
  ["get_balance", { account_id: "ACC-1" }],
];
const TASKS = [
  task("t1", "s1", A),
  task("t2", "s2", [
    ["list_accounts", {}],
    ["get_balance", { account_id: "ACC-2" }],
  ]),
  task("t3", "s1", [
    ["list_accounts", {}],
    ["freeze_card", { card_id: "C-1" }],
  ]),
  task("t4", "s3", [["list_cards", {}]]),
  task("t5", "s2", [["list_cards", {}]]),
  task("t6", "s3", []),
  task("t7", "s4", []),
  task("t8", "s4", [
    ["list_payees", {}],
    ["pay_payee", { payee_id: "P-1", amount: 5 }],
  ]),
];

describe("held-out splits", () => {
  it("by chain: no test task shares its call sequence with a training task; calls-free tasks split one by one", () => {
    expect(chainOf(TASKS[0] as Task)).toBe("list_accounts > get_balance");
    for (const seed of ["0", "1", "2", "3"]) {
      const s = splitTasks(TASKS, { by: "chain", testShare: 0.3, seed });
      const trainChains = new Set(s.train.map(chainOf).filter(Boolean));
      expect(s.test.filter((t) => trainChains.has(chainOf(t)))).toEqual([]);
      expect(s.train.length + s.test.length).toBe(TASKS.length);
      expect(s.test.length).toBeGreaterThanOrEqual(0.3 * TASKS.length);
      expect(s.train.length).toBeGreaterThan(0);
      expect(overlapReport(s.train, s.test).chains.test_tasks_with_train_chain).toBe(0);
    }
    expect(splitTasks(TASKS, { by: "chain", testShare: 0.3, seed: "x" })).toEqual(splitTasks(TASKS, { by: "chain", testShare: 0.3, seed: "x" }));
  });

  it("by seed: whole worlds go to the test side", () => {
    const s = splitTasks(TASKS, { by: "seed", testShare: 0.25, seed: "0" });
    const trainSeeds = new Set(s.train.map((t) => t.seed));
    expect(s.test.every((t) => !trainSeeds.has(t.seed))).toBe(true);
    expect(s.testKeys.every((k) => ["s1", "s2", "s3", "s4"].includes(k))).toBe(true);
    expect(s.test.length).toBe(TASKS.filter((t) => s.testKeys.includes(t.seed)).length);
  });

  it("refuses what cannot be split", () => {
    expect(() => splitTasks(TASKS, { by: "seed", testShare: 1, seed: "0" })).toThrow(/between 0 and 1/);
    expect(() => splitTasks([TASKS[0] as Task, TASKS[2] as Task], { by: "seed", testShare: 0.5, seed: "0" })).toThrow(/only 1 distinct seed/);
  });
});

describe("the overlap report", () => {
  it("counts seeds, call sequences, near-duplicates, first turns and unseen tools, as worked out by hand", () => {
    const train = [task("a", "s1", A), task("b", "s2", [["list_cards", {}]], "Show my cards.")];
    const test = [
      task("c", "s3", A), // the same calls as a: a near-duplicate, and a training call sequence
      task("d", "s1", [["freeze_card", { card_id: "C-1" }]]), // a training seed, an unseen tool
      task("e", "s3", [], "Show my cards."), // no calls; a training task's first turn word for word
      task("a", "s9", [["list_payees", {}]], "Who are my payees?"), // an id the training side has too
    ];
    expect(overlapReport(train, test)).toEqual({
      train: 2,
      test: 4,
      shared_ids: 1,
      seeds: { test: 3, shared: 1, test_tasks_on_train_seeds: 1 },
      chains: { test: 3, shared: 1, test_tasks_with_train_chain: 1 },
      near_duplicates: { threshold: 0.7, test_tasks: 1 },
      same_first_turn: 1,
      unseen_tools: { count: 2, examples: ["freeze_card", "list_payees"] },
    });
  });
});

describe("split folders", () => {
  it("filter the per-task files line by line, copy shared files, and record the split", async () => {
    const src = mkdtempSync(join(tmpdir(), "prove-split-src-"));
    const out = mkdtempSync(join(tmpdir(), "prove-split-out-"));
    const lines = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
    writeFileSync(join(src, "tasks.jsonl"), lines(TASKS));
    writeFileSync(join(src, "chat.jsonl"), lines(TASKS.map((t) => ({ id: t.id, messages: [], toolset: "ts-1" }))));
    writeFileSync(join(src, "references.jsonl"), lines(TASKS.map((t) => ({ task_id: t.id, calls: [], replies: [] }))));
    writeFileSync(join(src, "toolsets.jsonl"), lines([{ id: "ts-1", tools: "[]" }]));
    writeFileSync(join(src, "stats.json"), "{}");
    const opts = { by: "chain" as const, testShare: 0.3, seed: "0" };
    const s = splitTasks(TASKS, opts);
    await writeSplit(src, out, s, opts);
    const ids = (file: string, key = "id") =>
      readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as Record<string, string>)[key]);
    for (const [side, tasks] of [
      ["train", s.train],
      ["test", s.test],
    ] as const) {
      const want = tasks.map((t) => t.id);
      expect(ids(join(out, side, "tasks.jsonl"))).toEqual(want);
      expect(ids(join(out, side, "chat.jsonl"))).toEqual(want);
      expect(ids(join(out, side, "references.jsonl"), "task_id")).toEqual(want);
      expect(readdirSync(join(out, side)).sort()).toEqual(["chat.jsonl", "references.jsonl", "tasks.jsonl", "toolsets.jsonl"]);
    }
    const record = JSON.parse(readFileSync(join(out, "split.json"), "utf8"));
    expect(record).toMatchObject({ by: "chain", test_share: 0.3, test_keys: s.testKeys, overlap: { train: s.train.length, test: s.test.length } });
  });
});
