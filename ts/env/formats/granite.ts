/**
 * Granite 4.x output, decoded without stripping special tokens: an optional
 * `<|start_of_role|>assistant<|end_of_role|>` header and `<|end_of_text|>` trailer around prose
 * and `<tool_call>` blocks. Granite 3.x's `<|tool_call|>[{"name","arguments"}, …]` is accepted too.
 */
import { parseJson, shapeCall } from "./call-shape.ts";
import { scanJson, skipSpace } from "./json-scan.ts";
import { parseTagged } from "./tagged.ts";
import { fragment, jsonText, MAX_CALLS_PER_MESSAGE, type ParsedOutput } from "./types.ts";

const HEADER = /^\s*<\|start_of_role\|>assistant<\|end_of_role\|>/;
const TRAILER = /<\|end_of_text\|>\s*$/;
const LEGACY = "<|tool_call|>";

export function parseGranite(text: string): ParsedOutput {
  const body = text.replace(HEADER, "").replace(TRAILER, "");
  const legacy = body.indexOf(LEGACY);
  if (legacy < 0) return parseTagged(body);
  const start = skipSpace(body, legacy + LEGACY.length);
  const end = body[start] === "[" ? scanJson(body, start) : -1;
  const reply = body.slice(0, legacy).trim();
  if (end < 0)
    return {
      items: [{ error: { message: "expected a JSON list of calls after <|tool_call|> (output cut off?)", fragment: fragment(body.slice(legacy)) } }],
      reply,
    };
  const parsed = parseJson(body.slice(start, end));
  if (!parsed.ok || !Array.isArray(parsed.value))
    return {
      items: [
        { error: { message: `invalid JSON list after <|tool_call|>${parsed.ok ? "" : `: ${parsed.message}`}`, fragment: fragment(body.slice(start, end)) } },
      ],
      reply,
    };
  const items = parsed.value.slice(0, MAX_CALLS_PER_MESSAGE).map((c, n) => shapeCall(c, `call_${n}`, jsonText(c)));
  return { items, reply };
}
