"""The synthesized chat-format records load directly as a Hugging Face dataset."""

import json
import subprocess
from pathlib import Path

import pytest

datasets = pytest.importorskip("datasets", reason="the compat environment has no Hugging Face datasets")

ROOT = Path(__file__).resolve().parents[2]


def test_chat_jsonl_loads_with_datasets(tmp_path):
    subprocess.run(["node", str(ROOT / "bin" / "prove.mjs"), "synth", "--seed", "py", "--count", "30", "--out", str(tmp_path), "--quiet"], cwd=ROOT, check=True, capture_output=True)
    ds = datasets.load_dataset("json", data_files=str(tmp_path / "chat.jsonl"), split="train")
    assert len(ds) == 30
    assert set(ds.column_names) == {"id", "messages", "tools"}
    row = ds[0]
    assert row["messages"][0]["role"] == "system"
    tools = json.loads(row["tools"])
    assert tools and tools[0]["type"] == "function" and "parameters" in tools[0]["function"]
    calls = [c for r in ds for m in r["messages"] if m.get("tool_calls") for c in m["tool_calls"]]
    assert calls
    for c in calls:
        assert isinstance(json.loads(c["function"]["arguments"]), dict)
    tasks = datasets.load_dataset("json", data_files=str(tmp_path / "tasks.jsonl"), split="train")
    assert len(tasks) == 30 and "turns" in tasks.column_names
