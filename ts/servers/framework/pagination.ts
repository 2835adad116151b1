/**
 * Cursor pagination, the same for every list in every domain: a model never receives an
 * unbounded result, and `next_cursor` tells it how to continue.
 */
import { fail } from "./errors.ts";
import type { PageArgs } from "./params.ts";
import type { Page } from "./table.ts";

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === "") return 0;
  const m = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m)
    fail(`cursor "${cursor.slice(0, 40)}" is not valid: pass the next_cursor of the previous page, or omit cursor for the first page`, "invalid_argument");
  return Number(m[1]);
}

/** One page of an already computed list (search hits, lines of a file…). */
export function paginate<T>(items: readonly T[], args: PageArgs): Page<T> {
  const offset = decodeCursor(args.cursor);
  const end = offset + args.limit;
  return {
    items: items.slice(offset, end),
    total: items.length,
    ...(end < items.length ? { next_cursor: encodeCursor(end) } : {}),
  };
}
