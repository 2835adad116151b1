"""Token in, token out: a conversation kept as the exact token ids the model saw and wrote.

The prompt is rendered once by the model's chat template; the model's own tokens are appended
exactly as generated (never decoded and re-encoded); tool results and later user turns are
appended as ids of the template's rendering of just those messages. So the ids a policy is
trained on are the ids it sampled, and the loss mask is 1 exactly on them.

A template's rendering of new messages is found as a *delta*: the conversation
``[user, assistant]`` rendered with and without the new messages; what follows the assistant's
end-of-turn token is the text the new messages add (a turn separator included). A template that
re-renders earlier turns differently once more messages follow fails loudly here rather than
drifting silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence

_BASE = [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y"}]


@dataclass
class TokenConversation:
    """One trajectory's ids and loss mask (1 on the policy's own tokens)."""

    ids: List[int] = field(default_factory=list)
    mask: List[int] = field(default_factory=list)

    def append(self, ids: Sequence[int], trainable: bool) -> None:
        self.ids.extend(ids)
        self.mask.extend([1 if trainable else 0] * len(ids))

    def __len__(self) -> int:
        return len(self.ids)


class ChatRenderer:
    """Renders turns of a conversation to token ids with a Hugging Face tokenizer's chat template."""

    def __init__(self, tokenizer: Any, template_kwargs: Optional[Dict[str, Any]] = None):
        self.tokenizer = tokenizer
        self.kwargs = dict(template_kwargs or {})
        self.eos = tokenizer.eos_token
        if not self.eos:
            raise ValueError("the tokenizer has no eos_token: its end-of-turn token is needed to split turns")

    def render(self, messages: List[Dict[str, Any]], tools: Optional[List[Dict[str, Any]]] = None, generation_prompt: bool = False) -> str:
        return self.tokenizer.apply_chat_template(messages, tools=tools or None, tokenize=False, add_generation_prompt=generation_prompt, **self.kwargs)

    def encode(self, text: str) -> List[int]:
        return list(self.tokenizer.encode(text, add_special_tokens=False))

    def prompt(self, system: str, user: str, tools: List[Dict[str, Any]]) -> List[int]:
        """The first prompt: system (with the tools, as the template places them) and the first user turn."""
        messages = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}]
        return self.encode(self.render(messages, tools, generation_prompt=True))

    def tool_results(self, tool_messages: List[Dict[str, Any]]) -> List[int]:
        """Tool result messages (role "tool") and the next generation prompt."""
        return self.encode(self.delta([{"role": "tool", "content": m["content"], **({"name": m["name"]} if m.get("name") else {})} for m in tool_messages]))

    def user_turn(self, text: str) -> List[int]:
        """A new user turn and the next generation prompt."""
        return self.encode(self.delta([{"role": "user", "content": text}]))

    def delta(self, messages: List[Dict[str, Any]]) -> str:
        before = self.render(_BASE)
        after = self.render(_BASE + messages, generation_prompt=True)
        cut = before.rfind(self.eos)
        if cut < 0:
            raise ValueError(f"the chat template does not end an assistant turn with {self.eos!r}")
        cut += len(self.eos)
        if after[:cut] != before[:cut]:
            raise ValueError("the chat template renders earlier turns differently once messages follow; token-in/token-out needs a template that only appends")
        return after[cut:]
