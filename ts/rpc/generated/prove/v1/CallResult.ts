// Original file: proto/prove/v1/environment.proto

import type { Outcome as _prove_v1_Outcome, Outcome__Output as _prove_v1_Outcome__Output } from '../../prove/v1/Outcome.ts';
import type { ToolError as _prove_v1_ToolError, ToolError__Output as _prove_v1_ToolError__Output } from '../../prove/v1/ToolError.ts';
import type { StateChange as _prove_v1_StateChange, StateChange__Output as _prove_v1_StateChange__Output } from '../../prove/v1/StateChange.ts';
import type { Status as _prove_v1_Status, Status__Output as _prove_v1_Status__Output } from '../../prove/v1/Status.ts';

export interface CallResult {
  /**
   * Position in the session's journal.
   */
  'index'?: (number);
  'tool'?: (string);
  /**
   * The arguments as sent.
   */
  'arguments_json'?: (string);
  'outcome'?: (_prove_v1_Outcome);
  /**
   * The tool's structured result (JSON), when the outcome is OK.
   */
  'result_json'?: (string);
  /**
   * Set when the outcome is not OK.
   */
  'error'?: (_prove_v1_ToolError | null);
  /**
   * State paths the call changed (empty for reads and failures).
   */
  'changes'?: (_prove_v1_StateChange)[];
  /**
   * The session's logical time when the call ran (ISO 8601, UTC).
   */
  'clock'?: (string);
  /**
   * For batch items: OK, or why this item could not run (e.g. NOT_FOUND session).
   */
  'status'?: (_prove_v1_Status | null);
  /**
   * The session the call ran in (echoed for batch items).
   */
  'session_id'?: (string);
}

export interface CallResult__Output {
  /**
   * Position in the session's journal.
   */
  'index': (number);
  'tool': (string);
  /**
   * The arguments as sent.
   */
  'arguments_json': (string);
  'outcome': (_prove_v1_Outcome__Output);
  /**
   * The tool's structured result (JSON), when the outcome is OK.
   */
  'result_json': (string);
  /**
   * Set when the outcome is not OK.
   */
  'error': (_prove_v1_ToolError__Output | null);
  /**
   * State paths the call changed (empty for reads and failures).
   */
  'changes': (_prove_v1_StateChange__Output)[];
  /**
   * The session's logical time when the call ran (ISO 8601, UTC).
   */
  'clock': (string);
  /**
   * For batch items: OK, or why this item could not run (e.g. NOT_FOUND session).
   */
  'status': (_prove_v1_Status__Output | null);
  /**
   * The session the call ran in (echoed for batch items).
   */
  'session_id': (string);
}
