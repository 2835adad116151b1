/**
 * The contract every domain meets, checked the same way for all of them: naming, metadata that
 * synthesis relies on, a realistic and deterministic seed, and robustness against any input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Domain, Tool } from "../../ts/servers/framework/index.ts";
import { paramMeta, portableArgs, portableSchema, TOOL_NAME, z } from "../../ts/servers/framework/index.ts";
import { eachNode, eachProperty, strictProblems } from "./strict-schema.ts";
import { Environment } from "../../ts/env/environment.ts";

const SECRET_NAMES = /(password|passcode|pin$|cvv|cvc|card_number|routing_number|token|secret|api_key|ssn)/;

/** Plain values tried, in order, for a parameter that is not a ref: the first its schema accepts is used. */
const CANDIDATES: readonly unknown[] = [
  "example",
  "2026-03-20T10:00:00Z",
  "2026-03-20",
  "2026-03",
  "10:00",
  "someone@example.com",
  "+1-415-555-0134",
  "USD",
  "Example 1",
  "https://example.com/hook",
  "#ff8800",
  "1234",
  "4242424242424242",
  "1Z999AA10123456784",
  "example.com",
  "1",
  "a",
  1,
  1000,
  10,
  5,
  100,
  21,
  2030,
  12,
  0.5,
  0,
  true,
  false,
];

/**
 * A value `schema` accepts, built from the schema (objects field by field, arrays of one valid
 * element, refs bound to `keyOf(kind)`) and plain candidates; undefined when nothing fits.
 */
function sampleValue(schema: z.ZodType, keyOf: (kind: string) => unknown): unknown {
  const ok = (v: unknown) => schema.safeParse(v).success;
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable || inner instanceof z.ZodPipe) {
    inner = (inner instanceof z.ZodPipe ? inner.in : inner.unwrap()) as z.ZodType;
  }
  const kind = paramMeta.get(inner)?.ref;
  const tries: unknown[] = [];
  if (kind) tries.push(keyOf(kind));
  if (inner instanceof z.ZodEnum) tries.push(inner.options[0]);
  if (inner instanceof z.ZodLiteral) tries.push(inner.value);
  if (inner instanceof z.ZodUnion) tries.push(...inner.options.map((o) => sampleValue(o as z.ZodType, keyOf)));
  if (inner instanceof z.ZodObject) tries.push(objectSample(inner, keyOf));
  if (inner instanceof z.ZodArray) tries.push([], [sampleValue(inner.element as z.ZodType, keyOf)]);
  return [...tries, ...CANDIDATES].find(ok);
}

function objectSample(schema: z.ZodObject, keyOf: (kind: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    if ((field as z.ZodType).safeParse(undefined).success) continue;
    out[name] = sampleValue(field as z.ZodType, keyOf);
  }
  return out;
}

/**
 * Arguments for a tool built from the live state: its required parameters, refs bound to real
 * entities (the `pick`-th of their table, spread over it), other values built from their schema.
 */
export function autoArgs(env: Environment, session: string, tool: Tool, pick = 0): Record<string, unknown> {
  const domain = env.domain(tool.domain);
  const tables = env.state(session).snapshot.domains[tool.domain] ?? {};
  const keyOf = (kind: string) => {
    const table = domain.kinds.get(kind) as string;
    const keys = Object.keys(tables[table] ?? {});
    return keys.length ? keys[Math.floor((pick * keys.length) / VARIANTS) % keys.length] : "missing";
  };
  return objectSample(tool.input, keyOf);
}

/** How many spreads of entities the not_found check tries, so one whose rules refuse the call first does not decide. */
const VARIANTS = 6;

/** The upper end a parameter's name pairs it with, when it names the lower end of a range. */
const RANGE_NAMES: Array<[RegExp, string]> = [
  [/^from_(.+)$/, "to_$1"],
  [/^(.+)_from$/, "$1_to"],
  [/^(.+)_from$/, "$1_until"],
  [/^min_(.+)$/, "max_$1"],
  [/^(.+)_min$/, "$1_max"],
  [/^start_(.+)$/, "end_$1"],
  [/^start$/, "end"],
  [/^since$/, "until"],
  [/^after$/, "until"],
  [/^after$/, "before"],
  [/^(.+)_after$/, "$1_before"],
  [/^check_in$/, "check_out"],
];

/** Pairs of parameters of a tool whose names say they bound a range: [lower, upper]. */
export function namedRanges(tool: Tool): Array<[string, string]> {
  const names = new Set(tool.params.map((p) => p.name));
  const out: Array<[string, string]> = [];
  for (const p of tool.params) {
    if (p.ref) continue; // from_account_id…to_account_id is a transfer, not a range
    for (const [re, upper] of RANGE_NAMES) if (re.test(p.name) && names.has(p.name.replace(re, upper))) out.push([p.name, p.name.replace(re, upper)]);
  }
  return out;
}

/** Backwards pairs tried, in order, for a declared range: the first both ends' schemas accept is used. */
const BACKWARDS: Array<[unknown, unknown]> = [
  ["2026-03-20", "2026-03-10"],
  ["2026-03-20T10:00:00Z", "2026-03-10T10:00:00Z"],
  ["2026-03", "2026-01"],
  [100, 10],
  [5, 1],
  [4, 2],
  [2, 1],
  [1, 0],
];

/** An id no domain mints and no resolver reads as anything (not a path that exists, not coordinates). */
export const UNKNOWN_ID = "NOPE-404404";

export interface ConformanceOptions {
  /**
   * Arguments a tool needs beyond its required ones before it looks at anything (the shape of the
   * call, as `cut` needs fields or characters), by tool name.
   */
  args?: Record<string, Record<string, unknown>>;
}

