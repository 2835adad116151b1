/**
 * Property tests of both presets over generated tasks and trajectories (toy domain): the
 * reference gets the maximum, every kind of mistake scores strictly lower, and under
 * `verified` no appended repeat ever pays. (invariant.test.ts checks the same over synthesized
 * tasks of every domain.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxReward, resolveConfig, Rewarder } from "../../ts/reward/index.ts";
import type { Step, Task } from "../../ts/tasks/schema.ts";
import { makeTask, referenceCalls, run, step, type PlannedCall } from "./helpers.ts";
import { toy } from "../helpers/toy-domain.ts";

const rewarder = new Rewarder([toy]);
const PRESETS = ["prove", "verified"] as const;
const score = (task: Task, calls: PlannedCall[], preset: string) => rewarder.score({ task, trajectory: run(task, calls), preset }).reward;

const note = (n: number) => `N-${1001 + n}`;
const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0);

/** 1–4 actions on distinct seeded notes, sometimes a create followed by an edit of the new note. */
const taskArb = fc
  .record({
    notes: fc.shuffledSubarray([...Array(25).keys()], { minLength: 4, maxLength: 4 }),
    kinds: fc.array(fc.constantFrom("pin", "body", "delete", "create"), { minLength: 1, maxLength: 4 }),
    bodies: fc.array(text, { minLength: 4, maxLength: 4 }),
    withEdit: fc.boolean(),
  })
  .map(({ notes, kinds, bodies, withEdit }) => {
    const steps: Step[] = [];
    let created = 0;
    kinds.forEach((k, i) => {
      const id = steps.length;
      if (k === "pin") steps.push(step(id, "pin_note", { note_id: note(notes[i]!) }));
      if (k === "body") steps.push(step(id, "set_body", { note_id: note(notes[i]!), body: bodies[i]! }));
      if (k === "delete") steps.push(step(id, "delete_note", { note_id: note(notes[i]!) }));
      if (k === "create") {
        steps.push(step(id, "create_note", { title: bodies[i]!, body: "" }));
        const newId = `N-${1031 + created++}`;
        if (withEdit) steps.push(step(id + 1, "set_body", { note_id: newId, body: `${bodies[i]} details` }, [id]));
      }
    });
    return makeTask([{ steps }]);
  });

const gtCount = (task: Task) => task.turns.reduce((n, t) => n + t.steps.length, 0);

