/**
 * Writing mail: send, reply, forward, and drafts (create, update, list, send, delete).
 *
 * Rules:
 * - nothing is sent without at least one recipient in to, cc or bcc;
 * - every address must be a valid email address (drafts included);
 * - a message with its attachments is at most 25 MB;
 * - a reply stays in the thread of the message it answers, gets a "Re:" subject and an
 *   In-Reply-To; a forward gets "Fwd:" and quotes the original;
 * - a draft is sent once: it then becomes a SENT message and the draft is gone;
 * - a draft update must change something.
 */
import { check, descending, matchesText, page, paginate, ref, z, type CallEnv } from "../../framework/index.ts";
import { applyFilters } from "./labels.ts";
import { checkSize, fullMessage, needDraft, read, snippet, write, type Attachment, type Draft, type Mailbox, type Message } from "../state.ts";
import { dropEmptyThread } from "./messages.ts";
import { addressLists, attachmentsParam, bodyParam, messageId, needRecipient, prefixed, recipients, subjectParam } from "./common.ts";

interface Outgoing {
  thread_id?: string | undefined;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  attachments: Attachment[];
  in_reply_to?: string | undefined;
  sent_from_draft_id?: string | undefined;
}

/** Sends a message from the user: a SENT message in its thread (a new thread unless given); mail to oneself also lands in the inbox. */
function deliver(db: Mailbox, env: CallEnv, o: Outgoing): Message {
  needRecipient(o, "an email");
  checkSize(o.body, o.attachments);
  const me = env.world.user.email;
  const threadId = o.thread_id && db.threads.has(o.thread_id) ? o.thread_id : db.threads.create({ subject: o.subject }).id;
  const toSelf = [...o.to, ...o.cc, ...o.bcc].includes(me);
  const m = db.messages.create({
    thread_id: threadId,
    from: me,
    from_name: env.world.user.full_name,
    to: o.to,
    cc: o.cc,
    bcc: o.bcc,
    subject: o.subject,
    body: o.body,
    date: env.now,
    label_ids: toSelf ? ["SENT", "INBOX"] : ["SENT"],
    attachments: o.attachments,
    ...(o.in_reply_to ? { in_reply_to: o.in_reply_to } : {}),
    ...(o.sent_from_draft_id ? { sent_from_draft_id: o.sent_from_draft_id } : {}),
  });
  return toSelf ? applyFilters(db, env, m) : m;
}

/** Who a reply goes to: the sender (or, when answering one's own message, its recipients); with reply_all also the other recipients. */
function replyRecipients(original: Message, me: string, replyAll: boolean): { to: string[]; cc: string[] } {
  if (original.from === me) return { to: [...original.to], cc: replyAll ? [...original.cc] : [] };
  const to = [original.from];
  const cc = replyAll ? [...new Set([...original.to, ...original.cc])].filter((a) => a !== me && a !== original.from) : [];
  return { to, cc };
}

function forwardedBody(note: string, m: Message): string {
  const header = [
    "---------- Forwarded message ---------",
    `From: ${m.from_name} <${m.from}>`,
    `Date: ${m.date}`,
    `Subject: ${m.subject}`,
    `To: ${m.to.join(", ")}`,
    ...(m.cc.length ? [`Cc: ${m.cc.join(", ")}`] : []),
  ].join("\n");
  return `${note.trim() ? `${note.trim()}\n\n` : ""}${header}\n\n${m.body}`;
}

const draftView = (d: Draft) => ({ ...d, snippet: snippet(d.body) });

