/**
 * The chat-format record of a task: OpenAI-style messages (system, user, assistant with
 * tool_calls, tool results, assistant replies) and the offered tools. The tools of a task are
 * the same JSON for every task with the same tool set, so they are written once per distinct set
 * (toolsets.jsonl) and each row names its set; `inlineTools` gives self-contained rows. Tool-call
 * arguments and tool lists are JSON strings, so every row has one Arrow schema and Hugging Face
 * `datasets` (and TRL) load the files directly.
 */
import { createHash } from "node:crypto";
import { openAIFunction, type Tool } from "../servers/framework/index.ts";
import type { Task } from "../tasks/schema.ts";
import type { BuiltTurn } from "./machine.ts";

export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
  name?: string;
}

export interface ChatRecord {
  id: string;
  messages: ChatMessage[];
  /** Id of the offered tool set in toolsets.jsonl. */
  toolset: string;
}

/** A chat record with its tools inline: the OpenAI function list as a JSON string. */
export interface InlineChatRecord {
  id: string;
  messages: ChatMessage[];
  tools: string;
}

/** The distinct tool sets of a dataset, each its OpenAI function list as a JSON string, by a content id. */
export class Toolsets {
  private readonly byKey = new Map<string, string>();

  /** `json`: sets already known (made elsewhere, e.g. by another chunk), by id. */
  constructor(readonly json = new Map<string, string>()) {}

  /** The id of the offered set (enum lists stripped or not), building its JSON the first time. */
  idOf(offered: readonly Tool[], strip: boolean): string {
    const key = `${strip ? 1 : 0}|${offered.map((t) => t.name).join(",")}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      const json = JSON.stringify(
        offered.map((t) => {
          const f = openAIFunction(t);
          return strip ? { ...f, function: { ...f.function, parameters: stripEnums(f.function.parameters) } } : f;
        }),
      );
      id = `ts-${createHash("sha256").update(json).digest("hex").slice(0, 16)}`;
      this.byKey.set(key, id);
      this.json.set(id, json);
    }
    return id;
  }
}

export function chatRecord(task: Task, turns: readonly BuiltTurn[], toolset: string): ChatRecord {
  const messages: ChatMessage[] = [{ role: "system", content: task.system }];
  let callId = 0;
  turns.forEach((built, t) => {
    messages.push({ role: "user", content: task.turns[t]?.user ?? built.turn.user });
    // Calls of one parallel group go out in one assistant message.
    const groups: Array<typeof built.executed> = [];
    for (const e of built.executed) {
      const g = e.step.parallel_group;
      const prev = groups[groups.length - 1];
      if (g !== undefined && prev && prev[0]?.step.parallel_group === g) prev.push(e);
      else groups.push([e]);
    }
    for (const group of groups) {
      const ids = group.map(() => `call_${callId++}`);
      messages.push({
        role: "assistant",
        content: "",
        tool_calls: group.map((e, i) => ({ id: ids[i] as string, type: "function", function: { name: e.step.tool, arguments: JSON.stringify(e.step.args) } })),
      });
      group.forEach((e, i) =>
        messages.push({ role: "tool", tool_call_id: ids[i] as string, name: e.step.tool, content: JSON.stringify(e.record.result ?? null) }),
      );
    }
    messages.push({ role: "assistant", content: built.reply });
  });
  return { id: task.id, messages, toolset };
}

/** The row with its tool set written out, for trainers that need self-contained rows. */
export function inlineTools(record: ChatRecord, toolsets: ReadonlyMap<string, string>): InlineChatRecord {
  const tools = toolsets.get(record.toolset);
  if (tools === undefined) throw new Error(`chat record ${record.id} names tool set ${record.toolset}, which the dataset does not have`);
  return { id: record.id, messages: record.messages, tools };
}

/** The JSON Schema without its enum lists (a robustness knob: the model must infer valid values). */
export function stripEnums(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripEnums);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) if (k !== "enum") out[k] = stripEnums(v);
  return out;
}
