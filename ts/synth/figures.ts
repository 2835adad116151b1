/**
 * The figures a dataset is judged by, computed from the tasks alone (and, for the clarification
 * asks, the assistant's replies), so a run can be judged without reading it — and an older
 * tasks.jsonl can be measured the same way. Definitions (docs/synthesis.md):
 * - an output binding: a step argument recorded as taken from an earlier call's result;
 * - a multi-turn conversation has at least two user turns with calls; a later turn acts on an
 *   earlier turn's entity when one of its steps binds an argument to a step of an earlier turn;
 * - a cross-domain dependency: a step bound to, or depending on, a step of the other domain;
 * - a reference id: a ref argument whose value is a minted id (the table's id prefix followed by
 *   digits, or a key like ATLAS-12), as opposed to a natural key a person says (a path, a ticker).
 */
import type { Domain, Tool } from "../servers/framework/index.ts";
import { worldFor } from "../servers/framework/world.ts";
import { INFO_LEVELS, type Task } from "../tasks/schema.ts";
import { grammarProblems, namesParameter } from "./grammar.ts";

export interface Figures {
  conversations: number;
  calls_per_conversation: { mean: number; max: number };
  user_turns_per_conversation: { mean: number; max: number };
  call_turns: number;
  calls_per_call_turn: number;
  /** Shares of call turns (all kinds of task). */
  call_turns_single_call: number;
  call_turns_with_inner_dependency: number;
  /** Share of conversations with a call whose arguments come from an earlier call's output. */
  conversations_with_output_binding: number;
  multi_turn_conversations: number;
  /** Share of multi-turn conversations with a later turn acting on an entity found or made earlier. */
  later_turn_on_earlier_entity: number;
  two_domain_conversations: number;
  /** Share of two-domain conversations with a dependency across the domains. */
  cross_domain_dependency: number;
  /** Per information level: reference ids in the steps, how many the user's text states, the share. */
  reference_ids_in_user_text: Record<string, { ids: number; stated: number; share: number }>;
  /** Per information level: share of tasks whose user text states at least one reference id. */
  tasks_stating_an_id: Record<string, number>;
  /** Share of minimal-level conversations with a lookup (a read whose output a later step uses). */
  minimal_with_lookup: number;
  worlds: { distinct: number; users: number; dates: number };
  /** User texts and replies that fail the grammar checker. */
  garbled_requests: number;
  garbled_replies: number;
  /** Clarification asks that name the missing parameter. */
  asks_naming_parameter: number;
}

export interface FigureSources {
  tools: ReadonlyMap<string, { tool: Tool; domain: Domain }>;
  /** The assistant's closing reply of each turn of task i, when known. */
  replies?: (i: number) => readonly string[] | undefined;
}

const share = (n: number, d: number) => (d === 0 ? 0 : round(n / d));
const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function toolIndex(domains: readonly Domain[]): Map<string, { tool: Tool; domain: Domain }> {
  return new Map(domains.flatMap((domain) => domain.tools.map((tool) => [tool.name, { tool, domain }] as const)));
}

/** A minted id of the entity's table (ACC-1001, cus_10016, ATLAS-12), not a natural key. */
export function isReferenceId(domain: Domain, kind: string, value: string): boolean {
  const def = domain.tables[domain.kinds.get(kind) ?? ""];
  if (def?.idPrefix && value.startsWith(def.idPrefix) && /^\d+$/.test(value.slice(def.idPrefix.length))) return true;
  return /^[A-Z][A-Z0-9]*-\d+$/.test(value);
}

