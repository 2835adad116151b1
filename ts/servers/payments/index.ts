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
  // A deleted customer's charges and invoices, and a deleted endpoint's deliveries, stay in the log and can still be listed by its id.
  resolve: {
    customer: (db, id) => db.customers.get(id) ?? db.charges.find((c) => c.customer_id === id) ?? db.invoices.find((i) => i.customer_id === id),
    webhook_endpoint: (db, id) => db.webhook_endpoints.get(id) ?? db.webhook_deliveries.find((d) => d.endpoint_id === id),
  },
});
