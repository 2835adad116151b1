"""The training configuration: one dataclass, the single source of every option.

``prove train --help`` lists these fields (from ``python -m prove_trainer.train --describe``,
snapshotted in ts/supervisor/trainer-options.json and kept in sync by a test). A value comes
from, in order of precedence: the command line, the model's registry entry, the defaults here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from .grpo import LOSS_AGGREGATIONS
from .models import resolve_model

FORMATS = ("hermes", "granite", "openai")
PRESETS = ("prove", "verified")


def _opt(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass
class TrainConfig:
    model: str = _opt(
        "stub", "registry name (stub, tiny-granite, tiny-qwen3, granite-4.1-8b, qwen3-4b, qwen3-8b, qwen2.5-7b), a local path or a Hugging Face id"
    )
    format: Optional[str] = _opt(None, "tool-call format the policy writes: hermes, granite or openai (default: the model's)")
    steps: int = _opt(350, "GRPO steps (one batch of task groups each)")
    batch_tasks: int = _opt(16, "tasks per step")
    group_size: int = _opt(16, "trajectories per task (the GRPO group)")
    lr: Optional[float] = _opt(None, "learning rate (default: the model's, the paper's for real models)")
    seed: int = _opt(0, "seed of the data order, sampling and initialisation")
    preset: str = _opt("verified", "reward preset: prove (the paper's) or verified")
    loss: str = _opt("grpo", "loss aggregation: grpo, dr_grpo or dapo")
    scale_rewards: Optional[bool] = _opt(None, "divide advantages by the group's std (default: yes, except for dr_grpo)")
    clip_low: float = _opt(0.2, "lower clip range of the ratio")
    clip_high: Optional[float] = _opt(None, "upper clip range (default: 0.28 for dapo, else clip_low)")
    kl_beta: float = _opt(0.01, "weight of the KL penalty to the reference policy (0: no reference)")
    updates_per_batch: int = _opt(1, "optimizer passes over each batch of rollouts (1: on-policy)")
    micro_batch: int = _opt(8, "sequences per forward/backward pass (gradient accumulation)")
    grad_clip: float = _opt(1.0, "gradient norm clip (0: none)")
    max_user_turns: int = _opt(5, "user turns of a task played at most")
    max_assistant_turns: int = _opt(10, "assistant messages per conversation at most")
    max_new_tokens: int = _opt(512, "tokens one assistant message may generate")
    max_total_tokens: int = _opt(16384, "tokens one conversation may hold (prompt, tools and turns)")
    temperature: float = _opt(1.0, "sampling temperature")
    top_p: float = _opt(1.0, "nucleus sampling threshold")
    thinking: bool = _opt(False, "let templates that support it (Qwen3) open a reasoning block")
    lora: Optional[bool] = _opt(None, "train a LoRA adapter instead of all weights (default: yes for real models on one device)")
    lora_r: int = _opt(16, "LoRA rank")
    lora_alpha: Optional[int] = _opt(None, "LoRA alpha (default: 2 x rank)")
    lora_targets: List[str] = _opt(("q_proj", "k_proj", "v_proj", "o_proj"), "modules LoRA adapts")
    gradient_checkpointing: Optional[bool] = _opt(None, "recompute activations in the backward pass (default: yes for real models)")
    dataset: str = _opt("default", "dataset of the Tasks service to train on")
    kinds: List[str] = _opt((), "train only on these task kinds (conversation, clarification, abstention); empty: all")
    checkpoint_every: int = _opt(10, "steps between checkpoints (and always at the end)")
    keep_checkpoints: int = _opt(2, "checkpoints kept (older ones are deleted)")
    sample_rollouts: int = _opt(2, "trajectories per step written to rollouts/ for reading")
    backend: str = _opt("auto", "generation: auto (vLLM when it imports and a GPU is visible, for real models), hf (transformers generate) or vllm")
    vllm_memory: float = _opt(0.4, "share of GPU memory the vLLM engine may take (it sleeps while the trainer updates)")
    is_cap: float = _opt(2.0, "cap of the truncated importance weights between the vLLM sampler and the trainer")
    device: str = _opt("auto", "torch device: auto, cpu, cuda, cuda:N")
    dtype: str = _opt("auto", "weights dtype: auto (bf16 on GPU, fp32 on CPU), float32, bfloat16")
    tokenizer_vocab: int = _opt(4096, "vocabulary of the tokenizer trained for tiny models")
    tiny_shape: str = _opt("toy", "size of the tiny models: toy (2 layers of 64, for CPUs) or small (8 layers of 768, for GPU checks)")

    @property
    def scale(self) -> bool:
        return self.scale_rewards if self.scale_rewards is not None else self.loss != "dr_grpo"

    @property
    def upper_clip(self) -> float:
        return self.clip_high if self.clip_high is not None else (0.28 if self.loss == "dapo" else self.clip_low)

    def to_json(self) -> Dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(self).items()}

    def hash(self) -> str:
        return hashlib.sha256(json.dumps(self.to_json(), sort_keys=True).encode()).hexdigest()[:16]


FIELDS = {f.name: f for f in dataclasses.fields(TrainConfig)}


def describe() -> List[Dict[str, Any]]:
    """Every option with its type, default and help (for ``prove train --help``)."""
    out = []
    for f in dataclasses.fields(TrainConfig):
        default = f.default
        out.append({"name": f.name, "type": _type_name(f), "default": list(default) if isinstance(default, tuple) else default, "help": f.metadata["help"]})
    return out


def _type_name(f: dataclasses.Field) -> str:
    t = str(f.type)
    for name in ("bool", "int", "float", "List[str]", "str"):
        if name in t:
            return "list" if name == "List[str]" else name
    raise TypeError(f"option {f.name} has an unsupported type {t}")


def parse_value(name: str, text: str) -> Any:
    """A command-line string as the option's type, or ValueError naming the option."""
    if name not in FIELDS:
        raise ValueError(f"unknown option --{name.replace('_', '-')}")
    kind = _type_name(FIELDS[name])
    try:
        if kind == "bool":
            if text.lower() in ("1", "true", "yes", "on"):
                return True
            if text.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
        if kind == "list":
            return [s for s in (p.strip() for p in text.split(",")) if s]
        return text
    except ValueError:
        raise ValueError(f"--{name.replace('_', '-')} takes a {kind}, got {text!r}") from None


