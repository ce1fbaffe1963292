"""``impact-report preview`` and ``impact-report diff``: the review tools on the command line.

A side of a diff is a PDF, an edition folder (rendered now), or ``REV:EDITION`` (the edition,
layout and fonts as committed at a git revision, rendered now with this engine).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import math
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from .arguments import bounded, folder_path
from .diagnostics import Sink

PROJECT = Path(__file__).resolve().parent.parent


class SideError(Exception):
    """A side of a diff could not be read or rendered."""


MAX_DPI = 600  # a US Letter page at 600 dpi is 34 megapixels; more is never needed to review


def add_review_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("preview", parents=[common], help="PNG of each page and a contact sheet")
    p.add_argument("source", help="a PDF or an edition folder")
    p.add_argument("--pages", default=None, help="pages to render, e.g. 3-5 or 1,4,7 (physical page numbers)")
    p.add_argument("--dpi", type=bounded(10, MAX_DPI, "--dpi"), default=150)
    p.add_argument("-o", "--output", type=folder_path, default=Path("build/preview"))
    p.set_defaults(run=cmd_preview)
    d = sub.add_parser("diff", parents=[common], help="what changed between two renderings")
    d.add_argument("old", help="a PDF, an edition folder, or REV:EDITION")
    d.add_argument("new", help="a PDF, an edition folder, or REV:EDITION")
    d.add_argument("-o", "--output", type=folder_path, default=None,
                   help="folder for report.html and its pictures (report-files/)")
    d.add_argument("--json", action="store_true", help="print the summary as JSON")
    d.add_argument("--dpi", type=bounded(36, 300, "--dpi"), default=100,
                   help="resolution the pages are compared at (36-300)")
    d.add_argument("--threshold", type=bounded(0, 1, "--threshold"), default=0.0,
                   help="share of changed pixels (0-1) under which a page counts as unchanged")
    d.add_argument("--delta-e", type=bounded(0, 100, "--delta-e"), default=None,
                   help="colour difference (CIEDE2000) a pixel may have and count as unchanged "
                        "(default 2: about what a careful eye sees on paper)")
    d.add_argument("--ignore", action="append", default=[], type=_ignore, metavar="PAGE:X0,Y0,X1,Y1",
                   help="leave a region (PDF points) out of the pixel comparison; PAGE 0 = every page")
    d.set_defaults(run=cmd_diff)


def parse_pages(spec: str | None, count: int) -> list[int] | None:
    """``3-5`` or ``1,4,7`` as page numbers, each within 1..count."""
    if not spec:
        return None
    pages: set[int] = set()
    for part in spec.split(","):
        a, _, b = part.partition("-")
        first, last = int(a), int(b or a)
        if not 1 <= first <= last <= count:
            raise ValueError(f"pages run from 1 to {count}; '{part}' is not among them")
        pages.update(range(first, last + 1))
    return sorted(pages)


def cmd_preview(args: argparse.Namespace) -> int:
    from .review import LayoutMapError, RasterError, preview
    from .review.layout import load_layout
    from .review.raster import page_count
    try:
        with _rendered(args.source, args) as (pdf, _label):
            load_layout(pdf)  # a PDF beside a map of another build is from a broken build
            try:
                pages = parse_pages(args.pages, page_count(pdf))
            except ValueError as exc:
                detail = str(exc) if "pages run" in str(exc) else "it is not like 3-5 or 1,4,7"
                print(f"impact-report preview: --pages {args.pages!r}: {detail}", file=sys.stderr)
                return 2
            result = preview(pdf, args.output, pages, args.dpi)
    except (SideError, RasterError, LayoutMapError) as exc:
        print(f"impact-report preview: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        for path, name in zip(result.pages, result.names):
            print(f"{path.name}: {name}", file=sys.stderr)
        print(f"wrote {len(result.pages)} pages and {result.contact_sheet}", file=sys.stderr)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .review import (
        DiffOptions,
        LayoutMapError,
        RasterError,
        Side,
        diff,
        pictures_folder,
        render_json,
        render_terminal,
        write_html,
    )
    report = args.output / "report.html" if args.output is not None else None
    folder = pictures_folder(report) if report is not None else None
    options = DiffOptions(args.dpi, threshold=args.threshold, ignore=tuple(args.ignore), pictures=folder)
    if args.delta_e is not None:
        options = dataclasses.replace(options, delta_e=args.delta_e)
    try:
        with _rendered(args.old, args) as (old_pdf, old_label), _rendered(args.new, args) as (new_pdf, new_label):
            if folder is not None:
                _fresh_folder(folder)
            result = diff(Side.of(old_pdf, old_label), Side.of(new_pdf, new_label), options)
            if report is not None:
                write_html(result, report)
    except (SideError, LayoutMapError, RasterError) as exc:
        print(f"impact-report diff: {exc}", file=sys.stderr)
        return 2
    print(render_json(result) if args.json else render_terminal(result), end="")
    if report is not None and not args.quiet:
        print(f"wrote {report} and its pictures in {folder}", file=sys.stderr)
    return result.exit_code


def _fresh_folder(folder: Path) -> None:
    """The pictures' folder, emptied of an earlier report's pictures (and nothing else)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()


def _ignore(spec: str) -> Any:
    from .review import Ignore
    page, _, box = spec.partition(":")
    try:
        values = [float(v) for v in box.split(",")]
        number = int(page)
    except ValueError:
        values, number = [], -1
    if len(values) != 4 or number < 0 or not all(math.isfinite(v) for v in values) \
            or values[0] >= values[2] or values[1] >= values[3]:
        raise argparse.ArgumentTypeError(f"'{spec}' is not PAGE:X0,Y0,X1,Y1 (a page number, 0 for every page, "
                                         "and a box in points with X0 < X1 and Y0 < Y1)")
    return Ignore(number, (values[0], values[1], values[2], values[3]))


