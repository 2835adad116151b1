"""Tasks and Reward from Python: synthesize a dataset with streamed progress, list it, score a reference."""

import json

import grpc
import pytest

from prove_trainer import ProveError


def test_synthesize_list_get_and_score(prove):
    progress = list(prove.tasks.synthesize(seed="py", count=12, dataset="pytest", config={"domains": ["banking"]}))
    last = progress[-1]
    assert last.finished and last.dataset == "pytest" and last.stage == "done"
    assert last.stats["kept"] == 12 and last.kept == 12 and last.message == "wrote 12 tasks"
    assert all(not p.finished for p in progress[:-1])

    page = prove.tasks.list(dataset="pytest", limit=5, kind="conversation")
    assert 0 < len(page.tasks) <= 5 and page.total >= len(page.tasks)
    assert page.next_offset == (5 if page.total > 5 else -1)
    first = page.tasks[0]
    assert first.kind == "conversation" and first.domains == ["banking"] and first.turns >= 1
    task_id = first.id
    got = prove.tasks.get(task_id, dataset="pytest")
    task, chat = got.task, got.chat
    assert task["id"] == task_id and chat["messages"][0]["role"] == "system"
    assert len(task["turns"]) == first.turns and sum(len(t["steps"]) for t in task["turns"]) == first.steps

    # Replay the reference in a session created from the task, then score it.
    session = prove.env.create_session(task_id=task_id)
    assert session.task_id == task_id and session.seed == task["seed"]
    for i, turn in enumerate(task["turns"]):
        calls = "".join(f"<tool_call>{json.dumps({'name': s['tool'], 'arguments': s['args']})}</tool_call>" for s in turn["steps"])
        result = prove.env.step(session.session_id, calls, "hermes", turn=i)
        assert result.outcome == "ok", result.calls
    assert prove.env.get_state(session.session_id).state_hash == task["reference"]["final_hash"]
    score = prove.reward.score(task_id, session_id=session.session_id, preset="prove")
    assert score.reward == pytest.approx(1.3) and score.preset == "prove" and score.outcome == "ok"
    assert set(score.components) == {"r_val", "r_cov", "r_eff", "r_name", "r_arg"}
    # The paper's weights: 0.5 val, 0.5 cov, 0.15 eff, 0.2 name, 0.1 arg.
    assert score.weights == pytest.approx({"r_val": 0.5, "r_cov": 0.5, "r_eff": 0.15, "r_name": 0.2, "r_arg": 0.1})
    assert score.status.ok and score.reason == "" and len(score.config_hash) > 0

    group = prove.reward.score_group(task, trajectories=[{"calls": [], "replies": []}], preset="prove")
    assert len(group.scores) == 1 and group.scores[0].reward == 0
    assert group.table["reward"] == [0] and group.mean == 0 and group.std == 0


def test_task_errors(prove):
    with pytest.raises(ProveError) as err:
        list(prove.tasks.synthesize(seed="x", count=1, dataset="../etc"))
    assert err.value.code == grpc.StatusCode.INVALID_ARGUMENT
    with pytest.raises(ProveError) as err:
        prove.tasks.get("nope", dataset="missing")
    assert err.value.code == grpc.StatusCode.NOT_FOUND


def test_call_tool_with_turns_and_recorded_replies_scores_like_step(prove):
    """A session driven by call_tool (turn + record_reply) scores as one driven by step, and a session of another task is unscorable."""
    list(prove.tasks.synthesize(seed="py-live", count=10, dataset="pylive", config={"domains": ["banking", "email"]}))
    tasks = prove.tasks.list(dataset="pylive", limit=10, kind="conversation").tasks
    task = next(prove.tasks.get(t.id, dataset="pylive") for t in tasks if t.steps > 0)
    task_id = task.task["id"]
    replies = [m["content"] for m in task.chat["messages"] if m["role"] == "assistant" and not m.get("tool_calls")]
    root = prove.env.create_session(task_id=task_id)
    by_step, by_call = prove.env.fork(root.session_id, 2)
    assert by_step.task_id == task_id and by_call.task_id == task_id
    for i, turn in enumerate(task.task["turns"]):
        calls = "".join(f"<tool_call>{json.dumps({'name': s['tool'], 'arguments': s['args']})}</tool_call>" for s in turn["steps"])
        prove.env.step(by_step.session_id, replies[i] + calls, "hermes", turn=i)
        results = prove.env.call_tool_batch([(by_call.session_id, s["tool"], s["args"], i) for s in turn["steps"]])
        assert all(r.ok for r in results)
        prove.env.record_reply(by_call.session_id, i, replies[i])
    other = prove.env.create_session(task_id=next(t.id for t in tasks if t.id != task_id))
    group = prove.reward.score_group(task_id, session_ids=[by_step.session_id, by_call.session_id, other.session_id], preset="verified")
    step_score, call_score, wrong = group.scores
    assert step_score.outcome == "ok" and call_score.reward == pytest.approx(step_score.reward, abs=1e-12)
    assert wrong.outcome == "unscorable" and "created from task" in wrong.reason
    statuses = prove.env.record_replies([(by_call.session_id, 0, "ok"), ("s0-ghost", 0, "hello")])
    assert statuses[0].ok and statuses[1].code == grpc.StatusCode.NOT_FOUND.value[0]
