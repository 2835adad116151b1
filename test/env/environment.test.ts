import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import { EnvError } from "../../ts/env/errors.ts";
import { MINUTE } from "../../ts/servers/framework/time.ts";
import { toy } from "../helpers/toy-domain.ts";

const envWith = (opts = {}) => new Environment([toy], opts);
const notes = (env: Environment, id: string) =>
  (env.call(id, "list_notes", { limit: 100 }).result as { items: Array<{ id: string; pinned: boolean; body: string }> }).items;

function expectEnvError(fn: () => unknown, code: string, message?: RegExp) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    expect((err as EnvError).code).toBe(code);
    if (message) expect((err as EnvError).message).toMatch(message);
    return;
  }
  throw new Error("expected an EnvError");
}

describe("sessions", () => {
  it("creates sessions that start from the seed and are deterministic", () => {
    const env = envWith();
    const a = env.create({ domains: ["toy"], seed: 1 });
    const b = env.create({ domains: ["toy"], seed: 1 });
    const c = env.create({ domains: ["toy"], seed: 2 });
    expect(env.hash(a.id)).toBe(env.hash(b.id));
    expect(env.state(a.id).json).toBe(env.state(b.id).json);
    expect(env.hash(a.id)).not.toBe(env.hash(c.id));
    expect(a.tools).toContain("create_note");
    expect(a.id).not.toBe(b.id);
  });

  it("rejects unknown servers, empty server lists, bad seeds and unknown tool restrictions", () => {
    const env = envWith();
    expectEnvError(() => env.create({ domains: ["nope"], seed: 1 }), "not_found", /unknown server "nope"; available: toy/);
    expectEnvError(() => env.create({ domains: [], seed: 1 }), "invalid_argument", /at least one server/);
    expectEnvError(() => env.create({ domains: ["toy"], seed: "" }), "invalid_argument", /seed/);
    expectEnvError(() => env.create({ domains: ["toy"], seed: 1, tools: ["list_notes", "fly"] }), "invalid_argument", /fly/);
  });

  it("offers only the tools a session was created with", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1, tools: ["list_notes"] });
    expect(env.call(s.id, "list_notes", {}).outcome).toBe("ok");
    const r = env.call(s.id, "create_note", { title: "x" });
    expect(r.outcome).toBe("unknown_tool");
    expect(r.error?.message).toMatch(/unknown tool "create_note"/);
  });

  it("answers not_found for unknown and closed sessions", () => {
    const env = envWith();
    expectEnvError(() => env.call("s0-nope", "list_notes", {}), "not_found", /unknown session/);
    const s = env.create({ domains: ["toy"], seed: 1 });
    expect(env.close(s.id)).toBe(true);
    expect(env.close(s.id)).toBe(false);
    expectEnvError(() => env.hash(s.id), "not_found");
  });
});

