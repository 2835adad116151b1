/**
 * The contract every domain meets, checked the same way for all of them: naming, metadata that
 * synthesis relies on, a realistic and deterministic seed, and robustness against any input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Domain, Tool } from "../../ts/servers/framework/index.ts";
import { TOOL_NAME } from "../../ts/servers/framework/index.ts";
import { Environment } from "../../ts/env/environment.ts";

const SECRET_NAMES = /(password|passcode|pin$|cvv|cvc|card_number|routing_number|token|secret|api_key|ssn)/;

/** Arguments for a tool built from the live state: refs bound to real entities, enums to their first value. */
export function autoArgs(env: Environment, session: string, tool: Tool): Record<string, unknown> {
  const snapshot = env.state(session).snapshot;
  const domain = env.domain(tool.domain);
  const args: Record<string, unknown> = {};
  for (const p of tool.params) {
    if (!p.required) continue;
    if (p.ref) {
      const table = domain.kinds.get(p.ref) as string;
      const rows = Object.values(snapshot.domains[tool.domain]?.[table] ?? {});
      const first = rows[0];
      const key = domain.tables[table]?.key ?? "id";
      const value = first ? first[p.field ?? key] : "missing";
      args[p.name] = p.type === "array" ? [value] : value;
    } else if (p.enum) args[p.name] = p.enum[0];
    else if (p.type === "number" || p.type === "integer") args[p.name] = 1;
    else if (p.type === "boolean") args[p.name] = true;
    else if (p.type === "array") args[p.name] = [];
    else if (p.type === "object") args[p.name] = {};
    else args[p.name] = "example";
  }
  return args;
}

export function domainConformance(domain: Domain, minTools: number): void {
  describe(`${domain.name}: conformance`, () => {
    it(`offers at least ${minTools} tools with valid names, descriptions and object schemas`, () => {
      expect(domain.tools.length).toBeGreaterThanOrEqual(minTools);
      for (const t of domain.tools) {
        expect(t.name).toMatch(TOOL_NAME);
        expect(t.description.length, `${t.name} needs a description a model can act on`).toBeGreaterThan(20);
        expect(t.inputSchema.type).toBe("object");
        expect(t.inputSchema.$schema).toBeUndefined();
      }
      expect(domain.tools.some((t) => t.readOnly)).toBe(true);
      expect(domain.tools.some((t) => !t.readOnly)).toBe(true);
    });

    it("gives every entity kind a discovery tool and every produced kind a table", () => {
      for (const [kind] of domain.kinds) {
        expect(domain.tools.some((t) => t.discovers.includes(kind)), `kind "${kind}" needs a read tool with discovers: "${kind}"`).toBe(true);
      }
    });

    it("marks every parameter that names an entity as a ref and every secret as sensitive", () => {
      for (const t of domain.tools) {
        for (const p of t.params) {
          if (/_ids?$/.test(p.name)) expect(p.ref, `${t.name}.${p.name} names an entity: declare it with ref()/refs()`).toBeDefined();
          if (SECRET_NAMES.test(p.name)) expect(p.sensitive, `${t.name}.${p.name} looks sensitive: wrap it in secret()`).toBe(true);
        }
      }
    });

    it("seeds a realistic, deterministic state: same seed same hash, other seed other hash", () => {
      const env = new Environment([domain]);
      const a = env.create({ domains: [domain.name], seed: 11 });
      const b = env.create({ domains: [domain.name], seed: 11 });
      const c = env.create({ domains: [domain.name], seed: 12 });
      expect(env.hash(a.id)).toBe(env.hash(b.id));
      expect(env.hash(a.id)).not.toBe(env.hash(c.id));
      const snapshot = env.state(a.id).snapshot;
      const tables = snapshot.domains[domain.name] ?? {};
      const total = Object.values(tables).reduce((n, rows) => n + Object.keys(rows).length, 0);
      expect(total, "dozens to hundreds of entities").toBeGreaterThanOrEqual(24);
      for (const [name, rows] of Object.entries(tables)) {
        const def = domain.tables[name];
        for (const row of Object.values(rows)) expect(def?.describe(row as never).length).toBeGreaterThan(3);
      }
    });

    it("answers every tool with state-bound arguments without an environment error; read tools change nothing", () => {
      const env = new Environment([domain]);
      const { id } = env.create({ domains: [domain.name], seed: 5 });
      for (const t of domain.tools) {
        const fork = env.fork(id)[0]!.id;
        const before = env.hash(fork);
        const r = env.call(fork, t.name, autoArgs(env, fork, t));
        expect(r.outcome, `${t.name}: ${r.error?.message}`).not.toBe("env_error");
        if (t.readOnly || r.outcome !== "ok") expect(env.hash(fork), `${t.name} (${r.outcome}) must not change state`).toBe(before);
        if (t.produces && r.outcome === "ok") {
          const key = domain.tables[domain.kinds.get(t.produces)!]!.key;
          expect((r.result as Record<string, unknown>)[key], `${t.name} produces ${t.produces}: its result carries the new ${key}`).toBeDefined();
        }
      }
    });

    it("never crashes and never changes state on a failed call, whatever the arguments", () => {
      const env = new Environment([domain]);
      const { id } = env.create({ domains: [domain.name], seed: 3 });
      const names = domain.tools.map((t) => t.name);
      // Real keys from the state, so fuzzed calls also reach the business rules, not just validation.
      const keys = Object.values(env.state(id).snapshot.domains[domain.name] ?? {}).flatMap((rows) => Object.keys(rows).slice(0, 5));
      const anyArgs = fc.dictionary(
        fc.oneof(fc.constantFrom(...new Set(domain.tools.flatMap((t) => t.params.map((p) => p.name)))), fc.string({ maxLength: 8 })),
        fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })),
        { maxKeys: 5 },
      );
      fc.assert(
        fc.property(fc.constantFrom(...names), anyArgs, (tool, args) => {
          const fork = env.fork(id)[0]!.id;
          const before = env.hash(fork);
          const r = env.call(fork, tool, args);
          const after = env.hash(fork);
          env.close(fork);
          if (r.outcome === "env_error") throw new Error(`${tool}(${JSON.stringify(args)}): ${r.error?.message}`);
          if (r.outcome !== "ok" && after !== before) throw new Error(`${tool} failed but changed state`);
        }),
        { numRuns: 300 },
      );
    });
  });
}
