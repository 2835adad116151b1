"""Adapters that let other trainers use PROVE's environments and rewards (TRL here; verl in docs/trainers.md)."""
