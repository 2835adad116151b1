/**
 * Gmail's search grammar, parsed into a tree. A hand-written scanner and recursive-descent parser:
 * linear in the query, total (every string parses; an unclosed quote, parenthesis or brace ends
 * at the end of the query, a stray closer is skipped) and bounded (nesting depth and the number of
 * terms are limited). As in Gmail:
 *
 *   a b            both (AND is implicit)          a AND b     the same, written out
 *   a OR b, a | b  either; OR binds tighter than AND: "a b OR c" is a AND (b OR c)
 *   {a b}          any of them                     (a b)       a group
 *   -a             not a (before a term, a group, a phrase or an operator)
 *   "a phrase"     the words together              +word       the word exactly, as a whole word
 *   a AROUND n b   a and b at most n words apart in the subject and body
 *   op:value, op:"a value", op:(a OR b), op:(a b)   an operator applies to every word of its group
 *
 * OR, AND and AROUND are operators only in capitals, as in Gmail.
 */
import { fail } from "../framework/index.ts";

export type QueryNode = { and: QueryNode[] } | { or: QueryNode[] } | { not: QueryNode } | { around: [string, string]; within: number } | Term;

export interface Term {
  /** The operator ("from", "subject"…), absent for plain text. */
  op?: string;
  value: string;
  /** +word: the whole word, exactly. */
  exact?: true;
}

/** Operators of Gmail's grammar; any other "x:y" is plain text, as in Gmail. */
export const OPERATORS = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "deliveredto",
  "subject",
  "label",
  "in",
  "is",
  "has",
  "filename",
  "after",
  "before",
  "newer",
  "older",
  "newer_than",
  "older_than",
  "larger",
  "smaller",
  "size",
  "category",
  "list",
]);
export const MAX_QUERY_TERMS = 40;
export const MAX_QUERY_DEPTH = 8;

type Token =
  | { t: "open" | "close" | "brace" | "unbrace" | "minus" | "or" | "and" | "around" }
  | { t: "phrase"; value: string }
  | { t: "word"; value: string }
  /** An operator whose value follows as a phrase or a group: from:"…", subject:(…). */
  | { t: "op"; op: string };

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
const isBreak = (c: string | undefined) => c === undefined || isSpace(c) || c === "(" || c === ")" || c === "{" || c === "}" || c === '"';
const PUNCT: Record<string, Token["t"]> = { "(": "open", ")": "close", "{": "brace", "}": "unbrace", "|": "or" };

export function tokenize(query: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i] as string;
    if (isSpace(c)) i++;
    else if (PUNCT[c]) {
      out.push({ t: PUNCT[c] } as Token);
      i++;
    } else if (c === '"') {
      const end = query.indexOf('"', i + 1);
      out.push({ t: "phrase", value: query.slice(i + 1, end < 0 ? query.length : end).trim() });
      i = end < 0 ? query.length : end + 1;
    } else if (c === "-") {
      // A minus negates what follows it directly; alone it means nothing.
      if (!isSpace(query[i + 1]) && query[i + 1] !== undefined) out.push({ t: "minus" });
      i++;
    } else {
      let j = i;
      while (j < query.length && !isBreak(query[j])) j++;
      out.push(wordToken(query.slice(i, j), query[j]));
      i = j;
    }
  }
  return out;
}

function wordToken(word: string, next: string | undefined): Token {
  if (word === "OR") return { t: "or" };
  if (word === "AND") return { t: "and" };
  if (word === "AROUND") return { t: "around" };
  const colon = word.indexOf(":");
  const op = word.slice(0, colon).toLowerCase();
  if (colon > 0 && colon === word.length - 1 && OPERATORS.has(op) && (next === '"' || next === "(")) return { t: "op", op };
  return { t: "word", value: word };
}

/** Parses a query into its tree; a query of nothing but spaces and punctuation is an empty AND (matches everything). */
export function parseQuery(query: string): QueryNode {
  const p = new Parser(tokenize(query));
  const node = p.sequence(undefined, 0, "end");
  if (p.terms > MAX_QUERY_TERMS) fail(`the query has ${p.terms} terms; at most ${MAX_QUERY_TERMS} are allowed — narrow it down`, "invalid_argument");
  return node;
}

