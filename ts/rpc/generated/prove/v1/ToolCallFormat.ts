// Original file: proto/prove/v1/environment.proto

/**
 * Chat formats whose raw output Step parses.
 */
export const ToolCallFormat = {
  /**
   * Same as HERMES.
   */
  TOOL_CALL_FORMAT_UNSPECIFIED: 'TOOL_CALL_FORMAT_UNSPECIFIED',
  /**
   * OpenAI chat JSON: an assistant message {"content":…,"tool_calls":[{"id","type":"function",
   * "function":{"name","arguments":"<JSON string>"}}]} or just the tool_calls array.
   */
  TOOL_CALL_FORMAT_OPENAI: 'TOOL_CALL_FORMAT_OPENAI',
  /**
   * Hermes / Qwen: <tool_call>{"name":…,"arguments":{…}}</tool_call>, any number per message.
   */
  TOOL_CALL_FORMAT_HERMES: 'TOOL_CALL_FORMAT_HERMES',
  /**
   * Granite 4.x: the same <tool_call> blocks inside <|start_of_role|>assistant<|end_of_role|>…
   * <|end_of_text|> (decoded without stripping special tokens); results go back in a user turn
   * inside <tool_response>. Granite 3.x's <|tool_call|>[…] list is accepted too.
   */
  TOOL_CALL_FORMAT_GRANITE: 'TOOL_CALL_FORMAT_GRANITE',
} as const;

/**
 * Chat formats whose raw output Step parses.
 */
export type ToolCallFormat =
  /**
   * Same as HERMES.
   */
  | 'TOOL_CALL_FORMAT_UNSPECIFIED'
  | 0
  /**
   * OpenAI chat JSON: an assistant message {"content":…,"tool_calls":[{"id","type":"function",
   * "function":{"name","arguments":"<JSON string>"}}]} or just the tool_calls array.
   */
  | 'TOOL_CALL_FORMAT_OPENAI'
  | 1
  /**
   * Hermes / Qwen: <tool_call>{"name":…,"arguments":{…}}</tool_call>, any number per message.
   */
  | 'TOOL_CALL_FORMAT_HERMES'
  | 2
  /**
   * Granite 4.x: the same <tool_call> blocks inside <|start_of_role|>assistant<|end_of_role|>…
   * <|end_of_text|> (decoded without stripping special tokens); results go back in a user turn
   * inside <tool_response>. Granite 3.x's <|tool_call|>[…] list is accepted too.
   */
  | 'TOOL_CALL_FORMAT_GRANITE'
  | 3

/**
 * Chat formats whose raw output Step parses.
 */
export type ToolCallFormat__Output = typeof ToolCallFormat[keyof typeof ToolCallFormat]
