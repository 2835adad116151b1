/**
 * Mutation testing (StrykerJS, vitest runner) of one target at a time: a domain's logic under
 * its own tests, or the reward. `make mutate DOMAIN=banking` runs one; `make mutate` runs all.
 *
 * Seeds are left out of a domain's mutants: they are checked by the seed-invariant tests, and
 * their mutants (a different random draw, a renamed person) mostly change data, not rules.
 */
import { readdirSync } from "node:fs";

const target = process.env.DOMAIN;
if (!target) throw new Error("stryker.config.mjs: set DOMAIN (a domain's folder under ts/servers, framework or reward)");

/** What each target mutates, and the tests that speak for it. */
function targetOf(name) {
  // perturb.ts is the property tests' generator of mistakes (and the benchmark's), not a rule of
  // the reward: its mutants change which mistakes are tried, never a score.
  // invariant and loopholes synthesize and score hundreds of tasks (a minute per run): they guard the
  // reward end to end in `make test`, while each rule is stated by the unit tests that speak for it here.
  if (name === "reward") {
    const endToEnd = ["invariant.test.ts", "loopholes.test.ts"];
    const tests = readdirSync("test/reward").filter((f) => f.endsWith(".test.ts") && !endToEnd.includes(f));
    return { mutate: ["ts/reward/**/*.ts", "!ts/reward/perturb.ts"], tests: tests.map((f) => `test/reward/${f}`) };
  }
  if (name === "framework") {
    return {
      mutate: ["ts/servers/framework/**/*.ts"],
      tests: ["framework", "refs", "portable", "registry", "seed-cache"].map((t) => `test/servers/${t}.test.ts`),
    };
  }
  const tests = [`test/servers/${name}.test.ts`, `test/servers/${name}.*.test.ts`, ...(name === "email" ? ["test/servers/email-search.test.ts"] : [])];
  return { mutate: [`ts/servers/${name}/**/*.ts`, `!ts/servers/${name}/seed.ts`, `!ts/servers/${name}/seed/**`], tests };
}

const { mutate, tests } = targetOf(target);
// Read by vitest.mutate.config.ts in Stryker's test-runner processes, which inherit the environment.
// MUTATE_ONLY_TESTS (comma-separated files) narrows a run to some of the target's tests, to find a
// file's survivors quickly while writing tests for them; a score of record runs all of them.
process.env.MUTATE_TESTS = process.env.MUTATE_ONLY_TESTS || tests.join(",");

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner", "./scripts/stryker-ignore-prose.mjs"],
  ignorers: ["prose"],
  vitest: { configFile: "vitest.mutate.config.ts", related: false },
  mutate,
  coverageAnalysis: "perTest",
  // One runner by default: the machines this runs on are shared (MUTATE_CONCURRENCY raises it).
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 1),
  // A mutant whose tests run 10 s past 1.5× their dry-run time counts as a timeout (an endless
  // loop, detected). The first setting, 30 s, cost a runner half a minute per such mutant, and a
  // domain with parsers has dozens (email: 41).
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "json"],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  jsonReporter: { fileName: `reports/mutation/${target}.json` },
  thresholds: { high: 80, low: 60, break: null },
  // Incremental: a later run re-tests only the mutants whose code or covering tests changed since
  // this target's last report (`npx stryker run --force`, or MUTATE_FORCE=1 with make, runs all again).
  incremental: true,
  incrementalFile: `reports/mutation/${target}.incremental.json`,
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  // Other targets' tests stay out of the sandbox: they are never run here, and a test file written
  // while a run copies the tree would otherwise abort it.
  ignorePatterns: ["py", "runs", "out", "bench/results", "reports", ".venv*", ".test-results", "test/**/*.test.ts", ...tests.map((t) => `!${t}`)],
};
