import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import { FORMATS, parseAssistant, renderToolTurn } from "../../ts/env/formats/index.ts";
import { toy } from "../helpers/toy-domain.ts";

const calls = (o: ReturnType<typeof parseAssistant>) => o.items.flatMap((i) => ("call" in i ? [i.call] : []));
const errors = (o: ReturnType<typeof parseAssistant>) => o.items.flatMap((i) => ("error" in i ? [i.error.message] : []));

describe("hermes / qwen <tool_call> blocks", () => {
  it("parses several calls and keeps the prose as the reply", () => {
    const out = parseAssistant(
      "hermes",
      'Let me check.\n<tool_call>\n{"name": "list_notes", "arguments": {"pinned": true}}\n</tool_call>\n<tool_call>{"name":"pin_note","arguments":{"note_id":"N-1001"}}</tool_call>\nDone.',
    );
    expect(calls(out)).toEqual([
      { id: "call_0", name: "list_notes", arguments: { pinned: true } },
      { id: "call_1", name: "pin_note", arguments: { note_id: "N-1001" } },
    ]);
    expect(out.reply).toBe("Let me check.\n\n\nDone.");
    expect(errors(out)).toEqual([]);
  });

  it("is not fooled by tags, braces and escaped quotes inside string values", () => {
    const body = 'see </tool_call> and {braces} and \\"quotes\\" <tool_call>';
    const out = parseAssistant("hermes", `<tool_call>{"name":"set_body","arguments":{"note_id":"N-1","body":"${body}"}}</tool_call>`);
    expect(calls(out)).toEqual([
      { id: "call_0", name: "set_body", arguments: { note_id: "N-1", body: 'see </tool_call> and {braces} and "quotes" <tool_call>' } },
    ]);
  });

  it("accepts arguments given as a JSON string and a missing arguments object", () => {
    const out = parseAssistant(
      "hermes",
      '<tool_call>{"name":"pin_note","arguments":"{\\"note_id\\":\\"N-1\\"}"}</tool_call><tool_call>{"name":"list_notes"}</tool_call>',
    );
    expect(calls(out).map((c) => c.arguments)).toEqual([{ note_id: "N-1" }, {}]);
  });

  it("turns every malformed call into a format error, never an exception", () => {
    const cases: Array<[string, RegExp]> = [
      ['<tool_call>{"name":"pin_note","arguments":{"note_id":"N-1"', /unterminated JSON/],
      ['<tool_call>{"name":"pin_note","arguments":{"note_id":"N-1"}}', /missing <\/tool_call>/],
      ["<tool_call>pin_note(N-1)</tool_call>", /expected a JSON object/],
      ["<tool_call>", /unterminated <tool_call>/],
      ['<tool_call>{"name":"pin_note","arguments":{"note_id":N-1}}</tool_call>', /invalid JSON/],
      ['<tool_call>{"name":"pin_note","parameters":{"note_id":"N-1"}}</tool_call>', /use "arguments"/],
      ['<tool_call>{"arguments":{}}</tool_call>', /no "name"/],
      ['<tool_call>{"name":"pin_note","arguments":[1,2]}</tool_call>', /must be a JSON object/],
      ['<tool_call>{"name":"pin_note","arguments":"not json"}</tool_call>', /not valid JSON/],
      ['<tool_call>{"name":"x","arguments":{}} trailing</tool_call>', /unexpected text/],
    ];
    for (const [text, message] of cases) {
      const out = parseAssistant("hermes", text);
      expect(calls(out), text).toEqual([]);
      expect(errors(out)[0], text).toMatch(message);
    }
  });

  it("keeps good calls around a bad one, in order", () => {
    const out = parseAssistant(
      "hermes",
      '<tool_call>{"name":"a","arguments":{}}</tool_call><tool_call>{bad}</tool_call><tool_call>{"name":"b","arguments":{}}</tool_call>',
    );
    expect(out.items.map((i) => ("call" in i ? i.call.name : "ERR"))).toEqual(["a", "ERR", "b"]);
  });

  it("caps the number of calls in one message", () => {
    const out = parseAssistant("hermes", '<tool_call>{"name":"a","arguments":{}}</tool_call>'.repeat(40));
    expect(calls(out)).toHaveLength(32);
    expect(errors(out)[0]).toMatch(/more than 32 tool calls/);
  });
});

