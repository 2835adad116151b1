import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GENERATED_DIR, generateRpcTypes } from "../../scripts/gen-rpc-types.ts";

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

describe("the TypeScript types of the protos (ts/rpc/generated)", () => {
  const fresh = mkdtempSync(join(tmpdir(), "prove-rpc-types-"));
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it("match proto/ (run `make proto` after editing a .proto)", () => {
    generateRpcTypes(fresh);
    const want = files(fresh);
    const have = files(GENERATED_DIR);
    expect([...have.keys()].sort()).toEqual([...want.keys()].sort());
    const stale = [...want].filter(([name, text]) => have.get(name) !== text).map(([name]) => name);
    expect(stale).toEqual([]);
    // The service's handlers are typed by these: one message the handlers use, as a spot check.
    expect(want.get(join("prove", "v1", "StepRequest.ts"))).toContain("'assistant_text': (string);");
  });

  it("have no `any` (ts/rpc is typed throughout)", () => {
    // Doc comments say "any RPC", "if any": only code lines count.
    const code = (text: string) => text.split("\n").filter((line) => !/^\s*(\*|\/\*\*|\/\/)/.test(line));
    const anys = [...files(GENERATED_DIR)].flatMap(([name, text]) =>
      code(text)
        .filter((line) => /\bany\b/.test(line))
        .map((line) => `${name}: ${line}`),
    );
    expect(anys).toEqual([]);
  });
});
