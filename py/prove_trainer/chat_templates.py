"""Chat templates of the tiny models: the tool-use parts of the real families' templates.

They render system prompts, tools, tool calls and tool results exactly as the real templates do,
so the tiny models exercise the same token layout as the 8B models:

- ``granite4`` (Granite 4.x): tools in the system turn inside ``<tools>``, calls as
  ``<tool_call>{…}</tool_call>``, results in a user turn inside ``<tool_response>``; turns end
  with ``<|end_of_text|>``.
- ``qwen3`` (Qwen3, Hermes style): the same tags inside ``<|im_start|>…<|im_end|>`` turns; the
  generation prompt opens an empty reasoning block when ``enable_thinking`` is false.

What they leave out (documents for RAG, Qwen3's stripping of older reasoning) never occurs in
our conversations: the rollout appends token ids and never re-renders a past turn.
"""

GRANITE4 = (
    "{%- set tools_prefix = 'You are a helpful assistant with access to the following tools. You may call one or more tools to assist with the user query.\\n\\nYou are provided with function signatures within <tools></tools> XML tags:\\n<tools>' -%}"
    '{%- set tools_suffix = \'\\n</tools>\\n\\nFor each tool call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{"name": <function-name>, "arguments": <args-json-object>}\\n</tool_call>. If a tool does not exist in the provided list of tools, notify the user that you do not have the ability to fulfill the request.\' -%}'
    "{%- set ns = namespace(tools='', system='') -%}"
    "{%- if tools -%}{%- set ns.tools = tools_prefix -%}"
    "{%- for tool in tools -%}{%- set ns.tools = ns.tools + '\\n' + (tool | tojson) -%}{%- endfor -%}"
    "{%- set ns.tools = ns.tools + tools_suffix -%}{%- endif -%}"
    "{%- if messages and messages[0].role == 'system' -%}{%- set ns.system = messages[0].content -%}"
    "{%- if ns.tools -%}{%- set ns.system = ns.system + '\\n\\n' + ns.tools -%}{%- endif -%}"
    "{%- elif ns.tools -%}{%- set ns.system = ns.tools -%}"
    "{%- else -%}{%- set ns.system = 'You are a helpful assistant. Please ensure responses are professional, accurate, and safe.' -%}{%- endif -%}"
    "{{- '<|start_of_role|>system<|end_of_role|>' + ns.system + '<|end_of_text|>\\n' -}}"
    "{%- for message in messages -%}"
    "{%- if message.role == 'user' or (message.role == 'system' and not loop.first) -%}"
    "{{- '<|start_of_role|>' + message.role + '<|end_of_role|>' + message.content + '<|end_of_text|>\\n' -}}"
    "{%- elif message.role == 'assistant' -%}"
    "{{- '<|start_of_role|>assistant<|end_of_role|>' + (message.content or '') -}}"
    "{%- for call in (message.tool_calls or []) -%}"
    "{%- if not loop.first or message.content -%}{{- '\\n' -}}{%- endif -%}"
    "{%- set fn = call.function if call.function is defined else call -%}"
    "{{- '<tool_call>\\n{\"name\": \"' + fn.name + '\", \"arguments\": ' + (fn.arguments if fn.arguments is string else (fn.arguments | tojson)) + '}\\n</tool_call>' -}}"
    "{%- endfor -%}"
    "{{- '<|end_of_text|>\\n' -}}"
    "{%- elif message.role == 'tool' -%}"
    "{%- if loop.first or messages[loop.index0 - 1].role != 'tool' -%}{{- '<|start_of_role|>user<|end_of_role|>' -}}{%- endif -%}"
    "{{- '\\n<tool_response>\\n' + message.content + '\\n</tool_response>' -}}"
    "{%- if loop.last or messages[loop.index0 + 1].role != 'tool' -%}{{- '<|end_of_text|>\\n' -}}{%- endif -%}"
    "{%- endif -%}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{- '<|start_of_role|>assistant<|end_of_role|>' -}}{%- endif -%}"
)

QWEN3 = (
    "{%- if tools -%}"
    "{{- '<|im_start|>system\\n' -}}"
    "{%- if messages and messages[0].role == 'system' -%}{{- messages[0].content + '\\n\\n' -}}{%- endif -%}"
    "{{- '# Tools\\n\\nYou may call one or more functions to assist with the user query.\\n\\nYou are provided with function signatures within <tools></tools> XML tags:\\n<tools>' -}}"
    "{%- for tool in tools -%}{{- '\\n' + (tool | tojson) -}}{%- endfor -%}"
    '{{- \'\\n</tools>\\n\\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{"name": <function-name>, "arguments": <args-json-object>}\\n</tool_call><|im_end|>\\n\' -}}'
    "{%- elif messages and messages[0].role == 'system' -%}"
    "{{- '<|im_start|>system\\n' + messages[0].content + '<|im_end|>\\n' -}}"
    "{%- endif -%}"
    "{%- for message in messages -%}"
    "{%- if message.role == 'user' or (message.role == 'system' and not loop.first) -%}"
    "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' -}}"
    "{%- elif message.role == 'assistant' -%}"
    "{{- '<|im_start|>assistant\\n' + (message.content or '') -}}"
    "{%- for call in (message.tool_calls or []) -%}"
    "{%- if not loop.first or message.content -%}{{- '\\n' -}}{%- endif -%}"
    "{%- set fn = call.function if call.function is defined else call -%}"
    "{{- '<tool_call>\\n{\"name\": \"' + fn.name + '\", \"arguments\": ' + (fn.arguments if fn.arguments is string else (fn.arguments | tojson)) + '}\\n</tool_call>' -}}"
    "{%- endfor -%}"
    "{{- '<|im_end|>\\n' -}}"
    "{%- elif message.role == 'tool' -%}"
    "{%- if loop.first or messages[loop.index0 - 1].role != 'tool' -%}{{- '<|im_start|>user' -}}{%- endif -%}"
    "{{- '\\n<tool_response>\\n' + message.content + '\\n</tool_response>' -}}"
    "{%- if loop.last or messages[loop.index0 + 1].role != 'tool' -%}{{- '<|im_end|>\\n' -}}{%- endif -%}"
    "{%- endif -%}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n' -}}"
    "{%- if enable_thinking is defined and enable_thinking is false -%}{{- '<think>\\n\\n</think>\\n\\n' -}}{%- endif -%}"
    "{%- endif -%}"
)


#: Per family: the template, the special tokens (atomic, never split), the plain added tokens
#: (tags the model writes as text), the end-of-turn token generation stops at, and the pad token.
FAMILIES = {
    "granite4": {
        "template": GRANITE4,
        "special": ["<|start_of_role|>", "<|end_of_role|>", "<|end_of_text|>", "<|pad|>"],
        "tags": ["<tool_call>", "</tool_call>", "<tool_response>", "</tool_response>", "<think>", "</think>"],
        "eos": "<|end_of_text|>",
        "pad": "<|pad|>",
    },
    "qwen3": {
        "template": QWEN3,
        "special": ["<|im_start|>", "<|im_end|>", "<|endoftext|>"],
        "tags": ["<tool_call>", "</tool_call>", "<tool_response>", "</tool_response>", "<think>", "</think>"],
        "eos": "<|im_end|>",
        "pad": "<|endoftext|>",
    },
}
