/**
 * The state engine: per-session overlays of changed entities over frozen, shared base tables.
 *
 * - A session's state is a map of table states; each holds the frozen base (the seed) and an
 *   overlay of the entities written since. Reads look in the overlay, then the base.
 * - Fork is O(1) and copies nothing: parent and child share the map and its overlays and both
 *   lose ownership of them (a new generation number each). The first write of either after the
 *   fork copies the table map and that one table's overlay (entities changed since the seed,
 *   usually a handful); later writes are O(1) Map operations.
 * - Every tool call runs in a transaction (`Tx`): writes collect in per-table pending maps and
 *   are applied only when the tool returns, so a failing call changes nothing.
 * - The hash is incremental (see hash.ts) and lazy: a commit only notes which entities changed;
 *   asking for the hash folds those notes into the table's memo, O(entities changed since the
 *   last ask), so neither a long session nor a large overlay makes a step's hash slower.
 *
 * Measured alternatives (bench/state-engine.bench.ts): structural sharing over plain objects
 * copies the whole table per write; a persistent hash map is O(log n) but slower per read and
 * write than an overlay of a few entries. The overlay wins on GRPO workloads: many forks of one
 * state, each with a few writes.
 */
import type { Db, Domain } from "../../servers/framework/domain.ts";
import { ToolError } from "../../servers/framework/errors.ts";
import { paginate } from "../../servers/framework/pagination.ts";
import type { PageArgs } from "../../servers/framework/params.ts";
import type { Entity, ListOptions, Page, Table, TableDef } from "../../servers/framework/table.ts";
import { closestMatches } from "../../servers/framework/text.ts";
import { fromMs, toMs } from "../../servers/framework/time.ts";
import { deepFreeze, worldFor } from "../../servers/framework/world.ts";
import { Lru } from "../../servers/framework/lru.ts";
import { mintKey, type BaseTable, type SeedCache } from "./base.ts";
import { canonicalJson } from "./canonical.ts";
import { add, hashOf, hex, sub, type Lanes } from "./hash.ts";

interface TableState {
  readonly base: BaseTable;
  /** Entities written since the seed; null marks a deleted base entity. */
  readonly overlay: Map<string, Entity | null>;
  nextSeq: number;
  /** Generation allowed to mutate this state in place; 0 = shared by all, copy before writing. */
  readonly owner: number;
  /** Hash of the table as of the last fold (undefined: the base's, not computed until asked); `unfolded` holds the changes since. */
  memo: Lanes | undefined;
  /** Entity changes not yet in `memo`: key, value before, value after (undefined: absent). */
  unfolded: Delta[];
  /** `nextSeq` as of `memo`. */
  memoSeq: number;
}

type Delta = readonly [key: string, before: Entity | undefined, after: Entity | undefined];

/** One state path a call changed, as a JSON Pointer: /banking/accounts/ACC-1004/balance. */
export interface Change {
  path: string;
  op: "create" | "update" | "delete";
}

let generation = 0;
/** Changes a table notes before it folds them into its hash unasked. */
const MAX_UNFOLDED = 64;
const EMPTY_OVERLAY: Map<string, Entity | null> = new Map();

/** Sessions that start from the same domains and seed share one table map until they write (per seed cache, keyed by its keys). */
const templates = new WeakMap<SeedCache, Lru<Map<string, TableState>>>();
const TEMPLATE_CACHE_LIMIT = 64;

export class SessionState {
  private gen = ++generation;
  /** The last hash asked for, until the next write or clock move. */
  private hashMemo: string | undefined;
  /** `now` of `nowClock`: the clock is formatted once per value, not once per call. */
  private nowText = "";
  private nowClock = Number.NaN;

  private constructor(
    readonly seed: string,
    readonly domains: readonly Domain[],
    private tables: Map<string, TableState>,
    private tablesOwner: number,
    private clock: number,
  ) {}

