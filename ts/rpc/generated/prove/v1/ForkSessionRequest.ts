// Original file: proto/prove/v1/environment.proto


export interface ForkSessionRequest {
  'session_id'?: (string);
  /**
   * How many copies (1 to the server's limit, 1024 by default); 0 is INVALID_ARGUMENT.
   */
  'count'?: (number);
  /**
   * true: the reply names the copies by id only (session_ids) and sends what they all share once
   * (shared), instead of a full Session per copy; a group of 256 then costs a few bytes per copy
   * rather than its whole tool list. The Python and grpc-js clients ask for this and expand it.
   */
  'compact'?: (boolean);
}

export interface ForkSessionRequest__Output {
  'session_id': (string);
  /**
   * How many copies (1 to the server's limit, 1024 by default); 0 is INVALID_ARGUMENT.
   */
  'count': (number);
  /**
   * true: the reply names the copies by id only (session_ids) and sends what they all share once
   * (shared), instead of a full Session per copy; a group of 256 then costs a few bytes per copy
   * rather than its whole tool list. The Python and grpc-js clients ask for this and expand it.
   */
  'compact': (boolean);
}
