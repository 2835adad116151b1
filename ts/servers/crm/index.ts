import { defineDomain } from "../framework/index.ts";
import { seedCrm } from "./seed.ts";
import { needOwner, tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "crm",
  title: "CRM",
  description:
    "The user's sales CRM (HubSpot/Salesforce-like): the user and their colleagues own leads, contacts, companies and deals in a pipeline (appointment scheduled → qualified → proposal → negotiation → closed won/lost), with logged calls, emails, meetings, follow-up tasks and notes.",
  tables,
  seed: seedCrm,
  tools,
  resolve: { owner: needOwner },
});
