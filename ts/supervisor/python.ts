/** Finding a Python that can run the trainer, or saying exactly what is missing. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { execa } from "execa";

export class PythonNotReady extends Error {}

/** The interpreter to use: --python, then $PYTHON, then the Makefile's .venv, then python3. */
export function pythonCandidate(explicit?: string): string {
  if (explicit) return explicit;
  if (process.env.PYTHON) return process.env.PYTHON;
  const venv = resolve(".venv/bin/python");
  return existsSync(venv) ? venv : "python3";
}

const FIX =
  "run `make train` (it creates .venv with the pinned trainer stack), or point PYTHON at an environment where `pip install -r py/requirements.txt && pip install -e py` has run";

/** Checks that `python` imports torch and the trainer (and, for language models, transformers). */
export async function checkPython(python: string, needs: readonly string[]): Promise<void> {
  const modules = ["torch", "prove_trainer.train", ...needs];
  const probe = `import importlib, sys\nfor m in ${JSON.stringify(modules)}:\n    try:\n        importlib.import_module(m)\n    except Exception as e:\n        print(m + ": " + type(e).__name__ + ": " + str(e)); sys.exit(3)`;
  let result;
  try {
    result = await execa(python, ["-c", probe], { reject: false, timeout: 120_000, stdin: "ignore" });
  } catch (err) {
    throw new PythonNotReady(`cannot run Python "${python}": ${(err as Error).message}; ${FIX}`);
  }
  if (result.failed && (result as { code?: string }).code === "ENOENT")
    throw new PythonNotReady(`no Python at "${python}" (from ${process.env.PYTHON ? "$PYTHON" : "the default"}); ${FIX}`);
  if (result.exitCode === 3) {
    const [module] = String(result.stdout).split(":");
    throw new PythonNotReady(`Python "${python}" cannot import ${module} (${String(result.stdout).trim()}); ${FIX}`);
  }
  if (result.exitCode !== 0)
    throw new PythonNotReady(`Python "${python}" failed to start (exit ${result.exitCode}): ${String(result.stderr).trim().slice(0, 400)}; ${FIX}`);
}
