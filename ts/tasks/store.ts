/** tasks.jsonl on disk: read (validated line by line) and looked up by id. */
import { readFileSync } from "node:fs";
import { Task } from "./schema.ts";

export class TaskStore {
  private readonly byId = new Map<string, Task>();

  constructor(readonly tasks: readonly Task[]) {
    for (const t of tasks) {
      if (this.byId.has(t.id)) throw new Error(`task id ${t.id} appears twice`);
      this.byId.set(t.id, t);
    }
  }

  static load(path: string): TaskStore {
    return new TaskStore(readJsonl(path, Task, "task"));
  }

  get(id: string): Task | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.tasks.length;
  }
}

/** Parses a JSONL file with a zod schema; errors name the file and line. */
export function readJsonl<T>(
  path: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } },
  what: string,
): T[] {
  const out: T[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new Error(`${path}:${i + 1}: not JSON (${(err as Error).message})`);
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw new Error(`${path}:${i + 1}: not a valid ${what}: ${parsed.error.message.slice(0, 500)}`);
      out.push(parsed.data);
    });
  return out;
}
