"""The Hugging Face policy on tiny random models of the real architectures, without a service."""

import json

import pytest
import torch

from prove_trainer.client import StepResult, Status
from prove_trainer.config import resolve
from prove_trainer.models import REGISTRY
from prove_trainer.policies.base import Generation, TaskView
from prove_trainer.policies.hf import HFPolicy, build_tiny, load_pretrained, ModelNotFound
from prove_trainer.tokenizer import train_tokenizer

TOOLS = [
    {
        "type": "function",
        "function": {"name": "list_accounts", "description": "The user's accounts.", "parameters": {"type": "object", "properties": {}, "required": []}},
    }
]
TASK = TaskView("t-1", "You work for Ingrid.", ["Which accounts do I have?", "And the savings one?"], TOOLS)


@pytest.fixture(scope="module", params=["tiny-granite", "tiny-qwen3"])
def policy(request):
    spec = REGISTRY[request.param]
    corpus = [json.dumps(TOOLS), TASK.system, *TASK.users, '<tool_call>{"name": "list_accounts", "arguments": {}}</tool_call>'] * 30
    tokenizer = train_tokenizer(spec.template, corpus, 400)
    cfg = resolve({"model": request.param, "max_new_tokens": 6, "max_total_tokens": 2048, "seed": 1})
    return HFPolicy(cfg, spec, tokenizer, build_tiny(spec, len(tokenizer), 1, tokenizer))


def _results(n=1):
    return StepResult("s", [], [], "", [{"role": "tool", "name": "list_accounts", "content": '{"items": []}'}] * n, "", "ok", "", Status(0, ""))


def test_generation_appends_exactly_the_sampled_tokens_as_trainable(policy):
    torch.manual_seed(0)
    contexts = [policy.begin(TASK) for _ in range(3)]
    prompt_len = len(contexts[0].conversation)
    gens = policy.generate(contexts, seed=0)
    for c, g in zip(contexts, gens):
        assert sum(c.conversation.mask) == g.units and 1 <= g.units <= 6
        assert c.conversation.mask[:prompt_len] == [0] * prompt_len
        assert g.truncated == (c.conversation.ids[-1] != policy.tokenizer.eos_token_id)


def test_tool_results_and_user_turns_are_appended_untrained(policy):
    ctx = policy.begin(TASK)
    policy.generate([ctx], seed=0)
    trained = sum(ctx.conversation.mask)
    assert policy.add_tool_results(ctx, _results(2)) and policy.add_user_turn(ctx, TASK.users[1])
    assert sum(ctx.conversation.mask) == trained
    assert "<tool_response>" in policy.tokenizer.decode(ctx.conversation.ids, skip_special_tokens=False)


def test_a_turn_that_does_not_fit_the_budget_ends_the_conversation(policy):
    ctx = policy.begin(TASK)
    ctx.budget = len(ctx.conversation) + 3
    assert not policy.add_user_turn(ctx, "a long follow-up " * 20)
    ctx.budget = len(ctx.conversation)
    assert policy.generate([ctx], seed=0)[0] == Generation("", 0, True)


def test_per_sequence_and_batched_log_probs_agree(policy):
    torch.manual_seed(1)
    contexts = [policy.begin(TASK) for _ in range(3)]
    policy.generate(contexts, seed=1)
    policy.add_tool_results(contexts[1], _results())
    policy.generate([contexts[1]], seed=2)
    together, mask = policy.logprobs(contexts, grad=False)
    for i, c in enumerate(contexts):
        alone, alone_mask = policy.logprobs([c], grad=False)
        n = int(alone_mask.sum())
        assert n == int(mask[i].sum())
        assert torch.allclose(together[i][mask[i] > 0], alone[0][alone_mask[0] > 0], atol=1e-5)


def test_lora_reference_is_the_base_model_and_training_moves_only_the_adapter(policy):
    assert policy.cfg.lora and all("lora_" in n for n, p in policy.model.named_parameters() if p.requires_grad)
    torch.manual_seed(2)
    contexts = [policy.begin(TASK) for _ in range(2)]
    policy.generate(contexts, seed=3)
    logp, mask = policy.logprobs(contexts, grad=True)
    # A fresh adapter (B = 0) changes nothing: the reference (adapter disabled) equals the policy.
    assert torch.allclose(logp.detach(), policy.ref_logprobs(contexts), atol=1e-6)
    (-(logp * mask).sum()).backward()
    grads = [p.grad for p in policy.parameters()]
    assert any(g is not None and g.abs().sum() > 0 for g in grads)


def test_save_and_load_restore_the_trained_weights(policy, tmp_path):
    before = {n: p.detach().clone() for n, p in policy.model.named_parameters() if p.requires_grad}
    policy.save(str(tmp_path / "ck"))
    with torch.no_grad():
        for p in policy.parameters():
            p.add_(1.0)
    policy.load(str(tmp_path / "ck"))
    after = {n: p.detach() for n, p in policy.model.named_parameters() if p.requires_grad}
    assert before.keys() == after.keys() and all(torch.equal(before[n], after[n]) for n in before)
    assert (tmp_path / "ck" / "adapter_config.json").exists()


def test_missing_weights_name_the_model_and_how_to_get_them(tmp_path):
    with pytest.raises(ModelNotFound, match="hf download ibm-granite/granite-4.1-8b"):
        load_pretrained("ibm-granite/granite-4.1-8b", torch.float32)
    with pytest.raises(ModelNotFound, match="not on this machine"):
        load_pretrained(str(tmp_path / "no-such-model"), torch.float32)
