// Original file: proto/prove/v1/environment.proto

import type { ToolCallFormat as _prove_v1_ToolCallFormat, ToolCallFormat__Output as _prove_v1_ToolCallFormat__Output } from '../../prove/v1/ToolCallFormat.ts';

export interface StepRequest {
  'session_id'?: (string);
  /**
   * The model's raw output for one assistant turn (at most 256 KiB).
   */
  'assistant_text'?: (string);
  'format'?: (_prove_v1_ToolCallFormat);
  /**
   * Which user turn of the conversation this output answers (0-based). Required: a Step without
   * one is INVALID_ARGUMENT (it would pool every turn's replies into one). Recorded in the
   * journal so that Reward.Score can score a session turn by turn without a separate trajectory.
   */
  'turn'?: (number);
  /**
   * Optional, as in CallToolRequest: a retried Step with the same key returns the first result
   * and runs nothing again.
   */
  'idempotency_key'?: (string);
  /**
   * Leave the result's state_hash empty: a trainer that does not read it saves hashing what the
   * step wrote (a fifth of a transfer's step in process). GetState and later Steps still give
   * the exact hash.
   */
  'skip_state_hash'?: (boolean);
  '_turn'?: "turn";
}

export interface StepRequest__Output {
  'session_id': (string);
  /**
   * The model's raw output for one assistant turn (at most 256 KiB).
   */
  'assistant_text': (string);
  'format': (_prove_v1_ToolCallFormat__Output);
  /**
   * Which user turn of the conversation this output answers (0-based). Required: a Step without
   * one is INVALID_ARGUMENT (it would pool every turn's replies into one). Recorded in the
   * journal so that Reward.Score can score a session turn by turn without a separate trajectory.
   */
  'turn'?: (number);
  /**
   * Optional, as in CallToolRequest: a retried Step with the same key returns the first result
   * and runs nothing again.
   */
  'idempotency_key': (string);
  /**
   * Leave the result's state_hash empty: a trainer that does not read it saves hashing what the
   * step wrote (a fifth of a transfer's step in process). GetState and later Steps still give
   * the exact hash.
   */
  'skip_state_hash': (boolean);
  '_turn'?: "turn";
}
