/** A trajectory: the model's calls (with outcomes) and replies, by user turn. */
import { z } from "zod";
import type { Environment } from "../env/environment.ts";

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

export const Trajectory = z.object({
  calls: z.array(TrajectoryCall),
  replies: z.array(z.object({ turn: z.number().int().min(0), text: z.string() })).default([]),
});
export type Trajectory = z.output<typeof Trajectory>;

/** The trajectory a session holds: its journal (from `from`) and the replies Step recorded. */
export function trajectoryOf(env: Environment, sessionId: string, from = 0): Trajectory {
  const calls = env.journal(sessionId, from).map((r) => ({ name: r.tool, arguments: r.args, outcome: r.outcome, turn: r.turn ?? 0 }));
  return { calls, replies: env.replies(sessionId) };
}
