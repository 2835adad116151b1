/**
 * What a careless or adversarial caller (or model) can send a session, and what must hold after:
 * nothing half-done, nothing unserialisable in the journal, nothing retried twice, memory bounded.
 * Each test reproduces a defect of issue 14.
 */
import { describe, expect, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import { EnvError } from "../../ts/env/errors.ts";
import { wellFormedDeep } from "../../ts/env/input.ts";
import { toy } from "../helpers/toy-domain.ts";

const envWith = (limits = {}) => new Environment([toy], { limits });
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const hermes = (name: string, args: string) => `<tool_call>{"name": "${name}", "arguments": ${args}}</tool_call>`;
const createNote = (title: string) => hermes("create_note", JSON.stringify({ title }));

function refused(fn: () => unknown, code: string, message: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (err) {
    error = err;
  }
  expect(error, "expected the request to be refused").toBeInstanceOf(EnvError);
  expect((error as EnvError).code).toBe(code);
  expect((error as EnvError).message).toMatch(message);
}

/** Every record of the journal as JSON text: what GetJournal sends. Throws if any record cannot be. */
const journalText = (env: Environment, id: string) => env.journal(id).map((r) => JSON.stringify(r));

describe("a Step is checked whole before any of its calls runs", () => {
  it("refuses a Step whose calls would pass the session's call cap, running none of them (it ran 4 of 8)", () => {
    const env = envWith({ maxCallsPerSession: 10 });
    const s = env.create({ domains: ["toy"], seed: 1 });
    for (let i = 0; i < 6; i++) env.call(s.id, "list_notes", {});
    const before = env.hash(s.id);
    const eight = Array.from({ length: 8 }, (_, i) => createNote(`note ${i}`)).join("");
    refused(() => env.step(s.id, eight, "hermes", 0), "failed_precondition", /made 6 of its 10 calls and 8 more do not fit/);
    expect(env.hash(s.id)).toBe(before);
    expect(env.journal(s.id)).toHaveLength(6);
    // Four still fit.
    expect(env.step(s.id, Array.from({ length: 4 }, (_, i) => createNote(`n${i}`)).join(""), "hermes", 0).outcome).toBe("ok");
  });

  it("counts parse-error records toward the call cap (they skipped it)", () => {
    const env = envWith({ maxCallsPerSession: 3 });
    const s = env.create({ domains: ["toy"], seed: 1 });
    const broken = "<tool_call>{oops}</tool_call>".repeat(3);
    expect(env.step(s.id, broken, "hermes", 0).formatErrors).toHaveLength(3);
    refused(() => env.step(s.id, "<tool_call>{oops}</tool_call>", "hermes", 0), "failed_precondition", /made 3 of its 3 calls/);
    expect(env.journal(s.id)).toHaveLength(3);
  });

  it("tells the per-session cap (not retryable) from the load and session limits (retry later)", () => {
    const env = envWith({ maxCallsPerSession: 1, maxSessions: 1 });
    const s = env.create({ domains: ["toy"], seed: 1 });
    env.call(s.id, "list_notes", {});
    let cap: EnvError | undefined;
    try {
      env.call(s.id, "list_notes", {});
    } catch (err) {
      cap = err as EnvError;
    }
    expect(cap?.code).toBe("failed_precondition");
    expect(cap?.retryAfterMs).toBeUndefined();
    let full: EnvError | undefined;
    try {
      env.create({ domains: ["toy"], seed: 1 });
    } catch (err) {
      full = err as EnvError;
    }
    expect(full?.code).toBe("resource_exhausted");
    expect(full?.retryAfterMs).toBeGreaterThan(0);
  });

  it("refuses an oversized Step before parsing it", () => {
    const env = envWith({ maxAssistantBytes: 100 });
    const s = env.create({ domains: ["toy"], seed: 1 });
    refused(() => env.step(s.id, createNote("x".repeat(200)), "hermes", 0), "invalid_argument", /is 2\d\d bytes; at most 100/);
    expect(env.journal(s.id)).toHaveLength(0);
  });
});

describe("deep JSON and ill-formed Unicode never reach a tool or the journal verbatim", () => {
  it.each([1_000, 5_000, 100_000])("turns arguments nested %i levels deep into a parse error with a readable journal", (depth) => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const out = env.step(s.id, `Saving.${hermes("create_note", `{"title": "t", "body": ${nested(depth)}}`)}${createNote("after")}`, "hermes", 0);
    expect(out.formatErrors).toHaveLength(1);
    expect(out.formatErrors[0]!.message).toMatch(/nests deeper than 32 levels/);
    expect(out.formatErrors[0]!.fragment.length).toBeLessThanOrEqual(200);
    // The other call of the same output ran.
    expect(out.calls.map((c) => c.record.outcome)).toEqual(["ok"]);
    expect(out.outcome).toBe("parse_error");
    const text = journalText(env, s.id);
    expect(text).toHaveLength(2);
    expect(text.every((t) => t.length < 2000)).toBe(true);
  });

  it("turns deep calls in Granite's <|tool_call|> list and in OpenAI tool_calls into parse errors (found by fuzzing: they threw RangeError)", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const deep = `{"a":`.repeat(5000) + "1" + "}".repeat(5000);
    const granite = env.step(
      s.id,
      `<|start_of_role|>assistant<|end_of_role|><|tool_call|>[{"name": "list_notes", "arguments": {"x": ${deep}}}]<|end_of_text|>`,
      "granite",
      0,
    );
    expect(granite.formatErrors[0]?.message).toMatch(/nests deeper than 32 levels/);
    const openai = env.step(s.id, `{"tool_calls": [{"id": "c1", "type": "function", "function": {"name": "list_notes", "arguments": ${deep}}}]}`, "openai", 0);
    expect(openai.formatErrors).toHaveLength(1);
    expect(journalText(env, s.id)).toHaveLength(2);
  });

  it("accepts nesting up to the limit", () => {
    const env = envWith({ maxJsonDepth: 4 });
    const s = env.create({ domains: ["toy"], seed: 1 });
    // {"title": .., "body": [[ ]]}: the object is level 1, the arrays 2 and 3.
    expect(env.step(s.id, hermes("create_note", `{"title": "t", "tags": [["a"]]}`), "hermes", 0).formatErrors).toEqual([]);
    expect(env.step(s.id, hermes("create_note", `{"title": "t", "tags": [[[["a"]]]]}`), "hermes", 0).formatErrors[0]?.message).toMatch(/deeper than 4/);
  });

  it("turns a lone surrogate in a tool name or argument into a parse error; everything recorded is well-formed", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const out = env.step(s.id, `${hermes("get_\\udfff", "{}")}${hermes("create_note", '{"title": "a\\ud800b"}')}${createNote("fine")}`, "hermes", 0);
    expect(out.formatErrors.map((e) => e.message)).toEqual([
      "the call's JSON is not acceptable: the tool name holds a lone surrogate, which is not a Unicode character",
      "the call's JSON is not acceptable: a string holds a lone surrogate (\\ud800), which is not a Unicode character",
    ]);
    expect(out.calls).toHaveLength(1);
    for (const r of env.journal(s.id))
      expect(JSON.stringify(r).isWellFormed() && r.tool.isWellFormed() && String(r.error?.message ?? "").isWellFormed()).toBe(true);
    for (const m of out.toolMessages) expect(m.content.isWellFormed()).toBe(true);
  });

  it("keeps a surrogate pair whole when cutting a fragment, and makes an OpenAI reply well-formed", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    // The 197th character starts a pair: the fragment must not end inside it.
    const text = `<tool_call>${"x".repeat(185)}😀😀😀</tool_call>`;
    const out = env.step(s.id, text, "hermes", 0);
    expect(out.formatErrors[0]!.fragment.isWellFormed()).toBe(true);
    const openai = env.step(s.id, JSON.stringify({ content: "done \ud800", tool_calls: [] }).replace("\\ud800", "\\ud800"), "openai", 1);
    expect(openai.reply.isWellFormed()).toBe(true);
    expect(env.replies(s.id).every((r) => r.text.isWellFormed())).toBe(true);
  });

  it("records deep or ill-formed arguments given to call() as invalid, kept as a digest", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const deep = JSON.parse(`{"title": "t", "body": ${nested(6_000)}}`);
    const r = env.call(s.id, "create_note", deep);
    expect(r.outcome).toBe("invalid_arguments");
    expect(r.error?.message).toMatch(/nests deeper than 32 levels/);
    expect(r.args).toMatchObject({ $omitted: { reason: "not acceptable JSON" } });
    const u = env.call(s.id, "create_note", { title: "\udfff" });
    expect(u.outcome).toBe("invalid_arguments");
    expect(JSON.stringify(env.journal(s.id)).length).toBeLessThan(2000);
  });
});

