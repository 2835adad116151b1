/**
 * Values for arguments that do not name an entity: amounts, dates, titles, emails, paths…
 * chosen from the parameter's JSON Schema (type, bounds, pattern, enum), its name and
 * description, and pools of real values of the domain (a `symbol` parameter takes a real
 * ticker, a `city` a real city). Nothing here is domain-specific: a new domain needs no code.
 * A value may still be refused by a business rule; the state machine then tries another.
 */
import type { Domain, ParamInfo, Tool, World } from "../servers/framework/index.ts";
import type { Rng } from "../servers/framework/rng.ts";
import { addDays } from "../servers/framework/time.ts";
import { isDateName, isInstantName } from "./classes.ts";

export interface ValueContext {
  rng: Rng;
  world: World;
  /** The session's date and instant. */
  today: string;
  domain: Domain;
  tool: Tool;
  pools: ReadonlyMap<string, readonly (string | number)[]>;
  /** Values already chosen for this call (an end after its start, a check-out after check-in). */
  args: Record<string, unknown>;
}

type Prop = {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  format?: string;
  description?: string;
  maxLength?: number;
  minLength?: number;
  items?: Prop;
  enum?: unknown[];
};

const TITLES = [
  "Q3 planning",
  "Budget review",
  "Team offsite",
  "Launch checklist",
  "Vendor follow-up",
  "Weekly sync",
  "Design critique",
  "Onboarding plan",
  "Customer feedback",
  "Roadmap draft",
  "Travel plans",
  "Quarterly report",
  "Hiring pipeline",
  "Renewal terms",
  "Grocery list",
  "Birthday party",
  "Kitchen renovation",
  "Reading list",
  "Workshop notes",
  "Release notes",
];
const SENTENCES = [
  "Thanks for the quick turnaround on this.",
  "Can we move this to next week? Something came up.",
  "Attached are the figures we discussed on Monday.",
  "Please review the latest draft before Friday.",
  "Following up on our conversation from yesterday.",
  "Looking forward to catching up soon.",
  "The numbers look good; let's go ahead.",
  "Reminder: the deadline is end of day Thursday.",
];
const WORD = /[A-Za-z]{4,}/g;

function prop(tool: Tool, name: string): Prop {
  return ((tool.inputSchema.properties as Record<string, Prop> | undefined)?.[name] ?? {}) as Prop;
}

function within(x: number, s: Prop, integer: boolean): number {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 0.01) : -Infinity);
  const hi = s.maximum ?? Infinity;
  return Math.min(hi, Math.max(lo, x));
}

function person(ctx: ValueContext) {
  return ctx.rng.pick(ctx.world.people);
}

/** A value from the domain's real values for a field this parameter is named after. */
function fromPool(name: string, ctx: ValueContext): string | number | undefined {
  const base = name.replace(/^(new|from|to|origin|destination|source|target|old)_/, "").replace(/_(name|code)$/, (m) => m);
  for (const key of [name, base, base.replace(/s$/, "")]) {
    const pool = ctx.pools.get(key);
    if (pool?.length) return ctx.rng.pick(pool);
  }
  return undefined;
}

