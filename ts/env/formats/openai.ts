/**
 * OpenAI chat JSON: the assistant message `{"content": …, "tool_calls": [{"id", "type":
 * "function", "function": {"name", "arguments": "<JSON string>"}}]}`, or just the tool_calls
 * array. Plain text (no JSON) is a reply without calls.
 */
import { parseJson, shapeCall } from "./call-shape.ts";
import { fragment, jsonText, MAX_CALLS_PER_MESSAGE, type ParsedOutput } from "./types.ts";

export function parseOpenAI(text: string): ParsedOutput {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return { items: [], reply: trimmed };
  const parsed = parseJson(trimmed);
  if (!parsed.ok) return { items: [{ error: { message: `the message is not valid JSON: ${parsed.message}`, fragment: fragment(trimmed) } }], reply: "" };
  const value = parsed.value;
  let calls: unknown;
  let reply = "";
  if (Array.isArray(value)) calls = value;
  else if (value !== null && typeof value === "object") {
    const msg = value as Record<string, unknown>;
    if (msg.content !== undefined && msg.content !== null && typeof msg.content !== "string") {
      return { items: [{ error: { message: '"content" must be a string or null', fragment: fragment(trimmed) } }], reply: "" };
    }
    reply = typeof msg.content === "string" ? msg.content.trim() : "";
    calls = msg.tool_calls ?? [];
  } else {
    return { items: [{ error: { message: "expected an assistant message object or a tool_calls array", fragment: fragment(trimmed) } }], reply: "" };
  }
  if (!Array.isArray(calls)) return { items: [{ error: { message: '"tool_calls" must be an array', fragment: fragment(trimmed) } }], reply };
  const items: ParsedOutput["items"] = [];
  calls.slice(0, MAX_CALLS_PER_MESSAGE).forEach((c, n) => {
    const raw = jsonText(c);
    if (c === null || typeof c !== "object" || Array.isArray(c)) {
      items.push({ error: { message: "each tool call must be an object", fragment: fragment(raw) } });
      return;
    }
    const call = c as Record<string, unknown>;
    if (call.type !== undefined && call.type !== "function") {
      items.push({ error: { message: `unsupported tool call type "${String(call.type)}" (only "function")`, fragment: fragment(raw) } });
      return;
    }
    const id = typeof call.id === "string" && call.id !== "" ? call.id.slice(0, 64) : `call_${n}`;
    items.push(shapeCall(call.function, id, raw));
  });
  if (calls.length > MAX_CALLS_PER_MESSAGE)
    items.push({ error: { message: `more than ${MAX_CALLS_PER_MESSAGE} tool calls in one message; the rest were ignored`, fragment: "" } });
  return { items, reply };
}
