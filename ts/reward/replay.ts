/**
 * Offline replays for the reward: a trajectory's calls re-executed on a fresh session of its
 * task, in one pass that checks every recorded outcome, keeps each result, and keeps the state
 * where the trajectory's redundant tail begins.
 *
 * Seeding a session costs ~0.1–11 ms (building or generating its tables); a fork of a seeded
 * one costs microseconds. So one seeded root session per (domains, seed, tools) is kept (least
 * recently used first out) and every replay forks it. A replay mounts the task's own domains and
 * those of the offered tools the trajectory calls, not every distractor's: a domain nobody calls
 * changes nothing, and tasks of the same domains and seed then share one root.
 */
import { Environment } from "../env/environment.ts";
import type { Change, SessionState } from "../env/state/engine.ts";
import type { Domain } from "../servers/framework/index.ts";
import type { Task } from "../tasks/schema.ts";
import type { Trajectory } from "./trajectory.ts";

/** The offered tools of a task as one string, computed once per task object. */
const toolKeys = new WeakMap<Task, string>();
function toolsKey(task: Task): string {
  let k = toolKeys.get(task);
  if (k === undefined) toolKeys.set(task, (k = task.tools.join(",")));
  return k;
}

/**
 * Seeded root sessions kept at most. A root is a few KB of its own but keeps its seed's tables
 * alive (~0.5 MB per domain and seed): 256 roots hold a GRPO batch's tasks, or one seed's tasks
 * of a dataset scored in seed order, in a few hundred MB at most.
 */
const ROOTS = 256;

export interface Replayed {
  /** Why the trajectory does not replay on its task (a recorded outcome that does not reproduce). */
  mismatch?: string;
  final: SessionState;
  /** The state after the first `stopAt` calls, when asked for. */
  at?: SessionState;
  /** Each successful call's result, by call index. */
  results: unknown[];
  /** The state paths each call changed, by call index. */
  changes: Change[][];
}

export class Replayer {
  private readonly env: Environment;
  private readonly roots = new Map<string, string>();
  private readonly owner: ReadonlyMap<string, string>;

  constructor(domains: readonly Domain[]) {
    // A private environment: replays never count against the service's limits, and roots never expire.
    this.env = new Environment(domains, {
      shard: "replay",
      limits: { maxSessions: 1_000_000, maxCallsPerSession: 100_000, idleTtlMs: Number.MAX_SAFE_INTEGER },
    });
    this.owner = new Map(domains.flatMap((d) => d.tools.map((t) => [t.name, d.name] as const)));
  }

  /** The seeded state a replay of `trajectory` starts from (a root's: read it, never write it). */
  seed(task: Task, trajectory: Trajectory): SessionState {
    return this.env.sessionState(this.root(task, trajectory));
  }

  /** A session of `task`'s seed, with the domains `trajectory` needs, forked from its cached root (the caller closes it). */
  private fresh(task: Task, trajectory: Trajectory): string {
    return this.env.forkIds(this.root(task, trajectory), 1)[0]!;
  }

  /** The cached seeded session for `task` and the domains `trajectory` calls. */
  private root(task: Task, trajectory: Trajectory): string {
    const offered = new Set(task.tools);
    const mounted = new Set(task.domains);
    for (const c of trajectory.calls) if (offered.has(c.name)) mounted.add(this.owner.get(c.name) as string);
    const domains = [...mounted].sort();
    const key = `${task.seed}\u0000${domains.join(",")}\u0000${toolsKey(task)}`;
    let root = this.roots.get(key);
    if (root === undefined) {
      root = this.env.create({ domains, seed: task.seed, tools: task.tools.filter((t) => mounted.has(this.owner.get(t) as string)) }).id;
      if (this.roots.size >= ROOTS) {
        const [oldestKey, oldest] = this.roots.entries().next().value as [string, string];
        this.roots.delete(oldestKey);
        this.env.close(oldest);
      }
    } else this.roots.delete(key);
    this.roots.set(key, root);
    return root;
  }

  /**
   * Replays `trajectory` on a fresh session of `task`. With `verify`, stops at the first call whose
   * recorded outcome does not reproduce (environment errors excepted) and says why.
   */
  replay(task: Task, trajectory: Trajectory, opts: { verify?: boolean; stopAt?: number; upTo?: number } = {}): Replayed {
    const id = this.fresh(task, trajectory);
    try {
      const state = this.env.sessionState(id);
      const calls = trajectory.calls.slice(0, opts.upTo ?? trajectory.calls.length);
      const results: unknown[] = [];
      const changes: Change[][] = [];
      let at: SessionState | undefined;
      for (const [i, call] of calls.entries()) {
        if (i === opts.stopAt) at = state.fork();
        if (call.outcome === "parse_error") continue;
        const r = this.env.call(id, call.name, call.arguments);
        if (opts.verify && call.outcome !== "env_error" && r.outcome !== call.outcome) {
          return {
            mismatch: `call ${i} (${call.name}) was recorded as ${call.outcome} but replays as ${r.outcome}: scored against the wrong task or seed?`,
            final: state,
            results,
            changes,
          };
        }
        if (r.outcome === "ok") results[i] = r.result;
        changes[i] = r.changes;
      }
      if (opts.stopAt !== undefined && at === undefined) at = state.fork();
      return { final: state, results, changes, ...(at ? { at } : {}) };
    } finally {
      this.env.close(id);
    }
  }
}
