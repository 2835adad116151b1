// Original file: proto/prove/v1/environment.proto


export interface FormatError {
  /**
   * What is malformed, e.g. "unterminated <tool_call>" or "arguments is not a JSON object".
   */
  'message'?: (string);
  /**
   * The offending text, cut to 200 characters.
   */
  'fragment'?: (string);
}

export interface FormatError__Output {
  /**
   * What is malformed, e.g. "unterminated <tool_call>" or "arguments is not a JSON object".
   */
  'message': (string);
  /**
   * The offending text, cut to 200 characters.
   */
  'fragment': (string);
}
