#!/usr/bin/env node
// Prints one line that sums every test run (vitest JSON report + pytest JUnit XML):
// "N passed, N failed[, N skipped]". Exits 1 when anything failed or a report is missing.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? ".test-results";
let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

const vitest = join(dir, "vitest.json");
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A test file that fails to load has no tests but is still a failure.
  const broken = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  if (broken) notes.push(`${broken} vitest file(s) failed to load`);
  failed += broken;
} else {
  notes.push("no vitest report");
  failed += 1;
}

for (const f of existsSync(dir) ? readdirSync(dir).filter((n) => /^pytest.*\.xml$/.test(n)) : []) {
  const xml = readFileSync(join(dir, f), "utf8");
  for (const m of xml.matchAll(/<testsuite\b([^>]*)>/g)) {
    const attr = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(m[1]) ?? [])[1] ?? 0);
    const tests = attr("tests");
    const bad = attr("failures") + attr("errors");
    const skip = attr("skipped");
    passed += tests - bad - skip;
    failed += bad;
    skipped += skip;
  }
}

for (const n of notes) console.log(`note: ${n}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
