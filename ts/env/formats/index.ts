/** Parse a model's raw output in one of the supported chat formats. Total: never throws. */
import { cut, jsonProblem, MAX_JSON_DEPTH, wellFormed } from "../input.ts";
import { parseGranite } from "./granite.ts";
import { parseOpenAI } from "./openai.ts";
import { parseTagged } from "./tagged.ts";
import { fragment, FORMATS, jsonText, type ParsedOutput, type ToolCallFormat } from "./types.ts";

/**
 * The calls and prose of a model's output. A call whose JSON nests deeper than `maxDepth` or
 * holds a lone surrogate ("\udfff" escapes) is malformed like any other: a format error the
 * reward sees, never a call that runs. Everything returned is well-formed Unicode.
 */
export function parseAssistant(format: ToolCallFormat, text: string, maxDepth = MAX_JSON_DEPTH): ParsedOutput {
  if (typeof text !== "string") return { items: [{ error: { message: "the assistant output must be text", fragment: "" } }], reply: "" };
  const parsed = format === "openai" ? parseOpenAI(text) : format === "granite" ? parseGranite(text) : parseTagged(text);
  return {
    reply: wellFormed(parsed.reply),
    items: parsed.items.map((item) => {
      if ("error" in item) return { error: { message: wellFormed(item.error.message), fragment: wellFormed(item.error.fragment) } };
      const { call } = item;
      const problem = call.name.isWellFormed()
        ? jsonProblem(call.arguments, maxDepth)
        : "the tool name holds a lone surrogate, which is not a Unicode character";
      if (problem) return { error: { message: `the call's JSON is not acceptable: ${problem}`, fragment: fragment(jsonText(call)) } };
      return { call: { ...call, id: wellFormed(cut(call.id, 64)) } };
    }),
  };
}

export function isFormat(s: string): s is ToolCallFormat {
  return (FORMATS as readonly string[]).includes(s);
}

export { renderToolTurn, toolMessages, type ToolReply } from "./render.ts";
export { FORMATS, type ChatMessage, type FormatError, type ParsedOutput, type ParsedToolCall, type ToolCallFormat } from "./types.ts";
