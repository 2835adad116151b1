"""The stub policy: a small learnable torch policy with no language model, for CPU runs and CI.

At each assistant message it scores the candidate moves of ``candidates.py`` (reply, ask,
decline, or a call of one offered tool with arguments filled from what it has seen) with a
linear model over hashed features, samples one, and writes it as text in a real tool-call
format, so its messages go through the same ``Step`` parsing, tools and reward as a language
model's. Features cross the request's words with the tool's name words, the previous call with
this one, and the turn's progress (calls so far, last outcome): enough to learn which tool a
request needs, that a lookup comes before an act, and when to stop. One decision is one policy
"token": its log-prob is what the GRPO loss trains.
"""

from __future__ import annotations

import functools
import os
import zlib
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple

import torch

from ..client import StepResult
from .base import Generation, Policy, TaskView
from .candidates import Candidate, Observations, candidates, render_call, tool_words, words

DIM = 1 << 18
REPLY_FIELDS = ("id", "name", "title", "status", "total", "amount", "balance", "price", "subject", "number")


@dataclass
class Decision:
    #: Hashed feature ids of every candidate, and the index of the one taken.
    features: List[List[int]]
    chosen: int


@dataclass
class StubContext:
    task: TaskView
    obs: Observations
    request: str
    #: (tool, outcome) of this user turn's calls so far.
    turn_calls: List[Tuple[str, str]] = field(default_factory=list)
    #: Results of this turn's successful calls (for the reply).
    turn_results: List[Any] = field(default_factory=list)
    last_error: str = ""
    decisions: List[Decision] = field(default_factory=list)
    pending: Optional[Candidate] = None


def _bucket(n: int, top: int = 3) -> str:
    return str(min(n, top))


@functools.lru_cache(maxsize=1 << 18)
def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode()) % DIM


