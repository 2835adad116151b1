/**
 * Address matching for geocoding and autocomplete: text is folded (case, accents, punctuation,
 * common abbreviations) into words; a candidate scores by how many of the query's words it holds
 * exactly, as a prefix or one typo away, plus the share of letter trigrams both have, so an
 * unknown address still ranks the closest real ones first. All of it is linear in the input.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  st: "street",
  str: "strasse",
  ave: "avenue",
  av: "avenue",
  rd: "road",
  blvd: "boulevard",
  dr: "drive",
  ln: "lane",
  hwy: "highway",
  pl: "place",
  sq: "square",
  ctr: "center",
  centre: "center",
  mt: "mount",
  nyc: "new york",
  sf: "san francisco",
};

export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .replace(/straße/g, "strasse")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function words(text: string): string[] {
  const out: string[] = [];
  for (const w of fold(text).split(" ")) {
    if (!w) continue;
    const expanded = ABBREVIATIONS[w] ?? w;
    for (const part of expanded.split(" ")) out.push(part);
  }
  return out;
}

/** True when a and b differ by at most one insertion, deletion or substitution. O(length). */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function wordScore(q: string, candidate: readonly string[]): number {
  let best = 0;
  for (const w of candidate) {
    if (w === q) return 1;
    if (/^\d+$/.test(q)) continue; // house numbers match exactly or not at all
    if (q.length >= 3 && w.startsWith(q)) best = Math.max(best, 0.8);
    else if (q.length >= 4 && withinOneEdit(q, w)) best = Math.max(best, 0.7);
  }
  return best;
}

function trigrams(text: string): Set<string> {
  const s = ` ${fold(text)} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

export interface MatchScore {
  /** Share of the query's words found in the candidate (1 = every word matched exactly). */
  words: number;
  /** Combined score used for ranking, 0–1. */
  score: number;
  exact: boolean;
}

/** The words and trigrams of a candidate text, computed once per text. */
export interface Features {
  words: string[];
  grams: Set<string>;
}

const featureCache = new Map<string, Features>();

export function featuresOf(text: string): Features {
  let f = featureCache.get(text);
  if (!f) {
    f = { words: words(text), grams: trigrams(text) };
    if (featureCache.size > 50_000) featureCache.clear();
    featureCache.set(text, f);
  }
  return f;
}

export class Matcher {
  private readonly queryWords: string[];
  private readonly queryGrams: Set<string>;

  constructor(query: string) {
    this.queryWords = words(query).slice(0, 24);
    this.queryGrams = trigrams(query.slice(0, 200));
  }

  get empty(): boolean {
    return this.queryWords.length === 0;
  }

  score(candidateText: string): MatchScore {
    const { words: cw, grams } = featuresOf(candidateText);
    let sum = 0;
    let exact = true;
    for (const q of this.queryWords) {
      const s = wordScore(q, cw);
      if (s < 1) exact = false;
      sum += s;
    }
    const wordShare = this.queryWords.length ? sum / this.queryWords.length : 0;
    let shared = 0;
    for (const g of this.queryGrams) if (grams.has(g)) shared++;
    const dice = this.queryGrams.size + grams.size ? (2 * shared) / (this.queryGrams.size + grams.size) : 0;
    return { words: wordShare, score: Math.round((0.75 * wordShare + 0.25 * dice) * 1000) / 1000, exact: exact && this.queryWords.length > 0 };
  }

  /** Every query word is the start of some word of the candidate (autocomplete). */
  prefixOf(candidateText: string): boolean {
    const cw = featuresOf(candidateText).words;
    return this.queryWords.length > 0 && this.queryWords.every((q) => cw.some((w) => w.startsWith(q)));
  }
}
