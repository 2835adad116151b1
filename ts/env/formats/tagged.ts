/**
 * `<tool_call>{json}</tool_call>` blocks, as Hermes-style templates (Qwen 2.5/3, Granite 4)
 * have models write them. Any number per message; prose around them is the reply.
 */
import { parseJson, shapeCall } from "./call-shape.ts";
import { scanJson, skipSpace } from "./json-scan.ts";
import { fragment, MAX_CALLS_PER_MESSAGE, type ParsedOutput } from "./types.ts";

const OPEN = "<tool_call>";
const CLOSE = "</tool_call>";

export function parseTagged(text: string, firstId = 0): ParsedOutput {
  const out: ParsedOutput = { items: [], reply: "" };
  const reply: string[] = [];
  let i = 0;
  let n = firstId;
  while (i < text.length) {
    const open = text.indexOf(OPEN, i);
    if (open < 0) {
      reply.push(text.slice(i));
      break;
    }
    reply.push(text.slice(i, open));
    if (out.items.length >= MAX_CALLS_PER_MESSAGE) {
      out.items.push({
        error: { message: `more than ${MAX_CALLS_PER_MESSAGE} tool calls in one message; the rest were ignored`, fragment: fragment(text.slice(open)) },
      });
      break;
    }
    const start = skipSpace(text, open + OPEN.length);
    if (text[start] !== "{") {
      const close = text.indexOf(CLOSE, start);
      const end = close < 0 ? text.length : close + CLOSE.length;
      out.items.push({
        error: {
          message: close < 0 ? "unterminated <tool_call> (output cut off?)" : "expected a JSON object after <tool_call>",
          fragment: fragment(text.slice(open, end)),
        },
      });
      i = end;
      continue;
    }
    // Scan the JSON first: a "</tool_call>" inside a string value must not end the call.
    const end = scanJson(text, start);
    if (end < 0) {
      out.items.push({ error: { message: "unterminated JSON in <tool_call> (output cut off?)", fragment: fragment(text.slice(open)) } });
      break;
    }
    const raw = text.slice(start, end);
    const after = skipSpace(text, end);
    const parsed = parseJson(raw);
    if (text.startsWith(CLOSE, after)) {
      out.items.push(
        parsed.ok
          ? shapeCall(parsed.value, `call_${n++}`, raw)
          : { error: { message: `invalid JSON in <tool_call>: ${parsed.message}`, fragment: fragment(raw) } },
      );
      i = after + CLOSE.length;
      continue;
    }
    const close = text.indexOf(CLOSE, end);
    const stop = close < 0 ? text.length : close + CLOSE.length;
    out.items.push({
      error: {
        message: close < 0 ? "missing </tool_call> (output cut off?)" : "unexpected text between the call's JSON and </tool_call>",
        fragment: fragment(text.slice(open, stop)),
      },
    });
    i = stop;
  }
  out.reply = reply.join("").trim();
  return out;
}
