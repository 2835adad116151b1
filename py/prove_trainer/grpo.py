"""GRPO as pure functions over tensors: advantages, the clipped policy loss, KL, aggregation.

Nothing here does I/O or knows about models (in the manner of verl's ``core_algos``), so each
function is tested against hand-computed values. Shapes: ``[B, T]`` for per-token values
(B sequences, T positions) with a 0/1 ``mask`` marking the policy's own tokens; ``[B]`` per
sequence. Aggregations, by name:

- ``grpo``: the mean over a sequence's tokens, then the mean over sequences (the GRPO paper);
- ``dr_grpo``: the sum over a sequence's tokens divided by a constant length, then the mean
  over sequences (Dr. GRPO: no length bias, and no std normalisation of advantages);
- ``dapo``: the mean over every token of the batch (DAPO's token-level loss).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional

import torch

LOSS_AGGREGATIONS = ("grpo", "dr_grpo", "dapo")


@dataclass(frozen=True)
class GroupAdvantages:
    #: One advantage per trajectory; 0 for trajectories left out (masked) and for groups with no signal.
    advantages: torch.Tensor
    #: True when every counted reward of the group is equal: the group gives no gradient.
    zero_variance: bool


def group_advantages(rewards: torch.Tensor, valid: torch.Tensor, scale: bool = True, eps: float = 1e-6) -> GroupAdvantages:
    """Group-normalised advantages: ``(r - mean) / (std + eps)`` over the valid members.

    ``valid`` (bool, ``[G]``) leaves out trajectories whose score must not train the policy
    (environment failures, unscorable): they neither enter the mean and std nor get an advantage.
    ``scale=False`` keeps ``r - mean`` (Dr. GRPO). The std is the population std, as GRPO uses.
    """
    rewards = rewards.to(torch.float64)
    adv = torch.zeros_like(rewards)
    n = int(valid.sum())
    if n == 0:
        return GroupAdvantages(adv.float(), True)
    r = rewards[valid]
    mean = r.mean()
    std = r.std(unbiased=False)
    if n < 2 or float(r.max() - r.min()) <= 1e-12:
        return GroupAdvantages(adv.float(), True)
    centred = r - mean
    adv[valid] = centred / (std + eps) if scale else centred
    return GroupAdvantages(adv.float(), False)


def aggregate(values: torch.Tensor, mask: torch.Tensor, mode: str, max_len: Optional[int] = None) -> torch.Tensor:
    """Reduces per-token ``values`` ``[B, T]`` over ``mask`` to a scalar, by ``mode``."""
    mask = mask.to(values.dtype)
    if mode == "grpo":
        per_seq = (values * mask).sum(-1) / mask.sum(-1).clamp(min=1.0)
        has_tokens = (mask.sum(-1) > 0).to(values.dtype)
        return (per_seq * has_tokens).sum() / has_tokens.sum().clamp(min=1.0)
    if mode == "dr_grpo":
        length = float(max_len if max_len is not None else values.shape[-1])
        return (values * mask).sum() / (values.shape[0] * length)
    if mode == "dapo":
        return (values * mask).sum() / mask.sum().clamp(min=1.0)
    raise ValueError(f"unknown loss aggregation {mode!r}; use one of {', '.join(LOSS_AGGREGATIONS)}")


def micro_weight(mode: str, mask: torch.Tensor, total_tokens: float, total_sequences: float, batch_size: int) -> float:
    """The weight of one micro-batch's aggregated loss so that the weighted sum over micro-batches
    equals the aggregate over the whole batch (gradient accumulation without changing the loss)."""
    if mode == "grpo":
        return float((mask.sum(-1) > 0).sum()) / max(total_sequences, 1.0)
    if mode == "dr_grpo":
        return mask.shape[0] / max(batch_size, 1)
    if mode == "dapo":
        return float(mask.sum()) / max(total_tokens, 1.0)
    raise ValueError(f"unknown loss aggregation {mode!r}; use one of {', '.join(LOSS_AGGREGATIONS)}")


def truncated_is(old_logp: torch.Tensor, sampler_logp: torch.Tensor, mask: torch.Tensor, cap: float) -> Dict[str, torch.Tensor]:
    """Truncated importance sampling between the sampler (vLLM) and the trainer.

    The two engines compute slightly different probabilities for the same weights (kernels,
    precision), so the sampled tokens are off-policy for the trainer by a little; each token's
    surrogate is weighted by ``min(π_trainer / π_sampler, cap)`` (TIS, Yao et al. 2025). Returns
    the ``weights`` and, over the policy's tokens, the mean ratio and the share truncated.
    """
    ratio = torch.exp((old_logp - sampler_logp).clamp(-20.0, 20.0))
    weights = ratio.clamp(max=cap)
    n = mask.sum().clamp(min=1.0)
    return {"weights": weights, "is_ratio_mean": (ratio * mask).sum() / n, "is_truncated": ((ratio > cap).to(mask.dtype) * mask).sum() / n}


def kl_k3(logp: torch.Tensor, ref_logp: torch.Tensor) -> torch.Tensor:
    """Per-token KL(π‖π_ref) by the k3 estimator ``exp(q - p) - (q - p) - 1`` (≥ 0, unbiased)."""
    delta = (ref_logp - logp).clamp(-20.0, 20.0)
    return torch.exp(delta) - delta - 1.0


def policy_loss(
    logp: torch.Tensor,
    old_logp: torch.Tensor,
    advantages: torch.Tensor,
    mask: torch.Tensor,
    *,
    aggregation: str = "grpo",
    clip_low: float = 0.2,
    clip_high: float = 0.2,
    ref_logp: Optional[torch.Tensor] = None,
    kl_beta: float = 0.0,
    max_len: Optional[int] = None,
    is_weights: Optional[torch.Tensor] = None,
) -> Dict[str, torch.Tensor]:
    """The token-level clipped surrogate (PPO/GRPO) plus an optional KL penalty.

    ``advantages`` is per sequence (``[B]``) and broadcast over tokens. ``is_weights`` (``[B, T]``,
    see ``truncated_is``) reweights each token's surrogate when the tokens were sampled by another
    engine than the one computing ``logp``. Returns ``loss`` (to minimise) and detached metrics:
    ``pg_loss``, ``kl``, ``clip_fraction`` (share of the policy's tokens where the clipped branch
    was taken).
    """
    adv = advantages.to(logp.dtype).unsqueeze(-1)
    ratio = torch.exp((logp - old_logp).clamp(-20.0, 20.0))
    unclipped = ratio * adv
    clipped = ratio.clamp(1.0 - clip_low, 1.0 + clip_high) * adv
    per_token = -torch.minimum(unclipped, clipped)
    if is_weights is not None:
        per_token = per_token * is_weights.detach()
    pg = aggregate(per_token, mask, aggregation, max_len)
    clip_taken = (clipped < unclipped).to(logp.dtype)
    clip_fraction = (clip_taken * mask).sum() / mask.sum().clamp(min=1.0)
    kl = torch.zeros((), dtype=logp.dtype)
    loss = pg
    if ref_logp is not None:
        kl = aggregate(kl_k3(logp, ref_logp), mask, aggregation, max_len)
        loss = pg + kl_beta * kl
    return {"loss": loss, "pg_loss": pg.detach(), "kl": kl.detach(), "clip_fraction": clip_fraction.detach()}
