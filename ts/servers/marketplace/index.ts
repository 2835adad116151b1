import { defineDomain } from "../framework/index.ts";
import { seedMarketplace } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools/index.ts";

export default defineDomain({
  name: "marketplace",
  title: "Auction marketplace",
  description:
    "An eBay-like marketplace where the user both buys and sells: about 100 listings from members of the shared world (auctions with bid histories, reserves and Buy It Now, and fixed-price listings) across 11 categories, the user's bids, watchlist, own listings and sales, purchases from won auctions and Buy It Now, messages between buyers and sellers, and feedback.",
  tables,
  seed: seedMarketplace,
  tools,
});
