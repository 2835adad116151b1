"""``python -m prove_trainer.export RUN_DIR --out DIR``: a run's policy as a plain Hugging Face checkpoint.

The run's model is rebuilt by the trainer's own code (the tiny models from their config, seed and
saved tokenizer; real models from their weights), its trained weights are restored from the
checkpoint exactly as ``--resume`` restores them, a LoRA adapter is merged into the base weights
(``merge_and_unload``), and the result is written with ``save_pretrained`` together with the
tokenizer and its chat template. The folder loads with ``AutoModelForCausalLM.from_pretrained``,
serves with ``vllm serve DIR``, and is what BFCL's and tau2-bench's own harnesses evaluate
(docs/evaluation.md). ``prove-export.json`` records where it came from.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from typing import Any, Dict, List, Optional


def export(path: str, out: str, checkpoint: Optional[str] = None, dtype: str = "auto") -> Dict[str, Any]:
    from . import config as config_mod
    from .eval_policies import locate_checkpoint
    from .models import resolve_model
    from .policies.hf import make_hf_policy

    run_dir, found = locate_checkpoint(path, checkpoint)
    cfg = config_mod.load(os.path.join(run_dir, "config.json"))
    spec = resolve_model(cfg.model, cfg.format)
    if spec.kind == "stub":
        raise ValueError(f"{run_dir} trained the stub policy: it has no language model to export")
    if os.path.exists(out) and os.listdir(out):
        raise ValueError(f"{out} is not empty; give a new folder")
    cfg.kl_beta = 0.0  # no reference copy of the model
    cfg.device = "cpu"
    # Real weights keep their usual precision (an 8B model in float32 would need 32 GB); the tiny ones are float32.
    cfg.dtype = ("bfloat16" if spec.kind == "hf" else "float32") if dtype == "auto" else dtype

    def no_corpus():
        raise ValueError(f"{run_dir} has no tokenizer/ folder (a tiny model's tokenizer is written at the start of its run)")

    policy = make_hf_policy(cfg, spec, os.path.join(run_dir, "tokenizer"), no_corpus)
    policy.load(os.path.join(found, "policy"))
    model = policy.model.merge_and_unload() if cfg.lora else policy.model
    tmp = f"{out.rstrip('/')}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp, safe_serialization=True)
    policy.tokenizer.save_pretrained(tmp)
    with open(os.path.join(found, "state.json"), encoding="utf8") as f:
        step = json.load(f).get("step")
    record = {
        "run_dir": run_dir,
        "checkpoint": found,
        "step": step,
        "model": cfg.model,
        "architecture": type(model).__name__,
        "format": cfg.format,
        "lora_merged": bool(cfg.lora),
        "config_hash": cfg.hash(),
        "dtype": cfg.dtype,
        "exported": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    with open(os.path.join(tmp, "prove-export.json"), "w", encoding="utf8") as f:
        json.dump(record, f, indent=2)
    if os.path.exists(out):
        os.rmdir(out)  # empty, checked above
    os.replace(tmp, out)
    return record


def main(argv: Optional[List[str]] = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    p = argparse.ArgumentParser(
        prog="python -m prove_trainer.export", description="Merge a run's LoRA adapter into its base model and write a Hugging Face checkpoint folder."
    )
    p.add_argument("run", help="a run folder of prove train, or one of its checkpoints/step-N folders")
    p.add_argument("--out", required=True, help="the folder to write (new or empty)")
    p.add_argument("--checkpoint", default=None, help="which checkpoint of the run (default: its latest), e.g. step-000040")
    p.add_argument(
        "--dtype",
        default="auto",
        choices=["auto", "float32", "bfloat16", "float16"],
        help="weights dtype (auto: bfloat16 for real models, float32 for tiny ones)",
    )
    args = p.parse_args(argv)
    try:
        record = export(args.run, args.out, args.checkpoint, args.dtype)
    except (ValueError, FileNotFoundError) as err:
        print(f"prove_trainer.export: {err}", file=sys.stderr)
        return 2
    print(
        f"exported {record['model']} (step {record['step']}, LoRA {'merged' if record['lora_merged'] else 'not used'}, {record['architecture']}, {record['format']} tool calls) to {os.path.abspath(args.out)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
