/**
 * Queries and replies in words, from tool names, parameter names and entity descriptions:
 * several phrasings per tool, a persona's register, and the three information levels
 * (ids stated / entities only described / a required value left out).
 */
import type { ParamInfo, Tool } from "../servers/framework/index.ts";
import type { Rng } from "../servers/framework/rng.ts";

export const PERSONAS = [
  { style: "formal", open: ["Good morning.", "Hello.", ""], close: ["Thank you.", "Thanks in advance.", ""] },
  { style: "casual", open: ["Hey!", "Hi there!", ""], close: ["Thanks!", "Cheers.", ""] },
  { style: "terse", open: [""], close: [""] },
] as const;
export type Persona = (typeof PERSONAS)[number];

const VERBS: Record<string, string> = { get: "show me", list: "list", search: "find", find: "find", view: "show me", check: "check", lookup: "look up", query: "check" };

export function words(name: string): string {
  return name.replace(/_ids?$/, "").replace(/_/g, " ");
}

/** "freeze_card" → { verb: "freeze", object: "card" }. */
export function verbObject(tool: Tool): { verb: string; object: string; read: boolean } {
  const [first = "", ...rest] = tool.name.split("_");
  return { verb: VERBS[first] ?? first, object: rest.join(" "), read: tool.readOnly };
}

export interface Mention {
  param: ParamInfo;
  /** The entity in words, and its key when the user states it. */
  text: string;
  key?: string;
}

export interface ValueMention {
  param: ParamInfo;
  /** Undefined when the user leaves the value out (they mention the parameter, not its value). */
  value: unknown;
}

export function formatValue(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(2);
  if (typeof v === "string") return /\s/.test(v) && !/^\d/.test(v) ? `"${v}"` : v;
  if (Array.isArray(v)) return v.map(formatValue).join(", ");
  return JSON.stringify(v);
}

/** One request clause: "transfer 25.00 from the checking account ending in 5128 to …". */
export function clause(tool: Tool, refs: readonly Mention[], values: readonly ValueMention[], rng: Rng): string {
  const { verb, object, read } = verbObject(tool);
  const nouns = new Set(tool.name.split("_"));
  const primaryIndex = Math.max(0, refs.findIndex((r) => nouns.has(r.param.ref ?? "") || nouns.has(words(r.param.name))));
  const primary = refs[primaryIndex];
  const named = (m: Mention) => (m.key && !m.text.includes(m.key) ? `${m.text} (${m.key})` : m.text);
  const others = refs.filter((_, i) => i !== primaryIndex).map((m) => {
    const role = words(m.param.name);
    if (/^(from|source) /.test(role)) return `from ${named(m)}`;
    if (/^(to|destination|target) /.test(role)) return `to ${named(m)}`;
    return `for ${named(m)}`;
  });
  const vals = values.map((v) => (v.value === undefined ? `a ${words(v.param.name)}` : `${words(v.param.name)} ${formatValue(v.value)}`));
  // The words of the tool name the entity does not already say: "set_default_delivery_address" on
  // a delivery address leaves "default".
  const kindWords = new Set((primary?.param.ref ?? "").split("_"));
  const left = object.split(" ").filter((w) => w && !kindWords.has(w) && !kindWords.has(w.replace(/s$/, ""))).join(" ");
  const creates = CREATES.has(verb);
  // "add_to_stock_watchlist", "reply_in_thread": the entity goes after the preposition.
  const prep = /^(to|in|into|on|from)\b/.exec(object)?.[1];
  if (primary && prep && !read) {
    const rest = refs.filter((_, i) => i !== primaryIndex).map(named);
    const vals2 = values.map((v) => (v.value === undefined ? `a ${words(v.param.name)}` : v.param.type === "string" && /text|body|message|content/.test(v.param.name) ? `"${String(v.value)}"` : `${words(v.param.name)} ${formatValue(v.value)}`));
    return [verb, ...rest, ...vals2, prep, named(primary)].join(" ").replace(/\s+/g, " ").trim();
  }
  let head: string;
  if (!primary) head = `${verb} ${object ? `${creates ? article(object) : "the"} ${object}` : "it"}`;
  else if (read) head = /^(show me|look up|check)$/.test(verb) || !left ? `${verb} ${named(primary)}` : `${verb} the ${left} of ${named(primary)}`;
  else if (!left) head = `${verb} ${named(primary)}`;
  else if (/^(set|mark|make)$/.test(verb)) head = `${verb} ${named(primary)} as ${left}`;
  else if (creates) head = `${verb} ${article(left)} ${left} for ${named(primary)}`;
  else head = `${verb} the ${left} of ${named(primary)}`;
  const tail = [...others, ...(vals.length ? [`with ${rng.bool(0.5) ? vals.join(" and ") : vals.join(", ")}`] : [])];
  return [head, ...tail].join(" ").replace(/\s+/g, " ").trim();
}

/** A user turn from its clauses, in the persona's register. */
export function request(clauses: readonly string[], persona: Persona, rng: Rng): string {
  const body = clauses.length === 1 ? (clauses[0] as string) : clauses.length === 2 ? `${clauses[0]}, and then ${clauses[1]}` : `${clauses.slice(0, -1).join(", ")}, and finally ${clauses[clauses.length - 1]}`;
  const form = rng.int(0, 3);
  const sentence = form === 0 ? `Please ${body}.` : form === 1 ? `Could you ${body}?` : form === 2 ? `I need you to ${body}.` : `${cap(body)}.`;
  return [rng.pick(persona.open), sentence, rng.pick(persona.close)].filter(Boolean).join(" ");
}

const CREATES = new Set(["add", "create", "post", "send", "log", "write", "schedule", "book", "place", "reserve", "attach", "invite", "open", "make", "save", "upload", "submit", "start"]);

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? "an" : "a";
}

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The assistant asking for the value the user left out. */
export function askFor(param: ParamInfo, rng: Rng): string {
  return rng.pick([`What ${words(param.name)} should I use?`, `Could you tell me the ${words(param.name)}?`, `Which ${words(param.name)} would you like?`]);
}

/** The user supplying it in the next turn. */
export function supply(param: ParamInfo, value: unknown, rng: Rng): string {
  return rng.pick([`Use ${formatValue(value)}.`, `The ${words(param.name)} is ${formatValue(value)}.`, `${cap(words(param.name))}: ${formatValue(value)}, please.`]);
}

export const DECLINE = [
  "I'm sorry, but I can't do that with the tools I have here.",
  "That's not something I'm able to do with the tools available to me.",
  "Unfortunately none of my tools can handle that request.",
];

export function systemPrompt(userName: string, today: string, weekday: string, persona: Persona): string {
  return `You are a helpful assistant working for ${userName}. Today is ${cap(weekday)}, ${today}. Use the tools to act on the user's behalf; look up ids you are not given, ask when a required value is missing, and say so when no tool can do what is asked.${persona.style === "terse" ? " Keep answers short." : ""}`;
}
