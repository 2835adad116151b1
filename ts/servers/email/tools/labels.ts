/**
 * Labels and filters.
 *
 * Rules:
 * - system labels (INBOX, SENT, DRAFT, TRASH, SPAM, STARRED, IMPORTANT, UNREAD) cannot be created,
 *   renamed or deleted, and no user label may take a system or reserved name;
 * - label names are unique, ignoring case; nested labels use "/" ("Projects/Atlas");
 * - deleting a label takes it off every message; a label a filter uses cannot be deleted;
 * - a filter needs at least one criterion and one action; it may add user labels, STARRED or
 *   IMPORTANT and remove INBOX (skip the inbox), UNREAD (mark as read) or IMPORTANT;
 *   two filters may not do the same thing to the same mail.
 */
import { check, fail, page, ref, z, type CallEnv } from "../../framework/index.ts";
import { compileQuery } from "../search.ts";
import {
  describeCriteria,
  hasLabel,
  LABEL_COLORS,
  labelName,
  needLabel,
  RESERVED_LABEL_NAMES,
  read,
  write,
  withLabels,
  type Filter,
  type FilterCriteria,
  type Label,
  type Mailbox,
  type Message,
} from "../state.ts";
import { labelIds, searchContext } from "./common.ts";

function checkLabelName(db: Mailbox, raw: string, self?: Label): string {
  const name = raw.trim().replace(/\s+/g, " ");
  check(
    !name.startsWith("/") && !name.endsWith("/") && !name.includes("//"),
    `label name "${name}" is not valid: nested labels are written Parent/Child, without empty parts (e.g. "Projects/Atlas")`,
    "invalid_argument",
  );
  const reserved = RESERVED_LABEL_NAMES.find((r) => r.toLowerCase() === name.toLowerCase());
  check(
    !reserved,
    () => `"${name}" is a system label name (${reserved}); system labels already exist and cannot be created — choose another name, e.g. "${name} (personal)"`,
    "invalid_argument",
  );
  const clash = db.labels.find((l) => l.id !== self?.id && l.name.toLowerCase() === name.toLowerCase());
  check(
    !clash,
    () => `a label named "${clash?.name}" already exists (${clash?.id}); label names are unique ignoring case — use that label or pick another name`,
    "already_exists",
  );
  return name;
}

/** Per label: messages, unread messages and threads carrying it (trash and spam count only for TRASH and SPAM). */
function labelCounts(db: Mailbox): (l: Label) => { messages_total: number; messages_unread: number; threads_total: number } {
  const acc = new Map<string, { total: number; unread: number; threads: Set<string> }>();
  for (const m of db.messages.all()) {
    const hidden = hasLabel(m, "TRASH") || hasLabel(m, "SPAM");
    for (const l of m.label_ids) {
      if (hidden && l !== "TRASH" && l !== "SPAM") continue;
      const c = acc.get(l) ?? { total: 0, unread: 0, threads: new Set<string>() };
      c.total++;
      if (hasLabel(m, "UNREAD")) c.unread++;
      c.threads.add(m.thread_id);
      acc.set(l, c);
    }
  }
  const drafts = db.drafts.all();
  return (l) => {
    if (l.id === "DRAFT") return { messages_total: drafts.length, messages_unread: 0, threads_total: new Set(drafts.map((d) => d.thread_id ?? d.id)).size };
    const c = acc.get(l.id);
    return { messages_total: c?.total ?? 0, messages_unread: c?.unread ?? 0, threads_total: c?.threads.size ?? 0 };
  };
}

const FILTER_ADDABLE = ["STARRED", "IMPORTANT"];
const FILTER_REMOVABLE = ["INBOX", "UNREAD", "IMPORTANT"];

export function filterMatches(db: Mailbox, env: CallEnv, f: Pick<Filter, "criteria">): (m: Message) => boolean {
  const c = f.criteria;
  const q = c.query ? compileQuery(c.query, searchContext(db, env)) : undefined;
  const has = (field: string, v: string | undefined) => v === undefined || field.toLowerCase().includes(v.toLowerCase());
  return (m) =>
    (c.from === undefined || has(m.from, c.from) || has(m.from_name, c.from)) &&
    (c.to === undefined || [...m.to, ...m.cc].some((a) => has(a, c.to))) &&
    has(m.subject, c.subject) &&
    (c.has_attachment === undefined || c.has_attachment === m.attachments.length > 0) &&
    (!q || q.test(m));
}

