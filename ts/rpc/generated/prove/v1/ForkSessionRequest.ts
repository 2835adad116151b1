// Original file: proto/prove/v1/environment.proto


export interface ForkSessionRequest {
  'session_id'?: (string);
  /**
   * How many copies (1 to the server's limit, 1024 by default); 0 is INVALID_ARGUMENT.
   */
  'count'?: (number);
}

export interface ForkSessionRequest__Output {
  'session_id': (string);
  /**
   * How many copies (1 to the server's limit, 1024 by default); 0 is INVALID_ARGUMENT.
   */
  'count': (number);
}
