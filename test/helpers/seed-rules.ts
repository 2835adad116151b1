/**
 * Seed invariants: the rules a domain expert would check a seeded world against, each a test that
 * states the rule in its name and checks it over several seeds.
 */
import { describe, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import type { Domain, World } from "../../ts/servers/framework/index.ts";
import { worldFor } from "../../ts/servers/framework/index.ts";
import { openSession, wrap } from "./session.ts";

/** The seeds every rule is checked over: different worlds, clocks and random draws. */
export const RULE_SEEDS = [1, 2, 3, 7, 42, "alpha"] as const;

/** A seed, or a seed at a seed scale past 1 (SeedContext.scale). */
type RuleSeed = number | string | { seed: number | string; scale: number };

export interface Seeded {
  seed: number | string;
  world: World;
  /** The rows of a table of the seeded state. */
  rows<T = any>(table: string): T[];
  /** One row by key. */
  row<T = any>(table: string, key: string): T;
}

export function seeded(domain: Domain, seed: number | string, scale = 1): Seeded {
  let s = openSession(domain, seed);
  if (scale > 1) {
    const env = new Environment([domain], { seedScale: scale });
    s = wrap(env, env.create({ domains: [domain.name], seed }).id);
  }
  return { seed, world: worldFor(String(seed)), rows: (t) => s.rows(t), row: (t, k) => s.row(t, k) };
}

/** One test per rule, each checked on every seed of `seeds`; a rule throws (expect) when broken. */
export function seedRules(domain: Domain, rules: Record<string, (s: Seeded) => void>, seeds: readonly RuleSeed[] = RULE_SEEDS): void {
  describe(`${domain.name}: seed invariants`, () => {
    const states = new Map<RuleSeed, Seeded>();
    const state = (seed: RuleSeed) => {
      let s = states.get(seed);
      if (!s) states.set(seed, (s = typeof seed === "object" ? seeded(domain, seed.seed, seed.scale) : seeded(domain, seed)));
      return s;
    };
    for (const [rule, check] of Object.entries(rules)) {
      it(rule, () => {
        for (const seed of seeds) check(state(seed));
      });
    }
  });
}

/** ABA routing number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a multiple of 10. */
export function abaValid(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

/** Groups items by a key. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
