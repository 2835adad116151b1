// Original file: proto/prove/v1/reward.proto


export interface Component {
  /**
   * r_val, r_cov, r_eff, r_name, r_arg, and for "verified" also r_state, r_answer and r_goal.
   */
  'name'?: (string);
  'value'?: (number | string);
  'weight'?: (number | string);
}

export interface Component__Output {
  /**
   * r_val, r_cov, r_eff, r_name, r_arg, and for "verified" also r_state, r_answer and r_goal.
   */
  'name': (string);
  'value': (number);
  'weight': (number);
}
