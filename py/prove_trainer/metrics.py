"""metrics.jsonl (one line per step) and the progress events the supervisor reads.

On resume the log is cut back to the checkpoint's step before training continues, so after any
number of crashes every step has exactly one line. Progress events are single stdout lines
``@prove {json}``; everything else the trainer prints is log text.
"""

from __future__ import annotations

import json
import math
import os
import sys
from typing import Any, Dict, List

EVENT_PREFIX = "@prove "

#: Fields that measure time (they differ between otherwise identical runs).
TIMING_FIELDS = ("step_seconds", "env_seconds", "generation_seconds", "train_seconds", "env_share", "tokens_per_second", "time", "peak_rss_mb", "gpu_peak_mb")


def emit(event: str, **fields: Any) -> None:
    """A progress event for the supervisor."""
    sys.stdout.write(EVENT_PREFIX + json.dumps({"event": event, **fields}, default=_plain) + "\n")
    sys.stdout.flush()


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _finite(value: Any) -> Any:
    """NaN/inf as null: JSON has no such numbers, and a reader should see the gap."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


class MetricsLog:
    def __init__(self, path: str):
        self.path = path

    def read(self) -> List[Dict[str, Any]]:
        if not os.path.exists(self.path):
            return []
        with open(self.path, encoding="utf8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def truncate_after(self, step: int) -> None:
        """Keeps the lines of steps up to ``step`` (what the checkpoint being resumed has seen)."""
        kept = [r for r in self.read() if r["step"] <= step]
        tmp = f"{self.path}.tmp-{os.getpid()}"
        with open(tmp, "w", encoding="utf8") as f:
            f.writelines(json.dumps(r) + "\n" for r in kept)
        os.replace(tmp, self.path)

    def append(self, record: Dict[str, Any]) -> None:
        with open(self.path, "a", encoding="utf8") as f:
            f.write(json.dumps(_finite(record), default=_plain) + "\n")
            f.flush()
            os.fsync(f.fileno())
