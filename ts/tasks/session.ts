/**
 * The session a task runs in: its seed, its offered tools, and every domain those tools belong
 * to — the task's own and those of its distractors, which a model may call (and which then must
 * really run). Synthesis, the reference replay, sessions created from a task and the reward's
 * replays all use this, so their states and hashes agree.
 */
import type { Domain } from "../servers/framework/index.ts";
import type { Task } from "./schema.ts";

export interface TaskSession {
  domains: string[];
  seed: string;
  tools: string[];
}

const owners = new WeakMap<readonly Domain[], Map<string, string>>();

export function sessionFor(task: Pick<Task, "domains" | "seed" | "tools">, registry: readonly Domain[]): TaskSession {
  let owner = owners.get(registry);
  if (!owner) owners.set(registry, (owner = new Map(registry.flatMap((d) => d.tools.map((t) => [t.name, d.name] as const)))));
  const mounted = new Set(task.domains);
  for (const t of task.tools) {
    const d = owner.get(t);
    if (d) mounted.add(d);
  }
  return { domains: [...mounted], seed: task.seed, tools: [...task.tools] };
}
