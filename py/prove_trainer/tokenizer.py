"""Tokenizers for the tiny models: byte-level BPE trained at build time on the task text.

A real ``PreTrainedTokenizerFast`` with the family's chat template and special tokens, trained
with ``tokenizers`` on conversations rendered by that template (so it learns the layout the
model will see), saved in the run folder and loaded from there on resume. Nothing is downloaded.
"""

from __future__ import annotations

import os
from typing import Iterable

from .chat_templates import FAMILIES


def train_tokenizer(family: str, corpus: Iterable[str], vocab_size: int):
    """A byte-level BPE tokenizer of the family, trained on ``corpus``."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    spec = FAMILIES[family]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=list(spec["special"]),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(corpus, trainer=trainer)
    # Tags are plain text to the model (decoded with the rest), but never split.
    tok.add_tokens([AddedToken(t, special=False, normalized=False) for t in spec["tags"]])
    return PreTrainedTokenizerFast(tokenizer_object=tok, eos_token=spec["eos"], pad_token=spec["pad"], chat_template=spec["template"])


def load_or_train(directory: str, family: str, corpus_fn, vocab_size: int):
    """The tokenizer saved in ``directory``, or a new one trained on ``corpus_fn()`` and saved there."""
    from transformers import AutoTokenizer

    if os.path.exists(os.path.join(directory, "tokenizer.json")):
        return AutoTokenizer.from_pretrained(directory)
    tokenizer = train_tokenizer(family, corpus_fn(), vocab_size)
    tmp = f"{directory}.tmp-{os.getpid()}"
    tokenizer.save_pretrained(tmp)
    os.replace(tmp, directory)
    return tokenizer
