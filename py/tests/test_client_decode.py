"""A step's and a call's record decode their JSON and change lists when first read (client.py,
``_Decoded``): the values, equality, repr, copies and pickles are those of a record built by hand."""

import copy
import dataclasses
import pickle

import pytest

from prove_trainer import _wire
from prove_trainer import client as c

ARGS = '{"from_account_id": "ACC-1001", "to_account_id": "ACC-1002", "amount": 5}'
RESULT = '{"id": "TRF-1012", "amount": 5, "status": "completed"}'
MESSAGES = '[{"role": "tool", "name": "transfer_between_accounts", "content": "{}"}]'


def wire_step(record_args: str = ARGS, call_args: str = ARGS, error: bool = False, messages: str = MESSAGES):
    """A StepResult as the service sends it: one call that changed two records."""
    record = _wire.message("CallResult")(
        index=3,
        tool="transfer_between_accounts",
        arguments_json=record_args,
        outcome=_wire.enum_number("Outcome", "OUTCOME_TOOL_ERROR" if error else "OUTCOME_OK"),
        result_json="" if error else RESULT,
        changes=[] if error else [{"path": "/banking/accounts/ACC-1001/balance", "op": "update"}, {"path": "/banking/transfers/TRF-1012", "op": "create"}],
        clock="2026-09-03T09:01:00Z",
        session_id="s0-abc",
    )
    if error:
        record.error.code = "insufficient_funds"
        record.error.message = "ACC-1001 has 3.00 available"
    call = _wire.message("ParsedCall")(id="call_0", name="transfer_between_accounts", arguments_json=call_args, result=record)
    step = _wire.message("StepResult")(
        session_id="s0-abc",
        calls=[call],
        format_errors=[{"message": "no closing tag", "fragment": "<tool_call>{"}],
        reply_text="Done.",
        tool_messages_json=messages,
        rendered="<tool_response>{}</tool_response>",
        outcome=_wire.enum_number("Outcome", "OUTCOME_OK"),
        state_hash="ab12",
    )
    return _wire.message("StepResult").FromString(step.SerializeToString())


def by_hand(args=None) -> c.StepResult:
    args = {"from_account_id": "ACC-1001", "to_account_id": "ACC-1002", "amount": 5} if args is None else args
    record = c.CallResult(
        3,
        "transfer_between_accounts",
        args,
        "ok",
        {"id": "TRF-1012", "amount": 5, "status": "completed"},
        None,
        [c.StateChange("/banking/accounts/ACC-1001/balance", "update"), c.StateChange("/banking/transfers/TRF-1012", "create")],
        "2026-09-03T09:01:00Z",
        "s0-abc",
        c.Status(0, ""),
    )
    return c.StepResult(
        "s0-abc",
        [c.ParsedCall("call_0", "transfer_between_accounts", args, record)],
        [c.FormatError("no closing tag", "<tool_call>{")],
        "Done.",
        [{"role": "tool", "name": "transfer_between_accounts", "content": "{}"}],
        "<tool_response>{}</tool_response>",
        "ok",
        "ab12",
        c.Status(0, ""),
    )


def test_a_decoded_step_equals_the_same_step_built_by_hand():
    decoded = c._step_result(wire_step())
    assert decoded == by_hand()
    assert repr(decoded) == repr(by_hand())
    assert dataclasses.asdict(decoded) == dataclasses.asdict(by_hand())


def test_fields_are_decoded_once_and_the_call_shares_its_records_arguments():
    step = c._step_result(wire_step())
    call = step.calls[0]
    assert "result" not in call.result.__dict__ and "tool_messages" not in step.__dict__  # nothing read yet
    assert call.result.result is call.result.result
    assert step.tool_messages is step.tool_messages
    assert call.arguments is call.result.arguments  # same text: decoded once


def test_a_call_whose_record_has_other_arguments_decodes_each():
    step = c._step_result(wire_step(record_args='{"amount": 1}'))
    assert step.calls[0].arguments == {"from_account_id": "ACC-1001", "to_account_id": "ACC-1002", "amount": 5}
    assert step.calls[0].result.arguments == {"amount": 1}


def test_a_records_unparsable_arguments_stay_the_models_raw_fragment():
    record = c._call_result(wire_step(record_args='{"amount": ').calls[0].result)
    assert record.arguments == '{"amount": '


def test_a_tool_error_and_an_empty_result_decode_as_before():
    record = c._step_result(wire_step(error=True)).calls[0].result
    assert record.outcome == "tool_error" and not record.ok
    assert record.error == c.ToolError("insufficient_funds", "ACC-1001 has 3.00 available")
    assert record.result is None and record.changes == []


def test_copies_pickles_and_replace_keep_every_field():
    step = c._step_result(wire_step())
    assert pickle.loads(pickle.dumps(step)) == by_hand()
    assert copy.deepcopy(step) == by_hand()
    assert dataclasses.replace(step, reply_text="Sent.") == dataclasses.replace(by_hand(), reply_text="Sent.")


def test_a_decoded_record_is_still_frozen_and_unknown_attributes_are_errors():
    step = c._step_result(wire_step())
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.outcome = "parse_error"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="no attribute 'score'"):
        step.score  # noqa: B018
    with pytest.raises(AttributeError, match="no attribute 'tool_messages_json'"):
        by_hand().tool_messages_json  # noqa: B018 - a record built by hand has no message to decode


def test_a_malformed_value_raises_where_it_is_read_and_nothing_else_is_lost():
    # The service never sends one; if it did, the error belongs to the field, not the batch.
    step = c._step_result(wire_step(messages="[{"))
    assert step.outcome == "ok" and step.calls[0].result.result == {"id": "TRF-1012", "amount": 5, "status": "completed"}
    with pytest.raises(ValueError):
        step.tool_messages  # noqa: B018
    with pytest.raises(ValueError):
        step.tool_messages  # noqa: B018 - not cached as a value