describe("calls", () => {
  it("runs a write, records its changed paths and ticks the logical clock", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const t0 = env.state(s.id).snapshot.clock;
    const r = env.call(s.id, "create_note", { title: "Groceries" });
    expect(r.outcome).toBe("ok");
    expect((r.result as { id: string }).id).toBe("N-1031");
    expect(r.changes).toEqual([
      { path: "/toy/folders/inbox/notes", op: "update" },
      { path: "/toy/notes/N-1031", op: "create" },
    ]);
    expect(Date.parse(env.state(s.id).snapshot.clock) - Date.parse(t0)).toBe(MINUTE);
    // Reads neither change state nor move the clock.
    const h = env.hash(s.id);
    env.call(s.id, "list_notes", {});
    expect(env.hash(s.id)).toBe(h);
  });

  it("takes a null for an optional argument as left out, as a model answering the portable schema writes it", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const all = env.call(s.id, "list_notes", { limit: 100 });
    const nulls = env.call(s.id, "list_notes", { pinned: null, limit: 100 });
    expect(nulls.outcome).toBe("ok");
    expect(nulls.result).toEqual(all.result);
    // A required argument given as null is still missing.
    expect(env.call(s.id, "create_note", { title: null }).outcome).toBe("invalid_arguments");
  });

  it("rolls back every write of a failing call", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const before = env.hash(s.id);
    const r = env.call(s.id, "pin_then_fail", { note_id: "N-1001" });
    expect(r).toMatchObject({ outcome: "tool_error", error: { code: "failed_precondition", message: "refused after writing" }, changes: [] });
    expect(env.hash(s.id)).toBe(before);
    expect(notes(env, s.id)[0]?.pinned).toBe(false);
  });

  it("turns a domain bug into an env_error and keeps the state", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const before = env.hash(s.id);
    const crash = env.call(s.id, "buggy", { note_id: "N-1001" });
    expect(crash.outcome).toBe("env_error");
    expect(crash.error?.message).toMatch(/internal error in buggy: cannot read properties/);
    const corrupt = env.call(s.id, "corrupt", { note_id: "N-1001" });
    expect(corrupt.outcome).toBe("env_error");
    expect(corrupt.error?.message).toMatch(/would break the state schema/);
    expect(env.hash(s.id)).toBe(before);
  });

  it("explains bad arguments: wrong types, missing and unknown parameters, non-objects", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const wrongType = env.call(s.id, "pin_note", { note_id: 5 });
    expect(wrongType.outcome).toBe("invalid_arguments");
    expect(wrongType.error?.message).toBe("invalid arguments for pin_note: note_id: expected string, received number");
    expect(env.call(s.id, "pin_note", {}).error?.message).toBe("invalid arguments for pin_note: note_id: required");
    expect(env.call(s.id, "pin_note", { note_id: "N-1001", force: true }).error?.message).toMatch(/unknown parameter "force" \(valid: note_id\)/);
    for (const bad of [null, "N-1001", [1], 3]) expect(env.call(s.id, "pin_note", bad).outcome).toBe("invalid_arguments");
  });

  it("names the discovery tool and a near match when an entity is missing", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const r = env.call(s.id, "pin_note", { note_id: "n-1001" });
    expect(r.outcome).toBe("tool_error");
    expect(r.error).toEqual({ code: "not_found", message: "note 'n-1001' not found. Did you mean 'N-1001'? Call list_notes to see valid note ids." });
  });

  it("suggests close tool names for unknown tools", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    expect(env.call(s.id, "pin_notes", {}).error?.message).toBe('unknown tool "pin_notes". Did you mean pin_note?');
  });

  it("refuses oversized arguments as a policy error without running the tool", () => {
    const env = envWith({ limits: { maxArgsBytes: 1000 } });
    const s = env.create({ domains: ["toy"], seed: 1 });
    const r = env.call(s.id, "create_note", { title: "x", body: "y".repeat(2000) });
    expect(r.outcome).toBe("invalid_arguments");
    expect(r.error?.code).toBe("payload_too_large");
    expect(notes(env, s.id)).toHaveLength(30);
  });

  it("paginates with opaque cursors and rejects forged ones", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const first = env.call(s.id, "list_notes", { limit: 20 }).result as { items: unknown[]; total: number; next_cursor: string };
    expect(first.items).toHaveLength(20);
    expect(first.total).toBe(30);
    const second = env.call(s.id, "list_notes", { limit: 20, cursor: first.next_cursor }).result as { items: unknown[]; next_cursor?: string };
    expect(second.items).toHaveLength(10);
    expect(second.next_cursor).toBeUndefined();
    const forged = env.call(s.id, "list_notes", { cursor: "not-a-cursor" });
    expect(forged.outcome).toBe("tool_error");
    expect(forged.error?.code).toBe("invalid_argument");
  });

  it("lists seeded entities first and new ones in creation order; deletes disappear", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    env.call(s.id, "create_note", { title: "a" });
    env.call(s.id, "create_note", { title: "b" });
    env.call(s.id, "delete_note", { note_id: "N-1002" });
    env.call(s.id, "delete_note", { note_id: "N-1031" });
    const ids = notes(env, s.id).map((n) => n.id);
    expect(ids).toHaveLength(30);
    expect(ids[0]).toBe("N-1001");
    expect(ids).not.toContain("N-1002");
    expect(ids.at(-1)).toBe("N-1032");
    expect(env.state(s.id).snapshot.domains.toy?.folders?.inbox).toEqual({ name: "inbox", notes: 30 });
  });
});

