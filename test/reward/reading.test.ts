/** Reading a reply, as tables worked out by hand: text normalised, the data claimed, facts stated, sentences, claims of action, reasoning removed. */
import { describe, expect, it } from "vitest";
import { claims, claimsAction, Evidence, normalize, sentences, states } from "../../ts/reward/answer.ts";
import { asksAnything, asksFor, wanted } from "../../ts/reward/asking.ts";
import { stripReasoning } from "../../ts/reward/reasoning.ts";
import { domains } from "../../ts/servers/index.ts";
import { buildTask } from "../../ts/tasks/build.ts";

describe("normalize: lowercase, thousands separators and currency signs dropped, whitespace collapsed", () => {
  const cases: Array<[string, string]> = [
    ["  Balance:\t$7,284.10 \n", "balance: 7284.10"],
    ["€1,000,000 and £5", "1000000 and 5"],
    ["1,23 stays", "1,23 stays"], // not a thousands group: two digits follow
    ["12,3456 stays", "12,3456 stays"], // four digits follow: not a group of three
    ["a,b", "a,b"],
  ];
  for (const [text, norm] of cases) it(`${JSON.stringify(text)} → ${JSON.stringify(norm)}`, () => expect(normalize(text)).toBe(norm));
});

describe("claims: the numbers, ids, dates and times a reply states", () => {
  const cases: Array<[string, string[]]> = [
    ["It costs 25.", ["n:25"]],
    ["It is -3 degrees.", ["n:-3"]],
    ["Paid 1,200.50 today.", ["n:1200.5"]],
    ["Rate 0.1234567.", ["n:0.123457"]],
    ["Version v2.", []], // part of a word
    ["See 3.14.15 there.", []], // a dotted number run is no single number
    ["At 12:45 sharp.", ["t:12:45"]],
    ["At 7:05 sharp.", ["t:7:05"]],
    ["Path a/12 here", []],
    ["Range 10-20 here", []], // joined by a dash, as in an id: neither stands alone
    ["Due 2026-01-31.", ["d:2026-01-31"]],
    ["Ids TRF-1012, ch_100106, C1006 and ab12.", ["id:trf-1012", "id:ch_100106", "id:c1006"]],
    ["A 4-star hotel, 5-day trip.", []],
    ["Card ABCDE12345.", []], // a five-letter prefix is no short prefix and has no separator
    ["Card ABCD123.", ["id:abcd123"]],
    ["Nothing here.", []],
  ];
  for (const [reply, keys] of cases) {
    it(`${JSON.stringify(reply)} claims ${keys.length ? keys.join(", ") : "nothing"}`, () => {
      expect([...claims(reply)].sort()).toEqual([...keys].sort());
    });
  }
});

describe("states: a fact as a number by value, anything else as whole text", () => {
  const cases: Array<[string, string, boolean]> = [
    ["The total is $1,250.00.", "1250", true],
    ["The total is 1250.", "1,250.00", true],
    ["The total is 1251.", "1250", false],
    ["Temperature -4 now.", "-4", true],
    ["Temperature 4 now.", "-4", false],
    ["Booked at the Grand Hotel.", "grand hotel", true],
    ["Booked at the Grandest Hotel.", "grand hotel", false],
    ["Booked at the Grand Hotels.", "grand hotel", false],
    ["Hotel: grand hotel", "Grand  Hotel", true],
    ["anything", "", true], // nothing to state
    ["anything", "  ", true],
    ["x-1 and x-10", "x-10", true],
    ["x-10 only", "x-1", false],
  ];
  for (const [reply, fact, yes] of cases) {
    it(`${JSON.stringify(reply)} ${yes ? "states" : "does not state"} ${JSON.stringify(fact)}`, () => expect(states(reply, fact)).toBe(yes));
  }
});

