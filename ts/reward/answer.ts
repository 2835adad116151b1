/** What the assistant says: the facts a reply must state, and whether a reply asks a question. */

/** Lowercase, thousands separators and currency signs dropped, whitespace collapsed. */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/[$€£]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const NUMBER = /-?\d+(?:\.\d+)?/g;

/** Whether `reply` states `fact`: as text, or for a number, any number in the reply equal to it. */
export function states(reply: string, fact: string): boolean {
  const r = normalize(reply);
  const f = normalize(fact);
  if (f === "") return true;
  if (r.includes(f)) return true;
  if (/^-?\d+(?:\.\d+)?$/.test(f)) {
    const want = Number(f);
    return (r.match(NUMBER) ?? []).some((n) => Math.abs(Number(n) - want) < 0.005);
  }
  return false;
}

/** R_answer: the share of a turn's facts that its replies state (1 when there are none). */
export function rAnswer(facts: readonly string[], replies: readonly string[]): number {
  if (facts.length === 0) return 1;
  const text = replies.join("\n");
  return facts.filter((f) => states(text, f)).length / facts.length;
}

const ASKING = /\?|\b(could you|can you|would you|please (provide|tell|share|confirm|let me know|specify)|which (one|account|of)|what is the|let me know)\b/i;

/** Whether a reply asks the user for something (the right move when a required value is missing). */
export function asks(reply: string): boolean {
  return ASKING.test(reply);
}
