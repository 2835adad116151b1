"""PROVE-TS from Python: a typed client for the environment, reward and task services."""

from .client import (
    CallResult,
    ProveClient,
    ProveError,
    ServiceUnavailable,
    Session,
    StepResult,
)

__all__ = ["CallResult", "ProveClient", "ProveError", "ServiceUnavailable", "Session", "StepResult"]
__version__ = "0.1.0"
