/**
 * Prints the mutation score of each target from Stryker's JSON reports (reports/mutation/<target>.json).
 *
 * Stryker's vitest runner reports a mutant under which the test files cannot even be imported
 * (a tool definition emptied, a schema broken at module load) as Survived with no test completed:
 * vitest records that as a failed file, not a failed test, and the runner only reads tests. The
 * suite does fail under such a mutant, so "score" counts these load failures as detected; "stryker"
 * is Stryker's own figure. Both divide by every valid mutant (killed, timed out, survived, not covered).
 * Usage: node scripts/mutation-scores.mjs [--min 80] banking calendar reward
 * With --min, exits 1 when a target has no report or scores below the minimum (a gate for CI).
 */
import { existsSync, readFileSync } from "node:fs";

const args = process.argv.slice(2);
const at = args.indexOf("--min");
const min = at >= 0 ? Number(args.splice(at, 2)[1]) : undefined;
if (min !== undefined && !Number.isFinite(min)) throw new Error("--min takes a percentage, e.g. --min 80");
const rows = [];
const below = [];
for (const target of args) {
  const file = `reports/mutation/${target}.json`;
  if (!existsSync(file)) {
    rows.push([target, "no report", "", "", "", ""]);
    below.push(target);
    continue;
  }
  const n = { detected: 0, loadFailure: 0, survived: 0, noCoverage: 0 };
  for (const f of Object.values(JSON.parse(readFileSync(file, "utf8")).files)) {
    for (const m of f.mutants) {
      if (m.status === "Killed" || m.status === "Timeout") n.detected++;
      else if (m.status === "Survived" && m.static && m.testsCompleted === 0) n.loadFailure++;
      else if (m.status === "Survived") n.survived++;
      else if (m.status === "NoCoverage") n.noCoverage++;
    }
  }
  const valid = n.detected + n.loadFailure + n.survived + n.noCoverage;
  const pct = (x) => (valid ? `${((100 * x) / valid).toFixed(1)} %` : "n/a");
  if (min !== undefined && !(valid && (100 * (n.detected + n.loadFailure)) / valid >= min)) below.push(target);
  rows.push([target, pct(n.detected + n.loadFailure), pct(n.detected), String(valid), String(n.loadFailure), String(n.survived + n.noCoverage)]);
}
const head = ["target", "score", "stryker", "mutants", "load failures", "undetected"];
const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(width[i])).join("  "));
if (min !== undefined && below.length) {
  console.log(`below ${min} %: ${below.join(", ")}`);
  process.exitCode = 1;
}
