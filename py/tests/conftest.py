"""Starts the TypeScript service for the client tests (or uses PROVE_TARGET when set)."""

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from prove_trainer import ProveClient

ROOT = Path(__file__).resolve().parents[2]


def _serve(args, env=None, listening=r"gRPC on ([\d.]+:\d+)"):
    """Starts `prove serve ARGS` and returns the process and where it listens (the first group of ``listening``)."""
    proc = subprocess.Popen(["node", str(ROOT / "bin" / "prove.mjs"), "serve", *args], cwd=ROOT, stderr=subprocess.PIPE, text=True, env=env)
    seen = []
    match = None
    while match is None:
        line = proc.stderr.readline()
        if not line:
            proc.kill()
            raise RuntimeError("the service did not start:\n" + "".join(seen))
        seen.append(line)
        match = re.search(listening, line)
    return proc, match.group(1)


@pytest.fixture(scope="session")
def target():
    if os.environ.get("PROVE_TARGET"):
        yield os.environ["PROVE_TARGET"]
        return
    proc, address = _serve(["--port", "0", "--data", tempfile.mkdtemp(prefix="prove-data-")])
    yield address
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def shards():
    """`prove serve --shards 2` with a bearer token: the comma-separated targets it prints."""
    args = ["--shards", "2", "--port", "0", "--data", tempfile.mkdtemp(prefix="prove-shards-")]
    proc, targets = _serve(args, {**os.environ, "PROVE_TOKEN": "py-shards"}, r"gRPC shards (\S+)")
    yield targets
    proc.terminate()
    assert proc.wait(timeout=20) == 0


@pytest.fixture()
def prove(target):
    with ProveClient(target, timeout=30) as client:
        yield client.wait_ready()


def _serve_tasks(root, seed, count, config=None):
    args = ["node", str(ROOT / "bin" / "prove.mjs"), "synth", "--seed", seed, "--count", str(count), "--out", str(root / "tasks"), "--quiet"]
    subprocess.run(args + (["--config", json.dumps(config)] if config else []), cwd=ROOT, check=True, capture_output=True)
    token = "pytest-token"
    proc, address = _serve(["--port", "0", "--tasks", str(root / "tasks"), "--data", str(root / "data")], {**os.environ, "PROVE_TOKEN": token})
    return proc, {"address": address, "token": token, "tasks": root / "tasks"}


@pytest.fixture(scope="session")
def task_service(tmp_path_factory):
    """A service with a small synthesized dataset loaded and a bearer token, as `prove train` runs one."""
    proc, info = _serve_tasks(tmp_path_factory.mktemp("tasks"), "5", 80)
    yield info
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def small_task_service(tmp_path_factory):
    """The same with tasks of three small domains and no distractors: prompts of 2-4K tokens, for language models on a CPU."""
    config = {"domains": ["budget", "video_meeting", "team_chat"], "distractor_share": 0, "two_domain_share": 0}
    proc, info = _serve_tasks(tmp_path_factory.mktemp("small-tasks"), "6", 24, config)
    yield info
    proc.terminate()
    proc.wait(timeout=10)
