import { describe, expect, it } from "vitest";
import banking from "../../ts/servers/banking/index.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession } from "../helpers/session.ts";

domainConformance(banking, 17);

describe("banking smoke", () => {
  it("moves money between own accounts", () => {
    const s = openSession(banking, 7);
    const accounts = s.ok("list_accounts", {}).items;
    expect(accounts.length).toBeGreaterThan(2);
  });
});
