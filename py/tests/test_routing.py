"""The shard routing rules (prove_trainer/routing.py); test/rpc/routing.test.ts checks the TypeScript twin with the same cases."""

import pytest

from prove_trainer.client import ProveClient, targets_of
from prove_trainer.routing import RoundRobin, merge_by_position, shard_of, split_by_shard, unknown_session


def test_the_shard_is_the_id_up_to_its_first_dash():
    assert shard_of("s0-AbC") == "s0"
    assert shard_of("s12-a-b_c") == "s12"
    assert shard_of("hostA_1-x") == "hostA_1"
    assert shard_of("nodash") == ""
    assert shard_of("-leading") == ""
    assert shard_of("") == ""


def test_split_groups_positions_by_shard_in_request_order():
    ids = ["s1-a", "s0-b", "s1-c", "s9-d", "s0-e", "plain", "s1-f"]
    parts, unknown = split_by_shard(ids, {"s0", "s1"})
    assert list(parts.items()) == [("s1", [0, 2, 6]), ("s0", [1, 4])]
    assert unknown == [3, 5]


def test_merge_puts_results_back_in_request_order():
    merged = merge_by_position(
        7,
        [([0, 2, 6], ["r-s1-a", "r-s1-c", "r-s1-f"]), ([1, 4], ["r-s0-b", "r-s0-e"]), ([3, 5], ["nf-s9-d", "nf-plain"])],
    )
    assert merged == ["r-s1-a", "r-s0-b", "r-s1-c", "nf-s9-d", "r-s0-e", "nf-plain", "r-s1-f"]
    assert merge_by_position(0, []) == []


def test_merge_refuses_holes_doubles_and_wrong_counts():
    with pytest.raises(ValueError, match="no result for item 2 of 3"):
        merge_by_position(3, [([0, 1], ["a", "b"])])
    with pytest.raises(ValueError, match="given twice"):
        merge_by_position(2, [([0, 0], ["a", "b"])])
    with pytest.raises(ValueError, match="answered 1 items for 2"):
        merge_by_position(2, [([0, 1], ["a"])])
    with pytest.raises(ValueError, match="out of range"):
        merge_by_position(2, [([0, 2], ["a", "b"])])


def test_unknown_shard_message_names_the_known_ones():
    assert unknown_session("s9-abc", ["s0", "s1"]) == 'unknown session "s9-abc" (its shard "s9" is not one of this client\'s: s0, s1)'
    assert unknown_session("abc", ["s0"]) == 'unknown session "abc" (it names no shard, which is not one of this client\'s: s0)'


def test_round_robin_takes_turns():
    rr = RoundRobin(3)
    assert [rr.next() for _ in range(7)] == [0, 1, 2, 0, 1, 2, 0]
    one = RoundRobin(1)
    assert [one.next(), one.next()] == [0, 0]


def test_targets_from_a_list_or_a_comma_separated_string():
    assert targets_of("127.0.0.1:1, 127.0.0.1:2,") == ["127.0.0.1:1", "127.0.0.1:2"]
    assert targets_of(["a:1", "b:2"]) == ["a:1", "b:2"]
    with pytest.raises(ValueError, match="no target"):
        targets_of(" , ")
    with ProveClient("127.0.0.1:9,127.0.0.1:10") as c:
        assert c.targets == ["127.0.0.1:9", "127.0.0.1:10"]
        assert c.target == "127.0.0.1:9,127.0.0.1:10"
