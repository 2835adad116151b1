/** Seeds as per-table builders a reader can check against the domain's rules: no seed function over 80 lines. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../ts/servers");
const MAX_LINES = 80;

/** The seed sources of a domain: seed.ts and anything under seed/. */
function seedFiles(domain: string): string[] {
  const dir = join(ROOT, domain);
  const files = readdirSync(dir)
    .filter((f) => f === "seed.ts")
    .map((f) => join(dir, f));
  const sub = join(dir, "seed");
  if (readdirSync(dir).includes("seed") && statSync(sub).isDirectory())
    files.push(
      ...readdirSync(sub)
        .filter((f) => f.endsWith(".ts"))
        .map((f) => join(sub, f)),
    );
  return files;
}

/** Every function of a file longer than the limit, as "name (N lines)". */
function longFunctions(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (
      ts.isFunctionDeclaration(n) ||
      ts.isArrowFunction(n) ||
      ts.isFunctionExpression(n) ||
      ts.isMethodDeclaration(n) ||
      ts.isConstructorDeclaration(n) ||
      ts.isAccessor(n)
    ) {
      const lines = src.getLineAndCharacterOfPosition(n.getEnd()).line - src.getLineAndCharacterOfPosition(n.getStart()).line + 1;
      const name = ts.isConstructorDeclaration(n)
        ? "constructor"
        : ((n as ts.FunctionDeclaration).name?.getText(src) ?? (ts.isVariableDeclaration(n.parent) ? n.parent.name.getText(src) : "(anonymous)"));
      if (lines > MAX_LINES) out.push(`${name} (${lines} lines)`);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

describe(`seed builders: no seed function over ${MAX_LINES} lines`, () => {
  const domains = readdirSync(ROOT).filter((d) => d !== "framework" && statSync(join(ROOT, d)).isDirectory());
  it("finds the twenty domains' seeds", () => expect(domains.filter((d) => seedFiles(d).length > 0)).toHaveLength(20));
  for (const d of domains) {
    it(d, () => expect(seedFiles(d).flatMap((f) => longFunctions(f).map((x) => `${f.slice(ROOT.length + 1)}: ${x}`))).toEqual([]));
  }
});
