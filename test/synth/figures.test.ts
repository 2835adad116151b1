import { describe, expect, it } from "vitest";
import { domains } from "../../ts/servers/index.ts";
import { figures, isReferenceId, toolIndex } from "../../ts/synth/figures.ts";
import type { Step, Task, Turn } from "../../ts/tasks/schema.ts";

const tools = toolIndex(domains);
const banking = domains.find((d) => d.name === "banking")!;

let next = 0;
const s = (tool: string, args: Record<string, unknown>, deps: number[] = [], bindings?: Step["bindings"]): Step => ({
  id: next++,
  tool,
  args,
  depends_on: deps,
  ...(bindings ? { bindings } : {}),
});
const turn = (user: string, steps: Step[], expect: Turn["expect"] = "call"): Turn => ({ user, expect, steps, answer_facts: [] });
const task = (over: Partial<Task> & { turns: Turn[] }): Task => ({
  id: `t${next}`,
  seed: "w1",
  domains: ["banking"],
  tools: [],
  kind: "conversation",
  info_level: "complete",
  system: "",
  reference: { final_hash: "", written_paths: [], values: {} },
  tags: [],
  knobs: { distractors: [], strip_enums: false, irrelevant: false },
  ...over,
});

describe("figures", () => {
  it("tells minted ids from natural keys", () => {
    expect(isReferenceId(banking, "account", "ACC-1001")).toBe(true);
    expect(isReferenceId(banking, "account", "checking")).toBe(false);
    const fs = domains.find((d) => d.name === "filesystem")!;
    expect(isReferenceId(fs, "node", "/home/ana/notes.txt")).toBe(false);
    const tracker = domains.find((d) => d.name === "issue_tracker")!;
    expect(isReferenceId(tracker, "issue", "ATLAS-12")).toBe(true);
  });

  it("counts dependencies, turns, calls, ids and worlds as defined", () => {
    next = 0;
    // A: two turns; the second pays a payee the first turn listed (found in an earlier turn).
    const a0 = s("list_payees", {});
    const a1 = s("pay_payee", { from_account_id: "ACC-1001", payee_id: "PAYEE-1002", amount: 5 }, [0], { payee_id: { step: 0, path: "items[1].id" } });
    const a2 = s("list_cards", {});
    const A = task({
      info_level: "minimal",
      turns: [turn("List my payees, and my cards.", [a0, a2]), turn("Pay the second one 5 from the checking account ending in 1234.", [a1])],
    });
    // B: one turn of one call stating an id; no binding.
    next = 0;
    const B = task({
      seed: "w2",
      turns: [
        turn("Freeze the card CARD-1001.", [s("freeze_card", { card_id: "CARD-1001" })]),
        turn("Unfreeze the card CARD-1002.", [s("unfreeze_card", { card_id: "CARD-1002" })]),
      ],
    });
    // C: two domains, a calendar step bound to a banking step (a cross-domain dependency), in one turn.
    next = 0;
    const c0 = s("get_transaction", { transaction_id: "TXN-100001" });
    const c1 = s("create_event", { summary: "x", start: "2026-05-01T10:00:00Z", end: "2026-05-01T11:00:00Z" }, [0], { start: { step: 0, path: "posted_at" } });
    const C = task({ domains: ["banking", "calendar"], turns: [turn("Look up TXN-100001 and put it in my calendar.", [c0, c1])] });
    // D: an abstention (no calls) does not count as a conversation.
    const D = task({ kind: "abstention", turns: [turn("Book me a flight.", [], "abstain")] });

    const f = figures([A, B, C, D], { tools, replies: (i) => (i === 0 ? ["I found 3 payees.", "Done."] : undefined) });
    expect(f.conversations).toBe(3);
    expect(f.calls_per_conversation).toEqual({ mean: 2.3333, max: 3 }); // 3, 2, 2
    expect(f.user_turns_per_conversation).toEqual({ mean: 1.6667, max: 2 });
    expect(f.call_turns).toBe(5);
    expect(f.call_turns_single_call).toBe(0.6); // 3 of 5
    expect(f.call_turns_with_inner_dependency).toBe(0.2); // C's turn
    expect(f.conversations_with_output_binding).toBe(0.6667); // A and C
    expect(f.multi_turn_conversations).toBe(2); // A and B
    expect(f.later_turn_on_earlier_entity).toBe(0.5); // A
    expect(f.two_domain_conversations).toBe(1);
    expect(f.cross_domain_dependency).toBe(1);
    // Minimal (A): ACC-1001 and PAYEE-1002 are reference ids; the user text states neither.
    expect(f.reference_ids_in_user_text.minimal).toEqual({ ids: 2, stated: 0, share: 0 });
    // Complete (B, C): CARD-1001 stated, CARD-1002 stated, TXN-100001 stated.
    expect(f.reference_ids_in_user_text.complete).toEqual({ ids: 3, stated: 3, share: 1 });
    expect(f.tasks_stating_an_id.complete).toBe(1);
    expect(f.minimal_with_lookup).toBe(1);
    expect(f.worlds.distinct).toBe(2);
    expect(f.garbled_requests).toBe(0);
    expect(f.garbled_replies).toBe(0);
  });

  it("counts garbled requests and asks that name the missing parameter", () => {
    next = 0;
    const t = task({
      kind: "clarification",
      info_level: "missing_required",
      turns: [
        { user: "Could you reserve a for pickup?", expect: "clarify", steps: [], answer_facts: [], missing: ["amount"] },
        turn("Use 20.", [s("transfer_between_accounts", { from_account_id: "ACC-1001", to_account_id: "ACC-1002", amount: 20 })]),
      ],
    });
    const f = figures([t], { tools, replies: () => ["What amount should I use?", "Done."] });
    expect(f.garbled_requests).toBe(1);
    expect(f.asks_naming_parameter).toBe(1);
    const g = figures([t], { tools, replies: () => ["How much should it be?", "Done."] });
    expect(g.asks_naming_parameter).toBe(0);
  });
});
