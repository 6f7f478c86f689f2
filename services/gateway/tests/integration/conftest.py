"""Fixtures of the gateway's integration tests beside those of ``tests/conftest.py``."""

from .webhook_receiver import receiver

__all__ = ["receiver"]  # the real webhook receiver, for every webhook test by name
