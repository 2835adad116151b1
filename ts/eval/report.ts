/**
 * The report of an evaluation on our tasks, computed from its trajectories.
 *
 * A trajectory succeeds when (1) its final state equals the reference's (the state hash after
 * replaying its calls on a fresh session of the task equals the hash after replaying the ground
 * truth), (2) every fact a turn's answer must state is stated by a reply of that turn or a later
 * one, and (3) every clarification turn was answered by a question without calling a tool and
 * every abstention turn without calling one. Trajectories the environment failed (masked) or the
 * reward could not score are left out of every number and counted apart.
 */
import { Environment } from "../env/environment.ts";
import { states } from "../reward/answer.ts";
import type { Domain } from "../servers/framework/index.ts";
import { allSteps, type Task } from "../tasks/schema.ts";
import type { TaskStore } from "../tasks/store.ts";
import type { RunInfo, TaskLine } from "./records.ts";
import { referenceHash, replayCalls } from "./replay.ts";
import { mean, passHatK } from "./stats.ts";

export const GROUPINGS = ["domain", "chain_length", "turns", "info_level", "kind"] as const;
export type Grouping = (typeof GROUPINGS)[number];

export interface Judged {
  line: TaskLine;
  task: Task;
  /** False for masked and unscorable trajectories. */
  counted: boolean;
  success: boolean;
  stateEqual: boolean;
  factsStated: boolean;
  gates: Array<{ turn: number; expect: "clarify" | "abstain"; handled: boolean }>;
  calls: number;
  parseErrors: number;
  referenceCalls: number;
}

export interface Rate {
  turns: number;
  accuracy: number | null;
}

export interface Metrics {
  tasks: number;
  trajectories: number;
  success: number | null;
  /** pass^1 … pass^k. */
  pass_k: Array<number | null>;
  reward: number | null;
  components: Record<string, number | null>;
  /** Calls made per trajectory (parse errors included) and the ground truth's per trajectory. */
  calls: number | null;
  reference_calls: number | null;
  /** Calls that could not be parsed, as a share of all calls made. */
  parse_error_rate: number | null;
  abstention: Rate;
  clarification: Rate;
}

export interface PerTask {
  id: string;
  domains: string[];
  kind: string;
  info_level: string;
  trials: number;
  successes: number;
  reward: number | null;
}

export interface TaskReport {
  bench: "tasks";
  policy: string;
  preset: string;
  trials: number;
  excluded: { masked: number; unscorable: number; unknown_tasks: number };
  overall: Metrics;
  by: Record<Grouping, Record<string, Metrics>>;
  per_task: PerTask[];
}

/** A question, as the user would read it (the eval's rule; the reward has its own). */
const asksQuestion = (text: string) => text.includes("?");

export class Judge {
  private readonly env: Environment;
  private readonly references = new Map<string, string>();

  constructor(domains: readonly Domain[]) {
    this.env = new Environment(domains, { shard: "eval", limits: { maxSessions: 1_000_000, maxCallsPerSession: 100_000 } });
  }

  judge(task: Task, line: TaskLine): Judged {
    const counted = line.score_outcome === "ok";
    let ref = this.references.get(task.id);
    if (ref === undefined) this.references.set(task.id, (ref = referenceHash(this.env, task)));
    const stateEqual = replayCalls(this.env, task, line.calls).finalHash === ref;
    const replies = task.turns.map((_, i) => line.replies.filter((r) => r.turn === i).map((r) => r.text));
    const factsStated = task.turns.every((t, i) =>
      t.answer_facts.every((f) =>
        replies
          .slice(i)
          .flat()
          .some((r) => states(r, f)),
      ),
    );
    const gates = task.turns.flatMap((t, i) => {
      if (t.expect === "call") return [];
      const called = line.calls.some((c) => c.turn === i);
      const handled = !called && (t.expect === "abstain" || (replies[i] ?? []).some(asksQuestion));
      return [{ turn: i, expect: t.expect, handled }];
    });
    return {
      line,
      task,
      counted,
      success: counted && stateEqual && factsStated && gates.every((g) => g.handled),
      stateEqual,
      factsStated,
      gates,
      calls: line.calls.length,
      parseErrors: line.calls.filter((c) => c.outcome === "parse_error").length,
      referenceCalls: allSteps(task).length,
    };
  }
}

/** Appends to the list under `key` (a grouping helper). */
export function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function rate(gates: ReadonlyArray<{ handled: boolean }>): Rate {
  return { turns: gates.length, accuracy: gates.length ? gates.filter((g) => g.handled).length / gates.length : null };
}

export function perTask(judged: readonly Judged[]): PerTask[] {
  const byTask = new Map<string, Judged[]>();
  for (const j of judged) if (j.counted) push(byTask, j.task.id, j);
  return [...byTask.values()].map((js) => {
    const t = (js[0] as Judged).task;
    return {
      id: t.id,
      domains: t.domains,
      kind: t.kind,
      info_level: t.info_level,
      trials: js.length,
      successes: js.filter((j) => j.success).length,
      reward: finite(mean(js.map((j) => j.line.reward))),
    };
  });
}

