/**
 * What `prove view` shows, read from a folder: a dataset (tasks.jsonl, with each task's reference
 * trajectory), an evaluation run (run.json + trajectories.jsonl: our tasks or BFCL entries) or a
 * training run (config.json + rollouts/*.jsonl, the tasks named in supervisor.json).
 *
 * Every trajectory on one of our tasks is replayed on a fresh session of its task, so each call
 * shows its result and the state it changed (each path, before and after), whatever the folder
 * recorded. Nothing here writes.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { z } from "zod";
import { Environment } from "../env/environment.ts";
import { isFormat, parseAssistant } from "../env/formats/index.ts";
import { Judge, push, type TaskReport } from "../eval/report.ts";
import { FILES, Message, readBfclLines, readRun, readTaskLines, type BfclLine, type TaskLine } from "../eval/records.ts";
import { replayCalls, type Change } from "../eval/replay.ts";
import { Rewarder } from "../reward/index.ts";
import type { Domain } from "../servers/framework/index.ts";
import { allSteps, type Task } from "../tasks/schema.ts";
import { readJsonl, TaskStore } from "../tasks/store.ts";

export interface ItemSummary {
  id: string;
  label: string;
  tags: string[];
  trajectories: number;
  /** Best reward (or BFCL validity as 1/0) among its trajectories, when known. */
  score: number | null;
  /** A success (our tasks) or a valid BFCL entry among its trajectories. */
  ok: boolean | null;
}

export interface CallView {
  name: string;
  arguments: unknown;
  outcome: string;
  result?: unknown;
  error?: { code: string; message: string };
  changes: Change[];
}

export interface TurnView {
  turn: number;
  user: string;
  calls: CallView[];
  replies: string[];
  /** BFCL: the ground truth of the turn and the calls its checker ran, step by step. */
  expected?: string[];
  decoded?: string[][];
}

export interface TrajectoryView {
  label: string;
  reward: number | null;
  components: Record<string, number>;
  verdict: { ok: boolean; text: string } | null;
  turns: TurnView[];
  messages: Message[];
}

export interface TaskInfo {
  domains: string[];
  kind: string;
  info_level: string;
  system: string;
  turns: Array<{ user: string; expect: string; steps: Array<{ tool: string; args: unknown }>; facts: string[] }>;
  written_paths: string[];
}

export interface ItemDetail {
  id: string;
  label: string;
  task: TaskInfo | null;
  trajectories: TrajectoryView[];
}

export interface Source {
  kind: "dataset" | "eval" | "bfcl" | "training";
  path: string;
  title: string;
  items(): ItemSummary[];
  item(id: string): ItemDetail | undefined;
}

type RecordedCall = { name: string; arguments: unknown; outcome?: string; turn: number; error?: { code: string; message: string } };

/** The source a folder holds, or a clear error saying what a folder must hold. */
export function openSource(path: string, domains: readonly Domain[]): Source {
  const dir = resolve(path);
  if (existsSync(join(dir, FILES.run))) return readRun(dir).bench === "tasks" ? evalSource(dir, domains) : bfclSource(dir);
  if (existsSync(join(dir, "rollouts")) && existsSync(join(dir, "config.json"))) return trainingSource(dir, domains);
  if (existsSync(join(dir, "tasks.jsonl"))) return datasetSource(dir, domains);
  throw new Error(`${dir} holds no dataset (tasks.jsonl), evaluation run (run.json) or training run (config.json and rollouts/)`);
}

class Replayer {
  private readonly env: Environment;
  readonly judge: Judge;

  constructor(readonly domains: readonly Domain[]) {
    this.env = new Environment(domains, { shard: "view", limits: { maxSessions: 100_000, maxCallsPerSession: 100_000 } });
    this.judge = new Judge(domains);
  }

