/**
 * Replay validation and filters: a kept task replays on a fresh session from its seed with at
 * most the allowed share of failing calls, reaches the state the live run reached, gets every
 * sensitive value from the user or an earlier output, names only entities that exist, and is
 * not a near-duplicate of a task already kept.
 */
import type { Environment } from "../env/environment.ts";
import type { CallRecord } from "../env/journal.ts";
import { canonicalJson } from "../env/state/canonical.ts";
import type { Domain } from "../servers/framework/index.ts";
import { replayReference } from "../tasks/reference.ts";
import type { Reference, Step, Task } from "../tasks/schema.ts";
import type { TaskSession } from "../tasks/session.ts";

export type DropReason =
  | "no_feasible_call"
  | "replay_errors"
  | "replay_mismatch"
  | "provenance"
  | "grounding"
  | "duplicate"
  | "abstention_doable"
  | "too_short";

export interface Replay {
  reference: Reference;
  records: CallRecord[];
}

/**
 * Replays the steps on a fresh session; a reason to drop the task, or the replay. `liveHash` is
 * the state the live run reached (absent for tasks whose live run is not their ground truth,
 * such as a clarification that never gets to act).
 */
export function replayCheck(
  env: Environment,
  session: TaskSession,
  steps: readonly Step[],
  liveHash: string | undefined,
  maxErrorRatio: number,
): Replay | { drop: DropReason } {
  const replay = replayReference(env, session, steps);
  const errors = replay.records.filter((r) => r.outcome !== "ok").length;
  if (steps.length > 0 && errors / steps.length > maxErrorRatio) return { drop: "replay_errors" };
  if (liveHash !== undefined && replay.reference.final_hash !== liveHash) return { drop: "replay_mismatch" };
  return replay;
}

/** Every sensitive argument value appears in a user turn up to its step's turn, or in an earlier result. */
export function provenanceOk(
  task: Task,
  records: readonly CallRecord[],
  toolOf: (name: string) => { params: ReadonlyArray<{ name: string; sensitive: boolean }> } | undefined,
): boolean {
  let index = 0;
  let said = "";
  for (const turn of task.turns) {
    said += `\n${turn.user}`;
    for (const step of turn.steps) {
      const tool = toolOf(step.tool);
      for (const p of tool?.params ?? []) {
        if (!p.sensitive || step.args[p.name] === undefined) continue;
        const value = String(step.args[p.name]);
        const earlier = records.slice(0, index).some((r) => JSON.stringify(r.result ?? null).includes(value));
        if (!said.includes(value) && !earlier) return false;
      }
      index++;
    }
  }
  return true;
}

/**
 * Every entity an argument names exists in the initial state (a row of its table, or something
 * a discovery tool returns there, like a computed flight timetable) or comes out of an earlier call.
 */
export function groundingOk(
  env: Environment,
  session: TaskSession,
  steps: readonly Step[],
  records: readonly CallRecord[],
  domainOf: (tool: string) => Domain | undefined,
  discoverable: (domain: Domain, kind: string, key: string) => boolean,
): boolean {
  const { id } = env.create(session);
  try {
    const initial = env.sessionState(id);
    return steps.every((s, j) => {
      const domain = domainOf(s.tool);
      const tool = domain?.tool(s.tool);
      if (!domain || !tool) return false;
      return tool.params.every((p) => {
        if (!p.ref || s.args[p.name] === undefined) return true;
        const values = Array.isArray(s.args[p.name]) ? (s.args[p.name] as unknown[]) : [s.args[p.name]];
        const table = domain.kinds.get(p.ref) as string;
        return values.every((v) => {
          const key = String(v);
          if (!p.field && initial.get(domain.name, table, key)) return true;
          if (discoverable(domain, p.ref as string, key)) return true;
          return records.slice(0, j).some((r) => JSON.stringify(r.result ?? null).includes(JSON.stringify(key)));
        });
      });
    });
  } finally {
    env.close(id);
  }
}

/** Near-duplicate filter: Jaccard similarity of call signatures (tool + arguments), indexed by signature. */
export class Dedup {
  private readonly sets: Array<Set<string>> = [];
  private readonly index = new Map<string, number[]>();

  constructor(private readonly threshold: number) {}

  static signature(task: Task): Set<string> {
    const calls = task.turns.flatMap((t) => t.steps.map((s) => `${s.tool}:${canonicalJson(s.args)}`));
    return new Set(calls.length ? calls : task.turns.map((t) => `said:${t.user.toLowerCase().replace(/\s+/g, " ")}`));
  }

  /** Adds the task unless it is too similar to one already kept; returns whether it was added. */
  admit(task: Task): boolean {
    const sig = Dedup.signature(task);
    const seen = new Set<number>();
    for (const token of sig) {
      for (const i of this.index.get(token) ?? []) {
        if (seen.has(i)) continue;
        seen.add(i);
        if (jaccard(sig, this.sets[i] as Set<string>) >= this.threshold) return false;
      }
    }
    const at = this.sets.push(sig) - 1;
    for (const token of sig) {
      const list = this.index.get(token);
      if (list) list.push(at);
      else this.index.set(token, [at]);
    }
    return true;
  }
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 1 : inter / union;
}