  /** A session's state at its seed; `seeds` (the environment's) holds the generated base tables. */
  static create(domains: readonly Domain[], seed: string, seeds: SeedCache): SessionState {
    let byKey = templates.get(seeds);
    if (!byKey) templates.set(seeds, (byKey = new Lru(TEMPLATE_CACHE_LIMIT)));
    const key = seeds.keyOf(domains, seed);
    let tables = byKey.get(key);
    if (!tables) {
      tables = new Map();
      for (const d of domains) {
        for (const [name, base] of seeds.tables(d, seed)) {
          tables.set(`${d.name}/${name}`, {
            base,
            overlay: EMPTY_OVERLAY,
            nextSeq: base.nextSeq,
            owner: 0,
            memo: undefined,
            unfolded: [],
            memoSeq: base.nextSeq,
          });
        }
      }
      byKey.set(key, tables);
    }
    return new SessionState(seed, domains, tables, 0, toMs(worldFor(seed).now));
  }

  /** A copy that shares everything with this state; both copy on their next write. */
  fork(): SessionState {
    const child = new SessionState(this.seed, this.domains, this.tables, this.tablesOwner, this.clock);
    child.hashMemo = this.hashMemo;
    this.gen = ++generation;
    return child;
  }

  get now(): string {
    if (this.nowClock !== this.clock) {
      this.nowText = fromMs(this.clock);
      this.nowClock = this.clock;
    }
    return this.nowText;
  }

  /** Moves the logical clock forward (writes do so by one tick; trainers may skip time). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError("the clock only moves forward");
    if (ms > 0) this.hashMemo = undefined;
    this.clock += ms;
  }

  begin(): Tx {
    return new Tx(this);
  }

  /** The table state under `key` ("banking/accounts"), for reads. */
  table(key: string): TableState {
    const ts = this.tables.get(key);
    if (!ts) throw new Error(`no table ${key} in this session`);
    return ts;
  }

  /** The table state under `key`, owned by this session (copied first if shared). */
  writable(key: string): TableState {
    if (this.tablesOwner !== this.gen) {
      this.tables = new Map(this.tables);
      this.tablesOwner = this.gen;
    }
    const ts = this.table(key);
    if (ts.owner === this.gen) return ts;
    const own: TableState = {
      base: ts.base,
      overlay: new Map(ts.overlay),
      nextSeq: ts.nextSeq,
      owner: this.gen,
      memo: ts.memo,
      unfolded: ts.unfolded.slice(),
      memoSeq: ts.memoSeq,
    };
    this.tables.set(key, own);
    return own;
  }

  /** Forgets the memoised hash (a commit changed the state). */
  changed(): void {
    this.hashMemo = undefined;
  }

  /** One entity, as it is now. */
  get(domain: string, table: string, key: string): Entity | undefined {
    return lookup(this.table(`${domain}/${table}`), key);
  }

  /** Stable hash of the whole state (entities, id sequences, clock). */
  hash(): string {
    if (this.hashMemo !== undefined) return this.hashMemo;
    let acc = clockTerm(this.clock);
    for (const ts of this.tables.values()) acc = add(acc, tableHash(ts));
    this.hashMemo = hex(acc);
    return this.hashMemo;
  }

  /** The whole state as plain data; canonicalJson() of it is byte-stable. */
  snapshot(): StateSnapshot {
    const domains: StateSnapshot["domains"] = {};
    const nextIds: Record<string, string> = {};
    for (const [key, ts] of this.tables) {
      const [domain, table] = key.split("/") as [string, string];
      const rows: Record<string, Entity> = {};
      for (const k of orderedKeys(ts)) {
        const e = lookup(ts, k);
        if (e) rows[k] = e;
      }
      (domains[domain] ??= {})[table] = rows;
      if (ts.base.def.idPrefix) nextIds[key] = mintKey(ts.base.def, ts.nextSeq);
    }
    return { clock: this.now, domains, next_ids: nextIds };
  }

