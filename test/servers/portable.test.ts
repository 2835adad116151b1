/** The portable schema form and the strict-mode validator the conformance suite checks it with. */
import { describe, expect, it } from "vitest";
import { defineDomain, portableArgs, portableSchema, strictOpenAIFunction, table, toolkit, z } from "../../ts/servers/framework/index.ts";
import { strictProblems } from "../helpers/strict-schema.ts";

const tables = { notes: table("note", z.object({ id: z.string() }), { idPrefix: "N-", describe: (n) => `note ${n.id}` }) };
const { read } = toolkit(tables);
const domain = defineDomain({
  name: "portable_notes",
  title: "Notes",
  description: "Notes, for the portable schema's tests.",
  tables,
  seed: () => ({}),
  tools: {
    find_notes: read({
      description: "Find notes by words, a size and a kind.",
      input: z
        .object({
          words: z.string().min(1).max(40).describe("Words to look for"),
          size: z.number().int().min(1).max(100).multipleOf(5).default(20).describe("How many"),
          kind: z.enum(["memo", "todo"]).optional().describe("Only this kind"),
          tags: z
            .array(
              z
                .string()
                .regex(/^#\w+$/)
                .describe("A tag"),
            )
            .max(3)
            .optional()
            .describe("Tags, each like #work"),
          when: z
            .object({ day: z.string().describe("A day"), late: z.boolean().optional().describe("After 18:00") })
            .strict()
            .optional()
            .describe("When"),
          shape: z
            .discriminatedUnion("type", [
              z.object({ type: z.literal("dot").describe("a dot") }).strict(),
              z.object({ type: z.literal("box").describe("a box"), side: z.number().min(1).max(9).describe("Side") }).strict(),
            ])
            .optional()
            .describe("A shape"),
        })
        .strict(),
      discovers: "note",
      run: () => ({}),
    }),
  },
});
const tool = domain.tools[0]!;

describe("portableSchema: the core of JSON Schema that strict mode and constrained decoders accept", () => {
  const p = portableSchema(tool) as Record<string, any>;

  it("makes every property required, an optional one nullable, and closes every object", () => {
    expect(p.required).toEqual(["words", "size", "kind", "tags", "when", "shape"]);
    expect(p.additionalProperties).toBe(false);
    expect(p.properties.words.type).toBe("string");
    expect(p.properties.size.type).toEqual(["integer", "null"]);
    expect(p.properties.kind).toEqual({ type: ["string", "null"], description: "Only this kind", enum: ["memo", "todo", null] });
    expect(p.properties.when.required).toEqual(["day", "late"]);
    expect(p.properties.when.additionalProperties).toBe(false);
    expect(p.properties.when.properties.late.type).toEqual(["boolean", "null"]);
  });

  it("moves the rules it drops into the description, in words", () => {
    expect(p.properties.words.description).toBe("Words to look for (1 to 40 characters)");
    expect(p.properties.size.description).toBe("How many (1 to 100; a multiple of 5; default 20)");
    expect(p.properties.tags.description).toBe("Tags, each like #work (at most 3 items)");
    expect(p.properties.tags.items.description).toBe("A tag (matching the pattern ^#\\w+$)");
    expect(JSON.stringify(p)).not.toMatch(/"(minimum|maximum|minLength|maxLength|multipleOf|pattern|default|const|oneOf|maxItems)"/);
  });

  it("turns oneOf into anyOf and const into a one-value enum, with null as one more branch when optional", () => {
    expect(p.properties.shape.anyOf).toHaveLength(3);
    expect(p.properties.shape.anyOf[0].properties.type).toEqual({ type: "string", description: "a dot", enum: ["dot"] });
    expect(p.properties.shape.anyOf[2]).toEqual({ type: "null" });
  });

  it("passes the strict-mode validator, and strictOpenAIFunction wraps it with strict: true", () => {
    expect(strictProblems(p)).toEqual([]);
    const f = strictOpenAIFunction(tool);
    expect(f.type).toBe("function");
    expect(f.function).toMatchObject({ name: "find_notes", strict: true, parameters: p });
  });

  it("portableArgs reads a null as 'left out', at every depth, and keeps the rest", () => {
    const answer = { words: "plan", size: null, kind: null, tags: null, when: { day: "monday", late: null }, shape: { type: "box", side: 3 } };
    expect(portableArgs(tool, answer)).toEqual({ words: "plan", when: { day: "monday" }, shape: { type: "box", side: 3 } });
    expect(tool.input.parse(portableArgs(tool, answer))).toMatchObject({ words: "plan", size: 20, when: { day: "monday" } });
  });
});

describe("the strict-mode validator finds what strict mode refuses", () => {
  it("an optional property, an open object, an unsupported keyword, a nullable enum without null, a root that is not an object", () => {
    expect(strictProblems({ type: "object", properties: { a: { type: "string" } }, additionalProperties: false })).toEqual([
      "(root): every property must be required (optional ones nullable); not required: a",
    ]);
    expect(strictProblems({ type: "object", properties: {}, required: [] })).toEqual(["(root): additionalProperties must be false"]);
    expect(strictProblems({ type: "object", properties: { n: { type: "integer", minimum: 1 } }, required: ["n"], additionalProperties: false })).toEqual([
      '(root).n: keyword "minimum" is not accepted',
    ]);
    expect(
      strictProblems({ type: "object", properties: { k: { type: ["string", "null"], enum: ["a"] } }, required: ["k"], additionalProperties: false }),
    ).toEqual(["(root).k: a nullable enum must list null"]);
    expect(strictProblems({ type: "array", items: { type: "string" } })[0]).toMatch(/^\(root\): must be a plain object schema/);
  });

  it("too deep a nesting", () => {
    let node: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 11; i++) node = { type: "object", properties: { x: node }, required: ["x"], additionalProperties: false };
    expect(strictProblems(node).some((p) => /nested 11 deep; at most 10/.test(p))).toBe(true);
  });
});
