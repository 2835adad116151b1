/**
 * What every RPC goes through: authentication (an interceptor, so it covers every service but
 * health), the load limit, deadlines and cancellation, well-formed replies, and the mapping of
 * errors to gRPC status codes. Handlers stay plain functions of their request.
 */
import { timingSafeEqual } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { EnvError } from "../env/errors.ts";
import { cut, wellFormed, wellFormedDeep } from "../env/input.ts";
import { RewardConfigError } from "../reward/config.ts";

export class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface GuardOptions {
  /** Calls in progress at once; past it, RESOURCE_EXHAUSTED with a retry hint. */
  maxInflight: number;
  /** Batch items processed between yields to the event loop (so cancellation is seen). */
  yieldEvery: number;
}

const ENV_CODES: Record<EnvError["code"], grpc.status> = {
  not_found: grpc.status.NOT_FOUND,
  invalid_argument: grpc.status.INVALID_ARGUMENT,
  resource_exhausted: grpc.status.RESOURCE_EXHAUSTED,
  failed_precondition: grpc.status.FAILED_PRECONDITION,
};

/** Characters of a status's details: they travel in a trailer, whose size HTTP/2 bounds. */
export const MAX_DETAILS = 2000;

/**
 * The status an error maps to: ours keep their code, anything else is INTERNAL. Details may quote
 * what a client sent, so they are made well-formed (grpc-js cannot send a lone surrogate: its
 * header encoding throws) and cut to MAX_DETAILS (a 100 KB trailer is refused by the client, and
 * its channel then answered no call at all): either way the call would never be answered.
 */
export function toStatus(err: unknown): { code: grpc.status; details: string; retryAfterMs?: number } {
  const s = statusFor(err);
  const details = s.details.length > MAX_DETAILS ? `${cut(s.details, MAX_DETAILS)}… (cut at ${MAX_DETAILS} characters)` : s.details;
  return { ...s, details: wellFormed(details) };
}

function statusFor(err: unknown): { code: grpc.status; details: string; retryAfterMs?: number } {
  if (err instanceof RpcError) return { code: err.code, details: err.message, ...(err.retryAfterMs ? { retryAfterMs: err.retryAfterMs } : {}) };
  if (err instanceof RewardConfigError) return { code: grpc.status.INVALID_ARGUMENT, details: err.message };
  if (err instanceof EnvError) return { code: ENV_CODES[err.code], details: err.message, ...(err.retryAfterMs ? { retryAfterMs: err.retryAfterMs } : {}) };
  return { code: grpc.status.INTERNAL, details: `internal error: ${(err as Error)?.message ?? String(err)}` };
}

const MALFORMED = Symbol("malformed request");

/**
 * A service definition whose request parsing never throws: bytes that are no message of the
 * method reach the handler as a marker the guard answers with INVALID_ARGUMENT (grpc-js itself
 * would answer INTERNAL, reporting the client's mistake as our bug).
 */
export function tolerant(service: grpc.ServiceDefinition): grpc.ServiceDefinition {
  return Object.fromEntries(
    Object.entries(service).map(([name, def]) => [
      name,
      {
        ...def,
        requestDeserialize: (bytes: Buffer) => {
          try {
            return def.requestDeserialize(bytes);
          } catch (err) {
            return { [MALFORMED]: (err as Error).message };
          }
        },
      },
    ]),
  );
}

function serviceError(err: unknown): Partial<grpc.StatusObject> {
  const s = toStatus(err);
  const metadata = new grpc.Metadata();
  if (s.retryAfterMs) metadata.set("retry-after-ms", String(s.retryAfterMs));
  return { code: s.code, details: s.details, metadata };
}

/** Per-call view of the deadline and cancellation, for handlers that loop over batch items. */
export interface CallContext {
  /** True once the client cancelled or the deadline passed. */
  expired(): boolean;
  cancelled(): boolean;
  /** Awaited between batch items: lets the event loop deliver cancellations. */
  breathe(i: number): Promise<void> | undefined;
}

export class Guard {
  inflight = 0;
  constructor(private readonly opts: GuardOptions) {}