describe("Evidence: what a trajectory can back a reply with", () => {
  const e = new Evidence()
    .addText("Please pay Ann 40 on 2026-12-01 at 9:15.")
    .addValue({ count: 3, rows: [[1, 2], []], label: "Card ABCD123", nested: { deep: ["PO-7"] }, nothing: null, flag: true });

  const backs: Array<[string, boolean, string]> = [
    ["n:40", true, "a number in the user's text"],
    ["d:2026-12-01", true, "a date in the user's text"],
    ["t:9:15", true, "a time in the user's text"],
    ["n:3", true, "a number value"],
    ["n:2", true, "the length of a list (rows has 2) and a number in it"],
    ["n:0", true, "the length of the empty list"],
    ["n:1", true, "a number inside a nested list"],
    ["id:abcd123", true, "an id inside a string value"],
    ["id:po-7", true, "an id in a nested list"],
    ["n:4", false, "no four anywhere"],
    ["id:po-8", false, "another id"],
    ["n:-40", false, "the sign counts"],
  ];
  for (const [key, yes, why] of backs) it(`${key}: ${yes ? "backed" : "not backed"} (${why})`, () => expect(e.backs(key)).toBe(yes));

  it("contains a fact as a number by value or as whole text", () => {
    expect(e.contains("40.00")).toBe(true);
    expect(e.contains("ann")).toBe(true);
    expect(e.contains("an")).toBe(false);
    expect(e.contains("card abcd123")).toBe(true);
    expect(e.contains("")).toBe(true);
    expect(e.contains("41")).toBe(false);
    expect(e.contains("true")).toBe(false); // a boolean is no text
  });

  it("asking again gives the same answer", () => {
    expect(e.backs("n:40")).toBe(true);
    expect(e.backs("n:4")).toBe(false);
  });
});

describe("sentences and claims of action", () => {
  it("splits on . ! ? ; and line ends, keeping the punctuation", () => {
    expect(sentences("Done! Moved 5. Anything else?? Yes; no\nnext line")).toEqual(["Done!", "Moved 5.", "Anything else??", "Yes;", "no", "next line"]);
    expect(sentences("   ")).toEqual([]);
    expect(sentences("")).toEqual([]);
  });

  const action: Array<[string, boolean]> = [
    ["Done.", true],
    ["All set!", true],
    ["The order was placed.", true],
    ["I have now renamed it.", true],
    ["I've just booked it.", true],
    ["The meeting is now at 3.", true],
    ["Your refund was processed successfully.", true],
    ["It's taken care of.", true],
    ["The payment went through.", true],
    ["I cancelled the order.", true],
    ["I canceled the order.", true],
    ["I am unable to complete it.", false],
    ["Unfortunately it was not sent.", false],
    ["Sorry, it failed.", false],
    ["That is impossible; I deleted it.", true], // the sentence that claims it negates nothing
    ["Error: the card was not frozen.", false],
    ["It wasn't shipped.", false],
    ["It never shipped.", false],
    ["Here is your balance.", false],
    ["Would you like me to send it?", false],
  ];
  for (const [reply, yes] of action) it(`${JSON.stringify(reply)} ${yes ? "claims" : "does not claim"} an action`, () => expect(claimsAction(reply)).toBe(yes));
});

describe("requests", () => {
  const request: Array<[string, boolean]> = [
    ["Which one?", true],
    ["Please send the amount.", true],
    ["Could you give the amount.", true],
    ["Let me know the amount.", true],
    ["I'll need the amount.", true],
    ["Kindly provide the amount.", true],
    ["Specify the amount.", true],
    ["I need to know the amount.", true],
    ["The amount is 5.", false],
    ["Thanks.", false],
  ];
  for (const [reply, yes] of request) it(`${JSON.stringify(reply)} ${yes ? "asks" : "asks nothing"}`, () => expect(asksAnything(reply)).toBe(yes));

  it("a request names a value by a wanted word (plural or not) or by a whole question phrase", () => {
    const want = [{ words: ["limit", "address"], questions: ["how much"] }];
    expect(asksFor("What limits apply?", want)).toBe(true);
    // A word that itself ends in s: "addresses" names "address" (its stem dropped only the s of "address").
    expect(asksFor("Which addresses should I use?", want)).toBe(true);
    expect(asksFor("Which address should I use?", want)).toBe(true);
    expect(asksFor("Which limit?", [{ words: ["limits"], questions: [] }])).toBe(true);
    expect(asksFor("How much?", want)).toBe(true);
    expect(asksFor("How muchness?", want)).toBe(false); // not the whole phrase
    expect(asksFor("The limit is 5.", want)).toBe(false); // no request
    expect(asksFor("Which card?", want)).toBe(false);
    expect(asksFor("Which card?", [])).toBe(false);
  });
});

