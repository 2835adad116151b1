// Original file: proto/prove/v1/environment.proto


export interface StateResponse {
  'session_id'?: (string);
  'state_hash'?: (string);
  /**
   * Canonical JSON (sorted keys), when include_state was set.
   */
  'state_json'?: (string);
  /**
   * The session's logical time.
   */
  'clock'?: (string);
  'calls'?: (number);
}

export interface StateResponse__Output {
  'session_id': (string);
  'state_hash': (string);
  /**
   * Canonical JSON (sorted keys), when include_state was set.
   */
  'state_json': (string);
  /**
   * The session's logical time.
   */
  'clock': (string);
  'calls': (number);
}
