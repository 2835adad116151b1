/**
 * `npm run bench -- baseline shards --quick` runs whole and writes its results: the benches are
 * run here to prove they work, as the issue asks of --quick; no timing is asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";

const out = mkdtempSync(join(tmpdir(), "prove-bench-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const positive = (x: unknown) => typeof x === "number" && Number.isFinite(x) && x > 0;

describe("the quick benches", () => {
  it("compare MCP stdio with the gRPC service, and shards, in one run each", { timeout: 240_000 }, async () => {
    const run = await execa(process.execPath, ["--expose-gc", "bin/bench.mjs", "baseline", "shards", "--quick"], {
      env: { PROVE_BENCH_RESULTS: out },
      reject: false,
    });
    expect(run.exitCode, run.stderr).toBe(0);

    const baseline = JSON.parse(readFileSync(join(out, "baseline-quick.json"), "utf8"));
    expect(baseline.quick).toBe(true);
    const mcp = baseline.mcp_stdio;
    expect(positive(mcp["reset banking (spawn + initialize + tools/list)"].p50_ms)).toBe(true);
    expect(positive(mcp.throughput_calls_per_s["read, 64 in flight on one server"])).toBe(true);
    const grpc = baseline.prove_grpc_python_client;
    for (const n of [1, 16, 256]) expect(positive(grpc.fork[`banking n=${n}`].us_per_session), `fork n=${n}`).toBe(true);
    for (const kind of ["read", "write"]) expect(positive(grpc.step_batch[`${kind} sessions=256`].steps_per_s), kind).toBe(true);
    expect(positive(baseline.ratios["StepBatch read (256 sessions) / MCP read, 64 in flight"])).toBe(true);
    expect(baseline.machine.cores).toBeGreaterThan(0);

    const shards = JSON.parse(readFileSync(join(out, "shards-quick.json"), "utf8"));
    expect(Object.keys(shards.curve)).toEqual(["shards=1", "shards=2"]);
    for (const point of Object.values(shards.curve) as Array<Record<string, number>>) {
      expect(positive(point.read_steps_per_s) && positive(point.write_steps_per_s)).toBe(true);
    }
  });
});
