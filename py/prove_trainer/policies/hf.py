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
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

import torch

from ..client import StepResult
from ..config import TrainConfig
from ..conversation import ChatRenderer, TokenConversation
from ..models import ModelSpec
from .base import Generation, Policy, TaskView

#: Toy sizes of the real architectures (random weights; shapes as the real ones, only smaller).
TINY_SHAPE = {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 32768}


class ModelNotFound(RuntimeError):
    """The weights of a model are not on this machine (nothing is downloaded at run time)."""


@dataclass
class LMContext:
    conversation: TokenConversation = field(default_factory=TokenConversation)
    budget: int = 0

    def room(self) -> int:
        return self.budget - len(self.conversation)


def pick_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def pick_dtype(name: str, device: torch.device) -> torch.dtype:
    if name == "auto":
        return torch.bfloat16 if device.type == "cuda" else torch.float32
    return {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[name]


def build_tiny(spec: ModelSpec, vocab_size: int, seed: int, tokenizer: Any) -> torch.nn.Module:
    """A randomly initialised model of the real architecture, at toy size."""
    import transformers

    config_cls = getattr(transformers, spec.architecture.replace("ForCausalLM", "Config"))
    model_cls = getattr(transformers, spec.architecture)
    config = config_cls(vocab_size=vocab_size, pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id, bos_token_id=None, tie_word_embeddings=True, **TINY_SHAPE)
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
    def __init__(self, cfg: TrainConfig, spec: ModelSpec, tokenizer: Any, model: torch.nn.Module):
        self.cfg = cfg
        self.format = cfg.format or spec.format
        self.max_units = cfg.max_total_tokens
        self.tokenizer = tokenizer
        self.device = pick_device(cfg.device)
        self.model = model.to(self.device)
        self.ref_model: Optional[torch.nn.Module] = None
        if cfg.lora:
            from peft import LoraConfig, get_peft_model

            targets = [t for t in cfg.lora_targets if any(name.endswith(t) for name, _ in model.named_modules())]
            if not targets:
                raise ValueError(f"none of the LoRA target modules {cfg.lora_targets} exist in {spec.architecture or spec.name}")
            self.model = get_peft_model(self.model, LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=0.0, target_modules=targets, bias="none"))
        elif cfg.kl_beta > 0:
            self.ref_model = copy.deepcopy(self.model).eval().requires_grad_(False)
        kwargs = {"enable_thinking": cfg.thinking} if "enable_thinking" in (tokenizer.chat_template or "") else {}
        self.renderer = ChatRenderer(tokenizer, kwargs)
        self.stop_ids = [tokenizer.eos_token_id]
        self.pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id

    # ---- conversation -------------------------------------------------------------------
    def begin(self, task: TaskView) -> LMContext:
        ctx = LMContext(budget=self.cfg.max_total_tokens)
        ctx.conversation.append(self.renderer.prompt(task.system, task.users[0], task.tools), trainable=False)
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
    def generate(self, contexts: List[LMContext]) -> List[Generation]:
        out: Dict[int, Generation] = {}
        self.model.eval()
        ready = []
        for i, c in enumerate(contexts):
            if c.room() > 0:
                ready.append(i)
            else:  # the conversation has no room left to answer in
                out[i] = Generation("", 0, True)
        lengths = [len(contexts[i].conversation) for i in ready]
        for batch in self._generation_batches(lengths):
            chunk = [ready[k] for k in batch]
            for i, generation in zip(chunk, self._generate_batch([contexts[i] for i in chunk])):
                out[i] = generation
        return [out[i] for i in range(len(contexts))]

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
        gen = GenerationConfig(do_sample=True, temperature=self.cfg.temperature, top_p=self.cfg.top_p, top_k=0, max_new_tokens=new_tokens, eos_token_id=self.stop_ids, pad_token_id=self.pad_id)
        with torch.no_grad():
            sequences = self.model.generate(input_ids=ids, attention_mask=attention, generation_config=gen)
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
        if self.device.type == "cpu" and len(set(lengths)) > 1:
            # One forward per sequence: see _generation_batches for why a CPU never pads.
            width = ids.shape[1] - first
            rows = [self._forward(model, ids[i : i + 1, :n], None, first)[0] if n > first else torch.zeros(0, device=self.device) for i, n in enumerate(lengths)]
            logp = torch.stack([torch.nn.functional.pad(r, (0, width - r.shape[0])) for r in rows])
        else:
            logp = self._forward(model, ids, attention if bool((attention == 0).any()) else None, first)
        return logp, mask[:, first:].to(logp.device)

    def _forward(self, model: torch.nn.Module, ids: torch.Tensor, attention: Optional[torch.Tensor], first: int) -> torch.Tensor:
        """Log-probs of tokens first … end of each row (without a mask, attention takes its fused causal kernel)."""
        ids = ids.to(self.device)
        keep = ids.shape[1] - first + 1  # logits at positions first-1 … end-1 predict tokens first … end
        logits = model(input_ids=ids, attention_mask=None if attention is None else attention.to(self.device), logits_to_keep=keep).logits[:, :-1].float()
        return torch.log_softmax(logits / self.cfg.temperature, dim=-1).gather(-1, ids[:, first:].unsqueeze(-1)).squeeze(-1)

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

    def save(self, directory: str) -> None:
        from safetensors.torch import save_file

        os.makedirs(directory, exist_ok=True)
        trained = {name: p.detach().cpu().contiguous() for name, p in self.model.named_parameters() if p.requires_grad}
        save_file(trained, os.path.join(directory, "trained.safetensors"))
        self.tokenizer.save_pretrained(directory)
        with open(os.path.join(directory, "policy.json"), "w", encoding="utf8") as f:
            json.dump({"lora": bool(self.cfg.lora), "format": self.format, "parameters": len(trained)}, f)
        if self.cfg.lora:
            self.model.save_pretrained(directory)  # an adapter folder peft (and `prove export`) can load

    def load(self, directory: str) -> None:
        from safetensors.torch import load_file

        trained = load_file(os.path.join(directory, "trained.safetensors"))
        params = dict(self.model.named_parameters())
        missing = [n for n in trained if n not in params]
        if missing:
            raise ValueError(f"checkpoint {directory} does not fit this model: unknown parameters {missing[:3]}")
        with torch.no_grad():
            for name, value in trained.items():
                params[name].copy_(value.to(params[name].device, params[name].dtype))


def make_hf_policy(cfg: TrainConfig, spec: ModelSpec, tokenizer_dir: str, corpus: Callable[[], Iterable[str]]) -> HFPolicy:
    """The policy of a registry entry: a tiny model (tokenizer trained or loaded from ``tokenizer_dir``) or real weights."""
    if spec.kind == "tiny":
        from ..tokenizer import load_or_train

        tokenizer = load_or_train(tokenizer_dir, spec.template, corpus, cfg.tokenizer_vocab)
        model = build_tiny(spec, len(tokenizer), cfg.seed, tokenizer)
    else:
        device = pick_device(cfg.device)
        model, tokenizer = load_pretrained(spec.hf_id or spec.name, pick_dtype(cfg.dtype, device))
    return HFPolicy(cfg, spec, tokenizer, model)