export function figures(tasks: readonly Task[], src: FigureSources): Figures {
  const conversations = tasks.filter((t) => t.kind === "conversation");
  const calls = conversations.map((t) => t.turns.reduce((n, x) => n + x.steps.length, 0));
  const turns = conversations.map((t) => t.turns.length);
  const callTurns = tasks.flatMap((t) => t.turns.filter((x) => x.steps.length > 0));
  const stepTurn = (t: Task) => new Map(t.turns.flatMap((x, i) => x.steps.map((s) => [s.id, i] as const)));
  const stepDomain = (t: Task) => new Map(t.turns.flatMap((x) => x.steps.map((s) => [s.id, src.tools.get(s.tool)?.domain.name] as const)));

  const withBinding = conversations.filter((t) => t.turns.some((x) => x.steps.some((s) => Object.keys(s.bindings ?? {}).length > 0)));
  const multi = conversations.filter((t) => t.turns.filter((x) => x.steps.length > 0).length >= 2);
  const laterOnEarlier = multi.filter((t) => {
    const turnOf = stepTurn(t);
    const stepOf = new Map(t.turns.flatMap((x) => x.steps.map((s) => [s.id, s] as const)));
    // Found (a read's output) or made (the entity a write produced), in an earlier turn.
    const foundOrMade = (id: number) => {
      const tool = src.tools.get(stepOf.get(id)?.tool ?? "")?.tool;
      return !!tool && (tool.readOnly || !!tool.produces);
    };
    return t.turns.some((x, i) => x.steps.some((s) => Object.values(s.bindings ?? {}).some((b) => (turnOf.get(b.step) ?? i) < i && foundOrMade(b.step))));
  });
  const twoDomain = conversations.filter((t) => t.domains.length === 2);
  const crossDomain = twoDomain.filter((t) => {
    const domainOf = stepDomain(t);
    return t.turns.some((x) =>
      x.steps.some((s) => [...s.depends_on, ...Object.values(s.bindings ?? {}).map((b) => b.step)].some((d) => domainOf.get(d) !== domainOf.get(s.id))),
    );
  });

  const ids: Record<string, { ids: number; stated: number; share: number }> = {};
  const stating: Record<string, number> = {};
  for (const level of INFO_LEVELS) {
    const ofLevel = tasks.filter((t) => t.info_level === level && t.turns.some((x) => x.steps.length > 0));
    let all = 0;
    let stated = 0;
    let tasksStating = 0;
    for (const t of ofLevel) {
      let said = "";
      let any = false;
      for (const turn of t.turns) {
        said += `\n${turn.user}`;
        for (const s of turn.steps) {
          const entry = src.tools.get(s.tool);
          if (!entry) continue;
          for (const p of entry.tool.params) {
            if (!p.ref || s.args[p.name] === undefined) continue;
            for (const v of ([] as unknown[]).concat(s.args[p.name])) {
              if (typeof v !== "string" || !isReferenceId(entry.domain, p.ref, v)) continue;
              all++;
              if (said.includes(v)) {
                stated++;
                any = true;
              }
            }
          }
        }
      }
      if (any) tasksStating++;
    }
    ids[level] = { ids: all, stated, share: share(stated, all) };
    stating[level] = share(tasksStating, ofLevel.length);
  }

  const minimal = conversations.filter((t) => t.info_level === "minimal");
  const withLookup = minimal.filter((t) => {
    const reads = new Set(t.turns.flatMap((x) => x.steps.filter((s) => src.tools.get(s.tool)?.tool.readOnly).map((s) => s.id)));
    return t.turns.some((x) => x.steps.some((s) => Object.values(s.bindings ?? {}).some((b) => reads.has(b.step))));
  });

  const seeds = [...new Set(tasks.map((t) => t.seed))];
  const worlds = seeds.map((s) => worldFor(s));

  let garbledReplies = 0;
  let askNaming = 0;
  tasks.forEach((t, i) => {
    const replies = src.replies?.(i);
    if (!replies) return;
    garbledReplies += replies.filter((r) => grammarProblems(r).length > 0).length;
    t.turns.forEach((turn, k) => {
      if (turn.expect !== "clarify") return;
      const ask = replies[k] ?? "";
      if ((turn.missing ?? []).some((p) => namesParameter(ask, p))) askNaming++;
    });
  });

  return {
    conversations: conversations.length,
    calls_per_conversation: { mean: round(mean(calls)), max: Math.max(0, ...calls) },
    user_turns_per_conversation: { mean: round(mean(turns)), max: Math.max(0, ...turns) },
    call_turns: callTurns.length,
    calls_per_call_turn: round(mean(callTurns.map((x) => x.steps.length))),
    call_turns_single_call: share(callTurns.filter((x) => x.steps.length === 1).length, callTurns.length),
    call_turns_with_inner_dependency: share(
      callTurns.filter((x) => x.steps.some((s) => s.depends_on.some((d) => x.steps.some((o) => o.id === d)))).length,
      callTurns.length,
    ),
    conversations_with_output_binding: share(withBinding.length, conversations.length),
    multi_turn_conversations: multi.length,
    later_turn_on_earlier_entity: share(laterOnEarlier.length, multi.length),
    two_domain_conversations: twoDomain.length,
    cross_domain_dependency: share(crossDomain.length, twoDomain.length),
    reference_ids_in_user_text: ids,
    tasks_stating_an_id: stating,
    minimal_with_lookup: share(withLookup.length, minimal.length),
    worlds: { distinct: seeds.length, users: new Set(worlds.map((w) => w.user.full_name)).size, dates: new Set(worlds.map((w) => w.today)).size },
    garbled_requests: tasks.reduce((n, t) => n + t.turns.filter((x) => grammarProblems(x.user).length > 0).length, 0),
    garbled_replies: garbledReplies,
    asks_naming_parameter: askNaming,
  };
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