  /**
   * Entities whose value differs from the seed: created (no `before`), deleted (no `now`) or
   * updated. O(entities written), read from the overlays.
   */
  *changedEntities(): Generator<{ domain: string; table: string; key: string; before?: Entity; now?: Entity }> {
    for (const [tableKey, ts] of this.tables) {
      const [domain, table] = tableKey.split("/") as [string, string];
      for (const [key, now] of ts.overlay) {
        const before = ts.base.rows.get(key);
        if (before === now || (before && now && canonicalJson(before) === canonicalJson(now))) continue;
        yield { domain, table, key, ...(before ? { before } : {}), ...(now ? { now } : {}) };
      }
    }
  }

  /** The value at a JSON Pointer: /domain/table/key (an entity) or /domain/table/key/field. */
  valueAt(pointer: string): unknown {
    const [domain, table, key, field] = parsePointer(pointer);
    if (domain === undefined || table === undefined || key === undefined) return undefined;
    const ts = this.tables.get(`${domain}/${table}`);
    const entity = ts ? lookup(ts, key) : undefined;
    return field === undefined ? entity : entity?.[field];
  }

  /** Entities changed since the seed, per table: how much memory this session holds of its own. */
  overlaySize(): number {
    let n = 0;
    for (const ts of this.tables.values()) n += ts.overlay.size;
    return n;
  }
}

export interface StateSnapshot {
  clock: string;
  domains: Record<string, Record<string, Record<string, Entity>>>;
  next_ids: Record<string, string>;
}

function lookup(ts: TableState, key: string): Entity | undefined {
  const o = ts.overlay.get(key);
  if (o === null) return undefined;
  return o ?? ts.base.rows.get(key);
}

function* orderedKeys(ts: TableState): Generator<string> {
  yield* ts.base.order;
  for (const k of ts.overlay.keys()) if (!ts.base.rows.has(k)) yield k;
}

/**
 * The table's hash: its memo with the changes since folded in. A table state shared with forks
 * may be folded in place too: folding changes how its hash is held, never its value.
 */
function tableHash(ts: TableState): Lanes {
  const { base } = ts;
  if (ts.unfolded.length === 0 && ts.memoSeq === ts.nextSeq) return ts.memo ?? base.hash;
  let h = ts.memo ?? base.hash;
  if (ts.nextSeq !== ts.memoSeq) h = add(sub(h, base.seqTerm(ts.memoSeq)), base.seqTerm(ts.nextSeq));
  for (const [k, before, after] of net(ts.unfolded)) {
    if (before === after) continue;
    if (before) h = sub(h, base.term(k, before));
    if (after) h = add(h, base.term(k, after));
  }
  ts.memo = h;
  ts.memoSeq = ts.nextSeq;
  ts.unfolded = [];
  return h;
}

/**
 * The changes with each key once, from its state before the first to its state after the last:
 * the terms of the states between would cancel, so a long-lived session (an account updated by
 * every transfer) does not hash versions nobody holds any more. A step's few changes are taken as they are.
 */
function net(changes: readonly Delta[]): Iterable<Delta> {
  if (changes.length <= 16) return changes;
  const byKey = new Map<string, Delta>();
  for (const [k, before, after] of changes) {
    const first = byKey.get(k);
    byKey.set(k, [k, first ? first[1] : before, after]);
  }
  return byKey.values();
}

/** Hash terms of recent clock values; the sessions of a group share them (they advance in step). */
const clockTerms = new Lru<Lanes>(4096);

function clockTerm(clock: number): Lanes {
  const key = String(clock);
  return clockTerms.getOrSet(key, () => hashOf("clock", clock));
}

