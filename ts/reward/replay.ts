/**
 * Offline replays for the reward: a trajectory's calls re-executed on a fresh session of its
 * task, in one pass that checks every recorded outcome, keeps each result, and keeps the state
 * where the trajectory's redundant tail begins.
 *
 * Seeding a session costs ~0.1–11 ms (building or generating its tables); a fork of a seeded
 * one costs microseconds. So one seeded root session per (domains, seed) is kept (least
 * recently used first out) and every replay forks it. A replay mounts the task's own domains and
 * those of the offered tools the trajectory calls, not every distractor's: a domain nobody calls
 * changes nothing. A root offers every tool of its domains and the replay answers a call of a tool
 * the task does not offer as the service did (`unknown_tool`, nothing changed), so the tasks of one
 * seed and domains share a root whatever tools each offers.
 *
 * A GRPO group's trajectories of one task mostly begin alike (the same first lookups, the
 * reference with one step changed), so each root also keeps a prefix tree of the calls replayed
 * on it: a call already made after the same calls is not run again, its outcome, result and
 * changes are read from the tree and the replay goes on from the state kept after it. A call is
 * a pure function of the state before it (the session's clock is part of that state), so the
 * tree changes no score; it only saves the tool runs a group repeats.
 */
import { Environment } from "../env/environment.ts";
import { byteSize } from "../env/input.ts";
import type { CallOutcome } from "../env/journal.ts";
import type { Change, SessionState } from "../env/state/engine.ts";
import type { Domain } from "../servers/framework/index.ts";
import type { Task } from "../tasks/schema.ts";
import type { Trajectory } from "./trajectory.ts";

/** The tools a task offers, as a set made once per task object. */
const offeredTools = new WeakMap<Task, ReadonlySet<string>>();
function offered(task: Task): ReadonlySet<string> {
  let tools = offeredTools.get(task);
  if (tools === undefined) offeredTools.set(task, (tools = new Set(task.tools)));
  return tools;
}

/**
 * Seeded root sessions kept at most. A root is a few KB of its own but keeps its seed's tables
 * alive (~0.5 MB per domain and seed): 256 roots hold a GRPO batch's tasks, or one seed's tasks
 * of a dataset scored in seed order, in a few hundred MB at most.
 */
const ROOTS = 256;

/**
 * Bytes the prefix trees of all roots hold at most. A step costs its session (~3 KB over its
 * root's tables), its key (the call's arguments as JSON) and its result, so the budget is ~16,000
 * steps of small calls: a GRPO batch of 64 tasks, 16 rollouts of 10 calls each. A client cannot
 * grow it with large arguments or results (64 KB and 256 KB each at most): past the budget, the
 * trees of the roots used least recently are cleared first.
 */
const TREE_BYTES = 48 * 1024 * 1024;
const STEP_BYTES = 3 * 1024;

/** A state in a prefix tree, held by a session nobody writes, and the calls replayed from it. */
interface Node {
  session: string;
  next?: Map<string, Step>;
}

/** A call replayed after the calls on the path to it, and the state it left. */
interface Step extends Node {
  outcome: CallOutcome;
  result: unknown;
  changes: Change[];
}

/** A seeded root session and the prefix tree of the calls replayed on it, with the steps and bytes the tree holds. */
interface Root extends Node {
  steps: number;
  bytes: number;
}

/**
 * A call's identity in the prefix tree: its name and its arguments as JSON — when JSON says all
 * of them. A value JSON would blur (NaN or −0 read as null or 0, undefined, a Date) gives no
 * key, and the call is run.
 */
function callKey(name: string, args: unknown): string | undefined {
  return plain(args) ? `${name}\u0000${JSON.stringify(args)}` : undefined;
}

/** A value JSON writes and reads back as it is. */
function plain(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (typeof v !== "object") return false;
  if (Array.isArray(v)) return v.every(plain);
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && Object.values(v).every(plain);
}

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

function mismatch(i: number, call: Trajectory["calls"][number], replayed: CallOutcome): string {
  return `call ${i} (${call.name}) was recorded as ${call.outcome} but replays as ${replayed}: scored against the wrong task or seed?`;
}

export class Replayer {
  private readonly env: Environment;
  private readonly roots = new Map<string, Root>();
  /** Steps in all prefix trees, and the bytes they hold. */
  private steps = 0;
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly owner: ReadonlyMap<string, string>;

  /** `treeBytes`: what the prefix trees may hold at most (0 keeps no call). */
  constructor(domains: readonly Domain[], opts: { treeBytes?: number } = {}) {
    this.maxBytes = opts.treeBytes ?? TREE_BYTES;
    // A private environment: replays never count against the service's limits, and roots never expire.
    this.env = new Environment(domains, {
      shard: "replay",
      limits: { maxSessions: 1_000_000, maxCallsPerSession: 100_000, idleTtlMs: Number.MAX_SAFE_INTEGER },
    });
    this.owner = new Map(domains.flatMap((d) => d.tools.map((t) => [t.name, d.name] as const)));
  }

  /** Calls kept in the prefix trees now. */
  get cached(): number {
    return this.steps;
  }

