import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { domains } from "../../ts/servers/index.ts";
import { synthConfig, synthesize } from "../../ts/synth/index.ts";
import { chunksOf } from "../../ts/synth/pipeline.ts";
import { Dedup } from "../../ts/synth/validate.ts";
import { toy } from "../helpers/toy-domain.ts";

const KINDS = ["conversation", "clarification", "abstention"] as const;

describe("chunks", () => {
  it("split the mix into runs of families whose kinds add up to the whole mix's", () => {
    const config = synthConfig({ count: 1_000, family_size: 30, chunk_families: 4 });
    const chunks = chunksOf(config);
    expect(chunks.map((c) => c.count)).toEqual([120, 120, 120, 120, 120, 120, 120, 120, 40]);
    expect(chunks.map((c) => c.firstFamily)).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32]);
    for (const c of chunks) expect(KINDS.reduce((n, k) => n + c.quotas[k], 0)).toBe(c.count);
    // 10.9K : 1.5K : 1.1K of 1,000, rounded once for the whole mix.
    const total = (k: (typeof KINDS)[number]) => chunks.reduce((n, c) => n + c.quotas[k], 0);
    expect(KINDS.map(total)).toEqual([807, 111, 82]);
    // A kind with under one task's share in a chunk never goes below zero: at 6 : 3 : 1 in chunks of
    // one task, the 5th task's rounding takes back the abstention the first 4 were given.
    const rare = chunksOf(synthConfig({ count: 40, family_size: 1, chunk_families: 1, mix: { conversation: 6, clarification: 3, abstention: 1 } }));
    for (const c of rare) {
      for (const k of KINDS) expect(c.quotas[k]).toBeGreaterThanOrEqual(0);
      expect(KINDS.reduce((n, k) => n + c.quotas[k], 0)).toBe(c.count);
    }
    expect(chunksOf(synthConfig({ count: 500, family_size: 25 }))).toHaveLength(1);
  });

  it("make the same dataset on any number of threads: the count asked for, the mix's kinds, no near-duplicates", async () => {
    const config = { count: 80, family_size: 10, chunk_families: 2, domains: ["banking", "email", "calendar", "crm"] };
    const one = await synthesize({ seed: "chunks", config, domains, workers: 1 });
    const two = await synthesize({ seed: "chunks", config, domains, workers: 2 });
    expect(JSON.stringify(two.tasks)).toBe(JSON.stringify(one.tasks));
    expect(JSON.stringify(two.chats)).toBe(JSON.stringify(one.chats));
    expect([...two.toolsets]).toEqual([...one.toolsets]);
    expect(JSON.stringify(two.stats)).toBe(JSON.stringify(one.stats));
    expect(one.stats.chunks.count).toBe(4);
    expect(one.tasks).toHaveLength(80);
    expect(one.tasks.map((t) => t.id)).toEqual(Array.from({ length: 80 }, (_, i) => `chunks-${String(i).padStart(6, "0")}`));
    expect(one.chats.map((c) => c.id)).toEqual(one.tasks.map((t) => t.id));
    // 10.9K : 1.5K : 1.1K of 80 is 64.59 : 8.89 : 6.52; the two left over go to the largest remainders.
    expect(one.stats.by_kind).toEqual({ abstention: 6, clarification: 9, conversation: 65 });
    const dedup = new Dedup(0.7);
    expect(one.tasks.filter((t) => !dedup.admit(t)).map((t) => t.id)).toEqual([]);
  }, 240_000);

  it("replace the tasks that duplicate an earlier chunk's with new ones of the same kinds", async () => {
    // One domain, one family a chunk: every world numbers its accounts alike, so chunks repeat each other's calls.
    const config = { count: 60, family_size: 5, chunk_families: 1, domains: ["banking"] };
    const data = await synthesize({ seed: "top-up", config, domains, workers: 2 });
    expect(data.stats.chunks.count).toBe(12);
    expect(data.stats.chunks.duplicates_across).toBeGreaterThan(0);
    expect(data.stats.dropped.duplicate).toBeGreaterThanOrEqual(data.stats.chunks.duplicates_across);
    expect(data.tasks).toHaveLength(60);
    expect(data.stats.by_kind).toEqual({ abstention: 5, clarification: 7, conversation: 48 });
    const dedup = new Dedup(0.7);
    expect(data.tasks.filter((t) => !dedup.admit(t)).map((t) => t.id)).toEqual([]);
  }, 240_000);

  it("run on threads only with the registered domains", async () => {
    const config = { count: 4, family_size: 1, chunk_families: 1 };
    await expect(synthesize({ seed: "own", config, domains: [toy], workers: 2 })).rejects.toThrow(/takes the registered domains.*"toy" is not one of them/);
  });
});

describe("prove synth --workers", () => {
  it("takes a whole number of threads", async () => {
    const bad = await execa(process.execPath, ["bin/prove.mjs", "synth", "--out", "/tmp/never", "--workers", "0"], { reject: false });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--workers takes a whole number of threads, 1 or more, got "0"/);
  });
});
