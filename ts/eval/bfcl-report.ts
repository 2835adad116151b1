/**
 * The report of a BFCL multi-turn run: accuracy per category exactly as BFCL computes it
 * (entries its checker finds valid / entries), and BFCL's overall multi-turn figure, the
 * unweighted mean of the categories played.
 */
import type { BfclLine, RunInfo } from "./records.ts";

export const BFCL_CATEGORIES = ["base", "miss_func", "miss_param", "long_context"] as const;

export interface CategoryScore {
  accuracy: number;
  correct: number;
  total: number;
}

export interface BfclReport {
  bench: "bfcl-multi-turn";
  policy: string;
  categories: Record<string, CategoryScore>;
  overall: { accuracy: number; categories: number; entries: number } | null;
  /** Why entries failed, by BFCL's error type. */
  errors: Record<string, number>;
  per_entry: Array<{ id: string; category: string; valid: boolean }>;
}

export function bfclReport(run: Pick<RunInfo, "policy">, lines: readonly BfclLine[]): BfclReport {
  const categories: Record<string, CategoryScore> = {};
  const order = [...BFCL_CATEGORIES, ...new Set(lines.map((l) => l.category).filter((c) => !(BFCL_CATEGORIES as readonly string[]).includes(c)))];
  for (const c of order) {
    const mine = lines.filter((l) => l.category === c);
    if (!mine.length) continue;
    const correct = mine.filter((l) => l.valid).length;
    categories[c] = { accuracy: correct / mine.length, correct, total: mine.length };
  }
  const scores = Object.values(categories);
  const errors: Record<string, number> = {};
  for (const l of lines) if (!l.valid) errors[l.error_type || "unknown"] = (errors[l.error_type || "unknown"] ?? 0) + 1;
  return {
    bench: "bfcl-multi-turn",
    policy: run.policy,
    categories,
    overall: scores.length ? { accuracy: scores.reduce((a, s) => a + s.accuracy, 0) / scores.length, categories: scores.length, entries: lines.length } : null,
    errors,
    per_entry: lines.map((l) => ({ id: l.id, category: l.category, valid: l.valid })),
  };
}

export function bfclMarkdown(r: BfclReport, title: string): string {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const rows = Object.entries(r.categories).map(([c, s]) => `| ${c} | ${pct(s.accuracy)} | ${s.correct} / ${s.total} |`);
  return [
    `# ${title}`,
    "",
    `Policy \`${r.policy}\`; BFCL's multi-turn checker (bfcl-eval's own data and execution classes).`,
    "",
    "| category | accuracy | correct / entries |",
    "|---|---:|---:|",
    ...rows,
    ...(r.overall ? [`| **overall** (unweighted mean of ${r.overall.categories}) | ${pct(r.overall.accuracy)} | ${r.overall.entries} entries |`] : []),
    "",
    `Failures by BFCL's error type: ${
      Object.entries(r.errors)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "none"
    }`,
    "",
  ].join("\n");
}