/** Runs every filter over a message that has just arrived in the inbox. */
export function applyFilters(db: Mailbox, env: CallEnv, m: Message): Message {
  let current = m;
  for (const f of db.filters.all()) {
    if (filterMatches(db, env, f)(current)) current = db.messages.update(current.id, { label_ids: withLabels(current, f.add_label_ids, f.remove_label_ids) });
  }
  return current;
}

const filterView = (db: Mailbox, f: Filter) => ({
  ...f,
  summary: `mail ${describeCriteria(f.criteria)}: ${[...f.add_label_ids.map((l) => `add ${labelName(db, l)}`), ...f.remove_label_ids.map((l) => `remove ${labelName(db, l)}`)].join(", ")}`,
});

export const labelTools = {
  list_labels: read({
    description:
      "The mailbox's labels: system labels (INBOX, SENT, DRAFT, TRASH, SPAM, STARRED, IMPORTANT, UNREAD) and the user's own (e.g. 'Receipts'), each with its id, type and how many messages, unread messages and threads carry it.",
    input: z.object({ type: z.enum(["system", "user"]).optional().describe("Only system or only user labels"), ...page }).strict(),
    discovers: "label",
    run: (db, a) => {
      const p = db.labels.page(a, { where: (l) => !a.type || l.type === a.type });
      const counts = labelCounts(db);
      return { ...p, items: p.items.map((l) => ({ ...l, ...counts(l) })) };
    },
  }),

  create_label: write({
    description:
      "Create a user label to organise mail (e.g. 'Receipts', or nested 'Projects/Atlas'). Names are unique ignoring case and may not be a system label's name. Returns the label with its id, for add_labels_to_emails.",
    input: z
      .object({
        name: z.string().trim().min(1, "a label needs a name").max(225).describe("The label's name"),
        color: z.enum(LABEL_COLORS).optional().describe("Colour shown for the label"),
      })
      .strict(),
    produces: "label",
    run: (db, a) => db.labels.create({ name: checkLabelName(db, a.name), type: "user", ...(a.color ? { color: a.color } : {}) }),
  }),

  update_label: write({
    description: "Rename or recolour one of the user's labels; messages keep it. System labels cannot be changed. Returns the label.",
    input: z
      .object({
        label_id: ref("label", "The user label (id or name)"),
        name: z.string().trim().min(1).max(225).optional().describe("New name"),
        color: z.enum(LABEL_COLORS).optional().describe("New colour"),
      })
      .strict(),
    run: (db, a) => {
      const l = needLabel(db, a.label_id);
      check(l.type === "user", `${l.id} is a system label and cannot be changed; only your own labels can be renamed or recoloured`);
      check(a.name !== undefined || a.color !== undefined, "nothing to change: give a new name, a new color, or both", "invalid_argument");
      return db.labels.update(l.id, { ...(a.name !== undefined ? { name: checkLabelName(db, a.name, l) } : {}), ...(a.color ? { color: a.color } : {}) });
    },
  }),

  delete_label: write({
    description:
      "Delete one of the user's labels; it is taken off every message (the messages themselves stay). System labels cannot be deleted, nor a label that a filter uses. Returns how many messages lost the label.",
    input: z.object({ label_id: ref("label", "The user label to delete (id or name)") }).strict(),
    destructive: true,
    run: (db, a) => {
      const l = needLabel(db, a.label_id);
      check(l.type === "user", `${l.id} is a system label and cannot be deleted; only labels you created can be (see list_labels with type "user")`);
      const users = db.filters.filter((f) => f.add_label_ids.includes(l.id) || f.remove_label_ids.includes(l.id));
      check(
        users.length === 0,
        () =>
          `label "${l.name}" is used by filter${users.length > 1 ? "s" : ""} ${users.map((f) => f.id).join(", ")}; delete ${users.length > 1 ? "them" : "it"} with delete_email_filter first`,
      );
      const tagged = db.messages.filter((m) => hasLabel(m, l.id));
      for (const m of tagged) db.messages.update(m.id, { label_ids: withLabels(m, [], [l.id]) });
      db.labels.delete(l.id);
      return { deleted: l.id, name: l.name, removed_from_messages: tagged.length };
    },
  }),

  list_email_filters: read({
    description: "The user's mail filters: which incoming mail each one matches (from, to, subject, query, attachments) and which labels it adds or removes.",
    input: z.object({ ...page }).strict(),
    discovers: "filter",
    run: (db, a) => {
      const p = db.filters.page(a);
      return { ...p, items: p.items.map((f) => filterView(db, f)) };
    },
  }),

  create_email_filter: write({
    description:
      "Create a filter that acts on matching mail as it arrives: add labels (your labels, STARRED, IMPORTANT) and/or remove INBOX (skip the inbox), UNREAD (mark as read) or IMPORTANT. " +
      "With apply_to_existing it also acts on matching messages already in the mailbox (not trash or spam). Returns the filter and how many messages it changed.",
    input: z
      .object({
        from: z.string().trim().min(1).max(200).optional().describe("Sender address or name contains this, e.g. 'newsletter@' or 'Maya'"),
        to: z.string().trim().min(1).max(200).optional().describe("A To or Cc address contains this"),
        subject: z.string().trim().min(1).max(200).optional().describe("Subject contains this"),
        query: z.string().trim().min(1).max(500).optional().describe("Gmail search query the message must match, as in search_emails"),
        has_attachment: z.boolean().optional().describe("true: only mail with attachments; false: only mail without"),
        add_label_ids: labelIds("Labels to add: your labels (id or name), STARRED or IMPORTANT").default([]),
        remove_label_ids: labelIds("Labels to remove: INBOX (skip inbox), UNREAD (mark read) or IMPORTANT").default([]),
        apply_to_existing: z.boolean().default(false).describe("Also apply to matching messages already in the mailbox"),
      })
      .strict(),
    produces: "filter",
    run: (db, a, env) => {
      const criteria: FilterCriteria = {
        ...(a.from ? { from: a.from } : {}),
        ...(a.to ? { to: a.to } : {}),
        ...(a.subject ? { subject: a.subject } : {}),
        ...(a.query ? { query: a.query } : {}),
        ...(a.has_attachment !== undefined ? { has_attachment: a.has_attachment } : {}),
      };
      check(Object.keys(criteria).length > 0, "a filter needs at least one criterion: from, to, subject, query or has_attachment", "invalid_argument");
      const unique = (ls: Label[]) => ls.filter((l, i) => ls.findIndex((x) => x.id === l.id) === i);
      const add = unique(a.add_label_ids.map((x) => needLabel(db, x)));
      const remove = unique(a.remove_label_ids.map((x) => needLabel(db, x)));
      check(
        add.length + remove.length > 0,
        "a filter needs an action: labels to add (add_label_ids) and/or labels to remove (remove_label_ids, e.g. ['INBOX'] to skip the inbox)",
        "invalid_argument",
      );
      for (const l of add) {
        check(
          l.type === "user" || FILTER_ADDABLE.includes(l.id),
          `a filter cannot add ${l.id}; it can add your own labels, STARRED or IMPORTANT`,
          "invalid_argument",
        );
      }
      for (const l of remove) {
        check(
          FILTER_REMOVABLE.includes(l.id),
          `a filter cannot remove ${l.type === "user" ? `"${l.name}"` : l.id}; it can remove INBOX (skip the inbox), UNREAD (mark as read) or IMPORTANT`,
          "invalid_argument",
        );
      }
      const both = add.find((l) => remove.some((r) => r.id === l.id));
      if (both) fail(`the filter both adds and removes ${both.name}; choose one`, "invalid_argument");
      const match = filterMatches(db, env, { criteria }); // validates the query too
      const addIds = add.map((l) => l.id).sort();
      const removeIds = remove.map((l) => l.id).sort();
      const same = db.filters.find(
        (f) =>
          JSON.stringify(f.criteria) === JSON.stringify(criteria) && f.add_label_ids.join() === addIds.join() && f.remove_label_ids.join() === removeIds.join(),
      );
      check(!same, () => `filter ${same?.id} already does exactly this; nothing to create`, "already_exists");
      const filter = db.filters.create({ criteria, add_label_ids: addIds, remove_label_ids: removeIds, created_at: env.now });
      let applied = 0;
      if (a.apply_to_existing) {
        for (const m of db.messages.filter((x) => !hasLabel(x, "TRASH") && !hasLabel(x, "SPAM") && match(x))) {
          const next = withLabels(m, addIds, removeIds);
          if (next.join() !== m.label_ids.join()) {
            db.messages.update(m.id, { label_ids: next });
            applied++;
          }
        }
      }
      return { ...filterView(db, filter), applied_to: applied };
    },
  }),

  delete_email_filter: write({
    description: "Delete a filter; messages it already labelled keep their labels. Returns the deleted filter's id.",
    input: z.object({ filter_id: ref("filter", "The filter to delete") }).strict(),
    destructive: true,
    run: (db, a) => {
      const f = db.filters.need(a.filter_id);
      db.filters.delete(f.id);
      return { deleted: f.id, summary: filterView(db, f).summary };
    },
  }),
};
