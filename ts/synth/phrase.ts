/**
 * One request clause for one tool call, in English a person would use: "freeze the debit card
 * ending in 1306", "set the brightness of the light "Desk Lamp" to 40", "add the Charcoal / L
 * variant to my cart", "show me the last lines of /home/ana/notes.txt".
 *
 * A tool's *frame* is read once from its metadata: the verb of its name (or, for names that are
 * commands like `cat` or `mv`, the verb phrase its description opens with), the object its name
 * speaks of, a preposition and its target ("add … to cart"), whether it creates what it names
 * (`produces`). A clause realises the frame with the call's entity mentions and values; each
 * value is phrased by its class (money as the object of "transfer", a title as `called "…"`, a
 * date as "on 2026-05-25"), never by a snake_case name. Nothing here knows a domain; the tests
 * check every tool's clauses with `grammar.ts`.
 */
import type { ParamInfo, Tool } from "../servers/framework/index.ts";
import type { Rng } from "../servers/framework/rng.ts";
import { MONEY_VERBS, paramClass, type ValueClass } from "./classes.ts";
import { article, formatValue, humanize, kindWords } from "./words.ts";

/** An entity the call names, as the user says it. */
export interface EntityMention {
  param: ParamInfo;
  /** "the debit card ending in 1306 (CARD-1002)", "the payee you just added", "it". */
  text: string;
}

/** A value the call takes, as the user says it; `value` undefined (and no text): left out. */
export interface ValueMention {
  param: ParamInfo;
  value: unknown;
  /** Words that stand for the value instead of stating it ("the balance of my savings account"). */
  text?: string;
}

type FrameKind = "read" | "list" | "search" | "create" | "set" | "prep" | "act" | "gist";

export interface Frame {
  kind: FrameKind;
  verb: string;
  /** Words of the name besides the verb, before any preposition. */
  object: string[];
  prep?: string;
  /** Words after the preposition ("cart" in add_to_cart). */
  target: string[];
  /** For command-like names: the phrase the description opens with ("read a file's content"). */
  gist?: string;
  /** The gist is a noun phrase ("the last lines of a file"), not an imperative. */
  nounish?: boolean;
  /** The user owns what the tool speaks of ("the user's accounts" → "my accounts"). */
  mine: boolean;
}

const PARTICLES = new Set(["on", "off", "up", "down", "out", "back", "over"]);
const PHRASAL = new Set(["turn", "set", "log", "sign", "check", "look", "pick", "clean", "wake", "shut", "switch", "power", "roll"]);
const PREPS = new Set(["to", "from", "in", "into", "on", "onto", "for", "between", "across", "as", "by", "with", "at"]);
const READS: Record<string, string> = {
  get: "show me",
  view: "show me",
  show: "show me",
  fetch: "show me",
  lookup: "look up",
  query: "check",
  check: "check",
  track: "track",
  count: "count",
  read: "read",
};
const SETS = new Set(["set", "update", "change", "edit", "rename", "adjust", "modify", "replace", "revise"]);
/** Verbs whose entity follows the preposition: "reply to …", "pay for …". */
const INTRANSITIVE = new Set(["reply", "respond", "react", "navigate", "comment", "vote", "subscribe", "unsubscribe", "pay", "apply", "log", "sign"]);
/** Verbs that make a new entity ("create", "book", "log"…). */
const CREATE_VERBS = new Set([
  "create",
  "add",
  "open",
  "make",
  "register",
  "schedule",
  "book",
  "place",
  "post",
  "send",
  "write",
  "upload",
  "start",
  "attach",
  "reserve",
  "request",
  "plan",
  "save",
  "submit",
  "invite",
  "draft",
  "leave",
  "log",
  "compose",
  "program",
]);

