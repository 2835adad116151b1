"""The model registry: what ``--model NAME`` means.

Each entry names the Hugging Face id (or none, for the CPU policies), the architecture, the chat
format its template writes tool calls in, and the paper's learning rate. Any other value of
``--model`` is a local path or a Hugging Face id of a model already on disk (``--format`` then
says how it writes calls; it defaults to ``hermes``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Optional

#: Paper defaults for real models (PROVE, section 4): batch 16 tasks x group 16, 350 steps, KL 0.01.
PAPER_DEFAULTS: Dict[str, Any] = {"batch_tasks": 16, "group_size": 16, "steps": 350, "kl_beta": 0.01, "micro_batch": 1}


@dataclass(frozen=True)
class ModelSpec:
    name: str
    #: "stub" (no language model), "tiny" (a real architecture at toy size, random weights,
    #: built from a config on CPU) or "hf" (weights from a local path or the Hugging Face cache).
    kind: str
    #: Tool-call format of the chat template: "hermes" (Qwen) or "granite" (Granite 4).
    format: str
    lr: float
    #: Hugging Face id of the weights ("hf") or of the architecture ("tiny": the class name).
    hf_id: Optional[str] = None
    architecture: Optional[str] = None
    #: Chat template family for the tiny tokenizer ("granite4", "qwen3").
    template: Optional[str] = None
    #: Defaults this model brings (the paper's for real models, small ones for CPU runs).
    defaults: Dict[str, Any] = field(default_factory=dict)
    #: Size, for the dry run's memory estimate before any weights are on disk: layers, hidden
    #: width, K/V width, vocabulary, parameters (from the published configurations).
    shape: Optional[Dict[str, float]] = None


# Toy models on a CPU: prompts with every offered tool's schema run to 3K-13K tokens, so the
# budget is the real one and the batch small.
_CPU_DEFAULTS = {
    "batch_tasks": 2,
    "group_size": 2,
    "steps": 2,
    "max_new_tokens": 24,
    "max_total_tokens": 16384,
    "micro_batch": 2,
    "lora": True,
    "lora_r": 4,
    "checkpoint_every": 1,
    "tokenizer_vocab": 8192,
}

REGISTRY: Dict[str, ModelSpec] = {
    spec.name: spec
    for spec in [
        # A learnable torch policy over candidate tool calls (policies/stub.py): the loop on CPU.
        ModelSpec("stub", "stub", "hermes", 0.05, defaults={"batch_tasks": 8, "group_size": 8, "steps": 40, "kl_beta": 0.01, "checkpoint_every": 10}),
        ModelSpec("tiny-granite", "tiny", "granite", 1e-3, architecture="GraniteForCausalLM", template="granite4", defaults=dict(_CPU_DEFAULTS)),
        ModelSpec("tiny-qwen3", "tiny", "hermes", 1e-3, architecture="Qwen3ForCausalLM", template="qwen3", defaults=dict(_CPU_DEFAULTS)),
        # The paper's four models, with its learning rates.
        ModelSpec(
            "granite-4.1-8b",
            "hf",
            "granite",
            3e-7,
            hf_id="ibm-granite/granite-4.1-8b",
            architecture="GraniteForCausalLM",
            defaults=dict(PAPER_DEFAULTS),
            shape={"layers": 40, "hidden": 4096, "kv_dim": 1024, "vocab": 100352, "params": 8.2e9},
        ),
        ModelSpec(
            "qwen3-4b",
            "hf",
            "hermes",
            1e-6,
            hf_id="Qwen/Qwen3-4B",
            architecture="Qwen3ForCausalLM",
            defaults=dict(PAPER_DEFAULTS),
            shape={"layers": 36, "hidden": 2560, "kv_dim": 1024, "vocab": 151936, "params": 4.0e9},
        ),
        ModelSpec(
            "qwen3-8b",
            "hf",
            "hermes",
            5e-8,
            hf_id="Qwen/Qwen3-8B",
            architecture="Qwen3ForCausalLM",
            defaults=dict(PAPER_DEFAULTS),
            shape={"layers": 36, "hidden": 4096, "kv_dim": 1024, "vocab": 151936, "params": 8.2e9},
        ),
        ModelSpec(
            "qwen2.5-7b",
            "hf",
            "hermes",
            3e-7,
            hf_id="Qwen/Qwen2.5-7B-Instruct",
            architecture="Qwen2ForCausalLM",
            defaults=dict(PAPER_DEFAULTS),
            shape={"layers": 28, "hidden": 3584, "kv_dim": 512, "vocab": 152064, "params": 7.6e9},
        ),
    ]
}


def resolve_model(name: str, format: Optional[str] = None) -> ModelSpec:
    """The registry entry for ``name``, or an "hf" spec for a local path / Hugging Face id."""
    spec = REGISTRY.get(name)
    if spec is not None:
        return spec
    if not name or name.startswith("-"):
        raise ValueError(f"unknown model {name!r}; use one of {', '.join(REGISTRY)} or a local path / Hugging Face id")
    # Not in the registry: weights at a path or in the cache; the paper's defaults, a middle learning rate.
    return ModelSpec(name, "hf", format or "hermes", 3e-7, hf_id=name, defaults=dict(PAPER_DEFAULTS))