  /** Turns of a trajectory on a task: each call replayed for its result and state changes. */
  turns(task: Task, calls: readonly RecordedCall[], replies: ReadonlyArray<{ turn: number; text: string }>): TurnView[] {
    const replay = replayCalls(this.env, task, calls);
    const turns: TurnView[] = task.turns.map((t, i) => ({ turn: i, user: t.user, calls: [], replies: replies.filter((r) => r.turn === i).map((r) => r.text) }));
    calls.forEach((c, i) => {
      const r = replay.calls[i];
      const view: CallView = r
        ? {
            name: c.name,
            arguments: c.arguments,
            outcome: r.record.outcome,
            ...(r.record.result !== undefined ? { result: r.record.result } : {}),
            ...(r.record.error ? { error: r.record.error } : {}),
            changes: r.changes,
          }
        : { name: c.name || "(unparsed)", arguments: c.arguments, outcome: "parse_error", ...(c.error ? { error: c.error } : {}), changes: [] };
      (turns[c.turn] ?? (turns[c.turn] = { turn: c.turn, user: "", calls: [], replies: [] })).calls.push(view);
    });
    return turns;
  }
}

function taskInfo(t: Task): TaskInfo {
  return {
    domains: t.domains,
    kind: t.kind,
    info_level: t.info_level,
    system: t.system,
    turns: t.turns.map((u) => ({ user: u.user, expect: u.expect, steps: u.steps.map((s) => ({ tool: s.tool, args: s.args })), facts: u.answer_facts })),
    written_paths: t.reference.written_paths,
  };
}

function taskTags(t: Task): string[] {
  return [...t.domains, t.kind, t.info_level, `${allSteps(t).length} calls`, `${t.turns.length} turns`];
}

const ReferenceLine = z.object({
  task_id: z.string(),
  calls: z.array(z.object({ name: z.string(), arguments: z.unknown(), turn: z.number().int().min(0).default(0) })),
  replies: z.array(z.object({ turn: z.number().int().min(0), text: z.string() })).default([]),
});

/** The reference trajectory of a task: references.jsonl's line when the folder has one, else its steps. */
function referenceView(r: Replayer, rewarder: Rewarder, task: Task, line: z.output<typeof ReferenceLine> | undefined): TrajectoryView {
  const calls = line?.calls ?? task.turns.flatMap((t, turn) => t.steps.map((s) => ({ name: s.tool, arguments: s.args, turn })));
  const replies = line?.replies ?? [];
  const score = rewarder.score({ task, trajectory: { calls: calls.map((c) => ({ ...c, outcome: "ok" as const })), replies }, preset: "verified" });
  return {
    label: "reference",
    reward: score.reward,
    components: score.components as Record<string, number>,
    verdict: null,
    turns: r.turns(task, calls, replies),
    messages: [],
  };
}

/** references.jsonl of a dataset folder, by task id (empty when the folder has none). */
function references(dir: string): Map<string, z.output<typeof ReferenceLine>> {
  const path = join(dir, "references.jsonl");
  return new Map(existsSync(path) ? readJsonl(path, ReferenceLine, "reference trajectory").map((l) => [l.task_id, l] as const) : []);
}

function datasetSource(dir: string, domains: readonly Domain[]): Source {
  const store = TaskStore.load(join(dir, "tasks.jsonl"));
  const refs = references(dir);
  const r = new Replayer(domains);
  const rewarder = new Rewarder(domains);
  return {
    kind: "dataset",
    path: dir,
    title: `dataset ${basename(dir)} (${store.size} tasks)`,
    items: () => store.tasks.map((t) => ({ id: t.id, label: t.turns[0]?.user ?? t.id, tags: taskTags(t), trajectories: 1, score: null, ok: null })),
    item: (id) => {
      const t = store.get(id);
      return t && { id, label: t.turns[0]?.user ?? id, task: taskInfo(t), trajectories: [referenceView(r, rewarder, t, refs.get(id))] };
    },
  };
}

