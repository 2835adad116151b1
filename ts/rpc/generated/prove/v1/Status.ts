// Original file: proto/prove/v1/common.proto


/**
 * The result of one item of a batch: code 0 (OK) or a gRPC status code with a message.
 */
export interface Status {
  /**
   * gRPC status code (0 = OK, 5 = NOT_FOUND, 3 = INVALID_ARGUMENT, 8 = RESOURCE_EXHAUSTED, …).
   */
  'code'?: (number);
  /**
   * Human-readable reason, empty when code is 0.
   */
  'message'?: (string);
}

/**
 * The result of one item of a batch: code 0 (OK) or a gRPC status code with a message.
 */
export interface Status__Output {
  /**
   * gRPC status code (0 = OK, 5 = NOT_FOUND, 3 = INVALID_ARGUMENT, 8 = RESOURCE_EXHAUSTED, …).
   */
  'code': (number);
  /**
   * Human-readable reason, empty when code is 0.
   */
  'message': (string);
}
