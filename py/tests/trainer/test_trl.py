"""TRL's GRPOTrainer on PROVE tasks through the adapter: what the rollout returns, and two training steps."""

import json
import math
from types import SimpleNamespace

import pytest

from prove_trainer import ProveClient
from prove_trainer.integrations.trl import REWARD_FIELD, ProveRollout, prove_dataset, prove_reward
from prove_trainer.models import REGISTRY
from prove_trainer.policies.hf import build_tiny
from prove_trainer.tokenizer import train_tokenizer

trl = pytest.importorskip("trl")


@pytest.fixture(scope="module")
def setup(small_task_service):
    client = ProveClient(small_task_service["address"], token=small_task_service["token"]).wait_ready()
    dataset = prove_dataset(client)
    spec = REGISTRY["tiny-qwen3"]
    tokenizer = train_tokenizer(spec.template, [json.dumps(row["prompt"]) for row in dataset] * 3, 2000)
    return client, dataset, tokenizer, build_tiny(spec, len(tokenizer), 0, tokenizer)


def test_the_rollout_returns_whole_conversations_with_only_the_models_tokens_trained(setup):
    client, dataset, tokenizer, model = setup
    # Multi-turn tasks: after the model answers, the next user turn is appended and masked.
    rows = [row["prompt"] for row in dataset if len(prove_dataset_turns(client, row["prompt"])) > 1][:2]
    prompts = [rows[0], rows[0], rows[1], rows[1]]  # as TRL passes them: each prompt num_generations times
    fake = SimpleNamespace(num_generations=2, model=model, processing_class=tokenizer, accelerator=SimpleNamespace(unwrap_model=lambda m: m))
    out = ProveRollout(client, format="hermes", max_new_tokens=8)(prompts, fake)
    assert len(out["prompt_ids"]) == len(out["completion_ids"]) == len(out["env_mask"]) == len(out[REWARD_FIELD]) == 4
    assert out["prompt_ids"][0] == out["prompt_ids"][1] != out["prompt_ids"][2]
    for ids, mask in zip(out["completion_ids"], out["env_mask"]):
        assert len(ids) == len(mask) and mask[0] == 1
        untrained = tokenizer.decode([t for t, m in zip(ids, mask) if not m], skip_special_tokens=False)
        if 0 in mask:  # a later user turn (or tool results) followed the first answer: never trained
            assert "<|im_start|>user" in untrained
    assert all(isinstance(r, float) for r in out[REWARD_FIELD])


def prove_dataset_turns(client, prompt):
    task_id = prompt[0]["task_id"]
    return client.tasks.get(task_id).task["turns"]


def test_grpo_trainer_trains_two_steps_on_prove_rollouts(setup, tmp_path):
    assert trl.__version__ == "1.16.0"  # the version the adapter targets (py/requirements.txt)
    client, dataset, tokenizer, model = setup
    rollout = ProveRollout(client, format="hermes", max_new_tokens=8)
    args = trl.GRPOConfig(
        output_dir=str(tmp_path),
        max_steps=2,
        per_device_train_batch_size=2,
        num_generations=2,
        learning_rate=1e-3,
        logging_steps=1,
        report_to="none",
        use_cpu=True,
        bf16=False,
        save_strategy="no",
        beta=0.0,
        seed=0,
    )
    trainer = trl.GRPOTrainer(
        model=model, processing_class=tokenizer, args=args, train_dataset=dataset.select(range(4)), reward_funcs=prove_reward, rollout_func=rollout
    )
    trainer.train()
    losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
    assert len(losses) == 2 and all(math.isfinite(x) for x in losses)
    assert rollout.calls == 2
    rewards = [entry for entry in trainer.state.log_history if "reward" in entry]
    assert rewards and all(math.isfinite(entry["reward"]) for entry in rewards)
