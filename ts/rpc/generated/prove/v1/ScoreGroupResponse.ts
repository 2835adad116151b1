// Original file: proto/prove/v1/reward.proto

import type { ScoreResult as _prove_v1_ScoreResult, ScoreResult__Output as _prove_v1_ScoreResult__Output } from '../../prove/v1/ScoreResult.ts';
import type { ComponentColumn as _prove_v1_ComponentColumn, ComponentColumn__Output as _prove_v1_ComponentColumn__Output } from '../../prove/v1/ComponentColumn.ts';

export interface ScoreGroupResponse {
  /**
   * One score per trajectory, in request order.
   */
  'scores'?: (_prove_v1_ScoreResult)[];
  /**
   * The same numbers by component, for logging.
   */
  'table'?: (_prove_v1_ComponentColumn)[];
  /**
   * Mean and standard deviation of the rewards of the scored, unmasked trajectories.
   */
  'mean'?: (number | string);
  'std'?: (number | string);
}

export interface ScoreGroupResponse__Output {
  /**
   * One score per trajectory, in request order.
   */
  'scores': (_prove_v1_ScoreResult__Output)[];
  /**
   * The same numbers by component, for logging.
   */
  'table': (_prove_v1_ComponentColumn__Output)[];
  /**
   * Mean and standard deviation of the rewards of the scored, unmasked trajectories.
   */
  'mean': (number);
  'std': (number);
}
