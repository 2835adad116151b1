import { defineDomain } from "../framework/index.ts";
import { seedEmail } from "./seed.ts";
import { needDraft, needLabel, tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "email",
  title: "Email",
  description:
    "The user's mailbox, modelled on Gmail: six weeks of mail in threads (project conversations, meeting requests, calendar invitations, receipts, travel confirmations, newsletters, personal mail, a little spam), " +
    "system and user labels, drafts, attachments and filters. Search uses Gmail's operators (from:, label:, is:unread, has:attachment, after:, newer_than:…).",
  tables,
  seed: seedEmail,
  tools,
  // Labels by id or by name, as every label parameter takes them; a sent draft says where it went.
  resolve: { label: needLabel, draft: needDraft },
});
