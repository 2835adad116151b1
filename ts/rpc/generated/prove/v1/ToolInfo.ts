// Original file: proto/prove/v1/environment.proto


export interface ToolInfo {
  /**
   * Unique across all servers; matches ^[a-zA-Z0-9_-]{1,64}$.
   */
  'name'?: (string);
  /**
   * The server (domain) it belongs to.
   */
  'server'?: (string);
  'description'?: (string);
  /**
   * JSON Schema of the arguments object.
   */
  'input_schema_json'?: (string);
  /**
   * Only reads state.
   */
  'read_only'?: (boolean);
  /**
   * May delete or overwrite data.
   */
  'destructive'?: (boolean);
  /**
   * Entity kind it creates, if any.
   */
  'produces'?: (string);
  /**
   * Entity kinds it lists or searches.
   */
  'discovers'?: (string)[];
  /**
   * Parameters whose values are secrets (must come from the user or a tool output).
   */
  'sensitive_params'?: (string)[];
  /**
   * The same arguments in a portable form that OpenAI's strict mode and common constrained
   * decoders accept: every property required (optional ones nullable), no additional
   * properties, only type/properties/required/items/enum/anyOf/description; the other rules
   * (ranges, patterns, defaults) are stated in the descriptions. A null means "left out".
   */
  'portable_schema_json'?: (string);
}

export interface ToolInfo__Output {
  /**
   * Unique across all servers; matches ^[a-zA-Z0-9_-]{1,64}$.
   */
  'name': (string);
  /**
   * The server (domain) it belongs to.
   */
  'server': (string);
  'description': (string);
  /**
   * JSON Schema of the arguments object.
   */
  'input_schema_json': (string);
  /**
   * Only reads state.
   */
  'read_only': (boolean);
  /**
   * May delete or overwrite data.
   */
  'destructive': (boolean);
  /**
   * Entity kind it creates, if any.
   */
  'produces': (string);
  /**
   * Entity kinds it lists or searches.
   */
  'discovers': (string)[];
  /**
   * Parameters whose values are secrets (must come from the user or a tool output).
   */
  'sensitive_params': (string)[];
  /**
   * The same arguments in a portable form that OpenAI's strict mode and common constrained
   * decoders accept: every property required (optional ones nullable), no additional
   * properties, only type/properties/required/items/enum/anyOf/description; the other rules
   * (ranges, patterns, defaults) are stated in the descriptions. A null means "left out".
   */
  'portable_schema_json': (string);
}
