/**
 * Gmail search, compiled to a predicate over messages (the grammar is in query.ts). Operators, as
 * in Gmail:
 *
 *   from: to: cc: bcc: deliveredto: subject: label: filename:   (me for the user's own address)
 *   in:inbox|sent|trash|spam|starred|important|unread|anywhere   is:unread|read|starred|important
 *   has:attachment|userlabels|nouserlabels
 *   after: before: (also newer: older:) YYYY/MM/DD, YYYY-MM-DD, MM/DD/YYYY or epoch seconds
 *   newer_than: older_than: Nd, Nm or Ny before the session clock    larger: smaller: size: 10M, 500K
 *   plain words and "quoted phrases" (anywhere in sender, recipients, subject, body, file names)
 *
 * Operator values and plain words match as parts of words (from:theo finds theo.l@x.com), a
 * +word only as a whole word. Other "x:y" is plain text, as in Gmail; category: and list: are
 * Gmail's but this mailbox has neither, so they are refused with what to use instead. A known
 * operator with a bad value is an error that says which values are valid. Messages in TRASH or
 * SPAM are left out unless the query asks for them (in:trash, in:spam, in:anywhere, label:trash,
 * label:spam, not negated).
 */
import { fail, time } from "../framework/index.ts";
import { parseQuery, type QueryNode, type Term } from "./query.ts";
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

const lower = (s: string) => s.toLowerCase();
const contains = (field: string, v: string) => lower(field).includes(v);

function parseDay(op: string, v: string): number {
  if (/^\d{9,11}$/.test(v)) return Number(v) * 1000; // epoch seconds, as Gmail accepts
  const ymd = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(v);
  const mdy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  const [y, mo, d] = ymd ? [ymd[1], ymd[2], ymd[3]] : mdy ? [mdy[3], mdy[1], mdy[2]] : [];
  const iso = y ? `${y}-${(mo as string).padStart(2, "0")}-${(d as string).padStart(2, "0")}` : "";
  if (!y || !time.isIsoDate(iso)) fail(`${op}:${v} is not a date; write ${op}:YYYY/MM/DD, e.g. ${op}:2026/03/14`, "invalid_argument");
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
  const m = /^(\d{1,10}(?:\.\d{1,3})?)([kmb]?)$/.exec(v.toLowerCase());
  if (!m) fail(`${op}:${v} is not a size; write bytes or a number with K or M, e.g. ${op}:5M`, "invalid_argument");
  const unit = m[2] === "m" ? 1024 * 1024 : m[2] === "k" ? 1024 : 1;
  return Number(m[1]) * unit;
}

const IN_VALUES = ["inbox", "sent", "trash", "spam", "starred", "important", "unread", "anywhere"] as const;
const IS_VALUES = ["unread", "read", "starred", "important"] as const;
const HAS_VALUES = ["attachment", "userlabels", "nouserlabels"] as const;

function compileTerm(t: Term, ctx: SearchContext): (m: Message) => boolean {
  const v = lower(t.value);
  if (t.exact) {
    // +word: the whole word, in any of the fields plain text searches.
    return (m) => textFields(m).some((f) => wordsOf(f).includes(v));
  }
  if (!t.op) return (m) => textFields(m).some((f) => contains(f, v));
  if (v === "") fail(`the ${t.op}: operator needs a value, e.g. ${t.op}:${example(t.op)}`, "invalid_argument");
  const me = lower(ctx.me);
  switch (t.op) {
    case "from":
      return v === "me" ? (m) => m.from === me : (m) => contains(m.from, v) || contains(m.from_name, v);
    case "to":
    case "deliveredto":
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
      if (!label)
        fail(
          `label:${t.value} names no label; labels are: ${ctx.labelNames().join(", ")} (write spaces as dashes, e.g. label:project-atlas)`,
          "invalid_argument",
        );
      return (m) => hasLabel(m, label.id);
    }
    case "in": {
      if (v === "drafts" || v === "draft") fail("drafts are not messages: call list_drafts to see them", "invalid_argument");
      if (!(IN_VALUES as readonly string[]).includes(v))
        fail(`in:${t.value} is not a folder; use one of ${IN_VALUES.map((x) => `in:${x}`).join(", ")}`, "invalid_argument");
      if (v === "anywhere") return () => true;
      const id = v.toUpperCase();
      return (m) => hasLabel(m, id);
    }
    case "is": {
      if (!(IS_VALUES as readonly string[]).includes(v))
        fail(`is:${t.value} is not supported; use one of ${IS_VALUES.map((x) => `is:${x}`).join(", ")}`, "invalid_argument");
      if (v === "read") return (m) => !hasLabel(m, "UNREAD");
      const id = v.toUpperCase();
      return (m) => hasLabel(m, id);
    }
    case "has": {
      if (!(HAS_VALUES as readonly string[]).includes(v))
        fail(`has:${t.value} is not supported; use one of ${HAS_VALUES.map((x) => `has:${x}`).join(", ")}`, "invalid_argument");
      if (v === "attachment") return (m) => m.attachments.length > 0;
      const userLabel = (m: Message) => m.label_ids.some((id) => ctx.findLabel(id)?.type === "user");
      return v === "userlabels" ? userLabel : (m) => !userLabel(m);
    }
    case "after":
    case "newer": {
      const cut = parseDay(t.op, t.value);
      return (m) => time.toMs(m.date) >= cut;
    }
    case "before":
    case "older": {
      const cut = parseDay(t.op, t.value);
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
    case "category":
      return fail("this mailbox has no inbox categories (primary, social, promotions…); search by label:, from: or in:inbox instead", "invalid_argument");
    case "list":
      return fail("this mailbox does not record mailing lists; search by from: or to: with the list's address instead", "invalid_argument");
    default:
      return () => false;
  }
}

