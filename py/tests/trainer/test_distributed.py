"""The sharded path on a CPU: two gloo processes under torchrun update a tiny LoRA model exactly as one process does."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("distributed_update.py")


def _run(tmp_path, processes, loss):
    out = tmp_path / f"{loss}-{processes}.json"
    launcher = [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc-per-node={processes}"] if processes > 1 else [sys.executable]
    done = subprocess.run([*launcher, str(SCRIPT), str(out), loss], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text())


@pytest.mark.parametrize("loss", ["grpo", "dapo"])
def test_two_processes_give_the_loss_gradients_and_weights_of_one(tmp_path, loss):
    one, two = _run(tmp_path, 1, loss), _run(tmp_path, 2, loss)
    assert (one["processes"], two["processes"]) == (1, 2)
    for update in ("first", "second"):
        for key in ("loss", "pg_loss", "kl", "grad_norm"):
            assert two[update][key] == pytest.approx(one[update][key], rel=1e-5, abs=1e-7), (update, key)
    # The second update sees the first one's weights: a non-zero KL shows the adapter moved.
    assert one["second"]["kl"] > 0
    assert two["weights"] == pytest.approx(one["weights"], rel=1e-6)
