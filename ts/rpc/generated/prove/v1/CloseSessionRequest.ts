// Original file: proto/prove/v1/environment.proto


export interface CloseSessionRequest {
  'session_ids'?: (string)[];
}

export interface CloseSessionRequest__Output {
  'session_ids': (string)[];
}
