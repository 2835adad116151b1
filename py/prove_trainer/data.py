"""Training tasks: which task comes next (a resumable, seeded order) and what a policy sees of it."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any, Dict, List, Sequence

from .client import ProveClient
from .policies.base import TaskView


@dataclass
class TaskCursor:
    """Tasks in a fresh seeded permutation each epoch; its position is part of every checkpoint."""

    ids: Sequence[str]
    seed: int
    epoch: int = 0
    position: int = 0

    def next(self, n: int) -> List[str]:
        out: List[str] = []
        while len(out) < n:
            order = self._order()
            take = order[self.position : self.position + n - len(out)]
            out.extend(take)
            self.position += len(take)
            if self.position >= len(order):
                self.epoch, self.position = self.epoch + 1, 0
        return out

    def _order(self) -> List[str]:
        order = sorted(self.ids)
        random.Random(f"{self.seed}:{self.epoch}").shuffle(order)
        return order

    def state(self) -> Dict[str, int]:
        return {"epoch": self.epoch, "position": self.position}

    def restore(self, state: Dict[str, int]) -> None:
        self.epoch, self.position = int(state["epoch"]), int(state["position"])


class TaskCatalog:
    """The dataset's tasks, fetched from the Tasks service (ids up front, each task on first use)."""

    def __init__(self, client: ProveClient, dataset: str, kinds: Sequence[str] = ()):
        self.client = client
        self.dataset = dataset
        self.ids: List[str] = []
        self.kinds: Dict[str, str] = {}
        offset = 0
        while offset >= 0:
            page = client.tasks.list(dataset=dataset, offset=offset, limit=1000)
            for t in page.tasks:
                if not kinds or t.kind in kinds:
                    self.ids.append(t.id)
                    self.kinds[t.id] = t.kind
            offset = page.next_offset
        if not self.ids:
            raise ValueError(f"dataset {dataset!r} has no tasks" + (f" of kind {', '.join(kinds)}" if kinds else ""))
        self._views: Dict[str, TaskView] = {}
        self._raw: Dict[str, Dict[str, Any]] = {}

    def view(self, task_id: str) -> TaskView:
        if task_id not in self._views:
            got = self.client.tasks.get(task_id, dataset=self.dataset)
            task, chat = got.task, got.chat
            self._raw[task_id] = task
            self._views[task_id] = TaskView(task_id, task.get("system", ""), [t["user"] for t in task["turns"]], offered_tools(chat, task))
        return self._views[task_id]

    def task(self, task_id: str) -> Dict[str, Any]:
        self.view(task_id)
        return self._raw[task_id]


def offered_tools(chat: Dict[str, Any], task: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The task's tools as its chat record offers them (the synthesizer applied its knobs there)."""
    tools = chat.get("tools")
    if isinstance(tools, str):
        tools = json.loads(tools)
    if not isinstance(tools, list):
        raise ValueError(f"task {task.get('id')} has no tool list in its chat record")
    return tools
