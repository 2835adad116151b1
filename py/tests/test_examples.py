"""The examples in py/examples run against the real service."""

import runpy
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_group_rollout_example(target, capsys):
    runpy.run_path(str(EXAMPLES / "group_rollout.py"), run_name="example")["main"](target)
    out = capsys.readouterr().out
    assert out.count(": ok, 1 call(s)") == 4
    assert "group of 4 closed: 5" in out
