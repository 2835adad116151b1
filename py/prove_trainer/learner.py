"""The learning half of a step: group advantages, then the loss and the optimizer update.

Kept apart from the loop so that it is tested on its own (by hand in test_grpo.py, and across
processes against a single one in test_distributed.py). Trajectories only need ``group``,
``reward``, ``trainable``, ``units``, ``context`` and ``advantage``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List, Sequence

import torch

from .config import TrainConfig
from .distributed import Dist
from .grpo import group_advantages, micro_weight, policy_loss, truncated_is
from .policies.base import Policy


def assign_advantages(trajectories: Sequence[Any], scale: bool) -> int:
    """Sets each trajectory's advantage within its group; returns how many groups had no signal."""
    zero = 0
    for g in sorted({t.group for t in trajectories}):
        members = [t for t in trajectories if t.group == g]
        result = group_advantages(torch.tensor([t.reward for t in members]), torch.tensor([t.trainable for t in members]), scale=scale)
        zero += int(result.zero_variance)
        for t, a in zip(members, result.advantages.tolist()):
            t.advantage = a
    return zero


def update(policy: Policy, optimizer: torch.optim.Optimizer, trajectories: Sequence[Any], cfg: TrainConfig, dist: Dist) -> Dict[str, float]:
    """One batch's optimizer update(s); every rank calls it with its own trajectories.

    Returns the batch's loss terms (summed over ranks: the whole batch's loss) and grad norm.
    """
    scored = [t for t in trajectories if t.trainable]
    # A trajectory without units of its own (cut off before it wrote anything) adds nothing to the
    # loss; it still counts in Dr. GRPO's constant normaliser (batch size x length).
    batch = [t for t in scored if t.units > 0]
    chunks = [batch[i : i + cfg.micro_batch] for i in range(0, len(batch), cfg.micro_batch)]
    # Normalisers over the whole batch, all ranks together. A unit is a trained token (language
    # models) or decision (stub).
    tokens, sequences, n_scored = dist.sum([sum(t.units for t in batch), len(batch), len(scored)])
    if sequences == 0:
        return {}
    # Sharded training runs every micro-batch on every rank: a rank with fewer idles through the rest.
    rounds = dist.max(len(chunks))
    several = cfg.updates_per_batch > 1
    # On-policy (one update) the sampling policy is the current one; otherwise freeze it first.
    old: List[Any] = [policy.logprobs([t.context for t in c], grad=False)[0] if several else None for c in chunks]
    for _ in range(rounds - len(chunks) if several else 0):
        policy.idle_pass()
    # FSDP averages gradients over ranks; each rank's share of the loss is scaled back up.
    scale = float(dist.world)
    params = list(policy.parameters())
    sums: Counter = Counter()
    grad_norm = float("nan")
    for _ in range(cfg.updates_per_batch):
        optimizer.zero_grad(set_to_none=True)
        for c, old_logp in zip(chunks, old):
            contexts = [t.context for t in c]
            logp, mask = policy.logprobs(contexts, grad=True)
            ref = policy.ref_logprobs(contexts) if cfg.kl_beta > 0 else None
            advantages = torch.tensor([t.advantage for t in c], device=logp.device)
            old_logp = logp.detach() if old_logp is None else old_logp.to(logp.device)
            sampler = policy.sampler_logprobs(contexts)
            weights = None
            if sampler is not None:  # sampled by another engine: truncated importance sampling
                tis = truncated_is(old_logp, sampler, mask, cfg.is_cap)
                weights = tis["weights"]
                for key in ("is_ratio_mean", "is_truncated"):
                    sums[key] += float(tis[key]) * micro_weight("dapo", mask, tokens, sequences, int(n_scored))
            out = policy_loss(
                logp,
                old_logp,
                advantages,
                mask,
                aggregation=cfg.loss,
                clip_low=cfg.clip_low,
                clip_high=cfg.upper_clip,
                ref_logp=ref,
                kl_beta=cfg.kl_beta,
                max_len=policy.max_units,
                is_weights=weights,
            )
            w = micro_weight(cfg.loss, mask, tokens, sequences, int(n_scored))
            (out["loss"] * w * scale).backward()
            for key in ("loss", "pg_loss", "kl", "clip_fraction"):
                sums[key] += float(out[key].detach()) * w
        for _ in range(rounds - len(chunks)):
            policy.idle_pass()
        grad_norm = float(torch.nn.utils.clip_grad_norm_(params, cfg.grad_clip if cfg.grad_clip > 0 else float("inf")))
        optimizer.step()
        policy.after_update()
    # Fixed keys: every rank all-reduces the same list.
    keys = ("clip_fraction", "kl", "loss", "pg_loss") + (("is_ratio_mean", "is_truncated") if "is_ratio_mean" in sums else ())
    totals = dist.sum([sums[k] for k in keys])
    return {**{k: v / cfg.updates_per_batch for k, v in zip(keys, totals)}, "grad_norm": grad_norm}
