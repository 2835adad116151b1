/**
 * A trajectory replayed on a fresh session of its task: what each call did to the state (every
 * changed path with its value before and after) and where the state ended. Tools are
 * deterministic functions of (state, arguments), so a replay is the run itself; the report judges
 * final states from it, and the viewer shows its diffs.
 */
import type { Environment } from "../env/environment.ts";
import type { CallRecord } from "../env/journal.ts";
import { allSteps, type Task } from "../tasks/schema.ts";
import { sessionFor } from "../tasks/session.ts";

export interface Change {
  path: string;
  op: string;
  before: unknown;
  after: unknown;
}

export interface ReplayedCall {
  record: CallRecord;
  changes: Change[];
}

export interface Replay {
  calls: Array<ReplayedCall | undefined>;
  /** Hash of the state after the last call. */
  finalHash: string;
}

/** Replays `calls` (name, arguments; unparsed calls are skipped and give `undefined`) on the task's session. */
export function replayCalls(env: Environment, task: Task, calls: ReadonlyArray<{ name: string; arguments: unknown; outcome?: string; turn?: number }>): Replay {
  const { id } = env.create(sessionFor(task, env.servers()));
  try {
    const out = calls.map((c) => {
      if (c.outcome === "parse_error" || c.name === "") return undefined;
      const before = env.sessionState(id).fork(); // O(1): the values before this call, kept for the diff
      const record = env.call(id, c.name, c.arguments, c.turn);
      const now = env.sessionState(id);
      return {
        record,
        changes: record.changes.map((ch) => ({ path: ch.path, op: ch.op, before: before.valueAt(ch.path) ?? null, after: now.valueAt(ch.path) ?? null })),
      };
    });
    return { calls: out, finalHash: env.sessionState(id).hash() };
  } finally {
    env.close(id);
  }
}

/** The final state hash of the task's ground truth, replayed the same way. */
export function referenceHash(env: Environment, task: Task): string {
  return replayCalls(
    env,
    task,
    allSteps(task).map((s) => ({ name: s.tool, arguments: s.args })),
  ).finalHash;
}
