/**
 * Perturbations of a task's reference trajectory — the mistakes (and the harmless variations) a
 * policy makes — for checking that a reward ranks them as a person would: the property tests
 * (test/reward/invariant.test.ts) and the perturbation table of `npm run bench reward`.
 *
 * A perturbation is planned calls and replies; `execute` runs the calls on a fresh session of
 * the task and records what really happened. Each says, by construction, whether it keeps the
 * turn structure (no call where the right move is to ask or decline, the asking replies kept)
 * and whether its replies still state the answer facts and nothing unbacked; whether it reaches
 * the reference state and stays within the budget is for the caller to observe.
 */
import { Environment } from "../env/environment.ts";
import { canonicalJson } from "../env/state/canonical.ts";
import type { SessionState } from "../env/state/engine.ts";
import type { Domain, Tool } from "../servers/framework/index.ts";
import type { Rng } from "../servers/framework/rng.ts";
import { allSteps, type Task } from "../tasks/schema.ts";
import { sessionFor } from "../tasks/session.ts";
import { budget } from "./components.ts";
import type { Trajectory, TrajectoryCall } from "./trajectory.ts";

export interface PlannedCall {
  name: string;
  args: unknown;
  turn: number;
  /** Stands for output that could not be parsed (a parse_error record). */
  malformed?: boolean;
}

export interface Plan {
  calls: PlannedCall[];
  replies: Trajectory["replies"];
}

export interface Perturbation extends Plan {
  kind: Kind;
  /** No call in a turn whose right move is to ask or decline, and the asking and declining replies kept. */
  keepsGates: boolean;
  /** The replies still state the answer facts, and nothing the calls did not return… */
  keepsAnswer: boolean;
  /** …provided these planned calls succeed (the replies report them as done). */
  reported: number[];
}

export const KINDS = [
  "reference",
  "extra harmless read",
  "failed attempt first",
  "reworded reply",
  "reasoning added",
  "reads past the budget",
  "drop a call",
  "wrong argument value",
  "invented ids",
  "extra write on another entity",
  "duplicate write",
  "unknown tool",
  "malformed call",
  "number spam",
  "no answer",
  "answer only in reasoning",
  "honest failure",
  "false claim of success",
  "guess instead of asking",
  "vague question",
  "call instead of declining",
  "claims success instead of declining",
] as const;
export type Kind = (typeof KINDS)[number];

export interface PerturbContext {
  domains: readonly Domain[];
  /** The reference trajectory's replies, by turn (from the task's chat record). */
  replies: Trajectory["replies"];
  rng: Rng;
}

/** The reference trajectory as a plan: the ground-truth calls turn by turn and the reference replies. */
export function referencePlan(task: Task, replies: Trajectory["replies"]): Plan {
  return { calls: task.turns.flatMap((t, turn) => t.steps.map((s) => ({ name: s.tool, args: s.args, turn }))), replies: [...replies] };
}

