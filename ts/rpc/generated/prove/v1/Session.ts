// Original file: proto/prove/v1/environment.proto


export interface Session {
  'session_id'?: (string);
  'servers'?: (string)[];
  'seed'?: (string);
  /**
   * Tools the session offers.
   */
  'tools'?: (string)[];
  /**
   * Hash of the session's state now (128-bit hex).
   */
  'state_hash'?: (string);
  /**
   * The session this one was forked from, if any.
   */
  'parent_id'?: (string);
  /**
   * Calls in the journal (inherited ones included).
   */
  'calls'?: (number);
  /**
   * The task this session was created from (inherited by forks), if any.
   */
  'task_id'?: (string);
}

export interface Session__Output {
  'session_id': (string);
  'servers': (string)[];
  'seed': (string);
  /**
   * Tools the session offers.
   */
  'tools': (string)[];
  /**
   * Hash of the session's state now (128-bit hex).
   */
  'state_hash': (string);
  /**
   * The session this one was forked from, if any.
   */
  'parent_id': (string);
  /**
   * Calls in the journal (inherited ones included).
   */
  'calls': (number);
  /**
   * The task this session was created from (inherited by forks), if any.
   */
  'task_id': (string);
}
