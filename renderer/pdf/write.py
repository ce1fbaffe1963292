"""Writing the PDF: metadata from the manifest, the same bytes for the same inputs, and a file
that is replaced only when the new one is complete."""

from __future__ import annotations

import calendar
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas

from ..model.edition import Edition
from ..source_date import source_date


def canvas_options(edition: Edition, version: str, initial_font: str) -> dict[str, Any]:
    """Document-level options for reportlab, all from the content (none from the machine)."""
    m = edition.manifest
    return {
        "title": m.title, "author": m.author or m.organisation, "subject": m.subject or m.title,
        "keywords": list(m.keywords), "creator": m.organisation, "producer": f"impact-report {version}",
        "lang": m.language, "invariant": 1, "initialFontName": initial_font, "pageCompression": 1,
        "displayDocTitle": 1,
    }


def document_time(edition: Edition) -> float:
    """SOURCE_DATE_EPOCH when set (reproducible builds), otherwise the publication date."""
    epoch = source_date()
    if epoch is not None:
        return float(epoch)
    return float(calendar.timegm(edition.published.timetuple()))


def make_canvasmaker(when: float, prepare: Callable[[Canvas], None] | None = None,
                     **options: Any) -> Callable[..., Canvas]:
    """A canvas whose creation date is ``when`` rather than the build's wall clock; ``options``
    go to reportlab's Canvas (page boxes and PDF version for the press) and ``prepare`` may add
    to its document (the PDF/X identification)."""

    def make(*args: Any, **kwargs: Any) -> Canvas:
        canvas = Canvas(*args, **{**kwargs, **options})
        if prepare is not None:
            prepare(canvas)
        stamp = TimeStamp(invariant=1)
        stamp.t, stamp.lt = when, time.gmtime(when)
        stamp.YMDhms = tuple(stamp.lt)[:6]
        getattr(canvas, "_doc")._timeStamp = stamp  # noqa: B009 (private, not in the reportlab stubs)
        return canvas

    return make


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place."""
    write_together({path: data})


def write_together(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary file beside it, and only when all are complete rename
    them into place: a PDF and its layout map are replaced together or not at all.

    The files get the permissions any new file would get under the user's umask (0644 as a
    rule), not mkstemp's private 0600: the PDF goes on to a printer, a shared folder or CI."""
    done: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            try:
                done.append((_write_beside(path, data), path))
            except OSError as exc:  # named for the file meant, not the temporary one
                raise OSError(exc.errno, exc.strerror, str(path)) from exc
        for tmp, path in done:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in done:
            Path(tmp).unlink(missing_ok=True)
        raise


def _write_beside(path: Path, data: bytes) -> str:
    if path.is_dir():
        raise IsADirectoryError(21, "it is a folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _umask() -> int:
    # The only portable way to read the umask is to set it; it is set straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