export function metrics(judged: readonly Judged[]): Metrics {
  const ok = judged.filter((j) => j.counted);
  const names = [...new Set(ok.flatMap((j) => Object.keys(j.line.components)))].sort();
  const calls = ok.reduce((n, j) => n + j.calls, 0);
  return {
    tasks: new Set(ok.map((j) => j.task.id)).size,
    trajectories: ok.length,
    success: finite(mean(ok.map((j) => (j.success ? 1 : 0)))),
    pass_k: passHatK(perTask(ok)).map(finite),
    reward: finite(mean(ok.map((j) => j.line.reward))),
    components: Object.fromEntries(names.map((n) => [n, finite(mean(ok.filter((j) => n in j.line.components).map((j) => j.line.components[n] as number)))])),
    calls: finite(mean(ok.map((j) => j.calls))),
    reference_calls: finite(mean(ok.map((j) => j.referenceCalls))),
    parse_error_rate: calls ? ok.reduce((n, j) => n + j.parseErrors, 0) / calls : null,
    abstention: rate(ok.flatMap((j) => j.gates.filter((g) => g.expect === "abstain"))),
    clarification: rate(ok.flatMap((j) => j.gates.filter((g) => g.expect === "clarify"))),
  };
}

function keysOf(task: Task, grouping: Grouping): string[] {
  switch (grouping) {
    case "domain":
      return task.domains; // a task of two domains counts in both
    case "chain_length":
      return [String(allSteps(task).length)];
    case "turns":
      return [String(task.turns.length)];
    case "info_level":
      return [task.info_level];
    case "kind":
      return [task.kind];
  }
}

export function groupBy(judged: readonly Judged[], grouping: Grouping): Record<string, Metrics> {
  const groups = new Map<string, Judged[]>();
  for (const j of judged) for (const k of keysOf(j.task, grouping)) push(groups, k, j);
  const keys = [...groups.keys()].sort((a, b) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a.localeCompare(b)));
  return Object.fromEntries(keys.map((k) => [k, metrics(groups.get(k) as Judged[])]));
}

export function taskReport(
  run: Pick<RunInfo, "policy" | "preset" | "trials">,
  store: TaskStore,
  lines: readonly TaskLine[],
  domains: readonly Domain[],
): TaskReport {
  const judge = new Judge(domains);
  const known = lines.filter((l) => store.get(l.task_id));
  const judged = known.map((l) => judge.judge(store.get(l.task_id) as Task, l));
  return {
    bench: "tasks",
    policy: run.policy,
    preset: run.preset,
    trials: run.trials,
    excluded: {
      masked: lines.filter((l) => l.score_outcome === "masked").length,
      unscorable: lines.filter((l) => l.score_outcome === "unscorable").length,
      unknown_tasks: lines.length - known.length,
    },
    overall: metrics(judged),
    by: Object.fromEntries(GROUPINGS.map((g) => [g, groupBy(judged, g)])) as Record<Grouping, Record<string, Metrics>>,
    per_task: perTask(judged),
  };
}

// ---- markdown -----------------------------------------------------------------------------------

const pct = (x: number | null): string => (x === null ? "-" : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null, d = 3): string => (x === null ? "-" : x.toFixed(d));
const rateText = (r: Rate): string => (r.turns ? `${pct(r.accuracy)} of ${r.turns}` : "-");

function row(label: string, m: Metrics): string {
  const passK = m.pass_k.length > 1 ? ` (${m.pass_k.map(pct).join(" / ")})` : "";
  return `| ${label} | ${m.tasks} | ${pct(m.success)}${passK} | ${num(m.reward)} | ${num(m.calls, 2)} (${num(m.reference_calls, 2)}) | ${pct(m.parse_error_rate)} | ${rateText(m.abstention)} | ${rateText(m.clarification)} |`;
}

const HEADER = [
  "| | tasks | success (pass^1 / … / pass^k) | reward | calls (reference) | parse errors | abstention | clarification |",
  "|---|---:|---:|---:|---:|---:|---:|---:|",
];
const TITLES: Record<Grouping, string> = {
  domain: "By domain",
  chain_length: "By chain length (ground-truth calls)",
  turns: "By user turns",
  info_level: "By information level",
  kind: "By kind",
};

export function taskMarkdown(r: TaskReport, title: string): string {
  const lines = [
    `# ${title}`,
    "",
    `Policy \`${r.policy}\`, ${r.overall.tasks} tasks × ${r.trials} trial(s), reward preset \`${r.preset}\`.` +
      (r.excluded.masked + r.excluded.unscorable ? ` Left out: ${r.excluded.masked} masked (environment failures), ${r.excluded.unscorable} unscorable.` : ""),
    "",
    ...HEADER,
    row("all", r.overall),
    "",
    `Reward components: ${
      Object.entries(r.overall.components)
        .map(([k, v]) => `${k} ${num(v)}`)
        .join(", ") || "-"
    }`,
  ];
  for (const g of GROUPINGS) lines.push("", `## ${TITLES[g]}`, "", ...HEADER, ...Object.entries(r.by[g]).map(([k, m]) => row(k, m)));
  return `${lines.join("\n")}\n`;
}
