/** Synthesis: grounded, replay-verified multi-turn tasks from the live state of the domains. */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Trajectory } from "../reward/trajectory.ts";
import type { Task } from "../tasks/schema.ts";
import { inlineTools, type ChatRecord } from "./chat.ts";
import type { Dataset } from "./pipeline.ts";

/** The reference trajectory of a task: its ground-truth calls and the assistant's replies, by turn. */
export function referenceTrajectory(task: Task, chat: Pick<ChatRecord, "messages"> | undefined): Trajectory & { task_id: string } {
  const replies = (chat?.messages ?? []).filter((m) => m.role === "assistant" && !m.tool_calls).map((m) => m.content);
  return {
    task_id: task.id,
    calls: task.turns.flatMap((t, turn) => t.steps.map((s) => ({ name: s.tool, arguments: s.args, outcome: "ok" as const, turn }))),
    replies: replies.map((text, turn) => ({ turn, text })),
  };
}

export { synthesize, type Dataset, type Progress, type SynthStats } from "./pipeline.ts";
export { synthConfig } from "./config.ts";
export { openAITeacher } from "./teacher.ts";
export type { ChatRecord } from "./chat.ts";

export const FILES = { tasks: "tasks.jsonl", chat: "chat.jsonl", toolsets: "toolsets.jsonl", references: "references.jsonl", stats: "stats.json" } as const;

export interface WriteOptions {
  /** Each chat row carries its tools (as `tools`) instead of naming its tool set (`toolset`). */
  inlineTools?: boolean;
}

/**
 * Writes tasks.jsonl, chat.jsonl, toolsets.jsonl (each distinct offered tool set once: `{id,
 * tools}`), references.jsonl (each task's reference trajectory, in the format `prove score`
 * reads) and stats.json into `dir`; byte-identical for the same seed and config.
 */
export function writeDataset(dir: string, data: Dataset, opts: WriteOptions = {}): void {
  mkdirSync(dir, { recursive: true });
  writeLines(join(dir, FILES.tasks), data.tasks);
  writeLines(join(dir, FILES.chat), opts.inlineTools ? data.chats.map((c) => inlineTools(c, data.toolsets)) : data.chats);
  writeLines(
    join(dir, FILES.toolsets),
    [...data.toolsets].map(([id, tools]) => ({ id, tools })),
  );
  writeLines(
    join(dir, FILES.references),
    data.tasks.map((t, i) => referenceTrajectory(t, data.chats[i])),
  );
  writeFileSync(join(dir, FILES.stats), `${JSON.stringify(data.stats, null, 2)}\n`);
}

/** JSONL in 1 MiB chunks: the chat file of the full mix is tens of megabytes, never one string. */
function writeLines(path: string, rows: Iterable<unknown>): void {
  const fd = openSync(path, "w");
  try {
    let chunk = "";
    for (const row of rows) {
      chunk += `${JSON.stringify(row)}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = "";
      }
    }
    if (chunk) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
