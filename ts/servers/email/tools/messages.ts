/**
 * Reading the mailbox (list, search, get, threads) and changing the state of messages: read /
 * unread, star, labels, archive, trash, spam, permanent deletion.
 *
 * Rules:
 * - SENT and DRAFT are never set by hand; TRASH and SPAM only through their own tools;
 * - a message already in the trash cannot be trashed again (restore it with untrash_email);
 *   only trashed messages can be untrashed; only messages in TRASH or SPAM can be deleted for good;
 * - a message the user sent cannot be reported as spam; only spam can be marked not-spam.
 */
import { ascending, check, page, paginate, ref, z } from "../../framework/index.ts";
import { fullMessage, hasLabel, labelName, read, summary, withLabels, write, type Mailbox, type Message } from "../state.ts";
import { labelIds, manualLabel, matchingMessages, messageId, messageIds, threadMessages } from "./common.ts";

const queryParam = z
  .string()
  .max(500)
  .describe(
    "Gmail search query, e.g. 'from:maya is:unread', 'from:(theo OR isla) has:attachment', 'subject:\"budget\" -label:receipts', 'newer_than:7d -in:sent'. " +
      "Operators: from: to: cc: bcc: deliveredto: subject: label: filename: in: is: has: after: before: newer: older: newer_than: older_than: larger: smaller: size:; " +
      'a b (both), a AND b, a OR b (OR binds tighter), {a b} (either), (groups), -term, "phrase", +word (whole word), a AROUND 5 b',
  );

/** Applies a label change to several messages; returns how many changed and their summaries. */
function relabel(db: Mailbox, ids: readonly string[], add: readonly string[], remove: readonly string[]) {
  const unique = [...new Set(ids)];
  const messages = unique.map((id) => db.messages.need(id));
  let changed = 0;
  const out = messages.map((m) => {
    const next = withLabels(m, add, remove);
    if (next.length === m.label_ids.length && next.every((l) => m.label_ids.includes(l))) return summary(db, m);
    changed++;
    return summary(db, db.messages.update(m.id, { label_ids: next }));
  });
  return { changed, unchanged: messages.length - changed, messages: out };
}

const where = (m: Message) => (hasLabel(m, "TRASH") ? "the trash" : hasLabel(m, "SPAM") ? "spam" : hasLabel(m, "INBOX") ? "the inbox" : "All Mail (archived)");

