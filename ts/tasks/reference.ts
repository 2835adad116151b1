/**
 * The reference of a task: its ground-truth steps replayed on a fresh session from the seed.
 * Records the final state hash, every state path the steps change and the value each path has
 * at the end — what the `verified` reward compares a trajectory's final state with.
 */
import type { Environment } from "../env/environment.ts";
import type { CallRecord } from "../env/journal.ts";
import type { Reference, Step } from "./schema.ts";

export interface Replayed {
  reference: Reference;
  records: CallRecord[];
}

export function replayReference(
  env: Environment,
  session: { domains: readonly string[]; seed: string; tools?: readonly string[] },
  steps: readonly Step[],
): Replayed {
  const { id } = env.create({ domains: session.domains, seed: session.seed, ...(session.tools ? { tools: session.tools } : {}) });
  try {
    const records = steps.map((s) => env.call(id, s.tool, s.args));
    const written = [...new Set(records.flatMap((r) => r.changes.map((c) => c.path)))].sort();
    const state = env.sessionState(id);
    const values: Record<string, unknown> = {};
    for (const path of written) values[path] = state.valueAt(path) ?? null;
    return { reference: { final_hash: state.hash(), written_paths: written, values }, records };
  } finally {
    env.close(id);
  }
}
