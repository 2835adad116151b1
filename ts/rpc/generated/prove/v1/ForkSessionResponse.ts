// Original file: proto/prove/v1/environment.proto

import type { Session as _prove_v1_Session, Session__Output as _prove_v1_Session__Output } from '../../prove/v1/Session.ts';

export interface ForkSessionResponse {
  'sessions'?: (_prove_v1_Session)[];
}

export interface ForkSessionResponse__Output {
  'sessions': (_prove_v1_Session__Output)[];
}
