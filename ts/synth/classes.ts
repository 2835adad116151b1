/**
 * What kind of value a parameter or an entity field holds — money, a date, an email address, a
 * title… — read off its name, JSON type and schema description. One classification serves
 * value generation, how a request states a value, how the assistant asks for a missing one
 * (and how the reward recognises that it asked), and which entity fields can feed which
 * parameters (a contact's email → a recipient, a flight's arrival → an event's start, an
 * invoice's total → a transfer's amount).
 */
export type ValueClass =
  | "money"
  | "quantity"
  | "date"
  | "instant"
  | "time_of_day"
  | "duration"
  | "email"
  | "phone"
  | "person"
  | "title"
  | "text"
  | "path"
  | "url"
  | "city"
  | "address"
  | "percent"
  | "level"
  | "temperature"
  | "rating"
  | "reason"
  | "secret"
  | "query"
  | "other";

export interface Described {
  name: string;
  /** JSON type: string, number, integer, boolean, array, object. */
  type: string;
  description?: string;
  enum?: readonly unknown[];
}

export function isDateName(name: string, description = ""): boolean {
  return /YYYY-MM-DD(?!T)/.test(description) || /(^|_)(date|day|on)$|^check_(in|out)$|_date$|^due$|^execute_on$|^expires_on$/.test(name);
}

export function isInstantName(name: string, description = ""): boolean {
  return (
    /YYYY-MM-DDTHH|T\d\d:\d\d/.test(description) || /(_at|^start|^end|_time|^when|departure|arrival|^start_time|^departure_local|^arrival_local)$/.test(name)
  );
}

/** The class of a parameter or field; `other` when nothing fits (it is then stated with its name). */
export function valueClass(p: Described): ValueClass {
  const name = p.name.replace(/s$/, "");
  const d = p.description ?? "";
  if (p.enum) return "other";
  if (p.type === "number" || p.type === "integer") {
    if (/amount|price|limit$|^limit|total|budget|fee|cost|salary|balance|tip|due$|paid|refund/.test(name) && !/_pct$|percent|points|count/.test(name))
      return "money";
    if (/qty|quantity|count|units|guests|passengers|seats|nights|bags|people|copies|rooms/.test(name)) return "quantity";
    if (/minutes|duration|days$|hours$/.test(name)) return "duration";
    if (/percent|pct|percentage/.test(name)) return "percent";
    if (/temp|_c$/.test(name)) return "temperature";
    if (/rating|stars|score/.test(name)) return "rating";
    if (/brightness|volume|position|level|speed|setpoint/.test(name)) return "level";
    return "other";
  }
  if (p.type !== "string" && p.type !== "array") return "other";
  if (/password|secret|passcode|^pin$|cvc|cvv|card_number|^code$/.test(name)) return "secret";
  if (/(^|_)(email|recipient|to|cc|bcc|attendee|invitee_email|contact_email|receipt_email)$/.test(name) || /email/.test(name)) return "email";
  if (/phone/.test(name)) return "phone";
  if (/^url$|_url$|website/.test(name)) return "url";
  if (/month$/.test(name) && /YYYY-MM(?!-)/.test(d)) return "date";
  if (isDateName(name, d)) return "date";
  if (isInstantName(name, d)) return "instant";
  if ((/^at$|time_of_day/.test(name) || /HH:MM/.test(d)) && !/YYYY/.test(d)) return "time_of_day";
  if (/path|^destination$|^source$|^archive$|^file$|^target$|^link_name$|^dir$/.test(name) && /path|director|file|link/i.test(d || name)) return "path";
  if (/(first|last|full|customer|contact|passenger|traveler|guest|holder|recipient)_name$|^holder$/.test(name)) return "person";
  if (/^city$|_city$/.test(name)) return "city";
  if (/address|street/.test(name) || (/^destination$|^location$/.test(name) && /address/i.test(d))) return "address";
  if (/reason/.test(name)) return "reason";
  if (/^(query|q|keyword|search|text_query|term|pattern|input)$/.test(name)) return "query";
  if (/^(name|title|summary|subject|label|topic|display_name|deal_name|headline)$/.test(name)) return "title";
  if (/body|content|text|message|note|description|comment|memo|bio|purpose|details|agenda|goal|instructions/.test(name)) return "text";
  return "other";
}

/** A verb that takes an amount of money as its direct object ("transfer 50", "bid 20"). */
export const MONEY_VERBS = new Set(["transfer", "pay", "send", "move", "refund", "charge", "bid", "tip", "deposit", "withdraw", "redeem", "spend"]);

type Prop = { description?: string };

/** The class of a tool's parameter, its schema description included. */
export function paramClass(
  tool: { inputSchema: Record<string, unknown> },
  p: { name: string; type: string; enum?: readonly unknown[] | undefined },
): ValueClass {
  const prop = ((tool.inputSchema.properties as Record<string, Prop> | undefined)?.[p.name] ?? {}) as Prop;
  return valueClass({ name: p.name, type: p.type, ...(prop.description ? { description: prop.description } : {}), ...(p.enum ? { enum: p.enum } : {}) });
}

/**
 * The words that ask for a value of each class: "how much" asks for money, "call it" for a
 * title, "who" for an email recipient. One vocabulary for both sides of a clarification: every
 * ask the synthesizer phrases (language.ts) contains one of its class's words — it never names
 * the parameter — and the reward takes an ask to be about the missing value when it contains
 * one (reward/asking.ts), so the reference's own question counts and "Which card do you mean?"
 * does not ask for an amount. Matched as whole words, case-folded.
 */
const ASK_WORDS: Record<ValueClass, readonly string[]> = {
  money: ["how much", "sum", "amount"],
  quantity: ["how many"],
  date: ["date", "day", "when"],
  instant: ["when", "what time", "date and time"],
  time_of_day: ["what time", "time of day", "when"],
  duration: ["how long"],
  email: ["who", "whom", "address"],
  phone: ["number", "phone"],
  person: ["who", "whose", "name"],
  title: ["call it", "called", "name", "title"],
  text: ["say", "write", "text"],
  path: ["where", "location", "path", "folder"],
  percent: ["percentage", "percent", "how high"],
  level: ["level", "how high"],
  temperature: ["temperature", "how warm"],
  rating: ["stars", "rating"],
  reason: ["why", "reason", "what's behind"],
  city: ["city", "town", "where"],
  address: ["address", "where"],
  secret: ["code", "password"],
  query: ["look for", "search for"],
  url: ["web address", "url", "link"],
  other: [],
};
/** A number of no particular class is still asked for by quantity. */
const NUMBER_WORDS = ["how much", "how many"];

/** The words that ask for a value of class `cls` (JSON type `type`): see ASK_WORDS. */
export function askWords(cls: ValueClass, type: string): readonly string[] {
  return cls === "other" && (type === "number" || type === "integer") ? NUMBER_WORDS : ASK_WORDS[cls];
}
