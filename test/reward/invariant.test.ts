/**
 * The invariant of the verified preset, property-tested with fast-check over perturbations of
 * real synthesized tasks (at least 200 tasks × 10 perturbations):
 * - a trajectory that does the task — reaches the reference final state, states the answer facts
 *   (backed by its own results), keeps the turn structure (asks, declines) and stays within the
 *   call budget — scores strictly above every trajectory of the same task that does not;
 * - a trajectory that changes something the request does not touch (collateral damage) scores
 *   strictly below every trajectory that does not, an honest failure included;
 * - no perturbation scores above the reference, under either preset; in particular extra
 *   harmless reads never beat the correct solution.
 *
 * Whether a trajectory does the task is decided here, independently of the reward's code: the
 * final state is compared entity by entity with the reference replay's (times the clock stamped
 * during the conversation compared as such), facts are looked up in the raw results.
 *
 * The tasks: half the paper's mix, half the BFCL-shaped preset, in families of 23 tasks so that
 * 10 worlds and most domains are drawn. CI runs synthesizer seed "invariant";
 * `INVARIANT_SEEDS=a,b,c npx vitest run test/reward/invariant.test.ts` runs the same property
 * on the tasks of other seeds (one test per seed).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import { canonicalJson } from "../../ts/env/state/canonical.ts";
import { pointerSegment, type SessionState } from "../../ts/env/state/engine.ts";
import { Rewarder } from "../../ts/reward/index.ts";
import { execute, KINDS, perturb, referencePlan, type Perturbation } from "../../ts/reward/perturb.ts";
import { Rng } from "../../ts/servers/framework/rng.ts";
import { domains } from "../../ts/servers/index.ts";
import { referenceTrajectory, synthesize, type Dataset } from "../../ts/synth/index.ts";
import type { Task } from "../../ts/tasks/schema.ts";

const TASKS = 230;
const PER_TASK = 10;
const SEEDS = (process.env.INVARIANT_SEEDS ?? "invariant").split(",").filter(Boolean);
const MIXES = [{ family_size: 23 }, { preset: "bfcl", family_size: 23 }];
const rewarder = new Rewarder(domains);
const env = new Environment(domains, { limits: { maxSessions: 100_000 } });

/** The tasks of `seed`, each mix's share of TASKS, with their reference replies. */
async function tasksOf(seed: string): Promise<Array<{ task: Task; chat: Dataset["chats"][number] | undefined }>> {
  const out: Array<{ task: Task; chat: Dataset["chats"][number] | undefined }> = [];
  for (const [k, mix] of MIXES.entries()) {
    const data = await synthesize({ seed: `${seed}${k ? `-${mix.preset}` : ""}`, config: { ...mix, count: TASKS / MIXES.length }, domains });
    data.tasks.forEach((task, i) => out.push({ task, chat: data.chats[i] }));
  }
  return out;
}

const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?Z/g;

/** Whether two states of the same seed hold the same entities, instants inside the conversation's time read as "<stamped>". */
function sameState(a: SessionState, b: SessionState, window: [number, number]): boolean {
  const json = (v: unknown) => canonicalJson(v ?? null).replace(INSTANT, (t) => (Date.parse(t) >= window[0] && Date.parse(t) <= window[1] ? "<stamped>" : t));
  const paths = new Set<string>();
  for (const s of [a, b]) for (const c of s.changedEntities()) paths.add(`/${c.domain}/${c.table}/${pointerSegment(c.key)}`);
  return [...paths].every((p) => json(a.valueAt(p)) === json(b.valueAt(p)));
}

/** Whether `state` changed an entity or a field that the task's request does not touch (not among its written paths). */
function damaged(state: SessionState, task: Task, seed: SessionState, window: [number, number]): boolean {
  const json = (v: unknown) => canonicalJson(v ?? null).replace(INSTANT, (t) => (Date.parse(t) >= window[0] && Date.parse(t) <= window[1] ? "<stamped>" : t));
  const written = new Set(task.reference.written_paths);
  for (const c of state.changedEntities()) {
    const path = `/${c.domain}/${c.table}/${pointerSegment(c.key)}`;
    if (written.has(path)) continue;
    const [mine, was] = [state.valueAt(path), seed.valueAt(path)] as Array<Record<string, unknown> | undefined>;
    if (mine === undefined || was === undefined) {
      if (json(mine) !== json(was)) return true;
      continue;
    }
    for (const f of new Set([...Object.keys(mine), ...Object.keys(was)]))
      if (!written.has(`${path}/${pointerSegment(f)}`) && json(mine[f]) !== json(was[f])) return true;
  }
  return false;
}

/**
 * Whether a raw result (or the user's words) contains `fact`: a number as a number, a standalone
 * numeric word (thousands separators kept: "10,000" does not state 10) or a list's length; text
 * as a whole word.
 */
