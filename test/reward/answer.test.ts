/** Reading replies: reasoning removed, facts, the data a reply claims, claims of action, asking for a missing value. */
import { describe, expect, it } from "vitest";
import { claims, claimsAction, Evidence, states } from "../../ts/reward/answer.ts";
import { asksAnything, asksFor, wanted } from "../../ts/reward/asking.ts";
import { stripReasoning } from "../../ts/reward/reasoning.ts";
import { domains } from "../../ts/servers/index.ts";
import { buildTask } from "../../ts/tasks/build.ts";

describe("reasoning is not part of the reply", () => {
  it("removes <think> blocks, an unclosed one, and a block the template opened in the prompt", () => {
    expect(stripReasoning("<think>Which account? 42</think>Done: moved 25.00.")).toBe("Done: moved 25.00.");
    expect(stripReasoning("I will check.<think>maybe ask which card?")).toBe("I will check.");
    expect(stripReasoning("the user wants X, ask?</think>\nWhich card should I freeze?")).toBe("Which card should I freeze?");
    expect(stripReasoning("<THINK>a</THINK>b<think>c</think>d")).toBe("bd");
  });

  it("removes Granite's thought process in both of its forms", () => {
    expect(stripReasoning("<think>Should I ask?</think><response>Your balance is 7,284.10.</response>")).toBe("Your balance is 7,284.10.");
    expect(stripReasoning("Here is my thought process: what is the limit? Here is my response: The card is frozen.")).toBe("The card is frozen.");
    expect(stripReasoning("Here's my thought process: which limit?")).toBe("");
    expect(stripReasoning("Plain reply.")).toBe("Plain reply.");
  });
});

describe("facts and claimed data", () => {
  it("finds facts as whole text, or as numbers written differently", () => {
    expect(states("Your balance is $7,284.10.", "7284.1")).toBe(true);
    expect(states("Done: transfer TRF-1012 is complete", "trf-1012")).toBe(true);
    expect(states("The balance is 7,284", "7284.1")).toBe(false);
    // A number is not found inside another number, an id or a date.
    expect(states("I found 10 results.", "1")).toBe(false);
    expect(states("Refund re_10010 issued.", "re_1001")).toBe(false);
    expect(states("Account ACC-1001 on 2026-11-30.", "1001")).toBe(false);
    expect(states("Account ACC-1001 on 2026-11-30.", "30")).toBe(false);
  });

  it("claims numbers, ids, dates and times, not words like 4-star", () => {
    expect([...claims("Moved $1,200.00 from ACC-1001 to C1006 on 2026-11-30 at 09:30; a 4-star review, 25% off.")].sort()).toEqual([
      "d:2026-11-30",
      "id:acc-1001",
      "id:c1006",
      "n:1200",
      "n:25",
      "t:9:30",
    ]);
    expect(claims("Done.").size).toBe(0);
  });

  it("backs data with what results hold: numbers by value, strings as text, the length of a list", () => {
    const e = new Evidence()
      .addText("Move 25 dollars to savings.")
      .addValue({ balance: 7284.1, items: [{ id: "TRF-1012" }, { id: "TRF-1013" }], when: "2026-11-30T09:30:00Z" });
    expect(e.backs("n:25")).toBe(true);
    expect(e.backs("n:7284.1")).toBe(true);
    expect(e.backs("n:2")).toBe(true); // two items listed
    expect(e.backs("id:trf-1013")).toBe(true);
    expect(e.backs("n:1999")).toBe(false);
    expect(e.contains("7284.10")).toBe(true);
    expect(e.contains("trf-1012")).toBe(true);
    expect(e.contains("savings")).toBe(true);
    expect(e.contains("checking")).toBe(false);
  });

  it("backs the same data with a call's result (read once per result object) as with a value, in every evidence that holds it", () => {
    const result = { balance: 7284.1, items: [{ id: "TRF-1012" }, { id: "TRF-1013" }] };
    const asValue = new Evidence().addValue(result);
    const first = new Evidence().addResult(result);
    const second = new Evidence().addText("Move 25 dollars.").addResult(result);
    for (const key of ["n:7284.1", "n:2", "id:trf-1013", "n:25", "id:trf-1014"])
      expect([first.backs(key), second.backs(key)]).toEqual([asValue.backs(key), asValue.backs(key) || key === "n:25"]);
    expect(second.contains("move 25 dollars")).toBe(true);
    expect(first.contains("move 25 dollars")).toBe(false); // one evidence's texts are not another's
    expect(new Evidence().addResult(null).backs("n:0")).toBe(false);
  });

  it("a claim of action is a sentence that says something was done and does not negate it", () => {
    expect(claimsAction("Done: PO-1007 received")).toBe(true);
    expect(claimsAction("I've frozen the card.")).toBe(true);
    expect(claimsAction("Your transfer has been completed.")).toBe(true);
    expect(claimsAction("I'm sorry, but I can't do that with the tools I have here.")).toBe(false);
    expect(claimsAction("The transfer could not be completed: insufficient funds.")).toBe(false);
    expect(claimsAction("Here is what I found: balance 7284.10.")).toBe(false);
    expect(claimsAction("What daily limit would you like?")).toBe(false);
  });
});