/** A perturbation of `kind`, or undefined when the task has nothing it applies to. */
export function perturb(kind: Kind, task: Task, ctx: PerturbContext): Perturbation | undefined {
  const tools = new Map(ctx.domains.flatMap((d) => d.tools.map((t) => [t.name, t] as const)));
  const ref = referencePlan(task, ctx.replies);
  const { rng } = ctx;
  const hasFacts = task.turns.some((t) => t.answer_facts.length > 0);
  const isWrite = (c: PlannedCall) => tools.get(c.name)?.readOnly === false;
  const writes = ref.calls.flatMap((c, i) => (isWrite(c) ? [i] : []));
  const callTurns = new Set(task.turns.flatMap((t, i) => (t.expect === "call" ? [i] : [])));
  const mapReplies = (f: (text: string, turn: number) => string | undefined, turns: (turn: number) => boolean = (t) => callTurns.has(t)) =>
    ref.replies.flatMap((r) => {
      if (!turns(r.turn)) return [r];
      const text = f(r.text, r.turn);
      return text === undefined ? [] : [{ turn: r.turn, text }];
    });
  // A reply kept while the write it reports was lost ("Done" after a dropped or failed call) no longer tells the truth.
  const sig = (c: PlannedCall) => `${c.turn}\u0000${c.name}\u0000${canonicalJson(c.args ?? null)}`;
  const writesKept = (calls: readonly PlannedCall[]) => {
    const have = new Set(calls.filter((c) => !c.malformed).map(sig));
    return writes.every((i) => have.has(sig(ref.calls[i]!)));
  };
  const make = (calls: PlannedCall[], replies = ref.replies, keepsGates = true, keepsAnswer = writesKept(calls), reported: number[] = []): Perturbation => ({
    kind,
    calls,
    replies,
    keepsGates,
    keepsAnswer,
    reported,
  });
  const harmless = harmlessRead(task, tools, rng);
  const n = ref.calls.length;

  switch (kind) {
    case "reference":
      return make(ref.calls);
    case "extra harmless read": {
      if (!harmless || n === 0) return undefined;
      const at = rng.int(0, n);
      return make(insert(ref.calls, at, { ...harmless, turn: (ref.calls[at] ?? ref.calls[n - 1]!).turn }));
    }
    case "failed attempt first": {
      const candidates = writes.filter((i) => refParam(ref.calls[i]!, tools));
      if (!candidates.length) return undefined;
      const i = rng.pick(candidates);
      const call = ref.calls[i]!;
      const p = refParam(call, tools)!;
      return make(insert(ref.calls, i, { ...call, args: { ...(call.args as object), [p]: invented(String((call.args as Record<string, unknown>)[p])) } }));
    }
    case "reworded reply":
      return make(
        ref.calls,
        mapReplies((t) => `Sure. ${t} Let me know if there is anything else.`),
      );
    case "reasoning added":
      return make(
        ref.calls,
        mapReplies(
          (t) => `<think>Maybe 4242 of them? Which one do you need?</think>${t}`,
          () => true,
        ),
      );
    case "reads past the budget": {
      if (!harmless || n === 0) return undefined;
      const extra = budget(n, 0.5) - n + 1 + rng.int(0, 2);
      return make([...ref.calls, ...Array.from({ length: extra }, () => ({ ...harmless, turn: ref.calls[n - 1]!.turn }))]);
    }
    case "drop a call":
      return n === 0 ? undefined : make(without(ref.calls, rng.int(0, n - 1)));
    case "wrong argument value": {
      if (!writes.length) return undefined;
      const i = rng.pick(writes);
      const changed = wrongArgs(ref.calls[i]!, tools, task, ctx);
      return changed ? make(replace(ref.calls, i, changed), ref.replies, true, true, [i]) : undefined;
    }
    case "invented ids": {
      const changed = ref.calls.flatMap((c, i) => (refParam(c, tools) ? [i] : []));
      if (!changed.length) return undefined;
      // The replies stay true if the changed writes still succeed (a tool may not need the entity
      // it was given); whether the facts are still backed is for the caller to observe.
      return make(
        ref.calls.map((c, i) => {
          const p = changed.includes(i) ? refParam(c, tools) : undefined;
          return p ? { ...c, args: { ...(c.args as object), [p]: invented(String((c.args as Record<string, unknown>)[p])) } } : c;
        }),
        ref.replies,
        true,
        true,
        changed.filter((i) => writes.includes(i)),
      );
    }
    case "extra write on another entity": {
      const candidates = writes.filter((i) => refParam(ref.calls[i]!, tools));
      if (!candidates.length) return undefined;
      const call = ref.calls[rng.pick(candidates)]!;
      const p = refParam(call, tools)!;
      const other = otherEntity(task, tools.get(call.name)!, p, String((call.args as Record<string, unknown>)[p]), ctx);
      return other === undefined ? undefined : make([...ref.calls, { ...call, args: { ...(call.args as object), [p]: other }, turn: ref.calls[n - 1]!.turn }]);
    }
    case "duplicate write":
      return writes.length ? make([...ref.calls, { ...ref.calls[rng.pick(writes)]!, turn: ref.calls[n - 1]!.turn }]) : undefined;
    case "unknown tool": {
      if (n === 0) return undefined;
      const i = rng.int(0, n - 1);
      return make(replace(ref.calls, i, { name: "teleport", args: {}, turn: ref.calls[i]!.turn }));
    }
    case "malformed call": {
      if (n === 0) return undefined;
      const i = rng.int(0, n - 1);
      return make(replace(ref.calls, i, { name: "", args: '<tool_call>{"name": oops}</tool_call>', turn: ref.calls[i]!.turn, malformed: true }));
    }
    case "number spam":
      return make(
        ref.calls,
        mapReplies((t) => `${t} ${Array.from({ length: 2001 }, (_, k) => k).join(", ")}`),
        true,
        !hasFacts,
      );
    case "no answer":
      return make(
        ref.calls,
        mapReplies(() => undefined),
        true,
        !hasFacts,
      );
    case "answer only in reasoning":
      return make(
        ref.calls,
        mapReplies((t) => `<think>${t}</think>Noted.`),
        true,
        !hasFacts,
      );
    case "honest failure": {
      if (!writes.length) return undefined;
      const failed = (turn: number) => task.turns[turn]!.steps.some((s) => tools.get(s.tool)?.readOnly === false);
      const lostFacts = task.turns.some((t, turn) => failed(turn) && t.answer_facts.length > 0);
      return make(
        ref.calls.filter((c) => !isWrite(c)),
        mapReplies((t, turn) => (failed(turn) ? "I'm sorry, I could not do that." : t)),
        true,
        !lostFacts,
      );
    }
    case "false claim of success": {
      const turns = [...new Set(writes.map((i) => ref.calls[i]!.turn))];
      if (!turns.length) return undefined;
      const turn = rng.pick(turns);
      return make(
        ref.calls.filter((c) => !(c.turn === turn && isWrite(c))),
        mapReplies((t, tt) => (tt === turn ? `Done. ${t}` : t)),
        true,
        false,
      );
    }
    case "guess instead of asking": {
      const ask = task.turns.findIndex((t, i) => t.expect === "clarify" && (task.turns[i + 1]?.steps.length ?? 0) > 0);
      if (ask < 0) return undefined;
      return make(
        ref.calls.map((c) => (c.turn === ask + 1 ? { ...c, turn: ask } : c)),
        ref.replies.map((r) => (r.turn === ask ? { turn: ask, text: "I went ahead with my best guess." } : r)),
        false,
      );
    }
    case "vague question": {
      const asks = task.turns.flatMap((t, i) => (t.expect === "clarify" ? [i] : []));
      return asks.length
        ? make(
            ref.calls,
            mapReplies(
              () => "Anything else?",
              (t) => asks.includes(t),
            ),
            false,
          )
        : undefined;
    }
    case "call instead of declining": {
      const turn = task.turns.findIndex((t) => t.expect === "abstain");
      const read = harmless ?? (task.tools[0] ? { name: task.tools[0], args: {} } : undefined);
      return turn >= 0 && read ? make(insert(ref.calls, ref.calls.filter((c) => c.turn < turn).length, { ...read, turn }), ref.replies, false) : undefined;
    }
    case "claims success instead of declining": {
      const turns = task.turns.flatMap((t, i) => (t.expect === "abstain" ? [i] : []));
      return turns.length
        ? make(
            ref.calls,
            mapReplies(
              () => "Done: it's taken care of.",
              (t) => turns.includes(t),
            ),
            false,
          )
        : undefined;
    }
  }
}

