// Original file: proto/prove/v1/environment.proto


export interface GetStateRequest {
  'session_id'?: (string);
  /**
   * Also return the canonical JSON of the whole state (can be large).
   */
  'include_state'?: (boolean);
}

export interface GetStateRequest__Output {
  'session_id': (string);
  /**
   * Also return the canonical JSON of the whole state (can be large).
   */
  'include_state': (boolean);
}
