/**
 * The report of a task evaluation from trajectory lines written by hand: what success means
 * (final state by replay, facts stated, clarification and abstention turns handled), pass^k over
 * uneven trials, masked trajectories left out, and the numbers per group.
 */
import { describe, expect, it } from "vitest";
import type { TaskLine } from "../../ts/eval/records.ts";
import { Judge, taskReport } from "../../ts/eval/report.ts";
import { domains } from "../../ts/servers/index.ts";
import { TaskStore } from "../../ts/tasks/store.ts";
import { bankTasks } from "./fixtures.ts";

type Call = [string, unknown, number, string?];

function line(task_id: string, trial: number, calls: Call[], replies: Array<[number, string]>, extra: Partial<TaskLine> = {}): TaskLine {
  return {
    task_id,
    trial,
    reward: 1,
    components: {},
    score_outcome: "ok",
    end: "answered",
    outcomes: {},
    assistant_turns: 1,
    calls: calls.map(([name, args, turn, outcome]) => ({
      name,
      arguments: args,
      turn,
      outcome: (outcome ?? "ok") as TaskLine["calls"][number]["outcome"],
      changes: [],
    })),
    replies: replies.map(([turn, text]) => ({ turn, text })),
    detail: {},
    messages: [],
    ...extra,
  };
}

const balance: Call = ["get_balance", { account_id: "ACC-1002" }, 0];
const LINES = [
  line("bal-freeze", 0, [balance, ["freeze_card", { card_id: "CARD-1002" }, 0]], [[0, "Balance 1481.09; the card is frozen."]], { reward: 1.3 }), // success
  line("bal-freeze", 1, [balance], [[0, "Balance $1,481.09."]], { reward: 0.9 }), // the card is not frozen
  line("two-turns", 0, [], [], { score_outcome: "masked", reward: 0 }), // the environment failed: left out
  line(
    "two-turns",
    1,
    [
      ["list_accounts", { type: "checking" }, 0],
      ["get_balance", { account_id: "ACC-1002" }, 1],
    ],
    [
      [0, "ACC-1001 is yours."],
      [1, "It holds 1481.09."],
    ],
    { reward: 1.3 },
  ), // success
  line("flight", 0, [["list_accounts", {}, 0]], [[0, "I looked, but cannot."]], { reward: 0 }), // a call on an abstention turn
  line("flight", 1, [], [[0, "Sorry, I can't book flights."]]), // success
  line(
    "limit",
    0,
    [
      ["list_cards", { account_id: "ACC-1001" }, 1],
      ["set_card_limit", { card_id: "CARD-1001", daily_limit: 1500 }, 1],
    ],
    [
      [0, "I will change it."],
      [1, "Set to 1500."],
    ],
    { reward: 0.5 },
  ), // asked nothing
  line(
    "limit",
    1,
    [
      ["", "<tool_call>{bad", 1, "parse_error"],
      ["list_cards", { account_id: "ACC-1001" }, 1],
      ["set_card_limit", { card_id: "CARD-1001", daily_limit: 1500 }, 1],
    ],
    [
      [0, "What limit do you want?"],
      [1, "Set to 1500."],
    ],
    { reward: 1.2 },
  ), // success
];

describe("judging a trajectory", () => {
  const judge = new Judge(domains);
  const store = new TaskStore(bankTasks());
  const judged = (i: number) => judge.judge(store.get((LINES[i] as TaskLine).task_id)!, LINES[i] as TaskLine);

  it("replays its calls for the final state, reads its replies for the facts and its turns for the gates", () => {
    expect(judged(0)).toMatchObject({ success: true, stateEqual: true, factsStated: true, calls: 2, parseErrors: 0, referenceCalls: 2 });
    expect(judged(1)).toMatchObject({ success: false, stateEqual: false, factsStated: true });
    expect(judged(2)).toMatchObject({ counted: false, success: false });
    expect(judged(4)).toMatchObject({ success: false, stateEqual: true, gates: [{ turn: 0, expect: "abstain", handled: false }] });
    expect(judged(6)).toMatchObject({ success: false, stateEqual: true, gates: [{ turn: 0, expect: "clarify", handled: false }] });
    expect(judged(7)).toMatchObject({ success: true, parseErrors: 1, calls: 3 });
  });
});

describe("the report", () => {
  const r = taskReport({ policy: "hand", preset: "prove", trials: 2 }, new TaskStore(bankTasks()), LINES, domains);

  it("overall: 4 successes of 7 counted trajectories; pass^k over each task's own trials", () => {
    expect(r.excluded).toEqual({ masked: 1, unscorable: 0, unknown_tasks: 0 });
    const m = r.overall;
    expect(m.trajectories).toBe(7);
    expect(m.tasks).toBe(4);
    expect(m.success).toBeCloseTo(4 / 7, 12);
    // Per task: bal-freeze 1 of 2, two-turns 1 of 1, flight 1 of 2, limit 1 of 2.
    expect(m.pass_k[0]).toBeCloseTo((0.5 + 1 + 0.5 + 0.5) / 4, 12);
    expect(m.pass_k[1]).toBe(0); // no task with two trials succeeded twice
    expect(m.reward).toBeCloseTo((1.3 + 0.9 + 1.3 + 0 + 1 + 0.5 + 1.2) / 7, 12);
    expect(m.calls).toBeCloseTo(11 / 7, 12);
    expect(m.reference_calls).toBeCloseTo(10 / 7, 12);
    expect(m.parse_error_rate).toBeCloseTo(1 / 11, 12);
    expect(m.abstention).toEqual({ turns: 2, accuracy: 0.5 });
    expect(m.clarification).toEqual({ turns: 2, accuracy: 0.5 });
  });

  it("per group, and per task for comparisons", () => {
    expect(r.by.kind.conversation!.success).toBeCloseTo(2 / 3, 12);
    expect(r.by.kind.abstention!.abstention).toEqual({ turns: 2, accuracy: 0.5 });
    expect(r.by.turns["2"]!.trajectories).toBe(3);
    expect(r.by.chain_length["0"]!.success).toBe(0.5);
    expect(r.by.info_level.missing_required!.clarification.accuracy).toBe(0.5);
    expect(r.per_task.find((t) => t.id === "two-turns")).toEqual({
      id: "two-turns",
      domains: ["banking"],
      kind: "conversation",
      info_level: "minimal",
      trials: 1,
      successes: 1,
      reward: 1.3,
    });
  });
});
