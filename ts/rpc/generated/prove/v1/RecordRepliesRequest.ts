// Original file: proto/prove/v1/environment.proto

import type { ReplyToRecord as _prove_v1_ReplyToRecord, ReplyToRecord__Output as _prove_v1_ReplyToRecord__Output } from '../../prove/v1/ReplyToRecord.ts';

export interface RecordRepliesRequest {
  /**
   * Replies to record, in order; one RPC can carry a whole GRPO group's turn.
   */
  'replies'?: (_prove_v1_ReplyToRecord)[];
}

export interface RecordRepliesRequest__Output {
  /**
   * Replies to record, in order; one RPC can carry a whole GRPO group's turn.
   */
  'replies': (_prove_v1_ReplyToRecord__Output)[];
}
