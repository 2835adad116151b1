/**
 * The figures of a synthesized dataset on disk (`ts/synth/figures.ts`), for comparing runs —
 * including ones written by older versions of the synthesizer:
 *   node --import tsx bench/synth-figures.ts DIR [DIR…]
 */
import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { domains } from "../ts/servers/index.ts";
import { figures, toolIndex } from "../ts/synth/figures.ts";
import { TaskStore } from "../ts/tasks/store.ts";

export async function figuresOfDir(dir: string) {
  const tasks = TaskStore.load(join(dir, "tasks.jsonl")).tasks;
  const replies = new Map<string, string[]>();
  const chat = join(dir, "chat.jsonl");
  if (existsSync(chat)) {
    for await (const line of createInterface({ input: createReadStream(chat) })) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { id: string; messages: Array<{ role: string; content: string; tool_calls?: unknown }> };
      replies.set(
        row.id,
        row.messages.filter((m) => m.role === "assistant" && !m.tool_calls).map((m) => m.content),
      );
    }
  }
  return figures(tasks, { tools: toolIndex(domains), replies: (i) => replies.get(tasks[i]?.id ?? "") });
}

if (process.argv[1]?.endsWith("synth-figures.ts")) {
  for (const dir of process.argv.slice(2)) console.log(dir, JSON.stringify(await figuresOfDir(dir), null, 1));
}
