/** Tool results back into the conversation, as each format's chat template expects them. */
import type { ChatMessage, ToolCallFormat } from "./types.ts";

export interface ToolReply {
  callId: string;
  name: string;
  /** The JSON text the model reads: the result, or {"error": {code, message}}. */
  content: string;
}

export function toolMessages(format: ToolCallFormat, replies: readonly ToolReply[]): ChatMessage[] {
  if (format === "openai") return replies.map((r) => ({ role: "tool", tool_call_id: r.callId, name: r.name, content: r.content }));
  // Hermes/Qwen and Granite templates take role "tool" messages and wrap them in <tool_response>.
  return replies.map((r) => ({ role: "tool", name: r.name, content: r.content }));
}

/** The literal prompt text of the tool results, for trainers that build prompts by hand. */
export function renderToolTurn(format: ToolCallFormat, replies: readonly ToolReply[]): string {
  if (replies.length === 0) return "";
  const blocks = replies.map((r) => `\n<tool_response>\n${r.content}\n</tool_response>`).join("");
  switch (format) {
    case "granite":
      return `<|start_of_role|>user<|end_of_role|>${blocks}<|end_of_text|>\n`;
    case "hermes":
      return `<|im_start|>user${blocks}<|im_end|>\n`;
    case "openai":
      return replies.map((r) => JSON.stringify({ role: "tool", tool_call_id: r.callId, content: r.content })).join("\n");
  }
}