function evalSource(dir: string, domains: readonly Domain[]): Source {
  const run = readRun(dir);
  if (!run.tasks) throw new Error(`${join(dir, FILES.run)} names no tasks folder`);
  const store = TaskStore.load(join(run.tasks, "tasks.jsonl"));
  const byTask = group(readTaskLines(dir), (l) => l.task_id);
  const refs = references(run.tasks);
  // Successes per task from report.json when the run has one: the list then needs no replay.
  const reportPath = join(dir, FILES.report);
  const reported = new Map(
    existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, "utf8")) as TaskReport).per_task.map((t) => [t.id, t.successes] as const) : [],
  );
  const r = new Replayer(domains);
  const rewarder = new Rewarder(domains);
  const verdicts = new WeakMap<TaskLine, { ok: boolean; text: string }>();
  const verdictOf = (t: Task, l: TaskLine) => verdicts.get(l) ?? (verdicts.set(l, judgeLine(t, l)).get(l) as { ok: boolean; text: string });
  const judgeLine = (t: Task, l: TaskLine) => {
    const j = r.judge.judge(t, l);
    const why = [
      !j.stateEqual && "the final state differs from the reference",
      !j.factsStated && "a fact the answer must state is missing",
      j.gates.some((g) => !g.handled) && "a clarification or abstention turn went wrong",
      !j.counted && `not counted (${l.score_outcome})`,
    ].filter(Boolean);
    return { ok: j.success, text: j.success ? "success" : `no success: ${why.join("; ")}` };
  };
  return {
    kind: "eval",
    path: dir,
    title: `evaluation of ${run.policy} (${byTask.size} tasks × ${run.trials})`,
    items: () =>
      [...byTask].flatMap(([id, lines]) => {
        const t = store.get(id);
        if (!t) return [];
        const ok = reported.has(id) ? (reported.get(id) as number) > 0 : lines.some((l) => verdictOf(t, l).ok);
        return [{ id, label: t.turns[0]?.user ?? id, tags: taskTags(t), trajectories: lines.length, score: Math.max(...lines.map((l) => l.reward)), ok }];
      }),
    item: (id) => {
      const t = store.get(id);
      const lines = byTask.get(id);
      if (!t || !lines) return undefined;
      const trials = lines.map((l) => ({
        label: `trial ${l.trial}`,
        reward: l.reward,
        components: l.components,
        verdict: verdictOf(t, l),
        turns: r.turns(t, l.calls, l.replies),
        messages: l.messages,
      }));
      return { id, label: t.turns[0]?.user ?? id, task: taskInfo(t), trajectories: [...trials, referenceView(r, rewarder, t, refs.get(id))] };
    },
  };
}

