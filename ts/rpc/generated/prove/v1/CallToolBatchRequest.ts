// Original file: proto/prove/v1/environment.proto

import type { CallToolRequest as _prove_v1_CallToolRequest, CallToolRequest__Output as _prove_v1_CallToolRequest__Output } from '../../prove/v1/CallToolRequest.ts';

/**
 * Items run in order, each whole or not at all, as in StepBatchRequest.
 */
export interface CallToolBatchRequest {
  'calls'?: (_prove_v1_CallToolRequest)[];
}

/**
 * Items run in order, each whole or not at all, as in StepBatchRequest.
 */
export interface CallToolBatchRequest__Output {
  'calls': (_prove_v1_CallToolRequest__Output)[];
}