class Parser {
  private i = 0;
  terms = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  /** Terms joined by AND (implicit or written) up to `until`; in braces, joined by OR. */
  sequence(op: string | undefined, depth: number, until: "end" | "close" | "unbrace"): QueryNode {
    if (depth > MAX_QUERY_DEPTH) fail(`the query nests groups more than ${MAX_QUERY_DEPTH} deep; write it flatter`, "invalid_argument");
    const items: QueryNode[] = [];
    for (let tok = this.peek(); tok; tok = this.peek()) {
      if ((tok.t === "close" && until === "close") || (tok.t === "unbrace" && until === "unbrace")) {
        this.i++;
        break;
      }
      if (tok.t === "close" || tok.t === "unbrace" || tok.t === "and" || tok.t === "or") {
        this.i++; // a stray closer, a written AND (implicit anyway) or a dangling OR
        continue;
      }
      const node = this.disjunction(op, depth);
      if (node) items.push(node);
    }
    if (until === "unbrace") return items.length === 1 ? (items[0] as QueryNode) : { or: items };
    return items.length === 1 ? (items[0] as QueryNode) : { and: items };
  }

  /** One term or several joined by OR; `a AROUND n b` binds here too. */
  private disjunction(op: string | undefined, depth: number): QueryNode | undefined {
    const first = this.unary(op, depth);
    if (!first) return undefined;
    const around = this.around(first, op, depth);
    if (around) return around;
    const options = [first];
    while (this.peek()?.t === "or") {
      this.i++;
      const next = this.unary(op, depth);
      if (next) options.push(next);
    }
    return options.length === 1 ? first : { or: options };
  }

  private around(left: QueryNode, op: string | undefined, depth: number): QueryNode | undefined {
    const count = this.tokens[this.i + 1];
    if (this.peek()?.t !== "around" || count?.t !== "word" || !/^\d{1,3}$/.test(count.value)) return undefined;
    this.i += 2;
    const right = this.unary(op, depth);
    const plain = (n: QueryNode | undefined): n is Term => n !== undefined && "value" in n && n.op === undefined;
    if (!plain(left) || !plain(right)) fail("AROUND joins two plain words or phrases, e.g. holiday AROUND 10 vacation", "invalid_argument");
    return { around: [left.value, right.value], within: Number(count.value) };
  }

  private unary(op: string | undefined, depth: number): QueryNode | undefined {
    const tok = this.peek();
    if (!tok) return undefined;
    if (tok.t === "minus") {
      this.i++;
      const inner = this.unary(op, depth);
      return inner && { not: inner };
    }
    return this.primary(op, depth);
  }

  private primary(op: string | undefined, depth: number): QueryNode | undefined {
    const tok = this.tokens[this.i++] as Token;
    switch (tok.t) {
      case "open":
        return this.sequence(op, depth + 1, "close");
      case "brace":
        return this.sequence(op, depth + 1, "unbrace");
      case "phrase":
        return tok.value ? this.term({ ...(op ? { op } : {}), value: tok.value }) : undefined;
      case "op": {
        // The tokenizer makes an "op" only before a phrase or an opening parenthesis.
        const next = this.tokens[this.i++];
        if (next?.t === "phrase") return this.term({ op: tok.op, value: next.value });
        return this.sequence(tok.op, depth + 1, "close");
      }
      case "word":
        return this.term(wordTerm(tok.value, op));
      default:
        return undefined;
    }
  }

  private term(t: Term): Term {
    this.terms++;
    return t;
  }
}

function wordTerm(word: string, op: string | undefined): Term {
  const colon = word.indexOf(":");
  const named = colon > 0 ? word.slice(0, colon).toLowerCase() : "";
  if (OPERATORS.has(named)) return { op: named, value: word.slice(colon + 1) };
  if (word.length > 1 && word.startsWith("+")) return { ...(op ? { op } : {}), value: word.slice(1), exact: true };
  return { ...(op ? { op } : {}), value: word };
}
