/** The shape every format's call object must have once its JSON is parsed: {name, arguments}. */
import { fragment, type FormatError, type ParsedToolCall } from "./types.ts";

export type Shaped = { call: ParsedToolCall } | { error: FormatError };

/** Validates `{ "name": string, "arguments": object | JSON string of an object }`. */
export function shapeCall(value: unknown, id: string, raw: string): Shaped {
  const fail = (message: string): Shaped => ({ error: { message, fragment: fragment(raw) } });
  if (value === null || typeof value !== "object" || Array.isArray(value)) return fail('a tool call must be a JSON object with "name" and "arguments"');
  const obj = value as Record<string, unknown>;
  if ("parameters" in obj && !("arguments" in obj)) return fail('use "arguments", not "parameters", for the call\'s arguments');
  if (typeof obj.name !== "string" || obj.name.trim() === "") return fail('the call has no "name" string');
  let args = obj.arguments ?? {};
  if (typeof args === "string") {
    try {
      args = args.trim() === "" ? {} : JSON.parse(args);
    } catch (err) {
      return fail(`"arguments" is a string that is not valid JSON: ${(err as Error).message}`);
    }
  }
  if (args === null || typeof args !== "object" || Array.isArray(args)) return fail('"arguments" must be a JSON object');
  return { call: { id, name: obj.name.trim(), arguments: args as Record<string, unknown> } };
}

export function parseJson(raw: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}
