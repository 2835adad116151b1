"""The GRPO trainer: ``python -m prove_trainer.train --run-dir DIR [--resume] [--model …]``.

Normally started by ``prove train`` (the TypeScript supervisor), which serves the environments,
passes the service address (``--server`` or ``PROVE_SERVER``) and its bearer token
(``PROVE_TOKEN``, never on the command line), reads the progress events this process prints,
and restarts it with ``--resume`` after a crash. Each step: a batch of tasks, a group of
rollouts per task, the group-normalised advantages, one or more optimizer updates, a metrics
line; a checkpoint every ``checkpoint_every`` steps and at the end; SIGTERM/SIGINT stop after
the current step with a checkpoint.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import resource
import signal
import sys
import time
import warnings
from collections import Counter
from typing import Any, Dict, Iterable, List, Optional

from . import config as config_mod
from .config import FIELDS, TrainConfig

log = logging.getLogger("prove_trainer")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m prove_trainer.train", description="GRPO training against the PROVE environment service.")
    p.add_argument("--run-dir", help="run folder: config.json, metrics.jsonl, checkpoints/, rollouts/, report")
    p.add_argument(
        "--server",
        default=os.environ.get("PROVE_SERVER", "127.0.0.1:50051"),
        help="address of `prove serve`, or its shards as a comma-separated list (default: $PROVE_SERVER)",
    )
    p.add_argument("--resume", action="store_true", help="continue the run in --run-dir from its latest checkpoint")
    p.add_argument("--describe", action="store_true", help="print every training option as JSON and exit")
    p.add_argument("--dry-run", action="store_true", help="print the resolved configuration and the plan (placement, memory) without loading weights")
    for f in FIELDS.values():
        p.add_argument(f"--{f.name.replace('_', '-')}", dest=f.name, default=None, metavar="V", help=f.metadata["help"])
    return p


def overrides_from(args: argparse.Namespace) -> Dict[str, Any]:
    return {name: config_mod.parse_value(name, getattr(args, name)) for name in FIELDS if getattr(args, name) is not None}


def main(argv: Optional[List[str]] = None) -> int:
    # Weights come from a local path or the cache, never the network (a missing model is a clear error).
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # peft asks transformers a deprecated question on every model it wraps; it is not ours to answer.
    warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
    args = build_parser().parse_args(argv)
    if args.describe:
        print(json.dumps(config_mod.describe()))
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    if args.dry_run:
        return _dry_run(args)
    if not args.run_dir:
        print("--run-dir is required", file=sys.stderr)
        return 2
    from .policies.hf import ModelNotFound

    try:
        overrides = overrides_from(args)
        trainer = Trainer(args.run_dir, args.server, overrides, resume=args.resume)
    except (ValueError, FileNotFoundError, ModelNotFound) as err:
        # A configuration the trainer refuses: said once (the event tells the supervisor not to
        # restart it, also under torchrun, which does not pass exit codes on), exit 2.
        from .metrics import emit

        print(f"prove_trainer: {err}", file=sys.stderr)
        emit("refused", message=str(err))
        return 2
    return trainer.run()


def _dry_run(args: argparse.Namespace) -> int:
    import torch

    from .models import resolve_model
    from .plan import plan

    try:
        cfg = config_mod.resolve(overrides_from(args))
    except ValueError as err:
        print(f"prove_trainer: {err}", file=sys.stderr)
        return 2
    spec = resolve_model(cfg.model, cfg.format)
    processes = int(os.environ.get("PROVE_NPROC", "1"))
    print(json.dumps({"config": cfg.to_json(), "plan": plan(cfg, spec, processes, torch.cuda.device_count())}, indent=2))
    return 0


class Trainer:
    def __init__(self, run_dir: str, server: str, overrides: Dict[str, Any], resume: bool = False):
        import torch

        from .checkpoint import latest, load
        from .client import ProveClient
        from .data import TaskCatalog, TaskCursor
        from .distributed import Dist
        from .metrics import MetricsLog

        self.run_dir = run_dir
        self.dist = Dist()
        if self.dist.main:
            os.makedirs(os.path.join(run_dir, "rollouts"), exist_ok=True)
        self.cfg = self._config(overrides, resume)
        random.seed(self.cfg.seed)
        torch.manual_seed(self.cfg.seed)
        self.client = ProveClient(server, token=os.environ.get("PROVE_TOKEN") or None, timeout=600).wait_ready(30)
        self.catalog = TaskCatalog(self.client, self.cfg.dataset, self.cfg.kinds)
        self.policy = self._policy()
        self.optimizer = torch.optim.AdamW(list(self.policy.parameters()), lr=self.cfg.lr, weight_decay=0.0)
        self.cursor = TaskCursor(self.catalog.ids, self.cfg.seed)
        self.metrics = MetricsLog(os.path.join(run_dir, "metrics.jsonl"))
        self.start_step = 0
        checkpoint = latest(run_dir) if resume else None
        if checkpoint:
            state = load(checkpoint, self.policy, self.optimizer, self.dist)
            self.cursor.restore(state["cursor"])
            self.start_step = int(state["step"])
            log.info("resumed from %s (step %d)", checkpoint, self.start_step)
        # Lines past the checkpoint belong to steps that will run again: drop them (and their rollouts).
        if self.dist.main:
            self.metrics.truncate_after(self.start_step)
            for name in os.listdir(os.path.join(run_dir, "rollouts")):
                if name.startswith("step-") and int(name[5:11]) > self.start_step:
                    os.remove(os.path.join(run_dir, "rollouts", name))
        self.stopping = False

    # ---- setup -------------------------------------------------------------------------------
    def _config(self, overrides: Dict[str, Any], resume: bool) -> TrainConfig:
        path = os.path.join(self.run_dir, "config.json")
        if resume and os.path.exists(path):
            cfg = config_mod.load(path)
            changed = {k: v for k, v in overrides.items() if getattr(cfg, k) != v}
            if set(changed) - {"steps"}:
                raise ValueError(f"a resumed run keeps its configuration; only --steps may change (asked: {', '.join(sorted(changed))})")
            cfg.steps = overrides.get("steps", cfg.steps)
        else:
            cfg = config_mod.resolve(overrides)
        if self.dist.main:
            tmp = f"{path}.tmp-{os.getpid()}"
            with open(tmp, "w", encoding="utf8") as f:
                json.dump(cfg.to_json(), f, indent=2)
            os.replace(tmp, path)
        return cfg

    def _policy(self):
        from .models import resolve_model

        spec = resolve_model(self.cfg.model, self.cfg.format)
        if spec.kind == "stub":
            from .policies.stub import StubPolicy

            if self.dist.active:
                raise ValueError("the stub policy trains in one process; run it without --nproc")
            read_only = {t.name: t.read_only for t in self.client.env.list_tools().tools}
            return StubPolicy(self.cfg.format, read_only, self.cfg.max_assistant_turns)
        from .policies.hf import make_hf_policy

        return make_hf_policy(self.cfg, spec, os.path.join(self.run_dir, "tokenizer"), lambda: self._corpus(spec.template), self.dist)

    def _corpus(self, family: str) -> Iterable[str]:
        """Conversations of the dataset rendered by the family's template: what a tiny tokenizer learns from."""
        import jinja2

        from .chat_templates import FAMILIES

        env = jinja2.Environment()
        env.filters["tojson"] = lambda value, **_: json.dumps(value, ensure_ascii=False)
        template = env.from_string(FAMILIES[family]["template"])
        for task_id in sorted(self.catalog.ids)[:400]:
            chat = self.client.tasks.get(task_id, dataset=self.cfg.dataset).chat
            tools = chat.get("tools")
            tools = json.loads(tools) if isinstance(tools, str) else tools
            yield template.render(messages=chat.get("messages", []), tools=tools, add_generation_prompt=False)

    # ---- the loop ----------------------------------------------------------------------------
    def run(self) -> int:
        from . import checkpoint, report
        from .metrics import emit

        main = self.dist.main
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._request_stop)
        if main:
            emit(
                "start",
                pid=os.getpid(),
                step=self.start_step,
                total=self.cfg.steps,
                model=self.cfg.model,
                run_dir=self.run_dir,
                resumed=self.start_step > 0,
                processes=self.dist.world,
            )
        step = self.start_step
        stopping = False
        while step < self.cfg.steps and not stopping:
            step += 1
            record = self.step(step)
            # Every rank stops after the same step, or the collectives of the next would hang.
            stopping = self.dist.any(self.stopping)
            if main:
                self.metrics.append(record)
                emit("step", total=self.cfg.steps, **{k: v for k, v in record.items() if k != "outcomes"})
            if step % self.cfg.checkpoint_every == 0 or step == self.cfg.steps or stopping:
                path = checkpoint.save(
                    self.run_dir,
                    step,
                    self.policy,
                    self.optimizer,
                    {"cursor": self.cursor.state(), "config_hash": self.cfg.hash()},
                    self.cfg.keep_checkpoints,
                    self.dist,
                )
                if main:
                    emit("checkpoint", step=step, path=path)
        if main:
            paths = report.write(self.run_dir, self.metrics.read(), self.cfg.to_json())
            emit("stopped" if stopping and step < self.cfg.steps else "done", step=step, total=self.cfg.steps, report=paths)
        self.client.close()
        self.dist.close()
        return 0

    def _request_stop(self, signum, _frame) -> None:
        log.info("signal %d: stopping after this step", signum)
        self.stopping = True

    def step(self, step: int) -> Dict[str, Any]:
        from .learner import assign_advantages, update
        from .rollout import EnvTimer, RolloutLimits, derive_seed, run_groups

        started = time.perf_counter()
        timer = EnvTimer()
        # Every rank draws the same batch and plays its share of the tasks.
        batch = self.cursor.next(self.cfg.batch_tasks)[self.dist.rank :: self.dist.world]
        views = [timer(self.catalog.view, task_id) for task_id in batch]
        limits = RolloutLimits(self.cfg.format, self.cfg.max_user_turns, self.cfg.max_assistant_turns, self.cfg.preset)
        trajectories = run_groups(self.client, self.policy, views, self.cfg.group_size, limits, timer, seed=derive_seed(self.cfg.seed, step))
        rolled = time.perf_counter()
        zero_variance = assign_advantages(trajectories, self.cfg.scale)
        losses = update(self.policy, self.optimizer, trajectories, self.cfg, self.dist)
        done = time.perf_counter()
        if self.dist.main:
            self._sample(step, trajectories)
        times = {
            "step_seconds": done - started,
            "env_seconds": timer.seconds,
            "generation_seconds": max(0.0, rolled - started - timer.seconds),
            "train_seconds": done - rolled,
            **_memory(),
        }
        return self._record(step, self.dist.gather((_summaries(trajectories), zero_variance, times)), losses)

    def _sample(self, step: int, trajectories) -> None:
        if self.cfg.sample_rollouts <= 0:
            return
        path = os.path.join(self.run_dir, "rollouts", f"step-{step:06d}.jsonl")
        with open(path, "w", encoding="utf8") as f:
            for t in trajectories[: self.cfg.sample_rollouts]:
                f.write(
                    json.dumps(
                        {
                            "step": step,
                            "task_id": t.task.id,
                            "member": t.member,
                            "reward": t.reward,
                            "components": t.components,
                            "score_outcome": t.score_outcome,
                            "end": t.end,
                            "outcomes": dict(t.outcomes),
                            "messages": t.transcript,
                        }
                    )
                    + "\n"
                )

    def _record(self, step: int, ranks: List[Any], losses: Dict[str, float]) -> Dict[str, Any]:
        """One metrics line from every rank's trajectory summaries, zero-variance counts and times."""
        trajectories = [t for summaries, _, _ in ranks for t in summaries]
        zero_variance = sum(z for _, z, _ in ranks)
        # The step takes as long as its slowest rank; the environment's share is each rank's mean.
        times = {k: max(r[2][k] for r in ranks) for k in ("step_seconds", "generation_seconds", "train_seconds")}
        times["env_seconds"] = sum(r[2]["env_seconds"] for r in ranks) / len(ranks)
        scored = [t for t in trajectories if t["score_outcome"] == "ok"]
        rewards = [t["reward"] for t in scored]
        mean = sum(rewards) / len(rewards) if rewards else float("nan")
        std = (sum((r - mean) ** 2 for r in rewards) / len(rewards)) ** 0.5 if rewards else float("nan")
        components = sorted({k for t in scored for k in t["components"]})
        outcomes: Counter = Counter()
        for t in trajectories:
            outcomes.update(t["outcomes"])
        units = sum(t["units"] for t in trajectories)
        record: Dict[str, Any] = {
            "step": step,
            "reward_mean": mean,
            "reward_std": std,
            **{c: sum(t["components"].get(c, 0.0) for t in scored) / len(scored) for c in components},
            "loss": losses.get("loss", float("nan")),
            "pg_loss": losses.get("pg_loss", float("nan")),
            "kl": losses.get("kl", float("nan")),
            "clip_fraction": losses.get("clip_fraction", float("nan")),
            **{k: losses[k] for k in ("is_ratio_mean", "is_truncated") if k in losses},
            "grad_norm": losses.get("grad_norm", float("nan")),
            "lr": self.cfg.lr,
            "trajectories": len(trajectories),
            "groups": len({t["group"] for t in trajectories}),
            "zero_variance_groups": zero_variance,
            "masked": sum(t["score_outcome"] == "masked" for t in trajectories),
            "unscorable": sum(t["score_outcome"] == "unscorable" for t in trajectories),
            "tokens_generated": units,
            "truncations": sum(t["end"] == "truncated" for t in trajectories),
            "turn_limits": sum(t["end"] == "turn_limit" for t in trajectories),
            "calls_per_trajectory": sum(t["calls"] for t in trajectories) / len(trajectories),
            "outcomes": dict(sorted(outcomes.items())),
            **times,
            "env_share": times["env_seconds"] / times["step_seconds"] if times["step_seconds"] > 0 else 0.0,
            "tokens_per_second": units / times["generation_seconds"] if times["generation_seconds"] > 0 else 0.0,
            "peak_rss_mb": max(r[2].get("peak_rss_mb", 0.0) for r in ranks),
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        gpu = [r[2]["gpu_peak_mb"] for r in ranks if "gpu_peak_mb" in r[2]]
        if gpu:
            record["gpu_peak_mb"] = max(gpu)
        return record


def _memory() -> Dict[str, float]:
    import torch

    out = {"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if torch.cuda.is_available():
        out["gpu_peak_mb"] = torch.cuda.max_memory_allocated() / 2**20
    return out


def _summaries(trajectories) -> List[Dict[str, Any]]:
    """What the metrics need of each trajectory (small, picklable: gathered from every rank)."""
    return [
        {
            "group": (t.task.id, t.group),
            "reward": t.reward,
            "components": t.components,
            "score_outcome": t.score_outcome,
            "units": t.units,
            "end": t.end,
            "calls": t.calls,
            "outcomes": dict(t.outcomes),
        }
        for t in trajectories
    ]


if __name__ == "__main__":
    sys.exit(main())
