/** The Reward service. Scoring lands with ts/reward; until then every method says so clearly. */
import * as grpc from "@grpc/grpc-js";
import { RpcError, type Guard } from "./guard.ts";

const NOT_YET = "the Reward service is not available in this build yet (programmatic rewards have not landed)";

export function rewardService(guard: Guard) {
  const unimplemented = () => {
    throw new RpcError(grpc.status.UNIMPLEMENTED, NOT_YET);
  };
  return { Score: guard.unary(unimplemented), ScoreGroup: guard.unary(unimplemented) };
}