describe("forks", () => {
  it("start where the parent is, inherit its journal, and diverge independently", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    env.call(s.id, "create_note", { title: "before fork" });
    const [a, b] = env.fork(s.id, 2);
    expect(env.hash(a!.id)).toBe(env.hash(s.id));
    expect(env.journal(a!.id).map((r) => r.tool)).toEqual(["create_note"]);
    env.call(a!.id, "pin_note", { note_id: "N-1001" });
    env.call(s.id, "set_body", { note_id: "N-1001", body: "parent" });
    expect(notes(env, a!.id)[0]).toMatchObject({ pinned: true, body: "text" });
    expect(notes(env, b!.id)[0]).toMatchObject({ pinned: false, body: "text" });
    expect(notes(env, s.id)[0]).toMatchObject({ pinned: false, body: "parent" });
    // Each fork's journal: the parent's record up to the fork, then only its own calls.
    expect(env.journal(b!.id).map((r) => r.tool)).toEqual(["create_note", "list_notes"]);
    expect(env.journal(a!.id).map((r) => `${r.index}:${r.tool}`)).toEqual(["0:create_note", "1:pin_note", "2:list_notes"]);
    expect(env.journal(s.id).map((r) => r.tool)).toEqual(["create_note", "set_body", "list_notes"]);
    expect(env.info(a!.id).parent).toBe(s.id);
  });

  it("rejects bad fork counts", () => {
    const env = envWith({ limits: { maxForks: 8 } });
    const s = env.create({ domains: ["toy"], seed: 1 });
    for (const n of [0, -1, 1.5, 9]) {
      expectEnvError(() => env.fork(s.id, n), "invalid_argument", /fork count/);
      expectEnvError(() => env.forkIds(s.id, n), "invalid_argument", /fork count/);
    }
  });

  it("forkIds makes the same copies as fork, named by id only", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    env.call(s.id, "create_note", { title: "before fork" });
    const ids = env.forkIds(s.id, 3);
    expect(new Set([...ids, s.id]).size).toBe(4);
    for (const id of ids) {
      expect(env.hash(id)).toBe(env.hash(s.id));
      expect(env.info(id)).toEqual({ ...env.info(s.id), id, parent: s.id });
    }
  });

  const writeCall = fc.oneof(
    fc.record({ tool: fc.constant("create_note"), args: fc.record({ title: fc.string({ minLength: 1, maxLength: 10 }) }) }),
    fc.record({ tool: fc.constant("pin_note"), args: fc.record({ note_id: fc.integer({ min: 1001, max: 1035 }).map((n) => `N-${n}`) }) }),
    fc.record({
      tool: fc.constant("set_body"),
      args: fc.record({ note_id: fc.integer({ min: 1001, max: 1035 }).map((n) => `N-${n}`), body: fc.string({ maxLength: 20 }) }),
    }),
    fc.record({ tool: fc.constant("delete_note"), args: fc.record({ note_id: fc.integer({ min: 1001, max: 1035 }).map((n) => `N-${n}`) }) }),
  );

  it("isolate: random calls in one session never change another's state (property)", () => {
    fc.assert(
      fc.property(fc.array(writeCall, { maxLength: 25 }), fc.integer({ min: 0, max: 3 }), (calls, forkAt) => {
        const env = envWith();
        const root = env.create({ domains: ["toy"], seed: 9 });
        const [a, b] = env.fork(root.id, 2);
        const other = env.create({ domains: ["toy"], seed: 9 });
        const frozen = [root.id, b!.id, other.id].map((id) => env.state(id).json);
        calls.forEach((c, i) => {
          env.call(a!.id, c.tool, c.args);
          if (i === forkAt) env.fork(a!.id, 1);
        });
        expect([root.id, b!.id, other.id].map((id) => env.state(id).json)).toEqual(frozen);
      }),
      { numRuns: 60 },
    );
  });

  it("replay: a fork and a fresh session given identical calls end with identical hashes (property)", () => {
    fc.assert(
      fc.property(fc.array(writeCall, { maxLength: 25 }), (calls) => {
        const env = envWith();
        const root = env.create({ domains: ["toy"], seed: 4 });
        const [fork] = env.fork(root.id, 1);
        const fresh = env.create({ domains: ["toy"], seed: 4 });
        for (const c of calls) {
          const x = env.call(fork!.id, c.tool, c.args);
          const y = env.call(fresh.id, c.tool, c.args);
          expect(y.outcome).toBe(x.outcome);
        }
        expect(env.hash(fork!.id)).toBe(env.hash(fresh.id));
        expect(env.state(fork!.id).json).toBe(env.state(fresh.id).json);
      }),
      { numRuns: 60 },
    );
  });
});

