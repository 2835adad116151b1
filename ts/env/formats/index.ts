/** Parse a model's raw output in one of the supported chat formats. Total: never throws. */
import { parseGranite } from "./granite.ts";
import { parseOpenAI } from "./openai.ts";
import { parseTagged } from "./tagged.ts";
import { FORMATS, type ParsedOutput, type ToolCallFormat } from "./types.ts";

export function parseAssistant(format: ToolCallFormat, text: string): ParsedOutput {
  if (typeof text !== "string") return { items: [{ error: { message: "the assistant output must be text", fragment: "" } }], reply: "" };
  switch (format) {
    case "openai":
      return parseOpenAI(text);
    case "granite":
      return parseGranite(text);
    case "hermes":
      return parseTagged(text);
  }
}

export function isFormat(s: string): s is ToolCallFormat {
  return (FORMATS as readonly string[]).includes(s);
}

export { renderToolTurn, toolMessages, type ToolReply } from "./render.ts";
export { FORMATS, type ChatMessage, type FormatError, type ParsedOutput, type ParsedToolCall, type ToolCallFormat } from "./types.ts";
