"""The synthesized chat-format records load directly as a Hugging Face dataset."""

import json
import subprocess
from pathlib import Path

import pytest

datasets = pytest.importorskip("datasets", reason="the compat environment has no Hugging Face datasets")

ROOT = Path(__file__).resolve().parents[2]


def _synth(out, *flags):
    subprocess.run(
        ["node", str(ROOT / "bin" / "prove.mjs"), "synth", "--seed", "py", "--count", "30", "--out", str(out), "--quiet", *flags],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def test_chat_jsonl_with_its_toolsets_loads_with_datasets(tmp_path):
    # The default: each chat row names its tool set, written once in toolsets.jsonl.
    _synth(tmp_path)
    chats = datasets.load_dataset("json", data_files=str(tmp_path / "chat.jsonl"), split="train")
    toolsets = datasets.load_dataset("json", data_files=str(tmp_path / "toolsets.jsonl"), split="train")
    assert len(chats) == 30 and set(chats.column_names) == {"id", "messages", "toolset"}
    by_id = {row["id"]: json.loads(row["tools"]) for row in toolsets}
    assert set(chats["toolset"]) <= set(by_id) and len(by_id) <= 30
    tools = by_id[chats[0]["toolset"]]
    assert tools and tools[0]["type"] == "function" and "parameters" in tools[0]["function"]
    assert chats[0]["messages"][0]["role"] == "system"


def test_chat_jsonl_with_inline_tools_loads_with_datasets(tmp_path):
    # --inline-tools: self-contained rows (what TRL's dataset loaders expect).
    _synth(tmp_path, "--inline-tools")
    ds = datasets.load_dataset("json", data_files=str(tmp_path / "chat.jsonl"), split="train")
    assert len(ds) == 30
    assert set(ds.column_names) == {"id", "messages", "tools"}
    row = ds[0]
    assert row["messages"][0]["role"] == "system"
    tools = json.loads(row["tools"])
    assert tools and tools[0]["type"] == "function" and "parameters" in tools[0]["function"]
