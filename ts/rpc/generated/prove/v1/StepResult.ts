// Original file: proto/prove/v1/environment.proto

import type { ParsedCall as _prove_v1_ParsedCall, ParsedCall__Output as _prove_v1_ParsedCall__Output } from '../../prove/v1/ParsedCall.ts';
import type { FormatError as _prove_v1_FormatError, FormatError__Output as _prove_v1_FormatError__Output } from '../../prove/v1/FormatError.ts';
import type { Outcome as _prove_v1_Outcome, Outcome__Output as _prove_v1_Outcome__Output } from '../../prove/v1/Outcome.ts';
import type { Status as _prove_v1_Status, Status__Output as _prove_v1_Status__Output } from '../../prove/v1/Status.ts';

export interface StepResult {
  'session_id'?: (string);
  /**
   * Calls parsed from the output, with their results, in order.
   */
  'calls'?: (_prove_v1_ParsedCall)[];
  /**
   * Malformed calls (each is also a PARSE_ERROR record in the journal).
   */
  'format_errors'?: (_prove_v1_FormatError)[];
  /**
   * The assistant's prose outside its tool calls.
   */
  'reply_text'?: (string);
  /**
   * Tool results as chat messages of the format (JSON array), to append to the conversation.
   */
  'tool_messages_json'?: (string);
  /**
   * The same results rendered as raw text in the format's template (e.g. a Granite user turn
   * with <tool_response> blocks), for trainers that build prompts without a chat template.
   */
  'rendered'?: (string);
  /**
   * OK when every call succeeded; otherwise the first non-OK outcome (PARSE_ERROR first).
   */
  'outcome'?: (_prove_v1_Outcome);
  /**
   * The session's state hash after the step.
   */
  'state_hash'?: (string);
  /**
   * For batch items: OK, or why this item could not run.
   */
  'status'?: (_prove_v1_Status | null);
}

export interface StepResult__Output {
  'session_id': (string);
  /**
   * Calls parsed from the output, with their results, in order.
   */
  'calls': (_prove_v1_ParsedCall__Output)[];
  /**
   * Malformed calls (each is also a PARSE_ERROR record in the journal).
   */
  'format_errors': (_prove_v1_FormatError__Output)[];
  /**
   * The assistant's prose outside its tool calls.
   */
  'reply_text': (string);
  /**
   * Tool results as chat messages of the format (JSON array), to append to the conversation.
   */
  'tool_messages_json': (string);
  /**
   * The same results rendered as raw text in the format's template (e.g. a Granite user turn
   * with <tool_response> blocks), for trainers that build prompts without a chat template.
   */
  'rendered': (string);
  /**
   * OK when every call succeeded; otherwise the first non-OK outcome (PARSE_ERROR first).
   */
  'outcome': (_prove_v1_Outcome__Output);
  /**
   * The session's state hash after the step.
   */
  'state_hash': (string);
  /**
   * For batch items: OK, or why this item could not run.
   */
  'status': (_prove_v1_Status__Output | null);
}
