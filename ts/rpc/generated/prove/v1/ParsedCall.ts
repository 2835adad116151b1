// Original file: proto/prove/v1/environment.proto

import type { CallResult as _prove_v1_CallResult, CallResult__Output as _prove_v1_CallResult__Output } from '../../prove/v1/CallResult.ts';

export interface ParsedCall {
  /**
   * Call id (from the model for OpenAI, generated "call_<n>" otherwise).
   */
  'id'?: (string);
  'name'?: (string);
  'arguments_json'?: (string);
  /**
   * The execution of the call.
   */
  'result'?: (_prove_v1_CallResult | null);
}

export interface ParsedCall__Output {
  /**
   * Call id (from the model for OpenAI, generated "call_<n>" otherwise).
   */
  'id': (string);
  'name': (string);
  'arguments_json': (string);
  /**
   * The execution of the call.
   */
  'result': (_prove_v1_CallResult__Output | null);
}
