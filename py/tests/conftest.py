"""Starts the TypeScript service for the client tests (or uses PROVE_TARGET when set)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from prove_trainer import ProveClient

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def target():
    if os.environ.get("PROVE_TARGET"):
        yield os.environ["PROVE_TARGET"]
        return
    proc = subprocess.Popen(["node", str(ROOT / "bin" / "prove.mjs"), "serve", "--port", "0"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    match = re.search(r"gRPC on ([\d.]+:\d+)", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"the service did not start: {line}{proc.stderr.read()}")
    yield match.group(1)
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture()
def prove(target):
    with ProveClient(target, timeout=30) as client:
        yield client.wait_ready()
