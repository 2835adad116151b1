/**
 * The reward as a service: scores trajectories given as JSON (replayed on a fresh session when
 * the state is needed) or read from live sessions, one at a time or a GRPO group at once. A live
 * session and the same trajectory given as JSON score the same: both read the same calls,
 * outcomes, results, replies and final state.
 */
import type { Environment } from "../env/environment.ts";
import type { Change, SessionState } from "../env/state/engine.ts";
import type { Domain, Tool } from "../servers/framework/index.ts";
import type { Task } from "../tasks/schema.ts";
import { sessionFor } from "../tasks/session.ts";
import { coreLength } from "./components.ts";
import { configHash, resolveConfig, type ConfigOverrides, type RewardConfig } from "./config.ts";
import { Replayer } from "./replay.ts";
import { scoreTrajectory, type ScoreResult, type StateAccess } from "./score.ts";
import { sessionTrajectory, type Trajectory } from "./trajectory.ts";

export interface ScoreRequest {
  task: Task;
  /** The trajectory as data (offline)… */
  trajectory?: Trajectory;
  /** …or a live session of `env` created from the task. */
  sessionId?: string;
  preset?: string;
  overrides?: ConfigOverrides;
  /** Replay the trajectory and check every recorded outcome reproduces (offline re-scoring; verified always does). */
  verifyReplay?: boolean;
}

/** Resolved configurations kept, by preset and overrides (resolving and hashing is most of a `prove` score). */
const CONFIGS = 64;

export class Rewarder {
  private readonly tools: Map<string, Tool>;
  private readonly replayer: Replayer;
  private readonly configs = new Map<string, RewardConfig>();

  constructor(
    private readonly domains: readonly Domain[],
    /** The environment whose sessions can be scored by id. */
    private readonly env?: Environment,
  ) {
    this.tools = new Map(domains.flatMap((d) => d.tools.map((t) => [t.name, t] as const)));
    this.replayer = new Replayer(domains);
  }

  score(req: ScoreRequest): ScoreResult {
    const config = this.config(req.preset ?? "prove", req.overrides);
    const unscorable = (reason: string): ScoreResult => ({
      reward: 0,
      components: {},
      weights: config.weights,
      gate: 0,
      preset: config.preset,
      config_hash: configHash(config),
      outcome: "unscorable",
      detail: { reason },
    });
    const task = req.task;
    let trajectory: Trajectory;
    let live: { final: SessionState; results: unknown[]; changes: Change[][] } | undefined;
    if (req.sessionId !== undefined) {
      if (!this.env) throw new Error("this rewarder has no environment to read sessions from");
      const wrong = this.bindingError(req.sessionId, task);
      if (wrong) return unscorable(wrong);
      const s = sessionTrajectory(this.env, req.sessionId);
      trajectory = s.trajectory;
      live = { final: this.env.sessionState(req.sessionId), results: s.results, changes: s.changes };
    } else if (req.trajectory) trajectory = req.trajectory;
    else throw new Error("give a trajectory or a session to score");

    const verified = config.preset === "verified";
    if (!verified && !req.verifyReplay) return scoreTrajectory(task, trajectory, config, this.tools);

    const core = verified ? coreLength(trajectory.calls, this.tools) : trajectory.calls.length;
    let replayed: ReturnType<Replayer["replay"]> | undefined;
    if (!live || req.verifyReplay) {
      try {
        replayed = this.replayer.replay(task, trajectory, { verify: true, ...(core < trajectory.calls.length ? { stopAt: core } : {}) });
      } catch (err) {
        return unscorable(`the trajectory cannot be replayed on task ${task.id}: ${(err as Error).message}`);
      }
      if (replayed.mismatch) return unscorable(replayed.mismatch);
    }
    const source = live ?? (replayed as NonNullable<typeof replayed>);
    const state: StateAccess = {
      final: () => source.final,
      after: (n) => (n === core && replayed?.at ? replayed.at : this.replayer.replay(task, trajectory, { upTo: n }).final),
      seed: () => this.replayer.seed(task, trajectory),
      results: () => source.results,
      changes: () => source.changes,
      tableDef: (domain, table) => this.domains.find((d) => d.name === domain)?.tables[table],
      core,
    };
    return scoreTrajectory(task, trajectory, config, this.tools, state);
  }

  private config(preset: string, overrides: ConfigOverrides = {}): RewardConfig {
    const key = `${preset}\u0000${JSON.stringify(overrides)}`;
    let config = this.configs.get(key);
    if (!config) {
      config = resolveConfig(preset, overrides);
      if (this.configs.size >= CONFIGS) this.configs.delete(this.configs.keys().next().value as string);
      this.configs.set(key, config);
    }
    return config;
  }

  /** Why session `id` cannot be scored as `task`, or undefined when it can. */
  private bindingError(id: string, task: Task): string | undefined {
    const info = (this.env as Environment).info(id);
    if (info.task !== undefined)
      return info.task === task.id ? undefined : `session ${id} was created from task ${info.task}, not ${task.id}; score it against its own task`;
    const want = sessionFor(task, this.domains);
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
    if (info.seed !== want.seed) return `session ${id} has seed "${info.seed}", task ${task.id} seed "${want.seed}": it is not a session of this task`;
    if (!same(info.domains, want.domains))
      return `session ${id} mounts ${info.domains.join(", ")}, task ${task.id} needs ${want.domains.join(", ")}: create the session from the task (task_id)`;
    if (!same(info.tools, want.tools))
      return `session ${id} offers other tools than task ${task.id} (${info.tools.length} against ${want.tools.length}): create the session from the task (task_id)`;
    return undefined;
  }
}

export { resolveConfig, maxReward, RewardConfigError, type ConfigOverrides } from "./config.ts";
export { summarizeGroup, type ScoreResult } from "./score.ts";
export type { Trajectory } from "./trajectory.ts";