@contextlib.contextmanager
def _rendered(source: str, args: argparse.Namespace) -> Iterator[tuple[Path, str]]:
    """The PDF for one side: the file itself, or a rendering made in a temporary folder."""
    path = Path(source)
    if path.suffix.lower() == ".pdf":
        if not path.is_file():
            raise SideError(f"no such PDF: {source}")
        _check_readable(path)
        yield path, source
        return
    with tempfile.TemporaryDirectory(prefix="impact-report-") as tmp:
        if path.is_dir():
            layout = args.layout or PROJECT / "layout"
            fonts = args.fonts or PROJECT / "fonts"
            yield _render(path.resolve(), layout, fonts, Path(tmp), Path.cwd()), source
            return
        rev, sep, edition = source.partition(":")
        if not sep or not edition:
            raise SideError(f"'{source}' is not a PDF, an edition folder or REV:EDITION")
        tree = Path(tmp) / "tree"
        _checkout(rev, tree, edition)
        inside = (tree / edition).resolve()
        if not inside.is_dir() or tree.resolve() not in inside.parents:  # not ../ out of the revision
            raise SideError(f"'{edition}' is not an edition folder at {rev}")
        yield _render(tree / edition, tree / "layout", tree / "fonts", Path(tmp), tree), source


def _check_readable(pdf: Path) -> None:
    """A file named .pdf that is not one (cut off, empty, encrypted) is the user's input: say so."""
    import pypdfium2 as pdfium

    try:
        pdfium.PdfDocument(str(pdf)).close()
    except pdfium.PdfiumError as exc:
        raise SideError(f"cannot read {pdf}: {exc}") from None


def _checkout(rev: str, into: Path, edition: str) -> None:
    """The edition, layout and fonts as committed at ``rev``, written from git's objects (no
    worktree left behind). Only regular files are written: a link committed at ``rev`` is
    refused, never followed (it could lead anywhere on the machine), and so is a path that
    would leave ``into``."""
    if not rev or rev.startswith("-"):  # git would read it as an option (--output=..., --remote=...)
        raise SideError(f"'{rev}' is not a revision")
    if not _relative_inside(edition):
        raise SideError(f"'{edition}' is not an edition folder at {rev}")
    into.mkdir()
    listing = _git(rev, "ls-tree", "-r", "-l", "-z", rev, "--", edition, "layout", "fonts")
    blobs: list[tuple[str, str]] = []
    total = 0
    for entry in filter(None, listing.split(b"\0")):
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, sha, size = meta.split()
        path = raw_path.decode("utf-8", errors="surrogateescape")
        if mode == b"120000":
            raise SideError(f"'{path}' is a symbolic link at {rev}; links in a revision are not followed")
        if kind == b"blob":
            blobs.append((sha.decode(), path))
            total += int(size)
    if total > MAX_REVISION_BYTES:
        raise SideError(f"'{edition}', layout and fonts at {rev} hold {total:,} bytes; at most "
                        f"{MAX_REVISION_BYTES:,} are read")
    _write_blobs(rev, blobs, into)


#: What ``REV:EDITION`` may hold in all, so a revision cannot fill the memory or the disk.
MAX_REVISION_BYTES = 1 << 30


def _git(rev: str, *args: str, stdin: bytes | None = None) -> bytes:
    import subprocess  # here, not at the top: every command's parser imports this module

    try:
        return subprocess.run(["git", "-C", str(PROJECT), *args], input=stdin, capture_output=True, check=True,
                              timeout=120).stdout
    except (subprocess.CalledProcessError, OSError, subprocess.TimeoutExpired) as exc:
        said = getattr(exc, "stderr", b"").decode(errors="replace").strip()
        raise SideError(f"cannot read revision '{rev}': {said or exc}") from exc


def _relative_inside(path: str) -> bool:
    """Whether ``path`` names something strictly inside the folder it is relative to."""
    pure = PurePosixPath(path)
    return bool(pure.parts) and not pure.is_absolute() and ".." not in pure.parts


def _write_blobs(rev: str, blobs: list[tuple[str, str]], into: Path) -> None:
    """Write each ``(sha, path)`` under ``into``, read in one ``git cat-file --batch``."""
    out = _git(rev, "cat-file", "--batch", stdin="".join(f"{sha}\n" for sha, _ in blobs).encode())
    at = 0
    for _sha, path in blobs:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split()  # "<sha> blob <size>", or "<sha> missing"
        kind, size = (header[1], int(header[2])) if len(header) == 3 else (b"missing", 0)
        target = into / path
        if kind != b"blob" or not _relative_inside(path):  # a crafted tree, or git changed its output
            raise SideError(f"'{path}' at {rev} cannot be read as a file inside the revision's tree")
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as fh:  # "x": never through anything already there
            fh.write(out[header_end + 1:header_end + 1 + size])
        at = header_end + 1 + size + 1


def _render(edition: Path, layout: Path, fonts: Path, tmp: Path, cwd: Path) -> Path:
    """Render an edition; paths in its layout map are shown relative to ``cwd``."""
    from .build import Paths, build
    out = tmp / "render" / f"{edition.name}.pdf"
    sink = Sink()
    here = Path.cwd()
    os.chdir(cwd)
    try:
        # Charts are cached by their data and look, so renderings for review can share one cache.
        rendering = build(Paths(edition, layout, fonts), out, sink, chart_cache=Path("build") / ".chart-cache")
    finally:
        os.chdir(here)
    if rendering is None:
        raise SideError("cannot render " + str(edition) + ":\n" + "\n".join(d.render() for d in sink.errors))
    return out
