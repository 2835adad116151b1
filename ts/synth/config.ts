/** Synthesis options: the paper's defaults, every one configurable. */
import { z } from "zod";

const share = z.number().min(0).max(1);

export const SynthConfig = z
  .object({
    /** A named set of defaults the other options override: the paper's mix, or a BFCL multi-turn shape. */
    preset: z.enum(["paper", "bfcl"]).default("paper"),
    /** Tasks to keep. The default is the paper's 13.5K mix. */
    count: z.number().int().min(1).max(1_000_000).default(13_500),
    /** Relative sizes of the three kinds (the paper: 10.9K conversations, 1.5K clarification, 1.1K abstention). */
    mix: z
      .object({ conversation: z.number().min(0), clarification: z.number().min(0), abstention: z.number().min(0) })
      .default({ conversation: 10_900, clarification: 1_500, abstention: 1_100 }),
    /** Information levels of conversation tasks: everything stated / a required value missing (ask!) / entities only described (look them up). */
    info_levels: z
      .object({ complete: z.number().min(0), missing_required: z.number().min(0), minimal: z.number().min(0) })
      .default({ complete: 0.6, missing_required: 0.2, minimal: 0.2 }),
    /** User turns per conversation (BFCL multi-turn goes up to 7). */
    turns: z.object({ min: z.number().int().min(1).max(7), max: z.number().int().min(1).max(7) }).default({ min: 2, max: 3 }),
    /** Ground-truth calls per conversation (BFCL multi-turn goes up to 10): enough for each turn to look up, act and check. */
    calls: z.object({ min: z.number().int().min(1).max(10), max: z.number().int().min(1).max(10) }).default({ min: 3, max: 8 }),
    /** Chance that a turn asks for one more thing while it has calls left ("…, and also freeze my card"). */
    more_per_turn: share.default(0.4),
    /** Share of conversations that span two domains. */
    two_domain_share: share.default(0.4),
    /** Share of tasks offered 3–8 tools of other domains besides their own. */
    distractor_share: share.default(0.4),
    distractors: z.object({ min: z.number().int().min(0), max: z.number().int().min(0) }).default({ min: 3, max: 8 }),
    /** Share of tasks whose tool schemas come without enum lists. */
    strip_enum_share: share.default(0.3),
    /** Share of all tasks whose request no offered tool can serve (the rest of the abstention tasks hide a needed tool). */
    irrelevance_share: share.default(0.05),
    /** Domains to draw from (default: all). */
    domains: z.array(z.string()).optional(),
    /** Tasks that share one world (user, date and seeded state) and its few domains: the mix has count / family_size worlds. */
    family_size: z.number().int().min(1).max(100_000).default(75),
    /**
     * Families per chunk. Chunks are synthesized independently (on worker threads when asked), each
     * with its own coverage balancing and duplicate check, and merged in order; so the dataset does
     * not depend on how many threads made it. A mix of one chunk is made as one sequence.
     */
    chunk_families: z.number().int().min(1).max(100_000).default(20),
    /** Distinct worlds, overriding count / family_size (families then cycle through them). */
    world_seeds: z.number().int().min(1).max(100_000).optional(),
    /** Drop a conversation when more than this share of its calls fail on replay. */
    max_error_ratio: share.default(0.3),
    /** Drop a task whose call set is this similar (Jaccard) to a kept one. */
    dedup_jaccard: share.default(0.7),
  })
  .strict()
  .refine((c) => c.turns.min <= c.turns.max && c.calls.min <= c.calls.max && c.distractors.min <= c.distractors.max, "each min must be ≤ its max");

export type SynthConfig = z.output<typeof SynthConfig>;

/** BFCL multi-turn's shape: 1–7 user turns, up to 10 calls (mean above 5), two domains in most tasks. */
const PRESETS: Record<string, Record<string, unknown>> = {
  paper: {},
  bfcl: { turns: { min: 1, max: 7 }, calls: { min: 6, max: 10 }, two_domain_share: 0.8, more_per_turn: 0.7 },
};

export function synthConfig(input: unknown = {}): SynthConfig {
  const given = (input ?? {}) as Record<string, unknown>;
  const preset = typeof given.preset === "string" ? PRESETS[given.preset] : undefined;
  const parsed = SynthConfig.safeParse(preset ? { ...preset, ...given } : given);
  if (!parsed.success) throw new Error(`invalid synthesis config: ${z.prettifyError(parsed.error).replace(/\n/g, "; ")}`);
  return parsed.data;
}
