// Original file: proto/prove/v1/tasks.proto


export interface TaskResponse {
  /**
   * The task as in tasks.jsonl.
   */
  'task_json'?: (string);
  /**
   * The same task as a chat-format record ({"messages":[…],"tools":[…]}).
   */
  'chat_json'?: (string);
}

export interface TaskResponse__Output {
  /**
   * The task as in tasks.jsonl.
   */
  'task_json': (string);
  /**
   * The same task as a chat-format record ({"messages":[…],"tools":[…]}).
   */
  'chat_json': (string);
}
