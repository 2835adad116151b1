/**
 * What an adversarial client or a broken model sends, as fast-check arbitraries: odd and huge
 * Unicode (lone surrogates, bidi marks, NULs), `__proto__` and `constructor` keys, JSON nested
 * thousands of levels deep, truncated and wrongly typed tool calls, unknown tools, calls on real
 * entities of a domain, and random requests for every RPC built from the protos. Shared by the
 * fuzz tests (bounded, in CI) and `make soak` (for as long as it is asked to run).
 */
import type * as grpc from "@grpc/grpc-js";
import fc from "fast-check";
import type { Domain } from "../../ts/servers/framework/index.ts";

/** Strings that have broken parsers and encoders: lone surrogates, controls, bidi marks, prototype keys. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "\u0000",
    "\udfff",
    "\ud800x",
    "😀",
    "\u202eevil",
    "ACC-1001\u0000",
    "",
    " ",
    "-1",
    "NaN",
    "1e309",
  ),
);

/** A long string, sometimes far over the limits (bounded so a run stays quick). */
export const hugeString = (max = 300_000): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max }).chain((n) => fc.constantFrom("x", "é", "😀", "\ud800").map((c) => c.repeat(Math.ceil(n / c.length))));

/** JSON text nested `depth` levels deep. */
export const deepJson = (maxDepth = 5000): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 1, max: maxDepth }), fc.boolean())
    .map(([d, objects]) => (objects ? '{"a":'.repeat(d) + "1" + "}".repeat(d) : "[".repeat(d) + "]".repeat(d)));

