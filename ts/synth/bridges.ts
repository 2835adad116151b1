/**
 * Value bridges: an entity field whose value another tool's parameter can take — the edges that
 * let a request depend on what a lookup returns, within a domain and across two (a contact's
 * email becomes a recipient, a flight's arrival an event's start, an invoice's amount due a
 * transfer's amount, a hotel's city the city of a search). Derived from field and parameter
 * names and types alone (`classes.ts`), so a new domain needs no code.
 */
import { z } from "zod";
import type { Domain } from "../servers/framework/index.ts";
import { paramClass, valueClass, type ValueClass } from "./classes.ts";

export interface Bridge {
  from: { domain: string; kind: string; field: string; cls: ValueClass };
  to: { domain: string; tool: string; param: string; cls: ValueClass };
}

export interface Bridges {
  all: readonly Bridge[];
  /** Bridges whose target tool is in a domain. */
  into: ReadonlyMap<string, readonly Bridge[]>;
  /** Domain pairs (from→to, different domains) and how many bridges join them. */
  pairs: ReadonlyMap<string, number>;
}

/**
 * Which fields feed which parameters, by class: names a person would connect ("pay the amount
 * due on that invoice", "invite the contact", "put the flight's arrival in my calendar",
 * "find charging stations in my hotel's city"). Tight on purpose: a loose bridge (a balance as a
 * card limit, a due date as a birthday) teaches nonsense.
 */
const RULES: Partial<Record<ValueClass, { field: RegExp; param: RegExp; readsOnly?: boolean }>> = {
  money: { field: /^(total|amount|amount_due|total_price|total_cost|refund_amount|sale_price|item_price)$/, param: /^amount$/ },
  email: { field: /^email$/, param: /^(to|attendees|emails|invitee_emails)$/ },
  instant: { field: /^(departure|arrival|start|start_time|delivers_at|ends_at|pickup_at|due_at)$/, param: /^(start|start_time)$/ },
  date: { field: /^(due_date|check_in|expected_on|close_date|end_date|execute_on)$/, param: /^(execute_on|due_date|close_date)$/ },
  city: { field: /^city$/, param: /^city$/, readsOnly: true },
  address: { field: /^(address|formatted_address)$/, param: /^(address|destination)$/ },
  text: { field: /^(content|body|text)$/, param: /^(body|text|content)$/ },
};
/** A kind whose entities are people (an email there is someone to write to). */
const PERSON_FIELDS = /^(first_name|last_name|real_name|full_name|display_name|holder)$/;

const cache = new WeakMap<readonly Domain[], Bridges>();

export function bridgesOf(domains: readonly Domain[]): Bridges {
  const hit = cache.get(domains);
  if (hit) return hit;
  const sources = domains.flatMap((d) =>
    Object.values(d.tables).flatMap((def) => {
      const fields = fieldsOf(def.schema);
      const person = fields.some((f) => PERSON_FIELDS.test(f.name)) || (fields.some((f) => f.name === "name") && fields.some((f) => f.name === "phone"));
      return fields
        .filter((f) => f.name !== def.key)
        .map((f) => ({ domain: d.name, kind: def.kind, field: f.name, cls: valueClass(f) }))
        .filter((f) => RULES[f.cls]?.field.test(f.field) && (f.cls !== "email" || person));
    }),
  );
  const targets = domains.flatMap((d) =>
    d.tools.flatMap((t) =>
      t.params
        .filter((p) => !p.ref && !p.enum && !p.sensitive)
        .map((p) => ({ p, cls: paramClass(t, p) }))
        .filter(
          ({ p, cls }) =>
            RULES[cls]?.param.test(p.name) && t.readOnly === !!RULES[cls]?.readsOnly && (cls !== "address" || p.name !== "destination" || !t.readOnly),
        )
        .map(({ p, cls }) => ({ domain: d.name, tool: t.name, param: p.name, cls })),
    ),
  );
  const all: Bridge[] = [];
  for (const to of targets) for (const from of sources) if (from.cls === to.cls) all.push({ from, to });
  const into = new Map<string, Bridge[]>();
  const pairs = new Map<string, number>();
  for (const b of all) {
    into.set(b.to.domain, [...(into.get(b.to.domain) ?? []), b]);
    if (b.from.domain !== b.to.domain) pairs.set(`${b.from.domain}>${b.to.domain}`, (pairs.get(`${b.from.domain}>${b.to.domain}`) ?? 0) + 1);
  }
  const out = { all, into, pairs };
  cache.set(domains, out);
  return out;
}

function fieldsOf(schema: z.ZodObject): Array<{ name: string; type: string }> {
  const json = z.toJSONSchema(schema, { unrepresentable: "any", io: "output" }) as {
    properties?: Record<string, { type?: string | string[]; anyOf?: Array<{ type?: string }> }>;
  };
  return Object.entries(json.properties ?? {}).map(([name, p]) => {
    const t = Array.isArray(p.type) ? p.type.find((x) => x !== "null") : (p.type ?? p.anyOf?.find((x) => x.type && x.type !== "null")?.type);
    return { name, type: t ?? "object" };
  });
}