/** Runs a plan on a fresh session of the task and records what happened. */
export function execute(env: Environment, task: Task, plan: Plan): { trajectory: Trajectory; results: unknown[]; final: SessionState } {
  const { id } = env.create(sessionFor(task, serversOf(env)));
  try {
    const results: unknown[] = [];
    const calls: TrajectoryCall[] = plan.calls.map((c, i) => {
      if (c.malformed) return { name: "", arguments: c.args, outcome: "parse_error", turn: c.turn };
      const r = env.call(id, c.name, c.args);
      if (r.outcome === "ok") results[i] = r.result;
      return { name: c.name, arguments: c.args, outcome: r.outcome, turn: c.turn };
    });
    return { trajectory: { calls, replies: plan.replies }, results, final: env.sessionState(id) };
  } finally {
    env.close(id);
  }
}

/** One registry array per environment, so sessionFor's per-registry index is built once. */
const registries = new WeakMap<Environment, readonly Domain[]>();
function serversOf(env: Environment): readonly Domain[] {
  let r = registries.get(env);
  if (!r) registries.set(env, (r = env.servers()));
  return r;
}

function insert<T>(xs: readonly T[], at: number, x: T): T[] {
  return [...xs.slice(0, at), x, ...xs.slice(at)];
}
function without<T>(xs: readonly T[], at: number): T[] {
  return xs.filter((_, i) => i !== at);
}
function replace<T>(xs: readonly T[], at: number, x: T): T[] {
  return xs.map((y, i) => (i === at ? x : y));
}

