"""The trainer against the live service: exact resume, checkpoints, metrics, and the stub's messages."""

import json
import os
import shutil

import pytest

from prove_trainer import checkpoint
from prove_trainer.metrics import TIMING_FIELDS, MetricsLog
from prove_trainer.train import Trainer

SMALL = {"model": "stub", "batch_tasks": 2, "group_size": 4, "checkpoint_every": 2, "seed": 3}


@pytest.fixture()
def service(task_service, monkeypatch):
    monkeypatch.setenv("PROVE_TOKEN", task_service["token"])
    return task_service["address"]


def _train(service, run_dir, resume=False, **overrides):
    return Trainer(str(run_dir), service, {**SMALL, **overrides}, resume=resume).run()


def _comparable(run_dir):
    return [{k: v for k, v in r.items() if k not in TIMING_FIELDS} for r in MetricsLog(os.path.join(run_dir, "metrics.jsonl")).read()]


def test_a_resumed_run_reproduces_the_uninterrupted_one_line_for_line(service, tmp_path):
    assert _train(service, tmp_path / "whole", steps=5) == 0
    whole = _comparable(tmp_path / "whole")
    assert [r["step"] for r in whole] == [1, 2, 3, 4, 5]

    # Stopped after step 3 (a checkpoint is written at the last step of a run), then continued to 5.
    _train(service, tmp_path / "parts", steps=3)
    assert _train(service, tmp_path / "parts", resume=True, steps=5) == 0
    assert _comparable(tmp_path / "parts") == whole


def test_after_a_crash_the_lines_past_the_checkpoint_are_written_again_once(service, tmp_path):
    run = tmp_path / "crash"
    _train(service, run, steps=3)
    # A crash after step 3's metrics line but before its checkpoint: only step 2's checkpoint is there.
    shutil.rmtree(run / "checkpoints" / "step-000003")
    (run / "checkpoints" / "latest").write_text("step-000002\n")
    assert len(MetricsLog(str(run / "metrics.jsonl")).read()) == 3
    assert _train(service, run, resume=True, steps=4) == 0
    resumed = _comparable(run)
    assert [r["step"] for r in resumed] == [1, 2, 3, 4]
    _train(service, tmp_path / "clean", steps=4)
    assert resumed == _comparable(tmp_path / "clean")


def test_a_resumed_run_keeps_its_configuration(service, tmp_path):
    _train(service, tmp_path / "r", steps=1)
    with pytest.raises(ValueError, match="only --steps may change"):
        Trainer(str(tmp_path / "r"), service, {**SMALL, "group_size": 8}, resume=True)


def test_run_folder_holds_config_metrics_rollouts_checkpoints_and_report(service, tmp_path):
    run = tmp_path / "run"
    _train(service, run, steps=2, keep_checkpoints=1, checkpoint_every=1)
    config = json.loads((run / "config.json").read_text())
    assert config["model"] == "stub" and config["lr"] == 0.05 and config["preset"] == "verified"
    line = MetricsLog(str(run / "metrics.jsonl")).read()[-1]
    for key in (
        "step",
        "reward_mean",
        "reward_std",
        "r_val",
        "r_cov",
        "r_eff",
        "r_name",
        "r_arg",
        "r_state",
        "r_answer",
        "loss",
        "kl",
        "clip_fraction",
        "tokens_generated",
        "truncations",
        "outcomes",
        "step_seconds",
        "env_seconds",
        "env_share",
        "zero_variance_groups",
        "masked",
    ):
        assert key in line, key
    assert 0 < line["env_seconds"] < line["step_seconds"]
    # keep_checkpoints=1: only the newest is left, and `latest` names it.
    assert sorted(os.listdir(run / "checkpoints")) == ["latest", "step-000002"]
    assert checkpoint.latest(str(run)).endswith("step-000002")
    sample = [json.loads(line) for line in (run / "rollouts" / "step-000002.jsonl").read_text().splitlines()]
    assert sample and sample[0]["messages"][0]["role"] == "system" and sample[0]["messages"][1]["role"] == "user"
    html = (run / "report.html").read_text()
    assert "data:image/png;base64," in html and "reward_mean" in html
    assert (run / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("fmt", ["hermes", "granite", "openai"])
def test_the_stub_writes_calls_every_format_parses(service, tmp_path, fmt):
    _train(service, tmp_path / fmt, steps=1, format=fmt, sample_rollouts=8)
    line = MetricsLog(str(tmp_path / fmt / "metrics.jsonl")).read()[0]
    calls = sum(line["outcomes"].values())
    assert calls > 0 and line["outcomes"].get("parse_error", 0) == 0
    assert line["outcomes"].get("ok", 0) > 0
