/** Small helpers for tests that drive a domain through a real session. */
import { expect } from "vitest";
import type { Domain } from "../../ts/servers/framework/index.ts";
import { Environment } from "../../ts/env/environment.ts";
import { SeedCache } from "../../ts/env/state/base.ts";
import type { CallRecord } from "../../ts/env/journal.ts";

export interface TestSession {
  env: Environment;
  id: string;
  /** Calls a tool and returns its record, whatever the outcome. */
  call(tool: string, args?: Record<string, unknown>): CallRecord;
  /** Calls a tool, expects success and returns its result. */
  ok<T = any>(tool: string, args?: Record<string, unknown>): T;
  /** Calls a tool, expects a tool error with this code (and message pattern) and returns it. */
  fails(tool: string, args: Record<string, unknown>, code: string, message?: RegExp): { code: string; message: string };
  hash(): string;
  /** The session's clock, "2026-03-14T09:01:00Z" (it ticks one minute per successful write). */
  now(): string;
  /** Moves the session's clock forward by `ms` and returns the new now. */
  advance(ms: number): string;
  /** Moves the session's clock forward to `instant` (leaves it when already past) and returns the new now. */
  advanceTo(instant: string): string;
  /** The rows of a table as they are now, e.g. `s.rows<Account>("accounts")`; name the domain when several of the session's have the table. */
  rows<T = any>(table: string, domain?: string): T[];
  /** One row of a table by key, or undefined. */
  row<T = any>(table: string, key: string, domain?: string): T;
  /**
   * Changes the state behind the tools' back, as someone outside the conversation would (another
   * shopper buying stock, the bank freezing an account), to reach states no tool produces.
   */
  edit(domain: Domain, change: (db: any) => void): void;
}

/** One seed cache for every test session of a worker: a seed is generated once, as in a long-lived server. */
const seeds = new SeedCache();

export function openSession(domains: Domain | readonly Domain[], seed: number | string = 1): TestSession {
  const list = Array.isArray(domains) ? domains : [domains as Domain];
  const env = new Environment(list, { seeds });
  const { id } = env.create({ domains: list.map((d) => d.name), seed });
  return wrap(env, id);
}

export function wrap(env: Environment, id: string): TestSession {
  const call = (tool: string, args: Record<string, unknown> = {}) => env.call(id, tool, args);
  const table = (name: string, domain: string | undefined) => {
    const domains = env.sessionState(id).snapshot().domains;
    const names = Object.keys(domains);
    const holding = names.filter((d) => domains[d]?.[name] !== undefined);
    const d = domain ?? (names.length === 1 ? names[0] : holding.length === 1 ? holding[0] : undefined);
    if (d === undefined)
      throw new Error(`table ${name} is in ${holding.length ? holding.join(" and ") : "none"} of the session's domains (${names.join(", ")}): name the domain`);
    return domains[d]?.[name] ?? {};
  };
  return {
    env,
    id,
    call,
    ok(tool, args) {
      const r = call(tool, args);
      if (r.outcome !== "ok") throw new Error(`${tool} failed (${r.outcome}): ${r.error?.message}`);
      return r.result as any;
    },
    fails(tool, args, code, message) {
      const before = env.hash(id);
      const r = call(tool, args);
      expect(r.outcome, `${tool} should fail but returned ${JSON.stringify(r.result)?.slice(0, 300)}`).not.toBe("ok");
      expect(r.error?.code).toBe(code);
      if (message) expect(r.error?.message).toMatch(message);
      expect(env.hash(id), "a failing call must leave the state unchanged").toBe(before);
      return r.error as { code: string; message: string };
    },
    hash: () => env.hash(id),
    now: () => env.sessionState(id).now,
    advance: (ms) => env.advance(id, ms),
    advanceTo: (instant) => env.advance(id, Math.max(0, Date.parse(instant) - Date.parse(env.sessionState(id).now))),
    rows: (name, domain) => Object.values(table(name, domain)) as any[],
    row: (name, key, domain) => table(name, domain)[key] as any,
    edit(domain, change) {
      const tx = env.sessionState(id).begin();
      change(tx.db(domain));
      tx.commit();
    },
  };
}

/** The first of `items`, or an error saying the seed has no `what` (for tests that pick seeded entities). */
export function first<T>(items: readonly T[], what: string): T {
  const x = items[0];
  if (x === undefined) throw new Error(`the seed has no ${what}`);
  return x;
}
