/** Small word helpers the phrasing shares: articles by sound, names in words, values as text. */
import { startsWithVowelSound } from "./grammar.ts";

/** "a" or "an" for the word that follows, by its sound ("an hour", "a unit", "an SKU"). */
export function article(phrase: string): "a" | "an" {
  const word = phrase.trim().split(/\s+/)[0] ?? "";
  return startsWithVowelSound(word) ? "an" : "a";
}

const ACRONYMS: Record<string, string> = { crm: "CRM", dm: "DM", sku: "SKU", id: "ID", url: "URL", kwh: "kWh", ids: "IDs" };

/** A snake_case name or value in words: "customer_phone" → "customer phone", "in_transit" → "in transit". */
export function humanize(name: string): string {
  return name
    .replace(/_ids?$|_keys?$/, (m) => (m.endsWith("s") ? "s" : ""))
    .split("_")
    .filter(Boolean)
    .map((w) => ACRONYMS[w] ?? w)
    .join(" ");
}

/** The words of an entity kind: "stock_order" → ["stock", "order"]. */
export function kindWords(kind: string): string[] {
  return kind.split("_");
}

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A value as text, exactly as the tools return it: numbers are never rounded. */
export function formatValue(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(formatValue).join(", ");
  return JSON.stringify(v);
}
