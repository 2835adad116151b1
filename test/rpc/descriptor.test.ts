import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { descriptorSet } from "../../ts/rpc/descriptor.ts";

describe("the Python client's descriptor set", () => {
  it("matches proto/ (run `make proto` after editing a .proto)", () => {
    const committed = readFileSync(join(import.meta.dirname, "..", "..", "py", "prove_trainer", "prove.desc"));
    expect(committed.equals(descriptorSet())).toBe(true);
  });
});
