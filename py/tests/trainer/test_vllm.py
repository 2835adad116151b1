"""The vLLM sampler, where vLLM and a GPU are there (skipped, and reported so, everywhere else)."""

import pytest

pytest.importorskip("vllm", reason="vLLM is not installed: the Hugging Face generate back-end is used instead")
torch = pytest.importorskip("torch")
if not torch.cuda.is_available():
    pytest.skip("vLLM needs a GPU", allow_module_level=True)

from prove_trainer.config import resolve  # noqa: E402
from prove_trainer.models import REGISTRY  # noqa: E402
from prove_trainer.policies.base import TaskView  # noqa: E402
from prove_trainer.policies.vllm import VLLMPolicy  # noqa: E402


def test_the_engine_samples_token_ids_with_log_probs_and_takes_new_weights(tmp_path):
    # A small random model saved to disk, so the engine can load it like real weights.
    from transformers import AutoTokenizer

    from prove_trainer.policies.hf import build_tiny
    from prove_trainer.tokenizer import train_tokenizer

    spec = REGISTRY["tiny-qwen3"]
    tokenizer = train_tokenizer(spec.template, ["hello world <tool_call>"] * 50, 400)
    model = build_tiny(spec, len(tokenizer), 0, tokenizer, "small")
    model.save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    cfg = resolve({"model": str(tmp_path), "format": "hermes", "lora": True, "max_new_tokens": 8, "max_total_tokens": 512, "backend": "vllm"})
    policy = VLLMPolicy(cfg, spec, AutoTokenizer.from_pretrained(tmp_path), model.cuda(), model_path=str(tmp_path))
    ctx = policy.begin(TaskView("t", "sys", ["hello"], []))
    [gen] = policy.generate([ctx], seed=1)
    assert gen.units == len(ctx.sampler_logp) == sum(ctx.conversation.mask)
    logp, mask = policy.logprobs([ctx], grad=False)
    sampler = policy.sampler_logprobs([ctx])
    # Same weights, two engines: per-token log-probs agree closely.
    assert torch.allclose(logp[mask > 0], sampler[mask > 0], atol=0.1)
    policy.after_update()