function found(values: readonly unknown[], fact: string): boolean {
  const f = fact.toLowerCase();
  const num = /^-?\d+(\.\d+)?$/.test(f) ? Number(f) : undefined;
  const escaped = f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const whole = new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`);
  const inText = (t: string) =>
    num !== undefined
      ? t
          .replace(/(\d),(?=\d{3}(?!\d))/g, "$1")
          .split(/[\s,;()"'[\]{}$]+/)
          .some((w) => /^-?\d+(\.\d+)?$/.test(w.replace(/[.!?%]+$/, "")) && Math.abs(Number(w.replace(/[.!?%]+$/, "")) - num) < 1e-6)
      : whole.test(t.toLowerCase());
  const walk = (v: unknown): boolean =>
    typeof v === "number"
      ? num !== undefined && Math.abs(v - num) < 1e-6
      : typeof v === "string"
        ? inText(v)
        : Array.isArray(v)
          ? v.length === num || v.some(walk)
          : v !== null && typeof v === "object"
            ? Object.values(v).some(walk)
            : false;
  return values.some(walk);
}

interface Judged {
  kind: string;
  done: boolean;
  damage: boolean;
  verified: number;
  prove: number;
}

function judge(task: Task, p: Perturbation, reference: { final: SessionState }, seed: SessionState, window: (final: SessionState) => [number, number]): Judged {
  const run = execute(env, task, p);
  const calls = run.trajectory.calls;
  const steps = task.turns.flatMap((t) => t.steps);
  const facts = task.turns.flatMap((t) => t.answer_facts);
  const results = run.results.filter((r) => r !== undefined);
  let reached = sameState(run.final, reference.final, window(run.final));
  // A task that writes nothing is reached by retrieving what it asks for.
  if (task.reference.written_paths.length === 0) {
    reached &&= facts.length
      ? facts.every((f) => found(results, f))
      : steps.every((s) =>
          calls.some(
            (c, i) =>
              c.outcome === "ok" &&
              run.results[i] !== undefined &&
              c.name === s.tool &&
              Object.entries(s.args).every(([k, v]) => canonicalJson((c.arguments as Record<string, unknown>)[k] ?? null) === canonicalJson(v)),
          ),
        );
  }
  const answered =
    p.keepsAnswer && p.reported.every((i) => calls[i]?.outcome === "ok") && facts.every((f) => found([...results, ...task.turns.map((t) => t.user)], f));
  const within = calls.length <= steps.length + Math.ceil(0.5 * steps.length);
  const done = reached && answered && p.keepsGates && within;
  const score = (preset: string) => {
    const s = rewarder.score({ task, trajectory: run.trajectory, preset });
    expect(s.outcome, `${task.id} ${p.kind} ${preset}: ${String(s.detail.reason)}`).not.toBe("unscorable");
    return s.reward;
  };
  return { kind: p.kind, done, damage: damaged(run.final, task, seed, window(run.final)), verified: score("verified"), prove: score("prove") };
}

const spec = fc.record({ kind: fc.constantFrom(...KINDS.filter((k) => k !== "reference")), seed: fc.nat() });

describe.each(SEEDS)("the verified invariant over perturbations of synthesized tasks (seed %s)", (seedName) => {
  let tasks: Awaited<ReturnType<typeof tasksOf>>;
  beforeAll(async () => {
    tasks = await tasksOf(seedName);
  }, 300_000);

  it(`holds for ${TASKS} tasks × ${PER_TASK} perturbations each`, () => {
    expect(tasks.length).toBeGreaterThanOrEqual(200);
    let judged = 0;
    let doneOnes = 0;
    let damaging = 0;
    tasks.forEach(({ task, chat }, t) => {
      const replies = referenceTrajectory(task, chat).replies;
      const reference = execute(env, task, referencePlan(task, replies));
      const seed = execute(env, task, { calls: [], replies: [] }).final;
      const seedClock = Date.parse(seed.now);
      const window = (final: SessionState): [number, number] => [seedClock, Math.max(Date.parse(reference.final.now), Date.parse(final.now))];
      fc.assert(
        fc.property(fc.array(spec, { minLength: PER_TASK, maxLength: PER_TASK }), (specs) => {
          const ref = judge(task, perturb("reference", task, { domains, replies, rng: Rng.from("ref") })!, reference, seed, window);
          expect(ref.done, `${task.id}: the reference does the task`).toBe(true);
          const all = [ref];
          for (const s of specs) {
            const p = perturb(s.kind, task, { domains, replies, rng: Rng.from(`${task.id}/${s.seed}`) });
            if (p) all.push(judge(task, p, reference, seed, window));
          }
          for (const j of all) {
            expect(j.verified, `${task.id} ${j.kind} (verified) above the reference`).toBeLessThanOrEqual(ref.verified + 1e-9);
            expect(j.prove, `${task.id} ${j.kind} (prove) above the reference`).toBeLessThanOrEqual(ref.prove + 1e-9);
          }
          const done = all.filter((j) => j.done);
          const notDone = all.filter((j) => !j.done);
          for (const d of done)
            for (const n of notDone)
              expect(d.verified, `${task.id}: ${d.kind} (done) ${d.verified} against ${n.kind} (not done) ${n.verified}`).toBeGreaterThan(n.verified);
          const harmful = all.filter((j) => j.damage);
          const harmless = all.filter((j) => !j.damage);
          for (const h of harmful)
            for (const n of harmless)
              expect(h.verified, `${task.id}: ${h.kind} (damage) ${h.verified} against ${n.kind} (no damage) ${n.verified}`).toBeLessThan(n.verified);
          damaging += harmful.length;
          judged += all.length;
          doneOnes += done.length;
        }),
        { numRuns: 1, seed: t + 1 },
      );
    });
    // The sample is not degenerate: many trajectories on each side of the line.
    expect(judged).toBeGreaterThanOrEqual(tasks.length * (PER_TASK - 3));
    expect(doneOnes).toBeGreaterThan(tasks.length);
    expect(judged - doneOnes).toBeGreaterThan(tasks.length * 3);
    expect(damaging).toBeGreaterThan(tasks.length / 5);
  }, 300_000);
});
