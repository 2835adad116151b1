"""What one bad model output, a lost reply or a full session does to the Python client (issue 14)."""

import grpc
import pytest
from google.protobuf.message import DecodeError

from prove_trainer import ProveError
from prove_trainer import _wire
from prove_trainer.client import _decode_items, _step_result, _undecodable_step

FREEZE = '<tool_call>{"name": "freeze_card", "arguments": {"card_id": "CARD-1001"}}</tool_call>'


def call(name, args):
    return '<tool_call>{"name": "%s", "arguments": %s}</tool_call>' % (name, args)


def group(prove, n, seed="7"):
    root = prove.env.create_session(["banking"], seed=seed)
    return [s.session_id for s in prove.env.fork(root.session_id, n)]


def test_a_lone_surrogate_in_one_members_tool_name_loses_nothing(prove):
    # Was: INTERNAL "Exception deserializing response!" for the whole StepBatch, and that
    # session's GetJournal unreadable for good.
    ids = group(prove, 4)
    texts = [FREEZE, FREEZE, "ok " + call("get_\\udfff", "{}"), FREEZE]
    results = prove.env.step_batch([(sid, text, "hermes", 0) for sid, text in zip(ids, texts)])
    assert [r.outcome for r in results] == ["ok", "ok", "parse_error", "ok"]
    assert all(r.status.ok for r in results)
    assert "lone surrogate" in results[2].format_errors[0].message
    assert [r.outcome for r in prove.env.journal(ids[2])] == ["parse_error"]


@pytest.mark.parametrize("depth", [1000, 5000])
def test_deep_json_is_one_members_parse_error(prove, depth):
    # Was: RecursionError at 1,000 levels (the group's results lost), INTERNAL at 5,000 and a
    # journal that could never be read again.
    ids = group(prove, 2)
    deep = '{"card_id": %s%s}' % ("[" * depth, "]" * depth)
    results = prove.env.step_batch([(ids[0], call("freeze_card", deep), "hermes", 0), (ids[1], FREEZE, "hermes", 0)])
    assert [r.outcome for r in results] == ["parse_error", "ok"]
    assert "nests deeper than 32 levels" in results[0].format_errors[0].message
    assert [r.outcome for r in prove.env.journal(ids[0])] == ["parse_error"]


def test_an_item_that_cannot_be_decoded_is_its_own_error():
    # Two results of a StepBatch reply; the second one's session id made invalid UTF-8 on the wire.
    result = _wire.message("StepResult")
    reply = _wire.message("StepBatchResponse")(results=[result(session_id="s0-good", outcome=1), result(session_id="s0-BADX", outcome=1)])
    data = reply.SerializeToString().replace(b"BADX", b"B\xed\xbf\xbf")
    # The whole reply does not decode (protobuf's error, or Unicode's in its pure-Python back-end).
    with pytest.raises((DecodeError, UnicodeDecodeError)):
        _wire.message("StepBatchResponse").FromString(data)
    items, _ = _decode_items(data, "StepResult", _step_result, lambda i, err: _undecodable_step(f"item-{i}", err))
    assert items[0].session_id == "s0-good" and items[0].outcome == "ok" and items[0].status.ok
    assert items[1].session_id == "item-1" and items[1].status.code == grpc.StatusCode.DATA_LOSS.value[0]
    assert "could not be decoded" in items[1].status.message


def test_a_resent_batch_with_the_same_keys_runs_each_item_once(prove):
    ids = group(prove, 3)
    transfer = call("transfer_between_accounts", '{"from_account_id": "ACC-1001", "to_account_id": "ACC-1003", "amount": 5}')
    keys = [f"round-0/{i}" for i in range(3)]
    first = prove.env.step_batch([(sid, transfer, "hermes", 0) for sid in ids], keys=keys)
    again = prove.env.step_batch([(sid, transfer, "hermes", 0) for sid in ids], keys=keys)
    assert [r.state_hash for r in again] == [r.state_hash for r in first]
    assert [len(prove.env.journal(sid)) for sid in ids] == [1, 1, 1]
    with pytest.raises(ProveError) as err:
        prove.env.step(ids[0], FREEZE, "hermes", 0, key="round-0/0")
    assert err.value.code == grpc.StatusCode.INVALID_ARGUMENT and "different request" in err.value.details


def test_the_call_cap_is_not_retryable_and_fork_zero_is_an_error(prove):
    (sid,) = group(prove, 1)
    # 1,000 calls is the default cap: 31 full steps of 32 reads, then 8 writes that do not fit.
    read = call("list_cards", "{}") * 32
    for turn in range(31):
        assert prove.env.step(sid, read, "hermes", turn).status.ok
    before = prove.env.get_state(sid).state_hash
    with pytest.raises(ProveError) as err:
        prove.env.step(sid, FREEZE * 8 + read, "hermes", 31)
    assert err.value.code == grpc.StatusCode.FAILED_PRECONDITION and not err.value.retryable
    assert "of its 1000 calls" in err.value.details
    assert prove.env.get_state(sid).state_hash == before
    with pytest.raises(ProveError) as err:
        prove.env.fork(sid, 0)
    assert err.value.code == grpc.StatusCode.INVALID_ARGUMENT


def test_portable_schemas_and_the_open_session_count(prove):
    tools = prove.env.list_tools(["banking"])
    for t, strict in zip(tools.tools, tools.openai_strict_tools):
        assert strict["function"]["strict"] is True and strict["function"]["parameters"] == t.portable_schema
        assert sorted(t.portable_schema.get("required", [])) == sorted(t.portable_schema.get("properties", {}))
    before = prove.env.load()
    s = prove.env.create_session(["banking"], seed=1)
    assert prove.env.load().open_sessions == before.open_sessions + 1 and before.max_sessions >= 1
    prove.env.close(s.session_id)
