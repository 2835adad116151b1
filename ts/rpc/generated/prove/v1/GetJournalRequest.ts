// Original file: proto/prove/v1/environment.proto


export interface GetJournalRequest {
  'session_id'?: (string);
  /**
   * First record to return (0 = from the start).
   */
  'from_index'?: (number);
}

export interface GetJournalRequest__Output {
  'session_id': (string);
  /**
   * First record to return (0 = from the start).
   */
  'from_index': (number);
}
