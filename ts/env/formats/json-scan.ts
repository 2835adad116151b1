/**
 * Finds where a JSON object or array that starts at `start` ends, respecting strings and
 * escapes, so a "</tool_call>" or brace inside a string value never cuts a call short.
 * Returns the index just past the value, or -1 when the text ends first (truncated output).
 */
export function scanJson(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

/** Index of the first non-whitespace character at or after i. */
export function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}
