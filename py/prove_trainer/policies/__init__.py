"""Policies the trainer can train: the stub (no language model) and Hugging Face language models."""
