/**
 * A task written by hand (tests, benchmarks, a user's own evaluation set): give the turns and
 * their calls; the reference comes from replaying them on a fresh session of the seed.
 */
import { Environment } from "../env/environment.ts";
import type { Domain } from "../servers/framework/index.ts";
import { replayReference } from "./reference.ts";
import type { Step, Task } from "./schema.ts";

export interface TaskSpec {
  id: string;
  seed: string;
  domains: readonly Domain[];
  /** Offered tools (default: every tool of the domains). */
  tools?: readonly string[];
  system?: string;
  turns: ReadonlyArray<{
    user?: string;
    expect?: Task["turns"][number]["expect"];
    /** Calls in order; ids default to their position in the task, dependencies to none. */
    steps?: ReadonlyArray<Pick<Step, "tool" | "args"> & Partial<Step>>;
    facts?: readonly string[];
  }>;
}

export function buildTask(spec: TaskSpec): Task {
  let next = 0;
  const turns = spec.turns.map((t, i) => ({
    user: t.user ?? `request ${i}`,
    expect: t.expect ?? "call",
    steps: (t.steps ?? [])
      .map((s) => ({ ...s, id: s.id ?? next, depends_on: s.depends_on ?? [] }) as Step)
      .map((s) => {
        next = s.id + 1;
        return s;
      }),
    answer_facts: [...(t.facts ?? [])],
  }));
  const tools = spec.tools ? [...spec.tools] : spec.domains.flatMap((d) => d.tools.map((t) => t.name));
  const domains = spec.domains.map((d) => d.name);
  const { reference } = replayReference(
    new Environment(spec.domains),
    { domains, seed: spec.seed, tools },
    turns.flatMap((t) => t.steps),
  );
  const hasCalls = turns.some((t) => t.steps.length > 0);
  return {
    id: spec.id,
    seed: spec.seed,
    domains,
    tools,
    kind: turns.some((t) => t.expect === "clarify") ? "clarification" : !hasCalls ? "abstention" : "conversation",
    info_level: "complete",
    system: spec.system ?? "",
    turns,
    reference,
    tags: [],
    knobs: { distractors: [], strip_enums: false, irrelevant: false },
  };
}
