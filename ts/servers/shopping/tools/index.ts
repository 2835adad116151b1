/** Every shopping tool, by resource: catalog, cart and coupons, account, orders and returns. */
import { accountTools } from "./account.ts";
import { cartTools } from "./cart.ts";
import { catalogTools } from "./catalog.ts";
import { orderTools } from "./orders.ts";

export const tools = { ...catalogTools, ...cartTools, ...accountTools, ...orderTools };
