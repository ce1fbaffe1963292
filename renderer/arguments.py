"""Output paths on the command line, checked before anything is written: a slip in ``-o``
must never replace a content file."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from pathlib import Path


def pdf_path(text: str) -> Path:
    """``-o`` of build: a PDF (``-o content/2022/manifest.yaml`` would replace the manifest)."""
    path = Path(text)
    if path.suffix.lower() != ".pdf":
        raise argparse.ArgumentTypeError(f"'{text}' does not end in .pdf; -o names the PDF to write")
    return path


def folder_path(text: str) -> Path:
    """``-o`` of preview, diff and schema: a folder, which may not exist yet."""
    path = Path(text)
    if not text or (path.exists() and not path.is_dir()):
        raise argparse.ArgumentTypeError(f"'{text}' is not a folder; -o names the folder to write into")
    return path


def bounded(low: float, high: float, what: str) -> Callable[[str], float]:
    """A number argument within [low, high] (nan and infinities refused), e.g. ``--dpi``."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be between {low:g} and {high:g}, not '{text}'")
        return value

    return parse
