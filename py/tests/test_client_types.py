"""Every call of the Python client returns typed results: frozen dataclasses, never plain dicts."""

import dataclasses
import inspect
import typing

import pytest

from prove_trainer import client as c

SERVICES = [c.EnvironmentClient, c.RewardClient, c.TasksClient]


def _public_methods():
    for cls in SERVICES:
        for name, fn in inspect.getmembers(cls, inspect.isfunction):
            if not name.startswith("_"):
                yield pytest.param(cls, name, fn, id=f"{cls.__name__}.{name}")


def _is_frozen_dataclass(t) -> bool:
    return isinstance(t, type) and dataclasses.is_dataclass(t) and t.__dataclass_params__.frozen


@pytest.mark.parametrize("cls,name,fn", list(_public_methods()))
def test_every_call_returns_frozen_dataclasses(cls, name, fn):
    returns = typing.get_type_hints(fn)["return"]
    if returns is type(None):  # record_reply: it raises or returns nothing
        return
    origin = typing.get_origin(returns)
    if origin in (list, typing.get_origin(typing.Iterator[int])):
        (returns,) = typing.get_args(returns)
    assert _is_frozen_dataclass(returns), f"{cls.__name__}.{name} returns {returns!r}, not a frozen dataclass (or a list or iterator of them)"
    assert inspect.getdoc(fn), f"{cls.__name__}.{name} has no docstring"


def test_the_services_offer_the_calls_the_docs_name():
    # Guards the parametrized test above against passing vacuously.
    names = {p.id for p in _public_methods()}
    assert {
        "EnvironmentClient.step_batch",
        "RewardClient.score",
        "RewardClient.score_group",
        "TasksClient.list",
        "TasksClient.get",
        "TasksClient.synthesize",
        "EnvironmentClient.close",
    } <= names


def test_results_are_immutable():
    score = c.Score(1.0, {}, {}, "prove", "h", "ok", None, c.Status(0, ""), "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        score.reward = 2.0  # type: ignore[misc]
