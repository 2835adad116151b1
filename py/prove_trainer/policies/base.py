"""What the rollout and the loss need from a policy, whatever it is (a language model or the stub).

A policy keeps one *context* per trajectory (its view of the conversation so far, in its own
units: token ids for a language model, decisions for the stub), writes assistant messages for a
batch of contexts, takes tool results and user turns into a context, and gives the log-probs of
its own units with gradients for the loss. The rollout never looks inside a context.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Tuple

import torch

from ..client import StepResult


@dataclass(frozen=True)
class TaskView:
    """What a policy may know of a task: what the user says and which tools are offered."""

    id: str
    system: str
    #: The user's turns, in order (the rollout reveals them one at a time).
    users: List[str]
    #: The offered tools in the OpenAI function format (as the task offers them: enums stripped when it says so).
    tools: List[Dict[str, Any]]


@dataclass(frozen=True)
class Generation:
    """One assistant message: its raw text, how many policy units it took, and whether it was cut off."""

    text: str
    units: int
    truncated: bool


class Policy(ABC):
    #: The tool-call format its messages are written in ("hermes", "granite", "openai").
    format: str
    #: Most units one conversation can train on (the constant length of Dr. GRPO's normaliser).
    max_units: int

    @abstractmethod
    def begin(self, task: TaskView) -> Any:
        """A new context: the system prompt, the tools and the first user turn."""

    @abstractmethod
    def generate(self, contexts: List[Any], seed: int) -> List[Generation]:
        """The next assistant message of each context (appended to it), sampled with ``seed``.

        The rollout calls this once per group and round with a seed derived from (run seed, step,
        task, round), so what is sampled never depends on how tasks are spread over processes or
        batched together, and a resumed run needs no sampler state."""

    @abstractmethod
    def add_tool_results(self, context: Any, step: StepResult) -> bool:
        """Appends the results of the message's calls; False when the context's budget is spent."""

    @abstractmethod
    def add_user_turn(self, context: Any, text: str) -> bool:
        """Appends the user's next turn; False when the context's budget is spent."""

    @abstractmethod
    def logprobs(self, contexts: List[Any], grad: bool) -> Tuple[torch.Tensor, torch.Tensor]:
        """Log-probs ``[B, T]`` of each context's own units under the current weights, and their mask."""

    @abstractmethod
    def ref_logprobs(self, contexts: List[Any]) -> Optional[torch.Tensor]:
        """The same under the reference policy (``None`` when there is none), aligned with ``logprobs``."""

    @abstractmethod
    def parameters(self) -> Iterable[torch.nn.Parameter]:
        """The trained parameters."""

    @abstractmethod
    def save(self, directory: str) -> None:
        """Writes the trained weights (and any state sampling needs) into ``directory``."""

    @abstractmethod
    def load(self, directory: str) -> None:
        """Restores what ``save`` wrote."""

    def optimizer_state(self, optimizer: torch.optim.Optimizer) -> Optional[Dict[str, Any]]:
        """The optimizer's state to checkpoint (None on ranks that do not write it)."""
        return optimizer.state_dict()

    def load_optimizer_state(self, optimizer: torch.optim.Optimizer, state: Dict[str, Any]) -> None:
        optimizer.load_state_dict(state)

    def sampler_logprobs(self, contexts: List[Any]) -> Optional[torch.Tensor]:
        """The sampling engine's log-probs aligned with ``logprobs`` when another engine sampled (vLLM), else None."""
        return None

    def after_update(self) -> None:  # noqa: B027 (an optional hook: most policies have nothing to do)
        """Called after each optimizer step (an external sampler takes the new weights here)."""

    def idle_pass(self) -> None:
        """A forward and backward that change nothing (ranks in lockstep); single-process policies never need it."""
        raise NotImplementedError(f"{type(self).__name__} trains in one process")