function stringValue(p: ParamInfo, s: Prop, ctx: ValueContext): string | undefined {
  const name = p.name;
  const creating = !ctx.tool.readOnly;
  if (s.format === "email" || /(^|_)(email|recipient|to|cc|bcc)$/.test(name)) return person(ctx).email;
  if (/phone/.test(name)) return person(ctx).phone;
  if (/^url$|_url$|webhook/.test(name)) return `https://hooks.${ctx.rng.pick(ctx.world.companies).domain}/prove/${ctx.rng.hex(6)}`;
  if (/month$/.test(name) && /YYYY-MM(?!-)/.test(s.description ?? "")) return ctx.today.slice(0, 7);
  // A time of day on a 24-hour clock: a schedule's "at", a departure window.
  if ((name === "at" || /HH:MM/.test(s.description ?? "")) && !/YYYY/.test(s.description ?? ""))
    return `${String(ctx.rng.pick([6, 7, 8, 9, 12, 17, 18, 21, 22])).padStart(2, "0")}:${ctx.rng.pick(["00", "15", "30", "45"])}`;
  if (isDateName(name, s.description)) {
    const start = Object.entries(ctx.args).find(([k, v]) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && k !== name)?.[1] as string | undefined;
    return start && /out|end|until|to/.test(name) ? addDays(start, ctx.rng.int(1, 4)) : addDays(ctx.today, ctx.rng.int(2, 21));
  }
  if (isInstantName(name, s.description)) {
    const start = Object.entries(ctx.args).find(([k, v]) => typeof v === "string" && /T\d\d:/.test(v) && k !== name)?.[1] as string | undefined;
    if (start && /end|until|to/.test(name)) return start.replace(/T(\d\d)/, (_, h) => `T${String(Math.min(23, Number(h) + 1)).padStart(2, "0")}`);
    return `${addDays(ctx.today, ctx.rng.int(2, 14))}T${ctx.rng.pick(["10", "11", "14", "15", "16"])}:00:00Z`;
  }
  if (s.pattern) {
    const digits = /^\^\\d\{(\d+)(?:,(\d+))?\}\$$/.exec(s.pattern);
    if (digits) return ctx.rng.digits(Number(digits[1]) + (digits[2] ? ctx.rng.int(0, Math.min(3, Number(digits[2]) - Number(digits[1]))) : 0));
  }
  if (/card_number/.test(name)) return ctx.rng.pick(["4242 4242 4242 4242", "5555 5555 5555 4444", "4000 0566 5566 5556"]);
  if (/cvc|cvv/.test(name)) return ctx.rng.digits(3);
  if (/password|secret|passcode|pin$/.test(name)) return `${ctx.rng.pick(["Maple", "Harbor", "Cobalt"])}-${ctx.rng.digits(4)}`;
  if (/^first_name$/.test(name)) return person(ctx).first_name;
  if (/^last_name$/.test(name)) return person(ctx).last_name;
  if (/(customer|contact|passenger|traveler|full)_name$|^holder$/.test(name)) return person(ctx).full_name;
  if (/^company$|company_name/.test(name)) return ctx.rng.pick(ctx.world.companies).name;
  if (/^(domain|website)$/.test(name)) return ctx.rng.pick(ctx.world.companies).domain;
  if (/^(query|q|keyword|search|text_query|term)$/.test(name)) {
    const text = String(fromPool("name", ctx) ?? fromPool("title", ctx) ?? fromPool("subject", ctx) ?? fromPool("summary", ctx) ?? "");
    return (text.match(WORD) ?? [text || "report"])[0];
  }
  if (/path|destination|archive|^target$/.test(name) && /path|director|file/i.test(s.description ?? name)) {
    const paths = (ctx.pools.get("path") ?? []).filter((x): x is string => typeof x === "string");
    if (paths.length === 0) return undefined;
    const fresh = creating && (/destination|archive/.test(name) || /^(touch|mkdir|write_file|mktemp|tar_create)$/.test(ctx.tool.name));
    if (!fresh) return ctx.rng.pick(paths);
    const dirs = paths.filter((x) => /^\/home\/[^/]+\/[A-Z][a-z]+$/.test(x));
    const dir = dirs.length ? ctx.rng.pick(dirs) : `/home/${ctx.world.user.handle}`;
    const stem = ctx.rng.pick(["notes", "draft", "summary", "backup", "plan", "todo"]);
    return /mkdir/.test(ctx.tool.name)
      ? `${dir}/${stem}-${ctx.rng.int(2, 99)}`
      : `${dir}/${stem}-${ctx.rng.int(2, 99)}.${/archive/.test(name) ? "tar" : "txt"}`;
  }
  if (/^mode$/.test(name)) return ctx.rng.pick(["644", "600", "755"]);
  if (/pattern/.test(name)) {
    const text = String(fromPool("content", ctx) ?? fromPool("name", ctx) ?? "TODO");
    return (text.match(WORD) ?? ["TODO"])[0];
  }
  const pooled = !creating || !/^(name|title|summary|subject)$/.test(name) ? fromPool(name, ctx) : undefined;
  if (typeof pooled === "string") return pooled;
  if (/^(name|title|summary|subject|label|topic|display_name)$|_title$|_name$/.test(name)) {
    const t = `${ctx.rng.pick(TITLES)}${creating ? ` ${ctx.rng.int(2, 9)}` : ""}`;
    // A constrained name (a label, a channel) is usually a lowercase slug.
    return s.pattern ? t.toLowerCase().replace(/[^a-z0-9]+/g, "-") : t;
  }
  if (/body|content|text|message|note|description|comment|memo|reason|bio|purpose|details/.test(name)) return ctx.rng.pick(SENTENCES);
  return undefined;
}

