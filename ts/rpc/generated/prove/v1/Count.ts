// Original file: proto/prove/v1/tasks.proto


/**
 * A named count ("dedup" → 12).
 */
export interface Count {
  'name'?: (string);
  'count'?: (number);
}

/**
 * A named count ("dedup" → 12).
 */
export interface Count__Output {
  'name': (string);
  'count': (number);
}
