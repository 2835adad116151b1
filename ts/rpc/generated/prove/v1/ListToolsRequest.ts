// Original file: proto/prove/v1/environment.proto


export interface ListToolsRequest {
  /**
   * Tools of these servers (all when empty and no session is given)…
   */
  'servers'?: (string)[];
  /**
   * …or exactly the tools this session offers (takes precedence when set).
   */
  'session_id'?: (string);
}

export interface ListToolsRequest__Output {
  /**
   * Tools of these servers (all when empty and no session is given)…
   */
  'servers': (string)[];
  /**
   * …or exactly the tools this session offers (takes precedence when set).
   */
  'session_id': (string);
}
