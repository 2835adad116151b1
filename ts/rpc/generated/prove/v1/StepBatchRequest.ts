// Original file: proto/prove/v1/environment.proto

import type { StepRequest as _prove_v1_StepRequest, StepRequest__Output as _prove_v1_StepRequest__Output } from '../../prove/v1/StepRequest.ts';

/**
 * Every item runs whole or not at all. Items not reached before the deadline do not run
 * (OUTCOME_DEADLINE); items past the reply's size budget (32 MiB) do not run either
 * (OUTCOME_REJECTED, status RESOURCE_EXHAUSTED: send them again). A client that lost the reply
 * resends the batch with the same idempotency keys and gets what ran without running it twice.
 */
export interface StepBatchRequest {
  'steps'?: (_prove_v1_StepRequest)[];
}

/**
 * Every item runs whole or not at all. Items not reached before the deadline do not run
 * (OUTCOME_DEADLINE); items past the reply's size budget (32 MiB) do not run either
 * (OUTCOME_REJECTED, status RESOURCE_EXHAUSTED: send them again). A client that lost the reply
 * resends the batch with the same idempotency keys and gets what ran without running it twice.
 */
export interface StepBatchRequest__Output {
  'steps': (_prove_v1_StepRequest__Output)[];
}
