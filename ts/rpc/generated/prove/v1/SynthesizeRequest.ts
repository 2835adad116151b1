// Original file: proto/prove/v1/tasks.proto


export interface SynthesizeRequest {
  /**
   * Seed of the whole dataset: the same seed and config give byte-identical files.
   */
  'seed'?: (string);
  /**
   * Number of tasks to keep.
   */
  'count'?: (number);
  /**
   * Synthesis options as JSON (domains, turn range, knob rates…); empty for the defaults.
   */
  'config_json'?: (string);
  /**
   * Name of the dataset to write ([a-z0-9_-], 1-64 characters).
   */
  'dataset'?: (string);
}

export interface SynthesizeRequest__Output {
  /**
   * Seed of the whole dataset: the same seed and config give byte-identical files.
   */
  'seed': (string);
  /**
   * Number of tasks to keep.
   */
  'count': (number);
  /**
   * Synthesis options as JSON (domains, turn range, knob rates…); empty for the defaults.
   */
  'config_json': (string);
  /**
   * Name of the dataset to write ([a-z0-9_-], 1-64 characters).
   */
  'dataset': (string);
}
