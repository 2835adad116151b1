import { defineDomain } from "../framework/index.ts";
import { seedTrading } from "./seed.ts";
import { needInstrument, needPosition } from "./orders.ts";
import { tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "trading",
  title: "Trading",
  description:
    "The user's cash brokerage account at an online broker (Alpaca-like): about 50 US stocks and ETFs whose quotes move with the session's clock, market hours with pre-market and after-hours sessions, positions, market/limit/stop orders, fills and watchlists.",
  tables,
  seed: seedTrading,
  tools,
  // Symbols in any case.
  resolve: { instrument: needInstrument, position: needPosition },
});
