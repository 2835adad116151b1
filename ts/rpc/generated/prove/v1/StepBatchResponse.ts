// Original file: proto/prove/v1/environment.proto

import type { StepResult as _prove_v1_StepResult, StepResult__Output as _prove_v1_StepResult__Output } from '../../prove/v1/StepResult.ts';

export interface StepBatchResponse {
  /**
   * One result per step, in order.
   */
  'results'?: (_prove_v1_StepResult)[];
}

export interface StepBatchResponse__Output {
  /**
   * One result per step, in order.
   */
  'results': (_prove_v1_StepResult__Output)[];
}