  /** Sessions the replays hold open between calls: a root per (domains, seed) kept, and a state per call kept. */
  get sessions(): number {
    return this.env.size;
  }

  /** The seeded state a replay of `trajectory` starts from (a root's: read it, never write it). */
  seed(task: Task, trajectory: Trajectory): SessionState {
    return this.env.sessionState(this.root(task, trajectory).session);
  }

  /** The cached seeded session for `task` and the domains `trajectory` calls, with its prefix tree. */
  private root(task: Task, trajectory: Trajectory): Root {
    const tools = offered(task);
    const mounted = new Set(task.domains);
    for (const c of trajectory.calls) if (tools.has(c.name)) mounted.add(this.owner.get(c.name) as string);
    const domains = [...mounted].sort();
    const key = `${task.seed}\u0000${domains.join(",")}`;
    let root = this.roots.get(key);
    if (root === undefined) {
      root = { session: this.env.create({ domains, seed: task.seed }).id, steps: 0, bytes: 0 };
      if (this.roots.size >= ROOTS) {
        const [oldestKey, oldest] = this.roots.entries().next().value as [string, Root];
        this.roots.delete(oldestKey);
        this.drop(oldest);
      }
    } else this.roots.delete(key);
    this.roots.set(key, root);
    return root;
  }

  /** Closes a root's session and its prefix tree's. */
  private drop(root: Root): void {
    this.prune(root);
    this.env.close(root.session);
  }

  /** Closes the sessions of a root's prefix tree, keeping the root. */
  private prune(root: Root): void {
    const close = (node: Node) => {
      for (const step of node.next?.values() ?? []) {
        this.env.close(step.session);
        close(step);
      }
    };
    close(root);
    root.next = undefined;
    this.steps -= root.steps;
    this.bytes -= root.bytes;
    root.steps = 0;
    root.bytes = 0;
  }

  /** Room in the prefix trees for a replay's new steps (a quarter of the budget): the trees used least recently go first (`root`'s last). */
  private makeRoom(root: Root): void {
    const full = () => this.bytes > (this.maxBytes * 3) / 4;
    for (const r of this.roots.values()) {
      if (!full()) return;
      if (r !== root) this.prune(r);
    }
    if (full()) this.prune(root);
  }

  /**
   * Replays `trajectory` on a fresh session of `task`. With `verify`, stops at the first call whose
   * recorded outcome does not reproduce (environment errors excepted) and says why. The states it
   * returns may be shared with other replays: read them, never write them.
   */
  replay(task: Task, trajectory: Trajectory, opts: { verify?: boolean; stopAt?: number; upTo?: number } = {}): Replayed {
    const root = this.root(task, trajectory);
    this.makeRoom(root);
    // Down the prefix tree while the calls are ones it holds; then on `live`, a fork of the last state reached.
    let node: Node | undefined = root;
    let at: SessionState | undefined;
    let live: string | undefined;
    const current = () => this.env.sessionState(live ?? (node as Node).session);
    const tools = offered(task);
    try {
      const calls = trajectory.calls.slice(0, opts.upTo ?? trajectory.calls.length);
      const results: unknown[] = [];
      const changes: Change[][] = [];
      for (const [i, call] of calls.entries()) {
        if (i === opts.stopAt) at = live ? current().fork() : current();
        if (call.outcome === "parse_error") continue;
        if (!tools.has(call.name)) {
          if (opts.verify && call.outcome !== "unknown_tool" && call.outcome !== "env_error") {
            return { mismatch: mismatch(i, call, "unknown_tool"), final: current(), results, changes };
          }
          changes[i] = [];
          continue;
        }
        const key: string | undefined = node && callKey(call.name, call.arguments);
        let step: Step | undefined = key === undefined ? undefined : node?.next?.get(key);
        if (step) node = step;
        else {
          live ??= this.env.forkIds((node as Node).session, 1)[0]!;
          const r = this.env.call(live, call.name, call.arguments);
          const bytes: number = key === undefined ? 0 : STEP_BYTES + 2 * key.length + (r.result === undefined ? 0 : byteSize(r.result));
          step = { outcome: r.outcome, result: r.result, changes: r.changes, session: "" };
          if (node && key !== undefined && this.bytes + bytes <= this.maxBytes) {
            step.session = this.env.forkIds(live, 1)[0]!;
            (node.next ??= new Map()).set(key, step);
            root.steps++;
            root.bytes += bytes;
            this.steps++;
            this.bytes += bytes;
            node = step;
          } else node = undefined;
        }
        if (opts.verify && call.outcome !== "env_error" && step.outcome !== call.outcome) {
          return { mismatch: mismatch(i, call, step.outcome), final: current(), results, changes };
        }
        if (step.outcome === "ok") results[i] = step.result;
        changes[i] = step.changes;
      }
      if (opts.stopAt !== undefined && at === undefined) at = live ? current().fork() : current();
      return { final: current(), results, changes, ...(at ? { at } : {}) };
    } finally {
      if (live !== undefined) this.env.close(live);
    }
  }
}
