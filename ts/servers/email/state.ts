/**
 * Email state: the user's mailbox, shaped after the Gmail API. Messages carry label ids (system
 * labels such as INBOX, UNREAD, STARRED, TRASH and the user's own labels), belong to threads
 * (conversations), and may carry attachments (metadata only). Drafts are kept apart until they
 * are sent; filters label mail that matches their criteria.
 */
import { check, fail, table, toolkit, z, type Db } from "../framework/index.ts";

export const SYSTEM_LABELS = ["INBOX", "SENT", "DRAFT", "TRASH", "SPAM", "STARRED", "IMPORTANT", "UNREAD"] as const;

/** Names Gmail reserves besides the system labels: a user label may not take any of them. */
export const RESERVED_LABEL_NAMES = [
  ...SYSTEM_LABELS,
  "CHAT",
  "ALL MAIL",
  "SNOOZED",
  "SCHEDULED",
  "OUTBOX",
  "CATEGORY_PERSONAL",
  "CATEGORY_SOCIAL",
  "CATEGORY_PROMOTIONS",
  "CATEGORY_UPDATES",
  "CATEGORY_FORUMS",
];

/** Gmail's limit on one message: body plus attachments. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export const Attachment = z.object({
  filename: z.string().min(1).max(255),
  mime_type: z.string().min(3).max(100),
  size_bytes: z.number().int().min(0),
});
export type Attachment = z.output<typeof Attachment>;

export const Message = z.object({
  id: z.string(),
  thread_id: z.string(),
  /** Sender's address (lower case). */
  from: z.string(),
  from_name: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  /** Only on messages the user sent. */
  bcc: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  /** When it was sent or received. */
  date: z.string(),
  label_ids: z.array(z.string()),
  attachments: z.array(Attachment),
  /** The message this one answers (the In-Reply-To header). */
  in_reply_to: z.string().optional(),
  /** The draft this message was sent from, if any. */
  sent_from_draft_id: z.string().optional(),
});
export type Message = z.output<typeof Message>;

export const Thread = z.object({
  id: z.string(),
  /** Subject of the message that started the conversation. */
  subject: z.string(),
});
export type Thread = z.output<typeof Thread>;

export const Draft = z.object({
  id: z.string(),
  /** Set when the draft answers a message: it will be sent into that message's thread. */
  thread_id: z.string().optional(),
  in_reply_to: z.string().optional(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  attachments: z.array(Attachment),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Draft = z.output<typeof Draft>;

export const LABEL_COLORS = ["gray", "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink", "brown"] as const;

export const Label = z.object({
  /** System labels use their name as id ("INBOX"); user labels look like "Label_1003". */
  id: z.string(),
  name: z.string(),
  type: z.enum(["system", "user"]),
  color: z.enum(LABEL_COLORS).optional(),
});
export type Label = z.output<typeof Label>;

export const FilterCriteria = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  subject: z.string().optional(),
  /** A search query in the syntax of search_emails. */
  query: z.string().optional(),
  has_attachment: z.boolean().optional(),
});
export type FilterCriteria = z.output<typeof FilterCriteria>;

export const Filter = z.object({
  id: z.string(),
  criteria: FilterCriteria,
  add_label_ids: z.array(z.string()),
  remove_label_ids: z.array(z.string()),
  created_at: z.string(),
});
export type Filter = z.output<typeof Filter>;

export const tables = {
  messages: table("message", Message, {
    idPrefix: "MSG-",
    idDigits: 5,
    describe: (m) =>
      m.label_ids.includes("SENT")
        ? `the email "${m.subject || "(no subject)"}" you sent to ${m.to[0] ?? m.cc[0] ?? m.bcc[0] ?? "yourself"} on ${m.date.slice(0, 10)}`
        : `the email "${m.subject || "(no subject)"}" from ${m.from_name} on ${m.date.slice(0, 10)}`,
  }),
  threads: table("thread", Thread, { idPrefix: "THR-", describe: (t) => `the conversation "${t.subject || "(no subject)"}"` }),
  drafts: table("draft", Draft, {
    idPrefix: "DRAFT-",
    describe: (d) => `the draft "${d.subject || "(no subject)"}"${d.to.length ? ` to ${d.to.join(", ")}` : " with no recipient yet"}`,
  }),
  labels: table("label", Label, {
    idPrefix: "Label_",
    describe: (l) => (l.type === "system" ? `the ${l.name} system label` : `the label "${l.name}"`),
  }),
  filters: table("filter", Filter, {
    idPrefix: "FLT-",
    describe: (f) => `the filter for mail ${describeCriteria(f.criteria)}`,
  }),
};

export const { read, write } = toolkit(tables);
export type Mailbox = Db<typeof tables>;

export function describeCriteria(c: FilterCriteria): string {
  const parts = [
    c.from ? `from ${c.from}` : "",
    c.to ? `to ${c.to}` : "",
    c.subject ? `with "${c.subject}" in the subject` : "",
    c.query ? `matching "${c.query}"` : "",
    c.has_attachment ? "with attachments" : "",
  ].filter(Boolean);
  return parts.join(", ") || "of any kind";
}

/** Gmail's search form of a label name: lower case, spaces and slashes as dashes ("project-atlas"). */
export function labelSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s/_-]+/g, "-");
}

