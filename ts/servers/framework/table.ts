/**
 * Entity tables: how a domain declares its state, and the API its tools use to read and write it.
 *
 * A domain's state is a set of tables of entities (accounts, messages, files…). Tools see each
 * table through `Table<E>`, which reads like direct access to a collection while the session's
 * state engine (ts/env/state) keeps writes O(1), forks free and every call transactional.
 */
import type { z } from "zod";
import type { PageArgs } from "./params.ts";

export type Entity = Record<string, unknown>;

export interface TableOptions<E> {
  /** Field that identifies an entity (default "id"). */
  key?: keyof E & string;
  /** Prefix of ids minted for new entities, e.g. "ACC-" gives "ACC-1043". */
  idPrefix?: string;
  /** Digits of the numeric part of minted ids (default 4). */
  idDigits?: number;
  /** An example key shown to models in parameter descriptions (default: prefix + digits). */
  example?: string;
  /** The entity in words, as a user would name it: "the savings account ending in 4471". */
  describe: (entity: E) => string;
}

export interface TableDef<S extends z.ZodObject = z.ZodObject> {
  /** Singular entity kind, used by `ref()` parameters and tools' `produces`/`discovers`. */
  readonly kind: string;
  readonly schema: S;
  readonly key: string;
  readonly idPrefix: string;
  readonly idDigits: number;
  readonly example: string;
  readonly describe: (entity: z.output<S>) => string;
}

/** Declares a table of entities of one kind. */
export function table<S extends z.ZodObject>(kind: string, schema: S, opts: TableOptions<z.output<S>>): TableDef<S> {
  const key = opts.key ?? "id";
  if (!(key in schema.shape)) throw new Error(`table "${kind}": key field "${key}" is not in its schema`);
  const idPrefix = opts.idPrefix ?? "";
  const idDigits = opts.idDigits ?? 4;
  return {
    kind,
    schema,
    key,
    idPrefix,
    idDigits,
    example: opts.example ?? `${idPrefix}${10 ** (idDigits - 1) + 42}`,
    describe: opts.describe,
  };
}

export type Tables = Record<string, TableDef>;
export type EntityOf<D extends TableDef> = z.output<D["schema"]>;

export interface Page<E> {
  items: E[];
  /** Number of matching entities across all pages. */
  total: number;
  /** Pass as `cursor` to get the next page; absent on the last page. */
  next_cursor?: string;
}

export interface ListOptions<E> {
  where?: (entity: E) => boolean;
  /** Order of results; default is the table's order (seeded entities first, then by creation). */
  sort?: (a: E, b: E) => number;
}

/** What a tool sees of one table. Entities are frozen: write a changed copy with `update`/`put`. */
export interface Table<E extends Entity> {
  readonly kind: string;
  get(key: string): E | undefined;
  /** The entity, or a not_found tool error that tells the model how to find valid keys. */
  need(key: string): E;
  has(key: string): boolean;
  find(where: (entity: E) => boolean): E | undefined;
  filter(where: (entity: E) => boolean): E[];
  all(): E[];
  count(where?: (entity: E) => boolean): number;
  /** One page of results: `{ items, total, next_cursor }`. */
  page(args: PageArgs, opts?: ListOptions<E>): Page<E>;
  /** Adds a new entity with a freshly minted key (`idPrefix` + sequence). */
  create(fields: Omit<E, "id">): E;
  /** Adds a new entity with the key it carries; fails if the key is taken. */
  insert(entity: E): E;
  /** Writes an entity under its key, replacing any existing one. */
  put(entity: E): E;
  update(key: string, patch: Partial<E> | ((entity: E) => E)): E;
  delete(key: string): E;
  /** The key the next `create` would mint (for messages that name it). */
  peekId(): string;
}
