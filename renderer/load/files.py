"""Resolving file names that content gives, without ever leaving the allowed folders."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..diagnostics import Sink, Span
from ..gate import Refused, inside


def display_path(path: Path) -> str:
    """The path as shown in messages: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(_working_folder(os.getcwd())).as_posix()
    except ValueError:
        return path.as_posix()


def display_real(path: Path) -> str:
    """:func:`display_path` of a path the gate returned, which is resolved already."""
    try:
        return path.relative_to(_working_folder(os.getcwd())).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=8)
def _working_folder(cwd: str) -> Path:
    # Resolved once per working folder, not once per page file shown (1,000 times a build).
    return Path(cwd).resolve()


def display_in(root: Path, name: str) -> str:
    """``root/name`` as shown in messages, without following ``name`` if it is a link (a
    manifest linked out is reported where it stands, not where it leads)."""
    return (Path(display_path(root)) / name).as_posix()


def resolve_inside(root: Path, name: str, span: Span, sink: Sink, what: str = "file",
                   max_bytes: int | None = None) -> Path | None:
    """``root/name`` if it passes the gate (:func:`renderer.gate.inside`); otherwise report
    why not at ``span``, the place that named the file.

    Refused: absolute paths, ``..``, symlinks that lead out of ``root``, device files, FIFOs
    and folders (``/dev/zero`` would be read until memory runs out), and files over the size
    bound for ``what``.
    """
    try:
        return inside(root, name, what, max_bytes)
    except Refused as exc:
        sink.error(span, str(exc), *([exc.hint] if exc.hint else []))
        return None
