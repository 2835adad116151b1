// Original file: proto/prove/v1/reward.proto


export interface ScoreGroupRequest {
  'task_id'?: (string);
  'task_json'?: (string);
  /**
   * The group's trajectories as sessions (a session of another task is one "unscorable" item,
   * not an error of the group)…
   */
  'session_ids'?: (string)[];
  /**
   * …or as JSON (one per trajectory).
   */
  'trajectories_json'?: (string)[];
  'preset'?: (string);
  'config_json'?: (string);
}

export interface ScoreGroupRequest__Output {
  'task_id': (string);
  'task_json': (string);
  /**
   * The group's trajectories as sessions (a session of another task is one "unscorable" item,
   * not an error of the group)…
   */
  'session_ids': (string)[];
  /**
   * …or as JSON (one per trajectory).
   */
  'trajectories_json': (string)[];
  'preset': (string);
  'config_json': (string);
}