/** What plain words search: sender, recipients, subject, body and file names. */
const textFields = (m: Message): string[] => [m.from, m.from_name, m.subject, m.body, ...m.to, ...m.cc, ...m.attachments.map((a) => a.filename)];

const bytes = (m: Message) => Buffer.byteLength(m.body) + m.attachments.reduce((s, a) => s + a.size_bytes, 0);

function example(op: string): string {
  return (
    (
      {
        after: "2026/03/01",
        before: "2026/03/31",
        newer_than: "7d",
        older_than: "1m",
        larger: "5M",
        smaller: "1M",
        size: "5M",
        in: "inbox",
        is: "unread",
        has: "attachment",
        label: "receipts",
      } as Record<string, string>
    )[op] ?? "maya"
  );
}

export function compileQuery(query: string, ctx: SearchContext): CompiledQuery {
  const tree = parseQuery(query);
  return { test: compileNode(tree, ctx), includesSpamTrash: asksForSpamTrash(tree, true) };
}

function compileNode(node: QueryNode, ctx: SearchContext): (m: Message) => boolean {
  if ("and" in node) {
    const parts = node.and.map((n) => compileNode(n, ctx));
    return (m) => parts.every((p) => p(m));
  }
  if ("or" in node) {
    const parts = node.or.map((n) => compileNode(n, ctx));
    return (m) => parts.some((p) => p(m));
  }
  if ("not" in node) {
    const inner = compileNode(node.not, ctx);
    return (m) => !inner(m);
  }
  if ("around" in node) return aroundTest(node.around, node.within);
  return compileTerm(node, ctx);
}

const SPAM_TRASH = new Set(["in:trash", "in:spam", "in:anywhere", "label:trash", "label:spam"]);

/** Whether a term that is not negated asks for trash or spam. */
function asksForSpamTrash(node: QueryNode, positive: boolean): boolean {
  if ("and" in node) return node.and.some((n) => asksForSpamTrash(n, positive));
  if ("or" in node) return node.or.some((n) => asksForSpamTrash(n, positive));
  if ("not" in node) return asksForSpamTrash(node.not, !positive);
  if ("around" in node) return false;
  return positive && node.op !== undefined && SPAM_TRASH.has(`${node.op}:${node.value.toLowerCase()}`);
}

/** Words of a text, lower-cased, for whole-word and AROUND matching. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Where the words of `phrase` start in `words`. */
function positions(words: readonly string[], phrase: string): number[] {
  const want = wordsOf(phrase);
  const out: number[] = [];
  if (!want.length) return out;
  for (let i = 0; i + want.length <= words.length; i++) if (want.every((w, k) => words[i + k] === w)) out.push(i);
  return out;
}

function aroundTest([a, b]: [string, string], within: number): (m: Message) => boolean {
  return (m) => {
    const words = wordsOf(`${m.subject} ${m.body}`);
    const left = positions(words, a);
    const right = positions(words, b);
    return left.some((x) => right.some((y) => Math.abs(x - y) <= within));
  };
}
