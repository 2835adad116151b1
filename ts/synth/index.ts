/** Synthesis: grounded, replay-verified multi-turn tasks from the live state of the domains. */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Dataset } from "./pipeline.ts";

export { synthesize, type Dataset, type Progress, type SynthStats } from "./pipeline.ts";
export { synthConfig, type SynthConfig } from "./config.ts";
export { openAITeacher, type Teacher } from "./teacher.ts";

export const FILES = { tasks: "tasks.jsonl", chat: "chat.jsonl", stats: "stats.json" } as const;

/** Writes tasks.jsonl, chat.jsonl and stats.json into `dir` (byte-identical for the same seed and config). */
export function writeDataset(dir: string, data: Dataset): void {
  mkdirSync(dir, { recursive: true });
  writeLines(join(dir, FILES.tasks), data.tasks);
  writeLines(join(dir, FILES.chat), data.chats);
  writeFileSync(join(dir, FILES.stats), `${JSON.stringify(data.stats, null, 2)}\n`);
}

/** JSONL in 1 MiB chunks: the chat file of the full mix is hundreds of megabytes, never one string. */
function writeLines(path: string, rows: readonly unknown[]): void {
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