/** A label by id, or by name (case-insensitive, also in its search form): models often pass names. */
export function findLabel(db: Mailbox, idOrName: string): Label | undefined {
  const byId = db.labels.get(idOrName) ?? db.labels.get(idOrName.trim().toUpperCase());
  if (byId) return byId;
  const slug = labelSlug(idOrName);
  return db.labels.find((l) => l.name.toLowerCase() === idOrName.trim().toLowerCase()) ?? db.labels.find((l) => labelSlug(l.name) === slug);
}

export function needLabel(db: Mailbox, idOrName: string): Label {
  const l = findLabel(db, idOrName);
  if (l) return l;
  const names = db.labels.all().map((x) => (x.type === "system" ? x.id : `${x.name} (${x.id})`));
  return fail(
    `label '${idOrName.slice(0, 60)}' not found; existing labels: ${names.join(", ")}. Call list_labels to see them, or create_label to make a new one`,
    "not_found",
  );
}

/** Why a draft id is unknown: drafts disappear when sent, so say so if this one was. */
export function needDraft(db: Mailbox, id: string): Draft {
  const d = db.drafts.get(id);
  if (d) return d;
  const sent = db.messages.find((m) => m.sent_from_draft_id === id);
  if (sent)
    fail(
      `draft ${id} was already sent as message ${sent.id} on ${sent.date} and no longer exists; a draft can be sent only once — to send the same text again use forward_email or send_email`,
    );
  return db.drafts.need(id);
}

export function labelName(db: Mailbox, id: string): string {
  return db.labels.get(id)?.name ?? id;
}

export const hasLabel = (m: Message, id: string) => m.label_ids.includes(id);

export function withLabels(m: Message, add: readonly string[], remove: readonly string[]): string[] {
  const out = m.label_ids.filter((l) => !remove.includes(l));
  for (const l of add) if (!out.includes(l)) out.push(l);
  return out;
}

/** Size of a message as Gmail counts it toward the 25 MB limit: body plus attachments. */
export function messageBytes(body: string, attachments: readonly Attachment[]): number {
  return Buffer.byteLength(body) + attachments.reduce((s, a) => s + a.size_bytes, 0);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export function checkSize(body: string, attachments: readonly Attachment[]): void {
  const size = messageBytes(body, attachments);
  check(
    size <= MAX_MESSAGE_BYTES,
    () =>
      `the message would be ${formatBytes(size)}, over the 25 MB limit per message (attachments: ${attachments.map((a) => `${a.filename} ${formatBytes(a.size_bytes)}`).join(", ")}); ` +
      `remove attachments until they total at most ${formatBytes(Math.max(0, MAX_MESSAGE_BYTES - Buffer.byteLength(body)))}, or share large files by link`,
    "limit_exceeded",
  );
}

export function snippet(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > 140 ? `${flat.slice(0, 137)}...` : flat;
}

/** What list tools show of a message: everything but the full body. */
export function summary(db: Mailbox, m: Message) {
  return {
    id: m.id,
    thread_id: m.thread_id,
    from: `${m.from_name} <${m.from}>`,
    to: m.to,
    ...(m.cc.length ? { cc: m.cc } : {}),
    subject: m.subject,
    snippet: snippet(m.body),
    date: m.date,
    label_ids: m.label_ids,
    labels: m.label_ids.map((id) => labelName(db, id)),
    is_unread: hasLabel(m, "UNREAD"),
    is_starred: hasLabel(m, "STARRED"),
    attachments: m.attachments.map((a) => a.filename),
  };
}

/** get_email's view: the whole message with label names and size. */
export function fullMessage(db: Mailbox, m: Message) {
  return { ...m, labels: m.label_ids.map((id) => labelName(db, id)), size_bytes: messageBytes(m.body, m.attachments) };
}
