// Original file: proto/prove/v1/environment.proto

import type { Status as _prove_v1_Status, Status__Output as _prove_v1_Status__Output } from '../../prove/v1/Status.ts';

export interface RecordRepliesResponse {
  /**
   * One status per reply, in order: OK, or why it was not recorded (e.g. NOT_FOUND session).
   */
  'statuses'?: (_prove_v1_Status)[];
}

export interface RecordRepliesResponse__Output {
  /**
   * One status per reply, in order: OK, or why it was not recorded (e.g. NOT_FOUND session).
   */
  'statuses': (_prove_v1_Status__Output)[];
}
