/** The Tasks service. Synthesis lands with ts/synth; until then every method says so clearly. */
import * as grpc from "@grpc/grpc-js";
import type { Task } from "../tasks/schema.ts";
import { RpcError, type Guard } from "./guard.ts";

/** Where the services find tasks by id (a loaded tasks.jsonl). */
export interface TaskSource {
  /** The task, or a NOT_FOUND RpcError. */
  get(id: string): Task;
}

const NOT_YET = "the Tasks service is not available in this build yet (task synthesis has not landed)";

export function tasksService(guard: Guard) {
  const unimplemented = () => {
    throw new RpcError(grpc.status.UNIMPLEMENTED, NOT_YET);
  };
  return {
    ListTasks: guard.unary(unimplemented),
    GetTask: guard.unary(unimplemented),
    Synthesize: guard.serverStream(async () => unimplemented()),
  };
}
