// Original file: proto/prove/v1/tasks.proto


export interface ListTasksRequest {
  /**
   * Dataset name ("default" when empty).
   */
  'dataset'?: (string);
  /**
   * Paging: first task and how many (at most 1000; 100 when 0).
   */
  'offset'?: (number);
  'limit'?: (number);
  /**
   * Only tasks touching all of these domains.
   */
  'domains'?: (string)[];
  /**
   * Only tasks of this kind: "conversation", "clarification" or "abstention".
   */
  'kind'?: (string);
}

export interface ListTasksRequest__Output {
  /**
   * Dataset name ("default" when empty).
   */
  'dataset': (string);
  /**
   * Paging: first task and how many (at most 1000; 100 when 0).
   */
  'offset': (number);
  'limit': (number);
  /**
   * Only tasks touching all of these domains.
   */
  'domains': (string)[];
  /**
   * Only tasks of this kind: "conversation", "clarification" or "abstention".
   */
  'kind': (string);
}
