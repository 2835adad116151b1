/**
 * Gmail search syntax, compiled to a predicate over messages. A small hand-written scanner:
 * linear in the query, total (every string parses), and safe (no regular expression is built
 * from the query). Supported, as in Gmail:
 *
 *   from:  to:  cc:  bcc:  subject:  label:  filename:       (value, "quoted value" or (several words))
 *   in:inbox|sent|trash|spam|starred|important|anywhere      is:unread|read|starred|important
 *   has:attachment|userlabels|nouserlabels                   after: before:  (YYYY/MM/DD or YYYY-MM-DD)
 *   newer_than: older_than:  (Nd, Nm or Ny, relative to the session clock)   larger: smaller: (10M, 500K)
 *   plain words and "quoted phrases" (anywhere in sender, recipients, subject, body, file names)
 *   -term (not), a OR b, {a b} (either)
 *
 * Unknown operators are plain text, as in Gmail. A known operator with a bad value is an error
 * that says which values are valid. Messages in TRASH or SPAM are left out unless the query asks
 * for them (in:trash, in:spam, in:anywhere, label:trash, label:spam).
 */
import { fail, time } from "../framework/index.ts";
import { hasLabel, type Label, type Message } from "./state.ts";

export interface SearchContext {
  /** The session clock, for newer_than / older_than. */
  now: string;
  /** The mailbox owner's address, for from:me / to:me. */
  me: string;
  findLabel: (idOrName: string) => Label | undefined;
  labelNames: () => string[];
}

export interface CompiledQuery {
  test: (m: Message) => boolean;
  /** The query itself asks for trashed or spam messages. */
  includesSpamTrash: boolean;
}

type Term = { op?: string; value: string; negate: boolean };

const OPERATORS = new Set(["from", "to", "cc", "bcc", "subject", "label", "in", "is", "has", "filename", "after", "before", "newer_than", "older_than", "larger", "smaller", "size"]);
export const MAX_QUERY_TERMS = 40;

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
const isBreak = (c: string | undefined) => c === undefined || isSpace(c) || c === "(" || c === ")" || c === "{" || c === "}";

/** Groups of terms: the query matches when every group has a matching term (AND of ORs). */
export function parseQuery(query: string): Term[][] {
  const groups: Term[][] = [];
  let joinNext = false;
  let braceGroup: Term[] | undefined;
  const push = (t: Term) => {
    if (braceGroup) braceGroup.push(t);
    else if (joinNext && groups.length) (groups[groups.length - 1] as Term[]).push(t);
    else groups.push([t]);
    joinNext = false;
  };
  let i = 0;
  const n = query.length;
  const readQuoted = (): string => {
    // at a '"': read to the closing quote (or the end of the query)
    const end = query.indexOf('"', i + 1);
    const s = query.slice(i + 1, end < 0 ? n : end);
    i = end < 0 ? n : end + 1;
    return s;
  };
  while (i < n) {
    const c = query[i];
    if (isSpace(c) || c === "(" || c === ")") {
      i++;
      continue;
    }
    if (c === "{") {
      braceGroup = [];
      i++;
      continue;
    }
    if (c === "}") {
      if (braceGroup?.length) {
        const g = braceGroup;
        braceGroup = undefined;
        if (joinNext && groups.length) (groups[groups.length - 1] as Term[]).push(...g);
        else groups.push(g);
        joinNext = false;
      }
      braceGroup = undefined;
      i++;
      continue;
    }
    if (c === "|") {
      joinNext = true;
      i++;
      continue;
    }
    let negate = false;
    if (c === "-" && !isBreak(query[i + 1])) {
      negate = true;
      i++;
    }
    if (query[i] === '"') {
      const phrase = readQuoted().trim();
      if (phrase) push({ value: phrase, negate });
      continue;
    }
    let word = "";
    while (i < n && !isBreak(query[i])) {
      word += query[i];
      i++;
      if (word.endsWith(":") && query[i] === '"') break;
    }
    if (word === "OR" && !negate) {
      joinNext = true;
      continue;
    }
    const colon = word.indexOf(":");
    const op = colon > 0 ? word.slice(0, colon).toLowerCase() : "";
    if (colon > 0 && OPERATORS.has(op)) {
      let value = word.slice(colon + 1);
      if (value === "" && query[i] === '"') value = readQuoted();
      else if (value === "" && query[i] === "(") {
        // subject:(dinner movie): every word must match
        const end = query.indexOf(")", i + 1);
        const words = query.slice(i + 1, end < 0 ? n : end).split(/\s+/).filter(Boolean);
        i = end < 0 ? n : end + 1;
        for (const w of words) push({ op, value: w, negate });
        continue;
      }
      push({ op, value: value.trim(), negate });
    } else if (word) {
      push({ value: word, negate });
    }
  }
  if (braceGroup?.length) groups.push(braceGroup);
  return groups;
}

