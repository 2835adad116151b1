/**
 * Stable string hashes, for values a domain derives on demand instead of storing (a seat being
 * taken, a nightly price, a route's streets) and for codes a tool mints (meeting numbers,
 * passcodes). Pure functions of their input: the same string always gives the same value.
 * For random choices while seeding, use the seeded `Rng` instead.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of a string's UTF-16 code units, continuing from `h` (unsigned). */
export function fnv1a(s: string, h = FNV_OFFSET): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** A well-mixed 32-bit hash of a string (FNV-1a followed by murmur3's finaliser). */
export function hash32(s: string): number {
  let h = fnv1a(s);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A stable number in [0, 1) for a string. */
export function hashUnit(s: string): number {
  return hash32(s) / 4294967296;
}

/** `n` decimal digits derived from a string (may start with 0): meeting numbers, passcodes, share links. */
export function digitsFrom(seed: string, n: number): string {
  let h = FNV_OFFSET;
  let out = "";
  for (let round = 0; out.length < n; round++) {
    h = fnv1a(`${seed}#${round}`, h);
    out += String(h % 100000).padStart(5, "0");
  }
  return out.slice(0, n);
}