/** An id of the same shape that names nothing: "ACC-1001" → "ACC-99991001". */
function invented(id: string): string {
  const m = /^(.*?)(\d+)$/.exec(id);
  return m ? `${m[1]}9999${m[2]}` : `${id}-none`;
}

/** The first parameter of the call that names an entity. */
function refParam(call: PlannedCall, tools: ReadonlyMap<string, Tool>): string | undefined {
  const args = call.args as Record<string, unknown>;
  return tools.get(call.name)?.params.find((p) => p.ref && typeof args?.[p.name] === "string")?.name;
}

/** A read the task does not need and that changes nothing: an offered list/search tool without required parameters, or a ground-truth read again. */
function harmlessRead(task: Task, tools: ReadonlyMap<string, Tool>, rng: Rng): { name: string; args: unknown } | undefined {
  const free = task.tools.filter((t) => {
    const tool = tools.get(t);
    return tool?.readOnly && !tool.params.some((p) => p.required);
  });
  if (free.length) return { name: rng.pick(free), args: {} };
  const reads = allSteps(task).filter((s) => tools.get(s.tool)?.readOnly);
  return reads.length ? (({ tool, args }) => ({ name: tool, args }))(rng.pick(reads)) : undefined;
}

/** Another existing entity of the kind parameter `param` of `tool` names, or undefined. */
function otherEntity(task: Task, tool: Tool, param: string, current: string, ctx: PerturbContext): string | undefined {
  const kind = tool.params.find((p) => p.name === param)?.ref;
  const domain = ctx.domains.find((d) => d.name === tool.domain);
  const table = kind && domain?.kinds.get(kind);
  if (!domain || !table) return undefined;
  const env = new Environment(ctx.domains);
  const { id } = env.create(sessionFor(task, ctx.domains));
  const key = domain.tables[table]?.key ?? "id";
  const rows = env.sessionState(id).begin().db(domain)[table]?.all() ?? [];
  const keys = rows.map((r) => String(r[key])).filter((k) => k !== current);
  return keys.length ? ctx.rng.pick(keys) : undefined;
}

/** The call with one argument changed to another valid-looking value, or undefined. */
function wrongArgs(call: PlannedCall, tools: ReadonlyMap<string, Tool>, task: Task, ctx: PerturbContext): PlannedCall | undefined {
  const tool = tools.get(call.name);
  const args = call.args as Record<string, unknown>;
  const params = (tool?.params ?? []).filter((p) => args[p.name] !== undefined);
  if (!tool || !params.length) return undefined;
  const p = ctx.rng.pick(params);
  const v = args[p.name];
  let next: unknown;
  if (p.ref && typeof v === "string") next = otherEntity(task, tool, p.name, v, ctx);
  else if (p.enum?.length) next = p.enum.find((e) => e !== v);
  else if (typeof v === "number") next = Number.isInteger(v) ? v + 1 : Math.round((v * 2 + 1) * 100) / 100;
  else if (typeof v === "boolean") next = !v;
  else if (typeof v === "string") next = `${v} (changed)`;
  return next === undefined ? undefined : { ...call, args: { ...args, [p.name]: next } };
}