describe("a call's result", () => {
  it("over the result limit is an env_error, and what the call wrote is rolled back", () => {
    const env = envWith({ maxResultBytes: 200 });
    const s = env.create({ domains: ["toy"], seed: 1 });
    const hash = env.hash(s.id);
    const r = env.call(s.id, "create_note", { title: "big", body: "b".repeat(300) });
    expect(r.outcome).toBe("env_error");
    expect(r.error?.message).toMatch(/^create_note produced \d+ bytes, over the 200-byte limit$/);
    expect(env.hash(s.id)).toBe(hash);
  });
});

describe("the service's last guard: no string it sends is ill-formed (wellFormedDeep)", () => {
  it("mends lone surrogates in values and keys at any depth, and returns clean parts as they are", () => {
    const clean = { a: ["x", { b: "y" }], n: 1, none: null };
    expect(wellFormedDeep(clean)).toBe(clean);
    const reply = { results: [clean, { "k\ud800": ["ok", "bad\udfff"], buf: Buffer.from([0xed, 0xa0]) }] };
    const out = wellFormedDeep(reply);
    expect(out).toEqual({ results: [clean, { "k\ufffd": ["ok", "bad\ufffd"], buf: Buffer.from([0xed, 0xa0]) }] });
    expect(out.results[0]).toBe(clean); // an unchanged member is not copied
    expect(reply.results[1]).toHaveProperty("k\ud800"); // the input is left as it was
    expect(wellFormedDeep("\udc00")).toBe("\ufffd");
  });
});