def resolve(overrides: Dict[str, Any]) -> TrainConfig:
    """Defaults, then the model's registry defaults, then ``overrides``; validated."""
    unknown = sorted(set(overrides) - set(FIELDS))
    if unknown:
        raise ValueError(f"unknown option(s): {', '.join(unknown)}")
    spec = resolve_model(overrides.get("model", TrainConfig.model), overrides.get("format"))
    values: Dict[str, Any] = {**spec.defaults, **overrides}
    cfg = TrainConfig(**values)
    if cfg.lr is None:
        cfg.lr = spec.lr
    if cfg.format is None:
        cfg.format = spec.format
    if cfg.lora is None:
        cfg.lora = spec.kind == "hf"
    if cfg.gradient_checkpointing is None:
        cfg.gradient_checkpointing = spec.kind == "hf"
    if cfg.lora_alpha is None:
        cfg.lora_alpha = 2 * cfg.lora_r
    cfg.lora_targets = list(cfg.lora_targets)
    cfg.kinds = list(cfg.kinds)
    validate(cfg)
    return cfg


def validate(cfg: TrainConfig) -> None:
    problems = []
    if cfg.format not in FORMATS:
        problems.append(f"format must be one of {', '.join(FORMATS)}, got {cfg.format!r}")
    if cfg.preset not in PRESETS:
        problems.append(f"preset must be one of {', '.join(PRESETS)}, got {cfg.preset!r}")
    if cfg.loss not in LOSS_AGGREGATIONS:
        problems.append(f"loss must be one of {', '.join(LOSS_AGGREGATIONS)}, got {cfg.loss!r}")
    for name in (
        "steps",
        "batch_tasks",
        "updates_per_batch",
        "micro_batch",
        "max_user_turns",
        "max_assistant_turns",
        "max_new_tokens",
        "max_total_tokens",
        "checkpoint_every",
        "keep_checkpoints",
        "lora_r",
    ):
        if getattr(cfg, name) < 1:
            problems.append(f"{name} must be at least 1, got {getattr(cfg, name)}")
    if cfg.group_size < 2:
        problems.append(f"group_size must be at least 2 (advantages compare members of a group), got {cfg.group_size}")
    if not (cfg.lr and cfg.lr > 0):
        problems.append(f"lr must be > 0, got {cfg.lr}")
    if not (0 < cfg.top_p <= 1) or cfg.temperature <= 0:
        problems.append("temperature must be > 0 and top_p in (0, 1]")
    if cfg.kl_beta < 0 or cfg.clip_low <= 0 or cfg.upper_clip <= 0:
        problems.append("kl_beta must be >= 0 and the clip ranges > 0")
    if cfg.backend not in ("auto", "hf", "vllm"):
        problems.append(f"backend must be auto, hf or vllm, got {cfg.backend!r}")
    if not (0 < cfg.vllm_memory < 1) or cfg.is_cap < 1:
        problems.append("vllm_memory must be in (0, 1) and is_cap at least 1")
    if cfg.tiny_shape not in ("toy", "small"):
        problems.append(f"tiny_shape must be toy or small, got {cfg.tiny_shape!r}")
    bad_kinds = [k for k in cfg.kinds if k not in ("conversation", "clarification", "abstention")]
    if bad_kinds:
        problems.append(f"unknown task kinds: {', '.join(bad_kinds)}")
    if problems:
        raise ValueError("invalid training configuration: " + "; ".join(problems))


def load(path: str) -> TrainConfig:
    with open(path, encoding="utf8") as f:
        data = json.load(f)
    cfg = TrainConfig(**data)
    validate(cfg)
    return cfg