function numberValue(p: ParamInfo, s: Prop, ctx: ValueContext): number | undefined {
  const integer = p.type === "integer";
  const name = p.name;
  const pick = (lo: number, hi: number) => within(integer ? ctx.rng.int(lo, hi) : ctx.rng.int(lo * 100, hi * 100) / 100, s, integer);
  if (/lat(itude)?$/.test(name)) return ctx.rng.pick(ctx.world.cities).lat;
  if (/(lon|lng|longitude)$/.test(name)) return ctx.rng.pick(ctx.world.cities).lon;
  if (/amount|price|limit|total|budget|fee|cost|salary|balance|tip/.test(name))
    return integer ? pick(10, 500) : within(ctx.rng.pick([10, 20, 25, 40, 50, 75, 100, 120, 150, 200, 250]) + ctx.rng.pick([0, 0, 0.5, 0.99]), s, false);
  if (/qty|quantity|count|units|guests|passengers|seats|nights|bags|people|copies/.test(name)) return pick(1, 3);
  if (/rating|stars|score/.test(name)) return within(ctx.rng.int(3, 5), s, true);
  if (/month/.test(name)) return within(ctx.rng.int(1, 12), s, true);
  if (/year/.test(name)) return within(Number(ctx.today.slice(0, 4)) + ctx.rng.int(1, 4), s, true);
  if (/minutes|duration/.test(name)) return within(ctx.rng.pick([30, 45, 60, 90]), s, integer);
  if (/percent|pct/.test(name)) return within(ctx.rng.pick([10, 20, 25, 50]), s, integer);
  if (/radius/.test(name)) return within(ctx.rng.pick([500, 1000, 2000, 5000]), s, integer);
  if (/temp/.test(name)) return within(ctx.rng.int(19, 23), s, integer);
  const pooled = fromPool(name, ctx);
  if (typeof pooled === "number") return within(pooled, s, integer);
  const lo = Math.max(s.minimum ?? 1, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
  return pick(lo, Math.min(s.maximum ?? lo + 9, lo + 9));
}

/** A value for a non-entity parameter, or undefined when none can be chosen. */
export function valueFor(p: ParamInfo, ctx: ValueContext): unknown {
  const s = prop(ctx.tool, p.name);
  if (p.enum) return ctx.rng.pick(p.enum);
  if (p.type === "boolean") return ctx.rng.bool(0.3);
  if (p.type === "number" || p.type === "integer") return numberValue(p, s, ctx);
  if (p.type === "string") return stringValue(p, s, ctx);
  if (p.type === "array") {
    const item = s.items ?? {};
    if (Array.isArray(item.enum) && item.enum.length) return [ctx.rng.pick(item.enum)];
    if (item.type === "string") {
      const v = stringValue({ ...p, name: p.name.replace(/s$/, ""), type: "string" }, item, ctx);
      return v === undefined ? undefined : [v];
    }
  }
  return undefined;
}
