/**
 * Parameter builders for tool input schemas.
 *
 * The zod schema of a tool is the single source of truth for its input: validation, the JSON
 * Schema given to models and MCP clients, and the metadata synthesis needs (which parameter
 * names which entity, which values are secrets) all come from it. The metadata lives in a
 * private registry so it never leaks into the JSON Schema a model sees.
 */
import { z } from "zod";
import { bareAddress, EMAIL_HELP, isEmail } from "./email.ts";
import { formatMoney } from "./money.ts";
import { dateProblem, instantProblem, isIsoDate, isIsoMonth, MAX_YEAR, MIN_YEAR, toInstant } from "./time.ts";

export interface ParamMeta {
  /** The entity kind this parameter names, e.g. "account". */
  ref?: string;
  /** Which field of that entity the value is (default: the table's key, usually "id"). */
  field?: string;
  /** A secret (password, card number, token): its value must come from the user or a tool output. */
  sensitive?: boolean;
  /** This parameter opens a range that the parameter named here closes (from_date → to_date). */
  rangeEnd?: string;
}

export const paramMeta = z.registry<ParamMeta>();

/**
 * A parameter that names an existing entity: `ref("account", "The account to debit")`.
 * The JSON Schema description gains an example of the id's shape from the table definition.
 */
export function ref(kind: string, description: string, opts: { field?: string } = {}) {
  const schema = z.string().trim().min(1, `${kind} must not be empty`).describe(description);
  paramMeta.add(schema, { ref: kind, ...(opts.field ? { field: opts.field } : {}) });
  return schema;
}

/** Several entities of one kind: `refs("label", "Labels to add")`. */
export function refs(kind: string, description: string, opts: { field?: string; max?: number } = {}) {
  const item = z.string().trim().min(1);
  paramMeta.add(item, { ref: kind, ...(opts.field ? { field: opts.field } : {}) });
  return z
    .array(item)
    .max(opts.max ?? 50)
    .describe(description);
}

/**
 * Marks `schema` as the lower end of a range that the parameter `upper` closes (dates, instants,
 * months or numbers): `from_date: rangeStart("to_date", isoDate("First day")).optional()`. The
 * framework refuses a backwards range (invalid_argument) before the tool runs; equal ends pass,
 * so a tool that needs a gap (an event that lasts) still checks it.
 */
export function rangeStart<S extends z.ZodType>(upper: string, schema: S): S {
  paramMeta.add(schema, { ...(paramMeta.get(schema) ?? {}), rangeEnd: upper });
  return schema;
}

/** Marks a parameter as sensitive (passwords, card numbers, tokens). */
export function secret<S extends z.ZodType>(schema: S): S {
  paramMeta.add(schema, { ...(paramMeta.get(schema) ?? {}), sensitive: true });
  return schema;
}

export interface MoneyOptions {
  /** 0 lets the amount be zero (a tip, a budget limit, a deal not yet priced); default: greater than 0. */
  min?: 0;
  /** The largest amount accepted (default 1,000,000,000). */
  max?: number;
  /** The value in messages: "the tip", "a limit" (default "the amount"). */
  what?: string;
  /** With `min: 0`, what 0 means, for the message on negatives: "no budget" → "…; use 0 for no budget". */
  zero?: string;
}

/**
 * An amount of money with at most two decimals, e.g. 125.5: greater than 0, or with
 * `{ min: 0 }` zero or more. Messages name the value and the valid range.
 */
export function money(description: string, opts: MoneyOptions = {}) {
  const what = opts.what ?? "the amount";
  const max = opts.max ?? 1e9;
  const base = z.number();
  const bounded =
    opts.min === 0 ? base.min(0, `${what} cannot be negative${opts.zero ? `; use 0 for ${opts.zero}` : ""}`) : base.positive(`${what} must be greater than 0`);
  return bounded
    .max(max, `${what} is at most ${formatMoney(max)}`)
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, `${what} has at most 2 decimals (cents), e.g. 12.5 or 12.34`)
    .describe(description);
}

/** A calendar date, "YYYY-MM-DD". */
export function isoDate(description: string) {
  return z.string().refine(isIsoDate, "expected a calendar date as YYYY-MM-DD, e.g. 2026-03-14").describe(description);
}

export interface InstantOptions {
  /** Years the value may fall in (default 1970 to 2100); a tool with its own, explained range widens it. */
  years?: readonly [number, number];
}

const INSTANT_HELP = "expected a date-time as YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-03-14T15:30:00Z (an offset such as +02:00 may replace Z)";

/**
 * An instant, "YYYY-MM-DDTHH:MM:SSZ" (an offset instead of Z is accepted), naming a real day and
 * time (2026-02-30 is refused, not rolled over) between 1970 and 2100. The tool receives it in
 * canonical UTC, "2026-03-14T13:30:00Z", so it can be compared and stored as is.
 */
export function isoInstant(description: string, opts: InstantOptions = {}) {
  const years = opts.years ?? [MIN_YEAR, MAX_YEAR];
  return z
    .string()
    .trim()
    .transform((s, ctx) => {
      const problem = instantProblem(s, years);
      if (problem === undefined) return toInstant(s);
      ctx.addIssue({ code: "custom", message: `"${s.slice(0, 40)}": ${problem}; ${INSTANT_HELP}`, input: s });
      return z.NEVER;
    })
    .describe(description);
}