describe.each(PRESETS)("preset %s", (preset) => {
  const max = maxReward(resolveConfig(preset));

  it("gives the reference trajectory the maximum", () => {
    fc.assert(
      fc.property(taskArb, (task) => {
        expect(score(task, referenceCalls(task), preset)).toBeCloseTo(max, 9);
      }),
      { numRuns: 40 },
    );
  });

  it("scores every mistake strictly lower than the reference", () => {
    fc.assert(
      fc.property(taskArb, fc.nat(), (task, r) => {
        const ref = referenceCalls(task);
        const best = score(task, ref, preset);
        const i = r % ref.length;
        const mutants: Record<string, PlannedCall[]> = {
          "drop a needed call": ref.filter((_, k) => k !== i),
          "wrong argument value": ref.map((c, k) => (k === i ? { ...c, args: { ...(c.args as object), ...wrongValue(c) } } : c)),
          "wrong tool name": ref.map((c, k) => (k === i ? { ...c, name: c.name === "list_notes" ? "list_folders" : "list_notes" } : c)),
          "malformed call": ref.map((c, k) => (k === i ? { ...c, malformed: true } : c)),
          "redundant calls beyond the budget": [...ref, ...Array(Math.ceil(gtCount(task) * 1.5) + 1).fill({ name: "list_notes", args: {} })],
        };
        const dependent = task.turns[0]!.steps.find((s) => s.depends_on.length > 0);
        if (dependent) {
          const k = dependent.id;
          const swapped = ref.slice();
          [swapped[k - 1], swapped[k]] = [swapped[k]!, swapped[k - 1]!];
          mutants["broken dependency order"] = swapped;
        }
        for (const [what, calls] of Object.entries(mutants)) {
          expect(score(task, calls, preset), what).toBeLessThan(best - 1e-9);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("loses nothing to R_eff within the budget", () => {
    fc.assert(
      fc.property(taskArb, fc.nat(), (task, extra) => {
        const ref = referenceCalls(task);
        const room = Math.ceil(0.5 * ref.length); // B − n_gt
        const calls = [...ref, ...Array(extra % (room + 1)).fill({ name: "list_notes", args: {} })];
        const s = rewarder.score({ task, trajectory: run(task, calls), preset });
        expect(s.components.eff).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});

function wrongValue(c: PlannedCall): Record<string, unknown> {
  const args = c.args as Record<string, unknown>;
  if ("body" in args) return { body: `${String(args.body)} (changed)` };
  if ("title" in args) return { title: `${String(args.title)} (changed)` };
  return { note_id: args.note_id === note(29) ? note(28) : note(29) };
}

describe("an extra state-changing call with a ground-truth name, within the budget", () => {
  it("costs nothing under prove and strictly lowers verified (the loophole the state term closes)", () => {
    fc.assert(
      fc.property(taskArb, (task) => {
        const ref = referenceCalls(task);
        const last = ref[ref.length - 1]!;
        // The same tool on a note the task never touches (note 29 is outside the generated range).
        const extra: PlannedCall =
          last.name === "create_note"
            ? { name: "create_note", args: { title: "Another one", body: "" } }
            : { ...last, args: { ...(last.args as object), note_id: note(29) } };
        const calls = [...ref, extra];
        expect(score(task, calls, "prove")).toBeCloseTo(score(task, ref, "prove"), 12);
        expect(score(task, calls, "verified")).toBeLessThan(score(task, ref, "verified") - 1e-9);
      }),
      { numRuns: 40 },
    );
  });

  it("for example: deleting a second note", () => {
    const task = makeTask([{ steps: [step(0, "delete_note", { note_id: "N-1004" })] }]);
    const ref = referenceCalls(task);
    const plus = [...ref, { name: "delete_note", args: { note_id: "N-1005" } }];
    expect(score(task, plus, "prove")).toBe(score(task, ref, "prove")); // 1.3 both
    expect(score(task, ref, "verified")).toBeCloseTo(5.0);
    // The reference writes 2 paths: N-1004 deleted and the inbox's note count (29). The extra
    // deletion leaves the count at 28 and deletes N-1005 unasked:
    // R_state = (1 credit − 1 unrequested) / 2 items = 0; the task is not done (R_goal = 0);
    // one change to an entity the request does not touch: R_harm = −1/(1+1) = −0.5.
    // R = 0.5 + 0.5 + 0 + 0.2 + 0.1 + 0.5·0 + 0.2 + 3·0 + 6·(−0.5) = −1.5
    expect(score(task, plus, "verified")).toBeCloseTo(-1.5);
  });
});

/** Any mix of calls, right or wrong, from the toy domain. */
const anyCall: fc.Arbitrary<PlannedCall> = fc.oneof(
  fc
    .record({
      name: fc.constantFrom("pin_note", "delete_note", "set_body"),
      args: fc.record({ note_id: fc.integer({ min: 0, max: 33 }).map(note), body: fc.constantFrom("a", "b") }),
    })
    .map((c) => (c.name === "set_body" ? c : { name: c.name, args: { note_id: c.args.note_id } })),
  fc.record({ name: fc.constant("create_note"), args: fc.record({ title: fc.constantFrom("x", "y") }) }),
  fc.record({ name: fc.constantFrom("list_notes", "list_folders"), args: fc.constant({}) }),
  fc.record({ name: fc.constantFrom("pin_note", "teleport"), args: fc.constant({ note_id: 5 }) }),
  fc.constant({ name: "", args: "", malformed: true }),
);

describe("verbosity", () => {
  it("verified: appending k repeats never raises the reward, for any trajectory and k", () => {
    fc.assert(
      fc.property(taskArb, fc.array(anyCall, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (task, calls, picks) => {
        const base = run(task, calls);
        // A copy of a call that succeeded is a repeat wherever it goes (a retry of a failure is not).
        const succeeded = calls.filter((_, i) => base.calls[i]!.outcome === "ok");
        if (succeeded.length === 0) return;
        const repeats = picks.map((p) => succeeded[p % succeeded.length]!);
        const before = rewarder.score({ task, trajectory: base, preset: "verified" }).reward;
        expect(score(task, [...calls, ...repeats], "verified")).toBeLessThanOrEqual(before + 1e-12);
      }),
      { numRuns: 150 },
    );
  });

  it("prove (the paper's reward, reproduced exactly): a valid repeat can lift a trajectory with an invalid call", () => {
    const task = makeTask([{ steps: [step(0, "list_notes", {}), step(1, "pin_note", { note_id: "N-1002" }), step(2, "pin_note", { note_id: "N-1003" })] }]);
    const calls: PlannedCall[] = [{ name: "pin_note", args: { note_id: 5 } }, ...referenceCalls(task)];
    const repeated = [...calls, { name: "list_notes", args: {} }];
    // n_gt = 3, B = 5: both trajectories are within the budget. R_val is a mean over calls:
    // (1/3 + 1 + 1 + 1) / 4 = 0.8333 → (1/3 + 4) / 5 = 0.8667; every other term is unchanged,
    // so the repeat pays 0.5 · (0.8667 − 0.8333) = +0.0167.
    expect(score(task, repeated, "prove") - score(task, calls, "prove")).toBeCloseTo(0.5 * (13 / 15 - 10 / 12), 9);
    // verified counts validity lost instead of averaging it: the repeat changes nothing.
    expect(score(task, repeated, "verified")).toBeCloseTo(score(task, calls, "verified"), 12);
  });
});
