/**
 * `prove eval --bench bfcl-multi-turn` from the command line: the Python harness on bfcl-eval's
 * own data and checker (py/tests/eval/test_bfcl.py runs the whole base category), its report per
 * category, a comparison, and the viewer on the run. Needs the stack `make test` installs.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { BfclReport } from "../../ts/eval/bfcl-report.ts";
import type { Comparison } from "../../ts/eval/compare.ts";
import { domains } from "../../ts/servers/index.ts";
import { openSource, type ItemDetail } from "../../ts/view/sources.ts";
import { prove } from "./fixtures.ts";

let dir: string;
const reports: Record<string, BfclReport> = {};
const outputs: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "prove-bfcl-"));
  for (const policy of ["oracle", "none"]) {
    const r = await prove([
      "eval",
      "--bench",
      "bfcl-multi-turn",
      "--policy",
      policy,
      "--categories",
      "base,miss_func,long_context",
      "--limit",
      "4",
      "--out",
      join(dir, policy),
    ]);
    if (r.code !== 0) throw new Error(r.err);
    reports[policy] = JSON.parse(readFileSync(join(dir, policy, "report.json"), "utf8")) as BfclReport;
    outputs[policy] = r.out;
  }
}, 180_000);

describe("prove eval --bench bfcl-multi-turn", () => {
  it("reports BFCL's accuracy per category and the unweighted overall figure", () => {
    const four = (correct: number) => ({ accuracy: correct / 4, correct, total: 4 });
    expect(reports.oracle!.categories).toEqual({ base: four(4), miss_func: four(4), long_context: four(4) });
    expect(reports.oracle!.overall).toEqual({ accuracy: 1, categories: 3, entries: 12 });
    expect(reports.none!.categories).toEqual({ base: four(0), miss_func: four(0), long_context: four(0) });
    expect(reports.none!.errors).toEqual({ "multi_turn:empty_turn_model_response": 12 });
    expect(outputs.oracle).toContain("| base | 100.00% | 4 / 4 |");
    expect(outputs.none).toContain("| **overall** (unweighted mean of 3) | 0.00% | 12 entries |");
  });

  it("compares two runs entry by entry, per category", async () => {
    const r = await prove(["eval", "compare", join(dir, "none"), join(dir, "oracle"), "--out", join(dir, "cmp")]);
    expect(r.code, r.err).toBe(0);
    const c = JSON.parse(readFileSync(join(dir, "cmp", "compare.json"), "utf8")) as Comparison;
    expect(c.metric).toBe("valid");
    expect(c.groups.map((g) => [g.group, g.n, g.diff.mean, g.diff.low, g.diff.high])).toEqual([
      ["all", 12, 1, 1, 1],
      ["base", 4, 1, 1, 1],
      ["long_context", 4, 1, 1, 1],
      ["miss_func", 4, 1, 1, 1],
    ]);
  });

  it("the viewer shows an entry's turns: what BFCL's checker ran and the ground truth", () => {
    const source = openSource(join(dir, "oracle"), domains);
    expect(source.kind).toBe("bfcl");
    const item = source.item("multi_turn_base_0") as ItemDetail;
    const t = item.trajectories[0]!;
    expect(t.verdict).toEqual({ ok: true, text: "valid (BFCL's multi-turn checker)" });
    expect(t.turns[0]!.expected).toEqual(["cd(folder='document')", "mkdir(dir_name='temp')", "mv(source='final_report.pdf', destination='temp')"]);
    expect(t.turns[0]!.decoded).toEqual([["cd(folder='document')", "mkdir(dir_name='temp')", "mv(source='final_report.pdf',destination='temp')"]]);
    expect(t.turns[0]!.calls.map((c) => c.name)).toEqual(["cd", "mkdir", "mv"]);
  });
});
