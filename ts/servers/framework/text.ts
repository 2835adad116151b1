/** Case-insensitive text matching and orderings that list tools share. */

/** True when any of the fields contains the query, ignoring case and surrounding spaces. */
export function matchesText(query: string | undefined, ...fields: ReadonlyArray<string | undefined>): boolean {
  if (query === undefined) return true;
  const q = query.trim().toLowerCase();
  return q === "" || fields.some((f) => f !== undefined && f.toLowerCase().includes(q));
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
