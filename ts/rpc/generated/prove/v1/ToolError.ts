// Original file: proto/prove/v1/environment.proto


export interface ToolError {
  /**
   * not_found, invalid_argument, conflict, failed_precondition, permission_denied,
   * limit_exceeded, already_exists; or invalid_arguments, unknown_tool, payload_too_large,
   * parse_error, internal, result_too_large.
   */
  'code'?: (string);
  /**
   * What was wrong and what would be valid, written for the model.
   */
  'message'?: (string);
}

export interface ToolError__Output {
  /**
   * not_found, invalid_argument, conflict, failed_precondition, permission_denied,
   * limit_exceeded, already_exists; or invalid_arguments, unknown_tool, payload_too_large,
   * parse_error, internal, result_too_large.
   */
  'code': (string);
  /**
   * What was wrong and what would be valid, written for the model.
   */
  'message': (string);
}
