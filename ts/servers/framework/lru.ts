/**
 * Bounded memory for caches whose keys come from clients (seeds, configurations): a map that
 * forgets its least recently used entry past a limit. What it caches must be a pure function of
 * the key, so that a forgotten entry rebuilt later is the same.
 */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: V): V {
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
    return value;
  }

  /** The value under `key`, built by `make` when missing. */
  getOrSet(key: string, make: () => V): V {
    return this.get(key) ?? this.set(key, make());
  }
}

/**
 * How many seeds' derived data (worlds, flight networks, hotel catalogues) a process keeps: a
 * session's seed is a client's choice, so an unbounded per-seed cache grows with every new seed
 * a client sends (a fuzzer sending random seeds made one grow for ever). As many as the
 * environment's seed cache keeps seeded bases.
 */
export const SEEDS_KEPT = 64;
