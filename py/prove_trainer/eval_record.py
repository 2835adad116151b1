"""What an evaluation keeps of each trajectory, recorded around the trainer's own rollout.

``rollout.run_groups`` keeps what training needs (the reward, its components, a transcript); an
evaluation also wants every call with its arguments, outcome and the state paths it changed, the
replies by user turn and the reward's detail. ``RecordingClient`` wraps the client the rollout
talks to and keeps those as they pass, by session id, so the rollout runs unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Dict, Iterable, List, Sequence, Tuple

from .client import GroupScore, ProveClient, StepResult


class _Env:
    def __init__(self, env: Any, log: "RecordingClient"):
        self._env = env
        self._log = log

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)

    def step_batch(self, steps: Iterable[Tuple[Any, ...]], state_hash: bool = True) -> List[StepResult]:
        steps = list(steps)
        results = self._env.step_batch(steps, state_hash=state_hash)
        for request, result in zip(steps, results):
            self._log.record_step(request[0], request[3] if len(request) > 3 else 0, result)
        return results


class _Reward:
    def __init__(self, reward: Any, log: "RecordingClient"):
        self._reward = reward
        self._log = log

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reward, name)

    def score_group(self, task: Any, session_ids: Sequence[str] = (), **kwargs: Any) -> GroupScore:
        scored = self._reward.score_group(task, session_ids=session_ids, **kwargs)
        for sid, score in zip(session_ids, scored.scores):
            self._log.details[sid] = score.detail or {}
        return scored


class RecordingClient:
    """A ``ProveClient`` look-alike that remembers each session's calls, replies and score detail."""

    def __init__(self, client: ProveClient):
        self.client = client
        self.env = _Env(client.env, self)
        self.reward = _Reward(client.reward, self)
        self.tasks = client.tasks
        self.calls: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
        self.replies: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
        self.details: Dict[str, Dict[str, Any]] = {}

    def record_step(self, session_id: str, turn: int, r: StepResult) -> None:
        if not r.status.ok:
            return
        for c in r.calls:
            res = c.result
            self.calls[session_id].append(
                {
                    "turn": turn,
                    "name": c.name,
                    "arguments": c.arguments,
                    "outcome": res.outcome,
                    **({"error": {"code": res.error.code, "message": res.error.message}} if res.error else {}),
                    "changes": [{"path": ch.path, "op": ch.op} for ch in res.changes],
                }
            )
        for e in r.format_errors:
            self.calls[session_id].append(
                {
                    "turn": turn,
                    "name": "",
                    "arguments": e.fragment,
                    "outcome": "parse_error",
                    "error": {"code": "parse_error", "message": e.message},
                    "changes": [],
                }
            )
        if r.reply_text:
            self.replies[session_id].append({"turn": turn, "text": r.reply_text})
