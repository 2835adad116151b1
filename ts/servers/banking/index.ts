import { defineDomain } from "../framework/index.ts";
import { seedBanking } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "banking",
  title: "Banking",
  description:
    "The user's accounts at a retail bank: checking, savings and a credit card, with three months of transactions, saved payees, scheduled payments, cards and monthly statements.",
  tables,
  seed: seedBanking,
  tools,
});
