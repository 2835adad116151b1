"""The Python client over ``prove serve --shards 2``: sessions spread over both shards, each call
routed to the shard its session id names, batches split and merged back in request order."""

import grpc
import pytest

from prove_trainer import ProveClient
from prove_trainer.client import ProveError


READ = '<tool_call>{"name":"get_balance","arguments":{"account_id":"ACC-1001"}}</tool_call>'
WRITE = '<tool_call>{"name":"transfer_between_accounts","arguments":{"from_account_id":"ACC-1001","to_account_id":"ACC-1002","amount":1}}</tool_call>'


@pytest.fixture()
def prove(shards):
    with ProveClient(shards, token="py-shards", timeout=30) as client:
        yield client.wait_ready()


def test_sessions_spread_over_both_shards_and_batches_come_back_in_order(prove):
    assert len(prove.targets) == 2
    roots = [prove.env.create_session(["banking"], seed="7").session_id for _ in range(4)]
    assert sorted(r.split("-")[0] for r in roots) == ["s0", "s0", "s1", "s1"]
    loads = prove.env.shard_loads()
    assert [(x.shard, x.target) for x in loads] == [("s0", prove.targets[0]), ("s1", prove.targets[1])]
    before = {x.shard: x.open_sessions for x in loads}

    on0 = [r for r in roots if r.startswith("s0-")]
    on1 = [r for r in roots if r.startswith("s1-")]
    order = [on1[0], on0[0], "s7-nowhere", on1[1], on0[1]]
    results = prove.env.step_batch([(s, WRITE if i % 2 else READ, "hermes") for i, s in enumerate(order)])
    assert [r.session_id for r in results] == order
    assert [r.status.code for r in results] == [0, 0, grpc.StatusCode.NOT_FOUND.value[0], 0, 0]
    assert results[2].status.message == 'unknown session "s7-nowhere" (its shard "s7" is not one of this client\'s: s0, s1)'
    # Item 1 (a write) and item 3 (a write) changed their sessions; the reads did not.
    assert [c.calls[0].name for i, c in enumerate(results) if i != 2] == [
        "get_balance",
        "transfer_between_accounts",
        "transfer_between_accounts",
        "get_balance",
    ]
    assert prove.env.get_state(on0[0]).calls == 1

    # A fork lives on its parent's shard; the journal and state are read there.
    group = prove.env.fork(on1[0], 3)
    assert [g.session_id.split("-")[0] for g in group] == ["s1", "s1", "s1"]
    assert [r.tool for r in prove.env.journal(group[0].session_id)] == ["get_balance"]
    assert {x.shard: x.open_sessions for x in prove.env.shard_loads()} == {"s0": before["s0"], "s1": before["s1"] + 3}

    renewed = prove.env.renew_leases([group[0].session_id, "s9-x", on0[0]])
    assert (renewed.renewed, renewed.missing) == ([group[0].session_id, on0[0]], ["s9-x"])
    statuses = prove.env.record_replies([(on0[1], 0, "done"), ("s9-y", 0, "lost"), (on1[1], 0, "done")])
    assert [s.code for s in statuses] == [0, grpc.StatusCode.NOT_FOUND.value[0], 0]

    closed = prove.env.close([*[g.session_id for g in group], "s9-x", *roots])
    assert (closed.closed, closed.missing) == (7, ["s9-x"])
    assert {x.shard: x.open_sessions for x in prove.env.shard_loads()} == {"s0": before["s0"] - 2, "s1": before["s1"] - 2}


def test_a_session_on_no_known_shard_is_not_found(prove):
    for call in (lambda: prove.env.get_state("s7-abc"), lambda: prove.env.fork("nodash", 1), lambda: prove.env.step("s9-q", READ)):
        with pytest.raises(ProveError) as err:
            call()
        assert err.value.code == grpc.StatusCode.NOT_FOUND
        assert "is not one of this client's: s0, s1" in err.value.details


def test_a_group_spread_over_two_shards_is_refused(prove):
    a = prove.env.create_session(["banking"], seed="7").session_id
    b = prove.env.create_session(["banking"], seed="7").session_id
    assert a.split("-")[0] != b.split("-")[0]
    with pytest.raises(ProveError) as err:
        prove.reward.score_group({"id": "t"}, session_ids=[a, b])
    assert err.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert "live on one shard" in err.value.details
    prove.env.close([a, b])


def test_every_shard_has_the_token(shards):
    with ProveClient(shards, timeout=10) as stranger:
        with pytest.raises(ProveError) as err:
            stranger.wait_ready()
        assert err.value.code == grpc.StatusCode.UNAUTHENTICATED