/** JSON values with odd keys and strings, a few levels deep. */
export const oddJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    oddString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(oddString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** Arguments as JSON text: plausible ones for a domain's tools, odd ones, deep ones, non-objects, broken text. */
export function argumentsText(params: readonly string[], values: readonly string[]): fc.Arbitrary<string> {
  const plausible = fc.dictionary(
    fc.oneof(fc.constantFrom(...params), oddString),
    fc.oneof(fc.constantFrom(...values), oddJson, fc.integer({ min: 1, max: 10_000 })),
    { maxKeys: 5 },
  );
  return fc.oneof(
    { weight: 4, arbitrary: plausible.map((o) => JSON.stringify(o)) },
    { weight: 1, arbitrary: oddJson.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 1, arbitrary: deepJson().map((d) => `{"x": ${d}}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"__proto__": {"polluted": 1}}',
        '{"constructor": {"prototype": {"polluted": 1}}}',
        "[]",
        "null",
        '"text"',
        "{",
        '{"a": 1,}',
        "",
      ),
    },
  );
}

/** What a domain's calls are made of: its tool names, parameter names and real values from its seeded state. */
export interface Vocabulary {
  tools: string[];
  params: string[];
  values: string[];
}

export function vocabularyOf(domain: Domain, snapshot: Record<string, Record<string, Record<string, unknown>>>): Vocabulary {
  const tables = snapshot[domain.name] ?? {};
  const values = Object.values(tables).flatMap((rows) => Object.keys(rows).slice(0, 8));
  return {
    tools: domain.tools.map((t) => t.name),
    params: [...new Set(domain.tools.flatMap((t) => t.params.map((p) => p.name)))],
    values: values.length ? values : ["none"],
  };
}

/** One call's JSON text: a real or an unknown tool, with arguments of any kind, sometimes malformed. */
export function callJson(v: Vocabulary): fc.Arbitrary<string> {
  const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...v.tools) }, { weight: 1, arbitrary: oddString });
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(name, argumentsText(v.params, v.values)).map(([n, a]) => `{"name": ${JSON.stringify(n)}, "arguments": ${a || "{}"}}`) },
    { weight: 1, arbitrary: fc.tuple(name, oddJson).map(([n, p]) => JSON.stringify({ name: n, parameters: p })) },
    { weight: 1, arbitrary: oddJson.map((x) => JSON.stringify(x) ?? "null") },
  );
}

/** A model's raw output in one of the formats: prose and calls, sometimes cut off or wrapped wrongly. */
export function modelOutput(v: Vocabulary): fc.Arbitrary<{ text: string; format: "hermes" | "openai" | "granite" }> {
  const calls = fc.array(callJson(v), { maxLength: 4 });
  const prose = fc.oneof(fc.constant(""), oddString);
  const hermes = fc
    .tuple(prose, calls)
    .map(([p, cs]) => ({ text: `${p}${cs.map((c) => `<tool_call>${c}</tool_call>`).join("\n")}`, format: "hermes" as const }));
  const granite = fc.tuple(prose, calls, fc.boolean()).map(([p, cs, legacy]) => ({
    text: `<|start_of_role|>assistant<|end_of_role|>${p}${legacy ? `<|tool_call|>[${cs.join(",")}]` : cs.map((c) => `<tool_call>${c}</tool_call>`).join("")}<|end_of_text|>`,
    format: "granite" as const,
  }));
  const openai = fc.tuple(prose, calls).map(([p, cs]) => ({
    text: `{"content": ${JSON.stringify(p)}, "tool_calls": [${cs.map((c, i) => `{"id": "c${i}", "type": "function", "function": ${c.replace(/"arguments": (.*)}$/s, (_m, a: string) => `"arguments": ${JSON.stringify(a)}}`)}}`).join(",")}]}`,
    format: "openai" as const,
  }));
  const whole = fc.oneof(hermes, granite, openai);
  return fc.oneof(
    { weight: 5, arbitrary: whole },
    // Cut off mid-output, as a model that ran out of tokens.
    { weight: 2, arbitrary: fc.tuple(whole, fc.nat()).map(([o, n]) => ({ ...o, text: o.text.slice(0, n % (o.text.length + 1)) })) },
    {
      weight: 1,
      arbitrary: fc.tuple(oddString, fc.constantFrom("hermes" as const, "openai" as const, "granite" as const)).map(([text, format]) => ({ text, format })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(hugeString(), fc.constantFrom("hermes" as const, "openai" as const))
        .map(([t, format]) => ({ text: `<tool_call>{"name": "x", "arguments": {"a": "${t}"}}</tool_call>`, format })),
    },
  );
}

type Field = { name: string; type: string; label: string; typeName: string };
type Definition = Record<string, { type?: { field: Field[]; value?: Array<{ name: string }> } }>;
const resolve = (def: Definition, name: string) => def[name.replace(/^\./, "")] ?? def[`prove.v1.${name.replace(/^\./, "")}`];

/**
 * A random request for a message of the protos: every field of its type (so it serialises), with
 * values a client could send — real session ids and tool calls mixed with odd strings, negative
 * and huge numbers, long repeated fields.
 */
export function protoRequest(def: Definition, typeName: string, strings: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const msg = resolve(def, typeName)?.type;
  if (!msg) throw new Error(`no message ${typeName}`);
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of msg.field) {
    let one: fc.Arbitrary<unknown>;
    switch (f.type) {
      case "TYPE_STRING":
        one = strings;
        break;
      case "TYPE_BOOL":
        one = fc.boolean();
        break;
      case "TYPE_INT32":
      case "TYPE_INT64":
        one = fc.oneof(fc.integer({ min: -2, max: 40 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
        break;
      case "TYPE_DOUBLE":
        one = fc.double();
        break;
      case "TYPE_ENUM":
        one = fc.constantFrom(...(resolve(def, f.typeName)?.type?.value ?? []).map((v) => v.name));
        break;
      case "TYPE_MESSAGE":
        one = depth < 2 ? protoRequest(def, f.typeName, strings, depth + 1) : fc.constant({});
        break;
      default:
        throw new Error(`field type ${f.type} not covered`);
    }
    fields[f.name] = f.label === "LABEL_REPEATED" ? fc.array(one, { maxLength: 6 }) : one;
  }
  return fc.record(fields, { requiredKeys: [] });
}

/**
 * The strings of fuzzed RPC requests: ids of the sessions the requests may name, odd strings,
 * model outputs, and names and JSON a client might send.
 */
export function requestStrings(ids: readonly string[], v: Vocabulary, outputs: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: oddString },
    { weight: 2, arbitrary: outputs },
    { weight: 1, arbitrary: fc.constantFrom(...v.tools, "banking", "email", "prove", "verified", "TOOL_CALL_FORMAT_OPENAI") },
    { weight: 1, arbitrary: fc.constantFrom("{}", '{"account_id": "ACC-1001"}', "[]", "{", '{"calls": []}', '{"id": "t", "turns": []}') },
  );
}

export type ServiceName = "Environment" | "Reward" | "Tasks";

/** Every RPC of the three services, with the full name of its request message. */
export function rpcMethods(services: Record<ServiceName, grpc.ServiceClientConstructor>): Array<{ svc: ServiceName; name: string; type: string }> {
  return (["Environment", "Reward", "Tasks"] as const).flatMap((svc) =>
    Object.entries(services[svc].service).map(([name, m]) => ({
      svc,
      name,
      type: `prove.v1.${(m as unknown as { requestType: { type: { name: string } } }).requestType.type.name}`,
    })),
  );
}
