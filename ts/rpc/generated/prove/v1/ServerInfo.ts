// Original file: proto/prove/v1/environment.proto


export interface ServerInfo {
  /**
   * Domain name, e.g. "banking".
   */
  'name'?: (string);
  /**
   * Display title, e.g. "Banking".
   */
  'title'?: (string);
  /**
   * What the domain's world holds.
   */
  'description'?: (string);
  /**
   * Number of tools, and how many only read / also write.
   */
  'tool_count'?: (number);
  'read_tools'?: (number);
  'write_tools'?: (number);
  /**
   * Entity kinds the domain holds ("account", "transfer", …).
   */
  'entity_kinds'?: (string)[];
}

export interface ServerInfo__Output {
  /**
   * Domain name, e.g. "banking".
   */
  'name': (string);
  /**
   * Display title, e.g. "Banking".
   */
  'title': (string);
  /**
   * What the domain's world holds.
   */
  'description': (string);
  /**
   * Number of tools, and how many only read / also write.
   */
  'tool_count': (number);
  'read_tools': (number);
  'write_tools': (number);
  /**
   * Entity kinds the domain holds ("account", "transfer", …).
   */
  'entity_kinds': (string)[];
}
