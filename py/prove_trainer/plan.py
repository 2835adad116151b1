"""`--dry-run`: the resolved configuration and how a run would be placed, without loading weights.

The memory figures are estimates per GPU from the parameter count and the configuration (bf16
weights, fp32 LoRA adapters or fp32 sharded master weights for full fine-tuning, AdamW's two
moments, checkpointed activations, the logits of the trained tokens, the generation KV cache);
they say whether a plan is in the right range, not to the gigabyte.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Optional

from .config import TrainConfig
from .models import ModelSpec

GIB = 2**30


def architecture(spec: ModelSpec, cfg: TrainConfig) -> Optional[Dict[str, Any]]:
    """Shape of the model (layers, width, heads, vocabulary, parameters) from the registry or a local config.json."""
    if spec.shape:
        return dict(spec.shape)
    if spec.kind == "tiny":
        from .policies.hf import TINY_SHAPES

        shape = TINY_SHAPES[cfg.tiny_shape]
        d, layers, ff, vocab = shape["hidden_size"], shape["num_hidden_layers"], shape["intermediate_size"], cfg.tokenizer_vocab
        kv = shape["num_key_value_heads"] * d // shape["num_attention_heads"]
        return {"layers": layers, "hidden": d, "kv_dim": kv, "vocab": vocab, "params": layers * (2 * d * d + 2 * d * kv + 3 * d * ff) + vocab * d}
    path = os.path.join(spec.hf_id or spec.name, "config.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf8") as f:
        c = json.load(f)
    d, layers, ff, vocab = c["hidden_size"], c["num_hidden_layers"], c.get("intermediate_size", 4 * c["hidden_size"]), c["vocab_size"]
    kv = c.get("num_key_value_heads", c["num_attention_heads"]) * d // c["num_attention_heads"]
    embed = vocab * d * (1 if c.get("tie_word_embeddings") else 2)
    return {"layers": layers, "hidden": d, "kv_dim": kv, "vocab": vocab, "params": layers * (2 * d * d + 2 * d * kv + 3 * d * ff) + embed}


def plan(cfg: TrainConfig, spec: ModelSpec, processes: int, gpus: int) -> Dict[str, Any]:
    """Where and how the run trains, and an estimate of the memory each GPU needs."""
    out: Dict[str, Any] = {"model": cfg.model, "hf_id": spec.hf_id, "kind": spec.kind, "format": cfg.format, "processes": processes, "gpus_visible": gpus}
    if spec.kind == "stub":
        out["placement"] = "the stub policy on a CPU, one process (no language model)"
        return out
    device = "GPU" if gpus else "CPU"
    if processes > 1:
        out["placement"] = f"{'LoRA' if cfg.lora else 'full fine-tuning'} across {processes} {device} processes, FSDP2-sharded (torchrun)"
    else:
        out["placement"] = f"{'LoRA' if cfg.lora else 'full fine-tuning'} on one {device}"
    out["gradient_checkpointing"] = bool(cfg.gradient_checkpointing)
    out["reference"] = (
        "none (kl_beta = 0)"
        if cfg.kl_beta <= 0
        else ("the base model with the adapter disabled (no copy)" if cfg.lora else "a frozen copy of the initial model")
    )
    shape = architecture(spec, cfg)
    if shape is None:
        out["memory"] = "unknown (no config.json at the model path to read its size from)"
        return out
    out["parameters"] = shape["params"]
    out["memory_gib_per_gpu"] = {k: round(v / GIB, 1) for k, v in memory(cfg, shape, processes).items()}
    if not cfg.lora and processes == 1 and gpus:
        out["warning"] = (
            "full fine-tuning on one GPU keeps fp32 weights, gradients and AdamW moments (16 bytes a parameter): use LoRA, or several GPUs (--nproc N)"
        )
    return out


def memory(cfg: TrainConfig, shape: Dict[str, Any], processes: int) -> Dict[str, float]:
    p, layers, d, kv, vocab = shape["params"], shape["layers"], shape["hidden"], shape["kv_dim"], shape["vocab"]
    share = 1.0 / processes
    parts: Dict[str, float] = {}
    if cfg.lora:
        adapter = layers * len(cfg.lora_targets) * cfg.lora_r * 2 * d
        parts["weights (bf16, frozen)"] = 2 * p * share
        parts["adapter + grads + AdamW (fp32)"] = 16 * adapter
    else:
        parts["weights + grads + AdamW (fp32, sharded)"] = 16 * p * share
        if cfg.kl_beta > 0:
            parts["reference copy (bf16)"] = 2 * p * share
    if processes > 1:
        parts["weights gathered for generation (bf16)"] = 2 * p
    tokens = cfg.max_total_tokens
    per_layer = cfg.micro_batch * tokens * d * 2
    parts["activations (checkpointed)" if cfg.gradient_checkpointing else "activations"] = per_layer * (
        layers + 16 if cfg.gradient_checkpointing else 16 * layers
    )
    trained = min(tokens, cfg.max_new_tokens * cfg.max_assistant_turns)
    parts["logits of trained tokens (fp32)"] = cfg.micro_batch * trained * vocab * 4 * 2
    parts["KV cache for generation"] = cfg.group_size * tokens * layers * 2 * kv * 2
    parts["total"] = sum(parts.values())
    return parts
