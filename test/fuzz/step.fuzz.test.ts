/**
 * Fuzzing of Step and of random call sequences in every domain, at a size CI affords (`make soak`
 * runs the same arbitraries for as long as it is asked). What must hold whatever is sent: nothing
 * throws but the documented refusals, a refused request changed nothing, the journal stays
 * serialisable and well-formed, no session sees another's writes, no prototype is polluted, and
 * the same calls on a fresh session give the same state.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import { EnvError } from "../../ts/env/errors.ts";
import { domains } from "../../ts/servers/index.ts";
import { modelOutput, oddJson, vocabularyOf, type Vocabulary } from "./arbitraries.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

/** A session's journal is what GetJournal and the reward read: every record must serialise, well-formed. */
function expectReadable(env: Environment, id: string): void {
  for (const r of env.journal(id)) {
    const text = JSON.stringify(r);
    expect(text.isWellFormed()).toBe(true);
    expect(r.tool.isWellFormed() && (r.error?.message ?? "").isWellFormed()).toBe(true);
  }
  for (const r of env.replies(id)) expect(r.text.isWellFormed()).toBe(true);
}

function vocab(env: Environment, domain: string): Vocabulary {
  const s = env.create({ domains: [domain], seed: 1 });
  const v = vocabularyOf(env.domain(domain), env.state(s.id).snapshot.domains as never);
  env.close(s.id);
  return v;
}

describe("fuzz: Step", () => {
  it.each(["banking", "filesystem", "email", "iot_devices"])("%s: any model output is parsed and run atomically, and never hurts another session", (domain) => {
    const env = new Environment(domains, { limits: { maxCallsPerSession: 40 } });
    const v = vocab(env, domain);
    const root = env.create({ domains: [domain], seed: 1 });
    const [witness] = env.fork(root.id, 1);
    const witnessHash = env.hash(witness!.id);
    fc.assert(
      fc.property(fc.array(modelOutput(v), { minLength: 1, maxLength: 4 }), (outputs) => {
        const [s] = env.fork(root.id, 1);
        outputs.forEach((o, turn) => {
          const before = { hash: env.hash(s!.id), calls: env.journal(s!.id).length, replies: env.replies(s!.id).length };
          try {
            const out = env.step(s!.id, o.text, o.format, turn);
            expect(out.calls.length + out.formatErrors.length).toBe(env.journal(s!.id).length - before.calls);
            for (const m of out.toolMessages) expect(m.content.isWellFormed()).toBe(true);
            expect(out.reply.isWellFormed()).toBe(true);
          } catch (err) {
            // Only the documented refusals, and each changed nothing.
            expect(err).toBeInstanceOf(EnvError);
            expect(["invalid_argument", "failed_precondition"]).toContain((err as EnvError).code);
            expect({ hash: env.hash(s!.id), calls: env.journal(s!.id).length, replies: env.replies(s!.id).length }).toEqual(before);
          }
        });
        expectReadable(env, s!.id);
        expect(env.hash(witness!.id)).toBe(witnessHash);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        env.close(s!.id);
      }),
      { numRuns: RUNS, seed: 14 },
    );
  });
});

describe("fuzz: random call sequences in every domain", () => {
  it.each(domains.map((d) => d.name))("%s: calls never throw, failures change nothing, sessions stay apart, replays agree", (domain) => {
    const env = new Environment(domains);
    const v = vocab(env, domain);
    const tool = env.domain(domain);
    const call = fc.record({
      tool: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...v.tools) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
      args: fc.dictionary(
        fc.constantFrom(...v.params, "__proto__", "constructor"),
        fc.oneof(fc.constantFrom(...v.values), oddJson, fc.integer({ min: 1, max: 500 })),
        { maxKeys: 4 },
      ),
    });
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 8 }), (calls) => {
        const a = env.create({ domains: [domain], seed: 2 });
        const b = env.create({ domains: [domain], seed: 2 });
        const untouched = env.hash(b.id);
        for (const c of calls) {
          const before = env.hash(a.id);
          const r = env.call(a.id, c.tool, c.args);
          expect(["ok", "unknown_tool", "invalid_arguments", "tool_error"]).toContain(r.outcome);
          if (r.outcome !== "ok" || tool.tools.find((t) => t.name === c.tool)?.readOnly) expect(env.hash(a.id)).toBe(before);
        }
        expect(env.hash(b.id)).toBe(untouched);
        // The same calls on a fresh session end in the same state.
        for (const c of calls) env.call(b.id, c.tool, c.args);
        expect(env.hash(b.id)).toBe(env.hash(a.id));
        expectReadable(env, a.id);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        env.close(a.id);
        env.close(b.id);
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: 14 },
    );
  });
});
