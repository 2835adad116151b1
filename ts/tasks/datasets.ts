/**
 * Named datasets of tasks, as the Tasks service serves them: each a directory with tasks.jsonl
 * (and chat.jsonl, whose rows name their tool set in toolsets.jsonl or carry it inline), loaded at
 * start or written by synthesis under the service's data root. Names are plain identifiers, never
 * host paths a client chooses.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Task } from "./schema.ts";
import { TaskStore } from "./store.ts";

export const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface Dataset {
  name: string;
  store: TaskStore;
  /** The chat-format record of each task, by id, as a JSON line (naming its tool set, or with its tools inline). */
  chats: Map<string, string>;
  /** Tool set id → the OpenAI function list as a JSON string (toolsets.jsonl). */
  toolsets: Map<string, string>;
}

/** A task's chat record as one self-contained JSON object: its tool set written out as `tools`. */
export function chatJson(ds: Dataset, id: string): string {
  const line = ds.chats.get(id);
  if (!line) return "";
  const row = JSON.parse(line) as { id: string; messages: unknown[]; toolset?: string; tools?: string };
  if (row.toolset === undefined) return line;
  const tools = ds.toolsets.get(row.toolset);
  if (tools === undefined) throw new Error(`dataset "${ds.name}": chat record ${id} names tool set ${row.toolset}, which toolsets.jsonl does not have`);
  return JSON.stringify({ id: row.id, messages: row.messages, tools });
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
    const toolsets = new Map<string, string>();
    const toolsetFile = join(dir, "toolsets.jsonl");
    if (existsSync(toolsetFile)) {
      for (const line of readFileSync(toolsetFile, "utf8").split("\n")) {
        if (!line.trim()) continue;
        const row = JSON.parse(line) as { id: string; tools: string };
        toolsets.set(row.id, row.tools);
      }
    }
    const ds = { name, store, chats, toolsets };
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
