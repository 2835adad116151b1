/**
 * Lists the mutants a target's tests let through, from Stryker's JSON report, one line each:
 * file:line:column, mutator, and what the code became. Mutants under which the tests cannot load
 * count as detected (see mutation-scores.mjs) and are left out.
 * Usage: node scripts/mutation-survivors.mjs banking [path-substring]
 */
import { readFileSync } from "node:fs";

const [target, only] = process.argv.slice(2);
if (!target) throw new Error("usage: node scripts/mutation-survivors.mjs <target> [path-substring]");
const report = JSON.parse(readFileSync(`reports/mutation/${target}.json`, "utf8"));
for (const [file, { mutants }] of Object.entries(report.files)) {
  if (only && !file.includes(only)) continue;
  for (const m of mutants) {
    const loadFailure = m.status === "Survived" && m.static && m.testsCompleted === 0;
    if ((m.status !== "Survived" && m.status !== "NoCoverage") || loadFailure) continue;
    const { line, column } = m.location.start;
    const replacement = (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 120);
    console.log(`${file}:${line}:${column}\t${m.status === "NoCoverage" ? "no coverage" : "survived"}\t${m.mutatorName}\t${replacement}`);
  }
}
