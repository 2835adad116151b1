"""TRL's `GRPOTrainer` on PROVE tasks: multi-turn rollouts in PROVE sessions through TRL's `rollout_func`.

Targets TRL 1.16 (its `rollout_func` is experimental there: TRL passes the prompts of a batch,
each repeated `num_generations` times, and the trainer; the function returns token ids per
completion). Each prompt row names its task (a ``task_id`` key on its messages, which chat
templates ignore); the rollout plays each task's group through the same code as PROVE's own
trainer (sessions created from the task and forked, one `StepBatch` per round, user turns from
the task, token-in/token-out), and returns the whole multi-turn conversation after the first
prompt as the "completion", with ``env_mask`` marking the model's own tokens (tool results and
later user turns are never trained), and the `ScoreGroup` reward as an extra field for the
reward function::

    from prove_trainer import ProveClient
    from prove_trainer.integrations.trl import ProveRollout, prove_dataset, prove_reward

    client = ProveClient("127.0.0.1:50051", token=...).wait_ready()
    trainer = GRPOTrainer(model=model, processing_class=tokenizer, args=GRPOConfig(...),
                          train_dataset=prove_dataset(client), reward_funcs=prove_reward,
                          rollout_func=ProveRollout(client, format="hermes"))

An environment failure (a trajectory PROVE masks out of the loss) gets the reward ``None``, which
TRL treats as "not applicable" for that reward function.
"""

from __future__ import annotations

import itertools
from typing import Any, Dict, List, Optional

from ..client import ProveClient
from ..config import resolve
from ..data import TaskCatalog
from ..distributed import Dist
from ..models import ModelSpec
from ..policies.hf import HFPolicy
from ..rollout import EnvTimer, RolloutLimits, derive_seed, run_groups

REWARD_FIELD = "prove_reward"


def prove_dataset(client: ProveClient, dataset: str = "default", kinds: tuple = ()):
    """The tasks of a Tasks-service dataset as a Hugging Face dataset with a conversational "prompt"."""
    from datasets import Dataset

    catalog = TaskCatalog(client, dataset, kinds)
    rows = []
    for task_id in catalog.ids:
        view = catalog.view(task_id)
        rows.append(
            {"prompt": [{"role": "system", "content": view.system, "task_id": task_id}, {"role": "user", "content": view.users[0], "task_id": task_id}]}
        )
    return Dataset.from_list(rows)


def prove_reward(completions: List[Any], **kwargs: Any) -> List[Optional[float]]:
    """The reward `ProveRollout` scored for each completion (PROVE's ScoreGroup, by preset)."""
    return list(kwargs[REWARD_FIELD])


class ProveRollout:
    """A `rollout_func` for TRL's GRPOTrainer (see the module's docstring)."""

    def __init__(
        self,
        client: ProveClient,
        format: str = "hermes",
        dataset: str = "default",
        preset: str = "verified",
        max_user_turns: int = 5,
        max_assistant_turns: int = 10,
        max_new_tokens: int = 512,
        max_total_tokens: int = 16384,
        seed: int = 0,
    ):
        self.client = client
        self.catalog = TaskCatalog(client, dataset)
        # The policy only generates here (TRL trains): no LoRA wrapping, no reference, no sharding.
        self.cfg = resolve(
            {
                "model": "trl",
                "format": format,
                "lora": False,
                "kl_beta": 0.0,
                "gradient_checkpointing": False,
                "preset": preset,
                "max_user_turns": max_user_turns,
                "max_assistant_turns": max_assistant_turns,
                "max_new_tokens": max_new_tokens,
                "max_total_tokens": max_total_tokens,
                "seed": seed,
            }
        )
        self.limits = RolloutLimits(format, max_user_turns, max_assistant_turns, preset)
        self.calls = 0

    def __call__(self, prompts: List[Any], trainer: Any) -> Dict[str, Any]:
        task_ids = [_task_of(p) for p in prompts]
        # TRL repeats each prompt num_generations times; a lone prompt still gets a whole group.
        groups = [(task, len(list(run))) for task, run in itertools.groupby(task_ids)]
        sizes = {n for _, n in groups}
        size = trainer.num_generations if sizes == {1} else sizes.pop()
        if sizes:
            raise ValueError(f"the batch's groups have different sizes: {sorted(sizes | {size})}")
        model = trainer.accelerator.unwrap_model(trainer.model)
        spec = ModelSpec("trl", "hf", self.cfg.format or "hermes", self.cfg.lr or 0.0)
        policy = HFPolicy(self.cfg, spec, trainer.processing_class, model, Dist.local())
        was_training = model.training
        self.calls += 1
        try:
            views = [self.catalog.view(task) for task, _ in groups]
            trajectories = run_groups(self.client, policy, views, size, self.limits, EnvTimer(), seed=derive_seed(self.cfg.seed, "trl", self.calls))
        finally:
            model.train(was_training)
        out: Dict[str, List[Any]] = {"prompt_ids": [], "completion_ids": [], "env_mask": [], REWARD_FIELD: []}
        for t in trajectories:
            ids, mask = t.context.conversation.ids, t.context.conversation.mask
            start = t.context.prompt_length
            out["prompt_ids"].append(ids[:start])
            out["completion_ids"].append(ids[start:])
            out["env_mask"].append(mask[start:])
            out[REWARD_FIELD].append(t.reward if t.trainable else None)
        # Sampling log-probs are only needed for TRL's vLLM importance correction.
        return {**out, "logprobs": None}


def _task_of(prompt: Any) -> str:
    for message in prompt if isinstance(prompt, list) else []:
        if isinstance(message, dict) and message.get("task_id"):
            return str(message["task_id"])
    raise ValueError("a prompt row has no task_id: build the dataset with prove_dataset(client)")
