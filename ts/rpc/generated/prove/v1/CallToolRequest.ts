// Original file: proto/prove/v1/environment.proto


export interface CallToolRequest {
  'session_id'?: (string);
  /**
   * Tool name.
   */
  'tool'?: (string);
  /**
   * Arguments as a JSON object (an empty string means {}).
   */
  'arguments_json'?: (string);
  /**
   * Which user turn of the conversation this call answers (0-based), as in StepRequest.turn:
   * recorded in the journal so that Reward.Score scores the session turn by turn. A call sent
   * without a turn is recorded without one and scored as part of turn 0.
   */
  'turn'?: (number);
  /**
   * Optional, 1-128 characters: the same key sent again in this session (a retry after a lost
   * reply) returns the first result without running the call again. A session remembers its
   * 256 most recent keys; a key reused for a different request is INVALID_ARGUMENT.
   */
  'idempotency_key'?: (string);
  '_turn'?: "turn";
}

export interface CallToolRequest__Output {
  'session_id': (string);
  /**
   * Tool name.
   */
  'tool': (string);
  /**
   * Arguments as a JSON object (an empty string means {}).
   */
  'arguments_json': (string);
  /**
   * Which user turn of the conversation this call answers (0-based), as in StepRequest.turn:
   * recorded in the journal so that Reward.Score scores the session turn by turn. A call sent
   * without a turn is recorded without one and scored as part of turn 0.
   */
  'turn'?: (number);
  /**
   * Optional, 1-128 characters: the same key sent again in this session (a retry after a lost
   * reply) returns the first result without running the call again. A session remembers its
   * 256 most recent keys; a key reused for a different request is INVALID_ARGUMENT.
   */
  'idempotency_key': (string);
  '_turn'?: "turn";
}
