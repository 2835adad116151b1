/**
 * What a reply says, read the way a careful person would:
 * - the facts it states (`states`): an id or a word as text, a number by value;
 * - the data it claims (`claims`): numbers, ids, dates and times — each must be backed by
 *   something the trajectory's calls returned or the user said (`Evidence`), or the reply is
 *   not paid for it (a reply listing 0..2000 states every count, and supports none of them);
 * - whether it claims that an action happened (`claimsAction`): "Done", "I've frozen the card",
 *   "PO-1007 received" — in a sentence without a negation ("could not", "unable", "sorry").
 * Replies are read after `stripReasoning`.
 */

/** Lowercase, thousands separators and currency signs dropped, whitespace collapsed. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/[$€£]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** A number standing on its own: not part of an id (ACC-1001), a date (2026-11-30) or a time (09:30). */
const NUMBER = /(?<![\w.:/-])-?\d+(?:,\d{3})*(?:\.\d+)?(?![\w:/-]|\.\d)/g;
const DATE = /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g;
const TIME = /(?<!\d)(\d{1,2}):(\d{2})(?!\d)/g;
const WORD = /[a-z0-9][a-z0-9_-]*[a-z0-9]/g;
const NUMERIC_FACT = /^-?\d+(?:\.\d+)?$/;

function numberKey(n: number): string {
  return `n:${Math.round(n * 1e6) / 1e6}`;
}

/** An id-like word: a letter first, then digits after a separator (TRF-1012, ch_100106) or a short prefix (C1006); not "4-star". */
function isIdWord(w: string): boolean {
  return /^[a-z]/.test(w) && /\d/.test(w) && (/[-_]/.test(w) || /^[a-z]{1,4}\d{3,}$/.test(w));
}

/** The data a normalized text states, as keys: `n:25`, `id:trf-1012`, `d:2026-11-30`, `t:9:30`. */
function dataKeys(norm: string, into: Set<string>): Set<string> {
  // `match` with /g gives the matched texts only, not a match object per token: a reply may hold thousands.
  for (const t of norm.match(NUMBER) ?? []) into.add(numberKey(Number(t.replace(/,/g, ""))));
  for (const d of norm.match(DATE) ?? []) into.add(`d:${d}`);
  for (const t of norm.match(TIME) ?? []) {
    const colon = t.indexOf(":");
    into.add(`t:${Number(t.slice(0, colon))}:${t.slice(colon + 1)}`);
  }
  for (const w of norm.match(WORD) ?? []) if (isIdWord(w)) into.add(`id:${w}`);
  return into;
}

/** The data a reply claims (numbers, ids, dates, times), as keys comparable with `Evidence`. */
export function claims(reply: string): ReadonlySet<string> {
  return new ReplyText(reply).claims();
}

/** `fact` occurs in `text` (both normalized) as a whole: "1" is not in "10", "re_1001" not in "re_10010". */
function containsWhole(text: string, fact: string): boolean {
  for (let at = text.indexOf(fact); at >= 0; at = text.indexOf(fact, at + 1)) {
    const before = text[at - 1];
    const after = text[at + fact.length];
    if ((before === undefined || !/[a-z0-9]/.test(before)) && (after === undefined || !/[a-z0-9]/.test(after))) return true;
  }
  return false;
}

/** Whether `reply` states `fact`: a number by value among the reply's numbers, anything else as whole text. */
export function states(reply: string, fact: string): boolean {
  return new ReplyText(reply).states(fact);
}

/**
 * A reply (or a turn's replies, joined) read once: normalized when made, its data keys found when
 * first asked. The reward asks one text for each of a task's facts and for its claims.
 */
export class ReplyText {
  private readonly norm: string;
  private keys: Set<string> | undefined;

  constructor(text: string) {
    this.norm = normalize(text);
  }

  /** The data it claims (numbers, ids, dates, times), as keys comparable with `Evidence`. */
  claims(): ReadonlySet<string> {
    return (this.keys ??= dataKeys(this.norm, new Set()));
  }

  /** Whether it states `fact`: a number by value among its numbers, anything else as whole text. */
  states(fact: string): boolean {
    const f = normalize(fact);
    if (f === "") return true;
    if (NUMERIC_FACT.test(f)) return this.claims().has(numberKey(Number(f)));
    return containsWhole(this.norm, f);
  }
}

/**
 * What one value of the evidence holds, read when first asked: its numbers by value (and how many
 * items each list holds), its strings normalized, and their data keys. Kept per string and per
 * result object, so a task's system prompt and user turns, and the results a replay shares between
 * a group's trajectories, are read once.
 */
class Part {
  private read: { numbers: Set<string>; texts: string[] } | undefined;
  private dataKeys: Set<string> | undefined;

  constructor(private readonly value: unknown) {}

