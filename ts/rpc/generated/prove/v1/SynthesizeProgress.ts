// Original file: proto/prove/v1/tasks.proto

import type { Count as _prove_v1_Count, Count__Output as _prove_v1_Count__Output } from '../../prove/v1/Count.ts';

export interface SynthesizeProgress {
  /**
   * Current stage: "graph", "sampling", "synthesis", "validation", "writing", "done".
   */
  'stage'?: (string);
  'done'?: (number);
  'total'?: (number);
  /**
   * Tasks kept so far.
   */
  'kept'?: (number);
  /**
   * Candidates dropped so far, by filter name.
   */
  'dropped'?: (_prove_v1_Count)[];
  'message'?: (string);
  /**
   * Set on the last message.
   */
  'finished'?: (boolean);
  /**
   * The statistics report (JSON), on the last message.
   */
  'stats_json'?: (string);
  /**
   * The dataset written, on the last message.
   */
  'dataset'?: (string);
}

export interface SynthesizeProgress__Output {
  /**
   * Current stage: "graph", "sampling", "synthesis", "validation", "writing", "done".
   */
  'stage': (string);
  'done': (number);
  'total': (number);
  /**
   * Tasks kept so far.
   */
  'kept': (number);
  /**
   * Candidates dropped so far, by filter name.
   */
  'dropped': (_prove_v1_Count__Output)[];
  'message': (string);
  /**
   * Set on the last message.
   */
  'finished': (boolean);
  /**
   * The statistics report (JSON), on the last message.
   */
  'stats_json': (string);
  /**
   * The dataset written, on the last message.
   */
  'dataset': (string);
}
