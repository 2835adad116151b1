/** Tool-call formats: how a model writes calls in its raw output, and how results go back. */
import { cut, wellFormed } from "../input.ts";

export { jsonText } from "../input.ts";

export const FORMATS = ["openai", "hermes", "granite"] as const;
export type ToolCallFormat = (typeof FORMATS)[number];

export interface ParsedToolCall {
  /** The model's call id (OpenAI) or a generated "call_<n>". */
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface FormatError {
  message: string;
  /** The offending text, cut to 200 characters. */
  fragment: string;
}

/** A parsed assistant turn: calls and malformed calls in the order written, plus its prose. */
export interface ParsedOutput {
  items: Array<{ call: ParsedToolCall } | { error: FormatError }>;
  reply: string;
}

export interface ChatMessage {
  role: "tool" | "user";
  content: string;
  tool_call_id?: string;
  name?: string;
}

export const MAX_CALLS_PER_MESSAGE = 32;

/** The text cut to 200 characters (never inside a surrogate pair) and made well-formed Unicode. */
export function fragment(text: string): string {
  return wellFormed(text.length > 200 ? `${cut(text, 197)}...` : text);
}
