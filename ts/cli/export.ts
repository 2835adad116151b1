/**
 * `prove export RUN_DIR --out DIR [--checkpoint step-N] [--dtype auto]`: a trained run's policy,
 * its LoRA adapter merged, as a Hugging Face checkpoint folder (py/prove_trainer/export.py does
 * the work with the trainer's own model code). docs/evaluation.md shows how to evaluate it.
 */
import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runPython } from "../eval/python.ts";
import { checkPython, pythonCandidate } from "../supervisor/python.ts";

export const usage = "usage: prove export RUN_DIR --out DIR [--checkpoint step-N] [--dtype auto|float32|bfloat16|float16] [--python PATH]";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: "string" }, checkpoint: { type: "string" }, dtype: { type: "string", default: "auto" }, python: { type: "string" } },
  });
  const [runDir] = positionals;
  if (!runDir || !values.out || positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  const out = resolve(values.out);
  // The obvious mistakes, said before Python starts (loading torch takes seconds); export.py checks them too.
  const from = resolve(runDir);
  if (!existsSync(join(from, "config.json")) && !existsSync(join(from, "state.json"))) {
    console.error(`prove export: ${from} is neither a run folder of prove train nor one of its checkpoints`);
    return 2;
  }
  if (existsSync(out) && readdirSync(out).length) {
    console.error(`prove export: ${out} is not empty; give a new folder`);
    return 2;
  }
  const python = pythonCandidate(values.python);
  const args = [from, "--out", out, "--dtype", values.dtype ?? "auto", ...(values.checkpoint ? ["--checkpoint", values.checkpoint] : [])];
  const { exitCode, tail } = await runPython({
    python,
    module: "prove_trainer.export",
    args,
    log: join(tmpdir(), `prove-export-${process.pid}.log`),
    onLine: (line) => console.error(line),
  });
  if (exitCode !== 0) {
    await checkPython(python, ["prove_trainer.export", "transformers", "peft"]); // names a missing package, if that was it
    if (!tail.some((l) => l.startsWith("prove_trainer.export:"))) console.error(tail.join("\n"));
    console.error(`prove export: failed (exit ${exitCode})`);
    return exitCode === 2 ? 2 : 1;
  }
  console.error(`prove export: evaluate it with \`prove eval --tasks DIR --policy ${out}\`, or serve it with \`vllm serve ${out}\` (docs/evaluation.md)`);
  return 0;
}