class StubPolicy(Policy):
    def __init__(self, format: str, read_only: Dict[str, bool], max_decisions: int):
        self.format = format
        self.max_units = max_decisions
        self.read_only = read_only
        self.weight = torch.nn.Parameter(torch.zeros(DIM))
        # The reference policy is the initial one (uniform over candidates); kept for the KL term.
        self.ref_weight = self.weight.detach().clone()
        # Gradients of a gathered weight accumulate shared features in parallel, in varying order;
        # one thread makes a run bit-for-bit repeatable (and costs nothing at this size).
        torch.set_num_threads(1)

    # ---- conversation -------------------------------------------------------------------
    def begin(self, task: TaskView) -> StubContext:
        obs = Observations()
        obs.add_user_text(task.users[0])
        return StubContext(task, obs, task.users[0])

    def add_tool_results(self, context: StubContext, step: StepResult) -> bool:
        for call in step.calls:
            outcome = call.result.outcome
            context.turn_calls.append((call.name, "ok" if outcome == "ok" else "error"))
            if outcome == "ok":
                context.obs.add_result(call.result.result)
                context.turn_results.append(call.result.result)
            elif call.result.error is not None:
                context.last_error = call.result.error.message
        for _ in step.format_errors:
            context.turn_calls.append(("", "error"))
        return True

    def add_user_turn(self, context: StubContext, text: str) -> bool:
        context.obs.add_user_text(text)
        context.request = text
        context.turn_calls, context.turn_results, context.last_error = [], [], ""
        return True

    # ---- acting -----------------------------------------------------------------------------
    def generate(self, contexts: List[StubContext], seed: int) -> List[Generation]:
        out = []
        generator = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            for ctx in contexts:
                cands = candidates(ctx.task.tools, ctx.obs, ctx.request)
                feats = [self._features(ctx, c) for c in cands]
                probs = torch.softmax(self._scores(feats, self.weight), dim=0)
                chosen = int(torch.multinomial(probs, 1, generator=generator))
                ctx.decisions.append(Decision(feats, chosen))
                out.append(Generation(self._text(ctx, cands[chosen]), 1, False))
        return out

    def _text(self, ctx: StubContext, c: Candidate) -> str:
        if c.kind == "call":
            return render_call(c.tool, c.arguments or {}, self.format, f"call_{len(ctx.decisions)}")
        if c.kind == "ask":
            about = c.about.rstrip(". ").strip()
            what = about[0].lower() + about[1:] if about else f"the {c.param.replace('_', ' ')}"
            return f"Before I go ahead, could you tell me {what}?"
        if c.kind == "decline":
            return "I'm sorry, but none of the tools I have can do that."
        return _reply(ctx)

    def _features(self, ctx: StubContext, c: Candidate) -> List[int]:
        request = sorted(set(words(ctx.request)))[:30]
        request_set = set(request)
        k = _bucket(len(ctx.turn_calls))
        last = ctx.turn_calls[-1][1] if ctx.turn_calls else "none"
        prev = ctx.turn_calls[-1][0] if ctx.turn_calls else "<start>"
        f: List[str] = [f"{c.kind}", f"{c.kind}|k={k}", f"{c.kind}|last={last}", f"{c.kind}|prev={prev}"]
        if c.kind == "call":
            name = c.tool
            parts = tool_words(name)
            times = sum(1 for t, _ in ctx.turn_calls if t == name)
            # How much of the tool's name the request says: the feature that generalises across tools.
            said = sum(1 for p in parts if p in request_set)
            share = "all" if said == len(parts) else ("most" if 2 * said >= len(parts) else ("some" if said else "none"))
            f += [
                f"t|{name}",
                f"t|{name}|k={k}",
                f"t|{name}|prev={prev}",
                f"t|again={_bucket(times, 2)}|last={last}",
                f"ro={self.read_only.get(name, False)}|k={k}",
                f"fill={c.fill}",
                f"said={share}",
                f"said={share}|k={k}",
                f"said={share}|fill={c.fill}",
                f"said={share}|again={_bucket(times, 2)}",
            ]
            f += [f"wt|{w}|{p}" for w in request for p in parts]
            f += [f"wn|{w}|{name}" for w in request]
        elif c.kind == "ask":
            f += [f"aw|{w}" for w in request] + [f"awt|{w}|{p}" for w in request for p in tool_words(c.tool)]
        else:
            overlap = max((len(set(request) & set(tool_words(t.get("function", t).get("name", "")))) for t in ctx.task.tools), default=0)
            f += [f"{c.kind}|w|{w}" for w in request] + [f"{c.kind}|overlap={_bucket(overlap, 2)}"]
        return [_hash(x) for x in f]

    @staticmethod
    def _scores(features: List[List[int]], weight: torch.Tensor) -> torch.Tensor:
        """Each candidate's score: the sum of its features' weights (a gather and a segment sum)."""
        flat = torch.tensor([i for fs in features for i in fs], dtype=torch.long)
        owner = torch.repeat_interleave(torch.arange(len(features)), torch.tensor([len(fs) for fs in features]))
        return torch.zeros(len(features), dtype=weight.dtype).index_add(0, owner, weight[flat])

    # ---- learning ---------------------------------------------------------------------------
    def _decision_logprobs(self, contexts: List[StubContext], weight: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        steps = max((len(c.decisions) for c in contexts), default=0)
        logp = torch.zeros(len(contexts), max(steps, 1))
        mask = torch.zeros(len(contexts), max(steps, 1))
        decisions = [(b, t, d) for b, c in enumerate(contexts) for t, d in enumerate(c.decisions)]
        if not decisions:
            return logp, mask
        widest = max(len(d.features) for _, _, d in decisions)
        scores = self._scores([fs for _, _, d in decisions for fs in d.features], weight)
        table = torch.full((len(decisions), widest), float("-inf"))
        rows = torch.tensor([i for i, (_, _, d) in enumerate(decisions) for _ in d.features])
        cols = torch.tensor([j for _, _, d in decisions for j in range(len(d.features))])
        table = table.index_put((rows, cols), scores)
        chosen = torch.tensor([d.chosen for _, _, d in decisions])
        picked = torch.log_softmax(table, dim=1).gather(1, chosen.unsqueeze(1)).squeeze(1)
        b_idx = torch.tensor([b for b, _, _ in decisions])
        t_idx = torch.tensor([t for _, t, _ in decisions])
        logp = logp.index_put((b_idx, t_idx), picked)
        mask[b_idx, t_idx] = 1.0
        return logp, mask

    def logprobs(self, contexts: List[StubContext], grad: bool) -> Tuple[torch.Tensor, torch.Tensor]:
        with torch.set_grad_enabled(grad):
            return self._decision_logprobs(contexts, self.weight)

    def ref_logprobs(self, contexts: List[StubContext]) -> Optional[torch.Tensor]:
        with torch.no_grad():
            return self._decision_logprobs(contexts, self.ref_weight)[0]

    def parameters(self) -> Iterable[torch.nn.Parameter]:
        return [self.weight]

    def save(self, directory: str) -> None:
        os.makedirs(directory, exist_ok=True)
        torch.save({"weight": self.weight.detach(), "ref_weight": self.ref_weight}, os.path.join(directory, "stub.pt"))

    def load(self, directory: str) -> None:
        state = torch.load(os.path.join(directory, "stub.pt"))
        with torch.no_grad():
            self.weight.copy_(state["weight"])
        self.ref_weight = state["ref_weight"]


def _reply(ctx: StubContext) -> str:
    """The stub's answer: what this turn's results say (their ids, names, amounts), or why it failed."""
    facts: List[str] = []
    for result in ctx.turn_results:
        for item in _items(result):
            for key in REPLY_FIELDS:
                value = item.get(key)
                if isinstance(value, (str, int, float)) and not isinstance(value, bool) and len(facts) < 12:
                    facts.append(f"{key.replace('_', ' ')} {value}")
    if facts:
        return "Done. " + "; ".join(facts) + "."
    if ctx.last_error:
        return f"I could not do that: {ctx.last_error}"
    return "All right."


def _items(result: Any) -> List[Dict[str, Any]]:
    if isinstance(result, dict):
        inner = result.get("items")
        head = [result] if any(k in result for k in REPLY_FIELDS) else []
        return head + ([i for i in inner[:3] if isinstance(i, dict)] if isinstance(inner, list) else [])
    if isinstance(result, list):
        return [i for i in result[:3] if isinstance(i, dict)]
    return []
