/**
 * The Stryker ignorer that leaves tool descriptions unmutated (scripts/stryker-ignore-prose.mjs):
 * it must skip the prose a model reads about a tool and nothing else, error messages above all.
 */
import { parseSync, traverse, type NodePath } from "@babel/core";
import { describe, expect, it } from "vitest";

type Ignorer = { shouldIgnore(path: NodePath): string | undefined };
// Loaded by URL: the script is plain JavaScript for Stryker, without type declarations.
const plugin = (await import(new URL("../../scripts/stryker-ignore-prose.mjs", import.meta.url).href)) as {
  strykerPlugins: { value: Ignorer }[];
};
const ignorer = plugin.strykerPlugins[0]!.value;

/**
 * The string literals of `source` that the ignorer skips, and those it leaves to be mutated. As in
 * Stryker, an ignored node takes its whole subtree with it.
 */
function classify(source: string): { ignored: string[]; mutated: string[] } {
  const ast = parseSync(source, { filename: "domain.ts", configFile: false, babelrc: false, parserOpts: { plugins: ["typescript"] } });
  const out = { ignored: [] as string[], mutated: [] as string[] };
  traverse(ast!, {
    enter(path) {
      if (ignorer.shouldIgnore(path)) {
        if (path.isStringLiteral()) out.ignored.push(path.node.value);
        path.traverse({ StringLiteral: (inner) => void out.ignored.push(inner.node.value) });
        path.skip();
      } else if (path.isStringLiteral() && path.key !== "key") out.mutated.push(path.node.value); // Stryker leaves property names alone
    },
  });
  return out;
}

describe("the prose ignorer", () => {
  it("skips a description property, quoted or not, and leaves other properties mutated", () => {
    const { ignored, mutated } = classify(`const t = { name: "get_balance", description: "Returns the balance.", "description": "Quoted." };`);
    expect(ignored).toEqual(["Returns the balance.", "Quoted."]);
    expect(mutated).toEqual(["get_balance"]);
  });

  it("skips a description built by concatenation, whole", () => {
    const { ignored, mutated } = classify(`const t = { description: "Lists accounts " + "by owner." };`);
    expect(ignored).toEqual(["Lists accounts ", "by owner."]);
    expect(mutated).toEqual([]);
  });

  it("skips .describe() text but not a validation message", () => {
    const { ignored, mutated } = classify(`const s = z.string().min(1, "must not be empty").describe("The account's name");`);
    expect(ignored).toEqual(["The account's name"]);
    expect(mutated).toEqual(["must not be empty"]);
  });

  it("skips the description argument of the framework's builders, at its position, and not the others", () => {
    const { ignored, mutated } = classify(
      `const a = ref("account", "The account to debit"); const m = money("Amount in USD"); const l = emailList("Recipients", 5);`,
    );
    expect(ignored).toEqual(["The account to debit", "Amount in USD", "Recipients"]);
    expect(mutated).toEqual(["account"]);
  });

  it("skips the argument of a domain's one-line wrapper around a builder, and not of other functions", () => {
    const source = `
      const storeId = (d: string) => ref("store", d);
      function label(kind: string) { return kind.toUpperCase(); }
      const a = storeId("The store that ships");
      const b = label("store");`;
    const { ignored, mutated } = classify(source);
    expect(ignored).toEqual(["The store that ships"]);
    expect(mutated).toEqual(["store", "store"]);
  });

  it("leaves error messages mutated: they are what a model reads after a mistake", () => {
    const { ignored, mutated } = classify(`throw new ToolError("insufficient_funds", "Available balance is lower than the amount");`);
    expect(ignored).toEqual([]);
    expect(mutated).toEqual(["insufficient_funds", "Available balance is lower than the amount"]);
  });
});
