/**
 * Prints the mutation score of each target from Stryker's JSON reports (reports/mutation/<target>.json):
 * detected (killed or timed out) over all valid mutants, and over the mutants some test covers.
 * Usage: node scripts/mutation-scores.mjs banking calendar reward
 */
import { existsSync, readFileSync } from "node:fs";

const DETECTED = new Set(["Killed", "Timeout"]);

const rows = [];
for (const target of process.argv.slice(2)) {
  const file = `reports/mutation/${target}.json`;
  if (!existsSync(file)) {
    rows.push([target, "no report", "", "", ""]);
    continue;
  }
  const count = { detected: 0, survived: 0, noCoverage: 0 };
  for (const f of Object.values(JSON.parse(readFileSync(file, "utf8")).files)) {
    for (const m of f.mutants) {
      if (DETECTED.has(m.status)) count.detected++;
      else if (m.status === "Survived") count.survived++;
      else if (m.status === "NoCoverage") count.noCoverage++;
    }
  }
  const valid = count.detected + count.survived + count.noCoverage;
  const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)} %` : "n/a");
  rows.push([target, pct(count.detected, valid), pct(count.detected, count.detected + count.survived), String(valid), String(count.survived + count.noCoverage)]);
}
const head = ["target", "score", "covered score", "mutants", "undetected"];
const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(width[i])).join("  "));

