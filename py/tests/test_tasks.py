"""Tasks and Reward from Python: synthesize a dataset with streamed progress, list it, score a reference."""

import json

import grpc
import pytest

from prove_trainer import ProveError


def test_synthesize_list_get_and_score(prove):
    progress = list(prove.tasks.synthesize(seed="py", count=12, dataset="pytest", config={"domains": ["banking"]}))
    assert progress[-1]["finished"] and progress[-1]["dataset"] == "pytest"
    assert progress[-1]["stats"]["kept"] == 12
    assert all(not p["finished"] for p in progress[:-1])

    page = prove.tasks.list(dataset="pytest", limit=5, kind="conversation")
    assert page["tasks"] and page["total"] >= len(page["tasks"])
    task_id = page["tasks"][0]["id"]
    got = prove.tasks.get(task_id, dataset="pytest")
    task, chat = got["task"], got["chat"]
    assert task["id"] == task_id and chat["messages"][0]["role"] == "system"

    # Replay the reference in a session created from the task, then score it.
    session = prove.env.create_session(task_id=task_id)
    assert session.task_id == task_id and session.seed == task["seed"]
    for i, turn in enumerate(task["turns"]):
        calls = "".join(f'<tool_call>{json.dumps({"name": s["tool"], "arguments": s["args"]})}</tool_call>' for s in turn["steps"])
        result = prove.env.step(session.session_id, calls, "hermes", turn=i)
        assert result.outcome == "ok", result.calls
    assert prove.env.get_state(session.session_id).state_hash == task["reference"]["final_hash"]
    score = prove.reward.score(task_id, session_id=session.session_id, preset="prove")
    assert score["reward"] == pytest.approx(1.3) and score["preset"] == "prove"
    assert set(score["components"]) == {"r_val", "r_cov", "r_eff", "r_name", "r_arg"}

    group = prove.reward.score_group(task, trajectories=[{"calls": [], "replies": []}], preset="prove")
    assert group["scores"][0]["reward"] == 0 and "reward" in group["table"]


def test_task_errors(prove):
    with pytest.raises(ProveError) as err:
        list(prove.tasks.synthesize(seed="x", count=1, dataset="../etc"))
    assert err.value.code == grpc.StatusCode.INVALID_ARGUMENT
    with pytest.raises(ProveError) as err:
        prove.tasks.get("nope", dataset="missing")
    assert err.value.code == grpc.StatusCode.NOT_FOUND
