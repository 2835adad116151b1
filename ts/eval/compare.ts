/**
 * `prove eval compare A B`: is B better than A, or is the difference noise?
 *
 * Both runs must cover the same tasks (or BFCL entries). Per task the metric is its success rate
 * over its trials (or its mean reward; for BFCL, whether BFCL's checker found it valid); the
 * difference B − A is taken task by task, and a percentile bootstrap over tasks gives its
 * interval, overall and per domain (BFCL: per category). An interval that excludes 0 is marked.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BfclReport } from "./bfcl-report.ts";
import { FILES, readRun } from "./records.ts";
import type { TaskReport } from "./report.ts";
import { writeReport, type Report } from "./run.ts";
import { bootstrapMean, mean, type Interval } from "./stats.ts";

export const METRICS = ["success", "reward"] as const;
export type Metric = (typeof METRICS)[number];

export interface CompareOptions {
  metric: Metric;
  resamples: number;
  level: number;
  seed: string;
}

export interface GroupComparison {
  group: string;
  /** Tasks compared. */
  n: number;
  a: number;
  b: number;
  diff: Interval;
  wins: number;
  losses: number;
  ties: number;
  /** The interval excludes 0. */
  significant: boolean;
}

export interface Comparison {
  bench: string;
  metric: string;
  a: { dir: string; policy: string };
  b: { dir: string; policy: string };
  /** Tasks in only one of the runs (left out of the comparison). */
  only_a: number;
  only_b: number;
  level: number;
  resamples: number;
  groups: GroupComparison[];
}

interface Unit {
  id: string;
  groups: string[];
  value: number;
}

function loadReport(dir: string): Report {
  const path = join(dir, FILES.report);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Report) : writeReport(dir).report;
}

function units(report: Report, metric: Metric): Unit[] {
  if (report.bench === "bfcl-multi-turn") return (report as BfclReport).per_entry.map((e) => ({ id: e.id, groups: [e.category], value: e.valid ? 1 : 0 }));
  return (report as TaskReport).per_task.flatMap((t) => {
    const value = metric === "success" ? t.successes / t.trials : t.reward;
    return value === null ? [] : [{ id: t.id, groups: t.domains, value }];
  });
}

export function compareUnits(
  aUnits: readonly Unit[],
  bUnits: readonly Unit[],
  opts: CompareOptions,
): { groups: GroupComparison[]; onlyA: number; onlyB: number } {
  const bById = new Map(bUnits.map((u) => [u.id, u]));
  const aIds = new Set(aUnits.map((u) => u.id));
  const pairs = aUnits.flatMap((a) => {
    const b = bById.get(a.id);
    return b ? [{ groups: a.groups, a: a.value, b: b.value }] : [];
  });
  const names = ["all", ...[...new Set(pairs.flatMap((p) => p.groups))].sort()];
  const groups = names.map((group, g) => {
    const mine = group === "all" ? pairs : pairs.filter((p) => p.groups.includes(group));
    const diffs = mine.map((p) => p.b - p.a);
    const diff = bootstrapMean(diffs, { resamples: opts.resamples, level: opts.level, seed: `${opts.seed}/${g}` });
    return {
      group,
      n: mine.length,
      a: mean(mine.map((p) => p.a)),
      b: mean(mine.map((p) => p.b)),
      diff,
      wins: diffs.filter((d) => d > 0).length,
      losses: diffs.filter((d) => d < 0).length,
      ties: diffs.filter((d) => d === 0).length,
      significant: diff.low > 0 || diff.high < 0,
    };
  });
  return { groups, onlyA: aUnits.length - pairs.length, onlyB: bUnits.filter((u) => !aIds.has(u.id)).length };
}

export function compareRuns(aDir: string, bDir: string, opts: CompareOptions): Comparison {
  const [ra, rb] = [readRun(aDir), readRun(bDir)];
  if (ra.bench !== rb.bench) throw new Error(`cannot compare a ${ra.bench} run with a ${rb.bench} run`);
  const [a, b] = [loadReport(aDir), loadReport(bDir)];
  const metric = ra.bench === "tasks" ? opts.metric : "valid";
  const { groups, onlyA, onlyB } = compareUnits(units(a, opts.metric), units(b, opts.metric), opts);
  if (!groups[0]?.n) throw new Error(`${aDir} and ${bDir} have no task in common`);
  return {
    bench: ra.bench,
    metric,
    a: { dir: aDir, policy: ra.policy },
    b: { dir: bDir, policy: rb.policy },
    only_a: onlyA,
    only_b: onlyB,
    level: opts.level,
    resamples: opts.resamples,
    groups,
  };
}

export function compareMarkdown(c: Comparison): string {
  const scale = c.metric === "reward" ? 1 : 100;
  const unit = c.metric === "reward" ? "" : " pt";
  const f = (x: number) => (Number.isFinite(x) ? (x * scale).toFixed(c.metric === "reward" ? 3 : 1) : "-");
  const signed = (x: number) => (x > 0 ? "+" : "") + f(x);
  return [
    `# ${c.b.policy} against ${c.a.policy} (${c.bench}, ${c.metric})`,
    "",
    `B − A per task, with a ${Math.round(c.level * 100)}% percentile bootstrap interval over tasks (${c.resamples} resamples). ` +
      `Significant (*) when the interval excludes 0.${c.only_a + c.only_b ? ` Left out: ${c.only_a} tasks only in A, ${c.only_b} only in B.` : ""}`,
    "",
    `| ${c.bench === "tasks" ? "domain" : "category"} | tasks | A | B | B − A | interval | B better / worse / same |`,
    "|---|---:|---:|---:|---:|---|---:|",
    ...c.groups.map(
      (g) =>
        `| ${g.group} | ${g.n} | ${f(g.a)} | ${f(g.b)} | ${signed(g.diff.mean)}${unit}${g.significant ? " *" : ""} | [${signed(g.diff.low)}, ${signed(g.diff.high)}] | ${g.wins} / ${g.losses} / ${g.ties} |`,
    ),
    "",
  ].join("\n");
}
