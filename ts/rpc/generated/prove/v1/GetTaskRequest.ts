// Original file: proto/prove/v1/tasks.proto


export interface GetTaskRequest {
  'id'?: (string);
  'dataset'?: (string);
}

export interface GetTaskRequest__Output {
  'id': (string);
  'dataset': (string);
}
