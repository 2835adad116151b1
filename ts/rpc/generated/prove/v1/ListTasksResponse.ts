// Original file: proto/prove/v1/tasks.proto

import type { TaskSummary as _prove_v1_TaskSummary, TaskSummary__Output as _prove_v1_TaskSummary__Output } from '../../prove/v1/TaskSummary.ts';

export interface ListTasksResponse {
  'tasks'?: (_prove_v1_TaskSummary)[];
  'total'?: (number);
  /**
   * Offset of the next page; -1 when this was the last.
   */
  'next_offset'?: (number);
}

export interface ListTasksResponse__Output {
  'tasks': (_prove_v1_TaskSummary__Output)[];
  'total': (number);
  /**
   * Offset of the next page; -1 when this was the last.
   */
  'next_offset': (number);
}
