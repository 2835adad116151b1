"""Generation by a vLLM engine in the trainer's process, sharing its GPU (used when vLLM imports).

Why in-process rather than a `vllm serve` child: the rollout is token-in/token-out, so the engine
must take token ids and return token ids with their sampling log-probs, and after every update
the new weights must reach it; in one process that is a call (`load_weights`) instead of a
serialised transfer, and sleep mode hands the GPU memory back and forth between the phases
(weights and KV cache released while the trainer runs its backward pass). A served engine would
suit a separate inference GPU; that split is not built here.

Weights are synced after each optimizer step: for LoRA the adapter is merged into a copy of each
base weight on the fly (the trainer's model is left unmerged), for full fine-tuning the gathered
parameters themselves. The engine's log-probs of the sampled tokens are kept, and the loss
weights each token by truncated importance sampling between trainer and sampler (grpo.py).

vLLM is never required: without it the Hugging Face policy generates. Neither CI nor the GPU
check machines have vLLM, so this module is exercised only where vLLM is installed
(py/tests/trainer/test_vllm.py runs there and is reported as skipped elsewhere).
"""

from __future__ import annotations

from typing import Any, Iterator, List, Optional, Tuple

import torch

from .base import Generation
from .hf import HFPolicy, LMContext

# Prefixes peft and activation checkpointing add to parameter names that vLLM's loaders do not know.
_WRAPPER_PREFIXES = ("base_model.model.", "_checkpoint_wrapped_module.", "_fsdp_wrapped_module.")


def vllm_available() -> bool:
    try:
        import vllm  # noqa: F401
    except ImportError:
        return False
    return torch.cuda.is_available()


class VLLMPolicy(HFPolicy):
    def __init__(self, *args: Any, model_path: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        from vllm import LLM

        self.llm = LLM(
            model=model_path,
            dtype="bfloat16",
            seed=self.cfg.seed,
            max_model_len=self.cfg.max_total_tokens,
            gpu_memory_utilization=self.cfg.vllm_memory,
            enable_sleep_mode=True,
            # Several trainer processes: each holds its own engine on its own GPU.
            distributed_executor_backend="external_launcher" if self.dist.active else None,
            # Log-probs after temperature and top-p, as the trainer computes them.
            logprobs_mode="processed_logprobs",
        )
        self.llm.sleep(level=1)

    def generate(self, contexts: List[LMContext], seed: int) -> List[Generation]:
        from vllm import SamplingParams

        out: List[Generation] = [Generation("", 0, True)] * len(contexts)
        ready = [i for i, c in enumerate(contexts) if c.room() > 0]
        if not ready:
            return out
        params = [
            SamplingParams(
                n=1,
                temperature=self.cfg.temperature,
                top_p=self.cfg.top_p,
                max_tokens=min(self.cfg.max_new_tokens, contexts[i].room()),
                seed=seed + k,
                logprobs=0,
                stop_token_ids=self.stop_ids,
                detokenize=False,
            )
            for k, i in enumerate(ready)
        ]
        self.llm.wake_up()
        try:
            results = self.llm.generate([{"prompt_token_ids": contexts[i].conversation.ids} for i in ready], params, use_tqdm=False)
        finally:
            self.llm.sleep(level=1)
        for i, result in zip(ready, results):
            sample = result.outputs[0]
            new = list(sample.token_ids)
            logps = [step[token].logprob for step, token in zip(sample.logprobs, new)]
            c = contexts[i]
            c.conversation.append(new, trainable=True)
            c.sampler_logp.extend(logps)
            body = new[:-1] if new and new[-1] in self.stop_ids else new
            out[i] = Generation(self.tokenizer.decode(body, skip_special_tokens=False), len(new), sample.finish_reason != "stop")
        return out

    def sampler_logprobs(self, contexts: List[LMContext]) -> Optional[torch.Tensor]:
        return self._align([c.sampler_logp for c in contexts], contexts)

    def after_update(self) -> None:
        self.llm.wake_up(tags=["weights"])
        try:
            model = self.llm.llm_engine.model_executor.driver_worker.model_runner.model
            for name, tensor in self._weights_for_engine():
                model.load_weights([(name, tensor)])
            self.llm.reset_prefix_cache()
        finally:
            self.llm.sleep(level=1)

    def _weights_for_engine(self) -> Iterator[Tuple[str, torch.Tensor]]:
        """The current weights under the names vLLM loads (LoRA merged into each base weight)."""
        with self._full_weights(), torch.no_grad():
            if not self.cfg.lora:
                for name, p in self.model.named_parameters():
                    yield _engine_name(name), p.detach().to(torch.bfloat16)
                return
            scaling = self.cfg.lora_alpha / self.cfg.lora_r
            for module_name, module in self.model.named_modules():
                if hasattr(module, "lora_A") and "default" in getattr(module, "lora_A", {}):
                    base = module.base_layer.weight
                    delta = module.lora_B["default"].weight @ module.lora_A["default"].weight
                    yield _engine_name(f"{module_name}.weight"), (base + scaling * delta.to(base.dtype)).to(torch.bfloat16)


def _engine_name(name: str) -> str:
    for prefix in _WRAPPER_PREFIXES:
        name = name.replace(prefix, "")
    return name.replace(".base_layer", "")
