"""Language-model policies on Hugging Face transformers: the tiny CPU models and the real ones.

The same code runs a 200K-parameter ``GraniteForCausalLM`` built from a config on a CPU and an
8B model from local weights on a GPU: generation with ``generate`` (sampling from the full
distribution: no top-k), token-in/token-out conversations (conversation.py), log-probs of the
policy's own tokens for the loss, LoRA through peft (the reference policy is then the base model
with the adapter disabled: no second copy in memory), or full fine-tuning with a frozen copy as
the reference when the KL term is on.
"""

from __future__ import annotations

import copy
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

import torch

from ..client import StepResult
from ..config import TrainConfig
from ..conversation import ChatRenderer, TokenConversation
from ..distributed import Dist, full_weights, shard
from ..models import ModelSpec
from .base import Generation, Policy, TaskView

#: Sizes of the real architectures with random weights: "toy" for CPU tests (~0.5M parameters
#: with its embeddings), "small" for GPU checks (~60M); shapes as the real ones (GQA, RoPE), smaller.
TINY_SHAPES = {
    "toy": {
        "hidden_size": 64,
        "intermediate_size": 128,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "num_key_value_heads": 2,
        "max_position_embeddings": 32768,
    },
    "small": {
        "hidden_size": 768,
        "intermediate_size": 2048,
        "num_hidden_layers": 8,
        "num_attention_heads": 12,
        "num_key_value_heads": 4,
        "max_position_embeddings": 32768,
    },
}


class ModelNotFound(RuntimeError):
    """The weights of a model are not on this machine (nothing is downloaded at run time)."""


@dataclass
class LMContext:
    conversation: TokenConversation = field(default_factory=TokenConversation)
    budget: int = 0
    #: The sampling engine's log-prob of each generated token, in order (vLLM only).
    sampler_logp: List[float] = field(default_factory=list)
    #: Tokens of the first prompt (system, tools, first user turn).
    prompt_length: int = 0

    def room(self) -> int:
        return self.budget - len(self.conversation)


