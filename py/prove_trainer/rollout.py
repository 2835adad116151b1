"""Multi-turn rollouts of GRPO groups against the environment service.

Each task of a batch gets a session created from it (``CreateSession(task_id)``, so the reward
can refuse a trajectory scored against another task) and forked into a group. Then, round by
round, the policy writes the next assistant message of every live trajectory and ONE
``StepBatch`` runs them all; a message with tool calls gets the results and the policy writes
again; a message without calls answers the user's turn, and the next user turn of the task
follows, until the task's turns are played, the turn limits are reached or the token budget is
spent (a truncation, counted). Each group is then scored with ``ScoreGroup``.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, List, Sequence

from .client import ProveClient
from .policies.base import Policy, TaskView

#: Ends of a conversation.
ANSWERED, TURN_LIMIT, TRUNCATED, ENV_FAILURE = "answered", "turn_limit", "truncated", "env_failure"
TOOL_MESSAGE_CHARS = 2000


@dataclass
class Trajectory:
    """One member of a group: its session, the policy's context, and what happened."""

    task: TaskView
    group: int
    member: int
    session_id: str
    context: Any
    user_turn: int = 0
    assistant_turns: int = 0
    units: int = 0
    calls: int = 0
    end: str = ""
    outcomes: Counter = field(default_factory=Counter)
    transcript: List[Dict[str, str]] = field(default_factory=list)
    reward: float = 0.0
    components: Dict[str, float] = field(default_factory=dict)
    #: "ok", "masked" (environment failure: out of the loss) or "unscorable".
    score_outcome: str = "ok"
    advantage: float = 0.0

    @property
    def live(self) -> bool:
        return not self.end

    @property
    def trainable(self) -> bool:
        return self.score_outcome == "ok"


@dataclass
class RolloutLimits:
    format: str
    max_user_turns: int
    max_assistant_turns: int
    preset: str


class EnvTimer:
    """Seconds spent waiting on the environment service (for the environment's share of a step)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, fn, *args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - start


def derive_seed(*parts: object) -> int:
    """A 63-bit seed from any parts (run seed, step, task id, round): stable across processes and runs."""
    return int.from_bytes(hashlib.sha256("/".join(map(str, parts)).encode()).digest()[:8], "big") >> 1


def run_groups(
    client: ProveClient, policy: Policy, tasks: Sequence[TaskView], group_size: int, limits: RolloutLimits, timer: EnvTimer, seed: int = 0
) -> List[Trajectory]:
    env = client.env
    trajectories: List[Trajectory] = []
    roots = []
    for g, task in enumerate(tasks):
        root = timer(env.create_session, task_id=task.id)
        roots.append(root.session_id)
        for m, session in enumerate(timer(env.fork, root.session_id, group_size)):
            t = Trajectory(task, g, m, session.session_id, policy.begin(task))
            t.transcript += [{"role": "system", "content": task.system}, {"role": "user", "content": task.users[0]}]
            trajectories.append(t)
    try:
        _play(client, policy, trajectories, limits, timer, seed)
        _score(client, trajectories, tasks, limits.preset, timer)
    finally:
        timer(env.close, roots + [t.session_id for t in trajectories])
    return trajectories


def _play(client: ProveClient, policy: Policy, trajectories: List[Trajectory], limits: RolloutLimits, timer: EnvTimer, seed: int) -> None:
    user_turns = {id(t): min(len(t.task.users), limits.max_user_turns) for t in trajectories}
    for round_ in itertools.count():
        live = sorted((t for t in trajectories if t.live), key=lambda t: t.group)
        if not live:
            return
        # One sampling call per group, seeded by (step seed, task, round): see Policy.generate.
        generations = []
        for _, group in itertools.groupby(live, key=lambda t: t.group):
            members = list(group)
            generations += policy.generate([t.context for t in members], derive_seed(seed, members[0].task.id, round_))
        # A rollout never reads a step's state hash: the service skips computing it.
        steps = [(t.session_id, g.text, limits.format, t.user_turn) for t, g in zip(live, generations)]
        results = timer(client.env.step_batch, steps, state_hash=False)
        for t, g, r in zip(live, generations, results):
            t.assistant_turns += 1
            t.units += g.units
            t.transcript.append({"role": "assistant", "content": g.text})
            if not r.status.ok:  # the item could not run (the service's fault, or a lost session)
                t.outcomes["env_error"] += 1
                t.end = ENV_FAILURE
                continue
            made = len(r.calls) + len(r.format_errors)
            t.calls += made
            for call in r.calls:
                t.outcomes[call.result.outcome] += 1
            if r.format_errors:
                t.outcomes["parse_error"] += len(r.format_errors)
            t.transcript += [{"role": "tool", "content": m.get("content", "")[:TOOL_MESSAGE_CHARS]} for m in r.tool_messages]
            if g.truncated:
                t.end = TRUNCATED
            elif made:
                if t.assistant_turns >= limits.max_assistant_turns:
                    t.end = TURN_LIMIT
                elif not policy.add_tool_results(t.context, r):
                    t.end = TRUNCATED
            elif t.user_turn + 1 < user_turns[id(t)] and t.assistant_turns < limits.max_assistant_turns:
                t.user_turn += 1
                text = t.task.users[t.user_turn]
                t.transcript.append({"role": "user", "content": text})
                if not policy.add_user_turn(t.context, text):
                    t.end = TRUNCATED
            else:
                t.end = ANSWERED if t.user_turn + 1 >= user_turns[id(t)] else TURN_LIMIT


def _score(client: ProveClient, trajectories: List[Trajectory], tasks: Sequence[TaskView], preset: str, timer: EnvTimer) -> None:
    for g, task in enumerate(tasks):
        members = [t for t in trajectories if t.group == g]
        scored = timer(client.reward.score_group, task.id, session_ids=[t.session_id for t in members], preset=preset)
        for t, s in zip(members, scored.scores):
            t.reward = s.reward
            t.components = dict(s.components)
            if t.end == ENV_FAILURE:
                t.score_outcome = "masked"
            elif not s.status.ok:
                t.score_outcome = "unscorable"
            else:
                t.score_outcome = s.outcome