describe("state hash", () => {
  it("is the same whether it is asked after every write, now and then, or only at the end (lazy folding)", () => {
    const env = envWith({ limits: { maxCallsPerSession: 10_000 } });
    const root = env.create({ domains: ["toy"], seed: 3 });
    env.call(root.id, "set_body", { note_id: "N-1001", body: "root, not yet hashed" });
    const [every, some, never] = env.fork(root.id, 3).map((s) => s.id) as [string, string, string];
    const rootHash = env.hash(root.id);
    // 150 writes (create a note, update another, delete the one created): more than a table notes before folding unasked.
    const script = (i: number): [string, object] =>
      i % 3 === 0
        ? ["create_note", { title: `t${i}` }]
        : i % 3 === 1
          ? ["set_body", { note_id: "N-1002", body: `b${i}` }]
          : ["delete_note", { note_id: `N-${1031 + Math.floor(i / 3)}` }];
    const seen = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const [tool, args] = script(i);
      for (const id of [every, some, never]) expect(env.call(id, tool, args).outcome).toBe("ok");
      seen.add(env.hash(every));
      if (i % 7 === 0) env.hash(some);
    }
    expect(seen.size).toBe(150);
    expect(env.hash(never)).toBe(env.hash(every));
    expect(env.hash(some)).toBe(env.hash(every));
    expect(env.hash(root.id)).toBe(rootHash);
    // A fresh session given the same calls (the root's first, then the script) ends the same.
    const fresh = env.create({ domains: ["toy"], seed: 3 }).id;
    env.call(fresh, "set_body", { note_id: "N-1001", body: "root, not yet hashed" });
    for (let i = 0; i < 150; i++) env.call(fresh, ...script(i));
    expect(env.hash(fresh)).toBe(env.hash(every));
    // Deleting an entity takes its term out whether it was the seed's or written since.
    const edited = env.create({ domains: ["toy"], seed: 3 }).id;
    const plain = env.create({ domains: ["toy"], seed: 3 }).id;
    env.call(edited, "set_body", { note_id: "N-1005", body: "edited first" });
    env.call(edited, "delete_note", { note_id: "N-1005" });
    env.call(plain, "delete_note", { note_id: "N-1005" });
    env.advance(plain, MINUTE);
    expect(env.hash(edited)).toBe(env.hash(plain));
  });

  it("depends on content, not on the order or history of writes", () => {
    const env = envWith();
    const a = env.create({ domains: ["toy"], seed: 1 });
    const b = env.create({ domains: ["toy"], seed: 1 });
    env.call(a.id, "set_body", { note_id: "N-1001", body: "x" });
    env.call(a.id, "set_body", { note_id: "N-1002", body: "y" });
    env.call(b.id, "set_body", { note_id: "N-1002", body: "y" });
    env.call(b.id, "set_body", { note_id: "N-1001", body: "temporary" });
    env.call(b.id, "set_body", { note_id: "N-1001", body: "x" });
    env.advance(a.id, MINUTE); // b made one more write, one more tick
    expect(env.hash(a.id)).toBe(env.hash(b.id));
    const reverted = env.create({ domains: ["toy"], seed: 1 });
    const h0 = env.hash(reverted.id);
    env.call(reverted.id, "set_body", { note_id: "N-1003", body: "changed" });
    expect(env.hash(reverted.id)).not.toBe(h0);
    env.call(reverted.id, "set_body", { note_id: "N-1003", body: "text" });
    const untouched = env.create({ domains: ["toy"], seed: 1 });
    env.advance(untouched.id, 2 * MINUTE);
    expect(env.hash(reverted.id)).toBe(env.hash(untouched.id));
  });
});

describe("leases and limits", () => {
  it("expires idle sessions after the TTL and sweeps them", () => {
    let now = 0;
    const env = envWith({ clock: () => now, limits: { idleTtlMs: 1000 } });
    const a = env.create({ domains: ["toy"], seed: 1 });
    const b = env.create({ domains: ["toy"], seed: 1 });
    now = 900;
    env.touch(a.id);
    now = 1500;
    expect(env.hash(a.id)).toBeTypeOf("string");
    expectEnvError(() => env.hash(b.id), "not_found", /expired after/);
    now = 5000;
    expect(env.sweep()).toBe(1);
    expect(env.size).toBe(0);
  });

  it("answers resource_exhausted with a retry hint past the session limit", () => {
    const env = envWith({ limits: { maxSessions: 3 } });
    const s = env.create({ domains: ["toy"], seed: 1 });
    env.fork(s.id, 2);
    try {
      env.fork(s.id, 1);
      throw new Error("expected resource_exhausted");
    } catch (err) {
      expect((err as EnvError).code).toBe("resource_exhausted");
      expect((err as EnvError).retryAfterMs).toBeGreaterThan(0);
    }
    env.close(s.id);
    expect(env.create({ domains: ["toy"], seed: 1 }).id).toBeTypeOf("string");
  });

  it("caps the calls of one session", () => {
    const env = envWith({ limits: { maxCallsPerSession: 3 } });
    const s = env.create({ domains: ["toy"], seed: 1 });
    for (let i = 0; i < 3; i++) env.call(s.id, "list_notes", {});
    expectEnvError(() => env.call(s.id, "list_notes", {}), "failed_precondition", /made 3 of its 3 calls/);
  });

  it("only moves the clock forward", () => {
    const env = envWith();
    const s = env.create({ domains: ["toy"], seed: 1 });
    const t = env.state(s.id).snapshot.clock;
    expect(env.advance(s.id, 90 * MINUTE)).toBe(new Date(Date.parse(t) + 90 * MINUTE).toISOString().replace(".000", ""));
    expectEnvError(() => env.advance(s.id, -1), "invalid_argument");
  });
});
