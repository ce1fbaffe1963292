"""A build's process ends without the interpreter's teardown (``renderer.cli.run``): what a
user checks after it is all there. The PDF and its layout map on disk are whole and belong
together, every warning and progress line is printed, the exit code is the one a normal exit
gives, and a build that fails leaves the last good pair as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf

from renderer import buildid, layoutmap
from tests.conftest import FONTS, LAYOUT, ROOT, body_page, render_edition

# The program as ``impact-report`` runs it, with an exit handler of its own first: the
# handler prints only when the interpreter is torn down the ordinary way.
PROGRAM = ("import atexit, sys\n"
           "atexit.register(lambda: print('torn down', file=sys.stderr))\n"
           "from renderer.cli import run\n"
           "run()\n")

WARNING = "{type: heading, level: 2, text: Goodbye, expect_folio: 1}"
OPENING = "{type: heading, level: 1, text: Opening}"  # a tagged edition's headings start at level 1


def program(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-c", PROGRAM, *args, "--layout", str(LAYOUT), "--fonts", str(FONTS)]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=env if env is not None else _environment())


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)  # the streams buffered as on a user's machine
    return env


def pair(pdf: Path) -> tuple[bytes, bytes]:
    return pdf.read_bytes(), pdf.with_suffix(".layout.json").read_bytes()


def assert_whole_pair(pdf: Path) -> str:
    """The PDF opens with every page, and the map beside it is of that very file; the id."""
    data, map_text = pair(pdf)
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) >= 1
    layout, map_id = layoutmap.loads(map_text.decode())
    assert map_id is not None and map_id == buildid.read(data)
    assert buildid.stamp(data)[1] == map_id  # the id is the hash of these very bytes
    assert len(layout.pages) == len(pikepdf.open(pdf).pages)
    return map_id


def test_a_build_ends_at_once_with_its_pair_whole_and_every_line_printed(
        edition: Callable[..., Path], tmp_path: Path) -> None:
    root = edition(body_page("{type: heading, level: 1, text: Hello}", "{type: paragraph, text: World}",
                             WARNING))
    out = tmp_path / "out" / "report.pdf"
    result = program("build", str(root), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "torn down" not in result.stderr  # it did end without the teardown
    lines = result.stderr.splitlines()
    assert "warning: 'expect_folio' is checked on level-1 headings" in lines[0]
    assert lines[-1].startswith(f"wrote {out} (1 pages, ") and lines[-1].endswith(" s")
    assert assert_whole_pair(out)
    rendering, _ = render_edition(root)  # the same bytes as a build that stays in its process
    assert rendering is not None and out.read_bytes() == rendering.pdf
    assert sorted(p.name for p in out.parent.iterdir()) == [".chart-cache", ".impact-report.lock",
                                                            "report.layout.json", "report.pdf"]
    assert not [p for p in (out.parent / ".chart-cache").iterdir() if p.suffix == ".tmp"]  # no temporary file


def test_caches_the_build_writes_are_complete_when_it_ends(edition: Callable[..., Path],
                                                          tmp_path: Path) -> None:
    chart = ("type: chart\nkind: bar\ntitle: Reports\ndata:\n  - {label: Online, value: 3}\n"
             "  - {label: Phone, value: 5}")
    other = chart.replace("Reports", "Calls")
    root = edition(body_page(chart, other))
    out = tmp_path / "r.pdf"
    first = program("build", str(root), "-o", str(out))
    assert first.returncode == 0, first.stderr
    assert "charts 0 cached / 2 drawn" in first.stderr
    cache = tmp_path / ".chart-cache"
    for entry in cache.glob("*.json"):
        if entry.name != "hyphenation.json":
            json.loads(entry.read_text())["ops"]  # whole JSON, not a file cut off by the exit
    again = program("build", str(root), "-o", str(out))
    assert again.returncode == 0 and "charts 2 cached / 0 drawn" in again.stderr
    assert "torn down" not in again.stderr
    assert_whole_pair(out)


def test_a_content_error_exits_1_with_every_problem_printed_and_the_last_pair_kept(
        edition: Callable[..., Path], tmp_path: Path) -> None:
    root = edition(body_page("{type: paragraph, text: fine}"))
    out = tmp_path / "r.pdf"
    assert program("build", str(root), "-o", str(out)).returncode == 0
    before = pair(out)
    (root / "00-page.yaml").write_text(body_page("{type: paragraph, txt: oops}", "{type: heading, level: 9}"))
    result = program("build", str(root), "-o", str(out))
    assert result.returncode == 1
    assert "torn down" not in result.stderr
    lines = result.stderr.splitlines()
    assert any("00-page.yaml:3:23: error: unknown key 'txt'" in line for line in lines)
    assert any("00-page.yaml:4:" in line for line in lines)
    errors = [line for line in lines if ": error: " in line]
    assert len(errors) >= 2 and lines[-1] == f"{len(errors)} errors; nothing was written"
    assert pair(out) == before
    assert_whole_pair(out)


def test_strict_fails_on_a_warning_with_exit_1_and_keeps_the_last_pair(edition: Callable[..., Path],
                                                                       tmp_path: Path) -> None:
    root = edition(body_page(OPENING, "{type: heading, level: 2, text: Hello}"))
    out = tmp_path / "r.pdf"
    assert program("build", str(root), "-o", str(out), "--strict").returncode == 0
    before = pair(out)
    (root / "00-page.yaml").write_text(body_page(OPENING, WARNING))
    result = program("build", str(root), "-o", str(out), "--strict")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "1 error; nothing was written"
    assert pair(out) == before


def test_check_ends_at_once_too_and_says_so(edition: Callable[..., Path]) -> None:
    root = edition(body_page("{type: paragraph, text: fine}"))
    result = program("check", str(root))
    assert result.returncode == 0 and "torn down" not in result.stderr
    assert result.stderr.splitlines()[-1].endswith("1 pages, 1 blocks, no problems")


def test_other_commands_and_usage_errors_end_the_ordinary_way(tmp_path: Path) -> None:
    usage = program("build", "--profile", "nonsense")
    assert usage.returncode == 2 and "invalid choice" in usage.stderr and "torn down" in usage.stderr
    schema = subprocess.run([sys.executable, "-c", PROGRAM, "schema", "-o", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, env=_environment())
    assert schema.returncode == 0 and "torn down" in schema.stderr
    assert (tmp_path / "page.schema.json").is_file()


def test_progress_written_to_a_file_is_whole(edition: Callable[..., Path], tmp_path: Path) -> None:
    """stderr sent to a file (a CI log) rather than a pipe: the lines reach it all the same."""
    root = edition(body_page(OPENING, WARNING))
    log = tmp_path / "build.log"
    with log.open("w") as fh:
        code = subprocess.run([sys.executable, "-c", PROGRAM, "build", str(root), "-o", str(tmp_path / "r.pdf"),
                               "--layout", str(LAYOUT), "--fonts", str(FONTS)], cwd=ROOT, stdout=fh, stderr=fh,
                              timeout=120, env=_environment()).returncode
    assert code == 0
    lines = log.read_text().splitlines()
    assert len(lines) == 2 and "warning: 'expect_folio'" in lines[0] and lines[1].startswith("wrote ")


def test_a_failed_build_that_started_chart_workers_ends_with_them(edition: Callable[..., Path],
                                                                   tmp_path: Path) -> None:
    # The command starts chart workers before it reads anything (the page names a chart); the
    # content then fails its check. The workers inherit the process's output pipes: left
    # running, the caller's read of those pipes would never end (run() times out here).
    root = edition(body_page("{type: chart, kind: bar, title: T, data: [{label: a, value: 1}]}",
                             "{type: paragraph, txet: typo}"))
    result = program("build", str(root), "-o", str(tmp_path / "r.pdf"))
    assert result.returncode == 1 and "unknown key 'txet'" in result.stderr
    left = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline(p).count(str(root))]
    assert not left, "chart workers outlived the build"


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""
