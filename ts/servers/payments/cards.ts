/**
 * Card numbers as a payment processor reads them: brand by prefix, the Luhn checksum, a
 * fingerprint that identifies the card without keeping its number, and Stripe's documented test
 * numbers that always decline.
 */
import type { PaymentMethod } from "./state.ts";

export function normalizeNumber(raw: string): string {
  return raw.replace(/[\s-]/g, "");
}

export function brandOf(n: string): PaymentMethod["brand"] | undefined {
  if (/^4\d{12}(\d{3}){0,2}$/.test(n)) return "visa";
  if (/^(5[1-5]\d{2}|222[1-9]|22[3-9]\d|2[3-6]\d{2}|27[01]\d|2720)\d{12}$/.test(n)) return "mastercard";
  if (/^3[47]\d{13}$/.test(n)) return "amex";
  if (/^(6011|65\d{2}|64[4-9]\d)\d{12}$/.test(n)) return "discover";
  return undefined;
}

export function luhnValid(n: string): boolean {
  let sum = 0;
  for (let i = 0; i < n.length; i++) {
    let d = Number(n[n.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return n.length > 0 && sum % 10 === 0;
}

/** 16 hex digits derived from the number (FNV-1a, two lanes). */
export function fingerprintOf(n: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ n.length;
  for (let i = 0; i < n.length; i++) {
    const c = n.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ (c + i), 0x85ebca6b);
  }
  return ((a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0")).slice(0, 16);
}

/** Stripe's test cards that are attached fine but decline every charge. */
export const DECLINING_TEST_CARDS: Readonly<Record<string, NonNullable<PaymentMethod["decline_code"]>>> = {
  "4000000000000002": "card_declined",
  "4000000000009995": "insufficient_funds",
};

export const FAILURE_MESSAGES: Readonly<Record<string, string>> = {
  card_declined: "Your card was declined.",
  insufficient_funds: "Your card has insufficient funds.",
  expired_card: "Your card has expired.",
};
