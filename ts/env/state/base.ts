/**
 * Frozen base tables: a domain's seeded initial state, generated once per (domain, seed) and
 * shared by every session and fork that starts from it.
 */
import type { Domain, SeedContext } from "../../servers/framework/domain.ts";
import { Lru, SEEDS_KEPT } from "../../servers/framework/lru.ts";
import { Rng } from "../../servers/framework/rng.ts";
import type { Entity, TableDef } from "../../servers/framework/table.ts";
import { deepFreeze, worldFor } from "../../servers/framework/world.ts";
import { add, hashOf, type Lanes } from "./hash.ts";

export class BaseTable {
  readonly rows: ReadonlyMap<string, Entity>;
  readonly order: readonly string[];
  readonly nextSeq: number;
  private hashMemo: Lanes | undefined;
  /** Entity hash terms, by entity object; shared by every session over this base. */
  private readonly terms = new WeakMap<Entity, Lanes>();
  private readonly seqTerms = new Lru<Lanes>(256);

  constructor(
    readonly domain: string,
    readonly name: string,
    readonly def: TableDef,
    entities: readonly Entity[],
  ) {
    const rows = new Map<string, Entity>();
    let maxSeq = 10 ** (def.idDigits - 1);
    for (const raw of entities) {
      const parsed = def.schema.safeParse(raw);
      if (!parsed.success) {
        throw new Error(`${domain}.${name}: seeded ${def.kind} is invalid: ${parsed.error.message}\n${JSON.stringify(raw)}`);
      }
      const entity = deepFreeze(parsed.data as Entity);
      const key = String(entity[def.key]);
      if (rows.has(key)) throw new Error(`${domain}.${name}: seeded two ${def.kind}s with key ${key}`);
      rows.set(key, entity);
      const seq = seqOf(def, key);
      if (seq !== undefined && seq > maxSeq) maxSeq = seq;
    }
    this.rows = rows;
    this.order = [...rows.keys()];
    this.nextSeq = maxSeq + 1;
  }

  /**
   * Sum of the entity terms plus the id-sequence term, computed when first asked: hashing every
   * seeded entity is ~40 % of seeding, and a replay that only compares states never asks.
   */
  get hash(): Lanes {
    if (!this.hashMemo) {
      let hash = this.seqTerm(this.nextSeq);
      for (const [key, entity] of this.rows) hash = add(hash, this.term(key, entity));
      this.hashMemo = hash;
    }
    return this.hashMemo;
  }

  /** Hash term of one entity stored under `key` in this table. */
  term(key: string, entity: Entity): Lanes {
    let t = this.terms.get(entity);
    if (!t) {
      t = hashOf(`${this.domain}/${this.name}/${key}`, entity);
      this.terms.set(entity, t);
    }
    return t;
  }

  /** Hash term of the table's id sequence at `seq`; forks of one state mint the same ids, so recent ones are kept. */
  seqTerm(seq: number): Lanes {
    const key = String(seq);
    return this.seqTerms.getOrSet(key, () => hashOf(`${this.domain}/${this.name}#seq`, seq));
  }
}

/** The numeric part of a key minted in this table's format, if it has one. */
function seqOf(def: TableDef, key: string): number | undefined {
  if (!key.startsWith(def.idPrefix)) return undefined;
  const rest = key.slice(def.idPrefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}

export function mintKey(def: TableDef, seq: number): string {
  return `${def.idPrefix}${String(seq).padStart(def.idDigits, "0")}`;
}

/**
 * The seeded base tables of each (domain, seed), generated once and shared by every session and
 * fork that starts from them. An environment owns one, so two environments never share seeds,
 * and it is keyed by the domain object itself: two domains that happen to share a name (a test's
 * and the library's) never see each other's state. Small LRU caches bound the memory.
 */
export class SeedCache {
  private readonly bases = new Lru<ReadonlyMap<string, BaseTable>>(SEEDS_KEPT);
  private readonly ids = new WeakMap<Domain, number>();
  private nextId = 0;

  /** `scale`: the seeds' size knob (SeedContext.scale), the same for every base of this cache. */
  constructor(readonly scale = 1) {
    if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SEED_SCALE)
      throw new Error(`the seed scale is a whole number from 1 to ${MAX_SEED_SCALE}, got ${scale}`);
  }

  /** The base tables of `domain` for `seed`, generated on first use. */
  tables(domain: Domain, seed: string): ReadonlyMap<string, BaseTable> {
    const key = `${this.idOf(domain)}@${seed}`;
    return this.bases.getOrSet(key, () => generate(domain, seed, this.scale));
  }

  /** A key naming these domain objects (in this order) and seed, for caches built over them. */
  keyOf(domains: readonly Domain[], seed: string): string {
    return `${domains.map((d) => this.idOf(d)).join(",")}@${seed}`;
  }

  private idOf(domain: Domain): number {
    let id = this.ids.get(domain);
    if (id === undefined) this.ids.set(domain, (id = this.nextId++));
    return id;
  }
}

/** The largest seed scale: 100× the file system is ~40 MB of seeded state per (domain, seed). */
export const MAX_SEED_SCALE = 100;

function generate(domain: Domain, seed: string, scale: number): ReadonlyMap<string, BaseTable> {
  const counters = new Map<string, number>();
  const ctx: SeedContext = {
    rng: Rng.from(seed).fork(`domain:${domain.name}`),
    world: worldFor(seed),
    scale,
    id(table) {
      const def = domain.tables[table];
      if (!def) throw new Error(`${domain.name}: seed asked an id for unknown table "${table}"`);
      const seq = (counters.get(table) ?? 10 ** (def.idDigits - 1)) + 1;
      counters.set(table, seq);
      return mintKey(def, seq);
    },
  };
  const rows = domain.seed(ctx);
  for (const name of Object.keys(rows)) {
    if (!domain.tables[name]) throw new Error(`${domain.name}: seed returned rows for unknown table "${name}"`);
  }
  const out = new Map<string, BaseTable>();
  for (const [name, def] of Object.entries(domain.tables)) {
    out.set(name, new BaseTable(domain.name, name, def, rows[name] ?? []));
  }
  return out;
}