describe("asking for the missing value, by what is asked for", () => {
  const banking = domains.find((d) => d.name === "banking")!;
  const tools = new Map(banking.tools.map((t) => [t.name, t] as const));
  const task = buildTask({
    id: "limit",
    seed: "7",
    domains: [banking],
    turns: [
      { user: "Please set a new limit on my card CARD-1002.", expect: "clarify" },
      { user: "Make it 1500.", steps: [{ tool: "set_card_limit", args: { card_id: "CARD-1002", daily_limit: 1500 } }] },
    ],
  });
  const want = [wanted(task, 0, "daily_limit", tools)];

  it("names the value by its parameter's words, its description and the question its kind calls for", () => {
    expect(want[0]!.words).toEqual(expect.arrayContaining(["daily", "limit"]));
    expect(want[0]!.questions).toContain("how much");
  });

  it("passes a request that names the value, with or without a question mark", () => {
    expect(asksFor("I need the daily limit to continue.", want)).toBe(true);
    expect(asksFor("What daily limit would you like?", want)).toBe(true);
    expect(asksFor("How much should the card allow per day?", want)).toBe(true);
    expect(asksFor("Sure. Could you tell me the limit you want?", want)).toBe(true);
  });

  it("fails a question about something else, a statement, and a question only in the reasoning", () => {
    expect(asksFor("Anything else?", want)).toBe(false);
    expect(asksFor("Which card do you mean?", want)).toBe(false);
    expect(asksFor("The daily limit is now 1500.", want)).toBe(false);
    expect(asksFor(stripReasoning("<think>What daily limit would you like?</think>OK."), want)).toBe(false);
  });

  it("a parameter named only by a small word (at) is still named by it, and by its kind's question", () => {
    const iot = domains.find((d) => d.name === "iot_devices")!;
    const schedule = buildTask({
      id: "at",
      seed: "7",
      domains: [iot],
      turns: [{ user: "Create a device schedule for the scene Focus named Reading.", expect: "clarify" }],
    });
    const at = [wanted(schedule, 0, "at", new Map(iot.tools.map((t) => [t.name, t] as const)))];
    expect(asksFor("Which at would you like?", at)).toBe(true);
    expect(asksFor("What time should it run?", at)).toBe(true);
    expect(asksFor("Which scene do you mean?", at)).toBe(false);
  });

  it("recognises the synthesizer's asks, which never name the parameter, by the words its value's class is asked for with", () => {
    // daily_limit is money: "how much", "sum", "amount" ask for it; a title's or a recipient's ask does not.
    expect(asksFor("What sum did you have in mind?", want)).toBe(true);
    expect(asksFor("What should I call it?", want)).toBe(false);
    expect(asksFor("Who should it go to?", want)).toBe(false);
    // A label's name is a title: "call it", "name", "title" ask for it; an amount's ask does not.
    const label = buildTask({
      id: "label",
      seed: "7",
      domains: [domains.find((d) => d.name === "email")!],
      tools: ["create_label"],
      turns: [{ user: "Could you create a label with the color blue?", expect: "clarify" }],
    });
    const name = [wanted(label, 0, "name", new Map(domains.find((d) => d.name === "email")!.tools.map((t) => [t.name, t] as const)))];
    expect(name[0]!.questions).toEqual(expect.arrayContaining(["call it", "title"]));
    expect(asksFor("What should I call it?", name)).toBe(true);
    expect(asksFor("What title would you like for it?", name)).toBe(true);
    expect(asksFor("How much should it be?", name)).toBe(false);
    expect(asksFor("Anything else?", name)).toBe(false);
  });

  it("without a record of what is missing, any request counts", () => {
    expect(asksAnything("Anything else?")).toBe(true);
    expect(asksAnything("Done.")).toBe(false);
  });
});
