"""The chart cache: one small JSON op file per drawing, keyed by everything that shapes it.

The key covers the spec and look, the bytes of each font file, matplotlib's version (the text
of its ``_version.py``, read without importing matplotlib) and CHART_CODE_VERSION.
So a warm build reads a few kilobytes of JSON per chart and never imports matplotlib.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.util
import json
import os
import re
import tempfile
from collections.abc import Collection
from functools import cache
from pathlib import Path

from ..gate import MAX_BYTES, Refused, inside, read_regular
from .ops import Op, from_json, to_json
from .spec import ChartLook, ChartSpec
from .trust import trusted

# Bump when drawing code changes what a chart looks like: every cached drawing is then stale.
CHART_CODE_VERSION = 1


@cache
def _file_hash(path: str, size: int, mtime_ns: int) -> str:
    # size and mtime are part of the memo key only, so an edited font in a long-lived process
    # is hashed again; the key itself depends on the bytes alone.
    return hashlib.sha256(read_regular(Path(path), MAX_BYTES["font file"], "font file")).hexdigest()


@cache
def _matplotlib_version() -> str:
    """What identifies the installed matplotlib: the text of the ``_version.py`` its release
    writes (``version = "3.11.2"``...), found without importing matplotlib or reading the
    installed packages' metadata (``importlib.metadata`` costs 10 ms to import and 5 ms to
    search ``sys.path``, on every warm build). A matplotlib built without that file is named
    by its metadata instead."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin is not None:
        try:
            return (Path(spec.origin).parent / "_version.py").read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            pass
    from importlib.metadata import version

    return version("matplotlib")


def key(spec: ChartSpec, look: ChartLook) -> str:
    fonts = []
    for face, path in look.font_files:
        st = os.stat(path)
        fonts.append((face, _file_hash(path, st.st_size, st.st_mtime_ns)))
    payload = {"spec": dataclasses.asdict(spec), "look": _look_fields(look), "fonts": fonts,
               "matplotlib": _matplotlib_version(), "code": CHART_CODE_VERSION}
    # Decimals hash by their digits ("1.50" and "1.5" print differently, so they differ here).
    text = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@functools.lru_cache(maxsize=16)
def _look_fields(look: ChartLook) -> dict[str, object]:
    # Every chart of a report has the same look: its fields are read once, not per chart.
    return dataclasses.asdict(look)


_ENTRY = re.compile(r"[0-9a-f]{64}\.json")  # a drawing's file: its key (a SHA-256 in hex), as store names it


def holds_drawings(cache_dir: Path) -> bool:
    """Whether the folder holds a chart's drawing: a file named by a key. The folder holds the
    fonts' and the hyphenation's entries too, which say nothing of charts."""
    try:
        return any(_ENTRY.fullmatch(name) for name in os.listdir(cache_dir))
    except OSError:
        return False


def load(cache_dir: Path | None, chart_key: str, fonts: Collection[str]) -> list[Op] | None:
    """The cached ops, or None on a miss (absent, unreadable, from a broken write, or holding
    anything this code would not have written, such as a font not in ``fonts``)."""
    if cache_dir is None:
        return None
    try:
        # Through the gate: an entry swapped for a FIFO, /dev/zero or a link out is a miss,
        # never an open that hangs or a read without end (the cache is as writable as build/).
        name = f"{chart_key}.json"
        raw = read_regular(inside(cache_dir, name, "chart cache entry"), MAX_BYTES["chart cache entry"])
        ops = json.loads(raw.decode("utf-8"))["ops"]
    except (Refused, OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None
    return from_json(ops) if trusted(ops, fonts) else None


def store(cache_dir: Path | None, chart_key: str, ops: list[Op]) -> None:
    """Write atomically (temp file, then rename): a reader sees the whole file or none."""
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"ops": to_json(ops)}, separators=(",", ":"), ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=f".{chart_key[:16]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, cache_dir / f"{chart_key}.json")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
