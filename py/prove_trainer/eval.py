"""Evaluation on synthesized tasks: ``python -m prove_trainer.eval --server ADDR --policy P --out F``.

Normally started by ``prove eval`` (ts/eval), which serves the held-out tasks on loopback, reads
the progress events this process prints, and computes the report from the trajectories written
to ``--out``. Each task runs ``--trials`` times from the same state (a group of forked sessions),
through the trainer's own rollout (``rollout.run_groups``: CreateSession(task) → Fork → StepBatch
per round → ScoreGroup), so a policy is evaluated exactly as it was trained.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Dict, List, Optional

from .eval_policies import DECLINE, Move, Script, add_policy_arguments, policy_from_args, with_service


def task_script(task_of) -> Script:
    """The oracle of a synthesized task: per user turn, its ground-truth calls (a parallel group
    per message), then a reply stating the turn's facts; a question for a clarification turn; a
    refusal for an abstention turn."""

    def script(view) -> List[List[Move]]:
        turns: List[List[Move]] = []
        for turn in task_of(view.id)["turns"]:
            if turn["expect"] == "clarify":
                missing = [m.replace("_", " ") for m in turn.get("missing") or []]
                turns.append([f"Could you tell me the {' and the '.join(missing) if missing else 'details you left out'}?"])
            elif turn["expect"] == "abstain":
                turns.append([DECLINE])
            else:
                messages: List[List] = []
                previous = None
                for step in turn["steps"]:
                    group = step.get("parallel_group")
                    if group is not None and group == previous and messages:
                        messages[-1].append((step["tool"], step["args"]))
                    else:
                        messages.append([(step["tool"], step["args"])])
                    previous = group
                facts = turn.get("answer_facts") or []
                turns.append([*messages, ("Done. " + "; ".join(facts) + ".") if facts else "Done."])
        return turns

    return script


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m prove_trainer.eval", description="Evaluate a policy on a dataset of the PROVE Tasks service.")
    p.add_argument("--server", default=os.environ.get("PROVE_SERVER", "127.0.0.1:50051"), help="address of the PROVE service (bearer token: $PROVE_TOKEN)")
    p.add_argument("--dataset", default="default", help="dataset of the Tasks service")
    p.add_argument("--out", required=True, help="trajectories.jsonl to write (one line per trajectory)")
    p.add_argument("--trials", type=int, default=1, help="trajectories per task, each from the task's initial state (pass^k)")
    p.add_argument("--limit", type=int, default=0, help="evaluate only the first N tasks (0: all)")
    p.add_argument("--preset", default="verified", help="reward preset: prove or verified")
    p.add_argument("--max-user-turns", type=int, default=5)
    p.add_argument("--max-assistant-turns", type=int, default=10)
    add_policy_arguments(p)
    return p


def record(t, rec) -> Dict[str, Any]:
    """One line of trajectories.jsonl (ts/eval/records.ts reads it)."""
    sid = t.session_id
    return {
        "task_id": t.task.id,
        "trial": t.member,
        "reward": t.reward,
        "components": t.components,
        "score_outcome": t.score_outcome,
        "end": t.end,
        "outcomes": dict(t.outcomes),
        "assistant_turns": t.assistant_turns,
        "units": t.units,
        "calls": rec.calls.get(sid, []),
        "replies": rec.replies.get(sid, []),
        "detail": rec.details.get(sid, {}),
        "messages": t.transcript,
    }


def main(argv: Optional[List[str]] = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    if args.trials < 1 or args.concurrency < 1:
        print("prove_trainer.eval: --trials and --concurrency must be at least 1", file=sys.stderr)
        return 2
    return with_service("prove_trainer.eval", args.server, lambda client: evaluate(client, args))


def evaluate(client, args: argparse.Namespace) -> int:
    from .data import TaskCatalog
    from .eval_record import RecordingClient
    from .metrics import emit
    from .rollout import EnvTimer, RolloutLimits, derive_seed, run_groups

    catalog = TaskCatalog(client, args.dataset)
    ids = catalog.ids[: args.limit] if args.limit > 0 else list(catalog.ids)
    policy = policy_from_args(args, client, task_script(catalog.task))
    limits = RolloutLimits(policy.format, args.max_user_turns, args.max_assistant_turns, args.preset)
    per_batch = max(1, args.concurrency // args.trials)
    emit("start", total=len(ids), trials=args.trials, format=policy.format)
    tmp = f"{args.out}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf8") as f:
        for start in range(0, len(ids), per_batch):
            rec = RecordingClient(client)
            views = [catalog.view(i) for i in ids[start : start + per_batch]]
            # Sampling seeded per (--seed, task, round), as in training: a task's trajectories do not depend on the batching.
            for t in run_groups(rec, policy, views, args.trials, limits, EnvTimer(), seed=derive_seed(args.seed, "eval")):
                f.write(json.dumps(record(t, rec)) + "\n")
            f.flush()
            emit("progress", done=min(start + per_batch, len(ids)), total=len(ids))
    os.replace(tmp, args.out)
    emit("done", total=len(ids), out=args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
