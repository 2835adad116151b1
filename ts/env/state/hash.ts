/**
 * Incremental state hashing.
 *
 * A state's hash is the sum, lane by lane modulo 2^32, of one 128-bit hash per entity (over its
 * table, key and canonical JSON). Sums commute, so the hash does not depend on write order, and
 * a write changes it by subtracting the old entity's term and adding the new one's: hashing a
 * session costs O(entities changed since the seed), never a re-serialisation of the whole state.
 */
import * as crypto from "node:crypto";
import { canonicalJson } from "./canonical.ts";

/** Four 32-bit lanes of a 128-bit additive hash. */
export type Lanes = readonly [number, number, number, number];

export function hashOf(label: string, value: unknown): Lanes {
  const text = `${label}\0${canonicalJson(value)}`;
  const digest = oneShot ? oneShot("sha1", text, "buffer") : crypto.createHash("sha1").update(text).digest();
  return [digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8), digest.readUInt32BE(12)];
}

export function add(a: Lanes, b: Lanes): Lanes {
  return [(a[0] + b[0]) >>> 0, (a[1] + b[1]) >>> 0, (a[2] + b[2]) >>> 0, (a[3] + b[3]) >>> 0];
}

export function sub(a: Lanes, b: Lanes): Lanes {
  return [(a[0] - b[0]) >>> 0, (a[1] - b[1]) >>> 0, (a[2] - b[2]) >>> 0, (a[3] - b[3]) >>> 0];
}

export function hex(l: Lanes): string {
  return hex8(l[0]) + hex8(l[1]) + hex8(l[2]) + hex8(l[3]);
}

/** Two hex digits of each byte value: a step's hash in 0.2 µs, where `toString(16)` on each lane took 2.3 µs. */
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** Eight hex digits of a 32-bit lane. */
function hex8(x: number): string {
  return (BYTE_HEX[x >>> 24] as string) + BYTE_HEX[(x >>> 16) & 0xff] + BYTE_HEX[(x >>> 8) & 0xff] + BYTE_HEX[x & 0xff];
}

/** One-shot hashing (Node >= 20.12) skips a Hash object per term: about 0.7 µs of ~1.6 µs. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "buffer") => Buffer }).hash;
