// Original file: proto/prove/v1/reward.proto


export interface ScoreRequest {
  /**
   * The task, by id in the Tasks service…
   */
  'task_id'?: (string);
  /**
   * …or inline as JSON (one line of tasks.jsonl).
   */
  'task_json'?: (string);
  /**
   * The trajectory: a session whose journal, replies and final state are scored. A session
   * created from a task is scored only as that task; one created from servers and a seed only
   * when its seed, servers and tools are the task's. Otherwise the score is "unscorable".
   */
  'session_id'?: (string);
  /**
   * …or the trajectory as JSON, for offline scoring:
   * {"calls":[{"name":"freeze_card","arguments":{"card_id":"CARD-1001"},"outcome":"ok","turn":0}],
   * "replies":[{"turn":0,"text":"Your card is frozen."}]}
   * outcome is one of ok, unknown_tool, invalid_arguments, tool_error, env_error, parse_error
   * (name "" and the raw fragment as arguments for a parse error); turn defaults to 0 and must be
   * a turn of the task; replies may be empty.
   */
  'trajectory_json'?: (string);
  /**
   * "prove" (the paper's reward, default) or "verified" (what the calls achieved: final state,
   * answer facts, the task done).
   */
  'preset'?: (string);
  /**
   * Overrides of the preset's weights and parameters as JSON, e.g. {"alpha":0.5,"beta":0.5,
   * "weights":{"val":0.5,"cov":0.5,"eff":0.15,"name":0.2,"arg":0.1}}. Weights are numbers from 0
   * to 1000 (val, cov, eff, name, arg; verified also state, answer, goal), alpha and beta from 0
   * to 100; anything else is INVALID_ARGUMENT.
   */
  'config_json'?: (string);
}

export interface ScoreRequest__Output {
  /**
   * The task, by id in the Tasks service…
   */
  'task_id': (string);
  /**
   * …or inline as JSON (one line of tasks.jsonl).
   */
  'task_json': (string);
  /**
   * The trajectory: a session whose journal, replies and final state are scored. A session
   * created from a task is scored only as that task; one created from servers and a seed only
   * when its seed, servers and tools are the task's. Otherwise the score is "unscorable".
   */
  'session_id': (string);
  /**
   * …or the trajectory as JSON, for offline scoring:
   * {"calls":[{"name":"freeze_card","arguments":{"card_id":"CARD-1001"},"outcome":"ok","turn":0}],
   * "replies":[{"turn":0,"text":"Your card is frozen."}]}
   * outcome is one of ok, unknown_tool, invalid_arguments, tool_error, env_error, parse_error
   * (name "" and the raw fragment as arguments for a parse error); turn defaults to 0 and must be
   * a turn of the task; replies may be empty.
   */
  'trajectory_json': (string);
  /**
   * "prove" (the paper's reward, default) or "verified" (what the calls achieved: final state,
   * answer facts, the task done).
   */
  'preset': (string);
  /**
   * Overrides of the preset's weights and parameters as JSON, e.g. {"alpha":0.5,"beta":0.5,
   * "weights":{"val":0.5,"cov":0.5,"eff":0.15,"name":0.2,"arg":0.1}}. Weights are numbers from 0
   * to 1000 (val, cov, eff, name, arg; verified also state, answer, goal), alpha and beta from 0
   * to 100; anything else is INVALID_ARGUMENT.
   */
  'config_json': (string);
}
