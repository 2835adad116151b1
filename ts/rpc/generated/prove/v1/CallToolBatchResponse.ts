// Original file: proto/prove/v1/environment.proto

import type { CallResult as _prove_v1_CallResult, CallResult__Output as _prove_v1_CallResult__Output } from '../../prove/v1/CallResult.ts';

export interface CallToolBatchResponse {
  /**
   * One result per call, in order.
   */
  'results'?: (_prove_v1_CallResult)[];
}

export interface CallToolBatchResponse__Output {
  /**
   * One result per call, in order.
   */
  'results': (_prove_v1_CallResult__Output)[];
}
