/** Building tasks and trajectories over the toy domain for reward tests. */
import { Environment } from "../../ts/env/environment.ts";
import { buildTask } from "../../ts/tasks/build.ts";
import type { Step, Task } from "../../ts/tasks/schema.ts";
import type { Trajectory, TrajectoryCall } from "../../ts/reward/trajectory.ts";
import { toy } from "../helpers/toy-domain.ts";

export const TOY_TOOLS = ["list_notes", "list_folders", "create_note", "pin_note", "set_body", "delete_note"];

export function step(id: number, tool: string, args: Record<string, unknown>, depends_on: number[] = []): Step {
  return { id, tool, args, depends_on };
}

/** A one-turn (or multi-turn) task whose reference is the real replay of its steps; a clarification turn may say which parameters are missing. */
export function makeTask(
  turns: Array<{ steps: Step[]; expect?: "call" | "clarify" | "abstain"; facts?: string[]; user?: string; missing?: string[] }>,
  seed = "1",
): Task {
  const task = buildTask({ id: "t-1", seed, domains: [toy], tools: TOY_TOOLS, system: "You help with notes.", turns });
  turns.forEach((t, i) => {
    if (t.missing) task.turns[i]!.missing = t.missing;
  });
  return task;
}

export type PlannedCall = { name: string; args: unknown; turn?: number; malformed?: boolean };

/** Runs calls on a fresh session of the task and records what really happened. */
export function run(task: Task, calls: PlannedCall[], replies: Array<{ turn: number; text: string }> = []): Trajectory {
  const env = new Environment([toy]);
  const { id } = env.create({ domains: task.domains, seed: task.seed, tools: task.tools });
  const out: TrajectoryCall[] = calls.map((c) => {
    if (c.malformed) return { name: "", arguments: "<tool_call>{broken", outcome: "parse_error", turn: c.turn ?? 0 };
    const r = env.call(id, c.name, c.args);
    return { name: c.name, arguments: c.args, outcome: r.outcome, turn: c.turn ?? 0 };
  });
  return { calls: out, replies };
}

/** The trajectory that makes exactly the task's ground-truth calls. */
export function referenceCalls(task: Task): PlannedCall[] {
  return task.turns.flatMap((t, turn) => t.steps.map((s) => ({ name: s.tool, args: s.args, turn })));
}