describe("reasoning removed, form by form", () => {
  const cases: Array<[string, string]> = [
    ["<think>a</think>b", "b"],
    ["x<think>a", "x"],
    ["a</think>b", "b"],
    ["a</think>b<think>c</think>d", "bd"],
    ["<think>a</think>b</think>c", "b</think>c"], // a lone close after an opened block is text
    ["<response>ok</response>", "ok"],
    ["<RESPONSE>ok</Response>", "ok"],
    ["Intro. Here is my thought process: x. Here's my response: y.", "Intro.  y."],
    ["Intro. here is my thought process: x", "Intro."],
    ["  plain  ", "plain"],
  ];
  for (const [text, out] of cases) it(`${JSON.stringify(text)} → ${JSON.stringify(out)}`, () => expect(stripReasoning(text)).toBe(out));
});

describe("the words that name a missing value, worked out from the tool's schema by hand", () => {
  const banking = domains.find((d) => d.name === "banking")!;
  const tools = new Map(banking.tools.map((t) => [t.name, t] as const));
  // set_card_limit: card_id "The card (a card id such as 'CARD-1042')", daily_limit "New daily limit in USD".
  const task = buildTask({
    id: "limit",
    seed: "7",
    domains: [banking],
    tools: ["set_card_limit", "list_cards"],
    turns: [
      { user: "Please set a new limit on my card CARD-1002.", expect: "clarify" },
      { user: "Make it 1500.", steps: [{ tool: "set_card_limit", args: { card_id: "CARD-1002", daily_limit: 1500 } }] },
    ],
  });

  it("daily_limit: its name's words, then the description's words the user did not say (daily, usd; not new, in: small words; not limit: said)", () => {
    expect(wanted(task, 0, "daily_limit", tools).words).toEqual(["daily", "limit", "usd"]);
  });

  it("card_id: 'id' is a small word and the description's example in parentheses is left out; 'card' was said", () => {
    expect(wanted(task, 0, "card_id", tools).words).toEqual(["card"]);
  });

  it("with no later step using it, the offered tools that have the parameter describe it", () => {
    const alone = buildTask({
      id: "alone",
      seed: "7",
      domains: [banking],
      tools: ["list_cards", "set_card_limit"],
      turns: [{ user: "Change the cap on my card.", expect: "clarify" }],
    });
    expect(wanted(alone, 0, "daily_limit", tools).words).toEqual(["daily", "limit", "usd"]);
    expect(wanted(alone, 0, "daily_limit", tools).questions).toContain("how much");
  });

  it("a parameter no tool has: only its name's words, split at underscores and capitals, one-letter parts dropped, and no question", () => {
    expect(wanted(task, 0, "maxMonthly_x_amount", tools)).toEqual({ words: ["max", "monthly", "amount"], questions: [] });
    // A name made only of small words keeps them.
    expect(wanted(task, 0, "at", tools).words).toEqual(["at"]);
    expect(wanted(task, 0, "for_the", tools).words).toEqual(["for", "the"]);
  });
});

describe("edges the tables above leave open", () => {
  it("a request is any sentence that asks, not every sentence", () => {
    expect(asksAnything("Thanks. Which one?")).toBe(true);
  });

  it("ids, numbers and facts at their edges", () => {
    expect([...claims("A follow-up and a re-check.")]).toEqual([]); // a separator but no digit: no id
    expect([...claims("Model abc123x ships.")]).toEqual([]); // a short prefix and digits, then more letters: no id
    expect([...claims("Scores 1,23 today.")].sort()).toEqual(["n:1", "n:23"]); // not a thousands group: two numbers
    expect(states("Booked at theGrand Hotel.", "grand hotel")).toBe(false); // a letter right before the fact
    expect(states("Use code 12abc now.", "12abc")).toBe(true); // digits then letters: a word, not a number
    expect(new Evidence().contains("")).toBe(true); // nothing to state is backed by nothing
    expect(new Evidence().contains("stryker")).toBe(false);
  });

  it("claims of completion by word form", () => {
    expect(claimsAction("Complete.")).toBe(true);
    expect(claimsAction("I have paused it.")).toBe(true);
    expect(claimsAction("I've rewritten it.")).toBe(true);
    expect(claimsAction("I've lent it.")).toBe(true);
  });

  it("reasoning closed at the very start, and a block after text", () => {
    expect(stripReasoning("</think>Done.")).toBe("Done.");
    expect(stripReasoning("Sure.<think>a</think> Done.")).toBe("Sure. Done.");
  });
});
