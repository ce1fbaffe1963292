"""``impact-report``: build | watch | check | preview | diff.

Exit codes: 0 done, 1 content error (or, for diff, "something changed"), 2 usage error.
Progress goes to stderr; ``--quiet`` silences it.

:func:`run` is the program (``impact-report``, ``python -m renderer``); :func:`main` is the
same without leaving the process, for callers that stay (tests, the watch).
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from .arguments import folder_path, pdf_path
from .diagnostics import ContentError, Diagnostic, Sink
from .gate import Refused
from .profiles import PROFILES
from .safety import guard_reportlab
from .source_date import source_date_problem

if TYPE_CHECKING:
    from .build import Paths

PROJECT = Path(__file__).resolve().parent.parent


def _default_dir(name: str) -> Path:
    here = Path(name)
    return here if here.is_dir() else PROJECT / name


#: Commands defined here; the review commands (``review_cli``) are added for any other word.
_CORE = frozenset({"build", "watch", "check", "schema", "preflight"})


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given the command asked for, one of :data:`_CORE`, it leaves
    out the review commands, whose import and options cost a build 4–8 ms for nothing."""
    p = argparse.ArgumentParser(prog="impact-report", description="Render annual-report editions to PDF.")
    sub = p.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--layout", type=Path, default=None, help="layout folder (default: ./layout)")
    common.add_argument("--fonts", type=Path, default=None, help="fonts folder (default: ./fonts)")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    b = sub.add_parser("build", parents=[common], help="render an edition to PDF")
    b.add_argument("edition", nargs="?", type=Path, default=Path("content/2022"))
    b.add_argument("-o", "--output", type=pdf_path, default=None,
                   help="PDF path (default: build/impact-report-NAME.pdf)")
    b.add_argument("--strict", action="store_true", help="treat warnings (e.g. a missed page expectation) as errors")
    b.add_argument("--profile", choices=tuple(PROFILES), default=None,
                   help="screen (RGB, links) or press (CMYK, bleed, marks, PDF/X); default from layout/")
    w = sub.add_parser("watch", parents=[common], help="build, then rebuild on every save and show the pages")
    w.add_argument("edition", nargs="?", type=Path, default=Path("content/2022"))
    w.add_argument("-o", "--output", type=pdf_path, default=None,
                   help="PDF path (default: build/impact-report-NAME.pdf)")
    w.add_argument("--port", type=_port, default=WATCH_PORT,
                   help=f"the preview's port on 127.0.0.1 (default {WATCH_PORT}; 0: any free port)")
    w.add_argument("--open", action="store_true", help="open the preview in the web browser")
    w.add_argument("--reveal", type=_source_line, default=None, metavar="FILE:LINE",
                   help="scroll the preview to the region that source line made, and outline it")
    w.add_argument("--strict", action="store_true", help="treat warnings as errors")
    w.add_argument("--profile", choices=tuple(PROFILES), default=None,
                   help="screen or press; default from layout/")
    c = sub.add_parser("check", parents=[common], help="validate an edition; writes nothing")
    c.add_argument("edition", type=Path)
    c.add_argument("--strict", action="store_true")
    c.add_argument("--profile", choices=tuple(PROFILES), default=None,
                   help="check for screen or press (a press check wants pictures it can separate)")
    sc = sub.add_parser("schema", help="write the JSON Schemas of content files")
    sc.add_argument("-o", "--output", type=folder_path, default=Path("content"), help="folder (default: content)")
    sc.add_argument("-q", "--quiet", action="store_true")
    pf = sub.add_parser("preflight", help="check a PDF the way a print shop's intake does")
    pf.add_argument("pdf", type=Path)
    # "ua" is renderer.preflight.ua.PROFILE, named here so that parsing the command line does
    # not import the PDF readers (a test holds the two equal).
    pf.add_argument("--profile", choices=(*PROFILES, "ua"), default="press",
                    help="an output profile's checks, or 'ua': PDF/UA-1 (ISO 14289-1)")
    pf.add_argument("--trim", default="612x792", help="the ordered trim size in points, WxH (default US Letter)")
    pf.add_argument("--no-saddle-stitch", action="store_true",
                    help="do not warn about a page count not a multiple of 4")
    if command not in _CORE:
        from .review_cli import add_review_commands
        add_review_commands(sub, common)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit code."""
    return _main(argv)[0]


def run() -> NoReturn:
    """The program: run the command on ``sys.argv`` and end the process with its exit code.

    A build or check ends without tearing the interpreter down: freeing the heap object by
    object, module by module, takes 30 ms after a 24-page build and 0.4 s after 1,000 pages, and
    nothing is left to do by then. By the time the command returns, everything it writes is
    written, closed and synced (``write_together`` syncs the PDF, its map and their folder;
    the chart and hyphenation caches are written in the build; the chart workers are stopped),
    so only the streams' buffers are left to flush. Any other command, an exception on its
    way out, a stream that cannot be flushed, or a profiler or coverage tracer that writes its
    findings at exit, ends the ordinary way."""
    code, one_shot = _main(None)
    if one_shot and sys.getprofile() is None and sys.gettrace() is None:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe: let the ordinary exit report it as it would
            sys.exit(code)
        os._exit(code)
    sys.exit(code)


#: Commands whose process may end without the interpreter's teardown (see :func:`run`): they
#: leave no thread, child process, temporary file or exit handler with work to do.
_ONE_SHOT = frozenset({"build", "check"})


def _main(argv: Sequence[str] | None) -> tuple[int, bool]:
    """The exit code, and whether the process may end at once (see :func:`run`)."""
    guard_reportlab()
    words = sys.argv[1:] if argv is None else list(argv)
    parser = _parser(words[0] if words else None)
    args = parser.parse_args(words)
    if args.command in _RENDERING and (problem := source_date_problem()) is not None:
        print(f"impact-report {args.command}: {problem}", file=sys.stderr)
        return 2, False
    return _command(args), args.command in _ONE_SHOT


def _command(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args) if hasattr(args, "run") else _COMMANDS[args.command](args))
    except ContentError as exc:
        _report(exc.diagnostics)
        return 1
    except Refused as exc:  # a file the gate passed was swapped for a link, FIFO or device mid-run
        print(f"impact-report {args.command}: {exc}; nothing was written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130
    except OSError as exc:
        if not _in_output(exc, getattr(args, "output", None)):
            raise
        print(f"impact-report {args.command}: cannot write {exc.filename}: {exc.strerror}; nothing was written",
              file=sys.stderr)
        return 2


#: Commands that may render a PDF, and so read SOURCE_DATE_EPOCH.
_RENDERING = frozenset({"build", "watch", "preview", "diff"})
WATCH_PORT = 8719


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (0 to 65535)")
    return int(text)


def _source_line(text: str) -> tuple[Path, int]:
    """``FILE:LINE``: a page file and a line in it (1 or more)."""
    name, _, line = text.rpartition(":")
    if not name or not line.isdigit() or int(line) < 1 or len(line) > 9:
        raise argparse.ArgumentTypeError(f"{text!r} is not FILE:LINE (a page file, a colon, a line number)")
    if not Path(name).is_file():
        raise argparse.ArgumentTypeError(f"{name} is not a file")
    return Path(name), int(line)


def _in_output(exc: OSError, output: Path | None) -> bool:
    """Whether ``exc`` is about the file or folder ``-o`` names (a read-only disk, say): a
    usage error, exit code 2, where any other OSError would be a bug and keeps its traceback."""
    if output is None or exc.filename is None:
        return False
    failed = Path(exc.filename).absolute()
    return failed == output.absolute() or output.absolute() in failed.parents


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        print(d.render(), file=sys.stderr)


def _finish(sink: Sink, strict: bool, quiet: bool) -> int:
    if sink.errors or (strict and sink.items):
        _report(sorted(sink.items, key=lambda d: (str(d.span or ""),)))
        n = len(sink.errors) + (len(sink.warnings) if strict else 0)
        print(f"{n} error{'s' if n != 1 else ''}; nothing was written", file=sys.stderr)
        return 1
    if not quiet:
        _report(sink.warnings)
    return 0


def chart_cache_dir(output: Path) -> Path:
    """Charts are cached beside the PDF they were drawn for."""
    return output.parent / ".chart-cache"


def _paths(args: argparse.Namespace) -> Paths:
    from .build import Paths
    return Paths(args.edition, args.layout or _default_dir("layout"), args.fonts or _default_dir("fonts"))


def cmd_build(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    # A build is a short batch run whose garbage reference counting frees: the cyclic
    # collector's passes over the growing heap cost about a tenth of the time of a long
    # report and find almost nothing (peak memory grows by 4 MB at 1,000 pages).
    gc.disable()
    output = args.output or Path("build") / f"impact-report-{args.edition.resolve().name}.pdf"
    # On a first build, chart workers start importing matplotlib now, while this process
    # imports the layout engine and reads the content.
    from .charts.artist import prewarm, workers_for
    charts = _charts_mentioned(args.edition)
    pool = prewarm(chart_cache_dir(output), workers_for(charts)) if charts else None
    from .build import build
    sink = Sink()
    try:
        rendering = build(_paths(args), output, sink, strict=args.strict, profile=args.profile, chart_pool=pool)
    finally:
        if pool is not None:  # stopped and joined here, not by an exit handler (see run)
            pool.shutdown(wait=True, cancel_futures=True)
    code = _finish(sink, args.strict, args.quiet)
    if rendering is not None and code == 0 and not args.quiet:
        print(f"wrote {output} ({rendering.page_count} pages, {len(rendering.pdf):,} bytes, "
              f"{rendering.passes} layout pass, charts {rendering.chart_hits} cached / "
              f"{rendering.chart_misses} drawn) in {time.perf_counter() - start:.2f} s", file=sys.stderr)
    return code


_CHART = re.compile(rb"""type['"]?\s*:\s*['"]?chart\b""")
#: Page files read for the hint, from the first: a report of 1,000 files without a chart spent
#: 0.1 s reading them all (each through the gate) before the build read them again, for a head
#: start of no more than importing the engine. A chart further on is drawn all the same.
HINT_FILES = 64