export function domainConformance(domain: Domain, minTools: number, opts: ConformanceOptions = {}): void {
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
        expect(
          domain.tools.some((t) => t.discovers.includes(kind)),
          `kind "${kind}" needs a read tool with discovers: "${kind}"`,
        ).toBe(true);
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

    it("answers not_found for an unknown id in every parameter that names an entity, optional filters included, and changes nothing", () => {
      const env = new Environment([domain]);
      const { id } = env.create({ domains: [domain.name], seed: 5 });
      const wrong: string[] = [];
      for (const t of domain.tools) {
        for (const p of t.params.filter((x) => x.ref)) {
          const answers: string[] = [];
          for (let pick = 0; pick < VARIANTS; pick++) {
            const fork = env.fork(id)[0]!.id;
            const before = env.hash(fork);
            const args = { ...autoArgs(env, fork, t, pick), ...opts.args?.[t.name], [p.name]: p.type === "array" ? [UNKNOWN_ID] : UNKNOWN_ID };
            const r = env.call(fork, t.name, args);
            expect(r.outcome, `${t.name} answered ${p.name}=${UNKNOWN_ID} as if it existed`).not.toBe("ok");
            expect(env.hash(fork)).toBe(before);
            env.close(fork);
            if (r.error?.code === "not_found" && r.error.message.toUpperCase().includes(UNKNOWN_ID)) break;
            answers.push(`${r.outcome} ${r.error?.code}: ${r.error?.message.slice(0, 160)}`);
          }
          if (answers.length === VARIANTS) wrong.push(`${t.name}.${p.name}: ${answers[0]}`);
        }
      }
      expect(wrong, "each of these never answered not_found naming the unknown id").toEqual([]);
    });

    it("declares every range its parameter names suggest, and refuses each one backwards with invalid_argument naming both ends", () => {
      const env = new Environment([domain]);
      const { id } = env.create({ domains: [domain.name], seed: 5 });
      for (const t of domain.tools) {
        for (const [lower, upper] of namedRanges(t))
          expect(t.params.find((p) => p.name === lower)?.rangeEnd, `${t.name}: ${lower}…${upper} is a range: declare it with rangeStart("${upper}", …)`).toBe(
            upper,
          );
        for (const p of t.params.filter((x) => x.rangeEnd)) {
          const upper = p.rangeEnd as string;
          const fits = (name: string, v: unknown) => (t.input.shape[name] as z.ZodType).safeParse(v).success;
          const pair = BACKWARDS.find(([lo, hi]) => fits(p.name, lo) && fits(upper, hi));
          expect(pair, `${t.name}: no backwards example fits ${p.name}…${upper}`).toBeDefined();
          const r = env.call(env.fork(id)[0]!.id, t.name, { ...autoArgs(env, id, t), [p.name]: pair![0], [upper]: pair![1] });
          expect(r.error?.code, `${t.name}(${p.name}=${pair![0]}, ${upper}=${pair![1]})`).toBe("invalid_argument");
          expect(r.error?.message).toContain(`${p.name} (${pair![0]}) is`);
          expect(r.error?.message).toContain(`${upper} (${pair![1]})`);
        }
      }
    });

    it("full schemas: every parameter at every depth has a description, every number a real range (no safe-integer limits)", () => {
      const problems: string[] = [];
      for (const t of domain.tools) {
        eachProperty(t.inputSchema, (path, n) => {
          if (typeof n.description !== "string" || n.description.length < 3) problems.push(`${t.name}.${path}: no description`);
        });
        eachNode(t.inputSchema, (path, n) => {
          if (n.type !== "number" && n.type !== "integer") return;
          const lo = n.minimum ?? n.exclusiveMinimum;
          const hi = n.maximum ?? n.exclusiveMaximum;
          if (typeof lo !== "number" || typeof hi !== "number") problems.push(`${t.name} ${path}: a number needs a minimum and a maximum (got ${lo} to ${hi})`);
          else if (Math.abs(lo) >= 2 ** 53 - 1 || Math.abs(hi) >= 2 ** 53 - 1)
            problems.push(`${t.name} ${path}: ${lo} to ${hi} is zod's safe-integer range, not a real limit`);
        });
      }
      expect(problems).toEqual([]);
    });

    it("portable schemas: OpenAI strict mode accepts them, they state the full schema's rules in words, and answers to them run", () => {
      const env = new Environment([domain]);
      const { id } = env.create({ domains: [domain.name], seed: 5 });
      for (const t of domain.tools) {
        const portable = portableSchema(t);
        expect(strictProblems(portable), t.name).toEqual([]);
        const words = new Map<string, string>();
        eachNode(portable, (path, n) => words.set(path, String(n.description ?? "")));
        eachNode(t.inputSchema, (path, n) => {
          for (const k of [
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "pattern",
            "format",
          ]) {
            if (n[k] !== undefined) expect(words.get(path), `${t.name} ${path}: ${k} ${n[k]} in words`).toContain(String(n[k]));
          }
        });
        // A strict-mode model answers every property, null for those it leaves out.
        const args = autoArgs(env, id, t);
        const answered = { ...Object.fromEntries(t.params.map((p) => [p.name, null])), ...args };
        const expected = t.input.safeParse(args);
        const got = t.input.safeParse(portableArgs(t, answered));
        expect(got.success, `${t.name}: ${got.error?.message}`).toBe(expected.success);
        if (expected.success) expect(got.data).toEqual(expected.data);
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
        fc.oneof(
          fc.constantFrom(...keys),
          fc.string({ maxLength: 30 }),
          fc.integer(),
          fc.double(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.string(), { maxLength: 3 }),
        ),
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
