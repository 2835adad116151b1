/** Every marketplace tool: browsing and buying, selling, purchases, members and messages. */
import { buyingTools } from "./buying.ts";
import { communityTools } from "./community.ts";
import { listingTools } from "./listings.ts";
import { sellingTools } from "./selling.ts";

export const tools = { ...listingTools, ...sellingTools, ...buyingTools, ...communityTools };
