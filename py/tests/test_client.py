"""The Python client against the real TypeScript service."""

import grpc
import pytest
import google.protobuf

from dataclasses import replace

from prove_trainer import ProveClient, ProveError, ServiceUnavailable
from prove_trainer.client import _fork_copies

HERMES_FREEZE = '<tool_call>{"name": "freeze_card", "arguments": {"card_id": "CARD-1001"}}</tool_call>'


def test_runtime_versions_are_reported():
    # The same tests run in .venv (protobuf 7) and .venv-compat (protobuf 4): say which ran.
    print("protobuf", google.protobuf.__version__, "grpcio", grpc.__version__)
    assert int(google.protobuf.__version__.split(".")[0]) >= 4


def test_servers_and_tools(prove):
    servers = {s.name: s for s in prove.env.list_servers()}
    assert servers["banking"].tool_count >= 17
    tools = prove.env.list_tools(["banking"])
    names = [t.name for t in tools.tools]
    assert "transfer_between_accounts" in names
    assert tools.tools[0].input_schema["type"] == "object"
    assert tools.openai_tools[0]["type"] == "function"


def test_create_fork16_step_batch_and_close(prove):
    root = prove.env.create_session(["banking"], seed="7")
    assert len(root.state_hash) == 32
    group = prove.env.fork(root.session_id, 16)
    assert len(group) == 16 and {s.state_hash for s in group} == {root.state_hash}
    assert all(s.parent_id == root.session_id for s in group)
    # The client asks for a compact reply and expands it: full records, one id each.
    assert len({s.session_id for s in group}) == 16 and root.session_id not in {s.session_id for s in group}
    assert all((s.servers, s.seed, s.tools, s.calls) == (root.servers, root.seed, root.tools, root.calls) for s in group)

    one = prove.env.step(group[0].session_id, "Freezing it now." + HERMES_FREEZE, "hermes", turn=0)
    assert one.outcome == "ok" and one.reply_text == "Freezing it now."
    assert one.calls[0].name == "freeze_card" and one.calls[0].result.result["status"] == "frozen"
    assert one.tool_messages[0]["role"] == "tool"

    results = prove.env.step_batch([(s.session_id, HERMES_FREEZE, "hermes") for s in group[1:]])
    assert [r.outcome for r in results] == ["ok"] * 15
    # Identical calls in every fork: identical state hashes, different from the root's.
    hashes = {prove.env.get_state(s.session_id).state_hash for s in group}
    assert len(hashes) == 1 and root.state_hash not in hashes
    assert prove.env.get_state(root.session_id).state_hash == root.state_hash

    leases = prove.env.renew_leases([root.session_id, "s0-ghost"])
    assert leases.renewed == [root.session_id] and leases.missing == ["s0-ghost"]
    closed = prove.env.close([s.session_id for s in group] + [root.session_id])
    assert closed.closed == 17 and closed.missing == []
    again = prove.env.close(root.session_id)
    assert again.closed == 0 and again.missing == [root.session_id]


def test_steps_that_skip_the_state_hash_leave_it_exact_for_later(prove):
    # A rollout never reads a step's hash: state_hash=False saves the service hashing what it wrote.
    root = prove.env.create_session(["banking"], seed="7")
    hashed, skipped = [s.session_id for s in prove.env.fork(root.session_id, 2)]
    with_hash = prove.env.step_batch([(hashed, HERMES_FREEZE, "hermes", 0)])
    without = prove.env.step_batch([(skipped, HERMES_FREEZE, "hermes", 0)], state_hash=False)
    assert len(with_hash[0].state_hash) == 32 and without[0].state_hash == ""
    assert without[0].outcome == "ok" and without[0].calls[0].result.result["status"] == "frozen"
    one = prove.env.step(skipped, "", "hermes", turn=1, state_hash=False)
    assert one.state_hash == ""
    assert prove.env.get_state(skipped).state_hash == with_hash[0].state_hash != root.state_hash


def test_fork_copies_from_a_full_reply_as_an_older_service_sends(prove):
    # A service from before compact forks ignores `compact` and lists a full record per copy.
    root = prove.env.create_session(["banking"], seed="7")
    full = _fork_copies(prove.env._call("ForkSession", session_id=root.session_id, count=2))
    compact = _fork_copies(prove.env._call("ForkSession", session_id=root.session_id, count=2, compact=True))
    for copies in (full, compact):
        assert len(copies) == 2 and copies[0].session_id != copies[1].session_id
        assert all((c.parent_id, c.state_hash, c.seed, c.tools) == (root.session_id, root.state_hash, "7", root.tools) for c in copies)
    assert replace(full[0], session_id="") == replace(compact[0], session_id="")


def test_call_tool_outcomes_and_journal(prove):
    s = prove.env.create_session(["banking"], seed=3)
    ok = prove.env.call_tool(s.session_id, "get_balance", {"account_id": "ACC-1001"})
    assert ok.ok and ok.result["account_id"] == "ACC-1001"
    missing = prove.env.call_tool(s.session_id, "get_account", {"account_id": "ACC-0000"})
    assert missing.outcome == "tool_error" and missing.error.code == "not_found"
    bad = prove.env.call_tool(s.session_id, "get_balance", {"account_id": 5})
    assert bad.outcome == "invalid_arguments"
    parse = prove.env.step(s.session_id, '<tool_call>{"name": "get_balance", "arguments": {', "hermes")
    assert parse.outcome == "parse_error" and parse.format_errors
    batch = prove.env.call_tool_batch([(s.session_id, "list_cards", {}), ("s0-ghost", "list_cards", {})])
    assert batch[0].ok and batch[1].status.code == grpc.StatusCode.NOT_FOUND.value[0]
    journal = prove.env.journal(s.session_id)
    assert [r.outcome for r in journal] == ["ok", "tool_error", "invalid_arguments", "parse_error", "ok"]
    state = prove.env.get_state(s.session_id, include_state=True)
    assert state.state["domains"]["banking"]["accounts"]["ACC-1001"]["id"] == "ACC-1001"


def test_errors_carry_status_codes(prove):
    with pytest.raises(ProveError) as err:
        prove.env.call_tool("s0-nope", "list_accounts", {})
    assert err.value.code == grpc.StatusCode.NOT_FOUND
    with pytest.raises(ProveError) as err:
        prove.env.create_session(["atlantis"], seed=1)
    assert err.value.code == grpc.StatusCode.NOT_FOUND and "atlantis" in err.value.details
    with pytest.raises(ValueError):
        prove.env.step("x", "text", "klingon")


def test_clear_error_when_the_server_is_down():
    with ProveClient("127.0.0.1:9", timeout=3) as client:
        with pytest.raises(ServiceUnavailable) as err:
            client.env.list_servers()
        assert "is `prove serve` running" in str(err.value)
        with pytest.raises(ServiceUnavailable):
            client.wait_ready(timeout=0.5)
