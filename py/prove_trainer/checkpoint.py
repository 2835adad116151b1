"""Checkpoints: everything a run needs to continue exactly, written so a crash never leaves half of one.

``checkpoints/step-000010/`` holds the policy's trained weights (full tensors, also when the
training was sharded), the optimizer, each process's RNG states and ``state.json`` (step, data
cursor, number of processes). It is
written under a temporary name and renamed into place; ``checkpoints/latest`` then names it
(also replaced atomically). A run resumed from it repeats nothing and loses nothing.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from typing import Any, Dict, Optional

import torch

from .distributed import Dist
from .policies.base import Policy

LATEST = "latest"


def _dir(run_dir: str) -> str:
    return os.path.join(run_dir, "checkpoints")


def _write_atomic(path: str, text: str) -> None:
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def rng_state() -> Dict[str, Any]:
    state: Dict[str, Any] = {"python": random.getstate(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def restore_rng(state: Dict[str, Any]) -> None:
    random.setstate(state["python"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def save(run_dir: str, step: int, policy: Policy, optimizer: torch.optim.Optimizer, state: Dict[str, Any], keep: int, dist: Optional[Dist] = None) -> str:
    """Writes a checkpoint (every rank calls it: gathering sharded weights is collective; rank 0 writes)."""
    dist = dist or Dist()
    root = _dir(run_dir)
    name = f"step-{step:06d}"
    final = os.path.join(root, name)
    tmp = os.path.join(root, f".tmp-{name}")
    if dist.main:
        os.makedirs(root, exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
    dist.barrier()
    policy.save(os.path.join(tmp, "policy"))
    optimizer_state = policy.optimizer_state(optimizer)
    torch.save(rng_state(), os.path.join(tmp, f"rng-{dist.rank}.pt"))
    dist.barrier()
    if dist.main:
        torch.save(optimizer_state, os.path.join(tmp, "optimizer.pt"))
        _write_atomic(os.path.join(tmp, "state.json"), json.dumps({**state, "step": step, "processes": dist.world}, indent=2))
        if os.path.exists(final):  # the same step written again after a resume: replace it whole
            shutil.rmtree(final)
        os.replace(tmp, final)
        _write_atomic(os.path.join(root, LATEST), name + "\n")
        older = sorted(d for d in os.listdir(root) if d.startswith("step-") and d < name)
        leftovers = [d for d in os.listdir(root) if d.startswith(".tmp-")]  # of a save a crash cut short
        for old in older[: max(0, len(older) - (keep - 1))] + leftovers:
            shutil.rmtree(os.path.join(root, old), ignore_errors=True)
    dist.barrier()
    return final


def latest(run_dir: str) -> Optional[str]:
    """The newest complete checkpoint of a run, or None."""
    pointer = os.path.join(_dir(run_dir), LATEST)
    if not os.path.exists(pointer):
        return None
    with open(pointer, encoding="utf8") as f:
        path = os.path.join(_dir(run_dir), f.read().strip())
    return path if os.path.exists(os.path.join(path, "state.json")) else None


def load(path: str, policy: Policy, optimizer: torch.optim.Optimizer, dist: Optional[Dist] = None) -> Dict[str, Any]:
    """Restores a checkpoint into the policy, optimizer and RNGs; returns its state.json."""
    dist = dist or Dist()
    with open(os.path.join(path, "state.json"), encoding="utf8") as f:
        state = json.load(f)
    if state.get("processes", 1) != dist.world:
        raise ValueError(f"{path} was written by {state.get('processes', 1)} trainer process(es); resume it with as many (this run has {dist.world})")
    policy.load(os.path.join(path, "policy"))
    policy.load_optimizer_state(optimizer, torch.load(os.path.join(path, "optimizer.pt"), weights_only=False))
    restore_rng(torch.load(os.path.join(path, f"rng-{dist.rank}.pt"), weights_only=False))
    return state
