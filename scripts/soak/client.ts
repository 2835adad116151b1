/**
 * The soak's view of a `prove serve` process: promise calls on a few channels, every answer
 * tallied (status codes as errors, INTERNAL/UNKNOWN as crashes), the load limit waited out as
 * its retry hint asks.
 */
import * as grpc from "@grpc/grpc-js";
import { CHANNEL_OPTIONS } from "../../ts/rpc/client.ts";
import { loadProto } from "../../ts/rpc/proto.ts";
import type { Tally } from "./report.ts";

export type Service = "Environment" | "Reward" | "Tasks";
export type Answer = { ok: true; res: any } | { ok: false; code: grpc.status; details: string };

/** Codes that mean a bug of ours rather than a bad request. */
export const OUR_FAULT = new Set([grpc.status.INTERNAL, grpc.status.UNKNOWN]);

const CHANNELS = 4;
/** Tries of a call the load or session limit refused, before its refusal is the answer. */
const MAX_ATTEMPTS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SoakClient {
  private readonly clients: Array<Record<Service, grpc.Client>>;
  private turn = 0;

  constructor(
    target: string,
    readonly tally: Tally,
  ) {
    const { services } = loadProto();
    // Separate subchannel pools: a few HTTP/2 connections, as several trainers would open.
    const make = (C: grpc.ServiceClientConstructor) =>
      new C(target, grpc.credentials.createInsecure(), {
        ...CHANNEL_OPTIONS,
        "grpc.use_local_subchannel_pool": 1,
        "grpc.max_receive_message_length": 64 * 2 ** 20,
      });
    this.clients = Array.from({ length: CHANNELS }, () => ({
      Environment: make(services.Environment),
      Reward: make(services.Reward),
      Tasks: make(services.Tasks),
    }));
  }

  client(service: Service): grpc.Client {
    return this.clients[this.turn++ % CHANNELS]![service];
  }

  /** One unary call; a status is an answer, not an exception. The load limit is retried. */
  async call(service: Service, method: string, request: object): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      const answer = await new Promise<Answer & { retryMs?: number }>((resolve) => {
        (this.client(service) as any)[method](request, (err: grpc.ServiceError | null, res: unknown) => {
          if (!err) return resolve({ ok: true, res });
          const hint = Number(err.metadata?.get("retry-after-ms")[0]);
          resolve({ ok: false, code: err.code, details: err.details, ...(Number.isFinite(hint) && hint > 0 ? { retryMs: hint } : {}) });
        });
      });
      if (!answer.ok) {
        this.tally.error(`grpc:${grpc.status[answer.code]}`);
        if (OUR_FAULT.has(answer.code)) this.tally.crash(`${service}.${method}: ${grpc.status[answer.code]} ${answer.details}`);
        // Only the load limit says "retry"; the per-session caps are FAILED_PRECONDITION.
        if (answer.code === grpc.status.RESOURCE_EXHAUSTED && answer.retryMs && attempt < MAX_ATTEMPTS) {
          await sleep(answer.retryMs);
          continue;
        }
      }
      return answer;
    }
  }

  close(): void {
    for (const c of this.clients) for (const s of Object.values(c)) s.close();
  }
}

/** The record of one tool call, tallied: tool error codes as errors, a tool's internal error as a crash. */
export function tallyCall(
  tally: Tally,
  result: { outcome?: string; error?: { code?: string; message?: string } | null; status?: { code?: number } | null } | undefined,
): void {
  if (!result) return;
  if (result.error?.code) {
    tally.error(`tool:${result.error.code}`);
    if (result.error.code === "internal") tally.crash(`tool internal error: ${result.error.message}`);
  } else if (result.outcome && result.outcome !== "OUTCOME_OK") tally.error(`outcome:${result.outcome}`);
}