/** Verbs a tool name may start with; other names are commands whose description carries the meaning. */
const VERBS = new Set([
  ...Object.keys(READS),
  ...SETS,
  ...INTRANSITIVE,
  "list",
  "search",
  "find",
  ...CREATE_VERBS,
  "delete",
  "remove",
  "cancel",
  "forward",
  "mark",
  "star",
  "unstar",
  "archive",
  "unarchive",
  "trash",
  "untrash",
  "empty",
  "move",
  "copy",
  "buy",
  "transfer",
  "freeze",
  "unfreeze",
  "report",
  "close",
  "stop",
  "end",
  "join",
  "pin",
  "unpin",
  "lock",
  "unlock",
  "enable",
  "disable",
  "activate",
  "trigger",
  "arm",
  "disarm",
  "shift",
  "honk",
  "flash",
  "wake",
  "select",
  "complete",
  "convert",
  "assign",
  "transition",
  "link",
  "reopen",
  "clear",
  "like",
  "unlike",
  "repost",
  "undo",
  "follow",
  "unfollow",
  "accept",
  "reject",
  "block",
  "unblock",
  "mute",
  "unmute",
  "redeem",
  "release",
  "receive",
  "ship",
  "relist",
  "watch",
  "unwatch",
  "finalize",
  "void",
  "detach",
  "refund",
  "retry",
  "refresh",
  "rate",
  "reorder",
  "admit",
  "turn",
  "share",
  "approve",
  "decline",
  "restore",
  "resume",
  "pause",
  "sell",
  "return",
  "exchange",
  "confirm",
  "rotate",
  "deactivate",
  "use",
  "post",
]);
/** Opening words of descriptions that are imperatives ("Read a file's content"), not noun phrases. */
const IMPERATIVE = new Set([
  ...VERBS,
  "print",
  "guess",
  "collapse",
  "compare",
  "pack",
  "unpack",
  "shrink",
  "append",
  "sort",
  "count",
  "select",
  "turn",
  "show",
  "change",
  "check",
  "read",
]);
const ACRONYMS: Record<string, string> = { crm: "CRM", dm: "DM", sku: "SKU", skus: "SKUs", url: "URL", qty: "quantity", sms: "SMS" };
/** Last object words that read as a state after "as" ("mark … as read", "report … as lost"). */
const STATES = /^(read|unread|spam|lost|stolen|shipped|delivered|paid|done|completed|uncollectible|important|default)$/;
/** Kinds that are places things happen at or in: "at the store …", "in the channel …". */
const AT_PLACES = /^(store|room|location|place|station|hotel|restaurant|airport|warehouse|branch|office)$/;
const IN_PLACES = /^(channel|calendar|folder|directory|project|sprint|thread|board|playlist|group)$/;
/** Verbs whose object may be a part of the entity named ("add baggage to …", "release the room of …"). */
const PART_VERBS = new Set(["add", "remove", "delete", "release", "set", "clear", "attach", "detach"]);
/** What a creating verb attaches its new entity to. */
const CREATE_PREP: Record<string, string> = {
  add: "to",
  post: "in",
  send: "to",
  invite: "to",
  place: "on",
  leave: "for",
  log: "for",
  write: "for",
  attach: "to",
};

const frames = new WeakMap<Tool, Frame>();

export function frameOf(tool: Tool): Frame {
  let f = frames.get(tool);
  if (!f) frames.set(tool, (f = buildFrame(tool)));
  return f;
}

const lower = (w: string) => w.toLowerCase();

function buildFrame(tool: Tool): Frame {
  const tokens = tool.name.split("_");
  const first = tokens[0] as string;
  const mine = /\bthe user'?s\b|\bthe user\b/i.test(tool.description.slice(0, 60)) || tokens[1] === "my";
  if (!VERBS.has(first) || tokens.length === 1) {
    const gist = gistOf(tool.description);
    return { kind: "gist", verb: "", object: [], target: [], gist, nounish: !IMPERATIVE.has(lower(gist.split(" ")[0] ?? "")), mine };
  }
  let verb = first;
  let rest = tokens.slice(1);
  if (PHRASAL.has(first) && PARTICLES.has(rest[0] ?? "")) {
    verb = `${first} ${rest[0]}`;
    rest = rest.slice(1);
  }
  if (rest[0] === "my") rest = rest.slice(1);
  const at = rest.findIndex((w, i) => PREPS.has(w) && !(w === "on" && i === rest.length - 1));
  const words = (ws: string[]) => ws.map((w) => ACRONYMS[w] ?? w);
  let object = words(at >= 0 ? rest.slice(0, at) : rest);
  let target = at >= 0 ? words(rest.slice(at + 1)) : [];
  let prep = at >= 0 ? rest[at] : undefined;
  // "between accounts", "across stores": the roles of the entities say it better.
  if (prep === "between" || prep === "across") {
    prep = undefined;
    target = [];
  }
  if (prep === "as") {
    object = [...object, ...target];
    prep = undefined;
    target = [];
  }
  const requiredRefs = tool.params.filter((p) => p.ref && p.required);
  const creates =
    !!tool.produces &&
    object.length > 0 &&
    !prep &&
    !SETS.has(first) &&
    !(object.length === 1 && isGerund(object[0] as string)) &&
    (headOf(object) === headOf(kindWords(tool.produces)) || (CREATE_VERBS.has(first) && !requiredRefs.some((p) => namesKind(p, object))));
  const kind: FrameKind = tool.readOnly
    ? first === "list"
      ? "list"
      : first === "search" || first === "find"
        ? "search"
        : "read"
    : prep
      ? "prep"
      : creates
        ? "create"
        : SETS.has(first)
          ? "set"
          : "act";
  return { kind, verb: tool.readOnly ? (READS[first] ?? verb) : verb, object, ...(prep ? { prep } : {}), target, mine };
}

