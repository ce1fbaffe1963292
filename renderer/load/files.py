"""Resolving file names that content gives, without ever leaving the allowed folders."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..diagnostics import Sink, Span


def display_path(path: Path) -> str:
    """The path as shown in messages: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def resolve_inside(root: Path, name: str, span: Span, sink: Sink, what: str = "file") -> Path | None:
    """``root/name`` if it is a regular file inside ``root``; otherwise report why not.

    Refused: absolute paths, ``..``, symlinks that lead out of ``root``, device files and
    folders (``/dev/zero`` would be read until memory runs out).
    """
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        # The system refuses a NUL in a path name; the other controls are never meant.
        sink.error(span, f"{what} name {name!r} holds a control character", "write the file name as it is on disk")
        return None
    if not name or name.startswith(("/", "\\")) or ":" in name.split("/")[0] and len(name) > 1 and name[1] == ":":
        sink.error(span, f"{what} '{name}' must be a path relative to {display_path(root)}")
        return None
    parts = Path(name).parts
    if ".." in parts or Path(name).is_absolute():
        sink.error(span, f"{what} '{name}' leads outside {display_path(root)}", "use a path inside the folder")
        return None
    base = root.resolve()
    candidate = base / name
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        sink.error(span, f"{what} '{name}' does not exist in {display_path(root)}")
        return None
    if real != base and base not in real.parents:
        sink.error(span, f"{what} '{name}' is a link that leads outside {display_path(root)}")
        return None
    mode = os.stat(real).st_mode
    if not stat.S_ISREG(mode):
        sink.error(span, f"{what} '{name}' is not a regular file")
        return None
    return real
