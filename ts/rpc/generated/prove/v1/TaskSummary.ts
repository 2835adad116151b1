// Original file: proto/prove/v1/tasks.proto


export interface TaskSummary {
  'id'?: (string);
  'domains'?: (string)[];
  'kind'?: (string);
  /**
   * User turns and ground-truth calls.
   */
  'turns'?: (number);
  'steps'?: (number);
  /**
   * "complete", "missing_required" or "minimal".
   */
  'info_level'?: (string);
  'tags'?: (string)[];
}

export interface TaskSummary__Output {
  'id': (string);
  'domains': (string)[];
  'kind': (string);
  /**
   * User turns and ground-truth calls.
   */
  'turns': (number);
  'steps': (number);
  /**
   * "complete", "missing_required" or "minimal".
   */
  'info_level': (string);
  'tags': (string)[];
}
