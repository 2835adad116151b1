// Original file: proto/prove/v1/reward.proto

import type { Component as _prove_v1_Component, Component__Output as _prove_v1_Component__Output } from '../../prove/v1/Component.ts';
import type { Status as _prove_v1_Status, Status__Output as _prove_v1_Status__Output } from '../../prove/v1/Status.ts';

export interface ScoreResult {
  /**
   * The weighted sum of the components (clarification and abstention turns weighted in turn by
   * turn; docs/reward.md).
   */
  'reward'?: (number | string);
  'components'?: (_prove_v1_Component)[];
  'preset'?: (string);
  /**
   * Hash of the preset's full configuration: a number can always be traced to its rule.
   */
  'config_hash'?: (string);
  /**
   * "ok", "masked" (an environment-side failure: leave this trajectory out of the loss) or
   * "unscorable" (the trajectory cannot be scored against this task).
   */
  'outcome'?: (string);
  /**
   * Per-turn and per-call breakdown as JSON, for debugging and logging.
   */
  'detail_json'?: (string);
  /**
   * For group items: OK, or why this trajectory could not be scored.
   */
  'status'?: (_prove_v1_Status | null);
  /**
   * Why the outcome is "unscorable" (a session of another task, a turn the task does not have,
   * a recorded outcome that does not replay…); empty otherwise.
   */
  'reason'?: (string);
}

export interface ScoreResult__Output {
  /**
   * The weighted sum of the components (clarification and abstention turns weighted in turn by
   * turn; docs/reward.md).
   */
  'reward': (number);
  'components': (_prove_v1_Component__Output)[];
  'preset': (string);
  /**
   * Hash of the preset's full configuration: a number can always be traced to its rule.
   */
  'config_hash': (string);
  /**
   * "ok", "masked" (an environment-side failure: leave this trajectory out of the loss) or
   * "unscorable" (the trajectory cannot be scored against this task).
   */
  'outcome': (string);
  /**
   * Per-turn and per-call breakdown as JSON, for debugging and logging.
   */
  'detail_json': (string);
  /**
   * For group items: OK, or why this trajectory could not be scored.
   */
  'status': (_prove_v1_Status__Output | null);
  /**
   * Why the outcome is "unscorable" (a session of another task, a turn the task does not have,
   * a recorded outcome that does not replay…); empty otherwise.
   */
  'reason': (string);
}
