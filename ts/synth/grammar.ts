/**
 * A checker for the English that synthesis writes: requests, clarification asks and answers,
 * replies. Template bugs show up as a handful of mechanical faults — a doubled or misplaced
 * article ("the my listings", "reserve a for pickup"), "a" before a vowel sound ("a amount"),
 * an empty slot ("with ." / "for and"), a parameter name leaking into the text ("customer_phone"),
 * "undefined" — and each has a rule here. Quoted text, ids, emails, paths and URLs are the
 * user's data, not our grammar, so they are masked before the rules run.
 */

export interface GrammarProblem {
  rule: string;
  /** The offending stretch of (masked) text. */
  at: string;
}

/** Words that are only determiners (not also pronouns: "send that to…", "give her a…"). */
const DETERMINERS = "a|an|the|my|your|its|our|their";
/** Words that never follow a determiner directly. */
const NOT_AFTER_DETERMINER = "a|an|the|my|your|our|their|of|for|with|to|from|by|at|into|onto|and|or|but|as|between|about";

const RULES: Array<{ rule: string; re: RegExp }> = [
  { rule: "doubled word", re: /\b(a|an|the|to|of|for|with|and|from|in|on|at|by|my|is|it)\s+\1\b/gi },
  { rule: "determiner before a determiner or preposition", re: new RegExp(`\\b(?:${DETERMINERS})\\s+(?:${NOT_AFTER_DETERMINER})\\b`, "gi") },
  { rule: "empty slot", re: /\b(?:with|from|of|by|as|into|called|named|titled|saying|and|or|the|a|an)\s*(?:[,;:)]|$)/gi },
  { rule: "empty slot", re: /\b(?:with|by|between|called|named|titled|saying|and|or|the|a|an|my|your)\s*[.?!]/gi },
  { rule: "empty slot", re: /\(\s*\)|""|“”|''|,\s*,|\.\s*\.(?!\.)/g },
  { rule: "leaked placeholder", re: /\b(?:undefined|null|NaN|Infinity)\b|\[object|\{\w*\}|\$\{/g },
  { rule: "snake_case name (a parameter or a raw enum value)", re: /\b[a-z]+(?:_[a-z0-9]+)+\b/g },
  { rule: "dangling verb", re: /\b(?:the|a|an)\s+(?:off|on|up|down|out)\s+of\b/gi },
  { rule: "possessive after a determiner", re: /\b(?:the|a|an)\s+(?:my|your|our|their|his|her)\b/gi },
  { rule: "capital letter needed", re: /^[a-z]/g },
  { rule: "space before punctuation", re: /\s+[,.!?;:](?=\s|$)/g },
];

/** "a" before a vowel sound, "an" before a consonant sound; exceptions by sound, not letter. */
const VOWEL_SOUND_CONSONANT = /^(?:uni|use|usu|uti|ure|eu|one|once|ubi|u[bcdfgklmnprstvxz][aeiou])/i;
const CONSONANT_SOUND_VOWEL = /^(?:hour|honest|honou?r|heir)/i;
/** Letters read out one by one ("an SKU", "a PDF"). */
const SPOKEN_LETTERS = /^[A-Z]{2,5}s?$/;

export function startsWithVowelSound(whole: string): boolean {
  const word = whole.split("-")[0] || whole;
  if (SPOKEN_LETTERS.test(word)) return /^[AEFHILMNORSX]/.test(word);
  if (/^\d/.test(word)) return /^(?:8|11(?!\d)|18(?!\d))/.test(word);
  if (CONSONANT_SOUND_VOWEL.test(word)) return true;
  if (VOWEL_SOUND_CONSONANT.test(word)) return false;
  return /^[aeiou]/i.test(word);
}

/** Quoted text, ids, emails, paths, URLs, handles and times become neutral tokens. */
export function maskData(text: string): string {
  return text
    .replace(/"[^"]*"|“[^”]*”|'[^' ][^']*'(?=[\s,.;:!?)]|$)/g, "QUOTED")
    .replace(/https?:\/\/\S+/g, "LINK")
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, "MAIL")
    .replace(/(?:^|\s)(?:~|\.{1,2})?\/[^\s,;)]*/g, " PATH")
    .replace(/@[\w.]+\w/g, "HANDLE")
    .replace(/\b[A-Za-z]+[-_]\d[\w-]*/g, "ID")
    .replace(/#[\w-]+/g, "CHANNEL");
}

/** Every problem found; an empty list means the text passes. */
export function grammarProblems(text: string): GrammarProblem[] {
  const out: GrammarProblem[] = [];
  const masked = maskData(text.trim());
  for (const { rule, re } of RULES) {
    for (const m of masked.matchAll(re)) out.push({ rule, at: m[0] });
  }
  for (const m of masked.matchAll(/\b(a|an|A|An)\s+([A-Za-z0-9][\w-]*)/g)) {
    const article = (m[1] as string).toLowerCase();
    const word = m[2] as string;
    // Masked tokens stand for data, whose first sound we do not know.
    if (/^(?:QUOTED|LINK|MAIL|PATH|HANDLE|CHANNEL|ID)$/.test(word)) continue;
    const vowel = startsWithVowelSound(word);
    if (article === "a" && vowel) out.push({ rule: `"a" before a vowel sound`, at: m[0] });
    if (article === "an" && !vowel) out.push({ rule: `"an" before a consonant sound`, at: m[0] });
  }
  return out;
}

/** Whether `text` names a parameter: its snake_case name, or that name in words ("customer phone"). */
export function namesParameter(text: string, param: string): boolean {
  const lower = text.toLowerCase();
  const spaced = param.replace(/_/g, " ");
  const re = (s: string) => new RegExp(`(^|[^a-z0-9_])${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}s?([^a-z0-9_]|$)`);
  return re(param).test(lower) || re(spaced).test(lower);
}