describe("openai tool_calls", () => {
  it("parses an assistant message with content and tool_calls (arguments as a JSON string)", () => {
    const msg = {
      role: "assistant",
      content: "On it.",
      tool_calls: [{ id: "call_abc", type: "function", function: { name: "pin_note", arguments: '{"note_id":"N-1001"}' } }],
    };
    const out = parseAssistant("openai", JSON.stringify(msg));
    expect(calls(out)).toEqual([{ id: "call_abc", name: "pin_note", arguments: { note_id: "N-1001" } }]);
    expect(out.reply).toBe("On it.");
  });

  it("parses a bare tool_calls array and plain prose", () => {
    expect(calls(parseAssistant("openai", JSON.stringify([{ function: { name: "list_notes", arguments: {} } }])))).toEqual([
      { id: "call_0", name: "list_notes", arguments: {} },
    ]);
    const prose = parseAssistant("openai", "All three notes are pinned.");
    expect(prose).toEqual({ items: [], reply: "All three notes are pinned." });
  });

  it("reports malformed messages", () => {
    expect(errors(parseAssistant("openai", '{"tool_calls": [{"function": {"name": "x", "arguments": "{"}}]}'))[0]).toMatch(/not valid JSON/);
    expect(errors(parseAssistant("openai", '{"tool_calls": {"function": {}}}'))[0]).toMatch(/must be an array/);
    expect(errors(parseAssistant("openai", '{"tool_calls": [{"type": "code_interpreter"}]}'))[0]).toMatch(/unsupported tool call type/);
    expect(errors(parseAssistant("openai", '{"content": 5}'))[0]).toMatch(/content/);
    expect(errors(parseAssistant("openai", '{"tool_calls": ['))[0]).toMatch(/not valid JSON/);
  });
});

describe("granite", () => {
  it("parses Granite 4 output with role tags and special tokens", () => {
    const text =
      '<|start_of_role|>assistant<|end_of_role|>I will pin it.<tool_call>\n{"name": "pin_note", "arguments": {"note_id": "N-1001"}}\n</tool_call><|end_of_text|>';
    const out = parseAssistant("granite", text);
    expect(calls(out)).toEqual([{ id: "call_0", name: "pin_note", arguments: { note_id: "N-1001" } }]);
    expect(out.reply).toBe("I will pin it.");
  });

  it("accepts Granite 3's <|tool_call|> list", () => {
    const out = parseAssistant("granite", '<|tool_call|>[{"name":"list_notes","arguments":{}},{"name":"pin_note","arguments":{"note_id":"N-2"}}]');
    expect(calls(out).map((c) => c.name)).toEqual(["list_notes", "pin_note"]);
    expect(errors(parseAssistant("granite", '<|tool_call|>[{"name":"x"'))[0]).toMatch(/cut off/);
  });

  it("renders results as a user turn of <tool_response> blocks", () => {
    expect(
      renderToolTurn("granite", [
        { callId: "c0", name: "a", content: '{"x":1}' },
        { callId: "c1", name: "b", content: "{}" },
      ]),
    ).toBe('<|start_of_role|>user<|end_of_role|>\n<tool_response>\n{"x":1}\n</tool_response>\n<tool_response>\n{}\n</tool_response><|end_of_text|>\n');
    expect(renderToolTurn("hermes", [{ callId: "c0", name: "a", content: "{}" }])).toBe("<|im_start|>user\n<tool_response>\n{}\n</tool_response><|im_end|>\n");
  });
});

