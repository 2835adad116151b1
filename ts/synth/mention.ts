/**
 * How the user names an entity, by what they can know of it:
 * - one they own (in the seeded state): its description, and at the `complete` level its id;
 *   at `minimal` the description alone, with every id taken out ("the savings account ending in
 *   4471"), so the model has to look it up;
 * - one the conversation made or found: by reference back to it ("the payee you just added",
 *   "that order", "it"), never by an id or a name the server assigned.
 * Also: where an entity (or one of its fields) sits in a tool's result, so a step can record
 * the binding a model has to follow.
 */
import type { Domain, Entity } from "../servers/framework/index.ts";
import { isReferenceId } from "./figures.ts";
import { humanize } from "./words.ts";

/** An entity's description surfaced as an error: a domain whose describe() fails is a bug to fix, not to skip. */
export class DescribeError extends Error {
  constructor(domain: string, kind: string, key: string, cause: string) {
    super(`${domain}: describe() of ${kind} "${key}" failed: ${cause}; fix the table's describe in ts/servers/${domain}`);
    this.name = "DescribeError";
  }
}

/** The entity in words (the table's describe), or a DescribeError naming the domain, kind and key. */
export function describeEntity(domain: Domain, kind: string, entity: Entity): string {
  const def = domain.tables[domain.kinds.get(kind) ?? ""];
  const key = String(entity[def?.key ?? "id"] ?? "?");
  if (!def) throw new DescribeError(domain.name, kind, key, "no table holds this kind");
  let text: unknown;
  try {
    text = def.describe(entity as never);
  } catch (err) {
    throw new DescribeError(domain.name, kind, key, (err as Error).message);
  }
  if (typeof text !== "string" || text.trim().length < 3 || /\bundefined\b|\bNaN\b|\[object /.test(text))
    throw new DescribeError(domain.name, kind, key, `it returned ${JSON.stringify(text)}`);
  return text;
}

const ID_LIKE = /\b[A-Za-z]+[-_]\d[\w-]*\b/g;

/**
 * The description without ids: parentheses holding the key (or another id) are dropped; if an
 * id is still part of the sentence, the entity cannot be described without one (undefined).
 */
export function withoutIds(domain: Domain, kind: string, key: string, text: string): string | undefined {
  const stripped = text
    .replace(/\s*\(([^()]*)\)/g, (m, inner: string) => (inner.includes(key) || (inner.match(ID_LIKE) ?? []).some((id) => looksMinted(domain, id)) ? "" : m))
    .replace(/\s+/g, " ")
    .trim();
  if (stripped.includes(key) && isReferenceId(domain, kind, key)) return undefined;
  if ((stripped.match(ID_LIKE) ?? []).some((id) => looksMinted(domain, id))) return undefined;
  return stripped.length > 3 ? stripped : undefined;
}

/** Whether a token is an id minted by one of the domain's tables. */
function looksMinted(domain: Domain, token: string): boolean {
  for (const def of Object.values(domain.tables))
    if (def.idPrefix && token.startsWith(def.idPrefix) && /^\d+$/.test(token.slice(def.idPrefix.length))) return true;
  return /^[A-Z][A-Z0-9]*-\d+$/.test(token);
}

/** The description with the id stated, as at the `complete` level: "the payee Acme (PAYEE-1003)". */
export function withId(text: string, key: string): string {
  return text.includes(key) ? text : `${text} (${key})`;
}

const IRREGULAR: Record<string, string> = {
  send: "sent",
  make: "made",
  write: "wrote",
  leave: "left",
  buy: "bought",
  set: "set",
  put: "put",
  begin: "began",
  get: "got",
  find: "found",
  pay: "paid",
  build: "built",
  take: "took",
  give: "gave",
  run: "ran",
};

export function past(verb: string): string {
  const v = verb.split(" ")[0] as string;
  const rest = verb.slice(v.length);
  const p =
    IRREGULAR[v] ??
    (/e$/.test(v)
      ? `${v}d`
      : /[^aeiou]y$/.test(v)
        ? `${v.slice(0, -1)}ied`
        : /^(stop|plan|drop|ship|pin|log|tag|flag|star)$/.test(v)
          ? `${v}${v.slice(-1)}ed`
          : `${v}ed`);
  return `${p}${rest}`;
}

/** The noun a person uses for a kind: "stock_order" → "stock order". */
export function kindNoun(kind: string): string {
  return humanize(kind);
}

/** The noun a description opens with: "the debit card ending in 1306" → "debit card"; undefined if it does not open with one. */
export function nounOf(description: string): string | undefined {
  const m = /^the ((?:[a-z-]+ ){0,2}?[a-z-]+)(?= (?:of|for|on|in|at|from|to|with|ending|called|named|by)\b| ["'“(/@#A-Z0-9]|$)/.exec(description);
  return m?.[1];
}

/** A reference back to an entity the conversation made: "the payee you just added". */
/** Verbs whose past tense reads right after "the … you just" ("added", "booked"); others read as "created". */
const MAKING = /^(add|create|send|post|book|place|schedule|write|make|save|open|start|request|reserve|log|upload|draft|invite|attach|leave|plan|register)$/;

export function madeMention(noun: string, verb: string, sameTurn: boolean, pick: <T>(xs: readonly T[]) => T): string {
  const did = MAKING.test(verb.split(" ")[0] ?? "") ? past(verb) : "created";
  return sameTurn ? pick([`the new ${noun}`, `that new ${noun}`]) : pick([`the ${noun} you just ${did}`, `the ${noun} you ${did}`, `that new ${noun}`]);
}

/**
 * Where an entity with `key` (its key field `keyField`) sits in a result, and optionally one of
 * its fields: "items[3].id", "email", "bookings[0].total". Searches a few levels deep.
 */
export function locate(result: unknown, keyField: string, key: string, field = keyField): string | undefined {
  const seen: Array<{ v: unknown; path: string }> = [{ v: result, path: "" }];
  for (let depth = 0; depth < 4 && seen.length; depth++) {
    const next: Array<{ v: unknown; path: string }> = [];
    for (const { v, path } of seen) {
      if (Array.isArray(v)) {
        v.forEach((x, i) => next.push({ v: x, path: `${path}[${i}]` }));
      } else if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o[keyField] === key && o[field] !== undefined) return path ? `${path}.${field}` : field;
        for (const [k, x] of Object.entries(o)) if (x && typeof x === "object") next.push({ v: x, path: path ? `${path}.${k}` : k });
      }
    }
    seen.splice(0, seen.length, ...next);
  }
  return undefined;
}

/** The value at a path written by `locate`. */
export function valueAtPath(result: unknown, path: string): unknown {
  let v: unknown = result;
  for (const part of path.split(/\.|(?=\[)/)) {
    if (v === undefined || v === null) return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    v = index ? (v as unknown[])[Number(index[1])] : (v as Record<string, unknown>)[part];
  }
  return v;
}