def pick_dtype(name: str, device: torch.device, lora: bool) -> torch.dtype:
    """The weights' dtype. On a GPU by default: bf16 for a frozen LoRA base (peft keeps the adapter
    in fp32), fp32 master weights for full fine-tuning (updates of 1e-7 vanish in bf16), computed
    in bf16 (autocast, or FSDP's mixed precision)."""
    if name == "auto":
        return torch.bfloat16 if device.type == "cuda" and lora else torch.float32
    return {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[name]


def build_tiny(spec: ModelSpec, vocab_size: int, seed: int, tokenizer: Any, shape: str = "toy") -> torch.nn.Module:
    """A randomly initialised model of the real architecture, at a small size."""
    import transformers

    config_cls = getattr(transformers, spec.architecture.replace("ForCausalLM", "Config"))
    model_cls = getattr(transformers, spec.architecture)
    config = config_cls(
        vocab_size=vocab_size,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=None,
        tie_word_embeddings=True,
        **TINY_SHAPES[shape],
    )
    torch.manual_seed(seed)
    return model_cls(config)


def load_pretrained(path: str, dtype: torch.dtype) -> Tuple[torch.nn.Module, Any]:
    """Model and tokenizer from a local path or the Hugging Face cache; a clear error if absent."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(path, local_files_only=True, dtype=dtype)
    except (OSError, ValueError) as err:
        raise ModelNotFound(
            f"the weights of {path!r} are not on this machine (looked for a local folder and in the Hugging Face cache; "
            f"nothing is downloaded at run time). Download them first, e.g. `hf download {path}` "
            f"(or `huggingface-cli download {path}`), or pass --model /path/to/weights. ({type(err).__name__}: {str(err).splitlines()[0][:200]})"
        ) from None
    return model, tokenizer


class HFPolicy(Policy):
    def __init__(self, cfg: TrainConfig, spec: ModelSpec, tokenizer: Any, model: torch.nn.Module, dist: Optional[Dist] = None):
        self.cfg = cfg
        self.dist = dist or Dist()
        self.format = cfg.format or spec.format
        self.max_units = cfg.max_total_tokens
        self.tokenizer = tokenizer
        self.device = self.dist.device(cfg.device)
        self.model = model.to(self.device)
        self.ref_model: Optional[torch.nn.Module] = None
        if cfg.gradient_checkpointing:
            # Non-reentrant: works with LoRA (frozen inputs) and FSDP without extra hooks.
            self.model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
            self.model.config.use_cache = False
        if cfg.lora:
            from peft import LoraConfig, get_peft_model

            targets = [t for t in cfg.lora_targets if any(name.endswith(t) for name, _ in model.named_modules())]
            if not targets:
                raise ValueError(f"none of the LoRA target modules {cfg.lora_targets} exist in {spec.architecture or spec.name}")
            torch.manual_seed(cfg.seed)  # the adapter's initial A matrices: the same on every rank
            self.model = get_peft_model(self.model, LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=0.0, target_modules=targets, bias="none"))
        elif cfg.kl_beta > 0:
            self.ref_model = copy.deepcopy(self.model).eval().requires_grad_(False)
        # Full-precision weights on a GPU compute in bf16.
        self.compute_dtype = torch.bfloat16 if self.device.type == "cuda" and next(model.parameters()).dtype == torch.float32 else None
        if self.dist.active:
            shard(self.model, self.model.get_base_model() if cfg.lora else self.model, self.compute_dtype)
            if self.ref_model is not None:
                shard(self.ref_model, self.ref_model, self.compute_dtype)
        kwargs = {"enable_thinking": cfg.thinking} if "enable_thinking" in (tokenizer.chat_template or "") else {}
        self.renderer = ChatRenderer(tokenizer, kwargs)
        self.stop_ids = [tokenizer.eos_token_id]
        self.pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id

    # ---- conversation -------------------------------------------------------------------
    def begin(self, task: TaskView) -> LMContext:
        ctx = LMContext(budget=self.cfg.max_total_tokens)
        ctx.conversation.append(self.renderer.prompt(task.system, task.users[0], task.tools), trainable=False)
        ctx.prompt_length = len(ctx.conversation)
        return ctx

    def add_tool_results(self, context: LMContext, step: StepResult) -> bool:
        return self._append(context, self.renderer.tool_results(step.tool_messages))

    def add_user_turn(self, context: LMContext, text: str) -> bool:
        return self._append(context, self.renderer.user_turn(text))

    def _append(self, context: LMContext, ids: List[int]) -> bool:
        # A turn that leaves no room for an answer ends the conversation (counted as a truncation).
        if len(ids) + 1 > context.room():
            return False
        context.conversation.append(ids, trainable=False)
        return True

    # ---- acting -----------------------------------------------------------------------------
    def generate(self, contexts: List[LMContext], seed: int) -> List[Generation]:
        out: Dict[int, Generation] = {}
        self.model.eval()
        ready = []
        for i, c in enumerate(contexts):
            if c.room() > 0:
                ready.append(i)
            else:  # the conversation has no room left to answer in
                out[i] = Generation("", 0, True)
        lengths = [len(contexts[i].conversation) for i in ready]
        torch.manual_seed(seed)  # generate() samples from the global generators (CPU and CUDA)
        with self._full_weights():
            for batch in self._generation_batches(lengths):
                chunk = [ready[k] for k in batch]
                for i, generation in zip(chunk, self._generate_batch([contexts[i] for i in chunk])):
                    out[i] = generation
        return [out[i] for i in range(len(contexts))]

    @contextmanager
    def _full_weights(self):
        if self.dist.active:
            with full_weights(self.model):
                yield
        else:
            yield

    def _generation_batches(self, lengths: List[int]) -> List[List[int]]:
        """Positions of contexts to generate together. On a CPU only equal lengths share a batch:
        a padded batch needs an attention mask, and CPU attention with a mask falls back to a
        kernel that materialises it (gigabytes at 10K tokens). A GPU pads, sorted by length."""
        size = max(1, self.cfg.micro_batch * 4)
        batches: List[List[int]] = []
        for k in sorted(range(len(lengths)), key=lengths.__getitem__):
            last = batches[-1] if batches else None
            if last and len(last) < size and (self.device.type != "cpu" or lengths[last[0]] == lengths[k]):
                last.append(k)
            else:
                batches.append([k])
        return batches

    def _generate_batch(self, chunk: List[LMContext]) -> List[Generation]:
        from transformers import GenerationConfig

        ids, attention = self._left_padded(chunk)
        new_tokens = max(1, min(self.cfg.max_new_tokens, max(c.room() for c in chunk)))
        gen = GenerationConfig(
            do_sample=True,
            temperature=self.cfg.temperature,
            top_p=self.cfg.top_p,
            top_k=0,
            max_new_tokens=new_tokens,
            eos_token_id=self.stop_ids,
            pad_token_id=self.pad_id,
            use_cache=True,
        )
        with torch.no_grad(), self._autocast():
            # synced_gpus off: under FSDP this rank holds the full weights (see generate), so it
            # samples alone instead of stepping with the other ranks until all are done.
            sequences = self.model.generate(input_ids=ids, attention_mask=attention, generation_config=gen, synced_gpus=False)
        out = []
        for row, c in enumerate(chunk):
            new = sequences[row, ids.shape[1] :].tolist()
            limit = min(self.cfg.max_new_tokens, c.room())
            cut = next((j + 1 for j, t in enumerate(new) if t in self.stop_ids), None)
            truncated = cut is None or cut > limit
            new = new[: limit if truncated else cut]
            c.conversation.append(new, trainable=True)
            body = new[:-1] if new and new[-1] in self.stop_ids else new
            out.append(Generation(self.tokenizer.decode(body, skip_special_tokens=False), len(new), truncated))
        return out

    def _left_padded(self, chunk: List[LMContext]) -> Tuple[torch.Tensor, torch.Tensor]:
        longest = max(len(c.conversation) for c in chunk)
        ids = torch.full((len(chunk), longest), self.pad_id, dtype=torch.long)
        attention = torch.zeros((len(chunk), longest), dtype=torch.long)
        for i, c in enumerate(chunk):  # left padding: every row ends where generation starts
            n = len(c.conversation)
            ids[i, longest - n :] = torch.tensor(c.conversation.ids)
            attention[i, longest - n :] = 1
        return ids.to(self.device), attention.to(self.device)

    # ---- learning ---------------------------------------------------------------------------
    def _batch(self, contexts: List[LMContext]) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor, int]:
        longest = max(len(c.conversation) for c in contexts)
        ids = torch.full((len(contexts), longest), self.pad_id, dtype=torch.long)
        attention = torch.zeros((len(contexts), longest), dtype=torch.long)
        mask = torch.zeros((len(contexts), longest))
        for i, c in enumerate(contexts):
            n = len(c.conversation)
            ids[i, :n] = torch.tensor(c.conversation.ids)
            attention[i, :n] = 1
            mask[i, :n] = torch.tensor(c.conversation.mask, dtype=torch.float)
        # Logits are only needed from just before the first trained token (the long prompt is not).
        trained = mask.nonzero()
        first = int(trained[:, 1].min()) if len(trained) else longest - 1
        return ids, attention, mask, max(1, first)

    def _token_logprobs(self, model: torch.nn.Module, contexts: List[LMContext]) -> Tuple[torch.Tensor, torch.Tensor]:
        ids, attention, mask, first = self._batch(contexts)
        lengths = [len(c.conversation) for c in contexts]
        if self.device.type == "cpu" and len(set(lengths)) > 1 and not self.dist.active:
            # One forward per sequence: see _generation_batches for why a CPU never pads. (Sharded
            # training pads instead: every rank must run the same number of forwards.)
            width = ids.shape[1] - first
            rows = [
                self._forward(model, ids[i : i + 1, :n], None, first)[0] if n > first else torch.zeros(0, device=self.device) for i, n in enumerate(lengths)
            ]
            logp = torch.stack([torch.nn.functional.pad(r, (0, width - r.shape[0])) for r in rows])
        else:
            logp = self._forward(model, ids, attention if bool((attention == 0).any()) else None, first)
        return logp, mask[:, first:].to(logp.device)

    def _forward(self, model: torch.nn.Module, ids: torch.Tensor, attention: Optional[torch.Tensor], first: int) -> torch.Tensor:
        """Log-probs of tokens first … end of each row (without a mask, attention takes its fused causal kernel)."""
        ids = ids.to(self.device)
        keep = ids.shape[1] - first + 1  # logits at positions first-1 … end-1 predict tokens first … end
        with self._autocast():
            logits = model(input_ids=ids, attention_mask=None if attention is None else attention.to(self.device), logits_to_keep=keep).logits[:, :-1].float()
        return torch.log_softmax(logits / self.cfg.temperature, dim=-1).gather(-1, ids[:, first:].unsqueeze(-1)).squeeze(-1)

    def _autocast(self):
        """bf16 compute over fp32 weights on one GPU (sharded, FSDP's mixed precision does it)."""
        return torch.autocast("cuda", dtype=torch.bfloat16, enabled=self.compute_dtype is not None and not self.dist.active)

    def _align(self, values: List[List[float]], contexts: List[LMContext]) -> torch.Tensor:
        """Per-token values of the trained tokens, laid out like ``logprobs``'s columns."""
        _, _, mask, first = self._batch(contexts)
        out = torch.zeros(mask.shape[0], mask.shape[1] - first)
        for row, vals in enumerate(values):
            positions = mask[row, first:].nonzero().squeeze(-1)
            out[row, positions[: len(vals)]] = torch.tensor(vals[: len(positions)], dtype=out.dtype)
        return out.to(self.device)

    def logprobs(self, contexts: List[LMContext], grad: bool) -> Tuple[torch.Tensor, torch.Tensor]:
        self.model.train(grad)
        with torch.set_grad_enabled(grad):
            return self._token_logprobs(self.model, contexts)

    def ref_logprobs(self, contexts: List[LMContext]) -> Optional[torch.Tensor]:
        if self.cfg.kl_beta <= 0:
            return None
        with torch.no_grad():
            if self.cfg.lora:
                with self.model.disable_adapter():
                    return self._token_logprobs(self.model, contexts)[0]
            return self._token_logprobs(self.ref_model, contexts)[0]

    def parameters(self) -> Iterable[torch.nn.Parameter]:
        return [p for p in self.model.parameters() if p.requires_grad]

    def idle_pass(self) -> None:
        """A forward and backward that change nothing, for a rank with fewer micro-batches than
        the others: sharded training needs every rank in every collective."""
        ctx = LMContext(budget=4)
        ctx.conversation.append([self.pad_id, self.pad_id], trainable=True)
        logp, _ = self.logprobs([ctx], grad=True)
        ref = self.ref_logprobs([ctx])
        (logp.sum() * 0.0 + (0.0 if ref is None else ref.sum() * 0.0)).backward()

    def _trained_names(self) -> List[str]:
        return [name for name, p in self.model.named_parameters() if p.requires_grad]

    def save(self, directory: str) -> None:
        from safetensors.torch import save_file
        from torch.distributed.checkpoint.state_dict import StateDictOptions, get_model_state_dict

        # Full tensors on rank 0 (a collective under FSDP: every rank calls it).
        full = get_model_state_dict(self.model, options=StateDictOptions(full_state_dict=True, cpu_offload=True))
        if not self.dist.main:
            return
        os.makedirs(directory, exist_ok=True)
        trained = {name: full[name].contiguous() for name in self._trained_names()}
        save_file(trained, os.path.join(directory, "trained.safetensors"))
        self.tokenizer.save_pretrained(directory)
        with open(os.path.join(directory, "policy.json"), "w", encoding="utf8") as f:
            json.dump({"lora": bool(self.cfg.lora), "format": self.format, "parameters": len(trained)}, f)
        if self.cfg.lora:  # an adapter folder peft (and `prove export`) loads as it is
            from peft import get_peft_model_state_dict

            save_file(
                {k: v.contiguous() for k, v in get_peft_model_state_dict(self.model, state_dict=full).items()},
                os.path.join(directory, "adapter_model.safetensors"),
            )
            self.model.peft_config["default"].save_pretrained(directory)

    def load(self, directory: str) -> None:
        from safetensors.torch import load_file
        from torch.distributed.checkpoint.state_dict import StateDictOptions, set_model_state_dict

        trained = load_file(os.path.join(directory, "trained.safetensors"))
        unknown = sorted(set(trained) - set(self._trained_names()))
        if unknown:
            raise ValueError(f"checkpoint {directory} does not fit this model: unknown parameters {unknown[:3]}")
        set_model_state_dict(self.model, trained, options=StateDictOptions(full_state_dict=True, strict=False))

    def optimizer_state(self, optimizer: torch.optim.Optimizer) -> Optional[Dict[str, Any]]:
        from torch.distributed.checkpoint.state_dict import StateDictOptions, get_optimizer_state_dict

        state = get_optimizer_state_dict(self.model, optimizer, options=StateDictOptions(full_state_dict=True, cpu_offload=True))
        return state if self.dist.main else None

    def load_optimizer_state(self, optimizer: torch.optim.Optimizer, state: Dict[str, Any]) -> None:
        from torch.distributed.checkpoint.state_dict import StateDictOptions, set_optimizer_state_dict

        set_optimizer_state_dict(self.model, optimizer, optim_state_dict=state, options=StateDictOptions(full_state_dict=True))


def make_hf_policy(cfg: TrainConfig, spec: ModelSpec, tokenizer_dir: str, corpus: Callable[[], Iterable[str]], dist: Optional[Dist] = None) -> HFPolicy:
    """The policy of a registry entry: a tiny model (tokenizer trained or loaded from ``tokenizer_dir``) or real weights."""
    dist = dist or Dist()
    device = dist.device(cfg.device)
    if spec.kind == "tiny":
        from ..tokenizer import load_or_train

        # Rank 0 trains and saves the tokenizer; the others load what it saved.
        if dist.main:
            tokenizer = load_or_train(tokenizer_dir, spec.template, corpus, cfg.tokenizer_vocab)
        dist.barrier()
        if not dist.main:
            tokenizer = load_or_train(tokenizer_dir, spec.template, corpus, cfg.tokenizer_vocab)
        model = build_tiny(spec, len(tokenizer), cfg.seed, tokenizer, cfg.tiny_shape).to(pick_dtype(cfg.dtype, device, bool(cfg.lora)))
    else:
        model, tokenizer = load_pretrained(spec.hf_id or spec.name, pick_dtype(cfg.dtype, device, bool(cfg.lora)))
    if use_vllm(cfg, spec):
        from .vllm import VLLMPolicy

        return VLLMPolicy(cfg, spec, tokenizer, model, dist, model_path=spec.hf_id or spec.name)
    return HFPolicy(cfg, spec, tokenizer, model, dist)


def use_vllm(cfg: TrainConfig, spec: ModelSpec) -> bool:
    """vLLM generates for real weights on a GPU when it imports (backend "auto"), or when asked."""
    from .vllm import vllm_available

    if cfg.backend == "hf" or spec.kind != "hf":
        if cfg.backend == "vllm":
            raise ValueError("the vllm backend needs a model whose weights are on disk (not the stub or a tiny model)")
        return False
    available = vllm_available()
    if cfg.backend == "vllm" and not available:
        raise ValueError("--backend vllm: vLLM is not importable here (or no GPU is visible); install vllm or use --backend hf")
    return available
