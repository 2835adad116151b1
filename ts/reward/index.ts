/**
 * The reward as a service: scores trajectories given as JSON (replayed on a fresh session when
 * the state is needed) or read from live sessions, one at a time or a GRPO group at once.
 */
import { Environment } from "../env/environment.ts";
import type { SessionState } from "../env/state/engine.ts";
import type { Domain, Tool } from "../servers/framework/index.ts";
import type { Task } from "../tasks/schema.ts";
import { sessionFor } from "../tasks/session.ts";
import { configHash, resolveConfig, type ConfigOverrides } from "./config.ts";
import { scoreTrajectory, type ScoreResult, type StateAccess } from "./score.ts";
import { trajectoryOf, type Trajectory } from "./trajectory.ts";

export interface ScoreRequest {
  task: Task;
  /** The trajectory as data (offline)… */
  trajectory?: Trajectory;
  /** …or a live session of `env` created from the task. */
  sessionId?: string;
  preset?: string;
  overrides?: ConfigOverrides;
  /** Replay the trajectory and check every recorded outcome reproduces (offline re-scoring). */
  verifyReplay?: boolean;
}

export class Rewarder {
  private readonly tools: Map<string, Tool>;
  private readonly replays: Environment;

  constructor(
    private readonly domains: readonly Domain[],
    /** The environment whose sessions can be scored by id. */
    private readonly env?: Environment,
  ) {
    this.tools = new Map(domains.flatMap((d) => d.tools.map((t) => [t.name, t] as const)));
    // Replays run in a private environment, so they never count against the service's limits.
    this.replays = new Environment(domains, { shard: "replay", limits: { maxSessions: 1_000_000, maxCallsPerSession: 100_000 } });
  }

  score(req: ScoreRequest): ScoreResult {
    const config = resolveConfig(req.preset ?? "prove", req.overrides);
    let trajectory = req.trajectory;
    let live: SessionState | undefined;
    if (req.sessionId !== undefined) {
      if (!this.env) throw new Error("this rewarder has no environment to read sessions from");
      trajectory = trajectoryOf(this.env, req.sessionId);
      live = this.env.sessionState(req.sessionId);
    }
    if (!trajectory) throw new Error("give a trajectory or a session to score");
    const traj = trajectory;

    if (req.verifyReplay || (config.preset === "verified" && !live)) {
      const mismatch = this.replayMismatch(req.task, traj);
      if (mismatch) return { reward: 0, components: {}, weights: config.weights, gate: 0, preset: config.preset, config_hash: configHash(config), outcome: "unscorable", detail: { reason: mismatch } };
    }
    const cache = new Map<number, SessionState>();
    const state: StateAccess = {
      final: () => live ?? this.after(req.task, traj, traj.calls.length, cache),
      after: (n) => this.after(req.task, traj, n, cache),
      keyField: (domain, table) => this.domains.find((d) => d.name === domain)?.tables[table]?.key ?? "id",
    };
    return scoreTrajectory(req.task, traj, config, this.tools, state);
  }

  /** The state after the first n calls, replayed on a fresh session of the task. */
  private after(task: Task, trajectory: Trajectory, n: number, cache: Map<number, SessionState>): SessionState {
    const hit = cache.get(n);
    if (hit) return hit;
    const { id } = this.replays.create(sessionFor(task, this.domains));
    for (const call of trajectory.calls.slice(0, n)) if (call.outcome !== "parse_error") this.replays.call(id, call.name, call.arguments);
    const state = this.replays.sessionState(id);
    this.replays.close(id);
    cache.set(n, state);
    return state;
  }

  /** Why a trajectory does not replay on its task's seed, or undefined when it does. */
  private replayMismatch(task: Task, trajectory: Trajectory): string | undefined {
    let id: string;
    try {
      id = this.replays.create(sessionFor(task, this.domains)).id;
    } catch (err) {
      return `the task cannot be replayed: ${(err as Error).message}`;
    }
    try {
      for (const [i, call] of trajectory.calls.entries()) {
        if (call.outcome === "parse_error") continue;
        const r = this.replays.call(id, call.name, call.arguments);
        if (call.outcome !== "env_error" && r.outcome !== call.outcome) {
          return `call ${i} (${call.name}) was recorded as ${call.outcome} but replays as ${r.outcome}: scored against the wrong task or seed?`;
        }
      }
      return undefined;
    } finally {
      this.replays.close(id);
    }
  }
}

export { PRESETS, resolveConfig, configHash, maxReward, RewardConfigError } from "./config.ts";
export { summarizeGroup, type ScoreResult, type GroupSummary } from "./score.ts";
export type { Trajectory } from "./trajectory.ts";
