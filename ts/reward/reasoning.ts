/**
 * What a reply says to the user, without the model's reasoning: every check of a reply (facts,
 * asking, claims) reads this, so a question or a number written only in the reasoning counts for
 * nothing.
 *
 * Reasoning formats removed:
 * - `<think>…</think>` (Qwen3, DeepSeek-R1, Granite 4.2); an unclosed `<think>` runs to the end,
 *   and a lone `</think>` (the template opened the block in the prompt) ends reasoning that began
 *   at the start of the reply;
 * - Granite 3.3: `<think>…</think><response>…</response>` — the response's content is kept;
 * - Granite 3.2: "Here is my thought process: … Here is my response: …" ("Here's" too).
 */

const THINK_BLOCK = /<think>[\s\S]*?(?:<\/think>|$)/gi;
const GRANITE_THOUGHT = /(?:here's|here is) my thought process:/i;
const GRANITE_RESPONSE = /(?:here's|here is) my response:/i;

export function stripReasoning(text: string): string {
  let out = text;
  const close = out.search(/<\/think>/i);
  const open = out.search(/<think>/i);
  if (close >= 0 && (open < 0 || close < open)) out = out.slice(close + "</think>".length);
  out = out.replace(THINK_BLOCK, "");
  out = out.replace(/<\/?response>/gi, "");
  const thought = out.search(GRANITE_THOUGHT);
  if (thought >= 0) {
    const rest = out.slice(thought);
    const response = rest.search(GRANITE_RESPONSE);
    out = out.slice(0, thought) + (response >= 0 ? rest.slice(response).replace(GRANITE_RESPONSE, "") : "");
  }
  return out.trim();
}
