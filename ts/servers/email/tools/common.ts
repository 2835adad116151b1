/** Pieces the email tools share: search over the mailbox, recipients, and message/label refs. */
import { ascending, check, descending, emailAddresses, emailList, fail, ref, refs, text, z, type CallEnv } from "../../framework/index.ts";
import { compileQuery, type SearchContext } from "../search.ts";
import { Attachment, findLabel, hasLabel, needLabel, type Label, type Mailbox, type Message } from "../state.ts";

export const messageId = (d: string) => ref("message", d);
export const messageIds = (d: string) => refs("message", d, { max: 100 }).min(1, "name at least one message");
export const labelIds = (d: string) => refs("label", d, { max: 20 });

export const recipients = (d: string) => emailList(d).default([]);
export const subjectParam = (d: string) => text(d, 998);
export const bodyParam = (d: string) => text(d, 50_000);
export const attachmentsParam = z
  .array(
    Attachment.extend({
      filename: z.string().trim().min(1).max(255).describe("File name, e.g. 'Q3-report.pdf'"),
      mime_type: z.string().max(100).describe("MIME type, e.g. 'application/pdf'"),
      size_bytes: z.number().int().min(0).max(1e9).describe("Size in bytes"),
    }).strict(),
  )
  .max(20)
  .describe("Files to attach (metadata: file name, MIME type, size in bytes); at most 25 MB per message in all");

export function searchContext(db: Mailbox, env: CallEnv): SearchContext {
  return {
    now: env.now,
    me: env.world.user.email,
    findLabel: (x) => findLabel(db, x),
    labelNames: () => db.labels.all().map((l) => (l.type === "system" ? l.id.toLowerCase() : l.name)),
  };
}

export interface MessageFilter {
  label_ids?: readonly string[] | undefined;
  query?: string | undefined;
  include_spam_trash?: boolean | undefined;
}

/** Messages matching labels and a search query, newest first; TRASH and SPAM only when asked for. */
export function matchingMessages(db: Mailbox, env: CallEnv, f: MessageFilter): Message[] {
  const labels = (f.label_ids ?? []).map((l) => needLabel(db, l).id);
  const q = f.query?.trim() ? compileQuery(f.query, searchContext(db, env)) : undefined;
  const wantsSpamTrash = f.include_spam_trash || labels.includes("TRASH") || labels.includes("SPAM") || q?.includesSpamTrash;
  return db.messages
    .filter((m) => (wantsSpamTrash || (!hasLabel(m, "TRASH") && !hasLabel(m, "SPAM"))) && labels.every((l) => hasLabel(m, l)) && (!q || q.test(m)))
    .sort((a, b) => descending("date")(a, b) || descending("id")(a, b));
}

export function threadMessages(db: Mailbox, threadId: string): Message[] {
  return db.messages.filter((m) => m.thread_id === threadId).sort((a, b) => ascending("date")(a, b) || ascending("id")(a, b));
}

/** Validated, bare recipient lists. */
export function addressLists(lists: { to?: readonly string[] | undefined; cc?: readonly string[] | undefined; bcc?: readonly string[] | undefined }) {
  const out = { to: [] as string[], cc: [] as string[], bcc: [] as string[] };
  for (const role of ["to", "cc", "bcc"] as const) out[role] = emailAddresses(lists[role] ?? [], role);
  return out;
}

export function needRecipient(r: { to: readonly string[]; cc: readonly string[]; bcc: readonly string[] }, what: string): void {
  check(
    r.to.length + r.cc.length + r.bcc.length > 0,
    `${what} needs at least one recipient: give an address in to, cc or bcc, e.g. to: ["maya.okafor@mailbox.org"]`,
    "invalid_argument",
  );
}

/** Labels a user may put on or take off a message by hand (add/remove tools, filters). */
export function manualLabel(db: Mailbox, idOrName: string, verb: "add" | "remove"): Label {
  const l = needLabel(db, idOrName);
  const dedicated: Record<string, string> = {
    SENT: "SENT is set only by sending a message",
    DRAFT: "DRAFT marks drafts, which are managed with create_draft, send_draft and delete_draft",
    TRASH: verb === "add" ? "move messages to the trash with trash_email" : "take messages out of the trash with untrash_email",
    SPAM: verb === "add" ? "report spam with mark_email_as_spam" : "rescue a message from spam with mark_email_as_not_spam",
  };
  const why = dedicated[l.id];
  if (why)
    fail(
      `the ${l.id} label cannot be ${verb === "add" ? "added" : "removed"} by hand: ${why}. Labels you can ${verb}: INBOX, UNREAD, STARRED, IMPORTANT and your own labels`,
      "invalid_argument",
    );
  return l;
}

export const SUBJECT_PREFIX = { reply: "Re: ", forward: "Fwd: " } as const;

export function prefixed(subject: string, kind: keyof typeof SUBJECT_PREFIX): string {
  const p = SUBJECT_PREFIX[kind];
  const head = subject
    .trimStart()
    .slice(0, p.length - 1)
    .toLowerCase();
  const already = kind === "reply" ? head === "re:" : head === "fwd:" || subject.trimStart().slice(0, 3).toLowerCase() === "fw:";
  return already ? subject : `${p}${subject}`;
}