describe("parsing is total", () => {
  it("never throws on any text, in any format (property)", () => {
    const pieces = fc.oneof(
      fc.string(),
      fc.constantFrom("<tool_call>", "</tool_call>", "{", "}", '"', "\\", "[", "]", '{"name":"x","arguments":{}}', "<|tool_call|>", "<|end_of_text|>"),
    );
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.array(pieces, { maxLength: 12 }), (format, parts) => {
        const out = parseAssistant(format, parts.join(""));
        expect(Array.isArray(out.items)).toBe(true);
        expect(typeof out.reply).toBe("string");
      }),
      { numRuns: 2000 },
    );
  });
});

describe("Environment.step", () => {
  const open = () => {
    const env = new Environment([toy]);
    return { env, id: env.create({ domains: ["toy"], seed: 1 }).id };
  };

  it("runs every call in order, records the turn and the reply, and renders tool messages", () => {
    const { env, id } = open();
    const out = env.step(
      id,
      'Pinning.<tool_call>{"name":"pin_note","arguments":{"note_id":"N-1001"}}</tool_call><tool_call>{"name":"pin_note","arguments":{"note_id":"N-1001"}}</tool_call>',
      "hermes",
      0,
    );
    expect(out.calls.map((c) => c.record.outcome)).toEqual(["ok", "tool_error"]);
    expect(out.outcome).toBe("tool_error");
    expect(out.toolMessages).toHaveLength(2);
    expect(JSON.parse(out.toolMessages[1]!.content)).toEqual({ error: { code: "failed_precondition", message: "note N-1001 is already pinned" } });
    expect(out.rendered.startsWith("<|im_start|>user\n<tool_response>\n")).toBe(true);
    expect(env.journal(id).map((r) => [r.tool, r.turn])).toEqual([
      ["pin_note", 0],
      ["pin_note", 0],
    ]);
    expect(env.replies(id)).toEqual([{ turn: 0, text: "Pinning." }]);
    expect(out.hash).toBe(env.hash(id));
  });

  it("journals malformed calls as parse errors and answers them with a tool message", () => {
    const { env, id } = open();
    const out = env.step(
      id,
      '[{"function":{"name":"pin_note","arguments":"{broken"}}, {"id":"c9","function":{"name":"list_notes","arguments":"{}"}}]',
      "openai",
      2,
    );
    expect(out.formatErrors).toHaveLength(1);
    expect(out.outcome).toBe("parse_error");
    expect(out.calls.map((c) => [c.id, c.name, c.record.outcome])).toEqual([["c9", "list_notes", "ok"]]);
    expect(out.toolMessages.map((m) => m.tool_call_id)).toEqual(["call_0", "c9"]);
    expect(env.journal(id).map((r) => r.outcome)).toEqual(["parse_error", "ok"]);
  });

  it("reports unknown tools, wrong argument types and huge arguments as call outcomes", () => {
    const { env, id } = open();
    const huge = "x".repeat(100_000);
    const out = env.step(
      id,
      `<tool_call>{"name":"fly","arguments":{}}</tool_call><tool_call>{"name":"pin_note","arguments":{"note_id":7}}</tool_call><tool_call>{"name":"create_note","arguments":{"title":"${huge}"}}</tool_call>`,
      "hermes",
    );
    expect(out.calls.map((c) => c.record.outcome)).toEqual(["unknown_tool", "invalid_arguments", "invalid_arguments"]);
    expect(out.calls[2]!.record.error?.code).toBe("payload_too_large");
  });

  it("a reply without calls is a clean step", () => {
    const { env, id } = open();
    const out = env.step(id, "<|start_of_role|>assistant<|end_of_role|>Which note do you mean?<|end_of_text|>", "granite", 1);
    expect(out).toMatchObject({ calls: [], formatErrors: [], reply: "Which note do you mean?", outcome: "ok", rendered: "" });
    expect(env.replies(id)).toEqual([{ turn: 1, text: "Which note do you mean?" }]);
  });
});
