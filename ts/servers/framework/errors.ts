/**
 * Typed tool errors. A tool that cannot do what was asked throws one of these; the session turns
 * it into a tool result the model can read and act on, and discards every write of the call.
 *
 * Messages say what was wrong *and* what would be valid:
 *   "insufficient funds: ACC-1004 holds 120.00 (overdraft limit 0.00), the transfer needs 500.00"
 */
export const TOOL_ERROR_CODES = [
  "not_found",
  "invalid_argument",
  "already_exists",
  "conflict",
  "failed_precondition",
  "permission_denied",
  "limit_exceeded",
] as const;

export type ToolErrorCode = (typeof TOOL_ERROR_CODES)[number];

export class ToolError extends Error {
  override readonly name = "ToolError";
  constructor(
    readonly code: ToolErrorCode,
    message: string,
  ) {
    // A tool error is an answer, not a bug: skip capturing a stack trace, the costly part of an Error.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/** Refuse the call: a business rule does not allow it in the current state. */
export function fail(message: string, code: ToolErrorCode = "failed_precondition"): never {
  throw new ToolError(code, message);
}

/** Refuse the call unless `condition` holds. */
export function check(condition: unknown, message: string | (() => string), code: ToolErrorCode = "failed_precondition"): asserts condition {
  if (!condition) fail(typeof message === "function" ? message() : message, code);
}
