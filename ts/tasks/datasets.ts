/**
 * Named datasets of tasks, as the Tasks service serves them: each a directory with tasks.jsonl
 * (and chat.jsonl), loaded at start or written by synthesis under the service's data root.
 * Names are plain identifiers, never host paths a client chooses.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Task } from "./schema.ts";
import { TaskStore } from "./store.ts";

export const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface Dataset {
  name: string;
  store: TaskStore;
  /** The chat-format record of each task, by id, as a JSON line. */
  chats: Map<string, string>;
}

export class Datasets {
  private readonly byName = new Map<string, Dataset>();

  constructor(readonly root: string) {}

  /** Loads a directory holding tasks.jsonl (and chat.jsonl) under a name. */
  load(name: string, dir: string): Dataset {
    if (!DATASET_NAME.test(name)) throw new Error(`dataset name "${name}" must match ${DATASET_NAME}`);
    const store = TaskStore.load(join(dir, "tasks.jsonl"));
    const chats = new Map<string, string>();
    const chatFile = join(dir, "chat.jsonl");
    if (existsSync(chatFile)) {
      for (const line of readFileSync(chatFile, "utf8").split("\n")) {
        if (!line.trim()) continue;
        const id = (JSON.parse(line) as { id: string }).id;
        chats.set(id, line);
      }
    }
    const ds = { name, store, chats };
    this.byName.set(name, ds);
    return ds;
  }

  get(name: string): Dataset | undefined {
    return this.byName.get(name || "default");
  }

  /** Where a synthesized dataset of this name is written. */
  dirFor(name: string): string {
    if (!DATASET_NAME.test(name)) throw new Error(`dataset name "${name}" must match ${DATASET_NAME}`);
    return join(this.root, name);
  }

  /** A task by id in any loaded dataset (ids are unique per seed). */
  find(id: string): Task | undefined {
    for (const ds of this.byName.values()) {
      const t = ds.store.get(id);
      if (t) return t;
    }
    return undefined;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}
