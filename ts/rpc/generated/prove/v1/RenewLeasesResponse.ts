// Original file: proto/prove/v1/environment.proto


export interface RenewLeasesResponse {
  'renewed'?: (string)[];
  /**
   * Ids that are unknown or expired.
   */
  'missing'?: (string)[];
}

export interface RenewLeasesResponse__Output {
  'renewed': (string)[];
  /**
   * Ids that are unknown or expired.
   */
  'missing': (string)[];
}
