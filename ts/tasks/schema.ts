/**
 * A task: one line of tasks.jsonl. Synthesis writes it, the Tasks service serves it, sessions
 * start from it and the reward scores trajectories against it. The zod schema is the contract.
 */
import { z } from "zod";

export const KINDS = ["conversation", "clarification", "abstention"] as const;
export const INFO_LEVELS = ["complete", "missing_required", "minimal"] as const;

/** One ground-truth call. */
export const Step = z.object({
  /** Index of the step within the task (all turns), 0-based. */
  id: z.number().int().min(0),
  tool: z.string(),
  args: z.record(z.string(), z.unknown()),
  /** Steps this one needs first: their outputs feed its arguments, or their writes establish state. */
  depends_on: z.array(z.number().int().min(0)),
  /** Steps with the same group number may run in parallel (in one assistant message). */
  parallel_group: z.number().int().min(0).optional(),
  /** Argument values taken from earlier outputs: param → { step, path in that step's result }. */
  bindings: z.record(z.string(), z.object({ step: z.number().int().min(0), path: z.string() })).optional(),
});
export type Step = z.output<typeof Step>;

export const Turn = z.object({
  /** What the user says. */
  user: z.string(),
  /** The right move: make the calls, ask for a missing value, or decline (no offered tool fits). */
  expect: z.enum(["call", "clarify", "abstain"]),
  /** Ground-truth calls for this turn, in order (empty when expect is clarify or abstain). */
  steps: z.array(Step),
  /** Facts the assistant's reply to this turn should state (amounts, ids, names). */
  answer_facts: z.array(z.string()),
  /** For clarify turns: the parameters whose values the user left out. */
  missing: z.array(z.string()).optional(),
});
export type Turn = z.output<typeof Turn>;

export const Reference = z.object({
  /** State hash after replaying the ground truth on a fresh session from the seed. */
  final_hash: z.string(),
  /** JSON Pointers of every state path the ground truth changes. */
  written_paths: z.array(z.string()),
  /** Value at each written path in the reference final state (null: deleted). */
  values: z.record(z.string(), z.unknown()),
});
export type Reference = z.output<typeof Reference>;

/** Robustness knobs applied to a task (DESIGN: distractors, enum stripping, irrelevance, hidden tool). */
export const Knobs = z.object({
  /** Tools from other domains offered although the task needs none of them. */
  distractors: z.array(z.string()).default([]),
  /** Offer the tools with their enum lists removed from the JSON Schemas. */
  strip_enums: z.boolean().default(false),
  /** A tool the request needs, left out of the offered tools: the right move is to decline. */
  hidden_tool: z.string().optional(),
  /** Other tools left out with it because they could do the same, alone or together (so declining stays right). */
  withheld: z.array(z.string()).optional(),
  /** The request is one no offered tool can serve. */
  irrelevant: z.boolean().default(false),
});
export type Knobs = z.output<typeof Knobs>;

export const Task = z.object({
  id: z.string(),
  /** Session seed: the task's initial state. */
  seed: z.string(),
  domains: z.array(z.string()).min(1),
  /** Tools offered to the model (ground-truth tools, distractors; a hidden tool is left out). */
  tools: z.array(z.string()),
  kind: z.enum(KINDS),
  info_level: z.enum(INFO_LEVELS),
  /** System prompt: persona and reference date. */
  system: z.string(),
  turns: z.array(Turn).min(1),
  reference: Reference,
  tags: z.array(z.string()),
  knobs: Knobs.default({ distractors: [], strip_enums: false, irrelevant: false }),
});
export type Task = z.output<typeof Task>;

/** Every ground-truth step of a task, in order. */
export function allSteps(task: Task): Step[] {
  return task.turns.flatMap((t) => t.steps);
}