/**
 * A date-time, or a date meaning that whole day (an all-day event, a window from midnight UTC),
 * both between 1970 and 2100. A date arrives as "YYYY-MM-DD", an instant in canonical UTC.
 */
export function dateOrInstant(description: string) {
  return z
    .string()
    .trim()
    .transform((s, ctx) => {
      if (s.length === 10) {
        const problem = dateProblem(s, [MIN_YEAR, MAX_YEAR]);
        if (problem === undefined) return s;
        ctx.addIssue({
          code: "custom",
          message: `"${s}": ${problem}; expected a date as YYYY-MM-DD or a date-time as YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-03-14 or 2026-03-14T15:30:00Z`,
          input: s,
        });
        return z.NEVER;
      }
      const problem = instantProblem(s, [MIN_YEAR, MAX_YEAR]);
      if (problem === undefined) return toInstant(s);
      ctx.addIssue({
        code: "custom",
        message: `"${s.slice(0, 40)}": ${problem}; expected a date-time as YYYY-MM-DDTHH:MM:SSZ (e.g. 2026-03-14T15:30:00Z) or, for a whole day, a date as YYYY-MM-DD`,
        input: s,
      });
      return z.NEVER;
    })
    .describe(description);
}

/** A calendar month, "YYYY-MM". */
export function month(description: string) {
  return z.string().trim().refine(isIsoMonth, "expected a month as YYYY-MM, e.g. 2026-03").describe(description);
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A time of day on a 24-hour clock, "HH:MM" ("07:30", "22:00"): schedules, departure windows. */
export function timeOfDay(description: string) {
  return z.string().trim().regex(TIME_OF_DAY, "expected a time of day as HH:MM (24-hour), e.g. 07:30").describe(description);
}

/**
 * An email address. "Maya Okafor <maya@x.com>" is accepted too; the tool receives the bare
 * address, lower-cased. For lists checked in the tool (so the message names the field), use
 * `emailList` and `emailAddresses(list, role)`.
 */
export function email(description: string) {
  return z
    .string()
    .max(320, "an email address, with the name before it, has at most 320 characters")
    .transform((raw, ctx) => {
      const address = bareAddress(raw);
      if (isEmail(address)) return address;
      ctx.addIssue({ code: "custom", message: `"${raw.slice(0, 80)}" is not a valid email address; ${EMAIL_HELP}`, input: raw });
      return z.NEVER;
    })
    .describe(description);
}

/** Email addresses as written (1-320 characters each); the tool validates them with `emailAddresses(list, role)`. */
export function emailList(description: string, max = 100) {
  return z.array(z.string().trim().min(1).max(320)).max(max).describe(description);
}

const PHONE = /^\+?[0-9 ()-]{6,24}$/;

/** A phone number as people write it, e.g. "+1-415-555-0134". */
export function phone(description: string) {
  return z
    .string()
    .trim()
    .regex(PHONE, "expected a phone number such as +1-415-555-0134: 6 to 24 digits, spaces, dashes or parentheses, optionally after a +")
    .describe(description);
}

/** A person's name, or one part of it ("Maya", "Okafor"): trimmed, 1-80 characters. */
export function personName(description: string) {
  return z.string().trim().min(1, "the name must not be empty").max(80, "a name has at most 80 characters").describe(description);
}

/** The name of a company or organisation (or a customer that may be either): trimmed, 1-120 characters. */
export function companyName(description: string) {
  return z.string().trim().min(1, "the name must not be empty").max(120, "a name has at most 120 characters").describe(description);
}

/** Free text a user writes (a message body, a note), bounded so no call carries megabytes. */
export function text(description: string, max = 20_000) {
  return z.string().max(max, `at most ${max} characters`).describe(description);
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageOptions {
  /** Largest page a call may ask for (default 100). */
  max?: number;
  /** Page size when the call gives none (default 20). */
  default?: number;
  /** What the list holds, for the description: "entries", "lines" (default "results"). */
  what?: string;
}

/**
 * Pagination parameters with another page size, for lists whose items are small (lines of a
 * file, directory entries): `{ ...pageOf({ max: 500, default: 100, what: "entries" }) }`.
 */
export function pageOf(opts: PageOptions = {}) {
  const max = opts.max ?? MAX_PAGE_SIZE;
  const dflt = opts.default ?? DEFAULT_PAGE_SIZE;
  return {
    limit: z
      .number()
      .int()
      .min(1)
      .max(max)
      .default(dflt)
      .describe(`Maximum number of ${opts.what ?? "results"} to return (1-${max}, default ${dflt})`),
    cursor: z.string().optional().describe("Opaque cursor from a previous call's next_cursor, to fetch the next page"),
  };
}

/** Pagination parameters for every list tool: spread into an input object, `{ ...page }`. */
export const page = pageOf();

export interface PageArgs {
  limit: number;
  cursor?: string | undefined;
}
