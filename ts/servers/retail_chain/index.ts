import { defineDomain } from "../framework/index.ts";
import { seedRetailChain } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "retail_chain",
  title: "Retail chain store operations",
  description:
    "The store network of a retail chain where the user is an operations manager: 8–15 stores in several cities with opening hours, a catalog of SKUs from six suppliers, stock per store, transfers between stores, in-store pickup holds, restock orders and the inventory adjustment log.",
  tables,
  seed: seedRetailChain,
  tools,
});
