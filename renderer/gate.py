"""The one gate every input file passes before it is opened.

Content, layout, fonts and the chart cache come from many hands, and a folder can hold more
than files: a link to ``/etc/passwd`` or out of the repository, ``/dev/zero`` (read until
memory runs out), a FIFO (an open that never returns), a sparse file of 1.5 GB that costs
nothing on disk. So a file is read only as ``name`` under ``root``:

- the name is relative, with no ``..`` and no control character;
- resolved (links followed), it still lies inside ``root``;
- it is a regular file (``stat``, which opens nothing) of at most ``max_bytes``;
- it is opened without following a link and without blocking, and checked again on the open
  descriptor, so a file swapped in between the check and the open is refused too.

Libraries that open a file by its name (Pillow, reportlab's TrueType reader, LittleCMS) are
given the path :func:`inside` returns; everything the renderer reads itself goes through
:func:`read_regular`. This module imports nothing from the renderer: every stage may use it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePath

#: The largest file of each kind that is read; YAML files are bounded by the loader's own
#: limit (``SourceLimits``), whose message says so at the file.
MAX_BYTES: dict[str, int] = {
    "image": 128 << 20,        # a 100-megapixel JPEG is about 30 MB
    "font file": 32 << 20,     # a whole CJK family is under 20 MB
    "ICC profile": 16 << 20,   # printer profiles are 0.5-4 MB
    "chart cache entry": 16 << 20,
}
DEFAULT_MAX_BYTES = 64 << 20


class Refused(Exception):
    """A file is not read; the message says why, naming it as the content did."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def inside(root: Path, name: str, what: str = "file", max_bytes: int | None = None) -> Path:
    """The real path of ``root/name``, once it passed the gate; :class:`Refused` otherwise.

    ``max_bytes`` defaults to :data:`MAX_BYTES` for ``what``; pass 0 for no size check (the
    reader bounds it then)."""
    _check_name(root, name, what)
    base = root.resolve()
    try:
        real = (base / name).resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a loop of links (before Python 3.13)
        if os.path.islink(base / name):
            raise Refused(f"{what} '{name}' is a link that leads nowhere (to a missing file, or in a loop)") from None
        raise Refused(f"{what} '{name}' does not exist in {_shown(root)}") from None
    if real != base and base not in real.parents:
        raise Refused(f"{what} '{name}' is a link that leads outside {_shown(root)}")
    _check_kind(os.stat(real), name, what, _limit(what, max_bytes))
    return real


def read_regular(path: Path, max_bytes: int, what: str = "file", name: str | None = None) -> bytes:
    """The bytes of ``path`` (a path :func:`inside` returned), never more than ``max_bytes``.

    Raises :class:`Refused` for a link, a FIFO, a device or a folder put in its place, or a
    file grown past the bound; :class:`OSError` when it cannot be read."""
    shown = path.name if name is None else name
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_BINARY", 0))
    try:
        _check_kind(os.fstat(fd), shown, what, max_bytes)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # grew after the check
        raise Refused(f"{what} '{shown}' is over {max_bytes:,} bytes")
    return data


def _check_name(root: Path, name: str, what: str) -> None:
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        # The system refuses a NUL in a path name; the other controls are never meant.
        raise Refused(f"{what} name {name!r} holds a control character", "write the file name as it is on disk")
    drive = len(name) > 1 and name[1] == ":"  # C:\..., which a Windows-made file may carry
    if not name or name.startswith(("/", "\\")) or drive:
        raise Refused(f"{what} '{name}' must be a path relative to {_shown(root)}")
    if ".." in PurePath(name).parts:
        raise Refused(f"{what} '{name}' leads outside {_shown(root)}", "use a path inside the folder")


def _check_kind(st: os.stat_result, name: str, what: str, max_bytes: int) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise Refused(f"{what} '{name}' is not a regular file")
    if max_bytes and st.st_size > max_bytes:
        raise Refused(f"{what} '{name}' is {st.st_size:,} bytes; at most {max_bytes:,} are read")


def _limit(what: str, max_bytes: int | None) -> int:
    return MAX_BYTES.get(what, DEFAULT_MAX_BYTES) if max_bytes is None else max_bytes


def _shown(root: Path) -> str:
    """A folder as messages show it: relative to the working folder when inside it."""
    try:
        return root.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return root.as_posix()
