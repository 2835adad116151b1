import { defineDomain } from "../framework/index.ts";
import { seedPayments } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "payments",
  title: "Payments",
  description:
    "The payments account (Stripe-like) of the small business the user works for: customers and their saved cards, charges and refunds, invoices from draft to paid, webhook endpoints, and the event log with its deliveries. Amounts are decimal with cents.",
  tables,
  seed: seedPayments,
  tools,
});
