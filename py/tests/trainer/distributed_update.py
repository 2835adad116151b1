"""One learner update of a tiny LoRA model on fixed trajectories, in one process or under torchrun.

Run by test_distributed.py: `python distributed_update.py OUT.json` and
`python -m torch.distributed.run --nproc-per-node 2 distributed_update.py OUT.json`. Each rank
takes its share of the same eight trajectories; rank 0 writes the batch's loss, the grad norm
and a checksum of the trained weights after the update.
"""

import json
import sys
from dataclasses import dataclass
from typing import Any

import torch

from prove_trainer.config import resolve
from prove_trainer.distributed import Dist
from prove_trainer.learner import update
from prove_trainer.models import REGISTRY
from prove_trainer.policies.hf import HFPolicy, LMContext, build_tiny
from prove_trainer.tokenizer import train_tokenizer


@dataclass
class Fixed:
    context: Any
    advantage: float
    units: int
    trainable: bool = True


def main(out: str, loss: str) -> None:
    dist = Dist()
    spec = REGISTRY["tiny-granite"]
    tokenizer = train_tokenizer(spec.template, ['<tool_call> list_accounts get_balance ACC-1001 {"a": 1}'] * 50, 300)
    cfg = resolve({"model": "tiny-granite", "loss": loss, "micro_batch": 2, "kl_beta": 0.05, "lr": 0.01, "seed": 4})
    policy = HFPolicy(cfg, spec, tokenizer, build_tiny(spec, len(tokenizer), 4, tokenizer), dist)
    optimizer = torch.optim.AdamW(list(policy.parameters()), lr=cfg.lr, weight_decay=0.0)
    rng = torch.Generator().manual_seed(7)
    trajectories = []
    for i in range(8):  # prompts and answers of different lengths; the last one is masked out
        prompt, answer = 5 + i, 3 + (i * 5) % 7
        ctx = LMContext(budget=64)
        ctx.conversation.append(torch.randint(0, len(tokenizer), (prompt,), generator=rng).tolist(), trainable=False)
        ctx.conversation.append(torch.randint(0, len(tokenizer), (answer,), generator=rng).tolist(), trainable=True)
        trajectories.append(Fixed(ctx, advantage=(-1.0) ** i * (0.5 + i / 8), units=answer, trainable=i != 7))
    mine = trajectories[dist.rank :: dist.world]
    first = update(policy, optimizer, mine, cfg, dist)
    # A second update: the first moved the adapter, so the KL term is no longer zero.
    second = update(policy, optimizer, mine, cfg, dist)
    from torch.distributed.checkpoint.state_dict import StateDictOptions, get_model_state_dict

    full = get_model_state_dict(policy.model, options=StateDictOptions(full_state_dict=True, cpu_offload=True))
    if dist.main:
        trained = [n for n, p in policy.model.named_parameters() if p.requires_grad]
        checksum = sum(float(full[n].double().abs().sum()) for n in trained)
        with open(out, "w") as f:
            json.dump({"first": first, "second": second, "weights": checksum, "processes": dist.world}, f)
    dist.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "grpo")
