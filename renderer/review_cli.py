"""``impact-report preview`` and ``impact-report diff``: the review tools on the command line.

A side of a diff is a PDF, an edition folder (rendered now), or ``REV:EDITION`` (the edition,
layout and fonts as committed at a git revision, rendered now with this engine).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .arguments import folder_path
from .diagnostics import Sink

PROJECT = Path(__file__).resolve().parent.parent


class SideError(Exception):
    """A side of a diff could not be read or rendered."""


def add_review_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("preview", parents=[common], help="PNG of each page and a contact sheet")
    p.add_argument("source", help="a PDF or an edition folder")
    p.add_argument("--pages", default=None, help="pages to render, e.g. 3-5 or 1,4,7 (physical page numbers)")
    p.add_argument("--dpi", type=float, default=150)
    p.add_argument("-o", "--output", type=folder_path, default=Path("build/preview"))
    p.set_defaults(run=cmd_preview)
    d = sub.add_parser("diff", parents=[common], help="what changed between two renderings")
    d.add_argument("old", help="a PDF, an edition folder, or REV:EDITION")
    d.add_argument("new", help="a PDF, an edition folder, or REV:EDITION")
    d.add_argument("-o", "--output", type=folder_path, default=None, help="folder for report.html")
    d.add_argument("--json", action="store_true", help="print the summary as JSON")
    d.add_argument("--dpi", type=float, default=100)
    d.add_argument("--threshold", type=float, default=0.0,
                   help="share of changed pixels (0-1) under which a page counts as unchanged")
    d.add_argument("--tolerance", type=int, default=40, help="per-channel colour difference (0-255) ignored")
    d.add_argument("--ignore", action="append", default=[], metavar="PAGE:X0,Y0,X1,Y1",
                   help="leave a region (PDF points) out of the pixel comparison; PAGE 0 = every page")
    d.set_defaults(run=cmd_diff)


def parse_pages(spec: str | None) -> list[int] | None:
    if not spec:
        return None
    pages: list[int] = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        pages += list(range(int(a), int(b or a) + 1))
    return pages


def cmd_preview(args: argparse.Namespace) -> int:
    from .review import LayoutMapError, preview
    from .review.layout import load_layout
    try:
        pages = parse_pages(args.pages)
    except ValueError:
        print(f"impact-report preview: --pages {args.pages!r} is not like 3-5 or 1,4,7", file=sys.stderr)
        return 2
    try:
        with _rendered(args.source, args) as (pdf, _label):
            load_layout(pdf)  # a PDF beside a map of another build is from a broken build
            result = preview(pdf, args.output, pages, args.dpi)
    except (SideError, LayoutMapError) as exc:
        print(f"impact-report preview: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"wrote {len(result.pages)} pages and {result.contact_sheet}", file=sys.stderr)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .review import DiffOptions, Ignore, LayoutMapError, Side, diff, render_json, render_terminal, write_html
    try:
        ignore = tuple(_ignore(spec, Ignore) for spec in args.ignore)
    except ValueError:
        print("impact-report diff: --ignore takes PAGE:X0,Y0,X1,Y1", file=sys.stderr)
        return 2
    options = DiffOptions(args.dpi, args.tolerance, args.threshold, ignore)
    try:
        with _rendered(args.old, args) as (old_pdf, old_label), _rendered(args.new, args) as (new_pdf, new_label):
            result = diff(Side.of(old_pdf, old_label), Side.of(new_pdf, new_label), options)
            if args.output is not None:
                write_html(result, args.output / "report.html")
    except (SideError, LayoutMapError) as exc:
        print(f"impact-report diff: {exc}", file=sys.stderr)
        return 2
    print(render_json(result) if args.json else render_terminal(result), end="")
    if args.output is not None and not args.quiet:
        print(f"wrote {args.output / 'report.html'}", file=sys.stderr)
    return result.exit_code


def _ignore(spec: str, cls: Any) -> Any:
    page, _, box = spec.partition(":")
    x0, y0, x1, y1 = (float(v) for v in box.split(","))
    return cls(int(page), (x0, y0, x1, y1))


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
        _checkout(rev, tree)
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


def _checkout(rev: str, into: Path) -> None:
    """The content, layout and fonts as committed at ``rev`` (git archive: no worktree left behind)."""
    if not rev or rev.startswith("-"):  # git would read it as an option (--output=..., --remote=...)
        raise SideError(f"'{rev}' is not a revision")
    into.mkdir()
    try:
        archive = subprocess.run(["git", "-C", str(PROJECT), "archive", "--format=tar", rev, "content", "layout", "fonts"],
                                 capture_output=True, check=True, timeout=120).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, OSError) as exc:
        raise SideError(f"cannot read revision '{rev}': {getattr(exc, 'stderr', b'').decode(errors='replace').strip() or exc}")


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
