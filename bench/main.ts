/**
 * `npm run bench [name…] [--quick]`: runs the benchmarks and writes bench/results/<name>.json.
 * `--quick` runs the baseline comparison (unless names are given) with few repeats: under two
 * minutes, to prove it works (CI), not to measure.
 */
import { writeResult } from "./harness.ts";

const BENCHES: Record<string, () => Promise<{ run(opts: { quick?: boolean }): unknown | Promise<unknown> }>> = {
  baseline: () => import("./baseline.bench.ts"),
  "state-engine": () => import("./state-engine.bench.ts"),
  env: () => import("./env.bench.ts"),
  rpc: () => import("./rpc.bench.ts"),
  reward: () => import("./reward.bench.ts"),
  synth: () => import("./synth.bench.ts"),
  shards: () => import("./shards.bench.ts"),
};

const quick = process.argv.includes("--quick");
const wanted = process.argv.slice(2).filter((a) => a !== "--quick");
const unknown = wanted.filter((w) => !BENCHES[w]);
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(", ")}; available: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : quick ? ["baseline"] : Object.keys(BENCHES)) {
  const data = await (await BENCHES[name]!()).run({ quick });
  const file = writeResult(quick ? `${name}-quick` : name, data);
  console.log(`${name}: ${file}`);
  console.log(JSON.stringify(data, null, 1));
}
