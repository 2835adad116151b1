/**
 * When a model's argument value counts as the ground truth's:
 * - numbers by value (100 = 100.0 = "100"), to a millionth;
 * - ids (parameters that name an entity) exactly, after trimming;
 * - enum values case-folded and trimmed;
 * - other strings trimmed, case-folded, inner whitespace collapsed;
 * - arrays as multisets (order does not matter; elements by `stateKey`), objects key by key;
 * - null and absent alike.
 */
import type { ParamInfo } from "../servers/framework/index.ts";
import { canonicalJson } from "../env/state/canonical.ts";

export function sameValue(model: unknown, truth: unknown, param?: ParamInfo): boolean {
  // An absent optional field and null say the same thing: nothing there.
  if (truth === null || truth === undefined) return model === null || model === undefined;
  if (typeof truth === "number") {
    const m = typeof model === "string" && model.trim() !== "" ? Number(model) : model;
    return typeof m === "number" && Math.abs(m - truth) <= 1e-6 * Math.max(1, Math.abs(truth));
  }
  if (typeof truth === "string") {
    if (typeof model !== "string") return false;
    if (param?.ref) return model.trim() === truth.trim();
    return text(model) === text(truth);
  }
  if (Array.isArray(truth)) {
    if (!Array.isArray(model) || model.length !== truth.length) return false;
    const left = model.map((v) => key(v, param));
    const right = truth.map((v) => key(v, param));
    left.sort();
    right.sort();
    return left.every((v, i) => v === right[i]);
  }
  if (truth !== null && typeof truth === "object") {
    if (model === null || typeof model !== "object" || Array.isArray(model)) return false;
    const t = truth as Record<string, unknown>;
    const m = model as Record<string, unknown>;
    const keys = new Set([...Object.keys(t), ...Object.keys(m)]);
    return [...keys].every((k) => sameValue(m[k], t[k]));
  }
  return model === truth;
}

function text(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, " ");
}

function key(v: unknown, param?: ParamInfo): string {
  return typeof v === "string" && param?.ref ? v.trim() : stateKey(v);
}

/**
 * A value as text, normalised as `sameValue` compares state (no parameter: every string as
 * text): numbers to a millionth, strings trimmed and case-folded, arrays as multisets, objects
 * key by key with null and absent alike. Values with the same key are the same to the reward,
 * so synthesis uses it to refuse a write whose change the reward could not see (a member list
 * only reordered).
 */
export function stateKey(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return text(v);
  if (typeof v === "number") return String(Math.round(v * 1e6) / 1e6);
  if (Array.isArray(v)) return `[${v.map(stateKey).sort().join(",")}]`;
  if (typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && x !== undefined);
    return `{${entries
      .map(([k, x]) => `${JSON.stringify(k)}:${stateKey(x)}`)
      .sort()
      .join(",")}}`;
  }
  return canonicalJson(v);
}

/** The JSON type of a value, as JSON Schema names it. */
export function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** Whether a value's JSON type fits a parameter's (an integer is a number too). */
export function compatibleType(v: unknown, expected: string): boolean {
  const t = jsonType(v);
  return t === expected || (expected === "number" && t === "integer");
}