  private contents(): { numbers: Set<string>; texts: string[] } {
    if (!this.read) {
      const numbers = new Set<string>();
      const texts: string[] = [];
      const walk = (v: unknown): void => {
        if (typeof v === "number") numbers.add(numberKey(v));
        else if (typeof v === "string") texts.push(normalize(v));
        else if (Array.isArray(v)) {
          numbers.add(numberKey(v.length));
          v.forEach(walk);
        } else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
      };
      walk(this.value);
      this.read = { numbers, texts };
    }
    return this.read;
  }

  get numbers(): Set<string> {
    return this.contents().numbers;
  }

  get texts(): string[] {
    return this.contents().texts;
  }

  get keys(): Set<string> {
    if (!this.dataKeys) {
      this.dataKeys = new Set();
      for (const t of this.texts) for (const k of keysOf(t)) this.dataKeys.add(k);
    }
    return this.dataKeys;
  }
}

const textParts = new Map<string, Part>();
const resultParts = new WeakMap<object, Part>();

function textPart(text: string): Part {
  let part = textParts.get(text);
  if (!part) {
    part = new Part(text);
    if (textParts.size > 10_000) textParts.clear();
    textParts.set(text, part);
  }
  return part;
}

/**
 * What a trajectory can back its reply with: the system prompt, the user's turns, the arguments
 * of its calls and the results of the calls that succeeded. Each value is read when first asked,
 * its data keys only when a claimed datum is not among the numbers: a reply states a few data.
 */
export class Evidence {
  private readonly parts: Part[] = [];
  private numbers: Set<string> | undefined;
  private keys: Set<string> | undefined;

  addText(text: string): this {
    this.parts.push(textPart(text));
    return this;
  }

  /** Adds a JSON value: its numbers by value, its strings as text, how many items each list holds (keys are names, not data). */
  addValue(value: unknown): this {
    this.parts.push(typeof value === "string" ? textPart(value) : new Part(value));
    return this;
  }

  /**
   * Adds a call's result, read once per result object: results are never changed after their call
   * (the journal and the replay's prefix tree keep them as made), and a group's replays share them.
   */
  addResult(result: unknown): this {
    if (result === null || typeof result !== "object") return this.addValue(result);
    let part = resultParts.get(result);
    if (!part) resultParts.set(result, (part = new Part(result)));
    this.parts.push(part);
    return this;
  }

  /**
   * Whether the evidence backs a claimed datum (a key from `claims`): a number among its numbers,
   * or any datum of its texts. Each set is gathered once, when first needed: a reply claims several.
   */
  backs(key: string): boolean {
    this.numbers ??= union(this.parts.map((p) => p.numbers));
    if (this.numbers.has(key)) return true;
    this.keys ??= union(this.parts.map((p) => p.keys));
    return this.keys.has(key);
  }

  /** Whether the evidence contains `fact` (a number by value, anything else as whole text). */
  contains(fact: string): boolean {
    const f = normalize(fact);
    if (f === "") return true;
    if (NUMERIC_FACT.test(f)) return this.backs(numberKey(Number(f)));
    return this.parts.some((p) => p.texts.some((t) => containsWhole(t, f)));
  }
}

function union(sets: ReadonlyArray<ReadonlySet<string>>): Set<string> {
  const all = new Set<string>();
  for (const set of sets) for (const x of set) all.add(x);
  return all;
}

/** The data keys of one normalized text, memoized: the same strings recur across results. */
const textKeys = new Map<string, Set<string>>();
function keysOf(norm: string): Set<string> {
  let keys = textKeys.get(norm);
  if (!keys) {
    keys = dataKeys(norm, new Set());
    if (textKeys.size > 50_000) textKeys.clear();
    textKeys.set(norm, keys);
  }
  return keys;
}

/** Sentences of a reply, each with its closing punctuation. */
export function sentences(reply: string): string[] {
  return (reply.match(/[^.!?;\n]+(?:[.!?;]+|\n|$)/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
}

const NEGATION = /\b(not|no|never|cannot|unable|failed|fails|unfortunately|sorry|error|impossible)\b|n't\b/i;
const COMPLETION =
  /\b(done|completed?|finished|successfully|all set|taken care of|went through|(?:has|have|had) been|is now|are now|i(?:'ve| have) (?:now |just |already |successfully )?\w+(?:ed|en|t)|received|confirmed|booked|scheduled|created|sent|transferred|cancell?ed|deleted|updated|placed|processed|paid|refunded|submitted|posted|added|removed|moved|saved|archived|frozen|shipped|approved|renamed)\b/i;

/** Whether a reply says something was done, in a sentence that does not negate it. */
export function claimsAction(reply: string): boolean {
  return sentences(reply).some((s) => COMPLETION.test(s) && !NEGATION.test(s));
}
