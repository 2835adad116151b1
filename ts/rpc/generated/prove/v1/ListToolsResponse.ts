// Original file: proto/prove/v1/environment.proto

import type { ToolInfo as _prove_v1_ToolInfo, ToolInfo__Output as _prove_v1_ToolInfo__Output } from '../../prove/v1/ToolInfo.ts';

export interface ListToolsResponse {
  'tools'?: (_prove_v1_ToolInfo)[];
  /**
   * The same tools as a JSON array in the OpenAI function-calling format
   * ([{"type":"function","function":{name,description,parameters}}]), ready for chat templates.
   */
  'openai_tools_json'?: (string);
  /**
   * The same with `"strict": true` and the portable schemas (ToolInfo.portable_schema_json).
   */
  'openai_strict_tools_json'?: (string);
}

export interface ListToolsResponse__Output {
  'tools': (_prove_v1_ToolInfo__Output)[];
  /**
   * The same tools as a JSON array in the OpenAI function-calling format
   * ([{"type":"function","function":{name,description,parameters}}]), ready for chat templates.
   */
  'openai_tools_json': (string);
  /**
   * The same with `"strict": true` and the portable schemas (ToolInfo.portable_schema_json).
   */
  'openai_strict_tools_json': (string);
}
