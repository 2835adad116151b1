// Original file: proto/prove/v1/common.proto

/**
 * Why a call or step ended as it did. Policy-side outcomes (everything except ENV_ERROR and
 * DEADLINE) are the model's doing and are scored; environment-side ones are masked out of the
 * loss, never scored 0.
 */
export const Outcome = {
  OUTCOME_UNSPECIFIED: 'OUTCOME_UNSPECIFIED',
  /**
   * The call ran and succeeded.
   */
  OUTCOME_OK: 'OUTCOME_OK',
  /**
   * The model named a tool the session does not offer.
   */
  OUTCOME_UNKNOWN_TOOL: 'OUTCOME_UNKNOWN_TOOL',
  /**
   * The arguments failed the tool's schema (missing, wrong type, unknown key, too large).
   */
  OUTCOME_INVALID_ARGUMENTS: 'OUTCOME_INVALID_ARGUMENTS',
  /**
   * The tool refused: a business rule, a missing entity. State unchanged.
   */
  OUTCOME_TOOL_ERROR: 'OUTCOME_TOOL_ERROR',
  /**
   * The environment failed (a bug, a result too large). Masked out of training.
   */
  OUTCOME_ENV_ERROR: 'OUTCOME_ENV_ERROR',
  /**
   * The model's output held a malformed tool call that could not be parsed.
   */
  OUTCOME_PARSE_ERROR: 'OUTCOME_PARSE_ERROR',
  /**
   * The request's deadline passed before this item ran. Masked out of training.
   */
  OUTCOME_DEADLINE: 'OUTCOME_DEADLINE',
  /**
   * The item did not run; its Status says why (an unknown session, a missing turn, a session's
   * call budget used up, a reply that had no room left). Nothing changed.
   */
  OUTCOME_REJECTED: 'OUTCOME_REJECTED',
} as const;

/**
 * Why a call or step ended as it did. Policy-side outcomes (everything except ENV_ERROR and
 * DEADLINE) are the model's doing and are scored; environment-side ones are masked out of the
 * loss, never scored 0.
 */
export type Outcome =
  | 'OUTCOME_UNSPECIFIED'
  | 0
  /**
   * The call ran and succeeded.
   */
  | 'OUTCOME_OK'
  | 1
  /**
   * The model named a tool the session does not offer.
   */
  | 'OUTCOME_UNKNOWN_TOOL'
  | 2
  /**
   * The arguments failed the tool's schema (missing, wrong type, unknown key, too large).
   */
  | 'OUTCOME_INVALID_ARGUMENTS'
  | 3
  /**
   * The tool refused: a business rule, a missing entity. State unchanged.
   */
  | 'OUTCOME_TOOL_ERROR'
  | 4
  /**
   * The environment failed (a bug, a result too large). Masked out of training.
   */
  | 'OUTCOME_ENV_ERROR'
  | 5
  /**
   * The model's output held a malformed tool call that could not be parsed.
   */
  | 'OUTCOME_PARSE_ERROR'
  | 6
  /**
   * The request's deadline passed before this item ran. Masked out of training.
   */
  | 'OUTCOME_DEADLINE'
  | 7
  /**
   * The item did not run; its Status says why (an unknown session, a missing turn, a session's
   * call budget used up, a reply that had no room left). Nothing changed.
   */
  | 'OUTCOME_REJECTED'
  | 8

/**
 * Why a call or step ended as it did. Policy-side outcomes (everything except ENV_ERROR and
 * DEADLINE) are the model's doing and are scored; environment-side ones are masked out of the
 * loss, never scored 0.
 */
export type Outcome__Output = typeof Outcome[keyof typeof Outcome]
