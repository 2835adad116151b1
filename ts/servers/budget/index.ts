import { defineDomain } from "../framework/index.ts";
import { seedBudget } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "budget",
  title: "Budget",
  description:
    "The user's personal budget (YNAB-like): categories in groups with monthly limits, three months of expenses and income with payees, recurring items (salary, rent, bills, subscriptions) that post as the clock reaches them, and month and category summaries that warn when a limit is exceeded.",
  tables,
  seed: seedBudget,
  tools,
});