/** RFC 6901 escaping of one JSON Pointer segment. */
export function pointerSegment(s: string): string {
  return s.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The unescaped segments of a JSON Pointer. */
export function parsePointer(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** A transaction: one tool call's reads and writes over a session state. */
export class Tx {
  private readonly open = new Map<string, TxTable>();

  constructor(readonly state: SessionState) {}

  table(domain: Domain, name: string): TxTable {
    const key = `${domain.name}/${name}`;
    let t = this.open.get(key);
    if (!t) {
      const def = domain.tables[name] as TableDef;
      t = new TxTable(key, this.state.table(key), def, notFoundHint(domain, def.kind));
      this.open.set(key, t);
    }
    return t;
  }

  db(domain: Domain): Db<Domain["tables"]> {
    return dbView(domain, this);
  }

  /** Applies every pending write to the session and returns the state paths that changed. */
  commit(): Change[] {
    const changes: Change[] = [];
    for (const t of this.open.values()) {
      let ts: TableState | undefined;
      const owned = () => (ts ??= this.state.writable(t.key));
      for (const [k, next] of t.pending) {
        const before = lookup(t.ts, k);
        const at = `/${t.key}/${pointerSegment(k)}`;
        if (next === null) {
          if (!before) continue;
          changes.push({ path: at, op: "delete" });
          if (t.ts.base.rows.has(k)) owned().overlay.set(k, null);
          else owned().overlay.delete(k);
          owned().unfolded.push([k, before, undefined]);
          continue;
        }
        if (!before) changes.push({ path: at, op: "create" });
        else {
          const fields = changedFields(before, next);
          if (fields.length === 0) continue;
          for (const f of fields) changes.push({ path: `${at}/${pointerSegment(f)}`, op: "update" });
        }
        owned().overlay.set(k, next);
        owned().unfolded.push([k, before, next]);
      }
      if (t.nextSeq !== t.ts.nextSeq) owned().nextSeq = t.nextSeq;
      if (ts) {
        this.state.changed();
        // A session nobody asks the hash of still holds only a bounded list of changes.
        if (ts.unfolded.length > MAX_UNFOLDED) tableHash(ts);
      }
    }
    return changes;
  }
}

function changedFields(a: Entity, b: Entity): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (typeof x === "object" && typeof y === "object" && x !== null && y !== null && canonicalJson(x) === canonicalJson(y)) continue;
    out.push(k);
  }
  return out.sort();
}

class TxTable implements Table<Entity> {
  readonly pending = new Map<string, Entity | null>();
  nextSeq: number;

  constructor(
    readonly key: string,
    readonly ts: TableState,
    readonly def: TableDef,
    private readonly hint: string,
  ) {
    this.nextSeq = ts.nextSeq;
  }

  get kind(): string {
    return this.def.kind;
  }

  get(key: string): Entity | undefined {
    const p = this.pending.get(key);
    if (p === null) return undefined;
    return p ?? lookup(this.ts, key);
  }

