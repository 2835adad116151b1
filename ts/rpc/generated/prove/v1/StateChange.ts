// Original file: proto/prove/v1/environment.proto


/**
 * One path of the state a call changed, as a JSON Pointer ("/banking/accounts/ACC-1001/balance").
 */
export interface StateChange {
  'path'?: (string);
  /**
   * "create", "update" or "delete".
   */
  'op'?: (string);
}

/**
 * One path of the state a call changed, as a JSON Pointer ("/banking/accounts/ACC-1001/balance").
 */
export interface StateChange__Output {
  'path': (string);
  /**
   * "create", "update" or "delete".
   */
  'op': (string);
}
