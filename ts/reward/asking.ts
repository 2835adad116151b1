/**
 * Whether a reply asks the user for the value they left out — recognised by what it asks for,
 * not by a question mark. "Anything else?" asks for nothing; "I need the daily limit to
 * continue." asks for the daily limit.
 *
 * What names a missing parameter (`wanted`): the words of its name ("daily_limit" → daily,
 * limit), the words of its description that the user's request does not already contain (the
 * request says "transfer"; asking about "the transfer" does not ask for the amount), and the
 * question its kind of value calls for ("how much" for an amount, "when" for a date, "where"
 * for a place, "who" for a person). A reply asks for it when one of its sentences is a request
 * (it ends with a question mark, or says "please…", "I need…", "let me know…") and names the value.
 */
import type { Task } from "../tasks/schema.ts";
import type { ToolIndex } from "./components.ts";
import { sentences } from "./answer.ts";

export interface Wanted {
  /** Words that name the value, lowercase. */
  words: string[];
  /** Question openers that ask for a value of its kind ("how much", "when"). */
  questions: string[];
}

const STOP = new Set(
  "a an and any are as at be by do for from has have id ids if in into is it its of on one or such that the their them then this to use used uses using via was when which will with new value values optional example e g".split(" "),
);

const KINDS: Array<[RegExp, string[]]> = [
  [/amount|price|cost|limit|quantity|qty|count|total|balance|rate|percent|budget|fee|size|capacity|duration|minutes|hours|days|nights|seats|guests/, ["how much", "how many", "how long"]],
  [/date|time|day|start|end|deadline|due|until|since|schedule|(^|_)at($|_)/, ["when", "what time", "what date", "which day", "what day"]],
  [/location|address|city|place|destination|origin|country|region|venue/, ["where"]],
  [/person|email|recipient|assignee|owner|contact|member|attendee|invitee/, ["who", "whom"]],
];

const REQUEST = /\?|\b(please|could you|can you|would you|will you|let me know|tell me|i need|i'll need|i will need|need to know|provide|specify|share|confirm|give me)\b/i;

function words(text: string): string[] {
  return (text.toLowerCase().replace(/\([^)]*\)|'[^']*'/g, " ").match(/[a-z]+/g) ?? []).filter((w) => w.length > 1 && !STOP.has(w));
}

/** The words and questions that name parameter `param` of the clarification turn `turn`. */
export function wanted(task: Task, turn: number, param: string, tools: ToolIndex): Wanted {
  const split = param.split(/_|(?=[A-Z])/).map((w) => w.toLowerCase()).filter((w) => w.length > 1);
  // A name made only of small words ("at") is still the name the user reads.
  const nameWords = split.some((w) => !STOP.has(w)) ? split.filter((w) => !STOP.has(w)) : split;
  // The tool the value is for: a later step that uses the parameter, else any offered tool that has it.
  const later = task.turns.slice(turn + 1).flatMap((t) => t.steps).find((s) => param in s.args);
  const names = later ? [later.tool] : task.tools.filter((t) => tools.get(t)?.params.some((p) => p.name === param));
  const said = new Set(words(task.turns[turn]?.user ?? ""));
  const described = new Set<string>();
  let numeric = false;
  for (const name of names) {
    const tool = tools.get(name);
    const prop = ((tool?.inputSchema as { properties?: Record<string, { description?: string }> } | undefined)?.properties ?? {})[param];
    for (const w of words(prop?.description ?? "")) if (!said.has(w)) described.add(w);
    const info = tool?.params.find((p) => p.name === param);
    if (info && (info.type === "number" || info.type === "integer")) numeric = true;
  }
  const all = [...new Set([...nameWords, ...described])];
  const questions = new Set<string>();
  for (const [pattern, qs] of KINDS) if (pattern.test(param.toLowerCase())) qs.forEach((q) => questions.add(q));
  if (numeric) KINDS[0]![1].forEach((q) => questions.add(q));
  return { words: all, questions: [...questions] };
}

/** "limits" names "limit": a word matches with or without a plural ending. */
function stem(w: string): string {
  return w.replace(/(?:es|s)$/, "");
}

/** Whether some sentence of `reply` is a request that names one of the wanted values. */
export function asksFor(reply: string, wants: readonly Wanted[]): boolean {
  return sentences(reply).some((s) => {
    if (!REQUEST.test(s)) return false;
    const lower = s.toLowerCase();
    const said = new Set((lower.match(/[a-z]+/g) ?? []).map(stem));
    return wants.some((w) => w.words.some((x) => said.has(stem(x))) || w.questions.some((q) => new RegExp(`\\b${q}\\b`).test(lower)));
  });
}

/** Whether some sentence of `reply` is a request at all (for clarification turns that do not record what is missing). */
export function asksAnything(reply: string): boolean {
  return sentences(reply).some((s) => REQUEST.test(s));
}
