/** `npm run bench [name…]`: runs the benchmarks and writes bench/results/<name>.json. */
import { writeResult } from "./harness.ts";

const BENCHES: Record<string, () => Promise<{ run(): unknown | Promise<unknown> }>> = {
  "state-engine": () => import("./state-engine.bench.ts"),
  env: () => import("./env.bench.ts"),
  rpc: () => import("./rpc.bench.ts"),
  reward: () => import("./reward.bench.ts"),
  synth: () => import("./synth.bench.ts"),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !BENCHES[w]);
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(", ")}; available: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  const data = await (await BENCHES[name]!()).run();
  const file = writeResult(name, data);
  console.log(`${name}: ${file}`);
  console.log(JSON.stringify(data, null, 1));
}
