/** Case-insensitive text matching and orderings that list tools share. */

/** True when any of the fields contains the query, ignoring case and surrounding spaces. */
export function matchesText(query: string | undefined, ...fields: ReadonlyArray<string | undefined>): boolean {
  if (query === undefined) return true;
  const q = query.trim().toLowerCase();
  return q === "" || fields.some((f) => f?.toLowerCase().includes(q));
}

type Keyed<K extends string> = { readonly [P in K]?: unknown };

/** Comparator by a field, ascending (strings, numbers and ISO times all compare correctly). */
export function ascending<K extends string>(field: K): (a: Keyed<K>, b: Keyed<K>) => number {
  return (a, b) => compare(a[field], b[field]);
}

/** Comparator by a field, descending: `newest first` when the field is a timestamp. */
export function descending<K extends string>(field: K): (a: Keyed<K>, b: Keyed<K>) => number {
  return (a, b) => compare(b[field], a[field]);
}

function compare(x: unknown, y: unknown): number {
  if (x === y) return 0;
  if (x === undefined || x === null) return 1;
  if (y === undefined || y === null) return -1;
  return (x as number | string) < (y as number | string) ? -1 : 1;
}

/**
 * Levenshtein distance, for "did you mean" hints. `max` bounds the work on model input: when the
 * lengths alone differ by more than `max` the answer is `Infinity` without comparing further.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return Number.POSITIVE_INFINITY;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

const withoutDigits = (s: string) => s.replace(/\d/g, "");

/**
 * The candidates a mistyped value most likely meant, best first: an exact match ignoring case
 * if there is one, else the nearest within a small edit distance (1 per 4 characters, at least
 * 1; at most `limit` of them, all equally near). Candidates that differ from the value only in digits are never offered:
 * "ACC-1049" for "ACC-1094" (or "ACC-104") would be a guess at another entity, not a spelling fix.
 */
export function closestMatches(value: string, candidates: Iterable<string>, limit = 3): string[] {
  const want = value.trim().slice(0, 256);
  const lower = want.toLowerCase();
  const max = Math.max(1, Math.floor(want.length / 4));
  const near: Array<{ c: string; d: number }> = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === lower) return [c];
    if (withoutDigits(cl) === withoutDigits(lower)) continue;
    const d = editDistance(lower, cl, max);
    if (d <= max) near.push({ c, d });
  }
  const best = Math.min(...near.map((x) => x.d));
  return near
    .filter((x) => x.d === best)
    .slice(0, limit)
    .map((x) => x.c);
}

/** At most `max` characters of `s`, ending in "…" when cut: for quoting a title or message in a description. */
export function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