export const messageTools = {
  list_emails: read({
    description:
      "List messages in the mailbox, newest first, optionally only those carrying some labels (ids or names, e.g. ['INBOX','UNREAD'] or ['Receipts']) and matching a Gmail search query. " +
      "Trash and spam are left out unless include_spam_trash is true or asked for by label. Returns summaries (sender, subject, snippet, date, labels); call get_email for the body.",
    input: z
      .object({
        label_ids: labelIds("Only messages that carry all of these labels (label ids or names)").optional(),
        query: queryParam.optional(),
        include_spam_trash: z.boolean().default(false).describe("Also list messages in TRASH and SPAM"),
        ...page,
      })
      .strict(),
    discovers: "message",
    run: (db, a, env) => {
      const p = paginate(matchingMessages(db, env, a), a);
      return { ...p, items: p.items.map((m) => summary(db, m)) };
    },
  }),

  search_emails: read({
    description:
      "Search the mailbox with Gmail search syntax, newest first: from:, to:, cc:, bcc:, subject:, label:, filename:, in:inbox|sent|trash|spam|anywhere, is:unread|read|starred|important, " +
      'has:attachment|userlabels|nouserlabels, after:YYYY/MM/DD, before:YYYY/MM/DD, newer_than:7d, older_than:1m, larger:5M, plain words, "quoted phrases", +word, -term to exclude, ' +
      "AND, OR, {a b}, op:(a OR b), parentheses and a AROUND n b. Returns message summaries.",
    input: z.object({ query: queryParam.pipe(z.string().trim().min(1, "the query must not be empty; use list_emails to list everything")), ...page }).strict(),
    discovers: "message",
    run: (db, a, env) => {
      const p = paginate(matchingMessages(db, env, { query: a.query }), a);
      return { ...p, items: p.items.map((m) => summary(db, m)) };
    },
  }),

  get_email: read({
    description:
      "One message in full: sender, recipients, subject, body, date, labels, attachments (file name, type, size) and the message it replies to. Does not mark it as read.",
    input: z.object({ message_id: messageId("The message") }).strict(),
    run: (db, a) => fullMessage(db, db.messages.need(a.message_id)),
  }),

  list_threads: read({
    description:
      "List conversations (threads), most recent activity first, optionally only those with a message carrying the labels or matching the Gmail search query. " +
      "Returns per thread: subject, participants, message count, unread count, labels, last message date and snippet.",
    input: z
      .object({
        label_ids: labelIds("Only threads with a message carrying all of these labels (ids or names)").optional(),
        query: queryParam.optional(),
        include_spam_trash: z.boolean().default(false).describe("Also consider messages in TRASH and SPAM"),
        ...page,
      })
      .strict(),
    discovers: "thread",
    run: (db, a, env) => {
      const hits = matchingMessages(db, env, a);
      const hitIds = new Set(hits.map((m) => m.id));
      const p = paginate([...new Set(hits.map((m) => m.thread_id))], a);
      const shown = new Set(p.items);
      const byThread = new Map<string, Message[]>();
      for (const m of db.messages.all()) if (shown.has(m.thread_id)) byThread.set(m.thread_id, [...(byThread.get(m.thread_id) ?? []), m]);
      return {
        ...p,
        items: p.items.map((id) => {
          const thread = db.threads.need(id);
          const msgs = (byThread.get(id) ?? [])
            .sort((x, y) => ascending("date")(x, y) || ascending("id")(x, y))
            .filter((m) => a.include_spam_trash || !(hasLabel(m, "TRASH") || hasLabel(m, "SPAM")) || hitIds.has(m.id));
          const last = msgs[msgs.length - 1];
          const labels = [...new Set(msgs.flatMap((m) => m.label_ids))];
          return {
            id,
            subject: thread.subject,
            message_count: msgs.length,
            unread_count: msgs.filter((m) => hasLabel(m, "UNREAD")).length,
            participants: [...new Set(msgs.map((m) => m.from_name))],
            label_ids: labels,
            labels: labels.map((l) => labelName(db, l)),
            last_message_date: last?.date,
            snippet: last ? summary(db, last).snippet : "",
            has_attachments: msgs.some((m) => m.attachments.length > 0),
          };
        }),
      };
    },
  }),

  get_thread: read({
    description:
      "A whole conversation: every message of the thread in full, oldest first (including any in the trash, marked by their labels), plus drafts that answer it.",
    input: z.object({ thread_id: ref("thread", "The conversation") }).strict(),
    run: (db, a) => {
      const t = db.threads.need(a.thread_id);
      const messages = threadMessages(db, t.id).map((m) => fullMessage(db, m));
      return { id: t.id, subject: t.subject, message_count: messages.length, messages, drafts: db.drafts.filter((d) => d.thread_id === t.id).map((d) => d.id) };
    },
  }),

  add_labels_to_emails: write({
    description:
      "Put labels on one or more messages (like Gmail's modify): your own labels (by id or name) and INBOX, UNREAD, STARRED or IMPORTANT. Labels already present are kept. Returns the updated messages.",
    input: z
      .object({
        message_ids: messageIds("Messages to label"),
        label_ids: labelIds("Labels to add (ids such as 'Label_1003' or names such as 'Receipts')").min(1, "name at least one label"),
      })
      .strict(),
    run: (db, a) => {
      const add = a.label_ids.map((l) => manualLabel(db, l, "add").id);
      return { added: add, ...relabel(db, a.message_ids, add, []) };
    },
  }),

  remove_labels_from_emails: write({
    description:
      "Take labels off one or more messages: your own labels and INBOX (archive), UNREAD (mark read), STARRED or IMPORTANT. Labels a message does not carry are ignored. Returns the updated messages.",
    input: z
      .object({ message_ids: messageIds("Messages to change"), label_ids: labelIds("Labels to remove (ids or names)").min(1, "name at least one label") })
      .strict(),
    run: (db, a) => {
      const remove = a.label_ids.map((l) => manualLabel(db, l, "remove").id);
      return { removed: remove, ...relabel(db, a.message_ids, [], remove) };
    },
  }),

  mark_emails_as_read: write({
    description: "Mark messages as read (removes UNREAD). Returns how many changed and the updated messages.",
    input: z.object({ message_ids: messageIds("Messages to mark as read") }).strict(),
    run: (db, a) => relabel(db, a.message_ids, [], ["UNREAD"]),
  }),

  mark_emails_as_unread: write({
    description: "Mark messages as unread (adds UNREAD) so they stand out again. Returns how many changed and the updated messages.",
    input: z.object({ message_ids: messageIds("Messages to mark as unread") }).strict(),
    run: (db, a) => relabel(db, a.message_ids, ["UNREAD"], []),
  }),

  star_emails: write({
    description: "Star messages (adds STARRED). Returns how many changed and the updated messages.",
    input: z.object({ message_ids: messageIds("Messages to star") }).strict(),
    run: (db, a) => relabel(db, a.message_ids, ["STARRED"], []),
  }),

  unstar_emails: write({
    description: "Remove the star from messages (removes STARRED). Returns how many changed and the updated messages.",
    input: z.object({ message_ids: messageIds("Messages to unstar") }).strict(),
    run: (db, a) => relabel(db, a.message_ids, [], ["STARRED"]),
  }),

  archive_emails: write({
    description:
      "Archive messages: take them out of the inbox (removes INBOX) without deleting them; they stay searchable and keep their other labels. Returns how many changed and the updated messages.",
    input: z.object({ message_ids: messageIds("Messages to archive") }).strict(),
    run: (db, a) => relabel(db, a.message_ids, [], ["INBOX"]),
  }),

  trash_email: write({
    description:
      "Move a message to the trash (adds TRASH). It disappears from lists and searches unless in:trash is asked for, and can be restored with untrash_email until the trash is emptied.",
    input: z.object({ message_id: messageId("The message to trash") }).strict(),
    destructive: true,
    run: (db, a) => {
      const m = db.messages.need(a.message_id);
      check(
        !hasLabel(m, "TRASH"),
        `message ${m.id} ("${m.subject}") is already in the trash; restore it with untrash_email, or delete it for good with delete_email_permanently`,
      );
      return summary(db, db.messages.update(m.id, { label_ids: withLabels(m, ["TRASH"], ["SPAM"]) }));
    },
  }),

  untrash_email: write({
    description: "Restore a message from the trash to where it was (removes TRASH; a message that was in the inbox is back in the inbox).",
    input: z.object({ message_id: messageId("The trashed message") }).strict(),
    run: (db, a) => {
      const m = db.messages.need(a.message_id);
      check(
        hasLabel(m, "TRASH"),
        `message ${m.id} ("${m.subject}") is not in the trash (it is in ${where(m)}); only trashed messages can be restored — find them with search_emails query 'in:trash'`,
      );
      return summary(db, db.messages.update(m.id, { label_ids: withLabels(m, [], ["TRASH"]) }));
    },
  }),

  delete_email_permanently: write({
    description:
      "Delete a message for good; this cannot be undone. Only messages in the trash or in spam can be deleted — trash others first with trash_email.",
    input: z.object({ message_id: messageId("The message to delete (must be in TRASH or SPAM)") }).strict(),
    destructive: true,
    run: (db, a) => {
      const m = db.messages.need(a.message_id);
      check(
        hasLabel(m, "TRASH") || hasLabel(m, "SPAM"),
        `message ${m.id} ("${m.subject}") is in ${where(m)}; only messages in the trash or in spam can be deleted for good — move it to the trash with trash_email first`,
      );
      db.messages.delete(m.id);
      dropEmptyThread(db, m.thread_id);
      return { deleted: m.id, subject: m.subject };
    },
  }),

  empty_email_trash: write({
    description:
      "Delete every message in the trash for good; this cannot be undone. Returns how many were deleted and their ids. An empty trash is not an error.",
    input: z.object({}).strict(),
    uses: ["message"],
    destructive: true,
    run: (db) => {
      const trashed = db.messages.filter((m) => hasLabel(m, "TRASH"));
      for (const m of trashed) db.messages.delete(m.id);
      for (const t of new Set(trashed.map((m) => m.thread_id))) dropEmptyThread(db, t);
      return { deleted: trashed.length, message_ids: trashed.slice(0, 100).map((m) => m.id) };
    },
  }),

  mark_email_as_spam: write({
    description: "Report a message as spam: it moves to SPAM and leaves the inbox. Messages you sent cannot be reported.",
    input: z.object({ message_id: messageId("The unwanted message") }).strict(),
    run: (db, a, env) => {
      const m = db.messages.need(a.message_id);
      check(!hasLabel(m, "SPAM"), `message ${m.id} is already in spam; to keep it, use mark_email_as_not_spam`);
      check(
        m.from !== env.world.user.email,
        `message ${m.id} was sent by you (${m.from}); only mail from others can be reported as spam — use trash_email to remove it`,
      );
      return summary(db, db.messages.update(m.id, { label_ids: withLabels(m, ["SPAM"], ["INBOX", "TRASH", "STARRED", "IMPORTANT"]) }));
    },
  }),

  mark_email_as_not_spam: write({
    description: "Rescue a message from spam: it leaves SPAM and goes back to the inbox.",
    input: z.object({ message_id: messageId("The message in spam") }).strict(),
    run: (db, a) => {
      const m = db.messages.need(a.message_id);
      check(hasLabel(m, "SPAM"), `message ${m.id} ("${m.subject}") is not in spam (it is in ${where(m)}); find spam with search_emails query 'in:spam'`);
      return summary(db, db.messages.update(m.id, { label_ids: withLabels(m, ["INBOX"], ["SPAM"]) }));
    },
  }),
};

/** A thread with no messages left and no draft answering it goes away with its last message. */
export function dropEmptyThread(db: Mailbox, threadId: string): void {
  if (!db.threads.has(threadId)) return;
  if (db.messages.count((m) => m.thread_id === threadId) === 0 && db.drafts.count((d) => d.thread_id === threadId) === 0) db.threads.delete(threadId);
}
