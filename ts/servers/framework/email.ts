/**
 * Email addresses, for every domain that takes one (mail, calendar, CRM, payments, meetings):
 * parsing `Name <addr>` and checking the shape of an address without a regular expression that
 * could backtrack on model input (every check here is linear).
 */
import { fail } from "./errors.ts";

/** Longest address RFC 5321 allows. */
export const MAX_EMAIL_LENGTH = 254;

/** The address messages show as an example of a valid one. */
export const EMAIL_EXAMPLE = "maya.okafor@mailbox.org";

const LOCAL_CHARS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^[A-Za-z]{2,24}$/;

/** True for `local@domain.tld` with a plausible local part and domain. */
export function isEmail(address: string): boolean {
  if (address.length < 6 || address.length > MAX_EMAIL_LENGTH) return false;
  const at = address.indexOf("@");
  if (at < 1 || at !== address.lastIndexOf("@")) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL_CHARS.test(local) || local.startsWith(".") || local.endsWith(".") || local.includes("..")) return false;
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  if (!labels.every((l) => DOMAIN_LABEL.test(l))) return false;
  return TLD.test(labels[labels.length - 1] as string);
}

/**
 * The bare address as a user may write it: `maya@x.com`, `Maya Okafor <maya@x.com>` or
 * `"Okafor, Maya" <maya@x.com>`. Lower-cased, since addresses compare case-insensitively.
 */
export function bareAddress(raw: string): string {
  const s = raw.trim();
  const open = s.lastIndexOf("<");
  if (open >= 0 && s.endsWith(">"))
    return s
      .slice(open + 1, -1)
      .trim()
      .toLowerCase();
  return s.toLowerCase();
}

/** What a valid address looks like, for messages. */
export const EMAIL_HELP = `write it as name@domain.tld, e.g. ${EMAIL_EXAMPLE} (or Maya Okafor <${EMAIL_EXAMPLE}>)`;

/**
 * Bare, validated, de-duplicated addresses of a list (recipients, attendees). The first invalid
 * one fails the call (invalid_argument) with `role` ("to", "attendees") and a valid example.
 */
export function emailAddresses(list: readonly string[], role: string): string[] {
  const out: string[] = [];
  for (const raw of list) {
    const a = bareAddress(raw);
    if (!isEmail(a)) fail(`"${raw.slice(0, 80)}" in ${role} is not a valid email address; ${EMAIL_HELP}`, "invalid_argument");
    if (!out.includes(a)) out.push(a);
  }
  return out;
}
