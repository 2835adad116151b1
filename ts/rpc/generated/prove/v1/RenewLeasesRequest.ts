// Original file: proto/prove/v1/environment.proto


export interface RenewLeasesRequest {
  'session_ids'?: (string)[];
}

export interface RenewLeasesRequest__Output {
  'session_ids': (string)[];
}
