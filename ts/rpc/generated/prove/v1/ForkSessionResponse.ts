// Original file: proto/prove/v1/environment.proto

import type { Session as _prove_v1_Session, Session__Output as _prove_v1_Session__Output } from '../../prove/v1/Session.ts';

export interface ForkSessionResponse {
  /**
   * Without compact: one Session per copy, in order.
   */
  'sessions'?: (_prove_v1_Session)[];
  /**
   * With compact: the copies' ids, in order, and one Session with what they share (servers, seed,
   * tools, state hash, calls, task, parent_id), its session_id empty.
   */
  'session_ids'?: (string)[];
  'shared'?: (_prove_v1_Session | null);
}

export interface ForkSessionResponse__Output {
  /**
   * Without compact: one Session per copy, in order.
   */
  'sessions': (_prove_v1_Session__Output)[];
  /**
   * With compact: the copies' ids, in order, and one Session with what they share (servers, seed,
   * tools, state hash, calls, task, parent_id), its session_id empty.
   */
  'session_ids': (string)[];
  'shared': (_prove_v1_Session__Output | null);
}