export const composeTools = {
  send_email: write({
    description:
      "Send a new email from the user's address, starting a new conversation. Needs at least one recipient in to, cc or bcc; addresses may be written 'name@domain.com' or 'Name <name@domain.com>'. " +
      "Attachments are metadata (file name, MIME type, size), 25 MB per message at most. Returns the sent message (labelled SENT).",
    input: z
      .object({
        to: recipients("Main recipients' addresses"),
        cc: recipients("Copied recipients' addresses"),
        bcc: recipients("Blind-copied recipients' addresses (hidden from the others)"),
        subject: subjectParam("Subject line").default(""),
        body: bodyParam("Plain-text body"),
        attachments: attachmentsParam.default([]),
      })
      .strict(),
    produces: "message",
    run: (db, a, env) => fullMessage(db, deliver(db, env, { ...addressLists(a), subject: a.subject, body: a.body, attachments: a.attachments })),
  }),

  reply_to_email: write({
    description:
      "Reply to a message: the reply goes to its sender (reply_all adds everyone else on it, except the user), stays in the same conversation, gets a 'Re:' subject and points to the original (In-Reply-To). " +
      "Replying to a message the user sent goes to its recipients. Returns the sent reply.",
    input: z
      .object({
        message_id: messageId("The message to answer"),
        body: bodyParam("Text of the reply"),
        reply_all: z.boolean().default(false).describe("Also send to everyone else in To and Cc of the original"),
        cc: recipients("Extra addresses to copy on the reply"),
        attachments: attachmentsParam.default([]),
      })
      .strict(),
    produces: "message",
    run: (db, a, env) => {
      const original = db.messages.need(a.message_id);
      const r = replyRecipients(original, env.world.user.email, a.reply_all);
      const extra = addressLists({ cc: a.cc }).cc;
      const cc = [...new Set([...r.cc, ...extra])].filter((x) => !r.to.includes(x));
      const sent = deliver(db, env, {
        thread_id: original.thread_id,
        to: r.to,
        cc,
        bcc: [],
        subject: prefixed(original.subject, "reply"),
        body: a.body,
        attachments: a.attachments,
        in_reply_to: original.id,
      });
      return fullMessage(db, sent);
    },
  }),

  forward_email: write({
    description:
      "Forward a message to new recipients with an optional note above it; the subject gets 'Fwd:', the original's attachments come along unless include_attachments is false (25 MB limit applies). " +
      "The forward is kept in the same conversation in the user's mailbox. Returns the sent message.",
    input: z
      .object({
        message_id: messageId("The message to forward"),
        to: recipients("Addresses to forward to"),
        cc: recipients("Addresses to copy"),
        bcc: recipients("Addresses to blind-copy"),
        note: bodyParam("Text written above the forwarded message").default(""),
        include_attachments: z.boolean().default(true).describe("Send the original's attachments along"),
      })
      .strict(),
    produces: "message",
    run: (db, a, env) => {
      const original = db.messages.need(a.message_id);
      const r = addressLists(a);
      needRecipient(r, "a forward");
      const sent = deliver(db, env, {
        thread_id: original.thread_id,
        ...r,
        subject: prefixed(original.subject, "forward"),
        body: forwardedBody(a.note, original),
        attachments: a.include_attachments ? [...original.attachments] : [],
      });
      return fullMessage(db, sent);
    },
  }),

  list_drafts: read({
    description:
      "The user's unsent drafts, most recently edited first, optionally only those whose subject, body or recipients contain some text. Returns each draft in full.",
    input: z.object({ query: z.string().max(200).optional().describe("Text to look for in subject, body or recipients"), ...page }).strict(),
    discovers: "draft",
    run: (db, a) => {
      const rows = db.drafts
        .filter((d) => matchesText(a.query, d.subject, d.body, ...d.to, ...d.cc))
        .sort((x, y) => descending("updated_at")(x, y) || descending("id")(x, y));
      const p = paginate(rows, a);
      return { ...p, items: p.items.map(draftView) };
    },
  }),

  create_draft: write({
    description:
      "Save a draft to finish or send later with send_draft. Recipients may be empty for now but must be valid addresses. " +
      "With reply_to_message_id the draft answers that message: same conversation, 'Re:' subject and, unless given, addressed to its sender. Returns the draft.",
    input: z
      .object({
        to: recipients("Main recipients"),
        cc: recipients("Copied recipients"),
        bcc: recipients("Blind-copied recipients"),
        subject: subjectParam("Subject line (a reply draft defaults to 'Re: <original subject>')").optional(),
        body: bodyParam("Plain-text body").default(""),
        attachments: attachmentsParam.default([]),
        reply_to_message_id: messageId("Make this draft a reply to that message").optional(),
      })
      .strict(),
    produces: "draft",
    run: (db, a, env) => {
      const r = addressLists(a);
      checkSize(a.body, a.attachments);
      const original = a.reply_to_message_id ? db.messages.need(a.reply_to_message_id) : undefined;
      if (original && r.to.length + r.cc.length + r.bcc.length === 0) Object.assign(r, replyRecipients(original, env.world.user.email, false));
      return draftView(
        db.drafts.create({
          ...(original ? { thread_id: original.thread_id, in_reply_to: original.id } : {}),
          ...r,
          subject: a.subject ?? (original ? prefixed(original.subject, "reply") : ""),
          body: a.body,
          attachments: a.attachments,
          created_at: env.now,
          updated_at: env.now,
        }),
      );
    },
  }),

  update_draft: write({
    description:
      "Change a draft: each field given replaces the draft's current value (to, cc, bcc, subject, body, attachments); fields left out stay as they are. Returns the updated draft.",
    input: z
      .object({
        draft_id: ref("draft", "The draft to change"),
        to: z.array(z.string().trim().min(1).max(320)).max(100).optional().describe("New main recipients (replaces the list)"),
        cc: z.array(z.string().trim().min(1).max(320)).max(100).optional().describe("New copied recipients (replaces the list)"),
        bcc: z.array(z.string().trim().min(1).max(320)).max(100).optional().describe("New blind-copied recipients (replaces the list)"),
        subject: subjectParam("New subject line").optional(),
        body: bodyParam("New body (replaces the whole text)").optional(),
        attachments: attachmentsParam.optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const d = needDraft(db, a.draft_id);
      const { draft_id: _id, ...fields } = a;
      const given = Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k);
      check(given.length > 0, "nothing to change: give at least one of to, cc, bcc, subject, body, attachments", "invalid_argument");
      const r = addressLists({ to: a.to ?? d.to, cc: a.cc ?? d.cc, bcc: a.bcc ?? d.bcc });
      const body = a.body ?? d.body;
      const attachments = a.attachments ?? d.attachments;
      checkSize(body, attachments);
      return draftView(db.drafts.update(d.id, { ...r, subject: a.subject ?? d.subject, body, attachments, updated_at: env.now }));
    },
  }),

  send_draft: write({
    description:
      "Send a draft as it is. It needs at least one recipient; once sent it becomes a message labelled SENT (in its conversation when it is a reply) and the draft no longer exists. Returns the sent message.",
    input: z.object({ draft_id: ref("draft", "The draft to send") }).strict(),
    produces: "message",
    run: (db, a, env) => {
      const d = needDraft(db, a.draft_id);
      check(
        d.to.length + d.cc.length + d.bcc.length > 0,
        `draft ${d.id} ("${d.subject || "(no subject)"}") has no recipient; add one with update_draft (e.g. to: ["maya.okafor@mailbox.org"]) before sending`,
        "invalid_argument",
      );
      db.drafts.delete(d.id);
      const sent = deliver(db, env, {
        thread_id: d.thread_id,
        to: [...d.to],
        cc: [...d.cc],
        bcc: [...d.bcc],
        subject: d.subject,
        body: d.body,
        attachments: [...d.attachments],
        in_reply_to: d.in_reply_to,
        sent_from_draft_id: d.id,
      });
      return fullMessage(db, sent);
    },
  }),

  delete_draft: write({
    description: "Discard a draft for good (it is not moved to the trash). Returns the id and subject of the discarded draft.",
    input: z.object({ draft_id: ref("draft", "The draft to discard") }).strict(),
    destructive: true,
    run: (db, a) => {
      const d = needDraft(db, a.draft_id);
      db.drafts.delete(d.id);
      if (d.thread_id) dropEmptyThread(db, d.thread_id);
      return { deleted: d.id, subject: d.subject };
    },
  }),
};