const lower = (s: string) => s.toLowerCase();
const contains = (field: string, v: string) => lower(field).includes(v);

function parseDay(op: string, v: string): number {
  if (/^\d{9,11}$/.test(v)) return Number(v) * 1000; // epoch seconds, as Gmail accepts
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(v);
  const iso = m ? `${m[1]}-${(m[2] as string).padStart(2, "0")}-${(m[3] as string).padStart(2, "0")}` : "";
  if (!m || !time.isIsoDate(iso)) fail(`${op}:${v} is not a date; write ${op}:YYYY/MM/DD, e.g. ${op}:2026/03/14`, "invalid_argument");
  return time.toMs(iso);
}

function relativeCutoff(op: string, v: string, now: string): number {
  const m = /^(\d{1,4})([dmy])$/.exec(v.toLowerCase());
  if (!m) fail(`${op}:${v} is not a relative age; write a number and d (days), m (months) or y (years), e.g. ${op}:7d or ${op}:2m`, "invalid_argument");
  const k = Number(m[1]);
  const d = new Date(time.toMs(now));
  if (m[2] === "d") d.setUTCDate(d.getUTCDate() - k);
  else if (m[2] === "m") d.setUTCMonth(d.getUTCMonth() - k);
  else d.setUTCFullYear(d.getUTCFullYear() - k);
  return d.getTime();
}

function parseSize(op: string, v: string): number {
  const m = /^(\d{1,6}(?:\.\d{1,3})?)([kmb]?)$/.exec(v.toLowerCase());
  if (!m) fail(`${op}:${v} is not a size; write bytes or a number with K or M, e.g. ${op}:5M`, "invalid_argument");
  const unit = m[2] === "m" ? 1024 * 1024 : m[2] === "k" ? 1024 : 1;
  return Number(m[1]) * unit;
}

const IN_VALUES = ["inbox", "sent", "trash", "spam", "starred", "important", "unread", "anywhere"] as const;
const IS_VALUES = ["unread", "read", "starred", "important"] as const;
const HAS_VALUES = ["attachment", "userlabels", "nouserlabels"] as const;