function bfclSource(dir: string): Source {
  const run = readRun(dir);
  const lines = new Map(readBfclLines(dir).map((l) => [l.id, l] as const));
  const turnsOf = (l: BfclLine): TurnView[] =>
    l.ground_truth.map((expected, i) => {
      const mine = l.messages.filter((m) => m.turn === i);
      return {
        turn: i,
        user: mine.find((m) => m.role === "user")?.content ?? "",
        calls: mine
          .filter((m) => m.role === "tool")
          .map((m) => ({
            name: m.name ?? "",
            arguments: null,
            outcome: /^Error during execution|^\{"error"/.test(m.content ?? "") ? "tool_error" : "ok",
            result: m.content,
            changes: [],
          })),
        replies: [],
        expected,
        decoded: l.decoded[i] ?? [],
      };
    });
  return {
    kind: "bfcl",
    path: dir,
    title: `BFCL multi-turn, ${run.policy} (${lines.size} entries)`,
    items: () =>
      [...lines.values()].map((l) => ({
        id: l.id,
        label: l.messages.find((m) => m.role === "user")?.content ?? l.id,
        tags: [l.category, l.valid ? "valid" : l.error_type],
        trajectories: 1,
        score: l.valid ? 1 : 0,
        ok: l.valid,
      })),
    item: (id) => {
      const l = lines.get(id);
      return (
        l && {
          id,
          label: l.messages.find((m) => m.role === "user")?.content ?? id,
          task: null,
          trajectories: [
            {
              label: run.policy,
              reward: null,
              components: {},
              verdict: { ok: l.valid, text: l.valid ? "valid (BFCL's multi-turn checker)" : `${l.error_type}: ${l.error_message}` },
              turns: turnsOf(l),
              messages: l.messages,
            },
          ],
        }
      );
    },
  };
}

const Rollout = z.object({
  step: z.number().int(),
  task_id: z.string(),
  member: z.number().int(),
  reward: z.number(),
  components: z.record(z.string(), z.number()).default({}),
  messages: z.array(Message),
});

function trainingSource(dir: string, domains: readonly Domain[]): Source {
  const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as { format?: string; model?: string };
  const format = config.format ?? "hermes";
  if (!isFormat(format)) throw new Error(`${join(dir, "config.json")}: unknown tool-call format ${format}`);
  const record = existsSync(join(dir, "supervisor.json")) ? (JSON.parse(readFileSync(join(dir, "supervisor.json"), "utf8")) as { tasks?: string }) : {};
  if (!record.tasks || !existsSync(join(record.tasks, "tasks.jsonl"))) throw new Error(`${dir}: its supervisor.json names no tasks folder with tasks.jsonl`);
  const store = TaskStore.load(join(record.tasks, "tasks.jsonl"));
  const files = readdirSync(join(dir, "rollouts"))
    .filter((f) => /^step-\d+\.jsonl$/.test(f))
    .sort();
  const rollouts = files.flatMap((f) => readJsonl(join(dir, "rollouts", f), Rollout, "rollout"));
  const byTask = group(rollouts, (l) => l.task_id);
  const r = new Replayer(domains);
  /** The calls and replies a rollout's assistant messages make, parsed as the environment parsed them. */
  const recorded = (messages: readonly Message[]) => {
    const calls: RecordedCall[] = [];
    const replies: Array<{ turn: number; text: string }> = [];
    let turn = -1;
    for (const m of messages) {
      if (m.role === "user") turn++;
      if (m.role !== "assistant") continue;
      const parsed = parseAssistant(format, m.content ?? "");
      for (const item of parsed.items)
        calls.push(
          "call" in item
            ? { name: item.call.name, arguments: item.call.arguments, turn: Math.max(0, turn) }
            : {
                name: "",
                arguments: item.error.fragment,
                outcome: "parse_error",
                turn: Math.max(0, turn),
                error: { code: "parse_error", message: item.error.message },
              },
        );
      if (parsed.reply) replies.push({ turn: Math.max(0, turn), text: parsed.reply });
    }
    return { calls, replies };
  };
  return {
    kind: "training",
    path: dir,
    title: `training run ${basename(dir)} (${config.model ?? "?"}): rollouts of ${files.length} steps`,
    items: () =>
      [...byTask].flatMap(([id, lines]) => {
        const t = store.get(id);
        return t
          ? [{ id, label: t.turns[0]?.user ?? id, tags: taskTags(t), trajectories: lines.length, score: Math.max(...lines.map((l) => l.reward)), ok: null }]
          : [];
      }),
    item: (id) => {
      const t = store.get(id);
      const lines = byTask.get(id);
      if (!t || !lines) return undefined;
      return {
        id,
        label: t.turns[0]?.user ?? id,
        task: taskInfo(t),
        trajectories: lines.map((l) => {
          const { calls, replies } = recorded(l.messages);
          return {
            label: `step ${l.step} · member ${l.member}`,
            reward: l.reward,
            components: l.components,
            verdict: null,
            turns: r.turns(t, calls, replies),
            messages: l.messages,
          };
        }),
      };
    },
  };
}

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) push(out, key(row), row);
  return out;
}