/** The phrase a description opens with: "Read a file's content." → "read a file's content". */
export function gistOf(description: string): string {
  const cut = description.split(/[.;:(—]|,\s|\s(?:like|with|—|-|made|without|when|as)\s/)[0] ?? description;
  const text = cut
    .trim()
    .replace(/^(\w+) or \w+ /, "$1 ")
    .replace(/(\w+) or \w+ \w+ (into|to|from|in)\b/, "$1 $2")
    .replace(/\b[A-Z]{4,}\b/g, (w) => w.toLowerCase())
    .replace(/\bthe user's\b/gi, "my");
  return /^[A-Z][A-Z]/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

export function singular(w: string): string {
  return lower(w)
    .replace(/ies$/, "y")
    .replace(/(ss|sh|ch|x)es$/, "$1")
    .replace(/([^s])s$/, "$1");
}

function headOf(words: readonly string[]): string {
  return singular(words[words.length - 1] ?? "");
}

/** Whether these words name the parameter's entity kind: its head noun appears ("card" ↔ card_id, "order" ↔ stock_order). */
function namesKind(p: ParamInfo, words: readonly string[]): boolean {
  if (!p.ref || words.length === 0) return false;
  const set = new Set(words.map(singular));
  return (
    set.has(headOf(kindWords(p.ref))) ||
    set.has(
      singular(
        humanize(p.name.replace(/_ids?$|_keys?$/, ""))
          .split(" ")
          .pop() ?? "",
      ),
    )
  );
}

/** A parameter named for its role ("from_account_id", "source"), not for the entity it is. */
function isRole(p: ParamInfo): boolean {
  const m = /^(from|to|source|destination|target|new|old|origin)(?:_(.+))?$/.exec(p.name);
  return !!m && !/^(ids?|keys?)$/.test(m[2] ?? "-");
}

/** Nouns ending in -ing that are things, not activities ("the meeting", but "start charging"). */
const ING_NOUNS =
  /^(meeting|listing|setting|building|reading|rating|booking|recording|holding|wedding|ceiling|heating|clothing|painting|morning|evening|string|thing|ring|king|spring|wing|earring|parking|offering|posting|filling)s?$/;
export function isGerund(w: string): boolean {
  return /ing$/.test(w) && !ING_NOUNS.test(lower(w));
}

/** The entity the call is about: the one its name speaks of, else the first required one that is not a place. */
export function primaryOf(tool: Tool, present: readonly ParamInfo[]): ParamInfo | undefined {
  const f = frameOf(tool);
  const all = present.filter((p) => p.ref);
  const refs = all.some((p) => !isRole(p)) || f.kind !== "gist" ? all.filter((p) => !isRole(p)) : all;
  const notPlace = refs.filter((p) => !AT_PLACES.test(headOf(kindWords(p.ref as string))));
  return (
    refs.find((p) => namesKind(p, f.object)) ??
    refs.find((p) => namesKind(p, f.target)) ??
    notPlace.find((p) => p.required) ??
    refs.find((p) => p.required) ??
    refs[0]
  );
}

/** How a secondary entity joins the clause: "from …", "to …", "at the store …", "with …". */
function roleOf(p: ParamInfo, siblings: readonly ParamInfo[], creating: boolean): string {
  if (/^(from|source|origin)_|^(source|origin)$/.test(p.name)) return "from";
  if (/^(to|destination|target|new)_|^(destination|target)$/.test(p.name)) return "to";
  if (siblings.some((s) => s.name === `new_${p.name}`)) return "from";
  if (/^(directory|dir|folder)$/.test(p.name)) return "into";
  if (/^(assignee|assigned)(_|$)/.test(p.name)) return "assigned to";
  if (/^owner(_|$)/.test(p.name)) return "owned by";
  const head = headOf(kindWords(p.ref ?? ""));
  if (AT_PLACES.test(head)) return "at";
  if (IN_PLACES.test(head)) return "in";
  return creating || p.type === "array" ? "with" : "for";
}

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function quoted(v: unknown): string {
  const s = String(v);
  return s.includes('"') ? `“${s}”` : `"${s}"`;
}

/** How a value is spoken: enum values in words, texts quoted, instants as a time and a date. */
export function spoken(p: ParamInfo, value: unknown, cls: ValueClass): string {
  if (Array.isArray(value)) return joinAnd(value.map((x) => spoken({ ...p, type: typeof x === "number" ? "number" : "string" }, x, cls)));
  if (p.enum || (typeof value === "string" && /^[a-z]+(_[a-z0-9]+)+$/.test(value))) return humanize(String(value));
  if (typeof value === "string") {
    if (cls === "instant" && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) return `${value.slice(11, 16)} UTC on ${value.slice(0, 10)}`;
    if (cls === "title" || cls === "text" || cls === "query") return quoted(value);
    if ((cls === "other" || cls === "reason" || cls === "secret") && !/^[\w.@+:/-]+$/.test(value)) return quoted(value);
    return value;
  }
  if (typeof value === "number") {
    if (cls === "percent") return `${formatValue(value)}%`;
    if (cls === "temperature") return `${formatValue(value)} °C`;
  }
  return formatValue(value);
}

interface Spoken {
  v: ValueMention;
  cls: ValueClass;
  said: string;
  noun: string;
}

/** A value's phrase after the clause's head, by its class: "on 2026-05-25", `called "…"`, "to ana@…". */
function valuePhrase(s: Spoken, creating: boolean): { prep: "with" | "other"; text: string } {
  const { v, cls, said, noun } = s;
  const name = v.param.name;
  const withNoun = (n: string) => ({ prep: "with" as const, text: `the ${n} ${said}` });
  switch (cls) {
    case "money":
      return /limit|budget/.test(name) ? { prep: "with", text: `${article(noun)} ${noun} of ${said}` } : { prep: "other", text: `for ${said}` };
    case "quantity":
    case "level":
    case "percent":
    case "temperature":
    case "rating":
      return { prep: "with", text: `${article(noun)} ${noun} of ${said}` };
    case "duration":
      return { prep: "other", text: `lasting ${said} ${/days/.test(name) ? "days" : /hours/.test(name) ? "hours" : "minutes"}` };
    case "date":
      if (/birth/.test(name)) return { prep: "other", text: `born on ${said}` };
      return {
        prep: "other",
        text: /(^|_)(to|until|end|check_out)(_|$)/.test(name)
          ? `until ${said}`
          : /(^|_)(from|since|start|check_in)(_|$)/.test(name)
            ? `from ${said}`
            : `on ${said}`,
      };
    case "instant":
      return {
        prep: "other",
        text: /(^|_)(end|until|to|latest)(_|$)/.test(name)
          ? `until ${said}`
          : /(^|_)(start|from|since|earliest)(_|$)|^start_time$/.test(name)
            ? `from ${said}`
            : `at ${said}`,
      };
    case "time_of_day":
      return { prep: "other", text: `at ${said}` };
    case "email":
      if (/^(to|recipients?|emails|attendees|invitee_emails)$/.test(name))
        return { prep: "other", text: /attendee|invitee/.test(name) ? `inviting ${said}` : `to ${said}` };
      if (name === "cc" || name === "bcc") return { prep: "other", text: `${name === "cc" ? "copying" : "blind-copying"} ${said}` };
      return withNoun("email address");
    case "title":
      return { prep: "other", text: v.text ? `named after ${said}` : `called ${said}` };
    case "text":
      return { prep: "other", text: v.text ? `with ${said}` : `saying ${said}` };
    case "path":
      return { prep: "other", text: /destination|target|archive|link_name/.test(name) ? `to ${said}` : `at ${said}` };
    case "query":
      return { prep: "other", text: `matching ${said}` };
    case "person":
      return { prep: "other", text: `${creating ? "named" : "for"} ${said}` };
    case "city":
      return { prep: "other", text: `in ${said}` };
    default:
      if (v.param.type === "boolean") return { prep: "with", text: `${noun} turned ${v.value ? "on" : "off"}` };
      // A choice whose name is no noun ("which": "frunk") names the thing itself.
      if (/^(which|what|how|where)$/.test(name)) return { prep: "other", text: `(the ${said} one)` };
      return withNoun(noun);
  }
}

export interface ClauseParts {
  refs: readonly EntityMention[];
  values: readonly ValueMention[];
}

/**
 * The clause for a call, without a leading capital or closing punctuation (the request adds
 * them). `rng` picks among equivalent phrasings.
 */
export function clause(tool: Tool, parts: ClauseParts, rng: Rng): string {
  // "the limit of it" reads as "its limit".
  return realise(tool, parts, rng).replace(/\bthe ((?:[a-z]+ ){0,2}?[a-z]+) (?:of|for) it\b/g, "its $1");
}

function realise(tool: Tool, parts: ClauseParts, rng: Rng): string {
  const f = frameOf(tool);
  const verb0 = f.verb.split(" ")[0] as string;
  const params = [...new Set(parts.refs.map((r) => r.param))];
  const primary = primaryOf(tool, params);
  const said = (p: ParamInfo) => joinAnd(parts.refs.filter((r) => r.param === p).map((r) => r.text));
  const main = primary ? said(primary) : undefined;
  const creating = f.kind === "create";
  const det = f.mine ? "my" : "the";
  const kindSet = new Set(primary?.ref ? kindWords(primary.ref).map(singular) : []);
  const lastKind = f.object.map((w) => kindSet.has(singular(w))).lastIndexOf(true);
  // Words after the entity's name are a property of it ("card limit"); words before it qualify it ("food cart item").
  const leftover = (lastKind >= 0 ? f.object.slice(lastKind + 1) : f.object).filter((w) => !/^[A-Z]{2,}s?$/.test(w));
  const objectWords = f.object.join(" ");

  let values: Spoken[] = parts.values
    .filter((v) => v.value !== undefined || v.text !== undefined)
    .map((v) => {
      const cls = paramClass(tool, v.param);
      return { v, cls, said: v.text ?? spoken(v.param, v.value, cls), noun: humanize(v.param.name) };
    });
  const omitted = parts.values.filter((v) => v.value === undefined && v.text === undefined);
  const take = (pred: (s: Spoken) => boolean): Spoken | undefined => {
    const s = values.find(pred);
    if (s) values = values.filter((x) => x !== s);
    return s;
  };

  // Slots that take a value before the generic complements.
  const moneyVerb = MONEY_VERBS.has(verb0);
  const money = moneyVerb ? take((s) => s.cls === "money") : undefined;
  const moneyText = money ? `${money.said} ` : moneyVerb && omitted.some((v) => paramClass(tool, v.param) === "money") ? "some money " : "";
  const oldNew = values.find((s) => /^old_/.test(s.v.param.name) && values.some((o) => o.v.param.name === s.v.param.name.replace(/^old_/, "new_")));
  let swap = "";
  if (oldNew) {
    const repl = take((s) => s.v.param.name === oldNew.v.param.name.replace(/^old_/, "new_")) as Spoken;
    take((s) => s === oldNew);
    swap = `${oldNew.said} with ${repl.said}`;
  }
  const first = take((s) => /^first_name$/.test(s.v.param.name));
  const last = take((s) => /^last_name$/.test(s.v.param.name));
  const person = first || last ? `${creating ? "named" : "for"} ${[first?.v.value, last?.v.value].filter(Boolean).join(" ")}` : "";

  const others = params.filter((p) => p !== primary);
  const complements = (exclude: readonly ParamInfo[] = []): string => {
    const withs: string[] = [];
    const rest: string[] = [];
    for (const p of others.filter((x) => !exclude.includes(x))) {
      const role = roleOf(p, tool.params, creating);
      if (role === "with") withs.push(said(p));
      else rest.push(`${role} ${said(p)}`);
    }
    let named = false;
    for (const s of values) {
      const ph = s.cls === "title" && named ? { prep: "with" as const, text: `the ${s.noun} ${s.said}` } : valuePhrase(s, creating);
      if (s.cls === "title") named = true;
      if (ph.prep === "with") withs.push(ph.text);
      else rest.push(ph.text);
    }
    const parts2 = [person, ...rest, withs.length ? `with ${joinAnd(withs)}` : ""].filter(Boolean);
    return parts2.length ? ` ${parts2.join(" ")}` : "";
  };

  switch (f.kind) {
    case "gist":
      return gistClause(f, tool, parts, values, take, complements, main, primary);
    case "read": {
      const what =
        headOf(f.object) === headOf(kindWords(primary?.ref ?? "-")) || (main && leftover.length === 1 && lower(main).includes(singular(leftover[0] as string)))
          ? ""
          : leftover.join(" ");
      if (!main) return `${f.verb} ${det} ${objectWords}${complements()}`;
      if (!what) return `${f.verb === "show me" ? rng.pick(["show me", "look up", "pull up"]) : f.verb} ${main}${complements()}`;
      return `${f.verb} the ${what} ${rng.pick(["of", "for"])} ${main}${complements()}`;
    }
    case "list":
    case "search": {
      const noun = objectWords || "results";
      const status = take(
        (s) => !!s.v.param.enum && /^(status|type|kind|state|phase|side|format|condition)$/.test(s.v.param.name) && typeof s.v.value === "string",
      );
      const np = `${status ? `${status.said} ` : ""}${noun}`;
      const lead =
        f.kind === "list"
          ? `list ${np === noun && f.mine ? "my" : "the"} ${np}`
          : `${rng.pick(["find", "search for"])} ${singular(noun) === lower(noun) ? "the " : ""}${np}`;
      return `${lead}${main ? ` ${rng.pick(["of", "for"])} ${main}` : ""}${complements()}`;
    }
    case "create": {
      const noun = objectWords;
      const mainHead = headOf(kindWords(primary?.ref ?? ""));
      const to = main ? ` ${IN_PLACES.test(mainHead) ? "in" : AT_PLACES.test(mainHead) ? "at" : (CREATE_PREP[verb0] ?? "for")} ${main}` : "";
      const worth = money ? ` of ${money.said}` : "";
      return `${f.verb} ${article(noun)} ${noun}${worth}${to}${complements()}`;
    }
    case "set": {
      if (f.verb === "rename" && main) {
        const name = take((s) => s.cls === "title");
        return `rename ${main}${name ? ` to ${name.said}` : ""}${complements()}`;
      }
      const overlap = (s: Spoken) => s.noun.split(" ").some((w) => f.object.map(singular).includes(singular(w)));
      const numeric = (s: Spoken) => typeof s.v.value === "number";
      const setValue =
        take((s) => overlap(s) && numeric(s)) ??
        take(overlap) ??
        (f.verb === "set" ? take(numeric) : undefined) ??
        (values.length === 1 && leftover.length > 0 && f.verb === "set" ? take(() => true) : undefined);
      const property = leftover.length ? leftover.join(" ") : setValue ? setValue.noun : "";
      if (setValue) return `${f.verb === "set" ? "set" : "change"} the ${property} ${main ? `of ${main} ` : ""}to ${setValue.said}${complements()}`;
      if (main && f.object.some((w) => /^(default|primary)$/.test(w)) && values.length === 0 && others.length === 0) return `make ${main} my ${objectWords}`;
      if (main && values.length > 0 && /^(update|edit|change|replace|revise|modify)$/.test(f.verb)) {
        const [head, ...tail] = values;
        values = [];
        return `change the ${(head as Spoken).noun} of ${main} to ${(head as Spoken).said}${tail.length ? ` and the ${tail.map((s) => `${s.noun} to ${s.said}`).join(" and the ")}` : ""}${complements()}`;
      }
      if (!main) return `${f.verb} the ${objectWords}${complements()}`;
      // "change the company of the deal … to …": an update that sets another entity.
      const setRef = others.find((p) => !isRole(p) && !p.required);
      if (setRef && values.length === 0 && /^(update|edit|change|modify)$/.test(f.verb))
        return `change the ${humanize(setRef.name)} of ${main} to ${said(setRef)}${complements([setRef])}`;
      return leftover.length ? `${f.verb} the ${leftover.join(" ")} of ${main}${complements()}` : `${f.verb} ${main}${complements()}`;
    }
    case "prep": {
      const targetRef =
        others.find((p) => namesKind(p, f.target)) ??
        (primary && namesKind(primary, f.target) && !namesKind(primary, f.object) ? primary : undefined) ??
        (others.length === 1 &&
        !INTRANSITIVE.has(verb0) &&
        f.target.length > 0 &&
        !/^(cart|watchlist|itinerary|backlog|trash|inbox|favorites?|pickup)$/.test(singular(f.target[f.target.length - 1] as string))
          ? others[0]
          : undefined);
      const intransitive = INTRANSITIVE.has(verb0) && !targetRef && !swap;
      const objectRefs = params.filter((p) => p !== targetRef);
      let objectPart = swap || joinAnd(objectRefs.filter((p) => p === primary || (targetRef === primary && p === objectRefs[0])).map(said));
      const used = new Set<ParamInfo>([
        ...(targetRef ? [targetRef] : []),
        ...objectRefs.filter((p) => p === primary || (targetRef === primary && p === objectRefs[0])),
      ]);
      if (!objectPart && f.object.length) objectPart = `${det} ${objectWords}`;
      let targetPart = targetRef ? said(targetRef) : f.target.length ? `${targetDeterminer(f.target)} ${f.target.join(" ")}` : "";
      if (!targetPart && f.target.length === 0 && !objectPart) {
        const v = take(() => true);
        if (v) targetPart = v.said;
      }
      if (intransitive && main) {
        // "reply to the email …", "pay for the listing …": the entity is what the preposition governs.
        targetPart = main;
        objectPart = "";
      }
      const tail = complements([...used]);
      const head = `${f.verb} ${moneyText}${objectPart}`.replace(/\s+/g, " ").trim();
      if (!targetPart) return `${head}${tail}`;
      if (f.prep === "for" && !targetRef && !intransitive) return `${head}${tail} for ${f.target.join(" ")}`;
      return `${head} ${f.prep} ${targetPart}${tail}`;
    }
    default: {
      const adverbs = f.object.filter((w) => /ly$/.test(w));
      const nouns = f.object.filter((w) => !/ly$/.test(w));
      const after = adverbs.length ? ` ${adverbs.join(" ")}` : "";
      if (!main) {
        const named = take((s) => nouns.map(singular).includes(singular(s.noun)) && typeof s.v.value === "number");
        if (named) return `${f.verb} ${named.said} ${nouns.join(" ")}${complements()}${after}`;
        const words = nouns.join(" ");
        if (money) return `${f.verb} ${money.said}${complements()}${after}`;
        if (moneyText) return `${f.verb} ${moneyText.trim()}${complements()}${after}`;
        const np = !words
          ? "it"
          : /^all /.test(words)
            ? words.replace(/^all /, `all ${det} `)
            : nouns.length === 1 && isGerund(nouns[0] as string)
              ? words
              : `${det} ${words}`;
        return `${f.verb} ${moneyText}${np}${complements()}${after}`.replace(/\s+/g, " ");
      }
      const rest = nouns.filter((w) => !kindSet.has(singular(w)));
      const last = lower(rest[rest.length - 1] ?? "");
      if (STATES.test(last)) {
        const not = rest[rest.length - 2] === "not" ? "not " : "";
        return `${f.verb} ${moneyText}${main} as ${not}${last === "default" ? "the default" : last}${complements()}${after}`;
      }
      // A part of the entity ("add_issue_label", "release_meeting_room"): the part, then the entity.
      const head = headOf(nouns);
      const partOf =
        nouns.length > 0 &&
        head !== headOf(kindWords(primary?.ref ?? "")) &&
        !lower(main).includes(head) &&
        (PART_VERBS.has(verb0) || nouns.some((w) => kindSet.has(singular(w))) || values.some((s) => s.v.param.required));
      if (partOf) {
        const member = others.find((p) => p.required && !isRole(p));
        if (member && !values.some((s) => s.v.param.required) && (verb0 === "add" || verb0 === "remove")) {
          return `${f.verb} ${said(member)} ${verb0 === "add" ? "to" : "from"} ${main}${complements([member])}${after}`;
        }
        const part = take((s) => s.v.param.required && s.cls !== "money");
        const where = verb0 === "remove" || verb0 === "delete" || verb0 === "detach" ? "from" : verb0 === "add" || verb0 === "attach" ? "to" : "of";
        // A part given by a reference ("the customer cus_10020") is said as itself: "add the customer … to the meeting …".
        const partText = part?.v.text ? part.said : `the ${humanize(rest.join("_") || head)}${part ? ` ${part.said}` : ""}`;
        return `${f.verb} ${moneyText}${partText} ${where} ${main}${complements()}${after}`;
      }
      if (verb0 === "pay" && money) return `pay ${main} ${money.said}${complements()}${after}`;
      if (money) return `${f.verb} ${money.said} on ${main}${complements()}${after}`;
      const status = take((s) => !!s.v.param.enum && /^(status|stage|state)$/.test(s.v.param.name));
      if (status) return `${f.verb} ${main} to ${status.said}${complements()}${after}`;
      return `${f.verb} ${moneyText}${main}${complements()}${after}`;
    }
  }
}

/** "my cart", "the backlog": whose the target of a preposition is. */
function targetDeterminer(words: readonly string[]): string {
  return /^(cart|watchlist|itinerary|inbox|calendar|profile|wishlist|trip|favorite)$/.test(singular(words[words.length - 1] ?? "")) ? "my" : "the";
}

const NOUNS = "files?|director(?:y|ies)|folders?|links?|archives?|paths?|symbolic link";
const FUNCTION_WORD = "(?!(?:of|to|in|for|from|the|a|an|one|two|and|or|with|by|at|on)\\b)";
const NP = new RegExp(
  `\\b(?:(?:a|an|one|the|two)\\s+)?(?:${FUNCTION_WORD}[a-z-]+\\s+){0,2}?(?:${NOUNS})(?:\\s+(?:and|or|and\\/or)\\s+(?:${NOUNS}))?(?='s|$|[,.;]|\\s(?:of|to|from|in|into|with|for|and|or|by|at|line|byte|points|without)\\b)`,
  "i",
);

/** A command-like tool: its description's phrase, the entity (or path) put where the phrase names one. */
function gistClause(
  f: Frame,
  tool: Tool,
  parts: ClauseParts,
  values: Spoken[],
  take: (pred: (s: Spoken) => boolean) => Spoken | undefined,
  complements: (exclude?: readonly ParamInfo[]) => string,
  main: string | undefined,
  primary: ParamInfo | undefined,
): string {
  let gist = f.gist ?? humanize(tool.name);
  // A parameter the phrase names ("to exactly size bytes", "for a pattern") takes its value there.
  for (const s of [...values]) {
    const word = s.v.param.name;
    const re = new RegExp(`\\b(?:(?:a|an|the)\\s+)?${word}\\b`);
    if (re.test(gist) || (s.cls === "text" && /\btext\b/.test(gist))) {
      gist = re.test(gist) ? gist.replace(re, s.said) : gist.replace(/\btext\b/, s.said);
      take((x) => x === s);
    }
  }
  const lead = f.nounish ? "show me " : "";
  const creating = /^(create|make)\b/.test(gist);
  const pathValue = !main && !creating ? take((s) => s.cls === "path") : undefined;
  const subject = main ?? pathValue?.said;
  if (!subject) return `${lead}${gist}${complements()}`;
  const refs = [...new Set(parts.refs.map((r) => r.param))];
  if (/\btwo\s+\w+/.test(gist) && refs.length >= 2) {
    const both = refs
      .map((p) =>
        parts.refs
          .filter((r) => r.param === p)
          .map((r) => r.text)
          .join(" and "),
      )
      .join(" and ");
    return `${lead}${gist.replace(/\btwo\s+\w+/, both)}${complements(refs)}`;
  }
  if (/working directory/.test(gist)) return `${gist} to ${subject}${complements(primary ? [primary] : [])}`;
  if (primary && main && new RegExp(`\\b(?:a|an|the)\\s+${primary.name}\\b`).test(gist)) {
    return `${lead}${gist.replace(new RegExp(`\\b(?:a|an|the)\\s+${primary.name}\\b`), main)}${complements()}`;
  }
  const skip = f.nounish ? 0 : gist.indexOf(" ") + 1 || gist.length;
  const kindHead = primary?.ref ? headOf(kindWords(primary.ref)) : "";
  const np =
    kindHead && !new RegExp(`\\b${kindHead}\\b`).test(NOUNS)
      ? new RegExp(
          NP.source.replace(`(?:${NOUNS})`, `(?:${NOUNS}|${kindHead}s?)`).replace("(?:(?:a|an|one|the|two)\\s+)?", "(?:(?:a|an|one|the|two|\\w+'s)\\s+)?"),
          "i",
        )
      : NP;
  const found = np.exec(gist.slice(skip));
  const m = found ? Object.assign(found, { index: found.index + skip }) : null;
  // The head of a noun-phrase gist is what is shown; the entity is what it is of.
  if (m && !(f.nounish && m.index === 0)) {
    const possessive = gist.slice(m.index + m[0].length).startsWith("'s");
    const after = gist.slice(m.index + m[0].length + (possessive ? 2 : 0));
    if (possessive) {
      const [, thing = "", rest = ""] = /^\s+(\w+)(.*)$/.exec(after) ?? [];
      return `${lead}${gist.slice(0, m.index)}the ${thing} of ${subject}${rest}${complements(primary ? [primary] : [])}`;
    }
    return `${lead}${gist.slice(0, m.index)}${subject}${after}${complements(primary ? [primary] : [])}`;
  }
  return `${lead}${gist} ${f.nounish ? "of" : "for"} ${subject}${complements(primary ? [primary] : [])}`;
}
