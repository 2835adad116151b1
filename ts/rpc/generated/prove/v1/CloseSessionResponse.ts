// Original file: proto/prove/v1/environment.proto


export interface CloseSessionResponse {
  'closed'?: (number);
  'missing'?: (string)[];
}

export interface CloseSessionResponse__Output {
  'closed': (number);
  'missing': (string)[];
}
