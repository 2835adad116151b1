// Original file: proto/prove/v1/reward.proto


export interface ComponentColumn {
  /**
   * "reward", or a component's name (r_val, …).
   */
  'name'?: (string);
  /**
   * One value per trajectory, in request order; NaN where the trajectory has no such component
   * or could not be scored.
   */
  'values'?: (number | string)[];
}

export interface ComponentColumn__Output {
  /**
   * "reward", or a component's name (r_val, …).
   */
  'name': (string);
  /**
   * One value per trajectory, in request order; NaN where the trajectory has no such component
   * or could not be scored.
   */
  'values': (number)[];
}
