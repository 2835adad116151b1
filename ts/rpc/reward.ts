/** The Reward service: Score and ScoreGroup over live sessions or trajectory JSON. */
import * as grpc from "@grpc/grpc-js";
import { z } from "zod";
import { resolveConfig, summarizeGroup, type ConfigOverrides, type Rewarder, type ScoreResult } from "../reward/index.ts";
import { Trajectory } from "../reward/trajectory.ts";
import { Task } from "../tasks/schema.ts";
import type { RewardHandlers } from "./generated/prove/v1/Reward.ts";
import type { ScoreGroupRequest__Output } from "./generated/prove/v1/ScoreGroupRequest.ts";
import type { ScoreResult as ScoreMessage } from "./generated/prove/v1/ScoreResult.ts";
import { parseJsonField, RpcError, type Guard } from "./guard.ts";
import type { TaskSource } from "./tasks.ts";
import { OK_STATUS, statusOf } from "./wire.ts";

/** What Score and ScoreGroup share: the task, the preset and its overrides. */
type ScoringRequest = Pick<ScoreGroupRequest__Output, "task_id" | "task_json" | "preset" | "config_json">;

const Overrides = z
  .object({
    // Values (numbers, their ranges, the terms each preset has) are checked by resolveConfig, in the same words everywhere.
    weights: z
      .object({
        val: z.unknown(),
        cov: z.unknown(),
        eff: z.unknown(),
        name: z.unknown(),
        arg: z.unknown(),
        state: z.unknown(),
        answer: z.unknown(),
        goal: z.unknown(),
      })
      .partial()
      .strict()
      .optional(),
    alpha: z.unknown().optional(),
    beta: z.unknown().optional(),
  })
  .strict();

function parseWith<T>(schema: z.ZodType<T>, field: string, text: string): T {
  const parsed = schema.safeParse(parseJsonField(field, text));
  if (!parsed.success) throw new RpcError(grpc.status.INVALID_ARGUMENT, `${field} is not valid: ${z.prettifyError(parsed.error).replace(/\n/g, "; ")}`);
  return parsed.data;
}

function scoreMessage(s: ScoreResult): ScoreMessage {
  const weights = s.weights;
  return {
    reward: s.reward,
    components: Object.entries(s.components).map(([name, value]) => ({ name: `r_${name}`, value, weight: weights[name as keyof typeof weights] ?? 0 })),
    preset: s.preset,
    config_hash: s.config_hash,
    outcome: s.outcome,
    detail_json: JSON.stringify({ gate: s.gate, ...s.detail }),
    status: OK_STATUS,
    reason: s.outcome === "unscorable" ? String(s.detail.reason ?? "") : "",
  };
}

export function rewardService(rewarder: Rewarder, guard: Guard, tasks: () => TaskSource | undefined): RewardHandlers {
  const taskOf = (r: ScoringRequest): Task => {
    if (r.task_json) return parseWith(Task, "task_json", r.task_json);
    if (!r.task_id) throw new RpcError(grpc.status.INVALID_ARGUMENT, "give the task: task_id (with a task store loaded) or task_json");
    const source = tasks();
    if (!source) throw new RpcError(grpc.status.FAILED_PRECONDITION, "this service has no tasks loaded; pass task_json, or start it with --tasks DIR");
    return source.get(r.task_id);
  };
  const common = (r: ScoringRequest) => {
    const preset = r.preset || "prove";
    const overrides = (r.config_json ? parseWith(Overrides, "config_json", r.config_json) : {}) as ConfigOverrides;
    resolveConfig(preset, overrides); // a bad preset or weight fails the whole request, not each item
    return { preset, overrides };
  };

  return {
    Score: guard.unary((r) => {
      const task = taskOf(r);
      const { preset, overrides } = common(r);
      if (!r.session_id && !r.trajectory_json) throw new RpcError(grpc.status.INVALID_ARGUMENT, "give the trajectory: session_id or trajectory_json");
      const trajectory = r.session_id ? undefined : parseWith(Trajectory, "trajectory_json", r.trajectory_json);
      return scoreMessage(rewarder.score({ task, preset, overrides, ...(r.session_id ? { sessionId: r.session_id } : { trajectory }) }));
    }),

    ScoreGroup: guard.unary((r) => {
      const task = taskOf(r);
      const { preset, overrides } = common(r);
      const items: Array<{ sessionId?: string; trajectoryJson?: string }> = [
        ...r.session_ids.map((sessionId) => ({ sessionId })),
        ...r.trajectories_json.map((trajectoryJson) => ({ trajectoryJson })),
      ];
      if (items.length === 0) throw new RpcError(grpc.status.INVALID_ARGUMENT, "give the group: session_ids or trajectories_json");
      const results = items.map((item) => {
        try {
          const trajectory = item.trajectoryJson === undefined ? undefined : parseWith(Trajectory, "trajectories_json item", item.trajectoryJson);
          return rewarder.score({ task, preset, overrides, ...(item.sessionId ? { sessionId: item.sessionId } : { trajectory }) });
        } catch (err) {
          return statusOf(err);
        }
      });
      const { table: columns, mean, std } = summarizeGroup(results.map((x) => ("reward" in x ? x : undefined)));
      const scores = results.map((x) =>
        "reward" in x
          ? scoreMessage(x)
          : { reward: 0, components: [], preset, config_hash: "", outcome: "unscorable", detail_json: "", status: x, reason: x.message },
      );
      const table = Object.entries(columns).map(([name, values]) => ({ name: name === "reward" ? name : `r_${name}`, values }));
      return { scores, table, mean, std };
    }),
  };
}
