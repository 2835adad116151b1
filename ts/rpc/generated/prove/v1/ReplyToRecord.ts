// Original file: proto/prove/v1/environment.proto


export interface ReplyToRecord {
  'session_id'?: (string);
  /**
   * The user turn the reply answers (0-based). Required.
   */
  'turn'?: (number);
  /**
   * What the assistant said (its prose, without tool calls; reasoning is ignored when scoring).
   */
  'text'?: (string);
  '_turn'?: "turn";
}

export interface ReplyToRecord__Output {
  'session_id': (string);
  /**
   * The user turn the reply answers (0-based). Required.
   */
  'turn'?: (number);
  /**
   * What the assistant said (its prose, without tool calls; reasoning is ignored when scoring).
   */
  'text': (string);
  '_turn'?: "turn";
}