def _charts_mentioned(edition: Path) -> int:
    """How many chart blocks the page files seem to hold: an edition without charts should not
    pay a worker's matplotlib import, and one with a few needs one worker. (Only a hint read
    before parsing: a chart it misses is still drawn, just without the head start.) Only the
    manifest's page files are read, through the gate, as the loader will read them: never
    another file in the folder, and no more than the first :data:`HINT_FILES`."""
    from .gate import read_regular
    from .load import SourceLimits
    from .model.edition import listed_page_files
    found = 0
    for path in listed_page_files(edition, HINT_FILES):
        try:
            found += len(_CHART.findall(read_regular(path, SourceLimits().max_bytes)))
        except (Refused, OSError):
            continue  # the build reports it at its line
    return found


def cmd_watch(args: argparse.Namespace) -> int:
    from .watch import Builder, watch
    output = args.output or Path("build") / f"impact-report-{args.edition.resolve().name}.pdf"
    reveal = ""
    if args.reveal is not None:
        path, line = args.reveal
        if args.edition.resolve() not in path.resolve().parents:
            print(f"impact-report watch: --reveal {path} is not a file of the edition {args.edition}", file=sys.stderr)
            return 2
        reveal = f"{path.resolve()}:{line}"  # the page matches it with the map's sources by absolute path
    try:
        return watch(Builder(_paths(args), output, args.strict, args.profile), args.port, args.open, sys.stderr,
                     reveal)
    except OSError as exc:
        if exc.filename is not None:
            raise
        if reveal and exc.errno == errno.EADDRINUSE and _reveal_in_running_watch(args.port, reveal, args.open):
            return 0
        print(f"impact-report watch: cannot serve the preview on 127.0.0.1:{args.port}: {exc.strerror}",
              file=sys.stderr)
        return 2


