/**
 * Errors of the environment itself (unknown session, a limit reached), as opposed to tool
 * errors, which are results a model reads. Each code maps to one gRPC status in ts/rpc.
 */
export type EnvErrorCode = "not_found" | "invalid_argument" | "resource_exhausted" | "failed_precondition";

export class EnvError extends Error {
  override readonly name = "EnvError";
  constructor(
    readonly code: EnvErrorCode,
    message: string,
    /** For resource_exhausted: how long a client should wait before retrying. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
