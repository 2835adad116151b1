/** The seed cache: keyed by the domain object, owned by an environment, bounded. */
import { describe, expect, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import { SeedCache } from "../../ts/env/state/base.ts";
import { Lru } from "../../ts/servers/framework/lru.ts";
import { defineDomain, table, toolkit, worldFor, z } from "../../ts/servers/framework/index.ts";
import { domains } from "../../ts/servers/index.ts";
import { hotelCatalog } from "../../ts/servers/maps/gazetteer.ts";

function notesDomain(title: string) {
  const tables = { notes: table("note", z.object({ id: z.string(), title: z.string() }), { idPrefix: "N-", describe: (n) => n.title }) };
  const { read } = toolkit(tables);
  let seeded = 0;
  const domain = defineDomain({
    name: "same_name",
    title,
    description: "Notes.",
    tables,
    seed: ({ id }) => {
      seeded++;
      return { notes: [{ id: id("notes"), title }] };
    },
    tools: {
      list_notes: read({ description: "The notes, one page at a time.", input: z.object({}).strict(), discovers: "note", run: (db) => db.notes.all() }),
    },
  });
  return { domain, seeded: () => seeded };
}

describe("SeedCache", () => {
  it("keeps two domains that share a name apart: each session sees its own domain's seed", () => {
    const a = notesDomain("from a");
    const b = notesDomain("from b");
    const seeds = new SeedCache();
    const ea = new Environment([a.domain], { seeds });
    const eb = new Environment([b.domain], { seeds });
    expect(ea.call(ea.create({ domains: ["same_name"], seed: 1 }).id, "list_notes", {}).result).toEqual([{ id: "N-1001", title: "from a" }]);
    expect(eb.call(eb.create({ domains: ["same_name"], seed: 1 }).id, "list_notes", {}).result).toEqual([{ id: "N-1001", title: "from b" }]);
  });

  it("generates a seed once per cache: sessions of one environment share it, another environment has its own", () => {
    const a = notesDomain("x");
    const env = new Environment([a.domain]);
    env.create({ domains: ["same_name"], seed: 1 });
    env.create({ domains: ["same_name"], seed: 1 });
    expect(a.seeded()).toBe(1);
    env.create({ domains: ["same_name"], seed: 2 });
    expect(a.seeded()).toBe(2);
    new Environment([a.domain]).create({ domains: ["same_name"], seed: 1 });
    expect(a.seeded()).toBe(3);
  });

  it("Lru forgets the least recently used entry past its limit", () => {
    const lru = new Lru<number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
  });

  // A session's seed is the client's choice: per-seed data must not grow with every new seed sent
  // (a soak's fuzzer, sending random seeds, grew the world cache without bound).
  it("keeps the worlds and hotel catalogues of at most 64 seeds, and rebuilds a forgotten one the same", () => {
    const first = worldFor("client-seed-0");
    const hotels = hotelCatalog(first);
    const copy = structuredClone(first);
    for (let i = 1; i <= 64; i++) hotelCatalog(worldFor(`client-seed-${i}`));
    const again = worldFor("client-seed-0");
    expect(again).not.toBe(first);
    expect(again).toEqual(copy);
    expect(hotelCatalog(again)).not.toBe(hotels);
    expect(hotelCatalog(again)).toEqual(hotels);
  });

  // Benchmarks of large states (bench/baseline.bench.ts) need the same worlds, bigger.
  it("the seed scale makes the file system and the shop about that many times larger, the first part as it was", () => {
    const rows = (scale: number, domain: string, table: string) => {
      const env = new Environment(domains, { seedScale: scale });
      const { id } = env.create({ domains: [domain], seed: 5 });
      return Object.values(env.sessionState(id).snapshot().domains[domain]![table]!) as Array<{ title?: string; path?: string }>;
    };
    const [fs1, fs10] = [rows(1, "filesystem", "nodes"), rows(10, "filesystem", "nodes")];
    expect(fs10.length).toBeGreaterThanOrEqual(9 * fs1.length);
    expect(fs10.filter((n) => n.path!.includes("/Backups/")).length).toBeGreaterThanOrEqual(8 * fs1.length);
    const [shop1, shop10] = [rows(1, "shopping", "products"), rows(10, "shopping", "products")];
    expect(shop10).toHaveLength(10 * shop1.length);
    // The first edition is the usual catalog (orders and the user's reviews then draw from all of it).
    expect(shop10.slice(0, shop1.length).map((p) => p.title)).toEqual(shop1.map((p) => p.title));
    expect(shop10.at(-1)!.title).toMatch(/ Edition 10$/);
    expect(() => new Environment(domains, { seedScale: 0 })).toThrow(/seed scale is a whole number from 1 to 100/);
    expect(() => new Environment(domains, { seedScale: 2.5 })).toThrow(/seed scale/);
  });
});
