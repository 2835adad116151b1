/** Synthesis: grounded, replay-verified multi-turn tasks from the live state of the domains. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Dataset } from "./pipeline.ts";

export { synthesize, type Dataset, type Progress, type SynthStats } from "./pipeline.ts";
export { synthConfig, type SynthConfig } from "./config.ts";
export { openAITeacher, type Teacher } from "./teacher.ts";

export const FILES = { tasks: "tasks.jsonl", chat: "chat.jsonl", stats: "stats.json" } as const;

/** Writes tasks.jsonl, chat.jsonl and stats.json into `dir` (byte-identical for the same seed and config). */
export function writeDataset(dir: string, data: Dataset): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, FILES.tasks), data.tasks.map((t) => JSON.stringify(t)).join("\n") + "\n");
  writeFileSync(join(dir, FILES.chat), data.chats.map((c) => JSON.stringify(c)).join("\n") + "\n");
  writeFileSync(join(dir, FILES.stats), `${JSON.stringify(data.stats, null, 2)}\n`);
}
