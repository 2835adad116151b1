/**
 * search_chat_messages: Slack's search syntax over the channels the user can read.
 *
 *   words and "quoted phrases"      all must appear in the text (case-insensitive)
 *   from:@maya.okafor | from:<@U1002>   author
 *   in:#general | in:C1003             channel
 *   has:link  has:reaction  has::tada:  has:pin      message features
 *   is:thread                          only thread replies
 *   before:2026-03-14  after:2026-03-01  on:2026-03-10  during:2026-03   dates (before/after exclusive)
 *
 * The query is tokenized in one pass; nothing from it becomes a regular expression.
 */
import { check, descending, fail, page, paginate, time, z } from "../../framework/index.ts";
import { isMember, meOf, messageView, read, hasLink, type Chat, type Member, type Message } from "../state.ts";

interface Token {
  text: string;
  quoted: boolean;
}

/** Splits on whitespace, keeping "quoted phrases" whole. Linear in the query's length. */
export function tokenize(query: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      const end = query.indexOf('"', i + 1);
      const stop = end === -1 ? query.length : end;
      const phrase = query.slice(i + 1, stop).trim();
      if (phrase) out.push({ text: phrase, quoted: true });
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < query.length && !/\s/.test(query[j] as string)) j++;
    out.push({ text: query.slice(i, j), quoted: false });
    i = j;
  }
  return out;
}

function needDate(op: string, v: string): string {
  check(time.isIsoDate(v), `${op}:${v.slice(0, 20)} needs a date as YYYY-MM-DD, e.g. ${op}:2026-03-14`, "invalid_argument");
  return v;
}

type Filter = (m: Message) => boolean;

function findMember(db: Chat, raw: string): Member {
  const v = raw
    .replace(/^<@|>$/g, "")
    .replace(/^@/, "")
    .toLowerCase();
  const m = db.members.find((x) => x.id.toLowerCase() === v || x.handle === v || x.real_name.toLowerCase() === v);
  if (!m)
    fail(
      `no member matches from:${raw.slice(0, 40)}; write from:@handle (e.g. from:@maya.okafor) or from:<@U1002>, with handles and ids from list_workspace_members`,
      "not_found",
    );
  return m;
}

export const searchTools = {
  search_chat_messages: read({
    description:
      'Search messages in the channels the user can read, newest first, with Slack\'s syntax: words and "phrases", from:@handle or from:<@U1002>, in:#channel, has:link, has:reaction, has::emoji:, has:pin, is:thread, before:/after:/on:YYYY-MM-DD and during:YYYY-MM. All terms must match.',
    input: z
      .object({
        query: z.string().trim().min(1, "the query is empty").max(500).describe('Search query, e.g. "deploy from:@maya.okafor in:#incidents after:2026-03-01"'),
        ...page,
      })
      .strict(),
    discovers: "chat_message",
    run: (db, a, env) => {
      const me = meOf(db, env);
      const tokens = tokenize(a.query);
      check(tokens.length > 0, 'the query has no terms; give words, a "phrase" or a modifier such as in:#general', "invalid_argument");
      check(tokens.length <= 30, `the query has ${tokens.length} terms; use at most 30`, "invalid_argument");
      const readable = new Set(db.channels.filter((c) => !c.is_private || isMember(c, me.id)).map((c) => c.id));
      const filters: Filter[] = [];
      for (const t of tokens) {
        const colon = t.quoted ? -1 : t.text.indexOf(":");
        const op = colon > 0 ? t.text.slice(0, colon).toLowerCase() : "";
        const v = colon > 0 ? t.text.slice(colon + 1) : "";
        if (op === "from" && v) {
          const who = findMember(db, v);
          filters.push((m) => m.user_id === who.id);
        } else if (op === "in" && v) {
          const name = v
            .replace(/^<#|>$/g, "")
            .replace(/^#/, "")
            .toLowerCase();
          const c = db.channels.find((x) => (x.id.toLowerCase() === name || x.name === name) && readable.has(x.id));
          check(c, `no channel you can read matches in:${v.slice(0, 40)}; write in:#channel-name with a name from list_channels`, "not_found");
          filters.push((m) => m.channel_id === c.id);
        } else if (op === "has") {
          const what = v.toLowerCase();
          if (what === "link") filters.push((m) => hasLink(m.text));
          else if (what === "reaction") filters.push((m) => m.reactions.length > 0);
          else if (what === "pin") filters.push((m) => m.pinned_by !== undefined);
          else if (/^:[a-z0-9_+'-]{1,60}:$/.test(what)) filters.push((m) => m.reactions.some((r) => r.name === what.slice(1, -1)));
          else fail(`has:${v.slice(0, 30)} is not supported; use has:link, has:reaction, has::emoji_name: or has:pin`, "invalid_argument");
        } else if (op === "is") {
          check(v.toLowerCase() === "thread", `is:${v.slice(0, 30)} is not supported; use is:thread for thread replies`, "invalid_argument");
          filters.push((m) => m.thread_parent_id !== undefined);
        } else if (op === "before") {
          const d = needDate(op, v);
          filters.push((m) => m.created_at.slice(0, 10) < d);
        } else if (op === "after") {
          const d = needDate(op, v);
          filters.push((m) => m.created_at.slice(0, 10) > d);
        } else if (op === "on") {
          const d = needDate(op, v);
          filters.push((m) => m.created_at.startsWith(d));
        } else if (op === "during") {
          check(time.isIsoMonth(v) || time.isIsoDate(v), `during:${v.slice(0, 20)} needs a month as YYYY-MM or a date as YYYY-MM-DD`, "invalid_argument");
          filters.push((m) => m.created_at.startsWith(v));
        } else {
          const word = t.text.toLowerCase();
          filters.push((m) => m.text.toLowerCase().includes(word));
        }
      }
      const hits = db.messages.filter((m) => readable.has(m.channel_id) && !m.deleted && filters.every((f) => f(m))).sort(descending("created_at"));
      return {
        query: a.query,
        ...paginate(
          hits.map((m) => messageView(db, m)),
          a,
        ),
      };
    },
  }),
};
