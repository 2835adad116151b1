/**
 * Whether a reply asks the user for the value they left out — recognised by what it asks for,
 * not by a question mark. "Anything else?" asks for nothing; "I need the daily limit to
 * continue." asks for the daily limit.
 *
 * What names a missing parameter (`wanted`): the words of its name ("daily_limit" → daily,
 * limit), the words of its description that the user's request does not already contain (the
 * request says "transfer"; asking about "the transfer" does not ask for the amount), and the
 * words that ask for a value of its class ("how much" for money, "when" for a date, "who" for a
 * recipient, "call it" for a title) — the vocabulary the synthesizer phrases its asks from
 * (`askWords`, ts/synth/classes.ts), so a synthesized ask, which never names the parameter,
 * is recognised by what it asks for. A reply asks for the value when one of its sentences is a
 * request (it ends with a question mark, or says "please…", "I need…", "let me know…") and
 * names the value.
 */
import { askWords, paramClass } from "../synth/classes.ts";
import type { Task } from "../tasks/schema.ts";
import type { ToolIndex } from "./components.ts";
import { sentences } from "./answer.ts";

export interface Wanted {
  /** Words that name the value, lowercase. */
  words: string[];
  /** Phrases that ask for a value of its class ("how much", "when", "call it"), matched as whole words. */
  questions: string[];
}

const STOP = new Set(
  "a an and any are as at be by do for from has have id ids if in into is it its of on one or such that the their them then this to use used uses using via was when which will with new value values optional example e g".split(
    " ",
  ),
);

const REQUEST =
  /\?|\b(please|could you|can you|would you|will you|let me know|tell me|i need|i'll need|i will need|need to know|provide|specify|share|confirm|give me)\b/i;

function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/\([^)]*\)|'[^']*'/g, " ")
      .match(/[a-z]+/g) ?? []
  ).filter((w) => w.length > 1 && !STOP.has(w));
}

/** The words and questions that name parameter `param` of the clarification turn `turn`. */
export function wanted(task: Task, turn: number, param: string, tools: ToolIndex): Wanted {
  const split = param
    .split(/_|(?=[A-Z])/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 1);
  // A name made only of small words ("at") is still the name the user reads.
  const nameWords = split.some((w) => !STOP.has(w)) ? split.filter((w) => !STOP.has(w)) : split;
  // The tool the value is for: a later step that uses the parameter, else any offered tool that has it.
  const later = task.turns
    .slice(turn + 1)
    .flatMap((t) => t.steps)
    .find((s) => param in s.args);
  const names = later ? [later.tool] : task.tools.filter((t) => tools.get(t)?.params.some((p) => p.name === param));
  const said = new Set(words(task.turns[turn]?.user ?? ""));
  const described = new Set<string>();
  const questions = new Set<string>();
  for (const name of names) {
    const tool = tools.get(name);
    const info = tool?.params.find((p) => p.name === param);
    if (!tool || !info) continue;
    const prop = (tool.inputSchema as { properties?: Record<string, { description?: string }> }).properties?.[param];
    for (const w of words(prop?.description ?? "")) if (!said.has(w)) described.add(w);
    for (const q of askWords(paramClass(tool, info), info.type)) questions.add(q);
  }
  return { words: [...new Set([...nameWords, ...described])], questions: [...questions] };
}

/** "limits" names "limit": a word matches with or without a plural ending. */
function stem(w: string): string {
  return w.replace(/(?:es|s)$/, "");
}

/** A word and its stem: "addresses" is said as "address" too, which the wanted "address" is (its own stem, "addres", is not). */
function forms(w: string): string[] {
  return [w, stem(w)];
}

/** Whether some sentence of `reply` is a request that names one of the wanted values. */
export function asksFor(reply: string, wants: readonly Wanted[]): boolean {
  return sentences(reply).some((s) => {
    if (!REQUEST.test(s)) return false;
    const lower = s.toLowerCase();
    const said = new Set((lower.match(/[a-z]+/g) ?? []).flatMap(forms));
    return wants.some((w) => w.words.some((x) => forms(x).some((f) => said.has(f))) || w.questions.some((q) => new RegExp(`\\b${q}\\b`).test(lower)));
  });
}

/** Whether some sentence of `reply` is a request at all (for clarification turns that do not record what is missing). */
export function asksAnything(reply: string): boolean {
  return sentences(reply).some((s) => REQUEST.test(s));
}