function compileTerm(t: Term, ctx: SearchContext): (m: Message) => boolean {
  const v = lower(t.value);
  if (!t.op) {
    return (m) =>
      contains(m.from, v) || contains(m.from_name, v) || contains(m.subject, v) || contains(m.body, v) ||
      m.to.some((a) => contains(a, v)) || m.cc.some((a) => contains(a, v)) || m.attachments.some((a) => contains(a.filename, v));
  }
  if (v === "") fail(`the ${t.op}: operator needs a value, e.g. ${t.op}:${example(t.op)}`, "invalid_argument");
  const me = lower(ctx.me);
  switch (t.op) {
    case "from":
      return v === "me" ? (m) => m.from === me : (m) => contains(m.from, v) || contains(m.from_name, v);
    case "to":
      return v === "me" ? (m) => [...m.to, ...m.cc, ...m.bcc].includes(me) : (m) => [...m.to, ...m.cc, ...m.bcc].some((a) => contains(a, v));
    case "cc":
      return (m) => m.cc.some((a) => contains(a, v === "me" ? me : v));
    case "bcc":
      return (m) => m.bcc.some((a) => contains(a, v === "me" ? me : v));
    case "subject":
      return (m) => contains(m.subject, v);
    case "filename":
      return (m) => m.attachments.some((a) => contains(a.filename, v));
    case "label": {
      const label = ctx.findLabel(t.value);
      if (!label) fail(`label:${t.value} names no label; labels are: ${ctx.labelNames().join(", ")} (write spaces as dashes, e.g. label:project-atlas)`, "invalid_argument");
      return (m) => hasLabel(m, label.id);
    }
    case "in": {
      if (v === "drafts" || v === "draft") fail("drafts are not messages: call list_drafts to see them", "invalid_argument");
      if (!(IN_VALUES as readonly string[]).includes(v)) fail(`in:${t.value} is not a folder; use one of ${IN_VALUES.map((x) => `in:${x}`).join(", ")}`, "invalid_argument");
      if (v === "anywhere") return () => true;
      const id = v.toUpperCase();
      return (m) => hasLabel(m, id);
    }
    case "is": {
      if (!(IS_VALUES as readonly string[]).includes(v)) fail(`is:${t.value} is not supported; use one of ${IS_VALUES.map((x) => `is:${x}`).join(", ")}`, "invalid_argument");
      if (v === "read") return (m) => !hasLabel(m, "UNREAD");
      const id = v.toUpperCase();
      return (m) => hasLabel(m, id);
    }
    case "has": {
      if (!(HAS_VALUES as readonly string[]).includes(v)) fail(`has:${t.value} is not supported; use one of ${HAS_VALUES.map((x) => `has:${x}`).join(", ")}`, "invalid_argument");
      if (v === "attachment") return (m) => m.attachments.length > 0;
      const userLabel = (m: Message) => m.label_ids.some((id) => ctx.findLabel(id)?.type === "user");
      return v === "userlabels" ? userLabel : (m) => !userLabel(m);
    }
    case "after": {
      const cut = parseDay("after", t.value);
      return (m) => time.toMs(m.date) >= cut;
    }
    case "before": {
      const cut = parseDay("before", t.value);
      return (m) => time.toMs(m.date) < cut;
    }
    case "newer_than": {
      const cut = relativeCutoff("newer_than", t.value, ctx.now);
      return (m) => time.toMs(m.date) > cut;
    }
    case "older_than": {
      const cut = relativeCutoff("older_than", t.value, ctx.now);
      return (m) => time.toMs(m.date) < cut;
    }
    case "larger":
    case "size": {
      const size = parseSize(t.op, t.value);
      return (m) => bytes(m) > size;
    }
    case "smaller": {
      const size = parseSize("smaller", t.value);
      return (m) => bytes(m) < size;
    }
    default:
      return () => false;
  }
}

const bytes = (m: Message) => Buffer.byteLength(m.body) + m.attachments.reduce((s, a) => s + a.size_bytes, 0);

function example(op: string): string {
  return ({ after: "2026/03/01", before: "2026/03/31", newer_than: "7d", older_than: "1m", larger: "5M", smaller: "1M", size: "5M", in: "inbox", is: "unread", has: "attachment", label: "receipts" } as Record<string, string>)[op] ?? "maya";
}

export function compileQuery(query: string, ctx: SearchContext): CompiledQuery {
  const groups = parseQuery(query);
  const terms = groups.reduce((s, g) => s + g.length, 0);
  if (terms > MAX_QUERY_TERMS) fail(`the query has ${terms} terms; at most ${MAX_QUERY_TERMS} are allowed — narrow it down`, "invalid_argument");
  const compiled = groups.map((g) => g.map((t) => ({ test: compileTerm(t, ctx), negate: t.negate })));
  const spamTrash = new Set(["in:trash", "in:spam", "in:anywhere", "label:trash", "label:spam"]);
  const includesSpamTrash = groups.some((g) => g.some((t) => !t.negate && t.op !== undefined && spamTrash.has(`${t.op}:${t.value.toLowerCase()}`)));
  return {
    includesSpamTrash,
    test: (m) => compiled.every((g) => g.some((t) => t.test(m) !== t.negate)),
  };
}
