/**
 * Checks of what callers and models send, made before anything runs: JSON nested deeper than a
 * documented limit, strings that are not well-formed Unicode (a lone surrogate from a "\udfff"
 * escape), and digests that stand in for oversized or rejected values in the journal.
 *
 * A value that fails here never reaches a tool and never enters a record verbatim, so every
 * record can always be serialised: deep nesting would overflow JSON.stringify (and Python's
 * json), and a lone surrogate has no UTF-8 encoding (protobuf would write invalid bytes).
 */
import { createHash } from "node:crypto";

/** How deeply JSON values (tool arguments) may nest; our tools' inputs nest four levels at most. */
export const MAX_JSON_DEPTH = 32;

/**
 * What is wrong with a JSON value, in words a model can act on, or undefined when it is fine.
 * Iterative, so a value nested a million levels deep is measured without a stack overflow.
 */
export function jsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v === "string") {
      if (!v.isWellFormed()) return `a string holds a lone surrogate (${loneSurrogate(v)}), which is not a Unicode character`;
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= maxDepth) return `the value nests deeper than ${maxDepth} levels`;
    if (Array.isArray(v)) {
      for (const x of v) stack.push([x, depth + 1]);
      continue;
    }
    for (const [k, x] of Object.entries(v)) {
      if (!k.isWellFormed()) return `a key holds a lone surrogate (${loneSurrogate(k)}), which is not a Unicode character`;
      stack.push([x, depth + 1]);
    }
  }
  return undefined;
}

/** The text with every lone surrogate replaced by U+FFFD, so it always encodes as UTF-8. */
export function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/** `s` cut to at most `n` UTF-16 units without splitting a surrogate pair. */
export function cut(s: string, n: number): string {
  if (s.length <= n) return s;
  const end = /[\uD800-\uDBFF]/.test(s[n - 1] ?? "") ? n - 1 : n;
  return s.slice(0, end);
}

/** What the journal keeps in place of arguments it will not hold verbatim. */
export interface ArgsDigest {
  $omitted: { reason: string; bytes: number; sha256: string };
}

export function digestOf(text: string, reason: string): ArgsDigest {
  return { $omitted: { reason, bytes: Buffer.byteLength(text), sha256: createHash("sha256").update(text).digest("hex") } };
}

/** JSON text of a value; one JSON.stringify cannot take (nested too deeply, a cycle) gets a stand-in, never an exception. */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "(unserialisable: nested too deeply)";
  }
}

/** Serialised size in bytes; Infinity for a value JSON cannot hold (a cycle, too deep to stringify). */
export function byteSize(v: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(v) ?? "");
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function loneSurrogate(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const paired = c >= 0xd800 && c <= 0xdbff ? (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 : false;
    if (c >= 0xdc00 && c <= 0xdfff) return `\\u${c.toString(16)}`;
    if (c >= 0xd800 && c <= 0xdbff) {
      if (!paired) return `\\u${c.toString(16)}`;
      i++;
    }
  }
  return "";
}

/**
 * The same message with every string (keys included) well-formed (for messages, which nest a
 * few levels; tool values are checked by jsonProblem); parts that need no change are
 * returned as they are, so a clean message is never copied.
 */
export function wellFormedDeep<T>(value: T): T {
  if (typeof value === "string") return wellFormed(value) as T;
  if (value === null || typeof value !== "object" || Buffer.isBuffer(value)) return value;
  // Index and for-in loops: a reply is walked once per RPC, and Object.entries' pairs were most of its cost.
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const x = value[i];
      const y = wellFormedDeep(x);
      if (y !== x) (out ??= [...value])[i] = y;
    }
    return (out ?? value) as T;
  }
  const obj = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k in obj) {
    if (!Object.hasOwn(obj, k)) continue;
    const x = obj[k];
    const y = wellFormedDeep(x);
    const key = wellFormed(k);
    if (y !== x || key !== k) {
      out ??= { ...obj };
      if (key !== k) delete out[k];
      out[key] = y;
    }
  }
  return (out ?? value) as T;
}

/** Bytes the strings of a message take as UTF-8 (what dominates its size on the wire). */
export function stringBytes(value: unknown): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") n += Buffer.byteLength(v);
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === "object") for (const x of Object.values(v)) stack.push(x);
  }
  return n;
}