  private check(call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>, ctx: CallContext): void {
    if (call.cancelled) throw new RpcError(grpc.status.CANCELLED, "the call was cancelled");
    const malformed = (call.request as Record<symbol, string> | undefined)?.[MALFORMED];
    if (malformed !== undefined) throw new RpcError(grpc.status.INVALID_ARGUMENT, `the request is not a message this method takes: ${malformed}`);
    // Nothing starts that its client has already given up on: an expired call changes nothing.
    if (ctx.expired()) throw new RpcError(grpc.status.DEADLINE_EXCEEDED, "the deadline passed before the call started; nothing ran");
    if (this.inflight >= this.opts.maxInflight) {
      throw new RpcError(
        grpc.status.RESOURCE_EXHAUSTED,
        `the service is at its load limit (${this.opts.maxInflight} calls in progress); retry after the retry-after-ms metadata`,
        50,
      );
    }
  }

  private context(call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>): CallContext {
    const deadline = call.getDeadline();
    const ms = deadline instanceof Date ? deadline.getTime() : Number(deadline);
    const expires = Number.isFinite(ms) && ms > 0 ? ms : Number.POSITIVE_INFINITY;
    return {
      cancelled: () => call.cancelled,
      expired: () => call.cancelled || Date.now() >= expires,
      breathe: (i) => (i > 0 && i % this.opts.yieldEvery === 0 ? new Promise<void>((r) => setImmediate(r)) : undefined),
    };
  }

  unary<Req, Res>(handler: (req: Req, ctx: CallContext) => Res | Promise<Res>): grpc.handleUnaryCall<Req, Res> {
    return (call, callback) => {
      let counted = false;
      const run = async () => {
        const ctx = this.context(call as grpc.ServerUnaryCall<unknown, unknown>);
        this.check(call as grpc.ServerUnaryCall<unknown, unknown>, ctx);
        this.inflight++;
        counted = true;
        return handler(call.request, ctx);
      };
      run()
        .then(
          // No string the service sends can be ill-formed UTF-8, whatever a handler built.
          (res) => callback(null, wellFormedDeep(res)),
          (err) => callback(serviceError(err) as grpc.ServiceError),
        )
        .finally(() => {
          if (counted) this.inflight--;
        });
    };
  }

  serverStream<Req, Res>(handler: (req: Req, write: (msg: Res) => void, ctx: CallContext) => Promise<void>): grpc.handleServerStreamingCall<Req, Res> {
    return (call) => {
      let counted = false;
      const run = async () => {
        const ctx = this.context(call as grpc.ServerWritableStream<unknown, unknown>);
        this.check(call as grpc.ServerWritableStream<unknown, unknown>, ctx);
        this.inflight++;
        counted = true;
        await handler(call.request, (msg) => call.write(wellFormedDeep(msg)), ctx);
      };
      run()
        .then(
          () => call.end(),
          // grpc-js ends a server stream with an error status through its 'error' event.
          (err) => call.emit("error", Object.assign(new Error(toStatus(err).details), serviceError(err))),
        )
        .finally(() => {
          if (counted) this.inflight--;
        });
    };
  }
}

/** Services that answer without the token: health, so that orchestrators can probe a service without holding it. */
const OPEN_SERVICES = ["/grpc.health.v1.Health/"];

/**
 * Requires `authorization: Bearer <token>` on every call except health checks: the PROVE
 * services and server reflection alike (reflection describes what a token holder can call).
 */
export function authInterceptor(token: string): grpc.ServerInterceptor {
  const expected = Buffer.from(`Bearer ${token}`);
  return (method, call) => {
    if (OPEN_SERVICES.some((prefix) => method.path.startsWith(prefix))) return new grpc.ServerInterceptingCall(call);
    const listener = new grpc.ServerListenerBuilder()
      .withOnReceiveMetadata((metadata, next) => {
        const header = metadata.get("authorization")[0];
        const given = Buffer.from(typeof header === "string" ? header : "");
        if (given.length === expected.length && timingSafeEqual(given, expected)) next(metadata);
        else call.sendStatus({ code: grpc.status.UNAUTHENTICATED, details: "missing or wrong bearer token (metadata 'authorization: Bearer <token>')" });
      })
      .build();
    return new grpc.ServerInterceptingCall(call, new grpc.ResponderBuilder().withStart((next) => next(listener)).build());
  };
}

/** A JSON argument from a client: parsed, or INVALID_ARGUMENT naming the field. */
export function parseJsonField(field: string, text: string, fallback: unknown = {}): unknown {
  if (text === undefined || text === null || text === "") return fallback;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new RpcError(grpc.status.INVALID_ARGUMENT, `${field} is not valid JSON: ${(err as Error).message}`);
  }
}
