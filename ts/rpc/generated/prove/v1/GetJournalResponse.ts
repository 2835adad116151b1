// Original file: proto/prove/v1/environment.proto

import type { CallResult as _prove_v1_CallResult, CallResult__Output as _prove_v1_CallResult__Output } from '../../prove/v1/CallResult.ts';

export interface GetJournalResponse {
  /**
   * Records from from_index on, as many as fit in a reply of 32 MiB.
   */
  'records'?: (_prove_v1_CallResult)[];
  /**
   * Set when records remain: ask again from next_index.
   */
  'more'?: (boolean);
  'next_index'?: (number);
}

export interface GetJournalResponse__Output {
  /**
   * Records from from_index on, as many as fit in a reply of 32 MiB.
   */
  'records': (_prove_v1_CallResult__Output)[];
  /**
   * Set when records remain: ask again from next_index.
   */
  'more': (boolean);
  'next_index': (number);
}