describe("bounded memory", () => {
  it("journals oversized arguments as a digest, not verbatim (10 × 20 MB kept 200 MB)", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const huge = JSON.stringify({ title: "x".repeat(20 * 1024 * 1024) });
    const r = env.callJson(s.id, "create_note", huge);
    expect(r.outcome).toBe("invalid_arguments");
    expect(r.error?.code).toBe("payload_too_large");
    expect(r.args).toEqual({ $omitted: { reason: "too large", bytes: huge.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(JSON.stringify(env.journal(s.id)).length).toBeLessThan(500);
    // Through call() with an object too.
    expect(JSON.stringify(env.call(s.id, "create_note", JSON.parse(huge)).args).length).toBeLessThan(200);
  });

  it("caps what one session's journal holds: replies and results past the budget are refused", () => {
    const env = envWith({ maxJournalBytes: 4096 });
    const s = env.create({ domains: ["toy"], seed: 1 });
    env.recordReply(s.id, 0, "r".repeat(3000));
    refused(() => env.recordReply(s.id, 1, "r".repeat(2000)), "failed_precondition", /journal holds \d+ of its 4096 bytes/);
    refused(() => env.step(s.id, `Sure: ${"y".repeat(2000)}`, "hermes", 1), "failed_precondition", /journal holds/);
    expect(env.replies(s.id)).toHaveLength(1);
  });
});

describe("idempotency keys", () => {
  it("a retried Step with its key returns the first outcome and runs nothing again", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const text = `Created.${createNote("once")}`;
    const first = env.step(s.id, text, "hermes", 0, "k-1");
    const hash = env.hash(s.id);
    const again = env.step(s.id, text, "hermes", 0, "k-1");
    expect(again).toEqual(first);
    expect(env.hash(s.id)).toBe(hash);
    expect(env.journal(s.id)).toHaveLength(1);
    expect(env.replies(s.id)).toHaveLength(1);
    // Without the key it runs again.
    env.step(s.id, text, "hermes", 0);
    expect(env.journal(s.id)).toHaveLength(2);
  });

  it("a retried call with its key returns the first record; a key reused for another request is refused", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const r = env.call(s.id, "create_note", { title: "a" }, 0, "c-1");
    expect(env.call(s.id, "create_note", { title: "a" }, 0, "c-1")).toBe(r);
    refused(() => env.call(s.id, "create_note", { title: "b" }, 0, "c-1"), "invalid_argument", /already used for a different request/);
    refused(() => env.step(s.id, createNote("b"), "hermes", 0, "c-1"), "invalid_argument", /already used/);
    refused(() => env.call(s.id, "list_notes", {}, 0, "k".repeat(129)), "invalid_argument", /1-128 characters/);
    expect(env.journal(s.id)).toHaveLength(1);
  });

  it("keys belong to their session: a fork's keys are its own", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const [a, b] = env.fork(s.id, 2);
    env.step(a!.id, createNote("x"), "hermes", 0, "same");
    env.step(b!.id, createNote("x"), "hermes", 0, "same");
    expect(env.journal(a!.id)).toHaveLength(1);
    expect(env.journal(b!.id)).toHaveLength(1);
  });
});
