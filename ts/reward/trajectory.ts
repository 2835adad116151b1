/** A trajectory: the model's calls (with outcomes) and replies, by user turn. */
import { z } from "zod";
import type { Environment } from "../env/environment.ts";
import type { Change } from "../env/state/engine.ts";

export const OUTCOMES = ["ok", "unknown_tool", "invalid_arguments", "tool_error", "env_error", "parse_error"] as const;

export const TrajectoryCall = z.object({
  /** The tool named ("" when the call could not be parsed). */
  name: z.string(),
  arguments: z.unknown(),
  outcome: z.enum(OUTCOMES),
  /** The user turn the call answered (0-based). */
  turn: z.number().int().min(0).default(0),
});
export type TrajectoryCall = z.output<typeof TrajectoryCall>;

const Reply = z.object({ turn: z.number().int().min(0), text: z.string() });

export const Trajectory = z.object({
  calls: z.array(TrajectoryCall),
  replies: z.array(Reply).default([]),
});
export type Trajectory = z.output<typeof Trajectory>;

/** A session's trajectory (its journal from `from`, the replies recorded for it), and the results and changes of its calls. */
export function sessionTrajectory(env: Environment, sessionId: string, from = 0): { trajectory: Trajectory; results: unknown[]; changes: Change[][] } {
  const records = env.journal(sessionId, from);
  const calls = records.map((r) => ({ name: r.tool, arguments: r.args, outcome: r.outcome, turn: r.turn ?? 0 }));
  return {
    trajectory: { calls, replies: env.replies(sessionId) },
    results: records.map((r) => (r.outcome === "ok" ? r.result : undefined)),
    changes: records.map((r) => r.changes),
  };
}
