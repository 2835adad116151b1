"""PROVE-TS from Python: a typed client for the environment, reward and task services."""

from .client import (
    CallResult,
    GroupScore,
    ProveClient,
    ProveError,
    Score,
    ServiceUnavailable,
    Session,
    StepResult,
    SynthesisProgress,
    TaskPage,
    TaskRecord,
)

__all__ = [
    "CallResult",
    "GroupScore",
    "ProveClient",
    "ProveError",
    "Score",
    "ServiceUnavailable",
    "Session",
    "StepResult",
    "SynthesisProgress",
    "TaskPage",
    "TaskRecord",
]
__version__ = "0.1.0"
