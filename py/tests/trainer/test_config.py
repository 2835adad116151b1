"""Training configuration: precedence, the registry, validation, and the options `prove train` lists."""

import json
from pathlib import Path

import pytest

from prove_trainer.config import describe, parse_value, resolve
from prove_trainer.train import main

ROOT = Path(__file__).resolve().parents[3]


def test_the_paper_values_come_with_each_real_model():
    # PROVE's learning rates, batch 16 tasks x group 16, 350 steps, KL 0.01.
    expected = {"granite-4.1-8b": (3e-7, "granite"), "qwen3-4b": (1e-6, "hermes"), "qwen3-8b": (5e-8, "hermes"), "qwen2.5-7b": (3e-7, "hermes")}
    for name, (lr, fmt) in expected.items():
        cfg = resolve({"model": name})
        assert (cfg.lr, cfg.format, cfg.batch_tasks, cfg.group_size, cfg.steps, cfg.kl_beta) == (lr, fmt, 16, 16, 350, 0.01), name
        assert cfg.lora is True


def test_command_line_beats_registry_beats_defaults():
    cfg = resolve({"model": "qwen3-4b", "lr": 2e-6, "group_size": 4})
    assert (cfg.lr, cfg.group_size, cfg.batch_tasks, cfg.preset) == (2e-6, 4, 16, "verified")
    stub = resolve({"model": "stub"})
    assert (stub.steps, stub.lora, stub.format) == (40, False, "hermes")


def test_loss_variant_defaults():
    assert resolve({"loss": "dr_grpo"}).scale is False
    assert resolve({"loss": "grpo"}).scale is True
    assert resolve({"loss": "dapo"}).upper_clip == 0.28 and resolve({"loss": "grpo"}).upper_clip == 0.2


def test_a_path_or_hub_id_is_a_real_model_with_an_explicit_format():
    cfg = resolve({"model": "/models/my-granite", "format": "granite"})
    assert cfg.format == "granite" and cfg.lora is True and cfg.steps == 350


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"group_size": 1}, "group_size must be at least 2"),
        ({"loss": "ppo"}, "loss must be one of grpo, dr_grpo, dapo"),
        ({"preset": "recall"}, "preset must be one of prove, verified"),
        ({"format": "xml"}, "format must be one of"),
        ({"top_p": 0}, "top_p"),
        ({"kinds": ["chitchat"]}, "unknown task kinds: chitchat"),
        ({"nope": 1}, "unknown option"),
    ],
)
def test_bad_configurations_are_refused_with_the_reason(overrides, message):
    with pytest.raises(ValueError, match=message):
        resolve(overrides)


def test_values_from_the_command_line_are_typed():
    assert parse_value("lr", "1e-6") == 1e-6 and parse_value("steps", "12") == 12
    assert parse_value("thinking", "yes") is True and parse_value("kinds", "conversation, abstention") == ["conversation", "abstention"]
    with pytest.raises(ValueError, match="--steps takes a int"):
        parse_value("steps", "twelve")


def test_the_supervisor_snapshot_of_the_options_is_current():
    # `prove train --help` and its option check read ts/supervisor/trainer-options.json.
    snapshot = json.loads((ROOT / "ts" / "supervisor" / "trainer-options.json").read_text())
    assert snapshot == describe(), "run `make trainer-options` to refresh ts/supervisor/trainer-options.json"


def test_describe_prints_the_options_as_json(capsys):
    assert main(["--describe"]) == 0
    names = [o["name"] for o in json.loads(capsys.readouterr().out)]
    assert names[:3] == ["model", "format", "steps"]
