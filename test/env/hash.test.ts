import { describe, expect, it } from "vitest";
import { add, hashOf, hex, sub } from "../../ts/env/state/hash.ts";

describe("state hash terms (ts/env/state/hash.ts)", () => {
  it("a term is the first 128 bits of SHA-1 over the label, a NUL and the canonical JSON, as four big-endian lanes", () => {
    // Expected digests computed outside the project (Python's hashlib).
    expect(hex(hashOf("clock", 1764547200000))).toBe("51e2e43b6446eef9b1b6c42ee639e9e1");
    expect(hex(hashOf("banking/cards", { status: "frozen", id: "CARD-1" }))).toBe("47539444267663ae7a092e02371b3f57");
  });

  it("writes each lane as eight hex digits, leading zeros kept", () => {
    expect(hex([0, 0xffffffff, 0xabcd, 0x12345678])).toBe("00000000ffffffff0000abcd12345678");
    expect(hex([1, 0x10, 0x100, 0x80000000])).toBe("00000001000000100000010080000000");
  });

  it("adds and subtracts lane by lane modulo 2^32, so a term taken out leaves what was there", () => {
    const a = [0xffffffff, 1, 0x80000000, 7] as const;
    const b = [1, 0xffffffff, 0x80000000, 9] as const;
    expect(add(a, b)).toEqual([0, 0, 0, 16]);
    expect(sub(add(a, b), b)).toEqual(a);
    expect(sub([0, 0, 0, 0], [1, 0, 0, 0])).toEqual([0xffffffff, 0, 0, 0]);
  });
});