def _reveal_in_running_watch(port: int, reveal: str, open_browser: bool) -> bool:
    """A watch already serves the port: its open pages scroll to the line (and with --open, a
    new one opens there)."""
    import webbrowser
    from urllib.parse import quote

    from .watch.server import HOST, tell_reveal
    if not tell_reveal(port, reveal):
        return False
    url = f"http://{HOST}:{port}/"
    print(f"watch: revealed {reveal} in the preview already at {url}", file=sys.stderr)
    if open_browser:
        webbrowser.open(f"{url}#reveal={quote(reveal)}")
    return True


def cmd_check(args: argparse.Namespace) -> int:
    from .validate import check_edition
    sink = Sink()
    paths = _paths(args)
    checked = check_edition(paths.edition, paths.layout, paths.fonts, sink, profile=args.profile)
    code = _finish(sink, args.strict, args.quiet)
    if checked is not None and code == 0 and not args.quiet:
        print(f"{paths.edition}: {len(checked.edition.pages)} pages, {len(checked.edition.blocks())} blocks, "
              "no problems", file=sys.stderr)
    return code


def cmd_schema(args: argparse.Namespace) -> int:
    from .pdf.write import write_atomic
    from .schema import manifest_schema, page_schema, render
    for name, schema in (("manifest.schema.json", manifest_schema()), ("page.schema.json", page_schema())):
        write_atomic(args.output / name, render(schema).encode())
        if not args.quiet:
            print(f"wrote {args.output / name}", file=sys.stderr)
    return 0


def cmd_preflight(args: argparse.Namespace) -> int:
    from .preflight import preflight, render_table
    try:
        w, h = (float(v) for v in args.trim.lower().split("x"))
    except ValueError:
        print(f"impact-report preflight: --trim {args.trim!r} is not WxH in points", file=sys.stderr)
        return 2
    if not args.pdf.is_file():
        print(f"impact-report preflight: no such file: {args.pdf}", file=sys.stderr)
        return 2
    try:
        report = preflight(args.pdf, args.profile, (w, h), not args.no_saddle_stitch)
    except Exception as exc:  # an unreadable PDF is the user's input, not our bug
        print(f"impact-report preflight: cannot read {args.pdf}: {exc}", file=sys.stderr)
        return 2
    print(render_table(report), end="")
    return report.exit_code


_COMMANDS = {"build": cmd_build, "watch": cmd_watch, "check": cmd_check, "schema": cmd_schema,
             "preflight": cmd_preflight}
