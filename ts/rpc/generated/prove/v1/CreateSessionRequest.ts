// Original file: proto/prove/v1/environment.proto


export interface CreateSessionRequest {
  /**
   * Servers (domains) to mount; their tool names never collide.
   */
  'servers'?: (string)[];
  /**
   * Seed of the initial state: the same seed always gives the same state.
   */
  'seed'?: (string);
  /**
   * Offer only these tools (default: every tool of the servers).
   */
  'tools'?: (string)[];
  /**
   * Start from a task of the Tasks service instead: its seed, servers and offered tools.
   * When set, servers/seed/tools must be empty. The session (and every fork of it) is bound to
   * the task: Reward.Score refuses to score it as another task ("unscorable", with the reason).
   */
  'task_id'?: (string);
}

export interface CreateSessionRequest__Output {
  /**
   * Servers (domains) to mount; their tool names never collide.
   */
  'servers': (string)[];
  /**
   * Seed of the initial state: the same seed always gives the same state.
   */
  'seed': (string);
  /**
   * Offer only these tools (default: every tool of the servers).
   */
  'tools': (string)[];
  /**
   * Start from a task of the Tasks service instead: its seed, servers and offered tools.
   * When set, servers/seed/tools must be empty. The session (and every fork of it) is bound to
   * the task: Reward.Score refuses to score it as another task ("unscorable", with the reason).
   */
  'task_id': (string);
}
