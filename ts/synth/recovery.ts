/**
 * FAILURE → retry with corrected arguments, read off the error message the way a model would.
 * Our tools' errors say what would be valid ("give either place_id or latitude and longitude",
 * "use a name such as thumbsup", "date_of_birth 2026-03-27 is not in the past"), so a generic
 * reader of those messages recovers most refusals without knowing any domain:
 * - parameters the message names that the call left out are added (one, for "either/one of");
 * - a value the message quotes as wrong is replaced by an example the message offers;
 * - a date the message calls past/future is moved to the other side of today.
 */
import type { ParamInfo, Tool } from "../servers/framework/index.ts";
import type { Rng } from "../servers/framework/rng.ts";
import { addDays } from "../servers/framework/time.ts";

export interface Correction {
  args: Record<string, unknown>;
  /** Parameters to add: the caller chooses their values (entities or generated values). */
  add: ParamInfo[];
  how: string;
}

const EXAMPLE = /(?:such as|e\.g\.,?|for example|like|use)\s+['"“]?([A-Za-z0-9_:@.+-]{2,40})['"”]?/gi;

export function correctFromError(tool: Tool, args: Record<string, unknown>, message: string, rng: Rng, today: string): Correction | undefined {
  const lower = message.toLowerCase();
  const mentioned = tool.params.filter((p) => !["limit", "cursor"].includes(p.name) && new RegExp(`(^|[^a-z_])${p.name}([^a-z_]|$)`).test(lower));

  // Parameters the message asks for that the call did not give.
  const missing = mentioned.filter((p) => args[p.name] === undefined);
  if (missing.length) {
    const oneOf = /either|one of|exactly one|or\b/.test(lower);
    // "either place_id or latitude and longitude": alternatives, each a group of parameters given together.
    const groups = lower
      .replace(/^.*?\beither\b/, "")
      .split(/\bor\b|,/)
      .map((part) => missing.filter((p) => new RegExp(`(^|[^a-z_])${p.name}([^a-z_]|$)`).test(part)))
      .filter((g) => g.length > 0);
    const add = oneOf ? (groups.length ? rng.pick(groups) : [rng.pick(missing)]) : missing;
    const keep = { ...args };
    // "not both": drop given alternatives when the message wants exactly one.
    if (/exactly one|not both/.test(lower)) for (const p of mentioned) if (!add.includes(p)) delete keep[p.name];
    return { args: keep, add, how: "corrected from the error (missing parameter)" };
  }

  // A given value the message rejects, with examples of valid ones.
  const examples = [...message.matchAll(EXAMPLE)].map((m) => m[1] as string).filter((x) => !/^(a|an|the|it)$/i.test(x));
  const wrong = Object.entries(args).find(([, v]) => typeof v === "string" && v.length > 1 && message.includes(v));
  if (wrong && examples.length) {
    return { args: { ...args, [wrong[0]]: rng.pick(examples) }, add: [], how: "corrected from the error (example value)" };
  }

  // A date on the wrong side of today.
  const date = Object.entries(args).find(([, v]) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) && message.includes(v.slice(0, 10)));
  if (date) {
    const past = /not in the past|must be in the past|before today/.test(lower);
    const future = !past && /in the past|today or later|future/.test(lower);
    if (past || future) {
      const shifted = past ? addDays(today, -rng.int(2000, 15000)) : addDays(today, rng.int(2, 30));
      const value = String(date[1]).length > 10 ? `${shifted}${String(date[1]).slice(10)}` : shifted;
      return { args: { ...args, [date[0]]: value }, add: [], how: "corrected from the error (date)" };
    }
  }

  // Names with a required shape: "lowercase … hyphens" → a slug.
  const shaped = Object.entries(args).find(([, v]) => typeof v === "string" && message.includes(v) && /lowercase|no spaces|without spaces/.test(lower));
  if (shaped)
    return {
      args: {
        ...args,
        [shaped[0]]: String(shaped[1])
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, ""),
      },
      add: [],
      how: "corrected from the error (name shape)",
    };
  return undefined;
}
