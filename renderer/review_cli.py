"""The review commands' wiring (preview, diff); filled in by the review tools."""

from __future__ import annotations

import argparse
from typing import Any


def add_review_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """No review commands yet."""
