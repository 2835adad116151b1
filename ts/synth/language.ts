/**
 * The conversation's words around the clauses (`phrase.ts`): a request from its clauses in a
 * persona's register, the assistant asking for a value the user left out and the user giving
 * it — both phrased by the value's class, never by the parameter's name — the assistant's
 * replies, declines and the system prompt.
 */
import type { ParamInfo, Tool } from "../servers/framework/index.ts";
import type { Rng } from "../servers/framework/rng.ts";
import { paramClass, type ValueClass } from "./classes.ts";
import { namesParameter } from "./grammar.ts";
import { spoken } from "./phrase.ts";
import { cap } from "./words.ts";

export const PERSONAS = [
  { style: "formal", open: ["Good morning.", "Hello.", ""], close: ["Thank you.", "Thanks in advance.", ""] },
  { style: "casual", open: ["Hey!", "Hi there!", ""], close: ["Thanks!", "Cheers.", ""] },
  { style: "terse", open: [""], close: [""] },
] as const;
export type Persona = (typeof PERSONAS)[number];

/** A user turn from its clauses, in the persona's register. */
export function request(clauses: readonly string[], persona: Persona, rng: Rng): string {
  const body =
    clauses.length === 1
      ? (clauses[0] as string)
      : clauses.length === 2
        ? `${clauses[0]}, ${rng.pick(["and then", "then", "and after that"])} ${clauses[1]}`
        : `${clauses.slice(0, -1).join(", then ")}, and finally ${clauses[clauses.length - 1]}`;
  const form = rng.int(0, 3);
  const sentence = form === 0 ? `Please ${body}.` : form === 1 ? `Could you ${body}?` : form === 2 ? `I need you to ${body}.` : `${cap(body)}.`;
  return [rng.pick(persona.open), sentence, rng.pick(persona.close)].filter(Boolean).join(" ");
}

/**
 * How to ask for a value of each class; a class without asks is never left out. Each ask uses a
 * word of its class's `askWords` (classes.ts), the words the reward recognises asking by.
 */
const ASKS: Partial<Record<ValueClass, readonly string[]>> = {
  money: ["How much should it be?", "How much would you like to use?", "What sum did you have in mind?"],
  quantity: ["How many would you like?", "How many should I use?"],
  date: ["For which date?", "Which day did you have in mind?", "What day should I use?"],
  instant: ["What time should it be?", "When should it be?", "What date and time would you like?"],
  time_of_day: ["At what time of day?", "What time should it run?"],
  duration: ["How long should it be?", "For how long?"],
  email: ["Who should it go to?", "Which address should I send it to?", "Who should I include?"],
  phone: ["What number should I use?", "Which number can they be reached at?"],
  person: ["Who is it for?", "Whose name should I put down?"],
  title: ["What should I call it?", "What title would you like for it?", "What would you like to name it?"],
  text: ["What should it say?", "What would you like it to say?", "What should I write?"],
  path: ["Where should it go?", "Which location should I use?", "Where should I put it?"],
  percent: ["What percentage would you like?", "How high should I set it?"],
  level: ["What level would you like?", "How high should I set it?"],
  temperature: ["What temperature would you like?", "How warm should it be?"],
  rating: ["How many stars would you give it?", "What rating would you like to give?"],
  reason: ["Could you tell me why?", "What's behind the request?"],
  city: ["Which city?", "In which city?", "Where should I look?", "Which town did you have in mind?"],
  address: ["What's the address?", "Where exactly is it?"],
  secret: ["What's the code?", "Could you give me the code to use?"],
  query: ["What should I look for?", "What should I search for?"],
  url: ["Which web address should I use?"],
};

const SUPPLIES: Partial<Record<ValueClass, readonly string[]>> = {
  title: ["Call it {v}.", "{v}, please.", "Let's go with {v}."],
  text: ["It should say {v}", "Write {v}", "Say {v}"],
  email: ["Send it to {v}.", "Use {v}.", "{v}, please."],
  date: ["{v}.", "On {v}.", "Let's do {v}."],
  instant: ["At {v}.", "{v}, please.", "Make it {v}."],
  money: ["{v}.", "Make it {v}.", "{v}, please."],
  path: ["Put it at {v}.", "Use {v}.", "{v}, please."],
  reason: ["The reason is {v}.", "{v}.", "Put down {v}."],
};
const SUPPLY_DEFAULT = ["{v}.", "Use {v}.", "{v}, please.", "Let's go with {v}."];

/** The asks for a parameter that do not name it. */
export function asksOf(tool: Tool, p: ParamInfo): readonly string[] {
  return (ASKS[paramClass(tool, p)] ?? []).filter((a) => !namesParameter(a, p.name));
}

/** Whether the assistant can ask for this parameter naturally (and so whether it can be left out). */
export function askable(tool: Tool, p: ParamInfo): boolean {
  return asksOf(tool, p).length > 0;
}

/** The assistant asking for a left-out value, in words that never name the parameter. */
export function askFor(tool: Tool, p: ParamInfo, rng: Rng): string | undefined {
  const asks = asksOf(tool, p);
  return asks.length ? rng.pick(asks) : undefined;
}

/** The user giving the value in the next turn. */
export function supply(tool: Tool, p: ParamInfo, value: unknown, rng: Rng): string {
  const cls = paramClass(tool, p);
  const said = spoken(p, value, cls);
  const template = rng.pick(SUPPLIES[cls] ?? SUPPLY_DEFAULT);
  const text = template.replace("{v}", said);
  const sentence = /[.!?"”]$/.test(text) ? text : `${text}.`;
  // A sentence that opens with the value keeps it as given (an address, a path).
  return template.startsWith("{v}") ? sentence : cap(sentence);
}

export const DECLINE = [
  "I'm sorry, but I can't do that with the tools I have here.",
  "That's not something I'm able to do with the tools available to me.",
  "Unfortunately none of my tools can handle that request.",
];

export function systemPrompt(userName: string, today: string, weekday: string, persona: Persona): string {
  return `You are a helpful assistant working for ${userName}. Today is ${cap(weekday)}, ${today}. Use the tools to act on the user's behalf; look up ids you are not given, ask when a required value is missing, and say so when no tool can do what is asked.${persona.style === "terse" ? " Keep answers short." : ""}`;
}