  need(key: string): Entity {
    const e = this.get(key);
    if (e) return e;
    const near = typeof key === "string" ? closestMatches(key, this.keys()) : [];
    const suggestion = near.length ? ` Did you mean ${near.map((k) => `'${k}'`).join(" or ")}?` : "";
    throw new ToolError("not_found", `${this.def.kind} '${key}' not found.${suggestion} ${this.hint}`.trim());
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  private *keys(): Generator<string> {
    for (const e of this.values()) yield String(e[this.def.key]);
  }

  /** The entities in order: the seed's, then those created since (this write's last). */
  private values(): Iterable<Entity> {
    // A table nothing has changed since the seed (most of a session's) is its seed's rows, in order.
    if (this.ts.overlay.size === 0 && this.pending.size === 0) return this.ts.base.rows.values();
    return this.changed();
  }

  private *changed(): Generator<Entity> {
    const { base, overlay } = this.ts;
    for (const k of base.order) {
      const e = this.get(k);
      if (e) yield e;
    }
    for (const k of overlay.keys()) {
      if (base.rows.has(k)) continue;
      const e = this.get(k);
      if (e) yield e;
    }
    for (const [k, e] of this.pending) {
      if (e && !base.rows.has(k) && !overlay.has(k)) yield e;
    }
  }

  find(where: (e: Entity) => boolean): Entity | undefined {
    for (const e of this.values()) if (where(e)) return e;
    return undefined;
  }

  filter(where: (e: Entity) => boolean): Entity[] {
    const out: Entity[] = [];
    for (const e of this.values()) if (where(e)) out.push(e);
    return out;
  }

  all(): Entity[] {
    return [...this.values()];
  }

  count(where?: (e: Entity) => boolean): number {
    let n = 0;
    for (const e of this.values()) if (!where || where(e)) n++;
    return n;
  }

  page(args: PageArgs, opts: ListOptions<Entity> = {}): Page<Entity> {
    const rows = opts.where ? this.filter(opts.where) : this.all();
    if (opts.sort) rows.sort(opts.sort);
    return paginate(rows, args);
  }

  peekId(): string {
    let seq = this.nextSeq;
    while (this.get(mintKey(this.def, seq))) seq++;
    return mintKey(this.def, seq);
  }

  create(fields: Omit<Entity, "id">): Entity {
    let key = mintKey(this.def, this.nextSeq++);
    while (this.get(key)) key = mintKey(this.def, this.nextSeq++);
    return this.write(key, { [this.def.key]: key, ...fields });
  }

  insert(entity: Entity): Entity {
    const key = String(entity[this.def.key]);
    if (this.get(key)) throw new ToolError("already_exists", `${this.def.kind} '${key}' already exists`);
    return this.write(key, entity);
  }

  put(entity: Entity): Entity {
    return this.write(String(entity[this.def.key]), entity);
  }

  update(key: string, patch: Partial<Entity> | ((e: Entity) => Entity)): Entity {
    const current = this.need(key);
    const next = typeof patch === "function" ? patch(current) : { ...current, ...patch };
    if (String(next[this.def.key]) !== key) throw new Error(`${this.key}: update of '${key}' changed its key field ${this.def.key}`);
    return this.write(key, next);
  }

  delete(key: string): Entity {
    const current = this.need(key);
    this.pending.set(key, null);
    return current;
  }

  private write(key: string, entity: Entity): Entity {
    // A state that breaks its own schema is a bug in the domain, not the model's fault: it
    // surfaces as an environment error and the transaction is dropped.
    const parsed = this.def.schema.safeParse(entity);
    if (!parsed.success) throw new Error(`${this.key}: ${this.def.kind} '${key}' would break the state schema: ${parsed.error.message}`);
    // zod returns a deep copy; keep the frozen nested values the entity already shared with the
    // state (they were validated when first written), so unchanged fields stay identical and
    // neither freezing nor the change diff walks them again.
    const data = parsed.data as Entity;
    for (const k of Object.keys(data)) {
      const v = entity[k];
      if (v !== null && typeof v === "object" && Object.isFrozen(v)) data[k] = v;
    }
    const frozen = deepFreeze(data);
    this.pending.set(key, frozen);
    return frozen;
  }
}

const hints = new WeakMap<Domain, Map<string, string>>();

/** "Call list_accounts to see valid account ids." — from the tools that discover the kind. */
function notFoundHint(domain: Domain, kind: string): string {
  let byKind = hints.get(domain);
  if (!byKind) hints.set(domain, (byKind = new Map()));
  let hint = byKind.get(kind);
  if (hint === undefined) {
    const tools = domain.tools.filter((t) => t.discovers.includes(kind)).map((t) => t.name);
    hint = tools.length ? `Call ${tools.join(" or ")} to see valid ${kind} ids.` : "";
    byKind.set(kind, hint);
  }
  return hint;
}

const TX = Symbol("tx");
const views = new WeakMap<Domain, new (tx: Tx) => object>();

/** An object with one property per table of `domain`, each resolving to that table in `tx`. */
function dbView(domain: Domain, tx: Tx): Db<Domain["tables"]> {
  let View = views.get(domain);
  if (!View) {
    View = class {
      [TX]: Tx;
      constructor(t: Tx) {
        this[TX] = t;
      }
    };
    for (const name of Object.keys(domain.tables)) {
      Object.defineProperty(View.prototype, name, {
        get(this: { [TX]: Tx }) {
          return this[TX].table(domain, name);
        },
      });
    }
    views.set(domain, View);
  }
  return new View(tx) as Db<Domain["tables"]>;
}
