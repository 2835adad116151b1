// Original file: proto/prove/v1/environment.proto

import type { ServerInfo as _prove_v1_ServerInfo, ServerInfo__Output as _prove_v1_ServerInfo__Output } from '../../prove/v1/ServerInfo.ts';

export interface ListServersResponse {
  'servers'?: (_prove_v1_ServerInfo)[];
  /**
   * Sessions open in this process now (forks included), and how many it allows.
   */
  'open_sessions'?: (number);
  'max_sessions'?: (number);
  /**
   * This process's shard: every session id it mints starts with "<shard>-", so a client given
   * several services routes each call on a session to the one that holds it.
   */
  'shard'?: (string);
}

export interface ListServersResponse__Output {
  'servers': (_prove_v1_ServerInfo__Output)[];
  /**
   * Sessions open in this process now (forks included), and how many it allows.
   */
  'open_sessions': (number);
  'max_sessions': (number);
  /**
   * This process's shard: every session id it mints starts with "<shard>-", so a client given
   * several services routes each call on a session to the one that holds it.
   */
  'shard': (string);
}
