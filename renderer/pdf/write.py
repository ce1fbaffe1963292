"""Writing the PDF: metadata from the manifest, the same bytes for the same inputs, and a file
that is replaced only when the new one is complete."""

from __future__ import annotations

import calendar
import contextlib
import fcntl
import glob
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas

from ..model.edition import Edition
from ..source_date import source_date
from .subsets import write_fonts


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
        _hook_document(canvas)
        if prepare is not None:
            prepare(canvas)
        stamp = TimeStamp(invariant=1)
        stamp.t, stamp.lt = when, time.gmtime(when)
        stamp.YMDhms = tuple(stamp.lt)[:6]
        getattr(canvas, "_doc")._timeStamp = stamp  # noqa: B009 (private, not in the reportlab stubs)
        return canvas

    return make


def _hook_document(canvas: Canvas) -> None:
    """Two things reportlab's document writes are mended as it writes them: every page got a
    page-transition dictionary, empty unless a transition was asked for (``/Trans << >>``, a
    presentation effect that says nothing), dropped as the document takes each page; and every
    font subset was tagged ``AAAAAA+``, tagged by what it holds instead (``subsets.py``)."""
    doc = getattr(canvas, "_doc")  # noqa: B009 (private, not in the reportlab stubs)
    document_class = type(doc)

    def add_page(self: Any, page: Any) -> None:
        if page.Trans is not None and not page.Trans.dict:
            page.Trans = None
        document_class.addPage(self, page)

    def get_pdf_data(self: Any, *args: Any) -> Any:
        write_fonts(self)
        return document_class.GetPDFData(self, *args)

    doc.__class__ = type("Document", (document_class,), {"addPage": add_page, "GetPDFData": get_pdf_data})


TEMP_SUFFIX = ".impact-report-tmp"  # .<name>.<random>.impact-report-tmp: a file being written
LOCK_NAME = ".impact-report.lock"   # held while a folder's outputs are replaced


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place."""
    try:
        tmp = _write_beside(path, data)
    except OSError as exc:  # named for the file meant, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_together(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary file beside it, and only when all are complete rename
    them into place, in the order given: a PDF and its layout map are replaced together or
    not at all.

    The files share one folder, and all of this happens under an exclusive lock on it
    (:data:`LOCK_NAME`), so that builds racing to one output publish one after the other and
    never interleave their files. Under the lock no other build is writing there, so any
    temporary file of these names is left from a build that was killed: it is removed first.
    Two renames cannot be one atomic step; a build killed between them leaves files whose
    build ids differ (see ``renderer.buildid``), which readers refuse.

    The files get the permissions any new file would get under the user's umask (0644 as a
    rule), not mkstemp's private 0600: the PDF goes on to a printer, a shared folder or CI."""
    folders = {path.parent for path in files}
    if len(folders) != 1:
        raise ValueError("files written together must share one folder")
    folder = folders.pop()
    for path in files:
        if path.is_dir():
            raise IsADirectoryError(21, "it is a folder", str(path))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # named for the file meant
        raise OSError(exc.errno, exc.strerror, str(next(iter(files)))) from exc
    with _locked(folder, next(iter(files))):
        _remove_stale(files)
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
        _sync_folder(folder)


@contextlib.contextmanager
def _locked(folder: Path, meant: Path) -> Iterator[None]:
    """An exclusive ``flock`` on the folder's lock file, for as long as the block runs (the
    kernel lets go of it when the process dies, so a killed build never leaves it held)."""
    try:
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(meant)) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def _remove_stale(files: dict[Path, bytes]) -> None:
    """Temporary files of these names that a killed build left behind."""
    for path in files:
        for stale in path.parent.glob(f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"):
            stale.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the renames themselves durable, not only the files' contents."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return  # a folder that cannot be opened for reading: the renames are still made
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the files themselves were synced
    finally:
        os.close(fd)


def _write_beside(path: Path, data: bytes) -> str:
    if path.is_dir():
        raise IsADirectoryError(21, "it is a folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
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
