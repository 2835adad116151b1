/**
 * The chat-format record of a task: OpenAI-style messages (system, user, assistant with
 * tool_calls, tool results, assistant replies) and the offered tools. Tool-call arguments and
 * the tool list are JSON strings, so every row has the same Arrow schema and Hugging Face
 * `datasets` (and TRL) load the file directly.
 */
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
  /** JSON string: the offered tools in the OpenAI function format. */
  tools: string;
}

/** Many tasks offer the same tools: their JSON is built once per set. */
const toolsJson = new Map<string, string>();

function toolsOf(offered: readonly Tool[], strip: boolean): string {
  const key = `${strip ? 1 : 0}|${offered.map((t) => t.name).join(",")}`;
  let json = toolsJson.get(key);
  if (json === undefined) {
    json = JSON.stringify(
      offered.map((t) => {
        const f = openAIFunction(t);
        return strip ? { ...f, function: { ...f.function, parameters: stripEnums(f.function.parameters) } } : f;
      }),
    );
    if (toolsJson.size > 5000) toolsJson.clear();
    toolsJson.set(key, json);
  }
  return json;
}

export function chatRecord(task: Task, turns: readonly BuiltTurn[], offered: readonly Tool[]): ChatRecord {
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
      messages.push({ role: "assistant", content: "", tool_calls: group.map((e, i) => ({ id: ids[i] as string, type: "function", function: { name: e.step.tool, arguments: JSON.stringify(e.step.args) } })) });
      group.forEach((e, i) => messages.push({ role: "tool", tool_call_id: ids[i] as string, name: e.step.tool, content: JSON.stringify(e.record.result ?? null) }));
    }
    messages.push({ role: "assistant", content: built.reply });
  });
  return { id: task.id, messages, tools: toolsOf(offered, task.knobs.strip_enums) };
}

/** The JSON Schema without its enum lists (a robustness knob: the model must infer valid values). */
export function stripEnums(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripEnums);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) if (k !== "enum") out[k] = stripEnums(v);
  return out;
}
